//! A fixture stream through RabbitMQ: what reaches a queue bound to the output exchange is,
//! per routing key and in order, exactly the outbox of the same engine on a memory store;
//! and a stream that comes again (published twice, or decided before its acknowledgement)
//! changes nothing and publishes nothing new.

#[path = "amqp_support.rs"]
mod support;

use std::time::Duration;

use iwmo_engine::amqp::AmqpSettings;
use iwmo_engine::{Engine, Input, Naming};
use iwmo_store::{MemoryStore, RedbStore, Store};
use support::{
    broker_wanted, got_per_key, oracle, prepare, rows_per_key, run_until, settings, stream, today,
    unique, Broker,
};

const LIMIT: Duration = Duration::from_secs(60);

/// The decisions a store holds: one per distinct input, and one for the clock's review of the
/// day (every client reviewed at the first connect of a day, as directory mode does).
fn decisions(dir: &std::path::Path) -> u64 {
    RedbStore::open(dir).unwrap().stats().unwrap().decisions
}

/// The settings' topology with `out` bound to its output exchange (deleted when the broker
/// is dropped), and the delivery stream published to its input queue.
fn with_delivery_stream(settings: &AmqpSettings, out: &str) -> (Broker, Vec<(String, Vec<u8>)>) {
    let mut broker = Broker::connect();
    broker.clean_up(settings, &[out]);
    prepare(&broker, settings, out);
    let inputs = stream("delivery");
    for (name, bytes) in &inputs {
        broker.publish(&settings.input_queue, Some(name), bytes);
    }
    (broker, inputs)
}

#[test]
fn the_delivery_stream_through_rabbitmq_equals_the_engine_on_a_memory_store() {
    if !broker_wanted("the_delivery_stream_through_rabbitmq_equals_the_engine_on_a_memory_store") {
        return;
    }
    // Small batches, so the stream is decided over several group commits.
    let settings = AmqpSettings {
        batch: 4,
        ..settings("stream")
    };
    let out = unique("stream-out");
    let (broker, inputs) = with_delivery_stream(&settings, &out);
    let want = oracle(&inputs);
    assert!(want.len() > 10);

    let pipeline = support::pipeline();
    let dir = tempfile::tempdir().unwrap();
    let summary = run_until(
        &pipeline,
        RedbStore::open(dir.path()).unwrap(),
        &settings,
        LIMIT,
        |s| s.handled.inputs >= inputs.len(),
    );
    assert_eq!(summary.handled.inputs, inputs.len(), "{summary}");
    assert_eq!(summary.handled.duplicates, 0);
    assert_eq!(summary.published, want.len());
    assert!(summary.dead_lettered.is_empty());
    assert_eq!(summary.reconnects, 0);

    let got = broker.drain(&out);
    assert_eq!(got.len(), want.len());
    assert_eq!(got_per_key(&got), rows_per_key(&want));
    assert!(got.iter().all(|g| g.delivery_mode == Some(2)));
    assert_eq!(
        broker.count(&settings.input_queue),
        0,
        "every input acknowledged"
    );
    assert_eq!(broker.count(&settings.dead_letter_queue), 0);
    assert_eq!(decisions(dir.path()), inputs.len() as u64 + 1);
}

#[test]
fn a_stream_that_comes_again_changes_nothing() {
    if !broker_wanted("a_stream_that_comes_again_changes_nothing") {
        return;
    }
    let mut broker = Broker::connect();
    let settings = settings("again");
    let out = unique("again-out");
    broker.clean_up(&settings, &[&out]);
    prepare(&broker, &settings, &out);
    let inputs = stream("delivery");
    let want = oracle(&inputs);
    let pipeline = support::pipeline();
    let dir = tempfile::tempdir().unwrap();

    // First time: decided and published.
    for (name, bytes) in &inputs {
        broker.publish(&settings.input_queue, Some(name), bytes);
    }
    let first = run_until(
        &pipeline,
        RedbStore::open(dir.path()).unwrap(),
        &settings,
        LIMIT,
        |s| s.handled.inputs >= inputs.len(),
    );
    assert_eq!(first.published, want.len());
    let got = broker.drain(&out);
    assert_eq!(got_per_key(&got), rows_per_key(&want));
    let decided = decisions(dir.path());
    assert_eq!(decided, inputs.len() as u64 + 1);

    // Again, twice over, once under other message ids (a sender's retry) and once without
    // any: every input is answered from the store, nothing is decided or published again.
    for (name, bytes) in &inputs {
        broker.publish(&settings.input_queue, Some(&format!("retry-{name}")), bytes);
    }
    for (_, bytes) in &inputs {
        broker.publish(&settings.input_queue, None, bytes);
    }
    let second = run_until(
        &pipeline,
        RedbStore::open(dir.path()).unwrap(),
        &settings,
        LIMIT,
        |s| s.handled.inputs >= 2 * inputs.len(),
    );
    assert_eq!(second.handled.inputs, 2 * inputs.len(), "{second}");
    assert_eq!(second.handled.duplicates, 2 * inputs.len());
    assert_eq!(second.published, 0);
    assert!(broker.drain(&out).is_empty(), "no output published again");
    assert_eq!(decisions(dir.path()), decided);
    assert_eq!(broker.count(&settings.input_queue), 0);
}

#[test]
fn inputs_committed_but_never_acknowledged_are_published_once() {
    if !broker_wanted("inputs_committed_but_never_acknowledged_are_published_once") {
        return;
    }
    let mut broker = Broker::connect();
    let settings = settings("unacked");
    let out = unique("unacked-out");
    broker.clean_up(&settings, &[&out]);
    prepare(&broker, &settings, &out);
    let inputs = stream("delivery");
    let want = oracle(&inputs);
    let pipeline = support::pipeline();
    let dir = tempfile::tempdir().unwrap();

    // An engine that committed the whole stream and died before acknowledging or publishing
    // anything: the inputs are still in the queue, the outputs pending in the store.
    {
        let mut engine = Engine::open(
            &pipeline,
            RedbStore::open(dir.path()).unwrap(),
            Naming::ById,
        )
        .unwrap();
        engine
            .handle(
                inputs
                    .iter()
                    .map(|(name, bytes)| Input {
                        name: name.clone(),
                        bytes: bytes.clone(),
                        received: today(),
                    })
                    .collect(),
            )
            .unwrap();
        assert_eq!(
            engine.store().pending_outbox(usize::MAX).unwrap().len(),
            want.len()
        );
    }
    for (name, bytes) in &inputs {
        broker.publish(&settings.input_queue, Some(name), bytes);
    }
    let summary = run_until(
        &pipeline,
        RedbStore::open(dir.path()).unwrap(),
        &settings,
        LIMIT,
        |s| s.handled.inputs >= inputs.len(),
    );
    assert_eq!(summary.handled.duplicates, inputs.len(), "{summary}");
    assert_eq!(summary.published, want.len(), "the pending outbox, once");
    let got = broker.drain(&out);
    assert_eq!(got.len(), want.len());
    assert_eq!(got_per_key(&got), rows_per_key(&want));
    assert_eq!(decisions(dir.path()), inputs.len() as u64 + 1);
}

#[test]
fn a_stop_finishes_the_batch_in_hand_and_leaves_the_rest_queued() {
    if !broker_wanted("a_stop_finishes_the_batch_in_hand_and_leaves_the_rest_queued") {
        return;
    }
    let settings = AmqpSettings {
        batch: 5,
        // Long enough that the first batch is full, whatever the timing.
        batch_wait_ms: 2000,
        ..settings("stop")
    };
    let out = unique("stop-out");
    let (broker, inputs) = with_delivery_stream(&settings, &out);
    let pipeline = support::pipeline();
    // Stop as soon as one batch is done (not at the day's review, which comes first).
    let summary = run_until(&pipeline, MemoryStore::new(), &settings, LIMIT, |s| {
        s.handled.inputs > 0
    });
    assert_eq!(summary.handled.inputs, 5, "{summary}");
    // Its outputs are out, exactly those of the first five inputs; the rest is back in the
    // queue, unacknowledged, for the next run; the engine's connection is gone.
    let want = oracle(&inputs[..5]);
    assert_eq!(summary.published, want.len());
    let got = broker.drain(&out);
    assert_eq!(got_per_key(&got), rows_per_key(&want));
    assert_eq!(
        broker.wait_for(&settings.input_queue, 7, Duration::from_secs(10)),
        7
    );
    assert_eq!(broker.consumers(&settings.input_queue), 0);
}

#[test]
fn the_last_batch_is_published_without_waiting_for_more_input() {
    if !broker_wanted("the_last_batch_is_published_without_waiting_for_more_input") {
        return;
    }
    // A batch's outputs go out while the next batch is decided; the last batch has no next
    // one, and its outputs must still go out while the engine idles, not only at the stop.
    let settings = AmqpSettings {
        batch: 4,
        ..settings("idle")
    };
    let out = unique("idle-out");
    let (broker, inputs) = with_delivery_stream(&settings, &out);
    let want = oracle(&inputs);
    let pipeline = support::pipeline();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (seen_running, summary) = std::thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            let seen = broker.wait_for(&out, want.len() as u32, Duration::from_secs(30));
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
            seen
        });
        let summary = iwmo_engine::amqp::run_amqp(
            &pipeline,
            MemoryStore::new(),
            &settings,
            &today,
            &stop,
            &mut |_| {},
        );
        (watcher.join().unwrap(), summary.unwrap())
    });
    assert_eq!(
        seen_running,
        want.len() as u32,
        "outputs out before the stop"
    );
    assert_eq!(summary.handled.inputs, inputs.len(), "{summary}");
    assert_eq!(summary.published, want.len());
    let got = broker.drain(&out);
    assert_eq!(got_per_key(&got), rows_per_key(&want));
}
