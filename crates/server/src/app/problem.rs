//! How a workflow fails: a [`Problem`] carries the fields of an RFC 7807 problem document
//! (HTTP status, a stable machine-readable `code`, a detail for people, an optional
//! `Retry-After`), so every edge answers the same failure the same way: the API sends it as
//! `application/problem+json` (`crate::http::problem`), the web UI as an error page, and the
//! CLI prints its detail. Storage failures become 503 (retry is safe), never a 500 with
//! internals.

use axum::http::StatusCode;
use serde::Serialize;

use crate::infra::store::StoreError;

/// A problem document.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code (`too_large`, `unsupported_format`, …).
    pub code: String,
    /// Seconds to wait before retrying (429, 503), also sent as `Retry-After`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl Problem {
    pub fn new(status: StatusCode, code: &str, detail: impl Into<String>) -> Problem {
        Problem {
            kind: format!("https://atscore.dev/problems/{code}"),
            title: status.canonical_reason().unwrap_or("error").to_string(),
            status: status.as_u16(),
            detail: detail.into(),
            code: code.to_string(),
            retry_after: None,
        }
    }

    /// Ask the client to retry after `secs` seconds.
    pub fn retry_after(mut self, secs: u64) -> Problem {
        self.retry_after = Some(secs);
        self
    }

    /// The detail introduced by what it is about (`job description: the file is empty`).
    pub fn about(mut self, what: &str) -> Problem {
        self.detail = format!("{what}: {}", self.detail);
        self
    }

    pub fn not_found(what: &str) -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no such {what}"),
        )
    }

    pub fn bad_request(code: &str, detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, code, detail)
    }

    /// The HTTP status for a parse error of the core.
    pub fn from_parse(e: &atscore_core::ParseError) -> Problem {
        use atscore_core::ErrorCode::*;
        let status = match e.code() {
            TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UnsupportedFormat => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        Problem::new(status, e.code().as_str(), e.to_string())
    }
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Problem {
        tracing::error!(error = %e, "storage failure");
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "storage_unavailable",
            "the database is not available right now; nothing was changed, retry shortly",
        )
        .retry_after(2)
    }
}
