//! `atscore parse FILE [--json]`: what an ATS sees in a resume.

use std::path::PathBuf;
use std::process::ExitCode;

use atscore_core::{parse_resume, ParseOptions, ParsedResume};

use crate::inputs::{fail, load_aliases, read_bounded, CliError};

#[derive(clap::Args, Debug)]
pub struct ParseArgs {
    /// The resume file (PDF, DOCX, DOC, ODT, RTF, HTML, Markdown or text; detected by content).
    pub file: PathBuf,
    /// Print one JSON object instead of the human report.
    #[arg(long)]
    pub json: bool,
    /// Maximum pages (default 30).
    #[arg(long)]
    pub max_pages: Option<usize>,
    /// Maximum file size in bytes (default 10 MiB).
    #[arg(long)]
    pub max_file_size: Option<usize>,
    /// Extra skill aliases (same format as crates/core/data/aliases.tsv; see docs/skills.md).
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
}

pub fn run(args: ParseArgs) -> ExitCode {
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| args.file.display().to_string());
    let mut opts = ParseOptions {
        today: Some(atscore_server::infra::clock::current_month()),
        file_name: Some(name.clone()),
        ..ParseOptions::default()
    };
    if let Some(p) = args.max_pages {
        opts.limits.max_pages = p;
    }
    if let Some(s) = args.max_file_size {
        opts.limits.max_file_bytes = s;
    }
    if let Some(p) = &args.aliases {
        match load_aliases(p) {
            Ok(t) => opts.taxonomy = Some(t),
            Err(e) => return fail(args.json, &name, &e),
        }
    }
    let bytes = match read_bounded(&args.file, opts.limits.max_file_bytes) {
        Ok(b) => b,
        Err(e) => return fail(args.json, &name, &e),
    };
    match parse_resume(&bytes, &opts) {
        Ok(r) => {
            if args.json {
                match serde_json::to_string_pretty(&r) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        return fail(args.json, &name, &CliError::new("internal", e.to_string()))
                    }
                }
            } else {
                print!("{}", human(&r));
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(args.json, &name, &e.into()),
    }
}

fn human(r: &ParsedResume) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} — {} ({}), {} page(s), {} words",
        r.file.as_deref().unwrap_or("-"),
        r.format,
        r.media_type,
        r.pages,
        r.findings.word_count
    );
    let c = &r.contact;
    let _ = writeln!(s, "\nCONTACT");
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "— not found".into());
    let _ = writeln!(s, "  name:     {}", opt(&c.name));
    let _ = writeln!(s, "  email:    {}", opt(&c.email));
    let _ = writeln!(s, "  phone:    {}", opt(&c.phone));
    let _ = writeln!(s, "  location: {}", opt(&c.location));
    for l in &c.links {
        let _ = writeln!(s, "  link:     {l}");
    }
    let _ = writeln!(s, "\nSECTIONS (what an ATS sees)");
    for sec in &r.sections {
        let words = sec.text.split_whitespace().count();
        let kind = serde_json::to_value(sec.kind)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  [{kind}] {} — {words} words",
            sec.heading.as_deref().unwrap_or("(header block)")
        );
    }
    if !r.experience.is_empty() {
        let _ = writeln!(s, "\nEXPERIENCE ({} years in total)", r.years_of_experience);
        for e in &r.experience {
            let start = e.start.map(|d| d.to_string()).unwrap_or_else(|| "?".into());
            let end = if e.current {
                "present".to_string()
            } else {
                e.end.map(|d| d.to_string()).unwrap_or_else(|| "?".into())
            };
            let _ = writeln!(
                s,
                "  {} @ {} ({start} – {end}), {} bullet(s)",
                e.title.as_deref().unwrap_or("?"),
                e.company.as_deref().unwrap_or("?"),
                e.bullets.len()
            );
        }
    }
    if !r.education.is_empty() {
        let _ = writeln!(s, "\nEDUCATION");
        for e in &r.education {
            let level = e
                .level
                .and_then(|l| serde_json::to_value(l).ok())
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_else(|| "?".into());
            let _ = writeln!(
                s,
                "  {} [{level}] — {}",
                e.degree.as_deref().unwrap_or("?"),
                e.school.as_deref().unwrap_or("?")
            );
        }
    }
    for c in &r.certifications {
        let _ = writeln!(s, "  certification: {}", c.name);
    }
    if !r.languages.is_empty() {
        let langs: Vec<String> = r
            .languages
            .iter()
            .map(|l| match &l.level {
                Some(v) => format!("{} ({v})", l.language),
                None => l.language.clone(),
            })
            .collect();
        let _ = writeln!(s, "\nLANGUAGES: {}", langs.join(", "));
    }
    if !r.skills.is_empty() {
        let _ = writeln!(s, "\nSKILLS ({})", r.skills.len());
        let list: Vec<String> = r
            .skills
            .iter()
            .map(|k| {
                if k.matched_as.eq_ignore_ascii_case(&k.name) {
                    k.name.clone()
                } else {
                    format!("{} ({})", k.name, k.matched_as)
                }
            })
            .collect();
        let _ = writeln!(s, "  {}", list.join(", "));
    }
    let _ = writeln!(s, "\nFORMAT FINDINGS");
    if r.findings.details.is_empty() {
        let _ = writeln!(s, "  none: an ATS should read this file cleanly");
    }
    for d in &r.findings.details {
        let _ = writeln!(s, "  ! {}: {}\n    fix: {}", d.code, d.message, d.fix);
    }
    for w in &r.warnings {
        let _ = writeln!(s, "  warning: {w}");
    }
    s
}
