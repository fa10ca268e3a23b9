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

// Sums are written `x = x + y`, not `x += y`: rust_decimal's AddAssign and
// SubAssign are separate copies of addition and subtraction (1.7 KB each in
// the page's module); `+` and `-` share the one `Add` and `Sub`.
#![allow(clippy::assign_op_pattern)]

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
mod chronic_outpatient;
mod critical_illness;
pub mod layers;
mod medical_assistance;
pub mod outcome;
mod outpatient;
pub mod request;
mod supplementary;
pub mod trace;

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::choice::{Choice, ids};
use crate::error::{Conflict, Error, ErrorKind};
use crate::policy::{
    ChronicGroup, Level, Origin, OutpatientKind, Policy, Replacement, Setting, Statement, Version,
    Who, validate,
};

use crate::error::{InputError, RequestError};
pub use layers::LayerId;
pub use outcome::{
    AssumptionUsed, Estimate, Layer, OutOfPocket, Ratio, ReportedUse, UnusedOverride, Yuan,
};
pub use request::{Admission, Item, OutpatientCost, Request};
use trace::{FigureOrigin, FigureUse, Step};

/// What the cascade knows about the request while the layers run.
pub(crate) struct Context<'a> {
    version: &'a Version,
    request: &'a Request,
    /// Write the explanation's words (see `text!`).
    explain: bool,
    /// Every cost of the year: what out-of-pocket is counted from.
    compliant_total: Decimal,
    out_of_policy_total: Decimal,
    /// The costs the layers after basic insurance count: the stays, and
    /// outpatient care the policy counts with them ([`ChronicGroup`]).
    counted_compliant: Decimal,
    counted_out_of_policy: Decimal,
    /// What basic insurance settles as stays: the admissions, then special
    /// outpatient care paid like a stay.
    stays: Vec<Stay<'a>>,
    /// Where the policy says outpatient care is counted with the stays, for
    /// the care of this request that is.
    counted_with_stays: Vec<&'a Statement>,
}

/// A stay as basic insurance settles it.
pub(crate) struct Stay<'a> {
    level: Level,
    compliant: Decimal,
    setting: Setting,
    disease: Option<&'a str>,
    /// The cost of the request it is.
    item: Item,
    /// For outpatient care paid like a stay: its group.
    like_stay: Option<&'a ChronicGroup>,
}

impl<'a> Context<'a> {
    fn new(version: &'a Version, request: &'a Request) -> Context<'a> {
        let mut stays: Vec<Stay<'a>> = request
            .admissions
            .iter()
            .enumerate()
            .map(|(i, a)| Stay {
                level: a.level,
                compliant: a.compliant,
                setting: a.setting,
                disease: a.disease.as_deref(),
                item: Item::Stay(i),
                like_stay: None,
            })
            .collect();
        let paid_in = |setting| paid_in(version, setting);
        let (mut compliant_total, mut out_of_policy_total) = (Decimal::ZERO, Decimal::ZERO);
        let (mut counted_compliant, mut counted_out_of_policy) = (Decimal::ZERO, Decimal::ZERO);
        let mut counted_with_stays: Vec<&'a Statement> = Vec::new();
        for a in &request.admissions {
            compliant_total = compliant_total + a.compliant;
            out_of_policy_total = out_of_policy_total + a.out_of_policy;
            if paid_in(a.setting) {
                counted_compliant = counted_compliant + a.compliant;
                counted_out_of_policy = counted_out_of_policy + a.out_of_policy;
            }
        }
        for (i, item) in request.outpatient.iter().enumerate() {
            compliant_total = compliant_total + item.compliant;
            out_of_policy_total = out_of_policy_total + item.out_of_policy;
            let group = chronic_group(version, request, item);
            if let Some(group) = group.filter(|g| g.paid_like_stay.is_some()) {
                stays.push(Stay {
                    level: item.level,
                    compliant: item.compliant,
                    setting: item.setting,
                    disease: item.disease.as_deref(),
                    item: Item::Outpatient(i),
                    like_stay: Some(group),
                });
            }
            if paid_in(item.setting)
                && group
                    .is_some_and(|g| g.paid_like_stay.is_some() || g.counted_with_stays.is_some())
            {
                counted_compliant = counted_compliant + item.compliant;
                counted_out_of_policy = counted_out_of_policy + item.out_of_policy;
                if let Some(statement) = group.and_then(|g| g.counted_with_stays.as_ref())
                    && !counted_with_stays
                        .iter()
                        .any(|s| std::ptr::eq(*s, statement))
                {
                    counted_with_stays.push(statement);
                }
            }
        }
        Context {
            version,
            request,
            explain: request.explain,
            compliant_total,
            out_of_policy_total,
            counted_compliant,
            counted_out_of_policy,
            stays,
            counted_with_stays,
        }
    }

    /// The counted compliant cost of care for one of `diseases`.
    fn counted_compliant_for(&self, diseases: &[String]) -> Decimal {
        let listed =
            |d: &Option<String>| crate::policy::diseases::limited_to(diseases, d.as_deref());
        let stays: Decimal = self
            .request
            .admissions
            .iter()
            .filter(|a| listed(&a.disease) && paid_in(self.version, a.setting))
            .map(|a| a.compliant)
            .sum();
        let outpatient: Decimal = self
            .request
            .outpatient
            .iter()
            .filter(|o| listed(&o.disease) && paid_in(self.version, o.setting))
            .filter(|o| {
                chronic_group(self.version, self.request, o)
                    .is_some_and(|g| g.paid_like_stay.is_some() || g.counted_with_stays.is_some())
            })
            .map(|o| o.compliant)
            .sum();
        stays + outpatient
    }

    /// Where the version lists those of `diseases` the year has care for.
    fn listed_with_care(&self, diseases: &'a [String]) -> Vec<&'a Statement> {
        let version = self.version;
        diseases
            .iter()
            .filter(|id| self.has_care_for(std::slice::from_ref(*id)))
            .filter_map(|id| version.disease(id).map(|d| &d.listed))
            .collect()
    }

    /// Whether the year has care (a stay or outpatient) for one of `diseases`.
    fn has_care_for(&self, diseases: &[String]) -> bool {
        let listed =
            |d: &Option<String>| crate::policy::diseases::limited_to(diseases, d.as_deref());
        self.request.admissions.iter().any(|a| listed(&a.disease))
            || self.request.outpatient.iter().any(|o| listed(&o.disease))
    }

    /// The version's own names for a hospital level.
    fn level_names(&self, level: Level) -> (&str, &str) {
        match self.version.level_name(level) {
            Some(name) => (&name.name_zh, &name.name_en),
            None => (level.name_zh(), level.name_en()),
        }
    }
}

/// Whether the version pays care in `setting` at all: care it does not pay
/// (未备案异地就医, say) is counted by no layer, the person pays it.
fn paid_in(version: &Version, setting: Setting) -> bool {
    version
        .setting_rule(setting)
        .is_none_or(|rule| rule.not_paid.is_none())
}

/// The chronic or special outpatient group that pays `item`, if any.
fn chronic_group<'v>(
    version: &'v Version,
    request: &Request,
    item: &OutpatientCost,
) -> Option<&'v ChronicGroup> {
    if item.kind == OutpatientKind::General {
        return None;
    }
    let chronic = version.benefits.chronic_outpatient.as_ref()?;
    chronic.group(item.kind, item.disease.as_deref(), request.scheme)
}

/// What the layers so far have paid.
#[derive(Default)]
pub(crate) struct Ledger {
    compliant: Decimal,
    out_of_policy: Decimal,
    /// The part of `compliant` paid on costs the later layers do not count
    /// (general outpatient care, chronic care not counted with stays).
    uncounted: Decimal,
    /// Each layer's payment of counted compliant costs, by its place in
    /// `LayerId::ALL` (an array: no allocation on every keystroke's estimate).
    by_layer: [Decimal; LayerId::ALL.len()],
}

impl Ledger {
    /// What the `layers` paid of the counted compliant costs.
    fn compliant_paid_by(&self, layers: &[LayerId]) -> Decimal {
        layers.iter().map(|&id| self.by_layer[id as usize]).sum()
    }

    /// What the layers so far paid of the counted compliant costs.
    fn counted_paid(&self) -> Decimal {
        self.compliant - self.uncounted
    }

    /// The counted compliant cost no layer has paid yet.
    fn counted_left(&self, cx: &Context) -> Decimal {
        cx.counted_compliant - self.counted_paid()
    }
}

/// One layer's payment, already rounded, and how it came about.
pub(crate) struct LayerPay<'v> {
    compliant: Decimal,
    out_of_policy: Decimal,
    /// The part of `compliant` on costs the later layers do not count.
    uncounted: Decimal,
    steps: Vec<Step<'v>>,
}

impl<'v> LayerPay<'v> {
    fn compliant(amount: Decimal, steps: Vec<Step<'v>>) -> LayerPay<'v> {
        LayerPay {
            compliant: amount,
            out_of_policy: Decimal::ZERO,
            uncounted: Decimal::ZERO,
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
                RequestError::UnknownPolicy {
                    id: request.policy.clone(),
                    known: policies.iter().map(|p| p.id.clone()).collect(),
                },
            )
        })?;
    let version = policy.version_on(request.date).ok_or_else(|| {
        Error::new(
            "date",
            RequestError::NoVersionOnDate {
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
        let mut estimate = cascade(policy, version, request);
        if !request.overrides.is_empty() {
            estimate.unused_overrides = unused_overrides(version, request);
        }
        Ok(estimate)
    }
}

fn cascade(policy: &Policy, version: &Version, request: &Request) -> Estimate {
    let cx = Context::new(version, request);
    let total = cx.compliant_total + cx.out_of_policy_total;
    let mut ledger = Ledger::default();
    let mut layers = Vec::new();
    let mut figures = Vec::new();
    let mut record = |id: LayerId, pay: LayerPay, ledger: &mut Ledger| {
        ledger.compliant = ledger.compliant + pay.compliant;
        ledger.out_of_policy = ledger.out_of_policy + pay.out_of_policy;
        ledger.uncounted = ledger.uncounted + pay.uncounted;
        ledger.by_layer[id as usize] = pay.compliant - pay.uncounted;
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

    for &id in LayerId::ALL {
        if let Some(pay) = layers::pay(id, &cx, &ledger) {
            record(id, pay, &mut ledger);
        }
    }

    let paid = ledger.compliant + ledger.out_of_policy;
    let mut assumptions = assumptions_used(&figures);
    assumptions.extend(unpaid_outpatient(version, request));
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
        effective_ratio: Ratio::of(paid, total),
        assumptions,
        figures: if cx.explain { figures } else { Vec::new() },
        layers,
        unused_overrides: Vec::new(),
        reported: version
            .reported
            .iter()
            .filter(|r| r.for_scheme(request.scheme))
            .filter_map(|r| match &r.value.origin {
                Origin::Cited(citation) => Some(ReportedUse {
                    what_zh: r.what_zh.clone(),
                    what_en: r.what_en.clone(),
                    value: r.value.display(),
                    source: citation.to_string(),
                    quote: citation.quote.clone(),
                }),
                _ => None, // the reader admits cited reports only
            })
            .collect(),
    }
}

/// Outpatient costs for which the version has no rule at all: counted as
/// paid by the person, and said as an assumption (the text is silent, it
/// does not say "not paid").
fn unpaid_outpatient(version: &Version, request: &Request) -> Vec<AssumptionUsed> {
    let benefits = &version.benefits;
    let mut out = Vec::new();
    for kind in OutpatientKind::ALL {
        let has_rule = match kind {
            OutpatientKind::General => benefits.outpatient.is_some(),
            _ => benefits.chronic_outpatient.is_some(),
        };
        if has_rule {
            continue;
        }
        if let Some(i) = request.outpatient.iter().position(|o| o.kind == *kind) {
            out.push(AssumptionUsed {
                parameter: format!("outpatient[{i}].kind").into(),
                value: kind.id().to_string(),
                reason_zh: format!(
                    "该政策没有{}的报销规定：这部分门诊费用按个人自付计算",
                    kind.name_zh()
                )
                .into(),
                reason_en: format!(
                    "the policy has no rule for {}: these costs are counted as paid by the person",
                    kind.name_en()
                )
                .into(),
            });
        }
    }
    out
}

/// The scheme, category and levels must be ones the version provides for.
fn check_request_fits(version: &Version, request: &Request) -> Result<(), Error> {
    if !version.schemes.contains(&request.scheme) {
        let value = request.scheme.id().to_string();
        return Err(Error::new(
            "scheme",
            RequestError::NotInPolicy {
                value,
                allowed: ids(&version.schemes),
            },
        ));
    }
    if !version.categories.contains(&request.category) {
        let value = request.category.id().to_string();
        return Err(Error::new(
            "category",
            RequestError::NotInPolicy {
                value,
                allowed: ids(&version.categories),
            },
        ));
    }
    let admissions = request.admissions.iter().enumerate();
    let admissions = admissions.map(|(i, a)| (a.level, &a.disease, Item::Stay(i)));
    let outpatient = request.outpatient.iter().enumerate();
    let outpatient = outpatient.map(|(i, o)| (o.level, &o.disease, Item::Outpatient(i)));
    for (level, disease, field) in admissions.chain(outpatient) {
        if version.level_name(level).is_none() {
            let allowed = version
                .levels
                .iter()
                .map(|l| l.level.id().to_string())
                .collect();
            let value = level.id().to_string();
            return Err(Error::new(
                format!("{field}.level"),
                RequestError::NotInPolicy { value, allowed },
            ));
        }
        if let Some(disease) = disease
            && version.disease(disease).is_none()
        {
            let allowed = version.diseases.iter().map(|d| d.id.clone()).collect();
            let value = disease.clone();
            return Err(Error::new(
                format!("{field}.disease"),
                RequestError::NotInPolicy { value, allowed },
            ));
        }
    }
    Ok(())
}

/// The version with the request's overrides in place, checked again.
fn apply_overrides(
    version: &Version,
    overrides: &[(String, Replacement)],
) -> Result<Version, Error> {
    if overrides.len() > request::MAX_OVERRIDES {
        let max = request::MAX_OVERRIDES;
        return Err(Error::new(
            "overrides",
            RequestError::TooManyOverrides { max },
        ));
    }
    for (i, (path, _)) in overrides.iter().enumerate() {
        // Two values for one figure: which one was meant cannot be known.
        if overrides[..i].iter().any(|(earlier, _)| earlier == path) {
            let value = path.clone();
            return Err(Error::new(
                format!("overrides.{path}"),
                InputError::Duplicate { value },
            ));
        }
    }
    let mut replaced = version.clone();
    for (path, value) in overrides {
        replace_figure(&mut replaced, path, value)?;
    }
    match validate::version(&replaced) {
        Ok(()) => Ok(replaced),
        Err(invalid) => Err(conflict(version, &replaced, overrides, invalid)),
    }
}

/// Puts one override's value in place of the figure it names, in the
/// figure's own unit (text `"13"` for an age, `"80%"` for a rate).
fn replace_figure(version: &mut Version, path: &str, value: &Replacement) -> Result<(), Error> {
    let mut outcome: Option<Result<(), &ErrorKind>> = None;
    version.each_figure_mut(&mut |figure| {
        if outcome.is_some() || *figure.path != *path {
            return;
        }
        outcome = Some(value.in_unit(figure.unit).map(|value| {
            // The policy's own figure stays what the explanation quotes.
            if !matches!(figure.origin, Origin::Overridden { .. }) {
                let was = Box::new(figure.origin.clone());
                figure.origin = Origin::Overridden {
                    policy_value: figure.value,
                    was,
                };
            }
            figure.value = value;
        }));
    });
    let field = || format!("overrides.{path}");
    match outcome {
        None => Err(Error::new(field(), RequestError::UnknownParameter)),
        Some(Err(kind)) => Err(Error::new(field(), kind.clone())),
        Some(Ok(())) => Ok(()),
    }
}

/// The error for overrides that together break a check of the version,
/// blamed on one of them (the figure the user changed, which is where the
/// page shows it) and naming the figure it conflicts with: the override
/// whose own figure fails, else the first whose removal alone makes the
/// version valid again, else the last one.
fn conflict(
    version: &Version,
    replaced: &Version,
    overrides: &[(String, Replacement)],
    invalid: validate::Invalid,
) -> Error {
    let is_override = |path: &str| overrides.iter().any(|(p, _)| p == path);
    let without = |skip: usize| {
        let mut v = version.clone();
        overrides
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .all(|(_, (path, value))| replace_figure(&mut v, path, value).is_ok())
            && validate::version(&v).is_ok()
    };
    let (culprit, other) = if is_override(&invalid.figure_path) {
        (
            invalid.figure_path.clone(),
            invalid.other.map(|o| o.to_string()),
        )
    } else {
        let culprit = (0..overrides.len())
            .find(|&i| without(i))
            .or(overrides.len().checked_sub(1))
            .map(|i| overrides[i].0.clone());
        match culprit {
            Some(culprit) => (culprit, Some(invalid.figure_path.clone())),
            None => return invalid.into_error().under("overrides"),
        }
    };
    let shown = |path: &str| replaced.figure(path).map(|(f, _)| f.display());
    let kind = match other {
        Some(other) => RequestError::Conflict(Box::new(Conflict {
            value: shown(&culprit).unwrap_or_default(),
            other_value: shown(&other).unwrap_or_default(),
            other,
            rule: invalid.kind,
        }))
        .into(),
        None => invalid.kind,
    };
    Error::new(format!("overrides.{culprit}"), kind)
}

/// The overrides that name a figure this request cannot use (another
/// scheme's, another category's, a level without a stay), and why.
fn unused_overrides(version: &Version, request: &Request) -> Vec<UnusedOverride> {
    let mut unused = Vec::new();
    for (path, _) in &request.overrides {
        let Some((_, reach)) = version.figure(path) else {
            continue;
        };
        let (zh, en) = if let Some(schemes) = reach.schemes.filter(|s| !s.contains(&request.scheme))
        {
            names(schemes, |s| (s.name_zh().into(), s.name_en().into()))
        } else if let Some(categories) = reach.categories.filter(|c| !c.contains(&request.category))
        {
            names(categories, |c| (c.name_zh().into(), c.name_en().into()))
        } else if let Some(level) = reach.level.filter(|l| {
            let mut levels = request.admissions.iter().map(|a| a.level);
            let mut outpatient = request.outpatient.iter().map(|o| o.level);
            levels.all(|a| a != *l) && outpatient.all(|o| o != *l)
        }) {
            let (zh, en) = match version.level_name(level) {
                Some(name) => (name.name_zh.as_str(), name.name_en.as_str()),
                None => (level.name_zh(), level.name_en()),
            };
            (format!("{zh}的住院"), format!("stays at a {en}"))
        } else {
            continue;
        };
        unused.push(UnusedOverride {
            parameter: path.clone(),
            message_zh: format!("本次测算用不到这个数字：它只适用于{zh}"),
            message_en: format!("this estimate does not use it: it applies only to {en}"),
        });
    }
    unused
}

/// A list of names joined for a message: `职工医保（在职）、职工医保（退休）`.
fn names<T: Copy>(items: &[T], name: impl Fn(T) -> (String, String)) -> (String, String) {
    let (zh, en): (Vec<String>, Vec<String>) = items.iter().map(|&i| name(i)).unzip();
    (zh.join("、"), en.join(", "))
}

/// Every assumed figure the steps used, in the order first used.
fn assumptions_used(figures: &[FigureUse]) -> Vec<AssumptionUsed> {
    figures
        .iter()
        .filter(|f| f.origin == FigureOrigin::Assumed)
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
