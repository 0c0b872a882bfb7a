//! experience (placeholder).
