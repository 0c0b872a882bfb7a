//! A positioned glyph in page space (origin top-left, y grows downwards, units = points).

/// One glyph as drawn on a page, in content-stream order.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The Unicode text of the glyph (already mapped by the PDF reader).
    pub c: char,
    /// Left edge.
    pub x0: f32,
    /// Right edge (left edge + advance).
    pub x1: f32,
    /// Baseline y (downwards).
    pub baseline: f32,
    /// Font size in points (after the text matrix).
    pub size: f32,
    /// Drawn with a bold face.
    pub bold: bool,
    /// Fill colour, RGB 0..1.
    pub color: [f32; 3],
}

impl Glyph {
    /// A black, regular glyph (tests).
    pub fn new(c: char, x0: f32, baseline: f32, width: f32, size: f32) -> Self {
        Glyph {
            c,
            x0,
            x1: x0 + width,
            baseline,
            size,
            bold: false,
            color: [0.0; 3],
        }
    }

    /// Top of the glyph box (ascent approximated as 0.8 em).
    pub fn top(&self) -> f32 {
        self.baseline - 0.8 * self.size
    }

    /// Horizontal centre.
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}
