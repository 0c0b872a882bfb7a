//! The REST API under `/api/v1`: JSON in and out, problem documents for errors, API keys on
//! every route (the OpenAPI document itself is public), and the OpenAPI 3.1 document.
//!
//! - [`documents`] — `POST /parse`, `POST /score` (one resume);
//! - [`jobs`] — jobs, candidate uploads, ranking (JSON/CSV), candidate detail and erasure;
//! - [`bodies`] — the typed JSON bodies of the jobs routes;
//! - [`openapi`] — `GET /openapi.json` and the browsable docs page at `/api/docs`.

pub mod bodies;
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

use crate::http::problem::Problem;
use crate::http::state::AppState;

/// The API routes (mounted at the root; paths carry the `/api/v1` prefix).
pub fn router(state: &AppState) -> Router<AppState> {
    let s = state.settings();
    // Room for a resume and a job file plus multipart overhead; each part is checked again.
    let body_limit = s.max_file_size.saturating_mul(2) + 256 * 1024;
    let (request_timeout, upload_timeout) = (s.request_timeout, s.upload_timeout);
    // Faults are injected inside the shedder, so an injected delay holds its admission like
    // slow work would; on the other routes they are the innermost layer.
    let shed = middleware::from_fn_with_state(state.shedder().clone(), crate::http::shed::shed);
    let inject = middleware::from_fn_with_state(state.clone(), crate::http::faults::inject);
    let uploads = Router::new()
        .route("/api/v1/jobs/{id}/candidates", post(jobs::add_candidates))
        .layer(inject.clone())
        .layer(DefaultBodyLimit::max(s.max_upload_size))
        .layer(shed.clone())
        .layer(middleware::from_fn(move |req, next| {
            time_limit(upload_timeout, req, next)
        }));
    // Parsing and scoring are what costs; everything else is a database read or write.
    let documents = Router::new()
        .route("/api/v1/parse", post(documents::parse))
        .route("/api/v1/score", post(documents::score))
        .layer(inject.clone())
        .layer(shed);
    let api = Router::new()
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
        .route_layer(inject)
        .merge(documents)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn(move |req, next| {
            time_limit(request_timeout, req, next)
        }));
    let admin = Router::new().route(
        "/api/v1/admin/faults",
        get(crate::http::faults::get_faults)
            .put(crate::http::faults::put_faults)
            .delete(crate::http::faults::clear_faults),
    );
    api.merge(uploads)
        .merge(admin)
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::http::auth::require_key,
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
        crate::http::web::not_found().await
    }
}

/// Answer 503 `timeout` when a request runs past its time limit.
async fn time_limit(limit: Duration, req: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(r) => r,
        Err(_) => Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!("the request took longer than {} s", limit.as_secs_f64()),
        )
        .retry_after(1)
        .into_response(),
    }
}
