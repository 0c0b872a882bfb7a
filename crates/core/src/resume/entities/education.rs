//! Education entries: degree (with its level), field of study, school, location, dates and
//! GPA, segmented like experience entries (see [`super::experience`]).
//!
//! [`degree_level`] recognises degree names and abbreviations in English, French, Spanish and
//! German ("B.S.", "MSc", "MBA", "Ph.D.", "Licenciatura", "Máster", "Diplom-Informatiker",
//! "Master 2", "Ingénieur", "Abitur", "High School Diploma", "Associate of Arts"…).

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::dates::YearMonth;
pub use super::degrees::DegreeLevel;
use super::degrees::{degree_level, degree_match, school_score};
use super::entries::{segment, split_segments, EntryKind, RawEntry};
use crate::document::Line;

/// One education entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EducationEntry {
    /// The degree as written ("Bachelor of Science", "B.S.", "PhD").
    pub degree: Option<String>,
    pub level: Option<DegreeLevel>,
    /// Field of study ("Computer Science").
    pub field: Option<String>,
    pub school: Option<String>,
    pub location: Option<String>,
    pub start: Option<YearMonth>,
    /// End or (expected) graduation date.
    pub end: Option<YearMonth>,
    /// GPA as written ("3.8/4.0", "4.00").
    pub gpa: Option<String>,
    /// Other lines: honours, thesis, coursework, minors.
    pub details: Vec<String>,
    /// Not completed yet: "expected May 2027", "in progress", "currently enrolled",
    /// "pursuing".
    #[serde(default)]
    pub in_progress: bool,
}

static IN_PROGRESS_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:expected|anticipated|in\s+progress|currently\s+enrolled|enrolled|pursuing|ongoing|candidate|to\s+be\s+completed|expected\s+graduation|will\s+graduate|est\.?\s+completion)\b")
        .expect("in-progress regex")
});

static GPA_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:cumulative\s+|cum\.?\s+|overall\s+|major\s+)?(?:c?gpa|grade\s+point\s+average|nota\s+media|note\s+moyenne|moyenne|notendurchschnitt|abschlussnote|note|grade|cgpa)\s*(?:of\s+)?[:=\-–]?\s*(\d{1,2}(?:[.,]\d{1,3})?(?:\s*/\s*\d{1,3}(?:[.,]\d{1,3})?)?)",
    )
    .expect("gpa regex")
});

/// Find a GPA in `text`: (value, byte span of the whole mention).
fn find_gpa(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    let c = GPA_RE.captures(text)?;
    let v = c.get(1)?.as_str();
    let v: String = v.split_whitespace().collect();
    Some((v, c.get(0)?.range()))
}

static FIELD_SPLIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s+(?:in\s+the\s+field\s+of|with\s+(?:a\s+)?major\s+in|majoring\s+in|major\s+in|in|en|im|in\s+der|di|em|mention|spécialité|specialization\s+in|specialisation\s+in|concentration\s+in)\s+",
    )
    .expect("field split regex")
});

/// Split a degree segment into (degree, field, extra): "Bachelor of Arts in Computer Science"
/// → ("Bachelor of Arts", "Computer Science"); "B.S. Computer Science" → ("B.S.", "Computer
/// Science").
fn split_degree(seg: &str) -> (String, Option<String>) {
    let seg = seg.trim();
    let Some((_, mut span)) = degree_match(seg) else {
        return (seg.to_string(), None);
    };
    // "Associate’s in" → "Associate’s"; "Diplom-" → "Diplom-Informatiker".
    let m = seg[span.clone()].to_lowercase();
    for tail in [" of", " in", " degree", " en"] {
        if m.ends_with(tail) {
            span.end -= tail.len();
        }
    }
    let token_end = seg[span.end..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(seg.len(), |(i, _)| span.end + i);
    span.end = token_end;
    // Text before the degree word (e.g. "Computer Science B.S.") is the field.
    if span.start > 0 {
        let before = seg[..span.start]
            .trim()
            .trim_end_matches([',', '-', '–'])
            .trim();
        if !before.is_empty() && FIELD_SPLIT_RE.find(&seg[span.start..]).is_none() {
            let degree = seg[span.start..].trim().to_string();
            // "Diplom-Informatiker", "Associate of Arts": the degree word is in the middle.
            if before.split_whitespace().count() <= 4 && !before.ends_with(" of") {
                return (degree, Some(before.to_string()));
            }
            return (seg.to_string(), None);
        }
    }
    if let Some(m) = FIELD_SPLIT_RE.find_at(seg, span.end.min(seg.len())) {
        let degree = seg[..m.start()].trim().to_string();
        let field = seg[m.end()..].trim();
        let field = field.trim_end_matches(['.', ',']).trim();
        if !field.is_empty() && !degree.is_empty() {
            return (degree, Some(field.to_string()));
        }
    }
    // "Bachelor of Science", "Master of Business Administration": the whole segment.
    let after = seg[span.end..].trim();
    let lower_after = after.to_lowercase();
    if after.is_empty()
        || lower_after.starts_with("of ")
        || lower_after.starts_with("de ")
        || lower_after.starts_with("'s")
        || lower_after.starts_with("’s")
        || after.starts_with(|c: char| !c.is_alphanumeric())
            && after
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .is_empty()
    {
        return (seg.to_string(), None);
    }
    // "B.S. Computer Science", "MENG IN …" handled above; "BS, Computer Science".
    let field = after
        .trim_start_matches([',', ':', '-', '–', ' ', '.'])
        .trim();
    let degree = seg[..span.end]
        .trim()
        .trim_end_matches([',', ';', ':'])
        .to_string();
    if field.is_empty() {
        (degree, None)
    } else {
        (degree, Some(field.to_string()))
    }
}

/// Parse the lines of one education section into entries.
pub fn parse_education(lines: &[Line]) -> Vec<EducationEntry> {
    segment(lines, EntryKind::Education)
        .iter()
        .map(assign_education)
        .collect()
}

fn assign_education(r: &RawEntry) -> EducationEntry {
    let mut e = EducationEntry::default();
    if let Some(d) = r.dates {
        if d.single && !d.current {
            // A single date is the graduation date; two single dates are a range.
            if d.start == d.end {
                e.end = d.end;
            } else {
                e.start = d.start;
                e.end = d.end;
            }
        } else {
            e.start = d.start;
            e.end = d.end;
        }
    }
    // GPA anywhere in the header or the details.
    let mut header_texts: Vec<String> = Vec::new();
    for h in &r.header {
        let mut t = h.text.clone();
        if e.gpa.is_none() {
            if let Some((g, span)) = find_gpa(&t) {
                e.gpa = Some(g);
                let (a, b) = (&t[..span.start], &t[span.end..]);
                let b = b.trim_start_matches(|c: char| c == ')' || c.is_whitespace());
                let b = b.strip_prefix('(').map_or(b.to_string(), |x| {
                    // "(9.15/10.0)" after the GPA.
                    x.split_once(')')
                        .map_or(x.to_string(), |(_, r)| r.to_string())
                });
                t = format!("{} {}", a.trim_end_matches([';', ',', ' ', '|']), b)
                    .trim()
                    .to_string();
            }
        }
        if !t.is_empty() {
            header_texts.push(t);
        }
    }
    if e.gpa.is_none() {
        e.gpa = r.body.iter().find_map(|b| find_gpa(b).map(|g| g.0));
    }
    let mut segs: Vec<(usize, String, bool)> = Vec::new();
    for (li, t) in header_texts.iter().enumerate() {
        for s in split_segments(t) {
            segs.push((li, s.text, s.location));
        }
    }
    let mut used = vec![false; segs.len()];
    if let Some(i) = segs.iter().position(|s| s.2) {
        e.location = Some(segs[i].1.clone());
        used[i] = true;
    }
    // Degree: the first segment naming one (not a school name like "Institute of …").
    let mut degree_line = None;
    // "High School Diploma" names a school word but is the degree.
    let diploma = |t: &str| {
        let l = t.to_lowercase();
        l.contains("diploma") || l.split_whitespace().any(|w| w == "ged")
    };
    if let Some(i) = (0..segs.len()).find(|&i| {
        !used[i]
            && degree_level(&segs[i].1).is_some()
            && (school_score(&segs[i].1) == 0 || diploma(&segs[i].1))
    }) {
        let (deg, field) = split_degree(&segs[i].1);
        e.level = degree_level(&deg).or_else(|| degree_level(&segs[i].1));
        e.degree = Some(deg);
        if let Some(f) = field {
            // "Computer Science, Minor in Business" → field + detail.
            e.field = Some(f);
        }
        degree_line = Some(segs[i].0);
        used[i] = true;
    }
    if let Some(i) = (0..segs.len()).find(|&i| !used[i] && school_score(&segs[i].1) > 0) {
        e.school = Some(segs[i].1.clone());
        used[i] = true;
    }
    // "PhD Princeton University": a degree abbreviation fused to the front of the school.
    if e.degree.is_none() {
        if let Some(school) = e.school.clone() {
            if let Some((first, rest)) = school.split_once(' ') {
                if let Some(level) = degree_level(first) {
                    if school_score(rest) > 0 {
                        e.degree = Some(first.to_string());
                        e.level = Some(level);
                        e.school = Some(rest.to_string());
                    }
                }
            }
        }
    }
    let school_line = e
        .school
        .as_ref()
        .and_then(|s| segs.iter().find(|x| &x.1 == s).map(|x| x.0));
    let free: Vec<usize> = (0..segs.len()).filter(|&i| !used[i]).collect();
    let mut leftovers = Vec::new();
    for (n, &i) in free.iter().enumerate() {
        let (li, text, _) = &segs[i];
        let last_on_line = free.get(n + 1).is_none_or(|&j| segs[j].0 != *li);
        let minor = text.to_lowercase().starts_with("minor");
        if minor {
            leftovers.push(text.clone());
        } else if e.field.is_none() && e.degree.is_some() && Some(*li) == degree_line {
            e.field = Some(text.clone());
        } else if e.school.is_none() && Some(*li) != degree_line {
            e.school = Some(text.clone());
        } else if e.field.is_none() && e.degree.is_some() && Some(*li) == school_line {
            e.field = Some(text.clone());
        } else if e.location.is_none()
            && e.school.is_some()
            && last_on_line
            && text.split_whitespace().count() <= 3
            && text.chars().next().is_some_and(char::is_uppercase)
        {
            e.location = Some(text.clone());
        } else if e.school.is_none() {
            e.school = Some(text.clone());
        } else {
            leftovers.push(text.clone());
        }
    }
    e.details = leftovers;
    e.details.extend(r.body.iter().cloned());
    e.in_progress = r
        .header
        .iter()
        .map(|h| h.text.as_str())
        .chain(r.anchor_line.iter().map(String::as_str))
        .chain(r.body.iter().take(1).map(String::as_str))
        .any(|t| IN_PROGRESS_RE.is_match(t))
        || r.dates.is_some_and(|d| d.current);
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::resume::entities::test_support::{lines, ym};

    #[test]
    fn degree_split() {
        assert_eq!(
            split_degree("Bachelor of Arts in Computer Science"),
            ("Bachelor of Arts".into(), Some("Computer Science".into()))
        );
        assert_eq!(
            split_degree("B.S. Computer Science"),
            ("B.S.".into(), Some("Computer Science".into()))
        );
        assert_eq!(
            split_degree("Bachelor of Science"),
            ("Bachelor of Science".into(), None)
        );
        assert_eq!(
            split_degree("Computer Science B.S."),
            ("B.S.".into(), Some("Computer Science".into()))
        );
        assert_eq!(
            split_degree("Grado en Ingeniería Informática"),
            ("Grado".into(), Some("Ingeniería Informática".into()))
        );
        assert_eq!(
            split_degree("Diplom-Informatiker"),
            ("Diplom-Informatiker".into(), None)
        );
    }

    #[test]
    fn gpa() {
        assert_eq!(find_gpa("GPA: 3.8/4.0").unwrap().0, "3.8/4.0");
        assert_eq!(find_gpa("Cum. GPA: 3.83 / 4.0").unwrap().0, "3.83/4.0");
        assert_eq!(find_gpa("GPA 4.00").unwrap().0, "4.00");
        assert!(find_gpa("Computer Science").is_none());
    }

    #[test]
    fn one_line_entries_with_dashes() {
        // Occupation resumes often write the whole entry on one line, longer than a header.
        let l = lines(&[
            "Bachelor of Science in Nursing (BSN) — Riverside State University, Moline, IL — 2020",
            "Magna cum laude; Sigma Theta Tau International Honor Society",
            "",
            "Associate of Science – Pre-Nursing — Black Hawk Valley Community College — 2016",
        ]);
        let e = parse_education(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].level, Some(DegreeLevel::Bachelor));
        assert_eq!(e[0].field.as_deref(), Some("Nursing (BSN)"));
        assert_eq!(e[0].school.as_deref(), Some("Riverside State University"));
        assert_eq!(e[0].end, Some(YearMonth::new(2020, None)));
        assert_eq!(e[1].level, Some(DegreeLevel::Associate));
        assert_eq!(
            e[1].school.as_deref(),
            Some("Black Hawk Valley Community College")
        );
    }

    #[test]
    fn diplomas_long_fields_and_undated_entries() {
        let l = lines(&[
            "Associate of Applied Science (A.A.S.) in Supply Chain and Logistics Management — Truckee Meadows Valley College — 2021",
            "High School Diploma — Wooster Ridge High School, Reno — 2017",
        ]);
        let e = parse_education(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].level, Some(DegreeLevel::Associate));
        assert_eq!(e[1].level, Some(DegreeLevel::HighSchool));
        assert_eq!(e[1].school.as_deref(), Some("Wooster Ridge High School"));
        let l = lines(&[
            "Associate of Arts (A.A.) in Business Administration — White River Community College — 2021",
            "Bachelor of Science in Finance — Hoosier Commonwealth University Online — currently enrolled, 45 of 120 credits completed",
        ]);
        let e = parse_education(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[1].level, Some(DegreeLevel::Bachelor));
        assert!(!e[0].in_progress);
        assert!(e[1].in_progress, "currently enrolled");
        let e = parse_education(&lines(&[
            "Bachelor of Business Administration in Accounting (in progress) — Southport College, Kenosha, WI — expected Dec 2027",
        ]));
        assert!(e[0].in_progress, "{e:#?}");
    }

    #[test]
    fn jakes_resume() {
        let l = lines(&[
            "Southwestern University Georgetown, TX",
            "Bachelor of Arts in Computer Science, Minor in Business Aug. 2018 – May 2021",
            "Blinn College Bryan, TX",
            "Associate’s in Liberal Arts Aug. 2014 – May 2018",
        ]);
        let e = parse_education(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].school.as_deref(), Some("Southwestern University"));
        assert_eq!(e[0].location.as_deref(), Some("Georgetown, TX"));
        assert_eq!(e[0].degree.as_deref(), Some("Bachelor of Arts"));
        assert_eq!(e[0].field.as_deref(), Some("Computer Science"));
        assert_eq!(e[0].level, Some(DegreeLevel::Bachelor));
        assert_eq!((e[0].start, e[0].end), (ym(2018, 8), ym(2021, 5)));
        assert_eq!(e[0].details, ["Minor in Business"]);
        assert_eq!(e[1].school.as_deref(), Some("Blinn College"));
        assert_eq!(e[1].level, Some(DegreeLevel::Associate));
        assert_eq!(e[1].field.as_deref(), Some("Liberal Arts"));

        // Truth-text shape: every field on its own line.
        let l = lines(&[
            "Southwestern University",
            "Georgetown, TX",
            "Bachelor of Arts in Computer Science, Minor in Business",
            "Aug. 2018 – May 2021",
            "Blinn College",
            "Bryan, TX",
            "Associate’s in Liberal Arts",
            "Aug. 2014 – May 2018",
        ]);
        let e = parse_education(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[1].school.as_deref(), Some("Blinn College"));
        assert_eq!(e[1].location.as_deref(), Some("Bryan, TX"));
    }

    #[test]
    fn sb2nov() {
        let l = lines(&[
            "• Georgia Institute of Technology Atlanta, GA",
            "Master of Science in Computer Science; GPA: 4.00 Aug 2012 – Dec 2013",
            "• Birla Institute of Technology and Science Pilani, India",
            "Bachelor of Engineering in Electrical and Electronics; GPA: 3.66 (9.15/10.0) Aug 2008 – July 2012",
        ]);
        let e = parse_education(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(
            e[0].school.as_deref(),
            Some("Georgia Institute of Technology")
        );
        assert_eq!(e[0].location.as_deref(), Some("Atlanta, GA"));
        assert_eq!(e[0].degree.as_deref(), Some("Master of Science"));
        assert_eq!(e[0].field.as_deref(), Some("Computer Science"));
        assert_eq!(e[0].gpa.as_deref(), Some("4.00"));
        assert_eq!(e[0].level, Some(DegreeLevel::Master));
        assert_eq!(e[1].location.as_deref(), Some("Pilani, India"));
        assert_eq!(e[1].gpa.as_deref(), Some("3.66"));
        assert_eq!(e[1].field.as_deref(), Some("Electrical and Electronics"));
        assert_eq!((e[1].start, e[1].end), (ym(2008, 8), ym(2012, 7)));
        assert!(e[1].details.is_empty(), "{:?}", e[1].details);
    }

    #[test]
    fn rendercv_classic() {
        let l = lines(&[
            "PhD",
            "Princeton University, Computer Science",
            "• Thesis: Efficient Neural Architecture Search for Resource-Constrained Deployment",
            "• Advisor: Prof. Sanjeev Arora",
            "Princeton, NJ",
            "Sept 2018 – May 2023",
            "BS",
            "Boğaziçi University, Computer Engineering",
            "• GPA: 3.97/4.00, Valedictorian",
            "• Fulbright Scholarship recipient for Graduate Studies",
            "Istanbul, Türkiye",
            "Sept 2014 – June 2018",
        ]);
        let e = parse_education(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].degree.as_deref(), Some("PhD"));
        assert_eq!(e[0].level, Some(DegreeLevel::Doctorate));
        assert_eq!(e[0].school.as_deref(), Some("Princeton University"));
        assert_eq!(e[0].field.as_deref(), Some("Computer Science"));
        assert_eq!(e[0].location.as_deref(), Some("Princeton, NJ"));
        assert_eq!((e[0].start, e[0].end), (ym(2018, 9), ym(2023, 5)));
        assert_eq!(e[0].details.len(), 2);
        assert_eq!(e[1].level, Some(DegreeLevel::Bachelor));
        assert_eq!(e[1].school.as_deref(), Some("Boğaziçi University"));
        assert_eq!(e[1].gpa.as_deref(), Some("3.97/4.00"));
        assert_eq!(e[1].location.as_deref(), Some("Istanbul, Türkiye"));
        assert_eq!(e[1].details.len(), 2);
    }

    #[test]
    fn moderncv_and_engineering() {
        let l = lines(&[
            "Sept 2018 – May 2023",
            "Princeton University, PhD in Computer Science – Princeton, NJ",
            "• Thesis: Efficient Neural Architecture Search",
            "Sept 2014 – June 2018",
            "Boğaziçi University, BS in Computer Engineering – Istanbul, Türkiye",
            "• GPA: 3.97/4.00, Valedictorian",
        ]);
        let e = parse_education(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].school.as_deref(), Some("Princeton University"));
        assert_eq!(e[0].degree.as_deref(), Some("PhD"));
        assert_eq!(e[0].field.as_deref(), Some("Computer Science"));
        assert_eq!(e[0].location.as_deref(), Some("Princeton, NJ"));
        assert_eq!(e[1].gpa.as_deref(), Some("3.97/4.00"));
        assert_eq!(e[1].field.as_deref(), Some("Computer Engineering"));
    }

    #[test]
    fn awesome_cv_deedy_and_single_dates() {
        let l = lines(&[
            "POSTECH(Pohang University of Science and Technology) Pohang, S.Korea",
            "B.S. in Computer Science and Engineering Mar. 2010 - Aug. 2017",
            "• Got a Chun Shin-Il Scholarship which is given to promising students in CSE Dept.",
        ]);
        let e = parse_education(&l);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].location.as_deref(), Some("Pohang, S.Korea"));
        assert_eq!(e[0].degree.as_deref(), Some("B.S."));
        assert_eq!(
            e[0].field.as_deref(),
            Some("Computer Science and Engineering")
        );
        assert_eq!(e[0].details.len(), 1);

        let l = lines(&[
            "CORNELL UNIVERSITY",
            "MENG IN COMPUTER SCIENCE",
            "Dec 2014 | Ithaca, NY",
            "CORNELL UNIVERSITY",
            "BS IN COMPUTER SCIENCE",
            "May 2014 | Ithaca, NY",
            "College of Engineering",
            "Cum. GPA: 3.83 / 4.0",
        ]);
        let e = parse_education(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].school.as_deref(), Some("CORNELL UNIVERSITY"));
        assert_eq!(e[0].level, Some(DegreeLevel::Master));
        assert_eq!(e[0].field.as_deref(), Some("COMPUTER SCIENCE"));
        assert_eq!(e[0].end, ym(2014, 12));
        assert_eq!(e[0].start, None);
        assert_eq!(e[0].location.as_deref(), Some("Ithaca, NY"));
        assert_eq!(e[1].gpa.as_deref(), Some("3.83/4.0"));

        let l = lines(&[
            "UC Berkeley",
            "2019",
            "Bachelor of Science, Computer Science",
        ]);
        let e = parse_education(&l);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].school.as_deref(), Some("UC Berkeley"));
        assert_eq!(e[0].degree.as_deref(), Some("Bachelor of Science"));
        assert_eq!(e[0].field.as_deref(), Some("Computer Science"));
        assert_eq!(e[0].end, Some(YearMonth::new(2019, None)));

        let l = lines(&["Computer Science, B.S. — State University — Expected May 2025"]);
        let e = parse_education(&l);
        assert_eq!(e[0].degree.as_deref(), Some("B.S."));
        assert_eq!(e[0].field.as_deref(), Some("Computer Science"));
        assert_eq!(e[0].school.as_deref(), Some("State University"));
        assert_eq!(e[0].end, ym(2025, 5));
    }

    #[test]
    fn spanish() {
        let l = lines(&[
            "2014–2018",
            "Grado en Ingeniería Informática, Universidad de Granada, Granada.",
            "Nota media: 8,5/10",
            "2018–2019",
            "Máster en Ciencia de Datos, Universidad Politécnica de Madrid, Madrid.",
        ]);
        let e = parse_education(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].degree.as_deref(), Some("Grado"));
        assert_eq!(e[0].level, Some(DegreeLevel::Bachelor));
        assert_eq!(e[0].field.as_deref(), Some("Ingeniería Informática"));
        assert_eq!(e[0].school.as_deref(), Some("Universidad de Granada"));
        assert_eq!(e[0].location.as_deref(), Some("Granada"));
        assert_eq!(e[0].gpa.as_deref(), Some("8,5/10"));
        assert_eq!(e[1].level, Some(DegreeLevel::Master));
        assert_eq!(
            e[1].school.as_deref(),
            Some("Universidad Politécnica de Madrid")
        );
        assert_eq!(e[1].location.as_deref(), Some("Madrid"));
    }

    #[test]
    fn degree_fused_to_school() {
        let lines = vec![
            Line::plain("PhD Princeton University, Computer Science Princeton, NJ"),
            Line::plain("Sept 2018 – May 2023"),
        ];
        let e = parse_education(&lines);
        assert_eq!(e[0].degree.as_deref(), Some("PhD"));
        assert_eq!(e[0].level, Some(DegreeLevel::Doctorate));
        assert!(e[0]
            .school
            .as_deref()
            .unwrap_or("")
            .starts_with("Princeton University"));
    }
}
