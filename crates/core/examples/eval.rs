//! Debug aid: extraction fidelity (word recall, bigram order) per corpus file.
//! `cargo run -p atscore-core --example eval [filter] [--text]`

use atscore_testkit::corpus::corpus_dir;
use atscore_testkit::fidelity::{bigram_order, word_recall};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filter = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_default();
    let show = args.iter().any(|a| a == "--text");
    let dir = corpus_dir();
    let mut rows = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for p in names {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".truth.txt")
            || name.ends_with(".md")
            || !name.contains(&filter)
            || p.is_dir()
        {
            continue;
        }
        let truth_path = dir.join(format!("{name}.truth.txt"));
        let truth = match std::fs::read_to_string(&truth_path) {
            Ok(t) => t,
            Err(_) => continue,
        };
        let bytes = std::fs::read(&p).unwrap();
        let t0 = std::time::Instant::now();
        let fmt = match atscore_core::document::detect::detect(&bytes) {
            atscore_core::document::detect::Detected::Supported(f) => f,
            _ => continue,
        };
        let doc = atscore_core::document::extract::extract(&bytes, fmt, &Default::default());
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        match doc {
            Ok(d) => {
                let text = d.text();
                let r = word_recall(&truth, &text);
                let o = bigram_order(&truth, &text);
                println!(
                    "{name:50} recall {r:.3} order {o:.3} {ms:7.1} ms cols {:?}",
                    d.facts.column_pages
                );
                if show {
                    println!("{text}");
                }
                rows.push((r, o));
            }
            Err(e) => println!("{name:50} ERROR {e}"),
        }
    }
    let n = rows.len() as f64;
    println!(
        "MEAN recall {:.4} order {:.4} over {}",
        rows.iter().map(|r| r.0).sum::<f64>() / n,
        rows.iter().map(|r| r.1).sum::<f64>() / n,
        rows.len()
    );
}
