//! [`AmqpSettings`]: where the broker is, the names of the topology, and how the consumer
//! batches; [`mask_url`] for printing a URL without its password.

use serde::{Deserialize, Serialize};

use super::error::AmqpError;
use super::topology::name;

/// How the engine talks to RabbitMQ. Every field has a default, so a config file names only
/// what differs.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AmqpSettings {
    /// The broker: `amqp://user:password@host:port/vhost` (the vhost URL-encoded, `%2f` for
    /// `/`), or `amqps://…` for TLS. Print it with [`mask_url`].
    pub url: String,
    /// The durable quorum queue the engine consumes.
    pub input_queue: String,
    /// The fanout exchange the input queue dead-letters into, and the engine's own dead
    /// letters (inputs it will not decide) go to.
    pub dead_letter_exchange: String,
    /// The durable queue bound to the dead-letter exchange.
    pub dead_letter_queue: String,
    /// The durable topic exchange outputs are published to, with the output's routing key
    /// (`ggk.wmo306`, `cak.wmo405`, `backoffice.wmo305`, `signals.late-start`, `rejected`).
    pub output_exchange: String,
    /// Redeliveries of one message before the input queue dead-letters it (`x-delivery-limit`;
    /// RabbitMQ 3.10 dead-letters it after the first delivery and this many more): a message
    /// that keeps the engine from committing (it comes again after every failure) ends in the
    /// dead-letter queue instead of blocking the queue forever.
    pub delivery_limit: u32,
    /// Unacknowledged deliveries the broker may send ahead (`basic.qos`); at least `batch`
    /// for full batches.
    pub prefetch: u16,
    /// Inputs per group commit.
    pub batch: usize,
    /// How long a partial batch waits for more deliveries, in milliseconds, once its first
    /// delivery is in.
    pub batch_wait_ms: u64,
    /// Inputs larger than this many bytes are not decided: they go to the dead-letter
    /// exchange with an `x-iwmo-reason` header (25 MB by default, OP179).
    pub max_input_bytes: u64,
    /// Threads that prepare inputs (XSD, reading, level 2); 0 is one per core.
    pub threads: usize,
}

impl Default for AmqpSettings {
    fn default() -> Self {
        let shared = crate::DirectoryOptions::default();
        AmqpSettings {
            url: "amqp://guest:guest@127.0.0.1:5672/%2f".into(),
            input_queue: "iwmo.input".into(),
            dead_letter_exchange: "iwmo.dead".into(),
            dead_letter_queue: "iwmo.dead".into(),
            output_exchange: "iwmo.output".into(),
            delivery_limit: 5,
            prefetch: 256,
            batch: shared.batch,
            batch_wait_ms: 20,
            max_input_bytes: shared.max_input_bytes,
            threads: 0,
        }
    }
}

impl AmqpSettings {
    /// Checks what can be checked without the broker: the URL parses, every name is a valid
    /// AMQP name (1 to 255 bytes), the batch, prefetch and size cap are not zero.
    pub fn validate(&self) -> Result<(), AmqpError> {
        self.uri()?;
        name("input_queue", &self.input_queue)?;
        name("dead_letter_exchange", &self.dead_letter_exchange)?;
        name("dead_letter_queue", &self.dead_letter_queue)?;
        name("output_exchange", &self.output_exchange)?;
        for (setting, value) in [
            ("batch", self.batch as u64),
            ("prefetch", u64::from(self.prefetch)),
            ("max_input_bytes", self.max_input_bytes),
        ] {
            if value == 0 {
                return Err(AmqpError::Settings {
                    name: setting,
                    detail: "must be at least 1".into(),
                });
            }
        }
        Ok(())
    }

    /// The parsed URL. The parser's message can quote the URL: it is masked.
    pub(crate) fn uri(&self) -> Result<lapin::uri::AMQPUri, AmqpError> {
        self.url
            .parse::<lapin::uri::AMQPUri>()
            .map_err(|e| AmqpError::Settings {
                name: "url",
                detail: format!(
                    "{} does not parse: {}",
                    mask_url(&self.url),
                    e.replace(&self.url, &mask_url(&self.url))
                ),
            })
    }

    /// The same settings with the URL's password masked (for `iwmo config` and logs).
    pub fn masked(&self) -> AmqpSettings {
        AmqpSettings {
            url: mask_url(&self.url),
            ..self.clone()
        }
    }
}

/// Never shows the password: `Debug` prints the masked URL.
impl std::fmt::Debug for AmqpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AmqpSettings")
            .field("url", &mask_url(&self.url))
            .field("input_queue", &self.input_queue)
            .field("dead_letter_exchange", &self.dead_letter_exchange)
            .field("dead_letter_queue", &self.dead_letter_queue)
            .field("output_exchange", &self.output_exchange)
            .field("delivery_limit", &self.delivery_limit)
            .field("prefetch", &self.prefetch)
            .field("batch", &self.batch)
            .field("batch_wait_ms", &self.batch_wait_ms)
            .field("max_input_bytes", &self.max_input_bytes)
            .field("threads", &self.threads)
            .finish()
    }
}

/// The URL with its password replaced by `***`: `amqp://guest:***@127.0.0.1:5672/%2f`.
///
/// The user information is everything between `://` and the last `@`, so a password with a
/// raw `@` or `/` in it is masked whole (a vhost with a raw `@` is masked too: too much is
/// hidden rather than too little). A URL without a password is returned as it is.
pub fn mask_url(url: &str) -> String {
    let start = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[start..];
    let Some(at) = rest.rfind('@') else {
        return url.to_string();
    };
    let userinfo = &rest[..at];
    match userinfo.find(':') {
        Some(colon) => format!("{}{}:***{}", &url[..start], &userinfo[..colon], &rest[at..]),
        None => url.to_string(),
    }
}
