//! Markdown extractor (pulldown-cmark events): `#` headings give heading levels, list items
//! become list lines, links are recorded (text kept), lines that are wholly `**strong**` are
//! bold, code spans are kept as text, tables become Table lines and `facts.tables`, images are
//! counted (their alt text is not body text). Soft breaks keep the source line structure.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::text::{decode_text, LineSink};
use crate::document::{Line, Region};
use crate::text::normalize::strip_bullet;
use crate::{Document, Limits, ParseError};

#[derive(Default)]
struct Cur {
    text: String,
    chars: usize,
    strong: usize,
    list: bool,
    cont: bool,
}

struct Md {
    sink: LineSink,
    cur: Cur,
    strong_depth: usize,
    heading: Option<u8>,
    region: Region,
    pending_list: bool,
    image_depth: usize,
}

impl Md {
    fn flush(&mut self, cont: bool) {
        let c = std::mem::take(&mut self.cur);
        self.cur.cont = cont;
        let Some(text) = self.sink.clean(&c.text) else {
            self.cur.list = c.list;
            self.cur.cont = c.cont && cont;
            return;
        };
        let (text, bullet) = match strip_bullet(&text) {
            Some(r) if self.heading.is_none() && !c.list => (r.to_string(), true),
            _ => (text, false),
        };
        if text.is_empty() {
            return;
        }
        self.sink.push(Line {
            text,
            page: 1,
            region: self.region,
            bold: c.chars > 0 && c.strong * 5 >= c.chars * 4,
            heading_level: self.heading,
            list_item: c.list || bullet,
            para_start: !c.cont,
            ..Line::default()
        });
    }

    fn text(&mut self, s: &str) {
        if self.image_depth > 0 {
            return;
        }
        if self.pending_list && !s.trim().is_empty() {
            self.pending_list = false;
            self.cur.list = true;
        }
        let n = s.chars().filter(|c| !c.is_whitespace()).count();
        self.cur.chars += n;
        if self.strong_depth > 0 {
            self.cur.strong += n;
        }
        self.cur.text.push_str(s);
    }
}

fn level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Extract a Markdown document.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    let (src, _) = decode_text(bytes);
    if src.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut md = Md {
        sink: LineSink::new(limits),
        cur: Cur::default(),
        strong_depth: 0,
        heading: None,
        region: Region::Body,
        pending_list: false,
        image_depth: 0,
    };
    for ev in Parser::new_ext(&src, opts) {
        if md.sink.full() {
            break;
        }
        match ev {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::BlockQuote(_) | Tag::TableRow | Tag::TableHead => {
                    md.flush(false)
                }
                Tag::Heading { level: l, .. } => {
                    md.flush(false);
                    md.heading = Some(level(l));
                }
                Tag::CodeBlock(_) => md.flush(false),
                Tag::Item => {
                    md.flush(false);
                    md.pending_list = true;
                }
                Tag::Table(_) => {
                    md.flush(false);
                    md.sink.doc.facts.tables += 1;
                    md.region = Region::Table;
                }
                Tag::FootnoteDefinition(_) => {
                    md.flush(false);
                    md.region = Region::Footnote;
                }
                Tag::Strong => md.strong_depth += 1,
                Tag::Link { dest_url, .. } if !dest_url.starts_with('#') => {
                    md.sink.doc.add_link(&dest_url);
                }
                Tag::Image { .. } => {
                    md.sink.doc.facts.images += 1;
                    md.image_depth += 1;
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead => md.flush(false),
                TagEnd::Heading(_) => {
                    md.flush(false);
                    md.heading = None;
                }
                TagEnd::Table => {
                    md.flush(false);
                    md.region = Region::Body;
                }
                TagEnd::FootnoteDefinition => {
                    md.flush(false);
                    md.region = Region::Body;
                }
                TagEnd::TableCell => md.text(" "),
                TagEnd::Strong => md.strong_depth = md.strong_depth.saturating_sub(1),
                TagEnd::Image => md.image_depth = md.image_depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) => {
                // Code blocks arrive as text with embedded newlines.
                let mut first = true;
                for part in t.split('\n') {
                    if !first {
                        md.flush(true);
                    }
                    first = false;
                    md.text(part);
                }
            }
            Event::Code(t) => md.text(&t),
            Event::SoftBreak | Event::HardBreak => {
                if md.region == Region::Table {
                    md.text(" ");
                } else {
                    md.flush(true);
                }
            }
            Event::FootnoteReference(_) | Event::Html(_) | Event::InlineHtml(_) => {}
            Event::TaskListMarker(_) | Event::Rule => {}
            _ => {}
        }
    }
    md.flush(false);
    md.sink.finish()
}
