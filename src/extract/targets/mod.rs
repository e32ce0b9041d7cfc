//! Plan targets: the figures, dates and places of a document linked into what was promised —
//! by whom, by when, from what baseline — and what was reported as done.
//!
//! The stage reads the other extractors' output and the words around it, clause by clause (the
//! text between `，` and `：` inside a sentence). A clause's figures, stated together, are one
//! statement: its metric is the phrase before them (`高精尖产业收入将达到3450亿元`) or, after a
//! bare verb, the phrase after them (`培育3至5个…企业`); its subject the place that opens the
//! clause, a jurisdiction word (`全区`), or the subject inherited from the sentence, the
//! paragraph or the document; its time the clause's date or one inherited in the same way.
//! Cue words (`dictionaries/target-words.tsv`) and the time against the publication date decide
//! whether it is planned, achieved or only a report. Reports are no targets: they are kept as
//! such, and are the baselines of the planned targets whose metric they share.
//!
//! `reader` reads clauses into statements; `link` makes them targets and reports, with
//! baselines, and merges repeats; `vocabulary` holds the words.

mod link;
mod reader;
mod vocabulary;

use std::cell::Cell;

use serde::Serialize;

use crate::calendar::Day;
use crate::dictionaries::DictionaryFile;
use crate::document::Document;
use crate::error::Error;
use crate::extract::dates::{DateMention, Granularity};
use crate::extract::figures::{Comparator, Figure, Role};
use crate::extract::places::Place;
use crate::record::Mention;
use crate::segment::Segmenter;
use reader::{Entities, Reader, Tables};
use vocabulary::Vocabulary;

/// A target, or an achievement reported as the completion of a task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// The place or body the target belongs to.
    pub subject: Option<Subject>,
    /// What is measured or done, `null` when the text does not say.
    pub metric: Option<Metric>,
    /// The figures that state it; none for a target without a number.
    pub values: Vec<TargetValue>,
    /// For a met goal (`超额完成25万人的年度目标`), the figure reached (`27.3万人`).
    pub actual: Option<TargetValue>,
    /// The date it is due by, or was reached at.
    pub deadline: Option<When>,
    /// The period it covers (`未来5年`, `“十四五”期间`).
    pub period: Option<When>,
    /// The same metric's earlier value, stated elsewhere in the document.
    pub baseline: Option<Baseline>,
    /// `planned`, `achieved` or `in_progress`.
    pub status: Status,
    /// How firmly it is stated.
    pub modality: Option<Modality>,
    /// The named plan it belongs to (`新一轮高精尖五年行动计划`).
    pub plan: Option<String>,
    /// The parts of sentences it was read from, in text order; more than one when the document
    /// states it again or gives its baseline elsewhere.
    pub evidence: Vec<Mention>,
    /// What the baseline and the first value imply, when they share a unit.
    pub derived: Option<Derived>,
}

/// A figure reported with what it measures, and no target: `2020年，高精尖产业收入2069.5亿元`.
/// Kept so that a figure can be matched to a target, of this article or of another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The place or body the figure is of.
    pub subject: Option<Subject>,
    /// What is measured.
    pub metric: Metric,
    /// The figures, the first with the metric, the others with their own (`同比增长16.3%` is
    /// reported as the change of the first).
    pub values: Vec<TargetValue>,
    /// The date or period it was measured at.
    pub time: Option<When>,
    /// The change reported with it (`同比增长16.3%`).
    pub change: Option<TargetValue>,
    /// The part of the sentence it was read from.
    pub evidence: Mention,
}

/// Who a target belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subject {
    /// The place's full name (`石景山区`), or the text of a list of places
    /// (`西黄村、衙门口、北辛安、广宁村等`), Simplified.
    pub name: String,
    /// Statistical code of a division.
    pub code: Option<String>,
    /// Where the subject was read.
    pub from: SubjectSource,
    /// The words naming it in the target's own sentence; `null` when inherited.
    pub mention: Option<Mention>,
    /// For a list, the names of its places.
    pub places: Vec<String>,
}

/// Where a target's subject was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectSource {
    /// Named in the target's sentence.
    Sentence,
    /// A jurisdiction word (`全区`, `全市`): the document's division of that level.
    Scope,
    /// Named earlier in the paragraph.
    Paragraph,
    /// The division the document names most.
    Document,
    /// The places the target lists (`完成西黄村、衙门口…等棚户区改造任务`).
    List,
}

/// What a target measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Metric {
    /// Where it is: `text` as in the original, `start`/`end`, `sentence`.
    #[serde(flatten)]
    pub mention: Mention,
    /// The phrase, Simplified and without the words around it (`高精尖产业收入`).
    pub name: String,
}

/// One figure of a target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetValue {
    /// The figure's mention.
    #[serde(flatten)]
    pub mention: Mention,
    /// In the base unit, as in `figures`.
    pub value: serde_json::Number,
    /// `value` as an exact decimal.
    pub exact: String,
    /// Upper end of a range.
    pub high: Option<serde_json::Number>,
    /// Canonical unit.
    pub unit: Option<String>,
    /// The figure's bound, or the target's (`控制在5.5%以内` is at most).
    pub comparator: Option<Comparator>,
    /// What the figure says: an amount, a change, a share, a multiple.
    pub role: Role,
    /// For a value that describes the target with a metric of its own (`涉及居民约8.6万户`),
    /// that metric; `null` for the target's own.
    pub metric: Option<String>,
}

/// A date a target is tied to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct When {
    /// The date's mention.
    #[serde(flatten)]
    pub mention: Mention,
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day: for a deadline, the day it falls due.
    pub to: Option<String>,
    /// Its precision.
    pub granularity: Granularity,
}

/// A metric's earlier value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baseline {
    /// The figure.
    pub value: TargetValue,
    /// When it was measured: `YYYY` for a year, else the last day `YYYY-MM-DD`; `null` when
    /// the text does not say.
    pub year: Option<String>,
    /// The change reported with it (`同比增长16.3%`).
    pub change: Option<TargetValue>,
}

/// What a baseline and a target imply together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Derived {
    /// First value over the baseline.
    pub ratio: f64,
    /// Whole years from the baseline's year to the deadline's.
    pub years: Option<i32>,
    /// Compound annual growth rate in percent that takes the baseline to the target over
    /// `years`.
    pub cagr: Option<f64>,
}

/// Whether a target is ahead, under way or done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Promised, forecast or planned.
    Planned,
    /// Reported under way (`正在`), or forecast for the current period.
    InProgress,
    /// Reported done.
    Achieved,
}

/// How firmly a target is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// `预计`.
    Forecast,
    /// `力争`, `争取`.
    Strive,
    /// `确保`.
    Ensure,
    /// `计划`, `拟`.
    Plan,
}

/// The targets stage: its words, read once.
pub struct Targets {
    words: Vocabulary,
}

impl Targets {
    /// Reads `target-words.tsv`.
    pub fn new(file: &DictionaryFile) -> Result<Targets, Error> {
        Ok(Targets {
            words: Vocabulary::new(file)?,
        })
    }

    /// The targets and reports of a document, from its entities; `published` tells the
    /// future from the past.
    // Out of line, so that profiles and `scripts/bench-instructions.sh` see the stage.
    #[inline(never)]
    pub fn find(
        &self,
        document: &Document,
        segmenter: &Segmenter,
        figures: &[Figure],
        dates: &[DateMention],
        places: &[Place],
        published: Option<Day>,
    ) -> (Vec<Target>, Vec<Report>) {
        thread_local! {
            static TABLES: Cell<Tables> = Cell::default();
        }
        let tables = TABLES.take();
        let reader = Reader::new(
            &self.words,
            document,
            segmenter,
            Entities {
                figures,
                dates,
                places,
            },
            published,
            tables,
        );
        let found = reader.targets();
        TABLES.set(reader.into_tables());
        found
    }
}

/// Whether two metric phrases name the same thing: one holds the other, or they share most
/// of their character pairs (Dice coefficient of bigrams at least one half).
pub fn similar(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.contains(b) || b.contains(a) {
        return true;
    }
    let pairs = |text: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = text.chars().collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (pa, mut pb) = (pairs(a), pairs(b));
    if pa.is_empty() || pb.is_empty() {
        return false;
    }
    let total = pa.len() + pb.len();
    let mut common = 0;
    for pair in pa {
        if let Some(at) = pb.iter().position(|&p| p == pair) {
            pb.swap_remove(at);
            common += 1;
        }
    }
    2 * common * 2 >= total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Pipeline;

    /// The targets and reports of a text published on `published`.
    fn link(text: &str, published: &str) -> (Vec<Target>, Vec<Report>) {
        let pipeline = Pipeline::for_tests();
        let document = pipeline.analyze(text.to_string());
        let published = Day::parse_iso(published);
        let figures = pipeline.figures(&document);
        let dates = pipeline.dates(&document, published);
        let places = pipeline.places(&document);
        pipeline.targets(&document, &figures, &dates, &places, published)
    }

    fn targets(text: &str) -> Vec<Target> {
        link(text, "2024-03-01").0
    }

    fn only(text: &str) -> Target {
        only_on(text, "2024-03-01")
    }

    /// The one target of a text published on `published`.
    fn only_on(text: &str, published: &str) -> Target {
        let mut found = link(text, published).0;
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        found.remove(0)
    }

    /// The metrics of a text's reports.
    fn report_metrics(text: &str) -> Vec<String> {
        let (_, reports) = link(text, "2024-10-20");
        reports.into_iter().map(|r| r.metric.name).collect()
    }

    fn metric(target: &Target) -> &str {
        target.metric.as_ref().map_or("", |m| m.name.as_str())
    }

    fn exact_values(target: &Target) -> Vec<&str> {
        target.values.iter().map(|v| v.exact.as_str()).collect()
    }

    /// Linking keeps its tables from one document to the next on a thread: nothing of the
    /// first may reach the second.
    #[test]
    fn a_document_links_alike_after_another_on_the_same_thread() {
        let first = "石景山区2020年高精尖产业收入2069.5亿元，同比增长16.3%。\n\
                     预计到2025年，石景山区高精尖产业收入将达到3450亿元。\n\
                     全面完成西黄村、衙门口、北辛安、广宁村等棚户区改造任务；\n\
                     未来5年，将完成全部172个、690万平方米老旧小区综合改造。";
        let second = "全年完成投资120亿元。明年将新建学校5所。";
        let alone = std::thread::spawn(|| link(second, "2024-03-01"))
            .join()
            .expect("linking alone");
        let on_the_same_thread = std::thread::spawn(|| {
            link(first, "2024-03-01");
            link(second, "2024-03-01")
        })
        .join()
        .expect("linking after another");
        assert!(!alone.0.is_empty(), "{alone:#?}");
        assert_eq!(on_the_same_thread, alone);
    }

    #[test]
    fn each_comparator_bounds_the_value() {
        let cases: &[(&str, Option<Comparator>, Option<&str>)] = &[
            ("到2025年，收入将达到3450亿元。", None, None),
            (
                "到2025年，地区生产总值力争达到2万亿元左右。",
                Some(Comparator::About),
                None,
            ),
            (
                "到2025年，年接待游客力争突破1000万人次。",
                Some(Comparator::Over),
                None,
            ),
            (
                "到2025年，城镇新增就业25万人以上。",
                Some(Comparator::Over),
                None,
            ),
            (
                "到2025年，研发投入强度不低于3%。",
                Some(Comparator::AtLeast),
                None,
            ),
            (
                "到2025年，城镇调查失业率控制在5.5%以内。",
                Some(Comparator::AtMost),
                None,
            ),
            ("到2025年，将培育3至5家龙头企业。", None, Some("5")),
        ];
        for &(text, comparator, high) in cases {
            let target = only(text);
            assert_eq!(target.values.len(), 1, "{text}");
            assert_eq!(target.values[0].comparator, comparator, "{text}");
            assert_eq!(
                target.values[0]
                    .high
                    .as_ref()
                    .map(|h| h.to_string())
                    .as_deref(),
                high,
                "{text}"
            );
            assert_eq!(target.status, Status::Planned, "{text}");
            assert_eq!(
                target.deadline.as_ref().and_then(|d| d.to.as_deref()),
                Some("2025-12-31"),
                "{text}"
            );
        }
    }

    #[test]
    fn cue_words_and_dates_give_status_and_modality() {
        let cases: &[(&str, Status, Option<Modality>)] = &[
            (
                "预计到2025年，收入将达到3450亿元。",
                Status::Planned,
                Some(Modality::Forecast),
            ),
            (
                "到2025年，收入力争突破100亿元。",
                Status::Planned,
                Some(Modality::Strive),
            ),
            (
                "今年确保地区生产总值增长7%以上。",
                Status::Planned,
                Some(Modality::Ensure),
            ),
            (
                "碑林区今年计划改造老旧小区218个。",
                Status::Planned,
                Some(Modality::Plan),
            ),
            (
                "到2027年，将新增产业空间200万平方米。",
                Status::Planned,
                None,
            ),
            (
                "截至2月底，全县已完成改造老旧小区23个。",
                Status::Achieved,
                None,
            ),
            (
                "去年一年完成改造1155个，超额完成年度任务。",
                Status::Achieved,
                None,
            ),
            (
                "今年村集体经济收入预计超过60万元。",
                Status::InProgress,
                Some(Modality::Forecast),
            ),
            ("目前，全县正在改造老旧小区23个。", Status::InProgress, None),
            // `将` before a noun used as an adverb, or a word that jieba tags as a place.
            (
                "下半年将重点推动服务贸易进出口增长15%以上。",
                Status::Planned,
                None,
            ),
            (
                "今年，科学城北区将新建和改造产业空间约80万平方米。",
                Status::Planned,
                None,
            ),
        ];
        for &(text, status, modality) in cases {
            let target = only(text);
            assert_eq!(
                (target.status, target.modality),
                (status, modality),
                "{text}"
            );
        }
    }

    #[test]
    fn a_goal_met_is_the_value_and_the_figure_reached_its_actual() {
        let target = only("去年，全市城镇新增就业27.3万人，超额完成25万人的年度目标任务。");
        assert_eq!(target.status, Status::Achieved);
        assert_eq!(metric(&target), "城镇新增就业");
        assert_eq!(exact_values(&target), ["250000"]);
        assert_eq!(target.actual.map(|a| a.exact).as_deref(), Some("273000"));
        // A goal set for a period is due at its end, not when it was met.
        let target = only_on(
            "截至今年9月底，全区累计建设筹措保障性租赁住房约6.3万套（间），\
             提前完成“十四五”确定的6万套（间）目标。",
            "2023-10-20",
        );
        assert_eq!(exact_values(&target), ["60000"]);
        assert_eq!(target.status, Status::Achieved);
        assert_eq!(last_day(&target.period), Some("2025-12-31"));
    }

    /// The last day of a deadline or a period.
    fn last_day(when: &Option<When>) -> Option<&str> {
        when.as_ref().and_then(|w| w.to.as_deref())
    }

    #[test]
    fn a_clause_that_says_the_work_is_done_makes_the_figures_before_it_achieved() {
        let target = only_on(
            "全区对2号大街、6号大街、学源街等15条道路实施综合整治，整治工作已于5月底全部完成。",
            "2023-06-20",
        );
        assert_eq!(exact_values(&target), ["15"]);
        assert_eq!(target.status, Status::Achieved);
        assert_eq!(last_day(&target.deadline), Some("2023-05-31"));
    }

    #[test]
    fn a_comparison_is_no_metric_and_a_doubling_without_one_is_a_change() {
        let target = only("到2035年，人均地区生产总值较2020年翻一番以上。");
        assert_eq!(metric(&target), "人均地区生产总值");
        assert_eq!(exact_values(&target), ["2"]);
        assert_eq!(target.values[0].unit.as_deref(), Some("times"));
        let target = only("今年村集体经济收入预计超过60万元，比2021年翻了一番。");
        assert_eq!(metric(&target), "村集体经济收入");
        assert_eq!(exact_values(&target), ["600000"]);
    }

    #[test]
    fn the_whole_year_is_the_year_reported_on_or_the_year_ahead() {
        let deadlines = |text: &str, published: &str| -> Vec<(String, Status, Option<String>)> {
            link(text, published)
                .0
                .into_iter()
                .map(|t| {
                    let due = t.deadline.and_then(|d| d.to);
                    (metric_name(&t.metric), t.status, due)
                })
                .collect()
        };
        let year = |s: &str| Some(s.to_string());
        // `全年` of a report is the year reported on, not the one a period runs from; a year's
        // goal met is that year's, not `过去一年`'s; and it differs from this year's goal of
        // the same size.
        assert_eq!(
            deadlines(
                "一、2023年工作回顾\n过去一年，城镇新增就业27.3万人，超额完成25万人的年度目标任务。\
                 2020年以来，全市累计落地重大产业化项目超过700个。\
                 全年改造城镇老旧小区1150个，完成年度计划的115%。\n\
                 二、2024年主要预期目标\n今年力争城镇新增就业25万人以上。",
                "2024-01-22"
            ),
            [
                ("城镇新增就业".into(), Status::Achieved, year("2023-12-31")),
                ("改造城镇老旧小区".into(), Status::Achieved, year("2023-12-31")),
                ("城镇新增就业".into(), Status::Planned, year("2024-12-31")),
            ]
        );
        // `全年` reaches the clauses after it in its sentence; in a year not over yet it plans.
        assert_eq!(
            deadlines(
                "2023年，全年新开工改造城镇老旧小区158个，完成了斜塘街道、甪直镇、黄桥街道等地的老旧小区改造任务。",
                "2024-03-18"
            ),
            [("老旧小区改造任务".into(), Status::Achieved, year("2023-12-31"))]
        );
        // A heading's year sets the time of the paragraphs under it, up to the next heading.
        assert_eq!(
            deadlines(
                "三、2024年重点工作\n推进城市更新。全年新开工改造城镇老旧小区1000个以上，\
                 完成驷马桥、五块石、沙河堡等片区的城市更新任务。\n四、其他\n\
                 全年新建学校12所。",
                "2024-01-22"
            ),
            [
                (
                    "新开工改造城镇老旧小区".into(),
                    Status::Planned,
                    year("2024-12-31")
                ),
                ("城市更新任务".into(), Status::Planned, year("2024-12-31")),
            ]
        );
    }

    fn metric_name(metric: &Option<Metric>) -> String {
        metric.as_ref().map_or(String::new(), |m| m.name.clone())
    }

    #[test]
    fn the_subject_is_read_or_inherited() {
        let cases: &[(&str, &str, SubjectSource)] = &[
            (
                "到2025年，石景山区高精尖产业收入将达到3450亿元。",
                "石景山区",
                SubjectSource::Sentence,
            ),
            (
                "海淀区召开会议。到2025年，全区人工智能产业规模力争突破2500亿元。",
                "海淀区",
                SubjectSource::Scope,
            ),
            (
                "石景山区召开会议。到2025年，高精尖产业收入将达到3450亿元。",
                "石景山区",
                SubjectSource::Paragraph,
            ),
            (
                "石景山区召开会议。石景山区领导出席。\n到2025年，高精尖产业收入将达到3450亿元。",
                "石景山区",
                SubjectSource::Document,
            ),
            (
                "今年将完成西黄村、衙门口、北辛安等棚户区改造任务。",
                "西黄村、衙门口、北辛安等",
                SubjectSource::List,
            ),
            (
                "朝阳区召开会议。地铁3号线一期主体结构施工正在加快推进，预计2024年底前开通试运营。",
                "地铁3号线",
                SubjectSource::Sentence,
            ),
            // The nation, though the article is a province's.
            (
                "湖南省召开会议。到2030年，我国将初步建成全球最大的循环经济体系。",
                "中国",
                SubjectSource::Scope,
            ),
            (
                "湖南省召开会议。今年，全国民航旅客运输总量有望达到1.33亿人次。",
                "中国",
                SubjectSource::Scope,
            ),
        ];
        for &(text, name, from) in cases {
            let target = only(text);
            let subject = target.subject.expect(text);
            assert_eq!(
                (subject.name.as_str(), subject.from),
                (name, from),
                "{text}"
            );
        }
        let national = only("湖南省召开会议。今年，全国民航旅客运输总量有望达到1.33亿人次。");
        assert_eq!(
            national.subject.as_ref().and_then(|s| s.code.as_deref()),
            Some("CN")
        );
        assert_eq!(metric(&national), "民航旅客运输总量");
        let listed = only("今年将完成西黄村、衙门口、北辛安等棚户区改造任务。");
        assert_eq!(
            listed.subject.as_ref().unwrap().places,
            ["西黄村", "衙门口", "北辛安"]
        );
        assert_eq!(metric(&listed), "棚户区改造任务");
        assert!(listed.values.is_empty());
        // Named once, a division may be only where the news was filed: it owns nothing.
        let filed = only("北京消息，会议召开。\n到2025年，高精尖产业收入将达到3450亿元。");
        assert_eq!(filed.subject, None);
    }

    #[test]
    fn a_target_stated_twice_is_one_with_two_evidences() {
        let text = "未来5年，石景山区将计划完成全部172个、690万平方米老旧小区综合改造任务。\n\
                    石景山区还将全面推进老旧区域综合更新改造，计划完成全部172个、690万平方米老旧小区综合改造任务。";
        let (found, _) = link(text, "2021-12-09");
        assert_eq!(found.len(), 1, "{found:#?}");
        let target = &found[0];
        assert_eq!(exact_values(target), ["172", "6900000"]);
        assert_eq!(target.evidence.len(), 2);
        assert_eq!(
            target.period.as_ref().and_then(|p| p.to.as_deref()),
            Some("2026-12-09")
        );
    }

    #[test]
    fn sentences_with_figures_but_no_target_give_reports_or_nothing() {
        for text in [
            "2020年，高精尖产业收入2069.5亿元，同比增长16.3%。",
            "7月28日至8月8日，来自113个国家和地区的约6500名运动员齐聚成都。",
            "今年上半年，全区一般公共预算收入完成286.4亿元，同比下降4.7%。",
            "碑林区、新城区、莲湖区三个中心城区参加了评比。",
            "培育3至5家营业收入超10亿元的企业的经验值得推广。",
            // An estimate of a past year, in a sentence after the one that dates it.
            "过去一年，全市经济运行回升向好。预计全年地区生产总值达到2.2万亿元左右。",
        ] {
            assert_eq!(link(text, "2021-12-09").0, Vec::new(), "{text}");
        }
        // `全年` in a sentence set on the day of publication is a year reported on: only a
        // year not over yet (`2024年重点工作`) makes `全年` ahead.
        let text = "今天（1月18日），记者从国家移民管理局了解到，\
                    全国移民管理机构全年累计查验出入境人员4.24亿人次。";
        assert_eq!(link(text, "2024-01-18").0, Vec::new(), "{text}");
        let (_, reports) = link(
            "2020年，高精尖产业收入2069.5亿元，同比增长16.3%。",
            "2021-12-09",
        );
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].metric.name, "高精尖产业收入");
        assert_eq!(
            reports[0].change.as_ref().map(|c| c.exact.as_str()),
            Some("16.3")
        );
        assert_eq!(
            reports[0].time.as_ref().and_then(|t| t.to.as_deref()),
            Some("2020-12-31")
        );
    }

    #[test]
    fn deeds_done_plan_nothing_whatever_words_they_share_with_plans() {
        // `将` as `把`, and the deed done: a report, no planned target.
        for text in [
            "仅其中一项成果就将继电器返修率降低了20%。",
            "这家企业今年增加投资，将冷库作业面积扩大了一倍。",
            // `目标` counted by a figure is what it counts: no goal, no plan.
            "过去一天，以空军袭击了加沙地带约300个目标。",
        ] {
            let (targets, reports) = link(text, "2024-10-20");
            assert_eq!(targets, Vec::new(), "{text}");
            assert_eq!(reports.len(), 1, "{text}: {reports:#?}");
        }
    }

    #[test]
    fn a_verb_of_reaching_ends_the_metric_even_joined_with_an_adverb() {
        // jieba makes one word of `已达`, `可达`, `已超`; `同比增` ends in a bare `增`.
        for (text, metric) in [
            ("截至目前，红树林面积已达45.45万亩。", "红树林面积"),
            (
                "全国可再生能源发电量已超3.4万亿千瓦时。",
                "可再生能源发电量",
            ),
            ("今年前三季度，电信业务收入同比增8.2%。", "电信业务收入"),
        ] {
            assert_eq!(report_metrics(text), [metric], "{text}");
        }
        assert_eq!(
            metric(&only("预计到2026年，年发电量可达10亿千瓦时。")),
            "年发电量"
        );
    }

    #[test]
    fn an_adverb_before_the_figure_is_no_part_of_the_metric() {
        for (text, metric) in [
            ("贷款利率仅3.5%。", "贷款利率"),
            ("报销比例不低于70%。", "报销比例"),
            ("参会人数多达500人。", "参会人数"),
            ("去年交易量就达300亿元。", "交易量"),
        ] {
            assert_eq!(report_metrics(text), [metric], "{text}");
        }
    }

    #[test]
    fn a_linking_character_jieba_joined_to_the_metric_is_cut_from_it() {
        // jieba's HMM makes one unknown word of `额超`, `比近`, `容达`, `之比为`; a word its
        // dictionary has keeps its last character (`节约`).
        for (text, metric) in [
            ("今年签约额超100亿元。", "签约额"),
            ("机电产品出口占比近60%。", "机电产品出口占比"),
            ("一期总罐容达20万立方米。", "一期总罐容"),
            (
                "顺差规模与同期国内生产总值之比为2.5%。",
                "顺差规模与同期国内生产总值之比",
            ),
            ("一年可以为厂里节约20万元。", "可以为厂里节约"),
        ] {
            assert_eq!(report_metrics(text), [metric], "{text}");
        }
    }

    #[test]
    fn a_report_of_the_same_metric_is_the_baseline_and_gives_the_growth_rate() {
        let text = "2020年，高精尖产业收入2069.5亿元，同比增长16.3%。\
                    未来五年，石景山区将深入实施新一轮高精尖五年行动计划，预计到2025年，石景山区高精尖产业收入将达到3450亿元。";
        let (found, _) = link(text, "2021-12-09");
        let target = found
            .iter()
            .find(|t| metric(t) == "高精尖产业收入")
            .expect("the revenue target");
        let baseline = target.baseline.as_ref().expect("a baseline");
        assert_eq!(baseline.value.exact, "206950000000");
        assert_eq!(baseline.year.as_deref(), Some("2020"));
        assert_eq!(
            baseline.change.as_ref().map(|c| c.exact.as_str()),
            Some("16.3")
        );
        let derived = target.derived.as_ref().expect("derived");
        assert_eq!(
            (derived.ratio, derived.years, derived.cagr),
            (1.6671, Some(5), Some(10.76))
        );
        assert_eq!(target.plan.as_deref(), Some("新一轮高精尖五年行动计划"));
        assert_eq!(
            target.evidence.len(),
            2,
            "the baseline's sentence is evidence too"
        );
    }

    #[test]
    fn this_figure_refers_to_the_target_before_it() {
        let target =
            only("到2025年，全省货物贸易进出口总额力争达到3000亿元，去年这一数字为2312.8亿元。");
        assert_eq!(metric(&target), "货物贸易进出口总额");
        assert_eq!(
            target.baseline.map(|b| b.value.exact).as_deref(),
            Some("231280000000")
        );
        let target = only("截至2023年底，全区国家高新技术企业达到1.2万家左右；到2025年，这一数字力争达到1.4万家。");
        assert_eq!(metric(&target), "国家高新技术企业");
        assert_eq!(exact_values(&target), ["14000"]);
    }

    #[test]
    fn details_of_a_target_are_its_further_values() {
        let target = only("2024年，西安市计划开工改造城镇老旧小区1062个，涉及居民约8.6万户、建筑面积约720万平方米，总投资约38亿元。");
        assert_eq!(
            exact_values(&target),
            ["1062", "86000", "7200000", "3800000000"]
        );
        let metrics: Vec<Option<&str>> =
            target.values.iter().map(|v| v.metric.as_deref()).collect();
        assert_eq!(
            metrics,
            [None, Some("涉及居民"), Some("建筑面积"), Some("总投资")]
        );
    }

    #[test]
    fn a_deadline_alone_makes_a_phrase_without_a_number_a_target() {
        let target = only("到2035年，海南将基本建成高水平自由贸易港。");
        assert_eq!(metric(&target), "基本建成高水平自由贸易港");
        assert_eq!(
            target.deadline.and_then(|d| d.to).as_deref(),
            Some("2035-12-31")
        );
        assert_eq!(targets("海南将加快建设自由贸易港。"), Vec::new());
    }

    #[test]
    fn metrics_match_when_one_holds_the_other_or_they_share_most_pairs() {
        assert!(similar("地区生产总值", "地区生产总值增速"));
        assert!(similar("封关运作将正式启动", "封关运作正式启动"));
        assert!(!similar("地区生产总值", "新能源汽车产量"));
        assert!(!similar("", "收入"));
    }
}
