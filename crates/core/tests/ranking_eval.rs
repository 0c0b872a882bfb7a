//! The hiring-team ranking on our adversarial set (`tests/eval/ranking`, issue 15): six postings
//! in six occupation families, twelve graded resumes each, with every trap class (copied
//! requirement lines, products sold, coursework only, keyword stuffing) and every kind of hidden
//! expert (practitioners' shorthand, relevant years in older roles). Each posting's resumes are
//! scored and ranked exactly as the hiring workflow ranks them ([`rank`]), and the test reports
//! nDCG@5, Spearman's ρ between rank and grade, and where each trap lands.
//!
//! `cargo test -p atscore-core --test ranking_eval -- --nocapture` prints the tables
//! (`docs/evaluation.md` keeps them). It fails when a figure falls past its bound ([`BOUNDS`]),
//! set from the measurements so that a regression fails.

use std::collections::BTreeMap;
use std::path::PathBuf;

use atscore_core::matching::job::parse_job_text;
use atscore_core::matching::rank::rank;
use atscore_core::matching::score::{score, ScoreConfig, ScoreReport};
use atscore_core::matching::skills::Taxonomy;
use atscore_core::resume::entities::dates::YearMonth;
use atscore_core::{parse_resume, ParseOptions};
use serde::Deserialize;

#[derive(Deserialize)]
struct Grades {
    family: String,
    resumes: BTreeMap<String, Graded>,
}

#[derive(Deserialize)]
struct Graded {
    grade: u8,
    #[serde(default)]
    traps: Vec<String>,
}

const DECOYS: &[&str] = &[
    "copied_requirements",
    "products_sold",
    "coursework_only",
    "keyword_stuffing",
];
const HIDDEN: &[&str] = &["hidden_expert_shorthand", "hidden_expert_older_roles"];

/// Bounds the whole set must stay within (measured, see `docs/evaluation.md`).
struct Bounds {
    /// Mean nDCG@5 over the postings, at least.
    mean_ndcg5: f64,
    /// Decoys ranked above some resume graded ≥ 2, at most (over all postings).
    decoys_above_good: usize,
    /// Hidden experts outside their posting's top 3, at most.
    hidden_outside_top3: usize,
}

/// Measured 2026-12-08: the ranking by fit (`docs/scoring.md`, "Fit"), with copy detection.
/// Before (the ATS score as the ranking): mean nDCG@5 0.716, 24 decoys above a good resume, 10
/// hidden experts outside their top 3; copy detection alone: 0.797, 19, 8. Issue 15's targets:
/// ≥ 0.95, 0, 0.
const BOUNDS: Bounds = Bounds {
    mean_ndcg5: 0.94,
    decoys_above_good: 9,
    hidden_outside_top3: 5,
};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval/ranking")
}

fn dcg(grades: &[u8]) -> f64 {
    grades
        .iter()
        .enumerate()
        .map(|(i, &g)| (2f64.powi(g as i32) - 1.0) / ((i + 2) as f64).log2())
        .sum()
}

fn ndcg_at(ranked: &[u8], k: usize) -> f64 {
    let mut ideal = ranked.to_vec();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let top = |v: &[u8]| v.iter().take(k).copied().collect::<Vec<_>>();
    let best = dcg(&top(&ideal));
    if best == 0.0 {
        return 1.0;
    }
    dcg(&top(ranked)) / best
}

/// Spearman's ρ between position (1 = best) and grade, as the Pearson correlation of ranks
/// (average ranks for ties); positive when better grades rank higher.
fn spearman(grades_in_rank_order: &[u8]) -> f64 {
    let n = grades_in_rank_order.len();
    let pos: Vec<f64> = (0..n).map(|i| -(i as f64)).collect();
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by_key(|&i| grades_in_rank_order[i]);
    let mut gr = vec![0.0; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && grades_in_rank_order[idx[j + 1]] == grades_in_rank_order[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0;
        for k in i..=j {
            gr[idx[k]] = avg;
        }
        i = j + 1;
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (mp, mg) = (mean(&pos), mean(&gr));
    let cov: f64 = pos.iter().zip(&gr).map(|(a, b)| (a - mp) * (b - mg)).sum();
    let sp: f64 = pos.iter().map(|a| (a - mp).powi(2)).sum::<f64>().sqrt();
    let sg: f64 = gr.iter().map(|b| (b - mg).powi(2)).sum::<f64>().sqrt();
    if sp == 0.0 || sg == 0.0 {
        0.0
    } else {
        cov / (sp * sg)
    }
}

#[test]
fn ranking_on_the_adversarial_set() {
    let tax = Taxonomy::embedded();
    let cfg = ScoreConfig::default();
    let mut postings: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/eval/ranking exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    postings.sort();
    assert!(
        postings.len() >= 6,
        "expected ≥ 6 postings, found {}",
        postings.len()
    );

    let mut ndcgs = Vec::new();
    let mut decoys_above_good = 0;
    let mut hidden_outside = 0;
    let mut traps_table = Vec::new();
    println!("\n| posting | family | resumes | nDCG@5 | Spearman ρ | decoys above a grade ≥ 2 | hidden experts outside top 3 |");
    println!("|---|---|---|---|---|---|---|");
    for p in &postings {
        let key = p.file_name().unwrap().to_string_lossy().to_string();
        let g: Grades =
            serde_json::from_str(&std::fs::read_to_string(p.join("grades.json")).unwrap())
                .unwrap_or_else(|e| panic!("{key}/grades.json: {e}"));
        let text = std::fs::read_to_string(p.join("posting.txt")).unwrap();
        let job = parse_job_text(&text, tax).expect("posting parses");
        let mut candidates = Vec::new();
        for id in g.resumes.keys() {
            let path = p.join("resumes").join(format!("{id}.txt"));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
            // "today" injected as in real use (the server and the CLI pass the clock's month;
            // the files are dated as of December 2026)
            let opts = ParseOptions {
                today: Some(YearMonth::new(2026, Some(12))),
                ..ParseOptions::default()
            };
            let r = parse_resume(&bytes, &opts).expect("resume parses");
            let report: ScoreReport = score(&r, &job, tax, &cfg);
            candidates.push((id.clone(), Ok(report)));
        }
        assert_eq!(candidates.len(), g.resumes.len());
        let ranked = rank(candidates);
        let order: Vec<(&str, u8, f64, f64)> = ranked
            .iter()
            .map(|r| {
                let gr = &g.resumes[&r.key];
                let s = r.outcome.as_ref().map_or(0.0, |o| o.score);
                let fit = r.outcome.as_ref().map_or(0.0, |o| o.fit.score);
                (r.key.as_str(), gr.grade, s, fit)
            })
            .collect();
        let grades: Vec<u8> = order.iter().map(|o| o.1).collect();
        let n5 = ndcg_at(&grades, 5);
        ndcgs.push(n5);
        let lowest_good = order.iter().rposition(|o| o.1 >= 2).unwrap_or(0);
        let mut above = 0;
        let mut outside = 0;
        for (pos, (id, grade, s, fit)) in order.iter().enumerate() {
            let traps = &g.resumes[*id].traps;
            let decoy = traps.iter().any(|t| DECOYS.contains(&t.as_str()));
            let hidden = traps.iter().any(|t| HIDDEN.contains(&t.as_str()));
            if decoy && pos < lowest_good {
                above += 1;
            }
            if hidden && pos >= 3 {
                outside += 1;
            }
            if !traps.is_empty() {
                traps_table.push(format!(
                    "| {key} | {} | {id} | {grade} | {} of {} | {fit:.1} ({s:.1}) |",
                    traps.join(", "),
                    pos + 1,
                    order.len()
                ));
            }
        }
        decoys_above_good += above;
        hidden_outside += outside;
        println!(
            "| {key} | {} | {} | {n5:.3} | {:.3} | {above} | {outside} |",
            g.family,
            order.len(),
            spearman(&grades)
        );
    }
    let mean = ndcgs.iter().sum::<f64>() / ndcgs.len() as f64;
    println!("| **all** | | | {mean:.3} | | {decoys_above_good} | {hidden_outside} |");
    println!(
        "\n| posting | trap | resume | grade | rank | fit (ATS score) |\n|---|---|---|---|---|---|"
    );
    for l in &traps_table {
        println!("{l}");
    }
    let mut failures = Vec::new();
    if mean < BOUNDS.mean_ndcg5 {
        failures.push(format!("mean nDCG@5 {mean:.3} < {}", BOUNDS.mean_ndcg5));
    }
    if decoys_above_good > BOUNDS.decoys_above_good {
        failures.push(format!(
            "{decoys_above_good} decoys rank above a resume graded ≥ 2 (bound {})",
            BOUNDS.decoys_above_good
        ));
    }
    if hidden_outside > BOUNDS.hidden_outside_top3 {
        failures.push(format!(
            "{hidden_outside} hidden experts outside their top 3 (bound {})",
            BOUNDS.hidden_outside_top3
        ));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
