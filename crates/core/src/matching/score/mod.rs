//! The ATS score: deterministic, versioned and explained down to the evidence.
//!
//! **total = w_content × content match + w_format × format compatibility + w_sections × mean
//! section score** (defaults 0.6 / 0.2 / 0.2; each sub-score 0–100). See `docs/scoring.md`.
//!
//! - [`config`] — weights and tunables, validated;
//! - [`features`] — what is read from a parsed resume (once per resume);
//! - [`content`] — skill coverage (importance × evidence level) blended with a BM25 cosine;
//! - [`format`] — penalties from the parse findings;
//! - [`sections`] — skills, experience, education, contact and summary checks;
//! - [`suggest`] — concrete changes, each with its what-if delta from scoring again;
//! - [`report`] — the [`ScoreReport`] (`atscore score --json`);
//!
//! Ranking many candidates, and its JSON and CSV forms, is [`crate::matching::rank`].

pub mod config;
pub mod content;
pub mod copied;
pub mod features;
pub mod fit;
pub mod format;
pub mod report;
pub mod section_checks;
pub mod suggest;

pub use config::{ConfigError, ScoreConfig, Weights};
pub use features::{EvidenceLevel, ResumeFeatures};
pub use report::{JobSummary, ScoreReport};

use crate::lexicon::TITLE_NOISE;
use crate::matching::bm25::{terms, Idf, TermVector};
use crate::matching::job::{Importance, JobDescription};
use crate::matching::skills::Taxonomy;
use crate::resume::entities::credentials::CredentialStatus;
use crate::resume::ParsedResume;
use report::{r1, Breakdown, Knockout, MatchedSkill, MissingSkill};

/// Version of the scoring rules; bumped whenever a rule or default changes the numbers.
pub const SCORING_VERSION: &str = "1.1.0";

/// A job prepared for scoring (its term vector and title terms computed once).
#[derive(Debug, Clone)]
pub struct JobProfile<'a> {
    pub job: &'a JobDescription,
    pub vector: TermVector,
    /// Stemmed words of the job title, seniority words removed.
    pub title_terms: Vec<String>,
    /// The posting's five-word runs, to find resume lines copied from it.
    pub runs: copied::PostingRuns,
}

impl<'a> JobProfile<'a> {
    pub fn new(job: &'a JobDescription) -> JobProfile<'a> {
        let idf = Idf::embedded();
        static NOISE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        let noise = NOISE.get_or_init(|| TITLE_NOISE.iter().flat_map(|w| terms(w)).collect());
        let mut title_terms: Vec<String> = job
            .title
            .as_deref()
            .map(terms)
            .unwrap_or_default()
            .into_iter()
            .filter(|t| !noise.contains(t))
            .collect();
        title_terms.dedup();
        JobProfile {
            job,
            vector: TermVector::new(&terms(&job.text), idf),
            title_terms,
            runs: copied::PostingRuns::new(&job.text),
        }
    }
}

/// Everything computed for one resume against one job.
#[derive(Debug, Clone)]
pub(crate) struct Evaluation {
    pub total: f64,
    pub breakdown: Breakdown,
    pub outcomes: Vec<content::SkillOutcome>,
}

/// Score features against a prepared job (the pure core of the score; what-ifs call it again).
pub(crate) fn evaluate(
    f: &ResumeFeatures,
    vector: &TermVector,
    job: &JobProfile,
    cfg: &ScoreConfig,
) -> Evaluation {
    let w = cfg.weights;
    let outcomes = content::outcomes(f, job, cfg);
    let content_match = content::content_score(&outcomes, vector, job, cfg, w.content);
    let format_compatibility = format::format_score(f, w.format);
    let sections = section_checks::section_scores(f, job, w.sections);
    let total = w.content * content_match.score
        + w.format * format_compatibility.score
        + w.sections * sections.score;
    Evaluation {
        total: total.clamp(0.0, 100.0),
        breakdown: Breakdown {
            content_match,
            format_compatibility,
            sections,
        },
        outcomes,
    }
}

/// Score a parsed resume against a job description.
pub fn score(
    resume: &ParsedResume,
    job: &JobDescription,
    tax: &Taxonomy,
    cfg: &ScoreConfig,
) -> ScoreReport {
    let features = ResumeFeatures::from_resume(resume, tax);
    let profile = JobProfile::new(job);
    let mut report = score_features(&features, &profile, tax, cfg);
    report.file = resume.file.clone();
    if resume.findings.hidden_text {
        report.warnings.push(
            "the resume contains hidden text (white, tiny or off-page); it was not read and \
             never counts toward the score"
                .into(),
        );
    }
    report.warnings.extend(resume.warnings.iter().cloned());
    report
}

/// Score precomputed resume features against a prepared job, with suggestions.
pub fn score_features(
    f: &ResumeFeatures,
    job: &JobProfile,
    tax: &Taxonomy,
    cfg: &ScoreConfig,
) -> ScoreReport {
    score_features_with(f, job, tax, cfg, true)
}

/// [`score_features`] without the what-if suggestions (a re-score per gap): what ranking many
/// resumes needs. The score and every other field are identical.
pub fn score_for_ranking(
    f: &ResumeFeatures,
    job: &JobProfile,
    tax: &Taxonomy,
    cfg: &ScoreConfig,
) -> ScoreReport {
    score_features_with(f, job, tax, cfg, false)
}

fn score_features_with(
    f: &ResumeFeatures,
    job: &JobProfile,
    tax: &Taxonomy,
    cfg: &ScoreConfig,
    with_suggestions: bool,
) -> ScoreReport {
    // Lines copied from the posting earn nothing (`copied`): score the resume without them.
    let stripped = copied::without_copied(f, &job.runs, tax);
    let (f, copied_lines) = match &stripped {
        Some((g, lines)) => (g, lines.clone()),
        None => (f, Vec::new()),
    };
    let vector = TermVector::new(&f.terms, Idf::embedded());
    let ev = evaluate(f, &vector, job, cfg);
    let mut matched = Vec::new();
    let mut missing = Vec::new();
    for o in &ev.outcomes {
        let s = &job.job.skills[o.index];
        // The resume skill that carries the evidence, and how it matched when not literally.
        let source = match (o.level, &o.implied_by, &o.via_alternative) {
            (Some(level), _, Some(alt)) => {
                let rs = f
                    .skills
                    .get(alt)
                    .or_else(|| f.implied.get(alt).and_then(|i| f.skills.get(&i.by)));
                let via = format!("{alt}, accepted as an alternative to {}", s.name);
                Some((level, rs, Some(via)))
            }
            (Some(level), Some(by), None) => {
                let via = format!("{by} implies {}", s.name);
                Some((level, f.skills.get(by), Some(via)))
            }
            (Some(level), None, None) => {
                let rs = f.skills.get(&s.name);
                let via = rs
                    .filter(|r| !r.matched_as.eq_ignore_ascii_case(&s.name))
                    .map(|r| format!("{} → {}", r.matched_as, s.name));
                Some((level, rs, via))
            }
            _ => None,
        };
        match source {
            Some((level, rs, via)) => matched.push(MatchedSkill {
                name: s.name.clone(),
                category: s.category.as_str().to_string(),
                importance: s.importance,
                credit: report::r3(o.credit),
                evidence_level: level,
                matched_as: rs.map(|r| r.matched_as.clone()).unwrap_or_default(),
                via,
                sections: rs.map(|r| r.sections.clone()).unwrap_or_default(),
                evidence: rs.map(|r| r.evidence.clone()).unwrap_or_default(),
            }),
            _ => missing.push(MissingSkill {
                name: s.name.clone(),
                category: s.category.as_str().to_string(),
                importance: s.importance,
                job_evidence: s.evidence.clone(),
            }),
        }
    }
    let knockouts = knockouts(f, job.job, &missing);
    // A missing required skill is already in the fit's "demonstrated" part; the fit's
    // knockouts are the hard ones (licence, years, degree).
    let hard = knockouts
        .iter()
        .filter(|k| k.code != "missing_required_skill")
        .count();
    let fit = fit::fit(f, job.job, &ev.outcomes, hard, cfg);
    let mut warnings = Vec::new();
    let listed_only = matched
        .iter()
        .filter(|m| m.evidence_level == EvidenceLevel::Listed)
        .count();
    if matched.len() >= 5 && listed_only * 5 >= matched.len() * 4 {
        warnings.push(format!(
            "{listed_only} of the {} job skills found appear only in a skills list, never in a role or project: listed skills earn {:.0}% of the credit of skills shown in use",
            matched.len(),
            cfg.credit_listed * 100.0
        ));
    }
    if !copied_lines.is_empty() {
        let n = copied_lines.len();
        warnings.push(format!(
            "{n} line{} of the resume match the job posting word for word (\"{}\"{}); copied lines earn no credit: show the work instead",
            if n == 1 { "" } else { "s" },
            copied_lines[0].chars().take(90).collect::<String>(),
            if n > 1 { ", …" } else { "" }
        ));
    }
    let suggestions = if with_suggestions {
        suggest::suggestions(f, &vector, job, cfg, &ev)
    } else {
        Vec::new()
    };
    let mut b = ev.breakdown;
    round_breakdown(&mut b);
    ScoreReport {
        scoring_version: SCORING_VERSION.to_string(),
        taxonomy_version: tax.version().to_string(),
        file: None,
        job: JobSummary::of(job.job),
        score: r1(ev.total),
        breakdown: b,
        matched,
        missing,
        knockouts,
        suggestions,
        warnings,
        copied_lines,
        fit,
    }
}

fn round_breakdown(b: &mut Breakdown) {
    b.content_match.score = r1(b.content_match.score);
    b.format_compatibility.score = r1(b.format_compatibility.score);
    let s = &mut b.sections;
    for x in [
        &mut s.score,
        &mut s.skills,
        &mut s.experience,
        &mut s.education,
        &mut s.contact,
        &mut s.summary,
    ] {
        *x = r1(*x);
    }
}

/// Hard requirements the resume misses.
fn knockouts(f: &ResumeFeatures, job: &JobDescription, missing: &[MissingSkill]) -> Vec<Knockout> {
    let mut out = Vec::new();
    for m in missing {
        if m.importance == Importance::Required && m.category != "soft_skill" {
            out.push(Knockout {
                code: "missing_required_skill".into(),
                message: format!("required skill {} not found in the resume", m.name),
                skill: Some(m.name.clone()),
            });
        }
    }
    for c in job.credentials.iter().filter(|c| c.required) {
        // An alternative held ("ACLS or PALS") satisfies the requirement.
        let alternatives = job
            .credentials
            .iter()
            .filter(|a| a.alternative_to.as_deref() == Some(c.name.as_str()));
        let held = f.credentials.contains(&c.name)
            || alternatives
                .clone()
                .any(|a| f.credentials.contains(&a.name));
        if !held {
            let message = match f.credentials_unproven.get(&c.name) {
                Some(CredentialStatus::InProgress) => format!(
                    "required credential {} is in progress in the resume, not held (the posting: \"{}\")",
                    c.name, c.matched_as
                ),
                Some(CredentialStatus::Listed) => format!(
                    "required credential {} is only named in the skills list: an ATS and a recruiter look for it under certifications or licences, with its issuer, number or dates (the posting: \"{}\")",
                    c.name, c.matched_as
                ),
                _ => format!(
                    "required credential {} not found in the resume (the posting: \"{}\")",
                    c.name, c.matched_as
                ),
            };
            out.push(Knockout {
                code: "missing_required_credential".into(),
                message,
                skill: Some(c.name.clone()),
            });
        }
    }
    if let Some(min) = job.min_years {
        if f.years + 1e-9 < min {
            out.push(Knockout {
                code: "years_below_minimum".into(),
                message: format!(
                    "{:.1} years of dated experience; the job asks for {min}",
                    f.years
                ),
                skill: None,
            });
        }
    }
    if let (Some(req), true) = (job.degree, job.degree_required) {
        // A degree in progress counts where the posting accepts one ("or currently enrolled").
        let held = if job.degree_in_progress_ok {
            f.degree.max(f.degree_in_progress)
        } else {
            f.degree
        };
        if held.is_none_or(|d| d < req) {
            let progress = f
                .degree_in_progress
                .filter(|d| *d >= req && !job.degree_in_progress_ok)
                .map(|d| format!(" ({d:?} in progress)"))
                .unwrap_or_default();
            out.push(Knockout {
                code: "degree_below_minimum".into(),
                message: match held {
                    Some(d) => {
                        format!(
                            "highest completed degree {d:?}{progress}; the job asks for {req:?}"
                        )
                    }
                    None => {
                        format!("no completed degree found{progress}; the job asks for {req:?}")
                    }
                },
                skill: None,
            });
        }
    }
    out
}
