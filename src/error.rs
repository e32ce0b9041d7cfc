//! The library's errors: each names the file (and line) it is about, in lower case, so the
//! binary can print it after `zhnews: ` and a user knows what to fix.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Everything that can go wrong in zhnews. Extraction itself cannot fail: only reading inputs
/// and dictionaries, and writing output.
#[derive(Debug)]
pub enum Error {
    /// An input path does not exist.
    NotFound {
        /// The path as the user gave it.
        path: PathBuf,
    },
    /// A file or folder exists but could not be read.
    Read {
        /// The path that failed.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file is not valid UTF-8.
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Offset of the first byte that is not part of a UTF-8 character.
        byte: usize,
    },
    /// A file is binary, not text.
    Binary {
        /// The file.
        path: PathBuf,
        /// Offset of its first NUL byte.
        byte: usize,
    },
    /// A document is longer than `--max-chars`.
    TooLarge {
        /// The file, or `<stdin>:LINE`.
        name: String,
        /// Its length: `N characters`, or, for a file refused before it is read, a lower
        /// bound from its size.
        length: String,
        /// The limit.
        limit: usize,
    },
    /// A glob of `--include` or `--exclude` is malformed.
    InvalidGlob {
        /// The glob as given.
        glob: String,
        /// What is wrong with it.
        message: String,
    },
    /// An SQLite database could not be opened, read or written.
    Database {
        /// The database file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A line of JSON Lines input is not a valid input record.
    InvalidRecord {
        /// Where the line came from (`<stdin>` or a path).
        source_name: String,
        /// Line number, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A metadata sidecar (`NAME.meta.json`) could not be used.
    InvalidMetadata {
        /// The sidecar file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A dictionary line is malformed.
    Dictionary {
        /// The dictionary file (a path, or the name of an embedded file).
        file: String,
        /// Line number, from 1, in file order.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A gold file of `zhnews eval` is malformed or does not match its article.
    InvalidGold {
        /// The gold file.
        path: PathBuf,
        /// What is wrong, naming the field (`figures[3].value: expected a number`).
        message: String,
    },
    /// zhnews failed on a document: a bug, reported in place of the document's record.
    Internal {
        /// The file, or `<stdin>:LINE`.
        name: String,
        /// What failed.
        message: String,
    },
    /// The threads of `--jobs` could not be started.
    Threads {
        /// Why.
        message: String,
    },
    /// Output could not be written.
    Write {
        /// The output file, or `<stdout>`.
        target: String,
        /// Why.
        source: io::Error,
    },
}

impl Error {
    /// A short, stable name of the error, written as `error.kind` in error records.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not_found",
            Error::Read { .. } => "read",
            Error::InvalidUtf8 { .. } => "invalid_utf8",
            Error::Binary { .. } => "binary",
            Error::TooLarge { .. } => "too_large",
            Error::InvalidGlob { .. } => "invalid_glob",
            Error::Database { .. } => "database",
            Error::InvalidRecord { .. } => "invalid_record",
            Error::InvalidMetadata { .. } => "invalid_metadata",
            Error::Dictionary { .. } => "dictionary",
            Error::InvalidGold { .. } => "invalid_gold",
            Error::Internal { .. } => "internal",
            Error::Threads { .. } => "threads",
            Error::Write { .. } => "write",
        }
    }

    /// Whether this is a write to a pipe whose reader has gone, which ends a run quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Write { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotFound { path } => write!(f, "{}: no such file or directory", path.display()),
            Error::Read { path, source } => write!(f, "{}: {}", path.display(), lower(source)),
            Error::InvalidUtf8 { path, byte } => write!(
                f,
                "{}: not valid UTF-8 (first bad byte at offset {byte}), nor GBK, GB18030, Big5 or UTF-16 with a byte order mark; convert the file to UTF-8",
                path.display()
            ),
            Error::Binary { path, byte } => write!(
                f,
                "{}: a binary file, not text (a NUL byte at offset {byte} and not UTF-8)",
                path.display()
            ),
            Error::TooLarge {
                name,
                length,
                limit,
            } => write!(
                f,
                "{name}: {length}, more than --max-chars {limit}; split the document or raise the limit"
            ),
            Error::InvalidGlob { glob, message } => write!(f, "glob {glob:?}: {message}"),
            Error::Database { path, message } => write!(f, "{}: {message}", path.display()),
            Error::InvalidRecord {
                source_name,
                line,
                message,
            } => write!(f, "{source_name}:{line}: {message}"),
            Error::InvalidMetadata { path, message } | Error::InvalidGold { path, message } => {
                write!(f, "{}: {message}", path.display())
            }
            Error::Dictionary {
                file,
                line,
                message,
            } => write!(f, "{file}:{line}: {message}"),
            Error::Internal { name, message } => write!(
                f,
                "{name}: zhnews failed on this document ({message}); please report it with the document"
            ),
            Error::Threads { message } => write!(f, "cannot start the threads: {message}"),
            Error::Write { target, source } => write!(f, "{target}: {}", lower(source)),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// An I/O error's message without the OS error code and with a lower-case first letter
/// (`Permission denied (os error 13)` → `permission denied`).
fn lower(error: &io::Error) -> String {
    let message = error.to_string();
    let message = match message.find(" (os error") {
        Some(at) => &message[..at],
        None => &message,
    };
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_and_read_in_lower_case() {
        let error = Error::Read {
            path: PathBuf::from("corpus/a.txt"),
            source: io::Error::from_raw_os_error(13),
        };
        assert_eq!(error.to_string(), "corpus/a.txt: permission denied");
        let error = Error::Dictionary {
            file: "dictionaries/user.dict".into(),
            line: 7,
            message: "missing frequency".into(),
        };
        assert_eq!(
            error.to_string(),
            "dictionaries/user.dict:7: missing frequency"
        );
    }
}
