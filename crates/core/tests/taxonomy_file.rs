//! The committed `crates/core/data/taxonomy.tsv` is exactly what the generator makes from
//! `../shared/data` (skipped with a message when the data is absent; required under `CI=true`).
//! `ATSCORE_WRITE_TAXONOMY=1 cargo test -p atscore-core --test taxonomy_file` rewrites it.

use atscore_core::matching::skills::file::{ALIASES_TSV, DOMAIN_TSVS};
use atscore_core::matching::skills::generate::{build_taxonomy, Sources, PRUNE_TXT};
use atscore_core::matching::skills::taxonomy::TAXONOMY_TSV;
use atscore_testkit::corpus::require_data_dir;

#[test]
fn committed_taxonomy_matches_the_generator() {
    let Some(dir) = require_data_dir() else {
        return;
    };
    let read =
        |p: &str| std::fs::read_to_string(dir.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let (en, fr, es, onet, ling) = (
        read("esco-en-v1.1.1/esco_skills_en.tsv"),
        read("esco-fr-es-v1.0/skills_fr.csv"),
        read("esco-fr-es-v1.0/skills_es.csv"),
        read("onet-29.2/technology_skills_unique.tsv"),
        read("linguist-languages/languages.json"),
    );
    let built = build_taxonomy(&Sources {
        aliases: ALIASES_TSV,
        prune: PRUNE_TXT,
        domains: DOMAIN_TSVS,
        esco_en: &en,
        esco_fr: &fr,
        esco_es: &es,
        onet_tech: &onet,
        linguist: &ling,
    })
    .unwrap();
    // ATSCORE_WRITE_TAXONOMY=1 writes the file (what `atscore taxonomy build` does, without
    // building the CLI); the next run checks it.
    if std::env::var_os("ATSCORE_WRITE_TAXONOMY").is_some() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/taxonomy.tsv");
        std::fs::write(&path, &built).unwrap();
        return;
    }
    if built != TAXONOMY_TSV {
        let first = built
            .lines()
            .zip(TAXONOMY_TSV.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "crates/core/data/taxonomy.tsv is stale (first difference at line {}: {:?} vs {:?}); \
             run `cargo run -p atscore -- taxonomy build`",
            first + 1,
            built.lines().nth(first),
            TAXONOMY_TSV.lines().nth(first)
        );
    }
    // deterministic and small
    assert!(TAXONOMY_TSV.len() < 4_000_000, "{}", TAXONOMY_TSV.len());
    assert!(TAXONOMY_TSV.starts_with("#atscore-taxonomy\ttax-"));
}
