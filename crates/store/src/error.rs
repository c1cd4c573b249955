//! The crate's one error type.

use std::path::PathBuf;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// redb failed; `op` says what the store was doing, `path` which database file.
    #[error("store {}: {op}: {source}", path.display())]
    Redb {
        /// What the store was doing ("open", "commit", "read the outbox", …).
        op: &'static str,
        /// The database file.
        path: PathBuf,
        /// redb's error.
        #[source]
        source: Box<redb::Error>,
    },

    /// The file system failed outside redb (creating the store folder).
    #[error("store {}: {op}: {source}", path.display())]
    Io {
        /// What the store was doing.
        op: &'static str,
        /// The folder or file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },

    /// The database was written by a newer binary, in a format this one cannot read.
    #[error(
        "store {}: the database has format version {found}, but this binary supports format \
         version {supported} at most; run a newer iwmo on it",
        path.display()
    )]
    FormatTooNew {
        /// The database file.
        path: PathBuf,
        /// The format version stored in the database.
        found: u64,
        /// The newest format version this binary reads ([`crate::FORMAT_VERSION`]).
        supported: u64,
    },

    /// The file is a redb database, but not one this store wrote.
    #[error("store {}: not an iwmo store: {reason}", path.display())]
    NotAStore {
        /// The database file.
        path: PathBuf,
        /// What is missing or wrong.
        reason: String,
    },

    /// A stored value does not decode; the file was damaged or written by other software.
    #[error("store {}: corrupt {what}", path.display())]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// Which table and key.
        what: String,
    },

    /// `mark_sent` was given a sequence number the outbox never held; nothing was marked.
    #[error(
        "outbox row {seq} is not in the outbox (it has rows 1 to {last}); nothing was marked sent"
    )]
    UnknownOutboxSeq {
        /// The unknown sequence number.
        seq: u64,
        /// The newest row's sequence number.
        last: u64,
    },
}
