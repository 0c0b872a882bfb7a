//! Skills written as duties: a clause that opens with a list of verbs sharing one object
//! ("Recruit, hire, onboard and train front- and back-of-house staff"; "Trained and coached 12
//! new hires") names a skill for each verb with the object — "recruit staff", "train staff" —
//! though none of those phrases is written out. Each verb (in any tense) is put back together
//! with the object and with the object's shorter tails ("back-of-house staff", "staff"), and
//! the phrase is looked up among the taxonomy's forms, most of which come from ESCO's verb-phrase
//! skills and our domain tables. Only clause openings are read (after "you will", "responsible
//! for"…), where a duty's verbs stand, and only words of `data/lexicon/duty-verbs.txt` are
//! verbs; the taxonomy decides which verb and object make a skill.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::matcher::{Matcher, SkillMatch};
use crate::lexicon::DUTY_VERBS;

static VERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| DUTY_VERBS.iter().copied().collect());
static ENDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    super::naming::OBJECT_ENDS
        .iter()
        .chain(DUTY_OBJECT_ENDS)
        .copied()
        .collect()
});

/// More words that end a duty's object ("… *including* …", "… *daily*"), beside the shared
/// [`super::naming::OBJECT_ENDS`].
const DUTY_OBJECT_ENDS: &[&str] = &[
    "including",
    "such",
    "who",
    "so",
    "like",
    "daily",
    "weekly",
    "monthly",
];

/// Openings before a duty's verbs.
const OPENINGS: &[&[&str]] = &[
    &["you", "will", "also"],
    &["you", "will"],
    &["you'll"],
    &["you", "ll"],
    &["will"],
    &["responsible", "for"],
    &["proven", "ability", "to"],
    &["ability", "to"],
    &["able", "to"],
    &["experience"],
    &["and"],
];

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "our", "your", "all", "their", "its", "new",
];

/// Words for the people a manager recruits, trains and schedules, tried as "staff" and
/// "employees" too ("train front-of-house associates" → "train staff").
const STAFF_WORDS: &[&str] = &[
    "staff",
    "employees",
    "employee",
    "associates",
    "workers",
    "personnel",
    "crew",
    "crews",
    "hires",
    "members",
    "team",
    "teams",
    "agents",
    "managers",
    "supervisors",
];

/// Past forms that are not "-ed".
const IRREGULAR: &[(&str, &str)] = &[
    ("led", "lead"),
    ("built", "build"),
    ("ran", "run"),
    ("wrote", "write"),
    ("written", "write"),
    ("sold", "sell"),
    ("taught", "teach"),
    ("drove", "drive"),
    ("made", "make"),
    ("oversaw", "oversee"),
    ("overseen", "oversee"),
    ("kept", "keep"),
    ("met", "meet"),
    ("held", "hold"),
    ("bought", "buy"),
    ("brought", "bring"),
    ("sought", "seek"),
    ("spoke", "speak"),
    ("took", "take"),
    ("gave", "give"),
    ("grew", "grow"),
    ("drew", "draw"),
    ("won", "win"),
    ("began", "begin"),
    ("chose", "choose"),
    ("undertook", "undertake"),
    ("told", "tell"),
    ("paid", "pay"),
    ("laid", "lay"),
    ("sent", "send"),
    ("spent", "spend"),
    ("found", "find"),
    ("understood", "understand"),
];

/// A word of a clause: its lower-case text and byte range in the searched text.
struct Word {
    lower: String,
    start: usize,
    end: usize,
}

/// The skills named by duty clauses of `text` that `found` (the matcher's mentions) does not
/// already cover; each spans the verb it was read from.
pub(crate) fn duty_matches(matcher: &Matcher, text: &str, found: &[SkillMatch]) -> Vec<SkillMatch> {
    let verbs = &*VERBS;
    let mut out: Vec<SkillMatch> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let ends = matches!(c, '\n' | ';' | '•' | ':' | '!' | '?')
            || (c == '.' && text[i + 1..].starts_with(char::is_whitespace));
        if ends {
            clause(matcher, verbs, text, start, i, found, &mut out);
            start = i + c.len_utf8();
        }
    }
    clause(matcher, verbs, text, start, text.len(), found, &mut out);
    out
}

/// The first `max` words of `text[from..to]`.
fn words_of(text: &str, from: usize, to: usize, max: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur: Option<usize> = None;
    let slice = &text[from..to];
    for (i, c) in slice.char_indices() {
        let part = c.is_alphanumeric() || c == '\'' || c == '-' || c == '&';
        match (part, cur) {
            (true, None) => cur = Some(i),
            (false, Some(s)) => {
                out.push(word(slice, from, s, i));
                cur = None;
                if out.len() == max {
                    return out;
                }
            }
            _ => {}
        }
    }
    if let Some(s) = cur {
        out.push(word(slice, from, s, slice.len()));
    }
    out
}

fn word(slice: &str, from: usize, s: usize, e: usize) -> Word {
    let w = slice[s..e].trim_end_matches(['-', '\'']);
    Word {
        lower: w.to_lowercase(),
        start: from + s,
        end: from + s + w.len(),
    }
}

/// The base forms a word may be a tense of, among the known verbs.
fn lemmas(w: &str, verbs: &HashSet<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut keep = |cand: &str| {
        if verbs.contains(cand) && !out.iter().any(|o| o == cand) {
            out.push(cand.to_string());
        }
    };
    keep(w);
    if let Some(&(_, base)) = IRREGULAR.iter().find(|(p, _)| *p == w) {
        keep(base);
    }
    let mut buf = String::with_capacity(w.len() + 1);
    for (suffix, add) in [
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
    ] {
        if let Some(stem) = w.strip_suffix(suffix).filter(|s| s.len() >= 2) {
            buf.clear();
            buf.push_str(stem);
            buf.push_str(add);
            keep(&buf);
            // "planned", "planning" → "plan"
            let b = stem.as_bytes();
            if add.is_empty() && b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
                keep(&stem[..stem.len() - 1]);
            }
        }
    }
    out
}

fn clause(
    matcher: &Matcher,
    verbs: &HashSet<&str>,
    text: &str,
    from: usize,
    to: usize,
    found: &[SkillMatch],
    out: &mut Vec<SkillMatch>,
) {
    if to <= from + 4 {
        return;
    }
    // Most clause openings are no verb: look at the first four words before reading more.
    let head = words_of(text, from, to, 4);
    let opening = OPENINGS
        .iter()
        .find(|o| o.len() < head.len() && o.iter().zip(&head).all(|(a, w)| w.lower == *a))
        .map_or(0, |o| o.len());
    if head
        .get(opening)
        .is_none_or(|w| lemmas(&w.lower, verbs).is_empty())
    {
        return;
    }
    // opening (≤ 3) + verbs with their joins (≤ 11) + object (≤ 8) + one word after it
    let words = words_of(text, from, to, 24);
    let mut i = opening;
    // The verb list: verbs joined by ",", "/", "&", "and", "or".
    let mut list: Vec<(usize, Vec<String>)> = Vec::new();
    while let Some(w) = words.get(i) {
        let l = lemmas(&w.lower, verbs);
        // A word we do not know as a verb ("onboard") inside a list of verbs is one too.
        let inside = !list.is_empty()
            && words.get(i + 1).is_some_and(|n| {
                let gap = text[w.end..n.start].trim();
                gap == "," || (gap.is_empty() && matches!(n.lower.as_str(), "and" | "or"))
            });
        if (l.is_empty() && !inside) || list.len() == 6 {
            break;
        }
        let l = if l.is_empty() {
            vec![w.lower.clone()]
        } else {
            l
        };
        list.push((i, l));
        let Some(next) = words.get(i + 1) else {
            i += 1;
            break;
        };
        let gap = text[w.end..next.start].trim();
        if matches!(next.lower.as_str(), "and" | "or") && matches!(gap, "" | ",") {
            i += 2;
        } else if matches!(gap, "," | "/" | "&") {
            i += 1;
        } else {
            i += 1;
            break;
        }
    }
    if list.is_empty() {
        return;
    }
    // The object: up to 8 words, determiners skipped, to a preposition or a stop.
    while words
        .get(i)
        .is_some_and(|w| DETERMINERS.contains(&w.lower.as_str()))
    {
        i += 1;
    }
    let obj_start = i;
    while let Some(w) = words.get(i) {
        if i - obj_start == 8 || ENDS.contains(w.lower.as_str()) {
            break;
        }
        if i > obj_start && text[words[i - 1].end..w.start].contains(['(', ')', '"']) {
            break;
        }
        // "negotiate pricing and close agreements": the next verb ends the object.
        if i > obj_start
            && words.get(i + 1).is_some_and(|n| {
                let joined = matches!(w.lower.as_str(), "and" | "or");
                joined
                    && n.lower.chars().all(|c| c.is_ascii_lowercase())
                    && verbs.contains(n.lower.as_str())
            })
        {
            break;
        }
        i += 1;
    }
    let object = &words[obj_start..i];
    // Spans of the object, longest first ("back-of-house staff", "staff"): the head noun may
    // sit before a trailing phrase ("train staff twice a year").
    let mut tails: Vec<String> = Vec::new();
    if object.is_empty() {
        return;
    }
    for len in (1..=object.len().min(4)).rev() {
        for (k, span) in object.windows(len).enumerate() {
            let edge = |w: &Word| matches!(w.lower.as_str(), "and" | "or" | "a" | "an" | "the");
            if edge(&span[0]) || edge(&span[len - 1]) {
                continue;
            }
            let words: Vec<&str> = span.iter().map(|w| w.lower.as_str()).collect();
            let staff = STAFF_WORDS.contains(&words[len - 1]);
            // A span starts the object or a conjunct of it ("control food, beverage and
            // *labor costs*"); dropping a modifier would change the thing ("design stormwater
            // systems" is not "design systems"), except before a word for staff.
            let conjunct = k == 0
                || edge(&object[k - 1])
                || text[object[k - 1].end..span[0].start].contains(',');
            if !(conjunct || (staff && len == 1)) {
                continue;
            }
            tails.push(words.join(" "));
            if staff {
                let head = words[..len - 1].join(" ");
                for s in ["staff", "employees"] {
                    tails.push(if head.is_empty() {
                        s.to_string()
                    } else {
                        format!("{head} {s}")
                    });
                }
            }
        }
    }
    let mut phrase = String::new();
    for (wi, lemmas) in &list {
        let w = &words[*wi];
        // `found` is in text order: the mentions that may overlap the verb are just before it.
        let first = found.partition_point(|m| m.end <= w.start);
        if found[first..]
            .iter()
            .take_while(|m| m.start < w.end)
            .any(|m| m.start < w.end && w.start < m.end)
        {
            continue;
        }
        'verb: for l in lemmas {
            // Only tails whose first word follows the verb in some form are looked up whole
            // (most clause openings name no skill: one map probe each).
            let mut opens: Vec<(&str, bool)> = Vec::new();
            for t in &tails {
                let head = t.split(' ').next().unwrap_or("");
                let known = match opens.iter().find(|(h, _)| *h == head) {
                    Some(&(_, k)) => k,
                    None => {
                        phrase.clear();
                        phrase.push_str(l);
                        phrase.push(' ');
                        phrase.push_str(head);
                        let k = matcher.starts_a_form(&phrase);
                        opens.push((head, k));
                        k
                    }
                };
                if !known {
                    continue;
                }
                phrase.clear();
                phrase.push_str(l);
                phrase.push(' ');
                phrase.push_str(t);
                if let Some(skill) = matcher.lookup(&phrase) {
                    if !out.iter().any(|m| m.skill == skill && m.start == w.start) {
                        out.push(SkillMatch {
                            skill,
                            matched_as: format!("{} {}", &text[w.start..w.end], t),
                            start: w.start,
                            end: w.end,
                        });
                    }
                    break 'verb;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::matching::skills::Taxonomy;

    fn names(text: &str) -> Vec<String> {
        let tax = Taxonomy::embedded();
        tax.find(text)
            .iter()
            .map(|m| format!("{} ({})", tax.skill(m.skill).name, m.matched_as))
            .collect()
    }

    #[test]
    fn coordinated_verbs_share_their_object() {
        let n = names("Recruit, hire, onboard and train front- and back-of-house staff; coach and evaluate the management team");
        for want in [
            "Recruiting (Recruit staff)",
            "Hiring (hire staff)",
            "Onboarding (onboard staff)",
            "Staff Training (train staff)",
            "Coaching (coach staff)",
        ] {
            assert!(n.iter().any(|s| s == want), "{want} not in {n:?}");
        }
        // past tense, in a resume bullet
        let n = names("Hired, trained and coached 12 new associates for the night shift");
        assert!(n.iter().any(|s| s.starts_with("Staff Training")), "{n:?}");
        assert!(n.iter().any(|s| s.starts_with("Coaching")), "{n:?}");
    }

    #[test]
    fn an_object_ends_at_the_next_verb() {
        // "close agreements", not "negotiate agreements"
        let n = names("Negotiate pricing and contract terms and close multi-year agreements");
        assert!(
            !n.iter().any(|s| s.contains("negotiate agreements")),
            "{n:?}"
        );
    }

    #[test]
    fn only_clause_openings_are_duties() {
        // "train" inside a sentence is not a duty's verb
        let n = names("Our regional trainers visit and train front-of-house staff twice a year");
        assert!(!n.iter().any(|s| s.starts_with("Staff Training")), "{n:?}");
        // the same words at a clause opening are a duty
        let n = names("Visit and train front-of-house staff twice a year");
        assert!(n.iter().any(|s| s.starts_with("Staff Training")), "{n:?}");
    }
}
