//! Reading multipart uploads: every part is read in chunks and refused with 413 as soon as it
//! passes its limit (the request body limit bounds the whole request before that); then the
//! parts become what the workflows take ([`Upload`], [`JobSource`]).

use axum::extract::Multipart;
use axum::http::StatusCode;

use crate::app::inputs::{JobSource, Upload};
use crate::http::problem::Problem;

/// One uploaded part.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

impl Part {
    /// The part as text (form fields).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// The part as a workflow's file.
    pub fn upload(self) -> Upload {
        Upload {
            file_name: self.file_name,
            bytes: self.bytes,
        }
    }
}

/// Read every part, each at most `max_part` bytes, at most `max_parts` parts.
pub async fn read_parts(
    mut mp: Multipart,
    max_part: usize,
    max_parts: usize,
) -> Result<Vec<Part>, Problem> {
    let mut parts = Vec::new();
    loop {
        let mut field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(multipart_problem(e.status(), e.body_text())),
        };
        if parts.len() >= max_parts {
            return Err(Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_many_files",
                format!("at most {max_parts} parts may be sent in one request"),
            ));
        }
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > max_part {
                        return Err(Problem::new(
                            StatusCode::PAYLOAD_TOO_LARGE,
                            "too_large",
                            format!(
                                "`{}` is over the {max_part}-byte limit",
                                file_name.as_deref().unwrap_or(&name)
                            ),
                        ));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Err(multipart_problem(e.status(), e.body_text())),
            }
        }
        parts.push(Part {
            name,
            file_name,
            bytes,
        });
    }
    Ok(parts)
}

fn multipart_problem(status: StatusCode, text: String) -> Problem {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        Problem::new(status, "too_large", text)
    } else {
        Problem::new(StatusCode::BAD_REQUEST, "bad_multipart", text)
    }
}

/// Remove and return the first part with one of these names.
pub fn take(parts: &mut Vec<Part>, names: &[&str]) -> Option<Part> {
    let i = parts
        .iter()
        .position(|p| names.contains(&p.name.as_str()))?;
    Some(parts.remove(i))
}

/// The job from the form fields `job_text`, `job` (file) or `job_url`, first given wins in
/// that order; empty fields count as absent.
pub fn job_source(parts: &mut Vec<Part>) -> Option<JobSource> {
    let mut found = None;
    while let Some(p) = take(parts, &["job_text", "job_description", "job", "job_url"]) {
        if p.bytes.iter().all(|b| b.is_ascii_whitespace()) || found.is_some() {
            continue;
        }
        found = Some(match p.name.as_str() {
            "job_url" => JobSource::Url(p.text().trim().to_string()),
            "job" if p.file_name.is_some() => JobSource::File(p.bytes),
            _ => JobSource::Text(p.text()),
        });
    }
    found
}
