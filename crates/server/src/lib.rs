//! `atscore_server`: the HTTP face of atscore — REST API, storage, API keys and web UI over
//! the pure core, in three layers that import one way only, **http → app → infra**:
//!
//! - [`http`] — the edge: REST API and OpenAPI document, web UI, API keys, rate limits, load
//!   shedding, fault injection, problem documents, multipart uploads, health;
//! - [`app`] — the workflows, the only place they live (parse, score, jobs, candidate uploads,
//!   ranking, downloads, erasure, key administration), called by the API, the web UI and the
//!   CLI alike, with the analysis engine that runs the core on a bounded blocking pool;
//! - [`infra`] — what the workflows stand on: storage (SQLite or PostgreSQL), virus scanning,
//!   fetching job pages, metrics, logs, systemd notification, redaction, the wall clock.
//!
//! Beside them, [`configuration`] (layered settings, imported by every layer), [`state`] (the
//! composition root: what every request shares, built from the settings) and [`startup`]
//! (the router and the server's life).

pub mod app;
pub mod configuration;
pub mod http;
pub mod infra;
pub mod startup;
pub mod state;

pub use configuration::Settings;
pub use startup::{router, serve};
