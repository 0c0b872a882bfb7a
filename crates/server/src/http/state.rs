//! The state every request shares: the workflows' [`App`], and what only the HTTP edge needs
//! — key checking and rate limits, load shedding, fault injection, the server secret (CSRF
//! tokens) and the draining flag (readiness). Built by the composition root, `crate::state`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::app::App;
use crate::configuration::Settings;
use crate::http::auth::Auth;
use crate::http::faults::Faults;
use crate::http::shed::Shedder;
use crate::infra::clamav::Scanner;
use crate::infra::store::Store;

/// Cheap to clone: one `Arc`.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    app: App,
    auth: Auth,
    secret: Vec<u8>,
    draining: AtomicBool,
    shedder: Shedder,
    faults: Faults,
}

impl AppState {
    pub fn new(
        app: App,
        auth: Auth,
        shedder: Shedder,
        faults: Faults,
        secret: Vec<u8>,
    ) -> AppState {
        AppState(Arc::new(Inner {
            app,
            auth,
            secret,
            draining: AtomicBool::new(false),
            shedder,
            faults,
        }))
    }

    /// The workflows' context: what handlers pass to `crate::app`.
    pub fn app(&self) -> &App {
        &self.0.app
    }
    pub fn settings(&self) -> &Settings {
        self.0.app.settings()
    }
    pub fn store(&self) -> &Store {
        self.0.app.store()
    }
    /// The virus scanner, when `CLAMAV_ENABLED` (readiness pings it).
    pub fn scanner(&self) -> Option<&Scanner> {
        self.0.app.scanner()
    }
    pub fn auth(&self) -> &Auth {
        &self.0.auth
    }
    /// The secret shared by all replicas on this database (CSRF tokens).
    pub fn secret(&self) -> &[u8] {
        &self.0.secret
    }
    /// Admission to the expensive routes (load shedding).
    pub fn shedder(&self) -> &Shedder {
        &self.0.shedder
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
