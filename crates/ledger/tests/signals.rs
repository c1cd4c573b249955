//! Deadline signals (OP271, OP272) on arrival and on review, and the no-care rule.

mod common;
use common::{date, fixture};

use chrono::NaiveDate;
use iwmo_ledger::*;
use iwmo_model::codes::{RedenBeeindiging, StatusAanlevering};
use iwmo_model::{Message, StartProduct, StopProduct};

struct World {
    ledger: MemoryLedger,
    config: Config,
    lists: Lists,
    serial: u32,
}

impl World {
    /// The begeleiding (26000871, 2026-02-01 … 2026-12-31), its 301 of 2026-01-26 decided.
    fn new() -> World {
        let mut w = World {
            ledger: MemoryLedger::new(),
            config: Config::default(),
            lists: Lists::default(),
            serial: 0,
        };
        let d = w.decide(&fixture("wmo301-toewijzing-after-vot"), date(2026, 1, 26));
        assert_eq!(d.verdict, Verdict::Approved);
        w
    }

    fn ctx(&self, today: NaiveDate) -> Context<'_> {
        Context {
            today,
            mode: Mode::Own(Party::Gemeente("0344".into())),
            config: &self.config,
            lists: &self.lists,
        }
    }

    fn decide(&mut self, m: &Message, today: NaiveDate) -> Decision {
        let ctx = Context {
            today,
            mode: Mode::Own(Party::Gemeente("0344".into())),
            config: &self.config,
            lists: &self.lists,
        };
        let d = decide(&self.ledger, m, &ctx);
        self.ledger.apply(&d);
        d
    }

    fn start(&mut self, begindatum: NaiveDate, received: NaiveDate) -> Decision {
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
        self.decide(&Message::Wmo305(m), received)
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
            gemeente: "0344".into(),
            bsn: m.client.bsn,
        }
    }

    fn review(&mut self, today: NaiveDate) -> Vec<Signal> {
        let key = self.key();
        let d = review(&self.ledger, &key, &self.ctx(today));
        self.ledger.apply(&d);
        d.signals
    }
}

fn kinds(signals: &[Signal]) -> Vec<SignalKind> {
    signals.iter().map(|s| s.kind).collect()
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
    let mut w = World::new();
    w.start(date(2026, 2, 2), date(2026, 2, 4));
    w.stop(
        RedenBeeindiging::TijdelijkBeeindigd,
        date(2026, 6, 19),
        date(2026, 6, 22),
    );
    // Six weeks after 19 June is 31 July.
    assert!(w.review(date(2026, 7, 31)).is_empty());
    let s = w.review(date(2026, 8, 3));
    assert_eq!(kinds(&s), [SignalKind::NoCare]);
    assert!(s[0].detail.contains("2026-06-19"), "{}", s[0].detail);

    // Another client history: a care event on 20 July moves "no care since".
    let mut w = World::new();
    w.start(date(2026, 2, 2), date(2026, 2, 4));
    w.stop(
        RedenBeeindiging::TijdelijkBeeindigd,
        date(2026, 6, 19),
        date(2026, 6, 22),
    );
    let key = w.key();
    let d = care_event(
        &w.ledger,
        &key,
        CareEvent {
            aanbieder: "98004132".into(),
            toewijzing_nummer: 26000871,
            date: date(2026, 7, 20),
        },
        date(2026, 7, 21),
    );
    w.ledger.apply(&d);
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
    w.start(date(2026, 2, 2), date(2026, 2, 4));
    let Message::Wmo301(mut m) = fixture("wmo301-toewijzing-after-vot") else {
        unreachable!()
    };
    m.header.bericht_identificatie.identificatie = "G-INTREK".into();
    m.header.bericht_identificatie.dagtekening = date(2026, 6, 1);
    let p = &mut m.client.toegewezen_producten[0];
    p.toewijzingsdatum = date(2026, 6, 1);
    p.einddatum = Some(date(2026, 6, 30));
    p.reden_wijziging = Some(iwmo_model::codes::RedenWijziging::HerbeoordelingVerkorting);
    assert_eq!(
        w.decide(&Message::Wmo301(m), date(2026, 6, 1)).verdict,
        Verdict::Approved
    );
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
    assert!(w.review(date(2026, 8, 1)).is_empty());
}
