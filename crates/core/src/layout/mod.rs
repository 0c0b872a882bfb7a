//! Layout analysis for positioned glyphs: glyphs → words → lines → blocks → columns → order.
