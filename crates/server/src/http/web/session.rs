//! Who is looking at a page: sign-in with an API key (`/signin`), the `atscore_session`
//! cookie (HttpOnly, SameSite=Strict; only its hash is stored), sign-out, and the middleware in
//! front of every page. With no key configured anywhere (the loopback-only open mode) pages
//! need no sign-in and show a banner; otherwise an anonymous visitor is sent to
//! `/signin?next=…` (303). Every page gets a [`Viewer`] with its CSRF token.

use askama::Template;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;

use super::csrf;
use super::render::{error_page, page, see_other, Layout};
use crate::http::auth::Principal;
use crate::http::problem::Problem;
use crate::http::state::AppState;

/// The session cookie.
pub const SESSION_COOKIE: &str = "atscore_session";
/// The anonymous CSRF binding cookie (open mode and the sign-in form).
pub const CSRF_COOKIE: &str = "atscore_csrf";
/// Lifetime of the anonymous cookie (30 days).
const CSRF_COOKIE_AGE: i64 = 30 * 24 * 3600;

/// The visitor of a page, as the middleware found them.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// No key is configured: the open mode.
    pub open: bool,
    /// Signed in with a live session.
    pub signed_in: bool,
    /// The CSRF token forms of this page carry.
    pub csrf: String,
    /// What the token is bound to: the session token or the anonymous cookie.
    binding: String,
    /// A new anonymous cookie to send with the response.
    new_cookie: Option<String>,
}

impl Viewer {
    /// Check a submitted form token: 403 when missing or wrong.
    pub fn check_csrf(&self, state: &AppState, submitted: Option<&str>) -> Result<(), Problem> {
        if csrf::verify(state.secret(), &self.binding, submitted.unwrap_or("")) {
            Ok(())
        } else {
            Err(forbidden())
        }
    }
}

/// A form without its valid CSRF token.
pub fn forbidden() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "csrf",
        "this form has expired or did not come from this site; reload the page and submit it again",
    )
}

/// The value of a cookie of the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value with the attributes every cookie of the UI has.
fn set_cookie(state: &AppState, name: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.settings().cookie_secure {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{name}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The anonymous binding of a request: its `atscore_csrf` cookie, or a new random one
/// (returned second, to be set on the response).
fn anonymous(headers: &HeaderMap) -> (String, Option<String>) {
    match cookie(headers, CSRF_COOKIE).filter(|v| v.len() >= 32 && v.len() <= 128) {
        Some(v) => (v.to_string(), None),
        None => {
            let v = hex::encode(rand::random::<[u8; 32]>());
            (v.clone(), Some(v))
        }
    }
}

fn anonymous_viewer(state: &AppState, headers: &HeaderMap, open: bool) -> Viewer {
    let (binding, new_cookie) = anonymous(headers);
    Viewer {
        open,
        signed_in: false,
        csrf: csrf::token(state.secret(), &binding),
        binding,
        new_cookie,
    }
}

/// Send the anonymous cookie with a response when the viewer got a new one.
fn with_cookie(state: &AppState, viewer: &Viewer, mut resp: Response) -> Response {
    if let Some(v) = &viewer.new_cookie {
        resp.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(state, CSRF_COOKIE, v, CSRF_COOKIE_AGE),
        );
    }
    resp
}

/// The live session of a request, if any: its token and the id of the key it was opened with.
async fn live_session(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<(String, String)>, Problem> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    Ok(state
        .store()
        .session(token)
        .await?
        .map(|s| (token.to_string(), s.key_id)))
}

/// `next` when it is a path on this site (never another host, never the sign-in pages).
pub fn local_path(next: Option<&str>) -> &str {
    let Some(n) = next else { return "/" };
    let ok = n.starts_with('/')
        && !n.starts_with("//")
        && !n.contains('\\')
        && n.len() <= 2048
        && n.bytes().all(|b| b.is_ascii_graphic())
        && !n.starts_with("/signin")
        && !n.starts_with("/signout");
    if ok {
        n
    } else {
        "/"
    }
}

/// The middleware in front of every page but `/signin` and `/assets`.
pub async fn require_viewer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let keys = match state.auth().keys_required(state.store()).await {
        Ok(k) => k,
        Err(p) => return error_page(None, p, "/"),
    };
    let viewer = if keys {
        match live_session(&state, req.headers()).await {
            Err(p) => return error_page(None, p, "/"),
            Ok(Some((token, key_id))) => {
                // Pages count against the key's rate limit, as its API calls do.
                if let Err(p) = state.auth().limit(&Principal::Key(key_id)) {
                    return error_page(None, p, "/");
                }
                Viewer {
                    open: false,
                    signed_in: true,
                    csrf: csrf::token(state.secret(), &token),
                    binding: token,
                    new_cookie: None,
                }
            }
            Ok(None) => {
                let mut to = "/signin".to_string();
                if matches!(*req.method(), Method::GET | Method::HEAD) {
                    if let Some(pq) = req.uri().path_and_query() {
                        let here = local_path(Some(pq.as_str()));
                        if here != "/" {
                            to = format!(
                                "/signin?{}",
                                url::form_urlencoded::Serializer::new(String::new())
                                    .append_pair("next", here)
                                    .finish()
                            );
                        }
                    }
                }
                let mut resp = see_other(&to);
                if cookie(req.headers(), SESSION_COOKIE).is_some() {
                    // A stale cookie (expired or revoked key): drop it.
                    resp.headers_mut().append(
                        header::SET_COOKIE,
                        set_cookie(&state, SESSION_COOKIE, "", 0),
                    );
                }
                return resp;
            }
        }
    } else {
        let v = anonymous_viewer(&state, req.headers(), true);
        // A form sent without the cookie its token is bound to cannot verify: refuse it before
        // reading a possibly large body.
        if v.new_cookie.is_some() && !matches!(*req.method(), Method::GET | Method::HEAD) {
            let resp = error_page(Some(&v), forbidden(), "/");
            return with_cookie(&state, &v, resp);
        }
        v
    };
    req.extensions_mut().insert(viewer.clone());
    let resp = next.run(req).await;
    with_cookie(&state, &viewer, resp)
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SigninPage {
    layout: Layout,
    next: String,
    error: Option<String>,
}

fn signin_page(viewer: &Viewer, next: &str, error: Option<String>, status: StatusCode) -> Response {
    page(
        status,
        &SigninPage {
            layout: Layout::new(Some(viewer), "Sign in", "signin"),
            next: next.to_string(),
            error,
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// `GET /signin`: the form (straight on to `next` when already signed in or open).
pub async fn signin_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<NextQuery>, QueryRejection>,
) -> Response {
    let next = q.ok().and_then(|q| q.0.next);
    let next = local_path(next.as_deref()).to_string();
    let keys = match state.auth().keys_required(state.store()).await {
        Ok(k) => k,
        Err(p) => return error_page(None, p, "/"),
    };
    if !keys {
        return see_other(&next);
    }
    match live_session(&state, &headers).await {
        Err(p) => return error_page(None, p, "/"),
        Ok(Some(_)) => return see_other(&next),
        Ok(None) => {}
    }
    let viewer = anonymous_viewer(&state, &headers, false);
    let resp = signin_page(&viewer, &next, None, StatusCode::OK);
    with_cookie(&state, &viewer, resp)
}

#[derive(Debug, Deserialize)]
pub struct SigninForm {
    csrf: Option<String>,
    key: Option<String>,
    next: Option<String>,
}

/// `POST /signin`: check the key, open a session, go on to `next`.
pub async fn signin(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<SigninForm>, FormRejection>,
) -> Response {
    let viewer = anonymous_viewer(&state, &headers, false);
    let form = match form {
        Ok(Form(f)) => f,
        Err(e) => {
            let p = Problem::bad_request("invalid_form", e.body_text());
            return error_page(Some(&viewer), p, "/signin");
        }
    };
    let next = local_path(form.next.as_deref()).to_string();
    // A new anonymous cookie means the form could not have carried a valid token.
    if viewer.new_cookie.is_some() || viewer.check_csrf(&state, form.csrf.as_deref()).is_err() {
        let resp = error_page(Some(&viewer), forbidden(), "/signin");
        return with_cookie(&state, &viewer, resp);
    }
    let result = async {
        if !state.auth().keys_required(state.store()).await? {
            return Ok(None);
        }
        let key = form.key.as_deref().unwrap_or("").trim();
        if key.is_empty() {
            return Err(Problem::bad_request(
                "missing_api_key",
                "enter your API key",
            ));
        }
        match state.auth().verify(state.store(), key).await? {
            None => Err(Problem::new(
                StatusCode::UNAUTHORIZED,
                "invalid_api_key",
                "that API key is not valid (unknown or revoked)",
            )),
            Some(principal) => {
                let ttl = state.settings().session_ttl.as_secs() as i64;
                let token = state.store().create_session(principal.id(), ttl).await?;
                Ok(Some((token, ttl)))
            }
        }
    }
    .await;
    match result {
        Ok(None) => see_other(&next),
        Ok(Some((token, ttl))) => {
            let mut resp = see_other(&next);
            resp.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(&state, SESSION_COOKIE, &token, ttl),
            );
            resp
        }
        Err(p) if p.status < 500 => {
            let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::BAD_REQUEST);
            signin_page(&viewer, &next, Some(p.detail), status)
        }
        Err(p) => error_page(Some(&viewer), p, "/signin"),
    }
}

#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    csrf: Option<String>,
}

/// `POST /signout`: end the session.
pub async fn signout(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let submitted = form.ok().and_then(|f| f.0.csrf);
    if let Err(p) = viewer.check_csrf(&state, submitted.as_deref()) {
        return error_page(Some(&viewer), p, "/");
    }
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        if let Err(e) = state.store().delete_session(token).await {
            return error_page(Some(&viewer), Problem::from(e), "/");
        }
    }
    let mut resp = see_other(if viewer.open { "/" } else { "/signin" });
    resp.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&state, SESSION_COOKIE, "", 0),
    );
    resp.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_must_be_a_local_path() {
        assert_eq!(local_path(Some("/jobs/1?sort=score")), "/jobs/1?sort=score");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(Some("/signin?next=/x")), "/");
        assert_eq!(local_path(Some("/a b")), "/");
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn cookies_are_read_by_name() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; atscore_session=tok; atscore_csrf=".parse().unwrap(),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("tok"));
        assert_eq!(cookie(&h, CSRF_COOKIE), None);
        assert_eq!(cookie(&h, "b"), None);
    }
}
