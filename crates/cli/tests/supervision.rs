//! What supervisors rely on, against the real binary: `atscore healthcheck` (Docker's
//! HEALTHCHECK) tells a live server from a dead one, and under systemd (`NOTIFY_SOCKET`,
//! `WATCHDOG_USEC`) the server says READY=1, pings the watchdog while it runs, stops pinging
//! while it is frozen (so systemd restarts a hang), and says STOPPING=1 on SIGTERM.

mod support;

use std::os::unix::net::UnixDatagram;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use atscore_testkit::serve::start_serve;
use support::{bin, serve_cmd, sqlite_url};

/// `atscore healthcheck ARGS` (with `BIND` set when given).
fn healthcheck(args: &[&str], bind: Option<&str>) -> Output {
    let mut cmd = bin();
    cmd.arg("healthcheck").args(args);
    if let Some(b) = bind {
        cmd.env("BIND", b);
    }
    cmd.output().unwrap()
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

    let mut cmd = serve_cmd(&sqlite_url(&tmp, "s.db"));
    cmd.env("NOTIFY_SOCKET", &sock_path)
        .env("WATCHDOG_USEC", "200000")
        .env_remove("WATCHDOG_PID");
    let (mut child, addr) = start_serve(cmd);
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

    // healthcheck: healthy server → 0, with an explicit URL (liveness or readiness) or the
    // default /healthz on BIND (a wildcard is asked on loopback); a path that is not 2xx → 1.
    let port = addr.rsplit(':').next().unwrap();
    let (healthz, readyz, nope) = (
        format!("http://{addr}/healthz"),
        format!("http://{addr}/readyz"),
        format!("http://{addr}/nope"),
    );
    let wildcard = format!("0.0.0.0:{port}");
    for (args, bind, code) in [
        (vec!["--url", healthz.as_str()], None, 0),
        (vec!["--url", readyz.as_str()], None, 0),
        (vec![], Some(wildcard.as_str()), 0),
        (vec!["--url", nope.as_str()], None, 1),
    ] {
        let out = healthcheck(&args, bind);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?} BIND={bind:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // Frozen (a hang): no pings, and the healthcheck fails within its timeout.
    signal(pid, "-STOP");
    let _ = drain(&sock, Duration::from_millis(100)); // anything sent just before the stop
    let frozen = drain(&sock, Duration::from_millis(600));
    assert!(frozen.is_empty(), "pings while frozen: {frozen:?}");
    let t = Instant::now();
    let out = healthcheck(&["--timeout", "0.5", "--url", &healthz], None);
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
    let out = healthcheck(&["--url", &healthz], None);
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(&tmp).ok();
}
