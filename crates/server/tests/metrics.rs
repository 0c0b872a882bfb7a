//! `/metrics` over real HTTP: after a score, a candidate upload, a 404 and a 401, every family
//! is there with `# HELP` and `# TYPE`, requests are labelled by route template (never the raw
//! path) and status, the latency histogram has its `le="2"` bucket, and `promtool check
//! metrics` accepts the exposition (skipped without promtool, except under `CI=true`). With
//! `METRICS_BIND` the exposition moves to its own address.
//!
//! The recorder is process-wide, so tests running alongside add to the same counters: the
//! assertions look for samples, never for exact totals.

mod support;

use atscore_testkit::examples::example;
use std::io::Write;
use std::process::{Command, Stdio};

use atscore_testkit::policy::require_tool;
use atscore_testkit::prom::{find, has, samples};
use reqwest::multipart::Form;
use serde_json::{json, Value};
use support::{file, spawn, spawn_with, Db};

/// `promtool check metrics` on the text: Some(true) when clean, None when promtool is missing
/// (a failure under `CI=true`).
fn promtool(text: &str) -> Option<(bool, String)> {
    let mut child = Command::new(require_tool(&["promtool"], None)?)
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some((out.status.success(), report))
}

const FAMILIES: &[(&str, &str)] = &[
    ("http_requests_total", "counter"),
    ("http_request_latency_seconds", "histogram"),
    ("http_requests_in_flight", "gauge"),
    ("resume_matching_score", "histogram"),
    ("documents_parsed_total", "counter"),
    ("document_parse_duration_seconds", "histogram"),
    ("clamav_scans_total", "counter"),
    ("atscore_build_info", "gauge"),
    ("process_resident_memory_bytes", "gauge"),
    ("process_cpu_seconds_total", "counter"),
    ("process_open_fds", "gauge"),
    ("process_start_time_seconds", "gauge"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn families_labels_and_promtool() {
    let Some(app) = spawn(Db::Sqlite).await else {
        return;
    };
    // a score (seeker route)
    let job_text = String::from_utf8(example("jobs/platform-engineer.md")).unwrap();
    let r = app
        .post("/api/v1/score")
        .multipart(
            Form::new()
                .part(
                    "resume",
                    file("alex.md", example("resumes/alex-experienced.md")),
                )
                .text("job_text", job_text.clone()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // a job, a candidate upload with one unreadable file, a job by id
    let r = app
        .post("/api/v1/jobs")
        .json(&json!({ "description": job_text }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let job: Value = r.json().await.unwrap();
    let id = job["id"].as_str().unwrap().to_string();
    let r = app
        .post(&format!("/api/v1/jobs/{id}/candidates"))
        .multipart(
            Form::new()
                .part("files", file("lee.md", example("resumes/lee-junior.md")))
                .part("files", file("broken.pdf", b"%PDF-1.7\n garbage".to_vec())),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let r = app.get(&format!("/api/v1/jobs/{id}")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    // 404s: a matched route with an unknown id, and a path no route matches; a 401 (no key);
    // health. (path, with the API key, status)
    for (path, keyed, status) in [
        ("/api/v1/jobs/no-such-job-4711", true, 404),
        ("/no/such/page-4711", false, 404),
        ("/api/v1/jobs", false, 401),
        ("/healthz", false, 200),
    ] {
        let req = if keyed {
            app.get(path)
        } else {
            app.client.get(app.url(path))
        };
        assert_eq!(req.send().await.unwrap().status(), status, "{path}");
    }

    // scrape, without a key
    let r = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let ct = r.headers()["content-type"].to_str().unwrap().to_string();
    assert!(ct.starts_with("text/plain; version=0.0.4"), "{ct}");
    let text = r.text().await.unwrap();

    for (name, kind) in FAMILIES {
        assert!(
            text.contains(&format!("\n# HELP {name} "))
                || text.starts_with(&format!("# HELP {name} ")),
            "no HELP for {name}:\n{text}"
        );
        assert!(
            text.contains(&format!("# TYPE {name} {kind}\n")),
            "no TYPE {kind} for {name}:\n{text}"
        );
    }
    // every family that has samples has HELP and TYPE
    let all = samples(&text);
    for s in &all {
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|suf| {
                s.name
                    .strip_suffix(suf)
                    .filter(|f| text.contains(&format!("# TYPE {f} histogram")))
            })
            .unwrap_or(&s.name);
        assert!(
            text.contains(&format!("# HELP {family} "))
                && text.contains(&format!("# TYPE {family} ")),
            "{} has no HELP/TYPE",
            s.name
        );
    }

    // requests by route template and status
    let req = "http_requests_total";
    for (method, route, status) in [
        ("POST", "/api/v1/score", "200"),
        ("POST", "/api/v1/jobs", "201"),
        ("POST", "/api/v1/jobs/{id}/candidates", "201"),
        ("GET", "/api/v1/jobs/{id}", "200"),
        ("GET", "/api/v1/jobs/{id}", "404"),
        ("GET", "unmatched", "404"),
        ("GET", "/api/v1/jobs", "401"),
        ("GET", "/healthz", "200"),
    ] {
        assert!(
            has(
                &all,
                req,
                &[("method", method), ("route", route), ("status", status)]
            ),
            "no {req} for {method} {route} {status}"
        );
    }
    for s in find(&all, req, &[]) {
        let route = &s.labels["route"];
        assert!(
            !route.contains(&id) && !route.contains("4711"),
            "a raw path leaked into a label: {route}"
        );
        assert_ne!(route, "/metrics", "scrapes are not counted");
        assert_eq!(s.labels.len(), 3, "{:?}", s.labels);
    }

    // latency histogram, with the 2 s bucket
    let lat = "http_request_latency_seconds_bucket";
    assert!(has(
        &all,
        lat,
        &[("method", "POST"), ("route", "/api/v1/score"), ("le", "2")]
    ));
    assert!(has(
        &all,
        lat,
        &[("route", "/api/v1/score"), ("le", "+Inf")]
    ));
    let les: Vec<&str> = find(&all, lat, &[("method", "POST"), ("route", "/api/v1/score")])
        .iter()
        .map(|s| s.labels["le"].as_str())
        .collect();
    for le in [
        "0.001", "0.0025", "0.005", "0.01", "0.1", "1", "2", "5", "10", "+Inf",
    ] {
        assert!(les.contains(&le), "bucket le={le} missing: {les:?}");
    }
    assert!(has(
        &all,
        "http_request_latency_seconds_count",
        &[("route", "/api/v1/score")]
    ));

    // scores: the seeker's and the upload's, on [0, 1]
    let score_count = find(&all, "resume_matching_score_count", &[]);
    assert!(
        score_count.iter().any(|s| s.value >= 2.0),
        "{score_count:?}"
    );
    let sum = find(&all, "resume_matching_score_sum", &[])[0].value;
    assert!(sum > 0.0 && sum <= score_count[0].value, "{sum}");
    assert!(has(&all, "resume_matching_score_bucket", &[("le", "1")]));
    assert!(find(&all, "resume_matching_score_bucket", &[])
        .iter()
        .all(|s| s.labels["le"] == "+Inf" || s.labels["le"].parse::<f64>().unwrap() <= 1.0));

    // documents parsed, by format and outcome
    assert!(has(
        &all,
        "documents_parsed_total",
        &[("format", "markdown"), ("outcome", "ok")]
    ));
    let pdf_failed = find(&all, "documents_parsed_total", &[("format", "pdf")]);
    assert!(
        pdf_failed
            .iter()
            .any(|s| s.labels["outcome"] != "ok" && s.value > 0.0),
        "{pdf_failed:?}"
    );
    assert!(has(
        &all,
        "document_parse_duration_seconds_count",
        &[("format", "markdown")]
    ));
    assert!(has(
        &all,
        "document_parse_duration_seconds_bucket",
        &[("format", "markdown"), ("le", "+Inf")]
    ));

    // the rest
    assert!(!find(&all, "clamav_scans_total", &[("result", "clean")]).is_empty());
    assert!(has(
        &all,
        "atscore_build_info",
        &[("version", env!("CARGO_PKG_VERSION"))]
    ));
    assert_eq!(find(&all, "http_requests_in_flight", &[]).len(), 1);
    for p in [
        "process_resident_memory_bytes",
        "process_open_fds",
        "process_start_time_seconds",
    ] {
        assert!(has(&all, p, &[]), "{p}");
    }
    assert!(!find(&all, "process_cpu_seconds_total", &[]).is_empty());

    if let Some((ok, report)) = promtool(&text) {
        assert!(ok, "promtool check metrics failed:\n{report}\n---\n{text}");
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_bind_moves_the_exposition() {
    let port = atscore_testkit::serve::free_port();
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let Some(app) = spawn_with(Db::Sqlite, |s| s.metrics_bind = Some(addr)).await else {
        return;
    };
    let r = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(r.status(), 404, "not on the main address any more");
    let r = app
        .client
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    assert!(
        text.contains("# TYPE http_requests_total counter"),
        "{text}"
    );
    assert!(text.contains("route=\"/healthz\""), "{text}");
    app.stop().await;
    assert!(
        reqwest::get(format!("http://{addr}/metrics"))
            .await
            .is_err(),
        "the metrics listener stops with the app"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_can_be_switched_off_to_measure_their_cost() {
    let Some(app) = spawn_with(Db::Sqlite, |s| s.metrics_enabled = false).await else {
        return;
    };
    let r = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(r.status(), 404, "no exposition with METRICS=false");
    app.stop().await;
}

/// The 5xx series of every API operation exist at 0 before any error, so the first error of a
/// route moves `rate()` (a series born at 1 has no earlier sample for `rate()` to compare).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_error_series_exist_before_the_first_error() {
    let Some(app) = spawn(Db::Sqlite).await else {
        return;
    };
    let text = app.metrics_text().await;
    let all = samples(&text);
    for (method, route) in [
        ("POST", "/api/v1/score"),
        ("POST", "/api/v1/parse"),
        ("POST", "/api/v1/jobs/{id}/candidates"),
        ("GET", "/api/v1/jobs/{id}/ranking"),
        ("DELETE", "/api/v1/jobs/{id}/candidates/{candidate_id}"),
    ] {
        for status in ["500", "503"] {
            let found = find(
                &all,
                "http_requests_total",
                &[("method", method), ("route", route), ("status", status)],
            );
            assert_eq!(found.len(), 1, "{method} {route} {status}: {text}");
            assert_eq!(found[0].value, 0.0, "{method} {route} {status}");
        }
    }
    // The gauge of extraction threads left running past their time budget is there, at 0.
    let abandoned = find(&all, "document_extractions_abandoned", &[]);
    assert_eq!(abandoned.len(), 1, "{text}");
    assert_eq!(abandoned[0].value, 0.0);
    // The pre-registered routes are the router's own templates: a real 503 on one lands in
    // the same series.
    let r = app
        .post("/api/v1/jobs/nope/candidates")
        .multipart(Form::new().part("f", file("a.md", example("resumes/alex-experienced.md"))))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let text = app.metrics_text().await;
    let all = samples(&text);
    let found = find(
        &all,
        "http_requests_total",
        &[
            ("method", "POST"),
            ("route", "/api/v1/jobs/{id}/candidates"),
            ("status", "404"),
        ],
    );
    assert_eq!(found.len(), 1, "one series per route template: {text}");
    app.stop().await;
}
