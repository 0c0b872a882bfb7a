//! Skills: the shipped taxonomy (ESCO, O*NET, Linguist and our own alias table, generated into
//! `crates/core/data/taxonomy.tsv` and embedded in the binary) and the matcher that finds skills
//! in text, each hit with its evidence.
//!
//! - [`taxonomy`] — the [`Taxonomy`]: canonical skills, their surface forms, categories,
//!   implications ("PostgreSQL" implies "SQL"); loaded from the embedded file, extended by a
//!   user aliases file;
//! - `duties` — skills written as a duty's verbs with a shared object ("recruit, hire and
//!   train staff");
//! - [`matcher`] — a word-level phrase map (longest match) over normalised text with word
//!   boundaries, inflection tolerance
//!   and context rules for ambiguous names (C, R, Go, Swift, Rust, Spark, Excel…);
//! - [`model`] — a skill, its id and category;
//! - [`file`] — the `taxonomy.tsv` and alias-file formats, surface forms, the merge of entries;
//! - [`generate`] — the generator of `taxonomy.tsv` from ESCO, O*NET, Linguist and our aliases;
//! - [`resume_skills`] — the `skills` of a parsed resume, with the sections they were found in.

mod context;
mod duties;
pub mod file;
pub mod generate;
pub mod matcher;
pub mod model;
mod naming;
pub mod taxonomy;

pub use generate::{build_taxonomy, Sources};
pub use matcher::SkillMatch;
pub use model::{Category, Skill, SkillId, TaxonomyError};
pub use taxonomy::Taxonomy;

use crate::resume::{SectionText, SkillHit};

/// The skills of a resume: every skill found in its sections, merged by canonical name,
/// in order of first appearance, with the sections it appears in and its evidence.
pub fn resume_skills(tax: &Taxonomy, sections: &[SectionText]) -> Vec<SkillHit> {
    let mut out: Vec<SkillHit> = Vec::new();
    for s in sections {
        for m in tax.find(&s.text) {
            let skill = tax.skill(m.skill);
            match out.iter_mut().find(|h| h.name == skill.name) {
                Some(h) => {
                    if !h.sections.contains(&s.kind) {
                        h.sections.push(s.kind);
                    }
                    if h.evidence.len() < 3 {
                        h.evidence.push(m.evidence(s.kind, &s.text));
                    }
                }
                None => out.push(SkillHit {
                    name: skill.name.clone(),
                    category: skill.category.as_str().to_string(),
                    matched_as: m.matched_as.clone(),
                    sections: vec![s.kind],
                    evidence: vec![m.evidence(s.kind, &s.text)],
                }),
            }
        }
    }
    out
}
