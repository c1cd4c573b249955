//! The WMO405 derivation: per person, from the deliveries, as a diff with what was sent.

mod common;
use common::{date, fixture, toewijzing_begeleiding};

use chrono::NaiveDate;
use iwmo_ledger::eigen_bijdrage::{desired_periods, sent_periods, EbPeriod};
use iwmo_ledger::*;
use iwmo_model::codes::{IebStatusAanlevering, RedenBeeindiging, StatusAanlevering};
use iwmo_model::{Message, StartProduct, StopProduct, Wmo405};
use proptest::prelude::*;

/// The begeleiding client's numbers: 26000871 (begeleiding, liable).
const NUMMER: u32 = 26000871;

struct World {
    ledger: MemoryLedger,
    config: Config,
    lists: Lists,
    serial: u32,
    sent: Vec<Wmo405>,
}

impl World {
    fn new(config: Config) -> World {
        let mut w = World {
            ledger: MemoryLedger::new(),
            config,
            lists: Lists::default(),
            serial: 0,
            sent: Vec::new(),
        };
        let d = w.decide(&toewijzing_begeleiding());
        assert_eq!(d.verdict, Verdict::Approved);
        assert!(
            d.derived.is_empty(),
            "the trigger is the start, not the toewijzing"
        );
        w
    }

    fn decide(&mut self, message: &Message) -> Decision {
        let ctx = Context {
            today: date(2026, 12, 1),
            mode: Mode::Chain,
            config: &self.config,
            lists: &self.lists,
        };
        let d = self.ledger.decide_and_apply(message, &ctx);
        self.record(&d);
        d
    }

    /// The review of the client on `today` (the no-care rule may stop the eigen bijdrage).
    fn review(&mut self, today: NaiveDate) -> Decision {
        let ctx = Context {
            today,
            mode: Mode::Chain,
            config: &self.config,
            lists: &self.lists,
        };
        let d = review(&self.ledger, &self.key(), &ctx);
        self.ledger.apply(&d);
        self.record(&d);
        d
    }

    /// A care event for the begeleiding on `on`.
    fn care(&mut self, on: NaiveDate) -> Decision {
        let ctx = Context {
            today: date(2026, 12, 1),
            mode: Mode::Chain,
            config: &self.config,
            lists: &self.lists,
        };
        let event = CareEvent {
            aanbieder: "98004132".into(),
            toewijzing_nummer: NUMMER,
            date: on,
        };
        let d = care_event(&self.ledger, &self.key(), event, &ctx);
        self.ledger.apply(&d);
        self.record(&d);
        d
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

    fn record(&mut self, d: &Decision) {
        for m in &d.derived {
            let Message::Wmo405(m) = m else {
                panic!("only WMO405s are derived")
            };
            self.sent.push(m.clone());
        }
    }

    fn start(&mut self, begindatum: NaiveDate, status: StatusAanlevering) -> Decision {
        let Message::Wmo305(mut m) = fixture("wmo305-start-begeleiding") else {
            unreachable!()
        };
        self.serial += 1;
        m.header.bericht_identificatie.identificatie = format!("S-{}", self.serial);
        m.client.start_producten = vec![StartProduct {
            begindatum,
            status_aanlevering: status,
            toewijzing_nummer: Some(NUMMER),
            ..m.client.start_producten[0].clone()
        }];
        self.decide(&Message::Wmo305(m))
    }

    fn stop(
        &mut self,
        begindatum: NaiveDate,
        reden: RedenBeeindiging,
        einddatum: NaiveDate,
        status: StatusAanlevering,
    ) -> Decision {
        let Message::Wmo307(mut m) = fixture("wmo307-stop-reden-23") else {
            unreachable!()
        };
        self.serial += 1;
        m.header.bericht_identificatie.identificatie = format!("E-{}", self.serial);
        m.client.stop_producten = vec![StopProduct {
            begindatum,
            reden_beeindiging: reden,
            einddatum,
            status_aanlevering: status,
            ..m.client.stop_producten[0].clone()
        }];
        self.decide(&Message::Wmo307(m))
    }

    fn state(&self) -> ClientState {
        self.ledger.client(&self.key()).cloned().unwrap_or_default()
    }

    /// The periods the CAK has after every WMO405 sent so far (replayed as the CAK would).
    fn at_cak(&self) -> Vec<EbPeriod> {
        let mut periods: Vec<(u32, EbPeriod)> = Vec::new();
        for m in &self.sent {
            let p = &m.client.periode_eigen_bijdrage_abo;
            let period = EbPeriod {
                start: p.eb_startdatum,
                stop: p.eb_stopdatum,
            };
            match p.status_aanlevering {
                IebStatusAanlevering::EersteAanlevering => {
                    assert!(
                        periods.iter().all(|(n, _)| *n != p.eb_start_nummer),
                        "status 1 with a number in use"
                    );
                    periods.push((p.eb_start_nummer, period));
                }
                IebStatusAanlevering::GewijzigdeAanlevering => {
                    let Some(slot) = periods.iter_mut().find(|(n, _)| *n == p.eb_start_nummer)
                    else {
                        panic!("status 2 without an earlier start (9103)")
                    };
                    slot.1 = period;
                }
                IebStatusAanlevering::VerwijderenAanlevering => {
                    let before = periods.len();
                    periods.retain(|(n, _)| *n != p.eb_start_nummer);
                    assert_eq!(
                        periods.len() + 1,
                        before,
                        "status 3 without an earlier start"
                    );
                }
            }
        }
        let mut out: Vec<EbPeriod> = periods.into_iter().map(|(_, p)| p).collect();
        out.sort();
        out
    }
}

use IebStatusAanlevering::{
    EersteAanlevering as EB_NEW, GewijzigdeAanlevering as EB_CHANGED,
    VerwijderenAanlevering as EB_DELETED,
};
use RedenBeeindiging::{InOvereenstemmingVoortijdig as R23, TijdelijkBeeindigd as R20};
use StatusAanlevering::{EersteAanlevering as NEW, VerwijderenAanlevering as DELETE};

fn only_405(d: &Decision) -> &Wmo405 {
    assert_eq!(d.derived.len(), 1, "{:#?}", d.derived);
    let Message::Wmo405(m) = &d.derived[0] else {
        unreachable!()
    };
    m
}

#[test]
fn start_then_stop_then_correction_of_the_start() {
    let mut w = World::new(Config::default());
    let d = w.start(date(2026, 2, 2), NEW);
    let m = only_405(&d);
    let p = &m.client.periode_eigen_bijdrage_abo;
    assert_eq!(
        (p.eb_start_nummer, p.eb_startdatum, p.eb_stopdatum),
        (1, date(2026, 2, 2), None)
    );
    assert_eq!(p.status_aanlevering, EB_NEW);
    assert_eq!(m.header.afzender, "0344");
    assert_eq!(m.header.bericht_identificatie.identificatie, "1-1");

    // A temporary stop does not end the period by default.
    assert!(w
        .stop(date(2026, 2, 2), R20, date(2026, 6, 19), NEW)
        .derived
        .is_empty());
    // The definitive stop does, with its own Einddatum (casus 3).
    let d = w.stop(date(2026, 2, 2), R23, date(2026, 7, 3), NEW);
    let p = &only_405(&d).client.periode_eigen_bijdrage_abo;
    assert_eq!(
        (p.eb_start_nummer, p.eb_stopdatum),
        (1, Some(date(2026, 7, 3)))
    );
    assert_eq!(p.status_aanlevering, EB_CHANGED);
    // Deleting the definitive stop reopens the period.
    let d = w.stop(date(2026, 2, 2), R23, date(2026, 7, 3), DELETE);
    assert_eq!(
        only_405(&d).client.periode_eigen_bijdrage_abo.eb_stopdatum,
        None
    );
    assert_eq!(
        w.at_cak(),
        desired_periods(&w.state(), &w.config.eigen_bijdrage)
    );
}

#[test]
fn a_deleted_start_deletes_the_period_and_a_new_one_gets_a_new_number() {
    let mut w = World::new(Config::default());
    w.start(date(2026, 2, 3), NEW);
    let d = w.start(date(2026, 2, 3), DELETE);
    let p = &only_405(&d).client.periode_eigen_bijdrage_abo;
    assert_eq!((p.eb_start_nummer, p.status_aanlevering), (1, EB_DELETED));
    let d = w.start(date(2026, 2, 2), NEW);
    assert_eq!(
        only_405(&d)
            .client
            .periode_eigen_bijdrage_abo
            .eb_start_nummer,
        2
    );
    assert_eq!(
        w.at_cak(),
        [EbPeriod {
            start: date(2026, 2, 2),
            stop: None
        }]
    );
}

#[test]
fn temporary_stop_ends_the_period_when_configured() {
    let mut config = Config::default();
    config.eigen_bijdrage.temporary_stop_ends_period = true;
    let mut w = World::new(config);
    w.start(date(2026, 2, 2), NEW);
    let d = w.stop(date(2026, 2, 2), R20, date(2026, 6, 19), NEW);
    assert_eq!(
        only_405(&d).client.periode_eigen_bijdrage_abo.eb_stopdatum,
        Some(date(2026, 6, 19))
    );
    // Restart: a new period, a new number.
    let d = w.start(date(2026, 8, 3), NEW);
    let p = &only_405(&d).client.periode_eigen_bijdrage_abo;
    assert_eq!((p.eb_start_nummer, p.status_aanlevering), (2, EB_NEW));
    assert_eq!(w.at_cak().len(), 2);
}

#[test]
fn not_liable_products_and_aanbieders_derive_nothing() {
    let mut config = Config::default();
    config.eigen_bijdrage.liable.clear();
    let mut w = World::new(config);
    assert!(w.start(date(2026, 2, 2), NEW).derived.is_empty());

    // An aanbieder's own ledger never derives WMO405s.
    let mut w = World::new(Config::default());
    let Message::Wmo305(m) = fixture("wmo305-start-begeleiding") else {
        unreachable!()
    };
    let ctx = Context {
        today: date(2026, 12, 1),
        mode: Mode::Own(Party::Aanbieder("98004132".into())),
        config: &w.config,
        lists: &w.lists,
    };
    let d = w.ledger.decide_and_apply(&Message::Wmo305(m), &ctx);
    assert_eq!(d.verdict, Verdict::Approved);
    assert!(d.derived.is_empty());
}

#[test]
fn derived_messages_are_valid_against_our_schemas() {
    let mut w = World::new(Config::default());
    w.start(date(2026, 2, 2), NEW);
    w.stop(date(2026, 2, 2), R23, date(2026, 7, 3), NEW);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schemas");
    let schemas = iwmo_xsd::SchemaSet::load_dir(dir).unwrap();
    for m in &w.sent {
        let xml = iwmo_model::write(&Message::Wmo405(m.clone()));
        let report = schemas.validate(xml.as_bytes());
        assert!(report.is_valid(), "{:#?}\n{xml}", report.errors);
    }
    assert_eq!(w.sent.len(), 2);
}

/// One step of a random delivery history of one toegewezen product.
#[derive(Debug, Clone)]
enum Step {
    Start(u32),
    DeleteStart(u32),
    Stop(u32, bool, u32),
    DeleteStop(u32, bool, u32),
    /// The review on this many weeks after 2 February (the no-care rule, configured to stop
    /// the eigen bijdrage).
    Review(u32),
    /// A care event on this many days after 2 February.
    Care(u32),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0u32..5).prop_map(Step::Start),
        (0u32..5).prop_map(Step::DeleteStart),
        (0u32..5, any::<bool>(), 0u32..4).prop_map(|(b, t, e)| Step::Stop(b, t, e)),
        (0u32..5, any::<bool>(), 0u32..4).prop_map(|(b, t, e)| Step::DeleteStop(b, t, e)),
        (0u32..16).prop_map(Step::Review),
        (0u32..60).prop_map(Step::Care),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the order of starts, stops and deletions (accepted or rejected), reviews that
    /// stop the eigen bijdrage for want of care and care events that resume it, the periods
    /// the CAK ends up with equal those computed from the final state from scratch, no change
    /// or deletion comes before its start, and deciding is deterministic.
    #[test]
    fn the_cak_has_what_the_final_state_says(steps in proptest::collection::vec(step(), 1..25), temporary_ends in any::<bool>()) {
        let mut config = Config::default();
        config.eigen_bijdrage.temporary_stop_ends_period = temporary_ends;
        // Short, so that the reviews of the history see the rule fire and care resume.
        config.no_care_weeks = 2;
        config.no_care_action = NoCareAction::StopEigenBijdrage;
        let run = |config: Config| {
            let mut w = World::new(config);
            let mut verdicts = Vec::new();
            for s in &steps {
                let day = |n: u32| date(2026, 2, 2) + chrono::Days::new(u64::from(n));
                let begin = |b: u32| day(7 * b);
                let end = |b: u32, e: u32| day(7 * b + 3 + e);
                let reden = |t: bool| if t { R20 } else { R23 };
                let d = match *s {
                    Step::Start(b) => w.start(begin(b), NEW),
                    Step::DeleteStart(b) => w.start(begin(b), DELETE),
                    Step::Stop(b, t, e) => w.stop(begin(b), reden(t), end(b, e), NEW),
                    Step::DeleteStop(b, t, e) => w.stop(begin(b), reden(t), end(b, e), DELETE),
                    Step::Review(n) => w.review(day(7 * n)),
                    Step::Care(n) => w.care(day(n)),
                };
                verdicts.push((d.verdict, d.rules(), d.derived.len()));
            }
            (w.at_cak(), desired_periods(&w.state(), &w.config.eigen_bijdrage), sent_periods(&w.state()), verdicts)
        };
        let (at_cak, desired, sent, verdicts) = run(config.clone());
        prop_assert_eq!(&at_cak, &desired);
        let live: Vec<EbPeriod> = { let mut v: Vec<EbPeriod> = sent.iter().filter(|s| !s.deleted).map(|s| s.period).collect(); v.sort(); v };
        prop_assert_eq!(&live, &desired);
        let again = run(config);
        prop_assert_eq!(verdicts, again.3);
    }
}
