//! View models of the evidence partials (`partials/report.html`, `partials/ats.html`): a
//! [`ScoreReport`] as gauge, bars and tables, and a [`ParsedResume`] as "what the ATS sees".
//! Numbers are formatted here so the templates only place text.

use serde::Serialize;

use atscore_core::matching::job::{Importance, JobDescription};
use atscore_core::matching::score::ScoreReport;
use atscore_core::ParsedResume;

/// An enum's wire name in words (`programming_language` → "programming language").
pub fn label<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}

/// The first letter in upper case.
pub fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One decimal.
pub fn one(x: f64) -> String {
    format!("{x:.1}")
}

/// A CSS class for a 0–100 score.
pub fn band(score: f64) -> &'static str {
    if score >= 75.0 {
        "good"
    } else if score >= 50.0 {
        "fair"
    } else {
        "poor"
    }
}

/// Circumference of the gauge's circle (r = 52).
const GAUGE_CIRCUMFERENCE: f64 = 2.0 * std::f64::consts::PI * 52.0;

#[derive(Debug, Clone)]
pub struct Bar {
    pub label: &'static str,
    pub score: String,
    /// 0–100, the filled width in the bar's 100-unit view box.
    pub width: String,
    pub weight: String,
    pub band: &'static str,
}

#[derive(Debug, Clone)]
pub struct EvidenceRow {
    pub section: String,
    pub snippet: String,
}

#[derive(Debug, Clone)]
pub struct MatchedRow {
    pub name: String,
    pub required: bool,
    /// `used`, `mentioned` or `listed` (a CSS class), and the same in words.
    pub level: String,
    pub level_text: String,
    /// How it matched ("k8s → Kubernetes"), or "as written".
    pub via: String,
    pub evidence: Vec<EvidenceRow>,
}

#[derive(Debug, Clone)]
pub struct MissingRow {
    pub name: String,
    pub category: String,
    pub job_line: String,
}

#[derive(Debug, Clone)]
pub struct PenaltyRow {
    pub message: String,
    pub fix: String,
    pub points: String,
}

#[derive(Debug, Clone)]
pub struct CheckRow {
    pub section: String,
    pub check: String,
    pub points: String,
    pub note: String,
    pub full: bool,
}

#[derive(Debug, Clone)]
pub struct SuggestionRow {
    pub message: String,
    pub delta: String,
}

/// A score report, ready to place.
#[derive(Debug, Clone)]
pub struct ReportView {
    pub score: String,
    pub score_whole: String,
    pub band: &'static str,
    /// `stroke-dasharray` of the gauge: filled length, circumference.
    pub gauge_dash: String,
    pub bars: Vec<Bar>,
    pub coverage: Option<String>,
    pub similarity: String,
    pub shared_terms: String,
    pub job_title: Option<String>,
    pub matched: Vec<MatchedRow>,
    pub matched_required: usize,
    pub required_total: usize,
    pub missing_required: Vec<MissingRow>,
    pub missing_preferred: Vec<MissingRow>,
    pub knockouts: Vec<String>,
    pub penalties: Vec<PenaltyRow>,
    pub section_scores: Vec<(&'static str, String)>,
    pub checks: Vec<CheckRow>,
    pub suggestions: Vec<SuggestionRow>,
    pub warnings: Vec<String>,
}

impl ReportView {
    pub fn new(r: &ScoreReport) -> ReportView {
        let b = &r.breakdown;
        let bar = |label, score: f64, weight: f64| Bar {
            label,
            score: one(score),
            width: format!("{:.1}", score.clamp(0.0, 100.0)),
            weight: format!("{:.0}%", weight * 100.0),
            band: band(score),
        };
        let missing = |imp: Importance| {
            r.missing
                .iter()
                .filter(|m| m.importance == imp)
                .map(|m| MissingRow {
                    name: m.name.clone(),
                    category: label(&m.category),
                    job_line: m.job_evidence.clone(),
                })
                .collect::<Vec<_>>()
        };
        let s = &b.sections;
        let filled = GAUGE_CIRCUMFERENCE * r.score.clamp(0.0, 100.0) / 100.0;
        ReportView {
            score: one(r.score),
            score_whole: format!("{:.0}", r.score),
            band: band(r.score),
            gauge_dash: format!("{filled:.2} {GAUGE_CIRCUMFERENCE:.2}"),
            bars: vec![
                bar(
                    "Content match",
                    b.content_match.score,
                    b.content_match.weight,
                ),
                bar(
                    "Format compatibility",
                    b.format_compatibility.score,
                    b.format_compatibility.weight,
                ),
                bar("Sections", s.score, s.weight),
            ],
            coverage: b
                .content_match
                .skill_coverage
                .map(|c| format!("{:.0}%", c * 100.0)),
            similarity: format!("{:.2}", b.content_match.text_similarity),
            shared_terms: b.content_match.shared_terms.join(", "),
            job_title: r.job.title.clone(),
            matched: r
                .matched
                .iter()
                .map(|m| MatchedRow {
                    name: m.name.clone(),
                    required: m.importance == Importance::Required,
                    level: label(&m.evidence_level),
                    level_text: capitalized(&label(&m.evidence_level)),
                    via: m.via.clone().unwrap_or_else(|| {
                        if m.matched_as.eq_ignore_ascii_case(&m.name) {
                            "as written".into()
                        } else {
                            format!("as \u{201c}{}\u{201d}", m.matched_as)
                        }
                    }),
                    evidence: m
                        .evidence
                        .iter()
                        .map(|e| EvidenceRow {
                            section: label(&e.section),
                            snippet: e.snippet.clone(),
                        })
                        .collect(),
                })
                .collect(),
            matched_required: r
                .matched
                .iter()
                .filter(|m| m.importance == Importance::Required)
                .count(),
            required_total: r.job.required.len(),
            missing_required: missing(Importance::Required),
            missing_preferred: missing(Importance::Preferred),
            knockouts: r.knockouts.iter().map(|k| k.message.clone()).collect(),
            penalties: b
                .format_compatibility
                .penalties
                .iter()
                .map(|p| PenaltyRow {
                    message: p.message.clone(),
                    fix: p.fix.clone(),
                    points: format!("\u{2212}{}", one(p.points.abs())),
                })
                .collect(),
            section_scores: vec![
                ("Skills", one(s.skills)),
                ("Experience", one(s.experience)),
                ("Education", one(s.education)),
                ("Contact", one(s.contact)),
                ("Summary", one(s.summary)),
            ],
            checks: s
                .checks
                .iter()
                .map(|c| CheckRow {
                    section: c.section.replace('_', " "),
                    check: c.check.replace('_', " "),
                    points: format!("{} / {}", one(c.points), one(c.max)),
                    note: c.note.clone(),
                    full: c.points >= c.max,
                })
                .collect(),
            suggestions: r
                .suggestions
                .iter()
                .map(|s| SuggestionRow {
                    message: s.message.clone(),
                    delta: format!("+{} points", one(s.delta)),
                })
                .collect(),
            warnings: r.warnings.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct SectionRow {
    pub title: String,
    pub kind: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct FindingRow {
    pub message: String,
    pub fix: String,
    pub page: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct ExperienceRow {
    pub title: String,
    pub company: String,
    pub dates: String,
    pub bullets: usize,
}

/// A parsed resume as an ATS reads it.
#[derive(Debug, Clone)]
pub struct AtsView {
    pub format: String,
    pub pages: u32,
    pub words: usize,
    pub years: String,
    pub contact: Vec<(&'static str, String)>,
    pub sections: Vec<SectionRow>,
    pub findings: Vec<FindingRow>,
    pub skills: Vec<String>,
    pub experience: Vec<ExperienceRow>,
    pub education: Vec<String>,
    pub warnings: Vec<String>,
}

fn or_dash(s: &Option<String>) -> String {
    s.clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "\u{2014}".into())
}

impl AtsView {
    pub fn new(r: &ParsedResume) -> AtsView {
        let c = &r.contact;
        let mut contact = vec![
            ("Name", or_dash(&c.name)),
            ("E-mail", or_dash(&c.email)),
            ("Phone", or_dash(&c.phone)),
            ("Location", or_dash(&c.location)),
        ];
        if !c.links.is_empty() {
            contact.push(("Links", c.links.join(", ")));
        }
        AtsView {
            format: r.format.clone(),
            pages: r.pages,
            words: r.findings.word_count,
            years: one(r.years_of_experience),
            contact,
            sections: r
                .sections
                .iter()
                .map(|s| SectionRow {
                    title: s
                        .heading
                        .clone()
                        .unwrap_or_else(|| "(top of the resume)".into()),
                    kind: label(&s.kind),
                    text: s.text.clone(),
                })
                .collect(),
            findings: r
                .findings
                .details
                .iter()
                .map(|d| FindingRow {
                    message: d.message.clone(),
                    fix: d.fix.clone(),
                    page: d.page,
                })
                .collect(),
            skills: r.skills.iter().map(|s| s.name.clone()).collect(),
            experience: r
                .experience
                .iter()
                .map(|e| ExperienceRow {
                    title: or_dash(&e.title),
                    company: or_dash(&e.company),
                    dates: match (e.start, e.end, e.current) {
                        (Some(s), _, true) => format!("{s} \u{2013} present"),
                        (Some(s), Some(end), false) => format!("{s} \u{2013} {end}"),
                        (Some(s), None, false) => s.to_string(),
                        _ => "no dates read".into(),
                    },
                    bullets: e.bullets.len(),
                })
                .collect(),
            education: r
                .education
                .iter()
                .map(|e| {
                    [&e.degree, &e.field, &e.school]
                        .iter()
                        .filter_map(|x| x.as_deref())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .filter(|s| !s.is_empty())
                .collect(),
            warnings: r.warnings.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct JobSkillRow {
    pub name: String,
    pub line: String,
    pub cue: String,
}

/// A job as analysed: what a candidate is scored against.
#[derive(Debug, Clone)]
pub struct JobSummaryView {
    pub required: Vec<JobSkillRow>,
    pub preferred: Vec<JobSkillRow>,
    pub min_years: Option<String>,
    pub degree: Option<String>,
    pub location: Option<String>,
}

impl JobSummaryView {
    pub fn new(j: &JobDescription) -> JobSummaryView {
        let rows = |imp: Importance| {
            j.skills
                .iter()
                .filter(|s| s.importance == imp)
                .map(|s| JobSkillRow {
                    name: s.name.clone(),
                    line: s.evidence.clone(),
                    cue: s.cue.clone(),
                })
                .collect::<Vec<_>>()
        };
        JobSummaryView {
            required: rows(Importance::Required),
            preferred: rows(Importance::Preferred),
            min_years: j.min_years.map(|y| format!("{y}+ years")),
            degree: j.degree.map(|d| {
                let mut s = capitalized(&label(&d));
                if !j.degree_required {
                    s.push_str(" (or equivalent)");
                }
                s
            }),
            location: j.location.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_bands() {
        assert_eq!(label(&Importance::Required), "required");
        assert_eq!(band(80.0), "good");
        assert_eq!(band(60.0), "fair");
        assert_eq!(band(10.0), "poor");
        assert_eq!(one(6.14), "6.1");
        assert_eq!(capitalized("used"), "Used");
    }
}
