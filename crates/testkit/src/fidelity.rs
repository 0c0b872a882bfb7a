//! Text fidelity of an extraction against a hand-checked (or generated) truth: word recall and
//! reading order, over the core's own word tokens (so case, punctuation and bullets do not
//! count).

use std::collections::HashMap;

use atscore_core::text::normalize::tokens;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recall_and_order_count_words_and_pairs() {
        assert_eq!(word_recall("Jane Doe, engineer", "jane doe engineer"), 1.0);
        assert_eq!(word_recall("a b c d", "a b"), 0.5);
        assert_eq!(bigram_order("a b c", "a b c"), 1.0);
        assert_eq!(bigram_order("a b c", "c b a"), 0.0);
        assert_eq!(word_recall("", "x"), 1.0);
    }
}
