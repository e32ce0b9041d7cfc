//! Places: administrative divisions resolved to their code and path, countries, foreign cities
//! and natural features from the gazetteer, and the local places no gazetteer lists (villages,
//! roads, stations, lines, parks, zones, factories), found by the head their name ends with or
//! as members of a list of such places.
//!
//! A gazetteer name is a place only where the segmentation agrees that it is a word: `大厂` in
//! `京西八大厂` and `新和` in `创新和文化` are not counties. A name several divisions share
//! (`朝阳区`) is resolved from the other places the document names.

use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::dictionaries::{DictionaryFile, DictionaryLines};
use crate::document::Document;
use crate::error::Error;
use crate::extract::gazetteer::{EntryId, Gazetteer, Reading};
use crate::extract::words::{list_items, CharSet, WordIndex};
use crate::offsets::NormalizedSpan;
use crate::record::Mention;
use crate::segment::{PosTag, Token};

/// What a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// Province, autonomous region, municipality or special administrative region.
    Province,
    /// Prefecture-level city, prefecture, league or autonomous prefecture.
    Prefecture,
    /// District, county, county-level city or banner.
    County,
    /// Township, town or street (街道).
    Township,
    /// A country.
    Country,
    /// A city outside China.
    City,
    /// A river or canal.
    River,
    /// A lake or reservoir.
    Lake,
    /// A mountain or range.
    Mountain,
    /// A sea, bay or strait.
    Sea,
    /// An island.
    Island,
    /// A plateau, basin, plain or desert.
    Landform,
    /// A named region (`京津冀`, `长三角`, `东南亚`).
    Region,
    /// A village.
    Village,
    /// A residential community (社区).
    Community,
    /// An area: a shanty-town, a neighbourhood, a block (`棚户区` members).
    Area,
    /// A road, street or lane.
    Road,
    /// A bridge.
    Bridge,
    /// A station or airport.
    Station,
    /// A port or wharf.
    Port,
    /// A railway or metro line.
    Line,
    /// A park or industrial park.
    Park,
    /// A development or demonstration zone.
    Zone,
    /// A factory.
    Factory,
    /// A landmark site: a square, a building, a venue.
    Site,
}

impl PlaceKind {
    /// The kind of a natural feature, region or new area of `landforms.tsv`.
    pub fn natural(name: &str) -> Option<PlaceKind> {
        Some(match name {
            "zone" => PlaceKind::Zone,
            "river" => PlaceKind::River,
            "lake" => PlaceKind::Lake,
            "mountain" => PlaceKind::Mountain,
            "sea" => PlaceKind::Sea,
            "island" => PlaceKind::Island,
            "landform" => PlaceKind::Landform,
            "region" => PlaceKind::Region,
            _ => return None,
        })
    }

    /// Whether `kind` is one of [`PlaceKind::natural`]'s, a new area excepted.
    fn natural_kind(kind: PlaceKind) -> bool {
        matches!(
            kind,
            PlaceKind::River
                | PlaceKind::Lake
                | PlaceKind::Mountain
                | PlaceKind::Sea
                | PlaceKind::Island
                | PlaceKind::Landform
                | PlaceKind::Region
        )
    }

    /// The kind of a local place of `place-words.tsv`.
    fn local(name: &str) -> Option<PlaceKind> {
        Some(match name {
            "village" => PlaceKind::Village,
            "community" => PlaceKind::Community,
            "area" => PlaceKind::Area,
            "road" => PlaceKind::Road,
            "bridge" => PlaceKind::Bridge,
            "station" => PlaceKind::Station,
            "port" => PlaceKind::Port,
            "line" => PlaceKind::Line,
            "park" => PlaceKind::Park,
            "factory" => PlaceKind::Factory,
            "site" => PlaceKind::Site,
            other => return PlaceKind::natural(other),
        })
    }

    /// Depth of an administrative division (0 for provinces), or `None`.
    fn division_level(self) -> Option<usize> {
        match self {
            PlaceKind::Province => Some(0),
            PlaceKind::Prefecture => Some(1),
            PlaceKind::County => Some(2),
            PlaceKind::Township => Some(3),
            _ => None,
        }
    }
}

/// How a place was recognised and, for a division, how its name was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The name stands for one place.
    Unique,
    /// Several places have the name; the others the document names decided.
    Context,
    /// Several places have the name and nothing in the document decides; the highest-level
    /// one is taken (`西安` the city, not `西安区`), as readers would.
    Level,
    /// Several places have the name and nothing decides: see `candidates`.
    Ambiguous,
    /// A local place, found by the head its name ends with (`村`, `路`, `站`).
    Head,
    /// A local place named in a list with others (`西黄村、衙门口、北辛安等棚户区`).
    List,
}

/// A place named in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Where it is: `text` as in the original, `start`/`end`, `sentence`.
    #[serde(flatten)]
    pub mention: Mention,
    /// Full name from the gazetteer (`石景山区` for `石景山`), or the name as written
    /// (Simplified) for a local place.
    pub name: String,
    /// What it is.
    pub kind: PlaceKind,
    /// Statistical code of a division (`110107`), ISO 3166-1 code of a country or of a city's
    /// country; `null` for other places and for unresolved names.
    pub code: Option<String>,
    /// Names from the province (or country) down to the place itself; a local place's path
    /// starts with its parent division's.
    pub path: Vec<String>,
    /// The text is a short form of the name (`石景山`, `北京`).
    pub short_form: bool,
    /// How it was recognised and resolved.
    pub resolution: Resolution,
    /// For an ambiguous name, the places it may be (at most [`MAX_CANDIDATES`]).
    pub candidates: Vec<Candidate>,
    /// How many places the ambiguous name may be in all.
    pub candidate_count: usize,
    /// For a local place, the code of the division it lies in, where the document says.
    pub parent: Option<String>,
}

/// A place an ambiguous name may be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// Its code.
    pub code: Option<String>,
    /// Its path.
    pub path: Vec<String>,
}

/// Candidates listed for an ambiguous name: `城关镇` names over a hundred townships.
pub const MAX_CANDIDATES: usize = 10;

/// Most words a township's name takes (`鲁谷/街道`, `卢沟桥/地区`).
const MAX_TOWNSHIP_WORDS: usize = 4;

/// Most tokens a local place's name takes before its head.
const MAX_STEM_TOKENS: usize = 6;

/// What must come before a head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Head {
    kind: PlaceKind,
    /// A one-character head (`村`, `路`, `站`) also ends common words (`农村`, `站在`).
    single: bool,
    /// A line's head that names its railway (`铁路`, `高铁`): a proper name before it is
    /// enough (`郑渝高铁`).
    railway: bool,
}

/// The gazetteer and the words of local places, built once.
pub struct Places {
    gazetteer: Gazetteer,
    heads: WordIndex<Head>,
    /// Last characters of the heads: most words end in none, settled by one bit.
    head_ends: CharSet,
    list_nouns: WordIndex<PlaceKind>,
    generic: FxHashSet<String>,
    stop_verbs: FxHashSet<String>,
    line_stems: Vec<String>,
    organisation_ends: WordIndex<()>,
    /// Short forms that are mostly common words (`新建`, `惠民`): a place only with support.
    common_short_forms: FxHashSet<String>,
    /// Last characters of those words.
    organisation_last: CharSet,
}

/// A place found, before it becomes a [`Place`].
#[derive(Debug, Clone)]
struct Found<'g> {
    span: NormalizedSpan,
    kind: PlaceKind,
    /// The gazetteer readings of a name; empty for a local place.
    readings: &'g [Reading],
    resolution: Resolution,
    /// The chosen reading, once resolved.
    entry: Option<EntryId>,
    short: bool,
    /// A local place's division, when it names one right before it (`海淀区中关村大街`).
    parent: Option<EntryId>,
}

impl Places {
    /// Reads the gazetteer files and `place-words.tsv`; a malformed line names its file and
    /// line.
    pub fn new(gazetteer: Gazetteer, words: &DictionaryFile) -> Result<Places, Error> {
        let (mut heads, mut list_nouns) = (Vec::new(), Vec::new());
        let (mut generic, mut stop_verbs) = (FxHashSet::default(), FxHashSet::default());
        let (mut line_stems, mut organisation_ends) = (Vec::new(), Vec::new());
        let mut common_short_forms = FxHashSet::default();
        for line in DictionaryLines::new(words) {
            let line = line?;
            let mut fields = line.text.split('\t').map(str::trim);
            let (role, word) = (fields.next().unwrap_or(""), fields.next().unwrap_or(""));
            let kind = fields.next().map(|kind| {
                PlaceKind::local(kind)
                    .ok_or_else(|| line.error(format!("{kind:?} is no kind of local place")))
            });
            match (role, kind) {
                ("head", Some(kind)) => heads.push((
                    word.to_string(),
                    Head {
                        kind: kind?,
                        single: word.chars().count() == 1,
                        railway: false,
                    },
                )),
                ("list", Some(kind)) => list_nouns.push((word.to_string(), kind?)),
                ("generic", None) => {
                    generic.insert(word.to_string());
                }
                ("stop", None) => {
                    stop_verbs.insert(word.to_string());
                }
                ("line-stem", None) => line_stems.push(word.to_string()),
                ("org-end", None) => organisation_ends.push((word.to_string(), ())),
                ("common", None) => {
                    common_short_forms.insert(word.to_string());
                }
                _ => {
                    return Err(line.error(
                        "expected `head` or `list` with a word and a kind, or `generic`, `stop`, `line-stem`, `org-end` or `common` with a word",
                    ))
                }
            }
        }
        for (word, head) in &mut heads {
            head.railway = head.kind == PlaceKind::Line
                && line_stems.iter().any(|stem| word.contains(stem.as_str()));
        }
        Ok(Places {
            gazetteer,
            head_ends: CharSet::from_chars(heads.iter().filter_map(|(h, _)| h.chars().last())),
            heads: WordIndex::ending(heads),
            list_nouns: WordIndex::ending(list_nouns),
            generic,
            stop_verbs,
            line_stems,
            organisation_last: CharSet::from_chars(
                organisation_ends
                    .iter()
                    .filter_map(|(w, _): &(String, ())| w.chars().last()),
            ),
            organisation_ends: WordIndex::ending(organisation_ends),
            common_short_forms,
        })
    }

    /// The places of a document, in text order.
    // Kept out of line so that profiles and `scripts/bench-instructions.sh` see the stage.
    #[inline(never)]
    pub fn find(&self, document: &Document) -> Vec<Place> {
        let mut found = self.named(document);
        let local = self.headed(document, &found);
        // A local place holds the division its name starts with (`广宁村`, `石景山路`).
        // but a name the gazetteer knows whole stays its place (`石景山`, not a mountain).
        let local: Vec<Found> = local
            .into_iter()
            .filter(|l| {
                !found
                    .iter()
                    .any(|f| f.span.start <= l.span.start && l.span.end <= f.span.end)
            })
            .collect();
        found.retain(|f| !local.iter().any(|l| l.span.overlaps(f.span)));
        found.extend(local);
        self.list_members(document, &mut found);
        found.sort_by_key(|f| f.span.start);
        self.resolve(document, &mut found);
        self.places(document, found)
    }

    /// Gazetteer names that are whole words of the segmentation, longest first, without
    /// overlaps.
    fn named(&self, document: &Document) -> Vec<Found<'_>> {
        let tokens = document.tokens();
        let text = document.normalized();
        let chars = document.normalized_chars();
        let index = document.normalized_index();
        let mut matches: Vec<(usize, usize, usize)> = Vec::new();
        for (at, token) in tokens.iter().enumerate() {
            if !self.gazetteer.may_start_name(chars, token.span.start) {
                continue;
            }
            // The longest name here, or else the longest ending at a word end inside it
            // (`北京` of `北京/市民`, where `北京市` cuts a word).
            let mut limit = text.len();
            while let Some(name) = self.gazetteer.longest_at(text, token.byte_start, limit) {
                if holds_name(tokens, at, name.byte_end) {
                    matches.push((token.span.start, index.char(name.byte_end), name.name));
                    break;
                }
                // One word of two names (`上海市浦东新区`): both, where the rest of the word is
                // a name in full.
                let rest = name.byte_end..token.byte_end;
                if let Some(second) = (name.byte_end < token.byte_end)
                    .then(|| self.gazetteer.lookup(&text[rest.clone()]))
                    .flatten()
                    .filter(|&second| {
                        self.gazetteer
                            .readings(second)
                            .iter()
                            .any(|reading| !reading.short)
                    })
                {
                    matches.push((token.span.start, index.char(name.byte_end), name.name));
                    matches.push((index.char(rest.start), token.span.end, second));
                    break;
                }
                match tokens[at..]
                    .iter()
                    .take_while(|t| t.byte_end < name.byte_end)
                    .last()
                {
                    Some(inside) => limit = inside.byte_end,
                    None => break,
                }
            }
        }
        self.townships(document, &mut matches);
        matches.retain(|&(_, end, _)| !self.names_an_organisation(document, end));
        matches.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        let mut found: Vec<Found> = Vec::new();
        for (start, end, name) in matches {
            if found.last().is_some_and(|f| f.span.end > start) {
                continue;
            }
            let readings = self.gazetteer.readings(name);
            let first = self.gazetteer.entry(readings[0].entry);
            found.push(Found {
                span: NormalizedSpan { start, end },
                kind: first.kind,
                short: readings.iter().all(|r| r.short),
                readings,
                resolution: Resolution::Unique,
                entry: None,
                parent: None,
            });
        }
        found
    }

    /// Township names ending where a word ends, made of up to four words (`鲁谷街道`).
    fn townships(&self, document: &Document, matches: &mut Vec<(usize, usize, usize)>) {
        let chars = document.normalized_chars();
        let tokens = document.tokens();
        let text = document.normalized();
        for (at, token) in tokens.iter().enumerate() {
            if !self.gazetteer.may_end_township(chars, token.span.end) {
                continue;
            }
            for first in (at.saturating_sub(MAX_TOWNSHIP_WORDS - 1)..=at).rev() {
                if !self
                    .gazetteer
                    .may_start_township(chars, tokens[first].span.start)
                {
                    continue;
                }
                let candidate = &text[tokens[first].byte_start..token.byte_end];
                if let Some(name) = self.gazetteer.lookup(candidate) {
                    matches.push((tokens[first].span.start, token.span.end, name));
                }
            }
        }
    }

    /// Whether the words right after a place name end the name of a company, club or school
    /// (`中国建设银行`, `北京大学`), which then holds the place name.
    fn names_an_organisation(&self, document: &Document, end: usize) -> bool {
        let chars = document.normalized_chars();
        let tokens = document.tokens();
        let next = first_token_at(tokens, end);
        let ends_organisation = |t: &Token| {
            let e = t.span.end;
            e > end
                && self.organisation_last.contains(chars[e - 1])
                && self
                    .organisation_ends
                    .longest_ending_at(chars, e, |_| true)
                    .is_some_and(|(_, length)| e - length >= end)
        };
        let mut following = tokens[next.min(tokens.len())..].iter();
        // The second word counts only after a noun (`美国/花旗/银行`), not after `多家`, `某`
        // or `正是` (`北京多家银行` names Beijing).
        match (following.next(), following.next()) {
            (Some(first), second) => {
                ends_organisation(first)
                    || (matches!(first.tag.as_bytes(), [b'n', ..] | b"j" | b"b" | b"vn")
                        && second.is_some_and(ends_organisation))
            }
            (None, _) => false,
        }
    }

    /// Local places: a stem of name-like words, then a head (`衙门口站`, `永引渠南路`).
    fn headed(&self, document: &Document, named: &[Found]) -> Vec<Found<'_>> {
        let chars = document.normalized_chars();
        let tokens = document.tokens();
        let mut found: Vec<Found> = Vec::new();
        for (at, token) in tokens.iter().enumerate() {
            if !self.head_ends.contains(chars[token.span.end - 1]) {
                continue;
            }
            let Some((head, length)) = self
                .heads
                .longest_ending_at(chars, token.span.end, |_| true)
            else {
                continue;
            };
            let head_start = token.span.end - length;
            // The head of a division's own name (`新区` of `浦东新区`) starts no other place.
            if named
                .iter()
                .any(|f| f.span.start < head_start && token.span.end <= f.span.end)
            {
                continue;
            }
            // A common word that ends in a head (`道路`, `农村`, `生产线`) names no place.
            if head_start > token.span.start && self.generic.contains(document.token_text(token)) {
                continue;
            }
            // After a place's name the character is its head (`福田站`, `和平门站至`).
            let after_place = named.iter().chain(&found).any(|f| f.span.end == head_start);
            if head.single && token.tag.as_bytes() == b"v" && token.span.len() == 1 && !after_place
            {
                // `站在`, `路过`: the character is a verb here.
                let next = tokens.get(at + 1).map(|t| t.tag.as_bytes());
                if matches!(next, Some(b"p" | b"v" | b"d" | b"f" | b"ul" | b"uz")) {
                    continue;
                }
            }
            // The token that holds the head's first character, and the part of it before.
            let mut first = at;
            while tokens[first].span.start > head_start {
                first -= 1;
            }
            let prefix = NormalizedSpan {
                start: tokens[first].span.start,
                end: head_start,
            };
            // One character before the head in a proper name is a name (`宏村`).
            let one_character_name = first == at
                && prefix.len() == 1
                && (matches!(token.tag.as_bytes(), b"ns" | b"nz")
                    || (token.tag.as_bytes() == b"nr" && head.kind == PlaceKind::Village))
                && !matches!(chars[prefix.start], '东' | '西' | '南' | '北' | '中');
            let stem = if one_character_name {
                Some((token.span.start, None))
            } else {
                self.stem(document, named, &found, first, prefix, *head)
            };
            let Some((stem_start, parent)) = stem else {
                continue;
            };
            let span = NormalizedSpan {
                start: stem_start,
                end: token.span.end,
            };
            // A name the gazetteer knows is its place or, where rejected there, none
            // (`香港` is no port, `山东省` before `大学` no province).
            if self
                .gazetteer
                .lookup(document.normalized_text(span))
                .is_some()
            {
                continue;
            }
            // A longer place ending here (`福寿岭站` over `福寿岭`) replaces the shorter ones.
            found.retain(|f| !(f.span.start >= span.start && f.span.end <= span.end));
            if found.iter().any(|f| f.span.overlaps(span)) {
                continue;
            }
            found.push(Found {
                span,
                kind: head.kind,
                readings: &[],
                resolution: Resolution::Head,
                entry: None,
                short: false,
                parent,
            });
        }
        found
    }

    /// Where the name before a head starts, and the division named right before the name.
    /// `first` is the token holding the head's first character and `prefix` the part of it
    /// before the head.
    #[allow(clippy::too_many_arguments)]
    fn stem(
        &self,
        document: &Document,
        named: &[Found],
        local: &[Found],
        first: usize,
        prefix: NormalizedSpan,
        head: Head,
    ) -> Option<(usize, Option<EntryId>)> {
        let tokens = document.tokens();
        // Pieces of the stem, right to left: the prefix, then whole tokens.
        let mut pieces: Vec<Piece> = Vec::new();
        if !prefix.is_empty() {
            pieces.push(Piece {
                span: prefix,
                tag: tokens[first].tag,
            });
        }
        let mut parent = None;
        let mut at = first;
        while at > 0 && pieces.len() < MAX_STEM_TOKENS {
            let token = &tokens[at - 1];
            // A name runs on over a local place right before its head, whole (`文泽路站`,
            // `友谊东路社区`, `和平门站`, `临港新片区`), and over a village or natural feature
            // further back (`中关村…产业园`, `东安湖体育公园` over the county `东安` in the
            // lake). Other places end the name: a line (`地铁1号线福寿岭站`), a zone before a
            // park in it, an area before its road.
            if let Some(place) = local.iter().find(|l| l.span.end == token.span.end) {
                // A village's shanty-town or block is the village's area (`广宁村棚户区`).
                let village_area = place.kind == PlaceKind::Village && head.kind == PlaceKind::Area;
                let holds = place.kind != PlaceKind::Line
                    && !village_area
                    && (pieces.iter().all(|p| p.is_modifier(document))
                        || place.kind == PlaceKind::Village
                        || PlaceKind::natural_kind(place.kind));
                if !holds {
                    break;
                }
                pieces.push(Piece {
                    span: place.span,
                    tag: PosTag::PLACE,
                });
                at = first_token_at(tokens, place.span.start);
                if at == 0 || tokens[at].span.start < place.span.start {
                    break;
                }
                continue;
            }
            // A division right before the name is where the place lies (`海淀区中关村大街`).
            // It is part of the name right before the head (`广宁村`, `鹿特丹港`), as a short
            // form one character before it (`北安/河站`), before a park, zone or site of
            // generic words (`金寨现代产业园区`), before `驻`, and a lake, mountain or region
            // always is (`东安湖体育公园`); a country further back is where the place lies
            // (`美国` of `美国密西西比州`).
            if let Some(division) = named.iter().find(|f| f.span.end == token.span.end) {
                let own: usize = pieces
                    .iter()
                    .filter(|p| !p.is_direction(document))
                    .map(|p| p.span.len())
                    .sum();
                let generic = pieces.iter().all(|p| {
                    p.is_direction(document)
                        || self.generic.contains(document.normalized_text(p.span))
                });
                let names_after_it = generic
                    && matches!(
                        head.kind,
                        PlaceKind::Park | PlaceKind::Zone | PlaceKind::Site
                    );
                // `中国驻美国大使馆`: the sending country is part of its mission's name.
                let sends = pieces
                    .last()
                    .is_some_and(|p| document.normalized_text(p.span) == "驻");
                let part_of_name = own == 0
                    || (own < 2 && division.short)
                    || names_after_it
                    || sends
                    || PlaceKind::natural_kind(division.kind);
                if !part_of_name {
                    parent = division.readings.first().map(|r| r.entry);
                    break;
                }
                pieces.push(Piece {
                    span: division.span,
                    tag: PosTag::PLACE,
                });
                at = first_token_at(tokens, division.span.start);
                if at == 0 || division.span.start < token.span.start {
                    break;
                }
                continue;
            }
            if !self.stem_word(document, token) {
                break;
            }
            pieces.push(Piece {
                span: token.span,
                tag: token.tag,
            });
            at -= 1;
        }
        let start = self.stem_start(document, &pieces, head)?;
        let whole = pieces.last().is_some_and(|p| p.span.start == start);
        Some((start, parent.filter(|_| whole)))
    }

    /// Whether a token can be part of a local place's name.
    fn stem_word(&self, document: &Document, token: &Token) -> bool {
        let text = document.token_text(token);
        match token.tag.as_bytes() {
            [b'n', ..] | b"j" | b"eng" | b"m" | b"q" | b"b" | b"s" | b"zg" | b"vg" | b"a" => true,
            b"v" | b"vn" => !self.stop_verbs.contains(text),
            // `现代/t` of `金寨现代产业园区`, not `今年/t`.
            b"t" => self.generic.contains(text),
            b"x" => text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            _ => false,
        }
    }

    /// Where the name starts among `pieces` (right to left), or `None` when no name is there.
    fn stem_start(&self, document: &Document, pieces: &[Piece], head: Head) -> Option<usize> {
        let text = |piece: &Piece| document.normalized_text(piece.span);
        let chosen = if head.kind == PlaceKind::Line {
            // A line names its railway (`地铁1号线`, `市郊铁路城市副中心线`): `线` also ends
            // `生产线` and `红线`. After `线`, one modifier may come before the railway.
            let system = pieces
                .iter()
                .rposition(|p| self.line_stems.iter().any(|s| text(p).contains(s.as_str())));
            // `8号线`: a numbered line needs no railway named before it.
            let numbered = !head.single
                && pieces
                    .first()
                    .is_some_and(|p| text(p).chars().all(|c| c.is_ascii_digit()));
            let system = match system {
                Some(system) => system,
                None if numbered => return Some(pieces[0].span.start),
                None if head.railway => pieces.iter().rposition(Piece::is_proper)?,
                None => return None,
            };
            let modifier = head.single
                && pieces
                    .get(system + 1)
                    .is_some_and(|p| matches!(p.tag.as_bytes(), b"s" | b"b" | b"a"));
            Some(system + usize::from(modifier))
        } else if let Some(proper) = pieces
            .iter()
            .rposition(|p| p.is_proper() && !p.is_direction(document))
        {
            // The leftmost proper name, and a one-character modifier before it (`新首钢`).
            Some(proper)
        } else {
            // The nearest noun that is no generic word, and the generic words before it
            // (`国家体育产业示范区`, `新首钢高端产业综合服务区`).
            let anchor = pieces.iter().position(|p| {
                p.is_noun_like()
                    && text(p).chars().count() >= 2
                    && !self.generic.contains(text(p))
                    && !p.is_direction(document)
            })?;
            let mut start = anchor;
            while pieces
                .get(start + 1)
                .is_some_and(|p| self.generic.contains(text(p)) || p.is_modifier(document))
            {
                start += 1;
            }
            Some(start)
        }?;
        let mut chosen = chosen;
        while pieces
            .get(chosen + 1)
            .is_some_and(|p| p.is_modifier(document))
        {
            chosen += 1;
        }
        let name: String = pieces[..=chosen].iter().rev().map(text).collect();
        let length = name.chars().count();
        let only_generic = pieces[..=chosen]
            .iter()
            .all(|p| self.generic.contains(text(p)) || p.is_direction(document));
        // Two numbers make a framework (`一轴四园`), not a park; one is a name (`三里屯`).
        let numerals = name
            .chars()
            .filter(|c| "0123456789一二三四五六七八九十".contains(*c));
        let numbered = head.kind != PlaceKind::Line && numerals.count() >= 2;
        // A count of places right before the head names a group of them (`京西八大厂`).
        let group = pieces.first().is_some_and(|p| is_count(text(p)));
        let anchored = !head.single || pieces[..=chosen].iter().any(|p| p.is_name_anchor());
        if only_generic || numbered || group || length < 2 || !anchored {
            return None;
        }
        Some(pieces[chosen].span.start)
    }

    /// The noun of a list at token `next`, after `等`: the kind of place its members are, and
    /// the noun that makes a division of a member (`劲松、团结湖、八里庄等街道`).
    fn list_noun<'d>(
        &self,
        document: &'d Document,
        found: &[Found],
        mut next: usize,
    ) -> (Option<PlaceKind>, Option<&'d str>) {
        let tokens = document.tokens();
        let chars = document.normalized_chars();
        // Quotes, a count of the members (`等12个重点商圈`) and the place they lie in
        // (`等“京西八大厂”`) may come before the noun.
        while tokens.get(next).is_some_and(|t| {
            matches!(document.token_text(t), "“" | "\"" | "‘" | "'")
                || matches!(t.tag.as_bytes(), b"m" | b"mq" | b"q")
                || found.iter().any(|f| {
                    f.span == t.span
                        && !f.readings.is_empty()
                        && !is_division_noun(document.token_text(t))
                })
        }) {
            next += 1;
        }
        let Some(after) = tokens.get(next) else {
            return (None, None);
        };
        let kind = found
            .iter()
            .find(|f| f.span.start == after.span.start && f.readings.is_empty())
            .map(|f| f.kind)
            .or_else(|| {
                // The noun is one or two words (`棚户区`, `重点区域`), nouns both, and starts
                // where a word does: not `等/走进/工厂`, `等/。/网站`, nor `网站`.
                let words = (next..tokens.len().min(next + 2)).take_while(|&at| {
                    matches!(tokens[at].tag.as_bytes(), [b'n', ..] | b"j" | b"zg")
                });
                words.clone().find_map(|last| {
                    let end = tokens[last].span.end;
                    (next..=last).find_map(|first| {
                        let start = tokens[first].span.start;
                        self.list_nouns
                            .longest_ending_at(&chars[start..end], end - start, |_| true)
                            .filter(|&(_, length)| length == end - start)
                            .map(|(kind, _)| *kind)
                    })
                })
            });
        let noun = document.token_text(after);
        (kind, is_division_noun(noun).then_some(noun))
    }

    /// The members of `A、B、C等(noun)` where the noun is a kind of place, or where a place
    /// follows `等` (`巴威-北锅、石热等“京西八大厂”`).
    fn list_members<'g>(&'g self, document: &Document, found: &mut Vec<Found<'g>>) {
        let tokens = document.tokens();
        let chars = document.normalized_chars();
        let mut members = Vec::new();
        for (at, token) in tokens.iter().enumerate() {
            // Most words neither start with `等` nor end as a division's noun or a count do:
            // settled by two characters before the word is read.
            if chars[token.span.start] != '等'
                && !matches!(
                    chars[token.span.end - 1],
                    '道' | '镇' | '乡' | '区' | '县' | '大'
                )
            {
                continue;
            }
            let word = document.token_text(token);
            // `A、B等(noun)`; or `容东、容西、雄东片区`, where the members before the last share
            // its division's noun.
            let (kind, division_noun, shared, counted) = if chars[token.span.start] == '等' {
                let (kind, noun) = match word {
                    "等" => self.list_noun(document, found, at + 1),
                    // jieba joins `等` with a division's noun (`碑林、新城等区/n`).
                    joined => (
                        None,
                        joined
                            .strip_prefix('等')
                            .filter(|noun| is_division_noun(noun)),
                    ),
                };
                (kind, noun, false, false)
            } else if is_division_noun(word)
                && at > 1
                && document.token_text(&tokens[at - 1]) != "、"
            {
                (None, Some(word), true, false)
            } else if is_count(word) {
                // `双流、天府两大机场`, `CBD与望京两大功能区`: the members take the head after
                // their count.
                let kind = tokens.get(at + 1).and_then(|next| {
                    self.heads
                        .longest_ending_at(chars, next.span.end, |_| true)
                        .filter(|&(_, length)| length == next.span.len())
                        .map(|(head, _)| head.kind)
                });
                (kind, None, false, true)
            } else {
                continue;
            };
            if kind.is_none() && division_noun.is_none() {
                continue;
            }
            let mut items = list_items(document, &tokens[..at], |i| {
                self.stem_word(document, &tokens[i])
            });
            if (shared && items.pop().is_none()) || (counted && items.len() < 2) {
                continue;
            }
            for item in items {
                let mut span = NormalizedSpan {
                    start: tokens[item.start].span.start,
                    end: tokens[item.end - 1].span.end,
                };
                // A division before the member is where it lies (`福田区华强北`).
                if let Some(division) = found.iter().find(|f| {
                    !f.readings.is_empty() && f.span.start == span.start && f.span.end < span.end
                }) {
                    span.start = division.span.end;
                }
                let text = document.normalized_text(span);
                if span.len() < 2 {
                    continue;
                }
                // A generic word names a division with the list's noun (`新城` + `区`), no
                // local place.
                let division =
                    division_noun.and_then(|noun| self.gazetteer.lookup(&format!("{text}{noun}")));
                if let Some(name) = division {
                    if found
                        .iter()
                        .any(|f| f.span == span && !f.readings.is_empty())
                    {
                        continue;
                    }
                    found.retain(|f| !(f.span == span && f.readings.is_empty()));
                    let readings = self.gazetteer.readings(name);
                    members.push(Found {
                        span,
                        kind: self.gazetteer.entry(readings[0].entry).kind,
                        readings,
                        resolution: Resolution::List,
                        entry: None,
                        short: true,
                        parent: None,
                    });
                    continue;
                }
                let Some(kind) = kind.filter(|_| !self.generic.contains(text)) else {
                    continue;
                };
                // Counted, the members are what the head says: `双流` of `双流、天府两大机场`
                // is the airport, not the district.
                if counted {
                    found.retain(|f| f.span != span);
                }
                if !found.iter().any(|f| f.span.overlaps(span)) {
                    members.push(Found {
                        span,
                        kind,
                        readings: &[],
                        resolution: Resolution::List,
                        entry: None,
                        short: false,
                        parent: None,
                    });
                }
            }
        }
        found.extend(members);
    }

    /// Chooses each gazetteer name's reading from the document's context, and drops the names
    /// that are no place here.
    fn resolve(&self, document: &Document, found: &mut Vec<Found>) {
        // The places named without doubt, each with the form of its name (full or short): a
        // name is supported by the others, not by itself said again.
        // A document names a few dozen places: sorted vectors serve better than hash sets.
        let mut anchors: Vec<(EntryId, bool)> = found
            .iter()
            .filter_map(|f| match f.readings {
                [reading] if !reading.shared => Some((reading.entry, reading.short)),
                _ => None,
            })
            .collect();
        anchors.sort_unstable();
        anchors.dedup();
        let is_anchor =
            |entry: EntryId, short: bool| anchors.binary_search(&(entry, short)).is_ok();
        // For each division, how many of them it is or holds: each is listed that many times.
        let mut named_within: Vec<EntryId> = anchors
            .iter()
            .flat_map(|&(entry, _)| self.gazetteer.ancestors(entry))
            .collect();
        named_within.sort_unstable();
        let named_within = |entry: EntryId| {
            named_within.partition_point(|&e| e <= entry)
                - named_within.partition_point(|&e| e < entry)
        };
        let tokens = document.tokens();
        let chars = document.normalized_chars();
        let mut supports: Vec<usize> = Vec::new();
        found.retain_mut(|f| {
            if f.readings.is_empty() {
                return true;
            }
            // Per reading, the places of its lineage that other names stand for or lie in.
            supports.clear();
            supports.extend(f.readings.iter().map(|r| {
                let own = usize::from(is_anchor(r.entry, r.short));
                self.gazetteer
                    .ancestors(r.entry)
                    .filter(|&e| named_within(e) > own)
                    .count()
            }));
            let best = supports.iter().copied().max().unwrap_or(0);
            let Some((resolution, reading)) = self.choose(f.readings, &supports, best) else {
                return false;
            };
            // A county or township name, or a short form, without support must look like a
            // name to the segmenter: `平房区` in `平房区、边角地` is a kind of area, `白银` is
            // silver.
            let low = f
                .readings
                .iter()
                .all(|r| self.level(r.entry).is_some_and(|l| l >= 2));
            // A member of `碑林、新城等区` is named in full with the list's noun.
            let looks_like_a_name =
                f.resolution == Resolution::List || looks_like_a_name(tokens, f.span);
            if best == 0 && low && !looks_like_a_name {
                return false;
            }
            // A short form must look like a name or stand for a place named in full: `古城`
            // in `丽江古城` is the old town, though 古城区 lies in 丽江. A province or city
            // running into a longer word stays (`北京地区`, `香港电影`).
            let short = reading.map_or(f.short, |r| r.short);
            let whole_word = tokens
                .get(first_token_at(tokens, f.span.start))
                .is_some_and(|t| t.span == f.span);
            let in_full = reading.is_some_and(|r| is_anchor(r.entry, false));
            // A short form in a list whose division the document places (`碑林、新城、莲湖等区`
            // in news of 西安) stands for it, whatever the segmenter makes of the word.
            let listed = best > 0
                && (f.span.start > 0 && chars[f.span.start - 1] == '、'
                    || matches!(chars.get(f.span.end), Some('、' | '等')));
            if short && (low || whole_word) && !looks_like_a_name && !in_full && !listed {
                return false;
            }
            // A short form that is mostly a common word (`新建改造`, `战略性新兴产业`) names
            // its division only where the document also names it in full.
            if short
                && !in_full
                && self
                    .common_short_forms
                    .contains(document.normalized_text(f.span))
            {
                return false;
            }
            f.resolution = resolution;
            f.entry = reading.map(|r| r.entry);
            f.short = short;
            if let Some(entry) = f.entry {
                f.kind = self.gazetteer.entry(entry).kind;
            }
            true
        });
    }

    /// The reading of a name and how it was chosen: the one best supported by context, else
    /// the only one open without context, else the highest-level open one; `None` when every
    /// reading needs context and none has it.
    fn choose(
        &self,
        readings: &[Reading],
        supports: &[usize],
        best: usize,
    ) -> Option<(Resolution, Option<Reading>)> {
        let alone = |resolution| {
            if readings.len() == 1 {
                Resolution::Unique
            } else {
                resolution
            }
        };
        // Iterators, not vectors: this runs for every name of every document.
        let mut supported = readings
            .iter()
            .zip(supports)
            .filter(|&(_, &support)| best > 0 && support == best);
        if let (Some((reading, _)), None) = (supported.next(), supported.next()) {
            return Some((alone(Resolution::Context), Some(*reading)));
        }
        let open = readings.iter().filter(|r| !r.shared);
        let top = open.clone().filter_map(|r| self.level(r.entry)).min();
        let mut highest = open
            .clone()
            .filter(|r| self.level(r.entry).is_none_or(|l| Some(l) == top));
        match (open.clone().next(), highest.next(), highest.next()) {
            (None, _, _) => None,
            (_, Some(reading), None) => Some((alone(Resolution::Level), Some(*reading))),
            _ => Some((Resolution::Ambiguous, None)),
        }
    }

    fn level(&self, entry: EntryId) -> Option<usize> {
        self.gazetteer.entry(entry).kind.division_level()
    }

    /// The records of the places found, with paths, codes and parents.
    fn places(&self, document: &Document, found: Vec<Found>) -> Vec<Place> {
        // Where the document names one county-level division only, its local places lie there.
        let mut counties = found
            .iter()
            .filter_map(|f| f.entry)
            .filter(|&e| self.level(e) == Some(2));
        let only_county = counties
            .next()
            .filter(|&first| counties.all(|county| county == first));
        // The division named last, and its sentence: places come in text order.
        let mut last_division: Option<(usize, EntryId)> = None;
        let mut places = Vec::with_capacity(found.len());
        for f in found {
            let mention = document.mention(f.span);
            let sentence = mention.sentence;
            let place = match f.entry {
                Some(entry) => {
                    let record = self.gazetteer.entry(entry);
                    if self.level(entry).is_some_and(|l| l >= 2) {
                        last_division = Some((sentence, entry));
                    }
                    Place {
                        mention,
                        name: record.name.clone(),
                        kind: record.kind,
                        code: record.code.clone(),
                        path: self.path(entry),
                        short_form: f.short,
                        resolution: f.resolution,
                        candidates: Vec::new(),
                        candidate_count: 0,
                        parent: None,
                    }
                }
                None if !f.readings.is_empty() => Place {
                    mention,
                    name: document.normalized_text(f.span).to_string(),
                    kind: f.kind,
                    code: None,
                    path: Vec::new(),
                    short_form: f.short,
                    resolution: Resolution::Ambiguous,
                    candidates: f
                        .readings
                        .iter()
                        .take(MAX_CANDIDATES)
                        .map(|r| Candidate {
                            code: self.gazetteer.entry(r.entry).code.clone(),
                            path: self.path(r.entry),
                        })
                        .collect(),
                    candidate_count: f.readings.len(),
                    parent: None,
                },
                None => {
                    let name = document.normalized_text(f.span).to_string();
                    let parent = f
                        .parent
                        .or_else(|| {
                            last_division
                                .filter(|&(named_in, _)| named_in == sentence)
                                .map(|(_, division)| division)
                        })
                        .or(only_county);
                    let mut path = parent.map(|p| self.path(p)).unwrap_or_default();
                    path.push(name.clone());
                    Place {
                        mention,
                        name,
                        kind: f.kind,
                        code: None,
                        path,
                        short_form: false,
                        resolution: f.resolution,
                        candidates: Vec::new(),
                        candidate_count: 0,
                        parent: parent.and_then(|p| self.gazetteer.entry(p).code.clone()),
                    }
                }
            };
            places.push(place);
        }
        places
    }

    /// Names from the top down to `entry`.
    fn path(&self, entry: EntryId) -> Vec<String> {
        let mut path: Vec<String> = self
            .gazetteer
            .ancestors(entry)
            .map(|e| self.gazetteer.entry(e).name.clone())
            .collect();
        path.reverse();
        path
    }
}

/// A piece of a local place's stem: a token, or the part of one before a head.
struct Piece {
    span: NormalizedSpan,
    tag: PosTag,
}

impl Piece {
    /// A proper name: a place, a person, another proper noun, an abbreviation, Latin letters.
    fn is_proper(&self) -> bool {
        matches!(
            self.tag.as_bytes(),
            b"ns" | b"nr" | b"nrt" | b"nrfg" | b"nz" | b"nt" | b"j" | b"eng"
        )
    }

    /// A word that can anchor a name of its own.
    fn is_noun_like(&self) -> bool {
        matches!(
            self.tag.as_bytes(),
            [b'n', ..] | b"vg" | b"j" | b"eng" | b"s"
        )
    }

    /// A word that can anchor the name before a one-character head: `石门路`, not `人们站`.
    fn is_name_anchor(&self) -> bool {
        self.is_proper() || matches!(self.tag.as_bytes(), b"n" | b"ng" | b"s" | b"m" | b"q")
    }

    /// `新` or `老` before a name.
    fn is_modifier(&self, document: &Document) -> bool {
        self.span.len() == 1
            && matches!(self.tag.as_bytes(), b"a" | b"b")
            && matches!(
                document.normalized_text(self.span),
                "新" | "老" | "大" | "小"
            )
    }

    /// A compass point alone (`西` of `西路`): part of the name, never all of it.
    fn is_direction(&self, document: &Document) -> bool {
        matches!(
            document.normalized_text(self.span),
            "东" | "西" | "南" | "北" | "中" | "东西" | "南北"
        )
    }
}

/// Whether the words of `span` look like a place name: one word the segmenter tags as a place
/// or proper noun, or words starting with one.
fn looks_like_a_name(tokens: &[Token], span: NormalizedSpan) -> bool {
    let first = first_token_at(tokens, span.start);
    tokens.get(first).is_some_and(|t| {
        matches!(
            t.tag.as_bytes(),
            b"ns" | b"nz" | b"nt" | b"j" | b"nr" | b"nrt" | b"nrfg" | b"s"
        ) && t.span.start == span.start
    })
}

/// A count of things, such as `两大` or `八大` (`双流、天府两大机场`, `京西八大厂`).
fn is_count(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next_back() == Some('大')
        && chars.as_str().chars().count() == 1
        && chars.all(|c| "两二三四五六七八九十".contains(c))
}

/// A noun that makes a division of the names before it (`碑林` + `区`, `劲松` + `街道`).
fn is_division_noun(noun: &str) -> bool {
    matches!(noun, "街道" | "镇" | "乡" | "地区" | "区" | "县" | "片区")
}

/// Index of the token that holds character `position` (or the first after it).
fn first_token_at(tokens: &[Token], position: usize) -> usize {
    tokens.partition_point(|t| t.span.end <= position)
}

/// Most bytes a word may run on after a name it starts with (`北京地区`, `香港电影`): two
/// characters of the Basic Multilingual Plane.
const RUN_ON_BYTES: usize = 6;

/// Whether the words agree that a name starting with word `first` ends at byte `end`: it ends
/// a word, or runs into a word it starts (`北京` of `北京地区`). (A name that starts inside a
/// word is part of another name, `大厂` of `八大厂`: names are only looked for where words
/// start.)
fn holds_name(tokens: &[Token], first: usize, end: usize) -> bool {
    let word_end = tokens[first].byte_end;
    tokens[first..]
        .iter()
        .take_while(|t| t.byte_start < end)
        .any(|t| t.byte_end == end)
        || (word_end > end && word_end - end <= RUN_ON_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Pipeline;

    fn assert_no_places(sentences: &[&str]) {
        for sentence in sentences {
            let found = places(sentence);
            assert!(found.is_empty(), "{sentence}: {found:?}");
        }
    }

    fn places(text: &str) -> Vec<Place> {
        let pipeline = Pipeline::for_tests();
        pipeline.places(&pipeline.analyze(text.to_string()))
    }

    /// `(text, kind, code)` of each place of `text`.
    fn summary(text: &str) -> Vec<(String, PlaceKind, Option<String>)> {
        places(text)
            .into_iter()
            .map(|p| (p.mention.text, p.kind, p.code))
            .collect()
    }

    /// The place written `text` in `sentence`, if any.
    fn place<'p>(found: &'p [Place], text: &str) -> Option<&'p Place> {
        found.iter().find(|p| p.mention.text == text)
    }

    #[test]
    fn short_forms_stand_for_their_divisions() {
        let cases = [
            ("北京将建设国际科技创新中心。", "北京", "110000", "北京市"),
            ("内蒙古草原面积较大。", "内蒙古", "150000", "内蒙古自治区"),
            (
                "广西糖料蔗种植面积稳定。",
                "广西",
                "450000",
                "广西壮族自治区",
            ),
            (
                "浦东新区推进综合改革试点。",
                "浦东新区",
                "310115",
                "浦东新区",
            ),
            ("浦东推进综合改革试点。", "浦东", "310115", "浦东新区"),
            ("北京石景山推进城市更新。", "石景山", "110107", "石景山区"),
        ];
        for (sentence, text, code, name) in cases {
            let found = places(sentence);
            let place = place(&found, text).unwrap_or_else(|| panic!("{text} in {sentence}"));
            assert_eq!(place.code.as_deref(), Some(code), "{sentence}");
            assert_eq!(place.name, name);
            assert_eq!(place.short_form, text != name, "{sentence}");
        }
    }

    #[test]
    fn a_shared_name_is_resolved_by_the_other_places_or_left_ambiguous() {
        let cases = [
            (
                "北京市海淀区和朝阳区联合开展检查。",
                Some("110105"),
                Resolution::Context,
            ),
            (
                "长春市朝阳区开展检查。",
                Some("220104"),
                Resolution::Context,
            ),
            ("朝阳区开展检查。", None, Resolution::Ambiguous),
        ];
        for (sentence, code, resolution) in cases {
            let found = places(sentence);
            let place = place(&found, "朝阳区").unwrap_or_else(|| panic!("{sentence}"));
            assert_eq!(place.code.as_deref(), code, "{sentence}");
            assert_eq!(place.resolution, resolution, "{sentence}");
        }
        let found = places("朝阳区开展检查。");
        let ambiguous = place(&found, "朝阳区").unwrap();
        assert!(ambiguous.candidate_count >= 2);
        assert!(ambiguous
            .candidates
            .iter()
            .any(|c| c.path == ["北京市", "朝阳区"]));
        // 西安 is the city, not 西安区 of 辽源, when nothing says otherwise.
        let found = places("西安的游客数量创新高。");
        let xian = place(&found, "西安").unwrap();
        assert_eq!(
            (xian.code.as_deref(), xian.resolution),
            (Some("610100"), Resolution::Level)
        );
    }

    #[test]
    fn a_division_name_inside_another_word_is_no_place() {
        let cases = [
            ("加快平房区、边角地更新改造。", "平房区"),
            ("带动京西八大厂全面复兴。", "大厂"),
            ("完成广宁村棚户区改造。", "广宁"),
            ("推动科技创新和文化繁荣。", "新和"),
            ("中国建设银行发布年报。", "中国"),
            ("北京大学举办论坛。", "北京"),
        ];
        for (sentence, text) in cases {
            let found = places(sentence);
            assert!(
                found
                    .iter()
                    .all(|p| p.mention.text != text || p.code.is_none()),
                "{text} in {sentence}: {found:?}"
            );
        }
        assert_eq!(
            place(&places("完成广宁村棚户区改造。"), "广宁村").map(|p| p.kind),
            Some(PlaceKind::Village)
        );
    }

    #[test]
    fn a_place_before_an_organisation_word_is_part_of_the_name_only_when_adjacent() {
        // `北京/多家/银行`: the banks are in Beijing, no bank is named 北京…银行.
        for (sentence, text) in [
            ("他开始跟北京多家银行联系。", "北京"),
            ("宁波正是中国人民银行试点城市。", "宁波"),
        ] {
            let found = places(sentence);
            assert!(
                place(&found, text).is_some(),
                "{text} in {sentence}: {found:?}"
            );
        }
        let found = places("美国花旗银行发布年报。");
        assert!(place(&found, "美国").is_none(), "{found:?}");
    }

    #[test]
    fn local_places_are_typed_by_their_heads() {
        let cases = [
            ("全面完成西黄村改造。", "西黄村", PlaceKind::Village),
            ("朝阳社区居民参加活动。", "朝阳社区", PlaceKind::Community),
            ("推进石门路改造。", "石门路", PlaceKind::Road),
            ("建成体育场西路。", "体育场西路", PlaceKind::Road),
            (
                "加快地铁1号线福寿岭站建设。",
                "福寿岭站",
                PlaceKind::Station,
            ),
            ("加快地铁1号线福寿岭站建设。", "地铁1号线", PlaceKind::Line),
            ("推进新首钢园建设。", "新首钢园", PlaceKind::Park),
            ("建设科幻产业集聚区。", "科幻产业集聚区", PlaceKind::Zone),
            ("南京长江大桥通车。", "南京长江大桥", PlaceKind::Bridge),
            ("丽泽商务区建设提速。", "丽泽商务区", PlaceKind::Zone),
        ];
        for (sentence, text, kind) in cases {
            let found = places(sentence);
            let place =
                place(&found, text).unwrap_or_else(|| panic!("{text} in {sentence}: {found:?}"));
            assert_eq!(place.kind, kind, "{sentence}");
            assert_eq!(place.resolution, Resolution::Head, "{sentence}");
        }
        // Common words that end in a head, and frameworks, are no places.
        assert_no_places(&[
            "加强农村道路建设。",
            "守住生态保护红线。",
            "推进“一轴四园”建设。",
            "人们站在路边。",
        ]);
    }

    #[test]
    fn corpus_cases_stay_right() {
        // A road before a station's head names the station.
        let stations = summary("1号线文泽路站、8号线新湾路站周边。");
        assert!(
            stations
                .iter()
                .any(|(t, k, _)| t == "文泽路站" && *k == PlaceKind::Station),
            "{stations:?}"
        );
        // A numbered line needs no railway; after a place's name 站 is its head, though jieba
        // makes it a verb before 前 or 至.
        let lines = summary("8号线新湾路站周边，福田站前三季度增长，大差市站至和平门站沿线。");
        let texts: Vec<&str> = lines.iter().map(|(t, _, _)| t.as_str()).collect();
        assert!(texts.contains(&"8号线"), "{texts:?}");
        assert!(texts.contains(&"福田站"), "{texts:?}");
        assert!(texts.contains(&"和平门站"), "{texts:?}");
        // One word of two divisions is both.
        let glued = summary("上海市浦东新区推进建设。");
        assert_eq!(
            glued,
            [
                (
                    "上海市".to_string(),
                    PlaceKind::Province,
                    Some("310000".to_string())
                ),
                (
                    "浦东新区".to_string(),
                    PlaceKind::County,
                    Some("310115".to_string())
                ),
            ]
        );
        // Townships listed before 等街道 are townships of the district the text is about.
        let townships = summary("朝阳区将推进劲松、团结湖、八里庄等街道老旧小区改造。");
        assert_eq!(
            townships[1..],
            [
                (
                    "劲松".to_string(),
                    PlaceKind::Township,
                    Some("110105017".to_string())
                ),
                (
                    "团结湖".to_string(),
                    PlaceKind::Township,
                    Some("110105013".to_string())
                ),
                (
                    "八里庄".to_string(),
                    PlaceKind::Township,
                    Some("110105015".to_string())
                ),
            ]
        );
        // A short form that is mostly a word needs its division named in full.
        let common = summary("金寨县新建改造高标准茶园,战略性新兴产业增长。");
        assert_eq!(
            common,
            [(
                "金寨县".to_string(),
                PlaceKind::County,
                Some("341524".to_string())
            )]
        );
    }

    #[test]
    fn list_members_take_the_kind_of_their_list() {
        let found = places("全面完成西黄村、衙门口、北辛安等棚户区改造任务。");
        let kinds: Vec<(&str, PlaceKind, Resolution)> = found
            .iter()
            .map(|p| (p.mention.text.as_str(), p.kind, p.resolution))
            .collect();
        assert_eq!(
            kinds,
            [
                ("西黄村", PlaceKind::Village, Resolution::Head),
                ("衙门口", PlaceKind::Area, Resolution::List),
                ("北辛安", PlaceKind::Area, Resolution::List),
            ]
        );
    }

    #[test]
    fn a_place_before_a_name_is_part_of_it_or_where_it_lies() {
        // sentence, place, kind, code
        let cases: &[(&str, &str, PlaceKind, Option<&str>)] = &[
            // A division before a park, zone or site of generic words is in its name.
            (
                "金寨现代产业园区聚焦光伏。",
                "金寨现代产业园区",
                PlaceKind::Park,
                None,
            ),
            // A short form one character before the head is the name's start.
            (
                "加快地铁16号线北安河站建设。",
                "北安河站",
                PlaceKind::Station,
                None,
            ),
            // A lake in a name, whole, though a county's short form starts it.
            (
                "东安湖体育公园、凤凰山体育公园等场馆。",
                "东安湖体育公园",
                PlaceKind::Park,
                None,
            ),
            // A road right before the head names the place.
            (
                "张家村街道友谊东路社区等老旧小区整体改造。",
                "友谊东路社区",
                PlaceKind::Community,
                None,
            ),
            (
                "八府庄村、公园南路片区等棚户区改造。",
                "公园南路片区",
                PlaceKind::Area,
                None,
            ),
            // A village's shanty-town is the village's.
            ("完成广宁村棚户区改造。", "广宁村", PlaceKind::Village, None),
            // A railway's own head needs only a proper name; the station after it is its own.
            ("郑渝高铁奉节站开通后。", "郑渝高铁", PlaceKind::Line, None),
            ("郑渝高铁奉节站开通后。", "奉节站", PlaceKind::Station, None),
            // A Beijing 地区 is also its town.
            (
                "海淀区苏家坨镇北安河村。",
                "苏家坨镇",
                PlaceKind::Township,
                Some("110108029"),
            ),
            // A division before the park keeps a park that has a name of its own apart.
            (
                "容城县服装产业园开工。",
                "容城县",
                PlaceKind::County,
                Some("130629"),
            ),
            // A city right before the head is the name; a country before `驻` is too, but
            // further back it is where the place lies.
            (
                "荷兰鹿特丹港吞吐量增长。",
                "鹿特丹港",
                PlaceKind::Port,
                None,
            ),
            (
                "中国驻美国大使馆发布消息。",
                "中国驻美国大使馆",
                PlaceKind::Site,
                None,
            ),
            (
                "美国密西西比州遭遇洪水。",
                "密西西比州",
                PlaceKind::Area,
                None,
            ),
        ];
        for &(sentence, text, kind, code) in cases {
            let found = places(sentence);
            let place =
                place(&found, text).unwrap_or_else(|| panic!("{text} in {sentence}: {found:?}"));
            assert_eq!(
                (place.kind, place.code.as_deref()),
                (kind, code),
                "{sentence}"
            );
        }
    }

    #[test]
    fn a_list_noun_is_a_noun_right_after_deng() {
        assert_no_places(&[
            "贷款难、用地难、人才留不住等发展乡村产业的堵点正被打通。",
            "刊载新闻发布会、记者采访活动公告等。网站设置了记者专区。",
            "宣讲团、小分队等走进工厂学校。",
        ]);
    }

    #[test]
    fn lists_share_a_noun_a_count_or_a_division() {
        let place = |text: &str, kind: PlaceKind, code: Option<&str>| {
            (text.to_string(), kind, code.map(String::from))
        };
        // jieba joins `等区`; a generic word is a division with the noun.
        assert_eq!(
            summary("西安将以碑林、新城等区为重点。")[1..],
            [
                place("碑林", PlaceKind::County, Some("610103")),
                place("新城", PlaceKind::County, Some("610102")),
            ]
        );
        // The members before the last share its division's noun.
        assert_eq!(
            summary("容东、容西、雄东片区累计回迁。")[..2],
            [
                place("容东", PlaceKind::Township, Some("130629400")),
                place("容西", PlaceKind::Township, Some("130629401")),
            ]
        );
        // A count between `等` and the noun; a division before a member is where it lies.
        assert_eq!(
            summary("福田区华强北、南山区蛇口等3个重点商圈。"),
            [
                place("福田区", PlaceKind::County, Some("440304")),
                place("华强北", PlaceKind::Zone, None),
                place("南山区", PlaceKind::County, Some("440305")),
                place("蛇口", PlaceKind::Zone, None),
            ]
        );
        // Members counted before a head take its kind; a counted head alone is a group.
        assert_eq!(
            summary("双流、天府两大机场。"),
            [
                place("双流", PlaceKind::Station, None),
                place("天府", PlaceKind::Station, None),
            ]
        );
        assert_eq!(
            summary("带动巴威-北锅、石热等“京西八大厂”全面复兴。"),
            [
                place("巴威-北锅", PlaceKind::Factory, None),
                place("石热", PlaceKind::Factory, None),
                place("京西", PlaceKind::Region, None),
            ]
        );
    }

    #[test]
    fn local_places_name_the_division_the_text_puts_them_in() {
        let found = places("北京市海淀区中关村大街拓宽工程开工。");
        let street = place(&found, "中关村大街").unwrap();
        assert_eq!(street.parent.as_deref(), Some("110108"));
        assert_eq!(street.path, ["北京市", "海淀区", "中关村大街"]);
    }
}
