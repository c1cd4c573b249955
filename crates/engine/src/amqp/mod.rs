//! The RabbitMQ source and sink: the engine between an input queue and an output exchange.
//!
//! [`run_amqp`] is the daemon's loop (start reading there): it consumes the input queue with
//! manual acknowledgements, decides each batch of deliveries with the durable
//! [`Engine`](crate::Engine), acknowledges the batch only after its commit, and then publishes
//! the committed outputs through [`AmqpSink`] with publisher confirms. A redelivered input is
//! answered from the store and changes nothing; an output whose confirm did not come is
//! published again with the same `message_id`.
//!
//! [`declare_topology`] declares, at every (re)connect:
//!
//! - the input queue: durable, quorum, `x-delivery-limit` (default 5), dead-lettering to the
//!   dead-letter exchange *at least once* (`x-dead-letter-strategy=at-least-once` with
//!   `x-overflow=reject-publish`, which RabbitMQ 3.10 requires for it);
//! - the dead-letter exchange (fanout) and its durable quorum queue;
//! - the output exchange (durable, topic), routing keys `ggk.wmo306`, `cak.wmo405`,
//!   `backoffice.wmo305`, `signals.late-start`, `rejected`. Queues for outputs are their
//!   consumers' to bind; until one is bound for a routing key, its outputs stay pending.
//!
//! What happens to bad input: everything that fits the size cap goes to the engine, and level 1
//! decides what is not XML, not valid, carries a DOCTYPE or has an unknown namespace (its report
//! goes out as `rejected`, and the input is acknowledged). An input larger than
//! [`AmqpSettings::max_input_bytes`] is not decided: the engine publishes it to the
//! dead-letter exchange itself, with an `x-iwmo-reason` header ([`REASON_HEADER`]), and
//! acknowledges it once that publish is confirmed. Every delivery can be named (its
//! `message_id`, else `delivery-<tag>`), so nothing is refused for want of a name. A message the
//! engine fails on again and again (a store that cannot commit) is dead-lettered by the broker
//! after the delivery limit, with the broker's `x-death` header.
//!
//! A crash or a lost connection counts as a delivery of every input the engine held, so
//! crashes alone can push an undecided input over its delivery limit. At every (re)connect
//! (before consuming), and whenever the dead-letter queue changes while it runs, the engine
//! therefore takes such dead letters back and decides them (`Session::recover` in
//! `source.rs`).
//!
//! [`run_amqp_with`] is [`run_amqp`] feeding a [`Metrics`](crate::Metrics) registry and its
//! [`Health`](crate::Health).
//!
//! [`AmqpSettings`] names all of it; [`mask_url`] prints its URL without the password.

mod error;
mod settings;
mod sink;
mod source;
mod topology;
mod wait;

pub use error::AmqpError;
pub use settings::{mask_url, AmqpSettings};
pub use sink::AmqpSink;
pub use source::{run_amqp, run_amqp_with, AmqpSummary, REASON_HEADER};
pub use topology::declare_topology;
