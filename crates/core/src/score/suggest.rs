//! Suggestions: each names the exact gap and what to change, and carries the points the total
//! would gain, computed by changing a copy of the resume's features and scoring it again (no
//! guessed numbers). Skill suggestions are conditional: only add what you have really done.

use super::config::ScoreConfig;
use super::features::{EvidenceLevel, ResumeFeatures, ResumeSkill};
use super::format::{penalty_codes, waive, PENALTIES};
use super::report::{r1, Suggestion};
use super::{evaluate, Evaluation, JobProfile};
use crate::job::Importance;
use crate::sections::SectionKind;
use crate::terms::{terms, Idf, TermVector};

/// At most this many suggestions are returned (best first).
const MAX_SUGGESTIONS: usize = 12;

fn with_skill(
    f: &ResumeFeatures,
    name: &str,
    category: &str,
    level: EvidenceLevel,
) -> ResumeFeatures {
    let mut g = f.clone();
    let section = match level {
        EvidenceLevel::Used => SectionKind::Experience,
        EvidenceLevel::Mentioned => SectionKind::Summary,
        EvidenceLevel::Listed => SectionKind::Skills,
    };
    let e = g.skills.entry(name.to_string()).or_insert(ResumeSkill {
        category: category.to_string(),
        matched_as: name.to_string(),
        level,
        sections: Vec::new(),
        evidence: Vec::new(),
    });
    e.level = e.level.max(level);
    if !e.sections.contains(&section) {
        e.sections.push(section);
    }
    g.implied.remove(name);
    g.terms.extend(terms(name));
    g
}

/// All suggestions, best first.
pub(crate) fn suggestions(
    f: &ResumeFeatures,
    vector: &TermVector,
    job: &JobProfile,
    cfg: &ScoreConfig,
    base: &Evaluation,
) -> Vec<Suggestion> {
    let idf = Idf::embedded();
    let mut out: Vec<Suggestion> = Vec::new();
    let mut push = |code: &str,
                    message: String,
                    skill: Option<String>,
                    g: &ResumeFeatures,
                    same_terms: bool| {
        let v;
        let vec = if same_terms {
            vector
        } else {
            v = TermVector::new(&g.terms, idf);
            &v
        };
        let delta = r1(evaluate(g, vec, job, cfg).total - base.total);
        if delta >= 0.1 {
            out.push(Suggestion {
                code: code.to_string(),
                message,
                delta,
                skill,
            });
        }
    };

    // Skills: missing ones, and ones only listed or only implied.
    for o in &base.outcomes {
        let s = &job.job.skills[o.index];
        let imp = match s.importance {
            Importance::Required => "required",
            Importance::Preferred => "preferred",
        };
        let cat = s.category.as_str();
        match (o.level, &o.implied_by) {
            (None, _) => {
                let g = with_skill(f, &s.name, cat, EvidenceLevel::Used);
                push(
                    "add_skill",
                    format!(
                        "The job lists {} as {imp}. If you have used it, add it to your experience with what you did with it.",
                        s.name
                    ),
                    Some(s.name.clone()),
                    &g,
                    false,
                );
            }
            (Some(_), Some(by)) => {
                let g = with_skill(f, &s.name, cat, EvidenceLevel::Used);
                push(
                    "name_skill",
                    format!(
                        "Your resume shows {by}, which implies {} ({imp}); name {} explicitly where you used it.",
                        s.name, s.name
                    ),
                    Some(s.name.clone()),
                    &g,
                    false,
                );
            }
            (Some(level), None) if level < EvidenceLevel::Used => {
                let g = with_skill(f, &s.name, cat, EvidenceLevel::Used);
                let where_ = if level == EvidenceLevel::Listed {
                    "only in your skills list"
                } else {
                    "but not in a role"
                };
                push(
                    "show_skill_in_use",
                    format!(
                        "{} ({imp}) appears {where_}; show it in an experience or project bullet with a result.",
                        s.name
                    ),
                    Some(s.name.clone()),
                    &g,
                    true,
                );
            }
            _ => {}
        }
    }

    // Format penalties.
    for code in penalty_codes(f) {
        let mut g = f.clone();
        waive(&mut g, code);
        let fix = PENALTIES
            .iter()
            .find(|p| p.0 == code)
            .map(|p| p.2)
            .unwrap_or("");
        push(&format!("fix_{code}"), fix.to_string(), None, &g, true);
    }

    // Sections.
    if f.summary.is_none() {
        let mut g = f.clone();
        let top: Vec<&str> = job
            .job
            .skills
            .iter()
            .filter(|s| f.skills.contains_key(&s.name))
            .take(3)
            .map(|s| s.name.as_str())
            .collect();
        let mut text = job.job.title.clone().unwrap_or_default();
        for t in &top {
            text.push(' ');
            text.push_str(t);
            if let Some(s) = g.skills.get_mut(*t) {
                s.sections.push(SectionKind::Summary);
            }
        }
        g.summary = Some(text);
        let role = job.job.title.as_deref().unwrap_or("the role");
        let skills = if top.is_empty() {
            "your strongest relevant skills".to_string()
        } else {
            top.join(", ")
        };
        push(
            "add_summary",
            format!("Add a 2–3 line summary naming {role} and {skills}."),
            None,
            &g,
            true,
        );
    }
    let e = &f.experience;
    if e.bullets > 0 && (e.quantified as f64) < 0.3 * e.bullets as f64 {
        let need = ((0.3 * e.bullets as f64).ceil() as usize).saturating_sub(e.quantified);
        let mut g = f.clone();
        g.experience.quantified += need;
        push(
            "quantify_results",
            format!("Add a number (%, time, money, users, team size) to {need} more experience bullet(s)."),
            None,
            &g,
            true,
        );
    }
    if e.bullets > 0 && (e.action_verbs as f64) < 0.5 * e.bullets as f64 {
        let need = ((0.5 * e.bullets as f64).ceil() as usize).saturating_sub(e.action_verbs);
        let mut g = f.clone();
        g.experience.action_verbs += need;
        push(
            "action_verbs",
            format!("Open {need} more bullet(s) with an action verb (Led, Built, Cut, Launched) instead of \"Responsible for\"."),
            None,
            &g,
            true,
        );
    }
    if e.entries > 0 && e.dated < e.entries {
        let mut g = f.clone();
        g.experience.dated = e.entries;
        push(
            "date_roles",
            format!(
                "Give {} role(s) start and end dates (month and year).",
                e.entries - e.dated
            ),
            None,
            &g,
            true,
        );
    }
    if !f.has_skills_section {
        let mut g = f.clone();
        g.has_skills_section = true;
        push(
            "add_skills_section",
            "Add a Skills section listing the tools and methods you use.".into(),
            None,
            &g,
            true,
        );
    }
    for (field, missing, what) in [
        ("email", !f.email, "an e-mail address"),
        ("phone", !f.phone, "a phone number"),
        ("location", !f.location, "your city and country"),
        ("links", !f.links, "a LinkedIn or portfolio link"),
    ] {
        if missing {
            let mut g = f.clone();
            match field {
                "email" => g.email = true,
                "phone" => g.phone = true,
                "location" => g.location = true,
                _ => g.links = true,
            }
            push(
                &format!("add_{field}"),
                format!("Add {what} to the top of the resume."),
                None,
                &g,
                true,
            );
        }
    }

    out.sort_by(|a, b| b.delta.total_cmp(&a.delta));
    out.truncate(MAX_SUGGESTIONS);
    out
}
