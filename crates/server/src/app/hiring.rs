//! The hiring team's work, shared by the API and the web UI: jobs (created from text, a file
//! or a URL), candidate uploads (several files or ZIP archives, bounded in count and inflated
//! size, parsed and scored in parallel on the engine and stored in one transaction), the
//! ranking with its filters and CSV export, re-scoring when a job changes, and erasure.

use std::sync::Arc;

use axum::http::StatusCode;
use sha2::{Digest, Sha256};

use atscore_core::archive::{self, ArchiveLimits};
use atscore_core::job::JobDescription;
use atscore_core::score::rank::{rank, CandidateError, Ranked};
use atscore_core::score::{
    score_for_ranking, JobProfile, ResumeFeatures, ScoreConfig, ScoreReport,
};
use atscore_core::skills::Taxonomy;
use atscore_core::ParsedResume;

use crate::configuration::Retention;
use crate::http::problem::Problem;
use crate::app::seeker::{self, JobSource};
use crate::state::AppState;
use crate::infra::store::candidates::{Candidate, NewCandidate, Rescore};
use crate::infra::store::jobs::{Job, JobInput};
use crate::http::uploads::Part;

/// A job with its analysis.
#[derive(Debug, Clone)]
pub struct JobView {
    pub job: Job,
    pub analysis: Arc<JobDescription>,
}

/// Fields of a job to create or change (`None` = keep / default).
#[derive(Debug, Clone, Default)]
pub struct JobChange {
    pub title: Option<String>,
    pub source: Option<JobSource>,
    pub weights: Option<String>,
}

/// Analyse a stored description (cached by content in the engine).
pub async fn analyze(state: &AppState, description: &str) -> Result<Arc<JobDescription>, Problem> {
    let st = state.clone();
    let bytes = description.as_bytes().to_vec();
    state
        .engine()
        .run(move || st.engine().job(&bytes))
        .await?
        .map_err(|e| {
            let mut p = Problem::from_parse(&e);
            p.detail = format!("job description: {}", p.detail);
            p
        })
}

/// The text of a job description source (files and pages are extracted to text).
async fn description_text(state: &AppState, src: JobSource) -> Result<String, Problem> {
    if let JobSource::Text(t) = src {
        return Ok(t);
    }
    let bytes = seeker::job_bytes(state, src).await?;
    let limits = state.engine().limits();
    state
        .engine()
        .run(move || atscore_core::parse::extract_document(&bytes, &limits).map(|(_, d)| d.text()))
        .await?
        .map_err(|e| {
            let mut p = Problem::from_parse(&e);
            p.detail = format!("job description: {}", p.detail);
            p
        })
}

fn check_weights(w: &Option<String>) -> Result<Option<String>, Problem> {
    let w = w.as_deref().map(str::trim).filter(|w| !w.is_empty());
    seeker::weights(w)?;
    Ok(w.map(str::to_string))
}

fn config(job: &Job) -> ScoreConfig {
    seeker::weights(job.weights.as_deref()).unwrap_or_default()
}

pub async fn create_job(state: &AppState, change: JobChange) -> Result<JobView, Problem> {
    let src = change.source.ok_or_else(|| {
        Problem::bad_request(
            "missing_job",
            "give the job description as `description` text or as a `job_url`",
        )
    })?;
    let weights = check_weights(&change.weights)?;
    let description = description_text(state, src).await?;
    if description.trim().is_empty() {
        return Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty",
            "the job description is empty",
        ));
    }
    let analysis = analyze(state, &description).await?;
    let title = change
        .title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| analysis.title.clone())
        .unwrap_or_else(|| "Untitled job".into());
    let job = state
        .store()
        .create_job(&JobInput {
            title,
            description,
            weights,
        })
        .await?;
    Ok(JobView { job, analysis })
}

pub async fn get_job(state: &AppState, id: &str) -> Result<JobView, Problem> {
    let job = state
        .store()
        .get_job(id)
        .await?
        .ok_or_else(|| Problem::not_found("job"))?;
    let analysis = analyze(state, &job.description).await?;
    Ok(JobView { job, analysis })
}

/// Change a job; candidates are scored again when the description or weights changed.
pub async fn update_job(state: &AppState, id: &str, change: JobChange) -> Result<JobView, Problem> {
    let old = get_job(state, id).await?.job;
    let weights = match &change.weights {
        Some(_) => check_weights(&change.weights)?,
        None => old.weights.clone(),
    };
    let description = match change.source {
        Some(src) => description_text(state, src).await?,
        None => old.description.clone(),
    };
    let title = change
        .title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or(old.title.clone());
    let rescore_needed = description != old.description || weights != old.weights;
    let job = state
        .store()
        .update_job(
            id,
            &JobInput {
                title,
                description,
                weights,
            },
        )
        .await?
        .ok_or_else(|| Problem::not_found("job"))?;
    let analysis = analyze(state, &job.description).await?;
    if rescore_needed {
        rescore(state, &job, analysis.clone()).await?;
    }
    Ok(JobView { job, analysis })
}

pub async fn delete_job(state: &AppState, id: &str) -> Result<(), Problem> {
    if state.store().delete_job(id).await? {
        Ok(())
    } else {
        Err(Problem::not_found("job"))
    }
}

/// Score a parsed resume for a job (as `atscore rank` does: no what-if suggestions).
fn score_parsed(r: &ParsedResume, job: &JobDescription, cfg: &ScoreConfig) -> ScoreReport {
    let tax = Taxonomy::embedded();
    let f = ResumeFeatures::from_resume(r, tax);
    let profile = JobProfile::new(job);
    let mut rep = score_for_ranking(&f, &profile, tax, cfg);
    rep.file = r.file.clone();
    rep
}

async fn rescore(
    state: &AppState,
    job: &Job,
    analysis: Arc<JobDescription>,
) -> Result<(), Problem> {
    let cands = state.store().list_candidates(&job.id).await?;
    let cfg = config(job);
    let scores = state
        .engine()
        .run(move || {
            cands
                .iter()
                .filter_map(|c| {
                    let parsed: ParsedResume = serde_json::from_str(c.parsed.as_deref()?).ok()?;
                    let rep = score_parsed(&parsed, &analysis, &cfg);
                    Some(Rescore {
                        id: c.id.clone(),
                        score: rep.score,
                        knockouts: rep.knockouts.len() as i64,
                        report: serde_json::to_string(&rep).ok()?,
                    })
                })
                .collect::<Vec<_>>()
        })
        .await?;
    state.store().rescore(&job.id, scores).await?;
    Ok(())
}

/// One stored candidate of an upload.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Added {
    pub id: String,
    pub file: String,
    pub score: Option<f64>,
    /// Set when the file could not be read (it is stored, unranked, with the error).
    #[schema(value_type = Option<Object>)]
    pub error: Option<CandidateError>,
}

/// The result of an upload.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct AddOutcome {
    pub job_id: String,
    pub added: Vec<Added>,
    pub warnings: Vec<String>,
}

/// One file to analyse: its name and bytes, or why it could not be taken from its archive.
struct Item {
    name: String,
    bytes: Result<Vec<u8>, CandidateError>,
}

/// Expand archives and check the upload's bounds: too many files or too many inflated bytes
/// refuse the whole upload (nothing is stored).
fn expand(state: &AppState, files: Vec<Part>) -> Result<(Vec<Item>, Vec<String>), Problem> {
    let s = state.settings();
    let too_many = || {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_many_files",
            format!(
                "an upload may hold at most {} resumes (ZIP entries included)",
                s.max_upload_files
            ),
        )
    };
    let mut items = Vec::new();
    let mut warnings = Vec::new();
    let mut inflated: u64 = 0;
    for (i, p) in files.into_iter().enumerate() {
        let name = p
            .file_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| format!("file-{}", i + 1));
        if archive::is_resume_archive(&p.bytes) {
            let limits = ArchiveLimits {
                max_entries: s.max_upload_files.saturating_sub(items.len()),
                max_entry_bytes: s.max_file_size,
                max_total_bytes: s.max_upload_inflated.saturating_sub(inflated),
            };
            let unpacked = archive::unpack(&p.bytes, &limits).map_err(|e| {
                let mut pr = Problem::from_parse(&e);
                pr.detail = format!("{name}: {}", pr.detail);
                pr
            })?;
            if let Some(why) = unpacked.truncated {
                return Err(match why.code() {
                    atscore_core::ErrorCode::LimitExceeded
                        if items.len() + unpacked.entries.len() >= s.max_upload_files =>
                    {
                        too_many()
                    }
                    _ => Problem::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "upload_too_large",
                        format!("{name}: {why}"),
                    ),
                });
            }
            if unpacked.entries.is_empty() {
                warnings.push(format!("{name}: the archive holds no files"));
            }
            for e in unpacked.entries {
                if let Ok(b) = &e.bytes {
                    inflated += b.len() as u64;
                }
                items.push(Item {
                    name: format!("{name}/{}", e.name),
                    bytes: e.bytes.map_err(|e| CandidateError::from(&e)),
                });
            }
        } else {
            inflated += p.bytes.len() as u64;
            items.push(Item {
                name,
                bytes: Ok(p.bytes),
            });
        }
        if items.len() > s.max_upload_files {
            return Err(too_many());
        }
        if inflated > s.max_upload_inflated {
            return Err(Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "upload_too_large",
                format!(
                    "the upload inflates to more than {} bytes",
                    s.max_upload_inflated
                ),
            ));
        }
    }
    Ok((items, warnings))
}

/// With scanning on, scan every file (ZIP entries one by one, after our bounded unpacking): a
/// file the scanner refuses becomes an unreadable candidate with the refusal's code, its bytes
/// never stored; an unavailable scanner refuses the whole upload (fail closed).
async fn scan(state: &AppState, items: &mut [Item]) -> Result<(), Problem> {
    if state.scanner().is_none() {
        return Ok(());
    }
    for item in items.iter_mut() {
        let refusal = match &item.bytes {
            Ok(b) => match state.scan(b, &item.name).await {
                Ok(()) => continue,
                Err(p) if p.status == StatusCode::SERVICE_UNAVAILABLE.as_u16() => return Err(p),
                Err(p) => p,
            },
            Err(_) => continue,
        };
        item.bytes = Err(CandidateError {
            code: refusal.code,
            message: refusal.detail,
        });
    }
    Ok(())
}

/// Analyse and store the uploaded resumes of a job.
pub async fn add_candidates(
    state: &AppState,
    job_id: &str,
    files: Vec<Part>,
) -> Result<AddOutcome, Problem> {
    if files.is_empty() {
        return Err(Problem::bad_request(
            "missing_file",
            "send one or more resume files (or a ZIP of resumes) as multipart file fields",
        ));
    }
    let view = get_job(state, job_id).await?;
    let (mut items, warnings) = expand(state, files)?;
    scan(state, &mut items).await?;
    let cfg = config(&view.job);
    let keep = state.settings().retention == Retention::Keep;
    let tasks = items.into_iter().map(|item| {
        let st = state.clone();
        let job = view.analysis.clone();
        let cfg = cfg.clone();
        async move {
            let worker = st.clone();
            st.engine()
                .run(move || analyse_one(&worker, item, &job, &cfg, keep))
                .await
        }
    });
    let rows: Vec<NewCandidate> = futures_util::future::join_all(tasks)
        .await
        .into_iter()
        .collect::<Result<_, _>>()?;
    let summary: Vec<(String, Option<f64>, Option<CandidateError>)> = rows
        .iter()
        .map(|r| {
            let err = r.error_code.as_ref().map(|code| CandidateError {
                code: code.clone(),
                message: r.error_message.clone().unwrap_or_default(),
            });
            (r.file_name.clone(), r.score, err)
        })
        .collect();
    let ids = state
        .store()
        .add_candidates(job_id, rows)
        .await?
        .ok_or_else(|| Problem::not_found("job"))?;
    Ok(AddOutcome {
        job_id: job_id.to_string(),
        added: ids
            .into_iter()
            .zip(summary)
            .map(|(id, (file, score, error))| Added {
                id,
                file,
                score,
                error,
            })
            .collect(),
        warnings,
    })
}

fn analyse_one(
    state: &AppState,
    item: Item,
    job: &JobDescription,
    cfg: &ScoreConfig,
    keep: bool,
) -> NewCandidate {
    let mut row = NewCandidate {
        file_name: item.name.clone(),
        ..NewCandidate::default()
    };
    let bytes = match item.bytes {
        Ok(b) => b,
        Err(e) => {
            row.error_code = Some(e.code);
            row.error_message = Some(e.message);
            return row;
        }
    };
    row.size_bytes = bytes.len() as i64;
    row.sha256 = hex::encode(Sha256::digest(&bytes));
    match state.engine().parse(&bytes, Some(item.name)) {
        Err(e) => {
            row.error_code = Some(e.code().as_str().to_string());
            row.error_message = Some(e.to_string());
        }
        Ok(parsed) => {
            let rep = score_parsed(&parsed, job, cfg);
            crate::infra::metrics::observe_score(rep.score);
            row.media_type = Some(parsed.media_type.clone());
            row.name = parsed.contact.name.clone();
            row.score = Some(rep.score);
            row.knockouts = rep.knockouts.len() as i64;
            row.parsed = serde_json::to_string(&parsed).ok();
            row.report = serde_json::to_string(&rep).ok();
            if keep {
                row.file = Some(bytes);
            }
        }
    }
    row
}

/// Which candidates a ranking shows (ranks are computed before filtering, as in `atscore rank`).
#[derive(Debug, Clone, Default)]
pub struct RankingFilter {
    /// Only candidates scoring at least this much (unreadable files are still listed).
    pub min_score: Option<f64>,
    /// Hide candidates with knockouts.
    pub no_knockouts: bool,
    /// Only shortlisted candidates.
    pub shortlisted: bool,
    /// Show only the best N ranked candidates.
    pub top: Option<usize>,
}

/// One candidate of a ranking: the stored row and its ranked outcome.
#[derive(Debug, Clone)]
pub struct RankedCandidate {
    pub candidate: Candidate,
    pub ranked: Ranked,
}

fn outcome(c: &Candidate) -> Result<ScoreReport, CandidateError> {
    match (&c.report, &c.error_code) {
        (Some(rep), None) => serde_json::from_str(rep).map_err(|e| CandidateError {
            code: "corrupt".into(),
            message: format!("stored report unreadable: {e}"),
        }),
        _ => Err(CandidateError {
            code: c.error_code.clone().unwrap_or_else(|| "corrupt".into()),
            message: c.error_message.clone().unwrap_or_default(),
        }),
    }
}

/// The ranked candidates of a job, best first, filtered.
pub async fn ranking(
    state: &AppState,
    job_id: &str,
    filter: &RankingFilter,
) -> Result<(JobView, Vec<RankedCandidate>), Problem> {
    let view = get_job(state, job_id).await?;
    let cands = state.store().list_candidates(job_id).await?;
    // Rank on "file\0id" so equal file names stay apart; the id is cut off again below.
    let keyed: Vec<(String, Result<ScoreReport, CandidateError>)> = cands
        .iter()
        .map(|c| (format!("{}\0{}", c.file_name, c.id), outcome(c)))
        .collect();
    let mut by_id: std::collections::HashMap<String, Candidate> =
        cands.into_iter().map(|c| (c.id.clone(), c)).collect();
    let mut kept = 0usize;
    let mut out = Vec::new();
    for mut r in rank(keyed) {
        let (file, id) = r
            .file
            .split_once('\0')
            .map_or((r.file.clone(), String::new()), |(f, i)| {
                (f.to_string(), i.to_string())
            });
        r.file = file;
        let Some(c) = by_id.remove(&id) else { continue };
        let show = match &r.outcome {
            Err(_) => !filter.shortlisted || c.shortlisted,
            Ok(rep) => {
                filter.min_score.is_none_or(|m| rep.score >= m)
                    && (!filter.no_knockouts || rep.knockouts.is_empty())
                    && (!filter.shortlisted || c.shortlisted)
            }
        };
        if !show {
            continue;
        }
        if r.outcome.is_ok() {
            kept += 1;
            if filter.top.is_some_and(|t| kept > t) {
                continue;
            }
        }
        out.push(RankedCandidate {
            candidate: c,
            ranked: r,
        });
    }
    Ok((view, out))
}

/// The ranking as CSV, the same columns as `atscore rank --csv`.
pub fn ranking_csv(rows: &[RankedCandidate]) -> Result<String, Problem> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| {
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "export_failed",
            format!("the CSV could not be written: {e}"),
        )
    };
    let mut header: Vec<&str> = atscore_core::score::export::csv_header();
    header.push("candidate_id");
    header.push("shortlisted");
    w.write_record(&header).map_err(fail)?;
    for r in rows {
        let mut rec = atscore_core::score::export::csv_record(&r.ranked);
        rec.push(r.candidate.id.clone());
        rec.push(r.candidate.shortlisted.to_string());
        w.write_record(&rec).map_err(fail)?;
    }
    String::from_utf8(w.into_inner().map_err(|e| fail(e.into_error().into()))?)
        .map_err(|e| fail(csv::Error::from(std::io::Error::other(e))))
}

/// One stored candidate with its ranked outcome (detail pages).
pub async fn candidate(
    state: &AppState,
    job_id: &str,
    id: &str,
) -> Result<(JobView, RankedCandidate), Problem> {
    let (view, all) = ranking(state, job_id, &RankingFilter::default()).await?;
    let rc = all
        .into_iter()
        .find(|r| r.candidate.id == id)
        .ok_or_else(|| Problem::not_found("candidate"))?;
    Ok((view, rc))
}

pub async fn set_shortlisted(
    state: &AppState,
    job_id: &str,
    id: &str,
    on: bool,
) -> Result<(), Problem> {
    if state.store().set_shortlisted(job_id, id, on).await? {
        Ok(())
    } else {
        Err(Problem::not_found("candidate"))
    }
}

/// Erase a candidate (file and every derived row).
pub async fn delete_candidate(state: &AppState, job_id: &str, id: &str) -> Result<(), Problem> {
    if state.store().delete_candidate(job_id, id).await? {
        Ok(())
    } else {
        Err(Problem::not_found("candidate"))
    }
}
