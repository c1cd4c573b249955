//! [`MemoryStore`] and [`RedbStore`] have the same semantics: random runs of commits and
//! `mark_sent` calls, over small key spaces so that duplicates and outbox clashes are common, give
//! the same answers and leave the same state.

use iwmo_store::{Commit, MemoryStore, OutboxId, OutboxRow, RedbStore, Store};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Commit(Vec<Commit>),
    MarkSent(Vec<OutboxId>),
}

fn outbox_row() -> impl Strategy<Value = OutboxRow> {
    (0..5u8, 0..2u8, 0..2u8).prop_map(|(id, destination, payload)| OutboxRow {
        id: OutboxId(format!("o{id}")),
        destination: format!("dest{destination}"),
        payload: vec![payload],
        headers: vec![],
    })
}

fn commit() -> impl Strategy<Value = Commit> {
    (
        0..8u8,
        any::<u8>(),
        prop::collection::vec((0..4u8, any::<u8>()), 0..3),
        prop::collection::vec((0..3u8, any::<u8>()), 0..2),
        prop::collection::vec(outbox_row(), 0..3),
    )
        .prop_map(|(key, decision, clients, index, outbox)| Commit {
            dedupe_key: vec![key],
            decision: vec![decision],
            clients: clients
                .into_iter()
                .map(|(k, v)| (vec![k], vec![v]))
                .collect(),
            index: index.into_iter().map(|(k, v)| (vec![k], vec![v])).collect(),
            log: vec![key, decision],
            outbox,
        })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => prop::collection::vec(commit(), 0..5).prop_map(Op::Commit),
        // o5 is never committed: an unknown id.
        1 => prop::collection::vec((0..6u8).prop_map(|id| OutboxId(format!("o{id}"))), 0..3)
            .prop_map(Op::MarkSent),
    ]
}

/// Everything a store shows, over the whole key space of [`commit`].
fn snapshot(store: &dyn Store) -> String {
    let mut out = String::new();
    for key in 0..8u8 {
        out += &format!("decision {key}: {:?}\n", store.decision(&[key]).unwrap());
    }
    for key in 0..4u8 {
        out += &format!("client {key}: {:?}\n", store.client(&[key]).unwrap());
    }
    for key in 0..3u8 {
        out += &format!("index {key}: {:?}\n", store.index(&[key]).unwrap());
    }
    out += &format!("clients: {:?}\n", store.clients().unwrap());
    out += &format!("log: {:?}\n", store.log_since(0, usize::MAX).unwrap());
    out += &format!("outbox: {:?}\n", store.pending_outbox(usize::MAX).unwrap());
    out += &format!("stats: {:?}\n", store.stats().unwrap());
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn memory_and_redb_stores_agree(ops in prop::collection::vec(op(), 1..12)) {
        let memory = MemoryStore::new();
        let dir = tempfile::tempdir().unwrap();
        let redb = RedbStore::open(dir.path()).unwrap();
        for op in &ops {
            let (in_memory, in_redb) = match op {
                Op::Commit(batch) => (
                    format!("{:?}", memory.commit(batch).map_err(|e| e.to_string())),
                    format!("{:?}", redb.commit(batch).map_err(|e| e.to_string())),
                ),
                Op::MarkSent(ids) => (
                    format!("{:?}", memory.mark_sent(ids).map_err(|e| e.to_string())),
                    format!("{:?}", redb.mark_sent(ids).map_err(|e| e.to_string())),
                ),
            };
            prop_assert_eq!(in_memory, in_redb, "answers to {:?}", op);
            prop_assert_eq!(snapshot(&memory), snapshot(&redb), "state after {:?}", op);
        }
    }
}
