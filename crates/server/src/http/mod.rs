//! The HTTP edge: routes turn requests into calls of the workflows in [`crate::app`] and
//! their results into responses; nothing here decides what a score, a ranking or a stored
//! candidate is.
//!
//! - [`api`] — REST routes under `/api/v1`, the OpenAPI document and its docs page;
//! - [`web`] — the server-rendered web UI;
//! - [`auth`], [`ratelimit`] — API keys (`API_KEY` and stored keys), per-key rate limits;
//! - [`shed`] — load shedding on the expensive routes (fast 503 past `MAX_IN_FLIGHT`);
//! - [`faults`] — fault injection for drills (`FAULTS=true`, `/api/v1/admin/faults`);
//! - [`problem`] — RFC 7807 problem documents with a stable `code`;
//! - [`uploads`] — bounded multipart reading;
//! - [`health`] — liveness and readiness.

pub mod api;
pub mod auth;
pub mod download;
pub mod faults;
pub mod health;
pub mod problem;
pub mod ratelimit;
pub mod shed;
pub mod state;
pub mod uploads;
pub mod web;
