//! What an estimate returns.

use std::fmt;
use std::sync::Arc;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

use crate::date::Date;
use crate::money;
use crate::policy::{Category, Scheme};

use super::layers::LayerId;
use super::trace::{ExplainedStep, FigureUse, OtherUse};

/// An amount of money in a response: a decimal string with two places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Yuan(pub Decimal);

impl Serialize for Yuan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&money::to_decimal_string(self.0))
    }
}

/// A share of a total as a fraction with four places (`0.6325` is 63.25%),
/// rounded half away from zero; in a response, that decimal string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Ratio(Decimal);

impl Ratio {
    /// `part / whole`; zero of a zero whole.
    pub fn of(part: Decimal, whole: Decimal) -> Ratio {
        let mut ratio = if whole.is_zero() {
            Decimal::ZERO
        } else {
            (part / whole).round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
        };
        ratio.rescale(4);
        Ratio(ratio)
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    /// As a percentage with two places: `63.25%`.
    pub fn percent(self) -> String {
        format!("{:.2}%", self.0 * Decimal::ONE_HUNDRED)
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    pub policy: String,
    pub policy_name_zh: String,
    pub policy_name_en: String,
    /// The version used, and the days it is in force.
    pub version: String,
    pub valid_from: Date,
    pub valid_to: Date,
    /// Set where the version may no longer be the rules in force: to say
    /// beside the amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_of_date: Option<OutOfDate>,
    pub scheme: Scheme,
    pub category: Category,
    /// All costs of all stays.
    pub total: Yuan,
    /// The costs given as their total only, and how each was split.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<Split>,
    /// In cascade order; only the layers the policy has.
    pub layers: Vec<Layer>,
    pub out_of_pocket: OutOfPocket,
    /// Share of the total paid by the layers.
    pub effective_ratio: Ratio,
    /// Every assumed figure the calculation used, with its reason.
    pub assumptions: Vec<AssumptionUsed>,
    /// Every figure the steps used, once each; steps refer to them by index.
    pub figures: Vec<FigureUse>,
    /// Overrides of figures this request cannot use (another scheme's,
    /// another category's, a level without a stay): accepted, but said.
    pub unused_overrides: Vec<UnusedOverride>,
    /// Averages the source reports for the request's scheme: to show beside
    /// the estimate, not part of it.
    pub reported: Vec<ReportedUse>,
}

/// A cost given as its total only, split into compliant and out-of-policy
/// cost by the version's compliant share for its hospital level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Split {
    /// The cost: `admissions[0]`, `outpatient[1]`.
    pub item: String,
    pub total: Yuan,
    /// The figure used (`compliant_share.county`) and its value (`90%`).
    pub parameter: Arc<str>,
    pub share: String,
    /// total × share, by the one rounding rule.
    pub compliant: Yuan,
    /// total − compliant.
    pub out_of_policy: Yuan,
    /// The explanation's step (none in summary mode).
    pub steps: Vec<ExplainedStep>,
}

/// Why the version used may no longer be the rules in force: to say beside
/// the amount ([`OutOfDate::note`]; the page has the same words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutOfDate {
    /// The request's date is after the version's last day: no later version
    /// is known, so the newest was used.
    AfterEnd,
    /// The date is more than [`OutOfDate::YEARS`] years after its first day.
    Old,
}

impl OutOfDate {
    /// A version older than this (its first day to the request's date) may have been replaced.
    pub const YEARS: u16 = 3;

    /// For a version used on `date` (none: the newest version was asked
    /// for, on no day in particular, and nothing is said).
    pub fn of(valid_from: Date, valid_to: Date, date: Option<Date>) -> Option<OutOfDate> {
        let date = date?;
        if date > valid_to {
            Some(OutOfDate::AfterEnd)
        } else if date.more_than_years_after(valid_from, Self::YEARS) {
            Some(OutOfDate::Old)
        } else {
            None
        }
    }

    /// What is said, in Chinese and in English, of the version of an estimate.
    pub fn note(self, e: &Estimate) -> (String, String) {
        let (from, to, year) = (e.valid_from, e.valid_to, e.valid_from.year());
        let zh = format!(
            "这是 {year} 年的政策，现在可能已经调整，请以当地医保部门为准，咨询电话 12393。"
        );
        let en = format!(
            "These are the rules of {year}; they may have changed. Ask the local medical insurance office (12393)."
        );
        match self {
            OutOfDate::AfterEnd => (
                format!("所选日期晚于最新一版（{from} 至 {to}），按这一版计算。{zh}"),
                format!(
                    "The date is after the newest version ({from} to {to}), which is used. {en}"
                ),
            ),
            OutOfDate::Old => (zh, en),
        }
    }
}

/// A reported average ([`crate::policy::Reported`]), as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedUse {
    pub what_zh: String,
    pub what_en: String,
    /// `70%`, or an amount.
    pub value: String,
    /// `file:line`.
    pub source: String,
    /// Where it stands, as people read it: `《title》number，第 N 行`.
    pub cited_zh: String,
    pub cited_en: String,
    pub quote: Arc<str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnusedOverride {
    pub parameter: String,
    pub message_zh: String,
    pub message_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layer {
    pub id: LayerId,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub paid: Yuan,
    /// The part of `paid` that covers out-of-policy cost (二次救助).
    pub paid_out_of_policy: Yuan,
    pub steps: Vec<ExplainedStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutOfPocket {
    pub total: Yuan,
    /// Compliant cost no layer paid (deductibles, co-payments, above caps).
    pub compliant: Yuan,
    /// Out-of-policy cost no layer paid.
    pub out_of_policy: Yuan,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssumptionUsed {
    pub parameter: Arc<str>,
    pub value: String,
    pub reason_zh: Arc<str>,
    pub reason_en: Arc<str>,
    /// Another value the source's words allow (the same as the figure's in
    /// the explanation), so that a summary can offer it too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<Box<OtherUse>>,
}
