//! `atscore chaos proxy` against a loopback echo server: latency lands on the way back once per
//! exchange (not once per chunk), resets refuse connections, bandwidth caps throughput, and the
//! proxy exits by itself when its duration is over.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Stdio;
use std::time::{Duration, Instant};

use atscore_testkit::serve::{free_port, KillOnDrop};

/// An echo server on a free loopback port (one thread per connection).
fn echo() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming().flatten() {
            std::thread::spawn(move || {
                let mut s = s;
                let mut buf = [0u8; 4096];
                while let Ok(n) = s.read(&mut buf) {
                    if n == 0 || s.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
            });
        }
    });
    port
}

/// A running proxy (killed when dropped) and its port.
struct Proxy(KillOnDrop, u16);

fn proxy(upstream: u16, extra: &[&str]) -> Proxy {
    let port = free_port();
    let mut child = support::bin()
        .args(["chaos", "proxy", "--listen", &format!("127.0.0.1:{port}")])
        .args(["--upstream", &format!("127.0.0.1:{upstream}")])
        .args(extra)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("chaos proxy on"), "{line}");
    Proxy(KillOnDrop(child), port)
}

/// Send `msg` and read the same number of bytes back; the round-trip time.
fn exchange(port: u16, msg: &[u8]) -> std::io::Result<Duration> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    let t = Instant::now();
    s.write_all(msg)?;
    let mut back = vec![0u8; msg.len()];
    s.read_exact(&mut back)?;
    assert_eq!(back, msg);
    Ok(t.elapsed())
}

#[test]
fn latency_applies_once_per_exchange_and_order_is_kept() {
    let up = echo();
    let p = proxy(
        up,
        &[
            "--latency-ms",
            "150",
            "--jitter-ms",
            "20",
            "--duration-s",
            "30",
        ],
    );
    for _ in 0..3 {
        let rtt = exchange(p.1, b"hello through the proxy").unwrap();
        assert!(rtt >= Duration::from_millis(150), "{rtt:?}");
        assert!(rtt < Duration::from_millis(600), "{rtt:?}");
    }
    // A large message comes back in many chunks, all in order, delayed once overall.
    let big: Vec<u8> = (0..64_000u32).map(|i| (i % 251) as u8).collect();
    let rtt = exchange(p.1, &big).unwrap();
    assert!(rtt < Duration::from_secs(2), "{rtt:?}");
}

#[test]
fn resets_bandwidth_and_the_time_limit() {
    let up = echo();
    let p = proxy(up, &["--reset-rate", "1", "--duration-s", "30"]);
    assert!(exchange(p.1, b"x").is_err(), "every connection is reset");
    drop(p);

    // 400 kbit/s: 40 KB take about 0.8 s to come back.
    let p = proxy(up, &["--bandwidth-kbps", "400", "--duration-s", "30"]);
    let data = vec![7u8; 40_000];
    let rtt = exchange(p.1, &data).unwrap();
    assert!(rtt >= Duration::from_millis(600), "{rtt:?}");
    drop(p);

    let mut p = proxy(up, &["--duration-s", "1"]);
    let t = Instant::now();
    let status = p.0 .0.wait().unwrap();
    assert!(status.success());
    assert!(t.elapsed() < Duration::from_secs(3));
    let out = support::bin()
        .args([
            "chaos",
            "proxy",
            "--listen",
            "127.0.0.1:0",
            "--upstream",
            "127.0.0.1:9",
        ])
        .args(["--reset-rate", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("reset-rate"));
    let _ = p.1;
}
