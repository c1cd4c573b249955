//! Reading input that is not a valid iWmo 3.2 message gives the right `ModelError`, never a
//! panic.

use std::path::Path;

use iwmo_model::{read, ModelError};
use proptest::prelude::*;

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/iwmo-3.2")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

const NS305: &str = "http://www.istandaarden.nl/iwmo/3_2/wmo305/schema";

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
}
