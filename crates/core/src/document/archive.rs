//! ZIP archives of resumes (a batch of candidates in one upload): bytes in, named entries out,
//! nothing written anywhere. Shared by `atscore rank`/`match` and the server's candidate
//! upload.
//!
//! Bounded on every axis: at most [`ArchiveLimits::max_entries`] central-directory records are
//! looked at, each entry is inflated through `take(max_entry_bytes + 1)` while it streams (the
//! sizes an archive declares in its headers are never trusted), and once the inflated total
//! passes [`ArchiveLimits::max_total_bytes`] the rest is skipped — so at most
//! `max_total_bytes + max_entry_bytes + 1` bytes are ever inflated.
//!
//! Directories, `__MACOSX/` resource forks and dot-files (`.DS_Store`) are skipped. Entry
//! names are only ever shown, never used as paths: they keep the path inside the archive with
//! leading `/`, drive letters, `.` and `..` components removed (see [`entry_name`]). Nested
//! archives are returned as they are (the parser reports them as an unsupported format). A
//! DOCX or ODT is a ZIP too, but a document, not an archive: see [`is_resume_archive`].

use std::io::Read;

use crate::document::detect::{detect, Detected};
use crate::ParseError;

/// How much of an archive is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArchiveLimits {
    /// Central-directory records looked at (directories and skipped entries count).
    pub max_entries: usize,
    /// Inflated size of one entry; a larger entry is reported as `TooLarge`.
    pub max_entry_bytes: usize,
    /// Inflated size of the whole archive; the entries after it are skipped.
    pub max_total_bytes: u64,
}

impl Default for ArchiveLimits {
    /// 5,000 entries, 10 MiB per entry (the default resume size limit), 1 GiB in all.
    fn default() -> Self {
        ArchiveLimits {
            max_entries: 5_000,
            max_entry_bytes: 10 * 1024 * 1024,
            max_total_bytes: 1 << 30,
        }
    }
}

/// One file of an archive: its sanitised name and its bytes, or why they could not be read
/// (`Corrupt`, or `TooLarge` over [`ArchiveLimits::max_entry_bytes`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveEntry {
    pub name: String,
    pub bytes: Result<Vec<u8>, ParseError>,
}

/// The entries of an archive, sorted by name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unpacked {
    pub entries: Vec<ArchiveEntry>,
    /// Why the entries after the last one were skipped (`LimitExceeded`: too many entries, or
    /// the total inflated size); `None` when the whole archive was read.
    pub truncated: Option<ParseError>,
}

/// True for a ZIP archive of documents: a ZIP that [`detect`] does not recognise as a DOCX,
/// ODT or another office file.
pub fn is_resume_archive(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && matches!(detect(bytes), Detected::Unsupported(ref k) if k == "ZIP archive")
}

/// The name of an entry as shown: the path inside the archive, `/`-separated, without leading
/// `/`, a drive letter, empty, `.` or `..` components (`../../etc/passwd` → `etc/passwd`,
/// `C:\cv\a.pdf` → `cv/a.pdf`); control characters become `?`.
pub fn entry_name(raw: &str) -> String {
    let b = raw.as_bytes();
    let raw = if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        &raw[2..]
    } else {
        raw
    };
    raw.split(['/', '\\'])
        .filter(|c| !matches!(*c, "" | "." | ".."))
        .map(|c| {
            c.chars()
                .map(|ch| if ch.is_control() { '?' } else { ch })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Read the entries of a ZIP archive under `limits` (see the module doc). `Err` only when the
/// archive itself cannot be opened; unreadable entries are entries with an error.
pub fn unpack(bytes: &[u8], limits: &ArchiveLimits) -> Result<Unpacked, ParseError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ParseError::Corrupt(format!("unreadable ZIP archive: {e}")))?;
    let mut out = Unpacked::default();
    let mut total = 0u64;
    for i in 0..archive.len() {
        if i >= limits.max_entries {
            out.truncated = Some(ParseError::LimitExceeded(format!(
                "archive has more than {} entries; the rest were skipped",
                limits.max_entries
            )));
            break;
        }
        let Ok(mut f) = archive.by_index(i) else {
            continue;
        };
        let Ok(raw) = f.name().map(|n| n.into_owned()) else {
            continue;
        };
        let name = entry_name(&raw);
        if f.is_dir()
            || name.is_empty()
            || name.starts_with("__MACOSX/")
            || name.rsplit('/').next().is_some_and(|n| n.starts_with('.'))
        {
            continue;
        }
        let mut buf = Vec::new();
        let cap = (limits.max_entry_bytes as u64).saturating_add(1);
        let read = f.by_ref().take(cap).read_to_end(&mut buf);
        total += buf.len() as u64;
        let bytes = match read {
            Err(e) => Err(ParseError::Corrupt(format!("cannot inflate entry: {e}"))),
            Ok(_) if buf.len() > limits.max_entry_bytes => Err(ParseError::TooLarge {
                // The declared size when it is plausible, at least what was inflated.
                size: usize::try_from(f.size())
                    .unwrap_or(usize::MAX)
                    .max(buf.len()),
                limit: limits.max_entry_bytes,
            }),
            Ok(_) => Ok(buf),
        };
        out.entries.push(ArchiveEntry { name, bytes });
        if total > limits.max_total_bytes {
            out.truncated = Some(ParseError::LimitExceeded(format!(
                "archive inflates to more than {} bytes; the rest were skipped",
                limits.max_total_bytes
            )));
            break;
        }
    }
    out.entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;

    use super::*;

    fn zip_of(files: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(method);
        for (name, data) in files {
            if name.ends_with('/') {
                z.add_directory(*name, opts).unwrap();
            } else {
                z.start_file(*name, opts).unwrap();
                z.write_all(data).unwrap();
            }
        }
        z.finish().unwrap().into_inner()
    }

    fn names(u: &Unpacked) -> Vec<&str> {
        u.entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn reads_a_normal_archive_sorted_skipping_directories_and_dot_files() {
        for method in [CompressionMethod::Stored, CompressionMethod::Deflated] {
            let z = zip_of(
                &[
                    ("resumes/", b""),
                    ("resumes/zoe.md", b"# Zoe\n"),
                    ("adam.txt", b"Adam"),
                    ("__MACOSX/resumes/._zoe.md", b"junk"),
                    ("resumes/.DS_Store", b"junk"),
                    ("nested.zip", b"PK\x03\x04not expanded"),
                ],
                method,
            );
            assert!(is_resume_archive(&z));
            let u = unpack(&z, &ArchiveLimits::default()).unwrap();
            assert_eq!(u.truncated, None);
            assert_eq!(names(&u), ["adam.txt", "nested.zip", "resumes/zoe.md"]);
            assert_eq!(u.entries[0].bytes.as_deref(), Ok(&b"Adam"[..]));
            assert_eq!(
                u.entries[1].bytes.as_deref(),
                Ok(&b"PK\x03\x04not expanded"[..])
            );
            assert_eq!(u.entries[2].bytes.as_deref(), Ok(&b"# Zoe\n"[..]));
        }
    }

    #[test]
    fn stops_after_max_entries() {
        let files: Vec<(String, Vec<u8>)> = (0..5)
            .map(|i| (format!("cv{i}.txt"), vec![b'a'; 10]))
            .collect();
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice()))
            .collect();
        let z = zip_of(&refs, CompressionMethod::Deflated);
        let limits = ArchiveLimits {
            max_entries: 3,
            ..ArchiveLimits::default()
        };
        let u = unpack(&z, &limits).unwrap();
        assert_eq!(names(&u), ["cv0.txt", "cv1.txt", "cv2.txt"]);
        match &u.truncated {
            Some(ParseError::LimitExceeded(m)) => assert!(m.contains("more than 3 entries"), "{m}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_zip_bomb_entry_is_too_large_and_inflation_stops_at_the_limit() {
        // 50 MB of zeros deflates to ~50 KB.
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        z.start_file("bomb.txt", opts).unwrap();
        std::io::copy(&mut std::io::repeat(0).take(50_000_000), &mut z).unwrap();
        z.start_file("ok.txt", opts).unwrap();
        z.write_all(b"fine").unwrap();
        let z = z.finish().unwrap().into_inner();
        assert!(z.len() < 1_000_000, "{}", z.len());
        let u = unpack(&z, &ArchiveLimits::default()).unwrap();
        assert_eq!(u.truncated, None);
        assert_eq!(names(&u), ["bomb.txt", "ok.txt"]);
        assert_eq!(
            u.entries[0].bytes,
            Err(ParseError::TooLarge {
                size: 50_000_000,
                limit: 10 * 1024 * 1024
            })
        );
        assert_eq!(u.entries[1].bytes.as_deref(), Ok(&b"fine"[..]));
    }

    #[test]
    fn lying_header_sizes_are_not_trusted() {
        let big = vec![b'x'; 200_000];
        let mut z = zip_of(&[("cv.txt", &big)], CompressionMethod::Deflated);
        // Declare 10 bytes uncompressed in the local header and the central directory.
        let patch = |z: &mut Vec<u8>, sig: &[u8], off: usize| {
            let at = z.windows(4).position(|w| w == sig).unwrap();
            z[at + off..at + off + 4].copy_from_slice(&10u32.to_le_bytes());
        };
        patch(&mut z, b"PK\x03\x04", 22);
        patch(&mut z, b"PK\x01\x02", 24);
        let limits = ArchiveLimits {
            max_entry_bytes: 1_000,
            ..ArchiveLimits::default()
        };
        let u = unpack(&z, &limits).unwrap();
        assert_eq!(u.entries.len(), 1);
        // The reader refuses to inflate past the declared size (or, if it did not, our cap
        // would): the entry is an error, never more than the limit in memory.
        match &u.entries[0].bytes {
            Err(ParseError::Corrupt(_) | ParseError::TooLarge { .. }) => {}
            other => panic!("{:?}", other.as_ref().map(|b| b.len())),
        }
    }

    #[test]
    fn stops_after_the_total_inflated_size() {
        let data = vec![b'a'; 4_000];
        let z = zip_of(
            &[
                ("a.txt", &data),
                ("b.txt", &data),
                ("c.txt", &data),
                ("d.txt", &data),
                ("e.txt", &data),
            ],
            CompressionMethod::Deflated,
        );
        let limits = ArchiveLimits {
            max_total_bytes: 10_000,
            ..ArchiveLimits::default()
        };
        let u = unpack(&z, &limits).unwrap();
        // The entry that crosses the total is kept; the rest are skipped.
        assert_eq!(names(&u), ["a.txt", "b.txt", "c.txt"]);
        match &u.truncated {
            Some(ParseError::LimitExceeded(m)) => {
                assert!(m.contains("more than 10000 bytes"), "{m}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn zip_slip_names_are_shown_sanitised() {
        let z = zip_of(
            &[
                ("../../etc/passwd", b"1"),
                ("/abs/cv.md", b"2"),
                ("C:\\Users\\x\\cv.pdf", b"3"),
                ("a/./../../b.txt", b"4"),
                ("..\\..\\w.txt", b"5"),
                ("../..", b"6"),
            ],
            CompressionMethod::Stored,
        );
        let u = unpack(&z, &ArchiveLimits::default()).unwrap();
        assert_eq!(
            names(&u),
            [
                "Users/x/cv.pdf",
                "a/b.txt",
                "abs/cv.md",
                "etc/passwd",
                "w.txt"
            ]
        );
        assert_eq!(entry_name("x/\u{1b}[31mred.md"), "x/?[31mred.md");
        assert_eq!(entry_name("D:cv.md"), "cv.md");
    }

    #[test]
    fn a_docx_is_a_document_not_an_archive() {
        let docx = zip_of(
            &[
                ("[Content_Types].xml", b"<Types/>"),
                ("word/document.xml", b"<w:document/>"),
            ],
            CompressionMethod::Deflated,
        );
        assert!(!is_resume_archive(&docx));
        assert!(!is_resume_archive(b"%PDF-1.7\n"));
        assert!(!is_resume_archive(b""));
        let batch = zip_of(&[("cv.md", b"# CV")], CompressionMethod::Deflated);
        assert!(is_resume_archive(&batch));
    }

    #[test]
    fn an_unreadable_archive_is_corrupt() {
        match unpack(b"PK\x03\x04 this is not a zip", &ArchiveLimits::default()) {
            Err(ParseError::Corrupt(m)) => assert!(m.starts_with("unreadable ZIP archive"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
}
