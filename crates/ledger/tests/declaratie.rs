//! Declarations: the 323 as the gemeente judges it (IV087/IV088, spec §1.4, §2.7), a scenario
//! per rule (one that breaks it, one near miss that passes), the credit and re-debet life
//! cycle, the fixture stream with its 325s, and the 325 that answers a 323 we sent as aanbieder.

mod common;
use common::{date, fixture, toewijzing_begeleiding, World};

use chrono::NaiveDate;
use iwmo_ledger::declaratie::DeclaratieFact;
use iwmo_ledger::*;
use iwmo_model::codes::{
    DebetCredit, Eenheid, Frequentie, ProductCategorie, RedenBeeindiging, RedenWijziging,
    RetourCode,
};
use iwmo_model::{
    BedragMetDc, Bsn, DeclaratieClient, GeslotenPeriode, Message, Omvang, Prestatie,
    TotaalBedragMetDc,
};
use iwmo_rules::{check, Class323, RetourIdentificatie};

const GEMEENTE: &str = "0344";
const AANBIEDER: &str = "98004132";
/// J.M. Visser: HbH 26001001 (01A02, 3 uur per week) and dagbesteding 26001002 (07A01,
/// 2 dagdelen per week), 2026-03-09 … 2027-03-08.
const VISSER: &str = "999901230";
/// P. van den Berg: begeleiding 26000871 (02A02, 4 uur per week), 2026-02-01 … 2026-12-31.
const VAN_DEN_BERG: &str = "999902453";
/// F. El Amrani: no toewijzing in these scenarios.
const EL_AMRANI: &str = "999903718";
const HBH: u32 = 26001001;
const BEGELEIDING: u32 = 26000871;

impl World {
    /// Our own ledger as the aanbieder.
    fn aanbieder() -> World {
        World {
            mode: Mode::Own(Party::Aanbieder(AANBIEDER.into())),
            ..World::chain()
        }
    }

    /// The two 301s of the fixture stream (begeleiding; HbH and dagbesteding), approved.
    fn with_toewijzingen(mut self) -> World {
        for m in [
            toewijzing_begeleiding(),
            fixture("wmo301-toewijzing-two-products-with-relatie"),
        ] {
            let d = self.decide(&m);
            assert_eq!(d.verdict, Verdict::Approved, "{m:?}: {d:#?}");
        }
        self
    }

    /// A new version of the begeleiding toewijzing (a later Toewijzingsdatum), changed by `f`.
    fn change_begeleiding(&mut self, f: impl FnOnce(&mut iwmo_model::ToegewezenProduct)) {
        let Message::Wmo301(mut m) = toewijzing_begeleiding() else {
            unreachable!()
        };
        self.serial += 1;
        m.header.bericht_identificatie.identificatie = format!("G-{}", self.serial);
        let p = &mut m.client.toegewezen_producten[0];
        p.toewijzingsdatum = date(2026, 1, 27);
        f(p);
        let d = self.decide(&Message::Wmo301(m));
        assert_eq!(d.verdict, Verdict::Approved, "{d:#?}");
    }

    /// A 323 of our aanbieder with these clients and prestaties; the total is their signed sum.
    fn declaratie(
        &mut self,
        nummer: &str,
        month: u32,
        clients: &[(&str, Vec<Prestatie>)],
    ) -> Message {
        let Message::Wmo323(mut m) = fixture("wmo323-declaratie-april-two-clients") else {
            unreachable!()
        };
        self.serial += 1;
        m.header.bericht_identificatie.identificatie = format!("A-{}", self.serial);
        m.header.bericht_identificatie.dagtekening = date(2026, 11, 30);
        let d = &mut m.declaratie;
        d.declaratie_nummer = nummer.into();
        d.declaratie_periode = period(month);
        d.declaratie_dagtekening = date(2026, 11, 30);
        d.clienten = clients
            .iter()
            .map(|(bsn, prestaties)| DeclaratieClient {
                bsn: Bsn::new(bsn).unwrap(),
                prestaties: prestaties.clone(),
                retour_codes: (),
            })
            .collect();
        let total: i64 = clients
            .iter()
            .flat_map(|(_, ps)| ps)
            .map(|p| {
                let b = i64::from(p.ingediend_bedrag.bedrag);
                match p.ingediend_bedrag.debet_credit {
                    DebetCredit::Debet => b,
                    DebetCredit::Credit => -b,
                }
            })
            .sum();
        d.totaal_ingediend_bedrag = TotaalBedragMetDc {
            totaal_bedrag: total.unsigned_abs(),
            debet_credit: if total < 0 {
                DebetCredit::Credit
            } else {
                DebetCredit::Debet
            },
        };
        Message::Wmo323(m)
    }

    fn declare(
        &mut self,
        nummer: &str,
        month: u32,
        clients: &[(&str, Vec<Prestatie>)],
    ) -> Decision {
        let m = self.declaratie(nummer, month, clients);
        self.decide(&m)
    }

    /// The declared prestaties the ledger keeps for a client.
    fn facts(&self, bsn: &str) -> Vec<(bool, DeclaratieFact)> {
        let key = ClientKey {
            gemeente: GEMEENTE.into(),
            bsn: Bsn::new(bsn).unwrap(),
        };
        self.ledger
            .client(&key)
            .map(|s| {
                s.facts
                    .iter()
                    .filter_map(|f| match &f.body {
                        FactBody::Declaratie(d) => Some((f.pending, d.clone())),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn referenties(&self, bsn: &str) -> Vec<String> {
        self.facts(bsn)
            .into_iter()
            .map(|(_, d)| d.referentie_nummer)
            .collect()
    }
}

fn last_day(month: u32) -> NaiveDate {
    let next = if month == 12 {
        date(2027, 1, 1)
    } else {
        date(2026, month + 1, 1)
    };
    next.pred_opt().unwrap()
}

fn period(month: u32) -> GeslotenPeriode {
    GeslotenPeriode {
        begindatum: date(2026, month, 1),
        einddatum: last_day(month),
    }
}

/// A debet of the begeleiding (6800 an hour) over a whole month of 2026.
fn beg(referentie: &str, month: u32, hours: u32) -> Prestatie {
    Prestatie {
        product_referentie: iwmo_model::Referentie {
            referentie_nummer: referentie.into(),
            vorig_referentie_nummer: None,
        },
        toewijzing_nummer: BEGELEIDING,
        product_categorie: ProductCategorie::Begeleiding,
        product_code: "02A02".into(),
        product_periode: period(month),
        geleverd_volume: hours,
        eenheid: Eenheid::Uur,
        product_tarief: Some(6800),
        ingediend_bedrag: BedragMetDc {
            bedrag: hours * 6800,
            debet_credit: DebetCredit::Debet,
        },
        retour_codes: (),
    }
}

/// A debet of the HbH (3650 an hour) over a whole month from April 2026.
fn hbh(referentie: &str, month: u32, hours: u32) -> Prestatie {
    Prestatie {
        toewijzing_nummer: HBH,
        product_categorie: ProductCategorie::HulpBijHetHuishouden,
        product_code: "01A02".into(),
        product_tarief: Some(3650),
        ingediend_bedrag: BedragMetDc {
            bedrag: hours * 3650,
            debet_credit: DebetCredit::Debet,
        },
        ..beg(referentie, month, hours)
    }
}

/// The credit of a debet (IV091: identical, a new ReferentieNummer, the debet's as
/// VorigReferentieNummer, C).
fn credit(of: &Prestatie, referentie: &str) -> Prestatie {
    let mut c = of.clone();
    c.product_referentie = iwmo_model::Referentie {
        referentie_nummer: referentie.into(),
        vorig_referentie_nummer: Some(of.product_referentie.referentie_nummer.clone()),
    };
    c.ingediend_bedrag.debet_credit = DebetCredit::Credit;
    c
}

fn prestatie(client: usize, prestatie: usize) -> Target {
    Target::Wmo323(Class323::Prestatie { client, prestatie })
}

fn findings(d: &Decision) -> Vec<(String, RetourCode, Target)> {
    d.findings
        .iter()
        .map(|f| (f.rule.to_string(), f.retourcode, f.target))
        .collect()
}

fn approved(d: &Decision) {
    assert_eq!(d.verdict, Verdict::Approved, "{:#?}", d.findings);
}

/// Partly approved with exactly these findings.
fn partly(d: &Decision, expected: &[(&str, RetourCode, Target)]) {
    assert_eq!(d.verdict, Verdict::PartlyApproved, "{:#?}", d.findings);
    let expected: Vec<_> = expected
        .iter()
        .map(|(r, c, t)| (r.to_string(), *c, *t))
        .collect();
    assert_eq!(findings(d), expected, "{:#?}", d.findings);
}

/// Rejected as a whole on the Declaratie with exactly this rule.
fn whole(d: &Decision, rule: &str, code: RetourCode) {
    assert_eq!(d.verdict, Verdict::Rejected, "{:#?}", d.findings);
    assert_eq!(
        findings(d),
        [(rule.to_string(), code, Target::Wmo323(Class323::Declaratie))]
    );
    assert!(d.clients.is_empty() && d.index.is_empty());
}

fn ident_of(expected: &Message) -> RetourIdentificatie {
    let Message::Wmo325(r) = expected else {
        unreachable!()
    };
    RetourIdentificatie {
        identificatie: r.header.header.bericht_identificatie.identificatie.clone(),
        dagtekening: r.header.header.bericht_identificatie.dagtekening,
        xsd_versie: r.header.header.xsd_versie.clone(),
        xslt_versie: r.header.xslt_versie.clone(),
    }
}

fn ident(id: &str) -> RetourIdentificatie {
    RetourIdentificatie {
        identificatie: id.into(),
        dagtekening: date(2026, 12, 1),
        xsd_versie: Default::default(),
        xslt_versie: None,
    }
}

/// The fixture stream: the two 301s, the April declaration (fully approved: the 325 is the
/// fixture's 8001) and the May declaration (the HbH prestatie is over 6 × 3 hours: 9321 on it,
/// the rest approved; the 325 is the fixture's). No 305/307 was sent: not needed (OP364).
#[test]
fn fixture_stream_gets_the_fixture_325s() {
    let mut w = World::chain().with_toewijzingen();
    let april = fixture("wmo323-declaratie-april-two-clients");
    assert!(check(&april).is_clean());
    let d = w.decide(&april);
    approved(&d);
    assert_eq!(d.role, Role::Receiver);
    let expected = fixture("wmo325-approved-8001");
    let built = retour(&april, &check(&april), &d, &ident_of(&expected)).expect("a 325");
    assert_eq!(built, expected);
    assert_eq!(w.referenties(VISSER), ["A2604C1HBH", "A2604C1DAG"]);
    assert_eq!(w.referenties(VAN_DEN_BERG), ["A2604C2BEG"]);
    assert!(w
        .facts(VISSER)
        .iter()
        .all(|(pending, f)| !pending && f.approved));

    let may = fixture("wmo323-declaratie-may-volume-too-high");
    assert!(check(&may).is_clean());
    let d = w.decide(&may);
    partly(&d, &[("TR321", RetourCode::R9321, prestatie(0, 0))]);
    let expected = fixture("wmo325-prestatie-rejected-9321");
    let built = retour(&may, &check(&may), &d, &ident_of(&expected)).expect("a 325");
    assert_eq!(built, expected);
    // Only the approved prestaties are kept.
    assert_eq!(
        w.referenties(VISSER),
        ["A2604C1HBH", "A2604C1DAG", "A2605C1DAG"]
    );
    assert_eq!(w.referenties(VAN_DEN_BERG), ["A2604C2BEG", "A2605C2BEG"]);
}

/// A credit of an approved debet and the new debet for the same period, in one message
/// (IV086); then the rules on credits: TR390 (a second credit), TR389 (a second debet
/// without a credit), TR323 (a credit without its debet).
#[test]
fn credit_and_re_debet() {
    let mut w = World::chain().with_toewijzingen();
    let april = beg("BEG-04", 4, 16);
    approved(&w.declare("D-04", 4, &[(VAN_DEN_BERG, vec![april.clone()])]));
    // In May the April hours turn out to be 15: credit and debet again, the debet first in
    // the message (credits are judged first wherever they stand).
    let again = beg("BEG-04-B", 4, 15);
    let m = w.declaratie(
        "D-05",
        5,
        &[(
            VAN_DEN_BERG,
            vec![again.clone(), credit(&april, "BEG-04-C")],
        )],
    );
    assert!(check(&m).is_clean(), "{:#?}", check(&m));
    approved(&w.decide(&m));
    assert_eq!(
        w.referenties(VAN_DEN_BERG),
        ["BEG-04", "BEG-04-C", "BEG-04-B"]
    );

    // TR390: the April debet was credited already.
    partly(
        &w.declare(
            "D-06",
            6,
            &[(VAN_DEN_BERG, vec![credit(&april, "BEG-04-C2")])],
        ),
        &[("TR390", RetourCode::R9390, prestatie(0, 0))],
    );
    // TR389: a third April debet while BEG-04-B is not credited.
    partly(
        &w.declare("D-07", 6, &[(VAN_DEN_BERG, vec![beg("BEG-04-X", 4, 14)])]),
        &[("TR389", RetourCode::R9389, prestatie(0, 0))],
    );
    // Near miss: the same for June is a first debet.
    approved(&w.declare("D-08", 6, &[(VAN_DEN_BERG, vec![beg("BEG-06", 6, 14)])]));
    // TR323: a credit of a debet that does not exist, and one whose period differs.
    let unknown = credit(&beg("NOPE", 4, 15), "C-NOPE");
    let mut wrong_period = credit(&again, "C-WRONG");
    wrong_period.product_periode = period(3);
    let d = w.declare("D-09", 6, &[(VAN_DEN_BERG, vec![unknown, wrong_period])]);
    partly(
        &d,
        &[
            ("TR323", RetourCode::R8017, prestatie(0, 0)),
            ("TR323", RetourCode::R8017, prestatie(0, 1)),
        ],
    );
    // Every approved debet credited (TR385 forbids deleting the toewijzing before that), the
    // toewijzing deleted, and a new debet on it is TR384.
    approved(&w.declare(
        "D-10",
        7,
        &[(
            VAN_DEN_BERG,
            vec![
                credit(&again, "BEG-04-B-C"),
                credit(&beg("BEG-06", 6, 14), "BEG-06-C"),
            ],
        )],
    ));
    w.change_begeleiding(|p| {
        p.einddatum = Some(p.ingangsdatum);
        p.reden_wijziging = Some(RedenWijziging::Verwijderd);
    });
    partly(
        &w.declare("D-11", 7, &[(VAN_DEN_BERG, vec![beg("BEG-07", 7, 10)])]),
        &[("TR384", RetourCode::R9384, prestatie(0, 0))],
    );
}

#[test]
fn tr389_a_debet_on_the_same_key_in_a_later_declaration() {
    let mut w = World::chain().with_toewijzingen();
    approved(&w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![beg("B1", 4, 10)])]));
    partly(
        &w.declare("D-2", 5, &[(VAN_DEN_BERG, vec![beg("B2", 4, 5)])]),
        &[("TR389", RetourCode::R9389, prestatie(0, 0))],
    );
    // Near miss: another product period (a late March declaration, IV090).
    approved(&w.declare("D-3", 5, &[(VAN_DEN_BERG, vec![beg("B3", 3, 5)])]));
}

#[test]
fn tr390_one_credit_per_debet() {
    let mut w = World::chain().with_toewijzingen();
    let b = beg("B1", 4, 10);
    approved(&w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![b.clone()])]));
    approved(&w.declare("D-2", 5, &[(VAN_DEN_BERG, vec![credit(&b, "C1")])]));
    partly(
        &w.declare("D-3", 6, &[(VAN_DEN_BERG, vec![credit(&b, "C2")])]),
        &[("TR390", RetourCode::R9390, prestatie(0, 0))],
    );
}

#[test]
fn tr333_declaratienummer_unique_rejects_the_whole_declaration() {
    let mut w = World::chain().with_toewijzingen();
    approved(&w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![beg("B1", 4, 10)])]));
    let m = w.declaratie("D-1", 5, &[(VAN_DEN_BERG, vec![beg("B2", 5, 10)])]);
    assert!(check(&m).is_clean(), "{:#?}", check(&m));
    let d = w.decide(&m);
    whole(&d, "TR333", RetourCode::R9333);
    // The 325: Header 0200, DeclaratieAntwoord 9333, toegekend 0 (IV087's own example).
    let Some(Message::Wmo325(r)) = retour(&m, &check(&m), &d, &ident("G-325")) else {
        panic!("a 325")
    };
    let a = r.declaratie_antwoord.unwrap();
    assert_eq!(a.retour_codes.0, [RetourCode::R9333]);
    assert_eq!(a.totaal_toegekend_bedrag.totaal_bedrag, 0);
    assert_eq!(w.referenties(VAN_DEN_BERG), ["B1"]);
    // Near miss: a new number.
    approved(&w.declare("D-2", 5, &[(VAN_DEN_BERG, vec![beg("B2", 5, 10)])]));
}

#[test]
fn tr318_no_declaratieperiode_before_the_last_one() {
    let mut w = World::chain().with_toewijzingen();
    approved(&w.declare("D-1", 5, &[(VAN_DEN_BERG, vec![beg("B1", 5, 10)])]));
    whole(
        &w.declare("D-2", 4, &[(VAN_DEN_BERG, vec![beg("B2", 4, 10)])]),
        "TR318",
        RetourCode::R8214,
    );
    // Near misses: a second declaration over May, with a late April prestatie (IV090), and a
    // gap (no care in June and July).
    approved(&w.declare("D-3", 5, &[(VAN_DEN_BERG, vec![beg("B3", 4, 10)])]));
    approved(&w.declare("D-4", 8, &[(VAN_DEN_BERG, vec![beg("B4", 8, 10)])]));
}

#[test]
fn tr314_referentienummer_delivered_once() {
    let mut w = World::chain().with_toewijzingen();
    approved(&w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![beg("R1", 4, 10)])]));
    partly(
        &w.declare("D-2", 5, &[(VAN_DEN_BERG, vec![beg("R1", 5, 10)])]),
        &[("TR314", RetourCode::R8021, prestatie(0, 0))],
    );
    // Within one message, across clients: the second one.
    partly(
        &w.declare(
            "D-3",
            5,
            &[
                (VAN_DEN_BERG, vec![beg("R2", 5, 10)]),
                (VISSER, vec![hbh("R2", 5, 10)]),
            ],
        ),
        &[("TR314", RetourCode::R8021, prestatie(1, 0))],
    );
    // A rejected prestatie counts as not sent: R2's HbH prestatie may come again (near miss).
    approved(&w.declare("D-4", 5, &[(VISSER, vec![hbh("R3", 5, 10)])]));
}

/// An unknown client is rejected on the Client (TR304): its prestaties get 0233 in the 325,
/// the other client is approved.
#[test]
fn tr304_unknown_client_and_a_prestatie_of_another_client() {
    let mut w = World::chain().with_toewijzingen();
    let m = w.declaratie(
        "D-1",
        4,
        &[
            (EL_AMRANI, vec![beg("X1", 4, 10), beg("X2", 3, 10)]),
            (VAN_DEN_BERG, vec![beg("B1", 4, 10)]),
        ],
    );
    let d = w.decide(&m);
    partly(
        &d,
        &[(
            "TR304",
            RetourCode::R8187,
            Target::Wmo323(Class323::Client(0)),
        )],
    );
    let Some(Message::Wmo325(r)) = retour(&m, &check(&m), &d, &ident("G-325")) else {
        panic!("a 325")
    };
    let a = r.declaratie_antwoord.unwrap();
    assert_eq!(a.clienten.len(), 1);
    assert_eq!(a.clienten[0].retour_codes.0, [RetourCode::R8187]);
    assert!(a.clienten[0]
        .prestaties
        .iter()
        .all(|p| p.retour_codes.0 == [RetourCode::R0233]));
    assert_eq!(a.totaal_toegekend_bedrag.totaal_bedrag, 68000);
    assert_eq!(w.referenties(VAN_DEN_BERG), ["B1"]);
    // A known client declaring the toewijzing of another client: 8187 on the Prestatie.
    partly(
        &w.declare("D-2", 5, &[(VISSER, vec![beg("B2", 5, 10)])]),
        &[("TR304", RetourCode::R8187, prestatie(0, 0))],
    );
}

#[test]
fn tr338_prestatie_relates_to_a_toewijzing() {
    let mut w = World::chain().with_toewijzingen();
    let mut p = beg("B1", 4, 10);
    p.toewijzing_nummer = 26009999;
    partly(
        &w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![p])]),
        &[("TR338", RetourCode::R9338, prestatie(0, 0))],
    );
    approved(&w.declare("D-2", 4, &[(VAN_DEN_BERG, vec![beg("B2", 4, 10)])]));
}

#[test]
fn tr384_no_declaring_on_a_deleted_toewijzing() {
    let mut w = World::chain().with_toewijzingen();
    w.change_begeleiding(|p| {
        p.einddatum = Some(p.ingangsdatum);
        p.reden_wijziging = Some(RedenWijziging::Verwijderd);
    });
    partly(
        &w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![beg("B1", 4, 10)])]),
        &[("TR384", RetourCode::R9384, prestatie(0, 0))],
    );
    // Near miss: another toewijzing of the same aanbieder is fine.
    approved(&w.declare("D-2", 4, &[(VISSER, vec![hbh("H1", 4, 10)])]));
}

/// TR307/TR387 against the HbH toewijzing from 2026-03-09; TR308/TR388 against a begeleiding
/// shortened to 2026-06-15.
#[test]
fn product_periode_within_the_toewijzing_and_its_month() {
    let mut w = World::chain().with_toewijzingen();
    let march = |r: &str, from: u32| {
        let mut p = hbh(r, 3, 6);
        p.product_periode.begindatum = date(2026, 3, from);
        p
    };
    partly(
        &w.declare("D-1", 3, &[(VISSER, vec![march("H1", 1)])]),
        &[("TR307", RetourCode::R9307, prestatie(0, 0))],
    );
    partly(
        &w.declare("D-2", 3, &[(VISSER, vec![march("H2", 10)])]),
        &[("TR387", RetourCode::R9387, prestatie(0, 0))],
    );
    approved(&w.declare("D-3", 3, &[(VISSER, vec![march("H3", 9)])]));

    w.change_begeleiding(|p| {
        p.einddatum = Some(date(2026, 6, 15));
        p.reden_wijziging = Some(RedenWijziging::HerbeoordelingVerkorting);
    });
    let june = |r: &str, to: u32| {
        let mut p = beg(r, 6, 6);
        p.product_periode.einddatum = date(2026, 6, to);
        p
    };
    partly(
        &w.declare("D-4", 6, &[(VAN_DEN_BERG, vec![june("B1", 30)])]),
        &[("TR308", RetourCode::R9308, prestatie(0, 0))],
    );
    partly(
        &w.declare("D-5", 6, &[(VAN_DEN_BERG, vec![june("B2", 14)])]),
        &[("TR388", RetourCode::R9388, prestatie(0, 0))],
    );
    approved(&w.declare("D-6", 6, &[(VAN_DEN_BERG, vec![june("B3", 15)])]));
}

/// OP364: a delivery stopped at the end of March does not stop an April declaration.
#[test]
fn op364_start_and_stop_are_no_precondition() {
    let mut w = World::chain().with_toewijzingen();
    approved(&w.decide(&fixture("wmo305-start-begeleiding")));
    let Message::Wmo307(mut stop) = fixture("wmo307-stop-reden-23") else {
        unreachable!()
    };
    stop.client.stop_producten[0].einddatum = date(2026, 3, 31);
    stop.client.stop_producten[0].reden_beeindiging = RedenBeeindiging::VolgensPlanBeeindigd;
    approved(&w.decide(&Message::Wmo307(stop)));
    approved(&w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![beg("B1", 4, 10)])]));
    // And Visser's HbH was never started at all.
    approved(&w.declare("D-2", 4, &[(VISSER, vec![hbh("H1", 4, 10)])]));
}

#[test]
fn tr339_tr340_tr341_product_and_unit_as_assigned() {
    let mut w = World::chain().with_toewijzingen();
    let mut categorie = beg("B1", 4, 10);
    categorie.product_categorie = ProductCategorie::PersoonlijkeVerzorging;
    let mut code = beg("B2", 4, 10);
    code.product_code = "02A03".into();
    let mut eenheid = beg("B3", 4, 10);
    eenheid.eenheid = Eenheid::Dagdeel;
    partly(
        &w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![categorie, code, eenheid])]),
        &[
            ("TR339", RetourCode::R9339, prestatie(0, 0)),
            ("TR340", RetourCode::R9340, prestatie(0, 1)),
            ("TR341", RetourCode::R9341, prestatie(0, 2)),
        ],
    );
    // Near miss: minutes for a toewijzing in hours (TR341), 960 minutes = 16 hours, at a
    // tariff agreed per minute (6800 / 60 is not whole: use IV081's rounding, TR346).
    let mut minutes = beg("B4", 4, 960);
    minutes.eenheid = Eenheid::Minuut;
    minutes.product_tarief = Some(113); // 6800 / 60 = 113.33 → 113
    minutes.ingediend_bedrag.bedrag = 108800; // 6800 × 960 / 60
    approved(&w.declare("D-2", 4, &[(VAN_DEN_BERG, vec![minutes])]));
}

#[test]
fn tr346_amount_is_volume_times_tariff() {
    let mut w = World::chain().with_toewijzingen();
    let mut p = beg("B1", 4, 10);
    p.ingediend_bedrag.bedrag += 1;
    partly(
        &w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![p])]),
        &[("TR346", RetourCode::R9346, prestatie(0, 0))],
    );
    // Minutes at a per-minute tariff that no hourly rate explains (113 a minute, 960 minutes:
    // between 108480 and 108960 only; 110000 is not).
    let mut minutes = beg("B2", 4, 960);
    minutes.eenheid = Eenheid::Minuut;
    minutes.product_tarief = Some(113);
    minutes.ingediend_bedrag.bedrag = 110000;
    partly(
        &w.declare("D-2", 4, &[(VAN_DEN_BERG, vec![minutes])]),
        &[("TR346", RetourCode::R9346, prestatie(0, 0))],
    );
    approved(&w.declare("D-3", 4, &[(VAN_DEN_BERG, vec![beg("B3", 4, 10)])]));
}

/// TR321: begeleiding 4 hours a week, April 2026 touches 5 calendar weeks (IV077): 20 hours;
/// HbH (category 01) 3 hours a week: 6 × 3 = 18 per period.
#[test]
fn tr321_volume_per_prestatie() {
    let mut w = World::chain().with_toewijzingen();
    partly(
        &w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![beg("B1", 4, 21)])]),
        &[("TR321", RetourCode::R9321, prestatie(0, 0))],
    );
    approved(&w.declare("D-2", 4, &[(VAN_DEN_BERG, vec![beg("B2", 4, 20)])]));
    partly(
        &w.declare("D-3", 4, &[(VISSER, vec![hbh("H1", 4, 19)])]),
        &[("TR321", RetourCode::R9321, prestatie(0, 0))],
    );
    approved(&w.declare("D-4", 4, &[(VISSER, vec![hbh("H2", 4, 18)])]));
    // February 2026 runs from Sunday 1 (ISO week 5) to Saturday 28 (week 9): 5 calendar
    // weeks are touched, so 20 hours (declared late, in the April declaration: IV090).
    approved(&w.declare("D-5", 4, &[(VAN_DEN_BERG, vec![beg("B3", 2, 20)])]));
}

/// TR322 over the term: begeleiding as 40 hours in total (Frequentie 6); a credit makes room.
#[test]
fn tr322_total_over_the_term() {
    let mut w = World::chain().with_toewijzingen();
    w.change_begeleiding(|p| {
        p.omvang = Some(Omvang {
            volume: 40,
            eenheid: Eenheid::Uur,
            frequentie: Frequentie::TotaalBinnenGeldigheidsduur,
        });
        p.reden_wijziging = Some(RedenWijziging::AdministratieveCorrectie);
    });
    let april = beg("B1", 4, 30);
    approved(&w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![april.clone()])]));
    partly(
        &w.declare("D-2", 5, &[(VAN_DEN_BERG, vec![beg("B2", 5, 11)])]),
        &[("TR322", RetourCode::R9322, prestatie(0, 0))],
    );
    approved(&w.declare("D-3", 5, &[(VAN_DEN_BERG, vec![beg("B3", 5, 10)])]));
    // Credit April and declare it again with 25: 25 + 10 fits.
    approved(&w.declare(
        "D-4",
        6,
        &[(
            VAN_DEN_BERG,
            vec![credit(&april, "B1-C"), beg("B1-B", 4, 25)],
        )],
    ));
}

/// TR322 per calendar month: a toewijzing of category 02 without a code (aspecific) and an
/// Omvang of 4 hours a week; two products in April together over 20 hours.
#[test]
fn tr322_total_in_one_month() {
    let mut w = World::chain().with_toewijzingen();
    w.change_begeleiding(|p| {
        p.product.as_mut().unwrap().code = None;
        p.reden_wijziging = Some(RedenWijziging::AdministratieveCorrectie);
    });
    let mut other = beg("B2", 4, 8);
    other.product_code = "02A05".into();
    partly(
        &w.declare(
            "D-1",
            4,
            &[(VAN_DEN_BERG, vec![beg("B1", 4, 14), other.clone()])],
        ),
        &[("TR322", RetourCode::R9322, prestatie(0, 1))],
    );
    other.product_referentie.referentie_nummer = "B3".into();
    other.geleverd_volume = 6;
    other.ingediend_bedrag.bedrag = 6 * 6800;
    approved(&w.declare("D-2", 4, &[(VAN_DEN_BERG, vec![other])]));
}

/// TR369: the begeleiding as a Budget of 1500 euro; TR341 cannot be checked without Omvang.
#[test]
fn tr369_budget() {
    let mut w = World::chain().with_toewijzingen();
    w.change_begeleiding(|p| {
        p.omvang = None;
        p.budget = Some(150_000);
        p.reden_wijziging = Some(RedenWijziging::AdministratieveCorrectie);
    });
    let d = w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![beg("B1", 4, 16)])]);
    approved(&d);
    assert!(d.not_checked.iter().any(|r| r.as_str() == "TR341"));
    partly(
        &w.declare("D-2", 5, &[(VAN_DEN_BERG, vec![beg("B2", 5, 7)])]),
        &[("TR369", RetourCode::R9369, prestatie(0, 0))],
    );
    approved(&w.declare("D-3", 5, &[(VAN_DEN_BERG, vec![beg("B3", 5, 6)])]));
}

/// An outputgerichte toewijzing per week (euro's): May 2026 has 5 Sundays.
#[test]
fn tr321_outputgericht_counts_sundays() {
    let mut w = World::chain().with_toewijzingen();
    w.change_begeleiding(|p| {
        p.omvang = Some(Omvang {
            volume: 30_000,
            eenheid: Eenheid::Euros,
            frequentie: Frequentie::PerWeek,
        });
        p.reden_wijziging = Some(RedenWijziging::AdministratieveCorrectie);
    });
    let euros = |r: &str, amount: u32| {
        let mut p = beg(r, 5, 0);
        p.eenheid = Eenheid::Euros;
        p.geleverd_volume = amount;
        p.product_tarief = None;
        p.ingediend_bedrag.bedrag = amount;
        p
    };
    partly(
        &w.declare("D-1", 5, &[(VAN_DEN_BERG, vec![euros("E1", 150_001)])]),
        &[("TR321", RetourCode::R9321, prestatie(0, 0))],
    );
    approved(&w.declare("D-2", 5, &[(VAN_DEN_BERG, vec![euros("E2", 150_000)])]));
}

/// TR319 as the ledger checks it (9319; level 2 checks the same bound with 0001).
#[test]
fn tr319_product_periode_not_after_the_declaratieperiode() {
    let mut w = World::chain().with_toewijzingen();
    let m = w.declaratie("D-1", 4, &[(VAN_DEN_BERG, vec![beg("B1", 5, 10)])]);
    assert!(!check(&m).is_clean(), "level 2 has it too");
    partly(
        &w.decide(&m),
        &[("TR319", RetourCode::R9319, prestatie(0, 0))],
    );
    // Near miss: an earlier period.
    approved(&w.declare("D-2", 5, &[(VAN_DEN_BERG, vec![beg("B2", 3, 10)])]));
}

#[test]
fn tr418_and_tr381_are_reported_as_not_checked() {
    let mut w = World::chain().with_toewijzingen();
    let d = w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![beg("B1", 4, 10)])]);
    approved(&d);
    for rule in ["TR418", "TR381"] {
        assert!(d.not_checked.iter().any(|r| r.as_str() == rule), "{rule}");
    }
}

/// Our own 323 as aanbieder: its prestaties wait for the 325 (a credit of one is refused,
/// IV085); the fixture 325 (8001) confirms them.
#[test]
fn our_323_is_confirmed_by_its_325() {
    let mut w = World::aanbieder().with_toewijzingen();
    let april = fixture("wmo323-declaratie-april-two-clients");
    let d = w.decide(&april);
    assert_eq!(d.role, Role::Sender);
    approved(&d);
    assert!(w
        .facts(VISSER)
        .iter()
        .all(|(pending, f)| *pending && !f.approved));
    let Message::Wmo323(heen) = &april else {
        unreachable!()
    };
    let debet = heen.declaratie.clienten[1].prestaties[0].clone();
    partly(
        &w.declare("D-X", 5, &[(VAN_DEN_BERG, vec![credit(&debet, "C-EARLY")])]),
        &[("TR323", RetourCode::R8017, prestatie(0, 0))],
    );

    let d = w.decide(&fixture("wmo325-approved-8001"));
    assert_eq!(d.verdict, Verdict::RetourApproved, "{d:#?}");
    assert!(w
        .facts(VISSER)
        .iter()
        .all(|(pending, f)| !pending && f.approved));
    assert_eq!(w.referenties(VAN_DEN_BERG), ["A2604C2BEG"]);
    // Answered: a second 325 finds nothing waiting.
    assert_eq!(
        w.decide(&fixture("wmo325-approved-8001")).verdict,
        Verdict::NotJudged
    );
    // Now the credit may follow.
    approved(&w.declare("D-Y", 5, &[(VAN_DEN_BERG, vec![credit(&debet, "C-LATE")])]));
}

/// A 325 that rejects some prestaties of our 323 removes exactly those; one that rejects the
/// declaration as a whole removes them all.
#[test]
fn our_323_partly_and_wholly_rejected_by_its_325() {
    let mut w = World::aanbieder().with_toewijzingen();
    let m = w.declaratie(
        "D-1",
        4,
        &[
            (VISSER, vec![hbh("H1", 4, 10)]),
            (VAN_DEN_BERG, vec![beg("B1", 4, 10), beg("B2", 3, 10)]),
        ],
    );
    approved(&w.decide(&m));
    let Message::Wmo323(heen) = &m else {
        unreachable!()
    };
    // The gemeente rejects B2 (say 9322).
    let mut a = iwmo_rules::Assessment::new(heen);
    a.reject(
        Class323::Prestatie {
            client: 1,
            prestatie: 1,
        },
        iwmo_rules::RuleId::new("TR322"),
        RetourCode::R9322,
        "test",
    )
    .unwrap();
    let answer = Message::Wmo325(iwmo_rules::wmo325(&a, &ident("G-1")));
    let d = w.decide(&answer);
    assert_eq!(d.verdict, Verdict::PartlyApproved, "{d:#?}");
    assert_eq!(w.referenties(VAN_DEN_BERG), ["B1"]);
    assert_eq!(w.referenties(VISSER), ["H1"]);
    assert!(w
        .facts(VAN_DEN_BERG)
        .iter()
        .all(|(pending, f)| !pending && f.approved));

    // The next one is rejected on the Declaratie (9333): it counts as not sent.
    let m = w.declaratie("D-2", 5, &[(VAN_DEN_BERG, vec![beg("B3", 5, 10)])]);
    approved(&w.decide(&m));
    assert_eq!(w.referenties(VAN_DEN_BERG), ["B1", "B3"]);
    let Message::Wmo323(heen) = &m else {
        unreachable!()
    };
    let mut a = iwmo_rules::Assessment::new(heen);
    a.reject(
        Class323::Declaratie,
        iwmo_rules::RuleId::new("TR333"),
        RetourCode::R9333,
        "test",
    )
    .unwrap();
    let d = w.decide(&Message::Wmo325(iwmo_rules::wmo325(&a, &ident("G-2"))));
    assert_eq!(d.verdict, Verdict::RetourRejected, "{d:#?}");
    assert_eq!(w.referenties(VAN_DEN_BERG), ["B1"]);
}

/// The 325 fixture on the May declaration: we checked our own 323 before it left, so the HbH
/// prestatie the gemeente rejects was never stored; the rest is confirmed.
#[test]
fn fixture_stream_as_the_aanbieder() {
    let mut w = World::aanbieder().with_toewijzingen();
    approved(&w.decide(&fixture("wmo323-declaratie-april-two-clients")));
    assert_eq!(
        w.decide(&fixture("wmo325-approved-8001")).verdict,
        Verdict::RetourApproved
    );
    let d = w.decide(&fixture("wmo323-declaratie-may-volume-too-high"));
    assert_eq!(d.role, Role::Sender);
    partly(&d, &[("TR321", RetourCode::R9321, prestatie(0, 0))]);
    let d = w.decide(&fixture("wmo325-prestatie-rejected-9321"));
    assert_eq!(d.verdict, Verdict::RetourApproved, "{d:#?}");
    assert_eq!(
        w.referenties(VISSER),
        ["A2604C1HBH", "A2604C1DAG", "A2605C1DAG"]
    );
    assert!(w
        .facts(VISSER)
        .iter()
        .all(|(pending, f)| !pending && f.approved));
}

/// In the chain view and for a gemeente, a 325 is not ours to confirm.
#[test]
fn a_325_in_the_chain_view_is_not_judged() {
    let mut w = World::chain().with_toewijzingen();
    approved(&w.decide(&fixture("wmo323-declaratie-april-two-clients")));
    assert_eq!(
        w.decide(&fixture("wmo325-approved-8001")).verdict,
        Verdict::NotJudged
    );
}

/// TR385 (9385): a toewijzing with approved, not credited prestaties cannot be deleted (reden
/// 13); once the prestatie is credited, it can.
#[test]
fn tr385_no_deletion_after_approved_prestaties() {
    let mut w = World::chain().with_toewijzingen();
    let debet = beg("B1", 4, 10);
    approved(&w.declare("D-1", 4, &[(VAN_DEN_BERG, vec![debet.clone()])]));
    let delete = |w: &mut World, id: &str| {
        let Message::Wmo301(mut m) = toewijzing_begeleiding() else {
            unreachable!()
        };
        m.header.bericht_identificatie.identificatie = id.into();
        let p = &mut m.client.toegewezen_producten[0];
        p.toewijzingsdatum = date(2026, 5, 20);
        p.einddatum = Some(p.ingangsdatum);
        p.reden_wijziging = Some(RedenWijziging::Verwijderd);
        w.decide(&Message::Wmo301(m))
    };
    let d = delete(&mut w, "G-DEL-1");
    assert_eq!(d.verdict, Verdict::Rejected);
    assert!(d.derived.is_empty() && d.signals.is_empty());
    assert_eq!(
        d.rules().iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        ["TR385"]
    );
    assert_eq!(d.findings[0].retourcode, RetourCode::R9385);
    // Credited: the deletion is allowed.
    approved(&w.declare("D-2", 5, &[(VAN_DEN_BERG, vec![credit(&debet, "B2")])]));
    let d = delete(&mut w, "G-DEL-2");
    assert_eq!(d.verdict, Verdict::Approved);
    // No delivery was started: nothing for the CAK, and a deleted toewijzing owes no start.
    assert!(d.derived.is_empty() && d.signals.is_empty());
    let key = ClientKey {
        gemeente: "0344".into(),
        bsn: iwmo_model::Bsn::new(VAN_DEN_BERG).unwrap(),
    };
    let signals = review(&w.ledger, &key, &w.ctx()).signals;
    assert!(
        signals
            .iter()
            .all(|s| s.toewijzing_nummer != Some(26000871)),
        "{signals:#?}"
    );
}

/// TR381 (S329) on a debet: its product code must be a code of its category by the configured
/// list (here a list without 02A02); a credit is not judged on content (IV085). Without a
/// list the rule is reported as not checked.
#[test]
fn tr381_the_product_code_of_a_debet() {
    let mut w = World::chain().with_toewijzingen();
    let april = beg("BEG-04", 4, 16);
    let d = w.declare("D-04", 4, &[(VAN_DEN_BERG, vec![april.clone()])]);
    approved(&d);
    assert!(d.not_checked.iter().any(|r| r.as_str() == "TR381"));
    w.lists.productcodes = Some(ProductCodeList::from_csv("02,02A03\n").unwrap());
    let d = w.declare("D-05", 5, &[(VAN_DEN_BERG, vec![beg("BEG-05", 5, 16)])]);
    partly(&d, &[("TR381", RetourCode::RS329, prestatie(0, 0))]);
    assert!(!d.not_checked.iter().any(|r| r.as_str() == "TR381"));
    approved(&w.declare(
        "D-06",
        6,
        &[(VAN_DEN_BERG, vec![credit(&april, "BEG-04-C")])],
    ));
}

/// A debet at another tariff: ProductTarief and the IngediendBedrag that goes with it (TR346).
fn at_tarief(mut p: Prestatie, tarief: u32) -> Prestatie {
    p.product_tarief = Some(tarief);
    p.ingediend_bedrag.bedrag = p.geleverd_volume * tarief;
    p
}

/// The contracts of our aanbieder: begeleiding 6800 to June and 7000 from July (open-ended),
/// HbH 3650 from June; another aanbieder's begeleiding at 9000.
const TARIFFS: &str = "aanbieder,categorie,code,tarief,ingangsdatum,einddatum
98004132,02,02A02,6800,2026-01-01,2026-06-30
98004132,02,02A02,7000,2026-07-01,
98004132,01,01A02,3650,2026-06-01,2026-12-31
98004133,02,02A02,9000,2026-01-01,
";

/// The 325 of a decision on `m` (the chain view judges as receiver).
fn answer(m: &Message, d: &Decision) -> iwmo_model::DeclaratieAntwoord {
    let Some(Message::Wmo325(r)) = retour(m, &check(m), d, &ident("G-325")) else {
        panic!("a 325")
    };
    r.declaratie_antwoord.expect("a DeclaratieAntwoord")
}

/// TR418 (0611): a debet's ProductTarief is the contract tariff of its aanbieder and product
/// on its ProductPeriode Begindatum. The contract tariff approves (8001); another tariff
/// rejects that prestatie only (partly approved, 0611 on it in the 325); a date or product no
/// contract line covers has nothing to compare with and passes; a credit is not judged on
/// content (IV085); without a list the rule is reported as not checked.
#[test]
fn tr418_the_contract_tariff_of_a_debet() {
    let mut w = World::chain().with_toewijzingen();
    // No list: not checked, and a tariff off every contract passes.
    let off = at_tarief(beg("BEG-03", 3, 10), 7100);
    let d = w.declare("D-03", 3, &[(VAN_DEN_BERG, vec![off.clone()])]);
    approved(&d);
    assert!(d.not_checked.iter().any(|r| r.as_str() == "TR418"));

    w.lists.tariffs = Some(ContractTariffList::from_csv(TARIFFS).unwrap());
    // The contract tariff: approved, the 325 says 8001.
    let m = w.declaratie("D-04", 4, &[(VAN_DEN_BERG, vec![beg("BEG-04", 4, 16)])]);
    let d = w.decide(&m);
    approved(&d);
    assert!(!d.not_checked.iter().any(|r| r.as_str() == "TR418"));
    assert_eq!(answer(&m, &d).retour_codes.0, [RetourCode::R8001]);

    // Another tariff (July's, in May): 0611 on that prestatie; the HbH of another client, in
    // a month before its contract, has nothing to compare with and is approved.
    let hbh_may = at_tarief(hbh("HBH-05", 5, 10), 9999);
    let m = w.declaratie(
        "D-05",
        5,
        &[
            (VISSER, vec![hbh_may]),
            (VAN_DEN_BERG, vec![at_tarief(beg("BEG-05", 5, 16), 7000)]),
        ],
    );
    assert!(check(&m).is_clean(), "{:#?}", check(&m));
    let d = w.decide(&m);
    partly(&d, &[("TR418", RetourCode::R0611, prestatie(1, 0))]);
    let a = answer(&m, &d);
    assert_eq!(a.clienten.len(), 1);
    assert_eq!(
        a.clienten[0].prestaties[0].retour_codes.0,
        [RetourCode::R0611]
    );
    assert_eq!(a.totaal_toegekend_bedrag.totaal_bedrag, 10 * 9999);
    assert_eq!(w.referenties(VISSER), ["HBH-05"]);
    assert_eq!(w.referenties(VAN_DEN_BERG), ["BEG-03", "BEG-04"]);

    // From July the new tariff; the old one is off contract then, and so is another
    // aanbieder's.
    approved(&w.declare(
        "D-07",
        7,
        &[(VAN_DEN_BERG, vec![at_tarief(beg("BEG-07", 7, 16), 7000)])],
    ));
    partly(
        &w.declare("D-08", 8, &[(VAN_DEN_BERG, vec![beg("BEG-08", 8, 16)])]),
        &[("TR418", RetourCode::R0611, prestatie(0, 0))],
    );
    partly(
        &w.declare(
            "D-09",
            9,
            &[(VAN_DEN_BERG, vec![at_tarief(beg("BEG-09", 9, 16), 9000)])],
        ),
        &[("TR418", RetourCode::R0611, prestatie(0, 0))],
    );
    // The credit of the March debet (off contract, approved without a list) is not judged
    // on its tariff.
    approved(&w.declare(
        "D-10",
        10,
        &[(VAN_DEN_BERG, vec![credit(&off, "BEG-03-C")])],
    ));
}

/// A contract tariff list with a bad line is refused, naming the line and the column.
#[test]
fn tr418_a_bad_contract_tariff_line_is_named() {
    let text = format!("{TARIFFS}98004132,02,02A02,68.00,2026-01-01,\n");
    let err = ContractTariffList::from_csv(&text).unwrap_err();
    assert!(err.starts_with("line 6, column 4 (tarief):"), "{err}");
    assert!(err.contains("\"68.00\""), "{err}");
    let err = ContractTariffList::from_csv("98004132,02,02A02,6800,1 april 2026,\n").unwrap_err();
    assert!(err.starts_with("line 1, column 5 (ingangsdatum):"), "{err}");
}
