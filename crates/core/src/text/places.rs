//! The one place-name table: region codes (US states, DC, Puerto Rico, Canadian provinces),
//! US state names, countries, cities and the words that start city names — the data files
//! `region-codes.txt`, `us-state-names.txt`, `countries.txt`, `cities.txt` and
//! `city-prefixes.txt` of the lexicon. Contact and experience parsing both ask here, so they
//! agree on what a place is.

use crate::lexicon::{CITIES, CITY_PREFIXES, COUNTRIES, REGION_CODES, US_STATE_NAMES};
use crate::text::fold::fold;

/// A region code as written after a city: `"CA"`, `"NY"`, `"ON"` (upper case, exact).
pub fn is_region_code(s: &str) -> bool {
    REGION_CODES.contains(&s)
}

/// A US state's full name, folded (`"new york"`, `"district of columbia"`).
pub fn is_us_state_name(folded: &str) -> bool {
    US_STATE_NAMES.contains(&folded)
}

/// A country, in any case and with or without accents or a trailing dot (`"Germany"`,
/// `"U.S.A."`, `"México"`, `"Royaume-Uni"`).
pub fn is_country(s: &str) -> bool {
    let f = fold(s.trim());
    let f = f.trim_end_matches('.');
    COUNTRIES
        .iter()
        .any(|c| c.trim_end_matches('.') == f || fold(c).trim_end_matches('.') == f)
}

/// A known city, lower case (`"san francisco"`, `"remote"` is not one).
pub fn is_city(lower: &str) -> bool {
    CITIES.contains(&lower)
}

/// A word that may start a multi-word city name, lower case (`"san"`, `"new"`, `"fort"`).
pub fn is_city_prefix(lower: &str) -> bool {
    CITY_PREFIXES.contains(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_table_for_every_reader() {
        assert!(is_region_code("CA") && is_region_code("PR") && is_region_code("ON"));
        assert!(!is_region_code("ca") && !is_region_code("XX"));
        assert!(is_us_state_name("new york") && !is_us_state_name("ontario"));
        for c in [
            "Germany",
            "usa",
            "U.S.A.",
            "U.S.",
            "México",
            "Brasil",
            "royaume-uni",
        ] {
            assert!(is_country(c), "{c}");
        }
        assert!(!is_country("remote") && !is_country("Acme"));
        assert!(is_city("san francisco") && is_city_prefix("san"));
    }
}
