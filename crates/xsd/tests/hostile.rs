//! Hostile and broken input: every document gets a report with the right kind of error, never a
//! panic, never entity expansion. The property tests feed arbitrary and mutated bytes.

mod support;

use iwmo_xsd::{ErrorKind, Limits, SchemaSet};
use proptest::prelude::*;
use support::here;

fn schemas() -> SchemaSet {
    SchemaSet::load([here("constructs/choice.xsd")]).expect("test schema loads")
}

fn first_error(file: &str) -> (ErrorKind, u32) {
    let report = schemas().validate(&std::fs::read(here(&format!("hostile/{file}"))).unwrap());
    let e = report
        .errors
        .first()
        .unwrap_or_else(|| panic!("{file}: accepted"));
    (e.kind, e.line)
}

#[test]
fn doctypes_and_entity_declarations_are_refused() {
    assert_eq!(first_error("billion-laughs.xml"), (ErrorKind::Doctype, 2));
    assert_eq!(first_error("external-entity.xml"), (ErrorKind::Doctype, 2));
    assert_eq!(first_error("doctype-only.xml"), (ErrorKind::Doctype, 2));
}

#[test]
fn broken_documents_are_not_well_formed_with_a_location() {
    for (file, line) in [
        ("undefined-entity.xml", 2),
        ("control-char.xml", 2),
        ("latin1-bytes.xml", 2),
        ("other-encoding.xml", 1),
        ("mismatched-tags.xml", 2),
        ("two-roots.xml", 2),
        ("unbound-prefix.xml", 2),
        ("truncated.xml", 2),
    ] {
        assert_eq!(
            first_error(file),
            (ErrorKind::NotWellFormed, line),
            "{file}"
        );
    }
}

#[test]
fn size_depth_and_error_caps_hold() {
    let set = schemas();
    let limits = Limits {
        max_bytes: 1000,
        max_depth: 10,
        max_errors: 3,
    };

    let big = format!(
        "<t:Root xmlns:t=\"urn:test:choice\"><t:A>{}</t:A></t:Root>",
        "x".repeat(2000)
    );
    let report = set.validate_with(big.as_bytes(), &limits);
    assert_eq!(report.errors[0].kind, ErrorKind::TooLarge);

    let deep = format!(
        "<t:Root xmlns:t=\"urn:test:choice\">{}{}</t:Root>",
        "<t:C>".repeat(50),
        "</t:C>".repeat(50)
    );
    let report = set.validate_with(deep.as_bytes(), &limits);
    assert_eq!(
        report.errors.last().map(|e| e.kind),
        Some(ErrorKind::TooDeep)
    );

    // Far more errors than the cap: collection stops at the cap and says so.
    let many = format!(
        "<t:Root xmlns:t=\"urn:test:choice\"><t:B>x</t:B>{}</t:Root>",
        "<t:D>maybe</t:D>".repeat(20)
    );
    let report = set.validate_with(
        many.as_bytes(),
        &Limits {
            max_bytes: 1 << 20,
            ..limits
        },
    );
    assert_eq!(report.errors.len(), 3);
    assert!(report.truncated);
}

#[test]
fn a_million_deep_document_does_not_overflow_the_stack() {
    let deep = format!(
        "<t:Root xmlns:t=\"urn:test:choice\">{}",
        "<t:C>".repeat(1_000_000)
    );
    let report = schemas().validate(deep.as_bytes());
    assert_eq!(
        report.errors.last().map(|e| e.kind),
        Some(ErrorKind::TooDeep)
    );
}

#[test]
fn errors_carry_path_line_and_column() {
    let doc = "<t:Root xmlns:t=\"urn:test:choice\">\n  <t:A>x</t:A>\n  <t:D>true</t:D>\n  <t:D>nee</t:D>\n</t:Root>";
    let report = schemas().validate(doc.as_bytes());
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    let e = &report.errors[0];
    assert_eq!(e.path, "/Root/D[2]");
    assert_eq!((e.line, e.column), (4, 3));
    assert_eq!(e.kind, ErrorKind::Datatype);
    assert!(e.message.contains("nee"), "{}", e.message);
}

fn seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in ["constructs/choice", "constructs/attrs", "hostile"] {
        for entry in std::fs::read_dir(here(dir)).unwrap() {
            out.push(std::fs::read(entry.unwrap().path()).unwrap());
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let report = schemas().validate(&bytes);
        // Random bytes are practically never a valid document; either way there is a verdict.
        let _ = report.is_valid();
    }

    #[test]
    fn mutated_documents_never_panic(
        seed in 0usize..64,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let seeds = seeds();
        let mut doc = seeds[seed % seeds.len()].clone();
        for (at, byte, op) in edits {
            if doc.is_empty() { break; }
            let i = at.index(doc.len());
            match op {
                0 => doc[i] = byte,
                1 => doc.insert(i, byte),
                _ => { doc.remove(i); }
            }
        }
        let report = schemas().validate(&doc);
        for e in &report.errors {
            prop_assert!(e.line >= 1 && e.column >= 1);
        }
    }

    #[test]
    fn xml_like_text_never_panics(doc in "(<[a-zA-Z:]{0,4}( [a-z:]{1,3}=\"[^\"]{0,3}\")?/?>|</[a-zA-Z:]{0,4}>|&[a-z#0-9]{0,4};?|<!\\[CDATA\\[|\\]\\]>|<!--|-->|<\\?|\\?>|[ a-z\\n\\r]){0,40}") {
        let _ = schemas().validate(doc.as_bytes());
    }
}
