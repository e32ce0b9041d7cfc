//! The `Document` that flows through the pipeline: original text, normalised text, the offset
//! map between them, sentences and tokens. Extractors read it and never change it.

use crate::normalize::{Changes, Normalizer};
use crate::offsets::{CharIndex, NormalizedSpan, OffsetMap, OriginalSpan};
use crate::record::Mention;
use crate::segment::{Segmenter, Token};

/// An analysed text.
#[derive(Debug, Clone)]
pub struct Document {
    original: String,
    original_index: CharIndex,
    normalized: String,
    normalized_chars: Vec<char>,
    normalized_index: CharIndex,
    offsets: OffsetMap,
    changes: Changes,
    sentences: Vec<Sentence>,
    tokens: Vec<Token>,
}

/// A sentence of the normalised text: the text between two of `。！？；!?;` or line breaks, with
/// the closing quotes and brackets that follow its final punctuation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Characters of the normalised text.
    pub span: NormalizedSpan,
    /// Byte offset in the normalised text.
    pub byte_start: usize,
    /// Byte offset one past the sentence.
    pub byte_end: usize,
    /// Indexes of its tokens in [`Document::tokens`].
    pub tokens: std::ops::Range<usize>,
}

impl Document {
    /// Normalises, splits and segments `original`.
    pub fn new(original: String, normalizer: &Normalizer, segmenter: &Segmenter) -> Document {
        let normalized = normalizer.normalize(&original);
        // Sized for Chinese text, three bytes a character, so that it seldom grows.
        let mut normalized_chars = Vec::with_capacity(normalized.text.len() / 3 + 1);
        let normalized_index =
            CharIndex::with_chars(&normalized.text, |c| normalized_chars.push(c));
        // One call for the whole text: jieba never joins characters across the punctuation and
        // line breaks that end sentences, and a call per sentence would cost more than the words.
        let mut tokens = Vec::with_capacity(normalized_index.chars() / 2);
        segmenter.segment(&normalized.text, 0, 0, &mut tokens);
        let mut next_token = 0;
        let sentences = split_sentences(&normalized.text)
            .into_iter()
            .map(|(byte_start, byte_end)| {
                // Tokens between sentences are white space and belong to none.
                while tokens
                    .get(next_token)
                    .is_some_and(|t| t.byte_start < byte_start)
                {
                    next_token += 1;
                }
                let first_token = next_token;
                while tokens
                    .get(next_token)
                    .is_some_and(|t| t.byte_end <= byte_end)
                {
                    next_token += 1;
                }
                Sentence {
                    span: NormalizedSpan {
                        start: normalized_index.char(byte_start),
                        end: normalized_index.char(byte_end),
                    },
                    byte_start,
                    byte_end,
                    tokens: first_token..next_token,
                }
            })
            .collect();
        // Most news needs no normalising: its index is the one just built.
        let original_index = if original == normalized.text {
            normalized_index.clone()
        } else {
            CharIndex::new(&original)
        };
        Document {
            original_index,
            original,
            normalized_chars,
            normalized: normalized.text,
            normalized_index,
            offsets: normalized.offsets,
            changes: normalized.changes,
            sentences,
            tokens,
        }
    }

    /// The text as it came in.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The text the extractors read.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// The normalised text as characters, for extractors that scan it by character offset.
    pub fn normalized_chars(&self) -> &[char] {
        &self.normalized_chars
    }

    /// Character ↔ byte offsets of the normalised text.
    pub fn normalized_index(&self) -> &CharIndex {
        &self.normalized_index
    }

    /// Number of characters of the original text.
    pub fn original_chars(&self) -> usize {
        self.original_index.chars()
    }

    /// What normalisation changed.
    pub fn changes(&self) -> Changes {
        self.changes
    }

    /// The sentences, in text order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// All tokens, in text order, including the white space between sentences.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The normalised text of a span of the normalised text.
    pub fn normalized_text(&self, span: NormalizedSpan) -> &str {
        self.normalized_index
            .slice(&self.normalized, span.start, span.end)
    }

    /// The normalised text of a token.
    pub fn token_text(&self, token: &Token) -> &str {
        &self.normalized[token.byte_start..token.byte_end]
    }

    /// Where a span of the normalised text came from in the original text.
    pub fn to_original(&self, span: NormalizedSpan) -> OriginalSpan {
        self.offsets.to_original(span)
    }

    /// The normalised characters that an original span became: the inverse of
    /// [`Document::to_original`] for the spans of entities.
    pub fn to_normalized(&self, span: OriginalSpan) -> NormalizedSpan {
        self.offsets.to_normalized(span)
    }

    /// The original text of a span of original characters.
    pub fn original_text(&self, span: OriginalSpan) -> &str {
        self.original_index
            .slice(&self.original, span.start, span.end)
    }

    /// The mention of a span of the normalised text: its original text, offsets and sentence.
    pub fn mention(&self, span: NormalizedSpan) -> Mention {
        let original = self.to_original(span);
        Mention {
            text: self.original_text(original).to_string(),
            start: original.start,
            end: original.end,
            sentence: self.sentence_at(span.start),
            normalized: span,
        }
    }

    /// Index of the sentence that holds normalised character `position`, or of the last
    /// sentence that starts before it when it falls between sentences.
    pub fn sentence_at(&self, position: usize) -> usize {
        self.sentences
            .partition_point(|sentence| sentence.span.start <= position)
            .saturating_sub(1)
    }
}

/// Byte ranges of the sentences of `text`, skipping white space between them.
fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut sentences = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if is_line_break(c) {
            if let Some(begin) = start.take() {
                sentences.push((begin, at));
            }
            continue;
        }
        if start.is_none() {
            if c.is_whitespace() {
                continue;
            }
            start = Some(at);
        }
        if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';') {
            let mut end = at + c.len_utf8();
            while let Some(&(next_at, next)) = chars.peek() {
                if !matches!(
                    next,
                    '”' | '’' | '」' | '』' | '）' | ')' | '》' | '"' | '\''
                ) {
                    break;
                }
                end = next_at + next.len_utf8();
                chars.next();
            }
            sentences.push((start.take().unwrap_or(at), end));
        }
    }
    if let Some(begin) = start {
        let end = text.trim_end().len().max(begin);
        if end > begin {
            sentences.push((begin, end));
        }
    }
    sentences
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionaries::Dictionaries;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn sentences_split_on_final_punctuation_and_line_breaks() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("full stop", "甲。乙。", &["甲。", "乙。"]),
            (
                "all terminators",
                "甲！乙？丙；丁;戊!己?",
                &["甲！", "乙？", "丙；", "丁;", "戊!", "己?"],
            ),
            (
                "line breaks",
                "标题\n正文。\r\n\n末行",
                &["标题", "正文。", "末行"],
            ),
            (
                "closing quote stays with its sentence",
                "他说：“好。”然后走了。",
                &["他说：“好。”", "然后走了。"],
            ),
            (
                "leading and trailing white space",
                "  甲。  乙  ",
                &["甲。", "乙"],
            ),
            (
                "commas do not split",
                "2020年,收入2069.5亿元,增长16.3%。",
                &["2020年,收入2069.5亿元,增长16.3%。"],
            ),
            ("empty text", "", &[]),
            ("only white space", " \n \n", &[]),
        ];
        for (name, text, expected) in cases {
            assert_eq!(sentences(text), *expected, "{name}");
        }
    }

    #[test]
    fn tokens_cover_each_sentence_and_map_back_to_the_original() {
        let dictionaries = Dictionaries::embedded();
        let document = Document::new(
            "石景山區(qū)第十三次黨代會召開。\n未來５年,完成改造。".to_string(),
            &Normalizer::new(&dictionaries).unwrap(),
            &Segmenter::new(&dictionaries).unwrap(),
        );
        assert_eq!(
            document.normalized(),
            "石景山区第十三次党代会召开。\n未来5年,完成改造。"
        );
        assert_eq!(document.sentences().len(), 2);
        for sentence in document.sentences() {
            let words: String = document.tokens()[sentence.tokens.clone()]
                .iter()
                .map(|t| document.token_text(t))
                .collect();
            assert_eq!(
                words,
                &document.normalized()[sentence.byte_start..sentence.byte_end]
            );
        }
        let second = &document.sentences()[1];
        let original = document.original_text(document.to_original(second.span));
        assert_eq!(original, "未來５年,完成改造。");
        assert_eq!(document.sentence_at(second.span.start), 1);
        assert_eq!(document.sentence_at(second.span.start - 1), 0);
    }
}
