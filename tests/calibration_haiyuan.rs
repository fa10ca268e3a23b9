//! Haiyuan (policies/haiyuan.toml): what the encoded 2010 rules give for stays
//! like those in the county's own 2009 statistics. A comparison, not a fit:
//! no figure of the policy file was changed to match these numbers.
//!
//! The statistics (003_fb6859ac0733cdd7.txt):
//! - urban residents, line 229: 559 stays, total inpatient cost 2.43 m yuan,
//!   fund spending 1.23 m, 4,347 yuan cost and 2,200 yuan fund payment per
//!   stay, 统筹基金支付率 50.6% (= 123 / 243: fund over total cost, out-of-
//!   catalogue cost included);
//! - NCMS, line 235: 25,566 compensated stays, 30.8179 m yuan paid, 1,205.43
//!   yuan per stay (人均补偿金额).
//!
//! Run with `cargo test --test calibration_haiyuan -- --nocapture` to see the
//! tables.

mod common;

use common::{baked, formulas, paid};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use yibao::engine::LayerId::Basic;

fn stay(scheme: &str, level: &str, compliant: &str, out_of_policy: &str) -> Value {
    json!({ "policy": "haiyuan", "date": "2010-06-30", "scheme": scheme, "category": "ordinary",
            "age": 40,
            "admissions": [{ "level": level, "compliant": compliant, "out_of_policy": out_of_policy }] })
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

/// The report's own figures agree with each other: 2,430,000 / 559 = 4,347.05,
/// 1,230,000 / 559 = 2,200.36, 123 / 243 = 50.6%; 30,817,900 / 25,566
/// = 1,205.43 (3,081.79万 over the compensated stays).
#[test]
fn the_reported_figures_agree_with_each_other() {
    assert_eq!((dec("2430000") / dec("559")).round_dp(2), dec("4347.05"));
    assert_eq!((dec("1230000") / dec("559")).round_dp(2), dec("2200.36"));
    assert_eq!(
        (dec("123") / dec("243") * dec("100")).round_dp(1),
        dec("50.6")
    );
    assert_eq!((dec("30817900") / dec("25566")).round_dp(2), dec("1205.43"));
}

/// Urban residents: one stay of the reported average cost, 4,347 yuan, taken
/// as all compliant, at each level (60% at every level; deductibles 200 and
/// 300 assumed, 500 cited):
///   level 1: (4347 − 200) × 60% = 2488.20 (57.2% of 4,347)
///   level 2: (4347 − 300) × 60% = 2428.20 (55.9%)
///   level 3: (4347 − 500) × 60% = 2308.20 (53.1%)
/// Assumed level mix for a county's urban residents (stated, not in the
/// source): 10% level 1 (few urban residents use township centres), 70%
/// level 2 (the county hospital), 20% level 3 (referrals out of the county):
/// 0.1 × 2488.20 + 0.7 × 2428.20 + 0.2 × 2308.20 = 2410.20, 55.4% of 4,347,
/// against the reported 2,200 and 50.6%.
/// With the rule before the change (level 3: 700 and 40%, line 241: 由原来的
/// 700元……由原来的40%), a level-3 stay gets (4347 − 700) × 40% = 1458.80: the
/// 2009 statistics may mix both rules.
/// If 380.33 of a level-2 stay of 4,347 were out of catalogue, the encoded
/// rules would give (3966.67 − 300) × 60% = 2200.00: the gap is about what
/// out-of-catalogue cost of under a tenth of the bill would explain.
#[test]
fn urban_resident_average_stay() {
    let levels = [
        ("township", "(4347 − 200) × 60% = 2488.20", "2488.20", 10),
        ("county", "(4347 − 300) × 60% = 2428.20", "2428.20", 70),
        ("city", "(4347 − 500) × 60% = 2308.20", "2308.20", 20),
    ];
    println!(
        "\n海原县城镇居民：一次住院 4347 元（全部按合规费用计）/ urban resident, one stay of 4,347"
    );
    println!(
        "{:<10} {:>10} {:>8} {:>8}",
        "level", "fund pays", "share", "mix"
    );
    let mut mixed = Decimal::ZERO;
    for (level, formula, expected, weight) in levels {
        let e = baked(stay("urban_resident", level, "4347", "0"));
        assert_eq!(formulas(&e, Basic), [formula]);
        let pays = paid(&e, Basic);
        assert_eq!(pays, expected);
        let share = (dec(&pays) / dec("4347") * dec("100")).round_dp(1);
        println!("{level:<10} {pays:>10} {share:>7}% {weight:>7}%");
        mixed += dec(&pays) * Decimal::from(weight) / dec("100");
    }
    assert_eq!(mixed, dec("2410.20"));
    let mixed_share = (mixed / dec("4347") * dec("100")).round_dp(1);
    assert_eq!(mixed_share, dec("55.4"));
    println!(
        "{:<10} {:>10} {:>7}%   (assumed mix 10/70/20)",
        "mix",
        mixed.round_dp(2),
        mixed_share
    );
    println!(
        "{:<10} {:>10} {:>7}%   (line 229: 人次平均支付统筹基金2200元, 统筹基金支付率50.6%)",
        "reported", "2200.00", "50.6"
    );

    // The rule before the change, through overrides (not the policy file).
    let mut old = stay("urban_resident", "city", "4347", "0");
    old["overrides"] = json!({ "basic.urban_resident.deductible.city": "700",
                               "basic.urban_resident.rate.city": "40%" });
    let e = baked(old);
    assert_eq!(formulas(&e, Basic), ["(4347 − 700) × 40% = 1458.80"]);
    println!(
        "{:<10} {:>10}            (level 3 under the former 700 / 40%)",
        "former",
        paid(&e, Basic)
    );

    // Some out-of-catalogue cost closes the gap at level 2.
    let e = baked(stay("urban_resident", "county", "3966.67", "380.33"));
    assert_eq!(formulas(&e, Basic), ["(3966.67 − 300) × 60% = 2200.00"]);
    assert_eq!(common::text(e.total), "4347.00");
    println!(
        "{:<10} {:>10}            (level 2, 3966.67 compliant + 380.33 out of catalogue)",
        "county",
        paid(&e, Basic)
    );
}

/// NCMS: the compliant cost of one stay that the encoded rules pay 1,205.43
/// for (the reported 人均补偿金额), c = 1205.43 / rate + deductible:
///   level 1: 1205.43 / 85% + 60 = 1478.15; (1478.15 − 60) × 85% = 1205.43
///   level 2: 1205.43 / 80% + 160 = 1666.79; (1666.79 − 160) × 80% = 1205.43
///   level 3: 1205.43 / 35% + 600 = 4044.09; (4044.09 − 600) × 35% = 1205.43
/// And what some round costs get:
///   1,000: 799.00 / 672.00 / 140.00; 3,000: 2499.00 / 2272.00 / 840.00;
///   10,000: 8449.00 / 7872.00 / 3290.00 (levels 1 / 2 / 3).
/// The report gives neither the total inpatient cost nor the stays per level,
/// so the average payment fits a township stay of about 1,500 as well as a
/// level-3 stay of about 4,000: it cannot test the rates.
#[test]
fn ncms_average_compensation() {
    println!("\n海原县新农合：补偿 1205.43 元对应的住院合规费用 / NCMS cost that gets 1,205.43");
    println!("{:<10} {:>10} {:>10}", "level", "cost", "fund pays");
    for (level, cost, formula) in [
        ("township", "1478.15", "(1478.15 − 60) × 85% = 1205.43"),
        ("county", "1666.79", "(1666.79 − 160) × 80% = 1205.43"),
        ("city", "4044.09", "(4044.09 − 600) × 35% = 1205.43"),
    ] {
        let e = baked(stay("ncms", level, cost, "0"));
        assert_eq!(formulas(&e, Basic), [formula]);
        assert_eq!(paid(&e, Basic), "1205.43");
        println!("{level:<10} {cost:>10} {:>10}", paid(&e, Basic));
    }

    println!("\n海原县新农合：几种住院费用的补偿 / NCMS payment on some costs");
    println!(
        "{:<10} {:>10} {:>10} {:>10}",
        "cost", "township", "county", "city"
    );
    for (cost, expected) in [
        ("1000", ["799.00", "672.00", "140.00"]),
        ("3000", ["2499.00", "2272.00", "840.00"]),
        ("10000", ["8449.00", "7872.00", "3290.00"]),
    ] {
        let got: Vec<String> = ["township", "county", "city"]
            .iter()
            .map(|level| paid(&baked(stay("ncms", level, cost, "0")), Basic))
            .collect();
        assert_eq!(got, expected, "{cost}");
        println!("{cost:<10} {:>10} {:>10} {:>10}", got[0], got[1], got[2]);
    }
    println!(
        "{:<10} {:>10}   (line 235: 人均补偿金额为1205.43元)",
        "reported", "1205.43"
    );
}
