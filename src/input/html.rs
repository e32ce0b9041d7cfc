//! HTML pages as articles: the title from `<title>`, the text from the body with scripts,
//! styles, forms and navigation dropped, one line per block.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

/// What an HTML page holds for zhnews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlArticle {
    /// The `<title>`, trimmed; `None` when missing or empty.
    pub title: Option<String>,
    /// The visible text of the page: blocks on their own lines, runs of white space collapsed.
    pub text: String,
}

/// Elements whose content is never article text. Not `form`: many government sites
/// (ASP.NET WebForms) wrap the whole page in one; its controls are dropped instead.
const DROPPED: [&str; 17] = [
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
    "iframe", "svg", "button", "select", "textarea", "object", "menu", "input",
];

/// Elements that hold the page or its article, never dropped for their class or id
/// (`<body class="nav-open">`).
const CONTAINERS: [&str; 4] = ["html", "body", "main", "article"];

/// Class and id words by which government sites mark navigation, menus and page furniture.
const DROPPED_MARKS: [&str; 8] = [
    "nav",
    "navbar",
    "menu",
    "breadcrumb",
    "crumb",
    "sidebar",
    "footer",
    "share",
];

/// Elements that start and end a line of text.
const BLOCKS: [&str; 29] = [
    "address",
    "article",
    "blockquote",
    "br",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Reads an HTML page. The tree is walked without recursion, so no nesting depth can overflow
/// the stack.
pub fn read(html: &str) -> HtmlArticle {
    let page = Html::parse_document(html);
    let mut text = TextBuilder::default();
    let mut dropped_depth = 0usize;
    for edge in page.root_element().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    if dropped_depth > 0 || is_dropped(element) {
                        dropped_depth += 1;
                    } else if BLOCKS.contains(&element.name()) {
                        text.end_line();
                    }
                }
                Node::Text(run) if dropped_depth == 0 => text.push(run),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    if dropped_depth > 0 {
                        dropped_depth -= 1;
                    } else if BLOCKS.contains(&element.name()) {
                        text.end_line();
                    }
                }
            }
        }
    }
    let title = scraper::Selector::parse("title")
        .ok()
        .and_then(|selector| page.select(&selector).next().map(element_text))
        .filter(|title| !title.is_empty());
    HtmlArticle {
        title,
        text: text.finish(),
    }
}

fn is_dropped(element: &scraper::node::Element) -> bool {
    DROPPED.contains(&element.name())
        || !CONTAINERS.contains(&element.name())
            && (element.id().is_some_and(is_furniture) || element.classes().any(is_furniture))
}

/// Whether a class or id names page furniture: one of its words (split at `-` and `_`) does.
fn is_furniture(mark: &str) -> bool {
    let mark = mark.to_ascii_lowercase();
    mark.split(['-', '_'])
        .any(|word| DROPPED_MARKS.contains(&word))
}

fn element_text(element: ElementRef<'_>) -> String {
    let mut text = TextBuilder::default();
    element.text().for_each(|run| text.push(run));
    text.finish()
}

/// Text with HTML's white space rules: a run of white space is one space, none at the start or
/// end of a line, and none between two wide characters, where a line break in the source of a
/// Chinese page is only a break in the source (CSS Text 3, segment break transformation).
#[derive(Default)]
struct TextBuilder {
    text: String,
    pending_space: bool,
}

impl TextBuilder {
    fn push(&mut self, run: &str) {
        for c in run.chars() {
            // `&nbsp;` is how many sites indent paragraphs.
            if c.is_ascii_whitespace() || c == '\u{a0}' || c == '\u{3000}' {
                self.pending_space = true;
                continue;
            }
            if self.pending_space {
                match self.text.chars().next_back() {
                    None | Some('\n') => {}
                    Some(last) if !last.is_ascii() && !c.is_ascii() => {}
                    Some(_) => self.text.push(' '),
                }
            }
            self.pending_space = false;
            self.text.push(c);
        }
    }

    fn end_line(&mut self) {
        self.pending_space = false;
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    fn finish(mut self) -> String {
        while self.text.ends_with('\n') {
            self.text.pop();
        }
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_and_the_body_text_without_page_furniture() {
        let page = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
            <title> 石景山区召开发布会 </title><style>p{color:red}</style></head>
            <body><div class="top-nav"><a href="/">首页</a><a>要闻</a></div>
            <nav>导航</nav><div id="breadcrumb">当前位置：首页 &gt; 要闻</div>
            <h1>石景山区召开发布会</h1>
            <div class="article"><p>&nbsp;&nbsp;到2025年，高精尖产业收入
            将达到<b>3450亿元</b>。</p><p>完成172个老旧小区改造。<br>五年内完成。</p>
            <script>var x = "1000亿元";</script></div>
            <div class="footer">版权所有 2021</div><footer>备案号</footer></body></html>"#;
        let article = read(page);
        assert_eq!(article.title.as_deref(), Some("石景山区召开发布会"));
        assert_eq!(
            article.text,
            "石景山区召开发布会\n到2025年，高精尖产业收入将达到3450亿元。\n完成172个老旧小区改造。\n五年内完成。"
        );
    }

    #[test]
    fn a_page_wrapped_in_a_form_or_a_marked_body_keeps_its_article() {
        let page = r#"<html><body class="nav-open"><form id="form1" method="post">
            <input type="hidden" name="__VIEWSTATE" value="dDwtMTA4"><div class="menu">菜单</div>
            <div id="share-box">分享到</div><p>全区完成投资120亿元。</p>
            <select><option>选项</option></select></form></body></html>"#;
        assert_eq!(read(page).text, "全区完成投资120亿元。");
    }

    #[test]
    fn broken_and_deeply_nested_pages_still_give_their_text() {
        assert_eq!(read("<p>未闭合<div>段落").text, "未闭合\n段落");
        assert_eq!(read("").text, "");
        let deep = format!(
            "{}深处{}",
            "<div><span>".repeat(20_000),
            "</span></div>".repeat(20_000)
        );
        assert_eq!(read(&deep).text, "深处");
        assert_eq!(read("<title></title>正文").title, None);
    }
}
