//! The unit table of `dictionaries/units.tsv`: surface → canonical unit, kind and factor.

use std::collections::HashSet;

use crate::decimal::Decimal;
use crate::dictionaries::{DictionaryFile, DictionaryLines};
use crate::error::Error;
use crate::extract::words::WordIndex;

/// A unit of measure as written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// As written (`平方米`, `亿`-free: magnitudes belong to the number).
    pub surface: String,
    /// Canonical code (`m2`, `CNY`, `%`, `count`).
    pub code: String,
    /// What it measures (`area`, `currency`, `percent`, `count`).
    pub kind: String,
    /// Base units per surface unit, as `numerator / denominator`.
    pub factor: (Decimal, Decimal),
    /// Where it is written.
    pub position: Position,
}

/// Where a unit is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// After the number (`690万平方米`).
    Suffix,
    /// Before it (`$20`).
    Prefix,
    /// After an amount of the same currency, with a number of its own (`五元三毛`).
    Subunit,
}

/// All units, looked up by the longest surface at a position.
#[derive(Debug, Clone)]
pub struct Units {
    /// Suffix and subunit surfaces, found where they start.
    after: WordIndex<Unit>,
    /// Prefix surfaces, found where they end.
    before: WordIndex<Unit>,
}

impl Units {
    /// Reads the table; a malformed line names its file and line.
    pub fn new(file: &DictionaryFile) -> Result<Units, Error> {
        let mut after = Vec::new();
        let mut before = Vec::new();
        let mut surfaces = HashSet::new();
        for line in DictionaryLines::new(file) {
            let line = line?;
            let [surface, code, kind, factor, position] =
                line.fields(["surface", "unit", "kind", "factor", "position"])?;
            let factor = parse_factor(factor)
                .ok_or_else(|| line.error(format!("factor {factor:?} is not a decimal or a/b")))?;
            let position = match position {
                "prefix" => Position::Prefix,
                "suffix" => Position::Suffix,
                "subunit" => Position::Subunit,
                other => {
                    return Err(line.error(format!(
                        "position must be prefix, suffix or subunit, not {other:?}"
                    )))
                }
            };
            if !surfaces.insert(surface.to_string()) {
                return Err(line.error(format!("{surface:?} is listed twice")));
            }
            let unit = Unit {
                surface: surface.to_string(),
                code: code.to_string(),
                kind: kind.to_string(),
                factor,
                position,
            };
            let list = if position == Position::Prefix {
                &mut before
            } else {
                &mut after
            };
            list.push((surface.to_string(), unit));
        }
        Ok(Units {
            after: WordIndex::starting(after),
            before: WordIndex::ending(before),
        })
    }

    /// The longest unit written after a number that starts at `at`, with its length in
    /// characters; spaces between its characters are allowed (`个百分 点`).
    pub fn suffix_at(&self, chars: &[char], at: usize) -> Option<(&Unit, usize)> {
        self.after
            .longest_at(chars, at, |unit| unit.position == Position::Suffix)
    }

    /// The longest subunit of a currency that starts at `at` (`毛`, `美分`).
    pub fn subunit_at(&self, chars: &[char], at: usize, code: &str) -> Option<(&Unit, usize)> {
        self.after.longest_at(chars, at, |unit| {
            unit.position == Position::Subunit && unit.code == code
        })
    }

    /// The longest unit written before a number that ends right before `end`.
    pub fn prefix_before(&self, chars: &[char], end: usize) -> Option<(&Unit, usize)> {
        self.before.longest_ending_at(chars, end, |_| true)
    }
}

/// `1000000`, `0.5` or `2000/3`.
fn parse_factor(text: &str) -> Option<(Decimal, Decimal)> {
    let (numerator, denominator) = match text.split_once('/') {
        Some((n, d)) => (Decimal::parse(n)?, Decimal::parse(d)?),
        None => (Decimal::parse(text)?, Decimal::from_int(1)),
    };
    (!denominator.is_zero()).then_some((numerator, denominator))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionaries::Dictionaries;

    #[test]
    fn the_longest_surface_wins_and_each_kind_resolves() {
        let units = Units::new(Dictionaries::embedded().units()).unwrap();
        let cases: &[(&str, &str, &str, &str)] = &[
            // text after the number, surface, code, kind
            ("平方米老旧小区", "平方米", "m2", "area"),
            ("米", "米", "m", "length"),
            ("亿元", "", "", ""),
            ("元,同比", "元", "CNY", "currency"),
            ("美元", "美元", "USD", "currency"),
            ("个百分点", "个百分点", "pp", "percentage_point"),
            ("个、", "个", "count", "count"),
            ("吨标准煤", "吨标准煤", "tce", "energy"),
            ("亩", "亩", "m2", "area"),
        ];
        for (text, surface, code, kind) in cases {
            let chars: Vec<char> = text.chars().collect();
            match units.suffix_at(&chars, 0) {
                Some((unit, length)) => {
                    assert_eq!(
                        (
                            unit.surface.as_str(),
                            unit.code.as_str(),
                            unit.kind.as_str()
                        ),
                        (*surface, *code, *kind),
                        "{text}"
                    );
                    assert_eq!(length, surface.chars().count());
                }
                None => assert_eq!(*surface, "", "{text}"),
            }
        }
        let mu = units.suffix_at(&['亩'], 0).unwrap().0;
        assert_eq!(mu.factor, (Decimal::from_int(2000), Decimal::from_int(3)));
        let chars: Vec<char> = "约$20".chars().collect();
        let (dollar, length) = units.prefix_before(&chars, 2).unwrap();
        assert_eq!((dollar.code.as_str(), length), ("USD", 1));
        let spaced: Vec<char> = "个百分 点".chars().collect();
        let (point, length) = units.suffix_at(&spaced, 0).unwrap();
        assert_eq!((point.code.as_str(), length), ("pp", 5));
        let mao: Vec<char> = "毛".chars().collect();
        assert!(units.suffix_at(&mao, 0).is_none(), "a subunit is no suffix");
        assert_eq!(
            units
                .subunit_at(&mao, 0, "CNY")
                .unwrap()
                .0
                .factor
                .0
                .to_string(),
            "0.1"
        );
        assert!(units.subunit_at(&mao, 0, "USD").is_none());
    }

    #[test]
    fn malformed_lines_are_named() {
        let file = DictionaryFile::for_test("units.tsv", "# header\n元\tCNY\tcurrency\n");
        let error = Units::new(&file).unwrap_err();
        assert_eq!(
            error.to_string(),
            "units.tsv:2: expected 5 tab-separated fields (surface, unit, kind, factor, position), found 3"
        );
        // A missing last field reads as empty, which a unit's position cannot be.
        let file = DictionaryFile::for_test("units.tsv", "元\tCNY\tcurrency\t1\n");
        assert_eq!(
            Units::new(&file).unwrap_err().to_string(),
            "units.tsv:1: position must be prefix, suffix or subunit, not \"\""
        );
        let file = DictionaryFile::for_test("units.tsv", "亩\tm2\tarea\t2000/0\tsuffix\n");
        assert!(Units::new(&file)
            .unwrap_err()
            .to_string()
            .contains("factor"));
    }
}
