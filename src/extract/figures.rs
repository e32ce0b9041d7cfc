//! Figures: numbers with their magnitude, unit, qualifier and role (`2069.5亿元`, `690万平方米`,
//! `同比增长16.3%`, `提高2个百分点`), and none of the numbers that only look like figures:
//! ordinals (`第十三次`), identifiers (`1号线`, `5G`), frameworks (`1+3+1`), names with numerals
//! (`一轴四园`, `五里坨`, and those of `numbered-names.txt`: `八项规定`), dates and durations
//! (`2020年`, `8个小时`) and list markers (`一、`).

use std::sync::LazyLock;

use serde::Serialize;

use crate::decimal::Decimal;
use crate::dictionaries::{DictionaryFile, DictionaryLines};
use crate::document::Document;
use crate::error::Error;
use crate::extract::numbers::{self, Number, NumberForm, NumberValue};
use crate::extract::units::{Unit, Units};
use crate::extract::words::WordIndex;
use crate::normalize::is_han;
use crate::offsets::NormalizedSpan;
use crate::record::Mention;

/// A figure stated in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Where it is: `text` as in the original, `start`/`end`, `sentence`.
    #[serde(flatten)]
    pub mention: Mention,
    /// The value in the base unit of `unit` (the lower bound of a range).
    pub value: serde_json::Number,
    /// `value` as an exact decimal, or `numerator/denominator` when it has no finite decimal.
    pub exact: String,
    /// Canonical unit (`CNY`, `m2`, `%`, `pp`, `count`), `null` for a bare magnitude (`1400万`).
    pub unit: Option<String>,
    /// What the unit measures (`currency`, `area`, `percent`, `count`, ...; `number` without unit).
    pub kind: String,
    /// The number as stated, in the unit as written (`690万平方米` → `6900000`).
    pub number: String,
    /// The unit as written (`平方米`, `亿元` gives `元`), `null` without one.
    pub surface_unit: Option<String>,
    /// The magnitude words of the number (`万`, `亿`, `万亿`).
    pub magnitude: Option<String>,
    /// How the value bounds the quantity (`约` about, `超过` over, ...), `null` when exact.
    pub comparator: Option<Comparator>,
    /// Upper bound of a range (`3至5个`) in the base unit, `null` otherwise.
    pub high: Option<serde_json::Number>,
    /// `high` as an exact decimal.
    pub exact_high: Option<String>,
    /// What the figure says.
    pub role: Role,
    /// Up or down, for a change.
    pub direction: Option<Direction>,
    /// What a change is measured against (`同比`, `环比`).
    pub basis: Option<Basis>,
}

/// How a stated value bounds the real quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// `约`, `左右`, `上下`.
    About,
    /// `近`, `将近`, `接近`: a little under.
    Nearly,
    /// `超过`, `逾`, `多`, `余`, `以上`.
    Over,
    /// `不到`, `不足`, `低于`, `以下`.
    Under,
    /// `不少于`, `至少`, `不低于`.
    AtLeast,
    /// `不超过`, `最多`, `以内`.
    AtMost,
}

/// What a figure says about its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A quantity (`收入2069.5亿元`).
    Amount,
    /// A change (`增长16.3%`, `下降2个百分点`).
    Change,
    /// A share of a whole (`占全市的30%`).
    Share,
    /// A multiple (`1.5倍`).
    Multiple,
}

impl Role {
    /// Whether the figure relates a value to another one (`增长16.3%`, `翻了一番`), so that
    /// without a metric of its own it belongs to the figure stated before it.
    pub fn is_relative(self) -> bool {
        matches!(self, Role::Change | Role::Multiple)
    }
}

/// Direction of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// `增长`, `提高`, `增加`.
    Up,
    /// `下降`, `减少`, `降低`.
    Down,
}

/// What a change is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// `同比`, `比上年`: the same period a year before.
    YearOnYear,
    /// `环比`: the period before.
    PeriodOnPeriod,
}

/// Words before a figure that bound it.
const COMPARATORS_BEFORE: &[(&str, Comparator)] = &[
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("最少", Comparator::AtLeast),
    ("不超过", Comparator::AtMost),
    ("最多", Comparator::AtMost),
    ("超过", Comparator::Over),
    ("高于", Comparator::Over),
    ("大于", Comparator::Over),
    ("多于", Comparator::Over),
    ("逾", Comparator::Over),
    ("超", Comparator::Over),
    ("不到", Comparator::Under),
    ("不足", Comparator::Under),
    ("低于", Comparator::Under),
    ("少于", Comparator::Under),
    ("小于", Comparator::Under),
    ("将近", Comparator::Nearly),
    ("接近", Comparator::Nearly),
    ("近", Comparator::Nearly),
    ("突破", Comparator::Over),
    ("大约", Comparator::About),
    ("约为", Comparator::About),
    ("约占", Comparator::About),
    ("约", Comparator::About),
];

/// Words after a figure that bound it.
const COMPARATORS_AFTER: &[(&str, Comparator)] = &[
    ("左右", Comparator::About),
    ("上下", Comparator::About),
    ("以上", Comparator::Over),
    ("以下", Comparator::Under),
    ("以内", Comparator::AtMost),
    ("之内", Comparator::AtMost),
];

/// Verbs of change, looked for just before a figure.
const CHANGES: &[(&str, Direction)] = &[
    ("增长", Direction::Up),
    ("增加", Direction::Up),
    ("提高", Direction::Up),
    ("提升", Direction::Up),
    ("上升", Direction::Up),
    ("上涨", Direction::Up),
    ("增幅", Direction::Up),
    ("扩大", Direction::Up),
    ("回升", Direction::Up),
    ("反弹", Direction::Up),
    ("攀升", Direction::Up),
    ("跃升", Direction::Up),
    ("上调", Direction::Up),
    ("加快", Direction::Up),
    ("增", Direction::Up),
    ("涨", Direction::Up),
    ("下降", Direction::Down),
    ("减少", Direction::Down),
    ("降低", Direction::Down),
    ("下滑", Direction::Down),
    ("回落", Direction::Down),
    ("下跌", Direction::Down),
    ("缩小", Direction::Down),
    ("萎缩", Direction::Down),
    ("收窄", Direction::Down),
    ("下调", Direction::Down),
    ("放缓", Direction::Down),
    ("缩减", Direction::Down),
    ("降幅", Direction::Down),
    ("降", Direction::Down),
    ("减", Direction::Down),
    ("跌", Direction::Down),
];

/// Characters after a number that make it a date, a time or a duration: the dates extractor's.
const TIME_UNITS: &[&str] = &[
    "年",
    "月",
    "日",
    "号",
    "时",
    "点",
    "分钟",
    "秒",
    "天",
    "周",
    "世纪",
    "季度",
    "小时",
    "个月",
    "个多月",
    "个小时",
    "个多小时",
    "个半小时",
    "个钟头",
    "个工作日",
    "个星期",
    "个礼拜",
    "周年",
    "届",
    "期",
];

/// What `N次` numbers when it is no count: a session (`三次会议`, `二次全会`), or the sectors
/// of an economy (`三次产业`).
const SESSIONS: &[&str] = &["会议", "全会", "大会", "产业"];

/// Range connectors between two numbers (`3至5个`, `3-5个`, `三到五家`).
const RANGE_CONNECTORS: &[char] = &['至', '到', '-', '~', '～', '—', '–'];

/// The word lists above, indexed for look-ups at a position.
struct Words {
    comparators_before: WordIndex<Comparator>,
    comparators_after: WordIndex<Comparator>,
    changes: WordIndex<Direction>,
    time_units: WordIndex<()>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let owned = |words: &[(&str, Comparator)]| {
        words
            .iter()
            .map(|&(w, c)| (w.to_string(), c))
            .collect::<Vec<_>>()
    };
    Words {
        comparators_before: WordIndex::ending(owned(COMPARATORS_BEFORE)),
        comparators_after: WordIndex::starting(owned(COMPARATORS_AFTER)),
        changes: WordIndex::ending(CHANGES.iter().map(|&(w, d)| (w.to_string(), d))),
        time_units: WordIndex::starting(TIME_UNITS.iter().map(|&w| (w.to_string(), ()))),
    }
});

/// Names that hold a numeral but count nothing (`八项规定`, `四个意识`, `千万工程`), read from
/// `dictionaries/numbered-names.txt`.
pub struct NumberedNames {
    names: WordIndex<()>,
}

impl NumberedNames {
    /// Reads the list; a malformed line names its file and line.
    pub fn new(file: &DictionaryFile) -> Result<NumberedNames, Error> {
        let mut names = Vec::new();
        for line in DictionaryLines::new(file) {
            let line = line?;
            let [name] = line.fields(["name"])?;
            if name.chars().count() < 2 {
                return Err(line.error(format!("{name:?} is not a name of two characters or more")));
            }
            names.push(name.to_string());
        }
        Ok(NumberedNames {
            names: WordIndex::starting(names.into_iter().map(|name| (name, ()))),
        })
    }

    /// Whether character `at` of `chars` lies inside one of the names.
    fn covers(&self, chars: &[char], at: usize) -> bool {
        self.names.covers(chars, at, at + 1)
    }
}

/// How far before a figure a verb of change or `占` is looked for, in characters.
const ROLE_WINDOW: usize = 6;

/// What the readers of one document share.
struct Text<'a> {
    chars: &'a [char],
    units: &'a Units,
}

/// Finds the figures of a document from its numbers (shared with the dates extractor).
// Kept out of line so that profiles and `scripts/bench-instructions.sh` see the stage.
#[inline(never)]
pub fn find(
    document: &Document,
    numbers: &[Number],
    units: &Units,
    names: &NumberedNames,
) -> Vec<Figure> {
    let chars = document.normalized_chars();
    let text = Text { chars, units };
    let mut figures = Vec::new();
    let mut index = 0;
    let mut previous_end = 0;
    let mut previous_role: Option<(Role, Option<Direction>, Option<Basis>)> = None;
    while index < numbers.len() {
        let number = &numbers[index];
        index += 1;
        // Already part of the figure before (`五元三毛` reads 三 as its subunit).
        if number.span.start < previous_end {
            continue;
        }
        let Some(mut reading) = read(&text, number) else {
            continue;
        };
        // A range: this number, a connector, and a number with a unit of its own (`3至5个`);
        // or both with the same unit (`5.25%至5.5%`).
        let upper = numbers.get(index).filter(|upper| {
            upper.span.start == reading.span.end + 1
                && RANGE_CONNECTORS.contains(&chars[reading.span.end])
        });
        let same_unit = |upper: &Reading| match (&reading.unit, &upper.unit) {
            (None, Some(_)) => true,
            (Some(lower), Some(upper)) => lower.surface == upper.surface,
            _ => false,
        };
        if let Some(upper) = upper.and_then(|upper| read(&text, upper)).filter(same_unit) {
            reading = reading.up_to(upper);
            index += 1;
        }
        if reading.unit.is_none() && number.magnitude.is_none() {
            continue;
        }
        if is_look_alike(chars, document, names, &reading) {
            continue;
        }
        let sentence = document.sentence_at(reading.span.start);
        let sentence_start = document
            .sentences()
            .get(sentence)
            .map_or(0, |s| s.span.start);
        let window_start = sentence_start.max(previous_end);
        let (comparator_before, before_start) =
            comparator_before(chars, window_start, reading.span.start);
        let comparator = comparator_before
            .or(reading.inner_comparator)
            .or_else(|| comparator_after(chars, reading.span.end));
        // `分别增长6.2%、5.1%和4.8%`: a figure that continues a list takes the role of the
        // figure before it, whose verb it shares.
        let continues_list = previous_end > 0
            && matches!(
                &chars[previous_end..before_start],
                ['、' | '和' | '及' | '与']
            );
        let (role, direction, basis) = match (continues_list, previous_role) {
            (true, Some(previous @ (Role::Change, ..))) => previous,
            _ => role(chars, window_start, before_start, &reading),
        };
        previous_role = Some((role, direction, basis));
        previous_end = reading.span.end;
        figures.push(reading.into_figure(document, comparator, role, direction, basis));
    }
    figures
}

/// A unit as a reading uses it: the table's entry, with the factor from the number as stated
/// to the base unit (`百分之` reads `%` with its own factor).
#[derive(Debug, Clone, Copy)]
struct UnitUse<'u> {
    unit: &'u Unit,
    factor: (Decimal, Decimal),
}

impl<'u> UnitUse<'u> {
    fn of(unit: &'u Unit) -> UnitUse<'u> {
        UnitUse {
            unit,
            factor: unit.factor,
        }
    }
}

impl std::ops::Deref for UnitUse<'_> {
    type Target = Unit;

    fn deref(&self) -> &Unit {
        self.unit
    }
}

/// A number read with its unit, before its context is looked at.
#[derive(Debug, Clone)]
struct Reading<'u> {
    span: NormalizedSpan,
    number_span: NormalizedSpan,
    /// As stated, in the surface unit; converted only once the reading is a figure.
    number: NumberValue,
    unit: Option<UnitUse<'u>>,
    form: NumberForm,
    magnitude: Option<String>,
    inner_comparator: Option<Comparator>,
    /// The upper bound of a range, as stated.
    high: Option<NumberValue>,
}

/// A value in the base unit: a float and its exact text.
#[derive(Debug, Clone)]
struct Value {
    float: f64,
    exact: String,
}

impl<'u> Reading<'u> {
    /// A range from this reading, read without a unit, up to `upper`, whose unit both share.
    fn up_to(self, upper: Reading<'u>) -> Reading<'u> {
        let unit = upper.unit;
        Reading {
            span: NormalizedSpan {
                start: self.span.start,
                end: upper.span.end,
            },
            number_span: NormalizedSpan {
                start: self.number_span.start,
                end: upper.number_span.end,
            },
            number: self.number,
            unit,
            form: self.form,
            magnitude: upper.magnitude,
            inner_comparator: upper.inner_comparator,
            high: Some(upper.number),
        }
    }

    fn into_figure(
        self,
        document: &Document,
        comparator: Option<Comparator>,
        role: Role,
        direction: Option<Direction>,
        basis: Option<Basis>,
    ) -> Figure {
        let factor = self.unit.as_ref().map(|u| u.factor);
        let value = convert(self.number, factor);
        let high = self.high.map(|h| convert(h, factor));
        let (unit, kind, surface_unit) = match &self.unit {
            Some(unit) => (
                Some(unit.code.clone()),
                unit.kind.clone(),
                Some(unit.surface.clone()),
            ),
            None => (None, "number".to_string(), None),
        };
        Figure {
            mention: document.mention(self.span),
            value: json_number(value.float),
            exact: value.exact,
            unit,
            kind,
            number: self.number.exact_text(),
            surface_unit,
            magnitude: self.magnitude,
            comparator,
            high: high.as_ref().map(|h| json_number(h.float)),
            exact_high: high.map(|h| h.exact),
            role,
            direction,
            basis,
        }
    }
}

/// Reads a number with the unit around it: a prefix (`百分之`, `$`), approximation words inside
/// (`300多人`), the unit after it with the subunits that follow (`五元三毛`), and a trailing `半`
/// (`两米半`).
fn read<'u>(text: &Text<'u>, number: &Number) -> Option<Reading<'u>> {
    let (chars, units) = (text.chars, text.units);
    let shorter = unit_keeps_its_magnitude(text, number);
    let number = shorter.as_ref().unwrap_or(number);
    let mut start = number.span.start;
    let mut end = number.span.end;
    let mut stated = number.value;
    let mut inner_comparator = number.approximate.then_some(Comparator::Over);
    let mut unit: Option<UnitUse<'u>> = None;

    if let Some((prefix_start, doubled)) = doubling(chars, start, end, stated) {
        // `翻一番`, `翻两番`: doubled n times, so 2ⁿ times as much.
        start = prefix_start;
        end += 1;
        stated = NumberValue::Exact(doubled);
        unit = Some(UnitUse::of(units.suffix_at(&['倍'], 0)?.0));
    } else if let Some((prefix_start, per)) = per_prefix_before(chars, start) {
        // 百分之X is X %, 千分之X is X/10 %, 万分之X is X/100 %.
        start = prefix_start;
        unit = Some(percent_unit(units, Decimal::from_int(100), per)?);
    } else if let Some((prefix, length)) = units.prefix_before(chars, start) {
        start -= length;
        unit = Some(UnitUse::of(prefix));
    } else {
        let mut at = skip_spaces(chars, end);
        if let Some(&c) = chars.get(at).filter(|&&c| matches!(c, '多' | '余' | '来')) {
            inner_comparator = Some(if c == '来' {
                Comparator::About
            } else {
                Comparator::Over
            });
            at += 1;
        }
        if let Some((found, length)) = suffix_unit(text, at) {
            unit = Some(UnitUse::of(found));
            end = at + length;
        } else if let Some((percent, value, after)) = tenths(chars, number, at, units) {
            unit = Some(percent);
            stated = value;
            end = after;
        }
        if let Some(found) = &unit {
            if found.kind == "currency" {
                (stated, end) = with_subunits(chars, stated, end, found, units)?;
            }
            let is_tenths = matches!(chars.get(end.wrapping_sub(1)), Some('成' | '折' | '半'))
                && found.kind == "percent";
            if chars.get(end) == Some(&'半') && !is_tenths {
                stated = NumberValue::Exact(stated.exact()?.checked_add(Decimal::parse("0.5")?)?);
                end += 1;
            }
        } else if inner_comparator.is_some() && !number.approximate {
            inner_comparator = None;
        }
    }
    Some(Reading {
        span: NormalizedSpan { start, end },
        number_span: number.span,
        number: stated,
        unit,
        form: number.form,
        magnitude: number.magnitude.clone(),
        inner_comparator,
        high: None,
    })
}

/// `翻一番`, `翻了两番`: where the phrase starts, and the multiple that doubling `times` times
/// makes, for a number of doublings between `翻` (`翻了`) and `番`.
fn doubling(
    chars: &[char],
    start: usize,
    end: usize,
    times: NumberValue,
) -> Option<(usize, Decimal)> {
    if chars.get(end) != Some(&'番') {
        return None;
    }
    let prefix_start = match chars[..start] {
        [.., '翻', '了'] => start - 2,
        [.., '翻'] => start - 1,
        _ => return None,
    };
    let times = times
        .exact()?
        .as_integer()
        .filter(|n| (1..=10).contains(n))?;
    Some((prefix_start, Decimal::from_int(1 << times)))
}

/// The unit after a number. A count word before a currency is part of it (`20个比特币`), and
/// a unit that is also a numeral (`两`, 50 g) or that names things as well as money (`块`)
/// counts only at the end of a phrase, so that `一两个` stays "one or two" and `五块石` a place.
fn suffix_unit<'u>(text: &Text<'u>, at: usize) -> Option<(&'u Unit, usize)> {
    let (chars, units) = (text.chars, text.units);
    let (unit, length) = units.suffix_at(chars, at)?;
    if unit.surface == "个" {
        if let Some((currency, more)) = units
            .suffix_at(chars, at + length)
            .filter(|(u, _)| u.kind == "currency")
        {
            return Some((currency, length + more));
        }
    }
    let is_numeral = unit
        .surface
        .chars()
        .all(|c| numbers::chinese_digit(c).is_some());
    if (is_numeral || unit.surface == "块") && chars.get(at + length).is_some_and(|&c| is_han(c)) {
        return None;
    }
    Some((unit, length))
}

/// The number without its last character when that character begins a unit: `2.3千克` is 2.3
/// 千克, not 2300 克; `三十两` is 30 两.
fn unit_keeps_its_magnitude(text: &Text, number: &Number) -> Option<Number> {
    let chars = text.chars;
    let last = number.span.end - 1;
    if last == number.span.start || !numbers::is_chinese_numeral(chars[last]) {
        return None;
    }
    suffix_unit(text, last)?;
    let shorter = numbers::scan(&chars[number.span.start..last])
        .into_iter()
        .find(|n| n.span.start == 0 && n.span.end == last - number.span.start)?;
    Some(Number {
        span: NormalizedSpan {
            start: number.span.start,
            end: last,
        },
        ..shorter
    })
}

/// Adds the subunits that follow a currency amount (`五元三毛`, `50元6角3分`,
/// `两美元又三美分`), giving the amount in the main unit and the end of the last subunit.
fn with_subunits(
    chars: &[char],
    mut stated: NumberValue,
    mut end: usize,
    main: &Unit,
    units: &Units,
) -> Option<(NumberValue, usize)> {
    loop {
        let at = if matches!(chars.get(end), Some('又' | '零')) {
            end + 1
        } else {
            end
        };
        let window = &chars[at..chars.len().min(at + 16)];
        let Some(amount) = numbers::scan(window)
            .into_iter()
            .find(|n| n.span.start == 0)
        else {
            return Some((stated, end));
        };
        let Some((subunit, length)) = units.subunit_at(chars, at + amount.span.end, &main.code)
        else {
            return Some((stated, end));
        };
        // In the main unit: amount × subunit factor ÷ main factor.
        let (sub_numerator, sub_denominator) = subunit.factor;
        let (main_numerator, main_denominator) = main.factor;
        let part = amount
            .value
            .exact()?
            .checked_mul(sub_numerator)?
            .checked_mul(main_denominator)?
            .checked_div_exact(sub_denominator.checked_mul(main_numerator)?)?;
        stated = NumberValue::Exact(stated.exact()?.checked_add(part)?);
        end = at + amount.span.end + length;
    }
}

/// `成` and `折`, tenths written as percentages: `七成` 70 %, `七成六` 76 %, `9.9折` 99 %,
/// `三八折` 38 %.
fn tenths<'u>(
    chars: &[char],
    number: &Number,
    at: usize,
    units: &'u Units,
) -> Option<(UnitUse<'u>, NumberValue, usize)> {
    let marker = *chars.get(at)?;
    if !matches!(marker, '成' | '折') {
        return None;
    }
    let stated = number.value.exact()?;
    let one = Decimal::from_int(1);
    if number.form == NumberForm::DigitString {
        return (marker == '折')
            .then(|| {
                Some((
                    percent_unit(units, one, one)?,
                    NumberValue::Exact(stated),
                    at + 1,
                ))
            })
            .flatten();
    }
    // `十折` is no discount at all; `10成` is all of it.
    let tenths = stated.to_f64();
    if tenths <= 0.0 || tenths > 10.0 || (marker == '折' && tenths == 10.0) {
        return None;
    }
    let mut percent = stated.checked_mul(Decimal::from_int(10))?;
    let mut end = at + 1;
    if marker == '成' {
        let next = skip_spaces(chars, end);
        if let Some(digit) = chars.get(next).and_then(|&c| numbers::chinese_digit(c)) {
            percent = percent.checked_add(Decimal::from_int(digit))?;
            end = next + 1;
        } else if chars.get(next) == Some(&'半') {
            // 三成半: three and a half tenths.
            percent = percent.checked_add(Decimal::from_int(5))?;
            end = next + 1;
        }
    }
    Some((
        percent_unit(units, one, one)?,
        NumberValue::Exact(percent),
        end,
    ))
}

/// The `%` unit, with a factor of `numerator / denominator` from what is stated to percent.
fn percent_unit(units: &Units, numerator: Decimal, denominator: Decimal) -> Option<UnitUse<'_>> {
    let (percent, _) = units.suffix_at(&['%'], 0)?;
    Some(UnitUse {
        unit: percent,
        factor: (numerator, denominator),
    })
}

/// Converts a stated number with a unit factor (none for a bare number) into the base unit,
/// exactly: a decimal where the result has one, a fraction where it does not (`400亩` is
/// `800000/3` m²).
fn convert(stated: NumberValue, factor: Option<(Decimal, Decimal)>) -> Value {
    let Some((numerator, denominator)) = factor else {
        return Value {
            float: stated.to_f64(),
            exact: stated.exact_text(),
        };
    };
    let scaled = match stated {
        NumberValue::Exact(value) => value
            .checked_mul(numerator)
            .map(|above| (above, denominator)),
        NumberValue::Ratio {
            numerator: above,
            denominator: below,
        } => above
            .checked_mul(numerator)
            .zip(below.checked_mul(denominator)),
    };
    let float = stated.to_f64() * numerator.to_f64() / denominator.to_f64();
    let exact = scaled.map(|(above, below)| match above.checked_div_exact(below) {
        Some(quotient) => quotient.to_string(),
        None => format!("{above}/{below}"),
    });
    Value {
        float,
        exact: exact.unwrap_or_else(|| format!("{float}")),
    }
}

/// A per-prefix (`百分之`, `千分之`, `百万分之`) that ends right before `start`, with its start and
/// its divisor (100, 1000, 1000000).
fn per_prefix_before(chars: &[char], start: usize) -> Option<(usize, Decimal)> {
    let mut at = start;
    let step_back = |at: usize, expected: char| -> Option<usize> {
        let mut before = at;
        while before > 0 && chars[before - 1] == ' ' {
            before -= 1;
        }
        (before > 0 && chars[before - 1] == expected).then(|| before - 1)
    };
    at = step_back(at, '之')?;
    at = step_back(at, '分')?;
    let mut divisor = Decimal::from_int(1);
    let mut prefix_start = at;
    loop {
        let mut before = prefix_start;
        while before > 0 && chars[before - 1] == ' ' {
            before -= 1;
        }
        let factor = match before.checked_sub(1).map(|b| chars[b]) {
            Some('百' | '佰') => 100,
            Some('千' | '仟') => 1000,
            Some('万') => 10_000,
            Some('亿') => 100_000_000,
            _ => break,
        };
        divisor = divisor.checked_mul(Decimal::from_int(factor))?;
        prefix_start = before - 1;
    }
    // The prefix is exactly what the number grammar skipped: nothing numeric before it.
    (prefix_start < at && numbers::per_prefix_end(chars, prefix_start).is_some())
        .then_some((prefix_start, divisor))
}

/// Whether a reading is a number that only looks like a figure.
fn is_look_alike(
    chars: &[char],
    document: &Document,
    names: &NumberedNames,
    reading: &Reading,
) -> bool {
    let (start, end) = (reading.number_span.start, reading.number_span.end);
    // Names with numerals that count nothing: 中央八项规定, “四个意识”.
    if names.covers(chars, start) {
        return true;
    }
    let before = start.checked_sub(1).map(|b| chars[b]);
    let after = chars.get(end).copied();
    // Ordinals: 第十三次, 第1, and a session without 第 (十四届全国人大三次会议; with digits,
    // 召开3次会议 counts meetings).
    if before == Some('第') {
        return true;
    }
    if reading.form == NumberForm::Chinese
        && reading.unit.as_ref().is_some_and(|u| u.surface == "次")
        && SESSIONS.iter().any(|word| {
            let word: Vec<char> = word.chars().collect();
            chars[reading.span.end..].starts_with(&word)
        })
    {
        return true;
    }
    // A lone 一 or 两 before a measure word is an article or "a couple" (一批, 一起, 一度, 两度),
    // and a lone 零 begins a word (零部件); 一美元, 两米半 and 千分之一 are figures.
    if end == start + 1 {
        let is_measure_word = reading
            .unit
            .as_ref()
            .is_some_and(|u| u.kind == "count" || u.surface == "度");
        match chars[start] {
            '零' => return true,
            '一' | '两' | '俩' if is_measure_word => return true,
            _ => {}
        }
    }
    // Frameworks and formulas: 1+3+1, “体育+”.
    if before == Some('+') || after == Some('+') {
        return true;
    }
    // Identifiers: 5G, G6, A4; a letter right after the number that is not its unit.
    let unit_is_latin = reading
        .unit
        .as_ref()
        .is_some_and(|u| u.surface.starts_with(|c: char| c.is_ascii_alphabetic()));
    if before.is_some_and(|c| c.is_ascii_alphabetic())
        || (!unit_is_latin && after.is_some_and(|c| c.is_ascii_alphabetic()))
    {
        return true;
    }
    // Dates, times and durations, which the dates extractor reads, and line numbers (1号线).
    let counts_or_bare = reading.unit.as_ref().is_none_or(|u| u.kind == "count");
    if counts_or_bare && WORDS.time_units.longest_at(chars, end, |_| true).is_some() {
        return true;
    }
    // List markers: 一、 or (1) at the start of a sentence.
    let sentence = &document.sentences()[document.sentence_at(start)];
    let at_sentence_start = sentence.span.start == start
        || (start > 0
            && matches!(chars[start - 1], '(' | '（')
            && sentence.span.start + 1 == start);
    if at_sentence_start && after.is_some_and(|c| matches!(c, '、' | '.' | ')' | '）')) {
        return true;
    }
    // Digit strings are years and codes unless they are a discount (三八折).
    reading.form == NumberForm::DigitString && reading.unit.as_ref().is_none_or(|u| u.code != "%")
}

/// A comparator word ending right before `start` and not before `window_start`, with the
/// position where it starts.
fn comparator_before(
    chars: &[char],
    window_start: usize,
    start: usize,
) -> (Option<Comparator>, usize) {
    match WORDS
        .comparators_before
        .longest_ending_at(chars, start, |_| true)
    {
        Some((&comparator, length)) if start >= window_start + length => {
            (Some(comparator), start - length)
        }
        _ => (None, start),
    }
}

/// A comparator word right after `end`.
fn comparator_after(chars: &[char], end: usize) -> Option<Comparator> {
    WORDS
        .comparators_after
        .longest_at(chars, end, |_| true)
        .map(|(&comparator, _)| comparator)
}

/// The role of a figure from the words just before it (`同比增长`, `下降`, `占`) and its unit.
fn role(
    chars: &[char],
    window_start: usize,
    before: usize,
    reading: &Reading,
) -> (Role, Option<Direction>, Option<Basis>) {
    let clause_bound = window_start;
    let window_start = before.saturating_sub(ROLE_WINDOW).max(window_start);
    let window = &chars[window_start..before];
    // The verb of change nearest the figure; not the 增加 of 增加值 (value added), and a verb
    // with 到 or 至 after it names the level reached (`提高到5%`, `增至150个`), no change.
    let change = (window_start + 1..=before)
        .rev()
        .find_map(|end| {
            WORDS
                .changes
                .longest_ending_at(chars, end, |_| true)
                .filter(|&(_, length)| end - length >= window_start)
                .map(|(&direction, _)| (direction, chars.get(end).copied()))
        })
        .filter(|(_, next)| !matches!(next, Some('值' | '免')))
        .and_then(|(direction, next)| (!matches!(next, Some('到' | '至'))).then_some(direction));
    let contains = |word: &str| {
        let word: Vec<char> = word.chars().collect();
        window.windows(word.len()).any(|w| w == word)
    };
    let basis = if window.contains(&'比')
        && (contains("同比") || contains("比上年") || contains("较上年"))
    {
        Some(Basis::YearOnYear)
    } else if window.contains(&'环') && contains("环比") {
        Some(Basis::PeriodOnPeriod)
    } else {
        None
    };
    // A share is named anywhere in the clause: `占全市年度任务量的57%`, `比重将达到45%`.
    let clause_start = chars[clause_bound..before]
        .iter()
        .rposition(|c| matches!(c, '，' | '；' | '：' | ',' | ';'))
        .map_or(clause_bound, |at| clause_bound + at + 1);
    // Up to the figure: the comparator before it may hold the 占 (`约占74%`).
    let clause = &chars[clause_start..reading.span.start];
    let names_share = clause.contains(&'占')
        || clause.windows(2).any(|w| w == ['比', '重'])
        // `完成年度计划的48%`: a percentage of something named before it.
        || clause.last() == Some(&'的');
    let kind = reading.unit.as_ref().map(|u| u.kind.as_str());
    match change {
        Some(direction) => (Role::Change, Some(direction), basis),
        None if kind == Some("multiple") => (Role::Multiple, None, basis),
        None if kind == Some("percent") && names_share => (Role::Share, None, None),
        None => (Role::Amount, None, None),
    }
}

/// A JSON number: an integer where the value is whole, so `206950000000` is not written
/// `206950000000.0`.
fn json_number(value: f64) -> serde_json::Number {
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        serde_json::Number::from(value as i64)
    } else {
        serde_json::Number::from_f64(value).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

fn skip_spaces(chars: &[char], mut at: usize) -> usize {
    while chars.get(at) == Some(&' ') {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Pipeline;

    fn figures(text: &str) -> Vec<Figure> {
        let pipeline = Pipeline::for_tests();
        pipeline.figures(&pipeline.analyze(text.to_string()))
    }

    /// `(text, exact value, unit)` of each figure.
    fn found(text: &str) -> Vec<(String, String, Option<String>)> {
        figures(text)
            .into_iter()
            .map(|f| (f.mention.text, f.exact, f.unit))
            .collect()
    }

    #[test]
    fn each_unit_kind_converts_to_its_base_unit() {
        let cases: &[(&str, &str, &str, &str)] = &[
            // sentence, figure text, exact value in the base unit, unit
            (
                "高精尖产业收入2069.5亿元。",
                "2069.5亿元",
                "206950000000",
                "CNY",
            ),
            ("完成690万平方米改造。", "690万平方米", "6900000", "m2"),
            ("面积12平方公里。", "12平方公里", "12000000", "m2"),
            ("种植400亩。", "400亩", "800000/3", "m2"),
            ("新建道路3.5公里。", "3.5公里", "3500", "m"),
            ("产量2.3千克。", "2.3千克", "2.3", "kg"),
            ("粮食1.2万吨。", "1.2万吨", "12000000", "kg"),
            ("用水50立方米。", "50立方米", "50", "m3"),
            ("发电875亿度。", "875亿度", "87500000000", "kWh"),
            ("装机十万千瓦。", "十万千瓦", "100000", "kW"),
            ("节能3万吨标准煤。", "3万吨标准煤", "30000", "tce"),
            ("出口4568亿美元。", "4568亿美元", "456800000000", "USD"),
            ("售价五元三毛。", "五元三毛", "5.3", "CNY"),
            ("增长16.3%。", "16.3%", "16.3", "%"),
            ("占百分之十六点三。", "百分之十六点三", "16.3", "%"),
            ("浓度千分之二。", "千分之二", "0.2", "%"),
            ("提高2个百分点。", "2个百分点", "2", "pp"),
            ("上调25个基点。", "25个基点", "0.25", "pp"),
            ("近七成。", "七成", "70", "%"),
            ("占三成半。", "三成半", "35", "%"),
            ("打9.9折。", "9.9折", "99", "%"),
            ("增长1.5倍。", "1.5倍", "1.5", "times"),
            ("较2020年翻一番以上。", "翻一番", "2", "times"),
            ("经济总量翻了两番。", "翻了两番", "4", "times"),
            ("完成全部172个。", "172个", "172", "count"),
            ("召开3次会议。", "3次", "3", "count"),
            ("共有一百七十二家企业。", "一百七十二家", "172", "count"),
            ("人口1400万。", "1400万", "14000000", ""),
        ];
        for (text, figure, exact, unit) in cases {
            let unit = (!unit.is_empty()).then(|| unit.to_string());
            assert_eq!(
                found(text),
                vec![(figure.to_string(), exact.to_string(), unit)],
                "{text}"
            );
        }
    }

    #[test]
    fn qualifiers_become_comparators_and_ranges() {
        let cases: &[(&str, &str, Option<Comparator>, Option<&str>)] = &[
            // sentence, figure text, comparator, upper bound
            ("约300人参加。", "300人", Some(Comparator::About), None),
            ("超过50%。", "50%", Some(Comparator::Over), None),
            ("逾千家企业。", "千家", Some(Comparator::Over), None),
            ("近3000人。", "3000人", Some(Comparator::Nearly), None),
            ("300多人。", "300多人", Some(Comparator::Over), None),
            ("十多万人。", "十多万人", Some(Comparator::Over), None),
            ("城镇新增就业27.3万人。", "27.3万人", None, None),
            ("不少于10家。", "10家", Some(Comparator::AtLeast), None),
            ("不到5%。", "5%", Some(Comparator::Under), None),
            ("不超过3个。", "3个", Some(Comparator::AtMost), None),
            ("100人左右。", "100人", Some(Comparator::About), None),
            ("10万元以上。", "10万元", Some(Comparator::Over), None),
            ("3至5个。", "3至5个", None, Some("5")),
            ("3-5个。", "3-5个", None, Some("5")),
            ("三到五家。", "三到五家", None, Some("5")),
            ("维持在5.25%至5.5%之间。", "5.25%至5.5%", None, Some("5.5")),
            ("售价3万元至5万元。", "3万元至5万元", None, Some("50000")),
            ("投资2069.5亿元。", "2069.5亿元", None, None),
        ];
        for (text, figure, comparator, high) in cases {
            let figures = figures(text);
            assert_eq!(figures.len(), 1, "{text}: {figures:?}");
            assert_eq!(figures[0].mention.text, *figure, "{text}");
            assert_eq!(figures[0].comparator, *comparator, "{text}");
            assert_eq!(figures[0].exact_high.as_deref(), *high, "{text}");
        }
    }

    #[test]
    fn the_words_before_a_figure_give_its_role() {
        use Direction::*;
        let cases: &[(&str, Role, Option<Direction>, Option<Basis>)] = &[
            ("收入2069.5亿元。", Role::Amount, None, None),
            (
                "同比增长16.3%。",
                Role::Change,
                Some(Up),
                Some(Basis::YearOnYear),
            ),
            (
                "比上年增长5%。",
                Role::Change,
                Some(Up),
                Some(Basis::YearOnYear),
            ),
            (
                "环比下降0.5%。",
                Role::Change,
                Some(Down),
                Some(Basis::PeriodOnPeriod),
            ),
            ("降低2个百分点。", Role::Change, Some(Down), None),
            ("减少300户。", Role::Change, Some(Down), None),
            ("占全市的30%。", Role::Share, None, None),
            ("是去年的1.5倍。", Role::Multiple, None, None),
            ("达到3450亿元。", Role::Amount, None, None),
            ("第一产业增加值18.6亿元。", Role::Amount, None, None),
            ("占比提高到32%。", Role::Share, None, None),
            ("来源国家增至150个。", Role::Amount, None, None),
            ("比重将达到45%。", Role::Share, None, None),
            ("占全市年度任务量的57%。", Role::Share, None, None),
            (
                "增速比一季度加快1.2个百分点。",
                Role::Change,
                Some(Up),
                None,
            ),
            ("完成年度计划的48%。", Role::Share, None, None),
            ("减免税款约40亿元。", Role::Amount, None, None),
        ];
        for (text, role, direction, basis) in cases {
            let figures = figures(text);
            assert_eq!(figures.len(), 1, "{text}: {figures:?}");
            assert_eq!(
                (figures[0].role, figures[0].direction, figures[0].basis),
                (*role, *direction, *basis),
                "{text}"
            );
        }
    }

    #[test]
    fn a_figure_that_continues_a_list_shares_its_verb() {
        let roles: Vec<(Role, Option<Direction>)> = figures("分别增长6.2%、5.1%和4.8%。")
            .iter()
            .map(|f| (f.role, f.direction))
            .collect();
        assert_eq!(roles, [(Role::Change, Some(Direction::Up)); 3]);
        let comparators: Vec<Option<Comparator>> = figures("力争突破2500亿元，约占74%。")
            .iter()
            .map(|f| f.comparator)
            .collect();
        assert_eq!(
            comparators,
            [Some(Comparator::Over), Some(Comparator::About)]
        );
    }

    #[test]
    fn numbers_that_only_look_like_figures_are_not_figures() {
        let cases: &[(&str, &str)] = &[
            ("ordinal", "石景山区第十三次党代会召开。"),
            ("ordinal with digits", "第3批项目启动。"),
            ("session without 第", "十四届全国人大三次会议开幕。"),
            ("line number", "地铁1号线福寿岭站。"),
            ("technology name", "建设5G基站。"),
            ("road name", "G6高速改造。"),
            ("framework", "“1+3+1”高精尖产业体系。"),
            ("name with numerals", "加快“一轴四园”建设。"),
            ("name with numerals", "带动“京西八大厂”复兴。"),
            ("political phrase", "深入贯彻中央八项规定精神。"),
            ("political phrase", "增强“四个意识”、坚定“四个自信”。"),
            ("political phrase", "协调推进“四个全面”战略布局。"),
            ("programme name", "深化“千万工程”经验。"),
            ("new round", "实施新一轮行动计划。"),
            ("new generation", "新一代信息技术产业。"),
            ("place with numerals", "优化五里坨等区域道路。"),
            ("place with numerals", "完成驷马桥、五块石等片区的更新。"),
            ("year", "2020年,收入增加。"),
            ("date", "9月6日召开。"),
            ("duration", "未来5年完成改造。"),
            ("months", "用12个月完成。"),
            ("hours", "将流程缩短到8个小时。"),
            ("working days", "3个工作日内办结。"),
            ("over a month", "历时3个多月。"),
            ("list marker", "一、加快建设。"),
            ("bracketed list marker", "(1)加快建设。"),
            ("article", "建设一批重大项目。"),
            ("together", "大家一起努力。"),
            ("once", "航班一度暂停。"),
            ("zero in a word", "关键零部件。"),
            ("phone number", "电话010-12345678。"),
            ("digit string", "二〇二〇年。"),
            ("bare number", "编号172。"),
        ];
        for (name, text) in cases {
            assert_eq!(found(text), vec![], "{name}: {text}");
        }
    }
}
