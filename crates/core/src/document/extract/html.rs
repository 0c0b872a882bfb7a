//! HTML extractor (html5ever via `scraper`): block elements start new lines, `h1`–`h6` give
//! heading levels, `<b>/<strong>` give bold, links, tables, images, `<header>`/`<footer>`
//! regions are recorded, and text hidden by CSS/attributes (`display:none`,
//! `visibility:hidden`, zero/tiny font size, white text, `hidden`) goes to
//! `facts.hidden_text` instead of the lines. Non-content elements (`script`, `style`,
//! `noscript`, `template`, `head`) are dropped. The tree walk uses an explicit stack bounded by
//! [`Limits::max_xml_depth`], so hostile nesting cannot overflow the call stack.

use scraper::{Html, Node};

use super::text::{decode_text, LineSink};
use crate::document::{HiddenText, Line, Region};
use crate::text::normalize::strip_bullet;
use crate::{Document, Limits, ParseError};

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
    "legend",
    "option",
    "center",
    "html",
];

/// Elements whose content is never shown as text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "math", "object", "iframe", "select",
    "textarea", "canvas", "audio", "video",
];

/// Elements that never have an end tag, or whose end tag may be omitted (not counted as
/// nesting by [`flatten_deep_nesting`]).
const UNTRACKED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
    "!doctype",
];

/// Elements whose content is raw text (copied verbatim, not scanned for tags).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noscript", "template",
];

/// Remove start/end tags nested deeper than `max` (their text content is kept), so html5ever
/// never builds a pathologically deep tree (its scope checks are quadratic in depth).
/// Returns the rewritten source and whether anything was removed.
fn flatten_deep_nesting(src: &str, max: usize) -> (std::borrow::Cow<'_, str>, bool) {
    let b = src.as_bytes();
    let mut out = String::new();
    let mut copied = 0usize; // bytes of `src` already copied to `out`
    let mut depth = 0usize;
    let mut removed = false;
    let mut i = 0usize;
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        let start = i + off;
        i = start + 1;
        if src.get(start..start + 4) == Some("<!--") {
            i = src
                .get(start + 4..)
                .and_then(|r| r.find("-->"))
                .map_or(b.len(), |e| start + 4 + e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let mut j = name_start;
        while b
            .get(j)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'!')
        {
            j += 1;
        }
        if j == name_start {
            continue;
        }
        let name = src.get(name_start..j).unwrap_or("").to_ascii_lowercase();
        // Find the end of the tag, honouring quoted attribute values.
        let mut quote: Option<u8> = None;
        let mut k = j;
        while let Some(&c) = b.get(k) {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => break,
                None => {}
            }
            k += 1;
        }
        let end = (k + 1).min(b.len());
        let self_closing = b.get(k.saturating_sub(1)) == Some(&b'/');
        i = end;
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            let rest_lower = src.get(end..).unwrap_or("").to_ascii_lowercase();
            i = rest_lower.find(&close).map_or(b.len(), |e| end + e);
            continue;
        }
        if UNTRACKED.contains(&name.as_str()) || self_closing {
            continue;
        }
        let drop = if closing {
            let d = depth > max;
            depth = depth.saturating_sub(1);
            d
        } else {
            depth += 1;
            depth > max
        };
        if drop {
            removed = true;
            out.push_str(src.get(copied..start).unwrap_or(""));
            copied = end;
        }
    }
    if !removed {
        return (std::borrow::Cow::Borrowed(src), false);
    }
    out.push_str(src.get(copied..).unwrap_or(""));
    (std::borrow::Cow::Owned(out), true)
}

/// Why an element's content is hidden from a reader, if it is.
fn hidden_reason(el: &scraper::node::Element) -> Option<&'static str> {
    if el.attr("hidden").is_some() {
        return Some("hidden attribute");
    }
    if el.name() == "input" {
        return None;
    }
    let style = el.attr("style")?;
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    for decl in s.split(';') {
        let Some((prop, val)) = decl.split_once(':') else {
            continue;
        };
        let val = val.trim_end_matches("!important");
        match prop {
            "display" if val == "none" => return Some("display:none"),
            "visibility" if val == "hidden" || val == "collapse" => {
                return Some("visibility:hidden")
            }
            "opacity" if val.parse::<f32>().is_ok_and(|v| v <= 0.05) => return Some("opacity:0"),
            "font-size" if tiny_font(val) => return Some("tiny text"),
            "color" if white(val) => return Some("white text"),
            _ => {}
        }
    }
    None
}

fn tiny_font(v: &str) -> bool {
    let num_end = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let (num, unit) = v.split_at(num_end);
    let Ok(n) = num.parse::<f32>() else {
        return false;
    };
    match unit {
        "" | "px" | "pt" => n < 2.0,
        "em" | "rem" => n < 0.15,
        "%" => n < 15.0,
        _ => n == 0.0,
    }
}

fn white(v: &str) -> bool {
    matches!(
        v,
        "#fff" | "#ffffff" | "white" | "rgb(255,255,255)" | "#ffff" | "#ffffffff"
    ) || v.starts_with("rgba(255,255,255,")
}

/// The line being assembled.
#[derive(Default)]
struct Cur {
    text: String,
    chars: usize,
    bold: usize,
    heading: Option<u8>,
    region: Option<Region>,
    list: bool,
    cont: bool,
}

struct Walker {
    sink: LineSink,
    cur: Cur,
    bold_depth: usize,
    headings: Vec<u8>,
    regions: Vec<Region>,
    pre_depth: usize,
    hidden: Option<(&'static str, String)>,
    pending_list: bool,
    depth_warned: bool,
}

impl Walker {
    fn region(&self) -> Region {
        self.regions.last().copied().unwrap_or(Region::Body)
    }

    fn flush(&mut self, cont: bool) {
        let c = std::mem::take(&mut self.cur);
        self.cur.cont = cont;
        if c.text.trim().is_empty() {
            self.cur.cont = c.cont && cont;
            self.cur.list = c.list;
            return;
        }
        let Some(text) = self.sink.clean(&c.text) else {
            return;
        };
        let (text, bullet) = match strip_bullet(&text) {
            Some(r) if c.heading.is_none() => (r.to_string(), true),
            _ => (text, false),
        };
        if text.is_empty() {
            return;
        }
        self.sink.push(Line {
            text,
            page: 1,
            region: c.region.unwrap_or(Region::Body),
            bold: c.chars > 0 && c.bold * 2 > c.chars,
            heading_level: c.heading,
            list_item: c.list || bullet,
            para_start: !c.cont,
            ..Line::default()
        });
    }

    fn text(&mut self, s: &str) {
        if let Some((_, buf)) = &mut self.hidden {
            buf.push_str(s);
            buf.push(' ');
            return;
        }
        if self.pre_depth > 0 && s.contains('\n') {
            let mut first = true;
            for part in s.split('\n') {
                if !first {
                    self.flush(false);
                }
                first = false;
                self.append(part);
            }
            return;
        }
        self.append(s);
    }

    fn append(&mut self, s: &str) {
        if s.trim().is_empty() {
            if !self.cur.text.is_empty() {
                self.cur.text.push(' ');
            }
            return;
        }
        if self.cur.region.is_none() {
            self.cur.region = Some(self.region());
        }
        if self.pending_list {
            self.pending_list = false;
            self.cur.list = true;
        }
        if self.cur.heading.is_none() {
            self.cur.heading = self.headings.last().copied();
        }
        let n = s.chars().filter(|c| !c.is_whitespace()).count();
        self.cur.chars += n;
        if self.bold_depth > 0 {
            self.cur.bold += n;
        }
        self.cur.text.push_str(s);
    }
}

/// Tree-walk work item (generic so the `ego_tree` node type need not be named).
enum Step<N> {
    Enter(N, usize),
    Exit(N, bool),
}

/// Extract an HTML document.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    let (src, _) = decode_text(bytes);
    if src.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let max_depth = limits.max_xml_depth.max(1);
    let (src, flattened) = flatten_deep_nesting(&src, max_depth.saturating_mul(3) / 4);
    let html = Html::parse_document(&src);
    let mut w = Walker {
        sink: LineSink::new(limits),
        cur: Cur::default(),
        bold_depth: 0,
        headings: Vec::new(),
        regions: Vec::new(),
        pre_depth: 0,
        hidden: None,
        pending_list: false,
        depth_warned: false,
    };
    if flattened {
        w.sink.doc.warnings.push(format!(
            "HTML nested deeper than {max_depth} elements: inner tags ignored"
        ));
    }
    let mut stack = vec![Step::Enter(html.tree.root(), 0)];
    while let Some(step) = stack.pop() {
        if w.sink.full() {
            break;
        }
        match step {
            Step::Enter(node, depth) => match node.value() {
                Node::Text(t) => w.text(t),
                Node::Element(el) => {
                    let name = el.name();
                    if DROPPED.contains(&name) {
                        continue;
                    }
                    match name {
                        "br" => {
                            w.flush(true);
                            continue;
                        }
                        "img" => {
                            w.sink.doc.facts.images += 1;
                            continue;
                        }
                        "input" => continue,
                        _ => {}
                    }
                    if depth >= max_depth {
                        if !w.depth_warned {
                            w.depth_warned = true;
                            w.sink.doc.warnings.push(format!(
                                "HTML nested deeper than {max_depth} elements: inner content skipped"
                            ));
                        }
                        continue;
                    }
                    let mut starts_hidden = false;
                    if w.hidden.is_none() {
                        if let Some(reason) = hidden_reason(el) {
                            w.hidden = Some((reason, String::new()));
                            starts_hidden = true;
                        }
                    }
                    if BLOCKS.contains(&name) && w.hidden.is_none() {
                        w.flush(false);
                    }
                    match name {
                        "b" | "strong" => w.bold_depth += 1,
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            let lvl = name
                                .get(1..)
                                .and_then(|d| d.parse::<u8>().ok())
                                .unwrap_or(1);
                            w.headings.push(lvl);
                        }
                        "header" => w.regions.push(Region::Header),
                        "footer" => w.regions.push(Region::Footer),
                        "table" => {
                            w.sink.doc.facts.tables += 1;
                            let r = if w.region() == Region::Body {
                                Region::Table
                            } else {
                                w.region()
                            };
                            w.regions.push(r);
                        }
                        "td" | "th" => w.text(" "),
                        "li" => w.pending_list = true,
                        "pre" => w.pre_depth += 1,
                        "a" => {
                            if let Some(h) = el.attr("href") {
                                let h = h.trim();
                                if !h.starts_with('#')
                                    && !h.to_ascii_lowercase().starts_with("javascript:")
                                {
                                    w.sink.doc.add_link(h);
                                }
                            }
                        }
                        _ => {}
                    }
                    stack.push(Step::Exit(node, starts_hidden));
                    let children: Vec<_> = node.children().collect();
                    for ch in children.into_iter().rev() {
                        stack.push(Step::Enter(ch, depth + 1));
                    }
                }
                Node::Document | Node::Fragment => {
                    let children: Vec<_> = node.children().collect();
                    for ch in children.into_iter().rev() {
                        stack.push(Step::Enter(ch, depth + 1));
                    }
                }
                _ => {}
            },
            Step::Exit(node, ends_hidden) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                let name = el.name();
                match name {
                    "b" | "strong" => w.bold_depth = w.bold_depth.saturating_sub(1),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        w.flush(false);
                        w.headings.pop();
                    }
                    "header" | "footer" | "table" => {
                        w.flush(false);
                        w.regions.pop();
                    }
                    "td" | "th" => w.text(" "),
                    "pre" => w.pre_depth = w.pre_depth.saturating_sub(1),
                    _ => {}
                }
                if ends_hidden {
                    if let Some((reason, buf)) = w.hidden.take() {
                        if let Some(snippet) = w.sink.clean(&buf) {
                            let snippet: String = snippet.chars().take(300).collect();
                            w.sink.doc.facts.hidden_text.push(HiddenText {
                                page: 1,
                                reason: reason.to_string(),
                                snippet,
                            });
                        }
                    }
                }
                if BLOCKS.contains(&name) && w.hidden.is_none() {
                    w.flush(false);
                }
            }
        }
    }
    w.flush(false);
    w.sink.finish()
}
