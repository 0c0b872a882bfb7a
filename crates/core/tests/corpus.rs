//! Extraction fidelity on the public resume corpus (`../shared/corpus/public`): word recall and
//! reading order against the hand-checked truth files, the format findings the MANIFEST
//! records, and hostile files from `malformed/` (typed error or partial text, in bounded time).

use std::time::{Duration, Instant};

use atscore_core::document::detect::{detect, Detected};
use atscore_core::document::extract;
use atscore_core::{parse_resume, ErrorCode, ParseOptions};
use atscore_testkit::corpus::{corpus_dir, require_corpus};
use atscore_testkit::fidelity::{bigram_order, word_recall};

#[test]
fn corpus_fidelity() {
    let Some(dir) = require_corpus() else {
        return;
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".truth.txt"))
        .map(|n| n.trim_end_matches(".truth.txt").to_string())
        .collect();
    names.sort();
    assert!(
        names.len() >= 30,
        "expected the whole corpus, found {}",
        names.len()
    );
    let (mut sum_r, mut sum_o, mut n) = (0.0, 0.0, 0usize);
    let mut failures = Vec::new();
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let truth = std::fs::read_to_string(dir.join(format!("{name}.truth.txt"))).unwrap();
        let Detected::Supported(fmt) = detect(&bytes) else {
            panic!("{name}: not detected")
        };
        let doc = match extract::extract(&bytes, fmt, &Default::default()) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{name}: extraction failed: {e}"));
                continue;
            }
        };
        let text = doc.text();
        let r = word_recall(&truth, &text);
        let o = bigram_order(&truth, &text);
        println!("{name:48} recall {r:.3} order {o:.3}");
        sum_r += r;
        sum_o += o;
        n += 1;
        if r < 0.95 || o < 0.95 {
            failures.push(format!("{name}: recall {r:.3} order {o:.3} (floor 0.95)"));
        }
    }
    let (mr, mo) = (sum_r / n as f64, sum_o / n as f64);
    println!("MEAN over {n}: recall {mr:.4} order {mo:.4}");
    assert!(
        failures.is_empty(),
        "per-file failures:\n{}",
        failures.join("\n")
    );
    assert!(mr >= 0.99, "mean word recall {mr:.4} < 0.99");
    assert!(mo >= 0.97, "mean bigram order {mo:.4} < 0.97");
}

fn parse_file(name: &str) -> atscore_core::ParsedResume {
    let dir = corpus_dir();
    let bytes = std::fs::read(dir.join(name)).unwrap();
    parse_resume(&bytes, &ParseOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn manifest_findings() {
    if require_corpus().is_none() {
        return;
    }
    // Two text columns (MANIFEST "columns" = 2) are reported…
    for f in [
        "altacv_sample.pdf",
        "altacv_mmayer.pdf",
        "deedy_resume-openfont.pdf",
        "reactive-resume_chikorita.pdf",
        "reactive-resume_azurill.pdf",
        "reactive-resume_gengar.pdf",
        "reactive-resume_nosepass.pdf",
        "reactive-resume_pikachu.pdf",
        "resume-matcher_two-column.pdf",
        "resume-matcher_modern-two-column.pdf",
    ] {
        assert!(parse_file(f).findings.has_columns, "{f}: columns expected");
    }
    // …single columns and date margins are not.
    for f in [
        "jakegut_resume.pdf",
        "sb2nov_resume.pdf",
        "rendercv_classic.pdf",
        "rendercv_moderncv.pdf",
        "moderncv_template-es.pdf",
        "resume-matcher_single-column.pdf",
        "open-resume_laverne.pdf",
        "awesome-cv_resume.pdf",
        "reactive-resume_bronzor.pdf",
        "reactive-resume_onyx.pdf",
        "moderncv_template-zh.pdf",
    ] {
        let r = parse_file(f);
        assert!(!r.findings.has_columns, "{f}: no columns expected");
        assert!(!r.findings.image_only, "{f}");
        assert!(!r.findings.hidden_text, "{f}: {:?}", r.findings.details);
    }
    // A bordered table drawn with ruling lines is a table; layouts without rules are not.
    assert!(parse_file("layout-fixture.pdf").findings.has_tables);
    for f in [
        "jakegut_resume.pdf",
        "reactive-resume_chikorita.pdf",
        "resume-matcher_modern-two-column.pdf",
    ] {
        assert!(!parse_file(f).findings.has_tables, "{f}: no table expected");
    }
    // Photos (gengar, AltaCV's Marissa Mayer) are images.
    assert!(parse_file("reactive-resume_gengar.pdf").findings.has_images);
    assert!(parse_file("altacv_mmayer.pdf").findings.has_images);
    // Icon fonts are reported (FontAwesome in Awesome-CV, Phosphor in Reactive-Resume).
    assert!(parse_file("awesome-cv_resume.pdf")
        .findings
        .details
        .iter()
        .any(|d| d.code == "icon_glyphs"));
    // Multi-page files keep their page count.
    assert_eq!(parse_file("awesome-cv_cv.pdf").pages, 5);
    assert_eq!(parse_file("moderncv_classic-green.pdf").pages, 4);
}

#[test]
fn malformed_files_fail_cleanly_and_fast() {
    let Some(dir) = require_corpus() else {
        return;
    };
    let dir = dir.join("malformed");
    let expect: &[(&str, Option<ErrorCode>)] = &[
        ("flate-bomb-120MB.pdf", Some(ErrorCode::LimitExceeded)),
        ("sb2nov_encrypted-userpw.pdf", Some(ErrorCode::EncryptedPdf)),
        ("not-a-zip.docx", Some(ErrorCode::Corrupt)),
        ("zip-bomb-300MB.docx", Some(ErrorCode::LimitExceeded)),
        (
            "layout-fixture_truncated-60pct.docx",
            Some(ErrorCode::Corrupt),
        ),
        ("sb2nov_encrypted-owneronly.pdf", None),
        ("rendercv_encrypted-rc4-owneronly.pdf", None),
        ("jakegut_image-only.pdf", None),
    ];
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(entry.path()).unwrap();
        let t = Instant::now();
        let r = parse_resume(&bytes, &ParseOptions::default());
        let took = t.elapsed();
        assert!(took < Duration::from_secs(10), "{name} took {took:?}");
        match expect.iter().find(|(f, _)| *f == name) {
            Some((_, Some(code))) => {
                assert_eq!(
                    r.as_ref().err().map(|e| e.code()),
                    Some(*code),
                    "{name}: {:?}",
                    r.as_ref().err()
                )
            }
            Some((_, None)) => {
                let p = r.unwrap_or_else(|e| panic!("{name}: {e}"));
                if name.contains("image-only") {
                    assert!(p.findings.image_only && p.text.is_empty(), "{name}");
                } else {
                    assert!(
                        p.text.contains("Sourabh") || p.text.contains("John Doe"),
                        "{name}: text expected"
                    );
                }
            }
            // Truncated / byte-flipped: a typed error or partial text with a warning.
            None => {
                if let Ok(p) = &r {
                    assert!(
                        !p.text.is_empty() || !p.warnings.is_empty(),
                        "{name}: empty success"
                    );
                }
            }
        }
    }
}
