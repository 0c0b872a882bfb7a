//! The server's layers import one way only — http → app → infra — and `configuration` (the
//! settings every layer reads) imports nothing of the crate. Read from the source tree: every
//! `crate::…` path and every `super::…` path, resolved from the file's module, outside
//! comments, names the top-level module it reaches; a reach against the flow fails with the
//! file and line. The web UI also never calls the core: it may name the core's types (to
//! present them), not its functions.

use std::path::Path;

use atscore_testkit::layers::{code, scan};

/// The top-level modules a file under `folder` may reach.
fn allowed(folder: &str) -> &'static [&'static str] {
    match folder {
        "infra" => &["infra", "configuration"],
        "app" => &["app", "infra", "configuration"],
        "http" => &["http", "app", "infra", "configuration"],
        "configuration.rs" => &["configuration"],
        // lib.rs, state.rs (the composition root) and startup.rs see every layer.
        _ => &["app", "http", "infra", "configuration", "state", "startup"],
    }
}

/// Names a `use atscore_core::…` line brings in, when they are not types.
fn core_functions(line: &str) -> Vec<String> {
    let Some(path) = line.trim().strip_prefix("use atscore_core::") else {
        return Vec::new();
    };
    let path = path.trim_end_matches(';');
    let names: Vec<&str> = match path.split_once('{') {
        Some((_, group)) => group.trim_end_matches('}').split(',').collect(),
        None => vec![path.rsplit("::").next().unwrap_or(path)],
    };
    names
        .into_iter()
        .map(|n| n.trim().rsplit("::").next().unwrap_or("").to_string())
        .filter(|n| !n.is_empty() && !n.starts_with(|c: char| c.is_ascii_uppercase()))
        .collect()
}

#[test]
fn imports_flow_from_http_to_app_to_infra() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = scan(&src, &[]);
    let mut violations = found.violations(allowed);
    // The web UI presents the core's types but never calls its functions.
    for file in found
        .reaches
        .iter()
        .map(|r| &r.file)
        .collect::<std::collections::BTreeSet<_>>()
    {
        if !file.starts_with("http/web") {
            continue;
        }
        let text = std::fs::read_to_string(src.join(file)).unwrap();
        for (n, line) in text.lines().enumerate() {
            for f in core_functions(code(line)) {
                violations.push(format!(
                    "{}:{}: the web UI calls the core's `{f}` (move the call into app)",
                    file.display(),
                    n + 1
                ));
            }
        }
    }
    for folder in ["http", "app", "infra"] {
        assert!(
            found.files.get(folder).copied().unwrap_or(0) >= 3,
            "{folder}/ holds too few files to check: {:?}",
            found.files
        );
    }
    let files: usize = found.files.values().sum();
    assert!(files >= 40, "only {files} files read");
    assert!(
        found.reaches.len() >= 100,
        "only {} crate paths read",
        found.reaches.len()
    );
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_web_ui_check_sees_core_functions() {
    assert_eq!(
        core_functions("use atscore_core::matching::score::{score, ScoreReport};"),
        ["score"]
    );
    assert!(
        core_functions("use atscore_core::matching::job::{Importance, JobDescription};").is_empty()
    );
    assert!(core_functions("use atscore_core::ParsedResume;").is_empty());
}
