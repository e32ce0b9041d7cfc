//! Calendar days, for resolving dates: leap years, month lengths, adding years and days.

use std::fmt;

/// A day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, from 1.
    pub day: u32,
}

impl Day {
    /// The day, when it exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
            .then_some(Day { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Day> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let digits = &text[range];
            digits
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| digits.parse().ok())
                .flatten()
        };
        Day::new(number(0..4)? as i32, number(5..7)?, number(8..10)?)
    }

    /// The first day of a year.
    pub fn first_of_year(year: i32) -> Day {
        Day {
            year,
            month: 1,
            day: 1,
        }
    }

    /// The last day of a year.
    pub fn last_of_year(year: i32) -> Day {
        Day {
            year,
            month: 12,
            day: 31,
        }
    }

    /// The first day of a month.
    pub fn first_of_month(year: i32, month: u32) -> Day {
        Day {
            year,
            month,
            day: 1,
        }
    }

    /// The last day of a month.
    pub fn last_of_month(year: i32, month: u32) -> Day {
        Day {
            year,
            month,
            day: days_in_month(year, month),
        }
    }

    /// The same day `years` later (or earlier); 29 February becomes 28 February in a common
    /// year.
    pub fn plus_years(self, years: i32) -> Day {
        let year = self.year + years;
        Day {
            year,
            month: self.month,
            day: self.day.min(days_in_month(year, self.month)),
        }
    }

    /// The same day `months` later (or earlier); a day the month lacks becomes its last day.
    pub fn plus_months(self, months: i32) -> Day {
        let index = self.year * 12 + self.month as i32 - 1 + months;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        Day {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// The day `days` later (or earlier).
    pub fn plus_days(self, days: i64) -> Day {
        Day::from_ordinal(self.ordinal() + days)
    }

    /// The day of the week: 1 Monday to 7 Sunday.
    pub fn weekday(self) -> u32 {
        // Day 0 of the count, 1970-01-01, was a Thursday.
        ((self.ordinal() + 3).rem_euclid(7) + 1) as u32
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    fn ordinal(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The day `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
    fn from_ordinal(days: i64) -> Day {
        let days = days + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        } as u32;
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Day {
            year: year as i32,
            month,
            day,
        }
    }

    /// The day before.
    pub fn previous(self) -> Day {
        match (self.day, self.month) {
            (1, 1) => Day::last_of_year(self.year - 1),
            (1, month) => Day::last_of_month(self.year, month - 1),
            (day, month) => Day {
                year: self.year,
                month,
                day: day - 1,
            },
        }
    }

    /// The day after.
    pub fn next(self) -> Day {
        if self.day < days_in_month(self.year, self.month) {
            Day {
                day: self.day + 1,
                ..self
            }
        } else if self.month < 12 {
            Day {
                year: self.year,
                month: self.month + 1,
                day: 1,
            }
        } else {
            Day::first_of_year(self.year + 1)
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Day {
    /// `YYYY-MM-DD`, written digit by digit: dates are written by the thousand, and `format!`
    /// with padding costs more than the rest of their resolution.
    pub fn iso(self) -> String {
        match u32::try_from(self.year) {
            Ok(year @ 0..=9999) => {
                let digit = |value: u32| b'0' + (value % 10) as u8;
                let (month, day) = (self.month, self.day);
                let bytes = [
                    digit(year / 1000),
                    digit(year / 100),
                    digit(year / 10),
                    digit(year),
                    b'-',
                    digit(month / 10),
                    digit(month),
                    b'-',
                    digit(day / 10),
                    digit(day),
                ];
                std::str::from_utf8(&bytes)
                    .map(str::to_owned)
                    .unwrap_or_default()
            }
            _ => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

/// Whether a year is a leap year of the Gregorian calendar.
pub fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days of a month (0 for a month that does not exist).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse_iso(text).unwrap()
    }

    #[test]
    fn days_exist_only_where_the_calendar_has_them() {
        let cases: &[(&str, bool)] = &[
            ("2021-12-09", true),
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("2000-02-29", true),
            ("1900-02-29", false),
            ("2021-13-01", false),
            ("2021-04-31", false),
            ("2021-12-9", false),
            ("2021/12/09", false),
            ("２０２１-12-09", false),
            ("", false),
        ];
        for (text, valid) in cases {
            assert_eq!(Day::parse_iso(text).is_some(), *valid, "{text}");
        }
    }

    #[test]
    fn stepping_crosses_month_year_and_leap_boundaries() {
        let cases: &[(&str, &str, &str)] = &[
            // day, previous, next
            ("2021-01-01", "2020-12-31", "2021-01-02"),
            ("2021-03-01", "2021-02-28", "2021-03-02"),
            ("2024-03-01", "2024-02-29", "2024-03-02"),
            ("2024-02-28", "2024-02-27", "2024-02-29"),
            ("2021-12-31", "2021-12-30", "2022-01-01"),
        ];
        for (at, previous, next) in cases {
            assert_eq!(day(at).previous(), day(previous), "{at}");
            assert_eq!(day(at).next(), day(next), "{at}");
        }
        assert_eq!(day("2024-02-29").plus_years(1), day("2025-02-28"));
        assert_eq!(
            day("2021-12-09").plus_years(5).previous(),
            day("2026-12-08")
        );
        assert_eq!(day("2021-12-09").plus_years(-1), day("2020-12-09"));
        assert_eq!(day("2021-12-09").to_string(), "2021-12-09");
    }

    #[test]
    fn counting_days_and_months_agrees_with_stepping() {
        let mut at = day("1899-12-25");
        for _ in 0..100_000 {
            assert_eq!(at.plus_days(1), at.next(), "{at}");
            assert_eq!(at.next().plus_days(-1), at, "{at}");
            at = at.next();
        }
        assert_eq!(day("2017-03-22").weekday(), 3, "a Wednesday");
        assert_eq!(day("2024-11-17").weekday(), 7, "a Sunday");
        assert_eq!(day("2021-12-09").plus_days(-365), day("2020-12-09"));
        assert_eq!(day("2024-01-31").plus_months(1), day("2024-02-29"));
        assert_eq!(day("2021-03-31").plus_months(-1), day("2021-02-28"));
        assert_eq!(day("2021-01-15").plus_months(-2), day("2020-11-15"));
        assert_eq!(day("2021-11-15").plus_months(14), day("2023-01-15"));
    }
}
