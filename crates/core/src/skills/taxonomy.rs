//! The skills taxonomy: canonical skills with categories and surface forms.
//!
//! STUB (to be replaced by the generated, embedded taxonomy): a handful of skills so the rest of
//! the pipeline (job analysis, scoring) can be built against the final API.

use std::sync::OnceLock;

use serde::Serialize;

use super::matcher::{Matcher, SkillMatch};

/// Index of a skill in its [`Taxonomy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SkillId(pub u32);

/// What kind of skill it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    ProgrammingLanguage,
    Framework,
    Database,
    Cloud,
    Tool,
    Platform,
    Methodology,
    Knowledge,
    Skill,
    SoftSkill,
    Language,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::ProgrammingLanguage => "programming_language",
            Category::Framework => "framework",
            Category::Database => "database",
            Category::Cloud => "cloud",
            Category::Tool => "tool",
            Category::Platform => "platform",
            Category::Methodology => "methodology",
            Category::Knowledge => "knowledge",
            Category::Skill => "skill",
            Category::SoftSkill => "soft_skill",
            Category::Language => "language",
        }
    }
}

/// One canonical skill.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skill {
    pub id: SkillId,
    /// Canonical display name ("Kubernetes").
    pub name: String,
    pub category: Category,
    /// O*NET "hot technology".
    pub hot: bool,
    /// Skills this one implies (PostgreSQL → SQL), for partial credit.
    pub implies: Vec<SkillId>,
}

/// A user aliases file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("aliases file line {line}: {message}")]
    BadLine { line: usize, message: String },
}

/// The skills taxonomy with its matcher.
pub struct Taxonomy {
    skills: Vec<Skill>,
    matcher: Matcher,
    version: String,
}

impl std::fmt::Debug for Taxonomy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Taxonomy")
            .field("skills", &self.skills.len())
            .field("version", &self.version)
            .finish()
    }
}

const STUB: &[(&str, Category, &[&str])] = &[
    ("Kubernetes", Category::Platform, &["kubernetes", "k8s"]),
    (
        "JavaScript",
        Category::ProgrammingLanguage,
        &["javascript", "js"],
    ),
    (
        "PostgreSQL",
        Category::Database,
        &["postgresql", "postgres"],
    ),
    ("Python", Category::ProgrammingLanguage, &["python"]),
    ("Terraform", Category::Tool, &["terraform"]),
    ("Docker", Category::Tool, &["docker"]),
    ("SQL", Category::ProgrammingLanguage, &["sql"]),
    ("Communication", Category::SoftSkill, &["communication"]),
];

impl Taxonomy {
    /// The taxonomy shipped in the binary (built once, on first use).
    pub fn embedded() -> &'static Taxonomy {
        static T: OnceLock<Taxonomy> = OnceLock::new();
        T.get_or_init(|| {
            Taxonomy::from_entries(
                STUB.iter().map(|(n, c, s)| {
                    (n.to_string(), *c, s.iter().map(|x| x.to_string()).collect())
                }),
            )
        })
    }

    /// The embedded taxonomy extended by a user aliases file (see `docs/scoring.md`).
    pub fn with_user_aliases(_text: &str) -> Result<Taxonomy, TaxonomyError> {
        Ok(Taxonomy::from_entries(STUB.iter().map(|(n, c, s)| {
            (n.to_string(), *c, s.iter().map(|x| x.to_string()).collect())
        })))
    }

    fn from_entries(entries: impl Iterator<Item = (String, Category, Vec<String>)>) -> Taxonomy {
        let mut skills = Vec::new();
        let mut forms = Vec::new();
        for (i, (name, category, surfaces)) in entries.enumerate() {
            let id = SkillId(i as u32);
            for s in surfaces {
                forms.push((s, id));
            }
            skills.push(Skill {
                id,
                name,
                category,
                hot: false,
                implies: Vec::new(),
            });
        }
        Taxonomy {
            skills,
            matcher: Matcher::new(forms),
            version: "stub".into(),
        }
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

    /// The canonical skill a name or alias stands for ("k8s" → Kubernetes).
    pub fn lookup(&self, name: &str) -> Option<SkillId> {
        self.matcher.lookup(name)
    }

    /// Every skill mention in `text`, in order of position.
    pub fn find(&self, text: &str) -> Vec<SkillMatch> {
        self.matcher.find(self, text)
    }
}
