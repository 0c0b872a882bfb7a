//! Cue phrases that say how much a sentence's skills are wanted: "must", "required",
//! "essential" (required); "nice to have", "a plus", "preferred", "familiarity with",
//! "ideally" (preferred); and weak intensity words ("strong", "at least", "proficient") that
//! only explain a requirement. English, French, Spanish and German.

use std::sync::LazyLock;

use regex::Regex;

/// What a cue phrase says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// "must", "required", "mandatory", "essential".
    Required,
    /// "strong", "at least", "minimum", "proficient": required in a neutral section, no
    /// effect in a preferred one.
    Weak,
    /// "nice to have", "a plus", "preferred", "familiarity with", "ideally".
    Preferred,
}

/// A cue phrase found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cue {
    pub kind: CueKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

static PREFERRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:nice[- ]to[- ]haves?|nice[- ]to[- ]know|good[- ]to[- ]have|bonus(?:\s+points)?|preferred|preferably|preferable|(?:a|big|huge|definite|real)\s+plus|(?:an|a\s+big)\s+advantage|advantageous|familiarity\s+with|familiar\s+with|exposure\s+to|ideally|desirable|desired|optional|not\s+(?:required|mandatory|essential|necessary)|would\s+be\s+(?:nice|great|good|helpful)|helpful|un\s+plus|un\s+atout|atouts?|appr[ée]ci[ée]e?s?|souhait[ée]e?s?|souhaitable|id[ée]alement|deseable|valorable|se\s+valorar[áa]|valoraremos|idealmente|w[üu]nschenswert|von\s+vorteil|idealerweise)\b",
    )
    .expect("preferred cue regex")
});

static REQUIRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:must|required|requires?|mandatory|essential|need\s+to\s+have|needs\s+to\s+have|obligatoire|exig[ée]e?s?|requise?s?|indispensables?|imprescindibles?|obligatori[oa]s?|requerid[oa]s?|necesari[oa]s?|zwingend|erforderlich|vorausgesetzt|setzen\s+voraus)\b",
    )
    .expect("required cue regex")
});

static WEAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:at\s+least|minimum|strong|solid|proven|extensive|proficien(?:t|cy)|expert(?:ise)?|in[- ]depth|deep|thorough|excellent|advanced|hands[- ]on|demonstrated|au\s+moins|ma[îi]trise|solides?|al\s+menos|m[íi]nimo|s[óo]lid[oa]s?|mindestens|fundierte?n?|sehr\s+gute)\b",
    )
    .expect("weak cue regex")
});

static PREFERABLY_DETAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:preferably|ideally|idealement|idealmente|idealerweise)\s+(?:in|with|within|at|from|on|for|as|en|dans|con|mit|im)\b")
        .expect("preferably-detail regex")
});

/// Every cue phrase in `sentence`, by position. A required word inside a preferred phrase
/// ("not required") is not a required cue.
pub(crate) fn cues(sentence: &str) -> Vec<Cue> {
    let mut out: Vec<Cue> = Vec::new();
    for m in PREFERRED.find_iter(sentence) {
        out.push(Cue {
            kind: CueKind::Preferred,
            start: m.start(),
            end: m.end(),
            text: m.as_str().to_string(),
        });
    }
    for (re, kind) in [(&*REQUIRED, CueKind::Required), (&*WEAK, CueKind::Weak)] {
        for m in re.find_iter(sentence) {
            if out.iter().any(|c| m.start() < c.end && c.start < m.end()) {
                continue;
            }
            out.push(Cue {
                kind,
                start: m.start(),
                end: m.end(),
                text: m.as_str().to_string(),
            });
        }
    }
    out.sort_by_key(|c| c.start);
    out
}

/// The cue governing a mention at `[start, end)` of `sentence`. Only cues in the mention's
/// clause count (clauses are separated by ';'). When the clause has both required and
/// preferred cues, the nearest one (within 120 bytes) wins ("Strong Python, Docker a plus");
/// otherwise the clause's strongest cue (preferred, then required, then weak).
pub(crate) fn governing<'c>(
    sentence: &str,
    cues: &'c [Cue],
    start: usize,
    end: usize,
) -> Option<&'c Cue> {
    let lo = sentence
        .get(..start)
        .and_then(|h| h.rfind(';'))
        .map_or(0, |i| i + 1);
    let hi = sentence
        .get(end..)
        .and_then(|t| t.find(';'))
        .map_or(sentence.len(), |i| end + i);
    let cues: Vec<&Cue> = cues
        .iter()
        .filter(|c| c.start >= lo && c.end <= hi)
        // A cue inside a parenthesis that does not hold the mention qualifies that aside
        // ("3+ years of SaaS sales (ideally with President's Club)").
        .filter(|c| {
            let open = sentence[..c.start].rfind('(');
            let close = sentence[c.start..].find(')').map(|i| c.start + i);
            match (open, close) {
                (Some(o), Some(cl)) if !sentence[o..c.start].contains(')') => {
                    o < start && end <= cl
                }
                _ => true,
            }
        })
        // "…, preferably in retail", "ideally with…" after the mention qualify a detail of
        // it, not the mention itself.
        .filter(|c| {
            !(c.kind == CueKind::Preferred
                && c.start >= end
                && PREFERABLY_DETAIL.is_match(&sentence[c.start..]))
        })
        .collect();
    let has_pref = cues.iter().any(|c| c.kind == CueKind::Preferred);
    let has_req = cues.iter().any(|c| c.kind != CueKind::Preferred);
    if has_pref && has_req {
        // A cue in the mention's comma-separated part governs it ("Strong Python and SQL,
        // Docker a plus"); else the nearest cue before it ("Strong Python, Java"); else the
        // nearest one after it (within 120 bytes).
        let plo = sentence
            .get(..start)
            .and_then(|h| h.rfind(','))
            .map_or(lo, |i| (i + 1).max(lo));
        let phi = sentence
            .get(end..)
            .and_then(|t| t.find(','))
            .map_or(hi, |i| (end + i).min(hi));
        let part: Vec<&Cue> = cues
            .iter()
            .copied()
            .filter(|c| c.start >= plo && c.end <= phi)
            .collect();
        if !part.is_empty() {
            return strongest(&part);
        }
        if let Some(c) = cues
            .iter()
            .copied()
            .filter(|c| c.end <= start)
            .max_by_key(|c| c.end)
        {
            return Some(c);
        }
        return cues
            .into_iter()
            .filter(|c| c.start >= end && c.start - end <= 120)
            .min_by_key(|c| c.start);
    }
    strongest(&cues)
}

/// Preferred, then required, then weak.
fn strongest<'c>(cues: &[&'c Cue]) -> Option<&'c Cue> {
    cues.iter()
        .find(|c| c.kind == CueKind::Preferred)
        .or_else(|| cues.iter().find(|c| c.kind == CueKind::Required))
        .or_else(|| cues.first())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cues() {
        let c = cues("Optional (not required): financial product knowledge");
        assert!(c.iter().all(|c| c.kind == CueKind::Preferred));
        let s = "Strong Python is required; Docker is a plus";
        let c = cues(s);
        let py = s.find("Python").unwrap();
        let dk = s.find("Docker").unwrap();
        assert_ne!(
            governing(s, &c, py, py + 6).unwrap().kind,
            CueKind::Preferred
        );
        assert_eq!(
            governing(s, &c, dk, dk + 6).unwrap().kind,
            CueKind::Preferred
        );
        assert_eq!(cues("Maîtrise de Python exigée")[0].kind, CueKind::Weak);
        let s = "2 years of sales experience, preferably in retail banking";
        assert!(governing(s, &cues(s), 0, 7).is_none());
        let s = "3+ years of SaaS sales (ideally with President's Club)";
        assert!(governing(s, &cues(s), 0, 8).is_none_or(|c| c.kind != CueKind::Preferred));
        let s = "Bachelor's degree in Marketing; MBA preferred";
        let c = cues(s);
        assert!(governing(s, &c, 0, 8).is_none());
        assert!(governing(s, &c, 32, 35).is_some());
    }
}
