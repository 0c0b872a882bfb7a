//! The server's layers import one way only — http → app → infra — and `configuration` (the
//! settings every layer reads) imports nothing of the crate. Read from the source tree: every
//! `crate::…` path and every `super::…` path, resolved from the file's module, outside
//! comments, names the top-level module it reaches; a reach against the flow fails with the
//! file and line. The web UI also never calls the core: it may name the core's types (to
//! present them), not its functions.

use std::path::{Path, PathBuf};

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

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a source file: `app/hiring/mod.rs` → [app, hiring].
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// A line without its comment (`//` to the end, unless inside a string is not considered:
/// the server's source has no `//` inside strings on lines with paths).
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

fn ident_at(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The top-level modules a line of code reaches through `crate::` and `super::` paths.
fn reached(line: &str, module: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            out.extend(inner.split(',').map(|p| ident_at(p.trim())));
        } else {
            out.push(ident_at(after));
        }
        rest = after;
    }
    let mut rest = line;
    while let Some(i) = rest.find("super::") {
        let preceded_by_path = rest[..i].ends_with("::");
        let mut after = &rest[i..];
        let mut base = module.to_vec();
        while let Some(a) = after.strip_prefix("super::") {
            base.pop();
            after = a;
        }
        if !preceded_by_path {
            let top = base
                .first()
                .cloned()
                .unwrap_or_else(|| ident_at(after.trim_start_matches('{')));
            out.push(top);
        }
        rest = after;
    }
    out.retain(|t| !t.is_empty());
    out
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
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut violations = Vec::new();
    let mut per_folder = std::collections::BTreeMap::<String, usize>::new();
    let mut paths_seen = 0usize;
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let folder = rel.iter().next().unwrap().to_string_lossy().to_string();
        *per_folder.entry(folder.clone()).or_default() += 1;
        let module = module_path(rel);
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let line = code(line);
            for top in reached(line, &module) {
                paths_seen += 1;
                if !allowed(&folder).contains(&top.as_str()) {
                    violations.push(format!(
                        "{}:{}: reaches `{top}` against the flow: {}",
                        rel.display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
            if rel.starts_with("http/web") {
                for f in core_functions(line) {
                    violations.push(format!(
                        "{}:{}: the web UI calls the core's `{f}` (move the call into app)",
                        rel.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    for folder in ["http", "app", "infra"] {
        assert!(
            per_folder.get(folder).copied().unwrap_or(0) >= 3,
            "{folder}/ holds too few files to check: {per_folder:?}"
        );
    }
    assert!(files.len() >= 40, "only {} files read", files.len());
    assert!(paths_seen >= 100, "only {paths_seen} crate paths read");
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_checker_sees_what_it_must() {
    let m = |s: &str| s.split('/').map(String::from).collect::<Vec<_>>();
    assert_eq!(
        reached("use crate::http::problem::Problem;", &m("app/seeker")),
        ["http"]
    );
    assert_eq!(
        reached("use crate::{app::App, infra::store};", &m("http/state")),
        ["app", "infra"]
    );
    assert_eq!(
        reached("use super::super::http::x;", &m("app/hiring/ranking")),
        ["app"]
    );
    assert_eq!(
        reached(
            "use super::super::super::http::x;",
            &m("app/hiring/ranking")
        ),
        ["http"]
    );
    assert_eq!(reached("use super::jobs;", &m("infra/store")), ["infra"]);
    assert!(reached(code("// see crate::http"), &m("app")).is_empty());
    assert_eq!(module_path(Path::new("app/hiring/mod.rs")), m("app/hiring"));
    assert_eq!(
        core_functions("use atscore_core::matching::score::{score, ScoreReport};"),
        ["score"]
    );
    assert!(
        core_functions("use atscore_core::matching::job::{Importance, JobDescription};").is_empty()
    );
    assert!(core_functions("use atscore_core::ParsedResume;").is_empty());
}
