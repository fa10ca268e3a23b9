//! Exact rational numbers of yuan (or plain ratios): an `i128` numerator over
//! a positive `i128` denominator, always in lowest terms. Every operation is
//! exact, and an overflow panics rather than wrapping; the amounts here (at
//! most a few 10¹⁰ fen) times rates with denominators like 100 or 23 stay
//! many orders of magnitude below the limit.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Sub};

use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy)]
pub struct Exact {
    num: i128,
    /// Positive; `gcd(num, den) == 1`.
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

fn checked(value: Option<i128>) -> i128 {
    value.expect("exact arithmetic overflowed i128")
}

impl Exact {
    pub const ZERO: Exact = Exact { num: 0, den: 1 };

    /// `num / den` in lowest terms.
    pub fn new(num: i128, den: i128) -> Exact {
        assert!(den != 0, "exact: division by zero");
        let g = gcd(num, den);
        let sign = den.signum();
        Exact {
            num: sign * (num / g),
            den: sign * (den / g),
        }
    }

    /// A decimal, read once as what it says: mantissa / 10^scale.
    pub fn from_decimal(value: Decimal) -> Exact {
        Exact::new(value.mantissa(), 10i128.pow(value.scale()))
    }

    /// A whole number (an age, a count).
    pub fn whole(value: i128) -> Exact {
        Exact::new(value, 1)
    }

    /// An amount of fen.
    pub fn fen(fen: i128) -> Exact {
        Exact::new(fen, 100)
    }

    /// The rounding rule: to the fen, half away from zero (四舍五入).
    pub fn round_fen(self) -> Exact {
        let in_fen = checked(self.num.checked_mul(100));
        let (quotient, remainder) = (in_fen / self.den, in_fen % self.den);
        let away = 2 * remainder.abs() >= self.den;
        Exact::fen(quotient + if away { in_fen.signum() } else { 0 })
    }

    /// Exactly half a fen past a whole fen: where the rounding rule decides.
    pub fn ends_in_half_fen(self) -> bool {
        Exact::new(checked(self.num.checked_mul(100)), self.den).den == 2
    }

    /// The number of whole fen, for an amount that is a whole number of fen.
    pub fn whole_fen(self) -> Option<i128> {
        let in_fen = Exact::new(checked(self.num.checked_mul(100)), self.den);
        (in_fen.den == 1).then_some(in_fen.num)
    }

    pub fn is_positive(self) -> bool {
        self.num > 0
    }
}

impl Exact {
    fn plus(self, other: Exact) -> Exact {
        let left = checked(self.num.checked_mul(other.den));
        let right = checked(other.num.checked_mul(self.den));
        Exact::new(
            checked(left.checked_add(right)),
            checked(self.den.checked_mul(other.den)),
        )
    }

    fn times(self, other: Exact) -> Exact {
        // Cross-reduce first to keep the factors small.
        let a = Exact::new(self.num, other.den);
        let b = Exact::new(other.num, self.den);
        Exact::new(
            checked(a.num.checked_mul(b.num)),
            checked(a.den.checked_mul(b.den)),
        )
    }
}

impl Add for Exact {
    type Output = Exact;
    fn add(self, other: Exact) -> Exact {
        self.plus(other)
    }
}

impl AddAssign for Exact {
    fn add_assign(&mut self, other: Exact) {
        *self = self.plus(other);
    }
}

impl Sub for Exact {
    type Output = Exact;
    fn sub(self, other: Exact) -> Exact {
        let negated = Exact::new(checked(other.num.checked_neg()), other.den);
        self.plus(negated)
    }
}

impl Mul for Exact {
    type Output = Exact;
    fn mul(self, other: Exact) -> Exact {
        self.times(other)
    }
}

impl Div for Exact {
    type Output = Exact;
    fn div(self, other: Exact) -> Exact {
        assert!(other.num != 0, "exact: division by zero");
        self.times(Exact::new(other.den, other.num))
    }
}

impl std::iter::Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(iter: I) -> Exact {
        iter.fold(Exact::ZERO, Exact::plus)
    }
}

impl PartialEq for Exact {
    fn eq(&self, other: &Exact) -> bool {
        // Both in lowest terms with positive denominators.
        self.num == other.num && self.den == other.den
    }
}

impl Eq for Exact {}

impl Ord for Exact {
    fn cmp(&self, other: &Exact) -> Ordering {
        let left = checked(self.num.checked_mul(other.den));
        let right = checked(other.num.checked_mul(self.den));
        left.cmp(&right)
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Exact) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// As a decimal when it is one with at most 12 places (`2050.015`, whole
/// fen always with two places: `60000.00`); otherwise as `n/d`.
/// Pads to the formatter's width, for tables.
impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let places = (2..=12u32).find(|&places| 10i128.pow(places) % self.den == 0);
        let text = match places {
            Some(places) => {
                let scale = 10i128.pow(places);
                let scaled = self.num * (scale / self.den);
                let sign = if scaled < 0 { "-" } else { "" };
                let (whole, part) = (scaled.abs() / scale, scaled.abs() % scale);
                let width = places as usize;
                format!("{sign}{whole}.{part:0width$}")
            }
            None => format!("{}/{}", self.num, self.den),
        };
        f.pad(&text)
    }
}
