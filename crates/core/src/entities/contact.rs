//! contact (placeholder).
