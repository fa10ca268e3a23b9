//! The explanation of an estimate: steps in words (zh-CN and English), the
//! formula as applied, and every figure used with where it comes from.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::money;
use crate::policy::figure::display_value;
use crate::policy::{Figure, Origin, Statement, Unit};

/// One step of a layer's calculation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub zh: String,
    pub en: String,
    /// The arithmetic with the numbers used, e.g. `(10000 − 500) × 60% = 5700.00`;
    /// empty for a step that only states a fact.
    pub formula: String,
    pub figures: Vec<FigureUse>,
}

/// A policy figure as one step used it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureUse {
    pub parameter: String,
    /// As written in formulas: `60%`, `14000`.
    pub value: String,
    /// `cited`, `assumed` or `overridden`.
    pub origin: &'static str,
    /// `file:line` of the source text, for cited figures.
    pub source: Option<String>,
    pub quote: Option<String>,
    /// Why the value was assumed (for assumed figures, and for overridden
    /// figures that were assumptions before).
    pub reason_zh: Option<String>,
    pub reason_en: Option<String>,
    /// The policy file's value, for overridden figures.
    pub policy_value: Option<String>,
}

impl FigureUse {
    pub fn of(figure: &Figure) -> FigureUse {
        FigureUse::new(&figure.path, figure.display(), &figure.origin, figure.unit)
    }

    /// A fact about the request the calculation had to assume (e.g. an age
    /// not given), reported like an assumed figure.
    pub fn assumed_input(
        parameter: &str,
        value: String,
        reason_zh: String,
        reason_en: String,
    ) -> FigureUse {
        FigureUse {
            parameter: parameter.to_string(),
            value,
            origin: "assumed",
            source: None,
            quote: None,
            reason_zh: Some(reason_zh),
            reason_en: Some(reason_en),
            policy_value: None,
        }
    }

    /// A rule without a number; `value` is empty.
    pub fn of_statement(statement: &Statement) -> FigureUse {
        FigureUse::new(
            &statement.path,
            String::new(),
            &statement.origin,
            Unit::Yuan,
        )
    }

    fn new(parameter: &str, value: String, origin: &Origin, unit: Unit) -> FigureUse {
        let mut out = FigureUse {
            parameter: parameter.to_string(),
            value,
            origin: "cited",
            source: None,
            quote: None,
            reason_zh: None,
            reason_en: None,
            policy_value: None,
        };
        let mut origin = origin;
        if let Origin::Overridden { policy_value, was } = origin {
            out.origin = "overridden";
            out.policy_value = Some(display_value(*policy_value, unit));
            origin = was;
        }
        match origin {
            Origin::Cited(citation) => {
                out.source = Some(citation.to_string());
                out.quote = Some(citation.quote.clone());
            }
            Origin::Assumed(assumption) => {
                if out.origin == "cited" {
                    out.origin = "assumed";
                }
                out.reason_zh = Some(assumption.reason_zh.clone());
                out.reason_en = assumption.reason_en.clone();
            }
            Origin::Overridden { .. } => {}
        }
        out
    }
}

impl Step {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Step {
        Step {
            zh: zh.into(),
            en: en.into(),
            formula: String::new(),
            figures: Vec::new(),
        }
    }

    pub fn formula(mut self, formula: impl Into<String>) -> Step {
        self.formula = formula.into();
        self
    }

    pub fn uses(mut self, figure: &Figure) -> Step {
        self.figures.push(FigureUse::of(figure));
        self
    }

    pub fn uses_all<'f>(mut self, figures: impl IntoIterator<Item = &'f Figure>) -> Step {
        self.figures.extend(figures.into_iter().map(FigureUse::of));
        self
    }

    pub fn cites(mut self, statement: &Statement) -> Step {
        self.figures.push(FigureUse::of_statement(statement));
        self
    }
}

/// An input or intermediate amount in a formula: `10000`, `4347.5`.
pub fn num(amount: Decimal) -> String {
    amount.normalize().to_string()
}

/// A result in a formula: always two places, by the rounding rule.
pub fn yuan(amount: Decimal) -> String {
    money::to_decimal_string(amount)
}
