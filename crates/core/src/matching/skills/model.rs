//! The skills vocabulary: a skill's id, its category, the skill itself, and the errors of
//! reading a taxonomy or alias file.

use serde::Serialize;

/// Index of a skill in its [`Taxonomy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SkillId(pub u32);

/// What kind of skill it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

    /// The category named by [`Category::as_str`].
    pub fn parse(s: &str) -> Option<Category> {
        Some(match s {
            "programming_language" => Category::ProgrammingLanguage,
            "framework" => Category::Framework,
            "database" => Category::Database,
            "cloud" => Category::Cloud,
            "tool" => Category::Tool,
            "platform" => Category::Platform,
            "methodology" => Category::Methodology,
            "knowledge" => Category::Knowledge,
            "skill" => Category::Skill,
            "soft_skill" => Category::SoftSkill,
            "language" => Category::Language,
            _ => return None,
        })
    }

    /// Technical categories: a nearby mention of one of these gives ambiguous names
    /// (C, R, Go…) their tech context.
    pub fn is_tech(self) -> bool {
        matches!(
            self,
            Category::ProgrammingLanguage
                | Category::Framework
                | Category::Database
                | Category::Cloud
                | Category::Tool
                | Category::Platform
        )
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
