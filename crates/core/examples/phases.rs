//! Debug aid: time the phases of PDF extraction for one file (release: `cargo run --release`).
use pdf_oxide::document::PdfDocument;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("file");
    let bytes = std::fs::read(&path).unwrap();
    let n = 20;
    let t = Instant::now();
    for _ in 0..n {
        atscore_core::document::extract::pdf::prescan(&bytes, &Default::default()).unwrap();
    }
    println!(
        "prescan        {:8.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let t = Instant::now();
    for _ in 0..n {
        let _ = PdfDocument::from_bytes(bytes.clone()).unwrap();
    }
    println!(
        "open           {:8.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let (mut spans, mut imgs, mut rects) = (0.0, 0.0, 0.0);
    for _ in 0..n {
        let doc = PdfDocument::from_bytes(bytes.clone()).unwrap();
        for p in 0..doc.page_count().unwrap() {
            let t = Instant::now();
            let _ = doc.extract_spans(p);
            spans += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let _ = doc.page_image_handles(p);
            imgs += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let _ = doc.extract_rects(p);
            rects += t.elapsed().as_secs_f64();
        }
    }
    println!("extract_spans  {:8.3} ms", spans * 1000.0 / n as f64);
    println!("image handles  {:8.3} ms", imgs * 1000.0 / n as f64);
    println!("rects          {:8.3} ms", rects * 1000.0 / n as f64);
    let t = Instant::now();
    for _ in 0..n {
        let doc = PdfDocument::from_bytes(bytes.clone()).unwrap();
        for p in 0..doc.page_count().unwrap() {
            let mut spans = doc.extract_spans(p).unwrap();
            spans.sort_by_key(|s| s.sequence);
            let c: usize = spans.iter().map(|s| s.to_chars().len()).sum();
            std::hint::black_box(c);
        }
    }
    println!(
        "open+spans+to_chars {:8.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let t = Instant::now();
    for _ in 0..n {
        let _ = atscore_core::document::extract::pdf::extract(&bytes, &Default::default());
    }
    println!(
        "pdf::extract   {:8.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let t = Instant::now();
    for _ in 0..n {
        let _ = atscore_core::parse_resume(&bytes, &Default::default());
    }
    println!(
        "parse_resume   {:8.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let t = Instant::now();
    for _ in 0..n {
        let _ = atscore_core::document::extract_document(&bytes, &Default::default());
    }
    println!(
        "extract only   {:8.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
}
