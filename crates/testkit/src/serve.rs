//! Child processes of the tests: `atscore serve` started on a port it picks (its address read
//! from the one line it prints on stderr, the rest of its log drained so it never blocks on a
//! full pipe), free loopback ports for tools that need one named, children killed when
//! dropped, and the JSON a command printed.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::process::{Child, Command, Output, Stdio};

/// Spawn a prepared `atscore serve` command (its settings already in `cmd`, `BIND` on port
/// 0); the child and the address it listens on (`127.0.0.1:PORT`).
pub fn start_serve(mut cmd: Command) -> (Child, String) {
    let mut child = cmd
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn atscore serve");
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = err.read_to_end(&mut sink);
    });
    (child, addr)
}

/// A loopback port free a moment ago, for a program that must be told its port (prefer
/// binding port 0 where the program reports the port it got).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A child process killed (and reaped) when dropped.
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The JSON a command printed on stdout (a panic showing stdout and stderr otherwise).
pub fn json_stdout(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}
