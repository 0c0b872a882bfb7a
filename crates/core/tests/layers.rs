//! The core's folders follow the one-way flow: `text` ← `document` ← `resume` ← `matching`,
//! with `lexicon` (word lists as data) and `error`/`limits` below everything, and the pipeline
//! (`pipeline.rs`, `lib.rs`) on top. Read from the source tree: a `crate::…` or `super::…`
//! path against the flow fails with its file and line. So a reader of resumes never depends on
//! matching, and an extractor never on the resume model.

use std::path::Path;

use atscore_testkit::layers::scan;

/// What a file under each top-level folder (or top-level file) may reach.
fn allowed(from: &str) -> &'static [&'static str] {
    const BASE: [&str; 3] = ["lexicon", "error", "limits"];
    match from {
        "lexicon" => &["lexicon"],
        "error.rs" | "limits.rs" => &["error", "limits"],
        "text" => &["text", "lexicon"],
        "document" => &["document", "text", BASE[0], BASE[1], BASE[2]],
        "resume" => &["resume", "document", "text", BASE[0], BASE[1], BASE[2]],
        "matching" => &[
            "matching", "resume", "document", "text", BASE[0], BASE[1], BASE[2],
        ],
        // lib.rs and pipeline.rs: the top of the flow.
        _ => &[
            "pipeline", "matching", "resume", "document", "text", BASE[0], BASE[1], BASE[2],
        ],
    }
}

/// The names lib.rs re-exports, and the module each comes from.
const ROOT_NAMES: &[(&str, &str)] = &[
    ("Document", "document"),
    ("Format", "document"),
    ("Line", "document"),
    ("Region", "document"),
    ("ErrorCode", "error"),
    ("ParseError", "error"),
    ("Limits", "limits"),
    ("parse_resume", "pipeline"),
    ("ParseOptions", "pipeline"),
    ("ParsedResume", "resume"),
];

#[test]
fn folders_import_along_the_flow() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = scan(&src, ROOT_NAMES);
    for folder in ["text", "lexicon", "document", "resume", "matching"] {
        assert!(
            found.files.get(folder).copied().unwrap_or(0) >= 2,
            "{folder}/ holds too few files to check: {:?}",
            found.files
        );
    }
    let files: usize = found.files.values().sum();
    assert!(files >= 60, "only {files} files read");
    assert!(
        found.reaches.len() >= 150,
        "only {} crate paths read",
        found.reaches.len()
    );
    // Every folder but the lowest is seen reaching the one below it: the scan reads the code.
    let edges = found.edges();
    for (from, to) in [
        ("document", "text"),
        ("resume", "document"),
        ("matching", "resume"),
        ("text", "lexicon"),
    ] {
        assert!(
            edges.contains_key(&(from.to_string(), to.to_string())),
            "no {from} → {to} import seen: {edges:?}"
        );
    }
    let violations = found.violations(allowed);
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}
