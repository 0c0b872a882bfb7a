//! The state shared by every request: settings, the store, the analysis engine, key checking,
//! the job-page fetcher, the server secret, and the draining flag (readiness).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use atscore_core::Limits;

use crate::http::auth::Auth;
use crate::infra::clamav::Scanner;
use crate::app::engine::Engine;
use crate::http::faults::Faults;
use crate::infra::fetch::{FetchPolicy, Fetcher};
use crate::http::shed::Shedder;
use crate::infra::store::Store;
use crate::Settings;

/// Cheap to clone: one `Arc`.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    settings: Settings,
    store: Store,
    engine: Engine,
    auth: Auth,
    fetcher: Fetcher,
    secret: Vec<u8>,
    draining: AtomicBool,
    shedder: Shedder,
    faults: Faults,
    scanner: Option<Scanner>,
}

impl AppState {
    /// Build the state over a connected store.
    pub async fn new(
        settings: Settings,
        store: Store,
    ) -> Result<AppState, crate::infra::store::StoreError> {
        let secret = store.secret("session").await?;
        let limits = Limits {
            max_file_bytes: settings.max_file_size,
            ..Limits::default()
        };
        let fetcher = Fetcher::new(FetchPolicy {
            max_bytes: settings.job_url_max_bytes,
            timeout: settings.job_url_timeout,
            allow: settings.job_url_allow.clone(),
            ..FetchPolicy::default()
        });
        Ok(AppState(Arc::new(Inner {
            engine: Engine::new(settings.parse_workers, limits, settings.cache_entries),
            auth: Auth::new(
                settings.api_key.as_deref(),
                settings.rate_limit_per_minute,
                settings.rate_limit_burst,
            ),
            fetcher,
            secret,
            store,
            shedder: Shedder::new(settings.max_in_flight),
            scanner: settings.clamav_enabled.then(|| {
                Scanner::new(
                    settings.clamav_address.clone(),
                    settings.clamav_timeout,
                    settings.clamav_max_bytes,
                )
            }),
            faults: Faults::new(settings.faults_enabled, settings.faults.clone()),
            settings,
            draining: AtomicBool::new(false),
        })))
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
    pub fn auth(&self) -> &Auth {
        &self.0.auth
    }
    pub fn fetcher(&self) -> &Fetcher {
        &self.0.fetcher
    }
    /// The secret shared by all replicas on this database (CSRF tokens).
    pub fn secret(&self) -> &[u8] {
        &self.0.secret
    }
    /// Admission to the expensive routes (load shedding).
    pub fn shedder(&self) -> &Shedder {
        &self.0.shedder
    }
    /// The virus scanner, when `CLAMAV_ENABLED`.
    pub fn scanner(&self) -> Option<&Scanner> {
        self.0.scanner.as_ref()
    }
    /// Scan one upload when scanning is on (a refusal otherwise: fail closed).
    pub async fn scan(&self, bytes: &[u8], name: &str) -> Result<(), crate::http::problem::Problem> {
        match self.scanner() {
            Some(s) => s.check(bytes, name).await,
            None => Ok(()),
        }
    }
    /// Fault injection (inert unless `FAULTS=true`).
    pub fn faults(&self) -> &Faults {
        &self.0.faults
    }
    /// The server is shutting down: readiness turns false.
    pub fn start_draining(&self) {
        self.0.draining.store(true, Ordering::SeqCst);
    }
    pub fn is_draining(&self) -> bool {
        self.0.draining.load(Ordering::SeqCst)
    }
}
