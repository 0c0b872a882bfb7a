//! The SLOs as code, against the real tools: the committed rules and dashboards match the
//! spec (`atscore slo rules|dashboards --check`); `promtool` checks and unit-tests the rules
//! and `amtool` the routing; a real Prometheus scraping a real `atscore serve` under generated
//! load answers every dashboard query with data and feeds `atscore slo report`; and real
//! Prometheus + Alertmanager deliver an alert caused by the running server to a local webhook.
//!
//! Everything listens on 127.0.0.1 with ports picked at run time. Under CI=true a missing tool
//! (prometheus, promtool, alertmanager, amtool: `scripts/test` installs them) fails the test.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use atscore_slo::dashboards;
use atscore_slo::prom::{Prometheus, Source};
use atscore_testkit::corpus::corpus_file;
use atscore_testkit::policy::require_tool as tool;
use atscore_testkit::project_root as root;
use atscore_testkit::serve::{free_port, start_serve, KillOnDrop as Proc};

fn bin() -> Command {
    let mut c = support::bin();
    c.current_dir(root());
    c
}

fn corpus_pdf() -> Option<PathBuf> {
    corpus_file("jakegut_resume.pdf")
}

fn tempdir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "atscore-slo-{tag}-{}-{}",
        std::process::id(),
        Instant::now().elapsed().as_nanos()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `atscore serve` on a free port with these extra settings; returns it and its address.
fn serve(dir: &Path, env: &[(&str, &str)]) -> (Proc, String) {
    let mut cmd = support::serve_cmd(&support::sqlite_url(dir, "a.db"));
    cmd.current_dir(root())
        .env("LOG_LEVEL", "warn")
        .stdout(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let (child, addr) = start_serve(cmd);
    (Proc(child), addr)
}

fn wait_http_ok(url: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if reqwest::blocking::get(url).is_ok_and(|r| r.status().is_success()) {
            return;
        }
        assert!(Instant::now() < deadline, "{what} not ready at {url}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Prometheus scraping `target` every second, evaluating `rules` every second.
fn prometheus(
    dir: &Path,
    target: &str,
    rules: &Path,
    alertmanager: Option<&str>,
) -> (Proc, String) {
    let exe = tool(&["prometheus"], None).expect("checked by the caller");
    let port = free_port();
    let alerting = alertmanager.map_or(String::new(), |am| {
        format!(
            "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [\"{am}\"]\n"
        )
    });
    let config = format!(
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - {}\n{alerting}\
         scrape_configs:\n  - job_name: atscore\n    static_configs:\n      - targets: [\"{target}\"]\n",
        rules.display()
    );
    let cfg = dir.join("prometheus.yml");
    std::fs::write(&cfg, config).unwrap();
    let child = Command::new(exe)
        .arg(format!("--config.file={}", cfg.display()))
        .arg(format!(
            "--storage.tsdb.path={}",
            dir.join("tsdb").display()
        ))
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let proc = Proc(child);
    let url = format!("http://127.0.0.1:{port}");
    wait_http_ok(&format!("{url}/-/ready"), "prometheus");
    (proc, url)
}

/// Poll `expr` until it returns at least one sample.
fn wait_for_data(
    prom: &Prometheus,
    expr: &str,
    within: Duration,
) -> Vec<atscore_slo::prom::Sample> {
    let deadline = Instant::now() + within;
    loop {
        let got = prom.query(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
        if !got.is_empty() {
            return got;
        }
        assert!(
            Instant::now() < deadline,
            "no data for {expr} within {within:?}"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

#[test]
fn committed_rules_and_dashboards_match_the_spec() {
    run_ok(bin().args(["slo", "rules", "--check"]));
    run_ok(bin().args(["slo", "dashboards", "--check"]));
    // A drifted file is caught.
    let dir = tempdir("drift");
    let rules = dir.join("rules.yml");
    std::fs::write(&rules, "groups: []\n").unwrap();
    let out = bin()
        .args(["slo", "rules", "--check", "-o"])
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("out of date"));
    // A broken spec is refused with the reason and exit 2.
    let spec = dir.join("slos.yaml");
    let text = std::fs::read_to_string(root().join("deploy/slo/slos.yaml")).unwrap();
    std::fs::write(&spec, text.replacen("objective: 99.0", "objective: 101", 1)).unwrap();
    let out = bin()
        .args(["slo", "rules", "-o", "-", "--spec"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("strictly between 0 and 100"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn promtool_and_amtool_accept_and_unit_test_the_rules() {
    let (Some(promtool), Some(amtool)) = (tool(&["promtool"], None), tool(&["amtool"], None))
    else {
        return;
    };
    let deploy = root().join("deploy");
    run_ok(
        Command::new(&promtool)
            .arg("check")
            .arg("rules")
            .arg(deploy.join("prometheus/slo-rules.yml")),
    );
    run_ok(
        Command::new(&promtool)
            .arg("check")
            .arg("config")
            .arg(deploy.join("prometheus/prometheus.yml")),
    );
    let out = run_ok(
        Command::new(&promtool)
            .arg("test")
            .arg("rules")
            .arg(deploy.join("prometheus/slo-rules.test.yml")),
    );
    assert!(out.contains("SUCCESS"), "{out}");
    run_ok(
        Command::new(&amtool)
            .arg("check-config")
            .arg(deploy.join("alertmanager/alertmanager.yml")),
    );

    // The unit tests can fail: one wrong expectation makes promtool exit 1.
    let dir = tempdir("promtool");
    std::fs::copy(
        deploy.join("prometheus/slo-rules.yml"),
        dir.join("slo-rules.yml"),
    )
    .unwrap();
    let tests = std::fs::read_to_string(deploy.join("prometheus/slo-rules.test.yml")).unwrap();
    assert!(tests.contains("severity: page"));
    std::fs::write(
        dir.join("broken.test.yml"),
        tests.replacen("severity: page", "severity: ticket", 1),
    )
    .unwrap();
    let out = Command::new(&promtool)
        .arg("test")
        .arg("rules")
        .arg(dir.join("broken.test.yml"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Traffic of every kind the dashboards show: scores (PDF), a parse failure, health, a 404.
fn load(addr: &str, pdf: &Path, rounds: usize) {
    let client = reqwest::blocking::Client::new();
    let resume = std::fs::read(pdf).unwrap();
    let job = std::fs::read_to_string(root().join("examples/jobs/platform-engineer.md")).unwrap();
    for i in 0..rounds {
        let form = reqwest::blocking::multipart::Form::new()
            .part(
                "resume",
                reqwest::blocking::multipart::Part::bytes(resume.clone()).file_name("cv.pdf"),
            )
            .text("job_text", job.clone());
        let r = client
            .post(format!("http://{addr}/api/v1/score"))
            .multipart(form)
            .send()
            .unwrap();
        assert!(r.status().as_u16() < 600);
        if i % 3 == 0 {
            // A truncated PDF: a parse error (4xx) counted under its format.
            let form = reqwest::blocking::multipart::Form::new().part(
                "file",
                reqwest::blocking::multipart::Part::bytes(resume[..resume.len() / 3].to_vec())
                    .file_name("broken.pdf"),
            );
            let _ = client
                .post(format!("http://{addr}/api/v1/parse"))
                .multipart(form)
                .send()
                .unwrap();
            let _ = client.get(format!("http://{addr}/healthz")).send().unwrap();
            let _ = client
                .get(format!("http://{addr}/api/v1/nope"))
                .send()
                .unwrap();
        }
    }
}

#[test]
fn dashboards_and_the_slo_report_read_a_real_prometheus() {
    let (Some(_), Some(pdf)) = (tool(&["prometheus"], None), corpus_pdf()) else {
        return;
    };
    let dir = tempdir("dash");
    // No report cache: every score request parses the resume (a cache hit parses nothing).
    let (_serve, addr) = serve(&dir, &[("CACHE_ENTRIES", "0")]);
    let (_prom, url) = prometheus(
        &dir,
        &addr,
        &root().join("deploy/prometheus/slo-rules.yml"),
        None,
    );
    let prom = Prometheus::new(&url).unwrap();
    load(&addr, &pdf, 12);
    let started = Instant::now();
    // The scrape-to-query round trip: the first score request visible in Prometheus.
    wait_for_data(
        &prom,
        "sum(http_requests_total{job=\"atscore\",route=\"/api/v1/score\"}) >= 12",
        Duration::from_secs(30),
    );
    eprintln!(
        "scrape-to-query round trip: the requests were queryable {:?} after the last one (1 s scrape)",
        started.elapsed()
    );
    // A few more scrapes and rule evaluations so every rate() and recording rule has 2+ points.
    std::thread::sleep(Duration::from_secs(3));
    load(&addr, &pdf, 3);
    wait_for_data(
        &prom,
        "slo:sli_error:ratio_rate30d{slo=\"availability\"}",
        Duration::from_secs(30),
    );
    wait_for_data(
        &prom,
        "slo_info:parse_success:rate1h",
        Duration::from_secs(30),
    );

    let mut checked = 0;
    for (name, d) in dashboards::all(&atscore_slo::Spec::embedded()) {
        for (title, expr) in dashboards::queries(&d, "1m", "5m") {
            let got = prom
                .query(&expr)
                .unwrap_or_else(|e| panic!("{name} / {title}: {e}"));
            assert!(!got.is_empty(), "{name} / {title}: no data for {expr}");
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked} queries");

    // No 5xx was ever answered: the error ratio is 0, not empty (the `or vector(0)` guard).
    // (It is NaN, 0/0, while no request falls in the window: rate() cannot see the first
    // increment of a series that appears already counted, so wait for the second load.)
    let ratio = wait_for_data(
        &prom,
        "slo:sli_error:ratio_rate5m{slo=\"availability\"} >= 0",
        Duration::from_secs(30),
    );
    assert_eq!(ratio.len(), 1);
    assert_eq!(ratio[0].value, 0.0);

    let out = run_ok(bin().args(["slo", "report", "--json", "--prometheus", &url]));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let availability = &report["slos"][0];
    assert_eq!(availability["name"], "availability");
    assert_eq!(availability["compliance"], 100.0);
    assert_eq!(availability["error_budget_remaining"], 1.0);
    assert_eq!(availability["verdict"], "met");
    let formats = report["informational"][0]["values"].as_array().unwrap();
    let pdf_ok = formats
        .iter()
        .find(|v| v["labels"]["format"] == "pdf")
        .expect("pdf parses recorded");
    let share = pdf_ok["value"].as_f64().unwrap();
    assert!(
        share > 0.5 && share < 1.0,
        "some PDFs failed on purpose: {share}"
    );
    let table = run_ok(bin().args(["slo", "report", "--prometheus", &url, "--window", "1h"]));
    assert!(
        table.contains("availability") && table.contains("met"),
        "{table}"
    );
    // An unreachable Prometheus is a clear error, exit 2.
    let out = bin()
        .args([
            "slo",
            "report",
            "--prometheus",
            &format!("http://127.0.0.1:{}", free_port()),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did not answer"));
    std::fs::remove_dir_all(&dir).ok();
}

/// A loopback webhook: every POST body goes to the channel.
fn webhook() -> (u16, mpsc::Receiver<(String, String)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            if let Some(req) = read_request(&mut stream) {
                let _ = stream.write_all(
                    b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
                if tx.send(req).is_err() {
                    return;
                }
            }
        }
    });
    (port, rx)
}

/// (path, body) of one HTTP/1.1 request.
fn read_request(stream: &mut TcpStream) -> Option<(String, String)> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let mut len = 0usize;
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    Some((path, String::from_utf8_lossy(&body).into_owned()))
}

#[test]
fn an_alert_caused_by_the_server_reaches_the_webhook() {
    let (Some(_), Some(am_exe), Some(pdf)) = (
        tool(&["prometheus"], None),
        tool(
            &["prometheus-alertmanager", "alertmanager"],
            Some("ATSCORE_ALERTMANAGER"),
        ),
        corpus_pdf(),
    ) else {
        return;
    };
    let dir = tempdir("alert");
    // The committed routing, pointed at a local webhook and with a 1 s group wait.
    let (hook_port, hooks) = webhook();
    let routing = std::fs::read_to_string(root().join("deploy/alertmanager/alertmanager.yml"))
        .unwrap()
        .replace(
            "http://alert-webhook:9095",
            &format!("http://127.0.0.1:{hook_port}"),
        )
        .replace("group_wait: 10s", "group_wait: 1s")
        .replace("group_wait: 30s", "group_wait: 1s");
    std::fs::write(dir.join("alertmanager.yml"), routing).unwrap();
    let am_port = free_port();
    let am = Command::new(am_exe)
        .arg(format!(
            "--config.file={}",
            dir.join("alertmanager.yml").display()
        ))
        .arg(format!("--storage.path={}", dir.join("am").display()))
        .arg(format!("--web.listen-address=127.0.0.1:{am_port}"))
        .arg("--cluster.listen-address=")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _am = Proc(am);
    wait_http_ok(
        &format!("http://127.0.0.1:{am_port}/-/ready"),
        "alertmanager",
    );

    // The spec's rules with every `for` at 0s, so the drill fits in CI time (promtool's unit
    // tests cover the real hold times).
    let rules = dir.join("rules.yml");
    run_ok(
        bin()
            .args(["slo", "rules", "--alert-hold", "0s", "-o"])
            .arg(&rules),
    );

    // The server fails every API request through its fault injection (500 fault_injected,
    // counted in http_requests_total like any server error).
    let (_serve, addr) = serve(&dir, &[("FAULTS", "true"), ("FAULT_ERROR_RATE", "1")]);
    let (_prom, _url) = prometheus(&dir, &addr, &rules, Some(&format!("127.0.0.1:{am_port}")));
    std::thread::sleep(Duration::from_secs(2));
    let started = Instant::now();
    let client = reqwest::blocking::Client::new();
    let resume = std::fs::read(&pdf).unwrap();
    let mut failures = 0;
    let mut delivered = None;
    while started.elapsed() < Duration::from_secs(90) && delivered.is_none() {
        for _ in 0..5 {
            let form = reqwest::blocking::multipart::Form::new()
                .part(
                    "resume",
                    reqwest::blocking::multipart::Part::bytes(resume.clone()).file_name("cv.pdf"),
                )
                .text("job_text", "Rust engineer: Rust, PostgreSQL, Kubernetes.");
            // The server may answer before it has read the upload and close the connection;
            // the client then sees a send error, the server counted the 500.
            match client
                .post(format!("http://{addr}/api/v1/score"))
                .multipart(form)
                .send()
            {
                Ok(r) if r.status().is_server_error() => failures += 1,
                Ok(r) => panic!("expected an injected 500, got {}", r.status()),
                Err(_) => failures += 1,
            }
        }
        while let Ok((path, body)) = hooks.try_recv() {
            let v: serde_json::Value = serde_json::from_str(&body).unwrap();
            let names: Vec<&str> = v["alerts"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|a| a["labels"]["alertname"].as_str())
                .collect();
            if path == "/page"
                && v["status"] == "firing"
                && names.contains(&"AtscoreAvailabilityBudgetBurnPage")
            {
                delivered = Some((started.elapsed(), v));
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(failures > 0, "the server never answered 5xx");
    let (after, v) = delivered.expect("no page reached the webhook within 90 s");
    eprintln!("alert delivery: the page reached the webhook {after:?} after the first 5xx");
    let alert = v["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["labels"]["alertname"] == "AtscoreAvailabilityBudgetBurnPage")
        .unwrap();
    assert_eq!(alert["labels"]["severity"], "page");
    assert_eq!(alert["labels"]["service"], "atscore");
    assert!(alert["annotations"]["runbook"]
        .as_str()
        .unwrap()
        .starts_with("docs/slo.md#runbook-"));
    std::fs::remove_dir_all(&dir).ok();
}
