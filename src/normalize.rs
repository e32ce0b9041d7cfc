//! Normalisation: the original text becomes the text the extractors read, with an offset map back.
//!
//! Three character filters run in turn, each recording where its output came from (lindera's
//! character filters): pinyin annotations are removed, Traditional characters become Simplified,
//! and full-width digits, letters and the punctuation inside numbers are folded to ASCII.

use std::borrow::Cow;
use std::collections::HashSet;

use zhconv::{get_builtin_converter, Variant, ZhConverter};

use crate::dictionaries::{Dictionaries, DictionaryLines};
use crate::error::Error;
use crate::extract::words::CharSet;
use crate::offsets::{Edits, OffsetMap};

/// The normalised text, its offset map and what normalisation changed.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The text extractors read.
    pub text: String,
    /// Normalised characters → original characters.
    pub offsets: OffsetMap,
    /// What was changed, for the record's `stats`.
    pub changes: Changes,
}

/// Counts of what normalisation changed in one text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// Pinyin annotations removed, such as `(qū)` after `區`.
    pub pinyin_annotations_removed: usize,
    /// Original characters that Traditional → Simplified conversion replaced.
    pub traditional_chars_converted: usize,
    /// Full-width characters folded to ASCII.
    pub width_folded: usize,
}

/// Normalises texts; built once, shared by reference across threads.
pub struct Normalizer {
    /// Toneless syllables, with `ü` spelled `ü`.
    syllables: HashSet<String>,
    to_simplified: &'static ZhConverter,
    /// Which characters of the Basic Multilingual Plane are Traditional.
    traditional: CharSet,
}

/// The longest toneless syllable (`zhuang`, `chuang`, `shuang`) has six letters.
const MAX_SYLLABLE_LETTERS: usize = 6;

impl Normalizer {
    /// Builds a normaliser from the pinyin syllable list of `dictionaries`.
    pub fn new(dictionaries: &Dictionaries) -> Result<Normalizer, Error> {
        let mut syllables = HashSet::new();
        for line in DictionaryLines::new(dictionaries.pinyin_syllables()) {
            let line = line?;
            let syllable = line.text;
            if syllable.chars().count() > MAX_SYLLABLE_LETTERS
                || !syllable.chars().all(|c| c.is_ascii_lowercase() || c == 'ü')
            {
                return Err(line.error(format!(
                    "{syllable:?} is not a toneless syllable of at most {MAX_SYLLABLE_LETTERS} lower-case letters"
                )));
            }
            syllables.insert(syllable.to_string());
        }
        let to_simplified = get_builtin_converter(Variant::ZhHans);
        Ok(Normalizer {
            syllables,
            to_simplified,
            // About 63,000 look-ups, a few milliseconds, once: most news is Simplified, and a
            // text without a Traditional character is then not searched by the automaton.
            traditional: CharSet::from_chars(
                (0..=0xFFFF)
                    .filter_map(char::from_u32)
                    .filter(|&c| changes_alone(to_simplified, c)),
            ),
        })
    }

    /// Normalises `original`.
    // Kept out of line so that profiles and `scripts/bench-instructions.sh` see the stage.
    #[inline(never)]
    pub fn normalize(&self, original: &str) -> Normalized {
        let mut changes = Changes::default();
        let (stripped, stripped_map) = self.strip_pinyin(original, &mut changes);
        // The automaton reads every character, several times slower than this check; most news
        // is Simplified.
        let (simplified, simplified_map) = if stripped.chars().any(|c| self.is_traditional(c)) {
            let (text, map) = self.simplify(&stripped, &mut changes);
            (Cow::Owned(text), map)
        } else {
            let chars = stripped_map.len();
            (stripped, OffsetMap::identity(chars))
        };
        let text = fold_width(simplified, &mut changes);
        Normalized {
            text,
            offsets: stripped_map.then(simplified_map),
            changes,
        }
    }

    /// Removes a pinyin annotation after a Han character: `區(qū)`, `区（qu1）`, `贸(mao4)`.
    ///
    /// The annotation must be one syllable with a tone mark or a tone number, so `(GDP)`, `(AI)`
    /// and the real parenthesis of `建(構(gòu))筑物` stay.
    fn strip_pinyin<'t>(&self, text: &'t str, changes: &mut Changes) -> (Cow<'t, str>, OffsetMap) {
        let mut out = String::new();
        let mut edits = Edits::default();
        let mut copied_to = 0;
        let mut counted = CharCounter::default();
        for (at, bracket) in brackets(text) {
            let after_han = text[..at].chars().next_back().is_some_and(is_han);
            let annotation = after_han
                .then(|| self.annotation_length(&text[at + bracket.len()..]))
                .flatten();
            let Some((bytes, chars)) = annotation else {
                continue;
            };
            edits.replace(counted.chars_before(text, at), 1 + chars, 0);
            out.push_str(&text[copied_to..at]);
            copied_to = at + bracket.len() + bytes;
            changes.pinyin_annotations_removed += 1;
        }
        let input_chars = counted.chars_before(text, text.len());
        if copied_to == 0 {
            return (Cow::Borrowed(text), OffsetMap::identity(input_chars));
        }
        out.push_str(&text[copied_to..]);
        (Cow::Owned(out), edits.into_map(input_chars))
    }

    /// The length in bytes and characters of the pinyin annotation that `rest` (the text after
    /// an opening bracket) starts with, closing bracket included, or `None` when it starts with
    /// no annotation.
    fn annotation_length(&self, rest: &str) -> Option<(usize, usize)> {
        let mut syllable = String::with_capacity(MAX_SYLLABLE_LETTERS + 2);
        let mut tone_mark = false;
        let mut tone_number = false;
        for (chars, (at, c)) in rest.char_indices().enumerate() {
            if let Some((letter, marked)) = toneless_letter(c) {
                if tone_number || chars >= MAX_SYLLABLE_LETTERS {
                    return None;
                }
                syllable.push(letter);
                tone_mark |= marked;
            } else if ('0'..='5').contains(&c) && !syllable.is_empty() && !tone_number {
                // A tone number ends the syllable; the closing bracket must follow.
                tone_number = true;
            } else if matches!(c, ')' | '）') {
                let toned = tone_mark || tone_number;
                return (toned && self.syllables.contains(&syllable))
                    .then_some((at + c.len_utf8(), chars + 1));
            } else {
                return None;
            }
        }
        None
    }

    /// Whether a character is Traditional: the converter changes it when it stands alone.
    fn is_traditional(&self, c: char) -> bool {
        if c <= '\u{FFFF}' {
            self.traditional.contains(c)
        } else {
            changes_alone(self.to_simplified, c)
        }
    }

    /// Traditional → Simplified with the OpenCC tables of zhconv's `zh-Hans` converter.
    /// No rule applies to a text without a Traditional character (see below), so `normalize`
    /// passes only texts with one.
    fn simplify(&self, text: &str, changes: &mut Changes) -> (String, OffsetMap) {
        let mut out = String::with_capacity(text.len());
        let mut edits = Edits::default();
        let mut copied_to = 0;
        let mut counted = CharCounter::default();
        for (start, end, target) in self.to_simplified.search(text) {
            let source = &text[start..end];
            // A phrase rule applies only to a phrase with a Traditional character in it: OpenCC
            // maps 坏土 to 坯土 (坏 being an old form of 坯), which would turn Simplified
            // 破坏土耳其经济 into 破坯土耳其.
            if source == target || !source.chars().any(|c| self.is_traditional(c)) {
                continue;
            }
            out.push_str(&text[copied_to..start]);
            out.push_str(target);
            copied_to = end;
            let source_chars = source.chars().count();
            let target_chars = target.chars().count();
            changes.traditional_chars_converted += source_chars;
            if target_chars != source_chars {
                edits.replace(
                    counted.chars_before(text, start),
                    source_chars,
                    target_chars,
                );
            }
        }
        out.push_str(&text[copied_to..]);
        (out, edits.into_map(counted.chars_before(text, text.len())))
    }
}

/// Whether `converter` changes `c` when it stands alone.
fn changes_alone(converter: &ZhConverter, c: char) -> bool {
    let mut buffer = [0u8; 4];
    let alone: &str = c.encode_utf8(&mut buffer);
    let changed = converter
        .search(alone)
        .any(|(_, _, target)| target != alone);
    changed
}

/// Counts the characters of a text up to increasing byte offsets, reading each byte once.
#[derive(Default)]
struct CharCounter {
    bytes: usize,
    chars: usize,
}

impl CharCounter {
    /// The number of characters of `text` before byte offset `at`, which is not before the
    /// offset of the previous call.
    fn chars_before(&mut self, text: &str, at: usize) -> usize {
        self.chars += text[self.bytes..at].chars().count();
        self.bytes = at;
        self.chars
    }
}

/// Folds full-width digits and Latin letters to ASCII, `％` to `%`, and the full-width
/// punctuation that sits inside a number (`１２．５`, `１，２３４`, `２０２１－１２`, `１０：３０`) to
/// its ASCII form; one character for one, so offsets are unchanged.
fn fold_width(text: Cow<'_, str>, changes: &mut Changes) -> String {
    let mut out = String::new();
    let mut copied_to = 0;
    // Every form of U+FF01..U+FF5E starts with the byte 0xEF, which few other characters of
    // Chinese text do.
    for at in memchr::memchr_iter(0xEF, text.as_bytes()) {
        let mut chars = text[at..].chars();
        let Some(c) = chars
            .next()
            .filter(|c| matches!(c, '\u{FF01}'..='\u{FF5E}'))
        else {
            continue;
        };
        let previous = text[..at].chars().next_back();
        let after_digit = previous.is_some_and(|p| p.is_ascii_digit() || is_full_width_digit(p));
        let folded = match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' => fold_full_width(c),
            '．' | '：' | '／' if after_digit && starts_with_digits(chars.clone(), 1) => {
                fold_full_width(c)
            }
            // A minus or a dash before a digit: `－１２２％`, `２０２１－１２`.
            '－' if starts_with_digits(chars.clone(), 1) => '-',
            // A thousands separator only inside a number written in full width (`４，５６５`):
            // after ASCII digits `，` is the Chinese comma of a list (`$20，300美元`).
            '，' if previous.is_some_and(is_full_width_digit)
                && starts_with_full_width_digits(chars.clone(), 3)
                && !starts_with_full_width_digits(chars.clone(), 4) =>
            {
                ','
            }
            _ => continue,
        };
        if out.is_empty() {
            out.reserve(text.len());
        }
        out.push_str(&text[copied_to..at]);
        out.push(folded);
        copied_to = at + c.len_utf8();
        changes.width_folded += 1;
    }
    if copied_to == 0 {
        return text.into_owned();
    }
    out.push_str(&text[copied_to..]);
    out
}

/// The opening brackets of `text`, `(` and `（`, with their byte offsets.
fn brackets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    // `（` is U+FF08, the bytes EF BC 88.
    memchr::memchr2_iter(b'(', 0xEF, text.as_bytes()).filter_map(|at| {
        let bracket = if text.as_bytes()[at] == b'(' {
            "("
        } else {
            "（"
        };
        text[at..].starts_with(bracket).then_some((at, bracket))
    })
}

fn is_full_width_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn starts_with_full_width_digits(mut chars: std::str::Chars<'_>, count: usize) -> bool {
    (0..count).all(|_| chars.next().is_some_and(is_full_width_digit))
}

/// The ASCII character of a full-width form (U+FF01..U+FF5E).
fn fold_full_width(c: char) -> char {
    char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c)
}

fn starts_with_digits(mut chars: std::str::Chars<'_>, count: usize) -> bool {
    (0..count).all(|_| {
        chars
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    })
}

/// A CJK ideograph, in the blocks that news text uses.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// A pinyin letter without its tone, and whether it carried a tone mark; `v` is the usual
/// keyboard spelling of `ü`.
fn toneless_letter(c: char) -> Option<(char, bool)> {
    let plain = match c {
        'a'..='z' if c != 'v' => return Some((c, false)),
        'v' | 'ü' => return Some(('ü', false)),
        'ā' | 'á' | 'ǎ' | 'à' => 'a',
        'ē' | 'é' | 'ě' | 'è' => 'e',
        'ī' | 'í' | 'ǐ' | 'ì' => 'i',
        'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
        'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
        'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'ü',
        'ń' | 'ň' | 'ǹ' => 'n',
        'ḿ' => 'm',
        _ => return None,
    };
    Some((plain, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offsets::NormalizedSpan;

    fn normalizer() -> Normalizer {
        Normalizer::new(&Dictionaries::embedded()).unwrap()
    }

    #[test]
    fn each_rule_rewrites_its_own_forms_and_nothing_else() {
        let cases: &[(&str, &str, &str)] = &[
            ("pinyin with tone marks", "石景山區(qū)", "石景山区"),
            ("pinyin in full-width brackets", "服貿（mào）會", "服贸会"),
            ("pinyin with a tone number", "服贸(mao4)会", "服贸会"),
            ("pinyin with ü", "綠(lǜ)色", "绿色"),
            ("pinyin with v for ü", "绿(lv4)色", "绿色"),
            (
                "real parenthesis around a Han character",
                "建(構(gòu))筑物",
                "建(构)筑物",
            ),
            (
                "abbreviation in brackets",
                "國內生產總值(GDP)",
                "国内生产总值(GDP)",
            ),
            (
                "pinyin-like English without tone",
                "人工智能(AI)和(ai)",
                "人工智能(AI)和(ai)",
            ),
            ("not a syllable", "某(xyz1)处", "某(xyz1)处"),
            ("tone mark inside the syllable", "創(chuàng)新", "创新"),
            ("letter after a tone number", "某(ma4o)处", "某(ma4o)处"),
            ("two tone numbers", "某(ma45)处", "某(ma45)处"),
            ("two annotations in a row", "區(qū)區(qū)", "区区"),
            ("bracket after a digit", "第1(ā)项", "第1(ā)项"),
            ("unclosed annotation", "區(qū", "区(qū"),
            ("Traditional to Simplified", "經濟發展", "经济发展"),
            ("Simplified untouched", "经济发展", "经济发展"),
            (
                "a phrase rule needs a Traditional character",
                "破坏土耳其经济",
                "破坏土耳其经济",
            ),
            ("a phrase rule with one", "壞土", "坏土"),
            ("full-width digits", "２０２０年", "2020年"),
            ("full-width decimal and percent", "１２．５％", "12.5%"),
            ("full-width thousands separator", "１，２３４万", "1,234万"),
            (
                "full-width comma between numbers stays",
                "２０１９，２０２０年",
                "2019，2020年",
            ),
            (
                "full-width date separators",
                "２０２１－１２－０６",
                "2021-12-06",
            ),
            ("full-width letters", "５Ｇ基站", "5G基站"),
            (
                "full-width stop after a number stays",
                "增长５．",
                "增长5．",
            ),
            ("Chinese punctuation stays", "据悉，工作。", "据悉，工作。"),
            (
                "other forms starting with byte EF stay",
                "￥５元﹐",
                "￥5元﹐",
            ),
            (
                "a full-width bracket without pinyin stays",
                "（记者 王五）",
                "（记者 王五）",
            ),
        ];
        let normalizer = normalizer();
        for (name, input, expected) in cases {
            assert_eq!(normalizer.normalize(input).text, *expected, "{name}");
        }
    }

    #[test]
    fn the_set_of_traditional_characters_is_what_the_converter_changes_alone() {
        let normalizer = normalizer();
        for c in ['區', '經', '會', '著', '（'] {
            assert_eq!(
                normalizer.traditional.contains(c),
                changes_alone(normalizer.to_simplified, c),
                "{c}"
            );
        }
        assert!(normalizer.traditional.contains('區'));
        assert!(!normalizer.traditional.contains('区'));
        assert!(!normalizer.traditional.contains('a'));
        // Beyond the plane, the converter is asked.
        assert!(!normalizer.is_traditional('\u{20000}'));
    }

    #[test]
    fn changes_are_counted() {
        let normalized = normalizer().normalize("區(qū)域經(jīng)濟１２％");
        assert_eq!(
            normalized.changes,
            Changes {
                pinyin_annotations_removed: 2,
                traditional_chars_converted: 3,
                width_folded: 3,
            }
        );
    }

    #[test]
    fn offsets_point_back_into_the_original_across_removals_and_byte_length_changes() {
        let original = "９月６日,服貿(mào)會首鋼園區(qū)。";
        let normalized = normalizer().normalize(original);
        assert_eq!(normalized.text, "9月6日,服贸会首钢园区。");
        let original_chars: Vec<char> = original.chars().collect();
        let slice = |start: usize, end: usize| -> String {
            let span = normalized
                .offsets
                .to_original(NormalizedSpan { start, end });
            original_chars[span.start..span.end].iter().collect()
        };
        assert_eq!(slice(0, 4), "９月６日");
        assert_eq!(slice(5, 7), "服貿");
        assert_eq!(slice(5, 8), "服貿(mào)會");
        assert_eq!(slice(7, 8), "會");
        assert_eq!(slice(10, 12), "園區");
        assert_eq!(slice(12, 13), "。");
    }

    #[test]
    fn every_normalised_character_maps_to_an_original_character_in_order() {
        let original = "建(構(gòu))筑物２０２０年區(qū)";
        let normalized = normalizer().normalize(original);
        assert_eq!(normalized.offsets.len(), normalized.text.chars().count());
        let mut previous_end = 0;
        for i in 0..normalized.offsets.len() {
            let span = normalized.offsets.to_original(NormalizedSpan {
                start: i,
                end: i + 1,
            });
            assert!(span.start >= previous_end && span.end > span.start);
            previous_end = span.end;
        }
    }
}
