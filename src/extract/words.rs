//! Word lists looked up at a position of a text, longest word first: units, comparators,
//! verbs of change; and the members of a list of words (`A、B等`). Words are kept by their first character (to find one that starts at a
//! position) or their last (to find one that ends there), so most positions are settled by one
//! look-up of a character, without building a string.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::document::Document;
use crate::segment::Token;

/// A set of characters of the Basic Multilingual Plane, one bit each: for questions asked of
/// nearly every character or word of a text, one look-up instead of a hash or a chain of
/// comparisons. Characters beyond the plane are never members.
#[derive(Debug, Clone)]
pub struct CharSet([u64; 1024]);

impl CharSet {
    /// The set of the characters of `groups`, built at compile time.
    pub const fn new(groups: &[&[char]]) -> CharSet {
        let mut bits = [0u64; 1024];
        let mut group = 0;
        while group < groups.len() {
            let mut index = 0;
            while index < groups[group].len() {
                let c = groups[group][index] as usize;
                if c < 0x10000 {
                    bits[c >> 6] |= 1 << (c & 63);
                }
                index += 1;
            }
            group += 1;
        }
        CharSet(bits)
    }

    /// The set of `chars`.
    pub fn from_chars(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut set = CharSet([0; 1024]);
        for c in chars {
            let c = c as usize;
            if c < 0x10000 {
                set.0[c >> 6] |= 1 << (c & 63);
            }
        }
        set
    }

    /// Whether `c` is in the set.
    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let c = c as usize;
        c < 0x10000 && self.0[c >> 6] & (1 << (c & 63)) != 0
    }
}

/// The first two (or last two) characters of a set of words, hashed into a bit set: a
/// position whose two characters are not in it starts (or ends) none of the words, settled by
/// one look-up (a Bloom filter of one hash). For words of two characters or more: a word of one
/// character is kept as that character and `\0`, which a position followed by another
/// character never matches.
#[derive(Debug, Clone)]
pub struct PairSet {
    bits: Vec<u64>,
    anchor: Anchor,
}

/// Size of a [`PairSet`] in bits: a few ten thousand pairs leave most bits clear.
const PAIR_BITS: usize = 1 << 20;

impl PairSet {
    /// The set of the first two characters of `words`.
    pub fn starting<'w>(words: impl IntoIterator<Item = &'w str>) -> PairSet {
        PairSet::new(Anchor::First, words)
    }

    /// The set of the last two characters of `words`.
    pub fn ending<'w>(words: impl IntoIterator<Item = &'w str>) -> PairSet {
        PairSet::new(Anchor::Last, words)
    }

    fn new<'w>(anchor: Anchor, words: impl IntoIterator<Item = &'w str>) -> PairSet {
        let mut bits = vec![0u64; PAIR_BITS / 64];
        for word in words {
            let bit = match anchor {
                Anchor::First => {
                    let mut chars = word.chars();
                    pair_bit(
                        chars.next().unwrap_or_default(),
                        chars.next().unwrap_or_default(),
                    )
                }
                Anchor::Last => {
                    let mut chars = word.chars().rev();
                    pair_bit(
                        chars.next().unwrap_or_default(),
                        chars.next().unwrap_or_default(),
                    )
                }
            };
            bits[bit / 64] |= 1 << (bit % 64);
        }
        PairSet { bits, anchor }
    }

    /// Whether a word of the set may start at `at` of `chars`, a position inside it.
    #[inline]
    pub fn may_start(&self, chars: &[char], at: usize) -> bool {
        debug_assert_eq!(self.anchor, Anchor::First);
        self.has(pair_bit(
            chars[at],
            chars.get(at + 1).copied().unwrap_or_default(),
        ))
    }

    /// Whether a word of the set may end right before `end` of `chars` (`end` > 0).
    #[inline]
    pub fn may_end(&self, chars: &[char], end: usize) -> bool {
        debug_assert_eq!(self.anchor, Anchor::Last);
        let before = end.checked_sub(2).map_or('\0', |at| chars[at]);
        self.has(pair_bit(chars[end - 1], before))
    }

    fn has(&self, bit: usize) -> bool {
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// The bit of a pair of characters in a set of [`PAIR_BITS`] bits.
fn pair_bit(first: char, second: char) -> usize {
    ((first as usize).wrapping_mul(0x9E37) ^ second as usize) % PAIR_BITS
}

/// Which end of its words a [`WordIndex`] or a [`PairSet`] is keyed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    First,
    Last,
}

/// Words with a value each.
#[derive(Debug, Clone)]
pub struct WordIndex<T> {
    anchor: Anchor,
    /// Longest first within each bucket.
    by_anchor: FxHashMap<char, Vec<(Vec<char>, T)>>,
    /// The longest word's length, in characters.
    longest: usize,
}

impl<T> WordIndex<T> {
    /// An index for finding words that start at a position.
    pub fn starting(words: impl IntoIterator<Item = (String, T)>) -> WordIndex<T> {
        WordIndex::new(Anchor::First, words)
    }

    /// An index for finding words that end at a position.
    pub fn ending(words: impl IntoIterator<Item = (String, T)>) -> WordIndex<T> {
        WordIndex::new(Anchor::Last, words)
    }

    fn new(anchor: Anchor, words: impl IntoIterator<Item = (String, T)>) -> WordIndex<T> {
        let mut by_anchor: FxHashMap<char, Vec<(Vec<char>, T)>> = FxHashMap::default();
        for (word, value) in words {
            let letters: Vec<char> = word.chars().collect();
            let key = match anchor {
                Anchor::First => letters.first(),
                Anchor::Last => letters.last(),
            };
            if let Some(&key) = key {
                by_anchor.entry(key).or_default().push((letters, value));
            }
        }
        for bucket in by_anchor.values_mut() {
            bucket.sort_by_key(|(letters, _)| std::cmp::Reverse(letters.len()));
        }
        let longest = by_anchor
            .values()
            .filter_map(|bucket| bucket.first())
            .map(|(letters, _)| letters.len())
            .max()
            .unwrap_or(0);
        WordIndex {
            anchor,
            by_anchor,
            longest,
        }
    }

    /// The longest word accepted by `keep` that starts at `at`, with the characters it takes;
    /// spaces between its letters are allowed (`个百分 点`).
    pub fn longest_at(
        &self,
        chars: &[char],
        at: usize,
        keep: impl Fn(&T) -> bool,
    ) -> Option<(&T, usize)> {
        debug_assert_eq!(self.anchor, Anchor::First);
        self.by_anchor
            .get(chars.get(at)?)?
            .iter()
            .filter(|(_, value)| keep(value))
            .find_map(|(letters, value)| Some((value, spaced_length(chars, at, letters)?)))
    }

    /// Whether a word starting at or before `start` reaches `end` or beyond: whether the span
    /// lies inside one of the words.
    pub fn covers(&self, chars: &[char], start: usize, end: usize) -> bool {
        (end.saturating_sub(self.longest)..=start).any(|from| {
            self.longest_at(chars, from, |_| true)
                .is_some_and(|(_, length)| from + length >= end)
        })
    }

    /// Every word that starts at `at`, with the characters it takes.
    pub fn all_at<'s>(
        &'s self,
        chars: &'s [char],
        at: usize,
    ) -> impl Iterator<Item = (&'s T, usize)> + 's {
        debug_assert_eq!(self.anchor, Anchor::First);
        chars
            .get(at)
            .and_then(|c| self.by_anchor.get(c))
            .into_iter()
            .flatten()
            .filter_map(move |(letters, value)| Some((value, spaced_length(chars, at, letters)?)))
    }

    /// The longest word accepted by `keep` that ends right before `end`, with its length.
    pub fn longest_ending_at(
        &self,
        chars: &[char],
        end: usize,
        keep: impl Fn(&T) -> bool,
    ) -> Option<(&T, usize)> {
        debug_assert_eq!(self.anchor, Anchor::Last);
        self.by_anchor
            .get(chars.get(end.checked_sub(1)?)?)?
            .iter()
            .filter(|(_, value)| keep(value))
            .find_map(|(letters, value)| {
                let start = end.checked_sub(letters.len())?;
                (chars[start..end] == letters[..]).then_some((value, letters.len()))
            })
    }
}

/// The characters that `letters` takes in `chars` from `at`, spaces between them skipped.
fn spaced_length(chars: &[char], at: usize, letters: &[char]) -> Option<usize> {
    let mut position = at;
    for (index, &letter) in letters.iter().enumerate() {
        if index > 0 {
            while chars.get(position) == Some(&' ') {
                position += 1;
            }
        }
        if chars.get(position) != Some(&letter) {
            return None;
        }
        position += 1;
    }
    Some(position - at)
}

/// The items of the list that ends right before `等`, as token ranges: runs of words whose
/// index in `tokens` `is_member_word` accepts, separated by `、`, `和`, `及`, `与`, read backwards until a word that
/// is neither.
pub fn list_items(
    document: &Document,
    tokens: &[Token],
    is_member_word: impl Fn(usize) -> bool,
) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    let mut end = tokens.len();
    let mut at = tokens.len();
    loop {
        while at > 0 && is_member_word(at - 1) {
            at -= 1;
        }
        if at == end {
            break;
        }
        items.push(at..end);
        if at == 0
            || !matches!(
                document.token_text(&tokens[at - 1]),
                "、" | "和" | "及" | "与"
            )
        {
            break;
        }
        at -= 1;
        end = at;
    }
    items.reverse();
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn a_span_is_covered_only_by_a_word_around_all_of_it() {
        let index = WordIndex::starting([("工业和信息化部".to_string(), ())]);
        let text = chars("由工业和信息化部牵头");
        assert!(index.covers(&text, 1, 3));
        assert!(index.covers(&text, 4, 8));
        assert!(!index.covers(&text, 0, 2));
        assert!(!index.covers(&text, 7, 9));
    }

    #[test]
    fn the_longest_word_wins_at_either_end() {
        let words = || [("米", 1), ("平方米", 2), ("平方", 3)].map(|(w, v)| (w.to_string(), v));
        let starting = WordIndex::starting(words());
        let text = chars("平方米以上");
        assert_eq!(starting.longest_at(&text, 0, |_| true), Some((&2, 3)));
        assert_eq!(starting.longest_at(&text, 0, |&v| v != 2), Some((&3, 2)));
        assert_eq!(starting.longest_at(&text, 3, |_| true), None);
        let ending = WordIndex::ending(words());
        assert_eq!(ending.longest_ending_at(&text, 3, |_| true), Some((&2, 3)));
        assert_eq!(ending.longest_ending_at(&text, 0, |_| true), None);
    }

    #[test]
    fn char_sets_built_either_way_agree() {
        const BUILT: CharSet = CharSet::new(&[&['一', '亿'], &['%']]);
        let runtime = CharSet::from_chars("一亿%".chars());
        for c in ['一', '亿', '%', '二', 'a', '😀'] {
            assert_eq!(BUILT.contains(c), runtime.contains(c), "{c}");
        }
        assert!(BUILT.contains('亿') && !BUILT.contains('二') && !BUILT.contains('😀'));
    }

    #[test]
    fn spaces_may_sit_between_the_letters_of_a_word_that_starts_somewhere() {
        let index = WordIndex::starting([("个百分点".to_string(), ())]);
        assert_eq!(
            index.longest_at(&chars("个百分 点。"), 0, |_| true),
            Some((&(), 5))
        );
        assert_eq!(index.longest_at(&chars(" 个百分点"), 0, |_| true), None);
    }
}
