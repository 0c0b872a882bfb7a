//! Tracing: log lines as pretty text or JSON (`LOG_FORMAT`), filtered by `LOG_LEVEL`, with a
//! request id on every request's span (taken from `X-Request-Id` or made up, and echoed back).
//! Every line passes through [`crate::infra::redact`] on its way out; colours only on a terminal.

use std::io::IsTerminal;

use axum::http::{HeaderName, Request};
use tracing_subscriber::fmt::MakeWriter;

use crate::configuration::LogFormat;
use crate::configuration::Settings;
use crate::infra::redact::Redacting;

/// The request-id header.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Install the global subscriber writing to stderr (once; later calls are ignored).
pub fn init(settings: &Settings) {
    install(settings, std::io::stderr, std::io::stderr().is_terminal());
}

/// Install the global subscriber writing to `writer` instead of stderr, exactly as [`init`]
/// configures it otherwise (tests capture the process's log this way). False when a global
/// subscriber was already installed.
pub fn init_with_writer<W>(settings: &Settings, writer: W) -> bool
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    install(settings, writer, false)
}

/// Every line goes through [`Redacting`]: e-mail addresses, phone numbers and keys never
/// reach the log, whoever logged them.
fn install<W>(settings: &Settings, writer: W, ansi: bool) -> bool
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let filter = tracing_subscriber::EnvFilter::try_new(&settings.log_level)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(Redacting::new(writer));
    match settings.log_format {
        LogFormat::Json => builder.json().flatten_event(true).try_init().is_ok(),
        LogFormat::Pretty => builder.try_init().is_ok(),
    }
}

/// The span of one request: request id, method and route template.
pub fn span(req: &Request<axum::body::Body>) -> tracing::Span {
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("unmatched", |p| p.as_str());
    tracing::info_span!("request", request_id = %id, method = %req.method(), route = %route)
}
