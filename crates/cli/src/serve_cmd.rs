//! `atscore serve [--bind ADDR] [--database-url URL] [--config FILE] …`: run the platform.
//! Settings are layered: defaults, the config file (`--config` or `ATSCORE_CONFIG`), the
//! environment, then these flags.

use std::path::PathBuf;
use std::process::ExitCode;

use atscore_server::configuration::{Layer, Settings};

/// Flags of `serve` (each overrides its environment variable).
#[derive(clap::Args, Debug, Default)]
pub struct ServeArgs {
    /// A TOML config file (same names as the environment variables, in lower case).
    #[arg(long, value_name = "FILE", env = "ATSCORE_CONFIG")]
    pub config: Option<PathBuf>,
    /// Listen address (BIND), default 127.0.0.1:8080.
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<String>,
    /// Storage (DATABASE_URL): sqlite://FILE (default sqlite://atscore.db) or postgres://….
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// Largest upload in bytes (MAX_FILE_SIZE), default 10 MiB.
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<String>,
    /// Log filter (LOG_LEVEL), default info.
    #[arg(long, value_name = "FILTER")]
    pub log_level: Option<String>,
    /// Log format (LOG_FORMAT): pretty or json.
    #[arg(long, value_name = "FORMAT")]
    pub log_format: Option<String>,
    /// keep (default) or analysis: whether original files are kept (RETENTION).
    #[arg(long, value_name = "POLICY")]
    pub retention: Option<String>,
}

impl ServeArgs {
    fn flags(&self) -> Layer {
        let pairs = [
            ("BIND", &self.bind),
            ("DATABASE_URL", &self.database_url),
            ("MAX_FILE_SIZE", &self.max_file_size),
            ("LOG_LEVEL", &self.log_level),
            ("LOG_FORMAT", &self.log_format),
            ("RETENTION", &self.retention),
        ];
        Layer::from_pairs(
            "command-line flags",
            pairs
                .into_iter()
                .filter_map(|(k, v)| v.clone().map(|v| (k.to_string(), v))),
        )
    }

    /// The settings these flags, the environment and the config file give.
    pub fn settings(&self) -> Result<Settings, String> {
        let mut layers = Vec::new();
        if let Some(p) = &self.config {
            layers.push(Layer::from_toml(p).map_err(|e| e.to_string())?);
        }
        layers.push(Layer::from_env());
        layers.push(self.flags());
        Settings::layered(&layers).map_err(|e| e.to_string())
    }
}

pub fn run(args: ServeArgs) -> ExitCode {
    match args
        .settings()
        .and_then(|s| atscore_server::startup::run(s).map_err(|e| e.to_string()))
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
