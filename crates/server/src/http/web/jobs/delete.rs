//! Deleting a job (with its candidates) or one candidate: a confirmation page first, then
//! the erasure on a form post carrying its CSRF token.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use super::job_path;
use crate::app::hiring;
use crate::http::problem::Problem;
use crate::http::state::AppState;
use crate::http::web::render::{or_error, page, see_other, Layout};
use crate::http::web::session::Viewer;

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmPage {
    layout: Layout,
    heading: String,
    message: String,
    action: String,
    button: &'static str,
    cancel: String,
}

#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    csrf: Option<String>,
}

fn check_form(
    state: &AppState,
    viewer: &Viewer,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Result<(), Problem> {
    let Form(f) = form.map_err(|e| Problem::bad_request("invalid_form", e.body_text()))?;
    viewer.check_csrf(state, f.csrf.as_deref())
}

/// `GET /jobs/{id}/delete`: are you sure?
pub async fn confirm_delete(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
) -> Response {
    let r = async {
        let v = hiring::get_job(state.app(), &id).await?;
        let path = job_path(&v.job.id);
        Ok::<_, Problem>(page(
            StatusCode::OK,
            &ConfirmPage {
                layout: Layout::new(Some(&viewer), "Delete job", "jobs"),
                heading: format!("Delete \u{201c}{}\u{201d}?", v.job.title),
                message: format!(
                    "The job and its {} candidate(s) are erased, with their files and analyses. \
                     This cannot be undone.",
                    v.job.candidates
                ),
                action: format!("{path}/delete"),
                button: "Delete job",
                cancel: path,
            },
        ))
    }
    .await;
    or_error(&viewer, "/jobs", r)
}

/// `POST /jobs/{id}/delete`.
pub async fn delete(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let r = async {
        check_form(&state, &viewer, form)?;
        hiring::delete_job(state.app(), &id).await?;
        Ok::<_, Problem>(see_other("/jobs"))
    }
    .await;
    or_error(&viewer, "/jobs", r)
}

/// `GET /jobs/{id}/candidates/{cid}/delete`: are you sure?
pub async fn confirm_delete_candidate(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, cid)): Path<(String, String)>,
) -> Response {
    let r = async {
        let c = hiring::stored_candidate(state.app(), &id, &cid).await?;
        let href = format!("{}/candidates/{}", job_path(&c.job_id), c.id);
        let name = c.name.clone().unwrap_or_else(|| c.file_name.clone());
        Ok::<_, Problem>(page(
            StatusCode::OK,
            &ConfirmPage {
                layout: Layout::new(Some(&viewer), "Delete candidate", "jobs"),
                heading: format!("Delete {name}?"),
                message: "The uploaded file, its parsed text and its score are erased from this \
                          server. This cannot be undone."
                    .into(),
                action: format!("{href}/delete"),
                button: "Delete candidate",
                cancel: href,
            },
        ))
    }
    .await;
    or_error(&viewer, &job_path(&id), r)
}

/// `POST /jobs/{id}/candidates/{cid}/delete`: erase, then back to the job.
pub async fn delete_candidate(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((id, cid)): Path<(String, String)>,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let job = job_path(&id);
    let r = async {
        check_form(&state, &viewer, form)?;
        hiring::delete_candidate(state.app(), &id, &cid).await?;
        Ok::<_, Problem>(see_other(&job))
    }
    .await;
    or_error(&viewer, &job, r)
}
