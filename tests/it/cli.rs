//! The `zhnews extract` command over the built binary.

use std::io::Read;

use super::util::{seed_path, Dir};
use super::wire::{parse_json_stream, parse_jsonl, Record};

#[test]
fn a_single_file_gives_one_pretty_record_with_its_sidecar_metadata() {
    let dir = Dir::new();
    let seed = seed_path();
    let run = dir.run(&["extract", seed.to_str().unwrap()], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout.starts_with("{\n  \"schema_version\": 3,"),
        "pretty JSON"
    );
    let lines = parse_json_stream(&run.stdout);
    assert_eq!(lines.len(), 1);
    let record = lines[0].record();
    assert_eq!(record.id, seed.display().to_string());
    assert_eq!(record.source.kind, "file");
    assert_eq!(record.source.bytes, 5148);
    assert_eq!(record.meta.published.as_deref(), Some("2021-12-09"));
    assert_eq!(record.meta.published_from.as_deref(), Some("sidecar"));
    assert_eq!(record.meta.outlet.as_deref(), Some("新京报"));
    assert_eq!(record.stats.pinyin_annotations_removed, 200);
    assert!(record.stats.traditional_converted);
    assert_eq!(record.stats.sentences, record.sentences.len());
    let chars: Vec<char> = std::fs::read_to_string(&seed).unwrap().chars().collect();
    assert_eq!(record.stats.chars, chars.len());
    let first = record.sentences[0];
    let first_text: String = chars[first.start..first.end].iter().collect();
    assert_eq!(first_text, "9月6日,服貿(mào)會首鋼園區(qū)。");
}

#[test]
fn a_folder_gives_json_lines_in_sorted_path_order_and_reports_bad_files_in_place() {
    let dir = Dir::new();
    dir.create("news/b/2.txt", "第二篇。");
    dir.create("news/a.txt", "第一篇。");
    // No byte order mark (`\xff\xfe` would start UTF-16) and no Chinese encoding either.
    dir.create("news/c.txt", b"\xff bad \xfe bytes");
    dir.create("news/d.txt", "第四篇。");
    dir.create("news/readme.md", "not an article");
    let run = dir.run(&["extract", "news"], "");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "zhnews: news/c.txt: not valid UTF-8 (first bad byte at offset 0), nor GBK, GB18030, Big5 or UTF-16 with a byte order mark; convert the file to UTF-8\n"
    );
    let lines = parse_jsonl(&run.stdout);
    let ids: Vec<&str> = lines.iter().map(|l| l.id()).collect();
    assert_eq!(
        ids,
        ["news/a.txt", "news/b/2.txt", "news/c.txt", "news/d.txt"]
    );
    let error = lines[2].error();
    assert_eq!(error.error.kind, "invalid_utf8");
    assert_eq!(error.source.as_ref().unwrap().bytes, 13);
    assert_eq!(error.source.as_ref().unwrap().encoding, None);
    assert_eq!(lines[3].record().stats.chars, 4);
}

#[test]
fn files_in_chinese_encodings_and_utf_16_are_decoded_and_their_encoding_recorded() {
    let simplified =
        "石景山区高精尖产业收入达到二千零六十九亿元，同比增长百分之十六，老旧小区改造全面完成。";
    let traditional =
        "石景山區高精尖產業收入達到二千零六十九億元，同比增長百分之十六，老舊小區改造全面完成。";
    let dir = Dir::new();
    dir.create("a-gbk.txt", encoding_rs::GBK.encode(simplified).0);
    dir.create("b-big5.txt", encoding_rs::BIG5.encode(traditional).0);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(simplified.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    dir.create("c-utf16.txt", utf16);
    dir.create(
        "d-bom.txt",
        [&[0xEF, 0xBB, 0xBF][..], simplified.as_bytes()].concat(),
    );
    let run = dir.run(&["extract", "--format", "jsonl", "."], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = parse_jsonl(&run.stdout);
    let records: Vec<&Record> = lines.iter().map(|line| line.record()).collect();
    let encodings: Vec<Option<&str>> = records
        .iter()
        .map(|r| r.source.encoding.as_deref())
        .collect();
    assert_eq!(
        encodings,
        [Some("GBK"), Some("Big5"), Some("UTF-16LE"), Some("UTF-8")]
    );
    for record in &records {
        assert_eq!(
            record.places[0].code.as_deref(),
            Some("110107"),
            "{}",
            record.id
        );
    }
}

#[test]
fn a_missing_path_is_named_on_stderr_and_the_other_paths_still_run() {
    let dir = Dir::new();
    dir.create("a.txt", "正文。");
    let run = dir.run(&["extract", "nope.txt", "a.txt"], "");
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "zhnews: nope.txt: no such file or directory\n");
    let lines = parse_jsonl(&run.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].error().error.kind, "not_found");
    assert_eq!(lines[1].record().id, "a.txt");
}

#[test]
fn json_lines_on_stdin_keep_ids_order_and_metadata_one_line_each() {
    let dir = Dir::new();
    let input = [
        r#"{"id":"z9","text":"石景山區(qū)召開黨代會。","published":"2021-12-09","title":"黨代會","channel":"local"}"#,
        "",
        r#"{"id":"a1","text":"未来５年。"}"#,
        r#"{"text":"no id"}"#,
        r#"{"id":7,"text":"数字编号。"}"#,
    ]
    .join("\n");
    let run = dir.run(&["extract", "-"], &input);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "zhnews: <stdin>:4: missing field `id`\n");
    assert_eq!(run.stdout.lines().count(), 4);
    let lines = parse_jsonl(&run.stdout);
    let ids: Vec<&str> = lines.iter().map(|l| l.id()).collect();
    assert_eq!(ids, ["z9", "a1", "<stdin>:4", "7"]);
    let first = lines[0].record();
    assert_eq!(first.source.kind, "stdin");
    assert_eq!(first.source.line, Some(1));
    assert_eq!(first.meta.title.as_deref(), Some("黨代會"));
    assert_eq!(first.meta.published_from.as_deref(), Some("input"));
    assert_eq!(first.meta.extra["channel"], "local");
    assert_eq!(first.stats.pinyin_annotations_removed, 1);
    assert_eq!(lines[1].record().stats.width_folded, 1);
    assert_eq!(lines[2].error().error.kind, "invalid_record");
}

#[test]
fn the_published_flag_dates_documents_without_their_own_date() {
    let dir = Dir::new();
    dir.create("a.txt", "正文。");
    let run = dir.run(&["extract", "--published", "2022-03-05", "a.txt"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let record = &parse_json_stream(&run.stdout)[0];
    assert_eq!(
        record.record().meta.published.as_deref(),
        Some("2022-03-05")
    );
    assert_eq!(record.record().meta.published_from.as_deref(), Some("flag"));

    let run = dir.run(&["extract", "--published", "2022-02-30", "a.txt"], "");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("expected a date written YYYY-MM-DD"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn a_document_without_a_date_is_dated_by_its_dateline_when_it_gives_the_year() {
    let dir = Dir::new();
    dir.create(
        "dated.txt",
        "标题\n发布时间：2021-12-09 来源：新京报\n去年收入增长。",
    );
    dir.create("undated.txt", "新华社北京12月9日电 去年收入增长。");
    dir.create("sidecar.txt", "发布时间：2021-12-09\n去年收入增长。");
    dir.create("sidecar.meta.json", r#"{"published": "2024-05-01"}"#);
    let run = dir.run(&["extract", "dated.txt", "undated.txt", "sidecar.txt"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = parse_json_stream(&run.stdout);
    let [dated, undated, sidecar] = [0, 1, 2].map(|i| records[i].record());
    let last_year = |record: &Record| {
        let date = record.dates.iter().find(|d| d.text == "去年").unwrap();
        date.from.clone()
    };

    assert_eq!(dated.meta.published.as_deref(), Some("2021-12-09"));
    assert_eq!(dated.meta.published_from.as_deref(), Some("dateline"));
    assert_eq!(last_year(dated).as_deref(), Some("2020-01-01"));

    assert_eq!(undated.meta.published, None);
    assert_eq!(undated.warnings[0].kind, "dateline_without_year");
    assert_eq!(last_year(undated), None);

    assert_eq!(sidecar.meta.published_from.as_deref(), Some("sidecar"));
    assert_eq!(last_year(sidecar).as_deref(), Some("2023-01-01"));
}

#[test]
fn the_format_flag_overrides_the_default() {
    let dir = Dir::new();
    dir.create("a.txt", "甲。");
    dir.create("b.txt", "乙。");
    let run = dir.run(&["extract", "--format", "json", "a.txt", "b.txt"], "");
    assert_eq!(run.code, 0);
    assert_eq!(parse_json_stream(&run.stdout).len(), 2);
    let run = dir.run(&["extract", "--format", "jsonl", "a.txt"], "");
    assert_eq!(run.stdout.lines().count(), 1);
    assert_eq!(parse_jsonl(&run.stdout).len(), 1);
}

#[test]
fn the_output_file_is_written_whole_and_stdout_stays_empty() {
    let dir = Dir::new();
    dir.create("in/a.txt", "甲。");
    dir.create("in/b.txt", "乙。");
    let run = dir.run(&["extract", "in", "-o", "out.jsonl"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let written = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(parse_jsonl(&written).len(), 2);
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 2, "only in/ and out.jsonl");
}

#[test]
fn a_broken_metadata_sidecar_is_a_warning_and_the_article_is_kept() {
    let dir = Dir::new();
    dir.create("a.txt", "正文。");
    dir.create("a.meta.json", r#"{"published": "yesterday"}"#);
    let run = dir.run(&["extract", "a.txt"], "");
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "zhnews: warning: a.meta.json: `published` must be a date written YYYY-MM-DD, not \"yesterday\"\n"
    );
    let record = &parse_json_stream(&run.stdout)[0];
    assert_eq!(record.record().warnings[0].kind, "invalid_metadata");
    assert_eq!(record.record().meta.published, None);
}

#[test]
fn a_bad_dictionary_stops_the_run_naming_file_and_line() {
    let dir = Dir::new();
    dir.create("a.txt", "正文。");
    dir.create("dicts/user.dict", "# comment\n棚户区 abc n\n");
    let run = dir.run(&["extract", "--dictionaries", "dicts", "a.txt"], "");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "zhnews: dicts/user.dict:2: \"棚户区\" needs a frequency of at least 1\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = Dir::new();
    let input: String = (0..3000)
        .map(|i| {
            format!("{{\"id\":\"{i}\",\"text\":\"石景山区未来五年将完成老旧小区综合改造。\"}}\n")
        })
        .collect();
    let mut child = dir.spawn(&["extract", "-"]);
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    feeder.join().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(stderr, "");
}

/// `tail -f feed.jsonl | zhnews extract - | head -1`: once the reader of the output is gone,
/// the run ends, though its input stays open and sends nothing more.
#[test]
fn a_closed_pipe_ends_the_run_while_stdin_stays_open() {
    use std::io::{BufRead, BufReader, Write};
    let dir = Dir::new();
    let mut child = dir.spawn(&["extract", "-", "--quiet"]);
    let mut stdin = child.stdin.take().unwrap();
    let line =
        |id: usize| format!("{{\"id\":\"{id}\",\"text\":\"石景山区将完成老旧小区改造。\"}}\n");
    stdin.write_all(line(1).as_bytes()).unwrap();
    stdin.flush().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.contains("\"id\":\"1\""), "{first}");
    drop(stdout);
    // The next record meets the closed pipe; stdin stays open.
    stdin.write_all(line(2).as_bytes()).unwrap();
    stdin.flush().unwrap();
    // Not a timing: only how long to wait before calling it a hang.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("zhnews kept waiting for stdin after its output closed");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
    drop(stdin);
}
