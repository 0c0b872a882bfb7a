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

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::document::{Line, Region};
use crate::lexicon::{HEADING_MODIFIERS, SECTION_HEADINGS};
use crate::text::fold::fold;
use crate::text::normalize::strip_bullet;

/// Canonical section kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Contact,
    Summary,
    Experience,
    Education,
    Skills,
    Projects,
    Certifications,
    Languages,
    Awards,
    Publications,
    Volunteer,
    Interests,
    References,
    Other,
}

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
// Lexicon
// ---------------------------------------------------------------------------------------------

/// Conjunction tokens (compound headings).
const CONJ: &[&str] = &["&", "and", "y", "et", "und"];

struct Lexicon {
    exact: HashMap<String, SectionKind>,
    compact: HashMap<String, SectionKind>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut exact = HashMap::new();
        let mut compact = HashMap::new();
        for (kind, words) in SECTION_HEADINGS.iter() {
            let kind: SectionKind = crate::lexicon::variant(SECTION_HEADINGS.name(), kind);
            for w in words {
                let toks = heading_tokens(w);
                if toks.is_empty() {
                    continue;
                }
                exact.entry(toks.join(" ")).or_insert(kind);
                let c: String = toks.iter().filter(|t| t.as_str() != "&").cloned().collect();
                compact.entry(c).or_insert(kind);
            }
        }
        Lexicon { exact, compact }
    })
}

/// Tokens of a candidate heading: folded words; `&`, `/`, `,`, `+`, `|` become a `&` token and
/// so do the words and/y/et/und; runs of single letters (`E X P E R I E N C E`) are joined.
fn heading_tokens(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut raw: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            cur.push(c);
        } else {
            if !cur.is_empty() {
                raw.push(std::mem::take(&mut cur));
            }
            if matches!(c, '&' | '/' | ',' | '+' | '|') {
                raw.push("&".to_string());
            }
        }
    }
    if !cur.is_empty() {
        raw.push(cur);
    }
    // Collapse letter-spaced runs (3+ single letters).
    let mut toks: Vec<String> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let single = |t: &String| t.chars().count() == 1 && t.chars().all(|c| c.is_alphabetic());
        if single(&raw[i]) {
            let mut j = i;
            while j < raw.len() && single(&raw[j]) {
                j += 1;
            }
            if j - i >= 3 {
                toks.push(raw[i..j].concat());
                i = j;
                continue;
            }
        }
        toks.push(raw[i].clone());
        i += 1;
    }
    for t in toks.iter_mut() {
        if CONJ.contains(&t.as_str()) {
            *t = "&".to_string();
        }
    }
    // Trim leading/trailing conjunctions.
    while toks.first().is_some_and(|t| t == "&") {
        toks.remove(0);
    }
    while toks.last().is_some_and(|t| t == "&") {
        toks.pop();
    }
    toks
}

/// Strip decorations around a heading: leading numbering ("1.", "IV.", "a)"), bullets, icons,
/// dashes; trailing colon and decorations. Returns the trimmed heading text as written.
pub fn clean_heading(text: &str) -> &str {
    static NUM: OnceLock<regex::Regex> = OnceLock::new();
    let re = NUM.get_or_init(|| {
        regex::Regex::new(r"^(?:\d{1,2}|[IVXivx]{1,4}|[A-Za-z])[.)]\s+").expect("valid regex")
    });
    let mut t = text.trim();
    if let Some(m) = re.find(t) {
        t = &t[m.end()..];
    }
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    let t = t.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')');
    t.trim()
}

/// Look a heading text up in the lexicon. Lexicon only: no typography, no length rules
/// beyond a maximum of 8 words. Returns `None` for text with content after a colon
/// (see [`inline_heading`]).
pub fn classify_heading(text: &str) -> Option<SectionKind> {
    let t = clean_heading(text);
    if t.is_empty() {
        return None;
    }
    // Content after a colon: not a pure heading.
    if let Some(p) = t.find([':', '：']) {
        if !t[p..].trim_start_matches([':', '：']).trim().is_empty() {
            return None;
        }
    }
    // Document titles.
    let f = fold(t);
    let ft = f.trim();
    if ft == "resume" || ft == "curriculum vitae" || ft == "cv" {
        // The accented French "Résumé" is a summary heading.
        if t.contains('é') || t.contains('É') {
            return Some(SectionKind::Summary);
        }
        return None;
    }
    let mut toks = heading_tokens(t);
    while toks.len() > 1 && toks[0].chars().all(|c| c.is_ascii_digit()) {
        toks.remove(0);
    }
    if toks.is_empty() || toks.len() > 8 {
        return None;
    }
    classify_tokens(&toks, true)
}

fn classify_tokens(toks: &[String], allow_split: bool) -> Option<SectionKind> {
    let lex = lexicon();
    let key = toks.join(" ");
    if let Some(k) = lex.exact.get(&key) {
        return Some(*k);
    }
    let compact: String = toks.iter().filter(|t| t.as_str() != "&").cloned().collect();
    if let Some(k) = lex.compact.get(&compact) {
        return Some(*k);
    }
    // "(continued)".
    if toks.len() > 1 {
        let last = toks[toks.len() - 1].as_str();
        if matches!(
            last,
            "continued" | "cont" | "contd" | "suite" | "fortsetzung"
        ) {
            return classify_tokens(&toks[..toks.len() - 1], allow_split);
        }
    }
    // Leading modifiers.
    if toks.len() > 1 && HEADING_MODIFIERS.contains(&toks[0].as_str()) {
        if let Some(k) = classify_tokens(&toks[1..], false) {
            return Some(k);
        }
    }
    if allow_split && toks.iter().any(|t| t == "&") {
        let parts: Vec<&[String]> = toks.split(|t| t == "&").filter(|p| !p.is_empty()).collect();
        if parts.len() >= 2 {
            let first = classify_tokens(parts[0], false)?;
            let ok = parts[1..]
                .iter()
                .all(|p| classify_tokens(p, false).is_some() || (parts.len() == 2 && p.len() <= 2));
            if ok {
                return Some(first);
            }
        }
    }
    None
}

/// An inline heading: `"Skills: Python, Go"` → `(Skills, "Skills", "Python, Go")`.
/// The label must be a lexicon heading of at most 4 words and the content non-empty.
pub fn inline_heading(text: &str) -> Option<(SectionKind, &str, &str)> {
    let p = text.find([':', '：'])?;
    let label = text[..p].trim();
    let sep_len = text[p..].chars().next().map_or(1, char::len_utf8);
    let content = text[p + sep_len..].trim();
    if content.is_empty() || label.is_empty() || label.split_whitespace().count() > 4 {
        return None;
    }
    let kind = classify_heading(label)?;
    Some((kind, clean_heading(label), content))
}

/// The content part of an inline heading line (`"Skills: Python, Go"` → `"Python, Go"`);
/// the text itself when the line is not an inline heading.
pub fn inline_content(text: &str) -> &str {
    inline_heading(text).map_or(text, |(_, _, c)| c)
}

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

    #[test]
    fn english_variants() {
        for h in [
            "Experience",
            "Work Experience",
            "PROFESSIONAL EXPERIENCE",
            "Work History",
            "Employment History",
            "Employment",
            "Career History",
            "Relevant Experience",
            "Experience & Internships",
            "Internships",
            "Research Experience",
            "Experience (continued)",
        ] {
            assert_eq!(k(h), Some(Experience), "{h}");
        }
        for h in [
            "Skills",
            "Technical Skills",
            "Core Competencies",
            "Competencies",
            "Key Skills",
            "Areas of Expertise",
            "Expertise",
            "Technologies",
            "Tech Stack",
            "Tools",
            "Skills & Tools",
            "Skills and Tools",
            "SKILLS & AWARDS",
            "Programming Languages",
        ] {
            assert_eq!(k(h), Some(Skills), "{h}");
        }
        for h in [
            "Education",
            "Education & Training",
            "Academic Background",
            "Qualifications",
            "Academic Qualifications",
            "Relevant Coursework",
        ] {
            assert_eq!(k(h), Some(Education), "{h}");
        }
        for h in [
            "Summary",
            "Professional Summary",
            "Profile",
            "About Me",
            "Objective",
            "Career Objective",
            "Personal Statement",
        ] {
            assert_eq!(k(h), Some(Summary), "{h}");
        }
        assert_eq!(k("Projects"), Some(Projects));
        assert_eq!(k("Personal Projects"), Some(Projects));
        assert_eq!(k("Licenses & Certifications"), Some(Certifications));
        assert_eq!(k("Certificates"), Some(Certifications));
        assert_eq!(k("Languages"), Some(Languages));
        assert_eq!(k("Honors & Awards"), Some(Awards));
        assert_eq!(k("HONORS/AWARDS"), Some(Awards));
        assert_eq!(k("Achievements"), Some(Awards));
        assert_eq!(k("Selected Honors"), Some(Awards));
        assert_eq!(k("Publications"), Some(Publications));
        assert_eq!(k("Patents"), Some(Publications));
        assert_eq!(k("Volunteering"), Some(Volunteer));
        assert_eq!(k("Volunteer Experience"), Some(Volunteer));
        assert_eq!(k("Community Involvement"), Some(Volunteer));
        assert_eq!(k("Extracurricular Activities"), Some(Volunteer));
        assert_eq!(k("ON CAMPUS INVOLVEMENT"), Some(Volunteer));
        assert_eq!(k("Hobbies"), Some(Interests));
        assert_eq!(k("Interests"), Some(Interests));
        assert_eq!(k("References"), Some(References));
        assert_eq!(k("Referees"), Some(References));
        assert_eq!(k("Contact Information"), Some(Contact));
        assert_eq!(k("Personal Details"), Some(Contact));
        assert_eq!(k("Profiles"), Some(Contact));
        assert_eq!(k("Additional Information"), Some(Other));
        assert_eq!(k("Miscellaneous"), Some(Other));
    }

    #[test]
    fn french_spanish_german_variants() {
        assert_eq!(k("Expérience professionnelle"), Some(Experience));
        assert_eq!(k("EXPERIENCES PROFESSIONNELLES"), Some(Experience));
        assert_eq!(k("Parcours professionnel"), Some(Experience));
        assert_eq!(k("Experiencia"), Some(Experience));
        assert_eq!(k("Experiencia laboral"), Some(Experience));
        assert_eq!(k("Experiencia Profesional"), Some(Experience));
        assert_eq!(k("Berufserfahrung"), Some(Experience));
        assert_eq!(k("Berufliche Erfahrung"), Some(Experience));
        assert_eq!(k("Werdegang"), Some(Experience));
        assert_eq!(k("Compétences"), Some(Skills));
        assert_eq!(k("Competences"), Some(Skills));
        assert_eq!(k("Habilidades"), Some(Skills));
        assert_eq!(k("Competencias"), Some(Skills));
        assert_eq!(k("Kenntnisse"), Some(Skills));
        assert_eq!(k("Fähigkeiten"), Some(Skills));
        assert_eq!(k("FAHIGKEITEN"), Some(Skills));
        assert_eq!(k("Formation"), Some(Education));
        assert_eq!(k("Études"), Some(Education));
        assert_eq!(k("Educación"), Some(Education));
        assert_eq!(k("Formación académica"), Some(Education));
        assert_eq!(k("Ausbildung"), Some(Education));
        assert_eq!(k("Bildungsweg"), Some(Education));
        assert_eq!(k("Studium"), Some(Education));
        assert_eq!(k("Profil"), Some(Summary));
        assert_eq!(k("Résumé"), Some(Summary));
        assert_eq!(k("Perfil"), Some(Summary));
        assert_eq!(k("Resumen"), Some(Summary));
        assert_eq!(k("Sobre mí"), Some(Summary));
        assert_eq!(k("Zusammenfassung"), Some(Summary));
        assert_eq!(k("Über mich"), Some(Summary));
        assert_eq!(k("Certificaciones"), Some(Certifications));
        assert_eq!(k("Zertifikate"), Some(Certifications));
        assert_eq!(k("Zertifizierungen"), Some(Certifications));
        assert_eq!(k("Langues"), Some(Languages));
        assert_eq!(k("Idiomas"), Some(Languages));
        assert_eq!(k("Sprachen"), Some(Languages));
        assert_eq!(k("Sprachkenntnisse"), Some(Languages));
        assert_eq!(k("Prix"), Some(Awards));
        assert_eq!(k("Premios"), Some(Awards));
        assert_eq!(k("Auszeichnungen"), Some(Awards));
        assert_eq!(k("Bénévolat"), Some(Volunteer));
        assert_eq!(k("Voluntariado"), Some(Volunteer));
        assert_eq!(k("Ehrenamt"), Some(Volunteer));
        assert_eq!(k("Centres d'intérêt"), Some(Interests));
        assert_eq!(k("Centres d’intérêt"), Some(Interests));
        assert_eq!(k("Intereses"), Some(Interests));
        assert_eq!(k("Hobbys"), Some(Interests));
        assert_eq!(k("Interessen"), Some(Interests));
        assert_eq!(k("Références"), Some(References));
        assert_eq!(k("Referencias"), Some(References));
        assert_eq!(k("Referenzen"), Some(References));
        assert_eq!(k("Coordonnées"), Some(Contact));
        assert_eq!(k("Datos personales"), Some(Contact));
        assert_eq!(k("Persönliche Daten"), Some(Contact));
        assert_eq!(k("Misceláneo"), Some(Other));
        assert_eq!(k("Conocimientos de computación"), Some(Skills));
        assert_eq!(k("工作经历"), Some(Experience));
        assert_eq!(k("教育背景"), Some(Education));
    }

    #[test]
    fn decorations_numbering_spacing_colons() {
        assert_eq!(k("E X P E R I E N C E"), Some(Experience));
        assert_eq!(k("S K I L L S"), Some(Skills));
        assert_eq!(k("W O R K  E X P E R I E N C E"), Some(Experience));
        assert_eq!(k("Skills:"), Some(Skills));
        assert_eq!(k("EDUCATION :"), Some(Education));
        assert_eq!(k("1. Experience"), Some(Experience));
        assert_eq!(k("IV. Education"), Some(Education));
        assert_eq!(k("■ PROJECTS"), Some(Projects));
        assert_eq!(k("——— 个人信息 ———"), Some(Contact));
        assert_eq!(clean_heading("  • Skills: "), "Skills");
    }

    #[test]
    fn negatives() {
        assert_eq!(k("Experience with Python and Go"), None);
        assert_eq!(k("Education is key"), None);
        assert_eq!(k("Skills: Python, Go"), None);
        assert_eq!(k("Software Engineer"), None);
        assert_eq!(k("Resume"), None);
        assert_eq!(k("Curriculum Vitae"), None);
        assert_eq!(k("CHINMAYA KAUNDANYA · RÉSUMÉ"), None);
        assert_eq!(k(""), None);
        assert_eq!(k("—"), None);
        assert_eq!(
            k("Skills that pay the bills in every company of the world"),
            None
        );
    }

    #[test]
    fn inline_headings() {
        assert_eq!(
            inline_heading("Skills: Python, Go"),
            Some((Skills, "Skills", "Python, Go"))
        );
        assert_eq!(
            inline_heading("Languages：English"),
            Some((Languages, "Languages", "English"))
        );
        assert_eq!(inline_heading("Note: something"), None);
        assert_eq!(inline_content("Skills: Rust"), "Rust");
        assert_eq!(inline_content("plain"), "plain");
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
