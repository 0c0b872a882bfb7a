//! Plain-text extractor: decodes the bytes (UTF-8 with or without BOM, UTF-16 LE/BE with BOM,
//! otherwise Windows-1252) and turns every source line into a [`Line`]. Blank lines mark
//! paragraph starts, bullet lines become list items, and setext-underlined lines (`===`/`---`)
//! become heading candidates. [`decode_text`] and [`LineSink`] are shared with the HTML and
//! Markdown extractors.

use crate::document::{Document, Line, Region};
use crate::text::normalize::{clean, strip_bullet, Dropped};
use crate::{Limits, ParseError};

/// Decode text bytes: UTF-8 (BOM optional), UTF-16 LE/BE with BOM, else Windows-1252.
/// Returns the text and the name of the encoding used.
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        let (s, _) =
            encoding_rs::UTF_16LE.decode_without_bom_handling(bytes.get(2..).unwrap_or(&[]));
        return (s.into_owned(), "UTF-16LE");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let (s, _) =
            encoding_rs::UTF_16BE.decode_without_bom_handling(bytes.get(2..).unwrap_or(&[]));
        return (s.into_owned(), "UTF-16BE");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (s.into_owned(), "windows-1252")
        }
    }
}

/// Collects cleaned lines into a [`Document`], counting dropped glyphs and enforcing
/// [`Limits::max_text_chars`]. Shared by the flow-format extractors.
#[derive(Debug)]
pub(crate) struct LineSink {
    pub doc: Document,
    chars: usize,
    max_chars: usize,
    truncated: bool,
    dropped: Dropped,
}

impl LineSink {
    pub fn new(limits: &Limits) -> Self {
        LineSink {
            doc: Document {
                pages: 1,
                ..Document::default()
            },
            chars: 0,
            max_chars: limits.max_text_chars,
            truncated: false,
            dropped: Dropped::default(),
        }
    }

    /// Clean `raw` and return the cleaned text (counting dropped glyphs), or `None` if empty.
    pub fn clean(&mut self, raw: &str) -> Option<String> {
        let (t, d) = clean(raw);
        self.dropped += d;
        if t.is_empty() {
            None
        } else {
            Some(t)
        }
    }

    /// True once the character budget is used up.
    pub fn full(&self) -> bool {
        self.truncated
    }

    /// Push an already-cleaned line (ignored when empty or over the text budget).
    pub fn push(&mut self, line: Line) {
        if line.text.is_empty() || self.truncated {
            return;
        }
        let n = line.text.chars().count();
        if self.chars + n > self.max_chars {
            self.truncated = true;
            self.doc
                .warnings
                .push(format!("text truncated at {} characters", self.max_chars));
            return;
        }
        self.chars += n;
        self.doc.lines.push(line);
    }

    /// Finish: add the glyph counts; an empty document is [`ParseError::Empty`].
    pub fn finish(mut self) -> Result<Document, ParseError> {
        self.doc.facts.icon_glyphs += self.dropped.icons;
        self.doc.facts.unmapped_glyphs += self.dropped.unmapped;
        if self.dropped.unmapped > 0 && !self.doc.facts.unmapped_pages.contains(&1) {
            self.doc.facts.unmapped_pages.push(1);
        }
        if self.doc.lines.is_empty() {
            return Err(ParseError::Empty);
        }
        if self.doc.pages == 0 {
            self.doc.pages = 1;
        }
        Ok(self.doc)
    }
}

/// Is `s` a setext underline (`===` or `---`, at least 3 characters)?
fn setext_level(s: &str) -> Option<u8> {
    let t = s.trim();
    if t.len() < 3 {
        return None;
    }
    if t.chars().all(|c| c == '=') {
        Some(1)
    } else if t.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

/// Turn decoded text into lines (used for plain text and as a Markdown fallback).
pub(crate) fn text_to_lines(text: &str, sink: &mut LineSink) {
    // Split on '\n' and strip a trailing '\r' (CRLF); a lone '\r' (old Mac) also ends a line.
    let src: Vec<&str> = text
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
        .collect();
    let mut para_start = true;
    let mut page = 1u32;
    let mut i = 0usize;
    while i < src.len() {
        if sink.full() {
            break;
        }
        let mut l = src.get(i).copied().unwrap_or("");
        i += 1;
        // A form feed is a page break.
        if l.contains('\u{000C}') {
            let n = l.matches('\u{000C}').count() as u32;
            page += n;
            sink.doc.pages = sink.doc.pages.max(page);
            l = l.trim_matches('\u{000C}');
        }
        if l.trim().is_empty() {
            para_start = true;
            continue;
        }
        // A line of only '=' or '-' on its own (no text above) is a rule, not text.
        if setext_level(l).is_some() {
            para_start = true;
            continue;
        }
        let mut heading = None;
        if let Some(next) = src.get(i) {
            if let Some(level) = setext_level(next) {
                if strip_bullet(l).is_none() {
                    heading = Some(level);
                    i += 1;
                }
            }
        }
        let (body, list_item) = match strip_bullet(l) {
            Some(rest) if heading.is_none() => (rest, true),
            _ => (l, false),
        };
        let Some(text) = sink.clean(body) else {
            continue;
        };
        sink.push(Line {
            text,
            page,
            region: Region::Body,
            heading_level: heading,
            list_item,
            para_start: para_start || list_item || heading.is_some(),
            ..Line::default()
        });
        para_start = heading.is_some();
    }
}

/// Extract a plain-text document.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    let (text, _enc) = decode_text(bytes);
    let mut sink = LineSink::new(limits);
    text_to_lines(&text, &mut sink);
    sink.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_encodings() {
        assert_eq!(
            decode_text(b"\xEF\xBB\xBFh\xC3\xA9"),
            ("hé".to_string(), "UTF-8")
        );
        assert_eq!(decode_text(b"\xFF\xFEh\0\xE9\0").0, "hé");
        assert_eq!(decode_text(b"\xFE\xFF\0h\0\xE9").0, "hé");
        assert_eq!(
            decode_text(b"caf\xE9 \x93q\x94"),
            ("café \u{201C}q\u{201D}".to_string(), "windows-1252")
        );
    }

    #[test]
    fn lines_and_setext() {
        let d = extract(
            b"Jane Doe\n========\n\nExperience\n- Led a team\n* Built\n",
            &Limits::default(),
        )
        .expect("doc");
        assert_eq!(d.lines.len(), 4);
        assert_eq!(d.lines[0].heading_level, Some(1));
        assert!(d.lines[2].list_item);
        assert_eq!(d.lines[2].text, "Led a team");
        assert!(d.lines[1].para_start);
        assert!(!d.lines[0].list_item);
    }

    #[test]
    fn empty_is_error() {
        assert_eq!(
            extract(b"  \n\t\n", &Limits::default()),
            Err(ParseError::Empty)
        );
        assert_eq!(extract(b"", &Limits::default()), Err(ParseError::Empty));
    }
}
