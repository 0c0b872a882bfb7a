//! The job seeker's work, shared by the API and the web UI: parse one resume, and score one
//! resume against a job description given as text, as a file, or as a URL (fetched under the
//! SSRF policy of [`crate::infra::fetch`]). Every score goes through the engine's cache and is
//! observed in `resume_matching_score`.

use axum::http::StatusCode;

use atscore_core::matching::score::{ScoreConfig, Weights};
use atscore_core::ParsedResume;

use crate::app::engine::{ScoreInputError, Scored};
use crate::app::inputs::{JobSource, Upload};
use crate::app::{App, Problem};
use crate::infra::metrics;

/// The bytes of a job description (fetching a URL).
pub async fn job_bytes(app: &App, src: JobSource) -> Result<Vec<u8>, Problem> {
    match src {
        JobSource::Text(t) => Ok(t.into_bytes()),
        JobSource::File(b) => Ok(b),
        JobSource::Url(u) => app.fetcher().fetch(&u).await.map(|f| f.bytes).map_err(|e| {
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                e.code(),
                format!("job_url: {e}"),
            )
        }),
    }
}

/// Score weights from a form or JSON field (`content=0.6,format=0.2,sections=0.2`).
pub fn weights(text: Option<&str>) -> Result<ScoreConfig, Problem> {
    let mut cfg = ScoreConfig::default();
    if let Some(w) = text.map(str::trim).filter(|w| !w.is_empty()) {
        cfg.weights = Weights::parse(w)
            .map_err(|e| Problem::bad_request("invalid_weights", e.to_string()))?;
    }
    Ok(cfg)
}

/// Parse one resume.
pub async fn parse(app: &App, file: Upload) -> Result<ParsedResume, Problem> {
    app.scan(&file.bytes, file.file_name.as_deref().unwrap_or("resume"))
        .await?;
    let a = app.clone();
    app.engine()
        .run(move || a.engine().parse(&file.bytes, file.file_name.clone()))
        .await?
        .map_err(|e| Problem::from_parse(&e))
}

/// With scanning on, scan the resume and an uploaded job file (fail closed).
async fn scan_inputs(app: &App, resume: &Upload, job: &JobSource) -> Result<(), Problem> {
    app.scan(
        &resume.bytes,
        resume.file_name.as_deref().unwrap_or("resume"),
    )
    .await?;
    if let JobSource::File(bytes) = job {
        app.scan(bytes, "job description").await?;
    }
    Ok(())
}

/// Why a score failed: the resume could not be read, or anything else (the job description,
/// the scanner, a fetch, the pool). Each edge words a resume's failure its own way.
#[derive(Debug, Clone)]
pub enum ScoreFailure {
    Resume(Problem),
    Other(Problem),
}

impl ScoreFailure {
    /// The problem, a resume's failure introduced by `resume` ("your resume: …").
    pub fn about_resume(self, resume: &str) -> Problem {
        match self {
            ScoreFailure::Resume(p) => p.about(resume),
            ScoreFailure::Other(p) => p,
        }
    }
}

impl From<ScoreFailure> for Problem {
    fn from(f: ScoreFailure) -> Problem {
        match f {
            ScoreFailure::Resume(p) | ScoreFailure::Other(p) => p,
        }
    }
}

impl From<Problem> for ScoreFailure {
    fn from(p: Problem) -> ScoreFailure {
        ScoreFailure::Other(p)
    }
}

/// Score one resume against one job, with what-if suggestions, and the resume as read.
pub async fn score_resume(
    app: &App,
    resume: Upload,
    job: JobSource,
    cfg: ScoreConfig,
) -> Result<Scored, ScoreFailure> {
    scan_inputs(app, &resume, &job).await?;
    let job = job_bytes(app, job).await?;
    let a = app.clone();
    let scored = app
        .engine()
        .run(move || {
            a.engine()
                .score(&resume.bytes, resume.file_name.clone(), &job, &cfg)
        })
        .await?
        .map_err(|e| match e {
            ScoreInputError::Job(e) => {
                ScoreFailure::Other(Problem::from_parse(&e).about("job description"))
            }
            ScoreInputError::Resume(e) => ScoreFailure::Resume(Problem::from_parse(&e)),
        })?;
    metrics::observe_score(scored.report.score);
    Ok(scored)
}
