//! Lines copied from the posting. A resume whose skills block repeats the posting's requirement
//! lines ("5+ years of experience with Python, Go and PostgreSQL") would otherwise collect every
//! skill of the posting without a job that used them. A resume line is *copied* when most of its
//! five-word runs appear in the posting in the same order (at least 60% of them, and at least
//! two; lines under six words are never judged). Copied lines earn nothing: the skills and
//! credentials found only in them are dropped, their words leave the text similarity, and the
//! report says which lines and why.

use std::collections::{BTreeMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use super::features::{implied_skills, EvidenceLevel, ResumeFeatures};
use crate::matching::bm25::terms;
use crate::matching::skills::Taxonomy;
use crate::resume::sections::SectionKind;

/// Words in a run.
const RUN: usize = 5;
/// Share of a line's runs found in the posting that makes it copied.
const SHARE: f64 = 0.6;

/// The five-word runs of a posting (built once per job).
#[derive(Debug, Clone, Default)]
pub struct PostingRuns(HashSet<u64>);

impl PostingRuns {
    pub fn new(text: &str) -> PostingRuns {
        let mut set = HashSet::new();
        for line in text.lines() {
            set.extend(runs(&words(line)));
        }
        PostingRuns(set)
    }

    /// Whether a resume line is copied from the posting.
    pub fn copies(&self, line: &str) -> bool {
        let w = words(line);
        if w.len() < RUN + 1 || self.0.is_empty() {
            return false;
        }
        let r = runs(&w);
        let shared = r.iter().filter(|h| self.0.contains(h)).count();
        shared >= 2 && shared as f64 >= SHARE * r.len() as f64
    }
}

/// Lower-case words (letters and digits; "C++", "C#" and "Node.js" keep their symbols).
fn words(line: &str) -> Vec<String> {
    line.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '•' | '|'))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '+' | '#'))
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn runs(words: &[String]) -> Vec<u64> {
    words
        .windows(RUN)
        .map(|w| {
            let mut h = DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

/// The features without what copied lines give, and the copied lines; `None` when no line is
/// copied.
pub(crate) fn without_copied(
    f: &ResumeFeatures,
    posting: &PostingRuns,
    tax: &Taxonomy,
) -> Option<(ResumeFeatures, Vec<String>)> {
    // Each line judged once: the copied ones, and the rest.
    type Lines<'a> = Vec<&'a (SectionKind, String)>;
    let (copied, kept_lines): (Lines, Lines) = f.lines.iter().partition(|(_, l)| posting.copies(l));
    if copied.is_empty() {
        return None;
    }
    let mut g = f.clone();
    // What the copied lines name.
    let mut named: HashSet<String> = HashSet::new();
    for (_, l) in &copied {
        for m in tax.find(l) {
            named.insert(tax.skill(m.skill).name.clone());
        }
    }
    // Where those skills still appear outside the copied lines.
    let mut kept: BTreeMap<String, (EvidenceLevel, Vec<SectionKind>)> = BTreeMap::new();
    for (kind, l) in &kept_lines {
        for m in tax.find(l) {
            let name = &tax.skill(m.skill).name;
            if !named.contains(name) {
                continue;
            }
            let e = kept
                .entry(name.clone())
                .or_insert((EvidenceLevel::Listed, Vec::new()));
            e.0 = e.0.max(EvidenceLevel::of_section(*kind));
            if !e.1.contains(kind) {
                e.1.push(*kind);
            }
        }
    }
    g.skills
        .retain(|name, _| !named.contains(name) || kept.contains_key(name));
    for (name, s) in g.skills.iter_mut() {
        if let Some((level, sections)) = kept.get(name) {
            s.level = *level;
            s.sections = sections.clone();
            s.evidence.retain(|e| {
                !copied
                    .iter()
                    .any(|(_, l)| l.contains(e.snippet.trim()) || e.snippet.contains(l.trim()))
            });
        }
    }
    g.implied = implied_skills(&g.skills, tax);
    // Credentials named only in copied lines ("Current BLS and ACLS certification").
    let cat = crate::resume::entities::credentials::catalog();
    let outside: HashSet<String> = kept_lines
        .iter()
        .flat_map(|(_, l)| cat.find(l))
        .map(|m| cat.def(m.id).name.clone())
        .collect();
    for (_, l) in &copied {
        for m in cat.find(l) {
            let name = &cat.def(m.id).name;
            if !outside.contains(name) {
                g.credentials.remove(name);
                g.credentials_unproven.remove(name);
            }
        }
    }
    // Their words leave the text similarity (one occurrence each).
    for (kind, l) in &copied {
        if *kind == SectionKind::Skills {
            continue; // skills lists are not in `terms`
        }
        for t in terms(l) {
            if let Some(i) = g.terms.iter().position(|x| *x == t) {
                g.terms.swap_remove(i);
            }
        }
    }
    let lines = copied.iter().map(|(_, l)| l.trim().to_string()).collect();
    Some((g, lines))
}

#[cfg(test)]
mod tests {
    use super::PostingRuns;

    const POSTING: &str = "Requirements\n5+ years of experience building backend services in Python or Go\nHands-on experience with PostgreSQL, Redis and Kafka in production\nExperience running services on AWS with Docker and Kubernetes";

    #[test]
    fn a_line_of_the_posting_is_copied_and_a_line_of_work_is_not() {
        let p = PostingRuns::new(POSTING);
        assert!(p.copies("5+ years of experience building backend services in Python or Go"));
        // nearly verbatim: one word changed
        assert!(p.copies(
            "• Hands-on experience with PostgreSQL, Redis and Kafka in production environments"
        ));
        // the same skills, written as work
        assert!(!p.copies(
            "Built Go services on Kubernetes (EKS) that ingest 40k events/s from Kafka into PostgreSQL"
        ));
        // too short to judge
        assert!(!p.copies("Python, Go, PostgreSQL"));
    }
}
