//! Deadline signals on arrival and on review (OP271, OP272, OP090, OP274, OP346, OP090x4),
//! and the no-care rule with its actions (the eigen bijdrage stopped and opened again, the
//! draft 307).

mod common;
use common::{date, fixture, kinds, toewijzing_begeleiding, wmo405s};

use chrono::NaiveDate;
use iwmo_ledger::eigen_bijdrage::{sent_periods, EbPeriod};
use iwmo_ledger::*;
use iwmo_model::codes::{IebStatusAanlevering, RedenBeeindiging, StatusAanlevering};
use iwmo_model::{GeslotenPeriode, Message, StartProduct, StopProduct};
use iwmo_rules::{wmo302, wmo306, wmo308, wmo316, wmo320, Assessment, RetourIdentificatie};

struct World {
    ledger: MemoryLedger,
    config: Config,
    lists: Lists,
    mode: Mode,
    serial: u32,
}

const GEMEENTE: &str = "0344";
const AANBIEDER: &str = "98004132";
const NUMMER: u32 = 26000871;

impl World {
    /// The gemeente's ledger with the begeleiding (26000871, 2026-02-01 … 2026-12-31): its 301
    /// of 2026-01-26 sent and approved by the aanbieder's 302 the next day.
    fn new() -> World {
        let mut w = World::empty(Mode::Own(Party::Gemeente(GEMEENTE.into())));
        let d = w.decide(&toewijzing_begeleiding(), date(2026, 1, 26));
        assert_eq!(d.verdict, Verdict::Approved);
        assert_eq!(d.role, Role::Sender);
        let d = w.confirm(&toewijzing_begeleiding(), date(2026, 1, 27));
        assert_eq!(d.verdict, Verdict::RetourApproved);
        assert!(d.signals.is_empty(), "on time: {:?}", d.signals);
        w
    }

    /// [`World::new`], started on 2 February (reported on the 4th), temporarily stopped on
    /// 19 June (reported on the 22nd).
    fn temporarily_stopped() -> World {
        let mut w = World::new();
        w.start(date(2026, 2, 2), date(2026, 2, 4));
        w.stop(
            RedenBeeindiging::TijdelijkBeeindigd,
            date(2026, 6, 19),
            date(2026, 6, 22),
        );
        w
    }

    /// The aanbieder's ledger with the begeleiding's 301 received on 2026-01-26.
    fn aanbieder() -> World {
        let mut w = World::empty(Mode::Own(Party::Aanbieder(AANBIEDER.into())));
        let d = w.decide(&toewijzing_begeleiding(), date(2026, 1, 26));
        assert_eq!(d.verdict, Verdict::Approved);
        assert_eq!(d.role, Role::Receiver);
        w
    }

    /// The aanbieder's ledger before anything happened.
    fn aanbieder_without_toewijzing() -> World {
        World::empty(Mode::Own(Party::Aanbieder(AANBIEDER.into())))
    }

    fn empty(mode: Mode) -> World {
        World {
            ledger: MemoryLedger::new(),
            config: Config::default(),
            lists: Lists::default(),
            mode,
            serial: 0,
        }
    }

    fn ctx(&self, today: NaiveDate) -> Context<'_> {
        Context {
            today,
            mode: self.mode.clone(),
            config: &self.config,
            lists: &self.lists,
        }
    }

    fn decide(&mut self, m: &Message, today: NaiveDate) -> Decision {
        let d = decide(&self.ledger, m, &self.ctx(today));
        self.ledger.apply(&d);
        d
    }

    /// The approving retour (header only) on a heen message of ours, received on `today`.
    fn confirm(&mut self, heen: &Message, today: NaiveDate) -> Decision {
        self.serial += 1;
        let ident = RetourIdentificatie {
            identificatie: format!("R{}", self.serial),
            dagtekening: today,
            xsd_versie: Default::default(),
            xslt_versie: None,
        };
        let retour = match heen {
            Message::Wmo301(m) => Message::Wmo302(wmo302(&Assessment::new(m), &ident)),
            Message::Wmo305(m) => Message::Wmo306(wmo306(&Assessment::new(m), &ident)),
            Message::Wmo307(m) => Message::Wmo308(wmo308(&Assessment::new(m), &ident)),
            Message::Wmo315(m) => Message::Wmo316(wmo316(&Assessment::new(m), &ident)),
            Message::Wmo319(m) => Message::Wmo320(wmo320(&Assessment::new(m), &ident)),
            _ => unreachable!("no retour in these tests"),
        };
        self.decide(&retour, today)
    }

    /// The 305 of the begeleiding starting on `begindatum`, sent on `received`.
    fn start_message(&mut self, begindatum: NaiveDate, received: NaiveDate) -> Message {
        let Message::Wmo305(mut m) = fixture("wmo305-start-begeleiding") else {
            unreachable!()
        };
        self.serial += 1;
        m.header.bericht_identificatie.identificatie = format!("S{}", self.serial);
        m.header.bericht_identificatie.dagtekening = received;
        m.client.start_producten = vec![StartProduct {
            begindatum,
            ..m.client.start_producten[0].clone()
        }];
        Message::Wmo305(m)
    }

    fn start(&mut self, begindatum: NaiveDate, received: NaiveDate) -> Decision {
        let m = self.start_message(begindatum, received);
        self.decide(&m, received)
    }

    fn stop(
        &mut self,
        reden: RedenBeeindiging,
        einddatum: NaiveDate,
        received: NaiveDate,
    ) -> Decision {
        let Message::Wmo307(mut m) = fixture("wmo307-stop-reden-23") else {
            unreachable!()
        };
        self.serial += 1;
        m.header.bericht_identificatie.identificatie = format!("E{}", self.serial);
        m.header.bericht_identificatie.dagtekening = received;
        m.client.stop_producten = vec![StopProduct {
            reden_beeindiging: reden,
            einddatum,
            status_aanlevering: StatusAanlevering::EersteAanlevering,
            ..m.client.stop_producten[0].clone()
        }];
        self.decide(&Message::Wmo307(m), received)
    }

    fn key(&self) -> ClientKey {
        let Message::Wmo305(m) = fixture("wmo305-start-begeleiding") else {
            unreachable!()
        };
        ClientKey {
            gemeente: GEMEENTE.into(),
            bsn: m.client.bsn,
        }
    }

    fn review(&mut self, today: NaiveDate) -> Vec<Signal> {
        self.review_decision(today).signals
    }

    fn review_decision(&mut self, today: NaiveDate) -> Decision {
        let key = self.key();
        let d = review(&self.ledger, &key, &self.ctx(today));
        self.ledger.apply(&d);
        d
    }

    fn care(&mut self, on: NaiveDate, received: NaiveDate) -> Decision {
        let key = self.key();
        let event = CareEvent {
            aanbieder: AANBIEDER.into(),
            toewijzing_nummer: NUMMER,
            date: on,
        };
        let d = care_event(&self.ledger, &key, event, &self.ctx(received));
        self.ledger.apply(&d);
        d
    }

    /// A 323 of the begeleiding for one calendar month of 2026 (16 hours), sent on `received`.
    fn declare(&mut self, month: u32, received: NaiveDate) -> Decision {
        let Message::Wmo323(mut m) = fixture("wmo323-declaratie-april-two-clients") else {
            unreachable!()
        };
        let key = self.key();
        self.serial += 1;
        m.header.bericht_identificatie.identificatie = format!("D{}", self.serial);
        m.header.bericht_identificatie.dagtekening = received;
        let d = &mut m.declaratie;
        let first = date(2026, month, 1);
        let last = date(2026, month + 1, 1).pred_opt().unwrap();
        d.declaratie_nummer = format!("D2026{month:02}X{}", self.serial);
        d.declaratie_periode = GeslotenPeriode {
            begindatum: first,
            einddatum: last,
        };
        d.declaratie_dagtekening = received;
        d.clienten.retain(|c| c.bsn == key.bsn);
        let p = &mut d.clienten[0].prestaties[0];
        p.product_referentie.referentie_nummer = format!("B2026{month:02}");
        p.product_periode = GeslotenPeriode {
            begindatum: first,
            einddatum: last,
        };
        d.totaal_ingediend_bedrag.totaal_bedrag = u64::from(p.ingediend_bedrag.bedrag);
        self.decide(&Message::Wmo323(m), received)
    }

    fn state(&self) -> ClientState {
        self.ledger.client(&self.key()).cloned().unwrap_or_default()
    }
}

#[test]
fn a_start_within_five_working_days_is_on_time_and_a_later_one_is_late() {
    let mut w = World::new();
    // Begindatum Monday 2 February 2026: due Monday 9 February.
    assert!(w
        .start(date(2026, 2, 2), date(2026, 2, 9))
        .signals
        .is_empty());
    let mut w = World::new();
    let d = w.start(date(2026, 2, 2), date(2026, 2, 20));
    assert_eq!(kinds(&d.signals), [SignalKind::LateStart]);
    let s = &d.signals[0];
    assert_eq!(s.due, date(2026, 2, 9));
    // 10 … 13 and 16 … 20 February: 9 working days late.
    assert_eq!(s.working_days_late, 9);
    assert_eq!(s.toewijzing_nummer, Some(26000871));
    assert_eq!(s.kind.rule(), "OP271");
}

#[test]
fn a_retroactive_toewijzing_gives_five_working_days_after_its_receipt() {
    let mut w = World::new();
    // Begindatum before the 301 of 26 January: due 5 working days after the 301, 2 February.
    assert!(w
        .start(date(2026, 1, 5), date(2026, 2, 2))
        .signals
        .is_empty());
}

#[test]
fn late_stop_but_not_a_definitive_stop_after_a_temporary_one() {
    let mut w = World::new();
    w.start(date(2026, 2, 2), date(2026, 2, 4));
    // Einddatum Wednesday 30 September: due Wednesday 7 October.
    let d = w.stop(
        RedenBeeindiging::TijdelijkBeeindigd,
        date(2026, 9, 30),
        date(2026, 10, 9),
    );
    assert_eq!(kinds(&d.signals), [SignalKind::LateStop]);
    assert_eq!(d.signals[0].working_days_late, 2);
    // The definitive stop with the same Einddatum weeks later (casus 2) is not judged late:
    // it is due 5 working days after it became known, which no message says.
    let d = w.stop(
        RedenBeeindiging::InOvereenstemmingVoortijdig,
        date(2026, 9, 30),
        date(2026, 10, 28),
    );
    assert_eq!(d.verdict, Verdict::Approved);
    assert!(d.signals.is_empty());
}

#[test]
fn review_raises_a_missing_start_once() {
    let mut w = World::new();
    // The toewijzing starts 1 February (a Sunday); the 301 came 26 January: due 6 February.
    assert!(w.review(date(2026, 2, 6)).is_empty());
    let s = w.review(date(2026, 2, 10));
    assert_eq!(kinds(&s), [SignalKind::MissingStart]);
    assert_eq!(s[0].due, date(2026, 2, 6));
    assert_eq!(s[0].working_days_late, 2);
    assert!(w.review(date(2026, 2, 11)).is_empty(), "raised once");
    // The start arrives: nothing is missing any more.
    w.start(date(2026, 2, 2), date(2026, 2, 12));
    assert!(w.review(date(2026, 3, 1)).is_empty());
}

#[test]
fn review_raises_a_missing_stop_after_the_toewijzing_ended() {
    let mut w = World::new();
    w.start(date(2026, 2, 2), date(2026, 2, 4));
    // The toewijzing ends 31 December 2026; 1 January is a holiday: due Friday 8 January.
    assert!(w.review(date(2027, 1, 8)).is_empty());
    assert_eq!(
        kinds(&w.review(date(2027, 1, 11))),
        [SignalKind::MissingStop]
    );
    // A definitive stop settles it.
    w.stop(
        RedenBeeindiging::VolgensPlanBeeindigd,
        date(2026, 12, 31),
        date(2027, 1, 12),
    );
    assert!(w.review(date(2027, 2, 1)).is_empty());
}

#[test]
fn no_care_for_six_weeks_after_a_temporary_stop_and_care_events_reset_it() {
    let mut w = World::temporarily_stopped();
    // Six weeks after 19 June is 31 July.
    assert!(w.review(date(2026, 7, 31)).is_empty());
    let s = w.review(date(2026, 8, 3));
    assert_eq!(kinds(&s), [SignalKind::NoCare]);
    assert!(s[0].detail.contains("2026-06-19"), "{}", s[0].detail);

    // Another client history: a care event on 20 July moves "no care since".
    let mut w = World::temporarily_stopped();
    w.care(date(2026, 7, 20), date(2026, 7, 21));
    assert!(w.review(date(2026, 8, 3)).is_empty());
    assert_eq!(kinds(&w.review(date(2026, 9, 1))), [SignalKind::NoCare]);

    // The weeks are configuration.
    let mut w = World::new();
    w.config.no_care_weeks = 2;
    w.start(date(2026, 2, 2), date(2026, 2, 4));
    w.stop(
        RedenBeeindiging::TijdelijkBeeindigd,
        date(2026, 6, 19),
        date(2026, 6, 22),
    );
    assert_eq!(kinds(&w.review(date(2026, 7, 6))), [SignalKind::NoCare]);
}

/// An intrekking (a new version of the toewijzing with an earlier Einddatum) requires the
/// aanbieder's stop: the review raises it once the new end plus 5 working days passed.
#[test]
fn intrekking_followed_by_the_required_stop() {
    let mut w = World::new();
    let d = w.start(date(2026, 2, 2), date(2026, 2, 4));
    assert_eq!(wmo405s(&d), [(EB_NEW, date(2026, 2, 2), None)]);
    let Message::Wmo301(mut m) = toewijzing_begeleiding() else {
        unreachable!()
    };
    m.header.bericht_identificatie.identificatie = "G-INTREK".into();
    m.header.bericht_identificatie.dagtekening = date(2026, 6, 1);
    let p = &mut m.client.toegewezen_producten[0];
    p.toewijzingsdatum = date(2026, 6, 1);
    p.einddatum = Some(date(2026, 6, 30));
    p.reden_wijziging = Some(iwmo_model::codes::RedenWijziging::HerbeoordelingVerkorting);
    let intrekking = Message::Wmo301(m);
    let d = w.decide(&intrekking, date(2026, 6, 1));
    assert_eq!(d.verdict, Verdict::Approved);
    assert!(d.derived.is_empty() && d.signals.is_empty(), "{d:#?}");
    w.confirm(&intrekking, date(2026, 6, 2));
    // 30 June + 5 working days = 7 July.
    assert!(w.review(date(2026, 7, 7)).is_empty());
    let s = w.review(date(2026, 7, 8));
    assert_eq!(kinds(&s), [SignalKind::MissingStop]);
    assert_eq!(s[0].due, date(2026, 7, 7));
    // The stop comes: nothing more.
    let d = w.stop(
        RedenBeeindiging::GeinitieerdDoorGemeente,
        date(2026, 6, 30),
        date(2026, 7, 9),
    );
    assert_eq!(d.verdict, Verdict::Approved);
    // Late by the two working days after its due date, as the review said it was missing.
    assert_eq!(kinds(&d.signals), [SignalKind::LateStop]);
    assert_eq!(d.signals[0].working_days_late, 2);
    assert_eq!(
        wmo405s(&d),
        [(EB_CHANGED, date(2026, 2, 2), Some(date(2026, 6, 30)))]
    );
    assert!(w.review(date(2026, 8, 1)).is_empty());
}

/// The periods the CAK has for the begeleiding client (as sent, deleted ones left out).
fn at_cak(w: &World) -> Vec<EbPeriod> {
    sent_periods(&w.state())
        .into_iter()
        .filter(|s| !s.deleted)
        .map(|s| s.period)
        .collect()
}

fn period(start: NaiveDate, stop: Option<NaiveDate>) -> EbPeriod {
    EbPeriod { start, stop }
}

use IebStatusAanlevering::{EersteAanlevering as EB_NEW, GewijzigdeAanlevering as EB_CHANGED};

/// "No care since" takes the end of the last declared prestatie (approved, not credited) as
/// a source; the gemeente (by default) stops the eigen bijdrage on that day, once, and a
/// prestatie after it opens a new period.
#[test]
fn no_care_after_the_last_declared_prestatie_stops_and_reopens_the_eigen_bijdrage() {
    let mut w = World::new();
    let d = w.start(date(2026, 2, 2), date(2026, 2, 4));
    assert_eq!(wmo405s(&d), [(EB_NEW, date(2026, 2, 2), None)]);
    let d = w.declare(4, date(2026, 5, 6));
    assert_eq!(d.verdict, Verdict::Approved, "{:#?}", d.findings);
    // Six weeks after 30 April is 11 June.
    assert!(w.review(date(2026, 6, 11)).is_empty());
    let d = w.review_decision(date(2026, 6, 12));
    assert_eq!(kinds(&d.signals), [SignalKind::NoCare]);
    let s = &d.signals[0];
    assert_eq!(s.due, date(2026, 6, 11));
    assert!(
        s.detail.contains("no care since 2026-04-30"),
        "{}",
        s.detail
    );
    assert!(
        s.detail.contains("the eigen bijdrage stops"),
        "{}",
        s.detail
    );
    assert_eq!(
        wmo405s(&d),
        [(EB_CHANGED, date(2026, 2, 2), Some(date(2026, 4, 30)))]
    );
    assert!(d.drafts.is_empty(), "a gemeente gets no draft 307");
    assert_eq!(
        at_cak(&w),
        [period(date(2026, 2, 2), Some(date(2026, 4, 30)))]
    );
    // Raised once, and nothing more for the CAK.
    let d = w.review_decision(date(2026, 6, 20));
    assert!(d.signals.is_empty() && d.derived.is_empty(), "{d:#?}");

    // Care resumes: the July prestatie opens a new period on 1 July (a new EbStartNummer).
    let d = w.declare(7, date(2026, 8, 5));
    assert_eq!(d.verdict, Verdict::Approved, "{:#?}", d.findings);
    assert_eq!(wmo405s(&d), [(EB_NEW, date(2026, 7, 1), None)]);
    assert_eq!(
        at_cak(&w),
        [
            period(date(2026, 2, 2), Some(date(2026, 4, 30))),
            period(date(2026, 7, 1), None)
        ]
    );
    // And stops again six weeks after the end of July.
    assert!(w.review(date(2026, 9, 11)).is_empty());
    let d = w.review_decision(date(2026, 9, 14));
    assert_eq!(kinds(&d.signals), [SignalKind::NoCare]);
    assert_eq!(
        wmo405s(&d),
        [(EB_CHANGED, date(2026, 7, 1), Some(date(2026, 7, 31)))]
    );
    // Deciding the derivation again from the same state sends nothing (diff-based).
    assert!(w.review_decision(date(2026, 10, 1)).derived.is_empty());
}

/// A temporary stop, no care for six weeks: the eigen bijdrage stops on the temporary stop's
/// Einddatum; the restart opens a new period and its definitive stop ends it. The old,
/// superseded delivery raises nothing more.
#[test]
fn no_care_after_a_temporary_stop_then_a_restart() {
    let mut w = World::new();
    w.start(date(2026, 2, 2), date(2026, 2, 4));
    let d = w.stop(
        RedenBeeindiging::TijdelijkBeeindigd,
        date(2026, 6, 19),
        date(2026, 6, 22),
    );
    assert!(
        d.derived.is_empty(),
        "a temporary stop ends no period by default"
    );
    let d = w.review_decision(date(2026, 8, 3));
    assert_eq!(kinds(&d.signals), [SignalKind::NoCare]);
    assert_eq!(
        wmo405s(&d),
        [(EB_CHANGED, date(2026, 2, 2), Some(date(2026, 6, 19)))]
    );
    let d = w.start(date(2026, 9, 1), date(2026, 9, 2));
    assert_eq!(d.verdict, Verdict::Approved, "{:#?}", d.findings);
    assert_eq!(wmo405s(&d), [(EB_NEW, date(2026, 9, 1), None)]);
    assert!(w.review(date(2026, 9, 20)).is_empty());
    let Message::Wmo307(mut m) = fixture("wmo307-stop-reden-23") else {
        unreachable!()
    };
    m.header.bericht_identificatie.identificatie = "E-RESTART".into();
    m.header.bericht_identificatie.dagtekening = date(2026, 10, 1);
    m.client.stop_producten[0].begindatum = date(2026, 9, 1);
    m.client.stop_producten[0].einddatum = date(2026, 9, 30);
    let d = w.decide(&Message::Wmo307(m), date(2026, 10, 1));
    assert_eq!(d.verdict, Verdict::Approved, "{:#?}", d.findings);
    assert_eq!(
        wmo405s(&d),
        [(EB_CHANGED, date(2026, 9, 1), Some(date(2026, 9, 30)))]
    );
    assert_eq!(
        at_cak(&w),
        [
            period(date(2026, 2, 2), Some(date(2026, 6, 19))),
            period(date(2026, 9, 1), Some(date(2026, 9, 30)))
        ]
    );
    assert!(w.review(date(2026, 12, 1)).is_empty());
}

/// Without the no-care rule, a restart after a temporary stop continues the period (the
/// temporary stop ends none by default), and the definitive stop of the new start ends it:
/// the superseded delivery, which can no longer be stopped, keeps it open no longer.
#[test]
fn a_restart_after_a_temporary_stop_continues_the_period_until_the_new_stop() {
    let mut w = World::temporarily_stopped();
    w.config.no_care_action = NoCareAction::Signal;
    let d = w.start(date(2026, 7, 6), date(2026, 7, 7));
    assert!(d.derived.is_empty(), "{:?}", wmo405s(&d));
    let Message::Wmo307(mut m) = fixture("wmo307-stop-reden-23") else {
        unreachable!()
    };
    m.header.bericht_identificatie.identificatie = "E-RESTART".into();
    m.header.bericht_identificatie.dagtekening = date(2026, 10, 1);
    m.client.stop_producten[0].begindatum = date(2026, 7, 6);
    m.client.stop_producten[0].einddatum = date(2026, 9, 30);
    let d = w.decide(&Message::Wmo307(m), date(2026, 10, 1));
    assert_eq!(
        wmo405s(&d),
        [(EB_CHANGED, date(2026, 2, 2), Some(date(2026, 9, 30)))]
    );
    // The old delivery is done: no missing stop for it once the toewijzing ends.
    assert!(w.review(date(2027, 2, 1)).is_empty());
}

/// A care event after the day the eigen bijdrage stopped opens a new period on that day.
#[test]
fn a_care_event_after_the_stop_opens_the_eigen_bijdrage_again() {
    let mut w = World::temporarily_stopped();
    assert_eq!(kinds(&w.review(date(2026, 8, 3))), [SignalKind::NoCare]);
    // A care event before the stop changes nothing.
    let d = w.care(date(2026, 6, 10), date(2026, 8, 4));
    assert!(d.derived.is_empty());
    let d = w.care(date(2026, 8, 10), date(2026, 8, 11));
    assert_eq!(wmo405s(&d), [(EB_NEW, date(2026, 8, 10), None)]);
    assert_eq!(
        at_cak(&w),
        [
            period(date(2026, 2, 2), Some(date(2026, 6, 19))),
            period(date(2026, 8, 10), None)
        ]
    );
}

/// As configured: the signal only (no WMO405); in the chain view the signal only by default.
#[test]
fn the_no_care_action_is_configuration() {
    let mut w = World::temporarily_stopped();
    w.config.no_care_action = NoCareAction::Signal;
    let d = w.review_decision(date(2026, 8, 3));
    assert_eq!(kinds(&d.signals), [SignalKind::NoCare]);
    assert!(d.derived.is_empty() && d.drafts.is_empty());
    assert_eq!(at_cak(&w), [period(date(2026, 2, 2), None)]);

    let chain = Mode::Chain;
    assert_eq!(NoCareAction::ByParty.resolve(&chain), NoCareAction::Signal);
    let gemeente = Mode::Own(Party::Gemeente(GEMEENTE.into()));
    let aanbieder = Mode::Own(Party::Aanbieder(AANBIEDER.into()));
    assert_eq!(
        NoCareAction::ByParty.resolve(&gemeente),
        NoCareAction::StopEigenBijdrage
    );
    assert_eq!(
        NoCareAction::ByParty.resolve(&aanbieder),
        NoCareAction::Draft307
    );
    // An action that does not fit the party is the signal only.
    assert_eq!(
        NoCareAction::Draft307.resolve(&gemeente),
        NoCareAction::Signal
    );
    assert_eq!(
        NoCareAction::StopEigenBijdrage.resolve(&aanbieder),
        NoCareAction::Signal
    );
    for a in [
        NoCareAction::ByParty,
        NoCareAction::Signal,
        NoCareAction::StopEigenBijdrage,
        NoCareAction::Draft307,
    ] {
        assert_eq!(NoCareAction::from_name(a.name()), Some(a));
    }
}

/// An aanbieder gets a draft 307 for its back office: a definitive stop on the last day of
/// care, valid against our schemas and the level-2 rules, never applied to the ledger.
#[test]
fn an_aanbieder_gets_a_draft_307() {
    let mut w = World::aanbieder();
    let start = w.start_message(date(2026, 2, 2), date(2026, 2, 4));
    assert_eq!(w.decide(&start, date(2026, 2, 4)).role, Role::Sender);
    w.confirm(&start, date(2026, 2, 5));
    let d = w.stop(
        RedenBeeindiging::TijdelijkBeeindigd,
        date(2026, 6, 19),
        date(2026, 6, 22),
    );
    assert_eq!(d.role, Role::Sender);
    let stop = {
        let Message::Wmo307(mut m) = fixture("wmo307-stop-reden-23") else {
            unreachable!()
        };
        m.header.bericht_identificatie.identificatie = format!("E{}", w.serial);
        Message::Wmo307(m)
    };
    w.confirm(&stop, date(2026, 6, 23));
    let d = w.review_decision(date(2026, 8, 3));
    assert_eq!(kinds(&d.signals), [SignalKind::NoCare]);
    assert!(
        d.signals[0].detail.contains("draft 307"),
        "{}",
        d.signals[0].detail
    );
    assert!(d.derived.is_empty(), "an aanbieder derives no WMO405");
    let [Message::Wmo307(draft)] = d.drafts.as_slice() else {
        panic!("one draft 307: {:#?}", d.drafts)
    };
    assert_eq!(draft.header.afzender, AANBIEDER);
    assert_eq!(draft.header.ontvanger, GEMEENTE);
    assert_eq!(
        draft.header.bericht_identificatie.dagtekening,
        date(2026, 8, 3)
    );
    assert_eq!(draft.client.bsn, w.key().bsn);
    let p = &draft.client.stop_producten[0];
    assert_eq!(p.toewijzing_nummer, Some(NUMMER));
    assert_eq!(p.begindatum, date(2026, 2, 2));
    assert_eq!(p.einddatum, date(2026, 6, 19));
    assert_eq!(
        p.reden_beeindiging,
        RedenBeeindiging::InOvereenstemmingVoortijdig
    );
    let Message::Wmo301(toewijzing) = toewijzing_begeleiding() else {
        unreachable!()
    };
    assert_eq!(draft.client.geboortedatum, toewijzing.client.geboortedatum);
    assert_eq!(
        draft.client.naam.geslachtsnaam,
        toewijzing.client.naam.geslachtsnaam
    );
    let message = Message::Wmo307(draft.clone());
    assert!(iwmo_rules::check(&message).is_clean());
    let schemas =
        iwmo_xsd::SchemaSet::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../schemas"))
            .unwrap();
    let xml = iwmo_model::write(&message);
    let report = schemas.validate(xml.as_bytes());
    assert!(report.is_valid(), "{:#?}\n{xml}", report.errors);
    // A draft is not sent: the delivery is not stopped, and the draft comes once.
    assert!(w.state().deliveries()[0].definitive_stop().is_none());
    assert!(w.review_decision(date(2026, 9, 1)).drafts.is_empty());
    // Deciding the draft as our own 307 is what the back office would do: it passes.
    let d = w.decide(&message, date(2026, 8, 3));
    assert_eq!(d.verdict, Verdict::Approved, "{:#?}", d.findings);
}

/// OP090: our 301 waits for its retour 3 working days; then the review signals it missing,
/// once, and the retour that comes later is late.
#[test]
fn a_missing_and_then_late_retour_on_our_message() {
    let mut w = World::empty(Mode::Own(Party::Gemeente(GEMEENTE.into())));
    let heen = toewijzing_begeleiding();
    w.decide(&heen, date(2026, 1, 26));
    // Monday 26 January: due Thursday 29 January.
    assert!(w.review(date(2026, 1, 29)).is_empty());
    let s = w.review(date(2026, 1, 30));
    assert_eq!(kinds(&s), [SignalKind::MissingRetour]);
    assert_eq!(s[0].due, date(2026, 1, 29));
    assert_eq!(s[0].subject.as_deref(), Some("G26-0301-006"));
    assert_eq!(s[0].aanbieder, AANBIEDER);
    assert_eq!(s[0].kind.rule(), "OP090");
    assert!(w.review(date(2026, 2, 2)).is_empty(), "raised once");
    let d = w.confirm(&heen, date(2026, 2, 2));
    assert_eq!(d.verdict, Verdict::RetourApproved);
    assert_eq!(kinds(&d.signals), [SignalKind::LateRetour]);
    // Friday 30 January and Monday 2 February.
    assert_eq!(d.signals[0].working_days_late, 2);
    assert!(w.review(date(2026, 2, 6)).is_empty());
}

/// OP090x4: the 325 on our 323 within 10 working days (Ascension Day and Whit Monday are
/// not working days).
#[test]
fn a_missing_and_then_late_325_on_our_declaration() {
    let mut w = World::aanbieder();
    let start = w.start_message(date(2026, 2, 2), date(2026, 2, 4));
    w.decide(&start, date(2026, 2, 4));
    w.confirm(&start, date(2026, 2, 5));
    let d = w.declare(4, date(2026, 5, 6));
    assert_eq!(d.role, Role::Sender);
    assert_eq!(d.verdict, Verdict::Approved, "{:#?}", d.findings);
    let sent = format!("D{}", w.serial);
    // Wednesday 6 May + 10 working days, 14 May (Ascension Day) skipped: Thursday 21 May.
    assert!(w.review(date(2026, 5, 21)).is_empty());
    let s = w.review(date(2026, 5, 22));
    assert_eq!(kinds(&s), [SignalKind::MissingDeclaratieAntwoord]);
    assert_eq!(s[0].due, date(2026, 5, 21));
    assert_eq!(s[0].subject.as_deref(), Some(sent.as_str()));
    assert_eq!(s[0].kind.rule(), "OP090x4");
    let Message::Wmo325(mut antwoord) = fixture("wmo325-approved-8001") else {
        unreachable!()
    };
    antwoord.header.declaratie_identificatie.identificatie = sent.clone();
    antwoord.header.declaratie_identificatie.dagtekening = date(2026, 5, 6);
    let d = w.decide(&Message::Wmo325(antwoord), date(2026, 5, 26));
    assert_eq!(d.verdict, Verdict::RetourApproved, "{d:#?}");
    assert_eq!(kinds(&d.signals), [SignalKind::LateDeclaratieAntwoord]);
    // Friday 22 May and Tuesday 26 May (Whit Monday 25 May is a holiday).
    assert_eq!(d.signals[0].working_days_late, 2);
}

/// OP274 and OP346 for the gemeente: the request it has not answered in 5 working days, and
/// after its "in onderzoek" the final answer it has not given in 8 weeks.
#[test]
fn the_gemeente_is_reminded_of_its_answers() {
    let mut w = World::empty(Mode::Own(Party::Gemeente(GEMEENTE.into())));
    let d = w.decide(
        &fixture("wmo315-vot-begeleiding-huisarts"),
        date(2026, 1, 12),
    );
    assert_eq!(d.verdict, Verdict::Approved, "{:#?}", d.findings);
    // Monday 12 January: due Monday 19 January.
    assert!(w.review(date(2026, 1, 19)).is_empty());
    let s = w.review(date(2026, 1, 20));
    assert_eq!(kinds(&s), [SignalKind::MissingAnswer]);
    assert_eq!(s[0].subject.as_deref(), Some("VOT2026-0042"));
    assert_eq!(s[0].kind.rule(), "OP274");
    assert!(w.review(date(2026, 1, 21)).is_empty(), "raised once");
    // Our "in onderzoek", late (no signal on our own answer: the review said it) and
    // confirmed by its 320.
    let onderzoek = fixture("wmo319-aanvraag-in-onderzoek");
    let d = w.decide(&onderzoek, date(2026, 1, 21));
    assert_eq!((d.role, d.verdict), (Role::Sender, Verdict::Approved));
    assert!(d.signals.is_empty());
    w.confirm(&onderzoek, date(2026, 1, 22));
    // Eight weeks after 12 January: 9 March.
    assert!(w.review(date(2026, 3, 9)).is_empty());
    let s = w.review(date(2026, 3, 10));
    assert_eq!(kinds(&s), [SignalKind::MissingFinalAnswer]);
    assert_eq!(s[0].due, date(2026, 3, 9));
    assert_eq!(s[0].kind.rule(), "OP346");
}

/// OP274 and OP346 for the aanbieder: the "in onderzoek" that came late, and the honouring
/// toewijzing that came after the 8 weeks.
#[test]
fn late_answers_on_our_request() {
    let mut w = World::aanbieder_without_toewijzing();
    let vot = fixture("wmo315-vot-begeleiding-huisarts");
    assert_eq!(w.decide(&vot, date(2026, 1, 12)).role, Role::Sender);
    w.confirm(&vot, date(2026, 1, 13));
    let d = w.decide(&fixture("wmo319-aanvraag-in-onderzoek"), date(2026, 1, 21));
    assert_eq!((d.role, d.verdict), (Role::Receiver, Verdict::Approved));
    assert_eq!(kinds(&d.signals), [SignalKind::LateAnswer]);
    assert_eq!(d.signals[0].due, date(2026, 1, 19));
    assert_eq!(d.signals[0].working_days_late, 2);
    assert_eq!(d.signals[0].subject.as_deref(), Some("VOT2026-0042"));
    let d = w.decide(&fixture("wmo301-toewijzing-after-vot"), date(2026, 3, 10));
    assert_eq!(d.verdict, Verdict::Approved, "{:#?}", d.findings);
    assert_eq!(kinds(&d.signals), [SignalKind::LateFinalAnswer]);
    assert_eq!(d.signals[0].due, date(2026, 3, 9));
    // Honoured: no answer is missing any more; the start is (it was due 6 February).
    let s = w.review(date(2026, 3, 11));
    assert_eq!(kinds(&s), [SignalKind::MissingStart], "{s:#?}");
}

/// On time: the "in onderzoek" within 5 working days, a final answer within 8 weeks.
#[test]
fn answers_on_time_raise_nothing() {
    let mut w = World::aanbieder_without_toewijzing();
    let vot = fixture("wmo315-vot-begeleiding-huisarts");
    w.decide(&vot, date(2026, 1, 12));
    w.confirm(&vot, date(2026, 1, 13));
    let d = w.decide(&fixture("wmo319-aanvraag-in-onderzoek"), date(2026, 1, 15));
    assert!(d.signals.is_empty(), "{:?}", d.signals);
    let d = w.decide(&fixture("wmo301-toewijzing-after-vot"), date(2026, 1, 26));
    assert!(d.signals.is_empty(), "{:?}", d.signals);
}
