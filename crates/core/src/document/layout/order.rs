//! Reading order: lines → blocks → columns → order.
//!
//! Content-stream order is kept unless the geometry contradicts it. Blocks are runs of
//! stream-consecutive lines that continue each other on the page; columns are found from
//! vertical white gutters; a gutter whose two sides are row-aligned (dates or labels in a
//! margin, as in moderncv) is not a column.

use super::TextLine;

/// A page's lines in reading order with their column and block information.
#[derive(Debug, Clone, Default)]
pub struct PageOrder {
    /// Lines in reading order.
    pub lines: Vec<TextLine>,
    /// Column index per line (0 when the page has one column or the line spans columns).
    pub column: Vec<u8>,
    /// First line of a block (paragraph) per line.
    pub block_start: Vec<bool>,
    /// Number of text columns detected on the page.
    pub columns: usize,
}

/// Group stream-consecutive lines into blocks of continuing text.
pub fn blocks(lines: &[TextLine]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=lines.len() {
        let split = i == lines.len() || !continues(&lines[i - 1], &lines[i]);
        if split {
            out.push(start..i);
            start = i;
        }
    }
    out
}

fn continues(a: &TextLine, b: &TextLine) -> bool {
    let size = a.size.max(b.size).max(1.0);
    let dy = b.baseline - a.baseline;
    let h_overlap = a.x1.min(b.x1) - a.x0.max(b.x0);
    dy > 0.3 * size && dy < 2.0 * size && (h_overlap > 0.0 || (a.x0 - b.x0).abs() < 2.0 * size)
}

/// Vertical gutters: x ranges inside the text area with (almost) no text, separating
/// substantial text on both sides. Returns the gutter centres, left to right.
pub fn find_gutters(lines: &[TextLine], page_width: f32) -> Vec<f32> {
    if lines.len() < 6 || page_width <= 0.0 {
        return Vec::new();
    }
    let bins = (page_width.ceil() as usize).clamp(1, 5000);
    let mut cover = vec![0.0f32; bins + 1];
    let mut total = 0.0f32;
    let (mut lo, mut hi) = (f32::MAX, f32::MIN);
    for l in lines {
        let h = l.size.max(1.0);
        total += h;
        lo = lo.min(l.x0);
        hi = hi.max(l.x1);
        let a = (l.x0.max(0.0) as usize).min(bins);
        let b = (l.x1.max(0.0) as usize).min(bins);
        for c in cover.iter_mut().take(b + 1).skip(a) {
            *c += h;
        }
    }
    if hi - lo < 100.0 {
        return Vec::new();
    }
    let thresh = 0.08 * total;
    let (lo_i, hi_i) = (lo.max(0.0) as usize, (hi.max(0.0) as usize).min(bins));
    let mut gutters = Vec::new();
    let mut i = lo_i;
    while i < hi_i {
        if cover[i] <= thresh {
            let s = i;
            while i < hi_i && cover[i] <= thresh {
                i += 1;
            }
            let width = (i - s) as f32;
            // Each side: weight (sum of sizes), line count, vertical extent.
            let side = |keep: &dyn Fn(&TextLine) -> bool| {
                let (mut w, mut n, mut top, mut bottom) = (0.0f32, 0usize, f32::MAX, f32::MIN);
                for l in lines.iter().filter(|l| keep(l)) {
                    w += l.size;
                    n += 1;
                    top = top.min(l.top);
                    bottom = bottom.max(l.baseline);
                }
                (w, n, top, bottom)
            };
            let (lw, ln, lt, lb) = side(&|l: &TextLine| l.x1 <= s as f32 + 1.0);
            let (rw, rn, rt, rb) = side(&|l: &TextLine| l.x0 >= i as f32 - 1.0);
            let overlap = lb.min(rb) - lt.max(rt);
            let text_height = lb.max(rb) - lt.min(rt);
            let substantial = (lw >= 0.15 * total && rw >= 0.15 * total)
                || (lw >= 0.08 * total && rw >= 0.08 * total && ln >= 6 && rn >= 6);
            if width >= 8.0 && substantial && overlap >= 0.4 * text_height {
                gutters.push((s + i) as f32 / 2.0);
            }
        } else {
            i += 1;
        }
    }
    gutters
}

/// True when the lines left and right of `gutter` sit on the same rows (a date/label margin).
fn row_aligned(lines: &[TextLine], gutter: f32) -> bool {
    let left: Vec<&TextLine> = lines.iter().filter(|l| l.x1 <= gutter).collect();
    let right: Vec<&TextLine> = lines.iter().filter(|l| l.x0 >= gutter).collect();
    let (small, big) = if left.len() <= right.len() {
        (&left, &right)
    } else {
        (&right, &left)
    };
    if small.is_empty() {
        return true;
    }
    let aligned = small
        .iter()
        .filter(|a| {
            big.iter()
                .any(|b| (a.baseline - b.baseline).abs() < 0.4 * a.size.max(1.0))
        })
        .count();
    // Two real columns set on one baseline grid are row-aligned too; but their lines follow
    // each other closely, while dates or labels in a margin stand apart (one per entry).
    let mut ys: Vec<(f32, f32)> = small
        .iter()
        .map(|l| (l.baseline, l.size.max(1.0)))
        .collect();
    ys.sort_by(|a, b| a.0.total_cmp(&b.0));
    let close = ys
        .windows(2)
        .filter(|w| w[1].0 - w[0].0 <= 1.6 * w[0].1)
        .count();
    let dense = ys.len() >= 8 && close as f32 >= 0.65 * (ys.len() - 1) as f32;
    aligned as f32 >= 0.8 * small.len() as f32 && !dense
}

/// Move lines drawn ahead of their place: a one-line block (typically a section heading, as
/// in Reactive-Resume's "Azurill", which draws every heading first) that sits directly on top
/// of a multi-line block drawn later is moved to just before that block.
pub fn hoist_displaced(lines: Vec<TextLine>) -> Vec<TextLine> {
    let bl = blocks(&lines);
    if bl.len() < 3 {
        return lines;
    }
    let mut block_of = vec![0usize; lines.len()];
    for (b, r) in bl.iter().enumerate() {
        for i in r.clone() {
            block_of[i] = b;
        }
    }
    // For each single-line block, the block it should precede (if any).
    let mut target: Vec<Option<usize>> = vec![None; bl.len()];
    for (b, r) in bl.iter().enumerate() {
        if r.len() != 1 {
            continue;
        }
        let h = &lines[r.start];
        let size = h.size.max(1.0);
        let below = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                let dy = l.baseline - h.baseline;
                dy > 0.3 * size && dy < 3.0 * size && l.x1.min(h.x1) - l.x0.max(h.x0) > 0.0
            })
            .min_by(|a, b| a.1.baseline.total_cmp(&b.1.baseline));
        if let Some((i, _)) = below {
            let tb = block_of[i];
            if bl[tb].start == i && tb > b + 1 && bl[tb].len() >= 2 {
                target[b] = Some(tb);
            }
        }
    }
    if target.iter().all(|t| t.is_none()) {
        return lines;
    }
    let mut order: Vec<usize> = Vec::with_capacity(lines.len());
    for (b, r) in bl.iter().enumerate() {
        if target[b].is_some() {
            continue;
        }
        for (h, t) in target.iter().enumerate() {
            if *t == Some(b) {
                order.extend(bl[h].clone());
            }
        }
        order.extend(r.clone());
    }
    let mut slots: Vec<Option<TextLine>> = lines.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Order a page's lines (given in stream order).
pub fn order_lines(lines: Vec<TextLine>, page_width: f32) -> PageOrder {
    let lines = hoist_displaced(lines);
    let gutters: Vec<f32> = find_gutters(&lines, page_width)
        .into_iter()
        .filter(|&g| !row_aligned(&lines, g))
        .collect();
    let columns = gutters.len() + 1;
    let column: Vec<u8> = lines
        .iter()
        .map(|l| {
            if gutters.iter().any(|&g| l.x0 < g && l.x1 > g) {
                0
            } else {
                gutters.iter().filter(|&&g| l.x0 >= g).count() as u8
            }
        })
        .collect();
    let mut block_start = vec![false; lines.len()];
    for r in blocks(&lines) {
        block_start[r.start] = true;
    }
    PageOrder {
        lines,
        column,
        block_start,
        columns,
    }
}
