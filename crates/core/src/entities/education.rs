//! education (placeholder).
