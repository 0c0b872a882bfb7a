//! OpenDocument text extractor: `.odt` (ZIP with `content.xml`, `styles.xml` for the
//! master-page header/footer text, `meta.xml` for the page count) and flat `.fodt` (one XML).
//!
//! Produces the same IR as the DOCX extractor, with the same ordering: header lines, body
//! (text boxes after their anchoring paragraph), notes, footer lines. Shares the bounded ZIP
//! reader, the safe XML loop and the line builder with [`super::docx`].

use std::collections::{HashMap, HashSet};

use quick_xml::events::BytesStart;

use super::docx::xmlutil::{self, attr, XmlHandler};
use super::docx::{push_page, LineSink, ParaBuf};
use super::zipread::ZipPackage;
use crate::document::FormatFacts;
use crate::{Document, Limits, Line, ParseError, Region};

const NS_OTHER: u8 = 0;
const NS_OFFICE: u8 = 1;
const NS_TEXT: u8 = 2;
const NS_TABLE: u8 = 3;
const NS_DRAW: u8 = 4;
const NS_STYLE: u8 = 5;
const NS_META: u8 = 6;
const NS_SVG: u8 = 7;

fn odf_ns(uri: &[u8]) -> u8 {
    match uri {
        b"urn:oasis:names:tc:opendocument:xmlns:office:1.0" | b"?office" => NS_OFFICE,
        b"urn:oasis:names:tc:opendocument:xmlns:text:1.0" | b"?text" => NS_TEXT,
        b"urn:oasis:names:tc:opendocument:xmlns:table:1.0" | b"?table" => NS_TABLE,
        b"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" | b"?draw" => NS_DRAW,
        b"urn:oasis:names:tc:opendocument:xmlns:style:1.0" | b"?style" => NS_STYLE,
        b"urn:oasis:names:tc:opendocument:xmlns:meta:1.0" | b"?meta" => NS_META,
        b"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" | b"?svg" => NS_SVG,
        _ => NS_OTHER,
    }
}

/// Extract an `.odt` document.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    let mut zip = ZipPackage::open(bytes, limits)?;
    let mut warnings = Vec::new();
    let Some(content) = zip.read("content.xml")? else {
        return Err(ParseError::corrupt(
            "the ZIP package has no content.xml: not an OpenDocument text",
        ));
    };
    let mut w = OdtWalker::new(limits.max_text_chars);
    if let Some(styles) = zip.read("styles.xml")? {
        match xmlutil::walk(&styles, "styles.xml", limits, &mut w, &mut warnings) {
            Ok(()) => {}
            Err(ParseError::Corrupt(m)) => warnings.push(m),
            Err(e) => return Err(e),
        }
        w.end_file();
    }
    xmlutil::walk(&content, "content.xml", limits, &mut w, &mut warnings)?;
    w.end_file();
    if w.meta_pages.is_none() {
        if let Ok(Some(meta)) = zip.read("meta.xml") {
            let mut m = OdtWalker::new(0);
            let mut ignored = Vec::new();
            if xmlutil::walk(&meta, "meta.xml", limits, &mut m, &mut ignored).is_ok() {
                w.meta_pages = m.meta_pages;
            }
        }
    }
    Ok(w.into_document(warnings, limits))
}

/// Extract a flat (single XML file) OpenDocument text.
pub fn extract_flat(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    if bytes.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut warnings = Vec::new();
    let mut w = OdtWalker::new(limits.max_text_chars);
    xmlutil::walk(bytes, "flat ODT", limits, &mut w, &mut warnings)?;
    w.end_file();
    Ok(w.into_document(warnings, limits))
}

#[derive(Debug, Clone, Default)]
struct OStyle {
    parent: Option<String>,
    display: String,
    bold: Option<bool>,
    size: Option<f32>,
    outline: Option<u8>,
    columns: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    Span,
    Ctx,
    NoteCitation,
    NoteBody,
    Note,
    Skip,
    Style,
    HeaderFooter,
    ListItem,
    AutoStyles,
    Frame,
    Other,
}

#[derive(Debug)]
struct ParaState {
    buf: ParaBuf,
    style: Option<String>,
    note_prefix: Option<String>,
    deferred: Vec<Line>,
}

struct OdtWalker {
    sink: LineSink,
    facts: FormatFacts,
    links: Vec<String>,
    link_set: HashSet<String>,
    /// Open `draw:frame`s: whether an image was met inside (SVG + PNG alternatives count once).
    frames: Vec<bool>,
    common: HashMap<String, OStyle>,
    auto: HashMap<String, OStyle>,
    defaults: OStyle,
    in_auto: bool,
    cur_style: Option<(String, OStyle, bool)>,
    in_default_style: bool,
    stack: Vec<Tag>,
    skip: usize,
    ctx: Vec<Region>,
    spans: Vec<Option<String>>,
    paras: Vec<ParaState>,
    pending_list: bool,
    citation: Option<String>,
    pending_note: Option<String>,
    page: u32,
    body: Vec<Line>,
    headers: Vec<Line>,
    footers: Vec<Line>,
    notes: Vec<Line>,
    hf_start: usize,
    hf_seen: HashSet<String>,
    meta_pages: Option<u32>,
}

fn parse_size(v: &str) -> Option<f32> {
    let v = v.trim();
    let (num, factor) = if let Some(n) = v.strip_suffix("pt") {
        (n, 1.0)
    } else if let Some(n) = v.strip_suffix("in") {
        (n, 72.0)
    } else if let Some(n) = v.strip_suffix("cm") {
        (n, 72.0 / 2.54)
    } else if let Some(n) = v.strip_suffix("mm") {
        (n, 72.0 / 25.4)
    } else {
        return None;
    };
    let x: f32 = num.trim().parse().ok()?;
    let x = x * factor;
    (x.is_finite() && x > 0.0 && x < 5000.0).then_some(x)
}

fn is_bold(v: &str) -> bool {
    match v.trim() {
        "bold" | "bolder" => true,
        n => n.parse::<u32>().is_ok_and(|w| w >= 600),
    }
}

impl OdtWalker {
    fn new(max_chars: usize) -> Self {
        OdtWalker {
            sink: LineSink::new(max_chars),
            facts: FormatFacts::default(),
            links: Vec::new(),
            link_set: HashSet::new(),
            frames: Vec::new(),
            common: HashMap::new(),
            auto: HashMap::new(),
            defaults: OStyle::default(),
            in_auto: false,
            cur_style: None,
            in_default_style: false,
            stack: Vec::new(),
            skip: 0,
            ctx: Vec::new(),
            spans: Vec::new(),
            paras: Vec::new(),
            pending_list: false,
            citation: None,
            pending_note: None,
            page: 1,
            body: Vec::new(),
            headers: Vec::new(),
            footers: Vec::new(),
            notes: Vec::new(),
            hf_start: 0,
            hf_seen: HashSet::new(),
            meta_pages: None,
        }
    }

    /// Between `styles.xml` and `content.xml`: automatic style names are per file.
    fn end_file(&mut self) {
        while !self.paras.is_empty() {
            self.finish_para();
        }
        self.auto.clear();
        self.stack.clear();
        self.skip = 0;
        self.ctx.clear();
        self.spans.clear();
    }

    fn style(&self, name: &str) -> Option<&OStyle> {
        self.auto.get(name).or_else(|| self.common.get(name))
    }

    /// Walk a style's parent chain (bounded, cycle-safe).
    fn chain<'s>(&'s self, name: Option<&'s str>) -> impl Iterator<Item = &'s OStyle> + 's {
        let mut cur = name;
        let mut n = 0;
        std::iter::from_fn(move || {
            if n >= 16 {
                return None;
            }
            n += 1;
            let s = self.style(cur?)?;
            cur = s.parent.as_deref();
            Some(s)
        })
    }

    fn region(&self) -> Region {
        for r in [Region::Header, Region::Footer, Region::Footnote] {
            if self.ctx.contains(&r) {
                return r;
            }
        }
        self.ctx.last().copied().unwrap_or(Region::Body)
    }

    fn push_text(&mut self, s: &str) {
        let Some(para) = self.paras.last() else {
            return;
        };
        let mut bold = None;
        let mut size = None;
        let span_styles = self.spans.iter().rev().flatten().map(|s| s.as_str());
        for name in span_styles.chain(para.style.as_deref()) {
            for st in self.chain(Some(name)) {
                bold = bold.or(st.bold);
                size = size.or(st.size);
            }
        }
        let bold = bold.or(self.defaults.bold).unwrap_or(false);
        let size = size.or(self.defaults.size).unwrap_or(12.0);
        let page = self.page;
        if let Some(p) = self.paras.last_mut() {
            p.buf.push(s, bold, size, page);
        }
    }

    fn start_para(&mut self, e: &BytesStart<'_>, heading: bool) {
        let style = attr(e, b"style-name");
        let mut level = None;
        if heading {
            level = Some(
                attr(e, b"outline-level")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(1)
                    .clamp(1, 9) as u8,
            );
        } else {
            for st in self.chain(style.as_deref()) {
                if let Some(l) = st.outline {
                    level = (1..=9).contains(&l).then_some(l);
                    break;
                }
                if st.display.eq_ignore_ascii_case("title") {
                    level = Some(1);
                    break;
                }
            }
        }
        let mut buf = ParaBuf::new(self.region(), self.page);
        buf.heading_level = level;
        buf.list_item = std::mem::take(&mut self.pending_list) && level.is_none();
        self.paras.push(ParaState {
            buf,
            style,
            note_prefix: self.pending_note.take(),
            deferred: Vec::new(),
        });
    }

    fn finish_para(&mut self) {
        let Some(mut p) = self.paras.pop() else {
            return;
        };
        if let Some(n) = p.note_prefix.take() {
            if !n.trim().is_empty() {
                p.buf.prefix(&format!("{} ", n.trim()));
            }
        }
        let region = p.buf.region;
        let mut lines = p.buf.finish(&mut self.sink);
        lines.append(&mut p.deferred);
        if region == Region::Footnote {
            self.notes.append(&mut lines);
            return;
        }
        match self.paras.last_mut() {
            Some(parent) => parent.deferred.append(&mut lines),
            None => match region {
                Region::Header => self.headers.append(&mut lines),
                Region::Footer => self.footers.append(&mut lines),
                _ => self.body.append(&mut lines),
            },
        }
    }

    fn add_column_page(&mut self) {
        push_page(&mut self.facts.column_pages, self.page);
    }

    fn start_style_el(&mut self, ns: u8, local: &[u8], e: &BytesStart<'_>) -> Tag {
        match (ns, local) {
            (NS_OFFICE, b"automatic-styles") => {
                self.in_auto = true;
                Tag::AutoStyles
            }
            (NS_STYLE, b"style") => {
                let name = attr(e, b"name").unwrap_or_default();
                let st = OStyle {
                    parent: attr(e, b"parent-style-name"),
                    display: attr(e, b"display-name").unwrap_or_else(|| name.clone()),
                    outline: attr(e, b"default-outline-level")
                        .and_then(|v| v.trim().parse::<u8>().ok()),
                    ..OStyle::default()
                };
                self.cur_style = Some((name, st, self.in_auto));
                Tag::Style
            }
            (NS_STYLE, b"default-style") => {
                self.in_default_style = attr(e, b"family").as_deref() == Some("paragraph");
                Tag::Style
            }
            (NS_STYLE, b"text-properties") => {
                let bold = attr(e, b"font-weight").map(|v| is_bold(&v));
                let size = attr(e, b"font-size").and_then(|v| parse_size(&v));
                let target = if self.in_default_style {
                    Some(&mut self.defaults)
                } else {
                    self.cur_style.as_mut().map(|(_, s, _)| s)
                };
                if let Some(t) = target {
                    t.bold = t.bold.or(bold);
                    t.size = t.size.or(size);
                }
                Tag::Other
            }
            (NS_STYLE, b"columns") => {
                let n = attr(e, b"column-count")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(0);
                if let Some((_, s, _)) = self.cur_style.as_mut() {
                    s.columns = n;
                }
                Tag::Other
            }
            _ => Tag::Other,
        }
    }
}

impl XmlHandler for OdtWalker {
    fn ns_id(&self, uri: &[u8]) -> u8 {
        odf_ns(uri)
    }

    fn start(&mut self, ns: u8, local: &[u8], e: &BytesStart<'_>) {
        if self.skip > 0 {
            self.stack.push(Tag::Other);
            return;
        }
        let tag = match (ns, local) {
            (NS_TEXT, b"tracked-changes" | b"sequence-decls" | b"variable-decls")
            | (NS_TEXT, b"user-field-decls" | b"hidden-text" | b"hidden-paragraph")
            | (NS_OFFICE, b"annotation" | b"forms" | b"scripts" | b"settings")
            | (NS_OFFICE, b"font-face-decls")
            | (NS_SVG, b"title" | b"desc") => Tag::Skip,
            (NS_TEXT, b"p") => {
                self.start_para(e, false);
                Tag::P
            }
            (NS_TEXT, b"h") => {
                self.start_para(e, true);
                Tag::P
            }
            (NS_TEXT, b"span") => {
                self.spans.push(attr(e, b"style-name"));
                Tag::Span
            }
            (NS_TEXT, b"a") => {
                if let Some(href) = attr(e, b"href") {
                    let href = href.trim().to_string();
                    if !href.is_empty()
                        && !href.starts_with('#')
                        && self.link_set.insert(href.clone())
                    {
                        self.links.push(href);
                    }
                }
                Tag::Other
            }
            (NS_TEXT, b"s") => {
                let n = attr(e, b"c")
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                self.push_text(&" ".repeat(n));
                Tag::Other
            }
            (NS_TEXT, b"tab") => {
                self.push_text("\t");
                Tag::Other
            }
            (NS_TEXT, b"line-break") => {
                if let Some(p) = self.paras.last_mut() {
                    p.buf.line_break();
                }
                Tag::Other
            }
            (NS_TEXT, b"soft-page-break") => {
                if self.region() == Region::Body || self.region() == Region::Table {
                    self.page = self.page.saturating_add(1);
                }
                Tag::Other
            }
            (NS_TEXT, b"list-item") => {
                self.pending_list = true;
                Tag::ListItem
            }
            (NS_TEXT, b"note") => {
                self.citation = None;
                Tag::Note
            }
            (NS_TEXT, b"note-citation") => {
                self.citation = Some(String::new());
                Tag::NoteCitation
            }
            (NS_TEXT, b"note-body") => {
                self.pending_note = Some(self.citation.take().unwrap_or_default());
                self.ctx.push(Region::Footnote);
                Tag::NoteBody
            }
            (NS_TEXT, b"section") => {
                let cols = attr(e, b"style-name")
                    .and_then(|n| self.style(&n).map(|s| s.columns))
                    .unwrap_or(0);
                if cols > 1 {
                    self.add_column_page();
                }
                Tag::Other
            }
            (NS_TABLE, b"table") => {
                self.facts.tables += 1;
                Tag::Other
            }
            (NS_TABLE, b"table-cell") => {
                self.ctx.push(Region::Table);
                Tag::Ctx
            }
            (NS_DRAW, b"text-box") => {
                self.facts.text_boxes += 1;
                self.ctx.push(Region::TextBox);
                Tag::Ctx
            }
            (NS_DRAW, b"custom-shape" | b"rect" | b"ellipse" | b"polygon") => {
                self.ctx.push(Region::TextBox);
                Tag::Ctx
            }
            (NS_DRAW, b"frame") => {
                self.frames.push(false);
                Tag::Frame
            }
            (NS_DRAW, b"image") => {
                match self.frames.last_mut() {
                    Some(f) => *f = true,
                    None => self.facts.images += 1,
                }
                Tag::Other
            }
            (NS_STYLE, b"header" | b"header-left" | b"header-first") => {
                self.hf_start = self.headers.len();
                self.ctx.push(Region::Header);
                Tag::HeaderFooter
            }
            (NS_STYLE, b"footer" | b"footer-left" | b"footer-first") => {
                self.hf_start = self.footers.len();
                self.ctx.push(Region::Footer);
                Tag::HeaderFooter
            }
            (NS_META, b"document-statistic") => {
                self.meta_pages = attr(e, b"page-count")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .filter(|&p| p > 0);
                Tag::Other
            }
            _ => self.start_style_el(ns, local, e),
        };
        if tag == Tag::Skip {
            self.skip = 1;
        }
        self.stack.push(tag);
    }

    fn end(&mut self) {
        let Some(tag) = self.stack.pop() else {
            return;
        };
        match tag {
            Tag::Skip => self.skip = 0,
            Tag::P => self.finish_para(),
            Tag::Span => {
                self.spans.pop();
            }
            Tag::Ctx | Tag::NoteBody => {
                self.ctx.pop();
            }
            Tag::Note => {
                self.pending_note = None;
            }
            Tag::ListItem => self.pending_list = false,
            Tag::Style => {
                self.in_default_style = false;
                if let Some((name, st, auto)) = self.cur_style.take() {
                    if !name.is_empty() {
                        if auto {
                            self.auto.insert(name, st);
                        } else {
                            self.common.insert(name, st);
                        }
                    }
                }
            }
            Tag::HeaderFooter => {
                let region = self.ctx.pop();
                let list = if region == Some(Region::Header) {
                    &mut self.headers
                } else {
                    &mut self.footers
                };
                let start = self.hf_start.min(list.len());
                let key = list
                    .get(start..)
                    .unwrap_or_default()
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                if !key.is_empty() && !self.hf_seen.insert(key) {
                    list.truncate(start);
                }
            }
            Tag::AutoStyles => self.in_auto = false,
            Tag::Frame => {
                let had_image = self.frames.pop() == Some(true);
                self.facts.images += u32::from(had_image);
            }
            Tag::Other | Tag::NoteCitation => {}
        }
    }

    fn text(&mut self, s: &str) {
        if self.skip > 0 {
            return;
        }
        if self.stack.last() == Some(&Tag::NoteCitation) {
            if let Some(c) = self.citation.as_mut() {
                if c.len() < 32 {
                    c.push_str(s);
                }
            }
            return;
        }
        if self.stack.contains(&Tag::NoteCitation) {
            return;
        }
        if !self.paras.is_empty() {
            // Inside a paragraph, XML white space is text (collapsed later).
            self.push_text(s);
        }
    }

    fn has_text(&self) -> bool {
        self.sink.chars() > 0
            || !self.body.is_empty()
            || self.paras.iter().any(|p| !p.buf.is_blank())
    }
}

impl OdtWalker {
    fn into_document(mut self, mut warnings: Vec<String>, limits: &Limits) -> Document {
        while !self.paras.is_empty() {
            self.finish_para();
        }
        let mut doc = Document {
            pages: self.meta_pages.unwrap_or(self.page),
            ..Document::default()
        };
        for l in self.headers.iter().chain(self.footers.iter()) {
            self.facts.header_footer_text.push(l.text.clone());
        }
        doc.lines = self.headers;
        doc.lines.extend(self.body);
        doc.lines.extend(self.notes);
        doc.lines.extend(self.footers);
        // Already trimmed and de-duplicated.
        doc.links = self.links;
        self.facts.icon_glyphs = self.sink.dropped.icons;
        self.facts.unmapped_glyphs = self.sink.dropped.unmapped;
        doc.facts = self.facts;
        if self.sink.truncated {
            warnings.push(format!(
                "the text is longer than {} characters; the rest was dropped",
                limits.max_text_chars
            ));
        }
        doc.warnings = warnings;
        doc
    }
}
