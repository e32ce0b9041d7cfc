//! No input makes the pipeline panic, and every span it reports reads back from the original:
//! a deterministic sweep over texts made of the characters that the grammar, the normaliser and
//! the sectors extractor treat specially (numerals, units, brackets, pinyin, full-width forms,
//! heads, lists, frameworks) and the words the targets stage links by; and a property test over
//! arbitrary strings, which proptest shrinks to the smallest failing text.

use std::sync::OnceLock;

use proptest::prelude::*;

use zhnews::{Dictionaries, Output, Pipeline};

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(&Dictionaries::embedded()).unwrap())
}

/// A document of `text` as standard input gives it.
fn input(text: String) -> zhnews::InputDocument {
    zhnews::InputDocument::from_text("x", 1, text, Some("2024-02-29"))
}

/// Analyses `text` whole and checks the record: every span reads back from the text, and the
/// record serialises.
fn assert_record_reads_back(text: &str) {
    let record = pipeline().process(input(text.to_string()));
    assert_eq!(record.stats.chars, text.chars().count());
    if let Err(problem) = record.check_offsets(text) {
        panic!("in {text:?}: {problem}");
    }
    serde_json::to_string(&Output::Record(Box::new(record))).unwrap();
}

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
    let pipeline = pipeline();
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
        for date in pipeline.dates(&document, zhnews::Day::parse_iso("2024-02-29")) {
            assert!(date.from <= date.to, "{text:?}");
        }
        let (sectors, systems) = pipeline.sectors(&document);
        for system in &systems {
            assert!(
                system.members.iter().all(|m| m.sector < sectors.len()),
                "{text:?}"
            );
        }
        for figure in pipeline.figures(&document) {
            assert!(
                figure.value.as_f64().is_some_and(f64::is_finite),
                "{text:?}"
            );
        }
        assert_record_reads_back(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Arbitrary Unicode, news words in any order, and CJK, full-width and pinyin characters:
    /// whatever the text, no panic, every span reads back, the record serialises.
    #[test]
    fn arbitrary_strings_never_panic_and_their_spans_read_back(
        text in prop_oneof![
            any::<String>(),
            prop::collection::vec(prop::sample::select(ALPHABET), 0..40)
                .prop_map(|words| words.concat()),
            "[\\u{3000}-\\u{303f}\\u{4e00}-\\u{9fff}\\u{ff00}-\\u{ffef}āáǎàūúǔùǖǘǚǜ()0-9.%+\\-\\n ]{0,80}",
        ]
    ) {
        assert_record_reads_back(&text);
    }
}
