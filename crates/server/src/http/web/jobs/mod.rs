//! The hiring team's pages: the job list with its create form (`/jobs`), a job's page (its
//! analysis, the upload form, and the ranked table), candidate uploads (files and ZIPs; back
//! to the job with a signed summary such as "12 added, 1 unreadable") and the ranking as CSV.
//!
//! - [`table`] — the ranked table: filters and sorting from the query string, rows;
//! - [`candidate`] — a candidate's page, the shortlist flag, the original file;
//! - [`delete`] — deleting jobs and candidates, after a confirmation page.

mod candidate;
mod delete;
mod table;

pub use candidate::{candidate, file, shortlist};
pub use delete::{confirm_delete, confirm_delete_candidate, delete, delete_candidate};

use askama::Template;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use super::csrf;
use super::render::{error_page, or_error, page, see_other, Layout};
use super::report::JobSummaryView;
use super::seeker::is_empty_file;
use super::session::Viewer;
use crate::app::hiring::{self, JobChange, JobView, RankedCandidate};
use crate::app::inputs::JobSource;
use crate::app::seeker;
use crate::http::download;
use crate::http::problem::Problem;
use crate::http::state::AppState;
use crate::http::uploads::{read_parts, take};
use table::{
    candidate_row, sort_rows, with_query, CandidateRow, Header, Table, TableQuery, COLUMNS,
};

/// The page of a job id (ids are hex; anything else falls back to the job list).
pub(crate) fn job_path(id: &str) -> String {
    if !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        format!("/jobs/{id}")
    } else {
        "/jobs".into()
    }
}

pub(crate) fn day(secs: i64) -> String {
    crate::infra::clock::rfc3339(secs)[..10].to_string()
}

/// A job's weights in words ("content 60% · format 20% · sections 20%").
fn weights_words(w: Option<&str>) -> String {
    let cfg = seeker::weights(w).unwrap_or_default();
    let w = cfg.weights;
    let sum = (w.content + w.format + w.sections).max(f64::EPSILON);
    format!(
        "content {:.0}% \u{b7} format {:.0}% \u{b7} sections {:.0}%",
        100.0 * w.content / sum,
        100.0 * w.format / sum,
        100.0 * w.sections / sum
    )
}

/// The `content=…,format=…,sections=…` text of three optional number fields.
fn weights_of(
    content: &Option<String>,
    format: &Option<String>,
    sections: &Option<String>,
) -> Option<String> {
    let parts: Vec<String> = [
        ("content", content),
        ("format", format),
        ("sections", sections),
    ]
    .iter()
    .filter_map(|(n, v)| {
        let v = v.as_deref()?.trim();
        (!v.is_empty()).then(|| format!("{n}={v}"))
    })
    .collect();
    (!parts.is_empty()).then(|| parts.join(","))
}

// ---------------------------------------------------------------------------------------------
// The job list and the create form.

#[derive(Debug, Clone)]
struct JobRow {
    href: String,
    title: String,
    candidates: i64,
    created: String,
}

/// What was typed into the create form (shown again after an error).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct JobForm {
    csrf: Option<String>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    job_url: String,
    w_content: Option<String>,
    w_format: Option<String>,
    w_sections: Option<String>,
}

#[derive(Template)]
#[template(path = "jobs.html")]
struct JobsPage {
    layout: Layout,
    jobs: Vec<JobRow>,
    error: Option<String>,
    form: JobForm,
}

async fn jobs_page(
    state: &AppState,
    viewer: &Viewer,
    form: JobForm,
    error: Option<Problem>,
) -> Result<Response, Problem> {
    let jobs = hiring::list_jobs(state.app())
        .await?
        .into_iter()
        .map(|j| JobRow {
            href: job_path(&j.id),
            title: j.title,
            candidates: j.candidates,
            created: day(j.created_at),
        })
        .collect();
    let status = error
        .as_ref()
        .and_then(|p| StatusCode::from_u16(p.status).ok())
        .unwrap_or(StatusCode::OK);
    Ok(page(
        status,
        &JobsPage {
            layout: Layout::new(Some(viewer), "Jobs", "jobs"),
            jobs,
            error: error.map(|p| p.detail),
            form,
        },
    ))
}

/// `GET /jobs`.
pub async fn list(State(state): State<AppState>, Extension(viewer): Extension<Viewer>) -> Response {
    let r = jobs_page(&state, &viewer, JobForm::default(), None).await;
    or_error(&viewer, "/", r)
}

/// `POST /jobs`: create a job, then its page.
pub async fn create(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    form: Result<Form<JobForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(f)) => f,
        Err(e) => {
            let p = Problem::bad_request("invalid_form", e.body_text());
            return error_page(Some(&viewer), p, "/jobs");
        }
    };
    if let Err(p) = viewer.check_csrf(&state, form.csrf.as_deref()) {
        return error_page(Some(&viewer), p, "/jobs");
    }
    let source = if !form.description.trim().is_empty() {
        Some(JobSource::Text(form.description.clone()))
    } else if !form.job_url.trim().is_empty() {
        Some(JobSource::Url(form.job_url.trim().to_string()))
    } else {
        None
    };
    let change = JobChange {
        title: Some(form.title.clone()),
        source,
        weights: weights_of(&form.w_content, &form.w_format, &form.w_sections),
    };
    match hiring::create_job(state.app(), change).await {
        Ok(v) => see_other(&job_path(&v.job.id)),
        Err(p) if p.status < 500 => {
            let r = jobs_page(&state, &viewer, form, Some(p)).await;
            or_error(&viewer, "/jobs", r)
        }
        Err(p) => error_page(Some(&viewer), p, "/jobs"),
    }
}

/// The signature of an upload summary carried in the redirect back to the job page, so the
/// page shows only summaries this server wrote.
fn flash_sig(state: &AppState, job: &str, text: &str) -> String {
    csrf::token(state.secret(), &format!("flash\0{job}\0{text}"))
}

#[derive(Template)]
#[template(path = "job.html")]
struct JobPage {
    layout: Layout,
    path: String,
    title: String,
    description: String,
    weights: String,
    created: String,
    total: i64,
    summary: JobSummaryView,
    flash: Option<String>,
    headers: Vec<Header>,
    rows: Vec<CandidateRow>,
    min_score: String,
    no_knockouts: bool,
    shortlisted: bool,
    filtered: bool,
    sort: &'static str,
    dir: &'static str,
    csv_href: String,
    clear_href: String,
    /// This page's address with its table state (where row forms come back to).
    here: String,
}

/// The query of a job page, its table state, and the job's ranking with the table's filters.
async fn ranked_table(
    state: &AppState,
    id: &str,
    q: Result<Query<TableQuery>, QueryRejection>,
) -> Result<(TableQuery, Table, JobView, Vec<RankedCandidate>), Problem> {
    let q = q
        .map(|q| q.0)
        .map_err(|e| Problem::bad_request("invalid_query", e.body_text()))?;
    let table = Table::new(&q)?;
    let (view, rows) = hiring::ranking(state.app(), id, &table.filter).await?;
    Ok((q, table, view, rows))
}

/// `GET /jobs/{id}`.
pub async fn show(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
    q: Result<Query<TableQuery>, QueryRejection>,
) -> Response {
    let r = async {
        let (q, table, view, mut rows) = ranked_table(&state, &id, q).await?;
        let path = job_path(&view.job.id);
        sort_rows(&mut rows, table.sort, table.desc);
        let headers = COLUMNS
            .iter()
            .map(|&(key, label, first_desc)| {
                let current = key == table.sort;
                let desc = if current { !table.desc } else { first_desc };
                Header {
                    label,
                    href: with_query(&path, &table.query(Some((key, desc)))),
                    aria_sort: match (current, table.desc) {
                        (false, _) => "none",
                        (true, true) => "descending",
                        (true, false) => "ascending",
                    },
                    arrow: match (current, table.desc) {
                        (false, _) => "",
                        (true, true) => "\u{25bc}",
                        (true, false) => "\u{25b2}",
                    },
                }
            })
            .collect();
        let flash = match (&q.flash, &q.sig) {
            (Some(text), Some(sig))
                if csrf::verify(
                    state.secret(),
                    &format!("flash\0{}\0{text}", view.job.id),
                    sig,
                ) =>
            {
                Some(text.clone())
            }
            _ => None,
        };
        let j = &view.job;
        Ok::<_, Problem>(page(
            StatusCode::OK,
            &JobPage {
                layout: Layout::new(Some(&viewer), j.title.clone(), "jobs"),
                title: j.title.clone(),
                description: j.description.clone(),
                weights: weights_words(j.weights.as_deref()),
                created: day(j.created_at),
                total: j.candidates,
                summary: JobSummaryView::new(&view.analysis),
                flash,
                headers,
                rows: rows.iter().map(|r| candidate_row(&path, r)).collect(),
                min_score: table.min_score.clone(),
                no_knockouts: table.filter.ranking.no_knockouts,
                shortlisted: table.filter.shortlisted,
                filtered: table.filtered(),
                sort: table.sort,
                dir: if table.desc { "desc" } else { "asc" },
                csv_href: with_query(&format!("{path}/ranking.csv"), &table.filter_query()),
                clear_href: path.clone(),
                here: with_query(&path, &table.query(None)),
                path,
            },
        ))
    }
    .await;
    or_error(&viewer, "/jobs", r)
}

/// `GET /jobs/{id}/ranking.csv`: the ranking with the page's filters, as a download.
pub async fn csv(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
    q: Result<Query<TableQuery>, QueryRejection>,
) -> Response {
    let r = async {
        let (_, _, view, rows) = ranked_table(&state, &id, q).await?;
        let csv = hiring::ranking_csv(&rows)?;
        Ok::<_, Problem>(download::ranking_csv(&view.job.id, csv))
    }
    .await;
    or_error(&viewer, &job_path(&id), r)
}

// ---------------------------------------------------------------------------------------------
// Uploads.

/// Longest upload summary carried back in the redirect.
const MAX_FLASH: usize = 600;

/// `POST /jobs/{id}/candidates`: analyse and store the files, then back to the job page with
/// a summary.
pub async fn upload(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
    mp: Multipart,
) -> Response {
    let back = job_path(&id);
    let r = async {
        let s = state.settings();
        let mut parts = read_parts(mp, s.max_upload_size, s.max_upload_files + 8).await?;
        let token = take(&mut parts, &["csrf"]).map(|p| p.text());
        viewer.check_csrf(&state, token.as_deref())?;
        let files: Vec<_> = parts
            .into_iter()
            .filter(|p| p.file_name.is_some() && !is_empty_file(p))
            .map(|p| p.upload())
            .collect();
        if files.is_empty() {
            return Err(Problem::bad_request(
                "missing_file",
                "choose one or more resume files (or a ZIP of resumes) to upload",
            ));
        }
        let out = hiring::add_candidates(state.app(), &id, files).await?;
        let unreadable = out.added.iter().filter(|a| a.error.is_some()).count();
        let added = out.added.len() - unreadable;
        let mut text = format!("{added} added, {unreadable} unreadable");
        for w in &out.warnings {
            text.push_str("; ");
            text.push_str(w);
        }
        if text.len() > MAX_FLASH {
            let mut cut = MAX_FLASH;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            text.push('\u{2026}');
        }
        let q = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("flash", &text)
            .append_pair("sig", &flash_sig(&state, &out.job_id, &text))
            .finish();
        Ok::<_, Problem>(see_other(&format!("{}?{q}", job_path(&out.job_id))))
    }
    .await;
    or_error(&viewer, &back, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_paths_only_take_plain_ids() {
        assert_eq!(job_path("ab12"), "/jobs/ab12");
        assert_eq!(job_path("../x"), "/jobs");
        assert_eq!(job_path(""), "/jobs");
    }

    #[test]
    fn weights_fields_become_the_core_syntax() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            weights_of(&s("0.7"), &None, &s(" ")),
            Some("content=0.7".into())
        );
        assert_eq!(weights_of(&None, &None, &None), None);
        assert!(weights_words(None).starts_with("content 60%"));
    }
}
