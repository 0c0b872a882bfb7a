//! Limits and hostile input built in the test: sizes, page counts, unsupported types.

use atscore_core::{parse_resume, ErrorCode, Limits, ParseOptions};

fn code(bytes: &[u8], limits: Limits) -> Option<ErrorCode> {
    parse_resume(
        bytes,
        &ParseOptions {
            limits,
            ..Default::default()
        },
    )
    .err()
    .map(|e| e.code())
}

#[test]
fn empty_and_whitespace_are_empty() {
    assert_eq!(code(b"", Limits::default()), Some(ErrorCode::Empty));
    assert_eq!(code(b"  \n\t ", Limits::default()), Some(ErrorCode::Empty));
}

#[test]
fn over_the_size_limit_is_too_large() {
    let limits = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    assert_eq!(code(&[b'a'; 101], limits), Some(ErrorCode::TooLarge));
}

#[test]
fn png_named_anything_is_unsupported() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    assert_eq!(
        code(png, Limits::default()),
        Some(ErrorCode::UnsupportedFormat)
    );
    assert_eq!(
        code(b"PK\x03\x04garbage-zip", Limits::default()),
        Some(ErrorCode::UnsupportedFormat)
    );
}

#[test]
fn plain_text_resume_parses() {
    let cv = "Jane Doe\njane@example.com | +1 (555) 123-4567 | Berlin, Germany\n\nExperience\nSenior Engineer, Acme GmbH  Jan 2020 – Present\n- Built things\n\nEducation\nB.Sc. Computer Science, TU Berlin, 2015 – 2019\n";
    let r = parse_resume(cv.as_bytes(), &ParseOptions::default()).unwrap();
    assert_eq!(r.format, "text");
    assert_eq!(r.contact.email.as_deref(), Some("jane@example.com"));
    assert_eq!(r.contact.name.as_deref(), Some("Jane Doe"));
    assert!(r
        .sections
        .iter()
        .any(|s| s.heading.as_deref() == Some("Experience")));
    assert_eq!(r.experience.len(), 1);
    assert_eq!(
        r.experience[0].start.map(|d| d.to_string()).as_deref(),
        Some("2020-01")
    );
    assert!(r.experience[0].current);
}

#[test]
fn too_many_pages() {
    let Some(bytes) = atscore_testkit::corpus::corpus_bytes("awesome-cv_cv.pdf") else {
        return;
    };
    let limits = Limits {
        max_pages: 2,
        ..Limits::default()
    };
    assert_eq!(code(&bytes, limits), Some(ErrorCode::TooManyPages));
}

/// Past the time budget the caller gets `timeout` and the extraction thread, which cannot be
/// stopped, is counted as abandoned until its parser returns.
#[test]
fn a_document_over_the_time_budget_times_out_and_its_thread_is_counted_until_it_ends() {
    let before = atscore_core::document::abandoned_extractions();
    // A few MB of HTML takes well over a millisecond to extract.
    let mut html = String::from("<html><body>");
    for i in 0..60_000 {
        html.push_str(&format!(
            "<p>Line {i}: Rust, PostgreSQL and Kubernetes engineer</p>"
        ));
    }
    html.push_str("</body></html>");
    let limits = Limits {
        time_budget_ms: 1,
        ..Limits::default()
    };
    assert_eq!(code(html.as_bytes(), limits), Some(ErrorCode::Timeout));
    assert!(
        atscore_core::document::abandoned_extractions() > before,
        "the abandoned thread is counted"
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while atscore_core::document::abandoned_extractions() > before {
        assert!(
            std::time::Instant::now() < deadline,
            "the count never came back down"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
