//! [`AmqpError`]: what can go wrong at the broker edge of the engine.

use crate::error::EngineError;

/// What went wrong talking to RabbitMQ, or in the engine behind it. Bad input is never an
/// error: it is decided (level 1 rejects it) or dead-lettered.
#[derive(Debug, thiserror::Error)]
pub enum AmqpError {
    /// No connection to the broker (the URL is shown masked).
    #[error("cannot connect to RabbitMQ at {url}: {source}")]
    Connect {
        /// The URL, its password masked.
        url: String,
        /// Why.
        source: lapin::Error,
    },
    /// Declaring the topology failed: an exchange or queue of that name exists with other
    /// arguments, or the user may not declare it.
    #[error("cannot declare {what}: {source}")]
    Topology {
        /// The exchange, queue or binding.
        what: String,
        /// Why.
        source: lapin::Error,
    },
    /// A channel operation failed (the connection or channel was lost, mostly).
    #[error("cannot {what}: {source}")]
    Broker {
        /// What was being done: "consume iwmo.input", "acknowledge a batch".
        what: String,
        /// Why.
        source: lapin::Error,
    },
    /// The connection or channel was closed while acknowledging or consuming.
    #[error("the channel was closed while trying to {what}")]
    ChannelClosed {
        /// What was being done.
        what: String,
    },
    /// The broker (or the connection to it) did not answer in time; the connection is
    /// treated as lost.
    #[error("no answer from RabbitMQ within {seconds} s while trying to {what}")]
    Timeout {
        /// What was being done.
        what: String,
        /// How long was waited.
        seconds: u64,
    },
    /// The broker refused to take a message (`basic.nack`); it stays pending and is published
    /// again, with the same id, later.
    #[error("RabbitMQ refused message {id} (basic.nack); it stays pending")]
    Nacked {
        /// The message id.
        id: String,
    },
    /// A message was returned as unroutable (no queue is bound for its routing key); it stays
    /// pending and is published again, with the same id, later.
    #[error("message {id} with routing key {routing_key} reaches no queue on exchange {exchange} ({reply}); bind a queue for it; it stays pending")]
    Unroutable {
        /// The message id.
        id: String,
        /// Its routing key.
        routing_key: String,
        /// The exchange it was published to.
        exchange: String,
        /// The broker's reply (`312 NO_ROUTE`).
        reply: String,
    },
    /// An output cannot be expressed in AMQP (an id, routing key or header name longer than
    /// 255 bytes). The engine's ids and routing keys are short; this is a bug, not bad input.
    #[error("output {id} cannot be published: {detail}")]
    Unpublishable {
        /// The message id.
        id: String,
        /// What does not fit.
        detail: String,
    },
    /// A setting cannot be used.
    #[error("the AMQP setting {name} cannot be used: {detail}")]
    Settings {
        /// The setting.
        name: &'static str,
        /// Why.
        detail: String,
    },
    /// The async runtime could not be started.
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    /// The engine failed (the store, mostly): the run stops.
    #[error(transparent)]
    Engine(#[from] EngineError),
}

impl AmqpError {
    /// Whether a new connection may get past it: a lost connection or channel, a refused or
    /// returned publish. Not: settings, a topology the broker refuses, the engine's own errors.
    pub fn is_transient(&self) -> bool {
        match self {
            AmqpError::Connect { .. }
            | AmqpError::Broker { .. }
            | AmqpError::ChannelClosed { .. }
            | AmqpError::Timeout { .. }
            | AmqpError::Nacked { .. }
            | AmqpError::Unroutable { .. } => true,
            AmqpError::Topology { source, .. } => !source.is_amqp_error(),
            AmqpError::Unpublishable { .. }
            | AmqpError::Settings { .. }
            | AmqpError::Runtime(_)
            | AmqpError::Engine(_) => false,
        }
    }

    pub(crate) fn broker(what: impl Into<String>) -> impl FnOnce(lapin::Error) -> AmqpError {
        let what = what.into();
        move |source| AmqpError::Broker { what, source }
    }

    pub(crate) fn topology(what: impl Into<String>) -> impl FnOnce(lapin::Error) -> AmqpError {
        let what = what.into();
        move |source| AmqpError::Topology { what, source }
    }

    /// The engine error a [`Sink`](crate::Sink) returns for this one (the engine's error type
    /// has no broker variant: an I/O error naming the exchange, with this error's text). The
    /// sink keeps the typed error for the run loop.
    pub(crate) fn to_engine(&self, exchange: &str) -> EngineError {
        EngineError::Io {
            what: "cannot publish to exchange",
            path: exchange.into(),
            source: std::io::Error::other(self.to_string()),
        }
    }
}
