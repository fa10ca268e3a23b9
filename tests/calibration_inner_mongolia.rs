//! Calibration of policies/inner_mongolia.toml against the averages the
//! source reports (004_44d2b2ecadff79be.txt line 22: "政策范围内报销比例分别达85%和75%左右",
//! employees and residents, region-wide, January–September 2020).
//!
//! Those are averages of what the fund paid, not per-stay rates: every stay
//! loses its deductible first, so the average is below the rates that produce
//! it (tests/calibration_shizuishan.rs shows the same for Shizuishan). The
//! policy file therefore records them as `[[versions.reported]]` entries and
//! assumes rates by hospital level, calibrated so that a stated mix of stays
//! reaches the reported averages. The text gives no such mix; the one assumed
//! (and stated in the rates' reasons and the policy's notes) is, of 100 stays:
//!
//! | level              | stays | average compliant cost |
//! |--------------------|------:|-----------------------:|
//! | township (苏木乡镇) |    30 |                  3,000 |
//! | county (旗县)       |    45 |                  6,000 |
//! | city (盟市)         |    25 |                 15,000 |
//!
//! most stays at primary level, city stays costlier. With the assumed
//! deductibles 200 / 500 / 800:
//!
//! - residents at 90% / 85% / 75%: 2520, 4675, 10650 per stay;
//!   (30 × 2520 + 45 × 4675 + 25 × 10650) ÷ (30 × 3000 + 45 × 6000 + 25 × 15000)
//!   = 552225 ÷ 735000 = 75.13%;
//! - employees at 95% / 94% / 88%: 2660, 5170, 12496 per stay;
//!   624850 ÷ 735000 = 85.01%.
//!
//! The tests estimate each stay with the engine, weigh them by the mix and
//! assert that the fund's share is within half a percentage point of the
//! reported figure, which they read from the policy's `reported` entries.
//! Run with `--nocapture` to see the table.

mod common;

use common::{baked, paid};
use rust_decimal::Decimal;
use serde_json::json;
use yibao::choice::Choice;
use yibao::engine::LayerId::Basic;
use yibao::policy::{Policy, Scheme};

/// The assumed mix: (level, stays out of 100, average compliant cost).
const MIX: [(&str, u32, u32); 3] = [
    ("township", 30, 3000),
    ("county", 45, 6000),
    ("city", 25, 15000),
];

/// Half a percentage point.
const TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

fn inner_mongolia() -> &'static Policy {
    common::baked_policy("inner_mongolia")
}

/// The reported average for `scheme`, as a fraction (0.75 for 75%).
fn reported(scheme: Scheme) -> Decimal {
    let version = &inner_mongolia().versions[0];
    let found: Vec<&yibao::policy::Reported> = version
        .reported
        .iter()
        .filter(|r| r.schemes == [scheme])
        .collect();
    assert_eq!(found.len(), 1, "one reported average for {scheme:?}");
    found[0].value.value
}

/// What basic insurance pays for one ordinary stay of `compliant` at `level`.
fn basic_paid(scheme: &str, level: &str, compliant: u32) -> Decimal {
    let e = baked(json!({
        "policy": "inner_mongolia",
        "date": "2020-06-30",
        "scheme": scheme,
        "category": "ordinary",
        "admissions": [{ "level": level, "compliant": compliant.to_string() }],
    }));
    paid(&e, Basic).parse().expect("an amount")
}

/// Per level: (level, paid per stay); and the fund's share of the mix.
fn calibrate(scheme: &str) -> (Vec<(&'static str, Decimal)>, Decimal) {
    let mut per_stay = Vec::new();
    let (mut fund, mut cost) = (Decimal::ZERO, Decimal::ZERO);
    for (level, stays, compliant) in MIX {
        let p = basic_paid(scheme, level, compliant);
        per_stay.push((level, p));
        fund += p * Decimal::from(stays);
        cost += Decimal::from(compliant) * Decimal::from(stays);
    }
    (per_stay, fund / cost)
}

fn show(name: &str, per_stay: &[(&str, Decimal)], share: Decimal, reported: Decimal) {
    println!("\n{name}: reported {:.1}%", reported * Decimal::ONE_HUNDRED);
    for ((level, stays, compliant), (_, p)) in MIX.iter().zip(per_stay) {
        println!("  {level:<9} {stays:>3} stays × {compliant:>6}: fund {p:>9} each");
    }
    println!(
        "  fund share of the mix: {:.2}%",
        share * Decimal::ONE_HUNDRED
    );
}

/// The mix under `scheme`'s rates: each stay's fund payment (`per_stay`),
/// the share of the mix (`share`, four places), within half a point of the
/// reported average (`target`).
fn reaches(scheme: Scheme, name: &str, target: &str, per_stay: [&str; 3], share: &str) {
    let reported = reported(scheme);
    assert_eq!(reported, target.parse::<Decimal>().unwrap());
    let (paid, got) = calibrate(scheme.id());
    let expected: Vec<Decimal> = per_stay.iter().map(|s| s.parse().unwrap()).collect();
    assert_eq!(paid.iter().map(|(_, p)| *p).collect::<Vec<_>>(), expected);
    assert_eq!(got.round_dp(4).to_string(), share);
    show(name, &paid, got, reported);
    assert!(
        (got - reported).abs() <= TOLERANCE,
        "{name}: {got} against {reported}"
    );
}

/// (3000 − 200) × 90%, (6000 − 500) × 85%, (15000 − 800) × 75%;
/// 552225 ÷ 735000 = 75.13%.
#[test]
fn residents_mix_reaches_the_reported_75_percent() {
    reaches(
        Scheme::Resident,
        "城乡居民 residents",
        "0.75",
        ["2520", "4675", "10650"],
        "0.7513",
    );
}

/// (3000 − 200) × 95%, (6000 − 500) × 94%, (15000 − 800) × 88%;
/// 624850 ÷ 735000 = 85.01%.
#[test]
fn employees_mix_reaches_the_reported_85_percent() {
    reaches(
        Scheme::Employee,
        "职工 employees",
        "0.85",
        ["2660", "5170", "12496"],
        "0.8501",
    );
}

/// The reported average is shown beside an estimate for its scheme only, and
/// is not a rate: no level's rate is the reported figure's citation.
#[test]
fn reported_averages_are_shown_not_used_as_rates() {
    let e = baked(json!({
        "policy": "inner_mongolia",
        "date": "2020-06-30",
        "scheme": "resident",
        "category": "ordinary",
        "admissions": [{ "level": "county", "compliant": "20000" }],
    }));
    assert_eq!(e.reported.len(), 1);
    assert_eq!(e.reported[0].value, "75%");
    assert_eq!(e.reported[0].source, "004_44d2b2ecadff79be.txt:22");

    let version = &inner_mongolia().versions[0];
    let basic = version.benefits.basic.as_ref().expect("basic insurance");
    for scheme in [Scheme::Resident, Scheme::Employee] {
        let b = basic.for_scheme(scheme).expect("the scheme's rules");
        for (level, rate) in &b.rate.0 {
            assert!(
                matches!(rate.origin, yibao::policy::Origin::Assumed(_)),
                "{scheme:?} {level:?}: a rate by level is a calibrated assumption"
            );
        }
    }
}
