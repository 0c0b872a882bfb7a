//! Import direction between the top-level folders of a crate, read from its source tree: every
//! `crate::…` and `super::…` path outside comments, resolved from the file's module, names
//! the top-level module it reaches. A crate's layer test says which folder may reach which and
//! gets back every reach against the flow, with file and line. Shared by the core's test
//! (text ← document ← resume ← matching) and the server's (http → app → infra).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One path in a file that reaches a top-level module.
#[derive(Debug, Clone)]
pub struct Reach {
    /// The file, relative to `src/`.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// The top-level folder (or file) the path is written in: `app`, `lib.rs`, `pipeline.rs`.
    pub from: String,
    /// The top-level module reached.
    pub to: String,
    /// The line of code.
    pub code: String,
}

/// What a scan of a source tree found.
#[derive(Debug, Default)]
pub struct Scan {
    pub reaches: Vec<Reach>,
    /// Files read per top-level folder (or file).
    pub files: BTreeMap<String, usize>,
}

impl Scan {
    /// The reaches `allowed(from)` does not list, one line each.
    pub fn violations(&self, allowed: impl Fn(&str) -> &'static [&'static str]) -> Vec<String> {
        self.reaches
            .iter()
            .filter(|r| !allowed(&r.from).contains(&r.to.as_str()))
            .map(|r| {
                format!(
                    "{}:{}: `{}` reaches `{}` against the flow: {}",
                    r.file.display(),
                    r.line,
                    r.from,
                    r.to,
                    r.code
                )
            })
            .collect()
    }

    /// Every (from, to) pair seen, for the message of a test that wants the whole picture.
    pub fn edges(&self) -> BTreeMap<(String, String), usize> {
        let mut out = BTreeMap::new();
        for r in &self.reaches {
            *out.entry((r.from.clone(), r.to.clone())).or_default() += 1;
        }
        out
    }
}

/// Scan every `.rs` file under `src`. `root_names` maps names the crate root re-exports
/// (`crate::{Document, Limits}`) to the module that defines them.
pub fn scan(src: &Path, root_names: &[(&str, &str)]) -> Scan {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut out = Scan::default();
    for file in &files {
        let rel = file.strip_prefix(src).unwrap().to_path_buf();
        let from = rel.iter().next().unwrap().to_string_lossy().to_string();
        *out.files.entry(from.clone()).or_default() += 1;
        let module = module_path(&rel);
        let text = std::fs::read_to_string(file).unwrap();
        let mut test_depth: Option<i32> = None;
        let mut cfg_test = false;
        for (n, line) in text.lines().enumerate() {
            let line = code(line);
            // Test modules are scaffolding, not the flow: a `#[cfg(…test…)]` module is skipped
            // to its closing brace.
            if let Some(depth) = test_depth.as_mut() {
                *depth += braces(line);
                if *depth <= 0 {
                    test_depth = None;
                }
                continue;
            }
            let t = line.trim();
            if t.starts_with("#[cfg(") && t.contains("test") {
                cfg_test = true;
                continue;
            }
            if cfg_test && (t.starts_with("mod ") || t.starts_with("pub(crate) mod ")) {
                cfg_test = false;
                let depth = braces(line);
                if depth > 0 {
                    test_depth = Some(depth);
                }
                continue;
            }
            cfg_test = false;
            for to in reached(line, &module) {
                let to = root_names
                    .iter()
                    .find(|(name, _)| *name == to)
                    .map_or(to, |(_, m)| m.to_string());
                out.reaches.push(Reach {
                    file: rel.clone(),
                    line: n + 1,
                    from: from.clone(),
                    to,
                    code: line.trim().to_string(),
                });
            }
        }
    }
    out
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
pub fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// A line without its `//` comment (doc comments included). The scanned sources keep no `//`
/// inside a string on a line that also holds a module path.
pub fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

/// Opening minus closing braces on a line of code.
fn braces(line: &str) -> i32 {
    line.chars()
        .map(|c| match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        })
        .sum()
}

fn ident_at(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The top-level modules a line of code reaches through `crate::` and `super::` paths.
pub fn reached(line: &str, module: &[String]) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Vec<String> {
        s.split('/').map(String::from).collect()
    }

    #[test]
    fn the_checker_sees_what_it_must() {
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
        assert!(reached(code("//! [`crate::http`]"), &m("app")).is_empty());
        assert_eq!(module_path(Path::new("app/hiring/mod.rs")), m("app/hiring"));
        assert_eq!(module_path(Path::new("lib.rs")), Vec::<String>::new());
    }

    #[test]
    fn root_names_resolve_to_their_module() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("text")).unwrap();
        std::fs::write(
            dir.path().join("text/mod.rs"),
            "use crate::{Document, Limits};\nuse crate::text::fold; // crate::resume\n\
             #[cfg(test)]\nmod tests {\n    use crate::resume::x;\n    fn f() {}\n}\n",
        )
        .unwrap();
        let s = scan(
            dir.path(),
            &[("Document", "document"), ("Limits", "limits")],
        );
        let to: Vec<&str> = s.reaches.iter().map(|r| r.to.as_str()).collect();
        assert_eq!(to, ["document", "limits", "text"]);
        let v = s.violations(|_| &["text", "limits"]);
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(
            v[0].starts_with("text/mod.rs:1: `text` reaches `document`"),
            "{v:?}"
        );
    }
}
