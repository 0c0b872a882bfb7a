//! What supervisors rely on, against the real binary: `atscore healthcheck` (Docker's
//! HEALTHCHECK) tells a live server from a dead one, and under systemd (`NOTIFY_SOCKET`,
//! `WATCHDOG_USEC`) the server says READY=1, pings the watchdog while it runs, stops pinging
//! while it is frozen (so systemd restarts a hang), and says STOPPING=1 on SIGTERM.

mod support;

use std::os::unix::net::UnixDatagram;
use std::process::Command;
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_atscore"))
}

fn signal(pid: u32, sig: &str) {
    assert!(Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap()
        .success());
}

/// Datagrams received within `within`.
fn drain(sock: &UnixDatagram, within: Duration) -> Vec<String> {
    let deadline = Instant::now() + within;
    let mut got = Vec::new();
    let mut buf = [0u8; 256];
    while Instant::now() < deadline {
        sock.set_read_timeout(Some(
            deadline
                .saturating_duration_since(Instant::now())
                .max(Duration::from_millis(1)),
        ))
        .unwrap();
        match sock.recv(&mut buf) {
            Ok(n) => got.push(String::from_utf8_lossy(&buf[..n]).into_owned()),
            Err(_) => break,
        }
    }
    got
}

#[test]
fn healthcheck_and_the_systemd_watchdog() {
    let tmp = std::env::temp_dir().join(format!("atscore-sup-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let sock_path = tmp.join("notify.sock");
    let _ = std::fs::remove_file(&sock_path);
    let sock = UnixDatagram::bind(&sock_path).unwrap();

    let mut cmd = bin();
    cmd.arg("serve")
        .env("BIND", "127.0.0.1:0")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", tmp.join("s.db").display()),
        )
        .env("NOTIFY_SOCKET", &sock_path)
        .env("WATCHDOG_USEC", "200000")
        .env_remove("WATCHDOG_PID")
        .env_remove("API_KEY");
    let (mut child, addr) = support::start_serve(cmd);
    let pid = child.id();

    // READY=1 first, then pings every ~100 ms.
    let first = drain(&sock, Duration::from_millis(600));
    assert_eq!(
        first.first().map(String::as_str),
        Some("READY=1"),
        "{first:?}"
    );
    let pings = first.iter().filter(|m| *m == "WATCHDOG=1").count();
    assert!(pings >= 3, "{first:?}");

    // healthcheck: healthy server → 0; an explicit readiness URL works too.
    let out = bin()
        .args(["healthcheck", "--url", &format!("http://{addr}/healthz")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = bin()
        .args(["healthcheck", "--url", &format!("http://{addr}/readyz")])
        .output()
        .unwrap();
    assert!(out.status.success());
    // the default URL is /healthz on BIND (a wildcard is asked on loopback)
    let port = addr.rsplit(':').next().unwrap();
    let out = bin()
        .arg("healthcheck")
        .env("BIND", format!("0.0.0.0:{port}"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // a path that is not 2xx → 1
    let out = bin()
        .args(["healthcheck", "--url", &format!("http://{addr}/nope")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));

    // Frozen (a hang): no pings, and the healthcheck fails within its timeout.
    signal(pid, "-STOP");
    let _ = drain(&sock, Duration::from_millis(100)); // anything sent just before the stop
    let frozen = drain(&sock, Duration::from_millis(600));
    assert!(frozen.is_empty(), "pings while frozen: {frozen:?}");
    let t = Instant::now();
    let out = bin()
        .args([
            "healthcheck",
            "--timeout",
            "0.5",
            "--url",
            &format!("http://{addr}/healthz"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a hung server is unhealthy");
    assert!(t.elapsed() < Duration::from_secs(3));
    signal(pid, "-CONT");
    let thawed = drain(&sock, Duration::from_millis(600));
    assert!(thawed.iter().any(|m| m == "WATCHDOG=1"), "{thawed:?}");

    // SIGTERM: STOPPING=1, exit 0.
    signal(pid, "-TERM");
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let last = drain(&sock, Duration::from_millis(200));
    assert!(last.iter().any(|m| m == "STOPPING=1"), "{last:?}");

    // Nothing listens any more → 1.
    let out = bin()
        .args(["healthcheck", "--url", &format!("http://{addr}/healthz")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(&tmp).ok();
}
