//! `zhnews eval`: the pipeline scored against annotated articles, `NAME.gold.json` beside
//! `NAME.txt` (docs/annotation.md). Per type, precision, recall and F1 are counted two ways:
//! by exact span, and by overlapping span with the right values; and per document, what was
//! missed, what was found that the gold lacks, and what was found with a wrong value.
//!
//! Targets have no span of their own; a found target matches a gold one by subject, metric,
//! values and deadline (see [`target_differences`]), and `exact` adds the status.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::input::{file_tasks, FileFilter, LoadOptions, Task};
use crate::pipeline::Pipeline;
use crate::record::Record;

/// The names of the types scored, in the order of the table.
pub const SCORED_TYPES: [&str; 5] = ["figures", "dates", "places", "sectors", "targets"];

/// The types scored, and the value fields a gold entity of each may give.
const TYPES: [TypeSpec; 4] = [
    TypeSpec {
        name: "figures",
        fields: &[
            ("value", Shape::Number),
            ("high", Shape::NumberOrNull),
            ("unit", Shape::TextOrNull),
            ("comparator", Shape::TextOrNull),
            ("role", Shape::Text),
        ],
    },
    TypeSpec {
        name: "dates",
        fields: &[
            ("from", Shape::TextOrNull),
            ("to", Shape::TextOrNull),
            ("role", Shape::Text),
        ],
    },
    TypeSpec {
        name: "places",
        fields: &[("kind", Shape::Text), ("code", Shape::TextOrNull)],
    },
    TypeSpec {
        name: "sectors",
        fields: &[("name", Shape::Text)],
    },
];

/// The fields a gold target may have.
const TARGET_FIELDS: [&str; 10] = [
    "subject", "metric", "values", "deadline", "period", "baseline", "status", "modality", "plan",
    "evidence",
];

/// A type of entity and its value fields.
struct TypeSpec {
    name: &'static str,
    fields: &'static [(&'static str, Shape)],
}

/// What a value field holds.
#[derive(Clone, Copy)]
enum Shape {
    Number,
    NumberOrNull,
    Text,
    TextOrNull,
}

impl Shape {
    fn accepts(self, value: &Value) -> bool {
        match self {
            Shape::Number => value.is_number(),
            Shape::NumberOrNull => value.is_number() || value.is_null(),
            Shape::Text => value.is_string(),
            Shape::TextOrNull => value.is_string() || value.is_null(),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Shape::Number => "a number",
            Shape::NumberOrNull => "a number or null",
            Shape::Text => "a string",
            Shape::TextOrNull => "a string or null",
        }
    }
}

/// An entity with its span and value fields, from a gold file or the pipeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Its type: `figures`, `dates`, `places` or `sectors`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The text, as in the original.
    pub text: String,
    /// First character, in the original.
    pub start: usize,
    /// End character (exclusive).
    pub end: usize,
    /// The value fields compared.
    pub values: Map<String, Value>,
}

/// A gold entity found with a span that overlaps it, but other values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WrongValue {
    /// The gold entity.
    pub gold: Entity,
    /// What was found over it.
    pub found: Entity,
    /// The fields that differ.
    pub fields: Vec<String>,
}

/// One document's differences to its gold file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentDiff {
    /// The article's path.
    pub path: String,
    /// Gold entities that nothing found overlaps.
    pub missed: Vec<Entity>,
    /// Entities found that overlap no gold entity.
    pub spurious: Vec<Entity>,
    /// Gold entities found over, with wrong values; for targets, gold targets missed with the
    /// found target closest to them.
    pub wrong: Vec<WrongValue>,
}

/// Precision, recall and F1 of one way of counting.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    /// Gold entities matched.
    pub matched: usize,
    /// Matched ÷ found.
    pub precision: f64,
    /// Matched ÷ gold.
    pub recall: f64,
    /// Their harmonic mean.
    pub f1: f64,
}

/// The scores of one type over every document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeScore {
    /// `figures`, `dates`, `places`, `sectors` or `targets`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Gold entities.
    pub gold: usize,
    /// Entities found.
    pub found: usize,
    /// Same span.
    pub exact: Score,
    /// Overlapping span, same values.
    pub overlap: Score,
}

/// The result of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Per type, in the order figures, dates, places, sectors, targets.
    pub types: Vec<TypeScore>,
    /// Per document, in path order.
    pub documents: Vec<DocumentDiff>,
}

/// Counts of one type, summed over documents.
#[derive(Default, Clone, Copy)]
struct Tally {
    gold: usize,
    found: usize,
    exact: usize,
    overlap: usize,
}

/// Scores the pipeline on every article under `paths` that has a gold file; an article named
/// alone must have one. A malformed gold file is an error naming the file and the field.
pub fn evaluate(paths: &[PathBuf], pipeline: &Pipeline) -> Result<Evaluation, Error> {
    let mut articles = Vec::new();
    for path in paths {
        let is_dir = path.is_dir();
        for task in file_tasks(path, &FileFilter::default()) {
            match task {
                Task::File(file) if !is_dir || gold_path(&file).is_file() => articles.push(file),
                Task::File(_) => {}
                Task::Failed(_, error) => return Err(error),
                Task::Line { .. } => unreachable!("files give no lines"),
            }
        }
    }
    let mut tallies = [Tally::default(); TYPES.len()];
    let mut target_tally = Tally::default();
    let mut documents = Vec::new();
    for article in articles {
        let input = Task::File(article.clone())
            .load(&LoadOptions::default())
            .map_err(|failure| failure.error)?;
        let gold = read_gold(&gold_path(&article), &input.text)?;
        let record = pipeline.process(input);
        let mut diff = DocumentDiff {
            path: article.display().to_string(),
            missed: Vec::new(),
            spurious: Vec::new(),
            wrong: Vec::new(),
        };
        for (spec, tally) in TYPES.iter().zip(&mut tallies) {
            let gold_entities = &gold.entities[spec.name];
            let found = found_entities(&record, spec);
            compare(gold_entities, &found, tally, &mut diff);
        }
        let found = found_targets(&record, pipeline);
        let gold_targets: Vec<Entity> = gold
            .targets
            .iter()
            .map(|target| gold_target(target, pipeline))
            .collect();
        compare_targets(&gold_targets, &found, &mut target_tally, &mut diff);
        documents.push(diff);
    }
    let type_score = |kind, tally: Tally| TypeScore {
        kind,
        gold: tally.gold,
        found: tally.found,
        exact: score(tally.exact, tally.gold, tally.found),
        overlap: score(tally.overlap, tally.gold, tally.found),
    };
    let types = TYPES
        .iter()
        .zip(tallies)
        .map(|(spec, tally)| type_score(spec.name, tally))
        .chain([type_score("targets", target_tally)])
        .collect();
    Ok(Evaluation { types, documents })
}

/// `NAME.gold.json` beside `NAME.txt`.
fn gold_path(article: &Path) -> PathBuf {
    article.with_extension("gold.json")
}

/// A gold file, checked.
struct Gold {
    entities: std::collections::HashMap<&'static str, Vec<Entity>>,
    targets: Vec<Map<String, Value>>,
}

/// Reads and checks a gold file against the article's original text.
fn read_gold(path: &Path, original: &str) -> Result<Gold, Error> {
    let invalid = |message: String| Error::InvalidGold {
        path: path.to_path_buf(),
        message,
    };
    let text = fs::read_to_string(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => invalid("no gold file beside the article".to_string()),
        _ => Error::Read {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let mut root = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(root)) => root,
        Ok(_) => return Err(invalid("expected a JSON object".to_string())),
        Err(e) => return Err(invalid(format!("invalid JSON: {e}"))),
    };
    let chars: Vec<char> = original.chars().collect();
    let mut entities = std::collections::HashMap::new();
    for spec in &TYPES {
        let items = take_array(&mut root, spec.name).map_err(&invalid)?;
        let mut checked = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            let at = format!("{}[{index}]", spec.name);
            checked.push(gold_entity(spec, item, &chars, &at).map_err(&invalid)?);
        }
        entities.insert(spec.name, checked);
    }
    let mut targets = Vec::new();
    for (index, target) in take_array(&mut root, "targets")
        .map_err(&invalid)?
        .into_iter()
        .enumerate()
    {
        targets
            .push(check_target(target, original, &format!("targets[{index}]")).map_err(&invalid)?);
    }
    if let Some(unknown) = root.keys().next() {
        return Err(invalid(format!(
            "{unknown}: unknown field; expected figures, dates, places, sectors, targets"
        )));
    }
    Ok(Gold { entities, targets })
}

fn take_array(root: &mut Map<String, Value>, name: &str) -> Result<Vec<Value>, String> {
    match root.remove(name) {
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(format!("{name}: expected an array")),
        None => Err(format!(
            "{name}: missing (an empty array when there are none)"
        )),
    }
}

/// A gold entity, its span checked against the original text and its fields against `spec`.
fn gold_entity(spec: &TypeSpec, item: Value, chars: &[char], at: &str) -> Result<Entity, String> {
    let Value::Object(mut fields) = item else {
        return Err(format!("{at}: expected an object"));
    };
    let offset = |fields: &Map<String, Value>, name: &str| {
        fields
            .get(name)
            .and_then(Value::as_u64)
            .map(|n| n as usize)
            .ok_or_else(|| format!("{at}.{name}: expected a character offset"))
    };
    let (start, end) = (offset(&fields, "start")?, offset(&fields, "end")?);
    let text = match fields.remove("text") {
        Some(Value::String(text)) => text,
        _ => return Err(format!("{at}.text: expected a string")),
    };
    if start >= end || end > chars.len() {
        return Err(format!(
            "{at}: {start}..{end} is no span of the article's {} characters",
            chars.len()
        ));
    }
    let actual: String = chars[start..end].iter().collect();
    if actual != text {
        return Err(format!(
            "{at}.text: the article has {actual:?} at {start}..{end}, not {text:?}"
        ));
    }
    fields.remove("start");
    fields.remove("end");
    for (name, value) in &fields {
        let shape = spec
            .fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, shape)| *shape)
            .ok_or_else(|| format!("{at}.{name}: unknown field of {}", spec.name))?;
        if !shape.accepts(value) {
            return Err(format!("{at}.{name}: expected {}", shape.describe()));
        }
    }
    Ok(Entity {
        kind: spec.name,
        text,
        start,
        end,
        values: fields,
    })
}

/// A gold target's fields, and its evidence against the original text.
fn check_target(target: Value, original: &str, at: &str) -> Result<Map<String, Value>, String> {
    let Value::Object(fields) = target else {
        return Err(format!("{at}: expected an object"));
    };
    if let Some(unknown) = fields.keys().find(|k| !TARGET_FIELDS.contains(&k.as_str())) {
        return Err(format!("{at}.{unknown}: unknown field of targets"));
    }
    let evidence = match fields.get("evidence") {
        Some(Value::Array(evidence)) if !evidence.is_empty() => evidence,
        _ => {
            return Err(format!(
                "{at}.evidence: expected a non-empty array of strings"
            ))
        }
    };
    for (index, text) in evidence.iter().enumerate() {
        match text.as_str() {
            Some(text) if original.contains(text) => {}
            Some(text) => {
                return Err(format!(
                    "{at}.evidence[{index}]: {text:?} is not in the article"
                ))
            }
            None => return Err(format!("{at}.evidence[{index}]: expected a string")),
        }
    }
    let values = match fields.get("values") {
        Some(Value::Array(values)) => values,
        _ => {
            return Err(format!(
                "{at}.values: expected an array (empty without a number)"
            ))
        }
    };
    for (index, value) in values.iter().enumerate() {
        if !value.get("value").is_some_and(Value::is_number) {
            return Err(format!("{at}.values[{index}].value: expected a number"));
        }
    }
    for name in ["subject", "metric", "deadline"] {
        if !fields
            .get(name)
            .is_none_or(|v| v.is_string() || v.is_null())
        {
            return Err(format!("{at}.{name}: expected a string or null"));
        }
    }
    let evidence = evidence[0].as_str().unwrap_or_default().to_string();
    let start = original
        .find(&evidence)
        .map_or(0, |byte| original[..byte].chars().count());
    let mut fields = fields;
    fields.insert("start".to_string(), Value::from(start));
    fields.insert(
        "end".to_string(),
        Value::from(start + evidence.chars().count()),
    );
    Ok(fields)
}

/// The fields a target is matched by.
const TARGET_KEY: [&str; 4] = ["subject", "metric", "values", "deadline"];

/// A gold target as an entity: its first evidence as the span, and its key fields and status
/// as values, its texts in Simplified characters.
fn gold_target(target: &Map<String, Value>, pipeline: &Pipeline) -> Entity {
    let text = |name: &str| {
        target
            .get(name)
            .and_then(Value::as_str)
            .map(|t| Value::from(pipeline.normalize(t)))
            .unwrap_or(Value::Null)
    };
    let values: Vec<Value> = target
        .get("values")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|v| {
            let field = |name: &str| v.get(name).cloned().unwrap_or(Value::Null);
            serde_json::json!({"value": v["value"], "high": field("high"), "unit": field("unit")})
        })
        .collect();
    let due = target
        .get("deadline")
        .and_then(Value::as_str)
        .and_then(last_day)
        .map_or(Value::Null, Value::from);
    let mut fields = Map::new();
    fields.insert("subject".to_string(), text("subject"));
    fields.insert("metric".to_string(), text("metric"));
    fields.insert("values".to_string(), Value::Array(values));
    fields.insert("deadline".to_string(), due);
    fields.insert(
        "status".to_string(),
        target.get("status").cloned().unwrap_or(Value::Null),
    );
    let offset = |name: &str| target[name].as_u64().unwrap_or(0) as usize;
    Entity {
        kind: "targets",
        text: target_summary(&fields),
        start: offset("start"),
        end: offset("end"),
        values: fields,
    }
}

/// The last day of a gold deadline: `2025` is 2025-12-31, `2024-06` is 2024-06-30.
fn last_day(deadline: &str) -> Option<String> {
    let year: i32 = deadline.get(..4)?.parse().ok()?;
    let day = match deadline.len() {
        4 => crate::calendar::Day::last_of_year(year),
        7 => {
            let month: u32 = deadline.get(5..7)?.parse().ok()?;
            if !(1..=12).contains(&month) {
                return None;
            }
            crate::calendar::Day::last_of_month(year, month)
        }
        _ => crate::calendar::Day::parse_iso(deadline)?,
    };
    Some(day.to_string())
}

/// The targets of a record as entities, like [`gold_target`].
fn found_targets(record: &Record, pipeline: &Pipeline) -> Vec<Entity> {
    record
        .targets
        .iter()
        .map(|target| {
            let values: Vec<Value> = target
                .values
                .iter()
                .map(|v| serde_json::json!({"value": v.value, "high": v.high, "unit": v.unit}))
                .collect();
            let due = target
                .deadline
                .as_ref()
                .or(target.period.as_ref())
                .and_then(|w| w.to.clone());
            let mut fields = Map::new();
            fields.insert(
                "subject".to_string(),
                target
                    .subject
                    .as_ref()
                    .map_or(Value::Null, |s| Value::from(pipeline.normalize(&s.name))),
            );
            fields.insert(
                "metric".to_string(),
                target
                    .metric
                    .as_ref()
                    .map_or(Value::Null, |m| Value::from(m.name.clone())),
            );
            fields.insert("values".to_string(), Value::Array(values));
            fields.insert("deadline".to_string(), due.map_or(Value::Null, Value::from));
            fields.insert(
                "status".to_string(),
                serde_json::to_value(target.status).unwrap_or(Value::Null),
            );
            let evidence = target.evidence.first();
            Entity {
                kind: "targets",
                text: target_summary(&fields),
                start: evidence.map_or(0, |e| e.start),
                end: evidence.map_or(0, |e| e.end),
                values: fields,
            }
        })
        .collect()
}

/// A target's key fields on one line.
fn target_summary(fields: &Map<String, Value>) -> String {
    let text = |name: &str| fields[name].as_str().unwrap_or("-").to_string();
    let values: Vec<String> = fields["values"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| {
            let high = v["high"]
                .as_f64()
                .map_or(String::new(), |h| format!("-{h}"));
            format!("{}{high} {}", v["value"], v["unit"].as_str().unwrap_or(""))
        })
        .collect();
    format!(
        "{} | {} | {} | {}",
        text("subject"),
        text("metric"),
        values.join(" + "),
        text("deadline")
    )
}

/// The key fields in which a found target differs from a gold one: a subject or metric that
/// neither holds nor is much like the other's (after conversion to Simplified), other values
/// (as a set, numbers to a relative 1e-9), or another last day of the deadline.
fn target_differences(gold: &Entity, found: &Entity) -> Vec<String> {
    TARGET_KEY
        .iter()
        .filter(|&&name| {
            let (expected, actual) = (&gold.values[name], &found.values[name]);
            !match name {
                "subject" | "metric" => match (expected.as_str(), actual.as_str()) {
                    (Some(a), Some(b)) => crate::extract::targets::similar(a, b),
                    _ => expected.is_null() && actual.is_null(),
                },
                "values" => same_value_set(expected, actual),
                _ => expected == actual,
            }
        })
        .map(|name| name.to_string())
        .collect()
}

fn same_value_set(a: &Value, b: &Value) -> bool {
    let (Some(a), Some(b)) = (a.as_array(), b.as_array()) else {
        return false;
    };
    let number = |x: &Value, y: &Value| match (x.as_f64(), y.as_f64()) {
        (Some(p), Some(q)) => (p - q).abs() <= 1e-9 * p.abs().max(q.abs()).max(1.0),
        _ => x.is_null() && y.is_null(),
    };
    let same = |x: &Value, y: &Value| {
        number(&x["value"], &y["value"]) && number(&x["high"], &y["high"]) && x["unit"] == y["unit"]
    };
    a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| same(x, y)))
}

/// Matches a document's gold and found targets: each gold target to the first unused found
/// target without differences. A gold target unmatched is reported with the found target that
/// differs from it in the fewest fields, when one shares its values or metric.
fn compare_targets(gold: &[Entity], found: &[Entity], tally: &mut Tally, diff: &mut DocumentDiff) {
    tally.gold += gold.len();
    tally.found += found.len();
    let mut used = vec![false; found.len()];
    for target in gold {
        let matched = (0..found.len())
            .find(|&i| !used[i] && target_differences(target, &found[i]).is_empty());
        match matched {
            Some(index) => {
                used[index] = true;
                tally.overlap += 1;
                if target.values["status"] == found[index].values["status"] {
                    tally.exact += 1;
                }
            }
            None => {
                let closest = (0..found.len())
                    .filter(|&i| !used[i])
                    .map(|i| (target_differences(target, &found[i]), i))
                    .filter(|(fields, _)| fields.len() < 3)
                    .min_by_key(|(fields, _)| fields.len());
                match closest {
                    Some((fields, index)) => diff.wrong.push(WrongValue {
                        gold: target.clone(),
                        found: found[index].clone(),
                        fields,
                    }),
                    None => diff.missed.push(target.clone()),
                }
            }
        }
    }
    let near: Vec<&Entity> = diff
        .wrong
        .iter()
        .filter(|w| w.gold.kind == "targets")
        .map(|w| &w.found)
        .collect();
    diff.spurious.extend(
        found
            .iter()
            .zip(&used)
            .filter(|(f, used)| !**used && !near.contains(f))
            .map(|(f, _)| f.clone()),
    );
}

/// The entities of a type in a record, with the value fields the gold may give.
fn found_entities(record: &Record, spec: &TypeSpec) -> Vec<Entity> {
    let items = match spec.name {
        "figures" => serde_json::to_value(&record.figures),
        "dates" => serde_json::to_value(&record.dates),
        "places" => serde_json::to_value(&record.places),
        _ => serde_json::to_value(&record.sectors),
    };
    let Ok(Value::Array(items)) = items else {
        return Vec::new();
    };
    items
        .into_iter()
        .filter_map(|item| {
            let Value::Object(mut item) = item else {
                return None;
            };
            let number = |item: &Map<String, Value>, name: &str| {
                item.get(name).and_then(Value::as_u64).map(|n| n as usize)
            };
            Some(Entity {
                kind: spec.name,
                start: number(&item, "start")?,
                end: number(&item, "end")?,
                text: item.get("text")?.as_str()?.to_string(),
                values: spec
                    .fields
                    .iter()
                    .filter_map(|(name, _)| Some((name.to_string(), item.remove(*name)?)))
                    .collect(),
            })
        })
        .collect()
}

/// Matches the gold and found entities of a type in one document, adding to its tally and
/// its diff.
fn compare(gold: &[Entity], found: &[Entity], tally: &mut Tally, diff: &mut DocumentDiff) {
    tally.gold += gold.len();
    tally.found += found.len();
    let overlaps = |a: &Entity, b: &Entity| a.start < b.end && b.start < a.end;
    let mut exact_used = vec![false; found.len()];
    let mut overlap_used = vec![false; found.len()];
    for entity in gold {
        if let Some(index) = (0..found.len()).find(|&i| {
            !exact_used[i] && (found[i].start, found[i].end) == (entity.start, entity.end)
        }) {
            exact_used[index] = true;
            tally.exact += 1;
        }
        let over: Vec<usize> = (0..found.len())
            .filter(|&i| overlaps(entity, &found[i]))
            .collect();
        match over
            .iter()
            .find(|&&i| !overlap_used[i] && differing_fields(entity, &found[i]).is_empty())
        {
            Some(&index) => {
                overlap_used[index] = true;
                tally.overlap += 1;
            }
            None => match over.first() {
                Some(&index) => diff.wrong.push(WrongValue {
                    gold: entity.clone(),
                    found: found[index].clone(),
                    fields: differing_fields(entity, &found[index]),
                }),
                None => diff.missed.push(entity.clone()),
            },
        }
    }
    diff.spurious.extend(
        found
            .iter()
            .filter(|f| !gold.iter().any(|g| overlaps(g, f)))
            .cloned(),
    );
}

/// The value fields of a gold entity that the found one does not share: numbers to a relative
/// 1e-9, the rest exactly. A field the gold leaves out is not compared.
fn differing_fields(gold: &Entity, found: &Entity) -> Vec<String> {
    gold.values
        .iter()
        .filter(|(name, expected)| {
            let actual = found.values.get(name.as_str()).unwrap_or(&Value::Null);
            match (expected.as_f64(), actual.as_f64()) {
                (Some(a), Some(b)) => (a - b).abs() > 1e-9 * a.abs().max(b.abs()).max(1.0),
                _ => *expected != actual,
            }
        })
        .map(|(name, _)| name.clone())
        .collect()
}

fn score(matched: usize, gold: usize, found: usize) -> Score {
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(matched, found), ratio(matched, gold));
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Score {
        matched,
        precision,
        recall,
        f1,
    }
}

impl Evaluation {
    /// The score of a type (`figures`, `dates`, `places`, `sectors`).
    pub fn type_score(&self, kind: &str) -> Option<&TypeScore> {
        self.types.iter().find(|t| t.kind == kind)
    }

    /// The diffs and the table, for a terminal.
    pub fn write_text(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let line = |entity: &Entity| {
            let values: Vec<String> = entity
                .values
                .iter()
                .map(|(name, value)| format!("{name} {value}"))
                .collect();
            format!(
                "{:<8} {:>5}..{:<5} {}  {}",
                entity.kind,
                entity.start,
                entity.end,
                entity.text,
                values.join(", ")
            )
        };
        for document in &self.documents {
            let clean = document.missed.is_empty()
                && document.spurious.is_empty()
                && document.wrong.is_empty();
            if clean {
                continue;
            }
            writeln!(out, "{}", document.path)?;
            for entity in &document.missed {
                writeln!(out, "  missed    {}", line(entity))?;
            }
            for entity in &document.spurious {
                writeln!(out, "  spurious  {}", line(entity))?;
            }
            for wrong in &document.wrong {
                let fields: Vec<String> = wrong
                    .fields
                    .iter()
                    .map(|name| {
                        let found = wrong.found.values.get(name).unwrap_or(&Value::Null);
                        format!("{name} {} (gold {})", found, wrong.gold.values[name])
                    })
                    .collect();
                writeln!(
                    out,
                    "  wrong     {:<8} {:>5}..{:<5} {}  found {:?} with {}",
                    wrong.gold.kind,
                    wrong.gold.start,
                    wrong.gold.end,
                    wrong.gold.text,
                    wrong.found.text,
                    fields.join(", ")
                )?;
            }
        }
        writeln!(out)?;
        writeln!(
            out,
            "{:<8} {:>6} {:>6}   {:>9} {:>6} {:>6}   {:>9} {:>6} {:>6}",
            "type", "gold", "found", "exact P", "R", "F1", "overlap P", "R", "F1"
        )?;
        for t in &self.types {
            writeln!(
                out,
                "{:<8} {:>6} {:>6}   {:>9.3} {:>6.3} {:>6.3}   {:>9.3} {:>6.3} {:>6.3}",
                t.kind,
                t.gold,
                t.found,
                t.exact.precision,
                t.exact.recall,
                t.exact.f1,
                t.overlap.precision,
                t.overlap.recall,
                t.overlap.f1
            )?;
        }
        writeln!(
            out,
            "{} documents; targets match by subject, metric, values and deadline, and exactly \
             with the status too",
            self.documents.len()
        )
    }
}
