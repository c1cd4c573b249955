//! The layout of the redb file, its format version, and what is done when a file is opened: an
//! empty one is laid out, an older one migrated, a newer one refused.

use std::path::Path;

use redb::{ReadableTable, TableDefinition, WriteTransaction};

use crate::redb_store::redb_error;
use crate::{OutboxRow, StoreError};

/// The format version of the database files this binary writes, and the newest it reads.
///
/// A database with a higher version is refused ([`StoreError::FormatTooNew`]); one with a lower
/// version is migrated when opened.
//
// Bump it, and add a step to `migrate`, whenever the tables below change in a way an older binary
// would misread.
pub const FORMAT_VERSION: u64 = 2;

/// Format bookkeeping and counters: `format_version`, `last_log_seq`, `last_outbox_seq`.
pub(crate) const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
pub(crate) const FORMAT_KEY: &str = "format_version";
pub(crate) const LAST_LOG_SEQ: &str = "last_log_seq";
pub(crate) const LAST_OUTBOX_SEQ: &str = "last_outbox_seq";

/// Dedupe key → decision.
pub(crate) const DECISIONS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("decisions");
/// Client key → client state.
pub(crate) const CLIENTS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("clients");
/// Index key → value.
pub(crate) const INDEX: TableDefinition<&[u8], &[u8]> = TableDefinition::new("index");
/// Log sequence number → entry.
pub(crate) const LOG: TableDefinition<u64, &[u8]> = TableDefinition::new("log");
/// Outbox sequence number → encoded [`OutboxRow`](crate::OutboxRow), kept after it is sent (the
/// message log's outputs).
pub(crate) const OUTBOX_ROWS: TableDefinition<u64, &[u8]> = TableDefinition::new("outbox_rows");
/// Version 1 only: outbox id → outbox sequence number. Its keys are hashes, so every group
/// commit rewrote pages all over it; version 2 marks rows sent by sequence number instead.
const OUTBOX_IDS_V1: TableDefinition<&str, u64> = TableDefinition::new("outbox_ids");
/// Outbox sequence numbers not yet sent; their order is the publishing order.
pub(crate) const OUTBOX_PENDING: TableDefinition<u64, ()> = TableDefinition::new("outbox_pending");

/// Makes the file opened in `txn` a store of [`FORMAT_VERSION`]: lays out an empty file, checks
/// the version of an existing one, migrates an older one. The caller commits `txn`.
pub(crate) fn prepare(txn: &WriteTransaction, path: &Path) -> Result<(), StoreError> {
    let fresh = txn
        .list_tables()
        .map_err(redb_error(path, "list the tables"))?
        .next()
        .is_none();
    if fresh {
        return lay_out(txn, path);
    }
    let found = {
        let meta = txn
            .open_table(META)
            .map_err(redb_error(path, "open the meta table"))?;
        let found = meta
            .get(FORMAT_KEY)
            .map_err(redb_error(path, "read the format version"))?;
        found.map(|version| version.value())
    };
    match found {
        None => Err(not_a_store(path, "it has tables but no format version")),
        Some(found) if found > FORMAT_VERSION => Err(StoreError::FormatTooNew {
            path: path.to_path_buf(),
            found,
            supported: FORMAT_VERSION,
        }),
        Some(FORMAT_VERSION) => Ok(()),
        Some(older) => migrate(txn, path, older),
    }
}

fn not_a_store(path: &Path, reason: &str) -> StoreError {
    StoreError::NotAStore {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// Creates every table of the current format, empty, and records the version.
fn lay_out(txn: &WriteTransaction, path: &Path) -> Result<(), StoreError> {
    txn.open_table(DECISIONS)
        .map_err(redb_error(path, "create the decisions table"))?;
    txn.open_table(CLIENTS)
        .map_err(redb_error(path, "create the clients table"))?;
    txn.open_table(INDEX)
        .map_err(redb_error(path, "create the index table"))?;
    txn.open_table(LOG)
        .map_err(redb_error(path, "create the log table"))?;
    txn.open_table(OUTBOX_ROWS)
        .map_err(redb_error(path, "create the outbox table"))?;
    txn.open_table(OUTBOX_PENDING)
        .map_err(redb_error(path, "create the pending outbox table"))?;
    let mut meta = txn
        .open_table(META)
        .map_err(redb_error(path, "create the meta table"))?;
    for (key, value) in [
        (FORMAT_KEY, FORMAT_VERSION),
        (LAST_LOG_SEQ, 0),
        (LAST_OUTBOX_SEQ, 0),
    ] {
        meta.insert(key, value)
            .map_err(redb_error(path, "write the meta table"))?;
    }
    Ok(())
}

/// Brings a file of an older format to [`FORMAT_VERSION`], one version at a time, in `txn`.
fn migrate(txn: &WriteTransaction, path: &Path, found: u64) -> Result<(), StoreError> {
    let mut version = found;
    while version < FORMAT_VERSION {
        version = match version {
            1 => migrate_1_to_2(txn, path)?,
            _ => {
                return Err(not_a_store(
                    path,
                    &format!(
                        "format version {version} predates every format this binary knows (the first is 1)"
                    ),
                ))
            }
        };
    }
    let mut meta = txn
        .open_table(META)
        .map_err(redb_error(path, "open the meta table"))?;
    meta.insert(FORMAT_KEY, FORMAT_VERSION)
        .map_err(redb_error(path, "write the format version"))?;
    Ok(())
}

/// Version 2 compresses outbox payloads and drops the outbox id table: every row is rewritten
/// in the new encoding.
fn migrate_1_to_2(txn: &WriteTransaction, path: &Path) -> Result<u64, StoreError> {
    let op = "migrate the outbox to format version 2";
    let mut rows = txn.open_table(OUTBOX_ROWS).map_err(redb_error(path, op))?;
    // In chunks, so that a large outbox is not held in memory at once.
    let mut after = 0;
    loop {
        let mut chunk = Vec::new();
        for entry in rows
            .range((after + 1)..)
            .map_err(redb_error(path, op))?
            .take(1024)
        {
            let (seq, bytes) = entry.map_err(redb_error(path, op))?;
            let row = OutboxRow::decode_v1(bytes.value()).ok_or_else(|| StoreError::Corrupt {
                path: path.to_path_buf(),
                what: format!("outbox row {} (format version 1)", seq.value()),
            })?;
            chunk.push((seq.value(), row.encode()));
        }
        let Some(&(last, _)) = chunk.last() else {
            break;
        };
        for (seq, bytes) in chunk {
            rows.insert(seq, bytes.as_slice())
                .map_err(redb_error(path, op))?;
        }
        after = last;
    }
    drop(rows);
    txn.delete_table(OUTBOX_IDS_V1)
        .map_err(redb_error(path, op))?;
    Ok(2)
}
