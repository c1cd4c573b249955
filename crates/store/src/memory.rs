//! The store in memory: the semantics of [`RedbStore`](crate::RedbStore) without a file, for tests.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::commit::{apply, BatchWriter};
use crate::{Commit, CommitOutcome, OutboxRow, PendingRow, Store, StoreError, StoreStats};

/// A [`Store`] in memory, with the same semantics as [`RedbStore`](crate::RedbStore); nothing
/// survives the process.
#[derive(Debug, Default)]
pub struct MemoryStore {
    tables: Mutex<Tables>,
}

#[derive(Debug, Default)]
struct Tables {
    decisions: BTreeMap<Vec<u8>, Vec<u8>>,
    clients: BTreeMap<Vec<u8>, Vec<u8>>,
    index: BTreeMap<Vec<u8>, Vec<u8>>,
    log: BTreeMap<u64, Vec<u8>>,
    last_log_seq: u64,
    outbox_rows: BTreeMap<u64, OutboxRow>,
    outbox_pending: BTreeSet<u64>,
    last_outbox_seq: u64,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    fn tables(&self) -> MutexGuard<'_, Tables> {
        // Tables change only in `Tables::absorb` and `mark_sent`, after every check has passed,
        // through map inserts and removes that cannot fail half-way; a panic elsewhere while the
        // lock was held leaves them consistent, so a poisoned lock is still safe to use.
        self.tables.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A batch's writes, held aside until the whole batch has passed.
struct Staged<'a> {
    base: &'a Tables,
    decisions: BTreeMap<Vec<u8>, Vec<u8>>,
    clients: Vec<(Vec<u8>, Vec<u8>)>,
    index: Vec<(Vec<u8>, Vec<u8>)>,
    log: Vec<(u64, Vec<u8>)>,
    last_log_seq: u64,
    outbox: Vec<(u64, OutboxRow)>,
    last_outbox_seq: u64,
}

impl<'a> Staged<'a> {
    fn new(base: &'a Tables) -> Staged<'a> {
        Staged {
            base,
            decisions: BTreeMap::new(),
            clients: Vec::new(),
            index: Vec::new(),
            log: Vec::new(),
            last_log_seq: base.last_log_seq,
            outbox: Vec::new(),
            last_outbox_seq: base.last_outbox_seq,
        }
    }
}

impl BatchWriter for Staged<'_> {
    fn has_decision(&mut self, dedupe_key: &[u8]) -> Result<bool, StoreError> {
        Ok(self.decisions.contains_key(dedupe_key) || self.base.decisions.contains_key(dedupe_key))
    }

    fn put_decision(&mut self, dedupe_key: &[u8], decision: &[u8]) -> Result<(), StoreError> {
        self.decisions
            .insert(dedupe_key.to_vec(), decision.to_vec());
        Ok(())
    }

    fn put_client(&mut self, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        self.clients.push((key.to_vec(), value.to_vec()));
        Ok(())
    }

    fn put_index(&mut self, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        self.index.push((key.to_vec(), value.to_vec()));
        Ok(())
    }

    fn append_log(&mut self, entry: &[u8]) -> Result<u64, StoreError> {
        self.last_log_seq += 1;
        self.log.push((self.last_log_seq, entry.to_vec()));
        Ok(self.last_log_seq)
    }

    fn next_outbox_seq(&self) -> u64 {
        self.last_outbox_seq + 1
    }

    fn push_outbox(&mut self, row: &OutboxRow) -> Result<(), StoreError> {
        self.last_outbox_seq += 1;
        self.outbox.push((self.last_outbox_seq, row.clone()));
        Ok(())
    }
}

/// The owned part of [`Staged`], once the batch has passed.
struct Changes {
    decisions: BTreeMap<Vec<u8>, Vec<u8>>,
    clients: Vec<(Vec<u8>, Vec<u8>)>,
    index: Vec<(Vec<u8>, Vec<u8>)>,
    log: Vec<(u64, Vec<u8>)>,
    last_log_seq: u64,
    outbox: Vec<(u64, OutboxRow)>,
    last_outbox_seq: u64,
}

impl From<Staged<'_>> for Changes {
    fn from(staged: Staged<'_>) -> Changes {
        Changes {
            decisions: staged.decisions,
            clients: staged.clients,
            index: staged.index,
            log: staged.log,
            last_log_seq: staged.last_log_seq,
            outbox: staged.outbox,
            last_outbox_seq: staged.last_outbox_seq,
        }
    }
}

impl Tables {
    fn absorb(&mut self, changes: Changes) {
        self.decisions.extend(changes.decisions);
        self.clients.extend(changes.clients);
        self.index.extend(changes.index);
        self.log.extend(changes.log);
        self.last_log_seq = changes.last_log_seq;
        for (seq, row) in changes.outbox {
            self.outbox_pending.insert(seq);
            self.outbox_rows.insert(seq, row);
        }
        self.last_outbox_seq = changes.last_outbox_seq;
    }
}

impl Store for MemoryStore {
    fn commit(&self, batch: &[Commit]) -> Result<Vec<CommitOutcome>, StoreError> {
        let mut tables = self.tables();
        let mut staged = Staged::new(&tables);
        let outcomes = apply(&mut staged, batch)?;
        let changes = Changes::from(staged);
        tables.absorb(changes);
        Ok(outcomes)
    }

    fn decision(&self, dedupe_key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.tables().decisions.get(dedupe_key).cloned())
    }

    fn client(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.tables().clients.get(key).cloned())
    }

    fn clients(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        Ok(self.tables().clients.keys().cloned().collect())
    }

    fn index(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.tables().index.get(key).cloned())
    }

    fn client_entries(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError> {
        let tables = self.tables();
        Ok(tables
            .clients
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    }

    fn index_entries(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError> {
        let tables = self.tables();
        Ok(tables
            .index
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    }

    fn log_since(&self, after: u64, limit: usize) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let tables = self.tables();
        let entries = tables
            .log
            .range((std::ops::Bound::Excluded(after), std::ops::Bound::Unbounded));
        Ok(entries
            .take(limit)
            .map(|(seq, entry)| (*seq, entry.clone()))
            .collect())
    }

    fn pending_outbox(&self, limit: usize) -> Result<Vec<PendingRow>, StoreError> {
        let tables = self.tables();
        let rows = tables.outbox_pending.iter().filter_map(|&seq| {
            let row = tables.outbox_rows.get(&seq)?.clone();
            Some(PendingRow { seq, row })
        });
        Ok(rows.take(limit).collect())
    }

    fn mark_sent(&self, seqs: &[u64]) -> Result<(), StoreError> {
        let mut tables = self.tables();
        let last = tables.last_outbox_seq;
        if let Some(&seq) = seqs.iter().find(|&&seq| seq == 0 || seq > last) {
            return Err(StoreError::UnknownOutboxSeq { seq, last });
        }
        for seq in seqs {
            tables.outbox_pending.remove(seq);
        }
        Ok(())
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        let tables = self.tables();
        Ok(StoreStats {
            decisions: tables.decisions.len() as u64,
            clients: tables.clients.len() as u64,
            index_entries: tables.index.len() as u64,
            log_entries: tables.log.len() as u64,
            last_log_seq: tables.last_log_seq,
            outbox_pending: tables.outbox_pending.len() as u64,
            outbox_total: tables.outbox_rows.len() as u64,
        })
    }
}
