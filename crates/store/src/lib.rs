//! `iwmo-store`: the engine's durable state, one redb transaction per group commit.
//!
//! This crate owns what must survive a crash: the decision stored under each input's dedupe key,
//! the per-client state and its secondary index, the message log, the outbox of messages still to
//! publish, and the format version of the database file. Its one promise is [`Store::commit`]: a
//! batch of [`Commit`]s (a group commit, many decisions per fsync) is durable, all of it, when the
//! call returns, or none of it is. A commit whose dedupe key is already stored changes nothing,
//! which turns at-least-once delivery into exactly-once effects; each outbox row carries the
//! deterministic id the engine gave it, and a sequence number that marks it sent.
//!
//! It deliberately knows nothing of iWmo: keys and values are bytes the engine serializes. It does
//! no async, reads no clock and opens no network connection; it knows files, nothing else.
//!
//! Start reading at [`Store`]. [`RedbStore`] is the durable implementation (one redb file in a
//! folder, fsync on every commit); [`MemoryStore`] has the same semantics in memory, for tests.
//!
//! A decision, then its redelivery:
//!
//! ```
//! use iwmo_store::*;
//!
//! let store = MemoryStore::new();
//! let decided = Commit {
//!     dedupe_key: b"ggk/wmo305/1234/2026-06-01/9f3a".to_vec(),
//!     decision: b"approved".to_vec(),
//!     clients: vec![(b"client/0363/123".to_vec(), b"state v2".to_vec())],
//!     index: vec![(b"toewijzing/77".to_vec(), b"client/0363/123".to_vec())],
//!     log: b"<the 305 as received>".to_vec(),
//!     outbox: vec![OutboxRow {
//!         id: OutboxId::from("retour/wmo306/1234"),
//!         destination: "ggk.wmo306".to_string(),
//!         payload: b"<the 306>".to_vec(),
//!         headers: vec![],
//!     }],
//! };
//! assert_eq!(
//!     store.commit(&[decided.clone()])?,
//!     [CommitOutcome::Applied { log_seq: 1, first_outbox_seq: 1 }]
//! );
//! // The broker delivers the same input again: nothing changes, the stored decision answers it.
//! assert_eq!(store.commit(&[decided])?, [CommitOutcome::Duplicate]);
//! assert_eq!(store.decision(b"ggk/wmo305/1234/2026-06-01/9f3a")?.as_deref(), Some(&b"approved"[..]));
//! assert_eq!(store.pending_outbox(10)?.len(), 1);
//! # Ok::<(), StoreError>(())
//! ```
//!
//! The engine's loop around a durable store: commit a group of decisions, acknowledge their
//! inputs only then, and publish the outbox, marking each row sent after its confirm:
//!
//! ```
//! use iwmo_store::*;
//!
//! # let dir = tempfile::tempdir()?;
//! let store = RedbStore::open(dir.path())?; // the folder of the engine's data
//! let group: Vec<Commit> = (1..=16)
//!     .map(|n| Commit {
//!         dedupe_key: format!("input {n}").into_bytes(),
//!         outbox: vec![OutboxRow {
//!             id: OutboxId(format!("retour {n}")),
//!             destination: "ggk.wmo306".to_string(),
//!             payload: b"<the retour>".to_vec(),
//!             headers: vec![],
//!         }],
//!         ..Commit::default()
//!     })
//!     .collect();
//! store.commit(&group)?; // one fsync for 16 decisions; now acknowledge the 16 inputs
//! for pending in store.pending_outbox(100)? {
//!     // publish `pending.row.payload` to `pending.row.destination` and wait for the broker's
//!     // confirm, then:
//!     store.mark_sent(&[pending.seq])?;
//! }
//! assert_eq!(store.stats()?.outbox_pending, 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod commit;
mod error;
mod format;
mod memory;
mod outbox;
mod redb_store;

pub use commit::{Commit, CommitOutcome};
pub use error::StoreError;
pub use format::FORMAT_VERSION;
pub use memory::MemoryStore;
pub use outbox::{OutboxId, OutboxRow, PendingRow};
pub use redb_store::RedbStore;

/// A durable, transactional key-value store for the engine's state.
///
/// Every method is one transaction. Writes happen only through [`commit`](Store::commit) and
/// [`mark_sent`](Store::mark_sent); everything else reads a consistent snapshot.
pub trait Store: Send + Sync {
    /// Commits a batch in one transaction: every applied commit of the batch is durable when this
    /// returns `Ok`, and on `Err` nothing of the batch is stored.
    ///
    /// The outcomes are in batch order. A commit whose dedupe key is already stored, or appears
    /// earlier in the same batch, is a [`CommitOutcome::Duplicate`] and changes nothing; its
    /// fields are not looked at. An applied commit stores its decision under its dedupe key,
    /// writes its client and index entries (last write wins), appends its log entry and enqueues
    /// its outbox rows under the next outbox sequence numbers.
    ///
    /// The store does not look at outbox ids: the caller derives them from the dedupe key, which
    /// the store keeps unique, so an input decided once enqueues its rows once. (Format version
    /// 1 kept an id table to refuse a reused id; its random keys made every commit rewrite pages
    /// all over it.)
    fn commit(&self, batch: &[Commit]) -> Result<Vec<CommitOutcome>, StoreError>;

    /// The decision stored for an input already decided, by its dedupe key.
    fn decision(&self, dedupe_key: &[u8]) -> Result<Option<Vec<u8>>, StoreError>;

    /// The decisions stored for many dedupe keys, in their order, read from one snapshot (one
    /// read transaction for a whole batch instead of one per input).
    fn decisions(&self, dedupe_keys: &[&[u8]]) -> Result<Vec<Option<Vec<u8>>>, StoreError> {
        dedupe_keys.iter().map(|k| self.decision(k)).collect()
    }

    /// The state stored under a client key.
    fn client(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError>;

    /// Every client key, in byte order (for reports and reviews).
    fn clients(&self) -> Result<Vec<Vec<u8>>, StoreError>;

    /// The value stored under an index key.
    fn index(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError>;

    /// Every client key with its state, in key order, from one snapshot (an engine loads its
    /// cache from it at start-up).
    fn client_entries(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError>;

    /// Every index key with its value, in key order, from one snapshot.
    fn index_entries(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError>;

    /// Up to `limit` log entries with a sequence number strictly greater than `after`, in order.
    /// Sequence numbers start at 1, so `log_since(0, n)` reads from the beginning; pass the last
    /// number seen to read on.
    fn log_since(&self, after: u64, limit: usize) -> Result<Vec<(u64, Vec<u8>)>, StoreError>;

    /// Up to `limit` outbox rows not yet marked sent, with their sequence numbers, in the order
    /// they were committed.
    fn pending_outbox(&self, limit: usize) -> Result<Vec<PendingRow>, StoreError>;

    /// Marks outbox rows as sent, by sequence number, in one transaction; call it only after the
    /// broker confirmed the publish or the file was written. The marks may become durable only
    /// with the next [`commit`](Store::commit) or when the store is closed ([`RedbStore`] spares
    /// their fsync): a crash can forget them, and the rows are then delivered again, which a
    /// sink must tolerate anyway (the same id with the same bytes). Marking a row twice is
    /// harmless; a number the store never gave out fails with [`StoreError::UnknownOutboxSeq`]
    /// and marks nothing.
    fn mark_sent(&self, seqs: &[u64]) -> Result<(), StoreError>;

    /// Counts for metrics (outbox depth among them).
    fn stats(&self) -> Result<StoreStats, StoreError>;
}

/// Counts of what a store holds, read in one snapshot.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreStats {
    /// Decided inputs (dedupe keys).
    pub decisions: u64,
    /// Client keys.
    pub clients: u64,
    /// Index keys.
    pub index_entries: u64,
    /// Log entries.
    pub log_entries: u64,
    /// The sequence number of the newest log entry, 0 when the log is empty.
    pub last_log_seq: u64,
    /// Outbox rows waiting to be sent: the outbox depth.
    pub outbox_pending: u64,
    /// Outbox rows ever enqueued, sent or not.
    pub outbox_total: u64,
}

/// A shared reference is a store too, so that one store can serve an engine that commits and,
/// beside it, a thread that publishes the outbox (redb serialises their write transactions).
impl<T: Store + ?Sized> Store for &T {
    fn commit(&self, batch: &[Commit]) -> Result<Vec<CommitOutcome>, StoreError> {
        (**self).commit(batch)
    }
    fn decision(&self, dedupe_key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        (**self).decision(dedupe_key)
    }
    fn decisions(&self, dedupe_keys: &[&[u8]]) -> Result<Vec<Option<Vec<u8>>>, StoreError> {
        (**self).decisions(dedupe_keys)
    }
    fn client(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        (**self).client(key)
    }
    fn clients(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        (**self).clients()
    }
    fn index(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        (**self).index(key)
    }
    fn client_entries(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError> {
        (**self).client_entries()
    }
    fn index_entries(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError> {
        (**self).index_entries()
    }
    fn log_since(&self, after: u64, limit: usize) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        (**self).log_since(after, limit)
    }
    fn pending_outbox(&self, limit: usize) -> Result<Vec<PendingRow>, StoreError> {
        (**self).pending_outbox(limit)
    }
    fn mark_sent(&self, seqs: &[u64]) -> Result<(), StoreError> {
        (**self).mark_sent(seqs)
    }
    fn stats(&self) -> Result<StoreStats, StoreError> {
        (**self).stats()
    }
}
