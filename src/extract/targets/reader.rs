//! Reading a document's clauses into statements: figures stated together, with their metric,
//! subject, time and status, and the targets without a number.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::vocabulary::{Level, Roles, Vocabulary, Word};
use super::{Modality, Report, Status, SubjectSource, Target, When};
use crate::calendar::Day;
use crate::document::Document;
use crate::extract::dates::{DateMention, DateRole, Granularity};
use crate::extract::figures::Figure;
use crate::extract::places::{Place, PlaceKind};
use crate::normalize::is_han;
use crate::offsets::NormalizedSpan;
use crate::record::Mention;
use crate::segment::{PosTag, Segmenter};

/// An entity's place in the normalised text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Located {
    pub(super) span: NormalizedSpan,
    pub(super) index: usize,
}

/// A clause: part of a sentence between clause punctuation.
#[derive(Debug, Clone)]
pub(super) struct Clause {
    pub(super) span: NormalizedSpan,
    pub(super) sentence: usize,
    pub(super) paragraph: usize,
    pub(super) tokens: Range<usize>,
    /// Its figures, dates and places, as ranges of the reader's spans.
    pub(super) figures: Range<usize>,
    pub(super) dates: Range<usize>,
    pub(super) places: Range<usize>,
}

/// A subject before it becomes a [`super::Subject`].
#[derive(Debug, Clone, PartialEq)]
pub(super) enum SubjectRef {
    /// A place of the document, and how it was found.
    Place(usize, SubjectSource, Option<NormalizedSpan>),
    /// A list of places: its span and members.
    List(NormalizedSpan, Vec<usize>),
    /// The nation, named by `全国` or `我国` at the span.
    Nation(NormalizedSpan),
}

/// The cues of a clause, or of a sentence up to a clause.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Cues {
    pub(super) planned: bool,
    pub(super) achieved: bool,
    pub(super) completion: bool,
    pub(super) in_progress: bool,
    pub(super) modality: Option<Modality>,
}

impl Cues {
    pub(super) fn add(&mut self, other: Cues) {
        self.planned |= other.planned;
        self.achieved |= other.achieved;
        self.completion |= other.completion;
        self.in_progress |= other.in_progress;
        self.modality = self.modality.or(other.modality);
    }
}

/// Figures stated together in one clause, with what they measure.
#[derive(Debug, Clone)]
pub(super) struct Statement {
    pub(super) clause: usize,
    pub(super) figures: Vec<usize>,
    pub(super) metric: Option<NormalizedSpan>,
    /// The metric is `这一数字` and the like: the target stated just before.
    pub(super) anaphor: bool,
    pub(super) subject: Option<SubjectRef>,
    pub(super) time: Option<usize>,
    pub(super) status: Option<Status>,
    pub(super) modality: Option<Modality>,
    /// The figures are a goal that was met (`超额完成25万人的年度目标`).
    pub(super) goal: bool,
    /// A change reported right after (`同比增长16.3%`).
    pub(super) change: Option<usize>,
    /// The metric opens with a word of detail (`涉及居民约8.6万户`, `占全市…的57%`): it
    /// describes the target stated before it.
    pub(super) detail: bool,
    /// The metric opens with a verb (`推广水肥一体化技术3.6万亩`): a further result, where
    /// a noun (`商品果率85%`) opens a measurement.
    pub(super) opens_with_verb: bool,
    /// Figures of details and of further results in the sentence, with their own metrics.
    pub(super) more: Vec<(usize, Option<NormalizedSpan>)>,
    /// `全年` in a clause without a date: the year of publication for a plan, the year
    /// reported on for an achievement.
    pub(super) whole_year: Option<NormalizedSpan>,
    /// From the first clause it draws on in its sentence to the end of its own.
    pub(super) evidence: NormalizedSpan,
}

/// One document being read.
pub(super) struct Reader<'a> {
    pub(super) words: &'a Vocabulary,
    pub(super) document: &'a Document,
    segmenter: &'a Segmenter,
    pub(super) figures: &'a [Figure],
    pub(super) dates: &'a [DateMention],
    pub(super) places: &'a [Place],
    pub(super) published: Option<Day>,
    /// The division the document names most, by place index.
    pub(super) main_place: Option<usize>,
    /// What the reader works out of the document before linking.
    pub(super) tables: Tables,
}

/// What the other stages found in a document, for the reader to link.
pub(super) struct Entities<'a> {
    pub(super) figures: &'a [Figure],
    pub(super) dates: &'a [DateMention],
    pub(super) places: &'a [Place],
}

/// The per-document tables of a reader, kept from one document to the next so that linking
/// fills them instead of allocating them for each document.
#[derive(Default)]
pub(super) struct Tables {
    /// Each date against publication, worked out once: the statements ask many times.
    tenses: Vec<Tense>,
    pub(super) figure_spans: Vec<Located>,
    pub(super) date_spans: Vec<Located>,
    pub(super) place_spans: Vec<Located>,
    pub(super) clauses: Vec<Clause>,
    /// The vocabulary's word of each token of the sentences worth reading (with a figure, a
    /// date or a place, or ending in `；`); the empty word elsewhere.
    pub(super) token_words: Vec<Word>,
    /// The sentences with a figure, and those with a figure or a date.
    pub(super) figured: Vec<bool>,
    pub(super) dated: Vec<bool>,
    /// The sentences read: with a figure, a date or a place, or ending in `；`.
    relevant: Vec<bool>,
    /// The sentences that end in `；`, as items of a list do.
    pub(super) list_items: Vec<bool>,
    /// `0..tokens` (or more), from which runs of token indexes are sliced without allocating.
    pub(super) token_ids: Vec<usize>,
    /// The roles of each relevant sentence's words together.
    sentence_roles: Vec<Roles>,
}

impl Tables {
    /// Tokens past which a document's tables are dropped rather than kept: a huge document
    /// would otherwise hold its memory for the rest of the run.
    const KEPT_TOKENS: usize = 1 << 16;
}

impl<'a> Reader<'a> {
    pub(super) fn new(
        words: &'a Vocabulary,
        document: &'a Document,
        segmenter: &'a Segmenter,
        entities: Entities<'a>,
        published: Option<Day>,
        mut tables: Tables,
    ) -> Reader<'a> {
        let Entities {
            figures,
            dates,
            places,
        } = entities;
        let Tables {
            tenses,
            figure_spans,
            date_spans,
            place_spans,
            clauses: clause_table,
            token_words,
            figured,
            dated,
            relevant,
            list_items,
            token_ids,
            sentence_roles,
        } = &mut tables;
        let locate = |mention: &Mention, index| Located {
            span: mention.normalized,
            index,
        };
        let refill = |spans: &mut Vec<Located>, mentions: &mut dyn Iterator<Item = &Mention>| {
            spans.clear();
            spans.extend(mentions.enumerate().map(|(i, m)| locate(m, i)));
        };
        refill(figure_spans, &mut figures.iter().map(|f| &f.mention));
        refill(date_spans, &mut dates.iter().map(|d| &d.mention));
        refill(place_spans, &mut places.iter().map(|p| &p.mention));
        let sentences = document.sentences().len();
        figured.clear();
        figured.resize(sentences, false);
        for figure in figures {
            figured[figure.mention.sentence] = true;
        }
        dated.clone_from(figured);
        for date in dates {
            dated[date.mention.sentence] = true;
        }
        relevant.clone_from(dated);
        for place in places {
            relevant[place.mention.sentence] = true;
        }
        list_items.clear();
        list_items.extend((0..sentences).map(|sentence| ends_list_item(document, sentence)));
        for (relevant, &listed) in relevant.iter_mut().zip(list_items.iter()) {
            *relevant |= listed;
        }
        let tokens = document.tokens().len();
        token_words.clear();
        token_words.resize(tokens, Word::default());
        sentence_roles.clear();
        sentence_roles.resize(sentences, Roles::default());
        clauses(
            document,
            relevant,
            words,
            token_words,
            sentence_roles,
            clause_table,
        );
        // One sweep over clauses and entities, both in text order.
        let (mut figure, mut date, mut place) = (0, 0, 0);
        for clause in clause_table.iter_mut() {
            clause.figures = run_within(figure_spans, clause.span, &mut figure);
            clause.dates = run_within(date_spans, clause.span, &mut date);
            clause.places = run_within(place_spans, clause.span, &mut place);
        }
        // `YYYY-MM-DD`, to compare with the dates' bounds.
        let published_iso = published.map(|day| day.to_string());
        tenses.clear();
        tenses.extend(
            dates
                .iter()
                .map(|date| Tense::of(date, published_iso.as_deref())),
        );
        // Runs of token indexes are sliced from `0..`, which only ever grows.
        let known = token_ids.len();
        token_ids.extend(known..tokens);
        Reader {
            words,
            document,
            segmenter,
            figures,
            dates,
            places,
            published,
            main_place: main_place(places),
            tables,
        }
    }

    /// The reader's tables, to be filled for the next document; none of a huge document's.
    pub(super) fn into_tables(self) -> Tables {
        if self.tables.token_ids.len() > Tables::KEPT_TOKENS {
            return Tables::default();
        }
        self.tables
    }

    /// The vocabulary's word of a token.
    pub(super) fn token_word(&self, token: usize) -> Word {
        self.tables.token_words[token]
    }

    /// Whether a place, as a sentence's subject, owns its paragraph's targets: a county or a
    /// larger division does; a township, zone or park owns its sentence's only.
    fn names_a_jurisdiction(&self, place: usize) -> bool {
        matches!(
            self.places[place].kind,
            PlaceKind::Province | PlaceKind::Prefecture | PlaceKind::County
        )
    }

    /// Whether a sentence has a verb that completes a task.
    fn has_task(&self, sentence: usize) -> bool {
        self.tables.sentence_roles[sentence].has(Roles::TASK)
    }

    pub(super) fn targets(&self) -> (Vec<Target>, Vec<Report>) {
        let mut statements = Vec::new();
        let mut numberless = Vec::new();
        let mut paragraph_subject: Option<(usize, usize)> = None;
        let mut paragraph_time: Option<(usize, usize)> = None;
        let mut paragraph_planned: Option<usize> = None;
        // The paragraph's latest date of any kind: an estimate (`预计`) in a paragraph about
        // the past year is a report.
        let mut paragraph_last_time: Option<(usize, usize)> = None;
        let mut previous_sentence: Option<usize> = None;
        // The date of the section's heading (`三、2024年重点工作`), which sets the time of the
        // paragraphs under it that name none.
        let mut section_time: Option<usize> = None;
        let mut clause_cues: Vec<Cues> = Vec::new();
        let mut clause_index = 0;
        while clause_index < self.tables.clauses.len() {
            let sentence = self.tables.clauses[clause_index].sentence;
            let paragraph = self.tables.clauses[clause_index].paragraph;
            // The sentences skipped, with no figure, date or place to link, ended any list.
            if previous_sentence.is_some_and(|previous| previous + 1 != sentence) {
                paragraph_planned = None;
            }
            let skipped = previous_sentence.map_or(0, |previous| previous + 1)..=sentence;
            if skipped.into_iter().any(|s| is_heading(self.document, s)) {
                section_time = None;
            }
            previous_sentence = Some(sentence);
            if !self.tables.dated[sentence]
                && !self.tables.list_items[sentence]
                && !self.has_task(sentence)
            {
                // Places alone, and no task to do there: only a subject for the paragraph, from
                // its last clause that names a jurisdiction.
                let end = clause_index
                    + self.tables.clauses[clause_index..]
                        .iter()
                        .take_while(|c| c.sentence == sentence)
                        .count();
                let jurisdiction = self.tables.clauses[clause_index..end]
                    .iter()
                    .rev()
                    .find_map(|c| match self.subject_in(c, c.span.end) {
                        Some(SubjectRef::Place(place, ..)) if self.names_a_jurisdiction(place) => {
                            Some(place)
                        }
                        _ => None,
                    });
                if let Some(place) = jurisdiction {
                    paragraph_subject = Some((paragraph, place));
                }
                clause_index = end;
                paragraph_planned = None;
                continue;
            }
            let mut cues = Cues::default();
            let mut sentence_subject: Option<SubjectRef> = None;
            let mut sentence_time: Option<usize> = None;
            let sentence_statements = statements.len();
            // Each clause's cues, and whether any word of the sentence plans: `今年下半年，
            // 钱塘区将完成…` is set ahead from its first clause.
            // A sentence with dates but no figure, no task and no list item states no target:
            // its clauses only give the paragraph a time and a subject, so their cues are not
            // read, bar whether the sentence plans.
            let states_nothing = !self.tables.figured[sentence]
                && !self.tables.list_items[sentence]
                && !self.has_task(sentence);
            clause_cues.clear();
            clause_cues.extend(
                self.tables.clauses[clause_index..]
                    .iter()
                    .take_while(|c| c.sentence == sentence)
                    .map(|c| {
                        if states_nothing {
                            Cues::default()
                        } else {
                            self.cues(c.tokens.clone())
                        }
                    }),
            );
            let first_clause = clause_index;
            let sentence_planned = if states_nothing {
                self.tables.sentence_roles[sentence].has(Roles::PLANNED)
            } else {
                clause_cues.iter().any(|c| c.planned)
            };
            // Where the clauses that gave the sentence's latest time and subject start.
            let (mut time_start, mut subject_start) = (usize::MAX, usize::MAX);
            // A clause without figures that plans by a date of its own: clause, date, modality.
            let mut sentence_plan: Option<(usize, usize, Option<Modality>)> = None;
            // A clause without figures that says the work is done, and when: clause, date.
            let mut sentence_done: Option<(usize, usize)> = None;
            while clause_index < self.tables.clauses.len()
                && self.tables.clauses[clause_index].sentence == sentence
            {
                let clause = &self.tables.clauses[clause_index];
                let figures = &self.tables.figure_spans[clause.figures.clone()];
                let first_figure = figures.first().map_or(clause.span.end, |f| f.span.start);
                let own_cues = clause_cues[clause_index - first_clause];
                cues.add(own_cues);
                // A paragraph that lists plans separates them by `；`: the sentences after
                // the first are planned too, unless one says it is done.
                let time = self.tables.date_spans[clause.dates.clone()]
                    .iter()
                    .rev()
                    .find(|d| {
                        d.span.start < first_figure
                            && self.sets_time(
                                d,
                                sentence_planned || paragraph_planned == Some(paragraph),
                            )
                    })
                    .map(|d| d.index);
                let mut context_cues = cues;
                context_cues.planned |= paragraph_planned == Some(paragraph) && !cues.achieved;
                if let Some(time) = time {
                    time_start = clause.span.start;
                    sentence_time = Some(time);
                    paragraph_last_time = Some((paragraph, time));
                    if self.is_future(time) || self.is_current(time) {
                        paragraph_time = Some((paragraph, time));
                    }
                }
                if let Some(subject) = self.subject_in(clause, first_figure) {
                    subject_start = clause.span.start;
                    if let SubjectRef::Place(place, ..) = subject {
                        if self.names_a_jurisdiction(place) {
                            paragraph_subject = Some((paragraph, place));
                        }
                    }
                    sentence_subject = Some(subject);
                }
                let inherited_time = sentence_time.or_else(|| {
                    paragraph_time
                        .filter(|&(p, _)| p == paragraph && context_cues.planned)
                        .map(|(_, t)| t)
                });
                let subject = sentence_subject
                    .clone()
                    .or_else(|| {
                        paragraph_subject
                            .filter(|&(p, _)| p == paragraph)
                            .map(|(_, place)| {
                                SubjectRef::Place(place, SubjectSource::Paragraph, None)
                            })
                    })
                    .or_else(|| {
                        self.main_place
                            .map(|place| SubjectRef::Place(place, SubjectSource::Document, None))
                    });
                let evidence_start = clause.span.start.min(time_start).min(subject_start);
                let context = Context {
                    clause_index,
                    cues: context_cues,
                    own_cues,
                    own_time: time,
                    time: inherited_time,
                    setting: setting(sentence_time, paragraph_last_time, section_time, paragraph),
                    setting_in_sentence: sentence_time.is_some(),
                    subject,
                    evidence_start,
                };
                if figures.is_empty() {
                    if let Some(target) = self.numberless(clause, &context) {
                        numberless.push((clause_index, target));
                    }
                } else {
                    self.statements(clause, figures, &context, &mut statements);
                }
                // `全年改造城镇老旧小区1150个，完成年度计划的115%`: a clause that reports a
                // goal met makes the report before it an achievement.
                let own = context.own_cues;
                if figures.is_empty() && own.planned && time.is_some_and(|t| self.is_future(t)) {
                    sentence_plan = Some((clause_index, time.expect("a time"), own.modality));
                }
                if figures.is_empty() && own.achieved && !own.planned {
                    if let Some(time) = time.filter(|&t| !self.is_future(t)) {
                        sentence_done = Some((clause_index, time));
                    }
                }
                let lists_places = !clause.places.is_empty();
                if (own.achieved || own.completion) && self.names_goal(clause) && !lists_places {
                    if let Some(report) = statements[sentence_statements..]
                        .iter_mut()
                        .rev()
                        .find(|s| s.clause < clause_index && !s.figures.is_empty() && !s.detail)
                        .filter(|s| s.status.is_none())
                    {
                        report.status = Some(Status::Achieved);
                        report.evidence.end = clause.span.end;
                    }
                }
                clause_index += 1;
            }
            if let Some((done, time)) = sentence_done {
                // `…等15条道路实施综合整治，整治工作已于5月底全部完成`: the figures reported
                // before were the work done, by then.
                for statement in &mut statements[sentence_statements..] {
                    if statement.status.is_none() && statement.clause < done {
                        statement.status = Some(Status::Achieved);
                        statement.time = statement.time.or(Some(time));
                    }
                }
            }
            if let Some(plan) = sentence_plan {
                // `…新建管廊约18.5公里，计划于2026年6月前建成投用`: the plan and its date
                // stated after the figures.
                let mut planned_any = false;
                for statement in &mut statements[sentence_statements..] {
                    if statement.status.is_none() && statement.clause < plan.0 {
                        statement.status = Some(Status::Planned);
                        statement.time = statement.time.or(Some(plan.1));
                        statement.modality = statement.modality.or(plan.2);
                        planned_any = true;
                    }
                }
                // The plan's clause is then part of their target, no target of its own.
                if planned_any {
                    numberless.retain(|(clause, _)| *clause != plan.0);
                }
            }
            attach_changes(&mut statements[sentence_statements..], self.figures);
            merge_details(&mut statements[sentence_statements..]);
            // A plan carries over `；` to the next item of its list; `。` or a sentence set in
            // the past ends it. `预计` of the past is an estimate, no plan.
            let past = setting(sentence_time, paragraph_last_time, section_time, paragraph)
                .is_some_and(|t| self.is_past(t));
            if is_heading(self.document, sentence) {
                section_time = sentence_time;
            }
            let listed = self.tables.list_items[sentence];
            paragraph_planned = (listed
                && (cues.planned && !(past && cues.modality == Some(Modality::Forecast))
                    || paragraph_planned == Some(paragraph) && !past))
                .then_some(paragraph);
        }
        self.link(statements, numberless.into_iter().map(|(_, t)| t).collect())
    }

    /// The entities of `spans` inside `span`.
    pub(super) fn within<'s>(&self, spans: &'s [Located], span: NormalizedSpan) -> &'s [Located] {
        // The spans are in text order and do not overlap: those inside are a run.
        let from = spans.partition_point(|l| l.span.start < span.start);
        let mut to = spans.partition_point(|l| l.span.start < span.end).max(from);
        while to > from && spans[to - 1].span.end > span.end {
            to -= 1;
        }
        &spans[from..to]
    }

    /// Whether a token is white space or punctuation, which jieba tags `x`.
    fn is_blank_token(&self, token: usize) -> bool {
        self.document.tokens()[token].tag.as_bytes() == b"x" && is_blank(self.token_text(token))
    }

    pub(super) fn token_text(&self, token: usize) -> &str {
        self.document.token_text(&self.document.tokens()[token])
    }

    pub(super) fn cues(&self, tokens: Range<usize>) -> Cues {
        let mut cues = Cues::default();
        let mut perfect = false;
        let mut done = false;
        let mut in_title = false;
        // `主要目标任务基本完成`: a goal named, then met, plans nothing.
        let mut goal_named = false;
        for token in tokens.clone() {
            let word = self.token_word(token);
            // The words of a title (`《…远景目标纲要》`) say nothing of the clause.
            in_title = (in_title || word.roles.has(Roles::TITLE_OPEN))
                && !word.roles.has(Roles::TITLE_CLOSE);
            if in_title {
                continue;
            }
            // `已于5月底全部完成`: a date between keeps `已`.
            let in_date = || {
                let tag = self.document.tokens()[token].tag.as_bytes().first();
                matches!(tag, Some(b'm' | b't'))
            };
            // Most words have no role: they only end a `已`.
            if word.roles.0 == 0 && word.modality.is_none() {
                perfect = perfect && in_date();
                continue;
            }
            let next = (token + 1 < tokens.end).then(|| self.token_word(token + 1));
            // `已争取…资金`: obtained, not striven for; `超额完成…年度目标`: a goal met, no
            // plan.
            let names_goal = word.roles.has(Roles::GOAL);
            // `将生产效率提升了70%`: before a noun or a pronoun, `将` marks the object (as `把`
            // does), and with a perfective `了` after it the deed is done: no plan. Without
            // `了` it stays a plan cue: `将重点推动`, where a noun is an adverb, and policies
            // announced (`将…比例由5%提高到20%`).
            let all_tokens = self.document.tokens();
            let marks_object = word.roles.has(Roles::OBJECT_MARKER)
                && all_tokens
                    .get(token + 1)
                    .is_some_and(|next| is_nominal(next.tag))
                && all_tokens[token + 1..tokens.end]
                    .iter()
                    .any(|t| t.tag.as_bytes() == b"ul");
            cues.planned |=
                word.roles.has(Roles::PLANNED) && !perfect && !names_goal && !marks_object;
            // `袭击了约800个目标`: a goal counted by a figure is what the figure counts.
            goal_named |= names_goal
                && word.roles.has(Roles::PLANNED)
                && !perfect
                && !done
                && !self.follows_figure(token);
            // `建成后可新增学位`: once built, so not built yet.
            let completes = word.roles.has(Roles::COMPLETION)
                && !next.is_some_and(|next| next.roles.has(Roles::CONDITION));
            cues.achieved |= word.roles.has(Roles::ACHIEVED) || (perfect && completes);
            perfect = word.roles.has(Roles::PERFECT)
                || (perfect && (word.roles.has(Roles::LEAD) || in_date()));
            done |= completes || word.roles.has(Roles::ACHIEVED);
            cues.completion |= completes;
            cues.in_progress |= word.roles.has(Roles::IN_PROGRESS);
            cues.modality = cues.modality.or(word.modality);
        }
        cues.planned |= goal_named && !cues.completion && !cues.achieved;
        cues
    }

    /// Whether a token starts right where a figure ends.
    fn follows_figure(&self, token: usize) -> bool {
        let start = self.document.tokens()[token].span.start;
        let at = self
            .tables
            .figure_spans
            .partition_point(|f| f.span.end < start);
        self.tables
            .figure_spans
            .get(at)
            .is_some_and(|f| f.span.end == start)
    }

    /// Whether a date lies after publication, or is a deadline not yet past.
    pub(super) fn is_future(&self, date: usize) -> bool {
        self.tables.tenses[date].future
    }

    /// Whether a date sets the time of its clause. Not a date that qualifies a noun
    /// (`年初确定的三十三项`), that a comparison is made with (`较2020年翻一番`), or that names
    /// a document in `《》` (`《…二〇三五年远景目标纲要》`).
    pub(super) fn sets_time(&self, date: &Located, planned: bool) -> bool {
        let span = date.span;
        // `年末`, `三季度` after publication, with no word that puts them ahead: in a report
        // they mean the year reported on, which the date cannot know.
        let mention = &self.dates[date.index];
        let unsure = !planned
            && mention.relative.as_deref() == Some("P0Y")
            && mention.role == DateRole::Point
            && !self.is_past(date.index)
            && !self.is_current(date.index);
        if unsure {
            return false;
        }
        let chars = self.document.normalized_chars();
        let compared = self.comparison_start(span).is_some();
        // `年初确定的`, `8月31日至9月5日举行的服贸会`.
        let after = &chars[span.end..chars.len().min(span.end + 4)];
        let qualifies = after.iter().take_while(|&&c| is_han(c)).any(|&c| c == '的');
        let sentence_start = self.document.sentences()[self.dates[date.index].mention.sentence]
            .span
            .start;
        let in_title = chars[sentence_start..span.start]
            .iter()
            .rev()
            .find(|&&c| c == '《' || c == '》')
            == Some(&'《');
        !(compared || qualifies || in_title)
    }

    /// Where the word of comparison starts that a date follows (`较` of `较2020年翻一番`).
    fn comparison_start(&self, date: NormalizedSpan) -> Option<usize> {
        let tokens = self.document.tokens();
        let before = tokens.partition_point(|t| t.span.end <= date.start);
        (before > 0
            && tokens[before - 1].span.end == date.start
            && self.token_word(before - 1).roles.has(Roles::COMPARE))
        .then(|| tokens[before - 1].span.start)
    }

    /// Whether a date lies wholly before publication.
    pub(super) fn is_past(&self, date: usize) -> bool {
        self.tables.tenses[date].past
    }

    /// Whether a date covers the publication date.
    pub(super) fn is_current(&self, date: usize) -> bool {
        self.tables.tenses[date].current
    }

    /// The subject a clause names before `before`: a place at its head (after dates and cue
    /// words), or a jurisdiction word.
    pub(super) fn subject_in(&self, clause: &Clause, before: usize) -> Option<SubjectRef> {
        let places = &self.tables.place_spans[clause.places.clone()];
        let dates = &self.tables.date_spans[clause.dates.clone()];
        let mut at = clause.span.start;
        for token in clause.tokens.clone() {
            let span = self.document.tokens()[token].span;
            if span.start >= before {
                break;
            }
            if span.start < at {
                continue;
            }
            if let Some(at) = places.iter().position(|p| p.span.start == span.start) {
                // `川沙新镇、祝桥镇等地区将新增…`: the places listed own the target together.
                let list = self.place_list(&places[at..]);
                if list.len() >= 2 {
                    return Some(self.list_subject(list));
                }
                let place = places[at];
                return self
                    .is_subject_place(place.index)
                    .then_some(SubjectRef::Place(
                        place.index,
                        SubjectSource::Sentence,
                        Some(place.span),
                    ));
            }
            if let Some(date) = dates.iter().find(|d| d.span.start == span.start) {
                at = date.span.end;
                continue;
            }
            let word = self.token_word(token);
            if let Some(level) = word.scope {
                return self.scope_subject(level, span);
            }
            if !(word.roles.has(Roles::LEAD)
                || word.roles.has(Roles::PLANNED)
                || self.is_blank_token(token))
            {
                return None;
            }
        }
        None
    }

    /// A list of places as a subject, with the `等` that closes it.
    pub(super) fn list_subject(&self, list: &[Located]) -> SubjectRef {
        let chars = self.document.normalized_chars();
        let mut end = list.last().expect("a list").span.end;
        // `…胡家庙片区、八府庄村、公园南路片区等`: members the places stage did not know still
        // belong to the list up to its `等`.
        if chars.get(end) == Some(&'、') {
            if let Some(and_so_on) = chars[end..chars.len().min(end + 24)]
                .iter()
                .take_while(|&&c| is_han(c) || c == '、')
                .position(|&c| c == '等')
            {
                end += and_so_on;
            }
        }
        if chars.get(end) == Some(&'等') {
            end += 1;
        }
        let span = NormalizedSpan {
            start: list[0].span.start,
            end,
        };
        SubjectRef::List(span, list.iter().map(|p| p.index).collect())
    }

    /// Whether a place may own a target: a division, or a zone, park, port or line
    /// (`地铁3号线一期…预计2024年底前开通试运营`).
    pub(super) fn is_subject_place(&self, place: usize) -> bool {
        matches!(
            self.places[place].kind,
            PlaceKind::Province
                | PlaceKind::Prefecture
                | PlaceKind::County
                | PlaceKind::Township
                | PlaceKind::Zone
                | PlaceKind::Park
                | PlaceKind::Port
                | PlaceKind::Line
                | PlaceKind::Region
        )
    }

    /// The subject a jurisdiction word at `span` stands for: the nation for `全国` and `我国`,
    /// though the document names a province most; else the document's most named division of
    /// the word's level (`全市` of an article about 成都 is 成都市).
    fn scope_subject(&self, level: Level, span: NormalizedSpan) -> Option<SubjectRef> {
        let fits: fn(&Place) -> bool = match level {
            Level::Nation => return Some(SubjectRef::Nation(span)),
            Level::Province => |place| place.kind == PlaceKind::Province,
            Level::Prefecture => |place| {
                place.kind == PlaceKind::Prefecture
                    || (place.kind == PlaceKind::County && place.name.ends_with('市'))
            },
            Level::County => |place| place.kind == PlaceKind::County,
            Level::Township => |place| place.kind == PlaceKind::Township,
        };
        most_named(self.places, |_, place| fits(place))
            .or(self.main_place)
            .map(|place| SubjectRef::Place(place, SubjectSource::Scope, Some(span)))
    }

    /// The statements of a clause that has figures.
    pub(super) fn statements(
        &self,
        clause: &Clause,
        figures: &[Located],
        context: &Context,
        statements: &mut Vec<Statement>,
    ) {
        let chars = self.document.normalized_chars();
        // Runs of figures joined by `、`, `和` and the like.
        let mut groups: Vec<&[Located]> = Vec::new();
        let mut from = 0;
        for at in 1..=figures.len() {
            let joined = figures.get(at).is_some_and(|figure| {
                let gap = &chars[figures[at - 1].span.end..figure.span.start];
                matches!(gap, ['、' | '和' | '及' | ',' | '，']) || gap.iter().all(|&c| c == ' ')
            });
            if !joined {
                groups.push(&figures[from..at]);
                from = at;
            }
        }
        let mut previous_end = clause.span.start;
        let mut previous_detail = false;
        let places = &self.tables.place_spans[clause.places.clone()];
        for (index, group) in groups.iter().enumerate() {
            let start = group[0].span.start;
            let end = group.last().expect("a figure").span.end;
            let next = groups
                .get(index + 1)
                .map_or(clause.span.end, |g| g[0].span.start);
            let pre_start = self.metric_start(clause, previous_end, start);
            let goal = self.is_goal(clause, end, next);
            // `碑林区、新城区、莲湖区三个中心城区`: a count of the places just named.
            let apposition = places.iter().any(|p| p.span.end == start);
            // `营业收入超10亿元的…企业`: the figure qualifies a noun.
            let attributive = !goal && chars.get(end) == Some(&'的');
            if apposition || attributive {
                previous_end = end;
                continue;
            }
            let whole_year = self.whole_year(context.clause_index);
            // A goal met is achieved whatever `目标` says.
            let status = if goal {
                Some(Status::Achieved)
            } else {
                self.status(context)
                    // `收入完成286.4亿元`: a verb of completing right before a figure says it
                    // reached that much, a report.
                    .filter(|&status| {
                        status != Status::Achieved
                            || context.own_cues.achieved
                            || !self.completes_figure(clause, pre_start, start)
                    })
            };
            let mut anaphor = self.has_anaphor(pre_start, start);
            let metric = if anaphor || goal {
                None
            } else {
                self.metric(clause, pre_start, start, end, next)
            };
            // `目前已建成约780座`, `到2025年将再新增约8000套`: a bare verb, or none, whose
            // metric is the one stated before.
            // A bare change (`同比增长16.3%`, `比去年增加31个`) is the change of the figure
            // before it; one planned by a date of its own (`到2025年将再新增约8000套`) a target.
            let changes_only = group
                .iter()
                .all(|f| self.figures[f.index].role.is_relative());
            let planned = matches!(status, Some(Status::Planned | Status::InProgress))
                && context.own_time.is_some();
            if metric.is_some_and(|m| self.is_bare_verb(clause, m))
                || (metric.is_none() && !goal && (!changes_only || planned))
            {
                anaphor = true;
            }
            let metric = metric.filter(|_| !anaphor);
            let continues = metric.is_some_and(|m| {
                m.start > previous_end && matches!(chars[previous_end..m.start], ['、'] | ['和'])
            });
            let detail = metric.is_some_and(|m| self.words.opens_detail(&chars[m.start..m.end]))
                || (previous_detail && continues);
            previous_detail = detail;
            statements.push(Statement {
                clause: context.clause_index,
                figures: group.iter().map(|f| f.index).collect(),
                metric,
                anaphor,
                subject: context.subject.clone(),
                time: context
                    .own_time
                    .or_else(|| goal.then(|| self.goal_period(clause, start)).flatten())
                    .or_else(|| context.time_of(status, whole_year)),
                status,
                modality: context.cues.modality,
                goal,
                change: None,
                detail,
                opens_with_verb: metric.is_some_and(|m| {
                    self.tokens_in(clause, m.start, m.end)
                        .first()
                        .is_some_and(|&t| {
                            self.document.tokens()[t].tag.as_bytes().first() == Some(&b'v')
                        })
                }),
                more: Vec::new(),
                whole_year,
                evidence: NormalizedSpan {
                    start: context.evidence_start,
                    end: clause.span.end,
                },
            });
            previous_end = end;
        }
    }

    /// Where the metric before a figure may start: after the clause's last date or place
    /// before the figure, and after the previous figure.
    pub(super) fn metric_start(
        &self,
        clause: &Clause,
        previous_end: usize,
        figure: usize,
    ) -> usize {
        let span = NormalizedSpan {
            start: previous_end,
            end: figure,
        };
        let mut start = previous_end;
        // Not a date compared with (`人均地区生产总值较2020年翻一番`): the metric precedes it.
        let dates = self.within(&self.tables.date_spans, span);
        let uncompared = dates
            .iter()
            .filter(|d| self.comparison_start(d.span).is_none());
        for located in uncompared.chain(
            self.within(&self.tables.place_spans, span)
                .iter()
                .filter(|p| self.is_subject_place(p.index)),
        ) {
            start = start.max(located.span.end);
        }
        let mut start = start.max(clause.span.start);
        // `祝桥镇等地区将新增…`: the list's `等` and its kind belong to the places.
        let chars = self.document.normalized_chars();
        if start > previous_end && chars.get(start) == Some(&'等') {
            start += 1;
            if let Some(&token) = self.tokens_in(clause, start, figure).first() {
                let span = self.document.tokens()[token].span;
                if span.start == start
                    && self.document.tokens()[token].tag.as_bytes().first() == Some(&b'n')
                {
                    start = span.end;
                }
            }
        }
        start
    }

    /// The period named before a goal's figure, which the goal was set for: `“十四五”` of
    /// `提前完成“十四五”确定的6万套（间）目标`.
    fn goal_period(&self, clause: &Clause, figure: usize) -> Option<usize> {
        self.tables.date_spans[clause.dates.clone()]
            .iter()
            .find(|d| d.span.end <= figure && self.dates[d.index].role == DateRole::Period)
            .map(|d| d.index)
    }

    /// Whether a figure is followed by the goal it met: `25万人的年度目标任务`.
    pub(super) fn is_goal(&self, clause: &Clause, end: usize, next: usize) -> bool {
        // `6万套（间）目标`: what is in brackets does not count.
        let mut depth = 0;
        self.tokens_in(clause, end, next)
            .iter()
            .copied()
            .filter(|&t| {
                let text = self.token_text(t);
                depth += usize::from(matches!(text, "（" | "("));
                let inside = depth > 0;
                depth -= usize::from(depth > 0 && matches!(text, "）" | ")"));
                !inside
            })
            .take(3)
            .any(|token| self.token_word(token).roles.has(Roles::GOAL))
            && self
                .tokens_in(clause, clause.span.start, end)
                .iter()
                .any(|&token| {
                    self.token_word(token)
                        .roles
                        .has(Roles::ACHIEVED | Roles::COMPLETION)
                })
    }

    /// The span of `全年` in a clause, or in one before it in its sentence (`全年新开工改造…，
    /// 完成…任务`).
    pub(super) fn whole_year(&self, clause: usize) -> Option<NormalizedSpan> {
        let sentence = self.tables.clauses[clause].sentence;
        self.tables.clauses[..=clause]
            .iter()
            .rev()
            .take_while(|c| c.sentence == sentence)
            .find_map(|c| {
                c.tokens
                    .clone()
                    .find(|&t| self.token_word(t).roles.has(Roles::WHOLE_YEAR))
            })
            .map(|t| self.document.tokens()[t].span)
    }

    /// The year `全年` stands for: the publication's for a plan; for an achievement, the last
    /// past year the document names before it (a bulletin's `2023年`), not one a period starts
    /// from (`2020年以来`).
    pub(super) fn whole_year_when(&self, span: NormalizedSpan, status: Status) -> Option<When> {
        let published = self.published?;
        let year = match status {
            Status::Achieved => {
                let before = self
                    .tables
                    .date_spans
                    .partition_point(|d| d.span.start < span.start);
                let date = self.tables.date_spans[..before].iter().rev().find(|d| {
                    let date = &self.dates[d.index];
                    date.granularity == Granularity::Year
                        && date.role != DateRole::Since
                        && !date.anchored
                        && self.is_past(d.index)
                })?;
                self.dates[date.index]
                    .to
                    .as_deref()?
                    .get(..4)?
                    .parse()
                    .ok()?
            }
            _ => published.year,
        };
        Some(When {
            mention: self.document.mention(span),
            from: Some(Day::first_of_year(year).to_string()),
            to: Some(Day::last_of_year(year).to_string()),
            granularity: Granularity::Year,
        })
    }

    /// Whether the word before a figure, past any bound (`约`), is a verb of completing.
    pub(super) fn completes_figure(&self, clause: &Clause, from: usize, figure: usize) -> bool {
        self.tokens_in(clause, from, figure)
            .iter()
            .rev()
            .find(|&&t| {
                let roles = self.token_word(t).roles;
                !roles.has(Roles::LINK) || roles.has(Roles::COMPLETION)
            })
            .is_some_and(|&t| self.token_word(t).roles.has(Roles::COMPLETION))
    }

    /// Whether a metric is only a verb (`建成`).
    pub(super) fn is_bare_verb(&self, clause: &Clause, metric: NormalizedSpan) -> bool {
        let tokens = self.document.tokens();
        match self.tokens_in(clause, metric.start, metric.end) {
            // The metric may end inside a word (`签约额` of `签约/额超`): then it is more.
            &[only] if tokens[only].span.end == metric.end => {
                tokens[only].tag.as_bytes().first() == Some(&b'v')
                    || self.token_word(only).roles.has(Roles::COMPLETION)
            }
            _ => false,
        }
    }

    /// Whether a clause names a goal or a task (`年度目标`, `年度计划的115%`).
    pub(super) fn names_goal(&self, clause: &Clause) -> bool {
        clause
            .tokens
            .clone()
            .any(|t| self.token_word(t).roles.has(Roles::GOAL))
    }

    pub(super) fn has_anaphor(&self, start: usize, end: usize) -> bool {
        self.words
            .has_anaphor(&self.document.normalized_chars()[start..end])
    }

    /// The tokens of a clause that lie in `start..end`: a run, since tokens are in text order.
    pub(super) fn tokens_in(&self, clause: &Clause, start: usize, end: usize) -> &[usize] {
        let tokens = &self.document.tokens()[clause.tokens.clone()];
        let from = clause.tokens.start + tokens.partition_point(|t| t.span.start < start);
        let to = clause.tokens.start + tokens.partition_point(|t| t.span.end <= end);
        &self.tables.token_ids[from..to.max(from)]
    }

    /// The metric of a figure at `start..end`: the phrase from `pre_start` to it, without
    /// cue, connective and linking words; or, when that is only a verb (`培育`), the phrase
    /// after it up to `next`.
    pub(super) fn metric(
        &self,
        clause: &Clause,
        pre_start: usize,
        start: usize,
        end: usize,
        next: usize,
    ) -> Option<NormalizedSpan> {
        // The comparison (`较2020年`) ends the metric before the figure.
        let compared = self
            .within(
                &self.tables.date_spans,
                NormalizedSpan {
                    start: pre_start,
                    end: start,
                },
            )
            .iter()
            .find_map(|d| self.comparison_start(d.span))
            .unwrap_or(start);
        let trimmed = self.trim(
            self.tokens_in(clause, pre_start, compared),
            Roles::LEAD | Roles::PLANNED | Roles::SCOPE,
            Roles::LINK | Roles::LEAD | Roles::PLANNED,
        );
        // A metric that ends in a goal (`完成年度计划的115%`) makes the figure a rate of
        // completion, no target.
        if trimmed
            .last()
            .is_some_and(|&t| self.token_word(t).roles.has(Roles::GOAL))
        {
            return None;
        }
        let tokens = self.document.tokens();
        let ends_in_verb = match trimmed {
            [] => true,
            // `完成三里屯太古里西区、蓝色港湾、合生汇等12个重点商圈改造提升`: the list
            // is of the objects, the metric follows.
            [.., last] if self.token_text(*last) == "等" => true,
            // `年初确定的三十三项民生实事`: a lone verb before the figure.
            [only] => tokens[*only].tag.as_bytes().first() == Some(&b'v'),
            [.., last] => self.token_word(*last).roles.has(Roles::ACTION),
        };
        // After the figure, the metric ends where a cue or a verb of reaching starts
        // (`三十三项民生实事已全部完成`).
        let after = self.tokens_in(clause, end, next);
        let after = &after[..after
            .iter()
            .position(|&t| {
                self.token_word(t)
                    .roles
                    .has(Roles::PLANNED | Roles::ACHIEVED | Roles::PERFECT | Roles::COMPLETION)
            })
            .unwrap_or(after.len())];
        let after = self.trim(after, Roles::LEAD | Roles::LINK, Roles::LEAD | Roles::LINK);
        // A unit left over from the figure (`个`) or a comparator (`以上`) is no metric.
        let after = match after {
            [first, rest @ ..] if self.is_figure_tail(*first) => rest,
            all => all,
        };
        let chosen = if ends_in_verb && !after.is_empty() {
            after
        } else {
            trimmed
        };
        let tokens = self.document.tokens();
        let last = *chosen.last()?;
        let span = NormalizedSpan {
            start: tokens[*chosen.first()?].span.start,
            end: tokens[last].span.end - usize::from(self.ends_in_merged_link(last)),
        };
        (span.len() >= 2).then_some(span)
    }

    /// Whether a word is one jieba's HMM made of a metric's last characters and a linking
    /// word of one character (`总罐容达`, `全长约`, `签约额超`, `之比为`): a word its
    /// dictionary lacks that ends in a `merged-link` word.
    fn ends_in_merged_link(&self, token: usize) -> bool {
        let text = self.token_text(token);
        let mut chars = text.chars();
        chars.next_back().is_some_and(|last| {
            !chars.as_str().is_empty()
                && self.words.is_merged_link(last)
                && !self.segmenter.knows(text)
        })
    }

    /// Whether a token right after a figure only bounds it (`以上`, `左右`).
    pub(super) fn is_figure_tail(&self, token: usize) -> bool {
        self.token_word(token).roles.has(Roles::BOUND)
    }

    /// `tokens` without those at the front that have a role of `front` (or are punctuation)
    /// and those at the back that have a role of `back`.
    pub(super) fn trim<'t>(&self, tokens: &'t [usize], front: u32, back: u32) -> &'t [usize] {
        let mut from = 0;
        let mut to = tokens.len();
        let is = |token: usize, roles: u32| {
            self.is_blank_token(token) || self.token_word(token).roles.has(roles)
        };
        while from < to && is(tokens[from], front) {
            from += 1;
        }
        while to > from && is(tokens[to - 1], back) {
            to -= 1;
        }
        &tokens[from..to]
    }

    /// A statement's status: planned, in progress or achieved; `None` for a report.
    ///
    /// A clause set in the past is a report, or achieved when it says it completed something;
    /// one that a word or a date sets in the future is planned; only its own words make any
    /// other clause achieved.
    pub(super) fn status(&self, context: &Context) -> Option<Status> {
        let own = context.own_cues;
        let cues = context.cues;
        let done = own.achieved || own.completion;
        if own.achieved && !own.planned {
            return Some(Status::Achieved);
        }
        // In the past, `预计` estimates: `过去一年…预计全年地区生产总值达到2.2万亿元`.
        let plans = own.planned && own.modality != Some(Modality::Forecast);
        // A past date of the paragraph does not outweigh the sentence's own plan words, bar
        // an estimate (`过去一年，… 预计全年地区生产总值达到2.2万亿元左右`).
        let past = context.setting.is_some_and(|t| self.is_past(t))
            && (context.setting_in_sentence
                || !cues.planned
                || own.modality == Some(Modality::Forecast));
        if past && !plans {
            return done.then_some(Status::Achieved);
        }
        if cues.in_progress && !cues.planned {
            return Some(Status::InProgress);
        }
        // `三、2024年重点工作 … 全年新开工改造…1000个以上`: a year not over yet is planned for;
        // a day of it (`今天（1月18日）…全年累计…`) says nothing of which year `全年` is.
        let year_ahead = context
            .setting
            .is_some_and(|t| self.is_current(t) && self.dates[t].granularity == Granularity::Year)
            && self.whole_year(context.clause_index).is_some();
        if cues.planned || year_ahead || context.time.is_some_and(|t| self.is_future(t)) {
            let forecast_now = cues.modality == Some(Modality::Forecast)
                && context.time.is_some_and(|t| {
                    self.is_current(t) && self.dates[t].role != DateRole::Deadline
                });
            return Some(if forecast_now {
                Status::InProgress
            } else {
                Status::Planned
            });
        }
        done.then_some(Status::Achieved)
    }

    /// A target without a number: a completion verb with a list of places
    /// (`全面完成西黄村、衙门口…等棚户区改造任务`), or with a deadline
    /// (`2027年前形成较为完整的本地零部件配套体系`).
    pub(super) fn numberless(&self, clause: &Clause, context: &Context) -> Option<Target> {
        let tokens = &self.tables.token_ids[clause.tokens.clone()];
        // `2027年前陆续建成后，…`: once built is no task of its own.
        let verb = tokens.iter().enumerate().position(|(i, &t)| {
            self.token_word(t).roles.has(Roles::TASK)
                && tokens
                    .get(i + 1)
                    .is_none_or(|&next| !self.token_word(next).roles.has(Roles::CONDITION))
        })?;
        let status = self.status(context)?;
        let verb_span = self.document.tokens()[tokens[verb]].span;
        let places = &self.tables.place_spans[clause.places.clone()];
        let (before, after): (Vec<Located>, Vec<Located>) =
            places.iter().partition(|p| p.span.end <= verb_span.start);
        // The places the task is done in follow the verb (`完成西黄村、衙门口…等棚户区改造任务`)
        // or open the clause as its subject (`海口美兰国际机场…等口岸将完成…`).
        let list = match self.place_list(&after) {
            list if list.len() >= 2 => list,
            _ => self.place_list(&before),
        };
        let (subject, metric_from) = if list.len() >= 2 {
            let subject = self.list_subject(list);
            let SubjectRef::List(span, _) = subject else {
                unreachable!("a list subject")
            };
            (Some(subject), span.end.max(verb_span.start))
        } else if let Some(&place) = after
            .first()
            .filter(|_| status == Status::Planned && context.time.is_some())
        {
            // One place the planned task is done in, in a dated sentence (`并启动地铁4号线
            // 大差市站至和平门站沿线片区的征收前期工作`).
            let span = NormalizedSpan {
                start: place.span.start,
                end: after.last().expect("a place").span.end,
            };
            (Some(SubjectRef::List(span, vec![place.index])), span.end)
        } else {
            // Without a list, only a deadline, or a date of the clause's own not yet past,
            // makes a phrase a target (`2027年前形成…体系`, `下半年将重点推动…清单落地`).
            let is_deadline = |t: usize| self.dates[t].role == DateRole::Deadline;
            let dated = context
                .own_time
                .is_some_and(|t| is_deadline(t) || !self.is_past(t))
                || (context.time.is_some_and(is_deadline) && self.is_time_clause_before(context));
            if !(dated && status == Status::Planned) {
                return None;
            }
            // The whole clause after its time and subject: `全岛封关运作将正式启动`.
            let from = self.metric_start(clause, clause.span.start, verb_span.start);
            (context.subject.clone(), from)
        };
        let after = self.trim(
            self.tokens_in(clause, metric_from, clause.span.end),
            Roles::LEAD | Roles::PLANNED | Roles::SCOPE,
            Roles::LEAD,
        );
        let is_list = matches!(subject, Some(SubjectRef::List(..)));
        let after_chars = after.first().map_or(0, |&first| {
            self.document.tokens()[*after.last().expect("tokens")]
                .span
                .end
                - self.document.tokens()[first].span.start
        });
        let metric = match after {
            // Only the list's kind follows it (`建成…等骨干道路`): the verb says what is done.
            _ if is_list && after_chars <= 4 => Some(verb_span),
            [] => Some(verb_span),
            tokens_after => {
                let all = self.document.tokens();
                let mut start = all[tokens_after[0]].span.start;
                // `等棚户区的` / `等街道的`: the list's kind, not the metric.
                let chars = self.document.normalized_chars();
                if let Some(de) =
                    (start..clause.span.end.min(start + 6)).find(|&i| chars[i] == '的')
                {
                    if is_list {
                        start = de + 1;
                    }
                }
                Some(NormalizedSpan {
                    start,
                    end: all[*tokens_after.last().expect("tokens")].span.end,
                })
            }
        };
        let whole_year = self.whole_year(context.clause_index);
        let statement = Statement {
            clause: context.clause_index,
            figures: Vec::new(),
            metric: metric.filter(|m| m.len() >= 2),
            anaphor: false,
            subject,
            time: context.time_of(Some(status), whole_year),
            status: Some(status),
            modality: context.cues.modality,
            goal: false,
            change: None,
            detail: false,
            opens_with_verb: false,
            more: Vec::new(),
            whole_year,
            evidence: NormalizedSpan {
                start: context.evidence_start,
                end: clause.span.end,
            },
        };
        Some(self.target(&statement))
    }

    /// Whether the time a clause inherits was stated in a clause of its own sentence that held
    /// nothing else (`到2035年，海南将基本建成…`).
    pub(super) fn is_time_clause_before(&self, context: &Context) -> bool {
        let Some(time) = context.time else {
            return false;
        };
        let clause = &self.tables.clauses[context.clause_index];
        let date_span = self.tables.date_spans[time].span;
        self.tables.clauses[..context.clause_index]
            .iter()
            .rev()
            .take_while(|c| c.sentence == clause.sentence)
            .any(|c| {
                c.span.start <= date_span.start
                    && date_span.end <= c.span.end
                    && c.span.len() <= date_span.len() + 2
            })
    }

    /// The places from the first of `places` on that form a list: consecutive, separated by
    /// `、`, `和`, `及`, `与` or a township name before its village (`安坪镇三沱村`).
    pub(super) fn place_list<'p>(&self, places: &'p [Located]) -> &'p [Located] {
        let chars = self.document.normalized_chars();
        let joined = |pair: &[Located]| {
            let (last, place) = (pair[0], pair[1]);
            let gap = &chars[last.span.end..place.span.start.max(last.span.end)];
            gap.is_empty()
                || matches!(
                    gap,
                    ['、'] | ['和'] | ['及'] | ['与'] | ['，'] | [','] | ['、', _]
                )
        };
        let members = 1 + places.windows(2).take_while(|&pair| joined(pair)).count();
        &places[..members.min(places.len())]
    }
}

/// Where a date lies against the publication date (`YYYY-MM-DD`, compared as text).
#[derive(Debug, Clone, Copy)]
struct Tense {
    /// Wholly before it.
    past: bool,
    /// Covering it.
    current: bool,
    /// After it, or a deadline not yet past; without a publication date, any deadline.
    future: bool,
}

impl Tense {
    fn of(date: &DateMention, published: Option<&str>) -> Tense {
        let (from, to) = (date.from.as_deref(), date.to.as_deref());
        let Some(published) = published else {
            return Tense {
                past: false,
                current: false,
                future: date.role == DateRole::Deadline,
            };
        };
        // A part of a year placed in the publication's year (`年末`, `三季度`) may mean the
        // year a report is about: only a date that says it lies ahead counts.
        let placed_in_year = date.relative.as_deref() == Some("P0Y");
        Tense {
            past: to.is_some_and(|to| to < published),
            current: matches!((from, to), (Some(from), Some(to)) if from <= published && published <= to),
            future: match (from, to) {
                (Some(from), _) if from > published && !placed_in_year => true,
                (_, Some(to)) => to >= published && date.role == DateRole::Deadline,
                _ => false,
            },
        }
    }
}

/// What a clause passes to the statements it holds.
pub(super) struct Context {
    pub(super) clause_index: usize,
    pub(super) cues: Cues,
    /// The cues of the clause alone.
    pub(super) own_cues: Cues,
    pub(super) own_time: Option<usize>,
    /// The time the clause is set in: its own, its sentence's or its paragraph's latest.
    pub(super) setting: Option<usize>,
    /// Whether the setting is a date of the clause's own sentence.
    pub(super) setting_in_sentence: bool,
    pub(super) time: Option<usize>,
    pub(super) subject: Option<SubjectRef>,
    pub(super) evidence_start: usize,
}

impl Context {
    /// The date a statement of the clause is set at: its own; with `全年`, no other, since that
    /// names the year (`下半年…，力争全年…增长4%左右`); for an achievement, the setting; else the
    /// time it inherits.
    fn time_of(&self, status: Option<Status>, whole_year: Option<NormalizedSpan>) -> Option<usize> {
        match (status, whole_year) {
            (_, Some(_)) => self.own_time,
            (Some(Status::Achieved), None) => self.own_time.or(self.setting),
            _ => self.own_time.or(self.time),
        }
    }
}

/// A change figure with no metric of its own (`同比增长16.3%`, `比2021年翻了一番`) belongs to
/// the statement before it in the sentence.
pub(super) fn attach_changes(statements: &mut [Statement], figures: &[Figure]) {
    let mut index = 1;
    while index < statements.len() {
        let statement = &statements[index];
        let is_bare_change = statement.metric.is_none()
            && !statement.anaphor
            && !statement.goal
            && statement
                .figures
                .iter()
                .all(|&f| figures[f].role.is_relative());
        if is_bare_change && statements[index - 1].change.is_none() {
            let (figure, end) = (statement.figures[0], statement.evidence.end);
            let previous = &mut statements[index - 1];
            previous.change = Some(figure);
            // Reported with it, so part of its evidence.
            previous.evidence.end = previous.evidence.end.max(end);
            statements[index].figures.clear();
            statements[index].status = None;
        }
        index += 1;
    }
}

/// Folds into a target statement the statements of its sentence that describe it: those that
/// open with a word of detail (`计划开工改造…1062个，涉及居民约8.6万户`), and, after an
/// achieved one, the reports that go on listing results (`累计改造低效果园8.2万亩，推广水肥
/// 一体化技术3.6万亩`). Their figures become the target's further values.
pub(super) fn merge_details(statements: &mut [Statement]) {
    let mut owner: Option<usize> = None;
    for index in 0..statements.len() {
        let statement = &statements[index];
        let folds = owner.is_some_and(|owner| {
            let owner = &statements[owner];
            !statement.figures.is_empty()
                && statement.subject == owner.subject
                && (statement.detail && owner.status.is_some()
                    || owner.status == Some(Status::Achieved)
                        && statement.metric.is_some()
                        && !statement.goal
                        && (statement.status == Some(Status::Achieved)
                            || statement.status.is_none() && statement.opens_with_verb))
        });
        if folds {
            let (figures, metric, end) = (
                std::mem::take(&mut statements[index].figures),
                statements[index].metric,
                statements[index].evidence.end,
            );
            let owner = &mut statements[owner.expect("an owner")];
            owner.more.extend(figures.into_iter().map(|f| (f, metric)));
            owner.evidence.end = owner.evidence.end.max(end);
            statements[index].status = None;
        } else if statement.status.is_some() && !statement.figures.is_empty() {
            owner = Some(index);
        }
    }
}

/// Characters that end a clause inside a sentence.
pub(super) fn ends_clause(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':')
}

/// Whether a token is white space or punctuation.
pub(super) fn is_blank(text: &str) -> bool {
    text.chars().all(is_blank_char)
}

fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_punctuation() || is_cjk_punctuation(c)
}

pub(super) fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// The time a clause is set in: its sentence's, else its paragraph's latest, else its
/// section's.
fn setting(
    sentence_time: Option<usize>,
    paragraph_last_time: Option<(usize, usize)>,
    section_time: Option<usize>,
    paragraph: usize,
) -> Option<usize> {
    sentence_time
        .or_else(|| {
            paragraph_last_time
                .filter(|&(p, _)| p == paragraph)
                .map(|(_, t)| t)
        })
        .or(section_time)
}

/// The longest heading (`三、2024年重点工作`) read as one: a whole line of no more characters.
const HEADING_CHARS: usize = 30;

/// Whether a sentence is a heading: a short line of its own that no punctuation ends.
fn is_heading(document: &Document, sentence: usize) -> bool {
    let span = document.sentences()[sentence].span;
    let chars = document.normalized_chars();
    let line_break = |c: Option<&char>| c.is_none_or(|&c| c == '\n');
    span.len() <= HEADING_CHARS
        && line_break(span.start.checked_sub(1).and_then(|i| chars.get(i)))
        && line_break(chars[span.end..].iter().find(|c| **c != ' ' && **c != '\r'))
        && chars[span.start..span.end]
            .last()
            .is_some_and(|&c| !is_blank_char(c))
}

/// Whether a sentence ends in `；`, as an item of a list does.
fn ends_list_item(document: &Document, sentence: usize) -> bool {
    let span = document.sentences()[sentence].span;
    matches!(
        document.normalized_chars()[span.start..span.end]
            .iter()
            .rev()
            .find(|c| !matches!(c, '”' | '’' | '）' | ')')),
        Some('；' | ';')
    )
}

/// Whether a tag is a noun's or a pronoun's, as the object after `将` is. Not a place name's:
/// jieba tags words that also name a place (`新建`) so, and a plan makes a place its object
/// (`将雄安新区建设成为…`); nor a number's or a time's (`将首次举办`, `将年内完成`).
fn is_nominal(tag: PosTag) -> bool {
    let tag = tag.as_bytes();
    (tag.first() == Some(&b'n') && tag != b"ns") || matches!(tag, b"r" | b"eng")
}

/// The clauses of a document's relevant sentences into `clauses`, each with its paragraph
/// (line) number; and, in the same pass over their tokens, each token's cue word in
/// `token_words` and the roles of a sentence's words together in `sentence_roles`.
pub(super) fn clauses(
    document: &Document,
    relevant: &[bool],
    words: &Vocabulary,
    token_words: &mut [Word],
    sentence_roles: &mut [Roles],
    clauses: &mut Vec<Clause>,
) {
    let chars = document.normalized_chars();
    let tokens = document.tokens();
    clauses.clear();
    let mut paragraph = 0;
    let mut previous_end = 0;
    for (index, sentence) in document.sentences().iter().enumerate() {
        // Paragraph numbers are only compared, so a line break between two sentences (they
        // never hold one) is all that counts, not how many.
        paragraph += usize::from(chars[previous_end..sentence.span.start].contains(&'\n'));
        previous_end = sentence.span.end;
        if !relevant[index] {
            continue;
        }
        let (mut start, mut first) = (sentence.span.start, sentence.tokens.start);
        for token in sentence.tokens.clone() {
            let span = tokens[token].span;
            let c = chars[span.start];
            if words.may_start(c) {
                let text = document.token_text(&tokens[token]);
                let word = words.token_word(c, span.len() == 1, text);
                sentence_roles[index].0 |= word.roles.0;
                token_words[token] = word;
            }
            let last = token + 1 == sentence.tokens.end;
            // jieba gives punctuation a token of its own.
            if last || (span.len() == 1 && ends_clause(c)) {
                let end = if last { sentence.span.end } else { span.end };
                clauses.push(Clause {
                    span: NormalizedSpan { start, end },
                    sentence: index,
                    paragraph,
                    tokens: first..token + 1,
                    figures: 0..0,
                    dates: 0..0,
                    places: 0..0,
                });
                (start, first) = (end, token + 1);
            }
        }
    }
}

/// The run of `spans` inside `span`, looked for from `*next` on, which it moves past them:
/// clauses and spans are both in text order.
fn run_within(spans: &[Located], span: NormalizedSpan, next: &mut usize) -> Range<usize> {
    while spans.get(*next).is_some_and(|l| l.span.start < span.start) {
        *next += 1;
    }
    let from = *next;
    while spans
        .get(*next)
        .is_some_and(|l| l.span.start < span.end && l.span.end <= span.end)
    {
        *next += 1;
    }
    from..*next
}

/// The division the document names most; the first named among equals.
pub(super) fn main_place(places: &[Place]) -> Option<usize> {
    // A new area (`雄安新区`) is no division but may be what an article is about; a division
    // that only qualifies the place after it (`河北` of `河北雄安新区`) is not.
    // Places are in text order: only the next can follow right after.
    let qualifies: Vec<bool> = places
        .iter()
        .enumerate()
        .map(|(index, place)| {
            places
                .get(index + 1)
                .is_some_and(|next| next.mention.start == place.mention.end)
        })
        .collect();
    let main = most_named(places, |index, p| {
        !qualifies[index]
            && matches!(
                p.kind,
                PlaceKind::Province | PlaceKind::Prefecture | PlaceKind::County | PlaceKind::Zone
            )
    })?;
    // Named once, a division is as often where the news was filed (`新华社北京…电`) or a
    // place in passing as what the article is about.
    let named = places
        .iter()
        .filter(|p| place_key(p) == place_key(&places[main]))
        .count();
    (named >= 2).then_some(main)
}

/// What tells places apart when counting them: the code, or the name of a place without one.
fn place_key(place: &Place) -> &str {
    place.code.as_deref().unwrap_or(&place.name)
}

/// The place named most often among those `fits` accepts, counted by code (or name); the
/// first named among equals.
pub(super) fn most_named(places: &[Place], fits: impl Fn(usize, &Place) -> bool) -> Option<usize> {
    let mut counts: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
    for (index, place) in places.iter().enumerate().filter(|&(i, p)| fits(i, p)) {
        counts.entry(place_key(place)).or_insert((0, index)).0 += 1;
    }
    counts
        .into_values()
        .max_by_key(|&(count, first)| (count, std::cmp::Reverse(first)))
        .map(|(_, first)| first)
}
