//! Spoken languages and their levels, from the lines of a languages section (or any lines):
//! `English (Native), Spanish (B2)`, `French — fluent`, `Deutsch: Muttersprache`, `German C1`,
//! `Fluent in Spanish`, a bare list `Korean, English, Japanese`, or a name on one line and its
//! level on the next (`English` / `Native Speaker`).
//!
//! Language names are recognised in English, French, Spanish and German (plus common Chinese
//! forms) and reported under their **English name** (`Inglés` → `English`); the level is kept
//! as written (`B2`, `Muttersprache`, `native speaker`).
//!
//! Certifications live in [`crate::resume::entities::certifications`]; they are re-exported here.

use serde::{Deserialize, Serialize};

use crate::document::Line;
use crate::lexicon::{LANGUAGES, LANGUAGE_LEVELS};
use crate::resume::sections::headings::{classify_heading, inline_heading};
use crate::text::fold::fold;
use crate::text::normalize::strip_bullet;

pub use super::certifications::{parse_certifications, split_certification, Certification};

/// A spoken language and its level as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpokenLanguage {
    /// English name of the language ("Spanish").
    pub language: String,
    /// Level as written ("B2", "native", "Muttersprache"), if any.
    pub level: Option<String>,
}

/// The English name of a language word or phrase (`"Inglés"` → `"English"`).
pub fn language_name(word: &str) -> Option<&'static str> {
    let f = fold(word.trim());
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    if f.is_empty() {
        return None;
    }
    LANGUAGES
        .iter()
        .find(|(_, vs)| vs.contains(&f))
        .map(|(n, _)| *n)
}

/// Does the text (a whole item) read as a level ("native speaker", "B2", "fluent")?
pub fn is_level(text: &str) -> bool {
    let f = fold(text);
    let words: Vec<&str> = f
        .split(|c: char| !(c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let hits = words
        .iter()
        .filter(|w| LANGUAGE_LEVELS.contains(w) || is_cjk_level(w))
        .count();
    hits >= 1 && hits * 2 >= words.len()
}

fn is_cjk_level(w: &str) -> bool {
    ["母语", "流利", "熟练", "良好", "精通", "一般"]
        .iter()
        .any(|l| w.contains(l))
}

/// Split on top-level separators (not inside parentheses).
fn split_items(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '（' => depth += 1,
            ')' | ']' | '）' => depth -= 1,
            ',' | ';' | '|' | '•' | '·' | '/' | '、' | '，' | '；' if depth <= 0 => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect()
}

/// Find a language word in an item; returns (English name, byte range of the word).
fn find_language(item: &str) -> Option<(&'static str, std::ops::Range<usize>)> {
    // Word tokens with their byte ranges.
    let mut start: Option<usize> = None;
    let mut words: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, c) in item.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            words.push(s..i);
        }
    }
    if let Some(s) = start {
        words.push(s..item.len());
    }
    // Two-word names first ("Mandarin Chinese").
    for w in words.windows(2) {
        let r = w[0].start..w[1].end;
        if let Some(n) = language_name(&item[r.clone()]) {
            return Some((n, r));
        }
    }
    for r in &words {
        if let Some(n) = language_name(&item[r.clone()]) {
            return Some((n, r.clone()));
        }
        // Chinese: the language is a substring of a CJK run ("英语：CET6").
        let w = &item[r.clone()];
        if w.chars().any(crate::text::normalize::is_cjk) {
            for (n, vs) in LANGUAGES.iter() {
                for v in vs {
                    if v.chars().any(crate::text::normalize::is_cjk) {
                        if let Some(p) = w.find(v) {
                            let s = r.start + p;
                            return Some((n, s..s + v.len()));
                        }
                    }
                }
            }
        }
    }
    None
}

fn clean_level(s: &str) -> Option<String> {
    let mut t = s.trim().trim_matches(|c: char| !c.is_alphanumeric()).trim();
    for suffix in [" in", " en", " auf", " in der"] {
        if let Some(x) = t.strip_suffix(suffix) {
            t = x.trim();
        }
    }
    for prefix in ["level ", "niveau ", "nivel "] {
        if t.to_lowercase().starts_with(prefix) && t.len() > prefix.len() + 1 {
            // keep "Level B2" as written
            break;
        }
    }
    if t.is_empty() || !is_level(t) {
        return None;
    }
    Some(t.to_string())
}

/// Parse one item: a language with an optional level, or a bare level.
fn parse_item(item: &str) -> (Option<&'static str>, Option<String>) {
    let words = item.split_whitespace().count();
    let Some((lang, r)) = find_language(item) else {
        return (
            None,
            if is_level(item) {
                clean_level(item)
            } else {
                None
            },
        );
    };
    if words > 8 {
        return (None, None);
    }
    let before = item[..r.start].trim();
    let after = item[r.end..].trim();
    let rest = format!("{before} {after}");
    let level = clean_level(after)
        .or_else(|| clean_level(before))
        .or_else(|| {
            let r = rest.trim();
            if r.is_empty() {
                None
            } else {
                clean_level(r)
            }
        });
    // A non-level remainder of several words: not a language item (a sentence, a course).
    let other = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    if level.is_none() && other > 2 {
        return (None, None);
    }
    (Some(lang), level)
}

/// Parse spoken languages from lines (typically a languages section's lines).
pub fn parse_languages(lines: &[Line]) -> Vec<SpokenLanguage> {
    let mut out: Vec<SpokenLanguage> = Vec::new();
    let mut last_added_line: Option<usize> = None;
    for (li, line) in lines.iter().enumerate() {
        let mut t = line.text.trim();
        if let Some(r) = strip_bullet(t) {
            t = r;
        }
        if let Some((_, _, content)) = inline_heading(t) {
            t = content;
        } else if classify_heading(t).is_some() && find_language(t).is_none() {
            continue;
        }
        // "Native: English, Spanish" — a level label over several languages.
        let mut shared_level: Option<String> = None;
        if let Some(p) = t.find([':', '：']) {
            let label = &t[..p];
            if find_language(label).is_none() && is_level(label) {
                shared_level = clean_level(label);
                let sep = t[p..].chars().next().map_or(1, char::len_utf8);
                t = &t[p + sep..];
            }
        }
        let mut added_here = false;
        for item in split_items(t) {
            // "Deutsch: Muttersprache" → item with a colon.
            match parse_item(item) {
                (Some(lang), level) => {
                    let level = level.or_else(|| shared_level.clone());
                    if let Some(existing) = out.iter_mut().find(|s| s.language == lang) {
                        if existing.level.is_none() {
                            existing.level = level;
                        }
                    } else {
                        out.push(SpokenLanguage {
                            language: lang.to_string(),
                            level,
                        });
                    }
                    added_here = true;
                    last_added_line = Some(li);
                }
                (None, Some(level)) => {
                    // A level on its own line/item belongs to the language just before it.
                    let adjacent = added_here || last_added_line.is_some_and(|l| li <= l + 2);
                    if let Some(last) = out.last_mut() {
                        if adjacent && last.level.is_none() {
                            last.level = Some(level);
                        }
                    }
                }
                (None, None) => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ls(v: &[&str]) -> Vec<Line> {
        v.iter().map(|s| Line::plain(*s)).collect()
    }

    fn pairs(v: &[SpokenLanguage]) -> Vec<(String, Option<String>)> {
        v.iter()
            .map(|s| (s.language.clone(), s.level.clone()))
            .collect()
    }

    fn p(l: &str, lv: Option<&str>) -> (String, Option<String>) {
        (l.to_string(), lv.map(str::to_string))
    }

    #[test]
    fn inline_list_with_levels() {
        let r = parse_languages(&ls(&["English (Native), Spanish (B2)"]));
        assert_eq!(
            pairs(&r),
            vec![p("English", Some("Native")), p("Spanish", Some("B2"))]
        );
    }

    #[test]
    fn dash_colon_and_trailing_levels() {
        let r = parse_languages(&ls(&[
            "French — fluent",
            "Deutsch: Muttersprache",
            "German C1",
        ]));
        assert_eq!(
            pairs(&r),
            vec![
                p("French", Some("fluent")),
                p("German", Some("Muttersprache"))
            ]
        );
        let r = parse_languages(&ls(&[
            "Italiano - nivel avanzado",
            "Inglés: B2",
            "Anglais courant",
        ]));
        assert_eq!(
            pairs(&r),
            vec![
                p("Italian", Some("nivel avanzado")),
                p("English", Some("B2")),
                p("English", None)
            ][..2]
                .to_vec()
        );
    }

    #[test]
    fn bare_list_and_next_line_levels() {
        let r = parse_languages(&ls(&["Korean, English, Japanese"]));
        assert_eq!(
            pairs(&r),
            vec![p("Korean", None), p("English", None), p("Japanese", None)]
        );
        let r = parse_languages(&ls(&[
            "English",
            "Native Speaker",
            "Spanish",
            "Intermediate",
        ]));
        assert_eq!(
            pairs(&r),
            vec![
                p("English", Some("Native Speaker")),
                p("Spanish", Some("Intermediate"))
            ]
        );
    }

    #[test]
    fn headings_labels_and_multilingual_names() {
        let r = parse_languages(&ls(&["Languages: English (native speaker)"]));
        assert_eq!(pairs(&r), vec![p("English", Some("native speaker"))]);
        let r = parse_languages(&ls(&["Language: Fluent in Spanish"]));
        assert_eq!(pairs(&r), vec![p("Spanish", Some("Fluent"))]);
        let r = parse_languages(&ls(&[
            "Langues",
            "Français (langue maternelle)",
            "Anglais (C1)",
            "Allemand : notions",
        ]));
        assert_eq!(
            pairs(&r),
            vec![
                p("French", Some("langue maternelle")),
                p("English", Some("C1")),
                p("German", Some("notions"))
            ]
        );
        let r = parse_languages(&ls(&["Español — nativo", "Englisch (verhandlungssicher)"]));
        assert_eq!(
            pairs(&r),
            vec![
                p("Spanish", Some("nativo")),
                p("English", Some("verhandlungssicher"))
            ]
        );
        let r = parse_languages(&ls(&["Native: English, Hindi"]));
        assert_eq!(
            pairs(&r),
            vec![p("English", Some("Native")), p("Hindi", Some("Native"))]
        );
    }

    #[test]
    fn non_language_lines_are_ignored() {
        let r = parse_languages(&ls(&[
            "Idioma 1",
            "nivel",
            "Comentario",
            "Translated manuals from English into French for clients",
        ]));
        assert!(r.is_empty(), "{r:?}");
        assert!(parse_languages(&ls(&["", "•", "○ ○ ○ ○ ○"])).is_empty());
    }
}
