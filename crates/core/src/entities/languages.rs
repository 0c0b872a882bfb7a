//! languages (placeholder).
