//! The wall clock, read only here (the core never reads it): the current month for "Present"
//! in resumes (the server's parses and the CLI's), and RFC 3339 text for stored Unix times.

use atscore_core::resume::entities::dates::YearMonth;

/// The current year and month (UTC).
pub fn current_month() -> YearMonth {
    let (y, m, _) = civil_from_days(crate::infra::store::now().div_euclid(86_400));
    YearMonth::new(y as u16, Some(m as u8))
}

/// Unix seconds as `2026-12-04T03:35:46Z`.
pub fn rfc3339(secs: i64) -> String {
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// Days since 1970-01-01 → (year, month, day), Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_796_355_346), "2026-12-04T03:35:46Z");
    }
}
