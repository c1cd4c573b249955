//! Properties over random message sequences of several clients and two aanbieders: deciding is
//! deterministic, every heen message gets exactly one verdict, a rejected message changes
//! nothing, and the eigen-bijdrage periods sent to the CAK equal those computed from the final
//! state from scratch.

mod common;
use common::{fixture, toewijzing_begeleiding};

use chrono::{Days, NaiveDate};
use iwmo_ledger::eigen_bijdrage::{desired_periods, sent_periods, EbPeriod};
use iwmo_ledger::*;
use iwmo_model::codes::{
    IebStatusAanlevering, RedenBeeindiging, RedenWijziging, StatusAanlevering,
};
use iwmo_model::{Bsn, Message};
use proptest::prelude::*;

fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, 2).unwrap() + Days::new(u64::from(n))
}

const BSNS: [&str; 3] = ["999901230", "999902453", "999903718"];
const AANBIEDERS: [&str; 2] = ["98004132", "98011877"];

#[derive(Debug, Clone)]
enum Event {
    /// A toewijzing (number = client*10 + product) for an aanbieder, or its deletion.
    Toewijzing {
        client: usize,
        aanbieder: usize,
        product: u32,
        delete: bool,
    },
    Start {
        client: usize,
        aanbieder: usize,
        product: u32,
        week: u32,
        delete: bool,
    },
    Stop {
        client: usize,
        aanbieder: usize,
        product: u32,
        week: u32,
        temporary: bool,
        days: u32,
        delete: bool,
    },
}

fn event() -> impl Strategy<Value = Event> {
    let c = 0..BSNS.len();
    let a = 0..AANBIEDERS.len();
    prop_oneof![
        1 => (c.clone(), a.clone(), 0u32..2, prop::bool::weighted(0.15))
            .prop_map(|(client, aanbieder, product, delete)| Event::Toewijzing { client, aanbieder, product, delete }),
        3 => (c.clone(), a.clone(), 0u32..2, 0u32..4, prop::bool::weighted(0.2))
            .prop_map(|(client, aanbieder, product, week, delete)| Event::Start { client, aanbieder, product, week, delete }),
        3 => (c, a, 0u32..2, 0u32..4, any::<bool>(), 0u32..10, prop::bool::weighted(0.2))
            .prop_map(|(client, aanbieder, product, week, temporary, days, delete)| Event::Stop { client, aanbieder, product, week, temporary, days, delete }),
    ]
}

fn status(delete: bool) -> StatusAanlevering {
    if delete {
        StatusAanlevering::VerwijderenAanlevering
    } else {
        StatusAanlevering::EersteAanlevering
    }
}

fn message(i: usize, e: &Event) -> Message {
    let nummer = |client: usize, product: u32| 26_000_000 + client as u32 * 10 + product;
    match *e {
        Event::Toewijzing {
            client,
            aanbieder,
            product,
            delete,
        } => {
            let Message::Wmo301(mut m) = toewijzing_begeleiding() else {
                unreachable!()
            };
            m.header.ontvanger = AANBIEDERS[aanbieder].into();
            m.header.bericht_identificatie.identificatie = format!("G{i}");
            m.client.bsn = Bsn::new(BSNS[client]).unwrap();
            let p = &mut m.client.toegewezen_producten[0];
            p.toewijzing_nummer = nummer(client, product);
            p.toewijzingsdatum = day(i as u32);
            p.referentie_aanbieder = None;
            if delete {
                p.einddatum = Some(p.ingangsdatum);
                p.reden_wijziging = Some(RedenWijziging::Verwijderd);
            }
            Message::Wmo301(m)
        }
        Event::Start {
            client,
            aanbieder,
            product,
            week,
            delete,
        } => {
            let Message::Wmo305(mut m) = fixture("wmo305-start-begeleiding") else {
                unreachable!()
            };
            m.header.afzender = AANBIEDERS[aanbieder].into();
            m.header.bericht_identificatie.identificatie = format!("S{i}");
            m.client.bsn = Bsn::new(BSNS[client]).unwrap();
            let p = &mut m.client.start_producten[0];
            p.toewijzing_nummer = Some(nummer(client, product));
            p.begindatum = day(week * 7);
            p.status_aanlevering = status(delete);
            Message::Wmo305(m)
        }
        Event::Stop {
            client,
            aanbieder,
            product,
            week,
            temporary,
            days,
            delete,
        } => {
            let Message::Wmo307(mut m) = fixture("wmo307-stop-reden-23") else {
                unreachable!()
            };
            m.header.afzender = AANBIEDERS[aanbieder].into();
            m.header.bericht_identificatie.identificatie = format!("E{i}");
            m.client.bsn = Bsn::new(BSNS[client]).unwrap();
            let p = &mut m.client.stop_producten[0];
            p.toewijzing_nummer = Some(nummer(client, product));
            p.begindatum = day(week * 7);
            p.einddatum = day(week * 7 + days);
            p.reden_beeindiging = if temporary {
                RedenBeeindiging::TijdelijkBeeindigd
            } else {
                RedenBeeindiging::InOvereenstemmingVoortijdig
            };
            p.status_aanlevering = status(delete);
            Message::Wmo307(m)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn random_streams(events in prop::collection::vec(event(), 1..40)) {
        let (config, lists) = (Config::default(), Lists::default());
        let ctx = Context { today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), mode: Mode::Chain, config: &config, lists: &lists };
        let mut ledger = MemoryLedger::new();
        let mut sent: Vec<(String, Bsn, u32, EbPeriod, IebStatusAanlevering)> = Vec::new();
        for (i, e) in events.iter().enumerate() {
            let m = message(i, e);
            let first = decide(&ledger, &m, &ctx);
            // Deterministic: the same prior and message give the same decision.
            let second = decide(&ledger, &m, &ctx);
            prop_assert_eq!(&first, &second);
            // Exactly one verdict, approved or rejected, never "not judged" for these kinds.
            prop_assert!(matches!(first.verdict, Verdict::Approved | Verdict::Rejected), "{:?}", first);
            if first.verdict == Verdict::Rejected {
                prop_assert!(first.clients.is_empty() && first.derived.is_empty() && first.index.is_empty());
                prop_assert!(!first.findings.is_empty());
            } else {
                prop_assert!(first.findings.is_empty());
            }
            for d in &first.derived {
                let Message::Wmo405(w) = d else { panic!("only WMO405s") };
                let p = &w.client.periode_eigen_bijdrage_abo;
                // No change or deletion without an earlier start of that number.
                if p.status_aanlevering != IebStatusAanlevering::EersteAanlevering {
                    prop_assert!(sent.iter().any(|s| s.2 == p.eb_start_nummer && s.4 == IebStatusAanlevering::EersteAanlevering));
                } else {
                    prop_assert!(!sent.iter().any(|s| s.2 == p.eb_start_nummer), "a number used twice");
                }
                sent.push((w.header.afzender.clone(), w.client.bsn.clone(), p.eb_start_nummer, EbPeriod { start: p.eb_startdatum, stop: p.eb_stopdatum }, p.status_aanlevering));
            }
            ledger.apply(&first);
        }
        // Per client, what the CAK has (replaying the WMO405s) equals what the state says.
        for b in BSNS {
            let key = ClientKey { gemeente: "0344".into(), bsn: Bsn::new(b).unwrap() };
            let state = ledger.client(&key).cloned().unwrap_or_default();
            let mut at_cak: Vec<(u32, EbPeriod)> = Vec::new();
            for (_, bsn, n, period, status) in sent.iter().filter(|s| s.1 == key.bsn) {
                let _ = bsn;
                at_cak.retain(|(m, _)| m != n);
                if *status != IebStatusAanlevering::VerwijderenAanlevering {
                    at_cak.push((*n, *period));
                }
            }
            let mut at_cak: Vec<EbPeriod> = at_cak.into_iter().map(|(_, p)| p).collect();
            at_cak.sort();
            prop_assert_eq!(&at_cak, &desired_periods(&state, &config.eigen_bijdrage));
            let mut live: Vec<EbPeriod> = sent_periods(&state).into_iter().filter(|s| !s.deleted).map(|s| s.period).collect();
            live.sort();
            prop_assert_eq!(live, at_cak);
        }
    }
}
