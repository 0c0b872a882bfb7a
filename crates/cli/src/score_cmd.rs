//! `atscore score RESUME --job JOB [--json] [--weights …]`: one resume against one job — the
//! total, its breakdown, matched and missing skills with evidence, knockouts and suggestions.

use std::path::PathBuf;
use std::process::ExitCode;

use atscore_core::matching::score::{score, ScoreReport};

use crate::inputs::{display_name, fail, load_job, load_resume, ScoringArgs};

#[derive(clap::Args, Debug)]
pub struct ScoreArgs {
    /// The resume file (any format `atscore parse` reads).
    pub resume: PathBuf,
    /// The job description file (text, Markdown, HTML, PDF, DOCX…; `-` = standard input).
    #[arg(long, value_name = "JOB")]
    pub job: PathBuf,
    /// Print one JSON object instead of the human report.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub scoring: ScoringArgs,
}

pub fn run(args: ScoreArgs) -> ExitCode {
    let name = display_name(&args.resume);
    let s = match args.scoring.load() {
        Ok(s) => s,
        Err(e) => return fail(args.json, &name, &e),
    };
    let job = match load_job(&args.job, &s) {
        Ok(j) => j,
        Err(e) => return fail(args.json, &display_name(&args.job), &e),
    };
    let resume = match load_resume(&args.resume, &name, &s) {
        Ok(r) => r,
        Err(e) => return fail(args.json, &name, &e),
    };
    let report = score(&resume, &job, s.taxonomy(), &s.config);
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(t) => println!("{t}"),
            Err(e) => {
                return fail(
                    true,
                    &name,
                    &crate::inputs::CliError::new("internal", e.to_string()),
                )
            }
        }
    } else {
        print!("{}", human(&report));
    }
    ExitCode::SUCCESS
}

fn imp(i: atscore_core::matching::job::Importance) -> &'static str {
    match i {
        atscore_core::matching::job::Importance::Required => "required",
        atscore_core::matching::job::Importance::Preferred => "preferred",
    }
}

fn level(l: atscore_core::matching::score::EvidenceLevel) -> &'static str {
    match l {
        atscore_core::matching::score::EvidenceLevel::Used => "used",
        atscore_core::matching::score::EvidenceLevel::Mentioned => "mentioned",
        atscore_core::matching::score::EvidenceLevel::Listed => "listed",
    }
}

/// The readable report.
pub fn human(r: &ScoreReport) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let b = &r.breakdown;
    let _ = writeln!(
        s,
        "{} vs {}",
        r.file.as_deref().unwrap_or("resume"),
        r.job.title.as_deref().unwrap_or("(untitled job)")
    );
    let _ = writeln!(s, "\nATS SCORE  {:.1} / 100", r.score);
    let c = &b.content_match;
    let cov = c
        .skill_coverage
        .map(|x| format!("skills {:.0}% covered, ", x * 100.0))
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "  content match         {:5.1}  ×{:.2}  {cov}text similarity {:.3}",
        c.score, c.weight, c.text_similarity
    );
    let f = &b.format_compatibility;
    let _ = writeln!(
        s,
        "  format compatibility  {:5.1}  ×{:.2}  {} penalt{}",
        f.score,
        f.weight,
        f.penalties.len(),
        if f.penalties.len() == 1 { "y" } else { "ies" }
    );
    let x = &b.sections;
    let _ = writeln!(
        s,
        "  sections              {:5.1}  ×{:.2}  skills {:.0} · experience {:.0} · education {:.0} · contact {:.0} · summary {:.0}",
        x.score, x.weight, x.skills, x.experience, x.education, x.contact, x.summary
    );
    let n = r.matched.len() + r.missing.len();
    let _ = writeln!(s, "\nMATCHED SKILLS ({} of {n})", r.matched.len());
    for m in &r.matched {
        let via = m
            .via
            .as_deref()
            .map(|v| format!(" ({v})"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  ✓ {:<22} {:<9} {:<9} credit {:.2}{via}",
            m.name,
            imp(m.importance),
            level(m.evidence_level),
            m.credit
        );
        if let Some(e) = m.evidence.first() {
            let _ = writeln!(s, "      “{}”", e.snippet);
        }
    }
    if !r.missing.is_empty() {
        let _ = writeln!(s, "\nMISSING SKILLS");
        for m in &r.missing {
            let _ = writeln!(s, "  ✗ {:<22} {}", m.name, imp(m.importance));
        }
    }
    if !r.knockouts.is_empty() {
        let _ = writeln!(s, "\nKNOCKOUTS");
        for k in &r.knockouts {
            let _ = writeln!(s, "  ! {}", k.message);
        }
    }
    if !f.penalties.is_empty() {
        let _ = writeln!(s, "\nFORMAT");
        for p in &f.penalties {
            let _ = writeln!(
                s,
                "  −{:.0} {}: {}\n      fix: {}",
                p.points, p.code, p.message, p.fix
            );
        }
    }
    if !r.suggestions.is_empty() {
        let _ = writeln!(s, "\nSUGGESTIONS (points the total would gain)");
        for g in &r.suggestions {
            let _ = writeln!(s, "  +{:<4.1} {}", g.delta, g.message);
        }
    }
    for w in &r.warnings {
        let _ = writeln!(s, "\nwarning: {w}");
    }
    let _ = writeln!(
        s,
        "\nscoring {} · taxonomy {}",
        r.scoring_version, r.taxonomy_version
    );
    s
}
