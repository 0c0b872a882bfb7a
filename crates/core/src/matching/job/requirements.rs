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
    Regex::new(r"(?i)^\s*(?:of|in|with|on|as|at|doing|building|developing|designing|leading|managing|working|using|programming|writing|experience|exp\b|professional|relevant|related|hands|industry|commercial|previous|progressive|proven|post|practical|production|d['’]|de\b|dans|en\b|d['’]exp|im\b|mit\b|erfahrung|berufserfahrung|\+|plus)")
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
    if out.is_empty() {
        if let Some(m) = GENERIC_DEGREE.find(sentence) {
            out.push((DegreeLevel::Bachelor, m.start(), m.end()));
        }
    }
    out.sort_by_key(|m| m.1);
    out
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
        assert_eq!(degree_in("Demonstrate a basic degree of creativity"), None);
        assert_eq!(degree_in("Experience with MS Excel"), None);
    }
}
