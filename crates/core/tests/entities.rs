//! Integration tests: the entity parsers on real resume sections taken from the public corpus
//! truth texts (`atscore_testkit::corpus`: `ATSCORE_CORPUS` or `../shared/corpus/public`).
//! Without the corpus they are skipped with a message, and fail under `CI=true`; with it,
//! every truth file they name must be there and is checked.

use atscore_core::resume::entities::dates::{total_years, YearMonth};
use atscore_core::resume::entities::education::{parse_education, DegreeLevel};
use atscore_core::resume::entities::experience::{parse_experience, total_experience_years};
use atscore_core::Line;
use atscore_testkit::corpus::{corpus_text, require_corpus};

/// The lines between heading `start` and heading `end` (exclusive), blank lines dropped.
fn section(text: &str, start: &str, end: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut inside = false;
    for l in text.lines() {
        let t = l.trim();
        if t == start {
            inside = true;
            continue;
        }
        if inside && t == end {
            break;
        }
        if inside && !t.is_empty() {
            out.push(Line::plain(t));
        }
    }
    out
}

fn ym(y: u16, m: u8) -> Option<YearMonth> {
    Some(YearMonth::new(y, Some(m)))
}

#[test]
fn jakegut_truth() {
    let Some(t) = corpus_text("jakegut_resume.pdf.truth.txt") else {
        return;
    };
    let exp = parse_experience(&section(&t, "Experience", "Projects"));
    assert_eq!(exp.len(), 3, "{exp:#?}");
    assert_eq!(
        exp[0].title.as_deref(),
        Some("Undergraduate Research Assistant")
    );
    assert_eq!(exp[0].company.as_deref(), Some("Texas A&M University"));
    assert_eq!(exp[0].location.as_deref(), Some("College Station, TX"));
    assert_eq!(exp[0].start, ym(2020, 6));
    assert!(exp[0].current);
    assert_eq!(exp[0].bullets.len(), 3);
    assert_eq!(exp[2].bullets.len(), 6);
    assert_eq!((exp[2].start, exp[2].end), (ym(2019, 5), ym(2019, 7)));
    // Sep 2018 – today overlaps the other two jobs.
    assert_eq!(
        total_experience_years(&exp, YearMonth::new(2021, Some(8))),
        3.0
    );

    let edu = parse_education(&section(&t, "Education", "Experience"));
    assert_eq!(edu.len(), 2, "{edu:#?}");
    assert_eq!(edu[0].school.as_deref(), Some("Southwestern University"));
    assert_eq!(edu[0].level, Some(DegreeLevel::Bachelor));
    assert_eq!(edu[0].field.as_deref(), Some("Computer Science"));
    assert_eq!(edu[1].level, Some(DegreeLevel::Associate));
    assert_eq!(edu[1].end, ym(2018, 5));
}

#[test]
fn sb2nov_truth() {
    let Some(t) = corpus_text("sb2nov_resume.pdf.truth.txt") else {
        return;
    };
    let exp = parse_experience(&section(&t, "Experience", "Projects"));
    assert_eq!(exp.len(), 4, "{exp:#?}");
    let companies: Vec<_> = exp.iter().map(|e| e.company.as_deref()).collect();
    assert_eq!(
        companies,
        [
            Some("Google"),
            Some("Coursera"),
            Some("Lucena Research"),
            Some("Georgia Institute of Technology")
        ]
    );
    assert_eq!(exp[1].title.as_deref(), Some("Senior Software Engineer"));
    assert_eq!(exp[1].bullets.len(), 9);
    assert_eq!(exp[0].bullets.len(), 2);
    let edu = parse_education(&section(&t, "Education", "Experience"));
    assert_eq!(edu.len(), 2, "{edu:#?}");
    assert_eq!(edu[0].gpa.as_deref(), Some("4.00"));
    assert_eq!(edu[1].location.as_deref(), Some("Pilani, India"));
}

#[test]
fn rendercv_truths() {
    let mut checked = 0;
    for (file, first_title) in [
        ("rendercv_sb2nov.pdf.truth.txt", "Co-Founder & CTO"),
        (
            "rendercv_engineeringresumes.pdf.truth.txt",
            "Co-Founder & CTO",
        ),
        ("rendercv_moderncv.pdf.truth.txt", "Co-Founder & CTO"),
        ("rendercv_classic.pdf.truth.txt", "Co-Founder & CTO"),
    ] {
        let Some(t) = corpus_text(file) else {
            return;
        };
        checked += 1;
        let exp = parse_experience(&section(&t, "Experience", "Projects"));
        assert_eq!(exp.len(), 5, "{file}: {exp:#?}");
        assert_eq!(exp[0].title.as_deref(), Some(first_title), "{file}");
        assert_eq!(exp[0].company.as_deref(), Some("Nexus AI"), "{file}");
        assert_eq!(exp[0].start, ym(2023, 6), "{file}");
        assert!(exp[0].current, "{file}");
        assert_eq!(exp[0].bullets.len(), 4, "{file}: {:#?}", exp[0].bullets);
        assert_eq!(exp[1].title.as_deref(), Some("Research Intern"), "{file}");
        assert_eq!(exp[4].end, ym(2019, 8), "{file}");
        let edu = parse_education(&section(&t, "Education", "Experience"));
        assert_eq!(edu.len(), 2, "{file}: {edu:#?}");
        assert_eq!(edu[0].level, Some(DegreeLevel::Doctorate), "{file}");
        assert_eq!(
            edu[0].school.as_deref(),
            Some("Princeton University"),
            "{file}"
        );
        assert_eq!(edu[0].field.as_deref(), Some("Computer Science"), "{file}");
        assert_eq!(edu[1].gpa.as_deref(), Some("3.97/4.00"), "{file}");
    }
    assert_eq!(checked, 4, "every rendercv truth checked");
}

#[test]
fn resume_matcher_and_awesome_cv_truths() {
    if require_corpus().is_none() {
        return;
    }
    {
        let t = corpus_text("resume-matcher_single-column.pdf.truth.txt").unwrap();
        let exp = parse_experience(&section(&t, "EXPERIENCE", "EDUCATION"));
        assert_eq!(exp.len(), 3, "{exp:#?}");
        assert_eq!(exp[0].company.as_deref(), Some("Stripe"));
        assert_eq!(exp[0].title.as_deref(), Some("Senior Software Engineer"));
        assert_eq!(exp[0].bullets.len(), 3);
        assert_eq!(
            total_experience_years(&exp, YearMonth::new(2025, Some(6))),
            6.0
        );
        let edu = parse_education(&section(&t, "EDUCATION", "PROJECTS"));
        assert_eq!(edu.len(), 1, "{edu:#?}");
        assert_eq!(edu[0].school.as_deref(), Some("UC Berkeley"));
        assert_eq!(edu[0].end, Some(YearMonth::new(2019, None)));
    }
    {
        let t = corpus_text("awesome-cv_resume.pdf.truth.txt").unwrap();
        let exp = parse_experience(&section(&t, "Work Experience", "Honors & Awards"));
        let companies: Vec<_> = exp.iter().filter_map(|e| e.company.as_deref()).collect();
        for c in ["Dunamu Inc.", "Kasa", "PLAT Corp.", "ShitOne Corp."] {
            assert!(companies.contains(&c), "{c}: {exp:#?}");
        }
        let dunamu = &exp[0];
        assert_eq!(dunamu.title.as_deref(), Some("DevOps Engineer"));
        assert_eq!((dunamu.start, dunamu.end), (ym(2023, 9), ym(2024, 3)));
    }
}

#[test]
fn total_years_example() {
    let r = [
        (
            YearMonth::new(2015, Some(1)),
            Some(YearMonth::new(2017, Some(12))),
        ),
        (
            YearMonth::new(2017, Some(6)),
            Some(YearMonth::new(2019, Some(6))),
        ),
    ];
    assert_eq!(total_years(&r, YearMonth::new(2024, Some(1))), 4.5);
}
