//! `POST /api/v1/parse` and `POST /api/v1/score`: one resume, answered with the same JSON as
//! `atscore parse --json` and `atscore score --json`.

use axum::extract::State;
use axum::Json;

use atscore_core::matching::score::ScoreReport;
use atscore_core::ParsedResume;

use crate::app::seeker;
use crate::http::problem::{ApiMultipart, Problem};
use crate::http::state::AppState;
use crate::http::uploads::{job_source, read_parts, take};

/// Parts a parse or score request may carry.
const MAX_PARTS: usize = 8;

/// Parse a resume.
#[utoipa::path(
    post, path = "/api/v1/parse", tag = "documents",
    request_body(content_type = "multipart/form-data", description = "`file`: the resume (PDF, DOCX, DOC, ODT, RTF, HTML, Markdown or text; detected from the content)"),
    responses(
        (status = 200, description = "What an ATS reads from the resume (`atscore parse --json`)", body = ParsedResume),
        (status = 400, description = "No file", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Over MAX_FILE_SIZE", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a supported document type", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unreadable: empty, damaged, encrypted, over a safety limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn parse(
    State(state): State<AppState>,
    ApiMultipart(mp): ApiMultipart,
) -> Result<Json<ParsedResume>, Problem> {
    let mut parts = read_parts(mp, state.settings().max_file_size, MAX_PARTS).await?;
    let file = take(&mut parts, &["file", "resume"]).ok_or_else(|| {
        Problem::bad_request(
            "missing_file",
            "send the resume as a multipart field named `file`",
        )
    })?;
    Ok(Json(seeker::parse(state.app(), file.upload()).await?))
}

/// Score a resume against a job description.
#[utoipa::path(
    post, path = "/api/v1/score", tag = "documents",
    request_body(content_type = "multipart/form-data", description = "`resume`: the resume file; the job as `job_text` (text), `job` (a file) or `job_url` (fetched; private and loopback addresses are refused); optional `weights` (`content=0.6,format=0.2,sections=0.2`)"),
    responses(
        (status = 200, description = "The score report (`atscore score --json`)", body = ScoreReport),
        (status = 400, description = "Missing resume or job, bad weights", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Over MAX_FILE_SIZE", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a supported document type", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unreadable resume or job; job URL refused or failed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn score(
    State(state): State<AppState>,
    ApiMultipart(mp): ApiMultipart,
) -> Result<Json<ScoreReport>, Problem> {
    let mut parts = read_parts(mp, state.settings().max_file_size, MAX_PARTS).await?;
    let resume = take(&mut parts, &["resume", "file"]).ok_or_else(|| {
        Problem::bad_request(
            "missing_resume",
            "send the resume as a multipart field named `resume`",
        )
    })?;
    let weights = take(&mut parts, &["weights"]).map(|p| p.text());
    let cfg = seeker::weights(weights.as_deref())?;
    let job = job_source(&mut parts).ok_or_else(|| {
        Problem::bad_request(
            "missing_job",
            "send the job description as `job_text`, as a `job` file or as a `job_url`",
        )
    })?;
    let scored = seeker::score_resume(state.app(), resume.upload(), job, cfg).await?;
    Ok(Json(scored.report))
}
