//! Content match: how well the resume covers the job's skills (weighted by importance and by
//! how strongly the resume evidences each skill) blended with a BM25 cosine over stemmed terms.

use super::config::ScoreConfig;
use super::features::{EvidenceLevel, ResumeFeatures};
use super::report::{r3, ContentBreakdown};
use super::JobProfile;
use crate::matching::bm25::TermVector;
use crate::matching::job::{Importance, JobSkill};
use crate::matching::skills::Category;

/// How one job skill fared.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillOutcome {
    /// Index into the job's skills.
    pub index: usize,
    pub weight: f64,
    pub credit: f64,
    pub level: Option<EvidenceLevel>,
    /// Name of the resume skill implying it, when matched only by implication.
    pub implied_by: Option<String>,
    /// The job's alternative skill that satisfies it ("DevOps or SRE": the resume shows SRE).
    pub via_alternative: Option<String>,
}

/// The weight of a job skill in the coverage.
pub fn skill_weight(s: &JobSkill, cfg: &ScoreConfig) -> f64 {
    let base = match s.importance {
        Importance::Required => cfg.required_weight,
        Importance::Preferred => cfg.preferred_weight,
    };
    if s.category == Category::SoftSkill {
        base * cfg.soft_skill_factor
    } else {
        base
    }
}

/// The credit an evidence level earns.
pub fn level_credit(level: EvidenceLevel, cfg: &ScoreConfig) -> f64 {
    match level {
        EvidenceLevel::Used => cfg.credit_used,
        EvidenceLevel::Mentioned => cfg.credit_mentioned,
        EvidenceLevel::Listed => cfg.credit_listed,
    }
}

/// Score every job skill against the resume.
pub fn outcomes(f: &ResumeFeatures, job: &JobProfile, cfg: &ScoreConfig) -> Vec<SkillOutcome> {
    let mut outs = job
        .job
        .skills
        .iter()
        .enumerate()
        .map(|(index, s)| {
            let weight = skill_weight(s, cfg);
            if let Some(rs) = f.skills.get(&s.name) {
                SkillOutcome {
                    index,
                    weight,
                    credit: level_credit(rs.level, cfg),
                    level: Some(rs.level),
                    implied_by: None,
                    via_alternative: None,
                }
            } else if let Some(imp) = f.implied.get(&s.name) {
                SkillOutcome {
                    index,
                    weight,
                    credit: cfg.implied_factor * level_credit(imp.level, cfg),
                    level: Some(imp.level),
                    implied_by: Some(imp.by.clone()),
                    via_alternative: None,
                }
            } else {
                SkillOutcome {
                    index,
                    weight,
                    credit: 0.0,
                    level: None,
                    implied_by: None,
                    via_alternative: None,
                }
            }
        })
        .collect::<Vec<_>>();
    // A missing skill whose listed alternative the resume shows is satisfied by it.
    let skills = &job.job.skills;
    for i in 0..outs.len() {
        if outs[i].level.is_some() {
            continue;
        }
        let name = &skills[outs[i].index].name;
        let alt = outs
            .iter()
            .filter(|o| {
                o.level.is_some() && skills[o.index].alternative_to.as_deref() == Some(name)
            })
            .max_by(|a, b| a.credit.total_cmp(&b.credit))
            .map(|o| (o.credit, o.level, skills[o.index].name.clone()));
        if let Some((credit, level, alt_name)) = alt {
            outs[i].credit = credit;
            outs[i].level = level;
            outs[i].via_alternative = Some(alt_name);
        }
    }
    outs
}

/// The content sub-score (0–100).
pub fn content_score(
    outs: &[SkillOutcome],
    resume_vector: &TermVector,
    job: &JobProfile,
    cfg: &ScoreConfig,
    weight: f64,
) -> ContentBreakdown {
    let total_w: f64 = outs.iter().map(|o| o.weight).sum();
    let coverage =
        (total_w > 0.0).then(|| outs.iter().map(|o| o.weight * o.credit).sum::<f64>() / total_w);
    let cos = resume_vector.cosine(&job.vector);
    let sim = (cos / cfg.similarity_full).min(1.0);
    // With few skills named, coverage is a noisy signal: its share grows to `skill_share`
    // from three skills on.
    let share = cfg.skill_share * (outs.len() as f64 / 3.0).min(1.0);
    let score = match coverage {
        Some(c) => 100.0 * (share * c + (1.0 - share) * sim),
        None => 100.0 * sim,
    };
    ContentBreakdown {
        score,
        weight,
        skill_coverage: coverage.map(r3),
        text_similarity: r3(cos),
        shared_terms: resume_vector.top_shared(&job.vector, 10),
    }
}
