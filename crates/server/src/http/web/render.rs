//! Rendering pages: the [`Layout`] every template extends (`base.html`: title, navigation,
//! open-mode banner, the sign-out form's CSRF token, asset addresses), HTML responses, the
//! friendly error page a [`Problem`] becomes (its status and detail; never a 500 for a bad
//! request), and 303 redirects.

use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use super::session::Viewer;
use crate::http::problem::Problem;

/// What the base template needs.
#[derive(Debug, Clone)]
pub struct Layout {
    pub title: String,
    /// Which navigation entry is current: `score`, `jobs`, `signin` or empty.
    pub nav: &'static str,
    pub open: bool,
    pub signed_in: bool,
    pub csrf: String,
    pub css: &'static str,
    pub js: &'static str,
}

impl Layout {
    pub fn new(viewer: Option<&Viewer>, title: impl Into<String>, nav: &'static str) -> Layout {
        Layout {
            title: title.into(),
            nav,
            open: viewer.is_some_and(|v| v.open),
            signed_in: viewer.is_some_and(|v| v.signed_in),
            csrf: viewer.map(|v| v.csrf.clone()).unwrap_or_default(),
            css: super::css_href(),
            js: super::js_href(),
        }
    }
}

/// Render a template as an HTML response.
pub fn page<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a page could not be rendered");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "this page could not be shown; the error was logged",
            )
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    heading: &'static str,
    status: u16,
    code: String,
    detail: String,
    back: String,
}

/// A heading people understand for a status.
fn heading(status: u16) -> &'static str {
    match status {
        400 => "That request was not quite right",
        401 => "Sign-in needed",
        403 => "Not allowed",
        404 => "Not found",
        408 | 503 => "Please try again shortly",
        413 => "Too large",
        415 => "Unsupported file type",
        422 => "We could not read that",
        429 => "Too many requests",
        _ => "Something went wrong",
    }
}

/// The page of a problem, with its status; `back` is where the "go back" link points.
pub fn error_page(viewer: Option<&Viewer>, p: Problem, back: &str) -> Response {
    let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::BAD_REQUEST);
    let mut resp = page(
        status,
        &ErrorPage {
            layout: Layout::new(viewer, heading(p.status), ""),
            heading: heading(p.status),
            status: p.status,
            code: p.code,
            detail: p.detail,
            back: back.to_string(),
        },
    );
    if let Some(secs) = p.retry_after {
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    resp
}

/// `303 See Other` to a local path.
pub fn see_other(location: &str) -> Response {
    let loc = HeaderValue::from_str(location).unwrap_or_else(|_| HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(header::LOCATION, loc)]).into_response()
}

/// The response of a handler whose work may fail with a problem.
pub fn or_error(viewer: &Viewer, back: &str, r: Result<Response, Problem>) -> Response {
    r.unwrap_or_else(|p| error_page(Some(viewer), p, back))
}
