//! Errors as RFC 7807 problem documents (`application/problem+json`) with a stable `code`.
//! Every failure the API can answer with goes through [`Problem`]; storage failures become 503
//! (retry is safe), never a 500 with internals.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
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

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut resp = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response();
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"atscore\""),
            );
        }
        resp
    }
}

/// A JSON request body whose rejections are problem documents.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(e) => Err(json_problem(e)),
        }
    }
}

fn json_problem(e: JsonRejection) -> Problem {
    let status = e.status();
    let code = match e {
        JsonRejection::MissingJsonContentType(_) => "expected_json",
        JsonRejection::JsonSyntaxError(_) => "invalid_json",
        JsonRejection::JsonDataError(_) => "invalid_fields",
        _ => "invalid_body",
    };
    let status = if status == StatusCode::PAYLOAD_TOO_LARGE {
        status
    } else if code == "expected_json" {
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    } else {
        StatusCode::BAD_REQUEST
    };
    Problem::new(status, code, e.body_text())
}

/// Query parameters whose rejections are problem documents.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> axum::extract::FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|e| Problem::bad_request("invalid_query", e.body_text()))
    }
}

/// A multipart body whose rejection (wrong content type, no boundary) is a problem document.
#[derive(Debug)]
pub struct ApiMultipart(pub axum::extract::Multipart);

impl<S: Send + Sync> FromRequest<S> for ApiMultipart {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Multipart::from_request(req, state)
            .await
            .map(ApiMultipart)
            .map_err(|e| {
                Problem::bad_request(
                    "bad_multipart",
                    format!("expected a multipart/form-data body: {}", e.body_text()),
                )
            })
    }
}
