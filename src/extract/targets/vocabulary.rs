//! The words the targets stage reads around figures, dates and places
//! (`dictionaries/target-words.tsv`): cues of plans and of results, connectives, verbs.

use rustc_hash::FxHashMap;

use super::Modality;
use crate::dictionaries::{DictionaryFile, DictionaryLines};
use crate::error::Error;
use crate::extract::words::CharSet;

/// The roles a word may have, as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Roles(pub(super) u32);

impl Roles {
    pub(super) const PLANNED: u32 = 1;
    pub(super) const ACHIEVED: u32 = 1 << 1;
    pub(super) const IN_PROGRESS: u32 = 1 << 2;
    pub(super) const LEAD: u32 = 1 << 3;
    pub(super) const LINK: u32 = 1 << 4;
    pub(super) const ACTION: u32 = 1 << 5;
    pub(super) const TASK: u32 = 1 << 6;
    pub(super) const GOAL: u32 = 1 << 7;
    pub(super) const ANAPHOR: u32 = 1 << 8;
    pub(super) const PLAN_NAME: u32 = 1 << 9;
    pub(super) const PLAN_INTRO: u32 = 1 << 10;
    pub(super) const SCOPE: u32 = 1 << 11;
    pub(super) const COMPLETION: u32 = 1 << 12;
    pub(super) const PERFECT: u32 = 1 << 13;
    pub(super) const DETAIL: u32 = 1 << 14;
    pub(super) const PLAN_SAID: u32 = 1 << 15;
    pub(super) const BOUND: u32 = 1 << 16;
    pub(super) const COMPARE: u32 = 1 << 17;
    pub(super) const CONDITION: u32 = 1 << 18;
    pub(super) const WHOLE_YEAR: u32 = 1 << 19;
    pub(super) const TITLE_OPEN: u32 = 1 << 20;
    pub(super) const TITLE_CLOSE: u32 = 1 << 21;
    pub(super) const OBJECT_MARKER: u32 = 1 << 22;
    pub(super) const MERGED_LINK: u32 = 1 << 23;

    pub(super) fn has(self, role: u32) -> bool {
        self.0 & role != 0
    }
}

/// A word of `target-words.tsv`.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Word {
    pub(super) roles: Roles,
    pub(super) modality: Option<Modality>,
    pub(super) scope: Option<Level>,
}

/// The level of division a jurisdiction word stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    /// The nation (`全国`, `我国`).
    Nation,
    Province,
    Prefecture,
    County,
    Township,
}

/// The words of `target-words.tsv`, by role.
pub(super) struct Vocabulary {
    words: FxHashMap<String, Word>,
    /// The first characters of the words: most words of a text start with none of them, and
    /// are rejected without hashing.
    first_chars: CharSet,
    /// The words of one character (`的`, `和`, `将`, `已`), among the commonest of any text,
    /// looked up by that character; and the first characters of the longer words.
    single_chars: FxHashMap<char, Word>,
    longer_first_chars: CharSet,
    /// Anaphors and words of detail, looked up in the text, since jieba splits them
    /// (`这/一/数字`, `总/投资`).
    anaphors: Vec<Vec<char>>,
    details: Vec<Vec<char>>,
}

impl Vocabulary {
    /// Reads `target-words.tsv`.
    pub(super) fn new(file: &DictionaryFile) -> Result<Vocabulary, Error> {
        let mut words: FxHashMap<String, Word> = FxHashMap::default();
        let (mut anaphors, mut details) = (Vec::new(), Vec::new());
        for line in DictionaryLines::new(file) {
            let line = line?;
            let [role, text] = line.fields(["role", "word"])?;
            let word = words.entry(text.to_string()).or_default();
            let (bit, modality, scope) = match role {
                "planned" => (Roles::PLANNED, None, None),
                "forecast" => (Roles::PLANNED, Some(Modality::Forecast), None),
                "strive" => (Roles::PLANNED, Some(Modality::Strive), None),
                "ensure" => (Roles::PLANNED, Some(Modality::Ensure), None),
                "plan" => (Roles::PLANNED, Some(Modality::Plan), None),
                "achieved" => (Roles::ACHIEVED, None, None),
                "completion" => (Roles::COMPLETION, None, None),
                "perfect" => (Roles::PERFECT, None, None),
                "detail" => {
                    details.push(text.chars().collect());
                    (Roles::DETAIL, None, None)
                }
                "in-progress" => (Roles::IN_PROGRESS, None, None),
                "scope-nation" => (Roles::SCOPE, None, Some(Level::Nation)),
                "scope-province" => (Roles::SCOPE, None, Some(Level::Province)),
                "scope-prefecture" => (Roles::SCOPE, None, Some(Level::Prefecture)),
                "scope-county" => (Roles::SCOPE, None, Some(Level::County)),
                "scope-township" => (Roles::SCOPE, None, Some(Level::Township)),
                "lead" => (Roles::LEAD, None, None),
                "link" => (Roles::LINK, None, None),
                "action" => (Roles::ACTION, None, None),
                "task" => (Roles::TASK, None, None),
                "goal" => (Roles::GOAL, None, None),
                "anaphor" => {
                    anaphors.push(text.chars().collect());
                    (Roles::ANAPHOR, None, None)
                }
                "plan-name" => (Roles::PLAN_NAME, None, None),
                "plan-intro" => (Roles::PLAN_INTRO, None, None),
                "plan-said" => (Roles::PLAN_SAID, None, None),
                "bound" => (Roles::BOUND, None, None),
                "compare" => (Roles::COMPARE, None, None),
                "condition" => (Roles::CONDITION, None, None),
                "whole-year" => (Roles::WHOLE_YEAR, None, None),
                "title-open" => (Roles::TITLE_OPEN, None, None),
                "title-close" => (Roles::TITLE_CLOSE, None, None),
                "object-marker" => (Roles::OBJECT_MARKER, None, None),
                "merged-link" => (Roles::MERGED_LINK, None, None),
                other => return Err(line.error(format!("unknown role {other:?}"))),
            };
            word.roles.0 |= bit;
            word.modality = word.modality.or(modality);
            word.scope = word.scope.or(scope);
        }
        let single_chars = words
            .iter()
            .filter(|(text, _)| text.chars().count() == 1)
            .filter_map(|(text, &word)| Some((text.chars().next()?, word)))
            .collect();
        let longer = words.keys().filter(|text| text.chars().count() > 1);
        Ok(Vocabulary {
            first_chars: CharSet::from_chars(words.keys().filter_map(|w| w.chars().next())),
            longer_first_chars: CharSet::from_chars(longer.filter_map(|w| w.chars().next())),
            single_chars,
            words,
            anaphors,
            details,
        })
    }

    /// The word of a token of text `text` that starts with `first`, which
    /// [`Vocabulary::may_start`] accepts; `single` when that is all of it.
    pub(super) fn token_word(&self, first: char, single: bool, text: &str) -> Word {
        if single {
            self.single_chars.get(&first).copied().unwrap_or_default()
        } else if self.longer_first_chars.contains(first) {
            self.words.get(text).copied().unwrap_or_default()
        } else {
            Word::default()
        }
    }

    /// Whether `c` is a linking word that jieba's HMM joins to the word before it.
    pub(super) fn is_merged_link(&self, c: char) -> bool {
        self.single_chars
            .get(&c)
            .is_some_and(|word| word.roles.has(Roles::MERGED_LINK))
    }

    /// Whether a word starting with `c` may be one of the vocabulary's.
    pub(super) fn may_start(&self, c: char) -> bool {
        self.first_chars.contains(c)
    }

    /// Whether a metric opens with a word of detail.
    pub(super) fn opens_detail(&self, metric: &[char]) -> bool {
        self.details.iter().any(|d| metric.starts_with(d))
    }

    /// Whether a phrase holds an anaphor.
    pub(super) fn has_anaphor(&self, chars: &[char]) -> bool {
        (0..chars.len()).any(|at| {
            self.first_chars.contains(chars[at])
                && self.anaphors.iter().any(|a| chars[at..].starts_with(a))
        })
    }
}
