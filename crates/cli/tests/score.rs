//! End-to-end tests of `atscore score | rank | match` on the worked examples in `examples/`:
//! the JSON contracts, determinism, configurable weights, gaming resistance (keyword stuffing
//! loses to real experience; aliases are understood), honest what-if deltas, and robust
//! batch runs (unreadable files listed, ZIP archives opened).

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use atscore_testkit::examples::examples_dir;
use atscore_testkit::serve::json_stdout;
use serde_json::Value;
use support::bin;

fn resume(name: &str) -> PathBuf {
    examples_dir().join("resumes").join(name)
}

fn job() -> PathBuf {
    examples_dir().join("jobs/platform-engineer.md")
}

/// Arguments of mixed types (`&str`, `PathBuf`, `&OsStr`) as one list.
macro_rules! args {
    ($($x:expr),* $(,)?) => { Vec::<std::ffi::OsString>::from([$(std::ffi::OsString::from($x)),*]) };
}

fn run(args: &[std::ffi::OsString]) -> Output {
    bin().args(args).output().expect("run atscore")
}

/// Run a command that must succeed and print JSON.
fn run_json(args: &[std::ffi::OsString]) -> Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_stdout(&out)
}

fn score_json(resume: &Path, extra: &[&str]) -> Value {
    let mut args = args!["score", resume, "--job", job(), "--json"];
    args.extend(extra.iter().map(std::ffi::OsString::from));
    run_json(&args)
}

fn names(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn score_json_contract_and_determinism() {
    let a = score_json(&resume("alex-experienced.md"), &[]);
    let b = score_json(&resume("alex-experienced.md"), &[]);
    assert_eq!(a, b, "same inputs, same output");
    let total = a["score"].as_f64().unwrap();
    assert!((0.0..=100.0).contains(&total));
    assert!(a["scoring_version"].is_string() && a["taxonomy_version"].is_string());
    let br = &a["breakdown"];
    let (c, f, s) = (
        &br["content_match"],
        &br["format_compatibility"],
        &br["sections"],
    );
    assert_eq!(c["weight"], 0.6);
    assert_eq!(f["weight"], 0.2);
    assert_eq!(s["weight"], 0.2);
    let recomposed = 0.6 * c["score"].as_f64().unwrap()
        + 0.2 * f["score"].as_f64().unwrap()
        + 0.2 * s["score"].as_f64().unwrap();
    assert!(
        (recomposed - total).abs() <= 0.15,
        "{recomposed} vs {total}"
    );
    for k in ["skills", "experience", "education", "contact", "summary"] {
        assert!(s[k].as_f64().is_some(), "section {k}");
    }
    let matched = a["matched"].as_array().unwrap();
    assert!(!matched.is_empty());
    for m in matched {
        for k in [
            "name",
            "category",
            "importance",
            "credit",
            "evidence_level",
            "matched_as",
            "sections",
            "evidence",
        ] {
            assert!(!m[k].is_null(), "matched.{k} in {m}");
        }
    }
    let kube = matched
        .iter()
        .find(|m| m["name"] == "Kubernetes")
        .expect("Kubernetes matched");
    assert_eq!(kube["importance"], "required");
    assert_eq!(kube["evidence_level"], "used");
    assert!(kube["evidence"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("Kubernetes"));
    assert!(
        a["knockouts"].as_array().unwrap().is_empty(),
        "{}",
        a["knockouts"]
    );
    assert_eq!(a["job"]["title"], "Senior Platform Engineer");
    assert_eq!(a["job"]["min_years"], 5.0);
}

#[test]
fn weights_are_configurable_and_validated() {
    let a = score_json(
        &resume("lee-junior.md"),
        &["--weights", "content=1,format=0,sections=0"],
    );
    let content = a["breakdown"]["content_match"]["score"].as_f64().unwrap();
    assert!((a["score"].as_f64().unwrap() - content).abs() < 0.051);
    assert_eq!(a["breakdown"]["content_match"]["weight"], 1.0);

    let out = run(&args![
        "score",
        resume("lee-junior.md"),
        "--job",
        job(),
        "--weights",
        "speed=1",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let e = json_stdout(&out);
    assert_eq!(e["error"]["code"], "invalid_weights");
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown weight"));

    let cfg = std::env::temp_dir().join(format!("atscore-cfg-{}.json", std::process::id()));
    std::fs::write(
        &cfg,
        r#"{"weights": {"content": 0, "format": 1, "sections": 0}}"#,
    )
    .unwrap();
    let a = score_json(
        &resume("lee-junior.md"),
        &["--scoring-config", cfg.to_str().unwrap()],
    );
    assert_eq!(a["score"], a["breakdown"]["format_compatibility"]["score"]);
    let _ = std::fs::remove_file(cfg);
}

#[test]
fn junior_candidate_gets_knockouts_and_honest_suggestions() {
    let a = score_json(&resume("lee-junior.md"), &[]);
    let ko: Vec<&str> = a["knockouts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["code"].as_str().unwrap())
        .collect();
    assert!(ko.contains(&"years_below_minimum"), "{ko:?}");
    assert!(ko.contains(&"missing_required_skill"), "{ko:?}");
    let missing = names(&a, "missing");
    assert!(missing.contains(&"Kubernetes".to_string()), "{missing:?}");
    let sug = a["suggestions"].as_array().unwrap();
    assert!(!sug.is_empty());
    let deltas: Vec<f64> = sug.iter().map(|s| s["delta"].as_f64().unwrap()).collect();
    assert!(
        deltas.windows(2).all(|w| w[0] >= w[1]),
        "best first: {deltas:?}"
    );
    // The what-if delta is what the score really does: add a Kubernetes bullet to the
    // resume's experience and score again.
    let add = sug
        .iter()
        .find(|s| s["code"] == "add_skill" && s["skill"] == "Kubernetes")
        .expect("a suggestion to add Kubernetes");
    let delta = add["delta"].as_f64().unwrap();
    let text = std::fs::read_to_string(resume("lee-junior.md"))
        .unwrap()
        .replace(
            "- Packaged services with Docker for local development",
            "- Packaged services with Docker for local development\n- Deployed them on Kubernetes",
        );
    let edited = std::env::temp_dir().join(format!("atscore-lee-{}.md", std::process::id()));
    std::fs::write(&edited, text).unwrap();
    let b = score_json(&edited, &[]);
    let _ = std::fs::remove_file(&edited);
    let gained = b["score"].as_f64().unwrap() - a["score"].as_f64().unwrap();
    assert!(
        (gained - delta).abs() <= 1.5,
        "suggested +{delta}, editing the resume gave {gained:+.1}"
    );
}

fn rank_json(files: &[PathBuf]) -> Value {
    let mut args = args!["rank", "--job", job(), "--json"];
    args.extend(files.iter().map(std::ffi::OsString::from));
    run_json(&args)
}

fn rank_of(v: &Value, file_suffix: &str) -> u64 {
    v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["file"].as_str().unwrap().ends_with(file_suffix))
        .and_then(|c| c["rank"].as_u64())
        .unwrap_or_else(|| panic!("{file_suffix} not ranked in {v}"))
}

#[test]
fn keyword_stuffing_ranks_below_real_experience() {
    let v = rank_json(&[
        resume("kim-stuffed.md"),
        resume("alex-experienced.md"),
        resume("lee-junior.md"),
    ]);
    assert_eq!(rank_of(&v, "alex-experienced.md"), 1);
    assert!(rank_of(&v, "kim-stuffed.md") > rank_of(&v, "alex-experienced.md"));
    let kim = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["file"] == "kim-stuffed.md")
        .unwrap();
    // Every skill the stuffed resume claims is only listed, never shown in use.
    for m in kim["matched"].as_array().unwrap() {
        assert_eq!(m["evidence_level"], "listed", "{m}");
    }
}

#[test]
fn a_strong_candidate_written_in_aliases_ranks_at_the_top() {
    let v = rank_json(&[
        resume("kim-stuffed.md"),
        resume("sam-aliases.md"),
        resume("lee-junior.md"),
    ]);
    assert_eq!(rank_of(&v, "sam-aliases.md"), 1, "{v}");
    let sam = &v["candidates"][0];
    let kube = sam["matched"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Kubernetes")
        .expect("k8s read as Kubernetes");
    assert_eq!(kube["matched_as"], "k8s");
    assert_eq!(kube["via"], "k8s → Kubernetes");
    let matched = names(sam, "matched");
    for s in ["PostgreSQL", "Python", "AWS", "Go"] {
        assert!(
            matched.contains(&s.to_string()),
            "{s} not matched from its alias: {matched:?}"
        );
    }
}

#[test]
fn rank_lists_unreadable_files_and_opens_zip_archives() {
    let dir = std::env::temp_dir().join(format!("atscore-rank-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.pdf");
    std::fs::write(&empty, b"").unwrap();
    let png = dir.join("photo.pdf");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let zip_path = dir.join("batch.zip");
    {
        use std::io::Write;
        let f = std::fs::File::create(&zip_path).unwrap();
        let mut z = zip::ZipWriter::new(f);
        let opts = zip::write::SimpleFileOptions::default();
        for name in ["alex-experienced.md", "kim-stuffed.md"] {
            z.start_file(format!("resumes/{name}"), opts).unwrap();
            z.write_all(&std::fs::read(resume(name)).unwrap()).unwrap();
        }
        z.finish().unwrap();
    }
    let v = rank_json(&[zip_path.clone(), empty, png, resume("lee-junior.md")]);
    let c = v["candidates"].as_array().unwrap();
    assert_eq!(c.len(), 5, "{v}");
    assert_eq!(c[0]["file"], "batch.zip/resumes/alex-experienced.md");
    assert_eq!(c[0]["rank"], 1);
    let errors: Vec<(&str, &str)> = c
        .iter()
        .filter(|x| x["error"].is_object())
        .map(|x| {
            (
                x["file"].as_str().unwrap(),
                x["error"]["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        vec![("empty.pdf", "empty"), ("photo.pdf", "unsupported_format")]
    );
    assert!(c
        .iter()
        .filter(|x| x["error"].is_object())
        .all(|x| x["rank"].is_null()));

    // CSV with per-criterion evidence; --top keeps the best only.
    let csv_path = dir.join("out.csv");
    let out = run(&args![
        "rank",
        "--job",
        job(),
        "--csv",
        &csv_path,
        "--top",
        "2",
        zip_path,
        resume("lee-junior.md"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut rdr = csv::Reader::from_path(&csv_path).unwrap();
    let headers = rdr.headers().unwrap().clone();
    for h in [
        "rank",
        "file",
        "score",
        "knockouts",
        "matched_required",
        "missing_required",
        "skill_evidence",
    ] {
        assert!(headers.iter().any(|x| x == h), "CSV header {h}");
    }
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "1");
    assert!(rows[0][7].contains("Kubernetes (used"), "{:?}", rows[0]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn match_puts_the_fitting_job_first() {
    let out = run(&args![
        "match",
        resume("alex-experienced.md"),
        "--jobs",
        examples_dir().join("jobs"),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_stdout(&out);
    let jobs = v["jobs"].as_array().unwrap();
    assert!(jobs.len() >= 2, "{v}");
    assert_eq!(jobs[0]["file"], "platform-engineer.md");
    assert_eq!(jobs[0]["rank"], 1);
    assert!(jobs[0]["score"].as_f64() > jobs[1]["score"].as_f64());
}

#[test]
fn score_refuses_a_missing_job_file_clearly() {
    let out = run(&args![
        "score",
        resume("alex-experienced.md"),
        "--job",
        "/nonexistent/job.md",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json_stdout(&out)["error"]["code"], "io_error");
}

#[test]
fn a_user_aliases_file_extends_the_taxonomy() {
    let dir = std::env::temp_dir().join(format!("atscore-aliases-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cv = dir.join("cv.md");
    let text = std::fs::read_to_string(resume("lee-junior.md"))
        .unwrap()
        .replace(
            "- Packaged services with Docker for local development",
            "- Packaged services with Docker and ran them on orchestron",
        );
    std::fs::write(&cv, text).unwrap();
    let aliases = dir.join("aliases.tsv");
    std::fs::write(
        &aliases,
        "# our in-house name\nKubernetes\tplatform\torchestron\t\n",
    )
    .unwrap();
    let without = score_json(&cv, &[]);
    assert!(names(&without, "missing").contains(&"Kubernetes".to_string()));
    let with = score_json(&cv, &["--aliases", aliases.to_str().unwrap()]);
    let kube = with["matched"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Kubernetes")
        .expect("matched through the user alias");
    assert_eq!(kube["matched_as"], "orchestron");
    assert!(with["score"].as_f64() > without["score"].as_f64());
    assert_ne!(with["taxonomy_version"], without["taxonomy_version"]);

    std::fs::write(&aliases, "not a valid line\n").unwrap();
    let out = run(&args![
        "score",
        &cv,
        "--job",
        job(),
        "--aliases",
        &aliases,
        "--json"
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json_stdout(&out)["error"]["code"], "invalid_aliases");
    let _ = std::fs::remove_dir_all(&dir);
}
