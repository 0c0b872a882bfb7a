//! The hiring team's work, shared by the API and the web UI: jobs (created from text, a file
//! or a URL; changed; deleted), with their candidates scored again when a job changes.
//!
//! - [`upload`] — candidate uploads: several files or ZIP archives, bounded in count and
//!   inflated size, scanned, parsed and scored in parallel on the engine, stored in one
//!   transaction;
//! - [`ranking`] — the ranking of a job's candidates with its filters, and its CSV export;
//! - [`candidates`] — one candidate: detail, shortlist flag, original file, erasure.

pub mod candidates;
pub mod ranking;
pub mod upload;

use std::sync::Arc;

use axum::http::StatusCode;

use atscore_core::matching::job::JobDescription;
use atscore_core::matching::rank::score_candidate;
use atscore_core::matching::score::{JobProfile, ScoreConfig, ScoreReport};
use atscore_core::matching::skills::Taxonomy;
use atscore_core::ParsedResume;

use crate::app::inputs::JobSource;
use crate::app::seeker;
use crate::app::{App, Problem};
use crate::infra::store::candidates::{Candidate, Rescore};
use crate::infra::store::jobs::{Job, JobInput};

pub use candidates::{
    candidate, candidate_file, delete_candidate, set_shortlisted, stored_candidate, CandidateFile,
};
pub use ranking::{ranking, ranking_csv, CandidateFilter, CandidateKey, RankedCandidate};
pub use upload::{add_candidates, AddOutcome, Added};

/// A job with its analysis.
#[derive(Debug, Clone)]
pub struct JobView {
    pub job: Job,
    pub analysis: Arc<JobDescription>,
}

/// Fields of a job to create or change (`None` = keep / default).
#[derive(Debug, Clone, Default)]
pub struct JobChange {
    pub title: Option<String>,
    pub source: Option<JobSource>,
    pub weights: Option<String>,
}

/// Analyse a stored description (cached by content in the engine).
pub async fn analyze(app: &App, description: &str) -> Result<Arc<JobDescription>, Problem> {
    let a = app.clone();
    let bytes = description.as_bytes().to_vec();
    app.engine()
        .run(move || a.engine().job(&bytes))
        .await?
        .map_err(|e| Problem::from_parse(&e).about("job description"))
}

/// The text of a job description source (files and pages are extracted to text).
async fn description_text(app: &App, src: JobSource) -> Result<String, Problem> {
    if let JobSource::Text(t) = src {
        return Ok(t);
    }
    let bytes = seeker::job_bytes(app, src).await?;
    let limits = app.engine().limits();
    app.engine()
        .run(move || {
            atscore_core::document::extract_document(&bytes, &limits).map(|(_, d)| d.text())
        })
        .await?
        .map_err(|e| Problem::from_parse(&e).about("job description"))
}

fn check_weights(w: &Option<String>) -> Result<Option<String>, Problem> {
    let w = w.as_deref().map(str::trim).filter(|w| !w.is_empty());
    seeker::weights(w)?;
    Ok(w.map(str::to_string))
}

pub(super) fn config(job: &Job) -> ScoreConfig {
    seeker::weights(job.weights.as_deref()).unwrap_or_default()
}

/// Every job, newest first (without analysing them).
pub async fn list_jobs(app: &App) -> Result<Vec<Job>, Problem> {
    Ok(app.store().list_jobs().await?)
}

pub async fn create_job(app: &App, change: JobChange) -> Result<JobView, Problem> {
    let src = change.source.ok_or_else(|| {
        Problem::bad_request(
            "missing_job",
            "give the job description as `description` text or as a `job_url`",
        )
    })?;
    let weights = check_weights(&change.weights)?;
    let description = description_text(app, src).await?;
    if description.trim().is_empty() {
        return Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty",
            "the job description is empty",
        ));
    }
    let analysis = analyze(app, &description).await?;
    let title = change
        .title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| analysis.title.clone())
        .unwrap_or_else(|| "Untitled job".into());
    let job = app
        .store()
        .create_job(&JobInput {
            title,
            description,
            weights,
        })
        .await?;
    Ok(JobView { job, analysis })
}

pub async fn get_job(app: &App, id: &str) -> Result<JobView, Problem> {
    let job = app
        .store()
        .get_job(id)
        .await?
        .ok_or_else(|| Problem::not_found("job"))?;
    let analysis = analyze(app, &job.description).await?;
    Ok(JobView { job, analysis })
}

/// Change a job; candidates are scored again when the description or weights changed.
pub async fn update_job(app: &App, id: &str, change: JobChange) -> Result<JobView, Problem> {
    let old = get_job(app, id).await?.job;
    let weights = match &change.weights {
        Some(_) => check_weights(&change.weights)?,
        None => old.weights.clone(),
    };
    let description = match change.source {
        Some(src) => description_text(app, src).await?,
        None => old.description.clone(),
    };
    let title = change
        .title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or(old.title.clone());
    let rescore_needed = description != old.description || weights != old.weights;
    let job = app
        .store()
        .update_job(
            id,
            &JobInput {
                title,
                description,
                weights,
            },
        )
        .await?
        .ok_or_else(|| Problem::not_found("job"))?;
    let analysis = analyze(app, &job.description).await?;
    if rescore_needed {
        rescore(app, &job, analysis.clone()).await?;
    }
    Ok(JobView { job, analysis })
}

pub async fn delete_job(app: &App, id: &str) -> Result<(), Problem> {
    if app.store().delete_job(id).await? {
        Ok(())
    } else {
        Err(Problem::not_found("job"))
    }
}

/// Score a parsed resume for a job, as `atscore rank` does (no what-if suggestions).
pub(super) fn score_parsed(
    r: &ParsedResume,
    job: &JobDescription,
    cfg: &ScoreConfig,
) -> ScoreReport {
    score_candidate(r, &JobProfile::new(job), Taxonomy::embedded(), cfg)
}

/// The parsed resume stored with a candidate (none for an unreadable file).
pub fn parsed_resume(c: &Candidate) -> Option<ParsedResume> {
    serde_json::from_str(c.parsed.as_deref()?).ok()
}

pub(crate) async fn rescore(
    app: &App,
    job: &Job,
    analysis: Arc<JobDescription>,
) -> Result<(), Problem> {
    let cands = app.store().list_candidates(&job.id).await?;
    let cfg = config(job);
    let scores = app
        .engine()
        .run(move || {
            let profile = JobProfile::new(&analysis);
            cands
                .iter()
                .filter_map(|c| {
                    let parsed = parsed_resume(c)?;
                    let rep = score_candidate(&parsed, &profile, Taxonomy::embedded(), &cfg);
                    Some(Rescore {
                        id: c.id.clone(),
                        score: rep.score,
                        knockouts: rep.knockouts.len() as i64,
                        report: serde_json::to_string(&rep).ok()?,
                    })
                })
                .collect::<Vec<_>>()
        })
        .await?;
    app.store().rescore(&job.id, scores).await?;
    Ok(())
}
