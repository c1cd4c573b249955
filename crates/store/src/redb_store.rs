//! The durable store: one redb file in a folder, fsync on every commit.

use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use redb::{
    Database, Durability, ReadTransaction, ReadableDatabase, ReadableTable, ReadableTableMetadata,
    Table, TableDefinition, WriteTransaction,
};

use crate::commit::{apply, apply_state, BatchWriter};
use crate::format::{
    self, CLIENTS, DECISIONS, INDEX, LAST_LOG_SEQ, LAST_OUTBOX_SEQ, LOG, META, OUTBOX_PENDING,
    OUTBOX_ROWS,
};
use crate::{Commit, CommitOutcome, OutboxRow, PendingRow, Store, StoreError, StoreStats};

/// A [`Store`] in a redb file: [`commit`](Store::commit) returns once the batch is on disk
/// (redb's default durability, an fsync per commit).
///
/// One process opens a folder at a time; a second open of the same folder fails.
pub struct RedbStore {
    /// `None` only inside [`close`](RedbStore::close), which consumes the store.
    db: Option<Database>,
    path: PathBuf,
    /// A [`mark_sent`](Store::mark_sent) was committed without an fsync and no durable commit
    /// followed yet.
    marks_unsynced: AtomicBool,
}

impl std::fmt::Debug for RedbStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedbStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// Wraps a redb error with what the store was doing and on which file.
pub(crate) fn redb_error<'a, E: Into<redb::Error>>(
    path: &'a Path,
    op: &'static str,
) -> impl FnOnce(E) -> StoreError + use<'a, E> {
    move |error| StoreError::Redb {
        op,
        path: path.to_path_buf(),
        source: Box::new(error.into()),
    }
}

impl RedbStore {
    /// The name of the database file inside the store's folder.
    pub const FILE_NAME: &'static str = "iwmo-store.redb";

    /// redb's page cache. Its default (1 GiB) would make a replay's memory grow with the file;
    /// the engine keeps the ledger's state in its own cache, so the store needs little.
    const CACHE_BYTES: usize = 64 * 1024 * 1024;

    /// From this many outbox rows in a batch, their encoding runs on a second thread beside
    /// the rest of the commit (below it, a thread costs more than it saves).
    const ENCODE_ASIDE_FROM: usize = 64;

    /// The file a new store is laid out in before it is renamed to [`FILE_NAME`](Self::FILE_NAME).
    const PARTIAL_FILE_NAME: &'static str = "iwmo-store.redb.partial";

    /// Opens the store in `dir`, creating the folder and an empty store when there is none. A new
    /// store is created aside and renamed into place, so a crash while creating it never leaves a
    /// file that does not open.
    ///
    /// A file of a newer format version than [`FORMAT_VERSION`](crate::FORMAT_VERSION) is refused
    /// with [`StoreError::FormatTooNew`] and left untouched; an older one is migrated in the same
    /// transaction that checks it.
    pub fn open(dir: impl AsRef<Path>) -> Result<RedbStore, StoreError> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            op: "create the store folder",
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(Self::FILE_NAME);
        let exists = path.try_exists().map_err(|source| StoreError::Io {
            op: "look for the database file",
            path: path.clone(),
            source,
        })?;
        if !exists {
            create(dir, &path)?;
        }
        let db = redb::Builder::new()
            .set_cache_size(Self::CACHE_BYTES)
            .open(&path)
            .map_err(redb_error(&path, "open"))?;
        let txn = db
            .begin_write()
            .map_err(redb_error(&path, "begin the opening transaction"))?;
        // On error `txn` is dropped, which aborts it: a refused file is not written to.
        format::prepare(&txn, &path)?;
        txn.commit()
            .map_err(redb_error(&path, "commit the opening transaction"))?;
        Ok(RedbStore {
            db: Some(db),
            path,
            marks_unsynced: AtomicBool::new(false),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes the database, reporting what dropping it would ignore.
    pub fn close(mut self) -> Result<(), StoreError> {
        self.sync_marks()?;
        match self.db.take() {
            Some(db) => db.close().map_err(redb_error(&self.path, "close")),
            None => Ok(()),
        }
    }

    fn db(&self) -> &Database {
        match &self.db {
            Some(db) => db,
            // `db` is taken only by `close`, which consumes the store: no method runs after.
            None => unreachable!("the store is used after close"),
        }
    }

    /// Makes the marks of [`mark_sent`](Store::mark_sent) durable (an empty durable commit
    /// persists the non-durable ones before it).
    fn sync_marks(&self) -> Result<(), StoreError> {
        if !self.marks_unsynced.load(Ordering::SeqCst) {
            return Ok(());
        }
        let txn = self
            .db()
            .begin_write()
            .map_err(redb_error(&self.path, "begin syncing the sent marks"))?;
        txn.commit()
            .map_err(redb_error(&self.path, "sync the sent marks"))?;
        self.marks_unsynced.store(false, Ordering::SeqCst);
        Ok(())
    }

    fn read(&self) -> Result<ReadTransaction, StoreError> {
        self.db()
            .begin_read()
            .map_err(redb_error(&self.path, "begin a read transaction"))
    }

    fn get(
        &self,
        table: TableDefinition<&[u8], &[u8]>,
        key: &[u8],
        op: &'static str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let txn = self.read()?;
        let table = txn.open_table(table).map_err(redb_error(&self.path, op))?;
        let value = table.get(key).map_err(redb_error(&self.path, op))?;
        Ok(value.map(|value| value.value().to_vec()))
    }

    fn scan(
        &self,
        table: TableDefinition<&[u8], &[u8]>,
        op: &'static str,
    ) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError> {
        let txn = self.read()?;
        let table = txn.open_table(table).map_err(redb_error(&self.path, op))?;
        let mut entries = Vec::new();
        for entry in table.iter().map_err(redb_error(&self.path, op))? {
            let (key, value) = entry.map_err(redb_error(&self.path, op))?;
            entries.push((key.value().to_vec(), value.value().to_vec()));
        }
        Ok(entries)
    }

    fn corrupt(&self, what: String) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            what,
        }
    }
}

impl Drop for RedbStore {
    fn drop(&mut self) {
        // Best effort: a failure leaves the last marks undone, and their rows are delivered
        // again at the next start.
        if self.db.is_some() {
            let _ = self.sync_marks();
        }
    }
}

/// Lays out a new, empty store beside `path` and renames it into place. redb initialises a file in
/// several writes, and a file killed half-way is one redb refuses to open; this way a crash while
/// creating leaves no store (and a partial file the next attempt removes) or a complete one.
fn create(dir: &Path, path: &Path) -> Result<(), StoreError> {
    let io_error = |op, path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { op, path, source }
    };
    let partial = dir.join(RedbStore::PARTIAL_FILE_NAME);
    match std::fs::remove_file(&partial) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            return Err(io_error("remove a partly created store", &partial)(error))
        }
        _ => {}
    }
    let db = Database::create(&partial).map_err(redb_error(&partial, "create"))?;
    let txn = db
        .begin_write()
        .map_err(redb_error(&partial, "begin the creating transaction"))?;
    format::prepare(&txn, &partial)?;
    txn.commit()
        .map_err(redb_error(&partial, "commit the creating transaction"))?;
    db.close()
        .map_err(redb_error(&partial, "close the created store"))?;
    std::fs::rename(&partial, path).map_err(io_error("move the created store into place", path))?;
    // The rename is durable only once the folder is synced.
    std::fs::File::open(dir)
        .and_then(|folder| folder.sync_all())
        .map_err(io_error("sync the store folder", dir))
}

/// The tables of one write transaction, open for a batch.
struct RedbBatch<'txn> {
    path: &'txn Path,
    decisions: Table<'txn, &'static [u8], &'static [u8]>,
    clients: Table<'txn, &'static [u8], &'static [u8]>,
    index: Table<'txn, &'static [u8], &'static [u8]>,
    log: Table<'txn, u64, &'static [u8]>,
    outbox_rows: Table<'txn, u64, &'static [u8]>,
    outbox_pending: Table<'txn, u64, ()>,
    last_log_seq: u64,
    last_outbox_seq: u64,
}

impl<'txn> RedbBatch<'txn> {
    fn open(txn: &'txn WriteTransaction, path: &'txn Path) -> Result<RedbBatch<'txn>, StoreError> {
        let (last_log_seq, last_outbox_seq) = {
            let meta = txn
                .open_table(META)
                .map_err(redb_error(path, "open the meta table"))?;
            let counter = |key| -> Result<u64, StoreError> {
                let value = meta.get(key).map_err(redb_error(path, "read a counter"))?;
                Ok(value.map_or(0, |value| value.value()))
            };
            (counter(LAST_LOG_SEQ)?, counter(LAST_OUTBOX_SEQ)?)
        };
        Ok(RedbBatch {
            path,
            decisions: txn
                .open_table(DECISIONS)
                .map_err(redb_error(path, "open the decisions table"))?,
            clients: txn
                .open_table(CLIENTS)
                .map_err(redb_error(path, "open the clients table"))?,
            index: txn
                .open_table(INDEX)
                .map_err(redb_error(path, "open the index table"))?,
            log: txn
                .open_table(LOG)
                .map_err(redb_error(path, "open the log table"))?,
            outbox_rows: txn
                .open_table(OUTBOX_ROWS)
                .map_err(redb_error(path, "open the outbox table"))?,
            outbox_pending: txn
                .open_table(OUTBOX_PENDING)
                .map_err(redb_error(path, "open the pending outbox table"))?,
            last_log_seq,
            last_outbox_seq,
        })
    }

    /// Writes the counters back; the tables close when `self` drops, before the commit.
    fn finish(self, txn: &WriteTransaction) -> Result<(), StoreError> {
        let mut meta = txn
            .open_table(META)
            .map_err(redb_error(self.path, "open the meta table"))?;
        for (key, value) in [
            (LAST_LOG_SEQ, self.last_log_seq),
            (LAST_OUTBOX_SEQ, self.last_outbox_seq),
        ] {
            meta.insert(key, value)
                .map_err(redb_error(self.path, "write a counter"))?;
        }
        Ok(())
    }
}

impl BatchWriter for RedbBatch<'_> {
    fn has_decision(&mut self, dedupe_key: &[u8]) -> Result<bool, StoreError> {
        let found = self
            .decisions
            .get(dedupe_key)
            .map_err(redb_error(self.path, "read a decision"))?;
        Ok(found.is_some())
    }

    fn put_decision(&mut self, dedupe_key: &[u8], decision: &[u8]) -> Result<(), StoreError> {
        self.decisions
            .insert(dedupe_key, decision)
            .map_err(redb_error(self.path, "write a decision"))?;
        Ok(())
    }

    fn put_client(&mut self, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        self.clients
            .insert(key, value)
            .map_err(redb_error(self.path, "write a client"))?;
        Ok(())
    }

    fn put_index(&mut self, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        self.index
            .insert(key, value)
            .map_err(redb_error(self.path, "write an index entry"))?;
        Ok(())
    }

    fn append_log(&mut self, entry: &[u8]) -> Result<u64, StoreError> {
        let seq = self.last_log_seq + 1;
        self.log
            .insert(seq, entry)
            .map_err(redb_error(self.path, "append to the log"))?;
        self.last_log_seq = seq;
        Ok(seq)
    }

    fn next_outbox_seq(&self) -> u64 {
        self.last_outbox_seq + 1
    }

    fn push_outbox(&mut self, row: &OutboxRow) -> Result<(), StoreError> {
        self.push_encoded(&row.encode())
    }
}

impl RedbBatch<'_> {
    /// Enqueues a row in its stored encoding ([`OutboxRow::encode`]).
    fn push_encoded(&mut self, encoded: &[u8]) -> Result<(), StoreError> {
        let seq = self.last_outbox_seq + 1;
        self.outbox_rows
            .insert(seq, encoded)
            .map_err(redb_error(self.path, "write an outbox row"))?;
        self.outbox_pending
            .insert(seq, ())
            .map_err(redb_error(self.path, "enqueue an outbox row"))?;
        self.last_outbox_seq = seq;
        Ok(())
    }
}

impl Store for RedbStore {
    fn commit(&self, batch: &[Commit]) -> Result<Vec<CommitOutcome>, StoreError> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let txn = self
            .db()
            .begin_write()
            .map_err(redb_error(&self.path, "begin a commit"))?;
        // On any error below `txn` is dropped uncommitted, which aborts it: nothing of the batch
        // is stored.
        let mut writer = RedbBatch::open(&txn, &self.path)?;
        let rows: usize = batch.iter().map(|c| c.outbox.len()).sum();
        let outcomes = if rows < Self::ENCODE_ASIDE_FROM {
            apply(&mut writer, batch)?
        } else {
            // Compressing the payloads is the costliest part of enqueuing them: it runs on a
            // thread of its own while this one writes the rest of the batch.
            std::thread::scope(|scope| -> Result<Vec<CommitOutcome>, StoreError> {
                let encoding = scope.spawn(|| {
                    batch
                        .iter()
                        .map(|c| c.outbox.iter().map(OutboxRow::encode).collect())
                        .collect::<Vec<Vec<Vec<u8>>>>()
                });
                let state = apply_state(&mut writer, batch);
                let encoded = match encoding.join() {
                    Ok(encoded) => encoded,
                    Err(panic) => std::panic::resume_unwind(panic),
                };
                let (outcomes, applied) = state?;
                for commit in applied {
                    for row in &encoded[commit] {
                        writer.push_encoded(row)?;
                    }
                }
                Ok(outcomes)
            })?
        };
        if outcomes
            .iter()
            .all(|outcome| *outcome == CommitOutcome::Duplicate)
        {
            // A pure redelivery changes nothing; spare the fsync.
            drop(writer);
            txn.abort()
                .map_err(redb_error(&self.path, "abort a commit of duplicates"))?;
            return Ok(outcomes);
        }
        writer.finish(&txn)?;
        txn.commit().map_err(redb_error(&self.path, "commit"))?;
        // A durable commit persists the non-durable ones before it.
        self.marks_unsynced.store(false, Ordering::SeqCst);
        Ok(outcomes)
    }

    fn decision(&self, dedupe_key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        self.get(DECISIONS, dedupe_key, "read a decision")
    }

    fn decisions(&self, dedupe_keys: &[&[u8]]) -> Result<Vec<Option<Vec<u8>>>, StoreError> {
        let op = "read decisions";
        let txn = self.read()?;
        let table = txn
            .open_table(DECISIONS)
            .map_err(redb_error(&self.path, op))?;
        dedupe_keys
            .iter()
            .map(|key| {
                let value = table.get(*key).map_err(redb_error(&self.path, op))?;
                Ok(value.map(|v| v.value().to_vec()))
            })
            .collect()
    }

    fn client(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        self.get(CLIENTS, key, "read a client")
    }

    fn clients(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        let txn = self.read()?;
        let table = txn
            .open_table(CLIENTS)
            .map_err(redb_error(&self.path, "open the clients table"))?;
        let mut keys = Vec::new();
        for entry in table
            .iter()
            .map_err(redb_error(&self.path, "list the clients"))?
        {
            let (key, _) = entry.map_err(redb_error(&self.path, "list the clients"))?;
            keys.push(key.value().to_vec());
        }
        Ok(keys)
    }

    fn index(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        self.get(INDEX, key, "read an index entry")
    }

    fn client_entries(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError> {
        self.scan(CLIENTS, "list the clients")
    }

    fn index_entries(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError> {
        self.scan(INDEX, "list the index")
    }

    fn log_since(&self, after: u64, limit: usize) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let txn = self.read()?;
        let table = txn
            .open_table(LOG)
            .map_err(redb_error(&self.path, "open the log table"))?;
        let range = (Bound::Excluded(after), Bound::Unbounded);
        let mut entries = Vec::new();
        for entry in table
            .range::<u64>(range)
            .map_err(redb_error(&self.path, "read the log"))?
            .take(limit)
        {
            let (seq, entry) = entry.map_err(redb_error(&self.path, "read the log"))?;
            entries.push((seq.value(), entry.value().to_vec()));
        }
        Ok(entries)
    }

    fn pending_outbox(&self, limit: usize) -> Result<Vec<PendingRow>, StoreError> {
        let txn = self.read()?;
        let pending = txn
            .open_table(OUTBOX_PENDING)
            .map_err(redb_error(&self.path, "open the pending outbox table"))?;
        let rows = txn
            .open_table(OUTBOX_ROWS)
            .map_err(redb_error(&self.path, "open the outbox table"))?;
        let mut out = Vec::new();
        for entry in pending
            .iter()
            .map_err(redb_error(&self.path, "read the outbox"))?
            .take(limit)
        {
            let seq = entry
                .map_err(redb_error(&self.path, "read the outbox"))?
                .0
                .value();
            let bytes = rows
                .get(seq)
                .map_err(redb_error(&self.path, "read an outbox row"))?;
            let row = bytes.and_then(|bytes| OutboxRow::decode(bytes.value()));
            let row = row.ok_or_else(|| self.corrupt(format!("pending outbox row {seq}")))?;
            out.push(PendingRow { seq, row });
        }
        Ok(out)
    }

    fn mark_sent(&self, seqs: &[u64]) -> Result<(), StoreError> {
        if seqs.is_empty() {
            return Ok(());
        }
        let mut txn = self
            .db()
            .begin_write()
            .map_err(redb_error(&self.path, "begin marking sent"))?;
        // Without an fsync of its own: the next commit (or closing the store) makes it durable.
        // A crash may forget the marks; the rows are then delivered again, which a sink must
        // tolerate anyway (same id, same bytes).
        txn.set_durability(Durability::None)
            .map_err(redb_error(&self.path, "mark sent without an fsync"))?;
        {
            let last = {
                let meta = txn
                    .open_table(META)
                    .map_err(redb_error(&self.path, "open the meta table"))?;
                let last = meta
                    .get(LAST_OUTBOX_SEQ)
                    .map_err(redb_error(&self.path, "read a counter"))?;
                last.map_or(0, |v| v.value())
            };
            // Dropping `txn` on this return aborts it: nothing is marked.
            if let Some(&seq) = seqs.iter().find(|&&seq| seq == 0 || seq > last) {
                return Err(StoreError::UnknownOutboxSeq { seq, last });
            }
            let mut pending = txn
                .open_table(OUTBOX_PENDING)
                .map_err(redb_error(&self.path, "open the pending outbox table"))?;
            for &seq in seqs {
                pending
                    .remove(seq)
                    .map_err(redb_error(&self.path, "mark an outbox row sent"))?;
            }
        }
        self.marks_unsynced.store(true, Ordering::SeqCst);
        txn.commit()
            .map_err(redb_error(&self.path, "commit marking sent"))?;
        Ok(())
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        let txn = self.read()?;
        let len = |table: TableDefinition<&[u8], &[u8]>| -> Result<u64, StoreError> {
            let table = txn
                .open_table(table)
                .map_err(redb_error(&self.path, "open a table"))?;
            table.len().map_err(redb_error(&self.path, "count a table"))
        };
        let (decisions, clients, index_entries) = (len(DECISIONS)?, len(CLIENTS)?, len(INDEX)?);
        let log_entries = txn
            .open_table(LOG)
            .and_then(|t| Ok(t.len()?))
            .map_err(redb_error(&self.path, "count the log"))?;
        let outbox_total = txn
            .open_table(OUTBOX_ROWS)
            .and_then(|t| Ok(t.len()?))
            .map_err(redb_error(&self.path, "count the outbox"))?;
        let outbox_pending = txn
            .open_table(OUTBOX_PENDING)
            .and_then(|t| Ok(t.len()?))
            .map_err(redb_error(&self.path, "count the pending outbox"))?;
        let meta = txn
            .open_table(META)
            .map_err(redb_error(&self.path, "open the meta table"))?;
        let last_log_seq = meta
            .get(LAST_LOG_SEQ)
            .map_err(redb_error(&self.path, "read a counter"))?
            .map_or(0, |v| v.value());
        Ok(StoreStats {
            decisions,
            clients,
            index_entries,
            log_entries,
            last_log_seq,
            outbox_pending,
            outbox_total,
        })
    }
}
