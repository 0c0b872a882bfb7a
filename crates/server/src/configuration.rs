//! Server settings, read from the environment with documented defaults.

use std::net::SocketAddr;

/// Settings of one server process.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where to listen (`BIND`, default `127.0.0.1:8080`).
    pub bind: SocketAddr,
    /// Largest accepted upload in bytes (`MAX_FILE_SIZE`, default 10 MiB).
    pub max_file_size: usize,
    /// Documents parsed at once (default: the number of cores).
    pub parse_workers: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_file_size: 10 * 1024 * 1024,
            parse_workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

impl Settings {
    /// Defaults overridden by `BIND` and `MAX_FILE_SIZE`; invalid values are refused.
    pub fn from_env() -> Result<Settings, String> {
        let mut s = Settings::default();
        if let Ok(b) = std::env::var("BIND") {
            s.bind = b
                .parse()
                .map_err(|e| format!("BIND={b:?} is not an address like 127.0.0.1:8080: {e}"))?;
        }
        if let Ok(m) = std::env::var("MAX_FILE_SIZE") {
            s.max_file_size =
                m.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("MAX_FILE_SIZE={m:?} is not a positive number of bytes")
                })?;
        }
        Ok(s)
    }
}
