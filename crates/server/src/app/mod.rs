//! The workflows, written once and shared by the API, the web UI and the CLI: the edges turn
//! requests into these calls and their results into responses. Nothing here knows about
//! routes, pages or HTTP requests; everything below is reached through [`App`].
//!
//! - [`App`] — what the workflows work with: settings, store, engine, fetcher, scanner;
//! - [`problem`] — how a workflow fails ([`Problem`]: status, stable code, detail);
//! - [`inputs`] — what the edges hand in: uploaded files, a job description's source;
//! - [`engine`] — parsing and scoring on a bounded blocking pool, job analyses and score
//!   reports cached by content;
//! - [`seeker`] — the job seeker's work: parse one resume, score one resume against a job;
//! - [`hiring`] — the hiring team's work: jobs, candidate uploads, the ranking, downloads,
//!   erasure;
//! - [`keys_admin`] — `atscore keys create | list | revoke` (a workflow of the CLI).

pub mod engine;
pub mod hiring;
pub mod inputs;
pub mod keys_admin;
pub mod problem;
pub mod seeker;

use std::sync::Arc;

use axum::http::StatusCode;

pub use problem::Problem;

use crate::configuration::Settings;
use crate::infra::clamav::{ScanError, Scanner, Verdict};
use crate::infra::fetch::Fetcher;
use crate::infra::store::Store;
use engine::Engine;

/// What the workflows work with. Cheap to clone: one `Arc`.
#[derive(Debug, Clone)]
pub struct App(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    settings: Settings,
    store: Store,
    engine: Engine,
    fetcher: Fetcher,
    scanner: Option<Scanner>,
}

impl App {
    /// Assemble the parts (the composition root, `crate::state`, builds them from settings).
    pub fn new(
        settings: Settings,
        store: Store,
        engine: Engine,
        fetcher: Fetcher,
        scanner: Option<Scanner>,
    ) -> App {
        App(Arc::new(Inner {
            settings,
            store,
            engine,
            fetcher,
            scanner,
        }))
    }

    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }
    pub fn store(&self) -> &Store {
        &self.0.store
    }
    pub fn engine(&self) -> &Engine {
        &self.0.engine
    }
    pub fn fetcher(&self) -> &Fetcher {
        &self.0.fetcher
    }
    /// The virus scanner, when `CLAMAV_ENABLED`.
    pub fn scanner(&self) -> Option<&Scanner> {
        self.0.scanner.as_ref()
    }

    /// Scan one upload when scanning is on, and refuse it unless it is clean: an infected or
    /// unscannable file is refused (422 or 413), an unavailable scanner refuses everything
    /// (503 `scanner_unavailable`: fail closed).
    pub async fn scan(&self, bytes: &[u8], name: &str) -> Result<(), Problem> {
        match self.scanner() {
            Some(s) => refusal(name, s.check(bytes).await),
            None => Ok(()),
        }
    }
}

/// What a scan's outcome means for the upload named `name`.
fn refusal(name: &str, outcome: Result<Verdict, ScanError>) -> Result<(), Problem> {
    match outcome {
        Ok(Verdict::Clean) => Ok(()),
        Ok(Verdict::Infected(signature)) => {
            tracing::warn!(%signature, "upload refused: malware found");
            Err(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "malware_detected",
                format!("`{name}` was refused: the virus scanner found {signature}"),
            ))
        }
        Err(ScanError::TooLarge(limit)) => Err(Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large_to_scan",
            format!("`{name}` is over the virus scanner's limit of {limit} bytes"),
        )),
        Err(ScanError::Refused(why)) => {
            tracing::warn!(%why, "upload refused: the scanner gave no verdict");
            Err(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "scan_failed",
                format!("`{name}` was refused: the virus scanner could not check it ({why})"),
            ))
        }
        Err(e) => {
            tracing::error!(error = %e, "virus scanner unavailable; refusing uploads");
            Err(Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "scanner_unavailable",
                "uploads are refused while the virus scanner is unavailable; retry shortly",
            )
            .retry_after(5))
        }
    }
}
