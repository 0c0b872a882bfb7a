//! ATS format findings: what an applicant tracking system would fail to read, each with
//! evidence, the page, and a concrete fix. Computed from the extractor's [`FormatFacts`] and
//! the parsed contact block.

use serde::{Deserialize, Serialize};

use crate::document::{Document, FormatFacts};

/// One finding with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FindingDetail {
    /// Stable code: `has_tables`, `has_columns`, `has_images`, `text_boxes`, `contact_in_header`,
    /// `image_only`, `hidden_text`, `unmappable_fonts`, `icon_glyphs`.
    pub code: String,
    /// What was found, in plain words, with evidence.
    pub message: String,
    /// How to fix it.
    pub fix: String,
    /// The page it was found on, when known.
    pub page: Option<u32>,
}

/// The format findings of a resume (stable `atscore parse --json` contract).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Findings {
    pub has_tables: bool,
    pub has_columns: bool,
    pub has_images: bool,
    pub text_boxes: bool,
    pub contact_in_header: bool,
    pub image_only: bool,
    pub hidden_text: bool,
    pub unmappable_fonts: bool,
    pub page_count: u32,
    pub word_count: usize,
    pub details: Vec<FindingDetail>,
}

fn detail(code: &str, message: String, fix: &str, page: Option<u32>) -> FindingDetail {
    FindingDetail {
        code: code.into(),
        message,
        fix: fix.into(),
        page,
    }
}

/// Compute the findings of a document. `contact_only_in_header` says whether the e-mail or phone
/// number appears only in page headers/footers (many ATS drop those parts).
pub fn findings(doc: &Document, contact_only_in_header: bool) -> Findings {
    let f: &FormatFacts = &doc.facts;
    let word_count = doc
        .lines
        .iter()
        .map(|l| l.text.split_whitespace().count())
        .sum();
    let mut out = Findings {
        has_tables: f.tables > 0,
        has_columns: !f.column_pages.is_empty(),
        has_images: f.images > 0,
        text_boxes: f.text_boxes > 0,
        contact_in_header: contact_only_in_header,
        image_only: !f.image_only_pages.is_empty(),
        hidden_text: !f.hidden_text.is_empty(),
        unmappable_fonts: f.unmapped_glyphs > 0,
        page_count: doc.pages,
        word_count,
        details: Vec::new(),
    };
    let d = &mut out.details;
    if !f.image_only_pages.is_empty() {
        d.push(detail(
            "image_only",
            format!(
                "page(s) {:?} are images without a text layer (a scan or a picture of text): an ATS reads nothing there",
                f.image_only_pages
            ),
            "Export the resume from your word processor as PDF or DOCX instead of scanning or printing it to an image.",
            f.image_only_pages.first().copied(),
        ));
    }
    if f.tables > 0 {
        d.push(detail(
            "has_tables",
            format!(
                "{} table(s) found; many ATS read table cells out of order or skip them",
                f.tables
            ),
            "Replace layout tables with plain paragraphs and tab stops.",
            None,
        ));
    }
    if !f.column_pages.is_empty() {
        d.push(detail(
            "has_columns",
            format!(
                "multi-column layout on page(s) {:?}; simple ATS read across the columns and mix sections",
                f.column_pages
            ),
            "Use a single-column layout, or at least keep each section within one column.",
            f.column_pages.first().copied(),
        ));
    }
    if f.images > 0 {
        d.push(detail(
            "has_images",
            format!(
                "{} image(s) (photo, logo or chart); their content is invisible to an ATS",
                f.images
            ),
            "Remove photos and graphics, or make sure no information exists only inside an image.",
            None,
        ));
    }
    if f.text_boxes > 0 {
        d.push(detail(
            "text_boxes",
            format!(
                "{} text box(es); many ATS skip text inside floating boxes",
                f.text_boxes
            ),
            "Move the text out of text boxes into the body of the document.",
            None,
        ));
    }
    if contact_only_in_header {
        let ev = f.header_footer_text.first().cloned().unwrap_or_default();
        d.push(detail(
            "contact_in_header",
            format!("contact details appear only in the page header/footer (\"{}\"); many ATS drop headers", truncate(&ev, 80)),
            "Put your name, e-mail and phone number in the body at the top of the first page.",
            Some(1),
        ));
    }
    for h in f.hidden_text.iter().take(5) {
        d.push(detail(
            "hidden_text",
            format!("{} on page {}: \"{}\"", h.reason, h.page, truncate(&h.snippet, 80)),
            "Remove hidden keywords: they are keyword stuffing, never count towards a match, and recruiters see them when they copy the text.",
            Some(h.page),
        ));
    }
    if f.unmapped_glyphs > 0 {
        d.push(detail(
            "unmappable_fonts",
            format!("{} glyph(s) have no Unicode mapping and come out as garbage or nothing", f.unmapped_glyphs),
            "Embed standard fonts (or export again with a different font) so every character maps to text.",
            f.unmapped_pages.first().copied(),
        ));
    }
    if f.icon_glyphs > 0 {
        d.push(detail(
            "icon_glyphs",
            format!("{} icon-font glyph(s) (e.g. phone or e-mail icons) that an ATS reads as nothing or garbage", f.icon_glyphs),
            "Use words (\"Phone:\", \"Email:\") instead of icons, or make sure the text next to each icon stands on its own.",
            None,
        ));
    }
    out
}

fn truncate(s: &str, n: usize) -> String {
    let mut t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        t.push('…');
    }
    t
}
