//! Arbitrary bytes as the file `zhnews extract` reads: decoded in whatever encoding they may
//! be (UTF-8, UTF-16, GBK, GB18030, Big5) or refused with an error, then read both as a text
//! file and as an HTML page, each analysed whole and checked as the `extract` target checks:
//! no panic, every span reads back, the record serialises.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zhnews::{decode_bytes, read_html, Dictionaries, InputDocument, Output, Pipeline};

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(&Dictionaries::embedded()).unwrap())
}

fn check(text: String) {
    let record = pipeline().process(InputDocument::from_text(
        "fuzz",
        1,
        text.clone(),
        Some("2024-02-29"),
    ));
    if let Err(problem) = record.check_offsets(&text) {
        panic!("{problem}");
    }
    serde_json::to_string(&Output::Record(Box::new(record))).unwrap();
}

fuzz_target!(|data: &[u8]| {
    let Ok((text, _encoding)) = decode_bytes(data, Path::new("fuzz.txt")) else {
        return;
    };
    let page = read_html(&text);
    check(text);
    check(page.text);
});
