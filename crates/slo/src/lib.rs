//! atscore's service levels as code. One spec (`deploy/slo/slos.yaml`) is the source of truth
//! for everything the SRE side of the product runs on:
//!
//! - [`spec`]: the spec's types — SLOs (objective, SLI as bad/total PromQL), alerting windows,
//!   informational SLIs, SLA clauses — parsed and checked;
//! - [`rules`]: the Prometheus recording rules and multiwindow, multi-burn-rate alerts
//!   (`atscore slo rules` → `deploy/prometheus/slo-rules.yml`);
//! - [`dashboards`]: the Grafana dashboards (`atscore slo dashboards` →
//!   `deploy/grafana/dashboards/`) and their lint;
//! - [`prom`]: a small client of Prometheus's query API;
//! - [`report`]: `atscore slo report`, each SLI against its objective.
//!
//! No async, no server: the CLI calls this, tests check its output against real Prometheus.

pub mod dashboards;
pub mod prom;
pub mod report;
pub mod rules;
pub mod spec;

pub use spec::{Spec, SpecError, Window};
