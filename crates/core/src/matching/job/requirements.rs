//! Years of experience and degree levels asked for by a job description.
//!
//! Years: "5+ years", "at least 3 years", "minimum of 2 years", "3-5 years" (→ 3), "five (5)
//! years", "2+ yrs", "3 ans d'expérience", "3 años", "3 Jahre Berufserfahrung". A number of
//! years counts only when it is about experience: followed by "of", "in", "with",
//! "experience"…, or in a sentence that says "experience"; never "5 years ago", "founded 20
//! years ago", "18 years of age", "aged 18-25 years", "for over 20 years", "a 2-year contract".
//!
//! Degrees: Bachelor's / BS / BA / B.Sc. / undergraduate / "a degree in", Master's / MS / MSc /
//! MBA, PhD / doctorate, Associate, high school / GED (and bac+N, licence, Abitur…). Within one
//! sentence, alternatives ("Bachelor's or Master's") mean the lowest; "or equivalent
//! experience" makes the degree not strictly required.

use std::sync::LazyLock;

use regex::Regex;

use crate::resume::entities::education::DegreeLevel;

/// A number of years found in a sentence, with its byte span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct YearsMention {
    pub min: f64,
    pub max: Option<f64>,
    pub start: usize,
    pub end: usize,
}

const NUM: &str = r"\d{1,2}(?:[.,]5)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|un|une|deux|trois|quatre|cinq|sept|huit|dix|uno|dos|tres|cuatro|cinco|seis|siete|ocho|diez|ein|eins|zwei|drei|vier|f[üu]nf|sechs|sieben|acht|zehn";

static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:\b(?:at\s+least|a\s+minimum\s+of|minimum\s+of|minimum|min\.?|over|more\s+than|au\s+moins|minimum\s+de|al\s+menos|m[íi]nimo(?:\s+de)?|mindestens)\s+)?\b(?P<n>{NUM})(?:\s*\(\d{{1,2}}\))?\s*(?P<plus>\+|plus\b)?(?:\s+or\s+more)?(?:\s*(?:-|–|—|to|à|a|bis|or)\s*(?P<m>{NUM})(?:\s*\(\d{{1,2}}\))?\s*\+?)?[\s-]*(?:years?|yrs?|ann[ée]es?|ans|años|anos|jahren?|jahre)\b['’]?s?"
    ))
    .expect("years regex")
});

static EXPERIENCE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:experience|exp\.?|exp[ée]rience|experiencia|erfahrung|berufserfahrung|background|track\s+record|working|worked|professional)\b")
        .expect("experience regex")
});

static AFTER_OK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:of|in|with|on|as|at|doing|building|developing|designing|leading|managing|working|using|programming|writing|experience|exp\b|professional|relevant|related|hands|industry|commercial|previous|progressive|proven|post|practical|production|d['’]|de\b|dans|en\b|d['’]exp|im\b|mit\b|erfahrung|berufserfahrung|\+|plus|[a-z]{3,}ing\b)")
        .expect("after regex")
});

static AFTER_BAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:ago|old|of\s+age|of\s+history|in\s+business|of\s+operation|contract|warranty|guarantee|d['’]existence|de\s+edad|alt\b)")
        .expect("after-bad regex")
});

static BEFORE_BAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bfounded|\bsince|\bestablished|\baged?|\b(?:business|been|operating|existed|around)\s+for|\bwe\s+have|\bwe['’]ve|\bour|\bpast|\blast|\bnext|\bwithin|\bafter|\bevery|\bper|\bup\s+to|\bfirst|\bdepuis|\bhace|\bseit)\s*(?:over|more\s+than|almost|nearly|the\s+(?:past|last|next))?\s*$")
        .expect("before-bad regex")
});

static ADDITIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:additional|extra|further)\s*$").expect("additional regex")
});

static SUBSTITUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bsubstitut|\bin\s+lieu\b|\bin\s+place\s+of\b|\binstead\s+of\b")
        .expect("substitute regex")
});

fn number(s: &str) -> Option<f64> {
    let s = s.to_lowercase();
    if let Ok(v) = s.replace(',', ".").parse::<f64>() {
        return Some(v);
    }
    let v = match s.as_str() {
        "one" | "un" | "une" | "uno" | "ein" | "eins" => 1.0,
        "two" | "deux" | "dos" | "zwei" => 2.0,
        "three" | "trois" | "tres" | "drei" => 3.0,
        "four" | "quatre" | "cuatro" | "vier" => 4.0,
        "five" | "cinq" | "cinco" | "fünf" | "funf" => 5.0,
        "six" | "seis" | "sechs" => 6.0,
        "seven" | "sept" | "siete" | "sieben" => 7.0,
        "eight" | "huit" | "ocho" | "acht" => 8.0,
        "nine" => 9.0,
        "ten" | "dix" | "diez" | "zehn" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        _ => return None,
    };
    Some(v)
}

/// Experience-year mentions in a sentence.
pub(crate) fn years_mentions(sentence: &str) -> Vec<YearsMention> {
    let mut out = Vec::new();
    let has_exp_word = EXPERIENCE_WORD.is_match(sentence);
    for c in YEARS.captures_iter(sentence) {
        let (Some(all), Some(n)) = (c.get(0), c.name("n")) else {
            continue;
        };
        let Some(min) = number(n.as_str()) else {
            continue;
        };
        let max = c.name("m").and_then(|m| number(m.as_str()));
        let before = &sentence[..all.start()];
        let after = &sentence[all.end()..];
        if before.trim_end().ends_with(['$', '€', '£', '#']) || after.starts_with('%') {
            continue;
        }
        if AFTER_BAD.is_match(after) || BEFORE_BAD.is_match(before) {
            continue;
        }
        // "an additional four years of experience may substitute for the degree"
        if ADDITIONAL.is_match(before) && SUBSTITUTE.is_match(sentence) {
            continue;
        }
        if !(AFTER_OK.is_match(after) || has_exp_word) {
            continue;
        }
        // Age ranges ("18-25 years"), implausible requirements.
        if !(0.5..=25.0).contains(&min) || max.is_some_and(|m| m < min || m > 40.0) {
            continue;
        }
        out.push(YearsMention {
            min,
            max,
            start: all.start(),
            end: all.end(),
        });
    }
    out
}

static DEGREES: LazyLock<Vec<(DegreeLevel, Regex)>> = LazyLock::new(|| {
    let t: &[(DegreeLevel, &str)] = &[
        (
            DegreeLevel::Doctorate,
            r"(?i)\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral\s+degree|\bdoctorat\b|\bdoctorado\b|\bbac\s*\+\s*8\b|\bpromotion\s+in\b",
        ),
        (
            DegreeLevel::Master,
            r"(?i)\bmaster['’]?s?\b|\bmasters\b|\bm\.\s?sc\b|\bmsc\b|\bmba\b|\bm\.b\.a\.?|\bm\.s\.|\bmast[èe]re\b|\bm[áa]ster\b|\bmaestr[íi]a\b|\bdipl[ôo]me\s+d['’]ing[ée]nieur|\bbac\s*\+\s*5\b|(?:^|[^-\w])graduate\s+degree|\badvanced\s+degree|\bpostgraduate\b|\bdiplom\b",
        ),
        (
            DegreeLevel::Master,
            r"\b(?:MS|MA)\s*(?:degree|in\b|/)|/\s*(?:MS|MA)\b|\bMSc\b",
        ),
        (
            DegreeLevel::Bachelor,
            r"(?i)\bbachelor['’]?s?\b|\bb\.\s?sc\b|\bb\.s\.|\bb\.a\.|\bbeng\b|\bundergrad(?:uate)?\b|\b(?:4|four)[- ]year\s+(?:college\s+|university\s+)?degree|\bcollege\s+degree|\buniversity\s+degree|\bbac\s*\+\s*[34]\b|\blicence\b|\blicenciatura\b|\bgrado\s+(?:en|universitario)|\bhochschulabschluss\b|\bstudium\b",
        ),
        (
            DegreeLevel::Bachelor,
            r"\b(?:BS|BSc|BA)\s*(?:degree|in\b|/)|/\s*(?:BS|BA)\b|\bBS\b|\bBSc\b",
        ),
        (
            DegreeLevel::Associate,
            r"(?i)\bassociate['’]?s?\s+(?:degree|of|in)\b|\b(?:2|two)[- ]year\s+degree|\bbac\s*\+\s*2\b|\bAA\s+degree|\bAAS\b|\bBTS\b|\bDUT\b",
        ),
        (
            DegreeLevel::HighSchool,
            r"(?i)\bhigh\s+school\b|\bGED\b|\bsecondary\s+school\b|\bbaccalaur[ée]at\b|\babitur\b|\bbachillerato\b",
        ),
    ];
    t.iter()
        .map(|(l, p)| (*l, Regex::new(p).expect("degree regex")))
        .collect()
});

/// "a degree in", "relevant degree", "degree required" (not "a high degree of").
static GENERIC_DEGREE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:degree|dipl[ôo]me|titulaci[óo]n|titulo\s+universitario|t[íi]tulo\s+universitario|abschluss)\b(?:\s+(?:in|from|required|en|de|is|or)\b|\s*[,.;)]|\s*$)")
        .expect("generic degree regex")
});

static EQUIVALENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bor\s+(?:an?\s+)?equivalent\b|\bequivalent\s+(?:practical\s+|work\s+|professional\s+|combination|education|training|experience)|\bin[- ]lieu\s+of\b|\bor\s+(?:related|relevant|comparable)\s+experience\b|\bor\s+comparable\b|\bou\s+[ée]quivalent|\bo\s+equivalente\b|\boder\s+(?:eine\s+)?vergleichbare?")
        .expect("equivalent regex")
});

/// The degree levels named in a sentence, with their byte spans (a bare "degree in …" counts as
/// a bachelor's when no level is named).
pub(crate) fn degree_mentions(sentence: &str) -> Vec<(DegreeLevel, usize, usize)> {
    let mut out: Vec<(DegreeLevel, usize, usize)> = Vec::new();
    for (l, re) in DEGREES.iter() {
        for m in re.find_iter(sentence) {
            out.push((*l, m.start(), m.end()));
        }
    }
    for (l, r) in crate::resume::entities::degrees::abbreviation_matches(sentence) {
        if !out.iter().any(|o| o.1 < r.end && r.start < o.2) {
            out.push((l, r.start, r.end));
        }
    }
    if out.is_empty() {
        if let Some(m) = GENERIC_DEGREE.find(sentence) {
            out.push((DegreeLevel::Bachelor, m.start(), m.end()));
        }
    }
    out.sort_by_key(|m| m.1);
    out
}

static FIELD_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[’'s]*\s*(?:\([^)]{1,12}\)\s*)?(?:degree\s+|diploma\s+)?(?:\([^)]{1,12}\)\s*)?(?:in|of)\s+(?P<f>[^,;:.()]{2,80})")
        .expect("degree field regex")
});

static FIELD_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:or\s+(?:a\s+|an\s+)?(?:closely\s+)?(?:related|relevant|similar|equivalent|comparable|other)|and/or\s+equivalent|from\b|with\b|is\b|are\b|required|preferred|strongly|highly|desired|plus\b|a\s+plus|or\s+higher|or\s+above|and\s+\d|\d|is\s+required|program|required|and\s+(?:at\s+least|a\s+minimum|\d))")
        .expect("degree field end regex")
});

const FIELD_SKIP: &[&str] = &[
    "science",
    "arts",
    "applied science",
    "a related field",
    "related field",
    "a relevant field",
    "any field",
    "any discipline",
    "a related discipline",
    "related discipline",
    "field",
    "discipline",
    "study",
    "a field",
    "equivalent",
];

/// The fields of study named with the degrees of a sentence: "Bachelor's degree in
/// Accounting or Finance" → Accounting, Finance; "Bachelor of Science in Nursing" → Nursing;
/// "BS in Mechanical Engineering or a related field" → Mechanical Engineering; "BSN" →
/// Nursing (the abbreviation's field). `mentions`: the sentence's [`degree_mentions`].
pub(crate) fn degree_fields(
    sentence: &str,
    mentions: &[(DegreeLevel, usize, usize)],
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let push = |f: &str, out: &mut Vec<String>| {
        let f = f
            .trim()
            .trim_start_matches("a ")
            .trim_start_matches("an ")
            .trim_start_matches("the ")
            .trim();
        let lower = f.to_lowercase();
        if f.is_empty() || FIELD_SKIP.contains(&lower.as_str()) || f.split_whitespace().count() > 5
        {
            return;
        }
        if !out.iter().any(|o| o.eq_ignore_ascii_case(f)) {
            out.push(f.to_string());
        }
    };
    for &(_, s, e) in mentions {
        let word: String = sentence[s..e].chars().filter(|c| *c != '.').collect();
        if let Some(&(_, field)) = crate::lexicon::DEGREE_FIELDS
            .iter()
            .find(|(a, _)| *a == word)
        {
            push(field, &mut out);
            continue;
        }
        // "BS in …": the pattern of the degree took the "in".
        let mention = sentence[s..e].trim_end();
        let after = if mention.len() > 2 && mention[mention.len() - 2..].eq_ignore_ascii_case("in")
        {
            format!(" in{}", &sentence[e..])
        } else {
            sentence[e..].to_string()
        };
        let Some(c) = FIELD_AFTER.captures(&after) else {
            continue;
        };
        let mut f = c.name("f").map_or("", |m| m.as_str());
        // "Bachelor of Science in Nursing": the field follows the degree's own name.
        for lead in [
            "science in ",
            "arts in ",
            "applied science in ",
            "science degree in ",
        ] {
            if f.len() > lead.len() && f[..lead.len()].eq_ignore_ascii_case(lead) {
                f = &f[lead.len()..];
            }
        }
        if let Some(m) = FIELD_END.find(f) {
            f = &f[..m.start()];
        }
        for part in f
            .split(" or ")
            .flat_map(|p| p.split(" and "))
            .flat_map(|p| p.split('/'))
        {
            push(part, &mut out);
        }
    }
    out
}

static IN_PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcurrently\s+(?:enrolled|pursuing|working\s+toward)|\bpursuing\b|\bin\s+progress\b|\bworking\s+towards?\b|\benrolled\s+in\b|\bexpected\s+graduation\b|\bgraduating\s+(?:in|by)\b|\brising\s+(?:junior|senior)\b")
        .expect("in-progress regex")
});

/// The sentence accepts a degree still in progress ("currently enrolled", "pursuing").
pub(crate) fn degree_in_progress_ok(sentence: &str) -> bool {
    IN_PROGRESS.is_match(sentence)
}

static YEARS_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[’'s]*\s*(?:of\s+)?(?:(?:recent|relevant|related|professional|progressive|progressively\s+responsible|hands[- ]on|direct|prior|previous|practical|paid|full[- ]time|verifiable|demonstrated|proven|combined|post[- ]\w+|successful|increasingly\s+responsible)\s+)*(?:(?P<a>[^,;:.()]{1,60}?)\s+(?:experience|exp\.?)\b|(?:experience|exp\.?|working|work)\s+(?:in|with|as|on|at|within|across|doing|supporting)\s+(?:an?\s+|the\s+)?(?P<b>[^,;:.()]{1,60}))|^\s*(?:in|as|with|within)\s+(?:an?\s+|the\s+)?(?P<c>[^,;:.()]{1,60})")
        .expect("years field regex")
});

static YEARS_FIELD_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:is|are|required|preferred|strongly|highly|desired|plus|a\s+plus|or\s+(?:equivalent|more|related|similar)|including|such\s+as|with\b|using\b|and\s+(?:a|an|the)\b|that\b|where\b|which\b|in\s+(?:a|an)\s+(?:fast|high|busy|dynamic))")
        .expect("years field end regex")
});

/// What a years-of-experience mention is about: "2+ years of ICU experience" → ICU; "3 years
/// of experience in accounts payable" → accounts payable; "5 years in a similar role" →
/// similar role; `None` for general experience ("5+ years of professional experience").
pub(crate) fn years_field(sentence: &str, mention_end: usize) -> Option<String> {
    let c = YEARS_FIELD.captures(sentence.get(mention_end..)?)?;
    let mut f = ["a", "b", "c"]
        .iter()
        .find_map(|n| c.name(n))
        .map(|m| m.as_str().trim())?;
    if let Some(m) = YEARS_FIELD_END.find(f) {
        f = &f[..m.start()];
    }
    let f = f.trim();
    let lower = f.to_lowercase();
    let generic = [
        "",
        "work",
        "professional",
        "relevant",
        "related",
        "industry",
        "overall",
        "total",
        "experience",
        "the field",
        "field",
    ];
    (!generic.contains(&lower.as_str()) && f.split_whitespace().count() <= 8).then(|| f.to_string())
}

/// The sentence allows equivalent experience instead of the degree.
pub(crate) fn allows_equivalent(sentence: &str) -> bool {
    EQUIVALENT.is_match(sentence)
}

/// The degree level a sentence asks for (the lowest of the alternatives it names) and whether
/// it allows equivalent experience instead.
#[cfg(test)]
fn degree_in(sentence: &str) -> Option<(DegreeLevel, bool)> {
    let level = degree_mentions(sentence).into_iter().map(|m| m.0).min()?;
    Some((level, allows_equivalent(sentence)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(s: &str) -> Vec<f64> {
        years_mentions(s).into_iter().map(|m| m.min).collect()
    }

    #[test]
    fn years_forms() {
        assert_eq!(years("5+ years of experience with Python"), vec![5.0]);
        assert_eq!(years("At least 3 years in a similar role"), vec![3.0]);
        assert_eq!(
            years("Minimum of 2 years' experience developing software"),
            vec![2.0]
        );
        assert_eq!(years("3-5 years of professional experience"), vec![3.0]);
        assert_eq!(years("five (5) years of experience"), vec![5.0]);
        assert_eq!(years("Five years of experience in marketing"), vec![5.0]);
        assert_eq!(years("2+ yrs exp"), vec![2.0]);
        assert_eq!(years("Minimum 3 years experience"), vec![3.0]);
        assert_eq!(years("Au moins 3 ans d'expérience en Python"), vec![3.0]);
        assert_eq!(years("3 años de experiencia"), vec![3.0]);
        assert_eq!(years("mindestens 3 Jahre Berufserfahrung"), vec![3.0]);
        assert!(years("The company was founded 20 years ago").is_empty());
        assert!(years("I did this 5 years ago").is_empty());
        assert!(years("Candidates must be 18 years of age or older").is_empty());
        assert!(years("aged 18-25 years").is_empty());
        assert!(years("We have been in business for over 20 years").is_empty());
        assert!(years("This is a 2-year contract").is_empty());
        assert_eq!(
            years("Minimum of 3 years serving as a Scrum Master"),
            vec![3.0]
        );
        assert_eq!(
            years("Bachelor's degree, or equivalent experience (an additional four years of HR experience may substitute for the degree)"),
            Vec::<f64>::new()
        );
    }

    #[test]
    fn degrees() {
        use DegreeLevel::*;
        assert_eq!(
            degree_in("Bachelor's degree in Computer Science"),
            Some((Bachelor, false))
        );
        assert_eq!(
            degree_in("BS/MS in Computer Science or equivalent experience"),
            Some((Bachelor, true))
        );
        assert_eq!(degree_in("MBA preferred"), Some((Master, false)));
        assert_eq!(
            degree_in("PhD in Machine Learning"),
            Some((Doctorate, false))
        );
        assert_eq!(
            degree_in("High school diploma or GED required"),
            Some((HighSchool, false))
        );
        assert_eq!(
            degree_in("Associate's degree in accounting"),
            Some((Associate, false))
        );
        assert_eq!(
            degree_in("A degree in statistics, economics or a related field"),
            Some((Bachelor, false))
        );
        assert_eq!(
            degree_in("Bac+5 en informatique (école d'ingénieur ou master)"),
            Some((Master, false))
        );
        assert_eq!(degree_in("BSN required"), Some((Bachelor, false)));
        assert_eq!(degree_in("Demonstrate a basic degree of creativity"), None);
        assert_eq!(degree_in("Experience with MS Excel"), None);
    }

    fn fields(s: &str) -> Vec<String> {
        degree_fields(s, &degree_mentions(s))
    }

    #[test]
    fn fields_of_degrees() {
        assert_eq!(
            fields("Bachelor's degree in Accounting or Finance required"),
            vec!["Accounting", "Finance"]
        );
        assert_eq!(
            fields("BS in Mechanical Engineering or a related field"),
            vec!["Mechanical Engineering"]
        );
        assert_eq!(fields("BSN required"), vec!["Nursing"]);
        assert_eq!(
            fields("Bachelor of Science in Nursing (BSN) from an accredited program"),
            vec!["Nursing"]
        );
        assert!(fields("Bachelor's degree or equivalent experience").is_empty());
        assert!(degree_in_progress_ok("Currently enrolled in a BSN program"));
    }

    #[test]
    fn fields_of_years() {
        let f = |s: &str| {
            let m = &years_mentions(s)[0];
            years_field(s, m.end)
        };
        assert_eq!(f("2+ years of ICU experience").as_deref(), Some("ICU"));
        assert_eq!(
            f("3 years of experience in accounts payable").as_deref(),
            Some("accounts payable")
        );
        assert_eq!(f("5+ years of professional experience"), None);
        assert_eq!(
            f("Minimum of two (2) years of acute care nursing experience").as_deref(),
            Some("acute care nursing")
        );
    }
}
