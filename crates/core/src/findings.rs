//! ATS format findings (placeholder).
