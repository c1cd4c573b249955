//! Directory mode: inputs from `DIR/inbox/`, outputs to `DIR/outbox/<destination>/`, each
//! handled input moved to `DIR/done/` (or `DIR/failed/` when level 1 rejected it) only after its
//! decision is committed, the store in `DIR/store/`.
//!
//! The order of a round is the exactly-once argument: decide a batch and commit it; then move
//! its inputs out of the inbox (the acknowledgement); then write the committed outputs and mark
//! them sent. A crash after the commit leaves inputs in the inbox: the next round finds their
//! decisions stored and only moves them. A crash before the outputs are marked sent leaves them
//! pending: the next start writes them again, under the same names with the same bytes.
//!
//! The clock's review (missing starts and stops, the no-care rule) runs once per day of the
//! clock: at start and when the date changes, before that day's inputs, committed like a
//! decision under the day's own dedupe key.
//!
//! Writers should put a file into the inbox whole (write it elsewhere or under a name starting
//! with `.` or ending in `.partial` or `.tmp`, then rename it): such names are skipped.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::NaiveDate;
use iwmo_store::Store;

use crate::durable::{DirectorySink, Engine};
use crate::error::EngineError;
use crate::metrics::Health;
use crate::pipeline::{Input, Verdict};
use crate::replay::ReplaySummary;

/// The folders of a data directory.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// The layout below `root`.
    pub fn new(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }
    /// `DIR/inbox/`: where inputs arrive.
    pub fn inbox(&self) -> PathBuf {
        self.root.join("inbox")
    }
    /// `DIR/outbox/`: one folder per destination below it.
    pub fn outbox(&self) -> PathBuf {
        self.root.join("outbox")
    }
    /// `DIR/done/`: inputs that were decided.
    pub fn done(&self) -> PathBuf {
        self.root.join("done")
    }
    /// `DIR/failed/`: inputs level 1 rejected (not XML, not valid, too large).
    pub fn failed(&self) -> PathBuf {
        self.root.join("failed")
    }
    /// `DIR/store/`: the durable store.
    pub fn store(&self) -> PathBuf {
        self.root.join("store")
    }

    /// Creates the folders that do not exist.
    pub fn create(&self) -> Result<(), EngineError> {
        for dir in [self.inbox(), self.outbox(), self.done(), self.failed()] {
            std::fs::create_dir_all(&dir).map_err(|e| EngineError::io("cannot create", &dir, e))?;
        }
        Ok(())
    }
}

/// How directory mode runs.
#[derive(Debug, Clone)]
pub struct DirectoryOptions {
    /// Inputs per group commit.
    pub batch: usize,
    /// Inputs larger than this are read only this far, and level 1 rejects them.
    pub max_input_bytes: u64,
    /// How often an empty inbox is looked at again.
    pub poll: Duration,
    /// Handle what is in the inbox, then return.
    pub once: bool,
}

impl Default for DirectoryOptions {
    fn default() -> Self {
        DirectoryOptions {
            batch: 256,
            max_input_bytes: 25 * 1024 * 1024,
            poll: Duration::from_millis(500),
            once: false,
        }
    }
}

/// Whether a name in the inbox is an input (not hidden, not still being written).
fn is_input_name(name: &str) -> bool {
    !name.starts_with('.') && !name.ends_with(".partial") && !name.ends_with(".tmp")
}

/// Up to `limit` input files of the inbox, in file-name order.
fn inbox_files(inbox: &Path, limit: usize) -> Result<Vec<PathBuf>, EngineError> {
    let entries = std::fs::read_dir(inbox).map_err(|e| EngineError::io("cannot read", inbox, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| EngineError::io("cannot read", inbox, e))?;
        let name = entry.file_name().to_string_lossy().to_string();
        if is_input_name(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
            files.push(entry.path());
        }
    }
    files.sort();
    files.truncate(limit);
    Ok(files)
}

/// Reads at most `max + 1` bytes: enough for level 1 to see that the input is too large
/// without holding all of it.
fn read_bounded(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Moves a handled input to `dir`, under its own name or, when that is taken (another input of
/// the same name earlier), with `.1`, `.2`, … appended.
fn move_input(from: &Path, dir: &Path) -> Result<(), EngineError> {
    let name = from
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let mut target = dir.join(&name);
    let mut n = 1;
    while target.exists() {
        target = dir.join(format!("{name}.{n}"));
        n += 1;
    }
    std::fs::rename(from, &target).map_err(|e| EngineError::io("cannot move", from, e))
}

/// Runs directory mode until `stop` is set (or, with `once`, until the inbox is empty).
/// `today` is asked once per round (the system date in the daemon, a fixed date in tests); on
/// each new day it gives, every client is reviewed first ([`Engine::review`]);
/// `progress` sees the counts after every batch.
pub fn run_directory<S: Store>(
    engine: &mut Engine<'_, S>,
    data: &DataDir,
    options: &DirectoryOptions,
    today: &dyn Fn() -> NaiveDate,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(&ReplaySummary),
) -> Result<ReplaySummary, EngineError> {
    let result = watch(engine, data, options, today, stop, progress);
    if let Some(m) = engine.metrics() {
        m.set_health(match &result {
            Ok(_) => Health::Stopping,
            Err(e) => Health::Failed(e.to_string()),
        });
    }
    result
}

fn watch<S: Store>(
    engine: &mut Engine<'_, S>,
    data: &DataDir,
    options: &DirectoryOptions,
    today: &dyn Fn() -> NaiveDate,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(&ReplaySummary),
) -> Result<ReplaySummary, EngineError> {
    data.create()?;
    let mut sink = DirectorySink::new(data.outbox(), true);
    // Outputs committed before a crash and not yet written.
    engine.flush_outbox(&mut sink, 4096)?;
    if let Some(m) = engine.metrics() {
        m.set_health(Health::Running);
    }
    let mut summary = ReplaySummary::default();
    let mut reviewed: Option<NaiveDate> = None;
    while !stop.load(Ordering::SeqCst) {
        let received = today();
        if reviewed != Some(received) {
            // Once a day of the clock (at start, and when the date changes): the missing
            // starts and stops and the no-care rule. A restart on a day already reviewed
            // finds the review's decision stored and raises nothing again.
            summary.count_review(&engine.review(received)?);
            reviewed = Some(received);
            engine.flush_outbox(&mut sink, 4096)?;
        }
        let files = inbox_files(&data.inbox(), options.batch.max(1))?;
        if files.is_empty() {
            if options.once {
                break;
            }
            sleep_unless_stopped(options.poll, stop);
            continue;
        }
        let mut inputs = Vec::with_capacity(files.len());
        let mut paths = Vec::with_capacity(files.len());
        for path in files {
            match read_bounded(&path, options.max_input_bytes) {
                Ok(bytes) => {
                    inputs.push(Input {
                        name: path
                            .file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .to_string(),
                        bytes,
                        received,
                    });
                    paths.push(path);
                }
                // Taken away between listing and reading: not ours any more.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(EngineError::io("cannot read", &path, e)),
            }
        }
        let handled = engine.handle(inputs)?;
        for (path, h) in paths.iter().zip(&handled) {
            let dir = if h.record().verdict == Verdict::Level1Rejected {
                data.failed()
            } else {
                data.done()
            };
            move_input(path, &dir)?;
            summary.count(h);
        }
        engine.flush_outbox(&mut sink, 4096)?;
        progress(&summary);
    }
    Ok(summary)
}

fn sleep_unless_stopped(total: Duration, stop: &AtomicBool) {
    let step = Duration::from_millis(50);
    let mut slept = Duration::ZERO;
    while slept < total && !stop.load(Ordering::SeqCst) {
        std::thread::sleep(step);
        slept += step;
    }
}
