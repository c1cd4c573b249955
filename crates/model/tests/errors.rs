//! Reading input that is not a valid iWmo 3.2 or iEb 4.0 message gives the right `ModelError`,
//! never a panic.

use std::path::Path;

use iwmo_model::{read, ModelError};
use proptest::prelude::*;

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/iwmo-3.2")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/messages")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

const NS305: &str = "http://www.istandaarden.nl/iwmo/3_2/wmo305/schema";
const NS405: &str = "http://www.istandaarden.nl/ieb/4_0/wmo405/schema";
const START405: &str = "wmo405-start-eigen-bijdrage.xml";
const REJECTED406: &str = "wmo406-rejected-unknown-startnummer-9103.xml";

#[test]
fn garbage_is_not_xml() {
    for input in [
        &b""[..],
        b"garbage",
        b"<a>",
        b"\xff\xfe<a/>",
        b"<a></b>",
        b"\0",
    ] {
        assert!(
            matches!(read(input), Err(ModelError::NotXml { .. })),
            "{input:?}"
        );
    }
}

#[test]
fn a_dtd_is_refused() {
    let xml = example("WMO305.xml").replacen("?>", "?><!DOCTYPE x [<!ENTITY e \"x\">]>", 1);
    assert!(matches!(
        read(xml.as_bytes()),
        Err(ModelError::NotXml { .. })
    ));
}

#[test]
fn wrong_namespace_names_it() {
    let xml =
        example("WMO305.xml").replace(NS305, "http://www.istandaarden.nl/ijw/3_2/jw305/schema");
    match read(xml.as_bytes()) {
        Err(e @ ModelError::UnknownNamespace { .. }) => {
            assert!(
                e.to_string()
                    .contains("http://www.istandaarden.nl/ijw/3_2/jw305/schema"),
                "{e}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(read(b"<Bericht/>"), Err(ModelError::UnknownNamespace { namespace }) if namespace.is_empty())
    );
}

#[test]
fn other_release_names_it() {
    let xml = example("WMO305.xml").replace(
        NS305,
        "http://www.istandaarden.nl/iwmo/2_1/wmo305/schema/2_1",
    );
    match read(xml.as_bytes()) {
        Err(e @ ModelError::UnsupportedRelease { .. }) => {
            assert!(e.to_string().contains("2_1"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    let xml =
        example("WMO305.xml").replace(NS305, "http://www.istandaarden.nl/iwmo/3_2/wmo399/schema");
    assert!(
        matches!(read(xml.as_bytes()), Err(ModelError::UnknownMessage { message, .. }) if message == "wmo399")
    );
}

#[test]
fn ieb_other_release_or_namespace_names_it() {
    let xml = fixture(START405);
    assert!(read(xml.as_bytes()).is_ok());
    // iEb 3.0 (or 1.0): not the release this model reads.
    let other = xml.replace(NS405, "http://www.istandaarden.nl/ieb/3_0/wmo405/schema");
    match read(other.as_bytes()) {
        Err(
            e @ ModelError::UnsupportedRelease {
                standard: "iEb", ..
            },
        ) => {
            let text = e.to_string();
            assert!(text.contains("iEb release 3_0"), "{text}");
            assert!(text.contains("iEb 4.0"), "{text}");
        }
        other => panic!("{other:?}"),
    }
    // A 405 in an iWmo namespace: there is no iWmo WMO405.
    let iwmo = xml.replace(NS405, "http://www.istandaarden.nl/iwmo/3_2/wmo405/schema");
    match read(iwmo.as_bytes()) {
        Err(
            e @ ModelError::UnknownMessage {
                standard: "iWmo 3.2",
                ..
            },
        ) => assert!(e.to_string().contains("WMO405/WMO406 of iEb 4.0"), "{e}"),
        other => panic!("{other:?}"),
    }
    // WMO407 (beschermd wonen) is iEb 4.0, but not modelled.
    let wmo407 = xml.replace(NS405, "http://www.istandaarden.nl/ieb/4_0/wmo407/schema");
    assert!(matches!(
        read(wmo407.as_bytes()),
        Err(ModelError::UnknownMessage { standard: "iEb 4.0", message, .. }) if message == "wmo407"
    ));
    // Not an iStandaarden message namespace at all.
    let unknown = xml.replace(NS405, "http://www.istandaarden.nl/ieb/wmo405");
    assert!(matches!(
        read(unknown.as_bytes()),
        Err(ModelError::UnknownNamespace { namespace }) if namespace == "http://www.istandaarden.nl/ieb/wmo405"
    ));
    // The iWmo basisschema in a 405: its CDT children are not where iEb has them.
    let basis = xml.replace(
        "http://www.istandaarden.nl/ieb/4_0/basisschema/schema",
        "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema",
    );
    assert!(matches!(
        read(basis.as_bytes()),
        Err(ModelError::MissingElement { path, element: "Identificatie" }) if path == "/Bericht/Header/BerichtIdentificatie"
    ));
    // The iWmo release in the header of an iEb message.
    let versie = xml.replace("BerichtVersie>4<", "BerichtVersie>3<");
    match read(versie.as_bytes()) {
        Err(e @ ModelError::InvalidValue { .. }) => {
            assert!(
                e.to_string().contains("/Bericht/Header/BerichtVersie"),
                "{e}"
            );
            assert!(e.to_string().contains("4 (iEb 4.0)"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    let subversie = xml.replace("BerichtSubversie>0<", "BerichtSubversie>2<");
    assert!(matches!(
        read(subversie.as_bytes()),
        Err(ModelError::InvalidValue { path, .. }) if path == "/Bericht/Header/BerichtSubversie"
    ));
}

#[test]
fn ieb_structure_and_values() {
    let xml = fixture(START405);
    // The iWmo header has an Ontvanger; ours for iEb does not [C10].
    let ontvanger = xml.replace(
        "</wmo405:Afzender>",
        "</wmo405:Afzender><wmo405:Ontvanger>0000</wmo405:Ontvanger>",
    );
    assert!(matches!(
        read(ontvanger.as_bytes()),
        Err(ModelError::MissingElement { path, element: "BerichtIdentificatie" }) if path == "/Bericht/Header"
    ));
    // COD467's 9 is not an iEb StatusAanlevering [C6].
    let status = xml.replace("StatusAanlevering>1<", "StatusAanlevering>9<");
    assert!(matches!(
        read(status.as_bytes()),
        Err(ModelError::InvalidValue { path, .. }) if path == "/Bericht/Client/PeriodeEigenBijdrageAbo/StatusAanlevering"
    ));
    let nummer = xml.replace("EbStartNummer>26000012<", "EbStartNummer>1000000000<");
    assert!(matches!(
        read(nummer.as_bytes()),
        Err(ModelError::InvalidValue { path, .. }) if path == "/Bericht/Client/PeriodeEigenBijdrageAbo/EbStartNummer"
    ));
    let missing = xml.replace("<wmo405:EbStartdatum>2026-02-02</wmo405:EbStartdatum>", "");
    assert!(matches!(
        read(missing.as_bytes()),
        Err(ModelError::MissingElement { path, element: "EbStartdatum" }) if path == "/Bericht/Client/PeriodeEigenBijdrageAbo"
    ));
    let bsn = xml.replace("999902453", "99990245");
    let err = read(bsn.as_bytes()).unwrap_err();
    assert!(matches!(&err, ModelError::InvalidValue { path, .. } if path == "/Bericht/Client/Bsn"));
    assert!(!err.to_string().contains("9999"), "{err}");
    // The BerichtCode is not known [C8]: another three digits is kept as read, not an error.
    let code = xml.replace("BerichtCode>405<", "BerichtCode>470<");
    let Ok(iwmo_model::Message::Wmo405(m)) = read(code.as_bytes()) else {
        panic!("a 405 with BerichtCode 470 reads")
    };
    assert_eq!(m.header.bericht_code, "470");
    assert!(
        iwmo_model::write(&iwmo_model::Message::Wmo405(m)).contains(">470</wmo405:BerichtCode>")
    );

    let retour = fixture(REJECTED406);
    // A lower-case letter is not an EB001 code [C5].
    let lower = retour.replace("RetourCode>9103<", "RetourCode>s333<");
    assert!(matches!(
        read(lower.as_bytes()),
        Err(ModelError::InvalidValue { path, .. }) if path == "/Bericht/Client/PeriodeEigenBijdrageAbo/RetourCodes/RetourCode"
    ));
    // A code from the unknown rest of EB001 reads.
    let unknown = retour.replace("RetourCode>9103<", "RetourCode>9399<");
    assert!(read(unknown.as_bytes()).is_ok());
    // RetourCodes is the required last child of each class in a 406 [C13].
    let start = retour.rfind("<wmo406:RetourCodes>").unwrap();
    let end = retour.rfind("</wmo406:RetourCodes>").unwrap() + "</wmo406:RetourCodes>".len();
    let without = format!("{}{}", &retour[..start], &retour[end..]);
    assert!(matches!(
        read(without.as_bytes()),
        Err(ModelError::MissingElement { path, element: "RetourCodes" }) if path == "/Bericht/Client"
    ));
}

#[test]
fn wrong_root_bericht_code_and_versions() {
    let xml = example("WMO305.xml").replace("wmo305:Bericht", "wmo305:Berichten");
    assert!(
        matches!(read(xml.as_bytes()), Err(ModelError::UnexpectedRoot { found }) if found == "Berichten")
    );
    let xml = example("WMO305.xml").replace(">418<", ">414<");
    assert!(matches!(
        read(xml.as_bytes()),
        Err(ModelError::WrongBerichtCode { expected: "418", found }) if found == "414"
    ));
    let xml = example("WMO305.xml").replace("BerichtVersie>3<", "BerichtVersie>03<");
    assert!(
        matches!(read(xml.as_bytes()), Err(ModelError::InvalidValue { path, .. }) if path == "/Bericht/Header/BerichtVersie")
    );
    // The pattern applies after whitespace collapse: " 3 " is 3.
    let xml = example("WMO305.xml").replace("BerichtVersie>3<", "BerichtVersie> 3 <");
    assert!(read(xml.as_bytes()).is_ok());
}

#[test]
fn structure_errors_carry_the_path() {
    let xml = example("WMO305.xml");
    let start = xml.find("<wmo305:Geslacht>").unwrap();
    let end = xml.find("</wmo305:Geslacht>").unwrap() + "</wmo305:Geslacht>".len();
    let missing = format!("{}{}", &xml[..start], &xml[end..]);
    assert!(matches!(
        read(missing.as_bytes()),
        Err(ModelError::MissingElement { path, element: "Geslacht" }) if path == "/Bericht/Client"
    ));
    // A CDT child in the message namespace instead of the basisschema's.
    let wrong_ns = xml
        .replace("<iwmo:Datum>", "<wmo305:Datum>")
        .replace("</iwmo:Datum>", "</wmo305:Datum>");
    assert!(matches!(
        read(wrong_ns.as_bytes()),
        Err(ModelError::MissingElement { path, element: "Datum" }) if path == "/Bericht/Client/Geboortedatum"
    ));
    let extra = xml.replace("</wmo305:Client>", "<wmo305:Extra/></wmo305:Client>");
    assert!(
        matches!(read(extra.as_bytes()), Err(ModelError::UnexpectedElement { path, .. }) if path == "/Bericht/Client")
    );
}

#[test]
fn value_errors_carry_the_path_and_mask_the_bsn() {
    let xml = example("WMO305.xml");
    let bad_code = xml.replacen("<wmo305:Geslacht>1<", "<wmo305:Geslacht> 1 <", 1);
    assert!(matches!(
        read(bad_code.as_bytes()),
        Err(ModelError::InvalidValue { path, .. }) if path == "/Bericht/Client/Geslacht"
    ));
    let bad_date = xml.replacen("<iwmo:Datum>1967-08-13<", "<iwmo:Datum>2023-02-29<", 1);
    assert!(matches!(
        read(bad_date.as_bytes()),
        Err(ModelError::InvalidValue { .. })
    ));
    let bad_bsn = xml.replace("999900006", "99990000X");
    let err = read(bad_bsn.as_bytes()).unwrap_err();
    assert!(matches!(&err, ModelError::InvalidValue { path, .. } if path == "/Bericht/Client/Bsn"));
    assert!(!err.to_string().contains("9999"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = read(&bytes);
    }

    #[test]
    fn mutated_examples_never_panic(
        file in prop::sample::select(vec!["WMO301.xml", "WMO305.xml", "WMO307.xml", "WMO315.xml", "WMO317.xml", "WMO319.xml", "WMO323.xml"]),
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), ".{0,12}"), 1..4),
    ) {
        let mut xml = example(file);
        for (at, len, insert) in cuts {
            let start = at.index(xml.len() + 1);
            let end = (start + len.index(40)).min(xml.len());
            if xml.is_char_boundary(start) && xml.is_char_boundary(end) {
                xml.replace_range(start..end, &insert);
            }
        }
        let _ = read(xml.as_bytes());
    }

    #[test]
    fn mutated_ieb_fixtures_never_panic(
        file in prop::sample::select(vec![START405, "wmo405-start-with-kostprijs.xml", REJECTED406]),
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), ".{0,12}"), 1..4),
    ) {
        let mut xml = fixture(file);
        for (at, len, insert) in cuts {
            let start = at.index(xml.len() + 1);
            let end = (start + len.index(40)).min(xml.len());
            if xml.is_char_boundary(start) && xml.is_char_boundary(end) {
                xml.replace_range(start..end, &insert);
            }
        }
        let _ = read(xml.as_bytes());
    }
}
