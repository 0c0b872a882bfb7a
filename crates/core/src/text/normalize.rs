//! Text clean-up shared by every extractor: Unicode NFKC (expands "ﬁ"/"ﬂ" ligatures and
//! full-width forms), removal of icon-font / private-use glyphs, unmapped glyphs (U+FFFD, NUL),
//! control and zero-width characters, and soft hyphens; whitespace collapsed.

use unicode_normalization::UnicodeNormalization;

/// What [`clean`] removed, for the format findings.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Dropped {
    /// Private-use-area (icon font) code points.
    pub icons: u32,
    /// U+FFFD replacement characters and NULs (glyphs without a Unicode mapping).
    pub unmapped: u32,
}

impl std::ops::AddAssign for Dropped {
    fn add_assign(&mut self, o: Dropped) {
        self.icons += o.icons;
        self.unmapped += o.unmapped;
    }
}

/// True for private-use code points (icon fonts such as FontAwesome or Phosphor).
pub fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// True for characters that never carry text: controls (except tab), zero-width marks, BOM,
/// soft hyphen, variation selectors.
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{00AD}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{FEFF}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{202A}'..='\u{202E}'
        )
}

/// Clean one line of text: NFKC, drop icon/unmapped/invisible characters, tabs and runs of
/// white space become one space, trimmed. Returns the text and what was dropped.
pub fn clean(s: &str) -> (String, Dropped) {
    let mut dropped = Dropped::default();
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfkc() {
        if c == '\u{FFFD}' || c == '\0' {
            dropped.unmapped += 1;
            continue;
        }
        if is_private_use(c) {
            dropped.icons += 1;
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    (out, dropped)
}

/// [`clean`] without the statistics.
pub fn clean_text(s: &str) -> String {
    clean(s).0
}

/// Bullet characters that start list items in resumes.
pub const BULLETS: &[char] = &[
    '•', '·', '●', '○', '◦', '▪', '▫', '■', '□', '►', '▶', '▸', '‣', '⁃', '∙', '➢', '➤', '✓', '✔',
    '◆', '◇', '❖', '-', '–', '—', '*', '+', 'o',
];

/// If `s` starts with a list bullet ("• ", "- ", "* ", "o "), return the rest of the line.
pub fn strip_bullet(s: &str) -> Option<&str> {
    let t = s.trim_start();
    let mut chars = t.chars();
    let first = chars.next()?;
    if !BULLETS.contains(&first) {
        return None;
    }
    let rest = chars.as_str();
    // "o" and "-"/"+"/"*" need a following space to be a bullet; symbols may be glued.
    let needs_space = first.is_ascii_alphanumeric() || matches!(first, '-' | '*' | '+');
    if needs_space {
        let r = rest.strip_prefix(' ')?;
        if r.trim().is_empty() {
            return None;
        }
        return Some(r.trim_start());
    }
    Some(rest.trim_start())
}

/// Lower-cased word tokens (letters/digits), used by metrics and matching.
pub fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.nfkc() {
        if c.is_alphanumeric() {
            if is_cjk(c) {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                out.push(c.to_lowercase().collect());
            } else {
                cur.extend(c.to_lowercase());
            }
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// CJK ideographs, kana and hangul: each character is a word of its own.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_expand_and_icons_drop() {
        let (t, d) = clean("\u{FB01}nance \u{F0E0} pro\u{FB01}le\u{FFFD}");
        assert_eq!(t, "finance profile");
        assert_eq!(d.icons, 1);
        assert_eq!(d.unmapped, 1);
        assert_eq!(clean_text("pro\u{FB01}le"), "profile");
    }

    #[test]
    fn whitespace_collapses() {
        assert_eq!(clean_text("  a\t\u{00A0}b \u{200B}c  "), "a b c");
        assert_eq!(clean_text("co\u{00AD}operate"), "cooperate");
    }

    #[test]
    fn bullets() {
        assert_eq!(strip_bullet("• Led a team"), Some("Led a team"));
        assert_eq!(strip_bullet("- Led"), Some("Led"));
        assert_eq!(strip_bullet("-5 degrees"), None);
        assert_eq!(strip_bullet("o Built"), Some("Built"));
        assert_eq!(strip_bullet("oracle"), None);
    }

    #[test]
    fn tokenizer() {
        assert_eq!(
            tokens("Hello, World-2 ﬁne"),
            vec!["hello", "world", "2", "fine"]
        );
        assert_eq!(tokens("北京a"), vec!["北", "京", "a"]);
    }
}
