//! Server settings, layered: built-in defaults, then a TOML config file, then environment
//! variables, then command-line flags (each layer overrides the one before). Every value is
//! parsed once here, with an error naming the setting and where it came from.
//!
//! The environment names are the ones users of the old prototype know (`API_KEY`,
//! `CLAMAV_ENABLED`, `MAX_FILE_SIZE`, `LOG_LEVEL`) plus `DATABASE_URL`, `BIND` and the rest
//! listed in [`KEYS`]. In the config file the same names are written in lower case
//! (`max_file_size = 5242880`).
//!
//! The value types of settings live here too (clamd's address, the faults to inject), so
//! every layer reads its settings from this one module, which imports nothing else of the
//! crate.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// What to keep of an uploaded resume once it has been analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    /// The original file and the analysis (the file can be downloaded again).
    Keep,
    /// Only the analysis (parsed resume and score); the original bytes are dropped.
    AnalysisOnly,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Where clamd listens: `tcp://HOST:PORT` or `unix:///path/clamd.sock`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClamdAddress {
    Tcp(String),
    Unix(PathBuf),
}

impl ClamdAddress {
    /// Parse `tcp://host:port`, `unix:///path` or a bare `host:port`.
    pub fn parse(text: &str) -> Result<ClamdAddress, String> {
        if let Some(path) = text.strip_prefix("unix://") {
            if !path.starts_with('/') {
                return Err("a unix socket needs an absolute path: unix:///run/clamd.sock".into());
            }
            return Ok(ClamdAddress::Unix(PathBuf::from(path)));
        }
        let hostport = text.strip_prefix("tcp://").unwrap_or(text);
        match hostport.rsplit_once(':') {
            Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => {
                Ok(ClamdAddress::Tcp(hostport.to_string()))
            }
            _ => Err("expected tcp://HOST:PORT or unix:///path/to/clamd.sock".into()),
        }
    }
}

impl std::fmt::Display for ClamdAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClamdAddress::Tcp(a) => write!(f, "tcp://{a}"),
            ClamdAddress::Unix(p) => write!(f, "unix://{}", p.display()),
        }
    }
}

/// What to inject. Rates are probabilities per request in [0, 1].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct FaultConfig {
    /// Added to every request, in milliseconds.
    pub latency_ms: u64,
    /// Up to this much more, uniformly at random, in milliseconds.
    pub jitter_ms: u64,
    /// Share of requests answered 500 `fault_injected`.
    pub error_rate: f64,
    /// Share of requests whose connection is cut before a response is complete.
    pub abort_rate: f64,
    /// Share of requests whose handler panics (caught: 500 `internal`, the server stays up).
    pub panic_rate: f64,
    /// CPU time burnt on a blocking thread before each request, in milliseconds.
    pub cpu_burn_ms: u64,
}

impl FaultConfig {
    /// Refuse rates outside [0, 1] and absurd durations.
    pub fn check(&self) -> Result<(), String> {
        for (name, rate) in [
            ("error_rate", self.error_rate),
            ("abort_rate", self.abort_rate),
            ("panic_rate", self.panic_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("{name} {rate} is not between 0 and 1"));
            }
        }
        for (name, ms) in [
            ("latency_ms", self.latency_ms),
            ("jitter_ms", self.jitter_ms),
            ("cpu_burn_ms", self.cpu_burn_ms),
        ] {
            if ms > 60_000 {
                return Err(format!("{name} {ms} is over 60,000 ms"));
            }
        }
        Ok(())
    }

    /// True when nothing is injected.
    pub fn is_off(&self) -> bool {
        *self == FaultConfig::default()
    }
}

/// Settings of one server process.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where to listen (`BIND`, default `127.0.0.1:8080`).
    pub bind: SocketAddr,
    /// Storage (`DATABASE_URL`, default `sqlite://atscore.db`; `postgres://…` for PostgreSQL).
    pub database_url: String,
    /// Largest accepted resume or job file in bytes (`MAX_FILE_SIZE`, default 10 MiB).
    pub max_file_size: usize,
    /// One API key accepted besides the stored ones (`API_KEY`, the old prototype's setting).
    pub api_key: Option<String>,
    /// Scan uploads with clamd (`CLAMAV_ENABLED`, default off). Fails closed.
    pub clamav_enabled: bool,
    /// Where clamd listens (`CLAMAV_ADDRESS`: `tcp://HOST:PORT` or `unix:///path`; default
    /// `tcp://127.0.0.1:3310`).
    pub clamav_address: ClamdAddress,
    /// Time limit of one scan (`CLAMAV_TIMEOUT`, seconds, default 30).
    pub clamav_timeout: Duration,
    /// Largest file sent to clamd (`CLAMAV_MAX_BYTES`, default 25 MiB): set it to clamd's
    /// `StreamMaxLength`; larger files are refused, never passed unscanned.
    pub clamav_max_bytes: usize,
    /// Log filter (`LOG_LEVEL`, default `info`; any `tracing` filter such as `atscore=debug`).
    pub log_level: String,
    /// `LOG_FORMAT`: `pretty` (default) or `json`.
    pub log_format: LogFormat,
    /// Documents parsed at once (`PARSE_WORKERS`, default: the number of cores).
    pub parse_workers: usize,
    /// Time limit of one API request (`REQUEST_TIMEOUT`, seconds, default 30).
    pub request_timeout: Duration,
    /// Time limit of a bulk candidate upload (`UPLOAD_TIMEOUT`, seconds, default 300).
    pub upload_timeout: Duration,
    /// `RETENTION`: `keep` (default) or `analysis` (drop the original file after analysis).
    pub retention: Retention,
    /// Requests per minute per API key (`RATE_LIMIT_PER_MINUTE`, default 600; 0 = off).
    pub rate_limit_per_minute: u32,
    /// Requests a key may send at once above the steady rate (`RATE_LIMIT_BURST`, default 60).
    pub rate_limit_burst: u32,
    /// Files in one candidate upload, zip entries included (`MAX_UPLOAD_FILES`, default 500).
    pub max_upload_files: usize,
    /// Bytes of one candidate upload request (`MAX_UPLOAD_SIZE`, default 100 MiB).
    pub max_upload_size: usize,
    /// Inflated bytes of one candidate upload, zip entries included (`MAX_UPLOAD_INFLATED`,
    /// default 256 MiB).
    pub max_upload_inflated: u64,
    /// Networks a `job_url` may point at although they are private or loopback
    /// (`JOB_URL_ALLOW`, comma-separated CIDRs; default none). For tests and intranets.
    pub job_url_allow: Vec<ipnet::IpNet>,
    /// Largest job page fetched (`JOB_URL_MAX_BYTES`, default 2 MiB).
    pub job_url_max_bytes: usize,
    /// Time limit of a job page fetch, all redirects included (`JOB_URL_TIMEOUT`, seconds,
    /// default 10).
    pub job_url_timeout: Duration,
    /// Lifetime of a web sign-in (`SESSION_TTL_HOURS`, default 12).
    pub session_ttl: Duration,
    /// Mark cookies `Secure` (`COOKIE_SECURE`, default false; set it behind HTTPS).
    pub cookie_secure: bool,
    /// Recent score reports kept in memory, keyed by content (`CACHE_ENTRIES`, default 64;
    /// 0 = off); job analyses get four times as many.
    pub cache_entries: usize,
    /// Serve `/metrics` on its own address instead of the main one (`METRICS_BIND`, e.g.
    /// `127.0.0.1:9090`; default: on the main address).
    pub metrics_bind: Option<SocketAddr>,
    /// Count requests and serve `/metrics` (`METRICS`, default true; false only to measure
    /// what the metrics layer costs: `scripts/bench http`).
    pub metrics_enabled: bool,
    /// Expensive requests (parse, score, candidate uploads) admitted at once, running or
    /// queued for a parse worker (`MAX_IN_FLIGHT`, default 64; 0 = no limit). Past it: a fast
    /// 503 `overloaded` with `Retry-After` (load shedding).
    pub max_in_flight: usize,
    /// How long a graceful shutdown waits for in-flight requests (`SHUTDOWN_TIMEOUT`,
    /// seconds, default 20) before the process exits anyway.
    pub shutdown_timeout: Duration,
    /// Allow fault injection (`FAULTS`, default false): the `FAULT_*` settings and
    /// `/api/v1/admin/faults`. For drills and chaos tests, never in normal service.
    pub faults_enabled: bool,
    /// The faults injected from the start when `FAULTS=true` (`FAULT_LATENCY_MS`,
    /// `FAULT_JITTER_MS`, `FAULT_ERROR_RATE`, `FAULT_ABORT_RATE`, `FAULT_PANIC_RATE`,
    /// `FAULT_CPU_BURN_MS`).
    pub faults: FaultConfig,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: "sqlite://atscore.db".into(),
            max_file_size: 10 * 1024 * 1024,
            api_key: None,
            clamav_enabled: false,
            log_level: "info".into(),
            log_format: LogFormat::Pretty,
            parse_workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
            request_timeout: Duration::from_secs(30),
            upload_timeout: Duration::from_secs(300),
            retention: Retention::Keep,
            rate_limit_per_minute: 600,
            rate_limit_burst: 60,
            max_upload_files: 500,
            max_upload_size: 100 * 1024 * 1024,
            max_upload_inflated: 256 * 1024 * 1024,
            job_url_allow: Vec::new(),
            job_url_max_bytes: 2 * 1024 * 1024,
            job_url_timeout: Duration::from_secs(10),
            session_ttl: Duration::from_secs(12 * 3600),
            cookie_secure: false,
            cache_entries: 64,
            metrics_bind: None,
            metrics_enabled: true,
            clamav_address: ClamdAddress::Tcp("127.0.0.1:3310".into()),
            clamav_timeout: Duration::from_secs(30),
            clamav_max_bytes: 25 * 1024 * 1024,
            max_in_flight: 64,
            shutdown_timeout: Duration::from_secs(20),
            faults_enabled: false,
            faults: FaultConfig::default(),
        }
    }
}

/// Every setting's environment name (the config file uses the same names in lower case).
pub const KEYS: &[&str] = &[
    "BIND",
    "DATABASE_URL",
    "MAX_FILE_SIZE",
    "API_KEY",
    "CLAMAV_ENABLED",
    "LOG_LEVEL",
    "LOG_FORMAT",
    "PARSE_WORKERS",
    "REQUEST_TIMEOUT",
    "UPLOAD_TIMEOUT",
    "RETENTION",
    "RATE_LIMIT_PER_MINUTE",
    "RATE_LIMIT_BURST",
    "MAX_UPLOAD_FILES",
    "MAX_UPLOAD_SIZE",
    "MAX_UPLOAD_INFLATED",
    "JOB_URL_ALLOW",
    "JOB_URL_MAX_BYTES",
    "JOB_URL_TIMEOUT",
    "SESSION_TTL_HOURS",
    "COOKIE_SECURE",
    "CACHE_ENTRIES",
    "METRICS_BIND",
    "METRICS",
    "CLAMAV_ADDRESS",
    "CLAMAV_TIMEOUT",
    "CLAMAV_MAX_BYTES",
    "MAX_IN_FLIGHT",
    "SHUTDOWN_TIMEOUT",
    "FAULTS",
    "FAULT_LATENCY_MS",
    "FAULT_JITTER_MS",
    "FAULT_ERROR_RATE",
    "FAULT_ABORT_RATE",
    "FAULT_PANIC_RATE",
    "FAULT_CPU_BURN_MS",
];

/// A settings error: which setting, from where, and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{key}={value:?} (from {origin}): {reason}")]
pub struct SettingsError {
    pub key: String,
    pub value: String,
    pub origin: String,
    pub reason: String,
}

/// One layer of raw values: setting name (upper case) → text, with where it came from.
#[derive(Debug, Clone, Default)]
pub struct Layer {
    pub source: String,
    pub values: BTreeMap<String, String>,
}

impl Layer {
    /// The process environment (only the names in [`KEYS`]).
    pub fn from_env() -> Layer {
        Layer::from_pairs("the environment", std::env::vars())
    }

    /// Any name → value pairs (only the names in [`KEYS`] are kept).
    pub fn from_pairs(source: &str, pairs: impl IntoIterator<Item = (String, String)>) -> Layer {
        Layer {
            source: source.into(),
            values: pairs
                .into_iter()
                .filter(|(k, _)| KEYS.contains(&k.as_str()))
                .collect(),
        }
    }

    /// A TOML config file; unknown keys are refused (a typo must not pass silently).
    pub fn from_toml(path: &Path) -> Result<Layer, SettingsError> {
        let source = format!("config file {}", path.display());
        let err = |reason: String| SettingsError {
            key: "config".into(),
            value: path.display().to_string(),
            origin: source.clone(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| err(e.to_string()))?;
        let mut values = BTreeMap::new();
        for (k, v) in table {
            let key = k.to_ascii_uppercase();
            if !KEYS.contains(&key.as_str()) {
                return Err(err(format!(
                    "unknown setting `{k}`; known: {}",
                    KEYS.join(", ").to_ascii_lowercase()
                )));
            }
            let text = match v {
                toml::Value::String(s) => s,
                toml::Value::Array(a) => a
                    .iter()
                    .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join(","),
                other => other.to_string(),
            };
            values.insert(key, text);
        }
        Ok(Layer { source, values })
    }
}

impl Settings {
    /// Defaults overridden by the environment (what tests and `atscore serve` without flags use).
    pub fn from_env() -> Result<Settings, SettingsError> {
        Settings::layered(&[Layer::from_env()])
    }

    /// Defaults, then each layer in order.
    pub fn layered(layers: &[Layer]) -> Result<Settings, SettingsError> {
        let mut s = Settings::default();
        for layer in layers {
            for (k, v) in &layer.values {
                s.apply(k, v).map_err(|reason| SettingsError {
                    key: k.clone(),
                    value: if k == "API_KEY" {
                        "<redacted>".into()
                    } else {
                        v.clone()
                    },
                    origin: layer.source.clone(),
                    reason,
                })?;
            }
        }
        Ok(s)
    }

    fn apply(&mut self, key: &str, v: &str) -> Result<(), String> {
        let v = v.trim();
        match key {
            "BIND" => {
                self.bind = v
                    .parse()
                    .map_err(|e| format!("not an address like 127.0.0.1:8080: {e}"))?
            }
            "DATABASE_URL" => {
                if !(v.starts_with("sqlite:")
                    || v.starts_with("postgres://")
                    || v.starts_with("postgresql://"))
                {
                    return Err("expected sqlite://FILE or postgres://…".into());
                }
                self.database_url = v.into()
            }
            "MAX_FILE_SIZE" => self.max_file_size = positive(v)?,
            "API_KEY" => {
                self.api_key = if v.is_empty() {
                    None
                } else if v.len() < 16 {
                    return Err("an API key needs at least 16 characters".into());
                } else {
                    Some(v.into())
                }
            }
            "CLAMAV_ENABLED" => self.clamav_enabled = boolean(v)?,
            "CLAMAV_ADDRESS" => self.clamav_address = ClamdAddress::parse(v)?,
            "CLAMAV_TIMEOUT" => self.clamav_timeout = seconds(v)?,
            "CLAMAV_MAX_BYTES" => self.clamav_max_bytes = positive(v)?,
            "LOG_LEVEL" => {
                tracing_subscriber::EnvFilter::try_new(v).map_err(|e| e.to_string())?;
                self.log_level = v.into()
            }
            "LOG_FORMAT" => {
                self.log_format = match v.to_ascii_lowercase().as_str() {
                    "pretty" | "text" => LogFormat::Pretty,
                    "json" => LogFormat::Json,
                    _ => return Err("expected pretty or json".into()),
                }
            }
            "PARSE_WORKERS" => self.parse_workers = positive(v)?,
            "REQUEST_TIMEOUT" => self.request_timeout = seconds(v)?,
            "UPLOAD_TIMEOUT" => self.upload_timeout = seconds(v)?,
            "RETENTION" => {
                self.retention = match v.to_ascii_lowercase().as_str() {
                    "keep" => Retention::Keep,
                    "analysis" | "analysis-only" | "analysis_only" => Retention::AnalysisOnly,
                    _ => return Err("expected keep or analysis".into()),
                }
            }
            "RATE_LIMIT_PER_MINUTE" => {
                self.rate_limit_per_minute = v.parse().map_err(|_| "expected a number")?
            }
            "RATE_LIMIT_BURST" => self.rate_limit_burst = positive(v)? as u32,
            "MAX_UPLOAD_FILES" => self.max_upload_files = positive(v)?,
            "MAX_UPLOAD_SIZE" => self.max_upload_size = positive(v)?,
            "MAX_UPLOAD_INFLATED" => self.max_upload_inflated = positive(v)? as u64,
            "JOB_URL_ALLOW" => {
                self.job_url_allow = v
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        s.parse::<ipnet::IpNet>()
                            .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                            .map_err(|_| format!("`{s}` is not an address or CIDR network"))
                    })
                    .collect::<Result<_, _>>()?
            }
            "JOB_URL_MAX_BYTES" => self.job_url_max_bytes = positive(v)?,
            "JOB_URL_TIMEOUT" => self.job_url_timeout = seconds(v)?,
            "SESSION_TTL_HOURS" => {
                self.session_ttl = Duration::from_secs(positive(v)? as u64 * 3600)
            }
            "COOKIE_SECURE" => self.cookie_secure = boolean(v)?,
            "CACHE_ENTRIES" => self.cache_entries = v.parse().map_err(|_| "expected a number")?,
            "METRICS_BIND" => {
                self.metrics_bind = if v.is_empty() {
                    None
                } else {
                    Some(
                        v.parse()
                            .map_err(|e| format!("not an address like 127.0.0.1:9090: {e}"))?,
                    )
                }
            }
            "METRICS" => self.metrics_enabled = boolean(v)?,
            "MAX_IN_FLIGHT" => self.max_in_flight = v.parse().map_err(|_| "expected a number")?,
            "SHUTDOWN_TIMEOUT" => self.shutdown_timeout = seconds(v)?,
            "FAULTS" => self.faults_enabled = boolean(v)?,
            "FAULT_LATENCY_MS" => {
                self.faults.latency_ms = v.parse().map_err(|_| "expected milliseconds")?
            }
            "FAULT_JITTER_MS" => {
                self.faults.jitter_ms = v.parse().map_err(|_| "expected milliseconds")?
            }
            "FAULT_CPU_BURN_MS" => {
                self.faults.cpu_burn_ms = v.parse().map_err(|_| "expected milliseconds")?
            }
            "FAULT_ERROR_RATE" => self.faults.error_rate = rate(v)?,
            "FAULT_ABORT_RATE" => self.faults.abort_rate = rate(v)?,
            "FAULT_PANIC_RATE" => self.faults.panic_rate = rate(v)?,
            _ => return Err("unknown setting".into()),
        }
        Ok(())
    }

    /// True when the server listens on loopback only.
    pub fn is_loopback(&self) -> bool {
        self.bind.ip().is_loopback()
    }
}

fn positive(v: &str) -> Result<usize, String> {
    v.replace('_', "")
        .parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| "expected a positive whole number".into())
}

fn seconds(v: &str) -> Result<Duration, String> {
    let n: f64 = v
        .trim_end_matches('s')
        .parse()
        .map_err(|_| "expected seconds, like 30")?;
    if !(n > 0.0 && n.is_finite()) {
        return Err("expected a positive number of seconds".into());
    }
    Ok(Duration::from_secs_f64(n))
}

fn rate(v: &str) -> Result<f64, String> {
    v.parse::<f64>()
        .ok()
        .filter(|r| (0.0..=1.0).contains(r))
        .ok_or_else(|| "expected a rate between 0 and 1".into())
}

fn boolean(v: &str) -> Result<bool, String> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" | "" => Ok(false),
        _ => Err("expected true or false".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(source: &str, pairs: &[(&str, &str)]) -> Layer {
        Layer::from_pairs(
            source,
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())),
        )
    }

    #[test]
    fn later_layers_win_and_errors_name_the_source() {
        let s = Settings::layered(&[
            layer(
                "file",
                &[("MAX_FILE_SIZE", "100"), ("BIND", "0.0.0.0:9000")],
            ),
            layer(
                "env",
                &[("MAX_FILE_SIZE", "200"), ("RETENTION", "analysis")],
            ),
        ])
        .unwrap();
        assert_eq!(s.max_file_size, 200);
        assert_eq!(s.bind.port(), 9000);
        assert_eq!(s.retention, Retention::AnalysisOnly);
        let e = Settings::layered(&[layer("env", &[("MAX_FILE_SIZE", "ten")])]).unwrap_err();
        assert_eq!(e.key, "MAX_FILE_SIZE");
        assert_eq!(e.origin, "env");
        let e = Settings::layered(&[layer("env", &[("API_KEY", "short")])]).unwrap_err();
        assert_eq!(e.value, "<redacted>", "a key is never echoed");
    }

    #[test]
    fn addresses_parse() {
        assert_eq!(
            ClamdAddress::parse("tcp://127.0.0.1:3310").unwrap(),
            ClamdAddress::Tcp("127.0.0.1:3310".into())
        );
        assert_eq!(
            ClamdAddress::parse("clamd:3310").unwrap(),
            ClamdAddress::Tcp("clamd:3310".into())
        );
        assert_eq!(
            ClamdAddress::parse("unix:///run/clamav/clamd.ctl").unwrap(),
            ClamdAddress::Unix("/run/clamav/clamd.ctl".into())
        );
        for bad in ["", "tcp://", "unix://relative", "host", "host:port"] {
            assert!(ClamdAddress::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn configs_are_checked() {
        assert!(FaultConfig::default().check().is_ok());
        assert!(FaultConfig::default().is_off());
        let bad = FaultConfig {
            error_rate: 1.5,
            ..FaultConfig::default()
        };
        assert!(bad.check().unwrap_err().contains("error_rate"));
        let slow = FaultConfig {
            latency_ms: 61_000,
            ..FaultConfig::default()
        };
        assert!(slow.check().is_err());
    }

    #[test]
    fn toml_file_layer() {
        let dir = std::env::temp_dir().join(format!("atscore-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("a.toml");
        std::fs::write(
            &p,
            "max_file_size = 1234\njob_url_allow = [\"127.0.0.0/8\"]\n",
        )
        .unwrap();
        let s = Settings::layered(&[Layer::from_toml(&p).unwrap()]).unwrap();
        assert_eq!(s.max_file_size, 1234);
        assert_eq!(s.job_url_allow.len(), 1);
        std::fs::write(&p, "max_flie_size = 1\n").unwrap();
        let e = Layer::from_toml(&p).unwrap_err();
        assert!(e.reason.contains("unknown setting"), "{e}");
    }
}
