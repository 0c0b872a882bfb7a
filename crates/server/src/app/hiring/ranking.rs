//! The ranking of a job's candidates: their stored outcomes ranked by the core (best first,
//! ties by file name and then id, unreadable files last), filtered by the core's one
//! [`RankingFilter`] plus the shortlist, and the CSV export with `atscore rank --csv`'s
//! columns plus the stored id and shortlist flag.

use std::collections::HashMap;

use axum::http::StatusCode;

use atscore_core::matching::rank::export::{csv_header, csv_record};
use atscore_core::matching::rank::{rank, CandidateError, RankKey, Ranked, RankingFilter};
use atscore_core::matching::score::ScoreReport;

use super::{get_job, JobView};
use crate::app::{App, Problem};
use crate::infra::store::candidates::Candidate;

/// A stored candidate's key in a ranking: equal scores are ordered by file name, then by id
/// (so equal names stay apart and the order is stable).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CandidateKey {
    pub file: String,
    pub id: String,
}

impl RankKey for CandidateKey {
    fn name(&self) -> &str {
        &self.file
    }
}

/// Which candidates a ranking shows: the core's filter (minimum score, no knockouts, top N,
/// as `atscore rank`) and, on top, only the shortlisted ones.
#[derive(Debug, Clone, Default)]
pub struct CandidateFilter {
    pub ranking: RankingFilter,
    /// Only shortlisted candidates.
    pub shortlisted: bool,
}

/// One candidate of a ranking: the stored row and its ranked outcome.
#[derive(Debug, Clone)]
pub struct RankedCandidate {
    pub candidate: Candidate,
    pub ranked: Ranked<CandidateKey>,
}

/// The outcome stored with a candidate: its report, or why it could not be scored.
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
    app: &App,
    job_id: &str,
    filter: &CandidateFilter,
) -> Result<(JobView, Vec<RankedCandidate>), Problem> {
    let view = get_job(app, job_id).await?;
    let mut cands = app.store().list_candidates(job_id).await?;
    let keyed = |cands: &[Candidate]| -> Vec<(CandidateKey, Result<ScoreReport, CandidateError>)> {
        cands
            .iter()
            .map(|c| {
                let key = CandidateKey {
                    file: c.file_name.clone(),
                    id: c.id.clone(),
                };
                (key, outcome(c))
            })
            .collect()
    };
    let mut reports = keyed(&cands);
    // Reports stored by an older scoring version (no fit, no copy detection) are scored again
    // from their stored parse, once, so that one ranking never mixes two versions.
    if reports.iter().any(|(_, r)| {
        r.as_ref()
            .is_ok_and(|r| r.scoring_version != atscore_core::matching::score::SCORING_VERSION)
    }) {
        super::rescore(app, &view.job, view.analysis.clone()).await?;
        cands = app.store().list_candidates(job_id).await?;
        reports = keyed(&cands);
    }
    let mut by_id: HashMap<String, Candidate> =
        cands.into_iter().map(|c| (c.id.clone(), c)).collect();
    let shown = filter.ranking.apply_with(rank(reports), |r| {
        !filter.shortlisted || by_id.get(&r.key.id).is_some_and(|c| c.shortlisted)
    });
    let rows = shown
        .into_iter()
        .filter_map(|ranked| {
            let candidate = by_id.remove(&ranked.key.id)?;
            Some(RankedCandidate { candidate, ranked })
        })
        .collect();
    Ok((view, rows))
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
    let mut header: Vec<&str> = csv_header();
    header.push("candidate_id");
    header.push("shortlisted");
    w.write_record(&header).map_err(fail)?;
    for r in rows {
        let mut rec = csv_record(&r.ranked);
        rec.push(r.candidate.id.clone());
        rec.push(r.candidate.shortlisted.to_string());
        w.write_record(&rec).map_err(fail)?;
    }
    String::from_utf8(w.into_inner().map_err(|e| fail(e.into_error().into()))?)
        .map_err(|e| fail(csv::Error::from(std::io::Error::other(e))))
}
