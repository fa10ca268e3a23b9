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
#[cfg(feature = "explain")]
macro_rules! text {
    ($cx:expr, $($arg:tt)*) => {
        if $cx.explain {
            std::borrow::Cow::Owned(format!($($arg)*))
        } else {
            std::borrow::Cow::Borrowed("")
        }
    };
}

/// Without the feature `explain` there are no words: the text is never
/// formatted, and its literals are not in the module.
#[cfg(not(feature = "explain"))]
macro_rules! text {
    ($cx:expr, $($arg:tt)*) => {{
        let _ = &$cx;
        if false {
            let _ = format!($($arg)*);
        }
        std::borrow::Cow::Borrowed("")
    }};
}

mod backstop;
mod basic;
mod chronic_outpatient;
mod critical_illness;
pub mod layers;
mod medical_assistance;
pub mod outcome;
mod outpatient;
#[cfg(feature = "overrides")]
mod overrides;
pub mod request;
mod split;
mod supplementary;
pub mod trace;

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::choice::{Choice, ids};
use crate::error::Error;
use crate::policy::{
    ChronicGroup, Level, Origin, OutpatientKind, Policy, Setting, Statement, Version, Who,
};

use crate::error::RequestError;
pub use layers::LayerId;
pub use outcome::{
    AssumptionUsed, Estimate, Layer, OutOfDate, OutOfPocket, Ratio, ReportedUse, Split,
    UnusedOverride, Yuan,
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
    /// Where the policy says outpatient care is counted with the stays, for
    /// the care of this request that is.
    counted_with_stays: Vec<&'a Statement>,
    /// The chronic or special group that pays each outpatient cost, by its
    /// place in the request (looked up once; empty without outpatient care).
    outpatient_groups: Vec<Option<&'a ChronicGroup>>,
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
        let paid_in = |setting| paid_in(version, setting);
        let (mut compliant_total, mut out_of_policy_total) = (Decimal::ZERO, Decimal::ZERO);
        let (mut counted_compliant, mut counted_out_of_policy) = (Decimal::ZERO, Decimal::ZERO);
        let mut counted_with_stays: Vec<&'a Statement> = Vec::new();
        let outpatient_groups: Vec<Option<&'a ChronicGroup>> = request
            .outpatient
            .iter()
            .map(|item| chronic_group(version, request, item))
            .collect();
        for a in &request.admissions {
            compliant_total = compliant_total + a.compliant;
            out_of_policy_total = out_of_policy_total + a.out_of_policy;
            if paid_in(a.setting) {
                counted_compliant = counted_compliant + a.compliant;
                counted_out_of_policy = counted_out_of_policy + a.out_of_policy;
            }
        }
        for (item, &group) in request.outpatient.iter().zip(&outpatient_groups) {
            compliant_total = compliant_total + item.compliant;
            out_of_policy_total = out_of_policy_total + item.out_of_policy;
            if outpatient_counted(version, item, group) {
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
            counted_with_stays,
            outpatient_groups,
        }
    }

    /// What basic insurance settles as stays: the admissions, then special
    /// outpatient care paid like a stay (an iterator: no list to allocate on
    /// every keystroke's estimate).
    fn stays(&self) -> impl Iterator<Item = Stay<'a>> + '_ {
        let admissions = self
            .request
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
            });
        let like_stays = self
            .request
            .outpatient
            .iter()
            .zip(&self.outpatient_groups)
            .enumerate();
        let like_stays = like_stays.filter_map(|(i, (o, group))| {
            let group = group.filter(|g| g.paid_like_stay.is_some())?;
            Some(Stay {
                level: o.level,
                compliant: o.compliant,
                setting: o.setting,
                disease: o.disease.as_deref(),
                item: Item::Outpatient(i),
                like_stay: Some(group),
            })
        });
        admissions.chain(like_stays)
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
            .zip(&self.outpatient_groups)
            .filter(|&(o, &group)| listed(&o.disease) && outpatient_counted(self.version, o, group))
            .map(|(o, _)| o.compliant)
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

/// Whether the layers after the outpatient ones count an outpatient cost
/// paid by `group`: its group is paid like a stay or counted with stays, and
/// the policy pays care in its setting.
fn outpatient_counted(
    version: &Version,
    item: &OutpatientCost,
    group: Option<&ChronicGroup>,
) -> bool {
    paid_in(version, item.setting)
        && group.is_some_and(|g| g.paid_like_stay.is_some() || g.counted_with_stays.is_some())
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
    /// What the year's stays' deductibles took, for chronic care whose
    /// deductible is one with theirs.
    inpatient_deductibles: Decimal,
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
    /// Basic insurance's: what the stays' deductibles took.
    inpatient_deductibles: Decimal,
    steps: Vec<Step<'v>>,
}

impl<'v> LayerPay<'v> {
    fn compliant(amount: Decimal, steps: Vec<Step<'v>>) -> LayerPay<'v> {
        LayerPay {
            compliant: amount,
            out_of_policy: Decimal::ZERO,
            uncounted: Decimal::ZERO,
            inpatient_deductibles: Decimal::ZERO,
            steps,
        }
    }

    fn nothing(step: Step<'v>) -> LayerPay<'v> {
        LayerPay::compliant(Decimal::ZERO, vec![step])
    }
}

/// The step that holds a payment to its cap: `min(total, cap) = cap`.
fn capped<'v>(
    cx: &Context,
    zh: impl Into<trace::Text>,
    en: impl Into<trace::Text>,
    total: Decimal,
    cap: &'v crate::policy::Figure,
) -> Step<'v> {
    Step::new(zh, en)
        .formula(text!(
            cx,
            "min({}, {}) = {}",
            trace::yuan(total),
            trace::num(cap.value),
            trace::yuan(cap.value)
        ))
        .uses(cap)
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
        overridden(version, request)?
    };
    Ok(Prepared { policy, version })
}

impl Prepared<'_> {
    /// The version the estimates use.
    pub fn version(&self) -> &Version {
        &self.version
    }

    /// `request` with every cost given as its total split by the version's
    /// compliant share: for the views that scale or extend a household's costs.
    pub fn split<'r>(&self, request: &'r Request) -> Result<Cow<'r, Request>, Error> {
        check_request_fits(&self.version, request)?;
        split::split(&self.version, request).map(|(request, _)| request)
    }

    /// Runs the cascade on `request` under this version (its policy, date and
    /// overrides are not looked at again).
    pub fn estimate(&self, request: &Request) -> Result<Estimate, Error> {
        let (policy, version) = (self.policy, &*self.version);
        check_request_fits(version, request)?;
        let (split, parts) = split::split(version, request)?;
        #[allow(unused_mut)] // set only with the feature `overrides`
        let mut estimate = cascade(policy, version, &split, parts);
        #[cfg(feature = "overrides")]
        if !request.overrides.is_empty() {
            estimate.unused_overrides = overrides::unused(version, request);
        }
        Ok(estimate)
    }
}

/// The version with the request's overrides in place.
#[cfg(feature = "overrides")]
fn overridden<'p>(version: &'p Version, request: &Request) -> Result<Cow<'p, Version>, Error> {
    overrides::apply(version, &request.overrides).map(Cow::Owned)
}

/// Without the feature `overrides`, a request that replaces figures is
/// refused, not estimated without them.
#[cfg(not(feature = "overrides"))]
fn overridden<'p>(_: &'p Version, _: &Request) -> Result<Cow<'p, Version>, Error> {
    Err(Error::new("overrides", RequestError::NotInThisModule))
}

fn cascade<'v>(
    policy: &Policy,
    version: &'v Version,
    request: &Request,
    parts: Vec<split::Part<'v>>,
) -> Estimate {
    let cx = Context::new(version, request);
    #[cfg(not(feature = "explain"))]
    let cx = Context {
        explain: false,
        ..cx
    };
    let total = cx.compliant_total + cx.out_of_policy_total;
    let mut ledger = Ledger::default();
    let mut layers = Vec::new();
    let mut figures = Vec::new();
    // First: the split's share is the first figure the estimate uses.
    let splits = parts
        .into_iter()
        .map(|part| part.outcome(&cx, &mut figures))
        .collect();
    let mut record = |id: LayerId, pay: LayerPay, ledger: &mut Ledger| {
        ledger.compliant = ledger.compliant + pay.compliant;
        ledger.out_of_policy = ledger.out_of_policy + pay.out_of_policy;
        ledger.uncounted = ledger.uncounted + pay.uncounted;
        ledger.inpatient_deductibles = ledger.inpatient_deductibles + pay.inpatient_deductibles;
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

    if cx.explain {
        let documents = policy.documents.list();
        figures.iter_mut().for_each(|f| f.name_document(&documents));
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
        out_of_date: OutOfDate::of(version.valid_from, version.valid_to, request.date),
        scheme: request.scheme,
        category: request.category,
        total: Yuan(total),
        splits,
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
                    cited_zh: r.cited_zh.clone(),
                    cited_en: r.cited_en.clone(),
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
                other: None,
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
            other: f.other.clone(),
        })
        .collect()
}
