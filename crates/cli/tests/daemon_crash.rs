//! The crash test on RabbitMQ, through the built binary: several thousand generated messages
//! on the input queue, `iwmo run --amqp` killed with SIGKILL at seeded random moments while it
//! works and started again, then run to the end. Every input is decided exactly once (the
//! store), every output of the engine's uninterrupted decision is on the output queue at least
//! once with its bytes, no message id comes with two different bodies, the input queue is
//! empty with nothing unacknowledged and nothing is dead-lettered.
//!
//! The delivery limit is set low (2) on purpose: every kill counts as one delivery of every
//! input the engine held, so inputs do reach it and are dead-lettered undecided; the engine
//! must take them back from the dead-letter queue when it starts again.

mod moments;
use moments::Moments;

#[path = "../../engine/tests/amqp_support.rs"]
mod broker;
mod daemon;

use std::time::Duration;

use broker::{broker_wanted, oracle_on, prepare, settings, unique, Broker};
use daemon::{after_generated, assert_done, generate, start_on, take_all, Seen, AFTER_GENERATED};

#[test]
fn sigkill_at_random_moments_on_rabbitmq_decides_every_input_once() {
    if !broker_wanted("sigkill_at_random_moments_on_rabbitmq_decides_every_input_once") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let inputs = generate(&tmp.path().join("stream"), 1000, 23);
    assert!(
        inputs.len() > 3000,
        "only {} messages generated",
        inputs.len()
    );
    let want = oracle_on(&inputs, after_generated());
    for key in ["ggk.wmo306", "cak.wmo405", "backoffice.wmo305", "rejected"] {
        assert!(want.iter().any(|w| w.destination == key), "no {key} output");
    }

    let mut broker = Broker::connect();
    let settings = iwmo_engine::amqp::AmqpSettings {
        delivery_limit: 2,
        ..settings("daemon-crash")
    };
    let out = unique("daemon-crash-out");
    broker.clean_up(&settings, &[&out]);
    prepare(&broker, &settings, &out);
    for (name, bytes) in &inputs {
        broker.publish(&settings.input_queue, Some(name), bytes);
    }

    let data = tmp.path().join("data");
    let mut moments = Moments(0xD1B5_4A32_D192_ED03);
    let mut seen = Seen::default();
    let mut kills = 0;
    let mut dead_after_kills = Vec::new();
    for _ in 0..10 {
        let mut engine = start_on(&data, &settings, &[], AFTER_GENERATED);
        engine.wait_healthy(Duration::from_secs(60));
        // Between 0 and 1.5 s of work: during a batch, a commit, an acknowledgement or a
        // publish. A run may take at most a third of what waits, so that a fast engine still
        // meets several kills before the queue is empty.
        let budget = Duration::from_secs_f64(1.5 * moments.next_fraction());
        let waiting = broker.count(&settings.input_queue);
        let started = std::time::Instant::now();
        while started.elapsed() < budget && broker.count(&settings.input_queue) * 3 > waiting * 2 {
            std::thread::sleep(Duration::from_millis(10));
        }
        if broker.count(&settings.input_queue) == 0 {
            engine.kill();
            kills += 1;
            break;
        }
        engine.kill();
        kills += 1;
        seen.take(&broker, &out);
        dead_after_kills.push(broker.count(&settings.dead_letter_queue));
    }
    assert!(kills >= 5, "only {kills} kills");

    // The last run, to the end.
    let mut engine = start_on(&data, &settings, &[], AFTER_GENERATED);
    engine.wait_healthy(Duration::from_secs(60));
    take_all(
        &mut seen,
        &want,
        &broker,
        &out,
        &settings,
        &engine,
        Duration::from_secs(300),
    );
    let recovered = engine.metric("iwmo_recovered_total");
    let (status, summary) = engine.stop();
    assert!(status.success(), "exit {status}");
    seen.take(&broker, &out);

    assert_done(&seen, &want, &broker, &settings, &data, &inputs);
    eprintln!(
        "{} inputs, {} outputs ({} received with repeats), {kills} kills, dead letters after each kill {dead_after_kills:?}, last run took back {recovered} dead letters; last summary {}",
        inputs.len(),
        want.len(),
        seen.in_order.len(),
        summary.trim()
    );
}
