//! Collecting candidate documents for `rank` and `match`: files, directories (recursively,
//! sorted) and ZIP archives of resumes (bounded: entry count, entry size and total inflated
//! size; nothing is written to disk). A DOCX or ODT is a document, not an archive.

use std::io::Read;
use std::path::{Path, PathBuf};

use atscore_core::detect::{detect, Detected};

use crate::inputs::{display_name, read_bounded, CliError};

/// At most this many entries are read from one ZIP archive.
pub const MAX_ZIP_ENTRIES: usize = 5_000;
/// At most this many bytes are inflated from one ZIP archive.
pub const MAX_ZIP_TOTAL: u64 = 1 << 30;

/// One candidate document: its display name and its bytes (or why it could not be read).
/// Plain files are read only when [`Input::load`] is called (by the worker that parses them),
/// so a thousand resumes never sit in memory at once; ZIP entries are inflated up front.
pub struct Input {
    pub name: String,
    pub bytes: Result<Vec<u8>, CliError>,
    /// A file still to read (bounded by `max_file`).
    pub deferred: Option<(PathBuf, usize)>,
}

impl Input {
    fn ready(name: &str, bytes: Result<Vec<u8>, CliError>) -> Input {
        Input {
            name: name.to_string(),
            bytes,
            deferred: None,
        }
    }

    /// The document's bytes.
    pub fn load(self) -> Result<Vec<u8>, CliError> {
        match self.deferred {
            Some((path, max)) => read_bounded(&path, max),
            None => self.bytes,
        }
    }
}

/// Files named on the command line, directories walked, archives opened.
pub fn collect(paths: &[PathBuf], max_file: usize) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files);
            files.sort();
            for f in files {
                push_file(
                    &f,
                    &f.strip_prefix(p).unwrap_or(&f).display().to_string(),
                    max_file,
                    &mut out,
                );
            }
        } else {
            push_file(p, &display_name(p), max_file, &mut out);
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}

fn push_file(path: &Path, name: &str, max_file: usize, out: &mut Vec<Input>) {
    // Only ZIP containers need a look now (an archive of resumes, or a DOCX/ODT).
    let mut magic = [0u8; 4];
    let is_zip = std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == b"PK\x03\x04";
    if !is_zip {
        out.push(Input {
            name: name.to_string(),
            bytes: Ok(Vec::new()),
            deferred: Some((path.to_path_buf(), max_file)),
        });
        return;
    }
    // Archives may be larger than one resume: allow up to 64× the file limit for them.
    let bytes = match read_bounded(path, max_file.saturating_mul(64)) {
        Ok(b) => b,
        Err(e) => {
            out.push(Input::ready(name, Err(e)));
            return;
        }
    };
    if bytes.starts_with(b"PK\x03\x04")
        && matches!(detect(&bytes), Detected::Unsupported(ref k) if k == "ZIP archive")
    {
        unzip(name, &bytes, max_file, out);
        return;
    }
    let bytes = if bytes.len() > max_file {
        Err(atscore_core::ParseError::TooLarge {
            size: bytes.len(),
            limit: max_file,
        }
        .into())
    } else {
        Ok(bytes)
    };
    out.push(Input::ready(name, bytes));
}

fn unzip(name: &str, bytes: &[u8], max_file: usize, out: &mut Vec<Input>) {
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => {
            out.push(Input::ready(
                name,
                Err(CliError::new(
                    "corrupt",
                    format!("unreadable ZIP archive: {e}"),
                )),
            ));
            return;
        }
    };
    let mut total = 0u64;
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        if i >= MAX_ZIP_ENTRIES {
            out.push(Input::ready(
                name,
                Err(CliError::new(
                    "limit_exceeded",
                    format!(
                        "archive has more than {MAX_ZIP_ENTRIES} entries; the rest were skipped"
                    ),
                )),
            ));
            break;
        }
        let Ok(mut f) = archive.by_index(i) else {
            continue;
        };
        let Ok(entry) = f.name().map(|n| n.to_string()) else {
            continue;
        };
        if f.is_dir()
            || entry.starts_with("__MACOSX/")
            || entry.rsplit('/').next().is_some_and(|n| n.starts_with('.'))
        {
            continue;
        }
        let shown = format!("{name}/{entry}");
        let mut buf = Vec::new();
        let read = f.by_ref().take(max_file as u64 + 1).read_to_end(&mut buf);
        total += buf.len() as u64;
        let result = match read {
            Err(e) => Err(CliError::new(
                "corrupt",
                format!("cannot inflate entry: {e}"),
            )),
            Ok(_) if buf.len() > max_file => Err(atscore_core::ParseError::TooLarge {
                size: f.size() as usize,
                limit: max_file,
            }
            .into()),
            Ok(_) => Ok(buf),
        };
        entries.push(Input::ready(&shown, result));
        if total > MAX_ZIP_TOTAL {
            out.push(Input::ready(name, Err(CliError::new(
                    "limit_exceeded",
                    format!("archive inflates to more than {MAX_ZIP_TOTAL} bytes; the rest were skipped"),
                ))));
            break;
        }
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    out.extend(entries);
}
