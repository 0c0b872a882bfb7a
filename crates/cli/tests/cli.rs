//! End-to-end tests of the `atscore` binary: exit codes, the `parse --json` contract, and
//! errors on hostile or unsupported input.

mod support;

use atscore_testkit::corpus::require_corpus;
use atscore_testkit::fixtures;
use atscore_testkit::serve::{json_stdout, start_serve};
use support::{bin, serve_cmd, sqlite_url};

#[test]
fn parse_json_contract_on_a_pdf() {
    let Some(dir) = require_corpus() else { return };
    let out = bin()
        .args(["parse", "--json"])
        .arg(dir.join("jakegut_resume.pdf"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_stdout(&out);
    for key in [
        "file",
        "media_type",
        "pages",
        "text",
        "sections",
        "contact",
        "experience",
        "education",
        "years_of_experience",
        "skills",
        "findings",
        "warnings",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(v["file"], "jakegut_resume.pdf");
    assert_eq!(v["media_type"], "application/pdf");
    assert_eq!(v["pages"], 1);
    assert_eq!(v["contact"]["name"], "Jake Ryan");
    assert_eq!(v["contact"]["email"], "jake@su.edu");
    let kinds: Vec<&str> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["contact", "education", "experience", "projects", "skills"]
    );
    let exp = v["experience"].as_array().unwrap();
    assert_eq!(exp.len(), 3);
    assert_eq!(exp[0]["title"], "Undergraduate Research Assistant");
    assert_eq!(exp[0]["start"], "2020-06");
    assert!(exp[0]["end"].is_null());
    assert!(!exp[0]["bullets"].as_array().unwrap().is_empty());
    for f in [
        "has_tables",
        "has_columns",
        "has_images",
        "text_boxes",
        "contact_in_header",
        "image_only",
        "hidden_text",
        "unmappable_fonts",
    ] {
        assert!(v["findings"][f].is_boolean(), "findings.{f}");
    }
    assert!(v["findings"]["details"].is_array());
    assert!(v["years_of_experience"].as_f64().unwrap() > 0.0);
}

#[test]
fn parse_human_report() {
    let Some(dir) = require_corpus() else { return };
    let out = bin()
        .arg("parse")
        .arg(dir.join("layout-fixture.docx"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("CONTACT") && s.contains("SECTIONS") && s.contains("FORMAT FINDINGS"),
        "{s}"
    );
    assert!(s.contains("has_tables") && s.contains("text_boxes"), "{s}");
}

/// Every file of the committed fixture corpus (no `../shared` needed): `parse --json` exits 0
/// with the format's media type, the file's contact e-mail from its truth, and sections.
#[test]
fn parse_json_on_every_fixture() {
    let names = fixtures::names();
    assert!(names.len() >= 9, "{names:?}");
    for name in &names {
        let out = bin()
            .args(["parse", "--json"])
            .arg(fixtures::path(name))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v = json_stdout(&out);
        assert_eq!(v["file"], name.as_str());
        let ext = name.rsplit('.').next().unwrap();
        let media = match ext {
            "pdf" => "application/pdf",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "odt" => "application/vnd.oasis.opendocument.text",
            "doc" => "application/msword",
            "rtf" => "application/rtf",
            "html" => "text/html",
            "md" => "text/markdown",
            "txt" => "text/plain",
            other => panic!("{name}: a fixture of unknown kind .{other}"),
        };
        assert_eq!(v["media_type"], media, "{name}");
        let truth = fixtures::truth(name);
        let email = v["contact"]["email"].as_str().unwrap_or_default();
        assert!(
            !email.is_empty() && truth.contains(email),
            "{name}: {}",
            v["contact"]
        );
        assert!(v["sections"].as_array().unwrap().len() >= 5, "{name}");
    }
}

#[test]
fn errors_exit_2_with_a_code() {
    let Some(dir) = require_corpus() else { return };
    let cases = [
        ("malformed/sb2nov_encrypted-userpw.pdf", "encrypted_pdf"),
        ("malformed/flate-bomb-120MB.pdf", "limit_exceeded"),
        ("malformed/zip-bomb-300MB.docx", "limit_exceeded"),
        ("malformed/not-a-zip.docx", "corrupt"),
        ("malformed/rendercv_byteflip-0.5pct.pdf", "corrupt"),
    ];
    for (file, code) in cases {
        let out = bin()
            .args(["parse", "--json"])
            .arg(dir.join(file))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{file}");
        let v = json_stdout(&out);
        assert_eq!(v["error"]["code"], code, "{file}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr.trim().lines().count(),
            1,
            "{file}: one stderr line expected, got {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    }
}

#[test]
fn empty_unsupported_and_too_large() {
    let tmp = std::env::temp_dir().join(format!("atscore-cli-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let empty = tmp.join("empty.pdf");
    std::fs::write(&empty, b"").unwrap();
    let png = tmp.join("photo.pdf");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let big = tmp.join("big.txt");
    std::fs::write(&big, vec![b'a'; 2048]).unwrap();
    for (path, extra, code) in [
        (&empty, None, "empty"),
        (&png, None, "unsupported_format"),
        (&big, Some("1024"), "too_large"),
    ] {
        let mut cmd = bin();
        cmd.args(["parse", "--json"]).arg(path);
        if let Some(limit) = extra {
            cmd.args(["--max-file-size", limit]);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(json_stdout(&out)["error"]["code"], code);
    }
    let out = bin()
        .args(["parse", "--json", "/nonexistent/cv.pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json_stdout(&out)["error"]["code"], "io_error");
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn serve_refuses_a_bad_bind_address_clearly() {
    let out = bin()
        .arg("serve")
        .env("BIND", "not-an-address")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("BIND"));
}

#[test]
fn serve_answers_health_and_stops_on_sigterm() {
    use std::io::{Read, Write};
    let tmp = std::env::temp_dir().join(format!("atscore-serve-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let (mut child, addr) = start_serve(serve_cmd(&sqlite_url(&tmp, "s.db")));
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(resp.contains("\"status\":\"ok\""), "{resp}");
    let pid = child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful exit: {status:?}");
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn keys_create_list_revoke() {
    let tmp = std::env::temp_dir().join(format!("atscore-keys-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let db = format!("sqlite://{}", tmp.join("k.db").display());
    let keys = |args: &[&str]| {
        bin()
            .arg("keys")
            .args(args)
            .args(["--database-url", &db])
            .output()
            .unwrap()
    };
    let out = keys(&["create", "ci"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let secret = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(secret.starts_with("ats_") && secret.len() == 36, "{secret}");
    let out = keys(&["create", "other", "--json"]);
    let v = json_stdout(&out);
    assert_eq!(v["name"], "other");
    let out = keys(&["list", "--json"]);
    let v = json_stdout(&out);
    let list = v["keys"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["prefix"], &secret[..12]);
    assert!(list[0]["revoked_at"].is_null());
    assert!(
        !String::from_utf8_lossy(&keys(&["list"]).stdout).contains(&secret),
        "the secret is never shown again"
    );
    // an ambiguous prefix revokes nothing
    let out = keys(&["revoke", "ats_"]);
    assert_eq!(out.status.code(), Some(2));
    let out = keys(&["revoke", &secret[..12]]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_stdout(&keys(&["list", "--json"]));
    assert!(v["keys"][0]["revoked_at"].is_string());
    assert!(v["keys"][1]["revoked_at"].is_null());
    let out = keys(&["revoke", &secret[..12]]);
    assert_eq!(out.status.code(), Some(2), "already revoked");
    std::fs::remove_dir_all(&tmp).ok();
}
