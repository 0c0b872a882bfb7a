//! Virus scanning with clamd over its INSTREAM protocol (TCP or a unix socket), before any
//! parser sees an upload. `CLAMAV_ENABLED` turns it on; it fails closed: a scanner that cannot
//! be reached, times out or answers an error gives no verdict, and the workflows refuse the
//! upload (503 `scanner_unavailable`, see `crate::app::App::scan`), never pass it unscanned. A
//! file larger than `CLAMAV_MAX_BYTES` (set it to clamd's `StreamMaxLength`) is refused
//! without being sent, and clamd's own "size limit exceeded" is a refusal too. Every scan is
//! counted in `clamav_scans_total{result}`.
//!
//! The protocol: `zINSTREAM\0`, then chunks each prefixed by its length (4 bytes, big
//! endian), then a zero length; clamd answers `stream: OK`, `stream: NAME FOUND` or `… ERROR`,
//! NUL-terminated. `zPING\0` answers `PONG` (readiness).

use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

pub use crate::configuration::ClamdAddress;
use crate::infra::metrics::CLAMAV_SCANS_TOTAL;

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

    /// Scan one upload and count the outcome in `clamav_scans_total{result}` (what a refusal
    /// means to the caller is the workflow's to say: see `app::App::scan`).
    pub async fn check(&self, bytes: &[u8]) -> Result<Verdict, ScanError> {
        let outcome = self.scan(bytes).await;
        let result = match &outcome {
            Ok(Verdict::Clean) => "clean",
            Ok(Verdict::Infected(_)) => "infected",
            Err(_) => "error",
        };
        metrics::counter!(CLAMAV_SCANS_TOTAL, "result" => result).increment(1);
        outcome
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
