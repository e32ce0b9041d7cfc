//! Linking statements into targets and reports: goals met, anaphors, baselines from the
//! reports of the same metric, what they imply, and one target for one stated twice.

use super::reader::{is_blank, Reader, Statement, SubjectRef};
use super::vocabulary::Roles;
use super::{
    similar, Baseline, Derived, Metric, Report, Status, Subject, SubjectSource, Target,
    TargetValue, When,
};
use crate::extract::dates::{DateMention, DateRole, Granularity};
use crate::extract::figures::Role;
use crate::offsets::NormalizedSpan;

/// The nation `全国` and `我国` stand for, and its code in `world.tsv`: the news zhnews reads
/// is China's.
const NATION_NAME: &str = "中国";
const NATION_CODE: &str = "CN";

impl Reader<'_> {
    /// Builds the record of a statement.
    pub(super) fn target(&self, statement: &Statement) -> Target {
        let status = statement.status.unwrap_or(Status::Achieved);
        let (deadline, period) = self.times(statement, status);
        Target {
            subject: statement.subject.as_ref().map(|s| self.subject(s)),
            metric: statement.metric.map(|span| self.metric_of(span)),
            values: self.values(statement),
            actual: None,
            deadline,
            period,
            baseline: None,
            status,
            modality: statement.modality,
            plan: self.plan(statement),
            evidence: vec![self.document.mention(statement.evidence)],
            derived: None,
        }
    }

    /// The report of a statement that states no target; none without a metric.
    pub(super) fn report(&self, statement: &Statement) -> Option<Report> {
        let metric = self.metric_of(statement.metric?);
        let (deadline, period) = self.times(statement, Status::Achieved);
        Some(Report {
            subject: statement.subject.as_ref().map(|s| self.subject(s)),
            metric,
            values: self.values(statement),
            time: deadline.or(period),
            change: statement.change.map(|f| self.value(f)),
            evidence: self.document.mention(statement.evidence),
        })
    }

    /// A statement's deadline, or the period it covers.
    fn times(&self, statement: &Statement, status: Status) -> (Option<When>, Option<When>) {
        match statement.time.map(|t| &self.dates[t]) {
            Some(date) if date.role == DateRole::Period => (None, Some(self.when(date))),
            // `2020年以来`: a period from then on, open at its end.
            Some(date) if date.role == DateRole::Since => (
                None,
                Some(When {
                    to: None,
                    ..self.when(date)
                }),
            ),
            Some(date) => (Some(self.when(date)), None),
            None => (
                statement
                    .whole_year
                    .and_then(|span| self.whole_year_when(span, status)),
                None,
            ),
        }
    }

    /// A statement's figures, then those of its details with their own metrics.
    fn values(&self, statement: &Statement) -> Vec<TargetValue> {
        statement
            .figures
            .iter()
            .map(|&f| self.value(f))
            .chain(statement.more.iter().map(|&(f, metric)| TargetValue {
                metric: metric.map(|m| self.document.normalized_text(m).to_string()),
                ..self.value(f)
            }))
            .collect()
    }

    pub(super) fn metric_of(&self, span: NormalizedSpan) -> Metric {
        Metric {
            mention: self.document.mention(span),
            name: self.document.normalized_text(span).to_string(),
        }
    }

    pub(super) fn when(&self, date: &DateMention) -> When {
        When {
            mention: date.mention.clone(),
            from: date.from.clone(),
            to: date.to.clone(),
            granularity: date.granularity,
        }
    }

    pub(super) fn subject(&self, subject: &SubjectRef) -> Subject {
        match subject {
            SubjectRef::Place(place, from, span) => {
                let place = &self.places[*place];
                Subject {
                    name: place.name.clone(),
                    code: place.code.clone(),
                    from: *from,
                    mention: span.map(|s| self.document.mention(s)),
                    places: Vec::new(),
                }
            }
            SubjectRef::Nation(span) => Subject {
                name: NATION_NAME.to_string(),
                code: Some(NATION_CODE.to_string()),
                from: SubjectSource::Scope,
                mention: Some(self.document.mention(*span)),
                places: Vec::new(),
            },
            SubjectRef::List(span, members) => Subject {
                name: self.document.normalized_text(*span).to_string(),
                code: None,
                from: SubjectSource::List,
                mention: Some(self.document.mention(*span)),
                places: members
                    .iter()
                    .map(|&p| self.places[p].name.clone())
                    .collect(),
            },
        }
    }

    pub(super) fn value(&self, figure: usize) -> TargetValue {
        let figure = &self.figures[figure];
        TargetValue {
            mention: figure.mention.clone(),
            value: figure.value.clone(),
            exact: figure.exact.clone(),
            high: figure.high.clone(),
            unit: figure.unit.clone(),
            comparator: figure.comparator,
            role: figure.role,
            metric: None,
        }
    }

    /// The plan a statement's sentence names: a name ending in `行动计划`, `规划` and the like,
    /// after `实施` or `按照`, or before `提出`.
    pub(super) fn plan(&self, statement: &Statement) -> Option<String> {
        let clause = &self.tables.clauses[statement.clause];
        let sentence = &self.document.sentences()[clause.sentence];
        let tokens_vec = &self.tables.token_ids[sentence.tokens.clone()];
        for (k, &token) in tokens_vec.iter().enumerate() {
            let word = self.token_word(token);
            if !word.roles.has(Roles::PLAN_NAME) {
                continue;
            }
            let mut start = k;
            let mut introduced = false;
            while start > 0 {
                let text = self.token_text(tokens_vec[start - 1]);
                let before = self.token_word(tokens_vec[start - 1]);
                if before.roles.has(Roles::PLAN_INTRO) {
                    introduced = true;
                    break;
                }
                if before
                    .roles
                    .has(Roles::PLANNED | Roles::SCOPE | Roles::LEAD)
                    || (is_blank(text) && !matches!(text, "“" | "”" | "《" | "》" | "\""))
                    || k - start >= 8
                {
                    break;
                }
                start -= 1;
            }
            let said = tokens_vec
                .get(k + 1)
                .is_some_and(|&t| self.token_word(t).roles.has(Roles::PLAN_SAID));
            if (introduced || said) && start < k {
                let all = self.document.tokens();
                let span = NormalizedSpan {
                    start: all[tokens_vec[start]].span.start,
                    end: all[token].span.end,
                };
                let name = self.document.normalized_text(span);
                return Some(name.trim_matches(['《', '》']).to_string());
            }
        }
        None
    }

    /// Targets from the statements: planned and achieved ones kept, reports made baselines,
    /// repeated ones merged.
    pub(super) fn link(
        &self,
        statements: Vec<Statement>,
        numberless: Vec<Target>,
    ) -> (Vec<Target>, Vec<Report>) {
        let mut found: Vec<(usize, Target)> = Vec::new();
        let mut previous_target: Option<usize> = None;
        for (index, statement) in statements.iter().enumerate() {
            match statement.status {
                // `去年这一数字为2312.8亿元`, `目前已建成约780座`: the baseline of the target
                // just stated.
                None | Some(Status::Achieved) if statement.anaphor => {
                    if let Some(target) = previous_target {
                        let (_, target) = &mut found[target];
                        if target.baseline.is_none() {
                            self.set_baseline(target, statement);
                        }
                    }
                }
                None => {}
                Some(Status::Achieved) if statement.goal => {
                    // The goal met takes the metric of the figure reached before it.
                    let reached = index.checked_sub(1).map(|i| &statements[i]).filter(|s| {
                        self.tables.clauses[s.clause].sentence
                            == self.tables.clauses[statement.clause].sentence
                    });
                    let mut target = match reached {
                        // The goal's clause rarely says when: the reached figure's does. A
                        // year's goal (`年度目标`) is not a period's (`过去一年`).
                        Some(reached) if statement.time.is_none() => self.target(&Statement {
                            time: reached.time.filter(|&t| {
                                statement.whole_year.is_none()
                                    || self.dates[t].role != DateRole::Period
                            }),
                            whole_year: statement.whole_year.or(reached.whole_year),
                            ..statement.clone()
                        }),
                        _ => self.target(statement),
                    };
                    if let Some(reached) = reached {
                        target.metric = reached.metric.map(|span| self.metric_of(span));
                        target.actual = reached.figures.first().map(|&f| self.value(f));
                        target.evidence = vec![self.document.mention(NormalizedSpan {
                            start: reached.evidence.start.min(statement.evidence.start),
                            end: statement.evidence.end,
                        })];
                        if let Some(position) = found.iter().position(|(i, _)| *i == index - 1) {
                            found.remove(position);
                        }
                    }
                    previous_target = Some(found.len());
                    found.push((index, target));
                }
                Some(_) if statement.anaphor => {
                    // `到2025年，这一数字力争达到1.4万家`: the metric and the baseline of the
                    // statement before.
                    let mut target = self.target(statement);
                    if let Some(before) = statements[..index]
                        .iter()
                        .rev()
                        .find(|s| s.metric.is_some() && !s.figures.is_empty())
                    {
                        target.metric = before.metric.map(|span| self.metric_of(span));
                        if before.status.is_none() {
                            self.set_baseline(&mut target, before);
                        }
                    }
                    previous_target = Some(found.len());
                    found.push((index, target));
                }
                Some(_) if statement.metric.is_some() => {
                    previous_target = Some(found.len());
                    found.push((index, self.target(statement)));
                }
                Some(_) => {}
            }
        }
        // An achievement that is a planned target's baseline is reported there, not again
        // on its own (`截至2023年底累计改造3126个` of the target of 4200 by 2025).
        let mut baselines = Vec::new();
        for (_, target) in &mut found {
            if target.status == Status::Planned && target.baseline.is_none() {
                if let Some(report) = self.baseline_for(target, &statements) {
                    self.set_baseline(target, &statements[report]);
                    baselines.push(report);
                }
            }
        }
        let mut targets: Vec<Target> = found
            .into_iter()
            .filter(|(index, _)| !baselines.contains(index))
            .map(|(_, target)| target)
            .collect();
        targets.extend(numberless);
        targets.sort_by_key(|t| t.evidence.first().map_or(0, |e| e.start));
        let reports = statements
            .iter()
            .filter(|s| s.status.is_none() && !s.figures.is_empty())
            .filter_map(|s| self.report(s))
            .collect();
        (merge_repeats(targets), reports)
    }

    /// The report that gives a planned target's baseline: the latest before its deadline, of
    /// the same unit and role, whose metric matches.
    pub(super) fn baseline_for(&self, target: &Target, statements: &[Statement]) -> Option<usize> {
        let value = target.values.first()?;
        let metric = target.metric.as_ref()?;
        let deadline_year = target
            .deadline
            .as_ref()
            .or(target.period.as_ref())
            .and_then(|w| w.to.as_deref())
            .map(|to| to[..4].to_string());
        statements
            .iter()
            .enumerate()
            .filter(|(_, s)| s.status != Some(Status::Planned))
            .filter(|(_, s)| {
                s.figures.first().is_some_and(|&f| {
                    let first = &self.figures[f];
                    first.unit == value.unit && first.role == value.role
                })
            })
            .filter(|(_, s)| {
                s.metric
                    .is_some_and(|m| similar(self.document.normalized_text(m), &metric.name))
            })
            .filter(|(_, s)| {
                let year = s
                    .time
                    .and_then(|t| self.dates[t].to.as_deref())
                    .map(|to| &to[..4]);
                match (year, deadline_year.as_deref()) {
                    (Some(year), Some(deadline)) => year < deadline,
                    (Some(_), None) => true,
                    (None, _) => false,
                }
            })
            .max_by_key(|(_, s)| s.time.and_then(|t| self.dates[t].to.clone()))
            .map(|(index, _)| index)
    }

    pub(super) fn set_baseline(&self, target: &mut Target, report: &Statement) {
        let Some(&figure) = report.figures.first() else {
            return;
        };
        let value = self.value(figure);
        let year = report.time.map(|t| &self.dates[t]).and_then(|date| {
            let to = date.to.as_deref()?;
            Some(if date.granularity == Granularity::Year {
                to[..4].to_string()
            } else {
                to.to_string()
            })
        });
        target.derived = derive(&target.values, &value, year.as_deref(), target);
        target.baseline = Some(Baseline {
            value,
            year,
            change: report.change.map(|f| self.value(f)),
        });
        let evidence = self.document.mention(report.evidence);
        if !target.evidence.contains(&evidence) {
            target.evidence.push(evidence);
            target.evidence.sort_by_key(|e| e.start);
        }
    }
}

/// What a baseline and the first value imply: their ratio and the yearly growth between them.
fn derive(
    values: &[TargetValue],
    baseline: &TargetValue,
    year: Option<&str>,
    target: &Target,
) -> Option<Derived> {
    let value = values.first()?;
    if value.unit != baseline.unit || value.role != Role::Amount || baseline.role != Role::Amount {
        return None;
    }
    let (to, from) = (value.value.as_f64()?, baseline.value.as_f64()?);
    if from <= 0.0 || to <= 0.0 {
        return None;
    }
    let ratio = to / from;
    let deadline_year = target
        .deadline
        .as_ref()
        .or(target.period.as_ref())
        .and_then(|w| w.to.as_deref())
        .and_then(|to| to[..4].parse::<i32>().ok());
    let baseline_year = year
        .and_then(|y| y.get(..4))
        .and_then(|y| y.parse::<i32>().ok());
    let years = match (deadline_year, baseline_year) {
        (Some(to), Some(from)) if to > from => Some(to - from),
        _ => None,
    };
    Some(Derived {
        ratio: round(ratio, 4),
        years,
        cagr: years.map(|years| round((ratio.powf(1.0 / f64::from(years)) - 1.0) * 100.0, 2)),
    })
}

fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

/// Merges a target stated again into its first statement: same subject and values, no other
/// deadline, and a metric one contains or much like the other's. The repeat adds its evidence
/// and anything the first lacks.
fn merge_repeats(targets: Vec<Target>) -> Vec<Target> {
    let mut merged: Vec<Target> = Vec::with_capacity(targets.len());
    for target in targets {
        let same = merged.iter_mut().find(|kept| {
            kept.subject.as_ref().map(|s| &s.name) == target.subject.as_ref().map(|s| &s.name)
                // Last year's goal met is not this year's of the same size.
                && !matches!((&kept.deadline, &target.deadline), (Some(a), Some(b)) if a.to != b.to)
                && (same_values(&kept.values, &target.values)
                    || shares_first_value(&kept.values, &target.values))
                && match (&kept.metric, &target.metric) {
                    (Some(a), Some(b)) => similar(&a.name, &b.name),
                    (None, None) => !kept.values.is_empty(),
                    _ => false,
                }
        });
        match same {
            Some(kept) => {
                // The fuller statement of the two gives the values and the metric.
                if target.values.len() > kept.values.len() {
                    kept.values = target.values;
                    kept.metric = target.metric;
                }
                for evidence in target.evidence {
                    if !kept.evidence.contains(&evidence) {
                        kept.evidence.push(evidence);
                    }
                }
                kept.deadline = kept.deadline.take().or(target.deadline);
                kept.period = kept.period.take().or(target.period);
                kept.baseline = kept.baseline.take().or(target.baseline);
                kept.derived = kept.derived.take().or(target.derived);
                kept.plan = kept.plan.take().or(target.plan);
                kept.modality = kept.modality.or(target.modality);
            }
            None => merged.push(target),
        }
    }
    merged
}

/// Whether a target stated briefly (`西安今年计划改造老旧小区1062个`) and in full (`…1062个，涉及
/// 居民约8.6万户…`) share their first value, the rest being details.
fn shares_first_value(a: &[TargetValue], b: &[TargetValue]) -> bool {
    match (a.first(), b.first()) {
        (Some(x), Some(y)) => {
            x.exact == y.exact
                && x.unit == y.unit
                && a.iter()
                    .skip(1)
                    .chain(b.iter().skip(1))
                    .all(|v| v.metric.is_some())
        }
        _ => false,
    }
}

fn same_values(a: &[TargetValue], b: &[TargetValue]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.exact == y.exact && x.unit == y.unit)
}
