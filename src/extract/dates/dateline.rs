//! The publication date a text gives itself, for documents that come without one: a
//! publication line (`发布时间：2021-12-09`, `日期：2021年12月9日`) or a wire dateline
//! (`新华社北京2021年12月9日电`) in the text's first lines.
//!
//! A dateline without its year (`新华社北京12月9日电`, the usual form) cannot date the document:
//! it is reported so, never completed with a guessed year.

use regex::Regex;

use crate::calendar::Day;

/// Only the head of a text holds its dateline.
const HEAD_CHARS: usize = 300;

/// What a text's head says of its publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dateline {
    /// A full date, with the words that gave it.
    Dated(Day, String),
    /// A month and day without the year.
    Undated(String),
}

/// The patterns of publication lines and datelines, compiled once.
pub struct DatelineReader {
    publication_line: Regex,
    wire: Regex,
}

impl DatelineReader {
    pub fn new() -> DatelineReader {
        let compile = |pattern: &str| Regex::new(pattern).expect("a valid dateline pattern");
        DatelineReader {
            publication_line: compile(
                r"(?:发布时间|发布日期|发稿时间|日期|时间)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})",
            ),
            wire: compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:电|讯)"),
        }
    }

    /// The dateline of a normalised text, if its head has one.
    pub fn read(&self, normalized: &str) -> Option<Dateline> {
        let head_end = normalized
            .char_indices()
            .nth(HEAD_CHARS)
            .map_or(normalized.len(), |(at, _)| at);
        let head = &normalized[..head_end];
        let number = |text: Option<regex::Match>| text.and_then(|m| m.as_str().parse::<u32>().ok());
        if let Some(found) = self.publication_line.captures(head) {
            let day = Day::new(
                number(found.get(1))? as i32,
                number(found.get(2))?,
                number(found.get(3))?,
            )?;
            return Some(Dateline::Dated(day, found[0].to_string()));
        }
        let found = self.wire.captures(head)?;
        let text = found[0].to_string();
        match number(found.get(1)) {
            Some(year) => Day::new(year as i32, number(found.get(2))?, number(found.get(3))?)
                .map(|day| Dateline::Dated(day, text)),
            None => Some(Dateline::Undated(text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_lines_and_datelines_date_a_text() {
        let reader = DatelineReader::new();
        let dated = |text: &str| match reader.read(text) {
            Some(Dateline::Dated(day, _)) => Some(day.to_string()),
            _ => None,
        };
        assert_eq!(
            dated("标题\n发布时间：2021-12-09 10:20 来源：新京报\n正文").as_deref(),
            Some("2021-12-09")
        );
        assert_eq!(
            dated("日期:2021年12月9日\n正文").as_deref(),
            Some("2021-12-09")
        );
        assert_eq!(
            dated("新华社北京2021年12月9日电 正文").as_deref(),
            Some("2021-12-09")
        );
        assert_eq!(
            reader.read("新华社北京12月9日电 记者王某"),
            Some(Dateline::Undated("12月9日电".to_string()))
        );
        assert_eq!(reader.read("2020年,收入增加。"), None);
        assert_eq!(dated("发布时间：2021-02-30"), None);
        let late = format!("{}发布时间：2021-12-09", "字".repeat(400));
        assert_eq!(reader.read(&late), None, "only the head counts");
    }
}
