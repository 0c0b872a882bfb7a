//! Building the application and serving it: connect the store (running migrations), check the
//! key policy (no keys → loopback only), assemble the router (health, metrics, API, web UI;
//! every request counted), and serve until SIGINT/SIGTERM with a graceful shutdown (readiness
//! turns false at once, in-flight requests finish, the pool closes).

use std::net::SocketAddr;

use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::infra::telemetry::REQUEST_ID;

use crate::configuration::Settings;
use crate::infra::store::{Store, StoreError};
use crate::state::AppState;

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot open the database: {0}")]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(
        "refusing to listen on {0} without an API key: set API_KEY or create one with \
         `atscore keys create NAME` (or bind to 127.0.0.1)"
    )]
    NoKeyOnPublicAddress(SocketAddr),
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// The whole application router over a state. Every request is counted by
/// [`crate::infra::metrics::track`]; `/metrics` is served here unless `METRICS_BIND` moves it.
pub fn router(state: AppState) -> Router {
    crate::infra::metrics::handle();
    let metrics = state.settings().metrics_enabled;
    if metrics {
        crate::infra::metrics::preregister_errors(crate::http::api::openapi::operations());
    }
    let mut app = Router::new()
        .route("/healthz", get(crate::http::health::healthz))
        .route("/health", get(crate::http::health::healthz))
        .route("/readyz", get(crate::http::health::readyz));
    if metrics && state.settings().metrics_bind.is_none() {
        app = app.route(
            crate::infra::metrics::PATH,
            get(crate::infra::metrics::exposition),
        );
    }
    let mut app = app
        .merge(crate::http::api::router(&state))
        .merge(crate::http::web::router(&state));
    // A panicking handler answers 500 `internal` (counted like any 500) and the server stays up.
    app = app.layer(tower_http::catch_panic::CatchPanicLayer::custom(
        crate::http::faults::panic_response,
    ));
    if metrics {
        app = app.layer(axum::middleware::from_fn(crate::infra::metrics::track));
    }
    app.layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(crate::infra::telemetry::span))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state)
}

/// Connect the store and build the state (no listening yet).
pub async fn build(settings: Settings) -> Result<AppState, StartupError> {
    if settings.clamav_enabled {
        tracing::info!(
            "virus scanning on: clamd at {} (uploads are refused while it is unreachable)",
            settings.clamav_address
        );
    }
    let store = Store::connect(&settings.database_url).await?;
    Ok(crate::state::build(settings, store).await?)
}

/// Serve on an already bound listener until SIGINT/SIGTERM.
pub async fn serve(listener: TcpListener, settings: Settings) -> Result<(), StartupError> {
    let state = build(settings).await?;
    serve_state(listener, state, shutdown_signal()).await
}

/// Serve a built state until `stop` completes, then drain.
pub async fn serve_state(
    listener: TcpListener,
    state: AppState,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), StartupError> {
    let addr = listener.local_addr()?;
    let keys = state
        .auth()
        .keys_required(state.store())
        .await
        .unwrap_or(true);
    if !keys {
        if !addr.ip().is_loopback() {
            return Err(StartupError::NoKeyOnPublicAddress(addr));
        }
        tracing::warn!(
            "NO API KEY IS CONFIGURED: the API and web UI are open to anyone who can reach \
             {addr}; this is only allowed on loopback. Set API_KEY or run `atscore keys create`."
        );
    }
    let metrics = match state.settings().metrics_bind {
        Some(addr) if state.settings().metrics_enabled => Some(serve_metrics(addr).await?),
        _ => None,
    };
    let draining = state.clone();
    let store = state.store().clone();
    let deadline = state.settings().shutdown_timeout;
    let app = router(state);
    let (stopping, mut stopped) = tokio::sync::watch::channel(false);
    crate::infra::notify::notify("READY=1");
    let watchdog = crate::infra::notify::spawn_watchdog();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        stop.await;
        crate::infra::notify::notify("STOPPING=1");
        draining.start_draining();
        tracing::info!("shutting down: readiness is false, draining in-flight requests");
        let _ = stopping.send(true);
    });
    // In-flight requests get `SHUTDOWN_TIMEOUT` to finish; then the process goes anyway.
    let give_up = async move {
        if stopped.wait_for(|s| *s).await.is_err() {
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(deadline).await;
    };
    let served = tokio::select! {
        served = std::future::IntoFuture::into_future(server) => served,
        _ = give_up => {
            tracing::warn!(
                "shutdown: requests still in flight after {} s; exiting anyway",
                deadline.as_secs_f64()
            );
            Ok(())
        }
    };
    if let Some(w) = watchdog {
        w.abort();
    }
    if let Some((stop_metrics, task)) = metrics {
        let _ = stop_metrics.send(());
        let _ = task.await;
    }
    served?;
    store.close().await;
    Ok(())
}

/// `/metrics` alone on its own address (`METRICS_BIND`), until told to stop.
async fn serve_metrics(
    addr: SocketAddr,
) -> Result<
    (
        tokio::sync::oneshot::Sender<()>,
        tokio::task::JoinHandle<std::io::Result<()>>,
    ),
    StartupError,
> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| StartupError::Bind { addr, source })?;
    let local = listener.local_addr()?;
    tracing::info!("metrics at http://{local}{}", crate::infra::metrics::PATH);
    crate::infra::metrics::handle();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server =
        axum::serve(listener, crate::infra::metrics::router()).with_graceful_shutdown(async {
            let _ = rx.await;
        });
    Ok((
        tx,
        tokio::spawn(std::future::IntoFuture::into_future(server)),
    ))
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
pub fn run(settings: Settings) -> Result<(), StartupError> {
    crate::infra::telemetry::init(&settings);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let bind = settings.bind;
        let listener = TcpListener::bind(bind)
            .await
            .map_err(|source| StartupError::Bind { addr: bind, source })?;
        let addr = listener.local_addr()?;
        let state = build(settings).await?;
        // The one line scripts and tests wait for (stderr, whatever the log format).
        eprintln!(
            "atscore listening on http://{addr} (web UI at /, API under /api/v1, docs at /api/docs; storage: {})",
            state.store().backend().as_str()
        );
        serve_state(listener, state, shutdown_signal()).await
    })
}
