//! Hostile files through the CLI and the API (issue 7): each one made here (always), or taken
//! from the public corpus's `malformed/` (when the corpus is there: `atscore_testkit::corpus`)
//! is parsed by `atscore parse --json` and uploaded to one running
//! `atscore serve`. Every one must get its documented answer — a specific error code (CLI exit
//! 2, HTTP 4xx problem document), or a parse where that is the policy — within 10 s, never a
//! crash, a hang or a 5xx; the CLI's and the server's peak resident memory stay under 512 MB;
//! the server still answers afterwards. External references in a DOCX (a template on a local
//! listener) are never fetched, and an external entity's file never shows in the text.

mod support;

use std::io::Read;
use std::net::TcpListener;
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use atscore_testkit::archive::{docx, zip_of, W_NS as W};
use atscore_testkit::corpus::{corpus_bytes, require_corpus};
use atscore_testkit::fixtures;
use atscore_testkit::serve::start_serve;
use support::{bin, serve_cmd, sqlite_url};

const LIMIT: Duration = Duration::from_secs(10);
const RSS_LIMIT_KB: u64 = 512 * 1024;

/// A PDF from numbered object bodies (1 is the catalog), with a correct xref table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn pages_pdf(n: usize) -> Vec<u8> {
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", i + 4)).collect();
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        b"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 720 Td (Jane Doe) Tj ET\nendstream".to_vec(),
    ];
    for _ in 0..n {
        objs.push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>".to_vec());
    }
    pdf(&objs)
}

fn cyclic_pdf() -> Vec<u8> {
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>".to_vec(),
    ])
}

fn billion_laughs() -> Vec<u8> {
    let mut dtd = String::from(r#"<!ENTITY lol "lol">"#);
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    docx(
        &format!(
            r#"<?xml version="1.0"?><!DOCTYPE lolz [{dtd}]><w:document {W}><w:body><w:p><w:r><w:t>Jane Doe &lol9;</w:t></w:r></w:p></w:body></w:document>"#
        ),
        &[],
    )
}

fn external_entity(secret: &Path) -> Vec<u8> {
    docx(
        &format!(
            r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file://{}">]><w:document {W}><w:body><w:p><w:r><w:t>Jane Doe &xxe;</w:t></w:r></w:p></w:body></w:document>"#,
            secret.display()
        ),
        &[],
    )
}

fn deep_docx(depth: usize) -> Vec<u8> {
    docx(
        &format!(
            r#"<?xml version="1.0"?><w:document {W}><w:body>{}<w:r><w:t>Jane</w:t></w:r>{}</w:body></w:document>"#,
            "<w:p>".repeat(depth),
            "</w:p>".repeat(depth)
        ),
        &[],
    )
}

fn template_docx(port: u16) -> Vec<u8> {
    let settings = format!(
        r#"<?xml version="1.0"?><w:settings {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:attachedTemplate r:id="rId1"/></w:settings>"#
    );
    let settings_rels = format!(
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://127.0.0.1:{port}/template.dotm" TargetMode="External"/></Relationships>"#
    );
    let document_rels = format!(
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://127.0.0.1:{port}/pixel.png" TargetMode="External"/></Relationships>"#
    );
    docx(
        &atscore_testkit::archive::document_xml("Jane Doe, Rust engineer"),
        &[
            ("word/settings.xml", settings.as_bytes()),
            ("word/_rels/settings.xml.rels", settings_rels.as_bytes()),
            ("word/_rels/document.xml.rels", document_rels.as_bytes()),
        ],
    )
}

/// One hostile input and what it must get: `Ok(())` = parsed (the documented policy), or the
/// error code (CLI JSON `error.code`, API problem `code`).
struct Case {
    name: String,
    bytes: Vec<u8>,
    expect: Result<(), &'static str>,
}

fn case(name: &str, bytes: Vec<u8>, expect: Result<(), &'static str>) -> Case {
    Case {
        name: name.to_string(),
        bytes,
        expect,
    }
}

/// Peak RSS (VmHWM) of a process, in KiB.
fn vm_hwm(pid: u32) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Run the CLI on a file: (exit code, JSON error code, wall time, peak RSS in KiB). The peak
/// is read from the child's /proc status just before it is reaped (it is a zombie-free
/// approximation: the process is polled every few milliseconds).
fn cli_parse(path: &Path) -> (Option<i32>, Option<String>, Duration, u64) {
    let t = Instant::now();
    let mut child = bin()
        .args(["parse", "--json"])
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let mut peak = 0;
    let status = loop {
        if let Some(kb) = vm_hwm(pid) {
            peak = peak.max(kb);
        }
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if t.elapsed() > LIMIT * 2 {
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(3));
    };
    let out = reader.join().unwrap();
    let code = serde_json::from_str::<serde_json::Value>(&out)
        .ok()
        .and_then(|v| v["error"]["code"].as_str().map(str::to_string));
    (status.code(), code, t.elapsed(), peak)
}

#[test]
fn hostile_files_get_their_answer_quickly_and_nothing_breaks() {
    let tmp = std::env::temp_dir().join(format!("atscore-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let secret = tmp.join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-CANARY-7731").unwrap();

    // A listener that counts connections: a fetched external reference would show here.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let canary_port = listener.local_addr().unwrap().port();
    let touched = Arc::new(AtomicUsize::new(0));
    let seen = touched.clone();
    std::thread::spawn(move || {
        for s in listener.incoming() {
            if s.is_ok() {
                seen.fetch_add(1, Ordering::SeqCst);
            }
        }
    });

    // A real PDF with a ZIP appended: the committed fixture always, the corpus's below.
    let polyglot = |pdf: Vec<u8>| [pdf, zip_of(&[("a.txt", b"hello")])].concat();
    let mut cases = vec![
        case("empty.pdf", Vec::new(), Err("empty")),
        case(
            "photo.pdf",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec(),
            Err("unsupported_format"),
        ),
        case(
            "just-over-limit.txt",
            vec![b'a'; 10 * 1024 * 1024 + 1],
            Err("too_large"),
        ),
        case("pages-20000.pdf", pages_pdf(20_000), Err("too_many_pages")),
        case("cyclic-page-tree.pdf", cyclic_pdf(), Err("corrupt")),
        case(
            "polyglot-pdf-zip.pdf",
            polyglot(fixtures::bytes("henrik-solberg.pdf")),
            Ok(()),
        ),
        case("billion-laughs.docx", billion_laughs(), Ok(())),
        case("external-entity.docx", external_entity(&secret), Ok(())),
        case(
            "nesting-100000.docx",
            deep_docx(100_000),
            Err("limit_exceeded"),
        ),
        case(
            "nesting-100000.html",
            format!(
                "<html><body>{}Jane Doe{}</body></html>",
                "<div>".repeat(100_000),
                "</div>".repeat(100_000)
            )
            .into_bytes(),
            Ok(()),
        ),
        case("external-template.docx", template_docx(canary_port), Ok(())),
    ];
    // The corpus's hostile files, when it is there (a failure under CI=true when it is not).
    if require_corpus().is_some() {
        let jakegut = corpus_bytes("jakegut_resume.pdf").unwrap();
        cases.push(case("polyglot-jakegut-zip.pdf", polyglot(jakegut), Ok(())));
    }
    for (file, expect) in [
        ("zip-bomb-300MB.docx", Err("limit_exceeded")),
        ("flate-bomb-120MB.pdf", Err("limit_exceeded")),
        ("sb2nov_encrypted-userpw.pdf", Err("encrypted_pdf")),
        ("sb2nov_encrypted-owneronly.pdf", Ok(())),
        ("sb2nov_truncated-50pct.pdf", Err("corrupt")),
        ("rendercv_byteflip-0.5pct.pdf", Err("corrupt")),
        ("not-a-zip.docx", Err("corrupt")),
    ] {
        let Some(bytes) = corpus_bytes(&format!("malformed/{file}")) else {
            break;
        };
        cases.push(case(file, bytes, expect));
    }

    // The CLI.
    for c in &cases {
        let path = tmp.join(&c.name);
        std::fs::write(&path, &c.bytes).unwrap();
        let (exit, code, took, peak) = cli_parse(&path);
        eprintln!(
            "cli  {:32} exit {exit:?} {code:?} {took:?} peak {} MiB",
            c.name,
            peak / 1024
        );
        assert!(took < LIMIT, "{}: {took:?}", c.name);
        assert!(peak < RSS_LIMIT_KB, "{}: {peak} KiB", c.name);
        match c.expect {
            Ok(()) => assert_eq!(exit, Some(0), "{}: {code:?}", c.name),
            Err(want) => {
                assert_eq!(exit, Some(2), "{}", c.name);
                assert_eq!(code.as_deref(), Some(want), "{}", c.name);
            }
        }
    }

    // The API: one server takes them all.
    let mut cmd = serve_cmd(&sqlite_url(&tmp, "h.db"));
    cmd.env("LOG_LEVEL", "warn");
    let (mut child, addr) = start_serve(cmd);
    let pid = child.id();
    let client = reqwest::blocking::Client::builder()
        .timeout(LIMIT * 2)
        .build()
        .unwrap();
    for c in &cases {
        let t = Instant::now();
        let form = reqwest::blocking::multipart::Form::new().part(
            "file",
            reqwest::blocking::multipart::Part::bytes(c.bytes.clone()).file_name(c.name.clone()),
        );
        let r = client
            .post(format!("http://{addr}/api/v1/parse"))
            .multipart(form)
            .send()
            .unwrap();
        let took = t.elapsed();
        let status = r.status().as_u16();
        let body: serde_json::Value = r.json().unwrap();
        eprintln!("api  {:32} {status} {} {took:?}", c.name, body["code"]);
        assert!(took < LIMIT, "{}: {took:?}", c.name);
        assert!(status < 500, "{}: {status} {body}", c.name);
        match c.expect {
            Ok(()) => assert_eq!(status, 200, "{}: {body}", c.name),
            Err(want) => {
                assert!((400..500).contains(&status), "{}: {status}", c.name);
                assert_eq!(body["code"], want, "{}: {body}", c.name);
            }
        }
        if c.name == "external-entity.docx" {
            assert!(
                !body.to_string().contains("TOP-SECRET-CANARY"),
                "an entity was expanded"
            );
        }
        // still answering
        let h = client.get(format!("http://{addr}/healthz")).send().unwrap();
        assert_eq!(h.status(), 200);
    }

    // A ZIP of resumes with zip-slip names: stored under sanitised names, nothing written
    // outside (the server keeps files in its database, never on disk by name).
    let job: serde_json::Value = client
        .post(format!("http://{addr}/api/v1/jobs"))
        .json(&serde_json::json!({"description": "Rust engineer"}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let id = job["id"].as_str().unwrap();
    let slip = zip_of(&[
        (
            "../../../../tmp/atscore-evil.md",
            b"# Jane Doe\nRust engineer",
        ),
        ("/etc/atscore-evil2.md", b"# John Roe\nGo engineer"),
    ]);
    let form = reqwest::blocking::multipart::Form::new().part(
        "files",
        reqwest::blocking::multipart::Part::bytes(slip).file_name("batch.zip"),
    );
    let r = client
        .post(format!("http://{addr}/api/v1/jobs/{id}/candidates"))
        .multipart(form)
        .send()
        .unwrap();
    assert_eq!(r.status(), 201);
    let added: serde_json::Value = r.json().unwrap();
    for a in added["added"].as_array().unwrap() {
        let name = a["file"].as_str().unwrap();
        let entry = name.strip_prefix("batch.zip/").unwrap_or(name);
        assert!(!entry.contains("..") && !entry.starts_with('/'), "{name}");
        assert!(
            a["score"].as_f64().is_some(),
            "the entries are still read: {a}"
        );
    }
    assert!(!Path::new("/tmp/atscore-evil.md").exists());
    assert!(!Path::new("/etc/atscore-evil2.md").exists());

    let peak = vm_hwm(pid).unwrap();
    eprintln!(
        "server peak RSS after every hostile file: {} MiB",
        peak / 1024
    );
    assert!(peak < RSS_LIMIT_KB, "server peak RSS {peak} KiB");
    assert_eq!(
        touched.load(Ordering::SeqCst),
        0,
        "an external reference was fetched"
    );
    let _ = child.kill();
    let _ = child.wait();
    std::fs::remove_dir_all(&tmp).ok();
}
