//! Dates and periods: absolute dates (`2020年`, `9月6日`, `2021年12月6日`), ranges
//! (`12月6日至8日`, `2021—2025年`), dates relative to the publication date (`未来5年`, `去年`,
//! `近三年`), five-year plan periods (`十四五`), and their roles (`到2025年` a deadline, `截至` as
//! of, `以来` since), resolved to calendar days.
//!
//! A date that needs the publication date (`9月6日`, `去年`) and has none is reported with its
//! relative form and no calendar bounds: never guessed.

use serde::Serialize;

use crate::calendar::Day;
use crate::document::Document;
use crate::extract::numbers::{self, Number, NumberForm};
use crate::offsets::NormalizedSpan;
use crate::record::Mention;

/// A date or period named in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateMention {
    /// Where it is: `text` as in the original, `start`/`end`, `sentence`.
    #[serde(flatten)]
    pub mention: Mention,
    /// First calendar day it covers, `YYYY-MM-DD`; `null` when it cannot be placed.
    pub from: Option<String>,
    /// Last calendar day it covers (inclusive).
    pub to: Option<String>,
    /// The precision of the text: `year`, `month` or `day`.
    pub granularity: Granularity,
    /// What the date does in its sentence.
    pub role: DateRole,
    /// For a date relative to publication, the offset as an ISO 8601 duration: `P5Y` for the
    /// five years after it, `-P1Y` for last year, `P0Y` for a month and day of its year.
    pub relative: Option<String>,
    /// Whether `from`/`to` were placed with the publication date.
    pub anchored: bool,
    /// The five-year plan a period names (`十四五`).
    pub plan: Option<String>,
}

/// The precision of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// A year or several.
    Year,
    /// A month.
    Month,
    /// A half year (`上半年`).
    Half,
    /// A quarter, or several (`一季度`, `前三季度`).
    Quarter,
    /// A day.
    Day,
}

/// What a date does in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRole {
    /// A point in time (`2020年`, `9月6日`).
    Point,
    /// A range written with its two ends (`12月6日至8日`).
    Range,
    /// A period named as a whole (`未来5年`, `十四五时期`).
    Period,
    /// The time by which something is to be done (`到2025年`, `2025年前`).
    Deadline,
    /// The time a figure is stated at (`截至2020年底`).
    AsOf,
    /// The start of a period that runs to now (`2020年以来`).
    Since,
}

/// Connectors of a range (`12月6日至8日`, `2021—2025年`).
const RANGE_CONNECTORS: &[char] = &['至', '到', '—', '–', '-', '~', '～', '－'];

/// Finds the dates of a document from its numbers (shared with the figures extractor);
/// `published` anchors relative dates.
// Kept out of line so that profiles and `scripts/bench-instructions.sh` see the stage.
#[inline(never)]
pub fn find(document: &Document, numbers: &[Number], published: Option<Day>) -> Vec<DateMention> {
    let chars = document.normalized_chars();
    let mut found: Vec<Found> = numeric_dates(chars);
    let mut index = 0;
    while index < numbers.len() {
        if overlaps(&found, numbers[index].span) {
            index += 1;
            continue;
        }
        match absolute(chars, numbers, index, published) {
            Some((date, used)) => {
                found.push(date);
                index += used;
            }
            None => index += 1,
        }
    }
    relative_periods(chars, numbers, published, &mut found);
    relative_years(document, published, &mut found);
    year_parts(chars, published, &mut found);
    plan_periods(chars, &mut found);
    found.sort_by_key(|f| f.span.start);
    found
        .into_iter()
        .map(|f| {
            let role = f.role.unwrap_or_else(|| role_around(chars, f.span));
            DateMention {
                mention: document.mention(f.span),
                from: f.bounds.map(|(from, _)| from.to_string()),
                to: f.bounds.map(|(_, to)| to.to_string()),
                granularity: f.granularity,
                role,
                relative: f.relative,
                anchored: f.anchored,
                plan: f.plan,
            }
        })
        .collect()
}

/// A date before its role is read.
#[derive(Debug, Clone)]
struct Found {
    span: NormalizedSpan,
    bounds: Option<(Day, Day)>,
    granularity: Granularity,
    role: Option<DateRole>,
    relative: Option<String>,
    anchored: bool,
    plan: Option<String>,
}

/// One end of an absolute date: as much of year, month and day as the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    end: usize,
    /// How many numbers it used.
    used: usize,
}

/// The value of a number when it is a whole number in `range`.
fn whole(number: &Number, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
    let value = number.value.exact()?;
    if !value.is_integer() || number.magnitude.is_some() || number.approximate {
        return None;
    }
    let value = i64::try_from(value.as_integer()?).ok()?;
    range.contains(&value).then_some(value)
}

/// A year: four Arabic digits or a digit string (`二〇二〇`).
fn year_of(number: &Number) -> Option<i32> {
    matches!(number.form, NumberForm::Arabic | NumberForm::DigitString)
        .then(|| whole(number, 1000..=2999))
        .flatten()
        .map(|y| y as i32)
}

/// Year, month and day starting with number `index`, each right after the one before.
fn parts_at(chars: &[char], numbers: &[Number], index: usize) -> Option<Parts> {
    let mut parts = Parts {
        year: None,
        month: None,
        day: None,
        end: 0,
        used: 0,
    };
    let mut at = index;
    let next_is = |at: usize, end: usize, markers: &[char]| {
        numbers
            .get(at)
            .is_some_and(|n| n.span.start == end || end == 0)
            && numbers
                .get(at)
                .is_some_and(|n| chars.get(n.span.end).is_some_and(|c| markers.contains(c)))
    };
    if next_is(at, 0, &['年']) {
        parts.year = Some(year_of(&numbers[at])?);
        parts.end = numbers[at].span.end + 1;
        at += 1;
    }
    if next_is(at, parts.end, &['月']) {
        parts.month = Some(whole(&numbers[at], 1..=12)? as u32);
        parts.end = numbers[at].span.end + 1;
        at += 1;
    }
    if (parts.month.is_some() || parts.year.is_none()) && next_is(at, parts.end, &['日', '号']) {
        parts.day = Some(whole(&numbers[at], 1..=31)? as u32);
        parts.end = numbers[at].span.end + 1;
        at += 1;
    }
    parts.used = at - index;
    (parts.used > 0).then_some(parts)
}

/// An absolute date, or a range of two, starting with number `index`; with the numbers used.
fn absolute(
    chars: &[char],
    numbers: &[Number],
    index: usize,
    published: Option<Day>,
) -> Option<(Found, usize)> {
    let first = &numbers[index];
    // `2021—2025年`: a year without 年, a connector, a year with it.
    if let (Some(low), Some(upper)) = (year_of(first), numbers.get(index + 1)) {
        let connected = upper.span.start == first.span.end + 1
            && RANGE_CONNECTORS.contains(&chars[first.span.end])
            && chars.get(upper.span.end) == Some(&'年');
        if let Some(high) = connected
            .then(|| year_of(upper))
            .flatten()
            .filter(|&h| h > low)
        {
            return Some((
                Found {
                    span: NormalizedSpan {
                        start: first.span.start,
                        end: upper.span.end + 1,
                    },
                    bounds: Some((Day::first_of_year(low), Day::last_of_year(high))),
                    granularity: Granularity::Year,
                    role: Some(DateRole::Range),
                    relative: None,
                    anchored: false,
                    plan: None,
                },
                2,
            ));
        }
    }
    let start = parts_at(chars, numbers, index)?;
    // A day alone is no date (`8日` only continues a range).
    if start.year.is_none() && start.month.is_none() {
        return None;
    }
    let mut end = start.end;
    let mut used = start.used;
    let low = start;
    let mut high = start;
    if chars.get(end).is_some_and(|c| RANGE_CONNECTORS.contains(c)) {
        let next = index + used;
        if let Some(upper) = numbers
            .get(next)
            .filter(|n| n.span.start == end + 1)
            .and_then(|_| parts_at(chars, numbers, next))
        {
            // The upper end borrows what it leaves out from the lower one: 12月6日至8日.
            high = Parts {
                year: upper.year.or(low.year),
                month: upper.month.or(if upper.year.is_none() {
                    low.month
                } else {
                    None
                }),
                ..upper
            };
            end = upper.end;
            used += upper.used;
        }
    }
    // `2020年底`, `2020年末`: the last month of the year.
    let mut year_end = false;
    if high.month.is_none() && high.year.is_some() && matches!(chars.get(end), Some('底' | '末'))
    {
        year_end = true;
        end += 1;
    }
    let is_range = high != low;
    let anchored = low.year.is_none();
    let year = |parts: &Parts| parts.year.or(published.map(|p| p.year));
    let bounds = (|| {
        let low_year = year(&low)?;
        let high_year = year(&high)?;
        let from = match (low.month, low.day) {
            (Some(month), Some(day)) => Day::new(low_year, month, day)?,
            (Some(month), None) => Day::new(low_year, month, 1)?,
            _ if year_end => Day::new(low_year, 12, 1)?,
            _ => Day::first_of_year(low_year),
        };
        let to = match (high.month, high.day) {
            (Some(month), Some(day)) => Day::new(high_year, month, day)?,
            (Some(month), None) => Day::last_of_month(high_year, month),
            _ => Day::last_of_year(high_year),
        };
        (from <= to).then_some((from, to))
    })();
    let granularity = match (high.day, high.month) {
        (Some(_), _) => Granularity::Day,
        (None, Some(_)) => Granularity::Month,
        _ if year_end => Granularity::Month,
        _ => Granularity::Year,
    };
    Some((
        Found {
            span: NormalizedSpan {
                start: first.span.start,
                end,
            },
            bounds,
            granularity,
            role: is_range.then_some(DateRole::Range),
            relative: anchored.then(|| "P0Y".to_string()),
            anchored: anchored && bounds.is_some(),
            plan: None,
        },
        used,
    ))
}

/// `2021-12-06`, `2021/12/6`, `2021.12.06`: a four-digit year, the same separator twice.
fn numeric_dates(chars: &[char]) -> Vec<Found> {
    let digits = |at: usize| {
        chars[at..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut found = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        if !chars[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let year_digits = digits(at);
        let starts_number = at == 0 || !chars[at - 1].is_ascii_digit();
        if year_digits != 4 || !starts_number {
            at += year_digits.max(1);
            continue;
        }
        let date = (|| {
            let separator = *chars.get(at + 4).filter(|c| matches!(c, '-' | '/' | '.'))?;
            let month_at = at + 5;
            let month_digits = digits(month_at);
            let day_at = month_at + month_digits + 1;
            if !(1..=2).contains(&month_digits) || chars.get(day_at - 1) != Some(&separator) {
                return None;
            }
            let day_digits = digits(day_at);
            if !(1..=2).contains(&day_digits) {
                return None;
            }
            let number = |from: usize, length: usize| -> Option<u32> {
                chars[from..from + length]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .ok()
            };
            let day = Day::new(
                number(at, 4)? as i32,
                number(month_at, month_digits)?,
                number(day_at, day_digits)?,
            )?;
            Some((day, day_at + day_digits))
        })();
        match date {
            Some((day, end)) => {
                found.push(Found {
                    span: NormalizedSpan { start: at, end },
                    bounds: Some((day, day)),
                    granularity: Granularity::Day,
                    role: None,
                    relative: None,
                    anchored: false,
                    plan: None,
                });
                at = end;
            }
            None => at += 4,
        }
    }
    found
}

/// Halves and quarters (`上半年`, `一季度`, `第二季度`, `前三季度`), of the year written right
/// before them (`2024年上半年`, `今年一季度`) or, alone, of the publication year.
fn year_parts(chars: &[char], published: Option<Day>, found: &mut Vec<Found>) {
    for anchor in 1..chars.len() {
        // Every part has 半年 or 季度 at its heart: one comparison for most characters.
        let part = match (chars[anchor], chars.get(anchor + 1)) {
            ('半', Some('年')) => match chars[anchor - 1] {
                '上' => Some((anchor - 1, 1, 6, anchor + 2, Granularity::Half)),
                '下' => Some((anchor - 1, 7, 12, anchor + 2, Granularity::Half)),
                _ => None,
            },
            ('季', Some('度')) => {
                let digit = chars[anchor - 1];
                let quarter = match digit {
                    '1'..='4' => digit.to_digit(10),
                    _ => numbers::chinese_digit(digit)
                        .filter(|d| (1..=4).contains(d))
                        .map(|d| d as u32),
                };
                let marker = anchor.checked_sub(2).map(|m| chars[m]);
                let at = match marker {
                    Some('前' | '第') => anchor - 2,
                    _ => anchor - 1,
                };
                // A quarter starts a word: not the 一 of 统一季度.
                let free = at == 0
                    || !numbers::is_chinese_numeral(chars[at - 1])
                        && !chars[at - 1].is_ascii_digit();
                match quarter.filter(|_| free) {
                    Some(q) if marker == Some('前') => {
                        Some((at, 1, 3 * q, anchor + 2, Granularity::Quarter))
                    }
                    Some(q) => Some((at, 3 * q - 2, 3 * q, anchor + 2, Granularity::Quarter)),
                    None => None,
                }
            }
            _ => None,
        };
        let Some((at, first_month, last_month, end, granularity)) = part else {
            continue;
        };
        // The year it belongs to: a date ending right before it, which it then extends.
        let owner = found.iter().position(|f| {
            f.span.end == at
                && f.granularity == Granularity::Year
                && f.role != Some(DateRole::Period)
        });
        let (start, year, relative, anchored) = match owner {
            Some(index) => {
                let owner = found.remove(index);
                let year = owner.bounds.map(|(from, _)| from.year);
                (owner.span.start, year, owner.relative, owner.anchored)
            }
            None => {
                let year = published.map(|p| p.year);
                (at, year, Some("P0Y".to_string()), year.is_some())
            }
        };
        let span = NormalizedSpan { start, end };
        if overlaps(found, span) {
            continue;
        }
        found.push(Found {
            span,
            bounds: year.map(|y| {
                (
                    Day::first_of_month(y, first_month),
                    Day::last_of_month(y, last_month),
                )
            }),
            granularity,
            role: None,
            relative,
            anchored,
            plan: None,
        });
    }
}

/// `未来5年`, `今后五年` (after publication), `近三年`, `过去五年` (up to it).
fn relative_periods(
    chars: &[char],
    numbers: &[Number],
    published: Option<Day>,
    found: &mut Vec<Found>,
) {
    for number in numbers {
        let (start, end) = (number.span.start, number.span.end);
        if chars.get(end) != Some(&'年') || start < 1 {
            continue;
        }
        let Some(years) = whole(number, 1..=100) else {
            continue;
        };
        let before = |word: &str| word_ends_at(chars, start, word);
        let (prefix, ahead) = if before("未来") || before("今后") {
            (2, true)
        } else if before("过去") {
            (2, false)
        } else if before("近") {
            (1, false)
        } else {
            continue;
        };
        let years = years as i32;
        let bounds = published.map(|p| {
            if ahead {
                (p, p.plus_years(years).previous())
            } else {
                (p.plus_years(-years).next(), p)
            }
        });
        let span = NormalizedSpan {
            start: start - prefix,
            end: end + 1,
        };
        if overlaps(found, span) {
            continue;
        }
        found.push(Found {
            span,
            bounds,
            granularity: Granularity::Year,
            role: Some(DateRole::Period),
            relative: Some(format!("{}P{years}Y", if ahead { "" } else { "-" })),
            anchored: bounds.is_some(),
            plan: None,
        });
    }
}

/// `今年`, `去年`, `前年`, `明年`, `后年` as words of the segmentation.
fn relative_years(document: &Document, published: Option<Day>, found: &mut Vec<Found>) {
    let chars = document.normalized_chars();
    for token in document.tokens() {
        if chars[token.span.end - 1] != '年' {
            continue;
        }
        let offset = match document.token_text(token) {
            "今年" => 0,
            "去年" => -1,
            "前年" => -2,
            "明年" => 1,
            "后年" => 2,
            _ => continue,
        };
        if overlaps(found, token.span) {
            continue;
        }
        let year = published.map(|p| p.year + offset);
        found.push(Found {
            span: token.span,
            bounds: year.map(|y| (Day::first_of_year(y), Day::last_of_year(y))),
            granularity: Granularity::Year,
            role: None,
            relative: Some(if offset < 0 {
                format!("-P{}Y", -offset)
            } else {
                format!("P{offset}Y")
            }),
            anchored: year.is_some(),
            plan: None,
        });
    }
}

/// `十四五` and the other plans from the 11th (`十一五`) on, with `时期`, `期间` or `末` after.
fn plan_periods(chars: &[char], found: &mut Vec<Found>) {
    for at in 0..chars.len().saturating_sub(2) {
        if chars[at] != '十' || chars[at + 2] != '五' {
            continue;
        }
        let Some(ones) =
            numbers::chinese_digit(chars[at + 1]).filter(|&d| d >= 1 && chars[at + 1] != '两')
        else {
            continue;
        };
        // Not inside a longer number (`二十五五`) or word.
        if at > 0 && numbers::is_chinese_numeral(chars[at - 1])
            || chars
                .get(at + 3)
                .is_some_and(|&c| numbers::is_chinese_numeral(c))
        {
            continue;
        }
        let plan_number = 10 + ones as i32;
        // The third plan began in 1966, and each since has lasted five years.
        let first_year = 1966 + 5 * (plan_number - 3);
        let mut end = at + 3;
        if chars.get(end) == Some(&'”') {
            end += 1;
        }
        let suffix: String = chars[end..chars.len().min(end + 2)].iter().collect();
        let (bounds, granularity) = if suffix.starts_with('末') {
            end += 1;
            let last = first_year + 4;
            (
                (Day::first_of_year(last), Day::last_of_year(last)),
                Granularity::Year,
            )
        } else {
            if suffix == "时期" || suffix == "期间" {
                end += 2;
            }
            (
                (
                    Day::first_of_year(first_year),
                    Day::last_of_year(first_year + 4),
                ),
                Granularity::Year,
            )
        };
        let start = if at > 0 && chars[at - 1] == '“' {
            at - 1
        } else {
            at
        };
        let span = NormalizedSpan { start, end };
        if overlaps(found, span) {
            continue;
        }
        found.push(Found {
            span,
            bounds: Some(bounds),
            granularity,
            role: Some(DateRole::Period),
            relative: None,
            anchored: false,
            plan: Some(chars[at..at + 3].iter().collect()),
        });
    }
}

/// The role a date takes from the words around it.
fn role_around(chars: &[char], span: NormalizedSpan) -> DateRole {
    let before = |word: &str| word_ends_at(chars, span.start, word);
    let after = |word: &str| word_starts_at(chars, span.end, word);
    if before("截至") || before("截止") || before("截止到") {
        DateRole::AsOf
    } else if after("以来") {
        DateRole::Since
    } else if before("到") || before("至") || after("前") || after("以前") || after("之前") {
        DateRole::Deadline
    } else {
        DateRole::Point
    }
}

/// Whether `word` ends right before character `end`.
fn word_ends_at(chars: &[char], end: usize, word: &str) -> bool {
    let length = word.chars().count();
    end >= length && word.chars().eq(chars[end - length..end].iter().copied())
}

/// Whether `word` starts at character `start`.
fn word_starts_at(chars: &[char], start: usize, word: &str) -> bool {
    let length = word.chars().count();
    chars.len() >= start + length
        && word
            .chars()
            .eq(chars[start..start + length].iter().copied())
}

fn overlaps(found: &[Found], span: NormalizedSpan) -> bool {
    found.iter().any(|f| f.span.overlaps(span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Pipeline;

    fn dates(text: &str, published: Option<&str>) -> Vec<DateMention> {
        let document = Pipeline::for_tests().analyze(text.to_string());
        find(
            &document,
            &numbers::find(&document),
            published.and_then(Day::parse_iso),
        )
    }

    /// Text, from, to, granularity and role of a date.
    type Summary = (
        String,
        Option<String>,
        Option<String>,
        Granularity,
        DateRole,
    );

    /// The summary of each date of `text`, published 2021-12-09.
    fn summary(text: &str) -> Vec<Summary> {
        dates(text, Some("2021-12-09"))
            .into_iter()
            .map(|d| (d.mention.text, d.from, d.to, d.granularity, d.role))
            .collect()
    }

    fn one(
        text: &str,
        from: &str,
        to: &str,
        granularity: Granularity,
        role: DateRole,
    ) -> Vec<Summary> {
        let bounds = (Some(from.to_string()), Some(to.to_string()));
        vec![(text.to_string(), bounds.0, bounds.1, granularity, role)]
    }

    #[test]
    fn each_form_resolves_to_calendar_bounds() {
        use DateRole::*;
        use Granularity::*;
        let cases: &[(&str, &str, &str, &str, Granularity, DateRole)] = &[
            // sentence, date text, from, to, granularity, role
            (
                "2020年,收入增加。",
                "2020年",
                "2020-01-01",
                "2020-12-31",
                Year,
                Point,
            ),
            (
                "二〇二〇年完成。",
                "二〇二〇年",
                "2020-01-01",
                "2020-12-31",
                Year,
                Point,
            ),
            (
                "2021年12月6日召开。",
                "2021年12月6日",
                "2021-12-06",
                "2021-12-06",
                Day,
                Point,
            ),
            (
                "9月6日,服贸会。",
                "9月6日",
                "2021-09-06",
                "2021-09-06",
                Day,
                Point,
            ),
            (
                "党代会于12月6日至8日召开。",
                "12月6日至8日",
                "2021-12-06",
                "2021-12-08",
                Day,
                Range,
            ),
            (
                "2021—2025年规划。",
                "2021—2025年",
                "2021-01-01",
                "2025-12-31",
                Year,
                Range,
            ),
            (
                "2021年至2025年。",
                "2021年至2025年",
                "2021-01-01",
                "2025-12-31",
                Year,
                Range,
            ),
            (
                "2024年2月营收。",
                "2024年2月",
                "2024-02-01",
                "2024-02-29",
                Month,
                Point,
            ),
            (
                "预计到2025年达到。",
                "2025年",
                "2025-01-01",
                "2025-12-31",
                Year,
                Deadline,
            ),
            (
                "2025年前完成。",
                "2025年",
                "2025-01-01",
                "2025-12-31",
                Year,
                Deadline,
            ),
            (
                "截至2020年底,完成。",
                "2020年底",
                "2020-12-01",
                "2020-12-31",
                Month,
                AsOf,
            ),
            (
                "2020年以来,增长。",
                "2020年",
                "2020-01-01",
                "2020-12-31",
                Year,
                Since,
            ),
            (
                "未来5年完成改造。",
                "未来5年",
                "2021-12-09",
                "2026-12-08",
                Year,
                Period,
            ),
            (
                "未来五年的重点。",
                "未来五年",
                "2021-12-09",
                "2026-12-08",
                Year,
                Period,
            ),
            (
                "近三年增长。",
                "近三年",
                "2018-12-10",
                "2021-12-09",
                Year,
                Period,
            ),
            (
                "去年增长。",
                "去年",
                "2020-01-01",
                "2020-12-31",
                Year,
                Point,
            ),
            (
                "“十四五”时期。",
                "“十四五”时期",
                "2021-01-01",
                "2025-12-31",
                Year,
                Period,
            ),
            (
                "十三五期间。",
                "十三五期间",
                "2016-01-01",
                "2020-12-31",
                Year,
                Period,
            ),
            (
                "到十四五末。",
                "十四五末",
                "2025-01-01",
                "2025-12-31",
                Year,
                Period,
            ),
            (
                "2021-12-06发布。",
                "2021-12-06",
                "2021-12-06",
                "2021-12-06",
                Day,
                Point,
            ),
            (
                "2021/1/2发布。",
                "2021/1/2",
                "2021-01-02",
                "2021-01-02",
                Day,
                Point,
            ),
            (
                "2024年上半年增长。",
                "2024年上半年",
                "2024-01-01",
                "2024-06-30",
                Half,
                Point,
            ),
            (
                "今年前三季度增长。",
                "今年前三季度",
                "2021-01-01",
                "2021-09-30",
                Quarter,
                Point,
            ),
            (
                "一季度增长。",
                "一季度",
                "2021-01-01",
                "2021-03-31",
                Quarter,
                Point,
            ),
            (
                "第四季度增长。",
                "第四季度",
                "2021-10-01",
                "2021-12-31",
                Quarter,
                Point,
            ),
        ];
        for (sentence, text, from, to, granularity, role) in cases {
            assert_eq!(
                summary(sentence),
                one(text, from, to, *granularity, *role),
                "{sentence}"
            );
        }
    }

    #[test]
    fn look_alikes_are_not_dates() {
        let cases = [
            "收入2069.5亿元。",
            "地铁1号线。",
            "实施新一轮高精尖五年行动计划。",
            "增长16.3%。",
            "完成172个。",
            "第十三次党代会。",
        ];
        for text in cases {
            assert_eq!(summary(text), vec![], "{text}");
        }
    }

    #[test]
    fn without_a_publication_date_relative_dates_keep_their_form_and_no_bounds() {
        let found = dates("未来5年,9月6日,去年,2020年。", None);
        let summary: Vec<(&str, Option<&str>, Option<&str>, bool)> = found
            .iter()
            .map(|d| {
                (
                    d.mention.text.as_str(),
                    d.from.as_deref(),
                    d.relative.as_deref(),
                    d.anchored,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("未来5年", None, Some("P5Y"), false),
                ("9月6日", None, Some("P0Y"), false),
                ("去年", None, Some("-P1Y"), false),
                ("2020年", Some("2020-01-01"), None, false),
            ]
        );
    }

    #[test]
    fn resolution_is_exact_at_month_and_leap_boundaries() {
        let published = Some("2024-02-29");
        let found = dates("未来1年,2月29日。", published);
        assert_eq!(found[0].to.as_deref(), Some("2025-02-27"));
        assert_eq!(found[1].from.as_deref(), Some("2024-02-29"));
        let common = dates("2月29日。", Some("2023-03-01"));
        assert_eq!(common[0].from, None, "no 29 February in 2023");
    }
}
