//! Calibration of policies/yinchuan.toml against the averages Yinchuan
//! reported (003_fb6859ac0733cdd7.txt line 47): in-policy inpatient
//! reimbursement of employees 60% (70% or more with the large-amount and
//! civil-servant subsidies), urban residents 53%, co-op (新农合) county 50%
//! and township "60% or more".
//!
//! These are averages, not rules (issue 14, "Averages are not rates"): the
//! policy file holds them as reported entries, shown beside an estimate and
//! never used in it. The per-stay rates are assumptions, calibrated here: a
//! stated mix of stays, estimated with the engine, must come within half a
//! point of each reported average. Yinchuan's report gives no stays or costs;
//! the stays are Shizuishan's averages for January–June 2010 in the same
//! report (line 97, the only Ningxia city there that gives them):
//!
//! - employees: ten stays of 6,610.60 (4862万 ÷ 70.2% ÷ 10477, in-policy),
//!   2 at level 1, 4 at level 2, 4 at level 3, at 64%;
//! - urban residents: ten stays of 4,740.78 (1436万 ÷ 50.4% ÷ 6010), the same
//!   levels, at 57%;
//! - co-op: a stay of 3,325.11 (3506万 ÷ 10544, total cost per stay) at
//!   township level (61%) and at county level (53%).
//!
//! The former reading (the reported figure as the rate of every stay, kept in
//! the file as the rates' other reading) falls short of the averages by more
//! than half a point. Run with `--nocapture` to see the table.

mod common;

use common::{baked, paid};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use yibao::engine::Estimate;
use yibao::engine::LayerId::Basic;
use yibao::money::{round_yuan, to_decimal_string};
use yibao::policy::{Origin, Scheme};

const WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// Half a percentage point, as a fraction.
const HALF_POINT: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

/// Shizuishan's half-year figures (line 97) give the stays' costs.
fn costs() -> (Decimal, Decimal, Decimal) {
    let employees = round_yuan(dec("4862") * WAN / dec("0.702") / dec("10477"));
    let residents = round_yuan(dec("1436") * WAN / dec("0.504") / dec("6010"));
    let co_op = round_yuan(dec("3506") * WAN / dec("10544"));
    (employees, residents, co_op)
}

/// One year of stays, `(level, count)`, each of `compliant`, with overrides.
fn year(scheme: &str, compliant: Decimal, levels: &[(&str, usize)], overrides: Value) -> Estimate {
    let stay = |level: &str| json!({ "level": level, "compliant": to_decimal_string(compliant) });
    let admissions: Vec<Value> = levels
        .iter()
        .flat_map(|(level, n)| std::iter::repeat_n(stay(level), *n))
        .collect();
    baked(json!({
        "policy": "yinchuan",
        "date": "2010-07-11",
        "scheme": scheme,
        "category": "ordinary",
        "admissions": admissions,
        "overrides": overrides,
    }))
}

const MIX: [(&str, usize); 3] = [("township", 2), ("county", 4), ("city", 4)];

/// The stays' costs from line 97: 4862万 ÷ 70.2% ÷ 10477 = 6610.60,
/// 1436万 ÷ 50.4% ÷ 6010 = 4740.78, 3506万 ÷ 10544 = 3325.11.
#[test]
fn the_stays_costs_come_from_shizuishan_s_line_97() {
    let (employees, residents, co_op) = costs();
    assert_eq!(
        [employees, residents, co_op].map(to_decimal_string),
        ["6610.60", "4740.78", "3325.11"]
    );
}

/// The calibration, each stated mix against its reported average:
///   employees 64%: 2 × (6610.60 − 200) × 64% + 4 × (6610.60 − 300) × 64%
///     + 4 × (6610.60 − 700) × 64% = 2 × 4102.78 + 4 × 4038.78 + 4 × 3782.78
///     = 39491.80 of 66106.00: 59.74% (reported 60%);
///   urban residents 57%: 2 × 2588.24 + 4 × 2531.24 + 4 × 2417.24 = 24970.40
///     of 47407.80: 52.67% (reported 53%);
///   co-op township 61%: (3325.11 − 60) × 61% = 1991.72: 59.90% (reported
///     "60% or more");
///   co-op county 53%: (3325.11 − 160) × 53% = 1677.51: 50.45% (reported 50%).
/// Under the other reading (the reported figure as the rate) each falls
/// short by more than half a point: 56.01%, 48.98%, 58.92%, 47.59%.
/// Scheme, cost of a stay, mix of levels, then the expected fund payment,
/// share, reported share (as a fraction and as written) and the share under
/// the other reading.
type Row<'a> = (
    &'a str,
    Decimal,
    &'a [(&'a str, usize)],
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
);

#[test]
fn the_stated_mixes_reach_the_reported_averages() {
    let (employees, residents, co_op) = costs();
    let township = [("township", 1)];
    let county = [("county", 1)];
    let rows: [Row; 4] = [
        (
            "employee", employees, &MIX, "39491.80", "0.5974", "0.60", "60%", "0.5601",
        ),
        (
            "urban_resident",
            residents,
            &MIX,
            "24970.40",
            "0.5267",
            "0.53",
            "53%",
            "0.4898",
        ),
        (
            "ncms", co_op, &township, "1991.72", "0.5990", "0.60", "60%", "0.5892",
        ),
        (
            "ncms", co_op, &county, "1677.51", "0.5045", "0.50", "50%", "0.4759",
        ),
    ];
    println!("\nstated mix against the reported averages (line 47):");
    for (scheme, cost, levels, paid_total, ratio, reported, other, other_ratio) in rows {
        let e = year(scheme, cost, levels, json!({}));
        assert_eq!(paid(&e, Basic), paid_total, "{scheme} {levels:?}");
        assert_eq!(e.effective_ratio.to_string(), ratio, "{scheme} {levels:?}");
        let reported = dec(reported);
        assert!(
            (e.effective_ratio.value() - reported).abs() <= HALF_POINT,
            "{scheme} {levels:?}: {ratio} against {reported}"
        );
        // The other reading: the reported figure as the rate at every level.
        let overrides: serde_json::Map<String, Value> = levels
            .iter()
            .map(|(l, _)| (format!("basic.{scheme}.rate.{l}"), json!(other)))
            .collect();
        let o = year(scheme, cost, levels, Value::Object(overrides));
        assert_eq!(
            o.effective_ratio.to_string(),
            other_ratio,
            "{scheme} {levels:?}"
        );
        assert!(reported - o.effective_ratio.value() > HALF_POINT);
        println!(
            "  {scheme:<15} {:<28} {} → {} (reported {reported}; other reading {other}: {})",
            format!("{levels:?}"),
            to_decimal_string(cost),
            e.effective_ratio.percent(),
            o.effective_ratio.percent(),
        );
    }
}

/// The averages are reported entries, cited, for their schemes; the rates the
/// calibration sets are assumptions whose other reading is the average.
#[test]
fn the_averages_are_reported_and_the_rates_assumed() {
    let policy = common::baked_policy("yinchuan");
    let version = &policy.versions[0];
    // All five from line 47.
    let line_47 = || "003_fb6859ac0733cdd7.txt:47".to_string();
    assert_eq!(
        common::reported_entries(version),
        [
            ("60%".to_string(), vec![Scheme::Employee], line_47()),
            ("70%".to_string(), vec![Scheme::Employee], line_47()),
            ("53%".to_string(), vec![Scheme::UrbanResident], line_47()),
            ("50%".to_string(), vec![Scheme::Ncms], line_47()),
            ("60%".to_string(), vec![Scheme::Ncms], line_47()),
        ]
    );
    for (scheme, level, rate, other) in [
        (Scheme::Employee, "township", "64%", "0.60"),
        (Scheme::Employee, "county", "64%", "0.60"),
        (Scheme::Employee, "city", "64%", "0.60"),
        (Scheme::UrbanResident, "township", "57%", "0.53"),
        (Scheme::UrbanResident, "county", "57%", "0.53"),
        (Scheme::UrbanResident, "city", "57%", "0.53"),
        (Scheme::Ncms, "township", "61%", "0.60"),
        (Scheme::Ncms, "county", "53%", "0.50"),
    ] {
        let basic = version.basic_for(scheme).expect("the scheme");
        let level = version
            .levels
            .iter()
            .find(|l| yibao::choice::Choice::id(l.level) == level)
            .expect("the level")
            .level;
        let figure = basic.rate.get(level).expect("a rate");
        assert!(
            matches!(figure.origin, Origin::Assumed(_)),
            "{scheme:?} {level:?}"
        );
        assert_eq!(figure.display(), rate);
        let o = figure.other.as_ref().expect("the other reading");
        assert_eq!(o.value, dec(other));
    }
}
