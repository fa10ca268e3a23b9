//! Haiyuan County, Ningxia, 2010 (policies/haiyuan.toml), worked by hand.
//!
//! From the source (003_fb6859ac0733cdd7.txt line 241): urban employees'
//! deductibles 200 / 300 / 700 at level 1 / 2 / 3, 90% for people in work and
//! 92% for retirees, fund cap 60,000, large-amount subsidy 100,000 (read as
//! the subsidy's own annual limit); urban residents' level-3 deductible 500
//! and rate 60% (read as every level); NCMS deductibles 60 / 160 / 600 (90 at
//! level 2 for children under 12), rates 85% / 80% / 35%, cap 25,000.
//! Assumed (not in the source): the large-amount subsidy pays 90%; urban
//! residents' level-1 / level-2 deductibles 200 / 300 and annual cap 30,000.

mod common;

use common::{baked, formulas, out_of_pocket, paid};
use serde_json::{Value, json};
use yibao::engine::LayerId::Basic;

/// One person's stays in 2010: (level, compliant, out of policy).
fn request(scheme: &str, age: Option<u32>, stays: &[(&str, &str, &str)]) -> Value {
    let admissions: Vec<Value> = stays
        .iter()
        .map(|(level, c, o)| json!({ "level": level, "compliant": c, "out_of_policy": o }))
        .collect();
    let mut r = json!({ "policy": "haiyuan", "date": "2010-06-30", "scheme": scheme,
                        "category": "ordinary", "admissions": admissions });
    if let Some(age) = age {
        r["age"] = json!(age);
    }
    r
}

fn one(scheme: &str, level: &str, compliant: &str) -> Value {
    request(scheme, None, &[(level, compliant, "0")])
}

/// An urban employee in work, one stay at each level (line 241: 一、二、三级
/// 医疗机构分别为200元、300元、700元; 报销比例在职人员达到90%): 1,200 at level 1,
/// 1,300 at level 2 and 1,700 at level 3 each leave 1,000 above the
/// deductible: 1000 × 90% = 900; out of pocket is the deductible plus 10% of
/// 1,000: 300, 400 and 800. A level-2 stay of 10,000 with 500 out of
/// policy: (10000 − 300) × 90% = 8730, out of pocket 300 + 970 + 500 = 1,770.
#[test]
fn employee_in_work_each_level() {
    for (level, cost, formula, oop) in [
        ("township", "1200", "(1200 − 200) × 90% = 900.00", "300.00"),
        ("county", "1300", "(1300 − 300) × 90% = 900.00", "400.00"),
        ("city", "1700", "(1700 − 700) × 90% = 900.00", "800.00"),
    ] {
        let e = baked(one("employee", level, cost));
        assert_eq!(formulas(&e, Basic), [formula], "{level}");
        assert_eq!(out_of_pocket(&e), oop, "{level}");
    }
    let e = baked(request("employee", None, &[("county", "10000", "500")]));
    assert_eq!(paid(&e, Basic), "8730.00");
    assert_eq!(out_of_pocket(&e), "1770.00");
    assert!(e.assumptions.is_empty(), "all figures used here are cited");
}

/// A retiree pays the same deductibles and gets 92% (退休人员达到92%):
/// level-2 stay of 10,000: (10000 − 300) × 92% = 8924; level-1 stay of
/// 5,200: (5200 − 200) × 92% = 4600.
#[test]
fn retiree_gets_92_percent() {
    let e = baked(one("retiree", "county", "10000"));
    assert_eq!(formulas(&e, Basic), ["(10000 − 300) × 92% = 8924.00"]);
    assert_eq!(out_of_pocket(&e), "1076.00");
    let e = baked(one("retiree", "township", "5200"));
    assert_eq!(formulas(&e, Basic), ["(5200 − 200) × 92% = 4600.00"]);
}

/// Employee deductible edges: a level-1 stay of exactly 200 gets nothing,
/// 200.01 gets 0.01 × 90% = 0.009, rounded to 0.01; a level-3 stay of 700
/// gets nothing, 701 gets 1 × 90% = 0.90.
#[test]
fn employee_deductible_edges() {
    let e = baked(one("employee", "township", "200"));
    assert_eq!(formulas(&e, Basic), ["200 ≤ 200 → 0.00"]);
    assert_eq!(
        paid(&baked(one("employee", "township", "200.01")), Basic),
        "0.01"
    );
    assert_eq!(paid(&baked(one("employee", "city", "700")), Basic), "0.00");
    assert_eq!(paid(&baked(one("employee", "city", "701")), Basic), "0.90");
}

/// The employees' fund cap of 60,000 (将统筹基金最高限额提高到6万元), edge:
/// a level-3 stay of 67,366.66: (67366.66 − 700) × 90% = 59999.994, below the
/// cap, paid 59,999.99; 67,366.67: 60000.003, over the cap by 0.003, so the
/// fund pays 60,000 and the large-amount subsidy 0.0033 × 90% ≈ 0.003,
/// rounded to 0.00 (90% assumed).
#[test]
fn employee_fund_cap_edge() {
    let below = baked(one("employee", "city", "67366.66"));
    assert_eq!(
        formulas(&below, Basic),
        ["(67366.66 − 700) × 90% = 59999.99"]
    );
    assert_eq!(paid(&below, Basic), "59999.99");
    let over = baked(one("employee", "city", "67366.67"));
    assert_eq!(
        formulas(&over, Basic),
        [
            "(67366.67 − 700) × 90% = 60000.00",
            "min(60000.00, 60000 − 0.00) = 60000.00",
            "min(0.00 × 90%, 100000.00) = 0.00"
        ]
    );
    assert_eq!(paid(&over, Basic), "60000.00");
}

/// Above the fund cap the large-amount subsidy pays (大额医疗补助提高到10万元,
/// read as its own annual limit; its rate of 90% is assumed). An employee's
/// level-3 stay of 100,000: (100000 − 700) × 90% = 89370, the fund pays
/// 60,000, which covers 60000 / 90% = 66,666.67 of the 99,300 above the
/// deductible; the subsidy pays (99300 − 66666.67) × 90% = 29370.
/// Basic in all 89,370; out of pocket 10,630.
/// A retiree's same stay: 60,000 covers 60000 / 92% = 65,217.39; the subsidy
/// pays (99300 − 65217.39) × 90% = 30674.35; basic 90,674.35.
#[test]
fn large_amount_subsidy_above_the_fund_cap() {
    let e = baked(one("employee", "city", "100000"));
    assert_eq!(
        formulas(&e, Basic),
        [
            "(100000 − 700) × 90% = 89370.00",
            "min(89370.00, 60000 − 0.00) = 60000.00",
            "min(32633.33 × 90%, 100000.00) = 29370.00"
        ]
    );
    assert_eq!(paid(&e, Basic), "89370.00");
    assert_eq!(out_of_pocket(&e), "10630.00");
    let e = baked(one("retiree", "city", "100000"));
    assert_eq!(
        formulas(&e, Basic),
        [
            "(100000 − 700) × 92% = 91356.00",
            "min(91356.00, 60000 − 0.00) = 60000.00",
            "min(34082.61 × 90%, 100000.00) = 30674.35"
        ]
    );
    assert_eq!(paid(&e, Basic), "90674.35");
    assert_eq!(out_of_pocket(&e), "9325.65");
}

/// The subsidy's own limit of 100,000: an employee's level-3 stay of 200,000.
/// The fund pays 60,000; the subsidy would pay (199300 − 66666.67) × 90%
/// = 119370 but stops at 100,000. Basic 160,000; out of pocket 40,000.
#[test]
fn large_amount_subsidy_limit() {
    let e = baked(one("employee", "city", "200000"));
    assert_eq!(
        formulas(&e, Basic),
        [
            "(200000 − 700) × 90% = 179370.00",
            "min(179370.00, 60000 − 0.00) = 60000.00",
            "min(132633.33 × 90%, 100000.00) = 100000.00"
        ]
    );
    assert_eq!(paid(&e, Basic), "160000.00");
    assert_eq!(out_of_pocket(&e), "40000.00");
}

/// Four level-3 stays of 50,700 in one year for an employee, each
/// (50700 − 700) × 90% = 45000 due. Stay 1: 45,000 from the fund. Stay 2: only
/// 15,000 of the fund is left, covering 16,666.67 of its 50,000; the subsidy
/// pays (50000 − 16666.67) × 90% = 30000. Stay 3: the fund is used up; the
/// subsidy pays 50000 × 90% = 45000 (70,000 of its limit left). Stay 4: the
/// subsidy has 25,000 left and pays that. Basic 60,000 + 100,000 = 160,000;
/// out of pocket 202,800 − 160,000 = 42,800.
#[test]
fn employee_stays_through_fund_cap_and_subsidy_limit() {
    let stay = ("city", "50700", "0");
    let e = baked(request("employee", None, &[stay, stay, stay, stay]));
    assert_eq!(
        formulas(&e, Basic),
        [
            "(50700 − 700) × 90% = 45000.00",
            "(50700 − 700) × 90% = 45000.00",
            "min(45000.00, 60000 − 45000.00) = 15000.00",
            "min(33333.33 × 90%, 100000.00) = 30000.00",
            "(50700 − 700) × 90% = 45000.00",
            "min(45000.00, 60000 − 60000.00) = 0.00",
            "min(50000.00 × 90%, 70000.00) = 45000.00",
            "(50700 − 700) × 90% = 45000.00",
            "min(45000.00, 60000 − 60000.00) = 0.00",
            "min(50000.00 × 90%, 25000.00) = 25000.00"
        ]
    );
    assert_eq!(paid(&e, Basic), "160000.00");
    assert_eq!(out_of_pocket(&e), "42800.00");
}

/// An urban resident (城镇居民). Level 3: (10000 − 500) × 60% = 5700 (line 241:
/// 起付线……降低到500元, 住院报销比例……提高到60%). Level 1: the 60% read as
/// every level, the deductible of 200 assumed: (10000 − 200) × 60% = 5880,
/// and the assumption is reported. A level-3 stay of 500 gets nothing.
#[test]
fn urban_resident_each_level() {
    let e = baked(one("urban_resident", "city", "10000"));
    assert_eq!(formulas(&e, Basic), ["(10000 − 500) × 60% = 5700.00"]);
    assert_eq!(out_of_pocket(&e), "4300.00");
    let e = baked(one("urban_resident", "township", "10000"));
    assert_eq!(formulas(&e, Basic), ["(10000 − 200) × 60% = 5880.00"]);
    assert!(
        e.assumptions.iter().any(
            |a| &*a.parameter == "basic.urban_resident.deductible.township" && a.value == "200"
        )
    );
    let e = baked(one("urban_resident", "county", "10000"));
    assert_eq!(formulas(&e, Basic), ["(10000 − 300) × 60% = 5820.00"]);
    assert_eq!(
        paid(&baked(one("urban_resident", "city", "500")), Basic),
        "0.00"
    );
}

/// The urban residents' annual cap of 30,000 (assumed, not in the source):
/// a level-3 stay of 60,500: (60500 − 500) × 60% = 36000, cut to 30,000.
#[test]
fn urban_resident_assumed_cap() {
    let e = baked(one("urban_resident", "city", "60500"));
    assert_eq!(
        formulas(&e, Basic),
        [
            "(60500 − 500) × 60% = 36000.00",
            "min(36000.00, 30000 − 0.00) = 30000.00"
        ]
    );
    assert!(
        e.assumptions
            .iter()
            .any(|a| &*a.parameter == "basic.urban_resident.annual_cap")
    );
}

/// NCMS, each level (line 241: 起伏线……60元、160元……和600元, 报销比例……
/// 85%、80%和35%), for an adult (age 40): level 1, 2,000:
/// (2000 − 60) × 85% = 1649; level 2, 5,000: (5000 − 160) × 80% = 3872;
/// level 3, 20,000: (20000 − 600) × 35% = 6790.
#[test]
fn ncms_each_level() {
    for (level, cost, formula) in [
        ("township", "2000", "(2000 − 60) × 85% = 1649.00"),
        ("county", "5000", "(5000 − 160) × 80% = 3872.00"),
        ("city", "20000", "(20000 − 600) × 35% = 6790.00"),
    ] {
        let e = baked(request("ncms", Some(40), &[(level, cost, "0")]));
        assert_eq!(formulas(&e, Basic), [formula], "{level}");
        assert!(e.assumptions.is_empty(), "{level}: all figures are cited");
    }
}

/// Children of 12 and under pay a level-2 deductible of 90 instead of 160
/// (其中12岁以下儿童为90元; 以下 includes the number itself, 民法典 第一千二百五十九条).
/// Age 11 or 12, level-2 stay of 5,000: (5000 − 90) × 80% = 3928; age 13:
/// (5000 − 160) × 80% = 3872. The lower
/// deductible is for level 2 only: at level 1 an 11-year-old pays 60 as
/// everyone, at level 3 600. Edge: a child's level-2 stay of 90 gets nothing,
/// of 160 gets (160 − 90) × 80% = 56, where an adult gets nothing.
#[test]
fn ncms_children_12_and_under_at_level_2() {
    let county = |age: u32, cost: &str| baked(request("ncms", Some(age), &[("county", cost, "0")]));
    for age in [11, 12] {
        let e = county(age, "5000");
        assert_eq!(
            formulas(&e, Basic),
            ["(5000 − 90) × 80% = 3928.00"],
            "{age}"
        );
        let step = &e.layers[0].steps[0];
        assert_eq!(
            step.zh,
            "第 1 次住院（二级医疗机构（县级医院等），12 岁及以下儿童起付线）：合规费用扣除起付线后按比例报销"
        );
    }
    assert_eq!(
        formulas(&county(13, "5000"), Basic),
        ["(5000 − 160) × 80% = 3872.00"]
    );
    assert_eq!(paid(&county(3, "90"), Basic), "0.00");
    assert_eq!(paid(&county(3, "160"), Basic), "56.00");
    assert_eq!(paid(&county(30, "160"), Basic), "0.00");
    let e = baked(request("ncms", Some(11), &[("township", "2000", "0")]));
    assert_eq!(formulas(&e, Basic), ["(2000 − 60) × 85% = 1649.00"]);
    let e = baked(request("ncms", Some(11), &[("city", "20000", "0")]));
    assert_eq!(formulas(&e, Basic), ["(20000 − 600) × 35% = 6790.00"]);
}

/// NCMS, three stays in a year reaching the 25,000 cap (最高报销限额提高为2.5万元):
/// level 2, 20,160: (20160 − 160) × 80% = 16000; level 3, 20,600:
/// (20600 − 600) × 35% = 7000 (23,000 so far); level 1, 3,060 with 100 out
/// of policy: (3060 − 60) × 85% = 2550, only 2,000 of the cap left.
/// Basic 25,000; out of pocket 43,920 − 25,000 = 18,920.
#[test]
fn ncms_stays_reach_the_cap() {
    let e = baked(request(
        "ncms",
        Some(45),
        &[
            ("county", "20160", "0"),
            ("city", "20600", "0"),
            ("township", "3060", "100"),
        ],
    ));
    assert_eq!(
        formulas(&e, Basic),
        [
            "(20160 − 160) × 80% = 16000.00",
            "(20600 − 600) × 35% = 7000.00",
            "(3060 − 60) × 85% = 2550.00",
            "min(2550.00, 25000 − 23000.00) = 2000.00"
        ]
    );
    assert_eq!(paid(&e, Basic), "25000.00");
    assert_eq!(out_of_pocket(&e), "18920.00");
}
