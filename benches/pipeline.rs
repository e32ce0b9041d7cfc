//! Throughput of the pipeline's stages over the news bench, and the cold start of the binary.
//!
//! `cargo bench` reads `../shared/data/news-bench/articles.jsonl`, or where it is absent 4,000
//! articles made of the lines of `corpus/`; `ZHNEWS_BENCH_ARTICLES=N` takes the first N. Every
//! stage runs on one thread over the same documents in the same run; on a shared machine even
//! the ratios drift from run to run, so `scripts/bench-instructions.sh` counts instructions per
//! stage with callgrind instead (`ZHNEWS_BENCH_MODE=instructions` runs each stage once,
//! untimed).

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
    let articles = load_articles(&bench).unwrap_or_else(|| {
        let articles = synthetic_articles(&root);
        println!(
            "{} is absent: the stages run over {} articles made of the lines of corpus/",
            bench.display(),
            articles.len()
        );
        articles
    });
    if instructions {
        once(&articles);
    } else {
        stages(&articles);
    }
}

/// `ZHNEWS_BENCH_ARTICLES`, the number of articles to take, if set.
fn article_limit() -> Option<usize> {
    std::env::var("ZHNEWS_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
}

/// Articles made of the lines of the project's own `corpus/`, for a machine without the news
/// bench: each a run of consecutive lines, from a different starting line, as long as a news
/// item of the bench (about 1,500 bytes). Built the same way on every machine, so that runs
/// compare; government reports, they hold more figures and targets than the bench's news.
fn synthetic_articles(root: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("corpus"))
        .expect("corpus/")
        .map(|entry| entry.expect("corpus/ entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let lines: Vec<String> = files
        .iter()
        .flat_map(|file| {
            // Decoded as `zhnews extract` decodes them: one of the articles is GBK.
            let (text, _) = zhnews::read_text(file).expect("corpus article");
            text.lines()
                .filter(|line| !line.trim().is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    (0..article_limit().unwrap_or(4000))
        .map(|index| {
            // Each line starts an article in turn; past the number of lines the articles
            // repeat, which the stages, keeping nothing between documents, do not notice.
            let mut at = index * 37 % lines.len();
            let mut article = String::new();
            while article.len() < 1500 {
                article.push_str(&lines[at]);
                article.push('\n');
                at = (at + 1) % lines.len();
            }
            article
        })
        .collect()
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
    Some(
        text.lines()
            .take(article_limit().unwrap_or(usize::MAX))
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
        "{stage:<50} {:>8.3} s {:>9.1} MB/s {:>12.0} chars/s {ratio}",
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

/// The stages of a run, in the order they run on each article.
const STAGES: [&str; 8] = [
    "analyse (normalise, sentences, segment, offsets)",
    "figures (numbers, then figures)",
    "dates",
    "places",
    "sectors",
    "targets (linking)",
    "figures, dates, places, sectors as JSON",
    "targets and reports as JSON",
];

/// Linking and the writing of its output, among [`STAGES`].
const LINKING: [usize; 2] = [5, 7];

/// Runs every stage on each article in turn, as a run does, and adds up each stage's time.
/// Timing each stage where it runs, rather than as the difference between two passes with
/// and without it, keeps the machine's drift between passes out of a stage's cost.
fn timed_pass(
    pipeline: &Pipeline,
    articles: &[String],
    published: Option<Day>,
) -> [Duration; STAGES.len()] {
    let mut clock = [Duration::ZERO; STAGES.len()];
    let mut json = Vec::new();
    for article in articles {
        let mut lap = Instant::now();
        // Charges the time since the last charge to `stage`.
        let mut charge = |stage: usize| {
            let now = Instant::now();
            clock[stage] += now - lap;
            lap = now;
        };
        let document = pipeline.analyze(article.clone());
        charge(0);
        let figures = pipeline.figures(&document);
        charge(1);
        let dates = pipeline.dates(&document, published);
        charge(2);
        let places = pipeline.places(&document);
        charge(3);
        let sectors = pipeline.sectors(&document);
        charge(4);
        let links = pipeline.targets(&document, &figures, &dates, &places, published);
        charge(5);
        json.clear();
        serde_json::to_writer(&mut json, &(&figures, &dates, &places, &sectors))
            .expect("serialise");
        std::hint::black_box(&json);
        drop((document, figures, dates, places, sectors));
        charge(6);
        json.clear();
        serde_json::to_writer(&mut json, &links).expect("serialise");
        std::hint::black_box(&json);
        drop(links);
        charge(7);
    }
    clock
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
    // The pass's stage times from its fastest round.
    let mut pass: Option<[Duration; STAGES.len()]> = None;
    let mut stages: [Box<dyn FnMut() + '_>; 5] = [
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
            let clock = timed_pass(&pipeline, articles, published);
            let total = |clock: &[Duration]| clock.iter().sum::<Duration>();
            if pass.is_none_or(|best| total(&clock) < total(&best)) {
                pass = Some(clock);
            }
        }),
        Box::new(|| {
            for (index, article) in articles.iter().enumerate() {
                record_as_json(&pipeline, index, article, &mut json);
            }
        }),
    ];
    let [normalize, segment, analyze, _, record] = best_of_rounds(&mut stages);
    drop(stages);
    let pass = pass.expect("three rounds of the pass");
    println!(
        "{:<50} {:>10} {:>14} {:>20} {:>7}",
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
        "analyse alone (+ sentences, offsets)",
        bytes,
        chars,
        analyze,
        Some(baseline),
    );
    report(
        "record as JSON (a run's work on one article)",
        bytes,
        chars,
        record,
        Some(baseline),
    );
    // Between two analyses the other stages' tables take the cache: analysis in the pass
    // takes longer than analysis alone, and that is part of what the other stages cost.
    println!("\none pass, each stage timed where it runs on each article:");
    let share = |time: Duration| 100.0 * time.as_secs_f64() / baseline.as_secs_f64();
    for (stage, time) in STAGES.iter().zip(pass) {
        println!(
            "{stage:<50} {:>8.3} s {:>7.1}% of normalise + segment",
            time.as_secs_f64(),
            share(time)
        );
    }
    let total: Duration = pass.iter().sum();
    println!(
        "{:<50} {:>8.3} s {:>7.1}% of normalise + segment",
        "the whole pass",
        total.as_secs_f64(),
        share(total)
    );
    // What linking adds to a run: its time, with writing its output, over the rest.
    let linking: Duration = LINKING.iter().map(|&stage| pass[stage]).sum();
    println!(
        "linking, with its targets and reports written, adds {:.1}% to the rest of the pass",
        100.0 * linking.as_secs_f64() / (total - linking).as_secs_f64()
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
