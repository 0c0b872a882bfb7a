//! The score report: the stable `atscore score --json` contract (fields are added, never
//! renamed or removed). Numbers are rounded to one decimal (scores) or three (ratios) so the
//! same inputs print the same bytes.

use serde::{Deserialize, Serialize};

use super::features::EvidenceLevel;
use crate::matching::job::{Importance, JobDescription};
use crate::resume::entities::education::DegreeLevel;
use crate::resume::sections::SectionKind;
use crate::resume::Evidence;

/// The job as the score read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobSummary {
    pub title: Option<String>,
    pub required: Vec<String>,
    pub preferred: Vec<String>,
    pub min_years: Option<f64>,
    pub degree: Option<DegreeLevel>,
    /// The degree is a hard requirement (not "or equivalent experience").
    pub degree_required: bool,
    /// Credentials the job requires (licences, certifications…), by catalogue name.
    #[serde(default)]
    pub credentials_required: Vec<String>,
    /// Credentials the job prefers.
    #[serde(default)]
    pub credentials_preferred: Vec<String>,
}

impl JobSummary {
    /// What a report says of the job it was scored against.
    pub fn of(job: &JobDescription) -> JobSummary {
        let credentials = |required: bool| {
            job.credentials
                .iter()
                .filter(|c| c.required == required)
                .map(|c| c.name.clone())
                .collect()
        };
        JobSummary {
            title: job.title.clone(),
            required: job.required().map(|s| s.name.clone()).collect(),
            preferred: job.preferred().map(|s| s.name.clone()).collect(),
            min_years: job.min_years,
            degree: job.degree,
            degree_required: job.degree_required,
            credentials_required: credentials(true),
            credentials_preferred: credentials(false),
        }
    }
}

/// Content match: skill coverage and text similarity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContentBreakdown {
    pub score: f64,
    pub weight: f64,
    /// Weighted share of the job's skills the resume evidences (0–1); `null` when the job
    /// names no skill.
    pub skill_coverage: Option<f64>,
    /// BM25 cosine between resume and job text (0–1), before scaling.
    pub text_similarity: f64,
    /// The terms that contribute most to the similarity (stemmed).
    pub shared_terms: Vec<String>,
}

/// One format penalty with its evidence and fix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Penalty {
    pub code: String,
    pub points: f64,
    pub message: String,
    pub fix: String,
}

/// Format compatibility: 100 minus the penalties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormatBreakdown {
    pub score: f64,
    pub weight: f64,
    pub penalties: Vec<Penalty>,
}

/// One check of a section score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionCheck {
    pub section: String,
    pub check: String,
    pub points: f64,
    pub max: f64,
    pub note: String,
}

/// Section scores (each 0–100) and their mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionBreakdown {
    pub score: f64,
    pub weight: f64,
    pub skills: f64,
    pub experience: f64,
    pub education: f64,
    pub contact: f64,
    pub summary: f64,
    pub checks: Vec<SectionCheck>,
}

/// The three sub-scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Breakdown {
    pub content_match: ContentBreakdown,
    pub format_compatibility: FormatBreakdown,
    pub sections: SectionBreakdown,
}

/// A job skill the resume evidences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatchedSkill {
    pub name: String,
    pub category: String,
    pub importance: Importance,
    /// Credit given (0–1): by evidence level, halved for implied skills.
    pub credit: f64,
    pub evidence_level: EvidenceLevel,
    /// The form written in the resume ("k8s").
    pub matched_as: String,
    /// How it matched, when not literally: "k8s → Kubernetes", "PostgreSQL implies SQL".
    pub via: Option<String>,
    pub sections: Vec<SectionKind>,
    pub evidence: Vec<Evidence>,
}

/// A job skill the resume does not show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissingSkill {
    pub name: String,
    pub category: String,
    pub importance: Importance,
    /// The job description line asking for it.
    pub job_evidence: String,
}

/// A hard requirement the resume does not meet (shown, filterable; it does not zero the score).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Knockout {
    /// `missing_required_skill`, `missing_required_credential`, `years_below_minimum`,
    /// `degree_below_minimum`.
    pub code: String,
    pub message: String,
    pub skill: Option<String>,
}

/// A concrete change with its effect, computed by scoring the changed resume again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub code: String,
    pub message: String,
    /// Points the total would gain.
    pub delta: f64,
    pub skill: Option<String>,
}

/// The full score of one resume against one job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreReport {
    pub scoring_version: String,
    pub taxonomy_version: String,
    pub file: Option<String>,
    pub job: JobSummary,
    /// Total 0–100.
    pub score: f64,
    pub breakdown: Breakdown,
    pub matched: Vec<MatchedSkill>,
    pub missing: Vec<MissingSkill>,
    pub knockouts: Vec<Knockout>,
    pub suggestions: Vec<Suggestion>,
    pub warnings: Vec<String>,
    /// Resume lines that repeat the posting word for word (they earn no credit).
    #[serde(default)]
    pub copied_lines: Vec<String>,
    /// The fit to the job, from evidence only (what the hiring ranking sorts by).
    #[serde(default)]
    pub fit: super::fit::Fit,
}

/// Round to one decimal (scores, deltas).
pub fn r1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Round to three decimals (ratios).
pub fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(all(test, feature = "openapi"))]
mod openapi_tests {
    use utoipa::PartialSchema;

    use super::*;

    #[test]
    fn score_report_schema_has_the_contract_fields() {
        let s = serde_json::to_string(&ScoreReport::schema()).unwrap();
        for p in [
            "\"breakdown\"",
            "\"matched\"",
            "\"missing\"",
            "\"knockouts\"",
        ] {
            assert!(s.contains(p), "{p} missing from {s}");
        }
        let level = serde_json::to_string(&EvidenceLevel::schema()).unwrap();
        assert!(level.contains("\"mentioned\""), "{level}");
        let imp = serde_json::to_string(&Importance::schema()).unwrap();
        assert!(
            imp.contains("\"required\"") && imp.contains("\"preferred\""),
            "{imp}"
        );
    }
}
