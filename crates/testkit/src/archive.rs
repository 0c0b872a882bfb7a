//! Archives built in memory for hostile and scanning tests: a ZIP of named entries, and a
//! minimal DOCX (content types + `word/document.xml` + extra parts).

use std::io::Write;

/// A ZIP archive (deflated entries) in memory.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        w.start_file(
            *name,
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated),
        )
        .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The WordprocessingML namespace declaration, for hand-written `word/*.xml` parts.
pub const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// A DOCX of one `word/document.xml` and any `extra` parts (name, bytes).
pub fn docx(document_xml: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("word/document.xml", document_xml.as_bytes()),
    ];
    entries.extend_from_slice(extra);
    zip_of(&entries)
}

/// A `word/document.xml` of one paragraph of plain text (no markup in `text`).
pub fn document_xml(text: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><w:document {W_NS}><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"#
    )
}
