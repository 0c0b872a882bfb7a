//! The parsed resume: the stable `atscore parse --json` contract (fields are added, never
//! renamed or removed).

use serde::{Deserialize, Serialize};

use crate::entities::certifications::Certification;
use crate::entities::contact::Contact;
use crate::entities::education::EducationEntry;
use crate::entities::experience::ExperienceEntry;
use crate::entities::languages::SpokenLanguage;
use crate::findings::Findings;
use crate::sections::SectionKind;

/// A section of the resume with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionText {
    pub kind: SectionKind,
    /// The heading as written ("Work History"); `null` for the header block.
    pub heading: Option<String>,
    pub text: String,
}

/// A skill found in the resume by the skills matcher.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillHit {
    /// Canonical name ("Kubernetes").
    pub name: String,
    pub category: String,
    /// The form first seen in the resume ("k8s").
    pub matched_as: String,
    /// Sections it appears in, in order of first appearance.
    pub sections: Vec<SectionKind>,
    /// Up to three snippets showing where it was seen.
    pub evidence: Vec<crate::skills::matcher::Evidence>,
}

/// Everything atscore reads from one resume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedResume {
    /// File name as given by the caller (never used to detect the format).
    pub file: Option<String>,
    /// Detected format ("pdf", "docx", …).
    pub format: String,
    /// IANA media type of the detected format.
    pub media_type: String,
    pub pages: u32,
    /// Full text in reading order.
    pub text: String,
    pub sections: Vec<SectionText>,
    pub contact: Contact,
    pub experience: Vec<ExperienceEntry>,
    pub education: Vec<EducationEntry>,
    pub certifications: Vec<Certification>,
    pub languages: Vec<SpokenLanguage>,
    /// Total years of experience, overlapping jobs counted once.
    pub years_of_experience: f64,
    pub skills: Vec<SkillHit>,
    pub findings: Findings,
    pub warnings: Vec<String>,
}
