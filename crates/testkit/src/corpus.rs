//! The public resume corpus and the shared data set that live beside the project
//! (`../shared`), under ONE policy for every test and benchmark that reads them:
//!
//! - the corpus is `ATSCORE_CORPUS`, else `../shared/corpus/public` beside the project root,
//!   and is there when its `MANIFEST.md` is;
//! - the data set is `ATSCORE_DATA`, else `../shared/data`, there when its `PROVENANCE.md` is;
//! - when missing: a failure naming the path under `CI=true`, a `SKIP:` line elsewhere
//!   ([`crate::policy::missing`]);
//! - when present, a file a test names must be in it (a missing file is a failure, never a
//!   silent pass).
//!
//! Tests that must run on every machine use the committed [`crate::fixtures`] instead.

use std::path::PathBuf;

use crate::policy::missing;
use crate::project_root;

/// A directory beside the project: the one `env` names, else `default` under the project root.
fn shared_dir(env: &str, default: &str) -> PathBuf {
    std::env::var_os(env)
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join(default))
}

/// `dir` when its `marker` file is there, else `None` after a `SKIP:` line (a panic under
/// `CI=true`) naming `what`, the path and `env`.
fn require(dir: PathBuf, marker: &str, what: &str, env: &str) -> Option<PathBuf> {
    if dir.join(marker).is_file() {
        return Some(dir);
    }
    missing(format!("{what} not found at {} (set {env})", dir.display()))
}

/// Where the public corpus is expected (whether or not it is there).
pub fn corpus_dir() -> PathBuf {
    shared_dir("ATSCORE_CORPUS", "../shared/corpus/public")
}

/// The public corpus directory, or `None` after a `SKIP:` line (a panic under `CI=true`).
pub fn require_corpus() -> Option<PathBuf> {
    require(
        corpus_dir(),
        "MANIFEST.md",
        "public corpus",
        "ATSCORE_CORPUS",
    )
}

/// A file of the public corpus (`name` may be `malformed/…`): its path, `None` when the corpus
/// is missing (see [`require_corpus`]); a panic when the corpus is there but the file is not.
pub fn corpus_file(name: &str) -> Option<PathBuf> {
    let path = require_corpus()?.join(name);
    assert!(path.is_file(), "corpus file {} missing", path.display());
    Some(path)
}

/// The bytes of a corpus file ([`corpus_file`]).
pub fn corpus_bytes(name: &str) -> Option<Vec<u8>> {
    let path = corpus_file(name)?;
    Some(std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// The text of a corpus file, e.g. a `.truth.txt` ([`corpus_file`]).
pub fn corpus_text(name: &str) -> Option<String> {
    let path = corpus_file(name)?;
    Some(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// Where the shared data set is expected.
pub fn data_dir() -> PathBuf {
    shared_dir("ATSCORE_DATA", "../shared/data")
}

/// The shared data directory, or `None` after a `SKIP:` line (a panic under `CI=true`).
pub fn require_data_dir() -> Option<PathBuf> {
    require(data_dir(), "PROVENANCE.md", "shared data", "ATSCORE_DATA")
}
