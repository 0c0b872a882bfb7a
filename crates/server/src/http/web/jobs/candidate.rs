//! A candidate's page (rank, the same evidence partials as the job seeker's report, what the
//! ATS read), the shortlist flag, and the original file as a download.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use super::table::{display_name, on};
use super::{day, job_path};
use crate::app::hiring;
use crate::http::download;
use crate::http::problem::Problem;
use crate::http::state::AppState;
use crate::http::web::render::{or_error, page, see_other, Layout};
use crate::http::web::report::{AtsView, ReportView};
use crate::http::web::session::{local_path, Viewer};

#[derive(Template)]
#[template(path = "candidate.html")]
struct CandidatePage {
    layout: Layout,
    job_href: String,
    job_title: String,
    href: String,
    name: String,
    file: String,
    rank: String,
    total: i64,
    shortlisted: bool,
    has_file: bool,
    uploaded: String,
    size: String,
    media_type: String,
    error: Option<String>,
    report: Option<ReportView>,
    ats: Option<AtsView>,
}

fn size_words(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// `GET /jobs/{id}/candidates/{cid}`.
pub async fn candidate(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, cid)): Path<(String, String)>,
) -> Response {
    let r = async {
        let (view, rc) = hiring::candidate(state.app(), &id, &cid).await?;
        let job_href = job_path(&view.job.id);
        let c = &rc.candidate;
        let parsed = hiring::parsed_resume(c);
        let name = display_name(&rc);
        Ok::<_, Problem>(page(
            StatusCode::OK,
            &CandidatePage {
                layout: Layout::new(Some(&viewer), name.clone(), "jobs"),
                href: format!("{job_href}/candidates/{}", c.id),
                job_href,
                job_title: view.job.title.clone(),
                name,
                file: rc.ranked.name().to_string(),
                rank: rc
                    .ranked
                    .rank
                    .map_or("unranked".into(), |n| format!("#{n}")),
                total: view.job.candidates,
                shortlisted: c.shortlisted,
                has_file: c.has_file,
                uploaded: day(c.created_at),
                size: size_words(c.size_bytes),
                media_type: c.media_type.clone().unwrap_or_else(|| "unknown".into()),
                error: rc.ranked.outcome.as_ref().err().map(|e| e.message.clone()),
                report: rc.ranked.outcome.as_ref().ok().map(ReportView::new),
                ats: parsed.as_ref().map(AtsView::new),
            },
        ))
    }
    .await;
    or_error(&viewer, &job_path(&id), r)
}

#[derive(Debug, Deserialize)]
pub struct ShortlistForm {
    csrf: Option<String>,
    on: Option<String>,
    back: Option<String>,
}

/// `POST /jobs/{id}/candidates/{cid}/shortlist`: set or clear the flag, then back to the page
/// the form was on (with its sort and filters).
pub async fn shortlist(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, cid)): Path<(String, String)>,
    form: Result<Form<ShortlistForm>, FormRejection>,
) -> Response {
    let job = job_path(&id);
    let r = async {
        let Form(f) = form.map_err(|e| Problem::bad_request("invalid_form", e.body_text()))?;
        viewer.check_csrf(&state, f.csrf.as_deref())?;
        hiring::set_shortlisted(state.app(), &id, &cid, on(&f.on)).await?;
        let back = local_path(f.back.as_deref());
        let back = if back.starts_with(&format!("{job}/"))
            || back.starts_with(&format!("{job}?"))
            || back == job
        {
            back.to_string()
        } else {
            job.clone()
        };
        Ok::<_, Problem>(see_other(&back))
    }
    .await;
    or_error(&viewer, &job, r)
}

/// `GET /jobs/{id}/candidates/{cid}/file`: the original upload, as a download.
pub async fn file(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, cid)): Path<(String, String)>,
) -> Response {
    let r = async {
        let file = hiring::candidate_file(state.app(), &id, &cid).await?;
        Ok::<_, Problem>(download::candidate_file(file))
    }
    .await;
    or_error(&viewer, &job_path(&id), r)
}
