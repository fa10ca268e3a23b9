//! Golden tests for policies/dengfeng.toml: Dengfeng (登封市, Henan) supplementary
//! assistance insurance for urban and rural residents, trial 2018-12-01 to
//! 2020-11-30 (source 001_bbfb7027e2571079.txt).
//!
//! What the text states: the insurance pays on the compliant self-pay left after
//! residents' basic insurance and critical-illness insurance, summed over the
//! insurance year (line 46), above a threshold of 2500 yuan, at most 200,000 a
//! year, several stays counting together (line 48); premium 100 yuan a year
//! (line 50); not for residents in the 困难群众大病补充医疗保险 (line 44), read as
//! the registered poor, destitute people and dibao recipients.
//!
//! Assumed (not in the text): the share paid above the threshold, 50%; basic
//! insurance (typical Henan figures: township 200 / 90%, county 500 / 80%,
//! city 1000 / 65%, annual cap 150,000); critical illness (threshold 15,000;
//! 60% to 50,000, 70% to 100,000, 80% above; cap 400,000).

mod common;

use common::{baked, formulas, out_of_pocket, paid};
use serde_json::{Value, json};
use yibao::ErrorKind;
use yibao::engine::LayerId::{Basic, CriticalIllness, MedicalAssistance, Supplementary};

/// Stays as (level, compliant cost).
fn stays(list: &[(&str, &str)]) -> Value {
    list.iter()
        .map(|(level, c)| json!({ "level": level, "compliant": c }))
        .collect()
}

/// Estimates against the baked policies, keeping a refusal as an error.
fn estimate(json: Value) -> Result<yibao::engine::Estimate, yibao::Error> {
    let request = common::request(&json).expect("request reads");
    yibao::engine::estimate(&request, yibao::baked::policies().expect("baked"))
}

/// A resident of Dengfeng in mid-2019, inside the trial period.
fn resident(category: &str, admissions: Value) -> Value {
    json!({
        "policy": "dengfeng",
        "scheme": "resident",
        "category": category,
        "date": "2019-06-01",
        "admissions": admissions,
    })
}

/// Ordinary resident, one county stay, around the 2500 threshold (line 48:
/// 自付的合规医疗费用2500元为起付线).
/// - 10,500: basic (10500 − 500) × 80% = 8000; the self-pay 2500 is well below
///   the critical-illness threshold (0) and exactly at the supplementary
///   threshold: max(0, 2500 − 2500) × 50% = 0. Out of pocket 2500.
/// - 10,510: basic (10510 − 500) × 80% = 8008; self-pay 2502, 2 above the
///   threshold: 2 × 50% = 1.00. Out of pocket 2501.
#[test]
fn supplementary_threshold_edge_at_2500() {
    let at = baked(resident("ordinary", stays(&[("county", "10500")])));
    assert_eq!(paid(&at, Basic), "8000.00");
    assert_eq!(paid(&at, CriticalIllness), "0.00");
    assert_eq!(paid(&at, Supplementary), "0.00");
    assert_eq!(
        formulas(&at, Supplementary),
        [
            "10500 − 8000.00 = 2500.00",
            "max(0, 2500.00 − 2500) × 50% = 0.00"
        ]
    );
    assert_eq!(out_of_pocket(&at), "2500.00");

    let above = baked(resident("ordinary", stays(&[("county", "10510")])));
    assert_eq!(paid(&above, Basic), "8008.00");
    assert_eq!(paid(&above, CriticalIllness), "0.00");
    assert_eq!(paid(&above, Supplementary), "1.00");
    assert_eq!(
        formulas(&above, Supplementary),
        [
            "10510 − 8008.00 = 2502.00",
            "max(0, 2502.00 − 2500) × 50% = 1.00"
        ]
    );
    assert_eq!(out_of_pocket(&above), "2501.00");
}

/// Out-of-policy cost is not part of the base (line 46 covers 合规费用 only):
/// the county stay of 10,510 with 5,000 out of policy still gets 1.00; out of
/// pocket 2501 + 5000 = 7501.
#[test]
fn out_of_policy_cost_is_not_covered() {
    let e = baked(resident(
        "ordinary",
        json!([{ "level": "county", "compliant": "10510", "out_of_policy": "5000" }]),
    ));
    assert_eq!(paid(&e, Supplementary), "1.00");
    // No layer of this document pays out-of-policy cost; there is no medical
    // assistance layer in it at all.
    assert!(e.layers.iter().all(|l| l.id != MedicalAssistance));
    assert_eq!(out_of_pocket(&e), "7501.00");
}

/// Ordinary resident, three township stays of 10,000 in one year. Each:
/// basic (10000 − 200) × 90% = 8820, self-pay 1180, below 2500 on its own.
/// Line 48: 单次住院自付的合规费用未超过起付线，但年度内多次住院且累计超过起付线的
/// … 也应及时支付. Year: 3 × 1180 = 3540 (below the critical-illness threshold
/// 15,000: 0); supplementary (3540 − 2500) × 50% = 520. Out of pocket 3020.
/// A single such stay alone gets nothing (1180 < 2500).
#[test]
fn stays_below_the_threshold_add_up_over_the_year() {
    let three = baked(resident(
        "ordinary",
        stays(&[
            ("township", "10000"),
            ("township", "10000"),
            ("township", "10000"),
        ]),
    ));
    assert_eq!(
        formulas(&three, Basic),
        [
            "(10000 − 200) × 90% = 8820.00",
            "(10000 − 200) × 90% = 8820.00",
            "(10000 − 200) × 90% = 8820.00"
        ]
    );
    assert_eq!(paid(&three, Basic), "26460.00");
    assert_eq!(paid(&three, CriticalIllness), "0.00");
    assert_eq!(paid(&three, Supplementary), "520.00");
    assert_eq!(
        formulas(&three, Supplementary),
        [
            "30000 − 26460.00 = 3540.00",
            "max(0, 3540.00 − 2500) × 50% = 520.00"
        ]
    );
    assert_eq!(out_of_pocket(&three), "3020.00");

    let one = baked(resident("ordinary", stays(&[("township", "10000")])));
    assert_eq!(paid(&one, Supplementary), "0.00");
    assert_eq!(out_of_pocket(&one), "1180.00");
}

/// The base is counted after critical illness too (line 46: 经城乡居民医保、
/// 大病保险补偿后). Ordinary, county stay of 100,000: basic (100000 − 500) × 80%
/// = 79600; critical illness on 20400: (20400 − 15000) × 60% = 3240;
/// supplementary on 100000 − 82840 = 17160: (17160 − 2500) × 50% = 7330.
/// Out of pocket 100000 − 79600 − 3240 − 7330 = 9830.
#[test]
fn base_is_the_self_pay_after_basic_and_critical_illness() {
    let e = baked(resident("ordinary", stays(&[("county", "100000")])));
    assert_eq!(paid(&e, Basic), "79600.00");
    assert_eq!(paid(&e, CriticalIllness), "3240.00");
    assert_eq!(paid(&e, Supplementary), "7330.00");
    assert_eq!(
        formulas(&e, Supplementary),
        [
            "100000 − 82840.00 = 17160.00",
            "max(0, 17160.00 − 2500) × 50% = 7330.00"
        ]
    );
    assert_eq!(out_of_pocket(&e), "9830.00");
}

/// The annual maximum of 200,000 (line 48: 年度最高赔付限额为20万元), ordinary
/// resident, one city stay. Basic: (C − 1000) × 65%, capped at 150,000 in all
/// three cases. Critical illness on C − 150000 (≥ 800,000): 35000 × 60% +
/// 50000 × 70% + the rest × 80%, above the 400,000 cap: 400,000.
/// - 950,000: self-pay 950000 − 550000 = 400000: (400000 − 2500) × 50% = 198750,
///   just below the maximum. Out of pocket 201250.
/// - 952,500: self-pay 402500: (402500 − 2500) × 50% = 200000, exactly the maximum.
/// - 1,000,000: self-pay 450000: (450000 − 2500) × 50% = 223750, paid 200000.
///   Out of pocket 1000000 − 150000 − 400000 − 200000 = 250000.
#[test]
fn annual_maximum_of_200000() {
    let below = baked(resident("ordinary", stays(&[("city", "950000")])));
    assert_eq!(paid(&below, Basic), "150000.00");
    assert_eq!(paid(&below, CriticalIllness), "400000.00");
    assert_eq!(paid(&below, Supplementary), "198750.00");
    assert_eq!(out_of_pocket(&below), "201250.00");

    let at = baked(resident("ordinary", stays(&[("city", "952500")])));
    assert_eq!(paid(&at, Supplementary), "200000.00");
    assert_eq!(
        formulas(&at, Supplementary),
        [
            "952500 − 550000.00 = 402500.00",
            "max(0, 402500.00 − 2500) × 50% = 200000.00"
        ]
    );

    let above = baked(resident("ordinary", stays(&[("city", "1000000")])));
    assert_eq!(paid(&above, Basic), "150000.00");
    assert_eq!(paid(&above, CriticalIllness), "400000.00");
    assert_eq!(paid(&above, Supplementary), "200000.00");
    assert_eq!(
        formulas(&above, Supplementary),
        [
            "1000000 − 550000.00 = 450000.00",
            "max(0, 450000.00 − 2500) × 50% = 223750.00",
            "min(223750.00, 200000) = 200000.00"
        ]
    );
    assert_eq!(out_of_pocket(&above), "250000.00");
}

/// The registered poor, destitute people and dibao recipients are in the
/// 困难群众大病补充医疗保险 and so outside this insurance (line 44: 不包括参加困难群众
/// 大病补充医疗保险的城乡居民); their own programmes are not in this document, so
/// the policy lists only ordinary residents and refuses to estimate for them
/// (an estimate of basic + critical illness alone would make them pay more
/// than ordinary people). County stay of 20,000 for an ordinary resident:
/// basic (20000 − 500) × 80% = 15600, self-pay 4400 (below the critical-illness
/// threshold); supplementary (4400 − 2500) × 50% = 950; out of pocket 3450.
#[test]
fn poor_groups_in_the_hardship_scheme_are_not_covered() {
    let ordinary = baked(resident("ordinary", stays(&[("county", "20000")])));
    assert_eq!(paid(&ordinary, Basic), "15600.00");
    assert_eq!(paid(&ordinary, CriticalIllness), "0.00");
    assert_eq!(paid(&ordinary, Supplementary), "950.00");
    assert_eq!(out_of_pocket(&ordinary), "3450.00");

    for category in ["registered_poor", "extreme_poor", "dibao"] {
        let error = estimate(resident(category, stays(&[("county", "20000")])))
            .err()
            .unwrap_or_else(|| panic!("{category} should not be estimated"));
        assert_eq!(error.field(), "category", "{category}");
        match error.kind() {
            ErrorKind::NotInPolicy { value, allowed } => {
                assert_eq!(value, category);
                assert_eq!(allowed, &["ordinary"]);
            }
            other => panic!("{category}: unexpected error {other:?}"),
        }
    }
}

/// The trial runs from 2018-12-01 to 2020-11-30, both days included (line 40:
/// 本方案试行时间为2018年12月1日至2020年11月30日). The first and last days
/// estimate (county 10,510: supplementary 1.00 as above); the day before and
/// the day after have no version in force.
#[test]
fn trial_period_is_the_only_version() {
    let on = |date: &str| {
        let mut request = resident("ordinary", stays(&[("county", "10510")]));
        request["date"] = json!(date);
        request
    };
    for date in ["2018-12-01", "2020-11-30"] {
        let e = baked(on(date));
        assert_eq!(e.version, "2018-12 至 2020-11 试行", "{date}");
        assert_eq!(paid(&e, Supplementary), "1.00", "{date}");
    }
    for date in ["2018-11-30", "2020-12-01"] {
        let error = estimate(on(date))
            .err()
            .unwrap_or_else(|| panic!("{date} should be outside the trial"));
        assert_eq!(error.field(), "date");
        assert!(matches!(error.kind(), ErrorKind::NoVersionOnDate { .. }));
    }
}

/// The premium, 100 yuan per person and year (line 50: 人均保费为100元/年), is
/// recorded in the supplementary table and the notes; it is descriptive and
/// not subtracted from any payment.
#[test]
fn premium_is_recorded_and_described() {
    let policy = yibao::baked::policies()
        .expect("baked")
        .iter()
        .find(|p| p.id == "dengfeng")
        .expect("dengfeng is baked");
    let version = &policy.versions[0];
    let supplementary = version
        .benefits
        .supplementary
        .as_ref()
        .expect("supplementary");
    let premium = supplementary.premium.as_ref().expect("premium");
    assert_eq!(premium.value.to_string(), "100");
    assert!(policy.notes_zh.as_deref().unwrap_or("").contains("100 元"));
    assert!(policy.name_zh.contains("100 元/年"));
}
