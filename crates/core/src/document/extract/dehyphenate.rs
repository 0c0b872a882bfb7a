//! Words hyphenated at line ends by typesetting, joined again (PDF lines).

use crate::document::Line;

/// Join words hyphenated at line ends by typesetting ("submis-" / "sions" → "submissions"),
/// carefully: only when the next line continues in lower case, and only when the joined word
/// occurs elsewhere in the document or the hyphenated pieces are not words of the document on
/// their own. Real compounds broken at their hyphen ("cross-" / "device") keep the hyphen.
/// The joined word moves to the end of the first line, so line structure is kept.
pub fn dehyphenate(lines: &mut [Line]) {
    use std::collections::HashMap;
    let mut vocab: HashMap<String, usize> = HashMap::new();
    for l in lines.iter() {
        for w in l
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *vocab.entry(w.to_lowercase()).or_default() += 1;
        }
    }
    // A piece "is a word" when it occurs somewhere besides this line break.
    let word = |w: &str| vocab.get(&w.to_lowercase()).copied().unwrap_or(0) >= 2;
    for i in 0..lines.len().saturating_sub(1) {
        let (head, tail) = lines.split_at_mut(i + 1);
        let (a, b) = (&mut head[i], &mut tail[0]);
        if a.page != b.page || a.column != b.column || b.list_item {
            continue;
        }
        let Some(stem) = a.text.strip_suffix('-') else {
            continue;
        };
        let first: String = stem
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if first.chars().count() < 2 || !stem.ends_with(|c: char| c.is_lowercase()) {
            continue;
        }
        let second: String = b.text.chars().take_while(|c| c.is_alphabetic()).collect();
        if second.is_empty() || !second.starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        let joined = format!("{first}{second}").to_lowercase();
        let pieces_are_words = word(&first) && word(&second);
        if !vocab.contains_key(&joined) && pieces_are_words {
            continue;
        }
        let rest = b.text[second.len()..].trim_start().to_string();
        a.text = format!("{stem}{second}");
        b.text = rest;
    }
}

#[cfg(test)]
mod hyphen_tests {
    use super::*;

    fn run(a: &str, b: &str) -> (String, String) {
        let mut v = vec![Line::plain(a), Line::plain(b)];
        dehyphenate(&mut v);
        (v[0].text.clone(), v[1].text.clone())
    }

    #[test]
    fn joins_typeset_hyphenation() {
        assert_eq!(
            run("top 5% of submis-", "sions) at NeurIPS"),
            ("top 5% of submissions".into(), ") at NeurIPS".into())
        );
    }

    #[test]
    fn keeps_real_compounds_and_capitals() {
        let mut v = vec![
            Line::plain("a cross-"),
            Line::plain("device app for every device and cross checks"),
        ];
        dehyphenate(&mut v);
        assert_eq!(v[0].text, "a cross-");
        assert_eq!(run("Jean-", "Pierre"), ("Jean-".into(), "Pierre".into()));
        assert_eq!(run("well -", "known"), ("well -".into(), "known".into()));
    }
}
