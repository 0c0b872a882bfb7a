//! Extractor for doc files (placeholder until implemented).

use crate::{Document, Limits, ParseError};

/// Extract a doc document.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
    Err(ParseError::UnsupportedFormat("doc extraction is not implemented yet".into()))
}
