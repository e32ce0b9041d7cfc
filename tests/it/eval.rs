//! `zhnews eval`: the table, the differences, the floors, malformed gold files; and the
//! annotated corpus held to its floor.

use std::sync::OnceLock;

use serde_json::{json, Value};
use zhnews::{Dictionaries, Pipeline};

use super::util::{root, Dir};

const ARTICLE: &str = "2020年，石景山区收入2069.5亿元，同比增长16.3%。";

/// Character offsets of `needle` in `ARTICLE`.
fn span(needle: &str) -> (usize, usize) {
    let byte = ARTICLE.find(needle).unwrap();
    let start = ARTICLE[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn entity(needle: &str, values: Value) -> Value {
    let (start, end) = span(needle);
    let mut entity = json!({"text": needle, "start": start, "end": end});
    entity
        .as_object_mut()
        .unwrap()
        .extend(values.as_object().unwrap().clone());
    entity
}

/// An article whose gold file is right on the place and the amount, gives a wrong value for
/// the growth rate, lacks the date, and names a sector the text does not have.
fn annotated() -> Dir {
    let dir = Dir::new();
    dir.create("news/a.txt", ARTICLE);
    dir.create("news/a.meta.json", r#"{"published": "2021-12-09"}"#);
    let gold = json!({
        "figures": [
            entity("2069.5亿元", json!({"value": 206950000000_i64, "unit": "CNY"})),
            entity("16.3%", json!({"value": 99, "unit": "%"})),
        ],
        "dates": [],
        "places": [entity("石景山区", json!({"kind": "county", "code": "110107"}))],
        "sectors": [entity("收入", json!({"name": "收入"}))],
        "targets": [],
    });
    dir.create("news/a.gold.json", gold.to_string());
    dir.create("news/unannotated.txt", "2021年。");
    dir
}

#[test]
fn eval_prints_the_differences_and_the_table() {
    let dir = annotated();
    let run = dir.run(&["eval", "news"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.contains("news/a.txt"), "{out}");
    assert!(out.contains("missed    sectors"), "{out}");
    assert!(out.contains("spurious  dates"), "{out}");
    assert!(out.contains("wrong     figures"), "{out}");
    assert!(out.contains("value 16.3 (gold 99)"), "{out}");
    assert!(out.contains("overlap P"), "{out}");
    assert!(
        out.contains("1 documents"),
        "the article without gold is left out: {out}"
    );
}

#[test]
fn json_output_gives_scores_and_differences() {
    let dir = annotated();
    let run = dir.run(&["eval", "--format", "json", "news/a.txt"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let figures = &report["types"][0];
    assert_eq!(figures["type"], "figures");
    assert_eq!(figures["gold"], 2);
    assert_eq!(figures["exact"]["matched"], 2);
    assert_eq!(figures["overlap"]["matched"], 1);
    let places = &report["types"][2];
    assert_eq!(places["overlap"]["f1"], 1.0);
    let document = &report["documents"][0];
    assert_eq!(document["wrong"][0]["fields"], json!(["value"]));
    assert_eq!(document["missed"][0]["text"], "收入");
    assert_eq!(document["spurious"][0]["text"], "2020年");
}

#[test]
fn a_floor_fails_the_run_under_it_and_passes_over_it() {
    let dir = annotated();
    let under = dir.run(&["eval", "--min-f1", "figures=0.9", "news"], "");
    assert_eq!(under.code, 1);
    assert!(
        under
            .stderr
            .contains("figures: overlap F1 0.500 is under the floor 0.9"),
        "{}",
        under.stderr
    );
    let over = dir.run(
        &[
            "eval",
            "--min-f1",
            "figures=0.5",
            "--min-f1",
            "places=1",
            "news",
        ],
        "",
    );
    assert_eq!(over.code, 0, "{}", over.stderr);
    let unknown = dir.run(&["eval", "--min-f1", "people=0.5", "news"], "");
    assert_eq!(unknown.code, 2);
}

/// Targets match by subject, metric, values and deadline, written in either script; `exact`
/// also asks for the status.
#[test]
fn targets_are_matched_by_subject_metric_values_and_deadline() {
    let dir = Dir::new();
    let article = "預計到2025年，石景山區高精尖產業收入將達到3450億元。";
    dir.create("news/a.txt", article);
    dir.create("news/a.meta.json", r#"{"published": "2021-12-09"}"#);
    let target = |metric: &str, deadline: &str, status: &str| {
        json!({"subject": "石景山區", "metric": metric, "deadline": deadline, "status": status,
               "values": [{"value": 345000000000_i64, "unit": "CNY", "comparator": null}],
               "evidence": ["石景山區高精尖產業收入將達到3450億元"]})
    };
    let gold = json!({
        "figures": [], "dates": [], "places": [], "sectors": [],
        "targets": [target("高精尖产业收入", "2025", "achieved"), target("旅游收入", "2030", "planned")],
    });
    dir.create("news/a.gold.json", gold.to_string());
    let run = dir.run(&["eval", "--format", "json", "news"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let targets = &report["types"][4];
    assert_eq!(targets["type"], "targets");
    assert_eq!(
        (targets["gold"].clone(), targets["found"].clone()),
        (json!(2), json!(1))
    );
    assert_eq!(
        targets["overlap"]["matched"], 1,
        "the first, whatever its status"
    );
    assert_eq!(targets["exact"]["matched"], 0, "its status differs");
    let missed = &report["documents"][0]["missed"];
    assert_eq!(missed.as_array().unwrap().len(), 1, "{missed}");
    let floor = dir.run(&["eval", "--min-f1", "targets=0.7", "news"], "");
    assert_eq!(floor.code, 1, "recall 0.5, F1 0.667: {}", floor.stderr);
}

#[test]
fn a_malformed_gold_file_is_an_error_naming_file_and_field() {
    let dir = Dir::new();
    dir.create("a.txt", ARTICLE);
    let cases = [
        (
            json!({"figures": [entity("16.3%", json!({"value": "16.3"}))], "dates": [],
                   "places": [], "sectors": [], "targets": []}),
            "a.gold.json: figures[0].value: expected a number",
        ),
        (
            json!({"figures": [{"text": "16.3", "start": 0, "end": 4}], "dates": [],
                   "places": [], "sectors": [], "targets": []}),
            "a.gold.json: figures[0].text: the article has \"2020\" at 0..4, not \"16.3\"",
        ),
        (
            json!({"figures": [], "dates": [], "places": [], "sectors": []}),
            "a.gold.json: targets: missing",
        ),
        (
            json!({"figures": [], "dates": [], "places": [], "sectors": [],
                   "targets": [{"metric": "收入", "evidence": ["不在文中"]}]}),
            "a.gold.json: targets[0].evidence[0]: \"不在文中\" is not in the article",
        ),
    ];
    for (gold, message) in cases {
        dir.create("a.gold.json", gold.to_string());
        let run = dir.run(&["eval", "a.txt"], "");
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains(message), "{}", run.stderr);
    }
    std::fs::remove_file(dir.path().join("a.gold.json")).unwrap();
    let run = dir.run(&["eval", "a.txt"], "");
    assert!(
        run.stderr
            .contains("a.gold.json: no gold file beside the article"),
        "{}",
        run.stderr
    );
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(&Dictionaries::embedded()).unwrap())
}

/// Every rule change is measured: each type's overlap F1 on the annotated corpus stays at or
/// over its floor. The floors are today's scores, rounded down, and never under the goal of
/// 0.9 for every type, targets included (README, "Evaluation").
#[test]
fn the_annotated_corpus_holds_its_floors() {
    const FLOORS: [(&str, f64); 5] = [
        ("figures", 0.98),
        ("dates", 0.94),
        ("places", 0.91),
        ("sectors", 0.92),
        ("targets", 0.91),
    ];
    let evaluation = zhnews::evaluate(&[root().join("corpus")], pipeline()).unwrap();
    let mut table = Vec::new();
    evaluation.write_text(&mut table).unwrap();
    let table = String::from_utf8(table).unwrap();
    println!("{table}");
    assert!(evaluation.documents.len() >= 16, "the seed and 15 articles");
    for (kind, floor) in FLOORS {
        let f1 = evaluation.type_score(kind).unwrap().overlap.f1;
        assert!(
            f1 >= floor,
            "{kind}: overlap F1 {f1:.3} under its floor {floor}\n{table}"
        );
    }
}
