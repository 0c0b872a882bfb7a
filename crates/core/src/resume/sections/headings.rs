//! The heading lexicon lookup: is this text a section heading, and of which kind? Folding,
//! numbering and decoration removal, letter-spaced headings, compound headings ("Skills &
//! Interests"), modifiers ("Selected Honors"), inline headings ("Skills: Python, Go"). The
//! lexicon itself is data: `section-headings.tsv` and `heading-modifiers.txt`.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::kind::SectionKind;
use crate::lexicon::{HEADING_MODIFIERS, SECTION_HEADINGS};
use crate::text::fold::fold;

// ---------------------------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------------------------

/// Conjunction tokens (compound headings).
const CONJ: &[&str] = &["&", "and", "y", "et", "und"];

struct Lexicon {
    exact: HashMap<String, SectionKind>,
    compact: HashMap<String, SectionKind>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut exact = HashMap::new();
        let mut compact = HashMap::new();
        for (kind, words) in SECTION_HEADINGS.iter() {
            let kind: SectionKind = crate::lexicon::variant(SECTION_HEADINGS.name(), kind);
            for w in words {
                let toks = heading_tokens(w);
                if toks.is_empty() {
                    continue;
                }
                exact.entry(toks.join(" ")).or_insert(kind);
                let c: String = toks.iter().filter(|t| t.as_str() != "&").cloned().collect();
                compact.entry(c).or_insert(kind);
            }
        }
        Lexicon { exact, compact }
    })
}

/// Tokens of a candidate heading: folded words; `&`, `/`, `,`, `+`, `|` become a `&` token and
/// so do the words and/y/et/und; runs of single letters (`E X P E R I E N C E`) are joined.
pub(super) fn heading_tokens(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut raw: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            cur.push(c);
        } else {
            if !cur.is_empty() {
                raw.push(std::mem::take(&mut cur));
            }
            if matches!(c, '&' | '/' | ',' | '+' | '|') {
                raw.push("&".to_string());
            }
        }
    }
    if !cur.is_empty() {
        raw.push(cur);
    }
    // Collapse letter-spaced runs (3+ single letters).
    let mut toks: Vec<String> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let single = |t: &String| t.chars().count() == 1 && t.chars().all(|c| c.is_alphabetic());
        if single(&raw[i]) {
            let mut j = i;
            while j < raw.len() && single(&raw[j]) {
                j += 1;
            }
            if j - i >= 3 {
                toks.push(raw[i..j].concat());
                i = j;
                continue;
            }
        }
        toks.push(raw[i].clone());
        i += 1;
    }
    for t in toks.iter_mut() {
        if CONJ.contains(&t.as_str()) {
            *t = "&".to_string();
        }
    }
    // Trim leading/trailing conjunctions.
    while toks.first().is_some_and(|t| t == "&") {
        toks.remove(0);
    }
    while toks.last().is_some_and(|t| t == "&") {
        toks.pop();
    }
    toks
}

/// Strip decorations around a heading: leading numbering ("1.", "IV.", "a)"), bullets, icons,
/// dashes; trailing colon and decorations. Returns the trimmed heading text as written.
pub fn clean_heading(text: &str) -> &str {
    static NUM: OnceLock<regex::Regex> = OnceLock::new();
    let re = NUM.get_or_init(|| {
        regex::Regex::new(r"^(?:\d{1,2}|[IVXivx]{1,4}|[A-Za-z])[.)]\s+").expect("valid regex")
    });
    let mut t = text.trim();
    if let Some(m) = re.find(t) {
        t = &t[m.end()..];
    }
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    let t = t.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')');
    t.trim()
}

/// Look a heading text up in the lexicon. Lexicon only: no typography, no length rules
/// beyond a maximum of 8 words. Returns `None` for text with content after a colon
/// (see [`inline_heading`]).
pub fn classify_heading(text: &str) -> Option<SectionKind> {
    let t = clean_heading(text);
    if t.is_empty() {
        return None;
    }
    // Content after a colon: not a pure heading.
    if let Some(p) = t.find([':', '：']) {
        if !t[p..].trim_start_matches([':', '：']).trim().is_empty() {
            return None;
        }
    }
    // Document titles.
    let f = fold(t);
    let ft = f.trim();
    if ft == "resume" || ft == "curriculum vitae" || ft == "cv" {
        // The accented French "Résumé" is a summary heading.
        if t.contains('é') || t.contains('É') {
            return Some(SectionKind::Summary);
        }
        return None;
    }
    let mut toks = heading_tokens(t);
    while toks.len() > 1 && toks[0].chars().all(|c| c.is_ascii_digit()) {
        toks.remove(0);
    }
    if toks.is_empty() || toks.len() > 8 {
        return None;
    }
    classify_tokens(&toks, true)
}

fn classify_tokens(toks: &[String], allow_split: bool) -> Option<SectionKind> {
    let lex = lexicon();
    let key = toks.join(" ");
    if let Some(k) = lex.exact.get(&key) {
        return Some(*k);
    }
    let compact: String = toks.iter().filter(|t| t.as_str() != "&").cloned().collect();
    if let Some(k) = lex.compact.get(&compact) {
        return Some(*k);
    }
    // "(continued)".
    if toks.len() > 1 {
        let last = toks[toks.len() - 1].as_str();
        if matches!(
            last,
            "continued" | "cont" | "contd" | "suite" | "fortsetzung"
        ) {
            return classify_tokens(&toks[..toks.len() - 1], allow_split);
        }
    }
    // Leading modifiers.
    if toks.len() > 1 && HEADING_MODIFIERS.contains(&toks[0].as_str()) {
        if let Some(k) = classify_tokens(&toks[1..], false) {
            return Some(k);
        }
    }
    if allow_split && toks.iter().any(|t| t == "&") {
        let parts: Vec<&[String]> = toks.split(|t| t == "&").filter(|p| !p.is_empty()).collect();
        if parts.len() >= 2 {
            let first = classify_tokens(parts[0], false)?;
            let ok = parts[1..]
                .iter()
                .all(|p| classify_tokens(p, false).is_some() || (parts.len() == 2 && p.len() <= 2));
            if ok {
                return Some(first);
            }
        }
    }
    None
}

/// An inline heading: `"Skills: Python, Go"` → `(Skills, "Skills", "Python, Go")`.
/// The label must be a lexicon heading of at most 4 words and the content non-empty.
pub fn inline_heading(text: &str) -> Option<(SectionKind, &str, &str)> {
    let p = text.find([':', '：'])?;
    let label = text[..p].trim();
    let sep_len = text[p..].chars().next().map_or(1, char::len_utf8);
    let content = text[p + sep_len..].trim();
    if content.is_empty() || label.is_empty() || label.split_whitespace().count() > 4 {
        return None;
    }
    let kind = classify_heading(label)?;
    Some((kind, clean_heading(label), content))
}

/// The content part of an inline heading line (`"Skills: Python, Go"` → `"Python, Go"`);
/// the text itself when the line is not an inline heading.
pub fn inline_content(text: &str) -> &str {
    inline_heading(text).map_or(text, |(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::SectionKind::*;
    use super::*;

    fn k(s: &str) -> Option<SectionKind> {
        classify_heading(s)
    }

    #[test]
    fn english_variants() {
        for h in [
            "Experience",
            "Work Experience",
            "PROFESSIONAL EXPERIENCE",
            "Work History",
            "Employment History",
            "Employment",
            "Career History",
            "Relevant Experience",
            "Experience & Internships",
            "Internships",
            "Research Experience",
            "Experience (continued)",
        ] {
            assert_eq!(k(h), Some(Experience), "{h}");
        }
        for h in [
            "Skills",
            "Technical Skills",
            "Core Competencies",
            "Competencies",
            "Key Skills",
            "Areas of Expertise",
            "Expertise",
            "Technologies",
            "Tech Stack",
            "Tools",
            "Skills & Tools",
            "Skills and Tools",
            "SKILLS & AWARDS",
            "Programming Languages",
        ] {
            assert_eq!(k(h), Some(Skills), "{h}");
        }
        for h in [
            "Education",
            "Education & Training",
            "Academic Background",
            "Qualifications",
            "Academic Qualifications",
            "Relevant Coursework",
        ] {
            assert_eq!(k(h), Some(Education), "{h}");
        }
        for h in [
            "Summary",
            "Professional Summary",
            "Profile",
            "About Me",
            "Objective",
            "Career Objective",
            "Personal Statement",
        ] {
            assert_eq!(k(h), Some(Summary), "{h}");
        }
        assert_eq!(k("Projects"), Some(Projects));
        assert_eq!(k("Personal Projects"), Some(Projects));
        assert_eq!(k("Licenses & Certifications"), Some(Certifications));
        assert_eq!(k("Certificates"), Some(Certifications));
        assert_eq!(k("Languages"), Some(Languages));
        assert_eq!(k("Honors & Awards"), Some(Awards));
        assert_eq!(k("HONORS/AWARDS"), Some(Awards));
        assert_eq!(k("Achievements"), Some(Awards));
        assert_eq!(k("Selected Honors"), Some(Awards));
        assert_eq!(k("Publications"), Some(Publications));
        assert_eq!(k("Patents"), Some(Publications));
        assert_eq!(k("Volunteering"), Some(Volunteer));
        assert_eq!(k("Volunteer Experience"), Some(Volunteer));
        assert_eq!(k("Community Involvement"), Some(Volunteer));
        assert_eq!(k("Extracurricular Activities"), Some(Volunteer));
        assert_eq!(k("ON CAMPUS INVOLVEMENT"), Some(Volunteer));
        assert_eq!(k("Hobbies"), Some(Interests));
        assert_eq!(k("Interests"), Some(Interests));
        assert_eq!(k("References"), Some(References));
        assert_eq!(k("Referees"), Some(References));
        assert_eq!(k("Contact Information"), Some(Contact));
        assert_eq!(k("Personal Details"), Some(Contact));
        assert_eq!(k("Profiles"), Some(Contact));
        assert_eq!(k("Additional Information"), Some(Other));
        assert_eq!(k("Miscellaneous"), Some(Other));
    }

    #[test]
    fn french_spanish_german_variants() {
        assert_eq!(k("Expérience professionnelle"), Some(Experience));
        assert_eq!(k("EXPERIENCES PROFESSIONNELLES"), Some(Experience));
        assert_eq!(k("Parcours professionnel"), Some(Experience));
        assert_eq!(k("Experiencia"), Some(Experience));
        assert_eq!(k("Experiencia laboral"), Some(Experience));
        assert_eq!(k("Experiencia Profesional"), Some(Experience));
        assert_eq!(k("Berufserfahrung"), Some(Experience));
        assert_eq!(k("Berufliche Erfahrung"), Some(Experience));
        assert_eq!(k("Werdegang"), Some(Experience));
        assert_eq!(k("Compétences"), Some(Skills));
        assert_eq!(k("Competences"), Some(Skills));
        assert_eq!(k("Habilidades"), Some(Skills));
        assert_eq!(k("Competencias"), Some(Skills));
        assert_eq!(k("Kenntnisse"), Some(Skills));
        assert_eq!(k("Fähigkeiten"), Some(Skills));
        assert_eq!(k("FAHIGKEITEN"), Some(Skills));
        assert_eq!(k("Formation"), Some(Education));
        assert_eq!(k("Études"), Some(Education));
        assert_eq!(k("Educación"), Some(Education));
        assert_eq!(k("Formación académica"), Some(Education));
        assert_eq!(k("Ausbildung"), Some(Education));
        assert_eq!(k("Bildungsweg"), Some(Education));
        assert_eq!(k("Studium"), Some(Education));
        assert_eq!(k("Profil"), Some(Summary));
        assert_eq!(k("Résumé"), Some(Summary));
        assert_eq!(k("Perfil"), Some(Summary));
        assert_eq!(k("Resumen"), Some(Summary));
        assert_eq!(k("Sobre mí"), Some(Summary));
        assert_eq!(k("Zusammenfassung"), Some(Summary));
        assert_eq!(k("Über mich"), Some(Summary));
        assert_eq!(k("Certificaciones"), Some(Certifications));
        assert_eq!(k("Zertifikate"), Some(Certifications));
        assert_eq!(k("Zertifizierungen"), Some(Certifications));
        assert_eq!(k("Langues"), Some(Languages));
        assert_eq!(k("Idiomas"), Some(Languages));
        assert_eq!(k("Sprachen"), Some(Languages));
        assert_eq!(k("Sprachkenntnisse"), Some(Languages));
        assert_eq!(k("Prix"), Some(Awards));
        assert_eq!(k("Premios"), Some(Awards));
        assert_eq!(k("Auszeichnungen"), Some(Awards));
        assert_eq!(k("Bénévolat"), Some(Volunteer));
        assert_eq!(k("Voluntariado"), Some(Volunteer));
        assert_eq!(k("Ehrenamt"), Some(Volunteer));
        assert_eq!(k("Centres d'intérêt"), Some(Interests));
        assert_eq!(k("Centres d’intérêt"), Some(Interests));
        assert_eq!(k("Intereses"), Some(Interests));
        assert_eq!(k("Hobbys"), Some(Interests));
        assert_eq!(k("Interessen"), Some(Interests));
        assert_eq!(k("Références"), Some(References));
        assert_eq!(k("Referencias"), Some(References));
        assert_eq!(k("Referenzen"), Some(References));
        assert_eq!(k("Coordonnées"), Some(Contact));
        assert_eq!(k("Datos personales"), Some(Contact));
        assert_eq!(k("Persönliche Daten"), Some(Contact));
        assert_eq!(k("Misceláneo"), Some(Other));
        assert_eq!(k("Conocimientos de computación"), Some(Skills));
        assert_eq!(k("工作经历"), Some(Experience));
        assert_eq!(k("教育背景"), Some(Education));
    }

    #[test]
    fn decorations_numbering_spacing_colons() {
        assert_eq!(k("E X P E R I E N C E"), Some(Experience));
        assert_eq!(k("S K I L L S"), Some(Skills));
        assert_eq!(k("W O R K  E X P E R I E N C E"), Some(Experience));
        assert_eq!(k("Skills:"), Some(Skills));
        assert_eq!(k("EDUCATION :"), Some(Education));
        assert_eq!(k("1. Experience"), Some(Experience));
        assert_eq!(k("IV. Education"), Some(Education));
        assert_eq!(k("■ PROJECTS"), Some(Projects));
        assert_eq!(k("——— 个人信息 ———"), Some(Contact));
        assert_eq!(clean_heading("  • Skills: "), "Skills");
    }

    #[test]
    fn negatives() {
        assert_eq!(k("Experience with Python and Go"), None);
        assert_eq!(k("Education is key"), None);
        assert_eq!(k("Skills: Python, Go"), None);
        assert_eq!(k("Software Engineer"), None);
        assert_eq!(k("Resume"), None);
        assert_eq!(k("Curriculum Vitae"), None);
        assert_eq!(k("CHINMAYA KAUNDANYA · RÉSUMÉ"), None);
        assert_eq!(k(""), None);
        assert_eq!(k("—"), None);
        assert_eq!(
            k("Skills that pay the bills in every company of the world"),
            None
        );
    }

    #[test]
    fn inline_headings() {
        assert_eq!(
            inline_heading("Skills: Python, Go"),
            Some((Skills, "Skills", "Python, Go"))
        );
        assert_eq!(
            inline_heading("Languages：English"),
            Some((Languages, "Languages", "English"))
        );
        assert_eq!(inline_heading("Note: something"), None);
        assert_eq!(inline_content("Skills: Rust"), "Rust");
        assert_eq!(inline_content("plain"), "plain");
    }
}
