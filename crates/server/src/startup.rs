//! Building the application and serving it, with graceful shutdown on SIGINT/SIGTERM.

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::routes::{self, AppState};
use crate::Settings;

/// The application router.
pub fn router(settings: Settings) -> Router {
    // Room for a resume and a job file plus multipart overhead; each part is checked again.
    let body_limit = settings.max_file_size.saturating_mul(2) + 256 * 1024;
    let state = AppState {
        workers: Arc::new(Semaphore::new(settings.parse_workers.max(1))),
        settings,
    };
    Router::new()
        .route("/healthz", get(routes::healthz))
        .route("/health", get(routes::healthz))
        .route("/api/v1/parse", post(routes::parse))
        .route("/api/v1/score", post(routes::score_route))
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(state)
}

/// Serve on an already bound listener until SIGINT/SIGTERM.
pub async fn serve(listener: TcpListener, settings: Settings) -> std::io::Result<()> {
    axum::serve(listener, router(settings))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Bind and serve (blocking the calling thread): what `atscore serve` runs.
pub fn run(settings: Settings) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    rt.block_on(async move {
        let listener = TcpListener::bind(settings.bind)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", settings.bind))?;
        eprintln!(
            "atscore listening on http://{} (API under /api/v1; this build has parse, score and health)",
            listener.local_addr().map_err(|e| e.to_string())?
        );
        serve(listener, settings)
            .await
            .map_err(|e| format!("server error: {e}"))
    })
}
