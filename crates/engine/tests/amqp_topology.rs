//! The topology on the real broker: declared twice without harm; a rejected input and one past
//! its delivery limit end in the dead-letter queue; a queue that exists with other arguments is
//! refused, and that is not an error a reconnect gets past.

#[path = "amqp_support.rs"]
mod support;

use std::time::{Duration, Instant};

use iwmo_engine::amqp::{declare_topology, AmqpError, AmqpSettings};
use lapin::options::{BasicGetOptions, BasicNackOptions, BasicRejectOptions};
use support::{broker_wanted, settings, Broker};

fn declare(broker: &Broker, settings: &AmqpSettings) -> Result<(), AmqpError> {
    broker.rt.block_on(async {
        let channel = broker.connection.create_channel().await.unwrap();
        declare_topology(&channel, settings).await
    })
}

#[test]
fn rejected_and_spent_inputs_are_dead_lettered() {
    if !broker_wanted("rejected_and_spent_inputs_are_dead_lettered") {
        return;
    }
    let mut broker = Broker::connect();
    let settings = settings("topology");
    broker.clean_up(&settings, &[]);
    declare(&broker, &settings).unwrap();
    declare(&broker, &settings).expect("declaring the same topology again changes nothing");

    // Rejected without requeue: dead-lettered with the broker's x-death header.
    broker.publish(&settings.input_queue, Some("reject-me"), b"<reject/>");
    broker.rt.block_on(async {
        let got = broker
            .channel
            .basic_get(
                settings.input_queue.as_str().into(),
                BasicGetOptions::default(),
            )
            .await
            .unwrap()
            .expect("the message just published");
        got.delivery
            .acker
            .reject(BasicRejectOptions { requeue: false })
            .await
            .unwrap();
    });
    assert_eq!(
        broker.wait_for(&settings.dead_letter_queue, 1, Duration::from_secs(10)),
        1
    );
    let dead = broker.drain(&settings.dead_letter_queue);
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].body, b"<reject/>");
    assert_eq!(dead[0].message_id.as_deref(), Some("reject-me"));
    let death = dead[0].header("x-death").expect("x-death header");
    assert!(death.contains("rejected"), "{death}");

    // Requeued again and again: after the delivery limit the queue dead-letters it.
    broker.publish(&settings.input_queue, Some("spent"), b"<spent/>");
    let mut deliveries = 0;
    let start = Instant::now();
    while broker.count(&settings.dead_letter_queue) == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "not dead-lettered after {deliveries} deliveries"
        );
        broker.rt.block_on(async {
            if let Some(got) = broker
                .channel
                .basic_get(
                    settings.input_queue.as_str().into(),
                    BasicGetOptions::default(),
                )
                .await
                .unwrap()
            {
                deliveries += 1;
                got.delivery
                    .acker
                    .nack(BasicNackOptions {
                        requeue: true,
                        multiple: false,
                    })
                    .await
                    .unwrap();
            }
        });
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        deliveries,
        settings.delivery_limit + 1,
        "x-delivery-limit counts redeliveries: the first delivery and `delivery_limit` more"
    );
    let dead = broker.drain(&settings.dead_letter_queue);
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].body, b"<spent/>");
    let death = dead[0].header("x-death").expect("x-death header");
    assert!(death.contains("delivery_limit"), "{death}");
    assert_eq!(broker.count(&settings.input_queue), 0);
}

#[test]
fn a_queue_with_other_arguments_is_refused() {
    if !broker_wanted("a_queue_with_other_arguments_is_refused") {
        return;
    }
    let mut broker = Broker::connect();
    let settings = settings("topology-args");
    broker.clean_up(&settings, &[]);
    declare(&broker, &settings).unwrap();
    let other = AmqpSettings {
        delivery_limit: settings.delivery_limit + 2,
        ..settings.clone()
    };
    match declare(&broker, &other) {
        Err(e @ AmqpError::Topology { .. }) => {
            assert!(!e.is_transient(), "{e}");
            let text = e.to_string();
            assert!(text.contains(&settings.input_queue), "{text}");
            assert!(
                text.contains("PRECONDITION_FAILED") || text.contains("inequivalent"),
                "{text}"
            );
        }
        other => panic!("expected a refused declaration, got {other:?}"),
    }
}
