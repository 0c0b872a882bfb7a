//! Section scores (each 0–100): skills, experience, education, contact, summary. Every point
//! comes from a named check, listed in the report with its note.

use super::features::ResumeFeatures;
use super::report::{SectionBreakdown, SectionCheck};
use super::JobProfile;
use crate::matching::bm25::terms;
use crate::resume::sections::SectionKind;

/// Share of bullets with a number that earns full marks.
pub(crate) const QUANTIFIED_FULL: f64 = 0.3;
/// Share of bullets opening with an action verb that earns full marks.
pub(crate) const ACTION_VERBS_FULL: f64 = 0.5;

struct Checks {
    section: &'static str,
    list: Vec<SectionCheck>,
}

impl Checks {
    fn new(section: &'static str) -> Self {
        Checks {
            section,
            list: Vec::new(),
        }
    }
    fn add(&mut self, check: &str, ratio: f64, max: f64, note: String) {
        self.list.push(SectionCheck {
            section: self.section.to_string(),
            check: check.to_string(),
            points: (ratio.clamp(0.0, 1.0) * max * 10.0).round() / 10.0,
            max,
            note,
        });
    }
    fn total(&self) -> f64 {
        self.list.iter().map(|c| c.points).sum::<f64>().min(100.0)
    }
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 / of as f64
    }
}

fn contact(f: &ResumeFeatures) -> Checks {
    let mut c = Checks::new("contact");
    let yes = |b: bool| if b { "found" } else { "missing" }.to_string();
    c.add("name", f64::from(u8::from(f.name)), 25.0, yes(f.name));
    c.add("email", f64::from(u8::from(f.email)), 30.0, yes(f.email));
    c.add("phone", f64::from(u8::from(f.phone)), 25.0, yes(f.phone));
    c.add(
        "location",
        f64::from(u8::from(f.location)),
        10.0,
        yes(f.location),
    );
    c.add("links", f64::from(u8::from(f.links)), 10.0, yes(f.links));
    c
}

fn summary(f: &ResumeFeatures, job: &JobProfile) -> Checks {
    let mut c = Checks::new("summary");
    let Some(text) = &f.summary else {
        c.add("present", 0.2, 100.0, "no summary section".into());
        return c;
    };
    c.add("present", 1.0, 60.0, "summary found".into());
    let t = terms(text);
    let title_hits = job.title_terms.iter().filter(|w| t.contains(w)).count();
    if job.title_terms.is_empty() {
        c.add(
            "names_the_role",
            1.0,
            20.0,
            "the job has no title to compare".into(),
        );
    } else {
        c.add(
            "names_the_role",
            share(title_hits, job.title_terms.len()),
            20.0,
            format!("{title_hits} of {} job-title words", job.title_terms.len()),
        );
    }
    let skills_in_summary = job
        .job
        .skills
        .iter()
        .filter(|s| {
            f.skills
                .get(&s.name)
                .is_some_and(|r| r.sections.contains(&SectionKind::Summary))
        })
        .count();
    c.add(
        "job_skills",
        share(skills_in_summary, 2),
        20.0,
        format!("{skills_in_summary} of the job's skills named"),
    );
    c
}

fn skills(f: &ResumeFeatures, job: &JobProfile) -> Checks {
    let mut c = Checks::new("skills");
    c.add(
        "section",
        f64::from(u8::from(f.has_skills_section)),
        40.0,
        if f.has_skills_section {
            "skills section found"
        } else {
            "no skills section"
        }
        .into(),
    );
    let in_section = f
        .skills
        .values()
        .filter(|s| s.sections.contains(&SectionKind::Skills))
        .count();
    let recognised = if f.has_skills_section {
        in_section
    } else {
        f.skills.len()
    };
    c.add(
        "recognised_skills",
        share(recognised, 8),
        30.0,
        format!("{recognised} skills recognised (8 or more for full marks)"),
    );
    let n = job.job.skills.len();
    let listed = job
        .job
        .skills
        .iter()
        .filter(|s| f.skills.contains_key(&s.name) || f.implied.contains_key(&s.name))
        .count();
    if n == 0 {
        c.add("job_skills", 1.0, 30.0, "the job names no skills".into());
    } else {
        c.add(
            "job_skills",
            share(listed, n),
            30.0,
            format!("{listed} of the job's {n} skills appear"),
        );
    }
    c
}

fn experience(f: &ResumeFeatures, job: &JobProfile) -> Checks {
    let mut c = Checks::new("experience");
    let e = &f.experience;
    if e.entries == 0 {
        c.add(
            "entries",
            0.0,
            100.0,
            "no experience entries were recognised".into(),
        );
        return c;
    }
    c.add(
        "dates",
        share(e.dated, e.entries),
        10.0,
        format!("{} of {} entries dated", e.dated, e.entries),
    );
    match job.job.min_years {
        Some(min) if min > 0.0 => c.add(
            "years",
            f.years / min,
            20.0,
            format!("{:.1} years against {min} required", f.years),
        ),
        _ => c.add(
            "years",
            1.0,
            25.0,
            format!("{:.1} years; none required", f.years),
        ),
    }
    if job.title_terms.is_empty() {
        let has = !e.titles.is_empty();
        c.add(
            "relevant_titles",
            f64::from(u8::from(has)),
            20.0,
            "job has no title".into(),
        );
    } else {
        let best = e
            .titles
            .iter()
            .map(|t| {
                let tt = terms(t);
                job.title_terms.iter().filter(|w| tt.contains(w)).count()
            })
            .max()
            .unwrap_or(0);
        c.add(
            "relevant_titles",
            share(best, job.title_terms.len()),
            20.0,
            format!(
                "best title shares {best} of {} job-title words",
                job.title_terms.len()
            ),
        );
    }
    let n = job.job.skills.len();
    let used = job
        .job
        .skills
        .iter()
        .filter(|s| {
            f.skills
                .get(&s.name)
                .is_some_and(|r| r.level == super::features::EvidenceLevel::Used)
        })
        .count();
    if n == 0 {
        c.add(
            "job_skills_in_roles",
            1.0,
            20.0,
            "the job names no skills".into(),
        );
    } else {
        c.add(
            "job_skills_in_roles",
            share(used, n) / 0.7,
            20.0,
            format!("{used} of the job's {n} skills shown in roles (70% for full marks)"),
        );
    }
    c.add(
        "quantified_results",
        share(e.quantified, e.bullets) / QUANTIFIED_FULL,
        15.0,
        format!(
            "{} of {} bullets carry a number (30% for full marks)",
            e.quantified, e.bullets
        ),
    );
    c.add(
        "action_verbs",
        share(e.action_verbs, e.bullets) / ACTION_VERBS_FULL,
        15.0,
        format!(
            "{} of {} bullets open with an action verb (50% for full marks)",
            e.action_verbs, e.bullets
        ),
    );
    c
}

fn education(f: &ResumeFeatures, job: &JobProfile) -> Checks {
    let mut c = Checks::new("education");
    // A degree in progress that meets the requirement: full credit where the posting accepts
    // one ("or currently enrolled"), partial otherwise.
    if let (Some(req), Some(p)) = (job.job.degree, f.degree_in_progress) {
        if p >= req && f.degree.is_none_or(|d| d < req) {
            let (ratio, note) = if job.job.degree_in_progress_ok {
                (1.0, "accepted in progress")
            } else {
                (0.6, "not completed yet")
            };
            c.add(
                "degree",
                ratio,
                100.0,
                format!("{p:?} in progress for {req:?} asked ({note})"),
            );
            return c;
        }
    }
    match job.job.degree {
        Some(req) => match f.degree {
            Some(have) if have >= req => {
                c.add("degree", 1.0, 100.0, format!("{have:?} meets {req:?}"))
            }
            Some(have) if job.job.degree_required => {
                c.add("degree", 0.4, 100.0, format!("{have:?} is below {req:?}"))
            }
            Some(have) => c.add(
                "degree",
                0.7,
                100.0,
                format!("{have:?} is below {req:?} (equivalent experience accepted)"),
            ),
            None if f.has_education => c.add(
                "degree",
                0.3,
                100.0,
                format!("education found but no degree level read; {req:?} asked"),
            ),
            None => c.add("degree", 0.2, 100.0, format!("no education; {req:?} asked")),
        },
        None => {
            let ratio = if f.has_education { 1.0 } else { 0.6 };
            c.add(
                "present",
                ratio,
                100.0,
                if f.has_education {
                    "education found; none required"
                } else {
                    "no education section; none required"
                }
                .into(),
            )
        }
    }
    c
}

/// The section sub-score: the mean of the five section scores.
pub fn section_scores(f: &ResumeFeatures, job: &JobProfile, weight: f64) -> SectionBreakdown {
    let parts = [
        skills(f, job),
        experience(f, job),
        education(f, job),
        contact(f),
        summary(f, job),
    ];
    let scores: Vec<f64> = parts.iter().map(Checks::total).collect();
    SectionBreakdown {
        score: scores.iter().sum::<f64>() / scores.len() as f64,
        weight,
        skills: scores[0],
        experience: scores[1],
        education: scores[2],
        contact: scores[3],
        summary: scores[4],
        checks: parts.into_iter().flat_map(|p| p.list).collect(),
    }
}
