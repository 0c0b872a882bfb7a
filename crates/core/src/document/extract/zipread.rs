//! Bounded reading of ZIP containers (DOCX, ODT): entry count, per-entry and total inflated
//! size are capped while streaming, entry names are never used as paths.
//!
//! The declared (uncompressed) sizes in the archive are never trusted: every entry is inflated
//! in small chunks and reading stops with [`ParseError::LimitExceeded`] as soon as the entry or
//! the running total over the package goes past the [`Limits`]. Names are only compared as
//! strings (OPC part names), so `../../etc/passwd`-style entries are harmless.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use crate::{Limits, ParseError};

/// Chunk size used while inflating.
const CHUNK: usize = 64 * 1024;

/// A ZIP package opened from memory, with inflation budgets.
pub struct ZipPackage<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    max_entry: u64,
    max_total: u64,
    total: u64,
}

impl std::fmt::Debug for ZipPackage<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZipPackage")
            .field("entries", &self.archive.len())
            .field("inflated_total", &self.total)
            .finish()
    }
}

fn zip_error(e: ZipError) -> ParseError {
    match e {
        ZipError::UnsupportedArchive(m) => {
            ParseError::corrupt(format!("unsupported ZIP feature: {m}"))
        }
        other => ParseError::corrupt(format!(
            "not a readable ZIP package (truncated or damaged): {other}"
        )),
    }
}

impl<'a> ZipPackage<'a> {
    /// Open a ZIP archive held in memory. Truncated or non-ZIP data gives
    /// [`ParseError::Corrupt`]; more than `limits.max_archive_entries` entries gives
    /// [`ParseError::LimitExceeded`].
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, ParseError> {
        if bytes.is_empty() {
            return Err(ParseError::Empty);
        }
        if !bytes.starts_with(b"PK") {
            return Err(ParseError::corrupt("not a ZIP package (no ZIP signature)"));
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        if archive.len() > limits.max_archive_entries {
            return Err(ParseError::limit(format!(
                "the ZIP package has {} entries, over the {}-entry limit",
                archive.len(),
                limits.max_archive_entries
            )));
        }
        Ok(ZipPackage {
            archive,
            max_entry: limits.max_inflated_stream_bytes,
            max_total: limits.max_inflated_total_bytes,
            total: 0,
        })
    }

    /// Number of entries in the archive.
    pub fn len(&self) -> usize {
        self.archive.len()
    }

    /// True when the archive has no entries.
    pub fn is_empty(&self) -> bool {
        self.archive.is_empty()
    }

    /// Bytes inflated so far over the whole package.
    pub fn inflated_total(&self) -> u64 {
        self.total
    }

    /// Entry names (as stored; never used as file-system paths).
    pub fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// Index of an entry: exact name first, then ASCII case-insensitive (OPC part names are
    /// case-insensitive); a leading `/` is ignored.
    fn index_of(&self, name: &str) -> Option<usize> {
        let name = name.trim_start_matches('/');
        if let Some(i) = self.archive.index_for_name(name) {
            return Some(i);
        }
        let exact = self
            .archive
            .file_names()
            .filter_map(|n| n.ok())
            .find(|n| n.eq_ignore_ascii_case(name))?
            .into_owned();
        self.archive.index_for_name(&exact)
    }

    /// Read and inflate one entry. `Ok(None)` when there is no such entry; limits are enforced
    /// while streaming, whatever size the archive declares.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ParseError> {
        let Some(index) = self.index_of(name) else {
            return Ok(None);
        };
        let entry_limit = self.max_entry;
        let remaining_total = self.max_total.saturating_sub(self.total);
        let mut file = self.archive.by_index(index).map_err(zip_error)?;
        let mut out: Vec<u8> = Vec::new();
        let mut buf = vec![0u8; CHUNK];
        let mut read_total: u64 = 0;
        loop {
            let n = match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(ParseError::corrupt(format!(
                        "ZIP entry {name:?} could not be inflated: {e}"
                    )))
                }
            };
            read_total += n as u64;
            if read_total > entry_limit {
                return Err(ParseError::limit(format!(
                    "ZIP entry {name:?} inflates to more than {entry_limit} bytes"
                )));
            }
            if read_total > remaining_total {
                return Err(ParseError::limit(format!(
                    "the ZIP package inflates to more than {} bytes in total",
                    self.max_total
                )));
            }
            out.extend_from_slice(buf.get(..n).unwrap_or_default());
        }
        drop(file);
        self.total += read_total;
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn make_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, SimpleFileOptions::default())
                .expect("start");
            w.write_all(data).expect("write");
        }
        w.finish().expect("finish").into_inner()
    }

    #[test]
    fn reads_entries_case_insensitively() {
        let z = make_zip(&[("word/document.xml", b"<a/>"), ("../evil", b"x")]);
        let mut p = ZipPackage::open(&z, &Limits::default()).expect("open");
        assert_eq!(p.len(), 2);
        assert_eq!(
            p.read("word/document.xml").expect("ok"),
            Some(b"<a/>".to_vec())
        );
        assert_eq!(
            p.read("/Word/Document.xml").expect("ok"),
            Some(b"<a/>".to_vec())
        );
        assert_eq!(p.read("missing.xml").expect("ok"), None);
        assert_eq!(p.read("../evil").expect("ok"), Some(b"x".to_vec()));
    }

    #[test]
    fn caps_inflated_sizes() {
        let big = vec![b'a'; 200_000];
        let z = make_zip(&[("a", &big), ("b", &big)]);
        let limits = Limits {
            max_inflated_stream_bytes: 100_000,
            ..Limits::default()
        };
        let mut p = ZipPackage::open(&z, &limits).expect("open");
        assert!(matches!(p.read("a"), Err(ParseError::LimitExceeded(_))));
        let limits = Limits {
            max_inflated_total_bytes: 300_000,
            ..Limits::default()
        };
        let mut p = ZipPackage::open(&z, &limits).expect("open");
        assert!(p.read("a").expect("first fits").is_some());
        assert!(matches!(p.read("b"), Err(ParseError::LimitExceeded(_))));
    }

    #[test]
    fn caps_entry_count_and_rejects_garbage() {
        let z = make_zip(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        let limits = Limits {
            max_archive_entries: 2,
            ..Limits::default()
        };
        assert!(matches!(
            ZipPackage::open(&z, &limits),
            Err(ParseError::LimitExceeded(_))
        ));
        assert!(matches!(
            ZipPackage::open(b"hello world", &Limits::default()),
            Err(ParseError::Corrupt(_))
        ));
        let cut = z.get(..z.len() / 2).unwrap_or_default();
        assert!(matches!(
            ZipPackage::open(cut, &Limits::default()),
            Err(ParseError::Corrupt(_))
        ));
    }
}
