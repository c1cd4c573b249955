//! Deadlines and the no-care rule: signals for late and missing messages (spec §3.1, §3.4).
//!
//! Two moments raise signals:
//! - **when a message is decided** ([`late_on_arrival`], and for the retours and 325s on our
//!   own messages in `decide`): a message that arrives after its deadline is late, by that
//!   many working days: a 305 or 307 more than 5 working days after the start or end it
//!   reports (OP271, OP272); a 301 or 319 answering a request more than 5 working days after
//!   the request (OP274), or, after "in onderzoek", a final answer (a 301, or a 319 afgewezen)
//!   more than 8 weeks after the request's Dagtekening (OP346); a retour more than 3 working
//!   days after our message (OP090); a 325 more than 10 working days after our 323 (OP090x4);
//! - **when the clock moves** ([`review`], for the engine to call on a timer and a replay on
//!   the stream's clock): an obligation whose deadline passed without the message is missing:
//!   a start for a toewijzing (OP271), a definitive stop for a delivery whose toewijzing ended
//!   (OP288/OP272), an answer to a request (OP274, OP346), the retour or 325 on a message of
//!   ours (OP090, OP090x4), and the no-care rule (design §4: no care for N weeks and no
//!   definitive stop).
//!
//! A missing-message signal is raised once: the review records it in the client's state
//! ([`FactBody::Signalled`]), so the next review does not raise it again. A late message is
//! decided once, so its signal is raised once.
//!
//! Our own answers are never late by our hand: as receiver the engine answers every message
//! with its retour (or 325) when it decides it, on the day of receipt, so OP090 and OP090x4
//! are watched only for the answers others owe us. A request's answer (OP274, OP346) is
//! watched on both sides: a gemeente's review signals the requests it has not answered.
//!
//! **The no-care rule.** For the latest delivery of a toegewezen product that is not stopped
//! for good, "no care since" is the latest of: the Einddatum of its temporary stop
//! (RedenBeeindiging 20), the end of the last declared prestatie (approved, not credited) and
//! the last care event received, each counted from the delivery's Begindatum on. When that
//! date lies more than the configured weeks back, the review raises the signal once and takes
//! the configured [`NoCareAction`]: a gemeente stops the eigen bijdrage from that date (a
//! [`NoCareStop`] fact the WMO405 derivation reads, so it stays a diff of the state: care
//! that resumes, a new start, a care event or a prestatie after that date, opens it again), an
//! aanbieder gets a draft 307 in [`Decision::drafts`].
//!
//! Working days are Dutch working days ([`crate::calendar`]). "Received" is the decision's
//! `today`: the engine decides on the day it receives.

use chrono::{Days, NaiveDate};
use iwmo_model::codes::{RedenBeeindiging, StatusAanlevering};
use iwmo_model::{
    BerichtIdentificatie, Header, Message, MessageKind, StopClient, StopProduct, Wmo307, XsdVersie,
};

use crate::calendar::Calendar;
use crate::context::{Context, NoCareAction};
use crate::decision::{Decision, Prior, Verdict};
use crate::party::{ClientKey, Role};
use crate::state::{ClientState, Delivery, Fact, FactBody, MessageRef, Toewijzing};
use crate::verzoek::{self, VerzoekStatus};

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
    /// A retour on our message that came later than 3 working days after it (OP090).
    LateRetour,
    /// No retour on our message within 3 working days (OP090).
    MissingRetour,
    /// A 301 or 319 answering a request later than 5 working days after it (OP274).
    LateAnswer,
    /// No 301 or 319 within 5 working days after a request (OP274).
    MissingAnswer,
    /// After "in onderzoek", the final answer (a 301, or a 319 afgewezen) later than 8 weeks
    /// after the request's Dagtekening (OP346).
    LateFinalAnswer,
    /// After "in onderzoek", no final answer within 8 weeks after the request (OP346).
    MissingFinalAnswer,
    /// A 325 on our 323 later than 10 working days after it (OP090x4).
    LateDeclaratieAntwoord,
    /// No 325 on our 323 within 10 working days (OP090x4).
    MissingDeclaratieAntwoord,
}

impl SignalKind {
    /// The rule of the standard (or `local` for the no-care rule).
    pub fn rule(self) -> &'static str {
        match self {
            SignalKind::LateStart | SignalKind::MissingStart => "OP271",
            SignalKind::LateStop | SignalKind::MissingStop => "OP272",
            SignalKind::NoCare => "local no-care rule",
            SignalKind::LateRetour | SignalKind::MissingRetour => "OP090",
            SignalKind::LateAnswer | SignalKind::MissingAnswer => "OP274",
            SignalKind::LateFinalAnswer | SignalKind::MissingFinalAnswer => "OP346",
            SignalKind::LateDeclaratieAntwoord | SignalKind::MissingDeclaratieAntwoord => "OP090x4",
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
            SignalKind::LateRetour => "late-retour",
            SignalKind::MissingRetour => "missing-retour",
            SignalKind::LateAnswer => "late-answer",
            SignalKind::MissingAnswer => "missing-answer",
            SignalKind::LateFinalAnswer => "late-final-answer",
            SignalKind::MissingFinalAnswer => "missing-final-answer",
            SignalKind::LateDeclaratieAntwoord => "late-declaratie-antwoord",
            SignalKind::MissingDeclaratieAntwoord => "missing-declaratie-antwoord",
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
    /// What else names the subject: the ReferentieAanbieder of a request (OP274, OP346), the
    /// Identificatie of our message waiting for its retour or 325 (OP090, OP090x4).
    pub subject: Option<String>,
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

/// OP274: a request is answered (301 or 319) within 5 working days.
const ANSWER_WORKING_DAYS: u32 = 5;
/// OP346: after "in onderzoek", the final answer within 8 weeks after the request's
/// Dagtekening.
const FINAL_ANSWER_DAYS: u64 = 8 * 7;
/// OP090: a retour within 3 working days.
const RETOUR_WORKING_DAYS: u32 = 3;
/// OP090x4: a 325 within 10 working days.
const DECLARATIE_ANTWOORD_WORKING_DAYS: u32 = 10;

/// A signal of `kind` about `subject`, due on `due`, judged on `today`.
#[allow(clippy::too_many_arguments)] // the fields of a signal, each named at the call
fn signal(
    calendar: &Calendar,
    kind: SignalKind,
    client: &ClientKey,
    aanbieder: &str,
    toewijzing_nummer: Option<u32>,
    subject: Option<&str>,
    due: NaiveDate,
    today: NaiveDate,
    detail: String,
) -> Signal {
    Signal {
        kind,
        client: client.clone(),
        aanbieder: aanbieder.to_string(),
        toewijzing_nummer,
        subject: subject.map(str::to_string),
        due,
        working_days_late: calendar.working_days_between(due, today),
        detail,
    }
}

/// Where the answer on one request stands: the late and missing kinds and the due date, by
/// its status (open: any answer within 5 working days, OP274; in onderzoek: the final answer
/// within 8 weeks, OP346), with the request's Dagtekening. `None` when the request is closed
/// or unknown.
fn answer_due(
    calendar: &Calendar,
    state: &ClientState,
    aanbieder: &str,
    referentie: &str,
) -> Option<(SignalKind, SignalKind, NaiveDate, NaiveDate)> {
    let (request, _) =
        verzoek::requests(state, aanbieder).find(|(_, v)| v.referentie == referentie)?;
    let asked = request.source.dagtekening;
    match verzoek::status(state, aanbieder, referentie)? {
        VerzoekStatus::Open => Some((
            SignalKind::LateAnswer,
            SignalKind::MissingAnswer,
            deadline(calendar, asked, ANSWER_WORKING_DAYS),
            asked,
        )),
        VerzoekStatus::InOnderzoek => Some((
            SignalKind::LateFinalAnswer,
            SignalKind::MissingFinalAnswer,
            asked
                .checked_add_days(Days::new(FINAL_ANSWER_DAYS))
                .unwrap_or(asked),
            asked,
        )),
        VerzoekStatus::Afgewezen | VerzoekStatus::Gehonoreerd => None,
    }
}

/// The signal for an answer (a 301 with the reference, or a 319) on the request `referentie`
/// that arrives on `today`, when it is late; `final_answer`: a 301 or a 319 afgewezen (after
/// "in onderzoek" only a final answer is due).
fn late_answer(
    calendar: &Calendar,
    key: &ClientKey,
    state: &ClientState,
    aanbieder: &str,
    referentie: &str,
    final_answer: bool,
    today: NaiveDate,
) -> Option<Signal> {
    let (late, _, due, asked) = answer_due(calendar, state, aanbieder, referentie)?;
    if today <= due || (late == SignalKind::LateFinalAnswer && !final_answer) {
        return None;
    }
    Some(signal(
        calendar,
        late,
        key,
        aanbieder,
        None,
        Some(referentie),
        due,
        today,
        format!("answer on the request {referentie:?} of {asked} received {today}, due {due}"),
    ))
}

/// Signals for a message that arrives late; called for approved messages only.
pub(crate) fn late_on_arrival(
    prior: &dyn Prior,
    message: &Message,
    ctx: &Context<'_>,
    gemeente: &str,
) -> Vec<Signal> {
    let calendar = Calendar::default();
    let today = ctx.today;
    let key_of = |bsn: &iwmo_model::Bsn| ClientKey {
        gemeente: gemeente.to_string(),
        bsn: bsn.clone(),
    };
    let mut out = Vec::new();
    match message {
        Message::Wmo305(m) => {
            let key = key_of(&m.client.bsn);
            let state = prior.client(&key);
            for p in &m.client.start_producten {
                if p.status_aanlevering != StatusAanlevering::EersteAanlevering {
                    continue;
                }
                // A retroactive toewijzing: 5 working days after its receipt (OP271).
                let received_301 = p
                    .toewijzing_nummer
                    .and_then(|n| state.and_then(|s| first_received(s, &m.header.afzender, n)));
                let from = received_301.map_or(p.begindatum, |r| r.max(p.begindatum));
                let due = deadline(&calendar, from, 5);
                if today > due {
                    out.push(signal(
                        &calendar,
                        SignalKind::LateStart,
                        &key,
                        &m.header.afzender,
                        p.toewijzing_nummer,
                        None,
                        due,
                        today,
                        format!("start of {} received {today}, due {due}", p.begindatum),
                    ));
                }
            }
        }
        Message::Wmo307(m) => {
            let key = key_of(&m.client.bsn);
            let state = prior.client(&key);
            for p in &m.client.stop_producten {
                if p.status_aanlevering != StatusAanlevering::EersteAanlevering {
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
                    out.push(signal(
                        &calendar,
                        SignalKind::LateStop,
                        &key,
                        &m.header.afzender,
                        p.toewijzing_nummer,
                        None,
                        due,
                        today,
                        format!("stop of {} received {today}, due {due}", p.einddatum),
                    ));
                }
            }
        }
        Message::Wmo301(m) => {
            // OP274/OP346: a toewijzing that honours a request answers it (a final answer).
            let key = key_of(&m.client.bsn);
            let Some(state) = prior.client(&key) else {
                return out;
            };
            let aanbieder = &m.header.ontvanger;
            let mut seen: Vec<&str> = Vec::new();
            for p in &m.client.toegewezen_producten {
                let Some(referentie) = p.referentie_aanbieder.as_deref() else {
                    continue;
                };
                if seen.contains(&referentie) {
                    continue;
                }
                seen.push(referentie);
                out.extend(late_answer(
                    &calendar, &key, state, aanbieder, referentie, true, today,
                ));
            }
        }
        Message::Wmo319(m) => {
            // The 319 has no Bsn: its request (and client) through the reference's index.
            let aanbieder = &m.header.ontvanger;
            let referentie = &m.antwoord.referentie_aanbieder;
            if let Some((key, state, _)) = verzoek::known_request(prior, aanbieder, referentie) {
                let final_answer = m.antwoord.verzoek_antwoord
                    == iwmo_model::codes::VerzoekAntwoord::VerzoekAfgewezen;
                out.extend(late_answer(
                    &calendar,
                    key,
                    state,
                    aanbieder,
                    referentie,
                    final_answer,
                    today,
                ));
            }
        }
        _ => {}
    }
    out
}

/// The answer our message `source` waits for: the late and missing kinds, the due date and
/// its name: a 325 within 10 working days after a 323 (OP090x4), a retour within 3 after any
/// other (OP090).
fn answer_on_our_message_due(
    calendar: &Calendar,
    source: &MessageRef,
) -> (SignalKind, SignalKind, NaiveDate, &'static str) {
    let (late, missing, n, what) = match source.kind {
        MessageKind::Wmo323 => (
            SignalKind::LateDeclaratieAntwoord,
            SignalKind::MissingDeclaratieAntwoord,
            DECLARATIE_ANTWOORD_WORKING_DAYS,
            "325",
        ),
        _ => (
            SignalKind::LateRetour,
            SignalKind::MissingRetour,
            RETOUR_WORKING_DAYS,
            "retour",
        ),
    };
    (
        late,
        missing,
        deadline(calendar, source.dagtekening, n),
        what,
    )
}

/// The signals for the retour (OP090) or 325 (OP090x4) on our message `source` that arrives on
/// `ctx.today`, when it is late: one per client the message was about.
pub(crate) fn late_answer_on_our_message(
    ctx: &Context<'_>,
    source: &MessageRef,
    aanbieder: &str,
    clients: &[ClientKey],
) -> Vec<Signal> {
    let calendar = Calendar::default();
    let (kind, _, due, what) = answer_on_our_message_due(&calendar, source);
    if ctx.today <= due {
        return Vec::new();
    }
    clients
        .iter()
        .map(|client| {
            signal(
                &calendar,
                kind,
                client,
                aanbieder,
                None,
                Some(&source.identificatie),
                due,
                ctx.today,
                format!(
                    "{what} on our {} {:?} of {} received {}, due {due}",
                    source.kind.number(),
                    source.identificatie,
                    source.dagtekening,
                    ctx.today
                ),
            )
        })
        .collect()
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

/// The aanbieder a fact concerns, when it is one of a heen message.
fn aanbieder_of(body: &FactBody) -> Option<&str> {
    Some(match body {
        FactBody::Toewijzing { aanbieder, .. } => aanbieder,
        FactBody::Start(s) | FactBody::StartDeleted(s) => &s.aanbieder,
        FactBody::Stop(s) | FactBody::StopDeleted(s) => &s.start.aanbieder,
        FactBody::Verzoek(v) => &v.aanbieder,
        FactBody::Declaratie(d) => &d.aanbieder,
        FactBody::EigenBijdrage(_)
        | FactBody::Care(_)
        | FactBody::Signalled(_)
        | FactBody::NoCareStop(_)
        | FactBody::Personalia(_) => return None,
    })
}

/// What the no-care rule does when its signal is raised.
struct NoCareFired {
    stop: NoCareStop,
    draft: Option<Message>,
}

/// Reviews one client on the clock: raises the missing-message and no-care signals whose
/// moment has come and that were not raised before. Returns a decision whose client state
/// records them; when the no-care rule fires, its configured action: for a gemeente that
/// stops the eigen bijdrage, the WMO405 that does it is in `derived`; for an aanbieder, the
/// draft 307 is in `drafts`.
pub fn review(prior: &dyn Prior, key: &ClientKey, ctx: &Context<'_>) -> Decision {
    let mut decision = Decision::new(Role::Receiver);
    let Some(state) = prior.client(key) else {
        decision.verdict = Verdict::NotJudged;
        decision.note = Some("no such client".into());
        return decision;
    };
    let calendar = Calendar::default();
    let today = ctx.today;
    let action = match ctx.config.no_care_action.resolve(&ctx.mode) {
        // A ledger that derives no WMO405 has no eigen bijdrage to stop.
        NoCareAction::StopEigenBijdrage if !ctx.config.eigen_bijdrage.enabled => {
            NoCareAction::Signal
        }
        action => action,
    };
    let mut state = state.clone();
    let mut signals: Vec<(Signal, Option<NoCareFired>)> = Vec::new();
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
            let started: Vec<&Delivery> = deliveries
                .iter()
                .filter(|d| d.start.aanbieder == *aanbieder && d.start.nummer == Some(t.nummer))
                .collect();
            // OP271: a start is due 5 working days after the Ingangsdatum, or after the 301's
            // receipt when that came later.
            let received = first_received(&state, aanbieder, t.nummer).unwrap_or(t.ingangsdatum);
            let due = deadline(&calendar, t.ingangsdatum.max(received), 5);
            if started.is_empty() && today > due {
                signals.push((
                    signal(
                        &calendar,
                        SignalKind::MissingStart,
                        key,
                        aanbieder,
                        Some(t.nummer),
                        None,
                        due,
                        today,
                        format!(
                            "toewijzing from {} has no start (due {due})",
                            t.ingangsdatum
                        ),
                    ),
                    None,
                ));
            }
            // Only the latest delivery can still be stopped (TR382): an earlier one, stopped
            // for the time being and then started again, is done.
            let Some(latest) = started.last().copied() else {
                continue;
            };
            if latest.definitive_stop().is_some() {
                continue;
            }
            // OP288/OP272: a started delivery needs a definitive stop once the toewijzing
            // ended.
            if let Some(end) = t.einddatum {
                let due = deadline(&calendar, end, 5);
                if today > due {
                    signals.push((
                        signal(
                            &calendar,
                            SignalKind::MissingStop,
                            key,
                            aanbieder,
                            Some(t.nummer),
                            None,
                            due,
                            today,
                            format!(
                                "toewijzing ended {end}, its delivery has no definitive stop (due {due})"
                            ),
                        ),
                        None,
                    ));
                }
            }
            // The no-care rule: the last sign of care, N weeks ago, and no definitive stop.
            let Some(since) = last_care(&state, latest) else {
                continue;
            };
            let weeks = u64::from(ctx.config.no_care_weeks) * 7;
            let Some(due) = since.checked_add_days(Days::new(weeks)) else {
                continue;
            };
            if today > due {
                let stop = NoCareStop {
                    aanbieder: aanbieder.clone(),
                    toewijzing_nummer: t.nummer,
                    begindatum: latest.start.begindatum,
                    since,
                };
                let draft = match action {
                    NoCareAction::Draft307 => draft_307(key, &state, latest, t, since, today),
                    _ => None,
                };
                let what = match (action, &draft) {
                    (NoCareAction::StopEigenBijdrage, _) => {
                        format!("; the eigen bijdrage stops on {since}")
                    }
                    (NoCareAction::Draft307, Some(_)) => {
                        "; a draft 307 is in the back office".to_string()
                    }
                    (NoCareAction::Draft307, None) => {
                        "; no draft 307: the client's personal data are not known".to_string()
                    }
                    _ => String::new(),
                };
                signals.push((
                    signal(
                        &calendar,
                        SignalKind::NoCare,
                        key,
                        aanbieder,
                        Some(t.nummer),
                        None,
                        due,
                        today,
                        format!(
                            "no care since {since} ({} weeks) and no definitive stop{what}",
                            ctx.config.no_care_weeks
                        ),
                    ),
                    Some(NoCareFired { stop, draft }),
                ));
            }
        }
    }
    // OP090, OP090x4: our messages still waiting for their retour or 325.
    let mut waiting: Vec<(&MessageRef, &str)> = Vec::new();
    for f in state.facts.iter().filter(|f| f.pending) {
        if waiting.iter().any(|(s, _)| *s == &f.source) {
            continue;
        }
        if let Some(aanbieder) = aanbieder_of(&f.body) {
            waiting.push((&f.source, aanbieder));
        }
    }
    for (source, aanbieder) in waiting {
        let (_, kind, due, what) = answer_on_our_message_due(&calendar, source);
        if today > due {
            signals.push((
                signal(
                    &calendar,
                    kind,
                    key,
                    aanbieder,
                    None,
                    Some(&source.identificatie),
                    due,
                    today,
                    format!(
                        "no {what} on our {} {:?} of {} (due {due})",
                        source.kind.number(),
                        source.identificatie,
                        source.dagtekening
                    ),
                ),
                None,
            ));
        }
    }
    // OP274, OP346: requests without their (final) answer.
    let mut asked: Vec<(&str, &str)> = Vec::new();
    for f in &state.facts {
        if let FactBody::Verzoek(v) = &f.body {
            if v.is_request() && !asked.contains(&(v.aanbieder.as_str(), v.referentie.as_str())) {
                asked.push((&v.aanbieder, &v.referentie));
            }
        }
    }
    for (aanbieder, referentie) in asked {
        let Some((_, missing, due, on)) = answer_due(&calendar, &state, aanbieder, referentie)
        else {
            continue;
        };
        if today > due {
            signals.push((
                signal(
                    &calendar,
                    missing,
                    key,
                    aanbieder,
                    None,
                    Some(referentie),
                    due,
                    today,
                    format!(
                        "the request {referentie:?} of {on} has no {}answer (due {due})",
                        if missing == SignalKind::MissingFinalAnswer {
                            "final "
                        } else {
                            ""
                        }
                    ),
                ),
                None,
            ));
        }
    }
    // Raise each signal once.
    let mut raised = Vec::new();
    for (s, fired) in signals {
        let subject = Signalled {
            kind: s.kind,
            aanbieder: s.aanbieder.clone(),
            toewijzing_nummer: s.toewijzing_nummer,
            due: s.due,
            subject: s.subject.clone(),
        };
        let seen = state
            .facts
            .iter()
            .any(|f| matches!(&f.body, FactBody::Signalled(x) if *x == subject));
        if seen {
            continue;
        }
        let source = MessageRef {
            kind: MessageKind::Wmo305,
            afzender: String::new(),
            identificatie: format!("review-{today}"),
            dagtekening: today,
        };
        state.facts.push(Fact {
            source: source.clone(),
            pending: false,
            body: FactBody::Signalled(subject),
        });
        if let Some(fired) = fired {
            match action {
                NoCareAction::StopEigenBijdrage => state.facts.push(Fact {
                    source,
                    pending: false,
                    body: FactBody::NoCareStop(fired.stop),
                }),
                _ => decision.drafts.extend(fired.draft),
            }
        }
        raised.push(s);
    }
    if !raised.is_empty() {
        decision.clients.push((key.clone(), state));
        crate::decide::derive_eigen_bijdrage(prior, ctx, &mut decision);
    }
    decision.signals = raised;
    decision
}

/// Records a care event for a client (the no-care rule's "last care event received"). Pure,
/// like `decide`: the engine commits the returned state. Care after a day the no-care rule
/// stopped the eigen bijdrage opens it again (a WMO405 in `derived`).
pub fn care_event(
    prior: &dyn Prior,
    key: &ClientKey,
    event: CareEvent,
    ctx: &Context<'_>,
) -> Decision {
    let mut decision = Decision::new(Role::Receiver);
    let mut state = prior.client(key).cloned().unwrap_or_default();
    state.facts.push(Fact {
        source: MessageRef {
            kind: MessageKind::Wmo305,
            afzender: event.aanbieder.clone(),
            identificatie: format!("care-{}-{}", event.toewijzing_nummer, event.date),
            dagtekening: ctx.today,
        },
        pending: false,
        body: FactBody::Care(event),
    });
    decision.clients.push((key.clone(), state));
    crate::decide::derive_eigen_bijdrage(prior, ctx, &mut decision);
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
    #[serde(serialize_with = "crate::date_text::serialize")]
    pub due: NaiveDate,
    /// The request's reference or our message's Identificatie ([`Signal::subject`]).
    pub subject: Option<String>,
}

/// The no-care rule stopped the eigen bijdrage of one delivery (gemeente, as configured): its
/// eigen-bijdrage period ends on `since` until care resumes after it (see
/// [`crate::eigen_bijdrage::desired_periods`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NoCareStop {
    /// The aanbieder of the delivery.
    pub aanbieder: String,
    /// Its toegewezen product.
    pub toewijzing_nummer: u32,
    /// The Begindatum of its start (the delivery's key with the two above).
    #[serde(serialize_with = "crate::date_text::serialize")]
    pub begindatum: NaiveDate,
    /// The last day of care known: the eigen bijdrage stops on it.
    #[serde(serialize_with = "crate::date_text::serialize")]
    pub since: NaiveDate,
}

/// The care events of a toegewezen product.
fn care_events<'s>(
    state: &'s ClientState,
    aanbieder: &'s str,
    nummer: u32,
) -> impl Iterator<Item = NaiveDate> + 's {
    state.facts.iter().filter_map(move |f| match &f.body {
        FactBody::Care(c) if c.aanbieder == aanbieder && c.toewijzing_nummer == nummer => {
            Some(c.date)
        }
        _ => None,
    })
}

/// "No care since" for a delivery that is not stopped for good: the latest of the Einddatum of
/// its temporary stop, the end of the last declared prestatie (approved, not credited) and the
/// last care event received, each from its Begindatum on. `None` when care is ongoing as far
/// as known.
fn last_care(state: &ClientState, d: &Delivery) -> Option<NaiveDate> {
    let from = d.start.begindatum;
    let temporary = d
        .stops
        .iter()
        .filter(|s| s.is_temporary())
        .map(|s| s.einddatum)
        .max();
    let nummer = d.start.nummer?;
    let aanbieder = d.start.aanbieder.as_str();
    let events = care_events(state, aanbieder, nummer).max();
    let declared = crate::declaratie::approved_periods(state, aanbieder, nummer)
        .map(|p| p.einddatum)
        .max();
    [temporary, events, declared]
        .into_iter()
        .flatten()
        .filter(|d| *d >= from)
        .max()
}

/// The first day care is known to have resumed after `since` on a toegewezen product: a care
/// event after it, or a declared prestatie (approved, not credited) that ends after it (from
/// its begin, but not before the day after `since`).
pub(crate) fn care_resumed(
    state: &ClientState,
    aanbieder: &str,
    nummer: u32,
    since: NaiveDate,
) -> Option<NaiveDate> {
    let next_day = since.succ_opt()?;
    let events = care_events(state, aanbieder, nummer).filter(|d| *d > since);
    let declared = crate::declaratie::approved_periods(state, aanbieder, nummer)
        .filter(|p| p.einddatum > since)
        .map(|p| p.begindatum.max(next_day));
    events.chain(declared).min()
}

/// The draft 307 the no-care rule proposes to an aanbieder: a definitive stop of the
/// delivery on the last day of care, RedenBeeindiging 23 (in overeenstemming voortijdig
/// beëindigd) for the back office to confirm or change before it sends it. `None` when no 301
/// gave the client's personal data. Its Identificatie is derived from the delivery and the
/// date (`NC` and ten hex digits), so a replay gives the same draft; the back office numbers
/// it as its own when it sends it.
fn draft_307(
    key: &ClientKey,
    state: &ClientState,
    d: &Delivery,
    t: &Toewijzing,
    since: NaiveDate,
    today: NaiveDate,
) -> Option<Message> {
    let personalia = state.personalia()?;
    let seed = format!(
        "{}/{}/{:?}/{}/{since}",
        key.gemeente,
        key.bsn.as_str(),
        d.start.nummer,
        d.start.begindatum
    );
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    Some(Message::Wmo307(Wmo307 {
        header: Header {
            afzender: d.start.aanbieder.clone(),
            ontvanger: key.gemeente.clone(),
            bericht_identificatie: BerichtIdentificatie {
                identificatie: format!("NC{:010X}", hash >> 24),
                dagtekening: today,
            },
            xsd_versie: XsdVersie::default(),
        },
        client: StopClient {
            bsn: key.bsn.clone(),
            geboortedatum: personalia.geboortedatum(),
            geslacht: personalia.geslacht,
            naam: personalia.verkorte_naam(),
            stop_producten: vec![StopProduct {
                toewijzing_nummer: d.start.nummer,
                product: d.start.product.clone(),
                toewijzing_ingangsdatum: Some(t.ingangsdatum),
                begindatum: d.start.begindatum,
                reden_beeindiging: RedenBeeindiging::InOvereenstemmingVoortijdig,
                einddatum: since,
                status_aanlevering: StatusAanlevering::EersteAanlevering,
                retour_codes: (),
            }],
            retour_codes: (),
        },
    }))
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
    #[serde(serialize_with = "crate::date_text::serialize")]
    pub date: NaiveDate,
}
