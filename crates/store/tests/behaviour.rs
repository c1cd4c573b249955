//! The behaviour every [`Store`] must have, run against [`MemoryStore`] and [`RedbStore`] alike.

mod commits;

use commits::{bytes, commit, pending, row};
use iwmo_store::{CommitOutcome, PendingRow, Store, StoreError, StoreStats};

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
    outbox_seqs_run_on_across_commits_and_batches,
    repeated_outbox_id_is_enqueued_again,
    outbox_keeps_insertion_order,
    mark_sent_removes_from_pending_only,
    mark_sent_twice_is_harmless,
    mark_sent_with_unknown_seq_marks_nothing,
    log_pages_by_sequence_number,
    clients_are_listed_in_key_order_last_write_wins,
    empty_batch_is_a_no_op,
    a_large_batch_with_duplicates_enqueues_in_commit_order,
);

/// A batch with many rows (the redb store then encodes them on a second thread) and
/// duplicates among its commits: the applied commits' rows, in commit order, with the numbers
/// their outcomes give, and long payloads read back whole.
fn a_large_batch_with_duplicates_enqueues_in_commit_order(store: &dyn Store) {
    store
        .commit(&[commit("old", vec![row("o/old", "old")])])
        .unwrap();
    let long = |n: usize| {
        format!(
            "<Retour n=\"{n}\">{}</Retour>",
            "<Code>0200</Code>".repeat(n % 7 + 10)
        )
    };
    let mut batch = Vec::new();
    for n in 0..40 {
        // The third commit repeats the stored one; every fifth repeats the one before it.
        let name = match n {
            2 => "old".to_string(),
            n if n % 5 == 4 => format!("c{}", n - 1),
            n => format!("c{n}"),
        };
        let rows = (0..3)
            .map(|r| row(&format!("o/{n}/{r}"), &long(n * 3 + r)))
            .collect();
        batch.push(commit(&name, rows));
    }
    let outcomes = store.commit(&batch).unwrap();
    let mut expected = Vec::new();
    let mut next = 2;
    for (n, (outcome, commit)) in outcomes.iter().zip(&batch).enumerate() {
        if n == 2 || n % 5 == 4 {
            assert_eq!(*outcome, CommitOutcome::Duplicate, "commit {n}");
            continue;
        }
        assert!(
            matches!(outcome, CommitOutcome::Applied { first_outbox_seq, .. } if *first_outbox_seq == next),
            "commit {n}: {outcome:?}"
        );
        for (seq, row) in outcome.outbox_seqs(commit.outbox.len()).zip(&commit.outbox) {
            expected.push(pending(seq, row.clone()));
        }
        next += 3;
    }
    assert_eq!(expected.len(), 3 * (40 - 1 - 8));
    let pending = store.pending_outbox(usize::MAX).unwrap();
    assert_eq!(pending[0], commits::pending(1, row("o/old", "old")));
    assert_eq!(pending[1..], expected[..]);
}

fn commit_and_read_back(store: &dyn Store) {
    let mut first = commit("a", vec![row("o/a", "retour a")]);
    first
        .clients
        .push((b"c/shared".to_vec(), b"from a".to_vec()));
    let outcomes = store.commit(&[first, commit("b", vec![])]).unwrap();
    assert_eq!(
        outcomes,
        [
            CommitOutcome::Applied {
                log_seq: 1,
                first_outbox_seq: 1
            },
            CommitOutcome::Applied {
                log_seq: 2,
                first_outbox_seq: 2
            }
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
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [pending(1, row("o/a", "retour a"))]
    );
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

    // Same dedupe key, everything else different, other outbox rows too: not looked at.
    let mut again = commit("other", vec![row("o/a", "another body"), row("o/new", "x")]);
    again.dedupe_key = b"d/a".to_vec();
    let outcomes = store.commit(&[again]).unwrap();
    assert_eq!(outcomes, [CommitOutcome::Duplicate]);
    assert_eq!(outcomes[0].outbox_seqs(2), 0..0);

    assert_eq!(store.decision(b"d/a").unwrap(), bytes("decision a"));
    assert_eq!(store.client(b"c/other").unwrap(), None);
    assert_eq!(store.index(b"i/other").unwrap(), None);
    assert_eq!(store.log_since(0, 10).unwrap(), [(1, b"log a".to_vec())]);
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [pending(1, row("o/a", "retour a"))]
    );
    assert_eq!(store.stats().unwrap(), before);
    // The duplicate took no outbox sequence number.
    assert_eq!(
        store
            .commit(&[commit("b", vec![row("o/b", "retour b")])])
            .unwrap(),
        [CommitOutcome::Applied {
            log_seq: 2,
            first_outbox_seq: 2
        }]
    );
}

fn duplicate_within_one_batch_changes_nothing(store: &dyn Store) {
    let mut second = commit("b", vec![row("o/b", "second"), row("o/b2", "second too")]);
    second.dedupe_key = b"d/a".to_vec();
    let outcomes = store
        .commit(&[
            commit("a", vec![row("o/a", "first")]),
            second,
            commit("c", vec![row("o/c", "third")]),
        ])
        .unwrap();
    assert_eq!(
        outcomes,
        [
            CommitOutcome::Applied {
                log_seq: 1,
                first_outbox_seq: 1
            },
            CommitOutcome::Duplicate,
            CommitOutcome::Applied {
                log_seq: 2,
                first_outbox_seq: 2
            }
        ]
    );
    assert_eq!(store.decision(b"d/a").unwrap(), bytes("decision a"));
    assert_eq!(store.client(b"c/b").unwrap(), None);
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [
            pending(1, row("o/a", "first")),
            pending(2, row("o/c", "third"))
        ]
    );
}

fn outbox_seqs_run_on_across_commits_and_batches(store: &dyn Store) {
    let batches = [
        vec![
            commit("a", vec![row("o/a1", "a1"), row("o/a2", "a2")]),
            commit("b", vec![]),
            commit("c", vec![row("o/c", "c")]),
        ],
        vec![commit("d", vec![])],
        vec![
            commit("a", vec![row("o/dup", "never enqueued")]),
            commit(
                "e",
                vec![row("o/e1", "e1"), row("o/e2", "e2"), row("o/e3", "e3")],
            ),
            commit("f", vec![row("o/f", "f")]),
        ],
    ];
    let mut outcomes = Vec::new();
    let mut expected = Vec::new();
    for batch in &batches {
        for (outcome, commit) in store.commit(batch).unwrap().into_iter().zip(batch) {
            let seqs = outcome.outbox_seqs(commit.outbox.len());
            if outcome != CommitOutcome::Duplicate {
                assert_eq!(seqs.clone().count(), commit.outbox.len());
                expected.extend(seqs.clone().zip(commit.outbox.iter().cloned()));
            }
            outcomes.push((outcome, seqs));
        }
    }
    let applied = |log_seq, first_outbox_seq| CommitOutcome::Applied {
        log_seq,
        first_outbox_seq,
    };
    assert_eq!(
        outcomes,
        [
            (applied(1, 1), 1..3),
            // No rows: the number the next row gets.
            (applied(2, 3), 3..3),
            (applied(3, 3), 3..4),
            (applied(4, 4), 4..4),
            (CommitOutcome::Duplicate, 0..0),
            (applied(5, 4), 4..7),
            (applied(6, 7), 7..8),
        ]
    );
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(seq, row)| pending(seq, row))
        .collect();
    assert_eq!(expected.len(), 7);
    assert_eq!(store.pending_outbox(100).unwrap(), expected);
    let stats = store.stats().unwrap();
    assert_eq!((stats.outbox_pending, stats.outbox_total), (7, 7));
}

fn repeated_outbox_id_is_enqueued_again(store: &dyn Store) {
    // The store does not look at ids (the engine derives them from the unique dedupe key): a
    // repeated id, within a commit, a batch or across batches, is one more row.
    let outcomes = store
        .commit(&[
            commit("a", vec![row("o/x", "one"), row("o/x", "two")]),
            commit("b", vec![row("o/x", "three")]),
        ])
        .unwrap();
    assert_eq!(
        outcomes,
        [
            CommitOutcome::Applied {
                log_seq: 1,
                first_outbox_seq: 1
            },
            CommitOutcome::Applied {
                log_seq: 2,
                first_outbox_seq: 3
            }
        ]
    );
    store.mark_sent(&[1]).unwrap();
    // The same message again, after one of its id's rows was sent.
    assert_eq!(
        store
            .commit(&[commit("c", vec![row("o/x", "one")])])
            .unwrap(),
        [CommitOutcome::Applied {
            log_seq: 3,
            first_outbox_seq: 4
        }]
    );
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [
            pending(2, row("o/x", "two")),
            pending(3, row("o/x", "three")),
            pending(4, row("o/x", "one")),
        ]
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.outbox_pending, stats.outbox_total), (3, 4));
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
    let ids = |rows: Vec<PendingRow>| -> Vec<(u64, String)> {
        rows.into_iter().map(|p| (p.seq, p.row.id.0)).collect()
    };
    let expected = |list: &[(u64, &str)]| -> Vec<(u64, String)> {
        list.iter()
            .map(|&(seq, id)| (seq, id.to_string()))
            .collect()
    };
    assert_eq!(
        ids(store.pending_outbox(10).unwrap()),
        expected(&[(1, "z"), (2, "b"), (3, "m"), (4, "a")])
    );
    assert_eq!(
        ids(store.pending_outbox(2).unwrap()),
        expected(&[(1, "z"), (2, "b")])
    );
    assert_eq!(ids(store.pending_outbox(0).unwrap()), expected(&[]));
    // Sending from the middle keeps the order of the rest.
    store.mark_sent(&[2]).unwrap();
    assert_eq!(
        ids(store.pending_outbox(2).unwrap()),
        expected(&[(1, "z"), (3, "m")])
    );
}

fn mark_sent_removes_from_pending_only(store: &dyn Store) {
    store
        .commit(&[commit(
            "a",
            vec![row("z", "1"), row("b", "2"), row("m", "3")],
        )])
        .unwrap();
    store.mark_sent(&[2, 1]).unwrap();
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [pending(3, row("m", "3"))]
    );
    store.mark_sent(&[]).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.outbox_pending, stats.outbox_total), (1, 3));
    // A later commit of the same message is another row, under the next number.
    assert_eq!(
        store.commit(&[commit("b", vec![row("z", "1")])]).unwrap(),
        [CommitOutcome::Applied {
            log_seq: 2,
            first_outbox_seq: 4
        }]
    );
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [pending(3, row("m", "3")), pending(4, row("z", "1"))]
    );
    store.mark_sent(&[3, 4]).unwrap();
    assert_eq!(store.pending_outbox(10).unwrap(), []);
    let stats = store.stats().unwrap();
    assert_eq!((stats.outbox_pending, stats.outbox_total), (0, 4));
}

fn mark_sent_twice_is_harmless(store: &dyn Store) {
    store
        .commit(&[commit(
            "a",
            vec![row("o/1", "1"), row("o/2", "2"), row("o/3", "3")],
        )])
        .unwrap();
    // A broker confirm can arrive twice: in one call, in a later call, among new marks.
    store.mark_sent(&[2, 2]).unwrap();
    store.mark_sent(&[2]).unwrap();
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [pending(1, row("o/1", "1")), pending(3, row("o/3", "3"))]
    );
    store.mark_sent(&[1, 2]).unwrap();
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [pending(3, row("o/3", "3"))]
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.outbox_pending, stats.outbox_total), (1, 3));
}

fn mark_sent_with_unknown_seq_marks_nothing(store: &dyn Store) {
    // An empty outbox has given out no number at all.
    let error = store.mark_sent(&[1]).unwrap_err();
    assert!(
        matches!(error, StoreError::UnknownOutboxSeq { seq: 1, last: 0 }),
        "{error:?}"
    );
    store.mark_sent(&[]).unwrap();

    store
        .commit(&[commit("a", vec![row("o/1", "1"), row("o/2", "2")])])
        .unwrap();
    let both = [pending(1, row("o/1", "1")), pending(2, row("o/2", "2"))];
    for (seqs, unknown) in [
        (&[1, 3][..], 3),
        (&[0][..], 0),
        (&[2, 0, 1][..], 0),
        (&[1, 2, u64::MAX][..], u64::MAX),
    ] {
        let error = store.mark_sent(seqs).unwrap_err();
        assert!(
            matches!(error, StoreError::UnknownOutboxSeq { seq, last: 2 } if seq == unknown),
            "{seqs:?}: {error:?}"
        );
        // Nothing of the call was marked, the known numbers neither.
        assert_eq!(store.pending_outbox(10).unwrap(), both, "after {seqs:?}");
    }
    let message = store.mark_sent(&[3]).unwrap_err().to_string();
    assert!(
        message.contains("outbox row 3") && message.contains("rows 1 to 2"),
        "{message}"
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.outbox_pending, stats.outbox_total), (2, 2));

    // Once given out, the number is known.
    store.commit(&[commit("b", vec![row("o/3", "3")])]).unwrap();
    store.mark_sent(&[3, 1]).unwrap();
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [pending(2, row("o/2", "2"))]
    );
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
