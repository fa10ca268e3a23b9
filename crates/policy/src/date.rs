//! Calendar dates (YYYY-MM-DD), for the days a policy version is in force.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::error::InputError;

/// The years dates are read for: policies of the past and the future, and
/// nothing a typing slip (0000, 20200) would give.
pub const YEARS: std::ops::RangeInclusive<u16> = 1900..=2200;

/// A day of the Gregorian calendar. Fields in this order, so that the
/// derived ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Reads `YYYY-MM-DD`; `None` for any other text or a day that does not exist.
    pub fn parse(text: &str) -> Option<Date> {
        Date::read(text).ok()
    }

    /// Reads `YYYY-MM-DD`, saying what is wrong: not written so
    /// ([`InputError::NotADate`]), a year outside [`YEARS`], or a day the
    /// calendar does not have.
    pub fn read(text: &str) -> Result<Date, InputError> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(InputError::NotADate);
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = text.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10))
        else {
            return Err(InputError::NotADate);
        };
        if !YEARS.contains(&year) {
            let (min, max) = (*YEARS.start(), *YEARS.end());
            return Err(InputError::YearOutOfRange { min, max });
        }
        let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
            return Err(InputError::NoSuchDay);
        };
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(InputError::NoSuchDay),
        };
        if !(1..=days_in_month).contains(&day) {
            return Err(InputError::NoSuchDay);
        }
        Ok(Date { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// Whether this day is more than `years` years after `earlier` (the same
    /// day `years` years on is not).
    pub fn more_than_years_after(self, earlier: Date, years: u16) -> bool {
        (self.year.saturating_sub(years), self.month, self.day)
            > (earlier.year, earlier.month, earlier.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn reads_real_days_only() {
        assert_eq!(
            Date::parse("2020-02-29").map(|d| d.to_string()).as_deref(),
            Some("2020-02-29")
        );
        for bad in [
            "2019-02-29",
            "2020-13-01",
            "2020-00-10",
            "2020-04-31",
            "20-01-01",
            "2020/01/01",
            "+020-01-01",
            "2020-1-01 ",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2019-12-31") < Date::parse("2020-01-01"));
    }

    /// Each wrong date says what is wrong with it.
    #[test]
    fn says_why_a_date_is_refused() {
        use crate::error::InputError;
        let year = InputError::YearOutOfRange {
            min: 1900,
            max: 2200,
        };
        for (text, kind) in [
            ("0000-01-01", year.clone()),
            ("1899-12-31", year.clone()),
            ("2201-01-01", year),
            ("2020-02-30", InputError::NoSuchDay),
            ("2019-02-29", InputError::NoSuchDay),
            ("2020-13-01", InputError::NoSuchDay),
            ("2020-00-10", InputError::NoSuchDay),
            ("2020/01/01", InputError::NotADate),
            ("2020-1-1", InputError::NotADate),
        ] {
            assert_eq!(Date::read(text), Err(kind), "{text}");
        }
        assert_eq!(
            Date::read("1900-01-01").map(|d| d.to_string()),
            Ok("1900-01-01".into())
        );
    }
}
