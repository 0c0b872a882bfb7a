//! Typed errors at the edge of the core library, each with a stable machine-readable code.

use serde::Serialize;

/// Stable error codes: part of the `atscore parse --json` and API contracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Empty,
    UnsupportedFormat,
    EncryptedPdf,
    Corrupt,
    TooLarge,
    TooManyPages,
    LimitExceeded,
    Timeout,
}

impl ErrorCode {
    /// The code as it appears in JSON (`"encrypted_pdf"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Empty => "empty",
            ErrorCode::UnsupportedFormat => "unsupported_format",
            ErrorCode::EncryptedPdf => "encrypted_pdf",
            ErrorCode::Corrupt => "corrupt",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::TooManyPages => "too_many_pages",
            ErrorCode::LimitExceeded => "limit_exceeded",
            ErrorCode::Timeout => "timeout",
        }
    }
}

/// Why a document could not be parsed.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum ParseError {
    #[error("the file is empty")]
    Empty,
    #[error("unsupported format: {0}")]
    UnsupportedFormat(String),
    #[error("the PDF is encrypted with a user password; remove the password and upload it again")]
    EncryptedPdf,
    #[error("the file is damaged and could not be read: {0}")]
    Corrupt(String),
    #[error("the file is {size} bytes, over the {limit}-byte limit")]
    TooLarge { size: usize, limit: usize },
    #[error("the document has {pages} pages, over the {limit}-page limit")]
    TooManyPages { pages: usize, limit: usize },
    #[error("a safety limit was exceeded: {0}")]
    LimitExceeded(String),
    #[error("parsing took longer than the {0} ms budget")]
    Timeout(u64),
}

impl ParseError {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            ParseError::Empty => ErrorCode::Empty,
            ParseError::UnsupportedFormat(_) => ErrorCode::UnsupportedFormat,
            ParseError::EncryptedPdf => ErrorCode::EncryptedPdf,
            ParseError::Corrupt(_) => ErrorCode::Corrupt,
            ParseError::TooLarge { .. } => ErrorCode::TooLarge,
            ParseError::TooManyPages { .. } => ErrorCode::TooManyPages,
            ParseError::LimitExceeded(_) => ErrorCode::LimitExceeded,
            ParseError::Timeout(_) => ErrorCode::Timeout,
        }
    }

    pub(crate) fn corrupt(msg: impl Into<String>) -> Self {
        ParseError::Corrupt(msg.into())
    }

    pub(crate) fn limit(msg: impl Into<String>) -> Self {
        ParseError::LimitExceeded(msg.into())
    }
}
