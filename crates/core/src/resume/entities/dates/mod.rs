//! Dates and date ranges in resume text, and total years of experience.
//!
//! [`find_dates`] finds single dates ("May 2019", "Sept. 2018", "05/2019", "2019-05",
//! "Summer 2018", "2019"); [`find_date_ranges`] pairs them into ranges joined by a dash or a
//! word ("to", "until", "bis", "à", "a", "hasta"), including open ("2019 –", "since 2019") and
//! current ranges ("Jan 2020 – Present", "enero 2019 – actualidad", "Jan. 2019 – heute").
//! Month names and "present" words are recognised in English, French, Spanish, German (plus
//! common Italian/Portuguese forms). Years are restricted to 1950–2100; numbers that belong to
//! phone numbers, GPAs, version numbers or scores are not taken for years.
//!
//! [`total_years`] is the length of the union of intervals at month granularity.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::Range;

mod find;

pub use find::{find_date_ranges, find_dates};

/// Earliest year accepted as a date.
pub const MIN_YEAR: u16 = 1950;
/// Latest year accepted as a date.
pub const MAX_YEAR: u16 = 2100;

/// A year with an optional month (1–12). Ordered chronologically (a year-only value sorts
/// before every month of that year).
///
/// Serialised as `"2020-01"` or `"2020"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: u16,
    pub month: Option<u8>,
}

impl YearMonth {
    /// A new value; a month outside 1–12 is dropped.
    pub fn new(year: u16, month: Option<u8>) -> Self {
        YearMonth {
            year,
            month: month.filter(|m| (1..=12).contains(m)),
        }
    }

    /// Months since year 0, January 0 (`year * 12 + month - 1`). A year-only value counts as
    /// January (the start convention); see [`YearMonth::start_months`] and
    /// [`YearMonth::end_months`].
    pub fn months_since_epoch(&self) -> i32 {
        self.start_months()
    }

    /// Months since epoch reading a missing month as January (for range starts).
    pub fn start_months(&self) -> i32 {
        i32::from(self.year) * 12 + i32::from(self.month.unwrap_or(1)) - 1
    }

    /// Months since epoch reading a missing month as December (for range ends).
    pub fn end_months(&self) -> i32 {
        i32::from(self.year) * 12 + i32::from(self.month.unwrap_or(12)) - 1
    }

    /// The inverse of [`YearMonth::months_since_epoch`] (always with a month).
    pub fn from_months(m: i32) -> Self {
        let m = m.max(0);
        YearMonth {
            year: u16::try_from(m / 12).unwrap_or(u16::MAX),
            month: Some((m % 12 + 1) as u8),
        }
    }

    /// Parse `"2020-01"` or `"2020"`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let (y, m) = match s.split_once('-') {
            Some((y, m)) => (y, Some(m)),
            None => (s, None),
        };
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: u16 = y.parse().ok()?;
        let month = match m {
            Some(m) => {
                let m: u8 = m.parse().ok()?;
                if !(1..=12).contains(&m) {
                    return None;
                }
                Some(m)
            }
            None => None,
        };
        Some(YearMonth { year, month })
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month {
            Some(m) => write!(f, "{:04}-{:02}", self.year, m),
            None => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        YearMonth::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid year-month {s:?}")))
    }
}

/// OpenAPI: a string, `"2020"` or `"2020-01"` (the serde form above).
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for YearMonth {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(r"^\d{4}(-(0[1-9]|1[0-2]))?$"))
            .description(Some("A year (`2020`) or a year and month (`2020-01`)."))
            .examples(["2020-01"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for YearMonth {}

/// A date range found in a string.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateRange {
    pub start: YearMonth,
    /// The end; `None` for current ("– Present") and open ("2019 –", "since 2019") ranges.
    pub end: Option<YearMonth>,
    /// The range runs to the present ("Present", "aujourd'hui", "heute", open ranges…).
    pub current: bool,
    /// Byte range of the whole range (including "since", the separator and "Present").
    pub span: Range<usize>,
    /// Byte range of the start date.
    #[serde(skip)]
    pub start_span: Range<usize>,
    /// Byte range of the end date or "present" word, if any.
    #[serde(skip)]
    pub end_span: Option<Range<usize>>,
}

impl DateRange {
    /// `(start, end)` as used by [`total_years`].
    pub fn interval(&self) -> (YearMonth, Option<YearMonth>) {
        (self.start, self.end)
    }
}

/// Total years covered by `ranges`: the union of the intervals (overlaps counted once), at
/// month granularity, both ends inclusive. A `None` end means `today`; a year-only start is
/// January and a year-only end December (so is a year-only `today`); ends after `today` are
/// cut at `today`; empty or inverted intervals count nothing. Rounded to one decimal.
pub fn total_years(ranges: &[(YearMonth, Option<YearMonth>)], today: YearMonth) -> f64 {
    let now = today.end_months();
    let mut iv: Vec<(i32, i32)> = ranges
        .iter()
        .map(|(s, e)| {
            let e = e.map_or(now, |e| e.end_months()).min(now);
            (s.start_months(), e)
        })
        .filter(|(s, e)| s <= e)
        .collect();
    iv.sort_unstable();
    let mut months: i64 = 0;
    let mut cur: Option<(i32, i32)> = None;
    for (s, e) in iv {
        match cur {
            Some((cs, ce)) if s <= ce + 1 => cur = Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                months += i64::from(ce - cs + 1);
                cur = Some((s, e));
            }
            None => cur = Some((s, e)),
        }
    }
    if let Some((cs, ce)) = cur {
        months += i64::from(ce - cs + 1);
    }
    (months as f64 / 12.0 * 10.0).round() / 10.0
}

/// Shorthands the tests of this folder (`mod.rs`, `find.rs`) share.
#[cfg(test)]
pub(crate) fn ym(y: u16, m: u8) -> YearMonth {
    YearMonth::new(y, Some(m))
}
#[cfg(test)]
pub(crate) fn y(y: u16) -> YearMonth {
    YearMonth::new(y, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn total_years_union() {
        let r = [
            (ym(2015, 1), Some(ym(2017, 12))),
            (ym(2017, 6), Some(ym(2019, 6))),
        ];
        assert_eq!(total_years(&r, ym(2024, 1)), 4.5);
        // Disjoint.
        let r = [
            (ym(2010, 1), Some(ym(2010, 12))),
            (ym(2012, 1), Some(ym(2012, 6))),
        ];
        assert_eq!(total_years(&r, ym(2024, 1)), 1.5);
        // Contained.
        let r = [
            (ym(2010, 1), Some(ym(2015, 12))),
            (ym(2012, 1), Some(ym(2012, 6))),
        ];
        assert_eq!(total_years(&r, ym(2024, 1)), 6.0);
        // Open range ends today.
        let r = [(ym(2020, 1), None)];
        assert_eq!(total_years(&r, ym(2021, 12)), 2.0);
        // Year-only: January .. December.
        let r = [(y(2019), Some(y(2021)))];
        assert_eq!(total_years(&r, ym(2024, 1)), 3.0);
        // Future end cut at today; inverted ignored; empty.
        let r = [
            (ym(2023, 1), Some(ym(2030, 1))),
            (ym(2022, 5), Some(ym(2021, 1))),
        ];
        assert_eq!(total_years(&r, ym(2023, 12)), 1.0);
        assert_eq!(total_years(&[], ym(2023, 12)), 0.0);
        // Adjacent intervals merge; rounding to one decimal.
        let r = [
            (ym(2020, 1), Some(ym(2020, 3))),
            (ym(2020, 4), Some(ym(2020, 4))),
        ];
        assert_eq!(total_years(&r, ym(2024, 1)), 0.3);
    }

    fn arb_ym() -> impl Strategy<Value = YearMonth> {
        (1990u16..2030, proptest::option::of(1u8..=12)).prop_map(|(y, m)| YearMonth::new(y, m))
    }

    proptest! {
        #[test]
        fn total_years_bounds(v in proptest::collection::vec((arb_ym(), 0i32..120, any::<bool>()), 0..8)) {
            let today = YearMonth::new(2030, Some(12));
            let ranges: Vec<(YearMonth, Option<YearMonth>)> = v
                .iter()
                .map(|(s, len, open)| {
                    let e = if *open { None } else { Some(YearMonth::from_months(s.start_months() + len)) };
                    (*s, e)
                })
                .collect();
            let total = total_years(&ranges, today);
            let each: Vec<f64> = ranges.iter().map(|r| {
                let e = r.1.map_or(today.end_months(), |e| e.end_months()).min(today.end_months());
                f64::from(e - r.0.start_months() + 1) / 12.0
            }).collect();
            let sum: f64 = each.iter().sum();
            let longest = each.iter().copied().fold(0.0, f64::max);
            prop_assert!(total <= sum + 0.05 + 1e-9, "{} > {}", total, sum);
            prop_assert!(total + 0.05 + 1e-9 >= longest, "{} < {}", total, longest);
        }
    }
}
