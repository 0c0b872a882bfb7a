//! Matching a resume to a job: the third stage of the one-way flow (document → resume →
//! matching). Reads [`crate::resume::ParsedResume`]s and job descriptions; never reads files.
//!
//! - [`skills`] — the shipped skills taxonomy and the phrase matcher that finds skills in text;
//! - [`job`] — job-description analysis: title, required and preferred skills, years, degree;
//! - [`bm25`] — stemmed content terms, background document frequencies, BM25 cosine;
//! - [`score`] — the ATS score with its breakdown, evidence and suggestions;
//! - [`rank`] — many candidates for one job, best first, filtered once, with the JSON and CSV forms
//!   shared by `atscore rank` and the server.

pub mod bm25;
pub mod job;
pub mod rank;
pub mod score;
pub mod skills;
