//! What the server's tests share that needs the server's insides (the generic parts — example
//! files, archives, clamd, Prometheus text, the skip policy — are in `atscore_testkit`): spawn
//! the real application in-process on a random loopback port over a fresh database — a
//! temporary SQLite file, or a scratch database on the PostgreSQL server of `ATSCORE_TEST_PG`
//! (`atscore_testkit::postgres`) — and talk HTTP to it. Under `CI=true` an unreachable
//! PostgreSQL fails the test; elsewhere the PostgreSQL variant is skipped with a message.

#![allow(dead_code)]

use atscore_server::infra::store::Store;
use atscore_server::state::AppState;
use atscore_server::Settings;
use sqlx::Connection;
use tokio::sync::oneshot;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A running application.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    /// The `API_KEY` setting the app was started with.
    pub key: String,
    pub store: Store,
    pub state: AppState,
    pub db: Db,
    stop: Option<oneshot::Sender<()>>,
    pub task: Option<tokio::task::JoinHandle<Result<(), atscore_server::startup::StartupError>>>,
    _dir: tempfile::TempDir,
}

/// The test API key.
pub const KEY: &str = "test-key-0123456789abcdef";

/// A fresh PostgreSQL database on the test server; `None` (skip) when unreachable outside CI.
pub async fn scratch_pg() -> Option<String> {
    let server = atscore_testkit::postgres::server_url();
    let mut conn = match sqlx::PgConnection::connect(&server).await {
        Ok(c) => c,
        Err(e) => {
            return atscore_testkit::policy::missing(format!(
                "PostgreSQL at {server} unreachable: {e}; run scripts/test"
            ))
        }
    };
    let name = format!("atscore_t_{}", hex::encode(rand::random::<[u8; 6]>()));
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("CREATE DATABASE");
    Some(atscore_testkit::postgres::database_url(&server, &name))
}

/// Settings for a test app (the key set, rate limit off); `tweak` adjusts them.
pub async fn spawn_with(db: Db, tweak: impl FnOnce(&mut Settings)) -> Option<TestApp> {
    let dir = tempfile::tempdir().unwrap();
    let database_url = match db {
        Db::Sqlite => format!("sqlite://{}", dir.path().join("t.db").display()),
        Db::Postgres => scratch_pg().await?,
    };
    let mut settings = Settings {
        database_url,
        api_key: Some(KEY.into()),
        rate_limit_per_minute: 0,
        ..Settings::default()
    };
    tweak(&mut settings);
    Some(start(settings, db, dir).await)
}

pub async fn spawn(db: Db) -> Option<TestApp> {
    spawn_with(db, |_| {}).await
}

async fn start(settings: Settings, db: Db, dir: tempfile::TempDir) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = atscore_server::startup::build(settings).await.unwrap();
    let (tx, rx) = oneshot::channel::<()>();
    let st = state.clone();
    let task = tokio::spawn(async move {
        atscore_server::startup::serve_state(listener, st, async {
            let _ = rx.await;
        })
        .await
    });
    TestApp {
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        key: KEY.into(),
        store: state.store().clone(),
        state,
        db,
        stop: Some(tx),
        task: Some(task),
        _dir: dir,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .get(self.url(path))
            .header("x-api-key", &self.key)
    }

    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .post(self.url(path))
            .header("x-api-key", &self.key)
    }

    pub fn patch(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .patch(self.url(path))
            .header("x-api-key", &self.key)
    }

    pub fn delete(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .delete(self.url(path))
            .header("x-api-key", &self.key)
    }

    /// The candidates of a job's ranking (`GET /api/v1/jobs/{id}/ranking{query}`, 200).
    pub async fn ranking(&self, id: &str, query: &str) -> Vec<serde_json::Value> {
        let r = self
            .get(&format!("/api/v1/jobs/{id}/ranking{query}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "ranking of job {id}{query}");
        let v: serde_json::Value = r.json().await.unwrap();
        v["candidates"].as_array().unwrap().clone()
    }

    /// The text of `GET /metrics`.
    pub async fn metrics_text(&self) -> String {
        self.client
            .get(self.url("/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Stop the server gracefully and wait for it.
    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.task.take() {
            t.await.unwrap().unwrap();
        }
    }
}

/// A browser-like client: cookies kept, redirects not followed (so they can be asserted).
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A multipart file part.
pub fn file(name: &str, bytes: Vec<u8>) -> reqwest::multipart::Part {
    reqwest::multipart::Part::bytes(bytes).file_name(name.to_string())
}

/// Assert a problem document with this status and code.
pub async fn problem(r: reqwest::Response, status: u16, code: &str) -> serde_json::Value {
    if r.status().as_u16() != status {
        let path = r.url().path().to_string();
        let got = r.status().as_u16();
        let body = r.text().await.unwrap_or_default();
        panic!("{path}: status {got}, expected {status} ({code}); body: {body}");
    }
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["code"], code, "{v}");
    assert_eq!(v["status"], status);
    assert!(v["detail"].as_str().is_some_and(|d| !d.is_empty()));
    v
}

/// Run a test body on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(super::support::Db::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(super::support::Db::Postgres).await
            }
        }
    };
}
