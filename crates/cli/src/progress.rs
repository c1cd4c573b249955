//! Progress on standard error for long runs: a line every few seconds and, for runs longer
//! than that, where the time went, so short runs and scripts stay quiet.

use std::time::{Duration, Instant};

use iwmo_engine::ReplayProgress;

/// A progress callback that prints `iwmo: <what>: done/total (rate/s)` at most every two
/// seconds, and a closing line with the time spent deciding and, beside it, preparing,
/// committing and writing, when the run took longer than two seconds.
pub(crate) fn reporter(what: &'static str) -> impl FnMut(&ReplayProgress) {
    let started = Instant::now();
    let mut last = started;
    move |p| {
        let now = Instant::now();
        let secs = now.duration_since(started).as_secs_f64().max(1e-9);
        let long = now.duration_since(started) >= Duration::from_secs(2);
        if p.done == p.total {
            if long {
                eprintln!(
                    "iwmo: {what}: {} inputs in {secs:.1} s ({:.0}/s): deciding {:.1} s ({:.0}/s); beside it, committing {:.1} s, writing outputs {:.1} s and preparing (XSD, rules) {:.1} s",
                    p.done,
                    p.done as f64 / secs,
                    p.deciding.as_secs_f64(),
                    p.done as f64 / p.deciding.as_secs_f64().max(1e-9),
                    p.committing.as_secs_f64(),
                    p.writing.as_secs_f64(),
                    p.preparing.as_secs_f64()
                );
            }
        } else if now.duration_since(last) >= Duration::from_secs(2) {
            last = now;
            eprintln!(
                "iwmo: {what}: {}/{} inputs ({:.0}/s)",
                p.done,
                p.total,
                p.done as f64 / secs
            );
        }
    }
}
