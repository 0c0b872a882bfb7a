//! ClamAV scanning against a real clamd (see `atscore_testkit::clamd`): the EICAR test file is refused
//! as a plain upload and inside a DOCX, clean files pass, a batch keeps its clean files and
//! lists the infected one as unreadable (its bytes never stored), clamd's own size limit is a
//! refusal, and without clamd uploads are refused with 503 and readiness turns false (fail
//! closed). Every scan is counted in `clamav_scans_total{result}`.

mod support;

use atscore_testkit::archive::{document_xml, docx};
use atscore_testkit::clamd::{self, eicar};
use atscore_testkit::examples::example;
use atscore_testkit::prom;
use serde_json::Value;
use support::{file, problem, spawn_with, Db};

fn docx_with(extra: &[u8]) -> Vec<u8> {
    docx(
        &document_xml("Jane Doe, Rust engineer"),
        &[("word/media/payload.bin", extra)],
    )
}

/// The app with scanning on against clamd at `address` (and this scan-size limit).
async fn scanning(address: &str, max_bytes: Option<usize>) -> Option<support::TestApp> {
    let address = atscore_server::infra::clamav::ClamdAddress::parse(address).unwrap();
    spawn_with(Db::Sqlite, |s| {
        s.clamav_enabled = true;
        s.clamav_address = address;
        if let Some(max) = max_bytes {
            s.clamav_max_bytes = max;
        }
    })
    .await
}

/// `POST /api/v1/parse` of one file part.
async fn parse_upload(app: &support::TestApp, part: reqwest::multipart::Part) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().part("file", part);
    app.post("/api/v1/parse")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn scans(app: &support::TestApp, result: &str) -> f64 {
    prom::value(
        &app.metrics_text().await,
        &format!("clamav_scans_total{{result=\"{result}\"}}"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malware_is_refused_clean_files_pass() {
    let Some(clamd) = clamd::start() else { return };
    let address = clamd.address();
    let Some(app) = scanning(&address, Some(8 * 1024 * 1024)).await else {
        return;
    };
    let ready: Value = app
        .client
        .get(app.url("/readyz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready["checks"]["clamd"], "ok", "{ready}");
    let infected_before = scans(&app, "infected").await;
    let clean_before = scans(&app, "clean").await;

    // The EICAR file as a plain upload (it would parse as text).
    let r = parse_upload(&app, file("cv.txt", eicar())).await;
    let body = problem(r, 422, "malware_detected").await;
    assert!(
        body["detail"].as_str().unwrap().contains("cv.txt"),
        "{body}"
    );

    // Inside a DOCX: clamd unpacks the ZIP and the body signature finds it.
    let form = reqwest::multipart::Form::new()
        .part("resume", file("cv.docx", docx_with(&eicar())))
        .text("job_text", "Rust engineer");
    let r = app
        .post("/api/v1/score")
        .multipart(form)
        .send()
        .await
        .unwrap();
    problem(r, 422, "malware_detected").await;

    // Clean files pass: the same DOCX without the payload, a Markdown resume.
    let r = parse_upload(&app, file("cv.docx", docx_with(b"nothing"))).await;
    assert_eq!(r.status(), 200);
    let form = reqwest::multipart::Form::new()
        .part(
            "resume",
            file("cv.md", example("resumes/alex-experienced.md")),
        )
        .text(
            "job_text",
            String::from_utf8(example("jobs/platform-engineer.md")).unwrap(),
        );
    let r = app
        .post("/api/v1/score")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // A batch: the clean resume is scored, the infected one listed unreadable, never stored.
    let r = app
        .post("/api/v1/jobs")
        .json(&serde_json::json!({"description": "Rust engineer with PostgreSQL"}))
        .send()
        .await
        .unwrap();
    let job: Value = r.json().await.unwrap();
    let id = job["id"].as_str().unwrap();
    let form = reqwest::multipart::Form::new()
        .part(
            "files",
            file("good.md", example("resumes/alex-experienced.md")),
        )
        .part("files", file("bad.txt", eicar()));
    let r = app
        .post(&format!("/api/v1/jobs/{id}/candidates"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let added: Value = r.json().await.unwrap();
    let bad = added["added"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["file"] == "bad.txt")
        .unwrap();
    assert_eq!(bad["error"]["code"], "malware_detected", "{added}");
    let bad_id = bad["id"].as_str().unwrap();
    let r = app
        .get(&format!("/api/v1/jobs/{id}/candidates/{bad_id}/file"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "an infected file is never stored");
    let good = added["added"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["file"] == "good.md")
        .unwrap();
    assert!(good["score"].as_f64().is_some(), "{added}");

    assert!(scans(&app, "infected").await - infected_before >= 3.0);
    assert!(scans(&app, "clean").await - clean_before >= 3.0);

    // clamd's own limit (1 MiB here) is a refusal, not a pass.
    let big = vec![b'a'; 2 * 1024 * 1024];
    let r = parse_upload(&app, file("big.txt", big)).await;
    problem(r, 422, "scan_failed").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_own_scan_limit_refuses_before_sending() {
    let Some(clamd) = clamd::start() else { return };
    let address = clamd.address();
    let Some(app) = scanning(&address, Some(1000)).await else {
        return;
    };
    let r = parse_upload(&app, file("cv.md", vec![b'x'; 5000])).await;
    problem(r, 413, "too_large_to_scan").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_clamd_uploads_are_refused_and_readiness_is_false() {
    // A port nothing listens on: the scanner is down.
    let port = atscore_testkit::serve::free_port();
    let Some(app) = scanning(&format!("tcp://127.0.0.1:{port}"), None).await else {
        return;
    };
    let r = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 503);
    let ready: Value = r.json().await.unwrap();
    assert_eq!(ready["checks"]["clamd"], "unreachable", "{ready}");
    let r = parse_upload(&app, file("cv.md", example("resumes/alex-experienced.md"))).await;
    assert_eq!(r.headers()["retry-after"], "5");
    problem(r, 503, "scanner_unavailable").await;
    // Liveness is unaffected: the process is fine, it just cannot take uploads.
    assert_eq!(
        app.client
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    app.stop().await;
}
