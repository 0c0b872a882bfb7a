//! Extractor for odt files (placeholder until implemented).

use crate::{Document, Limits, ParseError};

/// Extract a odt document.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
    Err(ParseError::UnsupportedFormat("odt extraction is not implemented yet".into()))
}

/// Extract a flat (single XML file) OpenDocument text.
pub fn extract_flat(_bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
    Err(ParseError::UnsupportedFormat("fodt extraction is not implemented yet".into()))
}
