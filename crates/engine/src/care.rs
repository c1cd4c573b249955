//! Care events: the small JSON input the engine accepts beside iWmo messages, so the no-care
//! rule can count "the last care event received" (design.md §4). An aanbieder's planning
//! system, or the gemeente's own registration, says that care was delivered on a day:
//!
//! ```json
//! {"kind": "care-event", "gemeente": "0344", "bsn": "999901230",
//!  "aanbieder": "98004132", "toewijzing_nummer": 4711, "date": "2026-05-04"}
//! ```
//!
//! Reading checks the shape only (level 1: every field present, no unknown field, a BSN that
//! passes the 11-proef, codes of the right length, a real date); whether the toewijzing
//! exists is the pipeline's question, asked against the ledger.

use chrono::NaiveDate;
use iwmo_ledger::{CareEvent, ClientKey};
use iwmo_model::Bsn;
use serde::Deserialize;

/// The value of `kind` that marks a care event.
pub(crate) const CARE_EVENT_KIND: &str = "care-event";

/// A care event as it arrives.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CareEventInput {
    kind: String,
    gemeente: String,
    bsn: String,
    aanbieder: String,
    toewijzing_nummer: u32,
    date: NaiveDate,
}

/// Whether the input is JSON rather than XML: an XML document cannot start with `{`.
pub(crate) fn looks_like_json(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{')
}

/// Reads a care event: the client it concerns and the event, or every reason it is not one.
pub(crate) fn read_care_event(bytes: &[u8]) -> Result<(ClientKey, CareEvent), Vec<String>> {
    let input: CareEventInput = serde_json::from_slice(bytes).map_err(|e| {
        vec![format!(
            "not a care event (JSON with kind, gemeente, bsn, aanbieder, toewijzing_nummer, date): {e}"
        )]
    })?;
    let mut errors = Vec::new();
    if input.kind != CARE_EVENT_KIND {
        errors.push(format!(
            "kind is {:?}: the only JSON input is {CARE_EVENT_KIND:?}",
            input.kind
        ));
    }
    if !is_digits(&input.gemeente, 4) {
        errors.push(format!(
            "gemeente {:?} is not a four-digit CBS gemeentecode",
            input.gemeente
        ));
    }
    if !is_digits(&input.aanbieder, 8) {
        errors.push(format!(
            "aanbieder {:?} is not an eight-digit AGB code",
            input.aanbieder
        ));
    }
    let bsn = match Bsn::new(&input.bsn) {
        Ok(bsn) if bsn.elfproef() => Some(bsn),
        Ok(bsn) => {
            errors.push(format!("bsn {bsn} does not pass the 11-proef"));
            None
        }
        Err(_) => {
            errors.push("bsn is not nine digits".to_string());
            None
        }
    };
    match bsn {
        Some(bsn) if errors.is_empty() => Ok((
            ClientKey {
                gemeente: input.gemeente,
                bsn,
            },
            CareEvent {
                aanbieder: input.aanbieder,
                toewijzing_nummer: input.toewijzing_nummer,
                date: input.date,
            },
        )),
        _ => Err(errors),
    }
}

/// The dedupe key of a care event: the same event sent twice is one event.
pub(crate) fn care_event_key(key: &ClientKey, event: &CareEvent, hash: u64) -> String {
    format!(
        "care/{}/{}/{}/{}/{hash:016x}",
        event.aanbieder, key.gemeente, event.toewijzing_nummer, event.date
    )
}

fn is_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"kind": "care-event", "gemeente": "0344", "bsn": "999901230",
        "aanbieder": "98004132", "toewijzing_nummer": 4711, "date": "2026-05-04"}"#;

    #[test]
    fn a_care_event_is_read() {
        assert!(looks_like_json(b"  \n{\"kind\": 1}"));
        assert!(!looks_like_json(b"<?xml version=\"1.0\"?>"));
        let (key, event) = read_care_event(GOOD.as_bytes()).unwrap();
        assert_eq!(key.gemeente, "0344");
        assert_eq!(key.bsn.as_str(), "999901230");
        assert_eq!(event.toewijzing_nummer, 4711);
        assert_eq!(event.date, NaiveDate::from_ymd_opt(2026, 5, 4).unwrap());
    }

    #[test]
    fn every_wrong_field_is_named() {
        let bad = GOOD
            .replace("care-event", "care")
            .replace("0344", "344")
            .replace("999901230", "999901231")
            .replace("98004132", "9800413");
        let errors = read_care_event(bad.as_bytes()).unwrap_err();
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors[0].contains("kind"));
        assert!(errors[1].contains("gemeente"));
        assert!(errors[2].contains("aanbieder"));
        assert!(errors[3].contains("11-proef") && !errors[3].contains("999901231"));
    }

    #[test]
    fn unknown_fields_and_impossible_dates_are_refused() {
        let extra = GOOD.replace("\"date\"", "\"note\": \"x\", \"date\"");
        assert!(read_care_event(extra.as_bytes()).unwrap_err()[0].contains("note"));
        let date = GOOD.replace("2026-05-04", "2026-02-30");
        assert!(read_care_event(date.as_bytes()).is_err());
        assert!(read_care_event(b"{").is_err());
    }
}
