//! Virus scanning with clamd over its INSTREAM protocol (TCP or a unix socket), before any
//! parser sees an upload. `CLAMAV_ENABLED` turns it on; it fails closed: a scanner that cannot
//! be reached, times out or answers an error refuses the upload (503 `scanner_unavailable`),
//! never passes it unscanned. A file larger than `CLAMAV_MAX_BYTES` (set it to clamd's
//! `StreamMaxLength`) is refused without being sent, and clamd's own "size limit exceeded" is a
//! refusal too. Every scan is counted in `clamav_scans_total{result}`.
//!
//! The protocol: `zINSTREAM\0`, then chunks each prefixed by its length (4 bytes, big
//! endian), then a zero length; clamd answers `stream: OK`, `stream: NAME FOUND` or `… ERROR`,
//! NUL-terminated. `zPING\0` answers `PONG` (readiness).

use std::path::PathBuf;
use std::time::Duration;

use axum::http::StatusCode;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use crate::infra::metrics::CLAMAV_SCANS_TOTAL;
use crate::http::problem::Problem;

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

/// What clamd said about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// The signature name clamd reported.
    Infected(String),
}

/// Why no verdict could be had (each one a refusal: fail closed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    #[error("the virus scanner at {0} cannot be reached: {1}")]
    Unreachable(String, String),
    #[error("the virus scanner did not answer within {0} s")]
    Timeout(u64),
    #[error("the file is over the scanner's limit of {0} bytes")]
    TooLarge(usize),
    #[error("the virus scanner refused the file: {0}")]
    Refused(String),
}

/// A clamd client.
#[derive(Debug, Clone)]
pub struct Scanner {
    address: ClamdAddress,
    timeout: Duration,
    max_bytes: usize,
}

const CHUNK: usize = 64 * 1024;

trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

impl Scanner {
    pub fn new(address: ClamdAddress, timeout: Duration, max_bytes: usize) -> Scanner {
        Scanner {
            address,
            timeout,
            max_bytes,
        }
    }

    pub fn address(&self) -> &ClamdAddress {
        &self.address
    }

    async fn connect(&self) -> Result<Box<dyn Stream>, ScanError> {
        let unreachable =
            |e: std::io::Error| ScanError::Unreachable(self.address.to_string(), e.to_string());
        Ok(match &self.address {
            ClamdAddress::Tcp(a) => Box::new(
                tokio::net::TcpStream::connect(a)
                    .await
                    .map_err(unreachable)?,
            ),
            ClamdAddress::Unix(p) => Box::new(
                tokio::net::UnixStream::connect(p)
                    .await
                    .map_err(unreachable)?,
            ),
        })
    }

    async fn exchange(&self, command: &[u8], body: Option<&[u8]>) -> Result<String, ScanError> {
        let io =
            |e: std::io::Error| ScanError::Unreachable(self.address.to_string(), e.to_string());
        let work = async {
            let mut s = self.connect().await?;
            s.write_all(command).await.map_err(io)?;
            if let Some(body) = body {
                for chunk in body.chunks(CHUNK) {
                    s.write_all(&(chunk.len() as u32).to_be_bytes())
                        .await
                        .map_err(io)?;
                    s.write_all(chunk).await.map_err(io)?;
                }
                s.write_all(&0u32.to_be_bytes()).await.map_err(io)?;
            }
            s.flush().await.map_err(io)?;
            let mut reply = Vec::new();
            let mut buf = [0u8; 512];
            loop {
                let n = s.read(&mut buf).await.map_err(io)?;
                if n == 0 {
                    break;
                }
                reply.extend_from_slice(&buf[..n]);
                if reply.contains(&0) || reply.len() > 4096 {
                    break;
                }
            }
            let end = reply.iter().position(|b| *b == 0).unwrap_or(reply.len());
            Ok(String::from_utf8_lossy(&reply[..end]).trim().to_string())
        };
        tokio::time::timeout(self.timeout, work)
            .await
            .map_err(|_| ScanError::Timeout(self.timeout.as_secs()))?
    }

    /// clamd answers PONG.
    pub async fn ping(&self) -> Result<(), ScanError> {
        let reply = self.exchange(b"zPING\0", None).await?;
        if reply == "PONG" {
            Ok(())
        } else {
            Err(ScanError::Refused(reply))
        }
    }

    /// Scan one file (not counted; see [`Scanner::check`]).
    pub async fn scan(&self, bytes: &[u8]) -> Result<Verdict, ScanError> {
        if bytes.len() > self.max_bytes {
            return Err(ScanError::TooLarge(self.max_bytes));
        }
        let reply = self.exchange(b"zINSTREAM\0", Some(bytes)).await?;
        parse_reply(&reply)
    }

    /// Scan one upload and turn the outcome into a refusal when it is not clean.
    pub async fn check(&self, bytes: &[u8], name: &str) -> Result<(), Problem> {
        let outcome = self.scan(bytes).await;
        let result = match &outcome {
            Ok(Verdict::Clean) => "clean",
            Ok(Verdict::Infected(_)) => "infected",
            Err(_) => "error",
        };
        metrics::counter!(CLAMAV_SCANS_TOTAL, "result" => result).increment(1);
        match outcome {
            Ok(Verdict::Clean) => Ok(()),
            Ok(Verdict::Infected(signature)) => {
                tracing::warn!(%signature, "upload refused: malware found");
                Err(Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "malware_detected",
                    format!("`{name}` was refused: the virus scanner found {signature}"),
                ))
            }
            Err(ScanError::TooLarge(limit)) => Err(Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large_to_scan",
                format!("`{name}` is over the virus scanner's limit of {limit} bytes"),
            )),
            Err(ScanError::Refused(why)) => {
                tracing::warn!(%why, "upload refused: the scanner gave no verdict");
                Err(Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "scan_failed",
                    format!("`{name}` was refused: the virus scanner could not check it ({why})"),
                ))
            }
            Err(e) => {
                tracing::error!(error = %e, "virus scanner unavailable; refusing uploads");
                Err(Problem::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "scanner_unavailable",
                    "uploads are refused while the virus scanner is unavailable; retry shortly",
                )
                .retry_after(5))
            }
        }
    }
}

/// `stream: OK`, `stream: NAME FOUND`, or an error line.
fn parse_reply(reply: &str) -> Result<Verdict, ScanError> {
    let body = reply
        .strip_prefix("stream:")
        .map(str::trim)
        .unwrap_or(reply);
    if body == "OK" {
        return Ok(Verdict::Clean);
    }
    if let Some(name) = body.strip_suffix("FOUND") {
        return Ok(Verdict::Infected(name.trim().to_string()));
    }
    // "INSTREAM size limit exceeded. ERROR" and every other error: no verdict, a refusal.
    Err(ScanError::Refused(reply.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn replies_parse() {
        assert_eq!(parse_reply("stream: OK").unwrap(), Verdict::Clean);
        assert_eq!(
            parse_reply("stream: Eicar-Test-Signature FOUND").unwrap(),
            Verdict::Infected("Eicar-Test-Signature".into())
        );
        assert!(matches!(
            parse_reply("INSTREAM size limit exceeded. ERROR"),
            Err(ScanError::Refused(_))
        ));
        assert!(parse_reply("").is_err());
    }
}
