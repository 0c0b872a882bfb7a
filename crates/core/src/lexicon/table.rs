//! The three shapes a word list comes in, read lazily from text embedded in the binary:
//! [`Words`] (one entry a line), [`Pairs`] (two tab-separated columns) and [`Groups`] (pairs
//! whose first column names a group, consecutive rows of one group kept together, in order).
//!
//! File format (`crates/core/data/lexicon/*.txt|*.tsv`): UTF-8; a line starting with `#` is a
//! comment (the file's header says what the list is, where it comes from and its license);
//! blank lines are skipped; every other line is one entry, taken as written (no trimming, so a
//! stray space is a different entry — `every_lexicon_file_is_well_formed` refuses one).

use std::ops::Deref;
use std::sync::OnceLock;

/// Lines that hold entries: not blank, not a `#` comment.
fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn split_pair(name: &str, line: &'static str) -> (&'static str, &'static str) {
    match line.split_once('\t') {
        Some((a, b)) if !b.contains('\t') => (a, b),
        _ => panic!("lexicon {name}: expected two tab-separated columns in {line:?}"),
    }
}

/// A list of words or phrases, one a line.
pub struct Words {
    name: &'static str,
    src: &'static str,
    list: OnceLock<Vec<&'static str>>,
}

impl Words {
    pub const fn new(name: &'static str, src: &'static str) -> Self {
        Self {
            name,
            src,
            list: OnceLock::new(),
        }
    }

    /// The file name, for messages and tests.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The entries, in file order.
    pub fn get(&self) -> &[&'static str] {
        self.list.get_or_init(|| {
            entries(self.src)
                .inspect(|l| assert!(!l.contains('\t'), "lexicon {}: a tab in {l:?}", self.name))
                .collect()
        })
    }
}

impl Deref for Words {
    type Target = [&'static str];
    fn deref(&self) -> &Self::Target {
        self.get()
    }
}

/// Rows of two tab-separated columns.
pub struct Pairs {
    name: &'static str,
    src: &'static str,
    rows: OnceLock<Vec<(&'static str, &'static str)>>,
}

impl Pairs {
    pub const fn new(name: &'static str, src: &'static str) -> Self {
        Self {
            name,
            src,
            rows: OnceLock::new(),
        }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The rows, in file order.
    pub fn get(&self) -> &[(&'static str, &'static str)] {
        self.rows.get_or_init(|| {
            entries(self.src)
                .map(|l| split_pair(self.name, l))
                .collect()
        })
    }
}

impl Deref for Pairs {
    type Target = [(&'static str, &'static str)];
    fn deref(&self) -> &Self::Target {
        self.get()
    }
}

/// Rows of `group <TAB> entry`, gathered into groups: consecutive rows of one group form one
/// group, groups in file order.
pub struct Groups {
    name: &'static str,
    src: &'static str,
    groups: OnceLock<Vec<(&'static str, Vec<&'static str>)>>,
}

impl Groups {
    pub const fn new(name: &'static str, src: &'static str) -> Self {
        Self {
            name,
            src,
            groups: OnceLock::new(),
        }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The groups, in file order, each with its entries in file order.
    pub fn get(&self) -> &[(&'static str, Vec<&'static str>)] {
        self.groups.get_or_init(|| {
            let mut out: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
            for l in entries(self.src) {
                let (g, e) = split_pair(self.name, l);
                match out.last_mut() {
                    Some((last, list)) if *last == g => list.push(e),
                    _ => out.push((g, vec![e])),
                }
            }
            out
        })
    }
}

impl Deref for Groups {
    type Target = [(&'static str, Vec<&'static str>)];
    fn deref(&self) -> &Self::Target {
        self.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        static W: Words = Words::new("t", "# header\n\nalpha\nbeta gamma\n# more\n");
        assert_eq!(W.get(), ["alpha", "beta gamma"]);
        assert!(W.contains(&"alpha"));
    }

    #[test]
    fn pairs_and_groups_keep_file_order() {
        static P: Pairs = Pairs::new("p", "# h\njan\t1\nfeb\t2\n");
        assert_eq!(P.get(), [("jan", "1"), ("feb", "2")]);
        static G: Groups = Groups::new("g", "a\tx\na\ty\nb\tz\na\tw\n");
        assert_eq!(
            G.get(),
            [("a", vec!["x", "y"]), ("b", vec!["z"]), ("a", vec!["w"])]
        );
    }

    #[test]
    #[should_panic(expected = "two tab-separated columns")]
    fn a_pair_without_a_tab_is_refused() {
        static P: Pairs = Pairs::new("bad", "jan 1\n");
        P.get();
    }
}
