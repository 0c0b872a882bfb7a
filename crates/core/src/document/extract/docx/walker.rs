//! The WordprocessingML story walker: one pass over a DOCX part (`document.xml`, a header,
//! footer, or the foot/endnotes part) turning paragraphs, tables, text boxes, fields and
//! hyperlinks into [`Line`]s and counting the ATS format facts on the way.

use std::collections::{HashMap, HashSet};

use quick_xml::events::BytesStart;

use super::builder::{push_page, LineSink, ParaBuf};
use super::styles::{half_points, on_off, Props, Rels, Styles};
use super::xmlutil::{attr, XmlHandler};
use crate::document::HiddenText;
use crate::{Line, Region};

const NS_OTHER: u8 = 0;
const NS_W: u8 = 1;
const NS_MC: u8 = 2;
const NS_V: u8 = 3;
const NS_PIC: u8 = 4;
const NS_A: u8 = 5;

/// Map the namespaces the walker cares about (transitional and strict OOXML).
pub(crate) fn docx_ns(uri: &[u8]) -> u8 {
    match uri {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main"
        | b"?w" => NS_W,
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" | b"?mc" => NS_MC,
        b"urn:schemas-microsoft-com:vml" | b"?v" => NS_V,
        b"http://schemas.openxmlformats.org/drawingml/2006/picture"
        | b"http://purl.oclc.org/ooxml/drawingml/picture"
        | b"?pic" => NS_PIC,
        b"http://schemas.openxmlformats.org/drawingml/2006/main"
        | b"http://purl.oclc.org/ooxml/drawingml/main"
        | b"?a" => NS_A,
        _ => NS_OTHER,
    }
}

/// Kind of note part being walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoteKind {
    Foot,
    End,
}

/// Results shared by all parts of one document.
#[derive(Debug)]
pub(crate) struct Acc {
    pub sink: LineSink,
    pub tables: u32,
    pub images: u32,
    pub text_boxes: u32,
    pub column_pages: Vec<u32>,
    pub links: Vec<String>,
    link_set: HashSet<String>,
    pub hidden: Vec<HiddenText>,
    /// Body page counter (1-based) and whether no text followed the last page increment.
    pub page: u32,
    fresh_page: bool,
    /// Note references met in the body, in order: (kind, id, page).
    pub note_refs: Vec<(NoteKind, String, u32)>,
}

impl Acc {
    pub fn new(max_chars: usize) -> Self {
        Acc {
            sink: LineSink::new(max_chars),
            tables: 0,
            images: 0,
            text_boxes: 0,
            column_pages: Vec::new(),
            links: Vec::new(),
            link_set: HashSet::new(),
            hidden: Vec::new(),
            page: 1,
            fresh_page: true,
            note_refs: Vec::new(),
        }
    }

    fn add_column_page(&mut self, page: u32) {
        push_page(&mut self.column_pages, page);
    }

    /// Record a link once (hash set: no quadratic cost on link-stuffed files).
    fn add_link(&mut self, url: &str) {
        let url = url.trim();
        if !url.is_empty() && self.link_set.insert(url.to_string()) {
            self.links.push(url.to_string());
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    R,
    T,
    InstrText,
    Tc,
    TxbxContent,
    Drawing,
    Skip,
    PPr,
    RPr,
    NumPr,
    SectPr,
    Cols,
    Note,
    Other,
}

#[derive(Debug, Default)]
struct RunState {
    direct: Props,
    rstyle: Option<String>,
}

#[derive(Debug)]
struct ParaState {
    buf: ParaBuf,
    pstyle: Option<String>,
    direct_outline: Option<u8>,
    num: Option<bool>,
    framed: bool,
    deferred: Vec<Line>,
    hidden: Option<(&'static str, String)>,
}

#[derive(Debug, Default)]
struct Field {
    instr: String,
    result: bool,
}

/// Walks one part. Create with [`Walker::new`], feed through [`super::xmlutil::walk`], then
/// call [`Walker::finish`].
pub(crate) struct Walker<'a> {
    styles: &'a Styles,
    rels: &'a Rels,
    acc: &'a mut Acc,
    region: Region,
    track_pages: bool,
    stack: Vec<Tag>,
    skip: usize,
    ctx: Vec<Region>,
    paras: Vec<ParaState>,
    runs: Vec<RunState>,
    fields: Vec<Field>,
    drawings: Vec<bool>,
    cols_children: usize,
    last_top_framed: bool,
    /// Lines of the part, in order.
    pub out: Vec<Line>,
    /// Note parts: (note id, its lines) in file order.
    pub notes: Vec<(String, Vec<Line>)>,
    note_numbers: HashMap<String, usize>,
    note_kind: NoteKind,
    cur_note: Option<(String, usize)>,
}

impl<'a> Walker<'a> {
    pub fn new(styles: &'a Styles, rels: &'a Rels, acc: &'a mut Acc, region: Region) -> Self {
        Walker {
            styles,
            rels,
            acc,
            region,
            track_pages: region == Region::Body,
            stack: Vec::new(),
            skip: 0,
            ctx: Vec::new(),
            paras: Vec::new(),
            runs: Vec::new(),
            fields: Vec::new(),
            drawings: Vec::new(),
            cols_children: 0,
            last_top_framed: false,
            out: Vec::new(),
            notes: Vec::new(),
            note_numbers: HashMap::new(),
            note_kind: NoteKind::Foot,
            cur_note: None,
        }
    }

    /// Configure a foot/endnote part: notes are numbered by the order of their references.
    pub fn for_notes(mut self, kind: NoteKind) -> Self {
        self.note_kind = kind;
        let mut n = 0;
        for (k, id, _) in &self.acc.note_refs {
            if *k == kind && !self.note_numbers.contains_key(id) {
                n += 1;
                self.note_numbers.insert(id.clone(), n);
            }
        }
        self
    }

    /// Flush paragraphs left open (truncated XML).
    pub fn finish(&mut self) {
        while !self.paras.is_empty() {
            self.finish_para();
        }
        self.close_note();
    }

    fn parent(&self) -> Option<Tag> {
        self.stack.last().copied()
    }

    fn grandparent(&self) -> Option<Tag> {
        self.stack
            .len()
            .checked_sub(2)
            .and_then(|i| self.stack.get(i))
            .copied()
    }

    fn para_region(&self) -> Region {
        if self.region != Region::Body {
            return self.region;
        }
        self.ctx.last().copied().unwrap_or(Region::Body)
    }

    fn in_instruction(&self) -> bool {
        self.fields.iter().any(|f| !f.result)
    }

    fn page(&self) -> u32 {
        if self.track_pages {
            self.acc.page
        } else {
            1
        }
    }

    fn push_text(&mut self, s: &str) {
        if self.in_instruction() {
            return;
        }
        let page = self.page();
        let Some(para) = self.paras.last_mut() else {
            return;
        };
        let run = self.runs.last();
        let props = match run {
            Some(r) => r.direct.or(&self
                .styles
                .run_props(r.rstyle.as_deref(), para.pstyle.as_deref())),
            None => self.styles.run_props(None, para.pstyle.as_deref()),
        };
        let size = props.size.unwrap_or(10.0);
        para.buf.push(s, props.bold.unwrap_or(false), size, page);
        let reason = if props.vanish == Some(true) {
            Some("hidden text (w:vanish)")
        } else if size < 2.0 {
            Some("tiny text")
        } else {
            None
        };
        if let Some(reason) = reason {
            if !s.trim().is_empty() {
                let h = para.hidden.get_or_insert((reason, String::new()));
                if h.1.len() < 500 {
                    h.1.push_str(s);
                }
            }
        }
        if self.track_pages && !s.trim().is_empty() {
            self.acc.fresh_page = false;
        }
    }

    fn page_break(&mut self, explicit: bool) {
        if !self.track_pages {
            return;
        }
        if explicit || !self.acc.fresh_page {
            self.acc.page = self.acc.page.saturating_add(1);
            self.acc.fresh_page = true;
        }
    }

    fn start_para(&mut self) {
        let region = self.para_region();
        self.paras.push(ParaState {
            buf: ParaBuf::new(region, self.page()),
            pstyle: None,
            direct_outline: None,
            num: None,
            framed: false,
            deferred: Vec::new(),
            hidden: None,
        });
    }

    fn finish_para(&mut self) {
        let Some(mut p) = self.paras.pop() else {
            return;
        };
        // A field instruction never spans paragraphs in practice: do not let a broken
        // `fldChar` swallow the rest of the document.
        self.fields.retain(|f| f.result);
        let heading = match p.direct_outline {
            Some(l) => (l < 9).then_some(l + 1),
            None => self.styles.heading_level(p.pstyle.as_deref()),
        };
        p.buf.heading_level = heading;
        p.buf.list_item = heading.is_none()
            && p.num
                .unwrap_or_else(|| self.styles.is_list(p.pstyle.as_deref()));
        let top = self.paras.is_empty();
        if p.framed && self.region == Region::Body {
            p.buf.region = Region::TextBox;
        }
        if top {
            if p.framed && !self.last_top_framed {
                self.acc.text_boxes += 1;
            }
            self.last_top_framed = p.framed;
        }
        let page = self.page();
        if let Some((reason, snippet)) = p.hidden.take() {
            let snippet = crate::text::normalize::clean_text(&snippet);
            if !snippet.is_empty() {
                self.acc.hidden.push(HiddenText {
                    page,
                    reason: reason.to_string(),
                    snippet,
                });
            }
        }
        let mut lines = p.buf.finish(&mut self.acc.sink);
        lines.append(&mut p.deferred);
        match self.paras.last_mut() {
            Some(parent) => parent.deferred.append(&mut lines),
            None => self.out.append(&mut lines),
        }
    }

    fn close_note(&mut self) {
        if let Some((id, start)) = self.cur_note.take() {
            let lines = if start <= self.out.len() {
                self.out.split_off(start)
            } else {
                Vec::new()
            };
            self.notes.push((id, lines));
        }
    }

    fn handle_instr(&mut self, instr: &str) {
        if let Some(url) = hyperlink_from_instr(instr) {
            self.acc.add_link(&url);
        }
    }

    fn start_w(&mut self, local: &[u8], e: &BytesStart<'_>) -> Tag {
        let parent = self.parent();
        match local {
            b"del" | b"moveFrom" | b"delText" | b"delInstrText" | b"rPrChange" | b"pPrChange"
            | b"sectPrChange" | b"tblPrChange" | b"trPrChange" | b"tcPrChange" | b"sdtPr"
            | b"numberingChange" => Tag::Skip,
            b"p" => {
                self.start_para();
                Tag::P
            }
            b"r" => {
                self.runs.push(RunState::default());
                Tag::R
            }
            b"t" => Tag::T,
            b"instrText" => Tag::InstrText,
            b"tab" | b"ptab" if parent == Some(Tag::R) => {
                self.push_text("\t");
                Tag::Other
            }
            b"noBreakHyphen" if parent == Some(Tag::R) => {
                self.push_text("-");
                Tag::Other
            }
            b"sym" if parent == Some(Tag::R) => {
                if let Some(c) = attr(e, b"char")
                    .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
                    .and_then(char::from_u32)
                {
                    let mut b = [0u8; 4];
                    self.push_text(c.encode_utf8(&mut b));
                }
                Tag::Other
            }
            b"br" | b"cr" if parent == Some(Tag::R) => {
                if !self.in_instruction() {
                    if let Some(p) = self.paras.last_mut() {
                        p.buf.line_break();
                    }
                }
                if attr(e, b"type").as_deref() == Some("page") {
                    self.page_break(true);
                }
                Tag::Other
            }
            b"lastRenderedPageBreak" => {
                self.page_break(false);
                Tag::Other
            }
            b"footnoteReference" | b"endnoteReference" => {
                let kind = if local == b"footnoteReference" {
                    NoteKind::Foot
                } else {
                    NoteKind::End
                };
                if let Some(id) = attr(e, b"id") {
                    if self.acc.note_refs.len() < 10_000 {
                        let page = self.page();
                        self.acc.note_refs.push((kind, id, page));
                    }
                }
                Tag::Other
            }
            b"footnoteRef" | b"endnoteRef" => {
                if let Some((id, _)) = &self.cur_note {
                    let n = self
                        .note_numbers
                        .get(id)
                        .copied()
                        .unwrap_or(self.notes.len() + 1);
                    self.push_text(&format!("{n} "));
                }
                Tag::Other
            }
            b"footnote" | b"endnote" => {
                let separator = matches!(
                    attr(e, b"type").as_deref(),
                    Some("separator" | "continuationSeparator" | "continuationNotice")
                );
                if separator {
                    return Tag::Skip;
                }
                self.close_note();
                let id = attr(e, b"id").unwrap_or_default();
                self.cur_note = Some((id, self.out.len()));
                Tag::Note
            }
            b"fldChar" => {
                match attr(e, b"fldCharType").as_deref() {
                    Some("begin") if self.fields.len() < 32 => {
                        self.fields.push(Field::default());
                    }
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            if !f.result {
                                f.result = true;
                                let instr = std::mem::take(&mut f.instr);
                                self.handle_instr(&instr);
                            }
                        }
                    }
                    Some("end") => {
                        if let Some(f) = self.fields.pop() {
                            if !f.result {
                                self.handle_instr(&f.instr);
                            }
                        }
                    }
                    _ => {}
                }
                Tag::Other
            }
            b"fldSimple" => {
                if let Some(instr) = attr(e, b"instr") {
                    self.handle_instr(&instr);
                }
                Tag::Other
            }
            b"hyperlink" => {
                if let Some(rel) = attr(e, b"id").and_then(|id| self.rels.get(&id)) {
                    if rel.external || rel.kind == "hyperlink" {
                        let t = rel.target.clone();
                        self.acc.add_link(&t);
                    }
                }
                Tag::Other
            }
            b"tbl" => {
                self.acc.tables += 1;
                Tag::Other
            }
            b"tc" => {
                self.ctx.push(Region::Table);
                Tag::Tc
            }
            b"txbxContent" => {
                self.acc.text_boxes += 1;
                self.ctx.push(Region::TextBox);
                Tag::TxbxContent
            }
            b"drawing" => {
                self.drawings.push(false);
                Tag::Drawing
            }
            b"pPr" => Tag::PPr,
            b"rPr" => Tag::RPr,
            b"numPr" => Tag::NumPr,
            b"sectPr" => Tag::SectPr,
            b"cols" if parent == Some(Tag::SectPr) => {
                self.cols_children = 0;
                let num = attr(e, b"num").and_then(|n| n.trim().parse::<u32>().ok());
                if num.is_some_and(|n| n > 1) {
                    let page = self.page();
                    self.acc.add_column_page(page);
                }
                Tag::Cols
            }
            b"col" if parent == Some(Tag::Cols) => {
                self.cols_children += 1;
                Tag::Other
            }
            _ => {
                match (parent, self.grandparent()) {
                    (Some(Tag::PPr), _) => {
                        if let Some(p) = self.paras.last_mut() {
                            match local {
                                b"pStyle" => p.pstyle = attr(e, b"val"),
                                b"outlineLvl" => {
                                    p.direct_outline =
                                        attr(e, b"val").and_then(|v| v.trim().parse().ok())
                                }
                                b"framePr" => p.framed = true,
                                b"pageBreakBefore" if on_off(e) => self.page_break(true),
                                _ => {}
                            }
                        }
                    }
                    (Some(Tag::NumPr), Some(Tag::PPr)) if local == b"numId" => {
                        if let Some(p) = self.paras.last_mut() {
                            p.num = Some(attr(e, b"val").is_some_and(|v| v.trim() != "0"));
                        }
                    }
                    (Some(Tag::RPr), Some(Tag::R)) => {
                        if let Some(r) = self.runs.last_mut() {
                            match local {
                                b"b" => r.direct.bold = Some(on_off(e)),
                                b"sz" => {
                                    if let Some(s) = half_points(e) {
                                        r.direct.size = Some(s);
                                    }
                                }
                                b"vanish" => r.direct.vanish = Some(on_off(e)),
                                b"rStyle" => r.rstyle = attr(e, b"val"),
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
                Tag::Other
            }
        }
    }
}

impl XmlHandler for Walker<'_> {
    fn ns_id(&self, uri: &[u8]) -> u8 {
        docx_ns(uri)
    }

    fn start(&mut self, ns: u8, local: &[u8], e: &BytesStart<'_>) {
        if self.skip > 0 {
            self.stack.push(Tag::Other);
            return;
        }
        let tag = match ns {
            NS_W => self.start_w(local, e),
            NS_MC if local == b"Fallback" => Tag::Skip,
            NS_PIC if local == b"pic" => {
                if let Some(d) = self.drawings.last_mut() {
                    *d = true;
                } else {
                    self.acc.images += 1;
                }
                Tag::Other
            }
            NS_A if local == b"blip" => {
                if let Some(d) = self.drawings.last_mut() {
                    *d = true;
                }
                Tag::Other
            }
            NS_V if local == b"imagedata" => {
                // Only a picture that points at image data (VML writes empty ones for lines).
                let has_data = attr(e, b"id")
                    .or_else(|| attr(e, b"relid"))
                    .or_else(|| attr(e, b"src"));
                if self.drawings.is_empty() && has_data.is_some_and(|v| !v.is_empty()) {
                    self.acc.images += 1;
                }
                Tag::Other
            }
            _ => Tag::Other,
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
            Tag::R => {
                self.runs.pop();
            }
            Tag::Tc | Tag::TxbxContent => {
                self.ctx.pop();
            }
            Tag::Drawing => {
                let had_image = self.drawings.pop() == Some(true);
                self.acc.images += u32::from(had_image);
            }
            Tag::Cols if self.cols_children > 1 => {
                let page = self.page();
                self.acc.add_column_page(page);
            }
            Tag::Note => {
                while !self.paras.is_empty() {
                    self.finish_para();
                }
                self.close_note();
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if self.skip > 0 {
            return;
        }
        match self.parent() {
            Some(Tag::T) if self.grandparent() == Some(Tag::R) => self.push_text(s),
            Some(Tag::InstrText) => {
                if let Some(f) = self.fields.last_mut() {
                    if !f.result && f.instr.len() < 4096 {
                        f.instr.push_str(s);
                    }
                }
            }
            _ => {}
        }
    }

    fn has_text(&self) -> bool {
        self.acc.sink.chars() > 0
            || !self.out.is_empty()
            || self.paras.iter().any(|p| !p.buf.is_blank())
    }
}

/// The URL of a `HYPERLINK "url" \o "tip"` field instruction (not `\l` bookmarks).
pub(crate) fn hyperlink_from_instr(instr: &str) -> Option<String> {
    let mut tokens = Vec::new();
    let mut chars = instr.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut t = String::new();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                t.push(c);
            }
            tokens.push((true, t));
        } else {
            let mut t = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                t.push(c);
                chars.next();
            }
            tokens.push((false, t));
        }
    }
    let mut it = tokens.into_iter();
    let (_, head) = it.next()?;
    if !head.eq_ignore_ascii_case("HYPERLINK") {
        return None;
    }
    while let Some((quoted, t)) = it.next() {
        if !quoted && t.starts_with('\\') {
            let sw = t.to_ascii_lowercase();
            if sw == "\\l" {
                return None;
            }
            if matches!(sw.as_str(), "\\o" | "\\t") {
                it.next();
            }
            continue;
        }
        return (!t.is_empty()).then_some(t);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlink_instructions() {
        assert_eq!(
            hyperlink_from_instr(r#" HYPERLINK "https://x.org/a" \o "tip" "#).as_deref(),
            Some("https://x.org/a")
        );
        assert_eq!(
            hyperlink_from_instr(r#"HYPERLINK \o "tip" "mailto:a@b.c""#).as_deref(),
            Some("mailto:a@b.c")
        );
        assert_eq!(hyperlink_from_instr(r#"HYPERLINK \l "_Toc1""#), None);
        assert_eq!(hyperlink_from_instr(" PAGE "), None);
    }
}
