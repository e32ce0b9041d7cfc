//! Throughput of the pipeline's stages over the news bench, and the cold start of the binary.
//!
//! `cargo bench` reads `../shared/data/news-bench/articles.jsonl` (skipped, with a message, when
//! it is absent); `ZHNEWS_BENCH_ARTICLES=N` limits it to the first N articles. Every stage runs
//! on one thread over the same documents in the same run; on a shared machine even the ratios
//! drift from run to run, so `scripts/bench-instructions.sh` counts instructions per stage
//! with callgrind instead (`ZHNEWS_BENCH_MODE=instructions` runs each stage once, untimed).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use zhnews::{Day, Dictionaries, InputDocument, Normalizer, Pipeline, Report, Segmenter, Target};

/// The publication date every bench article is given, to anchor its relative dates.
const PUBLISHED: &str = "2024-06-01";

// The binary's allocator (src/main.rs), so that the stages are timed as a run has them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let instructions = std::env::var("ZHNEWS_BENCH_MODE").is_ok_and(|m| m == "instructions");
    if !instructions {
        cold_start(&root);
    }
    let bench = root.join("../shared/data/news-bench/articles.jsonl");
    match load_articles(&bench) {
        Some(articles) if instructions => once(&articles),
        Some(articles) => stages(&articles),
        None => println!("skipped stage throughput: {} is absent", bench.display()),
    }
}

/// Every stage once over every article, as a real run does them, for an instruction count per
/// stage.
fn once(articles: &[String]) {
    let pipeline = Pipeline::new(&Dictionaries::embedded()).expect("dictionaries");
    let mut json = Vec::new();
    for (index, article) in articles.iter().enumerate() {
        record_as_json(&pipeline, index, article, &mut json);
    }
}

/// One article's work in a run: its record, built and serialised. Not inlined, so that
/// callgrind counts it apart: the whole a stage's cost is compared with.
#[inline(never)]
fn record_as_json(pipeline: &Pipeline, index: usize, article: &str, json: &mut Vec<u8>) {
    json.clear();
    let mut record = pipeline.process(input(index, article));
    let links = (
        std::mem::take(&mut record.targets),
        std::mem::take(&mut record.reports),
    );
    serde_json::to_writer(&mut *json, &record).expect("serialise");
    write_links(links, json);
    std::hint::black_box(json);
}

/// Writes and frees the targets and reports of a record, which callgrind then counts as part
/// of what linking costs a run.
#[inline(never)]
fn write_links(links: (Vec<Target>, Vec<Report>), json: &mut Vec<u8>) {
    serde_json::to_writer(json, &links).expect("serialise");
}

/// An article as an input document.
fn input(index: usize, article: &str) -> InputDocument {
    InputDocument::from_text(
        index.to_string(),
        index + 1,
        article.to_string(),
        Some(PUBLISHED),
    )
}

fn load_articles(path: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    let limit = std::env::var("ZHNEWS_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    Some(
        text.lines()
            .take(limit)
            .map(|line| {
                let article: serde_json::Value = serde_json::from_str(line).expect("JSON line");
                article["text"].as_str().expect("text").to_string()
            })
            .collect(),
    )
}

/// One row of the table: a stage, its time over all articles, and its speed.
fn report(stage: &str, bytes: usize, chars: usize, elapsed: Duration, baseline: Option<Duration>) {
    let seconds = elapsed.as_secs_f64();
    let ratio = baseline.map_or(String::new(), |b| {
        format!("{:>7.2}", seconds / b.as_secs_f64())
    });
    println!(
        "{stage:<42} {:>8.3} s {:>9.1} MB/s {:>12.0} chars/s {ratio}",
        seconds,
        bytes as f64 / 1e6 / seconds,
        chars as f64 / seconds
    );
}

/// The best of three runs: the least disturbed by other work on a shared machine.
/// The best time of each stage over three rounds of all of them. Rounds, not three runs of one
/// stage after another: the shared machine's speed drifts over a run, and back-to-back runs
/// gave the stages measured first or last an edge larger than the stages' costs.
fn best_of_rounds<const N: usize>(stages: &mut [Box<dyn FnMut() + '_>; N]) -> [Duration; N] {
    let mut best = [Duration::MAX; N];
    for _ in 0..3 {
        for (stage, best) in stages.iter_mut().zip(&mut best) {
            let start = Instant::now();
            stage();
            *best = (*best).min(start.elapsed());
        }
    }
    best
}

fn time(mut work: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .expect("three runs")
}

fn stages(articles: &[String]) {
    let dictionaries = Dictionaries::embedded();
    let normalizer = Normalizer::new(&dictionaries).expect("dictionaries");
    let segmenter = Segmenter::new(&dictionaries).expect("dictionaries");
    let pipeline = Pipeline::new(&dictionaries).expect("dictionaries");
    let bytes: usize = articles.iter().map(String::len).sum();
    let chars: usize = articles.iter().map(|a| a.chars().count()).sum();
    println!(
        "\n{} articles, {:.2} MB, {} characters; one thread; last column: time / normalise+segment",
        articles.len(),
        bytes as f64 / 1e6,
        chars
    );
    let normalized: Vec<String> = articles
        .iter()
        .map(|a| normalizer.normalize(a).text)
        .collect();

    let published = Day::parse_iso(PUBLISHED);
    let mut json = Vec::new();
    // Each extractor runs right after its document is analysed, as in a real run, so that it
    // reads a document still in cache; its cost is the difference to `analyze`.
    // Linking reads the figures, dates and places: its cost is the difference between the two
    // stages that find them, one without and one with the targets, each writing what it found
    // as JSON, as a run does.
    let entities = |article: &String| {
        let document = pipeline.analyze(article.clone());
        let figures = pipeline.figures(&document);
        let dates = pipeline.dates(&document, published);
        let places = pipeline.places(&document);
        (document, figures, dates, places)
    };
    let mut stages: [Box<dyn FnMut() + '_>; 9] = [
        Box::new(|| {
            for article in articles {
                std::hint::black_box(normalizer.normalize(article));
            }
        }),
        Box::new(|| {
            let mut tokens = Vec::new();
            for text in &normalized {
                tokens.clear();
                segmenter.segment(text, 0, 0, &mut tokens);
                std::hint::black_box(&tokens);
            }
        }),
        Box::new(|| {
            for article in articles {
                std::hint::black_box(pipeline.analyze(article.clone()));
            }
        }),
        Box::new(|| {
            for article in articles {
                let document = pipeline.analyze(article.clone());
                std::hint::black_box(pipeline.figures(&document));
            }
        }),
        Box::new(|| {
            for article in articles {
                let document = pipeline.analyze(article.clone());
                std::hint::black_box(pipeline.dates(&document, published));
            }
        }),
        Box::new(|| {
            for article in articles {
                let document = pipeline.analyze(article.clone());
                std::hint::black_box(pipeline.places(&document));
            }
        }),
        Box::new(|| {
            let mut json = Vec::new();
            for article in articles {
                let (_, figures, dates, places) = entities(article);
                json.clear();
                serde_json::to_writer(&mut json, &(&figures, &dates, &places)).expect("serialise");
                std::hint::black_box(&json);
            }
        }),
        Box::new(|| {
            let mut json = Vec::new();
            for article in articles {
                let (document, figures, dates, places) = entities(article);
                let links = pipeline.targets(&document, &figures, &dates, &places, published);
                json.clear();
                serde_json::to_writer(&mut json, &(&figures, &dates, &places, &links))
                    .expect("serialise");
                std::hint::black_box(&json);
            }
        }),
        Box::new(|| {
            for (index, article) in articles.iter().enumerate() {
                record_as_json(&pipeline, index, article, &mut json);
            }
        }),
    ];
    let [normalize, segment, analyze, with_figures, with_dates, with_places, linked_from, with_targets, record] =
        best_of_rounds(&mut stages);
    println!(
        "{:<42} {:>10} {:>14} {:>20} {:>7}",
        "stage", "time", "speed", "", "ratio"
    );
    report("normalise", bytes, chars, normalize, None);
    report(
        "segment (jieba-rs tag, normalised)",
        bytes,
        chars,
        segment,
        None,
    );
    let baseline = normalize + segment;
    report(
        "normalise + segment",
        bytes,
        chars,
        baseline,
        Some(baseline),
    );
    report(
        "analyse (+ sentences, offsets)",
        bytes,
        chars,
        analyze,
        Some(baseline),
    );
    report(
        "analyse + figures",
        bytes,
        chars,
        with_figures,
        Some(baseline),
    );
    report("analyse + dates", bytes, chars, with_dates, Some(baseline));
    report(
        "analyse + places",
        bytes,
        chars,
        with_places,
        Some(baseline),
    );
    report(
        "analyse + figures, dates, places, as JSON",
        bytes,
        chars,
        linked_from,
        Some(baseline),
    );
    report(
        "... + targets (linking), as JSON",
        bytes,
        chars,
        with_targets,
        Some(baseline),
    );
    report(
        "record as JSON (process + serialise)",
        bytes,
        chars,
        record,
        Some(baseline),
    );
    let added = |with: Duration| {
        100.0 * (with.as_secs_f64() - analyze.as_secs_f64()) / baseline.as_secs_f64()
    };
    println!(
        "figures add {:.1}%, dates {:.1}%, places {:.1}% to normalise + segment",
        added(with_figures),
        added(with_dates),
        added(with_places)
    );
    // What linking adds to a run: its time, with writing its output, over the rest of the
    // record's.
    let linking = with_targets.as_secs_f64() - linked_from.as_secs_f64();
    println!(
        "linking targets adds {:.1}% to the rest of the record, {:.1}% to the stages it reads, \
         {:.1}% to normalise + segment",
        100.0 * linking / (record.as_secs_f64() - linking),
        100.0 * linking / linked_from.as_secs_f64(),
        100.0 * linking / baseline.as_secs_f64()
    );
}

/// Wall time and peak memory of `zhnews extract` on the seed article, a fresh process each time.
fn cold_start(root: &Path) {
    let binary = env!("CARGO_BIN_EXE_zhnews");
    let seed = root.join("corpus/shijingshan-2021.txt");
    let has_time = Path::new("/usr/bin/time").exists();
    let mut walls = Vec::new();
    let mut peak_kb = 0u64;
    for _ in 0..7 {
        let start = Instant::now();
        let output = if has_time {
            Command::new("/usr/bin/time")
                .args(["-f", "%M", binary, "extract"])
                .arg(&seed)
                .output()
        } else {
            Command::new(binary).arg("extract").arg(&seed).output()
        }
        .expect("run zhnews");
        walls.push(start.elapsed());
        assert!(output.status.success(), "zhnews failed on the seed");
        if has_time {
            let stderr = String::from_utf8_lossy(&output.stderr);
            if let Some(kb) = stderr
                .lines()
                .last()
                .and_then(|l| l.trim().parse::<u64>().ok())
            {
                peak_kb = peak_kb.max(kb);
            }
        }
    }
    walls.sort();
    let median = walls[walls.len() / 2];
    let peak = if has_time {
        format!("{:.1} MB peak resident memory", peak_kb as f64 / 1024.0)
    } else {
        "peak memory not measured (/usr/bin/time is absent)".to_string()
    };
    println!(
        "cold `zhnews extract` of the seed article: {:.0} ms median wall time of 7 runs, {peak}",
        median.as_secs_f64() * 1e3
    );
    // In this process the files are in the page cache: what remains is building the
    // pipeline from the embedded dictionaries.
    let load = time(|| drop(Pipeline::new(&Dictionaries::embedded()).expect("dictionaries")));
    println!(
        "loading every dictionary (Pipeline::new): {:.0} ms, the best of 3",
        load.as_secs_f64() * 1e3
    );
}
