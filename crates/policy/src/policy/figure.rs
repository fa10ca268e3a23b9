//! A policy figure: a number, what it measures, and where it comes from.
//!
//! Every figure either cites the source text (file, line, the quoted words)
//! or is an assumption with the reason it was chosen; a figure replaced by
//! the user for one request is marked as such. Results carry this origin
//! along, so that no assumed figure is ever shown as the policy.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use super::data::{Damaged, Decode, Reader, decoded};

use crate::error::{Error, ErrorKind};
use crate::raw::{Raw, RawValue};
use crate::read::Node;

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Figure {
        /// Its name within a policy version, e.g. `critical_illness.threshold`:
        /// what overrides and explanations call it.
        pub path: Arc<str>,
        pub value: Decimal,
        pub unit: Unit,
        pub origin: Origin,
        /// Line of the policy file that sets it (0 when not from a file).
        pub line: u32,
        /// Another value the source's words allow, offered to the user as a
        /// one-tap override (boxed: most figures have none).
        pub other: Option<Box<OtherReading>>,
    }
}

decoded! {
    /// A second reading of the source for a figure: its value and the reading
    /// that gives it. The figure's own value is the reading chosen; this one is
    /// shown beside it so that a cadre who reads the text the other way can
    /// switch.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct OtherReading {
        pub value: Decimal,
        pub reading_zh: Arc<str>,
        pub reading_en: Option<Arc<str>>,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Unit {
    /// An amount of money.
    Yuan,
    /// A rate, held as a fraction (0.6 for 60%).
    Percent,
    /// An age in whole years.
    Years,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Origin {
    Cited(Citation),
    Assumed(Assumption),
    /// Replaced by the user for this request.
    Overridden {
        policy_value: Decimal,
        was: Box<Origin>,
    },
}

impl Decode for Unit {
    fn decode(r: &mut Reader) -> Result<Self, Damaged> {
        match r.variant()? {
            0 => Ok(Unit::Yuan),
            1 => Ok(Unit::Percent),
            2 => Ok(Unit::Years),
            _ => Err(Damaged::UNKNOWN_VARIANT),
        }
    }
}

impl Decode for Origin {
    fn decode(r: &mut Reader) -> Result<Self, Damaged> {
        match r.variant()? {
            0 => Citation::decode(r).map(Origin::Cited),
            1 => Assumption::decode(r).map(Origin::Assumed),
            2 => Ok(Origin::Overridden {
                policy_value: Decimal::decode(r)?,
                was: Box::decode(r)?,
            }),
            _ => Err(Damaged::UNKNOWN_VARIANT),
        }
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Citation {
        /// A source document in the sources folder (`policies/sources/`): a
        /// plain file name, no path.
        pub file: Arc<str>,
        pub line: u32,
        /// The words of the source that give the figure.
        pub quote: Arc<str>,
        /// How the words were read, where they leave a choice: a range or "no
        /// less than" (which value is used, and why), garbled wording.
        pub reading: Option<Arc<str>>,
        /// The reading in English (`reading_en`), for the English page.
        pub reading_en: Option<Arc<str>>,
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Assumption {
        pub reason_zh: Arc<str>,
        pub reason_en: Option<Arc<str>>,
    }
}

/// The oldest and youngest ages a figure in years may have.
const AGES: (u32, u32) = (0, 150);

impl Unit {
    /// A value in this unit: an amount in any form people type (`1.2万`), a
    /// percentage (`"60%"`), an age in whole years.
    pub fn read(self, node: &Node) -> Result<Decimal, Error> {
        match self {
            Unit::Yuan => node.amount(),
            Unit::Percent => node.percent(),
            Unit::Years => node.whole_number(AGES.0, AGES.1).map(Decimal::from),
        }
    }
}

/// A value given to replace a figure (a request's override), read where the
/// request is read, in every unit a figure can have: which unit applies is
/// known only once the request's policy version is found, and the engine
/// then takes that reading (or its error) without reading input itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Replacement {
    yuan: Result<Decimal, ErrorKind>,
    percent: Result<Decimal, ErrorKind>,
    years: Result<Decimal, ErrorKind>,
}

impl Replacement {
    pub fn read(node: &Node) -> Replacement {
        let read = |unit: Unit| unit.read(node).map_err(|e| e.kind().clone());
        Replacement {
            yuan: read(Unit::Yuan),
            percent: read(Unit::Percent),
            years: read(Unit::Years),
        }
    }

    /// A value typed as text (the command line's `--set path=value`).
    pub fn from_text(text: &str) -> Replacement {
        Replacement::read(&Node::root(&Raw::new(RawValue::Text(text.into())), None))
    }

    /// The value for a figure in `unit`, or why it is not one.
    pub fn in_unit(&self, unit: Unit) -> Result<Decimal, &ErrorKind> {
        let reading = match unit {
            Unit::Yuan => &self.yuan,
            Unit::Percent => &self.percent,
            Unit::Years => &self.years,
        };
        reading.as_ref().copied()
    }
}

impl Figure {
    /// The figure as written in formulas: `60%`, `14000`, `12`.
    pub fn display(&self) -> String {
        display_value(self.value, self.unit)
    }
}

/// A value as written in formulas: `60%` for rates, plain digits otherwise.
pub fn display_value(value: Decimal, unit: Unit) -> String {
    match unit {
        Unit::Percent => crate::money::plain((value * Decimal::ONE_HUNDRED).normalize()) + "%",
        Unit::Yuan | Unit::Years => crate::money::plain(value.normalize()),
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}
