//! Dates serialized as chrono does it (`YYYY-MM-DD`, the same bytes in postcard and JSON), but
//! without its formatting machinery: chrono hands serde a `Display` value, which postcard
//! formats twice (once to count the length), and a client's every date is re-encoded with
//! each decision on it. Deserializing stays chrono's, so the stored format is unchanged.

use chrono::NaiveDate;
use serde::Serializer;

/// For `#[serde(serialize_with = "crate::date_text::serialize")]` on a `NaiveDate` field.
pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    match iwmo_model::iso_date(date) {
        Some(text) => serializer.serialize_str(text.as_str()),
        // Other years chrono writes with a sign and five or more digits: its own path.
        None => serde::Serialize::serialize(date, serializer),
    }
}

/// For `#[serde(serialize_with = "crate::date_text::serialize_option")]` on an
/// `Option<NaiveDate>` field.
pub fn serialize_option<S: Serializer>(
    date: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.serialize_some(&Text(*date)),
        None => serializer.serialize_none(),
    }
}

struct Text(NaiveDate);

impl serde::Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(&self.0, serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Ours {
        #[serde(serialize_with = "serialize")]
        date: NaiveDate,
        #[serde(serialize_with = "serialize_option")]
        maybe: Option<NaiveDate>,
    }

    #[derive(serde::Serialize)]
    struct Chronos {
        date: NaiveDate,
        maybe: Option<NaiveDate>,
    }

    /// Every 37th day from before the year 0 to past 9999, and the edges of the years chrono
    /// can hold, give the bytes chrono's own serialization gives, in postcard and in JSON.
    #[test]
    fn same_bytes_as_chrono() {
        let mut dates: Vec<NaiveDate> = (-800..3_655_000)
            .step_by(37)
            .filter_map(NaiveDate::from_num_days_from_ce_opt)
            .collect();
        dates.extend([NaiveDate::MIN, NaiveDate::MAX]);
        for (i, &date) in dates.iter().enumerate() {
            let maybe = (i % 3 != 0).then_some(dates[dates.len() - 1 - i]);
            let ours = Ours { date, maybe };
            let chronos = Chronos { date, maybe };
            assert_eq!(
                postcard::to_allocvec(&ours).unwrap(),
                postcard::to_allocvec(&chronos).unwrap(),
                "{date}"
            );
            assert_eq!(
                serde_json::to_string(&ours).unwrap(),
                serde_json::to_string(&chronos).unwrap(),
                "{date}"
            );
        }
    }
}
