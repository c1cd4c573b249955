//! Poison through the binary: garbage, a DOCTYPE with an entity and XML in an unknown
//! namespace end as `rejected` reports, an oversized body in the dead-letter queue with its
//! reason; the engine keeps running and decides the valid message after them; `/healthz`
//! answers 200 and `/metrics` counts all of it; the admin endpoint survives bad requests.

#[path = "../../engine/tests/amqp_support.rs"]
mod broker;
mod daemon;

use std::time::{Duration, Instant};

use broker::{broker_wanted, got_per_key, oracle, prepare, rows_per_key, settings, unique, Broker};
use daemon::{http, start, Seen};
use iwmo_engine::amqp::REASON_HEADER;

/// The sum of a metric's series whose labels contain `labels`.
fn sum(metrics: &str, name: &str, labels: &str) -> f64 {
    metrics
        .lines()
        .filter(|l| l.starts_with(name) && l.contains(labels))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

#[test]
fn poison_is_rejected_or_dead_lettered_and_the_daemon_stays_healthy() {
    if !broker_wanted("poison_is_rejected_or_dead_lettered_and_the_daemon_stays_healthy") {
        return;
    }
    let mut broker = Broker::connect();
    let settings = iwmo_engine::amqp::AmqpSettings {
        max_input_bytes: 64 * 1024,
        ..settings("daemon-poison")
    };
    let out = unique("daemon-poison-out");
    broker.clean_up(&settings, &[&out]);
    prepare(&broker, &settings, &out);

    let valid = broker::valid_message();
    let oversized = broker::oversized();
    let mut decided = broker::poison();
    decided.push(("valid-after".into(), valid.clone()));
    for (name, bytes) in &decided[..3] {
        broker.publish(&settings.input_queue, Some(name), bytes);
    }
    broker.publish(&settings.input_queue, Some("oversized"), &oversized);
    broker.publish(&settings.input_queue, Some("valid-after"), &valid);
    let want = oracle(&decided);

    let tmp = tempfile::tempdir().unwrap();
    let mut engine = start(&tmp.path().join("data"), &settings, &[]);
    engine.wait_healthy(Duration::from_secs(60));
    let mut seen = Seen::default();
    let started = Instant::now();
    while (seen.in_order.len() < want.len() || broker.count(&settings.dead_letter_queue) < 1)
        && started.elapsed() < Duration::from_secs(60)
    {
        seen.take(&broker, &out);
    }

    // Still healthy, and the endpoint shrugs off what is not GET /healthz or /metrics.
    assert_eq!(engine.get("/healthz"), Some((200, "ok\n".to_string())));
    for (request, status) in [
        ("POST /metrics HTTP/1.1\r\n\r\n", 404),
        ("GET /admin HTTP/1.1\r\n\r\n", 404),
        ("DELETE /healthz HTTP/1.1\r\n\r\n", 404),
        ("\u{1}\u{2}garbage\r\n\r\n", 400),
        ("GET /metrics\r\n\r\n", 400),
    ] {
        assert_eq!(
            http(engine.admin, request).map(|r| r.0),
            Some(status),
            "{request:?}"
        );
    }
    // A request line longer than the head the endpoint reads: not a request it understands.
    let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(20_000));
    assert_eq!(http(engine.admin, &long).map(|r| r.0), Some(400));
    // A client that connects and says nothing holds the endpoint for its read timeout only.
    let idle = std::net::TcpStream::connect(engine.admin).unwrap();
    assert_eq!(engine.get("/healthz"), Some((200, "ok\n".to_string())));
    drop(idle);

    let (_, metrics) = engine.get("/metrics").unwrap();
    assert_eq!(
        sum(
            &metrics,
            "iwmo_inputs_total{",
            "verdict=\"level1-rejected\""
        ),
        3.0,
        "{metrics}"
    );
    assert_eq!(sum(&metrics, "iwmo_inputs_total{", ""), 4.0, "{metrics}");
    assert_eq!(
        sum(
            &metrics,
            "iwmo_dead_lettered_total{",
            "reason=\"too-large\""
        ),
        1.0,
        "{metrics}"
    );
    assert_eq!(
        sum(&metrics, "iwmo_outputs_total{", "destination=\"rejected\""),
        3.0,
        "{metrics}"
    );
    assert_eq!(
        sum(&metrics, "iwmo_outputs_delivered_total", ""),
        want.len() as f64,
        "{metrics}"
    );
    assert_eq!(sum(&metrics, "iwmo_outbox_depth", ""), 0.0, "{metrics}");
    assert!(
        sum(&metrics, "iwmo_commit_seconds_count", "") >= 1.0,
        "{metrics}"
    );
    assert_eq!(sum(&metrics, "iwmo_up", ""), 1.0, "{metrics}");

    let (status, summary) = engine.stop();
    assert!(status.success(), "exit {status}");
    let summary: serde_json::Value = serde_json::from_str(summary.trim()).unwrap();
    assert_eq!(summary["handled"]["inputs"], 4);
    assert_eq!(summary["dead_lettered"]["too-large"], 1);

    // Decided: exactly the engine's outputs, the three reports and the valid message's.
    assert_eq!(got_per_key(&seen.in_order), rows_per_key(&want));
    let reports: Vec<serde_json::Value> = seen
        .in_order
        .iter()
        .filter(|g| g.routing_key == "rejected")
        .map(|g| serde_json::from_slice(&g.body).unwrap())
        .collect();
    let names: Vec<&str> = reports
        .iter()
        .map(|r| r["input"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["not-xml", "doctype", "unknown-namespace"]);
    for report in &reports {
        assert!(!report["errors"].as_array().unwrap().is_empty(), "{report}");
    }
    // Too large: in the dead-letter queue, whole, with its reason.
    let dead = broker.drain(&settings.dead_letter_queue);
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].message_id.as_deref(), Some("oversized"));
    assert_eq!(dead[0].body, oversized);
    let reason = dead[0].header(REASON_HEADER).expect("the reason header");
    assert!(reason.starts_with("too large: 71684 bytes"), "{reason}");
    assert_eq!(broker.count(&settings.input_queue), 0);
}
