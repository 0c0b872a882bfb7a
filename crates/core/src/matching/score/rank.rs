//! Ranking many candidates against one job: best score first; ties broken by fewer knockouts,
//! then by file name, so the order is the same on every run. Unreadable files stay in the
//! list (after the ranked ones) with their error.

use serde::{Deserialize, Serialize};

use super::report::ScoreReport;
use crate::ParseError;

/// Why a candidate could not be scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateError {
    pub code: String,
    pub message: String,
}

impl From<&ParseError> for CandidateError {
    fn from(e: &ParseError) -> Self {
        CandidateError {
            code: e.code().as_str().to_string(),
            message: e.to_string(),
        }
    }
}

/// One candidate of a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub file: String,
    /// 1-based rank; `None` for unreadable files.
    pub rank: Option<usize>,
    pub outcome: Result<ScoreReport, CandidateError>,
}

/// Order scored candidates (see the module doc).
pub fn rank(candidates: Vec<(String, Result<ScoreReport, CandidateError>)>) -> Vec<Ranked> {
    let (mut ok, mut bad): (Vec<_>, Vec<_>) = candidates.into_iter().partition(|c| c.1.is_ok());
    ok.sort_by(|a, b| {
        let (ra, rb) = (a.1.as_ref().ok(), b.1.as_ref().ok());
        let sa = ra.map_or(0.0, |r| r.score);
        let sb = rb.map_or(0.0, |r| r.score);
        let ka = ra.map_or(0, |r| r.knockouts.len());
        let kb = rb.map_or(0, |r| r.knockouts.len());
        sb.total_cmp(&sa).then(ka.cmp(&kb)).then(a.0.cmp(&b.0))
    });
    bad.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<Ranked> = ok
        .into_iter()
        .enumerate()
        .map(|(i, (file, outcome))| Ranked {
            file,
            rank: Some(i + 1),
            outcome,
        })
        .collect();
    out.extend(bad.into_iter().map(|(file, outcome)| Ranked {
        file,
        rank: None,
        outcome,
    }));
    out
}
