//! The SLO specification (`deploy/slo/slos.yaml`), parsed into types that can only hold a
//! valid spec: windows are Prometheus durations, objectives lie strictly between 0 and 100,
//! names are identifiers, every SLI has a `${window}` to fill, every SLA clause names an SLO.

use std::collections::BTreeSet;
use std::fmt;

use serde::Deserialize;

/// The spec shipped with this build (the committed `deploy/slo/slos.yaml`).
pub const EMBEDDED: &str = include_str!("../../../deploy/slo/slos.yaml");

/// Why a spec was refused.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    #[error("the SLO spec is not valid YAML for its schema: {0}")]
    Yaml(#[from] serde_norway::Error),
    #[error("the SLO spec is invalid: {0}")]
    Invalid(String),
}

fn invalid<T>(msg: impl Into<String>) -> Result<T, SpecError> {
    Err(SpecError::Invalid(msg.into()))
}

/// A Prometheus duration such as `5m`, `1h`, `30d` (one number and one unit; `0s` allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Window {
    seconds: u64,
}

impl Window {
    /// Parse `N` followed by one of `s m h d w`.
    pub fn parse(text: &str) -> Result<Window, String> {
        let text = text.trim();
        let unit_at = text
            .find(|c: char| !c.is_ascii_digit())
            .ok_or_else(|| format!("`{text}` has no unit (s, m, h, d, w)"))?;
        let (digits, unit) = text.split_at(unit_at);
        let n: u64 = digits
            .parse()
            .map_err(|_| format!("`{text}` does not start with a number"))?;
        let scale = match unit {
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            "d" => 86_400,
            "w" => 604_800,
            _ => return Err(format!("`{text}`: unknown unit `{unit}` (s, m, h, d, w)")),
        };
        let seconds = n
            .checked_mul(scale)
            .filter(|s| *s <= 400 * 86_400)
            .ok_or_else(|| format!("`{text}` is longer than 400 days"))?;
        Ok(Window { seconds })
    }

    /// Length in seconds.
    pub fn seconds(self) -> u64 {
        self.seconds
    }

    /// True for `0s`.
    pub fn is_zero(self) -> bool {
        self.seconds == 0
    }
}

/// The shortest Prometheus spelling in days, hours, minutes or seconds: `30d`, `6h`, `90s`
/// (weeks are shown as days: `14d` reads better than `2w` next to `30d`).
impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.seconds;
        for (unit, scale) in [("d", 86_400), ("h", 3600), ("m", 60)] {
            if s > 0 && s.is_multiple_of(scale) {
                return write!(f, "{}{unit}", s / scale);
            }
        }
        write!(f, "{s}s")
    }
}

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Window::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The whole specification.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub version: u32,
    pub service: String,
    /// Label matchers selecting atscore's series (`job="atscore"`), put in place of `${selector}`.
    pub selector: String,
    /// Compliance period of the SLOs and SLA clauses.
    pub period: Window,
    pub alerting: Alerting,
    pub slos: Vec<Slo>,
    #[serde(default)]
    pub informational: Vec<Informational>,
    #[serde(default)]
    pub sla: Vec<SlaClause>,
}

/// How burn-rate alerts are built.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alerting {
    pub page: BurnAlert,
    pub ticket: BurnAlert,
    pub target_down: Option<TargetDown>,
}

/// One alert (page or ticket) made of window pairs, any of which fires it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BurnAlert {
    pub severity: String,
    #[serde(rename = "for")]
    pub hold: Window,
    pub windows: Vec<WindowPair>,
}

/// Fires when both windows burn the budget faster than `factor`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowPair {
    pub long: Window,
    pub short: Window,
    pub factor: f64,
}

/// The "Prometheus cannot scrape us" alert.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetDown {
    pub severity: String,
    #[serde(rename = "for")]
    pub hold: Window,
}

/// One service level objective.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slo {
    pub name: String,
    pub title: String,
    /// Percent of good events, e.g. `99.0`.
    pub objective: f64,
    pub description: String,
    pub sli: Sli,
}

/// Bad events and all events, as PromQL over `${window}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sli {
    pub errors: String,
    pub total: String,
}

/// A recorded, reported, never alerted indicator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Informational {
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub by: Vec<String>,
    pub expr: String,
}

/// A commitment to users built on an SLO.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaClause {
    pub name: String,
    pub slo: String,
    /// Percent of good events promised over the period.
    pub commitment: f64,
    pub remedy: String,
}

impl Slo {
    /// The error budget as a ratio (`0.01` for 99%).
    pub fn budget(&self) -> f64 {
        round9((100.0 - self.objective) / 100.0)
    }

    /// The objective as a ratio (`0.99`).
    pub fn objective_ratio(&self) -> f64 {
        round9(self.objective / 100.0)
    }
}

/// Rounded to 9 decimals, so `(100 - 99.9) / 100` prints as `0.001`.
pub fn round9(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// Put the selector and a window into an SLI template.
pub fn fill(template: &str, selector: &str, window: Window) -> String {
    let text = template
        .replace("${selector}", selector)
        .replace("${window}", &window.to_string());
    // Folded YAML keeps a newline or runs of spaces in long expressions; one line reads better.
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Spec {
    /// Parse and check a spec.
    pub fn parse(text: &str) -> Result<Spec, SpecError> {
        let spec: Spec = serde_norway::from_str(text)?;
        spec.check()?;
        Ok(spec)
    }

    /// The spec shipped with this build.
    pub fn embedded() -> Spec {
        Spec::parse(EMBEDDED).expect("the committed deploy/slo/slos.yaml is valid (tested)")
    }

    fn check(&self) -> Result<(), SpecError> {
        if self.version != 1 {
            return invalid(format!(
                "version {} (this build reads version 1)",
                self.version
            ));
        }
        if !is_identifier(&self.service) {
            return invalid(format!("service `{}` is not an identifier", self.service));
        }
        if self.selector.trim().is_empty() || self.selector.contains(['{', '}']) {
            return invalid("selector must be label matchers without braces, e.g. job=\"atscore\"");
        }
        if self.period.seconds() < 86_400 {
            return invalid(format!("period {} is shorter than a day", self.period));
        }
        if self.slos.is_empty() {
            return invalid("no SLO defined");
        }
        let mut names = BTreeSet::new();
        for slo in &self.slos {
            if !is_identifier(&slo.name) {
                return invalid(format!("SLO name `{}` is not an identifier", slo.name));
            }
            if !names.insert(slo.name.as_str()) {
                return invalid(format!("SLO `{}` is defined twice", slo.name));
            }
            if !(slo.objective > 0.0 && slo.objective < 100.0) {
                return invalid(format!(
                    "SLO `{}`: objective {} is not strictly between 0 and 100 (percent)",
                    slo.name, slo.objective
                ));
            }
            for (what, expr) in [("errors", &slo.sli.errors), ("total", &slo.sli.total)] {
                if !expr.contains("${window}") {
                    return invalid(format!("SLO `{}`: sli.{what} has no ${{window}}", slo.name));
                }
            }
        }
        for info in &self.informational {
            if !is_identifier(&info.name) || !names.insert(info.name.as_str()) {
                return invalid(format!(
                    "informational `{}`: not an identifier or a name used twice",
                    info.name
                ));
            }
            if !info.expr.contains("${window}") {
                return invalid(format!(
                    "informational `{}`: expr has no ${{window}}",
                    info.name
                ));
            }
        }
        for clause in &self.sla {
            let Some(slo) = self.slo(&clause.slo) else {
                return invalid(format!(
                    "SLA `{}` names SLO `{}`, which is not defined",
                    clause.name, clause.slo
                ));
            };
            if clause.commitment > slo.objective {
                return invalid(format!(
                    "SLA `{}` promises {}% but SLO `{}` only aims at {}%: the SLO must be the stricter",
                    clause.name, clause.commitment, slo.name, slo.objective
                ));
            }
        }
        for (kind, alert) in [
            ("page", &self.alerting.page),
            ("ticket", &self.alerting.ticket),
        ] {
            if alert.windows.is_empty() {
                return invalid(format!("alerting.{kind} has no windows"));
            }
            for pair in &alert.windows {
                if pair.short >= pair.long || pair.short.is_zero() {
                    return invalid(format!(
                        "alerting.{kind}: the short window {} must be shorter than the long {}",
                        pair.short, pair.long
                    ));
                }
                if !(pair.factor > 0.0 && pair.factor.is_finite()) {
                    return invalid(format!(
                        "alerting.{kind}: factor {} is not positive",
                        pair.factor
                    ));
                }
            }
        }
        Ok(())
    }

    /// The SLO of that name.
    pub fn slo(&self, name: &str) -> Option<&Slo> {
        self.slos.iter().find(|s| s.name == name)
    }

    /// Every window an SLI is recorded over (alert windows, shortest first); the period is
    /// recorded apart (evaluated less often).
    pub fn alert_windows(&self) -> Vec<Window> {
        let set: BTreeSet<Window> = [&self.alerting.page, &self.alerting.ticket]
            .iter()
            .flat_map(|a| a.windows.iter().flat_map(|p| [p.long, p.short]))
            .collect();
        set.into_iter().collect()
    }

    /// A copy with every alert's `for` replaced (the end-to-end alert test uses 0s so an
    /// alert reaches the webhook within CI time; the committed rules keep the spec's).
    pub fn with_alert_hold(&self, hold: Window) -> Spec {
        let mut spec = self.clone();
        spec.alerting.page.hold = hold;
        spec.alerting.ticket.hold = hold;
        if let Some(down) = spec.alerting.target_down.as_mut() {
            down.hold = hold;
        }
        spec
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_parse_and_print_in_prometheus_form() {
        for (text, secs, shown) in [
            ("5m", 300, "5m"),
            ("30m", 1800, "30m"),
            ("1h", 3600, "1h"),
            ("6h", 21_600, "6h"),
            ("1d", 86_400, "1d"),
            ("3d", 259_200, "3d"),
            ("30d", 2_592_000, "30d"),
            ("7d", 604_800, "7d"),
            ("2w", 1_209_600, "14d"),
            ("90s", 90, "90s"),
            ("120s", 120, "2m"),
            ("0s", 0, "0s"),
        ] {
            let w = Window::parse(text).unwrap();
            assert_eq!(w.seconds(), secs, "{text}");
            assert_eq!(w.to_string(), shown, "{text}");
        }
        for bad in ["", "5", "m", "5x", "1.5h", "-1m", "99999999d"] {
            assert!(Window::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn the_committed_spec_is_valid() {
        let spec = Spec::embedded();
        assert_eq!(spec.service, "atscore");
        let avail = spec.slo("availability").unwrap();
        assert_eq!(avail.budget(), 0.01);
        assert_eq!(spec.slo("latency").unwrap().budget(), 0.05);
        assert_eq!(
            spec.alert_windows()
                .iter()
                .map(|w| w.to_string())
                .collect::<Vec<_>>(),
            ["5m", "30m", "1h", "2h", "6h", "1d", "3d"]
        );
        assert_eq!(spec.period.to_string(), "30d");
    }

    #[test]
    fn budgets_print_as_decimals() {
        let mut slo = Spec::embedded().slos[0].clone();
        slo.objective = 99.9;
        assert_eq!(slo.budget(), 0.001);
        assert_eq!(slo.budget().to_string(), "0.001");
        slo.objective = 99.95;
        assert_eq!(slo.budget().to_string(), "0.0005");
    }

    #[test]
    fn bad_specs_are_refused_with_the_reason() {
        let good = EMBEDDED;
        for (from, to, reason) in [
            ("objective: 99.0", "objective: 100", "strictly between"),
            ("name: latency", "name: availability", "defined twice"),
            ("slo: availability", "slo: nope", "not defined"),
            ("commitment: 98.5", "commitment: 99.5", "stricter"),
            ("period: 30d", "period: 30x", "unknown unit"),
            (
                "{long: 1h, short: 5m",
                "{long: 1h, short: 2h",
                "shorter than",
            ),
            ("version: 1", "version: 2", "version 2"),
            (
                "selector: job=\"atscore\"",
                "selector: \"{job=\\\"a\\\"}\"",
                "without braces",
            ),
            (
                "service: atscore",
                "service: atscore\nsurprise: 1",
                "unknown field",
            ),
        ] {
            assert!(good.contains(from), "{from}");
            let bad = good.replacen(from, to, 1);
            let err = Spec::parse(&bad).unwrap_err().to_string();
            assert!(err.contains(reason), "{from} -> {to}: {err}");
        }
    }

    #[test]
    fn fill_puts_selector_and_window_on_one_line() {
        let spec = Spec::embedded();
        let slo = spec.slo("latency").unwrap();
        let e = fill(
            &slo.sli.errors,
            &spec.selector,
            Window::parse("1h").unwrap(),
        );
        assert!(!e.contains('\n') && !e.contains("${"), "{e}");
        assert!(e.contains("{job=\"atscore\"}[1h]"), "{e}");
        assert!(e.contains(r#"le=~"2(\\.0)?""#), "{e}");
    }
}
