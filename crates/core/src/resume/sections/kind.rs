//! The canonical section kinds of a resume (`experience`, `education`, `skills`…).

use serde::{Deserialize, Serialize};

/// Canonical section kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Contact,
    Summary,
    Experience,
    Education,
    Skills,
    Projects,
    Certifications,
    Languages,
    Awards,
    Publications,
    Volunteer,
    Interests,
    References,
    Other,
}
