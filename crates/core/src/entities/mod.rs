//! Entities found in resume text: contact details, dates and date ranges, experience and
//! education entries, certifications and spoken languages.

pub mod certifications;
pub mod contact;
pub mod dates;
pub mod education;
pub mod experience;
pub mod languages;
