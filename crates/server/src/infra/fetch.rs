//! Fetching a job description from a URL (`job_url`) without becoming an SSRF proxy.
//!
//! [`Fetcher::fetch`] downloads one document under a [`FetchPolicy`]:
//!
//! - only `http` and `https`, no userinfo (`user:pw@`) in the URL, any port;
//! - every address the host resolves to must be public ([`is_forbidden`] is false) or inside
//!   [`FetchPolicy::allow`]; if **any** address is refused the whole fetch is refused;
//! - the vetting happens in the client's own DNS resolver, and the client connects only to the
//!   addresses that resolver vetted, so a name that re-resolves to `127.0.0.1` between the check
//!   and the connection (DNS rebinding) cannot slip through; IP-literal hosts never reach a
//!   resolver, so they are checked before the request is sent (the `url` crate has already turned
//!   `2130706433` and `0x7f.1` into `127.0.0.1`);
//! - redirects are followed here, not by reqwest, up to [`FetchPolicy::max_redirects`], and each
//!   `Location` (resolved against the current URL) is validated like the first URL before any
//!   connection is made to it;
//! - the body is limited to [`FetchPolicy::max_bytes`] (refused early from `Content-Length`, and
//!   counted while streaming for chunked bodies); [`FetchPolicy::timeout`] bounds the whole
//!   fetch, all hops and the body included;
//! - no cookies, no proxy from the environment, no compression, no `Referer`; the User-Agent is
//!   [`USER_AGENT`].
//!
//! Errors carry a stable [`FetchError::code`] and an HTTP status for the API
//! ([`FetchError::status`]).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use ipnet::IpNet;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_TYPE, LOCATION};
use url::{Host, Url};

/// The User-Agent sent with every fetch.
pub const USER_AGENT: &str = concat!(
    "atscore/",
    env!("CARGO_PKG_VERSION"),
    " (+job-description fetch)"
);

/// The Accept header: HTML first, then plain text, then PDF, anything else last.
pub const ACCEPT_VALUE: &str = "text/html, text/plain;q=0.9, application/pdf;q=0.8, */*;q=0.1";

/// Limits and the allowlist for [`Fetcher`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchPolicy {
    /// Largest body accepted, in bytes (default 2 MiB).
    pub max_bytes: usize,
    /// Time limit for the whole fetch: resolution, connections, every redirect hop and the body
    /// (default 10 s).
    pub timeout: Duration,
    /// Redirects followed before giving up with [`FetchError::TooManyRedirects`] (default 5).
    pub max_redirects: usize,
    /// Networks that may be fetched even though they are loopback/private (tests, intranets).
    /// Empty by default.
    pub allow: Vec<IpNet>,
}

impl Default for FetchPolicy {
    fn default() -> FetchPolicy {
        FetchPolicy {
            max_bytes: 2 * 1024 * 1024,
            timeout: Duration::from_secs(10),
            max_redirects: 5,
            allow: Vec::new(),
        }
    }
}

/// A fetched document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The body, at most [`FetchPolicy::max_bytes`] long.
    pub bytes: Vec<u8>,
    /// The final response's `Content-Type`, if it had a readable one.
    pub content_type: Option<String>,
    /// The URL the body came from, after redirects.
    pub final_url: String,
}

/// Why a fetch failed. [`code`](FetchError::code) is stable; the messages are for people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Not a URL, not http(s), has userinfo or no host (also for a redirect's `Location`).
    #[error("invalid URL: {0}")]
    InvalidUrl(String),
    /// The host is, or resolves to, an address that may not be fetched.
    #[error("{host} resolves to {addr}, which may not be fetched")]
    ForbiddenAddress { host: String, addr: IpAddr },
    /// The host name did not resolve.
    #[error("could not resolve host: {0}")]
    Resolve(String),
    /// More redirects than [`FetchPolicy::max_redirects`].
    #[error("too many redirects")]
    TooManyRedirects,
    /// The body is larger than the limit (the limit in bytes).
    #[error("the document is larger than {0} bytes")]
    TooLarge(usize),
    /// The fetch did not finish within [`FetchPolicy::timeout`].
    #[error("the fetch timed out")]
    Timeout,
    /// The final response was not 2xx (the status code).
    #[error("the server answered with HTTP status {0}")]
    Status(u16),
    /// Connecting, or reading the response, failed.
    #[error("the server could not be reached: {0}")]
    Unreachable(String),
}

impl FetchError {
    /// Stable machine-readable code: `invalid_url`, `forbidden_address`, `unresolvable`,
    /// `too_many_redirects`, `too_large`, `timeout`, `upstream_status` or `unreachable`.
    pub fn code(&self) -> &'static str {
        match self {
            FetchError::InvalidUrl(_) => "invalid_url",
            FetchError::ForbiddenAddress { .. } => "forbidden_address",
            FetchError::Resolve(_) => "unresolvable",
            FetchError::TooManyRedirects => "too_many_redirects",
            FetchError::TooLarge(_) => "too_large",
            FetchError::Timeout => "timeout",
            FetchError::Status(_) => "upstream_status",
            FetchError::Unreachable(_) => "unreachable",
        }
    }

    /// The HTTP status the API answers with.
    ///
    /// - 422 when the URL the client gave cannot or may not be fetched, or what it points at is
    ///   unusable whatever we retry: `invalid_url`, `forbidden_address`, `unresolvable`,
    ///   `too_large`;
    /// - 502 when the upstream server misbehaved or failed: `too_many_redirects`,
    ///   `upstream_status`, `unreachable`;
    /// - 504 for `timeout`.
    pub fn status(&self) -> u16 {
        match self {
            FetchError::InvalidUrl(_)
            | FetchError::ForbiddenAddress { .. }
            | FetchError::Resolve(_)
            | FetchError::TooLarge(_) => 422,
            FetchError::TooManyRedirects | FetchError::Status(_) | FetchError::Unreachable(_) => {
                502
            }
            FetchError::Timeout => 504,
        }
    }
}

/// Downloads job descriptions under a [`FetchPolicy`]; cheap to share (`reqwest::Client` is an
/// `Arc` inside), build one per process.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    policy: FetchPolicy,
}

impl Fetcher {
    /// A fetcher with its own HTTP client: vetting resolver, no automatic redirects, no proxy,
    /// no cookies, connect timeout at most the total timeout.
    pub fn new(policy: FetchPolicy) -> Fetcher {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(ACCEPT_VALUE));
        let resolver = Arc::new(VettingResolver {
            allow: Arc::new(policy.allow.clone()),
        });
        let client = reqwest::Client::builder()
            .dns_resolver(resolver)
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .no_proxy()
            .user_agent(USER_AGENT)
            .default_headers(headers)
            .connect_timeout(policy.timeout.min(Duration::from_secs(5)))
            .build()
            .expect("the fetch client's configuration is static and valid");
        Fetcher { client, policy }
    }

    /// The policy this fetcher enforces.
    pub fn policy(&self) -> &FetchPolicy {
        &self.policy
    }

    /// Fetches `url` (following redirects) under the policy.
    pub async fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        match tokio::time::timeout(self.policy.timeout, self.fetch_inner(url)).await {
            Ok(result) => result,
            Err(_) => Err(FetchError::Timeout),
        }
    }

    async fn fetch_inner(&self, url: &str) -> Result<Fetched, FetchError> {
        let mut current = Url::parse(url).map_err(|e| FetchError::InvalidUrl(e.to_string()))?;
        let mut redirects = 0usize;
        loop {
            validate(&current, &self.policy.allow)?;
            let mut response = self
                .client
                .get(current.clone())
                .send()
                .await
                .map_err(from_reqwest)?;
            let status = response.status();
            if status.is_redirection() {
                if let Some(location) = response.headers().get(LOCATION) {
                    if redirects >= self.policy.max_redirects {
                        return Err(FetchError::TooManyRedirects);
                    }
                    redirects += 1;
                    let location = location.to_str().map_err(|_| {
                        FetchError::InvalidUrl("redirect Location is not ASCII".into())
                    })?;
                    current = current.join(location).map_err(|e| {
                        FetchError::InvalidUrl(format!("redirect Location {location:?}: {e}"))
                    })?;
                    continue;
                }
            }
            if !status.is_success() {
                return Err(FetchError::Status(status.as_u16()));
            }
            let max = self.policy.max_bytes;
            if response.content_length().is_some_and(|n| n > max as u64) {
                return Err(FetchError::TooLarge(max));
            }
            let content_type = response
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let mut bytes = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(from_reqwest)? {
                if bytes.len() + chunk.len() > max {
                    return Err(FetchError::TooLarge(max));
                }
                bytes.extend_from_slice(&chunk);
            }
            return Ok(Fetched {
                bytes,
                content_type,
                final_url: current.to_string(),
            });
        }
    }
}

/// Checks a URL before anything connects to it: scheme, userinfo, host, and an IP-literal host
/// against the policy (names are vetted by [`VettingResolver`] when the client resolves them).
fn validate(url: &Url, allow: &[IpNet]) -> Result<(), FetchError> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::InvalidUrl(format!(
            "scheme {:?} is not http or https",
            url.scheme()
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(FetchError::InvalidUrl(
            "credentials (user:password@) are not allowed in the URL".into(),
        ));
    }
    let literal = match url.host() {
        None => return Err(FetchError::InvalidUrl("the URL has no host".into())),
        Some(Host::Ipv4(v4)) => Some(IpAddr::V4(v4)),
        Some(Host::Ipv6(v6)) => Some(IpAddr::V6(v6)),
        // The `url` crate already turns every IPv4 spelling into `Host::Ipv4`; this is a second
        // line in case a name still parses as an address where the connector looks.
        Some(Host::Domain(name)) => name.parse::<IpAddr>().ok(),
    };
    if let Some(addr) = literal {
        if !permitted(addr, allow) {
            return Err(FetchError::ForbiddenAddress {
                host: url.host_str().unwrap_or_default().to_string(),
                addr,
            });
        }
    }
    Ok(())
}

/// Whether `addr` may be connected to: public, or inside one of the allowed networks (checked
/// for the address as given and for its IPv4 form when it is IPv4-mapped).
fn permitted(addr: IpAddr, allow: &[IpNet]) -> bool {
    let canonical = addr.to_canonical();
    !is_forbidden(addr)
        || allow
            .iter()
            .any(|net| net.contains(&addr) || net.contains(&canonical))
}

/// The client's DNS resolver: resolves with the system resolver, refuses the name if any address
/// is not [`permitted`], and hands the client exactly the addresses it vetted.
struct VettingResolver {
    allow: Arc<Vec<IpNet>>,
}

impl Resolve for VettingResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow = Arc::clone(&self.allow);
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| refuse(FetchError::Resolve(format!("{host}: {e}"))))?
                .collect();
            if addrs.is_empty() {
                return Err(refuse(FetchError::Resolve(format!("{host}: no addresses"))));
            }
            if let Some(bad) = addrs.iter().find(|a| !permitted(a.ip(), &allow)) {
                return Err(refuse(FetchError::ForbiddenAddress {
                    host,
                    addr: bad.ip(),
                }));
            }
            let addrs: Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

/// Boxes a resolver refusal so that [`from_reqwest`] can downcast it back (exactly one box:
/// a `Box<FetchError>` boxed again would hide the type).
fn refuse(e: FetchError) -> Box<dyn std::error::Error + Send + Sync> {
    Box::new(e)
}

/// Maps a reqwest error, recovering a [`FetchError`] raised by [`VettingResolver`] from the
/// source chain.
fn from_reqwest(e: reqwest::Error) -> FetchError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(err) = source {
        if let Some(ours) = err.downcast_ref::<FetchError>() {
            return ours.clone();
        }
        source = err.source();
    }
    if e.is_timeout() {
        return FetchError::Timeout;
    }
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(err) = source {
        message.push_str(": ");
        message.push_str(&err.to_string());
        source = err.source();
    }
    FetchError::Unreachable(message)
}

/// Whether `ip` is an address a job-description fetch must never connect to: anything that is
/// not a public unicast address.
///
/// IPv4: 0.0.0.0/8 (with unspecified), 10/8, 100.64/10 (CGNAT), 127/8, 169.254/16 (link-local,
/// with the 169.254.169.254 metadata service), 172.16/12, 192.0.0/24 (protocol assignments),
/// 192.0.2/24, 198.51.100/24, 203.0.113/24 (documentation), 192.88.99/24 (6to4 relay),
/// 192.168/16, 198.18/15 (benchmarking), 224/4 (multicast), 240/4 (reserved, with broadcast).
///
/// IPv6: :: and ::1, IPv4-compatible ::/96, IPv4-mapped ::ffff:0:0/96, IPv4-translated
/// ::ffff:0:0:0/96 and NAT64 64:ff9b::/96 when the embedded IPv4 is forbidden; 64:ff9b:1::/48
/// (local NAT64), 100::/64 (discard), 2001:2::/48 (benchmarking), 2001:10::/28 and 2001:20::/28
/// (ORCHID), 2001:db8::/32 and 3fff::/20 (documentation), Teredo 2001::/32 and 6to4 2002::/16
/// when the embedded IPv4 is forbidden, fc00::/7 (unique-local, with the fd00:ec2::254 metadata
/// service), fe80::/10 (link-local), fec0::/10 (site-local), ff00::/8 (multicast).
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_forbidden_v4(v4),
        IpAddr::V6(v6) => is_forbidden_v6(v6),
    }
}

fn is_forbidden_v4(ip: Ipv4Addr) -> bool {
    match ip.octets() {
        // 0.0.0.0/8 "this network", with unspecified
        [0, ..] => true,
        // 10/8 private
        [10, ..] => true,
        // 100.64/10 CGNAT
        [100, 64..=127, ..] => true,
        // 127/8 loopback
        [127, ..] => true,
        // 169.254/16 link-local, with the 169.254.169.254 metadata service
        [169, 254, ..] => true,
        // 172.16/12 private
        [172, 16..=31, ..] => true,
        // 192.0.0/24 IETF protocol assignments
        [192, 0, 0, _] => true,
        // 192.0.2/24, 198.51.100/24, 203.0.113/24 documentation
        [192, 0, 2, _] | [198, 51, 100, _] | [203, 0, 113, _] => true,
        // 192.88.99/24 6to4 relay anycast
        [192, 88, 99, _] => true,
        // 192.168/16 private
        [192, 168, ..] => true,
        // 198.18/15 benchmarking
        [198, 18..=19, ..] => true,
        // 224/4 multicast, 240/4 reserved, with 255.255.255.255 broadcast
        [224..=255, ..] => true,
        _ => false,
    }
}

fn is_forbidden_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    let embedded =
        |hi: u16, lo: u16| Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8);
    let tail = embedded(s[6], s[7]);
    match s {
        // ::/96 (IPv4-compatible, includes :: and ::1) and ::ffff:0:0/96 (IPv4-mapped)
        [0, 0, 0, 0, 0, 0, _, _] | [0, 0, 0, 0, 0, 0xffff, _, _] => is_forbidden_v4(tail),
        // ::ffff:0:a.b.c.d, IPv4-translated (SIIT)
        [0, 0, 0, 0, 0xffff, 0, _, _] => is_forbidden_v4(tail),
        // 64:ff9b::/96 NAT64
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => is_forbidden_v4(tail),
        // 64:ff9b:1::/48 local-use NAT64
        [0x64, 0xff9b, 1, ..] => true,
        // 100::/64 discard-only
        [0x100, 0, 0, 0, ..] => true,
        // 2001::/32 Teredo: the client's IPv4 is the last 32 bits inverted, the server's follows
        // the prefix
        [0x2001, 0, ..] => {
            is_forbidden_v4(embedded(s[2], s[3])) || is_forbidden_v4(embedded(!s[6], !s[7]))
        }
        // 2001:2::/48 benchmarking
        [0x2001, 2, 0, ..] => true,
        // 2001:10::/28 ORCHID, 2001:20::/28 ORCHIDv2
        [0x2001, b, ..] if (b & 0xfff0) == 0x10 || (b & 0xfff0) == 0x20 => true,
        // 2001:db8::/32 documentation
        [0x2001, 0xdb8, ..] => true,
        // 2002::/16 6to4, IPv4 in the next 32 bits
        [0x2002, ..] => is_forbidden_v4(embedded(s[1], s[2])),
        // 3fff::/20 documentation
        [0x3fff, b, ..] if b & 0xf000 == 0 => true,
        // fc00::/7 unique-local (fd00:ec2::254 metadata), fe80::/10 link-local,
        // fec0::/10 site-local, ff00::/8 multicast
        [a, ..] => {
            (a & 0xfe00) == 0xfc00
                || (a & 0xffc0) == 0xfe80
                || (a & 0xffc0) == 0xfec0
                || (a & 0xff00) == 0xff00
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forbidden(s: &str) -> bool {
        is_forbidden(s.parse().unwrap())
    }

    #[test]
    fn ipv4_special_ranges_are_forbidden() {
        for s in [
            "0.0.0.0",
            "0.1.2.3",
            "10.0.0.1",
            "10.255.255.255",
            "100.64.0.1",
            "100.127.255.255",
            "127.0.0.1",
            "127.255.0.9",
            "169.254.0.1",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.0.0.192",
            "192.0.2.1",
            "192.88.99.1",
            "192.168.1.1",
            "198.18.0.1",
            "198.19.255.255",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
        ] {
            assert!(forbidden(s), "{s} should be forbidden");
        }
    }

    #[test]
    fn public_ipv4_is_allowed() {
        for s in [
            "1.1.1.1",
            "8.8.8.8",
            "9.255.255.255",
            "11.0.0.1",
            "100.63.255.255",
            "100.128.0.1",
            "126.255.255.255",
            "128.0.0.1",
            "169.253.1.1",
            "169.255.1.1",
            "172.15.255.255",
            "172.32.0.1",
            "192.0.1.1",
            "192.0.3.1",
            "192.167.1.1",
            "192.169.1.1",
            "198.17.255.255",
            "198.20.0.1",
            "198.51.101.1",
            "203.0.114.1",
            "223.255.255.255",
        ] {
            assert!(!forbidden(s), "{s} should be allowed");
        }
    }

    #[test]
    fn ipv6_special_ranges_are_forbidden() {
        for s in [
            "::",
            "::1",
            "fc00::1",
            "fd12:3456::1",
            "fd00:ec2::254",
            "fe80::1",
            "febf:ffff::1",
            "fec0::1",
            "feff::1",
            "ff02::1",
            "ff05::1:3",
            "100::1",
            "2001:2::1",
            "2001:10::1",
            "2001:20::1",
            "2001:2f:ffff::1",
            "2001:db8::1",
            "3fff::1",
            "3fff:fff::1",
            "64:ff9b:1::1",
        ] {
            assert!(forbidden(s), "{s} should be forbidden");
        }
    }

    #[test]
    fn ipv6_forms_embedding_forbidden_ipv4_are_forbidden() {
        for s in [
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "::ffff:0.0.0.0",
            "::127.0.0.1",
            "::192.168.0.1",
            "::ffff:0:127.0.0.1",
            "64:ff9b::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b::10.1.2.3",
            "2002:7f00:1::",
            "2002:a9fe:a9fe::1",
            "2002:c0a8:0101::1",
            // Teredo with server 127.0.0.1, and with client 10.0.0.1 (stored inverted)
            "2001:0:7f00:1::1",
            "2001:0:0808:0808::f5ff:fffe",
        ] {
            assert!(forbidden(s), "{s} should be forbidden");
        }
    }

    #[test]
    fn public_ipv6_is_allowed() {
        for s in [
            "2606:4700:4700::1111",
            "2a00:1450:4001:80b::200e",
            "::ffff:8.8.8.8",
            "::8.8.8.8",
            "64:ff9b::8.8.8.8",
            "2002:0808:0808::1",
            "2001:0:0808:0808::f7f7:f7f7",
            "2001:db7::1",
            "2001:30::1",
            "3ffe::1",
            "3fff:1000::1",
            "fbff::1",
            "fe00::1",
        ] {
            assert!(!forbidden(s), "{s} should be allowed");
        }
    }

    #[test]
    fn allowlist_admits_forbidden_networks_including_mapped_forms() {
        let allow: Vec<IpNet> = vec!["127.0.0.2/32".parse().unwrap()];
        assert!(permitted("127.0.0.2".parse().unwrap(), &allow));
        assert!(permitted("::ffff:127.0.0.2".parse().unwrap(), &allow));
        assert!(!permitted("127.0.0.1".parse().unwrap(), &allow));
        assert!(permitted("8.8.8.8".parse().unwrap(), &[]));
        assert!(!permitted("::1".parse().unwrap(), &[]));
    }

    #[test]
    fn url_validation() {
        let url = |s: &str| Url::parse(s).unwrap();
        let code = |s: &str| validate(&url(s), &[]).map_err(|e| e.code());
        assert_eq!(code("https://example.com/job"), Ok(()));
        assert_eq!(code("http://example.com:8080/job"), Ok(()));
        assert_eq!(code("ftp://example.com/"), Err("invalid_url"));
        assert_eq!(code("file:///etc/passwd"), Err("invalid_url"));
        assert_eq!(code("http://user:pw@example.com/"), Err("invalid_url"));
        assert_eq!(code("http://user@example.com/"), Err("invalid_url"));
        assert_eq!(code("http://:pw@example.com/"), Err("invalid_url"));
        for s in [
            "http://127.0.0.1/",
            "http://2130706433/",
            "http://0x7f.1/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
            "http://0.0.0.0/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[fd00:ec2::254]/",
        ] {
            assert_eq!(code(s), Err("forbidden_address"), "{s}");
        }
    }

    #[test]
    fn codes_and_statuses() {
        let all = [
            (FetchError::InvalidUrl(String::new()), "invalid_url", 422),
            (
                FetchError::ForbiddenAddress {
                    host: "h".into(),
                    addr: IpAddr::V4(Ipv4Addr::LOCALHOST),
                },
                "forbidden_address",
                422,
            ),
            (FetchError::Resolve(String::new()), "unresolvable", 422),
            (FetchError::TooManyRedirects, "too_many_redirects", 502),
            (FetchError::TooLarge(1), "too_large", 422),
            (FetchError::Timeout, "timeout", 504),
            (FetchError::Status(404), "upstream_status", 502),
            (FetchError::Unreachable(String::new()), "unreachable", 502),
        ];
        for (e, code, status) in all {
            assert_eq!((e.code(), e.status()), (code, status), "{e:?}");
        }
    }
}
