//! Credentials a posting asks for — licences, registrations, certifications, clearances,
//! driving licences ("current RN license in Ohio", "BLS and ACLS from the AHA", "CDL Class A",
//! "PMP preferred") — found with the catalogue of
//! [`crate::resume::entities::credentials`], each with its importance (the section's, the cue
//! phrases', and "or obtain within 6 months of hire" / "willingness to obtain", which make it
//! preferred: not a knockout).

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::Importance;
use crate::resume::entities::credentials::CredentialKind;

/// A credential the job asks for.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobCredential {
    /// The catalogue's display name ("Registered Nurse (RN)").
    pub name: String,
    pub kind: CredentialKind,
    /// Required: missing it is a knockout.
    pub required: bool,
    pub importance: Importance,
    /// As written in the posting ("RN license").
    pub matched_as: String,
    /// The line of the posting it was read from.
    pub evidence: String,
    /// Why it has its importance.
    pub cue: String,
    /// The required credential this one is an alternative to ("ACLS or PALS").
    pub alternative_to: Option<String>,
}

/// "within 6 months of hire", "willingness to obtain", "eligible for", "or in progress":
/// the credential may come later, so it is not required at application.
static LATER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bwithin\s+(?:\d+|one|two|three|six|twelve|ninety|thirty|sixty)\s*(?:\(\d+\)\s*)?(?:days?|weeks?|months?|years?)\b|\bwilling(?:ness)?\s+to\s+(?:obtain|get|earn|acquire|pursue|complete)\b|\bable\s+to\s+obtain\b|\beligib(?:le|ility)\s+(?:for|to)\b|\b(?:obtain|earn)(?:ed)?\s+(?:upon|after)\s+hire\b|\bin\s+progress\b|\bworking\s+toward")
        .expect("later regex")
});

static REQUIRED_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:required|must|mandatory|essential|at\s+(?:time\s+of\s+)?hire)\b")
        .expect("required word regex")
});

/// The phrase that lets the credential at `[start, end)` of `sentence` come later ("ACLS
/// within 6 months of hire", "willingness to obtain CCRN"), if any: a later-phrase in the same
/// `;`-clause, after the mention with no "required"/"must" in between, or before it.
pub(crate) fn later_cue(sentence: &str, start: usize, end: usize) -> Option<String> {
    // "CPA-eligible", "PE eligible": the credential itself is not yet held.
    static ELIGIBLE_AFTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^[\s-]?eligib(?:le|ility)\b").expect("eligible regex"));
    if let Some(m) = ELIGIBLE_AFTER.find(&sentence[end..]) {
        return Some(m.as_str().trim_start_matches([' ', '-']).to_string());
    }
    let lo = sentence[..start].rfind(';').map_or(0, |i| i + 1);
    let hi = sentence[end..]
        .find(';')
        .map_or(sentence.len(), |i| end + i);
    let clause = &sentence[lo..hi];
    LATER.find_iter(clause).find_map(|m| {
        let (ms, me) = (lo + m.start(), lo + m.end());
        let between = if ms >= end {
            &sentence[end..ms]
        } else if me <= start {
            &sentence[me..start]
        } else {
            return None;
        };
        (!REQUIRED_WORD.is_match(between)).then(|| m.as_str().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn later(s: &str, form: &str) -> Option<String> {
        let i = s.find(form).unwrap();
        later_cue(s, i, i + form.len())
    }

    #[test]
    fn later_phrases() {
        let s = "BLS required; ACLS within 6 months of hire";
        assert!(later(s, "BLS").is_none());
        assert_eq!(later(s, "ACLS").as_deref(), Some("within 6 months"));
        assert!(later("Willingness to obtain CCRN", "CCRN").is_some());
        assert_eq!(
            later("CPA-eligible candidates encouraged", "CPA").as_deref(),
            Some("eligible")
        );
        assert!(later("Current RN license required within the state", "RN").is_none());
        let s = "RN license required at hire and CCRN within two years";
        assert!(later(s, "RN").is_none());
        assert!(later(s, "CCRN").is_some());
    }
}
