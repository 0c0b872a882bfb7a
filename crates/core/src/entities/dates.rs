//! dates (placeholder).
