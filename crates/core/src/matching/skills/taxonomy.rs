//! The skills taxonomy: canonical skills with categories and surface forms.
//!
//! Generated from ESCO, O*NET, GitHub Linguist and our alias table by [`super::generate`] into
//! `crates/core/data/taxonomy.tsv`, embedded with `include_str!` and parsed on first use.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::file::{self, Entry, Form};
use super::matcher::{Matcher, SkillMatch};
pub use super::model::{Category, Skill, SkillId, TaxonomyError};

/// The skills taxonomy with its matcher.
pub struct Taxonomy {
    skills: Vec<Skill>,
    matcher: Matcher,
    version: String,
    /// Lower-case canonical name → id.
    by_name: HashMap<String, u32>,
}

impl std::fmt::Debug for Taxonomy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Taxonomy")
            .field("skills", &self.skills.len())
            .field("version", &self.version)
            .finish()
    }
}

/// The generated taxonomy, embedded (regenerate with `atscore taxonomy build`).
pub const TAXONOMY_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/taxonomy.tsv"));

impl Taxonomy {
    /// The taxonomy shipped in the binary (built once, on first use).
    pub fn embedded() -> &'static Taxonomy {
        static T: OnceLock<Taxonomy> = OnceLock::new();
        T.get_or_init(|| {
            let (version, entries) =
                file::read_taxonomy(TAXONOMY_TSV).expect("embedded taxonomy.tsv is valid");
            Taxonomy::from_entries(version, entries).expect("embedded taxonomy.tsv is consistent")
        })
    }

    /// The embedded taxonomy extended by a user aliases file (format: `docs/skills.md`, same as
    /// `crates/core/data/aliases.tsv`): new skills, or extra aliases for existing ones (matched
    /// by canonical name). A user alias that belongs to another skill is moved to this one.
    pub fn with_user_aliases(text: &str) -> Result<Taxonomy, TaxonomyError> {
        let user = file::parse_aliases(text, 'u')?;
        let (version, entries) = file::read_taxonomy(TAXONOMY_TSV)?;
        if user.is_empty() {
            return Taxonomy::from_entries(version, entries);
        }
        // unknown implications are reported against the user's line
        let mut known: HashSet<String> = entries.iter().map(|e| e.name.to_lowercase()).collect();
        known.extend(user.iter().map(|e| e.name.to_lowercase()));
        for (i, e) in user.iter().enumerate() {
            for imp in &e.implies {
                if !known.contains(&imp.to_lowercase()) {
                    let line = text
                        .lines()
                        .enumerate()
                        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                        .nth(i)
                        .map_or(0, |(n, _)| n + 1);
                    return Err(TaxonomyError::BadLine {
                        line,
                        message: format!("implies unknown skill {imp:?}"),
                    });
                }
            }
        }
        let merged = file::merge_user(entries, user);
        let body = file::write_taxonomy(&merged);
        let version = format!("{version}+user-{}", &file::content_version(&body)[4..12]);
        Taxonomy::from_entries(version, merged)
    }

    /// A taxonomy from entries (as read from `taxonomy.tsv` or built by [`build`]).
    pub fn from_entries(version: String, entries: Vec<Entry>) -> Result<Taxonomy, TaxonomyError> {
        let mut by_name: HashMap<String, u32> = HashMap::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            by_name.entry(e.name.to_lowercase()).or_insert(i as u32);
        }
        let mut skills = Vec::with_capacity(entries.len());
        let mut forms: Vec<(Form, SkillId)> = Vec::new();
        for (i, e) in entries.into_iter().enumerate() {
            let id = SkillId(i as u32);
            let mut implies = Vec::with_capacity(e.implies.len());
            for n in &e.implies {
                match by_name.get(&n.to_lowercase()) {
                    Some(&j) => implies.push(SkillId(j)),
                    None => {
                        return Err(TaxonomyError::BadLine {
                            line: 0,
                            message: format!("{}: implies unknown skill {n:?}", e.name),
                        })
                    }
                }
            }
            for f in e.forms {
                forms.push((f, id));
            }
            skills.push(Skill {
                id,
                name: e.name,
                category: e.category,
                hot: e.hot,
                implies,
            });
        }
        let matcher = Matcher::new(&skills, forms);
        Ok(Taxonomy {
            skills,
            matcher,
            version,
            by_name,
        })
    }

    /// Taxonomy version (changes whenever the data changes; part of the scoring version).
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn skill(&self, id: SkillId) -> &Skill {
        &self.skills[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.skills.len()
    }

    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    /// The canonical skill a name or alias stands for ("k8s" → Kubernetes), ignoring case
    /// flags and context rules (a job description's "Go" is the language).
    pub fn lookup(&self, name: &str) -> Option<SkillId> {
        if let Some(&i) = self.by_name.get(&name.trim().to_lowercase()) {
            return Some(SkillId(i));
        }
        self.matcher.lookup(name)
    }

    /// All skills, in id order.
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// Every skill `id` implies, transitively (PySpark → Apache Spark, Python), without `id`.
    pub fn implied(&self, id: SkillId) -> Vec<SkillId> {
        let mut out: Vec<SkillId> = Vec::new();
        let mut stack = self.skill(id).implies.clone();
        while let Some(s) = stack.pop() {
            if s != id && !out.contains(&s) {
                out.push(s);
                stack.extend(self.skill(s).implies.iter().copied());
            }
        }
        out
    }

    /// Heap bytes used by the matcher's automaton.
    pub fn automaton_bytes(&self) -> usize {
        self.matcher.memory_usage()
    }

    /// Every skill mention in `text`, in order of position.
    /// Mentions written as a duty's verbs with a shared object ("Recruit, hire and train
    /// staff": Recruiting, Staff Training) come after the matcher's own and span the verb.
    pub fn find(&self, text: &str) -> Vec<SkillMatch> {
        let mut found = self.matcher.find(text);
        let duties = super::duties::duty_matches(&self.matcher, text, &found);
        if !duties.is_empty() {
            found.extend(duties);
            found.sort_by_key(|m| (m.start, m.end));
        }
        found
    }
}

impl SkillMatch {
    /// "k8s → Kubernetes" when the text used an alias rather than the canonical name.
    pub fn via(&self, tax: &Taxonomy) -> Option<String> {
        let name = &tax.skill(self.skill).name;
        (!self.matched_as.eq_ignore_ascii_case(name))
            .then(|| format!("{} → {}", self.matched_as, name))
    }
}
