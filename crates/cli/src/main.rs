//! `atscore` command-line interface (placeholder).
fn main() {}
