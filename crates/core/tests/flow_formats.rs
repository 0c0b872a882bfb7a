//! Tests of the flow-format extractors (plain text, Markdown, HTML, RTF, legacy DOC): corpus
//! fidelity against the layout fixture's truth, plus unit cases for encodings, hidden text,
//! hostile nesting and truncated input.

use atscore_core::document::extract::{doc, html, markdown, rtf, text};
use atscore_core::{Document, Limits, ParseError, Region};
use atscore_testkit::corpus::{corpus_bytes, corpus_text};
use atscore_testkit::fidelity::{bigram_order, word_recall};

fn limits() -> Limits {
    Limits::default()
}

fn has_line(d: &Document, needle: &str) -> bool {
    d.lines.iter().any(|l| l.text.contains(needle))
}

type Extract = fn(&[u8], &Limits) -> Result<Document, ParseError>;

/// The corpus's layout fixture in one format, extracted, with its word recall and bigram
/// order against the fixture's truth (printed); `None` without the corpus.
fn fixture(name: &str, extract: Extract) -> Option<(Document, String, f64, f64)> {
    let bytes = corpus_bytes(name)?;
    let truth = corpus_text("layout-fixture.docx.truth.txt")?;
    let d = extract(&bytes, &limits()).unwrap_or_else(|e| panic!("{name} parses: {e}"));
    let got = d.text();
    let recall = word_recall(&truth, &got);
    let order = bigram_order(&truth, &got);
    eprintln!("{name}: recall {recall:.3}, bigram order {order:.3}");
    Some((d, got, recall, order))
}

// ---------- corpus ----------

#[test]
fn rtf_fixture_recall_and_order() {
    let Some((d, got, recall, order)) = fixture("layout-fixture.rtf", rtf::extract) else {
        return;
    };
    assert!(recall >= 0.99, "recall {recall}\n{got}");
    assert!(order >= 0.97, "order {order}\n{got}");
    // Structure.
    let header = d
        .lines
        .iter()
        .find(|l| l.region == Region::Header)
        .expect("header line");
    assert!(header.text.contains("richard.hendriks@mail.com"));
    assert!(d
        .lines
        .iter()
        .any(|l| l.region == Region::Footer && l.text.contains("References")));
    assert!(d
        .lines
        .iter()
        .any(|l| l.region == Region::Footnote && l.text.contains("Grade point average")));
    assert!(d
        .lines
        .iter()
        .any(|l| l.region == Region::TextBox && l.text == "Skills"));
    assert_eq!(
        d.facts.header_footer_text.len(),
        2,
        "{:?}",
        d.facts.header_footer_text
    );
    assert_eq!(d.facts.tables, 1);
    assert_eq!(d.facts.text_boxes, 1);
    assert_eq!(d.facts.column_pages, vec![1]);
    assert!(d
        .links
        .iter()
        .any(|u| u.contains("richardhendricks.example.com")));
    let bullets = d.lines.iter().filter(|l| l.list_item).count();
    assert_eq!(bullets, 3);
    let we = d
        .lines
        .iter()
        .find(|l| l.text == "Work Experience")
        .expect("heading");
    assert_eq!(we.heading_level, Some(1));
    assert!(we.bold);
    assert!(d
        .lines
        .iter()
        .any(|l| l.region == Region::Table && l.text.contains("DB1101")));
    // The text box appears once.
    assert_eq!(
        d.lines
            .iter()
            .filter(|l| l.text.contains("Compression: Mpeg"))
            .count(),
        1
    );
}

#[test]
fn doc_fixture_recall_and_order() {
    let Some((d, got, recall, _)) = fixture("layout-fixture.doc", doc::extract) else {
        return;
    };
    assert!(recall >= 0.97, "recall {recall}\n{got}");
    assert!(has_line(&d, "richard.hendriks@mail.com"));
    assert!(has_line(&d, "Grade point average"));
    assert!(has_line(&d, "References available on request"));
}

#[test]
fn doc_garbage_is_corrupt() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend(std::iter::repeat_n(0x41u8, 600));
    assert!(matches!(
        doc::extract(&bytes, &limits()),
        Err(ParseError::Corrupt(_))
    ));
}

#[test]
fn doc_truncated_fixture_is_clean() {
    let Some(bytes) = corpus_bytes("layout-fixture.doc") else {
        return;
    };
    for frac in [10, 30, 60, 90] {
        let cut = bytes.len() * frac / 100;
        // Either an error or partial text; never a panic.
        let _ = doc::extract(bytes.get(..cut).unwrap_or(&[]), &limits());
    }
}

// ---------- plain text ----------

#[test]
fn text_utf16_le_and_be_with_bom() {
    let s = "Jane Doe\nIngénieure\n";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    for bytes in [le, be] {
        let d = text::extract(&bytes, &limits()).expect("text");
        assert_eq!(d.text(), "Jane Doe\nIngénieure");
    }
    assert_eq!(text::decode_text(&[0xFF, 0xFE, b'a', 0]).1, "UTF-16LE");
}

#[test]
fn text_windows_1252() {
    let (s, enc) = text::decode_text(b"Caf\xE9 \x93quoted\x94");
    assert_eq!(enc, "windows-1252");
    assert_eq!(s, "Café \u{201C}quoted\u{201D}");
    let d = text::extract(b"Ren\xE9e\n\x95 Led a team", &limits()).expect("text");
    assert_eq!(d.lines[0].text, "Renée");
    assert!(d.lines[1].list_item);
    assert_eq!(d.lines[1].text, "Led a team");
}

#[test]
fn text_utf8_bom_and_paragraphs() {
    let d =
        text::extract("\u{FEFF}Jane\r\n\r\nSkills\r\nRust".as_bytes(), &limits()).expect("text");
    assert_eq!(d.text(), "Jane\nSkills\nRust");
    assert!(d.lines[1].para_start);
    assert!(!d.lines[2].para_start);
    assert!(matches!(
        text::extract(b"   \n ", &limits()),
        Err(ParseError::Empty)
    ));
}

// ---------- markdown ----------

#[test]
fn markdown_headings_lists_links() {
    let md = b"# Jane Doe\n\nEngineer at [Acme](https://acme.example)\nBerlin\n\n## Experience\n\n- Led **a team**\n- Built `rustc` plugins\n\n**Skills**\n\n| A | B |\n|---|---|\n| x | y |\n\n![photo](me.png)\n";
    let d = markdown::extract(md, &limits()).expect("md");
    let t: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(d.lines[0].heading_level, Some(1));
    assert_eq!(t[0], "Jane Doe");
    assert_eq!(t[1], "Engineer at Acme");
    assert_eq!(t[2], "Berlin", "soft break keeps the source line: {t:?}");
    assert!(!d.lines[2].para_start);
    let exp = d.lines.iter().find(|l| l.text == "Experience").expect("h2");
    assert_eq!(exp.heading_level, Some(2));
    let items: Vec<&str> = d
        .lines
        .iter()
        .filter(|l| l.list_item)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(items, vec!["Led a team", "Built rustc plugins"]);
    assert!(d.lines.iter().any(|l| l.text == "Skills" && l.bold));
    assert!(!d.lines.iter().any(|l| l.text.starts_with("Led") && l.bold));
    assert_eq!(d.links, vec!["https://acme.example".to_string()]);
    assert_eq!(d.facts.tables, 1);
    assert!(d
        .lines
        .iter()
        .any(|l| l.region == Region::Table && l.text == "x y"));
    assert_eq!(d.facts.images, 1);
    assert!(!d.text().contains("photo"));
}

// ---------- HTML ----------

#[test]
fn html_hidden_text_goes_to_facts() {
    let h = br#"<html><head><title>T</title><style>p{color:red}</style></head><body>
<h1>Jane Doe</h1><p>Visible</p>
<p style="display: none">python java kubernetes</p>
<span style="color:#FFFFFF">stuffed keywords</span>
<div hidden>secret</div>
<p style="font-size:0">zero</p>
<p aria-hidden="true">shown anyway</p>
<script>var x = "scripted";</script><noscript>enable js</noscript>
</body></html>"#;
    let d = html::extract(h, &limits()).expect("html");
    let all = d.text();
    for bad in [
        "python",
        "stuffed",
        "secret",
        "zero",
        "scripted",
        "enable js",
        "color:red",
        "T\n",
    ] {
        assert!(!all.contains(bad), "{bad:?} leaked into {all:?}");
    }
    assert!(all.contains("shown anyway"));
    assert_eq!(d.lines[0].heading_level, Some(1));
    let reasons: Vec<&str> = d
        .facts
        .hidden_text
        .iter()
        .map(|h| h.reason.as_str())
        .collect();
    assert_eq!(d.facts.hidden_text.len(), 4, "{reasons:?}");
    assert!(d
        .facts
        .hidden_text
        .iter()
        .any(|h| h.snippet.contains("kubernetes")));
    assert!(reasons.contains(&"white text"));
}

#[test]
fn html_structure() {
    let h = br#"<body><header>Jane | jane@x.io</header><h2>Skills</h2>
<ul><li>Rust</li><li><b>Go</b></li></ul><p>Line one<br>line two &amp; more</p>
<table><tr><td>2019</td><td>Acme</td></tr></table><img src="a.png">
<a href="mailto:jane@x.io">mail</a><footer>Page 1</footer></body>"#;
    let d = html::extract(h, &limits()).expect("html");
    let t: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(d.lines[0].region, Region::Header);
    assert!(t.contains(&"line two & more"), "{t:?}");
    assert!(d
        .lines
        .iter()
        .any(|l| l.text == "Go" && l.bold && l.list_item));
    assert!(d
        .lines
        .iter()
        .any(|l| l.text == "2019 Acme" && l.region == Region::Table));
    assert_eq!(d.facts.tables, 1);
    assert_eq!(d.facts.images, 1);
    assert_eq!(d.links, vec!["mailto:jane@x.io".to_string()]);
    assert_eq!(d.lines.last().map(|l| l.region), Some(Region::Footer));
}

#[test]
fn html_100k_nested_divs() {
    let n = 100_000;
    let mut s = String::with_capacity(n * 11 + 32);
    s.push_str("<html><body><p>top</p>");
    for _ in 0..n {
        s.push_str("<div>");
    }
    s.push_str("deep");
    for _ in 0..n {
        s.push_str("</div>");
    }
    s.push_str("</body></html>");
    let start = std::time::Instant::now();
    let r = html::extract(s.as_bytes(), &limits());
    eprintln!(
        "100k nested divs: {:?} in {:?}",
        r.as_ref().map(|d| d.lines.len()),
        start.elapsed()
    );
    match r {
        Ok(d) => {
            assert!(d.text().contains("top"));
            assert!(!d.warnings.is_empty());
        }
        Err(e) => assert!(matches!(e, ParseError::LimitExceeded(_)), "{e:?}"),
    }
}

// ---------- RTF ----------

#[test]
fn rtf_unicode_and_hex_escapes() {
    let r =
        br"{\rtf1\ansi\ansicpg1252\uc1 Ren\'e9e \u8220?quoted\u8221? caf\u233\'e9\par \u-3913?x}";
    let d = rtf::extract(r, &limits()).expect("rtf");
    assert_eq!(d.lines[0].text, "Renée \u{201C}quoted\u{201D} café");
    assert_eq!(d.lines[1].text, "\u{F0B7}x".replace('\u{F0B7}', ""));
    assert_eq!(d.facts.icon_glyphs, 1);
}

#[test]
fn rtf_codepage_1251() {
    let r = br"{\rtf1\ansi\ansicpg1251 \'cf\'f0\'e8\'e2\'e5\'f2}";
    let d = rtf::extract(r, &limits()).expect("rtf");
    assert_eq!(d.text(), "Привет");
}

#[test]
fn rtf_unbalanced_returns_text_with_warning() {
    let r = br"{\rtf1\ansi {\b Jane Doe}\par Engineer at {\i Acme";
    let d = rtf::extract(r, &limits()).expect("partial rtf");
    assert_eq!(d.text(), "Jane Doe\nEngineer at Acme");
    assert!(d.lines[0].bold);
    assert!(!d.warnings.is_empty());
    // Extra closing braces and junk after the root group are ignored.
    let d = rtf::extract(br"{\rtf1 ok}}}} trailing", &limits()).expect("rtf");
    assert_eq!(d.text(), "ok");
}

#[test]
fn rtf_deep_nesting_is_limited() {
    let n = 100_000;
    let mut s = String::from(r"{\rtf1 ");
    s.push_str(&"{".repeat(n));
    s.push_str("deep");
    s.push_str(&"}".repeat(n));
    s.push('}');
    let r = rtf::extract(s.as_bytes(), &limits());
    assert!(matches!(r, Err(ParseError::LimitExceeded(_))), "{r:?}");
    // Within the limit is fine.
    let mut s = String::from(r"{\rtf1 ");
    s.push_str(&"{".repeat(100));
    s.push_str("deep");
    s.push_str(&"}".repeat(100));
    s.push('}');
    assert_eq!(
        rtf::extract(s.as_bytes(), &limits()).expect("rtf").text(),
        "deep"
    );
}

#[test]
fn rtf_skips_destinations_and_finds_hidden() {
    let r = br#"{\rtf1{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}{\*\generator Foo;}{\info{\title T}}{\pict\pngblip 89504e47}Visible {\v hidden words}\par{\*\unknown junk}{\object{\*\objdata 0102}}{\field{\*\fldinst HYPERLINK "https://x.example/"}{\fldrslt link}}\bin3 {}x\par}"#;
    let d = rtf::extract(r, &limits()).expect("rtf");
    assert_eq!(d.text(), "Visible\nlink");
    assert_eq!(d.facts.images, 1);
    assert_eq!(d.facts.hidden_text.len(), 1);
    assert_eq!(d.facts.hidden_text[0].snippet, "hidden words");
    assert_eq!(d.links, vec!["https://x.example/".to_string()]);
}

#[test]
fn rtf_empty_is_error() {
    assert!(matches!(
        rtf::extract(b"  ", &limits()),
        Err(ParseError::Empty)
    ));
    assert!(matches!(
        rtf::extract(br"{\rtf1\ansi }", &limits()),
        Err(ParseError::Empty)
    ));
}

#[test]
fn rtf_truncated_fixture_never_panics() {
    let Some(bytes) = corpus_bytes("layout-fixture.rtf") else {
        return;
    };
    for cut in (0..bytes.len()).step_by(97) {
        let _ = rtf::extract(bytes.get(..cut).unwrap_or(&[]), &limits());
    }
}
