//! `atscore taxonomy build|stats`: regenerate the embedded skills taxonomy from the source data
//! (ESCO, O*NET, Linguist; see `docs/skills.md`) or print its counts.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use atscore_core::matching::skills::file;
use atscore_core::matching::skills::generate::{self, Sources};
use atscore_core::matching::skills::taxonomy::TAXONOMY_TSV;
use atscore_core::matching::skills::Taxonomy;
use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct TaxonomyArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand, Debug)]
enum Action {
    /// Regenerate the taxonomy file from the source data (deterministic output).
    Build {
        /// The shared data directory (esco-en-v1.1.1/, esco-fr-es-v1.0/, onet-29.2/, linguist-languages/).
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Where to write the taxonomy.
        #[arg(long, default_value = "crates/core/data/taxonomy.tsv")]
        out: PathBuf,
        /// Where to write the background IDF table used by the text similarity.
        #[arg(long, default_value = "crates/core/data/idf.tsv")]
        idf_out: PathBuf,
    },
    /// Print counts (skills, forms, categories, sources) of the embedded taxonomy, or of the
    /// embedded one extended by a user aliases file.
    Stats {
        /// A user aliases file (same format as crates/core/data/aliases.tsv).
        #[arg(long)]
        aliases: Option<PathBuf>,
    },
}

pub fn run(args: TaxonomyArgs) -> ExitCode {
    match run_inner(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn read(dir: &Path, rel: &str) -> anyhow::Result<String> {
    let p = dir.join(rel);
    std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))
}

fn run_inner(args: TaxonomyArgs) -> anyhow::Result<()> {
    match args.action {
        Action::Build { data, out, idf_out } => {
            let esco_en = read(&data, "esco-en-v1.1.1/esco_skills_en.tsv")?;
            let esco_fr = read(&data, "esco-fr-es-v1.0/skills_fr.csv")?;
            let esco_es = read(&data, "esco-fr-es-v1.0/skills_es.csv")?;
            let onet_tech = read(&data, "onet-29.2/technology_skills_unique.tsv")?;
            let linguist = read(&data, "linguist-languages/languages.json")?;
            let src = Sources {
                aliases: file::ALIASES_TSV,
                prune: generate::PRUNE_TXT,
                domains: file::DOMAIN_TSVS,
                esco_en: &esco_en,
                esco_fr: &esco_fr,
                esco_es: &esco_es,
                onet_tech: &onet_tech,
                linguist: &linguist,
            };
            let text = generate::build_taxonomy(&src)?;
            std::fs::write(&out, &text).with_context(|| format!("writing {}", out.display()))?;
            let head = text.lines().next().unwrap_or("");
            println!(
                "wrote {} ({} bytes): {}",
                out.display(),
                text.len(),
                head.replace('\t', " ")
            );
            let docs = atscore_core::matching::bm25::background_documents(
                &read(&data, "onet-29.2/Occupation Data.txt")?,
                &read(&data, "onet-29.2/Content Model Reference.txt")?,
                &esco_en,
            );
            let idf = atscore_core::matching::bm25::build_idf(docs.iter().map(String::as_str));
            std::fs::write(&idf_out, &idf)
                .with_context(|| format!("writing {}", idf_out.display()))?;
            println!(
                "wrote {} ({} bytes, {} background documents)",
                idf_out.display(),
                idf.len(),
                docs.len()
            );
        }
        Action::Stats { aliases } => {
            let t0 = std::time::Instant::now();
            let owned;
            let tax: &Taxonomy = match aliases {
                Some(p) => {
                    let text = std::fs::read_to_string(&p)
                        .with_context(|| format!("reading {}", p.display()))?;
                    owned = Taxonomy::with_user_aliases(&text)?;
                    &owned
                }
                None => Taxonomy::embedded(),
            };
            let load = t0.elapsed();
            println!("version\t{}", tax.version());
            println!("file_bytes\t{}", TAXONOMY_TSV.len());
            let (_, entries) = file::read_taxonomy(TAXONOMY_TSV)?;
            for (k, v) in generate::stats(&entries) {
                println!("{k}\t{v}");
            }
            println!("loaded_skills\t{}", tax.len());
            println!("automaton_bytes\t{}", tax.automaton_bytes());
            println!("load_ms\t{:.1}", load.as_secs_f64() * 1000.0);
        }
    }
    Ok(())
}
