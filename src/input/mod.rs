//! Inputs: files, folders of articles and JSON Lines on standard input, each turned into an
//! [`InputDocument`] or the [`Error`] that stops it.

mod decode;
mod html;
mod walk;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::calendar::Day;
use crate::error::Error;
use crate::record::{Meta, PublishedFrom, Source, SourceFormat, SourceKind, Warning};

use decode::{decode, UTF_8};
pub use html::{read as read_html, HtmlArticle};
pub use walk::{file_tasks, FileFilter};

/// A document ready for the pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct InputDocument {
    /// The input's `id`, or the file's path.
    pub id: String,
    /// The text, as read.
    pub text: String,
    /// Where it came from.
    pub source: Source,
    /// Its metadata.
    pub meta: Meta,
    /// Problems met while reading it that did not stop it.
    pub warnings: Vec<Warning>,
}

impl InputDocument {
    /// `text` as line `line` of JSON Lines input gives it (`zhnews extract -`), with id `id`
    /// and the publication date `published` (`YYYY-MM-DD`): for callers that hold texts in
    /// memory.
    pub fn from_text(
        id: impl Into<String>,
        line: usize,
        text: String,
        published: Option<&str>,
    ) -> InputDocument {
        InputDocument {
            id: id.into(),
            source: line_source(line, &text),
            text,
            meta: Meta {
                published: published.map(String::from),
                published_from: published.map(|_| PublishedFrom::Input),
                ..Meta::default()
            },
            warnings: Vec::new(),
        }
    }
}

/// An input that could not become a document.
#[derive(Debug)]
pub struct InputFailure {
    /// The id the error record carries.
    pub id: String,
    /// Where the input came from, as far as it is known.
    pub source: Option<Source>,
    /// What went wrong.
    pub error: Error,
}

/// One unit of input work, cheap to hold in memory until its turn: the text is read when the
/// task is loaded, in parallel with the other tasks of its batch.
#[derive(Debug)]
pub enum Task {
    /// A text file.
    File(PathBuf),
    /// A line of JSON Lines input.
    Line {
        /// Name of the stream for messages (`<stdin>`).
        source_name: String,
        /// Line number, from 1.
        number: usize,
        /// The line.
        text: String,
    },
    /// An input that failed before it could be read, such as a missing path.
    Failed(PathBuf, Error),
}

/// How tasks are turned into documents.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Publication date (`YYYY-MM-DD`) for documents that do not state their own.
    pub published: Option<String>,
    /// Documents longer than this many characters fail with a `too_large` error instead of
    /// being analysed.
    pub max_chars: usize,
}

/// The default of [`LoadOptions::max_chars`]: fifty times a long government work report. The
/// linking stages compare what a document states with what else it states, so their time
/// grows faster than the document; the limit bounds what one input can cost.
pub const DEFAULT_MAX_CHARS: usize = 1_000_000;

impl Default for LoadOptions {
    fn default() -> LoadOptions {
        LoadOptions {
            published: None,
            max_chars: DEFAULT_MAX_CHARS,
        }
    }
}

impl Task {
    /// The file, or `<stdin>:LINE`, that messages about the task name.
    pub fn name(&self) -> String {
        match self {
            Task::File(path) | Task::Failed(path, _) => path.display().to_string(),
            Task::Line {
                source_name,
                number,
                ..
            } => format!("{source_name}:{number}"),
        }
    }

    /// Reads the task's text and metadata.
    pub fn load(self, options: &LoadOptions) -> Result<InputDocument, Box<InputFailure>> {
        let mut document = match self {
            Task::File(path) => load_file(&path, options.max_chars)?,
            Task::Line {
                source_name,
                number,
                text,
            } => load_line(&source_name, number, &text)?,
            Task::Failed(path, error) => {
                return Err(Box::new(InputFailure {
                    id: path.display().to_string(),
                    source: None,
                    error,
                }))
            }
        };
        let chars = document.text.chars().count();
        if chars > options.max_chars {
            // The error record names the input; it does not carry the oversized text.
            document.source.text = None;
            return Err(Box::new(InputFailure {
                error: Error::TooLarge {
                    name: document.source.path.clone().unwrap_or_else(|| {
                        format!("<stdin>:{}", document.source.line.unwrap_or_default())
                    }),
                    length: format!("{chars} characters"),
                    limit: options.max_chars,
                },
                id: document.id,
                source: Some(document.source),
            }));
        }
        if document.meta.published.is_none() {
            if let Some(published) = &options.published {
                document.meta.published = Some(published.clone());
                document.meta.published_from = Some(PublishedFrom::Flag);
            }
        }
        Ok(document)
    }
}

fn load_file(path: &Path, max_chars: usize) -> Result<InputDocument, Box<InputFailure>> {
    let id = path.display().to_string();
    let format = if path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
    {
        SourceFormat::Html
    } else {
        SourceFormat::Text
    };
    // No character takes more than four bytes: a text file larger than that is too long
    // whatever its encoding, and is refused without reading it. (A page's markup is not text.)
    let size = fs::metadata(path).map_or(0, |metadata| metadata.len());
    if format == SourceFormat::Text && size / 4 > max_chars as u64 {
        return Err(Box::new(InputFailure {
            id: id.clone(),
            source: None,
            error: Error::TooLarge {
                name: id.clone(),
                length: format!("{size} bytes, at least {} characters", size / 4),
                limit: max_chars,
            },
        }));
    }
    let bytes = fs::read(path).map_err(|e| {
        Box::new(InputFailure {
            id: id.clone(),
            source: None,
            error: read_error(path, e),
        })
    })?;
    let source = |encoding: Option<&str>| Source {
        kind: SourceKind::File,
        format,
        path: Some(id.clone()),
        line: None,
        bytes: bytes.len(),
        encoding: encoding.map(str::to_string),
        sha256: Some(sha256_hex(&bytes)),
        text: None,
    };
    let (text, encoding) = decode_bytes(&bytes, path).map_err(|error| {
        Box::new(InputFailure {
            id: id.clone(),
            source: Some(source(None)),
            error,
        })
    })?;
    let mut warnings = Vec::new();
    let mut meta = match read_sidecar(path) {
        Ok(meta) => meta,
        Err(error) => {
            warnings.push(Warning {
                kind: error.kind().to_string(),
                message: error.to_string(),
            });
            Meta::default()
        }
    };
    let mut source = source(Some(encoding));
    let text = match format {
        SourceFormat::Text => text,
        SourceFormat::Html => {
            let page = html::read(&text);
            meta.title = meta.title.or(page.title);
            source.text = Some(page.text.clone());
            page.text
        }
    };
    Ok(InputDocument {
        source,
        id,
        text,
        meta,
        warnings,
    })
}

/// SHA-256 in lower-case hex.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    use std::fmt::Write;
    sha2::Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// The text of a file and the encoding it was read in, decoded as `zhnews extract` decodes it.
pub fn read_text(path: &Path) -> Result<(String, &'static str), Error> {
    let bytes = fs::read(path).map_err(|e| read_error(path, e))?;
    decode_bytes(&bytes, path)
}

/// The bytes of the file at `path`, decoded as `zhnews extract` decodes a file's: the text
/// and the encoding's name, or the error, naming `path`, of bytes that are no text.
pub fn decode_bytes(bytes: &[u8], path: &Path) -> Result<(String, &'static str), Error> {
    decode(bytes).map_err(|undecodable| undecodable.into_error(path))
}

fn read_error(path: &Path, error: std::io::Error) -> Error {
    if error.kind() == std::io::ErrorKind::NotFound {
        Error::NotFound {
            path: path.to_path_buf(),
        }
    } else {
        Error::Read {
            path: path.to_path_buf(),
            source: error,
        }
    }
}

/// The sidecar of `NAME.txt` is `NAME.meta.json`.
fn sidecar_path(path: &Path) -> PathBuf {
    path.with_extension("meta.json")
}

/// Metadata from the sidecar of `path`, empty when there is none.
fn read_sidecar(path: &Path) -> Result<Meta, Error> {
    let sidecar = sidecar_path(path);
    let text = match fs::read_to_string(&sidecar) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Meta::default()),
        Err(source) => {
            return Err(Error::Read {
                path: sidecar,
                source,
            })
        }
    };
    let invalid = |message: String| Error::InvalidMetadata {
        path: sidecar.clone(),
        message,
    };
    let fields = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(fields)) => fields,
        Ok(_) => return Err(invalid("expected a JSON object".into())),
        Err(e) => return Err(invalid(format!("invalid JSON: {e}"))),
    };
    meta_from_fields(fields, PublishedFrom::Sidecar).map_err(invalid)
}

/// Builds metadata from the fields of an input record or sidecar: the known fields are checked,
/// every other field is kept in `extra`.
fn meta_from_fields(mut fields: Map<String, Value>, from: PublishedFrom) -> Result<Meta, String> {
    let mut take_string = |name: &str| -> Result<Option<String>, String> {
        match fields.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(format!("`{name}` must be a string, not {other}")),
        }
    };
    let title = take_string("title")?;
    let published = take_string("published")?;
    let outlet = take_string("outlet")?;
    let url = take_string("url")?;
    if let Some(date) = &published {
        if !is_iso_date(date) {
            return Err(format!(
                "`published` must be a date written YYYY-MM-DD, not {date:?}"
            ));
        }
    }
    Ok(Meta {
        title,
        published_from: published.as_ref().map(|_| from),
        published,
        outlet,
        url,
        extra: fields,
    })
}

fn load_line(
    source_name: &str,
    number: usize,
    line: &str,
) -> Result<InputDocument, Box<InputFailure>> {
    let fallback_id = format!("{source_name}:{number}");
    let fail = |id: String, text: Option<&str>, message: String| {
        Box::new(InputFailure {
            id,
            source: text.map(|text| line_source(number, text)),
            error: Error::InvalidRecord {
                source_name: source_name.to_string(),
                line: number,
                message,
            },
        })
    };
    let mut fields = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(fields)) => fields,
        Ok(_) => return Err(fail(fallback_id, None, "expected a JSON object".into())),
        Err(e) => return Err(fail(fallback_id, None, format!("invalid JSON: {e}"))),
    };
    let id = match fields.remove("id") {
        Some(Value::String(id)) => id,
        Some(Value::Number(id)) => id.to_string(),
        Some(_) => return Err(fail(fallback_id, None, "`id` must be a string".into())),
        None => return Err(fail(fallback_id, None, "missing field `id`".into())),
    };
    let text = match fields.remove("text") {
        Some(Value::String(text)) => text,
        Some(_) => return Err(fail(id, None, "`text` must be a string".into())),
        None => return Err(fail(id, None, "missing field `text`".into())),
    };
    let meta = meta_from_fields(fields, PublishedFrom::Input)
        .map_err(|message| fail(id.clone(), Some(&text), message))?;
    Ok(InputDocument {
        id,
        source: line_source(number, &text),
        text,
        meta,
        warnings: Vec::new(),
    })
}

/// The source of the text of line `number` of JSON Lines input.
fn line_source(number: usize, text: &str) -> Source {
    Source {
        kind: SourceKind::Stdin,
        format: SourceFormat::Text,
        path: None,
        line: Some(number),
        bytes: text.len(),
        encoding: Some(UTF_8.to_string()),
        sha256: Some(sha256_hex(text.as_bytes())),
        text: None,
    }
}

/// Whether `text` is a calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(text: &str) -> bool {
    Day::parse_iso(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Result<InputDocument, Box<InputFailure>> {
        Task::Line {
            source_name: "<stdin>".into(),
            number: 3,
            text: text.into(),
        }
        .load(&LoadOptions::default())
    }

    #[test]
    fn json_lines_keep_id_text_metadata_and_extra_fields() {
        let document =
            line(r#"{"id":"a1","text":"文本","published":"2021-12-09","title":"题","site":"x"}"#)
                .unwrap();
        assert_eq!(document.id, "a1");
        assert_eq!(document.text, "文本");
        assert_eq!(document.meta.published.as_deref(), Some("2021-12-09"));
        assert_eq!(document.meta.published_from, Some(PublishedFrom::Input));
        assert_eq!(document.meta.title.as_deref(), Some("题"));
        assert_eq!(document.meta.extra["site"], "x");
        assert_eq!(document.source.line, Some(3));
        assert_eq!(document.source.bytes, 6);
    }

    #[test]
    fn bad_json_lines_fail_with_their_line_and_the_best_id_known() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "not json",
                "<stdin>:3",
                "<stdin>:3: invalid JSON: expected ident at line 1 column 2",
            ),
            ("[1]", "<stdin>:3", "<stdin>:3: expected a JSON object"),
            (
                r#"{"text":"x"}"#,
                "<stdin>:3",
                "<stdin>:3: missing field `id`",
            ),
            (r#"{"id":"a"}"#, "a", "<stdin>:3: missing field `text`"),
            (
                r#"{"id":"a","text":"x","published":"12/09/2021"}"#,
                "a",
                "<stdin>:3: `published` must be a date written YYYY-MM-DD, not \"12/09/2021\"",
            ),
        ];
        for (input, id, message) in cases {
            let failure = line(input).unwrap_err();
            assert_eq!(failure.id, *id, "{input}");
            assert_eq!(failure.error.to_string(), *message, "{input}");
            assert_eq!(failure.error.kind(), "invalid_record");
        }
    }

    #[test]
    fn the_published_flag_fills_in_only_where_the_document_has_no_date() {
        let options = LoadOptions {
            published: Some("2020-01-01".into()),
            ..LoadOptions::default()
        };
        let own = Task::Line {
            source_name: "<stdin>".into(),
            number: 1,
            text: r#"{"id":"a","text":"x","published":"2021-12-09"}"#.into(),
        }
        .load(&options)
        .unwrap();
        assert_eq!(own.meta.published.as_deref(), Some("2021-12-09"));
        let none = Task::Line {
            source_name: "<stdin>".into(),
            number: 2,
            text: r#"{"id":"b","text":"x"}"#.into(),
        }
        .load(&options)
        .unwrap();
        assert_eq!(none.meta.published.as_deref(), Some("2020-01-01"));
        assert_eq!(none.meta.published_from, Some(PublishedFrom::Flag));
    }

    #[test]
    fn folders_are_walked_in_sorted_order_for_txt_files_with_sidecars() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("b")).unwrap();
        fs::write(dir.path().join("b/2.txt"), "乙").unwrap();
        fs::write(dir.path().join("a.txt"), "甲").unwrap();
        fs::write(
            dir.path().join("a.meta.json"),
            r#"{"published":"2021-12-09","outlet":"新京报"}"#,
        )
        .unwrap();
        fs::write(dir.path().join("notes.md"), "no").unwrap();
        let tasks = file_tasks(dir.path(), &FileFilter::default());
        let documents: Vec<InputDocument> = tasks
            .into_iter()
            .map(|t| t.load(&LoadOptions::default()).unwrap())
            .collect();
        let texts: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["甲", "乙"]);
        assert_eq!(documents[0].meta.outlet.as_deref(), Some("新京报"));
        assert_eq!(
            documents[0].meta.published_from,
            Some(PublishedFrom::Sidecar)
        );
        assert!(documents[1].meta.published.is_none());
    }

    #[test]
    fn a_broken_sidecar_is_a_warning_and_the_text_is_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "甲").unwrap();
        fs::write(dir.path().join("a.meta.json"), "{oops").unwrap();
        let document = Task::File(path).load(&LoadOptions::default()).unwrap();
        assert_eq!(document.text, "甲");
        assert_eq!(document.warnings.len(), 1);
        assert_eq!(document.warnings[0].kind, "invalid_metadata");
        assert!(document.warnings[0]
            .message
            .contains("a.meta.json: invalid JSON"));
    }
}
