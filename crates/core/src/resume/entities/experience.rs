//! Experience entries: segmentation of an experience section into jobs, and each job's title,
//! company, location, dates and bullets.
//!
//! The section's lines (headings removed) are segmented around *anchors* — non-bullet lines
//! that hold a date range (or a date) — plus the short header lines next to them
//! (`Company  City, ST` above `Title  Jan 2020 – Present`, or below it as in Jake's resume).
//! Layouts with the date first (moderncv: `2019–2021 Title, Company, City.`) and with the date
//! after the bullets (rendercv classic, right column) are recognised. Wrapped bullets are joined;
//! every line of the section ends up in some entry (header field or bullet).
//!
//! The segmentation and the header-field helpers are shared with [`super::education`].

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::dates::{find_date_ranges, find_dates, YearMonth};
use crate::document::{Line, Region};
use crate::lexicon::{
    COMPANY_ABBREVIATIONS, COMPANY_WORDS, DATE_PREPOSITIONS, ORG_SUFFIXES, ORG_WORDS, TITLE_STEMS,
    TITLE_WORDS,
};
use crate::text::normalize::strip_bullet;
use crate::text::places::{is_city, is_city_prefix, is_country, is_region_code};

/// One job (or internship, volunteer position…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExperienceEntry {
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    pub start: Option<YearMonth>,
    pub end: Option<YearMonth>,
    /// The job runs to the present ("– Present", "– heute", open range).
    pub current: bool,
    /// Bullets and description sentences, wrapped lines joined.
    pub bullets: Vec<String>,
}

impl ExperienceEntry {
    /// `(start, end)` for [`super::dates::total_years`] (`None` end = ongoing), if dated.
    pub fn interval(&self) -> Option<(YearMonth, Option<YearMonth>)> {
        let start = self.start?;
        if self.current {
            Some((start, None))
        } else {
            Some((start, Some(self.end.unwrap_or(start))))
        }
    }
}

/// Total years of experience of `entries` (union of their date intervals, see
/// [`super::dates::total_years`]).
pub fn total_experience_years(entries: &[ExperienceEntry], today: YearMonth) -> f64 {
    let iv: Vec<_> = entries
        .iter()
        .filter_map(ExperienceEntry::interval)
        .collect();
    super::dates::total_years(&iv, today)
}

/// Parse the lines of one experience section into entries.
pub fn parse_experience(lines: &[Line]) -> Vec<ExperienceEntry> {
    let raw = segment(lines, EntryKind::Experience);
    let mut out: Vec<ExperienceEntry> = Vec::new();
    for r in raw {
        let mut e = assign_experience(&r);
        if e.company.is_none() && e.title.is_some() && r.title_only_header {
            if let Some(prev) = out.last() {
                e.company.clone_from(&prev.company);
                if e.location.is_none() {
                    e.location.clone_from(&prev.location);
                }
            }
        }
        out.push(e);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Shared segmentation
// ---------------------------------------------------------------------------------------------

/// Which section is being segmented (changes the header cues).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    Experience,
    Education,
}

/// Dates of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct EntryDates {
    pub start: Option<YearMonth>,
    pub end: Option<YearMonth>,
    pub current: bool,
    /// Only single dates were found (no range): e.g. a graduation date.
    pub single: bool,
}

/// A header line of an entry, dates removed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HeaderLine {
    pub text: String,
}

/// An entry before field assignment.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct RawEntry {
    pub header: Vec<HeaderLine>,
    pub dates: Option<EntryDates>,
    pub body: Vec<String>,
    /// The header was a single line with a single segment (only a title next to the dates):
    /// a second job at the same company.
    pub title_only_header: bool,
}

#[derive(Debug, Clone)]
struct Item {
    /// Text, bullet marker removed.
    text: String,
    bullet: bool,
    /// Dates on this line and the text left when they are removed.
    dates: Option<EntryDates>,
    rest: String,
    /// The date is the first thing on the line.
    date_first: bool,
    anchor: bool,
    duration: bool,
}

static DURATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[(\[·•|,\s-]*\d+\+?\s*(?:years?|yrs?|y|months?|mos?|mths?|ans?|años?|jahre?|monate?|mois|meses)\b(?:\s*,?\s*(?:and\s+)?\d+\s*(?:months?|mos?|mths?|m|mois|meses|monate?)\b)?[)\]\s.]*$",
    )
    .expect("duration regex")
});

static DURATION_SUFFIX_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[(\[·•|,\s-]*\(?\s*\d+\+?\s*(?:years?|yrs?|months?|mos?)\b(?:\s*,?\s*\d+\s*(?:months?|mos?)\b)?\s*\)?\s*$",
    )
    .expect("duration suffix regex")
});

/// Words left next to a date that are part of the date, not of the header.
static DATE_WORDS_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|\s)(?:expected|anticipated|graduated|graduating|graduation|grad\.?|completed|obtained|class\s+of|est\.?|dates?|période|periodo|zeitraum|fecha|prévu|prevista|voraussichtlich|since|from|de|del|von|du|and|y|et|und|&)\s*:?\s*$",
    )
    .expect("date words regex")
});

fn is_terminal(s: &str) -> bool {
    s.trim_end().ends_with(['.', '!', '?', ';', ':'])
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// A short line that can be part of an entry header (company, title, location).
fn header_ish(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || starts_lowercase(t) {
        return false;
    }
    let words = word_count(t);
    if words > 12 {
        return false;
    }
    if t.ends_with(['.', ';', ':', '!', '?', ',']) {
        let last = t
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_lowercase();
        let abbrev = COMPANY_ABBREVIATIONS.contains(&last.as_str())
            || (last.len() <= 5 && last.chars().filter(|c| *c == '.').count() >= 2);
        // moderncv: "Job title, Employer, City."
        let comma_list = t.ends_with('.')
            && t.matches(',').count() >= 1
            && t.split(',').all(|p| word_count(p) <= 5);
        if !(abbrev || comma_list) {
            return false;
        }
    }
    true
}

/// Dates of a line and the text left without them.
fn line_dates(text: &str) -> Option<(EntryDates, String, bool, bool)> {
    let ranges = find_date_ranges(text);
    let (dates, spans): (EntryDates, Vec<std::ops::Range<usize>>) = if !ranges.is_empty() {
        let start = ranges.iter().map(|r| r.start).min();
        let current = ranges.iter().any(|r| r.current);
        let end = if current {
            None
        } else {
            ranges.iter().filter_map(|r| r.end).max()
        };
        (
            EntryDates {
                start,
                end,
                current,
                single: false,
            },
            ranges.iter().map(|r| r.span.clone()).collect(),
        )
    } else {
        let singles = find_dates(text);
        if singles.is_empty() {
            return None;
        }
        let min = singles.iter().map(|d| d.0).min();
        let max = singles.iter().map(|d| d.0).max();
        (
            EntryDates {
                start: min,
                end: max,
                current: false,
                single: true,
            },
            singles.iter().map(|d| d.1.clone()).collect(),
        )
    };
    // Text without the date spans.
    let mut rest = String::new();
    let mut pos = 0;
    let mut in_sentence = false;
    for sp in &spans {
        let before = &text[pos..sp.start];
        let prev_word = before
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_lowercase();
        if DATE_PREPOSITIONS.contains(&prev_word.as_str()) && word_count(&text[..sp.start]) > 2 {
            in_sentence = true;
        }
        rest.push_str(before);
        rest.push(' ');
        pos = sp.end;
    }
    rest.push_str(&text[pos..]);
    let first_span_start = spans.first().map_or(0, |s| s.start);
    let date_first = text[..first_span_start]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .is_empty();
    let rest = clean_rest(&rest);
    Some((dates, rest, date_first, in_sentence))
}

static EMPTY_PARENS_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\s*[,;–—-]?\s*\)|\[\s*\]").expect("parens regex"));
static SEP_RUN_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:[|•·]\s*){2,}|\s+[,;]\s*[,;]\s*").expect("sep run regex"));

/// Tidy the text left when dates are removed: empty parentheses, doubled separators, dangling
/// separators and date words ("Expected", "Graduated:") at the ends.
fn clean_rest(s: &str) -> String {
    let s = EMPTY_PARENS_RE.replace_all(s, " ");
    let s = SEP_RUN_RE.replace_all(&s, " | ");
    let mut s = s.into_owned();
    for _ in 0..3 {
        let t = s
            .trim()
            .trim_matches(|c: char| {
                c.is_whitespace()
                    || matches!(c, '|' | ',' | ';' | '–' | '—' | '-' | '·' | '•' | '@')
            })
            .to_string();
        let t = DATE_WORDS_RE.replace(&t, "").into_owned();
        let t = DURATION_SUFFIX_RE.replace(&t, "").into_owned();
        if t == s {
            break;
        }
        s = t;
    }
    // Unbalanced parentheses left by "(Jan 2020 – Present)" inside a line.
    let opens = s.matches('(').count();
    let closes = s.matches(')').count();
    if opens != closes {
        s = s.replace(['(', ')'], " ");
        s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn analyse(line: &Line, kind: EntryKind) -> Option<Item> {
    if matches!(line.region, Region::Header | Region::Footer) {
        return None;
    }
    let raw = line.text.trim();
    if raw.is_empty() {
        return None;
    }
    let (text, bullet) = match strip_bullet(raw) {
        Some(t) => (t.trim().to_string(), true),
        None => (raw.to_string(), line.list_item),
    };
    if text.is_empty() {
        return None;
    }
    let duration = DURATION_RE.is_match(&text);
    let mut item = Item {
        text: text.clone(),
        bullet,
        dates: None,
        rest: text.clone(),
        date_first: false,
        anchor: false,
        duration,
    };
    if duration {
        return Some(item);
    }
    if let Some((d, rest, date_first, in_sentence)) = line_dates(&text) {
        let words = word_count(&rest);
        let max_words = if d.single { 8 } else { 14 };
        let ok_rest = rest.is_empty()
            || (words <= max_words
                && !starts_lowercase(&rest)
                && !(d.single && is_terminal(&rest) && !header_ish(&rest)));
        let bullet_header = rest.is_empty()
            || (!d.single
                && words <= 8
                && header_ish(&rest)
                && title_case_ratio(&rest) >= 0.75
                && header_cue(&rest, kind));
        let anchor = ok_rest && !in_sentence && (!bullet || bullet_header);
        if anchor || !bullet {
            item.dates = Some(d);
            item.rest = rest;
            item.date_first = date_first;
            item.anchor = anchor;
        } else if !d.single && !in_sentence && !rest.is_empty() && !date_first {
            // A bullet ending with right-aligned dates (rendercv classic): the dates may be the
            // entry's; `rest` is the bullet without them.
            let tail_clean = text.trim_end().trim_end_matches([')', ']']);
            let ends_with_date = find_date_ranges(tail_clean)
                .last()
                .is_some_and(|r| r.span.end == tail_clean.len());
            if ends_with_date {
                item.dates = Some(d);
                item.rest = rest;
            }
        }
    }
    Some(item)
}

/// Does a header-ish line look like the start of an entry (a cue word)?
fn header_cue(s: &str, kind: EntryKind) -> bool {
    match kind {
        EntryKind::Experience => {
            title_score(s) > 0 || company_score(s) > 0 || split_location(s).1.is_some()
        }
        EntryKind::Education => {
            super::education::degree_level(s).is_some()
                || super::education::school_score(s) > 0
                || split_location(s).1.is_some()
        }
    }
}

/// Share of words that start with an upper-case letter or a digit.
fn title_case_ratio(s: &str) -> f32 {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() {
        return 0.0;
    }
    let caps = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || matches!(
                    **w,
                    "&" | "of"
                        | "and"
                        | "de"
                        | "la"
                        | "du"
                        | "der"
                        | "für"
                        | "y"
                        | "et"
                        | "at"
                        | "in"
                        | "for"
                        | "the"
                )
        })
        .count();
    caps as f32 / words.len() as f32
}

/// A bullet line that is really an entry header ("• Google  Mountain View, CA" in sb2nov).
fn header_bullet(it: &Item, kind: EntryKind) -> bool {
    it.bullet
        && !it.anchor
        && word_count(&it.text) <= 10
        && header_ish(&it.text)
        && title_case_ratio(&it.text) >= 0.75
        && (header_cue(&it.text, kind)
            || (word_count(&it.text) <= 3
                && !it.text.contains(':')
                && !it.text.chars().any(|c| c.is_ascii_digit())))
}

/// Is the next anchor (after header-ish lines) a bare date that needs the header lines before
/// it?
fn bare_anchor_ahead(items: &[Item], from: usize, kind: EntryKind) -> bool {
    for it in items.iter().skip(from).take(5) {
        if it.duration {
            continue;
        }
        if it.anchor {
            return it.rest.is_empty() || split_segments(&it.rest).iter().all(|s| s.location);
        }
        let hdr = (!it.bullet && header_ish(&it.text)) || header_bullet(it, kind);
        if !hdr {
            return false;
        }
    }
    false
}

fn anchor_ahead(items: &[Item], from: usize, kind: EntryKind) -> bool {
    for it in items.iter().skip(from).take(5) {
        if it.duration {
            continue;
        }
        if it.anchor {
            return true;
        }
        let hdr = (!it.bullet && header_ish(&it.text)) || header_bullet(it, kind);
        if !hdr {
            return false;
        }
    }
    false
}

/// Number of header segments of a line (title, company, location…).
fn segment_count(s: &str) -> usize {
    split_segments(s).len()
}

struct Builder {
    raw: RawEntry,
    /// The last body item may take a continuation line.
    open: bool,
    last_was_bullet: bool,
    /// Length in characters of the last physical body line.
    last_len: usize,
    /// Still reading header lines after the anchor.
    collecting: bool,
}

impl Builder {
    fn new(header: Vec<HeaderLine>, dates: Option<EntryDates>) -> Self {
        Builder {
            raw: RawEntry {
                header,
                dates,
                ..RawEntry::default()
            },
            open: false,
            last_was_bullet: false,
            last_len: 0,
            collecting: true,
        }
    }

    fn push_body(&mut self, text: &str, bullet: bool) {
        self.raw.body.push(text.to_string());
        self.open = !is_terminal(text);
        self.last_was_bullet = bullet;
        self.last_len = text.chars().count();
        self.collecting = false;
    }

    fn continue_body(&mut self, text: &str) {
        if let Some(last) = self.raw.body.last_mut() {
            if last.ends_with('-') && last.chars().rev().nth(1).is_some_and(char::is_alphabetic) {
                last.push_str(text);
            } else {
                last.push(' ');
                last.push_str(text);
            }
            self.open = !is_terminal(text);
            self.last_len = text.chars().count();
        }
    }

    fn header_segments(&self) -> usize {
        self.raw.header.iter().map(|h| segment_count(&h.text)).sum()
    }

    fn has_location(&self) -> bool {
        self.raw
            .header
            .iter()
            .any(|h| split_segments(&h.text).iter().any(|s| s.location))
    }
}

/// Segment a section's lines into raw entries.
pub(crate) fn segment(lines: &[Line], kind: EntryKind) -> Vec<RawEntry> {
    let items: Vec<Item> = lines.iter().filter_map(|l| analyse(l, kind)).collect();
    // Layout: date first (moderncv) when the first anchor starts with its date and has text
    // after it, or is a bare date on the very first line.
    let date_first = items.iter().position(|it| it.anchor).is_some_and(|i| {
        let it = &items[i];
        (it.date_first && !it.rest.is_empty()) || (i == 0 && it.rest.is_empty())
    });
    let mut entries: Vec<Builder> = Vec::new();
    let mut pending: Vec<String> = Vec::new();

    for (i, it) in items.iter().enumerate() {
        if it.duration {
            continue;
        }
        // 1. Continuation of a wrapped bullet or paragraph.
        if pending.is_empty() && !it.bullet && !it.anchor {
            if let Some(cur) = entries.last_mut() {
                let soft_open = cur
                    .raw
                    .body
                    .last()
                    .is_some_and(|b| !b.trim_end().ends_with(['.', '!', '?']));
                if starts_lowercase(&it.text) && soft_open {
                    cur.continue_body(&it.text);
                    continue;
                }
                if cur.open && !cur.raw.body.is_empty() {
                    let lower = starts_lowercase(&it.text)
                        || it.text.starts_with([')', ',', ';', '.', ']', '&']);
                    let prev_long = cur.last_len >= 60;
                    let header_next = header_ish(&it.text)
                        && (header_cue(&it.text, kind)
                            || (word_count(&it.text) >= 2 && title_case_ratio(&it.text) >= 0.99))
                        && anchor_ahead(&items, i, kind);
                    if lower || (prev_long && !header_next) {
                        cur.continue_body(&it.text);
                        continue;
                    }
                }
            }
        }
        // 2. Anchor: a line with dates.
        if it.anchor {
            let dates = it.dates;
            let rest_is_location =
                !it.rest.is_empty() && split_segments(&it.rest).iter().all(|s| s.location);
            let late = !date_first
                && entries.last().is_some_and(|c| {
                    c.raw.dates.is_none() && !c.raw.header.is_empty() && !c.raw.body.is_empty()
                })
                && (it.rest.is_empty() || rest_is_location);
            if late {
                let cur = entries.last_mut().expect("checked");
                cur.raw.dates = dates;
                for p in pending.drain(..) {
                    cur.raw.header.push(HeaderLine { text: p });
                }
                if !it.rest.is_empty() {
                    cur.raw.header.push(HeaderLine {
                        text: it.rest.clone(),
                    });
                }
                cur.collecting = false;
                cur.open = false;
                continue;
            }
            let mut header: Vec<HeaderLine> = Vec::new();
            if date_first {
                if let Some(cur) = entries.last_mut() {
                    for p in pending.drain(..) {
                        cur.push_body(&p, false);
                    }
                }
            } else {
                // The header is the trailing run of header-ish pending lines (at most 3).
                let keep = pending
                    .iter()
                    .rev()
                    .take_while(|p| header_ish(p))
                    .count()
                    .min(3);
                let split = pending.len() - keep;
                let earlier: Vec<String> = pending.drain(..split).collect();
                if let Some(cur) = entries.last_mut() {
                    for p in &earlier {
                        cur.push_body(p, false);
                    }
                } else {
                    header.extend(earlier.into_iter().map(|text| HeaderLine { text }));
                }
                header.extend(pending.drain(..).map(|text| HeaderLine { text }));
            }
            if !date_first || entries.is_empty() {
                header.extend(pending.drain(..).map(|text| HeaderLine { text }));
            }
            let title_only = header.is_empty() && segment_count(&it.rest) == 1;
            if !it.rest.is_empty() {
                header.push(HeaderLine {
                    text: it.rest.clone(),
                });
            }
            let mut b = Builder::new(header, dates);
            b.raw.title_only_header = title_only;
            entries.push(b);
            continue;
        }
        let is_header_line = (!it.bullet && header_ish(&it.text)) || header_bullet(it, kind);
        // 3. Header lines right after the anchor.
        if let Some(cur) = entries.last_mut() {
            if cur.collecting && cur.raw.body.is_empty() && pending.is_empty() && is_header_line {
                let segs = split_segments(&it.text);
                let only_location = !segs.is_empty() && segs.iter().all(|s| s.location);
                let room = cur.header_segments() < 3
                    && cur.raw.header.len() < 4
                    && (date_first || !bare_anchor_ahead(&items, i + 1, kind));
                if (only_location && !cur.has_location())
                    || (room && (!date_first || cur.header_segments() < 2))
                {
                    cur.raw.header.push(HeaderLine {
                        text: it.text.clone(),
                    });
                    cur.raw.title_only_header = false;
                    continue;
                }
            }
            cur.collecting = false;
        }
        // 4. Possible header of the next entry: wait for the next line to decide.
        if is_header_line {
            pending.push(it.text.clone());
            continue;
        }
        // 5. Body line (bullet or sentence).
        if !pending.is_empty() {
            let looks_header =
                pending.len() <= 4 && pending.iter().any(|p| header_cue(p, kind)) && it.bullet;
            let start_new = match entries.last() {
                None => true,
                Some(c) => looks_header && c.raw.dates.is_some() && !date_first,
            };
            if start_new {
                let header = pending.drain(..).map(|text| HeaderLine { text }).collect();
                entries.push(Builder::new(header, None));
            } else if let Some(cur) = entries.last_mut() {
                for p in pending.drain(..) {
                    cur.push_body(&p, false);
                }
            }
        }
        if entries.is_empty() {
            entries.push(Builder::new(Vec::new(), None));
        }
        let cur = entries.last_mut().expect("non-empty");
        // A bullet ending with the entry's right-aligned dates (rendercv classic).
        if cur.raw.dates.is_none() && it.dates.is_some() && !it.anchor && it.bullet {
            cur.raw.dates = it.dates;
            cur.push_body(&it.rest, true);
        } else {
            cur.push_body(&it.text, it.bullet);
        }
    }
    if !pending.is_empty() {
        match entries.last_mut() {
            Some(cur) if cur.raw.dates.is_some() || !cur.raw.body.is_empty() => {
                let all_header = pending.iter().all(|p| header_cue(p, kind));
                if all_header && !date_first && pending.len() <= 3 && !cur.raw.body.is_empty() {
                    let header = pending.drain(..).map(|text| HeaderLine { text }).collect();
                    entries.push(Builder::new(header, None));
                } else {
                    for p in pending.drain(..) {
                        cur.push_body(&p, false);
                    }
                }
            }
            Some(cur) => {
                cur.raw
                    .header
                    .extend(pending.drain(..).map(|text| HeaderLine { text }));
            }
            None => {
                let header = pending.drain(..).map(|text| HeaderLine { text }).collect();
                entries.push(Builder::new(header, None));
            }
        }
    }
    entries.into_iter().map(|b| b.raw).collect()
}

// ---------------------------------------------------------------------------------------------
// Header segments and cues
// ---------------------------------------------------------------------------------------------

/// A piece of a header line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Segment {
    pub text: String,
    pub location: bool,
}

static STRONG_SEP_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\|\s*|\s+[•·]\s+|\s+[–—-]\s+|\s*;\s*|\t|\s+@\s+|\s+at\s+|\s+chez\s+|\s+bei\s+|\s+en\s+la\s+empresa\s+")
        .expect("strong sep regex")
});

/// Split a header line into segments: strong separators ("|", " – ", ";", " at "), then a
/// trailing location ("… Mountain View, CA"), then commas.
pub(crate) fn split_segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for part in STRONG_SEP_RE.split(text) {
        let part = part.trim().trim_matches(|c: char| matches!(c, ',' | '|'));
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (rest, loc) = split_location(part);
        let mut pieces: Vec<String> = Vec::new();
        for p in split_sentences(&rest).iter().flat_map(|s| s.split(", ")) {
            let p = p.trim().trim_end_matches(',').trim();
            if p.is_empty() {
                continue;
            }
            let lower = p.to_lowercase();
            let glue = ORG_SUFFIXES.contains(&lower.as_str())
                || (starts_lowercase(p) && !pieces.is_empty() && title_score(p) == 0);
            match pieces.last_mut() {
                Some(last) if glue => {
                    last.push_str(", ");
                    last.push_str(p);
                }
                _ => pieces.push(p.to_string()),
            }
        }
        for p in pieces {
            let p = strip_final_period(&p);
            if !p.chars().any(char::is_alphanumeric) {
                continue;
            }
            let location = is_location(&p);
            out.push(Segment { text: p, location });
        }
        if let Some(l) = loc {
            out.push(Segment {
                text: l,
                location: true,
            });
        }
    }
    out
}

/// Split "Pied Piper, Palo Alto, CA. CEO/President, 2013" at sentence ends (". " before a
/// capital), but not after abbreviations ("St. Louis", "Dr. Smith", "B.S. Physics").
fn split_sentences(text: &str) -> Vec<String> {
    const ABBREV: &[&str] = &[
        "st", "mt", "dr", "mr", "mrs", "ms", "jr", "sr", "no", "vol", "vs", "prof", "dept",
    ];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in 0..chars.len() {
        let (i, c) = chars[w];
        if c != '.'
            || w + 2 >= chars.len()
            || chars[w + 1].1 != ' '
            || !chars[w + 2].1.is_uppercase()
        {
            continue;
        }
        let word: String = text[start..i]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_string();
        let next: String = text[chars[w + 2].0..]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let org_suffix = [
            "co", "ltd", "inc", "llc", "gmbh", "corp", "sa", "ag", "plc", "limited",
        ];
        if word.chars().count() < 2
            || ABBREV.contains(&word.to_lowercase().as_str())
            || org_suffix.contains(&next.as_str())
        {
            continue;
        }
        out.push(text[start..i].to_string());
        start = chars[w + 2].0;
    }
    out.push(text[start..].to_string());
    out
}

/// Drop a sentence-final dot, keeping abbreviation dots ("Acme Inc.", "B.S.", "S.A.").
fn strip_final_period(p: &str) -> String {
    let p = p.trim();
    if !p.ends_with('.') {
        return p.to_string();
    }
    let last = p
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_lowercase();
    let inner_dot = last.trim_end_matches('.').contains('.');
    let single = last.trim_end_matches('.').chars().count() <= 1;
    if COMPANY_ABBREVIATIONS.contains(&last.as_str()) || inner_dot || single {
        p.to_string()
    } else {
        p.trim_end_matches('.').trim().to_string()
    }
}

/// Are these words a plausible city name (all but the last are city-name prefixes)?
fn city_ok(words: &[&str]) -> bool {
    let joined = words.join(" ").to_lowercase();
    if is_city(&joined.as_str()) {
        return true;
    }
    !words.is_empty()
        && words.len() <= 4
        && words[..words.len() - 1]
            .iter()
            .all(|w| is_city_prefix(&w.to_lowercase().as_str()))
}

/// A region code (with or without a ZIP code), a country, or "Remote" — what may follow the
/// last comma of a location.
fn is_state_or_country(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    if is_region_code(t) {
        return true;
    }
    let t = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '-');
    if is_region_code(t) {
        return true;
    }
    is_country(s) || s.trim().eq_ignore_ascii_case("remote")
}

/// Is the whole segment a location ("Mountain View, CA", "Berlin, Germany", "Remote")?
pub(crate) fn is_location(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    let l = t.to_lowercase();
    if is_city(&l.as_str()) {
        return true;
    }
    if l.starts_with("remote") || l.starts_with("hybrid") {
        return word_count(t) <= 3;
    }
    let Some((city, region)) = t.rsplit_once(',') else {
        return false;
    };
    let city = city.trim();
    // "Austin, TX, USA" or "Madrid, Spain" but not "Initech, Austin, TX".
    if let Some((first, second)) = city.split_once(',') {
        let ok = is_state_or_country(second.split(',').next().unwrap_or(""))
            || is_city(&first.trim().to_lowercase().as_str());
        if !ok {
            return false;
        }
    }
    if city.is_empty() || word_count(city) > 5 || starts_lowercase(city) {
        return false;
    }
    let city_words: Vec<&str> = city.split_whitespace().collect();
    if city_words.iter().enumerate().any(|(i, w)| {
        let lw = w.to_lowercase();
        ORG_WORDS.contains(&lw.as_str())
            && *w != "of"
            && !(i + 1 < city_words.len() && is_city_prefix(&lw.as_str()))
    }) && !is_city(&city.to_lowercase().as_str())
    {
        return false;
    }
    if title_score(city) > 0 {
        return false;
    }
    let first_part = city.split(',').next().unwrap_or("").trim();
    if !city_ok(&first_part.split_whitespace().collect::<Vec<_>>()) {
        return false;
    }
    let region = region.trim();
    is_state_or_country(region)
        || is_city(&city.to_lowercase().as_str())
        || is_city(
            &city
                .split(',')
                .next()
                .unwrap_or("")
                .trim()
                .to_lowercase()
                .as_str(),
        )
}

/// Split a trailing location off a segment: "Google Mountain View, CA" → ("Google",
/// Some("Mountain View, CA")).
pub(crate) fn split_location(s: &str) -> (String, Option<String>) {
    let t = s.trim();
    if is_location(t) {
        return (String::new(), Some(t.to_string()));
    }
    let Some((head, region)) = t.rsplit_once(',') else {
        // "Acme Corp Berlin"
        return (t.to_string(), None);
    };
    if !is_state_or_country(region) || region.trim().eq_ignore_ascii_case("remote") {
        return (t.to_string(), None);
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.len() < 2 {
        return (t.to_string(), None);
    }
    // Walk back over capitalised words that are not organisation words.
    let mut k = words.len();
    let mut taken = 0;
    while k > 1 {
        let w = words[k - 1];
        let lw = w.to_lowercase();
        let caps = w.chars().next().is_some_and(char::is_uppercase);
        if !caps || w.ends_with(',') || w.contains('(') || w.contains(')') {
            break;
        }
        let org = ORG_WORDS.contains(&lw.as_str());
        // "University College Station": a second organisation word is part of the city.
        let org_ok = org
            && taken == 1
            && lw == "college"
            && ORG_WORDS.contains(&words[k - 2].to_lowercase().as_str());
        if org && !org_ok {
            break;
        }
        if taken >= 1 && !is_city_prefix(&lw.as_str()) && !org_ok {
            break;
        }
        if taken >= 4 {
            break;
        }
        taken += 1;
        k -= 1;
    }
    if taken == 0 || k == 0 {
        return (t.to_string(), None);
    }
    let rest = words[..k].join(" ");
    let loc = format!("{},{}", words[k..].join(" "), region);
    (rest.trim_end_matches(',').to_string(), Some(loc))
}

fn words_lower(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '&' | '(' | ')' | '|' | ':'))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// How much `s` looks like a job title.
pub(crate) fn title_score(s: &str) -> usize {
    words_lower(s)
        .iter()
        .filter(|w| {
            TITLE_WORDS.contains(&w.as_str())
                || (w.len() > 9 && TITLE_STEMS.iter().any(|st| w.ends_with(st)))
        })
        .count()
}

/// How much `s` looks like an organisation name.
pub(crate) fn company_score(s: &str) -> usize {
    let mut n = words_lower(s)
        .iter()
        .filter(|w| COMPANY_WORDS.contains(&w.trim_end_matches('.')))
        .count();
    let l = s.to_lowercase();
    if [".com", ".io", ".ai", ".org", ".net", ".co"]
        .iter()
        .any(|d| l.ends_with(d))
    {
        n += 1;
    }
    n
}

// ---------------------------------------------------------------------------------------------
// Field assignment
// ---------------------------------------------------------------------------------------------

fn assign_experience(r: &RawEntry) -> ExperienceEntry {
    let mut e = ExperienceEntry::default();
    if let Some(d) = r.dates {
        e.start = d.start;
        e.end = d.end;
        e.current = d.current;
    }
    // Segments with their line index.
    let mut segs: Vec<(usize, Segment)> = Vec::new();
    for (li, h) in r.header.iter().enumerate() {
        for s in split_segments(&h.text) {
            segs.push((li, s));
        }
    }
    let mut used = vec![false; segs.len()];
    if let Some(i) = segs.iter().position(|(_, s)| s.location) {
        e.location = Some(segs[i].1.text.clone());
        used[i] = true;
    }
    // Title: the most title-like segment (title cues beating company cues).
    let best_title = segs
        .iter()
        .enumerate()
        .filter(|(i, (_, s))| !used[*i] && title_score(&s.text) > 0)
        .max_by_key(|(i, (_, s))| {
            let t = title_score(&s.text) as i32;
            let c = company_score(&s.text) as i32;
            (t - c, -(*i as i32))
        })
        .filter(|(_, (_, s))| title_score(&s.text) >= company_score(&s.text))
        .map(|(i, _)| i);
    if let Some(i) = best_title {
        e.title = Some(segs[i].1.text.clone());
        used[i] = true;
    }
    if let Some(i) = segs
        .iter()
        .enumerate()
        .position(|(i, (_, s))| !used[i] && company_score(&s.text) > 0)
    {
        e.company = Some(segs[i].1.text.clone());
        used[i] = true;
    }
    // Uncued segments: the one on the dated line (last header line when the anchor has text)
    // is the title, others the company; then a trailing short one is the location.
    let anchor_line = r.header.len().saturating_sub(1);
    let free: Vec<usize> = (0..segs.len()).filter(|i| !used[*i]).collect();
    let mut leftovers = Vec::new();
    for &i in &free {
        let text = segs[i].1.text.clone();
        if e.title.is_none() && e.company.is_none() {
            let others_on_anchor = free
                .iter()
                .any(|&j| j != i && segs[j].0 == anchor_line && segs[i].0 != anchor_line);
            if others_on_anchor {
                e.company = Some(text);
            } else {
                e.title = Some(text);
            }
        } else if e.title.is_none() {
            e.title = Some(text);
        } else if e.company.is_none() {
            e.company = Some(text);
        } else if e.location.is_none()
            && word_count(&text) <= 3
            && title_case_ratio(&text) >= 0.99
            && segs.get(i + 1).is_none_or(|n| n.0 != segs[i].0)
        {
            e.location = Some(text);
        } else {
            leftovers.push(text);
        }
    }
    e.bullets = leftovers;
    e.bullets.extend(r.body.iter().cloned());
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::resume::entities::test_support::{lines, ym};

    #[test]
    fn locations() {
        assert!(is_location("Mountain View, CA"));
        assert!(is_location("Seoul, S.Korea"));
        assert!(is_location("Istanbul, Türkiye"));
        assert!(is_location("Remote"));
        assert!(is_location("Berlin"));
        assert!(!is_location("Co-Founder & CTO, Nexus AI"));
        assert!(!is_location("Princeton University, Computer Science"));
        assert_eq!(
            split_location("Texas A&M University College Station, TX"),
            (
                "Texas A&M University".to_string(),
                Some("College Station, TX".to_string())
            )
        );
        assert_eq!(
            split_location("Google Mountain View, CA"),
            ("Google".to_string(), Some("Mountain View, CA".to_string()))
        );
        assert_eq!(
            split_location("Blinn College Bryan, TX"),
            ("Blinn College".to_string(), Some("Bryan, TX".to_string()))
        );
        assert_eq!(
            split_location("Acme Corp San Francisco, CA"),
            (
                "Acme Corp".to_string(),
                Some("San Francisco, CA".to_string())
            )
        );
        assert_eq!(
            split_location("Georgia Institute of Technology Atlanta, GA").1,
            Some("Atlanta, GA".to_string())
        );
    }

    #[test]
    fn segments() {
        let s: Vec<String> = split_segments("Software Engineer | Acme Inc. | Berlin, Germany")
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(s, ["Software Engineer", "Acme Inc.", "Berlin, Germany"]);
        let s: Vec<String> = split_segments("Omnious. Co., Ltd.")
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(s, ["Omnious. Co., Ltd."]);
    }

    #[test]
    fn jakes_resume() {
        let l = lines(&[
            "Undergraduate Research Assistant June 2020 – Present",
            "Texas A&M University College Station, TX",
            "* Developed a REST API using FastAPI and PostgreSQL to store data from learning management systems",
            "* Developed a full-stack web application using Flask, React, PostgreSQL and Docker to analyze GitHub data",
            "* Explored ways to visualize GitHub collaboration in a classroom setting",
            "Information Technology Support Specialist Sep. 2018 – Present",
            "Southwestern University Georgetown, TX",
            "* Communicate with managers to set up campus computers used on campus",
            "Artificial Intelligence Research Assistant May 2019 – July 2019",
            "Southwestern University Georgetown, TX",
            "* Explored methods to generate video game dungeons based off of The Legend of Zelda",
            "* Conducted a human subject study to determine which video game dungeon generation",
            "technique is enjoyable",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert_eq!(
            e[0].title.as_deref(),
            Some("Undergraduate Research Assistant")
        );
        assert_eq!(e[0].company.as_deref(), Some("Texas A&M University"));
        assert_eq!(e[0].location.as_deref(), Some("College Station, TX"));
        assert_eq!(e[0].start, ym(2020, 6));
        assert!(e[0].current && e[0].end.is_none());
        assert_eq!(e[0].bullets.len(), 3);
        assert_eq!(
            e[1].title.as_deref(),
            Some("Information Technology Support Specialist")
        );
        assert_eq!(e[1].company.as_deref(), Some("Southwestern University"));
        assert_eq!(e[1].start, ym(2018, 9));
        assert_eq!(e[2].end, ym(2019, 7));
        assert_eq!(e[2].bullets.len(), 2);
        assert!(e[2].bullets[1].ends_with("generation technique is enjoyable"));
    }

    #[test]
    fn sb2nov() {
        let l = lines(&[
            "• Google Mountain View, CA",
            "Software Engineer Oct 2016 – Present",
            "◦ TensorFlow: TensorFlow is an open source software library for numerical computation using data flow graphs;",
            "primarily used for training deep learning models. Worked on APIs and performance for training models on Tensor",
            "Processing Units (TPU).",
            "◦ Apache Beam: Apache Beam is a unified model for defining both batch and streaming data-parallel processing",
            "pipelines, as well as a set of language-specific SDKs for constructing pipelines and runners.",
            "• Coursera Mountain View, CA",
            "Senior Software Engineer Jan 2014 – Oct 2016",
            "◦ Notifications: Service for sending email, push and in-app notifications.",
            "• Lucena Research Atlanta, GA",
            "Data Scientist Summer 2012 and 2013",
            "◦ Portfolio Management: Created models for portfolio hedging.",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert_eq!(e[0].company.as_deref(), Some("Google"));
        assert_eq!(e[0].title.as_deref(), Some("Software Engineer"));
        assert_eq!(e[0].location.as_deref(), Some("Mountain View, CA"));
        assert_eq!(e[0].bullets.len(), 2);
        assert!(e[0].bullets[0].ends_with("Processing Units (TPU)."));
        assert_eq!(e[1].company.as_deref(), Some("Coursera"));
        assert_eq!(e[1].title.as_deref(), Some("Senior Software Engineer"));
        assert_eq!((e[1].start, e[1].end), (ym(2014, 1), ym(2016, 10)));
        assert_eq!(e[2].company.as_deref(), Some("Lucena Research"));
        assert_eq!(e[2].title.as_deref(), Some("Data Scientist"));
        assert_eq!(e[2].start, ym(2012, 6));
        assert_eq!(e[2].end, Some(YearMonth::new(2013, None)));
    }

    #[test]
    fn rendercv_classic_dates_after_bullets() {
        let l = lines(&[
            "Nexus AI, Co-Founder & CTO",
            "• Built foundation model infrastructure serving 2M+ monthly API requests with 99.97%",
            "uptime",
            "• Raised $18M Series A led by Sequoia Capital, with participation from a16z and Founders",
            "Fund",
            "San Francisco, CA",
            "June 2023 – present",
            "2 years 10 months",
            "NVIDIA Research, Research Intern",
            "• Designed sparse attention mechanism reducing transformer memory footprint by 4.2x",
            "• Co-authored paper accepted at NeurIPS 2022 (spotlight presentation, top 5% of submissions",
            ")",
            "Santa Clara, CA",
            "May 2022 – Aug 2022",
            "4 months",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Co-Founder & CTO"));
        assert_eq!(e[0].company.as_deref(), Some("Nexus AI"));
        assert_eq!(e[0].location.as_deref(), Some("San Francisco, CA"));
        assert_eq!(e[0].start, ym(2023, 6));
        assert!(e[0].current);
        assert_eq!(
            e[0].bullets,
            [
                "Built foundation model infrastructure serving 2M+ monthly API requests with 99.97% uptime",
                "Raised $18M Series A led by Sequoia Capital, with participation from a16z and Founders Fund"
            ]
        );
        assert_eq!(e[1].title.as_deref(), Some("Research Intern"));
        assert_eq!(e[1].company.as_deref(), Some("NVIDIA Research"));
        assert_eq!(e[1].location.as_deref(), Some("Santa Clara, CA"));
        assert_eq!((e[1].start, e[1].end), (ym(2022, 5), ym(2022, 8)));
        assert_eq!(e[1].bullets.len(), 2);
        assert!(e[1].bullets[1].ends_with("submissions )"));
    }

    #[test]
    fn rendercv_sb2nov_and_resume_matcher() {
        let l = lines(&[
            "Co-Founder & CTO",
            "Nexus AI",
            "San Francisco, CA",
            "June 2023 – present",
            "◦ Built foundation model infrastructure serving 2M+ monthly API requests",
            "◦ Developed proprietary inference optimization reducing latency by 73% compared to baseline",
            "Research Intern",
            "NVIDIA Research",
            "Santa Clara, CA",
            "May 2022 – Aug 2022",
            "◦ Designed sparse attention mechanism",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Co-Founder & CTO"));
        assert_eq!(e[0].company.as_deref(), Some("Nexus AI"));
        assert_eq!(e[1].title.as_deref(), Some("Research Intern"));
        assert_eq!(e[1].company.as_deref(), Some("NVIDIA Research"));
        assert_eq!(e[1].location.as_deref(), Some("Santa Clara, CA"));
        assert_eq!(e[0].bullets.len(), 2);

        let l = lines(&[
            "Senior Software Engineer",
            "Jan 2023 - Present",
            "Stripe",
            "San Francisco, CA",
            "• Designed and implemented real-time fraud detection pipeline processing 50K+ transactions per second using",
            "Kafka and Go, reducing fraudulent charges by 18%",
            "Software Engineer",
            "Jun 2021 - Dec 2022",
            "Figma",
            "San Francisco, CA",
            "• Built collaborative editing infrastructure",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Senior Software Engineer"));
        assert_eq!(e[0].company.as_deref(), Some("Stripe"));
        assert_eq!(e[0].bullets.len(), 1);
        assert_eq!(e[1].company.as_deref(), Some("Figma"));
        assert_eq!((e[1].start, e[1].end), (ym(2021, 6), ym(2022, 12)));
    }

    #[test]
    fn awesome_cv() {
        let l = lines(&[
            "Dunamu Inc. Seoul, S.Korea",
            "DevOps Engineer Sep. 2023 Mar. 2024",
            "• Led service mesh technology research and implementation across enterprise cross-cluster environments, evaluating Istio, Cilium, Kuma, Con-",
            "sul, and AWS VPC Lattice for enhanced security and scalability.",
            "Danggeun Market Inc. Seoul, S.Korea",
            "Site Reliability Engineer Feb. 2021 \u{AD} Mar. 2021",
            "Omnious. Co., Ltd. Seoul, S.Korea",
            "Software Architect Jun. 2017 - May. 2018",
            "• Built fully automated CI/CD pipelines on CircleCI.",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert_eq!(e[0].company.as_deref(), Some("Dunamu Inc."));
        assert_eq!(e[0].location.as_deref(), Some("Seoul, S.Korea"));
        assert_eq!(e[0].title.as_deref(), Some("DevOps Engineer"));
        assert_eq!((e[0].start, e[0].end), (ym(2023, 9), ym(2024, 3)));
        assert_eq!(e[0].bullets.len(), 1);
        assert!(e[0].bullets[0].contains("Con-sul, and AWS"));
        assert_eq!(e[1].company.as_deref(), Some("Danggeun Market Inc."));
        assert!(e[1].bullets.is_empty());
        assert_eq!(e[2].company.as_deref(), Some("Omnious. Co., Ltd."));
        assert_eq!(e[2].title.as_deref(), Some("Software Architect"));
        assert_eq!(e[2].start, ym(2017, 6));
    }

    #[test]
    fn moderncv_dates_first() {
        let l = lines(&[
            "2019–2021 Software Engineer, Acme Corp, Berlin.",
            "General description no longer than 1–2 lines.",
            "Detailed achievements:",
            "Achievement 1;",
            "- Sub-achievement (a);",
            "Achievement 3.",
            "Description line 2",
            "2016–2019 Junior Developer, Foo GmbH, Munich.",
            "Description line 1",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Software Engineer"));
        assert_eq!(e[0].company.as_deref(), Some("Acme Corp"));
        assert_eq!(e[0].location.as_deref(), Some("Berlin"));
        assert_eq!(e[0].start, Some(YearMonth::new(2019, None)));
        assert_eq!(e[0].end, Some(YearMonth::new(2021, None)));
        assert_eq!(e[0].bullets.len(), 6, "{:#?}", e[0].bullets);
        assert_eq!(e[0].bullets[5], "Description line 2");
        assert_eq!(e[1].title.as_deref(), Some("Junior Developer"));
        assert_eq!(e[1].company.as_deref(), Some("Foo GmbH"));
        assert_eq!(e[1].bullets, ["Description line 1"]);

        // Date alone on a left-margin line, header on the next line.
        let l = lines(&[
            "June 2023 – present",
            "Co-Founder & CTO, Nexus AI – San Francisco, CA",
            "• Built foundation model infrastructure serving 2M+ monthly API requests with 99.97%",
            "uptime",
            "May 2022 – Aug 2022",
            "Research Intern, NVIDIA Research – Santa Clara, CA",
            "• Designed sparse attention mechanism",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Co-Founder & CTO"));
        assert_eq!(e[0].company.as_deref(), Some("Nexus AI"));
        assert_eq!(e[0].location.as_deref(), Some("San Francisco, CA"));
        assert_eq!(e[0].bullets.len(), 1);
        assert_eq!(e[1].company.as_deref(), Some("NVIDIA Research"));
    }

    #[test]
    fn spanish_entry() {
        let l = lines(&[
            "Desarrollador Backend | Telefónica S.A. | Madrid, España",
            "enero 2019 – actualidad",
            "• Diseño de microservicios en Java y Spring Boot.",
            "• Migración a Kubernetes.",
            "Becario de Ingeniería, Indra, Barcelona",
            "sept. 2017 – dic. 2018",
            "• Desarrollo de herramientas internas.",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Desarrollador Backend"));
        assert_eq!(e[0].company.as_deref(), Some("Telefónica S.A."));
        assert_eq!(e[0].location.as_deref(), Some("Madrid, España"));
        assert_eq!(e[0].start, ym(2019, 1));
        assert!(e[0].current);
        assert_eq!(e[1].title.as_deref(), Some("Becario de Ingeniería"));
        assert_eq!(e[1].company.as_deref(), Some("Indra"));
        assert_eq!(e[1].location.as_deref(), Some("Barcelona"));
        assert_eq!((e[1].start, e[1].end), (ym(2017, 9), ym(2018, 12)));
    }

    #[test]
    fn two_jobs_same_company() {
        let l = lines(&[
            "Google Mountain View, CA",
            "Senior Software Engineer Jan 2020 – Present",
            "• Led the migration of the ads pipeline.",
            "Software Engineer Jun 2017 – Dec 2019",
            "• Built the experiment framework.",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].company.as_deref(), Some("Google"));
        assert_eq!(e[1].company.as_deref(), Some("Google"));
        assert_eq!(e[1].title.as_deref(), Some("Software Engineer"));
        assert_eq!(e[1].location.as_deref(), Some("Mountain View, CA"));
        assert_eq!(
            total_experience_years(&e, YearMonth::new(2020, Some(12))),
            3.6
        );
    }

    #[test]
    fn one_line_headers() {
        let l = lines(&[
            "Software Engineer | Acme Inc. | Berlin, Germany | Jan 2020 – Present",
            "Built things.",
            "Data Analyst at Initech, Austin, TX (2017 – 2019)",
            "Analysed data across the whole company and reported to the board every quarter",
            "and wrote the reports.",
            "Acme Corp (2015–2017)",
            "FACEBOOK | SOFTWARE ENGINEER",
            "Jan 2015 - Present | New York, NY",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 4, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Software Engineer"));
        assert_eq!(e[0].company.as_deref(), Some("Acme Inc."));
        assert_eq!(e[0].location.as_deref(), Some("Berlin, Germany"));
        assert_eq!(e[0].bullets, ["Built things."]);
        assert_eq!(e[1].title.as_deref(), Some("Data Analyst"));
        assert_eq!(e[1].company.as_deref(), Some("Initech"));
        assert_eq!(e[1].location.as_deref(), Some("Austin, TX"));
        assert_eq!(e[1].bullets.len(), 1);
        assert_eq!(e[2].company.as_deref(), Some("Acme Corp"));
        assert_eq!(e[2].start, Some(YearMonth::new(2015, None)));
        assert_eq!(e[3].title.as_deref(), Some("SOFTWARE ENGINEER"));
        assert_eq!(e[3].company.as_deref(), Some("FACEBOOK"));
        assert_eq!(e[3].location.as_deref(), Some("New York, NY"));
    }

    #[test]
    fn dates_in_sentences_do_not_start_entries() {
        let l = lines(&[
            "Software Engineer, Acme Inc. Jan 2018 – Dec 2021",
            "• Led the migration from 2019 to 2020",
            "Promoted to senior engineer in 2020 after leading the payments rewrite.",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].bullets.len(), 2);
    }

    #[test]
    fn never_loses_text() {
        let l = lines(&[
            "Some intro line",
            "Creative Solutions Inc.",
            "Senior Web Developer",
            "January 2019 to Present",
            "San Francisco, CA",
            "https://creativesolutions.inc/",
            "Spearheaded the redesign of the main product website, resulting in a 40% increase.",
            "Mentored a team of four junior developers.",
        ]);
        let e = parse_experience(&l);
        let all: String = serde_json::to_string(&e).unwrap();
        for w in [
            "intro",
            "Creative",
            "Senior Web",
            "San Francisco",
            "https",
            "Spearheaded",
            "Mentored",
        ] {
            assert!(all.contains(w), "{w} missing: {all}");
        }
        assert_eq!(
            e.last().unwrap().title.as_deref(),
            Some("Senior Web Developer")
        );
        assert_eq!(
            e.last().unwrap().company.as_deref(),
            Some("Creative Solutions Inc.")
        );
        assert!(parse_experience(&[]).is_empty());
    }

    #[test]
    fn sentence_style_header() {
        let lines = vec![
            Line::plain(
                "Pied Piper, Palo Alto, CA. CEO/President, December 2013 to December 2014.",
            ),
            Line::plain("Built an algorithm for artists."),
            Line::plain("CoderDojo, volunteer teacher, January 2012 to January 2013."),
            Line::plain("Global movement of free coding clubs."),
        ];
        let e = parse_experience(&lines);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].title.as_deref(), Some("CEO/President"));
        assert_eq!(e[0].company.as_deref(), Some("Pied Piper"));
        assert_eq!(
            e[1].company.as_deref().map(|c| c.contains('.')),
            Some(false)
        );
        assert!(split_sentences("Worked in St. Louis. Then more").len() == 2);
    }
}
