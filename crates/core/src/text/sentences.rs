//! The one sentence splitter. A period, exclamation or question mark (and their CJK forms)
//! ends a sentence when white space follows and the next word opens a sentence — unless the
//! word before it is an abbreviation (`abbreviations.tsv` of the lexicon: "Dr.", "e.g.",
//! "Inc."), a single letter or an initialism ("B.S.", "U.S."). Two sets of [`Rules`] cover the
//! two kinds of text atscore cuts: [`PROSE`] (job descriptions: any sentence end, inline
//! bullets, digits and bullets may open a sentence) and [`HEADER`] (a resume entry's header
//! line: periods only, a capital must follow, a legal-form abbreviation ends the company name
//! rather than continuing it, and no cut before a legal form: "Omnious. Co., Ltd.").

use std::ops::Range;
use std::sync::LazyLock;

use crate::lexicon::{ABBREVIATIONS, ORG_SUFFIXES};

/// How a kind of text is cut into sentences.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Characters that end a sentence.
    pub ends: &'static [char],
    /// Besides a capital letter, a digit, a bullet, an opening bracket or quote, or a currency
    /// sign may open the next sentence.
    pub loose_openings: bool,
    /// Also cut before an inline bullet (" - Next point", " • Next point").
    pub inline_bullets: bool,
    /// A legal-form abbreviation ("Inc.", "Ltd.") ends the sentence instead of continuing it.
    pub org_abbreviations_end: bool,
    /// Never cut right before a legal form ("Omnious. Co., Ltd.").
    pub keep_before_legal_form: bool,
}

/// Running text: job descriptions, summaries, bullets.
pub const PROSE: Rules = Rules {
    ends: &['.', '!', '?', '。', '！', '？'],
    loose_openings: true,
    inline_bullets: true,
    org_abbreviations_end: false,
    keep_before_legal_form: false,
};

/// A resume entry's header line ("Pied Piper, Palo Alto, CA. CEO/President"): cut into its
/// fields at ". " before a capital.
pub const HEADER: Rules = Rules {
    ends: &['.'],
    loose_openings: false,
    inline_bullets: false,
    org_abbreviations_end: true,
    keep_before_legal_form: true,
};

/// (class, abbreviation) rows of the lexicon.
static CLASSES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    ABBREVIATIONS
        .iter()
        .map(|&(class, a)| {
            assert!(
                matches!(class, "title" | "general" | "org"),
                "lexicon {}: unknown class {class:?}",
                ABBREVIATIONS.name()
            );
            (class, a)
        })
        .collect()
});

fn is_abbreviation(word: &str, rules: &Rules) -> bool {
    CLASSES
        .iter()
        .any(|&(class, a)| a == word && !(rules.org_abbreviations_end && class == "org"))
}

/// A legal form such as "Co", "Ltd" or "GmbH" (with or without its period).
fn is_legal_form(word: &str) -> bool {
    ORG_SUFFIXES.contains(&word)
        || ORG_SUFFIXES
            .iter()
            .any(|s| s.strip_suffix('.') == Some(word))
}

/// Cut `text` into sentences: byte ranges of the pieces, without surrounding white space, each
/// with its final punctuation.
pub fn sentences(text: &str, rules: &Rules) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (bi, c) = chars[i];
        let followed_by_space = chars.get(i + 1).is_some_and(|(_, c)| c.is_whitespace());
        let mut split_at: Option<(usize, usize)> = None; // (end of sentence, start of next)
        if rules.ends.contains(&c) && followed_by_space {
            let next_nonspace = chars[i + 1..].iter().find(|(_, c)| !c.is_whitespace());
            if let Some(&(nb, nc)) = next_nonspace {
                let starts_new = nc.is_uppercase()
                    || (rules.loose_openings
                        && (nc.is_ascii_digit()
                            || matches!(
                                nc,
                                '•' | '-' | '*' | '–' | '(' | '"' | '“' | '$' | '€' | '£'
                            )));
                let word: String = text[start..bi]
                    .rsplit(|c: char| c.is_whitespace() || c == '(')
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                let single = word.chars().count() == 1
                    || (word.len() <= 4 && word.contains('.') && c == '.');
                let abbrev = c == '.' && (is_abbreviation(&word, rules) || single);
                let next_word: String = text[nb..]
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                let keep = rules.keep_before_legal_form && is_legal_form(&next_word);
                if starts_new && !abbrev && !keep {
                    split_at = Some((bi + c.len_utf8(), nb));
                }
            }
        } else if rules.inline_bullets && c.is_whitespace() {
            if let Some(&(bb, bc)) = chars.get(i + 1) {
                if matches!(bc, '-' | '•' | '*' | '–' | '·' | '●' | '▪')
                    && chars.get(i + 2).is_some_and(|(_, c)| *c == ' ')
                {
                    if let Some(&(nb, nc)) = chars[i + 2..].iter().find(|(_, c)| !c.is_whitespace())
                    {
                        if (nc.is_uppercase() || matches!(nc, '$' | '€' | '£')) && bb > start {
                            split_at = Some((bi, nb));
                        }
                    }
                }
            }
        }
        if let Some((end, next)) = split_at {
            push_trimmed(&mut out, text, start..end);
            start = next;
            while i < chars.len() && chars[i].0 < next {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    if start < text.len() {
        push_trimmed(&mut out, text, start..text.len());
    }
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let seg = &text[r.clone()];
    let s = seg.trim();
    if !s.is_empty() {
        let off = r.start + (seg.len() - seg.trim_start().len());
        out.push(off..off + s.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut<'a>(t: &'a str, rules: &Rules) -> Vec<&'a str> {
        sentences(t, rules).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn prose() {
        assert_eq!(
            cut("We build things. You will lead e.g. design reviews. Dr. Smith reports to you! 5+ years?", &PROSE),
            ["We build things.", "You will lead e.g. design reviews.", "Dr. Smith reports to you!", "5+ years?"]
        );
        assert_eq!(
            cut("Acme Inc. Builds tools", &PROSE),
            ["Acme Inc. Builds tools"]
        );
        assert_eq!(
            cut("Skills - Python - Go", &PROSE),
            ["Skills", "Python", "Go"]
        );
        assert_eq!(cut("B.S. Physics. Next", &PROSE), ["B.S. Physics.", "Next"]);
    }

    #[test]
    fn header() {
        assert_eq!(
            cut("Pied Piper, Palo Alto, CA. CEO/President", &HEADER),
            ["Pied Piper, Palo Alto, CA.", "CEO/President"]
        );
        assert_eq!(cut("Worked in St. Louis. Then more", &HEADER).len(), 2);
        assert_eq!(
            cut("Acme Inc. Software Engineer", &HEADER),
            ["Acme Inc.", "Software Engineer"]
        );
        assert_eq!(cut("Omnious. Co., Ltd.", &HEADER), ["Omnious. Co., Ltd."]);
        assert_eq!(cut("B.S. Physics", &HEADER), ["B.S. Physics"]);
        assert_eq!(cut("Yahoo! Inc.", &HEADER), ["Yahoo! Inc."]);
        assert_eq!(cut("Acme. 2019", &HEADER), ["Acme. 2019"]);
    }
}
