//! `replay`: a stream of messages decided in file-name order on the stream's clock, with the
//! outputs written to a folder and counted; and [`compare`] for `--expect`.
//!
//! The clock is the stream's, never the system clock, so two replays of one stream give the
//! same bytes: the receipt dates and review ticks of its `stream.toml`, else the latest
//! Dagtekening seen (`stream.rs`). The replay runs the daemon's own engine over a durable store in
//! the output folder, so what it measures and writes is what `iwmo run` would.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use iwmo_store::{OutboxRow, RedbStore};
use serde::Serialize;

use crate::durable::{
    commit_decided, joined, prepare_all, sync_file_system, threads_or_one_per_core, Decided,
    DirectorySink, Engine, Handled, Naming, Record, Sink,
};
use crate::error::EngineError;
use crate::pipeline::{Input, Pipeline, Prepared, Verdict};
use crate::stream::{stream_files, StreamClock};

/// The counts of one replay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReplaySummary {
    /// Inputs read.
    pub inputs: usize,
    /// Inputs per message kind (`wmo305`; `unreadable` for level-1 failures that are not XML
    /// or not a known message).
    pub per_kind: BTreeMap<String, usize>,
    /// Inputs per verdict.
    pub verdicts: BTreeMap<Verdict, usize>,
    /// Retourcodes in the retours sent, with their counts.
    pub retourcodes: BTreeMap<String, usize>,
    /// Outputs per destination.
    pub outputs: BTreeMap<String, usize>,
    /// Derived WMO405s.
    pub derived: usize,
    /// Signals raised.
    pub signals: usize,
    /// Inputs decided before (the same dedupe key): answered from the store, nothing changed.
    pub duplicates: usize,
    /// Reviews of the clock run (a replay's ticks, directory mode's daily review); their
    /// signals and WMO405s are counted above. Left out of the JSON when there were none.
    #[serde(skip_serializing_if = "is_zero")]
    pub reviews: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl std::fmt::Display for ReplaySummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} inputs", self.inputs)?;
        let line = |f: &mut std::fmt::Formatter<'_>, title: &str, items: Vec<(String, usize)>| {
            let list: Vec<String> = items.iter().map(|(k, n)| format!("{k} {n}")).collect();
            writeln!(
                f,
                "  {title:<12} {}",
                if list.is_empty() {
                    "-".to_string()
                } else {
                    list.join(", ")
                }
            )
        };
        line(f, "kinds", self.per_kind.clone().into_iter().collect())?;
        line(
            f,
            "verdicts",
            self.verdicts
                .iter()
                .map(|(v, n)| {
                    let name = serde_json::to_value(v)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    (name, *n)
                })
                .collect(),
        )?;
        line(
            f,
            "retourcodes",
            self.retourcodes.clone().into_iter().collect(),
        )?;
        line(f, "outputs", self.outputs.clone().into_iter().collect())?;
        writeln!(f, "  derived      {} WMO405", self.derived)?;
        writeln!(f, "  duplicates   {}", self.duplicates)?;
        if self.reviews > 0 {
            writeln!(f, "  reviews      {}", self.reviews)?;
        }
        write!(f, "  signals      {}", self.signals)
    }
}

impl ReplaySummary {
    /// Counts one handled input.
    pub fn count(&mut self, handled: &Handled) {
        self.inputs += 1;
        if handled.is_duplicate() {
            self.duplicates += 1;
            return;
        }
        let record = handled.record();
        let kind = record.kind.clone().unwrap_or_else(|| "unreadable".into());
        *self.per_kind.entry(kind).or_default() += 1;
        *self.verdicts.entry(record.verdict).or_default() += 1;
        for code in &record.retourcodes {
            *self.retourcodes.entry(code.clone()).or_default() += 1;
        }
        self.count_outputs(record);
    }

    /// Counts one review of the clock (not an input); a review of a day reviewed before
    /// changed nothing and is not counted.
    pub fn count_review(&mut self, handled: &Handled) {
        if !handled.is_duplicate() {
            self.reviews += 1;
            self.count_outputs(handled.record());
        }
    }

    fn count_outputs(&mut self, record: &Record) {
        for output in &record.outputs {
            *self
                .outputs
                .entry(output.destination.name().to_string())
                .or_default() += 1;
        }
        self.derived += record.derived;
        self.signals += record.signals;
    }
}

/// How far a replay is, and where its time went (wall-clock, for people; never in the
/// summary, which must be the same on every run).
#[derive(Debug, Clone, Default)]
pub struct ReplayProgress {
    /// Inputs handled.
    pub done: usize,
    /// Inputs in the stream.
    pub total: usize,
    /// Time spent preparing the inputs (reading, XSD, level-2 rules), beside the deciding.
    pub preparing: Duration,
    /// Time spent deciding (levels 3 and 4: the ledger, the retours, the derived messages).
    pub deciding: Duration,
    /// Time spent committing the decisions to the durable store, beside the deciding.
    pub committing: Duration,
    /// Time spent writing the committed outputs to files and syncing them, beside the
    /// deciding.
    pub writing: Duration,
}

/// One step of a replay: a group of prepared inputs, or the review of a tick's day.
enum Step {
    Inputs(Vec<Prepared>),
    Review(NaiveDate),
}

/// A replay's writer writes at most this many rows at a time (about four group commits'
/// worth).
const WRITE_CHUNK: usize = 10_000;

/// How many inputs a replay decides per group commit.
pub const REPLAY_BATCH: usize = 1024;

/// Written first into a replay's output folder and removed once its `summary.json` is
/// written: a folder that holds it is a replay's that was interrupted (killed, out of disk),
/// and the next replay replaces it as it replaces a finished one.
pub const REPLAY_IN_PROGRESS: &str = ".iwmo-replay-in-progress";

/// Replays a stream into `out`: every input decided in order against a fresh durable store
/// in `out/store/`, every output written to `out/<destination>/`. `out` is created; an earlier
/// replay's output folder (it has a `summary.json`, or the [`REPLAY_IN_PROGRESS`] marker of an
/// interrupted replay) is replaced; any other non-empty folder is refused. Inputs are prepared on `threads` threads; `progress` is called after each group
/// commit with the inputs done so far and the total.
pub fn replay(
    pipeline: &Pipeline,
    stream: &Path,
    out: &Path,
    threads: usize,
    progress: &mut dyn FnMut(&ReplayProgress),
) -> Result<ReplaySummary, EngineError> {
    // The stream first: a bad stream.toml leaves the output folder untouched.
    let files = stream_files(stream)?;
    let mut clock = StreamClock::load(stream, &files)?;
    if out.join("summary.json").is_file() || out.join(REPLAY_IN_PROGRESS).is_file() {
        std::fs::remove_dir_all(out).map_err(|e| EngineError::io("cannot clear", out, e))?;
    }
    if out.exists() {
        let mut entries =
            std::fs::read_dir(out).map_err(|e| EngineError::io("cannot read", out, e))?;
        if entries.next().is_some() {
            return Err(EngineError::OutputNotEmpty(out.to_path_buf()));
        }
    }
    std::fs::create_dir_all(out).map_err(|e| EngineError::io("cannot create", out, e))?;
    let marker = out.join(REPLAY_IN_PROGRESS);
    std::fs::write(&marker, b"").map_err(|e| EngineError::io("cannot write", &marker, e))?;
    let store = RedbStore::open(out.join(STORE_FOLDER))?;
    let mut engine = Engine::open(pipeline, &store, Naming::ByInput)?;
    let order = engine.commit_order();
    let threads = threads_or_one_per_core(threads);
    let mut summary = ReplaySummary::default();
    let mut clock_time = ReplayProgress {
        total: files.len(),
        ..ReplayProgress::default()
    };
    // Four stages run side by side: a preparer reads and prepares batch N+1 (levels 1 and 2
    // need no state), this thread decides batch N against the cache, a committer commits
    // batch N-1 to the store (the engine answers redeliveries of a batch in flight from
    // memory), and a writer writes the outputs of batch N-2 (on one thread per core: creating
    // files is the kernel's work, and the largest share of a replay). The output folder is
    // complete only when `summary.json` is written, last, so the files are written in place
    // and synced once, at the end (a sync per chunk flushed the whole file system each time,
    // for a folder nobody reads before it is complete).
    let mut sink = DirectorySink::new(out, false)
        .in_place()
        .with_writers(threads);
    std::thread::scope(|scope| -> Result<(), EngineError> {
        let (send_step, steps) = std::sync::mpsc::sync_channel::<Result<Step, EngineError>>(1);
        let files = &files;
        let preparer = scope.spawn(move || -> Duration {
            let mut busy = Duration::ZERO;
            let send = |step: Step| send_step.send(Ok(step)).is_ok();
            let prepare = |inputs: Vec<Input>, busy: &mut Duration| {
                let started = Instant::now();
                let prepared = prepare_all(pipeline, inputs, threads);
                *busy += started.elapsed();
                Step::Inputs(prepared)
            };
            // `false` when the engine stopped taking steps (it failed).
            let mut all = || -> Result<bool, EngineError> {
                for group in files.chunks(REPLAY_BATCH) {
                    let mut inputs = Vec::with_capacity(group.len());
                    for file in group {
                        let bytes = std::fs::read(file)
                            .map_err(|e| EngineError::io("cannot read", file, e))?;
                        let name = file
                            .file_name()
                            .map(|n| n.to_string_lossy().to_string())
                            .unwrap_or_default();
                        let (received, ticks) = clock.receive(&name, &bytes)?;
                        if !ticks.is_empty() {
                            // The days of these ticks came before this message: review first.
                            if !inputs.is_empty()
                                && !send(prepare(std::mem::take(&mut inputs), &mut busy))
                            {
                                return Ok(false);
                            }
                            for day in ticks {
                                if !send(Step::Review(day)) {
                                    return Ok(false);
                                }
                            }
                        }
                        inputs.push(Input {
                            name,
                            bytes,
                            received,
                        });
                    }
                    if !inputs.is_empty() && !send(prepare(inputs, &mut busy)) {
                        return Ok(false);
                    }
                }
                Ok(clock.rest().into_iter().all(|day| send(Step::Review(day))))
            };
            if let Err(e) = all() {
                let _ = send_step.send(Err(e));
            }
            busy
        });
        // The committer commits each decided batch in order and hands its rows to the writer;
        // each returns when its sender is dropped (all done, or the stage before it failed) or
        // on its first error, which drops its receiver and so stops the stage before it.
        let (send_decided, decided_batches) = std::sync::mpsc::sync_channel::<Decided>(2);
        let (send_rows, committed) = std::sync::mpsc::sync_channel::<Vec<OutboxRow>>(2);
        let store = &store;
        let committer = scope.spawn(move || -> Result<Duration, EngineError> {
            let mut busy = Duration::ZERO;
            for mut decided in decided_batches {
                // The outputs skip the store's outbox: the output folder is the replay's one
                // sink, complete only with its summary, and an interrupted replay is redone
                // from the start, so a stored copy of each output would never be read. Each
                // input's decision record still lists its outputs' ids and files.
                let rows = decided.take_outbox();
                let started = Instant::now();
                commit_decided(store, &order, &decided)?;
                busy += started.elapsed();
                if !rows.is_empty() && send_rows.send(rows).is_err() {
                    break;
                }
            }
            Ok(busy)
        });
        let writer = scope.spawn(move || -> Result<Duration, EngineError> {
            let mut busy = Duration::ZERO;
            while let Ok(mut rows) = committed.recv() {
                // Whatever else is committed by now goes with it, up to a chunk.
                while rows.len() < WRITE_CHUNK {
                    match committed.try_recv() {
                        Ok(more) => rows.extend(more),
                        Err(_) => break,
                    }
                }
                let started = Instant::now();
                sink.deliver(&rows)?;
                busy += started.elapsed();
            }
            Ok(busy)
        });
        let decided = || -> Result<(), EngineError> {
            for step in steps {
                let started = Instant::now();
                let decided = match step? {
                    Step::Inputs(prepared) => {
                        let decided = engine.decide_batch(prepared)?;
                        decided.handled.iter().for_each(|h| summary.count(h));
                        decided
                    }
                    Step::Review(day) => {
                        let decided = engine.decide_review(day)?;
                        decided.handled.iter().for_each(|h| summary.count_review(h));
                        decided
                    }
                };
                clock_time.deciding += started.elapsed();
                if send_decided.send(decided).is_err() {
                    // The committer failed: its error is the one to report.
                    return Ok(());
                }
                clock_time.done = summary.inputs;
                if clock_time.done < clock_time.total {
                    progress(&clock_time);
                }
            }
            Ok(())
        };
        // Returning drops the steps' receiver, so a preparer still at work stops too; dropping
        // the decided batches' sender lets the committer, and after it the writer, finish
        // what they have and return.
        let decided = decided();
        drop(send_decided);
        let committing = joined(committer);
        let written = joined(writer);
        clock_time.preparing = joined(preparer);
        decided?;
        clock_time.committing = committing?;
        let busy = written?;
        let started = Instant::now();
        sync_file_system(out)?;
        clock_time.writing = busy + started.elapsed();
        Ok(())
    })?;
    progress(&clock_time);
    let path = out.join("summary.json");
    let mut json = serde_json::to_vec_pretty(&summary).unwrap_or_default();
    json.push(b'\n');
    std::fs::write(&path, json).map_err(|e| EngineError::io("cannot write", &path, e))?;
    std::fs::remove_file(&marker).map_err(|e| EngineError::io("cannot remove", &marker, e))?;
    sync_file_system(out)?;
    Ok(summary)
}

/// The folder of a replay's store inside its output folder (`iwmo client --data OUT` reads it;
/// [`compare`] skips it).
pub const STORE_FOLDER: &str = "store";

/// Every difference between an expected output folder and an actual one, readable: missing and
/// extra files, and for a differing file its first differing line.
pub fn compare(expected: &Path, actual: &Path) -> Result<Vec<String>, EngineError> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), EngineError> {
        let entries = std::fs::read_dir(dir).map_err(|e| EngineError::io("cannot read", dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| EngineError::io("cannot read", dir, e))?;
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
        Ok(())
    }
    let (mut want, mut got) = (Vec::new(), Vec::new());
    walk(expected, expected, &mut want)?;
    walk(actual, actual, &mut got)?;
    let store = Path::new(STORE_FOLDER);
    want.retain(|p| !p.starts_with(store));
    got.retain(|p| !p.starts_with(store));
    want.sort();
    got.sort();
    let mut diffs = Vec::new();
    for rel in &want {
        if !got.contains(rel) {
            diffs.push(format!("missing: {}", rel.display()));
            continue;
        }
        let a = std::fs::read(expected.join(rel))
            .map_err(|e| EngineError::io("cannot read", expected.join(rel), e))?;
        let b = std::fs::read(actual.join(rel))
            .map_err(|e| EngineError::io("cannot read", actual.join(rel), e))?;
        if a != b {
            let (a, b) = (String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
            let (al, bl): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
            let n = al.iter().zip(&bl).take_while(|(x, y)| x == y).count();
            diffs.push(format!(
                "differs: {} at line {}\n  expected: {}\n  actual:   {}",
                rel.display(),
                n + 1,
                al.get(n).unwrap_or(&"<end of file>").trim(),
                bl.get(n).unwrap_or(&"<end of file>").trim()
            ));
        }
    }
    for rel in &got {
        if !want.contains(rel) {
            diffs.push(format!("extra: {}", rel.display()));
        }
    }
    Ok(diffs)
}
