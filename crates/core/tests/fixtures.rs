//! The committed fixture corpus (`atscore_testkit::fixtures`: fictional resumes, one per
//! supported format, each with its truth text) through the whole reader, on every machine —
//! no `../shared` needed, nothing skipped: each file is detected as its format, its text is
//! extracted with high word recall and reading order against the truth, its sections are
//! found in order and its contact details are read.
//!
//! What each file must give is in one table ([`WANTS`]); a fixture without a row fails.

use atscore_core::document::detect::{detect, Detected};
use atscore_core::document::extract;
use atscore_core::resume::sections::SectionKind::{self, *};
use atscore_core::{parse_resume, Format, ParseOptions};
use atscore_testkit::fidelity::{bigram_order, word_recall};
use atscore_testkit::fixtures;

/// What one fixture file must give.
struct Want {
    file: &'static str,
    format: Format,
    /// Word recall and bigram order floors against the truth (`atscore_testkit::fidelity`).
    /// Every file reaches 1.0 today: all the truth's words and word pairs.
    recall: f64,
    order: f64,
    /// The section kinds, in order (the header block first).
    sections: &'static [SectionKind],
    name: &'static str,
    email: &'static str,
    /// Normalised (E.164).
    phone: &'static str,
    location: &'static str,
    link: Option<&'static str>,
}

const WANTS: &[Want] = &[
    Want {
        file: "amara-okafor.doc",
        format: Format::Doc,
        recall: 1.0,
        order: 1.0,
        sections: &[Contact, Summary, Experience, Education, Skills, Languages],
        name: "Amara Okafor",
        email: "amara.okafor@example.net",
        phone: "+14045550129",
        location: "Atlanta, GA",
        link: None,
    },
    Want {
        file: "deborah-nakamura.txt",
        format: Format::Text,
        recall: 1.0,
        order: 1.0,
        sections: &[Contact, Summary, Experience, Education, Skills, Languages],
        name: "Deborah Nakamura",
        email: "deborah.nakamura@example.org",
        phone: "+13125550152",
        location: "Chicago, IL",
        link: None,
    },
    Want {
        file: "graham-whitlock.rtf",
        format: Format::Rtf,
        recall: 1.0,
        order: 1.0,
        sections: &[
            Contact,
            Summary,
            Experience,
            Education,
            Certifications,
            Skills,
        ],
        name: "Graham Whitlock",
        email: "graham.whitlock@example.com",
        phone: "+13035550115",
        location: "Denver, CO",
        link: None,
    },
    Want {
        file: "henrik-solberg.pdf",
        format: Format::Pdf,
        recall: 1.0,
        order: 1.0,
        sections: &[Contact, Summary, Experience, Projects, Education, Skills],
        name: "Henrik Solberg",
        email: "henrik.solberg@example.com",
        phone: "+16125550164",
        location: "Minneapolis, MN",
        link: Some("https://linkedin.com/in/hsolberg"),
    },
    Want {
        file: "ines-valcourt.docx",
        format: Format::Docx,
        recall: 1.0,
        order: 1.0,
        sections: &[
            Contact,
            Summary,
            Experience,
            Education,
            Skills,
            Certifications,
        ],
        name: "Ines Valcourt",
        email: "ines.valcourt@example.com",
        phone: "+15035550147",
        location: "Portland, OR",
        link: Some("https://github.com/ivalcourt-example"),
    },
    Want {
        file: "maya-castellanos.pdf",
        format: Format::Pdf,
        recall: 1.0,
        order: 1.0,
        // Two columns: the sidebar (left) is read before the main column.
        sections: &[
            Contact, Skills, Languages, Education, Summary, Experience, Projects,
        ],
        name: "Maya Castellanos",
        email: "maya.castellanos@example.org",
        phone: "+15125550172",
        location: "Austin, TX",
        link: Some("https://mayacastellanos.example.com"),
    },
    Want {
        file: "rafael-duarte.md",
        format: Format::Markdown,
        recall: 1.0,
        order: 1.0,
        sections: &[
            Contact,
            Summary,
            Experience,
            Education,
            Skills,
            Certifications,
        ],
        name: "Rafael Duarte",
        email: "rafael.duarte@example.net",
        phone: "+19195550136",
        location: "Raleigh, NC",
        link: Some("https://gitlab.com/rduarte-example"),
    },
    Want {
        file: "sofia-lindqvist.html",
        format: Format::Html,
        recall: 1.0,
        order: 1.0,
        sections: &[Contact, Summary, Experience, Projects, Education, Skills],
        name: "Sofia Lindqvist",
        email: "sofia.lindqvist@example.com",
        phone: "+12065550198",
        location: "Seattle, WA",
        link: Some("https://github.com/slindqvist-example"),
    },
    Want {
        file: "tobias-wren.odt",
        format: Format::Odt,
        recall: 1.0,
        order: 1.0,
        sections: &[
            Contact,
            Summary,
            Experience,
            Education,
            Certifications,
            Skills,
        ],
        name: "Tobias Wren",
        email: "tobias.wren@example.org",
        phone: "+16145550183",
        location: "Columbus, OH",
        link: None,
    },
];

fn parsed(w: &Want) -> atscore_core::ParsedResume {
    let opts = ParseOptions {
        file_name: Some(w.file.into()),
        ..ParseOptions::default()
    };
    parse_resume(&fixtures::bytes(w.file), &opts).unwrap_or_else(|e| panic!("{}: {e}", w.file))
}

#[test]
fn the_table_covers_every_fixture_and_every_format() {
    let mut listed: Vec<&str> = WANTS.iter().map(|w| w.file).collect();
    listed.sort();
    assert_eq!(
        fixtures::names(),
        listed,
        "every fixture file has a row in WANTS"
    );
    for f in [
        Format::Pdf,
        Format::Docx,
        Format::Odt,
        Format::Rtf,
        Format::Doc,
        Format::Html,
        Format::Markdown,
        Format::Text,
    ] {
        assert!(
            WANTS.iter().any(|w| w.format == f),
            "no fixture in {}",
            f.name()
        );
    }
    let pdfs = WANTS.iter().filter(|w| w.format == Format::Pdf).count();
    assert!(pdfs >= 2, "a single-column and a two-column PDF");
}

#[test]
fn each_fixture_is_detected_as_its_format() {
    for w in WANTS {
        assert_eq!(
            detect(&fixtures::bytes(w.file)),
            Detected::Supported(w.format),
            "{}",
            w.file
        );
        assert_eq!(parsed(w).format, w.format.name(), "{}", w.file);
    }
}

#[test]
fn extraction_recall_and_order_against_the_truth() {
    let (mut sum_r, mut sum_o) = (0.0, 0.0);
    let mut failures = Vec::new();
    for w in WANTS {
        let doc = extract::extract(&fixtures::bytes(w.file), w.format, &Default::default())
            .unwrap_or_else(|e| panic!("{}: {e}", w.file));
        let (truth, text) = (fixtures::truth(w.file), doc.text());
        let (r, o) = (word_recall(&truth, &text), bigram_order(&truth, &text));
        println!("{:24} recall {r:.3} order {o:.3}", w.file);
        if r < w.recall || o < w.order {
            failures.push(format!(
                "{}: recall {r:.3} (floor {}) order {o:.3} (floor {})\n{text}",
                w.file, w.recall, w.order
            ));
        }
        sum_r += r;
        sum_o += o;
    }
    let n = WANTS.len() as f64;
    println!(
        "MEAN over {n}: recall {:.4} order {:.4}",
        sum_r / n,
        sum_o / n
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sections_are_found_in_order() {
    for w in WANTS {
        let r = parsed(w);
        let kinds: Vec<SectionKind> = r.sections.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, w.sections, "{}: {:?}", w.file, r.sections);
        assert!(r.sections[0].heading.is_none(), "{}: header block", w.file);
    }
}

#[test]
fn contact_details_are_found() {
    for w in WANTS {
        let c = parsed(w).contact;
        assert_eq!(c.name.as_deref(), Some(w.name), "{}: {c:?}", w.file);
        assert_eq!(c.email.as_deref(), Some(w.email), "{}: {c:?}", w.file);
        assert_eq!(c.phone.as_deref(), Some(w.phone), "{}: {c:?}", w.file);
        assert_eq!(c.location.as_deref(), Some(w.location), "{}: {c:?}", w.file);
        if let Some(link) = w.link {
            assert!(c.links.iter().any(|l| l == link), "{}: {c:?}", w.file);
        }
    }
}
