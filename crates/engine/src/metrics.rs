//! [`Metrics`]: what a running engine counts, and whether it is healthy, in one registry that
//! the daemon's loops feed ([`Engine::with_metrics`](crate::Engine::with_metrics) for
//! decisions, commits and the outbox; [`run_amqp_with`](crate::amqp::run_amqp_with) for the
//! connection, reconnects and dead letters) and an admin endpoint at the edge reads
//! ([`Metrics::prometheus`], [`Metrics::health`]).
//!
//! Updated once per batch under one lock, so the cost per input is nil; read by a scrape a few
//! times a minute. No dependency: the Prometheus text format is a few lines of `format!`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::durable::Handled;

/// Upper bounds of the commit-latency histogram, in seconds (Prometheus' `le`).
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// Where the engine stands, for `/healthz`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    /// Opening the store, loading the ledger, connecting: not yet serving.
    Starting,
    /// Serving: connected to the broker (or watching the inbox) with a usable store.
    Running,
    /// The broker connection is lost; the engine is reconnecting (why).
    Disconnected(String),
    /// The engine stopped on an error it cannot get past (the store): why.
    Failed(String),
    /// Shutting down after a signal.
    Stopping,
}

impl Health {
    /// Whether `/healthz` answers 200.
    pub fn is_ok(&self) -> bool {
        matches!(self, Health::Running)
    }

    /// A short line for the body of `/healthz`.
    pub fn describe(&self) -> String {
        match self {
            Health::Starting => "starting".into(),
            Health::Running => "ok".into(),
            Health::Disconnected(why) => format!("disconnected from the broker: {why}"),
            Health::Failed(why) => format!("failed: {why}"),
            Health::Stopping => "stopping".into(),
        }
    }
}

/// A cumulative histogram in the Prometheus sense.
#[derive(Debug, Clone, Default)]
struct Histogram {
    /// Observations at most `LATENCY_BUCKETS[i]`, per bucket (not yet cumulative).
    buckets: [u64; LATENCY_BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        if let Some(i) = LATENCY_BUCKETS.iter().position(|le| seconds <= *le) {
            self.buckets[i] += 1;
        }
        self.count += 1;
        self.sum += seconds;
    }
}

#[derive(Debug, Default)]
struct Counts {
    /// Decided inputs by (message kind, verdict); duplicates apart.
    inputs: BTreeMap<(String, String), u64>,
    duplicates: u64,
    retourcodes: BTreeMap<String, u64>,
    /// Outputs decided, by destination.
    outputs: BTreeMap<String, u64>,
    /// Outputs delivered (written, or confirmed by the broker).
    delivered: u64,
    outbox_depth: u64,
    commit: Histogram,
    reconnects: u64,
    recovered: u64,
    dead_lettered: BTreeMap<String, u64>,
    health: Option<Health>,
}

/// The registry. Share it (`Arc<Metrics>`) between the engine's loop and the endpoint.
#[derive(Debug, Default)]
pub struct Metrics {
    counts: Mutex<Counts>,
}

impl Metrics {
    /// An empty registry, health [`Health::Starting`].
    pub fn new() -> Metrics {
        Metrics::default()
    }

    fn lock(&self) -> MutexGuard<'_, Counts> {
        // A panic while holding the lock leaves plain counters behind: still readable.
        self.counts.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Counts a committed batch: every input by kind and verdict (or as a duplicate), its
    /// retourcodes and outputs, and how long the commit took.
    pub fn record_batch(&self, handled: &[Handled], commit: Option<Duration>) {
        let mut c = self.lock();
        for h in handled {
            if h.is_duplicate() {
                c.duplicates += 1;
                continue;
            }
            let r = h.record();
            let kind = r.kind.clone().unwrap_or_else(|| "unreadable".into());
            *c.inputs
                .entry((kind, r.verdict.name().to_string()))
                .or_default() += 1;
            for code in &r.retourcodes {
                *c.retourcodes.entry(code.clone()).or_default() += 1;
            }
            for o in &r.outputs {
                *c.outputs
                    .entry(o.destination.name().to_string())
                    .or_default() += 1;
            }
        }
        if let Some(d) = commit {
            c.commit.observe(d.as_secs_f64());
        }
    }

    /// Counts outputs handed to a sink and confirmed by it.
    pub fn record_delivered(&self, n: usize) {
        self.lock().delivered += n as u64;
    }

    /// The outbox rows waiting to be sent.
    pub fn set_outbox_depth(&self, depth: u64) {
        self.lock().outbox_depth = depth;
    }

    /// Counts a new connection after a lost one.
    pub fn record_reconnect(&self) {
        self.lock().reconnects += 1;
    }

    /// Counts inputs taken back from the dead-letter queue (dead-lettered by the broker at
    /// their delivery limit, never decided or decided before the crash).
    pub fn record_recovered(&self, n: usize) {
        self.lock().recovered += n as u64;
    }

    /// Counts inputs dead-lettered, by reason (`too-large`, `delivery-limit`).
    pub fn record_dead_letter(&self, reason: &str, n: usize) {
        *self
            .lock()
            .dead_lettered
            .entry(reason.to_string())
            .or_default() += n as u64;
    }

    /// Says where the engine stands.
    pub fn set_health(&self, health: Health) {
        self.lock().health = Some(health);
    }

    /// Where the engine stands ([`Health::Starting`] until told otherwise).
    pub fn health(&self) -> Health {
        self.lock().health.clone().unwrap_or(Health::Starting)
    }

    /// Decided inputs so far, duplicates included.
    pub fn inputs(&self) -> u64 {
        let c = self.lock();
        c.inputs.values().sum::<u64>() + c.duplicates
    }

    /// Everything in the Prometheus text exposition format (version 0.0.4).
    pub fn prometheus(&self) -> String {
        let c = self.lock();
        let mut text = String::new();
        let t = &mut text;
        family(
            t,
            "iwmo_inputs_total",
            "counter",
            "Inputs decided, by message kind and verdict (redeliveries apart).",
        );
        for ((kind, verdict), n) in &c.inputs {
            let _ = writeln!(
                t,
                "iwmo_inputs_total{{kind=\"{}\",verdict=\"{}\"}} {n}",
                label(kind),
                label(verdict)
            );
        }
        let duplicates = "Inputs decided before (the same dedupe key): answered from the store, nothing changed.";
        single(
            t,
            "iwmo_duplicates_total",
            "counter",
            duplicates,
            c.duplicates,
        );
        let retourcodes = "Retourcodes in the retours sent.";
        labelled(
            t,
            "iwmo_retourcodes_total",
            retourcodes,
            "code",
            &c.retourcodes,
        );
        let outputs = "Outputs decided, by destination.";
        labelled(t, "iwmo_outputs_total", outputs, "destination", &c.outputs);
        let delivered = "Outputs delivered: written and synced, or confirmed by the broker.";
        single(
            t,
            "iwmo_outputs_delivered_total",
            "counter",
            delivered,
            c.delivered,
        );
        let depth = "Outbox rows committed and not yet delivered.";
        single(t, "iwmo_outbox_depth", "gauge", depth, c.outbox_depth);
        family(
            t,
            "iwmo_commit_seconds",
            "histogram",
            "Time to commit one batch (decisions, states, outbox) to the store.",
        );
        let mut cumulative = 0;
        for (le, n) in LATENCY_BUCKETS.iter().zip(c.commit.buckets) {
            cumulative += n;
            let _ = writeln!(t, "iwmo_commit_seconds_bucket{{le=\"{le}\"}} {cumulative}");
        }
        let count = c.commit.count;
        let _ = writeln!(t, "iwmo_commit_seconds_bucket{{le=\"+Inf\"}} {count}");
        let _ = writeln!(t, "iwmo_commit_seconds_sum {}", c.commit.sum);
        let _ = writeln!(t, "iwmo_commit_seconds_count {count}");
        let reconnects = "New broker connections after a lost one.";
        single(
            t,
            "iwmo_reconnects_total",
            "counter",
            reconnects,
            c.reconnects,
        );
        let recovered = "Inputs taken back from the dead-letter queue after the broker dead-lettered them at their delivery limit.";
        single(t, "iwmo_recovered_total", "counter", recovered, c.recovered);
        let dead = "Inputs the engine sent to the dead-letter exchange itself, by reason.";
        labelled(
            t,
            "iwmo_dead_lettered_total",
            dead,
            "reason",
            &c.dead_lettered,
        );
        let up = "1 when the engine is running and its store usable, else 0.";
        let ok = c.health.as_ref().is_some_and(Health::is_ok);
        single(t, "iwmo_up", "gauge", up, u64::from(ok));
        text
    }
}

/// A metric without labels.
fn single(out: &mut String, name: &str, kind: &str, help: &str, value: u64) {
    family(out, name, kind, help);
    let _ = writeln!(out, "{name} {value}");
}

/// A counter with one label, a series per key.
fn labelled(out: &mut String, name: &str, help: &str, key: &str, values: &BTreeMap<String, u64>) {
    family(out, name, "counter", help);
    for (value, n) in values {
        let _ = writeln!(out, "{name}{{{key}=\"{}\"}} {n}", label(value));
    }
}

/// The `# HELP` and `# TYPE` lines of a metric family.
fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// A label value escaped as the text format wants (`\`, `"` and newlines).
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Verdict;

    #[test]
    fn histogram_buckets_are_cumulative_and_labels_escaped() {
        let m = Metrics::new();
        m.record_batch(&[], Some(Duration::from_millis(3)));
        m.record_batch(&[], Some(Duration::from_millis(30)));
        m.record_batch(&[], Some(Duration::from_secs(60)));
        m.record_dead_letter("a\"b", 2);
        let text = m.prometheus();
        assert!(
            text.contains("iwmo_commit_seconds_bucket{le=\"0.001\"} 0\n"),
            "{text}"
        );
        assert!(
            text.contains("iwmo_commit_seconds_bucket{le=\"0.005\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("iwmo_commit_seconds_bucket{le=\"0.05\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("iwmo_commit_seconds_bucket{le=\"10\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("iwmo_commit_seconds_bucket{le=\"+Inf\"} 3\n"),
            "{text}"
        );
        assert!(text.contains("iwmo_commit_seconds_count 3\n"), "{text}");
        assert!(
            text.contains("iwmo_dead_lettered_total{reason=\"a\\\"b\"} 2\n"),
            "{text}"
        );
        assert!(text.contains("iwmo_up 0\n"), "{text}");
        m.set_health(Health::Running);
        assert!(m.prometheus().contains("iwmo_up 1\n"));
        assert!(m.health().is_ok());
        for v in [
            Verdict::Level1Rejected,
            Verdict::Level2Rejected,
            Verdict::Approved,
            Verdict::PartlyApproved,
            Verdict::Rejected,
            Verdict::Retour,
            Verdict::NotJudged,
        ] {
            assert_eq!(
                serde_json::to_string(&v).unwrap(),
                format!("\"{}\"", v.name())
            );
        }
        m.set_health(Health::Disconnected("connection refused".into()));
        assert_eq!(
            m.health().describe(),
            "disconnected from the broker: connection refused"
        );
    }
}
