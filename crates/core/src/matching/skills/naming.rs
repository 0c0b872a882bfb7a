//! Skill names for ESCO's verb-phrase labels. ESCO names its skills as verb phrases ("train
//! employees", "evaluate nursing care", "comply with regulations"); a recruiter and a resume
//! write the noun ("employee training", "nursing care evaluation", "compliance with
//! regulations"). The generator names such a skill by the noun phrase, which also merges it
//! into the curated skill of that name when one exists ("manage inventory" → Inventory
//! Management); the verb phrase stays one of its forms. Verb → noun: `data/lexicon/
//! verb-nominals.tsv`; other verbs take their -ing form before the object as written
//! ("accept constructive criticism" → "Accepting constructive criticism").

use crate::lexicon::VERB_NOMINALS;

/// Prepositions and conjunctions that end a verb's object ("comply *with* …", "train staff
/// *in* …"): shared by the skill names here and the duty reader (`super::duties`).
pub(super) const OBJECT_ENDS: &[&str] = &[
    "of",
    "for",
    "in",
    "on",
    "at",
    "to",
    "with",
    "from",
    "into",
    "by",
    "about",
    "under",
    "during",
    "within",
    "across",
    "through",
    "as",
    "per",
    "using",
    "via",
    "when",
    "while",
    "that",
    "which",
    "where",
    "after",
    "before",
    "against",
    "between",
    "among",
    "throughout",
];

/// More words that end an object in a skill label ("according to", "based on").
const LABEL_OBJECT_ENDS: &[&str] = &[
    "according",
    "based",
    "regarding",
    "onto",
    "upon",
    "towards",
    "toward",
    "without",
];

/// Determiners dropped from the object ("lead *a* team" → Team leadership).
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one's", "their", "your", "its", "his", "her", "our",
];

/// Plural words that keep their form as a modifier ("operations management", "public
/// relations management").
const KEEP_PLURAL: &[&str] = &[
    "operations",
    "relations",
    "communications",
    "sales",
    "goods",
    "news",
    "species",
    "series",
    "premises",
    "clothes",
    "arms",
    "affairs",
    "proceedings",
    "means",
    "savings",
    "earnings",
    "finances",
    "customs",
    "surroundings",
    "belongings",
    "facilities",
    "logistics",
    "electronics",
    "graphics",
    "statistics",
    "mathematics",
    "physics",
    "economics",
    "ethics",
    "analytics",
    "acoustics",
    "dynamics",
    "mechanics",
    "robotics",
    "pharmaceutics",
];

/// Particles of phrasal verbs, skipped after the verb ("carry *out* inspections").
const PARTICLES: &[&str] = &["out", "up"];

/// The noun-phrase name of a verb-phrase skill label, or `None` when the label is not a verb
/// phrase this can rename (it then keeps its label). `label` has no parenthesised qualifier.
pub(crate) fn noun_phrase_name(label: &str) -> Option<String> {
    let words: Vec<&str> = label.split_whitespace().collect();
    let verb = *words.first()?;
    if !verb.chars().all(|c| c.is_ascii_lowercase()) || verb.len() < 2 {
        return None;
    }
    let lookup = |v: &str| VERB_NOMINALS.iter().find(|(k, _)| *k == v).map(|p| p.1);
    let mut i = 1;
    let mut listed = lookup(verb);
    // "carry out", "set up": the phrasal verb's own entry, else the verb's.
    if let Some(p) = words.get(1).filter(|w| PARTICLES.contains(w)) {
        i = 2;
        listed = lookup(&format!("{verb} {p}")).or(listed);
    }
    if listed.is_none() && (verb.ends_with("ing") || verb.ends_with("ly") || verb.ends_with("ed")) {
        return None; // a gerund, adverb or participle: not a bare verb
    }
    // "recruit and train staff": coordinated verbs, left as written.
    if words
        .get(i)
        .is_some_and(|w| matches!(*w, "and" | "or" | "and/or"))
    {
        return None;
    }
    while words.get(i).is_some_and(|w| DETERMINERS.contains(w)) {
        i += 1;
    }
    let start = i;
    while let Some(w) = words.get(i) {
        if OBJECT_ENDS.contains(w) || LABEL_OBJECT_ENDS.contains(w) {
            break;
        }
        i += 1;
    }
    let mut object: Vec<String> = words[start..i].iter().map(|w| (*w).to_string()).collect();
    // "health and safety" stays inside the object; a trailing "and" does not.
    while object
        .last()
        .is_some_and(|w| matches!(w.as_str(), "and" | "or" | "and/or"))
    {
        object.pop();
    }
    let rest = words[start + object.len()..].join(" ");
    let nominal = match listed {
        Some("-") => {
            if object.is_empty() {
                return None;
            }
            // "use Bing", "apply flux": one word alone is too weak a name (it would merge
            // into whatever else is called so); "Using Bing".
            let activity = ["ing", "tion", "sion", "ment", "sis", "ance", "ence"];
            if object.len() == 1
                && rest.is_empty()
                && !activity
                    .iter()
                    .any(|x| object[0].trim_end_matches('s').ends_with(x))
            {
                return Some(capitalise(&gerund_phrase(verb, &words[1..])));
            }
            let mut name = object.join(" ");
            if !rest.is_empty() {
                name.push(' ');
                name.push_str(&rest);
            }
            return Some(capitalise(&name));
        }
        Some(n) => n.to_string(),
        // A verb without a noun of its own reads best as its -ing form before its object, as
        // written ("accept constructive criticism" → "Accepting constructive criticism").
        None => return Some(capitalise(&gerund_phrase(verb, &words[1..]))),
    };
    // "adapt text culturally": an adverb stays after the verb ("Adapting text culturally").
    if words
        .last()
        .is_some_and(|w| w.len() > 4 && w.ends_with("ly") && !NOUNS_IN_LY.contains(w))
    {
        return Some(capitalise(&gerund_phrase(verb, &words[1..])));
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(last) = object.last_mut() {
        *last = singular(last);
        parts.push(object.join(" "));
    }
    parts.push(nominal);
    if !rest.is_empty() {
        parts.push(rest);
    }
    Some(capitalise(&parts.join(" ")))
}

/// Nouns ending in "-ly", not adverbs.
const NOUNS_IN_LY: &[&str] = &[
    "supply", "assembly", "family", "anomaly", "monopoly", "reply", "rally",
];

/// "accept" + "constructive criticism" → "accepting constructive criticism".
fn gerund_phrase(verb: &str, rest: &[&str]) -> String {
    let mut out = gerund(verb);
    for w in rest {
        out.push(' ');
        out.push_str(w);
    }
    out
}

/// The -ing form of a verb not in the table ("tend" → "tending", "operate" → "operating",
/// "tie" → "tying").
fn gerund(verb: &str) -> String {
    if let Some(stem) = verb.strip_suffix("ie") {
        return format!("{stem}ying");
    }
    if verb.ends_with('e')
        && !verb.ends_with("ee")
        && !verb.ends_with("ye")
        && !verb.ends_with("oe")
    {
        return format!("{}ing", &verb[..verb.len() - 1]);
    }
    format!("{verb}ing")
}

/// A plural noun as a modifier ("employees" → "employee", "opportunities" → "opportunity").
fn singular(word: &str) -> String {
    let lower = word.to_lowercase();
    if KEEP_PLURAL.contains(&lower.as_str()) || !word.chars().all(|c| c.is_ascii_lowercase()) {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() >= 2) {
        return format!("{stem}y");
    }
    for suffix in ["sses", "ches", "shes", "xes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_string();
        }
    }
    if word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::noun_phrase_name as n;

    #[test]
    fn verb_phrases_become_noun_phrases() {
        assert_eq!(n("train employees").as_deref(), Some("Employee training"));
        assert_eq!(
            n("evaluate nursing care").as_deref(),
            Some("Nursing care evaluation")
        );
        assert_eq!(n("lead a team").as_deref(), Some("Team leadership"));
        assert_eq!(
            n("manage inventory").as_deref(),
            Some("Inventory management")
        );
        assert_eq!(n("troubleshoot").as_deref(), Some("Troubleshooting"));
        assert_eq!(n("tend machines").as_deref(), Some("Tending machines"));
        assert_eq!(n("act discreetly").as_deref(), Some("Acting discreetly"));
        assert_eq!(
            n("adapt text culturally").as_deref(),
            Some("Adapting text culturally")
        );
        assert_eq!(
            n("comply with legal regulations").as_deref(),
            Some("Compliance with legal regulations")
        );
        assert_eq!(
            n("deal with arrivals in accommodation").as_deref(),
            Some("Dealing with arrivals in accommodation")
        );
        assert_eq!(
            n("perform troubleshooting").as_deref(),
            Some("Troubleshooting")
        );
        assert_eq!(n("carry out inspections").as_deref(), Some("Inspections"));
        assert_eq!(
            n("maintain health and safety standards").as_deref(),
            Some("Health and safety standard maintenance")
        );
        assert_eq!(
            n("manage operations").as_deref(),
            Some("Operations management")
        );
        assert_eq!(n("set up equipment").as_deref(), Some("Equipment setup"));
        assert_eq!(n("apply flux").as_deref(), Some("Applying flux"));
        assert_eq!(n("use ICT tools").as_deref(), Some("ICT tools"));
        assert_eq!(n("recruit and train staff"), None);
        assert_eq!(n("leading a team"), None);
        assert_eq!(n("Java"), None);
    }
}
