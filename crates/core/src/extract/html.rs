//! Extractor for html files (placeholder until implemented).

use crate::{Document, Limits, ParseError};

/// Extract a html document.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
    Err(ParseError::UnsupportedFormat("html extraction is not implemented yet".into()))
}
