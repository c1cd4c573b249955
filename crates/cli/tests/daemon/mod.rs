//! Shared by the `daemon_*` tests (`mod daemon;`, next to the engine's broker support
//! included as `crate::broker`): `iwmo run --amqp` as a child process configured through
//! `IWMO_*` variables, its admin endpoint, and reading outputs off the broker quickly.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use futures_lite::StreamExt;
use iwmo_engine::amqp::AmqpSettings;
use lapin::options::{BasicAckOptions, BasicCancelOptions, BasicConsumeOptions, BasicQosOptions};
use lapin::types::FieldTable;

use crate::broker::{workspace, Broker, Got};

/// The day the fixture-stream tests decide on (as the engine's broker tests do).
pub const TODAY: &str = "2026-06-01";
/// A day after every generated stream (`iwmo generate` starts 2026-01-05 and runs for about
/// two years), so the generated messages are not dated in the future.
pub const AFTER_GENERATED: &str = "2028-02-01";

/// [`AFTER_GENERATED`] as a date, for the oracle.
pub fn after_generated() -> chrono::NaiveDate {
    AFTER_GENERATED.parse().unwrap()
}

/// A free local port (bound and released; good enough for one test's child).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `iwmo` with no configuration from outside the test.
pub fn iwmo() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_iwmo"));
    cmd.current_dir(workspace());
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("IWMO_")) {
        cmd.env_remove(key);
    }
    cmd
}

/// A stream from `iwmo generate` in `dir`: (file name, bytes) in file-name order.
pub fn generate(dir: &Path, clients: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
    let status = iwmo()
        .args([
            "generate",
            "--clients",
            &clients.to_string(),
            "--seed",
            &seed.to_string(),
        ])
        .arg("--out")
        .arg(dir)
        .status()
        .unwrap();
    assert!(status.success());
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect()
}

/// The inputs the store decides once each: byte-identical ones are one.
pub fn distinct(inputs: &[(String, Vec<u8>)]) -> u64 {
    let mut bodies: Vec<&Vec<u8>> = inputs.iter().map(|(_, b)| b).collect();
    bodies.sort();
    bodies.dedup();
    bodies.len() as u64
}

/// A running `iwmo run --amqp`.
pub struct Daemon {
    pub child: Child,
    pub admin: SocketAddr,
    pub stdout: PathBuf,
    pub stderr: PathBuf,
}

/// How a daemon is started: the topology of `settings`, the store in `data`, `extra`
/// variables over the defaults, deciding on [`TODAY`].
pub fn start(data: &Path, settings: &AmqpSettings, extra: &[(&str, &str)]) -> Daemon {
    start_on(data, settings, extra, TODAY)
}

/// [`start`] deciding on `today`.
pub fn start_on(
    data: &Path,
    settings: &AmqpSettings,
    extra: &[(&str, &str)],
    today: &str,
) -> Daemon {
    std::fs::create_dir_all(data).unwrap();
    let admin: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let n = std::fs::read_dir(data).unwrap().count();
    let stdout = data.join(format!("run-{n}.stdout"));
    let stderr = data.join(format!("run-{n}.stderr"));
    let mut cmd = iwmo();
    cmd.args(["run", "--format", "json", "--today", today, "--data"])
        .arg(data)
        .env("IWMO_AMQP_URL", &settings.url)
        .env("IWMO_AMQP_INPUT_QUEUE", &settings.input_queue)
        .env(
            "IWMO_AMQP_DEAD_LETTER_EXCHANGE",
            &settings.dead_letter_exchange,
        )
        .env("IWMO_AMQP_DEAD_LETTER_QUEUE", &settings.dead_letter_queue)
        .env("IWMO_AMQP_OUTPUT_EXCHANGE", &settings.output_exchange)
        .env("IWMO_AMQP_BATCH", settings.batch.to_string())
        .env("IWMO_AMQP_PREFETCH", settings.prefetch.to_string())
        .env(
            "IWMO_AMQP_DELIVERY_LIMIT",
            settings.delivery_limit.to_string(),
        )
        .env(
            "IWMO_AMQP_MAX_INPUT_BYTES",
            settings.max_input_bytes.to_string(),
        )
        .env("IWMO_ADMIN_LISTEN", admin.to_string());
    for (k, v) in extra {
        cmd.env(k, v);
    }
    let child = cmd
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    Daemon {
        child,
        admin,
        stdout,
        stderr,
    }
}

impl Daemon {
    /// GET `path` on the admin endpoint: (status, body); `None` while nothing listens.
    pub fn get(&self, path: &str) -> Option<(u16, String)> {
        http(
            self.admin,
            &format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n"),
        )
    }

    /// Waits until `/healthz` answers 200 (the engine is connected and consuming).
    pub fn wait_healthy(&mut self, limit: Duration) {
        let start = Instant::now();
        loop {
            if let Some((200, _)) = self.get("/healthz") {
                return;
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "iwmo run exited with {status} before it was healthy:\n{}",
                    self.logs()
                );
            }
            assert!(
                start.elapsed() < limit,
                "not healthy within {limit:?}:\n{}",
                self.logs()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A metric's value from `/metrics` (the line starting with `series `), 0 when absent.
    pub fn metric(&self, series: &str) -> f64 {
        let (_, body) = self.get("/metrics").unwrap_or_default();
        body.lines()
            .find_map(|l| l.strip_prefix(series).and_then(|v| v.strip_prefix(' ')))
            .map_or(0.0, |v| v.trim().parse().unwrap())
    }

    /// SIGTERM, then waits: the exit status and standard output (the summary).
    pub fn stop(mut self) -> (ExitStatus, String) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success());
        let status = wait_limited(&mut self.child, Duration::from_secs(60));
        (status, std::fs::read_to_string(&self.stdout).unwrap())
    }

    /// SIGKILL, then waits.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Standard error so far.
    pub fn logs(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }
}

/// Waits for a child at most `limit`, then kills it and fails.
fn wait_limited(child: &mut Child, limit: Duration) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("iwmo run did not stop within {limit:?} of SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Sends `request` raw and reads the whole answer: (status, body).
pub fn http(addr: SocketAddr, request: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream.write_all(request.as_bytes()).ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    let status = answer.split(' ').nth(1)?.parse().ok()?;
    let body = answer.split_once("\r\n\r\n")?.1.to_string();
    Some((status, body))
}

/// What an engine that is stopped for good leaves behind when it has done all its work: every
/// output of `want` seen at least once with exactly its bytes and nothing else (a repeat is
/// harmless, another body is not); on the broker nothing in the input or dead-letter queue,
/// and no consumer, so nothing unacknowledged (it would be ready again); in `data`'s store
/// every input decided once and nothing pending.
pub fn assert_done(
    seen: &Seen,
    want: &[iwmo_store::OutboxRow],
    broker: &Broker,
    settings: &AmqpSettings,
    data: &Path,
    inputs: &[(String, Vec<u8>)],
) {
    use iwmo_store::Store;
    let missing = want
        .iter()
        .filter(|w| !seen.by_id.contains_key(w.id.as_str()))
        .count();
    assert_eq!(missing, 0, "outputs missing");
    for w in want {
        assert_eq!(
            seen.by_id[w.id.as_str()],
            vec![w.payload.clone()],
            "output {} has other or several bodies",
            w.id
        );
    }
    assert_eq!(
        seen.by_id.len(),
        want.len(),
        "outputs the engine would not send"
    );
    assert_eq!(broker.consumers(&settings.input_queue), 0);
    assert_eq!(broker.count(&settings.input_queue), 0);
    assert_eq!(broker.count(&settings.dead_letter_queue), 0);
    let store = iwmo_store::RedbStore::open(data.join("store")).unwrap();
    let stats = store.stats().unwrap();
    // Every distinct input decided once, and the day (the engine's clock) reviewed once.
    assert_eq!(stats.decisions, distinct(inputs) + 1);
    assert_eq!(stats.outbox_pending, 0);
}

/// Reads `queue` into `seen` until every output of `want` is there; fails after `limit`
/// with what the engine says.
pub fn take_all(
    seen: &mut Seen,
    want: &[iwmo_store::OutboxRow],
    broker: &Broker,
    queue: &str,
    settings: &AmqpSettings,
    engine: &Daemon,
    limit: Duration,
) {
    let started = Instant::now();
    loop {
        let missing = want
            .iter()
            .filter(|w| !seen.by_id.contains_key(w.id.as_str()))
            .count();
        if missing == 0 {
            return;
        }
        if started.elapsed() > limit {
            let (_, metrics) = engine.get("/metrics").unwrap_or_default();
            let (_, health) = engine.get("/healthz").unwrap_or_default();
            panic!(
                "{missing} of {} outputs missing after {limit:?}; health {health:?}; ready in the input queue {}, in the dead-letter queue {}\nmetrics:\n{metrics}\nlogs:\n{}",
                want.len(),
                broker.count(&settings.input_queue),
                broker.count(&settings.dead_letter_queue),
                engine.logs()
            );
        }
        seen.take(broker, queue);
    }
}

/// Outputs read off a queue: by message id, every body seen (a repeat is the same body).
#[derive(Default)]
pub struct Seen {
    pub by_id: BTreeMap<String, Vec<Vec<u8>>>,
    pub in_order: Vec<Got>,
}

impl Seen {
    /// Takes what `queue` holds now (consumed until it is idle for a moment).
    pub fn take(&mut self, broker: &Broker, queue: &str) -> usize {
        let got = consume_until_idle(broker, queue, Duration::from_millis(300));
        let n = got.len();
        for g in got {
            let id = g.message_id.clone().unwrap_or_default();
            let bodies = self.by_id.entry(id).or_default();
            if !bodies.contains(&g.body) {
                bodies.push(g.body.clone());
            }
            self.in_order.push(g);
        }
        n
    }
}

/// Consumes `queue` until no message came for `idle`: much faster than one `basic.get` per
/// message. Acknowledged once at the end, up to the last message taken: whatever the broker
/// sent after it goes back to the queue when the channel closes (auto-acknowledged, it would
/// be lost with the channel).
pub fn consume_until_idle(broker: &Broker, queue: &str, idle: Duration) -> Vec<Got> {
    broker.rt.block_on(async {
        let channel = broker.connection.create_channel().await.unwrap();
        channel
            .basic_qos(1000, BasicQosOptions::default())
            .await
            .unwrap();
        let mut consumer = channel
            .basic_consume(
                queue.into(),
                "".into(),
                BasicConsumeOptions::default(),
                FieldTable::default(),
            )
            .await
            .unwrap();
        let mut out = Vec::new();
        let mut last = None;
        while let Ok(Some(Ok(d))) = tokio::time::timeout(idle, consumer.next()).await {
            last = Some(d.acker.clone());
            out.push(Got {
                routing_key: d.routing_key.to_string(),
                message_id: d.properties.message_id().as_ref().map(|m| m.to_string()),
                delivery_mode: *d.properties.delivery_mode(),
                headers: Vec::new(),
                body: d.data,
            });
        }
        if let Some(last) = last {
            assert!(last.ack(BasicAckOptions { multiple: true }).await.unwrap());
        }
        let _ = channel
            .basic_cancel(consumer.tag(), BasicCancelOptions::default())
            .await;
        let _ = channel.close(200, "read".into()).await;
        out
    })
}
