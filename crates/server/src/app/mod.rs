//! The workflows, written once and shared by the API, the web UI and the CLI: the edges
//! translate requests into these calls and their results into responses.
//!
//! - [`engine`] — parsing and scoring on a bounded blocking pool, job analyses and score
//!   reports cached by content;
//! - [`seeker`] — the job seeker's work: parse one resume, score one resume against a job;
//! - [`hiring`] — the hiring team's work: jobs, candidate uploads, the ranking, erasure;
//! - [`keys_admin`] — `atscore keys create | list | revoke`.

pub mod engine;
pub mod hiring;
pub mod keys_admin;
pub mod seeker;
