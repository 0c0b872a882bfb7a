//! Section detection, contact, languages and certifications on the public corpus truths
//! (lexicon path only: the truths carry no typography) and on synthetic typed lines. The
//! corpus tests follow `atscore_testkit::corpus`: skipped with a message without the corpus, a
//! failure under `CI=true`, and with it every truth file they name is checked.

use atscore_core::document::{Line, Region};
use atscore_core::resume::entities::contact::{extract_contact, normalize_phone};
use atscore_core::resume::entities::languages::{parse_certifications, parse_languages};
use atscore_core::resume::sections::{
    classify_heading, detect_sections, header_block, Section, SectionKind,
};
use atscore_core::text::normalize::clean_text;
use atscore_testkit::corpus::{corpus_text, require_corpus};
use SectionKind::*;

/// A truth text of the public corpus; call after [`require_corpus`] said it is there (a
/// missing file fails).
fn corpus(name: &str) -> String {
    corpus_text(name).expect("the corpus is there")
}

/// Non-empty truth lines as plain lines (text cleaned like the extractors do).
fn truth_lines(name: &str) -> Vec<Line> {
    corpus(name)
        .lines()
        .map(clean_text)
        .filter(|t| !t.is_empty())
        .map(Line::plain)
        .collect()
}

/// open-resume_laverne's truth has one word per line, visual lines separated by blank lines.
fn block_lines(name: &str) -> Vec<Line> {
    corpus(name)
        .split("\n\n")
        .map(|b| clean_text(&b.replace('\n', " ")))
        .filter(|t| !t.is_empty())
        .map(Line::plain)
        .collect()
}

fn kinds(s: &[Section]) -> Vec<SectionKind> {
    s.iter().map(|x| x.kind).collect()
}

/// `expected` appears in order (as a subsequence) in the detected kinds.
fn assert_in_order(file: &str, got: &[SectionKind], expected: &[SectionKind]) {
    let mut it = got.iter();
    for e in expected {
        assert!(
            it.any(|g| g == e),
            "{file}: expected {expected:?} in order, got {got:?}"
        );
    }
}

fn check(file: &str, lines: &[Line], expected: &[SectionKind]) -> Vec<Section> {
    let s = detect_sections(lines);
    assert_in_order(file, &kinds(&s), expected);
    // Ranges are ordered, in bounds, and do not overlap.
    let mut prev_end = 0;
    for sec in &s {
        assert!(
            sec.lines.start <= sec.lines.end && sec.lines.end <= lines.len(),
            "{file}: {sec:?}"
        );
        assert!(
            sec.heading_line.map_or(sec.lines.start, |h| h) >= prev_end,
            "{file}: overlap {sec:?}"
        );
        prev_end = sec.lines.end;
    }
    s
}

#[test]
fn corpus_sections_in_order() {
    if require_corpus().is_none() {
        return;
    }
    let cases: &[(&str, &[SectionKind])] = &[
        (
            "jakegut_resume.pdf.truth.txt",
            &[Contact, Education, Experience, Projects, Skills],
        ),
        (
            "sb2nov_resume.pdf.truth.txt",
            &[Contact, Education, Experience, Projects],
        ),
        (
            "rendercv_classic.pdf.truth.txt",
            &[
                Contact,
                Education,
                Experience,
                Projects,
                Publications,
                Awards,
                Skills,
                Publications,
            ],
        ),
        (
            "awesome-cv_resume.pdf.truth.txt",
            &[
                Contact,
                Summary,
                Experience,
                Awards,
                Volunteer,
                Certifications,
                Education,
            ],
        ),
        (
            "moderncv_template-es.pdf.truth.txt",
            &[
                Contact,
                Education,
                Experience,
                Languages,
                Skills,
                Interests,
                Publications,
            ],
        ),
        (
            "reactive-resume_azurill.pdf.truth.txt",
            &[
                Contact,
                Contact,
                Skills,
                Certifications,
                Projects,
                Summary,
                Experience,
                Education,
            ],
        ),
        (
            "resume-matcher_single-column.pdf.truth.txt",
            &[Contact, Summary, Experience, Education, Projects, Skills],
        ),
        (
            "reactive-resume_bronzor.pdf.truth.txt",
            &[
                Contact,
                Summary,
                Experience,
                Education,
                Projects,
                Skills,
                Certifications,
                Languages,
                References,
            ],
        ),
        (
            "layout-fixture.pdf.truth.txt",
            &[Contact, Skills, Experience, Education, Interests],
        ),
        (
            "moderncv_template-zh.pdf.truth.txt",
            &[Contact, Education, Experience, Languages, Skills, Interests],
        ),
        (
            "poi-tl_example-resume.docx.truth.txt",
            &[Contact, Contact, Education, Skills, Interests, Experience],
        ),
        (
            "deedy_resume-openfont.pdf.truth.txt",
            &[
                Contact,
                Education,
                Contact,
                Education,
                Skills,
                Experience,
                Awards,
                Publications,
            ],
        ),
        (
            "altacv_sample.pdf.truth.txt",
            &[
                Contact,
                Experience,
                Projects,
                Skills,
                Languages,
                Education,
                Publications,
                References,
            ],
        ),
        (
            "pyresparser_omkar-resume.pdf.truth.txt",
            &[Contact, Experience, Projects, Education, Skills, Awards],
        ),
    ];
    let mut ran = 0;
    for (file, expected) in cases {
        let lines = truth_lines(file);
        ran += 1;
        let s = check(file, &lines, expected);
        assert_eq!(s[0].kind, Contact, "{file}");
        assert!(s[0].heading.is_none(), "{file}: header block first");
    }
    {
        let lines = block_lines("open-resume_laverne.pdf.truth.txt");
        ran += 1;
        let s = check(
            "laverne",
            &lines,
            &[Contact, Summary, Education, Awards, Volunteer, Skills],
        );
        assert_eq!(
            s.iter().filter(|x| x.kind == Volunteer).count(),
            1,
            "campus involvement + volunteer experience merge"
        );
    }
    assert_eq!(ran, cases.len() + 1, "every listed truth checked");
}

#[test]
fn jakegut_sections_exact() {
    if require_corpus().is_none() {
        return;
    }
    let lines = truth_lines("jakegut_resume.pdf.truth.txt");
    let s = detect_sections(&lines);
    // "Languages: Java, …" under Technical Skills is a key/value row, not a heading.
    assert_eq!(
        kinds(&s),
        vec![Contact, Education, Experience, Projects, Skills]
    );
    assert_eq!(s[1].heading.as_deref(), Some("Education"));
    assert_eq!(s[4].heading.as_deref(), Some("Technical Skills"));
    assert_eq!(s[4].lines.end, lines.len());
    assert_eq!(lines[s[1].heading_line.unwrap()].text, "Education");
}

struct Want<'a> {
    file: &'a str,
    name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    location: Option<&'a str>,
    links: &'a [&'a str],
}

fn contact_of(lines: &[Line]) -> atscore_core::resume::entities::contact::Contact {
    let s = detect_sections(lines);
    extract_contact(lines, header_block(&s), &[])
}

#[test]
fn corpus_contacts() {
    if require_corpus().is_none() {
        return;
    }
    let wants = [
        Want {
            file: "jakegut_resume.pdf.truth.txt",
            name: Some("Jake Ryan"),
            email: Some("jake@su.edu"),
            phone: Some("+11234567890"),
            location: None,
            links: &["https://linkedin.com/in/jake", "https://github.com/jake"],
        },
        Want {
            file: "sb2nov_resume.pdf.truth.txt",
            name: Some("Sourabh Bajaj"),
            email: Some("sourabh@sourabhbajaj.com"),
            phone: Some("+11234567890"),
            location: None,
            links: &["https://sourabhbajaj.com"],
        },
        Want {
            file: "rendercv_classic.pdf.truth.txt",
            name: Some("John Doe"),
            email: Some("john.doe@email.com"),
            phone: None,
            location: Some("San Francisco, CA"),
            links: &["https://rendercv.com"],
        },
        Want {
            file: "awesome-cv_resume.pdf.truth.txt",
            name: Some("Byungjin Park"),
            email: Some("posquit0.bj@gmail.com"),
            phone: Some("+821090301843"),
            location: Some("Mapo-gu, Seoul, Republic of Korea"),
            links: &["https://www.posquit0.com"],
        },
        Want {
            file: "moderncv_template-es.pdf.truth.txt",
            name: Some("John Doe"),
            email: Some("john@doe.org"),
            phone: Some("+1234567890"),
            location: None,
            links: &["https://www.johndoe.com"],
        },
        Want {
            file: "reactive-resume_azurill.pdf.truth.txt",
            name: Some("John Doe"),
            email: Some("john.doe@gmail.com"),
            phone: Some("+15551234567"),
            location: Some("Pleasantville, CA 94588"),
            links: &["https://johndoe.me"],
        },
        Want {
            file: "resume-matcher_single-column.pdf.truth.txt",
            name: Some("JOHN DOE"),
            email: Some("john.doe@email.com"),
            phone: Some("+14155550142"),
            location: Some("San Francisco, CA"),
            links: &[
                "https://linkedin.com/in/johndoe",
                "https://github.com/johndoe",
            ],
        },
        Want {
            file: "reactive-resume_pikachu.pdf.truth.txt",
            name: Some("John Doe"),
            email: Some("john.doe@gmail.com"),
            phone: Some("+15551234567"),
            location: Some("Pleasantville, CA 94588"),
            links: &["https://johndoe.me"],
        },
        Want {
            file: "poi-tl_example-resume.docx.truth.txt",
            name: Some("卅一"),
            email: Some("adasai90@gmail.com"),
            phone: Some("18080809090"),
            location: None,
            links: &["https://github.com/Sayi"],
        },
        Want {
            file: "layout-fixture.pdf.truth.txt",
            name: Some("Richard Hendriks"),
            email: Some("richard.hendriks@mail.com"),
            phone: Some("+19125554321"),
            location: Some("San Francisco, California"),
            links: &["https://richardhendricks.example.com"],
        },
    ];
    let mut checked = 0;
    for w in &wants {
        let lines = truth_lines(w.file);
        checked += 1;
        let c = contact_of(&lines);
        assert_eq!(c.name.as_deref(), w.name, "{}: {c:?}", w.file);
        assert_eq!(c.email.as_deref(), w.email, "{}: {c:?}", w.file);
        assert_eq!(c.phone.as_deref(), w.phone, "{}: {c:?}", w.file);
        if w.location.is_some() {
            assert_eq!(c.location.as_deref(), w.location, "{}: {c:?}", w.file);
        }
        for l in w.links {
            assert!(
                c.links.iter().any(|x| x == l),
                "{}: missing {l} in {:?}",
                w.file,
                c.links
            );
        }
    }
    assert_eq!(checked, wants.len());
    {
        let lines = block_lines("open-resume_laverne.pdf.truth.txt");
        let c = contact_of(&lines);
        assert_eq!(c.name.as_deref(), Some("Leo Leopard"), "{c:?}");
        assert_eq!(c.email.as_deref(), Some("lleopard@laverne.edu"));
        assert_eq!(c.phone.as_deref(), Some("+19095555555"));
        assert_eq!(c.location.as_deref(), Some("La Verne, CA"));
    }
}

#[test]
fn hyperlink_targets_supply_profile_urls() {
    let lines: Vec<Line> = [
        "John Doe",
        "johndoe",
        "LinkedIn",
        "johndoe",
        "GitHub",
        "Experience",
        "Acme",
    ]
    .iter()
    .map(|s| Line::plain(*s))
    .collect();
    let links = vec![
        "mailto:john@doe.com".to_string(),
        "https://www.linkedin.com/in/johndoe/".to_string(),
        "http://github.com/johndoe".to_string(),
        "https://acme.example.com/".to_string(),
        "tel:+15551234567".to_string(),
    ];
    let s = detect_sections(&lines);
    let c = extract_contact(&lines, header_block(&s), &links);
    assert_eq!(c.email.as_deref(), Some("john@doe.com"));
    assert_eq!(c.phone.as_deref(), Some("+15551234567"));
    assert_eq!(
        c.links,
        vec![
            "https://www.linkedin.com/in/johndoe",
            "https://github.com/johndoe"
        ]
    );
}

#[test]
fn contact_in_footer_region_and_biggest_name() {
    let mut lines = vec![
        Line {
            font_size: 10.0,
            ..Line::plain("Curriculum Vitae")
        },
        Line {
            font_size: 22.0,
            ..Line::plain("Marie Curie")
        },
        Line {
            font_size: 10.0,
            ..Line::plain("Research Scientist")
        },
        Line {
            font_size: 14.0,
            bold: true,
            ..Line::plain("Experience")
        },
        Line {
            font_size: 10.0,
            ..Line::plain("Lab assistant at Sorbonne, Paris, France")
        },
    ];
    lines.push(Line {
        region: Region::Footer,
        font_size: 8.0,
        ..Line::plain("marie@curie.fr · +33 6 12 34 56 78 · Paris, France")
    });
    let s = detect_sections(&lines);
    assert_eq!(kinds(&s), vec![Contact, Experience]);
    let c = extract_contact(&lines, header_block(&s), &[]);
    assert_eq!(c.name.as_deref(), Some("Marie Curie"));
    assert_eq!(c.email.as_deref(), Some("marie@curie.fr"));
    assert_eq!(c.phone.as_deref(), Some("+33612345678"));
    assert_eq!(c.location.as_deref(), Some("Paris, France"));
}

#[test]
fn typography_headings() {
    // Body 10pt, headings 13pt bold; an unknown heading in the same style becomes Other;
    // a bold job title at body size and "Education" inside a bullet are not headings.
    let body = |t: &str| Line {
        font_size: 10.0,
        ..Line::plain(t)
    };
    let head = |t: &str| Line {
        font_size: 13.0,
        bold: true,
        gap_before: 1.5,
        ..Line::plain(t)
    };
    let lines = vec![
        Line {
            font_size: 24.0,
            bold: true,
            ..Line::plain("Ada Lovelace")
        },
        body("ada@example.com | London, UK"),
        head("Experience"),
        Line {
            bold: true,
            ..body("Senior Engineer")
        },
        Line {
            list_item: true,
            ..body("Education outreach for 300 students across the city of London")
        },
        body("Skills were applied in a sentence that continues on the next line with more words"),
        head("Mentoring & Outreach"),
        body("Taught weekly classes."),
        head("Education"),
        body("University of London"),
        body("Education"), // plain body word under a styled-heading consensus: not a heading
        head("SKILLS"),
        body("Rust, Go"),
    ];
    let s = detect_sections(&lines);
    assert_eq!(
        kinds(&s),
        vec![Contact, Experience, Other, Education, Skills]
    );
    assert_eq!(s[2].heading.as_deref(), Some("Mentoring & Outreach"));
    assert_eq!(s[0].lines, 0..2);
    assert_eq!(s[1].lines, 3..6);
    assert_eq!(s[3].lines, 9..11);
    let c = extract_contact(&lines, header_block(&s), &[]);
    assert_eq!(c.name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(c.location.as_deref(), Some("London, UK"));
}

#[test]
fn explicit_heading_levels_and_header_regions() {
    let lines = vec![
        Line {
            heading_level: Some(1),
            ..Line::plain("Jane Smith")
        },
        Line {
            region: Region::Header,
            ..Line::plain("Experience")
        },
        Line::plain("jane@smith.dev"),
        Line {
            heading_level: Some(2),
            ..Line::plain("Berufserfahrung")
        },
        Line::plain("Entwicklerin bei ACME"),
        Line {
            heading_level: Some(2),
            ..Line::plain("Ehrenämter und Vereine")
        },
        Line::plain("Sportverein"),
        Line {
            heading_level: Some(2),
            ..Line::plain("Sprachkenntnisse")
        },
        Line::plain("Deutsch: Muttersprache, Englisch (C1)"),
    ];
    let s = detect_sections(&lines);
    assert_eq!(kinds(&s), vec![Contact, Experience, Other, Languages]);
    assert_eq!(s[0].lines, 0..3);
    let langs = parse_languages(&lines[s[3].lines.clone()]);
    assert_eq!(langs.len(), 2);
    assert_eq!(langs[0].language, "German");
    assert_eq!(langs[0].level.as_deref(), Some("Muttersprache"));
    assert_eq!(langs[1].level.as_deref(), Some("C1"));
}

#[test]
fn inline_heading_representation() {
    let lines: Vec<Line> = [
        "Sam Lee",
        "sam@lee.io",
        "Skills: Python, Go, Rust",
        "Experience",
        "Acme Corp",
    ]
    .iter()
    .map(|s| Line::plain(*s))
    .collect();
    let s = detect_sections(&lines);
    assert_eq!(kinds(&s), vec![Contact, Skills, Experience]);
    assert_eq!(s[1].heading.as_deref(), Some("Skills"));
    assert_eq!(s[1].heading_line, Some(2));
    assert_eq!(s[1].lines, 2..3);
    assert!(s[1].is_inline());
    assert_eq!(
        atscore_core::resume::sections::inline_content(&lines[2].text),
        "Python, Go, Rust"
    );
}

#[test]
fn letter_spaced_and_decorated_headings() {
    let lines: Vec<Line> = [
        "Name Surname",
        "E X P E R I E N C E",
        "x",
        "S K I L L S",
        "y",
        "———    教育背景    ———",
        "z",
        "3. Publications:",
        "p",
    ]
    .iter()
    .map(|s| Line::plain(*s))
    .collect();
    let s = detect_sections(&lines);
    assert_eq!(
        kinds(&s),
        vec![Contact, Experience, Skills, Education, Publications]
    );
    assert_eq!(s[4].heading.as_deref(), Some("Publications"));
}

#[test]
fn no_headings_is_one_header_block() {
    let lines: Vec<Line> = ["Just some text", "and more text"]
        .iter()
        .map(|s| Line::plain(*s))
        .collect();
    let s = detect_sections(&lines);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].kind, Contact);
    assert_eq!(s[0].lines, 0..2);
    assert!(detect_sections(&[]).is_empty());
}

#[test]
fn lexicon_sample() {
    assert_eq!(
        classify_heading("Licenses & Certifications"),
        Some(Certifications)
    );
    assert_eq!(classify_heading("Experience with Python and Go"), None);
    assert_eq!(
        normalize_phone("(555) 123-4567").as_deref(),
        Some("+15551234567")
    );
}

#[test]
fn corpus_languages_and_certifications() {
    if require_corpus().is_none() {
        return;
    }
    {
        let lines = truth_lines("reactive-resume_bronzor.pdf.truth.txt");
        let s = detect_sections(&lines);
        let lang = s
            .iter()
            .find(|x| x.kind == Languages)
            .expect("languages section");
        let l = parse_languages(&lines[lang.lines.clone()]);
        assert_eq!(l.len(), 2, "{l:?}");
        assert_eq!(
            (l[0].language.as_str(), l[0].level.as_deref()),
            ("English", Some("Native Speaker"))
        );
        assert_eq!(
            (l[1].language.as_str(), l[1].level.as_deref()),
            ("Spanish", Some("Intermediate"))
        );
        let cert = s
            .iter()
            .find(|x| x.kind == Certifications)
            .expect("certifications section");
        let c = parse_certifications(&lines[cert.lines.clone()]);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[1].name, "AWS Certified Developer");
        assert_eq!(c[1].issuer.as_deref(), Some("Amazon Web Services"));
        assert_eq!(c[1].date.as_deref(), Some("2019"));
    }
    {
        let lines = truth_lines("awesome-cv_resume.pdf.truth.txt");
        let s = detect_sections(&lines);
        let cert = s
            .iter()
            .find(|x| x.kind == Certifications)
            .expect("certificates section");
        let c = parse_certifications(&lines[cert.lines.clone()]);
        assert_eq!(c.len(), 9, "{c:?}");
        assert_eq!(c[0].date.as_deref(), Some("2023"));
        assert_eq!(
            c[2].name,
            "AWS Certified Solutions Architect – Professional"
        );
        assert_eq!(c[2].issuer.as_deref(), Some("Amazon Web Services (AWS)"));
        assert_eq!(c[4].issuer.as_deref(), Some("The Linux Foundation"));
    }
    {
        let lines = truth_lines("awesome-cv_cv.pdf.truth.txt");
        let s = detect_sections(&lines);
        let lang = s
            .iter()
            .find(|x| x.kind == Languages)
            .expect("languages section");
        let l = parse_languages(&lines[lang.lines.clone()]);
        let names: Vec<&str> = l.iter().map(|x| x.language.as_str()).collect();
        assert_eq!(names, vec!["Korean", "English", "Japanese"]);
    }
}
