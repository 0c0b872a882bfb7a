//! Guarded extraction: size checks, format detection, then the extractor on its own thread
//! (panic-guarded by [`extract::extract`]) under the time budget of the [`Limits`]. A thread
//! that overruns is given up on and counted ([`abandoned_extractions`]).

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use super::detect::{detect, Detected};
use super::extract;
use crate::document::Document;
use crate::{Format, Limits, ParseError};

/// States of an extraction thread, for [`abandoned_extractions`].
const RUNNING: u8 = 0;
const DONE: u8 = 1;
const ABANDONED: u8 = 2;

/// Extraction threads given up on (past their time budget) that are still running.
static ABANDONED_NOW: AtomicUsize = AtomicUsize::new(0);

/// How many extraction threads are still running after their caller gave up on them at the
/// time budget. A thread cannot be stopped from outside, so each one burns a core until its
/// parser returns; a server exports this as a gauge, so that a file that stalls a parser is
/// seen (and, as a regression, fixed like the font check of the PDF pre-scan).
pub fn abandoned_extractions() -> usize {
    ABANDONED_NOW.load(Ordering::Acquire)
}

/// Check size, detect the format and extract a [`Document`] under the limits: the extractor
/// (panic-guarded by [`extract::extract`]) runs on its own thread and is given up on after the
/// time budget.
pub fn extract_document(bytes: &[u8], limits: &Limits) -> Result<(Format, Document), ParseError> {
    limits.check_size(bytes.len())?;
    if bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
        return Err(ParseError::Empty);
    }
    let format = match detect(bytes) {
        Detected::Supported(f) => f,
        Detected::Unsupported(kind) => {
            return Err(ParseError::UnsupportedFormat(format!(
                "{kind}; supported: PDF, DOCX, DOC, ODT, RTF, HTML, Markdown, plain text"
            )))
        }
    };
    let owned = bytes.to_vec();
    let lim = *limits;
    let (tx, rx) = mpsc::channel();
    let state = Arc::new(AtomicU8::new(RUNNING));
    let thread_state = state.clone();
    let spawned = std::thread::Builder::new()
        .name("atscore-extract".into())
        .stack_size(16 * 1024 * 1024)
        .spawn(move || {
            let _ = tx.send(extract::extract(&owned, format, &lim));
            if thread_state.swap(DONE, Ordering::AcqRel) == ABANDONED {
                ABANDONED_NOW.fetch_sub(1, Ordering::AcqRel);
            }
        });
    if spawned.is_err() {
        // No thread available: run inline (no time budget, still panic-guarded).
        return extract::extract(bytes, format, limits).map(|d| (format, d));
    }
    match rx.recv_timeout(Duration::from_millis(limits.time_budget_ms)) {
        Ok(r) => r.map(|d| (format, d)),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            if state
                .compare_exchange(RUNNING, ABANDONED, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
            {
                ABANDONED_NOW.fetch_add(1, Ordering::AcqRel);
            }
            Err(ParseError::Timeout(limits.time_budget_ms))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(ParseError::corrupt(
            "the file could not be read (parser failure)",
        )),
    }
}
