//! zhnews turns Chinese government news into structured, trackable data.
//!
//! A text flows one way through the pipeline: it is normalised (pinyin annotations removed,
//! Traditional → Simplified, full-width digits folded) with an offset map back to the original,
//! split into sentences and segmented by jieba-rs; extractors then read the [`Document`], and
//! every span they report is given in character offsets into the **original** text.
//!
//! ```
//! use zhnews::{Dictionaries, NormalizedSpan, Pipeline};
//!
//! let pipeline = Pipeline::new(&Dictionaries::embedded()).unwrap();
//! let document = pipeline.analyze("石景山區(qū)未來５年".to_string());
//! assert_eq!(document.normalized(), "石景山区未来5年");
//! // 未来5年 is normalised characters 4..8; in the original it is 未來５年.
//! let span = document.to_original(NormalizedSpan { start: 4, end: 8 });
//! assert_eq!((span.start, span.end), (8, 12));
//! assert_eq!(document.original_text(span), "未來５年");
//! ```
#![deny(missing_docs)]

mod calendar;
mod decimal;
mod dictionaries;
mod document;
mod error;
mod eval;
mod extract;
mod input;
mod normalize;
mod offsets;
mod output;
mod pipeline;
mod record;
mod run;
mod segment;

pub use calendar::Day;
pub use decimal::Decimal;
pub use dictionaries::{Dictionaries, DictionaryFile};
pub use document::{Document, Sentence};
pub use error::Error;
pub use eval::{
    evaluate, DocumentDiff, Entity, Evaluation, Score, TypeScore, WrongValue, SCORED_TYPES,
};
pub use extract::dates::{DateMention, DateRole, Granularity};
pub use extract::figures::{Basis, Comparator, Direction, Figure, Role};
pub use extract::numbers::{Number, NumberForm, NumberValue};
pub use extract::places::{Candidate, Place, PlaceKind, Resolution};
pub use extract::sectors::{Sector, SectorSystem, SystemMember};
pub use extract::targets::{
    Baseline, Derived, Metric, Modality, Report, Status, Subject, SubjectSource, Target,
    TargetValue, When,
};
pub use input::{
    decode_bytes, is_iso_date, read_html, read_text, FileFilter, HtmlArticle, InputDocument,
    LoadOptions, DEFAULT_MAX_CHARS,
};
pub use normalize::{Changes, Normalized, Normalizer};
pub use offsets::{CharIndex, NormalizedSpan, OffsetMap, OriginalSpan};
pub use output::Format;
pub use pipeline::Pipeline;
pub use record::{
    ErrorInfo, ErrorRecord, Mention, Meta, Output, PublishedFrom, Record, Source, SourceFormat,
    SourceKind, Stats, Warning, SCHEMA_VERSION,
};
pub use run::{extract, Event, ExtractConfig, Input, Outcome, Summary};
pub use segment::{PosTag, Segmenter, Token};

/// The numbers of an analysed document by the number grammar, before the figures extractor
/// decides which of them are figures.
pub fn numbers(document: &Document) -> Vec<Number> {
    extract::numbers::find(document)
}
