//! Microsoft Recognizers-Text's Chinese specs for numbers, percentages, currencies and
//! dimensions (dates are in `recognizers_dates.rs`), run through the library when `../shared/data/recognizers-zh` is present (skipped
//! with a message otherwise). Each case passes when our spans and values are exactly the
//! spec's; cases that the reference implementation itself fails (`NotSupported` naming
//! `dotnet`) are not counted. `ZHNEWS_SHOW_FAILURES=1` lists the failing cases.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde::Deserialize;
use zhnews::{Dictionaries, Document, Figure, Pipeline};

use super::util::root;

pub(super) fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(&Dictionaries::embedded()).unwrap())
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Case {
    input: String,
    #[serde(default)]
    not_supported: Option<String>,
    results: Vec<Expected>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Expected {
    start: usize,
    /// Inclusive.
    end: usize,
    resolution: Option<serde_json::Value>,
}

/// A found span: start, inclusive end, value.
type Found = (usize, usize, f64);

pub(super) fn specs() -> Option<PathBuf> {
    let dir = root().join("../shared/data/recognizers-zh/Specs");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

/// The spec's value as a number: `"16.3%"` → 16.3, `"5E-06"` → 0.000005, `null` → NaN.
fn expected_value(expected: &Expected) -> f64 {
    let value = expected.resolution.as_ref().and_then(|r| r.get("value"));
    match value.and_then(|v| v.as_str()) {
        Some(text) => text.trim_end_matches('%').parse().unwrap_or(f64::NAN),
        None => f64::NAN,
    }
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) || (a.is_nan() && b.is_nan())
}

/// Runs the cases of one spec file, skipping those the reference implementation fails:
/// `check` compares our result with the spec's and describes a mismatch. Prints the share
/// passed and returns (passed, counted).
fn run_spec<C: serde::de::DeserializeOwned>(
    file: &str,
    not_supported: impl Fn(&C) -> Option<&str>,
    check: impl Fn(&C) -> Result<(), String>,
) -> (usize, usize) {
    let Some(dir) = specs() else { return (0, 0) };
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let cases: Vec<C> = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
    let show = std::env::var_os("ZHNEWS_SHOW_FAILURES").is_some();
    let (mut passed, mut counted) = (0, 0);
    for case in &cases {
        if not_supported(case).is_some_and(|n| n.contains("dotnet")) {
            continue;
        }
        counted += 1;
        match check(case) {
            Ok(()) => passed += 1,
            Err(difference) if show => eprintln!("{file}: {difference}"),
            Err(_) => {}
        }
    }
    println!(
        "{file}: {passed}/{counted} passed ({:.1}%)",
        100.0 * passed as f64 / counted.max(1) as f64
    );
    (passed, counted)
}

/// Runs a model spec, comparing spans and values.
fn run(file: &str, found: impl Fn(&Document) -> Vec<Found>) -> (usize, usize) {
    run_spec(
        file,
        |case: &Case| case.not_supported.as_deref(),
        |case| {
            let document = pipeline().analyze(case.input.clone());
            let ours = found(&document);
            let theirs: Vec<Found> = case
                .results
                .iter()
                .map(|e| (e.start, e.end, expected_value(e)))
                .collect();
            let same = ours.len() == theirs.len()
                && ours
                    .iter()
                    .zip(&theirs)
                    .all(|(a, b)| a.0 == b.0 && a.1 == b.1 && close(a.2, b.2));
            if same {
                Ok(())
            } else {
                Err(format!(
                    "{:?}\n  ours   {ours:?}\n  theirs {theirs:?}",
                    case.input
                ))
            }
        },
    )
}

pub(super) fn assert_floor(file: &str, (passed, counted): (usize, usize), floor: f64) {
    if counted > 0 {
        let share = passed as f64 / counted as f64;
        assert!(
            share >= floor,
            "{file}: {:.1}% passed, under the floor of {:.0}%",
            share * 100.0,
            floor * 100.0
        );
    }
}

fn figures_of_kind(
    document: &Document,
    kinds: &[&str],
    value: impl Fn(&Figure) -> f64,
) -> Vec<Found> {
    pipeline()
        .figures(document)
        .iter()
        .filter(|f| kinds.contains(&f.kind.as_str()))
        .map(|f| (f.mention.start, f.mention.end - 1, value(f)))
        .collect()
}

fn value(figure: &Figure) -> f64 {
    figure.value.as_f64().unwrap()
}

fn number(figure: &Figure) -> f64 {
    figure.number.parse().unwrap_or_else(|_| {
        let (numerator, denominator) = figure.number.split_once('/').unwrap();
        numerator.parse::<f64>().unwrap() / denominator.parse::<f64>().unwrap()
    })
}

#[test]
fn recognizers_number_model() {
    let file = "Number/Chinese/NumberModel.json";
    let result = run(file, |document| {
        zhnews::numbers(document)
            .iter()
            .map(|n| {
                let span = document.to_original(n.span);
                (span.start, span.end - 1, n.value.to_f64())
            })
            .collect()
    });
    assert_floor(file, result, 0.90);
}

#[test]
fn recognizers_percent_model() {
    let file = "Number/Chinese/PercentModel.json";
    let result = run(file, |d| {
        figures_of_kind(d, &["percent", "percentage_point"], value)
    });
    assert_floor(file, result, 0.90);
}

#[test]
fn recognizers_currency_model() {
    let file = "NumberWithUnit/Chinese/CurrencyModel.json";
    let result = run(file, |d| figures_of_kind(d, &["currency"], value));
    assert_floor(file, result, 0.90);
}

#[test]
fn recognizers_dimension_model() {
    let file = "NumberWithUnit/Chinese/DimensionModel.json";
    let kinds = [
        "area",
        "length",
        "mass",
        "volume",
        "energy",
        "power",
        "voltage",
        "frequency",
        "data",
    ];
    let result = run(file, |d| figures_of_kind(d, &kinds, number));
    assert_floor(file, result, 0.90);
}
