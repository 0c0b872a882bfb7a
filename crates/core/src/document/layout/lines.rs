//! Glyphs → words → lines, in content-stream order.
//!
//! A line continues while glyphs stay on the same baseline and move forward; a space is
//! inserted where the PDF draws one or where the gap between glyph boxes exceeds a fraction of
//! the font size (Chromium PDFs draw no space glyphs at all). Overprinted glyphs (fake bold)
//! are dropped and letter-spaced headings ("J O H N") are collapsed into words.

use super::Glyph;

/// Gap (in em) above which two glyphs are separate words.
pub const WORD_GAP_EM: f32 = 0.17;

/// A line of text built from glyphs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextLine {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Top of the line box.
    pub top: f32,
    pub baseline: f32,
    /// Dominant (character-weighted) font size.
    pub size: f32,
    /// Share of non-space characters drawn bold.
    pub bold_ratio: f32,
    /// Index of the line's first glyph in stream order.
    pub seq: usize,
    /// Glyphs of the line (non-space), for later geometry checks.
    pub glyph_count: usize,
}

impl TextLine {
    pub fn height(&self) -> f32 {
        (self.baseline - self.top).max(1.0)
    }
}

/// A small multiplicative hasher for the overprint grid (keys are tiny, not attacker-chosen
/// in a way that matters: the grid is bounded by the page's glyphs).
#[derive(Default, Clone, Copy)]
struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(i as u64);
    }
    fn write_i32(&mut self, i: i32) {
        self.write_u64(i as u32 as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Glyph positions seen so far, bucketed by (char, 2-pt cell x, 2-pt cell y).
type OverprintGrid = std::collections::HashMap<(char, i32, i32), Vec<(f32, f32)>, FastHash>;

/// Drop glyphs drawn again at (almost) the same place: fake-bold overprinting.
pub fn dedupe_overprint(glyphs: &[Glyph]) -> Vec<Glyph> {
    use std::collections::HashMap;
    let mut seen: OverprintGrid = HashMap::default();
    let mut out = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        if g.c.is_whitespace() {
            out.push(g.clone());
            continue;
        }
        let bx = (g.x0 / 2.0).floor() as i32;
        let by = (g.baseline / 2.0).floor() as i32;
        let mut dup = false;
        'outer: for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(v) = seen.get(&(g.c, bx + dx, by + dy)) {
                    if v.iter()
                        .any(|&(x, y)| (x - g.x0).abs() < 1.2 && (y - g.baseline).abs() < 1.2)
                    {
                        dup = true;
                        break 'outer;
                    }
                }
            }
        }
        if dup {
            continue;
        }
        seen.entry((g.c, bx, by))
            .or_default()
            .push((g.x0, g.baseline));
        out.push(g.clone());
    }
    out
}

/// Build lines from glyphs in stream order.
pub fn build_lines(glyphs: &[Glyph]) -> Vec<TextLine> {
    let glyphs = dedupe_overprint(glyphs);
    let mut out: Vec<TextLine> = Vec::new();
    let mut cur: Vec<(Glyph, bool)> = Vec::new();
    let mut pending_space = false;
    let mut first_seq = 0usize;
    for (i, g) in glyphs.iter().enumerate() {
        if g.c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if let Some((last, _)) = cur.last() {
            let size = last.size.min(g.size).max(1.0);
            let dy = (g.baseline - last.baseline).abs();
            // Superscripts/subscripts: smaller glyph overlapping the line vertically.
            let script = g.size < 0.85 * last.size || last.size < 0.85 * g.size;
            let same_row = dy < 0.35 * size || (script && dy < 0.6 * last.size.max(g.size));
            let forward = g.x0 >= last.x1 - (0.6 * size).max(1.5);
            let gap = g.x0 - last.x1;
            // A wide gap together with a change of type size separates two things that share
            // a row (a big name left, contact details right); dates in body size stay on it.
            let ratio = last.size.max(g.size) / size;
            let separate = gap > 1.5 * size && ratio > 1.3;
            if same_row && forward && !separate {
                let space = pending_space || gap > WORD_GAP_EM * size;
                cur.push((g.clone(), space));
                pending_space = false;
                continue;
            }
            out.push(finish(&cur, first_seq));
            cur.clear();
        }
        first_seq = i;
        cur.push((g.clone(), false));
        pending_space = false;
    }
    if !cur.is_empty() {
        out.push(finish(&cur, first_seq));
    }
    out.retain(|l| !l.text.trim().is_empty());
    out
}

fn finish(glyphs: &[(Glyph, bool)], seq: usize) -> TextLine {
    let spaces = collapse_letter_spacing(glyphs);
    let mut text = String::new();
    let mut bold = 0usize;
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    let (mut x0, mut x1, mut top, mut base) = (f32::MAX, f32::MIN, f32::MAX, 0.0f32);
    let mut base_w = 0.0f32;
    for ((g, _), sp) in glyphs.iter().zip(spaces) {
        if sp && !text.is_empty() {
            text.push(' ');
        }
        text.push(g.c);
        if g.bold {
            bold += 1;
        }
        x0 = x0.min(g.x0);
        x1 = x1.max(g.x1);
        top = top.min(g.top());
        base += g.baseline * g.size;
        base_w += g.size;
        match sizes.iter_mut().find(|(s, _)| (*s - g.size).abs() < 0.25) {
            Some(e) => e.1 += 1,
            None => sizes.push((g.size, 1)),
        }
    }
    let size = sizes.iter().max_by_key(|e| e.1).map(|e| e.0).unwrap_or(0.0);
    TextLine {
        text,
        x0,
        x1,
        top,
        baseline: if base_w > 0.0 { base / base_w } else { 0.0 },
        size,
        bold_ratio: bold as f32 / glyphs.len().max(1) as f32,
        seq,
        glyph_count: glyphs.len(),
    }
}

/// Decide the spaces of a line; collapses letter-spaced runs ("J O H N  D O E" → "JOHN DOE").
fn collapse_letter_spacing(glyphs: &[(Glyph, bool)]) -> Vec<bool> {
    let spaces: Vec<bool> = glyphs.iter().map(|(_, s)| *s).collect();
    let n = glyphs.len();
    if n < 4 {
        return spaces;
    }
    // Words as runs between spaces; letter-spaced when most words are single letters.
    let words = spaces.iter().skip(1).filter(|&&s| s).count() + 1;
    let letters = glyphs.iter().filter(|(g, _)| g.c.is_alphanumeric()).count();
    if words < 4 || (words as f32) < 0.7 * letters as f32 {
        return spaces;
    }
    let gaps: Vec<f32> = (1..n)
        .map(|i| glyphs[i].0.x0 - glyphs[i - 1].0.x1)
        .collect();
    let mut sorted = gaps.clone();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let median = sorted[sorted.len() / 2];
    let size = glyphs[0].0.size.max(1.0);
    let mut out = vec![false; n];
    for i in 1..n {
        out[i] = gaps[i - 1] > median + 0.25 * size;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str, x: f32, y: f32, adv: f32, size: f32) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| Glyph::new(c, x + i as f32 * adv, y, adv * 0.9, size))
            .collect()
    }

    #[test]
    fn words_from_gaps_without_space_glyphs() {
        let mut g = word("Hello", 10.0, 100.0, 5.0, 10.0);
        g.extend(word("World", 10.0 + 5.0 * 5.0 + 3.0, 100.0, 5.0, 10.0));
        let lines = build_lines(&g);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "Hello World");
    }

    #[test]
    fn new_line_on_baseline_change() {
        let mut g = word("One", 10.0, 100.0, 5.0, 10.0);
        g.extend(word("Two", 10.0, 114.0, 5.0, 10.0));
        let lines = build_lines(&g);
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["One", "Two"]
        );
    }

    #[test]
    fn overprinted_glyphs_dropped() {
        let mut g = word("Skills", 10.0, 100.0, 5.0, 10.0);
        let mut again = word("Skills", 10.3, 100.2, 5.0, 10.0);
        g.append(&mut again);
        let lines = build_lines(&g);
        assert_eq!(lines[0].text, "Skills");
    }

    #[test]
    fn letter_spaced_heading_collapses() {
        // J O H N   D O E : letters 8pt apart (glyph width 5), word gap larger.
        let mut g = Vec::new();
        let mut x = 0.0;
        for (i, c) in "JOHNDOE".chars().enumerate() {
            if i == 4 {
                x += 6.0;
            }
            g.push(Glyph::new(c, x, 50.0, 5.0, 10.0));
            x += 8.0;
        }
        let lines = build_lines(&g);
        assert_eq!(lines[0].text, "JOHN DOE");
    }

    #[test]
    fn right_aligned_date_stays_on_row() {
        let mut g = word("Engineer", 10.0, 100.0, 5.0, 10.0);
        g.extend(word("2020", 400.0, 100.0, 5.0, 10.0));
        let lines = build_lines(&g);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "Engineer 2020");
    }

    proptest::proptest! {
        /// Any glyph soup: no panic, and every distinct visible glyph position survives
        /// (only exact overprints are dropped).
        #[test]
        fn never_panics_and_keeps_text(
            gs in proptest::collection::vec((proptest::char::range('a', 'z'), 0f32..600.0, 0f32..800.0, 1f32..30.0), 0..200)
        ) {
            let glyphs: Vec<Glyph> = gs.iter().map(|&(c, x, y, s)| Glyph::new(c, x, y, s * 0.5, s)).collect();
            let lines = build_lines(&glyphs);
            let kept: usize = lines.iter().map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count()).sum();
            let unique = dedupe_overprint(&glyphs).len();
            proptest::prop_assert_eq!(kept, unique);
            for l in &lines {
                proptest::prop_assert!(l.x0 <= l.x1);
            }
        }
    }
}
