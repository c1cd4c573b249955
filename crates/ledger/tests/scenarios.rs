//! Life-cycle scenarios of the delivery per toegewezen product (spec §2.3–2.5, §3.3), each
//! asserting the verdicts, the retourcodes and the state; and the fixture stream of
//! `fixtures/messages`, whose rejected messages must get exactly the fixture retours.

mod common;
use common::{date, fixture, toewijzing_begeleiding, wmo405s, World};

use chrono::NaiveDate;
use iwmo_ledger::*;
use iwmo_model::codes::IebStatusAanlevering::{
    EersteAanlevering as EB_NEW, GewijzigdeAanlevering as EB_CHANGED,
    VerwijderenAanlevering as EB_DELETED,
};
use iwmo_model::codes::{RedenBeeindiging, RedenWijziging, RetourCode, StatusAanlevering};
use iwmo_model::{Message, StartProduct, StopProduct};
use iwmo_rules::{check, RetourIdentificatie};

const GEMEENTE: &str = "0344";
const AANBIEDER: &str = "98004132";
const OTHER_AANBIEDER: &str = "98011877";
/// The begeleiding of P. van den Berg: 26000871, 02A02, from 2026-02-01.
const NUMMER: u32 = 26000871;

impl World {
    /// The 301 of the begeleiding (fixture), approved on its Dagtekening (2026-01-26).
    fn with_toewijzing(mut self) -> World {
        let today = self.today;
        self.today = date(2026, 1, 26);
        let d = self.decide(&toewijzing_begeleiding());
        assert_eq!(d.verdict, Verdict::Approved, "{d:#?}");
        assert!(d.derived.is_empty(), "the trigger is the start");
        self.today = today;
        self
    }

    /// The begeleiding started on 2 February, reported on the 4th: the CAK gets the start.
    fn with_start(mut self) -> World {
        let d = self
            .on(date(2026, 2, 4))
            .start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), NEW)]);
        approved_deriving(&d, &[(EB_NEW, date(2026, 2, 2), None)]);
        self
    }

    /// From now on, messages are received (and dated) on `day`.
    fn on(&mut self, day: NaiveDate) -> &mut World {
        self.today = day;
        self
    }

    /// A 305 of the begeleiding client with these StartProducten (nummer, begindatum, status).
    fn start(&mut self, from: &str, products: &[(u32, NaiveDate, StatusAanlevering)]) -> Decision {
        let Message::Wmo305(mut m) = fixture("wmo305-start-begeleiding") else {
            unreachable!()
        };
        m.header.afzender = from.into();
        m.header.bericht_identificatie.identificatie = self.next_id("S");
        m.header.bericht_identificatie.dagtekening = self.today;
        let template = m.client.start_producten[0].clone();
        m.client.start_producten = products
            .iter()
            .map(|&(nummer, begindatum, status)| StartProduct {
                toewijzing_nummer: Some(nummer),
                begindatum,
                status_aanlevering: status,
                ..template.clone()
            })
            .collect();
        self.decide(&Message::Wmo305(m))
    }

    /// A 307 with these StopProducten (begindatum, reden, einddatum, status).
    fn stop(
        &mut self,
        products: &[(NaiveDate, RedenBeeindiging, NaiveDate, StatusAanlevering)],
    ) -> Decision {
        let Message::Wmo307(mut m) = fixture("wmo307-stop-reden-23") else {
            unreachable!()
        };
        m.header.bericht_identificatie.identificatie = self.next_id("E");
        m.header.bericht_identificatie.dagtekening = self.today;
        let template = m.client.stop_producten[0].clone();
        m.client.stop_producten = products
            .iter()
            .map(|&(begindatum, reden, einddatum, status)| StopProduct {
                begindatum,
                reden_beeindiging: reden,
                einddatum,
                status_aanlevering: status,
                ..template.clone()
            })
            .collect();
        self.decide(&Message::Wmo307(m))
    }

    fn deliveries(&self) -> Vec<Delivery> {
        let Message::Wmo305(m) = fixture("wmo305-start-begeleiding") else {
            unreachable!()
        };
        let key = ClientKey {
            gemeente: GEMEENTE.into(),
            bsn: m.client.bsn,
        };
        self.ledger
            .client(&key)
            .map(ClientState::deliveries)
            .unwrap_or_default()
    }
}

use RedenBeeindiging::{InOvereenstemmingVoortijdig as R23, TijdelijkBeeindigd as R20};
use StatusAanlevering::{EersteAanlevering as NEW, VerwijderenAanlevering as DELETE};

fn codes(d: &Decision) -> Vec<(String, RetourCode)> {
    d.findings
        .iter()
        .map(|f| (f.rule.to_string(), f.retourcode))
        .collect()
}

fn approved(d: &Decision) {
    assert_eq!(d.verdict, Verdict::Approved, "{:#?}", d.findings);
}

/// Approved on time: no signal, and exactly these WMO405s for the CAK.
fn approved_deriving(
    d: &Decision,
    wmo405: &[(
        iwmo_model::codes::IebStatusAanlevering,
        NaiveDate,
        Option<NaiveDate>,
    )],
) {
    approved(d);
    assert_eq!(wmo405s(d), wmo405, "{:#?}", d.derived);
    assert!(d.signals.is_empty(), "{:#?}", d.signals);
}

fn rejected(d: &Decision, rule: &str, code: RetourCode) {
    assert_eq!(d.verdict, Verdict::Rejected);
    assert_eq!(codes(d), [(rule.to_string(), code)], "{:#?}", d.findings);
    assert!(d.clients.is_empty(), "a rejected message changes nothing");
    assert!(
        d.derived.is_empty() && d.signals.is_empty(),
        "nor does it derive or signal anything"
    );
}

/// The retour of an approved heen message is its Header alone, without retourcodes (IV028).
fn header_only_retour(message: &Message, d: &Decision) {
    let r = retour(message, &check(message), d, &ident("R-1")).expect("a retour");
    let xml = iwmo_model::write(&r);
    assert!(!xml.contains("RetourCode"), "{xml}");
    assert!(!xml.contains("Client>"), "{xml}");
}

#[test]
fn start_then_definitive_stop() {
    let mut w = World::chain().with_toewijzing().with_start();
    assert!(w.deliveries()[0].is_actual());
    let d = w
        .on(date(2026, 10, 2))
        .stop(&[(date(2026, 2, 2), R23, date(2026, 9, 30), NEW)]);
    approved_deriving(
        &d,
        &[(EB_CHANGED, date(2026, 2, 2), Some(date(2026, 9, 30)))],
    );
    let d = &w.deliveries()[0];
    assert_eq!(
        d.definitive_stop().map(|s| s.einddatum),
        Some(date(2026, 9, 30))
    );
}

#[test]
fn temporary_stop_then_restart_and_the_old_start_cannot_be_stopped() {
    let mut w = World::chain().with_toewijzing().with_start();
    // A temporary stop ends no eigen-bijdrage period (by default).
    let d = w
        .on(date(2026, 6, 22))
        .stop(&[(date(2026, 2, 2), R20, date(2026, 6, 19), NEW)]);
    approved_deriving(&d, &[]);
    // A temporarily stopped start is not actual: a new start is allowed (OP379, TR326); the
    // period goes on.
    let d = w
        .on(date(2026, 7, 7))
        .start(AANBIEDER, &[(NUMMER, date(2026, 7, 6), NEW)]);
    approved_deriving(&d, &[]);
    assert_eq!(w.deliveries().len(), 2);
    // A stop must name the latest start (TR382, 9069).
    rejected(
        &w.stop(&[(date(2026, 2, 2), R23, date(2026, 7, 1), NEW)]),
        "TR382",
        RetourCode::R9069,
    );
    // The new start's stop ends the period: the old, superseded start keeps it open no longer.
    let d = w
        .on(date(2026, 10, 1))
        .stop(&[(date(2026, 7, 6), R23, date(2026, 9, 30), NEW)]);
    approved_deriving(
        &d,
        &[(EB_CHANGED, date(2026, 2, 2), Some(date(2026, 9, 30)))],
    );
}

#[test]
fn temporary_then_definitive_stop_with_the_same_einddatum() {
    // Casus 2: temporary stop 20-06, two weeks later the definitive stop with the same date,
    // which deregisters the eigen bijdrage from that date.
    let mut w = World::chain().with_toewijzing().with_start();
    let d = w
        .on(date(2026, 6, 22))
        .stop(&[(date(2026, 2, 2), R20, date(2026, 6, 20), NEW)]);
    approved_deriving(&d, &[]);
    // Two weeks later: not late (due when it became known, which no message says).
    let d = w
        .on(date(2026, 7, 6))
        .stop(&[(date(2026, 2, 2), R23, date(2026, 6, 20), NEW)]);
    approved_deriving(
        &d,
        &[(EB_CHANGED, date(2026, 2, 2), Some(date(2026, 6, 20)))],
    );
    let d = &w.deliveries()[0];
    assert_eq!(d.stops.len(), 2);
    assert_eq!(d.definitive_stop().map(|s| s.reden), Some(R23));
}

#[test]
fn stop_rules_tr413_tr414_tr415_tr074() {
    let mut w = World::chain().with_toewijzing();
    approved(&w.start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), NEW)]));
    approved(&w.stop(&[(date(2026, 2, 2), R20, date(2026, 6, 20), NEW)]));
    rejected(
        &w.stop(&[(date(2026, 2, 2), R20, date(2026, 6, 30), NEW)]),
        "TR413",
        RetourCode::R9413,
    );
    rejected(
        &w.stop(&[(date(2026, 2, 2), R23, date(2026, 6, 19), NEW)]),
        "TR414",
        RetourCode::R9414,
    );
    rejected(
        &w.stop(&[(date(2026, 2, 2), R20, date(2026, 6, 20), NEW)]),
        "TR074",
        RetourCode::R9074,
    );
    approved(&w.stop(&[(date(2026, 2, 2), R23, date(2026, 7, 1), NEW)]));
    rejected(
        &w.stop(&[(date(2026, 2, 2), R23, date(2026, 8, 1), NEW)]),
        "TR415",
        RetourCode::R9415,
    );
}

#[test]
fn start_deleted_and_sent_again() {
    let mut w = World::chain().with_toewijzing();
    let d = w
        .on(date(2026, 2, 4))
        .start(AANBIEDER, &[(NUMMER, date(2026, 2, 3), NEW)]);
    approved_deriving(&d, &[(EB_NEW, date(2026, 2, 3), None)]);
    let first = eb_start_nummer(&d);
    // Wrong Begindatum: delete and replace in one message (Begindatum is part of the key);
    // the CAK gets the corrected start under the same EbStartNummer (status 2).
    let d = w.on(date(2026, 2, 5)).start(
        AANBIEDER,
        &[
            (NUMMER, date(2026, 2, 2), NEW),
            (NUMMER, date(2026, 2, 3), DELETE),
        ],
    );
    approved_deriving(&d, &[(EB_CHANGED, date(2026, 2, 2), None)]);
    assert_eq!(eb_start_nummer(&d), first);
    let d = w.deliveries();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].start.begindatum, date(2026, 2, 2));
    // Deleted again: the period is deleted at the CAK (status 3).
    let d = w.start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), DELETE)]);
    approved_deriving(&d, &[(EB_DELETED, date(2026, 2, 2), None)]);
    assert!(w.deliveries().is_empty());
    // The very same key sent again (a deleted start counts as not sent): a new period with a
    // new EbStartNummer.
    let d = w.start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), NEW)]);
    approved_deriving(&d, &[(EB_NEW, date(2026, 2, 2), None)]);
    assert_ne!(eb_start_nummer(&d), first);
}

fn eb_start_nummer(d: &Decision) -> u32 {
    match d.derived.as_slice() {
        [Message::Wmo405(m)] => m.client.periode_eigen_bijdrage_abo.eb_start_nummer,
        other => panic!("one WMO405: {other:#?}"),
    }
}

#[test]
fn start_rules_tr063_tr071_tr074_tr326() {
    let mut w = World::chain().with_toewijzing();
    rejected(
        &w.start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), DELETE)]),
        "TR063",
        RetourCode::R9063,
    );
    approved(&w.start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), NEW)]));
    rejected(
        &w.start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), NEW)]),
        "TR074",
        RetourCode::R9074,
    );
    rejected(
        &w.start(AANBIEDER, &[(NUMMER, date(2026, 3, 1), NEW)]),
        "TR326",
        RetourCode::R9326,
    );
    approved(&w.stop(&[(date(2026, 2, 2), R23, date(2026, 3, 31), NEW)]));
    rejected(
        &w.start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), DELETE)]),
        "TR071",
        RetourCode::R9071,
    );
}

#[test]
fn stop_with_a_wrong_reden_corrected_in_one_message() {
    // Casus 4: since 3.2 RedenBeeindiging is part of the key, so the deletion and the
    // replacement go in one 307 (the deletion is processed first, wherever it stands).
    let mut w = World::chain().with_toewijzing().with_start();
    let r21 = RedenBeeindiging::EenzijdigDoorClient;
    let d = w
        .on(date(2026, 10, 1))
        .stop(&[(date(2026, 2, 2), r21, date(2026, 9, 30), NEW)]);
    approved_deriving(
        &d,
        &[(EB_CHANGED, date(2026, 2, 2), Some(date(2026, 9, 30)))],
    );
    // The reason changes, the date does not: nothing new for the CAK.
    let d = w.on(date(2026, 10, 2)).stop(&[
        (date(2026, 2, 2), R23, date(2026, 9, 30), NEW),
        (date(2026, 2, 2), r21, date(2026, 9, 30), DELETE),
    ]);
    approved_deriving(&d, &[]);
    let stops = &w.deliveries()[0].stops;
    assert_eq!(stops.len(), 1);
    assert_eq!(stops[0].reden, R23);
}

#[test]
fn another_providers_toewijzing_is_unknown() {
    let mut w = World::chain().with_toewijzing();
    rejected(
        &w.start(OTHER_AANBIEDER, &[(NUMMER, date(2026, 2, 2), NEW)]),
        "TR019",
        RetourCode::R9019,
    );
}

#[test]
fn a_deleted_toewijzing_cannot_be_started() {
    let mut w = World::chain().with_toewijzing();
    let Message::Wmo301(mut m) = toewijzing_begeleiding() else {
        unreachable!()
    };
    m.header.bericht_identificatie.identificatie = "G-DELETE".into();
    let p = &mut m.client.toegewezen_producten[0];
    p.toewijzingsdatum = date(2026, 1, 27);
    p.einddatum = Some(p.ingangsdatum);
    p.reden_wijziging = Some(RedenWijziging::Verwijderd);
    approved(&w.decide(&Message::Wmo301(m)));
    rejected(
        &w.start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), NEW)]),
        "TR019",
        RetourCode::R9019,
    );
}

#[test]
fn header_rules_tr056_tr135_tr378() {
    let mut w = World::chain().with_toewijzing();
    let Message::Wmo305(m) = fixture("wmo305-start-begeleiding") else {
        unreachable!()
    };
    approved(&w.decide(&Message::Wmo305(m.clone())));
    // The same Identificatie again from the same sender for a 305.
    let mut again = m.clone();
    again.client.start_producten[0].begindatum = date(2026, 2, 3);
    let d = w.decide(&Message::Wmo305(again));
    assert_eq!(codes(&d)[0], ("TR056".to_string(), RetourCode::R9056));
    // A Dagtekening after today.
    w.today = date(2026, 2, 3);
    let mut future = m.clone();
    future.header.bericht_identificatie.identificatie = "S-FUTURE".into();
    let d = w.decide(&Message::Wmo305(future.clone()));
    assert!(
        codes(&d).contains(&("TR135".to_string(), RetourCode::R8848)),
        "{d:#?}"
    );
    // Without the CBS list, TR378 is not checked and says so; with it, an unknown code fails.
    w.today = date(2026, 12, 1);
    assert!(d.not_checked.iter().any(|r| r.as_str() == "TR378"));
    let csv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/reference/codelists/cbs-gemeenten-2026.csv"
    ))
    .unwrap();
    w.lists.gemeenten = Some(GemeenteList::from_csv(&csv).unwrap());
    let mut unknown = future;
    unknown.header.ontvanger = "0999".into();
    unknown.header.bericht_identificatie.identificatie = "S-UNKNOWN".into();
    let d = w.decide(&Message::Wmo305(unknown));
    assert!(
        codes(&d).contains(&("TR378".to_string(), RetourCode::RS300)),
        "{d:#?}"
    );
}

#[test]
fn tr332_a_number_belongs_to_one_client() {
    let mut w = World::chain().with_toewijzing();
    let Message::Wmo301(mut m) = fixture("wmo301-toewijzing-rolstoel") else {
        unreachable!()
    };
    m.client.toegewezen_producten[0].toewijzing_nummer = NUMMER;
    let d = w.decide(&Message::Wmo301(m));
    assert_eq!(codes(&d), [("TR332".to_string(), RetourCode::R9332)]);
}

/// A gemeente's own 301 counts at once (its next messages are checked against it) but is
/// undone when its retour rejects it: the provider's start then has no toewijzing.
#[test]
fn our_rejected_toewijzing_counts_as_never_sent() {
    let mut w = World::chain();
    w.mode = Mode::Own(Party::Gemeente(GEMEENTE.into()));
    let d = w.decide(&toewijzing_begeleiding());
    assert_eq!(d.role, Role::Sender);
    approved(&d);
    // The provider rejects it (any retour with a client copied is a rejection).
    let Message::Wmo301(heen) = toewijzing_begeleiding() else {
        unreachable!()
    };
    let mut assessment = iwmo_rules::Assessment::new(&heen);
    assessment
        .reject(
            iwmo_rules::Class301::ToegewezenProduct(0),
            iwmo_rules::RuleId::new("TR381"),
            RetourCode::RS329,
            "test",
        )
        .unwrap();
    let retour = iwmo_rules::wmo302(&assessment, &ident("P-0302-1"));
    let d = w.decide(&Message::Wmo302(retour));
    assert_eq!(d.verdict, Verdict::RetourRejected);
    let d = w.start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), NEW)]);
    assert_eq!(d.role, Role::Receiver);
    rejected(&d, "TR019", RetourCode::R9019);
}

#[test]
fn our_approved_toewijzing_is_confirmed() {
    let mut w = World::chain();
    w.mode = Mode::Own(Party::Gemeente(GEMEENTE.into()));
    approved(&w.decide(&toewijzing_begeleiding()));
    let d = w.decide(&fixture("wmo302-approved-header-only"));
    // The fixture 302 answers the 301 of 03-02 (another Identificatie): unknown, not judged.
    assert_eq!(d.verdict, Verdict::NotJudged, "{d:#?}");
    let Message::Wmo301(heen) = toewijzing_begeleiding() else {
        unreachable!()
    };
    let retour = iwmo_rules::wmo302(&iwmo_rules::Assessment::new(&heen), &ident("P-0302-2"));
    let d = w.decide(&Message::Wmo302(retour.clone()));
    assert_eq!(d.verdict, Verdict::RetourApproved);
    assert!(d.clients[0].1.facts.iter().all(|f| !f.pending));
    // A second retour on the same message finds nothing waiting.
    assert_eq!(
        w.decide(&Message::Wmo302(retour)).verdict,
        Verdict::NotJudged
    );
    approved(&w.start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), NEW)]));
}

fn ident(id: &str) -> RetourIdentificatie {
    RetourIdentificatie {
        identificatie: id.into(),
        dagtekening: date(2026, 4, 3),
        xsd_versie: Default::default(),
        xslt_versie: None,
    }
}

/// The fixture stream's 301/305/307 in timeline order, as the gemeente's counterpart judges
/// them: the two the story rejects get exactly the fixture retours; the rest are approved.
#[test]
fn fixture_stream_gets_the_fixture_retours() {
    let mut w = World::chain();
    w.lists.productcodes = Some(product_codes());
    let stream: [(&str, Option<&str>); 11] = [
        // The VOT the toewijzing honours (TR379: its ReferentieAanbieder names it).
        ("wmo315-vot-begeleiding-huisarts", None),
        ("wmo301-toewijzing-after-vot", None),
        ("wmo305-start-begeleiding", None),
        ("wmo301-toewijzing-two-products-with-relatie", None),
        ("wmo305-start-two-products", None),
        (
            "wmo305-delete-unknown-start",
            Some("wmo306-rejected-delete-9063"),
        ),
        // S329: with the product code list (TR381), 11X00 is a code of category 11, not 12.
        (
            "wmo301-productcode-not-in-category",
            Some("wmo302-rejected-productcode-s329"),
        ),
        ("wmo301-toewijzing-rolstoel", None),
        ("wmo307-temporary-stop-reden-20", None),
        (
            "wmo307-stop-unknown-begindatum",
            Some("wmo308-rejected-no-start-9069"),
        ),
        ("wmo307-stop-reden-23", None),
    ];
    for (name, expected) in stream {
        let message = fixture(name);
        assert!(check(&message).is_clean(), "{name} is level-2 clean");
        let d = w.decide(&message);
        match expected {
            None => approved(&d),
            Some(retour_name) => {
                assert_eq!(d.verdict, Verdict::Rejected, "{name}");
                let expected = fixture(retour_name);
                let header = match &expected {
                    Message::Wmo302(r) => &r.header,
                    Message::Wmo306(r) => &r.header,
                    Message::Wmo308(r) => &r.header,
                    _ => unreachable!(),
                };
                let id = RetourIdentificatie {
                    identificatie: header.identificatie_retour.clone(),
                    dagtekening: header.dagtekening_retour,
                    xsd_versie: header.xsd_versie_retour.clone(),
                    xslt_versie: header.xslt_versie.clone(),
                };
                let built = retour(&message, &check(&message), &d, &id).expect("a retour");
                assert_eq!(built, expected, "{name}");
            }
        }
    }
}

/// The whole life cycle of one request: VOT, "in onderzoek", the honouring toewijzing, start,
/// stop. Every message is approved with a header-only retour and on time (no signal), the
/// request ends honoured (no longer pending, so a new request is possible), the delivery ends
/// stopped for good, and the CAK gets the start and the stop of the eigen bijdrage.
#[test]
fn vot_then_toewijzing_then_start_then_stop() {
    use iwmo_ledger::verzoek::{status, VerzoekStatus};
    let mut w = World::chain();
    let key = ClientKey {
        gemeente: GEMEENTE.into(),
        bsn: iwmo_model::Bsn::new("999902453").unwrap(),
    };
    let status_now = |w: &World| {
        status(
            &w.ledger.client(&key).cloned().unwrap_or_default(),
            AANBIEDER,
            "VOT2026-0042",
        )
    };
    let step = |w: &mut World, name: &str, on: NaiveDate| {
        let m = fixture(name);
        let d = w.on(on).decide(&m);
        header_only_retour(&m, &d);
        d
    };
    let d = step(&mut w, "wmo315-vot-begeleiding-huisarts", date(2026, 1, 12));
    approved_deriving(&d, &[]);
    assert_eq!(status_now(&w), Some(VerzoekStatus::Open));
    let d = step(&mut w, "wmo319-aanvraag-in-onderzoek", date(2026, 1, 15));
    approved_deriving(&d, &[]);
    assert_eq!(status_now(&w), Some(VerzoekStatus::InOnderzoek));
    let d = step(&mut w, "wmo301-toewijzing-after-vot", date(2026, 1, 26));
    approved_deriving(&d, &[]);
    assert_eq!(status_now(&w), Some(VerzoekStatus::Gehonoreerd));
    assert!(!status_now(&w).unwrap().is_pending());
    let d = step(&mut w, "wmo305-start-begeleiding", date(2026, 2, 4));
    approved_deriving(&d, &[(EB_NEW, date(2026, 2, 2), None)]);
    let d = step(&mut w, "wmo307-stop-reden-23", date(2026, 10, 2));
    approved_deriving(
        &d,
        &[(EB_CHANGED, date(2026, 2, 2), Some(date(2026, 9, 30)))],
    );
    let d = &w.deliveries()[0];
    assert_eq!(
        d.definitive_stop().map(|s| s.einddatum),
        Some(date(2026, 9, 30))
    );
    // Nothing is missing: the review of the client raises nothing.
    w.on(date(2027, 3, 1));
    assert!(review(&w.ledger, &key, &w.ctx()).signals.is_empty());
}

/// TR379 (9379): a toewijzing may name only a request of its aanbieder for this client; the
/// honouring 301 may be repeated with the reference (OP087, IV097), but a toewijzing that
/// existed without it may not take it up after another 301 honoured the request.
#[test]
fn tr379_the_reference_of_a_request_on_the_toewijzing() {
    let honouring = fixture("wmo301-toewijzing-after-vot");
    // Without the VOT: the reference names no request.
    let mut w = World::chain();
    let d = w.on(date(2026, 1, 26)).decide(&honouring);
    rejected(&d, "TR379", RetourCode::R9379);
    assert_eq!(
        d.findings[0].target,
        Target::Wmo301(iwmo_rules::Class301::ToegewezenProduct(0))
    );
    // With it: approved, and a repeat of the same toewijzing with the reference too.
    let mut w = World::chain();
    w.on(date(2026, 1, 26));
    approved(&w.decide(&fixture("wmo315-vot-begeleiding-huisarts")));
    approved(&w.decide(&honouring));
    let Message::Wmo301(mut repeat) = honouring.clone() else {
        unreachable!()
    };
    repeat.header.bericht_identificatie.identificatie = "G-REPEAT".into();
    approved(&w.decide(&Message::Wmo301(repeat.clone())));
    // Another toewijzing of the same client and aanbieder that existed without the
    // reference may not take it up now that the request was honoured.
    let Message::Wmo301(mut other) = toewijzing_begeleiding() else {
        unreachable!()
    };
    other.header.bericht_identificatie.identificatie = "G-OTHER".into();
    other.client.toegewezen_producten[0].toewijzing_nummer = 26000872;
    approved(&w.decide(&Message::Wmo301(other.clone())));
    other.header.bericht_identificatie.identificatie = "G-OTHER-2".into();
    other.client.toegewezen_producten[0].referentie_aanbieder = Some("VOT2026-0042".into());
    rejected(
        &w.decide(&Message::Wmo301(other)),
        "TR379",
        RetourCode::R9379,
    );
}

/// A stop naming another aanbieder's toewijzing is treated like an unknown one (design §6):
/// TR019 (9019), and there is no start of that aanbieder to stop (TR382, 9069).
#[test]
fn a_stop_for_another_providers_toewijzing() {
    let mut w = World::chain().with_toewijzing();
    approved(&w.start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), NEW)]));
    let Message::Wmo307(mut m) = fixture("wmo307-stop-reden-23") else {
        unreachable!()
    };
    m.header.afzender = OTHER_AANBIEDER.into();
    m.header.bericht_identificatie.identificatie = "OTHER-STOP".into();
    let d = w.decide(&Message::Wmo307(m));
    assert_eq!(d.verdict, Verdict::Rejected);
    assert_eq!(
        codes(&d),
        [
            ("TR019".to_string(), RetourCode::R9019),
            ("TR382".to_string(), RetourCode::R9069)
        ]
    );
    // The real aanbieder's delivery is untouched.
    assert!(w.deliveries()[0].is_actual());
}

/// The fixture product code list of gemeente 0344.
fn product_codes() -> ProductCodeList {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/lists/productcodes-0344.csv"
    );
    ProductCodeList::from_csv(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// TR381 (S329): a start or stop whose product code is not a code of its category by the
/// configured list is rejected; without a list the rule is reported as not checked.
#[test]
fn tr381_the_product_code_by_the_configured_list() {
    let mut w = World::chain().with_toewijzing();
    let d = w.start(AANBIEDER, &[(NUMMER, date(2026, 2, 2), NEW)]);
    approved(&d);
    assert!(d.not_checked.iter().any(|r| r.as_str() == "TR381"));
    w.lists.productcodes = Some(product_codes());
    let Message::Wmo307(mut m) = fixture("wmo307-stop-reden-23") else {
        unreachable!()
    };
    m.client.stop_producten[0].product = Some(iwmo_model::Product {
        categorie: iwmo_model::codes::ProductCategorie::Begeleiding,
        code: Some("07A01".into()),
    });
    let d = w.decide(&Message::Wmo307(m.clone()));
    assert!(!d.not_checked.iter().any(|r| r.as_str() == "TR381"));
    // The stop names another product than the start, too (TR382): both are reported.
    assert_eq!(
        codes(&d),
        [
            ("TR381".to_string(), RetourCode::RS329),
            ("TR382".to_string(), RetourCode::R9069)
        ]
    );
    // The start's own product, in the list: approved.
    approved(&w.decide(&fixture("wmo307-stop-reden-23")));
}
