//! The parsed resume: the stable `atscore parse --json` contract (fields are added, never
//! renamed or removed).

use serde::{Deserialize, Serialize};

use crate::resume::entities::certifications::Certification;
use crate::resume::entities::contact::Contact;
use crate::resume::entities::credentials::CredentialHit;
use crate::resume::entities::education::EducationEntry;
use crate::resume::entities::experience::ExperienceEntry;
use crate::resume::entities::languages::SpokenLanguage;
use crate::resume::findings::Findings;
use crate::resume::sections::SectionKind;

/// A section of the resume with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionText {
    pub kind: SectionKind,
    /// The heading as written ("Work History"); `null` for the header block.
    pub heading: Option<String>,
    pub text: String,
}

/// Where a skill was seen: the section and a snippet around the mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    pub section: SectionKind,
    /// The sentence or line around the mention (at most ~160 characters).
    pub snippet: String,
}

/// A skill found in the resume by the skills matcher.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkillHit {
    /// Canonical name ("Kubernetes").
    pub name: String,
    pub category: String,
    /// The form first seen in the resume ("k8s").
    pub matched_as: String,
    /// Sections it appears in, in order of first appearance.
    pub sections: Vec<SectionKind>,
    /// Up to three snippets showing where it was seen.
    pub evidence: Vec<Evidence>,
}

/// Everything atscore reads from one resume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Licences, certifications, clearances and driving licences recognised from the
    /// credentials catalogue (post-nominals after the name included: "Maria Gonzalez, RN").
    #[serde(default)]
    pub credentials: Vec<CredentialHit>,
    pub languages: Vec<SpokenLanguage>,
    /// Total years of experience, overlapping jobs counted once.
    pub years_of_experience: f64,
    /// The month the resume was read as of: "today" when given, else its latest date (a
    /// current role runs to it).
    #[serde(default)]
    pub as_of: Option<crate::resume::entities::dates::YearMonth>,
    pub skills: Vec<SkillHit>,
    pub findings: Findings,
    pub warnings: Vec<String>,
}

#[cfg(all(test, feature = "openapi"))]
mod openapi_tests {
    use utoipa::ToSchema;

    use super::*;

    fn json<T: ToSchema>() -> String {
        serde_json::to_string(&T::schema()).unwrap()
    }

    #[test]
    fn parsed_resume_schema_has_the_contract_fields() {
        let s = json::<ParsedResume>();
        for p in [
            "\"skills\"",
            "\"findings\"",
            "\"years_of_experience\"",
            "\"contact\"",
        ] {
            assert!(s.contains(p), "{p} missing from {s}");
        }
        // nested types are components, collected with their own dependencies
        let mut all = Vec::new();
        ParsedResume::schemas(&mut all);
        let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
        for n in [
            "Findings",
            "FindingDetail",
            "SkillHit",
            "Evidence",
            "YearMonth",
            "DegreeLevel",
        ] {
            assert!(names.contains(&n), "{n} not among {names:?}");
        }
    }

    #[test]
    fn schemas_follow_the_serde_renames() {
        // `rename_all = "snake_case"` on the enums
        let kinds = json::<SectionKind>();
        assert!(kinds.contains("\"experience\""), "{kinds}");
        assert!(!kinds.contains("\"Experience\""), "{kinds}");
        let level = json::<crate::resume::entities::education::DegreeLevel>();
        assert!(level.contains("\"high_school\""), "{level}");
        // a custom serde form: YearMonth is a string
        let ym = json::<crate::resume::entities::dates::YearMonth>();
        assert!(ym.contains("\"type\":\"string\""), "{ym}");
    }
}
