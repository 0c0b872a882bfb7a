//! The job title and a few facts about the position: seniority, employment type, location.
//!
//! Title, in order: an explicit label ("Job title:", "Position:", "Role:", "Poste :"), the
//! Markdown/HTML H1, the first short line that is not a section heading ("About us", "Job
//! description"), and — for postings pasted as one paragraph — a Title Case job name after
//! "we are seeking a", "hiring a", "as a … you will", "if you are a … with".

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::segments::{heading_kind, title_label, Unit};
use crate::document::Line;
use crate::lexicon::JOB_NOUNS;

/// How senior the position is (from the title).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Seniority {
    Intern,
    Junior,
    Mid,
    Senior,
    Lead,
    Principal,
    Director,
}

/// The kind of contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contract,
    Temporary,
    Internship,
    Freelance,
}

fn has_job_noun(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .any(|w| JOB_NOUNS.contains(&w.to_lowercase().as_str()))
}

fn clean_title(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_start_matches(['#', '*', '_', ' '])
        .trim_end_matches(['*', '_', ' ', '.', ':', ',', ';'])
        .trim();
    let t: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty() && t.chars().count() <= 120).then_some(t)
}

/// The title from an explicit label unit ("Job title: Data Analyst").
fn labelled(units: &[Unit]) -> Option<String> {
    for (i, u) in units.iter().enumerate() {
        if u.is_heading && title_label(&u.text).is_some() {
            let v = units
                .get(i + 1)
                .filter(|n| !n.is_heading && n.line == u.line && n.piece == u.piece)?;
            return clean_title(&v.text);
        }
    }
    None
}

static SEEKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?i:seeking|looking\s+for|hiring|recruiting|recrutons|recherchons|buscamos|suchen)\s+(?i:an?|un|une|una|einen?|eine)?\s*(?i:experienced\s+|talented\s+|motivated\s+|skilled\s+)?|\b(?i:as\s+an?)\s+|\b(?i:if\s+you\s+are\s+an?)\s+)(?P<t>[A-Z][\w.#+/-]*(?:\s+(?:[A-Z(][\w.#+/()-]*|of|and|&|-|–))*)",
    )
    .expect("seeking regex")
});

/// A Title Case job name after "seeking a", "hiring a", "as a", "if you are a".
fn inferred(text: &str) -> Option<String> {
    for c in SEEKING.captures_iter(text) {
        let Some(t) = c.name("t") else { continue };
        let mut t = t
            .as_str()
            .trim_end_matches(['-', '–', ' ', '('])
            .to_string();
        // Balance a dangling "(".
        if t.matches('(').count() > t.matches(')').count() {
            if let Some(p) = t.rfind('(') {
                t.truncate(p);
            }
        }
        if has_job_noun(&t) && t.split_whitespace().count() <= 8 {
            return clean_title(&t);
        }
    }
    None
}

/// The job title.
pub(crate) fn title(lines: &[Line], units: &[Unit]) -> Option<String> {
    if let Some(t) = labelled(units) {
        return Some(t);
    }
    if let Some(h1) = lines.iter().find(|l| l.heading_level == Some(1)) {
        if heading_kind(&h1.text, false).is_none() {
            if let Some(t) = clean_title(&h1.text) {
                return Some(t);
            }
        }
    }
    // The first short line that is not a heading phrase, among the first lines.
    for l in lines.iter().filter(|l| !l.text.trim().is_empty()).take(4) {
        let t = l.text.trim();
        let words = t.split_whitespace().count();
        let sentence_like = t.ends_with('.') || t.contains(": ") || t.contains('@');
        let lower = t.to_lowercase();
        let pitch = ["we ", "our ", "join ", "are you", "do you", "http", "www."]
            .iter()
            .any(|p| lower.starts_with(p));
        if heading_kind(t, false).is_some() || title_label(t).is_some() {
            continue;
        }
        if words <= 12 && t.chars().count() <= 100 && !sentence_like && !pitch && !l.list_item {
            return clean_title(t);
        }
        break;
    }
    let first_text: String = lines
        .iter()
        .take(40)
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    inferred(&first_text)
}

static SENIORITY: LazyLock<Vec<(Seniority, Regex)>> = LazyLock::new(|| {
    let t: &[(Seniority, &str)] = &[
        (
            Seniority::Director,
            r"(?i)\b(?:director|head\s+of|vp|vice\s+president|chief|directeur|directrice|leiter)\b",
        ),
        (Seniority::Principal, r"(?i)\b(?:principal|distinguished)\b"),
        (
            Seniority::Lead,
            r"(?i)\b(?:lead|staff|tech\s+lead|team\s+lead)\b",
        ),
        (
            Seniority::Intern,
            r"(?i)\b(?:intern|internship|trainee|stagiaire|stage|praktikant|werkstudent|becario|apprenti|alternance)\b",
        ),
        (
            Seniority::Senior,
            r"(?i)\b(?:senior|sr\.?|confirm[ée]e?|s[ée]nior)\b",
        ),
        (
            Seniority::Junior,
            r"(?i)\b(?:junior|jr\.?|entry[- ]level|graduate|d[ée]butant)\b",
        ),
        (
            Seniority::Mid,
            r"(?i)\b(?:mid[- ]level|mid|intermediate|journeyman)\b",
        ),
    ];
    t.iter()
        .map(|(s, p)| (*s, Regex::new(p).expect("seniority regex")))
        .collect()
});

/// Seniority named in the title.
pub(crate) fn seniority(title: &str) -> Option<Seniority> {
    SENIORITY
        .iter()
        .find(|(_, re)| re.is_match(title))
        .map(|(s, _)| *s)
}

static EMPLOYMENT: LazyLock<Vec<(EmploymentType, Regex)>> = LazyLock::new(|| {
    let t: &[(EmploymentType, &str)] = &[
        (
            EmploymentType::Internship,
            r"(?i)\b(?:internship|intern\b|stage\b|praktikum|pr[áa]cticas)",
        ),
        (
            EmploymentType::Freelance,
            r"(?i)\b(?:freelance|freelancer|independent\s+contractor|1099)\b",
        ),
        (
            EmploymentType::Temporary,
            r"(?i)\b(?:temporary|temp\s+position|seasonal|CDD|befristet|temporal)\b",
        ),
        (
            EmploymentType::Contract,
            r"(?i)\b(?:contract(?:or)?\s+(?:role|position|basis)|contract[- ]to[- ]hire|(?:\d+|six|three|twelve)[- ]month\s+contract|fixed[- ]term)\b",
        ),
        (
            EmploymentType::PartTime,
            r"(?i)\b(?:part[- ]time|temps\s+partiel|teilzeit|media\s+jornada)\b",
        ),
        (
            EmploymentType::FullTime,
            r"(?i)\b(?:full[- ]time|f/t|permanent|CDI|temps\s+plein|vollzeit|jornada\s+completa|tiempo\s+completo)\b",
        ),
        (
            EmploymentType::Contract,
            r"(?i)\(contract\b|\bcontract\s*[,)/]|\bcontract\s*$",
        ),
    ];
    // ASCII word boundaries let the regex engine use its fast DFA on a posting with any
    // non-ASCII character (a Unicode `\b` makes it fall back to a much slower engine over the
    // whole posting; this was a fifth of the analysis time). Every `\b` here stands next to
    // an ASCII letter ("pr[áa]cticas" ends in one), where both kinds agree.
    t.iter()
        .map(|(e, p)| {
            let p = p.replace(r"\b", r"(?-u:\b)");
            (*e, Regex::new(&p).expect("employment regex"))
        })
        .collect()
});

/// Employment type named anywhere in the posting (first rule that matches, most specific first).
pub(crate) fn employment_type(text: &str) -> Option<EmploymentType> {
    EMPLOYMENT
        .iter()
        .find(|(_, re)| re.is_match(text))
        .map(|(e, _)| *e)
}

/// The value of a "Location:" label.
pub(crate) fn location(units: &[Unit]) -> Option<String> {
    const LABELS: &[&str] = &[
        "location",
        "job location",
        "work location",
        "lieu",
        "localisation",
        "ubicacion",
        "standort",
    ];
    for (i, u) in units.iter().enumerate() {
        if u.is_heading && LABELS.contains(&super::segments::norm(&u.text).as_str()) {
            let v = units
                .get(i + 1)
                .filter(|n| !n.is_heading && n.heading == u.heading)?;
            let v = v.text.split([';', '·', '|']).next().unwrap_or("");
            return clean_title(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inferred_titles() {
        assert_eq!(
            inferred("We are seeking a Software Developer (SME Journeyman) position with x")
                .as_deref(),
            Some("Software Developer (SME Journeyman)")
        );
        assert_eq!(
            inferred("So, if you are a Backend Software Developer with experience").as_deref(),
            Some("Backend Software Developer")
        );
        assert_eq!(
            inferred("We are seeking a candidate to augment our staff"),
            None
        );
        assert_eq!(
            seniority("Senior Backend Engineer"),
            Some(Seniority::Senior)
        );
        assert_eq!(
            seniority("Junior Level Software Developer"),
            Some(Seniority::Junior)
        );
    }
}
