//! Inner Mongolia 2020 (policies/inner_mongolia.toml), worked by hand.
//!
//! From the source (004_44d2b2ecadff79be.txt): residents' basic insurance 75%
//! and employees' 85% (line 22); critical illness from 14,000 at 60% (line 22),
//! for the registered poor from 50% of it at +5 points with no cap (line 30);
//! assistance 70% for 特困 / 低保 / 建档立卡 (line 26). Assumed (not in the
//! source): deductibles 200 / 500 / 800 by level, residents' cap 150,000,
//! critical-illness cap 300,000, assistance limits 50,000 (and 50% / 30,000 for
//! low-income and illness-poor), commercial insurance 50% up to 50,000 after the
//! first three layers, backstop 10% of the year's compliant cost.

mod common;

use common::{baked, formulas, out_of_pocket, paid};
use serde_json::{Value, json};
use yibao::engine::LayerId::{Backstop, Basic, CriticalIllness, MedicalAssistance, Supplementary};

fn request(scheme: &str, category: &str, stays: &[(&str, &str, &str)]) -> Value {
    let admissions: Vec<Value> = stays
        .iter()
        .map(|(level, c, o)| json!({ "level": level, "compliant": c, "out_of_policy": o }))
        .collect();
    json!({ "policy": "inner_mongolia", "date": "2020-06-30", "scheme": scheme, "category": category,
            "admissions": admissions })
}

/// An ordinary resident, one banner/county stay: 20,000 compliant + 1,000 not.
/// Basic: (20000 − 500) × 75% = 14625. The 5375 left is below the 14,000
/// critical-illness threshold. No other layer is for ordinary residents.
#[test]
fn ordinary_resident_county_stay() {
    let e = baked(request(
        "resident",
        "ordinary",
        &[("county", "20000", "1000")],
    ));
    assert_eq!(formulas(&e, Basic), ["(20000 − 500) × 75% = 14625.00"]);
    assert_eq!(paid(&e, CriticalIllness), "0.00");
    assert_eq!(out_of_pocket(&e), "6375.00");
}

/// The 14,000 threshold exactly: a county stay leaves 0.25 × c + 375 after
/// basic, so c = 54,500 leaves 14,000.00 (nothing paid) and c = 54,500.04
/// leaves 14,000.01: (14000.01 − 14000) × 60% = 0.006, rounded to 0.01.
#[test]
fn critical_illness_threshold_edge() {
    let at = baked(request("resident", "ordinary", &[("county", "54500", "0")]));
    assert_eq!(paid(&at, Basic), "40500.00");
    assert_eq!(paid(&at, CriticalIllness), "0.00");
    let above = baked(request(
        "resident",
        "ordinary",
        &[("county", "54500.04", "0")],
    ));
    assert_eq!(paid(&above, Basic), "40500.03");
    assert_eq!(paid(&above, CriticalIllness), "0.01");
}

/// Two league/city stays of 150,000: (150000 − 800) × 75% = 111900 on each,
/// but the residents' fund pays at most 150,000 a year: 111900 + 38100.
/// Critical illness on 300000 − 150000: (150000 − 14000) × 60% = 81600.
#[test]
fn residents_annual_cap_across_two_stays() {
    let e = baked(request(
        "resident",
        "ordinary",
        &[("city", "150000", "0"), ("city", "150000", "0")],
    ));
    assert_eq!(paid(&e, Basic), "150000.00");
    assert_eq!(
        formulas(&e, Basic)[2],
        "min(111900.00, 150000 − 111900.00) = 38100.00"
    );
    assert_eq!(paid(&e, CriticalIllness), "81600.00");
    assert_eq!(out_of_pocket(&e), "68400.00");
}

/// One city stay of 1,000,000. Ordinary: basic capped at 150,000; critical
/// illness (850000 − 14000) × 60% = 501600, capped at 300,000.
/// Registered poor: threshold 7,000, rate 65%, no cap: (850000 − 7000) × 65%
/// = 547950; assistance 70% of 302,050 is above its 50,000 limit; commercial
/// insurance 50% of 252,050 above its 50,000 maximum; the backstop keeps the
/// self-pay at 10% of 1,000,000: 202050 − 100000 = 102050.
#[test]
fn caps_for_ordinary_and_none_for_the_registered_poor() {
    let ordinary = baked(request("resident", "ordinary", &[("city", "1000000", "0")]));
    assert_eq!(paid(&ordinary, Basic), "150000.00");
    assert_eq!(paid(&ordinary, CriticalIllness), "300000.00");
    assert_eq!(out_of_pocket(&ordinary), "550000.00");

    let poor = baked(request(
        "resident",
        "registered_poor",
        &[("city", "1000000", "0")],
    ));
    assert_eq!(paid(&poor, CriticalIllness), "547950.00");
    assert_eq!(paid(&poor, MedicalAssistance), "50000.00");
    assert_eq!(paid(&poor, Supplementary), "50000.00");
    assert_eq!(paid(&poor, Backstop), "102050.00");
    assert_eq!(out_of_pocket(&poor), "100000.00");
}

/// The backstop's limit is not rounded before it is used (one rounding rule:
/// only payments are rounded). Registered poor, one city stay of 600,000.05:
/// basic (600000.05 − 800) × 75% is above the 150,000 cap: 150,000; critical
/// illness (450000.05 − 7000) × 65% = 287950.0325 → 287,950.03; assistance
/// and commercial insurance each reach their 50,000; 62,050.02 is left. The
/// self-pay may be at most 10% of 600,000.05 = 60,000.005, so the backstop
/// pays 62050.02 − 60000.005 = 2050.015 → 2,050.02 and the household 60,000.00
/// (rounding the limit to 60,000.01 first paid 2,050.01 and left 60,000.01,
/// more than 10%).
#[test]
fn backstop_limit_is_exact_until_the_payment_is_rounded() {
    let e = baked(request(
        "resident",
        "registered_poor",
        &[("city", "600000.05", "0")],
    ));
    assert_eq!(paid(&e, Basic), "150000.00");
    assert_eq!(paid(&e, CriticalIllness), "287950.03");
    assert_eq!(paid(&e, MedicalAssistance), "50000.00");
    assert_eq!(paid(&e, Supplementary), "50000.00");
    assert_eq!(paid(&e, Backstop), "2050.02");
    assert_eq!(out_of_pocket(&e), "60000.00");
    assert_eq!(
        formulas(&e, Backstop),
        [
            "600000.05 × 10% = 60000.005",
            "max(0, 62050.02 − 60000.005) = 2050.02"
        ]
    );
}

/// The same county stay, 50,000 + 8,000 out of policy, for every category.
/// Basic (50000 − 500) × 75% = 37125 for all; 12,875 left.
/// - ordinary: below 14,000, nothing more: 58000 − 37125 = 20875.
/// - registered poor: critical illness (12875 − 7000) × 65% = 3818.75;
///   assistance 9056.25 × 70% = 6339.375 → 6339.38; commercial insurance
///   2716.87 × 50% = 1358.435 → 1358.44; the 1358.43 left is under the 10%
///   backstop line (5,000): 8000 + 1358.43 = 9358.43.
/// - destitute, dibao: assistance 12875 × 70% = 9012.50: 58000 − 46137.50.
/// - low-income, illness-poor: assistance 12875 × 50% = 6437.50: 58000 − 43562.50.
#[test]
fn every_category_on_the_same_bill() {
    let pays = |category: &str| {
        out_of_pocket(&baked(request(
            "resident",
            category,
            &[("county", "50000", "8000")],
        )))
    };
    assert_eq!(pays("ordinary"), "20875.00");
    assert_eq!(pays("registered_poor"), "9358.43");
    assert_eq!(pays("extreme_poor"), "11862.50");
    assert_eq!(pays("dibao"), "11862.50");
    assert_eq!(pays("low_income"), "14437.50");
    assert_eq!(pays("illness_poor"), "14437.50");
}

/// Registered poor, two county stays of 20,000 in the year. Each leaves 5,375
/// after basic, below the lowered 7,000 threshold, but critical illness counts
/// the year: (40000 − 29250 − 7000) × 65% = 2437.50. Assistance (10750 −
/// 2437.50) × 70% = 5818.75; commercial insurance 2493.75 × 50% = 1246.875 →
/// 1246.88 (half away from zero); 1246.87 is left to pay.
#[test]
fn stays_add_up_over_the_year() {
    let e = baked(request(
        "resident",
        "registered_poor",
        &[("county", "20000", "0"), ("county", "20000", "0")],
    ));
    assert_eq!(paid(&e, Basic), "29250.00");
    assert_eq!(paid(&e, CriticalIllness), "2437.50");
    assert_eq!(paid(&e, MedicalAssistance), "5818.75");
    assert_eq!(paid(&e, Supplementary), "1246.88");
    assert_eq!(out_of_pocket(&e), "1246.87");
}

/// An employee: (50000 − 500) × 85% = 42075; critical illness covers residents only.
#[test]
fn employees_get_85_percent_and_no_critical_illness() {
    let e = baked(request("employee", "ordinary", &[("county", "50000", "0")]));
    assert_eq!(formulas(&e, Basic), ["(50000 − 500) × 85% = 42075.00"]);
    assert_eq!(paid(&e, CriticalIllness), "0.00");
    assert_eq!(out_of_pocket(&e), "7925.00");
}

/// The policy is the 2020 one: a date in 2019 has no version.
#[test]
fn only_2020_is_encoded() {
    let mut r = request("resident", "ordinary", &[("county", "20000", "0")]);
    r["date"] = json!("2019-06-30");
    let error = common::request(&r)
        .and_then(|req| yibao::engine::estimate(&req, yibao::baked::policies()?));
    assert_eq!(error.map(|_| ()).unwrap_err().field(), "date");
}
