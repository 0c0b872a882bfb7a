//! What the workflows stand on: adapters to the world outside the process and to its
//! resources. Nothing here knows about workflows or HTTP routes.
//!
//! - [`store`] — SQLite or PostgreSQL through one set of queries (jobs, candidates, keys,
//!   sessions, secrets), with migrations;
//! - [`clamav`] — virus scanning with clamd (INSTREAM), failing closed;
//! - [`fetch`] — job descriptions from URLs, with SSRF defences;
//! - [`metrics`] — Prometheus metrics at `/metrics` (HTTP, parsing, scores, process);
//! - [`telemetry`] — tracing (pretty or JSON, `LOG_LEVEL`), request ids;
//! - [`redact`] — e-mail addresses, phone numbers and keys rewritten out of every log line;
//! - [`notify`] — systemd's sd_notify: READY, STOPPING and watchdog pings;
//! - [`clock`] — the wall clock (the core never reads it).

pub mod clamav;
pub mod clock;
pub mod fetch;
pub mod metrics;
pub mod notify;
pub mod redact;
pub mod store;
pub mod telemetry;
