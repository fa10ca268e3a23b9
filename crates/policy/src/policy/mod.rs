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

pub mod citations;
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
    /// Line of the policy file that states it (0 when not from a file).
    pub line: u32,
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
    /// Applies to people of this age and younger: the policy texts write
    /// "12岁以下", and 以下 includes the number itself (民法典 第一千二百五十九条).
    pub max_age: Figure,
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

/// The walk over every figure of a version, written once for the shared and
/// the mutable visitor (`$($m)?` is `mut` or nothing).
macro_rules! walk_figures {
    ($version:expr, $f:expr, $($m:tt)?) => {{
        let f = $f;
        for basic in & $($m)? $version.basic {
            let reach = Reach { schemes: Some(std::slice::from_ref(&basic.scheme)), ..Reach::default() };
            let at = |level: Level| Reach { level: Some(level), ..reach };
            for (level, figure) in & $($m)? basic.deductible.0 {
                f(figure, at(*level));
            }
            for (level, figure) in & $($m)? basic.rate.0 {
                f(figure, at(*level));
            }
            if let Some(figure) = & $($m)? basic.annual_cap {
                f(figure, reach);
            }
            if let Some(children) = & $($m)? basic.children {
                f(& $($m)? children.max_age, reach);
                for (level, figure) in & $($m)? children.deductible.0 {
                    f(figure, at(*level));
                }
            }
            if let Some(table) = & $($m)? basic.later_stay_deductible {
                for (level, figure) in & $($m)? table.0 {
                    f(figure, at(*level));
                }
            }
            for raise in & $($m)? basic.rate_raises {
                f(& $($m)? raise.points, Reach { categories: Some(&raise.who.categories), ..reach });
            }
            if let Some(top_up) = & $($m)? basic.top_up {
                f(& $($m)? top_up.rate, reach);
                f(& $($m)? top_up.cap, reach);
            }
        }
        if let Some(ci) = & $($m)? $version.critical_illness {
            let reach = Reach { schemes: Some(&ci.schemes), ..Reach::default() };
            f(& $($m)? ci.threshold, reach);
            for segment in & $($m)? ci.segments {
                if let Some(figure) = & $($m)? segment.up_to {
                    f(figure, reach);
                }
                f(& $($m)? segment.rate, reach);
            }
            if let Some(figure) = & $($m)? ci.annual_cap {
                f(figure, reach);
            }
            for tilt in & $($m)? ci.tilts {
                let reach = Reach { categories: Some(&tilt.who.categories), ..reach };
                for figure in [& $($m)? tilt.threshold_factor, & $($m)? tilt.rate_points, & $($m)? tilt.flat_rate]
                    .into_iter()
                    .flatten()
                {
                    f(figure, reach);
                }
            }
        }
        if let Some(ma) = & $($m)? $version.medical_assistance {
            for group in & $($m)? ma.groups {
                let reach = Reach { categories: Some(&group.who.categories), ..Reach::default() };
                f(& $($m)? group.ratio, reach);
                for figure in [& $($m)? group.deductible, & $($m)? group.annual_limit, & $($m)? group.out_of_policy_ratio]
                    .into_iter()
                    .flatten()
                {
                    f(figure, reach);
                }
            }
        }
        if let Some(s) = & $($m)? $version.supplementary {
            let reach = Reach { categories: Some(&s.who.categories), ..Reach::default() };
            f(& $($m)? s.threshold, reach);
            f(& $($m)? s.rate, reach);
            for figure in [& $($m)? s.annual_max, & $($m)? s.premium].into_iter().flatten() {
                f(figure, reach);
            }
        }
        if let Some(b) = & $($m)? $version.backstop {
            let reach = Reach { categories: Some(&b.who.categories), ..Reach::default() };
            for figure in [& $($m)? b.max_share, & $($m)? b.max_amount].into_iter().flatten() {
                f(figure, reach);
            }
        }
    }};
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
        self.each_figure(&mut |f, _| {
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

    /// Calls `f` on every figure of the version, in file order, with what a
    /// request needs for the figure to be used.
    pub fn each_figure<'v>(&'v self, f: &mut dyn FnMut(&'v Figure, Reach<'v>)) {
        walk_figures!(self, f,);
    }

    /// The figure named `path` (e.g. `critical_illness.threshold`), and what
    /// a request needs to use it.
    pub fn figure(&self, path: &str) -> Option<(&Figure, Reach<'_>)> {
        let mut found = None;
        self.each_figure(&mut |figure, reach| {
            if found.is_none() && *figure.path == *path {
                found = Some((figure, reach));
            }
        });
        found
    }

    /// Calls `f` on every figure of the version, in file order.
    pub fn each_figure_mut(&mut self, f: &mut dyn FnMut(&mut Figure)) {
        walk_figures!(self, &mut |figure: &mut Figure, _| f(figure), mut);
    }
}

/// What a request must have for a figure to be used: its scheme among
/// `schemes`, its category among `categories`, a stay at `level` (`None`:
/// no condition). An override of a figure the request cannot reach is
/// reported as unused.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reach<'v> {
    pub schemes: Option<&'v [Scheme]>,
    pub categories: Option<&'v [Category]>,
    pub level: Option<Level>,
}
