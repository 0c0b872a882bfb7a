//! Fault injection for drills and chaos tests, off unless `FAULTS=true`: added latency (with
//! jitter), server errors, aborted connections, panics in a handler, and CPU burn, each at a
//! rate, on the API's routes. Faults start from the `FAULT_*` settings and are changed at run
//! time through `GET | PUT | DELETE /api/v1/admin/faults` (behind the API key like every API
//! route). Every injected fault is counted in `faults_injected_total{kind}`, and errors and
//! panics answer 500 through the normal path, so they show in `http_requests_total` and the
//! SLO alerts fire as they would for a real failure.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

pub use crate::configuration::FaultConfig;
use crate::http::problem::{ApiJson, Problem};
use crate::http::state::AppState;

/// Faults injected, by kind (`latency`, `error`, `abort`, `panic`, `cpu_burn`).
pub const FAULTS_TOTAL: &str = "faults_injected_total";

/// The switchboard: whether injection is allowed at all, and the current faults.
#[derive(Debug, Clone)]
pub struct Faults {
    enabled: bool,
    config: Arc<RwLock<FaultConfig>>,
}

impl Faults {
    pub fn new(enabled: bool, initial: FaultConfig) -> Faults {
        Faults {
            enabled,
            config: Arc::new(RwLock::new(if enabled {
                initial
            } else {
                FaultConfig::default()
            })),
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    pub fn current(&self) -> FaultConfig {
        self.config.read().map(|c| c.clone()).unwrap_or_default()
    }

    fn set(&self, config: FaultConfig) {
        if let Ok(mut c) = self.config.write() {
            *c = config;
        }
    }
}

fn count(kind: &'static str) {
    metrics::counter!(FAULTS_TOTAL, "kind" => kind).increment(1);
}

/// A body that fails at once: hyper cuts the connection instead of finishing the response.
fn aborted() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other("injected fault: abort"))
    });
    Response::new(Body::from_stream(stream))
}

/// The middleware on the API routes.
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let faults = state.faults();
    if !faults.enabled() {
        return next.run(req).await;
    }
    let f = faults.current();
    if f.is_off() {
        return next.run(req).await;
    }
    if f.cpu_burn_ms > 0 {
        count("cpu_burn");
        let burn = Duration::from_millis(f.cpu_burn_ms);
        let _ = tokio::task::spawn_blocking(move || {
            let start = Instant::now();
            let mut x = 0u64;
            while start.elapsed() < burn {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
            }
        })
        .await;
    }
    if f.latency_ms > 0 || f.jitter_ms > 0 {
        count("latency");
        let jitter = if f.jitter_ms > 0 {
            rand::random_range(0..=f.jitter_ms)
        } else {
            0
        };
        tokio::time::sleep(Duration::from_millis(f.latency_ms + jitter)).await;
    }
    if f.error_rate > 0.0 && rand::random::<f64>() < f.error_rate {
        count("error");
        return Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "fault_injected",
            "an injected fault (fault injection is on: GET /api/v1/admin/faults)",
        )
        .into_response();
    }
    if f.abort_rate > 0.0 && rand::random::<f64>() < f.abort_rate {
        count("abort");
        return aborted();
    }
    if f.panic_rate > 0.0 && rand::random::<f64>() < f.panic_rate {
        count("panic");
        panic!("injected fault: a panic in a handler");
    }
    next.run(req).await
}

fn disabled() -> Response {
    Problem::new(
        StatusCode::NOT_FOUND,
        "faults_disabled",
        "fault injection is off; start the server with FAULTS=true to use it",
    )
    .into_response()
}

/// The current faults.
#[utoipa::path(
    get, path = "/api/v1/admin/faults", tag = "admin",
    responses(
        (status = 200, description = "The faults injected now", body = FaultConfig),
        (status = 404, description = "Fault injection is off (FAULTS=false)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn get_faults(State(state): State<AppState>) -> Response {
    if !state.faults().enabled() {
        return disabled();
    }
    Json(state.faults().current()).into_response()
}

/// Replace the faults (missing fields are 0).
#[utoipa::path(
    put, path = "/api/v1/admin/faults", tag = "admin",
    request_body = FaultConfig,
    responses(
        (status = 200, description = "The faults now injected", body = FaultConfig),
        (status = 400, description = "A rate outside [0, 1], an unknown field", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Fault injection is off (FAULTS=false)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn put_faults(
    State(state): State<AppState>,
    ApiJson(config): ApiJson<FaultConfig>,
) -> Response {
    if !state.faults().enabled() {
        return disabled();
    }
    if let Err(e) = config.check() {
        return Problem::bad_request("invalid_faults", e).into_response();
    }
    tracing::warn!(?config, "fault injection changed");
    state.faults().set(config.clone());
    Json(config).into_response()
}

/// Stop injecting.
#[utoipa::path(
    delete, path = "/api/v1/admin/faults", tag = "admin",
    responses(
        (status = 200, description = "Nothing is injected any more", body = FaultConfig),
        (status = 404, description = "Fault injection is off (FAULTS=false)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn clear_faults(State(state): State<AppState>) -> Response {
    if !state.faults().enabled() {
        return disabled();
    }
    tracing::warn!("fault injection cleared");
    state.faults().set(FaultConfig::default());
    Json(FaultConfig::default()).into_response()
}

/// A caught panic: 500 `internal`, no message or location leaves the server.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked; answered 500");
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "an internal error occurred; it has been logged",
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disabled_switchboard_injects_nothing_whatever_it_was_given() {
        let f = Faults::new(
            false,
            FaultConfig {
                error_rate: 1.0,
                ..FaultConfig::default()
            },
        );
        assert!(f.current().is_off());
    }
}
