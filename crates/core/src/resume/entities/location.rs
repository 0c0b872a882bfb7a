//! Locations in entry headers: is a segment a place ("Mountain View, CA", "Berlin, Germany",
//! "Remote"), and where does a trailing place start ("Google Mountain View, CA")? The place names
//! themselves come from the one table of [`crate::text::places`].

use super::roles::title_score;
use crate::lexicon::ORG_WORDS;
use crate::text::places::{is_city, is_city_prefix, is_country, is_region_code};
use crate::text::words::{starts_lowercase, word_count};

/// Are these words a plausible city name (all but the last are city-name prefixes)?
fn city_ok(words: &[&str]) -> bool {
    let joined = words.join(" ").to_lowercase();
    if is_city(joined.as_str()) {
        return true;
    }
    !words.is_empty()
        && words.len() <= 4
        && words[..words.len() - 1]
            .iter()
            .all(|w| is_city_prefix(w.to_lowercase().as_str()))
}

/// A region code (with or without a ZIP code), a country, or "Remote" — what may follow the
/// last comma of a location.
fn is_state_or_country(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    if is_region_code(t) {
        return true;
    }
    let t = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '-');
    if is_region_code(t) {
        return true;
    }
    is_country(s) || s.trim().eq_ignore_ascii_case("remote")
}

/// Is the whole segment a location ("Mountain View, CA", "Berlin, Germany", "Remote")?
pub(crate) fn is_location(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    let l = t.to_lowercase();
    if is_city(l.as_str()) {
        return true;
    }
    if l.starts_with("remote") || l.starts_with("hybrid") {
        return word_count(t) <= 3;
    }
    let Some((city, region)) = t.rsplit_once(',') else {
        return false;
    };
    let city = city.trim();
    // "Austin, TX, USA" or "Madrid, Spain" but not "Initech, Austin, TX".
    if let Some((first, second)) = city.split_once(',') {
        let ok = is_state_or_country(second.split(',').next().unwrap_or(""))
            || is_city(first.trim().to_lowercase().as_str());
        if !ok {
            return false;
        }
    }
    if city.is_empty() || word_count(city) > 5 || starts_lowercase(city) {
        return false;
    }
    let city_words: Vec<&str> = city.split_whitespace().collect();
    if city_words.iter().enumerate().any(|(i, w)| {
        let lw = w.to_lowercase();
        ORG_WORDS.contains(&lw.as_str())
            && *w != "of"
            && !(i + 1 < city_words.len() && is_city_prefix(lw.as_str()))
    }) && !is_city(city.to_lowercase().as_str())
    {
        return false;
    }
    if title_score(city) > 0 {
        return false;
    }
    let first_part = city.split(',').next().unwrap_or("").trim();
    if !city_ok(&first_part.split_whitespace().collect::<Vec<_>>()) {
        return false;
    }
    let region = region.trim();
    is_state_or_country(region)
        || is_city(city.to_lowercase().as_str())
        || is_city(
            city.split(',')
                .next()
                .unwrap_or("")
                .trim()
                .to_lowercase()
                .as_str(),
        )
}

/// Split a trailing location off a segment: "Google Mountain View, CA" → ("Google",
/// Some("Mountain View, CA")).
pub(crate) fn split_location(s: &str) -> (String, Option<String>) {
    let t = s.trim();
    if is_location(t) {
        return (String::new(), Some(t.to_string()));
    }
    let Some((head, region)) = t.rsplit_once(',') else {
        // "Acme Corp Berlin"
        return (t.to_string(), None);
    };
    if !is_state_or_country(region) || region.trim().eq_ignore_ascii_case("remote") {
        return (t.to_string(), None);
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.len() < 2 {
        return (t.to_string(), None);
    }
    // Walk back over capitalised words that are not organisation words.
    let mut k = words.len();
    let mut taken = 0;
    while k > 1 {
        let w = words[k - 1];
        let lw = w.to_lowercase();
        let caps = w.chars().next().is_some_and(char::is_uppercase);
        if !caps || w.ends_with(',') || w.contains('(') || w.contains(')') {
            break;
        }
        let org = ORG_WORDS.contains(&lw.as_str());
        // "University College Station": a second organisation word is part of the city.
        let org_ok = org
            && taken == 1
            && lw == "college"
            && ORG_WORDS.contains(&words[k - 2].to_lowercase().as_str());
        if org && !org_ok {
            break;
        }
        if taken >= 1 && !is_city_prefix(lw.as_str()) && !org_ok {
            break;
        }
        if taken >= 4 {
            break;
        }
        taken += 1;
        k -= 1;
    }
    if taken == 0 || k == 0 {
        return (t.to_string(), None);
    }
    let rest = words[..k].join(" ");
    let loc = format!("{},{}", words[k..].join(" "), region);
    (rest.trim_end_matches(',').to_string(), Some(loc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        assert!(is_location("Mountain View, CA"));
        assert!(is_location("Seoul, S.Korea"));
        assert!(is_location("Istanbul, Türkiye"));
        assert!(is_location("Remote"));
        assert!(is_location("Berlin"));
        assert!(!is_location("Co-Founder & CTO, Nexus AI"));
        assert!(!is_location("Princeton University, Computer Science"));
        assert_eq!(
            split_location("Texas A&M University College Station, TX"),
            (
                "Texas A&M University".to_string(),
                Some("College Station, TX".to_string())
            )
        );
        assert_eq!(
            split_location("Google Mountain View, CA"),
            ("Google".to_string(), Some("Mountain View, CA".to_string()))
        );
        assert_eq!(
            split_location("Blinn College Bryan, TX"),
            ("Blinn College".to_string(), Some("Bryan, TX".to_string()))
        );
        assert_eq!(
            split_location("Acme Corp San Francisco, CA"),
            (
                "Acme Corp".to_string(),
                Some("San Francisco, CA".to_string())
            )
        );
        assert_eq!(
            split_location("Georgia Institute of Technology Atlanta, GA").1,
            Some("Atlanta, GA".to_string())
        );
    }
}
