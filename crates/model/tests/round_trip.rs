//! Round trip and validity: every reference example and every fixture parses into the model,
//! writes back to a document that parses to an equal value, and every written document is
//! valid against the XSDs.
//!
//! - Heen messages: the iWmo reference examples, validated against the reference XSDs and
//!   against our own `schemas/iwmo/3.2`.
//! - Retour messages: no iWmo retour example exists (spec §6), so the iJw retour examples are
//!   moved into iWmo form ([`to_iwmo`]) and written documents are validated against our own
//!   `schemas/iwmo/3.2` retour XSDs.
//! - Fixtures (`fixtures/messages/`, all 16 kinds, no file skipped): the iWmo ones against
//!   `schemas/iwmo/3.2`, the iEb WMO405/WMO406 ones against `schemas/ieb/4.0`.

use std::path::{Path, PathBuf};

use iwmo_model::{read, write, Message, MessageKind};
use iwmo_xsd::SchemaSet;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const HEEN: [&str; 7] = ["301", "305", "307", "315", "317", "319", "323"];

/// Retour message, iJw BerichtCode, iWmo BerichtCode (spec §4.1).
const RETOUR: [(&str, &str, &str); 7] = [
    ("302", "437", "415"),
    ("306", "439", "419"),
    ("308", "441", "421"),
    ("316", "447", "445"),
    ("318", "487", "481"),
    ("320", "489", "483"),
    ("325", "491", "485"),
];

/// iJw → iWmo `LDT_ProductCategorie` for the iJw codes the examples use. The two basisschemas
/// differ in this list (and in `LDT_RedenBeeindiging`, which no retour example carries); the
/// same table as `crates/corpus/tests/own_schemas.rs`, so the moved documents are the ones our
/// schemas were proven against.
const PRODUCT_CATEGORIE: [(&str, &str); 4] =
    [("31", "01"), ("32", "02"), ("45", "14"), ("55", "18")];

/// An iJw retour example in iWmo form: namespaces, BerichtCode, product categories, the
/// iJw-only elements dropped, and the stray `RetourCode` of the (invalid as published)
/// `JW318.xml` moved into `Verzoek/RetourCodes`.
fn to_iwmo(xml: &str, nnn: &str, jw_code: &str, wmo_code: &str) -> String {
    let jw = format!("http://www.istandaarden.nl/ijw/3_2/jw{nnn}/schema");
    let wmo = format!("http://www.istandaarden.nl/iwmo/3_2/wmo{nnn}/schema");
    let xml = xml
        .replace(&jw, &wmo)
        .replace(
            "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
            "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema",
        )
        .replace(
            &format!("BerichtCode>{jw_code}</"),
            &format!("BerichtCode>{wmo_code}</"),
        );
    let mut out = Vec::new();
    let mut stray = None;
    for line in xml.lines() {
        if line.contains("GezagsdragerBekend>") || line.contains("Woonplaatsbeginsel>") {
            continue;
        }
        // JW318: `<jw318:RetourCode>` directly under `Verzoek` (three tabs deep).
        if nnn == "318"
            && line.starts_with("\t\t\t<jw318:RetourCode>")
            && out
                .last()
                .is_some_and(|l: &String| l.contains("RedenVerzoek>"))
        {
            stray = Some(line.replacen("\t\t\t", "\t\t\t\t", 1));
            continue;
        }
        let mut line = line.to_string();
        for (ijw, iwmo) in PRODUCT_CATEGORIE {
            for tag in ["Categorie", "ProductCategorie"] {
                line = line.replace(&format!("{tag}>{ijw}</"), &format!("{tag}>{iwmo}</"));
            }
        }
        out.push(line);
        if nnn == "318" && out.last().is_some_and(|l| l.contains("RetourCode>9349<")) {
            out.extend(stray.take());
        }
    }
    out.join("\n")
}

/// Reads, writes, reads again: equal values, identical bytes on a second write, and the form
/// the brief asks for (UTF-8, no BOM, declaration, prefixes: `wmoNNN:` for the message,
/// `iwmo:` or `ieb:` for the basisschema).
fn round_trip(name: &str, xml: &[u8], expected: MessageKind) -> String {
    let first = read(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(first.kind(), expected, "{name}");
    let written = write(&first);
    let second =
        read(written.as_bytes()).unwrap_or_else(|e| panic!("{name} as written: {e}\n{written}"));
    assert_eq!(
        first, second,
        "{name}: the written document reads to another value"
    );
    assert_eq!(
        write(&second),
        written,
        "{name}: writing is not deterministic"
    );
    assert!(
        written.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"),
        "{name}"
    );
    let prefix = format!(
        "<wmo{}:Bericht xmlns:wmo{} =",
        expected.number(),
        expected.number()
    )
    .replace(" =", "=");
    assert!(written.contains(&prefix), "{name}: {prefix}");
    let basis = expected.basis_prefix();
    let declaration = format!(" xmlns:{basis}=\"{}\">\r\n", expected.basis_namespace());
    assert!(written.contains(&declaration), "{name}: {declaration}");
    assert!(
        written.contains(&format!("<{basis}:Identificatie>")),
        "{name}: basisschema children use {basis}:"
    );
    written
}

fn assert_valid(name: &str, schema: &SchemaSet, xml: &str) {
    let report = schema.validate(xml.as_bytes());
    assert!(
        report.is_valid(),
        "{name}: the written document is not valid:\n{}\n{xml}",
        report
            .errors
            .iter()
            .map(|e| format!("  {}:{} {} {}", e.line, e.column, e.path, e.message))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn load(xsd: &Path) -> SchemaSet {
    SchemaSet::load([xsd]).unwrap_or_else(|e| panic!("{}: {e}", xsd.display()))
}

#[test]
fn heen_reference_examples_round_trip_and_stay_valid() {
    let dir = shared().join("iwmo-3.2");
    for nnn in HEEN {
        let name = format!("WMO{nnn}.xml");
        let xml = std::fs::read(dir.join(&name)).unwrap();
        let kind = MessageKind::ALL
            .into_iter()
            .find(|k| k.number() == nnn)
            .unwrap();
        let written = round_trip(&name, &xml, kind);
        // The reference example itself is valid; so must our rewrite be.
        let schema = load(&dir.join(format!("WMO{nnn}.xsd")));
        assert!(schema.validate(&xml).is_valid(), "{name} as published");
        assert_valid(&name, &schema, &written);
        // And against our own schemas, which the engine loads.
        let own = load(&workspace().join(format!("schemas/iwmo/3.2/WMO{nnn}.xsd")));
        assert_valid(&format!("{name} (own schema)"), &own, &written);
    }
}

#[test]
fn retour_examples_in_iwmo_form_round_trip_and_stay_valid() {
    let dir = shared().join("ijw-3.2");
    let own = workspace().join("schemas/iwmo/3.2");
    for (nnn, jw_code, wmo_code) in RETOUR {
        let name = format!("JW{nnn}.xml");
        let ijw = std::fs::read_to_string(dir.join(&name)).unwrap();
        let xml = to_iwmo(&ijw, nnn, jw_code, wmo_code);
        let kind = MessageKind::ALL
            .into_iter()
            .find(|k| k.number() == nnn)
            .unwrap();
        let written = round_trip(&name, xml.as_bytes(), kind);
        let schema = load(&own.join(format!("WMO{nnn}.xsd")));
        assert_valid(&format!("{name} in iWmo form, as read"), &schema, &xml);
        assert_valid(&name, &schema, &written);
    }
}

fn schema_of(kind: MessageKind) -> PathBuf {
    let dir = if kind.is_ieb() {
        "schemas/ieb/4.0"
    } else {
        "schemas/iwmo/3.2"
    };
    workspace()
        .join(dir)
        .join(format!("WMO{}.xsd", kind.number()))
}

fn fixtures() -> Vec<PathBuf> {
    let dir = workspace().join("fixtures/messages");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    files
}

fn fixture(name: &str) -> Message {
    let path = workspace().join("fixtures/messages").join(name);
    read(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every fixture file, with no exception: read, round trip, and both the fixture and the
/// written document valid against the schema of its kind; every kind is among them.
#[test]
fn fixtures_round_trip_and_stay_valid() {
    let files = fixtures();
    let mut seen = Vec::new();
    for file in &files {
        let name = file.display().to_string();
        let xml = std::fs::read(file).unwrap();
        let message: Message = read(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        let kind = message.kind();
        let number = file
            .file_name()
            .and_then(|f| f.to_str())
            .and_then(|f| f.get(3..6));
        assert_eq!(number, Some(kind.number()), "{name}: file name and kind");
        let written = round_trip(&name, &xml, kind);
        let schema = load(&schema_of(kind));
        assert_valid(
            &format!("{name} as read"),
            &schema,
            &String::from_utf8_lossy(&xml),
        );
        assert_valid(&name, &schema, &written);
        seen.push(kind);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen, MessageKind::ALL, "a fixture of every kind");
}

/// The iEb fixtures read to the values they hold (the schema choices of `schemas/ieb`).
#[test]
fn ieb_fixtures_read_to_their_values() {
    use chrono::NaiveDate;
    use iwmo_model::codes::{IebRetourCode, IebStatusAanlevering};
    use iwmo_model::{IebRetourCodes, Kostprijs};

    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let Message::Wmo405(start) = fixture("wmo405-start-with-kostprijs.xml") else {
        panic!("not a 405")
    };
    assert_eq!(start.header.bericht_code, "405");
    assert_eq!(start.header.afzender, "0344");
    assert_eq!(
        start.header.bericht_identificatie.identificatie,
        "G26-0405-014"
    );
    assert_eq!(start.header.xsd_versie, Default::default());
    assert_eq!(start.client.bsn.as_str(), "999903718");
    let periode = &start.client.periode_eigen_bijdrage_abo;
    assert_eq!(periode.eb_start_nummer, 26_000_027);
    assert_eq!(periode.eb_startdatum, date(2026, 4, 15));
    assert_eq!(periode.eb_stopdatum, None);
    assert_eq!(
        periode.kostprijs,
        Some(Kostprijs {
            startdatum: date(2026, 4, 15),
            bedrag: 215_000
        })
    );
    assert_eq!(
        periode.status_aanlevering,
        IebStatusAanlevering::EersteAanlevering
    );

    let Message::Wmo405(stop) = fixture("wmo405-stop-eigen-bijdrage.xml") else {
        panic!("not a 405")
    };
    let periode = &stop.client.periode_eigen_bijdrage_abo;
    assert_eq!(periode.eb_stopdatum, Some(date(2026, 9, 30)));
    assert_eq!(periode.kostprijs, None);
    assert_eq!(
        periode.status_aanlevering,
        IebStatusAanlevering::GewijzigdeAanlevering
    );

    let Message::Wmo406(approved) = fixture("wmo406-approved-header-only.xml") else {
        panic!("not a 406")
    };
    assert!(approved.client.is_none());
    assert_eq!(approved.header.retour_codes, None);
    assert_eq!(approved.header.header.bericht_code, "406");
    assert_eq!(approved.header.identificatie_retour, "CAK260002117");
    assert_eq!(approved.header.dagtekening_retour, date(2026, 2, 6));

    let Message::Wmo406(rejected) = fixture("wmo406-rejected-unknown-startnummer-9103.xml") else {
        panic!("not a 406")
    };
    assert_eq!(
        rejected.header.retour_codes,
        Some(IebRetourCodes(vec![IebRetourCode::R0200]))
    );
    let client = rejected.client.expect("the rejected client");
    assert_eq!(
        client.retour_codes,
        IebRetourCodes(vec![IebRetourCode::R0200])
    );
    assert_eq!(
        client.periode_eigen_bijdrage_abo.eb_start_nummer,
        26_000_021
    );
    assert_eq!(
        client.periode_eigen_bijdrage_abo.retour_codes,
        IebRetourCodes(vec![IebRetourCode::R9103])
    );
}
