//! Bounded reading of ZIP containers (DOCX, ODT): entry count, per-entry and total inflated
//! size are capped while streaming, entry names are never used as paths.
