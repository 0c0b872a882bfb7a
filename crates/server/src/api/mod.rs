//! The REST API under `/api/v1`: JSON in and out, problem documents for errors, API keys on
//! every route (the OpenAPI document itself is public), and the OpenAPI 3.1 document.
//!
//! - [`documents`] — `POST /parse`, `POST /score` (one resume);
//! - [`jobs`] — jobs, candidate uploads, ranking (JSON/CSV), candidate detail and erasure;
//! - [`openapi`] — `GET /openapi.json` and the browsable docs page at `/api/docs`.

pub mod documents;
pub mod jobs;
pub mod openapi;

use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::problem::Problem;
use crate::state::AppState;

/// The API routes (mounted at the root; paths carry the `/api/v1` prefix).
pub fn router(state: &AppState) -> Router<AppState> {
    let s = state.settings();
    // Room for a resume and a job file plus multipart overhead; each part is checked again.
    let body_limit = s.max_file_size.saturating_mul(2) + 256 * 1024;
    let (request_timeout, upload_timeout) = (s.request_timeout, s.upload_timeout);
    let uploads = Router::new()
        .route("/api/v1/jobs/{id}/candidates", post(jobs::add_candidates))
        .layer(DefaultBodyLimit::max(s.max_upload_size))
        .layer(middleware::from_fn(move |req, next| {
            time_limit(upload_timeout, req, next)
        }));
    let api = Router::new()
        .route("/api/v1/parse", post(documents::parse))
        .route("/api/v1/score", post(documents::score))
        .route("/api/v1/jobs", get(jobs::list_jobs).post(jobs::create_job))
        .route(
            "/api/v1/jobs/{id}",
            get(jobs::get_job)
                .patch(jobs::update_job)
                .put(jobs::update_job)
                .delete(jobs::delete_job),
        )
        .route("/api/v1/jobs/{id}/ranking", get(jobs::ranking))
        .route(
            "/api/v1/jobs/{id}/candidates/{candidate_id}",
            get(jobs::get_candidate)
                .patch(jobs::patch_candidate)
                .delete(jobs::delete_candidate),
        )
        .route(
            "/api/v1/jobs/{id}/candidates/{candidate_id}/file",
            get(jobs::candidate_file),
        )
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn(move |req, next| {
            time_limit(request_timeout, req, next)
        }));
    api.merge(uploads)
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::auth::require_key,
        ))
        .route("/api/v1/openapi.json", get(openapi::document))
        .route("/api/docs", get(openapi::docs_page))
        .fallback(api_not_found)
}

/// Unknown paths: a problem document under `/api`, the web UI's 404 page elsewhere.
async fn api_not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api") {
        Problem::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "no such route; see /api/v1/openapi.json",
        )
        .into_response()
    } else {
        crate::web::not_found().await
    }
}

/// Answer 503 `timeout` when a request runs past its time limit.
async fn time_limit(limit: Duration, req: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(r) => r,
        Err(_) => Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!("the request took longer than {} s", limit.as_secs()),
        )
        .retry_after(1)
        .into_response(),
    }
}
