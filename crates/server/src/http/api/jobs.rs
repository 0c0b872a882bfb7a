//! Jobs and their candidates: `/api/v1/jobs…` — create, list, get, update, delete jobs;
//! upload candidates (files or a ZIP), the ranking (JSON or CSV), candidate detail, shortlist
//! flag, original file, and erasure.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use atscore_core::score::export::{candidate_json, job_json};

use crate::infra::clock::rfc3339;
use crate::app::hiring::{self, AddOutcome, JobChange, JobView, RankedCandidate, RankingFilter};
use crate::http::problem::{ApiJson, ApiMultipart, ApiQuery, Problem};
use crate::app::seeker::JobSource;
use crate::state::AppState;
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

/// The JSON of a job.
pub fn job_out(v: &JobView) -> Value {
    let j = &v.job;
    json!({
        "id": j.id,
        "title": j.title,
        "description": j.description,
        "weights": j.weights,
        "candidates": j.candidates,
        "created_at": rfc3339(j.created_at),
        "updated_at": rfc3339(j.updated_at),
        "analysis": job_json(&v.analysis),
    })
}

/// The JSON of one ranked candidate: `atscore rank --json`'s object plus the stored fields.
pub fn ranked_out(r: &RankedCandidate) -> Value {
    let mut v = candidate_json(&r.ranked);
    let c = &r.candidate;
    if let Some(o) = v.as_object_mut() {
        o.insert("id".into(), json!(c.id));
        o.insert("name".into(), json!(c.name));
        o.insert("shortlisted".into(), json!(c.shortlisted));
        o.insert("created_at".into(), json!(rfc3339(c.created_at)));
    }
    v
}

#[utoipa::path(post, path = "/api/v1/jobs", tag = "jobs", request_body = JobBody,
    responses((status = 201, description = "The job, with its analysis (required and preferred skills, years, degree)", body = Object),
              (status = 400, description = "No description, bad weights or fields", body = Problem, content_type = "application/problem+json"),
              (status = 422, description = "Unreadable description or job URL refused", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn create_job(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<JobBody>,
) -> Result<Response, Problem> {
    let v = hiring::create_job(&state, body.change()).await?;
    let location = format!("/api/v1/jobs/{}", v.job.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(job_out(&v)),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/jobs", tag = "jobs",
    responses((status = 200, description = "All jobs, newest first: `{\"jobs\": [...]}` (without the description)", body = Object)),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn list_jobs(State(state): State<AppState>) -> Result<Json<Value>, Problem> {
    let jobs = state.store().list_jobs().await?;
    Ok(Json(json!({
        "jobs": jobs.iter().map(|j| json!({
            "id": j.id,
            "title": j.title,
            "weights": j.weights,
            "candidates": j.candidates,
            "created_at": rfc3339(j.created_at),
            "updated_at": rfc3339(j.updated_at),
        })).collect::<Vec<_>>()
    })))
}

#[utoipa::path(get, path = "/api/v1/jobs/{id}", tag = "jobs", params(("id" = String, Path)),
    responses((status = 200, description = "The job", body = Object),
              (status = 404, description = "No such job", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn get_job(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    Ok(Json(job_out(&hiring::get_job(&state, &id).await?)))
}

#[utoipa::path(patch, path = "/api/v1/jobs/{id}", tag = "jobs", params(("id" = String, Path)), request_body = JobBody,
    responses((status = 200, description = "The changed job; candidates are scored again when the description or weights changed", body = Object),
              (status = 404, description = "No such job", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn update_job(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<JobBody>,
) -> Result<Json<Value>, Problem> {
    Ok(Json(job_out(
        &hiring::update_job(&state, &id, body.change()).await?,
    )))
}

#[utoipa::path(delete, path = "/api/v1/jobs/{id}", tag = "jobs", params(("id" = String, Path)),
    responses((status = 204, description = "Deleted with all its candidates and their files"),
              (status = 404, description = "No such job", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn delete_job(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode, Problem> {
    hiring::delete_job(&state, &id).await?;
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
        .collect();
    let out = hiring::add_candidates(&state, &id, files).await?;
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
    pub fn filter(&self) -> RankingFilter {
        RankingFilter {
            min_score: self.min_score,
            no_knockouts: self.no_knockouts,
            shortlisted: self.shortlisted,
            top: self.top,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/jobs/{id}/ranking", tag = "candidates",
    params(("id" = String, Path), RankingQuery),
    responses((status = 200, description = "Best first: `{\"job\", \"candidates\": [...]}` as `atscore rank --json` (each candidate also has `id`, `name`, `shortlisted`, `created_at`), or CSV with `Accept: text/csv`", body = Object),
              (status = 404, description = "No such job", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn ranking(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<RankingQuery>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let (view, rows) = hiring::ranking(&state, &id, &q.filter()).await?;
    let wants_csv = q.format.as_deref() == Some("csv")
        || headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/csv"));
    if wants_csv {
        let body = hiring::ranking_csv(&rows)?;
        let name = format!("attachment; filename=\"ranking-{}.csv\"", view.job.id);
        return Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, name),
            ],
            body,
        )
            .into_response());
    }
    let mut job = job_json(&view.analysis);
    if let Some(o) = job.as_object_mut() {
        o.insert("id".into(), json!(view.job.id));
        o.insert("name".into(), json!(view.job.title));
    }
    Ok(Json(json!({
        "job": job,
        "candidates": rows.iter().map(ranked_out).collect::<Vec<_>>(),
    }))
    .into_response())
}

#[utoipa::path(get, path = "/api/v1/jobs/{id}/candidates/{candidate_id}", tag = "candidates",
    params(("id" = String, Path), ("candidate_id" = String, Path)),
    responses((status = 200, description = "The candidate: rank, score report with evidence, and the parsed resume (what the ATS sees)", body = Object),
              (status = 404, description = "No such job or candidate", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn get_candidate(
    State(state): State<AppState>,
    Path((id, cid)): Path<(String, String)>,
) -> Result<Json<Value>, Problem> {
    let (_, rc) = hiring::candidate(&state, &id, &cid).await?;
    let c = &rc.candidate;
    let parsed: Value = c
        .parsed
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or(Value::Null);
    let report: Value = match &rc.ranked.outcome {
        Ok(r) => serde_json::to_value(r).unwrap_or(Value::Null),
        Err(_) => Value::Null,
    };
    let mut v = ranked_out(&rc);
    if let Some(o) = v.as_object_mut() {
        o.insert("job_id".into(), json!(c.job_id));
        o.insert("status".into(), json!(c.status));
        o.insert("media_type".into(), json!(c.media_type));
        o.insert("size_bytes".into(), json!(c.size_bytes));
        o.insert("sha256".into(), json!(c.sha256));
        o.insert("has_file".into(), json!(c.has_file));
        o.insert("report".into(), report);
        o.insert("parsed".into(), parsed);
    }
    Ok(Json(v))
}

/// Fields of a candidate that can change.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidatePatch {
    pub shortlisted: bool,
}

#[utoipa::path(patch, path = "/api/v1/jobs/{id}/candidates/{candidate_id}", tag = "candidates",
    params(("id" = String, Path), ("candidate_id" = String, Path)), request_body = CandidatePatch,
    responses((status = 200, description = "`{\"id\", \"shortlisted\"}`", body = Object),
              (status = 404, description = "No such job or candidate", body = Problem, content_type = "application/problem+json")),
    security(("api_key" = []), ("bearer" = [])))]
pub async fn patch_candidate(
    State(state): State<AppState>,
    Path((id, cid)): Path<(String, String)>,
    ApiJson(body): ApiJson<CandidatePatch>,
) -> Result<Json<Value>, Problem> {
    hiring::set_shortlisted(&state, &id, &cid, body.shortlisted).await?;
    Ok(Json(json!({"id": cid, "shortlisted": body.shortlisted})))
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
    hiring::delete_candidate(&state, &id, &cid).await?;
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
    let c = state
        .store()
        .get_candidate(&id, &cid)
        .await?
        .ok_or_else(|| Problem::not_found("candidate"))?;
    let bytes = state
        .store()
        .candidate_file(&id, &cid)
        .await?
        .ok_or_else(|| Problem::not_found("file (only the analysis was kept)"))?;
    let name: String = c
        .file_name
        .rsplit('/')
        .next()
        .unwrap_or("resume")
        .chars()
        .filter(|ch| ch.is_ascii_alphanumeric() || ".-_ ".contains(*ch))
        .collect();
    Ok((
        [
            (
                header::CONTENT_TYPE,
                c.media_type
                    .unwrap_or_else(|| "application/octet-stream".into()),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
