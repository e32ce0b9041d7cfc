//! What the fuzz targets share: the pipeline, built once, and the checks of a document.

use std::sync::OnceLock;

use zhnews::{Dictionaries, InputDocument, Output, Pipeline};

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(&Dictionaries::embedded()).unwrap())
}

/// Analyses `text` whole and checks it as the property test does: no panic, every span reads
/// back, the record serialises.
pub fn check(text: String) {
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
