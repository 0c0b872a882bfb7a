//! The shipped background IDF table (`crates/core/data/idf.tsv`) must be exactly what the
//! generator makes from the sources in `../shared/data`. Set `ATSCORE_UPDATE_DATA=1` to rewrite.

use atscore_core::matching::bm25::{background_documents, build_idf};
use atscore_testkit::corpus::require_data_dir;

#[test]
fn idf_table_matches_its_sources() {
    let Some(data) = require_data_dir() else {
        return;
    };
    let read = |p: &str| std::fs::read_to_string(data.join(p)).expect("source file");
    let docs = background_documents(
        &read("onet-29.2/Occupation Data.txt"),
        &read("onet-29.2/Content Model Reference.txt"),
        &read("esco-en-v1.1.1/esco_skills_en.tsv"),
    );
    let built = build_idf(docs.iter().map(String::as_str));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/idf.tsv");
    if std::env::var_os("ATSCORE_UPDATE_DATA").is_some() {
        std::fs::write(&path, &built).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == built,
        "crates/core/data/idf.tsv drifted from its sources: run `atscore taxonomy build` \
         (or ATSCORE_UPDATE_DATA=1 cargo test -p atscore-core --test idf_data)"
    );
}
