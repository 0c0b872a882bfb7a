//! The taxonomy file and alias files: the `taxonomy.tsv` format (read and written), our alias
//! table `aliases.tsv` and users' alias files (parsed), surface forms and their normalisation,
//! and the merge of entries (first wins; a user file takes forms away from other skills). Used
//! at run time (the embedded taxonomy, `--aliases`) and by the generator ([`super::generate`]).
//!
//! `taxonomy.tsv` format: a header line
//! `#atscore-taxonomy<TAB>VERSION<TAB>skills=N<TAB>forms=M`, then one line per skill sorted by
//! name: `name<TAB>category<TAB>flags<TAB>implies<TAB>forms` — flags are the sources
//! (a = aliases.tsv, l = Linguist, o = O*NET, e = ESCO, f = French, s = Spanish, u = user) and
//! `H` for an O*NET hot technology; implies and forms are '|'-separated; forms are normalised
//! (see [`normalize_form`]) and may carry a case flag (`=` exact case, `^` capitalised).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::model::{Category, TaxonomyError};

/// Our hand-written alias table (embedded; edited in `crates/core/data/aliases.tsv`).
pub const ALIASES_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/aliases.tsv"));

macro_rules! domain {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/domains/",
                $name,
                ".tsv"
            )),
        )
    };
}

/// The curated occupation-family tables (`crates/core/data/domains/<family>.tsv`, same format
/// as `aliases.tsv`; provenance in `data/domains/README.md`): family key, text. Merged after
/// `aliases.tsv` and before every source, so their names and forms win over ESCO and O*NET.
pub const DOMAIN_TSVS: &[(&str, &str)] = &[
    domain!("healthcare"),
    domain!("finance"),
    domain!("engineering"),
    domain!("sales"),
    domain!("marketing"),
    domain!("education"),
    domain!("hr"),
    domain!("logistics"),
    domain!("legal"),
    domain!("hospitality"),
    domain!("trades"),
    domain!("support"),
    domain!("project"),
    domain!("design"),
    domain!("software"),
    domain!("data"),
    domain!("general"),
];

/// How the letter case of a form must look in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaseRule {
    /// Any case.
    Any,
    /// First letter upper case ("^Slack").
    Capitalized,
    /// Letters exactly as written ("=AI").
    Exact,
}

/// A surface form of a skill: normalised text (original letter case kept for `Exact`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Form {
    pub text: String,
    pub case: CaseRule,
}

impl Form {
    /// Parses "k8s", "=AI", "^Slack" (normalising the text).
    pub fn parse(raw: &str) -> Option<Form> {
        let raw = raw.trim();
        let (case, body) = if let Some(b) = raw.strip_prefix('=') {
            (CaseRule::Exact, b)
        } else if let Some(b) = raw.strip_prefix('^') {
            (CaseRule::Capitalized, b)
        } else {
            (CaseRule::Any, raw)
        };
        let text = match case {
            CaseRule::Exact => normalize_keep_case(body),
            _ => normalize_form(body),
        };
        (!text.is_empty()).then_some(Form { text, case })
    }

    /// The case-folded text the automaton searches for.
    pub fn key(&self) -> String {
        match self.case {
            CaseRule::Exact => self.text.to_lowercase(),
            _ => self.text.clone(),
        }
    }

    fn write(&self, out: &mut String) {
        match self.case {
            CaseRule::Any => {}
            CaseRule::Capitalized => out.push('^'),
            CaseRule::Exact => out.push('='),
        }
        out.push_str(&self.text);
    }
}

/// Normalises a surface form or a text for matching: case-folded, '-', '_' and dashes read as
/// spaces, whitespace runs collapsed to one space, typographic apostrophes as `'`, trimmed.
/// `+ # . /` and `&` are kept, so "C++", "C#", ".NET", "CI/CD" survive.
pub fn normalize_form(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_normalized(s, true, &mut out, |_| {});
    out.trim_end().to_string()
}

pub(crate) fn normalize_keep_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_normalized(s, false, &mut out, |_| {});
    out.trim_end().to_string()
}

/// Shared normaliser: appends the normalised `s` to `out`; `on_char(orig_byte)` is called once
/// per output byte pushed (in order) with the byte offset in `s` it came from.
pub(crate) fn push_normalized(
    s: &str,
    fold: bool,
    out: &mut String,
    mut on_byte: impl FnMut(usize),
) {
    let mut pending_space = false;
    for (i, c) in s.char_indices() {
        let c = match c {
            '-' | '_' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => ' ',
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{00a0}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            if !out.is_empty() {
                out.push(' ');
                on_byte(i);
            }
            pending_space = false;
        }
        if fold && !c.is_lowercase() && c.is_alphabetic() {
            for l in c.to_lowercase() {
                let n = l.len_utf8();
                out.push(l);
                for _ in 0..n {
                    on_byte(i);
                }
            }
        } else {
            let n = c.len_utf8();
            out.push(c);
            for _ in 0..n {
                on_byte(i);
            }
        }
    }
}

/// One skill while building.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub category: Category,
    pub hot: bool,
    /// Source letters (see the module docs).
    pub sources: String,
    pub implies: Vec<String>,
    pub forms: Vec<Form>,
}

/// Whether forms of a source skill are pruned, and whether they may take forms from others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Our table: kept as written.
    Curated,
    /// A user file: kept as written, and takes forms away from other skills.
    User,
    /// ESCO / O*NET / Linguist: pruned.
    Source,
}

/// Merges entries, first wins.
#[derive(Debug, Default)]
pub struct Builder {
    entries: Vec<Entry>,
    /// Normalised form / name key → entry index.
    by_key: HashMap<String, usize>,
}

impl Builder {
    /// A builder holding the entries of an existing taxonomy.
    pub fn from_entries(entries: Vec<Entry>) -> Builder {
        let mut b = Builder::default();
        for (i, e) in entries.iter().enumerate() {
            b.by_key.entry(normalize_form(&e.name)).or_insert(i);
            for f in &e.forms {
                b.by_key.entry(f.key()).or_insert(i);
            }
        }
        b.entries = entries;
        b
    }

    pub(crate) fn add(&mut self, mut e: Entry, mode: Mode) {
        let name_key = normalize_form(&e.name);
        let target = self.by_key.get(&name_key).copied();
        let mut forms: Vec<Form> = Vec::new();
        let mut seen = HashSet::new();
        for f in e.forms.drain(..) {
            if seen.insert(f.key()) {
                forms.push(f);
            }
        }
        if mode != Mode::Source && !seen.contains(&name_key) && !name_key.is_empty() {
            forms.push(Form {
                text: name_key.clone(),
                case: CaseRule::Any,
            });
        }
        let idx = match target {
            Some(i) => {
                let t = &mut self.entries[i];
                t.hot |= e.hot;
                for s in e.sources.chars() {
                    if !t.sources.contains(s) {
                        t.sources.push(s);
                    }
                }
                for imp in e.implies {
                    if !t.implies.contains(&imp) && imp != t.name {
                        t.implies.push(imp);
                    }
                }
                i
            }
            None => {
                if forms.iter().all(|f| self.owner(&f.key()).is_some()) && mode == Mode::Source {
                    return;
                }
                e.forms.clear();
                self.entries.push(e);
                let i = self.entries.len() - 1;
                self.by_key.entry(name_key).or_insert(i);
                i
            }
        };
        for f in forms {
            let k = f.key();
            match self.owner(&k) {
                Some(o) if o == idx => {
                    let t = &mut self.entries[idx];
                    if mode != Mode::Source {
                        // a curated/user flag replaces an earlier, unflagged spelling
                        if let Some(old) = t.forms.iter_mut().find(|g| g.key() == k) {
                            *old = f;
                        }
                    }
                }
                Some(o) if mode == Mode::User => {
                    self.entries[o].forms.retain(|g| g.key() != k);
                    self.entries[idx].forms.push(f);
                    self.by_key.insert(k, idx);
                }
                Some(_) => {}
                None => {
                    self.entries[idx].forms.push(f);
                    self.by_key.insert(k, idx);
                }
            }
        }
    }

    /// Whether a name or form (normalised) is already known: a source skill named so would be
    /// merged into an existing entry.
    pub(crate) fn knows(&self, name: &str) -> bool {
        self.by_key.contains_key(&normalize_form(name))
    }

    fn owner(&self, key: &str) -> Option<usize> {
        let i = *self.by_key.get(key)?;
        self.entries[i]
            .forms
            .iter()
            .any(|f| f.key() == key)
            .then_some(i)
    }

    /// The merged entries: sorted by name, forms sorted, entries without forms dropped.
    pub fn finish(self) -> Vec<Entry> {
        let mut out: Vec<Entry> = self
            .entries
            .into_iter()
            .filter(|e| !e.forms.is_empty())
            .map(|mut e| {
                e.forms.sort();
                e.implies.sort();
                let mut s: Vec<char> = e.sources.chars().collect();
                s.sort_unstable();
                e.sources = s.into_iter().collect();
                e
            })
            .collect();
        out.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.name.cmp(&b.name))
        });
        out
    }
}

/// Parses an alias file (the `aliases.tsv` format, see `docs/skills.md`).
pub fn parse_aliases(text: &str, source: char) -> Result<Vec<Entry>, TaxonomyError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let bad = |message: String| TaxonomyError::BadLine {
            line: line_no,
            message,
        };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 || cols.len() > 4 {
            return Err(bad(format!(
                "expected 2 to 4 TAB-separated columns (name, category, aliases, implies), found {}",
                cols.len()
            )));
        }
        let name = cols[0].trim();
        if name.is_empty() {
            return Err(bad("empty skill name".into()));
        }
        let category = Category::parse(cols[1].trim())
            .ok_or_else(|| bad(format!("unknown category {:?}", cols[1].trim())))?;
        let mut forms = Vec::new();
        for a in cols.get(2).copied().unwrap_or("").split('|') {
            if a.trim().is_empty() {
                continue;
            }
            forms.push(Form::parse(a).ok_or_else(|| bad(format!("empty alias {a:?}")))?);
        }
        let implies = cols
            .get(3)
            .copied()
            .unwrap_or("")
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        out.push(Entry {
            name: name.to_string(),
            category,
            hot: false,
            sources: source.to_string(),
            implies,
            forms,
        });
    }
    Ok(out)
}

/// Merges a user alias file into existing entries (user forms win).
pub fn merge_user(entries: Vec<Entry>, user: Vec<Entry>) -> Vec<Entry> {
    let mut b = Builder::from_entries(entries);
    for e in user {
        b.add(e, Mode::User);
    }
    b.finish()
}

/// Serialises entries to the `taxonomy.tsv` format, with the version in the header.
pub fn write_taxonomy(entries: &[Entry]) -> String {
    let mut body = String::new();
    let mut nforms = 0;
    for e in entries {
        body.push_str(&e.name);
        body.push('\t');
        body.push_str(e.category.as_str());
        body.push('\t');
        body.push_str(&e.sources);
        if e.hot {
            body.push('H');
        }
        body.push('\t');
        body.push_str(&e.implies.join("|"));
        body.push('\t');
        for (i, f) in e.forms.iter().enumerate() {
            if i > 0 {
                body.push('|');
            }
            f.write(&mut body);
        }
        nforms += e.forms.len();
        body.push('\n');
    }
    let mut out = String::with_capacity(body.len() + 80);
    let _ = writeln!(
        out,
        "#atscore-taxonomy\t{}\tskills={}\tforms={}",
        content_version(&body),
        entries.len(),
        nforms
    );
    out.push_str(&body);
    out
}

/// `tax-` + 16 hex digits of the FNV-1a hash of the content.
pub fn content_version(body: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in body.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("tax-{h:016x}")
}

/// Parses `taxonomy.tsv` text: (version, entries).
pub fn read_taxonomy(text: &str) -> Result<(String, Vec<Entry>), TaxonomyError> {
    let mut lines = text.lines();
    let head = lines.next().unwrap_or("");
    let version = head
        .strip_prefix("#atscore-taxonomy\t")
        .and_then(|r| r.split('\t').next())
        .ok_or(TaxonomyError::BadLine {
            line: 1,
            message: "missing #atscore-taxonomy header".into(),
        })?
        .to_string();
    let mut entries = Vec::new();
    for (n, line) in lines.enumerate() {
        let c: Vec<&str> = line.split('\t').collect();
        let bad = |m: &str| TaxonomyError::BadLine {
            line: n + 2,
            message: m.to_string(),
        };
        if c.len() != 5 {
            return Err(bad("expected 5 columns"));
        }
        let category = Category::parse(c[1]).ok_or_else(|| bad("unknown category"))?;
        entries.push(Entry {
            name: c[0].to_string(),
            category,
            hot: c[2].contains('H'),
            sources: c[2].replace('H', ""),
            implies: c[3]
                .split('|')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            forms: c[4]
                .split('|')
                .map(|f| {
                    // stored already normalised: only split the flag
                    if let Some(t) = f.strip_prefix('=') {
                        Form {
                            text: t.to_string(),
                            case: CaseRule::Exact,
                        }
                    } else if let Some(t) = f.strip_prefix('^') {
                        Form {
                            text: t.to_string(),
                            case: CaseRule::Capitalized,
                        }
                    } else {
                        Form {
                            text: f.to_string(),
                            case: CaseRule::Any,
                        }
                    }
                })
                .collect(),
        });
    }
    Ok((version, entries))
}
