//! [`EngineError`], the one error type of this crate.

use std::path::PathBuf;

/// What can go wrong around the pipeline (never because of an input's content: bad input is an
/// outcome, not an error).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The schemas could not be loaded.
    #[error("cannot load the schemas in {dir}: {source}")]
    Schemas {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: iwmo_xsd::XsdError,
    },
    /// A file or folder could not be read or written.
    #[error("{what} {path}: {source}")]
    Io {
        /// What was being done: "cannot read", "cannot write".
        what: &'static str,
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The output folder of a replay is not empty and holds no earlier replay (a replay never
    /// mixes runs, and never deletes what it did not write).
    #[error("the output folder {0} is not empty and not an earlier replay's (no summary.json, no .iwmo-replay-in-progress): replay writes into a new, empty or earlier replay folder")]
    OutputNotEmpty(PathBuf),
    /// A replay stream's `stream.toml` is not valid.
    #[error("{path}: {detail}")]
    StreamToml {
        /// The file.
        path: PathBuf,
        /// What is wrong, naming the key or the message.
        detail: String,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] iwmo_store::StoreError),
    /// A stored value could not be read back.
    #[error("the store holds a {what} this binary cannot read: {detail}")]
    Corrupt {
        /// What was read.
        what: String,
        /// Why it failed.
        detail: String,
    },
    /// An earlier commit failed, so the engine's cache may be ahead of the store; restart the
    /// engine to reload it.
    #[error(
        "an earlier commit failed; the engine must be restarted to reload its state from the store"
    )]
    Poisoned,
    /// The store held a decision that was not there when the batch was decided: another process
    /// writes to the same store.
    #[error("another process is writing to the same store")]
    Concurrent,
    /// A decided batch came to be committed out of the order it was decided in (skipped,
    /// early or twice): a bug of the caller, never of an input.
    #[error("decided batch {got} was to be committed, but batch {expected} is next")]
    CommitOutOfOrder {
        /// The batch the store expects next.
        expected: u64,
        /// The batch given.
        got: u64,
    },
}

impl EngineError {
    pub(crate) fn io(what: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        EngineError::Io {
            what,
            path: path.into(),
            source,
        }
    }
}
