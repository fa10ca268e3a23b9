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
use yibao::engine::Ratio;
use yibao::money::round_yuan;

fn stay(scheme: &str, level: &str, compliant: &str, out_of_policy: &str) -> Value {
    json!({ "policy": "haiyuan", "date": "2010-06-30", "scheme": scheme, "category": "ordinary",
            "age": 40,
            "admissions": [{ "level": level, "compliant": compliant, "out_of_policy": out_of_policy }] })
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

const SOURCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/policies/sources/003_fb6859ac0733cdd7.txt"
);

/// The figures the report gives on `line` of the source, each found there
/// after `before` and up to `after` (as written: `243万`, `50.6`), and read
/// as amounts the way a request's are.
fn reported(line: usize, figures: &[(&str, &str)]) -> Vec<Decimal> {
    let text = std::fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let line_text = text.lines().nth(line - 1).expect("the line");
    figures
        .iter()
        .map(|(before, after)| {
            let start = line_text
                .find(before)
                .unwrap_or_else(|| panic!("line {line} has no {before}"))
                + before.len();
            let written = &line_text[start..];
            let written = &written[..written.find(after).expect("the figure's end")];
            yibao::parse_amount("", written).unwrap_or_else(|e| panic!("{written}: {e}"))
        })
        .collect()
}

/// Urban residents, line 229: stays, total inpatient cost, fund spending,
/// average cost and fund payment per stay, fund share in percent.
fn urban_residents() -> [Decimal; 6] {
    reported(
        229,
        &[
            ("享受住院", "人次"),
            ("住院总费用", "元"),
            ("统筹基金支出", "元"),
            ("人次平均住院费用", "元"),
            ("人次平均支付统筹基金", "元"),
            ("统筹基金支付率", "%"),
        ],
    )
    .try_into()
    .expect("six figures")
}

/// The report's own figures, read from its lines 229 and 235, agree with
/// each other under the engine's rounding: 243万 / 559 = 4,347.05 (reported
/// 4,347 a stay), 123万 / 559 = 2,200.36 (2,200), the fund's share
/// 123万 / 243万 = 50.62% (50.6%); 3,081.79万 / 25,566 = 1,205.43.
#[test]
fn the_reported_figures_agree_with_each_other() {
    let [stays, total, fund, average_cost, average_fund, share] = urban_residents();
    assert_eq!(
        (stays, total, fund),
        (dec("559"), dec("2430000"), dec("1230000"))
    );
    // Each average to the yuan, as the report gives it.
    assert_eq!(round_yuan(total / stays), dec("4347.05"));
    assert_eq!((total / stays).round(), average_cost);
    assert_eq!(round_yuan(fund / stays), dec("2200.36"));
    assert_eq!((fund / stays).round(), average_fund);
    // The share as an estimate's effective ratio is computed.
    let ratio = Ratio::of(fund, total);
    assert_eq!(ratio.percent(), "50.62%");
    assert_eq!((ratio.value() * Decimal::ONE_HUNDRED).round_dp(1), share);

    let [compensated, paid_out, per_stay]: [Decimal; 3] = reported(
        235,
        &[
            ("住院补偿", "人次"),
            ("报销住院医药费", "元"),
            ("人均补偿金额为", "元"),
        ],
    )
    .try_into()
    .expect("three figures");
    assert_eq!(round_yuan(paid_out / compensated), per_stay);
    assert_eq!(per_stay, dec("1205.43"));
}

/// Urban residents: one stay of the reported average cost, 4,347 yuan (line
/// 229), taken as all compliant, at each level (60% at every level;
/// deductibles 200 and 300 assumed, 500 cited); the share is the estimate's
/// effective ratio:
///   level 1: (4347 − 200) × 60% = 2488.20 (57.24% of 4,347)
///   level 2: (4347 − 300) × 60% = 2428.20 (55.86%)
///   level 3: (4347 − 500) × 60% = 2308.20 (53.10%)
/// Assumed level mix for a county's urban residents (stated, not in the
/// source): 10% level 1 (few urban residents use township centres), 70%
/// level 2 (the county hospital), 20% level 3 (referrals out of the county),
/// estimated as one year of ten such stays: 1 × 2488.20 + 7 × 2428.20 +
/// 2 × 2308.20 = 24102, 2,410.20 a stay, 55.45% of the cost (under the
/// assumed annual cap of 30,000), against the reported 2,200 and 50.6%.
/// With the rule before the change (level 3: 700 and 40%, line 241: 由原来的
/// 700元……由原来的40%), a level-3 stay gets (4347 − 700) × 40% = 1458.80: the
/// 2009 statistics may mix both rules.
/// If 380.33 of a level-2 stay of 4,347 were out of catalogue, the encoded
/// rules would give (3966.67 − 300) × 60% = 2200.00: the gap is about what
/// out-of-catalogue cost of under a tenth of the bill would explain.
#[test]
fn urban_resident_average_stay() {
    let [_, _, _, average_cost, average_fund, share] = urban_residents();
    let cost = average_cost.to_string();
    assert_eq!(cost, "4347");
    let levels = [
        (
            "township",
            "(4347 − 200) × 60% = 2488.20",
            "2488.20",
            "57.24%",
        ),
        (
            "county",
            "(4347 − 300) × 60% = 2428.20",
            "2428.20",
            "55.86%",
        ),
        ("city", "(4347 − 500) × 60% = 2308.20", "2308.20", "53.10%"),
    ];
    println!(
        "\n海原县城镇居民：一次住院 {cost} 元（全部按合规费用计）/ urban resident, one stay of {cost}"
    );
    println!("{:<10} {:>10} {:>8}", "level", "fund pays", "share");
    for (level, formula, expected, ratio) in levels {
        let e = baked(stay("urban_resident", level, &cost, "0"));
        assert_eq!(formulas(&e, Basic), [formula]);
        assert_eq!(paid(&e, Basic), expected);
        assert_eq!(e.effective_ratio.percent(), ratio, "{level}");
        println!("{level:<10} {expected:>10} {ratio:>8}");
    }

    // The assumed mix, as a year of ten stays: 1 at level 1, 7 at level 2, 2 at level 3.
    let mut mix = stay("urban_resident", "township", &cost, "0");
    let one = mix["admissions"][0].clone();
    let at = |level: &str| {
        let mut s = one.clone();
        s["level"] = json!(level);
        s
    };
    mix["admissions"] = json!(
        [
            vec![at("township")],
            vec![at("county"); 7],
            vec![at("city"); 2]
        ]
        .concat()
    );
    let e = baked(mix);
    assert_eq!(paid(&e, Basic), "24102.00");
    assert_eq!(
        round_yuan(e.layers[0].paid.0 / Decimal::from(10)),
        dec("2410.20")
    );
    assert_eq!(e.effective_ratio.percent(), "55.45%");
    println!(
        "{:<10} {:>10} {:>8}   (assumed mix 10/70/20)",
        "mix",
        "2410.20",
        e.effective_ratio.percent()
    );
    println!(
        "{:<10} {:>10} {:>7}%   (line 229: 人次平均支付统筹基金2200元, 统筹基金支付率50.6%)",
        "reported", average_fund, share
    );

    // The rule before the change, through overrides (not the policy file).
    let mut old = stay("urban_resident", "city", &cost, "0");
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
    assert_eq!(dec(&paid(&e, Basic)), average_fund);
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

/// The statistics are in the policy file as reported entries (shown beside an
/// estimate, never used in it), each the figure the report gives on its line:
/// 50.6% and 2,200 yuan for urban residents (line 229), 1,205.43 yuan for the
/// co-op (line 235). The estimate shows a scheme's own entries only.
#[test]
fn the_statistics_are_reported_entries() {
    let policy = common::baked_policy("haiyuan");
    let [_, _, _, _, average_fund, share] = urban_residents();
    let [per_stay]: [Decimal; 1] = reported(235, &[("人均补偿金额为", "元")])
        .try_into()
        .expect("one figure");
    let entries: Vec<(Decimal, String)> = policy.versions[0]
        .reported
        .iter()
        .map(|r| {
            let yibao::policy::Origin::Cited(c) = &r.value.origin else {
                panic!("{} is not cited", r.what_en)
            };
            (r.value.value, c.to_string())
        })
        .collect();
    let source = "003_fb6859ac0733cdd7.txt";
    assert_eq!(
        entries,
        [
            (share / Decimal::ONE_HUNDRED, format!("{source}:229")),
            (average_fund, format!("{source}:229")),
            (per_stay, format!("{source}:235")),
        ]
    );
    let e = baked(stay("urban_resident", "city", "10000", "0"));
    let shown: Vec<&str> = e.reported.iter().map(|r| r.value.as_str()).collect();
    assert_eq!(shown, ["50.6%", "2200"]);
    let e = baked(stay("ncms", "city", "10000", "0"));
    let shown: Vec<&str> = e.reported.iter().map(|r| r.value.as_str()).collect();
    assert_eq!(shown, ["1205.43"]);
}
