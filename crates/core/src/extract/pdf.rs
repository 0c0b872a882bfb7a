//! PDF extractor on `pdf_oxide` glyphs plus our own layout pass.

use crate::{Document, Limits, ParseError};

/// Extract a PDF document.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
    Err(ParseError::UnsupportedFormat("pdf extraction is not implemented yet".into()))
}
