//! The real router on port 0, spoken to over HTTP: health, parse, score, and problem documents
//! for bad input (413, 415, 400), never a 500.

use std::path::PathBuf;

use atscore_server::Settings;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Spawn the app on a random loopback port; returns its base URL.
async fn spawn(settings: Settings) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = atscore_server::serve(listener, settings).await;
    });
    format!("http://{addr}")
}

fn file(name: &str, bytes: Vec<u8>) -> Part {
    Part::bytes(bytes).file_name(name.to_string())
}

#[tokio::test]
async fn health_parse_and_score() {
    let base = spawn(Settings::default()).await;
    let c = reqwest::Client::new();
    for path in ["/healthz", "/health"] {
        let r = c.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.json::<Value>().await.unwrap()["status"], "ok");
    }
    let resume = std::fs::read(examples().join("resumes/alex-experienced.md")).unwrap();
    let r = c
        .post(format!("{base}/api/v1/parse"))
        .multipart(Form::new().part("file", file("alex.md", resume.clone())))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["file"], "alex.md");
    assert!(v["skills"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["name"] == "Kubernetes"));

    let job = std::fs::read_to_string(examples().join("jobs/platform-engineer.md")).unwrap();
    let r = c
        .post(format!("{base}/api/v1/score"))
        .multipart(
            Form::new()
                .part("resume", file("alex.md", resume))
                .text("job_text", job)
                .text("weights", "content=0.6,format=0.2,sections=0.2"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    let total = v["score"].as_f64().unwrap();
    assert!(total > 80.0, "{total}");
    assert_eq!(v["job"]["title"], "Senior Platform Engineer");
}

async fn problem(r: reqwest::Response, status: u16, code: &str) {
    assert_eq!(r.status().as_u16(), status);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["code"], code, "{v}");
    assert_eq!(v["status"], status);
    assert!(v["detail"].as_str().is_some_and(|d| !d.is_empty()));
}

#[tokio::test]
async fn bad_input_gets_problem_documents() {
    let base = spawn(Settings {
        max_file_size: 64 * 1024,
        ..Settings::default()
    })
    .await;
    let c = reqwest::Client::new();
    let url = format!("{base}/api/v1/parse");
    // a PNG named .pdf → 415
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec();
    let r = c
        .post(&url)
        .multipart(Form::new().part("file", file("cv.pdf", png)))
        .send()
        .await
        .unwrap();
    problem(r, 415, "unsupported_format").await;
    // just over the limit → 413
    let big = vec![b'a'; 64 * 1024 + 1];
    let r = c
        .post(&url)
        .multipart(Form::new().part("file", file("cv.txt", big)))
        .send()
        .await
        .unwrap();
    problem(r, 413, "too_large").await;
    // empty → 422
    let r = c
        .post(&url)
        .multipart(Form::new().part("file", file("cv.txt", Vec::new())))
        .send()
        .await
        .unwrap();
    problem(r, 422, "empty").await;
    // no file → 400
    let r = c
        .post(&url)
        .multipart(Form::new().text("other", "x"))
        .send()
        .await
        .unwrap();
    problem(r, 400, "missing_file").await;
    // score without a job → 400; bad weights → 400
    let resume = std::fs::read(examples().join("resumes/lee-junior.md")).unwrap();
    let r = c
        .post(format!("{base}/api/v1/score"))
        .multipart(Form::new().part("resume", file("lee.md", resume.clone())))
        .send()
        .await
        .unwrap();
    problem(r, 400, "missing_job").await;
    let r = c
        .post(format!("{base}/api/v1/score"))
        .multipart(
            Form::new()
                .part("resume", file("lee.md", resume))
                .text("job_text", "Python developer")
                .text("weights", "speed=1"),
        )
        .send()
        .await
        .unwrap();
    problem(r, 400, "invalid_weights").await;
    // the server is still up
    let r = c.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
}
