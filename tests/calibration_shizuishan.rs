//! Calibration of policies/shizuishan.toml against what Shizuishan observed in
//! January–June 2010 (003_fb6859ac0733cdd7.txt line 97):
//!
//! - employees (城镇职工): 10477 stays, total cost 7369万, fund 4862万,
//!   in-policy ratio 70.2%;
//! - urban residents (城镇居民): 6010 stays, 3254万, fund 1436万, 50.4%;
//! - co-op (新农合): 10544 stays, 3506万, compensation 1312万, actual ratio
//!   37.4% (not encoded: the text gives no co-op rule).
//!
//! These are outcomes, not rules: nothing here feeds back into the policy file.
//! The tests estimate comparable stays under the encoded rules, assert the
//! (deterministic) results, and show why they fall short of the observed ratios:
//! under a single rate r with a positive deductible every stay's ratio is below
//! r, and the observed ratio is a weighted average of stays' ratios, so no mix
//! of stays reaches 70.2% (or 50.4%) with r = 70% (or 50%). The explanation is
//! in the policy file's notes. Run with `--nocapture` to see the tables.

mod common;

use common::{baked, paid};
use rust_decimal::Decimal;
use serde_json::json;
use yibao::engine::Estimate;
use yibao::engine::LayerId::Basic;
use yibao::money::{round_yuan, to_decimal_string};
use yibao::policy::Scheme;

const LEVELS: [&str; 3] = ["township", "county", "city"];

/// One scheme's half-year figures from line 97 (amounts in 万元).
struct Observed {
    scheme: &'static str,
    name: &'static str,
    stays: u32,
    total_wan: u32,
    fund_wan: u32,
    /// The reported in-policy ratio, as a fraction.
    ratio: Decimal,
}

const EMPLOYEES: Observed = Observed {
    scheme: "employee",
    name: "城镇职工 employees",
    stays: 10477,
    total_wan: 7369,
    fund_wan: 4862,
    ratio: Decimal::from_parts(702, 0, 0, false, 3),
};

const RESIDENTS: Observed = Observed {
    scheme: "urban_resident",
    name: "城镇居民 urban residents",
    stays: 6010,
    total_wan: 3254,
    fund_wan: 1436,
    ratio: Decimal::from_parts(504, 0, 0, false, 3),
};

const WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

impl Observed {
    /// The average total cost of a stay, taken as all compliant (an upper bound
    /// of the compliant cost).
    fn average_stay(&self) -> Decimal {
        round_yuan(Decimal::from(self.total_wan) * WAN / Decimal::from(self.stays))
    }

    /// The average in-policy cost the report implies: fund ÷ ratio ÷ stays.
    fn implied_compliant_stay(&self) -> Decimal {
        round_yuan(Decimal::from(self.fund_wan) * WAN / self.ratio / Decimal::from(self.stays))
    }

    /// The fund's average payment per stay.
    fn average_fund(&self) -> Decimal {
        round_yuan(Decimal::from(self.fund_wan) * WAN / Decimal::from(self.stays))
    }
}

fn one_stay(scheme: &str, level: &str, compliant: Decimal) -> Estimate {
    baked(json!({
        "policy": "shizuishan",
        "date": "2010-06-30",
        "scheme": scheme,
        "category": "ordinary",
        "admissions": [{ "level": level, "compliant": to_decimal_string(compliant) }],
    }))
}

fn percent(ratio: &str) -> String {
    let r: Decimal = ratio.parse().expect("a ratio");
    format!("{:.2}%", r * Decimal::ONE_HUNDRED)
}

/// For each level: (basic paid, effective ratio) of one stay of `compliant`.
fn by_level(scheme: &str, compliant: Decimal) -> Vec<(String, String)> {
    LEVELS
        .iter()
        .map(|level| {
            let e = one_stay(scheme, level, compliant);
            (paid(&e, Basic), e.effective_ratio.to_string())
        })
        .collect()
}

/// A row of the table: label, compliant cost, (paid, ratio) at each level.
type Row<'a> = (&'a str, Decimal, Vec<(String, String)>);

fn table(observed: &Observed, rows: &[Row]) {
    println!(
        "\n{}: observed {} stays, fund {} per stay, in-policy ratio {:.1}%",
        observed.name,
        observed.stays,
        to_decimal_string(observed.average_fund()),
        observed.ratio * Decimal::ONE_HUNDRED,
    );
    println!(
        "  {:<34} {:>10}   {:>18} {:>18} {:>18}",
        "stay", "compliant", "township (L1)", "county (L2)", "city (L3)"
    );
    for (label, compliant, results) in rows {
        let cells: Vec<String> = results
            .iter()
            .map(|(paid, ratio)| format!("{paid} = {}", percent(ratio)))
            .collect();
        println!(
            "  {:<34} {:>10}   {:>18} {:>18} {:>18}",
            label,
            to_decimal_string(*compliant),
            cells[0],
            cells[1],
            cells[2]
        );
    }
}

/// Employees. The average stay costs 7369万 ÷ 10477 = 7033.50; the in-policy
/// cost implied by the report is 4862万 ÷ 70.2% ÷ 10477 = 6610.60. Under the
/// encoded rules (70%, deductibles assumed 200/300/700):
/// 7033.50: (7033.50 − 200) × 70% = 4783.45 (68.01%), − 300: 4713.45 (67.01%),
/// − 700: 4433.45 (63.03%); 6610.60: 4487.42 (67.88%), 4417.42 (66.82%),
/// 4137.42 (62.59%). All below the observed 70.2%; the fund actually paid
/// 4862万 ÷ 10477 = 4640.64 per stay.
#[test]
fn employees_typical_stays_against_the_observed_70_2_percent() {
    let average = EMPLOYEES.average_stay();
    let implied = EMPLOYEES.implied_compliant_stay();
    assert_eq!(to_decimal_string(average), "7033.50");
    assert_eq!(to_decimal_string(implied), "6610.60");
    assert_eq!(to_decimal_string(EMPLOYEES.average_fund()), "4640.64");

    let at_average = by_level("employee", average);
    let at_implied = by_level("employee", implied);
    assert_eq!(
        at_average,
        [
            ("4783.45".to_string(), "0.6801".to_string()),
            ("4713.45".to_string(), "0.6701".to_string()),
            ("4433.45".to_string(), "0.6303".to_string()),
        ]
    );
    assert_eq!(
        at_implied,
        [
            ("4487.42".to_string(), "0.6788".to_string()),
            ("4417.42".to_string(), "0.6682".to_string()),
            ("4137.42".to_string(), "0.6259".to_string()),
        ]
    );
    table(
        &EMPLOYEES,
        &[
            ("average cost (7369万 / 10477)", average, at_average),
            ("implied in-policy (4862万/70.2%/n)", implied, at_implied),
        ],
    );
}

/// Urban residents. The average stay costs 3254万 ÷ 6010 = 5414.31; the
/// implied in-policy cost is 1436万 ÷ 50.4% ÷ 6010 = 4740.78. Under the encoded
/// rules (50%, deductibles assumed 200/300/500):
/// 5414.31: 2607.16 (48.15%), 2557.16 (47.23%), 2457.16 (45.38%);
/// 4740.78: 2270.39 (47.89%), 2220.39 (46.84%), 2120.39 (44.73%).
/// All below the observed 50.4%; the fund actually paid 2389.35 per stay.
#[test]
fn urban_residents_typical_stays_against_the_observed_50_4_percent() {
    let average = RESIDENTS.average_stay();
    let implied = RESIDENTS.implied_compliant_stay();
    assert_eq!(to_decimal_string(average), "5414.31");
    assert_eq!(to_decimal_string(implied), "4740.78");
    assert_eq!(to_decimal_string(RESIDENTS.average_fund()), "2389.35");

    let at_average = by_level("urban_resident", average);
    let at_implied = by_level("urban_resident", implied);
    assert_eq!(
        at_average,
        [
            ("2607.16".to_string(), "0.4815".to_string()),
            ("2557.16".to_string(), "0.4723".to_string()),
            ("2457.16".to_string(), "0.4538".to_string()),
        ]
    );
    assert_eq!(
        at_implied,
        [
            ("2270.39".to_string(), "0.4789".to_string()),
            ("2220.39".to_string(), "0.4684".to_string()),
            ("2120.39".to_string(), "0.4473".to_string()),
        ]
    );
    table(
        &RESIDENTS,
        &[
            ("average cost (3254万 / 6010)", average, at_average),
            ("implied in-policy (1436万/50.4%/n)", implied, at_implied),
        ],
    );
}

/// Why no mix of stays can match: small and very large stays only lower the
/// ratio. A township stay of 150 (below the 200 deductible) gets 0%; an
/// employee's city stay of 300,000 gets (300000 − 700) × 70% = 209510, capped
/// at 180000 (60.00%); a resident's city stay of 250,000 gets
/// (250000 − 500) × 50% = 124750, capped at 100000 (40.00%). Over a sweep of
/// stays from 1,000 to 250,000 at every level, no stay reaches the encoded
/// rate, let alone the observed 70.2% and 50.4%.
#[test]
fn small_and_large_stays_only_lower_the_ratio() {
    let small = one_stay("employee", "township", Decimal::from(150));
    assert_eq!(small.effective_ratio.to_string(), "0.0000");
    let large = one_stay("employee", "city", Decimal::from(300_000));
    assert_eq!(paid(&large, Basic), "180000.00");
    assert_eq!(large.effective_ratio.to_string(), "0.6000");
    let large = one_stay("urban_resident", "city", Decimal::from(250_000));
    assert_eq!(paid(&large, Basic), "100000.00");
    assert_eq!(large.effective_ratio.to_string(), "0.4000");

    println!("\nhighest ratio of one stay under the encoded rules (1,000–250,000, every level):");
    for (observed, rate) in [(&EMPLOYEES, "0.70"), (&RESIDENTS, "0.50")] {
        let rate: Decimal = rate.parse().expect("a rate");
        let mut highest = Decimal::ZERO;
        for compliant in [1_000, 5_000, 10_000, 50_000, 100_000, 250_000] {
            for level in LEVELS {
                let e = one_stay(observed.scheme, level, Decimal::from(compliant));
                let ratio: Decimal = e.effective_ratio.value();
                assert!(
                    ratio < rate,
                    "{} {level} {compliant}: {ratio}",
                    observed.scheme
                );
                highest = highest.max(ratio);
            }
        }
        assert!(highest < observed.ratio);
        println!(
            "  {:<26} {} (encoded rate {:.0}%, observed {:.1}%)",
            observed.name,
            percent(&highest.to_string()),
            rate * Decimal::ONE_HUNDRED,
            observed.ratio * Decimal::ONE_HUNDRED,
        );
    }
}

/// The co-op's 37.4% is compensation over total cost (out-of-policy cost
/// included): 1312万 ÷ 3506万 = 37.42%. It is not comparable with the
/// in-policy ratios above and, the text giving no co-op rule, is not encoded.
#[test]
fn ncms_observed_ratio_is_over_total_cost_and_not_encoded() {
    let ratio = (Decimal::from(1312) / Decimal::from(3506)).round_dp(4);
    assert_eq!(ratio.to_string(), "0.3742");
    let policy = yibao::baked::policies()
        .expect("baked")
        .iter()
        .find(|p| p.id == "shizuishan")
        .expect("Shizuishan is baked");
    assert_eq!(
        policy.versions[0].schemes,
        [Scheme::Employee, Scheme::UrbanResident]
    );
    println!(
        "\n新农合 co-op: observed 1312万 / 3506万 = {} of total cost (reported 37.4%); not encoded",
        percent(&ratio.to_string())
    );
}
