//! Dates and school years.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// A calendar date (no time, no zone): decisions, approvals and the build date are days.
pub type Date = NaiveDate;

/// `date` plus `years` years on the same day and month; 29 February becomes 28 February when
/// the target year is not a leap year (regulation.md: default validity of a decision).
pub fn add_years(date: Date, years: i32) -> Date {
    let year = date.year() + years;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .expect("28th of a month always exists")
}

/// Formats a date the Vietnamese way: `20/05/2027`.
pub fn format_vi(date: Date) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// A school year such as `2024-2025` (năm học): from 1 September of its first year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear {
    first: i32,
}

impl SchoolYear {
    /// The school year whose first calendar year is `first`.
    pub fn starting(first: i32) -> SchoolYear {
        SchoolYear { first }
    }

    /// The school year that `date` falls in: it starts on 1 September.
    pub fn containing(date: Date) -> SchoolYear {
        let first = if date.month() >= 9 { date.year() } else { date.year() - 1 };
        SchoolYear { first }
    }

    /// The first calendar year (`2024` for `2024-2025`).
    pub fn first(self) -> i32 {
        self.first
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.first, self.first + 1)
    }
}

/// Why a text is not a school year.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchoolYearError {
    /// Not of the form `YYYY-YYYY`.
    #[error("a school year is written YYYY-YYYY, e.g. 2024-2025")]
    Format,
    /// The second year is not the first plus one.
    #[error("the second year must be the first plus one, e.g. 2024-2025")]
    NotConsecutive,
}

/// The finding for a school year `value` written in `what` (a key such as `school_year`)
/// that did not parse.
pub fn school_year_message(e: &SchoolYearError, what: &str, value: &str) -> crate::messages::Message {
    let value = format!("{value:?}");
    match e {
        SchoolYearError::Format => crate::msg!("school-year-format", what = what, value = value),
        SchoolYearError::NotConsecutive => crate::msg!("school-year-consecutive", what = what, value = value),
    }
}

impl FromStr for SchoolYear {
    type Err = SchoolYearError;

    fn from_str(s: &str) -> Result<SchoolYear, SchoolYearError> {
        let (a, b) = s.split_once('-').ok_or(SchoolYearError::Format)?;
        let is_year = |t: &str| t.len() == 4 && t.bytes().all(|c| c.is_ascii_digit());
        if !is_year(a) || !is_year(b) {
            return Err(SchoolYearError::Format);
        }
        let (a, b): (i32, i32) = (a.parse().unwrap(), b.parse().unwrap());
        if b != a + 1 {
            return Err(SchoolYearError::NotConsecutive);
        }
        Ok(SchoolYear { first: a })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn five_years_later_keeps_day_and_month_except_29_february() {
        assert_eq!(add_years(d(2022, 5, 20), 5), d(2027, 5, 20));
        assert_eq!(add_years(d(2024, 2, 29), 5), d(2029, 2, 28));
        assert_eq!(add_years(d(2024, 2, 29), 4), d(2028, 2, 29));
    }

    #[test]
    fn school_year_starts_on_first_september() {
        assert_eq!(SchoolYear::containing(d(2026, 11, 23)).to_string(), "2026-2027");
        assert_eq!(SchoolYear::containing(d(2026, 8, 31)).to_string(), "2025-2026");
        assert_eq!(SchoolYear::containing(d(2026, 9, 1)).to_string(), "2026-2027");
    }

    #[test]
    fn school_year_parses_only_consecutive_years() {
        assert_eq!("2024-2025".parse::<SchoolYear>().unwrap().first(), 2024);
        assert_eq!("2024-2026".parse::<SchoolYear>(), Err(SchoolYearError::NotConsecutive));
        assert_eq!("24-25".parse::<SchoolYear>(), Err(SchoolYearError::Format));
        assert_eq!(format_vi(d(2027, 5, 2)), "02/05/2027");
    }
}
