//! [`AmqpSink`]: the engine's [`Sink`] onto a RabbitMQ exchange, with publisher confirms.

use iwmo_store::OutboxRow;
use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};
use lapin::{BasicProperties, Channel, Confirmation, Connection};

use super::error::AmqpError;
use super::wait::on_channel;
use crate::durable::Sink;
use crate::error::EngineError;

/// How long one publish may wait for its confirm (a lost connection does not always fail the
/// wait: it is bounded, and then the connection counts as lost).
pub(crate) const CONFIRM_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Publishes outbox rows to an exchange: routing key = the row's destination, `mandatory`,
/// persistent (delivery mode 2), `message_id` = the row's id, the row's headers as text
/// headers, `content_type` `application/json` or `application/xml`. [`Sink::deliver`] returns
/// `Ok` only when the broker has confirmed every row of the call and returned none as
/// unroutable; otherwise the rows stay pending in the outbox and go out again, with the same
/// ids, on the next flush (a consumer drops duplicates by `message_id`).
///
/// `deliver` blocks on the async publisher: call it from a plain thread (as [`run_amqp`] does),
/// never from async code.
///
/// [`run_amqp`]: super::run_amqp
pub struct AmqpSink {
    channel: Channel,
    exchange: ShortString,
    runtime: tokio::runtime::Handle,
    last_error: Option<AmqpError>,
}

impl AmqpSink {
    /// A sink on a new channel of `connection`, publisher confirms on, publishing to
    /// `exchange`. Must be called inside the tokio runtime that drives the connection (the
    /// sink keeps a handle to it for [`Sink::deliver`]).
    pub async fn open(connection: &Connection, exchange: &str) -> Result<AmqpSink, AmqpError> {
        let exchange = super::topology::name("output_exchange", exchange)?;
        let channel = connection
            .create_channel()
            .await
            .map_err(AmqpError::broker("open the publishing channel"))?;
        channel
            .confirm_select(ConfirmSelectOptions::default())
            .await
            .map_err(AmqpError::broker("turn on publisher confirms"))?;
        Ok(AmqpSink {
            channel,
            exchange,
            runtime: tokio::runtime::Handle::current(),
            last_error: None,
        })
    }

    /// The publishing channel (confirms on).
    pub fn channel(&self) -> &Channel {
        &self.channel
    }

    /// Why the last [`Sink::deliver`] failed, typed (the engine's error type only carries its
    /// text); taken once.
    pub fn take_error(&mut self) -> Option<AmqpError> {
        self.last_error.take()
    }

    /// Publishes the rows on a task of the sink's runtime and waits there for every confirm,
    /// so that the caller can do other work (decide the next batch) meanwhile. The task hands
    /// the rows back once all are confirmed.
    pub(crate) fn publish_in_background(
        &self,
        rows: Vec<OutboxRow>,
    ) -> tokio::task::JoinHandle<Result<Vec<OutboxRow>, AmqpError>> {
        let sink = AmqpSink {
            channel: self.channel.clone(),
            exchange: self.exchange.clone(),
            runtime: self.runtime.clone(),
            last_error: None,
        };
        self.runtime
            .spawn(async move { sink.publish(&rows).await.map(|()| rows) })
    }

    /// Publishes the rows and waits for every confirm.
    pub async fn publish(&self, rows: &[OutboxRow]) -> Result<(), AmqpError> {
        let mut pending = Vec::with_capacity(rows.len());
        for row in rows {
            let routing_key = ShortString::try_new(row.destination.as_str()).map_err(|e| {
                AmqpError::Unpublishable {
                    id: row.id.to_string(),
                    detail: format!("routing key: {e}"),
                }
            })?;
            let properties = output_properties(row)?;
            let confirm = publish(
                &self.channel,
                self.exchange.clone(),
                routing_key,
                &row.payload,
                properties,
            )
            .await?;
            pending.push((row, confirm));
        }
        for (row, confirm) in pending {
            let confirmation = confirm.await.map_err(AmqpError::broker(format!(
                "wait for the confirm of {}",
                row.id
            )))?;
            check_confirmation(
                confirmation,
                row.id.as_str(),
                &row.destination,
                self.exchange.as_str(),
            )?;
        }
        Ok(())
    }
}

impl Sink for AmqpSink {
    fn deliver(&mut self, rows: &[OutboxRow]) -> Result<(), EngineError> {
        self.last_error = None;
        match self.runtime.block_on(self.publish(rows)) {
            Ok(()) => Ok(()),
            Err(e) => {
                let engine = e.to_engine(self.exchange.as_str());
                self.last_error = Some(e);
                Err(engine)
            }
        }
    }
}

/// The properties of an output: persistent, its id, its headers, its content type.
fn output_properties(row: &OutboxRow) -> Result<BasicProperties, AmqpError> {
    let unpublishable = |detail: String| AmqpError::Unpublishable {
        id: row.id.to_string(),
        detail,
    };
    let id = ShortString::try_new(row.id.as_str())
        .map_err(|e| unpublishable(format!("message id: {e}")))?;
    let mut headers = FieldTable::default();
    for (key, value) in &row.headers {
        let key = ShortString::try_new(key.as_str())
            .map_err(|e| unpublishable(format!("header name: {e}")))?;
        headers.insert(key, AMQPValue::LongString(LongString::from(value.as_str())));
    }
    let content_type = if row.payload.first() == Some(&b'{') {
        "application/json"
    } else {
        "application/xml"
    };
    Ok(BasicProperties::default()
        .with_delivery_mode(2)
        .with_message_id(id)
        .with_content_type(content_type.into())
        .with_headers(headers))
}

/// Publishes one message, `mandatory`, on a channel with confirms; the confirm is awaited by
/// the caller.
pub(crate) async fn publish(
    channel: &Channel,
    exchange: ShortString,
    routing_key: ShortString,
    body: &[u8],
    properties: BasicProperties,
) -> Result<lapin::PublisherConfirm, AmqpError> {
    let sent = channel.basic_publish(
        exchange.clone(),
        routing_key,
        BasicPublishOptions {
            mandatory: true,
            immediate: false,
        },
        body,
        properties,
    );
    let what = format!("publish to {exchange}");
    on_channel(channel, CONFIRM_TIMEOUT, &what, async {
        sent.await.map_err(AmqpError::broker(what.as_str()))
    })
    .await
}

/// `Ok` for an ack of a routed message; a returned (unroutable) or refused message is an error.
pub(crate) fn check_confirmation(
    confirmation: Confirmation,
    id: &str,
    routing_key: &str,
    exchange: &str,
) -> Result<(), AmqpError> {
    match confirmation {
        Confirmation::Ack(None) => Ok(()),
        // The returned message names itself: lapin may hand a return to another confirm of
        // the same `multiple` ack than the publish it belongs to (seen in a test: a routed
        // `ggk.` output got the return of an unroutable one).
        Confirmation::Ack(Some(returned)) => Err(AmqpError::Unroutable {
            id: returned
                .delivery
                .properties
                .message_id()
                .as_ref()
                .map_or_else(|| id.to_string(), |m| m.to_string()),
            routing_key: match returned.delivery.routing_key.as_str() {
                "" => routing_key.to_string(),
                returned_key => returned_key.to_string(),
            },
            exchange: exchange.to_string(),
            reply: format!("{} {}", returned.reply_code, returned.reply_text),
        }),
        // Not confirmed is not sent: a channel without confirms never reaches here (every
        // publishing channel of this module has them on), but if it did the row stays pending.
        Confirmation::Nack(_) | Confirmation::NotRequested => {
            Err(AmqpError::Nacked { id: id.to_string() })
        }
    }
}
