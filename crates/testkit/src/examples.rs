//! The worked examples in `examples/` (resumes, jobs) that the tests feed the code.

use std::path::PathBuf;

use crate::project_root;

/// The `examples/` directory.
pub fn examples_dir() -> PathBuf {
    project_root().join("examples")
}

/// The path of an example file, e.g. `resumes/alex-experienced.md` (it must exist).
pub fn example_path(rel: &str) -> PathBuf {
    let p = examples_dir().join(rel);
    assert!(p.is_file(), "example {} missing", p.display());
    p
}

/// The bytes of an example file.
pub fn example(rel: &str) -> Vec<u8> {
    let p = example_path(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The text of an example file.
pub fn example_text(rel: &str) -> String {
    let p = example_path(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}
