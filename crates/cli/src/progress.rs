//! Progress on standard error for long runs: a line every few seconds, only when standard
//! error is a terminal or the run is long, so short runs and scripts stay quiet.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// A progress callback `(done, total)` that prints `iwmo: <what>: done/total (rate/s)` at most
/// every two seconds, and never for runs shorter than that.
pub(crate) fn reporter(what: &'static str) -> impl FnMut(usize, usize) {
    let started = Instant::now();
    let mut last = started;
    let interactive = std::io::stderr().is_terminal();
    move |done, total| {
        let now = Instant::now();
        if now.duration_since(last) < Duration::from_secs(2) || (!interactive && done == total) {
            return;
        }
        last = now;
        let secs = now.duration_since(started).as_secs_f64().max(1e-9);
        eprintln!(
            "iwmo: {what}: {done}/{total} inputs ({:.0}/s)",
            done as f64 / secs
        );
    }
}
