//! `atscore chaos proxy`: a TCP fault proxy for chaos drills, like Toxiproxy — this kernel has
//! no `tc netem`, so latency, jitter, bandwidth limits and connection resets come from a
//! process in the path. Each chunk is delayed relative to its *arrival* (a response written in
//! two chunks is not delayed twice) and order is kept. Latency and bandwidth apply to the data
//! flowing back to the client (Toxiproxy's downstream toxics), so a request/response exchange
//! takes `latency` (+ up to `jitter`) longer. The proxy stops by itself after `--duration-s`.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;

#[derive(clap::Args, Debug)]
pub struct ChaosArgs {
    #[command(subcommand)]
    pub action: ChaosAction,
}

#[derive(clap::Subcommand, Debug)]
pub enum ChaosAction {
    /// Forward TCP from --listen to --upstream with injected latency, jitter, bandwidth
    /// limits and resets.
    Proxy(ProxyArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct ProxyArgs {
    /// Where clients connect (loopback or an address of your own network namespace).
    #[arg(long, value_name = "ADDR")]
    pub listen: SocketAddr,
    /// The server behind the proxy.
    #[arg(long, value_name = "ADDR")]
    pub upstream: SocketAddr,
    /// Delay added to the data flowing back to the client, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Up to this much more delay, uniformly at random per chunk, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub jitter_ms: u64,
    /// Share of new connections reset at once (TCP RST), in [0, 1].
    #[arg(long, default_value_t = 0.0)]
    pub reset_rate: f64,
    /// Bandwidth of the data flowing back to the client, in kilobits per second (0 = no limit).
    #[arg(long, default_value_t = 0)]
    pub bandwidth_kbps: u64,
    /// Stop after this many seconds (the proxy never runs unbounded).
    #[arg(long, default_value_t = 60)]
    pub duration_s: u64,
}

pub fn run(args: ChaosArgs) -> ExitCode {
    let ChaosAction::Proxy(p) = args.action;
    if !(0.0..=1.0).contains(&p.reset_rate) {
        eprintln!(
            "error: --reset-rate {} is not between 0 and 1",
            p.reset_rate
        );
        return ExitCode::from(2);
    }
    if p.duration_s == 0 || p.duration_s > 24 * 3600 {
        eprintln!("error: --duration-s must be between 1 and 86400");
        return ExitCode::from(2);
    }
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match rt.block_on(proxy(p)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

async fn proxy(p: ProxyArgs) -> std::io::Result<()> {
    let listener = TcpListener::bind(p.listen).await?;
    eprintln!(
        "chaos proxy on {} → {} (latency {} ms, jitter {} ms, resets {}, bandwidth {} kbit/s) for {} s",
        listener.local_addr()?,
        p.upstream,
        p.latency_ms,
        p.jitter_ms,
        p.reset_rate,
        p.bandwidth_kbps,
        p.duration_s
    );
    let stop = tokio::time::sleep(Duration::from_secs(p.duration_s));
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => {
                eprintln!("chaos proxy: duration over, stopping");
                return Ok(());
            }
            accepted = listener.accept() => {
                let (client, _) = match accepted {
                    Ok(c) => c,
                    Err(_) => continue,
                };
                let p = p.clone();
                tokio::spawn(async move {
                    let _ = connection(client, p).await;
                });
            }
        }
    }
}

async fn connection(client: TcpStream, p: ProxyArgs) -> std::io::Result<()> {
    if p.reset_rate > 0.0 && rand_unit() < p.reset_rate {
        client.set_zero_linger()?;
        drop(client); // closing with SO_LINGER 0 sends RST
        return Ok(());
    }
    let upstream = TcpStream::connect(p.upstream).await?;
    let _ = client.set_nodelay(true);
    let _ = upstream.set_nodelay(true);
    let (cr, cw) = client.into_split();
    let (ur, uw) = upstream.into_split();
    let up = tokio::spawn(pump(cr, uw, 0, 0, 0));
    let down = pump(ur, cw, p.latency_ms, p.jitter_ms, p.bandwidth_kbps).await;
    let _ = up.await;
    down
}

/// Copy one direction: chunks are stamped on arrival and written once due, in order.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    latency_ms: u64,
    jitter_ms: u64,
    bandwidth_kbps: u64,
) -> std::io::Result<()> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<(Instant, Vec<u8>)>(256);
    let reader = tokio::spawn(async move {
        let mut buf = vec![0u8; 16 * 1024];
        let mut last_due = Instant::now();
        loop {
            let n = match from.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let jitter = if jitter_ms > 0 {
                (rand_unit() * jitter_ms as f64) as u64
            } else {
                0
            };
            // Never before the previous chunk: jitter must not reorder the stream.
            let due = (Instant::now() + Duration::from_millis(latency_ms + jitter)).max(last_due);
            last_due = due;
            if tx.send((due, buf[..n].to_vec())).await.is_err() {
                break;
            }
        }
    });
    while let Some((due, chunk)) = rx.recv().await {
        tokio::time::sleep_until(due).await;
        if bandwidth_kbps > 0 {
            // A chunk leaves once it has "crossed the link": its transmission time first, so
            // the last byte arrives total / bandwidth after the first, as on a slow link.
            let secs = chunk.len() as f64 * 8.0 / (bandwidth_kbps as f64 * 1000.0);
            tokio::time::sleep(Duration::from_secs_f64(secs)).await;
        }
        to.write_all(&chunk).await?;
    }
    let _ = to.shutdown().await;
    let _ = reader.await;
    Ok(())
}

/// A uniform number in [0, 1) from the standard library's randomly keyed hasher (no rand
/// dependency in the CLI).
fn rand_unit() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}
