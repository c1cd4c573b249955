//! Our fixture messages (`fixtures/messages`) and our iEb schemas (`schemas/ieb`).
//!
//! - Every message kind has a fixture: the 14 iWmo 3.2 messages and WMO405/WMO406 (iEb), and
//!   every retour kind has an approved header-only fixture and one with retourcodes.
//! - Every fixture is valid, for xmllint and for `iwmo-xsd`, against the applicable schema: our
//!   `schemas/iwmo/3.2` when it holds the message's XSD, otherwise the reference route (a heen
//!   message against the reference iWmo XSD, a retour moved into iJw form against the iJw retour
//!   XSD, because no iWmo retour XSD is published); WMO405/WMO406 against `schemas/ieb`.
//! - Independently of our own iWmo schemas, every iWmo fixture is also valid by the reference
//!   route, so a mistake shared by a fixture and our schema cannot hide.
//! - Every BSN passes the 11-proef (CS002) and lies in the test range 9999xxxxx; every gemeente
//!   in a header is in the CBS 2026 list; every AGB code has 8 digits.
//! - Every file in `schemas/ieb` loads in `iwmo-xsd` and in xmllint.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::Command;

use iwmo_corpus::{
    reference_dir, require_xmllint, xmllint_stderr, xmllint_verdicts, Mutant, StagedSchemas,
};
use iwmo_xsd::{SchemaSet, XsdError};
use roxmltree::{Document, Node};

/// Every message kind that must have a fixture: message number, BerichtCode (`None` for the
/// iEb messages, whose code is not known; see `schemas/ieb/README.md`), and for a retour the
/// iJw BerichtCode of the same retour (the reference route; spec §4.1).
const KINDS: [(&str, Option<&str>, Option<&str>); 16] = [
    ("301", Some("414"), None),
    ("302", Some("415"), Some("437")),
    ("305", Some("418"), None),
    ("306", Some("419"), Some("439")),
    ("307", Some("420"), None),
    ("308", Some("421"), Some("441")),
    ("315", Some("444"), None),
    ("316", Some("445"), Some("447")),
    ("317", Some("480"), None),
    ("318", Some("481"), Some("487")),
    ("319", Some("482"), None),
    ("320", Some("483"), Some("489")),
    ("323", Some("484"), None),
    ("325", Some("485"), Some("491")),
    ("405", None, None),
    ("406", None, None),
];

/// Retours whose Header may carry no retourcodes at all (fully approved). WMO325 always has
/// them (Header `RetourCodes` 1..1).
const HEADER_ONLY_RETOURS: [&str; 7] = ["302", "306", "308", "316", "318", "320", "406"];

/// The iEb messages and their schema file under `schemas/ieb`.
const IEB: [(&str, &str); 2] = [("405", "4.0/WMO405.xsd"), ("406", "4.0/WMO406.xsd")];

/// iWmo → iJw `LDT_ProductCategorie` and `LDT_RedenBeeindiging`: the only code lists in which
/// the two basisschemas differ. Only membership matters to an XSD, so any one-to-one map onto
/// iJw codes will do; codes both lists hold map to themselves.
const PRODUCT_CATEGORIE: [(&str, &str); 18] = [
    ("01", "31"),
    ("02", "32"),
    ("03", "33"),
    ("04", "34"),
    ("05", "35"),
    ("06", "36"),
    ("07", "37"),
    ("08", "38"),
    ("09", "40"),
    ("10", "41"),
    ("11", "42"),
    ("12", "43"),
    ("13", "44"),
    ("14", "45"),
    ("15", "46"),
    ("16", "47"),
    ("17", "48"),
    ("18", "49"),
];
const REDEN_BEEINDIGING: [(&str, &str); 11] = [
    ("02", "02"),
    ("19", "32"),
    ("20", "20"),
    ("21", "33"),
    ("22", "34"),
    ("23", "35"),
    ("31", "31"),
    ("36", "36"),
    ("37", "37"),
    ("38", "38"),
    ("39", "39"),
];

// ---------------------------------------------------------------------------------------------
// Locations and reading

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures_dir() -> PathBuf {
    root().join("fixtures/messages")
}

fn ieb_dir() -> PathBuf {
    root().join("schemas/ieb")
}

fn own_iwmo_dir() -> PathBuf {
    root().join("schemas/iwmo/3.2")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// One fixture message: its file name, message number (from the `wmoNNN-` file name prefix)
/// and text.
struct Fixture {
    file: String,
    nnn: String,
    xml: String,
}

fn fixtures() -> Vec<Fixture> {
    let dir = fixtures_dir();
    let mut files: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| {
            e.expect("directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|f| f.ends_with(".xml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let nnn = file
                .strip_prefix("wmo")
                .and_then(|rest| rest.get(..3))
                .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
                .unwrap_or_else(|| panic!("{file}: the name must start with wmoNNN-"))
                .to_string();
            assert_eq!(
                file.as_bytes().get(6),
                Some(&b'-'),
                "{file}: the name must start with wmoNNN- and describe the case"
            );
            let xml = read(&dir.join(&file));
            Fixture { file, nnn, xml }
        })
        .collect()
}

fn parse<'a>(fixture: &'a Fixture) -> Document<'a> {
    Document::parse(&fixture.xml)
        .unwrap_or_else(|e| panic!("{} is not well-formed: {e}", fixture.file))
}

fn is_retour(nnn: &str) -> bool {
    KINDS.iter().any(|(n, _, jw)| *n == nnn && jw.is_some()) || nnn == "406"
}

fn iwmo_ns(message: &str) -> String {
    format!("http://www.istandaarden.nl/iwmo/3_2/{message}/schema")
}

fn ijw_ns(message: &str) -> String {
    format!("http://www.istandaarden.nl/ijw/3_2/{message}/schema")
}

fn ieb_ns(message: &str) -> String {
    format!("http://www.istandaarden.nl/ieb/4_0/{message}/schema")
}

fn child<'a, 'i>(node: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == local)
}

// ---------------------------------------------------------------------------------------------
// Judging documents: iwmo-xsd and xmllint against one schema

/// Documents to validate against one schema file, each with the fixture it came from.
#[derive(Default)]
struct Batch {
    docs: BTreeMap<PathBuf, Vec<(String, Mutant)>>,
}

impl Batch {
    fn add(&mut self, xsd: PathBuf, fixture: &str, route: &str, xml: String) {
        self.docs.entry(xsd).or_default().push((
            format!("{fixture} ({route})"),
            Mutant {
                name: fixture.to_string(),
                xml,
            },
        ));
    }

    /// Validate everything with `iwmo-xsd` and, when available, xmllint; return one line per
    /// invalid document, with the errors.
    fn failures(&self) -> Vec<String> {
        let xmllint = require_xmllint();
        let mut failures = Vec::new();
        for (xsd, docs) in &self.docs {
            let schemas = SchemaSet::load([xsd])
                .unwrap_or_else(|e| panic!("{} does not load: {e}", xsd.display()));
            for (what, doc) in docs {
                let report = schemas.validate(doc.xml.as_bytes());
                if !report.is_valid() {
                    let errors: Vec<String> = report.errors.iter().map(|e| e.to_string()).collect();
                    failures.push(format!(
                        "{what}: iwmo-xsd against {}:\n    {}",
                        xsd.display(),
                        errors.join("\n    ")
                    ));
                }
            }
            if xmllint {
                let only: Vec<Mutant> = docs.iter().map(|(_, d)| d.clone()).collect();
                let verdicts = xmllint_verdicts(xsd, &only);
                for ((what, doc), valid) in docs.iter().zip(verdicts) {
                    if !valid {
                        failures.push(format!(
                            "{what}: xmllint against {}:\n{}",
                            xsd.display(),
                            xmllint_stderr(xsd, &doc.xml)
                        ));
                    }
                }
            }
        }
        failures
    }

    fn len(&self) -> usize {
        self.docs.values().map(Vec::len).sum()
    }
}

/// The staged reference schemas: iWmo 3.2 (heen) and iJw 3.2 (retour).
struct Reference {
    iwmo: StagedSchemas,
    ijw: StagedSchemas,
}

impl Reference {
    fn stage() -> Reference {
        Reference {
            iwmo: StagedSchemas::new(reference_dir().join("iwmo-3.2")),
            ijw: StagedSchemas::new(reference_dir().join("ijw-3.2")),
        }
    }

    /// The reference route for one iWmo fixture: a heen message as it is against the reference
    /// iWmo XSD; a retour moved into iJw form against the iJw retour XSD.
    fn add(&self, batch: &mut Batch, fixture: &Fixture) {
        let (_, _, jw_code) = kind(&fixture.nnn);
        match jw_code {
            None => batch.add(
                self.iwmo.xsd(&format!("WMO{}.xsd", fixture.nnn)),
                &fixture.file,
                "reference iWmo XSD",
                fixture.xml.clone(),
            ),
            Some(jw_code) => batch.add(
                self.ijw.xsd(&format!("JW{}.xsd", fixture.nnn)),
                &fixture.file,
                "moved into iJw form, reference iJw XSD",
                to_ijw(fixture, jw_code),
            ),
        }
    }
}

fn kind(nnn: &str) -> (&'static str, Option<&'static str>, Option<&'static str>) {
    *KINDS
        .iter()
        .find(|(n, _, _)| *n == nnn)
        .unwrap_or_else(|| panic!("wmo{nnn} is not an iWmo 3.2 or iEb message"))
}

/// An iWmo retour in iJw form: the message and basisschema namespaces, the BerichtCode, and the
/// values of the two code lists that differ (see [`PRODUCT_CATEGORIE`]). Prefixes are left as
/// they are: only the namespace URIs matter.
fn to_ijw(fixture: &Fixture, jw_code: &str) -> String {
    let nnn = &fixture.nnn;
    let doc = parse(fixture);
    let mut edits = Vec::new();
    for node in doc.descendants().filter(Node::is_element) {
        let local = node.tag_name().name();
        let Some(range) = text_range(node) else {
            continue;
        };
        let value = &fixture.xml[range.clone()];
        let new = match local {
            "BerichtCode"
                if node
                    .parent()
                    .is_some_and(|p| p.tag_name().name() == "Header") =>
            {
                Some(jw_code.to_string())
            }
            "Categorie" | "ProductCategorie" => lookup(&PRODUCT_CATEGORIE, value, fixture),
            "RedenBeeindiging" => lookup(&REDEN_BEEINDIGING, value, fixture),
            _ => None,
        };
        if let Some(new) = new {
            edits.push((range, new));
        }
    }
    splice(&fixture.xml, edits)
        .replace(&iwmo_ns(&format!("wmo{nnn}")), &ijw_ns(&format!("jw{nnn}")))
        .replace(&iwmo_ns("basisschema"), &ijw_ns("basisschema"))
}

fn lookup(table: &[(&str, &str)], value: &str, fixture: &Fixture) -> Option<String> {
    let found = table.iter().find(|(iwmo, _)| *iwmo == value);
    let (_, ijw) = found.unwrap_or_else(|| {
        panic!(
            "{}: code {value:?} is not in the iWmo code list",
            fixture.file
        )
    });
    Some(ijw.to_string())
}

fn text_range(node: Node) -> Option<Range<usize>> {
    let text = node.first_child().filter(|c| c.is_text())?;
    (node.children().count() == 1).then(|| text.range())
}

fn splice(src: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(src.len());
    let mut at = 0;
    for (range, text) in edits {
        out.push_str(&src[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&src[at..]);
    out
}

// ---------------------------------------------------------------------------------------------
// 1. Every kind is present

#[test]
fn every_message_kind_has_a_fixture() {
    let fixtures = fixtures();
    let present: BTreeSet<&str> = fixtures.iter().map(|f| f.nnn.as_str()).collect();
    let expected: BTreeSet<&str> = KINDS.iter().map(|(n, _, _)| *n).collect();
    let missing: Vec<&&str> = expected.difference(&present).collect();
    let unknown: Vec<&&str> = present.difference(&expected).collect();
    assert!(missing.is_empty(), "no fixture for wmo{missing:?}");
    assert!(
        unknown.is_empty(),
        "fixtures of unknown kinds: wmo{unknown:?}"
    );

    for fixture in &fixtures {
        let doc = parse(fixture);
        let bericht = doc.root_element();
        let message = format!("wmo{}", fixture.nnn);
        let ns = if IEB.iter().any(|(n, _)| *n == fixture.nnn) {
            ieb_ns(&message)
        } else {
            iwmo_ns(&message)
        };
        assert_eq!(
            (bericht.tag_name().namespace(), bericht.tag_name().name()),
            (Some(ns.as_str()), "Bericht"),
            "{}: the root element is the file name's message",
            fixture.file
        );
        let code = child(bericht, "Header")
            .and_then(|h| child(h, "BerichtCode"))
            .and_then(|c| c.text());
        if let (_, Some(expected_code), _) = kind(&fixture.nnn) {
            assert_eq!(code, Some(expected_code), "{}: BerichtCode", fixture.file);
        }
    }
}

/// A retour's retourcodes: (on the Header, anywhere below the Header's sibling).
fn retour_codes(doc: &Document) -> (Vec<String>, Vec<String>) {
    let mut header = Vec::new();
    let mut classes = Vec::new();
    for node in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "RetourCode")
    {
        let text = node.text().unwrap_or_default().to_string();
        let on_header = node.ancestors().any(|a| a.tag_name().name() == "Header");
        if on_header {
            header.push(text);
        } else {
            classes.push(text);
        }
    }
    (header, classes)
}

#[test]
fn every_retour_kind_has_an_approved_and_a_rejected_fixture() {
    let fixtures = fixtures();
    for (nnn, _, _) in KINDS.iter().filter(|(n, _, _)| is_retour(n)) {
        let docs: Vec<(&Fixture, Document)> = fixtures
            .iter()
            .filter(|f| f.nnn == *nnn)
            .map(|f| (f, parse(f)))
            .collect();
        let header_only_approved = docs.iter().any(|(_, d)| {
            let second = d
                .root_element()
                .children()
                .filter(|c| c.is_element())
                .nth(1);
            second.is_none() && retour_codes(d).0.is_empty()
        });
        let with_class_codes = docs.iter().any(|(_, d)| !retour_codes(d).1.is_empty());
        if HEADER_ONLY_RETOURS.contains(nnn) {
            assert!(
                header_only_approved,
                "wmo{nnn}: no approved header-only fixture (no second child, no retourcodes)"
            );
        }
        assert!(
            with_class_codes,
            "wmo{nnn}: no fixture with retourcodes on a berichtklasse"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Every fixture is valid against the applicable schema

#[test]
fn every_fixture_is_valid_against_its_schema() {
    let fixtures = fixtures();
    let reference = Reference::stage();
    let mut batch = Batch::default();
    let mut routes: BTreeMap<&str, usize> = BTreeMap::new();
    for fixture in &fixtures {
        if let Some((_, xsd)) = IEB.iter().find(|(n, _)| *n == fixture.nnn) {
            batch.add(
                ieb_dir().join(xsd),
                &fixture.file,
                "schemas/ieb",
                fixture.xml.clone(),
            );
            *routes.entry("schemas/ieb").or_default() += 1;
            continue;
        }
        let own = own_iwmo_dir().join(format!("WMO{}.xsd", fixture.nnn));
        if own.is_file() {
            batch.add(own, &fixture.file, "schemas/iwmo/3.2", fixture.xml.clone());
            *routes.entry("schemas/iwmo/3.2").or_default() += 1;
        } else {
            reference.add(&mut batch, fixture);
            *routes.entry("reference").or_default() += 1;
        }
    }
    assert_eq!(batch.len(), fixtures.len());
    eprintln!("{} fixtures validated: {routes:?}", fixtures.len());
    let failures = batch.failures();
    assert!(
        failures.is_empty(),
        "{} invalid fixture(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The reference route for every iWmo fixture, whether or not our own schema exists: the
/// fixtures then rest on the published XSDs too, not only on ours.
#[test]
fn every_iwmo_fixture_is_valid_by_the_reference_route() {
    let fixtures = fixtures();
    let reference = Reference::stage();
    let mut batch = Batch::default();
    for fixture in fixtures
        .iter()
        .filter(|f| !IEB.iter().any(|(n, _)| *n == f.nnn))
    {
        reference.add(&mut batch, fixture);
    }
    assert!(batch.len() >= 14, "at least one fixture per iWmo message");
    let failures = batch.failures();
    assert!(
        failures.is_empty(),
        "{} fixture(s) invalid by the reference route:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Identifiers: BSN, gemeente, AGB

/// CS002: nine digits, d1×9 + d2×8 + … + d8×2 − d9×1 divisible by 11 and not 0.
fn elfproef(bsn: &str) -> bool {
    let digits: Vec<u32> = bsn.chars().filter_map(|c| c.to_digit(10)).collect();
    if bsn.len() != 9 || digits.len() != 9 {
        return false;
    }
    let sum: i64 = digits[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(&d, w)| i64::from(d) * w)
        .sum::<i64>()
        - i64::from(digits[8]);
    sum != 0 && sum % 11 == 0
}

#[test]
fn the_elfproef_itself() {
    assert!(elfproef("999900006"));
    assert!(elfproef("111222333"));
    assert!(!elfproef("999900007"), "one digit off");
    assert!(!elfproef("000000000"), "sum 0");
    assert!(!elfproef("99990006"), "eight digits");
    assert!(!elfproef("9999000060"), "ten digits");
    assert!(!elfproef("99990000a"), "not a digit");
    assert!(!elfproef("９99900006"), "fullwidth digit");
}

#[test]
fn every_bsn_passes_the_elfproef() {
    let mut seen = 0;
    for fixture in &fixtures() {
        let doc = parse(fixture);
        for bsn in doc.descendants().filter(|n| n.tag_name().name() == "Bsn") {
            let value = bsn.text().unwrap_or_default();
            assert!(
                elfproef(value),
                "{} line {}: BSN {value:?} fails the 11-proef",
                fixture.file,
                doc.text_pos_at(bsn.range().start).row
            );
            assert!(
                value.starts_with("9999"),
                "{}: BSN {value} is not in the test range 9999xxxxx",
                fixture.file
            );
            seen += 1;
        }
    }
    assert!(
        seen >= 16,
        "expected a BSN in nearly every fixture, saw {seen}"
    );
}

#[test]
fn every_header_party_is_a_cbs_gemeente_or_an_agb_code() {
    let csv = read(&reference_dir().join("codelists/cbs-gemeenten-2026.csv"));
    let gemeenten: BTreeSet<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert!(gemeenten.len() > 300, "the CBS list is read");
    for fixture in &fixtures() {
        let doc = parse(fixture);
        let header = child(doc.root_element(), "Header")
            .unwrap_or_else(|| panic!("{}: no Header", fixture.file));
        for party in ["Afzender", "Ontvanger"] {
            let Some(value) = child(header, party).and_then(|n| n.text()) else {
                continue;
            };
            match value.len() {
                4 => assert!(
                    gemeenten.contains(value),
                    "{}: {party} {value} is not a CBS 2026 gemeentecode",
                    fixture.file
                ),
                8 => assert!(
                    value.bytes().all(|b| b.is_ascii_digit()),
                    "{}: {party} {value} is not an AGB code",
                    fixture.file
                ),
                _ => panic!("{}: {party} {value:?} is neither", fixture.file),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 4. The iEb schemas load

fn xsd_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
    {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            xsd_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "xsd") {
            out.push(path);
        }
    }
}

#[test]
fn every_ieb_schema_loads_in_iwmo_xsd_and_xmllint() {
    let mut files = Vec::new();
    xsd_files(&ieb_dir(), &mut files);
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|p| {
            p.strip_prefix(ieb_dir())
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        ["4.0/WMO405.xsd", "4.0/WMO406.xsd", "4.0/basisschema.xsd"]
    );
    let all =
        SchemaSet::load_dir(ieb_dir()).unwrap_or_else(|e| panic!("schemas/ieb does not load: {e}"));
    let roots: Vec<(&str, &str)> = all.global_elements();
    let (ns405, ns406) = (ieb_ns("wmo405"), ieb_ns("wmo406"));
    assert_eq!(
        roots,
        [(ns405.as_str(), "Bericht"), (ns406.as_str(), "Bericht")]
    );

    let xmllint = require_xmllint();
    for file in &files {
        match SchemaSet::load([file]) {
            Ok(_) => {}
            // Alone, the basisschema is a set without a root element, which iwmo-xsd refuses for
            // that reason only; the message files above load it through their import.
            Err(XsdError::NoElements(_)) if file.ends_with("basisschema.xsd") => {}
            Err(e) => panic!("{} does not load in iwmo-xsd: {e}", file.display()),
        }
        if !xmllint {
            continue;
        }
        // An empty document: xmllint compiles the schema, then fails to parse the document (exit
        // 1). A schema that does not compile gives exit 5 and "failed to compile".
        let output = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(file)
            .arg("/dev/null")
            .output()
            .unwrap_or_else(|e| panic!("cannot run xmllint: {e}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.code() != Some(5) && !stderr.contains("failed to compile"),
            "{} does not compile in xmllint:\n{stderr}",
            file.display()
        );
    }
}

/// The `[Cn]` ids in `text`, in order of appearance.
fn choice_ids(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("[C") {
        rest = &rest[at + 2..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && rest[digits.len()..].starts_with(']') {
            ids.push(format!("C{digits}"));
        }
    }
    ids
}

#[test]
fn every_ieb_choice_is_marked_and_listed_in_the_readme() {
    let mut files = Vec::new();
    xsd_files(&ieb_dir(), &mut files);
    let mut marked = BTreeSet::new();
    for file in &files {
        let text = read(file);
        // Every CHOICE comment names its id before the comment ends.
        for (at, _) in text.match_indices("CHOICE:") {
            let end = text[at..].find("-->").map_or(text.len(), |e| at + e);
            let ids = choice_ids(&text[at..end]);
            assert!(
                !ids.is_empty(),
                "{}: a CHOICE comment without an id [Cn]: {}",
                file.display(),
                &text[at..end]
            );
            marked.extend(ids);
        }
    }
    let readme = read(&ieb_dir().join("README.md"));
    let listed: BTreeSet<String> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("| C"))
        .filter_map(|l| l.split(' ').next())
        .map(|n| format!("C{n}"))
        .collect();
    assert!(marked.len() >= 10, "choices marked in the XSDs: {marked:?}");
    assert_eq!(
        marked, listed,
        "the ids marked in schemas/ieb/**/*.xsd and the ids in the README table"
    );
}
