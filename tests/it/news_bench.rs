//! Reports over the whole news bench (`../shared/data/news-bench/articles.jsonl`, skipped with
//! a message when absent). Slow in a debug build: run them with
//! `cargo test --release -- --ignored --nocapture`.

use std::collections::HashMap;

use zhnews::{Dictionaries, Pipeline};

use super::util::root;

fn articles() -> Option<Vec<String>> {
    let path = root().join("../shared/data/news-bench/articles.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    };
    Some(
        text.lines()
            .map(|line| {
                let article: serde_json::Value = serde_json::from_str(line).unwrap();
                article["text"].as_str().unwrap().to_string()
            })
            .collect(),
    )
}

/// The 50 most frequent sectors, known or not, and the share of mentions the dictionary knows;
/// the unknown ones are where the dictionary grows next.
#[test]
#[ignore]
fn sectors_report_over_the_news_bench() {
    let Some(articles) = articles() else { return };
    let pipeline = Pipeline::new(&Dictionaries::embedded()).unwrap();
    let mut counts: HashMap<(String, bool), usize> = HashMap::new();
    for article in articles {
        let document = pipeline.analyze(article);
        for sector in pipeline.sectors(&document).0 {
            *counts.entry((sector.name, sector.known)).or_default() += 1;
        }
    }
    let total: usize = counts.values().sum();
    let known: usize = counts.iter().filter(|((_, k), _)| *k).map(|(_, n)| n).sum();
    let mut ranked: Vec<_> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!("rank  mentions  known  sector");
    for (rank, ((name, is_known), count)) in ranked.iter().take(50).enumerate() {
        println!(
            "{:>4}  {count:>8}  {:>5}  {name}",
            rank + 1,
            if *is_known { "yes" } else { "no" }
        );
    }
    println!("most frequent unknown sectors:");
    for ((name, _), count) in ranked.iter().filter(|((_, k), _)| !k).take(30) {
        println!("  {count:>6}  {name}");
    }
    let share = known as f64 / total as f64;
    println!(
        "{total} sector mentions, {known} known ({:.1}%)",
        share * 100.0
    );
    assert!(share >= 0.8, "known share {:.1}% under 80%", share * 100.0);
}
