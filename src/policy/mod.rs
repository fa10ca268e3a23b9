//! Policies: dated versions of the rules of one region, every figure cited
//! or marked as assumed.
//!
//! - [`read`]: a policy file (TOML) into a [`Policy`], with errors naming
//!   the file, the field and the line;
//! - [`validate`]: the checks a version must pass, also after overrides;
//!
//! The default data set, read and validated at build time, is `crate::baked`;
//! [`data`] is the binary form it and the page's per-region files share.
//! Changing a type here means bumping [`data::FORMAT`].

pub mod data;
pub mod figure;
pub mod read;
pub mod terms;
pub mod validate;

use serde::{Deserialize, Serialize};

use crate::date::Date;
pub use figure::{Assumption, Citation, Figure, Origin, Unit};
pub use terms::{Category, Level, Scheme, SupplementaryBase};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    /// ASCII id used in requests and URLs, e.g. `inner_mongolia`.
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub province_zh: String,
    pub province_en: String,
    /// The policy file it was read from (for messages).
    pub file: String,
    /// What a reader of the policy should know: how unclear wording was read,
    /// how the rules compare with the figures the source reports observed.
    pub notes_zh: Option<String>,
    pub notes_en: Option<String>,
    /// In the order of the file; their dates do not overlap.
    pub versions: Vec<Version>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Version {
    /// How people name the version, e.g. `2020`.
    pub label: String,
    pub valid_from: Date,
    pub valid_to: Date,
    pub schemes: Vec<Scheme>,
    pub categories: Vec<Category>,
    /// The hospital levels this version uses, in its own words.
    pub levels: Vec<LevelName>,
    /// Per scheme; empty when the policy has no basic layer.
    pub basic: Vec<Basic>,
    pub critical_illness: Option<CriticalIllness>,
    pub medical_assistance: Option<MedicalAssistance>,
    pub supplementary: Option<Supplementary>,
    pub backstop: Option<Backstop>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelName {
    pub level: Level,
    pub name_zh: String,
    pub name_en: String,
}

/// One figure per hospital level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ByLevel(pub Vec<(Level, Figure)>);

impl ByLevel {
    pub fn get(&self, level: Level) -> Option<&Figure> {
        self.0
            .iter()
            .find(|(l, _)| *l == level)
            .map(|(_, figure)| figure)
    }
}

/// The categories a rule is for, and where the text says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Who {
    pub categories: Vec<Category>,
    pub statement: Statement,
}

/// A rule without a number (who it is for, "no cap"), cited or assumed like a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub path: std::sync::Arc<str>,
    pub origin: Origin,
}

impl Who {
    pub fn includes(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }
}

/// Basic medical insurance (基本医保) of one scheme: per stay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Basic {
    pub scheme: Scheme,
    /// 起付线 per stay.
    pub deductible: ByLevel,
    /// 报销比例 per stay.
    pub rate: ByLevel,
    /// 统筹基金年度最高支付限额, across all stays of the year.
    pub annual_cap: Option<Figure>,
    /// A lower deductible for children (e.g. Haiyuan: under 12, level 2: 90).
    pub children: Option<ChildDeductible>,
    /// The deductible from the second stay of the year on, where it differs.
    pub later_stay_deductible: Option<ByLevel>,
    /// Rate raised by points for some categories.
    pub rate_raises: Vec<RateRaise>,
    /// 大额医疗补助: pays a share of what the annual cap left unpaid.
    pub top_up: Option<TopUp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildDeductible {
    /// Applies to people younger than this many years.
    pub under_age: Figure,
    /// Only the levels where it differs.
    pub deductible: ByLevel,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateRaise {
    pub who: Who,
    pub points: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopUp {
    pub rate: Figure,
    /// The most it pays in a year.
    pub cap: Figure,
}

/// Critical-illness insurance (大病保险): per year, on the compliant self-pay
/// left after basic insurance (its deductibles included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriticalIllness {
    /// The schemes it covers (all of the version's when the file lists none).
    pub schemes: Vec<Scheme>,
    pub threshold: Figure,
    /// Paid in segments above the threshold; all but the last have an upper bound.
    pub segments: Vec<Segment>,
    pub annual_cap: Option<Figure>,
    pub tilts: Vec<Tilt>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// Upper bound of the self-pay this segment covers; `None` for the last.
    pub up_to: Option<Figure>,
    pub rate: Figure,
}

/// How critical-illness insurance leans towards some categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tilt {
    pub who: Who,
    /// The threshold times this (50% for "起付线降低50%").
    pub threshold_factor: Option<Figure>,
    /// Every segment's rate raised by these points.
    pub rate_points: Option<Figure>,
    /// One rate for the whole amount above the threshold.
    pub flat_rate: Option<Figure>,
    /// 不设封顶线: the annual cap does not apply.
    pub cap_removed: Option<Statement>,
}

/// Medical assistance (医疗救助): for eligible categories only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MedicalAssistance {
    pub groups: Vec<AssistanceGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssistanceGroup {
    pub who: Who,
    /// Share of the compliant self-pay left after the layers before it.
    pub ratio: Figure,
    /// Annual amount of that self-pay the person bears first.
    pub deductible: Option<Figure>,
    /// 年度救助限额.
    pub annual_limit: Option<Figure>,
    /// 二次救助: share of the out-of-policy cost also paid.
    pub out_of_policy_ratio: Option<Figure>,
}

/// Supplementary insurance (补充医疗保险): per year, above a threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Supplementary {
    pub who: Who,
    pub base: SupplementaryBase,
    pub threshold: Figure,
    pub rate: Figure,
    pub annual_max: Option<Figure>,
    /// Premium per person and year; for the description, not the calculation.
    pub premium: Option<Figure>,
}

/// Government backstop (政府兜底): caps the compliant cost a person still pays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backstop {
    pub who: Who,
    /// At most this share of the year's compliant cost.
    pub max_share: Option<Figure>,
    /// At most this amount in the year.
    pub max_amount: Option<Figure>,
}

impl Policy {
    /// The version in force on `date`, or the latest one when no date is given.
    pub fn version_on(&self, date: Option<Date>) -> Option<&Version> {
        match date {
            Some(date) => self
                .versions
                .iter()
                .find(|v| v.valid_from <= date && date <= v.valid_to),
            None => self.versions.iter().max_by_key(|v| v.valid_from),
        }
    }
}

impl Version {
    pub fn basic_for(&self, scheme: Scheme) -> Option<&Basic> {
        self.basic.iter().find(|b| b.scheme == scheme)
    }

    pub fn level_name(&self, level: Level) -> Option<&LevelName> {
        self.levels.iter().find(|l| l.level == level)
    }

    /// How many of the version's figures cite the source, and how many are
    /// assumed (a figure overridden for a request counts as what it was).
    pub fn figure_counts(&self) -> (usize, usize) {
        let (mut cited, mut assumed) = (0, 0);
        self.clone().each_figure_mut(&mut |f| {
            let mut origin = &f.origin;
            while let Origin::Overridden { was, .. } = origin {
                origin = was;
            }
            match origin {
                Origin::Cited(_) => cited += 1,
                _ => assumed += 1,
            }
        });
        (cited, assumed)
    }

    /// Calls `f` on every figure of the version, in file order.
    pub fn each_figure_mut(&mut self, f: &mut dyn FnMut(&mut Figure)) {
        fn opt(figure: &mut Option<Figure>, f: &mut dyn FnMut(&mut Figure)) {
            if let Some(figure) = figure {
                f(figure);
            }
        }
        fn by_level(table: &mut ByLevel, f: &mut dyn FnMut(&mut Figure)) {
            table.0.iter_mut().for_each(|(_, figure)| f(figure));
        }
        for basic in &mut self.basic {
            by_level(&mut basic.deductible, f);
            by_level(&mut basic.rate, f);
            opt(&mut basic.annual_cap, f);
            if let Some(children) = &mut basic.children {
                f(&mut children.under_age);
                by_level(&mut children.deductible, f);
            }
            if let Some(table) = &mut basic.later_stay_deductible {
                by_level(table, f);
            }
            basic
                .rate_raises
                .iter_mut()
                .for_each(|raise| f(&mut raise.points));
            if let Some(top_up) = &mut basic.top_up {
                f(&mut top_up.rate);
                f(&mut top_up.cap);
            }
        }
        if let Some(ci) = &mut self.critical_illness {
            f(&mut ci.threshold);
            for segment in &mut ci.segments {
                opt(&mut segment.up_to, f);
                f(&mut segment.rate);
            }
            opt(&mut ci.annual_cap, f);
            for tilt in &mut ci.tilts {
                opt(&mut tilt.threshold_factor, f);
                opt(&mut tilt.rate_points, f);
                opt(&mut tilt.flat_rate, f);
            }
        }
        if let Some(ma) = &mut self.medical_assistance {
            for group in &mut ma.groups {
                f(&mut group.ratio);
                opt(&mut group.deductible, f);
                opt(&mut group.annual_limit, f);
                opt(&mut group.out_of_policy_ratio, f);
            }
        }
        if let Some(s) = &mut self.supplementary {
            f(&mut s.threshold);
            f(&mut s.rate);
            opt(&mut s.annual_max, f);
            opt(&mut s.premium, f);
        }
        if let Some(b) = &mut self.backstop {
            opt(&mut b.max_share, f);
            opt(&mut b.max_amount, f);
        }
    }
}
