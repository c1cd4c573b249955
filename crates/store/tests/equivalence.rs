//! [`MemoryStore`] and [`RedbStore`] have the same semantics: random runs of commits and
//! `mark_sent` calls, over small key spaces so that duplicates, repeated outbox ids, repeated
//! marks and unknown outbox numbers are common, give the same answers and leave the same state.

use std::collections::HashSet;

use iwmo_store::{Commit, CommitOutcome, MemoryStore, OutboxId, OutboxRow, RedbStore, Store};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

#[derive(Debug, Clone)]
enum Op {
    Commit(Vec<Commit>),
    /// Marks the outbox numbers these pick, against the number of rows given out when it runs.
    MarkSent(Vec<Pick>),
}

/// An outbox number to mark sent, chosen when the op runs so that most are known.
#[derive(Debug, Clone, Copy)]
enum Pick {
    /// One of the numbers given out so far (pending or sent already): the `n`th, cyclically;
    /// 1, unknown, while none is given out.
    Given(u8),
    /// 0: never given out.
    Zero,
    /// Beyond the last number given out, by `1 + n`.
    Beyond(u8),
}

impl Pick {
    fn seq(self, last: u64) -> u64 {
        match self {
            Pick::Given(n) if last > 0 => 1 + u64::from(n) % last,
            Pick::Given(_) => 1,
            Pick::Zero => 0,
            Pick::Beyond(n) => last + 1 + u64::from(n),
        }
    }
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
        2 => prop::collection::vec(pick(), 0..4).prop_map(Op::MarkSent),
    ]
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        12 => any::<u8>().prop_map(Pick::Given),
        1 => Just(Pick::Zero),
        1 => (0..3u8).prop_map(Pick::Beyond),
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

/// What a run went through, counted on the memory store, to show the generated runs exercise
/// what they are meant to.
#[derive(Debug, Default)]
struct Coverage {
    duplicates: usize,
    repeated_ids: usize,
    rows_marked: usize,
    marked_again: usize,
    unknown_seqs: usize,
}

/// Runs `ops` on both stores, failing at the first answer or state they disagree on.
fn run(ops: &[Op]) -> Result<Coverage, TestCaseError> {
    let memory = MemoryStore::new();
    let dir = tempfile::tempdir().unwrap();
    let redb = RedbStore::open(dir.path()).unwrap();
    let mut coverage = Coverage::default();
    let mut ids = HashSet::new();
    for op in ops {
        let (what, in_memory, in_redb) = match op {
            Op::Commit(batch) => {
                let in_memory = memory.commit(batch);
                for (outcome, commit) in in_memory.iter().flatten().zip(batch) {
                    if *outcome == CommitOutcome::Duplicate {
                        coverage.duplicates += 1;
                        continue;
                    }
                    for row in &commit.outbox {
                        coverage.repeated_ids += usize::from(!ids.insert(row.id.clone()));
                    }
                }
                (
                    format!("{op:?}"),
                    format!("{:?}", in_memory.map_err(|e| e.to_string())),
                    format!("{:?}", redb.commit(batch).map_err(|e| e.to_string())),
                )
            }
            Op::MarkSent(picks) => {
                let last = memory.stats().unwrap().outbox_total;
                let seqs: Vec<u64> = picks.iter().map(|pick| pick.seq(last)).collect();
                let pending: HashSet<u64> = memory
                    .pending_outbox(usize::MAX)
                    .unwrap()
                    .into_iter()
                    .map(|p| p.seq)
                    .collect();
                let in_memory = memory.mark_sent(&seqs);
                if in_memory.is_ok() {
                    let (marked, again): (Vec<u64>, Vec<u64>) =
                        seqs.iter().partition(|seq| pending.contains(seq));
                    coverage.rows_marked += marked.len();
                    coverage.marked_again += again.len();
                } else {
                    coverage.unknown_seqs += 1;
                }
                (
                    format!("mark_sent({seqs:?}) with {last} rows given out"),
                    format!("{:?}", in_memory.map_err(|e| e.to_string())),
                    format!("{:?}", redb.mark_sent(&seqs).map_err(|e| e.to_string())),
                )
            }
        };
        prop_assert_eq!(in_memory, in_redb, "answers to {}", what);
        prop_assert_eq!(snapshot(&memory), snapshot(&redb), "state after {}", what);
    }
    // Reopened, the redb store still shows the same (its marks were made durable on close).
    redb.close().unwrap();
    let redb = RedbStore::open(dir.path()).unwrap();
    prop_assert_eq!(snapshot(&memory), snapshot(&redb), "state after reopening");
    Ok(coverage)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn memory_and_redb_stores_agree(ops in prop::collection::vec(op(), 1..12)) {
        run(&ops)?;
    }
}

/// The generated runs are not trivially equal: across a fixed sample of them, rows are marked
/// sent, marked again, refused as unknown, and commits repeat dedupe keys and outbox ids.
#[test]
fn generated_runs_exercise_every_case() {
    let mut runner = TestRunner::deterministic();
    let strategy = prop::collection::vec(op(), 1..12);
    let mut total = Coverage::default();
    for _ in 0..64 {
        let ops = strategy.new_tree(&mut runner).unwrap().current();
        let coverage = run(&ops).unwrap();
        total.duplicates += coverage.duplicates;
        total.repeated_ids += coverage.repeated_ids;
        total.rows_marked += coverage.rows_marked;
        total.marked_again += coverage.marked_again;
        total.unknown_seqs += coverage.unknown_seqs;
    }
    eprintln!("{total:?}");
    assert!(
        total.duplicates >= 10
            && total.repeated_ids >= 10
            && total.rows_marked >= 10
            && total.marked_again >= 5
            && total.unknown_seqs >= 10,
        "{total:?}"
    );
}
