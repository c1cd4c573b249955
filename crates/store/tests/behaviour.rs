//! The behaviour every [`Store`] must have, run against [`MemoryStore`] and [`RedbStore`] alike.

mod commits;

use commits::{bytes, commit, row};
use iwmo_store::{CommitOutcome, OutboxId, Store, StoreError, StoreStats};

/// Runs each listed behaviour once per implementation: `memory::name` and `redb::name`.
macro_rules! for_both_stores {
    ($($name:ident),* $(,)?) => {
        mod memory {
            $(
                #[test]
                fn $name() {
                    super::$name(&iwmo_store::MemoryStore::new());
                }
            )*
        }
        mod redb {
            $(
                #[test]
                fn $name() {
                    let dir = tempfile::tempdir().unwrap();
                    let store = iwmo_store::RedbStore::open(dir.path()).unwrap();
                    super::$name(&store);
                }
            )*
        }
    };
}

for_both_stores!(
    commit_and_read_back,
    redelivered_commit_changes_nothing,
    duplicate_within_one_batch_changes_nothing,
    outbox_clash_with_stored_row_leaves_nothing_of_the_batch,
    outbox_clash_within_one_batch_leaves_nothing_of_the_batch,
    same_outbox_row_twice_is_enqueued_once,
    outbox_keeps_insertion_order,
    mark_sent_removes_from_pending_only,
    mark_sent_with_unknown_id_marks_nothing,
    sent_id_still_refuses_another_body,
    log_pages_by_sequence_number,
    clients_are_listed_in_key_order_last_write_wins,
    empty_batch_is_a_no_op,
);

fn commit_and_read_back(store: &dyn Store) {
    let mut first = commit("a", vec![row("o/a", "retour a")]);
    first
        .clients
        .push((b"c/shared".to_vec(), b"from a".to_vec()));
    let outcomes = store.commit(&[first, commit("b", vec![])]).unwrap();
    assert_eq!(
        outcomes,
        [
            CommitOutcome::Applied { log_seq: 1 },
            CommitOutcome::Applied { log_seq: 2 }
        ]
    );

    assert_eq!(store.decision(b"d/a").unwrap(), bytes("decision a"));
    assert_eq!(store.decision(b"d/b").unwrap(), bytes("decision b"));
    assert_eq!(store.decision(b"d/c").unwrap(), None);
    assert_eq!(
        store.decisions(&[b"d/b", b"d/c", b"d/a"]).unwrap(),
        [bytes("decision b"), None, bytes("decision a")]
    );
    assert_eq!(store.client(b"c/a").unwrap(), bytes("state a"));
    assert_eq!(store.client(b"c/shared").unwrap(), bytes("from a"));
    assert_eq!(store.client(b"c/zz").unwrap(), None);
    assert_eq!(store.index(b"i/b").unwrap(), bytes("c/b"));
    assert_eq!(store.index(b"i/zz").unwrap(), None);
    // The start-up scan sees the same values, in key order, the shared key's last write.
    assert_eq!(
        store.client_entries().unwrap(),
        [
            (b"c/a".to_vec(), b"state a".to_vec()),
            (b"c/b".to_vec(), b"state b".to_vec()),
            (b"c/shared".to_vec(), b"from a".to_vec()),
        ]
    );
    assert_eq!(
        store.index_entries().unwrap(),
        [
            (b"i/a".to_vec(), b"c/a".to_vec()),
            (b"i/b".to_vec(), b"c/b".to_vec()),
        ]
    );
    assert_eq!(
        store.log_since(0, 10).unwrap(),
        [(1, b"log a".to_vec()), (2, b"log b".to_vec())]
    );
    assert_eq!(store.pending_outbox(10).unwrap(), [row("o/a", "retour a")]);
    assert_eq!(
        store.stats().unwrap(),
        StoreStats {
            decisions: 2,
            clients: 3,
            index_entries: 2,
            log_entries: 2,
            last_log_seq: 2,
            outbox_pending: 1,
            outbox_total: 1,
        }
    );
}

fn redelivered_commit_changes_nothing(store: &dyn Store) {
    store
        .commit(&[commit("a", vec![row("o/a", "retour a")])])
        .unwrap();
    let before = store.stats().unwrap();

    // Same dedupe key, everything else different, even a clashing outbox row: not looked at.
    let mut again = commit("other", vec![row("o/a", "another body"), row("o/new", "x")]);
    again.dedupe_key = b"d/a".to_vec();
    assert_eq!(store.commit(&[again]).unwrap(), [CommitOutcome::Duplicate]);

    assert_eq!(store.decision(b"d/a").unwrap(), bytes("decision a"));
    assert_eq!(store.client(b"c/other").unwrap(), None);
    assert_eq!(store.index(b"i/other").unwrap(), None);
    assert_eq!(store.log_since(0, 10).unwrap(), [(1, b"log a".to_vec())]);
    assert_eq!(store.pending_outbox(10).unwrap(), [row("o/a", "retour a")]);
    assert_eq!(store.stats().unwrap(), before);
}

fn duplicate_within_one_batch_changes_nothing(store: &dyn Store) {
    let mut second = commit("b", vec![row("o/b", "second")]);
    second.dedupe_key = b"d/a".to_vec();
    let outcomes = store
        .commit(&[commit("a", vec![]), second, commit("c", vec![])])
        .unwrap();
    assert_eq!(
        outcomes,
        [
            CommitOutcome::Applied { log_seq: 1 },
            CommitOutcome::Duplicate,
            CommitOutcome::Applied { log_seq: 2 }
        ]
    );
    assert_eq!(store.decision(b"d/a").unwrap(), bytes("decision a"));
    assert_eq!(store.client(b"c/b").unwrap(), None);
    assert_eq!(store.pending_outbox(10).unwrap(), []);
}

fn outbox_clash_with_stored_row_leaves_nothing_of_the_batch(store: &dyn Store) {
    store
        .commit(&[commit("a", vec![row("o/a", "retour a")])])
        .unwrap();
    let before = store.stats().unwrap();

    let batch = [
        commit("b", vec![row("o/b", "retour b")]),
        commit("c", vec![row("o/a", "a different retour")]),
        commit("d", vec![]),
    ];
    let error = store.commit(&batch).unwrap_err();
    assert!(
        matches!(&error, StoreError::OutboxIdConflict { id, batch_index: 1 } if id.as_str() == "o/a"),
        "{error:?}"
    );

    assert_eq!(store.stats().unwrap(), before);
    for name in ["b", "c", "d"] {
        assert_eq!(
            store.decision(format!("d/{name}").as_bytes()).unwrap(),
            None
        );
        assert_eq!(store.client(format!("c/{name}").as_bytes()).unwrap(), None);
        assert_eq!(store.index(format!("i/{name}").as_bytes()).unwrap(), None);
    }
    assert_eq!(store.log_since(0, 10).unwrap(), [(1, b"log a".to_vec())]);
    assert_eq!(store.pending_outbox(10).unwrap(), [row("o/a", "retour a")]);
    // The batch without its bad commit goes through, with the next sequence number.
    assert_eq!(
        store
            .commit(&[commit("b", vec![row("o/b", "retour b")])])
            .unwrap(),
        [CommitOutcome::Applied { log_seq: 2 }]
    );
}

fn outbox_clash_within_one_batch_leaves_nothing_of_the_batch(store: &dyn Store) {
    let batch = [
        commit("a", vec![row("o/x", "one body")]),
        commit("b", vec![row("o/x", "another body")]),
    ];
    let error = store.commit(&batch).unwrap_err();
    assert!(
        matches!(&error, StoreError::OutboxIdConflict { id, batch_index: 1 } if id.as_str() == "o/x"),
        "{error:?}"
    );
    // Also within one commit.
    let error = store
        .commit(&[commit("c", vec![row("o/y", "one"), row("o/y", "two")])])
        .unwrap_err();
    assert!(
        matches!(error, StoreError::OutboxIdConflict { batch_index: 0, .. }),
        "{error:?}"
    );
    assert_eq!(store.stats().unwrap(), StoreStats::default());
    assert_eq!(store.decision(b"d/a").unwrap(), None);
    assert_eq!(store.pending_outbox(10).unwrap(), []);
}

fn same_outbox_row_twice_is_enqueued_once(store: &dyn Store) {
    store
        .commit(&[commit("a", vec![row("o/x", "body")])])
        .unwrap();
    // Same destination and payload, other headers: the same message.
    let mut same = row("o/x", "body");
    same.headers = vec![("redelivered".to_string(), "yes".to_string())];
    let outcomes = store
        .commit(&[commit("b", vec![same.clone()]), commit("c", vec![same])])
        .unwrap();
    assert_eq!(
        outcomes,
        [
            CommitOutcome::Applied { log_seq: 2 },
            CommitOutcome::Applied { log_seq: 3 }
        ]
    );
    assert_eq!(store.pending_outbox(10).unwrap(), [row("o/x", "body")]);
    assert_eq!(store.stats().unwrap().outbox_total, 1);
    // Another destination with the same payload is another message.
    let mut elsewhere = row("o/x", "body");
    elsewhere.destination = "cak.wmo405".to_string();
    assert!(matches!(
        store.commit(&[commit("d", vec![elsewhere])]),
        Err(StoreError::OutboxIdConflict { .. })
    ));
}

fn outbox_keeps_insertion_order(store: &dyn Store) {
    // Ids deliberately out of byte order: the outbox is ordered by commit, not by id.
    store
        .commit(&[
            commit("a", vec![row("z", "1"), row("b", "2")]),
            commit("b", vec![row("m", "3")]),
        ])
        .unwrap();
    store.commit(&[commit("c", vec![row("a", "4")])]).unwrap();
    let ids = |rows: Vec<iwmo_store::OutboxRow>| -> Vec<String> {
        rows.into_iter().map(|row| row.id.0).collect()
    };
    assert_eq!(ids(store.pending_outbox(10).unwrap()), ["z", "b", "m", "a"]);
    assert_eq!(ids(store.pending_outbox(2).unwrap()), ["z", "b"]);
    assert_eq!(ids(store.pending_outbox(0).unwrap()), Vec::<String>::new());
}

fn mark_sent_removes_from_pending_only(store: &dyn Store) {
    store
        .commit(&[commit(
            "a",
            vec![row("z", "1"), row("b", "2"), row("m", "3")],
        )])
        .unwrap();
    store
        .mark_sent(&[OutboxId::from("b"), OutboxId::from("z")])
        .unwrap();
    assert_eq!(store.pending_outbox(10).unwrap(), [row("m", "3")]);
    // A broker confirm can arrive twice.
    store.mark_sent(&[OutboxId::from("b")]).unwrap();
    store.mark_sent(&[]).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.outbox_pending, stats.outbox_total), (1, 3));
    // A sent row is not enqueued again by a later commit of the same message.
    store.commit(&[commit("b", vec![row("z", "1")])]).unwrap();
    assert_eq!(store.pending_outbox(10).unwrap(), [row("m", "3")]);
}

fn mark_sent_with_unknown_id_marks_nothing(store: &dyn Store) {
    store
        .commit(&[commit("a", vec![row("o/1", "1"), row("o/2", "2")])])
        .unwrap();
    let error = store
        .mark_sent(&[OutboxId::from("o/1"), OutboxId::from("o/unknown")])
        .unwrap_err();
    assert!(
        matches!(&error, StoreError::UnknownOutboxId { id } if id.as_str() == "o/unknown"),
        "{error:?}"
    );
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [row("o/1", "1"), row("o/2", "2")]
    );
}

fn sent_id_still_refuses_another_body(store: &dyn Store) {
    store.commit(&[commit("a", vec![row("o/1", "1")])]).unwrap();
    store.mark_sent(&[OutboxId::from("o/1")]).unwrap();
    assert!(matches!(
        store.commit(&[commit("b", vec![row("o/1", "changed")])]),
        Err(StoreError::OutboxIdConflict { batch_index: 0, .. })
    ));
    assert_eq!(store.decision(b"d/b").unwrap(), None);
}

fn log_pages_by_sequence_number(store: &dyn Store) {
    for name in ["a", "b", "c"] {
        store.commit(&[commit(name, vec![])]).unwrap();
    }
    store
        .commit(&[
            commit("a", vec![]),
            commit("d", vec![]),
            commit("e", vec![]),
        ])
        .unwrap();
    let seqs = |entries: Vec<(u64, Vec<u8>)>| -> Vec<u64> {
        entries.into_iter().map(|(seq, _)| seq).collect()
    };
    // The duplicate "a" took no number: 1..=5 are a, b, c, d, e.
    assert_eq!(seqs(store.log_since(0, 2).unwrap()), [1, 2]);
    assert_eq!(seqs(store.log_since(2, 10).unwrap()), [3, 4, 5]);
    assert_eq!(store.log_since(3, 1).unwrap(), [(4, b"log d".to_vec())]);
    assert_eq!(store.log_since(5, 10).unwrap(), []);
    assert_eq!(store.log_since(u64::MAX, 10).unwrap(), []);
    assert_eq!(store.stats().unwrap().last_log_seq, 5);
}

fn clients_are_listed_in_key_order_last_write_wins(store: &dyn Store) {
    let mut first = commit("b", vec![]);
    first.clients = vec![
        (b"k/2".to_vec(), b"old".to_vec()),
        (b"k/1".to_vec(), b"one".to_vec()),
        (b"k/2".to_vec(), b"newer".to_vec()),
    ];
    store.commit(&[first]).unwrap();
    let mut second = commit("a", vec![]);
    second.clients = vec![
        (b"k/2".to_vec(), b"newest".to_vec()),
        (b"k/0".to_vec(), vec![]),
    ];
    store.commit(&[second]).unwrap();
    assert_eq!(
        store.clients().unwrap(),
        [b"k/0".to_vec(), b"k/1".to_vec(), b"k/2".to_vec()]
    );
    assert_eq!(store.client(b"k/2").unwrap(), bytes("newest"));
    assert_eq!(store.client(b"k/0").unwrap(), Some(vec![]));
}

fn empty_batch_is_a_no_op(store: &dyn Store) {
    assert_eq!(store.commit(&[]).unwrap(), []);
    assert_eq!(store.stats().unwrap(), StoreStats::default());
    assert_eq!(store.clients().unwrap(), Vec::<Vec<u8>>::new());
    assert_eq!(store.pending_outbox(10).unwrap(), []);
}
