//! PDF extractor: `pdf_oxide` supplies positioned glyphs and image placements; our own
//! [`crate::document::layout`] pass builds words, lines, blocks, columns and reading order.
//!
//! Before `pdf_oxide` sees a byte, [`prescan`] inflates every Flate stream under our own caps,
//! so a compression bomb is refused in milliseconds instead of costing gigabytes.

use std::io::Read;

use pdf_oxide::document::PdfDocument;

use crate::document::layout::{build_lines, order_lines, Glyph, TextLine};
use crate::document::{HiddenText, Line, Region};
use crate::text::normalize;
use crate::{Document, Limits, ParseError};

/// Extract a PDF document.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    prescan(bytes, limits)?;
    let pdf = PdfDocument::from_bytes(bytes.to_vec())
        .map_err(|e| ParseError::corrupt(format!("not a readable PDF ({})", short(&e))))?;
    if pdf.is_encrypted() {
        match pdf.authenticate(b"") {
            Ok(true) => {}
            _ => return Err(ParseError::EncryptedPdf),
        }
    }
    let pages = pdf
        .page_count()
        .map_err(|e| ParseError::corrupt(format!("page tree unreadable ({})", short(&e))))?;
    if pages == 0 {
        return Err(ParseError::corrupt("the PDF has no pages"));
    }
    if pages > limits.max_pages {
        return Err(ParseError::TooManyPages {
            pages,
            limit: limits.max_pages,
        });
    }
    let mut doc = Document {
        pages: pages as u32,
        ..Document::default()
    };
    let mut page_lines: Vec<Vec<Line>> = Vec::with_capacity(pages);
    let mut failed_pages = Vec::new();
    let mut chars_total = 0usize;
    for p in 0..pages {
        match extract_page(&pdf, p, &mut doc) {
            Ok(lines) => {
                chars_total += lines.iter().map(|l| l.text.len()).sum::<usize>();
                page_lines.push(lines);
            }
            Err(e) => {
                failed_pages.push(p + 1);
                doc.warnings
                    .push(format!("page {} could not be read: {}", p + 1, short(&e)));
                page_lines.push(Vec::new());
            }
        }
        if chars_total > limits.max_text_chars {
            return Err(ParseError::limit("too much text in the document"));
        }
    }
    if failed_pages.len() == pages {
        return Err(ParseError::corrupt("no page of the PDF could be read"));
    }
    mark_running_headers(&mut page_lines);
    // Browsers do not hyphenate: a line-end hyphen in a browser-made PDF is a real one.
    let browser = browser_made(bytes)
        || pdf
            .document_producer()
            .is_some_and(|p| browser_made(p.as_bytes()));
    for lines in page_lines.iter_mut() {
        if !browser {
            super::dehyphenate::dehyphenate(lines);
        }
        lines.retain(|l| !l.text.is_empty());
    }
    for lines in page_lines {
        for l in &lines {
            if l.region.is_header_or_footer() {
                doc.facts.header_footer_text.push(l.text.clone());
            }
        }
        doc.lines.extend(lines);
    }
    Ok(doc)
}

fn short(e: &dyn std::fmt::Display) -> String {
    let s = e.to_string();
    let s: String = s.chars().take(160).collect();
    s
}

/// The PDF was printed by a browser engine (Chromium/Skia, pdf-lib post-processing,
/// wkhtmltopdf/Qt, react-pdf, WeasyPrint, Prince), judged from the producer strings.
fn browser_made(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let tail = &bytes[bytes.len().saturating_sub(16_384)..];
    [
        &b"Skia/PDF"[..],
        b"Chromium",
        b"HeadlessChrome",
        b"pdf-lib",
        b"wkhtmltopdf",
        b"Qt ",
        b"react-pdf",
        b"WeasyPrint",
        b"Prince",
    ]
    .iter()
    .any(|k| {
        crate::document::detect::find(head, k).is_some()
            || crate::document::detect::find(tail, k).is_some()
    })
}

/// Page box in PDF user space.
struct PageBox {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl PageBox {
    fn width(&self) -> f32 {
        (self.x1 - self.x0).max(1.0)
    }
    fn height(&self) -> f32 {
        (self.y1 - self.y0).max(1.0)
    }
}

fn is_icon_font(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "awesome",
        "phosphor",
        "glyphicons",
        "materialicons",
        "material-icons",
        "icomoon",
        "academicons",
        "fontello",
    ]
    .iter()
    .any(|k| n.contains(k))
}

fn is_bold_font(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "bold",
        "black",
        "heavy",
        "semibold",
        "demi",
        ",b",
        "-bd",
        "extrabold",
    ]
    .iter()
    .any(|k| n.contains(k))
}

fn extract_page(pdf: &PdfDocument, p: usize, doc: &mut Document) -> pdf_oxide::Result<Vec<Line>> {
    let page_no = p as u32 + 1;
    let (x0, y0, x1, y1) = pdf
        .get_page_media_box(p)
        .unwrap_or((0.0, 0.0, 612.0, 792.0));
    let pbox = PageBox {
        x0: x0.min(x1),
        y0: y0.min(y1),
        x1: x0.max(x1),
        y1: y0.max(y1),
    };
    let (chars, icon_labels) = span_chars(pdf, p)?;
    doc.facts.icon_glyphs += icon_labels;

    // Fills (background rectangles) under white text tell sidebars from hidden text.
    let dark_fills: Vec<(f32, f32, f32, f32)> = if chars.iter().any(|c| is_white(&c.color)) {
        pdf.extract_rects(p)
            .unwrap_or_default()
            .iter()
            .filter(|r| r.fill_color.as_ref().is_some_and(|c| !is_white(c)))
            .map(|r| {
                (
                    r.bbox.x,
                    r.bbox.y,
                    r.bbox.x + r.bbox.width,
                    r.bbox.y + r.bbox.height,
                )
            })
            .collect()
    } else {
        Vec::new()
    };

    // Font-name tests per font, not per glyph: (icon font, bold font).
    let mut font_kinds: Vec<(String, bool, bool)> = Vec::new();
    let mut kind_of = |name: &str| -> (bool, bool) {
        if let Some(k) = font_kinds.iter().find(|k| k.0 == name) {
            return (k.1, k.2);
        }
        let k = (is_icon_font(name), is_bold_font(name));
        font_kinds.push((name.to_string(), k.0, k.1));
        k
    };
    let mut glyphs = Vec::with_capacity(chars.len());
    let mut rotated = String::new();
    let mut hidden: Vec<(String, String)> = Vec::new(); // reason, text
    for c in chars.iter() {
        // A drawn soft hyphen is a visible hyphen (TeX fonts map '-' to U+00AD).
        let ch = if c.char == '\u{00AD}' { '-' } else { c.char };
        if c.is_rotated() && (c.rotation_degrees - 360.0).abs() > 0.01 {
            rotated.push(ch);
            continue;
        }
        // Icon fonts (FontAwesome, Phosphor, …) draw pictures, not text.
        let (icon_font, bold_font) = kind_of(&c.font_name);
        if icon_font && !ch.is_whitespace() {
            doc.facts.icon_glyphs += 1;
            continue;
        }
        // Off-page glyphs are invisible to a reader.
        let (gx, gy) = (c.origin_x, c.origin_y);
        let reason =
            if gx < pbox.x0 - 2.0 || gx > pbox.x1 + 2.0 || gy < pbox.y0 - 2.0 || gy > pbox.y1 + 2.0
            {
                Some("off-page text")
            } else if c.font_size.abs() < 1.5 && !ch.is_whitespace() {
                Some("tiny text (under 1.5 pt)")
            } else if is_white(&c.color)
                && !ch.is_whitespace()
                && !dark_fills.iter().any(|&(a, b, cx, d)| {
                    gx >= a - 1.0 && gx <= cx + 1.0 && gy >= b - 1.0 && gy <= d + 1.0
                })
            {
                Some("white text on a white background")
            } else {
                None
            };
        if let Some(r) = reason {
            match hidden.last_mut() {
                Some((lr, t)) if lr == r => t.push(ch),
                _ => hidden.push((r.to_string(), ch.to_string())),
            }
            continue;
        }
        let size = c.font_size.abs().max(0.5);
        let adv = if c.advance_width > 0.0 {
            c.advance_width
        } else {
            c.bbox.width.max(0.0)
        };
        glyphs.push(Glyph {
            c: ch,
            x0: gx - pbox.x0,
            x1: gx - pbox.x0 + adv,
            baseline: pbox.y1 - gy,
            size,
            bold: matches!(
                c.font_weight,
                pdf_oxide::layout::FontWeight::Bold
                    | pdf_oxide::layout::FontWeight::SemiBold
                    | pdf_oxide::layout::FontWeight::ExtraBold
                    | pdf_oxide::layout::FontWeight::Black
            ) || bold_font,
            color: [c.color.r, c.color.g, c.color.b],
        });
    }
    for (reason, text) in hidden {
        let t = normalize::clean_text(&text);
        if t.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
            doc.facts.hidden_text.push(HiddenText {
                page: page_no,
                reason,
                snippet: t.chars().take(120).collect(),
            });
        }
    }

    // Images: photos, logos and scans (rules and tiny icons are ignored).
    let text_chars = glyphs.iter().filter(|g| g.c.is_alphanumeric()).count();
    if let Ok(images) = pdf.page_image_handles(p) {
        let area = pbox.width() * pbox.height();
        for im in &images {
            let (w, h) = (im.bbox.width.abs(), im.bbox.height.abs());
            if w >= 20.0 && h >= 20.0 {
                doc.facts.images += 1;
            }
            if w * h > 0.5 * area && text_chars < 20 {
                doc.facts.image_only_pages.push(page_no);
            }
        }
    }

    if ruled_table(pdf, p) {
        doc.facts.tables += 1;
    }

    let lines = build_lines(&glyphs);
    let order = order_lines(lines, pbox.width());
    if order.columns > 1 {
        doc.facts.column_pages.push(page_no);
    }
    let body = body_size(&order.lines);
    let mut out = Vec::with_capacity(order.lines.len());
    let mut prev: Option<&TextLine> = None;
    for (i, tl) in order.lines.iter().enumerate() {
        let (text, dropped) = normalize::clean(&tl.text);
        doc.facts.icon_glyphs += dropped.icons;
        doc.facts.unmapped_glyphs += dropped.unmapped;
        if dropped.unmapped > 0 && !doc.facts.unmapped_pages.contains(&page_no) {
            doc.facts.unmapped_pages.push(page_no);
        }
        if text.is_empty() {
            continue;
        }
        let gap = match prev {
            Some(pl) if order.column[i] == order.column[i.saturating_sub(1)] => {
                ((tl.top - pl.baseline) / body.max(1.0)).max(0.0)
            }
            _ => 0.0,
        };
        let (list_item, text) = match normalize::strip_bullet(&text) {
            Some(rest) if !rest.is_empty() => (true, rest.to_string()),
            _ => (false, text),
        };
        out.push(Line {
            text,
            page: page_no,
            region: Region::Body,
            font_size: tl.size,
            bold: tl.bold_ratio >= 0.6,
            heading_level: None,
            list_item,
            gap_before: gap,
            para_start: order.block_start[i],
            x: tl.x0 / pbox.width(),
            column: order.column[i],
        });
        prev = Some(tl);
    }
    if !rotated.trim().is_empty() {
        let (t, _) = normalize::clean(&rotated);
        if !t.is_empty() {
            out.push(Line {
                text: t,
                page: page_no,
                para_start: true,
                ..Line::default()
            });
        }
    }
    Ok(out)
}

/// The page's glyphs in content-stream order, from the spans (which carry their emission
/// sequence) split back into positioned glyphs.
/// Also returns how many icons carried replacement text (icon links such as "tel:…").
fn span_chars(
    pdf: &PdfDocument,
    p: usize,
) -> pdf_oxide::Result<(Vec<pdf_oxide::layout::TextChar>, u32)> {
    // The raw spans skip pdf_oxide's post-processing (a reading order we discard; ~40 % of the
    // time). Pages with replacement text (/ActualText: zero-width spans) need that
    // post-processing to de-duplicate the replacement against the drawn glyphs.
    let raw =
        pdf.extract_spans_with_config(p, pdf_oxide::extractors::SpanMergingConfig::default())?;
    let has_replacements = raw
        .iter()
        .any(|s| s.bbox.width <= 0.0 && s.text.chars().count() > 1);
    let mut spans = if has_replacements {
        pdf.extract_spans(p)?
    } else {
        raw
    };
    spans.sort_by_key(|s| s.sequence);
    let mut out = Vec::new();
    let mut icons = 0u32;
    for s in &spans {
        let mut chars = s.to_chars();
        let n = chars.len();
        // `to_chars` ignores the exact glyph origins when widths are missing (AltaCV): put
        // every glyph at its real x and derive its advance from the next origin.
        let size = s.font_size.abs().max(1.0);
        let offsets_ok = s.char_x_offsets.len() == n
            && s.char_x_offsets
                .windows(2)
                .all(|w| w[1] >= w[0] - 0.5 && w[1] - w[0] <= 3.0 * size);
        if !offsets_ok
            && s.char_widths.len() == n
            && n > 0
            && s.char_widths.iter().all(|w| *w >= 0.0)
        {
            // Broken origins (ligatures expanded after the fact): prefix-sum the advances.
            let mut x = s.bbox.x;
            for (c, &w) in chars.iter_mut().zip(&s.char_widths) {
                c.origin_x = x;
                c.bbox.x = x;
                c.advance_width = w;
                c.bbox.width = w;
                x += w;
            }
        } else if offsets_ok
            && n > 1
            && chars
                .iter()
                .all(|c| (c.origin_x - chars[0].origin_x).abs() < 0.01)
        {
            // `to_chars` collapsed every glyph onto the span origin (no widths, zero-width
            // bbox: AltaCV); its own placement is right otherwise, so only then do we step in.
            let end = (s.bbox.x + s.bbox.width).max(s.char_x_offsets[n - 1]);
            for (i, ch) in chars.iter_mut().enumerate() {
                let x = s.char_x_offsets[i];
                let next = if i + 1 < n {
                    s.char_x_offsets[i + 1]
                } else {
                    end
                };
                let w = if next > x && next - x <= size {
                    next - x
                } else {
                    0.5 * size
                };
                ch.origin_x = x;
                ch.bbox.x = x;
                ch.advance_width = w;
                ch.bbox.width = w;
            }
        }
        let collapsed = n > 1
            && chars
                .iter()
                .all(|c| (c.origin_x - chars[0].origin_x).abs() < 0.01)
            && !chars.iter().all(|c| c.char == chars[0].char);
        if collapsed && !offsets_ok {
            // Replacement text (/ActualText, e.g. an icon link "tel:+1 555…") has no glyph
            // geometry: lay it out at half an em per character, in the font of the text
            // (never dropped as an icon), without the URI scheme a reader never sees.
            let skip = ["mailto:", "tel:", "callto:"]
                .iter()
                .find(|p| s.text.to_ascii_lowercase().starts_with(*p))
                .map(|p| p.len())
                .unwrap_or(0);
            let x0 = chars[0].origin_x;
            if is_icon_font(&chars[0].font_name) {
                icons += 1;
            }
            let mut kept: Vec<_> = chars.drain(skip.min(n)..).collect();
            for (i, c) in kept.iter_mut().enumerate() {
                let x = x0 + i as f32 * 0.5 * size;
                c.origin_x = x;
                c.bbox.x = x;
                c.advance_width = 0.5 * size;
                c.bbox.width = 0.5 * size;
                c.font_name = "ActualText".into();
            }
            chars = kept;
        }
        out.extend(chars);
    }
    Ok((out, icons))
}

/// A grid of ruling lines on the page (a bordered table).
fn ruled_table(pdf: &PdfDocument, p: usize) -> bool {
    use crate::document::layout::rules::{is_table_grid, rule_of_box, Segment};
    use pdf_oxide::elements::PathOperation;
    let Ok(paths) = pdf.extract_paths(p) else {
        return false;
    };
    let (mut h, mut v): (Vec<Segment>, Vec<Segment>) = (Vec::new(), Vec::new());
    let mut push = |r: Option<(bool, Segment)>| match r {
        Some((true, s)) => h.push(s),
        Some((false, s)) => v.push(s),
        None => {}
    };
    for path in paths.iter().take(20_000) {
        let identity = path
            .matrix
            .is_none_or(|m| m == [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
        if path.operations.len() <= 2 || !identity {
            let b = &path.bbox;
            push(rule_of_box(b.x, b.y, b.width, b.height));
            continue;
        }
        let mut cur = (0.0f32, 0.0f32);
        for op in &path.operations {
            match *op {
                PathOperation::Rectangle(x, y, w, hh) => push(rule_of_box(x, y, w, hh)),
                PathOperation::MoveTo(x, y) => cur = (x, y),
                PathOperation::LineTo(x, y) => {
                    let (x0, y0) = cur;
                    let (lx, ly) = (x0.min(x), y0.min(y));
                    let (w, hh) = ((x - x0).abs().max(0.1), (y - y0).abs().max(0.1));
                    push(rule_of_box(lx, ly, w, hh));
                    cur = (x, y);
                }
                _ => {}
            }
        }
    }
    is_table_grid(&h, &v)
}

fn is_white(c: &pdf_oxide::layout::Color) -> bool {
    c.r > 0.97 && c.g > 0.97 && c.b > 0.97
}

/// Body font size: the size carrying most characters.
fn body_size(lines: &[TextLine]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for l in lines {
        let n = l.text.chars().count();
        match sizes.iter_mut().find(|(s, _)| (*s - l.size).abs() < 0.3) {
            Some(e) => e.1 += n,
            None => sizes.push((l.size, n)),
        }
    }
    sizes
        .iter()
        .max_by_key(|e| e.1)
        .map(|e| e.0)
        .unwrap_or(10.0)
}

/// Mark lines repeated at the top or bottom of several pages (running headers/footers, page
/// numbers) with the Header/Footer region.
fn mark_running_headers(pages: &mut [Vec<Line>]) {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
            .trim()
            .to_lowercase()
    };
    let is_page_number = |s: &str| {
        let t = s.trim().to_lowercase();
        let t = t.trim_start_matches("page").trim();
        !t.is_empty()
            && t.len() <= 12
            && t.chars().all(|c| {
                c.is_ascii_digit()
                    || c == '/'
                    || c == ' '
                    || c == '-'
                    || c.is_alphabetic() && "of".contains(c)
            })
            && t.chars().any(|c| c.is_ascii_digit())
    };
    let n = pages.len();
    if n < 2 {
        return;
    }
    use std::collections::HashMap;
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut last: HashMap<String, usize> = HashMap::new();
    for lines in pages.iter() {
        if let Some(l) = lines.first() {
            *first.entry(key(&l.text)).or_default() += 1;
        }
        if let Some(l) = lines.last() {
            *last.entry(key(&l.text)).or_default() += 1;
        }
    }
    for lines in pages.iter_mut() {
        if let Some(l) = lines.first_mut() {
            let k = key(&l.text);
            if !k.is_empty() && first.get(&k).copied().unwrap_or(0) >= 2 {
                l.region = Region::Header;
            }
        }
        if let Some(l) = lines.last_mut() {
            let k = key(&l.text);
            if (last.get(&k).copied().unwrap_or(0) >= 2) || is_page_number(&l.text) {
                l.region = Region::Footer;
            }
        }
    }
}

/// Refuse an embedded sfnt font whose character map would make the PDF library loop for
/// minutes ([`super::sfnt`]).
fn check_font(font: &[u8]) -> Result<(), ParseError> {
    if super::sfnt::is_sfnt(font) {
        super::sfnt::check_cmap(font).map_err(|why| {
            ParseError::corrupt(format!(
                "{why}, more than any real font; the PDF is damaged or was made to stall readers — export it again"
            ))
        })?;
    }
    Ok(())
}

/// Inflate every Flate stream under the caps of `limits` before the PDF library sees the file:
/// a 400 KB stream that inflates to 120 MB is refused here in milliseconds, and embedded fonts
/// with impossible character maps are refused too ([`check_font`]).
pub fn prescan(bytes: &[u8], limits: &Limits) -> Result<(), ParseError> {
    let mut total: u64 = 0;
    let mut pos = 0usize;
    let mut streams = 0usize;
    while let Some(off) = crate::document::detect::find(&bytes[pos..], b"stream") {
        let kw = pos + off;
        pos = kw + 6;
        // Skip "endstream" and words merely containing "stream".
        if kw >= 3 && &bytes[kw - 3..kw] == b"end" {
            continue;
        }
        let mut data_start = kw + 6;
        if bytes.get(data_start) == Some(&b'\r') {
            data_start += 1;
        }
        if bytes.get(data_start) == Some(&b'\n') {
            data_start += 1;
        } else if bytes.get(data_start - 1) != Some(&b'\r') {
            continue;
        }
        // The stream dictionary precedes the keyword.
        let dict_from = kw.saturating_sub(2048);
        let dict = &bytes[dict_from..kw];
        let dict = match dict.windows(3).rposition(|w| w == b"obj") {
            Some(i) => &dict[i..],
            None => dict,
        };
        let flate = crate::document::detect::find(dict, b"FlateDecode").is_some();
        if !flate {
            // An uncompressed embedded font is read as it is: check it too.
            if crate::document::detect::find(dict, b"/Length1").is_some() {
                let end = crate::document::detect::find(&bytes[data_start..], b"endstream")
                    .map(|e| data_start + e)
                    .unwrap_or(bytes.len());
                check_font(&bytes[data_start..end])?;
            }
            continue;
        }
        streams += 1;
        if streams > 100_000 {
            return Err(ParseError::limit("too many streams in the PDF"));
        }
        let is_image = crate::document::detect::find(dict, b"/Image").is_some();
        let is_font = [
            &b"/Length1"[..],
            b"/Length2",
            b"/FontFile",
            b"Type1C",
            b"CIDFontType0C",
            b"OpenType",
        ]
        .iter()
        .any(|k| crate::document::detect::find(dict, k).is_some());
        let end = crate::document::detect::find(&bytes[data_start..], b"endstream")
            .map(|e| data_start + e)
            .unwrap_or(bytes.len());
        let data = &bytes[data_start..end];
        let cap = if is_image || is_font {
            limits.max_inflated_stream_bytes
        } else {
            limits.max_content_stream_bytes
        };
        let mut dec = flate2::read::ZlibDecoder::new(data).take(cap + 1);
        // A stream that inflates to an sfnt font (whatever its dictionary says: `/Length1` is
        // often missing) is kept, at most `cap`, to check its character maps; what inflated
        // before a damaged end is what the PDF library reads too.
        let mut head = Vec::with_capacity(4);
        let _ = (&mut dec).take(4).read_to_end(&mut head);
        let n = if !is_image && super::sfnt::is_sfnt(&head) {
            let mut font = head;
            let _ = dec.read_to_end(&mut font);
            if font.len() as u64 <= cap {
                check_font(&font)?;
            }
            font.len() as u64
        } else {
            let mut sink = std::io::sink();
            head.len() as u64 + std::io::copy(&mut dec, &mut sink).unwrap_or(0)
        };
        if n > cap {
            return Err(ParseError::limit(format!(
                "a compressed stream inflates to more than {} MiB (compression bomb?)",
                cap / (1024 * 1024)
            )));
        }
        if !is_image {
            total += n;
        }
        if total > limits.max_inflated_total_bytes {
            return Err(ParseError::limit(format!(
                "the PDF's streams inflate to more than {} MiB",
                limits.max_inflated_total_bytes / (1024 * 1024)
            )));
        }
        pos = end.max(pos);
    }
    Ok(())
}
