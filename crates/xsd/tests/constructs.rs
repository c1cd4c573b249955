//! Constructs beyond what the iStandaarden use (choice, nested and repeated groups, element
//! refs, recursion, attributes, simple content, every facet, unqualified locals), each schema
//! in `tests/constructs/NAME.xsd` with documents in `tests/constructs/NAME/`, cross-checked
//! against xmllint: every verdict must agree.

mod support;

use iwmo_xsd::{SchemaSet, XsdError};
use support::{
    construct_documents, construct_schemas, here, require_xmllint, xmllint_refuses_schema,
    xmllint_verdicts,
};

#[test]
fn verdicts_agree_with_xmllint_on_hand_written_constructs() {
    if !require_xmllint() {
        return;
    }
    let schemas = construct_schemas();
    let (mut valid, mut invalid, mut disagreements) = (0, 0, Vec::new());
    for xsd in &schemas {
        let set = SchemaSet::load([xsd]).unwrap_or_else(|e| panic!("{}: {e}", xsd.display()));
        let docs = construct_documents(xsd);
        let oracle = xmllint_verdicts(xsd, &docs);
        for (doc, expected) in docs.iter().zip(oracle) {
            let report = set.validate(&std::fs::read(doc).unwrap());
            if expected {
                valid += 1;
            } else {
                invalid += 1;
            }
            if report.is_valid() != expected {
                disagreements.push(format!(
                    "{}: xmllint says {}, iwmo-xsd says {}: {:?}",
                    doc.display(),
                    if expected { "valid" } else { "invalid" },
                    if report.is_valid() {
                        "valid"
                    } else {
                        "invalid"
                    },
                    report.errors
                ));
            }
        }
    }
    println!(
        "{valid} valid, {invalid} invalid, {} disagreements",
        disagreements.len()
    );
    assert!(
        valid >= 15 && invalid >= 15,
        "the cases must cover both verdicts"
    );
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn unsupported_constructs_are_refused_at_load_time() {
    for name in [
        "any",
        "all",
        "list",
        "union",
        "mixed",
        "nillable",
        "default",
        "group",
        "double",
        "anytype",
        "complexcontent",
        "block-escape",
    ] {
        let path = here(&format!("refused/unsupported-{name}.xsd"));
        match SchemaSet::load([&path]) {
            Err(XsdError::Unsupported { line, what, .. }) => {
                assert!(line >= 1, "{name}: line");
                assert!(!what.is_empty());
            }
            // A pattern we cannot translate is reported as an invalid facet with the reason.
            Err(XsdError::Invalid { what, .. }) if name == "block-escape" => {
                assert!(what.contains("not supported"), "{name}: {what}");
            }
            other => panic!("{name}: expected a load-time refusal, got {other:?}"),
        }
    }
}

#[test]
fn invalid_schemas_are_refused_like_xmllint_does() {
    let check_oracle = require_xmllint();
    for name in [
        "not-deterministic",
        "undeclared-type",
        "pattern",
        "facet-not-applicable",
        "occurs",
        "bound-value",
    ] {
        let path = here(&format!("refused/invalid-{name}.xsd"));
        if check_oracle {
            assert!(xmllint_refuses_schema(&path), "{name}: xmllint accepts it");
        }
        match SchemaSet::load([&path]) {
            Err(XsdError::Invalid { .. }) => {}
            other => panic!("{name}: expected XsdError::Invalid, got {other:?}"),
        }
    }
}
