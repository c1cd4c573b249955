//! A date as `YYYY-MM-DD` text without chrono's formatting machinery (a parsed format string or
//! a `Display` value run through `fmt`): the engine writes several dates per message and
//! serializes every date of a client's state with each decision on it.

use chrono::{Datelike, NaiveDate};

/// `date` as `YYYY-MM-DD`, the text chrono gives with `%Y-%m-%d` or `{:?}`, for the years 0 to
/// 9999; `None` for the others, which chrono writes with a sign and five or more digits.
pub fn iso_date(date: &NaiveDate) -> Option<IsoDate> {
    let year = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
    let mut text = *b"0000-00-00";
    let digits = |into: &mut [u8], mut n: u32| {
        for place in into.iter_mut().rev() {
            *place = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    digits(&mut text[0..4], year);
    digits(&mut text[5..7], date.month());
    digits(&mut text[8..10], date.day());
    Some(IsoDate(text))
}

/// The text [`iso_date`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate([u8; 10]);

impl IsoDate {
    /// The text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits and dashes are ever written into it.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every day of some years, and the edges of the years chrono can hold: the text chrono
    /// writes, or `None` where chrono writes a sign.
    #[test]
    fn same_text_as_chrono() {
        let mut dates: Vec<NaiveDate> = Vec::new();
        for year in [0, 1, 99, 999, 1970, 2024, 2026, 2100, 9999] {
            let mut day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
            while day.year() == year {
                dates.push(day);
                day = day.succ_opt().unwrap();
            }
        }
        for date in dates {
            let ours = iso_date(&date).unwrap();
            assert_eq!(ours.as_str(), date.format("%Y-%m-%d").to_string());
            assert_eq!(ours.as_str(), format!("{date:?}"));
        }
        for year in [-1, 10000, 12345] {
            assert_eq!(
                iso_date(&NaiveDate::from_ymd_opt(year, 2, 28).unwrap()),
                None
            );
        }
        assert_eq!(iso_date(&NaiveDate::MIN), None);
        assert_eq!(iso_date(&NaiveDate::MAX), None);
    }
}
