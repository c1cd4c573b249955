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
    #[error("the output folder {0} is not empty and not an earlier replay's (no summary.json): replay writes into a new, empty or earlier replay folder")]
    OutputNotEmpty(PathBuf),
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
