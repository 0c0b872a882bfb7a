//! Case- and diacritic-insensitive comparison: the one folding every word list and heading
//! lookup uses ("Expérience" and "EXPERIENCE" meet as "experience").

use unicode_normalization::UnicodeNormalization;

/// Case- and diacritic-folded text: NFKD, combining marks dropped, lower-cased, ß → ss.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining(c) {
            continue;
        }
        if c == 'ß' {
            out.push_str("ss");
            continue;
        }
        out.extend(c.to_lowercase());
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}
