//! Finding dates and date ranges in text: the month and season words (lexicon `months.tsv`,
//! `seasons.tsv`), the "present" words, separators, and the scanner that turns a line into
//! date atoms, single dates ([`find_dates`]) and ranges ([`find_date_ranges`]).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{DateRange, YearMonth, MAX_YEAR, MIN_YEAR};
use crate::lexicon;

/// Month names (lower case, without trailing dot) → month number (data: `months.tsv`).
static MONTHS: LazyLock<Vec<(&'static str, u8)>> = LazyLock::new(|| numbered(&lexicon::MONTHS));
/// Seasons → month (Spring = March, Summer = June, Fall/Autumn = September, Winter = January;
/// data: `seasons.tsv`).
static SEASONS: LazyLock<Vec<(&'static str, u8)>> = LazyLock::new(|| numbered(&lexicon::SEASONS));

fn numbered(p: &lexicon::Pairs) -> Vec<(&'static str, u8)> {
    p.iter()
        .map(|&(w, n)| {
            let n = n
                .parse()
                .unwrap_or_else(|_| panic!("lexicon {}: {n:?} is not a month", p.name()));
            (w, n)
        })
        .collect()
}

/// Words meaning "until now".
const PRESENT: &str = r"present|presently|pres|current|currently|now|today|date|ongoing|aujourd['’]hui|actuel|actuellement|maintenant|en\s+cours|présent|presente|actualidad|actual|actualmente|la\s+fecha|hoy|heute|jetzt|dato|laufend|derzeit|gegenwart|oggi|in\s+corso|atual|atualmente";
/// Strong "until now" words that may follow a date without any separator.
const PRESENT_STRONG: &str =
    r"present|presente|current|actualidad|aujourd['’]hui|heute|ongoing|en\s+cours";
/// Dash-like characters (hyphen, soft hyphen, en/em dash, minus, …).
const DASHES: &str = "\\-\u{00AD}\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2015}\u{2212}~";
/// Word separators of a range.
const SEP_WORDS: &str = r"to|till|til|until|through|thru|bis|à|au|a|al|hasta|jusqu['’]à|->|→";

fn alternation(words: &[(&str, u8)]) -> String {
    let mut w: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
    w.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    w.dedup();
    w.iter()
        .map(|s| regex::escape(s))
        .collect::<Vec<_>>()
        .join("|")
}

static ATOM_RE: LazyLock<Regex> = LazyLock::new(|| {
    let months = alternation(&MONTHS);
    let seasons = alternation(&SEASONS);
    let p = format!(
        concat!(
            r"(?i)",
            // 1. (day) month (day) year
            r"(?P<md>\b(?:(?P<day1>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?)?",
            r"(?P<mon>{months})\b\.?,?\s*(?:(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?",
            r"(?:(?:de|del|of)\s+)?(?P<my>\d{{4}}\b|['’‘]\d{{2}}\b))",
            // 2. season year
            r"|(?P<sd>\b(?P<season>{seasons})\b\s*(?:(?:of|de|del)\s+|['’‘])?\s*(?P<sy>\d{{4}})\b)",
            // 3. full numeric date dd/mm/yyyy, mm/dd/yyyy, dd.mm.yyyy
            r"|(?P<full>\b(?P<f1>\d{{1,2}})(?P<fsep>[./])(?P<f2>\d{{1,2}})[./](?P<fy>\d{{4}})\b)",
            // 4. ISO yyyy-mm(-dd)
            r"|(?P<iso>\b(?P<iy>\d{{4}})[-/.](?P<im>0[1-9]|1[0-2])(?:[-/.](?:[0-2]\d|3[01]))?\b)",
            // 5. mm/yyyy
            r"|(?P<num>\b(?P<nm>0?[1-9]|1[0-2])[/.](?P<ny>\d{{4}})\b)",
            // 6. 'yy (weak: only inside a range)
            r"|(?P<ap>['’‘](?P<ay>\d{{2}})\b)",
            // 7. yyyy
            r"|(?P<y>\b\d{{4}}\b)",
        ),
        months = months,
        seasons = seasons
    );
    Regex::new(&p).expect("date atom regex")
});

static SEP_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:[{DASHES}]+\s*(?:{SEP_WORDS})?|{SEP_WORDS}|/|[{DASHES}]*\s*>)\s*$"
    ))
    .expect("sep regex")
});

static PRESENT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:\s*(?:[{DASHES}]+|{SEP_WORDS})\s*(?:the\s+)?(?P<w>{PRESENT})|\s+(?P<s>{PRESENT_STRONG}))\b"
    ))
    .expect("present regex")
});

static OPEN_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s*[{DASHES}]+\s*(?:$|[)\]|,;·•])")).expect("open regex")
});

static SHORT_END_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s*(?:[{DASHES}]+|/)\s*(\d{{2}})\b")).expect("short end regex")
});

static NUM_DATE_START_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}[/.]\d{4}|\d{4}[-/.]\d{2})\b").expect("numeric date start regex")
});

static SINCE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:since|seit|depuis|desde|dal|dès)\s+(?:(?:el|le|la|dem)\s+)?$")
        .expect("since regex")
});

static MONTH_ONLY_START_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<mon>{})\b\.?\s*(?:[{DASHES}]+|{SEP_WORDS})\s*$",
        alternation(&MONTHS)
    ))
    .expect("month-only regex")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    MonthName,
    Season,
    Numeric,
    ApostropheYear,
    Year,
}

#[derive(Debug, Clone)]
struct Atom {
    ym: YearMonth,
    span: Range<usize>,
    kind: Kind,
}

impl Atom {
    fn weak(&self) -> bool {
        self.kind == Kind::ApostropheYear
    }
}

fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|(_, m)| *m)
}

fn season_of(word: &str) -> Option<u8> {
    let w = word.to_lowercase();
    SEASONS.iter().find(|(n, _)| *n == w).map(|(_, m)| *m)
}

fn valid_year(y: u32) -> Option<u16> {
    let y = u16::try_from(y).ok()?;
    (MIN_YEAR..=MAX_YEAR).contains(&y).then_some(y)
}

/// "2019", "'19", "’19" → a year.
fn parse_year(s: &str) -> Option<u16> {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let n: u32 = digits.parse().ok()?;
    if digits.len() == 2 {
        valid_year(if n < 50 { 2000 + n } else { 1900 + n })
    } else {
        valid_year(n)
    }
}

/// The run of ASCII digits ending at byte `end` (exclusive).
fn digits_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map_or(end, |(i, _)| i);
    &text[start..end]
}

/// The run of ASCII digits starting at byte `start`.
fn digits_after(text: &str, start: usize) -> &str {
    let tail = &text[start..];
    let len = tail
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(tail.len(), |(i, _)| i);
    &tail[..len]
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{00AD}'
            | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
    )
}

/// Is a numeric atom at `span` glued to other numbers (phone, GPA, version, thousands)?
fn numeric_context_ok(text: &str, span: &Range<usize>, kind: Kind) -> bool {
    let before = text[..span.start].chars().next_back();
    if let Some(b) = before {
        if b.is_ascii_digit() || matches!(b, '$' | '€' | '£' | '#' | '+' | '¥') {
            return false;
        }
        if matches!(b, '.' | ',' | ':' | '/') || is_dash(b) {
            let sep_start = span.start - b.len_utf8();
            let run = digits_before(text, sep_start);
            if !run.is_empty() {
                let year_like = run.len() == 4 && run.parse().ok().and_then(valid_year).is_some();
                let ok = (is_dash(b) || b == '/') && year_like;
                if !ok {
                    return false;
                }
            }
        }
    }
    let after = text[span.end..].chars().next();
    if let Some(a) = after {
        if a.is_ascii_digit() || (kind == Kind::Year && matches!(a, '%' | '+' | '€' | '$')) {
            return false;
        }
        if matches!(a, '.' | ',' | ':' | '/') || is_dash(a) {
            let run = digits_after(text, span.end + a.len_utf8());
            if !run.is_empty() {
                let next = span.end + a.len_utf8();
                let year_like = run.len() == 4 && run.parse().ok().and_then(valid_year).is_some();
                let short = run.len() == 2 && kind == Kind::Year && (is_dash(a) || a == '/');
                let date_next = is_dash(a) && NUM_DATE_START_RE.is_match(&text[next..]);
                let ok = (is_dash(a) || a == '/') && (year_like || short || date_next);
                if !ok {
                    return false;
                }
            }
        }
    }
    true
}

fn capture_num(c: &regex::Captures<'_>, name: &str) -> Option<u32> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

/// Every date-shaped token of `text`, in order (apostrophe years included, marked weak).
fn atoms(text: &str) -> Vec<Atom> {
    let mut out = Vec::new();
    for c in ATOM_RE.captures_iter(text) {
        let whole = c.get(0).expect("group 0");
        let mut span = whole.range();
        // "GPA 4.00 Aug 2012": "00" is no day; a day must be 1–31 and stand alone.
        if let (Some(d), Some(mon)) = (c.name("day1"), c.name("mon")) {
            let v: u32 = d.as_str().parse().unwrap_or(0);
            let glued = text[..d.start()]
                .chars()
                .next_back()
                .is_some_and(|b| b.is_ascii_digit() || matches!(b, '.' | ',' | '/' | ':'));
            if v == 0 || v > 31 || glued {
                span.start = mon.start();
            }
        }
        let atom = if c.name("md").is_some() {
            let month = c.name("mon").and_then(|m| month_of(m.as_str()));
            let year = c.name("my").and_then(|m| parse_year(m.as_str()));
            match (month, year) {
                (Some(m), Some(y)) => Some(Atom {
                    ym: YearMonth::new(y, Some(m)),
                    span,
                    kind: Kind::MonthName,
                }),
                _ => None,
            }
        } else if c.name("sd").is_some() {
            let month = c.name("season").and_then(|m| season_of(m.as_str()));
            let year = c.name("sy").and_then(|m| parse_year(m.as_str()));
            match (month, year) {
                (Some(m), Some(y)) => Some(Atom {
                    ym: YearMonth::new(y, Some(m)),
                    span,
                    kind: Kind::Season,
                }),
                _ => None,
            }
        } else if c.name("full").is_some() {
            let (a, b) = (capture_num(&c, "f1"), capture_num(&c, "f2"));
            let dot = c.name("fsep").is_some_and(|m| m.as_str() == ".");
            let year = capture_num(&c, "fy").and_then(valid_year);
            let month = match (a, b) {
                (Some(a), Some(b)) if dot || a > 12 => (1..=12).contains(&b).then_some(b),
                (Some(a), Some(b)) if (1..=12).contains(&a) && (1..=31).contains(&b) => Some(a),
                _ => None,
            };
            match (month, year) {
                (Some(m), Some(y)) if numeric_context_ok(text, &span, Kind::Numeric) => {
                    Some(Atom {
                        ym: YearMonth::new(y, Some(m as u8)),
                        span,
                        kind: Kind::Numeric,
                    })
                }
                _ => None,
            }
        } else if c.name("iso").is_some() || c.name("num").is_some() {
            let (y, m) = if c.name("iso").is_some() {
                (capture_num(&c, "iy"), capture_num(&c, "im"))
            } else {
                (capture_num(&c, "ny"), capture_num(&c, "nm"))
            };
            match (y.and_then(valid_year), m) {
                (Some(y), Some(m))
                    if (1..=12).contains(&m) && numeric_context_ok(text, &span, Kind::Numeric) =>
                {
                    Some(Atom {
                        ym: YearMonth::new(y, Some(m as u8)),
                        span,
                        kind: Kind::Numeric,
                    })
                }
                _ => None,
            }
        } else if c.name("ap").is_some() {
            let before_ok = text[..span.start]
                .chars()
                .next_back()
                .is_none_or(|b| !b.is_alphanumeric());
            let after_ok = text[span.end..]
                .chars()
                .next()
                .is_none_or(|a| !a.is_alphanumeric() && a != '\'' && a != '’');
            match c.name("ay").and_then(|m| parse_year(m.as_str())) {
                Some(y) if before_ok && after_ok => Some(Atom {
                    ym: YearMonth::new(y, None),
                    span,
                    kind: Kind::ApostropheYear,
                }),
                _ => None,
            }
        } else {
            match whole.as_str().parse().ok().and_then(valid_year) {
                Some(y) if numeric_context_ok(text, &span, Kind::Year) => Some(Atom {
                    ym: YearMonth::new(y, None),
                    span,
                    kind: Kind::Year,
                }),
                _ => None,
            }
        };
        if let Some(a) = atom {
            out.push(a);
        }
    }
    out
}

/// All single dates in `text` with their byte spans, in order — including the dates that are
/// the ends of ranges. A year-only date has `month: None`; seasons map to a month.
pub fn find_dates(text: &str) -> Vec<(YearMonth, Range<usize>)> {
    atoms(text)
        .into_iter()
        .filter(|a| !a.weak())
        .map(|a| (a.ym, a.span))
        .collect()
}

/// Is `between` (the text between two dates) a range separator?
fn is_range_sep(between: &str, a: &Atom, b: &Atom) -> bool {
    let t = between.trim();
    if t.is_empty() {
        // "Sep. 2023 Mar. 2024": the dash was a soft hyphen dropped by normalisation.
        return a.ym.month.is_some()
            && b.ym.month.is_some()
            && matches!(a.kind, Kind::MonthName | Kind::Numeric)
            && a.kind == b.kind;
    }
    if t == "/" {
        return a.ym.month.is_none() && b.ym.month.is_none();
    }
    if t.chars().count() > 12 {
        return false;
    }
    SEP_RE.is_match(between)
}

/// All date ranges in `text`, in order. Includes current ranges ("– Present"), open ranges
/// ("2019 –", "since 2019": `end: None, current: true`), month-only starts ("Jun – Aug 2020")
/// and short ends ("2019–21"). A range whose end is before its start is rejected.
pub fn find_date_ranges(text: &str) -> Vec<DateRange> {
    let atoms = atoms(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        let a = &atoms[i];
        // Pair with the next date.
        if let Some(b) = atoms.get(i + 1) {
            if is_range_sep(&text[a.span.end..b.span.start], a, b)
                && a.ym.start_months() <= b.ym.end_months()
            {
                out.push(DateRange {
                    start: a.ym,
                    end: Some(b.ym),
                    current: false,
                    span: a.span.start..b.span.end,
                    start_span: a.span.clone(),
                    end_span: Some(b.span.clone()),
                });
                i += 2;
                continue;
            }
        }
        let tail = &text[a.span.end..];
        // "… – Present".
        if let Some(c) = PRESENT_RE.captures(tail) {
            if !a.weak() {
                let m = c.get(0).expect("group 0");
                let end = a.span.end + m.end();
                let word_start = a.span.end
                    + c.name("w")
                        .or_else(|| c.name("s"))
                        .map_or(m.end(), |w| w.start());
                out.push(DateRange {
                    start: a.ym,
                    end: None,
                    current: true,
                    span: a.span.start..end,
                    start_span: a.span.clone(),
                    end_span: Some(word_start.max(a.span.end)..end),
                });
                i += 1;
                continue;
            }
        }
        // "2019–21".
        if a.kind == Kind::Year {
            if let Some(c) = SHORT_END_RE.captures(tail) {
                let m = c.get(1).expect("group 1");
                let yy: u16 = m.as_str().parse().unwrap_or(0);
                let end_year = a.ym.year / 100 * 100 + yy;
                let next_ok = !tail[m.end()..].starts_with(|c: char| c.is_ascii_digit());
                if next_ok && end_year > a.ym.year && end_year <= MAX_YEAR {
                    let end_span = a.span.end + m.start()..a.span.end + m.end();
                    out.push(DateRange {
                        start: a.ym,
                        end: Some(YearMonth::new(end_year, None)),
                        current: false,
                        span: a.span.start..end_span.end,
                        start_span: a.span.clone(),
                        end_span: Some(end_span),
                    });
                    i += 1;
                    continue;
                }
            }
        }
        if a.weak() {
            i += 1;
            continue;
        }
        // "Jun – Aug 2020".
        if a.kind == Kind::MonthName {
            let prev_end = if i > 0 { atoms[i - 1].span.end } else { 0 };
            let head = &text[prev_end..a.span.start];
            if let Some(c) = MONTH_ONLY_START_RE.captures(head) {
                let mon = c.name("mon").and_then(|m| month_of(m.as_str()));
                let end_month = a.ym.month.unwrap_or(12);
                if let Some(sm) = mon {
                    let year = if sm > end_month {
                        a.ym.year.saturating_sub(1)
                    } else {
                        a.ym.year
                    };
                    let start = prev_end + c.get(0).expect("group 0").start();
                    let start_span = start..prev_end + c.name("mon").expect("mon").end();
                    if year >= MIN_YEAR {
                        out.push(DateRange {
                            start: YearMonth::new(year, Some(sm)),
                            end: Some(a.ym),
                            current: false,
                            span: start..a.span.end,
                            start_span,
                            end_span: Some(a.span.clone()),
                        });
                        i += 1;
                        continue;
                    }
                }
            }
        }
        // "2019 –" (open).
        if OPEN_RE.is_match(tail) {
            let end = a.span.end + tail.len() - tail.trim_start().len();
            let dash_end = end
                + tail
                    .trim_start()
                    .chars()
                    .take_while(|c| is_dash(*c) || *c == '~')
                    .map(char::len_utf8)
                    .sum::<usize>();
            out.push(DateRange {
                start: a.ym,
                end: None,
                current: true,
                span: a.span.start..dash_end,
                start_span: a.span.clone(),
                end_span: None,
            });
            i += 1;
            continue;
        }
        // "since 2019".
        if let Some(m) = SINCE_RE.find(&text[..a.span.start]) {
            out.push(DateRange {
                start: a.ym,
                end: None,
                current: true,
                span: m.start()..a.span.end,
                start_span: a.span.clone(),
                end_span: None,
            });
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{y, ym};
    use super::*;
    use proptest::prelude::*;

    /// The single range of `text`: (start, end, current).
    fn one(text: &str) -> (YearMonth, Option<YearMonth>, bool) {
        let r = find_date_ranges(text);
        assert_eq!(r.len(), 1, "{text:?} → {r:?}");
        (r[0].start, r[0].end, r[0].current)
    }

    #[test]
    fn year_month_basics() {
        assert_eq!(ym(2020, 1).to_string(), "2020-01");
        assert_eq!(y(2020).to_string(), "2020");
        assert_eq!(serde_json::to_string(&ym(2020, 3)).unwrap(), "\"2020-03\"");
        assert_eq!(serde_json::to_string(&y(2020)).unwrap(), "\"2020\"");
        let back: YearMonth = serde_json::from_str("\"2021-11\"").unwrap();
        assert_eq!(back, ym(2021, 11));
        assert_eq!(YearMonth::parse("2021"), Some(y(2021)));
        assert_eq!(YearMonth::parse("2021-13"), None);
        assert_eq!(YearMonth::new(2020, Some(13)).month, None);
        assert_eq!(y(2020).start_months() + 11, y(2020).end_months());
        assert_eq!(ym(2020, 5).months_since_epoch(), 2020 * 12 + 4);
        assert_eq!(
            YearMonth::from_months(ym(2020, 5).months_since_epoch()),
            ym(2020, 5)
        );
        assert!(y(2020) < ym(2020, 1) && ym(2020, 12) < y(2021));
    }

    #[test]
    fn month_name_present() {
        assert_eq!(one("Jan 2020 – Present"), (ym(2020, 1), None, true));
        assert_eq!(one("January 2020 - Current"), (ym(2020, 1), None, true));
        assert_eq!(one("Jan. 2020 to Now"), (ym(2020, 1), None, true));
        assert_eq!(one("2019 – present"), (y(2019), None, true));
        assert_eq!(one("Sep 2018 to date"), (ym(2018, 9), None, true));
        assert_eq!(one("June 2020 – Present"), (ym(2020, 6), None, true));
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(
            one("01/2020 - 03/2022"),
            (ym(2020, 1), Some(ym(2022, 3)), false)
        );
        assert_eq!(
            one("1/2020–3/2022"),
            (ym(2020, 1), Some(ym(2022, 3)), false)
        );
        assert_eq!(
            one("2020-01 – 2022-03"),
            (ym(2020, 1), Some(ym(2022, 3)), false)
        );
        assert_eq!(
            one("05.2019 - 06.2021"),
            (ym(2019, 5), Some(ym(2021, 6)), false)
        );
        assert_eq!(
            one("15/03/2019 – 30/06/2020"),
            (ym(2019, 3), Some(ym(2020, 6)), false)
        );
        assert_eq!(
            one("01.03.2019 – 30.06.2020"),
            (ym(2019, 3), Some(ym(2020, 6)), false)
        );
    }

    #[test]
    fn year_forms() {
        assert_eq!(one("2019–2021"), (y(2019), Some(y(2021)), false));
        assert_eq!(one("2019 - 2021"), (y(2019), Some(y(2021)), false));
        assert_eq!(one("2019-2021"), (y(2019), Some(y(2021)), false));
        assert_eq!(one("’19 – ’21"), (y(2019), Some(y(2021)), false));
        assert_eq!(one("'98 - '02"), (y(1998), Some(y(2002)), false));
        assert_eq!(one("2019–21"), (y(2019), Some(y(2021)), false));
        assert_eq!(one("2018/2019"), (y(2018), Some(y(2019)), false));
        // A year alone on its line is a date, not a range.
        assert!(find_date_ranges("2019").is_empty());
        assert_eq!(find_dates("2019"), vec![(y(2019), 0..4)]);
    }

    #[test]
    fn seasons_and_abbreviations() {
        assert_eq!(find_dates("Summer 2018")[0].0, ym(2018, 6));
        assert_eq!(find_dates("Spring 2018")[0].0, ym(2018, 3));
        assert_eq!(find_dates("Fall 2018")[0].0, ym(2018, 9));
        assert_eq!(find_dates("Autumn 2018")[0].0, ym(2018, 9));
        assert_eq!(find_dates("Winter 2019")[0].0, ym(2019, 1));
        assert_eq!(
            one("Fall 2013 – Spring 2014"),
            (ym(2013, 9), Some(ym(2014, 3)), false)
        );
        assert_eq!(
            one("Sep 2018 – May 2022"),
            (ym(2018, 9), Some(ym(2022, 5)), false)
        );
        assert_eq!(find_dates("Sept. 2018")[0].0, ym(2018, 9));
        assert_eq!(find_dates("Sept 2018")[0].0, ym(2018, 9));
        assert_eq!(
            one("Mar 2021 — Jun 2021"),
            (ym(2021, 3), Some(ym(2021, 6)), false)
        );
        assert_eq!(
            one("Jun 2020 to Aug 2020"),
            (ym(2020, 6), Some(ym(2020, 8)), false)
        );
        assert_eq!(
            one("Aug. 2018 – May 2021"),
            (ym(2018, 8), Some(ym(2021, 5)), false)
        );
        assert_eq!(
            one("May 2019 – July 2019"),
            (ym(2019, 5), Some(ym(2019, 7)), false)
        );
        assert_eq!(
            one("Jun – Aug 2020"),
            (ym(2020, 6), Some(ym(2020, 8)), false)
        );
        assert_eq!(
            one("Nov – Feb 2020"),
            (ym(2019, 11), Some(ym(2020, 2)), false)
        );
        assert_eq!(
            one("Jan '19 – Mar '21"),
            (ym(2019, 1), Some(ym(2021, 3)), false)
        );
        assert_eq!(find_dates("21st January 2015")[0].0, ym(2015, 1));
        assert_eq!(find_dates("March 5, 2020")[0].0, ym(2020, 3));
    }

    #[test]
    fn separators() {
        for s in [
            "Jan 2020 - Mar 2021",
            "Jan 2020 – Mar 2021",
            "Jan 2020 — Mar 2021",
            "Jan 2020 − Mar 2021",
            "Jan 2020 ‐ Mar 2021",
            "Jan 2020 to Mar 2021",
            "Jan 2020 until Mar 2021",
            "Jan 2020 bis Mar 2021",
            "Jan 2020 à Mar 2021",
            "Jan 2020 a Mar 2021",
            "Jan 2020 hasta Mar 2021",
            "Jan 2020 \u{AD} Mar 2021",
            "Jan 2020 -\u{AD}\u{2010} Mar 2021",
            "Jan 2020 Mar 2021",
            "Jan 2020 → Mar 2021",
        ] {
            assert_eq!(one(s), (ym(2020, 1), Some(ym(2021, 3)), false), "{s}");
        }
    }

    #[test]
    fn other_languages() {
        assert_eq!(one("janv. 2020 – aujourd'hui"), (ym(2020, 1), None, true));
        assert_eq!(one("janvier 2020 – aujourd’hui"), (ym(2020, 1), None, true));
        assert_eq!(one("enero 2019 – actualidad"), (ym(2019, 1), None, true));
        assert_eq!(one("Jan. 2019 – heute"), (ym(2019, 1), None, true));
        assert_eq!(
            one("März 2018 – Dez. 2019"),
            (ym(2018, 3), Some(ym(2019, 12)), false)
        );
        assert_eq!(one("marzo 2018 – presente"), (ym(2018, 3), None, true));
        assert_eq!(one("sept. 2017 – actuel"), (ym(2017, 9), None, true));
        assert_eq!(one("févr. 2021 – en cours"), (ym(2021, 2), None, true));
        assert_eq!(
            one("de enero de 2019 a diciembre de 2020"),
            (ym(2019, 1), Some(ym(2020, 12)), false)
        );
        assert_eq!(
            one("Okt. 2015 bis Juli 2017"),
            (ym(2015, 10), Some(ym(2017, 7)), false)
        );
        assert_eq!(
            one("août 2016 à déc. 2018"),
            (ym(2016, 8), Some(ym(2018, 12)), false)
        );
        assert_eq!(
            one("ago 2016 hasta dic 2018"),
            (ym(2016, 8), Some(ym(2018, 12)), false)
        );
        assert_eq!(one("seit 2019"), (y(2019), None, true));
        assert_eq!(one("desde 2019"), (y(2019), None, true));
        assert_eq!(one("depuis mars 2020"), (ym(2020, 3), None, true));
    }

    #[test]
    fn open_ranges() {
        assert_eq!(one("since 2019"), (y(2019), None, true));
        assert_eq!(one("Since May 2019"), (ym(2019, 5), None, true));
        assert_eq!(one("2019 – "), (y(2019), None, true));
        assert_eq!(one("2022 \u{AD}"), (y(2022), None, true));
        assert_eq!(one("AWS (2019 –)"), (y(2019), None, true));
    }

    #[test]
    fn spans_point_into_text() {
        let t = "Software Engineer  Jan 2020 – Present";
        let r = &find_date_ranges(t)[0];
        assert_eq!(&t[r.span.clone()], "Jan 2020 – Present");
        assert_eq!(&t[r.start_span.clone()], "Jan 2020");
        assert_eq!(&t[r.end_span.clone().unwrap()], "Present");
        let t = "Acme Corp, Berlin  2019–2021";
        let r = &find_date_ranges(t)[0];
        assert_eq!(&t[r.span.clone()], "2019–2021");
        let t = "Acme Corp (since 2019)";
        assert_eq!(&t[find_date_ranges(t)[0].span.clone()], "since 2019");
        let t = "2019 – Software Engineer";
        assert!(find_date_ranges(t).is_empty());
        let json = serde_json::to_value(&find_date_ranges("Jan 2020 – Mar 2021")[0]).unwrap();
        assert_eq!(json["start"], "2020-01");
        assert_eq!(json["end"], "2021-03");
        assert_eq!(json["current"], false);
        assert!(json.get("start_span").is_none());
    }

    #[test]
    fn several_ranges_in_one_line() {
        let r = find_date_ranges("2015–2017, 2018 – 2019 and Jan 2020 - Present");
        assert_eq!(r.len(), 3);
        assert_eq!(r[2].start, ym(2020, 1));
        assert!(r[2].current);
    }

    #[test]
    fn negatives() {
        for s in [
            "123-456-7890",
            "+1-123-456-7890",
            "(555) 123-4567",
            "Phone: 555-1999",
            "607.379.5733",
            "+82 10-9030-1843",
            "GPA: 3.8/4.0",
            "GPA 3.97/4.00",
            "9.15/10.0",
            "10/10",
            "v2.2020.1",
            "version 1.2.2019",
            "10.1234/neurips.2023.1234",
            "US Patent 11,234,567",
            "2,000 users",
            "$2000 budget",
            "2000+ downloads",
            "1800s",
            "in 1949",
            "in 2101",
            "13/2020",
            "2020-13",
            "2021 – 2019",
            "Mar 2021 – Jan 2020",
            "May the force be with you",
            "hello world",
        ] {
            assert!(
                find_date_ranges(s).is_empty(),
                "{s} → {:?}",
                find_date_ranges(s)
            );
        }
        for s in [
            "123-456-7890",
            "GPA: 3.8/4.0",
            "10/10",
            "v2.2020.1",
            "607.379.5733",
            "US Patent 11,234,567",
            "$2000 budget",
            "2000+ downloads",
            "in 1949",
            "13/2020",
            "'19",
        ] {
            assert!(find_dates(s).is_empty(), "{s} → {:?}", find_dates(s));
        }
        // The single dates of an inverted range are still dates.
        assert_eq!(find_dates("2021 – 2019").len(), 2);
        assert_eq!(find_dates("NeurIPS 2023")[0].0, y(2023));
        assert_eq!(find_dates("Class of 2022")[0].0, y(2022));
    }

    fn arb_ym() -> impl Strategy<Value = YearMonth> {
        (1990u16..2030, proptest::option::of(1u8..=12)).prop_map(|(y, m)| YearMonth::new(y, m))
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let rs = find_date_ranges(&s);
            for r in &rs {
                prop_assert!(s.get(r.span.clone()).is_some());
                if let Some(e) = r.end {
                    prop_assert!(r.start.start_months() <= e.end_months());
                }
            }
            for (_, sp) in find_dates(&s) {
                prop_assert!(s.get(sp).is_some());
            }
        }

        #[test]
        fn never_panics_on_date_soup(s in "[0-9 ./'’–—\\-a-zA-ZéäüàJjanMayDecPresent]{0,60}") {
            let _ = find_date_ranges(&s);
            let _ = find_dates(&s);
        }

        #[test]
        fn formatted_ranges_round_trip(a in arb_ym(), len in 0i32..200) {
            let b = YearMonth::from_months(a.start_months() + len);
            let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
            let fmt = |x: YearMonth| match x.month {
                Some(m) => format!("{} {}", names[usize::from(m - 1)], x.year),
                None => x.year.to_string(),
            };
            let text = format!("Engineer  {} – {}", fmt(a), fmt(b));
            let r = find_date_ranges(&text);
            prop_assert_eq!(r.len(), 1);
            prop_assert_eq!(r[0].start, a);
            prop_assert_eq!(r[0].end, Some(b));
        }

    }
}
