//! Jingyuan County, Ningxia, NCMS 2009 and 2010 (policies/jingyuan.toml),
//! worked by hand.
//!
//! From the source (003_fb6859ac0733cdd7.txt line 191): 2009 township 75%,
//! county 70%, outside the county 35%, cap 20,000 (乡级达到75%，县级达到70%，
//! 县外达到35%，最高封顶线至2万元); 2010 outside-county hospitals at city level
//! 45% and region level 40%, cap 25,000 (市级至45%，区级至40%，最高封顶线至2.5万元);
//! township and county rates read as unchanged in 2010. Assumed (not in the
//! source): deductibles 60 / 160 / 600 (township / county / outside, city and
//! region level), after Haiyuan's 2010 NCMS deductibles on line 241.

mod common;

use common::{baked, formulas, out_of_pocket, paid};
use serde_json::{Value, json};
use yibao::engine::LayerId::Basic;
use yibao::{ErrorKind, RequestError};

/// An NCMS member's stays on one date: (level, compliant, out of policy).
fn request(date: &str, stays: &[(&str, &str, &str)]) -> Value {
    let admissions: Vec<Value> = stays
        .iter()
        .map(|(level, c, o)| json!({ "level": level, "compliant": c, "out_of_policy": o }))
        .collect();
    json!({ "policy": "jingyuan", "date": date, "scheme": "ncms", "category": "ordinary",
            "admissions": admissions })
}

/// The cap switches with the date. One county stay of 40,000 compliant:
/// (40000 − 160) × 70% = 27888 (line 191: 县级达到70%; 160 assumed).
/// In 2009 the fund pays at most 20,000 (最高封顶线至2万元): basic 20,000,
/// out of pocket 20,000. In 2010 at most 25,000 (最高封顶线至2.5万元): basic
/// 25,000, out of pocket 15,000. 2009-12-31 is the last day of the 2009
/// version, 2010-01-01 the first of the 2010 one.
#[test]
fn cap_switches_from_20000_to_25000_by_date() {
    for date in ["2009-06-30", "2009-12-31"] {
        let e = baked(request(date, &[("county", "40000", "0")]));
        assert_eq!(e.version, "2009", "{date}");
        assert_eq!(
            formulas(&e, Basic),
            [
                "(40000 − 160) × 70% = 27888.00",
                "min(27888.00, 20000 − 0.00) = 20000.00"
            ]
        );
        assert_eq!(paid(&e, Basic), "20000.00");
        assert_eq!(out_of_pocket(&e), "20000.00");
    }
    for date in ["2010-01-01", "2010-06-30"] {
        let e = baked(request(date, &[("county", "40000", "0")]));
        assert_eq!(e.version, "2010", "{date}");
        assert_eq!(
            formulas(&e, Basic),
            [
                "(40000 − 160) × 70% = 27888.00",
                "min(27888.00, 25000 − 0.00) = 25000.00"
            ]
        );
        assert_eq!(paid(&e, Basic), "25000.00");
        assert_eq!(out_of_pocket(&e), "15000.00");
    }
}

/// 2009, each level (line 191: 乡级达到75%，县级达到70%，县外达到35%):
/// township stay of 3,000: (3000 − 60) × 75% = 2205;
/// county stay of 10,000: (10000 − 160) × 70% = 6888;
/// stay outside the county of 10,000: (10000 − 600) × 35% = 3290,
/// out of pocket 6,710. Deductibles 60 / 160 / 600 are assumed.
#[test]
fn each_level_in_2009() {
    let cases = [
        ("township", "3000", "(3000 − 60) × 75% = 2205.00", "795.00"),
        (
            "county",
            "10000",
            "(10000 − 160) × 70% = 6888.00",
            "3112.00",
        ),
        (
            "outside",
            "10000",
            "(10000 − 600) × 35% = 3290.00",
            "6710.00",
        ),
    ];
    for (level, cost, formula, oop) in cases {
        let e = baked(request("2009-06-30", &[(level, cost, "0")]));
        assert_eq!(formulas(&e, Basic), [formula], "{level}");
        assert_eq!(out_of_pocket(&e), oop, "{level}");
    }
}

/// 2010, each level. Township and county keep 2009's 75% and 70% (line 191,
/// read as unchanged: the 2010 sentence only raises the outside-county
/// rates): 3,000 at a township gives 2205, 10,000 at the county 6888.
/// Outside the county, city level 45% (市级至45%): (10000 − 600) × 45% = 4230;
/// region level 40% (区级至40%): (10000 − 600) × 40% = 3760.
#[test]
fn each_level_in_2010() {
    let cases = [
        ("township", "3000", "(3000 − 60) × 75% = 2205.00"),
        ("county", "10000", "(10000 − 160) × 70% = 6888.00"),
        ("city", "10000", "(10000 − 600) × 45% = 4230.00"),
        ("province", "10000", "(10000 − 600) × 40% = 3760.00"),
    ];
    for (level, cost, formula) in cases {
        let e = baked(request("2010-06-30", &[(level, cost, "0")]));
        assert_eq!(formulas(&e, Basic), [formula], "{level}");
    }
}

/// The levels belong to their year: 2009 has one 县外 level and no city or
/// region level; 2010 splits 县外 into 市级 and 区级 and has no plain
/// 'outside'. Asking for a level the version lacks is an error that lists the
/// version's levels.
#[test]
fn levels_differ_between_the_years() {
    let refused = |date: &str, level: &str| {
        let r = common::request(&request(date, &[(level, "10000", "0")])).expect("request");
        let policies = yibao::baked::policies().expect("baked");
        match yibao::engine::estimate(&r, policies) {
            Ok(_) => panic!("{level} on {date} should be refused"),
            Err(e) => e,
        }
    };
    let e = refused("2010-06-30", "outside");
    match e.kind() {
        ErrorKind::Request(RequestError::NotInPolicy { value, allowed }) => {
            assert_eq!(value, "outside");
            assert_eq!(allowed, &["township", "county", "city", "province"]);
        }
        other => panic!("unexpected error {other:?}"),
    }
    let e = refused("2009-06-30", "city");
    match e.kind() {
        ErrorKind::Request(RequestError::NotInPolicy { value, allowed }) => {
            assert_eq!(value, "city");
            assert_eq!(allowed, &["township", "county", "outside"]);
        }
        other => panic!("unexpected error {other:?}"),
    }
}

/// 2010, three stays adding up to the 25,000 cap (最高封顶线至2.5万元):
/// county 20,000: (20000 − 160) × 70% = 13888;
/// city level 25,000: (25000 − 600) × 45% = 10980 (together 24868);
/// township 1,000 plus 200 out of policy: (1000 − 60) × 75% = 705, but only
/// 25000 − 24868 = 132 of the cap is left. Basic 25,000; total 46,200;
/// out of pocket 21,200 (21,000 compliant + 200 out of policy).
#[test]
fn three_stays_reach_the_2010_cap() {
    let e = baked(request(
        "2010-08-01",
        &[
            ("county", "20000", "0"),
            ("city", "25000", "0"),
            ("township", "1000", "200"),
        ],
    ));
    assert_eq!(
        formulas(&e, Basic),
        [
            "(20000 − 160) × 70% = 13888.00",
            "(25000 − 600) × 45% = 10980.00",
            "(1000 − 60) × 75% = 705.00",
            "min(705.00, 25000 − 24868.00) = 132.00"
        ]
    );
    assert_eq!(paid(&e, Basic), "25000.00");
    assert_eq!(out_of_pocket(&e), "21200.00");
    assert_eq!(common::text(e.out_of_pocket.out_of_policy), "200.00");
}

/// 2009, the same pattern under the 20,000 cap (并提高最高封顶线至2万元):
/// county 20,000: 13888; outside the county 25,000: (25000 − 600) × 35% = 8540,
/// but only 20000 − 13888 = 6112 is left; a later township stay of 1,000
/// (705 due) gets nothing: the cap is used up. Basic 20,000; out of pocket
/// 46000 − 20000 = 26,000.
#[test]
fn stays_after_the_2009_cap_get_nothing() {
    let e = baked(request(
        "2009-03-15",
        &[
            ("county", "20000", "0"),
            ("outside", "25000", "0"),
            ("township", "1000", "0"),
        ],
    ));
    assert_eq!(
        formulas(&e, Basic),
        [
            "(20000 − 160) × 70% = 13888.00",
            "(25000 − 600) × 35% = 8540.00",
            "min(8540.00, 20000 − 13888.00) = 6112.00",
            "(1000 − 60) × 75% = 705.00",
            "min(705.00, 20000 − 20000.00) = 0.00"
        ]
    );
    assert_eq!(paid(&e, Basic), "20000.00");
    assert_eq!(out_of_pocket(&e), "26000.00");
}

/// The cap edge in 2010 at region level (区级至40%, 600 assumed): a stay of
/// 63,100 gives (63100 − 600) × 40% = 25000 exactly, within the cap;
/// 63,099 gives 24999.60; 63,200 gives 25040, cut to the 25,000 cap.
#[test]
fn cap_edge_at_region_level_2010() {
    let at = baked(request("2010-06-30", &[("province", "63100", "0")]));
    assert_eq!(formulas(&at, Basic), ["(63100 − 600) × 40% = 25000.00"]);
    assert_eq!(paid(&at, Basic), "25000.00");
    let below = baked(request("2010-06-30", &[("province", "63099", "0")]));
    assert_eq!(paid(&below, Basic), "24999.60");
    let above = baked(request("2010-06-30", &[("province", "63200", "0")]));
    assert_eq!(
        formulas(&above, Basic),
        [
            "(63200 − 600) × 40% = 25040.00",
            "min(25040.00, 25000 − 0.00) = 25000.00"
        ]
    );
    assert_eq!(out_of_pocket(&above), "38200.00");
}

/// Deductible edges at a township health centre (60 assumed): a stay of
/// exactly 60 gets nothing; 60.01 gets (60.01 − 60) × 75% = 0.0075, rounded
/// to 0.01; 100 gets (100 − 60) × 75% = 30. The deductible is an assumption
/// and is reported as one.
#[test]
fn township_deductible_edges() {
    let at = baked(request("2010-06-30", &[("township", "60", "0")]));
    assert_eq!(formulas(&at, Basic), ["60 ≤ 60 → 0.00"]);
    assert_eq!(paid(&at, Basic), "0.00");
    let just_above = baked(request("2010-06-30", &[("township", "60.01", "0")]));
    assert_eq!(paid(&just_above, Basic), "0.01");
    let hundred = baked(request("2010-06-30", &[("township", "100", "0")]));
    assert_eq!(paid(&hundred, Basic), "30.00");
    assert!(
        hundred
            .assumptions
            .iter()
            .any(|a| &*a.parameter == "basic.ncms.deductible.township" && a.value == "60")
    );
}
