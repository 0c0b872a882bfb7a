//! One candidate of a job: its detail (the stored row with its ranked outcome), the shortlist
//! flag, the original file as uploaded (when `RETENTION=keep`), and erasure.

use super::ranking::{ranking, CandidateFilter, RankedCandidate};
use super::JobView;
use crate::app::{App, Problem};
use crate::infra::store::candidates::Candidate;

/// One stored candidate with its ranked outcome (detail pages).
pub async fn candidate(
    app: &App,
    job_id: &str,
    id: &str,
) -> Result<(JobView, RankedCandidate), Problem> {
    let (view, all) = ranking(app, job_id, &CandidateFilter::default()).await?;
    let rc = all
        .into_iter()
        .find(|r| r.candidate.id == id)
        .ok_or_else(|| Problem::not_found("candidate"))?;
    Ok((view, rc))
}

/// The stored row of a candidate, without ranking (confirmation pages).
pub async fn stored_candidate(app: &App, job_id: &str, id: &str) -> Result<Candidate, Problem> {
    app.store()
        .get_candidate(job_id, id)
        .await?
        .ok_or_else(|| Problem::not_found("candidate"))
}

pub async fn set_shortlisted(app: &App, job_id: &str, id: &str, on: bool) -> Result<(), Problem> {
    if app.store().set_shortlisted(job_id, id, on).await? {
        Ok(())
    } else {
        Err(Problem::not_found("candidate"))
    }
}

/// The original file of a candidate, as uploaded.
#[derive(Debug, Clone)]
pub struct CandidateFile {
    /// The name it was uploaded under (for a ZIP entry, `archive.zip/dir/name.pdf`).
    pub file_name: String,
    /// The detected media type, when the file could be read.
    pub media_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// The original file of a candidate (404 when only the analysis was kept).
pub async fn candidate_file(app: &App, job_id: &str, id: &str) -> Result<CandidateFile, Problem> {
    let c = stored_candidate(app, job_id, id).await?;
    let bytes = app
        .store()
        .candidate_file(job_id, id)
        .await?
        .ok_or_else(|| Problem::not_found("file (only the analysis was kept)"))?;
    Ok(CandidateFile {
        file_name: c.file_name,
        media_type: c.media_type,
        bytes,
    })
}

/// Erase a candidate (file and every derived row).
pub async fn delete_candidate(app: &App, job_id: &str, id: &str) -> Result<(), Problem> {
    if app.store().delete_candidate(job_id, id).await? {
        Ok(())
    } else {
        Err(Problem::not_found("candidate"))
    }
}
