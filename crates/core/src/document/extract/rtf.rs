//! RTF extractor: a small, non-recursive tokenizer and group-state machine over the RTF
//! syntax (groups, control words and symbols, `\'hh` bytes in the document code page,
//! `\uN` with `\ucN` skip counts, `\binN`).
//!
//! Paragraph breaks (`\par`, `\line`, `\sect`, `\page`, `\row`) become lines; header/footer
//! groups become Header/Footer lines (placed first/last) and `facts.header_footer_text`;
//! footnotes become Footnote lines after the body; shape text boxes (`\shptxt`) become TextBox
//! lines placed after their anchor paragraph; `\trowd` tables become Table lines and
//! `facts.tables`; `\pict` counts as an image; HYPERLINK field instructions become links;
//! `\v` hidden text goes to `facts.hidden_text`. Non-text destinations (font/colour/style
//! tables, info, themes, data stores, …) are skipped. Group depth is bounded by
//! [`Limits::max_xml_depth`]; truncated input returns what was read plus a warning.

use std::collections::HashMap;

use encoding_rs::Encoding;

use super::text::LineSink;
use crate::document::{HiddenText, Line, Region};
use crate::text::normalize::strip_bullet;
use crate::{Document, Limits, ParseError};

/// Where the text of a group goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    Body,
    Header,
    Footer,
    Footnote,
    TextBox,
    /// Ignored destination (its text is dropped).
    Skip,
    /// Field instruction (captured for HYPERLINK).
    FldInst,
    /// List marker text (`\listtext`, `\pntext`): marks the paragraph as a list item.
    ListText,
    StyleSheet,
    StyleEntry,
    FontTbl,
}

impl Dest {
    /// Index of the paragraph buffer for text destinations.
    fn sink(self) -> Option<usize> {
        match self {
            Dest::Body => Some(0),
            Dest::Header => Some(1),
            Dest::Footer => Some(2),
            Dest::Footnote => Some(3),
            Dest::TextBox => Some(4),
            _ => None,
        }
    }
}

/// Group-scoped state (character and paragraph properties plus destination).
#[derive(Debug, Clone, Copy)]
struct State {
    dest: Dest,
    bold: bool,
    /// Font size in half-points.
    fs: u16,
    hidden: bool,
    uc: u8,
    font: i32,
    style: i32,
    outline: Option<u8>,
    intbl: bool,
    /// Only `\*` seen so far in this group.
    star: bool,
}

impl Default for State {
    fn default() -> Self {
        State {
            dest: Dest::Body,
            bold: false,
            fs: 24,
            hidden: false,
            uc: 1,
            font: -1,
            style: 0,
            outline: None,
            intbl: false,
            star: false,
        }
    }
}

/// A paragraph being assembled.
#[derive(Debug, Default)]
struct Para {
    text: String,
    chars: usize,
    bold_chars: usize,
    sizes: Vec<(u16, usize)>,
    list: bool,
    /// Continues the previous paragraph after a `\line` break.
    cont: bool,
    hidden: String,
}

/// Destinations whose content is never text.
const SKIP_DESTS: &[&str] = &[
    "colortbl",
    "info",
    "object",
    "themedata",
    "datastore",
    "latentstyles",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "mmathPr",
    "filetbl",
    "revtbl",
    "userprops",
    "colorschememapping",
    "shprslt",
    "nonshppict",
    "sp",
    "ftnsep",
    "ftnsepc",
    "aftnsep",
    "aftnsepc",
    "pgdsctbl",
    "xe",
    "tc",
    "tcn",
    "annotation",
    "atnid",
    "atnauthor",
    "objdata",
    "bkmkstart",
    "bkmkend",
    "template",
    "docvar",
    "pn",
    "falt",
    "panose",
    "fname",
    "leveltext",
    "levelnumbers",
    "protusertbl",
    "wgrffmtfilter",
    "pgptbl",
    "listpicture",
    "passwordhash",
    "mhtmltag",
    "htmltag",
];

/// Encoding for a Windows code page number (`\ansicpgN`).
fn codepage_encoding(cp: i32) -> Option<&'static Encoding> {
    let label: String = match cp {
        874 => "windows-874".into(),
        932 => "shift_jis".into(),
        936 => "gbk".into(),
        949 => "euc-kr".into(),
        950 => "big5".into(),
        1250..=1258 => format!("windows-{cp}"),
        10000 => "macintosh".into(),
        866 => "ibm866".into(),
        20866 => "koi8-r".into(),
        28591..=28599 => format!("iso-8859-{}", cp - 28590),
        65001 => "utf-8".into(),
        _ => return None,
    };
    Encoding::for_label(label.as_bytes())
}

/// Encoding for a font character set (`\fcharsetN`).
fn charset_encoding(cs: i32) -> Option<&'static Encoding> {
    let cp = match cs {
        77 => 10000,
        128 => 932,
        129 => 949,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        _ => return None,
    };
    codepage_encoding(cp)
}

struct Rtf {
    sink: LineSink,
    max_depth: usize,
    stack: Vec<State>,
    st: State,
    paras: [Para; 5],
    body: Vec<Line>,
    header: Vec<Line>,
    footer: Vec<Line>,
    notes: Vec<Line>,
    pending_tb: Vec<Line>,
    /// Text bytes waiting to be decoded together (multi-byte code pages).
    pending: Vec<u8>,
    /// Characters still to skip after `\uN`.
    skip: usize,
    doc_enc: &'static Encoding,
    font_enc: HashMap<i32, &'static Encoding>,
    font_def: i32,
    fldinst: String,
    listtext: String,
    style_entry: (Option<i32>, Option<u8>, String),
    style_levels: HashMap<i32, u8>,
    table_open: bool,
    page: u32,
    footnotes: u32,
    root_seen: bool,
    /// High surrogate from a `\uN` waiting for its low half.
    pending_high: Option<u16>,
}

impl Rtf {
    fn new(limits: &Limits) -> Self {
        Rtf {
            sink: LineSink::new(limits),
            max_depth: limits.max_xml_depth.max(1),
            stack: Vec::new(),
            st: State::default(),
            paras: Default::default(),
            body: Vec::new(),
            header: Vec::new(),
            footer: Vec::new(),
            notes: Vec::new(),
            pending_tb: Vec::new(),
            pending: Vec::new(),
            skip: 0,
            doc_enc: encoding_rs::WINDOWS_1252,
            font_enc: HashMap::new(),
            font_def: -1,
            fldinst: String::new(),
            listtext: String::new(),
            style_entry: (None, None, String::new()),
            style_levels: HashMap::new(),
            table_open: false,
            page: 1,
            footnotes: 0,
            root_seen: false,
            pending_high: None,
        }
    }

    fn encoding(&self) -> &'static Encoding {
        self.font_enc
            .get(&self.st.font)
            .copied()
            .unwrap_or(self.doc_enc)
    }

    /// Decode buffered bytes and emit them.
    fn flush_bytes(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.pending);
        let (s, _, _) = self.encoding().decode(&bytes);
        let s = s.into_owned();
        self.emit(&s);
    }

    /// Append decoded text to the current destination.
    fn emit(&mut self, s: &str) {
        let st = self.st;
        match st.dest {
            Dest::FldInst => self.fldinst.push_str(s),
            Dest::ListText => self.listtext.push_str(s),
            Dest::StyleEntry => self.style_entry.2.push_str(s),
            d => {
                let Some(i) = d.sink() else { return };
                let Some(p) = self.paras.get_mut(i) else {
                    return;
                };
                if st.hidden {
                    p.hidden.push_str(s);
                    return;
                }
                p.text.push_str(s);
                let n = s.chars().filter(|c| !c.is_whitespace()).count();
                p.chars += n;
                if st.bold {
                    p.bold_chars += n;
                }
                match p.sizes.iter_mut().find(|(f, _)| *f == st.fs) {
                    Some(e) => e.1 += n,
                    None => p.sizes.push((st.fs, n)),
                }
            }
        }
    }

    /// End the current line of the text destination `dest`; `cont` = the next line continues
    /// the same paragraph (`\line`).
    fn flush_para(&mut self, dest: Dest, cont: bool) {
        let Some(i) = dest.sink() else { return };
        let Some(slot) = self.paras.get_mut(i) else {
            return;
        };
        let p = std::mem::take(slot);
        slot.cont = cont;
        if !p.hidden.trim().is_empty() {
            if let Some(snippet) = self.sink.clean(&p.hidden) {
                self.sink.doc.facts.hidden_text.push(HiddenText {
                    page: self.page,
                    reason: "hidden text (\\v)".into(),
                    snippet,
                });
            }
        }
        let cleaned = self.sink.clean(&p.text);
        if let Some(text) = cleaned {
            let (text, bullet) = match strip_bullet(&text) {
                Some(rest) => (rest.to_string(), true),
                None => (text, false),
            };
            let font_size = p
                .sizes
                .iter()
                .max_by_key(|(_, n)| *n)
                .map(|(f, _)| f32::from(*f) / 2.0)
                .unwrap_or(0.0);
            let region = match dest {
                Dest::Header => Region::Header,
                Dest::Footer => Region::Footer,
                Dest::Footnote => Region::Footnote,
                Dest::TextBox => Region::TextBox,
                _ if self.st.intbl => Region::Table,
                _ => Region::Body,
            };
            let heading_level = if dest == Dest::Body && !self.st.intbl {
                self.st
                    .outline
                    .or_else(|| self.style_levels.get(&self.st.style).copied())
            } else {
                None
            };
            if !text.is_empty() {
                let line = Line {
                    text,
                    page: self.page,
                    region,
                    font_size,
                    bold: p.chars > 0 && p.bold_chars * 2 > p.chars,
                    heading_level,
                    list_item: p.list || bullet,
                    para_start: !p.cont,
                    ..Line::default()
                };
                match dest {
                    Dest::Header | Dest::Footer => {
                        let list = if dest == Dest::Header {
                            &mut self.header
                        } else {
                            &mut self.footer
                        };
                        if !list.iter().any(|l| l.text == line.text) {
                            list.push(line.clone());
                            self.sink.doc.facts.header_footer_text.push(line.text);
                        }
                    }
                    Dest::Footnote => self.notes.push(line),
                    Dest::TextBox => self.pending_tb.push(line),
                    _ => self.body.push(line),
                }
            }
        }
        if dest == Dest::Body {
            if !self.st.intbl {
                self.table_open = false;
            }
            self.body.append(&mut self.pending_tb);
        }
    }

    fn open_group(&mut self) -> Result<(), ParseError> {
        self.flush_bytes();
        self.skip = 0;
        if self.stack.len() >= self.max_depth {
            return Err(ParseError::limit(format!(
                "RTF groups nested deeper than {}",
                self.max_depth
            )));
        }
        self.stack.push(self.st);
        self.st.star = false;
        match self.st.dest {
            Dest::StyleSheet => {
                self.st.dest = Dest::StyleEntry;
                self.style_entry = (None, None, String::new());
            }
            Dest::StyleEntry => self.st.dest = Dest::Skip,
            _ => {}
        }
        Ok(())
    }

    /// Close a group; returns false when the root group closed.
    fn close_group(&mut self) -> bool {
        self.flush_bytes();
        self.skip = 0;
        let Some(parent) = self.stack.pop() else {
            return false;
        };
        let d = self.st.dest;
        if d != parent.dest {
            match d {
                Dest::Header | Dest::Footer | Dest::Footnote | Dest::TextBox => {
                    self.flush_para(d, false);
                }
                Dest::FldInst => self.finish_fldinst(),
                Dest::ListText => {
                    let t = std::mem::take(&mut self.listtext);
                    if !t.trim().is_empty() {
                        if let Some(p) = parent.dest.sink().and_then(|i| self.paras.get_mut(i)) {
                            p.list = true;
                        }
                    }
                }
                Dest::StyleEntry => {
                    let (id, outline, name) = std::mem::take(&mut self.style_entry);
                    if let Some(id) = id {
                        let lname = name.trim().trim_end_matches(';').trim().to_lowercase();
                        let level = outline.or_else(|| {
                            lname
                                .strip_prefix("heading")
                                .and_then(|r| r.trim().parse::<u8>().ok())
                                .filter(|l| (1..=9).contains(l))
                        });
                        if let Some(l) = level {
                            self.style_levels.insert(id, l);
                        }
                    }
                }
                _ => {}
            }
        }
        self.st = parent;
        !self.stack.is_empty() || !self.root_seen
    }

    fn finish_fldinst(&mut self) {
        let inst = std::mem::take(&mut self.fldinst);
        let t = inst.trim();
        let Some(rest) = t
            .get(..9)
            .filter(|h| h.eq_ignore_ascii_case("HYPERLINK"))
            .and_then(|_| t.get(9..))
        else {
            return;
        };
        let rest = rest.trim();
        if rest.starts_with("\\l") {
            return;
        }
        let url = if let Some(q) = rest.strip_prefix('"') {
            q.split('"').next().unwrap_or("")
        } else {
            rest.split_whitespace().next().unwrap_or("")
        };
        self.sink.doc.add_link(url);
    }

    /// Handle a control word. `bytes`/`pos` allow `\binN` to skip raw data.
    fn control_word(&mut self, word: &str, param: Option<i32>) {
        let star = std::mem::replace(&mut self.st.star, false);
        if self.st.dest == Dest::Skip {
            return;
        }
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        self.flush_bytes();
        let dest = self.st.dest;
        // Destinations first.
        match word {
            "header" | "headerl" | "headerr" | "headerf" => {
                self.st.dest = Dest::Header;
                return;
            }
            "footer" | "footerl" | "footerr" | "footerf" => {
                self.st.dest = Dest::Footer;
                return;
            }
            "footnote" => {
                self.footnotes += 1;
                self.st.dest = Dest::Footnote;
                return;
            }
            "fldinst" => {
                self.fldinst.clear();
                self.st.dest = Dest::FldInst;
                return;
            }
            "shptxt" | "dptxbxtext" => {
                self.sink.doc.facts.text_boxes += 1;
                self.st.dest = Dest::TextBox;
                return;
            }
            "listtext" | "pntext" => {
                self.listtext.clear();
                self.st.dest = Dest::ListText;
                return;
            }
            "stylesheet" => {
                self.st.dest = Dest::StyleSheet;
                return;
            }
            "fonttbl" => {
                self.st.dest = Dest::FontTbl;
                return;
            }
            "pict" => {
                self.sink.doc.facts.images += 1;
                self.st.dest = Dest::Skip;
                return;
            }
            "fldrslt" | "field" | "shp" | "shpinst" | "shppict" | "shpgrp" => return,
            _ => {}
        }
        if SKIP_DESTS.contains(&word) || star {
            self.st.dest = Dest::Skip;
            return;
        }
        match dest {
            Dest::FontTbl => {
                match word {
                    "f" => self.st.font = param.unwrap_or(0),
                    "fcharset" => {
                        if let Some(e) = param.and_then(charset_encoding) {
                            self.font_enc.insert(self.st.font, e);
                        }
                    }
                    _ => {}
                }
                return;
            }
            Dest::StyleEntry => {
                match word {
                    "s" => self.style_entry.0 = Some(param.unwrap_or(0)),
                    "outlinelevel" => {
                        self.style_entry.1 = param
                            .filter(|p| (0..=8).contains(p))
                            .and_then(|p| u8::try_from(p + 1).ok());
                    }
                    _ => {}
                }
                return;
            }
            Dest::StyleSheet => return,
            _ => {}
        }
        let on = param.is_none_or(|p| p != 0);
        match word {
            "ansicpg" => {
                if let Some(e) = param.and_then(codepage_encoding) {
                    self.doc_enc = e;
                }
            }
            "mac" => self.doc_enc = encoding_rs::MACINTOSH,
            "deff" => self.font_def = param.unwrap_or(0),
            "f" => self.st.font = param.unwrap_or(0),
            "par" => self.flush_para(dest, false),
            "sect" => self.flush_para(dest, false),
            "line" => self.flush_para(dest, true),
            "page" => {
                self.flush_para(dest, false);
                self.page = self.page.saturating_add(1);
            }
            "row" | "nestrow" => self.flush_para(dest, false),
            "tab" | "cell" | "nestcell" => self.emit(" "),
            "trowd" if !self.table_open => {
                self.table_open = true;
                self.sink.doc.facts.tables += 1;
            }
            "intbl" => self.st.intbl = true,
            "pard" => {
                self.st.intbl = false;
                self.st.style = 0;
                self.st.outline = None;
            }
            "s" => self.st.style = param.unwrap_or(0),
            "outlinelevel" => {
                self.st.outline = param
                    .filter(|p| (0..=8).contains(p))
                    .and_then(|p| u8::try_from(p + 1).ok());
            }
            "plain" => {
                self.st.bold = false;
                self.st.fs = 24;
                self.st.hidden = false;
                self.st.font = self.font_def;
            }
            "b" => self.st.bold = on,
            "fs" => {
                self.st.fs = param
                    .and_then(|p| u16::try_from(p).ok())
                    .filter(|p| *p > 0)
                    .unwrap_or(24)
            }
            "v" => self.st.hidden = on,
            "uc" => self.st.uc = param.and_then(|p| u8::try_from(p).ok()).unwrap_or(1),
            "u" => {
                if let Some(p) = param {
                    let cp = if p < 0 { p + 65536 } else { p };
                    self.push_utf16(cp);
                }
                self.skip = usize::from(self.st.uc);
            }
            "cols"
                if param.unwrap_or(1) > 1
                    && !self.sink.doc.facts.column_pages.contains(&self.page) =>
            {
                self.sink.doc.facts.column_pages.push(self.page);
            }
            "chftn" if dest == Dest::Footnote => {
                let n = self.footnotes.to_string();
                self.emit(&n);
            }
            "emdash" => self.emit("\u{2014}"),
            "endash" => self.emit("\u{2013}"),
            "bullet" => self.emit("\u{2022}"),
            "lquote" => self.emit("\u{2018}"),
            "rquote" => self.emit("\u{2019}"),
            "ldblquote" => self.emit("\u{201C}"),
            "rdblquote" => self.emit("\u{201D}"),
            "emspace" | "enspace" | "qmspace" => self.emit(" "),
            _ => {}
        }
    }

    /// Emit a UTF-16 code unit from `\uN`, pairing surrogates.
    fn push_utf16(&mut self, cp: i32) {
        let Ok(u) = u16::try_from(cp) else { return };
        if (0xD800..0xDC00).contains(&u) {
            self.pending_high = Some(u);
            return;
        }
        if (0xDC00..0xE000).contains(&u) {
            if let Some(h) = self.pending_high.take() {
                let s = String::from_utf16_lossy(&[h, u]);
                self.emit(&s);
            }
            return;
        }
        self.pending_high = None;
        if let Some(c) = char::from_u32(u32::from(u)) {
            let mut b = [0u8; 4];
            let s = c.encode_utf8(&mut b);
            self.emit(s);
        }
    }

    fn control_symbol(&mut self, c: u8) {
        self.st.star = c == b'*';
        if c == b'*' || self.st.dest == Dest::Skip {
            return;
        }
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match c {
            b'\\' | b'{' | b'}' => self.pending.push(c),
            b'~' => {
                self.flush_bytes();
                self.emit("\u{00A0}");
            }
            b'_' => {
                self.flush_bytes();
                self.emit("-");
            }
            b'\n' | b'\r' => {
                self.flush_bytes();
                let d = self.st.dest;
                self.flush_para(d, false);
            }
            _ => {}
        }
    }

    fn text_byte(&mut self, b: u8) {
        self.st.star = false;
        if self.st.dest == Dest::Skip {
            return;
        }
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        self.pending.push(b);
    }

    /// Run the tokenizer over the whole input.
    fn run(&mut self, bytes: &[u8]) -> Result<(), ParseError> {
        let n = bytes.len();
        let mut i = 0usize;
        while i < n {
            let Some(&b) = bytes.get(i) else { break };
            i += 1;
            match b {
                b'{' => {
                    self.open_group()?;
                    self.root_seen = true;
                }
                b'}' => {
                    if !self.close_group() {
                        break;
                    }
                }
                b'\\' => {
                    let Some(&c) = bytes.get(i) else { break };
                    if c.is_ascii_alphabetic() {
                        let start = i;
                        while i < n
                            && i - start < 32
                            && bytes.get(i).is_some_and(u8::is_ascii_alphabetic)
                        {
                            i += 1;
                        }
                        let word =
                            std::str::from_utf8(bytes.get(start..i).unwrap_or(&[])).unwrap_or("");
                        let word = word.to_string();
                        let mut param: Option<i32> = None;
                        let neg = bytes.get(i) == Some(&b'-')
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                        if neg {
                            i += 1;
                        }
                        let dstart = i;
                        let mut v: i64 = 0;
                        while i < n
                            && i - dstart < 10
                            && bytes.get(i).is_some_and(u8::is_ascii_digit)
                        {
                            v = v * 10 + i64::from(bytes.get(i).copied().unwrap_or(b'0') - b'0');
                            i += 1;
                        }
                        if i > dstart {
                            let v = if neg { -v } else { v };
                            param = Some(v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
                        }
                        if bytes.get(i) == Some(&b' ') {
                            i += 1;
                        }
                        if word == "bin" {
                            let len = usize::try_from(param.unwrap_or(0).max(0)).unwrap_or(0);
                            i = i.saturating_add(len).min(n);
                            self.st.star = false;
                            continue;
                        }
                        self.control_word(&word, param);
                    } else if c == b'\'' {
                        i += 1;
                        let hex = bytes
                            .get(i..i + 2)
                            .and_then(|h| std::str::from_utf8(h).ok());
                        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                            Some(v) => {
                                i += 2;
                                self.text_byte(v);
                            }
                            None => {
                                i = (i + 2).min(n);
                            }
                        }
                    } else {
                        i += 1;
                        self.control_symbol(c);
                    }
                }
                b'\r' | b'\n' => {}
                b'\t' => {
                    self.flush_bytes();
                    self.emit(" ");
                }
                _ => self.text_byte(b),
            }
        }
        Ok(())
    }
}

/// Extract an RTF document.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    let mut r = Rtf::new(limits);
    r.run(bytes)?;
    r.flush_bytes();
    if !r.stack.is_empty() {
        r.sink.doc.warnings.push(format!(
            "truncated RTF: {} unclosed group(s); partial text",
            r.stack.len()
        ));
        // Close open groups so their text is flushed.
        while !r.stack.is_empty() {
            r.close_group();
        }
    }
    for d in [
        Dest::Header,
        Dest::Footer,
        Dest::Footnote,
        Dest::TextBox,
        Dest::Body,
    ] {
        r.flush_para(d, false);
    }
    r.body.append(&mut r.pending_tb);
    let pages = r.page;
    let Rtf {
        mut sink,
        header,
        body,
        notes,
        footer,
        ..
    } = r;
    for l in header.into_iter().chain(body).chain(notes).chain(footer) {
        sink.push(l);
    }
    sink.doc.pages = pages;
    sink.finish()
}
