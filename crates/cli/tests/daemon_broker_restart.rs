//! The broker restart test (a test binary of its own: cargo runs test binaries one after
//! another, so stopping RabbitMQ here cannot break the other broker tests of this crate):
//! `rabbitmqctl stop_app` and `start_app` while `iwmo run --amqp` works through a generated
//! stream. The engine reports itself unhealthy while the broker is gone, reconnects, and
//! ends with the outputs of an undisturbed decision, every input decided once. The broker is
//! started again even when the test fails (a guard that runs `start_app` when dropped).

#[path = "../../engine/tests/amqp_support.rs"]
mod broker;
mod daemon;

use std::process::Command;
use std::time::{Duration, Instant};

use broker::{broker_wanted, oracle_on, prepare, settings, unique, Broker};
use daemon::{after_generated, assert_done, generate, start_on, take_all, Seen, AFTER_GENERATED};

fn rabbitmqctl(args: &[&str]) -> bool {
    Command::new("rabbitmqctl")
        .args(args)
        .status()
        .is_ok_and(|s| s.success())
}

/// While it lives, the broker's application is stopped; dropped, it is started again and
/// waited for.
struct BrokerStopped;

impl BrokerStopped {
    fn stop() -> BrokerStopped {
        let guard = BrokerStopped;
        assert!(rabbitmqctl(&["stop_app"]), "rabbitmqctl stop_app failed");
        guard
    }
}

impl Drop for BrokerStopped {
    fn drop(&mut self) {
        let started = rabbitmqctl(&["start_app"]);
        let up = rabbitmqctl(&["await_startup"]);
        let failed = !(started && up);
        if failed && !std::thread::panicking() {
            panic!("RabbitMQ did not start again: run `rabbitmqctl start_app`");
        }
    }
}

#[test]
fn a_broker_restart_mid_stream_changes_nothing_in_the_result() {
    if !broker_wanted("a_broker_restart_mid_stream_changes_nothing_in_the_result") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let inputs = generate(&tmp.path().join("stream"), 300, 5);
    let want = oracle_on(&inputs, after_generated());
    // Small batches, so the stream takes long enough for the broker to go away mid-way.
    let settings = iwmo_engine::amqp::AmqpSettings {
        batch: 8,
        prefetch: 8,
        ..settings("daemon-restart")
    };
    let out = unique("daemon-restart-out");
    let data = tmp.path().join("data");
    let mut engine;
    {
        let broker = Broker::connect();
        prepare(&broker, &settings, &out);
        for (name, bytes) in &inputs {
            broker.publish(&settings.input_queue, Some(name), bytes);
        }
        engine = start_on(&data, &settings, &[], AFTER_GENERATED);
        engine.wait_healthy(Duration::from_secs(60));
        let first = (want.len() / 10) as u32;
        assert!(
            broker.wait_for(&out, first, Duration::from_secs(60)) >= first,
            "no outputs"
        );
        assert!(
            broker.count(&settings.input_queue) > 0,
            "the stream was done before the broker could go"
        );
    }

    let stopped = BrokerStopped::stop();
    let start_wait = Instant::now();
    loop {
        match engine.get("/healthz") {
            Some((503, body)) => {
                assert!(body.starts_with("disconnected"), "{body}");
                break;
            }
            other => assert!(
                start_wait.elapsed() < Duration::from_secs(20),
                "still {other:?} with the broker gone"
            ),
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_secs(2));
    drop(stopped);

    let mut broker = Broker::connect();
    broker.clean_up(&settings, &[&out]);
    engine.wait_healthy(Duration::from_secs(60));
    let mut seen = Seen::default();
    take_all(
        &mut seen,
        &want,
        &broker,
        &out,
        &settings,
        &engine,
        Duration::from_secs(120),
    );
    assert!(engine.metric("iwmo_reconnects_total") >= 1.0);
    let (status, summary) = engine.stop();
    assert!(status.success(), "exit {status}");
    seen.take(&broker, &out);

    // The result of an undisturbed decision (a repeat, published again after the lost
    // connection, has the same bytes).
    assert_done(&seen, &want, &broker, &settings, &data, &inputs);
    let summary: serde_json::Value = serde_json::from_str(summary.trim()).unwrap();
    assert!(summary["reconnects"].as_u64().unwrap() >= 1, "{summary}");
    eprintln!(
        "{} inputs, {} outputs, {} received with repeats; {summary}",
        inputs.len(),
        want.len(),
        seen.in_order.len()
    );
}
