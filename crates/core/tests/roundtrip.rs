//! JSON round trips of the public contracts: every example resume, every fixture (and the
//! public corpus, when present; required under `CI=true`) parsed, serialised and deserialised gives back an equal `ParsedResume` that
//! re-serialises to the same bytes, and scoring the round-tripped resume against every example
//! job gives the identical `ScoreReport` (itself round-tripping through JSON), as the server's
//! "store the parsed resume, re-score it when the job changes" needs.

use std::path::{Path, PathBuf};

use atscore_core::matching::job::{parse_job, JobDescription};
use atscore_core::matching::rank::CandidateError;
use atscore_core::matching::score::{score, ScoreConfig, ScoreReport};
use atscore_core::matching::skills::Taxonomy;
use atscore_core::{parse_resume, Limits, ParseError, ParseOptions, ParsedResume};
use atscore_testkit::corpus::require_corpus;
use atscore_testkit::examples::examples_dir;
use atscore_testkit::fixtures;

fn examples(sub: &str) -> PathBuf {
    examples_dir().join(sub)
}

/// The regular files directly in `dir`, sorted, minus the corpus's truth files and manifest.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            !n.ends_with(".truth.txt") && n != "MANIFEST.md" && !n.starts_with('.')
        })
        .collect();
    out.sort();
    out
}

fn resume_files() -> Vec<PathBuf> {
    let mut out = files(&examples("resumes"));
    assert!(!out.is_empty(), "no example resumes");
    out.extend(files(&fixtures::dir()));
    if let Some(corpus) = require_corpus() {
        out.extend(files(&corpus));
    }
    out
}

fn jobs(tax: &Taxonomy) -> Vec<(String, JobDescription)> {
    let out: Vec<_> = files(&examples("jobs"))
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let job = parse_job(&bytes, &Limits::default(), tax)
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_name().unwrap().to_string_lossy().into_owned(), job)
        })
        .collect();
    assert!(!out.is_empty(), "no example jobs");
    out
}

#[test]
fn parsed_resumes_and_score_reports_round_trip_through_json() {
    let tax = Taxonomy::embedded();
    let jobs = jobs(tax);
    let cfg = ScoreConfig::default();
    let mut checked = 0usize;
    for path in resume_files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let opts = ParseOptions {
            file_name: Some(name.clone()),
            ..ParseOptions::default()
        };
        let Ok(original) = parse_resume(&bytes, &opts) else {
            // Unreadable files have no ParsedResume to store (the corpus holds a few on
            // purpose); their errors are covered by the corpus tests.
            continue;
        };
        let json = serde_json::to_string(&original).unwrap();
        let back: ParsedResume =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back, original, "{name}: round trip changed the resume");
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            json,
            "{name}: round trip changed the JSON"
        );
        for (job_name, job) in &jobs {
            let a = score(&original, job, tax, &cfg);
            let b = score(&back, job, tax, &cfg);
            assert_eq!(
                a, b,
                "{name} × {job_name}: scores differ after the round trip"
            );
            let rep_json = serde_json::to_string(&a).unwrap();
            let rep_back: ScoreReport = serde_json::from_str(&rep_json)
                .unwrap_or_else(|e| panic!("{name} × {job_name}: {e}"));
            assert_eq!(rep_back, a, "{name} × {job_name}: report round trip");
        }
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} resumes checked");
    eprintln!("{checked} resumes round-tripped");
}

#[test]
fn candidate_error_round_trips() {
    let e = CandidateError::from(&ParseError::EncryptedPdf);
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(
        serde_json::from_str::<CandidateError>(&json).unwrap(),
        e,
        "{json}"
    );
}
