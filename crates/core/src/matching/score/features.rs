//! What the score reads from a parsed resume, computed once per resume (independent of the
//! job, so `atscore match` scores one resume against many jobs cheaply). What-if suggestions
//! edit a copy of these features and score again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lexicon::ACTION_VERBS;
use crate::matching::bm25::terms;
use crate::matching::skills::Taxonomy;
use crate::resume::entities::credentials::CredentialStatus;
use crate::resume::entities::education::DegreeLevel;
use crate::resume::sections::SectionKind;
use crate::resume::Evidence;
use crate::resume::ParsedResume;

/// How strongly a resume evidences a skill (ordered: `Listed` < `Mentioned` < `Used`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EvidenceLevel {
    /// Only in a skills block (or interests/languages lists).
    Listed,
    /// In the summary, education, certifications, awards or an unlabelled part.
    Mentioned,
    /// In experience, projects or volunteering: shown in use.
    Used,
}

impl EvidenceLevel {
    /// The level a section gives a skill found in it.
    pub fn of_section(kind: SectionKind) -> EvidenceLevel {
        match kind {
            SectionKind::Experience | SectionKind::Projects | SectionKind::Volunteer => {
                EvidenceLevel::Used
            }
            SectionKind::Skills | SectionKind::Interests | SectionKind::Languages => {
                EvidenceLevel::Listed
            }
            _ => EvidenceLevel::Mentioned,
        }
    }
}

/// One skill of the resume.
#[derive(Debug, Clone, PartialEq)]
pub struct ResumeSkill {
    pub category: String,
    pub matched_as: String,
    pub level: EvidenceLevel,
    pub sections: Vec<SectionKind>,
    pub evidence: Vec<Evidence>,
}

/// A skill the resume implies through another one (PostgreSQL → SQL).
#[derive(Debug, Clone, PartialEq)]
pub struct ImpliedSkill {
    /// The resume's skill that implies it.
    pub by: String,
    pub level: EvidenceLevel,
}

/// Counts behind the experience section score.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExperienceStats {
    pub entries: usize,
    pub dated: usize,
    pub bullets: usize,
    /// Bullets with a number, percentage or amount ("cut costs 20%").
    pub quantified: usize,
    /// Bullets opening with an action verb ("Led", "Built").
    pub action_verbs: usize,
    /// Job titles as written.
    pub titles: Vec<String>,
}

/// Everything the score reads from one resume.
#[derive(Debug, Clone, PartialEq)]
pub struct ResumeFeatures {
    /// Skills by canonical name (sorted: deterministic output).
    pub skills: BTreeMap<String, ResumeSkill>,
    /// Skills implied by the resume's skills, by canonical name.
    pub implied: BTreeMap<String, ImpliedSkill>,
    /// Stemmed content terms of the visible text outside skills lists (hidden text is never
    /// extracted; a skills block copied from the job must not buy text similarity — listed
    /// skills are credited, at a lower rate, by the skill coverage).
    pub terms: Vec<String>,
    pub years: f64,
    /// Highest completed degree.
    pub degree: Option<DegreeLevel>,
    /// Highest degree in progress ("expected May 2027").
    pub degree_in_progress: Option<DegreeLevel>,
    /// Credentials the resume shows held (catalogue names: "Registered Nurse (RN)").
    pub credentials: std::collections::BTreeSet<String>,
    /// Credentials it names without showing them held: in progress, or only in a skills list.
    pub credentials_unproven: BTreeMap<String, CredentialStatus>,
    pub has_education: bool,
    pub experience: ExperienceStats,
    pub has_skills_section: bool,
    /// Summary text, when the resume has one.
    pub summary: Option<String>,
    pub name: bool,
    pub email: bool,
    pub phone: bool,
    pub location: bool,
    pub links: bool,
    /// Format findings (code, page) the format score penalises.
    pub findings: crate::resume::findings::Findings,
    /// Number of recognised (non-contact, non-other) sections.
    pub sections_found: usize,
    /// The visible lines of the resume with their section (to find lines copied from a job).
    pub lines: Vec<(SectionKind, String)>,
    /// Dated roles with a title, for the fit's role fit.
    pub roles: Vec<super::fit::Role>,
}

/// Does a bullet open with an action verb ("Led", "Built", "Designed", "Develops")?
pub fn starts_with_action_verb(bullet: &str) -> bool {
    let first = bullet
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    if first.len() < 2 {
        return false;
    }
    let stems = [
        first.clone(),
        first
            .strip_suffix("ed")
            .map(str::to_string)
            .unwrap_or_default(),
        first
            .strip_suffix('d')
            .map(str::to_string)
            .unwrap_or_default(),
        first
            .strip_suffix("ied")
            .map(|s| format!("{s}y"))
            .unwrap_or_default(),
        first
            .strip_suffix("es")
            .map(str::to_string)
            .unwrap_or_default(),
        first
            .strip_suffix('s')
            .map(str::to_string)
            .unwrap_or_default(),
        first
            .strip_suffix("ing")
            .map(str::to_string)
            .unwrap_or_default(),
        // doubled consonant: "planned" → "plan"
        first
            .strip_suffix("ed")
            .filter(|s| s.len() > 2 && s.as_bytes()[s.len() - 1] == s.as_bytes()[s.len() - 2])
            .map(|s| s[..s.len() - 1].to_string())
            .unwrap_or_default(),
    ];
    stems
        .iter()
        .any(|s| !s.is_empty() && ACTION_VERBS.contains(&s.as_str()))
}

/// Does a bullet carry a measurable result (a number, %, currency amount)?
pub fn is_quantified(bullet: &str) -> bool {
    bullet
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '%' | '$' | '€' | '£'))
}

impl ResumeFeatures {
    /// Compute the features of a parsed resume.
    pub fn from_resume(r: &ParsedResume, tax: &Taxonomy) -> ResumeFeatures {
        let mut skills = BTreeMap::new();
        for h in &r.skills {
            let level = h
                .sections
                .iter()
                .map(|k| EvidenceLevel::of_section(*k))
                .max()
                .unwrap_or(EvidenceLevel::Mentioned);
            skills.insert(
                h.name.clone(),
                ResumeSkill {
                    category: h.category.clone(),
                    matched_as: h.matched_as.clone(),
                    level,
                    sections: h.sections.clone(),
                    evidence: h.evidence.clone(),
                },
            );
        }
        let implied = implied_skills(&skills, tax);
        let mut experience = ExperienceStats {
            entries: r.experience.len(),
            ..Default::default()
        };
        for e in &r.experience {
            if e.start.is_some() {
                experience.dated += 1;
            }
            if let Some(t) = &e.title {
                experience.titles.push(t.clone());
            }
            for b in &e.bullets {
                experience.bullets += 1;
                experience.quantified += usize::from(is_quantified(b));
                experience.action_verbs += usize::from(starts_with_action_verb(b));
            }
        }
        let summary = r
            .sections
            .iter()
            .filter(|s| s.kind == SectionKind::Summary)
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let sections_found = r
            .sections
            .iter()
            .filter(|s| !matches!(s.kind, SectionKind::Contact | SectionKind::Other))
            .count();
        ResumeFeatures {
            skills,
            implied,
            terms: prose_terms(r),
            years: r.years_of_experience,
            degree: r
                .education
                .iter()
                .filter(|e| !e.in_progress)
                .filter_map(|e| e.level)
                .max(),
            degree_in_progress: r
                .education
                .iter()
                .filter(|e| e.in_progress)
                .filter_map(|e| e.level)
                .max(),
            credentials: r
                .credentials
                .iter()
                .filter(|c| c.status == CredentialStatus::Held)
                .map(|c| c.name.clone())
                .collect(),
            credentials_unproven: r
                .credentials
                .iter()
                .filter(|c| c.status != CredentialStatus::Held)
                .map(|c| (c.name.clone(), c.status))
                .collect(),
            has_education: !r.education.is_empty()
                || r.sections.iter().any(|s| s.kind == SectionKind::Education),
            experience,
            has_skills_section: r.sections.iter().any(|s| s.kind == SectionKind::Skills),
            summary: (!summary.trim().is_empty()).then_some(summary),
            name: r.contact.name.is_some(),
            email: r.contact.email.is_some(),
            phone: r.contact.phone.is_some(),
            location: r.contact.location.is_some(),
            links: !r.contact.links.is_empty(),
            findings: r.findings.clone(),
            lines: resume_lines(r),
            roles: r
                .experience
                .iter()
                .filter_map(|e| {
                    let (s, end) = e.interval()?;
                    // a parse stored before `as_of` existed: its latest date, as for its years
                    let latest = r.as_of.map_or_else(
                        || {
                            r.experience
                                .iter()
                                .flat_map(|x| [x.start, x.end])
                                .flatten()
                                .map(|d| d.end_months())
                                .max()
                                .unwrap_or(s.end_months())
                        },
                        |t| t.end_months(),
                    );
                    Some(super::fit::Role {
                        title: e.title.clone()?,
                        start: s.start_months(),
                        end: end.map_or(latest, |d| d.end_months()),
                    })
                })
                .collect(),
            sections_found,
        }
    }
}

/// Every non-blank line of every section (the contact block too: a block under a heading the
/// reader does not know may have been taken into it).
fn resume_lines(r: &ParsedResume) -> Vec<(SectionKind, String)> {
    if r.sections.is_empty() {
        return r
            .text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| (SectionKind::Other, l.to_string()))
            .collect();
    }
    r.sections
        .iter()
        .flat_map(|s| {
            s.text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| (s.kind, l.to_string()))
        })
        .collect()
}

/// Terms of every section except skills lists.
fn prose_terms(r: &ParsedResume) -> Vec<String> {
    if r.sections.is_empty() {
        return terms(&r.text);
    }
    r.sections
        .iter()
        .filter(|s| s.kind != SectionKind::Skills)
        .flat_map(|s| terms(&s.text))
        .collect()
}

/// The skills implied by `skills` and not held directly, each with its strongest source.
pub fn implied_skills(
    skills: &BTreeMap<String, ResumeSkill>,
    tax: &Taxonomy,
) -> BTreeMap<String, ImpliedSkill> {
    let mut implied: BTreeMap<String, ImpliedSkill> = BTreeMap::new();
    for (name, s) in skills {
        let Some(id) = tax.lookup(name) else { continue };
        for imp in &tax.skill(id).implies {
            let target = &tax.skill(*imp).name;
            if skills.contains_key(target) {
                continue;
            }
            let better = implied.get(target).is_none_or(|cur| s.level > cur.level);
            if better {
                implied.insert(
                    target.clone(),
                    ImpliedSkill {
                        by: name.clone(),
                        level: s.level,
                    },
                );
            }
        }
    }
    implied
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_verbs_in_any_tense() {
        for b in [
            "Led a team of 5",
            "Built the API",
            "Designed dashboards",
            "Planned releases",
            "Optimized queries",
            "Develops tools",
            "Spearheading migration",
            "Simplified CI",
        ] {
            assert!(starts_with_action_verb(b), "{b}");
        }
        for b in ["Responsible for servers", "Team player", "Java, Python", ""] {
            assert!(!starts_with_action_verb(b), "{b}");
        }
    }

    #[test]
    fn quantified_bullets() {
        assert!(is_quantified("Cut latency by 40%"));
        assert!(is_quantified("Saved $2M"));
        assert!(!is_quantified("Improved latency a lot"));
    }
}
