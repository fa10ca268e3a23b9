//! Invariants of the engine over random requests and random policies.
//!
//! Requests draw stays (each at a random level, in a random setting —
//! local, referred, elsewhere registered or not — and for a random disease
//! of the version's list or none) and outpatient costs (a random kind,
//! disease, level, setting and number of visits), over every shipped policy,
//! the test county, the every-field fixture and the cadres' county example.
//! What each property would catch:
//!
//! - layers + out of pocket = total, exactly, with the total counting every
//!   stay and outpatient cost: a cost a layer forgets or counts twice (an
//!   outpatient cost left out of the total, a like-a-stay cost paid both
//!   as a stay and as outpatient care), a payment not rounded once;
//! - every layer ≥ 0 and out of pocket (compliant and out of policy) ≥ 0: a
//!   layer paying on more than is left (a rate cut below zero, a share of the
//!   self-pay counted twice, a second assistance above the out-of-policy
//!   cost, a base that counts costs the layer does not see);
//! - each cap and limit: general outpatient pooling's annual cap and what
//!   its costs were, each chronic group's annual cap, basic insurance's
//!   annual fund cap (with its top-up) and, with it, the chronic groups that
//!   share that cap; critical illness's cap, assistance's limits (per group),
//!   supplementary insurance's maximum, the backstop's line: a cap ignored
//!   or applied to the wrong amount, a shared cap not shared;
//! - who is covered: general outpatient pooling pays nothing to a scheme,
//!   category or age it does not cover;
//! - out of pocket never falls as a cost rises (beyond the rounding): a
//!   rule applied the wrong way round, a threshold that jumps;
//! - a poorer category never pays more than an ordinary person where every
//!   rule that the request uses and that includes ordinary people includes
//!   it too, and its tilts only help: a tilt that hurts, a poor category
//!   dropped from a layer;
//! - summary mode (`explain: false`) = full mode in every amount and
//!   assumption: a rule that runs only when the explanation is written;
//! - a cost given as its total only (a fifth of them, where the version has
//!   compliant shares) is split as the figure says: compliant = total × share
//!   to the fen, half away from zero, the rest out of policy, the two adding
//!   up to the total: a split rounded twice or not at all, a share of the
//!   wrong level, a total lost or counted twice.

mod common;

use std::sync::OnceLock;

use proptest::prelude::*;
use rust_decimal::Decimal;
use yibao::choice::Choice;
use yibao::engine::{self, Admission, Estimate, LayerId, OutpatientCost, Request};
use yibao::policy::{
    Category, ChronicGroup, OutpatientKind, Policy, Setting, Unit, Version, Who, validate,
};

/// The shipped policies, the test county, the every-field fixture and the
/// cadres' county example.
fn policies() -> &'static [Policy] {
    static ALL: OnceLock<Vec<Policy>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = yibao::baked::policies().expect("baked").to_vec();
        all.extend(fixtures().map(Policy::clone));
        all
    })
}

/// The fixtures: the rules no shipped policy has (every issue-14 key among them).
fn fixtures() -> [&'static Policy; 3] {
    [
        common::test_county(),
        common::every_field(),
        common::county_example(),
    ]
}

/// A policy for a draw: a shipped one half of the time, a fixture the other
/// half, so that the fixtures' rules (a handful of categories, ages and
/// schemes each) are met often enough.
fn pick(which: usize) -> &'static Policy {
    let shipped = yibao::baked::policies().expect("baked");
    if which.is_multiple_of(2) {
        &shipped[(which / 2) % shipped.len()]
    } else {
        fixtures()[(which / 2) % 3]
    }
}

/// Random choices, turned into a valid request for a given policy by `build`.
#[derive(Debug, Clone)]
struct Draw {
    version: usize,
    scheme: usize,
    category: usize,
    age: Option<u32>,
    stays: Vec<StayDraw>,
    outpatient: Vec<OutpatientDraw>,
}

#[derive(Debug, Clone)]
struct StayDraw {
    level: usize,
    compliant: i64,
    out_of_policy: i64,
    setting: usize,
    disease: Option<usize>,
    /// Given as its total only (compliant + out of policy).
    total_only: bool,
}

#[derive(Debug, Clone)]
struct OutpatientDraw {
    kind: usize,
    /// Picks a disease: of the groups of the cost's kind three times in
    /// four, else of the version's list (general care: none half the time).
    disease: usize,
    level: usize,
    setting: usize,
    visits: u32,
    compliant: i64,
    out_of_policy: i64,
    total_only: bool,
}

/// A setting: local half of the time, else each of the others.
fn setting_of(pick: usize) -> Setting {
    match pick % 6 {
        0..=2 => Setting::Local,
        3 => Setting::Referred,
        4 => Setting::ElsewhereRegistered,
        _ => Setting::ElsewhereUnregistered,
    }
}

fn draw() -> impl Strategy<Value = Draw> {
    // Zero now and then: a cost that a rise then brings above zero.
    let compliant = prop_oneof![1 => Just(0i64), 9 => 0i64..=200_000_000];
    let stay = (
        any::<usize>(),
        compliant,
        0i64..=20_000_000,
        any::<usize>(),
        proptest::option::of(any::<usize>()),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(level, compliant, out_of_policy, setting, disease, total_only)| StayDraw {
                level,
                compliant,
                out_of_policy,
                setting,
                disease,
                total_only,
            },
        )
        .boxed();
    let outpatient_compliant =
        prop_oneof![1 => Just(0i64), 6 => 0i64..=2_000_000, 2 => 0i64..=50_000_000];
    let visits = prop_oneof![2 => Just(1u32), 2 => 1u32..=30, 1 => 1u32..=1000];
    let item = (
        (
            any::<usize>(),
            any::<usize>(),
            any::<usize>(),
            any::<usize>(),
        ),
        visits,
        outpatient_compliant,
        0i64..=1_000_000,
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |((kind, disease, level, setting), visits, compliant, out_of_policy, total_only)| {
                OutpatientDraw {
                    kind,
                    disease,
                    level,
                    setting,
                    visits,
                    compliant,
                    out_of_policy,
                    total_only,
                }
            },
        )
        .boxed();
    let costs = prop_oneof![
        4 => (proptest::collection::vec(stay.clone(), 1..6), proptest::collection::vec(item.clone(), 0..4)),
        1 => (proptest::collection::vec(stay, 0..3), proptest::collection::vec(item, 1..5)),
    ];
    (
        any::<usize>(),
        any::<usize>(),
        any::<usize>(),
        // Children and minors (the ages of children's deductibles and
        // outpatient pooling for minors) as often as any other age.
        prop_oneof![1 => Just(None), 2 => (0u32..=20).prop_map(Some), 2 => (0u32..100).prop_map(Some)],
        costs,
    )
        .prop_map(
            |(version, scheme, category, age, (stays, outpatient))| Draw {
                version,
                scheme,
                category,
                age,
                stays,
                outpatient,
            },
        )
}

/// The diseases of the version's chronic groups of `kind`.
fn group_diseases(version: &Version, kind: OutpatientKind) -> Vec<&str> {
    version
        .benefits
        .chronic_outpatient
        .iter()
        .flat_map(|c| &c.groups)
        .filter(|g| g.kind == kind)
        .flat_map(|g| g.diseases.iter().map(String::as_str))
        .collect()
}

fn build(policy: &Policy, d: &Draw) -> (Request, Version) {
    let v = &policy.versions[d.version % policy.versions.len()];
    let diseases: Vec<&str> = v.diseases.iter().map(|d| d.id.as_str()).collect();
    let level = |pick: usize| v.levels[pick % v.levels.len()].level;
    // A cost as its parts, or as its total only where the version can split it.
    let cost = |total_only: bool, compliant: i64, out_of_policy: i64| {
        let (compliant, out_of_policy) =
            (Decimal::new(compliant, 2), Decimal::new(out_of_policy, 2));
        if total_only && v.compliant_share.is_some() {
            (
                Decimal::ZERO,
                Decimal::ZERO,
                Some(compliant + out_of_policy),
            )
        } else {
            (compliant, out_of_policy, None)
        }
    };
    let admissions = d
        .stays
        .iter()
        .map(|s| {
            let (compliant, out_of_policy, total) =
                cost(s.total_only, s.compliant, s.out_of_policy);
            Admission {
                level: level(s.level),
                compliant,
                out_of_policy,
                total,
                setting: setting_of(s.setting),
                disease: s
                    .disease
                    .filter(|_| !diseases.is_empty())
                    .map(|i| diseases[i % diseases.len()].to_string()),
            }
        })
        .collect();
    let outpatient = d
        .outpatient
        .iter()
        .map(|o| {
            let mut kind = OutpatientKind::ALL[o.kind % OutpatientKind::ALL.len()];
            let of_kind = group_diseases(v, kind);
            let pool = if o.disease % 4 != 0 && !of_kind.is_empty() {
                of_kind
            } else {
                diseases.clone()
            };
            let disease = match kind {
                OutpatientKind::General if o.disease % 2 == 0 => None,
                _ if pool.is_empty() => None,
                _ => Some(pool[(o.disease / 4) % pool.len()].to_string()),
            };
            if disease.is_none() {
                kind = OutpatientKind::General; // chronic and special care name a disease
            }
            let (compliant, out_of_policy, total) =
                cost(o.total_only, o.compliant, o.out_of_policy);
            OutpatientCost {
                kind,
                disease,
                level: level(o.level),
                setting: setting_of(o.setting),
                visits: o.visits,
                compliant,
                out_of_policy,
                total,
            }
        })
        .collect();
    let request = Request {
        policy: policy.id.clone(),
        date: Some(v.valid_from),
        scheme: v.schemes[d.scheme % v.schemes.len()],
        category: v.categories[d.category % v.categories.len()],
        age: d.age,
        admissions,
        outpatient,
        overrides: Vec::new(),
        explain: true,
    };
    (request, v.clone())
}

/// How many costs (stays, then outpatient costs) the request has.
fn costs(request: &Request) -> usize {
    request.admissions.len() + request.outpatient.len()
}

/// The request with cost `item` (stays first, then outpatient costs) dearer
/// by `more`, on its compliant or its out-of-policy part (on its total, if
/// only that is given).
fn dearer(request: &Request, item: usize, more: Decimal, on_compliant: bool) -> Request {
    let mut dearer = request.clone();
    let stays = dearer.admissions.len();
    let (compliant, out_of_policy, total) = match dearer.admissions.get_mut(item) {
        Some(a) => (&mut a.compliant, &mut a.out_of_policy, &mut a.total),
        None => {
            let o = &mut dearer.outpatient[item - stays];
            (&mut o.compliant, &mut o.out_of_policy, &mut o.total)
        }
    };
    if let Some(total) = total {
        *total += more;
    } else if on_compliant {
        *compliant += more;
    } else {
        *out_of_policy += more;
    }
    dearer
}

fn paid(e: &Estimate, id: LayerId) -> Option<Decimal> {
    e.layers.iter().find(|l| l.id == id).map(|l| l.paid.0)
}

/// The chronic or special group that pays an outpatient cost (the policy
/// model's own lookup: the group of its kind, scheme and disease).
fn group<'v>(v: &'v Version, request: &Request, o: &OutpatientCost) -> Option<&'v ChronicGroup> {
    if o.kind == OutpatientKind::General {
        return None;
    }
    v.benefits
        .chronic_outpatient
        .as_ref()?
        .group(o.kind, o.disease.as_deref(), request.scheme)
}

/// Whether the year has care (a stay or any outpatient cost) for one of `diseases`.
fn has_care_for(request: &Request, diseases: &[String]) -> bool {
    let listed = |d: &Option<String>| d.as_ref().is_some_and(|d| diseases.contains(d));
    request.admissions.iter().any(|a| listed(&a.disease))
        || request.outpatient.iter().any(|o| listed(&o.disease))
}

/// Whether the layers after basic insurance count an outpatient cost with
/// the stays (its group is paid like a stay or counted with stays, and its
/// setting is one the policy pays).
fn counted(v: &Version, request: &Request, o: &OutpatientCost) -> bool {
    paid_in(v, o.setting)
        && group(v, request, o)
            .is_some_and(|g| g.paid_like_stay.is_some() || g.counted_with_stays.is_some())
}

/// Whether the policy pays care in `setting` at all (`not_paid`: no layer
/// counts it).
fn paid_in(v: &Version, setting: yibao::policy::Setting) -> bool {
    v.setting_rule(setting).is_none_or(|r| r.not_paid.is_none())
}

/// The request as the estimate `e` must have split it, worked out here from
/// the figure: each cost given as its total has compliant = total × the
/// version's share for its level, to the fen, half away from zero, and the
/// rest out of policy; `e.splits` says the same, in the order of the costs.
fn split(e: &Estimate, request: &Request, v: &Version) -> Result<Request, TestCaseError> {
    let mut out = request.clone();
    let mut splits = e.splits.iter();
    let stays = out.admissions.iter_mut().map(|a| {
        (
            a.level,
            &mut a.total,
            &mut a.compliant,
            &mut a.out_of_policy,
        )
    });
    let outpatient = out.outpatient.iter_mut().map(|o| {
        (
            o.level,
            &mut o.total,
            &mut o.compliant,
            &mut o.out_of_policy,
        )
    });
    for (level, total, compliant, out_of_policy) in stays.chain(outpatient) {
        let Some(total) = total.take() else {
            continue;
        };
        let share = v.compliant_share.as_ref().and_then(|s| s.get(level));
        prop_assert!(
            share.is_some(),
            "a total split without a share at {:?}",
            level
        );
        let share = share.map_or(Decimal::ZERO, |f| f.value);
        let part = (total * share)
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        *compliant = part;
        *out_of_policy = total - part;
        let given = splits.next();
        prop_assert!(given.is_some(), "the estimate lists no split of {}", total);
        let given = given.map(|s| (s.total.0, s.compliant.0, s.out_of_policy.0));
        prop_assert_eq!(given, Some((total, part, total - part)));
    }
    prop_assert!(splits.next().is_none(), "a split of no total");
    Ok(out)
}

/// The invariants every estimate keeps, whatever the policy.
fn check_invariants(e: &Estimate, request: &Request, v: &Version) -> Result<(), TestCaseError> {
    let request = &split(e, request, v)?;
    let compliant: Decimal = request
        .admissions
        .iter()
        .map(|a| a.compliant)
        .sum::<Decimal>()
        + request
            .outpatient
            .iter()
            .map(|o| o.compliant)
            .sum::<Decimal>();
    let out: Decimal = request
        .admissions
        .iter()
        .map(|a| a.out_of_policy)
        .sum::<Decimal>()
        + request
            .outpatient
            .iter()
            .map(|o| o.out_of_policy)
            .sum::<Decimal>();
    let layers: Decimal = e.layers.iter().map(|l| l.paid.0).sum();
    prop_assert_eq!(e.total.0, compliant + out);
    prop_assert_eq!(
        layers + e.out_of_pocket.total.0,
        e.total.0,
        "layers + out of pocket = total"
    );
    prop_assert_eq!(
        e.out_of_pocket.compliant.0 + e.out_of_pocket.out_of_policy.0,
        e.out_of_pocket.total.0
    );
    prop_assert!(
        e.out_of_pocket.compliant.0 >= Decimal::ZERO
            && e.out_of_pocket.out_of_policy.0 >= Decimal::ZERO,
        "out of pocket: compliant {}, out of policy {}",
        e.out_of_pocket.compliant.0,
        e.out_of_pocket.out_of_policy.0
    );
    for layer in &e.layers {
        prop_assert!(
            layer.paid.0 >= Decimal::ZERO,
            "{:?} pays {}",
            layer.id,
            layer.paid.0
        );
        prop_assert!(
            layer.paid.0.scale() <= 2
                && layer.paid_out_of_policy.0 >= Decimal::ZERO
                && layer.paid_out_of_policy.0 <= layer.paid.0
        );
    }
    let category = request.category;
    let value = |f: &yibao::policy::Figure| f.value;

    // General outpatient pooling: within its cap and the general costs, and
    // only for the schemes, categories and ages it covers.
    if let (Some(o), Some(p)) = (&v.benefits.outpatient, paid(e, LayerId::Outpatient)) {
        let general: Decimal = request
            .outpatient
            .iter()
            .filter(|i| i.kind == OutpatientKind::General)
            .map(|i| i.compliant)
            .sum();
        prop_assert!(p <= general, "outpatient pays {} on {}", p, general);
        if let Some(cap) = &o.annual_cap {
            prop_assert!(p <= cap.value, "outpatient {} above cap {}", p, cap.value);
        }
        let covered = o.schemes.contains(&request.scheme)
            && o.who.as_ref().is_none_or(|w| w.includes(category))
            && o.max_age
                .as_ref()
                .is_none_or(|m| request.age.is_some_and(|age| Decimal::from(age) <= m.value));
        prop_assert!(
            covered || p.is_zero(),
            "outpatient pays {} to someone it does not cover",
            p
        );
    }

    // Chronic outpatient care: each group within its annual cap and its costs.
    let mut groups: Vec<&ChronicGroup> = Vec::new();
    for o in &request.outpatient {
        if let Some(g) = group(v, request, o).filter(|g| g.paid_like_stay.is_none())
            && !groups.iter().any(|other| std::ptr::eq(*other, g))
        {
            groups.push(g);
        }
    }
    let cost_of = |g: &ChronicGroup| -> Decimal {
        request
            .outpatient
            .iter()
            .filter(|o| group(v, request, o).is_some_and(|other| std::ptr::eq(other, g)))
            .map(|o| o.compliant)
            .sum()
    };
    // The most a group may pay: its cap, or its costs.
    let most = |g: &ChronicGroup| {
        g.annual_cap
            .as_ref()
            .map_or(cost_of(g), |c| c.value.min(cost_of(g)))
    };
    let chronic = paid(e, LayerId::ChronicOutpatient).unwrap_or_default();
    let most_chronic: Decimal = groups.iter().map(|g| most(g)).sum();
    prop_assert!(
        chronic <= most_chronic,
        "chronic outpatient {} above its groups' caps and costs {}",
        chronic,
        most_chronic
    );

    // Basic insurance's annual fund cap (and its top-up), shared by the
    // chronic groups that say so.
    if let (Some(basic), Some(b)) = (v.basic_for(request.scheme), paid(e, LayerId::Basic))
        && let Some(cap) = &basic.annual_cap
    {
        let top_up = basic.top_up.as_ref().map_or(Decimal::ZERO, |t| t.cap.value);
        prop_assert!(
            b <= cap.value + top_up,
            "basic {} above cap {}",
            b,
            cap.value
        );
        let not_sharing: Decimal = groups
            .iter()
            .filter(|g| g.shares_fund_cap.is_none())
            .map(|g| most(g))
            .sum();
        prop_assert!(
            b + chronic <= cap.value + top_up + not_sharing,
            "basic {} and chronic care {} above the fund cap {} they share",
            b,
            chronic,
            cap.value
        );
    }
    if let (Some(ci), Some(p)) = (
        &v.benefits.critical_illness,
        paid(e, LayerId::CriticalIllness),
    ) {
        let removed = ci.tilts.iter().any(|t| {
            t.who.includes(category)
                && t.cap_removed.is_some()
                && (t.diseases.is_empty() || has_care_for(request, &t.diseases))
        });
        if let (Some(cap), false) = (&ci.annual_cap, removed) {
            prop_assert!(
                p <= cap.value,
                "critical illness {} above cap {}",
                p,
                cap.value
            );
        }
    }
    if let (Some(ma), Some(p)) = (
        &v.benefits.medical_assistance,
        paid(e, LayerId::MedicalAssistance),
    ) {
        // Each group that can apply within its own limit.
        let limits: Option<Decimal> = ma
            .groups
            .iter()
            .filter(|g| g.who.includes(category))
            .filter(|g| g.diseases.is_empty() || has_care_for(request, &g.diseases))
            .map(|g| g.annual_limit.as_ref().map(value))
            .sum();
        if let Some(limits) = limits {
            prop_assert!(p <= limits, "assistance {} above its limits {}", p, limits);
        }
    }
    if let (Some(s), Some(p)) = (&v.benefits.supplementary, paid(e, LayerId::Supplementary))
        && let Some(max) = &s.annual_max
    {
        prop_assert!(p <= max.value);
    }
    // The backstop's line: where every cost is counted with the stays (no
    // outpatient care apart, no care the policy does not pay), the person's
    // compliant self-pay is within it (to half a fen: only the backstop's
    // payment is rounded).
    if let Some(b) = v
        .benefits
        .backstop
        .as_ref()
        .filter(|b| b.who.includes(category))
        && request.outpatient.iter().all(|o| counted(v, request, o))
        && request.admissions.iter().all(|a| paid_in(v, a.setting))
    {
        let by_share = b.max_share.as_ref().map(|s| compliant * s.value);
        let by_amount = b.max_amount.as_ref().map(value);
        if let Some(line) = [by_share, by_amount].into_iter().flatten().min() {
            prop_assert!(
                e.out_of_pocket.compliant.0 <= line + Decimal::new(5, 3),
                "compliant self-pay {} above the backstop's line {}",
                e.out_of_pocket.compliant.0,
                line
            );
        }
    }
    Ok(())
}

/// Whether the version's rules that this request uses treat `category` at
/// least as well as an ordinary person: every rule naming categories that
/// includes ordinary people includes it too (general outpatient pooling's
/// only where the request has general outpatient costs), and its
/// critical-illness tilts only lower the threshold and raise the rates.
fn never_worse_than_ordinary(v: &Version, request: &Request, category: Category) -> bool {
    let b = &v.benefits;
    let mut whos: Vec<&Who> = Vec::new();
    for basic in b.basic.iter().flat_map(|b| &b.by_scheme) {
        whos.extend(basic.rate_raises.iter().map(|r| &r.who));
    }
    if request
        .outpatient
        .iter()
        .any(|o| o.kind == OutpatientKind::General)
    {
        whos.extend(b.outpatient.as_ref().and_then(|o| o.who.as_ref()));
    }
    whos.extend(
        b.critical_illness
            .iter()
            .flat_map(|ci| ci.tilts.iter().map(|t| &t.who)),
    );
    whos.extend(
        b.medical_assistance
            .iter()
            .flat_map(|ma| ma.groups.iter().map(|g| &g.who)),
    );
    whos.extend(b.supplementary.as_ref().map(|s| &s.who));
    whos.extend(b.backstop.as_ref().map(|s| &s.who));
    if whos
        .iter()
        .any(|w| w.includes(Category::Ordinary) && !w.includes(category))
    {
        return false;
    }
    if let Some(ci) = &b.critical_illness {
        let top = ci
            .segments
            .iter()
            .map(|s| s.rate.value)
            .max()
            .unwrap_or_default();
        let hurts = ci
            .tilts
            .iter()
            .filter(|t| t.who.includes(category))
            .any(|t| {
                t.threshold_factor
                    .as_ref()
                    .is_some_and(|f| f.value > Decimal::ONE)
                    || t.flat_rate.as_ref().is_some_and(|f| f.value < top)
            });
        if hurts {
            return false;
        }
    }
    true
}

/// Whether assistance splits the request's self-pay between a group for
/// listed diseases and another in proportion to their compliant costs, both
/// above zero: then a dearer well-covered stay for a listed disease moves
/// self-pay of other care to the listed (higher) ratio, and out of pocket
/// can fall by the policy's own design (the proportional share of issue 14;
/// also where the listed care's compliant cost rises from zero).
fn shares_assistance(v: &Version, request: &Request) -> bool {
    let Some(ma) = &v.benefits.medical_assistance else {
        return false;
    };
    let listed =
        |d: &Option<String>, diseases: &[String]| d.as_ref().is_some_and(|d| diseases.contains(d));
    ma.groups
        .iter()
        .filter(|g| g.who.includes(request.category) && !g.diseases.is_empty())
        .any(|g| {
            let costs = request
                .admissions
                .iter()
                .map(|a| (a.compliant, listed(&a.disease, &g.diseases)))
                .chain(
                    request
                        .outpatient
                        .iter()
                        .filter(|o| counted(v, request, o))
                        .map(|o| (o.compliant, listed(&o.disease, &g.diseases))),
                );
            let (mut for_listed, mut other) = (false, false);
            for (_, is_listed) in costs.filter(|(c, _)| *c > Decimal::ZERO) {
                if is_listed {
                    for_listed = true;
                } else {
                    other = true;
                }
            }
            for_listed && other
        })
}

/// Whether the category's group for any care assists at a higher ratio than
/// its group for listed diseases: then new other care, well covered, can
/// pull a proportional share of the listed care's self-pay to the higher
/// ratio (no policy or fixture has it).
fn other_care_assisted_more(v: &Version, request: &Request) -> bool {
    let groups = || {
        v.benefits
            .medical_assistance
            .iter()
            .flat_map(|ma| &ma.groups)
            .filter(|g| g.who.includes(request.category))
    };
    let ratio = |listed: bool| {
        groups()
            .find(|g| g.diseases.is_empty() != listed)
            .map(|g| g.ratio.value)
    };
    matches!((ratio(true), ratio(false)), (Some(listed), Some(other)) if other > listed)
}

/// Whether the request's scheme has a large-amount top-up whose rate times
/// the highest rate a stay of this category can get exceeds the lowest (a
/// setting's rate cut included): then a dearer early stay can lower out of
/// pocket by the policy's own design (see [`make_consistent`]). The county
/// example's employees have one (90% × 90% above 70%).
fn top_up_can_lower(v: &Version, request: &Request) -> bool {
    let Some(basic) = v.basic_for(request.scheme) else {
        return false;
    };
    let Some(top_up) = &basic.top_up else {
        return false;
    };
    let raise = basic
        .rate_raises
        .iter()
        .find(|r| r.who.includes(request.category))
        .map_or(Decimal::ZERO, |r| r.points.value);
    let cut = v
        .settings
        .iter()
        .filter_map(|s| s.rate_cut.as_ref())
        .map(|c| c.value)
        .max()
        .unwrap_or_default();
    let rates = || basic.rate.0.iter().map(|(_, f)| f.value);
    let highest = rates().max().unwrap_or_default() + raise;
    let lowest = (rates().min().unwrap_or_default() + raise - cut).max(Decimal::ZERO);
    top_up.rate.value * highest > lowest
}

/// Whether the category's second assistance has a threshold on the year's
/// remaining self-pay (compliant and out of policy) while a later layer pays
/// the compliant self-pay at the margin as fully (the backstop above its
/// line) or nearly (supplementary insurance at a rate that, with the second
/// assistance's, exceeds 100%): then a dearer compliant cost raises the
/// remaining self-pay, and with it the second assistance on out-of-policy
/// cost, by more than it leaves to the person — out of pocket falls by the
/// policy's own design (the every-field fixture's destitute people: 50%
/// above 5,000, and a backstop line of 3,000).
fn second_threshold_can_lower(v: &Version, request: &Request) -> bool {
    let b = &v.benefits;
    let covers = |who: &Who| who.includes(request.category);
    let Some(second) = b
        .medical_assistance
        .iter()
        .flat_map(|ma| &ma.groups)
        .filter(|g| covers(&g.who) && g.second_threshold.is_some())
        .filter_map(|g| g.out_of_policy_ratio.as_ref())
        .map(|r| r.value)
        .max()
    else {
        return false;
    };
    b.backstop.as_ref().is_some_and(|s| covers(&s.who))
        || b.supplementary
            .as_ref()
            .is_some_and(|s| covers(&s.who) && s.rate.value + second > Decimal::ONE)
}

/// What each layer paid, for a failure's message.
fn paid_text(e: &Estimate) -> String {
    let layers: Vec<String> = e
        .layers
        .iter()
        .map(|l| format!("{} {}", l.id.id(), l.paid.0))
        .collect();
    layers.join(", ")
}

/// The most that rounding alone can lower out of pocket: a fen per layer.
fn rounding(e: &Estimate) -> Decimal {
    Decimal::new(e.layers.len() as i64, 2)
}

fn run(request: &Request, policies: &[Policy]) -> Result<Estimate, TestCaseError> {
    engine::estimate(request, policies)
        .map_err(|e| TestCaseError::fail(format!("valid request refused: {e}")))
}

/// Random figures, put in the order validation requires: segment bounds
/// rising from the threshold, raised rates within 100%. Also keeps out one
/// combination in which out of pocket does fall as the bill rises, by the
/// policy's own design: supplementary insurance counting its base before
/// medical assistance (`after_critical_illness`) with assistance ratio +
/// supplementary rate above 100%, so the two pay more than each extra yuan.
/// No shipped policy has it (Dengfeng's supplementary insurance, the one with
/// that base, excludes the poor groups that get assistance).
/// The same holds for a large-amount top-up whose rate times the highest
/// basic rate exceeds the lowest basic rate: a dearer early stay at the high
/// rate uses up the fund's room and moves more of a later low-rate stay above
/// the cap, where the top-up pays more than that stay's own rate. (Haiyuan,
/// the one seed with a top-up, pays one rate at every level.) Rates as
/// applied count here: raised by a category's points, cut by a setting's.
fn make_consistent(version: &mut Version) {
    let highest = |rates: &mut dyn Iterator<Item = Decimal>| rates.max().unwrap_or_default();
    let most_cut = version
        .settings
        .iter()
        .filter_map(|s| s.rate_cut.as_ref())
        .map(|c| c.value)
        .max()
        .unwrap_or_default();
    for basic in version
        .benefits
        .basic
        .iter_mut()
        .flat_map(|b| &mut b.by_scheme)
    {
        let top = highest(&mut basic.rate.0.iter().map(|(_, f)| f.value));
        for raise in &mut basic.rate_raises {
            raise.points.value = raise.points.value.min(Decimal::ONE - top);
        }
        let lowest = basic
            .rate
            .0
            .iter()
            .map(|(_, f)| f.value)
            .min()
            .unwrap_or_default();
        let top = top + highest(&mut basic.rate_raises.iter().map(|r| r.points.value));
        let lowest = (lowest - most_cut).max(Decimal::ZERO);
        if let (Some(top_up), false) = (&mut basic.top_up, top.is_zero()) {
            top_up.rate.value = top_up.rate.value.min(lowest / top);
        }
    }
    if let Some(ci) = &mut version.benefits.critical_illness {
        let mut floor = ci.threshold.value;
        for segment in &mut ci.segments {
            if let Some(up_to) = &mut segment.up_to {
                up_to.value += floor + Decimal::ONE;
                floor = up_to.value;
            }
        }
        let top = highest(&mut ci.segments.iter().map(|s| s.rate.value));
        for points in ci.tilts.iter_mut().filter_map(|t| t.rate_points.as_mut()) {
            points.value = points.value.min(Decimal::ONE - top);
        }
    }
    if let (Some(ma), Some(s)) = (
        &version.benefits.medical_assistance,
        &mut version.benefits.supplementary,
    ) && s.base == yibao::policy::SupplementaryBase::AfterCriticalIllness
    {
        let top = highest(&mut ma.groups.iter().map(|g| g.ratio.value));
        s.rate.value = s.rate.value.min(Decimal::ONE - top);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every policy: the invariants hold, and out of pocket never falls when
    /// a cost (a stay or an outpatient cost, compliant or out of policy)
    /// rises, beyond the rounding: each layer rounds its own payment to the
    /// fen, so where the share left to the patient at the margin is small
    /// (Inner Mongolia's registered poor keep about 1.3% of each extra yuan
    /// after four layers) a rise of a few fen can show up to one fen less per
    /// layer. Left out, where the policy's own design lowers it: a year whose
    /// assistance is shared between a group for listed diseases and another
    /// ([`shares_assistance`]), a top-up above the lowest rate
    /// ([`top_up_can_lower`]), a second assistance above a threshold of
    /// remaining self-pay that a later layer flattens
    /// ([`second_threshold_can_lower`]).
    #[test]
    fn invariants_and_monotonic_out_of_pocket(which in any::<usize>(), d in draw(), item in any::<usize>(),
                                              more in 1i64..=5_000_000, on_compliant in any::<bool>()) {
        let all = policies();
        let policy = pick(which);
        let (request, version) = build(policy, &d);
        let e = run(&request, all)?;
        check_invariants(&e, &request, &version)?;

        let i = item % costs(&request);
        let dearer = dearer(&request, i, Decimal::new(more, 2), on_compliant);
        let e2 = run(&dearer, all)?;
        check_invariants(&e2, &dearer, &version)?;
        // The designs are judged on the costs as split.
        let (request, dearer) = (split(&e, &request, &version)?, split(&e2, &dearer, &version)?);
        let by_design = shares_assistance(&version, &request)
            || shares_assistance(&version, &dearer)
            || top_up_can_lower(&version, &request)
            || second_threshold_can_lower(&version, &request);
        if !by_design {
            prop_assert!(e2.out_of_pocket.total.0 >= e.out_of_pocket.total.0 - rounding(&e),
                "out of pocket fell from {} to {} when cost {} cost more\n{:?}\nbefore: {}\nafter: {}",
                e.out_of_pocket.total.0, e2.out_of_pocket.total.0, i, request, paid_text(&e), paid_text(&e2));
        }
    }

    /// One more small cost for other care — a stay for no listed disease, at
    /// any level, in any setting, of up to 100 yuan — never lowers out of
    /// pocket beyond the rounding: no rule may switch on for a fen of other
    /// care (issue 14: the group for any care's 二次救助 did, in a year whose
    /// care was all for listed diseases). Left out, where the policy's own
    /// design lowers it: the designs of the property above (with
    /// [`other_care_assisted_more`] for new other care), and a year with
    /// outpatient care paid like a stay, which a new stay moves from first
    /// stay of the year (the full deductible) to a later one.
    #[test]
    fn a_little_more_care_never_lowers_out_of_pocket(which in any::<usize>(), d in draw(), level in any::<usize>(),
                                                     setting in any::<usize>(), fen in 1i64..=10_000, out in 0i64..=10_000) {
        let all = policies();
        let policy = pick(which);
        let (request, version) = build(policy, &d);
        let e = run(&request, all)?;
        let request = split(&e, &request, &version)?;
        let like_a_stay = request.outpatient.iter().any(|o| {
            group(&version, &request, o).is_some_and(|g| g.paid_like_stay.is_some())
        });
        let by_design = shares_assistance(&version, &request)
            || other_care_assisted_more(&version, &request)
            || second_threshold_can_lower(&version, &request)
            || like_a_stay;
        if by_design {
            return Ok(());
        }
        let mut more = request.clone();
        more.admissions.push(Admission {
            level: version.levels[level % version.levels.len()].level,
            compliant: Decimal::new(fen, 2),
            out_of_policy: Decimal::new(out, 2),
            total: None,
            setting: setting_of(setting),
            disease: None,
        });
        let e2 = run(&more, all)?;
        check_invariants(&e2, &more, &version)?;
        prop_assert!(e2.out_of_pocket.total.0 >= e.out_of_pocket.total.0 - rounding(&e),
            "out of pocket fell from {} to {} with a stay of {} more\n{:?}\nbefore: {}\nafter: {}", e.out_of_pocket.total.0,
            e2.out_of_pocket.total.0, Decimal::new(fen + out, 2), request, paid_text(&e), paid_text(&e2));
    }

    /// Summary mode (no explanation) gives the same payments, totals,
    /// assumptions and reported averages as the full estimate, and no steps.
    #[test]
    fn summary_mode_matches_the_full_estimate(which in any::<usize>(), d in draw()) {
        let all = policies();
        let (mut request, _) = build(pick(which), &d);
        let full = run(&request, all)?;
        request.explain = false;
        let summary = run(&request, all)?;
        prop_assert_eq!(&summary.assumptions, &full.assumptions);
        prop_assert_eq!(&summary.out_of_pocket, &full.out_of_pocket);
        prop_assert_eq!(&summary.effective_ratio, &full.effective_ratio);
        prop_assert_eq!(&summary.reported, &full.reported);
        prop_assert_eq!(summary.total, full.total);
        prop_assert!(summary.figures.is_empty());
        for (s, f) in summary.layers.iter().zip(&full.layers) {
            prop_assert_eq!((s.id, s.paid, s.paid_out_of_policy), (f.id, f.paid, f.paid_out_of_policy));
            prop_assert!(s.steps.is_empty());
        }
        prop_assert_eq!(summary.layers.len(), full.layers.len());
    }

    /// Under the same policy, no poor category pays more than an ordinary
    /// person, wherever the rules the request uses lean one way
    /// ([`never_worse_than_ordinary`]; every shipped policy's do).
    #[test]
    fn poor_categories_never_pay_more_than_ordinary(which in any::<usize>(), d in draw()) {
        let all = policies();
        let policy = pick(which);
        let (mut request, version) = build(policy, &d);
        if !version.categories.contains(&Category::Ordinary) {
            return Ok(()); // nobody to compare with
        }
        request.category = Category::Ordinary;
        let ordinary = run(&request, all)?.out_of_pocket.total.0;
        for &category in &version.categories {
            if !never_worse_than_ordinary(&version, &request, category) {
                prop_assert!(policy.file.starts_with("tests/") || policy.file.starts_with("policies/examples/"),
                    "{}: a rule that ordinary people get and {} do not", policy.id, category.id());
                continue;
            }
            request.category = category;
            let pays = run(&request, all)?.out_of_pocket.total.0;
            prop_assert!(pays <= ordinary, "{} pays {} > ordinary {}", category.id(), pays, ordinary);
        }
    }

    /// Random figures in the test county and in the every-field fixture keep
    /// the invariants, and out of pocket falls by no more than the rounding
    /// as a cost rises (with the designs that lower it left out, as above;
    /// [`make_consistent`] keeps out the others).
    #[test]
    fn random_policies_keep_the_invariants(fixture in any::<bool>(), seed in proptest::collection::vec(0u32..=10_000, 64),
                                           d in draw(), item in any::<usize>(), more in 1i64..=5_000_000) {
        let mut policy = if fixture { common::every_field() } else { common::test_county() }.clone();
        for version in &mut policy.versions {
            let mut i = 0;
            version.each_figure_mut(&mut |f| {
                let r = Decimal::from(seed[i % seed.len()]);
                i += 1;
                f.value = match f.unit {
                    Unit::Percent => r / Decimal::from(10_000),
                    Unit::Yuan => r * Decimal::from(30),
                    Unit::Years => (r / Decimal::from(500)).floor(),
                };
            });
            make_consistent(version);
            prop_assert!(validate::version(version).is_ok());
        }
        let all = vec![policy.clone()];
        let (request, version) = build(&policy, &d);
        let e = run(&request, &all)?;
        check_invariants(&e, &request, &version)?;
        let dearer = dearer(&request, item % costs(&request), Decimal::new(more, 2), true);
        let e2 = run(&dearer, &all)?;
        check_invariants(&e2, &dearer, &version)?;
        let (request, dearer) = (split(&e, &request, &version)?, split(&e2, &dearer, &version)?);
        let by_design = shares_assistance(&version, &request)
            || shares_assistance(&version, &dearer)
            || second_threshold_can_lower(&version, &request);
        if !by_design {
            prop_assert!(e2.out_of_pocket.total.0 >= e.out_of_pocket.total.0 - rounding(&e),
                "out of pocket fell from {} to {}", e.out_of_pocket.total.0, e2.out_of_pocket.total.0);
        }
    }

    /// Mangled JSON requests give errors, never panics.
    #[test]
    fn mangled_requests_are_errors_not_panics(at in any::<usize>(), cut in 0usize..20, insert in "\\PC{0,8}") {
        let text = r#"{"policy":"test_county","scheme":"resident","category":"dibao","age":8,"admissions":[{"level":"county","compliant":"1.2万","out_of_policy":300}],"overrides":{"basic.resident.rate.county":"85%"}}"#;
        let chars: Vec<char> = text.chars().collect();
        let at = at % chars.len();
        let end = (at + cut).min(chars.len());
        let mangled: String = chars[..at].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(chars[end..].iter()).collect();
        if let Ok(raw) = serde_json::from_str::<yibao::raw::Raw>(&mangled)
            && let Ok(request) = Request::from_raw(&raw) {
                let _ = engine::estimate(&request, std::slice::from_ref(common::test_county()));
            }
    }

    /// Mangled policy files give errors, never panics.
    #[test]
    fn mangled_policy_files_are_errors_not_panics(at in any::<usize>(), cut in 0usize..40, insert in "\\PC{0,12}") {
        let text = include_str!("data/test_county.toml");
        let chars: Vec<char> = text.chars().collect();
        let at = at % chars.len();
        let end = (at + cut).min(chars.len());
        let mangled: String = chars[..at].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(chars[end..].iter()).collect();
        let _ = yibao::toml_input::policy_from_toml("mangled.toml", &mangled);
    }
}

/// Cases of the large run over the shipped policies: `YIBAO_INVARIANT_CASES`
/// (`./yb test` sets 100,000), else 3,000 for a quick `cargo test`.
fn large_run_cases() -> u32 {
    std::env::var("YIBAO_INVARIANT_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: large_run_cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// The large run: random requests over every shipped policy, version,
    /// scheme, category, age and level, each estimated in full and in summary
    /// mode; the invariants hold and the two modes agree on every amount.
    #[test]
    fn engine_invariants_over_every_shipped_policy(which in any::<usize>(), d in draw()) {
        let shipped = yibao::baked::policies().expect("baked");
        let (mut request, version) = build(&shipped[which % shipped.len()], &d);
        let full = run(&request, shipped)?;
        check_invariants(&full, &request, &version)?;
        request.explain = false;
        let summary = run(&request, shipped)?;
        prop_assert_eq!(&summary.out_of_pocket, &full.out_of_pocket);
        let amounts = |e: &Estimate| e.layers.iter().map(|l| (l.id, l.paid)).collect::<Vec<_>>();
        prop_assert_eq!(amounts(&summary), amounts(&full));
    }
}
