//! The parsing pipeline: size checks → format detection → guarded extraction (panic guard and
//! time budget) → sections → entities → findings → [`ParsedResume`].

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use crate::detect::{detect, Detected};
use crate::document::{Document, Line};
use crate::entities::certifications::parse_certifications;
use crate::entities::contact::extract_contact;
use crate::entities::dates::YearMonth;
use crate::entities::education::parse_education;
use crate::entities::experience::{parse_experience, total_experience_years};
use crate::entities::languages::parse_languages;
use crate::findings::findings;
use crate::resume::{ParsedResume, SectionText};
use crate::sections::{detect_sections, SectionKind};
use crate::skills::{resume_skills, Taxonomy};
use crate::{extract, Format, Limits, ParseError};

/// Options for [`parse_resume`].
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    pub limits: Limits,
    /// The date "Present" means; `None` = the latest date found in the resume (keeps output
    /// deterministic for the same bytes). Callers usually pass the current month.
    pub today: Option<YearMonth>,
    /// File name to echo in the output (never used to detect the format).
    pub file_name: Option<String>,
    /// Skills taxonomy; `None` = the embedded one.
    pub taxonomy: Option<std::sync::Arc<Taxonomy>>,
}

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

/// Parse resume bytes into a [`ParsedResume`].
pub fn parse_resume(bytes: &[u8], opts: &ParseOptions) -> Result<ParsedResume, ParseError> {
    let (format, doc) = extract_document(bytes, &opts.limits)?;
    Ok(analyze(format, doc, opts))
}

/// Turn an extracted document into a parsed resume.
pub fn analyze(format: Format, mut doc: Document, opts: &ParseOptions) -> ParsedResume {
    let lines = &doc.lines;
    let sections = detect_sections(lines);
    let section_text = |r: &std::ops::Range<usize>| -> String {
        lines[r.clone()]
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let lines_of = |kind: SectionKind| -> Vec<Line> {
        sections
            .iter()
            .filter(|s| s.kind == kind)
            .flat_map(|s| lines[s.lines.clone()].iter().cloned())
            .collect()
    };
    let header = sections
        .iter()
        .find(|s| s.kind == SectionKind::Contact)
        .map(|s| s.lines.clone())
        .unwrap_or(0..0);
    let contact = extract_contact(lines, header, &doc.links);

    // Contact details that exist only in page headers/footers are dropped by many ATS.
    let in_body = |needle: &str| {
        lines
            .iter()
            .any(|l| !l.region.is_header_or_footer() && l.text.contains(needle))
    };
    let in_header = |needle: &str| {
        lines
            .iter()
            .any(|l| l.region.is_header_or_footer() && l.text.contains(needle))
    };
    let mut only_header = false;
    for v in [contact.email.as_deref()].into_iter().flatten() {
        if in_header(v) && !in_body(v) {
            only_header = true;
        }
    }
    if !only_header {
        if let Some(name) = contact.name.as_deref() {
            only_header = in_header(name)
                && !in_body(name)
                && contact.email.as_deref().is_none_or(|e| !in_body(e));
        }
    }

    let experience = parse_experience(&lines_of(SectionKind::Experience));
    let education = parse_education(&lines_of(SectionKind::Education));
    let certifications = parse_certifications(&lines_of(SectionKind::Certifications));
    let languages = parse_languages(&lines_of(SectionKind::Languages));
    let today = opts.today.unwrap_or_else(|| latest_date(&experience));
    let years = total_experience_years(&experience, today);

    let found = findings(&doc, only_header);
    if doc.lines.is_empty() {
        let msg = if found.image_only {
            "no text layer: the resume is an image (scanned); an ATS would read nothing"
        } else {
            "no text found in the document"
        };
        doc.warnings.push(msg.to_string());
    }
    let sections_out = sections
        .iter()
        .map(|s| SectionText {
            kind: s.kind,
            heading: s.heading.clone(),
            text: section_text(&s.lines),
        })
        .collect::<Vec<SectionText>>();
    let tax: &Taxonomy = opts
        .taxonomy
        .as_deref()
        .unwrap_or_else(|| Taxonomy::embedded());
    let skills = resume_skills(tax, &sections_out);
    ParsedResume {
        file: opts.file_name.clone(),
        format: format.name().to_string(),
        media_type: doc.media_type.clone(),
        pages: doc.pages,
        text: doc.text(),
        sections: sections_out,
        contact,
        experience,
        education,
        certifications,
        languages,
        years_of_experience: years,
        skills,
        findings: found,
        warnings: doc.warnings.clone(),
    }
}

/// The latest month mentioned by any experience entry (the deterministic "today").
fn latest_date(entries: &[crate::entities::experience::ExperienceEntry]) -> YearMonth {
    entries
        .iter()
        .flat_map(|e| [e.start, e.end])
        .flatten()
        .max()
        .unwrap_or(YearMonth::new(2000, Some(1)))
}
