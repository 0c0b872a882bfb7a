//! Reading a resume: from a [`crate::Document`] to a [`ParsedResume`] — the second stage of
//! the one-way flow (document → resume → matching). Nothing here knows about jobs or scores.
//!
//! - [`sections`] — headings from typography plus a multilingual lexicon → canonical sections;
//! - [`entities`] — contact details, dates and date ranges, experience and education entries,
//!   certifications, spoken languages;
//! - [`findings`] — ATS format findings with evidence and fixes;
//! - [`read`] — the three above, in order, assembled by [`read_resume`];
//! - [`model`] — the [`ParsedResume`], the stable `atscore parse --json` contract.

pub mod entities;
pub mod findings;
pub mod model;
pub mod read;
pub mod sections;

pub use model::{Evidence, ParsedResume, SectionText, SkillHit};
pub use read::read_resume;
