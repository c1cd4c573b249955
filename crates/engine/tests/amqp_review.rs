//! The daemon on RabbitMQ reviews every client once per day of its clock, as directory mode
//! does: a stream decided on one day, then the engine started on a later day, publishes the
//! missing-start, no-care and missing-stop signals of that day, exactly those an engine on a
//! memory store raises, and a restart on the same day publishes nothing again.

#[path = "amqp_support.rs"]
mod support;

use std::time::Duration;

use chrono::NaiveDate;
use iwmo_engine::{Engine, Input, Naming};
use iwmo_store::{MemoryStore, RedbStore, Store};
use support::{broker_wanted, got_per_key, prepare, rows_per_key, run_until_on, settings, unique};

const LIMIT: Duration = Duration::from_secs(60);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_later_day_publishes_that_days_review_once() {
    if !broker_wanted("a_later_day_publishes_that_days_review_once") {
        return;
    }
    let mut broker = support::Broker::connect();
    let settings = settings("review");
    let out = unique("review-out");
    broker.clean_up(&settings, &[&out]);
    prepare(&broker, &settings, &out);
    // The clock stream's messages, without its stream.toml: all received on one day.
    let inputs: Vec<(String, Vec<u8>)> = support::stream("clock")
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xml"))
        .collect();
    let (first_day, later) = (day(2026, 6, 22), day(2027, 1, 11));

    // The oracle: the same inputs, then the later day's review, on a memory store.
    let pipeline = support::pipeline();
    let mut oracle = Engine::open(&pipeline, MemoryStore::new(), Naming::ById).unwrap();
    oracle
        .handle(
            inputs
                .iter()
                .map(|(name, bytes)| Input {
                    name: name.clone(),
                    bytes: bytes.clone(),
                    received: first_day,
                })
                .collect(),
        )
        .unwrap();
    let before: Vec<iwmo_store::OutboxId> = oracle
        .store()
        .pending_outbox(10_000)
        .unwrap()
        .into_iter()
        .map(|p| p.row.id)
        .collect();
    oracle.review(later).unwrap();
    let want: Vec<_> = oracle
        .store()
        .pending_outbox(10_000)
        .unwrap()
        .into_iter()
        .map(|p| p.row)
        .filter(|r| !before.contains(&r.id))
        .collect();
    let kinds: Vec<&str> = want.iter().map(|r| r.destination.as_str()).collect();
    for kind in [
        "signals.missing-start",
        "signals.no-care",
        "signals.missing-stop",
    ] {
        assert!(kinds.contains(&kind), "{kind} not in {kinds:?}");
    }

    for (name, bytes) in &inputs {
        broker.publish(&settings.input_queue, Some(name), bytes);
    }
    let dir = tempfile::tempdir().unwrap();
    let first = run_until_on(
        &pipeline,
        RedbStore::open(dir.path()).unwrap(),
        &settings,
        first_day,
        LIMIT,
        |s| s.handled.inputs >= inputs.len(),
    );
    assert_eq!(first.handled.inputs, inputs.len());
    broker.drain(&out);

    // A later day: the review at connect publishes exactly the oracle's signals.
    let second = run_until_on(
        &pipeline,
        RedbStore::open(dir.path()).unwrap(),
        &settings,
        later,
        LIMIT,
        |s| s.handled.reviews >= 1,
    );
    assert_eq!(second.handled.reviews, 1, "{second}");
    assert_eq!(second.published, want.len());
    let got = broker.drain(&out);
    assert_eq!(got_per_key(&got), rows_per_key(&want));

    // Again on the same day (a restart): the day is reviewed already, nothing goes out.
    let third = run_until_on(
        &pipeline,
        RedbStore::open(dir.path()).unwrap(),
        &settings,
        later,
        Duration::from_secs(3),
        |_| false,
    );
    assert_eq!(third.handled.reviews, 0, "{third}");
    assert_eq!(third.published, 0);
    assert!(broker.drain(&out).is_empty());
    broker.clean_up(&settings, &[&out]);
}
