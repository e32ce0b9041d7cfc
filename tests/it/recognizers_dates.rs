//! Recognizers-Text's Chinese date specs (DateExtractor, DatePeriodExtractor, DateParser,
//! DatePeriodParser, DateTimeModel), run through the library when `../shared/data` is present.
//!
//! A case passes when we find exactly its spans and, where it gives a reference date, resolve
//! each to its value. The specs' conventions are mapped, not copied:
//! - a spec range ends on the first day after it (`2018年10月` ends 2018-11-01); ours ends on
//!   its last day. For a range written with two ends, the spec counts the upper end as the day
//!   it begins (`2016年至2018年` ends 2018-01-01), where we count all of it, as plans do
//!   (`2021—2025年` is five years): either reading of the upper end passes.
//! - a date without its year has a past and a future reading in the spec; ours (the year of
//!   publication, or the latest such day for a day alone) must be one of them.
//! - an open range (`2018年以前`, `自2018年以来`) is our date with the role `deadline` or `since`;
//!   its one bound must be the first or last day of our date (or the day after, for `之后`).
//! - lunar dates are resolved literally by the spec; we give them as `lunar`, not as `from`.
//!
//! Every case counts, also those other implementations of Recognizers-Text skip. The share
//! passed is printed per file and per type; `ZHNEWS_SHOW_FAILURES=1` lists the failures.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;
use zhnews::{DateMention, DateRole, Day};

use super::recognizers::{assert_floor, pipeline, specs};

const FILES: [&str; 5] = [
    "DateExtractor",
    "DatePeriodExtractor",
    "DateParser",
    "DatePeriodParser",
    "DateTimeModel",
];

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Case {
    input: String,
    #[serde(default)]
    context: Option<Context>,
    results: Vec<Result>,
}

#[derive(Debug, Deserialize)]
struct Context {
    #[serde(rename = "ReferenceDateTime")]
    reference: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Result {
    start: usize,
    /// Extractor and parser specs.
    length: Option<usize>,
    /// The model spec, inclusive.
    end: Option<usize>,
    #[serde(alias = "TypeName")]
    r#type: String,
    /// Parser specs.
    value: Option<Value>,
    /// The model spec.
    resolution: Option<Value>,
}

/// A value the spec accepts for one result.
#[derive(Debug, Clone, PartialEq)]
enum Expected {
    Day(String),
    /// Start and exclusive end; either may be open.
    Range(Option<String>, Option<String>),
    NotResolved,
}

impl Result {
    fn kind(&self) -> &str {
        self.r#type.trim_start_matches("datetimeV2.")
    }

    fn span(&self) -> (usize, usize) {
        let length = self
            .length
            .unwrap_or_else(|| self.end.unwrap_or(0) + 1 - self.start);
        (self.start, length)
    }

    /// The values the spec accepts, or `None` when it gives none to compare (extractors,
    /// seasons).
    fn expected(&self) -> Option<Vec<Expected>> {
        let text = |v: &Value, key: &str| {
            v.get(key)
                .and_then(Value::as_str)
                .map(|s| s[..s.len().min(10)].to_string())
        };
        if let Some(value) = &self.value {
            let mut readings = Vec::new();
            for key in ["FutureResolution", "PastResolution"] {
                let Some(resolution) = value.get(key) else {
                    continue;
                };
                if let Some(day) = text(resolution, "date") {
                    readings.push(if day.starts_with("0001") {
                        Expected::NotResolved
                    } else {
                        Expected::Day(day)
                    });
                } else if resolution.get("startDate").is_some() {
                    readings.push(Expected::Range(
                        text(resolution, "startDate"),
                        text(resolution, "endDate"),
                    ));
                }
            }
            return (!readings.is_empty()).then_some(readings);
        }
        let values = self.resolution.as_ref()?.get("values")?.as_array()?;
        let readings: Vec<Expected> = values
            .iter()
            .map(|v| {
                if v.get("value").and_then(Value::as_str) == Some("not resolved") {
                    Expected::NotResolved
                } else if let Some(day) = text(v, "value") {
                    Expected::Day(day)
                } else {
                    Expected::Range(text(v, "start"), text(v, "end"))
                }
            })
            .collect();
        (!readings.is_empty()).then_some(readings)
    }
}

/// Whether our date resolves to one of the spec's readings.
fn resolves(date: &DateMention, readings: &[Expected]) -> bool {
    let day = |text: &Option<String>| text.as_deref().and_then(Day::parse_iso);
    let (from, to) = (day(&date.from), day(&date.to));
    readings.iter().any(|reading| match reading {
        Expected::NotResolved => from.is_none() && date.lunar.is_none(),
        Expected::Day(expected) => {
            date.lunar.as_deref() == Some(expected.as_str())
                || from.is_some() && from == to && from == Day::parse_iso(expected)
        }
        Expected::Range(start, end) => {
            let (start, end) = (day(start), day(end));
            let (Some(from), Some(to)) = (from, to) else {
                return false;
            };
            match (start, end) {
                (Some(start), Some(end)) => {
                    let upper_end_begins = date.role == DateRole::Range && {
                        // The spec's end is the day the upper end begins: the same unit as our
                        // last day.
                        match date.granularity {
                            zhnews::Granularity::Day => to == end,
                            zhnews::Granularity::Month => {
                                (to.year, to.month) == (end.year, end.month)
                            }
                            _ => to.year == end.year,
                        }
                    };
                    start == from && (to.next() == end || upper_end_begins)
                }
                (Some(start), None) => {
                    date.role == DateRole::Since && (start == from || start == to.next())
                }
                (None, Some(end)) => {
                    matches!(date.role, DateRole::Deadline | DateRole::AsOf)
                        && (end == from || end == to)
                }
                (None, None) => false,
            }
        }
    })
}

/// Runs one file's cases; returns (passed, counted) per type of case.
fn run_file(name: &str) -> BTreeMap<String, (usize, usize)> {
    let Some(dir) = specs() else {
        return BTreeMap::new();
    };
    let path = dir.join(format!("DateTime/Chinese/{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    let cases: Vec<Case> = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
    let show = std::env::var_os("ZHNEWS_SHOW_FAILURES").is_some();
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for case in &cases {
        let published = case
            .context
            .as_ref()
            .and_then(|c| Day::parse_iso(&c.reference[..10]));
        let document = pipeline().analyze(case.input.clone());
        let ours = pipeline().dates(&document, published);
        let spans_match = ours.len() == case.results.len()
            && ours.iter().zip(&case.results).all(|(date, expected)| {
                (date.mention.start, date.mention.end - date.mention.start) == expected.span()
            });
        let values_match = spans_match
            && ours.iter().zip(&case.results).all(|(date, expected)| {
                published.is_none()
                    || expected
                        .expected()
                        .is_none_or(|readings| resolves(date, &readings))
            });
        let kind = case_kind(case);
        let entry = tally.entry(kind.to_string()).or_default();
        entry.1 += 1;
        if values_match {
            entry.0 += 1;
        } else if show {
            let ours: Vec<String> = ours
                .iter()
                .map(|d| {
                    format!(
                        "{}@{} {:?}..{:?} {:?} {:?} lunar {:?}",
                        d.mention.text,
                        d.mention.start,
                        d.from,
                        d.to,
                        d.granularity,
                        d.role,
                        d.lunar
                    )
                })
                .collect();
            let theirs: Vec<String> = case
                .results
                .iter()
                .map(|r| format!("{:?} {:?}", r.span(), r.expected()))
                .collect();
            eprintln!(
                "{name} [{kind}] {:?} ref {:?}\n  ours   {ours:?}\n  theirs {theirs:?}",
                case.input, published
            );
        }
    }
    tally
}

/// A case's type: `date` or `daterange` when all its results are dates, `none` when it has
/// none, else the first other type (`time`, `duration`, ...).
fn case_kind(case: &Case) -> &str {
    let kinds: Vec<&str> = case.results.iter().map(Result::kind).collect();
    if kinds.is_empty() {
        "none"
    } else if kinds.iter().all(|k| matches!(*k, "date" | "daterange")) {
        kinds[0]
    } else {
        kinds
            .iter()
            .find(|k| !matches!(**k, "date" | "daterange"))
            .copied()
            .unwrap_or("other")
    }
}

#[test]
fn recognizers_dates() {
    if specs().is_none() {
        return;
    }
    let mut by_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for name in FILES {
        let tally = run_file(name);
        let (passed, counted) = tally
            .values()
            .fold((0, 0), |(p, c), (tp, tc)| (p + tp, c + tc));
        println!(
            "DateTime/Chinese/{name}.json: {passed}/{counted} passed ({:.1}%)",
            100.0 * passed as f64 / counted.max(1) as f64
        );
        for (kind, (p, c)) in tally {
            let entry = by_kind.entry(kind).or_default();
            entry.0 += p;
            entry.1 += c;
        }
    }
    for (kind, (passed, counted)) in &by_kind {
        println!(
            "  {kind}: {passed}/{counted} ({:.1}%)",
            100.0 * *passed as f64 / (*counted).max(1) as f64
        );
    }
    let sum = |keep: &dyn Fn(&str) -> bool| {
        by_kind
            .iter()
            .filter(|(kind, _)| keep(kind))
            .fold((0, 0), |(p, c), (_, (tp, tc))| (p + tp, c + tc))
    };
    let dates = sum(&|kind| matches!(kind, "date" | "daterange"));
    let all = sum(&|_| true);
    println!(
        "date and date-range cases: {}/{}; all cases: {}/{}",
        dates.0, dates.1, all.0, all.1
    );
    assert_floor("date and date-range cases", dates, 0.85);
    assert_floor("all date cases", all, 0.70);
}
