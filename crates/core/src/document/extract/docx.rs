//! DOCX (WordprocessingML) extractor: a bounded ZIP read plus one quick-xml pass per story
//! part. Lines come out as: page headers, body (paragraphs, tables, text boxes after their
//! anchoring paragraph), footnotes, endnotes, page footers; format facts (tables, columns,
//! images, text boxes, header/footer text, hidden text) are counted on the way.
//!
//! Safety: inflated sizes are capped while streaming ([`ZipPackage`]), XML depth is bounded,
//! DTDs and entities are never expanded, external relationships are never fetched (only
//! hyperlink URLs are recorded), and ZIP entry names are only compared as strings.

mod builder;
mod styles;
mod walker;
pub(crate) mod xmlutil;

pub(crate) use builder::{push_page, LineSink, ParaBuf};

use std::collections::{HashMap, HashSet};

use self::styles::{app_pages, parse_rels, parse_styles, rels_name, resolve_target, Rels, Styles};
use self::walker::{Acc, NoteKind, Walker};
use super::zipread::ZipPackage;
use crate::{Document, Limits, Line, ParseError, Region};

/// Default location of the main document part.
const DEFAULT_MAIN: &str = "word/document.xml";

/// Extract a DOCX document.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    let mut zip = ZipPackage::open(bytes, limits)?;
    let mut warnings = Vec::new();

    let main = main_part(&mut zip, limits, &mut warnings)?;
    let Some(main_xml) = zip.read(&main)? else {
        return Err(ParseError::corrupt(
            "the ZIP package has no word/document.xml: not a Word document",
        ));
    };
    let rels = read_rels(&mut zip, &main, limits, &mut warnings)?;
    let styles_name = rels
        .internal_of_kind("styles")
        .next()
        .map(|r| resolve_target(&main, &r.target))
        .unwrap_or_else(|| "word/styles.xml".to_string());
    let styles = match zip.read(&styles_name)? {
        Some(xml) => parse_styles(&xml, limits, &mut warnings)?,
        None => Styles::default(),
    };

    let mut acc = Acc::new(limits.max_text_chars);

    let headers = walk_side_parts(
        &mut zip,
        &main,
        &rels,
        "header",
        Region::Header,
        &styles,
        &mut acc,
        limits,
        &mut warnings,
    )?;

    let body = {
        let mut w = Walker::new(&styles, &rels, &mut acc, Region::Body);
        xmlutil::walk(&main_xml, &main, limits, &mut w, &mut warnings)?;
        w.finish();
        std::mem::take(&mut w.out)
    };
    drop(main_xml);

    let mut notes = Vec::new();
    for (kind, rel_kind) in [(NoteKind::Foot, "footnotes"), (NoteKind::End, "endnotes")] {
        let Some(rel) = rels.internal_of_kind(rel_kind).next() else {
            continue;
        };
        let name = resolve_target(&main, &rel.target);
        let Some(xml) = zip.read(&name)? else {
            continue;
        };
        let part_rels = read_rels(&mut zip, &name, limits, &mut warnings)?;
        let refs: Vec<String> = acc
            .note_refs
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, id, _)| id.clone())
            .collect();
        let mut w = Walker::new(&styles, &part_rels, &mut acc, Region::Footnote).for_notes(kind);
        soft(
            xmlutil::walk(&xml, &name, limits, &mut w, &mut warnings),
            &mut warnings,
        )?;
        w.finish();
        let found = std::mem::take(&mut w.notes);
        drop(w);
        if refs.is_empty() {
            notes.extend(found.into_iter().flat_map(|(_, l)| l));
        } else {
            // Notes in the order of their references; unreferenced notes are not shown.
            let mut by_id: HashMap<String, Vec<Line>> = HashMap::new();
            for (id, lines) in found {
                by_id.entry(id).or_insert(lines);
            }
            for id in refs {
                if let Some(lines) = by_id.remove(&id) {
                    notes.extend(lines);
                }
            }
        }
    }

    let footers = walk_side_parts(
        &mut zip,
        &main,
        &rels,
        "footer",
        Region::Footer,
        &styles,
        &mut acc,
        limits,
        &mut warnings,
    )?;

    let pages = match zip.read("docProps/app.xml") {
        Ok(Some(xml)) => app_pages(&xml, limits),
        _ => None,
    };

    let mut doc = Document {
        pages: pages.unwrap_or(acc.page),
        ..Document::default()
    };
    for l in headers.iter().chain(footers.iter()) {
        doc.facts.header_footer_text.push(l.text.clone());
    }
    doc.lines = headers;
    doc.lines.extend(body);
    doc.lines.extend(notes);
    doc.lines.extend(footers);
    // Already trimmed and de-duplicated (`Document::add_link` would be quadratic here).
    doc.links = acc.links;
    doc.facts.tables = acc.tables;
    doc.facts.images = acc.images;
    doc.facts.text_boxes = acc.text_boxes;
    doc.facts.column_pages = acc.column_pages;
    doc.facts.hidden_text = acc.hidden;
    doc.facts.icon_glyphs = acc.sink.dropped.icons;
    doc.facts.unmapped_glyphs = acc.sink.dropped.unmapped;
    if acc.sink.truncated {
        warnings.push(format!(
            "the text is longer than {} characters; the rest was dropped",
            limits.max_text_chars
        ));
    }
    doc.warnings = warnings;
    Ok(doc)
}

/// Turn a [`ParseError::Corrupt`] in a secondary part into a warning.
fn soft(r: Result<(), ParseError>, warnings: &mut Vec<String>) -> Result<(), ParseError> {
    match r {
        Err(ParseError::Corrupt(m)) => {
            warnings.push(m);
            Ok(())
        }
        other => other,
    }
}

/// The main document part named by `_rels/.rels` (`officeDocument`), else `word/document.xml`.
fn main_part(
    zip: &mut ZipPackage<'_>,
    limits: &Limits,
    warnings: &mut Vec<String>,
) -> Result<String, ParseError> {
    let Some(xml) = zip.read("_rels/.rels")? else {
        return Ok(DEFAULT_MAIN.to_string());
    };
    let rels = parse_rels(&xml, "_rels/.rels", limits, warnings)?;
    let found = rels
        .internal_of_kind("officeDocument")
        .next()
        .map(|r| resolve_target("", &r.target))
        .filter(|t| !t.is_empty());
    Ok(found.unwrap_or_else(|| DEFAULT_MAIN.to_string()))
}

fn read_rels(
    zip: &mut ZipPackage<'_>,
    part: &str,
    limits: &Limits,
    warnings: &mut Vec<String>,
) -> Result<Rels, ParseError> {
    let name = rels_name(part);
    match zip.read(&name)? {
        Some(xml) => parse_rels(&xml, &name, limits, warnings),
        None => Ok(Rels::default()),
    }
}

/// Walk every header (or footer) part, skipping parts whose text repeats an earlier one.
#[allow(clippy::too_many_arguments)]
fn walk_side_parts(
    zip: &mut ZipPackage<'_>,
    main: &str,
    rels: &Rels,
    kind: &str,
    region: Region,
    styles: &Styles,
    acc: &mut Acc,
    limits: &Limits,
    warnings: &mut Vec<String>,
) -> Result<Vec<Line>, ParseError> {
    let mut names: Vec<String> = Vec::new();
    for r in rels.internal_of_kind(kind) {
        let n = resolve_target(main, &r.target);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let mut out: Vec<Line> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for name in names {
        let Some(xml) = zip.read(&name)? else {
            continue;
        };
        let part_rels = read_rels(zip, &name, limits, warnings)?;
        let mut w = Walker::new(styles, &part_rels, acc, region);
        soft(
            xmlutil::walk(&xml, &name, limits, &mut w, warnings),
            warnings,
        )?;
        w.finish();
        let lines = std::mem::take(&mut w.out);
        let key = lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        if key.is_empty() || !seen.insert(key) {
            continue;
        }
        out.extend(lines);
    }
    Ok(out)
}
