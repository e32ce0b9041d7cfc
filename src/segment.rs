//! Word segmentation and part-of-speech tags: the only module that sees `jieba_rs`.

use std::fmt;

use jieba_rs::Jieba;

use crate::dictionaries::{Dictionaries, DictionaryLines};
use crate::error::Error;
use crate::offsets::NormalizedSpan;

/// A word of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Characters of the normalised text.
    pub span: NormalizedSpan,
    /// Byte offset of the word in the normalised text.
    pub byte_start: usize,
    /// Byte offset one past the word.
    pub byte_end: usize,
    /// jieba's part-of-speech tag (ICTCLAS tag set: `n`, `ns`, `m`, `x`, ...).
    pub tag: PosTag,
}

/// A part-of-speech tag, stored inline so that tokens need no allocation.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PosTag {
    bytes: [u8; PosTag::CAPACITY],
    len: u8,
}

impl PosTag {
    /// The longest tag kept whole; jieba's longest is `nrfg`.
    const CAPACITY: usize = 4;

    /// `ns`, a place name.
    pub const PLACE: PosTag = PosTag {
        bytes: [b'n', b's', 0, 0],
        len: 2,
    };

    fn new(tag: &str) -> PosTag {
        let mut bytes = [0; PosTag::CAPACITY];
        let len = tag
            .bytes()
            .take(PosTag::CAPACITY)
            .take_while(u8::is_ascii)
            .count();
        bytes[..len].copy_from_slice(&tag.as_bytes()[..len]);
        PosTag {
            bytes,
            len: len as u8,
        }
    }

    /// The tag's ASCII bytes, without the check `as_str` makes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }
}

impl fmt::Debug for PosTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// jieba-rs with its default dictionary and our user dictionary; built once per process
/// (about 150 ms) and shared across threads by reference.
pub struct Segmenter {
    jieba: Jieba,
}

impl Segmenter {
    /// Builds the segmenter, adding the words of `dictionaries/user.dict`.
    ///
    /// Each line is `word frequency [tag]`. A frequency is required: jieba never chooses a word
    /// of frequency 0. A word jieba already knows keeps its own tag (jieba-rs changes only the
    /// frequency of an existing word).
    pub fn new(dictionaries: &Dictionaries) -> Result<Segmenter, Error> {
        let mut jieba = Jieba::new();
        for line in DictionaryLines::new(dictionaries.user_words()) {
            let line = line?;
            let mut fields = line.text.split_whitespace();
            let word = fields.next().unwrap_or_default();
            let frequency = match fields.next().map(str::parse::<usize>) {
                Some(Ok(frequency)) if frequency > 0 => frequency,
                _ => return Err(line.error(format!("{word:?} needs a frequency of at least 1"))),
            };
            let tag = fields.next();
            if fields.next().is_some() {
                return Err(line.error("expected `word frequency [tag]`"));
            }
            jieba.add_word(word, Some(frequency), tag);
        }
        Ok(Segmenter { jieba })
    }

    /// Reads jieba-rs's model for tagging words its dictionary lacks, which it otherwise
    /// reads on the first `tag` of a run, after every dictionary is built: start-up calls this
    /// on a thread that would wait anyway.
    pub fn load_tagging_model() {
        // An empty dictionary knows no word, so tagging any Chinese word needs the model.
        std::hint::black_box(Jieba::empty().tag("词", false));
    }

    /// Whether jieba's dictionary, ours included, has `word`: a word it lacks was made up by
    /// its HMM from characters it could not place.
    pub fn knows(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// Appends the words of `text`, a piece of the normalised text that starts at character
    /// `char_offset` and byte `byte_offset`, to `tokens`.
    // Kept out of line so that profiles and `scripts/bench-instructions.sh` see the stage.
    #[inline(never)]
    pub fn segment(
        &self,
        text: &str,
        char_offset: usize,
        byte_offset: usize,
        tokens: &mut Vec<Token>,
    ) {
        tokens.extend(self.jieba.tag(text, true).into_iter().map(|tag| Token {
            span: NormalizedSpan {
                start: char_offset + tag.start,
                end: char_offset + tag.end,
            },
            byte_start: byte_offset + tag.byte_start,
            byte_end: byte_offset + tag.byte_end,
            tag: PosTag::new(tag.tag),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'t>(segmenter: &Segmenter, text: &'t str) -> Vec<&'t str> {
        let mut tokens = Vec::new();
        segmenter.segment(text, 0, 0, &mut tokens);
        tokens
            .iter()
            .map(|t| &text[t.byte_start..t.byte_end])
            .collect()
    }

    #[test]
    fn domain_words_of_the_user_dictionary_stay_whole() {
        let segmenter = Segmenter::new(&Dictionaries::embedded()).unwrap();
        let cases: &[(&str, &str)] = &[
            ("聚焦工业互联网等重点产业", "工业互联网"),
            ("完成老旧小区综合改造任务", "老旧小区"),
            ("加快推进棚户区改造", "棚户区"),
            ("高精尖产业收入", "高精尖"),
            ("在松花江沿岸规划建设一批室内冰雪场馆", "规划建设"),
        ];
        for (text, word) in cases {
            assert!(
                words(&segmenter, text).contains(word),
                "{word} in {:?}",
                words(&segmenter, text)
            );
        }
    }

    #[test]
    fn offsets_are_shifted_to_the_piece_position() {
        let segmenter = Segmenter::new(&Dictionaries::embedded()).unwrap();
        let mut tokens = Vec::new();
        segmenter.segment("石景山区", 10, 30, &mut tokens);
        let first = tokens[0];
        assert_eq!(first.span.start, 10);
        assert_eq!(first.byte_start, 30);
        assert_eq!(tokens.last().unwrap().span.end, 14);
        assert_eq!(tokens.last().unwrap().byte_end, 42);
    }

    #[test]
    fn user_dictionary_lines_without_frequency_are_rejected_with_their_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("user.dict"),
            "# words\n老旧小区 10 n\n棚户区\n",
        )
        .unwrap();
        let dictionaries = Dictionaries::with_overrides(dir.path()).unwrap();
        let error = Segmenter::new(&dictionaries).err().unwrap();
        assert!(
            error
                .to_string()
                .ends_with("user.dict:3: \"棚户区\" needs a frequency of at least 1"),
            "{error}"
        );
    }

    #[test]
    fn tags_longer_than_four_letters_are_cut_and_others_kept() {
        assert_eq!(PosTag::new("nrfg").as_str(), "nrfg");
        assert_eq!(PosTag::new("ns").as_str(), "ns");
        assert_eq!(PosTag::new("abcdef").as_str(), "abcd");
    }
}
