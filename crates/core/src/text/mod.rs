//! Text utilities shared by every stage (the bottom of the one-way flow; imports nothing else
//! of the crate): clean-up and normalisation of extracted text, case and diacritic folding.
//!
//! - [`fold`] — case and diacritic folding ("Expérience" → "experience");
//! - [`normalize`] — NFKC, icon and unmapped glyphs, invisible characters, bullets, tokens;
//! - [`places`] — the one place-name table (region codes, states, countries, cities);
//! - [`sentences`] — the one sentence splitter, with rules for prose and for entry headers;
//! - [`words`] — word counting;

pub mod fold;
pub mod normalize;
pub mod places;
pub mod sentences;
pub mod words;
