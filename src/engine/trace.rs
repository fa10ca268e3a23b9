//! The explanation of an estimate: steps in words (zh-CN and English), the
//! formula as applied, and every figure used with where it comes from.
//!
//! How a formula writes amounts: the request's amounts and the policy's
//! figures as given ([`num`]: `5000 − 200`), and every result, after `=`,
//! with two places at least: a payment rounded by the one rounding rule
//! ([`yuan`]), a limit worked out from a share exact ([`exact`]).
//!
//! While the layers compute, a [`Step`] only points at the figures it used.
//! The estimate then lists each figure once, in [`FigureUse`]s, and steps
//! refer to them by index: a figure's source and quote are copied once per
//! estimate, not once per step, which keeps the response small and quick to
//! hand to JavaScript.

use std::borrow::Cow;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::money;
use crate::policy::figure::display_value;
use crate::policy::{Document, Figure, Origin, Statement, Unit};

/// A step's words: most are fixed text, so they are not copied.
pub type Text = Cow<'static, str>;

/// One step of a layer's calculation, as a layer writes it.
pub struct Step<'v> {
    zh: Text,
    en: Text,
    formula: String,
    cites: Vec<Cite<'v>>,
}

enum Cite<'v> {
    Figure(&'v Figure),
    Statement(&'v Statement),
    /// Something about the request that had to be assumed (an age not given);
    /// boxed, as the rare one of the three.
    Input(Box<FigureUse>),
}

/// One step of the explanation, as the response gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainedStep {
    pub zh: Text,
    pub en: Text,
    /// The arithmetic with the numbers used, e.g. `(10000 − 500) × 60% = 5700.00`;
    /// empty for a step that only states a fact.
    pub formula: String,
    /// Indexes into the estimate's `figures`.
    pub figures: Vec<usize>,
}

/// Where a figure an estimate used comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureOrigin {
    /// The source text gives it.
    Cited,
    /// The sources do not give it: chosen, with the reason.
    Assumed,
    /// Replaced by the user for this request.
    Overridden,
}

/// A policy figure (or a rule without a number) that the estimate used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureUse {
    pub parameter: Arc<str>,
    /// As written in formulas: `60%`, `14000`; empty for a rule without a number.
    pub value: String,
    pub origin: FigureOrigin,
    /// `file:line` of the source text, for cited figures (the cadre's
    /// figure view; people read `document`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where it stands, as people read it: `《title》number，第 N 行`
    /// ([`FigureUse::name_document`]; explained figures only, so that the
    /// first module, which explains nothing, carries no code to write it).
    #[cfg_attr(not(feature = "explain"), serde(skip))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cited_zh: Option<String>,
    #[cfg_attr(not(feature = "explain"), serde(skip))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cited_en: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<Arc<str>>,
    /// How the quoted words were read, where they leave a choice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading_en: Option<Arc<str>>,
    /// Why the value was assumed (also kept for an overridden assumption).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_zh: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_en: Option<Arc<str>>,
    /// The policy file's value, for overridden figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_value: Option<String>,
    /// Another value the source's words allow, which the user may switch to
    /// (boxed: most figures have none, and steps carry many of these).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<Box<OtherUse>>,
}

/// A figure's other reading ([`crate::policy::OtherReading`]), as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherUse {
    /// As an override takes it: `100%`, `40000`.
    pub value: String,
    pub reading_zh: Arc<str>,
    pub reading_en: Arc<str>,
}

impl FigureUse {
    /// A policy figure, with its source or assumption.
    pub fn of_figure(figure: &Figure) -> FigureUse {
        let mut out = FigureUse::new(&figure.path, figure.display(), &figure.origin, figure.unit);
        out.other = figure.other.as_ref().map(|o| {
            Box::new(OtherUse {
                value: display_value(o.value, figure.unit),
                reading_zh: o.reading_zh.clone(),
                reading_en: o.reading_en.clone().unwrap_or_else(|| o.reading_zh.clone()),
            })
        });
        out
    }

    /// A rule without a number, with its source or assumption.
    pub fn of_statement(statement: &Statement) -> FigureUse {
        FigureUse::new(
            &statement.path,
            String::new(),
            &statement.origin,
            Unit::Yuan,
        )
    }

    /// Where a cited figure stands, as people read it (the file and line
    /// where its document is unknown).
    pub fn cited(&self, english: bool) -> Option<&str> {
        let named = if english {
            &self.cited_en
        } else {
            &self.cited_zh
        };
        named.as_deref().or(self.source.as_deref())
    }

    /// Names a cited figure's source by its document among `documents`
    /// (a figure is made without the policy at hand: a layer's steps and
    /// descriptions know their rules only).
    pub fn name_document(&mut self, documents: &[Document]) {
        let cited = self.source.as_deref().and_then(|s| s.rsplit_once(':'));
        if let Some((file, line)) = cited
            && let Ok(line) = line.parse()
            && let Some(document) = documents.iter().find(|d| *d.file == *file)
        {
            self.cited_zh = Some(document.cite(line, false));
            self.cited_en = Some(document.cite(line, true));
        }
    }

    fn new(parameter: &Arc<str>, value: String, origin: &Origin, unit: Unit) -> FigureUse {
        let mut out = FigureUse {
            parameter: parameter.clone(),
            value,
            origin: FigureOrigin::Cited,
            source: None,
            cited_zh: None,
            cited_en: None,
            quote: None,
            reading: None,
            reading_en: None,
            reason_zh: None,
            reason_en: None,
            policy_value: None,
            other: None,
        };
        let mut origin = origin;
        if let Origin::Overridden { policy_value, was } = origin {
            out.origin = FigureOrigin::Overridden;
            out.policy_value = Some(display_value(*policy_value, unit));
            origin = was;
        }
        match origin {
            Origin::Cited(citation) => {
                out.source = Some(citation.to_string());
                out.quote = Some(citation.quote.clone());
                out.reading = citation.reading.clone();
                out.reading_en = citation.reading_en.clone();
            }
            Origin::Assumed(assumption) => {
                if out.origin == FigureOrigin::Cited {
                    out.origin = FigureOrigin::Assumed;
                }
                out.reason_zh = Some(assumption.reason_zh.clone());
                out.reason_en = assumption.reason_en.clone();
            }
            Origin::Overridden { .. } => {}
        }
        out
    }
}

impl<'v> Step<'v> {
    pub fn new(zh: impl Into<Text>, en: impl Into<Text>) -> Step<'v> {
        // Without the feature `explain`, the words are dropped here, so that
        // they are not in the module at all.
        #[cfg(not(feature = "explain"))]
        let (zh, en) = {
            let _ = (zh, en);
            ("", "")
        };
        Step {
            zh: zh.into(),
            en: en.into(),
            formula: String::new(),
            cites: Vec::new(),
        }
    }

    pub fn formula(mut self, formula: impl Into<String>) -> Step<'v> {
        self.formula = formula.into();
        self
    }

    pub fn uses(mut self, figure: &'v Figure) -> Step<'v> {
        self.cites.push(Cite::Figure(figure));
        self
    }

    pub fn uses_all(mut self, figures: impl IntoIterator<Item = &'v Figure>) -> Step<'v> {
        self.cites.extend(figures.into_iter().map(Cite::Figure));
        self
    }

    pub fn cites(mut self, statement: &'v Statement) -> Step<'v> {
        self.cites.push(Cite::Statement(statement));
        self
    }

    pub fn cites_all(mut self, statements: &[&'v Statement]) -> Step<'v> {
        self.cites
            .extend(statements.iter().map(|s| Cite::Statement(s)));
        self
    }

    /// Notes a fact about the request that the calculation had to assume.
    pub fn assumes_input(
        mut self,
        parameter: &str,
        value: String,
        reason_zh: String,
        reason_en: String,
    ) -> Step<'v> {
        self.cites.push(Cite::Input(Box::new(FigureUse {
            parameter: parameter.into(),
            value,
            origin: FigureOrigin::Assumed,
            source: None,
            cited_zh: None,
            cited_en: None,
            quote: None,
            reading: None,
            reading_en: None,
            reason_zh: Some(reason_zh.into()),
            reason_en: Some(reason_en.into()),
            policy_value: None,
            other: None,
        })));
        self
    }

    /// The step for the response, its figures entered once in `figures`.
    pub fn explain(self, figures: &mut Vec<FigureUse>) -> ExplainedStep {
        let indexes = self
            .cites
            .into_iter()
            .map(|cite| intern(cite, figures))
            .collect();
        ExplainedStep {
            zh: self.zh,
            en: self.en,
            formula: self.formula,
            figures: indexes,
        }
    }

    /// Summary mode: enters only the assumed figures (for the estimate's
    /// assumptions), in the same order as [`Step::explain`] would.
    pub fn note_assumptions(self, figures: &mut Vec<FigureUse>) {
        for cite in self.cites {
            let assumed = match &cite {
                Cite::Figure(f) => matches!(f.origin, Origin::Assumed(_)),
                Cite::Statement(s) => matches!(s.origin, Origin::Assumed(_)),
                Cite::Input(_) => true,
            };
            if assumed {
                intern(cite, figures);
            }
        }
    }
}

/// The index of the cited figure in `figures`, entering it if new.
fn intern(cite: Cite, figures: &mut Vec<FigureUse>) -> usize {
    let parameter: &str = match &cite {
        Cite::Figure(f) => &f.path,
        Cite::Statement(s) => &s.path,
        Cite::Input(use_) => &use_.parameter,
    };
    if let Some(i) = figures.iter().position(|f| *f.parameter == *parameter) {
        return i;
    }
    figures.push(match cite {
        Cite::Figure(f) => FigureUse::of_figure(f),
        Cite::Statement(s) => FigureUse::of_statement(s),
        Cite::Input(use_) => *use_,
    });
    figures.len() - 1
}

/// An input or intermediate amount in a formula: `10000`, `4347.5`.
pub fn num(amount: Decimal) -> String {
    money::plain(amount.normalize())
}

/// An exact amount that is not a payment (a limit worked out from a share):
/// at least two places, more where the arithmetic gives them (`60000.005`),
/// since only payments are rounded.
pub fn exact(amount: Decimal) -> String {
    let mut amount = amount.normalize();
    if amount.scale() < money::FEN_PLACES {
        amount.rescale(money::FEN_PLACES);
    }
    money::plain(amount)
}

/// A result in a formula: always two places, by the rounding rule.
pub fn yuan(amount: Decimal) -> String {
    money::to_decimal_string(amount)
}
