//! Tests over the articles of `corpus/`: the offset invariant for every span, the seed's
//! normalisation, and golden files of sentences and tokens that read like a review when they
//! change (`ZHNEWS_BLESS=1 cargo test` rewrites them).

use std::fs;
use std::path::{Path, PathBuf};

use zhnews::{Dictionaries, Document, NormalizedSpan, Normalizer, Pipeline, Resolution};

use super::util::{root, seed_path};

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(&Dictionaries::embedded()).unwrap())
}

fn corpus_articles() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    paths
}

/// Every span maps back to original text that normalises to the span's own text. Alone, a
/// piece may lack the context that folded a character in the whole text (`：` between digits
/// in `10：30` becomes `:`), so a full-width character may stand for its ASCII form.
fn check_offsets(document: &Document, normalizer: &Normalizer, name: &str) {
    let same_up_to_width = |alone: &str, in_context: &str| {
        alone.chars().count() == in_context.chars().count()
            && alone.chars().zip(in_context.chars()).all(|(a, b)| {
                a == b || (('\u{FF01}'..='\u{FF5E}').contains(&a) && a as u32 - 0xFEE0 == b as u32)
            })
    };
    let mut spans: Vec<NormalizedSpan> = document.sentences().iter().map(|s| s.span).collect();
    spans.extend(document.tokens().iter().map(|t| t.span));
    for span in spans {
        let normalized = document.normalized_text(span);
        let original = document.original_text(document.to_original(span));
        let alone = normalizer.normalize(original).text;
        assert!(
            same_up_to_width(&alone, normalized),
            "{name}: span {span:?} came from {original:?}, which alone normalises to {alone:?}, not {normalized:?}"
        );
    }
    for sentence in document.sentences() {
        let tokens = &document.tokens()[sentence.tokens.clone()];
        let joined: String = tokens.iter().map(|t| document.token_text(t)).collect();
        assert_eq!(
            joined,
            &document.normalized()[sentence.byte_start..sentence.byte_end]
        );
    }
}

#[test]
fn every_span_of_every_corpus_article_points_back_into_its_original() {
    let normalizer = Normalizer::new(&Dictionaries::embedded()).unwrap();
    for path in corpus_articles() {
        let (text, _) = zhnews::read_text(&path).unwrap();
        let document = pipeline().analyze(text);
        check_offsets(&document, &normalizer, &path.display().to_string());
    }
}

#[test]
fn the_seed_is_simplified_without_pinyin_and_keeps_its_real_parenthesis() {
    let document = pipeline().analyze(fs::read_to_string(seed_path()).unwrap());
    let text = document.normalized();
    assert!(text.contains("建(构)筑物"));
    assert!(text.contains("石景山区第十三次党代会于12月6日至8日召开。"));
    let leftover: Vec<String> = text
        .match_indices(['(', '（'])
        .map(|(at, _)| text[at..].chars().take(6).collect())
        .collect();
    assert_eq!(
        leftover,
        ["(构)筑物实"],
        "only the real parenthesis is left"
    );
    for traditional in ["區", "產", "業", "進", "發", "經", "濟", "設", "鋼"] {
        assert!(
            !text.contains(traditional),
            "{traditional} left in the text"
        );
    }
    assert_eq!(document.changes().pinyin_annotations_removed, 200);
}

/// Text, exact value, unit, role and basis of a figure.
type FigureSummary = (
    String,
    String,
    Option<String>,
    &'static str,
    Option<&'static str>,
);

#[test]
fn the_seed_has_exactly_its_seven_figures() {
    let document = pipeline().analyze(fs::read_to_string(seed_path()).unwrap());
    let figures: Vec<FigureSummary> = pipeline()
        .figures(&document)
        .into_iter()
        .map(|f| {
            let role = match f.role {
                zhnews::Role::Amount => "amount",
                zhnews::Role::Change => "change",
                zhnews::Role::Share => "share",
                zhnews::Role::Multiple => "multiple",
            };
            let basis = f.basis.map(|_| "year_on_year");
            (f.mention.text, f.exact, f.unit, role, basis)
        })
        .collect();
    let figure = |text: &str, exact: &str, unit: &str, role, basis| {
        (
            text.to_string(),
            exact.to_string(),
            Some(unit.to_string()),
            role,
            basis,
        )
    };
    assert_eq!(
        figures,
        vec![
            figure("172個", "172", "count", "amount", None),
            figure("690萬平方米", "6900000", "m2", "amount", None),
            figure("2069.5億元", "206950000000", "CNY", "amount", None),
            figure("16.3%", "16.3", "%", "change", Some("year_on_year")),
            figure("3450億元", "345000000000", "CNY", "amount", None),
            figure("172個", "172", "count", "amount", None),
            figure("690萬平方米", "6900000", "m2", "amount", None),
        ]
    );
}

#[test]
fn the_seed_names_its_focus_sectors_and_its_one_three_one_system() {
    let document = pipeline().analyze(fs::read_to_string(seed_path()).unwrap());
    let (sectors, systems) = pipeline().sectors(&document);
    let names: Vec<&str> = sectors.iter().map(|s| s.name.as_str()).collect();
    // Twice in the list of 重点产业; 银行保险 once more in the heading `…聚焦银行保险等产业`.
    let focus = [
        ("银行保险", 3),
        ("工业互联网", 2),
        ("虚拟现实", 2),
        ("人工智能", 2),
        ("科幻", 2),
        ("动漫游戏", 2),
    ];
    for (name, times) in focus {
        let inherited = sectors
            .iter()
            .filter(|s| s.name == name && s.inherited_head.as_deref() == Some("产业"))
            .count();
        assert_eq!(inherited, times, "{name} as a member of a list of 产业");
    }
    assert!(names.contains(&"高精尖产业"));
    for not_a_sector in ["城市更新", "产业转型", "腾笼换鸟", "工业"] {
        assert!(
            !names.contains(&not_a_sector),
            "{not_a_sector} in {names:?}"
        );
    }
    assert!(
        sectors.iter().all(|s| s.known),
        "every seed sector is in the dictionary"
    );
    assert_eq!(systems.len(), 1);
    let members: Vec<(&str, Option<&str>, &str)> = systems[0]
        .members
        .iter()
        .map(|m| {
            let sector = &sectors[m.sector];
            (
                sector.name.as_str(),
                sector.gbt4754.first().map(String::as_str),
                m.role.as_str(),
            )
        })
        .collect();
    assert_eq!(
        members,
        [
            ("现代金融业", Some("J"), "战略主导"),
            ("科技服务业", Some("M"), "特色培育"),
            ("数字创意产业", None, "特色培育"),
            ("新一代信息技术产业", None, "特色培育"),
            ("高端商务服务业", Some("L72"), "配套支撑"),
        ]
    );
}

#[test]
fn the_seed_dates_resolve_against_its_publication_day() {
    let document = pipeline().analyze(fs::read_to_string(seed_path()).unwrap());
    let published = zhnews::Day::parse_iso("2021-12-09");
    let dates: Vec<(String, Option<String>, Option<String>, zhnews::DateRole)> = pipeline()
        .dates(&document, published)
        .into_iter()
        .map(|d| (d.mention.text, d.from, d.to, d.role))
        .collect();
    let date = |text: &str, from: &str, to: &str, role| {
        (
            text.to_string(),
            Some(from.to_string()),
            Some(to.to_string()),
            role,
        )
    };
    use zhnews::DateRole::*;
    // From the day after publication, as Recognizers-Text counts `后1年`.
    let next_five_years = |text: &str| date(text, "2021-12-10", "2026-12-09", Period);
    assert_eq!(
        dates,
        vec![
            date("9月6日", "2021-09-06", "2021-09-06", Point),
            date("12月6日至8日", "2021-12-06", "2021-12-08", Range),
            next_five_years("未來五年"),
            next_five_years("未來5年"),
            next_five_years("未來五年"),
            next_five_years("未來5年"),
            date("2020年", "2020-01-01", "2020-12-31", Point),
            next_five_years("未來五年"),
            date("2025年", "2025-01-01", "2025-12-31", Deadline),
            next_five_years("未來5年"),
        ]
    );
}

/// One line a sentence, then one line a token: `start end tag text` in original characters.
fn render(document: &Document) -> String {
    let mut out = String::new();
    for (index, sentence) in document.sentences().iter().enumerate() {
        let span = document.to_original(sentence.span);
        out.push_str(&format!(
            "sentence {index} {}..{} {}\n",
            span.start,
            span.end,
            document.original_text(span)
        ));
        for token in &document.tokens()[sentence.tokens.clone()] {
            let span = document.to_original(token.span);
            out.push_str(&format!(
                "  {}..{} {} {}\n",
                span.start,
                span.end,
                token.tag.as_str(),
                document.token_text(token)
            ));
        }
    }
    out
}

fn golden_path(article: &Path) -> PathBuf {
    let stem = article.file_stem().unwrap().to_string_lossy();
    root()
        .join("tests/golden")
        .join(format!("{stem}.tokens.txt"))
}

#[test]
fn sentences_and_tokens_match_the_golden_files() {
    let bless = std::env::var_os("ZHNEWS_BLESS").is_some();
    for article in corpus_articles() {
        let (text, _) = zhnews::read_text(&article).unwrap();
        let document = pipeline().analyze(text);
        let rendered = render(&document);
        let golden = golden_path(&article);
        if bless {
            fs::write(&golden, &rendered).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&golden).unwrap_or_else(|_| {
            panic!(
                "{} missing: run ZHNEWS_BLESS=1 cargo test",
                golden.display()
            )
        });
        if rendered != expected {
            let first_difference = rendered
                .lines()
                .zip(expected.lines())
                .find(|(got, want)| got != want);
            panic!(
                "{} differs from {}; first difference (got, expected): {first_difference:?}; \
                 review and run ZHNEWS_BLESS=1 cargo test to accept",
                article.display(),
                golden.display()
            );
        }
    }
}

/// The offset invariant over the news bench, when `../shared/data` is present. Slow: run with
/// `cargo test --release -- --ignored`.
#[test]
#[ignore]
fn every_span_of_the_news_bench_points_back_into_its_original() {
    let path = root().join("../shared/data/news-bench/articles.jsonl");
    let Ok(text) = fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let normalizer = Normalizer::new(&Dictionaries::embedded()).unwrap();
    for (number, line) in text.lines().enumerate() {
        let article: serde_json::Value = serde_json::from_str(line).unwrap();
        let document = pipeline().analyze(article["text"].as_str().unwrap().to_string());
        check_offsets(
            &document,
            &normalizer,
            &format!("news bench line {}", number + 1),
        );
    }
}

#[test]
fn the_seed_places_are_resolved_and_typed() {
    let document = pipeline().analyze(fs::read_to_string(seed_path()).unwrap());
    let places = pipeline().places(&document);
    let kind_of = |name: &str| -> Vec<String> {
        places
            .iter()
            .filter(|p| p.name == name)
            .map(|p| format!("{:?}", p.kind).to_lowercase())
            .collect()
    };
    // The district, in full and as `石景山`, is Beijing's 110107.
    let district: Vec<_> = places.iter().filter(|p| p.name == "石景山区").collect();
    assert_eq!(district.len(), 15, "12 in full and 3 as 石景山");
    assert!(district
        .iter()
        .any(|p| p.short_form && p.mention.text == "石景山"));
    for place in &district {
        assert_eq!(place.code.as_deref(), Some("110107"));
        assert_eq!(place.path, ["北京市", "石景山区"]);
    }
    let expected = [
        ("西黄村", "village"),
        ("广宁村", "village"),
        ("黄庄村", "village"),
        ("麻峪村", "village"),
        ("衙门口", "area"),
        ("北辛安", "area"),
        ("五里坨", "area"),
        ("体育场西路", "road"),
        ("特钢中街", "road"),
        ("永引渠南路", "road"),
        ("石门路", "road"),
        ("衙门口站", "station"),
        ("福寿岭站", "station"),
        ("地铁1号线", "line"),
        ("市郊铁路城市副中心线", "line"),
        ("首钢园区", "park"),
        ("新首钢园", "park"),
        ("中关村人工智能创新应用产业园", "park"),
        ("电竞产业园", "park"),
        ("京西产业转型升级示范区", "zone"),
        ("科幻产业集聚区", "zone"),
        ("国家体育产业示范区", "zone"),
        ("巴威-北锅", "factory"),
        ("石热", "factory"),
    ];
    for (name, kind) in expected {
        let kinds = kind_of(name);
        assert!(!kinds.is_empty(), "{name} not found");
        assert!(kinds.iter().all(|k| k == kind), "{name}: {kinds:?}");
    }
    // Every local place lies in the district.
    let local = |p: &&zhnews::Place| matches!(p.resolution, Resolution::Head | Resolution::List);
    for place in places.iter().filter(local) {
        assert_eq!(place.parent.as_deref(), Some("110107"), "{}", place.name);
    }
    // None of the false divisions: 平房区 (Harbin), 大厂 (Hebei), 广宁 (Guangdong), nor 复兴区
    // (Handan) for the verb 复兴.
    for name in ["平房区", "大厂回族自治县", "广宁县", "复兴区"] {
        assert!(kind_of(name).is_empty(), "{name} reported");
    }
    for text in ["平房区", "大厂", "广宁"] {
        assert!(
            places.iter().all(|p| p.mention.text != text),
            "{text} reported"
        );
    }
}

/// `dictionaries/divisions.tsv` is what `scripts/build_gazetteer.py` makes of the package's
/// files (checked when python3 and `../shared/data/admin-divisions` are there).
#[test]
fn the_gazetteer_script_rebuilds_the_committed_divisions() {
    let data = root().join("../shared/data/admin-divisions");
    if !data.is_dir() {
        eprintln!("skipped: {} is absent", data.display());
        return;
    }
    let Ok(output) = std::process::Command::new("python3")
        .arg(root().join("scripts/build_gazetteer.py"))
        .arg("--check")
        .arg(&data)
        .output()
    else {
        eprintln!("skipped: python3 is not installed");
        return;
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The targets issue's seed: the revenue target with its baseline and growth rate, the
/// renovation target stated twice, the shanty-town target with its four places.
#[test]
fn the_seed_has_its_three_targets() {
    let document = pipeline().analyze(fs::read_to_string(seed_path()).unwrap());
    let published = zhnews::Day::parse_iso("2021-12-09");
    let figures = pipeline().figures(&document);
    let dates = pipeline().dates(&document, published);
    let places = pipeline().places(&document);
    let (targets, _) = pipeline().targets(&document, &figures, &dates, &places, published);
    let with_metric = |name: &str| {
        targets
            .iter()
            .find(|t| t.metric.as_ref().is_some_and(|m| m.name == name))
            .unwrap_or_else(|| panic!("no target {name}: {targets:#?}"))
    };
    let revenue = with_metric("高精尖产业收入");
    assert_eq!(revenue.values[0].exact, "345000000000");
    assert_eq!(revenue.status, zhnews::Status::Planned);
    assert_eq!(
        revenue.subject.as_ref().unwrap().code.as_deref(),
        Some("110107")
    );
    assert_eq!(
        revenue.deadline.as_ref().unwrap().to.as_deref(),
        Some("2025-12-31")
    );
    let baseline = revenue.baseline.as_ref().unwrap();
    assert_eq!(
        (baseline.value.exact.as_str(), baseline.year.as_deref()),
        ("206950000000", Some("2020"))
    );
    assert_eq!(baseline.change.as_ref().unwrap().exact, "16.3");
    let cagr = revenue.derived.as_ref().unwrap().cagr.unwrap();
    assert!((cagr - 10.8).abs() < 0.05, "{cagr}");

    let renovation = with_metric("老旧小区综合改造任务");
    let values: Vec<&str> = renovation.values.iter().map(|v| v.exact.as_str()).collect();
    assert_eq!(values, ["172", "6900000"]);
    assert_eq!(renovation.evidence.len(), 2, "stated twice, reported once");
    assert_eq!(
        renovation.period.as_ref().unwrap().to.as_deref(),
        Some("2026-12-09")
    );

    let shanty_towns = with_metric("棚户区改造任务");
    assert_eq!(
        shanty_towns.subject.as_ref().unwrap().places,
        ["西黄村", "衙门口", "北辛安", "广宁村"]
    );
    assert!(shanty_towns.values.is_empty());
}
