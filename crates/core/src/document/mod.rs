//! Reading a file: bytes in, a [`Document`] out — the first stage of the one-way flow
//! (document → resume → matching). Nothing here knows what a resume or a job is.
//!
//! - [`detect`] — the format, sniffed from the bytes, never from a file name;
//! - [`extract`] — one extractor per format, behind a panic guard and the [`crate::Limits`];
//!   PDFs go through our own [`layout`] pass on positioned glyphs;
//! - [`guard`] — extraction on its own thread under the time budget ([`extract_document`]);
//! - [`model`] — the [`Document`] every extractor produces: lines in reading order with
//!   typography and region, links, and the raw format facts;
//! - [`archive`] — ZIP archives of resumes (a batch of candidates), unpacked under bounds.

pub mod archive;
pub mod detect;
pub mod extract;
pub mod guard;
pub mod layout;
pub mod model;

pub use detect::Format;
pub use guard::{abandoned_extractions, extract_document};
pub use model::{Document, FormatFacts, HiddenText, Line, Region};
