//! Resilience of the real router on a loopback port: load shedding (a fast 503 `overloaded`
//! with `Retry-After` past `MAX_IN_FLIGHT`, never a queue; an HTML page in the web UI), fault injection (off unless
//! `FAULTS=true`; errors, panics, aborted connections and latency, each counted in
//! `faults_injected_total` and in `http_requests_total`), and the graceful-shutdown deadline.

mod support;

use atscore_testkit::examples::example;
use std::time::{Duration, Instant};

use atscore_testkit::prom;
use serde_json::{json, Value};
use support::{file, problem, spawn, spawn_with, Db};

fn resume() -> Vec<u8> {
    example("resumes/alex-experienced.md")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_endpoint_is_off_by_default() {
    let Some(app) = spawn(Db::Sqlite).await else {
        return;
    };
    let r = app.get("/api/v1/admin/faults").send().await.unwrap();
    problem(r, 404, "faults_disabled").await;
    let r = app
        .client
        .put(app.url("/api/v1/admin/faults"))
        .header("x-api-key", &app.key)
        .json(&json!({"error_rate": 1.0}))
        .send()
        .await
        .unwrap();
    problem(r, 404, "faults_disabled").await;
    // and nothing is injected
    let form = reqwest::multipart::Form::new().part("file", file("cv.md", resume()));
    let r = app
        .post("/api/v1/parse")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn injected_errors_panics_and_aborts_are_answered_counted_and_survived() {
    let Some(app) = spawn_with(Db::Sqlite, |s| s.faults_enabled = true).await else {
        return;
    };
    let before = app.metrics_text().await;
    let set = |body: Value| {
        app.client
            .put(app.url("/api/v1/admin/faults"))
            .header("x-api-key", &app.key)
            .json(&body)
            .send()
    };
    // Bad configurations are refused.
    let r = set(json!({"error_rate": 2})).await.unwrap();
    problem(r, 400, "invalid_faults").await;
    let r = set(json!({"eror_rate": 1})).await.unwrap();
    assert_eq!(r.status(), 400);

    // Every request fails with 500 fault_injected.
    let r = set(json!({"error_rate": 1.0})).await.unwrap();
    assert_eq!(r.status(), 200);
    let got: Value = app
        .get("/api/v1/admin/faults")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got["error_rate"], 1.0);
    for _ in 0..3 {
        let r = app.get("/api/v1/jobs").send().await.unwrap();
        problem(r, 500, "fault_injected").await;
    }
    // Health and metrics are never faulted (probes must see the truth about the process).
    assert_eq!(
        app.client
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    // A panic in a handler: 500 `internal` without details, and the server stays up.
    set(json!({"panic_rate": 1.0})).await.unwrap();
    let r = app.get("/api/v1/jobs").send().await.unwrap();
    let body = problem(r, 500, "internal").await;
    let text = body.to_string();
    assert!(
        !text.contains("injected fault") && !text.contains(".rs"),
        "{text}"
    );

    // An aborted connection: the client gets no complete response.
    set(json!({"abort_rate": 1.0})).await.unwrap();
    let r = app.get("/api/v1/jobs").send().await;
    let failed = match r {
        Err(_) => true,
        Ok(resp) => resp.bytes().await.is_err(),
    };
    assert!(failed, "the response was not cut");

    // Latency: at least the injected delay.
    set(json!({"latency_ms": 300})).await.unwrap();
    let t = Instant::now();
    assert_eq!(app.get("/api/v1/jobs").send().await.unwrap().status(), 200);
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "{:?}",
        t.elapsed()
    );

    // Cleared: normal service, and every fault was counted.
    let r = app.delete("/api/v1/admin/faults").send().await.unwrap();
    assert_eq!(r.status(), 200);
    let t = Instant::now();
    assert_eq!(app.get("/api/v1/jobs").send().await.unwrap().status(), 200);
    assert!(t.elapsed() < Duration::from_millis(300));
    let after = app.metrics_text().await;
    for (kind, at_least) in [
        ("error", 3.0),
        ("panic", 1.0),
        ("abort", 1.0),
        ("latency", 1.0),
    ] {
        let key = format!("faults_injected_total{{kind=\"{kind}\"}}");
        let gained = prom::value(&after, &key) - prom::value(&before, &key);
        assert!(gained >= at_least, "{kind}: {gained}\n{after}");
    }
    let five_hundreds = "http_requests_total{method=\"GET\",route=\"/api/v1/jobs\",status=\"500\"}";
    assert!(
        prom::value(&after, five_hundreds) - prom::value(&before, five_hundreds) >= 4.0,
        "injected errors and panics count as 500s: {after}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_in_flight_limit_requests_are_shed_fast() {
    let Some(app) = spawn_with(Db::Sqlite, |s| {
        s.faults_enabled = true;
        s.max_in_flight = 2;
        // An injected delay inside the shedder holds each admission for 800 ms.
        s.faults.latency_ms = 800;
    })
    .await
    else {
        return;
    };
    let before = app.metrics_text().await;
    // A 1.5 MB upload: a refusal sent without reading it would reach the client as a
    // connection reset, not a readable 503.
    let mut bytes = resume();
    while bytes.len() < 1_500_000 {
        bytes.extend_from_slice(b"\n- Built and ran Rust services on Kubernetes with PostgreSQL.");
    }
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let req = app
            .post("/api/v1/parse")
            .multipart(reqwest::multipart::Form::new().part("file", file("cv.md", bytes.clone())));
        tasks.push(tokio::spawn(async move {
            let t = Instant::now();
            let r = req.send().await.unwrap();
            let status = r.status().as_u16();
            let retry = r.headers().get("retry-after").cloned();
            let body: Value = r.json().await.unwrap_or(Value::Null);
            (status, retry, body, t.elapsed())
        }));
    }
    let mut ok = 0;
    let mut shed = 0;
    for t in tasks {
        let (status, retry, body, took) = t.await.unwrap();
        match status {
            200 => ok += 1,
            503 => {
                shed += 1;
                assert_eq!(body["code"], "overloaded", "{body}");
                assert_eq!(retry.unwrap(), "1");
                assert!(
                    took < Duration::from_millis(700),
                    "shed at once, not queued: {took:?}"
                );
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(ok, 2, "exactly the limit is admitted");
    assert_eq!(shed, 4);
    let after = app.metrics_text().await;
    let key = "http_requests_shed_total{route=\"/api/v1/parse\"}";
    assert_eq!(
        prom::value(&after, key) - prom::value(&before, key),
        4.0,
        "{after}"
    );
    // Once the admitted ones are done, a new request gets in.
    let r = app
        .post("/api/v1/parse")
        .multipart(reqwest::multipart::Form::new().part("file", file("cv.md", bytes)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    app.stop().await;
}

/// The web UI's scoring form and candidate uploads draw on the same budget as the API, and
/// past it a person gets a page that says to try again (503, `Retry-After`), not a JSON
/// document or a wait.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_ui_shares_the_budget_and_refuses_with_a_page() {
    let Some(app) = spawn_with(Db::Sqlite, |s| {
        s.api_key = None; // open mode: the web pages need no sign-in
        s.faults_enabled = true;
        s.max_in_flight = 2;
        s.faults.latency_ms = 1_500;
    })
    .await
    else {
        return;
    };
    // A browser: its anonymous cookie (what a form's token is bound to) comes with the first
    // page; a post without it is refused before any admission.
    let web = support::browser();
    assert_eq!(web.get(app.url("/")).send().await.unwrap().status(), 200);
    // A form post with a resume and a token that will not verify.
    let forged_form = || {
        reqwest::multipart::Form::new()
            .text("csrf", "x")
            .part("resume", file("cv.md", resume()))
    };
    // Two slow API parses take both places.
    let mut held = Vec::new();
    for _ in 0..2 {
        let req = app
            .client
            .post(app.url("/api/v1/parse"))
            .multipart(reqwest::multipart::Form::new().part("file", file("cv.md", resume())));
        held.push(tokio::spawn(async move {
            req.send().await.unwrap().status().as_u16()
        }));
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while app.state.shedder().admitted() < 2 {
        if Instant::now() > deadline {
            let done: Vec<_> = held.iter().map(|h| h.is_finished()).collect();
            panic!("the two parses were never admitted (finished: {done:?})");
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    for path in ["/score", "/jobs/1/candidates"] {
        let t = Instant::now();
        let r = web
            .post(app.url(path))
            .multipart(forged_form())
            .send()
            .await
            .unwrap();
        let took = t.elapsed();
        assert_eq!(r.status(), 503, "{path}");
        assert_eq!(r.headers()["retry-after"], "1", "{path}");
        let ctype = r.headers()["content-type"].to_str().unwrap().to_string();
        assert!(ctype.starts_with("text/html"), "{path}: {ctype}");
        assert!(
            r.headers().contains_key("content-security-policy"),
            "{path}: the refusal page carries the security headers"
        );
        let body = r.text().await.unwrap();
        assert!(body.contains("Please try again shortly"), "{path}: {body}");
        assert!(body.contains("documents in progress"), "{path}: {body}");
        assert!(
            took < Duration::from_millis(1_000),
            "{path}: refused at once, not queued: {took:?}"
        );
    }
    let text = app.metrics_text().await;
    for route in ["/score", "/jobs/{id}/candidates"] {
        let key = format!("http_requests_shed_total{{route=\"{route}\"}}");
        assert_eq!(prom::value(&text, &key), 1.0, "{key}: {text}");
    }
    for h in held {
        assert_eq!(h.await.unwrap(), 200, "the admitted API parses finished");
    }
    // With the places free again, the form is admitted (and refused for its forged token,
    // not for load).
    let r = web
        .post(app.url("/score"))
        .multipart(forged_form())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(
        app.state.shedder().admitted(),
        0,
        "every place was given back"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_in_flight_requests_finish_then_gives_up_at_the_deadline() {
    // A request shorter than the deadline finishes with 200 during the shutdown.
    let Some(app) = spawn_with(Db::Sqlite, |s| {
        s.faults_enabled = true;
        s.faults.latency_ms = 600;
        s.shutdown_timeout = Duration::from_secs(5);
    })
    .await
    else {
        return;
    };
    let req = app.get("/api/v1/jobs");
    let slow = tokio::spawn(async move { req.send().await.map(|r| r.status().as_u16()) });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let state = app.state.clone();
    let t = Instant::now();
    let stopping = tokio::spawn(app.stop());
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(state.is_draining(), "readiness turns false at once");
    assert_eq!(
        slow.await.unwrap().unwrap(),
        200,
        "the in-flight request finished"
    );
    stopping.await.unwrap();
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());

    // A request longer than the deadline does not hold the process: it exits at the deadline.
    let Some(app) = spawn_with(Db::Sqlite, |s| {
        s.faults_enabled = true;
        s.faults.latency_ms = 10_000;
        s.shutdown_timeout = Duration::from_millis(500);
    })
    .await
    else {
        return;
    };
    let req = app.get("/api/v1/jobs");
    let _stuck = tokio::spawn(async move { req.send().await.map(|r| r.status()) });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let t = Instant::now();
    app.stop().await;
    let took = t.elapsed();
    assert!(
        took >= Duration::from_millis(450) && took < Duration::from_secs(3),
        "exited at the deadline: {took:?}"
    );
}

/// Concurrent uploads to one job all succeed: on SQLite each upload's transaction takes the
/// write lock with its first statement and waits for it (busy_timeout), instead of failing
/// with "database is locked" (found by the chaos suite's kill scenario).
async fn concurrent_uploads_all_succeed(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let r = app
        .post("/api/v1/jobs")
        .json(&json!({"description": "Rust engineer with PostgreSQL and Kubernetes"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let job: Value = r.json().await.unwrap();
    let id = job["id"].as_str().unwrap().to_string();
    let mut tasks = Vec::new();
    for i in 0..12 {
        let req = app
            .post(&format!("/api/v1/jobs/{id}/candidates"))
            .multipart(
                reqwest::multipart::Form::new()
                    .part("files", file(&format!("cv-{i}.md"), resume())),
            );
        tasks.push(tokio::spawn(async move {
            let r = req.send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap_or_default())
        }));
    }
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert_eq!(status, 201, "{body}");
    }
    assert_eq!(app.ranking(&id, "").await.len(), 12);
    app.stop().await;
}
both!(concurrent_uploads_all_succeed);
