//! The level-2 checks of `iwmo-rules` against the official iWmo 3.2 validation stylesheet
//! (`TR-CD-CS regels WMO 3.2.xsl`, XSLTVersie 2.10.5, XSLT 1.0), run with `xsltproc`.
//!
//! The stylesheet is public (i-Sociaal-Lab/jaapjunior, `packages/api/wmo/bronnen/`) but not
//! ours to copy, and it is not among the reference files CI has; so this test runs only when
//! `IWMO_RULES_XSLT` names a local copy, and says that it skipped otherwise:
//!
//! `IWMO_RULES_XSLT=/path/to/wmo-3.2-rules.xsl cargo test -p iwmo-corpus --test rules_xslt -- --nocapture`
//!
//! `IWMO_RULES_ONLY=CS337,TR137` limits the failures (not the counts) to documents where those
//! rules disagree.
//!
//! Documents: every heen message among the reference examples, `fixtures/messages` and
//! `fixtures/rules`, plus every mutant of the reference examples and message fixtures (the
//! generator of `differential.rs`) that is XSD-valid against our schemas and readable (the
//! stylesheet, like our checks, only ever sees such messages). For each, the rules that fire
//! must be the same, and for each rule the element paths (`Locatie`, with the stylesheet's
//! `[1]` on a first of several siblings dropped, as our paths write it).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use iwmo_corpus::{mutations, Mutant};
use iwmo_xsd::SchemaSet;

/// Documents on which our check differs from the stylesheet on purpose: (document, rule,
/// reason). Each is a fixture that pins the choice; the check's doc comment has the details.
/// A disagreement on such a document that involves only its rule is counted, not failed.
const DELIBERATE: &[(&str, &str, &str)] = &[
    (
        "fixtures/rules/CS340/near-miss-323-february-2100-not-a-leap-year.xml",
        "CS340",
        "the stylesheet takes every year divisible by 4 as a leap year",
    ),
    (
        "fixtures/rules/TR315/break-323-vorig-twice-first-with-spaces.xml",
        "TR315",
        "the stylesheet trims one side of the comparison only",
    ),
    (
        "fixtures/rules/TR316/near-miss-323-blank-referentienummer.xml",
        "TR316",
        "the stylesheet takes a missing VorigReferentieNummer as equal to a blank ReferentieNummer",
    ),
    (
        "fixtures/rules/TR358/near-miss-323-total-leading-zero.xml",
        "TR358",
        "the stylesheet compares the total as text, so 0194280 is not 194280",
    ),
    (
        "fixtures/rules/TR101/break-301-toewijzingnummer-with-leading-zero.xml",
        "TR101",
        "the stylesheet compares the key as text, so 026001001 is not 26001001",
    ),
    (
        "fixtures/rules/TR416/break-323-second-debet-toewijzingnummer-leading-zero.xml",
        "TR416",
        "the stylesheet compares ToewijzingNummer as text, so 026001001 is not 26001001",
    ),
];

const SHOWN: usize = 25;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn heen_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            heen_files(&p, out);
            continue;
        }
        let name = p
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_ascii_lowercase();
        let heen = ["301", "305", "307", "315", "317", "319", "323", "325"]
            .iter()
            .any(|n| name.starts_with(&format!("wmo{n}")));
        let in_rules = p.components().any(|c| c.as_os_str() == "rules");
        if name.ends_with(".xml") && (heen || in_rules) {
            out.push(p);
        }
    }
}

/// (rule, sorted paths) per finding, sorted: what a verdict is compared on.
type Verdict = Vec<(String, Vec<String>)>;

fn ours(xml: &str) -> Verdict {
    let message = iwmo_model::read(xml.as_bytes()).expect("filtered to readable documents");
    let mut v: Verdict = iwmo_rules::check(&message)
        .findings
        .into_iter()
        .map(|f| {
            let mut paths = f.paths;
            paths.sort();
            paths.dedup();
            (f.rule.to_string(), paths)
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The document as the stylesheet should see it: every leaf value that is a date or an integer
/// once trimmed is written without the surrounding whitespace, which the XSD collapses for
/// those types and the stylesheet, comparing raw text, does not. Our checks read values, so
/// this compares the rules' logic on the same values (see the mutants kept out by
/// [`LEXICAL`] for the other lexical forms).
fn trimmed_values(xml: &str) -> String {
    let is_date = |t: &str| {
        let b = t.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    };
    let is_int = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(gt) = rest.find('>') {
        out.push_str(&rest[..=gt]);
        rest = &rest[gt + 1..];
        let lt = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..lt];
        let t = text.trim_matches(|c| c == ' ' || c == '\t' || c == '\n' || c == '\r');
        if t != text && (is_date(t) || is_int(t)) {
            out.push_str(t);
        } else {
            out.push_str(text);
        }
        rest = &rest[lt..];
    }
    out.push_str(rest);
    out
}

/// Mutants that only change the lexical form of an integer (`+12`, `0012`): the stylesheet
/// compares some numbers as text, our checks compare values. For these our verdict must equal
/// our verdict on the document they came from; the stylesheet is not asked.
const LEXICAL: &[&str] = &["#int-plus:", "#int-leading-zeros:"];

fn stylesheet(xslt: &Path, scratch: &Path, index: usize, xml: &str) -> Verdict {
    let file = scratch.join(format!("doc{index}.xml"));
    std::fs::write(&file, trimmed_values(xml)).unwrap();
    let out = Command::new("xsltproc")
        .arg(xslt)
        .arg(&file)
        .output()
        .expect("xsltproc runs (Debian package xsltproc)");
    assert!(
        out.status.success(),
        "xsltproc failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let doc = roxmltree::Document::parse(&text).expect("the stylesheet writes XML");
    let mut v: Verdict = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "Fout")
        .map(|fout| {
            let child = |name: &'static str| {
                fout.children()
                    .filter(move |c| c.tag_name().name() == name)
                    .map(|c| c.text().unwrap_or("").trim().to_string())
            };
            let code = child("Code").next().unwrap_or_default();
            let mut paths: Vec<String> = child("Locatie").map(|p| p.replace("[1]", "")).collect();
            paths.sort();
            paths.dedup();
            (code, paths)
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

fn rules_of(v: &Verdict) -> BTreeSet<&str> {
    v.iter().map(|(r, _)| r.as_str()).collect()
}

#[test]
fn level2_checks_agree_with_the_official_stylesheet() {
    let Some(xslt) = std::env::var_os("IWMO_RULES_XSLT").map(PathBuf::from) else {
        eprintln!(
            "skipped: IWMO_RULES_XSLT is not set (the official stylesheet is not vendored; see the test's doc)"
        );
        return;
    };
    assert!(
        xslt.is_file(),
        "IWMO_RULES_XSLT={} is not a file",
        xslt.display()
    );
    let root = workspace();
    let schemas = SchemaSet::load_dir(root.join("schemas/iwmo/3.2")).unwrap();

    let mut seeds = Vec::new();
    heen_files(&root.join("../shared/reference/iwmo-3.2"), &mut seeds);
    heen_files(&root.join("fixtures/messages"), &mut seeds);
    let mutated = seeds.len();
    heen_files(&root.join("fixtures/rules"), &mut seeds);

    let mut docs: Vec<Mutant> = Vec::new();
    // For each document, the document it was derived from (itself for a seed).
    let mut seed_of: Vec<String> = Vec::new();
    let mut seen = BTreeSet::new();
    let (mut dropped_xsd, mut dropped_model) = (0, 0);
    for (i, seed) in seeds.iter().enumerate() {
        let xml = std::fs::read_to_string(seed).unwrap();
        let name = seed
            .strip_prefix(&root)
            .unwrap_or(seed)
            .display()
            .to_string();
        let mut candidates = vec![Mutant {
            name: name.clone(),
            xml: xml.clone(),
        }];
        if i < mutated {
            candidates.extend(mutations(&name, &xml, &|p| schemas.leaf_facets(p)));
        }
        let seed_xml = xml.clone();
        for m in candidates {
            if !seen.insert(m.xml.clone()) {
                continue;
            }
            if !schemas.validate(m.xml.as_bytes()).is_valid() {
                dropped_xsd += 1;
                continue;
            }
            if iwmo_model::read(m.xml.as_bytes()).is_err() {
                dropped_model += 1;
                continue;
            }
            docs.push(m);
            seed_of.push(seed_xml.clone());
        }
    }

    let scratch = tempfile::tempdir().unwrap();
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<(usize, Verdict, Verdict)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = {
                    let mut n = next.lock().unwrap();
                    *n += 1;
                    *n - 1
                };
                let Some(doc) = docs.get(i) else { break };
                let ours = ours(&doc.xml);
                let theirs = if LEXICAL.iter().any(|l| doc.name.contains(l)) {
                    // Value invariance instead of the stylesheet.
                    self::ours(&seed_of[i])
                } else {
                    stylesheet(&xslt, scratch.path(), i, &doc.xml)
                };
                results.lock().unwrap().push((i, ours, theirs));
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|r| r.0);

    let (mut agree, mut firing, mut tolerated) = (0, 0, 0);
    let mut fired_rules = BTreeSet::new();
    let mut failures = Vec::new();
    let mut by_rule = std::collections::BTreeMap::new();
    for (i, ours, theirs) in &results {
        fired_rules.extend(rules_of(theirs).into_iter().map(str::to_string));
        if !theirs.is_empty() {
            firing += 1;
        }
        if ours == theirs {
            agree += 1;
            continue;
        }
        let differing: BTreeSet<&str> = rules_of(ours)
            .symmetric_difference(&rules_of(theirs))
            .copied()
            .chain(
                ours.iter()
                    .filter(|f| !theirs.contains(f))
                    .map(|(r, _)| r.as_str()),
            )
            .chain(
                theirs
                    .iter()
                    .filter(|f| !ours.contains(f))
                    .map(|(r, _)| r.as_str()),
            )
            .collect();
        for r in &differing {
            *by_rule.entry(r.to_string()).or_insert(0usize) += 1;
        }
        let deliberate = DELIBERATE
            .iter()
            .find(|(doc, _, _)| docs[*i].name == *doc)
            .map(|(_, rule, _)| *rule);
        if !differing.is_empty() && differing.iter().all(|r| Some(*r) == deliberate) {
            tolerated += 1;
            continue;
        }
        if let Ok(only) = std::env::var("IWMO_RULES_ONLY") {
            if !differing.iter().any(|r| only.split(',').any(|o| o == *r)) {
                continue;
            }
        }
        failures.push(format!(
            "{}\n  ours:       {ours:?}\n  stylesheet: {theirs:?}",
            docs[*i].name
        ));
    }
    eprintln!(
        "{} documents ({} seeds, {mutated} of them mutated; dropped {dropped_xsd} XSD-invalid and {dropped_model} unreadable mutants); \
         the stylesheet finds something in {firing}, {} distinct rules; {agree} agree exactly, {tolerated} differ only on deliberate rules, {} disagree",
        docs.len(),
        seeds.len(),
        fired_rules.len(),
        failures.len()
    );
    eprintln!("rules the stylesheet fired: {fired_rules:?}");
    eprintln!("documents in disagreement per rule: {by_rule:?}");
    let shown: Vec<&String> = failures.iter().take(SHOWN).collect();
    assert!(
        failures.is_empty(),
        "{} disagreements, first {}:\n{}",
        failures.len(),
        shown.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}
