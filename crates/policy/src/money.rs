//! Money: the one rounding rule, and reading and writing yuan amounts.
//!
//! # The rounding rule
//!
//! Amounts are exact [`Decimal`]s and arithmetic on them is checked. A
//! calculation keeps full precision until it produces a payment; that payment
//! is rounded once, by [`round_yuan`]: to 0.01 yuan (one fen), half away from
//! zero (四舍五入, as Chinese settlement does). Whatever is left to the patient
//! is the total minus the rounded payments, so it needs no rounding of its own
//! and payments + out-of-pocket = total holds exactly.
//!
//! A bill given as its total only is split by the same rule before any layer
//! pays: compliant = total × the version's compliant share, rounded once by
//! [`round_yuan`]; out of policy = total − compliant, so the two add up to
//! the total exactly (the engine's `split`).
//!
//! # Amounts typed by people
//!
//! [`parse_amount`] accepts what residents type or paste: `12000`, `12,000`,
//! full-width `１２０００`, `1.2万` (also `1.2w`), `3千`, `¥12000`, `12000元`.
//! Amounts cross the wasm and JSON boundaries as decimal strings with two
//! places ([`to_decimal_string`]), never as floating-point numbers.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::error::{AmountError, Error};

/// Places kept in every payment: fen (0.01 yuan).
pub const FEN_PLACES: u32 = 2;

/// The largest amount accepted: 100,000,000 yuan (1 亿). No hospital bill of
/// one household comes near it, so anything above is a typing mistake, and the
/// bound keeps every later multiplication far from `Decimal`'s limits.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);

/// Longest text read as an amount; longer input is rejected before any work.
const MAX_TEXT_CHARS: usize = 64;

/// The rounding rule: to 0.01 yuan, half away from zero (四舍五入).
pub fn round_yuan(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(FEN_PLACES, RoundingStrategy::MidpointAwayFromZero)
}

/// The wire form of an amount: rounded by [`round_yuan`], always two places,
/// no grouping (`"12000.00"`).
pub fn to_decimal_string(amount: Decimal) -> String {
    let mut rounded = round_yuan(amount);
    rounded.rescale(FEN_PLACES);
    plain(rounded)
}

/// A decimal as plain digits with as many places as its scale (`"4347.50"`,
/// `"-0.005"`). Same text as `Display`; written by hand because explanations
/// format dozens of numbers per estimate and `Display` was a fifth of its time.
pub fn plain(value: Decimal) -> String {
    let mantissa = value.mantissa();
    let Ok(mut rest) = u64::try_from(mantissa.unsigned_abs()) else {
        return value.to_string(); // beyond any amount this crate produces
    };
    // Written right to left into a buffer: at most 20 digits, 28 places, "-0.".
    let mut buf = [0u8; 52];
    let mut at = buf.len();
    let scale = value.scale() as usize;
    let mut written = 0;
    while rest > 0 || written <= scale {
        if written == scale && scale > 0 {
            at -= 1;
            buf[at] = b'.';
        }
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        written += 1;
    }
    if mantissa < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    std::str::from_utf8(&buf[at..]).map_or_else(|_| value.to_string(), str::to_string)
}

/// The display form of an amount: two places, digits grouped by thousands
/// (`"12,000.00"`), the way amounts are written on Chinese bills.
pub fn format_yuan(amount: Decimal) -> String {
    let plain = to_decimal_string(amount);
    let (sign, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (int_part, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, "00"));
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, digit) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped}.{frac_part}")
}

/// An amount as read from text: the wire form and the display form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedAmount {
    /// `"12000.00"`: what goes into requests.
    pub value: String,
    /// `"12,000.00"`: what the user sees.
    pub display: String,
}

impl ParsedAmount {
    pub fn new(amount: Decimal) -> Self {
        ParsedAmount {
            value: to_decimal_string(amount),
            display: format_yuan(amount),
        }
    }
}

/// Reads an amount of yuan typed by a person. `field` names the input for
/// the error message.
///
/// Accepted: ASCII or full-width digits; `.`, `．` or `。` (what a Chinese
/// input method gives for a full stop) as the decimal point (one before
/// exactly three digits, as in `12.000`, may be a thousands separator:
/// [`AmountError::AmbiguousPoint`]); `,` or `，`
/// as thousands separators (every three digits from the point, else
/// [`AmountError::BadGrouping`]); spaces; a leading `¥`/`￥` or `+`; a
/// trailing `元`; a unit `万`/`w`/`W` (×10,000) or `千`/`k`/`K` (×1,000)
/// before it. The result has at most two decimal places and lies in
/// 0 ..= [`MAX_AMOUNT`]; anything else is an error naming `field`.
pub fn parse_amount(field: &str, text: &str) -> Result<Decimal, Error> {
    let fail = |kind| Err(Error::new(field, kind));
    if text.chars().count() > MAX_TEXT_CHARS {
        return fail(AmountError::NotAnAmount);
    }
    let folded: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(ascii_digit)
        .map(|c| match c {
            '．' | '。' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '＋' => '+',
            '￥' => '¥',
            'W' => 'w',
            'K' => 'k',
            other => other,
        })
        .collect();
    if folded.is_empty() {
        return fail(AmountError::Empty);
    }

    let mut rest = folded.as_str();
    rest = rest.strip_suffix('元').unwrap_or(rest);
    let multiplier = if let Some(r) = rest.strip_suffix(['万', 'w']) {
        rest = r;
        Decimal::from(10_000)
    } else if let Some(r) = rest.strip_suffix(['千', 'k']) {
        rest = r;
        Decimal::from(1_000)
    } else {
        Decimal::ONE
    };
    rest = rest.strip_prefix('¥').unwrap_or(rest);
    let negative = if let Some(r) = rest.strip_prefix('-') {
        rest = r;
        true
    } else {
        rest = rest.strip_prefix('+').unwrap_or(rest);
        false
    };
    rest = rest.strip_prefix('¥').unwrap_or(rest);

    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, ""));
    let whole_ok = whole.chars().all(|c| c.is_ascii_digit() || c == ',');
    let fraction_ok = fraction.chars().all(|c| c.is_ascii_digit());
    let has_digit = whole
        .chars()
        .chain(fraction.chars())
        .any(|c| c.is_ascii_digit());
    if !(whole_ok && fraction_ok && has_digit) {
        return fail(AmountError::NotAnAmount);
    }
    if negative {
        return fail(AmountError::Negative);
    }
    // One point before three digits is a thousands separator in much of the
    // world and a decimal point here: `12.000` is 12,000 or 12, so ask. Not
    // where it can only be a decimal point: after a comma, a leading zero or
    // more than three digits, or before a unit (`1.500万`).
    if fraction.len() == 3
        && (1..=3).contains(&whole.len())
        && !whole.starts_with('0')
        && !whole.contains(',')
        && multiplier == Decimal::ONE
    {
        return fail(AmountError::AmbiguousPoint);
    }
    // A comma must be a thousands separator: `1,2,3` or `12,50` (a decimal
    // comma) would otherwise be read as 123 and 1,250.
    if whole.contains(',') {
        let mut groups = whole.split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !(first_ok && groups.all(|g| g.len() == 3)) {
            return fail(AmountError::BadGrouping);
        }
    }

    let whole_digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    let whole_digits = whole_digits.trim_start_matches('0');
    // 1 亿 has nine digits; a longer whole part is too large even before the
    // unit, and this keeps the text within what Decimal can hold.
    if whole_digits.len() > 9 {
        return fail(AmountError::TooLarge);
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > 6 {
        return fail(AmountError::TooManyDecimals);
    }
    let digits = format!(
        "{}.{}",
        if whole_digits.is_empty() {
            "0"
        } else {
            whole_digits
        },
        fraction
    );
    let Ok(number) = digits.trim_end_matches('.').parse::<Decimal>() else {
        return fail(AmountError::NotAnAmount);
    };
    let Some(amount) = number.checked_mul(multiplier) else {
        return fail(AmountError::TooLarge);
    };
    let amount = amount.normalize();
    if amount > MAX_AMOUNT {
        return fail(AmountError::TooLarge);
    }
    if amount.scale() > FEN_PLACES {
        return fail(AmountError::TooManyDecimals);
    }
    Ok(amount)
}

/// A full-width digit (`１`, as Chinese input methods type it) as its ASCII
/// digit; any other character as it is.
pub fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        c => c,
    }
}

/// [`parse_amount`], returning both forms for display.
pub fn read_amount(field: &str, text: &str) -> Result<ParsedAmount, Error> {
    parse_amount(field, text).map(ParsedAmount::new)
}
