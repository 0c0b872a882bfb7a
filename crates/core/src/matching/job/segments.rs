//! Job-description segmentation: which section each piece of text belongs to.
//!
//! Headings are recognised three ways: a whole line that is a known heading phrase
//! ("Requirements", "What you'll do", "Nice to have", "Profil recherché"…), a line with heading
//! typography (Markdown `##`, HTML `<h2>`, bold, a trailing colon) whose words contain a known
//! phrase, and — for JDs pasted as one paragraph — a heading phrase followed by ':' inside the
//! text ("… Essential Duties and Responsibilities: Design, develop …"), or a distinctive
//! multi-word heading written in Title Case ("What You Will Be Doing").
//!
//! The output is a flat list of [`Unit`]s (sentences or list items) with their section kind.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use serde::{Deserialize, Serialize};

use crate::document::Line;
use crate::lexicon::{JOB_GENERIC_HEADINGS, JOB_HEADINGS, JOB_RUN_IN_HEADINGS};
use crate::text::fold::fold;
use crate::text::sentences::{sentences, PROSE};

/// What a section of a job description is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JobSectionKind {
    /// Text before the first heading (often the title and a pitch).
    Intro,
    /// "Job description", "About the role", "Overview", "Primary purpose".
    Summary,
    /// "Responsibilities", "What you'll do", "Duties", "Vos missions".
    Responsibilities,
    /// "Requirements", "Qualifications", "Must have", "Profil recherché".
    Requirements,
    /// "Nice to have", "Preferred qualifications", "Bonus points".
    Preferred,
    /// "About us", "Who we are", "Our company".
    Company,
    /// "Benefits", "Perks", "What we offer".
    Benefits,
    /// "Salary", "Compensation", "Pay".
    Compensation,
    /// "Equal opportunity", "Diversity", "Reasonable accommodation".
    EqualOpportunity,
    /// "How to apply", "Application process".
    Apply,
    /// "Privacy notice", "Legal", "Right to work".
    Legal,
    /// "Contact".
    Contact,
    /// "Location", "Job type", "Start date": facts about the position.
    Details,
    /// A heading we do not know ("The team", "Tech stack").
    Other,
}

impl JobSectionKind {
    /// Sections that are boilerplate as a whole: stripped before matching.
    pub fn is_boilerplate(self) -> bool {
        matches!(
            self,
            JobSectionKind::Company
                | JobSectionKind::Benefits
                | JobSectionKind::Compensation
                | JobSectionKind::EqualOpportunity
                | JobSectionKind::Apply
                | JobSectionKind::Legal
                | JobSectionKind::Contact
        )
    }

    /// A kind that opens a new section (rather than labelling one line, like "Location: Paris").
    fn is_major(self) -> bool {
        !matches!(
            self,
            JobSectionKind::Details | JobSectionKind::Compensation | JobSectionKind::Contact
        )
    }
}

use JobSectionKind as K;

/// Heading phrases and the section each one opens, in the normalised form of [`norm`]
/// (data: `job-headings.tsv`). `generic` phrases ("skills", "experience", "role") are headings
/// only when written as the whole line or with heading typography, never as a prefix of a line.
/// The run-in headings, as one automaton (ASCII phrases, matched in ASCII-lowered text).
static RUN_IN: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(JOB_RUN_IN_HEADINGS.iter()).expect("run-in headings automaton")
});

static PHRASES: LazyLock<Vec<(&'static str, JobSectionKind)>> = LazyLock::new(|| {
    JOB_HEADINGS
        .iter()
        .map(|&(p, k)| (p, crate::lexicon::variant(JOB_HEADINGS.name(), k)))
        .collect()
});

/// Normalise a heading candidate: folded (case, diacritics), typographic apostrophes → `'`,
/// other punctuation → single spaces, "&"/"and"/"et"/"y"/"und" kept as words.
pub(crate) fn norm(s: &str) -> String {
    let f = fold(s);
    let mut out = String::with_capacity(f.len());
    let mut space = true;
    for c in f.chars() {
        let c = if matches!(c, '’' | '‘' | '`' | '´') {
            '\''
        } else {
            c
        };
        if c.is_alphanumeric() || (c == '\'' && !space) {
            out.push(c);
            space = false;
        } else if c == '&' {
            if !space {
                out.push(' ');
            }
            out.push_str("and ");
            space = true;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    while out.ends_with(' ') || out.ends_with('\'') {
        out.pop();
    }
    out
}

/// The section kind of a heading text. `typography`: the line looks like a heading (Markdown or
/// HTML heading, bold, trailing colon, all caps) — then a known phrase anywhere in the heading
/// counts ("Our perks & benefits"); otherwise the whole line must be the phrase, or start with
/// a non-generic phrase and be at most four words ("Requirements and skills").
pub fn heading_kind(text: &str, typography: bool) -> Option<JobSectionKind> {
    let n = norm(strip_decor(text));
    if n.is_empty() {
        return None;
    }
    let words = n.split(' ').count();
    if words > 8 {
        return None;
    }
    // Every run of whole words of the (at most 8-word) heading: a phrase "contains words" of it
    // when it is one of them (cheaper than a substring search per phrase).
    let bounds: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let mut start = 0;
        for (i, c) in n.char_indices() {
            if c == ' ' {
                v.push((start, i));
                start = i + 1;
            }
        }
        v.push((start, n.len()));
        v
    };
    let runs: std::collections::HashSet<&str> = (0..bounds.len())
        .flat_map(|a| (a..bounds.len()).map(move |b| (a, b)))
        .map(|(a, b)| &n[bounds[a].0..bounds[b].1])
        .collect();
    let mut best: Option<(usize, JobSectionKind)> = None;
    for &(p, k) in PHRASES.iter() {
        let hit = if n == p {
            true
        } else if typography {
            runs.contains(p)
        } else {
            !JOB_GENERIC_HEADINGS.contains(&p)
                && words <= 4
                && n.starts_with(p)
                && n.as_bytes().get(p.len()) == Some(&b' ')
        };
        if hit && best.is_none_or(|(l, _)| p.len() > l) {
            best = Some((p.len(), k));
        }
    }
    if let Some((_, k)) = best {
        return Some(k);
    }
    // "About Acme" (with heading typography): the company.
    if typography && words <= 4 && n.starts_with("about ") {
        return Some(K::Company);
    }
    None
}

/// Strip Markdown/numbering/bullet decorations and a trailing colon from a heading.
fn strip_decor(text: &str) -> &str {
    let t = text
        .trim()
        .trim_start_matches(['#', '*', '_', '=', '-', ' ']);
    let t = t.trim_end_matches([':', '：', '*', '_', '#', ' ', '-', '=']);
    // "1. Requirements", "A) Benefits".
    let t = match t.split_once([' ']) {
        Some((first, rest))
            if first.len() <= 3
                && first.ends_with(['.', ')'])
                && first[..first.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_alphabetic()) =>
        {
            rest
        }
        _ => t,
    };
    t.trim()
}

/// A line's heading typography: an explicit heading level, bold and short, ends with a colon,
/// or written in capitals.
fn has_heading_typography(l: &Line) -> bool {
    if l.heading_level.is_some() {
        return true;
    }
    let t = l.text.trim();
    let words = t.split_whitespace().count();
    if words == 0 || words > 8 {
        return false;
    }
    if l.bold && !l.list_item {
        return true;
    }
    if t.ends_with(':') || t.ends_with('：') {
        return true;
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase())
}

/// One sentence or list item of the job description, with its section.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unit {
    pub text: String,
    pub kind: JobSectionKind,
    /// The heading of its section, as written (no trailing colon).
    pub heading: Option<String>,
    /// Index of the source line in the document.
    pub line: usize,
    /// Index of the piece of the line (a line may hold several labelled pieces).
    pub piece: usize,
    /// This unit is a heading or label (kept apart from the section's content).
    pub is_heading: bool,
    /// The unit is a list item (or a sentence of one).
    pub list_item: bool,
}

/// A labelled span inside a line: `[start, label_end)` is the label, content from `content`.
struct Label {
    start: usize,
    content: usize,
    kind: JobSectionKind,
    text: String,
}

/// Labels ("Qualifications:", "What You Will Be Doing") inside one line of text.
fn find_labels(text: &str) -> Vec<Label> {
    let mut out: Vec<Label> = Vec::new();
    // 1. "<heading phrase>:".
    for (ci, c) in text.char_indices() {
        if c != ':' && c != '：' {
            continue;
        }
        // Not "http://", not "8:30".
        let after = &text[ci + c.len_utf8()..];
        if after.starts_with("//") || after.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if let Some(l) = label_before(text, ci, c.len_utf8()) {
            out.push(l);
        }
    }
    // 2. Distinctive headings in Title Case or followed by " - " (no colon).
    // ASCII folding keeps byte offsets identical to `text` (the phrases are ASCII);
    // `to_lowercase` does not ("İ" grows a byte, so equal lengths do not mean equal offsets).
    let lower = text.to_ascii_lowercase();
    {
        // Every occurrence of every phrase in one pass, then taken phrase by phrase, left to
        // right, as a search per phrase would (one automaton instead of a search per phrase
        // and line).
        let mut hits: Vec<(usize, usize)> = RUN_IN
            .find_overlapping_iter(&lower)
            .map(|m| (m.pattern().as_usize(), m.start()))
            .collect();
        hits.sort_unstable();
        let mut last: Option<(usize, usize)> = None;
        for (pi, s) in hits {
            let p = JOB_RUN_IN_HEADINGS[pi];
            let e = s + p.len();
            if last.is_some_and(|(lp, le)| lp == pi && s < le) {
                continue;
            }
            last = Some((pi, e));
            {
                let before_ok = text[..s]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after_ok = text[e..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                if !before_ok || !after_ok {
                    continue;
                }
                if out.iter().any(|l| l.start <= s && s < l.content) {
                    continue;
                }
                let written = &text[s..e];
                let title_case = written
                    .split([' ', '-'])
                    .filter(|w| w.len() > 3)
                    .all(|w| w.starts_with(|c: char| c.is_uppercase()));
                let rest = text[e..].trim_start();
                let dash = rest.starts_with("- ") || rest.starts_with("– ");
                let colon = rest.starts_with(':');
                if !(title_case || dash) || colon {
                    continue;
                }
                // "What You Need for this Position": extend over a lower-case tail up to a dash
                // or a capitalised word.
                let mut content = e;
                let tail = &text[e..];
                let tail_words: Vec<(usize, &str)> = word_spans(tail).into_iter().take(4).collect();
                for (off, w) in tail_words {
                    if w.starts_with(|c: char| c.is_lowercase()) {
                        content = e + off + w.len();
                    } else {
                        break;
                    }
                }
                if !title_case {
                    content = e;
                }
                let kind = match heading_kind(p, true) {
                    Some(k) => k,
                    None => continue,
                };
                let rest = &text[content..];
                let skip = rest.len() - rest.trim_start_matches([' ', '-', '–']).len();
                out.push(Label {
                    start: s,
                    content: content + skip,
                    kind,
                    text: text[s..content].trim().to_string(),
                });
            }
        }
    }
    out.sort_by_key(|l| l.start);
    // Drop overlaps (keep the first).
    let mut kept: Vec<Label> = Vec::new();
    for l in out {
        if kept.last().is_none_or(|k| l.start >= k.content) {
            kept.push(l);
        }
    }
    kept
}

/// Word spans (offset, word) of `s`, words separated by white space.
fn word_spans(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// The heading phrase ending at the colon at byte `colon`: the words back to the start of the
/// sentence (at most six), or the Title Case run before the colon.
fn label_before(text: &str, colon: usize, colon_len: usize) -> Option<Label> {
    let head = &text[..colon];
    // Words back from the colon.
    let words = word_spans(head);
    if words.is_empty() {
        return None;
    }
    let mut candidates: Vec<usize> = Vec::new();
    // a) Sentence start: previous '.', '!', '?', ')' … or line start, within six words.
    let n = words.len();
    for k in 1..=n.min(7) {
        let (off, _) = words[n - k];
        let before = head[..off].trim_end();
        let boundary = before.is_empty()
            || before.ends_with(['.', '!', '?', ';', '|', '•', '*', '-', '–', '·'])
            || (before.ends_with(')') && k <= 4);
        if boundary {
            candidates.push(off);
            break;
        }
    }
    // b) Title Case run (small words allowed inside).
    let small = [
        "and", "of", "the", "for", "to", "in", "&", "with", "a", "de", "du", "des", "et",
    ];
    let mut k = n;
    let mut start = None;
    while k > 0 && n - k < 6 {
        let (off, w) = words[k - 1];
        let cap = w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        if cap {
            start = Some(off);
        } else if !small.contains(&w.to_lowercase().as_str()) {
            break;
        }
        k -= 1;
    }
    if let Some(s) = start {
        candidates.push(s);
    }
    for s in candidates {
        let label = head[s..].trim();
        let label = label.trim_start_matches(['-', '–', '•', '*', '·', ' ']);
        if label.is_empty() || label.split_whitespace().count() > 7 {
            continue;
        }
        if let Some(kind) = heading_kind(label, true) {
            let content = colon + colon_len;
            let rest = &text[content..];
            let skip = rest.len() - rest.trim_start().len();
            let start = colon - label.len();
            return Some(Label {
                start,
                content: content + skip,
                kind,
                text: label.to_string(),
            });
        }
        if let Some(kind) = title_label(label) {
            let content = colon + colon_len;
            let rest = &text[content..];
            let skip = rest.len() - rest.trim_start().len();
            let start = colon - label.len();
            return Some(Label {
                start,
                content: content + skip,
                kind,
                text: label.to_string(),
            });
        }
    }
    None
}

/// "Job title:", "Position:", "Role:" — the label of the title, kept as a Details label.
pub(crate) fn title_label(label: &str) -> Option<JobSectionKind> {
    let n = norm(label);
    const TITLE_LABELS: &[&str] = &[
        "job title",
        "title",
        "position",
        "position title",
        "role",
        "job",
        "poste",
        "intitule du poste",
        "intitule",
        "puesto",
        "cargo",
        "stelle",
        "stellenbezeichnung",
    ];
    TITLE_LABELS.contains(&n.as_str()).then_some(K::Details)
}

/// Segment the document's lines into units with their section kinds.
pub(crate) fn segment(lines: &[Line]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut kind = K::Intro;
    let mut heading: Option<String> = None;
    for (li, l) in lines.iter().enumerate() {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        // A whole-line heading.
        let typo = has_heading_typography(l);
        let label_like = t.trim_end_matches([':', '：', ' ']).len() < t.len()
            || !t.contains(':') && !t.ends_with('.');
        if label_like && (!l.list_item || typo) {
            let line_heading = match heading_kind(t, typo) {
                // An H1 is the title, unless it is exactly a heading phrase.
                Some(_)
                    if l.heading_level == Some(1)
                        && heading_kind(t, false).is_none()
                        && units.is_empty() =>
                {
                    None
                }
                Some(k) => Some(k),
                // An unknown heading ("The team", "Tech stack").
                None if l.heading_level.is_some_and(|h| h >= 2) => Some(K::Other),
                None => None,
            };
            if let Some(k) = line_heading {
                kind = k;
                heading = Some(strip_decor(t).to_string());
                units.push(Unit {
                    text: t.to_string(),
                    kind,
                    heading: heading.clone(),
                    line: li,
                    piece: 0,
                    is_heading: true,
                    list_item: false,
                });
                continue;
            }
        }
        // Labelled pieces inside the line.
        let labels = find_labels(t);
        let mut pieces: Vec<(Option<&Label>, &str)> = Vec::new();
        let first_end = labels.first().map_or(t.len(), |l| l.start);
        if first_end > 0 {
            pieces.push((None, &t[..first_end]));
        }
        for (i, lab) in labels.iter().enumerate() {
            let end = labels.get(i + 1).map_or(t.len(), |n| n.start);
            pieces.push((Some(lab), t.get(lab.content.min(end)..end).unwrap_or("")));
        }
        for (pi, (lab, body)) in pieces.into_iter().enumerate() {
            let (piece_kind, piece_heading) = match lab {
                Some(lab) => {
                    let scoped = !lab.kind.is_major()
                        || l.list_item
                        || labels.len() == 1 && lab.start > 0 && t.len() < 200;
                    if !scoped {
                        kind = lab.kind;
                        heading = Some(lab.text.clone());
                    }
                    units.push(Unit {
                        text: lab.text.clone(),
                        kind: lab.kind,
                        heading: Some(lab.text.clone()),
                        line: li,
                        piece: pi,
                        is_heading: true,
                        list_item: l.list_item,
                    });
                    (lab.kind, Some(lab.text.clone()))
                }
                None => (kind, heading.clone()),
            };
            for r in sentences(body, &PROSE) {
                let (s, e) = (r.start, r.end);
                units.push(Unit {
                    text: body[s..e].to_string(),
                    kind: piece_kind,
                    heading: piece_heading.clone(),
                    line: li,
                    piece: pi,
                    is_heading: false,
                    list_item: l.list_item,
                });
            }
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(heading_kind("Requirements:", false), Some(K::Requirements));
        assert_eq!(
            heading_kind("What you'll need", false),
            Some(K::Requirements)
        );
        assert_eq!(
            heading_kind("What you’ll do", false),
            Some(K::Responsibilities)
        );
        assert_eq!(heading_kind("Nice-to-have", false), Some(K::Preferred));
        assert_eq!(
            heading_kind("Preferred Qualifications", false),
            Some(K::Preferred)
        );
        assert_eq!(
            heading_kind("Profil recherché", false),
            Some(K::Requirements)
        );
        assert_eq!(heading_kind("Anforderungen", false), Some(K::Requirements));
        assert_eq!(heading_kind("Requisitos", false), Some(K::Requirements));
        assert_eq!(heading_kind("About us", false), Some(K::Company));
        assert_eq!(heading_kind("About the role", false), Some(K::Summary));
        assert_eq!(heading_kind("Benefits & Perks", false), Some(K::Benefits));
        assert_eq!(
            heading_kind("Our perks and benefits", true),
            Some(K::Benefits)
        );
        assert_eq!(heading_kind("About Acme", true), Some(K::Company));
        assert_eq!(heading_kind("Experience with Docker", false), None);
        assert_eq!(heading_kind("Senior Backend Engineer", true), None);
    }

    #[test]
    fn inline_labels() {
        let t =
            "Primary Purpose: Build apps. Essential Duties and Responsibilities: Design, develop \
                 and test. Minimum Skills and Competencies: 5+ years of Python.";
        let labels = find_labels(t);
        let kinds: Vec<_> = labels.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            vec![K::Summary, K::Responsibilities, K::Requirements]
        );
        let t = "What You Will Be Doing We build things. Nice To Haves - Experience with Docker";
        let kinds: Vec<_> = find_labels(t).iter().map(|l| l.kind).collect();
        assert_eq!(kinds, vec![K::Responsibilities, K::Preferred]);
    }

    #[test]
    fn sentence_split() {
        let t = "We use Python, e.g. Django. Work in the U.S. Office - Fast pace! 3 years";
        let s: Vec<&str> = sentences(t, &PROSE).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            vec![
                "We use Python, e.g. Django.",
                "Work in the U.S. Office",
                "Fast pace!",
                "3 years"
            ]
        );
    }
}
