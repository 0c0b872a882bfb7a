//! `atscore`: the command-line face of atscore. A thin layer over `atscore_core`: it reads
//! files, calls the core, and prints human or JSON output.

mod parse_cmd;
mod today;

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
    /// Run the web UI and REST API (not yet available in this build).
    Serve,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse(args) => parse_cmd::run(args),
        Command::Serve => {
            eprintln!(
                "error: `atscore serve` is not yet available: the server lands with the platform work \
                 (REST API and web UI). Use `atscore parse FILE` meanwhile."
            );
            ExitCode::from(2)
        }
    }
}
