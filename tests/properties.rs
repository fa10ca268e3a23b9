//! Invariants of the engine over random requests and random policies.

mod common;

use proptest::prelude::*;
use rust_decimal::Decimal;
use yibao::choice::Choice;
use yibao::engine::{self, Admission, Estimate, LayerId, Request};
use yibao::policy::{Policy, Unit, Version, validate};

/// The shipped policies and the test county.
fn policies() -> Vec<Policy> {
    let mut all = yibao::baked::policies().expect("baked").to_vec();
    all.push(common::test_county().clone());
    all
}

/// Random choices, turned into a valid request for a given policy by `build`.
#[derive(Debug, Clone)]
struct Draw {
    version: usize,
    scheme: usize,
    category: usize,
    age: Option<u32>,
    stays: Vec<(usize, i64, i64)>,
}

fn draw() -> impl Strategy<Value = Draw> {
    (
        any::<usize>(),
        any::<usize>(),
        any::<usize>(),
        proptest::option::of(0u32..100),
        proptest::collection::vec(
            (any::<usize>(), 0i64..=200_000_000, 0i64..=20_000_000),
            1..6,
        ),
    )
        .prop_map(|(version, scheme, category, age, stays)| Draw {
            version,
            scheme,
            category,
            age,
            stays,
        })
}

fn build(policy: &Policy, d: &Draw) -> (Request, Version) {
    let v = &policy.versions[d.version % policy.versions.len()];
    let request = Request {
        policy: policy.id.clone(),
        date: Some(v.valid_from),
        scheme: v.schemes[d.scheme % v.schemes.len()],
        category: v.categories[d.category % v.categories.len()],
        age: d.age,
        admissions: d
            .stays
            .iter()
            .map(|&(level, compliant, out)| Admission {
                level: v.levels[level % v.levels.len()].level,
                compliant: Decimal::new(compliant, 2),
                out_of_policy: Decimal::new(out, 2),
                setting: yibao::policy::Setting::Local,
                disease: None,
            })
            .collect(),
        outpatient: Vec::new(),
        overrides: Vec::new(),
        explain: true,
    };
    (request, v.clone())
}

fn paid(e: &Estimate, id: LayerId) -> Option<Decimal> {
    e.layers.iter().find(|l| l.id == id).map(|l| l.paid.0)
}

/// The invariants every estimate keeps, whatever the policy.
fn check_invariants(e: &Estimate, request: &Request, v: &Version) -> Result<(), TestCaseError> {
    let compliant: Decimal = request.admissions.iter().map(|a| a.compliant).sum();
    let out: Decimal = request.admissions.iter().map(|a| a.out_of_policy).sum();
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
            && e.out_of_pocket.out_of_policy.0 >= Decimal::ZERO
    );
    for layer in &e.layers {
        prop_assert!(
            layer.paid.0 >= Decimal::ZERO,
            "{:?} pays {}",
            layer.id,
            layer.paid.0
        );
        prop_assert!(layer.paid.0.scale() <= 2 && layer.paid_out_of_policy.0 >= Decimal::ZERO);
    }
    let category = request.category;
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
    }
    if let (Some(ci), Some(p)) = (
        &v.benefits.critical_illness,
        paid(e, LayerId::CriticalIllness),
    ) {
        let removed = ci
            .tilts
            .iter()
            .any(|t| t.who.includes(category) && t.cap_removed.is_some());
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
        let limit = ma
            .groups
            .iter()
            .find(|g| g.who.includes(category))
            .and_then(|g| g.annual_limit.as_ref());
        if let Some(limit) = limit {
            prop_assert!(
                p <= limit.value,
                "assistance {} above limit {}",
                p,
                limit.value
            );
        }
    }
    if let (Some(s), Some(p)) = (&v.benefits.supplementary, paid(e, LayerId::Supplementary))
        && let Some(max) = &s.annual_max
    {
        prop_assert!(p <= max.value);
    }
    Ok(())
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
/// the one seed with a top-up, pays one rate at every level.)
fn make_consistent(version: &mut Version) {
    let highest = |rates: &mut dyn Iterator<Item = Decimal>| rates.max().unwrap_or_default();
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

    /// Shipped policies: the invariants hold, and out of pocket never falls
    /// when a cost rises, beyond the rounding: each layer rounds its own
    /// payment to the fen, so where the share left to the patient at the margin
    /// is small (Inner Mongolia's registered poor keep about 1.3% of each extra
    /// yuan after four layers) a rise of a few fen can show up to one fen less
    /// per layer.
    #[test]
    fn invariants_and_monotonic_out_of_pocket(which in any::<usize>(), d in draw(), stay in any::<usize>(),
                                              more in 1i64..=5_000_000, on_compliant in any::<bool>()) {
        let all = policies();
        let policy = &all[which % all.len()];
        let (request, version) = build(policy, &d);
        let e = run(&request, &all)?;
        check_invariants(&e, &request, &version)?;

        let mut dearer = request.clone();
        let i = stay % dearer.admissions.len();
        if on_compliant {
            dearer.admissions[i].compliant += Decimal::new(more, 2);
        } else {
            dearer.admissions[i].out_of_policy += Decimal::new(more, 2);
        }
        let e2 = run(&dearer, &all)?;
        prop_assert!(e2.out_of_pocket.total.0 >= e.out_of_pocket.total.0 - rounding(&e),
            "out of pocket fell from {} to {} when stay {} cost more", e.out_of_pocket.total.0, e2.out_of_pocket.total.0, i);
    }

    /// Summary mode (no explanation) gives the same payments, totals and
    /// assumptions as the full estimate, and no steps.
    #[test]
    fn summary_mode_matches_the_full_estimate(which in any::<usize>(), d in draw()) {
        let all = policies();
        let (mut request, _) = build(&all[which % all.len()], &d);
        let full = run(&request, &all)?;
        request.explain = false;
        let summary = run(&request, &all)?;
        prop_assert_eq!(&summary.assumptions, &full.assumptions);
        prop_assert_eq!(&summary.out_of_pocket, &full.out_of_pocket);
        prop_assert_eq!(&summary.effective_ratio, &full.effective_ratio);
        prop_assert!(summary.figures.is_empty());
        for (s, f) in summary.layers.iter().zip(&full.layers) {
            prop_assert_eq!((s.id, s.paid, s.paid_out_of_policy), (f.id, f.paid, f.paid_out_of_policy));
            prop_assert!(s.steps.is_empty());
        }
        prop_assert_eq!(summary.layers.len(), full.layers.len());
    }

    /// Under the same policy, no poor category pays more than an ordinary person.
    /// (No shipped policy says otherwise.)
    #[test]
    fn poor_categories_never_pay_more_than_ordinary(which in any::<usize>(), d in draw()) {
        let all = policies();
        let policy = &all[which % all.len()];
        let (mut request, version) = build(policy, &d);
        prop_assume!(version.categories.contains(&yibao::policy::Category::Ordinary));
        request.category = yibao::policy::Category::Ordinary;
        let ordinary = run(&request, &all)?.out_of_pocket.total.0;
        for &category in &version.categories {
            request.category = category;
            let pays = run(&request, &all)?.out_of_pocket.total.0;
            prop_assert!(pays <= ordinary, "{} pays {} > ordinary {}", category.id(), pays, ordinary);
        }
    }

    /// Random figures in the test county keep the invariants, and out of
    /// pocket falls by no more than the rounding (see above) as a cost rises.
    #[test]
    fn random_policies_keep_the_invariants(seed in proptest::collection::vec(0u32..=10_000, 64), d in draw(),
                                           more in 1i64..=5_000_000) {
        let mut policy = common::test_county().clone();
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
        let mut dearer = request.clone();
        dearer.admissions[0].compliant += Decimal::new(more, 2);
        let e2 = run(&dearer, &all)?;
        prop_assert!(e2.out_of_pocket.total.0 >= e.out_of_pocket.total.0 - rounding(&e),
            "out of pocket fell from {} to {}", e.out_of_pocket.total.0, e2.out_of_pocket.total.0);
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
