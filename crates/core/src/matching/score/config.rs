//! Scoring configuration: the three top-level weights and every tunable of the sub-scores,
//! with the documented defaults (`docs/scoring.md`). Parsed from `--weights`, a JSON file or
//! the API; invalid values are refused with a specific message, never silently fixed.

use serde::{Deserialize, Serialize};

/// A scoring configuration was invalid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    #[error("weights: {0}")]
    Weights(String),
    #[error("{field} must be between {min} and {max}, got {value}")]
    OutOfRange {
        field: &'static str,
        min: f64,
        max: f64,
        value: f64,
    },
}

/// Top-level weights of the total score. Default 0.6 / 0.2 / 0.2 (the product's design).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    pub content: f64,
    pub format: f64,
    pub sections: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            content: 0.6,
            format: 0.2,
            sections: 0.2,
        }
    }
}

impl Weights {
    /// Parse `content=0.7,format=0.1,sections=0.2` (names may be abbreviated to their first
    /// letter; missing ones keep their default) or three bare numbers `0.7,0.1,0.2`. Weights
    /// must be ≥ 0 and not all 0; they are normalised to sum to 1.
    pub fn parse(s: &str) -> Result<Weights, ConfigError> {
        let parts: Vec<&str> = s
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let num = |v: &str| -> Result<f64, ConfigError> {
            v.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| ConfigError::Weights(format!("`{v}` is not a number")))
        };
        let mut w = Weights::default();
        if parts.len() == 3 && parts.iter().all(|p| !p.contains('=')) {
            w = Weights {
                content: num(parts[0])?,
                format: num(parts[1])?,
                sections: num(parts[2])?,
            };
        } else {
            if parts.is_empty() {
                return Err(ConfigError::Weights(
                    "expected `content=0.6,format=0.2,sections=0.2` or `0.6,0.2,0.2`".into(),
                ));
            }
            for p in parts {
                let (k, v) = p.split_once('=').ok_or_else(|| {
                    ConfigError::Weights(format!(
                        "`{p}`: expected name=value (content, format, sections) or three numbers"
                    ))
                })?;
                let v = num(v.trim())?;
                match k.trim().to_ascii_lowercase().as_str() {
                    "content" | "c" | "content_match" => w.content = v,
                    "format" | "f" | "format_compatibility" => w.format = v,
                    "sections" | "s" | "section" => w.sections = v,
                    other => {
                        return Err(ConfigError::Weights(format!(
                            "unknown weight `{other}` (use content, format, sections)"
                        )))
                    }
                }
            }
        }
        w.normalized()
    }

    /// The weights scaled to sum to 1 (refused when negative or all zero).
    pub fn normalized(self) -> Result<Weights, ConfigError> {
        let all = [self.content, self.format, self.sections];
        if all.iter().any(|x| !x.is_finite() || *x < 0.0) {
            return Err(ConfigError::Weights("weights must be ≥ 0".into()));
        }
        let sum: f64 = all.iter().sum();
        if sum <= 0.0 {
            return Err(ConfigError::Weights(
                "at least one weight must be > 0".into(),
            ));
        }
        Ok(Weights {
            content: self.content / sum,
            format: self.format / sum,
            sections: self.sections / sum,
        })
    }
}

/// Every tunable of the score. All defaults are documented in `docs/scoring.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScoreConfig {
    pub weights: Weights,
    /// Weight of a required skill in the skill coverage.
    pub required_weight: f64,
    /// Weight of a preferred skill.
    pub preferred_weight: f64,
    /// Factor on the weight of soft skills (communication, teamwork): cheap to claim.
    pub soft_skill_factor: f64,
    /// Credit of a skill shown in use (experience, projects, volunteering).
    pub credit_used: f64,
    /// Credit of a skill mentioned elsewhere (summary, education, certifications…).
    pub credit_mentioned: f64,
    /// Credit of a skill only listed in a skills block.
    pub credit_listed: f64,
    /// Factor for a skill only implied by another one (PostgreSQL → SQL).
    pub implied_factor: f64,
    /// Share of the skill coverage in the content match (the rest is text similarity).
    pub skill_share: f64,
    /// BM25 cosine at which text similarity counts as full marks.
    pub similarity_full: f64,
}

impl Default for ScoreConfig {
    fn default() -> Self {
        ScoreConfig {
            weights: Weights::default(),
            required_weight: 1.0,
            preferred_weight: 0.8,
            soft_skill_factor: 0.5,
            credit_used: 1.0,
            credit_mentioned: 0.85,
            credit_listed: 0.6,
            implied_factor: 0.5,
            skill_share: 0.75,
            similarity_full: 0.35,
        }
    }
}

impl ScoreConfig {
    /// Read a JSON configuration (missing fields keep their defaults) and validate it.
    pub fn from_json(text: &str) -> Result<ScoreConfig, String> {
        let c: ScoreConfig = serde_json::from_str(text).map_err(|e| e.to_string())?;
        c.validated().map_err(|e| e.to_string())
    }

    /// Check every value's range; normalise the weights.
    pub fn validated(mut self) -> Result<ScoreConfig, ConfigError> {
        self.weights = self.weights.normalized()?;
        let unit = [
            ("required_weight", self.required_weight),
            ("preferred_weight", self.preferred_weight),
            ("soft_skill_factor", self.soft_skill_factor),
            ("credit_used", self.credit_used),
            ("credit_mentioned", self.credit_mentioned),
            ("credit_listed", self.credit_listed),
            ("implied_factor", self.implied_factor),
            ("skill_share", self.skill_share),
        ];
        for (field, value) in unit {
            if !(0.0..=1.0).contains(&value) {
                return Err(ConfigError::OutOfRange {
                    field,
                    min: 0.0,
                    max: 1.0,
                    value,
                });
            }
        }
        if !(0.01..=1.0).contains(&self.similarity_full) {
            return Err(ConfigError::OutOfRange {
                field: "similarity_full",
                min: 0.01,
                max: 1.0,
                value: self.similarity_full,
            });
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_parse_named_bare_and_normalise() {
        let w = Weights::parse("content=0.5,format=0.25,sections=0.25").unwrap();
        assert_eq!((w.content, w.format, w.sections), (0.5, 0.25, 0.25));
        let w = Weights::parse("2,1,1").unwrap();
        assert_eq!((w.content, w.format, w.sections), (0.5, 0.25, 0.25));
        let w = Weights::parse("format=0").unwrap();
        assert!((w.content - 0.75).abs() < 1e-12 && w.format == 0.0);
    }

    #[test]
    fn bad_weights_are_refused_with_a_reason() {
        for bad in ["", "content=x", "speed=1", "-1,1,1", "0,0,0", "1,2"] {
            let e = Weights::parse(bad).unwrap_err().to_string();
            assert!(e.starts_with("weights:"), "{bad}: {e}");
        }
    }

    #[test]
    fn json_config_keeps_defaults_and_checks_ranges() {
        let c = ScoreConfig::from_json(r#"{"credit_listed": 0.5}"#).unwrap();
        assert_eq!(c.credit_listed, 0.5);
        assert_eq!(c.required_weight, 1.0);
        assert!(ScoreConfig::from_json(r#"{"credit_listed": 2}"#).is_err());
        assert!(ScoreConfig::from_json(r#"{"nonsense": 1}"#).is_err());
    }
}
