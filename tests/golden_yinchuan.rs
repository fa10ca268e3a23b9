//! Golden cases for Yinchuan (银川市), 2010: policies/yinchuan.toml, from
//! 003_fb6859ac0733cdd7.txt lines 1–70. The rates are the report's in-policy
//! ratios (line 47): employees 60%, urban residents 53%, co-op (新农合)
//! county 50% and township 60% (“60%以上”, its stated minimum). Deductibles,
//! caps, the co-op level-3 rate and the large-amount top-up are assumed
//! (figures of Haiyuan, Jingyuan and Shizuishan in the same report), so every
//! case below also checks that they are reported as assumptions.

mod common;

use common::{baked, formulas, out_of_pocket, paid};
use serde_json::{Value, json};
use yibao::engine::Estimate;
use yibao::engine::LayerId::Basic;
use yibao::engine::trace::FigureOrigin;

/// A Yinchuan request for an ordinary member of `scheme`, stays as (level, compliant).
fn yinchuan(scheme: &str, stays: &[(&str, &str)]) -> Estimate {
    let admissions: Value = stays
        .iter()
        .map(|(level, compliant)| json!({ "level": level, "compliant": compliant }))
        .collect();
    baked(json!({
        "policy": "yinchuan",
        "date": "2010-07-11",
        "scheme": scheme,
        "category": "ordinary",
        "admissions": admissions,
    }))
}

fn assumed(e: &Estimate, parameter: &str) -> bool {
    e.assumptions.iter().any(|a| &*a.parameter == parameter)
}

fn cited(e: &Estimate, parameter: &str, source: &str) -> bool {
    e.figures.iter().any(|f| {
        &*f.parameter == parameter
            && f.origin == FigureOrigin::Cited
            && f.source.as_deref() == Some(source)
    })
}

/// Employee (城镇职工), one stay of 10,000 compliant at each level, in 2010.
/// Rate 60% at every level (line 47: “城镇职工基本医疗保险政策范围内的住院
/// 报销比例提高到了60%”); deductibles by level assumed 200/300/700 (Haiyuan,
/// line 241):
/// township (10000 − 200) × 60% = 5880.00; county (10000 − 300) × 60% = 5820.00;
/// city (10000 − 700) × 60% = 5580.00. Basic insurance is the only layer.
#[test]
fn employee_one_stay_at_each_level() {
    let township = yinchuan("employee", &[("township", "10000")]);
    assert_eq!(
        formulas(&township, Basic),
        ["(10000 − 200) × 60% = 5880.00"]
    );
    assert_eq!(out_of_pocket(&township), "4120.00");
    assert_eq!(township.effective_ratio.to_string(), "0.5880");
    assert_eq!(township.version, "2010");
    assert_eq!(township.layers.len(), 1);

    let county = yinchuan("employee", &[("county", "10000")]);
    assert_eq!(formulas(&county, Basic), ["(10000 − 300) × 60% = 5820.00"]);
    assert_eq!(out_of_pocket(&county), "4180.00");

    let city = yinchuan("employee", &[("city", "10000")]);
    assert_eq!(formulas(&city, Basic), ["(10000 − 700) × 60% = 5580.00"]);
    assert_eq!(out_of_pocket(&city), "4420.00");

    assert!(cited(
        &city,
        "basic.employee.rate.city",
        "003_fb6859ac0733cdd7.txt:47"
    ));
    assert!(assumed(&city, "basic.employee.deductible.city"));
}

/// Employee deductible edges at a city (level-3) hospital, assumed 700:
/// a stay of exactly 700 gets nothing (700 ≤ 700 → 0.00); 701 gets
/// (701 − 700) × 60% = 0.60; at a township centre (deductible 200) a stay of
/// 199 gets nothing.
#[test]
fn employee_deductible_edges() {
    let at = yinchuan("employee", &[("city", "700")]);
    assert_eq!(formulas(&at, Basic), ["700 ≤ 700 → 0.00"]);
    assert_eq!(paid(&at, Basic), "0.00");
    assert_eq!(out_of_pocket(&at), "700.00");

    let above = yinchuan("employee", &[("city", "701")]);
    assert_eq!(formulas(&above, Basic), ["(701 − 700) × 60% = 0.60"]);
    assert_eq!(paid(&above, Basic), "0.60");

    let below = yinchuan("employee", &[("township", "199")]);
    assert_eq!(formulas(&below, Basic), ["199 ≤ 200 → 0.00"]);
    assert_eq!(paid(&below, Basic), "0.00");
}

/// Employee, two city stays of 60,000 in 2010. The fund's annual cap is
/// assumed 6万 (Haiyuan line 241) and the large-amount subsidy (大额, named on
/// line 47, figures not given) is assumed to pay 80% above it, up to 10万.
/// Stay 1: (60000 − 700) × 60% = 35580.00. Stay 2: (60000 − 700) × 60%
/// = 35580.00, but only 60000 − 35580 = 24420.00 of the cap is left; that covers
/// 24420 / 60% = 40700 of the stay's 59300 eligible cost, the other 18600 is
/// above the cap: 18600 × 80% = 14880.00 from the top-up.
/// Basic (fund + top-up): 35580 + 24420 + 14880 = 74880.00; out of pocket
/// 120000 − 74880 = 45120.00.
#[test]
fn employee_two_stays_reach_the_fund_cap_and_the_top_up_pays_above_it() {
    let e = yinchuan("employee", &[("city", "60000"), ("city", "60000")]);
    assert_eq!(
        formulas(&e, Basic),
        [
            "(60000 − 700) × 60% = 35580.00",
            "(60000 − 700) × 60% = 35580.00",
            "min(35580.00, 60000 − 35580.00) = 24420.00",
            "min(18600.00 × 80%, 100000.00) = 14880.00",
        ]
    );
    assert_eq!(paid(&e, Basic), "74880.00");
    assert_eq!(out_of_pocket(&e), "45120.00");
    assert!(assumed(&e, "basic.employee.annual_cap"));
    assert!(assumed(&e, "basic.employee.top_up.rate"));
    assert!(assumed(&e, "basic.employee.top_up.cap"));
}

/// Employee, one city stay of 300,000: (300000 − 700) × 60% = 179580.00, capped
/// at the fund's 60000; the remaining 299300 − 60000 / 60% = 199300 × 80%
/// = 159440 exceeds the top-up's assumed annual limit of 100000. Basic:
/// 60000 + 100000 = 160000.00; out of pocket 140000.00. Just below the fund cap:
/// a township stay of 100,000 gets (100000 − 200) × 60% = 59880.00, no top-up.
#[test]
fn employee_top_up_limit_and_just_below_the_fund_cap() {
    let e = yinchuan("employee", &[("city", "300000")]);
    assert_eq!(
        formulas(&e, Basic),
        [
            "(300000 − 700) × 60% = 179580.00",
            "min(179580.00, 60000 − 0.00) = 60000.00",
            "min(199300.00 × 80%, 100000.00) = 100000.00",
        ]
    );
    assert_eq!(paid(&e, Basic), "160000.00");
    assert_eq!(out_of_pocket(&e), "140000.00");

    let below = yinchuan("employee", &[("township", "100000")]);
    assert_eq!(formulas(&below, Basic), ["(100000 − 200) × 60% = 59880.00"]);
    assert_eq!(paid(&below, Basic), "59880.00");
}

/// Urban resident (城镇居民), one stay of 5,000 at each level. Rate 53% at every
/// level (line 47: “城镇居民基本医疗保险政策范围内的住院报销比例提高到了53%”);
/// deductibles assumed 200/300/500 (Haiyuan line 241):
/// township (5000 − 200) × 53% = 2544.00; county (5000 − 300) × 53% = 2491.00;
/// city (5000 − 500) × 53% = 2385.00.
#[test]
fn urban_resident_one_stay_at_each_level() {
    let township = yinchuan("urban_resident", &[("township", "5000")]);
    assert_eq!(formulas(&township, Basic), ["(5000 − 200) × 53% = 2544.00"]);
    assert_eq!(out_of_pocket(&township), "2456.00");

    let county = yinchuan("urban_resident", &[("county", "5000")]);
    assert_eq!(formulas(&county, Basic), ["(5000 − 300) × 53% = 2491.00"]);

    let city = yinchuan("urban_resident", &[("city", "5000")]);
    assert_eq!(formulas(&city, Basic), ["(5000 − 500) × 53% = 2385.00"]);
    assert_eq!(city.effective_ratio.to_string(), "0.4770");
    assert!(cited(
        &city,
        "basic.urban_resident.rate.city",
        "003_fb6859ac0733cdd7.txt:47"
    ));
    assert!(assumed(&city, "basic.urban_resident.deductible.city"));
}

/// Urban resident, three city stays of 80,000 in one year; the annual cap is
/// assumed 10万 (Shizuishan's figure, line 85) and there is no top-up for
/// residents. Each stay: (80000 − 500) × 53% = 42135.00; after two, 84270.00;
/// the third gets min(42135, 100000 − 84270) = 15730.00. Basic: 100000.00;
/// out of pocket 240000 − 100000 = 140000.00.
#[test]
fn urban_resident_stays_add_up_to_the_annual_cap() {
    let e = yinchuan(
        "urban_resident",
        &[("city", "80000"), ("city", "80000"), ("city", "80000")],
    );
    assert_eq!(
        formulas(&e, Basic),
        [
            "(80000 − 500) × 53% = 42135.00",
            "(80000 − 500) × 53% = 42135.00",
            "(80000 − 500) × 53% = 42135.00",
            "min(42135.00, 100000 − 84270.00) = 15730.00",
        ]
    );
    assert_eq!(paid(&e, Basic), "100000.00");
    assert_eq!(out_of_pocket(&e), "140000.00");
    assert!(assumed(&e, "basic.urban_resident.annual_cap"));
}

/// Co-op (新农合), one stay of 3,000 at each level. Line 47: “新农合政策范围内
/// 县、乡医疗机构住院报销比例分别提高到了50%和60%以上”: township 60% (the stated
/// minimum), county 50%; level 3 assumed 40% (Jingyuan's regional rate, line
/// 191); deductibles assumed 60/160/600 (Haiyuan line 241):
/// township (3000 − 60) × 60% = 1764.00; county (3000 − 160) × 50% = 1420.00;
/// city (3000 − 600) × 40% = 960.00.
#[test]
fn ncms_one_stay_at_each_level() {
    let township = yinchuan("ncms", &[("township", "3000")]);
    assert_eq!(formulas(&township, Basic), ["(3000 − 60) × 60% = 1764.00"]);
    assert_eq!(out_of_pocket(&township), "1236.00");
    assert!(cited(
        &township,
        "basic.ncms.rate.township",
        "003_fb6859ac0733cdd7.txt:47"
    ));

    let county = yinchuan("ncms", &[("county", "3000")]);
    assert_eq!(formulas(&county, Basic), ["(3000 − 160) × 50% = 1420.00"]);
    assert!(cited(
        &county,
        "basic.ncms.rate.county",
        "003_fb6859ac0733cdd7.txt:47"
    ));

    let city = yinchuan("ncms", &[("city", "3000")]);
    assert_eq!(formulas(&city, Basic), ["(3000 − 600) × 40% = 960.00"]);
    assert!(assumed(&city, "basic.ncms.rate.city"));
}

/// Co-op deductible edges and the assumed annual cap of 2.5万 (Jingyuan and
/// Haiyuan, lines 191, 241). A county stay of 160 gets nothing; 161 gets
/// (161 − 160) × 50% = 0.50. Over a year: a county stay of 40,000,
/// (40000 − 160) × 50% = 19920.00, then a township stay of 10,000,
/// (10000 − 60) × 60% = 5964.00, of which only 25000 − 19920 = 5080.00 is left.
/// Basic 25000.00; out of pocket 50000 − 25000 = 25000.00.
#[test]
fn ncms_deductible_edges_and_annual_cap() {
    let at = yinchuan("ncms", &[("county", "160")]);
    assert_eq!(formulas(&at, Basic), ["160 ≤ 160 → 0.00"]);
    let above = yinchuan("ncms", &[("county", "161")]);
    assert_eq!(paid(&above, Basic), "0.50");

    let e = yinchuan("ncms", &[("county", "40000"), ("township", "10000")]);
    assert_eq!(
        formulas(&e, Basic),
        [
            "(40000 − 160) × 50% = 19920.00",
            "(10000 − 60) × 60% = 5964.00",
            "min(5964.00, 25000 − 19920.00) = 5080.00",
        ]
    );
    assert_eq!(paid(&e, Basic), "25000.00");
    assert_eq!(out_of_pocket(&e), "25000.00");
    assert!(assumed(&e, "basic.ncms.annual_cap"));
}
