//! Durability: an upload the server accepted (201) survives `kill -9` the very next instant, on
//! SQLite (WAL, synchronous=NORMAL: a commit is in the WAL file before the answer) and on
//! PostgreSQL. The real binary is killed right after each answer and started again on the same
//! database; every accepted candidate must be in the ranking.

mod support;

use std::process::{Child, Command};

use atscore_testkit::examples::{example, example_text};
use atscore_testkit::serve::start_serve;
use atscore_testkit::{policy, postgres};

const KEY: &str = "durability-key-0123456789";

fn serve(database_url: &str) -> (Child, String) {
    let mut cmd = support::serve_cmd(database_url);
    cmd.env("API_KEY", KEY)
        .env("LOG_LEVEL", "warn")
        .env("RATE_LIMIT_PER_MINUTE", "0");
    start_serve(cmd)
}

fn kill9(mut child: Child) {
    assert!(Command::new("kill")
        .args(["-KILL", &child.id().to_string()])
        .status()
        .unwrap()
        .success());
    let _ = child.wait();
}

fn accepted_uploads_survive_kill_9(database_url: &str) {
    let client = reqwest::blocking::Client::new();
    let job = example_text("jobs/platform-engineer.md");
    let resume = example("resumes/alex-experienced.md");

    let (child, addr) = serve(database_url);
    let r = client
        .post(format!("http://{addr}/api/v1/jobs"))
        .header("x-api-key", KEY)
        .json(&serde_json::json!({"description": job}))
        .send()
        .unwrap();
    assert_eq!(r.status(), 201);
    let job_id = r.json::<serde_json::Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut child = Some(child);
    let mut addr = addr;
    let mut accepted = Vec::new();
    for round in 0..4 {
        let form = reqwest::blocking::multipart::Form::new().part(
            "files",
            reqwest::blocking::multipart::Part::bytes(resume.clone())
                .file_name(format!("cv-{round}.md")),
        );
        let r = client
            .post(format!("http://{addr}/api/v1/jobs/{job_id}/candidates"))
            .header("x-api-key", KEY)
            .multipart(form)
            .send()
            .unwrap();
        assert_eq!(r.status(), 201);
        let body: serde_json::Value = r.json().unwrap();
        for c in body["added"].as_array().unwrap() {
            accepted.push(c["id"].as_str().unwrap().to_string());
        }
        // The next instant: SIGKILL, no shutdown of any kind.
        kill9(child.take().unwrap());
        let (c, a) = serve(database_url);
        child = Some(c);
        addr = a;
        let ranking: serde_json::Value = client
            .get(format!("http://{addr}/api/v1/jobs/{job_id}/ranking"))
            .header("x-api-key", KEY)
            .send()
            .unwrap()
            .json()
            .unwrap();
        let ids: Vec<&str> = ranking["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["id"].as_str())
            .collect();
        for id in &accepted {
            assert!(
                ids.contains(&id.as_str()),
                "round {round}: {id} lost after kill -9"
            );
        }
        assert_eq!(ids.len(), accepted.len());
    }
    kill9(child.take().unwrap());
}

#[test]
fn sqlite() {
    let dir = std::env::temp_dir().join(format!("atscore-durable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    accepted_uploads_survive_kill_9(&format!("sqlite://{}", dir.join("d.db").display()));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn postgres() {
    let server = postgres::server_url();
    let name = format!("atscore_durable_{}", std::process::id());
    let created = Command::new("psql")
        .args([
            "-X",
            "-q",
            &server,
            "-c",
            &format!("CREATE DATABASE {name}"),
        ])
        .output();
    match created {
        Ok(out) if out.status.success() => {}
        other => {
            let _: Option<()> =
                policy::missing(format!("PostgreSQL at {server} unusable: {other:?}"));
            return;
        }
    }
    accepted_uploads_survive_kill_9(&postgres::database_url(&server, &name));
    let _ = Command::new("psql")
        .args([
            "-X",
            "-q",
            &server,
            "-c",
            &format!("DROP DATABASE {name} WITH (FORCE)"),
        ])
        .output();
}
