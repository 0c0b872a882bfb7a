//! DOCX package metadata: relationships (`*.rels`), `word/styles.xml` (style inheritance for
//! headings, bold, sizes, list numbering) and the page count from `docProps/app.xml`.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::xmlutil::{attr, walk, XmlHandler};
use crate::{Limits, ParseError};

/// One relationship of a part.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Rel {
    /// Last path segment of the relationship type (`header`, `hyperlink`, `footnotes`…).
    pub kind: String,
    pub target: String,
    pub external: bool,
}

/// Relationships of one part, by id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rels {
    pub by_id: HashMap<String, Rel>,
    /// Ids in file order.
    pub order: Vec<String>,
}

impl Rels {
    pub fn get(&self, id: &str) -> Option<&Rel> {
        self.by_id.get(id)
    }

    /// Internal targets of the given kind, in file order.
    pub fn internal_of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Rel> + 'a {
        self.order
            .iter()
            .filter_map(|id| self.by_id.get(id))
            .filter(move |r| !r.external && r.kind == kind)
    }
}

/// The `_rels/x.rels` name of a part.
pub(crate) fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// Resolve a relationship target against the folder of `part` (pure string arithmetic;
/// the result is only ever used as a ZIP entry name).
pub(crate) fn resolve_target(part: &str, target: &str) -> String {
    let target = target.split('#').next().unwrap_or_default();
    let mut segs: Vec<&str> = Vec::new();
    if !target.starts_with('/') {
        if let Some((dir, _)) = part.rsplit_once('/') {
            segs.extend(dir.split('/').filter(|s| !s.is_empty()));
        }
    }
    for s in target.split(['/', '\\']) {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

#[derive(Default)]
struct RelsHandler {
    rels: Rels,
}

impl XmlHandler for RelsHandler {
    fn ns_id(&self, _uri: &[u8]) -> u8 {
        0
    }
    fn start(&mut self, _ns: u8, local: &[u8], e: &BytesStart<'_>) {
        if local != b"Relationship" {
            return;
        }
        let (Some(id), Some(target)) = (attr(e, b"Id"), attr(e, b"Target")) else {
            return;
        };
        let kind = attr(e, b"Type")
            .map(|t| t.rsplit('/').next().unwrap_or_default().to_string())
            .unwrap_or_default();
        let external = attr(e, b"TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
        if !self.rels.by_id.contains_key(&id) {
            self.rels.order.push(id.clone());
        }
        self.rels.by_id.insert(
            id,
            Rel {
                kind,
                target,
                external,
            },
        );
    }
    fn end(&mut self) {}
    fn text(&mut self, _s: &str) {}
    fn has_text(&self) -> bool {
        !self.rels.order.is_empty()
    }
}

/// Parse a `.rels` part; damage yields what was read before it (or nothing).
pub(crate) fn parse_rels(
    xml: &[u8],
    part: &str,
    limits: &Limits,
    warnings: &mut Vec<String>,
) -> Result<Rels, ParseError> {
    let mut h = RelsHandler::default();
    match walk(xml, part, limits, &mut h, warnings) {
        Ok(()) => Ok(h.rels),
        Err(ParseError::Corrupt(m)) => {
            warnings.push(m);
            Ok(h.rels)
        }
        Err(e) => Err(e),
    }
}

/// Character and paragraph properties that a style may set.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Props {
    pub bold: Option<bool>,
    /// Font size in points.
    pub size: Option<f32>,
    pub vanish: Option<bool>,
}

impl Props {
    /// Fill unset fields from `other`.
    pub fn or(&self, other: &Props) -> Props {
        Props {
            bold: self.bold.or(other.bold),
            size: self.size.or(other.size),
            vanish: self.vanish.or(other.vanish),
        }
    }
}

/// One `w:style`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Style {
    pub name: String,
    pub based_on: Option<String>,
    pub outline_level: Option<u8>,
    /// `w:numPr/w:numId` (non-zero: a numbered/bulleted list style).
    pub num_id: Option<String>,
    pub run: Props,
}

/// Parsed `word/styles.xml`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Styles {
    pub styles: HashMap<String, Style>,
    pub defaults: Props,
    pub default_para: Option<String>,
}

/// A boolean toggle property value (`w:b`, `w:vanish`): absent `w:val` means on.
pub(crate) fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// Half-point `w:sz` value in points.
pub(crate) fn half_points(e: &BytesStart<'_>) -> Option<f32> {
    let v: f32 = attr(e, b"val")?.trim().parse().ok()?;
    (v.is_finite() && v > 0.0 && v < 10_000.0).then_some(v / 2.0)
}

impl Styles {
    const MAX_CHAIN: usize = 16;

    /// Walk the `basedOn` chain starting at `id` (bounded, cycle-safe).
    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = &'a Style> + 'a {
        let mut cur = id;
        let mut n = 0;
        std::iter::from_fn(move || {
            if n >= Self::MAX_CHAIN {
                return None;
            }
            n += 1;
            let s = self.styles.get(cur?)?;
            cur = s.based_on.as_deref();
            Some(s)
        })
    }

    /// Run properties from a character style chain, then a paragraph style chain, then the
    /// document defaults.
    pub fn run_props(&self, rstyle: Option<&str>, pstyle: Option<&str>) -> Props {
        let mut p = Props::default();
        for s in self.chain(rstyle) {
            p = p.or(&s.run);
        }
        let pstyle = pstyle.or(self.default_para.as_deref());
        for s in self.chain(pstyle) {
            p = p.or(&s.run);
        }
        p.or(&self.defaults)
    }

    /// Heading level (1-based) of a paragraph style: outline level, or a built-in
    /// `heading N` / `Title` name anywhere up the chain.
    pub fn heading_level(&self, pstyle: Option<&str>) -> Option<u8> {
        let pstyle = pstyle.or(self.default_para.as_deref());
        for s in self.chain(pstyle) {
            if let Some(l) = s.outline_level {
                return (l < 9).then_some(l + 1);
            }
            if let Some(l) = heading_from_name(&s.name) {
                return Some(l);
            }
        }
        None
    }

    /// Whether a paragraph style carries list numbering.
    pub fn is_list(&self, pstyle: Option<&str>) -> bool {
        for s in self.chain(pstyle) {
            if let Some(n) = &s.num_id {
                return n != "0";
            }
        }
        false
    }
}

/// `heading 1`..`heading 9` → 1..9, `Title` → 1 (case- and space-insensitive).
pub(crate) fn heading_from_name(name: &str) -> Option<u8> {
    let n: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if n == "title" {
        return Some(1);
    }
    let d = n.strip_prefix("heading")?;
    match d.parse::<u8>() {
        Ok(l @ 1..=9) => Some(l),
        _ => None,
    }
}

#[derive(Default)]
struct StylesHandler {
    out: Styles,
    stack: Vec<Vec<u8>>,
    cur: Option<(String, Style)>,
    in_defaults: bool,
}

impl StylesHandler {
    fn parent_is(&self, n: &[u8]) -> bool {
        self.stack.len() >= 2 && self.stack.get(self.stack.len() - 2).is_some_and(|p| p == n)
    }
    fn inside(&self, n: &[u8]) -> bool {
        self.stack.iter().any(|p| p == n)
    }
}

impl XmlHandler for StylesHandler {
    fn ns_id(&self, _uri: &[u8]) -> u8 {
        0
    }
    fn start(&mut self, _ns: u8, local: &[u8], e: &BytesStart<'_>) {
        self.stack.push(local.to_vec());
        // Old formatting of tracked changes must not count.
        if self.inside(b"rPrChange") || self.inside(b"pPrChange") {
            return;
        }
        match local {
            b"docDefaults" => self.in_defaults = true,
            b"style" => {
                let id = attr(e, b"styleId").unwrap_or_default();
                let para = attr(e, b"type").as_deref() == Some("paragraph");
                let is_default = attr(e, b"default").is_some_and(|v| v == "1" || v == "true");
                if para && is_default {
                    self.out.default_para = Some(id.clone());
                }
                self.cur = Some((id, Style::default()));
            }
            _ => {}
        }
        let in_rpr = self.inside(b"rPr");
        let target: Option<&mut Props> = if self.in_defaults {
            in_rpr.then_some(&mut self.out.defaults)
        } else {
            match self.cur.as_mut() {
                Some((_, s)) if in_rpr => Some(&mut s.run),
                _ => None,
            }
        };
        if let Some(p) = target {
            match local {
                b"b" => p.bold = Some(on_off(e)),
                b"sz" => {
                    if let Some(s) = half_points(e) {
                        p.size = Some(s);
                    }
                }
                b"vanish" => p.vanish = Some(on_off(e)),
                _ => {}
            }
            return;
        }
        let in_num_pr = self.parent_is(b"numPr");
        if let Some((_, s)) = self.cur.as_mut() {
            match local {
                b"name" => s.name = attr(e, b"val").unwrap_or_default(),
                b"basedOn" => s.based_on = attr(e, b"val"),
                b"outlineLvl" => {
                    s.outline_level = attr(e, b"val").and_then(|v| v.trim().parse::<u8>().ok())
                }
                b"numId" if in_num_pr => s.num_id = attr(e, b"val"),
                _ => {}
            }
        }
    }
    fn end(&mut self) {
        let Some(local) = self.stack.pop() else {
            return;
        };
        match local.as_slice() {
            b"docDefaults" => self.in_defaults = false,
            b"style" => {
                if let Some((id, s)) = self.cur.take() {
                    if !id.is_empty() {
                        self.out.styles.insert(id, s);
                    }
                }
            }
            _ => {}
        }
    }
    fn text(&mut self, _s: &str) {}
    fn has_text(&self) -> bool {
        !self.out.styles.is_empty()
    }
}

/// Parse `word/styles.xml`; damage keeps what was read (styles only refine typography).
pub(crate) fn parse_styles(
    xml: &[u8],
    limits: &Limits,
    warnings: &mut Vec<String>,
) -> Result<Styles, ParseError> {
    let mut h = StylesHandler::default();
    match walk(xml, "word/styles.xml", limits, &mut h, warnings) {
        Ok(()) => Ok(h.out),
        Err(ParseError::Corrupt(m)) => {
            warnings.push(m);
            Ok(h.out)
        }
        Err(e) => Err(e),
    }
}

#[derive(Default)]
struct PagesHandler {
    in_pages: bool,
    text: String,
}

impl XmlHandler for PagesHandler {
    fn ns_id(&self, _uri: &[u8]) -> u8 {
        0
    }
    fn start(&mut self, _ns: u8, local: &[u8], _e: &BytesStart<'_>) {
        self.in_pages = local == b"Pages";
    }
    fn end(&mut self) {
        self.in_pages = false;
    }
    fn text(&mut self, s: &str) {
        if self.in_pages && self.text.len() < 32 {
            self.text.push_str(s);
        }
    }
    fn has_text(&self) -> bool {
        false
    }
}

/// `<Pages>` of `docProps/app.xml`, when present and positive.
pub(crate) fn app_pages(xml: &[u8], limits: &Limits) -> Option<u32> {
    let mut h = PagesHandler::default();
    let mut w = Vec::new();
    walk(xml, "docProps/app.xml", limits, &mut h, &mut w).ok()?;
    h.text.trim().parse::<u32>().ok().filter(|&p| p > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_as_names_only() {
        assert_eq!(
            resolve_target("word/document.xml", "header1.xml"),
            "word/header1.xml"
        );
        assert_eq!(
            resolve_target("word/document.xml", "/word/x.xml"),
            "word/x.xml"
        );
        assert_eq!(
            resolve_target("word/document.xml", "../../../etc/passwd"),
            "etc/passwd"
        );
        assert_eq!(
            rels_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }

    #[test]
    fn heading_names() {
        assert_eq!(heading_from_name("heading 2"), Some(2));
        assert_eq!(heading_from_name("Title"), Some(1));
        assert_eq!(heading_from_name("Heading10"), None);
        assert_eq!(heading_from_name("Normal"), None);
    }
}
