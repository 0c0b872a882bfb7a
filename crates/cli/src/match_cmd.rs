//! `atscore match RESUME --jobs DIR [--json] [--top N]`: one resume against many job
//! descriptions, best fit first. The resume is parsed once; each job is analysed once.

use std::path::PathBuf;
use std::process::ExitCode;

use atscore_core::matching::job::parse_job;
use atscore_core::matching::rank::export::candidate_json;
use atscore_core::matching::rank::{rank, CandidateError, RankingFilter};
use atscore_core::matching::score::{score_for_ranking, JobProfile, ResumeFeatures, ScoreReport};
use rayon::prelude::*;
use serde_json::json;

use crate::collect::collect;
use crate::inputs::{display_name, fail, load_resume, CliError, ScoringArgs};

#[derive(clap::Args, Debug)]
pub struct MatchArgs {
    /// The resume file.
    pub resume: PathBuf,
    /// Job description files, directories of them, or ZIP archives.
    #[arg(long, required = true, num_args = 1.., value_name = "DIR|FILE")]
    pub jobs: Vec<PathBuf>,
    /// Print one JSON object instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Show only the best N jobs.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    #[command(flatten)]
    pub scoring: ScoringArgs,
}

pub fn run(args: MatchArgs) -> ExitCode {
    let name = display_name(&args.resume);
    let s = match args.scoring.load() {
        Ok(s) => s,
        Err(e) => return fail(args.json, &name, &e),
    };
    let resume = match load_resume(&args.resume, &name, &s) {
        Ok(r) => r,
        Err(e) => return fail(args.json, &name, &e),
    };
    let tax = s.taxonomy();
    let features = ResumeFeatures::from_resume(&resume, tax);
    let jobs = collect(&args.jobs, s.opts.limits.max_file_bytes);
    if jobs.is_empty() {
        return fail(
            args.json,
            &name,
            &CliError::new("no_jobs", "no job description files found"),
        );
    }
    let scored: Vec<(String, Result<ScoreReport, CandidateError>)> = jobs
        .into_par_iter()
        .map(|j| {
            let job_name = j.name.clone();
            let outcome = match j.load() {
                Err(e) => Err(CandidateError::from(e)),
                Ok(b) => match parse_job(&b, &s.opts.limits, tax) {
                    Err(e) => Err(CandidateError::from(&e)),
                    Ok(job) => {
                        let profile = JobProfile::new(&job);
                        let mut rep = score_for_ranking(&features, &profile, tax, &s.config);
                        rep.file = Some(name.clone());
                        Ok(rep)
                    }
                },
            };
            (job_name, outcome)
        })
        .collect();
    let all = RankingFilter {
        top: args.top,
        ..RankingFilter::default()
    }
    .apply(rank(scored));
    if args.json {
        let jobs: Vec<_> = all
            .iter()
            .map(|c| {
                let mut v = candidate_json(c);
                if let (Ok(r), Some(obj)) = (&c.outcome, v.as_object_mut()) {
                    obj.insert("title".into(), json!(r.job.title));
                }
                v
            })
            .collect();
        let out = json!({
            "resume": name,
            "scoring_version": atscore_core::matching::score::SCORING_VERSION,
            "jobs": jobs,
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        println!("Best-fitting jobs for {name}\n");
        println!(
            "{:>4}  {:>5}  {:>7}  {:>4}  job",
            "rank", "score", "skills", "k.o."
        );
        for c in &all {
            match &c.outcome {
                Ok(r) => println!(
                    "{:>4}  {:>5.1}  {:>7}  {:>4}  {} — {}",
                    c.rank.unwrap_or(0),
                    r.score,
                    format!("{}/{}", r.matched.len(), r.matched.len() + r.missing.len()),
                    r.knockouts.len(),
                    c.key,
                    r.job.title.as_deref().unwrap_or("(untitled)")
                ),
                Err(e) => println!(
                    "{:>4}  {:>5}  {}: {} ({})",
                    "-", "-", c.key, e.message, e.code
                ),
            }
        }
    }
    ExitCode::SUCCESS
}
