//! The gazetteer: every place that has a name of its own in `dictionaries/` (administrative
//! divisions with their codes and parents, countries and foreign cities, rivers, mountains and
//! regions), and one automaton over their names and short forms, run anchored where a word
//! starts: a name that starts inside a word is no place. The 41,000 townships are left
//! out of the automaton, which they would make ten times larger and slower to build: their names
//! end in a few suffixes (`街道`, `镇`, `乡`), and are looked up where a word ends in one.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use rustc_hash::FxHashMap;

use crate::dictionaries::{DictionaryFile, DictionaryLines};
use crate::error::Error;
use crate::extract::places::PlaceKind;
use crate::extract::words::PairSet;

/// Index of an entry in [`Gazetteer::entries`].
pub type EntryId = u32;

/// A place of the gazetteer.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Full name (`石景山区`, `美国`, `长江`).
    pub name: String,
    /// Level of a division, or what else the place is.
    pub kind: PlaceKind,
    /// Statistical code of a division, ISO 3166-1 code of a country or of a city's country.
    pub code: Option<String>,
    /// The division or country it belongs to.
    pub parent: Option<EntryId>,
}

/// One place a name can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The place.
    pub entry: EntryId,
    /// The name is a short form (`石景山` for `石景山区`).
    pub short: bool,
    /// The short form also names another division of the same or a higher level, so only the
    /// document's context can make it this place.
    pub shared: bool,
}

/// A name found in a text, as byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    /// The name's index, for [`Gazetteer::readings`].
    pub name: usize,
    /// Byte offset of the name.
    pub byte_start: usize,
    /// Byte offset one past it.
    pub byte_end: usize,
}

/// All named places and the automaton that finds their names.
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Per name, the places it can stand for.
    readings: Vec<Vec<Reading>>,
    automaton: AhoCorasick,
    /// Per pattern of the automaton, its name.
    pattern_names: Vec<usize>,
    by_name: FxHashMap<String, usize>,
    /// First two characters of the automaton's names: most words start none.
    name_starts: PairSet,
    /// First two characters of the township names.
    township_starts: PairSet,
    /// Last two characters of the township names.
    township_ends: PairSet,
}

impl Gazetteer {
    /// Reads `divisions.tsv`, `world.tsv` and `landforms.tsv`; a malformed line names its file
    /// and line.
    pub fn new(
        divisions: &DictionaryFile,
        world: &DictionaryFile,
        landforms: &DictionaryFile,
    ) -> Result<Gazetteer, Error> {
        let mut builder = Builder::default();
        builder.divisions(divisions)?;
        builder.world(world)?;
        builder.landforms(landforms)?;
        let mut names = vec![""; builder.readings.len()];
        for (name, &index) in &builder.by_name {
            names[index] = name;
        }
        let is_township =
            |r: &Reading| builder.entries[r.entry as usize].kind == PlaceKind::Township;
        let pattern_names: Vec<usize> = (0..names.len())
            .filter(|&name| !builder.readings[name].iter().all(is_township))
            .collect();
        let townships: Vec<&str> = (0..names.len())
            .filter(|&name| builder.readings[name].iter().any(is_township))
            .map(|name| names[name])
            .collect();
        let township_starts = PairSet::starting(townships.iter().copied());
        let township_ends = PairSet::ending(townships.iter().copied());
        let name_starts = PairSet::starting(pattern_names.iter().map(|&name| names[name]));
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(pattern_names.iter().map(|&name| names[name]))
            .map_err(|e| Error::Dictionary {
                file: divisions.name().to_string(),
                line: 0,
                message: format!("cannot build the place-name automaton: {e}"),
            })?;
        Ok(Gazetteer {
            entries: builder.entries,
            readings: builder.readings,
            automaton,
            pattern_names,
            by_name: builder.by_name,
            name_starts,
            township_starts,
            township_ends,
        })
    }

    /// Whether a name above township level may start at `at` of `chars`.
    pub fn may_start_name(&self, chars: &[char], at: usize) -> bool {
        self.name_starts.may_start(chars, at)
    }

    /// The longest name above township level that starts at byte `start` of `text` and ends
    /// by byte `limit`.
    pub fn longest_at(&self, text: &str, start: usize, limit: usize) -> Option<NameMatch> {
        let input = Input::new(text).range(start..limit).anchored(Anchored::Yes);
        self.automaton.find(input).map(|m| NameMatch {
            name: self.pattern_names[m.pattern().as_usize()],
            byte_start: m.start(),
            byte_end: m.end(),
        })
    }

    /// The name or short form `text`, if the gazetteer has it.
    pub fn lookup(&self, text: &str) -> Option<usize> {
        self.by_name.get(text).copied()
    }

    /// Whether a township's name may start at `at` of `chars`.
    pub fn may_start_township(&self, chars: &[char], at: usize) -> bool {
        self.township_starts.may_start(chars, at)
    }

    /// Whether a township's name may end right before `end` of `chars`.
    pub fn may_end_township(&self, chars: &[char], end: usize) -> bool {
        self.township_ends.may_end(chars, end)
    }

    /// The places name `name` can stand for.
    pub fn readings(&self, name: usize) -> &[Reading] {
        &self.readings[name]
    }

    /// The place `id`.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id as usize]
    }

    /// The place, then its parent, up to the top.
    pub fn ancestors(&self, id: EntryId) -> impl Iterator<Item = EntryId> + '_ {
        std::iter::successors(Some(id), |&at| self.entry(at).parent)
    }
}

/// Collects entries and names while the files are read.
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    /// Per name, by its index in `by_name`, the places it stands for.
    readings: Vec<Vec<Reading>>,
    by_name: FxHashMap<String, usize>,
}

impl Builder {
    fn push(&mut self, entry: Entry) -> EntryId {
        self.entries.push(entry);
        (self.entries.len() - 1) as EntryId
    }

    fn name(&mut self, name: &str, reading: Reading) {
        // Looked up before it is copied: most short forms and many names come again.
        let index = match self.by_name.get(name) {
            Some(&index) => index,
            None => {
                self.readings.push(Vec::new());
                self.by_name
                    .insert(name.to_string(), self.readings.len() - 1);
                self.readings.len() - 1
            }
        };
        if !self.readings[index].contains(&reading) {
            self.readings[index].push(reading);
        }
    }

    fn divisions(&mut self, file: &DictionaryFile) -> Result<(), Error> {
        let mut by_code: FxHashMap<String, EntryId> = FxHashMap::default();
        for line in DictionaryLines::new(file) {
            let line = line?;
            let [code, level, name, parent, short] =
                line.fields(["code", "level", "name", "parent", "short"])?;
            let kind = match level {
                "province" => PlaceKind::Province,
                "prefecture" => PlaceKind::Prefecture,
                "county" => PlaceKind::County,
                "township" => PlaceKind::Township,
                _ => {
                    return Err(line.error(format!(
                        "level must be province, prefecture, county or township, not {level:?}"
                    )))
                }
            };
            let parent = match parent {
                "" => None,
                code => Some(*by_code.get(code).ok_or_else(|| {
                    line.error(format!("parent {code} is not listed before this line"))
                })?),
            };
            let id = self.push(Entry {
                name: name.to_string(),
                kind,
                code: Some(code.to_string()),
                parent,
            });
            if by_code.insert(code.to_string(), id).is_some() {
                return Err(line.error(format!("code {code} is listed twice")));
            }
            let full = Reading {
                entry: id,
                short: false,
                shared: false,
            };
            self.name(name, full);
            // A Beijing 地区 is the office of a town or township of the same name, one body
            // under two names (苏家坨地区 is 苏家坨镇, 卢沟桥地区 卢沟桥乡), and news uses either.
            if let Some(stem) = name
                .strip_suffix("地区")
                .filter(|_| kind == PlaceKind::Township && code.starts_with("11"))
            {
                self.name(&format!("{stem}镇"), full);
                self.name(&format!("{stem}乡"), full);
            }
            if !short.is_empty() {
                let (form, shared) = match short.strip_suffix('?') {
                    Some(form) => (form, true),
                    None => (short, false),
                };
                self.name(
                    form,
                    Reading {
                        entry: id,
                        short: true,
                        shared,
                    },
                );
            }
        }
        Ok(())
    }

    fn world(&mut self, file: &DictionaryFile) -> Result<(), Error> {
        let mut countries: FxHashMap<String, EntryId> = FxHashMap::default();
        for line in DictionaryLines::new(file) {
            let line = line?;
            let [name, kind, iso, aliases] = line.fields(["name", "kind", "iso", "aliases"])?;
            let (kind, parent) = match kind {
                "country" => (PlaceKind::Country, None),
                "city" => (PlaceKind::City, countries.get(iso).copied()),
                _ => return Err(line.error(format!("kind must be country or city, not {kind:?}"))),
            };
            let id = self.push(Entry {
                name: name.to_string(),
                kind,
                code: Some(iso.to_string()),
                parent,
            });
            if kind == PlaceKind::Country {
                countries.insert(iso.to_string(), id);
            }
            self.names_with_aliases(id, name, aliases);
        }
        Ok(())
    }

    fn landforms(&mut self, file: &DictionaryFile) -> Result<(), Error> {
        for line in DictionaryLines::new(file) {
            let line = line?;
            let [name, kind, aliases] = line.fields(["name", "kind", "aliases"])?;
            let kind = PlaceKind::natural(kind).ok_or_else(|| {
                line.error(format!(
                    "kind must be river, lake, mountain, sea, island, landform or region, not {kind:?}"
                ))
            })?;
            let id = self.push(Entry {
                name: name.to_string(),
                kind,
                code: None,
                parent: None,
            });
            self.names_with_aliases(id, name, aliases);
        }
        Ok(())
    }

    fn names_with_aliases(&mut self, entry: EntryId, name: &str, aliases: &str) {
        let reading = Reading {
            entry,
            short: false,
            shared: false,
        };
        self.name(name, reading);
        for alias in aliases.split([',', '，']).map(str::trim) {
            if !alias.is_empty() {
                self.name(alias, reading);
            }
        }
    }
}
