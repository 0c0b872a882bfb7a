//! Criterion benchmark: full parse (detect → extract → layout → sections → entities →
//! findings) per document, by format, on files of the public corpus.
//! Run with `cargo bench -p atscore-core --bench parse` (or `scripts/bench`).

use std::path::PathBuf;

use atscore_core::{parse_resume, ParseOptions};
use atscore_testkit::corpus::corpus_bytes;
use criterion::{criterion_group, criterion_main, Criterion};

const FILES: &[(&str, &str)] = &[
    ("pdf-1page-latex", "jakegut_resume.pdf"),
    ("pdf-1page-chromium", "resume-matcher_single-column.pdf"),
    ("pdf-2page-typst", "rendercv_classic.pdf"),
    ("pdf-2page-latex-2col", "altacv_sample.pdf"),
    ("pdf-5page-luatex", "awesome-cv_cv.pdf"),
    ("docx", "layout-fixture.docx"),
    ("docx-tables", "omkarpathak-resumeparser_chinmaya.docx"),
    ("odt", "layout-fixture.odt"),
    ("rtf", "layout-fixture.rtf"),
    ("doc", "layout-fixture.doc"),
    ("text", "jakegut_resume.pdf.truth.txt"),
];

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    g.sample_size(30);
    let opts = ParseOptions::default();
    // The corpus policy of the tests: without the corpus a SKIP line (a failure under CI=true).
    for (label, file) in FILES {
        let Some(bytes) = corpus_bytes(file) else {
            break;
        };
        g.bench_function(*label, |b| {
            b.iter(|| parse_resume(std::hint::black_box(&bytes), &opts))
        });
    }
    // The Python peer's own inputs (scripts/bench generates them), for same-file ratios.
    if let Ok(dir) = std::env::var("ATSCORE_BENCH_SAMPLES") {
        let dir = PathBuf::from(dir);
        for (label, file) in [
            ("peer-sample-1page-pdf", "resume_1page.pdf"),
            ("peer-sample-2page-pdf", "resume_2page.pdf"),
            ("peer-sample-docx", "resume.docx"),
        ] {
            if let Ok(bytes) = std::fs::read(dir.join(file)) {
                g.bench_function(label, |b| {
                    b.iter(|| parse_resume(std::hint::black_box(&bytes), &opts))
                });
            }
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
