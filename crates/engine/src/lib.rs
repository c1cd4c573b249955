//! `iwmo-engine`: what happens to one input, from bytes to outputs, and running a stream of them.
//!
//! This crate owns the pipeline of `design.md` §2 ([`Pipeline::process`]): XSD (level 1) →
//! typed message → level-2 rules → ledger (levels 3 and 4) → retour and derived messages, each
//! output with a deterministic id (from the input's dedupe key and the output's index) and a
//! destination (`ggk`, `cak`, `backoffice`, `signals`, `rejected`). It also owns [`replay`]: a
//! stream of messages decided in file-name order on the stream's clock, written to an output
//! folder, summarised, and compared with expected outputs.
//!
//! It must not decide anything itself (the rules and the ledger do), read the system clock
//! (the caller passes "today"), or know about brokers: sources and sinks sit at its edges.
//! Every input ends as a decision with its outputs or as a level-1 rejection report; nothing
//! is dropped and nothing panics on input.
#![deny(missing_docs)]

pub mod amqp;
mod care;
pub mod codec;
mod directory;
mod durable;
mod error;
mod metrics;
mod pipeline;
mod replay;
mod stream;

pub use directory::{run_directory, DataDir, DirectoryOptions};
pub use durable::{
    commit_decided, safe_file_name, sync_file_system, threads_or_one_per_core, write_atomically,
    CommitOrder, Decided, DirectorySink, Engine, Handled, Naming, OutputRef, Record, Sink,
};
pub use error::EngineError;
pub use metrics::{Health, Metrics};
pub use pipeline::{
    output_id_prefix, retour_identificatie, Destination, Input, Output, Pipeline, Prepared,
    Processed, Verdict,
};
pub use replay::{
    compare, replay, ReplayProgress, ReplaySummary, REPLAY_BATCH, REPLAY_IN_PROGRESS, STORE_FOLDER,
};
pub use stream::STREAM_TOML;
