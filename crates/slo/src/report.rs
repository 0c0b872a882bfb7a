//! `atscore slo report`: each SLI measured over a window against its objective — compliance,
//! error budget left, the current (1 h) burn rate — plus the SLA clauses and the informational
//! SLIs, from instant queries to a Prometheus server. The SLIs are computed from the raw
//! series with the spec's own expressions, so the report works whether or not the recording
//! rules are loaded.

use std::fmt::Write as _;

use serde::Serialize;

use crate::prom::{QueryError, Source};
use crate::rules::error_ratio_expr;
use crate::spec::{fill, Spec, Window};

/// One SLO's standing.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SloStatus {
    pub name: String,
    pub title: String,
    /// Objective in percent.
    pub objective: f64,
    /// Good events over the window in percent; `None` when there was no event at all.
    pub compliance: Option<f64>,
    /// Share of the window's error budget still unspent (1 = untouched, < 0 = overspent).
    pub error_budget_remaining: Option<f64>,
    /// How fast the budget burns over the last hour (1 = exactly on budget).
    pub burn_rate_1h: Option<f64>,
    /// `met`, `breached` or `no_data`.
    pub verdict: &'static str,
}

/// One SLA clause's standing.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SlaStatus {
    pub name: String,
    pub slo: String,
    pub commitment: f64,
    pub compliance: Option<f64>,
    pub verdict: &'static str,
    pub remedy: String,
}

/// One informational SLI (one value per label set, e.g. per format).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InfoStatus {
    pub name: String,
    pub title: String,
    pub values: Vec<InfoValue>,
}

/// A labelled value.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InfoValue {
    pub labels: std::collections::BTreeMap<String, String>,
    pub value: f64,
}

/// The whole report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub service: String,
    pub window: String,
    pub slos: Vec<SloStatus>,
    pub sla: Vec<SlaStatus>,
    pub informational: Vec<InfoStatus>,
}

fn ratio(source: &dyn Source, expr: &str) -> Result<Option<f64>, QueryError> {
    Ok(source
        .query(expr)?
        .into_iter()
        .next()
        .map(|s| s.value)
        .filter(|v| v.is_finite()))
}

/// Measure every SLI over `window`.
pub fn build(spec: &Spec, source: &dyn Source, window: Window) -> Result<Report, QueryError> {
    let hour = Window::parse("1h").expect("valid");
    let mut slos = Vec::new();
    for slo in &spec.slos {
        let bad = ratio(source, &error_ratio_expr(spec, slo, window))?;
        let bad_1h = ratio(source, &error_ratio_expr(spec, slo, hour))?;
        let budget = slo.budget();
        let compliance = bad.map(|b| (1.0 - b) * 100.0);
        let verdict = match compliance {
            None => "no_data",
            Some(c) if c >= slo.objective => "met",
            Some(_) => "breached",
        };
        slos.push(SloStatus {
            name: slo.name.clone(),
            title: slo.title.clone(),
            objective: slo.objective,
            compliance,
            error_budget_remaining: bad.map(|b| 1.0 - b / budget),
            burn_rate_1h: bad_1h.map(|b| b / budget),
            verdict,
        });
    }
    let sla = spec
        .sla
        .iter()
        .map(|clause| {
            let compliance = slos
                .iter()
                .find(|s| s.name == clause.slo)
                .and_then(|s| s.compliance);
            SlaStatus {
                name: clause.name.clone(),
                slo: clause.slo.clone(),
                commitment: clause.commitment,
                compliance,
                verdict: match compliance {
                    None => "no_data",
                    Some(c) if c >= clause.commitment => "met",
                    Some(_) => "breached",
                },
                remedy: clause.remedy.clone(),
            }
        })
        .collect();
    let mut informational = Vec::new();
    for info in &spec.informational {
        let mut values: Vec<InfoValue> = source
            .query(&fill(&info.expr, &spec.selector, window))?
            .into_iter()
            .filter(|s| s.value.is_finite())
            .map(|s| InfoValue {
                labels: s.labels,
                value: s.value,
            })
            .collect();
        values.sort_by(|a, b| a.labels.cmp(&b.labels));
        informational.push(InfoStatus {
            name: info.name.clone(),
            title: info.title.clone(),
            values,
        });
    }
    Ok(Report {
        service: spec.service.clone(),
        window: window.to_string(),
        slos,
        sla,
        informational,
    })
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.3}%"))
}

fn num(v: Option<f64>, suffix: &str) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.2}{suffix}"))
}

impl Report {
    /// The report as aligned text tables.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} service levels over {}", self.service, self.window);
        let mut rows = vec![[
            "SLO".to_string(),
            "objective".into(),
            "compliance".into(),
            "budget left".into(),
            "burn rate (1h)".into(),
            "verdict".into(),
        ]];
        for s in &self.slos {
            rows.push([
                s.name.clone(),
                format!("{}%", s.objective),
                pct(s.compliance),
                s.error_budget_remaining
                    .map_or_else(|| "–".to_string(), |v| format!("{:.1}%", v * 100.0)),
                num(s.burn_rate_1h, "×"),
                s.verdict.to_string(),
            ]);
        }
        table(&mut out, &rows);
        if !self.sla.is_empty() {
            out.push('\n');
            let mut rows = vec![[
                "SLA clause".to_string(),
                "SLO".into(),
                "commitment".into(),
                "compliance".into(),
                "verdict".into(),
            ]];
            for s in &self.sla {
                rows.push([
                    s.name.clone(),
                    s.slo.clone(),
                    format!("{}%", s.commitment),
                    pct(s.compliance),
                    s.verdict.to_string(),
                ]);
            }
            table(&mut out, &rows);
        }
        if !self.informational.is_empty() {
            out.push_str("\ninformational (not objectives)\n");
            for info in &self.informational {
                if info.values.is_empty() {
                    let _ = writeln!(out, "  {}: no data", info.title);
                }
                for v in &info.values {
                    let labels = v
                        .labels
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(",");
                    let at = if labels.is_empty() {
                        String::new()
                    } else {
                        format!(" {{{labels}}}")
                    };
                    let _ = writeln!(out, "  {}{at}: {:.4}", info.title, v.value);
                }
            }
        }
        out
    }
}

fn table<const N: usize>(out: &mut String, rows: &[[String; N]]) {
    let widths: Vec<usize> = (0..N)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        let _ = writeln!(out, "{}", line.join("  ").trim_end());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prom::Sample;
    use std::collections::BTreeMap;

    /// Answers by the window named in the query: 1% errors over 30d, 2% over 1h.
    struct Fixed;
    impl Source for Fixed {
        fn query(&self, expr: &str) -> Result<Vec<Sample>, QueryError> {
            let value = if expr.contains("documents_parsed_total") {
                let mut labels = BTreeMap::new();
                labels.insert("format".to_string(), "pdf".to_string());
                return Ok(vec![Sample {
                    labels,
                    value: 0.98,
                }]);
            } else if expr.contains("resume_matching_score") {
                return Ok(vec![]);
            } else if expr.contains("[30d]") {
                0.005
            } else {
                0.02
            };
            Ok(vec![Sample {
                labels: BTreeMap::new(),
                value,
            }])
        }
    }

    #[test]
    fn compliance_budget_and_burn_rate_follow_from_the_ratios() {
        let spec = Spec::embedded();
        let r = build(&spec, &Fixed, spec.period).unwrap();
        let a = r.slos.iter().find(|s| s.name == "availability").unwrap();
        assert!((a.compliance.unwrap() - 99.5).abs() < 1e-9);
        assert!((a.error_budget_remaining.unwrap() - 0.5).abs() < 1e-9);
        assert!((a.burn_rate_1h.unwrap() - 2.0).abs() < 1e-9);
        assert_eq!(a.verdict, "met");
        let l = r.slos.iter().find(|s| s.name == "latency").unwrap();
        assert!((l.error_budget_remaining.unwrap() - 0.9).abs() < 1e-9);
        assert_eq!(r.sla[0].verdict, "met");
        let text = r.to_table();
        assert!(text.contains("availability  99%"), "{text}");
        assert!(text.contains("99.500%") && text.contains("50.0%") && text.contains("2.00×"));
        assert!(text.contains("{format=pdf}: 0.9800"), "{text}");
        assert!(text.contains("no data"), "{text}");
    }
}
