//! The parsing pipeline entry point (placeholder).

use crate::{Limits, ParseError, ParsedResume};

/// Options for [`parse_resume`].
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    pub limits: Limits,
}

/// Parse resume bytes.
pub fn parse_resume(_bytes: &[u8], _opts: &ParseOptions) -> Result<ParsedResume, ParseError> {
    Ok(ParsedResume::default())
}
