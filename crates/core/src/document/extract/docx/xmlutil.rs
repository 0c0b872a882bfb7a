//! Shared XML plumbing for the DOCX and ODT walkers: a namespace-aware quick-xml event loop
//! with a nesting-depth limit, no DTD or entity expansion (a `<!DOCTYPE>` is ignored, unknown
//! entity references are dropped), UTF-16 input transcoded, and partial-text recovery when the
//! XML turns out to be malformed after some text was read.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::{Limits, ParseError};

/// Receives the events of one XML part.
pub(crate) trait XmlHandler {
    /// Map a namespace URI to a small id of the handler's choosing (empty for unbound names,
    /// `?prefix` for a prefix that was never declared).
    fn ns_id(&self, uri: &[u8]) -> u8;
    /// An element starts (empty elements get `start` then `end`).
    fn start(&mut self, ns: u8, local: &[u8], e: &BytesStart<'_>);
    /// The most recently started, still open element ends.
    fn end(&mut self);
    /// Character data (entity references already resolved).
    fn text(&mut self, s: &str);
    /// Whether some document text was collected already (decides between a hard
    /// [`ParseError::Corrupt`] and partial text plus a warning on malformed XML).
    fn has_text(&self) -> bool;
}

/// Value of the attribute whose local name is `local` (namespace prefix ignored), with
/// predefined and character references resolved and any other entity reference dropped.
pub(crate) fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.local_name().as_ref().as_bytes() == local {
            return Some(unescape(&a.value).into_owned());
        }
    }
    None
}

fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

fn char_ref(body: &str) -> Option<char> {
    let code = if let Some(hex) = body.strip_prefix('x').or_else(|| body.strip_prefix('X')) {
        u32::from_str_radix(hex, 16).ok()?
    } else {
        body.parse::<u32>().ok()?
    };
    char::from_u32(code)
}

/// Resolve `&amp;`-style and `&#..;` references; unknown entities are dropped, never expanded.
pub(crate) fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(rest.get(..pos).unwrap_or_default());
        let after = rest.get(pos + 1..).unwrap_or_default();
        match after.find(';') {
            Some(end) if end <= 32 => {
                let name = after.get(..end).unwrap_or_default();
                if let Some(body) = name.strip_prefix('#') {
                    if let Some(c) = char_ref(body) {
                        out.push(c);
                    }
                } else if let Some(r) = predefined(name) {
                    out.push_str(r);
                }
                rest = after.get(end + 1..).unwrap_or_default();
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// UTF-16 parts (with a BOM) are transcoded to UTF-8; a UTF-8 BOM is stripped.
fn to_utf8(xml: &[u8]) -> Cow<'_, [u8]> {
    let utf16 = |bytes: &[u8], le: bool| -> Vec<u8> {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| match c {
                [a, b] if le => u16::from_le_bytes([*a, *b]),
                [a, b] => u16::from_be_bytes([*a, *b]),
                _ => 0xFFFD,
            })
            .collect();
        String::from_utf16_lossy(&units).into_bytes()
    };
    match xml {
        [0xFF, 0xFE, rest @ ..] => Cow::Owned(utf16(rest, true)),
        [0xFE, 0xFF, rest @ ..] => Cow::Owned(utf16(rest, false)),
        [0xEF, 0xBB, 0xBF, rest @ ..] => Cow::Borrowed(rest),
        _ => Cow::Borrowed(xml),
    }
}

/// Walk one XML part, feeding `h`. Nesting deeper than `limits.max_xml_depth` gives
/// [`ParseError::LimitExceeded`]; malformed XML gives [`ParseError::Corrupt`] unless the handler
/// already has text, in which case a warning is pushed and `Ok` returned (partial text).
pub(crate) fn walk<H: XmlHandler>(
    xml: &[u8],
    part: &str,
    limits: &Limits,
    h: &mut H,
    warnings: &mut Vec<String>,
) -> Result<(), ParseError> {
    let data = to_utf8(xml);
    let mut reader = NsReader::from_reader(data.as_ref());
    {
        let cfg = reader.config_mut();
        cfg.trim_text(false);
        cfg.expand_empty_elements = false;
        cfg.check_end_names = true;
    }
    let mut depth: usize = 0;
    let mut warned_dtd = false;
    let fail = |h: &H, warnings: &mut Vec<String>, msg: String| -> Result<(), ParseError> {
        if h.has_text() {
            warnings.push(format!(
                "{part}: {msg}; the text read before the damage is kept"
            ));
            Ok(())
        } else {
            Err(ParseError::corrupt(format!("{part}: {msg}")))
        }
    };
    loop {
        let (ns, ev) = match reader.read_resolved_event() {
            Ok((res, ev)) => {
                let ns = match res {
                    ResolveResult::Bound(n) => h.ns_id(n.as_ref().as_bytes()),
                    // Undeclared prefix: let the handler guess from the prefix itself.
                    ResolveResult::Unknown(p) => h.ns_id(format!("?{p}").as_bytes()),
                    ResolveResult::Unbound => h.ns_id(b""),
                };
                (ns, ev)
            }
            Err(e) => return fail(h, warnings, format!("malformed XML ({e})")),
        };
        match ev {
            Event::Start(e) => {
                depth += 1;
                if depth > limits.max_xml_depth {
                    return Err(ParseError::limit(format!(
                        "{part}: XML nesting deeper than {} levels",
                        limits.max_xml_depth
                    )));
                }
                h.start(ns, e.local_name().as_ref().as_bytes(), &e);
            }
            Event::Empty(e) => {
                if depth + 1 > limits.max_xml_depth {
                    return Err(ParseError::limit(format!(
                        "{part}: XML nesting deeper than {} levels",
                        limits.max_xml_depth
                    )));
                }
                h.start(ns, e.local_name().as_ref().as_bytes(), &e);
                h.end();
            }
            Event::End(_) => {
                if depth > 0 {
                    depth -= 1;
                    h.end();
                }
            }
            Event::Text(t) => {
                if depth > 0 {
                    let s = t.xml10_content();
                    h.text(&s);
                }
            }
            Event::CData(t) => {
                if depth > 0 {
                    h.text(t.as_ref());
                }
            }
            Event::GeneralRef(r) => {
                if depth > 0 {
                    let name: &str = &r;
                    if let Some(body) = name.strip_prefix('#') {
                        if let Some(c) = char_ref(body) {
                            let mut b = [0u8; 4];
                            h.text(c.encode_utf8(&mut b));
                        }
                    } else if let Some(s) = predefined(name) {
                        h.text(s);
                    }
                    // Any other entity is dropped: DTD entities are never expanded.
                }
            }
            Event::DocType(_) => {
                if !warned_dtd {
                    warned_dtd = true;
                    warnings.push(format!(
                        "{part}: a DOCTYPE declaration was ignored (entities are never expanded)"
                    ));
                }
            }
            Event::Eof => {
                if depth > 0 {
                    return fail(h, warnings, "the XML ends before it is complete".into());
                }
                return Ok(());
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape_resolves_only_safe_references() {
        assert_eq!(unescape("a &amp; b &#x41;&#66; &lol; &"), "a & b AB  &");
    }
}
