//! Context rules for ambiguous skill names: "C", "R", "Go", "Swift", "Rust", "Spark", "Excel"…
//! are also letters, verbs, names and everyday words. A rule is attached to a normalised
//! surface form (not to a skill, so "golang" is never ambiguous while "go" is) and says:
//!
//! - `caps`: the mention must start with a capital letter ("Swift", not "swift delivery");
//! - `tech`: a *tech context* is needed: another technical skill (language, framework, database,
//!   cloud, tool, platform) on the same line within [`WINDOW`] bytes, a cue word next to it
//!   ("R programming", "written in Go", "Go developer"), a cue on the line ("Languages:",
//!   "Tech stack", "programming"), or another ambiguous name next to it in a list ("C, R, Go");
//! - `veto_prev` / `veto_next`: words just before/after that rule it out ("go to market",
//!   "strive to excel", "Spring 2021", "Java island");
//! - single letters (C, R) are never initials ("John C. Smith") nor part of "R&D", "C-level".
//!
//! Plurals are never accepted for ruled forms ("excels", "Rusts").

/// One rule (see the module docs).
#[derive(Debug)]
pub(crate) struct Rule {
    pub form: &'static str,
    pub caps: bool,
    pub tech: bool,
    pub veto_prev: &'static [&'static str],
    pub veto_next: &'static [&'static str],
}

/// Bytes either side of a mention searched for another technical skill.
pub(crate) const WINDOW: usize = 120;

const SEASON_NEXT: &[&str] = &[
    "semester",
    "term",
    "break",
    "quarter",
    "season",
    "session",
    "intern",
    "internship",
    "cohort",
    "#digits",
];
const GO_NEXT: &[&str] = &[
    "to", "live", "ahead", "beyond", "above", "getter", "getters", "through", "for", "back", "out",
    "over", "into", "after", "the", "a", "an", "get", "green", "fund", "big",
];
const NAME_NEXT: &[&str] = &[
    "smith", "jones", "brown", "johnson", "garcia", "williams", "miller",
];

const fn r(form: &'static str, caps: bool, tech: bool) -> Rule {
    Rule {
        form,
        caps,
        tech,
        veto_prev: &[],
        veto_next: &[],
    }
}

/// The rules. Forms are normalised keys (lower case).
pub(crate) static RULES: &[Rule] = &[
    Rule {
        veto_next: &[
            "level", "suite", "section", "grade", "class", "corp", "student", "average", "minus",
        ],
        ..r("c", true, true)
    },
    Rule {
        veto_next: &["d", "and d", "n b", "b"],
        ..r("r", true, true)
    },
    Rule {
        veto_next: GO_NEXT,
        veto_prev: &["to", "let", "will", "can", "on the", "let's", "lets"],
        ..r("go", true, true)
    },
    r("swift", true, true),
    r("rust", true, true),
    Rule {
        veto_next: NAME_NEXT,
        ..r("ruby", true, true)
    },
    Rule {
        veto_next: NAME_NEXT,
        ..r("julia", true, true)
    },
    r("dart", true, true),
    r("elm", true, true),
    r("scheme", true, true),
    r("pascal", true, true),
    r("zig", true, true),
    r("lua", true, true),
    r("groovy", true, true),
    r("perl", true, true),
    r("scala", true, true),
    r("apex", true, true),
    Rule {
        veto_next: &["island", "sea", "coffee", "indonesia"],
        ..r("java", true, false)
    },
    Rule {
        veto_next: SEASON_NEXT,
        veto_prev: &["in", "this", "last", "next", "early", "late"],
        ..r("spring", true, true)
    },
    r("spark", true, true),
    r("express", true, true),
    r("chef", true, true),
    r("puppet", true, true),
    r("less", true, true),
    r("shell", true, true),
    r("unity", true, true),
    r("flask", true, true),
    r("node", false, true),
    r("ember", true, true),
    r("sketch", true, true),
    r("notion", true, true),
    r("slack", true, true),
    r("asana", true, true),
    r("helm", true, true),
    r("hive", true, true),
    r("bootstrap", true, true),
    r("electron", true, true),
    r("babel", true, true),
    r("vite", true, true),
    r("cypress", true, true),
    r("jest", true, true),
    r("mocha", true, true),
    r("blender", true, true),
    r("prometheus", true, true),
    r("hibernate", true, true),
    r("oracle", true, true),
    r("qt", false, true),
    r("ts", false, true),
    r("rag", false, true),
    r("lean", true, false),
    r("rails", false, true),
    r("torch", false, true),
    r("react", true, true),
    r("angular", true, true),
    r("snowflake", true, true),
    r("looker", true, true),
    r("confluence", true, true),
    r("playwright", true, true),
    r("selenium", true, true),
    r("postman", true, true),
    r("jenkins", true, true),
    r("redis", true, false),
    r("pandas", false, true),
    r("canva", true, false),
    r("xero", true, false),
    r("flutter", true, true),
    r("stata", true, false),
    r("tableau", true, false),
    // "assembly time", "assembly line", "Design for Manufacturing and Assembly": the language
    // only with a capital and a tech context.
    Rule {
        veto_next: &[
            "line",
            "lines",
            "time",
            "times",
            "instructions",
            "drawing",
            "drawings",
            "process",
            "processes",
            "operations",
            "work",
            "cell",
            "cells",
            "fixture",
            "fixtures",
            "and test",
        ],
        veto_prev: &[
            "for",
            "and",
            "final",
            "sub",
            "product",
            "mechanical",
            "manual",
        ],
        ..r("assembly", true, true)
    },
    // "discharge instructions", "work instructions": never a plural; "classroom instruction"
    // and "direct instruction" are teaching.
    r("instruction", false, false),
    Rule {
        veto_prev: &[
            "to",
            "i",
            "we",
            "will",
            "can",
            "they",
            "you",
            "should",
            "would",
            "could",
            "who",
            "that",
            "continue to",
            "strive to",
            "and to",
        ],
        veto_next: &["at", "academically", "under"],
        ..r("excel", false, false)
    },
];

/// The rule for a normalised form, if it is ambiguous.
pub(crate) fn rule_index(form: &str) -> Option<usize> {
    RULES.iter().position(|r| r.form == form)
}

/// Whether `words` (a normalised fragment) ends with one of `list` (whole words).
pub(crate) fn ends_with_any(before: &str, list: &[&str]) -> bool {
    let b = before.trim_end();
    list.iter().any(|w| {
        b.strip_suffix(w)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()))
    })
}

/// Whether `after` (a normalised fragment) starts with one of `list` (whole words);
/// `#digits` matches a number.
pub(crate) fn starts_with_any(after: &str, list: &[&str]) -> bool {
    let a = after.trim_start();
    list.iter().any(|w| {
        if *w == "#digits" {
            return a.starts_with(|c: char| c.is_ascii_digit() || c == '\'');
        }
        a.strip_prefix(w)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
    })
}
