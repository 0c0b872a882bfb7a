//! The job seeker's pages: `GET /`, the form (a resume file; the job as text, a file or a URL;
//! optional weights), and `POST /score`, the report (gauge, sub-score bars, matched and
//! missing skills with their evidence, knockouts, format penalties, section checks,
//! suggestions with their what-if gain, and what the ATS read from the resume).

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;

use super::render::{or_error, page, Layout};
use super::report::{AtsView, ReportView};
use super::session::Viewer;
use crate::app::seeker;
use crate::http::problem::Problem;
use crate::http::state::AppState;
use crate::http::uploads::{job_source, read_parts, take, Part};

/// Parts the form may carry (csrf, resume, three job fields, three weights, and spares).
const MAX_PARTS: usize = 12;

#[derive(Template)]
#[template(path = "seeker.html")]
struct FormPage {
    layout: Layout,
    max_mb: String,
}

/// `GET /`.
pub async fn form(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> Response {
    let mb = state.settings().max_file_size as f64 / (1024.0 * 1024.0);
    page(
        StatusCode::OK,
        &FormPage {
            layout: Layout::new(Some(&viewer), "Score a resume", "score"),
            max_mb: format!("{mb:.0}"),
        },
    )
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    layout: Layout,
    file: String,
    report: ReportView,
    ats: Option<AtsView>,
}

/// Weights from the three number fields `w_content`, `w_format`, `w_sections` (or one
/// `weights` text field), as the `content=…,format=…,sections=…` text the core parses.
pub fn weights_text(parts: &mut Vec<Part>) -> Option<String> {
    if let Some(w) = take(parts, &["weights"]) {
        let w = w.text();
        if !w.trim().is_empty() {
            return Some(w);
        }
    }
    let mut out = Vec::new();
    for (field, name) in [
        ("w_content", "content"),
        ("w_format", "format"),
        ("w_sections", "sections"),
    ] {
        if let Some(p) = take(parts, &[field]) {
            let v = p.text();
            if !v.trim().is_empty() {
                out.push(format!("{name}={}", v.trim()));
            }
        }
    }
    (!out.is_empty()).then(|| out.join(","))
}

/// A file field that was left empty (browsers send it with no name and no bytes).
pub fn is_empty_file(p: &Part) -> bool {
    p.bytes.is_empty() && p.file_name.as_deref().is_none_or(|n| n.is_empty())
}

/// `GET /score` (a reload of the report, a bookmark): the form.
pub async fn back_to_form() -> Response {
    super::render::see_other("/")
}

/// `POST /score`.
pub async fn score(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    mp: Multipart,
) -> Response {
    let r = async {
        let mut parts = read_parts(mp, state.settings().max_file_size, MAX_PARTS).await?;
        let csrf = take(&mut parts, &["csrf"]).map(|p| p.text());
        viewer.check_csrf(&state, csrf.as_deref())?;
        let resume = take(&mut parts, &["resume", "file"])
            .filter(|p| !is_empty_file(p))
            .ok_or_else(|| {
                Problem::bad_request("missing_resume", "choose your resume file to score")
            })?;
        let cfg = seeker::weights(weights_text(&mut parts).as_deref())?;
        let job = job_source(&mut parts).ok_or_else(|| {
            Problem::bad_request(
                "missing_job",
                "paste the job description, choose its file, or give its address (URL)",
            )
        })?;
        let file = resume
            .file_name
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "your resume".into());
        let scored = seeker::score_resume(state.app(), resume.upload(), job, cfg)
            .await
            .map_err(|f| f.about_resume("your resume"))?;
        Ok::<_, Problem>(page(
            StatusCode::OK,
            &ReportPage {
                layout: Layout::new(Some(&viewer), format!("Score of {file}"), "score"),
                file,
                report: ReportView::new(&scored.report),
                ats: Some(AtsView::new(&scored.resume)),
            },
        ))
    }
    .await;
    or_error(&viewer, "/", r)
}
