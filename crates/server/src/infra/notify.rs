//! systemd's notify protocol (`sd_notify`), without libsystemd: when the service manager sets
//! `NOTIFY_SOCKET`, the server says `READY=1` once it listens, `STOPPING=1` when it starts to
//! drain, and — when `WATCHDOG_USEC` is set (`WatchdogSec=` in the unit) — `WATCHDOG=1` every
//! half period from a task on the async runtime. A hung runtime stops the pings and systemd
//! restarts the process: a hang, not only a crash, is healed. Without `NOTIFY_SOCKET` (any
//! other supervisor) all of this is a no-op.

use std::os::unix::net::UnixDatagram;
use std::time::Duration;

/// Send one notification; false when there is no notify socket or sending failed.
pub fn notify(state: &str) -> bool {
    let Some(path) = std::env::var_os("NOTIFY_SOCKET") else {
        return false;
    };
    let Ok(socket) = UnixDatagram::unbound() else {
        return false;
    };
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str());
    match bytes.first() {
        // An abstract socket: `@name`.
        Some(b'@') => {
            #[cfg(target_os = "linux")]
            {
                use std::os::linux::net::SocketAddrExt;
                std::os::unix::net::SocketAddr::from_abstract_name(&bytes[1..])
                    .and_then(|addr| socket.send_to_addr(state.as_bytes(), &addr))
                    .is_ok()
            }
            #[cfg(not(target_os = "linux"))]
            false
        }
        Some(b'/') => socket.send_to(state.as_bytes(), &path).is_ok(),
        _ => false,
    }
}

/// The watchdog period systemd expects pings within, when it watches this process.
pub fn watchdog_period() -> Option<Duration> {
    let usec: u64 = std::env::var("WATCHDOG_USEC").ok()?.parse().ok()?;
    if let Ok(pid) = std::env::var("WATCHDOG_PID") {
        if pid.parse::<u32>().ok()? != std::process::id() {
            return None;
        }
    }
    (usec > 0).then(|| Duration::from_micros(usec))
}

/// Ping the watchdog every half period for as long as the runtime runs the task.
pub fn spawn_watchdog() -> Option<tokio::task::JoinHandle<()>> {
    let period = watchdog_period()?;
    std::env::var_os("NOTIFY_SOCKET")?;
    tracing::info!(
        "systemd watchdog: pinging every {} ms",
        (period / 2).as_millis()
    );
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(period / 2);
        loop {
            tick.tick().await;
            notify("WATCHDOG=1");
        }
    }))
}
