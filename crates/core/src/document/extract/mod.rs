//! Extractors: one module per format, each turning bytes into a [`Document`].
//!
//! The dispatcher here picks the extractor for a detected [`Format`], after the size limit,
//! and runs it behind `catch_unwind` (a panic in a third-party parser becomes `corrupt`).
//! Every extractor must respect [`Limits`] and return typed [`ParseError`]s; the time budget
//! lives in [`crate::document::guard`]. [`zipread`] is the bounded ZIP reader of DOCX and ODT, and
//! [`sfnt`] checks the fonts embedded in a PDF before the PDF library reads them.

use crate::{Document, Format, Limits, ParseError};

pub mod dehyphenate;
pub mod doc;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod odt;
pub mod pdf;
pub mod rtf;
pub mod sfnt;
pub mod text;
pub mod zipread;

/// Extract a document of a known format.
pub fn extract(bytes: &[u8], format: Format, limits: &Limits) -> Result<Document, ParseError> {
    limits.check_size(bytes.len())?;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        dispatch(bytes, format, limits)
    }))
    .unwrap_or_else(|_| {
        Err(ParseError::corrupt(
            "the file is damaged (the parser gave up on it)",
        ))
    })
}

fn dispatch(bytes: &[u8], format: Format, limits: &Limits) -> Result<Document, ParseError> {
    let mut doc = match format {
        Format::Pdf => pdf::extract(bytes, limits)?,
        Format::Docx => docx::extract(bytes, limits)?,
        Format::Odt => odt::extract(bytes, limits)?,
        Format::Fodt => odt::extract_flat(bytes, limits)?,
        Format::Rtf => rtf::extract(bytes, limits)?,
        Format::Doc => doc::extract(bytes, limits)?,
        Format::Html => html::extract(bytes, limits)?,
        Format::Markdown => markdown::extract(bytes, limits)?,
        Format::Text => text::extract(bytes, limits)?,
    };
    doc.media_type = format.media_type().to_string();
    if doc.pages == 0 {
        doc.pages = 1;
    }
    Ok(doc)
}
