//! Section detection: which lines are section headings, and which canonical [`SectionKind`]
//! each section is.
//!
//! Two signals are combined:
//!
//! * a **multilingual heading lexicon** (English, French, Spanish, German, plus the Chinese
//!   headings met in real files), looked up by [`classify_heading`] after case/diacritic
//!   folding, removal of numbering/icons/decorations and trailing colons, collapsing of
//!   letter-spaced headings (`E X P E R I E N C E`), and splitting of compound headings on
//!   `&`/`and`/`y`/`et`/`und`/`/`;
//! * **typography** (explicit heading levels, font size relative to the body size, bold /
//!   ALL CAPS with white space before) — used to confirm lexicon headings when the document
//!   has a consistent heading style, and to accept headings the lexicon does not know
//!   (kind [`SectionKind::Other`]) when they share that style.
//!
//! Representation choices (documented contract):
//!
//! * Text before the first heading is the *header block*: a `Section { kind: Contact,
//!   heading: None, .. }`, emitted only when it holds a non-empty line. A document without any
//!   heading is one such header-block section.
//! * A heading line that carries content after a colon (`Skills: Python, Go`) is an *inline
//!   heading*: the section's `heading` is `"Skills"`, `heading_line == Some(lines.start)` and
//!   the line stays in the section's range; [`inline_content`] gives the part after the colon.
//!   Ordinary headings are excluded from the range (`lines.start == heading_line + 1`).
//! * A heading of the same kind as the section it appears in (a sub-heading such as
//!   "Technical Skills:" under "SKILLS & AWARDS", or "Courses" under "Education") does not
//!   start a new section; it stays a content line of the current one (kind `Other` excepted).
//! * Lines in `Region::Header` / `Region::Footer` / `Region::Footnote` are never headings;
//!   they stay inside whatever range they fall in, and contact extraction reads them as part
//!   of the contact block.
//! * Activities-type headings ("Extracurricular Activities", "Campus Involvement",
//!   "Leadership & Activities", "Community") map to [`SectionKind::Volunteer`]; truly generic
//!   ones ("Additional Information", "Miscellaneous", "Other") to [`SectionKind::Other`].
//!   "Profiles"/"Links"/"Social" (lists of profile links) map to [`SectionKind::Contact`].
//!   An unaccented "Resume"/"Curriculum Vitae" is a document title, not a heading; the
//!   accented French "Résumé" is a summary heading.

pub mod headings;
pub mod kind;

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use headings::heading_tokens;
pub use headings::{classify_heading, clean_heading, inline_content, inline_heading};
pub use kind::SectionKind;

use crate::document::{Line, Region};
use crate::text::normalize::strip_bullet;

/// One section of the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    /// The heading as written (trimmed of decorations and a trailing colon); `None` for the
    /// header block.
    pub heading: Option<String>,
    /// Index range into the lines slice; the heading line is excluded, except for inline
    /// headings (`heading_line == Some(lines.start)`).
    #[serde(skip)]
    pub lines: Range<usize>,
    /// Index of the heading line, if any.
    #[serde(skip)]
    pub heading_line: Option<usize>,
}

impl Section {
    /// True when the heading shares its line with content (`Skills: Python, Go`).
    pub fn is_inline(&self) -> bool {
        self.heading_line.is_some() && self.heading_line == Some(self.lines.start)
    }
}

/// Maximum number of words of a heading.
const MAX_HEADING_WORDS: usize = 6;

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Cand {
    idx: usize,
    kind: SectionKind,
    heading: String,
    inline: bool,
    lexicon: bool,
}

fn word_count(s: &str) -> usize {
    let toks = heading_tokens(s);
    toks.iter().filter(|t| t.as_str() != "&").count()
}

fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            letters += 1;
        }
    }
    letters >= 2
}

fn first_letter_lowercase(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_lowercase())
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(['.', '!', '?', ';', ',', '。', '！', '？', '，', '；'])
}

fn is_label_value(s: &str) -> bool {
    let Some(p) = s.find([':', '：']) else {
        return false;
    };
    let label = s[..p].trim();
    let sep_len = s[p..].chars().next().map_or(1, char::len_utf8);
    let value = s[p + sep_len..].trim();
    !label.is_empty()
        && !value.is_empty()
        && label.split_whitespace().count() <= 4
        && !label.contains("http")
}

fn is_heading_region(l: &Line) -> bool {
    !matches!(l.region, Region::Header | Region::Footer | Region::Footnote)
}

fn prev_nonempty(lines: &[Line], i: usize) -> Option<&Line> {
    lines[..i].iter().rev().find(|l| !l.text.trim().is_empty())
}

fn next_nonempty(lines: &[Line], i: usize) -> Option<&Line> {
    lines
        .get(i + 1..)?
        .iter()
        .find(|l| !l.text.trim().is_empty())
}

/// Is the line part of a running sentence (previous line unfinished and next starting in
/// lower case)?
fn inside_sentence(lines: &[Line], i: usize) -> bool {
    let prev_open = prev_nonempty(lines, i).is_some_and(|p| {
        let t = p.text.trim_end();
        !ends_sentence(t)
            && !t.ends_with(':')
            && t.split_whitespace().count() > MAX_HEADING_WORDS
            && t.chars()
                .last()
                .is_some_and(|c| c.is_alphabetic() || c == '-')
    });
    let next_low = next_nonempty(lines, i).is_some_and(|n| first_letter_lowercase(&n.text));
    prev_open && next_low
}

fn lexicon_candidate(lines: &[Line], i: usize) -> Option<Cand> {
    let l = &lines[i];
    if !is_heading_region(l) {
        return None;
    }
    let text = l.text.trim();
    if text.is_empty() || text.chars().count() > 80 {
        return None;
    }
    // "——— 个人信息 ———" / "— Skills —": symmetric decoration, not a bullet.
    let first = text.chars().next().unwrap_or(' ');
    let decorated = !first.is_alphanumeric() && text.ends_with(first);
    let bulleted = l.list_item || (!decorated && strip_bullet(text).is_some_and(|r| r != text));
    let styled = l.heading_level.is_some() || l.bold || is_all_caps(text);
    if bulleted && !styled {
        return None;
    }
    let body_text = if bulleted {
        strip_bullet(text).unwrap_or(text)
    } else {
        text
    };
    // Inline heading "Skills: Python, Go".
    if is_label_value(body_text) {
        if bulleted {
            return None;
        }
        let (kind, label, _) = inline_heading(body_text)?;
        // A run of "Label: value" lines is a key/value list inside a section, not headings.
        let neighbour_kv = prev_nonempty(lines, i).is_some_and(|p| is_label_value(&p.text))
            || next_nonempty(lines, i).is_some_and(|n| is_label_value(&n.text));
        if neighbour_kv || kind == SectionKind::Other {
            return None;
        }
        return Some(Cand {
            idx: i,
            kind,
            heading: label.to_string(),
            inline: true,
            lexicon: true,
        });
    }
    let kind = classify_heading(body_text)?;
    let heading = clean_heading(body_text);
    if word_count(heading) > MAX_HEADING_WORDS {
        return None;
    }
    if ends_sentence(body_text) || first_letter_lowercase(heading) {
        return None;
    }
    if body_text.trim_end().ends_with([':', '：']) && kind == SectionKind::Other {
        return None;
    }
    if inside_sentence(lines, i) {
        return None;
    }
    Some(Cand {
        idx: i,
        kind,
        heading: heading.to_string(),
        inline: false,
        lexicon: true,
    })
}

/// Median font size weighted by characters, over body-like lines with a known size.
pub fn body_font_size(lines: &[Line]) -> f32 {
    let mut v: Vec<(f32, usize)> = lines
        .iter()
        .filter(|l| l.font_size > 0.0 && l.font_size.is_finite() && is_heading_region(l))
        .map(|l| (l.font_size, l.text.chars().count().max(1)))
        .collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = v.iter().map(|x| x.1).sum();
    let mut acc = 0;
    for (s, n) in &v {
        acc += n;
        if acc * 2 >= total {
            return *s;
        }
    }
    v[v.len() - 1].0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Style {
    size: i32,
    bold: bool,
    caps: bool,
    level: Option<u8>,
}

fn style_of(l: &Line) -> Style {
    Style {
        size: if l.font_size.is_finite() {
            (l.font_size * 2.0).round() as i32
        } else {
            0
        },
        bold: l.bold,
        caps: is_all_caps(&l.text),
        level: l.heading_level,
    }
}

fn heading_styled(l: &Line, body: f32) -> bool {
    l.heading_level.is_some()
        || l.bold
        || is_all_caps(&l.text)
        || (body > 0.0 && l.font_size >= body * 1.1)
}

/// A plausible heading text for the typography path (unknown to the lexicon).
fn typographic_text_ok(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().count() <= 60
        && word_count(t) <= MAX_HEADING_WORDS
        && !ends_sentence(t)
        && !first_letter_lowercase(t)
        && !t.contains('@')
        && !t.contains("://")
        && !t.contains("www.")
        && !t.chars().any(|c| c.is_ascii_digit())
        && t.chars().any(|c| c.is_alphabetic())
        && !is_label_value(t)
}

/// Detect the sections of a document. See the module documentation for the contract.
pub fn detect_sections(lines: &[Line]) -> Vec<Section> {
    let body = body_font_size(lines);
    let mut cands: Vec<Cand> = (0..lines.len())
        .filter_map(|i| lexicon_candidate(lines, i))
        .collect();

    // Style consensus: when most lexicon headings share a heading-like style, lexicon matches
    // in plain body style are words in text, not headings.
    let styled: Vec<&Cand> = cands
        .iter()
        .filter(|c| !c.inline && heading_styled(&lines[c.idx], body))
        .collect();
    let consensus =
        styled.len() >= 2 && styled.len() * 2 > cands.iter().filter(|c| !c.inline).count();
    if consensus {
        cands.retain(|c| !c.inline && heading_styled(&lines[c.idx], body));
    }
    let mut heading_styles: Vec<Style> = Vec::new();
    let mut gaps: Vec<f32> = Vec::new();
    for c in cands.iter().filter(|c| !c.inline) {
        let l = &lines[c.idx];
        if heading_styled(l, body) {
            let s = style_of(l);
            if !heading_styles.contains(&s) {
                heading_styles.push(s);
            }
            gaps.push(l.gap_before);
        }
    }
    let min_gap = if gaps.is_empty() {
        0.0
    } else {
        gaps.sort_by(f32::total_cmp);
        gaps[gaps.len() / 2] * 0.6
    };
    let first_lexicon = cands.first().map(|c| c.idx);

    // Typography-only headings (kind Other).
    let lexicon_idx: Vec<usize> = cands.iter().map(|c| c.idx).collect();
    let mut extra = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if lexicon_idx.contains(&i) || !is_heading_region(l) || l.list_item {
            continue;
        }
        let text = l.text.trim();
        if !typographic_text_ok(text) || classify_heading(text).is_some() {
            continue;
        }
        // The header block: the first line / the candidate's name is never a heading.
        let before_first = first_lexicon.is_none_or(|f| i < f);
        if before_first
            && (lines[..i].iter().all(|p| p.text.trim().is_empty())
                || crate::resume::entities::contact::looks_like_name(text))
        {
            continue;
        }
        // The lexicon section this line falls in, and its heading level.
        let enclosing_level = cands
            .iter()
            .rev()
            .find(|c| c.idx < i)
            .and_then(|c| lines[c.idx].heading_level);
        let accepted = if let Some(level) = l.heading_level {
            // Explicit structure: accept, unless it is the title-level heading at the top or a
            // sub-heading (deeper level) inside a recognised section ("### Job — Company"
            // under "## Experience").
            !(before_first && level <= 1 && i < 3) && enclosing_level.is_none_or(|p| level <= p)
        } else if !heading_styles.is_empty() {
            let s = style_of(l);
            let distinctive = body > 0.0 && l.font_size >= body * 1.15;
            heading_styles.contains(&s)
                && (distinctive || (min_gap > 0.0 && l.gap_before >= min_gap))
        } else {
            false
        };
        if accepted {
            extra.push(Cand {
                idx: i,
                kind: SectionKind::Other,
                heading: clean_heading(text).to_string(),
                inline: false,
                lexicon: false,
            });
        }
    }
    // No lexicon headings at all: repeated big-font lines (not the biggest, the name).
    if cands.is_empty() && extra.is_empty() && body > 0.0 {
        let big: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                let l = &lines[i];
                is_heading_region(l)
                    && !l.list_item
                    && l.font_size >= body * 1.15
                    && typographic_text_ok(&l.text)
            })
            .collect();
        let mut counts: HashMap<Style, usize> = HashMap::new();
        for &i in &big {
            *counts.entry(style_of(&lines[i])).or_default() += 1;
        }
        let max_size = big
            .iter()
            .map(|&i| lines[i].font_size)
            .fold(0.0f32, f32::max);
        for &i in &big {
            let l = &lines[i];
            let n = counts.get(&style_of(l)).copied().unwrap_or(0);
            if n >= 2
                && (l.font_size < max_size || counts.len() == 1)
                && !crate::resume::entities::contact::looks_like_name(&l.text)
            {
                extra.push(Cand {
                    idx: i,
                    kind: SectionKind::Other,
                    heading: clean_heading(&l.text).to_string(),
                    inline: false,
                    lexicon: false,
                });
            }
        }
    }
    cands.extend(extra);
    cands.sort_by_key(|c| c.idx);
    build_sections(lines, &cands)
}

fn build_sections(lines: &[Line], cands: &[Cand]) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let first = cands.first().map_or(lines.len(), |c| c.idx);
    if lines[..first].iter().any(|l| !l.text.trim().is_empty()) {
        out.push(Section {
            kind: SectionKind::Contact,
            heading: None,
            lines: 0..first,
            heading_line: None,
        });
    }
    for c in cands {
        if let Some(last) = out.last() {
            if last.heading.is_some() && last.kind == c.kind && c.kind != SectionKind::Other {
                continue; // sub-heading of the same kind: stays a content line
            }
        }
        if let Some(last) = out.last_mut() {
            last.lines.end = c.idx;
        }
        let _ = c.lexicon;
        let start = if c.inline { c.idx } else { c.idx + 1 };
        out.push(Section {
            kind: c.kind,
            heading: Some(c.heading.clone()),
            lines: start..lines.len(),
            heading_line: Some(c.idx),
        });
    }
    if let Some(last) = out.last_mut() {
        last.lines.end = lines.len();
        if last.lines.start > last.lines.end {
            last.lines.start = last.lines.end;
        }
    }
    out
}

/// The header block range (text before the first heading), empty when the document starts
/// with a heading.
pub fn header_block(sections: &[Section]) -> Range<usize> {
    sections
        .iter()
        .find(|s| s.kind == SectionKind::Contact && s.heading.is_none())
        .map_or(0..0, |s| s.lines.clone())
}

#[cfg(test)]
mod tests {
    use super::SectionKind::*;
    use super::*;

    fn k(s: &str) -> Option<SectionKind> {
        classify_heading(s)
    }

    fn pl(v: &[&str]) -> Vec<Line> {
        v.iter().map(|s| Line::plain(*s)).collect()
    }

    #[test]
    fn false_positives_in_text() {
        let lines = pl(&[
            "Jane Doe",
            "Experience",
            "Led the migration of the billing platform and mentored engineers on",
            "education",
            "programs across the company.",
            "• Education",
            "Skills are important to me.",
            "Key Skills",
            "Rust",
        ]);
        let s = detect_sections(&lines);
        let ks: Vec<_> = s.iter().map(|x| x.kind).collect();
        assert_eq!(ks, vec![Contact, Experience, Skills]);
        assert_eq!(s[1].lines, 2..7);
    }

    #[test]
    fn kv_rows_are_not_headings() {
        let lines = pl(&[
            "Technical Skills",
            "Languages: Java, Python",
            "Frameworks: React",
            "Tools: Git",
        ]);
        let s = detect_sections(&lines);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].kind, Skills);
    }

    #[test]
    fn big_font_headings_without_lexicon() {
        let body = |t: &str| Line {
            font_size: 10.0,
            ..Line::plain(t)
        };
        let big = |t: &str| Line {
            font_size: 14.0,
            ..Line::plain(t)
        };
        let lines = vec![
            Line {
                font_size: 24.0,
                ..Line::plain("Zhang Wei")
            },
            body("zhang@wei.cn"),
            big("Arbeitsproben"),
            body("Some long line of body text here for the weight of the median"),
            big("Mitgliedschaften"),
            body("Another long line of body text here for the weight of the median"),
        ];
        let s = detect_sections(&lines);
        let ks: Vec<_> = s.iter().map(|x| x.kind).collect();
        assert_eq!(ks, vec![Contact, Other, Other]);
        assert_eq!(s[1].heading.as_deref(), Some("Arbeitsproben"));
        assert_eq!(body_font_size(&lines), 10.0);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "",
            " ",
            ":",
            "：",
            "é:",
            "•",
            "— —",
            "1.",
            "(((",
            "ß",
            "\u{0301}",
            "A. B.",
            "x:ü",
            "💼 Experience",
        ] {
            let _ = classify_heading(t);
            let _ = inline_heading(t);
            let _ = clean_heading(t);
            let _ = detect_sections(&pl(&[t, t, "Skills", t]));
        }
        assert_eq!(k("💼 Experience"), Some(Experience));
    }
}
