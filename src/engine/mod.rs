//! The cascade: each layer of medical security pays in turn on what the
//! layers before it left, over all the stays of one insurance year.
//!
//! Each layer's payment is rounded to 0.01 yuan by [`crate::money::round_yuan`]
//! when the layer computes it (basic insurance: per stay, as each stay is
//! settled). The out-of-pocket amount is the total less the rounded payments,
//! so layers + out-of-pocket = total holds exactly. Because each layer rounds
//! its own payment, a cost rising by a few fen can show at most one fen less
//! out of pocket per layer where the patient's share at the margin is small;
//! it never falls by more (tests/properties.rs, which also names the two
//! policy designs that do lower it). Every amount in a request
//! is at most 1 亿 yuan and there are at most [`request::MAX_ADMISSIONS`]
//! stays, so every sum and product stays far inside `Decimal`'s 28 digits.

/// Explanation text, formatted only when the request asks for the
/// explanation: in summary mode (`"explain": false`) the cascade runs the same
/// and still records which figures it used, but writes no words.
macro_rules! text {
    ($cx:expr, $($arg:tt)*) => {
        if $cx.explain {
            std::borrow::Cow::Owned(format!($($arg)*))
        } else {
            std::borrow::Cow::Borrowed("")
        }
    };
}

mod backstop;
mod basic;
mod critical_illness;
mod medical_assistance;
pub mod outcome;
pub mod request;
mod supplementary;
pub mod trace;

use std::borrow::Cow;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, ErrorKind};
use crate::policy::{Level, Origin, Policy, Unit, Version, Who, validate};
use crate::raw::Raw;
use crate::read::{Choice, Node, ids};

pub use outcome::{AssumptionUsed, Estimate, Layer, LayerId, OutOfPocket, Yuan};
pub use request::{Admission, Request};
use trace::{FigureUse, Step};

/// What the cascade knows about the request while the layers run.
pub(crate) struct Context<'a> {
    version: &'a Version,
    request: &'a Request,
    /// Write the explanation's words (see `text!`).
    explain: bool,
    compliant_total: Decimal,
    out_of_policy_total: Decimal,
}

impl Context<'_> {
    /// The version's own names for a hospital level.
    fn level_names(&self, level: Level) -> (&str, &str) {
        match self.version.level_name(level) {
            Some(name) => (&name.name_zh, &name.name_en),
            None => (level.name_zh(), level.name_en()),
        }
    }
}

/// What the layers so far have paid.
#[derive(Default)]
pub(crate) struct Ledger {
    compliant: Decimal,
    out_of_policy: Decimal,
    /// Basic + critical illness: the base of supplementary insurance in some policies.
    basic_and_critical_illness: Decimal,
}

/// One layer's payment, already rounded, and how it came about.
pub(crate) struct LayerPay<'v> {
    compliant: Decimal,
    out_of_policy: Decimal,
    steps: Vec<Step<'v>>,
}

impl<'v> LayerPay<'v> {
    fn compliant(amount: Decimal, steps: Vec<Step<'v>>) -> LayerPay<'v> {
        LayerPay {
            compliant: amount,
            out_of_policy: Decimal::ZERO,
            steps,
        }
    }

    fn nothing(step: Step<'v>) -> LayerPay<'v> {
        LayerPay::compliant(Decimal::ZERO, vec![step])
    }
}

/// The step saying whether the person's category is one a layer covers.
fn coverage<'v>(cx: &Context, layer: LayerId, covered: bool, who: Option<&'v Who>) -> Step<'v> {
    let category = cx.request.category;
    let (zh, en) = if covered {
        (
            text!(cx, "{}在{}范围内", category.name_zh(), layer.name_zh()),
            text!(cx, "Covered by {}: {}", layer.name_en(), category.name_en()),
        )
    } else {
        (
            text!(cx, "{}不在{}范围内", category.name_zh(), layer.name_zh()),
            text!(
                cx,
                "Not covered by {}: {}",
                layer.name_en(),
                category.name_en()
            ),
        )
    };
    let step = Step::new(zh, en);
    match who {
        Some(who) => step.cites(&who.statement),
        None => step,
    }
}

/// Estimates what each layer pays on the request's stays, under the policy
/// version in force on its date, among `policies`.
pub fn estimate(request: &Request, policies: &[Policy]) -> Result<Estimate, Error> {
    prepare(request, policies)?.estimate(request)
}

/// A request's policy version, found and with the request's overrides in
/// place: the views that run the cascade many times on other amounts or
/// categories of one household (a curve, a year of stays) look it up once.
pub struct Prepared<'p> {
    policy: &'p Policy,
    version: Cow<'p, Version>,
}

/// Finds the policy version of `request` among `policies` and applies its overrides.
pub fn prepare<'p>(request: &Request, policies: &'p [Policy]) -> Result<Prepared<'p>, Error> {
    let policy = policies
        .iter()
        .find(|p| p.id == request.policy)
        .ok_or_else(|| {
            Error::new(
                "policy",
                ErrorKind::UnknownPolicy {
                    id: request.policy.clone(),
                    known: policies.iter().map(|p| p.id.clone()).collect(),
                },
            )
        })?;
    let version = policy.version_on(request.date).ok_or_else(|| {
        Error::new(
            "date",
            ErrorKind::NoVersionOnDate {
                date: request.date.map(|d| d.to_string()).unwrap_or_default(),
                ranges: policy
                    .versions
                    .iter()
                    .map(|v| format!("{} ({} – {})", v.label, v.valid_from, v.valid_to))
                    .collect(),
            },
        )
    })?;
    let version = if request.overrides.is_empty() {
        Cow::Borrowed(version)
    } else {
        Cow::Owned(apply_overrides(version, &request.overrides)?)
    };
    Ok(Prepared { policy, version })
}

impl Prepared<'_> {
    /// The version the estimates use.
    pub fn version(&self) -> &Version {
        &self.version
    }

    /// Runs the cascade on `request` under this version (its policy, date and
    /// overrides are not looked at again).
    pub fn estimate(&self, request: &Request) -> Result<Estimate, Error> {
        let (policy, version) = (self.policy, &*self.version);
        check_request_fits(version, request)?;
        Ok(cascade(policy, version, request))
    }
}

fn cascade(policy: &Policy, version: &Version, request: &Request) -> Estimate {
    let cx = Context {
        version,
        request,
        explain: request.explain,
        compliant_total: request.admissions.iter().map(|a| a.compliant).sum(),
        out_of_policy_total: request.admissions.iter().map(|a| a.out_of_policy).sum(),
    };
    let total = cx.compliant_total + cx.out_of_policy_total;
    let mut ledger = Ledger::default();
    let mut layers = Vec::new();
    let mut figures = Vec::new();
    let mut record = |id: LayerId, pay: LayerPay, ledger: &mut Ledger| {
        ledger.compliant += pay.compliant;
        ledger.out_of_policy += pay.out_of_policy;
        if matches!(id, LayerId::Basic | LayerId::CriticalIllness) {
            ledger.basic_and_critical_illness += pay.compliant;
        }
        layers.push(Layer {
            id,
            name_zh: id.name_zh(),
            name_en: id.name_en(),
            paid: Yuan(pay.compliant + pay.out_of_policy),
            paid_out_of_policy: Yuan(pay.out_of_policy),
            // In summary mode only the assumed figures are noted, for `assumptions`.
            steps: if cx.explain {
                pay.steps
                    .into_iter()
                    .map(|step| step.explain(&mut figures))
                    .collect()
            } else {
                pay.steps
                    .into_iter()
                    .for_each(|step| step.note_assumptions(&mut figures));
                Vec::new()
            },
        });
    };

    if let Some(b) = version.basic_for(request.scheme) {
        record(LayerId::Basic, basic::pay(&cx, b), &mut ledger);
    }
    if let Some(ci) = &version.critical_illness {
        let pay = critical_illness::pay(&cx, ci, &ledger);
        record(LayerId::CriticalIllness, pay, &mut ledger);
    }
    if let Some(ma) = &version.medical_assistance {
        let pay = medical_assistance::pay(&cx, ma, &ledger);
        record(LayerId::MedicalAssistance, pay, &mut ledger);
    }
    if let Some(s) = &version.supplementary {
        let pay = supplementary::pay(&cx, s, &ledger);
        record(LayerId::Supplementary, pay, &mut ledger);
    }
    if let Some(b) = &version.backstop {
        let pay = backstop::pay(&cx, b, &ledger);
        record(LayerId::Backstop, pay, &mut ledger);
    }

    let paid = ledger.compliant + ledger.out_of_policy;
    let effective_ratio = if total.is_zero() {
        Decimal::ZERO
    } else {
        (paid / total).round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
    };
    let mut ratio = effective_ratio;
    ratio.rescale(4);
    Estimate {
        policy: policy.id.clone(),
        policy_name_zh: policy.name_zh.clone(),
        policy_name_en: policy.name_en.clone(),
        version: version.label.clone(),
        valid_from: version.valid_from,
        valid_to: version.valid_to,
        scheme: request.scheme,
        category: request.category,
        total: Yuan(total),
        out_of_pocket: OutOfPocket {
            total: Yuan(total - paid),
            compliant: Yuan(cx.compliant_total - ledger.compliant),
            out_of_policy: Yuan(cx.out_of_policy_total - ledger.out_of_policy),
        },
        effective_ratio: ratio.to_string(),
        assumptions: assumptions_used(&figures),
        figures: if cx.explain { figures } else { Vec::new() },
        layers,
    }
}

/// The scheme, category and levels must be ones the version provides for.
fn check_request_fits(version: &Version, request: &Request) -> Result<(), Error> {
    if !version.schemes.contains(&request.scheme) {
        let value = request.scheme.id().to_string();
        return Err(Error::new(
            "scheme",
            ErrorKind::NotInPolicy {
                value,
                allowed: ids(&version.schemes),
            },
        ));
    }
    if !version.categories.contains(&request.category) {
        let value = request.category.id().to_string();
        return Err(Error::new(
            "category",
            ErrorKind::NotInPolicy {
                value,
                allowed: ids(&version.categories),
            },
        ));
    }
    for (i, admission) in request.admissions.iter().enumerate() {
        if version.level_name(admission.level).is_none() {
            let allowed = version
                .levels
                .iter()
                .map(|l| l.level.id().to_string())
                .collect();
            let value = admission.level.id().to_string();
            return Err(Error::new(
                format!("admissions[{i}].level"),
                ErrorKind::NotInPolicy { value, allowed },
            ));
        }
    }
    Ok(())
}

/// The version with the request's overrides in place, checked again.
fn apply_overrides(version: &Version, overrides: &[(String, Raw)]) -> Result<Version, Error> {
    let mut version = version.clone();
    for (path, raw) in overrides {
        let field = format!("overrides.{path}");
        let mut outcome: Option<Result<(), Error>> = None;
        version.each_figure_mut(&mut |figure| {
            if *figure.path == **path {
                let node = Node::root(raw, None);
                let value = match figure.unit {
                    Unit::Yuan => node.amount(),
                    Unit::Percent => node.percent(),
                    Unit::Years => node.whole_number(0, 150).map(Decimal::from),
                };
                outcome = Some(value.map(|value| {
                    let was = Box::new(figure.origin.clone());
                    figure.origin = Origin::Overridden {
                        policy_value: figure.value,
                        was,
                    };
                    figure.value = value;
                }));
            }
        });
        match outcome {
            None => return Err(Error::new(field, ErrorKind::UnknownParameter)),
            Some(Err(e)) => return Err(Error::new(field, e.kind().clone())),
            Some(Ok(())) => {}
        }
    }
    validate::version(&version).map_err(|invalid| invalid.into_error().under("overrides"))?;
    Ok(version)
}

/// Every assumed figure the steps used, in the order first used.
fn assumptions_used(figures: &[FigureUse]) -> Vec<AssumptionUsed> {
    figures
        .iter()
        .filter(|f| f.origin == "assumed")
        .map(|f| AssumptionUsed {
            parameter: f.parameter.clone(),
            value: f.value.clone(),
            reason_zh: f.reason_zh.clone().unwrap_or_default(),
            reason_en: f
                .reason_en
                .clone()
                .or_else(|| f.reason_zh.clone())
                .unwrap_or_default(),
        })
        .collect()
}
