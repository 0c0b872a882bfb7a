//! The hiring team's pages: the job list with its create form (`/jobs`), a job's page (its
//! analysis, the upload form, and the ranked table — sortable by column and filterable, both
//! server-side through the query string), candidate uploads (files and ZIPs; back to the job
//! with a signed summary such as "12 added, 1 unreadable"), the ranking as CSV, a candidate's
//! page (the same evidence partials as the job seeker's report), the shortlist flag, the
//! original file, and deleting jobs and candidates (after a confirmation page).

use std::cmp::Ordering;

use askama::Template;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;

use atscore_core::job::Importance;
use atscore_core::score::rank::RankingFilter;

use super::csrf;
use super::render::{error_page, or_error, page, see_other, Layout};
use super::report::{band, one, AtsView, JobSummaryView, ReportView};
use super::seeker::is_empty_file;
use super::session::{local_path, Viewer};
use crate::app::hiring::{self, CandidateFilter, JobChange, JobView, RankedCandidate};
use crate::app::inputs::JobSource;
use crate::app::seeker;
use crate::http::download;
use crate::http::problem::Problem;
use crate::http::state::AppState;
use crate::http::uploads::{read_parts, take};

/// The page of a job id (ids are hex; anything else falls back to the job list).
fn job_path(id: &str) -> String {
    if !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        format!("/jobs/{id}")
    } else {
        "/jobs".into()
    }
}

fn day(secs: i64) -> String {
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

// ---------------------------------------------------------------------------------------------
// The ranked table: filters and sorting from the query string.

/// The query string of a job page (every field text, so a bad value is a friendly error).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TableQuery {
    min_score: Option<String>,
    no_knockouts: Option<String>,
    shortlisted: Option<String>,
    sort: Option<String>,
    dir: Option<String>,
    flash: Option<String>,
    sig: Option<String>,
}

/// Sortable columns: key, heading, whether the first click sorts descending.
const COLUMNS: &[(&str, &str, bool)] = &[
    ("rank", "Rank", false),
    ("name", "Candidate", false),
    ("score", "Score", true),
    ("content", "Content", true),
    ("format", "Format", true),
    ("sections", "Sections", true),
    ("matched", "Required met", true),
    ("missing", "Missing required", false),
    ("knockouts", "Knockouts", false),
    ("shortlisted", "Shortlist", true),
];

fn on(v: &Option<String>) -> bool {
    v.as_deref()
        .is_some_and(|v| !matches!(v.trim(), "" | "0" | "false" | "off"))
}

/// The table's state: filter and order.
#[derive(Debug, Clone)]
struct Table {
    filter: CandidateFilter,
    min_score: String,
    sort: &'static str,
    desc: bool,
}

impl Table {
    fn new(q: &TableQuery) -> Result<Table, Problem> {
        let min_text = q.min_score.as_deref().unwrap_or("").trim().to_string();
        let min_score = if min_text.is_empty() {
            None
        } else {
            Some(
                min_text
                    .parse::<f64>()
                    .ok()
                    .filter(|m| m.is_finite())
                    .ok_or_else(|| {
                        Problem::bad_request(
                            "invalid_query",
                            format!("minimum score `{min_text}` is not a number"),
                        )
                    })?,
            )
        };
        let (sort, first_desc) = COLUMNS
            .iter()
            .find(|c| Some(c.0) == q.sort.as_deref())
            .map_or(("rank", false), |c| (c.0, c.2));
        let desc = match q.dir.as_deref() {
            Some("asc") => false,
            Some("desc") => true,
            _ => first_desc,
        };
        Ok(Table {
            filter: CandidateFilter {
                ranking: RankingFilter {
                    min_score,
                    no_knockouts: on(&q.no_knockouts),
                    top: None,
                },
                shortlisted: on(&q.shortlisted),
            },
            min_score: min_text,
            sort,
            desc,
        })
    }

    /// The query string of this state, with another order when given.
    fn query(&self, order: Option<(&str, bool)>) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        if !self.min_score.is_empty() {
            s.append_pair("min_score", &self.min_score);
        }
        if self.filter.ranking.no_knockouts {
            s.append_pair("no_knockouts", "1");
        }
        if self.filter.shortlisted {
            s.append_pair("shortlisted", "1");
        }
        let (sort, desc) = order.unwrap_or((self.sort, self.desc));
        if sort != "rank" || desc {
            s.append_pair("sort", sort);
            s.append_pair("dir", if desc { "desc" } else { "asc" });
        }
        s.finish()
    }

    /// Only the filters (the CSV follows the ranking's order).
    fn filter_query(&self) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        if !self.min_score.is_empty() {
            s.append_pair("min_score", &self.min_score);
        }
        if self.filter.ranking.no_knockouts {
            s.append_pair("no_knockouts", "1");
        }
        if self.filter.shortlisted {
            s.append_pair("shortlisted", "1");
        }
        s.finish()
    }

    fn filtered(&self) -> bool {
        self.filter.ranking.min_score.is_some()
            || self.filter.ranking.no_knockouts
            || self.filter.shortlisted
    }
}

fn with_query(path: &str, q: &str) -> String {
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{q}")
    }
}

/// A value to sort on; `None` (unreadable files) sorts last in both directions.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Key {
    Num(f64),
    Text(String),
}

fn display_name(r: &RankedCandidate) -> String {
    r.candidate
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| r.ranked.name().to_string())
}

fn sort_key(r: &RankedCandidate, key: &str) -> Option<Key> {
    let rep = r.ranked.outcome.as_ref().ok();
    let required = |m: bool| {
        rep.map(|rep| {
            let n = if m {
                rep.matched
                    .iter()
                    .filter(|x| x.importance == Importance::Required)
                    .count()
            } else {
                rep.missing
                    .iter()
                    .filter(|x| x.importance == Importance::Required)
                    .count()
            };
            Key::Num(n as f64)
        })
    };
    match key {
        "name" => Some(Key::Text(display_name(r).to_lowercase())),
        "shortlisted" => Some(Key::Num(r.candidate.shortlisted as u8 as f64)),
        "rank" => r.ranked.rank.map(|n| Key::Num(n as f64)),
        "score" => rep.map(|x| Key::Num(x.score)),
        "content" => rep.map(|x| Key::Num(x.breakdown.content_match.score)),
        "format" => rep.map(|x| Key::Num(x.breakdown.format_compatibility.score)),
        "sections" => rep.map(|x| Key::Num(x.breakdown.sections.score)),
        "matched" => required(true),
        "missing" => required(false),
        "knockouts" => rep.map(|x| Key::Num(x.knockouts.len() as f64)),
        _ => None,
    }
}

/// Order rows by a column; ties keep the ranking's order.
fn sort_rows(rows: &mut [RankedCandidate], key: &str, desc: bool) {
    rows.sort_by(|a, b| match (sort_key(a, key), sort_key(b, key)) {
        (Some(x), Some(y)) => {
            let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
            if desc {
                o.reverse()
            } else {
                o
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
}

#[derive(Debug, Clone)]
struct Header {
    label: &'static str,
    href: String,
    /// `aria-sort`: ascending, descending or none.
    aria_sort: &'static str,
    arrow: &'static str,
}

#[derive(Debug, Clone)]
struct CandidateRow {
    href: String,
    shortlist_action: String,
    rank: String,
    name: String,
    file: String,
    scored: bool,
    error: String,
    score: String,
    band: &'static str,
    content: String,
    format: String,
    sections: String,
    matched: String,
    /// The first few missing required skills, and how many more there are.
    missing: Vec<String>,
    missing_more: usize,
    knockouts: usize,
    /// Knockouts other than a missing required skill (years, degree), which the missing
    /// column does not show.
    knockout_notes: Vec<String>,
    shortlisted: bool,
}

/// Missing required skills named in a row of the table.
const MISSING_SHOWN: usize = 4;

fn candidate_row(job: &str, r: &RankedCandidate) -> CandidateRow {
    let c = &r.candidate;
    let href = format!("{job}/candidates/{}", c.id);
    let base = CandidateRow {
        shortlist_action: format!("{href}/shortlist"),
        href,
        rank: r.ranked.rank.map_or("\u{2014}".into(), |n| n.to_string()),
        name: display_name(r),
        file: r.ranked.name().to_string(),
        scored: false,
        error: String::new(),
        score: String::new(),
        band: "poor",
        content: String::new(),
        format: String::new(),
        sections: String::new(),
        matched: String::new(),
        missing: Vec::new(),
        missing_more: 0,
        knockouts: 0,
        knockout_notes: Vec::new(),
        shortlisted: c.shortlisted,
    };
    match &r.ranked.outcome {
        Err(e) => CandidateRow {
            error: format!("Unreadable: {}", e.message),
            ..base
        },
        Ok(rep) => {
            let b = &rep.breakdown;
            let matched = rep
                .matched
                .iter()
                .filter(|m| m.importance == Importance::Required)
                .count();
            let missing: Vec<String> = rep
                .missing
                .iter()
                .filter(|m| m.importance == Importance::Required)
                .map(|m| m.name.clone())
                .collect();
            CandidateRow {
                scored: true,
                score: one(rep.score),
                band: band(rep.score),
                content: one(b.content_match.score),
                format: one(b.format_compatibility.score),
                sections: one(b.sections.score),
                matched: format!("{matched} of {}", rep.job.required.len()),
                missing_more: missing.len().saturating_sub(MISSING_SHOWN),
                missing: missing.into_iter().take(MISSING_SHOWN).collect(),
                knockouts: rep.knockouts.len(),
                knockout_notes: rep
                    .knockouts
                    .iter()
                    .filter(|k| k.code != "missing_required_skill")
                    .map(|k| k.message.clone())
                    .collect(),
                ..base
            }
        }
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

// ---------------------------------------------------------------------------------------------
// A candidate.

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

// ---------------------------------------------------------------------------------------------
// Deleting.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_state_round_trips_through_the_query() {
        let q = TableQuery {
            min_score: Some(" 50 ".into()),
            no_knockouts: Some("on".into()),
            sort: Some("score".into()),
            ..TableQuery::default()
        };
        let t = Table::new(&q).unwrap();
        assert_eq!(t.filter.ranking.min_score, Some(50.0));
        assert!(t.filter.ranking.no_knockouts && !t.filter.shortlisted);
        assert!(t.desc, "score sorts best first on the first click");
        assert_eq!(
            t.query(None),
            "min_score=50&no_knockouts=1&sort=score&dir=desc"
        );
        assert_eq!(
            t.query(Some(("rank", false))),
            "min_score=50&no_knockouts=1"
        );
        assert_eq!(t.filter_query(), "min_score=50&no_knockouts=1");
        let bad = TableQuery {
            min_score: Some("lots".into()),
            ..TableQuery::default()
        };
        assert_eq!(Table::new(&bad).unwrap_err().status, 400);
    }

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
