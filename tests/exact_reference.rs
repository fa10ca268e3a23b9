//! The engine against an independent exact reference (`tests/reference/`):
//! over every shipped policy, version, scheme, category and level, random
//! requests of 1–5 stays, every layer's payment and the out-of-pocket amounts
//! (total, compliant, out of policy) must be equal to the fen.
//!
//! Amounts are drawn to hit the places where rules and rounding decide:
//! exactly at (and a fen either side of) every amount the policy names
//! (deductibles, caps, thresholds, segment bounds, limits), at the cost where
//! a layer's base reaches a threshold or bound or its payment reaches a cap
//! (found by bisection with the reference), where a layer's exact payment
//! ends in half a fen, and ages around the children's age bound.
//!
//! `YIBAO_REFERENCE_CASES` sets the number of cases (default 4,000: about 4 s
//! in a debug build).

mod reference;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::sync::OnceLock;
use yibao::choice::Choice;
use yibao::date::Date;
use yibao::engine::{self, Admission, Estimate, LayerId, Request};
use yibao::policy::{Category, Level, Policy, Scheme, Setting, Unit, Version};

use reference::{Exact, Outcome};

/// The largest amount a stay's compliant cost is bisected over: 1 亿 yuan, in fen.
const SEARCH_LIMIT_FEN: i64 = 10_000_000_000;

/// How far (in fen) the half-fen search moves a stay's cost.
const HALF_FEN_SEARCH: i64 = 100;

fn cases() -> u32 {
    std::env::var("YIBAO_REFERENCE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4000)
}

fn shipped() -> &'static [Policy] {
    yibao::baked::policies().expect("baked policies")
}

/// The policies written to use every rule, which no shipped policy does all
/// of (later-stay deductibles, rate raises, an assistance deductible, an
/// amount as the backstop's line): the test fixture and the README's example.
fn fixtures() -> &'static [Policy] {
    static POLICIES: OnceLock<Vec<Policy>> = OnceLock::new();
    POLICIES.get_or_init(|| {
        let read = |file, text| yibao::toml_input::policy_from_toml(file, text).expect("reads");
        vec![
            read(
                "tests/data/test_county.toml",
                include_str!("data/test_county.toml"),
            ),
            read(
                "policies/examples/county_example.toml",
                include_str!("../policies/examples/county_example.toml"),
            ),
        ]
    })
}

/// Every (policy, version, scheme, category) the policies provide for; a
/// request draws one of them uniformly, so each is tried as often.
fn combinations(
    policies: &'static [Policy],
) -> Vec<(&'static Policy, &'static Version, Scheme, Category)> {
    let mut all = Vec::new();
    for policy in policies {
        for version in &policy.versions {
            for &scheme in &version.schemes {
                for &category in &version.categories {
                    all.push((policy, version, scheme, category));
                }
            }
        }
    }
    all
}

/// Random choices, made into a request for one combination by [`build`].
#[derive(Debug, Clone)]
struct Draw {
    combination: usize,
    /// The version's last day rather than its first.
    last_day: bool,
    age: AgePick,
    stays: Vec<StayPick>,
    /// Moves a stay's compliant cost to one of [`boundaries`] (picked by the
    /// first number), the stay picked by the second, plus the third in fen.
    boundary: Option<(usize, usize, i64)>,
    /// Then moves a stay's compliant cost up by at most [`HALF_FEN_SEARCH`]
    /// fen, until one paying layer (picked by the first number) has an exact
    /// amount ending in half a fen; the stay is picked by the second.
    half_fen: Option<(usize, usize)>,
}

#[derive(Debug, Clone)]
enum AgePick {
    Unknown,
    /// The children's age bound of the scheme plus this (any age where there is none).
    NearChildrensBound(i64),
    Any(u32),
}

#[derive(Debug, Clone)]
struct StayPick {
    level: usize,
    compliant: AmountPick,
    out_of_policy: AmountPick,
}

#[derive(Debug, Clone)]
enum AmountPick {
    Fen(i64),
    /// One of the version's amounts (deductibles, caps, ...), plus a few fen.
    AtFigure(usize, i64),
}

fn compliant_pick() -> impl Strategy<Value = AmountPick> {
    prop_oneof![
        1 => Just(AmountPick::Fen(0)),
        3 => (0i64..=200_000_000).prop_map(AmountPick::Fen), // up to 2,000,000 yuan
        3 => (0i64..=10_000_000).prop_map(AmountPick::Fen),  // up to 100,000 yuan
        2 => (0i64..=500_000).prop_map(AmountPick::Fen),     // up to 5,000 yuan
        3 => (any::<usize>(), -2i64..=2).prop_map(|(which, fen)| AmountPick::AtFigure(which, fen)),
    ]
}

fn out_of_policy_pick() -> impl Strategy<Value = AmountPick> {
    prop_oneof![
        3 => Just(AmountPick::Fen(0)),
        1 => (0i64..=50_000_000).prop_map(AmountPick::Fen),
        2 => (0i64..=2_000_000).prop_map(AmountPick::Fen),
        1 => (any::<usize>(), -2i64..=2).prop_map(|(which, fen)| AmountPick::AtFigure(which, fen)),
    ]
}

fn draw() -> impl Strategy<Value = Draw> {
    let age = prop_oneof![
        1 => Just(AgePick::Unknown),
        1 => Just(AgePick::NearChildrensBound(-1)),
        2 => Just(AgePick::NearChildrensBound(0)),
        1 => Just(AgePick::NearChildrensBound(1)),
        1 => (0u32..=100).prop_map(AgePick::Any),
    ];
    let stay = (any::<usize>(), compliant_pick(), out_of_policy_pick()).prop_map(
        |(level, compliant, out_of_policy)| StayPick {
            level,
            compliant,
            out_of_policy,
        },
    );
    (
        (any::<usize>(), any::<bool>(), age),
        proptest::collection::vec(stay, 1..=5),
        proptest::option::of((any::<usize>(), any::<usize>(), -2i64..=2)),
        proptest::option::of((any::<usize>(), any::<usize>())),
    )
        .prop_map(
            |((combination, last_day, age), stays, boundary, half_fen)| Draw {
                combination,
                last_day,
                age,
                stays,
                boundary,
                half_fen,
            },
        )
}

/// Every amount the version names, in fen (deductibles, caps, thresholds,
/// segment bounds, limits, ...).
fn amounts_named(version: &Version) -> Vec<i64> {
    let mut fen = Vec::new();
    version.clone().each_figure_mut(&mut |f| {
        if f.unit == Unit::Yuan {
            let whole = Exact::from_decimal(f.value).whole_fen();
            fen.push(
                whole
                    .and_then(|w| i64::try_from(w).ok())
                    .expect("amounts are whole fen"),
            );
        }
    });
    fen
}

fn fen_amount(pick: &AmountPick, named: &[i64]) -> Decimal {
    let fen = match *pick {
        AmountPick::Fen(fen) => fen,
        AmountPick::AtFigure(which, delta) => (named[which % named.len()] + delta).max(0),
    };
    Decimal::new(fen, 2)
}

/// The request of a draw among `policies`, before it is aimed, and its
/// policy and version.
fn build(d: &Draw, policies: &'static [Policy]) -> (&'static Policy, &'static Version, Request) {
    let all = combinations(policies);
    let (policy, version, scheme, category) = all[d.combination % all.len()];
    let named = amounts_named(version);
    let children_bound = version
        .basic_for(scheme)
        .and_then(|b| b.children.as_ref())
        .and_then(|c| c.max_age.value.to_i64());
    let age = match d.age {
        AgePick::Unknown => None,
        AgePick::NearChildrensBound(offset) => {
            let age = children_bound.map_or(12, |bound| bound + offset);
            Some(u32::try_from(age).unwrap_or(0))
        }
        AgePick::Any(age) => Some(age),
    };
    let request = Request {
        policy: policy.id.clone(),
        date: Some(if d.last_day {
            version.valid_to
        } else {
            version.valid_from
        }),
        scheme,
        category,
        age,
        admissions: d
            .stays
            .iter()
            .map(|s| Admission {
                level: version.levels[s.level % version.levels.len()].level,
                compliant: fen_amount(&s.compliant, &named),
                out_of_policy: fen_amount(&s.out_of_policy, &named),
                setting: Setting::Local,
                disease: None,
            })
            .collect(),
        outpatient: Vec::new(),
        overrides: Vec::new(),
        explain: false,
    };
    (policy, version, request)
}

/// What a boundary measures: the base a layer computes on, or what it pays.
#[derive(Debug, Clone, Copy)]
enum Measure {
    Base,
    Paid,
}

/// The places where a rule of the version decides, for this scheme and
/// category: (layer, what is measured, the amount it reaches there).
fn boundaries(version: &Version, request: &Request) -> Vec<(LayerId, Measure, Exact)> {
    let x = |f: &yibao::policy::Figure| Exact::from_decimal(f.value);
    let category = request.category;
    let mut all = Vec::new();
    if let Some(basic) = version.basic_for(request.scheme)
        && let Some(cap) = &basic.annual_cap
    {
        all.push((LayerId::Basic, Measure::Paid, x(cap)));
        if let Some(top_up) = &basic.top_up {
            all.push((LayerId::Basic, Measure::Paid, x(cap) + x(&top_up.cap)));
        }
    }
    if let Some(ci) = &version.benefits.critical_illness {
        let tilt = ci.tilts.iter().find(|t| t.who.includes(category));
        let factor = tilt
            .and_then(|t| t.threshold_factor.as_ref())
            .map_or(Exact::whole(1), x);
        all.push((
            LayerId::CriticalIllness,
            Measure::Base,
            x(&ci.threshold) * factor,
        ));
        if tilt.is_none_or(|t| t.flat_rate.is_none()) {
            for up_to in ci.segments.iter().filter_map(|s| s.up_to.as_ref()) {
                all.push((LayerId::CriticalIllness, Measure::Base, x(up_to)));
            }
        }
        if let (Some(cap), false) = (
            &ci.annual_cap,
            tilt.is_some_and(|t| t.cap_removed.is_some()),
        ) {
            all.push((LayerId::CriticalIllness, Measure::Paid, x(cap)));
        }
    }
    if let Some(group) = version
        .benefits
        .medical_assistance
        .iter()
        .flat_map(|ma| &ma.groups)
        .find(|g| g.who.includes(category))
    {
        if let Some(deductible) = &group.deductible {
            all.push((LayerId::MedicalAssistance, Measure::Base, x(deductible)));
        }
        if let Some(limit) = &group.annual_limit {
            all.push((LayerId::MedicalAssistance, Measure::Paid, x(limit)));
        }
    }
    if let Some(s) = version
        .benefits
        .supplementary
        .as_ref()
        .filter(|s| s.who.includes(category))
    {
        all.push((LayerId::Supplementary, Measure::Base, x(&s.threshold)));
        if let Some(max) = &s.annual_max {
            all.push((LayerId::Supplementary, Measure::Paid, x(max)));
        }
    }
    if version
        .benefits
        .backstop
        .as_ref()
        .is_some_and(|b| b.who.includes(category))
    {
        // Where the backstop starts to pay.
        all.push((LayerId::Backstop, Measure::Paid, Exact::fen(1)));
    }
    all
}

fn with_compliant(request: &Request, stay: usize, fen: i64) -> Request {
    let mut moved = request.clone();
    moved.admissions[stay].compliant = Decimal::new(fen, 2);
    moved
}

fn measured(outcome: &Outcome, layer: LayerId, measure: Measure) -> Option<Exact> {
    let paid = outcome.layers.iter().find(|p| p.layer == layer)?;
    Some(match measure {
        Measure::Base => paid.base,
        Measure::Paid => paid.total(),
    })
}

/// The least compliant cost of `stay` (in fen) at which the measure reaches
/// `target`, by bisection with the reference (the measures rise with the
/// cost, up to a fen of rounding); `None` where it never does.
fn first_reaching(
    policy: &Policy,
    request: &Request,
    stay: usize,
    (layer, measure, target): (LayerId, Measure, Exact),
) -> Option<i64> {
    let reaches = |fen| {
        let outcome = reference::estimate(policy, &with_compliant(request, stay, fen));
        measured(&outcome, layer, measure).is_some_and(|m| m >= target)
    };
    if !reaches(SEARCH_LIMIT_FEN) {
        return None;
    }
    if reaches(0) {
        return Some(0);
    }
    let (mut below, mut at) = (0, SEARCH_LIMIT_FEN);
    while at - below > 1 {
        let mid = below + (at - below) / 2;
        if reaches(mid) {
            at = mid;
        } else {
            below = mid;
        }
    }
    Some(at)
}

/// The request with a stay's compliant cost moved to where the boundary
/// picked by `which` is reached, plus `delta` fen.
fn at_boundary(
    policy: &Policy,
    version: &Version,
    request: Request,
    (which, stay, delta): (usize, usize, i64),
) -> Request {
    let all = boundaries(version, &request);
    if all.is_empty() {
        return request;
    }
    let stay = stay % request.admissions.len();
    match first_reaching(policy, &request, stay, all[which % all.len()]) {
        Some(fen) => with_compliant(&request, stay, (fen + delta).max(0)),
        None => request,
    }
}

/// The request with a stay's compliant cost moved up, by at most
/// [`HALF_FEN_SEARCH`] fen, to where the paying layer picked by `layer` has
/// an exact amount ending in half a fen that the unmoved request does not
/// have (so one the moved stay makes, after a boundary move too). Unchanged
/// where there is none.
fn at_half_fen(policy: &Policy, request: Request, (layer, stay): (usize, usize)) -> Request {
    let stay = stay % request.admissions.len();
    let unmoved = reference::estimate(policy, &request);
    let paying: Vec<LayerId> = unmoved
        .layers
        .iter()
        .filter(|p| p.total().is_positive())
        .map(|p| p.layer)
        .collect();
    if paying.is_empty() {
        return request;
    }
    let layer = paying[layer % paying.len()];
    let before = halves(&unmoved, layer);
    let start = fen_of(request.admissions[stay].compliant);
    (start + 1..=start + HALF_FEN_SEARCH)
        .map(|fen| with_compliant(&request, stay, fen))
        .find(|moved| {
            let now = halves(&reference::estimate(policy, moved), layer);
            now.iter().any(|half| !before.contains(half))
        })
        .unwrap_or(request)
}

/// The exact amounts of `layer` that end in half a fen.
fn halves(outcome: &Outcome, layer: LayerId) -> Vec<Exact> {
    let paid = outcome.layers.iter().filter(|p| p.layer == layer);
    paid.flat_map(|p| p.unrounded.iter().copied())
        .filter(|u| u.ends_in_half_fen())
        .collect()
}

fn fen_of(amount: Decimal) -> i64 {
    let fen = Exact::from_decimal(amount).whole_fen().expect("whole fen");
    i64::try_from(fen).expect("fits")
}

/// Engine and reference side by side; `Err` with a report naming the
/// policy, the request and every layer's two amounts when any differs.
fn compare(policy: &Policy, request: &Request, e: &Estimate, r: &Outcome) -> Result<(), String> {
    let x = |y: engine::Yuan| Exact::from_decimal(y.0);
    let mut differs = e.version != r.version || e.layers.len() != r.layers.len();
    let mut rows = Vec::new();
    for i in 0..e.layers.len().max(r.layers.len()) {
        let engine = e.layers.get(i);
        let reference = r.layers.get(i);
        let name = engine
            .map(|l| l.id)
            .or(reference.map(|p| p.layer))
            .map_or("?", |id| id.id());
        let same = match (engine, reference) {
            (Some(l), Some(p)) => {
                l.id == p.layer
                    && x(l.paid) == p.total()
                    && x(l.paid_out_of_policy) == p.out_of_policy
            }
            _ => false,
        };
        differs |= !same;
        let shown = |amount: Option<String>| amount.unwrap_or_else(|| "(none)".into());
        let mut row = format!(
            "  {name:<22} engine {:>12}   reference {:>12}",
            shown(engine.map(|l| x(l.paid).to_string())),
            shown(reference.map(|p| p.total().to_string())),
        );
        if let (Some(l), Some(p)) = (engine, reference)
            && (p.out_of_policy.is_positive() || x(l.paid_out_of_policy).is_positive())
        {
            row += &format!(
                "   (out of policy: engine {}, reference {})",
                x(l.paid_out_of_policy),
                p.out_of_policy
            );
        }
        if !same {
            row += "   ≠";
            if let Some(p) = reference {
                let exact: Vec<String> = p.unrounded.iter().map(Exact::to_string).collect();
                row += &format!(
                    "  reference base {}, exact before rounding: {}",
                    p.base,
                    exact.join(", ")
                );
            }
        }
        rows.push(row);
    }
    for (name, engine, reference) in [
        ("out of pocket", x(e.out_of_pocket.total), r.out_of_pocket),
        (
            "  of it compliant",
            x(e.out_of_pocket.compliant),
            r.out_of_pocket_compliant,
        ),
        (
            "  of it out of policy",
            x(e.out_of_pocket.out_of_policy),
            r.out_of_pocket_out_of_policy,
        ),
    ] {
        let mark = if engine == reference { "" } else { "   ≠" };
        differs |= engine != reference;
        rows.push(format!(
            "  {name:<22} engine {engine:>12}   reference {reference:>12}{mark}"
        ));
    }
    if !differs {
        return Ok(());
    }
    let stays: Vec<String> = request
        .admissions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            format!(
                "  stay {}: {}, compliant {}, out of policy {}",
                i + 1,
                a.level.id(),
                Exact::from_decimal(a.compliant),
                Exact::from_decimal(a.out_of_policy)
            )
        })
        .collect();
    Err(format!(
        "the engine and the exact reference disagree\n\
         policy {} ({}), version {} (reference: {})\n\
         request: date {}, scheme {}, category {}, age {}\n{}\n{}",
        policy.id,
        policy.name_en,
        e.version,
        r.version,
        request.date.map_or("none".into(), |d| d.to_string()),
        request.scheme.id(),
        request.category.id(),
        request.age.map_or("not given".into(), |a| a.to_string()),
        stays.join("\n"),
        rows.join("\n"),
    ))
}

/// The draw's request among `policies`, aimed, estimated by the engine and
/// the reference, and compared.
fn check(d: &Draw, policies: &'static [Policy]) -> Result<(), TestCaseError> {
    let (policy, version, mut request) = build(d, policies);
    if let Some(boundary) = d.boundary {
        request = at_boundary(policy, version, request, boundary);
    }
    if let Some(half_fen) = d.half_fen {
        request = at_half_fen(policy, request, half_fen);
    }
    let e = engine::estimate(&request, policies)
        .map_err(|e| TestCaseError::fail(format!("valid request refused: {e}")))?;
    let r = reference::estimate(policy, &request);
    compare(policy, &request, &e, &r).map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Every layer's payment and the out-of-pocket amounts equal the exact
    /// reference's, to the fen, under every shipped policy.
    #[test]
    fn every_layer_equals_the_exact_reference(d in draw()) {
        check(&d, shipped())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases() / 4, failure_persistence: None, ..ProptestConfig::default() })]

    /// The same under the fixture policies, for the rules no shipped policy uses.
    #[test]
    fn every_rule_equals_the_exact_reference(d in draw()) {
        check(&d, fixtures())?;
    }
}

/// A request of one stay under a shipped policy.
fn one_stay(
    policy: &str,
    date: &str,
    (scheme, category, age): (Scheme, Category, Option<u32>),
    (level, compliant): (Level, &str),
) -> Request {
    Request {
        policy: policy.into(),
        date: Date::parse(date),
        scheme,
        category,
        age,
        admissions: vec![Admission {
            level,
            compliant: compliant.parse().expect("an amount"),
            out_of_policy: Decimal::ZERO,
            setting: Setting::Local,
            disease: None,
        }],
        outpatient: Vec::new(),
        overrides: Vec::new(),
        explain: true,
    }
}

/// Each layer's payment and the out-of-pocket total, as the engine and as
/// the reference give them.
fn both(request: &Request) -> (Vec<String>, Vec<String>) {
    let policy = shipped()
        .iter()
        .find(|p| p.id == request.policy)
        .expect("shipped");
    let e = engine::estimate(request, shipped()).expect("estimate");
    let r = reference::estimate(policy, request);
    let engine = e
        .layers
        .iter()
        .map(|l| Exact::from_decimal(l.paid.0))
        .chain([Exact::from_decimal(e.out_of_pocket.total.0)]);
    let reference = r.layers.iter().map(|p| p.total()).chain([r.out_of_pocket]);
    (
        engine.map(|a| a.to_string()).collect(),
        reference.map(|a| a.to_string()).collect(),
    )
}

/// Issue 12: the backstop's line is exact; only its payment is rounded.
/// Inner Mongolia 2020 (policies/inner_mongolia.toml), a registered-poor
/// resident, one league/city stay of 600,000.05 compliant:
///
/// - basic, 75% (004_44d2b2ecadff79be.txt:22 "政策范围内报销比例分别达85%和75%左右";
///   deductible 800 and cap 150,000 assumed):
///   (600000.05 − 800) × 75% = 449400.0375, above the cap: 150,000.00;
/// - critical illness, from 1.4万 at 60% (line 22 "降低并统一大病保险起付线为1.4万元",
///   "政策范围内支付比例达到60%以上"), for the registered poor "起付线降低50%,
///   支付比例提高5个百分点,全面取消建档立卡贫困人口大病保险封顶线" (line 30):
///   base 600000.05 − 150000 = 450000.05; (450000.05 − 7000) × 65%
///   = 287950.0325 → 287,950.03;
/// - medical assistance, 70% ("住院救助比例达到70%以上", line 26; limit 50,000
///   assumed): 450000.05 − 287950.03 = 162050.02, × 70% = 113435.014, the limit: 50,000.00;
/// - commercial insurance ("商业保险", line 30; 50% from 0 up to 50,000 assumed):
///   (162050.02 − 50000) × 50% = 56025.01, the maximum: 50,000.00;
/// - backstop ("政府兜底", line 30; self-pay at most 10% of the year's compliant
///   cost assumed): 62050.02 left; the line is 600000.05 × 10% = 60000.005,
///   so the backstop pays 62050.02 − 60000.005 = 2050.015 → 2,050.02 and the
///   household 600000.05 − 540000.05 = 60,000.00. Rounding the line first
///   (60,000.01) would pay 2,050.01 and leave 60,000.01: one fen above 10%.
#[test]
fn inner_mongolia_backstop_rounds_its_payment_not_its_line() {
    let request = one_stay(
        "inner_mongolia",
        "2020-06-30",
        (Scheme::Resident, Category::RegisteredPoor, None),
        (Level::City, "600000.05"),
    );
    let expected = [
        "150000.00",
        "287950.03",
        "50000.00",
        "50000.00",
        "2050.02",
        "60000.00",
    ];
    let (engine, reference) = both(&request);
    assert_eq!(reference, expected, "the reference");
    assert_eq!(engine, expected, "the engine");
}

/// Haiyuan 2010, NCMS (policies/haiyuan.toml): "起伏线一、二、三级医疗机构分别为
/// 60元、160元(其中12岁以下儿童为90元)和600元", "报销比例一、二、三级医疗机构分别
/// 提高为85%、80%和35%" (003_fb6859ac0733cdd7.txt:241). "12岁以下" includes 12
/// in Chinese legal drafting: a 12-year-old's level-2 stay of 1,000 gets
/// (1000 − 90) × 80% = 728.00; a 13-year-old's (1000 − 160) × 80% = 672.00.
#[test]
fn haiyuan_childrens_deductible_includes_age_twelve() {
    for (age, basic, out_of_pocket) in [(12, "728.00", "272.00"), (13, "672.00", "328.00")] {
        let request = one_stay(
            "haiyuan",
            "2010-06-30",
            (Scheme::Ncms, Category::Ordinary, Some(age)),
            (Level::County, "1000"),
        );
        let expected = [basic, out_of_pocket];
        let (engine, reference) = both(&request);
        assert_eq!(reference, expected, "the reference, age {age}");
        assert_eq!(engine, expected, "the engine, age {age}");
    }
}

/// Found by the property test: the top-up's share is computed with a
/// division that `Decimal` rounds in its 28th digit, before the payment's own
/// rounding. Haiyuan 2010 (policies/haiyuan.toml), an employee, one level-3
/// stay of 70,000.05: deductible 700 and rate 90% ("一、二、三级医疗机构分别为
/// 200元、300元、700元", "报销比例在职人员达到90%"), fund cap 60,000
/// ("将统筹基金最高限额提高到6万元"), the top-up up to 100,000 ("大额医疗补助提高到
/// 10万元"), all 003_fb6859ac0733cdd7.txt:241; the top-up's 90% is assumed.
///
/// (70000.05 − 700) × 90% = 62370.045, above the cap: the fund pays 60,000.00,
/// which covers 60000 / 90% = 66666.666… of the 69,300.05 above the
/// deductible; the top-up pays (69300.05 − 66666.666…) × 90% = 2370.045 →
/// 2,370.05. Basic insurance pays 62,370.05, the household 7,630.00. Taking
/// 60000 / 0.9 as 66666.666666666666666666666667 makes the top-up
/// 2370.04499… → 2,370.04.
#[test]
fn haiyuan_top_up_is_exact_before_its_rounding() {
    let request = one_stay(
        "haiyuan",
        "2010-06-30",
        (Scheme::Employee, Category::Ordinary, None),
        (Level::City, "70000.05"),
    );
    let expected = ["62370.05", "7630.00"];
    let (engine, reference) = both(&request);
    assert_eq!(reference, expected, "the reference");
    assert_eq!(engine, expected, "the engine");
}
