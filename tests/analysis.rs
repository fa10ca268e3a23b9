//! The cadre's views (src/analysis): categories side by side, the curve of
//! out-of-pocket against the bill, and a year of stays. Inner Mongolia 2020
//! (policies/inner_mongolia.toml; source 004_44d2b2ecadff79be.txt): residents'
//! basic insurance 75% (line 22) after an assumed county deductible of 500 and
//! city deductible of 800, an assumed annual cap of 150,000; critical illness
//! from 14,000 at 60% (line 22) with an assumed cap of 300,000, for the
//! registered poor from half the threshold at +5 points with no cap (line 30);
//! assistance 70% for 特困 / 低保 / 建档立卡 (line 26).

mod common;

use common::text;
use serde_json::json;
use yibao::analysis::{MarkKind, categories, curve, year};
use yibao::engine::{LayerId, Request};
use yibao::policy::Category;

fn request(category: &str, stays: &[(&str, &str, &str)]) -> Request {
    let admissions: Vec<_> = stays
        .iter()
        .map(|(level, c, o)| json!({ "level": level, "compliant": c, "out_of_policy": o }))
        .collect();
    common::request(&json!({ "policy": "inner_mongolia", "date": "2020-06-30",
        "scheme": "resident", "category": category, "admissions": admissions }))
    .expect("a valid request")
}

fn policies() -> &'static [yibao::policy::Policy] {
    yibao::baked::policies().expect("baked")
}

fn amount(text: &str) -> rust_decimal::Decimal {
    text.parse().expect("a decimal")
}

/// An ordinary resident, one county stay of 20,000, drawn from 0 to 1,000,000.
/// Inner Mongolia's county rate is 85% (assumed, calibrated on the reported
/// 75% average of line 22), the deductible 500 (assumed).
/// - Basic starts above the 500 deductible.
/// - Critical illness: after basic, 0.15 × c + 425 is left; it passes 14,000
///   at c = 90,500, but basic's own rounding to the fen keeps the remainder at
///   14,000.00 up to c = 90,500.03 (basic 76,500.0255 → 76,500.03), so the
///   last cost with nothing paid is 90,500.03.
/// - Basic reaches its 150,000 cap at (c − 500) × 85% = 150,000:
///   c = 176,970.588…; at 176,970.58 basic pays 149,999.99, at 176,970.59 the cap.
/// - Critical illness reaches 300,000 when (c − 150,000 − 14,000) × 60% =
///   300,000: c = 664,000.
#[test]
fn curve_marks_thresholds_and_caps_to_the_fen() {
    let r = request("ordinary", &[("county", "20000", "0")]);
    let c = curve::curve(&r, policies(), amount("1000000"), 201).expect("a curve");
    let marks: Vec<(LayerId, MarkKind, String, String)> = c
        .marks
        .iter()
        .map(|m| (m.layer, m.kind, text(m.cost), text(m.paid)))
        .collect();
    use LayerId::{Basic, CriticalIllness};
    use MarkKind::{Cap, Starts};
    let s = |x: &str| x.to_string();
    assert_eq!(
        marks,
        [
            (Basic, Starts, s("500.00"), s("0.00")),
            (CriticalIllness, Starts, s("90500.03"), s("0.00")),
            (Basic, Cap, s("176970.59"), s("150000.00")),
            (CriticalIllness, Cap, s("664000.00"), s("300000.00")),
        ]
    );
    // 201 points, 5,000 apart; at 20,000 (the household's own bill):
    // basic (20000 − 500) × 85% = 16575, out of pocket 3425.
    assert_eq!(c.costs.len(), 201);
    assert_eq!(text(c.costs[200]), "1000000.00");
    assert_eq!(text(c.costs[4]), "20000.00");
    assert_eq!(text(c.layers[0].paid[4]), "16575.00");
    assert_eq!(text(c.out_of_pocket[4]), "3425.00");
    assert_eq!(text(c.household.cost), "20000.00");
    assert_eq!(text(c.household.out_of_pocket), "3425.00");
    // Every point adds up exactly.
    for (i, cost) in c.costs.iter().enumerate() {
        let paid: rust_decimal::Decimal = c.layers.iter().map(|l| l.paid[i].0).sum();
        assert_eq!(paid + c.out_of_pocket[i].0, cost.0, "point {i}");
    }
}

/// Two stays (county 10,000 and city 30,000) are scaled together: at a
/// total of 40,000 the curve's point is the household's own estimate.
#[test]
fn curve_scales_all_stays_together() {
    let r = request("dibao", &[("county", "10000", "0"), ("city", "30000", "0")]);
    let c = curve::curve(&r, policies(), amount("80000"), 5).expect("a curve");
    assert_eq!(text(c.costs[2]), "40000.00");
    assert_eq!(c.out_of_pocket[2], c.household.out_of_pocket);
    let own = yibao::engine::estimate(&r, policies()).expect("estimate");
    assert_eq!(c.household.out_of_pocket, own.out_of_pocket.total);
}

#[test]
fn curve_refuses_bad_limits_naming_the_field() {
    let r = request("ordinary", &[("county", "20000", "0")]);
    let error = curve::curve(&r, policies(), amount("100000"), 1).expect_err("one point");
    assert_eq!(error.field(), "points");
    assert_eq!(error.message_zh(), "应为 2 到 1000 之间的整数");
    let error = curve::curve(&r, policies(), amount("0"), 200).expect_err("max 0");
    assert_eq!(error.field(), "max");
    assert_eq!(error.message_zh(), "金额应大于 0");
    let error = curve::curve(&r, policies(), amount("0.001"), 200).expect_err("a tenth of a fen");
    assert_eq!(error.field(), "max");
}

/// A registered-poor resident with three stays in 2020.
/// Stay 1, township 3,000: basic (3000 − 200) × 90% = 2520 (rates assumed,
/// calibrated on line 22's reported average); assistance 70% of the 480 left
/// = 336; supplementary (assumed: 50% from 0, after assistance) 50% × 144 =
/// 72; out of pocket 72.
/// Stay 3, city 60,000: basic pays 2520 + 16575 + 44400 = 63,495 for the
/// year, leaving 83,000 − 63,495 = 19,505, past the halved threshold of
/// 7,000: (19505 − 7000) × 65% = 8128.25 — critical illness starts on stay 3.
#[test]
fn year_marks_the_stay_that_passes_the_threshold() {
    let r = request(
        "registered_poor",
        &[
            ("township", "3000", "0"),
            ("county", "20000", "2000"),
            ("city", "60000", "0"),
        ],
    );
    let y = year::year(&r, policies()).expect("a year");
    let first = &y.stays[0];
    let paid = |stay: &year::Stay, id: LayerId| {
        text(stay.layers.iter().find(|l| l.id == id).expect("layer").paid)
    };
    assert_eq!(paid(first, LayerId::Basic), "2520.00");
    assert_eq!(paid(first, LayerId::MedicalAssistance), "336.00");
    assert_eq!(paid(first, LayerId::Supplementary), "72.00");
    assert_eq!(text(first.out_of_pocket), "72.00");
    assert_eq!(paid(&y.stays[2], LayerId::CriticalIllness), "8128.25");
    let marks: Vec<_> = y.marks.iter().map(|m| (m.stay, m.layer, m.kind)).collect();
    assert_eq!(
        marks,
        [
            (1, LayerId::MedicalAssistance, MarkKind::Starts),
            (1, LayerId::Supplementary, MarkKind::Starts),
            (3, LayerId::CriticalIllness, MarkKind::Starts),
        ]
    );
    // The stays add up to the year.
    assert_eq!(
        y.stays[2].out_of_pocket_so_far,
        y.estimate.out_of_pocket.total
    );
    let each: rust_decimal::Decimal = y.stays.iter().map(|s| s.out_of_pocket.0).sum();
    assert_eq!(each, y.estimate.out_of_pocket.total.0);
}

/// Two city stays of 150,000: basic pays (150000 − 800) × 75% = 111,900 on
/// the first and reaches its 150,000 annual cap on the second; critical
/// illness starts on the first (its 38,100 left is above the 14,000
/// threshold). Exactly these marks: no other stay or layer is marked.
#[test]
fn year_marks_the_stay_that_reaches_the_cap() {
    let r = request(
        "ordinary",
        &[("city", "150000", "0"), ("city", "150000", "0")],
    );
    let y = year::year(&r, policies()).expect("a year");
    let marks: Vec<_> = y.marks.iter().map(|m| (m.stay, m.layer, m.kind)).collect();
    assert_eq!(
        marks,
        [
            (1, LayerId::CriticalIllness, MarkKind::Starts),
            (2, LayerId::Basic, MarkKind::Cap),
        ]
    );
}

/// The bill of the year above (83,000 compliant + 2,000 not) for every
/// category. Ordinary: basic 63,495; critical illness (19505 − 14000) × 60%
/// = 3303; out of pocket 19505 − 3303 + 2000 = 18202. The registered poor
/// differ by the tilt of line 30 (threshold 50%, +5 points, no cap:
/// (19505 − 7000) × 65% = 8128.25) and by assistance at 70% (line 26) of the
/// 11,376.75 left = 7963.73, plus the assumed supplementary insurance (50% of
/// the 3,413.02 left = 1706.51): out of pocket 1706.51 + 2000 = 3706.51;
/// 低保 only by assistance: 70% of the 16,202 left after critical illness =
/// 11,341.40, out of pocket 4,860.60 + 2,000 = 6,860.60.
#[test]
fn categories_side_by_side_name_the_tilts() {
    let r = request(
        "ordinary",
        &[
            ("township", "3000", "0"),
            ("county", "20000", "2000"),
            ("city", "60000", "0"),
        ],
    );
    let c = categories::compare(&r, policies()).expect("a comparison");
    assert_eq!(c.base, Category::Ordinary);
    let row = |category: Category| {
        c.rows
            .iter()
            .find(|r| r.category == category)
            .expect("category")
    };
    assert_eq!(
        text(row(Category::Ordinary).estimate.out_of_pocket.total),
        "18202.00"
    );
    assert!(row(Category::Ordinary).differences.is_empty());
    let poor = row(Category::RegisteredPoor);
    assert_eq!(text(poor.estimate.out_of_pocket.total), "3706.51");
    let named: Vec<(&str, &str, Option<&str>)> = poor
        .differences
        .iter()
        .map(|f| (&*f.parameter, f.value.as_str(), f.source.as_deref()))
        .collect();
    assert_eq!(
        &named[..4],
        [
            (
                "critical_illness.tilts[0].who",
                "",
                Some("004_44d2b2ecadff79be.txt:30")
            ),
            (
                "critical_illness.tilts[0].threshold_factor",
                "50%",
                Some("004_44d2b2ecadff79be.txt:30")
            ),
            (
                "critical_illness.tilts[0].rate_points",
                "5%",
                Some("004_44d2b2ecadff79be.txt:30")
            ),
            (
                "critical_illness.tilts[0].cap_removed",
                "",
                Some("004_44d2b2ecadff79be.txt:30")
            ),
        ]
    );
    let dibao: Vec<&str> = row(Category::Dibao)
        .differences
        .iter()
        .map(|f| &*f.parameter)
        .collect();
    assert_eq!(
        dibao,
        [
            "medical_assistance.groups[0].who",
            "medical_assistance.groups[0].ratio"
        ]
    );
    assert_eq!(
        text(row(Category::Dibao).estimate.out_of_pocket.total),
        "6860.60"
    );
    // Each row is a summary: amounts and assumptions, no steps.
    assert!(poor.estimate.layers.iter().all(|l| l.steps.is_empty()));
}
