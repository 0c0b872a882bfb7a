//! What the test suites of `atscore-core`, `atscore-server` and `atscore` (the CLI) share; a
//! dev-dependency only, never linked into a product.
//!
//! - [`policy`]: the one rule for a missing requirement (corpus, data, tool, database): a
//!   failure under `CI=true`, a loud `SKIP:` line elsewhere; finding external tools.
//! - [`corpus`]: where the public resume corpus and the shared data set live.
//! - [`fixtures`]: the committed fixture corpus (fictional resumes, one per format), always
//!   present, so a fresh clone tests extraction without `../shared`.
//! - [`fidelity`]: word recall and reading order of an extraction against its truth.
//! - [`examples`]: the worked examples in `examples/`.
//! - [`serve`]: starting `atscore serve` and learning its address, free ports, children
//!   killed on drop, the JSON a command printed.
//! - [`postgres`]: the test PostgreSQL server's URL and scratch database URLs.
//! - [`clamd`]: a real clamd on loopback with test signatures.
//! - [`prom`]: reading the Prometheus text exposition.
//! - [`archive`]: ZIP and minimal DOCX files built in memory.
//! - [`layers`]: which top-level folder of a crate imports which, read from its sources.

pub mod archive;
pub mod clamd;
pub mod corpus;
pub mod examples;
pub mod fidelity;
pub mod fixtures;
pub mod layers;
pub mod policy;
pub mod postgres;
pub mod prom;
pub mod serve;

/// The project root (the workspace directory).
pub fn project_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
