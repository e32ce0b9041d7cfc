//! The JSON wire format, pinned twice: deserialised into strict structs that reject any field
//! they do not name, and validated against `docs/record.schema.json`.
//!
//! Every field is named, read or not, so that `deny_unknown_fields` pins the whole format.
#![allow(dead_code)]

use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::util::root;

/// One output line.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Line {
    Record(Box<Record>),
    Error(Box<ErrorRecord>),
}

impl Line {
    pub fn record(&self) -> &Record {
        match self {
            Line::Record(record) => record,
            Line::Error(error) => panic!("expected a record, got {error:?}"),
        }
    }

    pub fn error(&self) -> &ErrorRecord {
        match self {
            Line::Error(error) => error,
            Line::Record(record) => panic!("expected an error record, got {}", record.id),
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Line::Record(record) => &record.id,
            Line::Error(error) => &error.id,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub schema_version: u32,
    pub id: String,
    pub source: Source,
    pub meta: Meta,
    pub stats: Stats,
    pub sentences: Vec<Span>,
    pub figures: Vec<Figure>,
    pub dates: Vec<DateMention>,
    pub places: Vec<Place>,
    pub sectors: Vec<Sector>,
    pub sector_systems: Vec<SectorSystem>,
    pub targets: Vec<Target>,
    pub reports: Vec<Report>,
    pub warnings: Vec<Problem>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub value: f64,
    pub exact: String,
    pub unit: Option<String>,
    pub kind: String,
    pub number: String,
    pub surface_unit: Option<String>,
    pub magnitude: Option<String>,
    pub comparator: Option<String>,
    pub high: Option<f64>,
    pub exact_high: Option<String>,
    pub role: String,
    pub direction: Option<String>,
    pub basis: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct DateMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub from: Option<String>,
    pub to: Option<String>,
    pub granularity: String,
    pub role: String,
    pub relative: Option<String>,
    pub anchored: bool,
    pub plan: Option<String>,
    pub lunar: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub name: String,
    pub known: bool,
    pub gbt4754: Vec<String>,
    pub sei: Option<String>,
    pub kind: String,
    pub inherited_head: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub name: String,
    pub kind: String,
    pub code: Option<String>,
    pub path: Vec<String>,
    pub short_form: bool,
    pub resolution: String,
    pub candidates: Vec<Candidate>,
    pub candidate_count: usize,
    pub parent: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    pub code: Option<String>,
    pub path: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct SectorSystem {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub name: String,
    pub framework: String,
    pub members: Vec<SystemMember>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct SystemMember {
    pub sector: usize,
    pub role: String,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub subject: Option<Subject>,
    pub metric: Option<Metric>,
    pub values: Vec<TargetValue>,
    pub actual: Option<TargetValue>,
    pub deadline: Option<When>,
    pub period: Option<When>,
    pub baseline: Option<Baseline>,
    pub status: String,
    pub modality: Option<String>,
    pub plan: Option<String>,
    pub evidence: Vec<Phrase>,
    pub derived: Option<Derived>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub subject: Option<Subject>,
    pub metric: Metric,
    pub values: Vec<TargetValue>,
    pub time: Option<When>,
    pub change: Option<TargetValue>,
    pub evidence: Phrase,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub name: String,
    pub code: Option<String>,
    pub from: String,
    pub mention: Option<Phrase>,
    pub places: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub name: String,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct TargetValue {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub value: f64,
    pub exact: String,
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub comparator: Option<String>,
    pub role: String,
    pub metric: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct When {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub from: Option<String>,
    pub to: Option<String>,
    pub granularity: String,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub value: TargetValue,
    pub year: Option<String>,
    pub change: Option<TargetValue>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Derived {
    pub ratio: f64,
    pub years: Option<i32>,
    pub cagr: Option<f64>,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub kind: String,
    pub format: String,
    pub path: Option<String>,
    pub line: Option<usize>,
    pub bytes: usize,
    pub encoding: Option<String>,
    pub sha256: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub published_from: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub extra: Map<String, Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    pub chars: usize,
    pub normalized_chars: usize,
    pub sentences: usize,
    pub tokens: usize,
    pub pinyin_annotations_removed: usize,
    pub traditional_converted: bool,
    pub traditional_chars_converted: usize,
    pub width_folded: usize,
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    pub kind: String,
    pub message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorRecord {
    pub schema_version: u32,
    pub id: String,
    pub source: Option<Source>,
    pub error: Problem,
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("docs/record.schema.json")).unwrap();
        let schema: Value = serde_json::from_str(&text).unwrap();
        jsonschema::validator_for(&schema).expect("the JSON Schema is valid")
    })
}

/// Validates one JSON value against the schema and parses it strictly.
pub fn parse_value(value: Value) -> Line {
    let errors: Vec<String> = validator()
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema violations: {errors:#?}");
    serde_json::from_value(value).unwrap()
}

/// Parses JSON Lines output.
pub fn parse_jsonl(stdout: &str) -> Vec<Line> {
    stdout
        .lines()
        .map(|line| parse_value(serde_json::from_str(line).unwrap()))
        .collect()
}

/// Parses `--format json` output: pretty records one after another.
pub fn parse_json_stream(stdout: &str) -> Vec<Line> {
    serde_json::Deserializer::from_str(stdout)
        .into_iter::<Value>()
        .map(|value| parse_value(value.unwrap()))
        .collect()
}

#[test]
fn the_schema_rejects_what_the_format_forbids() {
    let record = serde_json::json!({
        "schema_version": 3, "id": "x",
        "source": {"kind": "stdin", "format": "text", "path": null, "line": 1, "bytes": 3,
                   "encoding": "UTF-8", "sha256": null, "text": null},
        "meta": {"title": null, "published": "2021-12-09", "published_from": "input",
                 "outlet": null, "url": null, "extra": {}},
        "stats": {"chars": 1, "normalized_chars": 1, "sentences": 1, "tokens": 1,
                  "pinyin_annotations_removed": 0, "traditional_converted": false,
                  "traditional_chars_converted": 0, "width_folded": 0},
        "sentences": [{"start": 0, "end": 1}],
        "figures": [{"text": "16.3%", "start": 0, "end": 5, "sentence": 0, "value": 16.3,
                     "exact": "16.3", "unit": "%", "kind": "percent", "number": "16.3",
                     "surface_unit": "%", "magnitude": null, "comparator": null, "high": null,
                     "exact_high": null, "role": "change", "direction": "up",
                     "basis": "year_on_year"}],
        "dates": [], "places": [],
        "sectors": [{"text": "金融业", "start": 0, "end": 3, "sentence": 0, "name": "金融业",
                     "known": true, "gbt4754": ["J"], "sei": null, "kind": "industry",
                     "inherited_head": null}],
        "sector_systems": [], "targets": [], "reports": [], "warnings": []
    });
    assert!(validator().is_valid(&record));
    let mut extra_field = record.clone();
    extra_field["surprise"] = Value::Bool(true);
    assert!(!validator().is_valid(&extra_field));
    let mut bad_date = record.clone();
    bad_date["meta"]["published"] = Value::String("9 Dec 2021".into());
    assert!(!validator().is_valid(&bad_date));
    let mut negative = record.clone();
    negative["sentences"][0]["start"] = Value::from(-1);
    assert!(!validator().is_valid(&negative));
    let mut unknown_role = record;
    unknown_role["figures"][0]["role"] = Value::String("guess".into());
    assert!(!validator().is_valid(&unknown_role));
}
