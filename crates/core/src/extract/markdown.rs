//! Extractor for markdown files (placeholder until implemented).

use crate::{Document, Limits, ParseError};

/// Extract a markdown document.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
    Err(ParseError::UnsupportedFormat("markdown extraction is not implemented yet".into()))
}
