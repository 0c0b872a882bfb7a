//! Contact details: name, e-mail, phone, location and profile/personal links.
//!
//! Search order: the header block (text before the first section heading) together with
//! page-header/-footer lines first, then the rest of the document (contact details often sit
//! in a sidebar or a footer), with stricter rules outside the header block.
//!
//! Normalised forms (documented contract):
//!
//! * **phone** ([`normalize_phone`]): E.164 (`+15551234567`) when the number carries a country
//!   code (`+44 …`, `(+82) …`, `0049 …`; a trunk `(0)` after the country code is dropped) or
//!   is a 10-digit North-American number written in the usual `(555) 123-4567` /
//!   `555-123-4567` / `555.123.4567` / `1-555-123-4567` grouping; otherwise the digit groups
//!   as written, joined by single spaces (`06 12 34 56 78`). Extensions are dropped.
//! * **links**: `https://` + host/path, host lower-cased, no trailing slash; `http://` becomes
//!   `https://`; `mailto:`/`tel:` dropped; de-duplicated ignoring scheme, `www.` and case.
//! * **name**: as written (an ALL-CAPS name stays ALL CAPS).
//! * **email**: as written.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::document::{Line, Region};
use crate::lexicon::{NAME_PARTICLES, NOT_NAME_WORDS, PHONE_LABELS, PROFILE_HOSTS};
use crate::resume::sections::headings::classify_heading;
use crate::text::fold::fold;
use crate::text::normalize::is_cjk;
use crate::text::places::{is_country, is_region_code, is_us_state_name};

/// Contact details of the candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub location: Option<String>,
    pub links: Vec<String>,
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("valid regex"))
}

fn email_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)[a-z0-9][a-z0-9._%+\-]*@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,24}",
    )
}

fn phone_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)(?:\(\+?\d{1,4}\)|\+\s?\d{1,4})?[\s.\-‐‑‒–—/()\x{AD}]*\d[\d\s.\-‐‑‒–—/()\x{AD}]{5,}\d(?:\s*(?:ext\.?|extension|x|#|poste|durchwahl)\s*\d{1,6})?",
    )
}

const TLDS: &str = "com|org|net|io|dev|me|co|in|info|app|ai|edu|tech|xyz|page|site|blog|de|fr|es|uk|ca|us|eu|ch|nl|it|be|at|se|no|dk|fi|pl|pt|br|au|nz|jp|cn|kr|ly|gg|sh|to|cc|fm|tv|online|website|space|pro|codes|cloud|design|inc|ie|mx|ar|cl|ru|ua|cz|gr|hu|ro|tr|il|za|sg|hk|tw|vn|id|my|ph|th";

fn url_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r#"(?i)(?:https?://|www\.)[^\s|,;<>"'()\[\]]+|\b[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:{TLDS})\b(?:/[^\s|,;<>"'()\[\]]*)?"#
        ))
        .expect("valid regex")
    })
}

/// Does the text look like a person's name? 2–5 capitalised (or ALL-CAPS) words of letters
/// (initials, hyphens, apostrophes and name particles allowed), no digits, `@`, URLs, commas,
/// not a section heading, no job-title or organisation words; or 2–4 CJK characters.
pub fn looks_like_name(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 60 {
        return false;
    }
    let non_space: Vec<char> = t
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '·')
        .collect();
    if !non_space.is_empty() && non_space.iter().all(|&c| is_cjk(c)) {
        return (2..=4).contains(&non_space.len());
    }
    if t.chars().any(|c| {
        c.is_ascii_digit()
            || is_cjk(c)
            || matches!(
                c,
                '@' | '/'
                    | ','
                    | ':'
                    | '|'
                    | '('
                    | ')'
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '&'
                    | '+'
                    | '#'
                    | '!'
                    | '?'
                    | ';'
                    | '"'
                    | '“'
                    | '”'
                    | '•'
                    | '='
                    | '<'
                    | '>'
                    | '_'
            )
    }) {
        return false;
    }
    if t.contains("www.")
        || t.ends_with('.')
            && t.split_whitespace()
                .last()
                .is_none_or(|w| w.chars().count() > 2)
    {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    if classify_heading(t).is_some() {
        return false;
    }
    let mut capitalised = 0;
    for w in &words {
        let lw = w.to_lowercase();
        if NOT_NAME_WORDS.contains(&lw.as_str()) {
            return false;
        }
        if NAME_PARTICLES.contains(&lw.as_str())
            && !w.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        let first = w.chars().next().unwrap_or(' ');
        if !first.is_uppercase() {
            return false;
        }
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        {
            return false;
        }
        // "McDonald", "DeSantis", "JOHN" are fine; "iPhone" is not (first is upper here).
        capitalised += 1;
    }
    capitalised >= 2
}

/// All e-mail addresses in a text, in order.
pub fn find_emails(text: &str) -> Vec<String> {
    email_re()
        .find_iter(text)
        .map(|m| m.as_str().trim_end_matches(['.', '-']).to_string())
        .collect()
}

fn is_sep(c: char) -> bool {
    matches!(
        c,
        ' ' | '-'
            | '‐'
            | '‑'
            | '‒'
            | '–'
            | '—'
            | '.'
            | '/'
            | '('
            | ')'
            | '\u{AD}'
            | '\u{A0}'
            | '\t'
    )
}

fn is_year(g: &str) -> bool {
    g.len() == 4 && (g.starts_with("19") || g.starts_with("20"))
}

/// Normalise a phone number (see the module documentation for the form). `None` when the
/// text is not a plausible phone number: fewer than 7 or more than 15 digits, letters other
/// than an extension word, dates and year ranges (`2019-2021`, `12/05/2020`, `2001.07`), ZIP
/// codes, grades (`3.8/4.0`).
pub fn normalize_phone(raw: &str) -> Option<String> {
    static EXT: OnceLock<Regex> = OnceLock::new();
    let ext = re(
        &EXT,
        r"(?i)\s*(?:ext\.?|extension|x|#|poste|durchwahl|dw\.?)\s*\d{1,6}\s*$",
    );
    let s = raw.trim();
    let start = s.find(|c: char| c == '+' || c == '(' || c.is_ascii_digit())?;
    let mut s = &s[start..];
    if let Some(m) = ext.find(s) {
        if m.start() > 0 {
            s = &s[..m.start()];
        }
    }
    let s = s.trim_end_matches(|c: char| is_sep(c) && c != ')');
    // Leading "+" or "(+".
    let plus = s.trim_start_matches('(').trim_start().starts_with('+');
    let mut body = String::with_capacity(s.len());
    let mut seen_plus = false;
    for c in s.chars() {
        if c == '+' {
            if seen_plus || body.chars().any(|b| b.is_ascii_digit()) {
                return None;
            }
            seen_plus = true;
            continue;
        }
        if c.is_ascii_digit() || is_sep(c) {
            body.push(c);
        } else {
            return None;
        }
    }
    // Trunk prefix "(0)" after a country code: "+49 (0)30 …".
    let body = if plus {
        body.replacen("(0)", " ", 1)
    } else {
        body
    };
    let groups: Vec<&str> = body
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let digits: String = groups.concat();
    let n = digits.len();
    if !(7..=15).contains(&n) {
        return None;
    }
    if digits.bytes().all(|b| b == b'0') {
        return None;
    }
    let has = |c: char| body.contains(c);
    // Decimals and grades: "3.66", "9.15/10.0".
    let b = body.as_bytes();
    for (k, &ch) in b.iter().enumerate() {
        if ch == b'.'
            && k > 0
            && k + 1 < b.len()
            && b[k - 1].is_ascii_digit()
            && b[k + 1].is_ascii_digit()
        {
            let left = b[..k]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let right = b[k + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if left == 1 || right == 1 || has('/') {
                return None;
            }
        }
    }
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    if !plus {
        // Dates and year ranges.
        let years = groups.iter().filter(|g| is_year(g)).count();
        if years >= 2 {
            return None;
        }
        if years == 1 && (has('.') || has('/') || has('-') || has('–')) && groups.len() <= 3 {
            let ok_date = groups.iter().all(|g| g.len() <= 2 || is_year(g));
            if ok_date {
                return None;
            }
        }
        // ZIP+4.
        if lens == [5, 4] {
            return None;
        }
        if digits.starts_with("00") && n >= 10 {
            if digits[2..].starts_with('0') {
                return None;
            }
            return Some(format!("+{}", &digits[2..]));
        }
        if n > 12 {
            return None;
        }
        let nanp_grouping = lens == [3, 3, 4] || (lens == [1, 3, 3, 4] && groups[0] == "1");
        if nanp_grouping {
            let d10 = if n == 11 { &digits[1..] } else { &digits[..] };
            if !d10.starts_with('0') {
                return Some(format!("+1{d10}"));
            }
        }
        return Some(groups.join(" "));
    }
    if digits.starts_with('0') {
        return None;
    }
    Some(format!("+{digits}"))
}

/// The first phone number in a text (normalised), trying sub-spans when a match glues a
/// ZIP code or another number to the phone.
pub fn find_phone(text: &str) -> Option<String> {
    for m in phone_re().find_iter(text) {
        let cand = m.as_str();
        if let Some(p) = normalize_phone(cand) {
            return Some(p);
        }
        // Drop leading / trailing space-separated groups.
        let parts: Vec<&str> = cand.split_whitespace().collect();
        for k in 1..parts.len() {
            if let Some(p) = normalize_phone(&parts[k..].join(" ")) {
                return Some(p);
            }
            if let Some(p) = normalize_phone(&parts[..parts.len() - k].join(" ")) {
                return Some(p);
            }
        }
    }
    None
}

fn has_phone_label(text: &str) -> bool {
    let f = fold(text);
    PHONE_LABELS.iter().any(|l| {
        if l.is_ascii() {
            f.split(|c: char| !c.is_alphanumeric()).any(|w| w == *l)
        } else {
            f.contains(l)
        }
    })
}

/// Normalise a URL or bare domain to `https://host/path` (see module docs); `None` for
/// `mailto:`, `tel:` and other non-web schemes.
pub fn normalize_url(raw: &str) -> Option<String> {
    let t = raw
        .trim()
        .trim_end_matches(['.', ',', ')', ';', ':', '!', '?', '\'', '"', '’']);
    let lower = t.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://") {
        &t[t.len() - r.len()..]
    } else if let Some(r) = lower.strip_prefix("http://") {
        &t[t.len() - r.len()..]
    } else if lower.contains("://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || lower.starts_with("javascript:")
    {
        return None;
    } else {
        t
    };
    let rest = rest.trim_end_matches('/');
    if rest.is_empty() || rest.contains('@') && !rest.contains('/') {
        return None;
    }
    let (host, path) = match rest.find(['/', '?', '#']) {
        Some(p) => (&rest[..p], &rest[p..]),
        None => (rest, ""),
    };
    if !host.contains('.')
        || host
            .chars()
            .any(|c| !(c.is_alphanumeric() || matches!(c, '.' | '-' | ':')))
    {
        return None;
    }
    Some(format!("https://{}{}", host.to_lowercase(), path))
}

fn url_key(u: &str) -> String {
    let l = u.to_lowercase();
    let l = l
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    l.trim_start_matches("www.")
        .trim_end_matches('/')
        .to_string()
}

fn host_of(u: &str) -> String {
    let k = url_key(u);
    k.split(['/', '?', '#']).next().unwrap_or("").to_string()
}

fn is_profile_host(u: &str) -> bool {
    let h = host_of(u);
    PROFILE_HOSTS
        .iter()
        .any(|p| h == *p || h.ends_with(&format!(".{p}")))
}

/// URLs visible in a text (e-mail addresses excluded), normalised. With `bare == false` only
/// links with a scheme, `www.` or a profile host are returned.
pub fn find_links(text: &str, bare: bool) -> Vec<String> {
    let without_emails = email_re().replace_all(text, " ");
    let mut out = Vec::new();
    for m in url_re().find_iter(&without_emails) {
        let s = m.as_str();
        // Skip file names and version-like tokens ("resume.pdf", "v1.2.io" is still a host).
        let lower = s.to_ascii_lowercase();
        if lower.ends_with(".js")
            || lower.ends_with(".net")
                && !lower.contains('/')
                && !lower.starts_with("www.")
                && !lower.contains("://")
                && !bare
        {
            continue;
        }
        let Some(u) = normalize_url(s) else { continue };
        let explicit = lower.starts_with("http") || lower.starts_with("www.");
        if bare || explicit || is_profile_host(&u) {
            out.push(u);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Location
// ---------------------------------------------------------------------------------------------

/// "CA", "CA 94588", "California".
fn is_us_state(s: &str) -> bool {
    let t = s.trim();
    let mut it = t.split_whitespace();
    let first = it.next().unwrap_or("");
    let rest: Vec<&str> = it.collect();
    let zip_ok = |r: &[&str]| {
        r.is_empty()
            || (r.len() == 1 && {
                let z = r[0];
                let d: Vec<&str> = z.split('-').collect();
                d[0].len() == 5
                    && d.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
                    && d.iter().skip(1).all(|p| p.len() == 4)
            })
    };
    if is_region_code(first) && zip_ok(&rest) {
        return true;
    }
    let f = fold(t);
    // Full name, maybe with a ZIP.
    let name: String = f
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit() || c == '-'))
        .collect::<Vec<_>>()
        .join(" ");
    is_us_state_name(&name)
}

/// "CA" or "CA 94588" at the start of a longer text.
fn state_prefix(s: &str) -> Option<&str> {
    let mut ws = s.split_whitespace();
    let st = ws.next()?;
    if !is_region_code(st) {
        return None;
    }
    let zip = ws
        .next()
        .filter(|z| z.len() == 5 && z.chars().all(|c| c.is_ascii_digit()));
    let end = match zip {
        Some(z) => s.find(z)? + z.len(),
        None => s.find(st)? + st.len(),
    };
    Some(&s[..end])
}

fn city_like(s: &str) -> bool {
    let t = s.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || is_cjk(c))
        && !t
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '@' | ':' | '/' | '(' | ')'))
        && !words.iter().any(|w| {
            NOT_NAME_WORDS.contains(&w.to_lowercase().as_str())
                && !matches!(w.to_lowercase().as_str(), "city" | "state")
        })
}

/// A location in a line: `City, ST`, `City, ST 12345`, `City, State`, `City, Country`,
/// `City, Region, Country`.
pub fn find_location(text: &str) -> Option<String> {
    static URL: OnceLock<Regex> = OnceLock::new();
    let no_email = email_re().replace_all(text, "|");
    let cleaned = re(&URL, r"(?i)(?:https?://|www\.)\S+").replace_all(&no_email, "|");
    let text: &str = &cleaned;
    for seg in text
        .split(['•', '·', ';', '\t', '–', '—', '|'])
        .flat_map(|s| s.split(" , "))
        .flat_map(|s| s.split(" - "))
        .flat_map(|s| s.split(". "))
    {
        let seg = seg.trim();
        if seg.is_empty() || seg.contains('@') || seg.contains("://") || seg.contains("www.") {
            continue;
        }
        // A "Label: value" prefix.
        let seg = match seg.find(':') {
            Some(p) if seg[..p].split_whitespace().count() <= 2 => seg[p + 1..].trim(),
            _ => seg,
        };
        let parts: Vec<&str> = seg.split(',').map(str::trim).collect();
        for j in 1..parts.len() {
            let p = parts[j].trim_end_matches('.');
            // "CA 94588 (555) 123-4567 …": keep only the state and ZIP.
            let p = state_prefix(p).unwrap_or(p);
            if is_us_state(p) {
                if city_like(parts[j - 1]) {
                    return Some(format!("{}, {}", parts[j - 1], p));
                }
            } else if is_country(p) && city_like(parts[j - 1]) {
                let mut from = j - 1;
                if from >= 1
                    && city_like(parts[from - 1])
                    && j + 1 == parts.len()
                    && j >= 2
                    && parts[from - 1].split_whitespace().count() <= 3
                {
                    from -= 1;
                }
                return Some(parts[from..=j].join(", "));
            }
        }
    }
    None
}

fn labelled_location(text: &str) -> Option<String> {
    let p = text.find([':', '：'])?;
    let label = fold(&text[..p]);
    let label = label.trim();
    const LABELS: &[&str] = &[
        "address",
        "location",
        "adresse",
        "direccion",
        "domicilio",
        "wohnort",
        "anschrift",
        "ubicacion",
        "地址",
        "住址",
        "所在地",
        "based in",
    ];
    if LABELS.contains(&label) {
        let sep = text[p..].chars().next().map_or(1, char::len_utf8);
        let v = text[p + sep..].trim();
        if !v.is_empty() && !v.contains(['@', '{', '[', '<']) {
            return Some(v.to_string());
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

fn dedupe_push(out: &mut Vec<String>, u: String) {
    let k = url_key(&u);
    if !out.iter().any(|x| url_key(x) == k) {
        out.push(u);
    }
}

/// Extract the contact details. `header_block` is the range of lines before the first
/// section heading (see [`crate::resume::sections::header_block`]); `links` the document's hyperlink
/// targets.
pub fn extract_contact(lines: &[Line], header_block: Range<usize>, links: &[String]) -> Contact {
    let hb = header_block.start.min(lines.len())..header_block.end.min(lines.len());
    let in_tier0 =
        |i: usize| hb.contains(&i) || matches!(lines[i].region, Region::Header | Region::Footer);
    let tier0: Vec<usize> = (0..lines.len()).filter(|&i| in_tier0(i)).collect();
    let tier1: Vec<usize> = (0..lines.len()).filter(|&i| !in_tier0(i)).collect();
    let mut c = Contact::default();
    let mut anchors: Vec<usize> = Vec::new(); // lines holding contact details

    // E-mail.
    for &i in &tier0 {
        if let Some(e) = find_emails(&lines[i].text).into_iter().next() {
            c.email = Some(e);
            anchors.push(i);
            break;
        }
    }
    if c.email.is_none() {
        c.email = links.iter().find_map(|l| {
            let t = l.trim();
            let lower = t.to_ascii_lowercase();
            lower.strip_prefix("mailto:").map(|_| {
                let addr = &t[7..];
                addr.split('?').next().unwrap_or(addr).to_string()
            })
        });
    }
    if c.email.is_none() {
        for &i in &tier1 {
            if let Some(e) = find_emails(&lines[i].text).into_iter().next() {
                c.email = Some(e);
                anchors.push(i);
                break;
            }
        }
    } else if anchors.is_empty() {
        let e = c.email.clone().unwrap_or_default();
        if let Some(i) = tier1.iter().copied().find(|&i| lines[i].text.contains(&e)) {
            anchors.push(i);
        }
    }

    // Phone.
    for &i in &tier0 {
        let t = email_re().replace_all(&lines[i].text, " ");
        if let Some(p) = find_phone(&t) {
            c.phone = Some(p);
            anchors.push(i);
            break;
        }
    }
    if c.phone.is_none() {
        for &i in &tier1 {
            let text = &lines[i].text;
            let t = email_re().replace_all(text, " ");
            if let Some(p) = find_phone(&t) {
                let strong = has_phone_label(text)
                    || p.starts_with('+')
                    || (p.starts_with("+1") && p.len() == 12);
                let near = anchors.iter().any(|&a| a.abs_diff(i) <= 3);
                if strong || near {
                    c.phone = Some(p);
                    anchors.push(i);
                    break;
                }
            }
        }
    }
    if c.phone.is_none() {
        c.phone = links.iter().find_map(|l| {
            let lower = l.trim().to_ascii_lowercase();
            lower.strip_prefix("tel:").and_then(normalize_phone)
        });
    }

    // Links.
    let mut out: Vec<String> = Vec::new();
    for &i in &tier0 {
        for u in find_links(&lines[i].text, true) {
            dedupe_push(&mut out, u);
            anchors.push(i);
        }
    }

    // Name.
    c.name = pick_name(lines, &tier0).or_else(|| {
        let near: Vec<usize> = tier1
            .iter()
            .copied()
            .filter(|&i| anchors.iter().any(|&a| a.abs_diff(i) <= 3) || tier1_contactish(lines, i))
            .collect();
        pick_name(lines, &near)
    });
    let name_tokens: Vec<String> = c
        .name
        .as_deref()
        .map(|n| {
            fold(n)
                .split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let email_local: Option<String> = c
        .email
        .as_deref()
        .and_then(|e| e.split('@').next())
        .map(|l| fold(l).replace(['.', '_', '-'], ""));
    let personal = |u: &str| {
        let h = host_of(u).replace(['-', '.'], "");
        (!name_tokens.is_empty() && name_tokens.iter().all(|t| h.contains(t.as_str())))
            || email_local
                .as_deref()
                .is_some_and(|l| l.len() >= 4 && h.contains(l))
    };
    for &i in &tier1 {
        for u in find_links(&lines[i].text, false) {
            if is_profile_host(&u) || personal(&u) {
                dedupe_push(&mut out, u);
                anchors.push(i);
            }
        }
    }
    for l in links {
        if let Some(u) = normalize_url(l) {
            if is_profile_host(&u) || personal(&u) {
                dedupe_push(&mut out, u);
            }
        }
    }
    c.links = out;

    // Location.
    for &i in &tier0 {
        if let Some(loc) =
            find_location(&lines[i].text).or_else(|| labelled_location(&lines[i].text))
        {
            c.location = Some(loc);
            break;
        }
    }
    if c.location.is_none() {
        let tier1_anchors: Vec<usize> = anchors.iter().copied().filter(|&a| !in_tier0(a)).collect();
        for &i in &tier1 {
            let near = tier1_anchors.iter().any(|&a| a.abs_diff(i) <= 3);
            let loc = labelled_location(&lines[i].text).or_else(|| {
                if near {
                    find_location(&lines[i].text)
                } else {
                    None
                }
            });
            if loc.is_some() {
                c.location = loc;
                break;
            }
        }
    }
    c
}

/// Lines outside the header block that look like a contact line (e-mail, URL).
fn tier1_contactish(lines: &[Line], i: usize) -> bool {
    let t = &lines[i].text;
    t.contains('@') || t.contains("://") || t.contains("www.")
}

/// A line as a name candidate: the text after a "Name:" label, without post-nominals
/// ("Maria L. Gonzalez, RN, BSN" → "Maria L. Gonzalez"); `None` when it does not look like a
/// name.
fn name_candidate(line: &str) -> Option<String> {
    let t = line.trim();
    let t = t.strip_prefix("Name:").unwrap_or(t).trim();
    if looks_like_name(t) {
        return Some(t.to_string());
    }
    let (head, _) = super::credentials::split_postnominals(t)?;
    looks_like_name(&head).then_some(head)
}

fn pick_name(lines: &[Line], idx: &[usize]) -> Option<String> {
    let cands: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| name_candidate(&lines[i].text).is_some())
        .collect();
    let first = *cands.first()?;
    let sized = cands.iter().any(|&i| lines[i].font_size > 0.0);
    let best = if sized {
        cands.iter().copied().fold(first, |b, i| {
            if lines[i].font_size > lines[b].font_size {
                i
            } else {
                b
            }
        })
    } else {
        first
    };
    name_candidate(&lines[best].text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn np(s: &str) -> Option<String> {
        normalize_phone(s)
    }

    #[test]
    fn phones_us() {
        assert_eq!(np("(555) 123-4567").as_deref(), Some("+15551234567"));
        assert_eq!(np("555-123-4567").as_deref(), Some("+15551234567"));
        assert_eq!(np("555.123.4567").as_deref(), Some("+15551234567"));
        assert_eq!(np("1-555-123-4567").as_deref(), Some("+15551234567"));
        assert_eq!(np("+1 (415) 555-0142").as_deref(), Some("+14155550142"));
        assert_eq!(np("+1-123-456-7890").as_deref(), Some("+11234567890"));
        assert_eq!(
            np("(555) 123-4567 ext. 89").as_deref(),
            Some("+15551234567")
        );
        assert_eq!(np("555-123-4567 x12").as_deref(), Some("+15551234567"));
        assert_eq!(np("Phone: (909) 555‐5555").as_deref(), Some("+19095555555"));
    }

    #[test]
    fn phones_international() {
        assert_eq!(np("+44 20 7946 0958").as_deref(), Some("+442079460958"));
        assert_eq!(np("+44 (0)20 7946 0958").as_deref(), Some("+442079460958"));
        assert_eq!(np("06 12 34 56 78").as_deref(), Some("06 12 34 56 78"));
        assert_eq!(np("+33 6 12 34 56 78").as_deref(), Some("+33612345678"));
        assert_eq!(np("+49 (0)30 1234567").as_deref(), Some("+49301234567"));
        assert_eq!(
            np("+49 (0)30 12345-67 Durchwahl 12").as_deref(),
            Some("+49301234567")
        );
        assert_eq!(np("0049 30 1234567").as_deref(), Some("+49301234567"));
        assert_eq!(np("030 1234567").as_deref(), Some("030 1234567"));
        assert_eq!(np("(+82) 10-9030-1843").as_deref(), Some("+821090301843"));
        assert_eq!(np("18080809090").as_deref(), Some("18080809090"));
    }

    #[test]
    fn phones_negative() {
        for s in [
            "2019-2021",
            "2019 – 2021",
            "2019",
            "12345",
            "12345-6789",
            "3.8/4.0",
            "3.97/4.00",
            "12/05/2020",
            "2020.05.12",
            "2001.07-2020.06",
            "Jan 2019 - Dec 2021",
            "abc",
            "",
            "+",
            "123",
            "000 00 0000",
            "+00 (0)00 000 0000",
            "12345678901234567",
            "94588 555 123 4567",
        ] {
            assert_eq!(np(s), None, "{s}");
        }
    }

    #[test]
    fn find_phone_in_lines() {
        assert_eq!(
            find_phone("Pleasantville, CA 94588  (555) 123-4567  john@x.com").as_deref(),
            Some("+15551234567")
        );
        assert_eq!(
            find_phone("123-456-7890 | jake@su.edu").as_deref(),
            Some("+11234567890")
        );
        assert_eq!(find_phone("Aug 2012 – Dec 2013"), None);
        assert_eq!(find_phone("GPA: 3.66 (9.15/10.0)"), None);
    }

    #[test]
    fn names() {
        for n in [
            "Jake Ryan",
            "JOHN DOE",
            "Claud D. Park",
            "Leo Leopard",
            "Jean-Luc de la Fontaine",
            "小龙 李",
            "卅一",
            "Mary O'Neil",
        ] {
            assert!(looks_like_name(n), "{n}");
        }
        for n in [
            "Senior Software Engineer",
            "San Francisco, CA",
            "Education",
            "john@doe.com",
            "Jake",
            "Creative and Innovative Web Developer",
            "Curriculum Vitae",
            "BUG工程师",
            "Welcome to RenderCV",
            "Amazon Web Services",
            "123 Main Street",
            "linkedin.com/in/x",
            "",
        ] {
            assert!(!looks_like_name(n), "{n}");
        }
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(find_emails("Email: a.b@c.co.uk, x"), vec!["a.b@c.co.uk"]);
        assert_eq!(
            find_links(
                "123 | jake@su.edu | linkedin.com/in/jake | github.com/jake | Node.js",
                false
            ),
            vec!["https://linkedin.com/in/jake", "https://github.com/jake"]
        );
        assert_eq!(
            find_links("www.site.com and http://Example.org/x/", false),
            vec!["https://www.site.com", "https://example.org/x"]
        );
        assert_eq!(
            find_links("sourabhbajaj.com", true),
            vec!["https://sourabhbajaj.com"]
        );
        assert!(find_links("sourabhbajaj.com", false).is_empty());
        assert_eq!(normalize_url("mailto:a@b.c"), None);
        assert_eq!(normalize_url("tel:+1555"), None);
    }

    #[test]
    fn locations() {
        assert_eq!(
            find_location("Pleasantville, CA 94588 (555) 123-4567 john.doe@gmail.com").as_deref(),
            Some("Pleasantville, CA 94588")
        );
        assert_eq!(
            find_location("Pleasantville, CA 94588").as_deref(),
            Some("Pleasantville, CA 94588")
        );
        assert_eq!(
            find_location("555 La Verne Way, La Verne, CA").as_deref(),
            Some("La Verne, CA")
        );
        assert_eq!(
            find_location("Pune, Maharashtra, India").as_deref(),
            Some("Pune, Maharashtra, India")
        );
        assert_eq!(
            find_location("Berlin, Germany").as_deref(),
            Some("Berlin, Germany")
        );
        assert_eq!(
            find_location("john@x.com , +1 (415) 555-0142 , San Francisco, CA , x").as_deref(),
            Some("San Francisco, CA")
        );
        assert_eq!(
            find_location("Programmer, San Francisco, California. Website: x").as_deref(),
            Some("San Francisco, California")
        );
        assert_eq!(find_location("Python, Go, Rust"), None);
    }

    #[test]
    fn extract_never_panics() {
        let lines: Vec<Line> = ["", "é", "+", "@", "(((", "http://", "Name:"]
            .iter()
            .map(|s| Line::plain(*s))
            .collect();
        let _ = extract_contact(
            &lines,
            0..100,
            &["mailto:".into(), "tel:".into(), "".into()],
        );
        #[allow(clippy::reversed_empty_ranges)]
        let _ = extract_contact(&[], 5..2, &[]);
    }
}
