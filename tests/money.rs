//! Amount reading, formatting and the one rounding rule (src/money.rs).

use proptest::prelude::*;
use rust_decimal::Decimal;
use yibao::money::{MAX_AMOUNT, format_yuan, parse_amount, round_yuan, to_decimal_string};
use yibao::{AmountError, ErrorKind, read_amount};

fn dec(text: &str) -> Decimal {
    text.parse().expect("test decimal")
}

fn parsed(text: &str) -> String {
    match parse_amount("compliant", text) {
        Ok(amount) => to_decimal_string(amount),
        Err(error) => panic!("{text:?} should be an amount, got {error}"),
    }
}

fn refused(text: &str) -> ErrorKind {
    match parse_amount("compliant", text) {
        Ok(amount) => panic!("{text:?} should be refused, got {amount}"),
        Err(error) => {
            assert_eq!(error.field(), "compliant");
            error.kind().clone()
        }
    }
}

#[test]
fn rounding_rule_is_to_the_fen_half_away_from_zero() {
    // 四舍五入 to 0.01 yuan: a half fen goes up, less than half goes down.
    assert_eq!(round_yuan(dec("2.345")), dec("2.35"));
    assert_eq!(round_yuan(dec("2.355")), dec("2.36"));
    assert_eq!(round_yuan(dec("2.3449")), dec("2.34"));
    assert_eq!(round_yuan(dec("-2.345")), dec("-2.35"));
    // (10000 − 500) × 60% = 5700 exactly; 3333.333… × 1 stays 3333.33.
    assert_eq!(
        round_yuan((dec("10000") - dec("500")) * dec("0.60")),
        dec("5700.00")
    );
    assert_eq!(round_yuan(dec("10000") / dec("3")), dec("3333.33"));
}

#[test]
fn wire_form_always_has_two_places() {
    assert_eq!(to_decimal_string(dec("12000")), "12000.00");
    assert_eq!(to_decimal_string(dec("0")), "0.00");
    assert_eq!(to_decimal_string(dec("4347.5")), "4347.50");
    assert_eq!(to_decimal_string(dec("1205.435")), "1205.44");
}

#[test]
fn display_form_groups_thousands() {
    assert_eq!(format_yuan(dec("0")), "0.00");
    assert_eq!(format_yuan(dec("999.9")), "999.90");
    assert_eq!(format_yuan(dec("1000")), "1,000.00");
    assert_eq!(format_yuan(dec("12000")), "12,000.00");
    assert_eq!(format_yuan(dec("100000000")), "100,000,000.00");
    assert_eq!(format_yuan(dec("-1234567.891")), "-1,234,567.89");
}

#[test]
fn reads_amounts_as_people_type_them() {
    assert_eq!(parsed("12000"), "12000.00");
    assert_eq!(parsed("12,000"), "12000.00");
    assert_eq!(parsed("12，000"), "12000.00");
    assert_eq!(parsed("１２０００"), "12000.00");
    assert_eq!(parsed("１２，０００．５"), "12000.50");
    assert_eq!(parsed("1.2万"), "12000.00");
    assert_eq!(parsed("1.2万元"), "12000.00");
    assert_eq!(parsed("1.2w"), "12000.00");
    assert_eq!(parsed("1.2W"), "12000.00");
    assert_eq!(parsed("3千"), "3000.00");
    assert_eq!(parsed("3k"), "3000.00");
    assert_eq!(parsed("¥4,347"), "4347.00");
    assert_eq!(parsed("￥4347元"), "4347.00");
    assert_eq!(parsed("  4347.5 "), "4347.50");
    assert_eq!(parsed("1。5万"), "15000.00");
    assert_eq!(parsed(".5"), "0.50");
    assert_eq!(parsed("0"), "0.00");
    assert_eq!(parsed("+12"), "12.00");
    assert_eq!(parsed("1.234567万"), "12345.67");
    assert_eq!(parsed("12.3400"), "12.34");
    assert_eq!(parsed("10000万"), "100000000.00");
}

#[test]
fn refuses_what_is_not_an_amount_and_says_why() {
    assert_eq!(refused(""), AmountError::Empty);
    assert_eq!(refused("   "), AmountError::Empty);
    assert_eq!(refused("-5"), AmountError::Negative);
    assert_eq!(refused("－５"), AmountError::Negative);
    assert_eq!(refused("-1.2万"), AmountError::Negative);
    for text in [
        "abc", "1e5", "1e400", "NaN", "inf", "1.2.3", ".", "万", "1_000", "<script>", "12元5",
        "💊", "0x10", "--5",
    ] {
        assert_eq!(refused(text), AmountError::NotAnAmount, "{text:?}");
    }
    // Commas only as thousands separators: `1,2,3` is not 123, `12,50` (a
    // decimal comma) not 1,250, `1,20000` not 120,000.
    for text in [
        "1,2,3",
        "12,50",
        "1,20000",
        "12,",
        ",12",
        "1,,2",
        "1234,567",
        "1,234,56",
        "1,2345.00",
    ] {
        assert_eq!(refused(text), AmountError::BadGrouping, "{text:?}");
    }
    assert_eq!(parsed("1,234,567.50"), "1234567.50");
    assert_eq!(parsed("12，000"), "12000.00");
    assert_eq!(parsed("1,200万"), "12000000.00");
    assert_eq!(refused(&"9".repeat(65)), AmountError::NotAnAmount);
    // A point may be a decimal point or a thousands separator where exactly
    // three digits follow it: asked, not guessed.
    for text in [
        "12.000",
        "1.500",
        "999.010",
        "12.345",
        "¥12.000元",
        "１２。０００",
    ] {
        assert_eq!(refused(text), AmountError::AmbiguousPoint, "{text:?}");
    }
    // Only a decimal point: after a comma, a leading zero or four digits, before
    // a unit, or with other than three digits after it.
    assert_eq!(parsed("12,000.500"), "12000.50");
    assert_eq!(parsed("0.500"), "0.50");
    assert_eq!(parsed("1234.500"), "1234.50");
    assert_eq!(parsed("1.500万"), "15000.00");
    assert_eq!(parsed("12.0000"), "12.00");
    assert_eq!(parsed("12.00"), "12.00");
    // Two points are neither: refused, with the forms that are read.
    assert_eq!(refused("12.000.000"), AmountError::NotAnAmount);
    assert_eq!(refused("12.3456"), AmountError::TooManyDecimals);
    assert_eq!(refused("1234.567"), AmountError::TooManyDecimals);
    assert_eq!(refused("1.2345678万"), AmountError::TooManyDecimals);
    assert_eq!(refused("100000000.01"), AmountError::TooLarge);
    assert_eq!(refused("1000000000"), AmountError::TooLarge);
    assert_eq!(refused("10001万"), AmountError::TooLarge);
    assert_eq!(refused(&"9".repeat(40)), AmountError::TooLarge);
}

#[test]
fn errors_name_the_field_in_both_languages() {
    let error = read_amount("admissions[1].out_of_policy", "-3").unwrap_err();
    assert_eq!(
        error.to_string(),
        "admissions[1].out_of_policy: 金额不能为负数 (the amount cannot be negative)"
    );
    let error = read_amount("stays[0].compliant", "1.500").unwrap_err();
    assert_eq!(
        error.to_string(),
        "stays[0].compliant: 点后三位看不出是不是小数：12.000 是一万二千元还是十二元？请写 12000 或 12 \
         (three digits after a point: is 12.000 twelve thousand or twelve? Type 12000 or 12)"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any amount in fen, written plain, grouped or in 万, reads back exactly.
    #[test]
    fn every_amount_in_range_reads_back(fen in 0i64..=10_000_000_000) {
        let amount = Decimal::new(fen, 2);
        prop_assert_eq!(parse_amount("x", &to_decimal_string(amount)).unwrap(), amount);
        prop_assert_eq!(parse_amount("x", &format_yuan(amount)).unwrap(), amount);
        let wan = (amount / Decimal::from(10_000)).normalize();
        prop_assert_eq!(parse_amount("x", &format!("{wan}万")).unwrap(), amount);
    }

    /// Whatever is typed, reading it returns an amount in range or an error; never a panic.
    #[test]
    fn any_text_is_an_amount_in_range_or_an_error(text in "\\PC{0,80}") {
        if let Ok(amount) = parse_amount("x", &text) {
            prop_assert!(amount >= Decimal::ZERO && amount <= MAX_AMOUNT);
            prop_assert!(amount.scale() <= 2);
        }
    }

    /// Text made of the characters an amount may contain also never panics.
    #[test]
    fn amount_like_text_never_panics(text in "[0-9０-９.,，。万千wk¥￥元+-]{0,30}") {
        let _ = parse_amount("x", &text);
    }

    /// The hand-written digit writer gives exactly `Display`'s text.
    #[test]
    fn plain_digits_match_display(mantissa in any::<i64>(), scale in 0u32..=28) {
        let value = Decimal::new(mantissa, scale);
        prop_assert_eq!(yibao::money::plain(value), value.to_string());
    }

    /// Rounding moves an amount by at most half a fen and lands on a whole fen.
    #[test]
    fn rounding_is_within_half_a_fen(mantissa in -1_000_000_000_000i64..1_000_000_000_000, scale in 0u32..8) {
        let amount = Decimal::new(mantissa, scale);
        let rounded = round_yuan(amount);
        prop_assert!((rounded - amount).abs() <= Decimal::new(5, 3));
        prop_assert!(rounded.scale() <= 2);
    }
}
