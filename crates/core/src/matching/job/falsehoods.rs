//! False requirements: taxonomy matches in a posting that are not something the job asks of a
//! candidate.
//!
//! - **The posting's own language**: English in an English posting ("communicate clearly in
//!   English", "fluent English") is the medium of work, not a skill to screen on; another
//!   language (Spanish in an English posting) is a skill whenever a non-boilerplate sentence
//!   names it.
//! - **Colleagues**: "work with product managers", "partner with the sales team", "report to
//!   the Director of Nursing": a skill whose words end in (or are followed by) a colleague noun
//!   (`data/lexicon/colleague-nouns.txt`) after a word of working together names people, not a
//!   skill.
//! - **The company**: sentences that describe the employer ("Harborview is a 400-bed teaching
//!   hospital", "We are a fintech platform…", "Our clients…") are skipped, and words of the
//!   company's name are never skills anywhere in the posting.

use std::sync::LazyLock;

use regex::Regex;

use super::segments::{JobSectionKind, Unit};
use crate::lexicon::COLLEAGUE_NOUNS;
use crate::matching::skills::Category;

static TOGETHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:with|alongside|partner(?:s|ing)?|collaborat\w*|coordinat\w*|liais\w*|report(?:s|ing)?\s+(?:directly\s+)?to|support(?:s|ing)?|assist(?:s|ing)?|interface[sd]?|interfacing|together|between|across|among|amongst|closely|join(?:ing)?|serve[sd]?|serving|communicat\w*\s+with|respond(?:s|ing)?\s+to)\s+(?:(?:the|our|a|an|internal|external|other|cross[- ]functional|multidisciplinary|interdisciplinary|senior|key|fellow|various|all|both|local|regional|field|clinical|\w+,)\s+)*$")
        .expect("together regex")
});

static WORK_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:work(?:s|ing)?|partner(?:s|ing)?|collaborat\w*|coordinat\w*|liais\w*|interfac\w*|team(?:s|ing)?\s+up)\s+(?:closely\s+|directly\s+)?with\s+(?:the\s+|our\s+)?$")
        .expect("work-with regex")
});

/// "recruiting for technical roles across engineering and data science", "hiring for positions
/// in nursing": the field of the roles filled, not a skill of the recruiter.
static ROLES_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:roles?|positions?|openings?|requisitions?|reqs|hires|vacancies|talent|candidates|headcount)\s+(?:[\w-]+\s+){0,4}?(?:across|in|for|within)\s+(?:(?:the|our|both)\s+)?(?:[\w&/-]+\s*(?:,|and|&|or)\s+){0,4}$")
        .expect("roles-in regex")
});

/// A word of filling roles (the sentence is about hiring, so its fields are the roles').
static HIRING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:recruit\w*|hir(?:e|es|ing)|fill(?:s|ing)?|sourc(?:e|es|ing)|staff(?:s|ing)?|talent\s+acquisition)\b")
        .expect("hiring regex")
});

/// "get deals through procurement", "move contracts through legal review": a step the deal
/// passes (the customer's department), not a skill.
static PASSES_THROUGH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:get|gets|getting|move|moves|moving|push|pushes|pushing|take|takes|taking|shepherd\w*|navigat\w*|guid\w*|steer\w*)\s+(?:[\w-]+\s+){0,3}?through\s+(?:(?:the|their|its|a|customer|client|buyer)['’s]*\s+)*$")
        .expect("passes-through regex")
});

/// The last item of a list after "partner with": "partner with SDRs, Sales Engineers and
/// Customer Success to land and expand".
static WORK_WITH_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:work(?:s|ing)?|partner(?:s|ing)?|collaborat\w*|coordinat\w*|liais\w*|interfac\w*)\s+(?:closely\s+|directly\s+)?with\s+(?:the\s+|our\s+)?(?:[\w&/-]+\s*){1,3}(?:,\s*(?:[\w&/-]+\s*){1,3}){0,4},?\s*(?:and|or|&)\s+(?:the\s+|our\s+)?$")
        .expect("work-with list regex")
});

static TITLE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:directors?|heads?|vps?|vice\s+presidents?|managers?|chiefs?|deans?|chairs?|supervisors?|departments?)\s+of\s+(?:the\s+)?$")
        .expect("title-before regex")
});

static COMPANY_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:at\s+[A-Z]\w*|we\s+(?:are|were|have|build|make|serve|provide|offer|help|operate|design|deliver|develop|believe|work)|we['’](?:re|ve)|our\s+(?:company|mission|team|clients?|customers?|products?|platform|hospital|firm|facility|facilities|practice|organization|store|stores|restaurants?|hotels?|plant|school|district|agency|network|portfolio|founders?|vision|values|culture|story|business)\b|founded\b|headquartered\b|for\s+over\s+\d+\s+years|since\s+(?:19|20)\d\d)")
        .expect("company sentence regex")
});

static NAMED_COMPANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>(?:[A-Z][\w&.'’-]*)(?:\s+(?:[A-Z][\w&.'’-]*|of|&|and|the|de|for)){0,6})\s*(?:,\s*(?:Inc|LLC|Ltd|Co|Corp|PC|LLP|PLLC)\.?)?\s*(?:,\s+(?:a|an|the)\b|\((?:[A-Z]{2,8})\)\s+)?(?:\s*(?:is|are|has\s+been|was|has|provides|offers|serves|operates|builds|makes|delivers|helps|specializes|develops|designs|manufactures|owns|runs|partners)\b|\s*,\s+(?:a|an|the)\b)")
        .expect("named company regex")
});

/// "Python is a must", "SQL is required", "Docker is a plus": a requirement, not a company.
static NOT_A_COMPANY_PREDICATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:is|are)\s+(?:a\s+|an\s+)?(?:must|plus|bonus|required|preferred|essential|mandatory|nice|needed|necessary|helpful|advantage|key|critical|important)\b")
        .expect("not-a-company regex")
});

static JOIN_COMPANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[Jj]oin|[Aa]bout|[Aa]t|[Ww]elcome\s+to|[Ww]ork\s+(?:at|for))\s+(?P<name>[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|&)){0,5})")
        .expect("join company regex")
});

/// Generic words that start many sentences and are never a company's name on their own.
const NOT_COMPANY: &[&str] = &[
    "the",
    "this",
    "our",
    "we",
    "you",
    "your",
    "as",
    "in",
    "for",
    "with",
    "a",
    "an",
    "at",
    "about",
    "position",
    "role",
    "job",
    "candidate",
    "candidates",
    "applicants",
    "team",
    "responsibilities",
    "requirements",
    "qualifications",
    "duties",
    "overview",
    "summary",
    "company",
    "key",
    "essential",
    "primary",
    "job summary",
    "position summary",
];

/// Colleague nouns that name a group in the singular ("leadership", "staff").
const COLLECTIVE: &[&str] = &[
    "leadership",
    "staff",
    "team",
    "personnel",
    "management",
    "counsel",
    "group",
    "department",
];

/// What the posting says about its employer.
#[derive(Debug, Default)]
pub(crate) struct Company {
    /// Lower-case words of the company's name(s) (at least 3 letters).
    name_words: Vec<String>,
}

impl Company {
    /// Reads the employer's name from sentences like "Harborview Regional Medical Center is a
    /// 400-bed…", "Join Northwind Logistics", "About Acme".
    pub fn from_units(units: &[Unit]) -> Company {
        let mut names: Vec<String> = Vec::new();
        for u in units {
            // Only what introduces the employer: never "Python is a must" in the requirements.
            if !matches!(
                u.kind,
                JobSectionKind::Intro
                    | JobSectionKind::Summary
                    | JobSectionKind::Company
                    | JobSectionKind::Other
            ) {
                continue;
            }
            let t = u.text.trim();
            if NOT_A_COMPANY_PREDICATE.is_match(t) {
                continue;
            }
            for re in [&*NAMED_COMPANY, &*JOIN_COMPANY] {
                for c in re.captures_iter(t) {
                    if let Some(n) = c.name("name") {
                        let n = n.as_str().trim();
                        if !NOT_COMPANY.contains(&n.to_lowercase().as_str()) && n.len() >= 3 {
                            names.push(n.to_string());
                        }
                    }
                }
                if names.len() > 12 {
                    break;
                }
            }
        }
        let mut name_words: Vec<String> = Vec::new();
        for n in names {
            for w in n.split(|c: char| !c.is_alphanumeric() && c != '&') {
                let lw = w.to_lowercase();
                if lw.chars().count() >= 3
                    && !NOT_COMPANY.contains(&lw.as_str())
                    && !["and", "the", "for", "inc", "llc", "ltd", "corp"].contains(&lw.as_str())
                    && !name_words.contains(&lw)
                {
                    name_words.push(lw);
                }
            }
        }
        Company { name_words }
    }

    /// The unit describes the employer rather than the job (an intro or summary sentence
    /// starting "We are…", "Our clients…", "<Company> is a…").
    pub fn describes_company(&self, u: &Unit) -> bool {
        if !matches!(
            u.kind,
            JobSectionKind::Intro | JobSectionKind::Summary | JobSectionKind::Other
        ) {
            return false;
        }
        let t = u.text.trim();
        if COMPANY_SENTENCE.is_match(t) {
            return true;
        }
        !NOT_A_COMPANY_PREDICATE.is_match(t)
            && NAMED_COMPANY
                .captures(t)
                .and_then(|c| c.name("name"))
                .is_some_and(|n| {
                    let first = n.as_str().split_whitespace().next().unwrap_or("");
                    self.name_words.contains(&first.to_lowercase())
                        && !first.eq_ignore_ascii_case("you")
                })
    }

    /// Every word of the mention is a word of the company's name.
    fn names_company(&self, mention: &str) -> bool {
        let ws: Vec<String> = mention
            .split(|c: char| !c.is_alphanumeric() && c != '&')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        !ws.is_empty() && ws.iter().all(|w| self.name_words.contains(w))
    }
}

/// The mention at `[start, end)` of `sentence` (a skill of `category`) is not a requirement.
pub(crate) fn not_a_requirement(
    sentence: &str,
    start: usize,
    end: usize,
    category: Category,
    company: &Company,
) -> bool {
    let mention = &sentence[start..end];
    if company.names_company(mention) {
        return true;
    }
    // "an ABA-accredited law school", "ABET accredited program": the accrediting body.
    {
        let after = sentence[end..]
            .trim_start_matches([' ', '-'])
            .to_lowercase();
        if after.starts_with("accredited") || after.starts_with("approved program") {
            return true;
        }
    }
    if category == Category::Language {
        return language_as_medium(sentence, mention);
    }
    // "work with Accounts Payable", "partner with demand generation": a practice named as
    // the team that does it (tools are used with: "work with Excel" stays).
    if matches!(
        category,
        Category::Skill | Category::Knowledge | Category::Methodology | Category::SoftSkill
    ) && (WORK_WITH.is_match(&sentence[..start])
        || WORK_WITH_LIST.is_match(tail(&sentence[..start], 160)))
        && ends_noun_phrase(&sentence[end..])
    {
        return true;
    }
    if matches!(
        category,
        Category::Skill | Category::Knowledge | Category::Methodology
    ) && {
        let near = tail(&sentence[..start], 160);
        (near.contains(" through ") && PASSES_THROUGH.is_match(near))
            || (HIRING.is_match(&sentence[..start]) && ROLES_IN.is_match(near))
    } {
        return true;
    }
    colleague(sentence, start, end, category)
}

/// The last `max` bytes of `s` (on a char boundary): the rules that look back from a mention
/// need only the words just before it.
fn tail(s: &str, max: usize) -> &str {
    let mut i = s.len().saturating_sub(max);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// Nothing after the mention continues its noun phrase: "work with Accounts Payable to resolve…",
/// "…, and", end of sentence; not "coordinate with our workers' compensation carrier" (the
/// carrier is the partner, the practice is the job's).
fn ends_noun_phrase(after: &str) -> bool {
    let next = after
        .trim_start()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("")
        .to_lowercase();
    next.is_empty()
        || [
            "to",
            "on",
            "in",
            "for",
            "and",
            "or",
            "as",
            "when",
            "so",
            "by",
            "about",
            "at",
            "with",
            "through",
            "during",
            "across",
            "from",
            "team",
            "teams",
            "department",
            "departments",
            "group",
            "groups",
            "staff",
            "colleagues",
            "partners",
            "leads",
            "leaders",
        ]
        .contains(&next.as_str())
}

/// English in an English posting is the medium of work, not a skill to screen on: every
/// candidate who can read the posting has it, and a resume written in English never lists it,
/// so as a requirement it would only make false knockouts ("communicate clearly in English",
/// "excellent command of written and spoken English"). Other languages are skills.
fn language_as_medium(_sentence: &str, mention: &str) -> bool {
    mention.eq_ignore_ascii_case("english")
}

/// "work with product managers", "partner with the sales team", "report to the Director of
/// Nursing".
fn colleague(sentence: &str, start: usize, end: usize, category: Category) -> bool {
    let before = &sentence[..start];
    if TITLE_BEFORE.is_match(before) {
        return true;
    }
    let mention = &sentence[start..end];
    let last = mention
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let next = sentence[end..]
        .trim_start_matches([' ', '-', '/'])
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let is_noun = |w: &str| !w.is_empty() && COLLEAGUE_NOUNS.contains(&w);
    // The mention is itself the people ("present to senior leadership", "with our staff").
    if is_noun(&last) && (last.ends_with('s') || COLLECTIVE.contains(&last.as_str())) {
        static TO_PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?:to|with|for|by|from|alongside|among|across|and)\s+(?:(?:the|our|senior|executive|site|hospital|facilities|clinical|company|internal|external|key|other|local|regional|\w+,)\s+)*$")
                .expect("to-people regex")
        });
        if TO_PEOPLE.is_match(&format!("{} ", before.trim_end())) {
            return true;
        }
    }
    // A skill word in front of a group of people ("patient care technicians", "our FP&A and
    // Treasury teams", "nursing staff"): it names the people, not a requirement.
    let people_after = |w: &str| is_noun(w) && (w.ends_with('s') || COLLECTIVE.contains(&w));
    if people_after(&next) || list_then_people(&sentence[end..], &people_after) {
        return true;
    }
    // The mention names a role ("Financial Analyst", "product manager"); a product whose name
    // ends in such a word ("Google Tag Manager", "LinkedIn Recruiter") is a tool.
    let product = matches!(
        category,
        Category::Tool
            | Category::Platform
            | Category::Framework
            | Category::Database
            | Category::Cloud
            | Category::ProgrammingLanguage
    );
    if is_noun(&last) && !COLLECTIVE.contains(&last.as_str()) && !product {
        return true;
    }
    // A singular colleague noun after it ("with the product owner") needs a word of working
    // together before it.
    if !is_noun(&next) {
        return false;
    }
    let trimmed = before.trim_end();
    TOGETHER.is_match(&format!("{trimmed} ")) || list_after_together(trimmed)
}

/// The text after a mention continues a short list that ends in a group of people ("and
/// Treasury teams", ", quality and production teams").
fn list_then_people(after: &str, people: &dyn Fn(&str) -> bool) -> bool {
    static ITEMS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\s*(?:,|and|&|or|/)\s*(?:the\s+)?[\w&/-]+(?:\s+[\w&/-]+)?){1,4}?\s+(?P<noun>[a-z]+)\b")
            .expect("list items regex")
    });
    let lower = after.to_lowercase();
    if ITEMS
        .captures(&lower)
        .and_then(|c| c.name("noun"))
        .is_some_and(|n| people(n.as_str()))
    {
        return true;
    }
    // "and the IT help desk team": a people noun within three words after "and"/"or"/"&".
    let mut ws = lower
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty());
    ws.next().is_some_and(|w| ["and", "or", "&"].contains(&w)) && ws.take(3).any(people)
}

/// "…with engineering, quality and" (the mention is a later item of a list of groups).
fn list_after_together(before: &str) -> bool {
    static LIST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:with|alongside|partner(?:s|ing)?\s+with|collaborat\w*\s+with|coordinat\w*\s+with|across|between|among)\s+(?:(?:the|our)\s+)?(?:[\w&/-]+\s*){1,3}(?:,\s*(?:[\w&/-]+\s*){1,3}){0,4},?\s*(?:(?:and|or|&)(?:\s+(?:the|our))?)?\s*$")
            .expect("list regex")
    });
    LIST.is_match(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(s: &str, mention: &str) -> bool {
        let i = s.find(mention).unwrap();
        colleague(s, i, i + mention.len(), Category::Skill)
    }

    #[test]
    fn fields_of_roles_and_steps_of_a_deal() {
        let nr = |s: &str, m: &str| {
            let i = s.find(m).unwrap();
            not_a_requirement(s, i, i + m.len(), Category::Knowledge, &Company::default())
        };
        assert!(nr(
            "Run full-cycle recruiting for open technical roles at a time across engineering and data science",
            "data science"
        ));
        assert!(nr(
            "Build ROI models that get deals through procurement",
            "procurement"
        ));
        // A practice followed by its partner noun is the job's own practice.
        assert!(!nr(
            "Coordinate with our workers' compensation carrier",
            "workers' compensation"
        ));
        assert!(nr(
            "partner with SDRs, Sales Engineers and Customer Success to land and expand",
            "Customer Success"
        ));
        assert!(nr("a JD from an ABA-accredited law school", "ABA"));
        assert!(nr(
            "Deliver demos to logistics directors, VPs of supply chain and CFOs",
            "supply chain"
        ));
        assert!(nr(
            "Our Litigation Practice Group is seeking a paralegal",
            "Litigation Practice"
        ));
        // A product whose name ends in a role word is a tool.
        let i = "Maintain tags in Google Tag Manager"
            .find("Google")
            .unwrap();
        assert!(!not_a_requirement(
            "Maintain tags in Google Tag Manager",
            i,
            i + "Google Tag Manager".len(),
            Category::Tool,
            &Company::default()
        ));
        // Not about hiring: the field is the job's.
        assert!(!nr(
            "3+ years in analyst roles in data science",
            "data science"
        ));
        assert!(!nr(
            "Experience with procurement and vendor onboarding",
            "procurement"
        ));
    }

    #[test]
    fn colleagues_are_not_skills() {
        assert!(col(
            "Work closely with product managers and designers",
            "product managers"
        ));
        assert!(col("Partner with the sales team on pricing", "sales"));
        assert!(col(
            "Collaborate with engineering, quality and manufacturing teams",
            "manufacturing"
        ));
        assert!(col("Report to the Director of Nursing", "Nursing"));
        assert!(!col(
            "Experience in product management",
            "product management"
        ));
        assert!(col("Supervise nursing staff on the unit", "nursing"));
        assert!(col("partner with our FP&A and Treasury teams", "FP&A"));
        assert!(col("Senior Financial Analyst, FP&A", "Financial Analyst"));
        assert!(!col("Experience with FP&A and budgeting", "FP&A"));
    }

    #[test]
    fn english_as_medium() {
        assert!(language_as_medium(
            "Excellent communication in English",
            "English"
        ));
        assert!(language_as_medium(
            "Communicate clearly in English with patients",
            "English"
        ));
        assert!(language_as_medium("Fluent English required", "English"));
        assert!(!language_as_medium("Bilingual Spanish a plus", "Spanish"));
        assert!(col("present results to senior leadership", "leadership"));
    }
}
