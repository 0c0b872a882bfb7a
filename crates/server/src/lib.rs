//! `atscore_server`: the HTTP face of atscore — REST API, storage, API keys and web UI over
//! the pure core. Data flows one way: request → auth → uploads → engine (core, on the blocking
//! pool) → store → response.
//!
//! - [`configuration`] — layered settings: defaults, config file, environment, flags;
//! - [`telemetry`] — tracing (pretty or JSON, `LOG_LEVEL`), request ids;
//! - [`redact`] — e-mail addresses, phone numbers and keys rewritten out of every log line;
//! - [`metrics`] — Prometheus metrics at `/metrics` (HTTP, parsing, scores, process);
//! - [`startup`] — builds the app (store, state, router) and serves it with graceful shutdown;
//! - [`state`] — what every request shares;
//! - [`store`] — SQLite or PostgreSQL through one set of queries (jobs, candidates, keys,
//!   sessions, secrets), with migrations;
//! - [`auth`], [`ratelimit`] — API keys (`API_KEY` and stored keys), per-key rate limits;
//! - [`engine`] — parsing and scoring on a bounded blocking pool, job analyses cached;
//! - [`uploads`] — bounded multipart reading;
//! - [`clamav`] — virus scanning with clamd (INSTREAM), failing closed;
//! - [`fetch`] — job descriptions from URLs, with SSRF defences;
//! - [`seeker`], [`hiring`] — the two workflows, shared by API and web UI;
//! - [`api`] — REST routes under `/api/v1`, OpenAPI document and docs page;
//! - [`web`] — the server-rendered web UI;
//! - [`health`] — liveness and readiness;
//! - [`notify`] — systemd's sd_notify: READY, STOPPING and watchdog pings;
//! - [`shed`] — load shedding on the expensive routes (fast 503 past `MAX_IN_FLIGHT`);
//! - [`faults`] — fault injection for drills (`FAULTS=true`, `/api/v1/admin/faults`);
//! - [`problem`] — RFC 7807 problem documents with a stable `code`;
//! - [`keys_admin`] — `atscore keys create | list | revoke`;
//! - [`clock`] — the wall clock (the core never reads it).

pub mod api;
pub mod auth;
pub mod clamav;
pub mod clock;
pub mod configuration;
pub mod engine;
pub mod faults;
pub mod fetch;
pub mod health;
pub mod hiring;
pub mod keys_admin;
pub mod metrics;
pub mod notify;
pub mod problem;
pub mod ratelimit;
pub mod redact;
pub mod seeker;
pub mod shed;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod uploads;
pub mod web;

pub use configuration::Settings;
pub use startup::{router, serve};
