//! `AmqpSink` on the real broker: every row published persistent with its id, routing key and
//! headers, confirmed; an unroutable row is an error and the outbox keeps every row of the
//! delivery pending until a queue is bound for it.

#[path = "amqp_support.rs"]
mod support;

use iwmo_engine::amqp::AmqpError;
use iwmo_engine::{Engine, Input, Naming, Sink};
use iwmo_store::{MemoryStore, Store};
use support::{broker_wanted, open_sink, oracle, settings, stream, today, unique, Broker};

#[test]
fn delivered_rows_are_confirmed_persistent_and_complete() {
    if !broker_wanted("delivered_rows_are_confirmed_persistent_and_complete") {
        return;
    }
    let mut broker = Broker::connect();
    let settings = settings("sink");
    let out = unique("sink-out");
    broker.clean_up(&settings, &[&out]);
    let mut sink = open_sink(&broker, &settings);
    broker.bind_queue(&out, &settings.output_exchange, "#");

    let rows = oracle(&stream("delivery"));
    assert!(rows.len() > 10, "{} rows", rows.len());
    sink.deliver(&rows).unwrap();
    assert!(sink.take_error().is_none());

    let got = broker.drain(&out);
    assert_eq!(got.len(), rows.len());
    for (row, got) in rows.iter().zip(&got) {
        assert_eq!(got.routing_key, row.destination);
        assert_eq!(got.message_id.as_deref(), Some(row.id.as_str()));
        assert_eq!(got.delivery_mode, Some(2), "persistent");
        assert_eq!(got.body, row.payload);
        for (k, v) in &row.headers {
            assert_eq!(got.header(k), Some(v.as_str()), "header {k}");
        }
    }
    let keys: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.destination.as_str()).collect();
    assert!(
        keys.contains("rejected") && keys.iter().any(|k| k.starts_with("ggk.")),
        "{keys:?}"
    );
}

#[test]
fn an_unroutable_row_fails_the_delivery_and_stays_pending() {
    if !broker_wanted("an_unroutable_row_fails_the_delivery_and_stays_pending") {
        return;
    }
    let mut broker = Broker::connect();
    let settings = settings("sink-unroutable");
    let out = unique("sink-unroutable-out");
    broker.clean_up(&settings, &[&out]);
    let mut sink = open_sink(&broker, &settings);
    // Only the GGk has a queue: the back office's and the `rejected` outputs reach none.
    broker.bind_queue(&out, &settings.output_exchange, "ggk.#");

    let pipeline = support::pipeline();
    let mut engine = Engine::open(&pipeline, MemoryStore::new(), Naming::ById).unwrap();
    engine
        .handle(
            stream("delivery")
                .into_iter()
                .map(|(name, bytes)| Input {
                    name,
                    bytes,
                    received: today(),
                })
                .collect(),
        )
        .unwrap();
    let pending = engine.store().pending_outbox(usize::MAX).unwrap();
    assert!(pending.iter().any(|p| p.row.destination == "rejected"));

    let err = engine.flush_outbox(&mut sink, 4096).unwrap_err();
    match sink.take_error() {
        Some(e @ AmqpError::Unroutable { .. }) => {
            assert!(e.is_transient());
            let AmqpError::Unroutable { routing_key, .. } = &e else {
                unreachable!()
            };
            assert!(!routing_key.starts_with("ggk."), "{e}");
            assert!(e.to_string().contains("NO_ROUTE"), "{e}");
        }
        other => panic!("expected an unroutable row, got {other:?} ({err})"),
    }
    assert_eq!(
        engine.store().pending_outbox(usize::MAX).unwrap(),
        pending,
        "nothing of a failed delivery is marked sent"
    );

    // A queue for everything: the same rows go out with the same ids, and are marked sent.
    broker.bind_queue(&out, &settings.output_exchange, "#");
    assert_eq!(engine.flush_outbox(&mut sink, 4096).unwrap(), pending.len());
    assert!(engine.store().pending_outbox(10).unwrap().is_empty());
    let got = broker.drain(&out);
    let last: Vec<_> = got[got.len() - pending.len()..]
        .iter()
        .map(|g| g.message_id.clone().unwrap())
        .collect();
    let want: Vec<_> = pending.iter().map(|p| p.row.id.to_string()).collect();
    assert_eq!(last, want);
}
