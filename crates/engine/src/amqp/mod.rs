//! The RabbitMQ source and sink: the engine between an input queue and an output exchange.
//!
//! [`run_amqp`] consumes the input queue with manual acknowledgements, decides each batch of
//! deliveries with the durable [`Engine`](crate::Engine), acknowledges the batch only after its
//! commit, and then publishes the committed outputs through [`AmqpSink`] with publisher
//! confirms; a redelivered input is answered from the store and changes nothing.
//! [`declare_topology`] declares the queues and exchanges at start; [`AmqpSettings`] names
//! them.

mod error;
mod settings;
mod sink;
mod source;
mod topology;

pub use error::AmqpError;
pub use settings::{mask_url, AmqpSettings};
pub use sink::AmqpSink;
pub use source::{run_amqp, AmqpSummary, REASON_HEADER};
pub use topology::declare_topology;
