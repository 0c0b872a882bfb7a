//! Extractor for docx files (placeholder until implemented).

use crate::{Document, Limits, ParseError};

/// Extract a docx document.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
    Err(ParseError::UnsupportedFormat("docx extraction is not implemented yet".into()))
}
