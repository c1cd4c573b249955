//! `iwmo-xsd` against the oracle, libxml2 2.9.14 (`xmllint --schema`): every reference example
//! and every mutant of it must get the same verdict from both.

use std::collections::BTreeMap;

use iwmo_corpus::{reference_corpus, require_xmllint, xmllint_stderr, xmllint_verdicts, Mutant};
use iwmo_xsd::{Report, SchemaSet};

/// Disagreements shown in full when the test fails.
const SHOWN: usize = 30;

/// The reference examples that are themselves invalid (`ijw-3.2/SOURCES.md`): JW315 has
/// `ToewijzingEinddatum` 2027-06-31, JW318 a `RetourCode` directly under `Verzoek`. Their
/// mutants are still compared; nearly all of them are invalid too.
const INVALID_EXAMPLES: [&str; 2] = ["JW315.xml", "JW318.xml"];

struct Disagreement<'c> {
    original: &'c str,
    doc: &'c Mutant,
    xsd: &'c std::path::Path,
    ours: Report,
    xmllint: bool,
}

#[test]
fn iwmo_xsd_agrees_with_xmllint_on_every_mutant() {
    if !require_xmllint() {
        return;
    }
    let corpus = reference_corpus();
    assert_eq!(
        corpus.groups.len(),
        21,
        "7 iWmo + 14 iJw reference examples"
    );
    assert!(
        corpus.len() >= 3000,
        "the corpus has only {} documents",
        corpus.len()
    );

    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut disagreements = Vec::new();
    for group in &corpus.groups {
        assert!(
            group.docs.len() > 100,
            "{} yields only {} documents",
            group.example,
            group.docs.len()
        );
        let schemas = SchemaSet::load([&group.xsd])
            .unwrap_or_else(|e| panic!("{} does not load: {e}", group.xsd.display()));
        let verdicts = xmllint_verdicts(&group.xsd, &group.docs);
        assert_eq!(
            verdicts[0],
            !INVALID_EXAMPLES.contains(&group.example.as_str()),
            "xmllint's verdict on the reference example {} itself",
            group.example
        );
        for (doc, &xmllint) in group.docs.iter().zip(&verdicts) {
            if xmllint {
                valid += 1;
            } else {
                invalid += 1;
            }
            let ours = schemas.validate(doc.xml.as_bytes());
            if ours.is_valid() != xmllint {
                disagreements.push(Disagreement {
                    original: &group.docs[0].xml,
                    doc,
                    xsd: &group.xsd,
                    ours,
                    xmllint,
                });
            }
        }
    }

    println!(
        "differential: {} docs, {valid} valid, {invalid} invalid (xmllint), {} disagreements",
        corpus.len(),
        disagreements.len()
    );
    // Both sides of the line in quantity, so that a validator accepting or rejecting everything
    // fails this test.
    assert!(valid >= 500, "only {valid} valid documents in the corpus");
    assert!(
        invalid >= 2000,
        "only {invalid} invalid documents in the corpus"
    );

    if disagreements.is_empty() {
        return;
    }
    let mut by_kind: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for d in &disagreements {
        let verdicts = if d.xmllint {
            "xmllint valid, ours invalid"
        } else {
            "xmllint invalid, ours valid"
        };
        *by_kind.entry((kind(&d.doc.name), verdicts)).or_default() += 1;
    }
    println!("disagreements by mutation kind:");
    for ((kind, verdicts), n) in &by_kind {
        println!("  {n:5}  {kind:24} {verdicts}");
    }
    // One of each kind first, so that a flood of one kind does not hide the others.
    let mut shown: Vec<&Disagreement> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for d in &disagreements {
        if seen.insert((kind(&d.doc.name), d.xmllint)) {
            shown.push(d);
        }
    }
    for d in &disagreements {
        if shown.len() >= SHOWN {
            break;
        }
        if !shown.iter().any(|s| std::ptr::eq(*s, d)) {
            shown.push(d);
        }
    }
    for d in shown.into_iter().take(SHOWN) {
        println!("\n=== {}", d.doc.name);
        println!(
            "xmllint: {}   iwmo-xsd: {}",
            verdict(d.xmllint),
            verdict(d.ours.is_valid())
        );
        for error in d.ours.errors.iter().take(5) {
            println!("  ours: {error}");
        }
        for line in xmllint_stderr(d.xsd, &d.doc.xml).lines().take(5) {
            println!("  xmllint: {line}");
        }
        println!("{}", changed_lines(d.original, &d.doc.xml));
    }
    panic!(
        "{} documents where iwmo-xsd and xmllint disagree ({SHOWN} shown above, one of each kind first)",
        disagreements.len()
    );
}

fn verdict(valid: bool) -> &'static str {
    if valid {
        "valid"
    } else {
        "invalid"
    }
}

/// The mutation kind of a mutant name (`WMO305.xml#date=2025-02-30:/Bericht/...`), with the
/// values of `kind=value` kinds folded together.
fn kind(name: &str) -> String {
    let after = name.split_once('#').map_or(name, |(_, k)| k);
    let kind = after.split_once(":/").map_or(after, |(k, _)| k);
    kind.split('=').next().unwrap_or(kind).to_string()
}

/// The lines of `mutant` that differ from `original`, with two lines of context and line
/// numbers: the relevant part of a document for a report.
fn changed_lines(original: &str, mutant: &str) -> String {
    let a: Vec<&str> = original.lines().collect();
    let b: Vec<&str> = mutant.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if prefix == a.len() && prefix == b.len() {
        return "  (the reference example itself, unchanged)".into();
    }
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let from = prefix.saturating_sub(2);
    let to = (b.len() - suffix + 2).min(b.len());
    (from..to)
        .map(|i| format!("{:4} | {}", i + 1, b[i].escape_debug()))
        .collect::<Vec<_>>()
        .join("\n")
}
