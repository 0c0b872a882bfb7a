//! Finding skills in text: a leftmost-longest phrase matcher over every surface form (a hash
//! map of the forms and of their word prefixes, i.e. a word-level trie), run on normalised text (case-folded; hyphens, underscores and whitespace runs read as
//! one space; `+ # . / &` kept so C++, C#, .NET, Node.js, CI/CD, A/B testing work), then:
//!
//! - word boundaries: no letter or digit either side ("Java" not in "JavaScript", "Go" not in
//!   "Google"); no `+`/`#` after ("C" not in "C#"), no `.`+letter after or before ("node" not
//!   in "node.js"), no `&` either side ("R" not in "R&D");
//! - plurals: a form of 3+ characters ending in a letter also matches with "s"/"es"
//!   ("microservices", "REST APIs");
//! - case flags of the form (`=AI` exact, `^Slack` capitalised);
//! - context rules for ambiguous names ([`super::context`]).
//!
//! Offsets are byte offsets into the original text; `matched_as` is the original slice.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::context::{self, RULES};
use super::file::{push_normalized, CaseRule, Form};
use super::model::{Skill, SkillId};
use crate::lexicon::{SKILL_CUES_LINE, SKILL_CUES_NEXT, SKILL_CUES_PREVIOUS};
use crate::resume::sections::SectionKind;
use crate::resume::Evidence;

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

impl SkillMatch {
    /// The evidence of this mention in `text` (the text it was found in).
    pub fn evidence(&self, section: SectionKind, text: &str) -> Evidence {
        Evidence {
            section,
            snippet: snippet_around(text, self.start, self.end),
        }
    }
}

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 160;

/// The line holding `[start, end)`; when the line is longer than [`SNIPPET_CHARS`], a window
/// around the mention cut at word boundaries and marked with "…", so the snippet always shows
/// the skill it is evidence for (a long skills line used to be cut before its later entries).
pub fn snippet_around(text: &str, start: usize, end: usize) -> String {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return String::new();
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let line = &text[line_start..line_end];
    if line.trim().chars().count() <= SNIPPET_CHARS {
        return line.trim().to_string();
    }
    // Characters available either side of the mention.
    let mention = text[start..end].chars().count();
    let side = SNIPPET_CHARS.saturating_sub(mention) / 2;
    let before: Vec<(usize, char)> = text[line_start..start].char_indices().collect();
    let mut from = if before.len() > side {
        line_start + before[before.len() - side].0
    } else {
        line_start
    };
    let after_len = text[end..line_end].chars().count();
    let mut to = if after_len > side {
        end + text[end..line_end]
            .char_indices()
            .nth(side)
            .map_or(line_end - end, |(i, _)| i)
    } else {
        line_end
    };
    // Cut at word boundaries (never into the mention).
    if from > line_start {
        if let Some(sp) = text[from..start].find(char::is_whitespace) {
            from += sp;
        }
    }
    if to < line_end {
        if let Some(sp) = text[end..to].rfind(char::is_whitespace) {
            to = end + sp;
        }
    }
    let mut out = String::new();
    if from > line_start {
        out.push('…');
    }
    out.push_str(text[from..to].trim());
    if to < line_end {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod snippet_tests {
    use super::snippet_around;

    #[test]
    fn long_lines_are_windowed_around_the_mention() {
        let line = format!(
            "{}Kafka, {}",
            "Python, Docker, ".repeat(12),
            "Go, Rust, ".repeat(12)
        );
        let at = line.find("Kafka").unwrap();
        let s = snippet_around(&line, at, at + 5);
        assert!(s.contains("Kafka"), "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.chars().count() <= 162, "{}", s.chars().count());
        let short = "Built Kafka pipelines";
        assert_eq!(snippet_around(short, 6, 11), short);
        let multi = "first line\nUsed Kafka daily\nlast";
        assert_eq!(snippet_around(multi, 16, 21), "Used Kafka daily");
    }
}

/// Per-pattern data (8 bytes).
#[derive(Debug, Clone, Copy)]
struct Pat {
    skill: u32,
    case: CaseRule,
    /// Index into [`RULES`] + 1 (0 = unambiguous).
    rule: u8,
    plural: bool,
    tech: bool,
}

/// FxHash (rustc's hasher): fast on the short keys looked up here; the table holds only our
/// own forms, so hash flooding is not a concern.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Map value flag: the key is the first words of a longer form.
const PREFIX: u32 = 1 << 31;

pub(crate) struct Matcher {
    /// Normalised form or word prefix → (PREFIX flag | pattern index + 1).
    map: HashMap<Box<str>, u32, BuildHasherDefault<Fx>>,
    pats: Vec<Pat>,
    /// Original spelling of `Exact` forms, by pattern index.
    exact: HashMap<u32, Box<str>>,
    /// Most words in a form.
    max_words: usize,
}

/// A candidate mention (offsets into the normalised text).
#[derive(Debug, Clone, Copy)]
struct Cand {
    s: usize,
    e: usize,
    pat: u32,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

impl Matcher {
    pub(crate) fn new(skills: &[Skill], forms: Vec<(Form, SkillId)>) -> Matcher {
        let mut map: HashMap<Box<str>, u32, BuildHasherDefault<Fx>> =
            HashMap::with_capacity_and_hasher(forms.len() * 3 / 2, Default::default());
        let mut pats = Vec::with_capacity(forms.len());
        let mut exact = HashMap::new();
        let mut max_words = 1;
        for (mut f, id) in forms {
            let key = match f.case {
                CaseRule::Exact => f.text.to_lowercase(),
                _ => std::mem::take(&mut f.text),
            };
            let rule = context::rule_index(&key).map_or(0, |i| i as u8 + 1);
            let last_letter = key.chars().next_back().is_some_and(|c| c.is_alphabetic());
            let pi = pats.len() as u32;
            pats.push(Pat {
                skill: id.0,
                case: f.case,
                rule,
                plural: rule == 0 && last_letter && key.chars().count() >= 3,
                tech: skills[id.0 as usize].category.is_tech(),
            });
            if f.case == CaseRule::Exact {
                exact.insert(pi, f.text.into_boxed_str());
            }
            let mut words = 1;
            for (k, _) in key.match_indices(' ') {
                words += 1;
                *map.entry(key[..k].into()).or_insert(0) |= PREFIX;
            }
            max_words = max_words.max(words);
            let v = map.entry(key.into_boxed_str()).or_insert(0);
            if *v & !PREFIX == 0 {
                *v |= pi + 1;
            }
        }
        Matcher {
            map,
            pats,
            exact,
            max_words,
        }
    }

    pub(crate) fn memory_usage(&self) -> usize {
        let entry = std::mem::size_of::<(Box<str>, u32)>() + 1;
        let keys: usize = self
            .map
            .keys()
            .map(|k| k.len().next_multiple_of(8) + 8)
            .sum();
        self.map.capacity() * entry
            + keys
            + self.pats.capacity() * std::mem::size_of::<Pat>()
            + self.exact.values().map(|v| v.len() + 32).sum::<usize>()
    }

    fn pattern(&self, key: &str) -> Option<u32> {
        let v = *self.map.get(key)? & !PREFIX;
        (v != 0).then(|| v - 1)
    }

    /// Whether some form is, or starts with, these words ("train staff" → "train staff
    /// members"); normalised as [`Matcher::lookup`] does.
    pub(crate) fn starts_a_form(&self, words: &str) -> bool {
        let mut norm = String::with_capacity(words.len() + 1);
        push_normalized(words, true, &mut norm, |_| {});
        self.map.contains_key(norm.trim_end())
    }

    pub(crate) fn lookup(&self, name: &str) -> Option<SkillId> {
        let mut norm = String::new();
        push_normalized(name, true, &mut norm, |_| {});
        let pi = self.pattern(norm.trim_end())?;
        Some(SkillId(self.pats[pi as usize].skill))
    }

    /// Whether a mention may start at byte `s` of the normalised text.
    fn start_ok(norm: &str, s: usize) -> bool {
        let mut before = norm[..s].chars().rev();
        match before.next() {
            None => true,
            Some(p) if is_word(p) || p == '&' => false,
            Some('.' | '#' | '+' | '@') => !before.next().is_some_and(is_word),
            Some(_) => true,
        }
    }

    pub(crate) fn find(&self, text: &str) -> Vec<SkillMatch> {
        let mut norm = String::with_capacity(text.len());
        let mut map: Vec<u32> = Vec::with_capacity(text.len() + 1);
        push_normalized(text, true, &mut norm, |i| map.push(i as u32));
        let nb = norm.as_bytes();
        let n = norm.len();

        // 1. candidates: at each possible start, the longest form passing boundaries and case
        let mut cands: Vec<Cand> = Vec::new();
        let mut s = 0;
        while s < n {
            let c = norm[s..].chars().next().unwrap_or(' ');
            if c == ' ' || !Self::start_ok(&norm, s) {
                s += c.len_utf8();
                continue;
            }
            let mut best: Option<(usize, u32)> = None;
            let mut chunk = s;
            let mut words = 0;
            loop {
                let chunk_end = norm[chunk..].find(' ').map_or(n, |i| chunk + i);
                // candidate ends: before a non-word character, or before a plural "s"/"es"
                for (i, ch) in norm[chunk..chunk_end].char_indices() {
                    let e = chunk + i + ch.len_utf8();
                    if e <= s {
                        continue;
                    }
                    let next = nb.get(e).copied();
                    let end_like = match next {
                        None => true,
                        Some(b) if !(b as char).is_ascii_alphanumeric() && b < 0x80 => true,
                        Some(b's') | Some(b'e') => true,
                        Some(b) if b >= 0x80 => !norm[e..].chars().next().is_some_and(is_word),
                        _ => false,
                    };
                    if !end_like {
                        continue;
                    }
                    if let Some(pi) = self.pattern(&norm[s..e]) {
                        if let Some(end) =
                            self.accept(&norm, nb, text, &map, s, e, pi, self.pats[pi as usize])
                        {
                            best = Some((end, pi));
                        }
                    }
                }
                words += 1;
                if chunk_end >= n || words >= self.max_words {
                    break;
                }
                match self.map.get(&norm[s..chunk_end]) {
                    Some(v) if v & PREFIX != 0 => chunk = chunk_end + 1,
                    _ => break,
                }
            }
            match best {
                Some((end, pi)) => {
                    cands.push(Cand { s, e: end, pat: pi });
                    s = end;
                }
                None => s += c.len_utf8(),
            }
        }

        // 2. context rules for ambiguous names
        let orig = |c: &Cand| -> (usize, usize) {
            let s = map[c.s] as usize;
            let li = map[c.e - 1] as usize;
            let e = li + text[li..].chars().next().map_or(1, char::len_utf8);
            (s, e)
        };
        let mut keep = vec![true; cands.len()];
        for (i, c) in cands.iter().enumerate() {
            let pat = self.pats[c.pat as usize];
            if pat.rule == 0 {
                continue;
            }
            let rule = &RULES[pat.rule as usize - 1];
            let (os, oe) = orig(c);
            keep[i] = self.context_ok(rule, &norm, text, &cands, i, os, oe, &orig);
        }

        cands
            .iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(c, _)| {
                let (s, e) = orig(c);
                SkillMatch {
                    skill: SkillId(self.pats[c.pat as usize].skill),
                    matched_as: text[s..e].to_string(),
                    start: s,
                    end: e,
                }
            })
            .collect()
    }

    /// Boundary, plural and case checks; the (possibly plural-extended) end, or `None`.
    #[allow(clippy::too_many_arguments)]
    fn accept(
        &self,
        norm: &str,
        nb: &[u8],
        text: &str,
        map: &[u32],
        s: usize,
        e: usize,
        pi: u32,
        pat: Pat,
    ) -> Option<usize> {
        // before
        let mut before = norm[..s].chars().rev();
        if let Some(p) = before.next() {
            if is_word(p) || p == '&' {
                return None;
            }
            if matches!(p, '.' | '#' | '+' | '@') && before.next().is_some_and(is_word) {
                return None;
            }
        }
        // after
        let mut end = e;
        let mut after = norm[e..].chars();
        if let Some(a) = after.next() {
            if is_word(a) {
                let plural = [&b"s"[..], b"es"].into_iter().find(|suf| {
                    nb[e..].starts_with(suf)
                        && !norm[e + suf.len()..].starts_with(|c: char| is_word(c))
                });
                match plural {
                    Some(suf) if pat.plural => end = e + suf.len(),
                    _ => return None,
                }
            } else if matches!(a, '+' | '#' | '&')
                || (a == '.' && after.next().is_some_and(is_word))
            {
                return None;
            }
        }
        // letter case
        match pat.case {
            CaseRule::Any => {}
            CaseRule::Capitalized => {
                let c = text[map[s] as usize..].chars().next()?;
                if !c.is_uppercase() {
                    return None;
                }
            }
            CaseRule::Exact => {
                let want = self.exact.get(&pi)?;
                let li = map[e - 1] as usize;
                let oe = li + text[li..].chars().next().map_or(1, char::len_utf8);
                let got = text[map[s] as usize..oe]
                    .chars()
                    .filter(|c| c.is_alphabetic());
                if !got.eq(want.chars().filter(|c| c.is_alphabetic())) {
                    return None;
                }
            }
        }
        Some(end)
    }

    #[allow(clippy::too_many_arguments)]
    fn context_ok(
        &self,
        rule: &context::Rule,
        norm: &str,
        text: &str,
        cands: &[Cand],
        i: usize,
        os: usize,
        oe: usize,
        orig: &dyn Fn(&Cand) -> (usize, usize),
    ) -> bool {
        let c = cands[i];
        let first = text[os..].chars().next().unwrap_or(' ');
        if rule.caps && !first.is_uppercase() {
            return false;
        }
        let before = safe_tail(norm, c.s, 40).unwrap_or("");
        let after = safe_head(norm, c.e, 40).unwrap_or("");
        if context::ends_with_any(before, rule.veto_prev)
            || context::starts_with_any(after, rule.veto_next)
        {
            return false;
        }
        // single letters: not an initial ("C. Smith"), not "C-level" / "R&D"
        if rule.form.len() == 1 {
            let next: Vec<char> = text[oe..].chars().take(3).collect();
            if next.first() == Some(&'.')
                && next.get(1).is_some_and(|c| c.is_alphabetic() || *c == ' ')
            {
                return false;
            }
            if next.first().is_some_and(|c| matches!(c, '-' | '&' | '\'')) {
                return false;
            }
        }
        if !rule.tech {
            return true;
        }
        // cue words next to it
        if context::starts_with_any(after, &SKILL_CUES_NEXT)
            || context::ends_with_any(before, &SKILL_CUES_PREVIOUS)
        {
            return true;
        }
        // the original line (±WINDOW)
        let ls = text[..os]
            .rfind('\n')
            .map_or(0, |p| p + 1)
            .max(os.saturating_sub(context::WINDOW));
        let le = text[oe..]
            .find('\n')
            .map_or(text.len(), |p| oe + p)
            .min(oe + context::WINDOW);
        let line_lower = text.get(ls..le).unwrap_or("").to_lowercase();
        // The name alone on its line (a list item: "- Go", "Swift."), capitalised: a skill.
        let alone = text.get(ls..le).unwrap_or("").trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '*' | '•' | '.' | ',' | ';')
        });
        if alone.len() == oe - os && text[os..].chars().next().is_some_and(char::is_uppercase) {
            return true;
        }
        if SKILL_CUES_LINE.iter().any(|q| line_lower.contains(q)) {
            return true;
        }
        // candidates are in text order: walk outwards from `i` while inside the window
        let before_i = (0..i).rev().take_while(|&j| orig(&cands[j]).1 >= ls);
        let after_i = (i + 1..cands.len()).take_while(|&j| orig(&cands[j]).0 <= le);
        for j in before_i.chain(after_i) {
            let d = &cands[j];
            let (ds, de) = orig(d);
            let pd = self.pats[d.pat as usize];
            if pd.rule == 0 && pd.tech {
                return true;
            }
            // another ambiguous name next to it in a list: "C, R, Go"
            if pd.rule != 0 && pd.tech {
                let (a, b) = if de <= os { (de, os) } else { (oe, ds) };
                if a <= b {
                    let gap = text[a..b].trim();
                    if gap.len() <= 4
                        && (gap
                            .chars()
                            .all(|c| matches!(c, ',' | '/' | '|' | ';' | '·' | '•' | '&' | '+'))
                            || gap == "and"
                            || gap == "or")
                    {
                        let dfirst = text[ds..].chars().next().unwrap_or(' ');
                        if dfirst.is_uppercase() {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }
}

/// The (at most) `n` bytes of `s` before `at`, on a char boundary.
fn safe_tail(s: &str, at: usize, n: usize) -> Option<&str> {
    let mut from = at.saturating_sub(n);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    s.get(from..at)
}

/// The (at most) `n` bytes of `s` after `at`, on a char boundary.
fn safe_head(s: &str, at: usize, n: usize) -> Option<&str> {
    let mut to = (at + n).min(s.len());
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    s.get(at..to)
}
