//! Batch runs over folders: hostile inputs, parallel runs, globs, HTML and SQLite output.

use std::collections::BTreeMap;
use std::fs;

use super::util::{root, Dir};
use super::wire::{parse_jsonl, Line, Record};

/// What an input must become.
enum Expect {
    /// A record of this text, read in this encoding.
    Text(String, &'static str),
    /// An error record of this kind.
    Error(&'static str),
}

/// Asserts that `record` was read from `text`: its length, and every sentence and mention
/// reading back from it at its offsets.
fn assert_read_from(record: &Record, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(record.stats.chars, chars.len(), "{}", record.id);
    let slice = |start: usize, end: usize| chars[start..end].iter().collect::<String>();
    for sentence in &record.sentences {
        assert!(sentence.end <= chars.len(), "{}", record.id);
    }
    for figure in &record.figures {
        assert_eq!(
            slice(figure.start, figure.end),
            figure.text,
            "{}",
            record.id
        );
    }
    for place in &record.places {
        assert_eq!(slice(place.start, place.end), place.text, "{}", record.id);
    }
}

#[test]
fn a_tree_of_hostile_inputs_gives_each_input_once_as_a_record_or_an_error() {
    let dir = Dir::new();
    let mut expected: BTreeMap<String, Expect> = BTreeMap::new();
    let mut add = |name: &str, bytes: &[u8], expect: Expect| {
        dir.create(&format!("tree/{name}"), bytes);
        expected.insert(format!("tree/{name}"), expect);
    };
    let simplified = "石景山区高精尖产业收入达到2069.5亿元，同比增长16.3%。";
    let traditional = "石景山區高精尖產業收入達到2069.5億元，同比增長16.3%。";
    let rare = "石景山区收入达到2069.5亿元，𠀀字。";
    add("empty.txt", b"", Expect::Text(String::new(), "UTF-8"));
    add(
        "binary.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\x08\x06",
        Expect::Error("binary"),
    );
    add(
        "invalid-utf8.txt",
        b"\xff bad \xfe bytes",
        Expect::Error("invalid_utf8"),
    );
    add(
        "gbk.txt",
        &encoding_rs::GBK.encode(simplified).0,
        Expect::Text(simplified.into(), "GBK"),
    );
    add(
        "gb18030.txt",
        &encoding_rs::GB18030.encode(rare).0,
        Expect::Text(rare.into(), "gb18030"),
    );
    add(
        "big5.txt",
        &encoding_rs::BIG5.encode(traditional).0,
        Expect::Text(traditional.into(), "Big5"),
    );
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(simplified.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    add(
        "utf16le.txt",
        &utf16le,
        Expect::Text(simplified.into(), "UTF-16LE"),
    );
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(simplified.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    add(
        "utf16be.txt",
        &utf16be,
        Expect::Text(simplified.into(), "UTF-16BE"),
    );
    let with_nul = format!("{simplified}\0\0{simplified}");
    add(
        "nul-bytes.txt",
        with_nul.as_bytes(),
        Expect::Text(with_nul.clone(), "UTF-8"),
    );
    // 20 MB on one line: more characters than --max-chars allows, so an error, read whole.
    let huge = simplified
        .replace('。', "，")
        .repeat(20 * 1024 * 1024 / 75 + 1);
    add(
        "huge-one-line.txt",
        huge.as_bytes(),
        Expect::Error("too_large"),
    );
    let page = "<html><head><title>石景山区发布</title><script>var a='9亿元';</script></head>\
                <body><nav>首页</nav><p>石景山区高精尖产业收入达到2069.5亿元。</p></body></html>";
    add(
        "page.html",
        page.as_bytes(),
        Expect::Text("石景山区高精尖产业收入达到2069.5亿元。".into(), "UTF-8"),
    );
    for folder in 0..100 {
        for file in 0..100 {
            let text = format!("第{file}篇：收入{folder}亿元。");
            add(
                &format!("many/{folder:03}/{file:03}.txt"),
                text.as_bytes(),
                Expect::Text(text.clone(), "UTF-8"),
            );
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{symlink, PermissionsExt};
        let tree = dir.path().join("tree");
        symlink("nowhere.txt", tree.join("dangling.txt")).unwrap();
        expected.insert("tree/dangling.txt".into(), Expect::Error("not_found"));
        symlink("loop.txt", tree.join("loop.txt")).unwrap();
        expected.insert("tree/loop.txt".into(), Expect::Error("read"));
        // A link to a folder above: not followed, so it adds nothing and traps nothing.
        symlink("..", tree.join("many/000/up")).unwrap();
        let locked = tree.join("locked.txt");
        fs::write(&locked, simplified).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        // Root reads any file: then the locked file is an article like the others.
        let expect = if fs::read(&locked).is_ok() {
            Expect::Text(simplified.into(), "UTF-8")
        } else {
            Expect::Error("read")
        };
        expected.insert("tree/locked.txt".into(), expect);
    }

    let run = dir.run(&["extract", "--format", "jsonl", "tree"], "");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let lines = parse_jsonl(&run.stdout);
    let ids: Vec<&str> = lines.iter().map(Line::id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "in sorted path order");
    assert_eq!(
        ids,
        expected.keys().map(String::as_str).collect::<Vec<_>>(),
        "each input exactly once"
    );
    let failed = expected
        .values()
        .filter(|e| matches!(e, Expect::Error(_)))
        .count();
    let summary = run.summary.as_deref().expect("a summary line");
    let counts = format!("{} documents, {failed} failed, ", lines.len() - failed);
    assert!(summary.starts_with(&counts), "{summary}");
    for (line, (id, expect)) in lines.iter().zip(&expected) {
        match expect {
            Expect::Text(text, encoding) => {
                let record = line.record();
                assert_eq!(record.source.encoding.as_deref(), Some(*encoding), "{id}");
                assert_read_from(record, text);
            }
            Expect::Error(kind) => {
                assert_eq!(line.error().error.kind, *kind, "{id}");
                assert!(
                    run.stderr.contains(&format!("zhnews: {id}")),
                    "{id} on stderr"
                );
            }
        }
    }
    let page = lines
        .iter()
        .find(|l| l.id() == "tree/page.html")
        .unwrap()
        .record();
    assert_eq!(page.source.format, "html");
    assert_eq!(page.meta.title.as_deref(), Some("石景山区发布"));
    assert_eq!(page.figures.len(), 1, "the script's figure is not text");
}

/// The output of `extract` over the corpus with `args`.
fn corpus_run(dir: &Dir, args: &[&str]) -> String {
    let corpus = root().join("corpus");
    let mut args = args.to_vec();
    args.insert(0, "extract");
    args.push(corpus.to_str().unwrap());
    let run = dir.run(&args, "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn output_is_byte_identical_whatever_the_number_of_threads() {
    let dir = Dir::new();
    let one = corpus_run(&dir, &["--format", "jsonl", "--jobs", "1"]);
    let two = corpus_run(&dir, &["--format", "jsonl", "--jobs", "2"]);
    assert!(one.lines().count() >= 16);
    assert!(one == two, "--jobs 1 and --jobs 2 differ");
}

#[test]
fn globs_choose_the_files_and_quiet_drops_the_summary() {
    let dir = Dir::new();
    dir.create("news/2023/a.txt", "甲。");
    dir.create("news/2023/drafts/b.txt", "乙。");
    dir.create("news/2024/c.htm", "<p>丙。</p>");
    dir.create("news/notes.md", "丁。");
    let run = dir.run(&["extract", "news", "--exclude", "**/drafts"], "");
    let ids: Vec<String> = parse_jsonl(&run.stdout)
        .iter()
        .map(|l| l.id().to_string())
        .collect();
    assert_eq!(ids, ["news/2023/a.txt", "news/2024/c.htm"]);
    assert!(run.summary.unwrap().starts_with("2 documents, 0 failed, "));
    let run = dir.run(
        &[
            "extract",
            "-q",
            "--format",
            "jsonl",
            "news",
            "--include",
            "*.md",
        ],
        "",
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.summary, None);
    assert_eq!(run.stderr, "");
    assert_eq!(parse_jsonl(&run.stdout)[0].id(), "news/notes.md");
    let run = dir.run(&["extract", "news", "--include", "a["], "");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("zhnews: glob \"a[\": "),
        "{}",
        run.stderr
    );
}

/// Rows per table of an SQLite output.
fn row_counts(path: &std::path::Path) -> BTreeMap<String, usize> {
    let connection = rusqlite::Connection::open(path).unwrap();
    [
        "documents",
        "figures",
        "dates",
        "places",
        "sectors",
        "targets",
        "target_values",
        "reports",
        "report_values",
    ]
    .into_iter()
    .map(|table| {
        let count: i64 = connection
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                row.get(0)
            })
            .unwrap();
        (table.to_string(), count as usize)
    })
    .collect()
}

#[test]
fn sqlite_output_holds_every_entity_once_and_a_second_run_updates_in_place() {
    let dir = Dir::new();
    let jsonl = corpus_run(&dir, &["--format", "jsonl"]);
    let lines = parse_jsonl(&jsonl);
    let records: Vec<&Record> = lines.iter().map(Line::record).collect();
    let sum = |count: fn(&Record) -> usize| records.iter().map(|r| count(r)).sum::<usize>();
    let expected: BTreeMap<String, usize> = [
        ("documents", records.len()),
        ("figures", sum(|r| r.figures.len())),
        ("dates", sum(|r| r.dates.len())),
        ("places", sum(|r| r.places.len())),
        ("sectors", sum(|r| r.sectors.len())),
        ("targets", sum(|r| r.targets.len())),
        (
            "target_values",
            sum(|r| r.targets.iter().map(|t| t.values.len()).sum()),
        ),
        ("reports", sum(|r| r.reports.len())),
        (
            "report_values",
            sum(|r| r.reports.iter().map(|t| t.values.len()).sum()),
        ),
    ]
    .into_iter()
    .map(|(table, count)| (table.to_string(), count))
    .collect();
    assert!(expected["targets"] > 100 && expected["target_values"] > 100);

    let database = dir.path().join("news.db");
    corpus_run(&dir, &["-o", database.to_str().unwrap()]);
    assert_eq!(row_counts(&database), expected);
    corpus_run(&dir, &["-o", database.to_str().unwrap()]);
    assert_eq!(
        row_counts(&database),
        expected,
        "a second run duplicates nothing"
    );

    // The seed's targets, found by the code of the district they belong to.
    let connection = rusqlite::Connection::open(&database).unwrap();
    let mut statement = connection
        .prepare(
            "SELECT t.metric, v.value, v.unit, t.deadline_to, t.status
             FROM targets t
             JOIN documents d ON d.id = t.document_id
             JOIN target_values v ON v.document_id = t.document_id AND v.parent_idx = t.idx
             WHERE t.subject_code = '110107' AND d.path LIKE '%shijingshan-2021.txt'
               AND v.unit = 'CNY'",
        )
        .unwrap();
    let rows: Vec<(String, f64, String, Option<String>, String)> = statement
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        rows.contains(&(
            "高精尖产业收入".into(),
            3450e8,
            "CNY".into(),
            Some("2025-12-31".into()),
            "planned".into()
        )),
        "{rows:?}"
    );
    // A row's `idx` names the entity in the record that `documents` keeps whole.
    let json: String = connection
        .query_row(
            "SELECT json_extract(d.record, '$.places[' || p.idx || ']')
             FROM places p JOIN documents d ON d.id = p.document_id
             WHERE d.path LIKE '%shijingshan-2021.txt' AND p.idx = 0",
            [],
            |row| row.get(0),
        )
        .unwrap();
    let seed = records
        .iter()
        .find(|r| r.id.ends_with("shijingshan-2021.txt"))
        .unwrap();
    let place: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(place["text"], seed.places[0].text);
}

#[test]
fn sqlite_output_needs_a_file() {
    let dir = Dir::new();
    dir.create("a.txt", "正文。");
    let run = dir.run(&["extract", "--format", "sqlite", "a.txt"], "");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "zhnews: <stdout>: SQLite output needs a file: give --output FILE\n"
    );
}

#[test]
fn jobs_keep_input_order_across_many_batches_on_stdin() {
    let dir = Dir::new();
    let articles: Vec<String> = fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .filter_map(|path| fs::read_to_string(path).ok())
        .collect();
    // Long and short documents mixed, so that later ones finish first.
    let input: String = (0..300)
        .map(|i| {
            let text = if i % 7 == 0 {
                articles[i % articles.len()].clone()
            } else {
                format!("第{i}篇：收入{i}亿元。")
            };
            serde_json::json!({"id": i.to_string(), "text": text}).to_string() + "\n"
        })
        .collect();
    let one = dir.run(&["extract", "-q", "--jobs", "1", "-"], &input);
    let two = dir.run(&["extract", "-q", "--jobs", "2", "-"], &input);
    assert_eq!(one.code, 0, "{}", one.stderr);
    let ids: Vec<String> = parse_jsonl(&two.stdout)
        .iter()
        .map(|l| l.id().to_string())
        .collect();
    assert_eq!(ids, (0..300).map(|i| i.to_string()).collect::<Vec<_>>());
    assert!(one.stdout == two.stdout, "--jobs 1 and --jobs 2 differ");
}

#[test]
fn a_read_error_on_stdin_is_one_error_record_not_an_endless_stream() {
    let dir = Dir::new();
    fs::create_dir(dir.path().join("folder")).unwrap();
    let output = dir
        .command(&["extract", "-q", "-"])
        .stdin(fs::File::open(dir.path().join("folder")).unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines = parse_jsonl(&stdout);
    assert_eq!(lines.len(), 1, "{stdout}");
    assert_eq!(lines[0].error().error.kind, "read");
}

#[test]
fn the_output_file_name_sets_the_format_and_oversized_inputs_carry_no_text() {
    let dir = Dir::new();
    dir.create("news/a.txt", "甲。");
    dir.create("news/a.meta.json", r#"{"published": "2024-01-02"}"#);
    dir.create("news/a.gold.json", "{}");
    let run = dir.run(
        &["extract", "news", "-o", "out.jsonl", "--include", "a*"],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(
        written.lines().count(),
        1,
        "one JSON Lines record, no sidecar"
    );

    dir.create(
        "big/page.html",
        format!("<title>大</title><p>{}</p>", "字".repeat(50)),
    );
    dir.create("big/text.txt", "字".repeat(50));
    let run = dir.run(&["extract", "big", "--max-chars", "10"], "");
    assert_eq!(run.code, 2);
    let lines = parse_jsonl(&run.stdout);
    let page = lines[0].error();
    assert_eq!(page.error.kind, "too_large");
    assert_eq!(page.source.as_ref().unwrap().text, None);
    let text = lines[1].error();
    assert_eq!(text.error.kind, "too_large");
    assert_eq!(
        text.error.message,
        "big/text.txt: 150 bytes, at least 37 characters, more than --max-chars 10; split the document or raise the limit"
    );
}
