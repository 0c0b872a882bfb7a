//! Paragraph-to-line building shared by the DOCX and ODT walkers: runs of text with their
//! typography are collected per paragraph, split at explicit line breaks, cleaned with
//! [`normalize::clean`] and turned into [`Line`]s (dominant size, majority bold, bullet
//! stripping, text budget).

use crate::text::normalize::{self, Dropped};
use crate::{Line, Region};

/// Add `page` to a page list once. Pages only grow while a body is walked, so the usual case
/// is a comparison with the last entry (no quadratic scan on files with many sections).
pub(crate) fn push_page(pages: &mut Vec<u32>, page: u32) {
    let new = match pages.last() {
        None => true,
        Some(&last) if last < page => true,
        Some(&last) if last == page => false,
        Some(_) => !pages.contains(&page),
    };
    if new {
        pages.push(page);
    }
}

/// One line of a paragraph while it is being built.
#[derive(Debug, Default, Clone)]
struct RawLine {
    text: String,
    page: u32,
    chars: usize,
    bold_chars: usize,
    /// (font size in points, characters) in order of first use.
    sizes: Vec<(f32, usize)>,
}

impl RawLine {
    fn dominant_size(&self) -> f32 {
        let mut best = (0.0f32, 0usize);
        for &(s, n) in &self.sizes {
            if n > best.1 {
                best = (s, n);
            }
        }
        best.0
    }
}

/// A paragraph being collected.
#[derive(Debug, Clone)]
pub(crate) struct ParaBuf {
    pub region: Region,
    pub heading_level: Option<u8>,
    pub list_item: bool,
    done: Vec<RawLine>,
    cur: RawLine,
    page: u32,
}

impl ParaBuf {
    pub fn new(region: Region, page: u32) -> Self {
        ParaBuf {
            region,
            heading_level: None,
            list_item: false,
            done: Vec::new(),
            cur: RawLine {
                page,
                ..RawLine::default()
            },
            page,
        }
    }

    /// Append text in the given typography; `page` is the page the text is on.
    pub fn push(&mut self, s: &str, bold: bool, size: f32, page: u32) {
        if s.is_empty() {
            return;
        }
        if self.cur.text.trim().is_empty() {
            self.cur.page = page;
        }
        self.page = page;
        self.cur.text.push_str(s);
        let n = s.chars().filter(|c| !c.is_whitespace()).count();
        if n == 0 {
            return;
        }
        self.cur.chars += n;
        if bold {
            self.cur.bold_chars += n;
        }
        let sizes = &mut self.cur.sizes;
        if let Some(e) = sizes.iter_mut().find(|(sz, _)| *sz == size) {
            e.1 += n;
        } else if sizes.len() < 32 {
            // Bounded: a hostile line with thousands of sizes must not go quadratic.
            sizes.push((size, n));
        }
    }

    /// An explicit line break (`w:br`, `text:line-break`).
    pub fn line_break(&mut self) {
        let next = RawLine {
            page: self.page,
            ..RawLine::default()
        };
        let cur = std::mem::replace(&mut self.cur, next);
        self.done.push(cur);
    }

    /// True when no visible character was pushed yet.
    pub fn is_blank(&self) -> bool {
        self.cur.chars == 0 && self.done.iter().all(|l| l.chars == 0)
    }

    /// Prefix the paragraph's first line (footnote numbers).
    pub fn prefix(&mut self, s: &str) {
        let first = self.done.first_mut().unwrap_or(&mut self.cur);
        first.text.insert_str(0, s);
    }

    /// Turn the paragraph into cleaned lines (empty lines dropped).
    pub fn finish(mut self, sink: &mut LineSink) -> Vec<Line> {
        let cur = std::mem::take(&mut self.cur);
        self.done.push(cur);
        let mut out = Vec::new();
        let done = std::mem::take(&mut self.done);
        for raw in &done {
            if let Some(line) = sink.make(raw, &self, out.is_empty()) {
                out.push(line);
            }
        }
        out
    }
}

/// Cleans lines and keeps the running statistics (dropped glyphs, text budget).
#[derive(Debug, Default)]
pub(crate) struct LineSink {
    pub dropped: Dropped,
    chars: usize,
    max_chars: usize,
    /// The text budget was exhausted: later lines were dropped.
    pub truncated: bool,
}

impl LineSink {
    pub fn new(max_chars: usize) -> Self {
        LineSink {
            max_chars,
            ..LineSink::default()
        }
    }

    /// Characters of text kept so far.
    pub fn chars(&self) -> usize {
        self.chars
    }

    fn make(&mut self, raw: &RawLine, para: &ParaBuf, first: bool) -> Option<Line> {
        if self.truncated {
            return None;
        }
        let (text, dropped) = normalize::clean(&raw.text);
        self.dropped += dropped;
        if text.is_empty() {
            return None;
        }
        let mut list_item = first && para.list_item;
        let mut text = text;
        if first && para.heading_level.is_none() {
            if let Some(rest) = normalize::strip_bullet(&text) {
                if !rest.is_empty() {
                    text = rest.to_string();
                    list_item = true;
                }
            }
        }
        let n = text.chars().count();
        if self.chars + n > self.max_chars {
            self.truncated = true;
            return None;
        }
        self.chars += n;
        Some(Line {
            text,
            page: raw.page.max(1),
            region: para.region,
            font_size: raw.dominant_size(),
            bold: raw.chars > 0 && raw.bold_chars * 2 > raw.chars,
            heading_level: para.heading_level,
            list_item,
            gap_before: 0.0,
            para_start: first,
            x: 0.0,
            column: 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_lines() {
        let mut sink = LineSink::new(1000);
        let mut p = ParaBuf::new(Region::Body, 1);
        p.push("• Bold", true, 12.0, 1);
        p.push(" and x", false, 10.0, 1);
        p.line_break();
        p.push("second", false, 10.0, 2);
        let lines = p.finish(&mut sink);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "Bold and x");
        assert!(lines[0].list_item && lines[0].para_start && lines[0].bold);
        assert_eq!(lines[0].font_size, 12.0);
        assert_eq!(lines[1].page, 2);
        assert!(!lines[1].para_start);
    }

    #[test]
    fn budget_truncates() {
        let mut sink = LineSink::new(5);
        let mut p = ParaBuf::new(Region::Body, 1);
        p.push("abcdefgh", false, 0.0, 1);
        assert!(p.finish(&mut sink).is_empty());
        assert!(sink.truncated);
    }
}
