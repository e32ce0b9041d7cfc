//! Writing records: JSON Lines or pretty JSON, to standard output or atomically to a file, or
//! rows of an SQLite database.

mod sqlite;

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::record::Output;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One record a line: the default for more than one document and for standard input.
    Jsonl,
    /// Each record pretty-printed, records one after another: a single document's record is a
    /// JSON file; several make a stream of JSON values, as `jq` reads them.
    Json,
    /// Rows of normalised tables in an SQLite database file (`docs/schema.md`).
    Sqlite,
}

impl Format {
    /// The format an output file's name asks for: SQLite for `*.db`, `*.sqlite` and
    /// `*.sqlite3`, JSON Lines for `*.jsonl` and `*.ndjson`, JSON for `*.json`.
    pub fn for_output(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "db" | "sqlite" | "sqlite3" => Some(Format::Sqlite),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Where the records go.
pub enum Destination<'w> {
    /// A writer such as standard output; flushed after every batch.
    Stream(&'w mut dyn Write),
    /// A file, written whole or not at all.
    File(PathBuf),
}

/// An output encoded in its format, ready to be written: the encoding is done by the thread
/// that analysed the document, so the one thread that writes only writes.
#[derive(Debug)]
pub enum Encoded {
    /// JSON text, its closing newline included.
    Json(Vec<u8>),
    /// The rows of the SQLite tables.
    Sqlite(sqlite::Rows),
}

impl Format {
    /// Encodes `output` in this format.
    pub fn encode(self, output: &Output) -> Result<Encoded, Error> {
        let encoded = match self {
            Format::Jsonl => serde_json::to_vec(output).map(Encoded::Json),
            Format::Json => serde_json::to_vec_pretty(output).map(Encoded::Json),
            Format::Sqlite => sqlite::rows(output).map(Encoded::Sqlite),
        };
        let mut encoded = encoded.map_err(|e| Error::Write {
            target: "<encoding>".into(),
            source: io::Error::from(e),
        })?;
        if let Encoded::Json(bytes) = &mut encoded {
            bytes.push(b'\n');
        }
        Ok(encoded)
    }
}

/// Writes records in one format to one destination.
pub struct RecordWriter<'w> {
    target: String,
    sink: Sink<'w>,
}

enum Sink<'w> {
    Stream(BufWriter<&'w mut dyn Write>),
    File(AtomicFile),
    Sqlite(sqlite::SqliteSink),
}

impl<'w> RecordWriter<'w> {
    /// Opens `destination`; for a file, a temporary file beside it.
    pub fn open(format: Format, destination: Destination<'w>) -> Result<RecordWriter<'w>, Error> {
        let (target, sink) = match destination {
            Destination::Stream(_) if format == Format::Sqlite => {
                return Err(Error::Database {
                    path: PathBuf::from("<stdout>"),
                    message: "SQLite output needs a file: give --output FILE".into(),
                })
            }
            Destination::File(path) if format == Format::Sqlite => (
                path.display().to_string(),
                Sink::Sqlite(sqlite::SqliteSink::open(&path)?),
            ),
            Destination::Stream(writer) => {
                ("<stdout>".to_string(), Sink::Stream(BufWriter::new(writer)))
            }
            Destination::File(path) => {
                let target = path.display().to_string();
                let file = AtomicFile::create(path).map_err(|source| Error::Write {
                    target: target.clone(),
                    source,
                })?;
                (target, Sink::File(file))
            }
        };
        Ok(RecordWriter { target, sink })
    }

    /// Writes one output, encoded in the writer's format.
    pub fn write(&mut self, encoded: &Encoded) -> Result<(), Error> {
        let (writer, bytes): (&mut dyn Write, _) = match (&mut self.sink, encoded) {
            (Sink::Sqlite(database), Encoded::Sqlite(rows)) => return database.write(rows),
            (Sink::Stream(writer), Encoded::Json(bytes)) => (writer, bytes),
            (Sink::File(file), Encoded::Json(bytes)) => (&mut file.writer, bytes),
            _ => unreachable!("an output is encoded in the format of its writer"),
        };
        writer.write_all(bytes).map_err(|source| self.error(source))
    }

    /// Pushes what was written so far to a stream, so that a reader downstream sees every
    /// finished batch at once.
    pub fn flush(&mut self) -> Result<(), Error> {
        match &mut self.sink {
            Sink::Stream(writer) => writer.flush().map_err(|source| self.error(source)),
            Sink::File(_) | Sink::Sqlite(_) => Ok(()),
        }
    }

    /// Finishes the output: flushes a stream, or moves a complete file into place.
    pub fn finish(self) -> Result<(), Error> {
        let target = self.target;
        match self.sink {
            Sink::Stream(mut writer) => writer.flush(),
            Sink::File(file) => file.commit(),
            Sink::Sqlite(database) => return database.finish(),
        }
        .map_err(|source| Error::Write { target, source })
    }

    fn error(&self, source: io::Error) -> Error {
        Error::Write {
            target: self.target.clone(),
            source,
        }
    }
}

/// A file written under a temporary name beside its final path and renamed into place on
/// [`AtomicFile::commit`]; dropped before that, it is removed, so an interrupted run leaves the
/// previous output as it was.
struct AtomicFile {
    writer: BufWriter<File>,
    temporary: PathBuf,
    path: PathBuf,
    committed: bool,
}

impl AtomicFile {
    fn create(path: PathBuf) -> io::Result<AtomicFile> {
        let name = path.file_name().map_or_else(
            || "output".into(),
            |name| name.to_string_lossy().into_owned(),
        );
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temporary = dir.join(format!(".{name}.zhnews-{}.tmp", std::process::id()));
        let file = File::create(&temporary)?;
        Ok(AtomicFile {
            writer: BufWriter::new(file),
            temporary,
            path,
            committed: false,
        })
    }

    fn commit(mut self) -> io::Result<()> {
        self.writer.flush()?;
        self.writer.get_ref().sync_all()?;
        fs::rename(&self.temporary, &self.path)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temporary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ErrorInfo, ErrorRecord};

    fn error_output(id: &str) -> Encoded {
        Format::Jsonl
            .encode(&Output::Error(ErrorRecord {
                schema_version: crate::record::SCHEMA_VERSION,
                id: id.into(),
                source: None,
                error: ErrorInfo {
                    kind: "read".into(),
                    message: "m".into(),
                },
            }))
            .unwrap()
    }

    #[test]
    fn a_file_appears_only_when_committed_and_keeps_the_old_output_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        fs::write(&path, "old\n").unwrap();
        {
            let mut writer =
                RecordWriter::open(Format::Jsonl, Destination::File(path.clone())).unwrap();
            writer.write(&error_output("a")).unwrap();
            // dropped without finish: an interrupted run
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temporary file removed"
        );
        let mut writer =
            RecordWriter::open(Format::Jsonl, Destination::File(path.clone())).unwrap();
        writer.write(&error_output("a")).unwrap();
        writer.finish().unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "{\"schema_version\":3,\"id\":\"a\",\"source\":null,\"error\":{\"kind\":\"read\",\"message\":\"m\"}}\n"
        );
    }
}
