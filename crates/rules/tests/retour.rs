//! The retour builders on the fixture messages: for every retour kind the approved, level-2
//! and a level-3 case, each written with `iwmo-model`, validated against our
//! `schemas/iwmo/3.2` retour XSD, and checked code by code. Where `fixtures/messages/` has
//! the retour the story expects (`wmo306-rejected-delete-9063.xml` …), the built retour must
//! equal that file exactly: those files were written by hand from IV028/OP065/IV087, not
//! from this code.

use std::path::{Path, PathBuf};

use iwmo_model::codes::{DebetCredit, RetourCode};
use iwmo_model::{
    read, write, DeclaratieAntwoordHeader, Message, MessageKind, RetourCodes, RetourHeader, Wmo301,
    Wmo305, Wmo307, Wmo315, Wmo317, Wmo319, Wmo323, Wmo325,
};
use iwmo_rules::*;
use iwmo_xsd::SchemaSet;

use RetourCode::*;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> Message {
    let path = workspace().join("fixtures/messages").join(name);
    let xml = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read(&xml).unwrap_or_else(|e| panic!("{name}: {e}"))
}

macro_rules! fixture {
    ($kind:ident, $name:literal) => {
        match fixture($name) {
            Message::$kind(m) => m,
            other => panic!("{} is a {:?}", $name, other.kind()),
        }
    };
}

/// Writes the retour, validates it against our XSD for its kind, reads it back (must be
/// equal) and returns it.
fn written_and_valid(message: Message) -> Message {
    let kind = message.kind();
    let xsd = workspace().join(format!("schemas/iwmo/3.2/WMO{}.xsd", kind.number()));
    let schemas = SchemaSet::load([&xsd]).unwrap_or_else(|e| panic!("{}: {e}", xsd.display()));
    let xml = write(&message);
    let report = schemas.validate(xml.as_bytes());
    assert!(
        report.is_valid(),
        "the {kind:?} is not valid: {:#?}\n{xml}",
        report.errors
    );
    let again = read(xml.as_bytes()).expect("a written retour reads back");
    assert_eq!(again, message);
    again
}

/// The retour identification of a fixture retour, so the built one can equal it.
fn ident(h: &RetourHeader) -> RetourIdentificatie {
    RetourIdentificatie {
        identificatie: h.identificatie_retour.clone(),
        dagtekening: h.dagtekening_retour,
        xsd_versie: h.xsd_versie_retour.clone(),
        xslt_versie: h.xslt_versie.clone(),
    }
}

fn ident325(h: &DeclaratieAntwoordHeader) -> RetourIdentificatie {
    RetourIdentificatie {
        identificatie: h.header.bericht_identificatie.identificatie.clone(),
        dagtekening: h.header.bericht_identificatie.dagtekening,
        xsd_versie: h.header.xsd_versie.clone(),
        xslt_versie: h.xslt_versie.clone(),
    }
}

/// A retour identification for cases the fixtures do not have.
fn some_ident() -> RetourIdentificatie {
    RetourIdentificatie {
        identificatie: "T26-RET-001".into(),
        dagtekening: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        xsd_versie: Default::default(),
        xslt_versie: None,
    }
}

/// A level-2 finding as the rules will produce it.
fn cs002() -> Finding {
    Finding {
        rule: RuleId::new("CS002"),
        paths: vec!["/Bericht/Client/Bsn".into()],
        detail: "Bsn fails the 11-proef".into(),
        retourcode: R0001,
    }
}

fn codes(c: &RetourCodes) -> &[RetourCode] {
    &c.0
}

/// Header-only with exactly these header codes (`None`: no `RetourCodes`).
macro_rules! assert_header_only {
    ($retour:expr, $body:ident, $codes:expr) => {{
        let r = $retour;
        assert!(r.$body.is_none(), "not header-only");
        assert_eq!(r.header.retour_codes.as_ref().map(|c| c.0.clone()), $codes);
    }};
}

// ---------------------------------------------------------------------------------------------
// 301 → 302

#[test]
fn wmo302_approved_level2_and_level3() {
    let heen: Wmo301 = fixture!(Wmo301, "wmo301-toewijzing-two-products-with-relatie.xml");
    let golden = fixture!(Wmo302, "wmo302-approved-header-only.xml");
    let a = Assessment::new(&heen);
    assert_eq!(a.verdict(), Verdict::Approved);
    let built = wmo302(&a, &ident(&golden.header));
    assert_header_only!(&built, client, None);
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo302(built));

    let mut a = Assessment::new(&heen);
    a.add_level2(cs002()).unwrap();
    let built = wmo302(&a, &some_ident());
    assert_header_only!(&built, client, Some(vec![R0001]));
    assert_eq!(
        built.header.header, heen.header,
        "IV028: header copied unchanged"
    );
    written_and_valid(Message::Wmo302(built));

    // Level 3/4 (the fixture story): the rolstoel code does not fit category 12, TR381.
    let heen: Wmo301 = fixture!(Wmo301, "wmo301-productcode-not-in-category.xml");
    let golden = fixture!(Wmo302, "wmo302-rejected-productcode-s329.xml");
    let mut a = Assessment::new(&heen);
    a.reject(
        Class301::ToegewezenProduct(0),
        RuleId::new("TR381"),
        RS329,
        "11X00 is not a code of category 12",
    )
    .unwrap();
    let built = wmo302(&a, &ident(&golden.header));
    let c = built.client.as_ref().unwrap();
    assert_eq!(
        built.header.retour_codes.as_ref().map(codes),
        Some(&[R0200][..])
    );
    assert_eq!(codes(&c.retour_codes), [R0200]);
    assert_eq!(codes(&c.contactgegevens[0].retour_codes), [R0200]);
    assert_eq!(codes(&c.toegewezen_producten[0].retour_codes), [RS329]);
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo302(built));
}

/// Choice (see `Assessment::codes`): outside the 325, a class below a rejected class gets
/// 0200 unless the assessor marked it not assessed (then 0233); siblings and the classes
/// above get 0200 either way.
#[test]
fn wmo302_rejected_relatie_its_contact_gets_0200() {
    let heen: Wmo301 = fixture!(Wmo301, "wmo301-toewijzing-two-products-with-relatie.xml");
    assert_eq!(heen.client.relaties.len(), 1);
    let mut a = Assessment::new(&heen);
    a.reject(Class301::Relatie(0), RuleId::new("TR999"), R9332, "made up")
        .unwrap();
    let built = wmo302(&a, &some_ident());
    let c = built.client.as_ref().unwrap();
    assert_eq!(codes(&c.retour_codes), [R0200]);
    assert_eq!(codes(&c.relaties[0].retour_codes), [R9332]);
    assert_eq!(codes(&c.relaties[0].contact.retour_codes), [R0200]);
    for k in &c.contactgegevens {
        assert_eq!(codes(&k.retour_codes), [R0200]);
    }
    for p in &c.toegewezen_producten {
        assert_eq!(codes(&p.retour_codes), [R0200]);
    }
    assert_eq!(
        a.report().findings[0].paths,
        ["/Bericht/Client/Relaties/Relatie"]
    );
    written_and_valid(Message::Wmo302(built));

    a.not_assessed(Class301::RelatieContact(0)).unwrap();
    a.not_assessed(Class301::ToegewezenProduct(1)).unwrap();
    let built = wmo302(&a, &some_ident());
    let c = built.client.as_ref().unwrap();
    assert_eq!(codes(&c.relaties[0].contact.retour_codes), [R0233]);
    assert_eq!(codes(&c.toegewezen_producten[0].retour_codes), [R0200]);
    assert_eq!(codes(&c.toegewezen_producten[1].retour_codes), [R0233]);
    written_and_valid(Message::Wmo302(built));

    // Marks alone reject nothing.
    let mut a = Assessment::new(&heen);
    a.not_assessed(Class301::Client).unwrap();
    assert_eq!(a.verdict(), Verdict::Approved);
    assert!(wmo302(&a, &some_ident()).client.is_none());
    assert!(matches!(
        a.not_assessed(Class301::Contact(7)),
        Err(RulesError::NoSuchClass { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// 305 → 306

#[test]
fn wmo306_approved_level2_and_level3() {
    let heen: Wmo305 = fixture!(Wmo305, "wmo305-start-two-products.xml");
    let golden = fixture!(Wmo306, "wmo306-approved-header-only.xml");
    let built = wmo306(&Assessment::new(&heen), &ident(&golden.header));
    assert_header_only!(&built, client, None);
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo306(built));

    let mut a = Assessment::new(&heen);
    a.add_level2(cs002()).unwrap();
    let built = wmo306(&a, &some_ident());
    assert_header_only!(&built, client, Some(vec![R0001]));
    written_and_valid(Message::Wmo306(built));

    // IV028's worked example: a deletion without an earlier delivery (TR063).
    let heen: Wmo305 = fixture!(Wmo305, "wmo305-delete-unknown-start.xml");
    let golden = fixture!(Wmo306, "wmo306-rejected-delete-9063.xml");
    let mut a = Assessment::new(&heen);
    a.reject(
        Class305::StartProduct(0),
        RuleId::new("TR063"),
        R9063,
        "no start with this key",
    )
    .unwrap();
    let built = wmo306(&a, &ident(&golden.header));
    let c = built.client.as_ref().unwrap();
    assert_eq!(
        built.header.retour_codes.as_ref().map(codes),
        Some(&[R0200][..])
    );
    assert_eq!(codes(&c.retour_codes), [R0200]);
    assert_eq!(codes(&c.start_producten[0].retour_codes), [R9063]);
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo306(built));
}

#[test]
fn wmo306_second_product_rejected_first_gets_0200() {
    let heen: Wmo305 = fixture!(Wmo305, "wmo305-start-two-products.xml");
    let mut a = Assessment::new(&heen);
    a.reject(Class305::StartProduct(1), RuleId::new("TR326"), R9326, "x")
        .unwrap();
    a.reject(Class305::StartProduct(1), RuleId::new("TR019"), R9019, "y")
        .unwrap();
    // The same code twice is written once.
    a.reject(Class305::StartProduct(1), RuleId::new("TR019"), R9019, "z")
        .unwrap();
    let built = wmo306(&a, &some_ident());
    let c = built.client.as_ref().unwrap();
    assert_eq!(codes(&c.retour_codes), [R0200]);
    assert_eq!(codes(&c.start_producten[0].retour_codes), [R0200]);
    assert_eq!(codes(&c.start_producten[1].retour_codes), [R9326, R9019]);
    assert_eq!(
        a.report().findings[0].paths,
        ["/Bericht/Client/StartProducten/StartProduct[2]"]
    );
    written_and_valid(Message::Wmo306(built));
}

/// Level 2 wins over everything; a Header finding wins over class findings (IV028: "Header
/// only"), and the class findings stay in the report.
#[test]
fn level2_then_header_then_classes() {
    let heen: Wmo305 = fixture!(Wmo305, "wmo305-start-two-products.xml");
    let mut a = Assessment::new(&heen);
    a.reject(Class305::StartProduct(0), RuleId::new("TR074"), R9074, "x")
        .unwrap();
    a.reject_header(RuleId::new("TR056"), R9056, "Identificatie used before")
        .unwrap();
    assert_eq!(a.verdict(), Verdict::Header);
    let built = wmo306(&a, &some_ident());
    assert_header_only!(&built, client, Some(vec![R9056]));
    written_and_valid(Message::Wmo306(built));
    let rules: Vec<String> = a.report().rules().iter().map(|r| r.to_string()).collect();
    assert_eq!(rules, ["TR056", "TR074"]);
    assert_eq!(a.report().findings[0].paths, ["/Bericht/Header"]);

    a.add_level2(cs002()).unwrap();
    assert_eq!(a.verdict(), Verdict::Level2);
    assert_header_only!(wmo306(&a, &some_ident()), client, Some(vec![R0001]));
    assert_eq!(a.report().rules()[0], RuleId::new("CS002"));
}

#[test]
fn findings_that_cannot_be_added() {
    let heen: Wmo305 = fixture!(Wmo305, "wmo305-start-two-products.xml");
    let mut a = Assessment::new(&heen);
    assert_eq!(
        a.reject(Class305::StartProduct(4), RuleId::new("TR063"), R9063, ""),
        Err(RulesError::NoSuchClass {
            message: "WMO305",
            class: "StartProduct(4)".into()
        })
    );
    for layout in [R0001, R0200, R0233, R8001] {
        assert!(matches!(
            a.reject(Class305::Client, RuleId::new("TR063"), layout, ""),
            Err(RulesError::LayoutCode { code, .. }) if code == layout
        ));
        assert!(matches!(
            a.reject_header(RuleId::new("TR056"), layout, ""),
            Err(RulesError::LayoutCode { .. })
        ));
    }
    let mut f = cs002();
    f.retourcode = R9063;
    assert!(matches!(
        a.add_level2(f),
        Err(RulesError::NotLevel2 { code: R9063, .. })
    ));
    assert_eq!(a.verdict(), Verdict::Approved, "nothing refused got in");

    let heen: Wmo323 = fixture!(Wmo323, "wmo323-declaratie-april-two-clients.xml");
    let mut a = Assessment::new(&heen);
    for class in [
        Class323::Client(2),
        Class323::Prestatie {
            client: 1,
            prestatie: 1,
        },
        Class323::Prestatie {
            client: 5,
            prestatie: 0,
        },
    ] {
        assert!(matches!(
            a.reject(class, RuleId::new("TR338"), R9338, ""),
            Err(RulesError::NoSuchClass {
                message: "WMO323",
                ..
            })
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// 307 → 308

#[test]
fn wmo308_approved_level2_and_level3() {
    let heen: Wmo307 = fixture!(Wmo307, "wmo307-temporary-stop-reden-20.xml");
    let golden = fixture!(Wmo308, "wmo308-approved-header-only.xml");
    let built = wmo308(&Assessment::new(&heen), &ident(&golden.header));
    assert_header_only!(&built, client, None);
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo308(built));

    let mut a = Assessment::new(&heen);
    a.add_level2(cs002()).unwrap();
    let built = wmo308(&a, &some_ident());
    assert_header_only!(&built, client, Some(vec![R0001]));
    written_and_valid(Message::Wmo308(built));

    let heen: Wmo307 = fixture!(Wmo307, "wmo307-stop-unknown-begindatum.xml");
    let golden = fixture!(Wmo308, "wmo308-rejected-no-start-9069.xml");
    let mut a = Assessment::new(&heen);
    a.reject(
        Class307::StopProduct(0),
        RuleId::new("TR382"),
        R9069,
        "no actual start with this key",
    )
    .unwrap();
    let built = wmo308(&a, &ident(&golden.header));
    let c = built.client.as_ref().unwrap();
    assert_eq!(
        built.header.retour_codes.as_ref().map(codes),
        Some(&[R0200][..])
    );
    assert_eq!(codes(&c.retour_codes), [R0200]);
    assert_eq!(codes(&c.stop_producten[0].retour_codes), [R9069]);
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo308(built));
}

// ---------------------------------------------------------------------------------------------
// 315 → 316

#[test]
fn wmo316_approved_level2_and_level3() {
    let heen: Wmo315 = fixture!(Wmo315, "wmo315-vot-begeleiding-huisarts.xml");
    let golden = fixture!(Wmo316, "wmo316-approved-header-only.xml");
    let built = wmo316(&Assessment::new(&heen), &ident(&golden.header));
    assert_header_only!(&built, client, None);
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo316(built));

    let mut a = Assessment::new(&heen);
    a.add_level2(cs002()).unwrap();
    let built = wmo316(&a, &some_ident());
    assert_header_only!(&built, client, Some(vec![R0001]));
    written_and_valid(Message::Wmo316(built));

    let heen: Wmo315 = fixture!(Wmo315, "wmo315-vot-duplicate-referentie.xml");
    let golden = fixture!(Wmo316, "wmo316-rejected-duplicate-referentie-9347.xml");
    let mut a = Assessment::new(&heen);
    a.reject(
        Class315::AangevraagdProduct(0),
        RuleId::new("TR347"),
        R9347,
        "ReferentieAanbieder used before",
    )
    .unwrap();
    let built = wmo316(&a, &ident(&golden.header));
    let c = built.client.as_ref().unwrap();
    assert_eq!(codes(&c.retour_codes), [R0200]);
    assert_eq!(codes(&c.aangevraagde_producten[0].retour_codes), [R9347]);
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo316(built));
}

// ---------------------------------------------------------------------------------------------
// 317 → 318

#[test]
fn wmo318_approved_level2_and_level3() {
    let heen: Wmo317 = fixture!(Wmo317, "wmo317-vow-new-product.xml");
    let golden = fixture!(Wmo318, "wmo318-approved-header-only.xml");
    let built = wmo318(&Assessment::new(&heen), &ident(&golden.header));
    assert_header_only!(&built, client, None);
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo318(built));

    let mut a = Assessment::new(&heen);
    a.add_level2(cs002()).unwrap();
    let built = wmo318(&a, &some_ident());
    assert_header_only!(&built, client, Some(vec![R0001]));
    written_and_valid(Message::Wmo318(built));

    // TR349 is about the Verzoek as a whole: the code on Verzoek, 0200 above and below.
    let heen: Wmo317 = fixture!(Wmo317, "wmo317-vow-missing-product.xml");
    let golden = fixture!(Wmo318, "wmo318-rejected-incomplete-vow-9349.xml");
    let mut a = Assessment::new(&heen);
    a.reject(
        Class317::Verzoek,
        RuleId::new("TR349"),
        R9349,
        "toewijzing 26001001 is missing",
    )
    .unwrap();
    let built = wmo318(&a, &ident(&golden.header));
    let c = built.client.as_ref().unwrap();
    assert_eq!(codes(&c.retour_codes), [R0200]);
    assert_eq!(codes(&c.verzoek.retour_codes), [R9349]);
    assert_eq!(
        codes(&c.verzoek.te_wijzigen_producten[0].retour_codes),
        [R0200]
    );
    assert_eq!(built, golden, "matches the fixture retour");
    written_and_valid(Message::Wmo318(built));
}

/// A rejected Client (TR304, 8187): its Verzoek and products get 0200 (the choice pinned for
/// the 302), or 0233 where the assessor says it did not assess them.
#[test]
fn wmo318_rejected_client() {
    let heen: Wmo317 = fixture!(Wmo317, "wmo317-vow-new-product.xml");
    let mut a = Assessment::new(&heen);
    a.reject(Class317::Client, RuleId::new("TR304"), R8187, "Bsn")
        .unwrap();
    let products = |c: &iwmo_model::VerzoekClient<RetourCodes>| -> Vec<Vec<RetourCode>> {
        let v = &c.verzoek;
        v.ongewijzigde_producten
            .iter()
            .map(|p| p.retour_codes.0.clone())
            .chain(
                v.te_wijzigen_producten
                    .iter()
                    .map(|p| p.retour_codes.0.clone()),
            )
            .chain(v.nieuwe_producten.iter().map(|p| p.retour_codes.0.clone()))
            .collect()
    };
    let built = wmo318(&a, &some_ident());
    let c = built.client.as_ref().unwrap();
    assert_eq!(codes(&c.retour_codes), [R8187]);
    assert_eq!(codes(&c.verzoek.retour_codes), [R0200]);
    assert_eq!(products(c), [vec![R0200], vec![R0200]]);
    written_and_valid(Message::Wmo318(built));

    a.not_assessed(Class317::Verzoek).unwrap();
    a.not_assessed(Class317::OngewijzigdProduct(0)).unwrap();
    a.not_assessed(Class317::NieuwProduct(0)).unwrap();
    let built = wmo318(&a, &some_ident());
    let c = built.client.as_ref().unwrap();
    assert_eq!(codes(&c.verzoek.retour_codes), [R0233]);
    assert_eq!(products(c), [vec![R0233], vec![R0233]]);
    written_and_valid(Message::Wmo318(built));
}

// ---------------------------------------------------------------------------------------------
// 319 → 320

#[test]
fn wmo320_approved_level2_and_level3() {
    let heen: Wmo319 = fixture!(Wmo319, "wmo319-aanvraag-in-onderzoek.xml");
    let golden = fixture!(Wmo320, "wmo320-approved-header-only.xml");
    let built = wmo320(&Assessment::new(&heen), &ident(&golden.header));
    assert_header_only!(&built, antwoord, None);
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo320(built));

    let mut a = Assessment::new(&heen);
    a.add_level2(Finding {
        rule: RuleId::new("CD085"),
        paths: vec!["/Bericht/Antwoord/RedenAfwijzingVerzoek".into()],
        detail: "x".into(),
        retourcode: R0001,
    })
    .unwrap();
    let built = wmo320(&a, &some_ident());
    assert_header_only!(&built, antwoord, Some(vec![R0001]));
    written_and_valid(Message::Wmo320(built));

    let heen: Wmo319 = fixture!(Wmo319, "wmo319-unknown-referentie.xml");
    let golden = fixture!(Wmo320, "wmo320-rejected-unknown-referentie-9355.xml");
    let mut a = Assessment::new(&heen);
    a.reject(Class319::Antwoord, RuleId::new("TR355"), R9355, "unknown")
        .unwrap();
    let built = wmo320(&a, &ident(&golden.header));
    assert_eq!(
        built.header.retour_codes.as_ref().map(codes),
        Some(&[R0200][..])
    );
    assert_eq!(
        codes(&built.antwoord.as_ref().unwrap().retour_codes),
        [R9355]
    );
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo320(built));
}

// ---------------------------------------------------------------------------------------------
// 323 → 325

fn total(t: &iwmo_model::TotaalBedragMetDc) -> i128 {
    match t.debet_credit {
        DebetCredit::Debet => t.totaal_bedrag as i128,
        DebetCredit::Credit => -(t.totaal_bedrag as i128),
    }
}

fn amount(b: &iwmo_model::BedragMetDc) -> i128 {
    match b.debet_credit {
        DebetCredit::Debet => b.bedrag as i128,
        DebetCredit::Credit => -(b.bedrag as i128),
    }
}

/// TR342: Σ listed IngediendBedrag = TotaalIngediendBedrag − TotaalToegekendBedrag.
fn assert_tr342(r: &Wmo325) {
    let d = r.declaratie_antwoord.as_ref().unwrap();
    let listed: i128 = d
        .clienten
        .iter()
        .flat_map(|c| &c.prestaties)
        .map(|p| amount(&p.ingediend_bedrag))
        .sum();
    assert_eq!(
        listed,
        total(&d.totaal_ingediend_bedrag) - total(&d.totaal_toegekend_bedrag),
        "TR342"
    );
}

#[test]
fn wmo325_approved_level2_and_level3() {
    let heen: Wmo323 = fixture!(Wmo323, "wmo323-declaratie-april-two-clients.xml");
    let golden = fixture!(Wmo325, "wmo325-approved-8001.xml");
    let built = wmo325(&Assessment::new(&heen), &ident325(&golden.header));
    assert_eq!(codes(&built.header.retour_codes), [R0200]);
    let d = built.declaratie_antwoord.as_ref().unwrap();
    assert_eq!(codes(&d.retour_codes), [R8001]);
    assert!(d.clienten.is_empty());
    assert_eq!(
        d.totaal_ingediend_bedrag,
        heen.declaratie.totaal_ingediend_bedrag
    );
    assert_eq!(
        d.totaal_toegekend_bedrag,
        heen.declaratie.totaal_ingediend_bedrag
    );
    assert_eq!(built.header.header.afzender, heen.header.ontvanger);
    assert_eq!(built.header.header.ontvanger, heen.header.afzender);
    assert_eq!(
        built.header.declaratie_identificatie,
        heen.header.bericht_identificatie
    );
    assert_tr342(&built);
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo325(built));

    let mut a = Assessment::new(&heen);
    a.add_level2(cs002()).unwrap();
    let built = wmo325(&a, &some_ident());
    assert!(built.declaratie_antwoord.is_none());
    assert_eq!(codes(&built.header.retour_codes), [R0001]);
    written_and_valid(Message::Wmo325(built));

    let mut a = Assessment::new(&heen);
    a.reject_header(RuleId::new("TR135"), R8848, "Dagtekening in the future")
        .unwrap();
    let built = wmo325(&a, &some_ident());
    assert!(built.declaratie_antwoord.is_none());
    assert_eq!(codes(&built.header.retour_codes), [R8848]);
    written_and_valid(Message::Wmo325(built));

    // The fixture story: May's HbH volume exceeds the toegewezen volume (TR321).
    let heen: Wmo323 = fixture!(Wmo323, "wmo323-declaratie-may-volume-too-high.xml");
    let golden = fixture!(Wmo325, "wmo325-prestatie-rejected-9321.xml");
    let mut a = Assessment::new(&heen);
    a.reject(
        Class323::Prestatie {
            client: 0,
            prestatie: 0,
        },
        RuleId::new("TR321"),
        R9321,
        "volume above the toegewezen volume",
    )
    .unwrap();
    let built = wmo325(&a, &ident325(&golden.header));
    let d = built.declaratie_antwoord.as_ref().unwrap();
    assert_eq!(codes(&built.header.retour_codes), [R0200]);
    assert_eq!(codes(&d.retour_codes), [R0200]);
    assert_eq!(d.clienten.len(), 1, "the approved client is left out");
    assert_eq!(codes(&d.clienten[0].retour_codes), [R0200]);
    assert_eq!(
        d.clienten[0].prestaties.len(),
        1,
        "approved prestaties are not listed"
    );
    assert_eq!(codes(&d.clienten[0].prestaties[0].retour_codes), [R9321]);
    assert_eq!(d.totaal_toegekend_bedrag.totaal_bedrag, 230_280 - 73_000);
    assert_tr342(&built);
    assert_eq!(built, golden);
    written_and_valid(Message::Wmo325(built));
}

/// A Client error and a Prestatie error in one 325: codes per class and TR342 totals.
#[test]
fn wmo325_client_and_prestatie_rejected_tr342() {
    let heen: Wmo323 = fixture!(Wmo323, "wmo323-declaratie-april-two-clients.xml");
    // April: client 1 HbH 43800 + dagbesteding 41680, client 2 begeleiding 108800.
    let mut a = Assessment::new(&heen);
    a.reject(
        Class323::Prestatie {
            client: 0,
            prestatie: 1,
        },
        RuleId::new("TR339"),
        R9339,
        "category",
    )
    .unwrap();
    a.reject(Class323::Client(1), RuleId::new("TR304"), R8187, "Bsn")
        .unwrap();
    let built = wmo325(&a, &some_ident());
    let d = built.declaratie_antwoord.as_ref().unwrap();
    assert_eq!(codes(&d.retour_codes), [R0200]);
    assert_eq!(d.clienten.len(), 2);
    let (c1, c2) = (&d.clienten[0], &d.clienten[1]);
    assert_eq!(codes(&c1.retour_codes), [R0200]);
    assert_eq!(c1.prestaties.len(), 1);
    assert_eq!(
        c1.prestaties[0].product_referentie.referentie_nummer,
        "A2604C1DAG"
    );
    assert_eq!(codes(&c1.prestaties[0].retour_codes), [R9339]);
    assert_eq!(codes(&c2.retour_codes), [R8187]);
    assert_eq!(codes(&c2.prestaties[0].retour_codes), [R0233]);
    assert_eq!(d.totaal_ingediend_bedrag.totaal_bedrag, 194_280);
    assert_eq!(d.totaal_toegekend_bedrag.totaal_bedrag, 43_800);
    assert_eq!(d.totaal_toegekend_bedrag.debet_credit, DebetCredit::Debet);
    assert_tr342(&built);
    assert_eq!(
        a.report().findings[1].paths,
        ["/Bericht/Declaratie/Clienten/Client[2]"]
    );
    assert_eq!(
        a.report().findings[0].paths,
        ["/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie[2]"]
    );
    written_and_valid(Message::Wmo325(built));
}

/// TR342 with credits: a rejected credit raises the toegekend total, and a toegekend total
/// below zero is written as credit.
#[test]
fn wmo325_tr342_with_credit() {
    let mut heen: Wmo323 = fixture!(Wmo323, "wmo323-declaratie-april-two-clients.xml");
    // Through the model: the HbH prestatie becomes a credit of 43800; the total follows
    // (TR358): −43800 + 41680 + 108800 = 106680 D.
    heen.declaratie.clienten[0].prestaties[0]
        .ingediend_bedrag
        .debet_credit = DebetCredit::Credit;
    heen.declaratie.totaal_ingediend_bedrag.totaal_bedrag = 106_680;

    let mut a = Assessment::new(&heen);
    a.reject(
        Class323::Prestatie {
            client: 0,
            prestatie: 0,
        },
        RuleId::new("TR323"),
        R8017,
        "no debet for this credit",
    )
    .unwrap();
    let built = wmo325(&a, &some_ident());
    let d = built.declaratie_antwoord.as_ref().unwrap();
    assert_eq!(d.totaal_toegekend_bedrag.totaal_bedrag, 150_480);
    assert_eq!(d.totaal_toegekend_bedrag.debet_credit, DebetCredit::Debet);
    assert_tr342(&built);
    written_and_valid(Message::Wmo325(built));

    let mut a = Assessment::new(&heen);
    for (client, prestatie) in [(0, 1), (1, 0)] {
        a.reject(
            Class323::Prestatie { client, prestatie },
            RuleId::new("TR321"),
            R9321,
            "volume",
        )
        .unwrap();
    }
    let built = wmo325(&a, &some_ident());
    let d = built.declaratie_antwoord.as_ref().unwrap();
    assert_eq!(d.totaal_toegekend_bedrag.totaal_bedrag, 43_800);
    assert_eq!(d.totaal_toegekend_bedrag.debet_credit, DebetCredit::Credit);
    assert_tr342(&built);
    written_and_valid(Message::Wmo325(built));
}

/// Choice (module doc of the 325 builder): a Declaratie error lists every client and every
/// prestatie with 0233, so TR342 holds and TotaalToegekendBedrag is 0 as IV087 says.
#[test]
fn declaratie_error_lists_everything_0233() {
    let heen: Wmo323 = fixture!(Wmo323, "wmo323-declaratie-april-two-clients.xml");
    let mut a = Assessment::new(&heen);
    a.reject(
        Class323::Declaratie,
        RuleId::new("TR333"),
        R9333,
        "DeclaratieNummer used before",
    )
    .unwrap();
    let built = wmo325(&a, &some_ident());
    assert_eq!(codes(&built.header.retour_codes), [R0200]);
    let d = built.declaratie_antwoord.as_ref().unwrap();
    assert_eq!(codes(&d.retour_codes), [R9333]);
    assert_eq!(d.totaal_toegekend_bedrag.totaal_bedrag, 0);
    assert_eq!(d.totaal_toegekend_bedrag.debet_credit, DebetCredit::Debet);
    assert_eq!(d.clienten.len(), 2);
    assert_eq!(
        d.clienten.iter().map(|c| c.prestaties.len()).sum::<usize>(),
        3
    );
    for c in &d.clienten {
        assert_eq!(codes(&c.retour_codes), [R0233]);
        for p in &c.prestaties {
            assert_eq!(codes(&p.retour_codes), [R0233]);
        }
    }
    assert_tr342(&built);
    written_and_valid(Message::Wmo325(built));
}

#[test]
fn every_retour_kind_is_covered() {
    // The builders' kinds, so a new heen kind cannot slip by without a test here.
    let built = [
        MessageKind::Wmo302,
        MessageKind::Wmo306,
        MessageKind::Wmo308,
        MessageKind::Wmo316,
        MessageKind::Wmo318,
        MessageKind::Wmo320,
        MessageKind::Wmo325,
    ];
    let retours: Vec<_> = MessageKind::ALL
        .into_iter()
        .filter(|k| k.is_retour() && !k.is_ieb())
        .collect();
    assert_eq!(retours, built);
}
