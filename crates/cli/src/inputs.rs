//! Shared inputs of the CLI commands: bounded file reading, parse options, the scoring
//! configuration (`--weights`, `--scoring-config`), the taxonomy (`--aliases`) and the job.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use atscore_core::matching::job::{parse_job, JobDescription};
use atscore_core::matching::score::{ScoreConfig, Weights};
use atscore_core::matching::skills::Taxonomy;
use atscore_core::{ParseError, ParseOptions};

/// An error of the CLI: a stable code and a message.
#[derive(Debug, Clone)]
pub struct CliError {
    pub code: &'static str,
    pub message: String,
}

impl CliError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        CliError {
            code,
            message: message.into(),
        }
    }
}

impl From<CliError> for atscore_core::matching::rank::CandidateError {
    fn from(e: CliError) -> Self {
        atscore_core::matching::rank::CandidateError {
            code: e.code.to_string(),
            message: e.message,
        }
    }
}

impl From<ParseError> for CliError {
    fn from(e: ParseError) -> Self {
        CliError::new(e.code().as_str(), e.to_string())
    }
}

/// Options shared by `score`, `rank` and `match`.
#[derive(clap::Args, Debug, Clone)]
pub struct ScoringArgs {
    /// Weights of the total: `content=0.6,format=0.2,sections=0.2` or `0.6,0.2,0.2`
    /// (normalised to sum to 1).
    #[arg(long)]
    pub weights: Option<String>,
    /// A JSON scoring configuration (weights and every tunable; see docs/scoring.md).
    #[arg(long, value_name = "FILE")]
    pub scoring_config: Option<PathBuf>,
    /// Extra skill aliases (same format as crates/core/data/aliases.tsv; see docs/skills.md).
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Maximum pages per document (default 30).
    #[arg(long)]
    pub max_pages: Option<usize>,
    /// Maximum file size in bytes (default 10 MiB).
    #[arg(long)]
    pub max_file_size: Option<usize>,
}

/// Everything a scoring command needs, loaded and validated.
pub struct Scoring {
    pub config: ScoreConfig,
    /// The user's extended taxonomy (`--aliases`); `None` = the embedded one.
    pub user_taxonomy: Option<Arc<Taxonomy>>,
    pub opts: ParseOptions,
}

impl Scoring {
    pub fn taxonomy(&self) -> &Taxonomy {
        self.user_taxonomy
            .as_deref()
            .unwrap_or_else(|| Taxonomy::embedded())
    }
}

impl ScoringArgs {
    pub fn load(&self) -> Result<Scoring, CliError> {
        let mut config = match &self.scoring_config {
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| {
                    CliError::new("io_error", format!("cannot read {}: {e}", p.display()))
                })?;
                ScoreConfig::from_json(&text)
                    .map_err(|e| CliError::new("invalid_config", format!("{}: {e}", p.display())))?
            }
            None => ScoreConfig::default(),
        };
        if let Some(w) = &self.weights {
            config.weights =
                Weights::parse(w).map_err(|e| CliError::new("invalid_weights", e.to_string()))?;
        }
        let user_taxonomy = self.aliases.as_deref().map(load_aliases).transpose()?;
        let mut opts = ParseOptions {
            today: Some(atscore_server::infra::clock::current_month()),
            taxonomy: user_taxonomy.clone(),
            ..ParseOptions::default()
        };
        if let Some(p) = self.max_pages {
            opts.limits.max_pages = p;
        }
        if let Some(s) = self.max_file_size {
            opts.limits.max_file_bytes = s;
        }
        Ok(Scoring {
            config,
            user_taxonomy,
            opts,
        })
    }
}

/// The embedded taxonomy extended by a user aliases file (`--aliases`).
pub fn load_aliases(path: &Path) -> Result<Arc<Taxonomy>, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::new("io_error", format!("cannot read {}: {e}", path.display())))?;
    Taxonomy::with_user_aliases(&text)
        .map(Arc::new)
        .map_err(|e| CliError::new("invalid_aliases", format!("{}: {e}", path.display())))
}

/// The file name shown for a path.
pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Read at most `limit + 1` bytes so a huge file is refused without loading it.
pub fn read_bounded(path: &Path, limit: usize) -> Result<Vec<u8>, CliError> {
    use std::io::Read;
    let f = std::fs::File::open(path)
        .map_err(|e| CliError::new("io_error", format!("cannot open {}: {e}", path.display())))?;
    let mut buf = Vec::new();
    f.take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| CliError::new("io_error", format!("cannot read {}: {e}", path.display())))?;
    if buf.len() > limit {
        let size = std::fs::metadata(path)
            .map(|m| m.len() as usize)
            .unwrap_or(buf.len());
        return Err(ParseError::TooLarge { size, limit }.into());
    }
    Ok(buf)
}

/// Read and parse one resume file, echoing `name` as its file name.
pub fn load_resume(
    path: &Path,
    name: &str,
    s: &Scoring,
) -> Result<atscore_core::ParsedResume, CliError> {
    let bytes = read_bounded(path, s.opts.limits.max_file_bytes)?;
    let mut opts = s.opts.clone();
    opts.file_name = Some(name.to_string());
    Ok(atscore_core::parse_resume(&bytes, &opts)?)
}

/// Read and analyse a job description file (`-` = standard input).
pub fn load_job(path: &Path, s: &Scoring) -> Result<JobDescription, CliError> {
    let bytes = if path.as_os_str() == "-" {
        use std::io::Read;
        let mut buf = Vec::new();
        std::io::stdin()
            .take(s.opts.limits.max_file_bytes as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| CliError::new("io_error", format!("cannot read standard input: {e}")))?;
        buf
    } else {
        read_bounded(path, s.opts.limits.max_file_bytes)?
    };
    parse_job(&bytes, &s.opts.limits, s.taxonomy()).map_err(|e| {
        CliError::new(
            e.code().as_str(),
            format!("job description {}: {e}", path.display()),
        )
    })
}

/// Print an error the CLI way: one line on stderr, and the JSON error object when asked.
pub fn fail(json_out: bool, file: &str, e: &CliError) -> std::process::ExitCode {
    eprintln!("error: {file}: {} ({})", e.message, e.code);
    if json_out {
        println!(
            "{}",
            serde_json::json!({"file": file, "error": {"code": e.code, "message": e.message}})
        );
    }
    std::process::ExitCode::from(2)
}
