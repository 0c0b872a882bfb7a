//! The committed fixture corpus (`crates/testkit/fixtures/files`): short resumes of fictional
//! people, one per supported format, each `NAME` with `NAME.truth.txt` (its text in reading
//! order). Always present, so these tests never skip. `fixtures/MANIFEST.md` says what each
//! file is and how it was made; `fixtures/make.sh` rebuilds them.

use std::path::PathBuf;

/// The directory holding the fixture files.
pub fn dir() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/files")
}

/// The fixture file names (not the truths), sorted.
pub fn names() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir())
        .unwrap_or_else(|e| panic!("{}: {e}", dir().display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".truth.txt") && !n.starts_with('.'))
        .collect();
    out.sort();
    out
}

/// The path of a fixture file.
pub fn path(name: &str) -> PathBuf {
    let p = dir().join(name);
    assert!(p.is_file(), "fixture {} missing", p.display());
    p
}

/// The bytes of a fixture file.
pub fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// The ground-truth text of a fixture file.
pub fn truth(name: &str) -> String {
    std::fs::read_to_string(path(&format!("{name}.truth.txt")))
        .unwrap_or_else(|e| panic!("truth of {name}: {e}"))
}
