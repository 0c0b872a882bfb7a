//! Finding skills in text. STUB: exact lower-case word matching (to be replaced by the
//! Aho-Corasick matcher with inflections and context rules).

use serde::Serialize;

use super::taxonomy::{SkillId, Taxonomy};
use crate::sections::SectionKind;

/// One skill mention in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillMatch {
    pub skill: SkillId,
    /// The text as written in the document ("k8s").
    pub matched_as: String,
    /// Byte range of the mention in the searched text.
    pub start: usize,
    pub end: usize,
}

/// Where a skill was seen: the section and a snippet around the mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub section: SectionKind,
    /// The sentence or line around the mention (at most ~160 characters).
    pub snippet: String,
}

impl SkillMatch {
    /// The evidence of this mention in `text` (the text it was found in).
    pub fn evidence(&self, section: SectionKind, text: &str) -> Evidence {
        let line_start = text[..self.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[self.end..]
            .find('\n')
            .map_or(text.len(), |i| self.end + i);
        Evidence {
            section,
            snippet: text[line_start..line_end]
                .trim()
                .chars()
                .take(160)
                .collect(),
        }
    }
}

pub(crate) struct Matcher {
    forms: Vec<(String, SkillId)>,
}

impl Matcher {
    pub(crate) fn new(forms: Vec<(String, SkillId)>) -> Matcher {
        Matcher { forms }
    }

    pub(crate) fn lookup(&self, name: &str) -> Option<SkillId> {
        let n = name.trim().to_lowercase();
        self.forms.iter().find(|(f, _)| *f == n).map(|(_, id)| *id)
    }

    pub(crate) fn find(&self, _tax: &Taxonomy, text: &str) -> Vec<SkillMatch> {
        let lower = text.to_lowercase();
        let mut out = Vec::new();
        if lower.len() != text.len() {
            return out;
        }
        for (form, id) in &self.forms {
            let mut from = 0;
            while let Some(i) = lower[from..].find(form.as_str()) {
                let s = from + i;
                let e = s + form.len();
                let before = lower[..s].chars().next_back();
                let after = lower[e..].chars().next();
                if !before.is_some_and(|c| c.is_alphanumeric())
                    && !after.is_some_and(|c| c.is_alphanumeric())
                {
                    out.push(SkillMatch {
                        skill: *id,
                        matched_as: text[s..e].to_string(),
                        start: s,
                        end: e,
                    });
                }
                from = e;
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }
}
