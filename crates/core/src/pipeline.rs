//! The whole reading of a resume, top of the one-way flow: bytes → [`crate::document`]
//! (detection, guarded extraction) → [`crate::resume`] (sections, entities, findings) → the
//! skills found by the taxonomy of [`crate::matching::skills`] → [`ParsedResume`].

use crate::document::{extract_document, Document};
use crate::matching::skills::{resume_skills, Taxonomy};
use crate::resume::entities::dates::YearMonth;
use crate::resume::{read_resume, ParsedResume};
use crate::{Format, Limits, ParseError};

/// Options for [`parse_resume`].
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    pub limits: Limits,
    /// The date "Present" means; `None` = the latest date found in the resume (keeps output
    /// deterministic for the same bytes). Callers usually pass the current month.
    pub today: Option<YearMonth>,
    /// File name to echo in the output (never used to detect the format).
    pub file_name: Option<String>,
    /// Skills taxonomy; `None` = the embedded one.
    pub taxonomy: Option<std::sync::Arc<Taxonomy>>,
}

/// Parse resume bytes into a [`ParsedResume`].
pub fn parse_resume(bytes: &[u8], opts: &ParseOptions) -> Result<ParsedResume, ParseError> {
    let (format, doc) = extract_document(bytes, &opts.limits)?;
    Ok(analyze(format, doc, opts))
}

/// Turn an extracted document into a parsed resume, skills included.
pub fn analyze(format: Format, doc: Document, opts: &ParseOptions) -> ParsedResume {
    let mut resume = read_resume(format, doc, opts.today, opts.file_name.clone());
    let tax: &Taxonomy = opts
        .taxonomy
        .as_deref()
        .unwrap_or_else(|| Taxonomy::embedded());
    resume.skills = resume_skills(tax, &resume.sections);
    resume
}
