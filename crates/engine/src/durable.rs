//! [`Engine`]: the pipeline over a durable store. A batch of inputs is prepared in parallel,
//! decided in order against the ledger, and committed in one transaction (dedupe keys,
//! client states, index entries, log entries and outbox rows together); only then may the
//! caller acknowledge its inputs. [`Engine::flush_outbox`] hands committed outputs to a
//! [`Sink`] and marks them sent after the sink says they are durable.
//!
//! The ledger's state is cached in memory, loaded from the store at start-up, and written
//! through on every commit. A failed commit leaves the cache ahead of the store, so the engine
//! refuses all further work ([`EngineError::Poisoned`]); the caller restarts it, which reloads
//! the cache from what was committed.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use iwmo_ledger::{ClientKey, MemoryLedger};
use iwmo_store::{Commit, CommitOutcome, OutboxId, OutboxRow, PendingRow, Store};
use serde::{Deserialize, Serialize};

use crate::codec;
use crate::error::EngineError;
use crate::metrics::Metrics;
use crate::pipeline::{review_key, Destination, Input, Pipeline, Prepared, Processed, Verdict};

/// How output files are named: after the input (readable, for replays of a stream whose file
/// names are unique) or after the output's id (unique forever, for a daemon's inbox).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// `<input stem>.<n>.<kind>.<ext>`.
    ByInput,
    /// `<output id>.<kind>.<ext>`.
    ById,
}

/// One output of a decision, as recorded with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputRef {
    /// The output's deterministic id (the broker's `message_id`).
    pub id: String,
    /// Where it goes.
    pub destination: Destination,
    /// What it is (`wmo306`, `report`, `late-start`).
    pub kind: String,
    /// Its file name in directory mode.
    pub file: String,
}

/// What the store keeps of one decided input, and returns when the input comes again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The input's name (file name or broker message id).
    pub input: String,
    /// Its dedupe key.
    pub dedupe_key: String,
    /// The day it was decided on (its clock).
    #[serde(serialize_with = "iwmo_ledger::date_text::serialize")]
    pub received: NaiveDate,
    /// `wmo305`, or `None` when it could not be read.
    pub kind: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// The rules it broke (level 2, 3 and 4), each once, in order.
    pub rules: Vec<String>,
    /// The retourcodes of the retour sent.
    pub retourcodes: Vec<String>,
    /// The outputs, in order.
    pub outputs: Vec<OutputRef>,
    /// Derived WMO405s.
    pub derived: usize,
    /// Signals raised.
    pub signals: usize,
}

/// What became of one input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handled {
    /// Decided now and committed.
    Decided(Record),
    /// Decided before (a redelivery): the stored record, and nothing changed.
    Duplicate(Record),
}

impl Handled {
    /// The record, either way.
    pub fn record(&self) -> &Record {
        match self {
            Handled::Decided(r) | Handled::Duplicate(r) => r,
        }
    }

    /// Whether the input had been decided before.
    pub fn is_duplicate(&self) -> bool {
        matches!(self, Handled::Duplicate(_))
    }
}

/// Takes committed outputs somewhere: files, a broker.
pub trait Sink {
    /// Delivers the rows; returns only when each is durable at its destination (written and
    /// synced, or confirmed by the broker). Delivering a row twice must be harmless: the same id
    /// with the same bytes.
    fn deliver(&mut self, rows: &[OutboxRow]) -> Result<(), EngineError>;
}

/// The pipeline, the store, and the ledger's state cached from it.
pub struct Engine<'p, S: Store> {
    pipeline: &'p Pipeline,
    store: S,
    ledger: MemoryLedger,
    naming: Naming,
    threads: usize,
    poisoned: bool,
    metrics: Option<Arc<Metrics>>,
    /// Decisions made and not yet known to be committed.
    in_flight: InFlight,
}

/// The decisions of batches decided but not yet known to be committed, by dedupe key: a
/// redelivery decided while its first delivery's batch is still on its way to the store is
/// answered from here, as a redelivery within one batch is.
#[derive(Default)]
struct InFlight {
    /// Each decision as it is committed (the record as stored): a redelivery in flight is rare,
    /// so it is decoded then rather than a record cloned for every input.
    records: HashMap<String, Vec<u8>>,
    /// The dedupe keys of each batch, by its number, oldest first.
    batches: VecDeque<(u64, Vec<String>)>,
    /// The number the next batch gets.
    next: u64,
    order: CommitOrder,
}

impl InFlight {
    /// Forgets the batches committed by now: the store answers for them.
    fn forget_committed(&mut self) {
        let committed = self.order.committed();
        while self
            .batches
            .front()
            .is_some_and(|(seq, _)| *seq < committed)
        {
            if let Some((_, keys)) = self.batches.pop_front() {
                for key in keys {
                    self.records.remove(&key);
                }
            }
        }
    }
}

/// How many of an engine's decided batches are committed; batches commit in the order they
/// were decided. Shared with the thread that commits them.
#[derive(Debug, Clone, Default)]
pub struct CommitOrder(Arc<AtomicU64>);

impl CommitOrder {
    fn committed(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }
}

/// A batch decided against the engine's cache and not yet committed. Nothing of it may be
/// acknowledged or delivered before [`commit_decided`] returns `Ok` for it.
pub struct Decided {
    /// What became of each input, in order.
    pub handled: Vec<Handled>,
    commits: Vec<Commit>,
    seq: u64,
}

impl Decided {
    /// Takes the outbox rows out of the batch, in order, so that [`commit_decided`] commits the
    /// decisions without them: for a caller that writes the rows itself and redoes its whole
    /// run when interrupted (a replay), so that a stored copy of every output would never be
    /// read. Anyone else lets the rows go through the store's outbox.
    pub fn take_outbox(&mut self) -> Vec<OutboxRow> {
        self.commits
            .iter_mut()
            .flat_map(|c| std::mem::take(&mut c.outbox))
            .collect()
    }
}

/// Commits a decided batch in one transaction, on any thread; batches must come in the order
/// they were decided (each is checked against `order`). Returns how long the commit took
/// (`None`: the batch had nothing to commit). An error leaves the engine's cache ahead of the
/// store: the engine that decided the batch must not go on (see [`Engine::handle_prepared`]).
pub fn commit_decided(
    store: &dyn Store,
    order: &CommitOrder,
    decided: &Decided,
) -> Result<Option<Duration>, EngineError> {
    if order.committed() != decided.seq {
        return Err(EngineError::CommitOutOfOrder {
            expected: order.committed(),
            got: decided.seq,
        });
    }
    if decided.commits.is_empty() {
        order.0.store(decided.seq + 1, Ordering::Release);
        return Ok(None);
    }
    let started = Instant::now();
    let outcomes = store.commit(&decided.commits)?;
    // We looked each key up before deciding; a duplicate now means another writer.
    if outcomes.contains(&CommitOutcome::Duplicate) {
        return Err(EngineError::Concurrent);
    }
    order.0.store(decided.seq + 1, Ordering::Release);
    Ok(Some(started.elapsed()))
}

impl<'p, S: Store> Engine<'p, S> {
    /// An engine over `store`, its cache loaded from what the store holds.
    pub fn open(
        pipeline: &'p Pipeline,
        store: S,
        naming: Naming,
    ) -> Result<Engine<'p, S>, EngineError> {
        let mut ledger = MemoryLedger::new();
        for (key, value) in store.client_entries()? {
            ledger.insert(
                codec::decode_client_key(&key)?,
                codec::client_state(&value)?,
            );
        }
        for (key, value) in store.index_entries()? {
            ledger.insert_index(codec::decode_index_key(&key)?, codec::index_entry(&value)?);
        }
        Ok(Engine {
            pipeline,
            store,
            ledger,
            naming,
            threads: one_per_core(),
            poisoned: false,
            metrics: None,
            in_flight: InFlight::default(),
        })
    }

    /// Prepares inputs on this many threads: 0 (the default) is one per core, 1 prepares on
    /// the calling thread.
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads_or_one_per_core(threads);
        self
    }

    /// Counts every batch (inputs by kind and verdict, retourcodes, outputs, commit latency)
    /// and every delivery (outbox depth) into `metrics`.
    pub fn with_metrics(mut self, metrics: Arc<Metrics>) -> Result<Self, EngineError> {
        metrics.set_outbox_depth(self.store.stats()?.outbox_pending);
        self.metrics = Some(metrics);
        Ok(self)
    }

    /// The order in which this engine's [`decide_batch`](Self::decide_batch)es must be
    /// committed, for the thread that commits them ([`commit_decided`]).
    pub fn commit_order(&self) -> CommitOrder {
        self.in_flight.order.clone()
    }

    /// The metrics the engine feeds, if any.
    pub fn metrics(&self) -> Option<&Arc<Metrics>> {
        self.metrics.as_ref()
    }

    /// Tells the metrics how deep the outbox is now.
    fn observe_outbox(&self) -> Result<(), EngineError> {
        if let Some(m) = &self.metrics {
            m.set_outbox_depth(self.store.stats()?.outbox_pending);
        }
        Ok(())
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The ledger's state as the engine holds it (equal to the store's after each commit).
    pub fn ledger(&self) -> &MemoryLedger {
        &self.ledger
    }

    /// Decides a batch of inputs in order and commits them in one transaction. When this
    /// returns `Ok`, every decision is durable and the inputs may be acknowledged. A redelivered
    /// input (its dedupe key stored, or earlier in the batch) gets its stored record and changes
    /// nothing.
    pub fn handle(&mut self, inputs: Vec<Input>) -> Result<Vec<Handled>, EngineError> {
        if self.poisoned {
            return Err(EngineError::Poisoned);
        }
        self.handle_prepared(prepare_all(self.pipeline, inputs, self.threads))
    }

    /// [`handle`](Self::handle) for inputs already prepared (levels 1 and 2, which need no
    /// state, so a caller can prepare the next batch while this one is decided and committed).
    pub fn handle_prepared(
        &mut self,
        prepared: Vec<Prepared>,
    ) -> Result<Vec<Handled>, EngineError> {
        let decided = self.decide_batch(prepared)?;
        let took = self.commit(&decided)?;
        if let Some(m) = &self.metrics {
            m.record_batch(&decided.handled, took);
        }
        if let Some(took) = took {
            log_batch(&decided.handled, took);
            self.observe_outbox()?;
        }
        Ok(decided.handled)
    }

    /// Decides a batch in order against the cache (and applies it there) without committing
    /// it: the caller hands it to [`commit_decided`], maybe on another thread while this one
    /// decides the next batch. A redelivered input (its dedupe key stored, in flight, or
    /// earlier in the batch) gets its first record and changes nothing.
    pub fn decide_batch(&mut self, prepared: Vec<Prepared>) -> Result<Decided, EngineError> {
        if self.poisoned {
            return Err(EngineError::Poisoned);
        }
        self.in_flight.forget_committed();
        let mut handled = Vec::with_capacity(prepared.len());
        let mut commits = Vec::new();
        let mut batch_keys = Vec::new();
        let keys: Vec<&[u8]> = prepared.iter().map(|p| p.dedupe_key().as_bytes()).collect();
        let stored = self.store.decisions(&keys)?;
        for (p, stored) in prepared.iter().zip(stored) {
            let key = p.dedupe_key();
            if let Some(record) = self.in_flight.records.get(key) {
                handled.push(Handled::Duplicate(stored_record(key, record)?));
                continue;
            }
            if let Some(stored) = stored {
                handled.push(Handled::Duplicate(stored_record(key, &stored)?));
                continue;
            }
            let processed = self.pipeline.decide(&self.ledger, p);
            let (commit, record) = self.commit_of(&p.input, processed);
            self.in_flight
                .records
                .insert(key.to_string(), commit.decision.clone());
            batch_keys.push(key.to_string());
            handled.push(Handled::Decided(record));
            commits.push(commit);
        }
        Ok(self.in_flight_batch(handled, commits, batch_keys))
    }

    /// Numbers a decided batch and remembers its keys until it is committed.
    fn in_flight_batch(
        &mut self,
        handled: Vec<Handled>,
        commits: Vec<Commit>,
        keys: Vec<String>,
    ) -> Decided {
        let seq = self.in_flight.next;
        self.in_flight.next += 1;
        self.in_flight.batches.push_back((seq, keys));
        Decided {
            handled,
            commits,
            seq,
        }
    }

    /// Commits a batch this engine decided, here and now; any failure poisons the engine.
    fn commit(&mut self, decided: &Decided) -> Result<Option<Duration>, EngineError> {
        match commit_decided(&self.store, &self.in_flight.order, decided) {
            Ok(took) => Ok(took),
            Err(e) => {
                self.poisoned = true;
                Err(e)
            }
        }
    }

    /// The clock's review of every client on `today` (missing starts and stops, no care; see
    /// [`Pipeline::review`]), committed like a decision under the day's own dedupe key: a
    /// second review of the same day (a restart) returns the stored record and raises nothing.
    /// Its outputs are named after `review-<today>`.
    pub fn review(&mut self, today: NaiveDate) -> Result<Handled, EngineError> {
        let decided = self.decide_review(today)?;
        self.commit(&decided)?;
        let mut handled = decided.handled;
        handled.pop().ok_or(EngineError::Poisoned)
    }

    /// [`review`](Self::review) decided like [`decide_batch`](Self::decide_batch): a batch of
    /// one, for [`commit_decided`].
    pub fn decide_review(&mut self, today: NaiveDate) -> Result<Decided, EngineError> {
        if self.poisoned {
            return Err(EngineError::Poisoned);
        }
        self.in_flight.forget_committed();
        let key = review_key(today);
        let earlier = match self.in_flight.records.get(&key) {
            Some(record) => Some(stored_record(&key, record)?),
            None => match self.store.decision(key.as_bytes())? {
                Some(stored) => Some(stored_record(&key, &stored)?),
                None => None,
            },
        };
        if let Some(record) = earlier {
            return Ok(self.in_flight_batch(
                vec![Handled::Duplicate(record)],
                Vec::new(),
                Vec::new(),
            ));
        }
        let mut clients: Vec<ClientKey> = self.ledger.clients().map(|(k, _)| k.clone()).collect();
        clients.sort();
        let processed = self.pipeline.review(&self.ledger, &clients, today);
        let input = Input {
            name: format!("review-{today}"),
            bytes: Vec::new(),
            received: today,
        };
        let (commit, record) = self.commit_of(&input, processed);
        self.in_flight
            .records
            .insert(key.clone(), commit.decision.clone());
        Ok(self.in_flight_batch(vec![Handled::Decided(record)], vec![commit], vec![key]))
    }

    /// The commit and the record of one decided input; applies the decision to the cache.
    fn commit_of(&mut self, input: &Input, processed: Processed) -> (Commit, Record) {
        let stem = input
            .name
            .rsplit_once('.')
            .map_or(input.name.as_str(), |(s, _)| s);
        let stem = safe_file_name(stem);
        let mut record = Record {
            input: input.name.clone(),
            dedupe_key: processed.dedupe_key.clone(),
            received: input.received,
            kind: processed.kind_name(),
            verdict: processed.verdict,
            rules: Vec::new(),
            retourcodes: processed.retourcodes.clone(),
            outputs: Vec::new(),
            derived: 0,
            signals: 0,
        };
        if let Some(level2) = &processed.level2 {
            for f in &level2.findings {
                push_once(&mut record.rules, f.rule.to_string());
            }
        }
        let mut commit = Commit {
            dedupe_key: processed.dedupe_key.into_bytes(),
            ..Commit::default()
        };
        if let Some(decision) = processed.decision {
            for f in &decision.findings {
                push_once(&mut record.rules, f.rule.to_string());
            }
            record.derived = decision.derived.len();
            record.signals = decision.signals.len();
            commit.clients = decision
                .clients
                .iter()
                .map(|(k, s)| (codec::client_key(k), codec::encode(s)))
                .collect();
            commit.index = decision
                .index
                .iter()
                .map(|(k, e)| (codec::index_key(k), codec::encode(e)))
                .collect();
            self.ledger.apply_owned(decision);
        }
        for (i, output) in processed.outputs.into_iter().enumerate() {
            let file = match self.naming {
                Naming::ByInput => {
                    // `{stem}.{i}.{kind}.{extension}`, concatenated: `format!` costs more, per output.
                    let index = i.to_string();
                    [
                        &stem,
                        ".",
                        &index,
                        ".",
                        &output.kind,
                        ".",
                        output.extension(),
                    ]
                    .concat()
                }
                Naming::ById => output.file_name(),
            };
            record.outputs.push(OutputRef {
                id: output.id.clone(),
                destination: output.destination,
                kind: output.kind.clone(),
                file: file.clone(),
            });
            commit.outbox.push(OutboxRow {
                id: OutboxId(output.id.clone()),
                destination: output.routing_key(),
                payload: output.body,
                headers: vec![("file".to_string(), file)],
            });
        }
        // The log orders the decisions: its entry is the dedupe key, under which the record is.
        commit.log = commit.dedupe_key.clone();
        commit.decision = record.to_stored();
        (commit, record)
    }

    /// Hands every pending outbox row to the sink, `chunk` rows at a time, and marks each chunk
    /// sent once the sink returns. Returns how many rows were delivered.
    pub fn flush_outbox(&self, sink: &mut dyn Sink, chunk: usize) -> Result<usize, EngineError> {
        flush_outbox(&self.store, self.metrics.as_deref(), sink, chunk)
    }

    /// Up to `limit` committed outbox rows not yet marked sent, oldest commit first: for a
    /// caller that delivers them itself (asynchronously) instead of through
    /// [`flush_outbox`](Self::flush_outbox), and then calls [`mark_sent`](Self::mark_sent).
    pub fn pending_outbox(&self, limit: usize) -> Result<Vec<PendingRow>, EngineError> {
        Ok(self.store.pending_outbox(limit.max(1))?)
    }

    /// Marks rows sent, by their outbox sequence numbers: call it only once each is durable at
    /// its destination. Returns how many rows that was.
    pub fn mark_sent(&self, seqs: &[u64]) -> Result<usize, EngineError> {
        mark_sent(&self.store, self.metrics.as_deref(), seqs)
    }
}

/// One debug line per input and one per batch; the input's name and the verdict, never
/// the message's content (a BSN is never logged).
fn log_batch(handled: &[Handled], took: std::time::Duration) {
    for h in handled {
        let r = h.record();
        tracing::debug!(
            input = %r.input,
            kind = r.kind.as_deref().unwrap_or("unreadable"),
            verdict = r.verdict.name(),
            retourcodes = %r.retourcodes.join(","),
            outputs = r.outputs.len(),
            duplicate = h.is_duplicate(),
            "decided"
        );
    }
    tracing::debug!(
        inputs = handled.len(),
        commit_ms = took.as_secs_f64() * 1000.0,
        "batch committed"
    );
}

/// [`Engine::flush_outbox`] on a store alone, so that a thread beside the engine can publish
/// what the engine committed while it decides the next batch.
pub(crate) fn flush_outbox(
    store: &dyn Store,
    metrics: Option<&Metrics>,
    sink: &mut dyn Sink,
    chunk: usize,
) -> Result<usize, EngineError> {
    let mut delivered = 0;
    loop {
        let pending = store.pending_outbox(chunk.max(1))?;
        if pending.is_empty() {
            return Ok(delivered);
        }
        let (seqs, rows) = split_pending(pending);
        sink.deliver(&rows)?;
        delivered += mark_sent(store, metrics, &seqs)?;
    }
}

/// Pending rows as their sequence numbers (to mark them sent) and the rows (to deliver).
pub(crate) fn split_pending(pending: Vec<PendingRow>) -> (Vec<u64>, Vec<OutboxRow>) {
    pending.into_iter().map(|p| (p.seq, p.row)).unzip()
}

/// [`Engine::mark_sent`] on a store alone, counted into `metrics` when given.
pub(crate) fn mark_sent(
    store: &dyn Store,
    metrics: Option<&Metrics>,
    seqs: &[u64],
) -> Result<usize, EngineError> {
    store.mark_sent(seqs)?;
    if let Some(m) = metrics {
        m.record_delivered(seqs.len());
        m.set_outbox_depth(store.stats()?.outbox_pending);
    }
    Ok(seqs.len())
}

/// A decision record as the store holds it.
fn stored_record(key: &str, stored: &[u8]) -> Result<Record, EngineError> {
    decode_record(stored, &format!("the stored decision of {key}"))
}

/// A record from its stored bytes, `what` naming it in the error: a [`codec`] value, or JSON,
/// as stores written before 2026-12 hold them (a JSON object starts with `{`, never a version
/// byte).
fn decode_record(stored: &[u8], what: &str) -> Result<Record, EngineError> {
    if stored.first() == Some(&b'{') {
        return serde_json::from_slice(stored).map_err(|e| EngineError::Corrupt {
            what: what.to_string(),
            detail: e.to_string(),
        });
    }
    codec::decode(stored, what)
}

impl Record {
    /// The record as the store keeps it: a value of [`codec`] (the version byte, then
    /// postcard). Less than half the bytes of JSON, and a tenth of the work to write.
    pub fn to_stored(&self) -> Vec<u8> {
        codec::encode(self)
    }

    /// A record back from the store: a [`codec`] value, or JSON, as stores written before
    /// 2026-12 hold them.
    pub fn from_stored(stored: &[u8]) -> Result<Record, EngineError> {
        decode_record(stored, "a stored decision")
    }
}

fn one_per_core() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `threads`, or one per core for 0 (the configuration's "one per core").
pub fn threads_or_one_per_core(threads: usize) -> usize {
    match threads {
        0 => one_per_core(),
        n => n,
    }
}

fn push_once(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Prepares the inputs on up to `threads` threads (0: one per core), keeping their order.
pub(crate) fn prepare_all(
    pipeline: &Pipeline,
    inputs: Vec<Input>,
    threads: usize,
) -> Vec<Prepared> {
    if threads <= 1 || inputs.len() < 2 {
        return inputs.into_iter().map(|i| pipeline.prepare(i)).collect();
    }
    let per_thread = inputs.len().div_ceil(threads);
    let mut chunks: Vec<Vec<Input>> = Vec::new();
    let mut inputs = inputs.into_iter().peekable();
    while inputs.peek().is_some() {
        chunks.push(inputs.by_ref().take(per_thread).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|i| pipeline.prepare(i))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // prepare does not panic on input; if it ever does, the panic is ours to see.
        handles.into_iter().flat_map(joined).collect()
    })
}

/// What a scoped thread returned; its panic, if it panicked, goes on in the caller (a panic
/// in the engine is a bug to see, never an input's outcome).
pub(crate) fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    match handle.join() {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// A file name from untrusted text: only ASCII letters, digits, `.`, `-` and `_`, never
/// starting with a dot, at most 120 characters.
pub fn safe_file_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .take(120)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.starts_with('.') || out.is_empty() {
        out.insert(0, '_');
    }
    out
}

/// A [`Sink`] into folders: each row to `<root>/<destination>/<file>`, written aside and
/// renamed into place, then the file system synced once per delivery (so a row is marked sent
/// only when its file survives a power cut).
pub struct DirectorySink {
    root: std::path::PathBuf,
    sync: bool,
    aside: bool,
    writers: usize,
}

impl DirectorySink {
    /// A sink into `root`; `sync` makes each delivery durable before it returns.
    pub fn new(root: impl Into<std::path::PathBuf>, sync: bool) -> DirectorySink {
        DirectorySink {
            root: root.into(),
            sync,
            aside: true,
            writers: 1,
        }
    }

    /// Writes each file in place instead of aside and renamed: for a folder nobody reads
    /// until the writer says it is complete (a replay's, complete once its `summary.json`
    /// exists), where the rename buys nothing and costs a directory operation per file.
    pub fn in_place(mut self) -> Self {
        self.aside = false;
        self
    }

    /// Writes a delivery's files on this many threads (at least one): creating a file is
    /// mostly the kernel's work, and a second core halves it.
    pub fn with_writers(mut self, writers: usize) -> Self {
        self.writers = writers.max(1);
        self
    }

    /// The folder a row goes to: its routing key's first part.
    fn folder(row: &OutboxRow) -> &'static str {
        row.destination
            .split('.')
            .next()
            .and_then(Destination::from_name)
            .map_or("unrouted", |d| d.name())
    }

    /// Where a row goes: its folder and its file name.
    fn place(&self, row: &OutboxRow) -> (&'static str, String) {
        let folder = Self::folder(row);
        let file = row
            .headers
            .iter()
            .find(|(k, _)| k == "file")
            .map(|(_, v)| safe_file_name(v))
            .unwrap_or_else(|| safe_file_name(row.id.as_str()));
        (folder, file)
    }

    fn write_rows<'r>(
        &self,
        rows: impl IntoIterator<Item = &'r OutboxRow>,
    ) -> Result<(), EngineError> {
        // In place, files are created relative to their folder's handle: the kernel then
        // looks up one name per file instead of the whole path.
        let mut folders: Vec<(&'static str, Folder)> = Vec::new();
        for row in rows {
            let (folder, file) = self.place(row);
            if self.aside {
                write_atomically(&self.root.join(folder), &file, &row.payload)?;
                continue;
            }
            let handle = match folders.iter().position(|(name, _)| *name == folder) {
                Some(i) => &folders[i].1,
                None => {
                    folders.push((folder, Folder::open(&self.root.join(folder))?));
                    &folders[folders.len() - 1].1
                }
            };
            handle.write(&file, &row.payload)?;
        }
        Ok(())
    }
}

/// An output folder, created when missing, held open to create files in.
struct Folder {
    path: PathBuf,
    #[cfg(unix)]
    handle: std::fs::File,
}

impl Folder {
    fn open(path: &Path) -> Result<Folder, EngineError> {
        std::fs::create_dir_all(path).map_err(|e| EngineError::io("cannot create", path, e))?;
        Ok(Folder {
            path: path.to_path_buf(),
            #[cfg(unix)]
            handle: std::fs::File::open(path)
                .map_err(|e| EngineError::io("cannot open", path, e))?,
        })
    }

    /// Creates (or truncates) the file `name` in the folder and writes `bytes` to it.
    fn write(&self, name: &str, bytes: &[u8]) -> Result<(), EngineError> {
        self.create(name, bytes)
            .map_err(|e| EngineError::io("cannot write", &self.path.join(name), e))
    }

    #[cfg(unix)]
    fn create(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        use std::os::fd::{AsRawFd, FromRawFd};
        let name = std::ffi::CString::new(name)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        let flags = libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC | libc::O_CLOEXEC;
        // SAFETY: the folder's descriptor is open for as long as `self`, and `name` is a
        // NUL-terminated string that outlives the call.
        let fd = unsafe { libc::openat(self.handle.as_raw_fd(), name.as_ptr(), flags, 0o644) };
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: `fd` was just opened and nothing else owns it; the `File` closes it.
        let mut file = unsafe { std::fs::File::from_raw_fd(fd) };
        file.write_all(bytes)
    }

    #[cfg(not(unix))]
    fn create(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::write(self.path.join(name), bytes)
    }
}

impl Sink for DirectorySink {
    fn deliver(&mut self, rows: &[OutboxRow]) -> Result<(), EngineError> {
        if self.writers <= 1 || rows.len() < 2 * self.writers {
            self.write_rows(rows)?;
        } else {
            let this = &*self;
            let shares = self.shares(rows);
            std::thread::scope(|scope| {
                let writers: Vec<_> = shares
                    .iter()
                    .map(|share| {
                        scope.spawn(move || this.write_rows(share.iter().map(|&i| &rows[i])))
                    })
                    .collect();
                // The scope joins the writers left when one fails.
                writers.into_iter().try_for_each(joined)
            })?;
        }
        if self.sync {
            sync_file_system(&self.root)?;
        }
        Ok(())
    }
}

impl DirectorySink {
    /// The rows split over the writers (as indexes, in order), one folder per writer: the
    /// kernel creates one file at a time in a folder (it locks the folder), so two writers in
    /// one folder mostly wait for each other. A folder goes to the writer with the fewest rows
    /// so far, the largest folder first.
    fn shares(&self, rows: &[OutboxRow]) -> Vec<Vec<usize>> {
        let mut folders: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
        for (i, row) in rows.iter().enumerate() {
            folders.entry(Self::folder(row)).or_default().push(i);
        }
        let mut folders: Vec<Vec<usize>> = folders.into_values().collect();
        folders.sort_by_key(|rows| std::cmp::Reverse(rows.len()));
        let mut shares: Vec<Vec<usize>> = vec![Vec::new(); self.writers.min(folders.len())];
        for folder in folders {
            if let Some(least) = shares.iter_mut().min_by_key(|share| share.len()) {
                least.extend(folder);
            }
        }
        shares
    }
}

/// Writes `bytes` to `path`, creating `dir` (its folder) when it is missing.
fn write_creating_dir(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), EngineError> {
    if let Err(e) = std::fs::write(path, bytes) {
        if e.kind() != std::io::ErrorKind::NotFound {
            return Err(EngineError::io("cannot write", path, e));
        }
        std::fs::create_dir_all(dir).map_err(|e| EngineError::io("cannot create", dir, e))?;
        std::fs::write(path, bytes).map_err(|e| EngineError::io("cannot write", path, e))?;
    }
    Ok(())
}

/// Writes `bytes` to `dir/.name.partial` and renames it to `dir/name`, so a reader never sees
/// half a file and a rewrite after a crash replaces it whole.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), EngineError> {
    let partial = dir.join(format!(".{name}.partial"));
    let path = dir.join(name);
    write_creating_dir(dir, &partial, bytes)?;
    std::fs::rename(&partial, &path).map_err(|e| EngineError::io("cannot rename", &path, e))
}

/// Flushes the file system that holds `path` (one `syncfs`, cheaper than an fsync per file).
pub fn sync_file_system(path: &Path) -> Result<(), EngineError> {
    let dir = std::fs::File::open(path).map_err(|e| EngineError::io("cannot open", path, e))?;
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: syncfs reads only the descriptor, which `dir` keeps open for the call.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } != 0 {
            return Err(EngineError::io(
                "cannot sync",
                path,
                std::io::Error::last_os_error(),
            ));
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        dir.sync_all()
            .map_err(|e| EngineError::io("cannot sync", path, e))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn row(destination: &str, n: usize) -> OutboxRow {
        OutboxRow {
            id: OutboxId(format!("{destination}-{n}")),
            destination: destination.to_string(),
            payload: Vec::new(),
            headers: Vec::new(),
        }
    }

    fn record() -> Record {
        Record {
            input: "0000042-wmo305.xml".into(),
            dedupe_key: "12345678/305/A26-1/2026-06-01/00ff00ff00ff00ff".into(),
            received: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            kind: Some("wmo305".into()),
            verdict: Verdict::Rejected,
            rules: vec!["TR326".into()],
            retourcodes: vec!["9326".into()],
            outputs: vec![OutputRef {
                id: "retour-1".into(),
                destination: Destination::Ggk,
                kind: "wmo306".into(),
                file: "0000042-wmo305.0.wmo306.xml".into(),
            }],
            derived: 0,
            signals: 1,
        }
    }

    /// A record comes back as it went in; one stored as JSON by an earlier version reads too,
    /// and a value of another version is refused, named.
    #[test]
    fn stored_records_round_trip_and_json_ones_still_read() {
        let record = record();
        let stored = record.to_stored();
        assert_eq!(Record::from_stored(&stored).unwrap(), record);
        let json = serde_json::to_vec(&record).unwrap();
        assert!(
            stored.len() * 2 < json.len(),
            "{} against {}",
            stored.len(),
            json.len()
        );
        assert_eq!(Record::from_stored(&json).unwrap(), record);
        let mut newer = stored.clone();
        newer[0] = codec::VALUE_VERSION + 1;
        let err = stored_record("k", &newer).unwrap_err().to_string();
        assert!(err.contains("the stored decision of k"), "{err}");
    }

    #[test]
    fn writers_share_out_whole_folders_and_every_row_once() {
        let sink = DirectorySink::new("/nowhere", false).with_writers(2);
        let mut rows = Vec::new();
        for n in 0..30 {
            rows.push(row("ggk.wmo306", n));
            rows.push(row("backoffice.wmo305", n));
            if n % 3 == 0 {
                rows.push(row("cak.wmo405", n));
            }
        }
        rows.push(row("signals.late-start", 0));
        let shares = sink.shares(&rows);
        assert_eq!(shares.len(), 2);
        let folders = |share: &Vec<usize>| -> BTreeSet<&str> {
            share
                .iter()
                .map(|&i| DirectorySink::folder(&rows[i]))
                .collect()
        };
        assert!(folders(&shares[0]).is_disjoint(&folders(&shares[1])));
        // Balanced, largest folder first: ggk (30) and backoffice (30) to different writers,
        // then cak (10) and signals (1) to whichever has fewer: 40 against 31.
        let mut sizes: Vec<usize> = shares.iter().map(Vec::len).collect();
        sizes.sort_unstable();
        assert_eq!(sizes, [31, 40]);
        let mut all: Vec<usize> = shares.concat();
        all.sort_unstable();
        assert_eq!(all, (0..rows.len()).collect::<Vec<_>>());
        // Within a folder, rows keep their order.
        for share in &shares {
            for folder in folders(share) {
                let own: Vec<usize> = share
                    .iter()
                    .copied()
                    .filter(|&i| DirectorySink::folder(&rows[i]) == folder)
                    .collect();
                assert!(own.windows(2).all(|w| w[0] < w[1]), "{folder}: {own:?}");
            }
        }
        // One folder: one writer.
        assert_eq!(sink.shares(&rows[..1]).len(), 1);
    }
}
