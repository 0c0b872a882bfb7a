//! Candidate uploads: several files or ZIP archives of resumes for one job, bounded in count
//! and inflated size (too many or too large refuses the whole upload, nothing stored),
//! scanned one by one when scanning is on, parsed and scored in parallel on the engine, and
//! stored in one transaction. A file that cannot be read is stored unranked with its error.

use axum::http::StatusCode;
use sha2::{Digest, Sha256};

use atscore_core::document::archive::{self, ArchiveLimits};
use atscore_core::matching::job::JobDescription;
use atscore_core::matching::rank::CandidateError;
use atscore_core::matching::score::ScoreConfig;

use super::{config, get_job, score_parsed};
use crate::app::inputs::Upload;
use crate::app::{App, Problem};
use crate::configuration::Retention;
use crate::infra::metrics;
use crate::infra::store::candidates::NewCandidate;

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
fn expand(app: &App, files: Vec<Upload>) -> Result<(Vec<Item>, Vec<String>), Problem> {
    let s = app.settings();
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
            let unpacked = archive::unpack(&p.bytes, &limits)
                .map_err(|e| Problem::from_parse(&e).about(&name))?;
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
async fn scan(app: &App, items: &mut [Item]) -> Result<(), Problem> {
    if app.scanner().is_none() {
        return Ok(());
    }
    for item in items.iter_mut() {
        let refusal = match &item.bytes {
            Ok(b) => match app.scan(b, &item.name).await {
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
    app: &App,
    job_id: &str,
    files: Vec<Upload>,
) -> Result<AddOutcome, Problem> {
    if files.is_empty() {
        return Err(Problem::bad_request(
            "missing_file",
            "send one or more resume files (or a ZIP of resumes) as multipart file fields",
        ));
    }
    let view = get_job(app, job_id).await?;
    let (mut items, warnings) = expand(app, files)?;
    scan(app, &mut items).await?;
    let cfg = config(&view.job);
    let keep = app.settings().retention == Retention::Keep;
    let tasks = items.into_iter().map(|item| {
        let a = app.clone();
        let job = view.analysis.clone();
        let cfg = cfg.clone();
        async move {
            let worker = a.clone();
            a.engine()
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
    let ids = app
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
    app: &App,
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
    match app.engine().parse(&bytes, Some(item.name)) {
        Err(e) => {
            row.error_code = Some(e.code().as_str().to_string());
            row.error_message = Some(e.to_string());
        }
        Ok(parsed) => {
            let rep = score_parsed(&parsed, job, cfg);
            metrics::observe_score(rep.score);
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
