//! Shared by the ledger's test files: dates and the fixture messages.
#![allow(dead_code)] // each test file uses what it needs

use chrono::NaiveDate;
use iwmo_model::{read, Message};

/// A date that exists.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A message of `fixtures/messages` by its name without `.xml`.
pub fn fixture(name: &str) -> Message {
    let path = format!(
        "{}/../../fixtures/messages/{name}.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}
