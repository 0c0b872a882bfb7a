//! The job seeker's work, shared by the API and the web UI: parse one resume, and score one
//! resume against a job description given as text, as a file, or as a URL (fetched under the
//! SSRF policy of [`crate::infra::fetch`]).

use axum::http::StatusCode;

use atscore_core::score::{ScoreConfig, ScoreReport, Weights};
use atscore_core::ParsedResume;

use crate::app::engine::ScoreInputError;

use crate::http::problem::Problem;
use crate::state::AppState;
use crate::http::uploads::Part;

/// Where the job description comes from.
#[derive(Debug, Clone)]
pub enum JobSource {
    Text(String),
    File(Vec<u8>),
    Url(String),
}

impl JobSource {
    /// The job from the form fields `job_text`, `job` (file) or `job_url`, first given wins
    /// in that order; empty fields count as absent.
    pub fn from_parts(parts: &mut Vec<Part>) -> Option<JobSource> {
        let mut found = None;
        while let Some(p) =
            crate::http::uploads::take(parts, &["job_text", "job_description", "job", "job_url"])
        {
            if p.bytes.iter().all(|b| b.is_ascii_whitespace()) || found.is_some() {
                continue;
            }
            found = Some(match p.name.as_str() {
                "job_url" => JobSource::Url(p.text().trim().to_string()),
                "job" if p.file_name.is_some() => JobSource::File(p.bytes),
                _ => JobSource::Text(p.text()),
            });
        }
        found
    }
}

/// The bytes of a job description (fetching a URL).
pub async fn job_bytes(state: &AppState, src: JobSource) -> Result<Vec<u8>, Problem> {
    match src {
        JobSource::Text(t) => Ok(t.into_bytes()),
        JobSource::File(b) => Ok(b),
        JobSource::Url(u) => state
            .fetcher()
            .fetch(&u)
            .await
            .map(|f| f.bytes)
            .map_err(|e| {
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
pub async fn parse(state: &AppState, file: Part) -> Result<ParsedResume, Problem> {
    state
        .scan(&file.bytes, file.file_name.as_deref().unwrap_or("resume"))
        .await?;
    let st = state.clone();
    state
        .engine()
        .run(move || st.engine().parse(&file.bytes, file.file_name.clone()))
        .await?
        .map_err(|e| Problem::from_parse(&e))
}

/// With scanning on, scan the resume and an uploaded job file (fail closed).
pub async fn scan_inputs(state: &AppState, resume: &Part, job: &JobSource) -> Result<(), Problem> {
    state
        .scan(
            &resume.bytes,
            resume.file_name.as_deref().unwrap_or("resume"),
        )
        .await?;
    if let JobSource::File(bytes) = job {
        state.scan(bytes, "job description").await?;
    }
    Ok(())
}

/// Score one resume against one job, with what-if suggestions.
pub async fn score_resume(
    state: &AppState,
    resume: Part,
    job: JobSource,
    cfg: ScoreConfig,
) -> Result<ScoreReport, Problem> {
    scan_inputs(state, &resume, &job).await?;
    let job = job_bytes(state, job).await?;
    let st = state.clone();
    state
        .engine()
        .run(move || {
            st.engine()
                .score(&resume.bytes, resume.file_name.clone(), &job, &cfg)
                .map_err(|e| match e {
                    ScoreInputError::Job(e) => {
                        let mut p = Problem::from_parse(&e);
                        p.detail = format!("job description: {}", p.detail);
                        p
                    }
                    ScoreInputError::Resume(e) => Problem::from_parse(&e),
                })
        })
        .await?
        .inspect(|report| crate::infra::metrics::observe_score(report.score))
}
