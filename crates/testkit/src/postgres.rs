//! The PostgreSQL server the tests use: `ATSCORE_TEST_PG`, default
//! `postgres://postgres@127.0.0.1:5432/test` (`scripts/test` starts it). The tests make their
//! own scratch databases there; whether it is reachable is the caller's check, under
//! [`crate::policy::missing`].

/// The test server's URL.
pub fn server_url() -> String {
    std::env::var("ATSCORE_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// The URL of database `name` on the server of `server` (its database name replaced).
pub fn database_url(server: &str, name: &str) -> String {
    let base = server.rsplit_once('/').map_or(server, |(b, _)| b);
    format!("{base}/{name}")
}
