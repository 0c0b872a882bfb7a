//! Resource limits applied to every document, with safe defaults.

use serde::{Deserialize, Serialize};

/// Limits that bound the work a single (possibly hostile) document can cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Maximum input size in bytes (default 10 MiB).
    pub max_file_bytes: usize,
    /// Maximum number of pages (PDF) (default 30).
    pub max_pages: usize,
    /// Maximum inflated size of a single compressed stream or archive entry (default 32 MiB).
    pub max_inflated_stream_bytes: u64,
    /// Maximum inflated size of a PDF content-like stream (not an image or a font) (default 8 MiB).
    pub max_content_stream_bytes: u64,
    /// Maximum inflated bytes over the whole document (default 96 MiB).
    pub max_inflated_total_bytes: u64,
    /// Maximum XML/markup nesting depth (default 256).
    pub max_xml_depth: usize,
    /// Maximum number of entries in an archive (default 2000).
    pub max_archive_entries: usize,
    /// Wall-clock budget per document in milliseconds (default 10 000).
    pub time_budget_ms: u64,
    /// Maximum number of extracted characters kept (default 2 000 000).
    pub max_text_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 10 * 1024 * 1024,
            max_pages: 30,
            max_inflated_stream_bytes: 32 * 1024 * 1024,
            max_content_stream_bytes: 8 * 1024 * 1024,
            max_inflated_total_bytes: 96 * 1024 * 1024,
            max_xml_depth: 256,
            max_archive_entries: 2000,
            time_budget_ms: 10_000,
            max_text_chars: 2_000_000,
        }
    }
}

impl Limits {
    /// `TooLarge` when `len` bytes exceed [`Limits::max_file_bytes`].
    pub fn check_size(&self, len: usize) -> Result<(), crate::ParseError> {
        if len > self.max_file_bytes {
            return Err(crate::ParseError::TooLarge {
                size: len,
                limit: self.max_file_bytes,
            });
        }
        Ok(())
    }
}
