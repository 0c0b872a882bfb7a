//! Extractor for rtf files (placeholder until implemented).

use crate::{Document, Limits, ParseError};

/// Extract a rtf document.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
    Err(ParseError::UnsupportedFormat("rtf extraction is not implemented yet".into()))
}
