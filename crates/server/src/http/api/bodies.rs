//! The JSON bodies of the jobs routes, typed (and documented in the OpenAPI document): a job,
//! the job list, a ranking with its candidates, a candidate's detail, the shortlist flag.
//! Where a body carries the objects of `atscore rank --json` (the job's analysis, a ranked
//! candidate) it holds them as the core builds them, so the API and the CLI cannot drift.
//!
//! Every body goes out through [`SortedJson`]: object keys in alphabetical order at every
//! depth, the wire order of these routes since their first version (they were built as
//! `serde_json` values, whose maps keep their keys sorted), so typing them changed no byte.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::Value;

use atscore_core::matching::rank::export::{candidate_json, job_json};
use atscore_core::matching::score::ScoreReport;
use atscore_core::ParsedResume;

use crate::app::hiring::{JobView, RankedCandidate};
use crate::app::Problem;
use crate::infra::clock::rfc3339;
use crate::infra::store::jobs::Job;

/// A JSON response with its object keys in alphabetical order at every depth.
#[derive(Debug, Clone)]
pub struct SortedJson<T>(pub T);

impl<T: Serialize> IntoResponse for SortedJson<T> {
    fn into_response(self) -> Response {
        match serde_json::to_value(&self.0) {
            Ok(v) => Json(v).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "a response body could not be serialised");
                Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "an internal error occurred; it has been logged",
                )
                .into_response()
            }
        }
    }
}

/// A job, with its analysis.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct JobOut {
    pub id: String,
    pub title: String,
    /// The job description (text, Markdown or HTML as given; files and pages as their text).
    pub description: String,
    /// Score weights (`content=0.6,format=0.2,sections=0.2`); null for the defaults.
    pub weights: Option<String>,
    /// Candidates uploaded to it.
    pub candidates: i64,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// The analysis as `atscore rank --json` shows the job: `title`, `required` and
    /// `preferred` skill names, `min_years`, `degree`.
    #[schema(value_type = Object)]
    pub analysis: Value,
}

impl JobOut {
    pub fn new(v: &JobView) -> JobOut {
        let j = &v.job;
        JobOut {
            id: j.id.clone(),
            title: j.title.clone(),
            description: j.description.clone(),
            weights: j.weights.clone(),
            candidates: j.candidates,
            created_at: rfc3339(j.created_at),
            updated_at: rfc3339(j.updated_at),
            analysis: job_json(&v.analysis),
        }
    }
}

/// A job in the list (without its description).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct JobSummaryOut {
    pub id: String,
    pub title: String,
    pub weights: Option<String>,
    pub candidates: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// All jobs, newest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct JobListOut {
    pub jobs: Vec<JobSummaryOut>,
}

impl JobListOut {
    pub fn new(jobs: &[Job]) -> JobListOut {
        JobListOut {
            jobs: jobs
                .iter()
                .map(|j| JobSummaryOut {
                    id: j.id.clone(),
                    title: j.title.clone(),
                    weights: j.weights.clone(),
                    candidates: j.candidates,
                    created_at: rfc3339(j.created_at),
                    updated_at: rfc3339(j.updated_at),
                })
                .collect(),
        }
    }
}

/// One ranked candidate: `atscore rank --json`'s object plus the stored fields.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RankedOut {
    /// `atscore rank --json`'s candidate: `file`, `score`, `rank`, then `matched`, `missing`,
    /// `knockouts` and `breakdown` for a scored file, or `error` for an unreadable one (its
    /// `score` and `rank` null).
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub ranked: Value,
    /// The candidate's id.
    pub id: String,
    /// The name read from the resume's contact block.
    pub name: Option<String>,
    pub shortlisted: bool,
    /// When it was uploaded (RFC 3339).
    pub created_at: String,
}

impl RankedOut {
    pub fn new(r: &RankedCandidate) -> RankedOut {
        let c = &r.candidate;
        RankedOut {
            ranked: candidate_json(&r.ranked),
            id: c.id.clone(),
            name: c.name.clone(),
            shortlisted: c.shortlisted,
            created_at: rfc3339(c.created_at),
        }
    }
}

/// The job of a ranking: its analysis as `atscore rank --json` shows it, with id and title.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RankingJobOut {
    /// `title`, `required`, `preferred`, `min_years`, `degree`.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub analysis: Value,
    pub id: String,
    /// The job's title as stored.
    pub name: String,
}

/// A ranking: the job and its candidates, best first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RankingOut {
    pub job: RankingJobOut,
    pub candidates: Vec<RankedOut>,
}

impl RankingOut {
    pub fn new(view: &JobView, rows: &[RankedCandidate]) -> RankingOut {
        RankingOut {
            job: RankingJobOut {
                analysis: job_json(&view.analysis),
                id: view.job.id.clone(),
                name: view.job.title.clone(),
            },
            candidates: rows.iter().map(RankedOut::new).collect(),
        }
    }
}

/// A candidate in full: the ranked object, the stored fields, the score report with its
/// evidence, and the parsed resume (what the ATS sees).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CandidateOut {
    #[serde(flatten)]
    pub ranked: RankedOut,
    pub job_id: String,
    /// `scored` or `error`.
    pub status: String,
    pub media_type: Option<String>,
    pub size_bytes: i64,
    pub sha256: String,
    /// The original file was kept (`RETENTION=keep`) and can be downloaded.
    pub has_file: bool,
    /// The score report; null for an unreadable file.
    pub report: Option<ScoreReport>,
    /// The parsed resume as stored; null for an unreadable file.
    #[schema(value_type = Option<ParsedResume>)]
    pub parsed: Option<Value>,
}

impl CandidateOut {
    pub fn new(rc: &RankedCandidate) -> CandidateOut {
        let c = &rc.candidate;
        CandidateOut {
            ranked: RankedOut::new(rc),
            job_id: c.job_id.clone(),
            status: c.status.clone(),
            media_type: c.media_type.clone(),
            size_bytes: c.size_bytes,
            sha256: c.sha256.clone(),
            has_file: c.has_file,
            report: rc.ranked.outcome.as_ref().ok().cloned(),
            parsed: c
                .parsed
                .as_deref()
                .and_then(|p| serde_json::from_str(p).ok()),
        }
    }
}

/// The shortlist flag of a candidate, as set.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ShortlistOut {
    pub id: String,
    pub shortlisted: bool,
}
