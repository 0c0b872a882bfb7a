//! Prometheus metrics at `/metrics` (text format 0.0.4, no key needed): HTTP traffic counted
//! per route template by [`track`], document parsing, score distribution, the ClamAV scan
//! counter, build info and process metrics read from `/proc/self` at scrape time.
//!
//! The `metrics` facade records and `metrics-exporter-prometheus` renders. The recorder is
//! installed once per process ([`handle`], behind a `OnceLock`): several apps started in one
//! process (the tests) share it. Every family gets `# HELP` through `describe_*!`, and every
//! histogram gets explicit buckets, so it renders as a Prometheus histogram, not a summary.
//! Metric names and labels are contracts (dashboards and SLO rules select on them): see
//! `docs/slo.md`.

use std::fmt::Write as _;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use atscore_core::document::detect::{detect, Detected};
use atscore_core::ParseError;

/// Where the exposition is served.
pub const PATH: &str = "/metrics";

/// Requests answered, by method, route template and status code.
pub const HTTP_REQUESTS_TOTAL: &str = "http_requests_total";
/// Time from the request entering the router to its response head, by method and route.
pub const HTTP_REQUEST_LATENCY: &str = "http_request_latency_seconds";
/// Requests being handled right now.
pub const HTTP_REQUESTS_IN_FLIGHT: &str = "http_requests_in_flight";
/// Score reports produced, as score / 100.
pub const RESUME_MATCHING_SCORE: &str = "resume_matching_score";
/// Resumes parsed, by detected format and outcome (`ok` or the error code).
pub const DOCUMENTS_PARSED_TOTAL: &str = "documents_parsed_total";
/// Time to parse one resume, by detected format.
pub const DOCUMENT_PARSE_DURATION: &str = "document_parse_duration_seconds";
/// Uploads scanned by ClamAV, by result.
pub const CLAMAV_SCANS_TOTAL: &str = "clamav_scans_total";
/// Always 1, labelled with the version.
pub const BUILD_INFO: &str = "atscore_build_info";
/// Extraction threads still running after their request gave up on them (time budget).
pub const EXTRACTIONS_ABANDONED: &str = "document_extractions_abandoned";

/// Request latency buckets: fine at the low end, one exactly at 2 s (the latency SLO).
pub const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0,
];
/// Parse time buckets (a PDF can take seconds; the core's time limit is 30 s by default).
pub const PARSE_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0,
];
/// Score buckets over [0, 1] in tenths.
pub const SCORE_BUCKETS: &[f64] = &[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

/// The `result` values of [`CLAMAV_SCANS_TOTAL`], exported at 0 from the start.
pub const CLAMAV_RESULTS: &[&str] = &["clean", "infected", "error"];

/// The process-wide recorder's handle, installing the recorder on first use.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(install)
}

fn install() -> PrometheusHandle {
    let builder = [
        (HTTP_REQUEST_LATENCY, LATENCY_BUCKETS),
        (DOCUMENT_PARSE_DURATION, PARSE_BUCKETS),
        (RESUME_MATCHING_SCORE, SCORE_BUCKETS),
    ]
    .into_iter()
    .fold(PrometheusBuilder::new(), |b, (name, buckets)| {
        // Only an empty bucket list is refused, and these are constants.
        b.set_buckets_for_metric(Matcher::Full(name.into()), buckets)
            .expect("non-empty buckets")
    });
    let recorder = builder.build_recorder();
    let handle = recorder.handle();
    if metrics::set_global_recorder(recorder).is_err() {
        tracing::warn!("another metrics recorder is installed; /metrics will stay empty");
    }
    describe();
    metrics::gauge!(BUILD_INFO, "version" => env!("CARGO_PKG_VERSION")).set(1.0);
    metrics::gauge!(HTTP_REQUESTS_IN_FLIGHT).set(0.0);
    for result in CLAMAV_RESULTS {
        metrics::counter!(CLAMAV_SCANS_TOTAL, "result" => *result).absolute(0);
    }
    // Histograms are kept in buckets as they are recorded and drained into the snapshot at
    // upkeep (also done by every render); without scrapes they would grow, so drain them here.
    let upkeep = handle.clone();
    let _ = std::thread::Builder::new()
        .name("metrics-upkeep".into())
        .spawn(move || loop {
            std::thread::sleep(Duration::from_secs(5));
            upkeep.run_upkeep();
        });
    handle
}

/// Statuses whose series exist from the start for every API operation.
const PREREGISTERED_STATUSES: [&str; 2] = ["500", "503"];

/// Create `http_requests_total{method, route, status="500"|"503"}` at 0 for every operation
/// given (`("GET", "/api/v1/jobs")`: the API's operations, read from its OpenAPI document by
/// the caller), without touching a value already counted. A counter series that appears with
/// its first increment already at 1 has no earlier sample, so `rate()` and `increase()` miss
/// that first error: the first 5xx of a route would not move the SLO ratios or the burn-rate
/// alerts. Series made here are scraped at 0 first.
pub fn preregister_errors(operations: impl IntoIterator<Item = (&'static str, String)>) {
    for (method, path) in operations {
        for status in PREREGISTERED_STATUSES {
            metrics::counter!(
                HTTP_REQUESTS_TOTAL,
                "method" => method,
                "route" => path.clone(),
                "status" => status
            )
            .increment(0);
        }
    }
}

fn describe() {
    metrics::describe_counter!(
        HTTP_REQUESTS_TOTAL,
        "HTTP requests answered, by method, route template and status code"
    );
    metrics::describe_histogram!(
        HTTP_REQUEST_LATENCY,
        "Seconds from a request entering the router to its response head, by method and route template"
    );
    metrics::describe_gauge!(
        HTTP_REQUESTS_IN_FLIGHT,
        "HTTP requests being handled right now"
    );
    metrics::describe_histogram!(
        RESUME_MATCHING_SCORE,
        "Score of every score report produced (job seeker scores and candidate uploads), as score / 100"
    );
    metrics::describe_counter!(
        DOCUMENTS_PARSED_TOTAL,
        "Resumes parsed, by detected format and outcome (ok or the error code)"
    );
    metrics::describe_histogram!(
        DOCUMENT_PARSE_DURATION,
        "Seconds to parse one resume, by detected format"
    );
    metrics::describe_counter!(
        CLAMAV_SCANS_TOTAL,
        "Uploads scanned by ClamAV, by result (clean, infected, error)"
    );
    metrics::describe_gauge!(
        EXTRACTIONS_ABANDONED,
        "Extraction threads still running after their request gave up on them at the time budget (each burns a core until its parser returns)"
    );
    metrics::describe_gauge!(
        BUILD_INFO,
        "Build information: always 1, labelled with the version"
    );
}

/// A method as a bounded label: the standard ones by name, anything else `other`.
fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        Method::TRACE => "TRACE",
        Method::CONNECT => "CONNECT",
        _ => "other",
    }
}

/// Keeps [`HTTP_REQUESTS_IN_FLIGHT`] right even when a request is dropped half way.
struct InFlight;

impl InFlight {
    fn start() -> InFlight {
        metrics::gauge!(HTTP_REQUESTS_IN_FLIGHT).increment(1.0);
        InFlight
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        metrics::gauge!(HTTP_REQUESTS_IN_FLIGHT).decrement(1.0);
    }
}

/// Middleware counting and timing every request by its route template (`MatchedPath`, never
/// the raw path; `unmatched` when no route matched). Scrapes of `/metrics` are not counted.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned());
    if route.as_deref() == Some(PATH) {
        return next.run(req).await;
    }
    let route = route.unwrap_or_else(|| "unmatched".to_owned());
    let method = method_label(req.method());
    let _in_flight = InFlight::start();
    let started = Instant::now();
    let response = next.run(req).await;
    let elapsed = started.elapsed().as_secs_f64();
    let status = response.status().as_u16().to_string();
    metrics::counter!(
        HTTP_REQUESTS_TOTAL,
        "method" => method,
        "route" => route.clone(),
        "status" => status
    )
    .increment(1);
    metrics::histogram!(HTTP_REQUEST_LATENCY, "method" => method, "route" => route).record(elapsed);
    response
}

/// Record a score report's score (0–100) in [`RESUME_MATCHING_SCORE`].
pub fn observe_score(score: f64) {
    if score.is_finite() {
        metrics::histogram!(RESUME_MATCHING_SCORE).record((score / 100.0).clamp(0.0, 1.0));
    }
}

/// Record one resume parse: its format (`format` of the parsed resume, or detected from the
/// bytes when parsing failed), its outcome and how long it took.
pub fn observe_parse<T>(
    bytes: &[u8],
    started: Instant,
    result: &Result<T, ParseError>,
    format: impl FnOnce(&T) -> String,
) {
    let elapsed = started.elapsed().as_secs_f64();
    let (format, outcome) = match result {
        Ok(r) => (format(r), "ok"),
        Err(e) => (detected_format(bytes).to_owned(), e.code().as_str()),
    };
    metrics::counter!(DOCUMENTS_PARSED_TOTAL, "format" => format.clone(), "outcome" => outcome)
        .increment(1);
    metrics::histogram!(DOCUMENT_PARSE_DURATION, "format" => format).record(elapsed);
}

/// The format label of some bytes: a supported format's short name, else `unsupported`.
pub fn detected_format(bytes: &[u8]) -> &'static str {
    match detect(bytes) {
        Detected::Supported(f) => f.name(),
        Detected::Unsupported(_) => "unsupported",
    }
}

/// The whole exposition: the recorder's families, then the process metrics.
pub fn render() -> String {
    metrics::gauge!(EXTRACTIONS_ABANDONED)
        .set(atscore_core::document::abandoned_extractions() as f64);
    let mut out = handle().render();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if let Some(p) = Process::read() {
        p.write(&mut out);
    }
    out
}

/// `GET /metrics`.
pub async fn exposition() -> Response {
    let body = tokio::task::spawn_blocking(render)
        .await
        .unwrap_or_default();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

/// A router serving only `/metrics` (for `METRICS_BIND`).
pub fn router() -> Router {
    Router::new().route(PATH, get(exposition))
}

/// Process metrics with the names of the Prometheus client libraries' process collectors.
#[derive(Debug, Clone, PartialEq)]
pub struct Process {
    pub cpu_seconds: f64,
    pub resident_memory_bytes: u64,
    pub virtual_memory_bytes: u64,
    pub start_time_seconds: f64,
    pub open_fds: u64,
    pub max_fds: Option<u64>,
}

/// Clock ticks per second of `/proc/<pid>/stat` times: `USER_HZ`, 100 on every Linux ABI this
/// runs on (the Prometheus Go client's procfs assumes the same).
const USER_HZ: f64 = 100.0;

impl Process {
    /// Read `/proc/self` (Linux; `None` elsewhere or when unreadable).
    pub fn read() -> Option<Process> {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let boot = std::fs::read_to_string("/proc/stat").ok()?;
        let limits = std::fs::read_to_string("/proc/self/limits").unwrap_or_default();
        let open_fds = std::fs::read_dir("/proc/self/fd").ok()?.count() as u64;
        Process::parse(&stat, &status, &boot, &limits, open_fds)
    }

    /// Parse the texts of `/proc/self/stat`, `/proc/self/status`, `/proc/stat` and
    /// `/proc/self/limits`.
    pub fn parse(
        stat: &str,
        status: &str,
        boot: &str,
        limits: &str,
        open_fds: u64,
    ) -> Option<Process> {
        // Fields after the command name (which may hold spaces and parentheses): field 3
        // (state) is index 0, so field N is index N - 3.
        let rest = &stat[stat.rfind(')')? + 1..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        let num = |n: usize| f.get(n - 3).and_then(|v| v.parse::<u64>().ok());
        let cpu_ticks = num(14)? + num(15)?;
        let start_ticks = num(22)?;
        let vsize = num(23)?;
        let btime: u64 = boot
            .lines()
            .find_map(|l| l.strip_prefix("btime"))?
            .trim()
            .parse()
            .ok()?;
        let rss_kib: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let max_fds = limits
            .lines()
            .find_map(|l| l.strip_prefix("Max open files"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok());
        Some(Process {
            cpu_seconds: cpu_ticks as f64 / USER_HZ,
            resident_memory_bytes: rss_kib * 1024,
            virtual_memory_bytes: vsize,
            start_time_seconds: btime as f64 + start_ticks as f64 / USER_HZ,
            open_fds,
            max_fds,
        })
    }

    /// Append the families in the text format.
    pub fn write(&self, out: &mut String) {
        let mut family = |name: &str, kind: &str, help: &str, value: String| {
            let _ = write!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}\n\n"
            );
        };
        family(
            "process_cpu_seconds_total",
            "counter",
            "Total user and system CPU time spent in seconds",
            self.cpu_seconds.to_string(),
        );
        family(
            "process_resident_memory_bytes",
            "gauge",
            "Resident memory size in bytes",
            self.resident_memory_bytes.to_string(),
        );
        family(
            "process_virtual_memory_bytes",
            "gauge",
            "Virtual memory size in bytes",
            self.virtual_memory_bytes.to_string(),
        );
        family(
            "process_start_time_seconds",
            "gauge",
            "Start time of the process since the Unix epoch in seconds",
            self.start_time_seconds.to_string(),
        );
        family(
            "process_open_fds",
            "gauge",
            "Number of open file descriptors",
            self.open_fds.to_string(),
        );
        if let Some(max) = self.max_fds {
            family(
                "process_max_fds",
                "gauge",
                "Maximum number of open file descriptors",
                max.to_string(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_texts_parse() {
        let stat = "4242 (atscore (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 \
                    9 0 12345 987654321 2048 18446744073709551615";
        let status = "Name:\tatscore\nVmRSS:\t    8192 kB\nThreads:\t9\n";
        let boot = "cpu  1 2 3\nbtime 1700000000\nprocesses 9\n";
        let limits = "Limit                     Soft Limit           Hard Limit           Units\n\
                      Max open files            1024                 4096                 files\n";
        let p = Process::parse(stat, status, boot, limits, 7).unwrap();
        assert_eq!(p.cpu_seconds, 3.0);
        assert_eq!(p.resident_memory_bytes, 8192 * 1024);
        assert_eq!(p.virtual_memory_bytes, 987654321);
        assert_eq!(p.start_time_seconds, 1700000000.0 + 123.45);
        assert_eq!(p.open_fds, 7);
        assert_eq!(p.max_fds, Some(1024));
        let mut out = String::new();
        p.write(&mut out);
        assert!(
            out.contains("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 3\n")
        );
        assert!(Process::parse("garbage", status, boot, limits, 1).is_none());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_reads() {
        let p = Process::read().expect("/proc/self");
        assert!(p.resident_memory_bytes > 0 && p.open_fds > 0);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        assert!(p.start_time_seconds <= now + 1.0 && p.start_time_seconds > now - 86400.0 * 365.0);
    }

    #[test]
    fn methods_are_bounded() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::from_bytes(b"BREW").unwrap()), "other");
    }
}
