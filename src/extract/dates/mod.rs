//! Dates and periods: absolute dates (`2020年`, `9月6日`, `2021年12月6日`, `2021-12-06`), ranges
//! (`12月6日至8日`, `2021—2025年`), dates relative to the publication date (`未来5年`, `去年`,
//! `近三年`, `上周一`), five-year plan periods (`十四五`), lunar and era dates (`正月初一`,
//! `康熙三年`), and their roles (`到2025年` a deadline, `截至` as of, `以来` since), resolved to
//! calendar days.
//!
//! [`grammar`] reads an expression at a position, [`numeric`] the dates written in digits and
//! separators; this module scans the text for them and resolves each against the publication
//! date. A date that needs the publication date (`9月6日`, `去年`) and has none is reported with
//! its relative form and no calendar bounds: never guessed.

mod dateline;
mod grammar;
mod numeric;
mod vocabulary;

use serde::Serialize;

use crate::calendar::Day;
use crate::dictionaries::DictionaryFile;
use crate::document::Document;
use crate::error::Error;
use crate::extract::numbers;
use crate::offsets::NormalizedSpan;
use crate::record::Mention;
pub use dateline::Dateline;
use dateline::DatelineReader;
use grammar::{Calendar, Expr, Grammar, MonthOf, Parsed, YearOf};
use vocabulary::{Unit, Vocabulary};

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
    /// The precision of the text.
    pub granularity: Granularity,
    /// What the date does in its sentence.
    pub role: DateRole,
    /// For a date relative to publication, the offset as an ISO 8601 duration: `P5Y` for the
    /// five years after it, `-P1Y` for last year, `P0Y` for a month and day of its year,
    /// `-P1W` for a day of last week.
    pub relative: Option<String>,
    /// Whether `from`/`to` were placed with the publication date.
    pub anchored: bool,
    /// The five-year plan a period names (`十四五`).
    pub plan: Option<String>,
    /// A date of the Chinese lunar calendar as written, `YYYY-MM-DD` (`农历2015年十月初一` is
    /// `2015-10-01`); `from`/`to` are then `null`, since converting needs the lunar tables.
    pub lunar: Option<String>,
}

/// The precision of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// A decade (`九十年代`).
    Decade,
    /// A year or several.
    Year,
    /// A half year (`上半年`).
    Half,
    /// A season (`今年夏天`).
    Season,
    /// A quarter, or several (`一季度`, `前三季度`).
    Quarter,
    /// A month.
    Month,
    /// A week (`下周`, `上周末`).
    Week,
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
    /// The time by which something is to be done, or before which it happened (`到2025年`,
    /// `2025年前`, `2010年1月10日或之前`).
    Deadline,
    /// The time a figure is stated at (`截至2020年底`).
    AsOf,
    /// The start of a period that runs on from it (`2020年以来`, `2015年起`, `2018年之后`).
    Since,
}

/// The date words, era names and dateline patterns, read once.
pub struct Dates {
    words: Vocabulary,
    datelines: DatelineReader,
}

/// Whether `rest`, the text after a number, may continue a date (spaces allowed): with its
/// unit (`年 月 日 号`), a count's (`个月 周 星期 天`), a century's or a quarter's (`世纪 季度`), a
/// range connector, or a separator and more digits (`2021-12-06`, `2010 01 29`).
fn may_follow_number(rest: &[char]) -> bool {
    let skip_spaces = |text: &[char]| -> usize { text.iter().take_while(|c| **c == ' ').count() };
    let next = &rest[skip_spaces(rest)..];
    match next {
        ['年' | '月' | '日' | '号' | '周' | '星' | '天' | '世' | '季', ..] => true,
        ['个', '月' | '星', ..] => true,
        ['至' | '到' | '—' | '–' | '~' | '～', ..] => true,
        ['-' | '－' | '/' | '.', tail @ ..] => tail
            .get(skip_spaces(tail))
            .is_some_and(|c| grammar::is_numeral(*c)),
        [c, ..] => rest[0] == ' ' && c.is_ascii_digit(),
        [] => false,
    }
}

/// A date before it becomes a [`DateMention`].
#[derive(Debug, Clone)]
struct Found {
    span: NormalizedSpan,
    resolved: Resolved,
    role: Option<DateRole>,
    plan: Option<String>,
}

/// What a date resolves to.
#[derive(Debug, Clone, Default)]
struct Resolved {
    bounds: Option<(Day, Day)>,
    granularity: Option<Granularity>,
    relative: Option<String>,
    anchored: bool,
    lunar: Option<String>,
}

impl Dates {
    /// Reads `date-words.tsv` and `eras.tsv`; a malformed line names its file and line.
    pub fn new(words: &DictionaryFile, eras: &DictionaryFile) -> Result<Dates, Error> {
        Ok(Dates {
            words: Vocabulary::new(words, eras)?,
            datelines: DatelineReader::new(),
        })
    }

    /// The publication date the document's first lines give, for a document that came
    /// without one.
    pub fn dateline(&self, document: &Document) -> Option<Dateline> {
        self.datelines.read(document.normalized())
    }

    /// Finds the dates of a document; `published` anchors relative dates.
    // Kept out of line so that profiles and `scripts/bench-instructions.sh` see the stage.
    #[inline(never)]
    pub fn find(&self, document: &Document, published: Option<Day>) -> Vec<DateMention> {
        let chars = document.normalized_chars();
        let mut boundaries = vec![false; chars.len() + 1];
        for token in document.tokens() {
            boundaries[token.span.start] = true;
        }
        boundaries[chars.len()] = true;
        let grammar = Grammar {
            chars,
            boundaries: &boundaries,
            words: &self.words,
        };
        let mut found: Vec<Found> = Vec::new();
        // Dates start where words of the segmentation do: the scan visits word starts only.
        let mut free_from = 0;
        for token in document.tokens() {
            let at = token.span.start;
            let c = chars[at];
            if at < free_from || !self.words.may_start(c) {
                continue;
            }
            if let Some(plan) = (c == '十').then(|| plan_at(chars, at)).flatten() {
                free_from = plan.span.end;
                found.push(plan);
                continue;
            }
            // Most numbers are no dates: only one followed by a date's word may start one.
            if grammar::is_numeral(c) {
                let run = chars[at..]
                    .iter()
                    .take_while(|&&c| grammar::is_numeral(c))
                    .count();
                if !may_follow_number(&chars[at + run..]) {
                    continue;
                }
            }
            if let Some(parsed) = grammar.expression(at) {
                found.push(Found {
                    span: NormalizedSpan {
                        start: parsed.start,
                        end: parsed.end,
                    },
                    resolved: resolve(&parsed, published),
                    role: parsed.role,
                    plan: None,
                });
                free_from = parsed.end;
            }
        }
        found
            .into_iter()
            .map(|f| {
                let role = f.role.unwrap_or_else(|| role_around(chars, f.span));
                let resolved = f.resolved;
                DateMention {
                    mention: document.mention(f.span),
                    from: resolved.bounds.map(|(from, _)| from.iso()),
                    to: resolved.bounds.map(|(_, to)| to.iso()),
                    granularity: resolved.granularity.unwrap_or(Granularity::Year),
                    role,
                    relative: resolved.relative,
                    anchored: resolved.anchored && resolved.bounds.is_some(),
                    plan: f.plan,
                    lunar: resolved.lunar,
                }
            })
            .collect()
    }
}

/// Resolves an expression against the publication date.
fn resolve(parsed: &Parsed, published: Option<Day>) -> Resolved {
    match parsed.expr {
        Expr::Calendar(calendar) => resolve_calendar(&calendar, published),
        Expr::Range(low, high) => {
            let (low_calendar, high_calendar) = (low, high);
            let (low, mut high) = (
                resolve_calendar(&low, published),
                resolve_calendar(&high, published),
            );
            // `8月至2月`, `12月28日至1月3日`: an upper end that borrowed its year runs into the
            // next one.
            let wraps = low.bounds.zip(high.bounds).is_some_and(|(l, h)| h.1 < l.0);
            if wraps && high_calendar.year == low_calendar.year && high_calendar.month.is_some() {
                if let Some(y) = resolve_year(&high_calendar, published) {
                    high = resolve_calendar(
                        &Calendar {
                            year: Some(YearOf::Absolute(y + 1)),
                            ..high_calendar
                        },
                        published,
                    );
                }
            }
            let bounds = low
                .bounds
                .zip(high.bounds)
                .map(|((from, _), (_, to))| (from, to))
                .filter(|(from, to)| from <= to);
            let lunar = low
                .lunar
                .zip(high.lunar)
                .map(|(low, high)| format!("{low}/{high}"));
            Resolved {
                bounds,
                granularity: high.granularity,
                relative: low.relative.or(high.relative),
                anchored: low.anchored || high.anchored,
                lunar,
            }
        }
        Expr::Day(offset) => anchored(
            published.map(|p| {
                let day = p.plus_days(offset.into());
                (day, day)
            }),
            Granularity::Day,
            duration(offset, 'D'),
        ),
        Expr::Week { shift, day } => {
            let bounds = published.map(|p| {
                let monday = p.plus_days(7 * i64::from(shift) - i64::from(p.weekday() - 1));
                match day {
                    Some(0) => (monday.plus_days(5), monday.plus_days(6)),
                    Some(day) => {
                        let day = monday.plus_days(i64::from(day) - 1);
                        (day, day)
                    }
                    None => (monday, monday.plus_days(6)),
                }
            });
            let granularity = match day {
                Some(1..) => Granularity::Day,
                _ => Granularity::Week,
            };
            anchored(bounds, granularity, duration(shift, 'W'))
        }
        Expr::Count {
            direction,
            amount,
            unit,
        } => {
            let bounds = published.map(|p| {
                let far = step(p, unit, direction * amount as i32);
                if direction > 0 {
                    (p.next(), far)
                } else {
                    (far, p.previous())
                }
            });
            anchored(
                bounds,
                unit_granularity(unit),
                duration(direction * amount as i32, unit_letter(unit)),
            )
        }
        Expr::Ago {
            direction,
            amount,
            unit,
        } => anchored(
            published.map(|p| {
                let day = step(p, unit, direction * amount as i32);
                (day, day)
            }),
            Granularity::Day,
            duration(direction * amount as i32, unit_letter(unit)),
        ),
        Expr::Decade { century, decade } => {
            let decade = decade as i32;
            let first = match century {
                Some(YearOf::Absolute(first)) => Some(first + decade),
                Some(YearOf::Relative(offset)) => {
                    published.map(|p| (p.year.div_euclid(100) + offset) * 100 + decade)
                }
                // `九十年代`: of this century once it has begun by publication, else the last.
                None => Some(if published.is_some_and(|p| 2000 + decade <= p.year) {
                    2000 + decade
                } else {
                    1900 + decade
                }),
            };
            Resolved {
                bounds: first.map(|y| (Day::first_of_year(y), Day::last_of_year(y + 9))),
                granularity: Some(Granularity::Decade),
                relative: match century {
                    Some(YearOf::Relative(offset)) => Some(duration(100 * offset, 'Y')),
                    _ => None,
                },
                anchored: matches!(century, Some(YearOf::Relative(_))),
                lunar: None,
            }
        }
    }
}

/// The year of a calendar date, from the text or the publication date.
fn resolve_year(calendar: &Calendar, published: Option<Day>) -> Option<i32> {
    match calendar.year {
        Some(YearOf::Absolute(year)) => Some(year),
        Some(YearOf::Relative(offset)) => published.map(|p| p.year + offset),
        None => published.map(|p| p.year),
    }
}

/// A date placed with the publication date.
fn anchored(bounds: Option<(Day, Day)>, granularity: Granularity, relative: String) -> Resolved {
    Resolved {
        bounds,
        granularity: Some(granularity),
        relative: Some(relative),
        anchored: true,
        lunar: None,
    }
}

/// Resolves a calendar date: the year, month and day it gives, completed from publication.
fn resolve_calendar(calendar: &Calendar, published: Option<Day>) -> Resolved {
    let relative_year = match calendar.year {
        Some(YearOf::Relative(offset)) => Some(offset),
        Some(YearOf::Absolute(_)) => None,
        None => Some(0),
    };
    let relative_month = match calendar.month {
        Some(MonthOf::Relative(offset)) => Some(offset),
        _ => None,
    };
    let needs_publication = relative_year.is_some() || relative_month.is_some();
    let relative = needs_publication.then(|| match (relative_month, calendar.month) {
        (Some(offset), _) => duration(offset, 'M'),
        (None, None) if calendar.day.is_some() => duration(0, 'M'),
        _ => duration(relative_year.unwrap_or(0), 'Y'),
    });
    let granularity = if calendar.day.is_some() {
        Granularity::Day
    } else if calendar.month.is_some() {
        Granularity::Month
    } else if let Some(part) = calendar.part {
        part.granularity
    } else {
        Granularity::Year
    };
    // Year and month, from the text or the publication date.
    let year_month = (|| {
        let year = resolve_year(calendar, published)?;
        match calendar.month {
            Some(MonthOf::Absolute(month)) => Some((year, Some(month))),
            Some(MonthOf::Relative(offset)) => {
                let month = Day::first_of_month(year, published?.month).plus_months(offset);
                Some((month.year, Some(month.month)))
            }
            // A day alone: the latest such day up to publication (`29日`).
            None if calendar.day.is_some() => {
                let (published, day) = (published?, calendar.day?);
                let this_month = Day::first_of_month(published.year, published.month);
                let first_back = if day <= published.day { 0 } else { 1 };
                (first_back..12)
                    .map(|back| this_month.plus_months(-back))
                    .find(|month| Day::new(month.year, month.month, day).is_some())
                    .map(|month| (month.year, Some(month.month)))
            }
            None => Some((year, None)),
        }
    })();
    let mut resolved = Resolved {
        granularity: Some(granularity),
        relative,
        anchored: needs_publication,
        ..Resolved::default()
    };
    let Some((year, month)) = year_month else {
        return resolved;
    };
    if calendar.lunar {
        resolved.lunar = Some(match (month, calendar.day) {
            (Some(month), Some(day)) => format!("{year:04}-{month:02}-{day:02}"),
            (Some(month), None) => format!("{year:04}-{month:02}"),
            _ => format!("{year:04}"),
        });
        return resolved;
    }
    resolved.bounds = match (month, calendar.day, calendar.part) {
        (Some(month), Some(day), _) => Day::new(year, month, day).map(|day| (day, day)),
        (Some(month), None, _) => Some((
            Day::first_of_month(year, month),
            Day::last_of_month(year, month),
        )),
        (None, _, Some(part)) => {
            let first = Day::first_of_month(year, part.first_month);
            let last = first.plus_months(part.months as i32 - 1);
            Some((first, Day::last_of_month(last.year, last.month)))
        }
        (None, _, None) => Some((Day::first_of_year(year), Day::last_of_year(year))),
    };
    resolved
}

/// `amount` units after `day` (before it when negative).
fn step(day: Day, unit: Unit, amount: i32) -> Day {
    match unit {
        Unit::Year => day.plus_years(amount),
        Unit::Month => day.plus_months(amount),
        Unit::Week => day.plus_days(7 * i64::from(amount)),
        Unit::Day => day.plus_days(i64::from(amount)),
    }
}

fn unit_granularity(unit: Unit) -> Granularity {
    match unit {
        Unit::Year => Granularity::Year,
        Unit::Month => Granularity::Month,
        Unit::Week => Granularity::Week,
        Unit::Day => Granularity::Day,
    }
}

fn unit_letter(unit: Unit) -> char {
    match unit {
        Unit::Year => 'Y',
        Unit::Month => 'M',
        Unit::Week => 'W',
        Unit::Day => 'D',
    }
}

/// An ISO 8601 duration of `amount` units, negative for the past: `P5Y`, `-P1D`. Written
/// without `format!`, which costs more than resolving the date.
fn duration(amount: i32, unit: char) -> String {
    let mut text = String::with_capacity(8);
    if amount < 0 {
        text.push('-');
    }
    text.push('P');
    let magnitude = amount.unsigned_abs();
    let mut divisor = 1;
    while magnitude / divisor >= 10 {
        divisor *= 10;
    }
    while divisor > 0 {
        text.push(char::from(b'0' + (magnitude / divisor % 10) as u8));
        divisor /= 10;
    }
    text.push(unit);
    text
}

/// `十四五` and the other plans from the 11th (`十一五`) on, with `时期`, `期间` or `末` after, when
/// one starts at `at` (its `十`).
fn plan_at(chars: &[char], at: usize) -> Option<Found> {
    if chars.get(at + 2) != Some(&'五') || chars[at + 1] == '两' {
        return None;
    }
    let ones = numbers::chinese_digit(chars[at + 1]).filter(|&d| d >= 1)?;
    // Not inside a longer number (`二十五五`) or word.
    if at > 0 && numbers::is_chinese_numeral(chars[at - 1])
        || chars
            .get(at + 3)
            .is_some_and(|&c| numbers::is_chinese_numeral(c))
    {
        return None;
    }
    let plan_number = 10 + ones as i32;
    // The third plan began in 1966, and each since has lasted five years.
    let first_year = 1966 + 5 * (plan_number - 3);
    let mut end = at + 3;
    if chars.get(end) == Some(&'”') {
        end += 1;
    }
    let bounds = match chars.get(end..(end + 2).min(chars.len())) {
        Some(['末', ..]) => {
            end += 1;
            let last = first_year + 4;
            (Day::first_of_year(last), Day::last_of_year(last))
        }
        suffix => {
            if matches!(suffix, Some(['时', '期'] | ['期', '间'])) {
                end += 2;
            }
            (
                Day::first_of_year(first_year),
                Day::last_of_year(first_year + 4),
            )
        }
    };
    let start = if at > 0 && chars[at - 1] == '“' {
        at - 1
    } else {
        at
    };
    Some(Found {
        span: NormalizedSpan { start, end },
        resolved: Resolved {
            bounds: Some(bounds),
            granularity: Some(Granularity::Year),
            ..Resolved::default()
        },
        role: Some(DateRole::Period),
        plan: Some(chars[at..at + 3].iter().collect()),
    })
}

/// The role of a date whose own words give none: `到2025年`, `力争到2025年` and `至2025年` are
/// deadlines. (`截至`, `以来`, `前` are read with the date, as part of it.)
fn role_around(chars: &[char], span: NormalizedSpan) -> DateRole {
    match span.start.checked_sub(1).map(|before| chars[before]) {
        Some('到' | '至') => DateRole::Deadline,
        _ => DateRole::Point,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Pipeline;

    fn dates(text: &str, published: Option<&str>) -> Vec<DateMention> {
        let pipeline = Pipeline::for_tests();
        let document = pipeline.analyze(text.to_string());
        pipeline.dates(&document, published.and_then(Day::parse_iso))
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
                "2025年前",
                "2025-01-01",
                "2025-12-31",
                Year,
                Deadline,
            ),
            (
                "截至2020年底,完成。",
                "截至2020年底",
                "2020-12-01",
                "2020-12-31",
                Month,
                AsOf,
            ),
            (
                "2020年以来,增长。",
                "2020年以来",
                "2020-01-01",
                "2020-12-31",
                Year,
                Since,
            ),
            (
                "未来5年完成改造。",
                "未来5年",
                "2021-12-10",
                "2026-12-09",
                Year,
                Period,
            ),
            (
                "未来五年的重点。",
                "未来五年",
                "2021-12-10",
                "2026-12-09",
                Year,
                Period,
            ),
            (
                "近三年增长。",
                "近三年",
                "2018-12-09",
                "2021-12-08",
                Year,
                Period,
            ),
            (
                "今明两年,浦东将推进改造。",
                "今明两年",
                "2021-01-01",
                "2022-12-31",
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
            (
                "上周一开会。",
                "上周一",
                "2021-11-29",
                "2021-11-29",
                Day,
                Point,
            ),
            (
                "下周召开。",
                "下周",
                "2021-12-13",
                "2021-12-19",
                Week,
                Point,
            ),
            (
                "本周末举行。",
                "本周末",
                "2021-12-11",
                "2021-12-12",
                Week,
                Point,
            ),
            (
                "星期三开会。",
                "星期三",
                "2021-12-08",
                "2021-12-08",
                Day,
                Point,
            ),
            ("明天发布。", "明天", "2021-12-10", "2021-12-10", Day, Point),
            ("昨日宣布。", "昨日", "2021-12-08", "2021-12-08", Day, Point),
            (
                "本月十日发布。",
                "本月十日",
                "2021-12-10",
                "2021-12-10",
                Day,
                Point,
            ),
            (
                "上个月增长。",
                "上个月",
                "2021-11-01",
                "2021-11-30",
                Month,
                Point,
            ),
            (
                "去年本月增长。",
                "去年本月",
                "2020-12-01",
                "2020-12-31",
                Month,
                Point,
            ),
            ("8日召开。", "8日", "2021-12-08", "2021-12-08", Day, Point),
            ("29日召开。", "29日", "2021-11-29", "2021-11-29", Day, Point),
            (
                "两千零四年八月十五。",
                "两千零四年八月十五",
                "2004-08-15",
                "2004-08-15",
                Day,
                Point,
            ),
            (
                "2008 年奥运会。",
                "2008 年",
                "2008-01-01",
                "2008-12-31",
                Year,
                Point,
            ),
            (
                "13.5.2015发布。",
                "13.5.2015",
                "2015-05-13",
                "2015-05-13",
                Day,
                Point,
            ),
            (
                "康熙二十年9月。",
                "康熙二十年9月",
                "1681-09-01",
                "1681-09-30",
                Month,
                Point,
            ),
            (
                "民国三年。",
                "民国三年",
                "1914-01-01",
                "1914-12-31",
                Year,
                Point,
            ),
            (
                "上世纪90年代。",
                "上世纪90年代",
                "1990-01-01",
                "1999-12-31",
                Decade,
                Point,
            ),
            (
                "九十年代。",
                "九十年代",
                "1990-01-01",
                "1999-12-31",
                Decade,
                Point,
            ),
            (
                "今年夏天。",
                "今年夏天",
                "2021-06-01",
                "2021-08-31",
                Season,
                Point,
            ),
            (
                "去年冬天。",
                "去年冬天",
                "2020-12-01",
                "2021-02-28",
                Season,
                Point,
            ),
            (
                "今年前8个月增长。",
                "今年前8个月",
                "2021-01-01",
                "2021-08-31",
                Month,
                Point,
            ),
            (
                "年内完成。",
                "年内",
                "2021-01-01",
                "2021-12-31",
                Year,
                Deadline,
            ),
            (
                "1—7月增长。",
                "1—7月",
                "2021-01-01",
                "2021-07-31",
                Month,
                Range,
            ),
            (
                "12月28日至1月3日举行。",
                "12月28日至1月3日",
                "2021-12-28",
                "2022-01-03",
                Day,
                Range,
            ),
            (
                "2018/1/10-2018/7/10。",
                "2018/1/10-2018/7/10",
                "2018-01-10",
                "2018-07-10",
                Day,
                Range,
            ),
            (
                "从一月十日到十二日。",
                "从一月十日到十二日",
                "2021-01-10",
                "2021-01-12",
                Day,
                Range,
            ),
            (
                "2007年与2009年之间。",
                "2007年与2009年之间",
                "2007-01-01",
                "2009-12-31",
                Year,
                Range,
            ),
            (
                "2010年之后2018年之前。",
                "2010年之后2018年之前",
                "2010-01-01",
                "2018-12-31",
                Year,
                Range,
            ),
            (
                "自2018年以来。",
                "自2018年以来",
                "2018-01-01",
                "2018-12-31",
                Year,
                Since,
            ),
            (
                "2015年起实施。",
                "2015年起",
                "2015-01-01",
                "2015-12-31",
                Year,
                Since,
            ),
            (
                "2010年1月10日或之前。",
                "2010年1月10日或之前",
                "2010-01-10",
                "2010-01-10",
                Day,
                Deadline,
            ),
            (
                "近3个月增长。",
                "近3个月",
                "2021-09-09",
                "2021-12-08",
                Month,
                Period,
            ),
            (
                "过去一周增长。",
                "过去一周",
                "2021-12-02",
                "2021-12-08",
                Week,
                Period,
            ),
            (
                "五年内完成。",
                "五年内",
                "2021-12-10",
                "2026-12-09",
                Year,
                Period,
            ),
            (
                "5年前建成。",
                "5年前",
                "2016-12-09",
                "2016-12-09",
                Day,
                Point,
            ),
            (
                "三天后召开。",
                "三天后",
                "2021-12-12",
                "2021-12-12",
                Day,
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
            "每周一开会。",
            "最大年龄。",
            "888-000-9999。",
            "192.168.255.255。",
            "京西八大厂。",
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
    fn lunar_dates_keep_their_lunar_day_and_no_gregorian_bounds() {
        let found = dates("农历2015年十月初一,正月十五,大年三十。", Some("2021-12-09"));
        let lunar: Vec<(&str, Option<&str>, Option<&str>)> = found
            .iter()
            .map(|d| {
                (
                    d.mention.text.as_str(),
                    d.lunar.as_deref(),
                    d.from.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            lunar,
            [
                ("农历2015年十月初一", Some("2015-10-01"), None),
                ("正月十五", Some("2021-01-15"), None),
                ("大年三十", Some("2021-01-30"), None),
            ]
        );
    }

    #[test]
    fn a_suffix_that_starts_a_word_does_not_open_a_date() {
        let texts: Vec<String> = dates("2025年前景广阔。", Some("2021-12-09"))
            .into_iter()
            .map(|d| d.mention.text)
            .collect();
        assert_eq!(texts, ["2025年"]);
    }

    #[test]
    fn durations_are_written_in_iso_8601() {
        assert_eq!(duration(5, 'Y'), "P5Y");
        assert_eq!(duration(-1, 'D'), "-P1D");
        assert_eq!(duration(0, 'M'), "P0M");
        assert_eq!(duration(-100, 'Y'), "-P100Y");
    }

    #[test]
    fn resolution_is_exact_at_month_and_leap_boundaries() {
        let published = Some("2024-02-29");
        let found = dates("未来1年,2月29日。", published);
        assert_eq!(found[0].from.as_deref(), Some("2024-03-01"));
        assert_eq!(found[0].to.as_deref(), Some("2025-02-28"));
        assert_eq!(found[1].from.as_deref(), Some("2024-02-29"));
        let common = dates("2月29日。", Some("2023-03-01"));
        assert_eq!(common[0].from, None, "no 29 February in 2023");
        // A day alone is the latest such day: 30 January, February having none.
        let thirtieth = dates("30日。", Some("2021-03-02"));
        assert_eq!(thirtieth[0].from.as_deref(), Some("2021-01-30"));
        // Weeks run Monday to Sunday, across the year's end.
        let week = dates("下周。", Some("2021-12-29"));
        assert_eq!(week[0].from.as_deref(), Some("2022-01-03"));
        assert_eq!(week[0].to.as_deref(), Some("2022-01-09"));
        let tomorrow = dates("明天。", Some("2021-12-31"));
        assert_eq!(tomorrow[0].from.as_deref(), Some("2022-01-01"));
        let last_monday = dates("上周一。", Some("2022-01-02"));
        assert_eq!(last_monday[0].from.as_deref(), Some("2021-12-20"));
        let last_year = dates("去年。", Some("2021-01-01"));
        assert_eq!(last_year[0].to.as_deref(), Some("2020-12-31"));
        let leap_day_back = dates("近一年。", Some("2024-02-29"));
        assert_eq!(leap_day_back[0].from.as_deref(), Some("2023-02-28"));
        assert_eq!(leap_day_back[0].to.as_deref(), Some("2024-02-28"));
        let month = dates("下个月。", Some("2024-12-31"));
        assert_eq!(month[0].from.as_deref(), Some("2025-01-01"));
        assert_eq!(month[0].to.as_deref(), Some("2025-01-31"));
    }
}
