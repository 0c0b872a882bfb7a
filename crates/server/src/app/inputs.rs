//! What the edges hand to the workflows: an uploaded file (its name as given, and its bytes),
//! and where a job description comes from (text, a file, or a URL to fetch).

/// One uploaded file.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The file name the client gave, if any.
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

/// Where the job description comes from.
#[derive(Debug, Clone)]
pub enum JobSource {
    Text(String),
    File(Vec<u8>),
    /// Fetched under the SSRF policy of [`crate::infra::fetch`].
    Url(String),
}
