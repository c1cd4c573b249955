//! What one decision commits, and the batch logic both stores share, so that their semantics
//! cannot drift apart.

use crate::{OutboxRow, StoreError};

/// Everything one decided input writes, committed together with its dedupe key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Commit {
    /// The input's dedupe key; a second commit with the same key changes nothing.
    pub dedupe_key: Vec<u8>,
    /// The decision, returned by [`Store::decision`](crate::Store::decision) on redelivery.
    pub decision: Vec<u8>,
    /// Client state to write, key and value; last write wins.
    pub clients: Vec<(Vec<u8>, Vec<u8>)>,
    /// Index entries to write, key and value; last write wins.
    pub index: Vec<(Vec<u8>, Vec<u8>)>,
    /// The message log entry; every applied commit appends one, with the next sequence number.
    pub log: Vec<u8>,
    /// Messages to publish once the commit is durable.
    pub outbox: Vec<OutboxRow>,
}

/// What became of one commit of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitOutcome {
    /// Stored; its log entry has this sequence number, and its outbox rows, in their order, the
    /// outbox sequence numbers from `first_outbox_seq` on (see [`outbox_seqs`](Self::outbox_seqs)).
    Applied {
        /// The sequence number of the commit's log entry.
        log_seq: u64,
        /// The outbox sequence number of the commit's first outbox row (when it has none, the
        /// number the next row will get).
        first_outbox_seq: u64,
    },
    /// Its dedupe key was already stored (or came earlier in the batch): nothing changed.
    Duplicate,
}

impl CommitOutcome {
    /// The outbox sequence numbers of an applied commit's `rows` outbox rows (empty for a
    /// duplicate): what [`Store::mark_sent`](crate::Store::mark_sent) takes once they are
    /// delivered.
    pub fn outbox_seqs(&self, rows: usize) -> std::ops::Range<u64> {
        match *self {
            CommitOutcome::Applied {
                first_outbox_seq, ..
            } => first_outbox_seq..first_outbox_seq + rows as u64,
            CommitOutcome::Duplicate => 0..0,
        }
    }
}

/// The writes of one batch, inside one transaction. Reads must see the batch's own earlier
/// writes.
pub(crate) trait BatchWriter {
    fn has_decision(&mut self, dedupe_key: &[u8]) -> Result<bool, StoreError>;
    fn put_decision(&mut self, dedupe_key: &[u8], decision: &[u8]) -> Result<(), StoreError>;
    fn put_client(&mut self, key: &[u8], value: &[u8]) -> Result<(), StoreError>;
    fn put_index(&mut self, key: &[u8], value: &[u8]) -> Result<(), StoreError>;
    /// Appends a log entry and returns its sequence number.
    fn append_log(&mut self, entry: &[u8]) -> Result<u64, StoreError>;
    /// The sequence number the next outbox row will get.
    fn next_outbox_seq(&self) -> u64;
    /// Enqueues a row under the next outbox sequence number.
    fn push_outbox(&mut self, row: &OutboxRow) -> Result<(), StoreError>;
}

/// Applies a batch through `writer`. On `Err` the caller must drop the writer's changes, all of
/// them: that is what makes the batch atomic.
pub(crate) fn apply(
    writer: &mut impl BatchWriter,
    batch: &[Commit],
) -> Result<Vec<CommitOutcome>, StoreError> {
    let (outcomes, applied) = apply_state(writer, batch)?;
    for commit in applied {
        for row in &batch[commit].outbox {
            writer.push_outbox(row)?;
        }
    }
    Ok(outcomes)
}

/// The first part of [`apply`]: everything but the outbox rows. Returns the outcomes and the
/// positions of the applied commits, whose rows the caller must then enqueue in that order (so
/// that they get the `first_outbox_seq` numbers given here). A store can so encode the rows
/// meanwhile on another thread.
pub(crate) fn apply_state(
    writer: &mut impl BatchWriter,
    batch: &[Commit],
) -> Result<(Vec<CommitOutcome>, Vec<usize>), StoreError> {
    let mut outcomes = Vec::with_capacity(batch.len());
    let mut applied = Vec::with_capacity(batch.len());
    let mut next_outbox_seq = writer.next_outbox_seq();
    for (position, commit) in batch.iter().enumerate() {
        if writer.has_decision(&commit.dedupe_key)? {
            outcomes.push(CommitOutcome::Duplicate);
            continue;
        }
        let first_outbox_seq = next_outbox_seq;
        next_outbox_seq += commit.outbox.len() as u64;
        writer.put_decision(&commit.dedupe_key, &commit.decision)?;
        for (key, value) in &commit.clients {
            writer.put_client(key, value)?;
        }
        for (key, value) in &commit.index {
            writer.put_index(key, value)?;
        }
        let log_seq = writer.append_log(&commit.log)?;
        outcomes.push(CommitOutcome::Applied {
            log_seq,
            first_outbox_seq,
        });
        applied.push(position);
    }
    Ok((outcomes, applied))
}
