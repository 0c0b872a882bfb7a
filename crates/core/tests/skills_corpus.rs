//! Skills from a real resume of the public corpus: `parse_resume` fills `skills` with canonical
//! names, the sections they were seen in, and evidence snippets.

use atscore_core::{parse_resume, ParseOptions};
use atscore_testkit::corpus::require_corpus;

#[test]
fn corpus_resume_yields_sensible_skills_with_evidence() {
    let Some(dir) = require_corpus() else {
        return;
    };
    let bytes = std::fs::read(dir.join("deedy_resume-openfont.pdf")).expect("read corpus file");
    let r = parse_resume(&bytes, &ParseOptions::default()).expect("parses");
    let names: Vec<&str> = r.skills.iter().map(|s| s.name.as_str()).collect();
    for want in ["Python", "Java", "JavaScript", "C++"] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    for s in &r.skills {
        assert!(!s.sections.is_empty(), "{}: no section", s.name);
        assert!(
            !s.evidence.is_empty() && s.evidence.len() <= 3,
            "{}: evidence {:?}",
            s.name,
            s.evidence
        );
        for e in &s.evidence {
            assert!(!e.snippet.is_empty() && e.snippet.chars().count() <= 160);
        }
    }
    // no duplicates by canonical name
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), names.len());
}
