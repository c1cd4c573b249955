//! [`declare_topology`]: the exchanges and queues the engine needs, declared at every start
//! (declaring what exists with the same arguments changes nothing).

use lapin::options::{ExchangeDeclareOptions, QueueBindOptions, QueueDeclareOptions};
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};
use lapin::{Channel, ExchangeKind};

use super::error::AmqpError;
use super::settings::AmqpSettings;

/// A queue or exchange name from the settings, checked (AMQP names are at most 255 bytes).
pub(crate) fn name(setting: &'static str, value: &str) -> Result<ShortString, AmqpError> {
    if value.is_empty() {
        return Err(AmqpError::Settings {
            name: setting,
            detail: "the name is empty".into(),
        });
    }
    ShortString::try_new(value).map_err(|e| AmqpError::Settings {
        name: setting,
        detail: e.to_string(),
    })
}

/// The arguments of the input queue: a quorum queue that counts deliveries and, after
/// `delivery_limit` of them, dead-letters the message at least once (the message leaves the
/// input queue only when the dead-letter queue has confirmed it; RabbitMQ 3.10 requires
/// `x-overflow=reject-publish` for that strategy).
pub(crate) fn input_queue_arguments(settings: &AmqpSettings) -> FieldTable {
    let mut args = FieldTable::default();
    args.insert(
        "x-queue-type".into(),
        AMQPValue::LongString(LongString::from("quorum")),
    );
    args.insert(
        "x-delivery-limit".into(),
        AMQPValue::LongLongInt(i64::from(settings.delivery_limit)),
    );
    args.insert(
        "x-dead-letter-exchange".into(),
        AMQPValue::LongString(LongString::from(settings.dead_letter_exchange.as_str())),
    );
    args.insert(
        "x-dead-letter-strategy".into(),
        AMQPValue::LongString(LongString::from("at-least-once")),
    );
    args.insert(
        "x-overflow".into(),
        AMQPValue::LongString(LongString::from("reject-publish")),
    );
    args
}

/// Declares, durable: the dead-letter exchange (fanout) and its queue (quorum); the topic
/// exchange for outputs; and the input queue (quorum, with the delivery limit and the
/// dead-letter exchange, at-least-once dead-lettering). An existing queue declared with other
/// arguments makes the broker refuse ([`AmqpError::Topology`]): change it with a policy or
/// delete it, the engine never deletes queues.
///
/// Output queues are not the engine's: whoever consumes `ggk.*`, `cak.*`, … binds a queue to
/// the output exchange. Until then outputs are returned as unroutable and stay pending.
pub async fn declare_topology(channel: &Channel, settings: &AmqpSettings) -> Result<(), AmqpError> {
    let dead_exchange = name("dead_letter_exchange", &settings.dead_letter_exchange)?;
    let dead_queue = name("dead_letter_queue", &settings.dead_letter_queue)?;
    let output = name("output_exchange", &settings.output_exchange)?;
    let input = name("input_queue", &settings.input_queue)?;
    let durable_exchange = ExchangeDeclareOptions {
        durable: true,
        ..ExchangeDeclareOptions::default()
    };
    let durable_queue = QueueDeclareOptions {
        durable: true,
        ..QueueDeclareOptions::default()
    };
    channel
        .exchange_declare(
            dead_exchange.clone(),
            ExchangeKind::Fanout,
            durable_exchange,
            FieldTable::default(),
        )
        .await
        .map_err(AmqpError::topology(format!(
            "the dead-letter exchange {dead_exchange}"
        )))?;
    let mut quorum = FieldTable::default();
    quorum.insert(
        "x-queue-type".into(),
        AMQPValue::LongString(LongString::from("quorum")),
    );
    channel
        .queue_declare(dead_queue.clone(), durable_queue, quorum)
        .await
        .map_err(AmqpError::topology(format!(
            "the dead-letter queue {dead_queue}"
        )))?;
    channel
        .queue_bind(
            dead_queue.clone(),
            dead_exchange.clone(),
            "".into(),
            QueueBindOptions::default(),
            FieldTable::default(),
        )
        .await
        .map_err(AmqpError::topology(format!(
            "the binding of {dead_queue} to {dead_exchange}"
        )))?;
    channel
        .exchange_declare(
            output.clone(),
            ExchangeKind::Topic,
            durable_exchange,
            FieldTable::default(),
        )
        .await
        .map_err(AmqpError::topology(format!("the output exchange {output}")))?;
    channel
        .queue_declare(
            input.clone(),
            durable_queue,
            input_queue_arguments(settings),
        )
        .await
        .map_err(AmqpError::topology(format!("the input queue {input}")))?;
    Ok(())
}
