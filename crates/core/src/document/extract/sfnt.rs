//! Checks of the TrueType/OpenType fonts embedded in a PDF, run by the PDF pre-scan before the
//! PDF library reads them. pdf_oxide builds a glyph → Unicode map by walking every code point
//! of every range in a font's `cmap` subtables (formats 4 and 12), so a damaged or hostile
//! font with huge ranges makes it loop billions of times: a 128 KB upload cost minutes of CPU
//! on a thread that outlives the request's time budget (found by fuzzing;
//! `fuzz/regressions/parse_resume/`). A real font's ranges are disjoint and lie inside Unicode,
//! so they cover at most 0x110000 code points per subtable (65,536 for format 4); a font
//! claiming more than twice that is refused and the PDF reported as damaged.

/// Code points the ranges of one format 12 subtable may cover (twice Unicode's size).
pub const MAX_FORMAT12_CODES: u64 = 2 * 0x11_0000;
/// Code points the segments of one format 4 subtable may cover (twice the BMP).
pub const MAX_FORMAT4_CODES: u64 = 2 * 0x1_0000;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Whether these bytes start like an sfnt font (TrueType, OpenType, Apple `true`).
pub fn is_sfnt(b: &[u8]) -> bool {
    matches!(
        b.get(..4),
        Some([0, 1, 0, 0]) | Some(b"OTTO") | Some(b"true") | Some(b"typ1")
    )
}

/// Check the `cmap` subtables of an sfnt font: `Err` names the first subtable whose ranges
/// cover more code points than any real font's. A font too damaged to read the table
/// directory of passes (the PDF library refuses it on its own, quickly).
pub fn check_cmap(font: &[u8]) -> Result<(), String> {
    let Some(num_tables) = u16_at(font, 4) else {
        return Ok(());
    };
    let cmap = (0..num_tables as usize)
        .map(|i| 12 + 16 * i)
        .find(|&rec| font.get(rec..rec + 4) == Some(b"cmap"))
        .and_then(|rec| u32_at(font, rec + 8));
    let Some(cmap) = cmap.map(|o| o as usize) else {
        return Ok(());
    };
    let subtables = u16_at(font, cmap + 2).unwrap_or(0) as usize;
    for i in 0..subtables {
        let Some(offset) = u32_at(font, cmap + 4 + 8 * i + 4) else {
            break;
        };
        let sub = cmap.saturating_add(offset as usize);
        match u16_at(font, sub) {
            Some(4) => {
                let seg_count = u16_at(font, sub + 6).unwrap_or(0) as usize / 2;
                let ends = sub + 14;
                let starts = ends + 2 * seg_count + 2;
                let mut codes = 0u64;
                for s in 0..seg_count {
                    let (Some(end), Some(start)) =
                        (u16_at(font, ends + 2 * s), u16_at(font, starts + 2 * s))
                    else {
                        break;
                    };
                    if end >= start {
                        codes += u64::from(end - start) + 1;
                    }
                }
                if codes > MAX_FORMAT4_CODES {
                    return Err(format!(
                        "an embedded font's character map (format 4) covers {codes} code points"
                    ));
                }
            }
            Some(12) => {
                let groups = u32_at(font, sub + 12).unwrap_or(0) as usize;
                let mut codes = 0u64;
                for g in 0..groups {
                    let at = sub + 16 + 12 * g;
                    let (Some(start), Some(end)) = (u32_at(font, at), u32_at(font, at + 4)) else {
                        break;
                    };
                    if end >= start {
                        codes += u64::from(end - start) + 1;
                    }
                    if codes > MAX_FORMAT12_CODES {
                        return Err(format!(
                            "an embedded font's character map (format 12) covers over {codes} code points"
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An sfnt with one `cmap` table holding one subtable.
    fn font_with(subtable: &[u8]) -> Vec<u8> {
        let mut f = vec![0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0];
        f.extend_from_slice(b"cmap");
        f.extend_from_slice(&[0; 4]); // checksum
        f.extend_from_slice(&28u32.to_be_bytes()); // offset of the cmap table
        f.extend_from_slice(&0u32.to_be_bytes()); // length (unused)
                                                  // cmap: version 0, one record (3, 10) at offset 12
        f.extend_from_slice(&[0, 0, 0, 1, 0, 3, 0, 10, 0, 0, 0, 12]);
        f.extend_from_slice(subtable);
        f
    }

    fn format12(groups: &[(u32, u32, u32)]) -> Vec<u8> {
        let mut s = vec![0, 12, 0, 0];
        s.extend_from_slice(&((16 + 12 * groups.len()) as u32).to_be_bytes());
        s.extend_from_slice(&0u32.to_be_bytes());
        s.extend_from_slice(&(groups.len() as u32).to_be_bytes());
        for (a, b, g) in groups {
            for v in [a, b, g] {
                s.extend_from_slice(&v.to_be_bytes());
            }
        }
        s
    }

    fn format4(segments: &[(u16, u16)]) -> Vec<u8> {
        let n = segments.len() as u16;
        let mut s = vec![0, 4, 0, 0, 0, 0];
        s.extend_from_slice(&(2 * n).to_be_bytes());
        s.extend_from_slice(&[0; 6]); // searchRange, entrySelector, rangeShift
        for (_, end) in segments {
            s.extend_from_slice(&end.to_be_bytes());
        }
        s.extend_from_slice(&[0, 0]); // reservedPad
        for (start, _) in segments {
            s.extend_from_slice(&start.to_be_bytes());
        }
        s
    }

    #[test]
    fn real_sized_maps_pass() {
        let f = font_with(&format12(&[
            (0x20, 0x7e, 1),
            (0xa0, 0x17f, 96),
            (0x1f600, 0x1f64f, 400),
        ]));
        assert!(is_sfnt(&f));
        assert_eq!(check_cmap(&f), Ok(()));
        let f = font_with(&format4(&[(0x20, 0x7e), (0xa0, 0xff), (0xffff, 0xffff)]));
        assert_eq!(check_cmap(&f), Ok(()));
        // The whole of Unicode once is still a font (a last-resort font maps everything).
        assert_eq!(
            check_cmap(&font_with(&format12(&[(0, 0x10_ffff, 1)]))),
            Ok(())
        );
    }

    #[test]
    fn ranges_beyond_unicode_are_refused() {
        let huge = font_with(&format12(&[(0x20, 0x20, 1), (0, 0xffff_ffff, 0xffff_0000)]));
        let e = check_cmap(&huge).unwrap_err();
        assert!(e.contains("format 12"), "{e}");
        // Many groups, each plausible, together far beyond Unicode.
        let many: Vec<_> = (0..8).map(|i| (0, 0x10_ffff, i)).collect();
        assert!(check_cmap(&font_with(&format12(&many))).is_err());
        let segs: Vec<_> = (0..4).map(|_| (0u16, 0xfffeu16)).collect();
        assert!(check_cmap(&font_with(&format4(&segs)))
            .unwrap_err()
            .contains("format 4"));
    }

    #[test]
    fn damaged_headers_pass_untouched() {
        assert_eq!(check_cmap(b""), Ok(()));
        assert_eq!(check_cmap(&[0, 1, 0, 0, 0xff, 0xff]), Ok(()));
        let mut f = font_with(&format12(&[(0, 0xffff_ffff, 0)]));
        f.truncate(40); // the groups are cut off
        assert_eq!(check_cmap(&f), Ok(()));
        assert!(!is_sfnt(b"%PDF"));
    }
}
