//! Ranking many candidates against one job: best score first; ties broken by fewer knockouts,
//! then by the caller's key (a file name, or a file name and a stored id), so the order is
//! the same on every run. Unreadable files stay in the list (after the ranked ones) with
//! their error. One filter, [`RankingFilter`], decides what is shown (minimum score, no
//! knockouts, top N) for every face, after ranking; [`score_candidate`] is how one parsed
//! resume is scored for a ranking.

pub mod export;

use serde::{Deserialize, Serialize};

use crate::matching::score::{
    score_for_ranking, JobProfile, ResumeFeatures, ScoreConfig, ScoreReport,
};
use crate::matching::skills::Taxonomy;
use crate::{ParseError, ParsedResume};

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

/// What a ranking is keyed by: equal scores are ordered by the key, and the exports show its
/// name (the `file` of `atscore rank --json` and of the CSV).
pub trait RankKey: Ord {
    fn name(&self) -> &str;
}

/// A file name.
impl RankKey for String {
    fn name(&self) -> &str {
        self
    }
}

/// One candidate of a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked<K = String> {
    /// The caller's key of the candidate.
    pub key: K,
    /// 1-based rank; `None` for unreadable files.
    pub rank: Option<usize>,
    pub outcome: Result<ScoreReport, CandidateError>,
}

impl<K: RankKey> Ranked<K> {
    /// The name of the key (a file name).
    pub fn name(&self) -> &str {
        self.key.name()
    }
}

/// Order scored candidates (see the module doc).
pub fn rank<K: Ord>(candidates: Vec<(K, Result<ScoreReport, CandidateError>)>) -> Vec<Ranked<K>> {
    let (mut ok, mut bad): (Vec<_>, Vec<_>) = candidates.into_iter().partition(|c| c.1.is_ok());
    ok.sort_by(|a, b| {
        // By fit (evidence only: role, demonstrated requirements, knockouts), then the ATS
        // score, then fewer knockouts, then the key.
        let (ra, rb) = (a.1.as_ref().ok(), b.1.as_ref().ok());
        let fa = ra.map_or(0.0, |r| r.fit.score);
        let fb = rb.map_or(0.0, |r| r.fit.score);
        let sa = ra.map_or(0.0, |r| r.score);
        let sb = rb.map_or(0.0, |r| r.score);
        let ka = ra.map_or(0, |r| r.knockouts.len());
        let kb = rb.map_or(0, |r| r.knockouts.len());
        fb.total_cmp(&fa)
            .then(sb.total_cmp(&sa))
            .then(ka.cmp(&kb))
            .then(a.0.cmp(&b.0))
    });
    bad.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<Ranked<K>> = ok
        .into_iter()
        .enumerate()
        .map(|(i, (key, outcome))| Ranked {
            key,
            rank: Some(i + 1),
            outcome,
        })
        .collect();
    out.extend(bad.into_iter().map(|(key, outcome)| Ranked {
        key,
        rank: None,
        outcome,
    }));
    out
}

/// Which candidates of a ranking are shown. Ranks are computed before filtering, so a shown
/// candidate keeps its place among all; unreadable files are always shown (with their error)
/// and never count toward `top`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RankingFilter {
    /// Only candidates scoring at least this much.
    pub min_score: Option<f64>,
    /// Hide candidates with knockouts (missing required skill, years or degree below
    /// minimum).
    pub no_knockouts: bool,
    /// Only the best N scored candidates.
    pub top: Option<usize>,
}

impl RankingFilter {
    /// Whether an outcome passes the minimum score and the knockout rule.
    pub fn admits(&self, outcome: &Result<ScoreReport, CandidateError>) -> bool {
        match outcome {
            Err(_) => true,
            Ok(r) => {
                self.min_score.is_none_or(|m| r.score >= m)
                    && (!self.no_knockouts || r.knockouts.is_empty())
            }
        }
    }

    /// The candidates shown, in ranking order.
    pub fn apply<K>(&self, ranked: impl IntoIterator<Item = Ranked<K>>) -> Vec<Ranked<K>> {
        self.apply_with(ranked, |_| true)
    }

    /// [`RankingFilter::apply`] with a condition of the caller's on top (a shortlist): a
    /// candidate it refuses is not shown and does not count toward `top`.
    pub fn apply_with<K>(
        &self,
        ranked: impl IntoIterator<Item = Ranked<K>>,
        mut also: impl FnMut(&Ranked<K>) -> bool,
    ) -> Vec<Ranked<K>> {
        let mut kept = 0usize;
        ranked
            .into_iter()
            .filter(|c| {
                if !self.admits(&c.outcome) || !also(c) {
                    return false;
                }
                if c.outcome.is_ok() {
                    kept += 1;
                    return self.top.is_none_or(|t| kept <= t);
                }
                true
            })
            .collect()
    }
}

/// Score a parsed resume for a ranking: its features against a prepared job, without the
/// what-if suggestions; the report names the resume's file.
pub fn score_candidate(
    resume: &ParsedResume,
    job: &JobProfile,
    tax: &Taxonomy,
    cfg: &ScoreConfig,
) -> ScoreReport {
    let features = ResumeFeatures::from_resume(resume, tax);
    let mut report = score_for_ranking(&features, job, tax, cfg);
    report.file = resume.file.clone();
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::job::parse_job_text;
    use crate::matching::score::report::Knockout;
    use crate::matching::score::score;
    use crate::{parse_resume, ParseOptions};

    fn report(score_value: f64, knockouts: usize) -> ScoreReport {
        let tax = Taxonomy::embedded();
        let job = parse_job_text("# Data Engineer\n\n## Requirements\n\n- SQL\n", tax).unwrap();
        let cv = parse_resume(b"# Dana\n\nSQL and Python.\n", &ParseOptions::default()).unwrap();
        let mut r = score(&cv, &job, tax, &ScoreConfig::default());
        r.score = score_value;
        r.knockouts = (0..knockouts)
            .map(|i| Knockout {
                code: "missing_required_skill".into(),
                message: format!("knockout {i}"),
                skill: None,
            })
            .collect();
        r
    }

    fn err() -> Result<ScoreReport, CandidateError> {
        Err(CandidateError::from(&ParseError::Empty))
    }

    #[test]
    fn keys_break_ties_and_unreadable_files_come_last() {
        let all = rank(vec![
            (("b".to_string(), 2), Ok(report(50.0, 0))),
            (("z".to_string(), 0), err()),
            (("b".to_string(), 1), Ok(report(50.0, 0))),
            (("a".to_string(), 9), Ok(report(50.0, 1))),
            (("c".to_string(), 0), Ok(report(70.0, 0))),
            (("y".to_string(), 0), err()),
        ]);
        let keys: Vec<_> = all.iter().map(|r| (r.key.0.as_str(), r.key.1)).collect();
        assert_eq!(
            keys,
            [("c", 0), ("b", 1), ("b", 2), ("a", 9), ("y", 0), ("z", 0)]
        );
        let ranks: Vec<_> = all.iter().map(|r| r.rank).collect();
        assert_eq!(ranks, [Some(1), Some(2), Some(3), Some(4), None, None]);
    }

    #[test]
    fn one_filter_for_minimum_knockouts_top_and_the_callers_condition() {
        let all = || {
            rank(vec![
                ("a".to_string(), Ok(report(90.0, 0))),
                ("b".to_string(), Ok(report(80.0, 1))),
                ("c".to_string(), Ok(report(60.0, 0))),
                ("d".to_string(), Ok(report(40.0, 0))),
                ("e".to_string(), err()),
            ])
        };
        let names = |v: Vec<Ranked>| v.iter().map(|r| r.name().to_string()).collect::<Vec<_>>();
        let f = RankingFilter {
            min_score: Some(50.0),
            no_knockouts: true,
            top: None,
        };
        assert_eq!(names(f.apply(all())), ["a", "c", "e"]);
        let top2 = RankingFilter {
            top: Some(2),
            ..RankingFilter::default()
        };
        assert_eq!(names(top2.apply(all())), ["a", "b", "e"]);
        // the caller's condition goes before `top` counts
        assert_eq!(
            names(top2.apply_with(all(), |r| r.name() != "a")),
            ["b", "c", "e"]
        );
        let kept = top2.apply(all());
        assert_eq!(
            kept[1].rank,
            Some(2),
            "ranks are kept from before filtering"
        );
        assert_eq!(names(RankingFilter::default().apply(all())).len(), 5);
    }
}
