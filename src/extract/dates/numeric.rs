//! Dates written in digits and separators: `2021-12-06`, `2010.01.29`, `2020/1/2`, `2010 01 29`,
//! the year last as Chinese text writes foreign dates (`13.5.2015`, `1/2/2020` is 1 February),
//! and two-digit years (`27-7-3`, `3-7-07`, `05/05/89`).
//!
//! A group of digits glued to more digits or separators is no date: `888-000-9999`,
//! `192.168.255.255` and version numbers stay numbers.

use super::grammar::{two_digit_year, Calendar, MonthOf, YearOf};
use crate::calendar::Day;

/// A run of digits.
#[derive(Debug, Clone, Copy)]
struct Group {
    value: u32,
    digits: usize,
}

/// The date written in digits at `at`, with where it ends; `after_connector` when it is the
/// upper end of a range (`2018/1/10-2018/7/10`), which a separator may then precede.
pub fn date_at(chars: &[char], at: usize, after_connector: bool) -> Option<(Calendar, usize)> {
    if at > 0 && !after_connector {
        let before = chars[at - 1];
        let glued = before.is_ascii_digit()
            || matches!(before, '.' | '-' | '/') && at > 1 && chars[at - 2].is_ascii_digit();
        if glued {
            return None;
        }
    }
    let (first, after_first) = group(chars, at)?;
    let separator = *chars.get(after_first)?;
    if !matches!(separator, '-' | '/' | '.' | ' ') {
        return None;
    }
    let (second, after_second) = group(chars, after_first + 1)?;
    if chars.get(after_second) != Some(&separator) {
        return None;
    }
    let (third, end) = group(chars, after_second + 1)?;
    // Glued to more: a fourth group, an IP address, a decimal.
    let next = chars.get(end).copied();
    if next.is_some_and(|c| c.is_ascii_digit())
        || next == Some(separator) && chars.get(end + 1).is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    let widths = (first.digits, second.digits, third.digits);
    let day = match separator {
        // Spaces only in the full form: `2010 01 29`.
        ' ' if widths == (4, 2, 2) => ymd(first.value, second.value, third.value),
        ' ' => None,
        _ if first.digits == 4 => ymd(first.value, second.value, third.value),
        _ if third.digits == 4 => ymd(third.value, second.value, first.value),
        '.' => None,
        _ if first.digits > 2 || second.digits > 2 || third.digits > 2 => None,
        // Two-digit years: the year first when it is written with two digits and that makes a
        // date (`27-7-3`, `12-11-10`), else last (`3-7-07`, `05/05/89`).
        _ => {
            let year_first = (first.digits == 2)
                .then(|| {
                    ymd(
                        two_digit_year(first.value) as u32,
                        second.value,
                        third.value,
                    )
                })
                .flatten();
            year_first.or_else(|| {
                (third.digits == 2)
                    .then(|| {
                        ymd(
                            two_digit_year(third.value) as u32,
                            second.value,
                            first.value,
                        )
                    })
                    .flatten()
            })
        }
    }?;
    Some((
        Calendar {
            year: Some(YearOf::Absolute(day.year)),
            month: Some(MonthOf::Absolute(day.month)),
            day: Some(day.day),
            ..Calendar::default()
        },
        end,
    ))
}

fn ymd(year: u32, month: u32, day: u32) -> Option<Day> {
    Day::new(i32::try_from(year).ok()?, month, day)
}

/// The digits at `at`, at most four, with where they end.
fn group(chars: &[char], at: usize) -> Option<(Group, usize)> {
    let digits = chars
        .get(at..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let value = chars[at..at + digits]
        .iter()
        .fold(0, |value, c| value * 10 + c.to_digit(10).unwrap_or(0));
    Some((Group { value, digits }, at + digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        let (calendar, end) = date_at(&chars, 0, false)?;
        let (Some(YearOf::Absolute(y)), Some(MonthOf::Absolute(m)), Some(d)) =
            (calendar.year, calendar.month, calendar.day)
        else {
            return None;
        };
        Some(format!(
            "{} {}",
            Day::new(y, m, d)?,
            chars[..end].iter().collect::<String>()
        ))
    }

    #[test]
    fn each_order_of_year_month_and_day_is_read() {
        let cases = [
            ("2010-01-29", "2010-01-29 2010-01-29"),
            ("2010.01.29", "2010-01-29 2010.01.29"),
            ("2020/1/2", "2020-01-02 2020/1/2"),
            ("2010 01 29", "2010-01-29 2010 01 29"),
            ("13.5.2015", "2015-05-13 13.5.2015"),
            ("1/2/2020", "2020-02-01 1/2/2020"),
            ("27-7-3", "2027-07-03 27-7-3"),
            ("12-11-10", "2012-11-10 12-11-10"),
            ("3-7-07", "2007-07-03 3-7-07"),
            ("05/05/89", "1989-05-05 05/05/89"),
            ("2021-12-06发布", "2021-12-06 2021-12-06"),
        ];
        for (text, expected) in cases {
            assert_eq!(read(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn numbers_that_are_no_dates_are_left() {
        for text in [
            "888-000-9999",
            "192.168.255.255",
            "1.2.3",
            "2019-02-29",
            "2010 1 29",
            "1/2",
            "2021-13-01",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
