//! Job descriptions: from text, Markdown, HTML, PDF or DOCX to a [`JobDescription`] — title,
//! required and preferred skills (from headings and cue phrases), minimum years, degree level,
//! responsibilities — with boilerplate (benefits, EEO statements, about-us) stripped before
//! matching.
//!
//! The pipeline (rules in `docs/job-descriptions.md`):
//!
//! 1. [`segments`] — lines → sections (headings, inline "Qualifications:" labels, Title Case
//!    headings inside pasted paragraphs) → units (sentences / list items);
//! 2. [`boilerplate`] — boilerplate sections and sentences are set aside;
//! 3. [`cues`] — each skill mention gets its importance from its section, overridden by cue
//!    phrases in its sentence ("must", "a plus", "ideally"…);
//! 4. [`requirements`] — years of experience and degree levels;
//! 5. [`title`] — title, seniority, employment type, location.
//!
//! Skills mentioned only in responsibilities count as required (what you will do with a tool
//! is what you need to know); skills in boilerplate (about us, benefits…) do not count.

pub mod boilerplate;
pub mod credentials;
pub mod cues;
pub mod falsehoods;
pub mod requirements;
pub mod segments;
pub mod title;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::document::extract_document;
use crate::matching::skills::{Category, SkillId, Taxonomy};
use crate::resume::entities::education::DegreeLevel;
use crate::{Document, Limits, ParseError};

pub use credentials::JobCredential;
pub use segments::JobSectionKind;
pub use title::{EmploymentType, Seniority};

use cues::CueKind;
use segments::Unit;

/// How much the job wants a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    Required,
    Preferred,
}

/// A skill the job asks for.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobSkill {
    #[serde(skip)]
    pub id: SkillId,
    /// Canonical name ("Kubernetes").
    pub name: String,
    pub category: Category,
    pub importance: Importance,
    /// The form written in the job description ("k8s").
    pub matched_as: String,
    /// The line of the job description it was read from.
    pub evidence: String,
    /// Why it has its importance: `section "Nice to have"`, `cue "a plus"`,
    /// `named in the responsibilities`…
    pub cue: String,
    /// The section it was read from.
    pub section: JobSectionKind,
    /// Years asked for this skill ("3+ years of Python"), if any.
    pub min_years: Option<f64>,
    /// The required skill this one is an alternative to ("DevOps or SRE": SRE is an
    /// alternative to DevOps; having either satisfies the requirement).
    pub alternative_to: Option<String>,
}

/// A job description, analysed.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobDescription {
    pub title: Option<String>,
    /// Required skills, then preferred ones; each skill once (required wins).
    pub skills: Vec<JobSkill>,
    /// Minimum years of experience asked for ("5+ years").
    pub min_years: Option<f64>,
    /// Minimum degree asked for.
    pub degree: Option<DegreeLevel>,
    /// Responsibility lines ("what you will do").
    pub responsibilities: Vec<String>,
    /// The text used for matching: the job description without boilerplate.
    pub text: String,
    /// Boilerplate lines removed before matching (benefits, EEO, about us…), for transparency.
    pub boilerplate: Vec<String>,
    /// `degree` is strictly required (false when "or equivalent experience", preferred, or
    /// only named in a preferred section).
    pub degree_required: bool,
    /// A higher degree named as preferred ("Master's preferred"), above `degree`.
    pub degree_preferred: Option<DegreeLevel>,
    /// The sentence `degree` was read from.
    pub degree_evidence: Option<String>,
    /// Every experience-years requirement found (`min_years` is the largest required one).
    pub years: Vec<YearsRequirement>,
    /// Seniority named in the title.
    pub seniority: Option<Seniority>,
    /// Full-time, part-time, contract…
    pub employment_type: Option<EmploymentType>,
    /// The value of a "Location:" line.
    pub location: Option<String>,
    /// The sections of the posting, as segmented (boilerplate sections included).
    pub sections: Vec<JobSection>,
    /// Licences, certifications, clearances and driving licences asked for (required first);
    /// a missing required one is a knockout.
    pub credentials: Vec<JobCredential>,
    /// Fields of study named with the degree ("Accounting", "Finance"; "Nursing" for a BSN).
    pub degree_fields: Vec<String>,
    /// The degree may still be in progress ("currently enrolled", "pursuing").
    pub degree_in_progress_ok: bool,
}

/// A section of the job description.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobSection {
    pub kind: JobSectionKind,
    /// The heading as written (no trailing colon); `None` for the text before any heading.
    pub heading: Option<String>,
    /// Its sentences or list items.
    pub lines: Vec<String>,
}

/// A years-of-experience requirement ("3-5 years of experience with Python").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearsRequirement {
    /// The lower bound ("3-5 years" → 3).
    pub years: f64,
    /// The upper bound of a range, if any.
    pub max_years: Option<f64>,
    pub importance: Importance,
    /// Canonical names of the skills it is about (empty: general experience).
    pub skills: Vec<String>,
    /// What the experience is in, as written ("ICU", "accounts payable"); `None` for general
    /// experience.
    pub field: Option<String>,
    /// The sentence it was read from.
    pub evidence: String,
}

impl JobDescription {
    pub fn required(&self) -> impl Iterator<Item = &JobSkill> {
        self.skills
            .iter()
            .filter(|s| s.importance == Importance::Required)
    }

    pub fn preferred(&self) -> impl Iterator<Item = &JobSkill> {
        self.skills
            .iter()
            .filter(|s| s.importance == Importance::Preferred)
    }
}

/// Analyse a job description from file bytes (any format `atscore parse` reads).
pub fn parse_job(
    bytes: &[u8],
    limits: &Limits,
    tax: &Taxonomy,
) -> Result<JobDescription, ParseError> {
    let (_, doc) = extract_document(bytes, limits)?;
    Ok(analyze_job(&doc, tax))
}

/// Analyse a job description given as text (plain, Markdown or HTML, sniffed like a file).
pub fn parse_job_text(text: &str, tax: &Taxonomy) -> Result<JobDescription, ParseError> {
    parse_job(text.as_bytes(), &Limits::default(), tax)
}

/// Analyse an extracted job description document.
pub fn analyze_job(doc: &Document, tax: &Taxonomy) -> JobDescription {
    let units = segments::segment(&doc.lines);
    let boiler: Vec<bool> = units.iter().map(is_boilerplate).collect();

    let title = title::title(&doc.lines, &units);
    let mut jd = JobDescription {
        seniority: title.as_deref().and_then(title::seniority),
        title,
        location: title::location(&units),
        employment_type: title::employment_type(
            &units
                .iter()
                .map(|u| u.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        ..JobDescription::default()
    };

    // Text for matching, boilerplate, sections.
    let mut text = String::new();
    let mut last_line: Option<usize> = None;
    let mut last_boiler_line: Option<usize> = None;
    for (u, &b) in units.iter().zip(&boiler) {
        if b {
            match (last_boiler_line, jd.boilerplate.last_mut()) {
                (Some(l), Some(prev)) if l == u.line && !u.is_heading => {
                    prev.push(' ');
                    prev.push_str(&u.text);
                }
                _ => jd.boilerplate.push(u.text.clone()),
            }
            last_boiler_line = Some(u.line);
            continue;
        }
        last_boiler_line = None;
        if last_line.is_some() {
            text.push(if last_line == Some(u.line) { ' ' } else { '\n' });
        }
        text.push_str(&u.text);
        last_line = Some(u.line);
    }
    jd.text = text;
    jd.sections = sections(&units);

    // Skills, years, degree. When the posting has requirement sections, skills named only in
    // its introduction or summary ("…the infrastructure behind our payments API") are
    // context, not requirements: they count as preferred.
    let has_requirement_sections = units.iter().any(|u| {
        matches!(
            u.kind,
            JobSectionKind::Requirements | JobSectionKind::Preferred
        )
    });
    let company = falsehoods::Company::from_units(&units);
    let mut found: Vec<JobSkill> = Vec::new();
    let mut by_id: HashMap<SkillId, usize> = HashMap::new();
    let mut degrees: Vec<(DegreeLevel, bool, &str)> = Vec::new();
    for (u, &b) in units.iter().zip(&boiler) {
        if b || u.is_heading {
            continue;
        }
        // What the company is and does ("Harborview is a 400-bed teaching hospital…") names
        // no requirement.
        if company.describes_company(u) {
            continue;
        }
        let (base, base_cue) = if jd.title.as_deref() == Some(u.text.trim()) {
            (Importance::Required, "named in the job title".to_string())
        } else {
            base_importance(u, has_requirement_sections)
        };
        let cs = cues::cues(&u.text);
        let degree_spans = requirements::degree_mentions(&u.text);
        let has_degree = !degree_spans.is_empty();
        let years = requirements::years_mentions(&u.text);
        let creds = crate::resume::entities::credentials::catalog().find(&u.text);
        add_credentials(&mut jd.credentials, u, &creds, &cs, base, &base_cue);
        let matches = tax.find(&u.text);
        for (k, m) in matches.iter().enumerate() {
            if m.end > u.text.len() || m.start > m.end {
                continue;
            }
            // A credential is not also a skill ("RN license", "PMP certification").
            if creds.iter().any(|c| m.start < c.end && c.start < m.end) {
                continue;
            }
            let sk = tax.skill(m.skill);
            if falsehoods::not_a_requirement(&u.text, m.start, m.end, sk.category, &company) {
                continue;
            }
            let (mut importance, mut cue) = resolve(
                base,
                &base_cue,
                cues::governing(&u.text, &cs, m.start, m.end),
            );
            // "DevOps or SRE", "Java or C#": the later alternative is not required on its own.
            let mut alternative = None;
            if let Some(prev) = k.checked_sub(1).map(|j| &matches[j]) {
                if importance == Importance::Required && or_between(&u.text, prev.end, m.start) {
                    importance = Importance::Preferred;
                    let first = tax.skill(prev.skill).name.clone();
                    cue = format!("alternative to {first}");
                    alternative = Some(first);
                }
            }
            let min_years = years
                .iter()
                .filter_map(|y| {
                    let d = if y.end <= m.start {
                        (m.start - y.end <= 60).then_some(m.start - y.end)
                    } else if m.end <= y.start {
                        (y.start - m.end <= 30).then_some(y.start - m.end)
                    } else {
                        Some(0)
                    };
                    d.map(|d| (d, y.min))
                })
                .min_by_key(|(d, _)| *d)
                .map(|(_, y)| y);
            // "Bachelor's degree in Computer Science": the field of study belongs to the
            // degree requirement, not to the skills.
            if sk.category == Category::Knowledge && has_degree {
                continue;
            }
            if sk.category == Category::SoftSkill
                && degree_spans.iter().any(|&(_, _, e)| {
                    e <= m.start && m.start - e <= 100 && !u.text[e..m.start].contains(';')
                })
            {
                continue;
            }
            let js = JobSkill {
                id: m.skill,
                name: sk.name.clone(),
                category: sk.category,
                importance,
                matched_as: m.matched_as.clone(),
                evidence: snippet(&u.text, m.start, m.end),
                cue,
                section: u.kind,
                min_years,
                alternative_to: alternative,
            };
            match by_id.get(&m.skill) {
                None => {
                    by_id.insert(m.skill, found.len());
                    found.push(js);
                }
                Some(&i) => {
                    let prev = &mut found[i];
                    if prev.importance == Importance::Preferred
                        && importance == Importance::Required
                    {
                        let keep_years = prev.min_years;
                        *prev = js;
                        prev.min_years = prev.min_years.or(keep_years);
                    } else if prev.min_years.is_none() && importance == prev.importance {
                        prev.min_years = min_years;
                    }
                }
            }
        }
        for y in &years {
            let (importance, _) = resolve(
                base,
                &base_cue,
                cues::governing(&u.text, &cs, y.start, y.end),
            );
            let skills = matches
                .iter()
                .filter(|m| {
                    (y.end <= m.start && m.start - y.end <= 60)
                        || (m.end <= y.start && y.start - m.end <= 30)
                })
                .map(|m| tax.skill(m.skill).name.clone())
                .fold(Vec::new(), |mut v: Vec<String>, n| {
                    if !v.contains(&n) {
                        v.push(n);
                    }
                    v
                });
            jd.years.push(YearsRequirement {
                years: y.min,
                max_years: y.max,
                importance,
                skills,
                field: requirements::years_field(&u.text, y.end),
                evidence: snippet(&u.text, y.start, y.end),
            });
        }
        if u.kind != JobSectionKind::Responsibilities && has_degree {
            for f in requirements::degree_fields(&u.text, &degree_spans) {
                if !jd.degree_fields.iter().any(|o| o.eq_ignore_ascii_case(&f)) {
                    jd.degree_fields.push(f);
                }
            }
            jd.degree_in_progress_ok |= requirements::degree_in_progress_ok(&u.text);
        }
        if u.kind != JobSectionKind::Responsibilities {
            let equivalent = requirements::allows_equivalent(&u.text);
            let mut req_levels: Vec<DegreeLevel> = Vec::new();
            for (level, s, e) in requirements::degree_mentions(&u.text) {
                let cue = cues::governing(&u.text, &cs, s, e);
                let (importance, _) = resolve(base, &base_cue, cue);
                if importance == Importance::Required && !equivalent {
                    req_levels.push(level);
                } else {
                    degrees.push((level, false, u.text.as_str()));
                }
            }
            // Alternatives ("BS/MS"): the lowest.
            if let Some(&l) = req_levels.iter().min() {
                degrees.push((l, true, u.text.as_str()));
            }
        }
    }
    found.sort_by_key(|s| s.importance);
    jd.skills = found;
    jd.credentials.sort_by_key(|c| c.importance);
    jd.min_years = jd
        .years
        .iter()
        .filter(|y| y.importance == Importance::Required)
        .map(|y| y.years)
        .fold(None, |acc: Option<f64>, y| {
            Some(acc.map_or(y, |a| a.max(y)))
        });

    // Degree: the highest strictly required level; else the lowest one named.
    let required = degrees.iter().filter(|d| d.1).max_by_key(|d| d.0);
    let optional = degrees.iter().filter(|d| !d.1);
    let chosen = required.or_else(|| optional.clone().min_by_key(|d| d.0));
    if let Some(&(level, req, ev)) = chosen {
        jd.degree = Some(level);
        jd.degree_required = req;
        jd.degree_evidence = Some(ev.chars().take(240).collect());
        jd.degree_preferred = optional.map(|d| d.0).max().filter(|l| *l > level);
    }

    jd.responsibilities = responsibilities(&units, &boiler);
    jd
}

/// Adds the credentials mentioned in a unit (each credential once; a required mention wins).
fn add_credentials(
    out: &mut Vec<JobCredential>,
    u: &Unit,
    mentions: &[crate::resume::entities::credentials::CredentialMention],
    cs: &[cues::Cue],
    base: Importance,
    base_cue: &str,
) {
    let cat = crate::resume::entities::credentials::catalog();
    for (k, m) in mentions.iter().enumerate() {
        let (mut importance, mut cue) =
            resolve(base, base_cue, cues::governing(&u.text, cs, m.start, m.end));
        if let Some(l) = credentials::later_cue(&u.text, m.start, m.end) {
            importance = Importance::Preferred;
            cue = format!("cue \"{l}\"");
        }
        let mut alternative = None;
        if let Some(prev) = k.checked_sub(1).map(|j| &mentions[j]) {
            if importance == Importance::Required && or_between(&u.text, prev.end, m.start) {
                let first = cat.def(prev.id).name.clone();
                importance = Importance::Preferred;
                cue = format!("alternative to {first}");
                alternative = Some(first);
            }
        }
        let d = cat.def(m.id);
        let c = JobCredential {
            name: d.name.clone(),
            kind: d.kind,
            required: importance == Importance::Required,
            importance,
            matched_as: m.matched_as.clone(),
            evidence: snippet(&u.text, m.start, m.end),
            cue,
            alternative_to: alternative,
        };
        match out.iter_mut().find(|o| o.name == c.name) {
            None => out.push(c),
            Some(o) => {
                if !o.required && c.required {
                    *o = c;
                }
            }
        }
    }
}

/// Two mentions are alternatives: only "or" / "and/or" (after an optional comma) between them.
fn or_between(text: &str, prev_end: usize, start: usize) -> bool {
    let gap = text
        .get(prev_end..start)
        .unwrap_or("")
        .trim()
        .trim_start_matches(',')
        .trim()
        .to_lowercase();
    gap == "or" || gap == "and/or"
}

/// Whether a unit is boilerplate: in a boilerplate section, or a boilerplate sentence.
fn is_boilerplate(u: &Unit) -> bool {
    if u.kind.is_boilerplate() {
        return true;
    }
    !u.is_heading && boilerplate::sentence_reason(&u.text).is_some()
}

/// Importance from the section alone, and its explanation.
fn base_importance(u: &Unit, has_requirement_sections: bool) -> (Importance, String) {
    let h = u.heading.as_deref().unwrap_or("");
    match u.kind {
        // "You will lead…", "In this role you'll…": duties, even in an untitled paragraph.
        JobSectionKind::Intro | JobSectionKind::Summary
            if has_requirement_sections && describes_duties(&u.text) =>
        {
            (
                Importance::Required,
                "a duty (\"you will …\") in the introduction".into(),
            )
        }
        JobSectionKind::Intro | JobSectionKind::Summary if has_requirement_sections => (
            Importance::Preferred,
            "named only in the introduction".into(),
        ),
        JobSectionKind::Requirements => (Importance::Required, format!("section \"{h}\"")),
        JobSectionKind::Preferred => (Importance::Preferred, format!("section \"{h}\"")),
        JobSectionKind::Responsibilities => {
            (Importance::Required, "named in the responsibilities".into())
        }
        _ => (
            Importance::Required,
            "mentioned in the job description".into(),
        ),
    }
}

/// A sentence that says what the hire will do: "You will…", "You'll…", "You are responsible
/// for…", "Your responsibilities include…", near its start.
fn describes_duties(sentence: &str) -> bool {
    static DUTY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:you\s+will(?:\s+also)?\s+(?:be\s+(?:responsible|accountable|expected)|[a-z]+)|you['’]ll\s+[a-z]+|you\s+are\s+responsible|your\s+(?:responsibilities|duties)\s+(?:will\s+)?include|(?:responsibilities|duties)\s+include)\b")
            .expect("duty regex")
    });
    let head: String = sentence.chars().take(80).collect();
    DUTY.is_match(&head) && !head.to_lowercase().contains("you will join")
}

/// Importance of a mention: the section's, overridden by the governing cue phrase. In a
/// preferred section only an explicit "must"/"required" makes a skill required.
fn resolve(base: Importance, base_cue: &str, cue: Option<&cues::Cue>) -> (Importance, String) {
    match cue {
        Some(c) if c.kind == CueKind::Preferred => {
            (Importance::Preferred, format!("cue \"{}\"", c.text))
        }
        Some(c) if c.kind == CueKind::Required => {
            (Importance::Required, format!("cue \"{}\"", c.text))
        }
        Some(c) if base == Importance::Required => (
            Importance::Required,
            format!("{base_cue}, cue \"{}\"", c.text),
        ),
        _ => (base, base_cue.to_string()),
    }
}

/// At most ~200 characters of `text` around `[start, end)`, on char boundaries.
fn snippet(text: &str, start: usize, end: usize) -> String {
    const MAX: usize = 200;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let mut s = start.saturating_sub(80).min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (end + 120).min(text.len()).max(s);
    while !text.is_char_boundary(e) {
        e += 1;
    }
    let mut out = String::new();
    if s > 0 {
        out.push('…');
    }
    out.push_str(text[s..e].trim());
    if e < text.len() {
        out.push('…');
    }
    out
}

/// Group units into sections (consecutive units with the same kind and heading).
fn sections(units: &[Unit]) -> Vec<JobSection> {
    let mut out: Vec<JobSection> = Vec::new();
    for u in units {
        let same = out
            .last()
            .is_some_and(|s| s.kind == u.kind && s.heading == u.heading && !u.is_heading);
        if !same {
            out.push(JobSection {
                kind: u.kind,
                heading: u.heading.clone(),
                lines: Vec::new(),
            });
        }
        if !u.is_heading {
            if let Some(s) = out.last_mut() {
                s.lines.push(u.text.clone());
            }
        }
    }
    out
}

/// Responsibility units; when there is no responsibilities section, the "you will…"
/// sentences, and failing those the summary's sentences.
fn responsibilities(units: &[Unit], boiler: &[bool]) -> Vec<String> {
    let kept = || {
        units
            .iter()
            .zip(boiler)
            .filter(|(u, &b)| !b && !u.is_heading)
            .map(|(u, _)| u)
    };
    let r: Vec<String> = kept()
        .filter(|u| u.kind == JobSectionKind::Responsibilities)
        .map(|u| u.text.clone())
        .collect();
    if !r.is_empty() {
        return r;
    }
    static YOU_WILL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\byou\s+will\b|\byou['’]ll\b|\bresponsible\s+for\b|\byour\s+(?:duties|tasks|responsibilities)\b|\bvous\s+(?:serez|aurez|allez)\b|\btu\s+(?:seras|auras)\b|\bser[áa]s\b|\bSie\s+werden\b|\bdu\s+wirst\b")
            .expect("you-will regex")
    });
    let r: Vec<String> = kept()
        .filter(|u| {
            matches!(
                u.kind,
                JobSectionKind::Intro | JobSectionKind::Summary | JobSectionKind::Other
            ) && YOU_WILL.is_match(&u.text)
        })
        .map(|u| u.text.clone())
        .collect();
    if !r.is_empty() {
        return r;
    }
    kept()
        .filter(|u| u.kind == JobSectionKind::Summary)
        .map(|u| u.text.clone())
        .collect()
}

#[cfg(all(test, feature = "openapi"))]
mod openapi_tests {
    #[test]
    fn skipped_fields_are_not_in_the_schema() {
        use utoipa::PartialSchema;
        let job_skill = serde_json::to_string(&super::JobSkill::schema()).unwrap();
        assert!(job_skill.contains("\"matched_as\""), "{job_skill}");
        assert!(!job_skill.contains("\"id\""), "{job_skill}");
    }
}
