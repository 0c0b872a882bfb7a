//! The one rule for what a test needs but a machine may lack — the public corpus, the shared
//! data set, an external tool, a database: under `CI=true` its absence is a failure that
//! names what is missing and where; elsewhere the test says `SKIP: …` on stderr and returns
//! without checking anything. Also where external tools are looked up.

use std::fmt::Display;
use std::io::Write;
use std::path::PathBuf;

/// Whether this is a CI run (`CI=true`), where nothing may be skipped.
pub fn ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// A missing requirement: a panic under `CI=true`, else a `SKIP:` line and `None`. The line
/// is written to the process's stderr directly, past the test harness's output capture, so a
/// skip shows in every `cargo test` run, not only in a failing test's output.
pub fn missing<T>(what: impl Display) -> Option<T> {
    if ci() {
        panic!("{what} (required under CI=true)");
    }
    let _ = writeln!(std::io::stderr(), "SKIP: {what}");
    None
}

/// Where a program is: the file named by the environment variable `env` when set, else the
/// first of `names` on `PATH` or in the sbin directories (daemons live there and a test
/// user's `PATH` may lack them); `None` if absent.
pub fn find_tool(names: &[&str], env: Option<&str>) -> Option<PathBuf> {
    if let Some(p) = env.and_then(std::env::var_os).map(PathBuf::from) {
        if p.is_file() {
            return Some(p);
        }
    }
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    dirs.extend(["/usr/local/sbin", "/usr/sbin", "/sbin"].map(PathBuf::from));
    names
        .iter()
        .flat_map(|n| dirs.iter().map(move |d| d.join(n)))
        .find(|p| p.is_file())
}

/// A program the test needs ([`find_tool`]), under the corpus policy: missing is a failure
/// under `CI=true` (`scripts/test` installs every tool the tests use), a skip elsewhere.
pub fn require_tool(names: &[&str], env: Option<&str>) -> Option<PathBuf> {
    find_tool(names, env).or_else(|| {
        missing(format!(
            "{} not installed (scripts/test installs it)",
            names.join(" or ")
        ))
    })
}
