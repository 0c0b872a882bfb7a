//! `atscore rank --job JOB FILE|DIR|ZIP... [--json | --csv FILE] [--top N]`: many resumes
//! against one job, parsed in parallel (rayon), best first. Unreadable files are listed with
//! their error and never abort the run.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use atscore_core::matching::rank::export::{candidate_json, csv_header, csv_record, job_json};
use atscore_core::matching::rank::{rank, score_candidate, CandidateError, Ranked, RankingFilter};
use atscore_core::matching::score::{JobProfile, ScoreReport};
use atscore_core::parse_resume;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde_json::json;

use crate::collect::collect;
use crate::inputs::{display_name, fail, load_job, ScoringArgs};

#[derive(clap::Args, Debug)]
pub struct RankArgs {
    /// The job description file (`-` = standard input).
    #[arg(long, value_name = "JOB")]
    pub job: PathBuf,
    /// Resume files, directories (walked recursively) or ZIP archives of resumes.
    #[arg(required = true, value_name = "FILE|DIR|ZIP")]
    pub inputs: Vec<PathBuf>,
    /// Print one JSON object instead of the table.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Write the ranking with per-criterion evidence as CSV to FILE (`-` = standard output).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Show only the best N candidates (unreadable files are still listed).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Show only candidates scoring at least this much.
    #[arg(long, value_name = "SCORE")]
    pub min_score: Option<f64>,
    /// Hide candidates with knockouts (missing required skill, years or degree below minimum).
    #[arg(long)]
    pub no_knockouts: bool,
    #[command(flatten)]
    pub scoring: ScoringArgs,
}

pub fn run(args: RankArgs) -> ExitCode {
    let json_out = args.json;
    let s = match args.scoring.load() {
        Ok(s) => s,
        Err(e) => return fail(json_out, &display_name(&args.job), &e),
    };
    let job = match load_job(&args.job, &s) {
        Ok(j) => j,
        Err(e) => return fail(json_out, &display_name(&args.job), &e),
    };
    let inputs = collect(&args.inputs, s.opts.limits.max_file_bytes);
    let bar = progress(inputs.len() as u64);
    let profile = JobProfile::new(&job);
    let tax = s.taxonomy();
    let scored: Vec<(String, Result<ScoreReport, CandidateError>)> = inputs
        .into_par_iter()
        .map(|input| {
            let name = input.name.clone();
            let outcome = match input.load() {
                Err(e) => Err(CandidateError::from(e)),
                Ok(bytes) => {
                    let mut opts = s.opts.clone();
                    opts.file_name = Some(name.clone());
                    match parse_resume(&bytes, &opts) {
                        Err(e) => Err(CandidateError::from(&e)),
                        Ok(r) => Ok(score_candidate(&r, &profile, tax, &s.config)),
                    }
                }
            };
            bar.inc(1);
            (name, outcome)
        })
        .collect();
    bar.finish_and_clear();
    let filter = RankingFilter {
        min_score: args.min_score,
        no_knockouts: args.no_knockouts,
        top: args.top,
    };
    let shown = filter.apply(rank(scored));
    if let Some(path) = &args.csv {
        if let Err(e) = write_csv(path, &shown) {
            eprintln!("error: cannot write CSV to {}: {e}", path.display());
            return ExitCode::from(2);
        }
        if path.as_os_str() != "-" {
            eprintln!("wrote {} candidate(s) to {}", shown.len(), path.display());
        }
    } else if json_out {
        if let Err(e) = write_json(&job, tax.version(), &shown) {
            eprintln!("error: cannot write the ranking: {e}");
            return ExitCode::from(2);
        }
    } else {
        print!("{}", table(&job, &shown));
    }
    ExitCode::SUCCESS
}

/// Stream the ranking as one JSON object, one candidate at a time (a thousand reports never
/// sit in memory as one JSON tree).
fn write_json(
    job: &atscore_core::matching::job::JobDescription,
    taxonomy_version: &str,
    shown: &[Ranked],
) -> std::io::Result<()> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let head = json!({
        "job": job_json(job),
        "scoring_version": atscore_core::matching::score::SCORING_VERSION,
        "taxonomy_version": taxonomy_version,
    });
    let head = serde_json::to_string(&head).map_err(std::io::Error::other)?;
    // `{...}` without its closing brace, then the candidates array.
    write!(w, "{},\"candidates\":[", &head[..head.len() - 1])?;
    for (i, c) in shown.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        w.write_all(b"\n")?;
        serde_json::to_writer(&mut w, &candidate_json(c)).map_err(std::io::Error::other)?;
    }
    w.write_all(b"\n]}\n")?;
    w.flush()
}

fn progress(n: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} parsing {pos}/{len} [{bar:30}] {eta} left")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn table(job: &atscore_core::matching::job::JobDescription, shown: &[Ranked]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Ranking for {} ({} required, {} preferred skills)\n",
        job.title.as_deref().unwrap_or("(untitled job)"),
        job.required().count(),
        job.preferred().count()
    );
    let _ = writeln!(
        s,
        "{:>4}  {:>5}  {:>5}  {:>7}  {:>6}  {:>8}  {:>4}  file",
        "rank", "fit", "score", "content", "format", "sections", "k.o."
    );
    for c in shown {
        match &c.outcome {
            Ok(r) => {
                let b = &r.breakdown;
                let _ = writeln!(
                    s,
                    "{:>4}  {:>5.1}  {:>5.1}  {:>7.1}  {:>6.1}  {:>8.1}  {:>4}  {}",
                    c.rank.unwrap_or(0),
                    r.fit.score,
                    r.score,
                    b.content_match.score,
                    b.format_compatibility.score,
                    b.sections.score,
                    r.knockouts.len(),
                    c.key
                );
            }
            Err(e) => {
                let _ = writeln!(
                    s,
                    "{:>4}  {:>5}  {:>5}  {}: {} ({})",
                    "-", "-", "-", c.key, e.message, e.code
                );
            }
        }
    }
    s
}

fn write_csv(path: &PathBuf, shown: &[Ranked]) -> Result<(), Box<dyn std::error::Error>> {
    let sink: Box<dyn std::io::Write> = if path.as_os_str() == "-" {
        Box::new(std::io::stdout())
    } else {
        Box::new(std::fs::File::create(path)?)
    };
    let mut w = csv::Writer::from_writer(sink);
    w.write_record(csv_header())?;
    for c in shown {
        w.write_record(csv_record(c))?;
    }
    w.flush()?;
    Ok(())
}
