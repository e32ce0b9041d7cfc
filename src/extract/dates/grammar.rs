//! The grammar of a date expression, read at one position of the normalised text: what the
//! expression says (an [`Expr`]), where it ends, and the role its own words give it.
//!
//! ```text
//! expression := [as-of | from] date [suffix]
//!             | [from] calendar connector calendar          12月6日至8日, 2021—2025年
//!             | calendar between calendar between-end         2007年与2009年之间
//!             | calendar after calendar before                2010年之后2018年之前
//! date       := calendar | numeric | day word | week | count | decade
//! calendar   := [lunar] [year] (month [day] | year part)      农历2015年十月初一, 2020年底
//!             | day 日                                        29日
//! ```
//!
//! Words come from `dictionaries/date-words.tsv` and `eras.tsv`; numbers are read here, since
//! dates need their digits as written (`07年`, `二〇二〇年`, `两千零四年`).

use super::numeric;
use super::vocabulary::{DateWord, Starts, Unit, Vocabulary};
use super::{DateRole, Granularity};
use crate::extract::numbers;
use crate::extract::words::CharSet;

/// A year as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearOf {
    Absolute(i32),
    /// Years after the publication year (`去年` is -1).
    Relative(i32),
}

/// A month as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthOf {
    Absolute(u32),
    /// Months after the publication month (`下个月` is 1).
    Relative(i32),
}

/// Months of a year that a date covers: a half, a quarter, a season, the year's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub first_month: u32,
    /// Winter runs into the next year: 3 months from December.
    pub months: u32,
    pub granularity: Granularity,
    /// `年内`: by the end of the year.
    pub deadline: bool,
}

/// A date of the calendar, with as much of year, month and day as the text gives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Calendar {
    pub year: Option<YearOf>,
    pub month: Option<MonthOf>,
    pub day: Option<u32>,
    /// Counted in the lunar calendar (`农历十月初一`, `正月初一`).
    pub lunar: bool,
    pub part: Option<Part>,
}

/// What a date expression says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expr {
    Calendar(Calendar),
    /// Two ends, the upper one completed from the lower (`12月6日至8日`).
    Range(Calendar, Calendar),
    /// Days after publication (`明天`).
    Day(i32),
    /// A week counted from the publication's week, and a day of it: 1 Monday to 7 Sunday,
    /// 0 the weekend, `None` the whole week.
    Week {
        shift: i32,
        day: Option<u32>,
    },
    /// `amount` units after publication (`direction` 1, `未来5年`) or up to it (-1, `近三年`).
    Count {
        direction: i32,
        amount: u32,
        unit: Unit,
    },
    /// The day `amount` units before (-1, `5年前`) or after (1) publication.
    Ago {
        direction: i32,
        amount: u32,
        unit: Unit,
    },
    /// A decade: the first year of its century when the text names one (`19世纪70年代`),
    /// centuries after publication's (`上世纪` -1), or neither (`九十年代`).
    Decade {
        century: Option<YearOf>,
        decade: u32,
    },
}

/// An expression read, with its extent and the role its words give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    pub expr: Expr,
    pub start: usize,
    pub end: usize,
    pub role: Option<DateRole>,
}

/// A number as dates write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Numeral {
    value: u32,
    end: usize,
    /// Characters it takes.
    length: usize,
    /// Written digit by digit (`2020`, `二〇二〇`), not with 十, 百, 千 (`两千零四`).
    digit_string: bool,
    /// Starts with a zero (`07`, `零八`).
    leading_zero: bool,
}

/// Characters after a day number written without 日 that make it a count instead
/// (`三月十五个项目`).
const MEASURE_WORDS: &[char] = &[
    '个', '万', '亿', '千', '百', '家', '人', '元', '项', '名', '件', '次', '座', '所', '条', '年',
    '岁', '位', '分', '点', '时', '倍', '%',
];

/// A document's characters, its word boundaries and the date words, read together.
pub struct Grammar<'a> {
    pub chars: &'a [char],
    /// `boundaries[i]`: a word of the segmentation starts (or the text ends) at `i`.
    pub boundaries: &'a [bool],
    pub words: &'a Vocabulary,
}

impl Grammar<'_> {
    /// The expression that starts at `at`, if one does.
    pub fn expression(&self, at: usize) -> Option<Parsed> {
        let starts = self.starts(at);
        if starts.is_empty() {
            return None;
        }
        let prefix = starts
            .has(Starts::PREFIX)
            .then(|| self.word(at, |w| matches!(w, DateWord::AsOf | DateWord::From)))
            .flatten();
        if let Some((word, end)) = prefix {
            let date_at = self.spaces(end);
            let parsed = self.ranged(date_at, self.starts(date_at))?;
            return Some(match word {
                DateWord::AsOf => Parsed {
                    start: at,
                    role: Some(DateRole::AsOf),
                    ..parsed
                },
                // `从` belongs to a range it opens (`从一月十日到十二日`), `自` also to a period
                // (`自2018年以来`); `从2015年起` is read as the spec reads it, `2015年起`.
                _ if parsed.role == Some(DateRole::Range)
                    || parsed.role == Some(DateRole::Since) && self.chars[at] == '自' =>
                {
                    Parsed {
                        start: at,
                        ..parsed
                    }
                }
                _ => return None,
            });
        }
        self.ranged(at, starts)
    }

    /// A date, a range of two, or a date with the word after it that opens it.
    fn ranged(&self, at: usize, starts: Starts) -> Option<Parsed> {
        let (first, end, bare) = self.date(at, starts)?;
        if let Expr::Calendar(low) = first {
            if let Some(range) = self.range(at, low, end, bare) {
                return Some(range);
            }
        }
        if bare.is_some() && first == Expr::Calendar(Calendar::default()) {
            return None;
        }
        let parsed = Parsed {
            expr: first,
            start: at,
            end,
            role: match first {
                // `未来5年`; and `今明两年`, the only range a single word makes.
                Expr::Count { .. } | Expr::Range(..) => Some(DateRole::Period),
                Expr::Calendar(Calendar {
                    part: Some(Part { deadline: true, .. }),
                    ..
                }) => Some(DateRole::Deadline),
                _ => None,
            },
        };
        if matches!(
            first,
            Expr::Count { .. } | Expr::Ago { .. } | Expr::Range(..)
        ) {
            return Some(parsed);
        }
        Some(self.opened(parsed).unwrap_or(parsed))
    }

    /// A date followed by the word that opens it (`2025年前`, `2020年以来`), or by that and a
    /// second date it closes with (`2010年之后2018年之前`).
    fn opened(&self, date: Parsed) -> Option<Parsed> {
        let (word, end) = self.word(self.spaces(date.end), |w| {
            matches!(w, DateWord::Before | DateWord::After | DateWord::Since)
        })?;
        // A one-character word must end a word of the text, not start one (前景), unless a
        // range goes on after it (`自2014年6月14日起到…`).
        if end - date.end == 1 && !self.boundaries[end] && !self.connector_at(end) {
            return None;
        }
        if let (DateWord::After, Expr::Calendar(low)) = (word, date.expr) {
            let closed = self.calendar(end).and_then(|(high, high_end, _)| {
                let (_, close) = self.word(high_end, |w| *w == DateWord::Before)?;
                Some(Parsed {
                    expr: Expr::Range(low, inherit(low, high)),
                    start: date.start,
                    end: close,
                    role: Some(DateRole::Range),
                })
            });
            if closed.is_some() {
                return closed;
            }
        }
        Some(Parsed {
            end,
            role: Some(match word {
                DateWord::Before => DateRole::Deadline,
                _ => DateRole::Since,
            }),
            ..date
        })
    }

    /// The range whose lower end `low` is read from `start` to `end`: a connector and an upper
    /// end, or `与` an upper end and `之间`.
    fn range(
        &self,
        start: usize,
        low: Calendar,
        end: usize,
        bare: Option<Numeral>,
    ) -> Option<Parsed> {
        let (word, after) = self.word(self.spaces(bare.map_or(end, |n| n.end)), |w| {
            matches!(w, DateWord::Connector | DateWord::Between)
        })?;
        let high_at = self.spaces(after);
        let (high, mut high_end, high_bare) = match numeric::date_at(self.chars, high_at, true) {
            Some((high, end)) => (high, end, None),
            None => self.calendar(high_at)?,
        };
        if word == DateWord::Between {
            if bare.is_some() {
                return None;
            }
            let (_, close) = self.word(high_end, |w| *w == DateWord::BetweenEnd)?;
            high_end = close;
        }
        let low = match bare {
            None => low,
            // `2021—2025年`, `1—7月`, `12月6—8日`: the lower end's last number takes the unit
            // the upper end starts with.
            Some(number) => with_bare_number(low, number, &high)?,
        };
        if high_bare.is_some() {
            return None;
        }
        let high = inherit(low, high);
        if low.lunar != high.lunar || low.part.is_some() || high.part.is_some() {
            return None;
        }
        Some(Parsed {
            expr: Expr::Range(low, high),
            start,
            end: high_end,
            role: Some(DateRole::Range),
        })
    }

    /// A date at `at`, with where it ends; a calendar date may be followed by a number written
    /// without its unit, left for a range to complete (`一月19` of `一月19到20日`).
    fn date(&self, at: usize, starts: Starts) -> Option<(Expr, usize, Option<Numeral>)> {
        let c = *self.chars.get(at)?;
        // Not the middle of a number (`12020年`).
        if is_numeral(c) && at > 0 && (is_numeral(self.chars[at - 1]) || self.chars[at - 1] == '.')
        {
            return None;
        }
        if c.is_ascii_digit() {
            if let Some((calendar, end)) = numeric::date_at(self.chars, at, false) {
                return Some((Expr::Calendar(calendar), end, None));
            }
        }
        if let Some((expr, end)) = starts
            .has(Starts::DECADE)
            .then(|| self.decade(at))
            .flatten()
        {
            return Some((expr, end, None));
        }
        let calendar = starts
            .has(Starts::CALENDAR)
            .then(|| self.calendar(at))
            .flatten();
        if let Some((calendar, end, bare)) = calendar {
            if calendar != Calendar::default() {
                return Some((Expr::Calendar(calendar), end, bare));
            }
            // A bare number only starts a range.
            if bare.is_some() {
                return Some((Expr::Calendar(calendar), end, bare));
            }
        }
        if let Some((expr, end)) = starts.has(Starts::COUNT).then(|| self.count(at)).flatten() {
            return Some((expr, end, None));
        }
        if starts.has(Starts::DAY) {
            if let Some((word, end)) =
                self.word(at, |w| matches!(w, DateWord::Day(_) | DateWord::Years(..)))
            {
                if self.boundaries[at] && self.boundaries[end] {
                    let expr = match word {
                        DateWord::Years(first, last) => {
                            let year = |offset| Calendar {
                                year: Some(YearOf::Relative(offset)),
                                ..Calendar::default()
                            };
                            Expr::Range(year(first), year(last))
                        }
                        DateWord::Day(offset) => Expr::Day(offset),
                        _ => unreachable!("only days and years were asked for"),
                    };
                    return Some((expr, end, None));
                }
            }
        }
        starts
            .has(Starts::WEEK)
            .then(|| self.week(at))
            .flatten()
            .map(|(expr, end)| (expr, end, None))
    }

    /// The kinds of expression that may start at `at`.
    fn starts(&self, at: usize) -> Starts {
        match self.chars.get(at) {
            Some(&c) if is_numeral(c) => Starts::NUMBER,
            Some(_) => self.words.starts_at(self.chars, at),
            None => Starts::default(),
        }
    }

    /// A calendar date at `at`: lunar marker, year, month and day, or a year and a part of it.
    fn calendar(&self, at: usize) -> Option<(Calendar, usize, Option<Numeral>)> {
        let mut calendar = Calendar::default();
        let mut position = at;
        if let Some((_, end)) = self.word(at, |w| *w == DateWord::Lunar) {
            calendar.lunar = true;
            position = self.spaces(end);
        }
        let year = self.year(position);
        if let Some((year, end)) = year {
            calendar.year = Some(year.0);
            position = end;
            // `2015年农历正月初一`.
            if let Some((_, end)) = self.word(self.spaces(position), |w| *w == DateWord::Lunar) {
                calendar.lunar = true;
                position = end;
            }
            if let Some((part, end)) = self.year_part(position) {
                calendar.part = Some(part);
                return Some((calendar, end, None));
            }
        } else if calendar.year.is_none() && self.chars.get(position) == Some(&'年') {
            // `年底`, `年内` alone: of the publication year.
            if self.boundaries[position] {
                if let Some((part, end)) = self.year_part(position + 1) {
                    calendar.part = Some(part);
                    return Some((calendar, end, None));
                }
            }
        }
        let month_at = if year.is_some() {
            self.spaces(position)
        } else {
            position
        };
        match self.month(month_at, calendar.year) {
            Some(Month::Named(month, lunar, end)) => {
                calendar.month = Some(month);
                calendar.lunar |= lunar;
                position = end;
                match self.day(self.spaces(position), calendar.lunar) {
                    Some(Day::Named(day, lunar, end)) => {
                        calendar.day = Some(day);
                        calendar.lunar |= lunar;
                        position = end;
                    }
                    Some(Day::Bare(number)) => return Some((calendar, position, Some(number))),
                    // A lunar month alone is too often part of a word (`大年`).
                    None if calendar.lunar && calendar.year.is_none() => return None,
                    None => {}
                }
            }
            Some(Month::Bare(number)) => return Some((calendar, position, Some(number))),
            None => {
                if let Some((year, _)) = year {
                    // A year needs no more unless it is written short (`18年`) or in words
                    // (`两千年`), which also count things.
                    if !year.1 {
                        return None;
                    }
                } else if let Some((part, end)) = self.standalone_part(position) {
                    calendar.part = Some(part);
                    return Some((calendar, end, None));
                } else if calendar.lunar {
                    return None;
                } else if let Some(number) =
                    self.numeral(position).filter(|n| self.connector_at(n.end))
                {
                    // The first number of a range, its unit left to the upper end.
                    return Some((calendar, position, Some(number)));
                } else {
                    // A day alone: `29日`.
                    let (day, end) = self.lone_day(position)?;
                    calendar.day = Some(day);
                    return Some((calendar, end, None));
                }
            }
        }
        Some((calendar, position, None))
    }

    /// A year at `at`, with whether it stands alone without a month, and its end.
    fn year(&self, at: usize) -> Option<((YearOf, bool), usize)> {
        if let Some((word, end)) =
            self.word(at, |w| matches!(w, DateWord::Year(_) | DateWord::Era(_)))
        {
            match word {
                DateWord::Year(offset) if self.boundaries[at] => {
                    return Some(((YearOf::Relative(offset), true), end));
                }
                DateWord::Era(first) => {
                    let position = self.spaces(end);
                    let (number, after) = if self.chars.get(position) == Some(&'元') {
                        (1, position + 1)
                    } else {
                        let numeral = self.numeral(position)?;
                        (numeral.value as i32, numeral.end)
                    };
                    let after = self.marker(after, '年')?;
                    return Some(((YearOf::Absolute(first + number - 1), true), after));
                }
                _ => {}
            }
        }
        let numeral = self.numeral(at)?;
        let end = self.marker(numeral.end, '年')?;
        // `九十年代` is a decade, `5年` a count.
        if self.chars.get(end) == Some(&'代') {
            return None;
        }
        let (year, alone) = match (numeral.digit_string, numeral.length) {
            (true, 4) => (numeral.value as i32, true),
            (true, 3) if !self.chars[at].is_ascii() => (numeral.value as i32, true),
            (true, 2) => (two_digit_year(numeral.value), numeral.leading_zero),
            (false, _) if (1000..=2999).contains(&numeral.value) => (numeral.value as i32, false),
            _ => return None,
        };
        Some(((YearOf::Absolute(year), alone), end))
    }

    /// A part of the year right after it (`上半年`, `一季度`, `夏天`, `底`).
    fn year_part(&self, at: usize) -> Option<(Part, usize)> {
        if let Some((word, end)) = self.word(at, |w| {
            matches!(
                w,
                DateWord::Half(_) | DateWord::Season(_) | DateWord::YearPart(..)
            )
        }) {
            let part = match word {
                DateWord::Half(first) => Part {
                    first_month: first,
                    months: 6,
                    granularity: Granularity::Half,
                    deadline: false,
                },
                DateWord::Season(first) => Part {
                    first_month: first,
                    months: 3,
                    granularity: Granularity::Season,
                    deadline: false,
                },
                DateWord::YearPart(first, last) => Part {
                    first_month: first,
                    months: last - first + 1,
                    granularity: if last - first == 11 {
                        Granularity::Year
                    } else {
                        Granularity::Month
                    },
                    deadline: last - first == 11,
                },
                _ => unreachable!("only parts were asked for"),
            };
            return Some((part, end));
        }
        self.quarter(at).or_else(|| self.first_months(at))
    }

    /// `前8个月`: the first months of a year, as statistics count them.
    fn first_months(&self, at: usize) -> Option<(Part, usize)> {
        let (_, position) = self.word(at, |w| *w == DateWord::Through)?;
        let numeral = self
            .numeral(self.spaces(position))
            .filter(|n| (1..=12).contains(&n.value))?;
        match self.word(self.spaces(numeral.end), |w| matches!(w, DateWord::Unit(_)))? {
            (DateWord::Unit(Unit::Month), end) => Some((
                Part {
                    first_month: 1,
                    months: numeral.value,
                    granularity: Granularity::Month,
                    deadline: false,
                },
                end,
            )),
            _ => None,
        }
    }

    /// A half or a quarter without a year before it: of the publication year.
    fn standalone_part(&self, at: usize) -> Option<(Part, usize)> {
        if !self.boundaries[at] {
            return None;
        }
        self.word(at, |w| matches!(w, DateWord::Half(_)))
            .and_then(|_| self.year_part(at))
            .or_else(|| self.quarter(at))
            .or_else(|| self.first_months(at))
    }

    /// `一季度`, `第三季度`, `前三季度`.
    fn quarter(&self, at: usize) -> Option<(Part, usize)> {
        let (first_quarter, position) =
            match self.word(at, |w| matches!(w, DateWord::Ordinal | DateWord::Through)) {
                Some((DateWord::Through, end)) => (true, end),
                Some((_, end)) => (false, end),
                None => (false, at),
            };
        let numeral = self
            .numeral(position)
            .filter(|n| (1..=4).contains(&n.value))?;
        let (_, end) = self.word(self.spaces(numeral.end), |w| *w == DateWord::Quarter)?;
        let quarter = numeral.value;
        Some((
            Part {
                first_month: if first_quarter { 1 } else { 3 * quarter - 2 },
                months: if first_quarter { 3 * quarter } else { 3 },
                granularity: Granularity::Quarter,
                deadline: false,
            },
            end,
        ))
    }

    /// A month at `at`: a number and 月, a lunar month's name, a month relative to
    /// publication, or a number without 月 that a range may complete.
    fn month(&self, at: usize, year: Option<YearOf>) -> Option<Month> {
        if let Some((word, end)) = self.word(at, |w| {
            matches!(w, DateWord::LunarMonth(_) | DateWord::Month(_))
        }) {
            match word {
                DateWord::LunarMonth(month) if self.boundaries[at] || year.is_some() => {
                    return Some(Month::Named(MonthOf::Absolute(month), true, end))
                }
                // `本月`, `下个月`, alone or after a year relative to publication (`去年本月`).
                DateWord::Month(offset)
                    if self.boundaries[at] && !matches!(year, Some(YearOf::Absolute(_))) =>
                {
                    return Some(Month::Named(MonthOf::Relative(offset), false, end))
                }
                _ => {}
            }
        }
        let numeral = self.numeral(at).filter(|n| (1..=12).contains(&n.value))?;
        match self.marker(numeral.end, '月') {
            Some(mut end) => {
                if self.chars.get(end) == Some(&'份') {
                    end += 1;
                }
                Some(Month::Named(MonthOf::Absolute(numeral.value), false, end))
            }
            None if self.connector_at(numeral.end) => Some(Month::Bare(numeral)),
            None => None,
        }
    }

    /// The day after a month: a number and 日 or 号, 初 and a number in the lunar calendar,
    /// or a number in words alone (`八月十五`).
    fn day(&self, at: usize, lunar: bool) -> Option<Day> {
        if let Some((_, end)) = self.word(at, |w| *w == DateWord::LunarDay) {
            let numeral = self.numeral(end).filter(|n| (1..=10).contains(&n.value))?;
            return Some(Day::Named(numeral.value, true, numeral.end));
        }
        let numeral = self.numeral(at).filter(|n| (1..=31).contains(&n.value))?;
        if let Some(end) = self.marker_any(numeral.end, &['日', '号']) {
            return Some(Day::Named(numeral.value, lunar, end));
        }
        if self.connector_at(numeral.end) {
            return Some(Day::Bare(numeral));
        }
        let next = self.chars.get(numeral.end);
        let in_words = !self.chars[at].is_ascii();
        (in_words && next.is_none_or(|c| !MEASURE_WORDS.contains(c) && !is_numeral(*c)))
            .then_some(Day::Named(numeral.value, lunar, numeral.end))
    }

    /// A day without month (`29日`), with its end.
    fn lone_day(&self, at: usize) -> Option<(u32, usize)> {
        let numeral = self.numeral(at).filter(|n| (1..=31).contains(&n.value))?;
        let end = self.marker(numeral.end, '日')?;
        // `5日内`, `3日游` count days.
        let counted = self
            .chars
            .get(end)
            .is_some_and(|c| "内来游均以左余之前后起".contains(*c));
        (!counted && self.boundaries[at]).then_some((numeral.value, end))
    }

    /// A week and a day of it: `上周一`, `下下周`, `这个星期一`, `周末`, `礼拜日`.
    fn week(&self, at: usize) -> Option<(Expr, usize)> {
        if !self.boundaries[at] || at > 0 && self.chars[at - 1] == '每' {
            return None;
        }
        let (shift, position) = match self.word(at, |w| matches!(w, DateWord::Week(_))) {
            Some((DateWord::Week(shift), end)) => (Some(shift), end),
            _ => (None, at),
        };
        let (_, noun_end) = self.word(position, |w| *w == DateWord::WeekNoun)?;
        // Without a shift, `周一` must end a word: not the start of the name 周一鸣.
        let day = match self.word(noun_end, |w| matches!(w, DateWord::Weekday(_))) {
            Some((DateWord::Weekday(day), end)) if shift.is_some() || self.boundaries[end] => {
                Some((day, end))
            }
            _ => None,
        };
        match (shift, day) {
            (_, Some((day, end))) => Some((
                Expr::Week {
                    shift: shift.unwrap_or(0),
                    day: Some(day),
                },
                end,
            )),
            (Some(shift), None) if self.boundaries[noun_end] => {
                Some((Expr::Week { shift, day: None }, noun_end))
            }
            _ => None,
        }
    }

    /// A count of units before or after publication: `未来5年`, `近三年`, `上2个月`, `五年内`,
    /// `三年来`, `5年前`.
    fn count(&self, at: usize) -> Option<(Expr, usize)> {
        let prefix = self.word(at, |w| matches!(w, DateWord::Ahead | DateWord::Back));
        let position = match prefix {
            Some((_, end)) if self.boundaries[at] => self.spaces(end),
            Some(_) => return None,
            None => at,
        };
        let numeral = self
            .numeral(position)
            .filter(|n| (1..=100).contains(&n.value))?;
        let (word, mut end) =
            self.word(self.spaces(numeral.end), |w| matches!(w, DateWord::Unit(_)))?;
        let DateWord::Unit(unit) = word else {
            unreachable!("only units were asked for")
        };
        match prefix {
            Some((direction, _)) => {
                let direction = if direction == DateWord::Ahead { 1 } else { -1 };
                // `近三年来`, `未来五年内`: the word after says no more.
                if let Some((_, after)) =
                    self.word(end, |w| matches!(w, DateWord::Past | DateWord::Within))
                {
                    end = after;
                }
                Some((
                    Expr::Count {
                        direction,
                        amount: numeral.value,
                        unit,
                    },
                    end,
                ))
            }
            None => {
                let (word, after) = self.word(end, |w| {
                    matches!(w, DateWord::Within | DateWord::Past | DateWord::Ago(_))
                })?;
                if !self.boundaries[at] || !self.boundaries.get(after).copied().unwrap_or(true) {
                    return None;
                }
                let expr = match word {
                    DateWord::Ago(direction) => Expr::Ago {
                        direction,
                        amount: numeral.value,
                        unit,
                    },
                    _ => Expr::Count {
                        direction: if word == DateWord::Within { 1 } else { -1 },
                        amount: numeral.value,
                        unit,
                    },
                };
                Some((expr, after))
            }
        }
    }

    /// `九十年代`, `上世纪90年代`, `19世纪70年代`.
    fn decade(&self, at: usize) -> Option<(Expr, usize)> {
        let (century, position) = match self.word(at, |w| matches!(w, DateWord::Century(_))) {
            Some((DateWord::Century(offset), end)) => (Some(YearOf::Relative(offset)), end),
            _ => match self.numeral(at) {
                Some(n) if (1..=30).contains(&n.value) => {
                    match self.word(self.spaces(n.end), |w| *w == DateWord::CenturyNoun) {
                        Some((_, end)) => (Some(YearOf::Absolute((n.value as i32 - 1) * 100)), end),
                        None => (None, at),
                    }
                }
                _ => (None, at),
            },
        };
        let numeral = self
            .numeral(self.spaces(position))
            .filter(|n| n.value % 10 == 0 && n.value < 100)?;
        let (_, end) = self.word(self.spaces(numeral.end), |w| *w == DateWord::Decade)?;
        Some((
            Expr::Decade {
                century,
                decade: numeral.value,
            },
            end,
        ))
    }

    /// The number at `at`: Arabic digits, or Chinese ones digit by digit (`二〇二〇`) or with
    /// 十, 百, 千 (`两千零四`, `二十三`).
    fn numeral(&self, at: usize) -> Option<Numeral> {
        let chars = self.chars;
        let first = *chars.get(at)?;
        if first.is_ascii_digit() {
            let length = chars[at..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if length > 4 || chars.get(at + length) == Some(&'.') {
                return None;
            }
            let value = chars[at..at + length]
                .iter()
                .fold(0, |value, c| value * 10 + c.to_digit(10).unwrap_or(0));
            return Some(Numeral {
                value,
                end: at + length,
                length,
                digit_string: true,
                leading_zero: first == '0',
            });
        }
        let length = chars[at..]
            .iter()
            .take_while(|&&c| chinese_value(c).is_some() || matches!(c, '十' | '百' | '千'))
            .count();
        if length == 0 || length > 8 {
            return None;
        }
        let letters = &chars[at..at + length];
        let positional = letters.iter().any(|c| matches!(c, '十' | '百' | '千'));
        let value = if positional {
            let (mut total, mut digit) = (0, 0);
            for &c in letters {
                match c {
                    '十' | '百' | '千' => {
                        let scale = match c {
                            '十' => 10,
                            '百' => 100,
                            _ => 1000,
                        };
                        total += if digit == 0 { 1 } else { digit } * scale;
                        digit = 0;
                    }
                    // Two digits in a row make no number (`十四五`), but after 零 one may
                    // follow (`两千零四`).
                    _ if digit != 0 => return None,
                    _ => digit = chinese_value(c)?,
                }
            }
            total + digit
        } else {
            // Digit by digit; 两 counts, it never writes a digit of a year.
            if length > 1 && letters.contains(&'两') {
                return None;
            }
            letters
                .iter()
                .try_fold(0, |value, &c| Some(value * 10 + chinese_value(c)?))?
        };
        Some(Numeral {
            value,
            end: at + length,
            length,
            digit_string: !positional,
            leading_zero: chinese_value(first) == Some(0),
        })
    }

    /// The longest date word at `at` that `keep` accepts, with where it ends.
    fn word(&self, at: usize, keep: impl Fn(&DateWord) -> bool) -> Option<(DateWord, usize)> {
        self.words
            .word_at(self.chars, at, keep)
            .map(|(word, length)| (word, at + length))
    }

    /// Where `marker` ends when it follows `at`, spaces allowed before it (`2008 年`).
    fn marker(&self, at: usize, marker: char) -> Option<usize> {
        self.marker_any(at, &[marker])
    }

    fn marker_any(&self, at: usize, markers: &[char]) -> Option<usize> {
        let at = self.spaces(at);
        self.chars
            .get(at)
            .is_some_and(|c| markers.contains(c))
            .then_some(at + 1)
    }

    /// Whether a range connector follows `at`.
    fn connector_at(&self, at: usize) -> bool {
        self.word(self.spaces(at), |w| *w == DateWord::Connector)
            .is_some()
    }

    /// The first position from `at` that is not a space.
    fn spaces(&self, at: usize) -> usize {
        at + self.chars[at.min(self.chars.len())..]
            .iter()
            .take_while(|c| **c == ' ')
            .count()
    }
}

/// A month read, or a number that may be one.
enum Month {
    Named(MonthOf, bool, usize),
    Bare(Numeral),
}

/// A day read (value, lunar, end), or a number that may be one.
enum Day {
    Named(u32, bool, usize),
    Bare(Numeral),
}

/// The upper end of a range completed from the lower: `12月6日至8日` borrows the month and
/// year, `2021年12月至2022年3月` nothing.
pub fn inherit(low: Calendar, high: Calendar) -> Calendar {
    let mut high = high;
    high.lunar |= low.lunar;
    if high.year.is_none() {
        high.year = low.year;
        if high.month.is_none() && high.day.is_some() {
            high.month = low.month;
        }
    }
    high
}

/// The lower end of a range whose last number was written without its unit: the unit the
/// upper end starts with (`2021—2025年`, `1—7月`, `一月19到20日`).
fn with_bare_number(low: Calendar, number: Numeral, high: &Calendar) -> Option<Calendar> {
    let mut low = low;
    if high.year.is_some() {
        if low != Calendar::default() || number.length != 4 || !number.digit_string {
            return None;
        }
        low.year = Some(YearOf::Absolute(number.value as i32));
    } else if high.month.is_some() {
        if low.month.is_some() || !(1..=12).contains(&number.value) {
            return None;
        }
        low.month = Some(MonthOf::Absolute(number.value));
    } else if high.day.is_some() && (1..=31).contains(&number.value) {
        low.day = Some(number.value);
    } else {
        return None;
    }
    Some(low)
}

/// A two-digit year: up to 49 in this century, from 50 in the last.
pub fn two_digit_year(value: u32) -> i32 {
    if value < 50 {
        2000 + value as i32
    } else {
        1900 + value as i32
    }
}

/// The value of a Chinese digit, with `○` that years are also written with (`二○二○年`).
fn chinese_value(c: char) -> Option<u32> {
    match c {
        '○' | 'Ｏ' => Some(0),
        _ => numbers::chinese_digit(c).map(|d| d as u32),
    }
}

/// The characters of the numbers dates are written with.
static NUMERALS: CharSet = CharSet::new(&[
    &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    &[
        '○', 'Ｏ', '〇', '零', '一', '二', '两', '俩', '三', '四', '五', '六', '七', '八', '九',
    ],
    &[
        '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '十', '百', '千',
    ],
]);

pub fn is_numeral(c: char) -> bool {
    NUMERALS.contains(c)
}
