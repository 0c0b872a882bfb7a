//! The REST API over real HTTP, on SQLite and on PostgreSQL: health, parse and score, jobs and
//! candidates (files and ZIPs, ranking JSON and CSV, filters, shortlist, erasure, re-scoring),
//! API keys on every route of the OpenAPI document, rate limits, open mode, retention, and
//! problem documents for bad input — never a 500, and nothing stored is lost.

mod support;

use atscore_testkit::archive::zip_of;
use atscore_testkit::examples::example;
use reqwest::multipart::Form;
use serde_json::{json, Value};
use support::{file, problem, spawn, spawn_with, Db, TestApp};

async fn create_job(app: &TestApp, job: &str) -> Value {
    let r = app
        .post("/api/v1/jobs")
        .json(&json!({"description": String::from_utf8(example(job)).unwrap()}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/api/v1/jobs/"));
    r.json().await.unwrap()
}

async fn health_parse_and_score(db: Db) {
    let Some(app) = spawn(db).await else { return };
    for path in ["/healthz", "/health", "/readyz"] {
        let r = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
    }
    let resume = example("resumes/alex-experienced.md");
    let r = app
        .post("/api/v1/parse")
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
    let job = String::from_utf8(example("jobs/platform-engineer.md")).unwrap();
    let r = app
        .post("/api/v1/score")
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
    assert!(v["score"].as_f64().unwrap() > 80.0, "{}", v["score"]);
    assert_eq!(v["job"]["title"], "Senior Platform Engineer");
    assert!(
        !v["suggestions"].as_array().unwrap().is_empty()
            || v["missing"].as_array().unwrap().is_empty()
    );
    app.stop().await;
}
both!(health_parse_and_score);

async fn hiring_workflow(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let job = create_job(&app, "jobs/platform-engineer.md").await;
    let id = job["id"].as_str().unwrap().to_string();
    assert_eq!(job["title"], "Senior Platform Engineer");
    assert!(job["analysis"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s == "Kubernetes"));

    // two files and a zip of two more, plus one unreadable file
    let archive = zip_of(&[
        ("batch/lee.md", &example("resumes/lee-junior.md")),
        ("batch/sam.md", &example("resumes/sam-aliases.md")),
    ]);
    let form = Form::new()
        .part(
            "files",
            file("alex.md", example("resumes/alex-experienced.md")),
        )
        .part("files", file("kim.md", example("resumes/kim-stuffed.md")))
        .part("files", file("batch.zip", archive))
        .part("files", file("broken.pdf", b"%PDF-1.7\n garbage".to_vec()));
    let r = app
        .post(&format!("/api/v1/jobs/{id}/candidates"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let added: Value = r.json().await.unwrap();
    let added = added["added"].as_array().unwrap().clone();
    assert_eq!(added.len(), 5, "{added:?}");
    assert!(added.iter().any(|a| a["file"] == "batch.zip/batch/lee.md"));
    assert!(added
        .iter()
        .any(|a| a["file"] == "broken.pdf" && a["error"]["code"].is_string()));

    // ranking: best first (by fit), unreadable last and unranked
    let c = app.ranking(&id, "").await;
    assert_eq!(c.len(), 5);
    assert_eq!(c[0]["file"], "alex.md", "{}", c[0]);
    assert_eq!(c[0]["rank"], 1);
    let fits: Vec<f64> = c
        .iter()
        .filter_map(|x| x["fit"]["score"].as_f64())
        .collect();
    assert_eq!(fits.len(), 4, "every ranked candidate has a fit");
    assert!(fits.windows(2).all(|w| w[0] >= w[1]), "{fits:?}");
    assert!(
        c[0]["fit"]["relevant_years"].as_f64().unwrap() > 0.0,
        "{}",
        c[0]["fit"]
    );
    assert!(c[0]["copied_lines"].as_array().unwrap().is_empty());

    // a report stored by an older scoring version (no fit) is scored again before ranking
    let stored = app.store.list_candidates(&id).await.unwrap();
    let alex = stored.iter().find(|s| s.file_name == "alex.md").unwrap();
    let mut old: Value = serde_json::from_str(alex.report.as_deref().unwrap()).unwrap();
    old["scoring_version"] = json!("1.0.0");
    old.as_object_mut().unwrap().remove("fit");
    app.store
        .rescore(
            &id,
            vec![atscore_server::infra::store::candidates::Rescore {
                id: alex.id.clone(),
                score: old["score"].as_f64().unwrap(),
                knockouts: 0,
                report: old.to_string(),
            }],
        )
        .await
        .unwrap();
    let again = app.ranking(&id, "").await;
    assert_eq!(again[0]["file"], "alex.md", "{}", again[0]);
    assert_eq!(
        again[0]["fit"], c[0]["fit"],
        "the stale report was scored again"
    );
    assert_eq!(c[4]["file"], "broken.pdf");
    assert!(c[4]["rank"].is_null());
    for k in [
        "id",
        "matched",
        "missing",
        "knockouts",
        "breakdown",
        "shortlisted",
    ] {
        assert!(c[0].get(k).is_some(), "{k}");
    }

    // filters: minimum score keeps ranks; no_knockouts drops those with knockouts
    let mut scores: Vec<f64> = c.iter().filter_map(|x| x["score"].as_f64()).collect();
    scores.sort_by(|a, b| b.total_cmp(a));
    let min = scores[1];
    let f = app
        .ranking(&id, &format!("?min_score={min}&no_knockouts=false"))
        .await;
    let ranked = f.iter().filter(|x| !x["rank"].is_null()).count();
    assert_eq!(ranked, 2);
    let f = app.ranking(&id, "?no_knockouts=true").await;
    assert!(f
        .iter()
        .all(|x| x["knockouts"].as_array().is_none_or(|k| k.is_empty())));

    // CSV export
    let r = app
        .get(&format!("/api/v1/jobs/{id}/ranking"))
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = r.text().await.unwrap();
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let header = rd.headers().unwrap().clone();
    assert!(header.iter().any(|h| h == "candidate_id"));
    assert!(header.iter().any(|h| h == "score"));
    assert_eq!(rd.records().count(), 5);

    // shortlist
    let best = c[0]["id"].as_str().unwrap().to_string();
    let r = app
        .patch(&format!("/api/v1/jobs/{id}/candidates/{best}"))
        .json(&json!({"shortlisted": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let f = app.ranking(&id, "?shortlisted=true").await;
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["shortlisted"], true);

    // candidate detail: report with evidence and what the ATS sees; original file
    let r = app
        .get(&format!("/api/v1/jobs/{id}/candidates/{best}"))
        .send()
        .await
        .unwrap();
    let d: Value = r.json().await.unwrap();
    assert_eq!(d["rank"], 1);
    assert!(d["report"]["matched"][0]["evidence"].is_array());
    assert!(d["parsed"]["sections"].is_array());
    assert_eq!(d["has_file"], true);
    let r = app
        .get(&format!("/api/v1/jobs/{id}/candidates/{best}/file"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.bytes().await.unwrap().to_vec(),
        example("resumes/alex-experienced.md")
    );

    // a changed description scores everyone again
    let before = d["score"].as_f64().unwrap();
    let r = app
        .patch(&format!("/api/v1/jobs/{id}"))
        .json(&json!({"description": String::from_utf8(example("jobs/data-analyst.txt")).unwrap()}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = app
        .get(&format!("/api/v1/jobs/{id}/candidates/{best}"))
        .send()
        .await
        .unwrap();
    let d2: Value = r.json().await.unwrap();
    assert_ne!(
        d2["score"].as_f64().unwrap(),
        before,
        "re-scored against the new description"
    );

    // erasure: the candidate and its file are gone from every table
    let r = app
        .delete(&format!("/api/v1/jobs/{id}/candidates/{best}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(app.store.rows_for_candidate(&best).await.unwrap(), 0);
    let r = app
        .get(&format!("/api/v1/jobs/{id}/candidates/{best}"))
        .send()
        .await
        .unwrap();
    problem(r, 404, "not_found").await;

    // listing and deletion of the job
    let r = app.get("/api/v1/jobs").send().await.unwrap();
    let l: Value = r.json().await.unwrap();
    assert_eq!(l["jobs"][0]["candidates"], 4);
    let r = app
        .delete(&format!("/api/v1/jobs/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let r = app.get(&format!("/api/v1/jobs/{id}")).send().await.unwrap();
    problem(r, 404, "not_found").await;
    app.stop().await;
}
both!(hiring_workflow);

/// Every operation of the OpenAPI document refuses a request without a key or with a wrong
/// one; health and the document itself are public.
async fn keys_on_every_route(db: Db) {
    let Some(app) = spawn(db).await else { return };
    let doc: Value = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 8, "{:?}", paths.keys());
    let mut checked = 0;
    for (path, ops) in paths {
        let concrete = path
            .replace("{id}", "0123456789abcdef")
            .replace("{candidate_id}", "0123456789abcdef");
        for method in ops.as_object().unwrap().keys() {
            let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            for key in [None, Some("wrong-key-0123456789")] {
                let mut req = app.client.request(m.clone(), app.url(&concrete));
                if let Some(k) = key {
                    req = req.header("x-api-key", k);
                }
                let r = req.send().await.unwrap();
                let code = if key.is_some() {
                    "invalid_api_key"
                } else {
                    "missing_api_key"
                };
                assert!(r.headers().contains_key("www-authenticate"));
                problem(r, 401, code).await;
                checked += 1;
            }
        }
    }
    assert!(checked >= 24, "{checked}");
    // Bearer works too, and a stored key
    let r = app
        .client
        .get(app.url("/api/v1/jobs"))
        .bearer_auth(&app.key)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (k, secret) = app.store.create_key("ci").await.unwrap();
    let r = app
        .client
        .get(app.url("/api/v1/jobs"))
        .header("x-api-key", &secret)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(app.store.revoke_key(&k.id).await.unwrap().len(), 1);
    app.state.auth().forget();
    let r = app
        .client
        .get(app.url("/api/v1/jobs"))
        .header("x-api-key", &secret)
        .send()
        .await
        .unwrap();
    problem(r, 401, "invalid_api_key").await;
    for path in ["/healthz", "/health", "/readyz", "/api/docs"] {
        let r = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
    }
    app.stop().await;
}
both!(keys_on_every_route);

async fn bad_input_gets_problem_documents(db: Db) {
    let Some(app) = spawn_with(db, |s| {
        s.max_file_size = 64 * 1024;
        s.max_upload_files = 5;
        s.max_upload_inflated = 1024 * 1024;
    })
    .await
    else {
        return;
    };
    let url = "/api/v1/parse";
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec();
    let r = app
        .post(url)
        .multipart(Form::new().part("file", file("cv.pdf", png)))
        .send()
        .await
        .unwrap();
    problem(r, 415, "unsupported_format").await;
    let r = app
        .post(url)
        .multipart(Form::new().part("file", file("cv.txt", vec![b'a'; 64 * 1024 + 1])))
        .send()
        .await
        .unwrap();
    problem(r, 413, "too_large").await;
    let r = app
        .post(url)
        .multipart(Form::new().part("file", file("cv.txt", Vec::new())))
        .send()
        .await
        .unwrap();
    problem(r, 422, "empty").await;
    let r = app
        .post(url)
        .multipart(Form::new().text("other", "x"))
        .send()
        .await
        .unwrap();
    problem(r, 400, "missing_file").await;
    let r = app.post(url).body("not multipart").send().await.unwrap();
    problem(r, 400, "bad_multipart").await;
    let resume = example("resumes/lee-junior.md");
    let r = app
        .post("/api/v1/score")
        .multipart(Form::new().part("resume", file("lee.md", resume.clone())))
        .send()
        .await
        .unwrap();
    problem(r, 400, "missing_job").await;
    let r = app
        .post("/api/v1/score")
        .multipart(
            Form::new()
                .part("resume", file("lee.md", resume.clone()))
                .text("job_text", "Python developer")
                .text("weights", "speed=1"),
        )
        .send()
        .await
        .unwrap();
    problem(r, 400, "invalid_weights").await;
    // job URLs to private addresses are refused
    let r = app
        .post("/api/v1/score")
        .multipart(
            Form::new()
                .part("resume", file("lee.md", resume.clone()))
                .text("job_url", "http://127.0.0.1:9/job"),
        )
        .send()
        .await
        .unwrap();
    problem(r, 422, "forbidden_address").await;

    // jobs: bad JSON, unknown fields, no description, unknown ids
    let r = app
        .post("/api/v1/jobs")
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    problem(r, 400, "invalid_json").await;
    let r = app
        .post("/api/v1/jobs")
        .json(&json!({"descr": "x"}))
        .send()
        .await
        .unwrap();
    problem(r, 400, "invalid_fields").await;
    let r = app
        .post("/api/v1/jobs")
        .json(&json!({"title": "x"}))
        .send()
        .await
        .unwrap();
    problem(r, 400, "missing_job").await;
    let r = app.get("/api/v1/jobs/nope").send().await.unwrap();
    problem(r, 404, "not_found").await;
    let r = app.get("/api/v1/nothing-here").send().await.unwrap();
    problem(r, 404, "not_found").await;

    // a stored candidate survives every refused upload
    let job = create_job(&app, "jobs/backend-engineer.md").await;
    let id = job["id"].as_str().unwrap();
    let path = format!("/api/v1/jobs/{id}/candidates");
    let r = app
        .post(&path)
        .multipart(Form::new().part("f", file("lee.md", resume.clone())))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    // a zip bomb: one entry inflating far past the limits
    let bomb = zip_of(&[("bomb.txt", &vec![b'0'; 8 * 1024 * 1024])]);
    assert!(bomb.len() < 64 * 1024);
    let r = app
        .post(&path)
        .multipart(Form::new().part("f", file("bomb.zip", bomb)))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let v: Value = r.json().await.unwrap();
    if status == 201 {
        // the oversized entry is stored as an unreadable candidate, never inflated past the limit
        assert_eq!(v["added"][0]["error"]["code"], "too_large", "{v}");
    } else {
        assert_eq!(status, 413, "{v}");
    }
    // too many files
    let many: Vec<(String, Vec<u8>)> = (0..6)
        .map(|i| (format!("r{i}.md"), resume.clone()))
        .collect();
    let refs: Vec<(&str, &[u8])> = many
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let r = app
        .post(&path)
        .multipart(Form::new().part("f", file("many.zip", zip_of(&refs))))
        .send()
        .await
        .unwrap();
    problem(r, 413, "too_many_files").await;
    let r = app
        .post(&path)
        .multipart(Form::new().text("note", "no files"))
        .send()
        .await
        .unwrap();
    problem(r, 400, "missing_file").await;
    let r = app
        .post("/api/v1/jobs/nope/candidates")
        .multipart(Form::new().part("f", file("lee.md", resume)))
        .send()
        .await
        .unwrap();
    problem(r, 404, "not_found").await;
    let r = app
        .get(&format!("/api/v1/jobs/{id}/ranking?min_score=high"))
        .send()
        .await
        .unwrap();
    problem(r, 400, "invalid_query").await;
    assert!(app
        .ranking(id, "")
        .await
        .iter()
        .any(|c| c["file"] == "lee.md"));
    let r = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    app.stop().await;
}
both!(bad_input_gets_problem_documents);

async fn rate_limit_and_retention(db: Db) {
    let Some(app) = spawn_with(db, |s| {
        s.rate_limit_per_minute = 60;
        s.rate_limit_burst = 3;
        s.retention = atscore_server::configuration::Retention::AnalysisOnly;
    })
    .await
    else {
        return;
    };
    let mut statuses = Vec::new();
    let mut retry = None;
    for _ in 0..5 {
        let r = app.get("/api/v1/jobs").send().await.unwrap();
        statuses.push(r.status().as_u16());
        if r.status() == 429 {
            retry = r
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().unwrap().to_string());
            problem(r, 429, "rate_limited").await;
        }
    }
    assert_eq!(&statuses[..3], &[200, 200, 200], "{statuses:?}");
    assert_eq!(statuses[3], 429, "{statuses:?}");
    assert!(retry.unwrap().parse::<u64>().unwrap() >= 1);
    // health is never limited
    for _ in 0..5 {
        assert_eq!(
            app.client
                .get(app.url("/healthz"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
    }
    app.stop().await;

    // retention = analysis: the analysis is kept, the file is not
    let Some(app) = spawn_with(db, |s| {
        s.retention = atscore_server::configuration::Retention::AnalysisOnly
    })
    .await
    else {
        return;
    };
    let job = create_job(&app, "jobs/platform-engineer.md").await;
    let id = job["id"].as_str().unwrap();
    let r = app
        .post(&format!("/api/v1/jobs/{id}/candidates"))
        .multipart(Form::new().part("f", file("alex.md", example("resumes/alex-experienced.md"))))
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    let cid = v["added"][0]["id"].as_str().unwrap();
    let d: Value = app
        .get(&format!("/api/v1/jobs/{id}/candidates/{cid}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(d["has_file"], false);
    assert!(d["parsed"]["text"].is_string());
    let r = app
        .get(&format!("/api/v1/jobs/{id}/candidates/{cid}/file"))
        .send()
        .await
        .unwrap();
    problem(r, 404, "not_found").await;
    app.stop().await;
}
both!(rate_limit_and_retention);

/// Without any key the server is open, and only on loopback.
#[tokio::test]
async fn open_mode_is_loopback_only() {
    let dir = tempfile::tempdir().unwrap();
    let settings = atscore_server::Settings {
        database_url: format!("sqlite://{}", dir.path().join("o.db").display()),
        ..Default::default()
    };
    let state = atscore_server::startup::build(settings).await.unwrap();
    let listener = tokio::net::TcpListener::bind("0.0.0.0:0").await.unwrap();
    let err = atscore_server::startup::serve_state(listener, state.clone(), async {})
        .await
        .unwrap_err();
    assert!(err.to_string().contains("without an API key"), "{err}");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(atscore_server::startup::serve_state(
        listener,
        state,
        async {
            let _ = rx.await;
        },
    ));
    let r = reqwest::get(format!("{base}/api/v1/jobs")).await.unwrap();
    assert_eq!(r.status(), 200);
    tx.send(()).unwrap();
    task.await.unwrap().unwrap();
}

/// A job description fetched from a URL (an allowlisted loopback server here).
async fn job_from_url(db: Db) {
    let page = axum::Router::new().route(
        "/job",
        axum::routing::get(|| async {
            axum::response::Html(String::from_utf8(example("jobs/marketing-manager.html")).unwrap())
        }),
    );
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let job_url = format!("http://{}/job", l.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(l, page).await });
    let Some(app) = spawn_with(db, |s| {
        s.job_url_allow = vec!["127.0.0.1/32".parse().unwrap()]
    })
    .await
    else {
        return;
    };
    let r = app
        .post("/api/v1/score")
        .multipart(
            Form::new()
                .part("resume", file("lee.md", example("resumes/lee-junior.md")))
                .text("job_url", job_url.clone()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert!(
        v["job"]["title"]
            .as_str()
            .is_some_and(|t| t.to_lowercase().contains("marketing")),
        "{}",
        v["job"]
    );
    let r = app
        .post("/api/v1/jobs")
        .json(&json!({"job_url": job_url}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let j: Value = r.json().await.unwrap();
    assert!(
        j["description"].as_str().unwrap().contains("Marketing")
            || j["description"].as_str().unwrap().contains("marketing")
    );
    app.stop().await;
}
both!(job_from_url);
