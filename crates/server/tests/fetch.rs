//! Integration tests of the job-URL fetcher (`atscore_server::infra::fetch`) against loopback servers
//! started here: allowed fetches, SSRF refusals that provably never connect (a counting
//! listener stays at zero accepts), redirect re-validation, and the size, time, redirect and
//! status limits.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use atscore_server::infra::fetch::{FetchError, FetchPolicy, Fetcher, USER_AGENT};
use axum::body::{Body, Bytes};
use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;

/// Serves `app` on `ip:0` and returns the bound address.
async fn serve(ip: &str, app: Router) -> SocketAddr {
    let listener = TcpListener::bind((ip, 0)).await.expect("bind test server");
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// A listener on `ip:0` that accepts connections, counts them and never answers.
async fn counting_listener(ip: &str) -> (SocketAddr, Arc<AtomicUsize>) {
    let listener = TcpListener::bind((ip, 0))
        .await
        .expect("bind counting listener");
    let addr = listener.local_addr().unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&count);
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            held.push(stream); // keep it open, say nothing
        }
    });
    (addr, count)
}

/// Waits (up to a second) for `count` to reach `want`, for asserting a connection did happen.
async fn eventually(count: &AtomicUsize, want: usize) -> usize {
    for _ in 0..100 {
        if count.load(Ordering::SeqCst) >= want {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    count.load(Ordering::SeqCst)
}

fn policy(allow: &[&str]) -> FetchPolicy {
    FetchPolicy {
        timeout: Duration::from_secs(5),
        allow: allow.iter().map(|n| n.parse().unwrap()).collect(),
        ..FetchPolicy::default()
    }
}

fn app() -> Router {
    Router::new()
        .route(
            "/job",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    "<h1>Rust engineer</h1>",
                )
            }),
        )
        .route(
            "/echo-headers",
            get(|headers: HeaderMap| async move {
                format!(
                    "{}\n{}\n{}",
                    headers
                        .get(header::USER_AGENT)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default(),
                    headers
                        .get(header::ACCEPT)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default(),
                    headers.contains_key(header::COOKIE),
                )
            }),
        )
        .route("/missing", get(|| async { StatusCode::NOT_FOUND }))
        .route("/loop", get(|| async { redirect("/loop") }))
        .route(
            "/hop/{n}",
            get(|Path(n): Path<u32>| async move {
                if n == 0 {
                    "arrived".into_response()
                } else {
                    redirect(&format!("/hop/{}", n - 1))
                }
            }),
        )
        .route(
            "/slow-hop/{n}",
            get(|Path(n): Path<u32>| async move {
                tokio::time::sleep(Duration::from_millis(150)).await;
                if n == 0 {
                    "arrived".into_response()
                } else {
                    redirect(&format!("/slow-hop/{}", n - 1))
                }
            }),
        )
        .route(
            "/sized/{n}",
            get(|Path(n): Path<usize>| async move { vec![b'x'; n] }),
        )
        .route(
            "/chunked/{n}",
            get(|Path(n): Path<usize>| async move {
                let chunks = (0..n).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b'y'; 1024])));
                Response::new(Body::from_stream(futures_util::stream::iter(chunks)))
            }),
        )
}

fn redirect(to: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to.to_string())]).into_response()
}

fn code<T>(result: Result<T, FetchError>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

#[tokio::test]
async fn allowed_fetch_returns_bytes_content_type_and_sends_our_headers() {
    let addr = serve("127.0.0.2", app()).await;
    let fetcher = Fetcher::new(policy(&["127.0.0.2/32"]));

    let got = fetcher
        .fetch(&format!("http://{addr}/job"))
        .await
        .expect("fetch");
    assert_eq!(got.bytes, b"<h1>Rust engineer</h1>");
    assert_eq!(
        got.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(got.final_url, format!("http://{addr}/job"));

    let echoed = fetcher
        .fetch(&format!("http://{addr}/echo-headers"))
        .await
        .expect("fetch");
    let echoed = String::from_utf8(echoed.bytes).unwrap();
    let lines: Vec<&str> = echoed.lines().collect();
    assert_eq!(lines[0], USER_AGENT);
    assert!(USER_AGENT.starts_with("atscore/") && USER_AGENT.ends_with("(+job-description fetch)"));
    assert!(lines[1].starts_with("text/html"), "Accept: {}", lines[1]);
    assert!(lines[1].contains("text/plain") && lines[1].contains("application/pdf"));
    assert_eq!(lines[2], "false", "no cookies");
}

#[tokio::test]
async fn allowed_name_is_resolved_and_fetched() {
    let addr = serve("127.0.0.1", app()).await;
    let fetcher = Fetcher::new(policy(&["127.0.0.0/8", "::1/128"]));
    let got = fetcher
        .fetch(&format!("http://localhost:{}/job", addr.port()))
        .await
        .expect("fetch via localhost");
    assert_eq!(got.bytes, b"<h1>Rust engineer</h1>");
}

#[tokio::test]
async fn forbidden_targets_are_refused_without_connecting() {
    let (addr, accepted) = counting_listener("127.0.0.1").await;
    let port = addr.port();
    let fetcher = Fetcher::new(FetchPolicy {
        timeout: Duration::from_secs(2),
        ..FetchPolicy::default()
    });
    for url in [
        format!("http://127.0.0.1:{port}/"),
        format!("http://localhost:{port}/"),
        format!("http://[::1]:{port}/"),
        format!("http://[::ffff:127.0.0.1]:{port}/"),
        format!("http://10.0.0.1:{port}/"),
        format!("http://169.254.169.254:{port}/latest/meta-data/"),
        format!("http://0.0.0.0:{port}/"),
        format!("http://2130706433:{port}/"),
        format!("http://0x7f.1:{port}/"),
        format!("http://127.1:{port}/"),
        format!("https://127.0.0.1:{port}/"),
    ] {
        let err = fetcher.fetch(&url).await.expect_err(&url);
        assert_eq!(err.code(), "forbidden_address", "{url}: {err}");
        assert_eq!(err.status(), 422);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        0,
        "a refused URL connected"
    );

    // Control: the counter does see a connection when the address is allowed.
    let control = Fetcher::new(FetchPolicy {
        timeout: Duration::from_millis(300),
        allow: vec!["127.0.0.1/32".parse().unwrap()],
        ..FetchPolicy::default()
    });
    let err = control
        .fetch(&format!("http://127.0.0.1:{port}/"))
        .await
        .expect_err("the counting listener never answers");
    assert_eq!(err.code(), "timeout");
    assert_eq!(eventually(&accepted, 1).await, 1);
}

#[tokio::test]
async fn localhost_refusal_names_the_host_and_address() {
    let fetcher = Fetcher::new(FetchPolicy::default());
    match fetcher.fetch("http://localhost:9/").await {
        Err(FetchError::ForbiddenAddress { host, addr }) => {
            assert_eq!(host, "localhost");
            assert!(addr.is_loopback(), "{addr}");
        }
        other => panic!("expected ForbiddenAddress, got {other:?}"),
    }
}

/// A redirect from an allowed server to `host` (where a counting listener waits) is refused as
/// a forbidden address before any connection is made.
async fn redirect_is_refused_before_connecting(host: &'static str) {
    let (target, accepted) = counting_listener("127.0.0.1").await;
    let app = Router::new().route(
        "/go",
        get(move || async move { redirect(&format!("http://{host}:{}/", target.port())) }),
    );
    let addr = serve("127.0.0.2", app).await;
    let fetcher = Fetcher::new(policy(&["127.0.0.2/32"]));

    let err = fetcher
        .fetch(&format!("http://{addr}/go"))
        .await
        .expect_err(&format!("redirect to {host}"));
    assert_eq!(err.code(), "forbidden_address", "{err}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(accepted.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn redirect_to_forbidden_address_is_refused_before_connecting() {
    redirect_is_refused_before_connecting("127.0.0.1").await;
}

#[tokio::test]
async fn redirect_to_localhost_name_is_refused_before_connecting() {
    redirect_is_refused_before_connecting("localhost").await;
}

/// A redirect to any of the forbidden kinds of address — IPv6 loopback, a private network,
/// the cloud metadata address — is refused at once: the hop is checked before any connection
/// (a connection attempt to 10.0.0.1 or 169.254.169.254 would only end at the time limit here).
#[tokio::test]
async fn redirects_to_every_forbidden_kind_are_refused_before_connecting() {
    let v6 = TcpListener::bind("[::1]:0").await.ok();
    let (v6_port, v6_accepted) = match v6 {
        Some(l) => {
            let port = l.local_addr().unwrap().port();
            let n = Arc::new(AtomicUsize::new(0));
            let counter = n.clone();
            tokio::spawn(async move {
                while let Ok((sock, _)) = l.accept().await {
                    counter.fetch_add(1, Ordering::SeqCst);
                    std::mem::forget(sock);
                }
            });
            (port, Some(n))
        }
        None => (9, None), // no IPv6 loopback here: the refusal is still checked
    };
    let targets = [
        format!("http://[::1]:{v6_port}/"),
        "http://10.0.0.1/".to_string(),
        "http://10.255.255.254:8080/x".to_string(),
        "http://169.254.169.254/latest/meta-data/iam/".to_string(),
    ];
    let app = Router::new().route(
        "/go/{n}",
        get({
            let targets = targets.clone();
            move |Path(n): Path<usize>| {
                let to = targets[n].clone();
                async move { redirect(&to) }
            }
        }),
    );
    let addr = serve("127.0.0.2", app).await;
    let fetcher = Fetcher::new(FetchPolicy {
        timeout: Duration::from_secs(5),
        ..policy(&["127.0.0.2/32"])
    });
    for (n, target) in targets.iter().enumerate() {
        let t = Instant::now();
        let err = fetcher
            .fetch(&format!("http://{addr}/go/{n}"))
            .await
            .expect_err(target);
        assert_eq!(
            err.code(),
            "forbidden_address",
            "redirect to {target}: {err}"
        );
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "redirect to {target} refused at once, not after a connection attempt: {:?}",
            t.elapsed()
        );
    }
    if let Some(n) = v6_accepted {
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(
            n.load(Ordering::SeqCst),
            0,
            "the [::1] listener was never reached"
        );
    }
}

#[tokio::test]
async fn redirect_to_other_scheme_is_invalid() {
    let app = Router::new().route("/go", get(|| async { redirect("ftp://127.0.0.2/x") }));
    let addr = serve("127.0.0.2", app).await;
    let fetcher = Fetcher::new(policy(&["127.0.0.2/32"]));
    assert_eq!(
        code(fetcher.fetch(&format!("http://{addr}/go")).await),
        "invalid_url"
    );
}

#[tokio::test]
async fn relative_redirects_are_followed_up_to_the_limit() {
    let addr = serve("127.0.0.2", app()).await;
    let fetcher = Fetcher::new(FetchPolicy {
        max_redirects: 3,
        ..policy(&["127.0.0.2/32"])
    });

    let got = fetcher
        .fetch(&format!("http://{addr}/hop/3"))
        .await
        .expect("3 redirects are allowed");
    assert_eq!(got.bytes, b"arrived");
    assert_eq!(got.final_url, format!("http://{addr}/hop/0"));

    let err = fetcher
        .fetch(&format!("http://{addr}/hop/4"))
        .await
        .expect_err("4 redirects are too many");
    assert_eq!(err.code(), "too_many_redirects");
    assert_eq!(err.status(), 502);

    assert_eq!(
        code(fetcher.fetch(&format!("http://{addr}/loop")).await),
        "too_many_redirects"
    );
}

#[tokio::test]
async fn bodies_over_the_limit_are_too_large() {
    let addr = serve("127.0.0.2", app()).await;
    let fetcher = Fetcher::new(FetchPolicy {
        max_bytes: 4096,
        ..policy(&["127.0.0.2/32"])
    });

    // With Content-Length: exactly the limit is fine, one more byte is not.
    let got = fetcher
        .fetch(&format!("http://{addr}/sized/4096"))
        .await
        .expect("at the limit");
    assert_eq!(got.bytes.len(), 4096);
    let err = fetcher
        .fetch(&format!("http://{addr}/sized/4097"))
        .await
        .expect_err("over the limit");
    assert!(matches!(err, FetchError::TooLarge(4096)), "{err:?}");
    assert_eq!(err.status(), 422);

    // Chunked, no Content-Length: counted while streaming.
    let got = fetcher
        .fetch(&format!("http://{addr}/chunked/4"))
        .await
        .expect("4 KiB chunked");
    assert_eq!(got.bytes.len(), 4096);
    assert_eq!(
        code(fetcher.fetch(&format!("http://{addr}/chunked/5")).await),
        "too_large"
    );
    assert_eq!(
        code(fetcher.fetch(&format!("http://{addr}/chunked/10000")).await),
        "too_large"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_within_the_limit() {
    let (addr, accepted) = counting_listener("127.0.0.2").await;
    let fetcher = Fetcher::new(FetchPolicy {
        timeout: Duration::from_millis(500),
        ..policy(&["127.0.0.2/32"])
    });
    let started = Instant::now();
    let err = fetcher
        .fetch(&format!("http://{addr}/"))
        .await
        .expect_err("silent server");
    let elapsed = started.elapsed();
    assert_eq!(err.code(), "timeout");
    assert_eq!(err.status(), 504);
    assert!(elapsed >= Duration::from_millis(450), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
    assert_eq!(eventually(&accepted, 1).await, 1);
}

#[tokio::test]
async fn the_time_limit_covers_all_hops() {
    let addr = serve("127.0.0.2", app()).await;
    let fetcher = Fetcher::new(FetchPolicy {
        timeout: Duration::from_millis(500),
        ..policy(&["127.0.0.2/32"])
    });
    // Each hop takes 150 ms, well under the limit; five of them do not fit.
    let started = Instant::now();
    assert_eq!(
        code(fetcher.fetch(&format!("http://{addr}/slow-hop/4")).await),
        "timeout"
    );
    assert!(started.elapsed() < Duration::from_millis(1500));
}

#[tokio::test]
async fn non_success_status_is_upstream_status() {
    let addr = serve("127.0.0.2", app()).await;
    let fetcher = Fetcher::new(policy(&["127.0.0.2/32"]));
    let err = fetcher
        .fetch(&format!("http://{addr}/missing"))
        .await
        .expect_err("404");
    assert_eq!(err, FetchError::Status(404));
    assert_eq!(err.code(), "upstream_status");
    assert_eq!(err.status(), 502);
}

#[tokio::test]
async fn refused_connection_is_unreachable() {
    // Bind, note the port, close: nothing listens there any more.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.2:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let fetcher = Fetcher::new(policy(&["127.0.0.2/32"]));
    let err = fetcher
        .fetch(&format!("http://127.0.0.2:{port}/"))
        .await
        .expect_err("closed port");
    assert_eq!(err.code(), "unreachable", "{err}");
    assert_eq!(err.status(), 502);
}

#[tokio::test]
async fn unknown_host_is_unresolvable() {
    // `.invalid` never resolves (RFC 6761).
    let fetcher = Fetcher::new(FetchPolicy::default());
    let err = fetcher
        .fetch("http://no-such-host.invalid/job")
        .await
        .expect_err("no such host");
    assert_eq!(err.code(), "unresolvable", "{err}");
    assert_eq!(err.status(), 422);
}

#[tokio::test]
async fn bad_urls_are_invalid() {
    let fetcher = Fetcher::new(policy(&["127.0.0.0/8"]));
    for url in [
        "ftp://example.com/job.txt",
        "file:///etc/passwd",
        "http://user:pw@127.0.0.2/",
        "http://user:pw@example.com/",
        "http://user@example.com/",
        "not a url",
        "/relative/path",
        "http://",
    ] {
        let err = fetcher.fetch(url).await.expect_err(url);
        assert_eq!(err.code(), "invalid_url", "{url}: {err}");
        assert_eq!(err.status(), 422);
    }
}
