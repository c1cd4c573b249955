//! [`Shutdown`]: the one place that owns stopping `iwmo run` (the shape of tokio's
//! mini-redis). SIGINT or SIGTERM sets one flag; the engine's loop sees it between batches,
//! finishes the batch in hand, publishes or writes its outputs, closes and returns; the admin
//! endpoint sees it and stops listening. A second signal while stopping exits at once
//! (status 130), for an operator who cannot wait.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Context as _;

/// The stop flag, set by a signal or by [`Shutdown::begin`].
#[derive(Clone)]
pub(crate) struct Shutdown {
    flag: Arc<AtomicBool>,
}

impl Shutdown {
    /// A flag that SIGINT and SIGTERM set; a second one ends the process.
    pub(crate) fn on_signals() -> anyhow::Result<Shutdown> {
        let flag = Arc::new(AtomicBool::new(false));
        for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            // Registered first, so it runs before the flag is set: it exits only when the
            // flag was set by an earlier signal.
            signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(&flag))
                .context("cannot install the signal handlers")?;
            signal_hook::flag::register(signal, Arc::clone(&flag))
                .context("cannot install the signal handlers")?;
        }
        Ok(Shutdown { flag })
    }

    /// The flag the loops watch.
    pub(crate) fn flag(&self) -> &AtomicBool {
        &self.flag
    }

    /// A shared handle on the flag, for a thread of its own.
    pub(crate) fn shared(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.flag)
    }

    /// Stops everything that still runs (the engine loop returned on its own, or failed).
    pub(crate) fn begin(&self) {
        self.flag.store(true, Ordering::SeqCst);
    }

    /// Whether a stop was asked for.
    pub(crate) fn requested(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }
}
