//! Collecting candidate documents for `rank` and `match`: files, directories (recursively,
//! sorted) and ZIP archives of resumes, opened by [`atscore_core::document::archive`] (bounded: entry
//! count, entry size and total inflated size; nothing is written to disk). A DOCX or ODT is a
//! document, not an archive.

use std::io::Read;
use std::path::{Path, PathBuf};

use atscore_core::document::archive::{self, ArchiveLimits};
use atscore_core::ParseError;

use crate::inputs::{display_name, read_bounded, CliError};

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
    if archive::is_resume_archive(&bytes) {
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

/// An archive error as the CLI has always shown it: the bare reason for `corrupt` and
/// `limit_exceeded` ("unreadable ZIP archive: …", "archive has more than 5000 entries; …"),
/// the usual message for the others (`too_large`).
fn archive_error(e: ParseError) -> CliError {
    let code = e.code().as_str();
    match e {
        ParseError::Corrupt(m) | ParseError::LimitExceeded(m) => CliError::new(code, m),
        other => other.into(),
    }
}

/// The entries of a resume archive, sorted by name and shown as `archive.zip/inner/name`;
/// when the archive was cut short, its reason comes first under the archive's own name.
fn unzip(name: &str, bytes: &[u8], max_file: usize, out: &mut Vec<Input>) {
    let limits = ArchiveLimits {
        max_entry_bytes: max_file,
        ..ArchiveLimits::default()
    };
    let unpacked = match archive::unpack(bytes, &limits) {
        Ok(u) => u,
        Err(e) => {
            out.push(Input::ready(name, Err(archive_error(e))));
            return;
        }
    };
    if let Some(e) = unpacked.truncated {
        out.push(Input::ready(name, Err(archive_error(e))));
    }
    out.extend(unpacked.entries.into_iter().map(|e| {
        Input::ready(
            &format!("{name}/{}", e.name),
            e.bytes.map_err(archive_error),
        )
    }));
}
