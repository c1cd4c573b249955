//! Poison on the input queue: garbage, a DOCTYPE with an entity, XML in an unknown namespace
//! and an empty body are decided by level 1 (their reports go out as `rejected`); a body over
//! the size cap goes to the dead-letter queue with its reason; a valid message published after
//! them is still decided, and nothing is left in the input queue.

#[path = "amqp_support.rs"]
mod support;

use std::time::Duration;

use iwmo_engine::amqp::{AmqpSettings, REASON_HEADER};
use iwmo_engine::Verdict;
use iwmo_store::MemoryStore;
use support::{
    broker_wanted, got_per_key, oracle, oversized, poison, prepare, rows_per_key, run_until,
    settings, unique, valid_message, Broker,
};

#[test]
fn poison_is_rejected_or_dead_lettered_and_the_queue_goes_on() {
    if !broker_wanted("poison_is_rejected_or_dead_lettered_and_the_queue_goes_on") {
        return;
    }
    let mut broker = Broker::connect();
    let settings = AmqpSettings {
        max_input_bytes: 64 * 1024,
        ..settings("poison")
    };
    let out = unique("poison-out");
    broker.clean_up(&settings, &[&out]);
    prepare(&broker, &settings, &out);

    let valid = valid_message();
    let oversized = oversized();
    // The first delivery on the fresh consumer channel has tag 1; it has no message id.
    let mut decided: Vec<(String, Vec<u8>)> = vec![("delivery-1".into(), Vec::new())];
    decided.extend(poison());
    decided.push(("valid-after".into(), valid.clone()));
    broker.publish(&settings.input_queue, None, &decided[0].1);
    for (name, bytes) in &decided[1..4] {
        broker.publish(&settings.input_queue, Some(name), bytes);
    }
    broker.publish(&settings.input_queue, Some("oversized"), &oversized);
    broker.publish(&settings.input_queue, Some("valid-after"), &valid);

    let pipeline = support::pipeline();
    let summary = run_until(
        &pipeline,
        MemoryStore::new(),
        &settings,
        Duration::from_secs(60),
        |s| s.handled.inputs + s.dead_lettered.values().sum::<usize>() >= 6,
    );
    assert_eq!(summary.handled.inputs, 5, "{summary}");
    assert_eq!(
        summary.handled.verdicts.get(&Verdict::Level1Rejected),
        Some(&4)
    );
    assert_eq!(summary.dead_lettered.get("too-large"), Some(&1));

    // Decided: exactly what the engine decides for the same inputs, the valid one included.
    let want = oracle(&decided);
    let got = broker.drain(&out);
    assert_eq!(got_per_key(&got), rows_per_key(&want));
    let rejected: Vec<serde_json::Value> = got
        .iter()
        .filter(|g| g.routing_key == "rejected")
        .map(|g| serde_json::from_slice(&g.body).unwrap())
        .collect();
    let names: Vec<&str> = rejected
        .iter()
        .map(|r| r["input"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["delivery-1", "not-xml", "doctype", "unknown-namespace"]
    );
    for report in &rejected {
        assert_eq!(report["level"], 1);
        assert!(!report["errors"].as_array().unwrap().is_empty(), "{report}");
    }
    let doctype = rejected[2]["errors"].to_string().to_lowercase();
    assert!(
        doctype.contains("doctype") || doctype.contains("dtd"),
        "{doctype}"
    );
    assert!(
        got.iter().any(|g| g.routing_key != "rejected"),
        "the valid message after the poison was decided: {:?}",
        got.iter().map(|g| &g.routing_key).collect::<Vec<_>>()
    );

    // Too large: dead-lettered whole, with the reason.
    let dead = broker.drain(&settings.dead_letter_queue);
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].message_id.as_deref(), Some("oversized"));
    assert_eq!(dead[0].body, oversized);
    assert_eq!(dead[0].delivery_mode, Some(2));
    let reason = dead[0].header(REASON_HEADER).expect("the reason header");
    assert!(reason.starts_with("too large: 71684 bytes"), "{reason}");
    assert_eq!(dead[0].header("x-iwmo-input"), Some("oversized"));
    assert_eq!(
        dead[0].header("x-iwmo-queue"),
        Some(settings.input_queue.as_str())
    );
    assert_eq!(broker.count(&settings.input_queue), 0);
}
