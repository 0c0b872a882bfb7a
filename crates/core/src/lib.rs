//! `atscore_core`: the domain core of atscore — resume bytes in, structured resume out, and
//! that resume matched against a job description.
//!
//! No async, no HTTP, no printing, no file-system access, no clock: callers hand in bytes (and
//! "today") and get back a [`ParsedResume`], a job analysis or a score, or a typed
//! [`ParseError`]. The folders follow the one-way flow, each importing only those before it:
//!
//! ```text
//!  text ◀── document ◀── resume ◀── matching        (an arrow points at what is imported)
//!  lexicon (word lists as data) and error/limits are used by all
//! ```
//!
//! 1. [`document`] — bytes → [`Document`]: format detection (never from a file name), one
//!    extractor per format behind a panic guard, [`Limits`] and a time budget, our own layout
//!    pass for PDFs, ZIP batches of resumes;
//! 2. [`resume`] — [`Document`] → [`ParsedResume`]: sections, entities (contact, dates,
//!    experience, education, certifications, languages), ATS format findings;
//! 3. [`matching`] — skills taxonomy and matcher, job-description analysis, BM25 terms, the
//!    ATS score and the ranking of many candidates;
//! 4. [`text`] — text clean-up and folding shared by all three.
//!
//! [`parse_resume`] runs stages 1–2 and tags the resume's skills with the taxonomy of stage 3.

pub mod document;
pub mod error;
pub mod lexicon;
pub mod limits;
pub mod matching;
pub mod pipeline;
pub mod resume;
pub mod text;

pub use document::{Document, Format, Line, Region};
pub use error::{ErrorCode, ParseError};
pub use limits::Limits;
pub use pipeline::{parse_resume, ParseOptions};
pub use resume::ParsedResume;
