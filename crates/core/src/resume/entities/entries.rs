//! Entry segmentation shared by experience and education: a section's lines (headings removed)
//! are cut into entries around *anchors* — non-bullet lines that hold a date range (or a date) —
//! plus the short header lines next to them (`Company  City, ST` above `Title  Jan 2020 – Present`,
//! or below it as in Jake's resume). Layouts with the date first (moderncv: `2019–2021 Title,
//! Company, City.`) and with the date after the bullets (rendercv classic, right column) are
//! recognised. Wrapped bullets are joined; every line of the section ends up in some entry (header
//! field or bullet). Header lines are then split into segments (title, company, location).

use std::sync::LazyLock;

use regex::Regex;

use super::dates::{find_date_ranges, find_dates, YearMonth};
use super::degrees::{degree_level, school_score};
use super::location::{is_location, split_location};
use super::roles::{company_score, title_score};
use crate::document::{Line, Region};
use crate::lexicon::{COMPANY_ABBREVIATIONS, DATE_PREPOSITIONS, ORG_SUFFIXES};
use crate::text::normalize::strip_bullet;
use crate::text::sentences::{sentences, HEADER};
use crate::text::words::{starts_lowercase, word_count};

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
    /// The whole line that held the dates, as written ("… — expected May 2027").
    pub anchor_line: Option<String>,
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
    // A one-line education entry with no date, too long for a header line ("Bachelor of
    // Science in Finance — State University Online — currently enrolled, 45 of 120 credits"):
    // an anchor of its own (a shorter one is a header line of a dated entry).
    if kind == EntryKind::Education
        && !bullet
        && word_count(&text) > 12
        && find_dates(&text).is_empty()
        && find_date_ranges(&text).is_empty()
        && degree_level(&text).is_some()
        && segmented_header(&text, kind)
    {
        item.anchor = true;
        return Some(item);
    }
    if let Some((d, rest, date_first, in_sentence)) = line_dates(&text) {
        let words = word_count(&rest);
        // A one-line entry ("Bachelor of Science in Nursing (BSN) — State University, Moline,
        // IL — 2020") is longer than a header line, but cut into short fields with a cue.
        let fielded = !bullet && segmented_header(&rest, kind);
        let max_words = match (d.single, fielded) {
            (_, true) => 20,
            (true, false) => 8,
            (false, false) => 14,
        };
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

/// A line cut by strong separators (" — ", " | ") into at least two short fields, not a
/// sentence, with a header cue: one line that holds a whole entry header.
fn segmented_header(rest: &str, kind: EntryKind) -> bool {
    if is_terminal(rest) || starts_lowercase(rest) {
        return false;
    }
    let parts: Vec<&str> = STRONG_SEP_RE
        .split(rest)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 2
        && parts.iter().all(|p| word_count(p) <= 12)
        && parts.iter().any(|p| header_cue(p, kind))
}

/// Does a header-ish line look like the start of an entry (a cue word)?
fn header_cue(s: &str, kind: EntryKind) -> bool {
    match kind {
        EntryKind::Experience => {
            title_score(s) > 0 || company_score(s) > 0 || split_location(s).1.is_some()
        }
        EntryKind::Education => {
            degree_level(s).is_some() || school_score(s) > 0 || split_location(s).1.is_some()
        }
    }
}

/// Share of words that start with an upper-case letter or a digit.
pub(crate) fn title_case_ratio(s: &str) -> f32 {
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
                cur.raw.anchor_line = Some(it.text.clone());
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
            b.raw.anchor_line = Some(it.text.clone());
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

/// Split "Pied Piper, Palo Alto, CA. CEO/President, 2013" into its sentence-like fields by the
/// [`HEADER`] rules (not after "St.", "Dr.", "B.S.", not before "Co."), each without the period
/// that ended it.
pub(crate) fn split_sentences(text: &str) -> Vec<&str> {
    let ranges = sentences(text, &HEADER);
    let last = ranges.len().saturating_sub(1);
    ranges
        .into_iter()
        .enumerate()
        .map(|(k, r)| {
            let s = &text[r];
            if k < last {
                s.strip_suffix('.').unwrap_or(s)
            } else {
                s
            }
        })
        .collect()
}

/// Drop a sentence-final dot, keeping abbreviation dots ("Acme Inc.", "B.S.", "S.A.").
pub(crate) fn strip_final_period(p: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
