//! Section detection (placeholder).
