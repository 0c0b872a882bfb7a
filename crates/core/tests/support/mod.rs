//! Shared helpers for the core integration tests: corpus location and text-fidelity metrics.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

use atscore_core::normalize::tokens;

/// `../shared/corpus/public` beside the project root (overridable with `ATSCORE_CORPUS`).
pub fn corpus_dir() -> PathBuf {
    if let Ok(p) = std::env::var("ATSCORE_CORPUS") {
        return PathBuf::from(p);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..");
    root.join("shared/corpus/public")
}

/// The corpus directory, or a failure under `CI=true` / a loud skip message locally.
pub fn require_corpus() -> Option<PathBuf> {
    let dir = corpus_dir();
    if dir.join("MANIFEST.md").exists() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "corpus not found at {} (required under CI=true)",
            dir.display()
        );
    }
    eprintln!("SKIP: corpus not found at {}", dir.display());
    None
}

/// `../shared/data` beside the project root (overridable with `ATSCORE_DATA`), or a failure
/// under `CI=true` / a loud skip message locally.
pub fn require_data_dir() -> Option<PathBuf> {
    let dir = std::env::var("ATSCORE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if dir.join("PROVENANCE.md").exists() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "shared data not found at {} (required under CI=true)",
            dir.display()
        );
    }
    eprintln!("SKIP: shared data not found at {}", dir.display());
    None
}

fn counts<T: std::hash::Hash + Eq + Clone>(items: &[T]) -> HashMap<T, usize> {
    let mut m = HashMap::new();
    for i in items {
        *m.entry(i.clone()).or_insert(0) += 1;
    }
    m
}

/// Word recall: share of the truth's word tokens (with multiplicity) found in the extraction.
pub fn word_recall(truth: &str, got: &str) -> f64 {
    let t = tokens(truth);
    if t.is_empty() {
        return 1.0;
    }
    let g = counts(&tokens(got));
    let mut hit = 0usize;
    for (w, n) in counts(&t) {
        hit += n.min(*g.get(&w).unwrap_or(&0));
    }
    hit as f64 / t.len() as f64
}

/// Reading-order score: share of the truth's consecutive word pairs — taken over the whole
/// text, so across line ends too — that occur as consecutive words in the extraction
/// (multiset, clipped). Interleaved columns, lines out of order, detached dates, and fused
/// or split words all lower it.
pub fn bigram_order(truth: &str, got: &str) -> f64 {
    let pairs = |s: &str| -> Vec<(String, String)> {
        let t = tokens(s);
        t.windows(2).map(|w| (w[0].clone(), w[1].clone())).collect()
    };
    let t = pairs(truth);
    if t.is_empty() {
        return 1.0;
    }
    let g = counts(&pairs(got));
    let mut hit = 0usize;
    for (p, n) in counts(&t) {
        hit += n.min(*g.get(&p).unwrap_or(&0));
    }
    hit as f64 / t.len() as f64
}
