//! Entities found in resume text: contact details, dates and date ranges, experience and
//! education entries, certifications and spoken languages.

pub mod certifications;
pub mod contact;
pub mod credentials;
pub mod dates;
pub mod degrees;
pub mod education;
pub mod entries;
pub mod experience;
pub mod languages;
pub mod location;
pub mod roles;

/// Line builders shared by the entity unit tests ("* text" = a list item).
#[cfg(test)]
pub(crate) mod test_support {
    use super::dates::YearMonth;
    use crate::document::Line;

    pub(crate) fn lines(spec: &[&str]) -> Vec<Line> {
        spec.iter()
            .map(|s| {
                let mut l = Line::plain(*s);
                if let Some(rest) = s.strip_prefix("* ") {
                    l.text = rest.to_string();
                    l.list_item = true;
                }
                l
            })
            .collect()
    }

    pub(crate) fn ym(y: u16, m: u8) -> Option<YearMonth> {
        Some(YearMonth::new(y, Some(m)))
    }
}
