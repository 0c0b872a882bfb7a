//! Counting words: the one definition every reader uses (white-space separated pieces).

/// Words in `s`, separated by white space.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Does `s` start with a lower-case letter?
pub fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_white_space_separated_words() {
        assert_eq!(word_count("  Senior  Software\tEngineer\n"), 3);
        assert_eq!(word_count(""), 0);
        assert!(starts_lowercase("of Arts") && !starts_lowercase("Arts") && !starts_lowercase(""));
    }
}
