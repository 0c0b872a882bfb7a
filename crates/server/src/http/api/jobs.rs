//! Jobs and their candidates: `/api/v1/jobs…` — create, list, get, update, delete jobs;
//! upload candidates (files or a ZIP), the ranking (JSON or CSV), candidate detail, shortlist
//! flag, original file, and erasure.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use atscore_core::matching::rank::RankingFilter;

use super::bodies::{CandidateOut, JobListOut, JobOut, RankingOut, ShortlistOut, SortedJson};
use crate::app::hiring::{self, AddOutcome, CandidateFilter, JobChange};
use crate::app::inputs::JobSource;
use crate::http::download;
use crate::http::problem::{ApiJson, ApiMultipart, ApiQuery, Problem};
use crate::http::state::AppState;
use crate::http::uploads::read_parts;

/// A job to create or change (every field optional on update).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JobBody {
    /// Defaults to the title read from the description.
    pub title: Option<String>,
    /// The job description (text, Markdown or HTML).
    pub description: Option<String>,
    /// Or a page to fetch the description from (private and loopback addresses are refused).
    pub job_url: Option<String>,
    /// Score weights: `content=0.6,format=0.2,sections=0.2`.
    pub weights: Option<String>,
}

impl JobBody {
    fn change(self) -> JobChange {
        let source = match (self.description, self.job_url) {
            (Some(d), _) if !d.trim().is_empty() => Some(JobSource::Text(d)),
            (_, Some(u)) if !u.trim().is_empty() => Some(JobSource::Url(u)),
            _ => None,
        };
        JobChange {
            title: self.title,
            source,
            weights: self.weights,
        }
    }
}

#[utoipa::path(post, path = "/api/v1/jobs", tag = "jobs", request_body = JobBody,
    responses((status = 201, description = "The job, with its analysis (required and preferred skills, years, degree)", body = JobOut),
              (status = 400, description = "No description, bad weights or fields", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "Unreadable description or job URL refused", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn create_job(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<JobBody>,
) -> Result<Response, Problem> {
    let v = hiring::create_job(state.app(), body.change()).await?;
    let location = format!("/api/v1/jobs/{}", v.job.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        SortedJson(JobOut::new(&v)),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/jobs", tag = "jobs",
    responses((status = 200, description = "All jobs, newest first (without the description)", body = JobListOut)),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn list_jobs(State(state): State<AppState>) -> Result<SortedJson<JobListOut>, Problem> {
    let jobs = hiring::list_jobs(state.app()).await?;
    Ok(SortedJson(JobListOut::new(&jobs)))
}

#[utoipa::path(get, path = "/api/v1/jobs/{id}", tag = "jobs", params(("id" = String, Path)),
    responses((status = 200, description = "The job", body = JobOut),
              (status = 404, description = "No such job", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn get_job(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<SortedJson<JobOut>, Problem> {
    let v = hiring::get_job(state.app(), &id).await?;
    Ok(SortedJson(JobOut::new(&v)))
}

#[utoipa::path(patch, path = "/api/v1/jobs/{id}", tag = "jobs", params(("id" = String, Path)), request_body = JobBody,
    responses((status = 200, description = "The changed job; candidates are scored again when the description or weights changed", body = JobOut),
              (status = 404, description = "No such job", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn update_job(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<JobBody>,
) -> Result<SortedJson<JobOut>, Problem> {
    let v = hiring::update_job(state.app(), &id, body.change()).await?;
    Ok(SortedJson(JobOut::new(&v)))
}

#[utoipa::path(delete, path = "/api/v1/jobs/{id}", tag = "jobs", params(("id" = String, Path)),
    responses((status = 204, description = "Deleted with all its candidates and their files"),
              (status = 404, description = "No such job", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn delete_job(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode, Problem> {
    hiring::delete_job(state.app(), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/jobs/{id}/candidates", tag = "candidates", params(("id" = String, Path)),
    request_body(content_type = "multipart/form-data", description = "One or more resume files, or ZIP archives of resumes, in any file fields (`files`, `file`, `resumes`…). Bounded by MAX_UPLOAD_FILES, MAX_UPLOAD_SIZE and MAX_UPLOAD_INFLATED"),
    responses((status = 201, description = "Stored candidates with their scores; unreadable files are stored unranked with their error", body = AddOutcome),
              (status = 404, description = "No such job", body = Problem, content_type = "application/problem+json"),
              (status = 413, description = "Too many files, too large, or an archive inflating past the limit", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn add_candidates(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiMultipart(mp): ApiMultipart,
) -> Result<(StatusCode, Json<AddOutcome>), Problem> {
    let s = state.settings();
    let parts = read_parts(mp, s.max_upload_size, s.max_upload_files + 8).await?;
    let files: Vec<_> = parts
        .into_iter()
        .filter(|p| p.file_name.is_some())
        .map(|p| p.upload())
        .collect();
    let out = hiring::add_candidates(state.app(), &id, files).await?;
    Ok((StatusCode::CREATED, Json(out)))
}

/// Filters of a ranking; `?format=csv` (or `Accept: text/csv`) asks for CSV.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RankingQuery {
    /// Only candidates scoring at least this much (unreadable files are still listed).
    pub min_score: Option<f64>,
    /// Hide candidates with knockouts (missing required skill, years or degree below minimum).
    #[serde(default)]
    pub no_knockouts: bool,
    /// Only shortlisted candidates.
    #[serde(default)]
    pub shortlisted: bool,
    /// Only the best N ranked candidates.
    pub top: Option<usize>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
}

impl RankingQuery {
    pub fn filter(&self) -> CandidateFilter {
        CandidateFilter {
            ranking: RankingFilter {
                min_score: self.min_score,
                no_knockouts: self.no_knockouts,
                top: self.top,
            },
            shortlisted: self.shortlisted,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/jobs/{id}/ranking", tag = "candidates",
    params(("id" = String, Path), RankingQuery),
    responses((status = 200, description = "Best first: `{\"job\", \"candidates\": [...]}` as `atscore rank --json` (each candidate also has `id`, `name`, `shortlisted`, `created_at`), or CSV with `Accept: text/csv`", body = RankingOut),
              (status = 404, description = "No such job", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn ranking(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<RankingQuery>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let (view, rows) = hiring::ranking(state.app(), &id, &q.filter()).await?;
    let wants_csv = q.format.as_deref() == Some("csv")
        || headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/csv"));
    if wants_csv {
        let csv = hiring::ranking_csv(&rows)?;
        return Ok(download::ranking_csv(&view.job.id, csv));
    }
    Ok(SortedJson(RankingOut::new(&view, &rows)).into_response())
}

#[utoipa::path(get, path = "/api/v1/jobs/{id}/candidates/{candidate_id}", tag = "candidates",
    params(("id" = String, Path), ("candidate_id" = String, Path)),
    responses((status = 200, description = "The candidate: rank, score report with evidence, and the parsed resume (what the ATS sees)", body = CandidateOut),
              (status = 404, description = "No such job or candidate", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn get_candidate(
    State(state): State<AppState>,
    Path((id, cid)): Path<(String, String)>,
) -> Result<SortedJson<CandidateOut>, Problem> {
    let (_, rc) = hiring::candidate(state.app(), &id, &cid).await?;
    Ok(SortedJson(CandidateOut::new(&rc)))
}

/// Fields of a candidate that can change.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidatePatch {
    pub shortlisted: bool,
}

#[utoipa::path(patch, path = "/api/v1/jobs/{id}/candidates/{candidate_id}", tag = "candidates",
    params(("id" = String, Path), ("candidate_id" = String, Path)), request_body = CandidatePatch,
    responses((status = 200, description = "The flag as set", body = ShortlistOut),
              (status = 404, description = "No such job or candidate", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn patch_candidate(
    State(state): State<AppState>,
    Path((id, cid)): Path<(String, String)>,
    ApiJson(body): ApiJson<CandidatePatch>,
) -> Result<SortedJson<ShortlistOut>, Problem> {
    hiring::set_shortlisted(state.app(), &id, &cid, body.shortlisted).await?;
    Ok(SortedJson(ShortlistOut {
        id: cid,
        shortlisted: body.shortlisted,
    }))
}

#[utoipa::path(delete, path = "/api/v1/jobs/{id}/candidates/{candidate_id}", tag = "candidates",
    params(("id" = String, Path), ("candidate_id" = String, Path)),
    responses((status = 204, description = "Erased: the file and every row derived from it"),
              (status = 404, description = "No such job or candidate", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn delete_candidate(
    State(state): State<AppState>,
    Path((id, cid)): Path<(String, String)>,
) -> Result<StatusCode, Problem> {
    hiring::delete_candidate(state.app(), &id, &cid).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/jobs/{id}/candidates/{candidate_id}/file", tag = "candidates",
    params(("id" = String, Path), ("candidate_id" = String, Path)),
    responses((status = 200, description = "The original file as uploaded", content_type = "application/octet-stream"),
              (status = 404, description = "No such candidate, or its file was not kept (RETENTION=analysis)", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn candidate_file(
    State(state): State<AppState>,
    Path((id, cid)): Path<(String, String)>,
) -> Result<Response, Problem> {
    let file = hiring::candidate_file(state.app(), &id, &cid).await?;
    Ok(download::candidate_file(file))
}
