//! Our own iWmo 3.2 schemas (`schemas/iwmo/3.2`, written from the spec) against the standard's.
//!
//! - Heen messages (301 305 307 315 317 319 323): every iWmo reference example and every mutant
//!   of it (the generator of `differential.rs`) gets one verdict from three judges: xmllint with
//!   our schema, xmllint with the reference schema, and `iwmo-xsd` with our schema.
//! - Retour messages (302 306 308 316 318 320 325): no iWmo retour XSD or example exists (spec
//!   §6). The iJw retour examples are moved into iWmo form ([`to_iwmo`]) and must be valid against
//!   our schemas. Their mutants, moved back into iJw form ([`to_ijw`]), must get the same verdict
//!   from the iJw retour XSD as from ours (xmllint, and `iwmo-xsd` with ours). Full retours
//!   derived from iJw heen examples ([`DERIVED`]) cover what the header-only examples do not.
//! - Every file in `schemas/iwmo/3.2` loads in `iwmo-xsd` and in xmllint.
//! - Every declaration equals the standard's as written ([`declarations`]), for what no example
//!   reaches (unused optional elements, enumeration values).
//!
//! `schemas/iwmo/3.2/README.md` describes the transformations and the choices made.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::Command;

use iwmo_corpus::{
    mutations, reference_dir, reference_examples, require_xmllint, xmllint_stderr,
    xmllint_verdicts, Mutant, StagedSchemas,
};
use iwmo_xsd::{Report, SchemaSet, XsdError};
use roxmltree::{Document, Node};

/// Disagreements printed in full before the test fails.
const SHOWN: usize = 30;

const HEEN: [&str; 7] = ["301", "305", "307", "315", "317", "319", "323"];

/// Retour message, its iWmo BerichtCode (spec §4.1), the iJw BerichtCode of the same message.
const RETOUR: [(&str, &str, &str); 7] = [
    ("302", "415", "437"),
    ("306", "419", "439"),
    ("308", "421", "441"),
    ("316", "445", "447"),
    ("318", "481", "487"),
    ("320", "483", "489"),
    ("325", "485", "491"),
];

/// The iJw retour examples JW302, JW306 and JW308 are header-only, so they never reach the
/// Client part of our WMO302/306/308. These retours are therefore also derived from the iJw heen
/// examples (heen message, retour message, iJw BerichtCode of the retour, the berichtklassen
/// that get `RetourCodes`, spec §2.3.4). The iJw XSD must accept each derived document before it
/// is used, so a mistake in [`derive_retour`] cannot go unnoticed.
const DERIVED: [(&str, &str, &str, &[&str]); 3] = [
    (
        "301",
        "302",
        "437",
        &["Client", "Relatie", "Contact", "ToegewezenProduct"],
    ),
    ("305", "306", "439", &["Client", "StartProduct"]),
    ("307", "308", "441", &["Client", "StopProduct"]),
];

/// iJw → iWmo `LDT_ProductCategorie`. The two basisschemas differ only in this list and in
/// `LDT_RedenBeeindiging` (and the appinfo); only membership matters to the XSD, so any
/// bijection onto the 18 iWmo codes does. It covers every iJw code the examples use (31, 32, 45,
/// 55); iJw 49–54 have no iWmo counterpart and appear in no example.
const PRODUCT_CATEGORIE: [(&str, &str); 18] = [
    ("31", "01"),
    ("32", "02"),
    ("33", "03"),
    ("34", "04"),
    ("35", "05"),
    ("36", "06"),
    ("37", "07"),
    ("38", "08"),
    ("40", "09"),
    ("41", "10"),
    ("42", "11"),
    ("43", "12"),
    ("44", "13"),
    ("45", "14"),
    ("46", "15"),
    ("47", "16"),
    ("48", "17"),
    ("55", "18"),
];

/// iJw → iWmo `LDT_RedenBeeindiging`: 02, 20, 31 and 36–39 are in both lists and stay; the
/// codes only one list has are paired up.
const REDEN_BEEINDIGING: [(&str, &str); 4] =
    [("32", "19"), ("33", "21"), ("34", "22"), ("35", "23")];

/// The iJw-only elements (spec §2, Appendix A): `GezagsdragerBekend` in JW315/JW316 Client and
/// `Woonplaatsbeginsel` in JW319/JW320 Antwoord. Both are optional in iJw.
const IJW_ONLY: [&str; 2] = ["GezagsdragerBekend", "Woonplaatsbeginsel"];

/// `<workspace>/schemas/iwmo/3.2`.
fn own_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schemas/iwmo/3.2")
        .canonicalize()
        .unwrap_or_else(|e| panic!("schemas/iwmo/3.2 is missing: {e}"))
}

fn load(xsd: &Path) -> SchemaSet {
    SchemaSet::load([xsd]).unwrap_or_else(|e| panic!("{} does not load: {e}", xsd.display()))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------------
// Comparing verdicts

/// One document the judges disagree on.
struct Disagreement {
    name: String,
    own_xmllint: bool,
    other_xmllint: bool,
    ours: Report,
    own_xsd: PathBuf,
    other_xsd: PathBuf,
    xml: String,
    other_xml: String,
}

/// Counts over one test, and every disagreement.
#[derive(Default)]
struct Tally {
    docs: usize,
    valid: usize,
    invalid: usize,
    disagreements: Vec<Disagreement>,
}

impl Tally {
    /// Judge `docs` by xmllint with `own_xsd`, `iwmo-xsd` with `own`, and xmllint with
    /// `other_xsd` applied to `other_docs` (the same documents in the other standard's form;
    /// index for index). Returns the verdicts of the other standard's XSD.
    fn judge(
        &mut self,
        docs: &[Mutant],
        own_xsd: &Path,
        own: &SchemaSet,
        other_docs: &[Mutant],
        other_xsd: &Path,
    ) -> Vec<bool> {
        assert_eq!(docs.len(), other_docs.len());
        let own_verdicts = xmllint_verdicts(own_xsd, docs);
        let other_verdicts = xmllint_verdicts(other_xsd, other_docs);
        for (i, doc) in docs.iter().enumerate() {
            let ours = own.validate(doc.xml.as_bytes());
            let (own_xmllint, other_xmllint) = (own_verdicts[i], other_verdicts[i]);
            self.docs += 1;
            if other_xmllint {
                self.valid += 1;
            } else {
                self.invalid += 1;
            }
            if own_xmllint != other_xmllint || ours.is_valid() != other_xmllint {
                self.disagreements.push(Disagreement {
                    name: doc.name.clone(),
                    own_xmllint,
                    other_xmllint,
                    ours,
                    own_xsd: own_xsd.to_path_buf(),
                    other_xsd: other_xsd.to_path_buf(),
                    xml: doc.xml.clone(),
                    other_xml: other_docs[i].xml.clone(),
                });
            }
        }
        other_verdicts
    }

    /// Print the counts; on any disagreement print the first [`SHOWN`] and panic.
    fn finish(self, what: &str, other: &str) {
        println!(
            "{what}: {} documents, {} valid and {} invalid by {other}, {} disagreements",
            self.docs,
            self.valid,
            self.invalid,
            self.disagreements.len()
        );
        if self.disagreements.is_empty() {
            return;
        }
        for d in self.disagreements.iter().take(SHOWN) {
            println!("\n=== {}", d.name);
            println!(
                "xmllint with ours: {}   xmllint with {other}: {}   iwmo-xsd with ours: {}",
                verdict(d.own_xmllint),
                verdict(d.other_xmllint),
                verdict(d.ours.is_valid())
            );
            for error in d.ours.errors.iter().take(5) {
                println!("  iwmo-xsd: {error}");
            }
            for line in xmllint_stderr(&d.own_xsd, &d.xml).lines().take(5) {
                println!("  xmllint (ours): {line}");
            }
            for line in xmllint_stderr(&d.other_xsd, &d.other_xml).lines().take(5) {
                println!("  xmllint ({other}): {line}");
            }
        }
        panic!(
            "{what}: {} documents where the verdicts differ (the first {SHOWN} are shown above)",
            self.disagreements.len()
        );
    }
}

fn verdict(valid: bool) -> &'static str {
    if valid {
        "valid"
    } else {
        "invalid"
    }
}

/// `original` (named `name`) followed by all its mutants, with the facets of `schemas`.
fn with_mutants(name: &str, original: &str, schemas: &SchemaSet) -> Vec<Mutant> {
    let mut docs = vec![Mutant {
        name: name.to_string(),
        xml: original.to_string(),
    }];
    docs.extend(mutations(name, original, &|path| schemas.leaf_facets(path)));
    docs
}

// ---------------------------------------------------------------------------------------------
// 1. Heen messages: our XSD and the reference XSD on the reference corpus

#[test]
fn heen_schemas_give_the_reference_verdict_on_every_mutant() {
    if !require_xmllint() {
        return;
    }
    let reference = StagedSchemas::new(reference_dir().join("iwmo-3.2"));
    let own = StagedSchemas::new(own_dir());
    let examples: Vec<_> = reference_examples()
        .into_iter()
        .filter(|e| e.folder == "iwmo-3.2")
        .collect();
    let names: Vec<&str> = examples.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(
        names,
        HEEN.map(|n| format!("WMO{n}.xml")),
        "the iWmo reference examples are the 7 heen messages"
    );

    let mut tally = Tally::default();
    for example in &examples {
        let reference_xsd = reference.xsd(&example.xsd);
        let own_xsd = own.xsd(&example.xsd);
        let own_schemas = load(&own_xsd);
        // The corpus of `differential.rs`: facets from the reference schema.
        let docs = with_mutants(&example.file, &example.xml, &load(&reference_xsd));
        assert!(
            docs.len() > 100,
            "{} yields only {} documents",
            example.file,
            docs.len()
        );
        println!("{}: {} documents", example.file, docs.len());
        let verdicts = tally.judge(&docs, &own_xsd, &own_schemas, &docs, &reference_xsd);
        // With no disagreement below, all three judges find the example valid.
        assert!(
            verdicts[0],
            "{} is valid against the reference schema",
            example.file
        );
    }
    // Both sides of the line in quantity: a schema accepting or rejecting everything fails.
    assert!(tally.docs >= 6000, "only {} heen documents", tally.docs);
    assert!(
        tally.valid >= 1200,
        "only {} valid heen documents",
        tally.valid
    );
    assert!(
        tally.invalid >= 4800,
        "only {} invalid heen documents",
        tally.invalid
    );
    tally.finish("heen", "the reference XSD");
}

// ---------------------------------------------------------------------------------------------
// 2. Retour messages: our XSD and the iJw retour XSD on transformed iJw examples

/// One retour document in both forms, before mutation.
struct RetourCase {
    /// `JW302.xml`, or `JW301.xml→302` for a derived one.
    name: String,
    nnn: &'static str,
    wmo_code: &'static str,
    jw_code: &'static str,
    /// The iJw form, exactly as the iJw XSD must accept it.
    ijw: String,
}

fn retour_codes(nnn: &str) -> (&'static str, &'static str, &'static str) {
    RETOUR
        .into_iter()
        .find(|(n, _, _)| *n == nnn)
        .unwrap_or_else(|| panic!("WMO{nnn} is not a retour message"))
}

#[test]
fn retour_schemas_give_the_ijw_verdict_on_every_mutant() {
    if !require_xmllint() {
        return;
    }
    let ijw_dir = reference_dir().join("ijw-3.2");
    let ijw = StagedSchemas::new(&ijw_dir);
    let own = StagedSchemas::new(own_dir());

    let mut cases = Vec::new();
    for (nnn, wmo_code, jw_code) in RETOUR {
        let file = format!("JW{nnn}.xml");
        let mut xml = read(&ijw_dir.join(&file));
        if nnn == "318" {
            xml = fix_jw318(&xml);
        }
        cases.push(RetourCase {
            name: file,
            nnn,
            wmo_code,
            jw_code,
            ijw: remove_ijw_only(&xml, nnn),
        });
    }
    for (heen, nnn, jw_code, klassen) in DERIVED {
        let heen_xml = read(&ijw_dir.join(format!("JW{heen}.xml")));
        let (_, wmo_code, _) = retour_codes(nnn);
        cases.push(RetourCase {
            name: format!("JW{heen}.xml→{nnn}"),
            nnn,
            wmo_code,
            jw_code,
            ijw: derive_retour(&heen_xml, heen, nnn, jw_code, klassen),
        });
    }

    let mut tally = Tally::default();
    for case in &cases {
        let (nnn, wmo, jw) = (case.nnn, case.wmo_code, case.jw_code);
        let ijw_xsd = ijw.xsd(&format!("JW{nnn}.xsd"));
        let own_xsd = own.xsd(&format!("WMO{nnn}.xsd"));
        let own_schemas = load(&own_xsd);

        let iwmo = to_iwmo(&case.ijw, nnn, jw, wmo);
        assert_eq!(
            to_ijw(&iwmo, nnn, wmo, jw),
            case.ijw,
            "{}: moving to iWmo form and back is the identity",
            case.name
        );
        let originals = [Mutant {
            name: case.name.clone(),
            xml: case.ijw.clone(),
        }];
        assert_eq!(
            xmllint_verdicts(&ijw_xsd, &originals),
            [true],
            "{} (iJw form) is valid against JW{nnn}.xsd:\n{}",
            case.name,
            xmllint_stderr(&ijw_xsd, &case.ijw)
        );
        let report = own_schemas.validate(iwmo.as_bytes());
        assert!(
            report.is_valid(),
            "{} (iWmo form) is valid against our WMO{nnn}.xsd by iwmo-xsd: {:?}\n{iwmo}",
            case.name,
            report.errors
        );
        let transformed = [Mutant {
            name: case.name.clone(),
            xml: iwmo.clone(),
        }];
        assert_eq!(
            xmllint_verdicts(&own_xsd, &transformed),
            [true],
            "{} (iWmo form) is valid against our WMO{nnn}.xsd by xmllint:\n{}",
            case.name,
            xmllint_stderr(&own_xsd, &iwmo)
        );

        let docs = with_mutants(&case.name, &iwmo, &own_schemas);
        assert!(
            docs.len() > 100,
            "{} yields only {} documents",
            case.name,
            docs.len()
        );
        println!("{}: {} documents", case.name, docs.len());
        let back: Vec<Mutant> = docs
            .iter()
            .map(|d| Mutant {
                name: d.name.clone(),
                xml: to_ijw(&d.xml, nnn, wmo, jw),
            })
            .collect();
        tally.judge(&docs, &own_xsd, &own_schemas, &back, &ijw_xsd);
    }
    assert!(tally.docs >= 8000, "only {} retour documents", tally.docs);
    assert!(
        tally.valid >= 1400,
        "only {} valid retour documents",
        tally.valid
    );
    assert!(
        tally.invalid >= 6800,
        "only {} invalid retour documents",
        tally.invalid
    );
    tally.finish("retour", "the iJw XSD");
}

/// `JW318.xml` is invalid as published: a bare `RetourCode` (9350) stands directly under
/// `Verzoek`, between `RedenVerzoek` and `OngewijzigdeProducten`, where no element may. The
/// schema puts a berichtklasse's codes in its own `RetourCodes`, the last child, and `Verzoek`
/// already has one (9349): the stray code is moved into it, giving 9349, 9350.
fn fix_jw318(xml: &str) -> String {
    let doc = Document::parse(xml).unwrap_or_else(|e| panic!("JW318.xml: {e}"));
    let stray: Vec<Node> = doc
        .descendants()
        .filter(|n| is(*n, "RetourCode") && n.parent_element().is_some_and(|p| is(p, "Verzoek")))
        .collect();
    assert_eq!(
        stray.len(),
        1,
        "JW318.xml has one RetourCode directly under Verzoek"
    );
    let stray = stray[0];
    let codes = stray
        .parent_element()
        .and_then(|verzoek| verzoek.children().rfind(|c| is(*c, "RetourCodes")))
        .expect("JW318.xml: Verzoek has its own RetourCodes");
    let last_code = codes
        .last_element_child()
        .expect("JW318.xml: Verzoek/RetourCodes is not empty");
    let moved = format!("{}{}", indentation(xml, last_code), &xml[stray.range()]);
    splice(
        xml,
        vec![
            (with_indentation(stray), String::new()),
            (last_code.range().end..last_code.range().end, moved),
        ],
    )
}

/// `xml` without the iJw-only elements. Both are optional in iJw and no mutant creates an
/// element of either name, so their absence is fine for both schemas and never decides a
/// verdict: they are not put back when a mutant returns to iJw form.
fn remove_ijw_only(xml: &str, nnn: &str) -> String {
    let doc = Document::parse(xml).unwrap_or_else(|e| panic!("JW{nnn}.xml: {e}"));
    let edits: Vec<_> = doc
        .descendants()
        .filter(|n| IJW_ONLY.iter().any(|name| is(*n, name)))
        .map(|n| (with_indentation(n), String::new()))
        .collect();
    // JW316.xml carries GezagsdragerBekend; JW320.xml happens not to use Woonplaatsbeginsel.
    let expected = usize::from(nnn == "316");
    assert_eq!(edits.len(), expected, "iJw-only elements in JW{nnn}.xml");
    splice(xml, edits)
}

/// A full retour in iJw form built from the iJw heen example `heen_xml` (message `heen`): the
/// retour namespace and BerichtCode `jw_code`, the retour header elements after `XsdVersie`
/// (spec §1.4), and `RetourCodes` (0200) as the last child of every element named in `klassen`.
fn derive_retour(heen_xml: &str, heen: &str, nnn: &str, jw_code: &str, klassen: &[&str]) -> String {
    let renamed = rename_message(
        heen_xml,
        &format!("jw{heen}"),
        &format!("jw{nnn}"),
        "ijw",
        "ijw",
    )
    .replace(&ijw_ns(&format!("jw{heen}")), &ijw_ns(&format!("jw{nnn}")));
    let doc = Document::parse(&renamed).unwrap_or_else(|e| panic!("JW{heen}.xml: {e}"));
    let p = format!("jw{nnn}");
    // The retour is dated the day its heenbericht is (IV028 copies the rest of the header).
    let dagtekening = doc
        .descendants()
        .find(|n| is(*n, "Dagtekening"))
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("JW{heen}.xml has a Dagtekening"));
    let mut edits = Vec::new();
    for node in doc.descendants().filter(Node::is_element) {
        if is(node, "BerichtCode") {
            let range = text_range(node).expect("BerichtCode has a value");
            edits.push((range, jw_code.to_string()));
        }
        if is(node, "XsdVersie") && node.parent_element().is_some_and(|h| is(h, "Header")) {
            let i = indentation(&renamed, node);
            let header = format!(
                "{i}<{p}:IdentificatieRetour>RETOUR-{heen}</{p}:IdentificatieRetour>\
                 {i}<{p}:DagtekeningRetour>{dagtekening}</{p}:DagtekeningRetour>\
                 {i}<{p}:XsltVersie>2.10.5</{p}:XsltVersie>\
                 {i}<{p}:XsdVersieRetour><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie>\
                 <ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></{p}:XsdVersieRetour>\
                 {i}<{p}:RetourCodes><{p}:RetourCode>0200</{p}:RetourCode></{p}:RetourCodes>"
            );
            edits.push((node.range().end..node.range().end, header));
        }
        if klassen.iter().any(|k| is(node, k)) {
            let last = node
                .last_element_child()
                .unwrap_or_else(|| panic!("JW{heen}.xml: {} is empty", node.tag_name().name()));
            let codes = format!(
                "{}<{p}:RetourCodes><{p}:RetourCode>0200</{p}:RetourCode></{p}:RetourCodes>",
                indentation(&renamed, last)
            );
            edits.push((last.range().end..last.range().end, codes));
        }
    }
    splice(&renamed, edits)
}

fn ijw_ns(message: &str) -> String {
    format!("http://www.istandaarden.nl/ijw/3_2/{message}/schema")
}

fn iwmo_ns(message: &str) -> String {
    format!("http://www.istandaarden.nl/iwmo/3_2/{message}/schema")
}

/// An iJw retour document in iWmo form: the message and basisschema namespaces (and their
/// prefixes, `jwNNN`→`wmoNNN`, `ijw`→`iwmo`), the BerichtCode, and the code-list values that
/// differ between the two basisschemas.
fn to_iwmo(xml: &str, nnn: &str, jw_code: &str, wmo_code: &str) -> String {
    let (jw, wmo) = (format!("jw{nnn}"), format!("wmo{nnn}"));
    let renamed = rename_message(xml, &jw, &wmo, "ijw", "iwmo")
        .replace(&ijw_ns(&jw), &iwmo_ns(&wmo))
        .replace(&ijw_ns("basisschema"), &iwmo_ns("basisschema"));
    map_values(&renamed, &|name, value| match name {
        "BerichtCode" => (value == jw_code).then(|| wmo_code.to_string()),
        "Categorie" | "ProductCategorie" => {
            lookup(&PRODUCT_CATEGORIE, value, false).map(str::to_string)
        }
        "RedenBeeindiging" => lookup(&REDEN_BEEINDIGING, value, false).map(str::to_string),
        _ => None,
    })
}

/// The inverse of [`to_iwmo`], for mutants. A value is mapped back only when it is exactly an
/// iWmo code of the table; every other value (a mutated one) stays as it is, and is then
/// outside both lists.
fn to_ijw(xml: &str, nnn: &str, wmo_code: &str, jw_code: &str) -> String {
    let (jw, wmo) = (format!("jw{nnn}"), format!("wmo{nnn}"));
    let renamed = rename_message(xml, &wmo, &jw, "iwmo", "ijw")
        .replace(&iwmo_ns(&wmo), &ijw_ns(&jw))
        .replace(&iwmo_ns("basisschema"), &ijw_ns("basisschema"));
    map_values(&renamed, &|name, value| match name {
        "BerichtCode" => (value == wmo_code).then(|| jw_code.to_string()),
        "Categorie" | "ProductCategorie" => {
            lookup(&PRODUCT_CATEGORIE, value, true).map(str::to_string)
        }
        "RedenBeeindiging" => lookup(&REDEN_BEEINDIGING, value, true).map(str::to_string),
        _ => None,
    })
}

fn lookup(
    table: &[(&'static str, &'static str)],
    value: &str,
    reverse: bool,
) -> Option<&'static str> {
    table.iter().find_map(|&(ijw, iwmo)| {
        let (from, to) = if reverse { (iwmo, ijw) } else { (ijw, iwmo) };
        (from == value).then_some(to)
    })
}

/// The prefixes `from`→`to` (message) and `from_base`→`to_base` (basisschema) in start tags, end
/// tags and declarations. Text values never hold a `<` unescaped, so they are untouched.
fn rename_message(xml: &str, from: &str, to: &str, from_base: &str, to_base: &str) -> String {
    let mut out = xml.to_string();
    for (a, b) in [(from, to), (from_base, to_base)] {
        for (before, after) in [("<", ":"), ("</", ":"), ("xmlns:", "=")] {
            out = out.replace(
                &format!("{before}{a}{after}"),
                &format!("{before}{b}{after}"),
            );
        }
    }
    out
}

/// `xml` with the text of every leaf element replaced where `map(local name, text)` says so. A
/// document roxmltree cannot parse is returned unchanged (xmllint rejects it in either form).
fn map_values(xml: &str, map: &dyn Fn(&str, &str) -> Option<String>) -> String {
    let Ok(doc) = Document::parse(xml) else {
        return xml.to_string();
    };
    let edits = doc
        .descendants()
        .filter(|n| n.is_element() && n.children().all(|c| c.is_text()))
        .filter_map(|n| {
            let range = text_range(n)?;
            map(n.tag_name().name(), &xml[range.clone()]).map(|v| (range, v))
        })
        .collect();
    splice(xml, edits)
}

fn is(node: Node, local: &str) -> bool {
    node.is_element() && node.tag_name().name() == local
}

/// The source range of a leaf element's text, if it has any.
fn text_range(node: Node) -> Option<Range<usize>> {
    node.first_child()
        .filter(|c| c.is_text())
        .map(|t| t.range())
}

/// The whitespace before `node` inside its parent (empty if anything else is there).
fn indentation<'a>(xml: &'a str, node: Node) -> &'a str {
    &xml[with_indentation(node).start..node.range().start]
}

/// The range of `node` together with the whitespace before it.
fn with_indentation(node: Node) -> Range<usize> {
    let start = match node.prev_sibling() {
        Some(prev) if prev.text().is_some_and(|t| t.trim().is_empty()) => prev.range().start,
        _ => node.range().start,
    };
    start..node.range().end
}

/// `src` with every range replaced (the ranges must not overlap).
fn splice(src: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| std::cmp::Reverse((r.start, r.end)));
    let mut out = src.to_string();
    for (range, text) in edits {
        out.replace_range(range, &text);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// 3. Every file loads

#[test]
fn every_own_schema_loads_in_iwmo_xsd_and_xmllint() {
    let dir = own_dir();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| {
            e.expect("directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|f| f.ends_with(".xsd"))
        .collect();
    files.sort();
    let mut expected: Vec<String> = HEEN
        .iter()
        .chain(RETOUR.iter().map(|(n, _, _)| n))
        .map(|n| format!("WMO{n}.xsd"))
        .collect();
    expected.push("basisschema.xsd".into());
    expected.sort();
    assert_eq!(files, expected);

    // The whole folder as one set, as `iwmo validate --schemas schemas/iwmo/3.2` loads it.
    let all = SchemaSet::load_dir(&dir)
        .unwrap_or_else(|e| panic!("{} does not load: {e}", dir.display()));
    assert_eq!(
        all.files().len(),
        files.len(),
        "every file is loaded: {:?}",
        all.files()
    );
    let roots: Vec<String> = all
        .global_elements()
        .iter()
        .map(|(ns, name)| format!("{ns} {name}"))
        .collect();
    let mut expected_roots: Vec<String> = expected
        .iter()
        .filter(|f| f.starts_with("WMO"))
        .map(|f| {
            format!(
                "{} Bericht",
                iwmo_ns(&f.trim_end_matches(".xsd").to_lowercase())
            )
        })
        .collect();
    expected_roots.sort();
    assert_eq!(
        roots, expected_roots,
        "one global element Bericht per message"
    );

    let xmllint = require_xmllint();
    for file in &files {
        let path = dir.join(file);
        let xml = read(&path);
        let doc = Document::parse(&xml).unwrap_or_else(|e| panic!("{file}: {e}"));
        let root = doc.root_element();
        let target = root.attribute("targetNamespace").unwrap_or_default();
        let bericht = file.trim_end_matches(".xsd").to_lowercase();
        assert_eq!(target, iwmo_ns(&bericht), "{file}: targetNamespace");
        assert_eq!(
            root.attribute("elementFormDefault"),
            Some("qualified"),
            "{file}"
        );
        let appinfo = |name: &str| {
            doc.descendants()
                .find(|n| {
                    is(*n, name) && n.tag_name().namespace() == Some(&iwmo_ns("basisschema")[..])
                })
                .and_then(|n| n.text())
                .map(str::to_string)
        };
        assert_eq!(
            appinfo("bericht").as_deref(),
            Some(&bericht[..]),
            "{file}: appinfo bericht"
        );
        assert_eq!(
            appinfo("release").as_deref(),
            Some("3.2"),
            "{file}: appinfo release"
        );
        assert_eq!(
            appinfo("standaard").as_deref(),
            Some("iwmo"),
            "{file}: appinfo standaard"
        );
        let mut versions = vec![
            "BasisschemaXsdVersie",
            "BasisschemaXsdMinVersie",
            "BasisschemaXsdMaxVersie",
        ];
        if file != "basisschema.xsd" {
            versions.extend([
                "BerichtXsdVersie",
                "BerichtXsdMinVersie",
                "BerichtXsdMaxVersie",
            ]);
        }
        for version in versions {
            assert_eq!(
                appinfo(version).as_deref(),
                Some("1.0.0"),
                "{file}: appinfo {version}"
            );
        }
        if file == "basisschema.xsd" {
            // Alone it is a set without a root element, which iwmo-xsd may refuse for that
            // reason only; every message file below loads it through its import.
            match SchemaSet::load([&path]) {
                Ok(schemas) => assert!(schemas.global_elements().is_empty()),
                Err(e) => assert!(matches!(e, XsdError::NoElements(_)), "{file}: {e}"),
            }
        } else {
            let schemas = load(&path);
            assert!(
                schemas
                    .files()
                    .iter()
                    .any(|f| f.ends_with("basisschema.xsd")),
                "{file} imports basisschema.xsd: {:?}",
                schemas.files()
            );
            assert_eq!(schemas.global_elements(), [(target, "Bericht")], "{file}");
        }

        if xmllint {
            // A document the schema cannot match, so that xmllint compiles the schema and
            // reports on the document: exit 3 (invalid), not 5 (schema failed to compile).
            let output = Command::new("xmllint")
                .args(["--noout", "--schema"])
                .arg(&path)
                .arg("-")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .and_then(|mut child| {
                    use std::io::Write;
                    child.stdin.take().expect("stdin").write_all(b"<Leeg/>")?;
                    child.wait_with_output()
                })
                .unwrap_or_else(|e| panic!("cannot run xmllint: {e}"));
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(3),
                "xmllint does not load {file}:\n{stderr}"
            );
            assert!(!stderr.contains("failed to compile"), "{file}:\n{stderr}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Declaration by declaration

/// The mutants only reach what the examples contain: an optional element no example uses, or an
/// enumeration value no example carries, is never exercised by tests 1 and 2. So every
/// declaration is also compared as written: the basisschema and the heen XSDs with the iWmo
/// reference, the retour XSDs with the iJw ones (minus the iJw-only elements, with the iWmo
/// BerichtCode). Type references are compared by local name.
#[test]
fn own_schemas_declare_what_the_standard_declares() {
    let own = own_dir();
    let iwmo = reference_dir().join("iwmo-3.2");
    let ijw = reference_dir().join("ijw-3.2");
    let mut pairs = vec![(
        "basisschema.xsd".to_string(),
        declarations(&own.join("basisschema.xsd"), &[]),
        declarations(&iwmo.join("Basisschema.xsd"), &[]),
    )];
    for nnn in HEEN {
        let file = format!("WMO{nnn}.xsd");
        pairs.push((
            file.clone(),
            declarations(&own.join(&file), &[]),
            declarations(&iwmo.join(&file), &[]),
        ));
    }
    for (nnn, wmo, jw) in RETOUR {
        let file = format!("WMO{nnn}.xsd");
        let mut standard = declarations(&ijw.join(format!("JW{nnn}.xsd")), &IJW_ONLY);
        let header = standard
            .get_mut("complexType Header")
            .unwrap_or_else(|| panic!("JW{nnn}.xsd declares a Header"));
        assert!(
            header.contains(&format!("pattern={jw}}}")),
            "JW{nnn}.xsd: BerichtCode {jw}"
        );
        *header = header.replace(&format!("pattern={jw}}}"), &format!("pattern={wmo}}}"));
        pairs.push((file.clone(), declarations(&own.join(&file), &[]), standard));
    }

    let mut differences = Vec::new();
    let mut compared = 0;
    for (file, ours, standard) in &pairs {
        let keys: std::collections::BTreeSet<&String> =
            ours.keys().chain(standard.keys()).collect();
        for key in keys {
            compared += 1;
            let (a, b) = (ours.get(key), standard.get(key));
            if a != b {
                differences.push(format!(
                    "{file}: {key}\n  ours:     {a:?}\n  standard: {b:?}"
                ));
            }
        }
    }
    println!("{compared} declarations compared in {} files", pairs.len());
    assert!(compared >= 200, "only {compared} declarations");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// Every top-level declaration of a schema file (named types, global elements, the import's
/// schemaLocation) as `kind name` → a one-line description: element children with type and
/// occurrence in order, simple types with their base and sorted facets. Annotations are left
/// out; so are elements and types named in `skip`.
fn declarations(path: &Path, skip: &[&str]) -> std::collections::BTreeMap<String, String> {
    let xml = read(path);
    let doc = Document::parse(&xml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = std::collections::BTreeMap::new();
    for node in doc.root_element().children().filter(Node::is_element) {
        let kind = node.tag_name().name();
        if kind == "import" {
            let location = node.attribute("schemaLocation").unwrap_or_default();
            out.insert("import".to_string(), location.to_string());
        } else if let Some(name) = node.attribute("name").filter(|n| !skip.contains(n)) {
            out.insert(format!("{kind} {name}"), describe(node, skip));
        }
    }
    out
}

fn describe(node: Node, skip: &[&str]) -> String {
    let local = |qname: &str| qname.rsplit(':').next().unwrap_or(qname).to_string();
    let mut parts: Vec<String> = node
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() != "annotation")
        .filter(|c| {
            !(c.tag_name().name() == "element"
                && c.attribute("name").is_some_and(|n| skip.contains(&n)))
        })
        .map(|c| describe(c, skip))
        .collect();
    let tag = node.tag_name().name();
    match tag {
        "element" => format!(
            "{}:{} {}..{}{}",
            node.attribute("name").unwrap_or_default(),
            node.attribute("type").map(local).unwrap_or_default(),
            node.attribute("minOccurs").unwrap_or("1"),
            node.attribute("maxOccurs").unwrap_or("1"),
            if parts.is_empty() {
                String::new()
            } else {
                format!(" {}", parts.join(" "))
            }
        ),
        "restriction" => {
            parts.sort();
            let base = node.attribute("base").map(local).unwrap_or_default();
            format!("restriction {base} {{{}}}", parts.join(" "))
        }
        _ => match node.attribute("value") {
            Some(value) => format!("{tag}={value}"),
            None => format!("{tag}[{}]", parts.join(", ")),
        },
    }
}
