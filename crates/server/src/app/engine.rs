//! The analysis engine of the server: parsing, job analysis and scoring run on tokio's
//! blocking pool behind a semaphore (at most `PARSE_WORKERS` documents at once, never on the
//! async runtime), with the core's per-document limits. Analysed job descriptions are cached
//! by the hash of their bytes, since the same posting is scored against many resumes, and so
//! are recent scores (the report with the parsed resume it was made from, keyed by the hashes
//! of resume and job, the weights and the month: both are pure functions of those), so a
//! resume checked again costs no parsing. The caches are small and bounded
//! (`CACHE_ENTRIES`), and hold data only in memory.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use atscore_core::matching::job::{parse_job, JobDescription};
use atscore_core::matching::score::{score, ScoreConfig, ScoreReport};
use atscore_core::matching::skills::Taxonomy;
use atscore_core::{parse_resume, Limits, ParseError, ParseOptions, ParsedResume};

use crate::app::Problem;
use crate::infra::{clock, metrics};

/// A small map that forgets everything when full (bounded memory, no bookkeeping).
#[derive(Debug)]
struct Cache<V> {
    cap: usize,
    map: Mutex<HashMap<[u8; 32], V>>,
}

impl<V: Clone> Cache<V> {
    fn new(cap: usize) -> Cache<V> {
        Cache {
            cap,
            map: Mutex::new(HashMap::new()),
        }
    }

    fn get(&self, k: &[u8; 32]) -> Option<V> {
        self.map.lock().ok()?.get(k).cloned()
    }

    fn put(&self, k: [u8; 32], v: V) {
        if self.cap == 0 {
            return;
        }
        if let Ok(mut m) = self.map.lock() {
            if m.len() >= self.cap {
                m.clear();
            }
            m.insert(k, v);
        }
    }
}

/// Which input of a score could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum ScoreInputError {
    Job(ParseError),
    Resume(ParseError),
}

/// A score with the parsed resume it was made from.
#[derive(Debug, Clone)]
pub struct Scored {
    pub report: ScoreReport,
    /// The resume as read; its `file` is unset (one cache entry serves the same bytes under
    /// any name), the report's `file` carries the name.
    pub resume: Arc<ParsedResume>,
}

/// Parsing and scoring off the async runtime.
#[derive(Debug)]
pub struct Engine {
    workers: Arc<Semaphore>,
    limits: Limits,
    jobs: Cache<Arc<JobDescription>>,
    scores: Cache<Arc<Scored>>,
}

impl Engine {
    /// `cache` bounds each cache (job analyses get four times as many entries); 0 = off.
    pub fn new(workers: usize, limits: Limits, cache: usize) -> Engine {
        Engine {
            workers: Arc::new(Semaphore::new(workers.max(1))),
            limits,
            jobs: Cache::new(cache.saturating_mul(4)),
            scores: Cache::new(cache),
        }
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Run CPU work on the bounded blocking pool.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Problem> {
        let _permit = self.workers.clone().acquire_owned().await.map_err(|_| {
            Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "shutting_down",
                "the server is stopping",
            )
        })?;
        tokio::task::spawn_blocking(f).await.map_err(|_| {
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "corrupt",
                "the file could not be processed",
            )
        })
    }

    /// Parse a resume (call from inside [`Engine::run`]).
    pub fn parse(
        &self,
        bytes: &[u8],
        file_name: Option<String>,
    ) -> Result<ParsedResume, ParseError> {
        let opts = ParseOptions {
            limits: self.limits,
            today: Some(clock::current_month()),
            file_name,
            ..ParseOptions::default()
        };
        let started = std::time::Instant::now();
        let parsed = parse_resume(bytes, &opts);
        metrics::observe_parse(bytes, started, &parsed, |r| r.format.clone());
        parsed
    }

    /// Analyse a job description from any supported format, cached by content (call from
    /// inside [`Engine::run`]).
    pub fn job(&self, bytes: &[u8]) -> Result<Arc<JobDescription>, ParseError> {
        let key: [u8; 32] = Sha256::digest(bytes).into();
        if let Some(j) = self.jobs.get(&key) {
            return Ok(j);
        }
        let job = Arc::new(parse_job(bytes, &self.limits, Taxonomy::embedded())?);
        self.jobs.put(key, job.clone());
        Ok(job)
    }

    /// Score a resume against a job with what-if suggestions, the score cached by content
    /// (call from inside [`Engine::run`]).
    pub fn score(
        &self,
        resume: &[u8],
        file_name: Option<String>,
        job: &[u8],
        cfg: &ScoreConfig,
    ) -> Result<Scored, ScoreInputError> {
        let mut h = Sha256::new();
        h.update(Sha256::digest(resume));
        h.update(Sha256::digest(job));
        h.update(format!("{cfg:?}|{:?}", clock::current_month()).as_bytes());
        let key: [u8; 32] = h.finalize().into();
        let scored = match self.scores.get(&key) {
            Some(s) => s,
            None => {
                let job = self.job(job).map_err(ScoreInputError::Job)?;
                let parsed = self.parse(resume, None).map_err(ScoreInputError::Resume)?;
                let report = score(&parsed, &job, Taxonomy::embedded(), cfg);
                let s = Arc::new(Scored {
                    report,
                    resume: Arc::new(parsed),
                });
                self.scores.put(key, s.clone());
                s
            }
        };
        let mut report = scored.report.clone();
        report.file = file_name;
        Ok(Scored {
            report,
            resume: scored.resume.clone(),
        })
    }
}
