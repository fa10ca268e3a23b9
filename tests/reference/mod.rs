//! An independent reference for the engine: the rules of policies/README.md
//! (3.4–3.8 and 4, "计算顺序和取整") and of the issue-14 keys (the policy
//! model's doc comments in `crates/policy/src/policy/` and the key list of
//! issue 14: settings, disease lists, fixed payments, general and chronic
//! outpatient care, disease-limited tilts and assistance groups, shifted
//! segment bounds, a threshold for second assistance, the self-pay
//! supplementary base) written a second time, in exact rational arithmetic
//! ([`Exact`]) instead of `Decimal`, reading only the public policy model
//! (`yibao::policy`) and the request. Nothing of `yibao::engine` is used but
//! the request and the layer names.
//!
//! Each policy figure is turned into an exact rational once, where it is read
//! ([`figure`]). The one rounding rule (README 4, `src/money.rs`): each
//! layer's payment is rounded once, to the fen, half away from zero, when the
//! layer computes it — basic insurance per stay, its top-up per stay, general
//! outpatient pooling once for the year, chronic outpatient care once per
//! disease group —, and nothing before it; every later layer sees the rounded
//! payments of the layers before it, as a settlement would. The out-of-pocket
//! amounts are the totals less the rounded payments, never rounded themselves.
//!
//! Which costs each layer sees (issue 14):
//! - basic insurance settles the stays, in the order given, then outpatient
//!   care of a chronic group that is `paid_like_stay`, in the order given;
//! - general outpatient pooling pays the `general` outpatient costs;
//! - chronic outpatient care pays, group by group, the `chronic`/`special`
//!   costs of the group that names the cost's kind, disease and the scheme;
//! - the layers after them (critical illness, assistance, supplementary,
//!   backstop) count the stays and the outpatient costs of groups that are
//!   `paid_like_stay` or `counted_with_stays` ("counted" costs) and what the
//!   layers before paid on those; every other outpatient cost is left to the
//!   person after its own layer;
//! - care in a setting the version does not pay (`not_paid`) is counted by
//!   no layer: the person pays it.

mod exact;

pub use exact::Exact;
use yibao::engine::{LayerId, OutpatientCost, Request};
use yibao::policy::{
    AssistanceGroup, Backstop, Basic, ByLevel, ChildDeductible, ChronicGroup, ChronicOutpatient,
    CriticalIllness, Figure, Level, MedicalAssistance, Outpatient, OutpatientKind, Policy,
    SegmentBounds, Setting, Supplementary, SupplementaryBase, Tilt, Version,
};

/// What one layer pays, and how the reference got there.
#[derive(Debug, Clone)]
pub struct Paid {
    pub layer: LayerId,
    /// Paid on compliant cost, rounded.
    pub compliant: Exact,
    /// Paid on out-of-policy cost (medical assistance's 二次救助, the
    /// self-pay supplementary base), rounded.
    pub out_of_policy: Exact,
    /// The part of `compliant` paid on counted costs (see the module's doc).
    pub counted: Exact,
    /// What the layer computes on: for basic insurance the compliant cost it
    /// settles; general outpatient pooling, the general costs less the
    /// per-visit deductibles; chronic care, its costs; the later layers, the
    /// compliant self-pay left to them (supplementary: its base).
    pub base: Exact,
    /// Medical assistance: the year's remaining self-pay after its first part
    /// (what a second-assistance threshold is compared with); zero elsewhere.
    pub remaining: Exact,
    /// Every amount the layer rounded, exactly as computed before rounding.
    pub unrounded: Vec<Exact>,
}

impl Paid {
    /// Nothing paid yet by `layer`, which computes on `base`.
    fn nothing(layer: LayerId, base: Exact) -> Paid {
        Paid {
            layer,
            compliant: Exact::ZERO,
            out_of_policy: Exact::ZERO,
            counted: Exact::ZERO,
            base,
            remaining: Exact::ZERO,
            unrounded: Vec::new(),
        }
    }

    pub fn total(&self) -> Exact {
        self.compliant + self.out_of_policy
    }
}

/// The reference's estimate.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The label of the version used.
    pub version: String,
    /// The layers the version has, in cascade order.
    pub layers: Vec<Paid>,
    pub out_of_pocket: Exact,
    pub out_of_pocket_compliant: Exact,
    pub out_of_pocket_out_of_policy: Exact,
}

/// A policy figure as an exact rational: 60% is 3/5, 1.4万 is 14000.
fn figure(f: &Figure) -> Exact {
    Exact::from_decimal(f.value)
}

fn amount(value: rust_decimal::Decimal) -> Exact {
    Exact::from_decimal(value)
}

/// The oldest age that still counts as a child. "12岁以下" in Chinese legal
/// drafting includes 12: a child of age ≤ this gets the children's deductible.
fn max_age(children: &ChildDeductible) -> Exact {
    figure(&children.max_age)
}

/// The chronic or special group that pays an outpatient cost: the group of
/// the cost's kind that covers the request's scheme and lists its disease
/// (the reader allows one at most). General care has none.
pub fn group_of<'v>(
    version: &'v Version,
    request: &Request,
    item: &OutpatientCost,
) -> Option<&'v ChronicGroup> {
    if item.kind == OutpatientKind::General {
        return None;
    }
    let disease = item.disease.as_deref()?;
    version
        .benefits
        .chronic_outpatient
        .as_ref()?
        .groups
        .iter()
        .find(|g| {
            g.kind == item.kind
                && g.schemes.contains(&request.scheme)
                && g.diseases.iter().any(|d| d == disease)
        })
}

/// Whether the layers after basic insurance count this outpatient cost.
pub fn counted(version: &Version, request: &Request, item: &OutpatientCost) -> bool {
    paid_in(version, item.setting)
        && group_of(version, request, item)
            .is_some_and(|g| g.paid_like_stay.is_some() || g.counted_with_stays.is_some())
}

/// Whether care in `setting` is paid at all.
fn paid_in(version: &Version, setting: Setting) -> bool {
    !matches!(away(version, setting), Away::NotPaid)
}

/// How care in a setting is paid: a setting the version names has its rule
/// (nothing, or a rate cut in points and a deductible by level); local care
/// and a setting the version does not name are paid like local care.
enum Away<'v> {
    NotPaid,
    Paid {
        rate_cut: Exact,
        deductible: Option<&'v ByLevel>,
    },
}

fn away(version: &Version, setting: Setting) -> Away<'_> {
    let local = Away::Paid {
        rate_cut: Exact::ZERO,
        deductible: None,
    };
    if setting == Setting::Local {
        return local;
    }
    match version.settings.iter().find(|s| s.setting == setting) {
        None => local,
        Some(rule) if rule.not_paid.is_some() => Away::NotPaid,
        Some(rule) => Away::Paid {
            rate_cut: rule.rate_cut.as_ref().map_or(Exact::ZERO, figure),
            deductible: rule.deductible.as_ref(),
        },
    }
}

/// One cost basic insurance settles as a stay.
struct Settlement<'r> {
    level: Level,
    compliant: Exact,
    setting: Setting,
    disease: Option<&'r str>,
}

/// The year's costs, sorted for the layers.
struct Year<'r> {
    version: &'r Version,
    request: &'r Request,
    /// What basic insurance settles, in order.
    settlements: Vec<Settlement<'r>>,
    /// Every compliant and out-of-policy cost.
    compliant_total: Exact,
    out_of_policy_total: Exact,
    /// The counted costs (see the module's doc).
    counted_compliant: Exact,
    counted_out_of_policy: Exact,
}

impl<'r> Year<'r> {
    fn new(version: &'r Version, request: &'r Request) -> Year<'r> {
        let mut settlements: Vec<Settlement<'r>> = request
            .admissions
            .iter()
            .map(|a| Settlement {
                level: a.level,
                compliant: amount(a.compliant),
                setting: a.setting,
                disease: a.disease.as_deref(),
            })
            .collect();
        settlements.extend(
            request
                .outpatient
                .iter()
                .filter(|o| {
                    group_of(version, request, o).is_some_and(|g| g.paid_like_stay.is_some())
                })
                .map(|o| Settlement {
                    level: o.level,
                    compliant: amount(o.compliant),
                    setting: o.setting,
                    disease: o.disease.as_deref(),
                }),
        );
        let stays_compliant: Exact = request.admissions.iter().map(|a| amount(a.compliant)).sum();
        let stays_out: Exact = request
            .admissions
            .iter()
            .map(|a| amount(a.out_of_policy))
            .sum();
        let paid_stays = || {
            request
                .admissions
                .iter()
                .filter(|a| paid_in(version, a.setting))
        };
        let counted_stays: Exact = paid_stays().map(|a| amount(a.compliant)).sum();
        let counted_stays_out: Exact = paid_stays().map(|a| amount(a.out_of_policy)).sum();
        let counted_items = || {
            request
                .outpatient
                .iter()
                .filter(|o| counted(version, request, o))
        };
        Year {
            version,
            request,
            settlements,
            compliant_total: stays_compliant
                + request.outpatient.iter().map(|o| amount(o.compliant)).sum(),
            out_of_policy_total: stays_out
                + request
                    .outpatient
                    .iter()
                    .map(|o| amount(o.out_of_policy))
                    .sum(),
            counted_compliant: counted_stays + counted_items().map(|o| amount(o.compliant)).sum(),
            counted_out_of_policy: counted_stays_out
                + counted_items().map(|o| amount(o.out_of_policy)).sum(),
        }
    }

    /// Whether the year has care (a stay or outpatient care of any kind) for
    /// one of `diseases`.
    fn has_care_for(&self, diseases: &[String]) -> bool {
        let listed = |d: &Option<String>| d.as_ref().is_some_and(|d| diseases.contains(d));
        self.request.admissions.iter().any(|a| listed(&a.disease))
            || self.request.outpatient.iter().any(|o| listed(&o.disease))
    }

    /// The counted compliant cost of care for one of `diseases`.
    fn counted_compliant_for(&self, diseases: &[String]) -> Exact {
        let listed = |d: &Option<String>| d.as_ref().is_some_and(|d| diseases.contains(d));
        let stays: Exact = self
            .request
            .admissions
            .iter()
            .filter(|a| listed(&a.disease) && paid_in(self.version, a.setting))
            .map(|a| amount(a.compliant))
            .sum();
        let outpatient: Exact = self
            .request
            .outpatient
            .iter()
            .filter(|o| listed(&o.disease) && counted(self.version, self.request, o))
            .map(|o| amount(o.compliant))
            .sum();
        stays + outpatient
    }
}

/// Runs the layers of the version in force on the request's date, in the
/// order of the registry of benefits: basic, general outpatient, chronic
/// outpatient, critical illness, medical assistance, supplementary
/// insurance, backstop; a layer the version lacks is skipped.
pub fn estimate(policy: &Policy, request: &Request) -> Outcome {
    assert!(
        request.overrides.is_empty(),
        "the reference takes no overrides"
    );
    let version = version_on(policy, request);
    let year = Year::new(version, request);
    let benefits = &version.benefits;

    let mut layers: Vec<Paid> = Vec::new();
    // What the layers so far paid on counted compliant costs (rounded payments).
    let counted_paid = |layers: &[Paid]| layers.iter().map(|p| p.counted).sum::<Exact>();
    // Basic insurance's fund payments, without the top-up: what the annual
    // fund cap counts.
    let mut fund_paid = Exact::ZERO;
    let mut deductibles = Exact::ZERO;
    if let Some(basic_insurance) = &benefits.basic {
        match basic_insurance.for_scheme(request.scheme) {
            Some(b) => {
                let (paid, fund, taken) = basic(b, &year);
                fund_paid = fund;
                deductibles = taken;
                layers.push(paid);
            }
            None => layers.push(Paid::nothing(LayerId::Basic, Exact::ZERO)),
        }
    }
    if let Some(o) = &benefits.outpatient {
        layers.push(outpatient(o, &year));
    }
    if let Some(c) = &benefits.chronic_outpatient {
        layers.push(chronic_outpatient(c, &year, fund_paid, deductibles));
    }
    if let Some(ci) = &benefits.critical_illness {
        let left = year.counted_compliant - counted_paid(&layers);
        layers.push(critical_illness(ci, &year, left));
    }
    // Basic + chronic + critical illness: the base of supplementary insurance "after_critical_illness".
    let before_assistance = counted_paid(&layers);
    if let Some(ma) = &benefits.medical_assistance {
        let left = year.counted_compliant - counted_paid(&layers);
        layers.push(medical_assistance(ma, &year, left));
    }
    if let Some(s) = &benefits.supplementary {
        let unpaid = year.counted_compliant - counted_paid(&layers);
        let out_of_policy_paid: Exact = layers.iter().map(|p| p.out_of_policy).sum();
        let unpaid_out_of_policy = year.counted_out_of_policy - out_of_policy_paid;
        // The base, and the most it may pay of out-of-policy cost (where the
        // base includes it).
        let (base, most_out_of_policy) = match s.base {
            SupplementaryBase::AfterCriticalIllness => {
                (year.counted_compliant - before_assistance, Exact::ZERO)
            }
            SupplementaryBase::AfterMedicalAssistance => (unpaid, Exact::ZERO),
            SupplementaryBase::SelfPayAfterMedicalAssistance => {
                (unpaid + unpaid_out_of_policy, unpaid_out_of_policy)
            }
        };
        layers.push(supplementary(s, request, base, unpaid, most_out_of_policy));
    }
    if let Some(b) = &benefits.backstop {
        let left = year.counted_compliant - counted_paid(&layers);
        layers.push(backstop(b, request, year.counted_compliant, left));
    }

    let compliant_paid: Exact = layers.iter().map(|p| p.compliant).sum();
    let out_of_policy_paid: Exact = layers.iter().map(|p| p.out_of_policy).sum();
    Outcome {
        version: version.label.clone(),
        out_of_pocket: year.compliant_total + year.out_of_policy_total
            - compliant_paid
            - out_of_policy_paid,
        out_of_pocket_compliant: year.compliant_total - compliant_paid,
        out_of_pocket_out_of_policy: year.out_of_policy_total - out_of_policy_paid,
        layers,
    }
}

/// README 1.3: the version whose days (both ends included) hold the date.
fn version_on<'p>(policy: &'p Policy, request: &Request) -> &'p Version {
    let day = request.date.expect("the reference is always given a date");
    policy
        .versions
        .iter()
        .find(|v| v.valid_from <= day && day <= v.valid_to)
        .expect("a version in force on the request's date")
}

/// Basic insurance (README 3.4), each settlement in order (the stays, then
/// outpatient care paid like a stay):
/// 0. in a setting the version names as not paid, nothing (the settlement
///    still counts as one of the year's, for the later-stay deductible);
/// 1. a stay for a disease with a fixed payment of the scheme: that amount,
///    at most the stay's compliant cost, within the annual cap (no deductible,
///    rate, rate cut or top-up: it replaces them);
/// 2. the deductible: the setting's for the level where the version names
///    one, else [`deductible`];
/// 3. wanted = max(0, compliant − deductible) × max(0, the level's rate +
///    the category's raise points − the setting's rate cut);
/// 4. with `annual_cap`, the fund pays at most what the year's earlier
///    settlements (their rounded payments) left of the cap;
/// 5. with `top_up`, on a stay the cap cut: the remaining room paid
///    room / rate of the stay's eligible cost, and the top-up pays
///    `top_up.rate` of the rest, within what the year's earlier top-ups left
///    of `top_up.cap`.
///
/// The fund's payment and the top-up's are each rounded per stay. Returns
/// the layer and the fund's payments alone (what the annual cap counts).
/// Basic insurance's payment, its fund payments without the top-up (what the
/// annual fund cap counts), and what the stays' deductibles took.
fn basic(basic: &Basic, year: &Year) -> (Paid, Exact, Exact) {
    let request = year.request;
    let points = basic
        .rate_raises
        .iter()
        .find(|r| r.who.includes(request.category))
        .map_or(Exact::ZERO, |r| figure(&r.points));
    let cap = basic.annual_cap.as_ref().map(figure);
    let (mut fund_paid, mut top_up_paid) = (Exact::ZERO, Exact::ZERO);
    // What the stays' deductibles took (chronic care may share them).
    let mut deductibles = Exact::ZERO;
    let mut unrounded = Vec::new();
    for (index, stay) in year.settlements.iter().enumerate() {
        let (rate_cut, setting_deductible) = match away(year.version, stay.setting) {
            Away::NotPaid => continue,
            Away::Paid {
                rate_cut,
                deductible,
            } => (rate_cut, deductible.and_then(|d| d.get(stay.level))),
        };
        let room = cap.map(|cap| cap - fund_paid);
        let fixed = stay
            .disease
            .and_then(|d| basic.fixed_payments.iter().find(|f| f.disease == d));
        if let Some(fixed) = fixed {
            let wanted = figure(&fixed.amount).min(stay.compliant);
            let fund = room.map_or(wanted, |room| wanted.min(room));
            unrounded.push(fund);
            fund_paid += fund.round_fen();
            continue;
        }
        let d = setting_deductible
            .map_or_else(|| deductible(basic, request, index, stay.level), figure);
        let eligible = (stay.compliant - d).max(Exact::ZERO);
        deductibles += d.min(stay.compliant);
        let level_rate = figure(basic.rate.get(stay.level).expect("a rate per level"));
        let rate = (level_rate + points - rate_cut).max(Exact::ZERO);
        let wanted = eligible * rate;
        let fund = match room {
            Some(room) if wanted > room => room,
            _ => wanted,
        };
        unrounded.push(fund);
        fund_paid += fund.round_fen();

        if let (Some(room), Some(top_up)) = (room, &basic.top_up)
            && wanted > room
        {
            let covered_by_room = if rate.is_positive() {
                room / rate
            } else {
                Exact::ZERO
            };
            let top_up_room = figure(&top_up.cap) - top_up_paid;
            let extra = ((eligible - covered_by_room) * figure(&top_up.rate)).min(top_up_room);
            unrounded.push(extra);
            top_up_paid += extra.round_fen();
        }
    }
    let paid = Paid {
        layer: LayerId::Basic,
        compliant: fund_paid + top_up_paid,
        out_of_policy: Exact::ZERO,
        counted: fund_paid + top_up_paid,
        base: year.settlements.iter().map(|s| s.compliant).sum(),
        remaining: Exact::ZERO,
        unrounded,
    };
    (paid, fund_paid, deductibles)
}

/// The deductible of stay `index` (0-based) at `level` (README 3.4, step 1):
/// the level's deductible; from the second stay on the later-stay one; for a
/// child (age given and ≤ [`max_age`]) the children's one where the level has
/// it; the lowest of those that apply.
fn deductible(basic: &Basic, request: &Request, index: usize, level: Level) -> Exact {
    let usual = basic.deductible.get(level).expect("a deductible per level");
    let later = basic
        .later_stay_deductible
        .as_ref()
        .filter(|_| index > 0)
        .and_then(|table| table.get(level));
    let child = basic
        .children
        .as_ref()
        .filter(|children| {
            request
                .age
                .is_some_and(|age| Exact::whole(age.into()) <= max_age(children))
        })
        .and_then(|children| children.deductible.get(level));
    [Some(usual), later, child]
        .into_iter()
        .flatten()
        .map(figure)
        .min()
        .expect("the usual deductible")
}

/// General outpatient pooling (普通门诊统筹), once for the year, for the
/// schemes, categories (`who`) and ages (≤ `max_age`; an unknown age is not
/// covered) it names: each `general` cost in order, at a level the rule
/// has a rate for and in a setting that is paid, less its per-visit
/// deductible (× visits), then less what is left of the yearly deductible,
/// times max(0, the level's rate − the setting's rate cut); the sum within
/// the annual cap, rounded once. Nothing of it is counted by later layers.
fn outpatient(o: &Outpatient, year: &Year) -> Paid {
    let request = year.request;
    let general: Vec<&OutpatientCost> = request
        .outpatient
        .iter()
        .filter(|i| i.kind == OutpatientKind::General)
        .collect();
    let per_visit = o.deductible_per_visit.as_ref().map(figure);
    let after_visits = |item: &OutpatientCost| {
        let visits = Exact::whole(item.visits.into());
        let less = per_visit.map_or(Exact::ZERO, |d| d * visits);
        (amount(item.compliant) - less).max(Exact::ZERO)
    };
    let mut paid = Paid::nothing(
        LayerId::Outpatient,
        general.iter().map(|i| after_visits(i)).sum(),
    );
    let covered = o.schemes.contains(&request.scheme)
        && o.who.as_ref().is_none_or(|w| w.includes(request.category))
        && o.max_age.as_ref().is_none_or(|m| {
            request
                .age
                .is_some_and(|age| Exact::whole(age.into()) <= figure(m))
        });
    if !covered || general.is_empty() {
        return paid;
    }
    let mut deductible_left = o.deductible.as_ref().map_or(Exact::ZERO, figure);
    let mut sum = Exact::ZERO;
    for item in general {
        let Some(rate) = o.rate.get(item.level) else {
            continue;
        };
        let Away::Paid { rate_cut, .. } = away(year.version, item.setting) else {
            continue;
        };
        let eligible = after_visits(item);
        let take = deductible_left.min(eligible);
        deductible_left = deductible_left - take;
        sum += (eligible - take) * (figure(rate) - rate_cut).max(Exact::ZERO);
    }
    if let Some(cap) = &o.annual_cap {
        sum = sum.min(figure(cap));
    }
    paid.unrounded.push(sum);
    paid.compliant = sum.round_fen();
    paid
}

/// Chronic and special outpatient care (门诊慢特病), group by group in the
/// order of the file, for the groups not paid like a stay: the group's costs
/// in order, in a setting that is paid, less what is left of the group's
/// yearly deductible, times max(0, its rate − the setting's rate cut); the
/// sum within the group's annual cap and, for a group that shares basic
/// insurance's annual fund cap, within what the fund's payments (the stays',
/// then earlier sharing groups') left of it; rounded once per group. A
/// group counted with stays pays on counted costs.
fn chronic_outpatient(
    c: &ChronicOutpatient,
    year: &Year,
    fund_paid: Exact,
    inpatient_deductibles: Exact,
) -> Paid {
    let request = year.request;
    let items_of = |group: &ChronicGroup| -> Vec<&OutpatientCost> {
        request
            .outpatient
            .iter()
            .filter(|o| group_of(year.version, request, o).is_some_and(|g| std::ptr::eq(g, group)))
            .collect()
    };
    let mut paid = Paid::nothing(
        LayerId::ChronicOutpatient,
        c.groups
            .iter()
            .filter(|g| g.paid_like_stay.is_none())
            .flat_map(items_of)
            .map(|o| amount(o.compliant))
            .sum(),
    );
    let mut fund_room = year
        .version
        .basic_for(request.scheme)
        .and_then(|b| b.annual_cap.as_ref())
        .map(|cap| figure(cap) - fund_paid);
    for group in c.groups.iter().filter(|g| g.paid_like_stay.is_none()) {
        let items = items_of(group);
        if items.is_empty() {
            continue;
        }
        let rate = figure(
            group
                .rate
                .as_ref()
                .expect("a group not paid like a stay has a rate"),
        );
        let mut deductible_left = group.deductible.as_ref().map_or(Exact::ZERO, figure);
        if group.shares_inpatient_deductible.is_some() {
            deductible_left = (deductible_left - inpatient_deductibles).max(Exact::ZERO);
        }
        let mut sum = Exact::ZERO;
        for item in items {
            let Away::Paid { rate_cut, .. } = away(year.version, item.setting) else {
                continue;
            };
            let compliant = amount(item.compliant);
            let take = deductible_left.min(compliant);
            deductible_left = deductible_left - take;
            sum += (compliant - take) * (rate - rate_cut).max(Exact::ZERO);
        }
        if let Some(cap) = &group.annual_cap {
            sum = sum.min(figure(cap));
        }
        let shares = group.shares_fund_cap.is_some();
        if let (true, Some(room)) = (shares, fund_room) {
            sum = sum.min(room.max(Exact::ZERO));
        }
        paid.unrounded.push(sum);
        let rounded = sum.round_fen();
        if let (true, Some(room)) = (shares, fund_room.as_mut()) {
            *room = *room - rounded;
        }
        paid.compliant += rounded;
        if group.counted_with_stays.is_some() {
            paid.counted += rounded;
        }
    }
    paid
}

/// The critical-illness tilt of the request's category: the one for listed
/// diseases in a year with care for one of them, else the one for any year.
fn tilt<'c>(ci: &'c CriticalIllness, year: &Year) -> Option<&'c Tilt> {
    let mine = || {
        ci.tilts
            .iter()
            .filter(|t| t.who.includes(year.request.category))
    };
    mine()
        .find(|t| !t.diseases.is_empty() && year.has_care_for(&t.diseases))
        .or_else(|| mine().find(|t| t.diseases.is_empty()))
}

/// (lower bound, upper bound or open, rate) of each band above the
/// threshold, and the threshold: the threshold × the tilt's
/// `threshold_factor`; each segment from its lower bound (the threshold,
/// then the previous `up_to`) to its `up_to` (the last: open) at its rate
/// (+ the tilt's `rate_points`), every `up_to` lowered by as much as the
/// threshold was where the tilt's bounds are `shifted`; or everything above
/// the threshold at the tilt's `flat_rate`.
fn bands(ci: &CriticalIllness, tilt: Option<&Tilt>) -> Vec<(Exact, Option<Exact>, Exact)> {
    let factor = tilt
        .and_then(|t| t.threshold_factor.as_ref())
        .map_or(Exact::whole(1), figure);
    let threshold = figure(&ci.threshold) * factor;
    let shift = match tilt {
        Some(t) if t.segment_bounds == SegmentBounds::Shifted => figure(&ci.threshold) - threshold,
        _ => Exact::ZERO,
    };
    match tilt.and_then(|t| t.flat_rate.as_ref()) {
        Some(flat) => vec![(threshold, None, figure(flat))],
        None => {
            let points = tilt
                .and_then(|t| t.rate_points.as_ref())
                .map_or(Exact::ZERO, figure);
            let mut lower = threshold;
            ci.segments
                .iter()
                .map(|s| {
                    let upper = s.up_to.as_ref().map(|u| figure(u) - shift);
                    let band = (lower, upper, figure(&s.rate) + points);
                    lower = upper.unwrap_or(lower);
                    band
                })
                .collect()
        }
    }
}

/// The amounts of critical illness's base at which its rules change for this
/// request (the threshold and the segment bounds as applied): for aiming
/// amounts at them.
pub fn critical_illness_bounds(policy: &Policy, request: &Request) -> Vec<Exact> {
    let version = version_on(policy, request);
    let Some(ci) = &version.benefits.critical_illness else {
        return Vec::new();
    };
    let year = Year::new(version, request);
    let mut bounds = Vec::new();
    for (lower, upper, _) in bands(ci, tilt(ci, &year)) {
        bounds.push(lower);
        bounds.extend(upper);
    }
    bounds.sort();
    bounds.dedup();
    bounds
}

/// Critical-illness insurance (README 3.5), once for the year, for the
/// schemes it covers: on the counted compliant cost less what the layers
/// before paid on it (`base`), in the [`bands`] of the category's [`tilt`];
/// at most `annual_cap` unless the tilt has `cap_removed`.
fn critical_illness(ci: &CriticalIllness, year: &Year, base: Exact) -> Paid {
    let mut paid = Paid::nothing(LayerId::CriticalIllness, base);
    if !ci.schemes.contains(&year.request.scheme) {
        return paid;
    }
    let tilt = tilt(ci, year);
    let mut wanted: Exact = bands(ci, tilt)
        .iter()
        .map(|&(lower, upper, rate)| {
            let top = upper.map_or(base, |u| u.min(base));
            (top - lower).max(Exact::ZERO) * rate
        })
        .sum();
    let cap_removed = tilt.is_some_and(|t| t.cap_removed.is_some());
    if let (Some(cap), false) = (&ci.annual_cap, cap_removed) {
        wanted = wanted.min(figure(cap));
    }
    paid.unrounded.push(wanted);
    paid.compliant = wanted.round_fen();
    paid.counted = paid.compliant;
    paid
}

/// Medical assistance (README 3.6) for the request's category, on the
/// counted compliant self-pay left after the layers before (`left`).
///
/// A category has at most one group for listed diseases and one for any
/// care. The listed group, in a year with counted compliant cost for its
/// diseases, assists `left` × (that cost / the counted compliant cost); the
/// other group the rest (all of `left` when the listed group does not
/// apply). Each group on its part: less its `deductible` (not below 0),
/// times its `ratio`, at most its `annual_limit`, rounded.
///
/// 二次救助: the group that applies first (the listed group when it applies,
/// then the other, whether or not its part is zero) with an
/// `out_of_policy_ratio` pays that share of the counted out-of-policy cost
/// — with a `second_threshold`, only of the part of the year's remaining
/// self-pay (the compliant self-pay left after the first part, plus the
/// out-of-policy cost) above it, at most the out-of-policy cost — within
/// what its own first part left of its limit; rounded on its own, so that
/// compliant and out-of-policy cost stay apart to the fen.
fn medical_assistance(ma: &MedicalAssistance, year: &Year, left: Exact) -> Paid {
    let mut paid = Paid::nothing(LayerId::MedicalAssistance, left);
    let category = year.request.category;
    let mine = |listed: bool| {
        ma.groups
            .iter()
            .find(|g| g.who.includes(category) && g.diseases.is_empty() != listed)
    };
    let (listed, any) = (mine(true), mine(false));
    let listed = listed.filter(|g| year.counted_compliant_for(&g.diseases).is_positive());
    // (group, its part of `left`)
    let mut parts: Vec<(&AssistanceGroup, Exact)> = Vec::new();
    let mut rest = left;
    if let Some(group) = listed {
        let share = left * year.counted_compliant_for(&group.diseases) / year.counted_compliant;
        rest = left - share;
        parts.push((group, share));
    }
    if let Some(group) = any {
        parts.push((group, rest));
    }
    // (group, room left under its limit)
    let mut rooms: Vec<(&AssistanceGroup, Option<Exact>)> = Vec::new();
    for (group, part) in parts {
        let above = (part - group.deductible.as_ref().map_or(Exact::ZERO, figure)).max(Exact::ZERO);
        let mut on_compliant = above * figure(&group.ratio);
        let limit = group.annual_limit.as_ref().map(figure);
        if let Some(limit) = limit {
            on_compliant = on_compliant.min(limit);
        }
        paid.unrounded.push(on_compliant);
        let rounded = on_compliant.round_fen();
        paid.compliant += rounded;
        rooms.push((group, limit.map(|l| l - rounded)));
    }
    paid.counted = paid.compliant;
    let oop = year.counted_out_of_policy;
    paid.remaining = left - paid.compliant + oop;
    let second = rooms.iter().find(|(g, _)| g.out_of_policy_ratio.is_some());
    if let Some(&(group, room)) = second
        && let Some(ratio) = &group.out_of_policy_ratio
    {
        let eligible = match &group.second_threshold {
            None => oop,
            Some(t) => (paid.remaining - figure(t)).max(Exact::ZERO).min(oop),
        };
        let mut on_out_of_policy = eligible * figure(ratio);
        if let Some(room) = room {
            on_out_of_policy = on_out_of_policy.min(room.max(Exact::ZERO));
        }
        paid.unrounded.push(on_out_of_policy);
        paid.out_of_policy = on_out_of_policy.round_fen();
    }
    paid
}

/// Supplementary insurance (README 3.7), once for the year, for the
/// categories of `who`: on `base` (the counted compliant self-pay after basic,
/// chronic outpatient and critical illness, or after medical assistance too,
/// or that plus the out-of-policy cost left, as `base` says), the part above
/// `threshold` times `rate`, at most `annual_max`, and never more than the
/// self-pay still unpaid (`unpaid`, plus `unpaid_out_of_policy` where the
/// base includes it), the compliant part first.
fn supplementary(
    s: &Supplementary,
    request: &Request,
    base: Exact,
    unpaid: Exact,
    unpaid_out_of_policy: Exact,
) -> Paid {
    let mut paid = Paid::nothing(LayerId::Supplementary, base);
    if !s.who.includes(request.category) {
        return paid;
    }
    let mut wanted = (base - figure(&s.threshold)).max(Exact::ZERO) * figure(&s.rate);
    if let Some(max) = &s.annual_max {
        wanted = wanted.min(figure(max));
    }
    wanted = wanted.min(unpaid + unpaid_out_of_policy);
    paid.unrounded.push(wanted);
    // The compliant self-pay first, then the out-of-policy cost.
    let rounded = wanted.round_fen();
    paid.compliant = rounded.min(unpaid);
    paid.out_of_policy = rounded - paid.compliant;
    paid.counted = paid.compliant;
    paid
}

/// Government backstop (README 3.8), for the categories of `who`: the
/// person's counted compliant self-pay is limited to `max_share` of the
/// year's counted compliant cost and/or `max_amount` (the lower); the
/// backstop pays what the layers before left (`left`) above that limit. The
/// limit is an exact line, not a payment: only the backstop's payment is
/// rounded.
fn backstop(b: &Backstop, request: &Request, counted_compliant: Exact, left: Exact) -> Paid {
    let mut paid = Paid::nothing(LayerId::Backstop, left);
    if !b.who.includes(request.category) {
        return paid;
    }
    let by_share = b.max_share.as_ref().map(|s| counted_compliant * figure(s));
    let by_amount = b.max_amount.as_ref().map(figure);
    let limit = [by_share, by_amount]
        .into_iter()
        .flatten()
        .min()
        .expect("a backstop has max_share or max_amount");
    let excess = (left - limit).max(Exact::ZERO);
    paid.unrounded.push(excess);
    paid.compliant = excess.round_fen();
    paid.counted = paid.compliant;
    paid
}
