//! [`GenerateError`]: a configuration the generator refuses, or a stream it cannot write.

use std::path::PathBuf;

use chrono::NaiveDate;

/// Why no stream was generated or written. A bad configuration is always one of these, never
/// a panic.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// `clients` is 0.
    #[error("clients must be at least 1")]
    NoClients,
    /// `clients` is more than the generator plans in memory.
    #[error("clients must be at most {max}, got {got}")]
    TooManyClients {
        /// The number asked for.
        got: usize,
        /// The largest number allowed.
        max: usize,
    },
    /// `aanbieders` is 0.
    #[error("aanbieders must be at least 1")]
    NoAanbieders,
    /// `aanbieders` is more than there are generated AGB codes for.
    #[error("aanbieders must be at most {max}, got {got}")]
    TooManyAanbieders {
        /// The number asked for.
        got: usize,
        /// The largest number allowed.
        max: usize,
    },
    /// `gemeente` is not a gemeentecode of four digits (`LDT_Gemeente`).
    #[error("gemeente must be a CBS gemeentecode of four digits, got {0:?}")]
    Gemeente(String),
    /// A share (`late`, `missing`, `wrong`) is not a number between 0 and 1.
    #[error("{name} must be a share between 0 and 1, got {value}")]
    Share {
        /// Which share.
        name: &'static str,
        /// Its value.
        value: f64,
    },
    /// `wrong` is above what the generator can make: wrong messages come on top of the clean
    /// life cycles (one at most per clean message), so at most half of the stream can be wrong.
    #[error(
        "wrong must be at most {max}: each wrong message comes on top of a clean one, got {value}"
    )]
    WrongTooHigh {
        /// Its value.
        value: f64,
        /// The largest share allowed.
        max: f64,
    },
    /// `start` lies outside the years the generator writes valid messages for (declarations
    /// need dates from 2021 on, CS100).
    #[error("start must lie between {min} and {max}, got {got}")]
    Start {
        /// The date asked for.
        got: NaiveDate,
        /// The first date allowed.
        min: NaiveDate,
        /// The last date allowed.
        max: NaiveDate,
    },
    /// The output directory exists and holds files.
    #[error("{}: the output directory must be new or empty", path.display())]
    DirectoryNotEmpty {
        /// The directory.
        path: PathBuf,
    },
    /// The output path exists and is not a directory.
    #[error("{}: not a directory", path.display())]
    NotADirectory {
        /// The path.
        path: PathBuf,
    },
    /// Reading the output directory or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The directory or file.
        path: PathBuf,
        /// What failed.
        #[source]
        source: std::io::Error,
    },
}
