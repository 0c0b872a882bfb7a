//! Layout analysis for positioned glyphs (PDF): glyphs → words → lines → blocks → columns →
//! reading order.
//!
//! The pass is independent of the PDF library: [`Glyph`] is our own type, so every step is
//! unit-tested on synthetic pages. The PDF's own content-stream order is the strongest single
//! reading-order signal on real resumes, so lines are built in stream order and the page is only
//! reordered where the geometry contradicts it (see [`order`]).

pub mod glyph;
pub mod lines;
pub mod order;
pub mod rules;

pub use glyph::Glyph;
pub use lines::{build_lines, TextLine};
pub use order::{order_lines, PageOrder};
