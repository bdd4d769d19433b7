//! Partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) and "present", kept exactly as given.

use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date with optional month and day. Displays exactly in the form it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: u16) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn ymd(year: u16, month: u8, day: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (ISO 8601 calendar dates, as the JSON Resume schema
    /// requires). Returns a reason on failure, suitable for a diagnostic.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let text = text.trim();
        let mut parts = text.split('-');
        let year = parts.next().unwrap_or_default();
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err("expected a four-digit year, as in 2021, 2021-03 or 2021-03-15");
        }
        let year: u16 = year.parse().map_err(|_| "invalid year")?;
        let month = match parts.next() {
            None => None,
            Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
                let m: u8 = m.parse().map_err(|_| "invalid month")?;
                if !(1..=12).contains(&m) {
                    return Err("the month must be between 01 and 12");
                }
                Some(m)
            }
            Some(_) => return Err("the month must have two digits, as in 2021-03"),
        };
        let day = match parts.next() {
            None => None,
            Some(d) if d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()) => {
                let d: u8 = d.parse().map_err(|_| "invalid day")?;
                let m = month.unwrap_or(1);
                if d == 0 || d > days_in_month(year, m) {
                    return Err("that day does not exist in that month");
                }
                Some(d)
            }
            Some(_) => return Err("the day must have two digits, as in 2021-03-05"),
        };
        if parts.next().is_some() {
            return Err("expected YYYY, YYYY-MM or YYYY-MM-DD");
        }
        Ok(PartialDate { year, month, day })
    }

    /// A sortable key: missing parts sort as the start of the period.
    pub fn key(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    /// Days since 1970-01-01 → a full date (civil-from-days, Howard Hinnant's algorithm). The core
    /// never reads the clock; the binary passes today's day number in.
    pub fn from_unix_days(days: i64) -> Self {
        // The Unix epoch is Julian day 2,440,588; days outside the calendar's range clamp.
        let date = i32::try_from(days + 2_440_588)
            .ok()
            .and_then(|julian| time::Date::from_julian_day(julian).ok())
            .unwrap_or(if days < 0 {
                time::Date::MIN
            } else {
                time::Date::MAX
            });
        PartialDate::ymd(
            u16::try_from(date.year()).unwrap_or(if days < 0 { 0 } else { 9999 }),
            u8::from(date.month()),
            date.day(),
        )
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// A date as found in a source: a valid partial date, "present", or text that is not a date (kept so
/// that nothing is silently lost; validation reports it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DateValue {
    Date(PartialDate),
    Present,
    Text(String),
}

impl DateValue {
    /// Reads a date from text. "present", "current", "now" and "ongoing" (any case) mean present.
    pub fn parse(text: &str) -> Self {
        let t = text.trim();
        if ["present", "current", "now", "ongoing"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
        {
            return DateValue::Present;
        }
        PartialDate::parse(t).map_or_else(|_| DateValue::Text(text.to_owned()), DateValue::Date)
    }

    pub fn as_date(&self) -> Option<PartialDate> {
        match self {
            DateValue::Date(d) => Some(*d),
            _ => None,
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Date(d) => d.fmt(f),
            DateValue::Present => f.write_str("present"),
            DateValue::Text(t) => f.write_str(t),
        }
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_parse_and_display_exactly_as_written() {
        for text in ["2021", "2021-03", "2024-02-29"] {
            assert_eq!(PartialDate::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn invalid_dates_are_refused_with_a_reason() {
        let cases = [
            ("21", "four-digit year"),
            ("2021-13", "between 01 and 12"),
            ("2021-3", "two digits"),
            ("2023-02-29", "does not exist"),
            ("March 2021", "four-digit year"),
            ("2021-01-01-01", "expected YYYY"),
        ];
        for (text, reason) in cases {
            let err = PartialDate::parse(text).unwrap_err();
            assert!(err.contains(reason), "{text}: {err}");
        }
    }

    #[test]
    fn unix_days_convert_to_civil_dates() {
        assert_eq!(PartialDate::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(
            PartialDate::from_unix_days(20_418).to_string(),
            "2025-11-26"
        );
        assert_eq!(
            PartialDate::from_unix_days(11_016).to_string(),
            "2000-02-29"
        );
    }
}
