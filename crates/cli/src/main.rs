//! `atscore`: the command-line face of atscore. A thin layer over `atscore_core`: it reads
//! files, calls the core, and prints human or JSON output.

mod chaos_cmd;
mod collect;
mod healthcheck_cmd;
mod inputs;
mod keys_cmd;
mod match_cmd;
mod parse_cmd;
mod rank_cmd;
mod score_cmd;
mod serve_cmd;
mod slo_cmd;
mod taxonomy_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Resume ATS scorer and resume ↔ job matching.
#[derive(Parser, Debug)]
#[command(name = "atscore", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse a resume and show what an ATS sees (sections, contact, entries, format findings).
    Parse(parse_cmd::ParseArgs),
    /// Score a resume against a job description: total, breakdown, skills, suggestions.
    Score(score_cmd::ScoreArgs),
    /// Rank many resumes (files, directories, ZIP archives) against one job description.
    Rank(rank_cmd::RankArgs),
    /// Match one resume against many job descriptions, best fit first.
    Match(match_cmd::MatchArgs),
    /// Skills taxonomy: regenerate `crates/core/data/taxonomy.tsv` from the sources, or show counts.
    Taxonomy(taxonomy_cmd::TaxonomyArgs),
    /// Run the platform: web UI, REST API, storage (settings: flags, environment, config file).
    Serve(serve_cmd::ServeArgs),
    /// API keys: create, list, revoke (stored hashed in the database).
    Keys(keys_cmd::KeysArgs),
    /// Service levels as code: generate Prometheus rules and Grafana dashboards from
    /// deploy/slo/slos.yaml, or report each SLI against its objective from a Prometheus.
    Slo(slo_cmd::SloArgs),
    /// Probe a running server (default: /healthz on BIND): exit 0 when it answers 2xx, else 1.
    Healthcheck(healthcheck_cmd::HealthcheckArgs),
    /// Chaos drills: `chaos proxy`, a TCP fault proxy (latency, jitter, bandwidth, resets).
    Chaos(chaos_cmd::ChaosArgs),
}

fn main() -> ExitCode {
    // A panic inside the guarded extractor thread is already turned into a `corrupt` error;
    // keep its backtrace noise off stderr (the contract is one line per error).
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some("atscore-extract") {
            default_hook(info);
        }
    }));
    let cli = Cli::parse();
    match cli.command {
        Command::Parse(args) => parse_cmd::run(args),
        Command::Score(args) => score_cmd::run(args),
        Command::Rank(args) => rank_cmd::run(args),
        Command::Match(args) => match_cmd::run(args),
        Command::Taxonomy(args) => taxonomy_cmd::run(args),
        Command::Serve(args) => serve_cmd::run(args),
        Command::Keys(args) => keys_cmd::run(args),
        Command::Slo(args) => slo_cmd::run(args),
        Command::Healthcheck(args) => healthcheck_cmd::run(args),
        Command::Chaos(args) => chaos_cmd::run(args),
    }
}
