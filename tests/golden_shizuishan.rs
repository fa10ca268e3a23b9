//! Golden cases for Shizuishan (石嘴山市), 2010: policies/shizuishan.toml, from
//! 003_fb6859ac0733cdd7.txt lines 72–124. Line 85 gives the annual caps
//! (employees 18万, urban residents 10万) and the in-policy rates (70% and
//! “50%以上”, its stated minimum 50%), one rate at every level. The deductibles
//! (“降低了起付标准”, no figures) are assumed from Haiyuan in the same report
//! (line 241). The co-op (新农合) is not encoded: the text gives only an
//! observed ratio (line 97).

mod common;

use common::{baked, formulas, out_of_pocket, paid, request};
use serde_json::{Value, json};
use yibao::ErrorKind;
use yibao::engine::Estimate;
use yibao::engine::LayerId::Basic;
use yibao::engine::trace::FigureOrigin;

fn request_json(scheme: &str, stays: &[(&str, &str)]) -> Value {
    let admissions: Value = stays
        .iter()
        .map(|(level, compliant)| json!({ "level": level, "compliant": compliant }))
        .collect();
    json!({
        "policy": "shizuishan",
        "date": "2010-06-30",
        "scheme": scheme,
        "category": "ordinary",
        "admissions": admissions,
    })
}

/// A Shizuishan estimate for an ordinary member of `scheme`, stays as (level, compliant).
fn shizuishan(scheme: &str, stays: &[(&str, &str)]) -> Estimate {
    baked(request_json(scheme, stays))
}

fn cited(e: &Estimate, parameter: &str) -> bool {
    e.figures.iter().any(|f| {
        &*f.parameter == parameter
            && f.origin == FigureOrigin::Cited
            && f.source.as_deref() == Some("003_fb6859ac0733cdd7.txt:85")
    })
}

fn assumed(e: &Estimate, parameter: &str) -> bool {
    e.assumptions.iter().any(|a| &*a.parameter == parameter)
}

/// Employee (城镇职工), one stay of 10,000 compliant at each level, 2010. Rate
/// 70% (line 85: “政策范围内住院报销比例分别提高达70%和50%以上”); deductibles
/// assumed 200/300/700: township (10000 − 200) × 70% = 6860.00; county
/// (10000 − 300) × 70% = 6790.00; city (10000 − 700) × 70% = 6510.00.
#[test]
fn employee_one_stay_at_each_level() {
    let township = shizuishan("employee", &[("township", "10000")]);
    assert_eq!(
        formulas(&township, Basic),
        ["(10000 − 200) × 70% = 6860.00"]
    );
    assert_eq!(out_of_pocket(&township), "3140.00");
    assert_eq!(township.effective_ratio.to_string(), "0.6860");
    assert_eq!(township.version, "2010");
    assert_eq!(township.layers.len(), 1);

    let county = shizuishan("employee", &[("county", "10000")]);
    assert_eq!(formulas(&county, Basic), ["(10000 − 300) × 70% = 6790.00"]);

    let city = shizuishan("employee", &[("city", "10000")]);
    assert_eq!(formulas(&city, Basic), ["(10000 − 700) × 70% = 6510.00"]);
    assert_eq!(out_of_pocket(&city), "3490.00");
    assert!(cited(&city, "basic.employee.rate.city"));
    assert!(assumed(&city, "basic.employee.deductible.city"));
}

/// Urban resident (城镇居民), one stay of 10,000 at each level. Rate 50% (line
/// 85, “50%以上” read as its minimum); deductibles assumed 200/300/500:
/// township (10000 − 200) × 50% = 4900.00; county (10000 − 300) × 50% = 4850.00;
/// city (10000 − 500) × 50% = 4750.00.
#[test]
fn urban_resident_one_stay_at_each_level() {
    let township = shizuishan("urban_resident", &[("township", "10000")]);
    assert_eq!(
        formulas(&township, Basic),
        ["(10000 − 200) × 50% = 4900.00"]
    );
    assert_eq!(out_of_pocket(&township), "5100.00");

    let county = shizuishan("urban_resident", &[("county", "10000")]);
    assert_eq!(formulas(&county, Basic), ["(10000 − 300) × 50% = 4850.00"]);

    let city = shizuishan("urban_resident", &[("city", "10000")]);
    assert_eq!(formulas(&city, Basic), ["(10000 − 500) × 50% = 4750.00"]);
    assert_eq!(city.effective_ratio.to_string(), "0.4750");
    assert!(cited(&city, "basic.urban_resident.rate.city"));
    assert!(assumed(&city, "basic.urban_resident.deductible.city"));
}

/// Deductible edges. Employee at a city hospital (assumed 700): a stay of 700
/// gets nothing, 1,000 gets (1000 − 700) × 70% = 210.00. Urban resident at a
/// township centre (assumed 200): 200 gets nothing, 200.02 gets
/// (200.02 − 200) × 50% = 0.01.
#[test]
fn deductible_edges() {
    let at = shizuishan("employee", &[("city", "700")]);
    assert_eq!(formulas(&at, Basic), ["700 ≤ 700 → 0.00"]);
    assert_eq!(out_of_pocket(&at), "700.00");
    let above = shizuishan("employee", &[("city", "1000")]);
    assert_eq!(paid(&above, Basic), "210.00");

    let at = shizuishan("urban_resident", &[("township", "200")]);
    assert_eq!(formulas(&at, Basic), ["200 ≤ 200 → 0.00"]);
    let above = shizuishan("urban_resident", &[("township", "200.02")]);
    assert_eq!(formulas(&above, Basic), ["(200.02 − 200) × 50% = 0.01"]);
    assert_eq!(paid(&above, Basic), "0.01");
}

/// Employee, city stays of 70,000 in one year against the cited 18万 cap
/// (line 85: “将城镇职工和城镇居民医保最高支付限额分别提高到18万元和10万元”).
/// Each stay: (70000 − 700) × 70% = 48510.00. Three stays: 145530.00, below the
/// cap, nothing cut. A fourth: min(48510, 180000 − 145530) = 34470.00, total
/// 180000.00. A fifth gets min(48510, 180000 − 180000) = 0.00. Out of pocket
/// with five stays: 350000 − 180000 = 170000.00.
#[test]
fn employee_stays_add_up_to_the_18_wan_cap() {
    let three = shizuishan("employee", &[("city", "70000"); 3]);
    assert_eq!(paid(&three, Basic), "145530.00");
    assert_eq!(formulas(&three, Basic).len(), 3);

    let four = shizuishan("employee", &[("city", "70000"); 4]);
    assert_eq!(
        formulas(&four, Basic)[4],
        "min(48510.00, 180000 − 145530.00) = 34470.00"
    );
    assert_eq!(paid(&four, Basic), "180000.00");
    assert_eq!(out_of_pocket(&four), "100000.00");

    let five = shizuishan("employee", &[("city", "70000"); 5]);
    assert_eq!(
        formulas(&five, Basic)[6],
        "min(48510.00, 180000 − 180000.00) = 0.00"
    );
    assert_eq!(paid(&five, Basic), "180000.00");
    assert_eq!(out_of_pocket(&five), "170000.00");
    assert!(cited(&five, "basic.employee.annual_cap"));
}

/// Urban resident, county stays of 80,000 against the cited 10万 cap (line 85).
/// Each stay: (80000 − 300) × 50% = 39850.00; two: 79700.00; a third gets
/// min(39850, 100000 − 79700) = 20300.00. Basic 100000.00; out of pocket
/// 240000 − 100000 = 140000.00.
#[test]
fn urban_resident_stays_add_up_to_the_10_wan_cap() {
    let e = shizuishan("urban_resident", &[("county", "80000"); 3]);
    assert_eq!(
        formulas(&e, Basic),
        [
            "(80000 − 300) × 50% = 39850.00",
            "(80000 − 300) × 50% = 39850.00",
            "(80000 − 300) × 50% = 39850.00",
            "min(39850.00, 100000 − 79700.00) = 20300.00",
        ]
    );
    assert_eq!(paid(&e, Basic), "100000.00");
    assert_eq!(out_of_pocket(&e), "140000.00");
    assert!(cited(&e, "basic.urban_resident.annual_cap"));
}

/// Urban resident, a year with one stay at each level: township 3,000, county
/// 8,000, city 20,000 (each deductible applies to each stay; the text names no
/// lower deductible for later stays): (3000 − 200) × 50% = 1400.00,
/// (8000 − 300) × 50% = 3850.00, (20000 − 500) × 50% = 9750.00. Basic 15000.00
/// of 31000: out of pocket 16000.00, effective ratio 48.39%.
#[test]
fn urban_resident_year_of_stays_at_every_level() {
    let e = shizuishan(
        "urban_resident",
        &[("township", "3000"), ("county", "8000"), ("city", "20000")],
    );
    assert_eq!(
        formulas(&e, Basic),
        [
            "(3000 − 200) × 50% = 1400.00",
            "(8000 − 300) × 50% = 3850.00",
            "(20000 − 500) × 50% = 9750.00",
        ]
    );
    assert_eq!(paid(&e, Basic), "15000.00");
    assert_eq!(out_of_pocket(&e), "16000.00");
    assert_eq!(e.effective_ratio.to_string(), "0.4839");
}

/// The co-op (新农合) is not encoded: the text gives only the observed 37.4%
/// (line 97), no rule. Asking for it is an error, not an estimate on guesses.
#[test]
fn ncms_is_not_encoded() {
    let request = request(&request_json("ncms", &[("township", "3000")])).expect("request reads");
    let error = yibao::engine::estimate(&request, yibao::baked::policies().expect("baked"))
        .expect_err("Shizuishan has no co-op rules to estimate with");
    assert_eq!(error.field(), "scheme");
    assert!(
        matches!(error.kind(), ErrorKind::NotInPolicy { value, .. } if value == "ncms"),
        "{error}"
    );
}
