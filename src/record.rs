//! The output records: what zhnews writes for each input document. `docs/schema.md` is their
//! specification and `docs/record.schema.json` their JSON Schema; change the three together and
//! raise [`SCHEMA_VERSION`] when a change can break a reader.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::extract::dates::DateMention;
use crate::extract::figures::Figure;
use crate::extract::places::Place;
use crate::extract::sectors::{Sector, SectorSystem};
use crate::extract::targets::{Report, Target};
use crate::offsets::{NormalizedSpan, OriginalSpan};

/// Version of the record format, written in every record.
pub const SCHEMA_VERSION: u32 = 3;

/// One line of output: a document's record or, in its place, the error that stopped it.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Output {
    /// The document was read and analysed.
    Record(Box<Record>),
    /// The document could not be read.
    Error(ErrorRecord),
}

/// Everything zhnews found in one document.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The input's `id`, or the path of the file as given.
    pub id: String,
    /// Where the text came from.
    pub source: Source,
    /// Title, publication date and the like.
    pub meta: Meta,
    /// Sizes and what normalisation changed.
    pub stats: Stats,
    /// Every sentence as a span of the original text; an entity's `sentence` indexes this.
    pub sentences: Vec<OriginalSpan>,
    /// Numbers with magnitudes and units.
    pub figures: Vec<Figure>,
    /// Dates and periods, resolved to calendar days.
    pub dates: Vec<DateMention>,
    /// Places: divisions with code and path, countries, natural features, local places.
    pub places: Vec<Place>,
    /// Sectors: industries and groupings, normalised against the dictionary.
    pub sectors: Vec<Sector>,
    /// Structured systems of sectors (`“1+3+1”高精尖产业体系`), naming members of `sectors`.
    pub sector_systems: Vec<SectorSystem>,
    /// Plan targets and tasks reported done, linked from the other entities.
    pub targets: Vec<Target>,
    /// Figures reported with their metric and no target: what targets are measured against.
    pub reports: Vec<Report>,
    /// Problems that did not stop the document, such as an unusable metadata sidecar.
    pub warnings: Vec<Warning>,
}

impl Record {
    /// Every mention of the record: each entity's, then each one a target or a report links
    /// (values, metric, times, subject, evidence).
    pub fn mentions(&self) -> Vec<&Mention> {
        let mut mentions: Vec<&Mention> = self
            .figures
            .iter()
            .map(|f| &f.mention)
            .chain(self.dates.iter().map(|d| &d.mention))
            .chain(self.places.iter().map(|p| &p.mention))
            .chain(self.sectors.iter().map(|s| &s.mention))
            .chain(self.sector_systems.iter().map(|s| &s.mention))
            .collect();
        for target in &self.targets {
            mentions.extend(target.values.iter().map(|v| &v.mention));
            mentions.extend(target.actual.iter().map(|v| &v.mention));
            if let Some(baseline) = &target.baseline {
                mentions.push(&baseline.value.mention);
                mentions.extend(baseline.change.iter().map(|v| &v.mention));
            }
            mentions.extend(target.metric.iter().map(|m| &m.mention));
            mentions.extend(target.deadline.iter().map(|w| &w.mention));
            mentions.extend(target.period.iter().map(|w| &w.mention));
            mentions.extend(target.subject.iter().filter_map(|s| s.mention.as_ref()));
            mentions.extend(&target.evidence);
        }
        for report in &self.reports {
            mentions.extend(report.values.iter().map(|v| &v.mention));
            mentions.extend(report.change.iter().map(|v| &v.mention));
            mentions.push(&report.metric.mention);
            mentions.extend(report.time.iter().map(|w| &w.mention));
            mentions.extend(report.subject.iter().filter_map(|s| s.mention.as_ref()));
            mentions.push(&report.evidence);
        }
        mentions
    }

    /// Checks the offsets against `original`, the text they index (the input as read, or
    /// `source.text` for HTML): every sentence lies inside it, and every mention's `text` is
    /// its characters `start..end` and its `sentence` exists. The error names the first
    /// mention that does not.
    pub fn check_offsets(&self, original: &str) -> Result<(), String> {
        let chars: Vec<char> = original.chars().collect();
        if let Some(sentence) = self
            .sentences
            .iter()
            .find(|s| s.start > s.end || s.end > chars.len())
        {
            return Err(format!("sentence {sentence:?} is outside the text"));
        }
        for mention in self.mentions() {
            let inside = mention.start <= mention.end && mention.end <= chars.len();
            if !inside
                || chars[mention.start..mention.end].iter().collect::<String>() != mention.text
            {
                return Err(format!("{mention:?} does not read back from the text"));
            }
            if mention.sentence >= self.sentences.len() {
                return Err(format!("{mention:?} names a sentence that does not exist"));
            }
        }
        Ok(())
    }
}

/// Where an entity is: its text exactly as in the original, its character offsets into the
/// original (end exclusive) and the index of its sentence in [`Record::sentences`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// `original[start..end]`.
    pub text: String,
    /// First character in the original text.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Index of the sentence that holds the start.
    pub sentence: usize,
    /// The same span in the normalised text, which later stages read; not written out, since
    /// the output's offsets are the original's.
    #[serde(skip)]
    pub normalized: NormalizedSpan,
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// `file` or `stdin`.
    pub kind: SourceKind,
    /// `text`, or `html` for a page whose text was extracted: offsets then index that text,
    /// given in [`Source::text`].
    pub format: SourceFormat,
    /// The file's path as given or found in a folder; `null` for standard input.
    pub path: Option<String>,
    /// Line number (from 1) of JSON Lines input; `null` for files.
    pub line: Option<usize>,
    /// Size in bytes of the file, or of the `text` field of a JSON Lines record.
    pub bytes: usize,
    /// The encoding the text was read in: `UTF-8`, `UTF-16LE`, `UTF-16BE` (with a byte order
    /// mark), `GBK`, `gb18030` or `Big5` (detected); `null` when it could not be decoded.
    pub encoding: Option<String>,
    /// SHA-256 of the bytes read (the file, or the `text` field of a JSON Lines record), in
    /// lower-case hex as `sha256sum` prints it; `null` when nothing could be read.
    pub sha256: Option<String>,
    /// For an HTML page, the text extracted from it, which every offset indexes; `null` for
    /// text, whose offsets index the input itself.
    pub text: Option<String>,
}

/// What a [`Source`] held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Plain text: offsets index it as read.
    Text,
    /// An HTML page: offsets index the text extracted from it.
    Html,
}

/// Kinds of [`Source`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A file: text, or an HTML page.
    File,
    /// A JSON Lines record on standard input.
    Stdin,
}

/// A document's metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    /// The title, where one was given.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`: the anchor of relative dates.
    pub published: Option<String>,
    /// Where `published` came from.
    pub published_from: Option<PublishedFrom>,
    /// The outlet (newspaper, site) that published the document.
    pub outlet: Option<String>,
    /// The document's address.
    pub url: Option<String>,
    /// Every other field of the input record or sidecar, as given.
    pub extra: Map<String, Value>,
}

/// Where a publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishedFrom {
    /// The `published` field of a JSON Lines record.
    Input,
    /// The `published` field of a `NAME.meta.json` sidecar.
    Sidecar,
    /// The `--published` flag.
    Flag,
    /// The text's own publication line or dateline (`发布时间：2021-12-09`,
    /// `新华社北京2021年12月9日电`).
    Dateline,
}

/// Sizes of a document and what normalisation changed in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Characters (Unicode scalar values) of the original text.
    pub chars: usize,
    /// Characters of the normalised text.
    pub normalized_chars: usize,
    /// Sentences.
    pub sentences: usize,
    /// Tokens found by segmentation, the white space between words included.
    pub tokens: usize,
    /// Pinyin annotations removed (`區(qū)` → `區`).
    pub pinyin_annotations_removed: usize,
    /// Whether any Traditional character was converted to Simplified.
    pub traditional_converted: bool,
    /// Original characters replaced by Traditional → Simplified conversion.
    pub traditional_chars_converted: usize,
    /// Full-width characters folded to ASCII.
    pub width_folded: usize,
}

/// A problem that did not stop the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Stable short name, such as `invalid_metadata`.
    pub kind: String,
    /// What happened, naming the file.
    pub message: String,
}

/// Written in place of a document's record when it could not be read, so that every input
/// appears exactly once in the output.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorRecord {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The input's `id`, the path of the file, or `<stdin>:LINE` when a line had no usable id.
    pub id: String,
    /// Where the input came from, as far as it is known.
    pub source: Option<Source>,
    /// What went wrong.
    pub error: ErrorInfo,
}

/// The error of an [`ErrorRecord`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorInfo {
    /// Stable short name: `not_found`, `read`, `invalid_utf8`, `binary`, `too_large`,
    /// `invalid_record`, `internal` ([`crate::Error::kind`]).
    pub kind: String,
    /// The message also printed on stderr.
    pub message: String,
}
