//! Debug aid: dump the positioned glyphs pdf_oxide reports for the first page of a PDF.
use pdf_oxide::document::PdfDocument;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let n: usize = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(200);
    let doc = PdfDocument::from_bytes(std::fs::read(&path).unwrap()).unwrap();
    println!("pages {:?} enc {}", doc.page_count(), doc.is_encrypted());
    if let Some(n) = std::env::args().nth(3) {
        spans(&doc, &n);
        return;
    }
    let chars = doc.extract_chars(0).unwrap();
    println!("mediabox {:?}", doc.get_page_media_box(0));
    for c in chars.iter().take(n) {
        println!("{:?} x={:.1} y={:.1} w={:.1} h={:.1} ox={:.1} oy={:.1} adv={:.2} radv={:.2} sz={:.1} {:?} {} col={:?} rot={}", c.char, c.bbox.x, c.bbox.y, c.bbox.width, c.bbox.height, c.origin_x, c.origin_y, c.advance_width, c.rendered_advance, c.font_size, c.font_weight, c.font_name, c.color, c.rotation_degrees);
    }
    for h in doc.page_image_handles(0).unwrap() {
        println!("img {}x{} bbox {:?}", h.width, h.height, h.bbox);
    }
}

#[allow(dead_code)]
fn spans(doc: &PdfDocument, needle: &str) {
    let mut spans = doc.extract_spans(0).unwrap();
    spans.sort_by_key(|s| s.sequence);
    for s in spans.iter().filter(|s| s.text.contains(needle)) {
        println!(
            "{:?} seq={} bbox={:?} size={} offs={:?} widths={:?}",
            s.text, s.sequence, s.bbox, s.font_size, s.char_x_offsets, s.char_widths
        );
        for c in s.to_chars() {
            print!("[{} {:.1}]", c.char, c.origin_x);
        }
        println!();
    }
}
