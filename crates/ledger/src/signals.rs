//! Deadlines and the no-care rule: signals for late and missing messages (spec §3.1, §3.4).
//!
//! Two moments raise signals:
//! - **when a message is decided** ([`late_on_arrival`]): a 305 or 307 that arrives more than 5
//!   working days after the start or end it reports (OP271, OP272) is late, by that many
//!   working days;
//! - **when the clock moves** ([`review`], called by the engine on a timer and by a replay on
//!   the stream's clock ticks): an obligation whose deadline passed without the message is
//!   missing: a start for a toewijzing (OP271), a definitive stop for a delivery whose
//!   toewijzing ended (OP288/OP272), and the no-care rule (design §4: no care for N weeks and no
//!   definitive stop).
//!
//! A missing-message signal is raised once: the review records it in the client's state
//! ([`FactBody::Signalled`]), so the next review does not raise it again.
//!
//! Working days are Dutch working days ([`crate::calendar`]). "Received" is the decision's
//! `today`: the engine decides on the day it receives.

use chrono::{Days, NaiveDate};
use iwmo_model::MessageKind;

use crate::calendar::Calendar;
use crate::context::Context;
use crate::decision::{Decision, Prior, Verdict};
use crate::party::{ClientKey, Role};
use crate::state::{ClientState, Fact, FactBody, MessageRef, Start};

/// What a signal is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum SignalKind {
    /// A 305 that came later than 5 working days after the start (OP271).
    LateStart,
    /// A 307 that came later than 5 working days after the end (OP272).
    LateStop,
    /// No 305 within 5 working days after the toewijzing's Ingangsdatum (or its receipt when
    /// it was retroactive) (OP271).
    MissingStart,
    /// No definitive 307 within 5 working days after the toewijzing ended (OP272, OP288).
    MissingStop,
    /// No care for the configured number of weeks and no definitive stop (local rule, design
    /// §4).
    NoCare,
}

impl SignalKind {
    /// The rule of the standard (or `local` for the no-care rule).
    pub fn rule(self) -> &'static str {
        match self {
            SignalKind::LateStart | SignalKind::MissingStart => "OP271",
            SignalKind::LateStop | SignalKind::MissingStop => "OP272",
            SignalKind::NoCare => "local no-care rule",
        }
    }

    /// The routing name, `signals.<name>`.
    pub fn name(self) -> &'static str {
        match self {
            SignalKind::LateStart => "late-start",
            SignalKind::LateStop => "late-stop",
            SignalKind::MissingStart => "missing-start",
            SignalKind::MissingStop => "missing-stop",
            SignalKind::NoCare => "no-care",
        }
    }
}

/// One signal for the back office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    /// What.
    pub kind: SignalKind,
    /// The client (BSN masked when printed).
    pub client: ClientKey,
    /// The aanbieder concerned.
    pub aanbieder: String,
    /// The toegewezen product, when the signal concerns one.
    pub toewijzing_nummer: Option<u32>,
    /// The date the message was due.
    pub due: NaiveDate,
    /// How many working days after `due` the message came, or (for a missing one) how many
    /// have passed until the review.
    pub working_days_late: i64,
    /// Readable detail.
    pub detail: String,
}

/// The deadline `n` working days after `date` (the date itself not counted).
fn deadline(calendar: &Calendar, date: NaiveDate, n: u32) -> NaiveDate {
    calendar.add_working_days(date, n).unwrap_or(date)
}

/// Signals for a 305 or 307 that arrives late; called for approved messages only.
pub(crate) fn late_on_arrival(
    prior: &dyn Prior,
    message: &iwmo_model::Message,
    ctx: &Context<'_>,
    gemeente: &str,
) -> Vec<Signal> {
    let calendar = Calendar::default();
    let today = ctx.today;
    let mut out = Vec::new();
    match message {
        iwmo_model::Message::Wmo305(m) => {
            let key = ClientKey {
                gemeente: gemeente.to_string(),
                bsn: m.client.bsn.clone(),
            };
            let state = prior.client(&key);
            for p in &m.client.start_producten {
                if p.status_aanlevering != iwmo_model::codes::StatusAanlevering::EersteAanlevering {
                    continue;
                }
                // A retroactive toewijzing: 5 working days after its receipt (OP271).
                let received_301 = p
                    .toewijzing_nummer
                    .and_then(|n| state.and_then(|s| first_received(s, &m.header.afzender, n)));
                let from = received_301.map_or(p.begindatum, |r| r.max(p.begindatum));
                let due = deadline(&calendar, from, 5);
                if today > due {
                    out.push(Signal {
                        kind: SignalKind::LateStart,
                        client: key.clone(),
                        aanbieder: m.header.afzender.clone(),
                        toewijzing_nummer: p.toewijzing_nummer,
                        due,
                        working_days_late: calendar.working_days_between(due, today),
                        detail: format!("start of {} received {today}, due {due}", p.begindatum),
                    });
                }
            }
        }
        iwmo_model::Message::Wmo307(m) => {
            let key = ClientKey {
                gemeente: gemeente.to_string(),
                bsn: m.client.bsn.clone(),
            };
            let state = prior.client(&key);
            for p in &m.client.stop_producten {
                if p.status_aanlevering != iwmo_model::codes::StatusAanlevering::EersteAanlevering {
                    continue;
                }
                // A definitive stop after a temporary one is due 5 working days after it
                // became known, which no message says: not judged late.
                let after_temporary = state.is_some_and(|s| {
                    s.deliveries().iter().any(|d| {
                        d.start.nummer == p.toewijzing_nummer
                            && d.start.begindatum == p.begindatum
                            && d.stops.iter().any(|s| s.is_temporary())
                    })
                });
                let due = deadline(&calendar, p.einddatum, 5);
                if today > due && !after_temporary {
                    out.push(Signal {
                        kind: SignalKind::LateStop,
                        client: key.clone(),
                        aanbieder: m.header.afzender.clone(),
                        toewijzing_nummer: p.toewijzing_nummer,
                        due,
                        working_days_late: calendar.working_days_between(due, today),
                        detail: format!("stop of {} received {today}, due {due}", p.einddatum),
                    });
                }
            }
        }
        _ => {}
    }
    out
}

/// When the first version of a toewijzing was received (the Dagtekening of its 301).
fn first_received(state: &ClientState, aanbieder: &str, nummer: u32) -> Option<NaiveDate> {
    state
        .facts
        .iter()
        .filter_map(|f| match &f.body {
            FactBody::Toewijzing {
                aanbieder: a,
                version,
            } if a == aanbieder && version.nummer == nummer => Some(f.source.dagtekening),
            _ => None,
        })
        .min()
}

/// Reviews one client on the clock: raises the missing-message and no-care signals whose
/// moment has come and that were not raised before. Returns a decision whose client state
/// records them (and, when the no-care rule fires for a gemeente that stops the eigen bijdrage,
/// the WMO405 that does it is in `derived`).
pub fn review(prior: &dyn Prior, key: &ClientKey, ctx: &Context<'_>) -> Decision {
    let mut decision = Decision::new(Role::Receiver);
    let Some(state) = prior.client(key) else {
        decision.verdict = Verdict::NotJudged;
        decision.note = Some("no such client".into());
        return decision;
    };
    let calendar = Calendar::default();
    let today = ctx.today;
    let mut state = state.clone();
    let mut signals = Vec::new();
    let aanbieders: Vec<String> = {
        let mut v: Vec<String> = state
            .facts
            .iter()
            .filter_map(|f| match &f.body {
                FactBody::Toewijzing { aanbieder, .. } => Some(aanbieder.clone()),
                _ => None,
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let deliveries = state.deliveries();
    for aanbieder in &aanbieders {
        for t in state.toewijzingen(aanbieder) {
            if t.is_void() {
                continue;
            }
            let of_this = |s: &Start| s.aanbieder == *aanbieder && s.nummer == Some(t.nummer);
            let started: Vec<_> = deliveries.iter().filter(|d| of_this(&d.start)).collect();
            // OP271: a start is due 5 working days after the Ingangsdatum, or after the 301's
            // receipt when that came later.
            let received = first_received(&state, aanbieder, t.nummer).unwrap_or(t.ingangsdatum);
            let due = deadline(&calendar, t.ingangsdatum.max(received), 5);
            if started.is_empty() && today > due {
                signals.push(Signal {
                    kind: SignalKind::MissingStart,
                    client: key.clone(),
                    aanbieder: aanbieder.clone(),
                    toewijzing_nummer: Some(t.nummer),
                    due,
                    working_days_late: calendar.working_days_between(due, today),
                    detail: format!(
                        "toewijzing from {} has no start (due {due})",
                        t.ingangsdatum
                    ),
                });
            }
            // OP288/OP272: a started delivery needs a definitive stop once the toewijzing
            // ended.
            if let Some(end) = t.einddatum {
                let due = deadline(&calendar, end, 5);
                let open = started.iter().any(|d| d.definitive_stop().is_none());
                if open && today > due {
                    signals.push(Signal {
                        kind: SignalKind::MissingStop,
                        client: key.clone(),
                        aanbieder: aanbieder.clone(),
                        toewijzing_nummer: Some(t.nummer),
                        due,
                        working_days_late: calendar.working_days_between(due, today),
                        detail: format!(
                            "toewijzing ended {end}, its delivery has no definitive stop (due {due})"
                        ),
                    });
                }
            }
            // The no-care rule: the last sign of care, N weeks ago, and no definitive stop.
            for d in started.iter().filter(|d| d.definitive_stop().is_none()) {
                let Some(since) = last_care(&state, d) else {
                    continue;
                };
                let weeks = u64::from(ctx.config.no_care_weeks) * 7;
                let Some(due) = since.checked_add_days(Days::new(weeks)) else {
                    continue;
                };
                if today > due {
                    signals.push(Signal {
                        kind: SignalKind::NoCare,
                        client: key.clone(),
                        aanbieder: aanbieder.clone(),
                        toewijzing_nummer: Some(t.nummer),
                        due,
                        working_days_late: calendar.working_days_between(due, today),
                        detail: format!(
                            "no care since {since} ({} weeks) and no definitive stop",
                            ctx.config.no_care_weeks
                        ),
                    });
                }
            }
        }
    }
    // Raise each signal once.
    let mut raised = Vec::new();
    for s in signals {
        let subject = Signalled {
            kind: s.kind,
            aanbieder: s.aanbieder.clone(),
            toewijzing_nummer: s.toewijzing_nummer,
            due: s.due,
        };
        let seen = state
            .facts
            .iter()
            .any(|f| matches!(&f.body, FactBody::Signalled(x) if *x == subject));
        if !seen {
            state.facts.push(Fact {
                source: MessageRef {
                    kind: MessageKind::Wmo305,
                    afzender: String::new(),
                    identificatie: format!("review-{today}"),
                    dagtekening: today,
                },
                pending: false,
                body: FactBody::Signalled(subject),
            });
            raised.push(s);
        }
    }
    if !raised.is_empty() {
        decision.clients.push((key.clone(), state));
    }
    decision.signals = raised;
    decision
}

/// Records a care event for a client (the no-care rule's "last care event received"). Pure,
/// like `decide`: the engine commits the returned state.
pub fn care_event(
    prior: &dyn Prior,
    key: &ClientKey,
    event: CareEvent,
    today: NaiveDate,
) -> Decision {
    let mut decision = Decision::new(Role::Receiver);
    let mut state = prior.client(key).cloned().unwrap_or_default();
    state.facts.push(Fact {
        source: MessageRef {
            kind: MessageKind::Wmo305,
            afzender: event.aanbieder.clone(),
            identificatie: format!("care-{}-{}", event.toewijzing_nummer, event.date),
            dagtekening: today,
        },
        pending: false,
        body: FactBody::Care(event),
    });
    decision.clients.push((key.clone(), state));
    decision
}

/// A signal that was raised, recorded so it is raised once.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signalled {
    /// What.
    pub kind: SignalKind,
    /// The aanbieder.
    pub aanbieder: String,
    /// The toegewezen product.
    pub toewijzing_nummer: Option<u32>,
    /// The date it was due.
    pub due: NaiveDate,
}

/// "No care since" for a delivery that is not stopped for good: the Einddatum of its temporary
/// stop, or the last care event received for it. `None` when care is ongoing as far as known.
fn last_care(state: &ClientState, d: &crate::state::Delivery) -> Option<NaiveDate> {
    let temporary = d
        .stops
        .iter()
        .filter(|s| s.is_temporary())
        .map(|s| s.einddatum)
        .max();
    let events = state
        .facts
        .iter()
        .filter_map(|f| match &f.body {
            FactBody::Care(c)
                if c.aanbieder == d.start.aanbieder
                    && Some(c.toewijzing_nummer) == d.start.nummer =>
            {
                Some(c.date)
            }
            _ => None,
        })
        .max();
    match (temporary, events) {
        (Some(t), Some(e)) => Some(t.max(e)),
        (t, e) => t.or(e),
    }
}

/// A care event: the aanbieder (or the gemeente's own registration) says care was delivered on
/// a date, outside the iWmo messages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CareEvent {
    /// The aanbieder.
    pub aanbieder: String,
    /// The toegewezen product.
    pub toewijzing_nummer: u32,
    /// The day care was last delivered.
    pub date: NaiveDate,
}
