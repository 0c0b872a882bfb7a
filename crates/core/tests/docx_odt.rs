//! Integration tests of the DOCX and ODT/FODT extractors: text fidelity against the corpus
//! truth files, the layout fixture's format facts, hostile files, and small hand-built
//! packages (billion laughs, deep nesting, external relationships, tracked deletions).

use std::time::{Duration, Instant};

use atscore_core::document::extract::{docx, odt};
use atscore_core::{Document, ErrorCode, Limits, Region};
use atscore_testkit::corpus::require_corpus;
use atscore_testkit::fidelity::{bigram_order, word_recall};

const DOCX_TRUTH: &[&str] = &[
    "layout-fixture.docx",
    "omkarpathak-resumeparser_chinmaya.docx",
    "one-resume_template.docx",
    "pandoc-resume_resume.docx",
    "poi-tl_example-resume.docx",
    "poi-tl_iterable-resume-template.docx",
];

fn read(dir: &std::path::Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
}

fn check_fidelity(name: &str, truth: &str, doc: &Document) {
    let got = doc.text();
    let recall = word_recall(truth, &got);
    let order = bigram_order(truth, &got);
    let f = &doc.facts;
    println!(
        "{name}: recall {recall:.4} order {order:.4} | pages {} lines {} tables {} columns {:?} \
         images {} text boxes {} header/footer {} links {:?} hidden {} warnings {:?}",
        doc.pages,
        doc.lines.len(),
        f.tables,
        f.column_pages,
        f.images,
        f.text_boxes,
        f.header_footer_text.len(),
        doc.links,
        f.hidden_text.len(),
        doc.warnings
    );
    assert!(
        recall >= 0.99,
        "{name}: word recall {recall:.4} < 0.99\n{got}"
    );
    assert!(
        order >= 0.97,
        "{name}: bigram order {order:.4} < 0.97\n{got}"
    );
}

#[test]
fn docx_corpus_fidelity() {
    let Some(dir) = require_corpus() else { return };
    for name in DOCX_TRUTH {
        let bytes = read(&dir, name);
        let truth = String::from_utf8(read(&dir, &format!("{name}.truth.txt"))).expect("utf8");
        let doc = docx::extract(&bytes, &Limits::default()).expect(name);
        check_fidelity(name, &truth, &doc);
        assert!(doc
            .lines
            .iter()
            .all(|l| !l.text.contains('\n') && !l.text.is_empty()));
    }
}

#[test]
fn odt_and_fodt_fixture_fidelity() {
    let Some(dir) = require_corpus() else { return };
    let truth = String::from_utf8(read(&dir, "layout-fixture.docx.truth.txt")).expect("utf8");
    let doc = odt::extract(&read(&dir, "layout-fixture.odt"), &Limits::default()).expect("odt");
    check_fidelity("layout-fixture.odt", &truth, &doc);
    check_fixture_facts("odt", &doc);
    let doc =
        odt::extract_flat(&read(&dir, "layout-fixture.fodt"), &Limits::default()).expect("fodt");
    check_fidelity("layout-fixture.fodt", &truth, &doc);
    check_fixture_facts("fodt", &doc);
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// A test on a line's text.
type TextTest<'a> = &'a dyn Fn(&str) -> bool;

fn check_fixture_facts(kind: &str, doc: &Document) {
    let text = doc.text();
    let f = &doc.facts;
    assert!(f.tables >= 1, "{kind}: tables {}", f.tables);
    assert!(!f.column_pages.is_empty(), "{kind}: no column pages");
    assert_eq!(f.text_boxes, 1, "{kind}: text boxes");
    assert_eq!(
        count(&text, "Web Development"),
        1,
        "{kind}: text box text once"
    );
    // The first line whose text matches, and the region it must sit in.
    let first = |p: &dyn Fn(&str) -> bool| doc.lines.iter().find(|l| p(&l.text));
    let regions: [(&str, TextTest, Region); 3] = [
        (
            "text box region",
            &|t| t.starts_with("Web Development"),
            Region::TextBox,
        ),
        (
            "footnote",
            &|t| t.contains("Grade point average"),
            Region::Footnote,
        ),
        (
            "table cell",
            &|t| t == "University of Oklahoma",
            Region::Table,
        ),
    ];
    for (what, p, region) in regions {
        assert_eq!(first(p).map(|l| l.region), Some(region), "{kind}: {what}");
    }
    for (what, needle) in [
        ("header text", "richard.hendriks@mail.com"),
        ("footer text", "References available on request"),
    ] {
        assert!(
            f.header_footer_text.iter().any(|t| t.contains(needle)),
            "{kind}: {what} {:?}",
            f.header_footer_text
        );
    }
    assert_eq!(
        doc.lines.first().map(|l| l.region),
        Some(Region::Header),
        "{kind}: header first"
    );
    assert_eq!(
        doc.lines.last().map(|l| l.region),
        Some(Region::Footer),
        "{kind}: footer last"
    );
    assert!(
        doc.links
            .iter()
            .any(|u| u.contains("richardhendricks.example.com")),
        "{kind}: links {:?}",
        doc.links
    );
    let h = first(&|t| t == "Work Experience");
    assert_eq!(h.and_then(|l| l.heading_level), Some(1), "{kind}: heading");
    let b = first(&|t| t.starts_with("Successfully won"));
    assert!(b.is_some_and(|l| l.list_item), "{kind}: list item");
    assert_eq!(doc.pages, 1, "{kind}: pages");
}

#[test]
fn docx_fixture_facts() {
    let Some(dir) = require_corpus() else { return };
    let doc = docx::extract(&read(&dir, "layout-fixture.docx"), &Limits::default()).expect("docx");
    check_fixture_facts("docx", &doc);
    let title = doc
        .lines
        .iter()
        .find(|l| l.text == "Richard Hendriks" && l.region == Region::Body);
    assert_eq!(title.and_then(|l| l.heading_level), Some(1));
    let skills = doc.lines.iter().find(|l| l.text == "Skills");
    assert!(skills.is_some_and(|l| l.bold), "bold text box heading");
}

#[test]
fn chinmaya_tables_and_columns() {
    let Some(dir) = require_corpus() else { return };
    let name = "omkarpathak-resumeparser_chinmaya.docx";
    let doc = docx::extract(&read(&dir, name), &Limits::default()).expect(name);
    assert!(doc.facts.tables >= 9, "tables {}", doc.facts.tables);
    assert!(!doc.facts.column_pages.is_empty(), "columns");
    assert!(doc.lines.iter().any(|l| l.region == Region::Table));
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed())
}

#[test]
fn hostile_files_fail_fast_with_the_right_code() {
    let Some(dir) = require_corpus() else { return };
    let cases = [
        ("malformed/zip-bomb-300MB.docx", ErrorCode::LimitExceeded),
        (
            "malformed/layout-fixture_truncated-60pct.docx",
            ErrorCode::Corrupt,
        ),
        ("malformed/not-a-zip.docx", ErrorCode::Corrupt),
    ];
    for (name, code) in cases {
        let bytes = read(&dir, name);
        let (r, took) = timed(|| docx::extract(&bytes, &Limits::default()));
        let err = r.expect_err(name);
        println!("{name}: {} in {took:?}", err.code().as_str());
        assert_eq!(err.code(), code, "{name}: {err}");
        assert!(took < Duration::from_secs(2), "{name}: took {took:?}");
    }
}

// ---- small hand-built packages -------------------------------------------------------------

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

/// A ZIP of text entries.
fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    let bytes: Vec<(&str, &[u8])> = entries.iter().map(|(n, d)| (*n, d.as_bytes())).collect();
    atscore_testkit::archive::zip_of(&bytes)
}

fn body(inner: &str) -> String {
    format!(r#"<?xml version="1.0"?><w:document {W_NS}><w:body>{inner}</w:body></w:document>"#)
}

fn docx_of(document: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let mut entries = vec![("word/document.xml", document)];
    entries.extend_from_slice(extra);
    zip_of(&entries)
}

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn billion_laughs_is_not_expanded() {
    let mut dtd = String::from(r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#);
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    dtd.push_str("]>");
    let xml = format!(
        r#"{dtd}<w:document {W_NS}><w:body><w:p><w:r><w:t>Hello &lol9; world &amp; more</w:t></w:r></w:p></w:body></w:document>"#
    );
    let (r, took) = timed(|| docx::extract(&docx_of(&xml, &[]), &Limits::default()));
    let doc = r.expect("extracts without expanding");
    assert_eq!(doc.text(), "Hello world & more");
    assert!(took < Duration::from_secs(1));
    assert!(doc.warnings.iter().any(|w| w.contains("DOCTYPE")));
}

#[test]
fn deep_nesting_hits_the_depth_limit() {
    let depth = 100_000;
    let mut xml = body("");
    let open = "<w:sdt><w:sdtContent>".repeat(depth / 2);
    let close = "</w:sdtContent></w:sdt>".repeat(depth / 2);
    xml = xml
        .replace("<w:body>", &format!("<w:body>{open}"))
        .replace("</w:body>", &format!("{close}</w:body>"));
    let (r, took) = timed(|| docx::extract(&docx_of(&xml, &[]), &Limits::default()));
    assert_eq!(r.expect_err("too deep").code(), ErrorCode::LimitExceeded);
    assert!(took < Duration::from_secs(1));
}

#[test]
fn external_relationships_are_never_followed() {
    let doc_rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://github.com/someone" TargetMode="External"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="../../../../etc/passwd"/>
</Relationships>"#;
    let settings_rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://attacker.example/template.dotm" TargetMode="External"/>
</Relationships>"#;
    let settings = format!(r#"<w:settings {W_NS}><w:attachedTemplate r:id="rId1"/></w:settings>"#);
    let xml = body(&format!(
        r#"<w:p><w:hyperlink r:id="rId2"><w:r><w:t>GitHub</w:t></w:r></w:hyperlink></w:p>{}"#,
        para("Body text")
    ));
    let bytes = docx_of(
        &xml,
        &[
            ("word/_rels/document.xml.rels", doc_rels),
            ("word/settings.xml", &settings),
            ("word/_rels/settings.xml.rels", settings_rels),
        ],
    );
    let doc = docx::extract(&bytes, &Limits::default()).expect("extracts");
    assert_eq!(doc.links, vec!["https://github.com/someone".to_string()]);
    assert_eq!(doc.text(), "GitHub\nBody text");
    assert!(doc.facts.header_footer_text.is_empty());
}

#[test]
fn tracked_deletions_and_field_codes_are_dropped() {
    let xml = body(concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">Managed </w:t></w:r>"#,
        r#"<w:del w:id="1" w:author="x"><w:r><w:delText>three </w:delText></w:r></w:del>"#,
        r#"<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve">five </w:t></w:r></w:ins>"#,
        r#"<w:r><w:t>teams</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
        r#"<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://linkedin.com/in/me" </w:instrText></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>my profile</w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        r#"<w:r><w:tab/><w:t>x</w:t><w:br/><w:t>next line</w:t></w:r></w:p>"#,
    ));
    let doc = docx::extract(&docx_of(&xml, &[]), &Limits::default()).expect("extracts");
    assert_eq!(doc.text(), "Managed five teams\nmy profile x\nnext line");
    assert_eq!(doc.links, vec!["https://linkedin.com/in/me".to_string()]);
    assert!(doc.lines[1].para_start && !doc.lines[2].para_start);
}

#[test]
fn fallback_is_skipped_and_choice_text_box_counted_once() {
    let xml = body(concat!(
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>"#,
        r#"<w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"#,
        r#"<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p>"#,
        r#"</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
        r#"<w:r><w:t>Anchor</w:t></w:r></w:p>"#,
        r#"<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>"#,
        r#"<w:p><w:pPr><w:sectPr><w:cols w:num="2"/></w:sectPr></w:pPr></w:p>"#,
    ));
    let doc = docx::extract(&docx_of(&xml, &[]), &Limits::default()).expect("extracts");
    assert_eq!(doc.text(), "Anchor\nBoxed\nInner");
    assert_eq!(doc.facts.text_boxes, 1);
    assert_eq!(doc.facts.tables, 2);
    assert_eq!(doc.facts.column_pages, vec![1]);
    assert_eq!(doc.lines[1].region, Region::TextBox);
    assert_eq!(doc.lines[2].region, Region::Table);
}

#[test]
fn malformed_xml_keeps_partial_text_or_is_corrupt() {
    let xml = format!(
        r#"<w:document {W_NS}><w:body>{}<w:p><w:r><w:t>Second</w:r></w:p>"#,
        para("First paragraph")
    );
    let doc = docx::extract(&docx_of(&xml, &[]), &Limits::default()).expect("partial");
    assert!(doc.text().starts_with("First paragraph"));
    assert!(!doc.warnings.is_empty());
    let xml = format!(r#"<w:document {W_NS}><w:body><w:p><w:r></w:t>"#);
    let err = docx::extract(&docx_of(&xml, &[]), &Limits::default()).expect_err("corrupt");
    assert_eq!(err.code(), ErrorCode::Corrupt);
    let err = docx::extract(&zip_of(&[("other.xml", "<a/>")]), &Limits::default())
        .expect_err("no document part");
    assert_eq!(err.code(), ErrorCode::Corrupt);
}

#[test]
fn small_limits_are_enforced() {
    let xml = body(&para(&"word ".repeat(50_000)));
    let bytes = docx_of(&xml, &[]);
    let limits = Limits {
        max_inflated_stream_bytes: 10_000,
        ..Limits::default()
    };
    let err = docx::extract(&bytes, &limits).expect_err("entry too big");
    assert_eq!(err.code(), ErrorCode::LimitExceeded);
    let limits = Limits {
        max_text_chars: 1000,
        ..Limits::default()
    };
    let doc = docx::extract(&bytes, &limits).expect("truncated text");
    assert!(doc.text().len() <= 1000);
    assert!(!doc.warnings.is_empty());
}

#[test]
fn flat_odt_safety() {
    let deep = format!(
        r#"<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>{}x{}</office:text></office:body></office:document>"#,
        "<text:span>".repeat(5000),
        "</text:span>".repeat(5000)
    );
    let err = odt::extract_flat(deep.as_bytes(), &Limits::default()).expect_err("deep");
    assert_eq!(err.code(), ErrorCode::LimitExceeded);
    let lol = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Hi &b; there</text:p></office:text></office:body></office:document>"#;
    let doc = odt::extract_flat(lol.as_bytes(), &Limits::default()).expect("no expansion");
    assert_eq!(doc.text(), "Hi there");
    let err = odt::extract(b"PK\x03\x04garbage", &Limits::default()).expect_err("bad zip");
    assert_eq!(err.code(), ErrorCode::Corrupt);
}
