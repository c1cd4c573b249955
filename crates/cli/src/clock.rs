//! Today in the Netherlands, from the system clock: the one clock read of the engine, at its
//! edge. Deadlines in iWmo are Dutch calendar days, so UTC would be a day off for one or two
//! hours every night.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Weekday};

/// The last Sunday of a month, 01:00 UTC: when Dutch summer time starts (March) and ends
/// (October), by the EU rule.
fn last_sunday_0100_utc(year: i32, month: u32) -> Option<NaiveDateTime> {
    let mut day = NaiveDate::from_ymd_opt(year, month + 1, 1)?.pred_opt()?;
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt()?;
    }
    day.and_hms_opt(1, 0, 0)
}

/// The Dutch civil date at a UTC instant: UTC+1, or UTC+2 in summer time.
pub(crate) fn dutch_date(utc: NaiveDateTime) -> NaiveDate {
    let year = utc.year();
    let summer = match (
        last_sunday_0100_utc(year, 3),
        last_sunday_0100_utc(year, 10),
    ) {
        (Some(start), Some(end)) => utc >= start && utc < end,
        _ => false,
    };
    let offset = chrono::Duration::hours(if summer { 2 } else { 1 });
    (utc + offset).date()
}

/// Today's Dutch date from the system clock.
pub(crate) fn dutch_today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let utc = DateTime::from_timestamp(secs, 0)
        .map(|d| d.naive_utc())
        .unwrap_or_default();
    dutch_date(utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn winter_and_summer_offsets() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // Winter: 23:30 UTC is already tomorrow in Amsterdam.
        assert_eq!(dutch_date(at(2026, 1, 5, 23, 30)), date(2026, 1, 6));
        assert_eq!(dutch_date(at(2026, 1, 5, 22, 59)), date(2026, 1, 5));
        // Summer: 22:30 UTC is 00:30 the next day.
        assert_eq!(dutch_date(at(2026, 7, 1, 22, 30)), date(2026, 7, 2));
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(dutch_date(at(2026, 3, 29, 0, 59)), date(2026, 3, 29));
        assert_eq!(dutch_date(at(2026, 10, 24, 22, 30)), date(2026, 10, 25));
        assert_eq!(dutch_date(at(2026, 10, 25, 23, 30)), date(2026, 10, 26));
        assert_eq!(dutch_date(at(2026, 10, 25, 22, 30)), date(2026, 10, 25));
    }
}
