//! Degrees: the [`DegreeLevel`] named in a text ("B.S.", "MSc", "MBA", "Ph.D.", "Licenciatura",
//! "Máster", "Diplom-Informatiker", "Master 2", "Ingénieur", "Abitur", "High School Diploma",
//! "Associate of Arts"…, in English, French, Spanish and German) and how much a text looks like
//! a school name. Used by entry segmentation, education entries and job requirements.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::lexicon::{DEGREE_ABBREVIATIONS, SCHOOL_WORDS};

/// Level of a degree, ordered from lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DegreeLevel {
    HighSchool,
    Certificate,
    Associate,
    Bachelor,
    Master,
    Doctorate,
}

/// Case-insensitive patterns per level (checked highest level first).
static LEVEL_RES: LazyLock<Vec<(DegreeLevel, Regex)>> = LazyLock::new(|| {
    let table: &[(DegreeLevel, &str)] = &[
        (
            DegreeLevel::Doctorate,
            r"(?i)\b(?:ph\.?\s?d\b\.?|d\.?\s?phil\b|doctor(?:ate)?\s+of\b|doctorate|doctoral|doctorat|doctorado|doctor\s+en\b|doktor|promotion\b|dr\.\s?(?:rer|phil|ing|med)|juris\s+doctor|ed\.?d\b)",
        ),
        (
            DegreeLevel::Doctorate,
            r"\b(?:PhD|PHD|DPhil|MD|M\.D\.|JD|J\.D\.|EdD|DBA)\b",
        ),
        (
            DegreeLevel::Master,
            r"(?i)(?:\bmasters?\b|\bmaster['’]s\b|\bmáster\b|\bmaestr[íi]a\b|\bmag[íi]ster\b|\bmastère\b|\bm\.\s?sc\b\.?|\bmsc\b|\bm\.\s?eng\b\.?|\bmeng\b|\bmba\b|\bm\.b\.a\b|\bmphil\b|\bm\.\s?phil\b|\bmfa\b|\bmpa\b|\bmph\b|\bll\.?m\b|\bm\.\s?ed\b|\bdiplom(?:-|\b)|\bdipl\.-|\bingénieur\b|\bingenieur\b|\bdiplôme\s+d['’]ingénieur|\bstaatsexamen\b|\bmagistère\b|\bm\.\s?a\.|\bm\.\s?s\.|\bm\.\s?tech\b|\bmtech\b|\bm\.\s?com\b)",
        ),
        (
            DegreeLevel::Master,
            r"\b(?:MS|MA|M2|M1|MEng|MSc|MASc|MIM|MCS|MSE|MEd)\b",
        ),
        (
            DegreeLevel::Bachelor,
            r"(?i)(?:\bbachelors?\b|\bbachelor['’]s\b|\bbaccalaureate\b|\bb\.\s?sc\b\.?|\bbsc\b|\bb\.\s?eng\b\.?|\bbeng\b|\bb\.\s?tech\b|\bbtech\b|\bbba\b|\bb\.b\.a\b|\bbcom\b|\bb\.\s?com\b|\bbfa\b|\bb\.\s?a\.|\bb\.\s?s\.|\bb\.\s?e\.|\blicence\b|\blicenciatura\b|\blicenciad[oa]\b|\bgrado\b|\bgraduad[oa]\s+en\b|\blaurea\b|\bundergraduate\s+degree\b)",
        ),
        (
            DegreeLevel::Bachelor,
            r"\b(?:BS|BA|BE|AB|SB|BSE|BASc|BEng|BSc)\b",
        ),
        (
            DegreeLevel::Associate,
            r"(?i)(?:\bassociate['’]?s?\s+(?:of|in|degree)\b|\bassociate['’]s\b|\ba\.\s?a\.|\ba\.\s?s\.|\ba\.a\.s\.|\bdut\b|\bbts\b|\btécnico\s+superior\b)",
        ),
        (DegreeLevel::Associate, r"\b(?:AA|AAS|AS)\b"),
        (
            DegreeLevel::HighSchool,
            r"(?i)(?:\bhigh\s+school\b|\bsecondary\s+school\b|\bged\b|\ba[- ]levels?\b|\bbaccalauréat\b|\bbac\b|\bbachillerato\b|\babitur\b|\bmatura\b|\bgcse\b|\bhsc\b|\bssc\b|\blycée\b|\bgymnasium\b|\bdiploma\s+de\s+bachiller\b|\bfachabitur\b)",
        ),
        (
            DegreeLevel::Certificate,
            r"(?i)(?:\bcertificate\b|\bcertification\b|\bcertified\b|\bdiploma\b|\bcertificado\b|\bcertificat\b|\bzertifikat\b|\bnanodegree\b|\bbootcamp\b)",
        ),
    ];
    table
        .iter()
        .map(|(l, p)| (*l, Regex::new(p).expect("degree regex")))
        .collect()
});

/// Find the first degree mention in `text`: (level, byte span).
pub(crate) fn degree_match(text: &str) -> Option<(DegreeLevel, std::ops::Range<usize>)> {
    let mut found: Vec<(DegreeLevel, std::ops::Range<usize>)> = Vec::new();
    for (level, re) in LEVEL_RES.iter() {
        if let Some(m) = re.find(text) {
            found.push((*level, m.range()));
        }
    }
    found.extend(abbreviation_matches(text));
    if found.is_empty() {
        return None;
    }
    // "High School Diploma": a high-school mention beats a certificate word.
    let hs = found.iter().any(|(l, _)| *l == DegreeLevel::HighSchool);
    if hs {
        found.retain(|(l, _)| *l != DegreeLevel::Certificate);
    }
    // "Associate Software Engineer" is not a degree, but "Associate of Arts" is: handled by the
    // patterns. Highest level wins.
    found
        .into_iter()
        .max_by_key(|(l, r)| (*l, std::cmp::Reverse(r.start)))
}

/// Degree abbreviations of the lexicon ("BSN", "M.S.N.", "PharmD"), written with that letter
/// case, dots allowed between letters.
pub(crate) fn abbreviation_matches(text: &str) -> Vec<(DegreeLevel, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let flush = |s: usize, e: usize, out: &mut Vec<(DegreeLevel, std::ops::Range<usize>)>| {
        let w: String = text[s..e].chars().filter(|c| *c != '.').collect();
        if let Some(&(_, level)) = DEGREE_ABBREVIATIONS.iter().find(|(a, _)| *a == w) {
            out.push((
                crate::lexicon::variant(DEGREE_ABBREVIATIONS.name(), level),
                s..e,
            ));
        }
    };
    for (i, c) in text.char_indices() {
        let w = c.is_alphanumeric() || c == '.';
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                flush(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        flush(s, text.len(), &mut out);
    }
    out
}

/// Letters after a name that name a degree ("BSN", "MBA", "Ph.D."), not a credential.
pub fn is_degree_postnominal(letters: &str) -> bool {
    let l = letters.trim();
    l.len() <= 8
        && !l.contains(' ')
        && degree_level(l).is_some_and(|d| d != DegreeLevel::Certificate)
}

/// The level of the degree named in `text`, if any (highest level when several are named).
pub fn degree_level(text: &str) -> Option<DegreeLevel> {
    degree_match(text).map(|(l, _)| l)
}

/// How much `text` looks like a school name.
pub fn school_score(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let l = w.to_lowercase();
            SCHOOL_WORDS.contains(&l.as_str())
                || l.starts_with("universit")
                || l.ends_with("hochschule")
                || l.ends_with("universität")
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        use DegreeLevel::*;
        let cases: &[(&str, Option<DegreeLevel>)] = &[
            ("B.S.", Some(Bachelor)),
            ("B.S. in Computer Science", Some(Bachelor)),
            ("BSc", Some(Bachelor)),
            ("BS", Some(Bachelor)),
            ("BA in Economics", Some(Bachelor)),
            ("Bachelor of Science", Some(Bachelor)),
            (
                "Bachelor of Engineering in Electrical and Electronics",
                Some(Bachelor),
            ),
            ("Licenciatura en Economía", Some(Bachelor)),
            ("Grado en Ingeniería Informática", Some(Bachelor)),
            ("Licence d'informatique", Some(Bachelor)),
            ("MBA", Some(Master)),
            ("M.Sc.", Some(Master)),
            ("MSc Data Science", Some(Master)),
            ("MENG IN COMPUTER SCIENCE", Some(Master)),
            ("Master of Science in Computer Science", Some(Master)),
            ("Máster en Big Data", Some(Master)),
            ("Diplom-Informatiker", Some(Master)),
            ("Dipl.-Ing. Maschinenbau", Some(Master)),
            ("Master 2 Informatique", Some(Master)),
            ("Diplôme d'Ingénieur", Some(Master)),
            ("Ingénieur", Some(Master)),
            ("Ph.D.", Some(Doctorate)),
            ("PhD in Computer Science", Some(Doctorate)),
            ("Doctor of Philosophy", Some(Doctorate)),
            ("Doctorado en Física", Some(Doctorate)),
            ("Associate of Arts", Some(Associate)),
            ("Associate’s in Liberal Arts", Some(Associate)),
            ("A.S. in Nursing", Some(Associate)),
            ("High School Diploma", Some(HighSchool)),
            ("Abitur", Some(HighSchool)),
            ("Baccalauréat scientifique", Some(HighSchool)),
            ("Bachillerato", Some(HighSchool)),
            ("Certificate in Project Management", Some(Certificate)),
            ("Diploma in Engineering", Some(Certificate)),
            ("BS/MS in Computer Science", Some(Master)),
            ("Computer Science", None),
            ("Stanford University", None),
            ("as well as", None),
            ("Associate Software Engineer", None),
        ];
        for (t, l) in cases {
            assert_eq!(degree_level(t), *l, "{t}");
        }
        assert!(DegreeLevel::Doctorate > DegreeLevel::Bachelor);
        assert_eq!(
            serde_json::to_string(&DegreeLevel::HighSchool).unwrap(),
            "\"high_school\""
        );
    }
}
