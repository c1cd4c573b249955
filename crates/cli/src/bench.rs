//! `iwmo bench`: throughput measured against a baseline in the same run, never against a number
//! from another day (the machine is noisy; a ratio in one run is what can be compared).
//!
//! `iwmo bench amqp` generates a stream in memory and runs, on the same broker and the same
//! inputs, alternately:
//!
//! - the **baseline**: a raw pass-through without decisions. It consumes the input queue with
//!   the engine's prefetch and batching, and per batch publishes, for each input, the outputs
//!   the engine emits for it (the same routing keys, ids, headers and bytes, looked up in a
//!   table made beforehand), persistent, `mandatory`, through the engine's own
//!   [`AmqpSink::publish`] (publisher confirms), waits for the confirms, and acknowledges the
//!   batch with one `multiple` acknowledgement;
//! - the **engine**: [`run_amqp`] over a fresh store, timed from its start until every input
//!   is decided and every output confirmed.
//!
//! Every run gets queues and exchanges of its own (the engine's topology, declared with
//! [`declare_topology`], for both, so the input queue is the same quorum queue), with a durable
//! queue bound to the output exchange so that every output is routable; all inputs are
//! published (persistent, confirmed) before the clock starts. The names are deleted after each
//! run and, on an error, before the command returns.
//!
//! Before the broker runs, the stream is decided twice without a broker: in memory (which
//! gives the table of outputs per input, and the time deciding takes) and over a durable store
//! in a temporary folder (deciding plus committing with fsync), so the report can say where the
//! engine's time goes: deciding, committing, or the broker.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context as _};
use chrono::NaiveDate;
use futures_lite::StreamExt;
use iwmo_engine::amqp::{declare_topology, mask_url, run_amqp, AmqpSettings, AmqpSink};
use iwmo_engine::{Engine, Handled, Input, Naming, Pipeline};
use iwmo_generate::{generate_stream, GenerateConfig};
use iwmo_store::{MemoryStore, OutboxRow, RedbStore, Store};
use lapin::message::Delivery;
use lapin::options::{
    BasicAckOptions, BasicConsumeOptions, BasicPublishOptions, BasicQosOptions,
    ConfirmSelectOptions, ExchangeDeleteOptions, QueueBindOptions, QueueDeclareOptions,
    QueueDeleteOptions,
};
use lapin::types::{FieldTable, ShortString};
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties};
use serde::Serialize;

use crate::{BenchAmqpArgs, BenchKind, Format};

/// Inputs published per round of confirms when the queues are filled.
const FILL_WINDOW: usize = 1024;
/// How long one run may take before it counts as hung.
const RUN_LIMIT: Duration = Duration::from_secs(600);

pub(crate) fn run(kind: &BenchKind) -> anyhow::Result<ExitCode> {
    match kind {
        BenchKind::Amqp(args) => amqp(args),
        BenchKind::Replay(args) => crate::bench_replay::run(args),
    }
}

/// One timed run over the broker.
#[derive(Debug, Clone, Serialize)]
struct Timed {
    round: usize,
    run: &'static str,
    seconds: f64,
    inputs: usize,
    outputs: usize,
    inputs_per_second: f64,
    outputs_per_second: f64,
}

impl Timed {
    fn new(round: usize, run: &'static str, took: Duration, inputs: usize, outputs: usize) -> Self {
        let seconds = took.as_secs_f64().max(1e-9);
        Timed {
            round,
            run,
            seconds,
            inputs,
            outputs,
            inputs_per_second: inputs as f64 / seconds,
            outputs_per_second: outputs as f64 / seconds,
        }
    }
}

/// What the command prints.
#[derive(Debug, Serialize)]
struct Report {
    broker: String,
    party: String,
    clients: usize,
    aanbieders: usize,
    seed: u64,
    inputs: usize,
    outputs: usize,
    output_bytes: usize,
    batch: usize,
    prefetch: u16,
    batch_wait_ms: u64,
    threads: usize,
    today: NaiveDate,
    /// Deciding the stream in memory, no store, no broker (inputs per second).
    decide_per_second: f64,
    /// Deciding and committing (redb, fsync per batch), no broker (inputs per second).
    decide_commit_per_second: f64,
    runs: Vec<Timed>,
    baseline_inputs_per_second: f64,
    baseline_outputs_per_second: f64,
    engine_inputs_per_second: f64,
    engine_outputs_per_second: f64,
    /// Median engine rate over median baseline rate.
    ratio: f64,
    /// The median of each round's engine rate over the same round's baseline rate (each pair
    /// close in time, so less touched by drift of a noisy machine).
    ratio_per_round: f64,
    target: f64,
}

/// The target: the engine reaches at least this share of the baseline.
const TARGET: f64 = 0.8;

fn amqp(args: &BenchAmqpArgs) -> anyhow::Result<ExitCode> {
    ensure!(args.rounds >= 1, "--rounds must be at least 1");
    let settings = args.settings.load()?;
    let pipeline = settings.pipeline()?;
    let defaults = AmqpSettings::default();
    let template = AmqpSettings {
        url: args.url.clone(),
        batch: args.batch.unwrap_or(defaults.batch),
        prefetch: args.prefetch.unwrap_or(defaults.prefetch),
        threads: settings.engine.threads,
        ..defaults
    };
    template.validate()?;

    let generate = GenerateConfig {
        clients: args.clients,
        aanbieders: args.aanbieders,
        seed: args.seed,
        ..GenerateConfig::default()
    };
    let stream = generate_stream(&generate).context("while generating the stream")?;
    // Every input is decided on the stream's last day: no Dagtekening lies in the future.
    let today = stream
        .summary
        .last_dagtekening
        .context("the generated stream is empty")?;
    let inputs: Vec<(String, Vec<u8>)> = stream
        .files
        .into_iter()
        .map(|f| (f.file_name, f.bytes))
        .collect();
    eprintln!(
        "iwmo: bench amqp: {} inputs generated; deciding them without a broker first",
        inputs.len()
    );

    let table = OutputTable::decide(&pipeline, &inputs, today, &template)?;
    let decide_commit = decide_durably(&pipeline, &inputs, today, &template)?;

    let mut broker = Broker::connect(&template.url)?;
    let work = Workload {
        pipeline: &pipeline,
        inputs: &inputs,
        table: &table,
        today,
        template: &template,
    };
    let rounds = run_rounds(&mut broker, &work, args.rounds);
    // Whatever happened, nothing of this run stays on the broker.
    let cleaned = broker.delete_all();
    let runs = rounds?;
    cleaned?;

    let rates = |run: &str, f: fn(&Timed) -> f64| {
        median(
            runs.iter()
                .filter(|t| t.run == run)
                .map(f)
                .collect::<Vec<_>>(),
        )
    };
    let report = Report {
        broker: mask_url(&template.url),
        party: settings.party.clone(),
        clients: args.clients,
        aanbieders: args.aanbieders,
        seed: args.seed,
        inputs: inputs.len(),
        outputs: table.outputs,
        output_bytes: table.bytes,
        batch: template.batch,
        prefetch: template.prefetch,
        batch_wait_ms: template.batch_wait_ms,
        threads: settings.engine.threads,
        today,
        decide_per_second: inputs.len() as f64 / table.deciding.as_secs_f64().max(1e-9),
        decide_commit_per_second: inputs.len() as f64 / decide_commit.as_secs_f64().max(1e-9),
        baseline_inputs_per_second: rates("baseline", |t| t.inputs_per_second),
        baseline_outputs_per_second: rates("baseline", |t| t.outputs_per_second),
        engine_inputs_per_second: rates("engine", |t| t.inputs_per_second),
        engine_outputs_per_second: rates("engine", |t| t.outputs_per_second),
        ratio: 0.0,
        ratio_per_round: ratio_per_round(runs.iter().map(|t| t.inputs_per_second)),
        target: TARGET,
        runs,
    };
    let report = Report {
        ratio: report.engine_inputs_per_second / report.baseline_inputs_per_second.max(1e-9),
        ..report
    };
    print_report(args.format, &report, render)?;
    Ok(ExitCode::from(0))
}

/// A bench's report on standard output: rendered as text, or as one line of JSON.
pub(crate) fn print_report<R: Serialize>(
    format: Format,
    report: &R,
    render: fn(&R) -> String,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Text => write!(out, "{}", render(report))?,
        Format::Json => {
            serde_json::to_writer(&mut out, report)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// The median of each round's ratio, from the rates of the runs in order (baseline, engine,
/// baseline, engine, …): each pair close in time, so less touched by a noisy machine's drift.
pub(crate) fn ratio_per_round(rates: impl Iterator<Item = f64>) -> f64 {
    let rates: Vec<f64> = rates.collect();
    median(
        rates
            .chunks(2)
            .filter_map(|pair| match pair {
                [baseline, engine] => Some(engine / baseline.max(1e-9)),
                _ => None,
            })
            .collect(),
    )
}

/// What every run of one bench shares: the pipeline, the stream, the outputs the engine emits
/// for it, the clock, and the settings each run's names are filled into.
struct Workload<'a> {
    pipeline: &'a Pipeline,
    inputs: &'a [(String, Vec<u8>)],
    table: &'a OutputTable,
    today: NaiveDate,
    template: &'a AmqpSettings,
}

/// Baseline, engine, baseline, engine, …: each pair close in time, so drift of the machine
/// hits both alike.
fn run_rounds(
    broker: &mut Broker,
    work: &Workload<'_>,
    rounds: usize,
) -> anyhow::Result<Vec<Timed>> {
    let mut runs = Vec::new();
    for round in 1..=rounds {
        let timed = baseline(broker, work, round)
            .with_context(|| format!("while running the baseline, round {round}"))?;
        eprintln!(
            "iwmo: bench amqp: round {round} baseline {:.0} inputs/s",
            timed.inputs_per_second
        );
        runs.push(timed);
        broker.delete_all()?;
        let timed = engine(broker, work, round)
            .with_context(|| format!("while running the engine, round {round}"))?;
        eprintln!(
            "iwmo: bench amqp: round {round} engine   {:.0} inputs/s",
            timed.inputs_per_second
        );
        runs.push(timed);
        broker.delete_all()?;
    }
    Ok(runs)
}

/// The outputs the engine emits for each input (by the input's name, which is its
/// `message_id` on the broker), from deciding the stream over a memory store in batches of
/// the engine's size on the engine's clock; and how long deciding took.
struct OutputTable {
    per_input: HashMap<String, Vec<OutboxRow>>,
    outputs: usize,
    bytes: usize,
    deciding: Duration,
}

impl OutputTable {
    fn decide(
        pipeline: &Pipeline,
        inputs: &[(String, Vec<u8>)],
        today: NaiveDate,
        settings: &AmqpSettings,
    ) -> anyhow::Result<OutputTable> {
        let mut engine = Engine::open(pipeline, MemoryStore::new(), Naming::ById)?
            .with_threads(settings.threads);
        let started = Instant::now();
        let mut handled = Vec::with_capacity(inputs.len());
        for chunk in inputs.chunks(settings.batch) {
            handled.extend(engine.handle(batch_of(chunk, today))?);
        }
        let deciding = started.elapsed();
        let mut rows: HashMap<String, OutboxRow> = engine
            .store()
            .pending_outbox(usize::MAX)?
            .into_iter()
            .map(|p| (p.row.id.0.clone(), p.row))
            .collect();
        let mut per_input = HashMap::with_capacity(inputs.len());
        let (mut outputs, mut bytes) = (0, 0);
        for ((name, _), h) in inputs.iter().zip(&handled) {
            // A redelivery (none in a generated stream) emits nothing.
            let mut own = Vec::new();
            if let Handled::Decided(record) = h {
                for output in &record.outputs {
                    let row = rows
                        .remove(&output.id)
                        .with_context(|| format!("output {} is not in the outbox", output.id))?;
                    outputs += 1;
                    bytes += row.payload.len();
                    own.push(row);
                }
            }
            // The baseline finds an input's outputs by its name: names must be unique (they
            // are in a generated stream: the sequence number is in each).
            ensure!(
                per_input.insert(name.clone(), own).is_none(),
                "two inputs are named {name}"
            );
        }
        Ok(OutputTable {
            per_input,
            outputs,
            bytes,
            deciding,
        })
    }

    fn of(&self, input: &str) -> anyhow::Result<&[OutboxRow]> {
        self.per_input
            .get(input)
            .map(Vec::as_slice)
            .with_context(|| format!("no outputs known for input {input}"))
    }
}

/// Decides and commits the stream over a durable store in a temporary folder, as the engine
/// does on the broker but without one; returns how long it took.
fn decide_durably(
    pipeline: &Pipeline,
    inputs: &[(String, Vec<u8>)],
    today: NaiveDate,
    settings: &AmqpSettings,
) -> anyhow::Result<Duration> {
    let dir = tempfile::tempdir().context("while creating a temporary folder")?;
    let store = RedbStore::open(dir.path().join("store"))?;
    let mut engine = Engine::open(pipeline, store, Naming::ById)?.with_threads(settings.threads);
    let started = Instant::now();
    for chunk in inputs.chunks(settings.batch) {
        engine.handle(batch_of(chunk, today))?;
    }
    Ok(started.elapsed())
}

fn batch_of(chunk: &[(String, Vec<u8>)], today: NaiveDate) -> Vec<Input> {
    chunk
        .iter()
        .map(|(name, bytes)| Input {
            name: name.clone(),
            bytes: bytes.clone(),
            received: today,
        })
        .collect()
}

/// The engine end to end: fresh store, fresh topology, all inputs waiting in the queue; timed
/// from the start of [`run_amqp`] until the progress callback sees every input decided and
/// every output confirmed.
fn engine(broker: &mut Broker, work: &Workload<'_>, round: usize) -> anyhow::Result<Timed> {
    let Workload {
        pipeline,
        inputs,
        table,
        today,
        template,
    } = *work;
    let settings = broker.topology(template, round, "engine")?;
    broker.fill(&settings.input_queue, inputs)?;
    let dir = tempfile::tempdir().context("while creating a temporary data folder")?;
    let store = RedbStore::open(dir.path().join("store"))?;
    let (n, expected) = (inputs.len(), table.outputs);
    let stop = AtomicBool::new(false);
    let finished = AtomicBool::new(false);
    let mut done: Option<Instant> = None;
    let mut last = (0, 0);
    let started = Instant::now();
    let summary = std::thread::scope(|scope| {
        // A run that never finishes (the engine emits fewer outputs than the table says) is
        // stopped, and then reported below.
        scope.spawn(|| {
            while !finished.load(Ordering::SeqCst) && started.elapsed() < RUN_LIMIT {
                std::thread::sleep(Duration::from_millis(50));
            }
            stop.store(true, Ordering::SeqCst);
        });
        let result = run_amqp(pipeline, store, &settings, &|| today, &stop, &mut |s| {
            last = (s.handled.inputs, s.published);
            if s.handled.inputs >= n && s.published >= expected && done.is_none() {
                done = Some(Instant::now());
                stop.store(true, Ordering::SeqCst);
            }
        });
        finished.store(true, Ordering::SeqCst);
        result
    })?;
    let Some(done) = done else {
        bail!(
            "the engine did not finish within {} s: {} of {n} inputs decided, {} of {expected} outputs confirmed",
            RUN_LIMIT.as_secs(),
            last.0,
            last.1
        );
    };
    ensure!(
        summary.handled.inputs == n && summary.published == expected,
        "the engine handled {} inputs and published {} outputs; expected {n} and {expected}",
        summary.handled.inputs,
        summary.published
    );
    broker.expect_outputs(&settings, expected)?;
    Ok(Timed::new(
        round,
        "engine",
        done - started,
        n,
        summary.published,
    ))
}

/// The raw pass-through: the same topology, consumer settings and publisher as the engine,
/// no decisions and no store.
fn baseline(broker: &mut Broker, work: &Workload<'_>, round: usize) -> anyhow::Result<Timed> {
    let Workload {
        inputs,
        table,
        template,
        ..
    } = *work;
    let settings = broker.topology(template, round, "baseline")?;
    broker.fill(&settings.input_queue, inputs)?;
    let n = inputs.len();
    let runtime = engine_like_runtime()?;
    let started = Instant::now();
    let published = runtime.block_on(async {
        tokio::time::timeout(RUN_LIMIT, pass_through(&settings, table, n))
            .await
            .map_err(|_| anyhow::anyhow!("not done within {} s", RUN_LIMIT.as_secs()))?
    })?;
    let took = started.elapsed();
    runtime.shutdown_timeout(Duration::from_secs(2));
    broker.expect_outputs(&settings, table.outputs)?;
    Ok(Timed::new(round, "baseline", took, n, published))
}

/// The runtime [`run_amqp`] drives its connection with.
fn engine_like_runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("while starting the tokio runtime")
}

/// Consumes `n` inputs in batches (up to `batch`, a partial batch waiting `batch_wait_ms`
/// after its first delivery, like the engine), publishes each batch's outputs and waits for
/// their confirms, then acknowledges the batch. Returns the outputs published.
async fn pass_through(
    settings: &AmqpSettings,
    table: &OutputTable,
    n: usize,
) -> anyhow::Result<usize> {
    let connection = Connection::connect(&settings.url, ConnectionProperties::default()).await?;
    let channel = connection.create_channel().await?;
    channel
        .basic_qos(settings.prefetch, BasicQosOptions::default())
        .await?;
    let sink = AmqpSink::open(&connection, &settings.output_exchange).await?;
    let mut consumer = channel
        .basic_consume(
            settings.input_queue.as_str().into(),
            "".into(),
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await?;
    let wait = Duration::from_millis(settings.batch_wait_ms);
    let (mut consumed, mut published) = (0, 0);
    while consumed < n {
        let mut batch: Vec<Delivery> = vec![next(&mut consumer).await?];
        let deadline = tokio::time::Instant::now() + wait;
        while batch.len() < settings.batch {
            match tokio::time::timeout_at(deadline, next(&mut consumer)).await {
                Err(_) => break,
                Ok(delivery) => batch.push(delivery?),
            }
        }
        let mut rows = Vec::new();
        for delivery in &batch {
            let id = delivery
                .properties
                .message_id()
                .as_ref()
                .context("an input without a message_id")?;
            rows.extend_from_slice(table.of(id.as_str())?);
        }
        sink.publish(&rows).await?;
        if let Some(last) = batch.last() {
            last.acker.ack(BasicAckOptions { multiple: true }).await?;
        }
        consumed += batch.len();
        published += rows.len();
    }
    let _ = connection.close(200, "done".into()).await;
    Ok(published)
}

async fn next(consumer: &mut lapin::Consumer) -> anyhow::Result<Delivery> {
    match consumer.next().await {
        Some(delivery) => Ok(delivery?),
        None => bail!("the broker cancelled the consumer"),
    }
}

/// The bench's own connection: declares each run's topology, fills its input queue, counts
/// its outputs, and deletes every queue and exchange it declared.
struct Broker {
    runtime: tokio::runtime::Runtime,
    connection: Connection,
    channel: Channel,
    prefix: String,
    queues: Vec<String>,
    exchanges: Vec<String>,
}

impl Broker {
    fn connect(url: &str) -> anyhow::Result<Broker> {
        let runtime = engine_like_runtime()?;
        let (connection, channel) = runtime
            .block_on(async {
                let connection = Connection::connect(
                    url,
                    ConnectionProperties::default().with_connection_name("iwmo bench".into()),
                )
                .await?;
                let channel = connection.create_channel().await?;
                channel
                    .confirm_select(ConfirmSelectOptions::default())
                    .await?;
                Ok::<_, lapin::Error>((connection, channel))
            })
            .with_context(|| format!("while connecting to {}", mask_url(url)))?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Ok(Broker {
            runtime,
            connection,
            channel,
            prefix: format!("iwmo-bench.{}.{nanos:x}", std::process::id()),
            queues: Vec::new(),
            exchanges: Vec::new(),
        })
    }

    /// Settings with names of their own, the engine's topology declared for them, and a
    /// durable queue bound to the output exchange with `#`.
    fn topology(
        &mut self,
        template: &AmqpSettings,
        round: usize,
        run: &str,
    ) -> anyhow::Result<AmqpSettings> {
        let base = format!("{}.{round}.{run}", self.prefix);
        let settings = AmqpSettings {
            input_queue: format!("{base}.input"),
            dead_letter_exchange: format!("{base}.dead-x"),
            dead_letter_queue: format!("{base}.dead"),
            output_exchange: format!("{base}.output"),
            ..template.clone()
        };
        let outputs = sink_queue(&settings);
        // Registered before they exist, so a failure half-way deletes what was made.
        self.queues.extend([
            settings.input_queue.clone(),
            settings.dead_letter_queue.clone(),
            outputs.clone(),
        ]);
        self.exchanges.extend([
            settings.output_exchange.clone(),
            settings.dead_letter_exchange.clone(),
        ]);
        self.runtime.block_on(async {
            declare_topology(&self.channel, &settings).await?;
            declare_queue(&self.channel, &outputs, false).await?;
            self.channel
                .queue_bind(
                    outputs.as_str().into(),
                    settings.output_exchange.as_str().into(),
                    "#".into(),
                    QueueBindOptions::default(),
                    FieldTable::default(),
                )
                .await?;
            Ok::<_, anyhow::Error>(())
        })?;
        Ok(settings)
    }

    /// Publishes every input to `queue`, persistent, `mandatory`, named by `message_id`, and
    /// waits for the confirms.
    fn fill(&self, queue: &str, inputs: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
        self.runtime.block_on(async {
            for window in inputs.chunks(FILL_WINDOW) {
                let mut confirms = Vec::with_capacity(window.len());
                for (name, bytes) in window {
                    let properties = BasicProperties::default()
                        .with_delivery_mode(2)
                        .with_message_id(ShortString::from(name.as_str()));
                    confirms.push(
                        self.channel
                            .basic_publish(
                                "".into(),
                                queue.into(),
                                BasicPublishOptions {
                                    mandatory: true,
                                    ..BasicPublishOptions::default()
                                },
                                bytes,
                                properties,
                            )
                            .await?,
                    );
                }
                for confirm in confirms {
                    let confirmation = confirm.await?;
                    ensure!(
                        confirmation.is_ack() && confirmation.take_message().is_none(),
                        "an input was not taken by {queue}"
                    );
                }
            }
            Ok(())
        })
    }

    /// Checks that the run's output queue holds exactly `expected` messages.
    fn expect_outputs(&self, settings: &AmqpSettings, expected: usize) -> anyhow::Result<()> {
        let queue = sink_queue(settings);
        let count = self.runtime.block_on(async {
            declare_queue(&self.channel, &queue, true)
                .await
                .map(|q| q.message_count())
        })?;
        ensure!(
            count as usize == expected,
            "{queue} holds {count} outputs, expected {expected}"
        );
        Ok(())
    }

    /// Deletes every queue and exchange declared so far (on a fresh channel: a failed step
    /// may have closed the bench's own).
    fn delete_all(&mut self) -> anyhow::Result<()> {
        let queues = std::mem::take(&mut self.queues);
        let exchanges = std::mem::take(&mut self.exchanges);
        if queues.is_empty() && exchanges.is_empty() {
            return Ok(());
        }
        self.runtime
            .block_on(async {
                let channel = self.connection.create_channel().await?;
                for q in &queues {
                    channel
                        .queue_delete(q.as_str().into(), QueueDeleteOptions::default())
                        .await?;
                }
                for x in &exchanges {
                    channel
                        .exchange_delete(x.as_str().into(), ExchangeDeleteOptions::default())
                        .await?;
                }
                channel.close(200, "deleted".into()).await
            })
            .with_context(|| {
                format!(
                    "while deleting the bench's queues ({}) and exchanges ({})",
                    queues.join(", "),
                    exchanges.join(", ")
                )
            })
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        let _ = self.delete_all();
        let _ = self
            .runtime
            .block_on(self.connection.close(200, "bench done".into()));
    }
}

/// Declares a durable classic queue, or with `passive` only looks it up; the broker's answer
/// holds its message count.
async fn declare_queue(
    channel: &Channel,
    queue: &str,
    passive: bool,
) -> lapin::Result<lapin::Queue> {
    channel
        .queue_declare(
            queue.into(),
            QueueDeclareOptions {
                durable: true,
                passive,
                ..QueueDeclareOptions::default()
            },
            FieldTable::default(),
        )
        .await
}

/// The queue that takes every output of a run.
fn sink_queue(settings: &AmqpSettings) -> String {
    format!("{}.sink", settings.output_exchange)
}

pub(crate) fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn render(r: &Report) -> String {
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&text);
        s.push('\n');
    };
    line(format!(
        "iwmo bench amqp: {} inputs ({} clients, {} aanbieders, seed {}), {} outputs ({:.1} per input, {} bytes on average)",
        r.inputs,
        r.clients,
        r.aanbieders,
        r.seed,
        r.outputs,
        r.outputs as f64 / r.inputs.max(1) as f64,
        r.output_bytes / r.outputs.max(1)
    ));
    line(format!(
        "  broker {}, party {}, today {}, batch {}, prefetch {}, batch wait {} ms, threads {}",
        r.broker,
        r.party,
        r.today,
        r.batch,
        r.prefetch,
        r.batch_wait_ms,
        if r.threads == 0 {
            "one per core".to_string()
        } else {
            r.threads.to_string()
        }
    ));
    line(format!(
        "  without a broker: deciding {:.0} inputs/s (memory store), deciding and committing {:.0} inputs/s (redb, fsync per batch)",
        r.decide_per_second, r.decide_commit_per_second
    ));
    line(format!(
        "  {:<6} {:<9} {:>8} {:>10} {:>11}",
        "round", "run", "seconds", "inputs/s", "outputs/s"
    ));
    for t in &r.runs {
        line(format!(
            "  {:<6} {:<9} {:>8.2} {:>10.0} {:>11.0}",
            t.round, t.run, t.seconds, t.inputs_per_second, t.outputs_per_second
        ));
    }
    line(format!(
        "  median baseline {:.0} inputs/s, {:.0} outputs/s",
        r.baseline_inputs_per_second, r.baseline_outputs_per_second
    ));
    line(format!(
        "  median engine   {:.0} inputs/s, {:.0} outputs/s",
        r.engine_inputs_per_second, r.engine_outputs_per_second
    ));
    line(format!(
        "  ratio engine/baseline {:.2} (target >= {:.1}: {}); median of the rounds' own ratios {:.2}",
        r.ratio,
        r.target,
        if r.ratio >= r.target {
            "met"
        } else {
            "not met"
        },
        r.ratio_per_round
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(vec![]), 0.0);
    }
}
