//! The HTTP routes of this slice: health, parse and score. Uploads are multipart; parsing and
//! scoring run on the blocking pool behind a semaphore (bounded concurrency).

use std::sync::Arc;

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};
use tokio::sync::Semaphore;

use atscore_core::job::parse_job;
use atscore_core::score::{score, ScoreConfig, Weights};
use atscore_core::skills::Taxonomy;
use atscore_core::{parse_resume, Limits, ParseOptions};

use crate::problem::Problem;
use crate::Settings;

/// Shared state of the routes.
#[derive(Debug, Clone)]
pub struct AppState {
    pub settings: Settings,
    pub workers: Arc<Semaphore>,
}

/// `GET /healthz` (and `/health`): the process answers.
pub async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// One uploaded part.
struct Part {
    name: String,
    file_name: Option<String>,
    bytes: Vec<u8>,
}

async fn read_parts(mut mp: Multipart, max: usize) -> Result<Vec<Part>, Problem> {
    let mut parts = Vec::new();
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(multipart_problem(e.status(), e.body_text())),
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| multipart_problem(e.status(), e.body_text()))?;
        if bytes.len() > max {
            return Err(Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!(
                    "`{name}` is {} bytes; the limit is {max} bytes",
                    bytes.len()
                ),
            ));
        }
        parts.push(Part {
            name,
            file_name,
            bytes: bytes.to_vec(),
        });
    }
    Ok(parts)
}

fn multipart_problem(status: StatusCode, text: String) -> Problem {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        Problem::new(status, "too_large", text)
    } else {
        Problem::new(StatusCode::BAD_REQUEST, "bad_multipart", text)
    }
}

fn take(parts: &mut Vec<Part>, names: &[&str]) -> Option<Part> {
    let i = parts
        .iter()
        .position(|p| names.contains(&p.name.as_str()))?;
    Some(parts.remove(i))
}

fn limits(s: &Settings) -> Limits {
    Limits {
        max_file_bytes: s.max_file_size,
        ..Limits::default()
    }
}

/// Run blocking work on the bounded pool.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Problem> {
    let _permit = state.workers.acquire().await.map_err(|_| {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "shutting_down",
            "the server is stopping",
        )
    })?;
    tokio::task::spawn_blocking(f).await.map_err(|_| {
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "corrupt",
            "the file could not be processed",
        )
    })
}

/// `POST /api/v1/parse` (multipart `file`): the `atscore parse --json` object.
pub async fn parse(State(state): State<AppState>, mp: Multipart) -> Result<Json<Value>, Problem> {
    let mut parts = read_parts(mp, state.settings.max_file_size).await?;
    let file = take(&mut parts, &["file", "resume"]).ok_or_else(|| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "missing_file",
            "send the resume as a multipart field named `file`",
        )
    })?;
    let lim = limits(&state.settings);
    let r = blocking(&state, move || {
        let opts = ParseOptions {
            limits: lim,
            file_name: file.file_name.clone(),
            ..ParseOptions::default()
        };
        parse_resume(&file.bytes, &opts)
    })
    .await?
    .map_err(|e| Problem::from_parse(&e))?;
    Ok(Json(serde_json::to_value(r).unwrap_or(Value::Null)))
}

/// `POST /api/v1/score` (multipart: `resume` file; job as `job_text` or `job` file; optional
/// `weights`): the `atscore score --json` object.
pub async fn score_route(
    State(state): State<AppState>,
    mp: Multipart,
) -> Result<Json<Value>, Problem> {
    let mut parts = read_parts(mp, state.settings.max_file_size).await?;
    let resume = take(&mut parts, &["resume", "file"]).ok_or_else(|| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "missing_resume",
            "send the resume as a multipart field named `resume`",
        )
    })?;
    if take(&mut parts, &["job_url"]).is_some() {
        return Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "job_url_unsupported",
            "`job_url` is not supported by this build yet; send `job_text` or a `job` file",
        ));
    }
    let job = take(&mut parts, &["job_text", "job"]).ok_or_else(|| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "missing_job",
            "send the job description as `job_text` or as a `job` file",
        )
    })?;
    let mut cfg = ScoreConfig::default();
    if let Some(w) = take(&mut parts, &["weights"]) {
        let text = String::from_utf8_lossy(&w.bytes).to_string();
        cfg.weights = Weights::parse(&text)
            .map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "invalid_weights", e.to_string()))?;
    }
    let lim = limits(&state.settings);
    let out = blocking(&state, move || {
        let tax = Taxonomy::embedded();
        let job = parse_job(&job.bytes, &lim, tax).map_err(|e| {
            let mut p = Problem::from_parse(&e);
            p.detail = format!("job description: {}", p.detail);
            p
        })?;
        let opts = ParseOptions {
            limits: lim,
            file_name: resume.file_name.clone(),
            ..ParseOptions::default()
        };
        let r = parse_resume(&resume.bytes, &opts).map_err(|e| Problem::from_parse(&e))?;
        Ok::<_, Problem>(score(&r, &job, tax, &cfg))
    })
    .await??;
    Ok(Json(serde_json::to_value(out).unwrap_or(Value::Null)))
}
