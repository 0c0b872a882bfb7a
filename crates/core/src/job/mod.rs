//! Job descriptions: from text, Markdown, HTML, PDF or DOCX to a [`JobDescription`] — title,
//! required and preferred skills (from headings and cue phrases), minimum years, degree level,
//! responsibilities — with boilerplate (benefits, EEO statements, about-us) stripped before
//! matching.
//!
//! STUB: the real analysis lands with the job-description work; the types are final.

use serde::Serialize;

use crate::entities::education::DegreeLevel;
use crate::parse::extract_document;
use crate::skills::{Category, SkillId, Taxonomy};
use crate::{Document, Limits, ParseError};

/// How much the job wants a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    Required,
    Preferred,
}

/// A skill the job asks for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JobSkill {
    #[serde(skip)]
    pub id: SkillId,
    /// Canonical name ("Kubernetes").
    pub name: String,
    pub category: Category,
    pub importance: Importance,
    /// The form written in the job description ("k8s").
    pub matched_as: String,
    /// The line of the job description it was read from.
    pub evidence: String,
}

/// A job description, analysed.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct JobDescription {
    pub title: Option<String>,
    /// Required skills, then preferred ones; each skill once (required wins).
    pub skills: Vec<JobSkill>,
    /// Minimum years of experience asked for ("5+ years").
    pub min_years: Option<f64>,
    /// Minimum degree asked for.
    pub degree: Option<DegreeLevel>,
    /// Responsibility lines ("what you will do").
    pub responsibilities: Vec<String>,
    /// The text used for matching: the job description without boilerplate.
    pub text: String,
    /// Boilerplate lines removed before matching (benefits, EEO, about us…), for transparency.
    pub boilerplate: Vec<String>,
}

impl JobDescription {
    pub fn required(&self) -> impl Iterator<Item = &JobSkill> {
        self.skills
            .iter()
            .filter(|s| s.importance == Importance::Required)
    }

    pub fn preferred(&self) -> impl Iterator<Item = &JobSkill> {
        self.skills
            .iter()
            .filter(|s| s.importance == Importance::Preferred)
    }
}

/// Analyse a job description from file bytes (any format `atscore parse` reads).
pub fn parse_job(
    bytes: &[u8],
    limits: &Limits,
    tax: &Taxonomy,
) -> Result<JobDescription, ParseError> {
    let (_, doc) = extract_document(bytes, limits)?;
    Ok(analyze_job(&doc, tax))
}

/// Analyse a job description given as text (plain, Markdown or HTML, sniffed like a file).
pub fn parse_job_text(text: &str, tax: &Taxonomy) -> Result<JobDescription, ParseError> {
    parse_job(text.as_bytes(), &Limits::default(), tax)
}

/// Analyse an extracted job description document.
pub fn analyze_job(doc: &Document, tax: &Taxonomy) -> JobDescription {
    let text = doc.text();
    let mut skills: Vec<JobSkill> = Vec::new();
    for m in tax.find(&text) {
        if skills.iter().any(|s| s.id == m.skill) {
            continue;
        }
        let sk = tax.skill(m.skill);
        let ev = m
            .evidence(crate::sections::SectionKind::Other, &text)
            .snippet;
        skills.push(JobSkill {
            id: m.skill,
            name: sk.name.clone(),
            category: sk.category,
            importance: Importance::Required,
            matched_as: m.matched_as.clone(),
            evidence: ev,
        });
    }
    JobDescription {
        title: doc.lines.first().map(|l| l.text.clone()),
        skills,
        text,
        ..Default::default()
    }
}
