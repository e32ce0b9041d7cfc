//! Sectors: industries named in government text, normalised against `dictionaries/sectors.tsv`
//! (GB/T 4754-2017 and the 2018 classification of strategic emerging industries), found three
//! ways: by the dictionary, by the head that ends a phrase (`…产业`, `…业`, `…经济`), and as the
//! members of a list that share one head (`科幻、动漫游戏等重点产业`). A structured system of
//! sectors (`以现代金融业为战略主导，…的“1+3+1”高精尖产业体系`) is kept with its members' roles.

use std::collections::BTreeMap;
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::dictionaries::{DictionaryFile, DictionaryLines};
use crate::document::Document;
use crate::error::Error;
use crate::extract::words::{list_items, CharSet, PairSet, WordIndex};
use crate::offsets::NormalizedSpan;
use crate::record::Mention;
use crate::segment::Token;

/// A sector named in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sector {
    /// Where it is: `text` as in the original, `start`/`end`, `sentence`.
    #[serde(flatten)]
    pub mention: Mention,
    /// Canonical name from the dictionary, or the phrase itself (Simplified) when unknown.
    pub name: String,
    /// Whether the dictionary knows it; unknown sectors are reported so that users can grow it.
    pub known: bool,
    /// GB/T 4754-2017 codes: a section letter and a two-digit division (`J66`), or a section.
    pub gbt4754: Vec<String>,
    /// Category of 战略性新兴产业分类(2018), as `N name`, where one applies.
    pub sei: Option<String>,
    /// `industry`, or `group` for a grouping of many industries (`高精尖产业`, `数字经济`).
    pub kind: String,
    /// The head the mention takes from its list (`产业` for `科幻` in `科幻、动漫游戏等重点产业`).
    pub inherited_head: Option<String>,
}

/// A structured system of sectors, such as `“1+3+1”高精尖产业体系`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectorSystem {
    /// The system's name as written, framework included.
    #[serde(flatten)]
    pub mention: Mention,
    /// Its name without the framework (`高精尖产业体系`).
    pub name: String,
    /// The framework (`1+3+1`): how many members each role has.
    pub framework: String,
    /// The members in the order the text names them.
    pub members: Vec<SystemMember>,
}

/// A member of a [`SectorSystem`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SystemMember {
    /// Index of the member in the record's `sectors`.
    pub sector: usize,
    /// Its role as the text states it (`战略主导`, `特色培育`, `配套支撑`).
    pub role: String,
}

/// One line of the dictionary.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    gbt4754: Vec<String>,
    sei: Option<String>,
    kind: String,
}

/// The sector dictionary and the words around sectors, built once.
pub struct Sectors {
    entries: Vec<Entry>,
    /// Every surface (name or alias) → its entry.
    by_surface: FxHashMap<String, usize>,
    /// The first two characters of the surfaces: most words start none.
    surface_starts: PairSet,
    /// Last characters of the heads, and first characters of scopes and heads.
    head_ends: CharSet,
    scope_starts: CharSet,
    /// Few words each, compared directly: cheaper than hashing every token.
    heads: Vec<String>,
    scopes: Vec<String>,
    /// Names of bodies that contain a sector's name (`工业和信息化部`), found where they start.
    organisations: WordIndex<()>,
    /// What a sector is measured by or made of (`增加值`, `产量`, `企业`): a sector's name before
    /// one still names the sector (`工业增加值`, `生物医药企业`).
    measures: FxHashSet<String>,
    /// Words ending in 业 that are no sector (`企业`), also at the end of a longer word
    /// (`民营企业`).
    not_heads: Vec<String>,
    system_heads: Vec<String>,
}

impl Sectors {
    /// Reads `sectors.tsv` and `sector-words.tsv`; a malformed line names its file and line.
    pub fn new(table: &DictionaryFile, words: &DictionaryFile) -> Result<Sectors, Error> {
        let mut entries = Vec::new();
        let mut by_surface = FxHashMap::default();
        for line in DictionaryLines::new(table) {
            let line = line?;
            let [name, aliases, gbt4754, sei, kind] =
                line.fields(["name", "aliases", "gbt4754", "sei", "kind"])?;
            if !matches!(kind, "industry" | "group") {
                return Err(line.error(format!("kind must be industry or group, not {kind:?}")));
            }
            let index = entries.len();
            let names = std::iter::once(name).chain(aliases.split('|').map(str::trim));
            for surface in names.filter(|s| !s.is_empty()) {
                if by_surface.insert(surface.to_string(), index).is_some() {
                    return Err(line.error(format!("{surface:?} is listed twice")));
                }
            }
            entries.push(Entry {
                name: name.to_string(),
                gbt4754: gbt4754
                    .split('|')
                    .filter(|c| !c.is_empty())
                    .map(String::from)
                    .collect(),
                sei: (!sei.is_empty()).then(|| sei.to_string()),
                kind: kind.to_string(),
            });
        }
        let (mut heads, mut scopes, mut not_heads) = (Vec::new(), Vec::new(), Vec::new());
        let mut system_heads = Vec::new();
        let mut organisations = Vec::new();
        let mut measures = FxHashSet::default();
        for line in DictionaryLines::new(words) {
            let line = line?;
            match line.text.split_once('\t') {
                Some(("head", word)) => {
                    heads.push(word.trim().to_string());
                    true
                }
                Some(("scope", word)) => {
                    scopes.push(word.trim().to_string());
                    true
                }
                Some(("not-head", word)) => {
                    not_heads.push(word.trim().to_string());
                    true
                }
                Some(("organisation", name)) => {
                    organisations.push((name.trim().to_string(), ()));
                    true
                }
                Some(("system", word)) => {
                    system_heads.push(word.trim().to_string());
                    true
                }
                Some(("measure", word)) => measures.insert(word.trim().to_string()),
                _ => {
                    return Err(line.error(
                        "expected `head`, `scope`, `not-head`, `organisation`, `system` or `measure`, a tab, and a word",
                    ))
                }
            };
        }
        let surface_starts = PairSet::starting(by_surface.keys().map(String::as_str));
        let head_ends = CharSet::from_chars(heads.iter().filter_map(|h: &String| h.chars().last()));
        let scope_starts = CharSet::from_chars(
            scopes
                .iter()
                .chain(&heads)
                .filter_map(|w: &String| w.chars().next()),
        );
        Ok(Sectors {
            entries,
            by_surface,
            surface_starts,
            head_ends,
            scope_starts,
            organisations: WordIndex::starting(organisations),
            heads,
            scopes,
            not_heads,
            system_heads,
            measures,
        })
    }

    /// The sectors and sector systems of a document.
    // Kept out of line so that profiles and `scripts/bench-instructions.sh` see the stage.
    #[inline(never)]
    pub fn find(&self, document: &Document) -> (Vec<Sector>, Vec<SectorSystem>) {
        let mut found = FoundSectors::default();
        self.dictionary_matches(document, &mut found);
        self.list_members(document, &mut found);
        self.headed_phrases(document, &mut found);
        let chars = document.normalized_chars();
        let mut found = found.into_sorted();
        found.retain(|f| !self.inside_organisation(chars, f.span));
        let systems = self.systems(document, &found);
        let sectors = found
            .into_iter()
            .map(|f| self.sector(document, f))
            .collect();
        (sectors, systems)
    }

    /// Whether `span` lies inside the name of a body that contains a sector's name
    /// (`工业和信息化部`). Asked of each sector found, which is far cheaper than looking for the
    /// bodies at every word.
    fn inside_organisation(&self, chars: &[char], span: NormalizedSpan) -> bool {
        self.organisations.covers(chars, span.start, span.end)
    }

    /// Dictionary surfaces made of whole words of the segmentation, longest first. A name of
    /// two characters right before a noun other than a measure modifies it and names no
    /// sector (`工业遗产`, `科幻大会`); a longer one is specific enough to name its sector
    /// there too (`乡村旅游品牌`, `冰雪旅游专项规划`).
    fn dictionary_matches(&self, document: &Document, found: &mut FoundSectors) {
        let tokens = document.tokens();
        let text = document.normalized();
        let chars = document.normalized_chars();
        let mut at = 0;
        while at < tokens.len() {
            if !self.surface_starts.may_start(chars, tokens[at].span.start) {
                at += 1;
                continue;
            }

            let longest = MAX_SURFACE_WORDS.min(tokens.len() - at);
            let matched = (1..=longest).rev().find_map(|words| {
                let last = &tokens[at + words - 1];
                let surface = &text[tokens[at].byte_start..last.byte_end];
                self.by_surface.get(surface).map(|&entry| (words, entry))
            });
            let Some((words, entry)) = matched else {
                at += 1;
                continue;
            };
            let span = NormalizedSpan {
                start: tokens[at].span.start,
                end: tokens[at + words - 1].span.end,
            };
            let modifies_a_noun = span.end - span.start == 2
                && tokens.get(at + words).is_some_and(|next| {
                    is_noun(next) && !self.measures.contains(document.token_text(next))
                });
            if !modifies_a_noun {
                found.push(Found {
                    span,
                    entry: Some(entry),
                    inherited_head: None,
                });
            }
            at += words;
        }
    }

    /// The members of `A、B和C等(scope)head`: each is a sector with the list's head.
    fn list_members(&self, document: &Document, found: &mut FoundSectors) {
        let tokens = document.tokens();
        let chars = document.normalized_chars();
        for (at, token) in tokens.iter().enumerate() {
            // Most words end in no head's last character: settled without reading the word.
            if !self.head_ends.contains(chars[token.span.end - 1]) {
                continue;
            }
            // The head may come as one word with its scope (`相关产业`).
            let word = document.token_text(token);
            let Some(head) = self.heads.iter().find(|h| {
                word.strip_suffix(h.as_str())
                    .is_some_and(|scope| scope.is_empty() || self.is_scope(scope))
            }) else {
                continue;
            };
            let head = head.as_str();
            // Back over scope words to `等`.
            let mut before = at;
            while before > 0 && {
                let word = document.token_text(&tokens[before - 1]);
                self.is_scope(word) && !self.is_list_end(word)
            } {
                before -= 1;
            }
            // `A、B等(重点)产业`, or a count of the members: `A、B、C三大先导产业`. Without
            // either, the last member is a known sector of its own right before the head and
            // the members before it share the head (`光电子信息和新能源汽车产业`).
            let counted = before > 0 && self.is_list_end(document.token_text(&tokens[before - 1]));
            let list_end = if counted { before - 1 } else { before };
            // A member is nouns, or a sector already found whatever its words' tags
            // (`冰雪装备/制造/v`); a verb after a noun that ends a member belongs to it
            // (`文化/n 创意/v、`), where one inside it is the clause's (`行动/聚焦/v 银行保险`).
            let is_member_word = |i: usize| {
                let token = &tokens[i];
                let ends_member = i + 1 == list_end
                    || matches!(
                        document.token_text(&tokens[i + 1]),
                        "、" | "和" | "及" | "与"
                    );
                is_noun(token)
                    || found.covers(token.span)
                    || (token.tag.as_bytes() == b"v"
                        && ends_member
                        && i > 0
                        && is_noun(&tokens[i - 1]))
            };
            let mut items = list_items(document, &tokens[..list_end], is_member_word);
            if !counted {
                let own = items.pop().map(|last| NormalizedSpan {
                    start: tokens[last.start].span.start,
                    end: token.span.end,
                });
                // A member holding a head is no kind of industry (`产业园、科幻产业集聚区`).
                let holds_head = |item: &Range<usize>| {
                    let span = NormalizedSpan {
                        start: tokens[item.start].span.start,
                        end: tokens[item.end - 1].span.end,
                    };
                    let text = document.normalized_text(span);
                    self.heads.iter().any(|head| text.contains(head.as_str()))
                };
                if items.is_empty()
                    || items.iter().any(holds_head)
                    || !own.is_some_and(|own| found.known_covers(own))
                {
                    continue;
                }
            }
            for item in items {
                let span = NormalizedSpan {
                    start: tokens[item.start].span.start,
                    end: tokens[item.end - 1].span.end,
                };
                let text = document.normalized_text(span);
                if self.only_scope_and_heads(text) {
                    continue;
                }
                // `旅游` in a list of 行业 is 旅游业: the member, then with its head or with 业.
                let entry = [
                    text.to_string(),
                    format!("{text}{head}"),
                    format!("{text}业"),
                ]
                .iter()
                .find_map(|surface| self.by_surface.get(surface))
                .copied();
                if let Some(existing) = found.exactly_mut(span) {
                    existing.inherited_head = Some(head.to_string());
                } else if !found.overlaps(span) {
                    found.push(Found {
                        span,
                        entry,
                        inherited_head: Some(head.to_string()),
                    });
                }
            }
        }
    }

    /// Phrases of nouns ending in a head (`数字创意产业`, `商务服务业`) that the dictionary did
    /// not find: reported as unknown sectors unless their words are only scope words.
    fn headed_phrases(&self, document: &Document, found: &mut FoundSectors) {
        let tokens = document.tokens();
        let chars = document.normalized_chars();
        for (at, token) in tokens.iter().enumerate() {
            let last = chars[token.span.end - 1];
            if !self.head_ends.contains(last) && last != '业' {
                continue;
            }
            let word = document.token_text(token);
            let is_head = self.is_head(word)
                || (word.ends_with('业')
                    && word.chars().count() >= 2
                    && is_noun(token)
                    && !self
                        .not_heads
                        .iter()
                        .any(|not| word.ends_with(not.as_str())));
            // The phrase must end at the head: `产业转型` is a process, not a sector.
            if !is_head || tokens.get(at + 1).is_some_and(is_noun) {
                continue;
            }
            let mut first = at;
            // Verbal nouns before a head are processes (`发展经济`), not kinds of industry.
            while first > 0
                && at - first < MAX_MODIFIERS
                && is_noun(&tokens[first - 1])
                && tokens[first - 1].tag.as_bytes() != b"vn"
                && tokens[first - 1].span.end == tokens[first].span.start
            {
                first -= 1;
            }
            while first < at && self.is_scope(document.token_text(&tokens[first])) {
                first += 1;
            }
            let span = NormalizedSpan {
                start: tokens[first].span.start,
                end: token.span.end,
            };
            if found.overlaps(span) {
                continue;
            }
            let text = document.normalized_text(span);
            if self.only_scope_and_heads(text) {
                continue;
            }
            found.push(Found {
                span,
                entry: self.by_surface.get(text).copied(),
                inherited_head: None,
            });
        }
    }

    fn is_head(&self, word: &str) -> bool {
        word.chars()
            .next_back()
            .is_some_and(|c| self.head_ends.contains(c))
            && self.heads.iter().any(|head| head == word)
    }

    /// The word between a list of sectors and its head: `等`, or how many they are, a scope
    /// word of sector-words.tsv (`三大`).
    fn is_list_end(&self, word: &str) -> bool {
        word == "等" || word.ends_with('大') && self.is_scope(word)
    }

    fn is_scope(&self, word: &str) -> bool {
        self.scopes.iter().any(|scope| scope == word)
    }

    /// Whether `text` is only scope words and heads (`重点产业`, `传统产业`, `世界经济`,
    /// `产业集群`): which sectors, not what they are.
    fn only_scope_and_heads(&self, mut text: &str) -> bool {
        // Most phrases start with a word of their own, not a scope word: settle them at once.
        if !text
            .chars()
            .next()
            .is_some_and(|c| self.scope_starts.contains(c))
        {
            return false;
        }
        loop {
            let stripped = self
                .scopes
                .iter()
                .chain(&self.heads)
                .filter_map(|word| text.strip_prefix(word.as_str()))
                .min_by_key(|rest| rest.len());
            match stripped {
                Some(rest) => text = rest,
                None => return text.is_empty(),
            }
        }
    }

    /// Systems such as `以A为战略主导，B、C、D为特色培育，E为配套支撑的“1+3+1”高精尖产业体系`.
    fn systems(&self, document: &Document, found: &[Found]) -> Vec<SectorSystem> {
        let chars = document.normalized_chars();
        let mut systems = Vec::new();
        // Only a sentence with a `+` can state a framework; most are ruled out by one memchr.
        let with_framework = document
            .sentences()
            .iter()
            .filter(|s| document.normalized()[s.byte_start..s.byte_end].contains('+'));
        for sentence in with_framework {
            let text = &document.normalized()[sentence.byte_start..sentence.byte_end];
            let Some((framework, counts, framework_span)) =
                framework_in(&chars[sentence.span.start..sentence.span.end])
            else {
                continue;
            };
            let framework_start = sentence.span.start + framework_span.start;
            let framework_end = sentence.span.start + framework_span.end;
            // The system's name: from after the framework to the system head.
            let after: String = chars[framework_end..sentence.span.end].iter().collect();
            let Some(name_end) = self
                .system_heads
                .iter()
                .filter_map(|head| {
                    after
                        .find(head.as_str())
                        .map(|at| after[..at].chars().count() + head.chars().count())
                })
                .min()
            else {
                continue;
            };
            let name: String = chars[framework_end..framework_end + name_end]
                .iter()
                .collect();
            // Roles: `为ROLE` closes each group of members, groups separated by commas.
            let mut groups: Vec<(Vec<usize>, String)> = Vec::new();
            let mut members = Vec::new();
            let clauses = text[..text
                .char_indices()
                .nth(framework_span.start)
                .map_or(text.len(), |(b, _)| b)]
                .split([',', '，'])
                .scan(sentence.span.start, |offset, clause| {
                    let start = *offset;
                    *offset += clause.chars().count() + 1;
                    Some((start, clause))
                });
            for (clause_start, clause) in clauses {
                let Some(wei) = clause.rfind('为') else {
                    continue;
                };
                let role = clause[wei + '为'.len_utf8()..]
                    .trim_end_matches('的')
                    .to_string();
                let role_start = clause_start + clause[..wei].chars().count();
                let group: Vec<usize> = found
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.span.start >= clause_start && f.span.end <= role_start)
                    .map(|(index, _)| index)
                    .collect();
                if !group.is_empty() && !role.is_empty() {
                    groups.push((group, role));
                }
            }
            let group_counts: Vec<usize> = groups.iter().map(|(g, _)| g.len()).collect();
            if group_counts != counts {
                continue;
            }
            for (group, role) in groups {
                members.extend(group.into_iter().map(|sector| SystemMember {
                    sector,
                    role: role.clone(),
                }));
            }
            let span = NormalizedSpan {
                start: framework_start,
                end: framework_end + name_end,
            };
            systems.push(SectorSystem {
                mention: document.mention(span),
                name,
                framework,
                members,
            });
        }
        systems
    }

    fn sector(&self, document: &Document, found: Found) -> Sector {
        let text = document.normalized_text(found.span);
        let mention = document.mention(found.span);
        match found.entry.map(|e| &self.entries[e]) {
            Some(entry) => Sector {
                mention,
                name: entry.name.clone(),
                known: true,
                gbt4754: entry.gbt4754.clone(),
                sei: entry.sei.clone(),
                kind: entry.kind.clone(),
                inherited_head: found.inherited_head,
            },
            None => Sector {
                mention,
                name: text.to_string(),
                known: false,
                gbt4754: Vec::new(),
                sei: None,
                kind: "industry".to_string(),
                inherited_head: found.inherited_head,
            },
        }
    }
}

/// The most words of the segmentation that a dictionary surface is looked for across.
const MAX_SURFACE_WORDS: usize = 4;

/// At most this many words before a head make a sector phrase (`新一代/信息技术/产业`).
const MAX_MODIFIERS: usize = 3;

/// A sector found before it is written out.
#[derive(Debug, Clone)]
struct Found {
    span: NormalizedSpan,
    entry: Option<usize>,
    inherited_head: Option<String>,
}

/// The sectors found so far, which never overlap one another, indexed by where they start: a
/// document naming a sector a hundred thousand times is read in n log n, not n².
#[derive(Default)]
struct FoundSectors {
    by_start: BTreeMap<usize, Found>,
}

impl FoundSectors {
    fn push(&mut self, found: Found) {
        debug_assert!(!self.overlaps(found.span));
        self.by_start.insert(found.span.start, found);
    }

    /// The sector that starts last before `end`: the only one that can overlap or cover a span
    /// ending there, since sectors do not overlap.
    fn last_before(&self, end: usize) -> Option<&Found> {
        self.by_start
            .range(..end)
            .next_back()
            .map(|(_, found)| found)
    }

    fn overlaps(&self, span: NormalizedSpan) -> bool {
        self.last_before(span.end)
            .is_some_and(|found| found.span.overlaps(span))
    }

    fn covers(&self, span: NormalizedSpan) -> bool {
        self.last_before(span.end)
            .is_some_and(|found| found.span.start <= span.start && span.end <= found.span.end)
    }

    /// Whether a sector of the dictionary covers `span`.
    fn known_covers(&self, span: NormalizedSpan) -> bool {
        self.last_before(span.end).is_some_and(|found| {
            found.entry.is_some() && found.span.start <= span.start && span.end <= found.span.end
        })
    }

    fn exactly_mut(&mut self, span: NormalizedSpan) -> Option<&mut Found> {
        self.by_start
            .get_mut(&span.start)
            .filter(|found| found.span == span)
    }

    fn into_sorted(self) -> Vec<Found> {
        self.by_start.into_values().collect()
    }
}

/// Nouns, and the other tags jieba gives to the words of sector names (`高精尖/nr`).
fn is_noun(token: &Token) -> bool {
    matches!(
        token.tag.as_bytes(),
        b"n" | b"nz" | b"vn" | b"an" | b"b" | b"j" | b"eng" | b"nr" | b"ng" | b"nrt" | b"nt" | b"l"
    )
}

/// A framework such as `“1+3+1”` in a sentence: its text, the numbers it adds, and its span
/// (quotes included).
fn framework_in(chars: &[char]) -> Option<(String, Vec<usize>, Range<usize>)> {
    let mut at = 0;
    while at < chars.len() {
        if chars[at].is_ascii_digit() {
            let start = at;
            let mut counts = Vec::new();
            let mut number = 0usize;
            while at < chars.len() && (chars[at].is_ascii_digit() || chars[at] == '+') {
                if chars[at] == '+' {
                    counts.push(number);
                    number = 0;
                } else {
                    // Saturating: `999…9+1` (found by cargo fuzz) counts no members anyway.
                    let digit = chars[at].to_digit(10).unwrap_or(0) as usize;
                    number = number.saturating_mul(10).saturating_add(digit);
                }
                at += 1;
            }
            counts.push(number);
            if counts.len() >= 2 {
                let text: String = chars[start..at].iter().collect();
                let open = start > 0 && matches!(chars[start - 1], '“' | '"');
                let close = chars.get(at).is_some_and(|&c| matches!(c, '”' | '"'));
                let span = (start - usize::from(open))..(at + usize::from(close));
                return Some((text, counts, span));
            }
        }
        at += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::pipeline::Pipeline;

    fn pipeline() -> &'static Pipeline {
        Pipeline::for_tests()
    }

    /// `(text, name, known)` of each sector.
    fn sectors(text: &str) -> Vec<(String, String, bool)> {
        let document = pipeline().analyze(text.to_string());
        pipeline()
            .sectors(&document)
            .0
            .into_iter()
            .map(|s| (s.mention.text, s.name, s.known))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        sectors(text).into_iter().map(|(t, _, _)| t).collect()
    }

    #[test]
    fn a_sector_before_what_measures_it_is_still_a_sector() {
        assert_eq!(texts("规模以上工业增加值增长7%。"), ["工业"]);
        assert_eq!(texts("新能源汽车产量增长30%。"), ["新能源汽车"]);
        assert_eq!(texts("按照文化旅游发展规划推进。"), ["文化旅游"]);
        assert_eq!(texts("保护工业遗产。"), Vec::<String>::new());
    }

    #[test]
    fn lists_end_in_a_count_or_a_scoped_head() {
        assert_eq!(
            texts("集成电路、生物医药、人工智能三大先导产业规模增长。"),
            ["集成电路", "生物医药", "人工智能"]
        );
        let members = sectors("冰雪热带动了住宿、餐饮、冰雪装备制造等相关产业。");
        let names: Vec<&str> = members.iter().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(names, ["住宿业", "餐饮业", "冰雪装备"]);
    }

    #[test]
    fn list_members_may_end_in_a_verb_or_share_a_head_without_deng() {
        assert_eq!(
            texts("重点培育数字经济、商务服务、文化创意、国际会展四大产业。"),
            ["数字经济", "商务服务", "文化创意", "国际会展"]
        );
        assert_eq!(
            texts("光电子信息和新能源汽车产业加速成长。"),
            ["光电子信息", "新能源汽车产业"]
        );
        // Without `等` the last member must be a known sector, and a member holding a head is
        // a park, not an industry.
        assert_eq!(texts("发展城市和农村经济。"), ["农村经济"]);
        assert_eq!(
            texts("建设电竞产业园、科幻产业集聚区。"),
            ["电竞", "科幻产业"]
        );
    }

    #[test]
    fn a_name_before_a_noun_names_its_sector_unless_short_and_only_an_attribute() {
        let cases: &[(&str, &[&str])] = &[
            ("提升乡村旅游品牌影响力。", &["乡村旅游"]),
            ("编制冰雪旅游专项规划。", &["冰雪旅游"]),
            ("累计建成5G基站4.6万个。", &["5G"]),
            ("举办中国科幻大会。", &[]),
            ("保护工业遗产。", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(texts(text), *expected, "{text}");
        }
    }

    #[test]
    fn dictionary_names_and_aliases_resolve_to_the_canonical_sector() {
        let cases: &[(&str, &str, &str)] = &[
            ("发展现代金融业。", "现代金融业", "现代金融业"),
            ("壮大科技服务业。", "科技服务业", "科技服务业"),
            ("培育数字创意产业。", "数字创意产业", "数字创意产业"),
            ("发展新能源汽车。", "新能源汽车", "新能源汽车"),
            ("做强数字经济。", "数字经济", "数字经济"),
        ];
        for (text, mention, name) in cases {
            let found = sectors(text);
            assert!(
                found
                    .iter()
                    .any(|(t, n, known)| t == mention && n == name && *known),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn list_members_inherit_the_head_after_deng() {
        let document = pipeline().analyze(
            "聚焦银行保险、工业互联网、虚拟现实、人工智能、科幻、动漫游戏等重点产业。".to_string(),
        );
        let (sectors, _) = pipeline().sectors(&document);
        let members: Vec<(&str, Option<&str>)> = sectors
            .iter()
            .map(|s| (s.mention.text.as_str(), s.inherited_head.as_deref()))
            .collect();
        let expected: Vec<(&str, Option<&str>)> = [
            "银行保险",
            "工业互联网",
            "虚拟现实",
            "人工智能",
            "科幻",
            "动漫游戏",
        ]
        .into_iter()
        .map(|m| (m, Some("产业")))
        .collect();
        assert_eq!(members, expected);
    }

    #[test]
    fn a_phrase_ending_in_a_head_is_a_sector_known_or_not() {
        let cases: &[(&str, &str, &str, bool)] = &[
            // sentence, mention, name, known
            ("大力发展冰雪旅游产业。", "冰雪旅游产业", "冰雪旅游", true),
            ("培育赏花经济。", "赏花经济", "赏花经济", false),
            ("壮大生物医药产业集群。", "生物医药产业", "生物医药", true),
            ("推动制造业高质量发展。", "制造业", "制造业", true),
        ];
        for (text, mention, name, known) in cases {
            let found = sectors(text);
            assert_eq!(
                found,
                vec![(mention.to_string(), name.to_string(), *known)],
                "{text}"
            );
        }
    }

    #[test]
    fn processes_policies_and_scopes_are_not_sectors() {
        let cases = [
            "推进城市更新和产业转型。",
            "推动产业转型升级。",
            "促进腾退空间“腾笼换鸟”。",
            "做强重点产业。",
            "覆盖相关行业。",
            "民营企业稳定就业。",
            "保护工业遗产。",
            "农业农村部发布。",
            "工业和信息化部等部门印发通知。",
            "中央广播电视总台报道。",
        ];
        for text in cases {
            assert_eq!(texts(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn a_structured_system_names_its_members_and_their_roles() {
        let text = "石景山区现已建立起以现代金融业为战略主导,科技服务业、数字创意产业、新一代信息技术产业为特色培育,高端商务服务业为配套支撑的“1+3+1”高精尖产业体系。";
        let document = pipeline().analyze(text.to_string());
        let (sectors, systems) = pipeline().sectors(&document);
        assert_eq!(systems.len(), 1, "{systems:?}");
        let system = &systems[0];
        assert_eq!(system.framework, "1+3+1");
        assert_eq!(system.name, "高精尖产业体系");
        assert_eq!(system.mention.text, "“1+3+1”高精尖产业体系");
        let members: Vec<(&str, &str)> = system
            .members
            .iter()
            .map(|m| (sectors[m.sector].name.as_str(), m.role.as_str()))
            .collect();
        assert_eq!(
            members,
            [
                ("现代金融业", "战略主导"),
                ("科技服务业", "特色培育"),
                ("数字创意产业", "特色培育"),
                ("新一代信息技术产业", "特色培育"),
                ("高端商务服务业", "配套支撑"),
            ]
        );
        let without_roles = pipeline().analyze("不断培育壮大“1+3+1”高精尖产业体系。".to_string());
        assert!(pipeline().sectors(&without_roles).1.is_empty());
    }

    #[test]
    fn a_framework_of_numbers_too_long_to_count_is_read_without_overflow() {
        let chars: Vec<char> = "999999999999999999990+:".chars().collect();
        let (text, counts, span) = super::framework_in(&chars).unwrap();
        assert_eq!(text, "999999999999999999990+");
        assert_eq!(counts, [usize::MAX, 0]);
        assert_eq!(span, 0..22);
    }
}
