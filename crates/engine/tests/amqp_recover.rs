//! Taking back inputs the input queue dead-lettered at their delivery limit: each crash of the
//! engine counts as a delivery of every input it held, so inputs that were never decided can
//! reach the limit. At start the engine decides those (and only those) from the dead-letter
//! queue: a rejected dead letter, the engine's own (`x-iwmo-reason`) and one taken back too
//! often already stay where they are.

#[path = "amqp_support.rs"]
mod support;

use std::time::{Duration, Instant};

use iwmo_engine::amqp::{AmqpSettings, REASON_HEADER};
use iwmo_store::MemoryStore;
use lapin::options::{BasicGetOptions, BasicNackOptions, BasicPublishOptions, BasicRejectOptions};
use lapin::BasicProperties;
use support::{
    broker_wanted, got_per_key, oracle, prepare, rows_per_key, run_until, settings, text_headers,
    unique, Broker,
};

/// Takes the head of `queue` and returns it unacknowledged (`requeue`) or dead-letters it.
fn bounce(broker: &Broker, queue: &str, requeue: bool) -> bool {
    broker.rt.block_on(async {
        let Some(got) = broker
            .channel
            .basic_get(queue.into(), BasicGetOptions::default())
            .await
            .unwrap()
        else {
            return false;
        };
        if requeue {
            got.delivery
                .acker
                .nack(BasicNackOptions {
                    requeue: true,
                    multiple: false,
                })
                .await
                .unwrap();
        } else {
            got.delivery
                .acker
                .reject(BasicRejectOptions { requeue: false })
                .await
                .unwrap();
        }
        true
    })
}

/// Redelivers the head of the input queue until the queue dead-letters it.
fn spend(broker: &Broker, settings: &AmqpSettings, dead_before: u32) {
    let start = Instant::now();
    while broker.count(&settings.dead_letter_queue) == dead_before {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "never dead-lettered"
        );
        bounce(broker, &settings.input_queue, true);
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn inputs_dead_lettered_at_their_delivery_limit_are_taken_back_and_decided() {
    if !broker_wanted("inputs_dead_lettered_at_their_delivery_limit_are_taken_back_and_decided") {
        return;
    }
    let mut broker = Broker::connect();
    let settings = AmqpSettings {
        delivery_limit: 1,
        ..settings("recover")
    };
    let out = unique("recover-out");
    broker.clean_up(&settings, &[&out]);
    prepare(&broker, &settings, &out);
    let valid = support::valid_message();
    let other = support::fixture("fixtures/messages/wmo315-vot-begeleiding-huisarts.xml");

    // 1. Spent, then taken back from the dead-letter queue and crashed on five times: left.
    broker.publish(&settings.input_queue, Some("crashed-on"), &other);
    spend(&broker, &settings, 0);
    for _ in 0..5 {
        assert!(bounce(&broker, &settings.dead_letter_queue, true));
    }
    // 2. Rejected by a consumer (not the delivery limit): left.
    broker.publish(&settings.input_queue, Some("rejected"), b"<rejected/>");
    bounce(&broker, &settings.input_queue, false);
    // 3. The engine's own dead letter: left.
    broker.rt.block_on(async {
        broker
            .channel
            .basic_publish(
                settings.dead_letter_exchange.as_str().into(),
                "".into(),
                BasicPublishOptions::default(),
                b"too large",
                BasicProperties::default()
                    .with_message_id("too-large".into())
                    .with_headers(text_headers(&[(REASON_HEADER, "too large: 1 bytes")])),
            )
            .await
            .unwrap()
            .await
            .unwrap();
    });
    // 4. Spent: taken back.
    assert_eq!(
        broker.wait_for(&settings.dead_letter_queue, 3, Duration::from_secs(10)),
        3
    );
    broker.publish(&settings.input_queue, Some("spent"), &valid);
    spend(&broker, &settings, 3);
    assert_eq!(broker.count(&settings.input_queue), 0);

    let pipeline = support::pipeline();
    let summary = run_until(
        &pipeline,
        MemoryStore::new(),
        &settings,
        Duration::from_secs(60),
        |s| s.handled.inputs >= 1,
    );
    assert_eq!(summary.recovered, 1, "{summary}");
    assert_eq!(summary.handled.inputs, 1);
    assert_eq!(summary.handled.duplicates, 0);
    let want = oracle(&[("spent".to_string(), valid)]);
    assert_eq!(summary.published, want.len());
    assert_eq!(got_per_key(&broker.drain(&out)), rows_per_key(&want));

    // The three others are back in the dead-letter queue, untouched.
    let left = broker.drain(&settings.dead_letter_queue);
    let mut ids: Vec<_> = left
        .iter()
        .map(|g| g.message_id.clone().unwrap_or_default())
        .collect();
    ids.sort();
    assert_eq!(ids, ["crashed-on", "rejected", "too-large"]);
    assert_eq!(broker.count(&settings.input_queue), 0);
}
