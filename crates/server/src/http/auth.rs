//! API keys at the door: a key comes in `X-API-Key` or `Authorization: Bearer`, and is either
//! the `API_KEY` setting (compared in constant time) or a stored key (looked up by its
//! SHA-256 hash; results cached for a few seconds so a hot key costs no query). Without any
//! key configured the server is open — and then it only binds to loopback (see `startup`).
//! Each key has its own rate limit.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::http::problem::Problem;
use crate::http::ratelimit::RateLimiter;
use crate::http::state::AppState;
use crate::infra::store::keys::hash_key;
use crate::infra::store::sessions::ENV_KEY_ID;
use crate::infra::store::Store;

/// How long a key lookup (hit or miss) is trusted; a revoked key stops working on other
/// replicas within this time (at once on the replica that revoked it through the API).
pub const KEY_CACHE_TTL: Duration = Duration::from_secs(5);

/// Who is calling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// No key is configured anywhere: the loopback-only open mode.
    Open,
    /// A key: `env` for the `API_KEY` setting, else the stored key's id.
    Key(String),
}

impl Principal {
    pub fn id(&self) -> &str {
        match self {
            Principal::Open => "open",
            Principal::Key(id) => id,
        }
    }
}

/// Key checking and rate limiting, shared by all requests.
#[derive(Debug)]
pub struct Auth {
    env_key: Option<[u8; 32]>,
    /// hash → (key id if active, when looked up, last `touch`).
    cache: Mutex<HashMap<String, (Option<String>, Instant)>>,
    /// Whether any stored key is active, and when that was checked.
    stored_keys: Mutex<Option<(bool, Instant)>>,
    touched: Mutex<HashMap<String, Instant>>,
    limiter: RateLimiter,
}

impl Auth {
    pub fn new(api_key: Option<&str>, per_minute: u32, burst: u32) -> Auth {
        Auth {
            env_key: api_key.map(|k| Sha256::digest(k.as_bytes()).into()),
            cache: Mutex::new(HashMap::new()),
            stored_keys: Mutex::new(None),
            touched: Mutex::new(HashMap::new()),
            limiter: RateLimiter::new(per_minute, burst),
        }
    }

    /// True when `API_KEY` is set.
    pub fn has_env_key(&self) -> bool {
        self.env_key.is_some()
    }

    /// True when some key (setting or stored) exists, i.e. callers must present one.
    pub async fn keys_required(&self, store: &Store) -> Result<bool, Problem> {
        if self.env_key.is_some() {
            return Ok(true);
        }
        if let Some((any, at)) = *self.stored_keys.lock().unwrap_or_else(|e| e.into_inner()) {
            if at.elapsed() < KEY_CACHE_TTL || any {
                // Once keys exist the server stays closed until restart decides otherwise.
                return Ok(any);
            }
        }
        let any = store.active_key_count().await.map_err(Problem::from)? > 0;
        *self.stored_keys.lock().unwrap_or_else(|e| e.into_inner()) = Some((any, Instant::now()));
        Ok(any)
    }

    /// Check a presented key: `Some(principal)` when valid.
    pub async fn verify(&self, store: &Store, key: &str) -> Result<Option<Principal>, Problem> {
        if let Some(expected) = &self.env_key {
            let got: [u8; 32] = Sha256::digest(key.as_bytes()).into();
            if bool::from(got.ct_eq(expected)) {
                return Ok(Some(Principal::Key(ENV_KEY_ID.into())));
            }
        }
        let hash = hash_key(key);
        let cached = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&hash)
            .filter(|(_, at)| at.elapsed() < KEY_CACHE_TTL)
            .map(|(id, _)| id.clone());
        let id = match cached {
            Some(id) => id,
            None => {
                let id = store
                    .key_by_hash(&hash)
                    .await
                    .map_err(Problem::from)?
                    .map(|k| k.id);
                let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
                if cache.len() > 10_000 {
                    cache.clear();
                }
                cache.insert(hash, (id.clone(), Instant::now()));
                id
            }
        };
        if let Some(id) = &id {
            self.touch(store, id);
        }
        Ok(id.map(Principal::Key))
    }

    /// Forget cached lookups (after a revocation on this replica).
    pub fn forget(&self) {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).clear();
        *self.stored_keys.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Take a rate-limit token for a principal.
    pub fn limit(&self, p: &Principal) -> Result<(), Problem> {
        if *p == Principal::Open {
            return Ok(());
        }
        self.limiter.check(p.id()).map_err(|wait| {
            let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
            Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!("too many requests for this API key; retry in {secs} s"),
            )
            .retry_after(secs)
        })
    }

    /// Record a key's last use, at most once a minute, without delaying the request.
    fn touch(&self, store: &Store, id: &str) {
        if id == ENV_KEY_ID {
            return;
        }
        let mut t = self.touched.lock().unwrap_or_else(|e| e.into_inner());
        if t.get(id)
            .is_some_and(|at| at.elapsed() < Duration::from_secs(60))
        {
            return;
        }
        t.insert(id.to_string(), Instant::now());
        let (store, id) = (store.clone(), id.to_string());
        tokio::spawn(async move {
            let _ = store.touch_key(&id).await;
        });
    }
}

/// The key presented in `X-API-Key` or `Authorization: Bearer …`.
pub fn presented_key(headers: &HeaderMap) -> Option<&str> {
    if let Some(k) = headers.get("x-api-key").and_then(|v| v.to_str().ok()) {
        return Some(k.trim());
    }
    let auth = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = auth.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Resolve the caller of an API request.
pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Principal, Problem> {
    let auth = state.auth();
    let store = state.store();
    match presented_key(headers) {
        Some(key) => auth.verify(store, key).await?.ok_or_else(|| {
            Problem::new(
                StatusCode::UNAUTHORIZED,
                "invalid_api_key",
                "the API key is not valid (unknown or revoked)",
            )
        }),
        None if auth.keys_required(store).await? => Err(Problem::new(
            StatusCode::UNAUTHORIZED,
            "missing_api_key",
            "send an API key in the X-API-Key header or as Authorization: Bearer <key>",
        )),
        None => Ok(Principal::Open),
    }
}

/// Middleware for the API routes: authenticate, rate-limit, and hand the principal on.
pub async fn require_key(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let principal = match authenticate(&state, req.headers()).await {
        Ok(p) => p,
        Err(p) => return p.into_response(),
    };
    if let Err(p) = state.auth().limit(&principal) {
        return p.into_response();
    }
    req.extensions_mut().insert(principal);
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_headers() {
        let mut h = HeaderMap::new();
        assert_eq!(presented_key(&h), None);
        h.insert(header::AUTHORIZATION, "Bearer abc".parse().unwrap());
        assert_eq!(presented_key(&h), Some("abc"));
        h.insert("x-api-key", "xyz".parse().unwrap());
        assert_eq!(presented_key(&h), Some("xyz"));
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, "Basic abc".parse().unwrap());
        assert_eq!(presented_key(&h), None);
    }
}
