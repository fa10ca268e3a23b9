//! Fuxin 2019 and 2020 (policies/fuxin.toml), worked by hand.
//!
//! From the source (000_b1dddb3db34f700f.txt): the rural poor are the
//! registered poor, the destitute and dibao recipients (line 61). Critical
//! illness for them: in 2019 each segment's rate +10 points (line 75); by
//! 2020 the threshold at 50% of the ordinary one, one rate of 70%, no cap
//! (lines 49, 75). Medical assistance within the annual limit: 65% in 2019,
//! 70% in 2020 (line 77). The poverty office's supplementary insurance pays
//! again on what is left after the first three layers (line 79).
//!
//! Assumed (not in the source), the same in both years: residents' basic
//! deductibles 200 / 400 / 800 / 1,200 and rates 85% / 75% / 60% / 50% by
//! level 1 / 2 / 3 / outside the city, fund cap 150,000; critical-illness
//! threshold 15,000, segments 50% up to 50,000, 55% up to 100,000, 60% above,
//! cap 300,000; no threshold lowering in 2019 (factor 100%); assistance limit
//! 30,000; supplementary for the registered poor only, 50% above 1,000 a year,
//! at most 20,000.

mod common;

use common::{baked, formulas, out_of_pocket, paid, text};
use serde_json::{Value, json};
use yibao::engine::LayerId::{Backstop, Basic, CriticalIllness, MedicalAssistance, Supplementary};

fn request(date: &str, category: &str, stays: &[(&str, &str, &str)]) -> Value {
    let admissions: Vec<Value> = stays
        .iter()
        .map(|(level, c, o)| json!({ "level": level, "compliant": c, "out_of_policy": o }))
        .collect();
    json!({ "policy": "fuxin", "date": date, "scheme": "resident", "category": category,
            "admissions": admissions })
}

const MID_2019: &str = "2019-06-30";
const MID_2020: &str = "2020-06-30";

/// A dibao household, one township stay of 5,000, on the last day of 2019 and
/// the first day of 2020 (and mid-year). Basic: (5000 − 200) × 85% = 4080.
/// The 920 left is below the critical-illness threshold in both years (15,000
/// in 2019; 7,500 in 2020). Assistance, line 77 "确保2019年提高到65%
/// 2020年达到70%": 920 × 65% = 598.00 in 2019, 920 × 70% = 644.00 in 2020.
/// Out of pocket 322.00, then 276.00.
#[test]
fn assistance_switches_from_65_to_70_percent_on_new_year() {
    for (date, version, assistance, own) in [
        (MID_2019, "2019", "598.00", "322.00"),
        ("2019-12-31", "2019", "598.00", "322.00"),
        ("2020-01-01", "2020", "644.00", "276.00"),
        (MID_2020, "2020", "644.00", "276.00"),
    ] {
        let e = baked(request(date, "dibao", &[("township", "5000", "0")]));
        assert_eq!(e.version, version, "{date}");
        assert_eq!(formulas(&e, Basic), ["(5000 − 200) × 85% = 4080.00"]);
        assert_eq!(paid(&e, CriticalIllness), "0.00", "{date}");
        assert_eq!(paid(&e, MedicalAssistance), assistance, "{date}");
        assert_eq!(paid(&e, Supplementary), "0.00", "{date}");
        assert_eq!(out_of_pocket(&e), own, "{date}");
    }
}

/// The same registered-poor household, one city stay of 60,000, in mid-2019
/// and mid-2020. Basic both years: (60000 − 800) × 60% = 35520; critical-illness
/// base 60000 − 35520 = 24480.
/// 2019: threshold not lowered (15,000), first segment 50% + 10 points (line 75
/// "各段报销比例分别提高10%"): (24480 − 15000) × 60% = 5688. Assistance 65%:
/// (24480 − 5688) × 65% = 18792 × 65% = 12214.80. Supplementary on the 6577.20
/// left: (6577.20 − 1000) × 50% = 2788.60. Out of pocket 3788.60.
/// 2020: threshold 15000 × 50% = 7500, one rate of 70% (line 75 "起付线降至普通
/// 居民的50%,将支付比例提高到70%"): (24480 − 7500) × 70% = 11886. Assistance 70%:
/// 12594 × 70% = 8815.80. Supplementary (3778.20 − 1000) × 50% = 1389.10.
/// Out of pocket 2389.10.
#[test]
fn same_household_city_stay_2019_then_2020() {
    let y2019 = baked(request(
        MID_2019,
        "registered_poor",
        &[("city", "60000", "0")],
    ));
    assert_eq!(y2019.version, "2019");
    assert_eq!(paid(&y2019, Basic), "35520.00");
    assert_eq!(
        formulas(&y2019, CriticalIllness),
        [
            "60000 − 35520.00 = 24480.00",
            "15000 × 100% = 15000.00",
            "(24480.00 − 15000) × 60% = 5688.00"
        ]
    );
    assert_eq!(paid(&y2019, CriticalIllness), "5688.00");
    assert_eq!(
        formulas(&y2019, MedicalAssistance),
        ["60000 − 41208.00 = 18792.00", "18792.00 × 65% = 12214.80"]
    );
    assert_eq!(paid(&y2019, Supplementary), "2788.60");
    assert_eq!(out_of_pocket(&y2019), "3788.60");

    let y2020 = baked(request(
        MID_2020,
        "registered_poor",
        &[("city", "60000", "0")],
    ));
    assert_eq!(y2020.version, "2020");
    assert_eq!(paid(&y2020, Basic), "35520.00");
    assert_eq!(
        formulas(&y2020, CriticalIllness),
        [
            "60000 − 35520.00 = 24480.00",
            "15000 × 50% = 7500.00",
            "(24480.00 − 7500) × 70% = 11886.00"
        ]
    );
    assert_eq!(
        formulas(&y2020, MedicalAssistance),
        ["60000 − 47406.00 = 12594.00", "12594.00 × 70% = 8815.80"]
    );
    assert_eq!(
        formulas(&y2020, Supplementary),
        [
            "60000 − 56221.80 = 3778.20",
            "max(0, 3778.20 − 1000) × 50% = 1389.10"
        ]
    );
    // The text names no government backstop: the version has no such layer.
    assert!(!y2020.layers.iter().any(|l| l.id == Backstop));
    assert_eq!(out_of_pocket(&y2020), "2389.10");
}

/// Each category, one city stay of 60,000 in 2020. Basic for all:
/// (60000 − 800) × 60% = 35520, leaving 24480.
/// - ordinary: threshold 15,000, 50%: (24480 − 15000) × 50% = 4740; no
///   assistance or supplementary; out of pocket 60000 − 35520 − 4740 = 19740.
/// - destitute and dibao (line 61): (24480 − 7500) × 70% = 11886; assistance
///   12594 × 70% = 8815.80; no supplementary (the poverty office's insurance,
///   line 79, is read as for the registered poor); out of pocket 3778.20.
/// - registered poor: the same, plus supplementary (3778.20 − 1000) × 50%
///   = 1389.10; out of pocket 2389.10.
#[test]
fn each_category_city_stay_2020() {
    let ordinary = baked(request(MID_2020, "ordinary", &[("city", "60000", "0")]));
    assert_eq!(paid(&ordinary, Basic), "35520.00");
    assert_eq!(
        formulas(&ordinary, CriticalIllness),
        [
            "60000 − 35520.00 = 24480.00",
            "15000",
            "(24480.00 − 15000) × 50% = 4740.00"
        ]
    );
    assert_eq!(paid(&ordinary, MedicalAssistance), "0.00");
    assert_eq!(paid(&ordinary, Supplementary), "0.00");
    assert_eq!(out_of_pocket(&ordinary), "19740.00");

    for category in ["extreme_poor", "dibao"] {
        let e = baked(request(MID_2020, category, &[("city", "60000", "0")]));
        assert_eq!(paid(&e, Basic), "35520.00", "{category}");
        assert_eq!(paid(&e, CriticalIllness), "11886.00", "{category}");
        assert_eq!(paid(&e, MedicalAssistance), "8815.80", "{category}");
        assert_eq!(paid(&e, Supplementary), "0.00", "{category}");
        assert_eq!(out_of_pocket(&e), "3778.20", "{category}");
    }

    let poor = baked(request(
        MID_2020,
        "registered_poor",
        &[("city", "60000", "0")],
    ));
    assert_eq!(paid(&poor, CriticalIllness), "11886.00");
    assert_eq!(paid(&poor, MedicalAssistance), "8815.80");
    assert_eq!(paid(&poor, Supplementary), "1389.10");
    assert_eq!(out_of_pocket(&poor), "2389.10");
}

/// Each category, the same city stay of 60,000 in 2019. Ordinary as in 2020:
/// 4740, out of pocket 19740. Destitute and dibao: (24480 − 15000) × (50% + 10
/// points) = 5688; assistance 18792 × 65% = 12214.80; out of pocket 6577.20.
/// Registered poor: plus (6577.20 − 1000) × 50% = 2788.60; out of pocket 3788.60.
#[test]
fn each_category_city_stay_2019() {
    let ordinary = baked(request(MID_2019, "ordinary", &[("city", "60000", "0")]));
    assert_eq!(paid(&ordinary, CriticalIllness), "4740.00");
    assert_eq!(paid(&ordinary, MedicalAssistance), "0.00");
    assert_eq!(out_of_pocket(&ordinary), "19740.00");

    for category in ["extreme_poor", "dibao"] {
        let e = baked(request(MID_2019, category, &[("city", "60000", "0")]));
        assert_eq!(paid(&e, CriticalIllness), "5688.00", "{category}");
        assert_eq!(paid(&e, MedicalAssistance), "12214.80", "{category}");
        assert_eq!(paid(&e, Supplementary), "0.00", "{category}");
        assert_eq!(out_of_pocket(&e), "6577.20", "{category}");
    }

    let poor = baked(request(
        MID_2019,
        "registered_poor",
        &[("city", "60000", "0")],
    ));
    assert_eq!(paid(&poor, Supplementary), "2788.60");
    assert_eq!(out_of_pocket(&poor), "3788.60");
}

/// The lowered 2020 threshold, 15000 × 50% = 7,500 (line 75). A county stay
/// leaves c − (c − 400) × 75% = 0.25 × c + 300 after basic:
/// - c = 28,796: basic 21297, base 7499 ≤ 7500: nothing.
/// - c = 28,800: basic 21300, base 7500 exactly: nothing.
/// - c = 28,804: basic 21303, base 7501: (7501 − 7500) × 70% = 0.70.
///
/// The same 7,501 pays nothing to an ordinary resident (threshold 15,000) nor
/// to a dibao recipient in 2019 (the threshold is lowered only "到2020年").
#[test]
fn lowered_threshold_edge_2020() {
    let below = baked(request(MID_2020, "dibao", &[("county", "28796", "0")]));
    assert_eq!(paid(&below, Basic), "21297.00");
    assert_eq!(paid(&below, CriticalIllness), "0.00");
    assert_eq!(
        formulas(&below, CriticalIllness).last().map(String::as_str),
        Some("7499.00 ≤ 7500 → 0.00")
    );

    let at = baked(request(MID_2020, "dibao", &[("county", "28800", "0")]));
    assert_eq!(paid(&at, Basic), "21300.00");
    assert_eq!(paid(&at, CriticalIllness), "0.00");

    let above = baked(request(MID_2020, "dibao", &[("county", "28804", "0")]));
    assert_eq!(paid(&above, Basic), "21303.00");
    assert_eq!(
        formulas(&above, CriticalIllness),
        [
            "28804 − 21303.00 = 7501.00",
            "15000 × 50% = 7500.00",
            "(7501.00 − 7500) × 70% = 0.70"
        ]
    );
    // Assistance on the rest: (7501 − 0.70) × 70% = 7500.30 × 70% = 5250.21.
    assert_eq!(paid(&above, MedicalAssistance), "5250.21");

    let ordinary = baked(request(MID_2020, "ordinary", &[("county", "28804", "0")]));
    assert_eq!(paid(&ordinary, CriticalIllness), "0.00");
    let dibao_2019 = baked(request(MID_2019, "dibao", &[("county", "28804", "0")]));
    assert_eq!(paid(&dibao_2019, CriticalIllness), "0.00");
}

/// The ordinary 15,000 threshold: a county stay of 58,800 leaves exactly
/// 0.25 × 58800 + 300 = 15000 (nothing paid); 58,804 leaves 15,001:
/// ordinary (15001 − 15000) × 50% = 0.50; a dibao recipient in 2019 gets
/// (15001 − 15000) × (50% + 10%) = 0.60 (line 75, +10 points on each segment).
#[test]
fn ordinary_threshold_edge_and_2019_points() {
    let at = baked(request(MID_2020, "ordinary", &[("county", "58800", "0")]));
    assert_eq!(paid(&at, Basic), "43800.00");
    assert_eq!(paid(&at, CriticalIllness), "0.00");
    let above = baked(request(MID_2020, "ordinary", &[("county", "58804", "0")]));
    assert_eq!(paid(&above, Basic), "43803.00");
    assert_eq!(paid(&above, CriticalIllness), "0.50");
    let dibao_2019 = baked(request(MID_2019, "dibao", &[("county", "58804", "0")]));
    assert_eq!(
        formulas(&dibao_2019, CriticalIllness)
            .last()
            .map(String::as_str),
        Some("(15001.00 − 15000) × 60% = 0.60")
    );
    assert_eq!(paid(&dibao_2019, CriticalIllness), "0.60");
}

/// The 300,000 critical-illness cap. A dibao recipient, one city stay; basic
/// is capped at 150,000 ((c − 800) × 60% is far above it).
/// 2019 (rates 60 / 65 / 70%, the ordinary cap kept: the text removes it only
/// "到2020年"): on a base of B = c − 150000 the layer pays
/// 35000 × 60% + 50000 × 65% + (B − 100000) × 70% = 53500 + (B − 100000) × 70%.
/// - c = 602,000, B = 452,000: 53500 + 246400 = 299,900, just below the cap.
///   Assistance (602000 − 150000 − 299900) × 65% = 98865, limited to 30,000.
///   Out of pocket 122,100.
/// - c = 603,000, B = 453,000: 53500 + 247100 = 300,600, capped at 300,000.
///   Assistance 30,000. Out of pocket 123,000.
///
/// 2020, c = 603,000: (453000 − 7500) × 70% = 311,850, no cap (line 75 "不设
/// 封顶线"). Assistance 30,000. Out of pocket 603000 − 150000 − 311850 − 30000
/// = 111,150.
#[test]
fn critical_illness_cap_in_2019_no_cap_in_2020() {
    let below = baked(request(MID_2019, "dibao", &[("city", "602000", "0")]));
    assert_eq!(paid(&below, Basic), "150000.00");
    assert_eq!(paid(&below, CriticalIllness), "299900.00");
    assert_eq!(paid(&below, MedicalAssistance), "30000.00");
    assert_eq!(out_of_pocket(&below), "122100.00");

    let capped = baked(request(MID_2019, "dibao", &[("city", "603000", "0")]));
    assert_eq!(paid(&capped, CriticalIllness), "300000.00");
    assert_eq!(
        formulas(&capped, CriticalIllness)
            .last()
            .map(String::as_str),
        Some("min(300600.00, 300000) = 300000.00")
    );
    assert_eq!(paid(&capped, MedicalAssistance), "30000.00");
    assert_eq!(out_of_pocket(&capped), "123000.00");

    let uncapped = baked(request(MID_2020, "dibao", &[("city", "603000", "0")]));
    assert_eq!(paid(&uncapped, CriticalIllness), "311850.00");
    assert_eq!(paid(&uncapped, MedicalAssistance), "30000.00");
    assert_eq!(out_of_pocket(&uncapped), "111150.00");
}

/// Ordinary residents keep the 300,000 cap in 2020. On B = c − 150000:
/// 35000 × 50% + 50000 × 55% + (B − 100000) × 60% = 45000 + (B − 100000) × 60%.
/// - c = 674,000, B = 524,000: 45000 + 254400 = 299,400; out of pocket 224,600.
/// - c = 676,000, B = 526,000: 45000 + 255600 = 300,600, capped at 300,000;
///   out of pocket 226,000.
#[test]
fn ordinary_cap_edge_2020() {
    let below = baked(request(MID_2020, "ordinary", &[("city", "674000", "0")]));
    assert_eq!(paid(&below, CriticalIllness), "299400.00");
    assert_eq!(out_of_pocket(&below), "224600.00");
    let capped = baked(request(MID_2020, "ordinary", &[("city", "676000", "0")]));
    assert_eq!(paid(&capped, CriticalIllness), "300000.00");
    assert_eq!(out_of_pocket(&capped), "226000.00");
}

/// Assistance at its assumed 30,000 annual limit (line 77 "年度限额内"; the
/// amount is not given). A dibao recipient in 2020, one city stay, basic capped
/// at 150,000:
/// - c = 275,000: critical illness (125000 − 7500) × 70% = 82250; 42750 left;
///   42750 × 70% = 29925, within the limit; out of pocket 12825.
/// - c = 276,000 with 5,000 out of policy: (126000 − 7500) × 70% = 82950;
///   43050 left; 43050 × 70% = 30135, limited to 30000. No layer pays the
///   out-of-policy cost (the text names no 二次救助): out of pocket
///   13050 + 5000 = 18050.
#[test]
fn assistance_annual_limit() {
    let within = baked(request(MID_2020, "dibao", &[("city", "275000", "0")]));
    assert_eq!(paid(&within, CriticalIllness), "82250.00");
    assert_eq!(paid(&within, MedicalAssistance), "29925.00");
    assert_eq!(out_of_pocket(&within), "12825.00");

    let limited = baked(request(MID_2020, "dibao", &[("city", "276000", "5000")]));
    assert_eq!(paid(&limited, CriticalIllness), "82950.00");
    assert_eq!(
        formulas(&limited, MedicalAssistance),
        [
            "276000 − 232950.00 = 43050.00",
            "43050.00 × 70% = 30135.00",
            "min(30135.00, 30000) = 30000.00"
        ]
    );
    assert_eq!(paid(&limited, MedicalAssistance), "30000.00");
    assert_eq!(out_of_pocket(&limited), "18050.00");
    assert_eq!(text(limited.out_of_pocket.compliant), "13050.00");
    assert_eq!(text(limited.out_of_pocket.out_of_policy), "5000.00");
}

/// The supplementary insurance pays after basic, critical illness and
/// assistance (line 79 "通过基本医保、大病保险、医疗救助综合补偿后,按规定再次予以
/// 报销"), for the registered poor. One county stay of 14,800 in 2020:
/// basic (14800 − 400) × 75% = 10800; the 4000 left is below 7,500;
/// assistance 4000 × 70% = 2800; supplementary (1200 − 1000) × 50% = 100;
/// out of pocket 1100. A dibao recipient with the same bill: 1200.
/// At its assumed 20,000 maximum: a city stay of 603,000 leaves 111,150 after
/// the first three (see the cap test); (111150 − 1000) × 50% = 55075, at most
/// 20,000; out of pocket 91,150.
#[test]
fn supplementary_after_the_first_three() {
    let poor = baked(request(
        MID_2020,
        "registered_poor",
        &[("county", "14800", "0")],
    ));
    assert_eq!(paid(&poor, Basic), "10800.00");
    assert_eq!(paid(&poor, CriticalIllness), "0.00");
    assert_eq!(paid(&poor, MedicalAssistance), "2800.00");
    assert_eq!(
        formulas(&poor, Supplementary),
        [
            "14800 − 13600.00 = 1200.00",
            "max(0, 1200.00 − 1000) × 50% = 100.00"
        ]
    );
    assert_eq!(out_of_pocket(&poor), "1100.00");

    let dibao = baked(request(MID_2020, "dibao", &[("county", "14800", "0")]));
    assert_eq!(paid(&dibao, Supplementary), "0.00");
    assert_eq!(out_of_pocket(&dibao), "1200.00");

    let big = baked(request(
        MID_2020,
        "registered_poor",
        &[("city", "603000", "0")],
    ));
    assert_eq!(paid(&big, MedicalAssistance), "30000.00");
    assert_eq!(
        formulas(&big, Supplementary),
        [
            "603000 − 491850.00 = 111150.00",
            "max(0, 111150.00 − 1000) × 50% = 55075.00",
            "min(55075.00, 20000) = 20000.00"
        ]
    );
    assert_eq!(paid(&big, Supplementary), "20000.00");
    assert_eq!(out_of_pocket(&big), "91150.00");
}

/// Three county stays of 14,800 for a registered-poor resident. Each stay:
/// (14800 − 400) × 75% = 10800, basic 32,400 in all. Alone, each leaves 4,000,
/// below the critical-illness threshold; together they leave 44400 − 32400 =
/// 12,000 for the year.
/// 2020: (12000 − 7500) × 70% = 3150; assistance (12000 − 3150) × 70% = 6195;
/// supplementary (2655 − 1000) × 50% = 827.50; out of pocket 1827.50.
/// 2019: 12,000 is below the 15,000 threshold; assistance 12000 × 65% = 7800;
/// supplementary (4200 − 1000) × 50% = 1600; out of pocket 2600.
#[test]
fn several_stays_add_up_in_the_year() {
    let stays = [
        ("county", "14800", "0"),
        ("county", "14800", "0"),
        ("county", "14800", "0"),
    ];
    let y2020 = baked(request(MID_2020, "registered_poor", &stays));
    assert_eq!(
        formulas(&y2020, Basic),
        ["(14800 − 400) × 75% = 10800.00"; 3]
    );
    assert_eq!(paid(&y2020, Basic), "32400.00");
    assert_eq!(
        formulas(&y2020, CriticalIllness),
        [
            "44400 − 32400.00 = 12000.00",
            "15000 × 50% = 7500.00",
            "(12000.00 − 7500) × 70% = 3150.00"
        ]
    );
    assert_eq!(paid(&y2020, MedicalAssistance), "6195.00");
    assert_eq!(paid(&y2020, Supplementary), "827.50");
    assert_eq!(out_of_pocket(&y2020), "1827.50");

    let y2019 = baked(request(MID_2019, "registered_poor", &stays));
    assert_eq!(paid(&y2019, Basic), "32400.00");
    assert_eq!(paid(&y2019, CriticalIllness), "0.00");
    assert_eq!(paid(&y2019, MedicalAssistance), "7800.00");
    assert_eq!(paid(&y2019, Supplementary), "1600.00");
    assert_eq!(out_of_pocket(&y2019), "2600.00");
}

/// The residents' basic fund cap of 150,000 across two city stays of 150,000
/// (ordinary, 2020): (150000 − 800) × 60% = 89520 each; the second is limited
/// to 150000 − 89520 = 60480. Critical illness on 300000 − 150000 = 150000:
/// 17500 + 27500 + (150000 − 100000) × 60% = 75000. Out of pocket 75,000.
/// Without a date the latest version, 2020, is used.
#[test]
fn basic_fund_cap_across_two_stays_and_latest_version() {
    let e = baked(request(
        MID_2020,
        "ordinary",
        &[("city", "150000", "0"), ("city", "150000", "0")],
    ));
    assert_eq!(paid(&e, Basic), "150000.00");
    assert_eq!(
        formulas(&e, Basic)[2],
        "min(89520.00, 150000 − 89520.00) = 60480.00"
    );
    assert_eq!(paid(&e, CriticalIllness), "75000.00");
    assert_eq!(out_of_pocket(&e), "75000.00");

    let mut undated = request(MID_2020, "ordinary", &[("city", "150000", "0")]);
    undated.as_object_mut().expect("object").remove("date");
    assert_eq!(baked(undated).version, "2020");
}
