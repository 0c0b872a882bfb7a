//! Legacy Word 97-2003 (`.doc`, OLE compound file) extractor, through `office_oxide`'s
//! structured document model (headings, paragraphs, lists, tables, text boxes, headers,
//! footers, footnotes). The library call runs under `catch_unwind`; its errors and panics
//! become [`ParseError::Corrupt`]. The element tree is walked with an explicit stack.

use std::io::Cursor;

use office_oxide::ir::{Element, HeaderFooter, InlineContent, ListItem};
use office_oxide::{DocumentFormat, DocumentIR};

use super::text::LineSink;
use crate::document::{Line, Region};
use crate::text::normalize::strip_bullet;
use crate::{Document, Limits, ParseError};

/// Inline text of a paragraph/heading, split at hard line breaks, with bold/size statistics.
struct Inline {
    parts: Vec<String>,
    chars: usize,
    bold: usize,
    size_half_pt: Option<u32>,
}

fn inline(content: &[InlineContent], links: &mut Vec<String>) -> Inline {
    let mut out = Inline {
        parts: vec![String::new()],
        chars: 0,
        bold: 0,
        size_half_pt: None,
    };
    let mut best = 0usize;
    for c in content {
        match c {
            InlineContent::Text(span) => {
                if let Some(last) = out.parts.last_mut() {
                    last.push_str(&span.text);
                }
                let n = span.text.chars().filter(|c| !c.is_whitespace()).count();
                out.chars += n;
                if span.bold {
                    out.bold += n;
                }
                if n > best {
                    if let Some(s) = span.font_size_half_pt {
                        best = n;
                        out.size_half_pt = Some(s);
                    }
                }
                if let Some(h) = &span.hyperlink {
                    if !h.starts_with('#') {
                        links.push(h.clone());
                    }
                }
            }
            InlineContent::LineBreak => out.parts.push(String::new()),
            _ => {}
        }
    }
    out
}

/// Walks the IR, producing lines per region.
struct Walker {
    sink: LineSink,
    body: Vec<Line>,
    header: Vec<Line>,
    footer: Vec<Line>,
    notes: Vec<Line>,
    links: Vec<String>,
    page: u32,
    max_depth: usize,
    depth_warned: bool,
}

/// A unit of pending work for [`Walker::walk`].
enum Frame<'a> {
    Els(&'a [Element], Ctx),
    Items(&'a [ListItem], Ctx),
}

#[derive(Clone, Copy)]
struct Ctx {
    region: Region,
    list: bool,
    depth: usize,
}

impl Walker {
    fn push_line(&mut self, region: Region, line: Line) {
        match region {
            Region::Header | Region::Footer => {
                let list = if region == Region::Header {
                    &mut self.header
                } else {
                    &mut self.footer
                };
                if !list.iter().any(|l| l.text == line.text) {
                    self.sink
                        .doc
                        .facts
                        .header_footer_text
                        .push(line.text.clone());
                    list.push(line);
                }
            }
            Region::Footnote => self.notes.push(line),
            _ => self.body.push(line),
        }
    }

    fn add_inline(&mut self, content: &[InlineContent], ctx: Ctx, heading: Option<u8>) {
        let inl = inline(content, &mut self.links);
        let bold = inl.chars > 0 && inl.bold * 2 > inl.chars;
        let font_size = inl.size_half_pt.map(|s| s as f32 / 2.0).unwrap_or(0.0);
        let mut first = true;
        for part in &inl.parts {
            let Some(text) = self.sink.clean(part) else {
                continue;
            };
            let (text, bullet) = match strip_bullet(&text) {
                Some(r) if heading.is_none() => (r.to_string(), true),
                _ => (text, false),
            };
            if text.is_empty() {
                continue;
            }
            let line = Line {
                text,
                page: self.page,
                region: ctx.region,
                font_size,
                bold,
                heading_level: heading,
                list_item: (first && ctx.list) || bullet,
                para_start: first,
                ..Line::default()
            };
            first = false;
            self.push_line(ctx.region, line);
        }
    }

    /// Plain text of a subtree (table cells), spaces between blocks.
    fn flatten(&mut self, els: &[Element], depth: usize, out: &mut String) {
        let mut stack: Vec<(&[Element], usize)> = vec![(els, depth)];
        // Process in document order: stack of slices, popping the front element each time.
        while let Some((slice, d)) = stack.pop() {
            let Some((first, rest)) = slice.split_first() else {
                continue;
            };
            stack.push((rest, d));
            if d > self.max_depth {
                self.warn_depth();
                continue;
            }
            let mut text_of = |content: &[InlineContent], links: &mut Vec<String>| {
                let inl = inline(content, links);
                for p in inl.parts {
                    out.push(' ');
                    out.push_str(&p);
                }
            };
            match first {
                Element::Paragraph(p) => text_of(&p.content, &mut self.links),
                Element::Heading(h) => text_of(&h.content, &mut self.links),
                Element::Table(t) => {
                    self.sink.doc.facts.tables += 1;
                    for row in t.rows.iter().rev() {
                        for cell in row.cells.iter().rev() {
                            stack.push((&cell.content, d + 1));
                        }
                    }
                }
                Element::List(l) => {
                    for item in l.items.iter().rev() {
                        stack.push((&item.content, d + 1));
                    }
                }
                Element::TextBox(tb) => stack.push((&tb.content, d + 1)),
                Element::Image(_) => self.sink.doc.facts.images += 1,
                Element::CodeBlock(c) => {
                    out.push(' ');
                    out.push_str(&c.content);
                }
                _ => {}
            }
        }
    }

    fn warn_depth(&mut self) {
        if !self.depth_warned {
            self.depth_warned = true;
            self.sink.doc.warnings.push(format!(
                "document nested deeper than {} levels: inner content skipped",
                self.max_depth
            ));
        }
    }

    /// Walk a block list in order with an explicit stack.
    fn walk(&mut self, els: &[Element], ctx: Ctx) {
        let mut stack: Vec<Frame<'_>> = vec![Frame::Els(els, ctx)];
        while let Some(frame) = stack.pop() {
            let (el, ctx) = match frame {
                Frame::Els(slice, ctx) => {
                    let Some((el, rest)) = slice.split_first() else {
                        continue;
                    };
                    stack.push(Frame::Els(rest, Ctx { list: false, ..ctx }));
                    (el, ctx)
                }
                Frame::Items(items, ctx) => {
                    let Some((item, rest)) = items.split_first() else {
                        continue;
                    };
                    stack.push(Frame::Items(rest, ctx));
                    let child = Ctx {
                        depth: ctx.depth + 1,
                        ..ctx
                    };
                    if let Some(n) = &item.nested {
                        stack.push(Frame::Items(&n.items, child));
                    }
                    stack.push(Frame::Els(
                        &item.content,
                        Ctx {
                            list: true,
                            ..child
                        },
                    ));
                    continue;
                }
            };
            if ctx.depth > self.max_depth {
                self.warn_depth();
                continue;
            }
            let child = Ctx {
                depth: ctx.depth + 1,
                list: false,
                ..ctx
            };
            match el {
                Element::Heading(h) => self.add_inline(&h.content, ctx, Some(h.level.clamp(1, 9))),
                Element::Paragraph(p) => self.add_inline(&p.content, ctx, None),
                Element::Table(t) => {
                    self.sink.doc.facts.tables += 1;
                    let region = if ctx.region == Region::Body {
                        Region::Table
                    } else {
                        ctx.region
                    };
                    for row in &t.rows {
                        let mut text = String::new();
                        for cell in &row.cells {
                            self.flatten(&cell.content, ctx.depth + 1, &mut text);
                        }
                        if let Some(text) = self.sink.clean(&text) {
                            let line = Line {
                                text,
                                page: self.page,
                                region,
                                para_start: true,
                                ..Line::default()
                            };
                            self.push_line(region, line);
                        }
                    }
                }
                Element::List(l) => stack.push(Frame::Items(&l.items, child)),
                Element::Image(_) => self.sink.doc.facts.images += 1,
                Element::TextBox(tb) => {
                    self.sink.doc.facts.text_boxes += 1;
                    stack.push(Frame::Els(
                        &tb.content,
                        Ctx {
                            region: Region::TextBox,
                            ..child
                        },
                    ));
                }
                Element::Footnote(n) | Element::Endnote(n) => stack.push(Frame::Els(
                    &n.content,
                    Ctx {
                        region: Region::Footnote,
                        ..child
                    },
                )),
                Element::CodeBlock(c) => {
                    for l in c.content.lines() {
                        if let Some(text) = self.sink.clean(l) {
                            let line = Line {
                                text,
                                page: self.page,
                                region: ctx.region,
                                para_start: true,
                                ..Line::default()
                            };
                            self.push_line(ctx.region, line);
                        }
                    }
                }
                Element::PageBreak => self.page = self.page.saturating_add(1),
                _ => {}
            }
        }
    }

    fn header_footer(&mut self, hf: Option<&HeaderFooter>, region: Region) {
        if let Some(hf) = hf {
            self.walk(
                &hf.content,
                Ctx {
                    region,
                    list: false,
                    depth: 0,
                },
            );
        }
    }
}

fn open(bytes: &[u8]) -> Result<DocumentIR, ParseError> {
    office_oxide::Document::from_reader(Cursor::new(bytes.to_vec()), DocumentFormat::Doc)
        .map(|d| d.to_ir())
        .map_err(|e| ParseError::corrupt(format!("legacy Word file: {e}")))
}

/// Extract a legacy Word (.doc) document.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
        return Err(ParseError::Empty);
    }
    let ir = open(bytes)?;
    let mut w = Walker {
        sink: LineSink::new(limits),
        body: Vec::new(),
        header: Vec::new(),
        footer: Vec::new(),
        notes: Vec::new(),
        links: Vec::new(),
        page: 1,
        max_depth: limits.max_xml_depth.max(1),
        depth_warned: false,
    };
    for sec in &ir.sections {
        for hf in [&sec.first_page_header, &sec.header, &sec.even_page_header] {
            w.header_footer(hf.as_ref(), Region::Header);
        }
        for hf in [&sec.first_page_footer, &sec.footer, &sec.even_page_footer] {
            w.header_footer(hf.as_ref(), Region::Footer);
        }
        if sec.columns.as_ref().is_some_and(|c| c.count > 1)
            && !w.sink.doc.facts.column_pages.contains(&w.page)
        {
            w.sink.doc.facts.column_pages.push(w.page);
        }
        w.walk(
            &sec.elements,
            Ctx {
                region: Region::Body,
                list: false,
                depth: 0,
            },
        );
    }
    let Walker {
        mut sink,
        body,
        header,
        footer,
        notes,
        links,
        page,
        ..
    } = w;
    for l in links {
        sink.doc.add_link(&l);
    }
    for l in header.into_iter().chain(body).chain(notes).chain(footer) {
        sink.push(l);
    }
    sink.doc.pages = page;
    sink.finish()
}
