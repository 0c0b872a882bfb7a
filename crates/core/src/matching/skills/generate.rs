//! Generating the taxonomy: merges our alias table, GitHub Linguist, O*NET and ESCO into
//! `crates/core/data/taxonomy.tsv` (format: [`super::file`]). Pure: every source comes in as a
//! string (`atscore taxonomy build` reads the files).
//!
//! Merge order (first wins): aliases.tsv, Linguist, O*NET (most widely used first), ESCO
//! preferred labels, ESCO alternative labels, ESCO French then Spanish labels. ESCO's verb-phrase
//! skills are named by their noun phrase ([`super::naming`]: "train employees" → "Employee
//! training"), the verb phrase kept as a form. A source skill
//! whose name equals an existing skill's name (or one of its forms) is merged into it; a form
//! already owned by another skill is not taken again. Pruning rules: see `data/prune.txt`.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::file::{
    normalize_form, normalize_keep_case, parse_aliases, write_taxonomy, Builder, CaseRule, Entry,
    Form, Mode,
};
use super::model::{Category, TaxonomyError};
use crate::lexicon::VENDORS;

/// The prune list (embedded; `crates/core/data/prune.txt`).
pub const PRUNE_TXT: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/prune.txt"));

/// The raw source files, as text.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// `aliases.tsv` (normally [`super::file::ALIASES_TSV`]).
    pub aliases: &'a str,
    /// `prune.txt` (normally [`PRUNE_TXT`]).
    pub prune: &'a str,
    /// The occupation-family tables (normally [`super::file::DOMAIN_TSVS`]): family, text.
    pub domains: &'a [(&'a str, &'a str)],
    /// `esco-en-v1.1.1/esco_skills_en.tsv`.
    pub esco_en: &'a str,
    /// `esco-fr-es-v1.0/skills_fr.csv`.
    pub esco_fr: &'a str,
    /// `esco-fr-es-v1.0/skills_es.csv`.
    pub esco_es: &'a str,
    /// `onet-29.2/technology_skills_unique.tsv`.
    pub onet_tech: &'a str,
    /// `linguist-languages/languages.json`.
    pub linguist: &'a str,
}

// ---------------------------------------------------------------------------------------------
// pruning

struct Prune {
    words: HashSet<String>,
}

impl Prune {
    fn new(text: &str) -> Prune {
        Prune {
            words: text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(normalize_form)
                .collect(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Src {
    EscoEn,
    EscoOther,
    Onet,
    Linguist,
}

const FIELD_SUFFIXES: &[&str] = &[
    "ology", "ics", "graphy", "onomy", "metry", "scopy", "therapy", "istry", "iatry",
];

fn strip_parens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The form a source label becomes, or `None` if pruned (rules in `data/prune.txt`).
fn source_form(label: &str, src: Src, max_words: usize, prune: &Prune) -> Option<Form> {
    let label = strip_parens(label);
    let norm = normalize_form(&label);
    if norm.chars().count() < 3 || !norm.chars().any(char::is_alphabetic) {
        return None;
    }
    if prune.words.contains(&norm) {
        return None;
    }
    let words = norm.split(' ').count();
    if words > max_words {
        return None;
    }
    if words > 1 {
        return Some(Form {
            text: norm,
            case: CaseRule::Any,
        });
    }
    let w = label.trim();
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    let has_symbol = w
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '+' | '#' | '.' | '/'));
    let inner_caps = letters.iter().skip(1).any(|c| c.is_uppercase())
        && letters.iter().any(|c| c.is_lowercase());
    let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let capitalised = letters.first().is_some_and(|c| c.is_uppercase())
        && letters.iter().skip(1).all(|c| c.is_lowercase());
    if src == Src::EscoOther {
        let ok = !w.is_ascii() && norm.chars().count() >= 6;
        return ok.then_some(Form {
            text: norm,
            case: CaseRule::Any,
        });
    }
    if has_symbol || inner_caps {
        return Some(Form {
            text: norm,
            case: CaseRule::Any,
        });
    }
    if all_caps {
        if src == Src::Linguist && letters.len() < 3 {
            return None;
        }
        // short acronyms exactly (EEG, HPLC); longer ones capitalised (MATLAB/Matlab, not "tanks")
        return Some(if letters.len() <= 4 {
            Form {
                text: normalize_keep_case(w),
                case: CaseRule::Exact,
            }
        } else {
            Form {
                text: norm,
                case: CaseRule::Capitalized,
            }
        });
    }
    if capitalised {
        if src == Src::Linguist {
            return None; // plain capitalised words (Red, Clean, Factor) unless another source knows them
        }
        return Some(Form {
            text: norm,
            case: CaseRule::Capitalized,
        });
    }
    match src {
        Src::EscoEn => FIELD_SUFFIXES
            .iter()
            .any(|s| norm.ends_with(s))
            .then_some(Form {
                text: norm,
                case: CaseRule::Any,
            }),
        Src::Onet => Some(Form {
            text: norm,
            case: CaseRule::Any,
        }),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// sources

fn esco_category(pillars: &str, label: &str) -> Category {
    let l = label.to_lowercase();
    if l.contains("(computer programming)") {
        return Category::ProgrammingLanguage;
    }
    if l.contains("database") && pillars.contains('K') {
        return Category::Knowledge;
    }
    if pillars.contains('L') {
        Category::Language
    } else if pillars.contains('A') || (!pillars.contains('S') && !pillars.contains('K')) {
        Category::SoftSkill
    } else if pillars.starts_with('K') {
        Category::Knowledge
    } else {
        Category::Skill
    }
}

fn onet_category(commodity: &str) -> Category {
    let c = commodity.to_lowercase();
    if c.contains("data base management system") {
        Category::Database
    } else if c.contains("object or component oriented development")
        || c.contains("web platform development")
    {
        Category::Framework
    } else if c.contains("operating system") {
        Category::Platform
    } else {
        Category::Tool
    }
}

/// Cleans an O*NET example name: the display name and its extra forms.
fn onet_names(example: &str) -> (String, Vec<String>) {
    let mut name = example.trim().to_string();
    let mut stripped = false;
    for suffix in [" software", " Software"] {
        if name.len() > suffix.len() + 2 {
            if let Some(s) = name.strip_suffix(suffix) {
                name = s.to_string();
                stripped = true;
            }
        }
    }
    // "Invoice software" → not "Invoice": a plain capitalised word left by the suffix is generic
    let plain_title = !name.contains(' ')
        && name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().skip(1).all(char::is_lowercase);
    let mut forms = if stripped && plain_title {
        Vec::new()
    } else {
        vec![name.clone()]
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    // "Hypertext markup language HTML" → "Hypertext markup language" + "HTML"
    if words.len() >= 3 {
        let last = words[words.len() - 1];
        let letters: Vec<char> = last.chars().filter(|c| c.is_alphabetic()).collect();
        let initials: Vec<char> = words[..words.len() - 1]
            .iter()
            .filter_map(|w| w.chars().next())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        // an acronym of the words before it (EC2 ← Elastic Compute Cloud; not "… ENGINEER")
        if letters.len() >= 2
            && last
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && letters.iter().all(|c| initials.contains(c))
        {
            forms.push(words[..words.len() - 1].join(" "));
            forms.push(last.to_string());
        }
    }
    // "Autodesk Revit" → "Revit" (kept only if the one-word rule accepts it)
    for v in VENDORS.iter() {
        if let Some(rest) = name.strip_prefix(v).and_then(|r| r.strip_prefix(' ')) {
            if !rest.contains(' ') {
                forms.push(rest.to_string());
            }
        }
    }
    (name, forms)
}

/// Minimal RFC-4180 CSV reader (quoted fields, doubled quotes, newlines inside quotes).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => in_quotes = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn entry(name: &str, category: Category, source: char, forms: Vec<Form>) -> Entry {
    Entry {
        name: name.to_string(),
        category,
        hot: false,
        sources: source.to_string(),
        implies: Vec::new(),
        forms,
    }
}

/// Generates the merged taxonomy entries from the sources.
pub fn build_entries(src: &Sources) -> Result<Vec<Entry>, TaxonomyError> {
    let prune = Prune::new(src.prune);
    let mut b = Builder::default();
    for e in parse_aliases(src.aliases, 'a')? {
        b.add(e, Mode::Curated);
    }
    for (family, text) in src.domains {
        let entries = parse_aliases(text, 'd').map_err(|e| match e {
            TaxonomyError::BadLine { line, message } => TaxonomyError::BadLine {
                line,
                message: format!("domains/{family}.tsv: {message}"),
            },
        })?;
        for e in entries {
            b.add(e, Mode::Curated);
        }
    }

    // Linguist
    let langs: serde_json::Value =
        serde_json::from_str(src.linguist).map_err(|e| TaxonomyError::BadLine {
            line: e.line(),
            message: format!("languages.json: {e}"),
        })?;
    for l in langs.as_array().map(Vec::as_slice).unwrap_or(&[]) {
        if l["type"] != "programming" {
            continue;
        }
        let Some(name) = l["name"].as_str() else {
            continue;
        };
        let lname = name.to_lowercase();
        let mut forms: Vec<Form> = source_form(name, Src::Linguist, 3, &prune)
            .into_iter()
            .collect();
        for a in l["aliases"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let Some(a) = a.as_str() else { continue };
            let la = a.to_lowercase();
            if la != lname
                && (la.contains(&lname) || la.ends_with("lang") || la.ends_with("script"))
                && la.len() >= 4
            {
                if let Some(f) = Form::parse(a).filter(|f| !prune.words.contains(&f.text)) {
                    forms.push(f);
                }
            }
        }
        b.add(
            entry(name, Category::ProgrammingLanguage, 'l', forms),
            Mode::Source,
        );
    }

    // O*NET technology skills, most widely used first
    let mut onet: Vec<(usize, bool, &str, &str)> = Vec::new();
    let mut lines = src.onet_tech.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = |n: &str| header.iter().position(|h| *h == n);
    let (ce, cc, ch, cn) = (
        col("example").unwrap_or(0),
        col("commodity_title").unwrap_or(2),
        col("hot_technology").unwrap_or(3),
        col("n_occupations").unwrap_or(5),
    );
    for l in lines {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() <= ce.max(cc).max(ch).max(cn) {
            continue;
        }
        onet.push((
            f[cn].trim().parse().unwrap_or(0),
            f[ch] == "Y",
            f[ce],
            f[cc],
        ));
    }
    onet.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    for (_, hot, example, commodity) in onet {
        let (name, names) = onet_names(example);
        let forms = names
            .iter()
            .filter_map(|n| source_form(n, Src::Onet, 5, &prune))
            .collect();
        let mut e = entry(&name, onet_category(commodity), 'o', forms);
        e.hot = hot;
        b.add(e, Mode::Source);
    }

    // ESCO English: preferred labels first, then alternative labels
    let mut esco: Vec<(&str, String, Vec<&str>, Category)> = Vec::new();
    for l in src.esco_en.lines().skip(1) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let alts = f[2].split('|').filter(|s| !s.trim().is_empty()).collect();
        esco.push((
            f[0],
            f[1].trim().to_string(),
            alts,
            esco_category(f[3], f[1]),
        ));
    }
    let mut uuid_name: HashMap<&str, (String, Category)> = HashMap::new();
    for (uuid, pref, _, cat) in &esco {
        let forms = source_form(pref, Src::EscoEn, 5, &prune)
            .into_iter()
            .collect();
        // merge by the label without its qualifier ("Java (computer programming)" → Java)
        let key_name = strip_parens(pref);
        let name = if key_name.is_empty() {
            pref.clone()
        } else if matches!(cat, Category::Skill | Category::SoftSkill) && !b.knows(&key_name) {
            // "train employees" → "Employee training" (merged into a curated skill of that
            // name); a verb phrase a curated skill already lists merges into it as before
            super::naming::noun_phrase_name(&key_name).unwrap_or(key_name)
        } else {
            key_name
        };
        b.add(entry(&name, *cat, 'e', forms), Mode::Source);
        uuid_name.insert(uuid, (name, *cat));
    }
    for (uuid, _, alts, cat) in &esco {
        let forms = alts
            .iter()
            .filter_map(|a| source_form(a, Src::EscoEn, 4, &prune))
            .collect();
        b.add(entry(&uuid_name[uuid].0, *cat, 'e', forms), Mode::Source);
    }

    // ESCO French and Spanish, mapped to the English skill by URI
    for (text, letter) in [(src.esco_fr, 'f'), (src.esco_es, 's')] {
        let rows = parse_csv(text);
        let Some(head) = rows.first() else { continue };
        let ci = |n: &str| head.iter().position(|h| h == n);
        let (Some(cu), Some(cp), Some(ca)) =
            (ci("conceptUri"), ci("preferredLabel"), ci("altLabels"))
        else {
            continue;
        };
        for r in rows.iter().skip(1) {
            if r.len() <= cu.max(cp).max(ca) {
                continue;
            }
            let uuid = r[cu].rsplit('/').next().unwrap_or("");
            let Some((name, cat)) = uuid_name.get(uuid) else {
                continue;
            };
            let mut forms: Vec<Form> = source_form(&r[cp], Src::EscoOther, 4, &prune)
                .into_iter()
                .collect();
            forms.extend(
                r[ca]
                    .split('\n')
                    .filter_map(|a| source_form(a, Src::EscoOther, 3, &prune)),
            );
            b.add(entry(name, *cat, letter, forms), Mode::Source);
        }
    }
    let mut entries = b.finish();
    // implications must name known skills
    let names: HashSet<String> = entries.iter().map(|e| e.name.to_lowercase()).collect();
    for e in &entries {
        for i in &e.implies {
            if !names.contains(&i.to_lowercase()) {
                return Err(TaxonomyError::BadLine {
                    line: 0,
                    message: format!("{}: implies unknown skill {i:?}", e.name),
                });
            }
        }
    }
    entries.retain(|e| !e.forms.is_empty());
    Ok(entries)
}

/// The generator: sources in, `taxonomy.tsv` text out.
pub fn build_taxonomy(src: &Sources) -> Result<String, TaxonomyError> {
    Ok(write_taxonomy(&build_entries(src)?))
}

/// Counts for `atscore taxonomy stats`.
pub fn stats(entries: &[Entry]) -> Vec<(String, usize)> {
    let mut out = vec![
        ("skills".to_string(), entries.len()),
        (
            "forms".to_string(),
            entries.iter().map(|e| e.forms.len()).sum(),
        ),
        ("hot".to_string(), entries.iter().filter(|e| e.hot).count()),
        (
            "with_implies".to_string(),
            entries.iter().filter(|e| !e.implies.is_empty()).count(),
        ),
    ];
    let cats: BTreeSet<&str> = entries.iter().map(|e| e.category.as_str()).collect();
    for c in cats {
        out.push((
            format!("category.{c}"),
            entries.iter().filter(|e| e.category.as_str() == c).count(),
        ));
    }
    for (l, n) in [
        ('a', "aliases"),
        ('d', "domains"),
        ('l', "linguist"),
        ('o', "onet"),
        ('e', "esco_en"),
        ('f', "esco_fr"),
        ('s', "esco_es"),
        ('u', "user"),
    ] {
        let k = entries.iter().filter(|e| e.sources.contains(l)).count();
        if k > 0 {
            out.push((format!("source.{n}"), k));
        }
    }
    out
}
