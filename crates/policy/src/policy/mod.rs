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

pub mod backstop;
pub mod basic;
pub mod chronic_outpatient;
#[cfg(feature = "files")]
pub mod citations;
pub mod critical_illness;
pub mod data;
pub mod diseases;
pub mod documents;
pub mod figure;
pub mod figures;
pub mod medical_assistance;
pub mod outpatient;
#[cfg(feature = "files")]
pub mod read;
pub mod reported;
pub mod settings;
pub mod supplementary;
pub mod terms;
pub mod validate;

use serde::Serialize;

use data::{Damaged, Decode, Reader, decoded};

use crate::date::Date;
#[cfg(feature = "files")]
use crate::error::Error;
#[cfg(feature = "files")]
use crate::read::{Node, Table};

pub use backstop::Backstop;
pub use basic::{Basic, BasicInsurance, ChildDeductible, FixedPayment, RateRaise, TopUp};
pub use chronic_outpatient::{ChronicGroup, ChronicOutpatient};
pub use critical_illness::{CriticalIllness, Segment, Tilt};
pub use diseases::Disease;
pub use documents::{Document, DocumentKind, Documents};
pub use figure::{Assumption, Citation, Figure, Origin, OtherReading, Replacement, Unit};
pub use figures::Figures;
pub use medical_assistance::{AssistanceGroup, MedicalAssistance};
pub use outpatient::Outpatient;
#[cfg(feature = "files")]
pub use read::Scope;
pub use reported::Reported;
pub use settings::SettingRule;
pub use supplementary::Supplementary;
pub use terms::{
    Category, Level, OutpatientKind, Scheme, SegmentBounds, Setting, SupplementaryBase,
};
pub use validate::Invalid;

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Policy {
        /// ASCII id used in requests and URLs, e.g. `inner_mongolia`.
        pub id: String,
        pub name_zh: String,
        pub name_en: String,
        pub province_zh: String,
        pub province_en: String,
        /// The city or county it is for; none: the whole province.
        pub place_zh: Option<String>,
        pub place_en: Option<String>,
        /// The policy file it was read from (for messages).
        pub file: String,
        /// What a reader of the policy should know: how unclear wording was read,
        /// how the rules compare with the figures the source reports observed.
        pub notes_zh: Option<String>,
        pub notes_en: Option<String>,
        /// The source documents its citations name, one per file.
        pub documents: Documents,
        /// In the order of the file; their dates do not overlap.
        pub versions: Vec<Version>,
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Version {
        /// How people name the version, e.g. `2020`.
        pub label: String,
        pub valid_from: Date,
        pub valid_to: Date,
        pub schemes: Vec<Scheme>,
        pub categories: Vec<Category>,
        /// The hospital levels this version uses, in its own words.
        pub levels: Vec<LevelName>,
        /// The diseases its rules name (serious-disease lists, chronic and
        /// special outpatient care, fixed payments).
        pub diseases: Vec<Disease>,
        /// How care away from home is paid, for the settings it names.
        pub settings: Vec<SettingRule>,
        /// The share of a bill that is compliant cost, by hospital level:
        /// splits a cost given as its total only (the engine's `split`).
        /// Not a benefit: it pays nothing.
        pub compliant_share: Option<ByLevel>,
        /// Averages the source reports: shown, never used in the calculation.
        pub reported: Vec<Reported>,
        /// The benefits it has, in the order they pay.
        pub benefits: Benefits,
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct LevelName {
        pub level: Level,
        pub name_zh: String,
        pub name_en: String,
    }
}

/// One figure per hospital level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByLevel(pub Vec<(Level, Figure)>);

impl Decode for ByLevel {
    fn decode(r: &mut Reader) -> Result<Self, Damaged> {
        Vec::decode(r).map(ByLevel)
    }
}

impl ByLevel {
    pub fn get(&self, level: Level) -> Option<&Figure> {
        self.0
            .iter()
            .find(|(l, _)| *l == level)
            .map(|(_, figure)| figure)
    }
}

decoded! {
    /// The categories a rule is for, and where the text says so.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Who {
        pub categories: Vec<Category>,
        pub statement: Statement,
    }
}

decoded! {
    /// A rule without a number (who it is for, "no cap"), cited or assumed like a figure.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Statement {
        pub path: std::sync::Arc<str>,
        pub origin: Origin,
        /// Line of the policy file that states it (0 when not from a file).
        pub line: u32,
    }
}

impl Who {
    pub fn includes(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }

    /// `reach`, for these categories only.
    pub fn narrow<'v>(&'v self, reach: Reach<'v>) -> Reach<'v> {
        Reach {
            categories: Some(&self.categories),
            ..reach
        }
    }
}

/// What every benefit's rules are: checked beyond the form of each field
/// (also after overrides), and walked figure by figure ([`Figures`]).
pub trait Rule: Figures + Sized {
    /// The checks the rule must pass beyond the form of each field.
    fn check(&self) -> Result<(), Invalid> {
        Ok(())
    }
}

/// Reading a benefit's rules from the value of its key in a version of a
/// policy file (feature `files`: the command line and the build; the page
/// loads policy data instead, so its modules carry no policy-file reader).
#[cfg(feature = "files")]
pub trait ReadRule: Rule {
    fn read(node: &Node, scope: &Scope) -> Result<Self, Error>;
}

/// Every benefit, in the order they pay: the one list that the version's
/// fields, the policy file's keys, the engine's layers, the catalogue, the
/// batch columns and the descriptions derive from. Each line is the field
/// and module name, the layer's name in the engine, the rule type, the key
/// and the names in Chinese and English; the rule's module is
/// `policy::<field>` here and `engine::<field>` in the engine.
///
/// It calls `$callback!` with the list, so that each crate builds its own
/// part from it (ARCHITECTURE.md, "Add a benefit").
#[macro_export]
macro_rules! for_each_benefit {
    ($callback:ident) => {
        $callback! {
            basic: Basic(BasicInsurance) = "basic", "基本医保", "basic medical insurance";
            outpatient: Outpatient(Outpatient) = "outpatient", "普通门诊统筹", "general outpatient pooling";
            chronic_outpatient: ChronicOutpatient(ChronicOutpatient) = "chronic_outpatient", "门诊慢特病", "chronic and special outpatient care";
            critical_illness: CriticalIllness(CriticalIllness) = "critical_illness", "大病保险", "critical-illness insurance";
            medical_assistance: MedicalAssistance(MedicalAssistance) = "medical_assistance", "医疗救助", "medical assistance";
            supplementary: Supplementary(Supplementary) = "supplementary", "补充医疗保险", "supplementary insurance";
            backstop: Backstop(Backstop) = "backstop", "政府兜底", "government backstop";
        }
    };
}

macro_rules! benefits {
    ($($field:ident: $layer:ident($rule:ident) = $key:literal, $zh:literal, $en:literal;)+) => {
        decoded! {
            /// The benefits of a version, each present or not ([`for_each_benefit`]).
            #[derive(Debug, Clone, PartialEq, Serialize)]
            pub struct Benefits {
                $(pub $field: Option<$rule>,)+
            }
        }

        impl Benefits {
            /// Their keys in a version of a policy file.
            #[cfg(feature = "files")]
            pub const KEYS: &'static [&'static str] = &[$($key),+];

            /// Reads each benefit the version's table has.
            #[cfg(feature = "files")]
            pub fn read(t: &Table, scope: &Scope) -> Result<Benefits, Error> {
                Ok(Benefits {
                    $($field: t.get($key).map(|node| <$rule as ReadRule>::read(&node, scope)).transpose()?,)+
                })
            }

            /// Each benefit's checks, in order.
            pub fn check(&self) -> Result<(), Invalid> {
                $(if let Some(rule) = &self.$field {
                    rule.check()?;
                })+
                Ok(())
            }
        }

        impl Figures for Benefits {
            fn each_figure<'v>(&'v self, reach: Reach<'v>, f: &mut dyn FnMut(&'v Figure, Reach<'v>)) {
                $(self.$field.each_figure(reach, f);)+
            }

            fn each_figure_mut(&mut self, f: &mut dyn FnMut(&mut Figure)) {
                $(self.$field.each_figure_mut(f);)+
            }

            fn each_statement<'v>(&'v self, f: &mut dyn FnMut(&'v Statement)) {
                $(self.$field.each_statement(f);)+
            }
        }
    };
}
for_each_benefit!(benefits);

impl Policy {
    /// The version in force on `date`; after the newest version's last day,
    /// the newest (the last rules known: the estimate says that the date is
    /// after its end); without a date, the newest. None before the first
    /// version or in a gap between two.
    pub fn version_on(&self, date: Option<Date>) -> Option<&Version> {
        let newest = self.versions.iter().max_by_key(|v| v.valid_from);
        match date {
            Some(date) => self
                .versions
                .iter()
                .find(|v| v.valid_from <= date && date <= v.valid_to)
                .or(newest.filter(|v| date > v.valid_to)),
            None => newest,
        }
    }
}

impl Version {
    pub fn basic_for(&self, scheme: Scheme) -> Option<&Basic> {
        self.benefits.basic.as_ref()?.for_scheme(scheme)
    }

    pub fn level_name(&self, level: Level) -> Option<&LevelName> {
        self.levels.iter().find(|l| l.level == level)
    }

    /// How many of the version's figures cite the source, and how many are
    /// assumed (a figure overridden for a request counts as what it was).
    pub fn figure_counts(&self) -> (usize, usize) {
        let (mut cited, mut assumed) = (0, 0);
        self.each_figure(&mut |f, _| {
            if f.path.starts_with("reported") {
                return; // a report, not a rule of the version
            }
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
        self.settings.each_figure(Reach::default(), f);
        self.compliant_share.each_figure(Reach::default(), f);
        self.benefits.each_figure(Reach::default(), f);
        self.reported.each_figure(Reach::default(), f);
    }

    /// Calls `f` on every statement of the version (the disease list, whom
    /// each rule is for, "no cap"), in file order.
    pub fn each_statement<'v>(&'v self, f: &mut dyn FnMut(&'v Statement)) {
        self.diseases.each_statement(f);
        self.settings.each_statement(f);
        self.benefits.each_statement(f);
    }

    pub fn disease(&self, id: &str) -> Option<&Disease> {
        self.diseases.iter().find(|d| d.id == id)
    }

    /// How care in `setting` is paid (`None`: like local care).
    pub fn setting_rule(&self, setting: Setting) -> Option<&SettingRule> {
        self.settings.iter().find(|s| s.setting == setting)
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
        self.settings.each_figure_mut(f);
        self.compliant_share.each_figure_mut(f);
        self.benefits.each_figure_mut(f);
        self.reported.each_figure_mut(f);
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
