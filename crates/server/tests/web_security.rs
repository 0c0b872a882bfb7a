//! Web hardening of the real router on a loopback port, signed in with a cookie jar like a
//! browser: every form refuses a post without its CSRF token or with a forged one, and changes
//! nothing; the session and CSRF cookies are HttpOnly and SameSite=Strict; every page carries
//! the security headers (a CSP without inline script or style, frame-ancestors, nosniff, a
//! referrer policy); error answers, pages and problem documents alike, show no stack trace or
//! file path.

mod support;

use atscore_testkit::examples::example;
use reqwest::header::SET_COOKIE;
use reqwest::multipart::Form;
use serde_json::{json, Value};
use support::{browser, file, spawn, Db, TestApp, KEY};

/// The `csrf` field of the first form on a page.
fn csrf_of(html: &str) -> String {
    let at = html
        .find("name=\"csrf\" value=\"")
        .expect("a form with a csrf field");
    let rest = &html[at + "name=\"csrf\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

fn assert_cookie_flags(r: &reqwest::Response, name: &str) {
    let set: Vec<String> = r
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .filter(|c| c.starts_with(&format!("{name}=")))
        .collect();
    assert!(!set.is_empty(), "{name} is set: {:?}", r.headers());
    for c in set {
        assert!(c.contains("HttpOnly"), "{c}");
        assert!(c.contains("SameSite=Strict"), "{c}");
        assert!(c.contains("Path=/"), "{c}");
    }
}

fn assert_security_headers(r: &reqwest::Response, what: &str) {
    let h = r.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    for part in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(part), "{what}: CSP lacks {part}: {csp}");
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{what}: {csp}"
    );
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(h["referrer-policy"], "same-origin", "{what}");
    assert_eq!(h["x-frame-options"], "DENY", "{what}");
}

/// Nothing of the program's insides: no Rust source path, panic text, backtrace or server path.
fn assert_no_internals(body: &str, what: &str) {
    for leak in [
        ".rs:",
        "src/",
        "panicked",
        "backtrace",
        "RUST_BACKTRACE",
        "/root/",
        "/work/",
        "/tmp/",
        "thread '",
    ] {
        assert!(!body.contains(leak), "{what} shows {leak:?}: {body}");
    }
}

/// A job with one candidate, made through the API.
async fn job_with_candidate(app: &TestApp) -> (String, String) {
    let r = app
        .post("/api/v1/jobs")
        .json(&json!({"description": String::from_utf8(example("jobs/platform-engineer.md")).unwrap()}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let job: Value = r.json().await.unwrap();
    let id = job["id"].as_str().unwrap().to_string();
    let r = app
        .post(&format!("/api/v1/jobs/{id}/candidates"))
        .multipart(Form::new().part("f", file("alex.md", example("resumes/alex-experienced.md"))))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let added: Value = r.json().await.unwrap();
    let cid = added["added"][0]["id"].as_str().unwrap().to_string();
    (id, cid)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_needs_its_token_cookies_are_strict_and_pages_carry_the_headers() {
    let Some(app) = spawn(Db::Sqlite).await else {
        return;
    };
    let (id, cid) = job_with_candidate(&app).await;
    let web = browser();

    // Sign-in: the form's token is bound to an anonymous HttpOnly, SameSite=Strict cookie.
    let r = web.get(app.url("/signin")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_security_headers(&r, "GET /signin");
    assert_cookie_flags(&r, "atscore_csrf");
    let signin_token = csrf_of(&r.text().await.unwrap());
    // Without the token, or with a forged one, the key is not even looked at.
    for csrf in [
        None,
        Some("0".repeat(64)),
        Some(signin_token.replace('a', "b") + "0"),
    ] {
        let mut form = vec![("key", KEY.to_string()), ("next", "/".to_string())];
        if let Some(c) = csrf.clone() {
            form.push(("csrf", c));
        }
        let r = web
            .post(app.url("/signin"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "sign-in with csrf {csrf:?}");
        assert!(r
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .all(|c| !c.to_str().unwrap().starts_with("atscore_session=")));
    }
    let r = web.get(app.url("/signin")).send().await.unwrap();
    let signin_token = csrf_of(&r.text().await.unwrap());
    let r = web
        .post(app.url("/signin"))
        .form(&[("key", KEY), ("next", "/jobs"), ("csrf", &signin_token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "signed in");
    assert_cookie_flags(&r, "atscore_session");

    // Every page carries the headers; the pages' token is bound to the session.
    let mut token = String::new();
    for path in [
        "/".to_string(),
        "/jobs".to_string(),
        format!("/jobs/{id}"),
        format!("/jobs/{id}/candidates/{cid}"),
        format!("/jobs/{id}/delete"),
        format!("/jobs/{id}/candidates/{cid}/delete"),
    ] {
        let r = web.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_security_headers(&r, &path);
        assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
        let html = r.text().await.unwrap();
        assert!(
            !html.contains("<script>") && !html.contains(" style=\""),
            "{path}: inline script or style"
        );
        token = csrf_of(&html);
    }
    assert_ne!(token, signin_token, "the session has its own token");

    // Every form of the UI, posted without its token and with a forged one: 403, nothing done.
    let forged = "f".repeat(token.len());
    let url_forms = [
        "/jobs".to_string(),
        format!("/jobs/{id}/delete"),
        format!("/jobs/{id}/candidates/{cid}/shortlist"),
        format!("/jobs/{id}/candidates/{cid}/delete"),
        "/signout".to_string(),
    ];
    for path in &url_forms {
        for csrf in [None, Some(forged.as_str()), Some(signin_token.as_str())] {
            let mut form = vec![
                ("title", "Forged".to_string()),
                ("description", "Rust engineer".to_string()),
                ("on", "1".to_string()),
            ];
            if let Some(c) = csrf {
                form.push(("csrf", c.to_string()));
            }
            let r = web.post(app.url(path)).form(&form).send().await.unwrap();
            assert_eq!(r.status(), 403, "POST {path} with csrf {csrf:?}");
            assert_security_headers(&r, path);
            assert_no_internals(&r.text().await.unwrap(), path);
        }
    }
    let multipart_forms = ["/score".to_string(), format!("/jobs/{id}/candidates")];
    for path in &multipart_forms {
        for csrf in [None, Some(forged.as_str())] {
            let mut form = Form::new()
                .text("job_text", "Rust engineer with PostgreSQL")
                .part(
                    "resume",
                    file("alex.md", example("resumes/alex-experienced.md")),
                )
                .part(
                    "files",
                    file("lee.md", example("resumes/alex-experienced.md")),
                );
            if let Some(c) = csrf {
                form = form.text("csrf", c.to_string());
            }
            let r = web
                .post(app.url(path))
                .multipart(form)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 403, "POST {path} with csrf {csrf:?}");
            assert_no_internals(&r.text().await.unwrap(), path);
        }
    }
    // Nothing changed: one job, its one candidate, not shortlisted; still signed in.
    let r = app.get("/api/v1/jobs").send().await.unwrap();
    let jobs: Value = r.json().await.unwrap();
    assert_eq!(jobs["jobs"].as_array().map(Vec::len), Some(1), "{jobs}");
    let list = app.ranking(&id, "").await;
    assert_eq!(list.len(), 1, "{list:?}");
    assert_ne!(list[0]["shortlisted"], true, "{list:?}");
    assert_eq!(
        web.get(app.url("/jobs")).send().await.unwrap().status(),
        200
    );

    // Control: the same post with the page's token is accepted, so the 403s were the token's.
    let r = web
        .post(app.url(&format!("/jobs/{id}/candidates/{cid}/shortlist")))
        .form(&[("csrf", token.as_str()), ("on", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let list = app.ranking(&id, "").await;
    assert_eq!(list[0]["shortlisted"], true, "{list:?}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_answers_show_no_internals() {
    let Some(app) = spawn(Db::Sqlite).await else {
        return;
    };
    let web = browser();
    // Pages: unknown page, signed out, a bad form.
    for (path, status) in [("/no/such/page", 404), ("/jobs/nope", 303)] {
        let r = web.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), status, "{path}");
        assert_security_headers(&r, path);
        assert_no_internals(&r.text().await.unwrap(), path);
    }
    let r = web
        .post(app.url("/signin"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("%%%=%%%&key")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    assert_no_internals(&r.text().await.unwrap(), "malformed sign-in form");
    // API: malformed JSON, a broken multipart body, a wrong key, unknown routes, a broken file.
    let r = app
        .post("/api/v1/jobs")
        .header("content-type", "application/json")
        .body("{\"description\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_no_internals(&r.text().await.unwrap(), "malformed JSON");
    let r = app
        .post("/api/v1/parse")
        .header("content-type", "multipart/form-data; boundary=xyz")
        .body("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7\n1 0 obj <<")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    assert_no_internals(&r.text().await.unwrap(), "truncated multipart");
    let r = app
        .client
        .get(app.url("/api/v1/jobs"))
        .header("x-api-key", "wrong-key-0123456789abcdef")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let body = r.text().await.unwrap();
    assert_no_internals(&body, "wrong key");
    assert!(
        !body.contains("wrong-key") && !body.contains(KEY),
        "the key is not echoed: {body}"
    );
    let r = app.get("/api/v1/nothing").send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert_no_internals(&r.text().await.unwrap(), "unknown API route");
    let r = app
        .post("/api/v1/parse")
        .multipart(Form::new().part(
            "file",
            file("cv.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog".to_vec()),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert_no_internals(&r.text().await.unwrap(), "broken PDF");
    app.stop().await;
}
