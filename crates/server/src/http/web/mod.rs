//! The web UI: server-rendered pages (askama templates in `crates/server/templates/`) over the
//! same workflows as the API ([`crate::app::seeker`], [`crate::app::hiring`]), called directly,
//! never through HTTP; it names the core's types to present them but never calls the core.
//! Works without JavaScript; `/assets/app.js` only adds an upload progress bar.
//!
//! - [`session`] — sign-in with an API key, the session cookie, the open (no key) mode, and
//!   the middleware that sends anonymous visitors to `/signin`;
//! - [`csrf`] — HMAC-SHA256 form tokens bound to the session (or an anonymous cookie);
//! - [`render`] — the page layout, rendering, error pages and redirects;
//! - [`report`] — view models of a score report and of a parsed resume (shared by the job
//!   seeker's report and the candidate page);
//! - [`seeker`] — `GET /`, `POST /score`;
//! - [`jobs`] — jobs, candidate uploads, the ranked table, CSV, candidate pages, erasure.
//!
//! Every response of these routes carries the security headers of [`security_headers`]; the
//! pages use no inline script or style, so the Content-Security-Policy forbids both.

pub mod csrf;
pub mod jobs;
pub mod render;
pub mod report;
pub mod seeker;
pub mod session;

use std::sync::OnceLock;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use sha2::{Digest, Sha256};

use crate::http::problem::Problem;
use crate::http::state::AppState;

/// The stylesheet, embedded in the binary.
const APP_CSS: &str = include_str!("../../../assets/app.css");
/// The progressive enhancements, embedded in the binary.
const APP_JS: &str = include_str!("../../../assets/app.js");

/// The Content-Security-Policy of every page.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";

/// The web UI routes (mounted at `/`).
pub fn router(state: &AppState) -> Router<AppState> {
    let s = state.settings();
    // Room for a resume and a job file plus multipart overhead; each part is checked again.
    let form_limit = s.max_file_size.saturating_mul(2) + 256 * 1024;
    let (request_timeout, upload_timeout) = (s.request_timeout, s.upload_timeout);
    // The expensive routes share the API's admission budget; past it they answer a 503 page.
    let shed =
        middleware::from_fn_with_state(state.shedder().clone(), crate::http::shed::shed_page);
    let uploads = Router::new()
        .route("/jobs/{id}/candidates", post(jobs::upload))
        .layer(DefaultBodyLimit::max(s.max_upload_size))
        .layer(shed.clone())
        .layer(middleware::from_fn(move |req, next| {
            time_limit(upload_timeout, req, next)
        }));
    let scoring = Router::new()
        .route("/score", get(seeker::back_to_form).post(seeker::score))
        .route_layer(shed);
    let pages = Router::new()
        .route("/", get(seeker::form))
        .route("/signout", post(session::signout))
        .route("/jobs", get(jobs::list).post(jobs::create))
        .route("/jobs/{id}", get(jobs::show))
        .route(
            "/jobs/{id}/delete",
            get(jobs::confirm_delete).post(jobs::delete),
        )
        .route("/jobs/{id}/ranking.csv", get(jobs::csv))
        .route("/jobs/{id}/candidates/{cid}", get(jobs::candidate))
        .route(
            "/jobs/{id}/candidates/{cid}/shortlist",
            post(jobs::shortlist),
        )
        .route("/jobs/{id}/candidates/{cid}/file", get(jobs::file))
        .route(
            "/jobs/{id}/candidates/{cid}/delete",
            get(jobs::confirm_delete_candidate).post(jobs::delete_candidate),
        )
        .merge(scoring)
        .layer(DefaultBodyLimit::max(form_limit))
        .layer(middleware::from_fn(move |req, next| {
            time_limit(request_timeout, req, next)
        }));
    let public = Router::new()
        .route("/signin", get(session::signin_form).post(session::signin))
        .route("/assets/app.css", get(css))
        .route("/assets/app.js", get(js));
    pages
        .merge(uploads)
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            session::require_viewer,
        ))
        .merge(public)
        .layer(middleware::map_response(security_headers))
}

/// An HTML "not found" page with the security headers, for a fallback that serves people
/// (the API's fallback answers problem documents).
pub async fn not_found() -> Response {
    let p = Problem::not_found("page");
    security_headers(render::error_page(None, p, "/")).await
}

/// `?v=` of an asset: a short hash of its content, so the long cache never serves a stale
/// copy after an upgrade.
fn version(cell: &'static OnceLock<String>, body: &str) -> &'static str {
    cell.get_or_init(|| hex::encode(&Sha256::digest(body.as_bytes())[..6]))
}

/// The stylesheet's address, with its version.
pub fn css_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    static V: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| format!("/assets/app.css?v={}", version(&V, APP_CSS)))
}

/// The script's address, with its version.
pub fn js_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    static V: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| format!("/assets/app.js?v={}", version(&V, APP_JS)))
}

/// A year: assets are immutable under their versioned address.
const ASSET_CACHE: &str = "public, max-age=31536000, immutable";

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, ASSET_CACHE),
        ],
        APP_CSS,
    )
        .into_response()
}

async fn js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, ASSET_CACHE),
        ],
        APP_JS,
    )
        .into_response()
}

/// The headers every web response carries; pages (anything not cached explicitly) are never
/// stored by caches, since they show resumes.
pub async fn security_headers(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// Answer with a 503 page when a request runs past its time limit.
async fn time_limit(limit: Duration, req: Request, next: Next) -> Response {
    let viewer = req.extensions().get::<session::Viewer>().cloned();
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(r) => r,
        Err(_) => {
            let p = Problem::new(
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                format!(
                    "the request took longer than {} s; nothing more will be done for it",
                    limit.as_secs()
                ),
            )
            .retry_after(1);
            render::error_page(viewer.as_ref(), p, "/")
        }
    }
}
