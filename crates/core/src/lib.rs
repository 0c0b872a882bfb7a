//! `atscore_core`: the domain core of atscore — resume bytes in, structured resume out.
//!
//! No async, no HTTP, no printing, no file-system access: callers hand in bytes and get back
//! a [`ParsedResume`] or a typed [`ParseError`]. Data flows one way:
//!
//! 1. [`detect`] — the format is sniffed from the bytes, never taken from a file name;
//! 2. [`extract`] — one extractor per format turns bytes into a [`Document`]: lines in reading
//!    order with typography (size, bold), region (body, header, text box, table…) and the raw
//!    format facts an ATS cares about. PDFs go through our own [`layout`] pass on glyph boxes;
//! 3. [`normalize`] — shared text clean-up (NFKC, ligatures, icon glyphs, dashes, hyphenation);
//! 4. [`sections`] — headings from typography plus a multilingual lexicon → canonical sections;
//! 5. [`entities`] — contact details, dates and date ranges, experience and education entries;
//! 6. [`findings`] — ATS format findings with evidence;
//! 7. [`resume`] — the assembled [`ParsedResume`], the stable `atscore parse --json` contract.
//!
//! Beside the pipeline: [`archive`] unpacks a ZIP archive of resumes (a batch of candidates)
//! into bounded, named entries to parse one by one.
//!
//! Every extractor runs under [`Limits`] (size, pages, inflated bytes, XML depth, time) and
//! behind `catch_unwind`, so a hostile file ends in an error, never a crash or a hang.

pub mod archive;
pub mod detect;
pub mod document;
pub mod entities;
pub mod error;
pub mod extract;
pub mod findings;
pub mod job;
pub mod layout;
pub mod limits;
pub mod normalize;
pub mod parse;
pub mod resume;
pub mod score;
pub mod sections;
pub mod skills;
pub mod terms;

pub use detect::Format;
pub use document::{Document, Line, Region};
pub use error::{ErrorCode, ParseError};
pub use limits::Limits;
pub use parse::{parse_resume, ParseOptions};
pub use resume::ParsedResume;
