//! Offsets between the normalised text that extractors read and the original text that users see.
//!
//! Two units appear in this crate and they are never mixed without a conversion named here:
//! *characters* (Unicode scalar values, what every output offset is in) and *bytes* (what `str`
//! slicing and `regex` matches are in). The types say which text and which unit they index.

use serde::Serialize;

/// A range of characters in the **original** text, end exclusive: the only offsets written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct OriginalSpan {
    /// First character, counted in Unicode scalar values from the start of the original text.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// A range of characters in the **normalised** text, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NormalizedSpan {
    /// First character of the normalised text.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl NormalizedSpan {
    /// Its length in characters.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether it holds no character.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// Whether the two spans share a character.
    pub fn overlaps(self, other: NormalizedSpan) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// For each character of the normalised text, the range of original characters it came from.
///
/// Normalisation only deletes characters (pinyin annotations), replaces one character by one
/// (width folding, most Traditional → Simplified conversions), or, rarely, replaces a phrase by
/// a phrase of another length; in that last case every character of the new phrase maps to the
/// whole old phrase, so a span never cuts a replaced phrase in half. Most texts need none of the
/// length-changing edits, and their map costs nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMap {
    repr: Repr,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Repr {
    /// Character `i` came from original character `i`; the text has this many characters.
    Identity(usize),
    /// `origin[i]` is the original character range of normalised character `i`.
    Mapped(Vec<(u32, u32)>),
}

impl Default for OffsetMap {
    fn default() -> OffsetMap {
        OffsetMap::identity(0)
    }
}

impl OffsetMap {
    /// The map of a text of `chars` characters that normalisation left in place.
    pub fn identity(chars: usize) -> OffsetMap {
        OffsetMap {
            repr: Repr::Identity(chars),
        }
    }

    /// Number of characters in the normalised text.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Identity(chars) => *chars,
            Repr::Mapped(origin) => origin.len(),
        }
    }

    /// Whether the normalised text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Chains two maps: `self` maps text B to text A, `next` maps text C to text B; the result
    /// maps C to A.
    pub fn then(self, next: OffsetMap) -> OffsetMap {
        match (self.repr, next.repr) {
            (Repr::Identity(_), repr) | (repr, Repr::Identity(_)) => OffsetMap { repr },
            (Repr::Mapped(first), Repr::Mapped(second)) => OffsetMap {
                repr: Repr::Mapped(
                    second
                        .iter()
                        .map(|&(start, end)| (first[start as usize].0, first[end as usize - 1].1))
                        .collect(),
                ),
            },
        }
    }

    /// The original characters that a non-empty normalised span came from. An empty span maps to
    /// the empty span at the original position of its start.
    pub fn to_original(&self, span: NormalizedSpan) -> OriginalSpan {
        debug_assert!(span.start <= span.end && span.end <= self.len());
        let origin = match &self.repr {
            Repr::Identity(_) => {
                return OriginalSpan {
                    start: span.start,
                    end: span.end,
                }
            }
            Repr::Mapped(origin) => origin,
        };
        if span.start == span.end {
            let at = match origin.get(span.start) {
                Some(&(start, _)) => start,
                None => origin.last().map_or(0, |&(_, end)| end),
            } as usize;
            return OriginalSpan { start: at, end: at };
        }
        OriginalSpan {
            start: origin[span.start].0 as usize,
            end: origin[span.end - 1].1 as usize,
        }
    }
}

impl OffsetMap {
    /// The normalised characters that came from an original span: those whose origin lies
    /// inside it. The inverse of [`OffsetMap::to_original`] for the spans it returns.
    pub fn to_normalized(&self, span: OriginalSpan) -> NormalizedSpan {
        match &self.repr {
            Repr::Identity(_) => NormalizedSpan {
                start: span.start,
                end: span.end,
            },
            Repr::Mapped(origin) => NormalizedSpan {
                start: origin.partition_point(|&(start, _)| (start as usize) < span.start),
                end: origin.partition_point(|&(_, end)| (end as usize) <= span.end),
            },
        }
    }
}

/// The edits of one normalisation filter, recorded as it rewrites a text: the places where it
/// replaced some input characters by a different number of output characters. Everything
/// between them was copied or replaced one character for one.
#[derive(Debug, Default)]
pub(crate) struct Edits {
    /// `(input start, input characters, output characters)`, in text order.
    edits: Vec<(usize, usize, usize)>,
}

impl Edits {
    /// Records that input characters `start..start + from` became `to` output characters.
    pub(crate) fn replace(&mut self, start: usize, from: usize, to: usize) {
        debug_assert!(from != to);
        self.edits.push((start, from, to));
    }

    /// The map from the output of a filter to its input of `input_chars` characters.
    pub(crate) fn into_map(self, input_chars: usize) -> OffsetMap {
        if self.edits.is_empty() {
            return OffsetMap::identity(input_chars);
        }
        let mut origin = Vec::with_capacity(input_chars);
        let mut copied_to = 0;
        for (start, from, to) in self.edits {
            origin.extend((copied_to as u32..start as u32).map(|i| (i, i + 1)));
            let whole = (start as u32, (start + from) as u32);
            origin.extend(std::iter::repeat_n(whole, to));
            copied_to = start + from;
        }
        origin.extend((copied_to as u32..input_chars as u32).map(|i| (i, i + 1)));
        OffsetMap {
            repr: Repr::Mapped(origin),
        }
    }
}

/// Byte offsets of every character of a text, plus its length: converts character offsets to
/// byte offsets (for slicing) and back (for regex matches).
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// `bytes[i]` is the byte offset of character `i`; the last entry is the text's length.
    bytes: Vec<u32>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        CharIndex::with_chars(text, |_| ())
    }

    /// Indexes `text`, handing each of its characters to `each` in the same pass.
    pub fn with_chars(text: &str, mut each: impl FnMut(char)) -> CharIndex {
        let mut bytes = Vec::with_capacity(text.len() / 2 + 1);
        bytes.extend(text.char_indices().map(|(b, c)| {
            each(c);
            b as u32
        }));
        bytes.push(text.len() as u32);
        CharIndex { bytes }
    }

    /// Number of characters in the text.
    pub fn chars(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Byte offset of character `char_offset` (the text's length for one past the end).
    pub fn byte(&self, char_offset: usize) -> usize {
        self.bytes[char_offset] as usize
    }

    /// Character offset of a byte offset that lies on a character boundary.
    pub fn char(&self, byte_offset: usize) -> usize {
        self.bytes
            .binary_search(&(byte_offset as u32))
            .expect("byte offset on a character boundary")
    }

    /// The substring of `text` (the text this index was built from) between two character offsets.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> &'t str {
        &text[self.byte(start)..self.byte(end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(u32, u32)]) -> OffsetMap {
        OffsetMap {
            repr: Repr::Mapped(pairs.to_vec()),
        }
    }

    #[test]
    fn identity_maps_each_character_to_itself() {
        let m = OffsetMap::identity(3);
        assert_eq!(
            m.to_original(NormalizedSpan { start: 1, end: 3 }),
            OriginalSpan { start: 1, end: 3 }
        );
    }

    #[test]
    fn original_spans_map_back_to_the_normalised_span_they_came_from() {
        // original "區(qū)域", normalised "區域".
        let m = map(&[(0, 1), (5, 6)]);
        for (start, end) in [(0, 1), (0, 2), (1, 2)] {
            let span = NormalizedSpan { start, end };
            assert_eq!(m.to_normalized(m.to_original(span)), span);
        }
        // Three original characters replaced by two: both map to all three.
        let m = map(&[(0, 3), (0, 3), (3, 4)]);
        let span = NormalizedSpan { start: 0, end: 3 };
        assert_eq!(m.to_normalized(m.to_original(span)), span);
        assert_eq!(
            OffsetMap::identity(5).to_normalized(OriginalSpan { start: 2, end: 4 }),
            NormalizedSpan { start: 2, end: 4 }
        );
    }

    #[test]
    fn a_deletion_widens_spans_that_cross_it_and_spares_those_that_do_not() {
        // original "區(qū)域", normalised "區域": characters 1..5 were deleted.
        let m = map(&[(0, 1), (5, 6)]);
        assert_eq!(
            m.to_original(NormalizedSpan { start: 0, end: 1 }),
            OriginalSpan { start: 0, end: 1 }
        );
        assert_eq!(
            m.to_original(NormalizedSpan { start: 0, end: 2 }),
            OriginalSpan { start: 0, end: 6 }
        );
        assert_eq!(
            m.to_original(NormalizedSpan { start: 1, end: 2 }),
            OriginalSpan { start: 5, end: 6 }
        );
    }

    #[test]
    fn empty_spans_map_to_an_empty_span() {
        let m = map(&[(0, 1), (5, 6)]);
        assert_eq!(
            m.to_original(NormalizedSpan { start: 1, end: 1 }),
            OriginalSpan { start: 5, end: 5 }
        );
        assert_eq!(
            m.to_original(NormalizedSpan { start: 2, end: 2 }),
            OriginalSpan { start: 6, end: 6 }
        );
        assert_eq!(
            OffsetMap::default().to_original(NormalizedSpan { start: 0, end: 0 }),
            OriginalSpan { start: 0, end: 0 }
        );
    }

    #[test]
    fn chaining_composes_deletions_and_phrase_replacements() {
        // A → B deletes A's character 1; B → C replaces B's two characters 1..3 by one.
        let a_to_b = map(&[(0, 1), (2, 3), (3, 4), (4, 5)]);
        let b_to_c = map(&[(0, 1), (1, 3), (3, 4)]);
        let a_to_c = a_to_b.then(b_to_c);
        assert_eq!(a_to_c, map(&[(0, 1), (2, 4), (4, 5)]));
        assert_eq!(
            OffsetMap::identity(2).then(map(&[(0, 2)])),
            map(&[(0, 2)]),
            "identity is neutral"
        );
    }

    #[test]
    fn edits_become_a_map_and_no_edits_the_identity() {
        assert_eq!(Edits::default().into_map(3), OffsetMap::identity(3));
        // "區(qū)域" → "區域": a deletion of 4 at 1; then "ab" → "x" at 6.
        let mut edits = Edits::default();
        edits.replace(1, 4, 0);
        edits.replace(6, 2, 1);
        assert_eq!(edits.into_map(9), map(&[(0, 1), (5, 6), (6, 8), (8, 9)]));
    }

    #[test]
    fn char_index_converts_both_ways_over_multibyte_text() {
        let text = "2020年增长16.3%";
        let index = CharIndex::new(text);
        assert_eq!(index.chars(), 12);
        assert_eq!(index.byte(5), 7);
        assert_eq!(index.char(7), 5);
        assert_eq!(index.slice(text, 4, 6), "年增");
        assert_eq!(index.byte(12), text.len());
    }
}
