//! Reading a resume from an extracted [`Document`]: section detection, then the entities of each
//! section (contact, experience, education, certifications, languages, total years), then the
//! ATS format findings — assembled into a [`ParsedResume`].

use crate::document::{Document, Line};
use crate::resume::entities::certifications::parse_certifications;
use crate::resume::entities::contact::extract_contact;
use crate::resume::entities::credentials::resume_credentials;
use crate::resume::entities::dates::YearMonth;
use crate::resume::entities::education::parse_education;
use crate::resume::entities::experience::{
    parse_experience, total_experience_years, ExperienceEntry,
};
use crate::resume::entities::languages::parse_languages;
use crate::resume::findings::findings;
use crate::resume::model::{ParsedResume, SectionText};
use crate::resume::sections::{detect_sections, SectionKind};
use crate::Format;

/// Turn an extracted document into a parsed resume: sections, entities, findings. The
/// `skills` are left empty; they come from the skills taxonomy ([`crate::matching::skills`]),
/// which [`crate::parse_resume`] applies next.
pub fn read_resume(
    format: Format,
    mut doc: Document,
    today: Option<YearMonth>,
    file_name: Option<String>,
) -> ParsedResume {
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
    let name_line = contact.name.as_deref().and_then(|n| {
        lines
            .iter()
            .map(|l| l.text.as_str())
            .find(|t| t.trim_start().starts_with(n))
    });

    let today = today.unwrap_or_else(|| latest_date(&experience));
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
    let texts: Vec<(SectionKind, &str)> = sections_out
        .iter()
        .map(|s| (s.kind, s.text.as_str()))
        .collect();
    let credentials = resume_credentials(name_line, &texts);
    ParsedResume {
        file: file_name,
        format: format.name().to_string(),
        media_type: doc.media_type.clone(),
        pages: doc.pages,
        text: doc.text(),
        sections: sections_out,
        contact,
        experience,
        education,
        certifications,
        credentials,
        languages,
        years_of_experience: years,
        as_of: Some(today),
        skills: Vec::new(),
        findings: found,
        warnings: doc.warnings.clone(),
    }
}

/// The latest month mentioned by any experience entry (the deterministic "today").
fn latest_date(entries: &[ExperienceEntry]) -> YearMonth {
    entries
        .iter()
        .flat_map(|e| [e.start, e.end])
        .flatten()
        .max()
        .unwrap_or(YearMonth::new(2000, Some(1)))
}
