//! The ranked table of a job's page: its state (filters and sort order) read from and
//! written back to the query string, the sortable columns, and one row per candidate.

use std::cmp::Ordering;

use serde::Deserialize;

use atscore_core::matching::job::Importance;
use atscore_core::matching::rank::RankingFilter;

use crate::app::hiring::{CandidateFilter, RankedCandidate};
use crate::http::problem::Problem;
use crate::http::web::report::{band, one};

/// The query string of a job page (every field text, so a bad value is a friendly error).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TableQuery {
    pub min_score: Option<String>,
    pub no_knockouts: Option<String>,
    pub shortlisted: Option<String>,
    pub sort: Option<String>,
    pub dir: Option<String>,
    pub flash: Option<String>,
    pub sig: Option<String>,
}

/// Sortable columns: key, heading, whether the first click sorts descending.
pub const COLUMNS: &[(&str, &str, bool)] = &[
    ("rank", "Rank", false),
    ("name", "Candidate", false),
    ("fit", "Fit", true),
    ("score", "Score", true),
    ("content", "Content", true),
    ("format", "Format", true),
    ("sections", "Sections", true),
    ("matched", "Required met", true),
    ("missing", "Missing required", false),
    ("knockouts", "Knockouts", false),
    ("shortlisted", "Shortlist", true),
];

pub fn on(v: &Option<String>) -> bool {
    v.as_deref()
        .is_some_and(|v| !matches!(v.trim(), "" | "0" | "false" | "off"))
}

/// The table's state: filter and order.
#[derive(Debug, Clone)]
pub struct Table {
    pub filter: CandidateFilter,
    pub min_score: String,
    pub sort: &'static str,
    pub desc: bool,
}

impl Table {
    pub fn new(q: &TableQuery) -> Result<Table, Problem> {
        let min_text = q.min_score.as_deref().unwrap_or("").trim().to_string();
        let min_score = if min_text.is_empty() {
            None
        } else {
            Some(
                min_text
                    .parse::<f64>()
                    .ok()
                    .filter(|m| m.is_finite())
                    .ok_or_else(|| {
                        Problem::bad_request(
                            "invalid_query",
                            format!("minimum score `{min_text}` is not a number"),
                        )
                    })?,
            )
        };
        let (sort, first_desc) = COLUMNS
            .iter()
            .find(|c| Some(c.0) == q.sort.as_deref())
            .map_or(("rank", false), |c| (c.0, c.2));
        let desc = match q.dir.as_deref() {
            Some("asc") => false,
            Some("desc") => true,
            _ => first_desc,
        };
        Ok(Table {
            filter: CandidateFilter {
                ranking: RankingFilter {
                    min_score,
                    no_knockouts: on(&q.no_knockouts),
                    top: None,
                },
                shortlisted: on(&q.shortlisted),
            },
            min_score: min_text,
            sort,
            desc,
        })
    }

    /// The query string of this state, with another order when given.
    pub fn query(&self, order: Option<(&str, bool)>) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        if !self.min_score.is_empty() {
            s.append_pair("min_score", &self.min_score);
        }
        if self.filter.ranking.no_knockouts {
            s.append_pair("no_knockouts", "1");
        }
        if self.filter.shortlisted {
            s.append_pair("shortlisted", "1");
        }
        let (sort, desc) = order.unwrap_or((self.sort, self.desc));
        if sort != "rank" || desc {
            s.append_pair("sort", sort);
            s.append_pair("dir", if desc { "desc" } else { "asc" });
        }
        s.finish()
    }

    /// Only the filters (the CSV follows the ranking's order).
    pub fn filter_query(&self) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        if !self.min_score.is_empty() {
            s.append_pair("min_score", &self.min_score);
        }
        if self.filter.ranking.no_knockouts {
            s.append_pair("no_knockouts", "1");
        }
        if self.filter.shortlisted {
            s.append_pair("shortlisted", "1");
        }
        s.finish()
    }

    pub fn filtered(&self) -> bool {
        self.filter.ranking.min_score.is_some()
            || self.filter.ranking.no_knockouts
            || self.filter.shortlisted
    }
}

pub fn with_query(path: &str, q: &str) -> String {
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{q}")
    }
}

/// A value to sort on; `None` (unreadable files) sorts last in both directions.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Key {
    Num(f64),
    Text(String),
}

pub fn display_name(r: &RankedCandidate) -> String {
    r.candidate
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| r.ranked.name().to_string())
}

fn sort_key(r: &RankedCandidate, key: &str) -> Option<Key> {
    let rep = r.ranked.outcome.as_ref().ok();
    let required = |m: bool| {
        rep.map(|rep| {
            let n = if m {
                rep.matched
                    .iter()
                    .filter(|x| x.importance == Importance::Required)
                    .count()
            } else {
                rep.missing
                    .iter()
                    .filter(|x| x.importance == Importance::Required)
                    .count()
            };
            Key::Num(n as f64)
        })
    };
    match key {
        "name" => Some(Key::Text(display_name(r).to_lowercase())),
        "shortlisted" => Some(Key::Num(r.candidate.shortlisted as u8 as f64)),
        "rank" => r.ranked.rank.map(|n| Key::Num(n as f64)),
        "fit" => rep.map(|x| Key::Num(x.fit.score)),
        "score" => rep.map(|x| Key::Num(x.score)),
        "content" => rep.map(|x| Key::Num(x.breakdown.content_match.score)),
        "format" => rep.map(|x| Key::Num(x.breakdown.format_compatibility.score)),
        "sections" => rep.map(|x| Key::Num(x.breakdown.sections.score)),
        "matched" => required(true),
        "missing" => required(false),
        "knockouts" => rep.map(|x| Key::Num(x.knockouts.len() as f64)),
        _ => None,
    }
}

/// Order rows by a column; ties keep the ranking's order.
pub fn sort_rows(rows: &mut [RankedCandidate], key: &str, desc: bool) {
    rows.sort_by(|a, b| match (sort_key(a, key), sort_key(b, key)) {
        (Some(x), Some(y)) => {
            let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
            if desc {
                o.reverse()
            } else {
                o
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
}

#[derive(Debug, Clone)]
pub struct Header {
    pub label: &'static str,
    pub href: String,
    /// `aria-sort`: ascending, descending or none.
    pub aria_sort: &'static str,
    pub arrow: &'static str,
}

#[derive(Debug, Clone)]
pub struct CandidateRow {
    pub href: String,
    pub shortlist_action: String,
    pub rank: String,
    pub name: String,
    pub file: String,
    pub scored: bool,
    pub error: String,
    /// The fit (what the ranking sorts by) and, as its tooltip, the years in relevant roles.
    pub fit: String,
    pub fit_note: String,
    /// Lines copied from the posting (they earn nothing), when any.
    pub copied: usize,
    pub score: String,
    pub band: &'static str,
    pub content: String,
    pub format: String,
    pub sections: String,
    pub matched: String,
    /// The first few missing required skills, and how many more there are.
    pub missing: Vec<String>,
    pub missing_more: usize,
    pub knockouts: usize,
    /// Knockouts other than a missing required skill (years, degree), which the missing
    /// column does not show.
    pub knockout_notes: Vec<String>,
    pub shortlisted: bool,
}

/// Missing required skills named in a row of the table.
const MISSING_SHOWN: usize = 4;

pub fn candidate_row(job: &str, r: &RankedCandidate) -> CandidateRow {
    let c = &r.candidate;
    let href = format!("{job}/candidates/{}", c.id);
    let base = CandidateRow {
        shortlist_action: format!("{href}/shortlist"),
        href,
        rank: r.ranked.rank.map_or("\u{2014}".into(), |n| n.to_string()),
        name: display_name(r),
        file: r.ranked.name().to_string(),
        scored: false,
        error: String::new(),
        fit: String::new(),
        fit_note: String::new(),
        copied: 0,
        score: String::new(),
        band: "poor",
        content: String::new(),
        format: String::new(),
        sections: String::new(),
        matched: String::new(),
        missing: Vec::new(),
        missing_more: 0,
        knockouts: 0,
        knockout_notes: Vec::new(),
        shortlisted: c.shortlisted,
    };
    match &r.ranked.outcome {
        Err(e) => CandidateRow {
            error: format!("Unreadable: {}", e.message),
            ..base
        },
        Ok(rep) => {
            let b = &rep.breakdown;
            let matched = rep
                .matched
                .iter()
                .filter(|m| m.importance == Importance::Required)
                .count();
            let missing: Vec<String> = rep
                .missing
                .iter()
                .filter(|m| m.importance == Importance::Required)
                .map(|m| m.name.clone())
                .collect();
            CandidateRow {
                scored: true,
                fit: one(rep.fit.score),
                fit_note: format!(
                    "{:.1} years in relevant roles; {:.0}% of the requirements shown in work",
                    rep.fit.relevant_years,
                    rep.fit.demonstrated * 100.0
                ),
                copied: rep.copied_lines.len(),
                score: one(rep.score),
                band: band(rep.score),
                content: one(b.content_match.score),
                format: one(b.format_compatibility.score),
                sections: one(b.sections.score),
                matched: format!("{matched} of {}", rep.job.required.len()),
                missing_more: missing.len().saturating_sub(MISSING_SHOWN),
                missing: missing.into_iter().take(MISSING_SHOWN).collect(),
                knockouts: rep.knockouts.len(),
                knockout_notes: rep
                    .knockouts
                    .iter()
                    .filter(|k| k.code != "missing_required_skill")
                    .map(|k| k.message.clone())
                    .collect(),
                ..base
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_state_round_trips_through_the_query() {
        let q = TableQuery {
            min_score: Some(" 50 ".into()),
            no_knockouts: Some("on".into()),
            sort: Some("score".into()),
            ..TableQuery::default()
        };
        let t = Table::new(&q).unwrap();
        assert_eq!(t.filter.ranking.min_score, Some(50.0));
        assert!(t.filter.ranking.no_knockouts && !t.filter.shortlisted);
        assert!(t.desc, "score sorts best first on the first click");
        assert_eq!(
            t.query(None),
            "min_score=50&no_knockouts=1&sort=score&dir=desc"
        );
        assert_eq!(
            t.query(Some(("rank", false))),
            "min_score=50&no_knockouts=1"
        );
        assert_eq!(t.filter_query(), "min_score=50&no_knockouts=1");
        let bad = TableQuery {
            min_score: Some("lots".into()),
            ..TableQuery::default()
        };
        assert_eq!(Table::new(&bad).unwrap_err().status, 400);
    }
}
