//! Suggestions: each names the exact gap and what to change, and carries the points the total
//! would gain, computed by changing a copy of the resume's features and scoring it again (no
//! guessed numbers). Skill suggestions are conditional: only add what you have really done.

use super::config::ScoreConfig;
use super::features::{EvidenceLevel, ExperienceStats, ResumeFeatures, ResumeSkill};
use super::format::{penalty_codes, waive, PENALTIES};
use super::report::{r1, Suggestion};
use super::section_checks::{ACTION_VERBS_FULL, QUANTIFIED_FULL};
use super::{evaluate, Evaluation, JobProfile};
use crate::matching::bm25::{terms, Idf, TermVector};
use crate::matching::job::Importance;
use crate::resume::sections::SectionKind;

/// Which bullet counter of the experience a check reads.
type BulletCount = fn(&mut ExperienceStats) -> &mut usize;

/// At most this many suggestions are returned (best first).
const MAX_SUGGESTIONS: usize = 12;

/// The features with `name` evidenced at `level`. `new_words`: the change writes the skill's
/// name into the prose (a missing or only-implied skill), so its terms join the text; a skill
/// already written in the resume keeps the text as it is.
fn with_skill(
    f: &ResumeFeatures,
    name: &str,
    category: &str,
    level: EvidenceLevel,
    new_words: bool,
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
    if new_words {
        g.terms.extend(terms(name));
    }
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
    let mut push = |code: &str, message: String, skill: Option<String>, g: &ResumeFeatures| {
        // What-ifs only ever add terms: rebuild the term vector only when they did.
        let v;
        let vec = if g.terms.len() == f.terms.len() {
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
                let g = with_skill(f, &s.name, cat, EvidenceLevel::Used, true);
                push(
                    "add_skill",
                    format!(
                        "The job lists {} as {imp}. If you have used it, add it to your experience with what you did with it.",
                        s.name
                    ),
                    Some(s.name.clone()),
                    &g,
                );
            }
            (Some(_), Some(by)) => {
                let g = with_skill(f, &s.name, cat, EvidenceLevel::Used, true);
                push(
                    "name_skill",
                    format!(
                        "Your resume shows {by}, which implies {} ({imp}); name {} explicitly where you used it.",
                        s.name, s.name
                    ),
                    Some(s.name.clone()),
                    &g,
                );
            }
            (Some(level), None) if level < EvidenceLevel::Used => {
                let g = with_skill(f, &s.name, cat, EvidenceLevel::Used, false);
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
        push(&format!("fix_{code}"), fix.to_string(), None, &g);
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
        );
    }
    let e = &f.experience;
    // Bullet checks: how many more bullets reach full marks.
    let bullet_checks: [(&str, f64, BulletCount, &str); 2] = [
        (
            "quantify_results",
            QUANTIFIED_FULL,
            |x| &mut x.quantified,
            "Add a number (%, time, money, users, team size) to {n} more experience bullet(s).",
        ),
        (
            "action_verbs",
            ACTION_VERBS_FULL,
            |x| &mut x.action_verbs,
            "Open {n} more bullet(s) with an action verb (Led, Built, Cut, Launched) instead of \"Responsible for\".",
        ),
    ];
    for (code, full, count, message) in bullet_checks {
        let mut g = f.clone();
        let have = *count(&mut g.experience);
        let target = (full * e.bullets as f64).ceil() as usize;
        if e.bullets > 0 && have < target {
            *count(&mut g.experience) = target;
            let message = message.replace("{n}", &(target - have).to_string());
            push(code, message, None, &g);
        }
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
            );
        }
    }

    out.sort_by(|a, b| b.delta.total_cmp(&a.delta));
    out.truncate(MAX_SUGGESTIONS);
    out
}
