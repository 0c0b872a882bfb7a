//! Load shedding on the expensive routes (parse, score, candidate uploads — in the API and in
//! the web UI, which share one budget): at most
//! `MAX_IN_FLIGHT` of them are admitted at once — the ones running plus the ones queued for a
//! parse worker — and the next one is refused at once with 503 `overloaded` and `Retry-After`,
//! instead of waiting in a queue that would only grow (after reading and dropping the upload,
//! so the refusal reaches the client instead of a connection reset). Admitted requests then keep their
//! latency: the queue in front of the workers is bounded by this limit. Every refusal is
//! counted in `http_requests_shed_total{route}`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;

use crate::http::problem::Problem;

/// Requests refused by the shedder, by route template.
pub const SHED_TOTAL: &str = "http_requests_shed_total";

/// The admission counter shared by the expensive routes.
#[derive(Debug, Clone)]
pub struct Shedder {
    limit: usize,
    admitted: Arc<AtomicUsize>,
}

/// One admitted request; leaving frees its place (also when the request is dropped).
pub struct Admission(Arc<AtomicUsize>);

impl Drop for Admission {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Shedder {
    /// At most `limit` requests at once (0 = no limit).
    pub fn new(limit: usize) -> Shedder {
        Shedder {
            limit,
            admitted: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// Admit one more request, or None when `limit` are already in.
    pub fn try_admit(&self) -> Option<Admission> {
        let before = self.admitted.fetch_add(1, Ordering::AcqRel);
        let admission = Admission(self.admitted.clone());
        if self.limit > 0 && before >= self.limit {
            return None; // `admission` drops here and gives the place back
        }
        Some(admission)
    }

    /// Requests admitted right now.
    pub fn admitted(&self) -> usize {
        self.admitted.load(Ordering::Acquire)
    }
}

/// Bytes of a refused request's body read and thrown away before the 503 is sent.
const DRAIN_LIMIT: usize = 4 * 1024 * 1024;
/// Time given to that.
const DRAIN_TIME: Duration = Duration::from_secs(2);

/// Read and drop the request body (bounded in size and time). Closing a connection with an
/// unread upload in its receive buffer makes the kernel send a reset, which can destroy the 503
/// before the client reads it — the chaos suite's spike saw thousands of resets instead of
/// readable refusals. A lingering close delivers the 503 and its `Retry-After`.
async fn drain(req: Request) {
    let mut body = req.into_body().into_data_stream();
    let _ = tokio::time::timeout(DRAIN_TIME, async {
        let mut read = 0usize;
        while let Some(Ok(chunk)) = body.next().await {
            read += chunk.len();
            if read > DRAIN_LIMIT {
                break;
            }
        }
    })
    .await;
}

/// Admit the request, or count the refusal, drain the upload and say why.
async fn admit(shedder: &Shedder, req: Request) -> Result<(Admission, Request), Problem> {
    if let Some(admission) = shedder.try_admit() {
        return Ok((admission, req));
    }
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched".to_string(), |p| p.as_str().to_string());
    metrics::counter!(SHED_TOTAL, "route" => route).increment(1);
    drain(req).await;
    Err(Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "overloaded",
        format!(
            "the server is at its limit of {} documents in progress; retry shortly",
            shedder.limit
        ),
    )
    .retry_after(1))
}

/// The API's middleware: admit, or refuse fast with a problem document.
pub async fn shed(State(shedder): State<Shedder>, req: Request, next: Next) -> Response {
    match admit(&shedder, req).await {
        Ok((_admission, req)) => next.run(req).await,
        Err(p) => p.into_response(),
    }
}

/// The web UI's middleware: the same admission (one budget for both faces), refused with an
/// HTML page that says to try again, with the same `Retry-After`. Only form posts are counted:
/// a `GET` of the same address is a cheap redirect or page.
pub async fn shed_page(State(shedder): State<Shedder>, req: Request, next: Next) -> Response {
    if req.method() != axum::http::Method::POST {
        return next.run(req).await;
    }
    let viewer = req
        .extensions()
        .get::<crate::http::web::session::Viewer>()
        .cloned();
    match admit(&shedder, req).await {
        Ok((_admission, req)) => next.run(req).await,
        Err(p) => crate::http::web::render::error_page(viewer.as_ref(), p, "/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admits_up_to_the_limit_and_frees_places_on_drop() {
        let s = Shedder::new(2);
        let a = s.try_admit().unwrap();
        let b = s.try_admit().unwrap();
        assert!(s.try_admit().is_none());
        assert_eq!(s.admitted(), 2, "a refusal takes no place");
        drop(a);
        let c = s.try_admit().unwrap();
        assert!(s.try_admit().is_none());
        drop((b, c));
        assert_eq!(s.admitted(), 0);
        let unlimited = Shedder::new(0);
        let all: Vec<_> = (0..1000).filter_map(|_| unlimited.try_admit()).collect();
        assert_eq!(all.len(), 1000);
    }
}
