//! Waiting on the broker. Every wait is bounded, and a wait on a channel gives up as soon as
//! the channel is no longer open: a connection lost at the wrong moment does not always fail
//! lapin's pending operations (an acknowledgement handed to a connection that then dies was
//! seen to wait forever), so the loop must not rely on them failing.

use std::future::Future;
use std::time::Duration;

use lapin::Channel;

use super::error::AmqpError;

/// How often a wait looks at its channel.
const CHANNEL_CHECK: Duration = Duration::from_millis(100);

/// Awaits `future` for at most `limit`; longer is [`AmqpError::Timeout`].
pub(crate) async fn within<T>(
    limit: Duration,
    what: &str,
    future: impl Future<Output = Result<T, AmqpError>>,
) -> Result<T, AmqpError> {
    match tokio::time::timeout(limit, future).await {
        Ok(result) => result,
        Err(_) => Err(AmqpError::Timeout {
            what: what.to_string(),
            seconds: limit.as_secs(),
        }),
    }
}

/// Awaits `future` for at most `limit`, and only while `channel` is open (else
/// [`AmqpError::ChannelClosed`]).
pub(crate) async fn on_channel<T>(
    channel: &Channel,
    limit: Duration,
    what: &str,
    future: impl Future<Output = Result<T, AmqpError>>,
) -> Result<T, AmqpError> {
    let lost = async {
        loop {
            tokio::time::sleep(CHANNEL_CHECK).await;
            if !channel.status().connected() {
                return;
            }
        }
    };
    tokio::select! {
        result = within(limit, what, future) => result,
        () = lost => Err(AmqpError::ChannelClosed { what: what.to_string() }),
    }
}
