//! Scoring behaviour at the library edge: implied skills earn partial credit with an
//! explanation, hidden text never counts, the same inputs give the same report, and weights
//! change the total exactly as documented.

use atscore_core::matching::job::parse_job_text;
use atscore_core::matching::score::{score, EvidenceLevel, ScoreConfig, Weights};
use atscore_core::matching::skills::Taxonomy;
use atscore_core::{parse_resume, ParseOptions, ParsedResume};

const JOB: &str = "# Data Engineer\n\n## Requirements\n\n- SQL\n- Python\n- Airflow\n\n## Nice to have\n\n- Snowflake\n";

fn resume(text: &str) -> ParsedResume {
    parse_resume(text.as_bytes(), &ParseOptions::default()).expect("parses")
}

const CV: &str = "# Dana Cruz\n\ndana@example.com · +1 312 555 0100 · Chicago, IL\n\n## Experience\n\n### Data Engineer — Lakeside, Chicago\nJan 2019 – Dec 2024\n\n- Built PostgreSQL pipelines that cut report time by 40%\n- Wrote Python jobs scheduled with Airflow for 20 teams\n\n## Education\n\nB.S. Computer Science, 2018\n\n## Skills\n\nPython, Airflow, PostgreSQL\n";

#[test]
fn implied_skill_gets_partial_credit_with_its_reason() {
    let tax = Taxonomy::embedded();
    let job = parse_job_text(JOB, tax).unwrap();
    let rep = score(&resume(CV), &job, tax, &ScoreConfig::default());
    let sql = rep
        .matched
        .iter()
        .find(|m| m.name == "SQL")
        .expect("SQL implied by PostgreSQL");
    assert_eq!(sql.via.as_deref(), Some("PostgreSQL implies SQL"));
    assert_eq!(sql.evidence_level, EvidenceLevel::Used);
    assert!((sql.credit - 0.5).abs() < 1e-9, "{}", sql.credit);
    let py = rep.matched.iter().find(|m| m.name == "Python").unwrap();
    assert_eq!(py.credit, 1.0);
    assert!(rep.missing.iter().any(|m| m.name == "Snowflake"));
    assert!(rep.knockouts.is_empty(), "{:?}", rep.knockouts);
    // an implied skill is suggested to be named explicitly, with a positive what-if
    let s = rep
        .suggestions
        .iter()
        .find(|s| s.code == "name_skill" && s.skill.as_deref() == Some("SQL"))
        .expect("name SQL suggestion");
    assert!(s.delta > 0.0);
}

#[test]
fn same_inputs_same_report_and_weights_recompose_the_total() {
    let tax = Taxonomy::embedded();
    let job = parse_job_text(JOB, tax).unwrap();
    let r = resume(CV);
    let a = score(&r, &job, tax, &ScoreConfig::default());
    let b = score(&r, &job, tax, &ScoreConfig::default());
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    let cfg = ScoreConfig {
        weights: Weights::parse("0,0,1").unwrap(),
        ..ScoreConfig::default()
    };
    let c = score(&r, &job, tax, &cfg);
    assert_eq!(c.score, c.breakdown.sections.score);
    assert_eq!(
        c.breakdown.content_match.score,
        a.breakdown.content_match.score
    );
}

#[test]
fn hidden_text_never_counts_and_is_flagged() {
    let tax = Taxonomy::embedded();
    let job = parse_job_text(JOB, tax).unwrap();
    let html = "<html><body><h1>Sam Poe</h1><p>sam@example.com</p><h2>Experience</h2>\
        <p>Cashier at a grocery store, 2019 - 2024.</p>\
        <p style=\"display:none\">SQL Python Airflow Snowflake SQL Python Airflow Snowflake</p>\
        <h2>Education</h2><p>High school diploma</p></body></html>";
    let r = parse_resume(html.as_bytes(), &ParseOptions::default()).unwrap();
    assert!(r.findings.hidden_text, "{:?}", r.findings);
    let rep = score(&r, &job, tax, &ScoreConfig::default());
    assert!(rep.matched.is_empty(), "{:?}", rep.matched);
    assert!(rep
        .breakdown
        .format_compatibility
        .penalties
        .iter()
        .any(|p| p.code == "hidden_text"));
    assert!(rep.warnings.iter().any(|w| w.contains("hidden text")));
}

#[test]
fn an_alternative_satisfies_a_requirement() {
    let tax = Taxonomy::embedded();
    let job = parse_job_text(
        "# Backend Developer\n\n## Requirements\n\n- 3+ years with Java or Kotlin\n- PostgreSQL\n",
        tax,
    )
    .unwrap();
    let kotlin = job.skills.iter().find(|s| s.name == "Kotlin").unwrap();
    assert_eq!(kotlin.alternative_to.as_deref(), Some("Java"));
    let cv = "# Ari Bell\n\nari@example.com\n\n## Experience\n\n### Backend Developer — Northwind\nJan 2019 – Dec 2024\n\n- Built Kotlin services on PostgreSQL for 2M users\n";
    let rep = score(&resume(cv), &job, tax, &ScoreConfig::default());
    let java = rep
        .matched
        .iter()
        .find(|m| m.name == "Java")
        .expect("Java satisfied by Kotlin");
    assert_eq!(
        java.via.as_deref(),
        Some("Kotlin, accepted as an alternative to Java")
    );
    assert!(
        !rep.knockouts
            .iter()
            .any(|k| k.skill.as_deref() == Some("Java")),
        "{:?}",
        rep.knockouts
    );
}
