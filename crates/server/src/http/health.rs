//! Health endpoints, cheap and unauthenticated: `/healthz` (also `/health`, the old
//! prototype's path) says the process answers; `/readyz` says it should get traffic: the
//! database answers, clamd answers when scanning is on, and the server is not draining.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use crate::http::state::AppState;

/// Liveness.
pub async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// Readiness.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let draining = state.is_draining();
    let db = match tokio::time::timeout(Duration::from_secs(2), state.store().ping()).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: database unreachable");
            Err("unreachable")
        }
        Err(_) => Err("timeout"),
    };
    // With scanning on, uploads need clamd: not ready without it (fail closed).
    let clamd = match state.scanner() {
        None => None,
        // Bounded like the database check: readiness must stay cheap even if clamd hangs
        // (a scan's own limit, CLAMAV_TIMEOUT, is 30 s).
        Some(s) => Some(
            match tokio::time::timeout(Duration::from_secs(2), s.ping()).await {
                Ok(Ok(())) => Ok(()),
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, "readiness: clamd unreachable");
                    Err("unreachable")
                }
                Err(_) => Err("timeout"),
            },
        ),
    };
    let ready = !draining && db.is_ok() && clamd.as_ref().is_none_or(|c| c.is_ok());
    let mut checks = json!({
        "database": match db { Ok(()) => "ok", Err(e) => e },
        "draining": draining,
    });
    if let Some(c) = clamd {
        checks["clamd"] = json!(match c {
            Ok(()) => "ok",
            Err(e) => e,
        });
    }
    let body = json!({
        "status": if ready { "ready" } else { "not_ready" },
        "checks": checks,
    });
    let code = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (code, Json(body))
}
