//! The words of dates that are not numbers (`dictionaries/date-words.tsv`) and the era names
//! (`dictionaries/eras.tsv`), read once into indexes the grammar looks words up in.

use crate::dictionaries::{DictionaryFile, DictionaryLines};
use crate::error::Error;
use crate::extract::words::{CharSet, WordIndex};

/// What a word of `date-words.tsv` does, with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateWord {
    Day(i32),
    Year(i32),
    /// Years named together relative to publication (`今明两年`): the first and last offset.
    Years(i32, i32),
    Month(i32),
    Week(i32),
    WeekNoun,
    Weekday(u32),
    Century(i32),
    Ahead,
    Back,
    Unit(Unit),
    Within,
    Past,
    Ago(i32),
    Before,
    After,
    Since,
    AsOf,
    From,
    Connector,
    Between,
    BetweenEnd,
    Lunar,
    LunarMonth(u32),
    LunarDay,
    Season(u32),
    Half(u32),
    YearPart(u32, u32),
    Quarter,
    Ordinal,
    Through,
    Decade,
    CenturyNoun,
    /// An era name (`康熙`), with the Gregorian year of its first year.
    Era(i32),
}

/// The kinds of expression a position may start, one bit each, so that the grammar tries only
/// those: most positions that start a date word start no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Starts(u8);

impl Starts {
    /// A year, month or day, or a part of a year (`今年`, `康熙`, `农历`, `上半年`, `第`, `年`).
    pub const CALENDAR: Starts = Starts(1);
    /// A day relative to publication (`明天`).
    pub const DAY: Starts = Starts(2);
    /// A week or a weekday (`上周`, `周一`).
    pub const WEEK: Starts = Starts(4);
    /// A count of units (`未来`, `近`).
    pub const COUNT: Starts = Starts(8);
    /// A decade (`上世纪`).
    pub const DECADE: Starts = Starts(16);
    /// A word before a date (`截至`, `从`).
    pub const PREFIX: Starts = Starts(32);
    /// A number: any but a prefix or a relative day or week.
    pub const NUMBER: Starts = Starts(1 | 8 | 16);

    pub fn has(self, kind: Starts) -> bool {
        self.0 & kind.0 != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn with(self, kind: Starts) -> Starts {
        Starts(self.0 | kind.0)
    }
}

impl DateWord {
    /// The kind of expression the word starts; none for a suffix, connector or unit.
    fn starts(&self) -> Starts {
        match self {
            DateWord::Day(_) | DateWord::Years(..) => Starts::DAY,
            DateWord::Year(_)
            | DateWord::Month(_)
            | DateWord::Lunar
            | DateWord::LunarMonth(_)
            | DateWord::Half(_)
            | DateWord::Ordinal
            | DateWord::Through
            | DateWord::Era(_) => Starts::CALENDAR,
            DateWord::Week(_) | DateWord::WeekNoun => Starts::WEEK,
            DateWord::Century(_) => Starts::DECADE,
            DateWord::Ahead | DateWord::Back => Starts::COUNT,
            DateWord::AsOf | DateWord::From => Starts::PREFIX,
            _ => Starts::default(),
        }
    }
}

/// A unit of a count of time (`5年`, `3个月`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Year,
    Month,
    Week,
    Day,
}

/// The words a role of [`DateWord`] matches, indexed by their first character.
pub struct Vocabulary {
    words: WordIndex<DateWord>,
    /// The first characters of the words an expression can start with (`今天`, `上周`, `截至`,
    /// `康熙`): most characters start none.
    starts: CharSet,
}

impl Vocabulary {
    /// Reads both files; a malformed line names its file and line.
    pub fn new(words: &DictionaryFile, eras: &DictionaryFile) -> Result<Vocabulary, Error> {
        let mut entries = Vec::new();
        for line in DictionaryLines::new(words) {
            let line = line?;
            let [role, word, value] = line.fields(["role", "word", "value"])?;
            let number = || {
                value
                    .parse::<i32>()
                    .map_err(|_| line.error(format!("{value:?} is no whole number")))
            };
            let month = || {
                number().and_then(|m| {
                    u32::try_from(m)
                        .ok()
                        .filter(|m| (1..=12).contains(m))
                        .ok_or_else(|| line.error(format!("{value:?} is no month")))
                })
            };
            let entry = match role {
                "day" => DateWord::Day(number()?),
                "year" => DateWord::Year(number()?),
                "month" => DateWord::Month(number()?),
                "week" => DateWord::Week(number()?),
                "week-noun" => DateWord::WeekNoun,
                "weekday" => DateWord::Weekday(
                    u32::try_from(number()?)
                        .ok()
                        .filter(|d| *d <= 7)
                        .ok_or_else(|| line.error("a weekday is 0 (the weekend) to 7"))?,
                ),
                "century" => DateWord::Century(number()?),
                "ahead" => DateWord::Ahead,
                "back" => DateWord::Back,
                "unit" => DateWord::Unit(match value {
                    "y" => Unit::Year,
                    "m" => Unit::Month,
                    "w" => Unit::Week,
                    "d" => Unit::Day,
                    _ => return Err(line.error("a unit is y, m, w or d")),
                }),
                "within" => DateWord::Within,
                "past" => DateWord::Past,
                "ago" => DateWord::Ago(number()?.signum()),
                "before" => DateWord::Before,
                "after" => DateWord::After,
                "since" => DateWord::Since,
                "as-of" => DateWord::AsOf,
                "from" => DateWord::From,
                "connector" => DateWord::Connector,
                "between" => DateWord::Between,
                "between-end" => DateWord::BetweenEnd,
                "lunar" => DateWord::Lunar,
                "lunar-month" => DateWord::LunarMonth(month()?),
                "lunar-day" => DateWord::LunarDay,
                "season" => DateWord::Season(month()?),
                "half" => DateWord::Half(month()?),
                "years" => {
                    let (first, last) = value
                        .split_once('/')
                        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                        .filter(|&(a, b): &(i32, i32)| a < b)
                        .ok_or_else(|| line.error("years are `first/last` offsets"))?;
                    DateWord::Years(first, last)
                }
                "year-part" => {
                    let (first, last) = value
                        .split_once('-')
                        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                        .filter(|&(a, b): &(u32, u32)| 1 <= a && a <= b && b <= 12)
                        .ok_or_else(|| line.error("a year part is `first-last` month"))?;
                    DateWord::YearPart(first, last)
                }
                "quarter" => DateWord::Quarter,
                "ordinal" => DateWord::Ordinal,
                "through" => DateWord::Through,
                "decade" => DateWord::Decade,
                "century-noun" => DateWord::CenturyNoun,
                _ => return Err(line.error(format!("{role:?} is no role of a date word"))),
            };
            entries.push((word.to_string(), entry));
        }
        for line in DictionaryLines::new(eras) {
            let line = line?;
            let [name, first, _dynasty] = line.fields(["name", "first year", "dynasty"])?;
            let first = first
                .parse()
                .map_err(|_| line.error(format!("{first:?} is no year")))?;
            entries.push((name.to_string(), DateWord::Era(first)));
        }
        let starts = CharSet::from_chars(
            entries
                .iter()
                .filter(|(_, word)| !word.starts().is_empty())
                .filter_map(|(text, _)| text.chars().next())
                // `年底`, `年内` alone; and the digits a number starts with.
                .chain(['年'])
                .chain(('0'..='9').chain("〇○零一二三四五六七八九十两百千".chars())),
        );
        Ok(Vocabulary {
            starts,
            words: WordIndex::starting(entries),
        })
    }

    /// The longest word at `at` that `keep` accepts, with the characters it takes.
    pub fn word_at(
        &self,
        chars: &[char],
        at: usize,
        keep: impl Fn(&DateWord) -> bool,
    ) -> Option<(DateWord, usize)> {
        self.words
            .longest_at(chars, at, keep)
            .map(|(word, length)| (*word, length))
    }

    /// The kinds of expression the words at `at` may start (`年` alone starts a part of the
    /// year: `年底`).
    pub fn starts_at(&self, chars: &[char], at: usize) -> Starts {
        let alone = if chars.get(at) == Some(&'年') {
            Starts::CALENDAR
        } else {
            Starts::default()
        };
        self.words
            .all_at(chars, at)
            .filter(|&(word, length)| self.may_continue(word, chars, at + length))
            .fold(alone, |starts, (word, _)| starts.with(word.starts()))
    }

    /// Whether the text after a word of one character that starts many other words (`上`,
    /// `这`, `第`, `前`) goes on as a date: with a week's noun after a week's shift (`上周`), a
    /// number after a count's or a quarter's word (`近三年`, `第三季度`).
    fn may_continue(&self, word: &DateWord, chars: &[char], end: usize) -> bool {
        let next = || {
            chars[end.min(chars.len())..]
                .iter()
                .find(|c| **c != ' ')
                .copied()
        };
        match word {
            DateWord::Week(_) => self
                .word_at(chars, end, |w| *w == DateWord::WeekNoun)
                .is_some(),
            DateWord::Ahead | DateWord::Back | DateWord::Ordinal | DateWord::Through => {
                next().is_some_and(super::grammar::is_numeral)
            }
            _ => true,
        }
    }

    /// Whether an expression may start with `c`: a digit, or the first character of a word
    /// that starts one.
    pub fn may_start(&self, c: char) -> bool {
        self.starts.contains(c)
    }
}
