//! The request life cycle (315 VOT, 317 VOW, 319 Antwoordbericht; spec §2.6, §3.2) and its
//! level-3 rules, each with a message that breaks it and a near miss that passes; and the
//! fixture stream of requests, whose rejected messages must get exactly the fixture retours.

mod common;
use chrono::NaiveDate;
use common::{date, fixture, kinds, toewijzing_begeleiding, World};
use iwmo_ledger::verzoek::{status, VerzoekStatus};
use iwmo_ledger::*;
use iwmo_model::codes::{
    Eenheid, Frequentie, ProductCategorie, RedenAfwijzingVerzoek, RedenWijziging, RetourCode,
    VerzoekAntwoord,
};
use iwmo_model::{
    Bsn, Message, NieuwProduct, Omvang, Product, RetourCodes, TeWijzigenProduct, Wmo315, Wmo317,
    Wmo319,
};
use iwmo_rules::{check, RetourIdentificatie};

const GEMEENTE: &str = "0344";
const AANBIEDER: &str = "98004132";
const OTHER_AANBIEDER: &str = "98011877";
/// The VOT of P. van den Berg (fixture), honoured by toewijzing 26000871.
const VOT_REF: &str = "VOT2026-0042";
/// J.M. Visser's HbH 01A02 and dagbesteding 07A01, 2026-03-09 to 2027-03-08.
const VISSER_HBH: u32 = 26001001;
const VISSER_DAG: u32 = 26001002;
/// F. El Amrani's rolstoel (aanbieder 98011877), 1/82/6 from 2026-04-15.
const ROLSTOEL: u32 = 26001350;

impl World {
    /// Decides a fixture, which must be approved.
    fn given(self, name: &str) -> World {
        self.given_message(fixture(name))
    }

    /// Decides a message, which must be approved.
    fn given_message(mut self, message: Message) -> World {
        approved(&self.decide(&message));
        self
    }

    /// The VOT of van den Berg (fixture) with a fresh Identificatie and this reference.
    fn vot(&mut self, referentie: &str) -> Wmo315 {
        let Message::Wmo315(mut m) = fixture("wmo315-vot-begeleiding-huisarts") else {
            unreachable!()
        };
        m.header.bericht_identificatie.identificatie = self.next_id("A315");
        m.client.aangevraagde_producten[0].referentie_aanbieder = referentie.into();
        m
    }

    /// A 319 on this reference from the gemeente to the aanbieder.
    fn antwoord(&mut self, referentie: &str, antwoord: VerzoekAntwoord) -> Wmo319 {
        let Message::Wmo319(mut m) = fixture("wmo319-aanvraag-in-onderzoek") else {
            unreachable!()
        };
        m.header.bericht_identificatie.identificatie = self.next_id("G319");
        m.antwoord.referentie_aanbieder = referentie.into();
        m.antwoord.verzoek_antwoord = antwoord;
        m.antwoord.reden_afwijzing_verzoek = match antwoord {
            VerzoekAntwoord::VerzoekAfgewezen => Some(RedenAfwijzingVerzoek::GeenContract),
            VerzoekAntwoord::AanvraagInOnderzoek => None,
        };
        m
    }

    /// Decides a 319 on this reference.
    fn answer(&mut self, referentie: &str, antwoord: VerzoekAntwoord) -> Decision {
        let m = self.antwoord(referentie, antwoord);
        self.decide(&Message::Wmo319(m))
    }

    /// A VOW of Visser (dagtekening 2026-07-06) with a fresh Identificatie and reference and
    /// these products.
    fn vow(
        &mut self,
        ongewijzigd: &[u32],
        te_wijzigen: Vec<TeWijzigenProduct>,
        nieuw: Vec<NieuwProduct>,
    ) -> Wmo317 {
        let Message::Wmo317(mut m) = fixture("wmo317-vow-missing-product") else {
            unreachable!()
        };
        m.header.bericht_identificatie.identificatie = self.next_id("A317");
        let v = &mut m.client.verzoek;
        v.referentie_aanbieder = self.next_id("VOW");
        v.ongewijzigde_producten = ongewijzigd
            .iter()
            .map(|&n| iwmo_model::OngewijzigdProduct {
                toewijzing_nummer: n,
                retour_codes: (),
            })
            .collect();
        v.te_wijzigen_producten = te_wijzigen;
        v.nieuwe_producten = nieuw;
        m
    }

    fn state(&self, bsn: &Bsn) -> ClientState {
        let key = ClientKey {
            gemeente: GEMEENTE.into(),
            bsn: bsn.clone(),
        };
        self.ledger.client(&key).cloned().unwrap_or_default()
    }
}

fn te_wijzigen(
    nummer: u32,
    gewenste: NaiveDate,
    einddatum: Option<NaiveDate>,
    omvang: Option<Omvang>,
) -> TeWijzigenProduct {
    TeWijzigenProduct {
        toewijzing_nummer: nummer,
        gewenste_ingangsdatum: gewenste,
        einddatum,
        omvang,
        budget: None,
        retour_codes: (),
    }
}

fn nieuw(product: Product, gewenste: NaiveDate, einddatum: NaiveDate) -> NieuwProduct {
    NieuwProduct {
        product: Some(product),
        gewenste_ingangsdatum: gewenste,
        einddatum: Some(einddatum),
        omvang: Some(omvang(2, Eenheid::Uur, Frequentie::PerWeek)),
        budget: None,
        retour_codes: (),
    }
}

fn omvang(volume: u32, eenheid: Eenheid, frequentie: Frequentie) -> Omvang {
    Omvang {
        volume,
        eenheid,
        frequentie,
    }
}

fn product(categorie: ProductCategorie, code: Option<&str>) -> Product {
    Product {
        categorie,
        code: code.map(str::to_string),
    }
}

/// Visser's dagbesteding, 3 dagdelen a week from 2026-08-01 (the fixture's change).
fn more_dagbesteding() -> TeWijzigenProduct {
    te_wijzigen(
        VISSER_DAG,
        date(2026, 8, 1),
        Some(date(2027, 3, 8)),
        Some(omvang(3, Eenheid::Dagdeel, Frequentie::PerWeek)),
    )
}

fn approved(d: &Decision) {
    assert_eq!(d.verdict, Verdict::Approved, "{:#?}", d.findings);
}

fn rejected(d: &Decision, expected: &[(&str, RetourCode, Target)]) {
    assert_eq!(d.verdict, Verdict::Rejected, "{d:#?}");
    let got: Vec<(String, RetourCode, Target)> = d
        .findings
        .iter()
        .map(|f| (f.rule.to_string(), f.retourcode, f.target))
        .collect();
    let expected: Vec<(String, RetourCode, Target)> = expected
        .iter()
        .map(|(r, c, t)| (r.to_string(), *c, *t))
        .collect();
    assert_eq!(got, expected, "{:#?}", d.findings);
    assert!(d.clients.is_empty(), "a rejected message changes nothing");
    assert!(d.index.is_empty(), "a rejected message indexes nothing");
}

use iwmo_rules::{Class315, Class317, Class319};
const ANTWOORD: Target = Target::Wmo319(Class319::Antwoord);
const VERZOEK: Target = Target::Wmo317(Class317::Verzoek);
const AANGEVRAAGD_0: Target = Target::Wmo315(Class315::AangevraagdProduct(0));

fn te_wijzigen_t(i: usize) -> Target {
    Target::Wmo317(Class317::TeWijzigenProduct(i))
}

fn ident(id: &str) -> RetourIdentificatie {
    RetourIdentificatie {
        identificatie: id.into(),
        dagtekening: date(2026, 7, 7),
        xsd_versie: Default::default(),
        xslt_versie: None,
    }
}

fn bsn_of(name: &str) -> Bsn {
    match fixture(name) {
        Message::Wmo301(m) => m.client.bsn,
        Message::Wmo315(m) => m.client.bsn,
        Message::Wmo317(m) => m.client.bsn,
        _ => unreachable!(),
    }
}

// ---------------------------------------------------------------------------------------------
// The fixture stream

/// The fixture stream's requests and answers in timeline order (with the 301s they depend on),
/// as the receiver judges them: the three the story rejects get exactly the fixture retours;
/// the rest are approved.
#[test]
fn fixture_stream_gets_the_fixture_retours() {
    let mut w = World::chain();
    let stream: [(&str, Option<&str>); 9] = [
        ("wmo315-vot-begeleiding-huisarts", None),
        (
            "wmo319-unknown-referentie",
            Some("wmo320-rejected-unknown-referentie-9355"),
        ),
        ("wmo319-aanvraag-in-onderzoek", None),
        ("wmo301-toewijzing-after-vot", None),
        ("wmo301-toewijzing-two-products-with-relatie", None),
        (
            "wmo315-vot-duplicate-referentie",
            Some("wmo316-rejected-duplicate-referentie-9347"),
        ),
        ("wmo317-vow-new-product", None),
        ("wmo319-vow-rejected-reden-7", None),
        (
            "wmo317-vow-missing-product",
            Some("wmo318-rejected-incomplete-vow-9349"),
        ),
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
                    Message::Wmo316(r) => &r.header,
                    Message::Wmo318(r) => &r.header,
                    Message::Wmo320(r) => &r.header,
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
    // Where the requests stand at the end.
    let berg = w.state(&bsn_of("wmo315-vot-begeleiding-huisarts"));
    assert_eq!(
        status(&berg, AANBIEDER, VOT_REF),
        Some(VerzoekStatus::Gehonoreerd)
    );
    assert_eq!(
        status(&berg, AANBIEDER, "VOW2026-0107"),
        Some(VerzoekStatus::Afgewezen)
    );
    let visser = w.state(&bsn_of("wmo317-vow-missing-product"));
    assert_eq!(status(&visser, AANBIEDER, "VOW2026-0131"), None);
}

// ---------------------------------------------------------------------------------------------
// TR347, TR374 on requests

#[test]
fn tr347_referentie_is_unique_for_the_aanbieder() {
    let mut w = World::chain()
        .given("wmo315-vot-begeleiding-huisarts")
        .given("wmo301-toewijzing-two-products-with-relatie");
    // Another client, the same reference: 9347 on the AangevraagdProduct.
    let dup = fixture("wmo315-vot-duplicate-referentie");
    let d = w.decide(&dup);
    rejected(&d, &[("TR347", RetourCode::R9347, AANGEVRAAGD_0)]);
    assert!(d.findings[0].detail.contains("another client"), "{d:#?}");
    // Near miss: a new reference.
    let Message::Wmo315(mut m) = dup.clone() else {
        unreachable!()
    };
    m.client.aangevraagde_producten[0].referentie_aanbieder = "VOT2026-0099".into();
    approved(&w.decide(&Message::Wmo315(m)));
    // The reference is the aanbieder's: another aanbieder may use the same one.
    let Message::Wmo315(mut m) = dup else {
        unreachable!()
    };
    m.header.afzender = OTHER_AANBIEDER.into();
    approved(&w.decide(&Message::Wmo315(m)));
    // A 317 shares the references of the 315s.
    let mut m = w.vow(&[VISSER_HBH], vec![more_dagbesteding()], vec![]);
    m.client.verzoek.referentie_aanbieder = VOT_REF.into();
    rejected(
        &w.decide(&Message::Wmo317(m)),
        &[("TR347", RetourCode::R9347, VERZOEK)],
    );
}

#[test]
fn tr374_no_request_while_one_is_pending() {
    let mut w = World::chain().given("wmo315-vot-begeleiding-huisarts");
    let berg = bsn_of("wmo315-vot-begeleiding-huisarts");
    assert_eq!(
        status(&w.state(&berg), AANBIEDER, VOT_REF),
        Some(VerzoekStatus::Open)
    );
    let second = w.vot("VOT2026-0050");
    let d = w.decide(&Message::Wmo315(second.clone()));
    rejected(&d, &[("TR374", RetourCode::R9374, AANGEVRAAGD_0)]);
    assert!(d.findings[0].detail.contains(VOT_REF), "{d:#?}");
    // In onderzoek, the request is still pending.
    approved(&w.answer(VOT_REF, VerzoekAntwoord::AanvraagInOnderzoek));
    let again = w.vot("VOT2026-0050");
    rejected(
        &w.decide(&Message::Wmo315(again)),
        &[("TR374", RetourCode::R9374, AANGEVRAAGD_0)],
    );
    // Another aanbieder's request for the same client is not blocked.
    let mut other = w.vot("VOT2026-0050");
    other.header.afzender = OTHER_AANBIEDER.into();
    approved(&w.decide(&Message::Wmo315(other)));
    // Afgewezen: the request is closed, a new one may come.
    approved(&w.answer(VOT_REF, VerzoekAntwoord::VerzoekAfgewezen));
    assert_eq!(
        status(&w.state(&berg), AANBIEDER, VOT_REF),
        Some(VerzoekStatus::Afgewezen)
    );
    let third = w.vot("VOT2026-0050");
    approved(&w.decide(&Message::Wmo315(third)));
}

/// Pending until a 301 with the same ReferentieAanbieder: a 301 without it does not close the
/// request, and a VOW then waits too.
#[test]
fn tr374_a_toewijzing_with_the_reference_closes_the_request() {
    let mut w = World::chain().given("wmo315-vot-begeleiding-huisarts");
    let Message::Wmo301(mut plain) = fixture("wmo301-toewijzing-after-vot") else {
        unreachable!()
    };
    plain.client.toegewezen_producten[0].referentie_aanbieder = None;
    approved(&w.decide(&Message::Wmo301(plain)));
    let vow = fixture("wmo317-vow-new-product");
    rejected(&w.decide(&vow), &[("TR374", RetourCode::R9374, VERZOEK)]);
    // The toewijzing that honours the request (a new version carrying the reference).
    let Message::Wmo301(mut honour) = fixture("wmo301-toewijzing-after-vot") else {
        unreachable!()
    };
    honour.header.bericht_identificatie.identificatie = "G301-HONOUR".into();
    honour.client.toegewezen_producten[0].toewijzingsdatum = date(2026, 1, 27);
    approved(&w.decide(&Message::Wmo301(honour)));
    approved(&w.decide(&vow));
    // Now the VOW itself is pending.
    let later = w.vot("VOT2026-0060");
    rejected(
        &w.decide(&Message::Wmo315(later)),
        &[("TR374", RetourCode::R9374, AANGEVRAAGD_0)],
    );
}

// ---------------------------------------------------------------------------------------------
// 317: TR304, TR349, TR350, TR351, TR357, TR361, TR373, TR375, TR411, TR412

#[test]
fn vow_with_all_actual_products() {
    let mut w = World::chain().given("wmo301-toewijzing-two-products-with-relatie");
    let m = w.vow(&[VISSER_HBH], vec![more_dagbesteding()], vec![]);
    let referentie = m.client.verzoek.referentie_aanbieder.clone();
    let d = w.decide(&Message::Wmo317(m));
    approved(&d);
    assert!(d.derived.is_empty() && d.signals.is_empty(), "{d:#?}");
    assert!(d.not_checked.iter().any(|r| r.as_str() == "TR381"));
    let visser = bsn_of("wmo317-vow-missing-product");
    assert_eq!(
        status(&w.state(&visser), AANBIEDER, &referentie),
        Some(VerzoekStatus::Open)
    );
    // The same with the HbH left out (the fixture): 9349 on the Verzoek.
    let mut w = World::chain().given("wmo301-toewijzing-two-products-with-relatie");
    let m = w.vow(&[], vec![more_dagbesteding()], vec![]);
    let d = w.decide(&Message::Wmo317(m));
    rejected(&d, &[("TR349", RetourCode::R9349, VERZOEK)]);
    assert!(
        d.findings[0].detail.contains(&VISSER_HBH.to_string()),
        "{d:#?}"
    );
}

/// "Actual" is judged on the VOW's Dagtekening (2026-07-06): a toewijzing that ended before it
/// must be left out (9350 when named), one ending on it must be in (9349 when left out).
#[test]
fn tr349_tr350_actual_on_the_dagtekening() {
    let end_hbh = |w: &mut World, einddatum: NaiveDate| {
        let Message::Wmo301(mut m) = fixture("wmo301-toewijzing-two-products-with-relatie") else {
            unreachable!()
        };
        m.header.bericht_identificatie.identificatie = w.next_id("G301");
        m.client.toegewezen_producten.truncate(1);
        let p = &mut m.client.toegewezen_producten[0];
        p.toewijzingsdatum = date(2026, 6, 1);
        p.einddatum = Some(einddatum);
        p.reden_wijziging = Some(RedenWijziging::HerbeoordelingVerkorting);
        approved(&w.decide(&Message::Wmo301(m)));
    };
    let mut w = World::chain().given("wmo301-toewijzing-two-products-with-relatie");
    end_hbh(&mut w, date(2026, 7, 5));
    let m = w.vow(&[], vec![more_dagbesteding()], vec![]);
    approved(&w.decide(&Message::Wmo317(m)));

    let mut w = World::chain().given("wmo301-toewijzing-two-products-with-relatie");
    end_hbh(&mut w, date(2026, 7, 5));
    let m = w.vow(&[VISSER_HBH], vec![more_dagbesteding()], vec![]);
    let d = w.decide(&Message::Wmo317(m));
    rejected(
        &d,
        &[(
            "TR350",
            RetourCode::R9350,
            Target::Wmo317(Class317::OngewijzigdProduct(0)),
        )],
    );
    assert!(
        d.findings[0].detail.contains("ended on 2026-07-05"),
        "{d:#?}"
    );

    let mut w = World::chain().given("wmo301-toewijzing-two-products-with-relatie");
    end_hbh(&mut w, date(2026, 7, 6));
    let m = w.vow(&[], vec![more_dagbesteding()], vec![]);
    rejected(
        &w.decide(&Message::Wmo317(m)),
        &[("TR349", RetourCode::R9349, VERZOEK)],
    );
}

/// Numbers that are not an actual toewijzing of this aanbieder for this client: another
/// client's (TR350 on an OngewijzigdProduct, TR351 on a TeWijzigenProduct), and a toewijzing
/// deleted with RedenWijziging 13 (unknown, and not required by TR349 either).
#[test]
fn tr350_tr351_unknown_toewijzingen() {
    let mut w = World::chain()
        .given("wmo301-toewijzing-two-products-with-relatie")
        .given_message(toewijzing_begeleiding());
    let berg = 26000871;
    let m = w.vow(&[VISSER_HBH, berg], vec![more_dagbesteding()], vec![]);
    rejected(
        &w.decide(&Message::Wmo317(m)),
        &[(
            "TR350",
            RetourCode::R9350,
            Target::Wmo317(Class317::OngewijzigdProduct(1)),
        )],
    );
    let m = w.vow(
        &[VISSER_HBH, VISSER_DAG],
        vec![te_wijzigen(berg, date(2026, 8, 1), None, None)],
        vec![],
    );
    let d = w.decide(&Message::Wmo317(m));
    rejected(&d, &[("TR351", RetourCode::R9351, te_wijzigen_t(0))]);
    assert!(
        d.findings[0]
            .detail
            .contains("is not a toewijzing of aanbieder 98004132"),
        "{d:#?}"
    );

    // The HbH deleted: unknown to the VOW.
    let Message::Wmo301(mut del) = fixture("wmo301-toewijzing-two-products-with-relatie") else {
        unreachable!()
    };
    del.header.bericht_identificatie.identificatie = "G301-DEL".into();
    del.client.toegewezen_producten.truncate(1);
    let p = &mut del.client.toegewezen_producten[0];
    p.toewijzingsdatum = date(2026, 3, 3);
    p.einddatum = Some(p.ingangsdatum);
    p.reden_wijziging = Some(RedenWijziging::Verwijderd);
    approved(&w.decide(&Message::Wmo301(del)));
    let m = w.vow(&[VISSER_HBH], vec![more_dagbesteding()], vec![]);
    let d = w.decide(&Message::Wmo317(m));
    rejected(
        &d,
        &[(
            "TR350",
            RetourCode::R9350,
            Target::Wmo317(Class317::OngewijzigdProduct(0)),
        )],
    );
    assert!(d.findings[0].detail.contains("deleted"), "{d:#?}");
    let m = w.vow(&[], vec![more_dagbesteding()], vec![]);
    approved(&w.decide(&Message::Wmo317(m)));
}

/// A GewensteIngangsdatum on or before the Dagtekening (2026-07-06) must be the toewijzing's
/// Ingangsdatum (2026-03-09).
#[test]
fn tr357_a_change_in_the_past_holds_for_the_whole_term() {
    let mut w = World::chain().given("wmo301-toewijzing-two-products-with-relatie");
    for gewenste in [date(2026, 7, 1), date(2026, 7, 6)] {
        let mut change = more_dagbesteding();
        change.gewenste_ingangsdatum = gewenste;
        let m = w.vow(&[VISSER_HBH], vec![change], vec![]);
        rejected(
            &w.decide(&Message::Wmo317(m)),
            &[("TR357", RetourCode::R9357, te_wijzigen_t(0))],
        );
    }
    let mut change = more_dagbesteding();
    change.gewenste_ingangsdatum = date(2026, 3, 9);
    let m = w.vow(&[VISSER_HBH], vec![change], vec![]);
    approved(&w.decide(&Message::Wmo317(m)));
}

/// A change of the "totaal binnen geldigheidsduur" or of the Budget starts at the toewijzing's
/// Ingangsdatum; a per-week change may start later.
#[test]
fn tr373_budget_or_total_changes_from_the_ingangsdatum() {
    let mut w = World::chain().given("wmo301-toewijzing-rolstoel");
    let el_amrani = |w: &mut World, change: TeWijzigenProduct| {
        let mut m = w.vow(&[], vec![change], vec![]);
        m.header.afzender = OTHER_AANBIEDER.into();
        m.client.bsn = bsn_of("wmo301-toewijzing-rolstoel");
        w.decide(&Message::Wmo317(m))
    };
    let two = Some(omvang(
        2,
        Eenheid::StuksOutput,
        Frequentie::TotaalBinnenGeldigheidsduur,
    ));
    let d = el_amrani(
        &mut w,
        te_wijzigen(ROLSTOEL, date(2026, 8, 1), None, two.clone()),
    );
    rejected(&d, &[("TR373", RetourCode::R9373, te_wijzigen_t(0))]);
    // Near misses: from the Ingangsdatum, or only the Einddatum changes.
    approved(&el_amrani(
        &mut w,
        te_wijzigen(ROLSTOEL, date(2026, 4, 15), None, two),
    ));
    let mut w = World::chain().given("wmo301-toewijzing-rolstoel");
    let same = Some(omvang(
        1,
        Eenheid::StuksOutput,
        Frequentie::TotaalBinnenGeldigheidsduur,
    ));
    approved(&el_amrani(
        &mut w,
        te_wijzigen(ROLSTOEL, date(2026, 8, 1), Some(date(2027, 4, 14)), same),
    ));
    // Per week, from a later date: no TR373 (the fixture's change).
    let mut w = World::chain().given("wmo301-toewijzing-two-products-with-relatie");
    let m = w.vow(&[VISSER_HBH], vec![more_dagbesteding()], vec![]);
    approved(&w.decide(&Message::Wmo317(m)));
}

/// Omvang by the toewijzing's Product: a code requires it (TR411), a category without code
/// (TR412) or no Product at all (TR375) forbids it; and a Budget change of an aspecific
/// toewijzing starts at its Ingangsdatum (TR373).
#[test]
fn tr375_tr411_tr412_omvang_follows_the_toewijzings_product() {
    // TR411: Visser's dagbesteding has code 07A01.
    let mut w = World::chain().given("wmo301-toewijzing-two-products-with-relatie");
    let mut change = more_dagbesteding();
    change.omvang = None;
    let m = w.vow(&[VISSER_HBH], vec![change], vec![]);
    rejected(
        &w.decide(&Message::Wmo317(m)),
        &[("TR411", RetourCode::R9411, te_wijzigen_t(0))],
    );

    // TR412: the HbH assigned on category 01 without a code.
    let Message::Wmo301(mut m) = fixture("wmo301-toewijzing-two-products-with-relatie") else {
        unreachable!()
    };
    m.client.toegewezen_producten[0].product =
        Some(product(ProductCategorie::HulpBijHetHuishouden, None));
    m.client.toegewezen_producten[0].omvang = None;
    let mut w = World::chain();
    approved(&w.decide(&Message::Wmo301(m)));
    let longer = |omvang: Option<Omvang>| {
        te_wijzigen(
            VISSER_HBH,
            date(2026, 8, 1),
            Some(date(2027, 6, 30)),
            omvang,
        )
    };
    let m = w.vow(
        &[VISSER_DAG],
        vec![longer(Some(omvang(3, Eenheid::Uur, Frequentie::PerWeek)))],
        vec![],
    );
    rejected(
        &w.decide(&Message::Wmo317(m)),
        &[("TR412", RetourCode::R9412, te_wijzigen_t(0))],
    );
    let m = w.vow(&[VISSER_DAG], vec![longer(None)], vec![]);
    approved(&w.decide(&Message::Wmo317(m)));

    // TR375: van den Berg's begeleiding as an aspecific toewijzing (Budget, no Product).
    let Message::Wmo301(mut m) = fixture("wmo301-toewijzing-after-vot") else {
        unreachable!()
    };
    let p = &mut m.client.toegewezen_producten[0];
    p.referentie_aanbieder = None;
    p.product = None;
    p.omvang = None;
    p.budget = Some(500_000);
    let mut w = World::chain();
    approved(&w.decide(&Message::Wmo301(m)));
    let berg = |w: &mut World, change: TeWijzigenProduct| {
        let mut m = w.vow(&[], vec![change], vec![]);
        m.client.bsn = bsn_of("wmo301-toewijzing-after-vot");
        w.decide(&Message::Wmo317(m))
    };
    let d = berg(
        &mut w,
        te_wijzigen(
            26000871,
            date(2026, 8, 1),
            Some(date(2026, 12, 31)),
            Some(omvang(4, Eenheid::Uur, Frequentie::PerWeek)),
        ),
    );
    rejected(&d, &[("TR375", RetourCode::R9375, te_wijzigen_t(0))]);
    let budget = |gewenste| TeWijzigenProduct {
        budget: Some(600_000),
        ..te_wijzigen(26000871, gewenste, Some(date(2026, 12, 31)), None)
    };
    rejected(
        &berg(&mut w, budget(date(2026, 8, 1))),
        &[("TR373", RetourCode::R9373, te_wijzigen_t(0))],
    );
    approved(&berg(&mut w, budget(date(2026, 2, 1))));
}

#[test]
fn tr361_no_product_twice_with_overlapping_periods() {
    let mut w = World::chain().given("wmo301-toewijzing-two-products-with-relatie");
    let hbh = product(ProductCategorie::HulpBijHetHuishouden, Some("01A02"));
    let nieuw_0 = Target::Wmo317(Class317::NieuwProduct(0));
    // A new HbH 01A02 while the toewijzing of 01A02 runs to 2027-03-08.
    let m = w.vow(
        &[VISSER_HBH, VISSER_DAG],
        vec![],
        vec![nieuw(hbh.clone(), date(2026, 8, 1), date(2026, 12, 31))],
    );
    rejected(
        &w.decide(&Message::Wmo317(m)),
        &[("TR361", RetourCode::R9361, nieuw_0)],
    );
    // Without a code: the same category counts as the same product.
    let m = w.vow(
        &[VISSER_HBH, VISSER_DAG],
        vec![],
        vec![nieuw(
            product(ProductCategorie::HulpBijHetHuishouden, None),
            date(2026, 8, 1),
            date(2026, 12, 31),
        )],
    );
    rejected(
        &w.decide(&Message::Wmo317(m)),
        &[("TR361", RetourCode::R9361, nieuw_0)],
    );
    // The same number twice (unchanged and changed) overlaps itself.
    let m = w.vow(&[VISSER_HBH, VISSER_DAG], vec![more_dagbesteding()], vec![]);
    rejected(
        &w.decide(&Message::Wmo317(m)),
        &[("TR361", RetourCode::R9361, te_wijzigen_t(0))],
    );
    // Near misses: after the toewijzing ends, or another product.
    let m = w.vow(
        &[VISSER_HBH, VISSER_DAG],
        vec![],
        vec![nieuw(hbh, date(2027, 3, 9), date(2027, 12, 31))],
    );
    approved(&w.decide(&Message::Wmo317(m)));
    let mut w = World::chain().given("wmo301-toewijzing-two-products-with-relatie");
    let m = w.vow(
        &[VISSER_HBH, VISSER_DAG],
        vec![],
        vec![nieuw(
            product(ProductCategorie::Begeleiding, Some("02A02")),
            date(2026, 8, 1),
            date(2026, 12, 31),
        )],
    );
    approved(&w.decide(&Message::Wmo317(m)));
}

/// A VOW for a client without a toewijzing of this aanbieder (El Amrani's rolstoel belongs to
/// the other aanbieder): 8187 on the Client, the products are not judged.
#[test]
fn tr304_vow_for_a_client_of_another_aanbieder() {
    let mut w = World::chain().given("wmo301-toewijzing-rolstoel");
    let begeleiding = product(ProductCategorie::Begeleiding, Some("02A02"));
    let mut m = w.vow(
        &[ROLSTOEL],
        vec![],
        vec![nieuw(begeleiding, date(2026, 8, 1), date(2026, 12, 31))],
    );
    m.client.bsn = bsn_of("wmo301-toewijzing-rolstoel");
    let message = Message::Wmo317(m);
    assert!(check(&message).is_clean(), "{:#?}", check(&message));
    let d = w.decide(&message);
    rejected(
        &d,
        &[("TR304", RetourCode::R8187, Target::Wmo317(Class317::Client))],
    );
    let Some(Message::Wmo318(r)) = retour(&message, &check(&message), &d, &ident("G318-1")) else {
        panic!("a 318")
    };
    let client = r.client.expect("the client is returned");
    assert_eq!(client.retour_codes, RetourCodes(vec![RetourCode::R8187]));
    // Near miss: the aanbieder of the rolstoel.
    let mut m = w.vow(&[ROLSTOEL], vec![], vec![]);
    m.header.afzender = OTHER_AANBIEDER.into();
    m.client.bsn = bsn_of("wmo301-toewijzing-rolstoel");
    m.client.verzoek.nieuwe_producten = vec![nieuw(
        product(ProductCategorie::Vervoervoorzieningen, Some("12A01")),
        date(2026, 8, 1),
        date(2026, 12, 31),
    )];
    approved(&w.decide(&Message::Wmo317(m)));
}

// ---------------------------------------------------------------------------------------------
// 319: TR355, TR359, TR360, TR365

/// VOT, "in onderzoek", a second "in onderzoek" (9360), the final answer, and nothing after it
/// (9365, and both codes for another "in onderzoek").
#[test]
fn antwoord_in_onderzoek_then_the_final_answer() {
    let mut w = World::chain().given("wmo315-vot-begeleiding-huisarts");
    use VerzoekAntwoord::{AanvraagInOnderzoek as ONDERZOEK, VerzoekAfgewezen as AFGEWEZEN};
    // Three working days after the VOT of 12 January: on time (OP274).
    w.today = date(2026, 1, 15);
    let d = w.answer(VOT_REF, ONDERZOEK);
    approved(&d);
    assert!(d.signals.is_empty() && d.derived.is_empty(), "{d:#?}");
    let second = Message::Wmo319(w.antwoord(VOT_REF, ONDERZOEK));
    let d = w.decide(&second);
    rejected(&d, &[("TR360", RetourCode::R9360, ANTWOORD)]);
    let Some(Message::Wmo320(r)) = retour(&second, &check(&second), &d, &ident("A320-1")) else {
        panic!("a 320")
    };
    assert_eq!(
        r.antwoord.expect("the Antwoord is returned").retour_codes,
        RetourCodes(vec![RetourCode::R9360])
    );
    // The final answer a day after the 8 weeks from the VOT (9 March): late (OP346).
    w.today = date(2026, 3, 10);
    let d = w.answer(VOT_REF, AFGEWEZEN);
    approved(&d);
    assert_eq!(kinds(&d.signals), [SignalKind::LateFinalAnswer]);
    assert_eq!(d.signals[0].due, date(2026, 3, 9));
    assert_eq!(d.signals[0].working_days_late, 1);
    assert!(d.derived.is_empty());
    let berg = bsn_of("wmo315-vot-begeleiding-huisarts");
    assert_eq!(
        status(&w.state(&berg), AANBIEDER, VOT_REF),
        Some(VerzoekStatus::Afgewezen)
    );
    rejected(
        &w.answer(VOT_REF, AFGEWEZEN),
        &[("TR365", RetourCode::R9365, ANTWOORD)],
    );
    rejected(
        &w.answer(VOT_REF, ONDERZOEK),
        &[
            ("TR365", RetourCode::R9365, ANTWOORD),
            ("TR360", RetourCode::R9360, ANTWOORD),
        ],
    );
}

/// The final answer may also come directly, without "in onderzoek".
#[test]
fn antwoord_afgewezen_directly() {
    let mut w = World::chain().given("wmo315-vot-begeleiding-huisarts");
    approved(&w.answer(VOT_REF, VerzoekAntwoord::VerzoekAfgewezen));
}

#[test]
fn tr359_no_answer_after_the_toewijzing() {
    let mut w = World::chain()
        .given("wmo315-vot-begeleiding-huisarts")
        .given("wmo301-toewijzing-after-vot");
    let d = w.answer(VOT_REF, VerzoekAntwoord::VerzoekAfgewezen);
    rejected(&d, &[("TR359", RetourCode::R9359, ANTWOORD)]);
    assert!(d.findings[0].detail.contains("26000871"), "{d:#?}");
}

/// A 319 names a request of its Ontvanger to its Afzender: another aanbieder's or another
/// gemeente's reference is unknown (9355).
#[test]
fn tr355_only_a_request_of_this_aanbieder_to_this_gemeente() {
    let mut w = World::chain().given("wmo315-vot-begeleiding-huisarts");
    let mut m = w.antwoord(VOT_REF, VerzoekAntwoord::AanvraagInOnderzoek);
    m.header.ontvanger = OTHER_AANBIEDER.into();
    rejected(
        &w.decide(&Message::Wmo319(m)),
        &[("TR355", RetourCode::R9355, ANTWOORD)],
    );
    let mut m = w.antwoord(VOT_REF, VerzoekAntwoord::AanvraagInOnderzoek);
    m.header.afzender = "0363".into();
    let d = w.decide(&Message::Wmo319(m));
    rejected(&d, &[("TR355", RetourCode::R9355, ANTWOORD)]);
    assert!(d.findings[0].detail.contains("gemeente 0344"), "{d:#?}");
    let m = w.antwoord(VOT_REF, VerzoekAntwoord::AanvraagInOnderzoek);
    approved(&w.decide(&Message::Wmo319(m)));
}

// ---------------------------------------------------------------------------------------------
// Our own requests (Mode::Own as aanbieder)

/// Our VOT counts at once (the next request waits for it), and a 316 that rejects it makes it
/// never sent: its reference is free again and nothing is pending.
#[test]
fn our_rejected_vot_counts_as_never_sent() {
    let mut w = World::chain();
    w.mode = Mode::Own(Party::Aanbieder(AANBIEDER.into()));
    let ours = fixture("wmo315-vot-begeleiding-huisarts");
    let d = w.decide(&ours);
    assert_eq!(d.role, Role::Sender);
    approved(&d);
    let next = w.vot("VOT2026-0050");
    let d = w.decide(&Message::Wmo315(next));
    assert_eq!(d.role, Role::Sender);
    rejected(&d, &[("TR374", RetourCode::R9374, AANGEVRAAGD_0)]);

    let Message::Wmo315(heen) = ours else {
        unreachable!()
    };
    let mut assessment = iwmo_rules::Assessment::new(&heen);
    assessment
        .reject(
            Class315::AangevraagdProduct(0),
            iwmo_rules::RuleId::new("TR381"),
            RetourCode::RS329,
            "test",
        )
        .unwrap();
    let d = w.decide(&Message::Wmo316(iwmo_rules::wmo316(
        &assessment,
        &ident("G316-1"),
    )));
    assert_eq!(d.verdict, Verdict::RetourRejected);
    let berg = bsn_of("wmo315-vot-begeleiding-huisarts");
    assert_eq!(status(&w.state(&berg), AANBIEDER, VOT_REF), None);
    // The same reference again, in a new message: neither 9347 nor 9374.
    let again = w.vot(VOT_REF);
    approved(&w.decide(&Message::Wmo315(again)));
}

/// A 319 we receive as aanbieder on our own (confirmed) request.
#[test]
fn our_request_answered() {
    let mut w = World::chain();
    w.mode = Mode::Own(Party::Aanbieder(AANBIEDER.into()));
    let Message::Wmo315(heen) = fixture("wmo315-vot-begeleiding-huisarts") else {
        unreachable!()
    };
    approved(&w.decide(&Message::Wmo315(heen.clone())));
    let d = w.decide(&Message::Wmo316(iwmo_rules::wmo316(
        &iwmo_rules::Assessment::new(&heen),
        &ident("G316-2"),
    )));
    assert_eq!(d.verdict, Verdict::RetourApproved);
    let d = w.decide(&fixture("wmo319-aanvraag-in-onderzoek"));
    assert_eq!(d.role, Role::Receiver);
    approved(&d);
    let berg = bsn_of("wmo315-vot-begeleiding-huisarts");
    let state = w.state(&berg);
    assert_eq!(
        status(&state, AANBIEDER, VOT_REF),
        Some(VerzoekStatus::InOnderzoek)
    );
    assert!(state.facts.iter().all(|f| !f.pending));
}
