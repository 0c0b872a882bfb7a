//! Exports of a ranking, shared by every face so they print the same thing: the JSON objects
//! of `atscore rank --json` ([`job_json`], [`candidate_json`]) and the CSV columns of
//! `atscore rank --csv` ([`csv_header`], [`csv_record`]; the caller writes them with its own
//! CSV writer).

use serde_json::{json, Value};

use super::{RankKey, Ranked};
use crate::matching::job::{Importance, JobDescription};
use crate::matching::score::ScoreReport;

/// The job as `rank --json` shows it.
pub fn job_json(job: &JobDescription) -> Value {
    json!({
        "title": job.title,
        "required": job.required().map(|s| &s.name).collect::<Vec<_>>(),
        "preferred": job.preferred().map(|s| &s.name).collect::<Vec<_>>(),
        "min_years": job.min_years,
        "degree": job.degree,
    })
}

/// One candidate of `rank --json` (the contract: file, score, rank, matched, missing,
/// knockouts; plus the breakdown).
pub fn candidate_json<K: RankKey>(c: &Ranked<K>) -> Value {
    match &c.outcome {
        Ok(r) => json!({
            "file": c.name(),
            "score": r.score,
            "rank": c.rank,
            "fit": r.fit,
            "copied_lines": r.copied_lines,
            "matched": r.matched,
            "missing": r.missing,
            "knockouts": r.knockouts,
            "breakdown": {
                "content_match": r.breakdown.content_match.score,
                "format_compatibility": r.breakdown.format_compatibility.score,
                "sections": r.breakdown.sections.score,
            },
        }),
        Err(e) => json!({
            "file": c.name(),
            "score": null,
            "rank": null,
            "error": e,
        }),
    }
}

/// The CSV header: per-criterion evidence columns.
pub fn csv_header() -> Vec<&'static str> {
    vec![
        "rank",
        "file",
        "score",
        "content_match",
        "format_compatibility",
        "sections",
        "knockouts",
        "matched_required",
        "missing_required",
        "matched_preferred",
        "missing_preferred",
        "skill_evidence",
        "format_penalties",
        "experience_check",
        "education_check",
        "error",
        "fit",
        "relevant_years",
        "copied_lines",
    ]
}

fn skills_cell(r: &ScoreReport, imp: Importance, matched: bool) -> String {
    if matched {
        r.matched
            .iter()
            .filter(|m| m.importance == imp)
            .map(|m| {
                let lvl = serde_json::to_value(m.evidence_level)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
                match &m.via {
                    Some(v) => format!("{} ({lvl}; {v})", m.name),
                    None => format!("{} ({lvl})", m.name),
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        r.missing
            .iter()
            .filter(|m| m.importance == imp)
            .map(|m| m.name.clone())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// One CSV row, in the order of [`csv_header`].
pub fn csv_record<K: RankKey>(c: &Ranked<K>) -> Vec<String> {
    let r = match &c.outcome {
        Ok(r) => r,
        Err(e) => {
            let mut row = vec![String::new(), c.name().to_string()];
            row.extend(std::iter::repeat_n(String::new(), 13));
            row.push(format!("{} ({})", e.message, e.code));
            row.extend(std::iter::repeat_n(String::new(), 3));
            return row;
        }
    };
    let b = &r.breakdown;
    let evidence = r
        .matched
        .iter()
        .filter_map(|m| {
            m.evidence
                .first()
                .map(|e| format!("{}: {}", m.name, e.snippet))
        })
        .collect::<Vec<_>>()
        .join(" | ");
    let penalties = b
        .format_compatibility
        .penalties
        .iter()
        .map(|p| format!("{} (-{})", p.code, p.points))
        .collect::<Vec<_>>()
        .join("; ");
    let checks = |section: &str| {
        b.sections
            .checks
            .iter()
            .filter(|k| k.section == section)
            .map(|k| format!("{}: {}", k.check, k.note))
            .collect::<Vec<_>>()
            .join("; ")
    };
    vec![
        c.rank.map(|x| x.to_string()).unwrap_or_default(),
        c.name().to_string(),
        format!("{:.1}", r.score),
        format!("{:.1}", b.content_match.score),
        format!("{:.1}", b.format_compatibility.score),
        format!("{:.1}", b.sections.score),
        r.knockouts
            .iter()
            .map(|k| k.message.clone())
            .collect::<Vec<_>>()
            .join("; "),
        skills_cell(r, Importance::Required, true),
        skills_cell(r, Importance::Required, false),
        skills_cell(r, Importance::Preferred, true),
        skills_cell(r, Importance::Preferred, false),
        evidence,
        penalties,
        checks("experience"),
        checks("education"),
        String::new(),
        format!("{:.1}", r.fit.score),
        format!("{:.1}", r.fit.relevant_years),
        r.copied_lines.len().to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::job::parse_job_text;
    use crate::matching::rank::{rank, CandidateError};
    use crate::matching::score::{score, ScoreConfig};
    use crate::matching::skills::Taxonomy;
    use crate::{parse_resume, ParseError, ParseOptions};

    const JOB: &str = "# Data Engineer\n\n## Requirements\n\n- SQL\n- Python\n- Airflow\n\n## Nice to have\n\n- Snowflake\n";
    const CV: &str = "# Dana Cruz\n\ndana@example.com · +1 312 555 0100\n\n## Experience\n\n### Data Engineer — Lakeside\nJan 2019 – Dec 2024\n\n- Wrote Python jobs scheduled with Airflow\n\n## Skills\n\nPython, Airflow, PostgreSQL\n";

    fn ranked() -> (JobDescription, Vec<Ranked>) {
        let tax = Taxonomy::embedded();
        let job = parse_job_text(JOB, tax).unwrap();
        let r = parse_resume(CV.as_bytes(), &ParseOptions::default()).unwrap();
        let rep = score(&r, &job, tax, &ScoreConfig::default());
        let err = CandidateError::from(&ParseError::Empty);
        let all = rank(vec![
            ("dana.md".into(), Ok(rep)),
            ("empty.txt".into(), Err(err)),
        ]);
        (job, all)
    }

    #[test]
    fn csv_rows_follow_the_header() {
        let (_, all) = ranked();
        let header = csv_header();
        // the columns of the first version keep their places; fit, relevant_years and
        // copied_lines were appended
        assert_eq!(header.len(), 19);
        assert_eq!(&header[16..], ["fit", "relevant_years", "copied_lines"]);
        assert_eq!(header[0], "rank");
        assert_eq!(header[15], "error");
        let ok = csv_record(&all[0]);
        assert_eq!(ok.len(), header.len());
        assert_eq!(ok[0], "1");
        assert_eq!(ok[1], "dana.md");
        assert!(ok[2].contains('.'), "one decimal: {}", ok[2]);
        assert!(ok[7].contains("Python (used)"), "{}", ok[7]);
        assert!(ok[8].contains("SQL") || ok[7].contains("SQL"), "{ok:?}");
        assert!(ok[10].contains("Snowflake"), "{}", ok[10]);
        assert_eq!(ok[15], "");
        assert!(ok[16].contains('.'), "fit with one decimal: {}", ok[16]);
        assert_eq!(ok[18], "0", "no line copied");
        let bad = csv_record(&all[1]);
        assert_eq!(bad.len(), header.len());
        assert_eq!(bad[0], "");
        assert_eq!(bad[1], "empty.txt");
        assert_eq!(bad[15], "the file is empty (empty)");
    }

    #[test]
    fn ranking_json_has_the_contract_fields() {
        let (job, all) = ranked();
        let j = job_json(&job);
        assert_eq!(j["title"], "Data Engineer");
        assert!(j["required"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "Python"));
        assert!(j["preferred"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "Snowflake"));
        let ok = candidate_json(&all[0]);
        assert_eq!(ok["file"], "dana.md");
        assert_eq!(ok["rank"], 1);
        for k in ["score", "matched", "missing", "knockouts"] {
            assert!(!ok[k].is_null(), "{k}");
        }
        assert!(ok["breakdown"]["content_match"].is_number());
        let bad = candidate_json(&all[1]);
        assert!(bad["score"].is_null() && bad["rank"].is_null());
        assert_eq!(bad["error"]["code"], "empty");
    }
}
