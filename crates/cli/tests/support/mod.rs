//! What the binary's integration tests share beyond `atscore_testkit`: the binary under test
//! (only a test of this package knows its path) and `atscore serve` set up for a test.

#![allow(dead_code)]

use std::process::Command;

/// The `atscore` binary built for this test run.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_atscore"))
}

/// `atscore serve` on a port of its choosing on loopback over `database_url`, open mode (no
/// `API_KEY` from the environment); start it with `atscore_testkit::serve::start_serve`.
pub fn serve_cmd(database_url: &str) -> Command {
    let mut cmd = bin();
    cmd.arg("serve")
        .env("BIND", "127.0.0.1:0")
        .env("DATABASE_URL", database_url)
        .env_remove("API_KEY");
    cmd
}

/// A SQLite URL for a database file in `dir`.
pub fn sqlite_url(dir: &std::path::Path, file: &str) -> String {
    format!("sqlite://{}", dir.join(file).display())
}
