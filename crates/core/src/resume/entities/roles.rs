//! How much a header segment reads as a job title or as a company name (word lists of the
//! lexicon: `title-words.txt`, `title-stems.txt`, `company-words.txt`).

use crate::lexicon::{COMPANY_WORDS, TITLE_STEMS, TITLE_WORDS};

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
