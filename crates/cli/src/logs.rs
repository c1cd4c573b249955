//! The logs of `iwmo run`: `tracing` to standard error, as text for people or one JSON object
//! per line for a collector (`[log] format`), filtered by `[log] level`. What the engine logs
//! names inputs and verdicts, never a message's content: no BSN reaches a log line.

use anyhow::Context as _;
use tracing_subscriber::EnvFilter;

use crate::config::LogSettings;

/// Installs the subscriber for the rest of the process.
pub(crate) fn init(settings: &LogSettings) -> anyhow::Result<()> {
    let filter = EnvFilter::try_new(&settings.level)
        .with_context(|| format!("setting `log.level` {:?}", settings.level))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false);
    let installed = if settings.format == "json" {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
    installed.map_err(|e| anyhow::anyhow!("cannot install the logger: {e}"))
}
