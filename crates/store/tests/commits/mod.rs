//! Builders of the commits and outbox rows the tests store.
#![allow(dead_code)] // each test file uses a different part

use iwmo_store::{Commit, OutboxId, OutboxRow, PendingRow};

/// An outbox row with a recognisable payload.
pub fn row(id: &str, payload: &str) -> OutboxRow {
    OutboxRow {
        id: OutboxId::from(id),
        destination: "ggk.wmo306".to_string(),
        payload: payload.as_bytes().to_vec(),
        headers: vec![("message-id".to_string(), id.to_string())],
    }
}

/// A pending outbox row: `row` under outbox sequence number `seq`.
pub fn pending(seq: u64, row: OutboxRow) -> PendingRow {
    PendingRow { seq, row }
}

/// A commit named `name`: dedupe key `d/name`, decision `decision name`, one client
/// `c/name`, one index entry `i/name`, log `log name`, and the given outbox rows.
pub fn commit(name: &str, outbox: Vec<OutboxRow>) -> Commit {
    Commit {
        dedupe_key: format!("d/{name}").into_bytes(),
        decision: format!("decision {name}").into_bytes(),
        clients: vec![(
            format!("c/{name}").into_bytes(),
            format!("state {name}").into_bytes(),
        )],
        index: vec![(
            format!("i/{name}").into_bytes(),
            format!("c/{name}").into_bytes(),
        )],
        log: format!("log {name}").into_bytes(),
        outbox,
    }
}

/// Shorthand for byte strings in assertions.
pub fn bytes(text: &str) -> Option<Vec<u8>> {
    Some(text.as_bytes().to_vec())
}
