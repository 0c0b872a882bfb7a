//! A candidate's original file is offered the same way by the API
//! (`/api/v1/jobs/{id}/candidates/{cid}/file`) and by the web UI
//! (`/jobs/{id}/candidates/{cid}/file`): one workflow and one response builder, so the same
//! bytes, type and `Content-Disposition` — the upload's own name when it has one, a ZIP
//! entry's last path segment, and `resume` when nothing header-safe is left of the name (the
//! API once sent `filename=""`). On SQLite and PostgreSQL, in open mode (no key: the web UI
//! needs no sign-in).

mod support;

use atscore_testkit::archive::zip_of;
use atscore_testkit::examples::example;
use reqwest::multipart::Form;
use serde_json::{json, Value};
use support::{file, spawn_with, Db, TestApp};

/// `GET path` without a key; status 200 expected. Returns (Content-Disposition, type, body).
async fn download(app: &TestApp, path: &str) -> (String, String, Vec<u8>) {
    let r = app.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    let header = |name: &str| r.headers()[name].to_str().unwrap().to_string();
    let (disposition, media_type) = (header("content-disposition"), header("content-type"));
    (disposition, media_type, r.bytes().await.unwrap().to_vec())
}

async fn both_faces_offer_files_alike(db: Db) {
    let Some(app) = spawn_with(db, |s| s.api_key = None).await else {
        return;
    };
    let description = String::from_utf8(example("jobs/backend-engineer.md")).unwrap();
    let r = app
        .client
        .post(app.url("/api/v1/jobs"))
        .json(&json!({ "description": description }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let job: Value = r.json().await.unwrap();
    let job = job["id"].as_str().unwrap().to_string();

    let alex = example("resumes/alex-experienced.md");
    let lee = example("resumes/lee-junior.md");
    let kim = example("resumes/kim-stuffed.md");
    let form = Form::new()
        .part("files", file("alex-experienced.md", alex.clone()))
        .part("files", file("简历", lee.clone()))
        .part(
            "files",
            file("batch.zip", zip_of(&[("dir/Kim Lee.md", &kim)])),
        );
    let r = app
        .client
        .post(app.url(&format!("/api/v1/jobs/{job}/candidates")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let added: Value = r.json().await.unwrap();
    let id_of = |name: &str| {
        added["added"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["file"] == name)
            .unwrap_or_else(|| panic!("{name} not in {added}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };

    let cases = [
        ("alex-experienced.md", "alex-experienced.md", &alex),
        ("简历", "resume", &lee),
        ("batch.zip/dir/Kim Lee.md", "Kim Lee.md", &kim),
    ];
    for (stored, offered, bytes) in cases {
        let cid = id_of(stored);
        let api = download(&app, &format!("/api/v1/jobs/{job}/candidates/{cid}/file")).await;
        let web = download(&app, &format!("/jobs/{job}/candidates/{cid}/file")).await;
        assert_eq!(
            api.0,
            format!("attachment; filename=\"{offered}\""),
            "{stored}"
        );
        assert_eq!(api, web, "{stored}: the API and the web UI differ");
        assert_eq!(&api.2, bytes, "{stored}: the file as uploaded");
        assert_eq!(api.1, "text/markdown", "{stored}");
    }
    app.stop().await;
}

both!(both_faces_offer_files_alike);
