//! A real clamd for the tests: Debian's `clamav-daemon` started on a free loopback port with a
//! signature database of our own (no download): the EICAR test file by hash (`.hdb`) and its
//! body (`.ndb`, which also finds it inside ZIP/DOCX, since clamd unpacks archives). clamd's
//! `StreamMaxLength` is 1 MiB so a test can hit its own size refusal. The EICAR string is put
//! together at run time so no scanner flags this repository. Without clamd the caller skips,
//! except under CI=true, where it is a failure (`scripts/test` installs it): the policy of
//! [`crate::policy`].

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The EICAR anti-virus test file (68 bytes), assembled at run time.
pub fn eicar() -> Vec<u8> {
    let halves = [
        "X5O!P%@AP[4\\PZX54(P^)7CC)7}$",
        "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*",
    ];
    halves.concat().into_bytes()
}

/// MD5 of the EICAR test file.
pub const EICAR_MD5: &str = "44d88612fea8a8f36de82e1278abb02f";

/// A running clamd, stopped when dropped.
pub struct Clamd {
    child: Child,
    pub port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Clamd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Clamd {
    /// `tcp://127.0.0.1:PORT`.
    pub fn address(&self) -> String {
        format!("tcp://127.0.0.1:{}", self.port)
    }
}

/// Start clamd, or None (with a SKIP line) where it is not installed and CI is not set.
pub fn start() -> Option<Clamd> {
    let exe = crate::policy::require_tool(&["clamd"], None)?;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    std::fs::create_dir_all(&db).unwrap();
    // `.hdb`: MD5:size:name of the whole file (the well-known hash of EICAR's 68 bytes).
    std::fs::write(
        db.join("atscore-test.hdb"),
        format!("{EICAR_MD5}:{}:Atscore-Test-EICAR\n", eicar().len()),
    )
    .unwrap();
    let body: String = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    std::fs::write(
        db.join("atscore-test.ndb"),
        format!("Atscore.Test.EICAR-Body:0:*:{body}\n"),
    )
    .unwrap();
    // Another test process may take the free port between this choice and clamd's bind; then
    // this clamd exits and PING would reach the other test's clamd, which goes away with that
    // test. So PING must be answered while our own child is still running; else a new port.
    for _ in 0..5 {
        if let Some((child, port)) = launch(&exe, &dir, &db) {
            return Some(Clamd {
                child,
                port,
                _dir: dir,
            });
        }
    }
    panic!("clamd did not start on a free port in 5 attempts");
}

/// Starts clamd on a new free port: its child and port once it answers PING, or None when it
/// exited (the port was taken).
fn launch(
    exe: &std::path::Path,
    dir: &tempfile::TempDir,
    db: &std::path::Path,
) -> Option<(Child, u16)> {
    let port = crate::serve::free_port();
    let conf = dir.path().join("clamd.conf");
    std::fs::write(
        &conf,
        format!(
            "DatabaseDirectory {}\nTCPSocket {port}\nTCPAddr 127.0.0.1\nForeground yes\n\
             StreamMaxLength 1M\nMaxFileSize 1M\nMaxScanSize 4M\nMaxThreads 2\nLogFile {}\n",
            db.display(),
            dir.path().join("clamd.log").display()
        ),
    )
    .unwrap();
    let log = dir.path().join("clamd.log");
    let _ = std::fs::remove_file(&log);
    let mut child = Command::new(exe)
        .arg(format!("--config-file={}", conf.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Our own clamd bound the port ("TCP: Bound to [127.0.0.1]:PORT" in its log).
    let bound = || {
        std::fs::read_to_string(&log)
            .is_ok_and(|l| l.contains("Bound to") && l.contains(&format!(":{port}")))
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if child.try_wait().ok().flatten().is_some() {
            return None; // exited: the port was taken
        }
        if bound() && ping(port) {
            return Some((child, port));
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            panic!("clamd did not answer PING within 30 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn ping(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"zPING\0").is_err() {
        return false;
    }
    let mut buf = [0u8; 16];
    matches!(s.read(&mut buf), Ok(n) if buf[..n].starts_with(b"PONG"))
}
