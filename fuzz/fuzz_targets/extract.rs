//! Arbitrary bytes, read as UTF-8 with replacement characters, as a document: analysed whole
//! and checked as the property test checks (no panic, every span reads back, the record
//! serialises), with libFuzzer steering towards new paths through the pipeline.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zhnews::{
    Dictionaries, InputDocument, Meta, Output, Pipeline, Source, SourceFormat, SourceKind,
};

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(&Dictionaries::embedded()).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let record = pipeline().process(InputDocument {
        id: "fuzz".into(),
        text: text.clone(),
        source: Source {
            kind: SourceKind::Stdin,
            format: SourceFormat::Text,
            path: None,
            line: Some(1),
            bytes: data.len(),
            encoding: Some("UTF-8".into()),
            sha256: None,
            text: None,
        },
        meta: Meta {
            published: Some("2024-02-29".into()),
            ..Meta::default()
        },
        warnings: Vec::new(),
    });
    if let Err(problem) = record.check_offsets(&text) {
        panic!("{problem}");
    }
    serde_json::to_string(&Output::Record(Box::new(record))).unwrap();
});
