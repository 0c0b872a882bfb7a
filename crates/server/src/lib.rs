//! `atscore_server`: the HTTP face of atscore (first slice of the platform work).
//!
//! - [`configuration`] — settings from the environment (`BIND`, `MAX_FILE_SIZE`);
//! - [`problem`] — RFC 7807 problem documents with a stable `code`;
//! - [`routes`] — `GET /healthz` (also `/health`), `POST /api/v1/parse`, `POST /api/v1/score`;
//! - [`startup`] — builds the router and serves it with graceful shutdown.
//!
//! Parsing and scoring run on the blocking pool behind a semaphore, never on the async runtime.

pub mod configuration;
pub mod problem;
pub mod routes;
pub mod startup;

pub use configuration::Settings;
pub use startup::{router, serve};
