//! Grafana dashboards as code: the SLO overview (compliance, budget left, burn rates, firing
//! alerts, informational SLIs) and the service dashboard (latency quantiles, traffic by status
//! and route, score distribution, parse errors, in-flight requests, process). Both are made
//! from the spec, so a new SLO appears on the overview without editing JSON; `atscore slo
//! dashboards` writes them under `deploy/grafana/dashboards/`, and a test fails on drift.

use serde_json::{json, Value};

use crate::rules::{error_ratio_record, info_record, slo_matchers};
use crate::spec::{Spec, Window};

/// The uid of the provisioned Prometheus datasource (`deploy/grafana/provisioning`).
pub const DATASOURCE_UID: &str = "prometheus";

/// One panel query.
struct Target {
    expr: String,
    legend: String,
}

fn t(expr: impl Into<String>, legend: impl Into<String>) -> Target {
    Target {
        expr: expr.into(),
        legend: legend.into(),
    }
}

/// Lays panels out left to right, wrapping at Grafana's 24 columns.
struct Layout {
    panels: Vec<Value>,
    x: u32,
    y: u32,
    row_h: u32,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            panels: Vec::new(),
            x: 0,
            y: 0,
            row_h: 0,
        }
    }

    fn place(&mut self, w: u32, h: u32) -> Value {
        if self.x + w > 24 {
            self.x = 0;
            self.y += self.row_h;
            self.row_h = 0;
        }
        let pos = json!({"x": self.x, "y": self.y, "w": w, "h": h});
        self.x += w;
        self.row_h = self.row_h.max(h);
        pos
    }

    #[allow(clippy::too_many_arguments)]
    fn panel(
        &mut self,
        kind: &str,
        title: &str,
        description: &str,
        unit: &str,
        (w, h): (u32, u32),
        targets: Vec<Target>,
        extra: Value,
    ) {
        let id = self.panels.len() as u32 + 1;
        let grid = self.place(w, h);
        let targets: Vec<Value> = targets
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                json!({
                    "refId": ((b'A' + i as u8) as char).to_string(),
                    "datasource": {"type": "prometheus", "uid": DATASOURCE_UID},
                    "expr": t.expr,
                    "legendFormat": t.legend,
                    "range": true,
                })
            })
            .collect();
        let mut panel = json!({
            "id": id,
            "type": kind,
            "title": title,
            "description": description,
            "gridPos": grid,
            "datasource": {"type": "prometheus", "uid": DATASOURCE_UID},
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "options": {},
            "targets": targets,
        });
        if let (Some(p), Some(e)) = (panel.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                p.insert(k.clone(), v.clone());
            }
        }
        self.panels.push(panel);
    }
}

fn dashboard(uid: &str, title: &str, description: &str, panels: Vec<Value>) -> Value {
    json!({
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["atscore", "slo"],
        "timezone": "utc",
        "editable": false,
        "schemaVersion": 39,
        "version": 1,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "templating": {"list": []},
        "annotations": {"list": []},
        "panels": panels,
    })
}

fn thresholds(steps: &[(Option<f64>, &str)]) -> Value {
    let steps: Vec<Value> = steps
        .iter()
        .map(|(v, c)| json!({"value": v, "color": c}))
        .collect();
    json!({"mode": "absolute", "steps": steps})
}

/// The SLO overview dashboard.
pub fn slo_overview(spec: &Spec) -> Value {
    let mut l = Layout::new();
    let svc = &spec.service;
    let period = spec.period;
    for slo in &spec.slos {
        let m = slo_matchers(spec, slo);
        let objective = slo.objective_ratio();
        let mut extra = json!({"options": {"reduceOptions": {"calcs": ["lastNotNull"]}, "colorMode": "background"}});
        extra["fieldConfig"] = json!({"defaults": {
            "unit": "percentunit", "decimals": 3, "min": 0, "max": 1,
            "thresholds": thresholds(&[(None, "red"), (Some(objective), "green")]),
        }, "overrides": []});
        l.panel(
            "stat",
            &format!("{} ({period})", slo.title),
            &format!("{} Objective {}%.", slo.description.trim(), slo.objective),
            "percentunit",
            (8, 4),
            vec![t(
                format!("1 - {}{{{m}}}", error_ratio_record(period)),
                slo.name.clone(),
            )],
            extra,
        );
    }
    let mut extra = json!({"options": {"reduceOptions": {"calcs": ["lastNotNull"]}, "colorMode": "background"}});
    extra["fieldConfig"] = json!({"defaults": {
        "unit": "percentunit", "decimals": 1,
        "thresholds": thresholds(&[(None, "red"), (Some(0.25), "orange"), (Some(0.5), "green")]),
    }, "overrides": []});
    l.panel(
        "stat",
        &format!("Error budget left ({period})"),
        "Share of each SLO's error budget not yet spent in the period (below 0: overspent).",
        "percentunit",
        (12, 5),
        vec![t(
            format!("slo:period_error_budget_remaining:ratio{{service=\"{svc}\"}}"),
            "{{slo}}",
        )],
        extra,
    );
    l.panel(
        "stat",
        "Burn rate (1h)",
        "How fast each budget burns over the last hour: 1 spends exactly the budget in the period; 14.4 pages.",
        "x",
        (8, 5),
        vec![t(
            format!("slo:current_burn_rate:ratio{{service=\"{svc}\"}}"),
            "{{slo}}",
        )],
        json!({"options": {"reduceOptions": {"calcs": ["lastNotNull"]}}}),
    );
    l.panel(
        "stat",
        "Firing SLO alerts",
        "Alerts of this service firing now (page and ticket).",
        "short",
        (4, 5),
        vec![t(
            format!("sum(ALERTS{{service=\"{svc}\",alertstate=\"firing\"}}) or vector(0)"),
            "firing",
        )],
        json!({"options": {"reduceOptions": {"calcs": ["lastNotNull"]}}}),
    );
    let mut burn = Vec::new();
    for w in ["5m", "1h", "6h"] {
        let w = Window::parse(w).expect("valid");
        burn.push(t(
            format!(
                "{}{{service=\"{svc}\"}} / on(service, slo) slo:error_budget:ratio{{service=\"{svc}\"}}",
                error_ratio_record(w)
            ),
            format!("{{{{slo}}}} {w}"),
        ));
    }
    l.panel(
        "timeseries",
        "Burn rates",
        "Error ratio over each window divided by the budget. Page: 1h and 5m above 14.4, or 6h and 30m above 6.",
        "x",
        (24, 8),
        burn,
        json!({}),
    );
    for info in &spec.informational {
        let legend = if info.by.is_empty() {
            info.name.clone()
        } else {
            info.by
                .iter()
                .map(|b| format!("{{{{{b}}}}}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let hour = Window::parse("1h").expect("valid");
        l.panel(
            "timeseries",
            &format!("{} (informational)", info.title),
            "Recorded and shown, never alerted on: see docs/slo.md.",
            "percentunit",
            (12, 7),
            vec![t(
                format!("{}{{service=\"{svc}\"}}", info_record(&info.name, hour)),
                legend,
            )],
            json!({}),
        );
    }
    dashboard(
        &format!("{svc}-slo"),
        &format!("{svc} / SLO overview"),
        "Generated by `atscore slo dashboards` from deploy/slo/slos.yaml: SLO compliance, error budgets, burn rates.",
        l.panels,
    )
}

/// The service dashboard (golden signals and the resume pipeline).
pub fn service(spec: &Spec) -> Value {
    let mut l = Layout::new();
    let sel = &spec.selector;
    let quantiles = [0.5, 0.95, 0.99]
        .iter()
        .map(|q| {
            t(
                format!(
                    "histogram_quantile({q}, sum by (le) (rate(http_request_latency_seconds_bucket{{{sel}}}[$__rate_interval])))"
                ),
                format!("p{}", (q * 100.0) as u32),
            )
        })
        .collect();
    l.panel(
        "timeseries",
        "Request latency p50 / p95 / p99",
        "From the http_request_latency_seconds histogram (all routes). The latency SLO is 95% under 2 s.",
        "s",
        (12, 8),
        quantiles,
        json!({}),
    );
    l.panel(
        "timeseries",
        "Requests by status",
        "Responses per second by HTTP status code.",
        "reqps",
        (12, 8),
        vec![t(
            format!("sum by (status) (rate(http_requests_total{{{sel}}}[$__rate_interval]))"),
            "{{status}}",
        )],
        json!({}),
    );
    l.panel(
        "timeseries",
        "Requests by route",
        "Responses per second by route template (never the raw path).",
        "reqps",
        (12, 8),
        vec![t(
            format!("sum by (route) (rate(http_requests_total{{{sel}}}[$__rate_interval]))"),
            "{{route}}",
        )],
        json!({}),
    );
    l.panel(
        "timeseries",
        "p95 latency by route",
        "Which routes are slow.",
        "s",
        (12, 8),
        vec![t(
            format!(
                "histogram_quantile(0.95, sum by (le, route) (rate(http_request_latency_seconds_bucket{{{sel}}}[$__rate_interval])))"
            ),
            "{{route}}",
        )],
        json!({}),
    );
    l.panel(
        "bargauge",
        "Matching score distribution",
        "Score reports by score band (resume_matching_score, score / 100), over the dashboard's time range.",
        "short",
        (12, 8),
        vec![t(
            format!("sum by (le) (increase(resume_matching_score_bucket{{{sel}}}[$__range]))"),
            "≤ {{le}}",
        )],
        json!({"options": {"reduceOptions": {"calcs": ["lastNotNull"]}, "displayMode": "gradient"}}),
    );
    l.panel(
        "timeseries",
        "Parse errors by format",
        "Resumes that could not be read, by detected format and error code (outcome).",
        "reqps",
        (12, 8),
        vec![t(
            format!(
                "sum by (format, outcome) (rate(documents_parsed_total{{{sel},outcome!=\"ok\"}}[$__rate_interval]))"
            ),
            "{{format}} {{outcome}}",
        )],
        json!({}),
    );
    l.panel(
        "timeseries",
        "Parse time p95 by format",
        "document_parse_duration_seconds.",
        "s",
        (12, 8),
        vec![t(
            format!(
                "histogram_quantile(0.95, sum by (le, format) (rate(document_parse_duration_seconds_bucket{{{sel}}}[$__rate_interval])))"
            ),
            "{{format}}",
        )],
        json!({}),
    );
    l.panel(
        "timeseries",
        "Requests in flight",
        "Requests being handled now, summed over replicas.",
        "short",
        (12, 8),
        vec![t(
            format!("sum(http_requests_in_flight{{{sel}}})"),
            "in flight",
        )],
        json!({}),
    );
    l.panel(
        "timeseries",
        "Resident memory",
        "process_resident_memory_bytes per replica (target ≤ 64 MiB under load).",
        "bytes",
        (8, 7),
        vec![t(
            format!("process_resident_memory_bytes{{{sel}}}"),
            "{{instance}}",
        )],
        json!({}),
    );
    l.panel(
        "timeseries",
        "CPU",
        "CPU seconds per second per replica.",
        "percentunit",
        (8, 7),
        vec![t(
            format!("rate(process_cpu_seconds_total{{{sel}}}[$__rate_interval])"),
            "{{instance}}",
        )],
        json!({}),
    );
    l.panel(
        "timeseries",
        "ClamAV scans by result",
        "Uploads scanned (clean, infected, error); all zero while scanning is off.",
        "reqps",
        (8, 7),
        vec![t(
            format!("sum by (result) (rate(clamav_scans_total{{{sel}}}[$__rate_interval]))"),
            "{{result}}",
        )],
        json!({}),
    );
    dashboard(
        &format!("{}-service", spec.service),
        &format!("{} / service", spec.service),
        "Generated by `atscore slo dashboards`: latency, traffic, errors, score distribution, parsing, saturation.",
        l.panels,
    )
}

/// Every dashboard with its file name.
pub fn all(spec: &Spec) -> Vec<(String, Value)> {
    vec![
        (format!("{}-slo.json", spec.service), slo_overview(spec)),
        (format!("{}-service.json", spec.service), service(spec)),
    ]
}

/// Pretty JSON with a final newline (the committed form).
pub fn render(dashboard: &Value) -> String {
    let mut s = serde_json::to_string_pretty(dashboard).expect("JSON serialises");
    s.push('\n');
    s
}

/// Every PromQL expression of a dashboard with Grafana's macros replaced, for a live check:
/// `$__rate_interval` → `rate_interval`, `$__range` → `range`, `$__interval` → `15s`.
pub fn queries(dashboard: &Value, rate_interval: &str, range: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in dashboard["panels"].as_array().into_iter().flatten() {
        for t in p["targets"].as_array().into_iter().flatten() {
            let expr = t["expr"].as_str().unwrap_or_default();
            out.push((
                p["title"].as_str().unwrap_or_default().to_string(),
                expr.replace("$__rate_interval", rate_interval)
                    .replace("$__range", range)
                    .replace("$__interval", "15s"),
            ));
        }
    }
    out
}

/// Static checks in the spirit of grafana/dashboard-linter; the problems found, if any.
pub fn lint(dashboard: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let title = dashboard["title"].as_str().unwrap_or_default();
    let uid = dashboard["uid"].as_str().unwrap_or_default();
    if uid.is_empty() || uid.len() > 40 {
        problems.push(format!(
            "{title}: uid `{uid}` missing or over 40 characters"
        ));
    }
    if title.is_empty() {
        problems.push("a dashboard has no title".into());
    }
    if !dashboard["schemaVersion"].is_u64() {
        problems.push(format!("{title}: no schemaVersion"));
    }
    let panels = dashboard["panels"].as_array().cloned().unwrap_or_default();
    if panels.is_empty() {
        problems.push(format!("{title}: no panels"));
    }
    let mut ids = std::collections::BTreeSet::new();
    let mut cells: Vec<(u64, u64, u64, u64, String)> = Vec::new();
    for p in &panels {
        let pt = p["title"].as_str().unwrap_or_default().to_string();
        if pt.is_empty() {
            problems.push(format!("{title}: a panel has no title"));
        }
        if !ids.insert(p["id"].as_u64().unwrap_or(0)) || p["id"].as_u64().unwrap_or(0) == 0 {
            problems.push(format!("{title}/{pt}: missing or duplicate panel id"));
        }
        let g = &p["gridPos"];
        match (
            g["x"].as_u64(),
            g["y"].as_u64(),
            g["w"].as_u64(),
            g["h"].as_u64(),
        ) {
            (Some(x), Some(y), Some(w), Some(h)) if w > 0 && h > 0 && x + w <= 24 => {
                for (ox, oy, ow, oh, other) in &cells {
                    if x < ox + ow && *ox < x + w && y < oy + oh && *oy < y + h {
                        problems.push(format!("{title}: `{pt}` overlaps `{other}`"));
                    }
                }
                cells.push((x, y, w, h, pt.clone()));
            }
            _ => problems.push(format!("{title}/{pt}: gridPos missing or past 24 columns")),
        }
        if p["datasource"]["uid"] != DATASOURCE_UID {
            problems.push(format!(
                "{title}/{pt}: datasource is not `{DATASOURCE_UID}`"
            ));
        }
        let kind = p["type"].as_str().unwrap_or_default();
        if matches!(kind, "stat" | "timeseries" | "bargauge")
            && p["fieldConfig"]["defaults"]["unit"]
                .as_str()
                .unwrap_or_default()
                .is_empty()
        {
            problems.push(format!("{title}/{pt}: no unit"));
        }
        let targets = p["targets"].as_array().cloned().unwrap_or_default();
        if targets.is_empty() {
            problems.push(format!("{title}/{pt}: no query"));
        }
        let mut refs = std::collections::BTreeSet::new();
        for t in &targets {
            if !refs.insert(t["refId"].as_str().unwrap_or_default().to_string()) {
                problems.push(format!("{title}/{pt}: duplicate refId"));
            }
            if t["datasource"]["uid"] != DATASOURCE_UID {
                problems.push(format!(
                    "{title}/{pt}: query datasource is not `{DATASOURCE_UID}`"
                ));
            }
            let expr = t["expr"].as_str().unwrap_or_default();
            if expr.trim().is_empty() {
                problems.push(format!("{title}/{pt}: empty expr"));
            }
            // Raw counters and histograms use Grafana's $__rate_interval, never a fixed window
            // (recording rules carry their window in their name).
            let mut rest = expr;
            while let Some(at) = rest.find("rate(") {
                rest = &rest[at + 5..];
                let window = rest
                    .find('[')
                    .map(|open| &rest[open..rest[open..].find(']').map_or(open, |c| open + c + 1)]);
                if window.is_some_and(|w| w != "[$__rate_interval]") {
                    problems.push(format!(
                        "{title}/{pt}: rate() over a fixed window in `{expr}`"
                    ));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_dashboards_pass_the_lint() {
        let spec = Spec::embedded();
        for (name, d) in all(&spec) {
            assert_eq!(lint(&d), Vec::<String>::new(), "{name}");
        }
    }

    #[test]
    fn the_lint_catches_typical_mistakes() {
        let spec = Spec::embedded();
        let mut d = service(&spec);
        d["panels"][1]["gridPos"] = d["panels"][0]["gridPos"].clone();
        d["panels"][2]["fieldConfig"]["defaults"]["unit"] = json!("");
        d["panels"][3]["targets"][0]["expr"] =
            json!("sum(rate(http_requests_total{job=\"atscore\"}[5m]))");
        d["panels"][4]["datasource"]["uid"] = json!("other");
        d["panels"][5]["id"] = json!(1);
        let problems = lint(&d).join("\n");
        for needle in [
            "overlaps",
            "no unit",
            "fixed window",
            "datasource is not",
            "duplicate panel id",
        ] {
            assert!(problems.contains(needle), "{needle}: {problems}");
        }
    }

    #[test]
    fn every_slo_has_a_compliance_panel_and_macros_are_replaced() {
        let spec = Spec::embedded();
        let d = slo_overview(&spec);
        let q = queries(&d, "1m", "5m");
        for slo in &spec.slos {
            assert!(q
                .iter()
                .any(|(_, e)| e.contains(&format!("slo=\"{}\"", slo.name))));
        }
        let q = queries(&service(&spec), "1m", "5m");
        assert!(q.iter().all(|(_, e)| !e.contains("$__")), "{q:?}");
    }
}
