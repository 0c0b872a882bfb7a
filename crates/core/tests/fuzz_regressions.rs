//! Fuzz regressions, replayed by the ordinary test suite:
//! - every input under `fuzz/regressions/<target>/` (each crash, hang or slow unit a fuzzer
//!   found is kept there under the target's name: see docs/security.md) goes through the same
//!   function as its fuzz target;
//! - a deterministic mini-fuzz of one real file per format (the corpus, or our examples for
//!   HTML and plain text): truncations at every eighth and seeded byte flips, through the extractor of the
//!   format and through the whole resume pipeline.
//!
//! Each input must finish within a time bound and without a panic — also one the extractor
//! catches and turns into "the file is damaged": a panic hook counts them.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Once, RwLock};
use std::time::{Duration, Instant};

use atscore_core::document::extract;
use atscore_core::limits::Limits;
use atscore_core::matching::skills::Taxonomy;
use atscore_core::Format;
use atscore_core::{parse_resume, ParseOptions};
use atscore_testkit::corpus::require_corpus;
use atscore_testkit::examples::example_path;
use atscore_testkit::project_root;

/// Per input, in a debug build on a loaded CI machine (release runs take a fraction of this).
const BOUND: Duration = Duration::from_secs(10);

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// Checks hold it shared; the test that panics on purpose holds it alone, so its panic is never
/// counted against an input checked at the same time on another test thread.
static PANIC_WINDOW: RwLock<()> = RwLock::new(());

/// Count every panic in this process (the default hook still prints it).
fn count_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            default(info);
        }));
    });
}

/// The fuzz target of each name, as in `fuzz/fuzz_targets/`.
fn run_target(target: &str, data: &[u8]) {
    let limits = Limits::default();
    let format = match target {
        "extract_pdf" => Format::Pdf,
        "extract_docx" => Format::Docx,
        "extract_odt" => Format::Odt,
        "extract_fodt" => Format::Fodt,
        "extract_rtf" => Format::Rtf,
        "extract_doc" => Format::Doc,
        "extract_html" => Format::Html,
        "extract_markdown" => Format::Markdown,
        "extract_text" => Format::Text,
        "parse_job" => {
            let _ = atscore_core::matching::job::parse_job(data, &limits, Taxonomy::embedded());
            return;
        }
        "parse_resume" => {
            let _ = parse_resume(data, &ParseOptions::default());
            return;
        }
        other => panic!("fuzz/regressions/{other}: no fuzz target of that name"),
    };
    let _ = extract::extract(data, format, &limits);
}

/// The public corpus, looked up while no input is being checked: under CI=true a missing
/// corpus panics, and that panic must not count against an input another test is checking.
fn corpus() -> Option<PathBuf> {
    let _alone = PANIC_WINDOW.write().unwrap_or_else(|e| e.into_inner());
    require_corpus()
}

/// Run one input and check it: no panic, within the bound.
fn check(target: &str, what: &str, data: &[u8]) {
    count_panics();
    let _shared = PANIC_WINDOW.read().unwrap_or_else(|e| e.into_inner());
    let before = PANICS.load(Ordering::SeqCst);
    let t = Instant::now();
    run_target(target, data);
    let took = t.elapsed();
    assert_eq!(
        PANICS.load(Ordering::SeqCst),
        before,
        "{target} panicked on {what} (a caught panic is still a bug)"
    );
    assert!(took < BOUND, "{target} took {took:?} on {what}");
}

/// Truncations at each eighth, then `flips` copies with 1–8 seeded random bytes changed.
fn mutations(bytes: &[u8], flips: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for eighth in 1..8 {
        let cut = bytes.len() * eighth / 8;
        out.push((format!("truncated at {cut}"), bytes[..cut].to_vec()));
    }
    let mut state = seed | 1;
    let mut next = move || {
        // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    for i in 0..flips {
        let mut m = bytes.to_vec();
        let n = 1 + (next() % 8) as usize;
        for _ in 0..n {
            if m.is_empty() {
                break;
            }
            let at = (next() % m.len() as u64) as usize;
            m[at] = next() as u8;
        }
        out.push((format!("flip set {i} ({n} bytes)"), m));
    }
    out
}

/// The first corpus file with this extension (our examples for HTML and plain text, which the
/// corpus has only as ground truth, so those two run without the corpus); `None` without the
/// corpus (a failure under CI=true).
fn sample(ext: &str) -> Option<(String, Vec<u8>)> {
    let path = if ext == "html" {
        example_path("jobs/marketing-manager.html")
    } else if ext == "txt" {
        example_path("jobs/data-analyst.txt")
    } else {
        let corpus = corpus()?;
        let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == ext)
                    && !p.to_string_lossy().ends_with(".truth.txt")
                    && std::fs::metadata(p).is_ok_and(|m| m.len() < 400_000)
            })
            .collect();
        files.sort();
        files
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("the corpus has no .{ext} file under 400 kB"))
    };
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    Some((name, std::fs::read(&path).unwrap()))
}

fn mini_fuzz(ext: &str, target: &str, seed: u64) {
    let Some((name, bytes)) = sample(ext) else {
        return;
    };
    let cases = mutations(&bytes, 12, seed);
    assert_eq!(cases.len(), 19);
    for (what, data) in &cases {
        check(target, &format!("{name}, {what}"), data);
    }
    // The whole pipeline (detection, guarded extraction, sections, entities) on a few of them.
    for (what, data) in cases.iter().step_by(4) {
        check("parse_resume", &format!("{name}, {what}"), data);
    }
}

/// One test per format: `name: (extension, fuzz target, seed)`.
macro_rules! mini_fuzz_tests {
    ($($test:ident: ($ext:literal, $target:literal, $seed:literal),)*) => {$(
        #[test]
        fn $test() {
            mini_fuzz($ext, $target, $seed);
        }
    )*};
}

mini_fuzz_tests! {
    mini_fuzz_pdf: ("pdf", "extract_pdf", 0x5eed_0001),
    mini_fuzz_docx: ("docx", "extract_docx", 0x5eed_0002),
    mini_fuzz_odt: ("odt", "extract_odt", 0x5eed_0003),
    mini_fuzz_fodt: ("fodt", "extract_fodt", 0x5eed_0004),
    mini_fuzz_rtf: ("rtf", "extract_rtf", 0x5eed_0005),
    mini_fuzz_doc: ("doc", "extract_doc", 0x5eed_0006),
    mini_fuzz_html: ("html", "extract_html", 0x5eed_0007),
    mini_fuzz_markdown: ("md", "extract_markdown", 0x5eed_0008),
    mini_fuzz_text: ("txt", "extract_text", 0x5eed_0009),
}

/// A finding kept as an edit of a corpus file (`base NAME`, `length N`, then `at OFFSET FROM
/// TO` lines in hex), so that a derived copy of somebody's resume is not committed. The base is
/// checked (its length and the bytes being replaced) before the edit is applied.
fn apply_edit(path: &Path) -> Option<Vec<u8>> {
    let corpus = corpus()?;
    let text = std::fs::read_to_string(path).unwrap();
    let mut data: Option<Vec<u8>> = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["base", name] => data = Some(std::fs::read(corpus.join(name)).unwrap()),
            ["length", n] => {
                let d = data.as_ref().expect("base before length");
                assert_eq!(
                    d.len(),
                    n.parse::<usize>().unwrap(),
                    "{}: base changed",
                    path.display()
                );
            }
            ["at", offset, from, to] => {
                let d = data.as_mut().expect("base before at");
                let at: usize = offset.parse().unwrap();
                let (from, to) = (hex(from), hex(to));
                assert_eq!(
                    &d[at..at + from.len()],
                    &from[..],
                    "{}: base changed",
                    path.display()
                );
                d.splice(at..at + from.len(), to);
            }
            other => panic!("{}: cannot read {other:?}", path.display()),
        }
    }
    Some(data.expect("an edit names its base"))
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Every saved fuzz finding, through its target. The directory names must be fuzz targets, and
/// the set is never empty: it holds at least the hand-made inputs kept there for the job parser.
#[test]
fn saved_fuzz_findings_stay_fixed() {
    let dir = project_root().join("fuzz/regressions");
    let mut replayed = 0;
    let mut targets: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    targets.sort();
    for t in targets {
        let target = t.file_name().unwrap().to_string_lossy().to_string();
        for f in std::fs::read_dir(&t).unwrap() {
            let f = f.unwrap().path();
            if f.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            let data = if f.extension().is_some_and(|e| e == "edit") {
                let Some(data) = apply_edit(&f) else {
                    continue; // no corpus (a loud skip, a failure under CI=true)
                };
                data
            } else {
                std::fs::read(&f).unwrap()
            };
            check(&target, &f.display().to_string(), &data);
            replayed += 1;
        }
    }
    assert!(replayed > 0, "nothing under {}", dir.display());
}

/// The check's own premise: a panic caught inside the code under test is still counted.
#[test]
fn the_panic_counter_sees_caught_panics() {
    count_panics();
    let _alone = PANIC_WINDOW.write().unwrap_or_else(|e| e.into_inner());
    let before = PANICS.load(Ordering::SeqCst);
    let caught = std::panic::catch_unwind(|| panic!("a caught panic (expected by this test)"));
    assert!(caught.is_err());
    assert_eq!(PANICS.load(Ordering::SeqCst), before + 1);
}
