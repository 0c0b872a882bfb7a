//! Credentials — licences, registrations, certifications, security clearances, driving
//! licences — as resumes and postings write them: "RN", "current BLS certification from the
//! AHA", "CDL Class A", "EPA 608 Universal", "Maria L. Gonzalez, RN, BSN". The catalogue is the
//! curated table `crates/core/data/domains/credentials.tsv` (columns, provenance and licence in
//! its header and in `data/domains/README.md`); the finder here looks its forms up in a text.
//!
//! Forms are compared word by word (a word: letters, digits, `+ # &`; every other character
//! separates words, so "SHRM-CP" = "SHRM CP" and "TS/SCI" = "TS SCI"), case-insensitively unless
//! flagged: `=RN` must be written with exactly that letter case, `^Form` capitalised; a one-word
//! form of at most four capitals ("PE", "CNA") is exact-case even unflagged, so the word "pe" or
//! "cna" in prose is never a credential. At each position the longest form wins.

use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::resume::sections::SectionKind;

/// The curated credentials table (embedded).
pub const CREDENTIALS_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/domains/credentials.tsv"
));

/// What sort of credential it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    Licence,
    Certification,
    Registration,
    Clearance,
    Driving,
}

impl CredentialKind {
    fn parse(s: &str) -> Option<CredentialKind> {
        Some(match s.trim() {
            "licence" | "license" => CredentialKind::Licence,
            "certification" => CredentialKind::Certification,
            "registration" => CredentialKind::Registration,
            "clearance" => CredentialKind::Clearance,
            "driving" => CredentialKind::Driving,
            _ => return None,
        })
    }
}

/// One credential of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct CredentialDef {
    /// Display name ("Registered Nurse (RN)").
    pub name: String,
    pub kind: CredentialKind,
    /// Occupation families it belongs to (`healthcare`, `finance`…).
    pub families: Vec<String>,
    /// The letters written after a person's name ("RN"), if any.
    pub postnominal: Option<String>,
}

/// A credential found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct CredentialMention {
    /// Index into [`Catalog::defs`].
    pub id: usize,
    /// Byte span in the text.
    pub start: usize,
    pub end: usize,
    /// The text as written ("RN license").
    pub matched_as: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Any,
    Exact,
    Capitalised,
}

#[derive(Debug, Clone)]
struct FormRef {
    id: usize,
    case: Case,
    /// The form's words as written (for exact-case checks).
    words: Vec<String>,
}

/// The credentials catalogue with its phrase index.
#[derive(Debug)]
pub struct Catalog {
    defs: Vec<CredentialDef>,
    /// Lower-case words joined by one space → forms.
    phrases: HashMap<String, Vec<FormRef>>,
    /// Every word-prefix of a multi-word form (lower case).
    prefixes: HashSet<String>,
    /// Post-nominal letters as written → credential.
    postnominals: HashMap<String, usize>,
}

/// Words of a text: maximal runs of letters, digits and `+ # &`, with their byte spans.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let w = c.is_alphanumeric() || matches!(c, '+' | '#' | '&');
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

impl Catalog {
    /// Parses a table in the `credentials.tsv` format; errors name the line.
    pub fn parse(text: &str) -> Result<Catalog, String> {
        let mut c = Catalog {
            defs: Vec::new(),
            phrases: HashMap::new(),
            prefixes: HashSet::new(),
            postnominals: HashMap::new(),
        };
        for (n, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 || cols.len() > 5 {
                return Err(format!(
                    "line {}: expected 4 or 5 TAB-separated columns (name, kind, families, forms, postnominal), found {}",
                    n + 1,
                    cols.len()
                ));
            }
            let name = cols[0].trim();
            if name.is_empty() {
                return Err(format!("line {}: empty name", n + 1));
            }
            let kind = CredentialKind::parse(cols[1])
                .ok_or_else(|| format!("line {}: unknown kind {:?}", n + 1, cols[1]))?;
            let id = c.defs.len();
            let postnominal = cols
                .get(4)
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .map(String::from);
            c.defs.push(CredentialDef {
                name: name.to_string(),
                kind,
                families: cols[2]
                    .split('|')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(String::from)
                    .collect(),
                postnominal: postnominal.clone(),
            });
            let mut forms: Vec<&str> = cols[3].split('|').map(str::trim).collect();
            forms.push(name);
            if let Some(p) = &postnominal {
                c.postnominals.entry(p.clone()).or_insert(id);
            }
            for f in forms.into_iter().filter(|f| !f.is_empty()) {
                c.add_form(id, f);
            }
        }
        Ok(c)
    }

    fn add_form(&mut self, id: usize, form: &str) {
        let (mut case, body) = if let Some(b) = form.strip_prefix('=') {
            (Case::Exact, b)
        } else if let Some(b) = form.strip_prefix('^') {
            (Case::Capitalised, b)
        } else {
            (Case::Any, form)
        };
        let ws: Vec<String> = words(body)
            .into_iter()
            .map(|(s, e)| body[s..e].to_string())
            .collect();
        if ws.is_empty() {
            return;
        }
        if case == Case::Any
            && ws.len() == 1
            && ws[0].chars().count() <= 4
            && ws[0]
                .chars()
                .all(|ch| ch.is_uppercase() || ch.is_ascii_digit())
        {
            case = Case::Exact;
        }
        let lower: Vec<String> = ws.iter().map(|w| w.to_lowercase()).collect();
        for k in 1..lower.len() {
            self.prefixes.insert(lower[..k].join(" "));
        }
        let key = lower.join(" ");
        let refs = self.phrases.entry(key).or_default();
        if !refs.iter().any(|r| r.id == id && r.case == case) {
            refs.push(FormRef {
                id,
                case,
                words: ws,
            });
        }
    }

    /// The catalogue's credentials, in table order.
    pub fn defs(&self) -> &[CredentialDef] {
        &self.defs
    }

    pub fn def(&self, id: usize) -> &CredentialDef {
        &self.defs[id]
    }

    /// The credential whose post-nominal letters are exactly `letters` ("RN", "CPA").
    pub fn postnominal(&self, letters: &str) -> Option<usize> {
        self.postnominals.get(letters.trim()).copied()
    }

    /// The credential a name or form stands for, ignoring case flags.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let key: Vec<String> = words(name)
            .into_iter()
            .map(|(s, e)| name[s..e].to_lowercase())
            .collect();
        self.phrases
            .get(&key.join(" "))
            .and_then(|r| r.first())
            .map(|r| r.id)
    }

    /// Every credential mention in `text`, in order, longest form first at each position; also
    /// the shortened forms of coordinated lists: "Series 6 and 63", "Hazmat (H) and Tanker (N)
    /// endorsements", "TIPS or ServSafe Alcohol certification", and a parenthesis inside a form
    /// ("Personal Lines (General Lines – Limited) license").
    pub fn find(&self, text: &str) -> Vec<CredentialMention> {
        let mut out = self.find_forms(text);
        // The text with parenthesised groups blanked (same byte offsets).
        let blank = blank_parentheses(text);
        if blank != text {
            for m in self.find_forms(&blank) {
                push_new(
                    &mut out,
                    CredentialMention {
                        matched_as: text[m.start..m.end].to_string(),
                        ..m
                    },
                );
            }
        }
        let lower = text.to_lowercase();
        if ["endorsement", "certificat", "licen"]
            .iter()
            .any(|n| lower.contains(n))
        {
            self.shared_noun(text, &blank, &mut out);
        }
        self.number_lists(text, &mut out);
        out.sort_by_key(|m| m.start);
        out
    }

    /// "Hazmat and Tanker endorsements": each head of the list with the noun in the singular.
    fn shared_noun(&self, text: &str, blank: &str, out: &mut Vec<CredentialMention>) {
        static LIST: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?P<head>(?:[\w&+]+\s+){0,2}[\w&+]+)\s*(?:,\s*|\s+(?:and|or|&)\s+|\s*/\s*)(?:[\w&+]+\s+){0,2}[\w&+]+\s+(?P<noun>endorsement|certification|license|licence|certificate)s?\b")
                .expect("shared noun regex")
        });
        for c in LIST.captures_iter(blank) {
            let (Some(head), Some(noun)) = (c.name("head"), c.name("noun")) else {
                continue;
            };
            let ws = words(head.as_str());
            // The longest tail of the head that is a form with the noun ("ServSafe Alcohol").
            for w in &ws {
                let (s0, e0) = (head.start() + w.0, head.end());
                let key: Vec<String> = words(&blank[s0..e0])
                    .iter()
                    .map(|&(a, b)| blank[s0 + a..s0 + b].to_lowercase())
                    .chain(std::iter::once(noun.as_str().to_lowercase()))
                    .collect();
                if let Some(r) = self.phrases.get(&key.join(" ")).and_then(|r| r.first()) {
                    push_new(
                        out,
                        CredentialMention {
                            id: r.id,
                            start: s0,
                            end: e0,
                            matched_as: text[s0..e0].to_string(),
                        },
                    );
                    break;
                }
            }
        }
    }

    /// "Series 6 and 63", "Series 7, 63 and 66": a form ending in a number, then more numbers.
    fn number_lists(&self, text: &str, out: &mut Vec<CredentialMention>) {
        static MORE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*(?:,|and|or|&|/)\s*(?:and\s+|or\s+)?(?P<n>\d{1,3})\b")
                .expect("number list regex")
        });
        let firsts: Vec<CredentialMention> = out.clone();
        for m in firsts {
            let Some((stem, last)) = m.matched_as.rsplit_once(' ') else {
                continue;
            };
            if !last.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let mut pos = m.end;
            while let Some(c) = MORE.captures(&text[pos..]) {
                let n = c.name("n").expect("group");
                let key: Vec<String> = words(stem)
                    .iter()
                    .map(|&(a, b)| stem[a..b].to_lowercase())
                    .chain(std::iter::once(n.as_str().to_string()))
                    .collect();
                let (start, end) = (pos + n.start(), pos + n.end());
                if let Some(r) = self.phrases.get(&key.join(" ")).and_then(|r| r.first()) {
                    push_new(
                        out,
                        CredentialMention {
                            id: r.id,
                            start,
                            end,
                            matched_as: format!("{stem} {}", n.as_str()),
                        },
                    );
                }
                pos = end;
            }
        }
    }

    fn find_forms(&self, text: &str) -> Vec<CredentialMention> {
        let ws = words(text);
        let lower: Vec<String> = ws.iter().map(|&(s, e)| text[s..e].to_lowercase()).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let mut key = String::new();
            let mut best: Option<(usize, usize)> = None; // (id, last word index)
            for j in i..ws.len() {
                if j > i {
                    key.push(' ');
                }
                key.push_str(&lower[j]);
                if let Some(refs) = self.phrases.get(&key) {
                    let written: Vec<&str> = ws[i..=j].iter().map(|&(s, e)| &text[s..e]).collect();
                    if let Some(r) = refs.iter().find(|r| case_ok(r, &written)) {
                        best = Some((r.id, j));
                    }
                }
                if !self.prefixes.contains(&key) {
                    break;
                }
            }
            match best {
                Some((id, j)) => {
                    let (start, mut end) = (ws[i].0, ws[j].1);
                    // "Professional Engineer (PE": take the closing parenthesis too.
                    let opened = text[start..end].matches('(').count();
                    if opened > text[start..end].matches(')').count()
                        && text[end..].starts_with(')')
                    {
                        end += 1;
                    }
                    out.push(CredentialMention {
                        id,
                        start,
                        end,
                        matched_as: text[start..end].to_string(),
                    });
                    i = j + 1;
                }
                None => i += 1,
            }
        }
        out
    }
}

fn case_ok(r: &FormRef, written: &[&str]) -> bool {
    match r.case {
        Case::Any => true,
        Case::Exact => {
            written.len() == r.words.len() && written.iter().zip(&r.words).all(|(a, b)| a == b)
        }
        Case::Capitalised => written
            .first()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase),
    }
}

/// Adds a mention unless it overlaps one already found or names the same credential there.
fn push_new(out: &mut Vec<CredentialMention>, m: CredentialMention) {
    if !out.iter().any(|o| o.start < m.end && m.start < o.end) {
        out.push(m);
    }
}

/// `text` with every parenthesised group (parentheses included) replaced by spaces, byte for
/// byte, so offsets stay valid.
fn blank_parentheses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        if c == '(' {
            depth += 1;
        }
        if depth > 0 {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
        if c == ')' && depth > 0 {
            depth -= 1;
        }
    }
    out
}

/// The embedded catalogue (parsed on first use).
pub fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| Catalog::parse(CREDENTIALS_TSV).expect("embedded credentials.tsv is valid"))
}

/// A credential the resume shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CredentialHit {
    /// The catalogue's display name ("Registered Nurse (RN)").
    pub name: String,
    pub kind: CredentialKind,
    /// As written ("RN", "Registered Nurse, State of Ohio").
    pub matched_as: String,
    /// `postnominal` (after the name: "Maria Gonzalez, RN"), or the section it was read in.
    pub source: String,
    /// The line it was read from.
    pub evidence: String,
    /// A licence or certificate number on the same line ("#RN-448812"), if any.
    pub number: Option<String>,
    /// An expiry date on the same line ("exp. 08/2027"), as written.
    pub expires: Option<String>,
    /// Whether the resume shows it held (`held`), being worked towards (`in_progress`:
    /// "LPN-to-RN bridge", "pursuing the CPA", "PMP candidate") or only named in a skills list
    /// with no issuer, number or date (`listed`). Only `held` satisfies a posting's requirement.
    #[serde(default)]
    pub status: CredentialStatus,
}

/// How a resume shows a credential (see [`CredentialHit::status`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CredentialStatus {
    #[default]
    Held,
    InProgress,
    Listed,
}

/// Words before a mention that make it a goal, not a holding ("pursuing the CPA", "studying for
/// the PE exam", "enrolled in an RN program").
static PURSUIT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:pursuing|pursue|completing|working\s+toward(?:s)?|studying\s+for|preparing\s+for|prepare\s+for|sitting\s+for|enrolled\s+in|enrolling\s+in|candidate\s+for|eligible\s+for|bridge\s+to|in\s+progress\s*:?|planned|planning\s+to\s+(?:take|sit|earn|obtain)|to\s+(?:earn|obtain|take))\s+(?:(?:the|a|an|my|for|exam|program|of)\s+)*(?:\S+\s+){0,3}$")
        .expect("pursuit regex")
});

/// Words after a mention with the same meaning ("CPA candidate", "PE exam scheduled", "RN
/// (expected 2027)", "CFA Level II candidate").
static PURSUIT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,(–—-]*(?:(?:level\s+(?:i{1,3}|[123])\s+)?candidate|eligible|exam(?:ination)?\b(?:\s+(?:scheduled|in\s+progress|pending|passed\s+\d))|in\s+progress|expected|anticipated|pending|bridge|program|coursework|student|track)\b")
        .expect("pursuit-after regex")
});

/// A mention inside an "X-to-Y" program name ("LPN-to-RN", "RN-to-BSN", "LPN to RN").
fn in_to_compound(line: &str, start: usize, end: usize) -> bool {
    static BEFORE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:-to-|\b[A-Z]{2,6}\s+to\s+)$").expect("to-compound regex"));
    static AFTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:-to-|\s+to\s+[A-Z]{2,6}\b)").expect("to-compound regex"));
    BEFORE.is_match(&line[..start]) || AFTER.is_match(&line[end..])
}

/// "the RN supervisor", "reported to the charge RN": a person holding it, not the writer.
static PERSON_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:the|our|their|other|each|every|with|by|under)\s+(?:[a-z-]+\s+){0,2}$")
        .expect("person regex")
});

fn status_of(
    line: &str,
    m: &CredentialMention,
    kind: SectionKind,
    d: &CredentialDef,
    dated: bool,
) -> Option<CredentialStatus> {
    let before = &line[..m.start];
    let after = &line[m.end..];
    if in_to_compound(line, m.start, m.end)
        || PURSUIT_BEFORE.is_match(before)
        || PURSUIT_AFTER.is_match(after)
    {
        return Some(CredentialStatus::InProgress);
    }
    // In prose (summary, experience bullets) a licence after "the"/"our" names a colleague.
    let prose = matches!(
        kind,
        SectionKind::Experience | SectionKind::Summary | SectionKind::Volunteer
    );
    if prose && d.kind == CredentialKind::Licence && PERSON_BEFORE.is_match(before) {
        return None;
    }
    if kind == SectionKind::Skills && !dated {
        return Some(CredentialStatus::Listed);
    }
    Some(CredentialStatus::Held)
}

fn number_re() -> &'static regex::Regex {
    static R: OnceLock<regex::Regex> = OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(r"(?i)(?:#\s*|\b(?:license|licence|lic\.?|cert(?:ificate|ification)?|registration|reg\.?|credential|id)\s*(?:no\.?|number|num\.?|#)\s*[:#]?\s*)([A-Z0-9][A-Z0-9-]{3,19})\b")
            .expect("licence number regex")
    })
}

fn expiry_re() -> &'static regex::Regex {
    static R: OnceLock<regex::Regex> = OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(r"(?i)\b(?:exp(?:ires?|iry|iration)?\.?|valid\s+(?:through|thru|until|to)|renew(?:s|al)?\s+(?:due|date)?)\s*:?\s*((?:[a-z]{3,9}\.?\s+)?(?:\d{1,2}[/.-])?(?:19|20)\d{2})")
            .expect("expiry regex")
    })
}

/// The credentials written after a name ("Maria L. Gonzalez, RN, BSN" → `["RN"]` as
/// credentials; degree letters such as BSN are not credentials), and the name without them.
/// `None` when the line has no comma-separated post-nominals.
pub fn split_postnominals(line: &str) -> Option<(String, Vec<usize>)> {
    let (head, tail) = line.split_once(',')?;
    let mut ids = Vec::new();
    let mut all = true;
    for part in tail.split([',', '|']) {
        let p = part.trim().trim_end_matches('.');
        if p.is_empty() {
            continue;
        }
        if let Some(id) = catalog().postnominal(p) {
            ids.push(id);
        } else if !crate::resume::entities::degrees::is_degree_postnominal(p) {
            all = false;
        }
    }
    (all && !head.trim().is_empty()).then(|| (head.trim().to_string(), ids))
}

/// The section's JSON name ("certifications").
fn section_key(kind: SectionKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// Credentials in a resume: post-nominals after the name, then every mention in the text
/// (licences, certifications, clearances in any section), each credential once, with its
/// [`CredentialStatus`].
pub fn resume_credentials(
    name_line: Option<&str>,
    sections: &[(SectionKind, &str)],
) -> Vec<CredentialHit> {
    let c = catalog();
    let mut out: Vec<CredentialHit> = Vec::new();
    if let Some(line) = name_line {
        if let Some((_, ids)) = split_postnominals(line) {
            for id in ids {
                let d = c.def(id);
                if !out.iter().any(|h| h.name == d.name) {
                    out.push(CredentialHit {
                        name: d.name.clone(),
                        kind: d.kind,
                        matched_as: d.postnominal.clone().unwrap_or_default(),
                        source: "postnominal".into(),
                        evidence: line.trim().to_string(),
                        number: None,
                        expires: None,
                        status: CredentialStatus::Held,
                    });
                }
            }
        }
    }
    for (kind, text) in sections {
        for line in text.lines() {
            for m in c.find(line) {
                let d = c.def(m.id);
                let after = &line[m.end..];
                let number = number_re()
                    .captures(after)
                    .and_then(|cap| cap.get(1))
                    .filter(|n| n.as_str().chars().any(|ch| ch.is_ascii_digit()))
                    .map(|n| n.as_str().to_string());
                let expires = expiry_re()
                    .captures(after)
                    .and_then(|cap| cap.get(1))
                    .map(|e| e.as_str().to_string());
                let dated = number.is_some() || expires.is_some();
                let Some(status) = status_of(line, &m, *kind, d, dated) else {
                    continue;
                };
                // A later, stronger reading replaces a weaker one (listed in the skills, then
                // held under Certifications).
                if let Some(prev) = out.iter_mut().find(|h| h.name == d.name) {
                    if prev.status != CredentialStatus::Held && status == CredentialStatus::Held {
                        prev.status = status;
                        prev.source = section_key(*kind);
                        prev.evidence = line.trim().chars().take(200).collect();
                        prev.matched_as = m.matched_as.clone();
                        prev.number = number;
                        prev.expires = expires;
                    }
                    continue;
                }
                out.push(CredentialHit {
                    name: d.name.clone(),
                    kind: d.kind,
                    matched_as: m.matched_as.clone(),
                    source: section_key(*kind),
                    evidence: line.trim().chars().take(200).collect(),
                    number,
                    expires,
                    status,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "# test\n\
Registered Nurse (RN)\tlicence\thealthcare\t=RN|registered nurse|RN license\tRN\n\
Basic Life Support (BLS)\tcertification\thealthcare\t=BLS|basic life support\t\n\
Commercial Driver's License Class A\tdriving\tlogistics\tCDL Class A|CDL-A|Class A CDL\t\n\
Professional Engineer (PE)\tlicence\tengineering\tPE|PE license|professional engineer\tPE\n\
SHRM-CP\tcertification\thr\tSHRM-CP|SHRM Certified Professional\tSHRM-CP\n";

    fn names(c: &Catalog, text: &str) -> Vec<String> {
        c.find(text)
            .iter()
            .map(|m| c.def(m.id).name.clone())
            .collect()
    }

    #[test]
    fn finds_forms_with_case_rules() {
        let c = Catalog::parse(TABLE).unwrap();
        assert_eq!(
            names(&c, "Current RN license and BLS certification required"),
            vec!["Registered Nurse (RN)", "Basic Life Support (BLS)"]
        );
        assert_eq!(
            names(&c, "Valid CDL-A with a clean record"),
            vec!["Commercial Driver's License Class A"]
        );
        assert_eq!(
            names(&c, "holds a Class A CDL"),
            vec!["Commercial Driver's License Class A"]
        );
        assert!(names(&c, "the rn said bls").is_empty(), "exact-case forms");
        assert!(
            names(&c, "pe teacher, a pe class").is_empty(),
            "short capitals are exact-case"
        );
        assert_eq!(names(&c, "SHRM CP preferred"), vec!["SHRM-CP"]);
        let m = &c.find("Licensed as a Registered Nurse in Ohio")[0];
        assert_eq!(m.matched_as, "Registered Nurse");
        assert_eq!(c.postnominal("RN"), Some(0));
        assert_eq!(c.postnominal("BSN"), None);
    }

    #[test]
    fn shortened_lists_and_parentheses() {
        let c = catalog();
        let all = |t: &str| -> Vec<String> {
            c.find(t).iter().map(|m| c.def(m.id).name.clone()).collect()
        };
        assert_eq!(
            all("FINRA Series 6 and 63 are a plus"),
            vec!["FINRA Series 6", "FINRA Series 63"]
        );
        assert_eq!(
            all("Series 7, 63 and 66 required"),
            vec!["FINRA Series 7", "FINRA Series 63", "FINRA Series 66"]
        );
        assert_eq!(
            all("TIPS or ServSafe Alcohol certification"),
            vec!["TIPS Certification", "Alcohol Server Certification (RBS)"]
        );
        assert_eq!(
            all("Texas Personal Lines (General Lines - Limited) license"),
            vec!["Property and Casualty Insurance License"]
        );
        let m = &c.find("Professional Engineer (PE) license preferred")[0];
        assert_eq!(m.matched_as, "Professional Engineer (PE)");
    }

    #[test]
    fn table_errors_name_the_line() {
        assert!(Catalog::parse("A\tnope\tx\ty\n")
            .unwrap_err()
            .contains("line 1"));
        assert!(Catalog::parse("A\tlicence\n")
            .unwrap_err()
            .contains("columns"));
    }

    #[test]
    fn embedded_table_loads() {
        let c = catalog();
        assert!(c.defs().len() >= 200, "{} credentials", c.defs().len());
        for (n, want) in [("RN", "healthcare"), ("CPA", "finance"), ("PMP", "project")] {
            let id = c
                .postnominal(n)
                .unwrap_or_else(|| panic!("{n} is a post-nominal"));
            assert!(c.def(id).families.iter().any(|f| f == want), "{n}");
        }
    }

    fn statuses(sections: &[(SectionKind, &str)]) -> Vec<(String, CredentialStatus)> {
        resume_credentials(None, sections)
            .into_iter()
            .map(|h| (h.matched_as, h.status))
            .collect()
    }

    #[test]
    fn held_in_progress_listed_or_someone_else() {
        use CredentialStatus::*;
        // A bridge program and a pursuit are not the credential.
        assert_eq!(
            statuses(&[(
                SectionKind::Summary,
                "LPN with 3 years, completing an LPN-to-RN bridge program."
            )]),
            vec![("LPN".to_string(), Held), ("RN".to_string(), InProgress)]
        );
        assert_eq!(
            statuses(&[(SectionKind::Summary, "Staff accountant pursuing the CPA.")]),
            vec![("CPA".to_string(), InProgress)]
        );
        assert_eq!(
            statuses(&[(SectionKind::Certifications, "PMP candidate, exam in 2027")]),
            vec![("PMP".to_string(), InProgress)]
        );
        // "the RN supervisor" in a bullet is a colleague.
        assert!(statuses(&[(
            SectionKind::Experience,
            "Report changes in condition to the RN supervisor"
        )])
        .is_empty());
        // Named only in a skills list: listed; the same credential under Certifications wins.
        assert_eq!(
            statuses(&[(SectionKind::Skills, "Telemetry, ECG, ACLS, IV therapy")]),
            vec![("ACLS".to_string(), Listed)]
        );
        assert_eq!(
            statuses(&[
                (SectionKind::Skills, "Telemetry, ECG, ACLS, IV therapy"),
                (
                    SectionKind::Certifications,
                    "Advanced Cardiovascular Life Support (ACLS), AHA, exp. 03/2027"
                ),
            ])[0]
                .1,
            Held
        );
        // With a date in the skills list it is shown held.
        assert_eq!(
            statuses(&[(SectionKind::Skills, "BLS (exp. 05/2027)")]),
            vec![("BLS".to_string(), Held)]
        );
    }
}
