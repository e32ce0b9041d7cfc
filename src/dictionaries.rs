//! The files of `dictionaries/`, embedded in the binary so it works alone, and replaceable one by
//! one from a directory (`--dictionaries DIR`).
//!
//! Every file is plain UTF-8 text, one entry a line; blank lines and lines starting with `#` are
//! skipped, and each file's header says where its facts came from.

use std::borrow::Cow;
use std::fs;
use std::path::Path;

use crate::error::Error;

/// One dictionary file: its name for error messages and its text.
#[derive(Debug, Clone)]
pub struct DictionaryFile {
    /// A path, or `dictionaries/NAME (embedded)`.
    name: String,
    text: Cow<'static, str>,
}

/// All dictionaries the pipeline reads.
#[derive(Debug, Clone)]
pub struct Dictionaries {
    pinyin_syllables: DictionaryFile,
    user_words: DictionaryFile,
    units: DictionaryFile,
    numbered_names: DictionaryFile,
    sectors: DictionaryFile,
    sector_words: DictionaryFile,
    divisions: DictionaryFile,
    world: DictionaryFile,
    landforms: DictionaryFile,
    place_words: DictionaryFile,
    date_words: DictionaryFile,
    eras: DictionaryFile,
    target_words: DictionaryFile,
}

/// The embedded files, by their file name in `dictionaries/`.
const PINYIN_SYLLABLES: (&str, &str) = (
    "pinyin-syllables.txt",
    include_str!("../dictionaries/pinyin-syllables.txt"),
);
const USER_WORDS: (&str, &str) = ("user.dict", include_str!("../dictionaries/user.dict"));
const UNITS: (&str, &str) = ("units.tsv", include_str!("../dictionaries/units.tsv"));
const NUMBERED_NAMES: (&str, &str) = (
    "numbered-names.txt",
    include_str!("../dictionaries/numbered-names.txt"),
);
const SECTORS: (&str, &str) = ("sectors.tsv", include_str!("../dictionaries/sectors.tsv"));
const SECTOR_WORDS: (&str, &str) = (
    "sector-words.tsv",
    include_str!("../dictionaries/sector-words.tsv"),
);
const DIVISIONS: (&str, &str) = (
    "divisions.tsv",
    include_str!("../dictionaries/divisions.tsv"),
);
const WORLD: (&str, &str) = ("world.tsv", include_str!("../dictionaries/world.tsv"));
const LANDFORMS: (&str, &str) = (
    "landforms.tsv",
    include_str!("../dictionaries/landforms.tsv"),
);
const PLACE_WORDS: (&str, &str) = (
    "place-words.tsv",
    include_str!("../dictionaries/place-words.tsv"),
);
const DATE_WORDS: (&str, &str) = (
    "date-words.tsv",
    include_str!("../dictionaries/date-words.tsv"),
);
const ERAS: (&str, &str) = ("eras.tsv", include_str!("../dictionaries/eras.tsv"));
const TARGET_WORDS: (&str, &str) = (
    "target-words.tsv",
    include_str!("../dictionaries/target-words.tsv"),
);

impl Dictionaries {
    /// The dictionaries compiled into the binary.
    pub fn embedded() -> Dictionaries {
        Dictionaries {
            pinyin_syllables: DictionaryFile::embedded(PINYIN_SYLLABLES),
            user_words: DictionaryFile::embedded(USER_WORDS),
            units: DictionaryFile::embedded(UNITS),
            numbered_names: DictionaryFile::embedded(NUMBERED_NAMES),
            sectors: DictionaryFile::embedded(SECTORS),
            sector_words: DictionaryFile::embedded(SECTOR_WORDS),
            divisions: DictionaryFile::embedded(DIVISIONS),
            world: DictionaryFile::embedded(WORLD),
            landforms: DictionaryFile::embedded(LANDFORMS),
            place_words: DictionaryFile::embedded(PLACE_WORDS),
            date_words: DictionaryFile::embedded(DATE_WORDS),
            eras: DictionaryFile::embedded(ERAS),
            target_words: DictionaryFile::embedded(TARGET_WORDS),
        }
    }

    /// The embedded dictionaries, overridden from `dir` when one is given.
    pub fn load(dir: Option<&Path>) -> Result<Dictionaries, Error> {
        match dir {
            Some(dir) => Dictionaries::with_overrides(dir),
            None => Ok(Dictionaries::embedded()),
        }
    }

    /// The embedded dictionaries, each replaced by the file of the same name in `dir` where
    /// there is one.
    pub fn with_overrides(dir: &Path) -> Result<Dictionaries, Error> {
        if !dir.is_dir() {
            return Err(Error::NotFound {
                path: dir.to_path_buf(),
            });
        }
        Ok(Dictionaries {
            pinyin_syllables: DictionaryFile::from_dir(dir, PINYIN_SYLLABLES)?,
            user_words: DictionaryFile::from_dir(dir, USER_WORDS)?,
            units: DictionaryFile::from_dir(dir, UNITS)?,
            numbered_names: DictionaryFile::from_dir(dir, NUMBERED_NAMES)?,
            sectors: DictionaryFile::from_dir(dir, SECTORS)?,
            sector_words: DictionaryFile::from_dir(dir, SECTOR_WORDS)?,
            divisions: DictionaryFile::from_dir(dir, DIVISIONS)?,
            world: DictionaryFile::from_dir(dir, WORLD)?,
            landforms: DictionaryFile::from_dir(dir, LANDFORMS)?,
            place_words: DictionaryFile::from_dir(dir, PLACE_WORDS)?,
            date_words: DictionaryFile::from_dir(dir, DATE_WORDS)?,
            eras: DictionaryFile::from_dir(dir, ERAS)?,
            target_words: DictionaryFile::from_dir(dir, TARGET_WORDS)?,
        })
    }

    /// Toneless pinyin syllables, for recognising annotations.
    pub fn pinyin_syllables(&self) -> &DictionaryFile {
        &self.pinyin_syllables
    }

    /// Words added to the segmenter: `word frequency [tag]`.
    pub fn user_words(&self) -> &DictionaryFile {
        &self.user_words
    }

    /// Units of measure: `surface unit kind factor position`, tab-separated.
    pub fn units(&self) -> &DictionaryFile {
        &self.units
    }

    /// Names that hold a numeral but count nothing (`八项规定`), one a line.
    pub fn numbered_names(&self) -> &DictionaryFile {
        &self.numbered_names
    }

    /// Sectors: `name aliases gbt4754 sei kind`, tab-separated.
    pub fn sectors(&self) -> &DictionaryFile {
        &self.sectors
    }

    /// Words around sectors: `role word` (heads, scope words, system heads).
    pub fn sector_words(&self) -> &DictionaryFile {
        &self.sector_words
    }

    /// Administrative divisions: `code level name parent short`.
    pub fn divisions(&self) -> &DictionaryFile {
        &self.divisions
    }

    /// Countries and foreign cities: `name kind iso aliases`.
    pub fn world(&self) -> &DictionaryFile {
        &self.world
    }

    /// Rivers, mountains, seas and regions: `name kind aliases`.
    pub fn landforms(&self) -> &DictionaryFile {
        &self.landforms
    }

    /// Words of local places: `role word [kind]` (heads, list nouns, generic words).
    pub fn place_words(&self) -> &DictionaryFile {
        &self.place_words
    }

    /// The words of dates that are not numbers.
    pub fn date_words(&self) -> &DictionaryFile {
        &self.date_words
    }

    /// Chinese era names, for dates such as 康熙三年.
    pub fn eras(&self) -> &DictionaryFile {
        &self.eras
    }

    /// Cue, connective and linking words of plan targets.
    pub fn target_words(&self) -> &DictionaryFile {
        &self.target_words
    }
}

impl DictionaryFile {
    /// The file's path, or `dictionaries/NAME (embedded)`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A file with the given name and text, for tests of the code that reads it.
    #[cfg(test)]
    pub(crate) fn for_test(name: &str, text: &'static str) -> DictionaryFile {
        DictionaryFile {
            name: name.to_string(),
            text: Cow::Borrowed(text),
        }
    }

    fn embedded((file_name, text): (&str, &'static str)) -> DictionaryFile {
        DictionaryFile {
            name: format!("dictionaries/{file_name} (embedded)"),
            text: Cow::Borrowed(text),
        }
    }

    fn from_dir(dir: &Path, embedded: (&str, &'static str)) -> Result<DictionaryFile, Error> {
        let path = dir.join(embedded.0);
        match fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
                    path: path.clone(),
                    byte: e.utf8_error().valid_up_to(),
                })?;
                Ok(DictionaryFile {
                    name: path.display().to_string(),
                    text: Cow::Owned(text),
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(DictionaryFile::embedded(embedded))
            }
            Err(source) => Err(Error::Read { path, source }),
        }
    }
}

/// One entry line of a dictionary file.
#[derive(Debug, Clone, Copy)]
pub struct DictionaryLine<'a> {
    file: &'a str,
    /// Line number, from 1, in file order.
    pub number: usize,
    /// The line without surrounding white space.
    pub text: &'a str,
}

impl<'a> DictionaryLine<'a> {
    /// The line's tab-separated fields, as many as `names` names (for the message). The last
    /// may be missing when empty: the line is trimmed, and editors strip trailing tabs too.
    pub fn fields<const N: usize>(&self, names: [&str; N]) -> Result<[&'a str; N], Error> {
        // Filled in place: the gazetteer alone has 44,000 lines.
        let mut fields = [""; N];
        let mut count = 0;
        for field in self.text.split('\t') {
            if let Some(slot) = fields.get_mut(count) {
                *slot = field.trim();
            }
            count += 1;
        }
        if count == N || count + 1 == N {
            return Ok(fields);
        }
        Err(self.error(format!(
            "expected {N} tab-separated fields ({}), found {count}",
            names.join(", "),
        )))
    }

    /// An error about this line, naming its file and line number.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::Dictionary {
            file: self.file.to_string(),
            line: self.number,
            message: message.into(),
        }
    }
}

/// The entry lines of a dictionary file, skipping blank lines and `#` comments. Yields
/// `Result` so that a format check can stop at the first bad line with `?`.
pub struct DictionaryLines<'a> {
    file: &'a str,
    lines: std::iter::Enumerate<std::str::Lines<'a>>,
}

impl<'a> DictionaryLines<'a> {
    /// Iterates over the entries of `file`.
    pub fn new(file: &'a DictionaryFile) -> DictionaryLines<'a> {
        DictionaryLines {
            file: &file.name,
            lines: file.text.lines().enumerate(),
        }
    }
}

impl<'a> Iterator for DictionaryLines<'a> {
    type Item = Result<DictionaryLine<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        for (index, line) in self.lines.by_ref() {
            let text = line.trim();
            if text.is_empty() || text.starts_with('#') {
                continue;
            }
            return Some(Ok(DictionaryLine {
                file: self.file,
                number: index + 1,
                text,
            }));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_skip_comments_and_blanks_and_keep_file_line_numbers() {
        let file =
            DictionaryFile::for_test("test.txt", "# header\n\nfirst\n  second  \n# note\nthird");
        let lines: Vec<(usize, &str)> = DictionaryLines::new(&file)
            .map(|l| l.map(|l| (l.number, l.text)).unwrap())
            .collect();
        assert_eq!(lines, vec![(3, "first"), (4, "second"), (6, "third")]);
        let error = DictionaryLines::new(&file)
            .nth(1)
            .unwrap()
            .unwrap()
            .error("bad");
        assert_eq!(error.to_string(), "test.txt:4: bad");
    }

    #[test]
    fn a_directory_overrides_only_the_files_it_has() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("user.dict"), "石景山 100 ns\n").unwrap();
        let dictionaries = Dictionaries::with_overrides(dir.path()).unwrap();
        assert_eq!(dictionaries.user_words().text, "石景山 100 ns\n");
        assert!(dictionaries.pinyin_syllables().name.ends_with("(embedded)"));
    }

    #[test]
    fn a_missing_directory_is_an_error_naming_it() {
        let error = Dictionaries::with_overrides(Path::new("no/such/dir")).unwrap_err();
        assert_eq!(error.to_string(), "no/such/dir: no such file or directory");
    }
}
