//! Certifications: one per line or bullet, split into name / issuer / date.
//!
//! Handles `Name, Issuer`, `Name — Issuer`, `Name | Issuer`, `Name (Issuer)`,
//! `Name, issued by Issuer`, with a year or month-year date anywhere (`2021`, `Jan 2020`,
//! `03/2021`, `2020-01`, `Issued May 2019`), and multi-line entries: name / issuer / date on
//! consecutive lines (Reactive-Resume style) or the date on the line before the name
//! (Awesome-CV style). Level suffixes (`– Associate`, `- Professional`) stay in the name.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::document::Line;
use crate::lexicon::{CERTIFICATION_ISSUERS, CERTIFICATION_LEVELS, CERTIFICATION_WORDS};
use crate::resume::sections::headings::{classify_heading, inline_heading};
use crate::text::fold::fold;
use crate::text::normalize::strip_bullet;

/// One certification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Certification {
    pub name: String,
    pub issuer: Option<String>,
    /// The date as written ("2021", "Jan 2020").
    pub date: Option<String>,
}

fn date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        let month = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|déc|ene|abr|ago|dic|mär|okt|dez)[a-zéû]*\.?";
        let one = format!(r"(?:{month}\s+(?:19|20)\d{{2}}|\d{{1,2}}[/.](?:19|20)\d{{2}}|(?:19|20)\d{{2}}[-/.]\d{{1,2}}|(?:19|20)\d{{2}})");
        Regex::new(&format!(
            r"(?i)(?:(?:issued|obtained|earned|completed|received|awarded|expires?|expiry|valid until|since)\s*:?\s*)?\b{one}\b(?:\s*(?:-|–|—|to|until|bis|à|a)\s*(?:{one}|present|current|now|heute|actualidad|aujourd'hui)\b)?"
        ))
        .expect("valid regex")
    })
}

fn is_known_issuer(s: &str) -> bool {
    let f = fold(s.trim());
    CERTIFICATION_ISSUERS.contains(&f.as_str())
}

fn has_cert_word(s: &str) -> bool {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| CERTIFICATION_WORDS.contains(&w))
}

fn is_level_suffix(s: &str) -> bool {
    let f = fold(s.trim());
    let words: Vec<&str> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.len() <= 3 && CERTIFICATION_LEVELS.contains(&words[0])
}

fn trim_seps(s: &str) -> &str {
    s.trim().trim_matches(|c: char| {
        matches!(c, ',' | ';' | '|' | '-' | '–' | '—' | ':' | '·' | '•') || c.is_whitespace()
    })
}

/// Is the text only a date (with separators)?
fn date_only(s: &str) -> Option<String> {
    let t = trim_seps(s);
    let m = date_re().find(t)?;
    if trim_seps(&t[..m.start()]).is_empty() && trim_seps(&t[m.end()..]).is_empty() {
        Some(m.as_str().trim().to_string())
    } else {
        None
    }
}

fn plausible_issuer(s: &str) -> bool {
    let t = s.trim();
    let words = t.split_whitespace().count();
    !t.is_empty()
        && words <= 6
        && !t.chars().next().is_some_and(char::is_lowercase)
        && !is_level_suffix(t)
        && !t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
}

/// Split one certification line into name / issuer / date. `None` for an empty line.
pub fn split_certification(text: &str) -> Option<Certification> {
    let mut t = text.trim().to_string();
    let mut date = None;
    if let Some(m) = date_re().find(&t) {
        // Keep the date as written, without the "Issued" prefix.
        date = Some(strip_date_prefix(m.as_str().trim()).to_string());
        let (a, b) = (m.start(), m.end());
        // Remove an empty "()" left around the date.
        let before = t[..a].trim_end();
        let after = t[b..].trim_start();
        let (before, after) = match (before.strip_suffix('('), after.strip_prefix(')')) {
            (Some(x), Some(y)) => (x, y),
            _ => (before, after),
        };
        t = format!("{} {}", trim_seps(before), trim_seps(after))
            .trim()
            .to_string();
        t = trim_seps(&t).to_string();
    }
    if t.is_empty() {
        return None;
    }
    // "issued by X", "by X", "from X".
    let lower = t.to_lowercase();
    for kw in [
        " issued by ",
        " by ",
        " from ",
        " von ",
        " par ",
        " por ",
        " délivré par ",
    ] {
        if let Some(p) = lower.rfind(kw) {
            if p <= t.len() && t.is_char_boundary(p) && t.is_char_boundary(p + kw.len()) {
                let name = trim_seps(&t[..p]);
                let issuer = trim_seps(&t[p + kw.len()..]);
                if !name.is_empty() && plausible_issuer(issuer) {
                    return Some(Certification {
                        name: name.to_string(),
                        issuer: Some(issuer.to_string()),
                        date,
                    });
                }
            }
        }
    }
    // Separators, last first.
    let mut seps: Vec<(usize, usize)> = Vec::new();
    for sep in [", ", " | ", " — ", " – ", " - ", " · "] {
        for (p, _) in t.match_indices(sep) {
            // Not inside parentheses.
            let depth = t[..p].matches('(').count() as i64 - t[..p].matches(')').count() as i64;
            if depth <= 0 {
                seps.push((p, sep.len()));
            }
        }
    }
    seps.sort();
    for &(p, l) in seps.iter().rev() {
        let right = trim_seps(&t[p + l..]);
        let left = trim_seps(&t[..p]);
        if left.is_empty() || !plausible_issuer(right) {
            continue;
        }
        if has_cert_word(right) && !is_known_issuer(right) && !has_cert_word(left) {
            continue;
        }
        return Some(Certification {
            name: left.to_string(),
            issuer: Some(right.to_string()),
            date,
        });
    }
    // Trailing "(Issuer)".
    if t.ends_with(')') {
        if let Some(p) = t.rfind('(') {
            let inner = t[p + 1..t.len() - 1].trim();
            let name = t[..p].trim();
            let acronym = inner
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
                && !is_known_issuer(inner);
            if !name.is_empty()
                && !acronym
                && plausible_issuer(inner)
                && !inner.chars().all(|c| c.is_ascii_digit())
            {
                return Some(Certification {
                    name: name.to_string(),
                    issuer: Some(inner.to_string()),
                    date,
                });
            }
        }
    }
    Some(Certification {
        name: t,
        issuer: None,
        date,
    })
}

fn strip_date_prefix(d: &str) -> &str {
    let lower = d.to_lowercase();
    for p in [
        "issued",
        "obtained",
        "earned",
        "completed",
        "received",
        "awarded",
        "expires",
        "expire",
        "expiry",
        "valid until",
        "since",
    ] {
        if lower.starts_with(p) {
            return d[p.len()..].trim_start_matches(|c: char| c == ':' || c.is_whitespace());
        }
    }
    d
}

/// Parse the certifications in lines (typically a certifications section's lines).
pub fn parse_certifications(lines: &[Line]) -> Vec<Certification> {
    let texts: Vec<(String, bool)> = lines
        .iter()
        .filter_map(|l| {
            let mut t = l.text.trim();
            let mut bullet = l.list_item;
            if let Some(r) = strip_bullet(t) {
                t = r;
                bullet = true;
            }
            if let Some((_, _, c)) = inline_heading(t) {
                t = c;
            } else if classify_heading(t).is_some() && !has_cert_word(t) {
                return None;
            }
            let t = t.trim();
            (!t.is_empty() && t.chars().any(char::is_alphanumeric)).then(|| (t.to_string(), bullet))
        })
        .collect();
    let dates_first = texts.first().is_some_and(|(t, _)| date_only(t).is_some());
    let mut out: Vec<Certification> = Vec::new();
    let mut pending_date: Option<String> = None;
    let mut last_was_name = false;
    for (k, (t, bullet)) in texts.iter().enumerate() {
        if let Some(d) = date_only(t) {
            match out.last_mut() {
                Some(last) if !dates_first && last.date.is_none() => last.date = Some(d),
                _ => pending_date = Some(d),
            }
            last_was_name = false;
            continue;
        }
        // Issuer on its own line after the name.
        if last_was_name && !bullet {
            let next_is_date = texts
                .get(k + 1)
                .is_some_and(|(n, _)| date_only(n).is_some());
            let words = t.split_whitespace().count();
            let is_issuer = is_known_issuer(t) || (words <= 4 && !has_cert_word(t) && next_is_date);
            if let Some(last) = out.last_mut() {
                if last.issuer.is_none() && is_issuer && date_re().find(t).is_none() {
                    last.issuer = Some(t.clone());
                    last_was_name = false;
                    continue;
                }
                // Wrapped name continues in lower case.
                if t.chars().next().is_some_and(char::is_lowercase) {
                    last.name = format!("{} {}", last.name, t);
                    continue;
                }
            }
        }
        if let Some(mut c) = split_certification(t) {
            if c.date.is_none() {
                c.date = pending_date.take();
            } else {
                pending_date = None;
            }
            last_was_name = c.issuer.is_none();
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(name: &str, issuer: Option<&str>, date: Option<&str>) -> Certification {
        Certification {
            name: name.into(),
            issuer: issuer.map(Into::into),
            date: date.map(Into::into),
        }
    }

    #[test]
    fn single_line_forms() {
        assert_eq!(
            split_certification(
                "AWS Certified Solutions Architect – Associate, Amazon Web Services, 2021"
            ),
            Some(c(
                "AWS Certified Solutions Architect – Associate",
                Some("Amazon Web Services"),
                Some("2021")
            ))
        );
        assert_eq!(
            split_certification("Machine Learning — Coursera (Jan 2020)"),
            Some(c("Machine Learning", Some("Coursera"), Some("Jan 2020")))
        );
        assert_eq!(
            split_certification("Professional Data Engineer (Google)"),
            Some(c("Professional Data Engineer", Some("Google"), None))
        );
        assert_eq!(
            split_certification(
                "Certified Kubernetes Application Developer (CKAD), The Linux Foundation"
            ),
            Some(c(
                "Certified Kubernetes Application Developer (CKAD)",
                Some("The Linux Foundation"),
                None
            ))
        );
        assert_eq!(
            split_certification("Certified ScrumMaster (CSM)"),
            Some(c("Certified ScrumMaster (CSM)", None, None))
        );
        assert_eq!(
            split_certification("PMP | Project Management Institute | 03/2019"),
            Some(c(
                "PMP",
                Some("Project Management Institute"),
                Some("03/2019")
            ))
        );
        assert_eq!(
            split_certification(
                "Deep Learning Specialization issued by DeepLearning.AI, Issued May 2019"
            ),
            Some(c(
                "Deep Learning Specialization",
                Some("DeepLearning.AI"),
                Some("May 2019")
            ))
        );
        assert_eq!(split_certification("  "), None);
    }

    #[test]
    fn multi_line_entries() {
        let lines: Vec<Line> = [
            "Full-Stack Web Development",
            "CodeAcademy",
            "2020",
            "AWS Certified Developer",
            "Amazon Web Services",
            "2019",
        ]
        .iter()
        .map(|s| Line::plain(*s))
        .collect();
        assert_eq!(
            parse_certifications(&lines),
            vec![
                c(
                    "Full-Stack Web Development",
                    Some("CodeAcademy"),
                    Some("2020")
                ),
                c(
                    "AWS Certified Developer",
                    Some("Amazon Web Services"),
                    Some("2019")
                ),
            ]
        );
        let lines: Vec<Line> = [
            "2023",
            "AWS Certified Advanced Networking Specialty, Amazon Web Services (AWS)",
            "2024",
            "HashiCorp Certified: Terraform Associate (003), HashiCorp",
        ]
        .iter()
        .map(|s| Line::plain(*s))
        .collect();
        assert_eq!(
            parse_certifications(&lines),
            vec![
                c(
                    "AWS Certified Advanced Networking Specialty",
                    Some("Amazon Web Services (AWS)"),
                    Some("2023")
                ),
                c(
                    "HashiCorp Certified: Terraform Associate (003)",
                    Some("HashiCorp"),
                    Some("2024")
                ),
            ]
        );
    }

    #[test]
    fn bullets_and_headings() {
        let lines: Vec<Line> = [
            "Certifications",
            "• CompTIA Security+ (2022)",
            "• Google Data Analytics Certificate - Coursera",
        ]
        .iter()
        .map(|s| Line::plain(*s))
        .collect();
        assert_eq!(
            parse_certifications(&lines),
            vec![
                c("CompTIA Security+", None, Some("2022")),
                c("Google Data Analytics Certificate", Some("Coursera"), None),
            ]
        );
    }
}
