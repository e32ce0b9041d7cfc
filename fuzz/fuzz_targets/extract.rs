//! Arbitrary bytes, read as UTF-8 with replacement characters, as a document: analysed whole
//! and checked as the property test checks (no panic, every span reads back, the record
//! serialises), with libFuzzer steering towards new paths through the pipeline.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zhnews::{Dictionaries, InputDocument, Output, Pipeline};

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(&Dictionaries::embedded()).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
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
});
