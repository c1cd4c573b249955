//! [`run_amqp`]: the daemon's loop on RabbitMQ. Consume a batch, decide and commit it, THEN
//! acknowledge it, THEN publish the committed outputs (the order of directory mode, and the
//! exactly-once argument: a crash before the acknowledgement redelivers inputs the store
//! answers as duplicates; a crash before an output is confirmed leaves it pending, published
//! again with the same id). The outputs of one batch are published while the next batch is
//! decided (deciding is CPU, publishing is waiting for the broker), and confirmed before the
//! outputs of that next batch go out, so outputs still leave in commit order.
//!
//! The engine is synchronous (redb) and borrows the pipeline, so it stays on the calling
//! thread; the connection, the consumer and the publisher run on a small tokio runtime the
//! loop owns and drives with `block_on`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use futures_lite::StreamExt;
use iwmo_store::{OutboxRow, PendingRow, Store};
use lapin::message::Delivery;
use lapin::options::{
    BasicAckOptions, BasicCancelOptions, BasicConsumeOptions, BasicGetOptions, BasicNackOptions,
    BasicQosOptions, QueueDeclareOptions,
};
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties, Consumer};
use serde::Serialize;

use super::error::AmqpError;
use super::settings::{mask_url, AmqpSettings};
use super::sink::{check_confirmation, publish, AmqpSink, CONFIRM_TIMEOUT};
use super::topology::{declare_topology, name};
use super::wait::{on_channel, within};
use crate::durable::{split_pending, Engine, Naming};
use crate::metrics::{Health, Metrics};
use crate::pipeline::{Input, Pipeline};
use crate::replay::ReplaySummary;

/// Outbox rows handed to the sink per publish-and-confirm round.
const FLUSH_CHUNK: usize = 1024;
/// The most outbox rows published in the background while the next batch is decided (a
/// batch's own outputs; more only after a backlog, which the synchronous flush at every
/// connect works off in chunks).
const OVERLAP_ROWS: usize = 16 * FLUSH_CHUNK;
/// How often an idle consumer looks at the stop flag.
const IDLE_POLL: Duration = Duration::from_millis(100);
/// The first wait before a reconnect, doubled after every failure up to [`BACKOFF_MAX`].
const BACKOFF_FIRST: Duration = Duration::from_millis(100);
/// The longest wait before a reconnect.
const BACKOFF_MAX: Duration = Duration::from_secs(5);
/// How long connecting (TCP, AMQP handshake, topology) and an acknowledgement may take: a
/// connection lost at the wrong moment does not always fail a pending operation, so every
/// wait on the broker is bounded and a timeout counts as a lost connection.
const BROKER_TIMEOUT: Duration = Duration::from_secs(30);
/// How long closing a channel or the connection may take at the end of a session.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(2);

/// The header that says why the engine dead-lettered an input itself.
pub const REASON_HEADER: &str = "x-iwmo-reason";
/// The most dead letters one scan of the dead-letter queue looks at (it holds them all
/// unacknowledged until it is done).
const RECOVERY_SCAN: usize = 10_000;
/// A dead letter taken back this many times without being acknowledged (the engine died
/// while deciding it) is left for an operator: whatever it does to the engine, it does not
/// do it forever.
const RECOVERY_ATTEMPTS: i64 = 5;
/// How often a running session counts its dead-letter queue for inputs to take back.
const DEAD_LETTER_CHECK: Duration = Duration::from_secs(2);

/// The counts of one [`run_amqp`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AmqpSummary {
    /// The inputs decided (or answered as duplicates), counted as a replay counts them.
    pub handled: ReplaySummary,
    /// Inputs the engine did not decide but sent to the dead-letter exchange itself, with an
    /// `x-iwmo-reason` header, by reason (`too-large`).
    pub dead_lettered: BTreeMap<String, usize>,
    /// Outputs published, confirmed and marked sent.
    pub published: usize,
    /// New connections after a lost one.
    pub reconnects: usize,
    /// Inputs taken back from the dead-letter queue, where the input queue had put them at
    /// their delivery limit (each crash or lost connection counts as a delivery of every
    /// input the engine held), and handled (decided, or answered as duplicates).
    pub recovered: usize,
}

impl std::fmt::Display for AmqpSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}", self.handled)?;
        let dead: Vec<String> = self
            .dead_lettered
            .iter()
            .map(|(reason, n)| format!("{reason} {n}"))
            .collect();
        writeln!(
            f,
            "  dead-letter  {}",
            if dead.is_empty() {
                "-".to_string()
            } else {
                dead.join(", ")
            }
        )?;
        writeln!(f, "  published    {}", self.published)?;
        writeln!(f, "  recovered    {}", self.recovered)?;
        write!(f, "  reconnects   {}", self.reconnects)
    }
}

/// Runs the engine on RabbitMQ until `stop` is set, then finishes the batch in hand, publishes
/// the outbox, closes the connection and returns the counts.
///
/// - At start and after every reconnect: [`declare_topology`], publish what the outbox still
///   holds, then consume `input_queue` with manual acknowledgements and `prefetch`.
/// - Deliveries are gathered into batches of up to `batch`, a partial batch waiting at most
///   `batch_wait_ms` after its first delivery. Each input is named after its `message_id`, or
///   `delivery-<tag>` without one; `today()` is asked once per batch for its clock.
/// - An input larger than `max_input_bytes` is not decided: it is published to the
///   dead-letter exchange with the header `x-iwmo-reason` (and `x-iwmo-input`, `x-iwmo-queue`),
///   confirmed, and acknowledged with its batch. Everything else goes to the engine: input
///   that is not XML, not valid or carries a DOCTYPE is decided by level 1 and its report
///   published as `rejected`.
/// - The batch is committed ([`Engine::handle`]); only then is it acknowledged (one `multiple`
///   acknowledgement of its last tag: every earlier delivery of the channel is acknowledged
///   already); then its outputs are published through [`AmqpSink`] while the next batch is
///   decided, and marked sent once confirmed; without a next batch within `batch_wait_ms`
///   they are published on their own. `progress` sees the counts after every batch.
/// - A lost connection or channel, or a publish the broker refuses or returns, ends the
///   session: the loop reconnects after 100 ms, doubling to 5 s, forgetting the old delivery
///   tags (unacknowledged inputs come again and are answered from the store). The first
///   connection is not retried: a broker that cannot be reached at start is an error.
/// - An engine error (the store) stops the run: nothing of the batch is acknowledged.
///
/// Blocks; call it from a plain thread, not from async code (it owns a tokio runtime).
pub fn run_amqp<S: Store>(
    pipeline: &Pipeline,
    store: S,
    settings: &AmqpSettings,
    today: &dyn Fn() -> NaiveDate,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(&AmqpSummary),
) -> Result<AmqpSummary, AmqpError> {
    run_amqp_with(
        pipeline,
        store,
        settings,
        today,
        stop,
        progress,
        &Arc::new(Metrics::new()),
    )
}

/// [`run_amqp`], counting into `metrics` as it goes (decisions, commits, the outbox,
/// reconnects, dead letters) and keeping its [`Health`] current: `Running` while connected,
/// `Disconnected` while reconnecting, `Stopping` after `stop`, `Failed` on an error that ends
/// the run.
pub fn run_amqp_with<S: Store>(
    pipeline: &Pipeline,
    store: S,
    settings: &AmqpSettings,
    today: &dyn Fn() -> NaiveDate,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(&AmqpSummary),
    metrics: &Arc<Metrics>,
) -> Result<AmqpSummary, AmqpError> {
    let result = serve(pipeline, store, settings, today, stop, progress, metrics);
    metrics.set_health(match &result {
        Ok(_) => Health::Stopping,
        Err(e) => Health::Failed(e.to_string()),
    });
    result
}

fn serve<S: Store>(
    pipeline: &Pipeline,
    store: S,
    settings: &AmqpSettings,
    today: &dyn Fn() -> NaiveDate,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(&AmqpSummary),
    metrics: &Arc<Metrics>,
) -> Result<AmqpSummary, AmqpError> {
    settings.validate()?;
    let uri = settings.uri()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("iwmo-amqp")
        .enable_all()
        .build()
        .map_err(AmqpError::Runtime)?;
    let mut engine =
        Engine::open(pipeline, store, Naming::ById)?.with_metrics(Arc::clone(metrics))?;
    if settings.threads > 0 {
        engine = engine.with_threads(settings.threads);
    }
    let mut summary = AmqpSummary::default();
    let mut backoff = Backoff::default();
    let mut connected_before = false;
    let url = mask_url(&settings.url);
    while !stop.load(Ordering::SeqCst) {
        let opened = runtime.block_on(within(
            BROKER_TIMEOUT,
            "connect and declare the topology",
            Session::open(&uri, settings),
        ));
        let mut session = match opened {
            Ok(session) => session,
            Err(e) if connected_before && e.is_transient() => {
                tracing::warn!(url = %url, error = %e, "cannot reconnect to RabbitMQ; retrying");
                metrics.set_health(Health::Disconnected(e.to_string()));
                backoff.wait(stop);
                continue;
            }
            Err(e) => return Err(e),
        };
        if connected_before {
            summary.reconnects += 1;
            metrics.record_reconnect();
        }
        connected_before = true;
        tracing::info!(url = %url, queue = %settings.input_queue, "connected to RabbitMQ");
        let outcome = session.run(
            &runtime,
            &mut engine,
            settings,
            today,
            stop,
            &mut summary,
            progress,
            &mut backoff,
        );
        runtime.block_on(session.close());
        match outcome {
            Ok(()) => break,
            Err(e) if e.is_transient() => {
                tracing::warn!(url = %url, error = %e, "RabbitMQ session lost; reconnecting");
                metrics.set_health(Health::Disconnected(e.to_string()));
                backoff.wait(stop);
            }
            Err(e) => return Err(e),
        }
    }
    runtime.shutdown_timeout(CLOSE_TIMEOUT);
    Ok(summary)
}

/// The wait before a reconnect: 100 ms, doubling to 5 s; back to 100 ms after progress.
#[derive(Debug)]
struct Backoff {
    next: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            next: BACKOFF_FIRST,
        }
    }
}

impl Backoff {
    fn reset(&mut self) {
        self.next = BACKOFF_FIRST;
    }

    /// Sleeps the current wait (in steps, so a stop is seen), then doubles it.
    fn wait(&mut self, stop: &AtomicBool) {
        let step = Duration::from_millis(20);
        let mut slept = Duration::ZERO;
        while slept < self.next && !stop.load(Ordering::SeqCst) {
            std::thread::sleep(step);
            slept += step;
        }
        self.next = (self.next * 2).min(BACKOFF_MAX);
    }
}

/// One connection: a channel that consumes, a channel that publishes.
struct Session {
    connection: Connection,
    channel: Channel,
    sink: AmqpSink,
    dead_letter_exchange: ShortString,
    /// Dead letters the last scan returned to the dead-letter queue (not ours to take back).
    dead_letters_kept: u32,
    /// When to look at the dead-letter queue again.
    next_dead_check: Instant,
    /// The last day of the clock on which every client was reviewed.
    reviewed: Option<NaiveDate>,
    /// Committed outputs not yet published: they go out while the next batch is decided.
    /// (Lost with the session, they stay pending in the store and are published at the next
    /// connect.)
    waiting: Vec<PendingRow>,
}

impl Session {
    /// Connects, declares the topology, sets the prefetch and opens the publisher. A
    /// connection made but not usable is closed again.
    async fn open(
        uri: &lapin::uri::AMQPUri,
        settings: &AmqpSettings,
    ) -> Result<Session, AmqpError> {
        let properties = ConnectionProperties::default()
            .with_connection_name(format!("iwmo-engine on {}", settings.input_queue).into());
        let connection = Connection::connect_uri(uri.clone(), properties)
            .await
            .map_err(|source| AmqpError::Connect {
                url: mask_url(&settings.url),
                source,
            })?;
        let ready = async {
            let channel = connection
                .create_channel()
                .await
                .map_err(AmqpError::broker("open the consuming channel"))?;
            declare_topology(&channel, settings).await?;
            channel
                .basic_qos(settings.prefetch, BasicQosOptions::default())
                .await
                .map_err(AmqpError::broker("set the prefetch"))?;
            let sink = AmqpSink::open(&connection, &settings.output_exchange).await?;
            let dead_letter_exchange =
                name("dead_letter_exchange", &settings.dead_letter_exchange)?;
            Ok((channel, sink, dead_letter_exchange))
        };
        match ready.await {
            Ok((channel, sink, dead_letter_exchange)) => Ok(Session {
                connection,
                channel,
                sink,
                dead_letter_exchange,
                dead_letters_kept: 0,
                next_dead_check: Instant::now() + DEAD_LETTER_CHECK,
                reviewed: None,
                waiting: Vec::new(),
            }),
            Err(e) => {
                let _ = tokio::time::timeout(
                    CLOSE_TIMEOUT,
                    connection.close(200, "cannot use the connection".into()),
                )
                .await;
                Err(e)
            }
        }
    }

    /// Publishes what is pending, then consumes until `stop` (`Ok`) or a failure.
    #[allow(clippy::too_many_arguments)]
    fn run<S: Store>(
        &mut self,
        runtime: &tokio::runtime::Runtime,
        engine: &mut Engine<'_, S>,
        settings: &AmqpSettings,
        today: &dyn Fn() -> NaiveDate,
        stop: &AtomicBool,
        summary: &mut AmqpSummary,
        progress: &mut dyn FnMut(&AmqpSummary),
        backoff: &mut Backoff,
    ) -> Result<(), AmqpError> {
        let recovered = self.recover(runtime, engine, settings, today(), summary)?;
        // Outputs committed before a crash or a lost connection, not yet confirmed, and those
        // of the inputs just taken back.
        summary.published += self.flush(engine)?;
        if recovered > 0 {
            progress(summary);
        }
        backoff.reset();
        if let Some(m) = engine.metrics() {
            m.set_health(Health::Running);
        }
        let input = name("input_queue", &settings.input_queue)?;
        let what = format!("consume {input}");
        let mut consumer =
            runtime.block_on(on_channel(&self.channel, BROKER_TIMEOUT, &what, async {
                self.channel
                    .basic_consume(
                        input.clone(),
                        "".into(),
                        BasicConsumeOptions::default(),
                        FieldTable::default(),
                    )
                    .await
                    .map_err(AmqpError::broker(what.as_str()))
            }))?;
        let wait = Duration::from_millis(settings.batch_wait_ms);
        loop {
            if stop.load(Ordering::SeqCst) {
                if let Some(m) = engine.metrics() {
                    m.set_health(Health::Stopping);
                }
                // Stop the flow; deliveries already sent to us and not taken go back to the
                // queue when the channel closes.
                let _ = runtime.block_on(async {
                    tokio::time::timeout(
                        CLOSE_TIMEOUT,
                        self.channel
                            .basic_cancel(consumer.tag(), BasicCancelOptions::default()),
                    )
                    .await
                });
                // The last batch's outputs, and anything else pending.
                summary.published += self.flush(engine)?;
                progress(summary);
                return Ok(());
            }
            if self.review(engine, today(), summary)? {
                progress(summary);
            }
            if Instant::now() >= self.next_dead_check {
                self.next_dead_check = Instant::now() + DEAD_LETTER_CHECK;
                if self.dead_letters_arrived(runtime, settings)?
                    && self.recover(runtime, engine, settings, today(), summary)? > 0
                {
                    summary.published += self.flush(engine)?;
                    progress(summary);
                }
            }
            // Outputs waiting for the next batch wait no longer than a partial batch would;
            // otherwise the loop comes round every 100 ms for the stop flag and the dead letters.
            let first = if self.waiting.is_empty() {
                IDLE_POLL
            } else {
                wait.min(IDLE_POLL)
            };
            let batch = runtime.block_on(gather(
                &self.channel,
                &mut consumer,
                settings.batch,
                first,
                wait,
                stop,
            ))?;
            if batch.is_empty() {
                if !self.waiting.is_empty() {
                    let (seqs, rows) = split_pending(std::mem::take(&mut self.waiting));
                    let task = self.sink.publish_in_background(rows);
                    runtime.block_on(self.confirmed(task))?;
                    summary.published += engine.mark_sent(&seqs)?;
                    progress(summary);
                }
                continue;
            }
            self.handle(runtime, engine, settings, today(), batch, summary)?;
            backoff.reset();
            progress(summary);
        }
    }

    /// One batch: dead-letter what is too large, decide and commit the rest while the previous
    /// batch's outputs are published, acknowledge the batch, mark the previous outputs sent
    /// once confirmed, and keep this batch's outputs for the next round.
    fn handle<S: Store>(
        &mut self,
        runtime: &tokio::runtime::Runtime,
        engine: &mut Engine<'_, S>,
        settings: &AmqpSettings,
        received: NaiveDate,
        batch: Vec<Delivery>,
        summary: &mut AmqpSummary,
    ) -> Result<(), AmqpError> {
        let Some(last) = batch.last().map(|d| d.acker.clone()) else {
            return Ok(());
        };
        let mut inputs = Vec::with_capacity(batch.len());
        let mut dead = Vec::new();
        for mut delivery in batch {
            let name = input_name(&delivery);
            let size = delivery.data.len() as u64;
            if size > settings.max_input_bytes {
                let reason = format!(
                    "too large: {size} bytes, more than max_input_bytes {}",
                    settings.max_input_bytes
                );
                dead.push((delivery, name, reason));
                continue;
            }
            inputs.push(Input {
                name,
                bytes: std::mem::take(&mut delivery.data),
                received,
            });
        }
        if !dead.is_empty() {
            runtime.block_on(self.dead_letter(&dead, &settings.input_queue))?;
        }
        let (seqs, waiting) = split_pending(std::mem::take(&mut self.waiting));
        let publishing = (!waiting.is_empty()).then(|| self.sink.publish_in_background(waiting));
        let handled = engine.handle(inputs)?;
        // Committed, so counted, whether or not the acknowledgement gets through (if it does
        // not, the inputs come again and are counted as duplicates).
        for h in &handled {
            summary.handled.count(h);
        }
        for _ in &dead {
            *summary
                .dead_lettered
                .entry("too-large".to_string())
                .or_default() += 1;
        }
        if let (Some(m), false) = (engine.metrics(), dead.is_empty()) {
            m.record_dead_letter("too-large", dead.len());
        }
        if !self.channel.status().connected() {
            return Err(AmqpError::ChannelClosed {
                what: "acknowledge a batch".into(),
            });
        }
        let acked = runtime.block_on(on_channel(
            &self.channel,
            BROKER_TIMEOUT,
            "acknowledge a batch",
            async {
                last.ack(BasicAckOptions { multiple: true })
                    .await
                    .map_err(AmqpError::broker("acknowledge a batch"))
            },
        ))?;
        if !acked {
            return Err(AmqpError::ChannelClosed {
                what: "acknowledge a batch".into(),
            });
        }
        if let Some(task) = publishing {
            runtime.block_on(self.confirmed(task))?;
            summary.published += engine.mark_sent(&seqs)?;
        }
        self.waiting = engine.pending_outbox(OVERLAP_ROWS)?;
        Ok(())
    }

    /// Takes back, before consuming and whenever the dead-letter queue changes while
    /// consuming, the inputs the input queue dead-lettered at their delivery limit: RabbitMQ counts a delivery for every input the engine held when it
    /// crashed or lost its connection, so a few crashes in a row can dead-letter inputs that
    /// were never decided. Each such dead letter (`x-death` newest reason `delivery_limit` from
    /// our input queue, no `x-iwmo-reason`, not over the size cap, taken back fewer than
    /// [`RECOVERY_ATTEMPTS`] times) is decided (or, decided before, answered from the store)
    /// and acknowledged after the commit; every other dead letter is returned to the
    /// dead-letter queue untouched. The oldest inputs come first, so per-client order holds
    /// as far as it can. Returns how many were taken back.
    fn recover<S: Store>(
        &mut self,
        runtime: &tokio::runtime::Runtime,
        engine: &mut Engine<'_, S>,
        settings: &AmqpSettings,
        received: NaiveDate,
        summary: &mut AmqpSummary,
    ) -> Result<usize, AmqpError> {
        let queue = name("dead_letter_queue", &settings.dead_letter_queue)?;
        let what = format!("read the dead-letter queue {queue}");
        let (mut recover, keep) =
            runtime.block_on(on_channel(&self.channel, BROKER_TIMEOUT, &what, async {
                let (mut recover, mut keep) = (Vec::new(), Vec::new());
                while recover.len() + keep.len() < RECOVERY_SCAN {
                    let got = self
                        .channel
                        .basic_get(queue.clone(), BasicGetOptions { no_ack: false })
                        .await
                        .map_err(AmqpError::broker(what.as_str()))?;
                    let Some(got) = got else { break };
                    let left = got.message_count;
                    if recoverable(&got.delivery, settings) {
                        recover.push(got.delivery);
                    } else {
                        keep.push(got.delivery);
                    }
                    if left == 0 {
                        break;
                    }
                }
                Ok((recover, keep))
            }))?;
        if !recover.is_empty() {
            let inputs = recover
                .iter_mut()
                .map(|d| Input {
                    name: input_name(d),
                    bytes: std::mem::take(&mut d.data),
                    received,
                })
                .collect();
            let handled = engine.handle(inputs)?;
            for h in &handled {
                summary.handled.count(h);
            }
            summary.recovered += handled.len();
            if let Some(m) = engine.metrics() {
                m.record_recovered(handled.len());
            }
            tracing::warn!(
                inputs = handled.len(),
                decided_now = handled.iter().filter(|h| !h.is_duplicate()).count(),
                queue = %queue,
                "took back inputs the input queue had dead-lettered at their delivery limit"
            );
        }
        // Acknowledged one by one: the kept ones in between must go back, not be acknowledged.
        runtime.block_on(on_channel(&self.channel, BROKER_TIMEOUT, &what, async {
            for d in &recover {
                d.acker
                    .ack(BasicAckOptions { multiple: false })
                    .await
                    .map_err(AmqpError::broker("acknowledge a recovered dead letter"))?;
            }
            for d in &keep {
                d.acker
                    .nack(BasicNackOptions {
                        multiple: false,
                        requeue: true,
                    })
                    .await
                    .map_err(AmqpError::broker("return a dead letter"))?;
            }
            Ok(())
        }))?;
        self.dead_letters_kept = u32::try_from(keep.len()).unwrap_or(u32::MAX);
        Ok(recover.len())
    }

    /// Whether the dead-letter queue holds other than the dead letters the last scan left
    /// there: dead-lettering at least once is asynchronous, so inputs a crash pushed over
    /// their limit can arrive after the scan at connect.
    fn dead_letters_arrived(
        &self,
        runtime: &tokio::runtime::Runtime,
        settings: &AmqpSettings,
    ) -> Result<bool, AmqpError> {
        let queue = name("dead_letter_queue", &settings.dead_letter_queue)?;
        let what = format!("count the dead-letter queue {queue}");
        let count = runtime.block_on(on_channel(&self.channel, BROKER_TIMEOUT, &what, async {
            let declared = self
                .channel
                .queue_declare(
                    queue.clone(),
                    QueueDeclareOptions {
                        passive: true,
                        ..QueueDeclareOptions::default()
                    },
                    FieldTable::default(),
                )
                .await
                .map_err(AmqpError::broker(what.as_str()))?;
            Ok(declared.message_count())
        }))?;
        // Other than what was left: new dead letters, or some taken by an operator.
        Ok(count != self.dead_letters_kept)
    }

    /// Once a day of the clock (at connect, and when the date changes), as directory mode does:
    /// every client reviewed for missing starts and stops and the no-care rule, and the
    /// outputs published. A restart or reconnect on a day already reviewed finds the review's
    /// decision stored and raises nothing again. Returns whether it reviewed now.
    fn review<S: Store>(
        &mut self,
        engine: &mut Engine<'_, S>,
        today: NaiveDate,
        summary: &mut AmqpSummary,
    ) -> Result<bool, AmqpError> {
        if self.reviewed == Some(today) {
            return Ok(false);
        }
        summary.handled.count_review(&engine.review(today)?);
        self.reviewed = Some(today);
        summary.published += self.flush(engine)?;
        Ok(true)
    }

    /// The rows of a background publish, once every one is confirmed.
    async fn confirmed(
        &self,
        task: tokio::task::JoinHandle<Result<Vec<OutboxRow>, AmqpError>>,
    ) -> Result<Vec<OutboxRow>, AmqpError> {
        let what = "wait for the confirms of a batch's outputs";
        on_channel(self.sink.channel(), CONFIRM_TIMEOUT, what, async {
            match task.await {
                Ok(result) => result,
                // Not published is not sent: the rows stay pending for the next connect.
                Err(e) => Err(AmqpError::ChannelClosed {
                    what: format!("publish a batch's outputs (the publishing task ended: {e})"),
                }),
            }
        })
        .await
    }

    /// Publishes inputs the engine will not decide to the dead-letter exchange, with their
    /// reason, and waits for the confirms.
    async fn dead_letter(
        &self,
        dead: &[(Delivery, String, String)],
        queue: &str,
    ) -> Result<(), AmqpError> {
        let mut pending = Vec::with_capacity(dead.len());
        for (delivery, name, reason) in dead {
            let properties = dead_letter_properties(&delivery.properties, name, reason, queue);
            let confirm = publish(
                self.sink.channel(),
                self.dead_letter_exchange.clone(),
                delivery.routing_key.clone(),
                &delivery.data,
                properties,
            )
            .await?;
            pending.push((name, confirm));
        }
        for (name, confirm) in pending {
            let what = format!("wait for the confirm of dead letter {name}");
            let confirmation = on_channel(self.sink.channel(), CONFIRM_TIMEOUT, &what, async {
                confirm.await.map_err(AmqpError::broker(what.as_str()))
            })
            .await?;
            check_confirmation(
                confirmation,
                name,
                queue,
                self.dead_letter_exchange.as_str(),
            )?;
        }
        Ok(())
    }

    /// Publishes the outbox; the sink's typed error when it fails. Every pending row goes, the
    /// ones waiting for the next batch too, so none is kept waiting.
    fn flush<S: Store>(&mut self, engine: &Engine<'_, S>) -> Result<usize, AmqpError> {
        self.waiting.clear();
        engine
            .flush_outbox(&mut self.sink, FLUSH_CHUNK)
            .map_err(|e| self.sink.take_error().unwrap_or(AmqpError::Engine(e)))
    }

    /// Closes both channels and the connection, each within a bound; a connection that is
    /// already gone is fine.
    async fn close(self) {
        let _ =
            tokio::time::timeout(CLOSE_TIMEOUT, self.channel.close(200, "stopping".into())).await;
        let _ = tokio::time::timeout(
            CLOSE_TIMEOUT,
            self.sink.channel().close(200, "stopping".into()),
        )
        .await;
        let _ = tokio::time::timeout(CLOSE_TIMEOUT, self.connection.close(200, "stopping".into()))
            .await;
    }
}

/// Up to `max` deliveries: waits at most `first` for the first (none: an empty batch, so the
/// caller can publish waiting outputs, look at the stop flag and the dead letters), then for
/// at most `wait` for more; stopped, it returns what it has. A consumer that ends or fails, or
/// a channel that is no longer open, is an error: the deliveries in hand belong to a dead
/// channel and come again.
async fn gather(
    channel: &Channel,
    consumer: &mut Consumer,
    max: usize,
    first: Duration,
    wait: Duration,
    stop: &AtomicBool,
) -> Result<Vec<Delivery>, AmqpError> {
    let mut batch = Vec::new();
    if stop.load(Ordering::SeqCst) {
        return Ok(batch);
    }
    if !channel.status().connected() {
        return Err(AmqpError::ChannelClosed {
            what: "consume".into(),
        });
    }
    match tokio::time::timeout(first, consumer.next()).await {
        Err(_) => return Ok(batch),
        Ok(next) => batch.push(delivery(next)?),
    }
    let deadline = tokio::time::Instant::now() + wait;
    while batch.len() < max.max(1) && !stop.load(Ordering::SeqCst) {
        match tokio::time::timeout_at(deadline, consumer.next()).await {
            Err(_) => break,
            Ok(next) => batch.push(delivery(next)?),
        }
    }
    Ok(batch)
}

fn delivery(next: Option<lapin::Result<Delivery>>) -> Result<Delivery, AmqpError> {
    match next {
        Some(Ok(delivery)) => Ok(delivery),
        Some(Err(e)) => Err(AmqpError::Broker {
            what: "consume".into(),
            source: e,
        }),
        None => Err(AmqpError::ChannelClosed {
            what: "consume (the broker cancelled the consumer)".into(),
        }),
    }
}

/// Whether a dead letter is an input to take back (see [`Session::recover`]).
fn recoverable(delivery: &Delivery, settings: &AmqpSettings) -> bool {
    let Some(headers) = delivery.properties.headers() else {
        return false;
    };
    let headers = headers.inner();
    if headers.contains_key(REASON_HEADER) || delivery.data.len() as u64 > settings.max_input_bytes
    {
        return false;
    }
    let attempts = headers.get("x-delivery-count").map_or(0, integer);
    if attempts >= RECOVERY_ATTEMPTS {
        return false;
    }
    // x-death lists the message's dead-letterings, the newest first.
    let Some(newest) = headers
        .get("x-death")
        .and_then(AMQPValue::as_array)
        .and_then(|deaths| deaths.as_slice().first())
        .and_then(AMQPValue::as_field_table)
    else {
        return false;
    };
    let field = |key: &str| newest.inner().get(key).map(text).unwrap_or_default();
    field("reason") == "delivery_limit" && field("queue") == settings.input_queue
}

/// A header value as a number (RabbitMQ sends counts as any of the integer types).
fn integer(value: &AMQPValue) -> i64 {
    match value {
        AMQPValue::ShortShortInt(n) => i64::from(*n),
        AMQPValue::ShortShortUInt(n) => i64::from(*n),
        AMQPValue::ShortInt(n) => i64::from(*n),
        AMQPValue::ShortUInt(n) => i64::from(*n),
        AMQPValue::LongInt(n) => i64::from(*n),
        AMQPValue::LongUInt(n) => i64::from(*n),
        AMQPValue::LongLongInt(n) => *n,
        _ => 0,
    }
}

/// A header value as text.
fn text(value: &AMQPValue) -> String {
    match value {
        AMQPValue::LongString(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
        AMQPValue::ShortString(s) => s.to_string(),
        _ => String::new(),
    }
}

/// The input's name: its `message_id`, or `delivery-<tag>` without one.
fn input_name(delivery: &Delivery) -> String {
    match delivery.properties.message_id() {
        Some(id) if !id.as_str().is_empty() => id.to_string(),
        _ => format!("delivery-{}", delivery.delivery_tag),
    }
}

/// The properties of a dead letter: the input's own identifying properties and headers, plus
/// why and from where. (Not all of its properties: a `user_id` the broker would check against
/// our user, an `expiration` that would drop the dead letter.)
fn dead_letter_properties(
    original: &BasicProperties,
    name: &str,
    reason: &str,
    queue: &str,
) -> BasicProperties {
    let mut headers = original.headers().clone().unwrap_or_default();
    let text = |s: &str| AMQPValue::LongString(LongString::from(s));
    headers.insert(REASON_HEADER.into(), text(reason));
    headers.insert("x-iwmo-input".into(), text(name));
    headers.insert("x-iwmo-queue".into(), text(queue));
    let mut properties = BasicProperties::default()
        .with_delivery_mode(2)
        .with_headers(headers);
    if let Some(id) = original.message_id() {
        properties = properties.with_message_id(id.clone());
    }
    if let Some(v) = original.content_type() {
        properties = properties.with_content_type(v.clone());
    }
    if let Some(v) = original.content_encoding() {
        properties = properties.with_content_encoding(v.clone());
    }
    if let Some(v) = original.correlation_id() {
        properties = properties.with_correlation_id(v.clone());
    }
    if let Some(v) = original.timestamp() {
        properties = properties.with_timestamp(*v);
    }
    properties
}
