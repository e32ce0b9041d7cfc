//! Numbers in the normalised text: Arabic (`1,234`, `2069.5`, `2e5`), Chinese (`一百七十二`,
//! `二千零六十九点五`, `壹佰伍拾`, `两千四百五`), mixed (`2069.5亿`, `1.2万亿`, `5万4千6百`), with
//! magnitudes up to `兆`, approximations (`十多万`, `二十几万`), digit strings (`二〇二〇`) and
//! fractions (`三分之一`, `16/5`, `三百五又三分之一`).
//!
//! This is the grammar only: whether a number is a figure, a date or part of a name is decided
//! by the extractors that read it, with the words around it.

use crate::decimal::Decimal;
use crate::document::Document;
use crate::extract::words::CharSet;
use crate::offsets::NormalizedSpan;
use crate::segment::Token;

/// A number found in the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Characters of the normalised text.
    pub span: NormalizedSpan,
    /// Its value.
    pub value: NumberValue,
    /// Written with `多`, `余` or `几` inside (`十多万`): the value is a lower bound.
    pub approximate: bool,
    /// How it is written.
    pub form: NumberForm,
    /// The magnitude words it ends with (`亿` of `2069.5亿`, `万亿` of `1.2万亿`).
    pub magnitude: Option<String>,
}

/// The value of a [`Number`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberValue {
    /// An exact decimal.
    Exact(Decimal),
    /// A fraction without a finite decimal expansion (`三分之一`).
    Ratio {
        /// Above the line.
        numerator: Decimal,
        /// Below the line; never zero.
        denominator: Decimal,
    },
}

impl NumberValue {
    /// The value as a float.
    pub fn to_f64(self) -> f64 {
        match self {
            NumberValue::Exact(value) => value.to_f64(),
            NumberValue::Ratio {
                numerator,
                denominator,
            } => numerator.to_f64() / denominator.to_f64(),
        }
    }

    /// The exact decimal where there is one.
    pub fn exact(self) -> Option<Decimal> {
        match self {
            NumberValue::Exact(value) => Some(value),
            NumberValue::Ratio { .. } => None,
        }
    }

    /// The exact value as text: a decimal, or `numerator/denominator`.
    pub fn exact_text(self) -> String {
        match self {
            NumberValue::Exact(value) => value.to_string(),
            NumberValue::Ratio {
                numerator,
                denominator,
            } => format!("{numerator}/{denominator}"),
        }
    }

    /// `numerator / denominator`, exact where the quotient has a finite decimal expansion.
    fn ratio(numerator: Decimal, denominator: Decimal) -> Option<NumberValue> {
        if denominator.is_zero() {
            return None;
        }
        Some(match numerator.checked_div_exact(denominator) {
            Some(quotient) => NumberValue::Exact(quotient),
            None => NumberValue::Ratio {
                numerator,
                denominator,
            },
        })
    }
}

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberForm {
    /// Arabic digits only, with Chinese magnitudes at most (`2069.5亿`).
    Arabic,
    /// Chinese numerals only (`一百七十二`).
    Chinese,
    /// Arabic digits between Chinese units (`5万4千6百`).
    Mixed,
    /// Chinese digits read one by one (`二〇二〇`, `一九九一`).
    DigitString,
}

/// The numbers of a document, in text order, without those whose Chinese numerals are part of
/// a longer word (`一切`, `四川`, `新一轮`, `队伍`), as the segmentation shows.
pub fn find(document: &Document) -> Vec<Number> {
    let chars = document.normalized_chars();
    let tokens = document.tokens();
    let word_at = |position: usize| {
        let index = tokens.partition_point(|t| t.span.end <= position);
        tokens.get(index).filter(|t| t.span.start <= position)
    };
    let is_numeral_word = |tag: &[u8]| matches!(tag, b"m" | b"mq" | b"q");
    // jieba joins a range's connector to its first number (`三到/v 五家`).
    let joins_a_connector =
        |t: &Token| matches!(chars[t.span.end - 1], '到' | '至') && t.span.end - t.span.start == 2;
    // `翻一番`, `翻了两番`: a word that holds its count of doublings.
    let counts_doublings = |start: usize| {
        matches!(chars[..start], [.., '翻'] | [.., '翻', '了'])
            && chars.get(start + 1) == Some(&'番')
    };
    // Decided before parsing, since it is the common case: a numeral inside a word (`统一`,
    // `重点`), or at the start of a word that goes on with other characters (`一些`, `十分`).
    let starts_inside_word = |start: usize| {
        !counts_doublings(start)
            && is_chinese_numeral(chars[start])
            && word_at(start).is_some_and(|t| {
                let tag = t.tag.as_bytes();
                let goes_on_with_letters = t.span.end > start + 1
                    && tag != b"t"
                    && !joins_a_connector(t)
                    && chars[start..t.span.end]
                        .iter()
                        .any(|&c| !is_chinese_numeral(c));
                // Words of time hold real numbers (`近三年`, `九年`).
                !is_numeral_word(tag)
                    && tag != b"t"
                    && (t.span.start < start || goes_on_with_letters)
            })
    };
    let ends_inside_word = |number: &Number| {
        let end = number.span.end;
        // A number may end inside a word of time (`九年`), which names it, not another thing,
        // and in a word its magnitude starts (`万人` of `27.3万人`).
        !counts_doublings(number.span.start)
            && is_chinese_numeral(chars[end - 1])
            && word_at(end - 1).is_some_and(|t| {
                t.span.end > end
                    && !is_numeral_word(t.tag.as_bytes())
                    && t.tag.as_bytes() != b"t"
                    && !joins_a_connector(t)
                    && !(t.span.start == end - 1 && matches!(chars[end - 1], '万' | '亿'))
            })
    };
    scan_with(chars, starts_inside_word)
        .into_iter()
        .filter(|number| !ends_inside_word(number))
        .collect()
}

/// Every number of `chars` by the grammar alone, in text order.
pub fn scan(chars: &[char]) -> Vec<Number> {
    scan_with(chars, |_| false)
}

/// Every number of `chars` by the grammar, except those starting where `skip_start` says.
fn scan_with(chars: &[char], skip_start: impl Fn(usize) -> bool) -> Vec<Number> {
    let mut numbers = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        // Most characters start nothing: decide that before the grammar runs.
        if !STARTS.contains(chars[at]) || skip_start(at) {
            at += 1;
            continue;
        }
        match step(chars, at) {
            Step::Number(number) => {
                at = number.span.end;
                numbers.push(number);
            }
            Step::Skip(to) => at = to,
            Step::Nothing => at += 1,
        }
    }
    numbers
}

enum Step {
    Number(Number),
    /// Nothing here, and nothing starts before this position either.
    Skip(usize),
    Nothing,
}

fn step(chars: &[char], at: usize) -> Step {
    let previous = at.checked_sub(1).map(|p| chars[p]);
    // Inside an identifier (`A2021`, `G6`) or right after another number's end.
    if previous.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.') && chars[at].is_ascii_digit()
    {
        return Step::Skip(skip_while(chars, at, |c| c.is_ascii_alphanumeric()));
    }
    if let Some(end) = url_end(chars, at) {
        // Digits of an address (`%2800`, `?q=30`) are no numbers.
        return Step::Skip(end);
    }
    if let Some(after) = per_prefix_end(chars, at) {
        // `百分之`, `千分之`, `百万分之`: a percentage's prefix, read by the figures extractor;
        // the number after it is a number of its own.
        return Step::Skip(after);
    }
    let (negative, start) = match chars[at] {
        '负' | '-' if !previous.is_some_and(|p| p.is_ascii_digit() || is_chinese_numeral(p)) => {
            (true, at + 1)
        }
        _ => (false, at),
    };
    let Some(first) = quantity(chars, start) else {
        // `二三十`, `两两`: a numeral run that is no number; none starts inside it either.
        return match adjacent_digits_end(chars, start) {
            Some(_) => Step::Skip(skip_while(chars, start, is_chinese_numeral)),
            None => Step::Nothing,
        };
    };
    let mut end = first.end;
    let mut value = NumberValue::Exact(first.value);
    let mut magnitude = first.magnitude.clone();
    let fraction = fraction_after(chars, &first).or_else(|| mixed_fraction_after(chars, &first));
    if let Some((fraction, fraction_end)) = fraction {
        value = fraction;
        end = fraction_end;
        magnitude = None;
    }
    if negative {
        value = match value {
            NumberValue::Exact(v) => NumberValue::Exact(v.negated()),
            NumberValue::Ratio {
                numerator,
                denominator,
            } => NumberValue::Ratio {
                numerator: numerator.negated(),
                denominator,
            },
        };
    }
    Step::Number(Number {
        span: NormalizedSpan { start: at, end },
        value,
        approximate: first.approximate,
        form: first.form,
        magnitude,
    })
}

/// The end of a web address starting at `at` (`http://`, `https://`, `www.`).
fn url_end(chars: &[char], at: usize) -> Option<usize> {
    let starts = |prefix: &str| {
        prefix
            .chars()
            .enumerate()
            .all(|(i, p)| chars.get(at + i) == Some(&p))
    };
    if !(starts("http://") || starts("https://") || starts("www.")) {
        return None;
    }
    Some(skip_while(chars, at, |c| c.is_ascii_graphic()))
}

/// One number without sign or fraction: the heart of the grammar.
#[derive(Debug, Clone)]
struct Quantity {
    end: usize,
    value: Decimal,
    form: NumberForm,
    approximate: bool,
    magnitude: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Previous {
    Start,
    ChineseDigit,
    Arabic,
    Zero,
    SmallUnit,
    BigUnit,
    Decimals,
}

fn quantity(chars: &[char], start: usize) -> Option<Quantity> {
    if adjacent_digits_end(chars, start).is_some() {
        return digit_string(chars, start);
    }
    // A bare 百 or 千 before 分 begins a word (`百分点`, `百分比`), not a number; words such as
    // `百姓` and `千家万户` are left out by the segmentation.
    if matches!(chars.get(start), Some('百' | '佰' | '千' | '仟'))
        && chars.get(start + 1) == Some(&'分')
    {
        return None;
    }
    let mut total = Decimal::ZERO;
    let mut section = Decimal::ZERO;
    let mut number: Option<Decimal> = None;
    // Exponent of the unit right before `number`, for `两千四百五` (五 means 50).
    let mut unit_before_number: Option<u32> = None;
    let mut previous = Previous::Start;
    let mut end = start;
    let mut approximate = false;
    let mut has_arabic = false;
    let mut has_chinese = false;
    let mut magnitude_start: Option<usize> = None;
    let mut at = start;
    while at < chars.len() {
        if previous != Previous::Start && chars[at] == ' ' {
            let next = skip_while(chars, at, |c| c == ' ');
            if next < chars.len() && continues_number(chars[next]) {
                at = next;
            } else {
                break;
            }
        }
        let Some(&c) = chars.get(at) else { break };
        if let Some(digit) = chinese_digit(c).filter(|&d| d != 0) {
            if matches!(
                previous,
                Previous::ChineseDigit | Previous::Arabic | Previous::Decimals
            ) {
                break;
            }
            number = Some(Decimal::from_int(digit));
            unit_before_number = match previous {
                Previous::SmallUnit | Previous::BigUnit => unit_before_number,
                _ => None,
            };
            previous = Previous::ChineseDigit;
            has_chinese = true;
            at += 1;
        } else if c == '零' || c == '〇' {
            if matches!(
                previous,
                Previous::Decimals | Previous::Arabic | Previous::ChineseDigit
            ) {
                break;
            }
            number = None;
            unit_before_number = None;
            previous = Previous::Zero;
            has_chinese = true;
            at += 1;
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(at + 1).is_some_and(char::is_ascii_digit))
        {
            if matches!(
                previous,
                Previous::ChineseDigit | Previous::Arabic | Previous::Decimals
            ) {
                break;
            }
            let (value, arabic_end) = arabic(chars, at)?;
            number = Some(value);
            unit_before_number = None;
            previous = Previous::Arabic;
            has_arabic = true;
            at = arabic_end;
        } else if let Some(exponent) = small_unit(c) {
            let count = match (number, previous) {
                (Some(n), _) => n,
                (None, Previous::Start | Previous::Zero | Previous::BigUnit) => {
                    Decimal::from_int(1)
                }
                _ => break,
            };
            section = section.checked_add(count.checked_shift(exponent as i32)?)?;
            number = None;
            unit_before_number = Some(exponent);
            previous = Previous::SmallUnit;
            has_chinese = true;
            at += 1;
        } else if let Some((tens, width)) = tens_character(c) {
            if !matches!(
                previous,
                Previous::Start | Previous::Zero | Previous::BigUnit
            ) {
                break;
            }
            section = section.checked_add(Decimal::from_int(tens))?;
            unit_before_number = Some(1);
            previous = Previous::SmallUnit;
            has_chinese = true;
            at += width;
        } else if let Some(exponent) = big_unit(c) {
            let part = section.checked_add(number.unwrap_or(Decimal::ZERO))?;
            let scale = Decimal::from_int(10i128.pow(exponent));
            if part.is_zero() {
                if total.is_zero() {
                    break;
                }
                total = total.checked_mul(scale)?;
            } else if !total.is_zero() && total.to_f64() < scale.to_f64() {
                total = total.checked_add(part)?.checked_mul(scale)?;
            } else {
                total = total.checked_add(part.checked_mul(scale)?)?;
            }
            if previous != Previous::BigUnit {
                magnitude_start = Some(at);
            }
            section = Decimal::ZERO;
            number = None;
            unit_before_number = Some(exponent);
            previous = Previous::BigUnit;
            has_chinese = true;
            at += 1;
        } else if c == '点'
            && matches!(
                previous,
                Previous::ChineseDigit | Previous::SmallUnit | Previous::BigUnit | Previous::Zero
            )
        {
            let Some((fraction, decimals_end)) = chinese_decimals(chars, at + 1) else {
                break;
            };
            let last = abbreviated(number, previous, unit_before_number)?;
            let whole = total.checked_add(section)?.checked_add(last)?;
            total = whole.checked_add(fraction)?;
            section = Decimal::ZERO;
            number = None;
            unit_before_number = None;
            previous = Previous::Decimals;
            at = decimals_end;
        } else if matches!(c, '多' | '余') && previous != Previous::Start {
            // Kept only when a magnitude follows (`十多万`, `500余万`); `四百多` is 四百.
            let next = skip_while(chars, at + 1, |c| c == ' ');
            if chars.get(next).is_none_or(|&n| big_unit(n).is_none()) {
                break;
            }
            approximate = true;
            at = next;
            continue;
        } else if c == '几'
            && matches!(
                previous,
                Previous::SmallUnit | Previous::BigUnit | Previous::Zero
            )
        {
            approximate = true;
            number = None;
            unit_before_number = None;
            previous = Previous::ChineseDigit;
            at += 1;
        } else {
            break;
        }
        end = at;
        if previous != Previous::BigUnit {
            magnitude_start = None;
        }
    }
    if end == start {
        return None;
    }
    let last = abbreviated(number, previous, unit_before_number)?;
    let value = total.checked_add(section)?.checked_add(last)?;
    let form = match (has_arabic, has_chinese) {
        (true, false) => NumberForm::Arabic,
        (false, _) => NumberForm::Chinese,
        (true, true)
            if magnitude_start.is_some() && only_magnitudes_after_arabic(chars, start, end) =>
        {
            NumberForm::Arabic
        }
        (true, true) => NumberForm::Mixed,
    };
    Some(Quantity {
        end,
        value,
        form,
        approximate,
        magnitude: magnitude_start.map(|m| chars[m..end].iter().filter(|&&c| c != ' ').collect()),
    })
}

/// The last digit of a number, read as colloquial Chinese reads it: `两千四百五` is 2450, so a
/// digit right after a unit of 100 or more counts a tenth of that unit.
fn abbreviated(
    number: Option<Decimal>,
    previous: Previous,
    unit_before: Option<u32>,
) -> Option<Decimal> {
    match (number, previous, unit_before) {
        (Some(digit), Previous::ChineseDigit, Some(exponent)) if exponent >= 2 => {
            digit.checked_shift(exponent as i32 - 1)
        }
        (Some(n), _, _) => Some(n),
        (None, _, _) => Some(Decimal::ZERO),
    }
}

/// `2069.5亿`, `1.2万亿`: one Arabic number followed by magnitudes only.
fn only_magnitudes_after_arabic(chars: &[char], start: usize, end: usize) -> bool {
    let mut seen_magnitude = false;
    for &c in &chars[start..end] {
        if big_unit(c).is_some() || matches!(c, '多' | '余') {
            seen_magnitude = true;
        } else if seen_magnitude || !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ')) {
            return false;
        }
    }
    true
}

/// Chinese digits read one by one (`二〇二〇`, `三八`). A run with `两` (`两两`) or that goes on
/// with a unit (`二三十`, `五六十个`: about twenty or thirty) is no number at all.
fn digit_string(chars: &[char], start: usize) -> Option<Quantity> {
    let end = adjacent_digits_end(chars, start)?;
    let next = skip_while(chars, end, |c| c == ' ');
    let goes_on = chars
        .get(next)
        .is_some_and(|&c| small_unit(c).is_some() || big_unit(c).is_some() || c == '点');
    let digits: Option<String> = chars[start..end]
        .iter()
        .filter(|&&c| c != ' ')
        .map(|&c| match c {
            '两' | '俩' => None,
            _ => chinese_digit(c).map(|d| char::from(b'0' + d as u8)),
        })
        .collect();
    if goes_on {
        return None;
    }
    Some(Quantity {
        end,
        value: Decimal::parse(&digits?)?,
        form: NumberForm::DigitString,
        approximate: false,
        magnitude: None,
    })
}

/// The end of a run of two or more Chinese digits at `start` with nothing but spaces between
/// them, where one starts. `两` may start a run (`两两`) but never goes on one: in `二两` it is
/// the weight liang.
fn adjacent_digits_end(chars: &[char], start: usize) -> Option<usize> {
    let is_digit = |at: usize| chars.get(at).is_some_and(|&c| chinese_digit(c).is_some());
    if !is_digit(start) {
        return None;
    }
    let mut end = start + 1;
    let mut count = 1;
    loop {
        let next = skip_while(chars, end, |c| c == ' ');
        if !is_digit(next) || matches!(chars[next], '两' | '俩') && chars[start] != chars[next] {
            break;
        }
        end = next + 1;
        count += 1;
    }
    (count >= 2).then_some(end)
}

/// An Arabic number at `at`: digits with `,` thousands separators, a decimal point, an
/// exponent (`2e5`, `12.32e+14`) or a `k` for thousands (`40k`).
fn arabic(chars: &[char], at: usize) -> Option<(Decimal, usize)> {
    let mut end = at;
    let mut text = String::new();
    let mut seen_point = false;
    while let Some(&c) = chars.get(end) {
        if c.is_ascii_digit() {
            text.push(c);
        } else if c == ',' && !seen_point && is_thousands_group(chars, end + 1) && !text.is_empty()
        {
            // Skipped: the separator is not part of the value.
        } else if c == '.' && !seen_point && chars.get(end + 1).is_some_and(char::is_ascii_digit) {
            seen_point = true;
            text.push('.');
        } else {
            break;
        }
        end += 1;
    }
    let mut value = Decimal::parse(&text)?;
    let is_letter = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_alphabetic());
    if matches!(chars.get(end), Some('e' | 'E')) {
        let mut exponent_at = end + 1;
        let negative = chars.get(exponent_at) == Some(&'-');
        if matches!(chars.get(exponent_at), Some('+' | '-')) {
            exponent_at += 1;
        }
        let exponent_end = skip_while(chars, exponent_at, |c| c.is_ascii_digit());
        if exponent_end > exponent_at && !is_letter(exponent_end) {
            let digits: String = chars[exponent_at..exponent_end].iter().collect();
            let exponent: i32 = digits.parse().ok()?;
            value = value.checked_shift(if negative { -exponent } else { exponent })?;
            end = exponent_end;
        }
    } else if matches!(chars.get(end), Some('k' | 'K')) && !is_letter(end + 1) {
        value = value.checked_shift(3)?;
        end += 1;
    }
    Some((value, end))
}

/// Whether exactly three digits start at `at`, closing a thousands group.
fn is_thousands_group(chars: &[char], at: usize) -> bool {
    (at..at + 3).all(|i| chars.get(i).is_some_and(char::is_ascii_digit))
        && !chars.get(at + 3).is_some_and(char::is_ascii_digit)
}

/// The digits after a Chinese decimal point (`点五五四四`, `点 五`, `点3`), as a fraction.
fn chinese_decimals(chars: &[char], at: usize) -> Option<(Decimal, usize)> {
    let mut digits = String::from("0.");
    let mut end = at;
    loop {
        let next = skip_while(chars, end, |c| c == ' ');
        match chars.get(next) {
            Some(&c) if c.is_ascii_digit() => digits.push(c),
            Some(&c) if !matches!(c, '两' | '俩') => match chinese_digit(c) {
                Some(d) => digits.push(char::from(b'0' + d as u8)),
                None => break,
            },
            _ => break,
        }
        end = next + 1;
    }
    (end > at)
        .then(|| Decimal::parse(&digits).map(|d| (d, end)))
        .flatten()
}

/// `A分之B` after a quantity A (spaces allowed: `五 分之 一`, `二分 之一`), and `A又B分之C`.
fn fraction_after(chars: &[char], denominator: &Quantity) -> Option<(NumberValue, usize)> {
    let after = skip_while(chars, denominator.end, |c| c == ' ');
    if chars.get(after) == Some(&'又') {
        let start = skip_while(chars, after + 1, |c| c == ' ');
        let below = quantity(chars, start)?;
        let (fraction, end) = fraction_after(chars, &below)?;
        let sum = match fraction {
            NumberValue::Exact(v) => NumberValue::Exact(denominator.value.checked_add(v)?),
            NumberValue::Ratio {
                numerator,
                denominator: d,
            } => NumberValue::ratio(denominator.value.checked_mul(d)?.checked_add(numerator)?, d)?,
        };
        return Some((sum, end));
    }
    let of = per_marker_end(chars, denominator.end)?;
    let start = skip_while(chars, of, |c| c == ' ');
    let (negative, start) = match chars.get(start) {
        Some('负' | '-') => (true, start + 1),
        _ => (false, start),
    };
    let above = quantity(chars, start)?;
    let numerator = if negative {
        above.value.negated()
    } else {
        above.value
    };
    Some((NumberValue::ratio(numerator, denominator.value)?, above.end))
}

/// `16/5` and `1 3/5` after an Arabic integer.
fn mixed_fraction_after(chars: &[char], first: &Quantity) -> Option<(NumberValue, usize)> {
    if first.form != NumberForm::Arabic || !first.value.is_integer() || first.magnitude.is_some() {
        return None;
    }
    let fraction = |at: usize| -> Option<(Decimal, Decimal, usize)> {
        let numerator_end = skip_while(chars, at, |c| c.is_ascii_digit());
        if numerator_end == at || chars.get(numerator_end) != Some(&'/') {
            return None;
        }
        let denominator_end = skip_while(chars, numerator_end + 1, |c| c.is_ascii_digit());
        if denominator_end == numerator_end + 1
            || chars
                .get(denominator_end)
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return None;
        }
        let number =
            |from: usize, to: usize| Decimal::parse(&chars[from..to].iter().collect::<String>());
        Some((
            number(at, numerator_end)?,
            number(numerator_end + 1, denominator_end)?,
            denominator_end,
        ))
    };
    let first_start = first.end
        - chars[..first.end]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
    if chars.get(first.end) == Some(&'/') {
        let (numerator, denominator, end) = fraction(first_start)?;
        return Some((NumberValue::ratio(numerator, denominator)?, end));
    }
    if chars.get(first.end) == Some(&' ') {
        let (numerator, denominator, end) = fraction(first.end + 1)?;
        let whole = first.value;
        let value = NumberValue::ratio(
            whole.checked_mul(denominator)?.checked_add(numerator)?,
            denominator,
        )?;
        return Some((value, end));
    }
    None
}

/// The end of `分之` (spaces allowed) at `at`.
fn per_marker_end(chars: &[char], at: usize) -> Option<usize> {
    let fen = skip_while(chars, at, |c| c == ' ');
    if chars.get(fen) != Some(&'分') {
        return None;
    }
    let zhi = skip_while(chars, fen + 1, |c| c == ' ');
    (chars.get(zhi) == Some(&'之')).then_some(zhi + 1)
}

/// The end of a per-prefix (`百分之`, `千分之`, `万分之`, `百万分之`) that starts at `at` with no
/// digit before it, spaces allowed between its characters.
pub(crate) fn per_prefix_end(chars: &[char], at: usize) -> Option<usize> {
    if at > 0 && (is_chinese_numeral(chars[at - 1]) || chars[at - 1].is_ascii_digit()) {
        return None;
    }
    let mut end = at;
    while let Some(&c) = chars.get(end) {
        if small_unit(c).is_some() && c != '十' && c != '拾' || big_unit(c).is_some() {
            end = skip_while(chars, end + 1, |c| c == ' ');
        } else {
            break;
        }
    }
    if end == at {
        return None;
    }
    per_marker_end(chars, end)
}

/// Whether `c` can go on a number after a space (`两千 四 百`, `7 万5 千`, `四点 五`).
fn continues_number(c: char) -> bool {
    is_chinese_numeral(c) || c.is_ascii_digit() || matches!(c, '多' | '余')
}

/// The Chinese digits, units and signs that can be part of a number.
const CHINESE_NUMERALS: &[char] = &[
    '零', '〇', '一', '壹', '二', '贰', '两', '俩', '三', '叁', '四', '肆', '五', '伍', '六', '陆',
    '七', '柒', '八', '捌', '九', '玖', '十', '拾', '百', '佰', '千', '仟', '万', '亿', '兆', '廿',
    '卅', '点', '几',
];

/// The other characters a number can start with: a sign, a point, the start of a web address
/// (which is skipped whole).
const OTHER_STARTS: &[char] = &[
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '-', '负', 'h', 'w',
];

static NUMERALS: CharSet = CharSet::new(&[CHINESE_NUMERALS]);
static STARTS: CharSet = CharSet::new(&[CHINESE_NUMERALS, OTHER_STARTS]);

/// A Chinese digit, unit or sign that can be part of a number.
#[inline]
pub(crate) fn is_chinese_numeral(c: char) -> bool {
    NUMERALS.contains(c)
}

/// The value of a Chinese digit, with the financial forms and `两`.
pub(crate) fn chinese_digit(c: char) -> Option<i128> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '两' | '俩' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// `十 百 千` and their financial forms, as powers of ten.
fn small_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 1,
        '百' | '佰' => 2,
        '千' | '仟' => 3,
        _ => return None,
    })
}

/// `万 亿 兆`, as powers of ten.
fn big_unit(c: char) -> Option<u32> {
    Some(match c {
        '万' => 4,
        '亿' => 8,
        '兆' => 12,
        _ => return None,
    })
}

/// `廿` (twenty) and `卅` (thirty), each one character.
fn tens_character(c: char) -> Option<(i128, usize)> {
    match c {
        '廿' => Some((20, 1)),
        '卅' => Some((30, 1)),
        _ => None,
    }
}

fn skip_while(chars: &[char], mut at: usize, keep: impl Fn(char) -> bool) -> usize {
    while chars.get(at).is_some_and(|&c| keep(c)) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(text, value)` of each number the grammar finds.
    fn numbers(text: &str) -> Vec<(String, String)> {
        let chars: Vec<char> = text.chars().collect();
        scan(&chars)
            .into_iter()
            .map(|n| {
                (
                    chars[n.span.start..n.span.end].iter().collect(),
                    n.value.exact_text(),
                )
            })
            .collect()
    }

    fn one(text: &str, value: &str) -> Vec<(String, String)> {
        vec![(text.to_string(), value.to_string())]
    }

    #[test]
    fn each_number_form_has_its_value() {
        let cases: &[(&str, &str, &str)] = &[
            // name, input (the whole input is the number), value
            ("Arabic integer", "172", "172"),
            ("Arabic decimal", "2069.5", "2069.5"),
            ("thousands separators", "1,050,000,000", "1050000000"),
            ("leading point", ".5", "0.5"),
            ("exponent", "12.32e+14", "1232000000000000"),
            ("k for thousands", "40k", "40000"),
            ("Arabic with magnitude", "2069.5亿", "206950000000"),
            ("Arabic with two magnitudes", "1.2万亿", "1200000000000"),
            ("ten thousand ten thousands", "10万万", "1000000000"),
            ("spaces before a magnitude", "1000  万", "10000000"),
            ("Chinese integer", "一百七十二", "172"),
            ("Chinese decimal", "二千零六十九点五", "2069.5"),
            ("two for the leading digit", "两千", "2000"),
            ("ten alone", "十三", "13"),
            ("zero before a ten", "一万零十二", "10012"),
            ("abbreviated last digit", "两千四百五", "2450"),
            ("abbreviated after a magnitude", "九十二万四", "924000"),
            ("hundred without one", "百三", "130"),
            (
                "zero between magnitudes",
                "四亿五千六百四十二万零一十五",
                "456420015",
            ),
            ("magnitude on a magnitude", "四万万", "400000000"),
            ("magnitude after a section", "一万五千亿", "1500000000000"),
            ("zhao", "五兆六十二亿四万五千二", "5006200045200"),
            ("financial forms", "壹佰伍拾", "150"),
            ("financial ten", "拾六万零五百零六", "160506"),
            ("twenty", "廿五", "25"),
            (
                "decimals after a magnitude",
                "两千万点五五四四",
                "20000000.5544",
            ),
            ("Chinese decimal with a magnitude", "一点二亿", "120000000"),
            ("abbreviated digit before a point", "两千三点一", "2300.1"),
            ("approximation after a space", "五百 余万", "5000000"),
            ("mixed", "5万4千6百", "54600"),
            ("mixed with zero", "2千零30万", "20300000"),
            (
                "spaced Chinese",
                "三千 八百 九十六 万 四千 九百 六十五",
                "38964965",
            ),
            ("approximate magnitude", "十多万", "100000"),
            ("approximate Arabic magnitude", "500余万", "5000000"),
            ("unknown digit", "二十几万", "200000"),
            ("digit string", "二〇二〇", "2020"),
            ("negative", "负10000", "-10000"),
            ("negative Chinese", "负四十五亿零四百零四万", "-4504040000"),
            ("fraction", "三分之一", "1/3"),
            ("terminating fraction", "五分之一", "0.2"),
            ("fraction with spaces", "五 分之 一", "0.2"),
            ("Arabic under Chinese", "一百分之2", "0.02"),
            ("whole and fraction", "三百五又三分之一", "1051/3"),
            ("Arabic fraction", "16/5", "3.2"),
            ("Arabic mixed fraction", "1 3/5", "1.6"),
            ("negative mixed", "负一又二分之一", "-1.5"),
        ];
        for (name, input, value) in cases {
            assert_eq!(numbers(input), one(input, value), "{name}");
        }
    }

    #[test]
    fn numbers_end_where_the_grammar_ends() {
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
        let cases: &[Case] = &[
            ("unit word after", "172个", &[("172", "172")]),
            (
                "many in a sentence",
                "2020年,收入2069.5亿元,增长16.3%",
                &[
                    ("2020", "2020"),
                    ("2069.5亿", "206950000000"),
                    ("16.3", "16.3"),
                ],
            ),
            (
                "more without magnitude stays out",
                "四百多",
                &[("四百", "400")],
            ),
            (
                "two after a decimal point is not a digit",
                "两百点两",
                &[("两百", "200"), ("两", "2")],
            ),
            (
                "comma and space separate",
                "1, 234",
                &[("1", "1"), ("234", "234")],
            ),
            ("range", "3-5个", &[("3", "3"), ("5", "5")]),
            ("framework", "1+3+1", &[("1", "1"), ("3", "3"), ("1", "1")]),
            (
                "percentage prefix",
                "百分之十六点三",
                &[("十六点三", "16.3")],
            ),
            ("per-mille prefix", "千分之２", &[]),
            ("identifier", "A2021 G6", &[]),
            ("ten thousand alone", "万", &[]),
            ("digit string with a unit", "二三十个", &[]),
            ("two two", "两两", &[]),
            ("ordinal keeps its number", "第十三次", &[("十三", "13")]),
            ("web address", "见https://x.cn/a?q=30%25 共3", &[("3", "3")]),
            ("hundred per hundred", "百分之百", &[("百", "100")]),
        ];
        for (name, input, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(t, v)| (t.to_string(), v.to_string()))
                .collect();
            assert_eq!(numbers(input), expected, "{name}");
        }
    }

    #[test]
    fn the_flat_numeral_match_agrees_with_the_grammar_tables() {
        for c in '\u{3000}'..='\u{9FFF}' {
            let by_tables = chinese_digit(c).is_some()
                || small_unit(c).is_some()
                || big_unit(c).is_some()
                || tens_character(c).is_some()
                || matches!(c, '点' | '几');
            assert_eq!(is_chinese_numeral(c), by_tables, "{c}");
        }
    }

    #[test]
    fn formatting_a_number_and_parsing_it_back_gives_the_same_value() {
        // Chinese numerals written by a reference formatter, then read by the grammar.
        const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
        fn section(n: u64) -> String {
            let mut out = String::new();
            let mut zero = false;
            for (unit, divisor) in [("千", 1000), ("百", 100), ("十", 10), ("", 1)] {
                let digit = (n / divisor) % 10;
                if digit == 0 {
                    zero = !out.is_empty();
                    continue;
                }
                if zero {
                    out.push('零');
                    zero = false;
                }
                out.push(DIGITS[digit as usize]);
                out.push_str(unit);
            }
            out
        }
        fn chinese(n: u64) -> String {
            let (yi, wan, rest) = (n / 100_000_000, (n / 10_000) % 10_000, n % 10_000);
            let mut out = String::new();
            for (part, unit) in [(yi, "亿"), (wan, "万"), (rest, "")] {
                if part == 0 {
                    continue;
                }
                if !out.is_empty() && part < 1000 {
                    out.push('零');
                }
                out.push_str(&section(part));
                out.push_str(unit);
            }
            out
        }
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..5000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let n = 1 + state % 999_999_999_999;
            let text = chinese(n);
            assert_eq!(numbers(&text), one(&text, &n.to_string()), "{n}");
            let arabic = format!("{}.{}", n, state % 97 + 1);
            let value = Decimal::parse(&arabic).unwrap().to_string();
            assert_eq!(numbers(&arabic), one(&arabic, &value), "{arabic}");
        }
    }
}
