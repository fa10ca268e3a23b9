//! An independent reference for the engine: the rules of policies/README.md
//! (3.4–3.8 and 4, "计算顺序和取整") written a second time, in exact rational
//! arithmetic ([`Exact`]) instead of `Decimal`, reading only the public policy
//! model (`yibao::policy`) and the request. Nothing of `yibao::engine` is used
//! but the request and the layer names.
//!
//! Each policy figure is turned into an exact rational once, where it is read
//! ([`figure`]). The one rounding rule (README 4, `src/money.rs`): each
//! layer's payment is rounded once, to the fen, half away from zero, when the
//! layer computes it — basic insurance per stay, its top-up per stay —, and
//! nothing before it; every later layer sees the rounded payments of the
//! layers before it, as a settlement would. The out-of-pocket amounts are the
//! totals less the rounded payments, never rounded themselves.

mod exact;

pub use exact::Exact;
use yibao::engine::{LayerId, Request};
use yibao::policy::{
    AssistanceGroup, Backstop, Basic, ChildDeductible, CriticalIllness, Figure, Level,
    MedicalAssistance, Policy, Supplementary, SupplementaryBase, Version,
};

/// What one layer pays, and how the reference got there.
#[derive(Debug, Clone)]
pub struct Paid {
    pub layer: LayerId,
    /// Paid on compliant cost, rounded.
    pub compliant: Exact,
    /// Paid on out-of-policy cost (only medical assistance's 二次救助), rounded.
    pub out_of_policy: Exact,
    /// The compliant self-pay the layer computes on (for basic insurance: the
    /// year's compliant cost).
    pub base: Exact,
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
            base,
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

/// The oldest age that still counts as a child. "12岁以下" in Chinese legal
/// drafting includes 12: a child of age ≤ this gets the children's deductible.
fn max_age(children: &ChildDeductible) -> Exact {
    figure(&children.max_age)
}

/// Runs the layers of the version in force on the request's date, in the
/// order of README 4: basic, critical illness, medical assistance,
/// supplementary insurance, backstop; a layer the version lacks is skipped.
pub fn estimate(policy: &Policy, request: &Request) -> Outcome {
    assert!(
        request.overrides.is_empty(),
        "the reference takes no overrides"
    );
    let version = version_on(policy, request);
    let compliant_total: Exact = request
        .admissions
        .iter()
        .map(|a| Exact::from_decimal(a.compliant))
        .sum();
    let out_of_policy_total: Exact = request
        .admissions
        .iter()
        .map(|a| Exact::from_decimal(a.out_of_policy))
        .sum();

    let mut layers: Vec<Paid> = Vec::new();
    // What the layers so far paid on compliant cost (rounded payments).
    let paid_so_far = |layers: &[Paid]| layers.iter().map(|p| p.compliant).sum::<Exact>();
    if let Some(b) = version.basic_for(request.scheme) {
        layers.push(basic(b, request, compliant_total));
    }
    if let Some(ci) = &version.benefits.critical_illness {
        let left = compliant_total - paid_so_far(&layers);
        layers.push(critical_illness(ci, request, left));
    }
    // Basic + critical illness: the base of supplementary insurance "after_critical_illness".
    let basic_and_critical_illness = paid_so_far(&layers);
    if let Some(ma) = &version.benefits.medical_assistance {
        let left = compliant_total - paid_so_far(&layers);
        layers.push(medical_assistance(ma, request, left, out_of_policy_total));
    }
    if let Some(s) = &version.benefits.supplementary {
        let unpaid = compliant_total - paid_so_far(&layers);
        let out_of_policy_paid: Exact = layers.iter().map(|p| p.out_of_policy).sum();
        let unpaid_out_of_policy = out_of_policy_total - out_of_policy_paid;
        // The base, and the most it may pay: of compliant self-pay, and of
        // out-of-policy cost where the base includes it.
        let (base, most_out_of_policy) = match s.base {
            SupplementaryBase::AfterCriticalIllness => {
                (compliant_total - basic_and_critical_illness, Exact::ZERO)
            }
            SupplementaryBase::AfterMedicalAssistance => (unpaid, Exact::ZERO),
            SupplementaryBase::SelfPayAfterMedicalAssistance => {
                (unpaid + unpaid_out_of_policy, unpaid_out_of_policy)
            }
        };
        layers.push(supplementary(s, request, base, unpaid, most_out_of_policy));
    }
    if let Some(b) = &version.benefits.backstop {
        let left = compliant_total - paid_so_far(&layers);
        layers.push(backstop(b, request, compliant_total, left));
    }

    let compliant_paid = paid_so_far(&layers);
    let out_of_policy_paid: Exact = layers.iter().map(|p| p.out_of_policy).sum();
    Outcome {
        version: version.label.clone(),
        out_of_pocket: compliant_total + out_of_policy_total - compliant_paid - out_of_policy_paid,
        out_of_pocket_compliant: compliant_total - compliant_paid,
        out_of_pocket_out_of_policy: out_of_policy_total - out_of_policy_paid,
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

/// Basic insurance (README 3.4), each stay in the order given:
/// 1. the stay's deductible ([`deductible`]);
/// 2. wanted = max(0, compliant − deductible) × (the level's rate + the
///    category's raise points);
/// 3. with `annual_cap`, the fund pays at most what the year's earlier stays
///    (their rounded payments) left of the cap ("达到封顶线的那次只付剩余额度");
/// 4. with `top_up`, on a stay the cap cut: the remaining room paid
///    room / rate of the stay's eligible cost, and the top-up pays
///    `top_up.rate` of the rest ("封顶线没有覆盖的那部分费用"), within what the
///    year's earlier top-ups left of `top_up.cap`.
///
/// The fund's payment and the top-up's are each rounded per stay.
fn basic(basic: &Basic, request: &Request, compliant_total: Exact) -> Paid {
    let points = basic
        .rate_raises
        .iter()
        .find(|r| r.who.includes(request.category))
        .map_or(Exact::ZERO, |r| figure(&r.points));
    let cap = basic.annual_cap.as_ref().map(figure);
    let (mut fund_paid, mut top_up_paid) = (Exact::ZERO, Exact::ZERO);
    let mut unrounded = Vec::new();
    for (index, stay) in request.admissions.iter().enumerate() {
        let compliant = Exact::from_decimal(stay.compliant);
        let eligible = (compliant - deductible(basic, request, index, stay.level)).max(Exact::ZERO);
        let rate = figure(basic.rate.get(stay.level).expect("a rate per level")) + points;
        let wanted = eligible * rate;
        let room = cap.map(|cap| cap - fund_paid);
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
    Paid {
        layer: LayerId::Basic,
        compliant: fund_paid + top_up_paid,
        out_of_policy: Exact::ZERO,
        base: compliant_total,
        unrounded,
    }
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

/// Critical-illness insurance (README 3.5), once for the year, for the
/// schemes it covers: on the year's compliant cost less basic insurance's
/// payment (`base`), above the threshold (× `threshold_factor` under the
/// category's tilt), each segment from its lower bound (the threshold, then
/// the previous `up_to`) to its `up_to` (the last: open) at its rate (+ the
/// tilt's `rate_points`), or everything above the threshold at the tilt's
/// `flat_rate`; at most `annual_cap` unless the tilt has `cap_removed`.
fn critical_illness(ci: &CriticalIllness, request: &Request, base: Exact) -> Paid {
    let mut paid = Paid::nothing(LayerId::CriticalIllness, base);
    if !ci.schemes.contains(&request.scheme) {
        return paid;
    }
    let tilt = ci.tilts.iter().find(|t| t.who.includes(request.category));
    let factor = tilt
        .and_then(|t| t.threshold_factor.as_ref())
        .map_or(Exact::whole(1), figure);
    let threshold = figure(&ci.threshold) * factor;

    // (lower bound, upper bound or open, rate) of each band above the threshold.
    let bands: Vec<(Exact, Option<Exact>, Exact)> = match tilt.and_then(|t| t.flat_rate.as_ref()) {
        Some(flat) => vec![(threshold, None, figure(flat))],
        None => {
            let points = tilt
                .and_then(|t| t.rate_points.as_ref())
                .map_or(Exact::ZERO, figure);
            let mut lower = threshold;
            ci.segments
                .iter()
                .map(|s| {
                    let upper = s.up_to.as_ref().map(figure);
                    let band = (lower, upper, figure(&s.rate) + points);
                    lower = upper.unwrap_or(lower);
                    band
                })
                .collect()
        }
    };
    let mut wanted: Exact = bands
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
    paid
}

/// Medical assistance (README 3.6), for the categories of one group: the
/// compliant self-pay left after basic and critical illness (`left`), less the
/// group's `deductible` (not below 0), times `ratio`, at most `annual_limit`;
/// with `out_of_policy_ratio` (二次救助) also the year's out-of-policy cost
/// times it, within what the first part left of the limit.
///
/// The two parts are two payments, each rounded when computed: the result
/// (and the out-of-pocket amounts) keeps compliant and out-of-policy cost
/// apart to the fen, and the limit is checked against the rounded first part,
/// so that the two together never exceed it.
fn medical_assistance(
    ma: &MedicalAssistance,
    request: &Request,
    left: Exact,
    out_of_policy_total: Exact,
) -> Paid {
    let mut paid = Paid::nothing(LayerId::MedicalAssistance, left);
    // Requests here name no disease: a group for listed diseases never applies.
    let mut groups = ma.groups.iter().filter(|g| g.diseases.is_empty());
    let Some(group) = groups.find(|g| g.who.includes(request.category)) else {
        return paid;
    };
    let AssistanceGroup {
        ratio,
        deductible,
        annual_limit,
        out_of_policy_ratio,
        ..
    } = group;
    let limit = annual_limit.as_ref().map(figure);
    let above = (left - deductible.as_ref().map_or(Exact::ZERO, figure)).max(Exact::ZERO);
    let mut on_compliant = above * figure(ratio);
    if let Some(limit) = limit {
        on_compliant = on_compliant.min(limit);
    }
    paid.unrounded.push(on_compliant);
    paid.compliant = on_compliant.round_fen();

    if let Some(second) = out_of_policy_ratio {
        let mut on_out_of_policy = out_of_policy_total * figure(second);
        if let Some(limit) = limit {
            on_out_of_policy = on_out_of_policy.min((limit - paid.compliant).max(Exact::ZERO));
        }
        paid.unrounded.push(on_out_of_policy);
        paid.out_of_policy = on_out_of_policy.round_fen();
    }
    paid
}

/// Supplementary insurance (README 3.7), once for the year, for the
/// categories of `who`: on `base` (the compliant self-pay after basic and
/// critical illness, or after medical assistance too, as `base` says), the
/// part above `threshold` times `rate`, at most `annual_max`, and never more
/// than the compliant self-pay still unpaid (`unpaid`).
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
    paid
}

/// Government backstop (README 3.8), for the categories of `who`: the
/// person's compliant self-pay is limited to `max_share` of the year's
/// compliant cost and/or `max_amount` (the lower); the backstop pays what
/// the layers before left (`left`) above that limit. The limit is an exact
/// line, not a payment: only the backstop's payment is rounded.
fn backstop(b: &Backstop, request: &Request, compliant_total: Exact, left: Exact) -> Paid {
    let mut paid = Paid::nothing(LayerId::Backstop, left);
    if !b.who.includes(request.category) {
        return paid;
    }
    let by_share = b.max_share.as_ref().map(|s| compliant_total * figure(s));
    let by_amount = b.max_amount.as_ref().map(figure);
    let limit = [by_share, by_amount]
        .into_iter()
        .flatten()
        .min()
        .expect("a backstop has max_share or max_amount");
    let excess = (left - limit).max(Exact::ZERO);
    paid.unrounded.push(excess);
    paid.compliant = excess.round_fen();
    paid
}
