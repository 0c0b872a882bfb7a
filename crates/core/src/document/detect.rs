//! Format detection from content (magic bytes and structure), never from a file name.

use serde::Serialize;

/// A supported (or recognised but unsupported) input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Docx,
    Odt,
    /// Flat ODT (`.fodt`, a single XML file).
    Fodt,
    Rtf,
    /// Legacy Word 97-2003 binary (`.doc`, an OLE compound file).
    Doc,
    Html,
    Markdown,
    Text,
}

impl Format {
    /// IANA media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Odt => "application/vnd.oasis.opendocument.text",
            Format::Fodt => "application/vnd.oasis.opendocument.text-flat-xml",
            Format::Rtf => "application/rtf",
            Format::Doc => "application/msword",
            Format::Html => "text/html",
            Format::Markdown => "text/markdown",
            Format::Text => "text/plain",
        }
    }

    /// Short lowercase name ("pdf", "docx", …) used in metrics and messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Fodt => "fodt",
            Format::Rtf => "rtf",
            Format::Doc => "doc",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Text => "text",
        }
    }
}

/// What the bytes look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    Supported(Format),
    /// Recognised, not supported (e.g. "PNG image", "ZIP archive").
    Unsupported(String),
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Detect the format of `bytes` from their content.
pub fn detect(bytes: &[u8]) -> Detected {
    use Detected::*;
    let head = &bytes[..bytes.len().min(1024)];
    // A PDF header may be preceded by junk (the spec allows it within the first 1024 bytes).
    if find(head, b"%PDF-").is_some() {
        return Supported(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return detect_zip(bytes);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Supported(Format::Doc);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Unsupported(kind.to_string());
    }
    let text_head = text_prefix(bytes);
    let t = text_head.trim_start().to_ascii_lowercase();
    if t.starts_with("{\\rtf") {
        return Supported(Format::Rtf);
    }
    if t.starts_with("<?xml") || t.starts_with("<office:document") {
        if t.contains("office:document") || t.contains("opendocument") {
            return Supported(Format::Fodt);
        }
        if t.contains("<html") || t.contains("xhtml") {
            return Supported(Format::Html);
        }
        return Unsupported("XML document".into());
    }
    if t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || t.starts_with("<head")
        || t.starts_with("<body")
        || (t.starts_with('<') && (t.contains("<div") || t.contains("<p>") || t.contains("<h1")))
    {
        return Supported(Format::Html);
    }
    if looks_binary(bytes) {
        return Unsupported("binary data".into());
    }
    if looks_markdown(&text_head) {
        return Supported(Format::Markdown);
    }
    Supported(Format::Text)
}

fn detect_zip(bytes: &[u8]) -> Detected {
    // Look at local file header names and the OpenDocument mimetype entry without inflating.
    let scan = &bytes[..bytes.len().min(4 * 1024 * 1024)];
    if find(
        &scan[..scan.len().min(200)],
        b"mimetypeapplication/vnd.oasis.opendocument.text",
    )
    .is_some()
    {
        return Detected::Supported(Format::Odt);
    }
    if find(scan, b"word/document.xml").is_some() || find(scan, b"word/_rels").is_some() {
        return Detected::Supported(Format::Docx);
    }
    if find(scan, b"[Content_Types].xml").is_some() && find(scan, b"word/").is_some() {
        return Detected::Supported(Format::Docx);
    }
    if find(scan, b"xl/workbook").is_some() {
        return Detected::Unsupported("Excel spreadsheet (XLSX)".into());
    }
    if find(scan, b"ppt/presentation").is_some() {
        return Detected::Unsupported("PowerPoint presentation (PPTX)".into());
    }
    if find(scan, b"opendocument").is_some() {
        return Detected::Unsupported("OpenDocument file other than text".into());
    }
    Detected::Unsupported("ZIP archive".into())
}

fn binary_kind(b: &[u8]) -> Option<&'static str> {
    let sig: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"II*\0", "TIFF image"),
        (b"MM\0*", "TIFF image"),
        (b"BM", "BMP image"),
        (b"\x1F\x8B", "gzip archive"),
        (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
        (b"Rar!", "RAR archive"),
        (b"\x7FELF", "executable (ELF)"),
        (b"MZ", "executable (Windows)"),
        (b"%!PS", "PostScript"),
        (b"\0\0\0", "binary data"),
    ];
    for (magic, name) in sig {
        if b.starts_with(magic) {
            // "BM"/"MZ" are also plausible text starts; require binary content after them.
            if (*name == "BMP image" || *name == "executable (Windows)") && !looks_binary(b) {
                continue;
            }
            return Some(name);
        }
    }
    if b.len() > 12 && &b[4..8] == b"ftyp" {
        return Some("media file (MP4/HEIC)");
    }
    if b.starts_with(b"RIFF") && b.len() > 12 && &b[8..12] == b"WEBP" {
        return Some("WebP image");
    }
    None
}

/// A lossy UTF-8/UTF-16 view of the first 4 KiB, for sniffing text formats.
fn text_prefix(b: &[u8]) -> String {
    let b = &b[..b.len().min(4096)];
    if b.starts_with(&[0xFF, 0xFE]) || b.starts_with(&[0xFE, 0xFF]) {
        let le = b[0] == 0xFF;
        let units: Vec<u16> = b[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        return String::from_utf16_lossy(&units);
    }
    let b = b.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(b);
    String::from_utf8_lossy(b).into_owned()
}

/// Binary if it has NULs (outside UTF-16 text) or many control bytes.
fn looks_binary(b: &[u8]) -> bool {
    if b.starts_with(&[0xFF, 0xFE]) || b.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let s = &b[..b.len().min(8192)];
    if s.is_empty() {
        return false;
    }
    let ctrl = s
        .iter()
        .filter(|&&c| c == 0 || (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0C)))
        .count();
    s.contains(&0) || ctrl * 100 > s.len() * 2
}

fn looks_markdown(t: &str) -> bool {
    let mut score = 0;
    for line in t.lines().take(200) {
        let l = line.trim_start();
        if l.starts_with("# ") || l.starts_with("## ") || l.starts_with("### ") {
            score += 2;
        }
        if l.starts_with("---") || l.starts_with("===") {
            score += 1;
        }
        if l.contains("](") || l.contains("**") {
            score += 1;
        }
    }
    score >= 2
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(detect(b"%PDF-1.7\n..."), Detected::Supported(Format::Pdf));
        assert_eq!(
            detect(b"{\\rtf1\\ansi hello}"),
            Detected::Supported(Format::Rtf)
        );
        assert_eq!(
            detect(b"<!DOCTYPE html><p>x</p>"),
            Detected::Supported(Format::Html)
        );
        assert_eq!(
            detect(b"Jane Doe\nEngineer\n"),
            Detected::Supported(Format::Text)
        );
        assert_eq!(
            detect(b"# Jane\n\n## Experience\n- x"),
            Detected::Supported(Format::Markdown)
        );
        assert!(matches!(
            detect(b"\x89PNG\r\n\x1a\n\0\0"),
            Detected::Unsupported(_)
        ));
        assert_eq!(detect(OLE_MAGIC), Detected::Supported(Format::Doc));
    }
}
