//! Extractor for text files (placeholder until implemented).

use crate::{Document, Limits, ParseError};

/// Extract a text document.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
    Err(ParseError::UnsupportedFormat("text extraction is not implemented yet".into()))
}
