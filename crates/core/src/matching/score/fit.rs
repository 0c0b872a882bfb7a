//! The fit score: how well a resume shows it can do *this* job, for ranking candidates. The ATS
//! score answers another question (will an ATS read and match this resume?) and rewards format
//! and sections that any resume can have; the fit is built only from evidence:
//!
//! ```text
//! fit = 100 × (0.55 × role fit + 0.45 × demonstrated) − 8 × knockouts (at most 3)
//! ```
//!
//! - **role fit**: months in roles of the posting's occupation — a role counts when its title has
//!   the posting title's head noun (its last word, plain, not stemmed) ("nurse", "accountant", "supervisor"; abbreviations expanded:
//!   RN, Sr., Acct, AE, SWE… from `data/lexicon/title-abbreviations.tsv`), weighted by how many
//!   of the other title words it shares; months older than two years before the resume's latest
//!   date count 10% less a year, never under half. Role fit = relevant years ÷ the years the
//!   posting asks for (2 when it names none), at most 1;
//! - **demonstrated**: the job's skills weighted as in the coverage, but credited by where the
//!   resume shows them: in a role or project 1, in a summary, education or certification 0.5,
//!   only in a skills list 0.2 (halved when implied);
//! - each hard knockout (missing licence or credential, years, degree) takes 8 points; a missing
//!   required skill already weighs in "demonstrated".
//!
//! Pure: "today" is the resume's latest date, as for its years of experience.

use serde::{Deserialize, Serialize};

use super::content::{skill_weight, SkillOutcome};
use super::features::{EvidenceLevel, ResumeFeatures};
use super::ScoreConfig;
use crate::lexicon::{TITLE_ABBREVIATIONS, TITLE_NOISE};
use crate::matching::job::JobDescription;

/// A role of the resume, for the fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub title: String,
    /// Months since year 0 (`YearMonth::start_months` / `end_months`).
    pub start: i32,
    pub end: i32,
}

/// The fit of one resume to one job, with its parts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fit {
    /// 0–100: what the hiring ranking sorts by.
    pub score: f64,
    /// 0–1: relevant years against the years asked for.
    pub role_fit: f64,
    /// Years in roles of the posting's occupation (recency-weighted).
    pub relevant_years: f64,
    /// The roles that counted, as "title (2019–2024)".
    pub relevant_roles: Vec<String>,
    /// 0–1: the job's skills credited by where the resume shows them.
    pub demonstrated: f64,
    pub knockouts: usize,
}

/// The words of a title: abbreviations expanded, stemmed, seniority and noise words removed.
pub(crate) fn title_words(title: &str) -> Vec<String> {
    let mut expanded = String::new();
    for w in title.split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '(' | ')')) {
        let key = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        match TITLE_ABBREVIATIONS.iter().find(|(a, _)| *a == key) {
            Some((_, full)) => expanded.push_str(full),
            None => expanded.push_str(w),
        }
        expanded.push(' ');
    }
    // Plain words, plural folded, not stems: a stemmer makes "accountant" and "account
    // executive" share "account".
    expanded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_suffix('s') {
                Some(s) if s.len() > 3 && !s.ends_with('s') => s.to_string(),
                _ => w,
            }
        })
        .filter(|t| {
            !TITLE_NOISE.contains(&t.as_str())
                && !t.chars().all(|c| c.is_ascii_digit())
                && !matches!(
                    t.as_str(),
                    "and" | "of" | "the" | "for" | "in" | "at" | "to"
                )
        })
        .collect()
}

/// The main part of a posting title ("Registered Nurse – Med-Surg (Nights)" → "Registered
/// Nurse"): before a dash, comma, parenthesis or " for "/" at ".
fn main_part(title: &str) -> &str {
    let mut end = title.len();
    for sep in [" – ", " — ", " - ", ",", "(", " | ", " for ", " at "] {
        if let Some(i) = title.find(sep) {
            end = end.min(i);
        }
    }
    title[..end].trim()
}

/// How much a role title is the posting's occupation: 0, or 0.6 for the head noun plus up to 0.4
/// for the other words of the posting title's main part.
pub(crate) fn title_similarity(posting: &[String], head: &str, role_title: &str) -> f64 {
    let role = title_words(role_title);
    if head.is_empty() || !role.iter().any(|w| w == head) {
        return 0.0;
    }
    let others: Vec<&String> = posting.iter().filter(|w| *w != head).collect();
    if others.is_empty() {
        return 1.0;
    }
    let shared = others.iter().filter(|w| role.contains(w)).count();
    0.6 + 0.4 * shared as f64 / others.len() as f64
}

pub(crate) fn fit(
    f: &ResumeFeatures,
    job: &JobDescription,
    outcomes: &[SkillOutcome],
    knockouts: usize,
    cfg: &ScoreConfig,
) -> Fit {
    // Role fit.
    let title = job.title.as_deref().unwrap_or("");
    let posting = title_words(main_part(title));
    let head = posting.last().cloned().unwrap_or_default();
    let latest = f.roles.iter().map(|r| r.end).max().unwrap_or(0);
    let mut relevant_months = 0.0;
    let mut relevant_roles = Vec::new();
    for r in &f.roles {
        let sim = title_similarity(&posting, &head, &r.title);
        if sim < 0.5 {
            continue;
        }
        let months = f64::from((r.end - r.start + 1).max(0));
        let years_ago = f64::from((latest - r.end).max(0)) / 12.0;
        let recency = (1.0 - 0.1 * (years_ago - 2.0).max(0.0)).max(0.5);
        relevant_months += months * sim * recency;
        relevant_roles.push(format!(
            "{} ({}–{})",
            r.title,
            r.start.div_euclid(12),
            r.end.div_euclid(12)
        ));
    }
    let relevant_years = relevant_months / 12.0;
    let asked = job.min_years.unwrap_or(2.0).max(1.0);
    let role_fit = (relevant_years / asked).min(1.0);

    // Demonstrated requirements.
    let mut num = 0.0;
    let mut den = 0.0;
    for o in outcomes {
        let s = &job.skills[o.index];
        let w = skill_weight(s, cfg);
        den += w;
        let credit = match o.level {
            Some(EvidenceLevel::Used) => 1.0,
            Some(EvidenceLevel::Mentioned) => 0.5,
            Some(EvidenceLevel::Listed) => 0.2,
            None => 0.0,
        };
        let credit = if o.implied_by.is_some() {
            credit * 0.5
        } else {
            credit
        };
        num += w * credit;
    }
    let demonstrated = if den > 0.0 { num / den } else { 0.0 };
    let score = (100.0 * (0.55 * role_fit + 0.45 * demonstrated) - 8.0 * knockouts.min(3) as f64)
        .clamp(0.0, 100.0);
    Fit {
        score: (score * 10.0).round() / 10.0,
        role_fit: (role_fit * 1000.0).round() / 1000.0,
        relevant_years: (relevant_years * 10.0).round() / 10.0,
        relevant_roles,
        demonstrated: (demonstrated * 1000.0).round() / 1000.0,
        knockouts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_of_the_same_occupation() {
        let posting = title_words(main_part(
            "Registered Nurse – Medical-Surgical / Telemetry (Nights)",
        ));
        let head = posting.last().unwrap().clone();
        assert!(title_similarity(&posting, &head, "Staff RN, Med-Surg/Tele") >= 0.99);
        assert!(
            title_similarity(&posting, &head, "Staff Nurse II – Cardiac Telemetry Unit") >= 0.6
        );
        assert_eq!(
            title_similarity(&posting, &head, "Medical Device Account Executive"),
            0.0
        );
        let posting = title_words(main_part("Senior Staff Accountant"));
        let head = posting.last().unwrap().clone();
        assert!(title_similarity(&posting, &head, "Sr. Acct") >= 0.6);
        assert_eq!(title_similarity(&posting, &head, "Account Executive"), 0.0);
    }
}
