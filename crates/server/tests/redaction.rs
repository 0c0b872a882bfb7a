//! Nothing personal reaches the log: the real application runs in this process with the log
//! installed by `telemetry::init_with_writer` — the same subscriber `atscore serve` installs,
//! redaction included, at `LOG_LEVEL=debug` — writing into a buffer, so every line the process
//! logs (ours, tower-http's `TraceLayer`, sqlx, hyper, reqwest) is captured. Fifty resumes made
//! from `examples/resumes/*.md`, each with its own e-mail address, phone number and marker
//! sentence, are scored and uploaded as candidates with the key in `X-API-Key` or
//! `Authorization: Bearer`; the log then holds request lines but none of the addresses,
//! numbers, markers or the key. A deliberate log line with contact details shows the redactor
//! at work on the way out.
//!
//! This file holds one test: the subscriber is global to the process.

mod support;

use atscore_testkit::examples::example;
use std::io::Write;
use std::sync::{Arc, Mutex};

use reqwest::multipart::Form;
use serde_json::{json, Value};
use support::{file, spawn_with, Db, KEY};

/// The log buffer.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Capture {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

const N: usize = 50;

struct Person {
    email: String,
    phone: String,
    marker: String,
    resume: Vec<u8>,
}

fn people() -> Vec<Person> {
    let sources = [
        "resumes/alex-experienced.md",
        "resumes/kim-stuffed.md",
        "resumes/lee-junior.md",
        "resumes/sam-aliases.md",
    ];
    (0..N)
        .map(|i| {
            let text = String::from_utf8(example(sources[i % sources.len()])).unwrap();
            let email = format!("person{i}@example.org");
            let phone = match i % 4 {
                0 => format!("+1 555 01{i:02}"),
                1 => format!("+1 (555) 123-45{i:02}"),
                2 => format!("555-123-45{i:02}"),
                _ => format!("+44 20 7946 09{i:02}"),
            };
            let marker = format!("Zebrafish{i}Quokka");
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            // line 3 is the contact line of every example
            lines[2] = format!("{email} · {phone} · Springfield");
            lines.insert(4, format!("Known for the {marker} project."));
            Person {
                email,
                phone,
                marker,
                resume: lines.join("\n").into_bytes(),
            }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_resumes_leave_no_contact_details_in_the_debug_log() {
    let capture = Capture::default();
    let settings = atscore_server::Settings {
        log_level: "debug".into(),
        ..Default::default()
    };
    let sink = capture.clone();
    assert!(
        atscore_server::infra::telemetry::init_with_writer(&settings, move || sink.clone()),
        "the global subscriber was already set"
    );
    let Some(app) = spawn_with(Db::Sqlite, |s| s.log_level = "debug".into()).await else {
        return;
    };
    let people = people();
    let job = String::from_utf8(example("jobs/platform-engineer.md")).unwrap();

    // the job seeker's score, one resume at a time, the key in either header
    for (i, p) in people.iter().enumerate() {
        let form = Form::new()
            .part("resume", file(&format!("cv-{i}.md"), p.resume.clone()))
            .text("job_text", job.clone());
        let req = app.client.post(app.url("/api/v1/score")).multipart(form);
        let req = if i % 2 == 0 {
            req.header("x-api-key", KEY)
        } else {
            req.header("authorization", format!("Bearer {KEY}"))
        };
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), 200, "resume {i}");
        let v: Value = r.json().await.unwrap();
        assert!(v["score"].as_f64().is_some());
    }

    // the hiring side: all fifty as candidates of a job, then the ranking and one detail
    let r = app
        .post("/api/v1/jobs")
        .json(&json!({ "description": job }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let id = r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let form = people.iter().enumerate().fold(Form::new(), |f, (i, p)| {
        f.part("files", file(&format!("cv-{i}.md"), p.resume.clone()))
    });
    let r = app
        .post(&format!("/api/v1/jobs/{id}/candidates"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let added: Value = r.json().await.unwrap();
    assert_eq!(added["added"].as_array().unwrap().len(), N);
    let cid = added["added"][0]["id"].as_str().unwrap().to_string();
    app.ranking(&id, "").await;
    let r = app
        .get(&format!("/api/v1/jobs/{id}/candidates/{cid}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // a wrong key, and a path with an address in it: (path, key, status)
    for (path, key, status) in [
        (
            "/api/v1/jobs",
            Some("ats_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            401,
        ),
        ("/lookup/person1@example.org", None, 404),
    ] {
        let mut req = app.client.get(app.url(path));
        if let Some(k) = key {
            req = req.header("x-api-key", k);
        }
        assert_eq!(req.send().await.unwrap().status(), status, "{path}");
    }

    // a line that does carry contact details and a key: redacted on the way out
    tracing::debug!(
        contact = %people[3].email,
        "probe {} x-api-key: {KEY} ats_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
        people[0].phone
    );
    app.stop().await;

    let log = capture.text();
    assert!(
        log.contains("finished processing request"),
        "tower-http's request lines are captured:\n{}",
        &log[..log.len().min(4000)]
    );
    assert!(
        log.contains("route=/api/v1/score"),
        "request spans carry the route"
    );
    assert!(log.contains("route=/api/v1/jobs/{id}/candidates"));
    assert!(
        log.contains("probe [phone] x-api-key: [key] [key]"),
        "the probe line is redacted"
    );
    assert!(log.contains("contact=[email]"));
    let mut leaks = Vec::new();
    for p in &people {
        for secret in [&p.email, &p.phone, &p.marker] {
            if log.contains(secret.as_str()) {
                leaks.push(secret.clone());
            }
        }
    }
    for secret in [
        KEY,
        "person1%40example.org",
        "ats_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "ats_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
        "Springfield",
    ] {
        if log.contains(secret) {
            leaks.push(secret.to_string());
        }
    }
    assert!(leaks.is_empty(), "in the log: {leaks:?}");
    let lines = log.lines().count();
    assert!(lines > 2 * N, "only {lines} log lines were captured");
}
