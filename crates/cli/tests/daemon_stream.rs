//! `iwmo run --amqp` through the built binary: a fixture stream published to the input queue
//! gives, on a queue bound to the output exchange with `#`, exactly the outputs of directory
//! mode (`iwmo run --once`, same binary, same day) on the same stream, by id and bytes, and per
//! routing key in the engine's order; SIGTERM then stops it with exit 0 and a summary; its
//! logs (JSON, debug) carry no BSN of the stream; `iwmo config` masks the broker's password.

#[path = "../../engine/tests/amqp_support.rs"]
mod broker;
mod daemon;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use broker::{broker_wanted, oracle, prepare, rows_per_key, settings, stream, unique, Broker};
use daemon::{iwmo, start, Seen, TODAY};

/// Every output file of a directory-mode outbox: id → (destination folder, bytes).
fn outbox(dir: &std::path::Path) -> BTreeMap<String, (String, Vec<u8>)> {
    let mut out = BTreeMap::new();
    for folder in std::fs::read_dir(dir).unwrap().flatten() {
        let destination = folder.file_name().to_string_lossy().to_string();
        for file in std::fs::read_dir(folder.path()).unwrap().flatten() {
            let name = file.file_name().to_string_lossy().to_string();
            let id = name.split('.').next().unwrap().to_string();
            out.insert(
                id,
                (destination.clone(), std::fs::read(file.path()).unwrap()),
            );
        }
    }
    out
}

#[test]
fn the_delivery_stream_on_rabbitmq_equals_directory_mode_and_stops_cleanly_on_sigterm() {
    if !broker_wanted("the_delivery_stream_on_rabbitmq_equals_directory_mode") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let inputs = stream("delivery");

    // Directory mode on the same stream, the same day: the oracle by id and bytes.
    let dir_data = tmp.path().join("directory");
    std::fs::create_dir_all(dir_data.join("inbox")).unwrap();
    for (name, bytes) in &inputs {
        std::fs::write(dir_data.join("inbox").join(name), bytes).unwrap();
    }
    let status = iwmo()
        .args(["run", "--once", "--today", TODAY, "--data"])
        .arg(&dir_data)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let files = outbox(&dir_data.join("outbox"));
    // The engine's order per routing key, for the same inputs on the same day.
    let want = oracle(&inputs);
    assert_eq!(files.len(), want.len());
    assert!(want.len() > 10);

    let mut broker = Broker::connect();
    let settings = iwmo_engine::amqp::AmqpSettings {
        batch: 4,
        ..settings("daemon-stream")
    };
    let out = unique("daemon-stream-out");
    broker.clean_up(&settings, &[&out]);
    prepare(&broker, &settings, &out);
    for (name, bytes) in &inputs {
        broker.publish(&settings.input_queue, Some(name), bytes);
    }

    let data = tmp.path().join("amqp");
    let mut engine = start(
        &data,
        &settings,
        &[("IWMO_LOG_FORMAT", "json"), ("IWMO_LOG_LEVEL", "debug")],
    );
    engine.wait_healthy(Duration::from_secs(60));
    let mut seen = Seen::default();
    let started = Instant::now();
    while seen.in_order.len() < want.len() && started.elapsed() < Duration::from_secs(60) {
        seen.take(&broker, &out);
    }
    assert_eq!(engine.get("/healthz").unwrap(), (200, "ok\n".to_string()));
    let inputs_metric = engine.metric("iwmo_inputs_total{kind=\"wmo305\",verdict=\"approved\"}");
    let (status, summary) = engine.stop();
    assert!(status.success(), "exit {status}");

    // Exactly the outputs of directory mode, each once, persistent.
    assert_eq!(seen.in_order.len(), want.len());
    for got in &seen.in_order {
        let id = got.message_id.clone().unwrap();
        let (destination, bytes) = files.get(&id).unwrap_or_else(|| panic!("unexpected {id}"));
        assert_eq!(&got.body, bytes, "{id}");
        assert_eq!(
            got.routing_key.split('.').next(),
            Some(destination.as_str())
        );
        assert_eq!(got.delivery_mode, Some(2));
    }
    // In the engine's order per routing key (per client, then).
    assert_eq!(broker::got_per_key(&seen.in_order), rows_per_key(&want));

    // The summary of a clean stop, and the queue: empty, nothing unacknowledged (the engine
    // is gone, so anything unacknowledged would be ready again).
    let summary: serde_json::Value = serde_json::from_str(summary.trim()).unwrap();
    assert_eq!(summary["handled"]["inputs"], inputs.len());
    assert_eq!(summary["handled"]["duplicates"], 0);
    assert_eq!(summary["published"], want.len());
    assert_eq!(summary["reconnects"], 0);
    assert_eq!(broker.count(&settings.input_queue), 0);
    assert_eq!(broker.count(&settings.dead_letter_queue), 0);
    assert_eq!(broker.consumers(&settings.input_queue), 0);
    let approved_305 = summary["handled"]["verdicts"]["approved"].as_u64().unwrap();
    assert!(approved_305 > 0);
    assert!(
        inputs_metric >= 1.0,
        "the metrics counted the approved 305s"
    );

    // The store is in DATA/store, every input decided once, and the day reviewed once.
    let store = iwmo_store::RedbStore::open(data.join("store")).unwrap();
    use iwmo_store::Store;
    assert_eq!(store.stats().unwrap().decisions, inputs.len() as u64 + 1);
    assert_eq!(store.stats().unwrap().outbox_pending, 0);

    // Logs: JSON lines, one per decided input among them, and no BSN of the stream.
    let logs = std::fs::read_to_string(engine_stderr(&data)).unwrap();
    let mut decided = 0;
    for line in logs.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        if v["message"] == "decided" {
            decided += 1;
        }
    }
    assert_eq!(decided, inputs.len(), "{logs}");
    for bsn in bsns(&inputs) {
        assert!(!logs.contains(&bsn), "a full BSN ({bsn}) in the logs");
    }
}

/// The standard error of the first daemon run in `data`.
fn engine_stderr(data: &std::path::Path) -> std::path::PathBuf {
    data.join("run-0.stderr")
}

/// Every nine-digit BSN in the inputs.
fn bsns(inputs: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut out = Vec::new();
    for (_, bytes) in inputs {
        let text = String::from_utf8_lossy(bytes);
        // `<Bsn>`, `<ns:Bsn>`: nine digits after `Bsn>`.
        for part in text.split("Bsn>").skip(1) {
            let bsn: String = part.chars().take_while(char::is_ascii_digit).collect();
            if bsn.len() == 9 && !out.contains(&bsn) {
                out.push(bsn);
            }
        }
    }
    assert!(!out.is_empty(), "the stream has BSNs");
    out
}

#[test]
fn config_masks_the_broker_password_and_an_empty_url_is_directory_mode() {
    let out = iwmo()
        .arg("config")
        .env("IWMO_AMQP_URL", "amqp://iwmo:hunter2@rabbit:5672/%2f")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("hunter2"), "{text}");
    assert!(text.contains("amqp://iwmo:***@rabbit:5672/%2f"), "{text}");
    assert!(text.contains("[admin]") && text.contains("[log]"), "{text}");

    // No URL: directory mode (an inbox appears, no broker is needed).
    let tmp = tempfile::tempdir().unwrap();
    let out = iwmo()
        .args(["run", "--once", "--data"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(tmp.path().join("inbox").is_dir());
    assert!(tmp.path().join("store").is_dir());
    // --once is directory mode's: with a broker it is a usage error, before any connection.
    let out = iwmo()
        .args([
            "run",
            "--once",
            "--amqp",
            "amqp://guest:guest@127.0.0.1:1/%2f",
            "--data",
        ])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn directory_mode_serves_health_and_metrics_and_stops_on_sigterm() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let admin: std::net::SocketAddr = format!("127.0.0.1:{}", daemon::free_port())
        .parse()
        .unwrap();
    let (stdout, stderr) = (tmp.path().join("stdout"), tmp.path().join("stderr"));
    let child = iwmo()
        .args(["run", "--format", "json", "--today", TODAY, "--data"])
        .arg(&data)
        .env("IWMO_ADMIN_LISTEN", admin.to_string())
        .env("IWMO_ENGINE_POLL_MS", "50")
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    let mut engine = daemon::Daemon {
        child,
        admin,
        stdout,
        stderr,
    };
    engine.wait_healthy(Duration::from_secs(60));
    let inputs = stream("delivery");
    for (name, bytes) in &inputs {
        let partial = data.join("inbox").join(format!("{name}.partial"));
        std::fs::write(&partial, bytes).unwrap();
        std::fs::rename(&partial, data.join("inbox").join(name)).unwrap();
    }
    let want = oracle(&inputs).len() as f64;
    let started = Instant::now();
    let decided = "iwmo_inputs_total{kind=\"wmo305\",verdict=\"approved\"}";
    while engine.metric("iwmo_outputs_delivered_total") < want {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{}",
            engine.logs()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(engine.metric(decided) >= 1.0);
    assert_eq!(engine.metric("iwmo_outputs_delivered_total"), want);
    assert_eq!(engine.metric("iwmo_outbox_depth"), 0.0);
    assert_eq!(engine.get("/healthz"), Some((200, "ok\n".to_string())));
    let (status, summary) = engine.stop();
    assert!(status.success(), "exit {status}");
    let summary: serde_json::Value = serde_json::from_str(summary.trim()).unwrap();
    assert_eq!(summary["inputs"], inputs.len());
}
