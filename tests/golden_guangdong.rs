//! Golden tests for policies/guangdong.toml: Guangdong (廣東省) critical-illness
//! tilts and medical assistance for residents, 2018 (source
//! 002_88a994fa3b6f944a.txt, traditional characters, garbled in places).
//!
//! What the text states (line 14): 大病保險降低了困難群眾的門檻,提高了報銷比例,
//! 不設年度上限 … 壹是貧困人口最低支付標準下降不低於80%,報銷比例達到80%以上。
//! 二是建檔立卡貧困人口和最低生活保障對象最低門檻下降不低於70%,報銷比例達到70%以上。
//! Read as: the first group is destitute people (特困供养人员, listed first at
//! lines 7 and 8); the threshold is at most 20% of the ordinary one and the rate
//! a flat 80% (the stated minimums); registered poor and dibao: 30% and 70%;
//! no annual cap for either group. Line 7: 特困供養人員、低保戶、建檔立卡貧困人員、
//! 因病致貧人員 all get medical assistance; line 9: 二次救助 brings out-of-policy
//! cost into it.
//!
//! Assumed (not in the text): basic insurance (township 200 / 85%, county 500 /
//! 75%, city 1000 / 60%, annual cap 200,000); ordinary critical illness
//! (threshold 15,000; 60% to 100,000, 70% above; cap 300,000); assistance
//! ratios and limits (destitute 100% / 100,000; dibao and registered poor 80% /
//! 80,000; impoverished by illness 70% / 50,000); 二次救助 50% of out-of-policy
//! cost within the same annual limit.

mod common;

use common::{baked, formulas, out_of_pocket, paid, text};
use serde_json::{Value, json};
use yibao::ErrorKind;
use yibao::engine::LayerId::{Basic, CriticalIllness, MedicalAssistance};

/// A Guangdong resident in mid-2018 with one city stay.
fn city_stay(category: &str, compliant: &str, out_of_policy: &str) -> Value {
    json!({
        "policy": "guangdong",
        "scheme": "resident",
        "category": category,
        "date": "2018-06-30",
        "admissions": [{ "level": "city", "compliant": compliant, "out_of_policy": out_of_policy }],
    })
}

/// Ordinary resident, city stay of 100,000 compliant + 10,000 out of policy.
/// Basic: (100000 − 1000) × 60% = 59400. Critical illness on 100000 − 59400 =
/// 40600, above the 15,000 threshold: (40600 − 15000) × 60% = 15360. No
/// medical assistance or 二次救助 for ordinary people. Out of pocket
/// 110000 − 59400 − 15360 = 35240 (25240 compliant + 10000 out of policy).
#[test]
fn ordinary_resident_segments_and_no_assistance() {
    let e = baked(city_stay("ordinary", "100000", "10000"));
    assert_eq!(e.version, "2018");
    assert_eq!(paid(&e, Basic), "59400.00");
    assert_eq!(paid(&e, CriticalIllness), "15360.00");
    assert_eq!(
        formulas(&e, CriticalIllness),
        [
            "100000 − 59400.00 = 40600.00",
            "15000",
            "(40600.00 − 15000) × 60% = 15360.00"
        ]
    );
    assert_eq!(paid(&e, MedicalAssistance), "0.00");
    assert_eq!(out_of_pocket(&e), "35240.00");
    assert_eq!(text(e.out_of_pocket.out_of_policy), "10000.00");
}

/// Destitute person (line 14 壹是: 最低支付標準下降不低於80%,報銷比例達到80%以上),
/// same stay. Critical illness: threshold 15000 × 20% = 3000, flat 80%:
/// (40600 − 3000) × 80% = 30080. Assistance: the compliant self-pay left,
/// 100000 − 89480 = 10520, × 100% = 10520; 二次救助 (line 9) on the
/// out-of-policy cost: 10000 × 50% = 5000, within the 100,000 limit.
/// Assistance 15520. Out of pocket 5000 (the half of the out-of-policy cost).
#[test]
fn extreme_poor_threshold_at_20_percent_flat_80_and_second_assistance() {
    let e = baked(city_stay("extreme_poor", "100000", "10000"));
    assert_eq!(paid(&e, Basic), "59400.00");
    assert_eq!(paid(&e, CriticalIllness), "30080.00");
    assert_eq!(
        formulas(&e, CriticalIllness),
        [
            "100000 − 59400.00 = 40600.00",
            "15000 × 20% = 3000.00",
            "(40600.00 − 3000) × 80% = 30080.00"
        ]
    );
    assert_eq!(paid(&e, MedicalAssistance), "15520.00");
    assert_eq!(
        formulas(&e, MedicalAssistance),
        [
            "100000 − 89480.00 = 10520.00",
            "10520.00 × 100% = 10520.00",
            "10000 × 50% = 5000.00"
        ]
    );
    assert_eq!(out_of_pocket(&e), "5000.00");
    assert_eq!(text(e.out_of_pocket.compliant), "0.00");
}

/// Registered poor and dibao recipients (line 14 二是: 最低門檻下降不低於70%,
/// 報銷比例達到70%以上), same stay; both get the same. Critical illness:
/// threshold 15000 × 30% = 4500, flat 70%: (40600 − 4500) × 70% = 25270.
/// Assistance: 100000 − 84670 = 15330 left, × 80% = 12264; 二次救助
/// 10000 × 50% = 5000; together 17264. Out of pocket 3066 compliant + 5000
/// out of policy = 8066.
#[test]
fn registered_poor_and_dibao_threshold_at_30_percent_flat_70() {
    for category in ["registered_poor", "dibao"] {
        let e = baked(city_stay(category, "100000", "10000"));
        assert_eq!(paid(&e, CriticalIllness), "25270.00", "{category}");
        assert_eq!(
            formulas(&e, CriticalIllness),
            [
                "100000 − 59400.00 = 40600.00",
                "15000 × 30% = 4500.00",
                "(40600.00 − 4500) × 70% = 25270.00"
            ],
            "{category}"
        );
        assert_eq!(paid(&e, MedicalAssistance), "17264.00", "{category}");
        assert_eq!(
            formulas(&e, MedicalAssistance),
            [
                "100000 − 84670.00 = 15330.00",
                "15330.00 × 80% = 12264.00",
                "10000 × 50% = 5000.00"
            ],
            "{category}"
        );
        assert_eq!(out_of_pocket(&e), "8066.00", "{category}");
        assert_eq!(text(e.out_of_pocket.compliant), "3066.00", "{category}");
    }
}

/// Impoverished by illness (因病致貧人員, line 7): medical assistance, but no
/// critical-illness tilt (line 14 does not name them). Same stay: critical
/// illness as for ordinary people, 15360. Assistance: 100000 − 74760 = 25240
/// left, × 70% = 17668; 二次救助 10000 × 50% = 5000; together 22668.
/// Out of pocket 7572 + 5000 = 12572.
#[test]
fn illness_poor_assistance_without_a_critical_illness_tilt() {
    let e = baked(city_stay("illness_poor", "100000", "10000"));
    assert_eq!(paid(&e, CriticalIllness), "15360.00");
    assert_eq!(
        formulas(&e, CriticalIllness),
        [
            "100000 − 59400.00 = 40600.00",
            "15000",
            "(40600.00 − 15000) × 60% = 15360.00"
        ]
    );
    assert_eq!(paid(&e, MedicalAssistance), "22668.00");
    assert_eq!(
        formulas(&e, MedicalAssistance),
        [
            "100000 − 74760.00 = 25240.00",
            "25240.00 × 70% = 17668.00",
            "10000 × 50% = 5000.00"
        ]
    );
    assert_eq!(out_of_pocket(&e), "12572.00");
}

/// The lowered threshold at its edge, county stay (basic (C − 500) × 75%).
/// - 10,500: basic 7500, self-pay 3000: exactly the destitute threshold
///   15000 × 20% = 3000: critical illness 0.
/// - 12,500: basic 9000, self-pay 3500: destitute (3500 − 3000) × 80% = 400;
///   registered poor still below their 4500: 0; ordinary far below 15000: 0.
#[test]
fn lowered_threshold_edge() {
    let county = |category: &str, compliant: &str| {
        baked(json!({
            "policy": "guangdong",
            "scheme": "resident",
            "category": category,
            "date": "2018-06-30",
            "admissions": [{ "level": "county", "compliant": compliant }],
        }))
    };
    let at = county("extreme_poor", "10500");
    assert_eq!(paid(&at, Basic), "7500.00");
    assert_eq!(paid(&at, CriticalIllness), "0.00");

    let above = county("extreme_poor", "12500");
    assert_eq!(paid(&above, Basic), "9000.00");
    assert_eq!(paid(&above, CriticalIllness), "400.00");
    assert_eq!(
        formulas(&above, CriticalIllness)[2],
        "(3500.00 − 3000) × 80% = 400.00"
    );
    assert_eq!(
        paid(&county("registered_poor", "12500"), CriticalIllness),
        "0.00"
    );
    let ordinary = county("ordinary", "12500");
    assert_eq!(paid(&ordinary, CriticalIllness), "0.00");
    assert_eq!(
        formulas(&ordinary, CriticalIllness),
        [
            "12500 − 9000.00 = 3500.00",
            "15000",
            "3500.00 ≤ 15000 → 0.00"
        ]
    );
}

/// The critical-illness cap: city stay of 800,000. Basic: (800000 − 1000) × 60%
/// = 479400, capped at 200000. Base 600000.
/// - Ordinary: (100000 − 15000) × 60% + (600000 − 100000) × 70% = 51000 +
///   350000 = 401000, capped at 300000. Out of pocket 300000.
/// - Destitute (不設年度上限): (600000 − 3000) × 80% = 477600, no cap.
/// - Registered poor (不設年度上限): (600000 − 4500) × 70% = 416850, above the
///   ordinary cap and still paid in full.
#[test]
fn ordinary_cap_and_no_cap_for_the_tilt_groups() {
    let ordinary = baked(city_stay("ordinary", "800000", "0"));
    assert_eq!(paid(&ordinary, Basic), "200000.00");
    assert_eq!(paid(&ordinary, CriticalIllness), "300000.00");
    assert_eq!(
        formulas(&ordinary, CriticalIllness),
        [
            "800000 − 200000.00 = 600000.00",
            "15000",
            "(100000.00 − 15000) × 60% = 51000.00",
            "(600000.00 − 100000) × 70% = 350000.00",
            "min(401000.00, 300000) = 300000.00"
        ]
    );
    assert_eq!(out_of_pocket(&ordinary), "300000.00");

    let destitute = baked(city_stay("extreme_poor", "800000", "0"));
    assert_eq!(paid(&destitute, CriticalIllness), "477600.00");
    let registered = baked(city_stay("registered_poor", "800000", "0"));
    assert_eq!(paid(&registered, CriticalIllness), "416850.00");
    assert_eq!(
        formulas(&registered, CriticalIllness),
        [
            "800000 − 200000.00 = 600000.00",
            "15000 × 30% = 4500.00",
            "(600000.00 − 4500) × 70% = 416850.00"
        ]
    );
}

/// Assistance limits, shared with 二次救助.
/// - Destitute, 800,000 + 10,000 out of policy: left 800000 − 677600 = 122400,
///   × 100% above the 100,000 limit: 100000; nothing left for 二次救助.
///   Out of pocket 22400 + 10000 = 32400.
/// - Registered poor, 800,000: left 183150 × 80% = 146520, limit 80000.
/// - Impoverished by illness, 800,000: critical illness capped at 300000 (no
///   tilt); left 300000 × 70% = 210000, limit 50000.
/// - Dibao, 300,000 + 100,000 out of policy: basic (300000 − 1000) × 60% =
///   179400; critical illness (120600 − 4500) × 70% = 81270; left 39330 × 80% =
///   31464; 二次救助 wants 100000 × 50% = 50000 but only 80000 − 31464 = 48536
///   of the limit is left. Assistance 80000; out of pocket 7866 + 51464 = 59330.
#[test]
fn assistance_annual_limit_shared_with_second_assistance() {
    let destitute = baked(city_stay("extreme_poor", "800000", "10000"));
    assert_eq!(paid(&destitute, MedicalAssistance), "100000.00");
    assert_eq!(
        formulas(&destitute, MedicalAssistance),
        [
            "800000 − 677600.00 = 122400.00",
            "122400.00 × 100% = 122400.00",
            "min(122400.00, 100000) = 100000.00",
            "min(10000 × 50%, 0.00) = 0.00"
        ]
    );
    assert_eq!(out_of_pocket(&destitute), "32400.00");

    let registered = baked(city_stay("registered_poor", "800000", "0"));
    assert_eq!(paid(&registered, MedicalAssistance), "80000.00");
    let illness = baked(city_stay("illness_poor", "800000", "0"));
    assert_eq!(paid(&illness, CriticalIllness), "300000.00");
    assert_eq!(paid(&illness, MedicalAssistance), "50000.00");

    let dibao = baked(city_stay("dibao", "300000", "100000"));
    assert_eq!(paid(&dibao, Basic), "179400.00");
    assert_eq!(paid(&dibao, CriticalIllness), "81270.00");
    assert_eq!(paid(&dibao, MedicalAssistance), "80000.00");
    assert_eq!(
        formulas(&dibao, MedicalAssistance),
        [
            "300000 − 260670.00 = 39330.00",
            "39330.00 × 80% = 31464.00",
            "min(100000 × 50%, 48536.00) = 48536.00"
        ]
    );
    assert_eq!(out_of_pocket(&dibao), "59330.00");
    assert_eq!(text(dibao.out_of_pocket.compliant), "7866.00");
}

/// One version, taken as 2018 (the reply reports up to 2017 and asks for
/// 二次救助 rules by June 2018; no dates of force are given): 2018-01-01 and
/// 2018-12-31 estimate, 2017-12-31 and 2019-01-01 have no version.
#[test]
fn single_version_2018() {
    for date in ["2018-01-01", "2018-12-31"] {
        let mut request = city_stay("ordinary", "100000", "0");
        request["date"] = json!(date);
        assert_eq!(baked(request).version, "2018", "{date}");
    }
    for date in ["2017-12-31", "2019-01-01"] {
        let mut request = city_stay("ordinary", "100000", "0");
        request["date"] = json!(date);
        let request = common::request(&request).expect("request reads");
        let error = yibao::engine::estimate(&request, yibao::baked::policies().expect("baked"))
            .err()
            .unwrap_or_else(|| panic!("{date} should have no version"));
        assert_eq!(error.field(), "date");
        assert!(matches!(error.kind(), ErrorKind::NoVersionOnDate { .. }));
    }
}
