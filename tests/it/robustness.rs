//! No input makes the pipeline panic, and every span it reports reads back from the original:
//! a deterministic sweep over texts made of the characters that the grammar, the normaliser and
//! the sectors extractor treat specially (numerals, units, brackets, pinyin, full-width forms,
//! heads, lists, frameworks) and the words the targets stage links by.

use zhnews::{Dictionaries, Output, Pipeline};

#[rustfmt::skip]
const ALPHABET: &[&str] = &[
    "一", "二", "两", "十", "百", "千", "万", "亿", "兆", "零", "〇", "点", "分", "之", "多", "余",
    "几", "又", "负", "半", "成", "折", "第", "年", "月", "日", "个", "人", "元", "米", "亩", "千克",
    "平方米", "个百分点", "%", "％", "‰", "$", "￥", "0", "1", "5", "9", "０", "９", ".", "．", ",",
    "，", "-", "－", "+", "/", "／", "~", "至", "到", "e", "k", "G", "(", ")", "（", "）", "ā", "ǚ",
    "qu", "4", "區", "產", "業", " ", "\n", "。", "；", "”", "约", "超过", "左右", "同比", "增长",
    "下降", "占", "http://", "?", "=", "产业", "行业", "经济", "业", "等", "、", "和", "为",
    "重点", "体系", "“", "1+3+1", "工业和信息化部", "金融业", "人工智能", "以",
    "未来", "近", "过去", "去年", "十四五", "时期", "末", "底", "截至", "以来", "前", "号", "—",
    "上半年", "季度", "今年", "2021", "-12-", "/", "第",
    "将", "力争", "预计", "到2025年", "完成", "建成", "已", "目标", "任务", "这一数字", "全区",
    "石景山区", "西黄村", "收入", "达到", "全年", "涉及", "新增",
];

#[test]
fn random_texts_never_panic_and_spans_read_back() {
    let pipeline = Pipeline::new(&Dictionaries::embedded()).unwrap();
    let mut state: u64 = 0x853C_49E6_748F_EA9B;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let length = (next() % 24) as usize;
        let text: String = (0..length)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        let document = pipeline.analyze(text.clone());
        let chars: Vec<char> = text.chars().collect();
        for date in pipeline.dates(&document, zhnews::Day::parse_iso("2024-02-29")) {
            let original: String = chars[date.mention.start..date.mention.end].iter().collect();
            assert_eq!(original, date.mention.text, "in {text:?}");
            assert!(date.from <= date.to, "{text:?}");
        }
        let (sectors, systems) = pipeline.sectors(&document);
        for sector in &sectors {
            let original: String = chars[sector.mention.start..sector.mention.end]
                .iter()
                .collect();
            assert_eq!(original, sector.mention.text, "in {text:?}");
        }
        for system in &systems {
            assert!(
                system.members.iter().all(|m| m.sector < sectors.len()),
                "{text:?}"
            );
        }
        for figure in pipeline.figures(&document) {
            let mention = &figure.mention;
            let original: String = chars[mention.start..mention.end].iter().collect();
            assert_eq!(original, mention.text, "in {text:?}");
            assert!(
                figure.value.as_f64().is_some_and(f64::is_finite),
                "{text:?}"
            );
        }
        let input = zhnews::InputDocument {
            id: "x".into(),
            text,
            source: zhnews::Source {
                kind: zhnews::SourceKind::Stdin,
                format: zhnews::SourceFormat::Text,
                path: None,
                line: Some(1),
                bytes: 0,
                encoding: Some("UTF-8".into()),
                sha256: None,
                text: None,
            },
            meta: zhnews::Meta::default(),
            warnings: Vec::new(),
        };
        let record = pipeline.process(input);
        for mention in linked_mentions(&record) {
            let original: String = chars[mention.start..mention.end].iter().collect();
            assert_eq!(original, mention.text, "in {:?}", record.id);
        }
        serde_json::to_string(&Output::Record(Box::new(record))).unwrap();
    }
}

/// Every phrase a target or a report points to.
fn linked_mentions(record: &zhnews::Record) -> Vec<zhnews::Mention> {
    let mut mentions = Vec::new();
    let mut value = |v: &zhnews::TargetValue| mentions.push(v.mention.clone());
    for target in &record.targets {
        target.values.iter().for_each(&mut value);
        target.actual.iter().for_each(&mut value);
        if let Some(baseline) = &target.baseline {
            value(&baseline.value);
            baseline.change.iter().for_each(&mut value);
        }
    }
    for report in &record.reports {
        report.values.iter().for_each(&mut value);
        report.change.iter().for_each(&mut value);
    }
    for target in &record.targets {
        mentions.extend(target.evidence.iter().cloned());
        mentions.extend(target.metric.iter().map(|m| m.mention.clone()));
        mentions.extend(target.deadline.iter().map(|w| w.mention.clone()));
        mentions.extend(target.period.iter().map(|w| w.mention.clone()));
        mentions.extend(target.subject.iter().filter_map(|s| s.mention.clone()));
    }
    for report in &record.reports {
        mentions.push(report.evidence.clone());
        mentions.push(report.metric.mention.clone());
        mentions.extend(report.time.iter().map(|w| w.mention.clone()));
        mentions.extend(report.subject.iter().filter_map(|s| s.mention.clone()));
    }
    mentions
}
