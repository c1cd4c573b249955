//! Shared by the `amqp_*` tests (included with `#[path]`; as a test target of its own it holds
//! no tests): the skip switch, unique names, and a small client for setting up and reading
//! the broker.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use iwmo_engine::amqp::AmqpSettings;
use lapin::options::{
    BasicGetOptions, BasicPublishOptions, ConfirmSelectOptions, ExchangeDeleteOptions,
    QueueBindOptions, QueueDeclareOptions, QueueDeleteOptions,
};
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties};

/// Whether the broker tests run: they skip only when `IWMO_NO_RABBITMQ=1` (said on stderr);
/// otherwise a missing broker fails them.
pub fn broker_wanted(test: &str) -> bool {
    if std::env::var("IWMO_NO_RABBITMQ").as_deref() == Ok("1") {
        eprintln!("{test}: skipped, IWMO_NO_RABBITMQ=1");
        return false;
    }
    true
}

/// The broker of the tests: `IWMO_TEST_AMQP_URL`, else the local default.
pub fn url() -> String {
    std::env::var("IWMO_TEST_AMQP_URL")
        .unwrap_or_else(|_| "amqp://guest:guest@127.0.0.1:5672/%2f".to_string())
}

/// A name no other test (in this or another process) uses.
pub fn unique(what: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "iwmo-test.{what}.{}.{nanos:x}.{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// Settings with a topology of its own.
pub fn settings(test: &str) -> AmqpSettings {
    let base = unique(test);
    AmqpSettings {
        url: url(),
        input_queue: format!("{base}.input"),
        dead_letter_exchange: format!("{base}.dead-x"),
        dead_letter_queue: format!("{base}.dead"),
        output_exchange: format!("{base}.output"),
        ..AmqpSettings::default()
    }
}

/// A message read back from a queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Got {
    pub routing_key: String,
    pub message_id: Option<String>,
    pub delivery_mode: Option<u8>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Got {
    pub fn header(&self, key: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The tests' own connection, for setting up the topology's surroundings and reading results.
/// Deletes what it was told to on drop, so a failing test cleans up too.
pub struct Broker {
    pub rt: tokio::runtime::Runtime,
    pub connection: Connection,
    pub channel: Channel,
    queues: Vec<String>,
    exchanges: Vec<String>,
}

impl Broker {
    pub fn connect() -> Broker {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let (connection, channel) = rt.block_on(async {
            let connection = Connection::connect(&url(), ConnectionProperties::default())
                .await
                .expect("RabbitMQ must run for this test (IWMO_NO_RABBITMQ=1 skips it)");
            let channel = connection.create_channel().await.unwrap();
            channel
                .confirm_select(ConfirmSelectOptions::default())
                .await
                .unwrap();
            (connection, channel)
        });
        Broker {
            rt,
            connection,
            channel,
            queues: Vec::new(),
            exchanges: Vec::new(),
        }
    }

    /// Deletes the settings' queues and exchanges (and `extra` queues) on drop.
    pub fn clean_up(&mut self, settings: &AmqpSettings, extra: &[&str]) {
        self.queues.push(settings.input_queue.clone());
        self.queues.push(settings.dead_letter_queue.clone());
        self.queues.extend(extra.iter().map(|q| q.to_string()));
        self.exchanges.push(settings.output_exchange.clone());
        self.exchanges.push(settings.dead_letter_exchange.clone());
    }

    /// A durable classic queue bound to `exchange` with `key`.
    pub fn bind_queue(&self, queue: &str, exchange: &str, key: &str) {
        self.rt.block_on(async {
            self.channel
                .queue_declare(
                    queue.into(),
                    QueueDeclareOptions {
                        durable: true,
                        ..QueueDeclareOptions::default()
                    },
                    FieldTable::default(),
                )
                .await
                .unwrap();
            self.channel
                .queue_bind(
                    queue.into(),
                    exchange.into(),
                    key.into(),
                    QueueBindOptions::default(),
                    FieldTable::default(),
                )
                .await
                .unwrap();
        });
    }

    /// Publishes to a queue through the default exchange, persistent, confirmed.
    pub fn publish(&self, queue: &str, message_id: Option<&str>, body: &[u8]) {
        self.rt.block_on(async {
            let mut properties = BasicProperties::default().with_delivery_mode(2);
            if let Some(id) = message_id {
                properties = properties.with_message_id(ShortString::from(id));
            }
            let confirm = self
                .channel
                .basic_publish(
                    "".into(),
                    queue.into(),
                    BasicPublishOptions {
                        mandatory: true,
                        ..BasicPublishOptions::default()
                    },
                    body,
                    properties,
                )
                .await
                .unwrap()
                .await
                .unwrap();
            assert!(confirm.is_ack(), "publish to {queue} not confirmed");
            assert!(confirm.take_message().is_none(), "{queue} does not exist");
        });
    }

    /// Messages ready in a queue.
    pub fn count(&self, queue: &str) -> u32 {
        self.rt.block_on(async {
            self.channel
                .queue_declare(
                    queue.into(),
                    QueueDeclareOptions {
                        passive: true,
                        ..QueueDeclareOptions::default()
                    },
                    FieldTable::default(),
                )
                .await
                .unwrap()
                .message_count()
        })
    }

    /// Consumers on a queue.
    pub fn consumers(&self, queue: &str) -> u32 {
        self.rt.block_on(async {
            self.channel
                .queue_declare(
                    queue.into(),
                    QueueDeclareOptions {
                        passive: true,
                        ..QueueDeclareOptions::default()
                    },
                    FieldTable::default(),
                )
                .await
                .unwrap()
                .consumer_count()
        })
    }

    /// Waits until `queue` holds at least `n` ready messages (or `limit` passes).
    pub fn wait_for(&self, queue: &str, n: u32, limit: Duration) -> u32 {
        let start = std::time::Instant::now();
        loop {
            let count = self.count(queue);
            if count >= n || start.elapsed() > limit {
                return count;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Takes every ready message off `queue` (acknowledged), in queue order.
    pub fn drain(&self, queue: &str) -> Vec<Got> {
        self.rt.block_on(async {
            let mut out = Vec::new();
            while let Some(message) = self
                .channel
                .basic_get(queue.into(), BasicGetOptions { no_ack: true })
                .await
                .unwrap()
            {
                let d = &message.delivery;
                let headers = d
                    .properties
                    .headers()
                    .as_ref()
                    .map(|t| {
                        t.inner()
                            .iter()
                            .map(|(k, v)| (k.to_string(), value_text(v)))
                            .collect()
                    })
                    .unwrap_or_default();
                out.push(Got {
                    routing_key: d.routing_key.to_string(),
                    message_id: d.properties.message_id().as_ref().map(|m| m.to_string()),
                    delivery_mode: *d.properties.delivery_mode(),
                    headers,
                    body: d.data.clone(),
                });
            }
            out
        })
    }
}

fn value_text(v: &AMQPValue) -> String {
    match v {
        AMQPValue::LongString(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
        AMQPValue::ShortString(s) => s.to_string(),
        AMQPValue::LongLongInt(n) => n.to_string(),
        AMQPValue::LongInt(n) => n.to_string(),
        AMQPValue::FieldArray(a) => {
            let items: Vec<String> = a.as_slice().iter().map(value_text).collect();
            format!("[{}]", items.join(", "))
        }
        AMQPValue::FieldTable(t) => {
            let items: Vec<String> = t
                .inner()
                .iter()
                .map(|(k, v)| format!("{k}: {}", value_text(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        other => format!("{other:?}"),
    }
}

/// A header table of text values.
pub fn text_headers(pairs: &[(&str, &str)]) -> FieldTable {
    let mut table = FieldTable::default();
    for (k, v) in pairs {
        table.insert((*k).into(), AMQPValue::LongString(LongString::from(*v)));
    }
    table
}

impl Drop for Broker {
    fn drop(&mut self) {
        let queues = std::mem::take(&mut self.queues);
        let exchanges = std::mem::take(&mut self.exchanges);
        let _ = self.rt.block_on(async {
            // The channel may have been closed by a failed step: clean up on a fresh one.
            let channel = self.connection.create_channel().await?;
            for q in queues {
                let _ = channel
                    .queue_delete(q.as_str().into(), QueueDeleteOptions::default())
                    .await;
            }
            for x in exchanges {
                let _ = channel
                    .exchange_delete(x.as_str().into(), ExchangeDeleteOptions::default())
                    .await;
            }
            self.connection.close(200, "done".into()).await
        });
    }
}

/// The workspace root.
pub fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file of the workspace.
pub fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(workspace().join(path)).unwrap()
}

/// The valid message the poison tests send after the poison.
pub fn valid_message() -> Vec<u8> {
    fixture("fixtures/messages/wmo301-toewijzing-after-vot.xml")
}

/// The poison of `fixtures/amqp` that level 1 decides, by name: garbage, a DOCTYPE with an
/// entity, XML in an unknown namespace.
pub fn poison() -> Vec<(String, Vec<u8>)> {
    vec![
        ("not-xml".into(), fixture("fixtures/amqp/not-xml.bin")),
        (
            "doctype".into(),
            fixture("fixtures/amqp/doctype-entity.xml"),
        ),
        (
            "unknown-namespace".into(),
            fixture("fixtures/amqp/unknown-namespace.xml"),
        ),
    ]
}

/// The valid message padded with an XML comment to 70 KiB: over a 64 KiB cap.
pub fn oversized() -> Vec<u8> {
    let mut oversized = valid_message();
    oversized.extend_from_slice(b"<!--");
    oversized.resize(70 * 1024, b'x');
    oversized.extend_from_slice(b"-->\n");
    oversized
}

/// The chain-mode pipeline over the project's schemas.
pub fn pipeline() -> iwmo_engine::Pipeline {
    iwmo_engine::Pipeline::load(
        &workspace().join("schemas"),
        iwmo_ledger::Mode::Chain,
        iwmo_ledger::Config::default(),
        iwmo_ledger::Lists::default(),
    )
    .unwrap()
}

/// The messages of a fixture stream, in file-name order: (file name, bytes).
pub fn stream(name: &str) -> Vec<(String, Vec<u8>)> {
    let dir = workspace().join("fixtures/streams").join(name);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            (
                f.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(&f).unwrap(),
            )
        })
        .collect()
}

/// The day every test decides on.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

/// What an engine over a fresh memory store publishes for these inputs, decided in one batch:
/// the oracle the broker runs are compared with.
pub fn oracle(inputs: &[(String, Vec<u8>)]) -> Vec<iwmo_store::OutboxRow> {
    oracle_on(inputs, today())
}

/// [`oracle`] on another day.
pub fn oracle_on(
    inputs: &[(String, Vec<u8>)],
    day: chrono::NaiveDate,
) -> Vec<iwmo_store::OutboxRow> {
    use iwmo_store::Store;
    let pipeline = pipeline();
    let mut engine = iwmo_engine::Engine::open(
        &pipeline,
        iwmo_store::MemoryStore::new(),
        iwmo_engine::Naming::ById,
    )
    .unwrap();
    engine
        .handle(
            inputs
                .iter()
                .map(|(name, bytes)| iwmo_engine::Input {
                    name: name.clone(),
                    bytes: bytes.clone(),
                    received: day,
                })
                .collect(),
        )
        .unwrap();
    let pending = engine.store().pending_outbox(usize::MAX).unwrap();
    pending.into_iter().map(|p| p.row).collect()
}

/// Runs `run_amqp` over `store` until `done` says so after a batch (or `limit` passes, when
/// a watchdog stops it: the test then fails on its counts).
pub fn run_until<S: iwmo_store::Store>(
    pipeline: &iwmo_engine::Pipeline,
    store: S,
    settings: &AmqpSettings,
    limit: Duration,
    done: impl Fn(&iwmo_engine::amqp::AmqpSummary) -> bool,
) -> iwmo_engine::amqp::AmqpSummary {
    run_until_on(pipeline, store, settings, today(), limit, done)
}

/// [`run_until`] with the engine's clock on `day`.
pub fn run_until_on<S: iwmo_store::Store>(
    pipeline: &iwmo_engine::Pipeline,
    store: S,
    settings: &AmqpSettings,
    day: chrono::NaiveDate,
    limit: Duration,
    done: impl Fn(&iwmo_engine::amqp::AmqpSummary) -> bool,
) -> iwmo_engine::amqp::AmqpSummary {
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;
    let stop = Arc::new(AtomicBool::new(false));
    let finished = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let (stop, finished) = (Arc::clone(&stop), Arc::clone(&finished));
        std::thread::spawn(move || {
            let start = std::time::Instant::now();
            while !finished.load(Ordering::SeqCst) && start.elapsed() < limit {
                std::thread::sleep(Duration::from_millis(20));
            }
            stop.store(true, Ordering::SeqCst);
        })
    };
    let result = iwmo_engine::amqp::run_amqp(pipeline, store, settings, &|| day, &stop, &mut |s| {
        if done(s) {
            stop.store(true, Ordering::SeqCst);
        }
    });
    finished.store(true, Ordering::SeqCst);
    watchdog.join().unwrap();
    result.unwrap()
}

/// Sequences of (message id, body) per routing key.
pub fn per_key<'a>(
    items: impl IntoIterator<Item = (&'a str, &'a str, &'a [u8])>,
) -> std::collections::BTreeMap<String, Vec<(String, Vec<u8>)>> {
    let mut map: std::collections::BTreeMap<String, Vec<(String, Vec<u8>)>> = Default::default();
    for (key, id, body) in items {
        map.entry(key.to_string())
            .or_default()
            .push((id.to_string(), body.to_vec()));
    }
    map
}

pub fn rows_per_key(
    rows: &[iwmo_store::OutboxRow],
) -> std::collections::BTreeMap<String, Vec<(String, Vec<u8>)>> {
    per_key(
        rows.iter()
            .map(|r| (r.destination.as_str(), r.id.as_str(), r.payload.as_slice())),
    )
}

pub fn got_per_key(got: &[Got]) -> std::collections::BTreeMap<String, Vec<(String, Vec<u8>)>> {
    per_key(got.iter().map(|g| {
        (
            g.routing_key.as_str(),
            g.message_id.as_deref().unwrap_or(""),
            g.body.as_slice(),
        )
    }))
}

/// Declares the settings' topology and binds `out` to the output exchange with `#`.
pub fn prepare(broker: &Broker, settings: &AmqpSettings, out: &str) {
    broker.rt.block_on(async {
        let channel = broker.connection.create_channel().await.unwrap();
        iwmo_engine::amqp::declare_topology(&channel, settings)
            .await
            .unwrap();
        let _ = channel.close(200, "declared".into()).await;
    });
    broker.bind_queue(out, &settings.output_exchange, "#");
}

/// Declares the settings' topology and opens a sink on its output exchange.
pub fn open_sink(broker: &Broker, settings: &AmqpSettings) -> iwmo_engine::amqp::AmqpSink {
    broker.rt.block_on(async {
        let channel = broker.connection.create_channel().await.unwrap();
        iwmo_engine::amqp::declare_topology(&channel, settings)
            .await
            .unwrap();
        iwmo_engine::amqp::AmqpSink::open(&broker.connection, &settings.output_exchange)
            .await
            .unwrap()
    })
}
