//! Files sent as downloads (`Content-Disposition: attachment`), one builder for the API and
//! the web UI: a candidate's original file and a ranking's CSV. The offered name is made safe
//! for the header: its last path segment (a ZIP entry's own name), only ASCII letters,
//! digits, `.`, `-`, `_` and spaces, and `resume` when nothing is left.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::app::hiring::CandidateFile;

/// The name offered for a candidate's file whose nothing survives the filter.
const FALLBACK_NAME: &str = "resume";

/// A file name safe inside `filename="…"`.
pub fn safe_file_name(name: &str) -> String {
    let safe: String = name
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|ch| ch.is_ascii_alphanumeric() || ".-_ ".contains(*ch))
        .collect();
    if safe.trim().is_empty() {
        FALLBACK_NAME.into()
    } else {
        safe
    }
}

/// `body` as a download named `name` (made safe), of type `content_type`.
fn attachment(content_type: String, name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", safe_file_name(name)),
            ),
        ],
        body,
    )
        .into_response()
}

/// A candidate's original file, with its detected media type.
pub fn candidate_file(f: CandidateFile) -> Response {
    let media_type = f
        .media_type
        .unwrap_or_else(|| "application/octet-stream".into());
    attachment(media_type, &f.file_name, f.bytes)
}

/// A job's ranking as CSV.
pub fn ranking_csv(job_id: &str, csv: String) -> Response {
    attachment(
        "text/csv; charset=utf-8".into(),
        &format!("ranking-{job_id}.csv"),
        csv.into_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe_for_the_header() {
        assert_eq!(safe_file_name("cv.pdf"), "cv.pdf");
        assert_eq!(safe_file_name("batch.zip/dir/Jo Doe.docx"), "Jo Doe.docx");
        assert_eq!(safe_file_name("a\"b\r\nc.txt"), "abc.txt");
        assert_eq!(safe_file_name("简历"), "resume");
        assert_eq!(safe_file_name("dir/"), "resume");
        assert_eq!(safe_file_name("  "), "resume");
    }
}
