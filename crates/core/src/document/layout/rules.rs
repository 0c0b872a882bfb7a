//! Ruling lines → tables: a PDF table is a grid of horizontal and vertical rules. Thin filled
//! rectangles and stroked lines are reduced to segments; a grid of at least 3 × 3 crossing
//! rules (2 × 2 cells) is a table. Background boxes and single underlines are not.

/// A horizontal rule at `y` from `x0` to `x1`, or a vertical rule at `x` from `y0` to `y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub at: f32,
    pub from: f32,
    pub to: f32,
}

/// Number of crossings between horizontal and vertical rules (with 2 pt tolerance).
pub fn crossings(h: &[Segment], v: &[Segment]) -> usize {
    let tol = 2.0;
    let mut n = 0;
    for a in h {
        for b in v {
            if b.at >= a.from - tol
                && b.at <= a.to + tol
                && a.at >= b.from - tol
                && a.at <= b.to + tol
            {
                n += 1;
            }
        }
    }
    n
}

/// True when the rules form a grid of at least 2 × 2 cells: 3 distinct horizontal and 3
/// distinct vertical rules that cross each other at least 9 times.
pub fn is_table_grid(h: &[Segment], v: &[Segment]) -> bool {
    let distinct = |s: &[Segment]| {
        let mut at: Vec<f32> = s.iter().map(|x| x.at).collect();
        at.sort_by(|a, b| a.total_cmp(b));
        at.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        at.len()
    };
    h.len() <= 2000
        && v.len() <= 2000
        && distinct(h) >= 3
        && distinct(v) >= 3
        && crossings(h, v) >= 9
}

/// Split an axis-aligned box into a rule if it is thin: `Some((true, seg))` for horizontal.
pub fn rule_of_box(x: f32, y: f32, w: f32, h: f32) -> Option<(bool, Segment)> {
    let (w, h) = (w.abs(), h.abs());
    if h <= 2.5 && w >= 10.0 {
        Some((
            true,
            Segment {
                at: y + h / 2.0,
                from: x,
                to: x + w,
            },
        ))
    } else if w <= 2.5 && h >= 6.0 {
        Some((
            false,
            Segment {
                at: x + w / 2.0,
                from: y,
                to: y + h,
            },
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: usize, cols: usize) -> (Vec<Segment>, Vec<Segment>) {
        let h = (0..=rows)
            .map(|r| Segment {
                at: r as f32 * 20.0,
                from: 0.0,
                to: cols as f32 * 50.0,
            })
            .collect();
        let v = (0..=cols)
            .map(|c| Segment {
                at: c as f32 * 50.0,
                from: 0.0,
                to: rows as f32 * 20.0,
            })
            .collect();
        (h, v)
    }

    #[test]
    fn a_bordered_grid_is_a_table() {
        let (h, v) = grid(2, 2);
        assert!(is_table_grid(&h, &v));
    }

    #[test]
    fn a_box_or_underlines_are_not() {
        let (h, v) = grid(1, 1); // one bordered box: 2 × 2 rules
        assert!(!is_table_grid(&h, &v));
        let underlines: Vec<Segment> = (0..5)
            .map(|i| Segment {
                at: i as f32 * 30.0,
                from: 0.0,
                to: 500.0,
            })
            .collect();
        assert!(!is_table_grid(&underlines, &[]));
    }

    #[test]
    fn thin_boxes_become_rules() {
        assert_eq!(rule_of_box(0.0, 10.0, 100.0, 0.5).map(|r| r.0), Some(true));
        assert_eq!(rule_of_box(5.0, 0.0, 0.4, 40.0).map(|r| r.0), Some(false));
        assert_eq!(rule_of_box(0.0, 0.0, 200.0, 600.0), None); // a sidebar background
    }
}
