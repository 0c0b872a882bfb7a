//! The intermediate representation every extractor produces: lines of text in reading order,
//! each with its typography and region, plus the raw format facts used by the ATS findings.
//!
//! Extractors fill a [`Document`]; everything downstream (sections, entities, findings) reads
//! only this type, so a new format needs nothing but a new extractor.

use serde::Serialize;

/// Where on the page (or in the file's structure) a line lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// Ordinary body text.
    #[default]
    Body,
    /// A page header (DOCX/ODT header part, or PDF text repeated/near the top edge).
    Header,
    /// A page footer.
    Footer,
    /// A floating text box / frame / shape with text.
    TextBox,
    /// A table cell.
    Table,
    /// A footnote or endnote.
    Footnote,
}

impl Region {
    /// A page header or footer (parts many ATS drop).
    pub fn is_header_or_footer(self) -> bool {
        matches!(self, Region::Header | Region::Footer)
    }
}

/// One visual line (PDF) or paragraph line (flow formats) of text.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Line {
    /// Normalised text of the line (see [`crate::text::normalize`]); never contains '\n'.
    pub text: String,
    /// 1-based page number (flow formats: 1, or the page a page break leads to).
    pub page: u32,
    /// Region the line belongs to.
    pub region: Region,
    /// Dominant font size in points (0 when unknown).
    pub font_size: f32,
    /// Most of the line is bold.
    pub bold: bool,
    /// An explicit heading level from the document's own structure
    /// (DOCX `Heading1` style / outline level, HTML `<h2>`, Markdown `##`), if any.
    pub heading_level: Option<u8>,
    /// The line starts a list item (bullet or number), marker already removed from `text`.
    pub list_item: bool,
    /// Vertical white space before this line, in multiples of the body line height
    /// (PDF only; 0 for flow formats where paragraph breaks are explicit).
    pub gap_before: f32,
    /// The line starts a new paragraph/block.
    pub para_start: bool,
    /// Left edge as a fraction of the page width (PDF only; 0 otherwise).
    pub x: f32,
    /// Column index on the page (0 = first column in reading order).
    pub column: u8,
}

impl Line {
    /// A body line with just text, for flow formats and tests.
    pub fn plain(text: impl Into<String>) -> Self {
        Line {
            text: text.into(),
            page: 1,
            para_start: true,
            ..Line::default()
        }
    }
}

/// A piece of text that an ATS would not show to a human (keyword stuffing).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HiddenText {
    pub page: u32,
    /// Why it is hidden: "white text", "tiny text", "off-page", "invisible (render mode 3)".
    pub reason: String,
    pub snippet: String,
}

/// Raw, extractor-level facts about the file's format (turned into findings later).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct FormatFacts {
    /// Number of tables (DOCX `w:tbl`, ODT `table:table`, HTML `<table>`, PDF grids).
    pub tables: u32,
    /// Pages (or sections) laid out in more than one text column.
    pub column_pages: Vec<u32>,
    /// Number of images drawn (photos, logos, charts; not rules/lines).
    pub images: u32,
    /// Number of text boxes / frames with text.
    pub text_boxes: u32,
    /// Text found in page headers/footers (kept as lines too, with region Header/Footer).
    pub header_footer_text: Vec<String>,
    /// Pages with (almost) no text but a page-sized image: scanned pages.
    pub image_only_pages: Vec<u32>,
    /// Hidden text found.
    pub hidden_text: Vec<HiddenText>,
    /// Glyphs without a Unicode mapping (U+FFFD, NUL) that were dropped.
    pub unmapped_glyphs: u32,
    /// Icon-font or private-use glyphs that were dropped.
    pub icon_glyphs: u32,
    /// Pages of the document where glyphs lacked a Unicode mapping.
    pub unmapped_pages: Vec<u32>,
}

/// A document as extracted from one file.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Document {
    /// IANA media type of the detected format.
    pub media_type: String,
    /// Number of pages (flow formats: 1 unless the file records more, e.g. explicit page breaks).
    pub pages: u32,
    /// Lines in reading order (header/footer lines included, marked by region).
    pub lines: Vec<Line>,
    /// Hyperlink targets (URLs, `mailto:`), in document order, de-duplicated.
    pub links: Vec<String>,
    /// Format facts for the ATS findings.
    pub facts: FormatFacts,
    /// Non-fatal problems met while extracting (e.g. "truncated file: partial text").
    pub warnings: Vec<String>,
}

impl Document {
    /// The full text in reading order, one line per line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, l) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&l.text);
        }
        out
    }

    /// Add a hyperlink target once.
    pub fn add_link(&mut self, url: &str) {
        let url = url.trim();
        if !url.is_empty() && !self.links.iter().any(|u| u == url) {
            self.links.push(url.to_string());
        }
    }
}
