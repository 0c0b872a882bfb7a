//! The composition root: from the settings and a connected store it builds every part —
//! the infrastructure (job-page fetcher, virus scanner), the application (analysis engine,
//! the workflows' [`App`]) and the HTTP edge's own parts (key checking, load shedding, fault
//! injection, the server secret) — into the [`AppState`] every request shares. The only
//! module that knows all three layers besides `startup`.

use atscore_core::Limits;

use crate::app::engine::Engine;
use crate::app::App;
use crate::configuration::Settings;
use crate::http::auth::Auth;
use crate::http::faults::Faults;
use crate::http::shed::Shedder;
use crate::infra::clamav::Scanner;
use crate::infra::fetch::{FetchPolicy, Fetcher};
use crate::infra::store::{Store, StoreError};

pub use crate::http::state::AppState;

/// Build the state over a connected store.
pub async fn build(settings: Settings, store: Store) -> Result<AppState, StoreError> {
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
    let engine = Engine::new(settings.parse_workers, limits, settings.cache_entries);
    let scanner = settings.clamav_enabled.then(|| {
        Scanner::new(
            settings.clamav_address.clone(),
            settings.clamav_timeout,
            settings.clamav_max_bytes,
        )
    });
    let auth = Auth::new(
        settings.api_key.as_deref(),
        settings.rate_limit_per_minute,
        settings.rate_limit_burst,
    );
    let shedder = Shedder::new(settings.max_in_flight);
    let faults = Faults::new(settings.faults_enabled, settings.faults.clone());
    let app = App::new(settings, store, engine, fetcher, scanner);
    Ok(AppState::new(app, auth, shedder, faults, secret))
}
