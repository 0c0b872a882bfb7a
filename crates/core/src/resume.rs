//! The parsed resume: the stable `atscore parse --json` contract.

use serde::Serialize;

/// A parsed resume (placeholder).
#[derive(Debug, Clone, Serialize, Default)]
pub struct ParsedResume {}
