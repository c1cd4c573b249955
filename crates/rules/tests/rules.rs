//! The level-2 checks against their fixtures and the reference examples.
//!
//! `fixtures/rules/<RULE>/` holds, per rule, messages that break it (`break*.xml`) and
//! near-misses that do not (`near-miss*.xml`). Every fixture must be valid against our schemas
//! (level 2 only ever sees XSD-valid messages); a break must make exactly its rule fire, and a
//! near-miss must make no rule fire at all.

use std::path::{Path, PathBuf};

use iwmo_model::{read, Message};
use iwmo_rules::{catalogue, check, checks};
use iwmo_xsd::SchemaSet;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn our_schemas() -> SchemaSet {
    let dir = workspace().join("schemas/iwmo/3.2");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            name.starts_with("WMO") && name.ends_with(".xsd")
        })
        .collect();
    files.sort();
    SchemaSet::load(&files).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

/// Reads a fixture that must be XSD-valid and representable.
fn valid_message(schemas: &SchemaSet, file: &Path) -> Message {
    let xml = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let report = schemas.validate(&xml);
    assert!(
        report.is_valid(),
        "{} is not XSD-valid: {:#?}",
        file.display(),
        report.errors
    );
    read(&xml).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// Rules that no message can break alone: CD077 ("no Omvang when there is a Budget") and
/// CD078 ("no Budget when there is an Omvang") state one mutual exclusion from both sides, so
/// every break of one breaks the other, and the stylesheet reports both. Their break fixtures
/// expect exactly the pair; every other break expects exactly its own rule.
const INSEPARABLE: &[(&str, &str)] = &[("CD077", "CD078"), ("CD078", "CD077")];

fn rule_ids(message: &Message) -> Vec<String> {
    check(message)
        .rules()
        .iter()
        .map(|r| r.to_string())
        .collect()
}

/// Catalogue rules whose checks are not written yet (none: all 58 are). The test below fails
/// when a listed rule has a check (take it off the list) and when an unlisted rule has none.
const NOT_YET: &[&str] = &[];

#[test]
fn every_rule_has_exactly_one_check() {
    let checks = checks();
    let checked: Vec<&str> = checks.iter().map(|c| c.rule.as_str()).collect();
    let catalogued: Vec<&str> = catalogue()
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !NOT_YET.contains(id))
        .collect();
    assert_eq!(
        checked, catalogued,
        "checks written vs the catalogue minus NOT_YET"
    );
    eprintln!(
        "{} of {} level-2 rules have a check; not yet: {NOT_YET:?}",
        checked.len(),
        catalogue().len()
    );
    for c in &checks {
        let prefix = c.rule.as_str().to_ascii_lowercase() + "_";
        assert!(
            c.name.starts_with(&prefix),
            "{} is named {}",
            c.rule,
            c.name
        );
    }
}

#[test]
fn every_rule_breaks_in_its_fixtures_and_not_in_its_near_misses() {
    let schemas = our_schemas();
    let root = workspace().join("fixtures/rules");
    let mut failures = Vec::new();
    let mut counted = (0, 0);
    for rule in catalogue()
        .iter()
        .filter(|r| !NOT_YET.contains(&r.id.as_str()))
    {
        let dir = root.join(rule.id.as_str());
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
            Err(e) => {
                failures.push(format!("{}: no fixtures ({e})", rule.id));
                continue;
            }
        };
        files.sort();
        let (mut breaks, mut near_misses) = (0, 0);
        for file in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "xml"))
        {
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            let message = valid_message(&schemas, file);
            let mut fired = rule_ids(&message);
            fired.sort();
            let expected: Vec<String> = if name.starts_with("break") {
                breaks += 1;
                let mut ids = vec![rule.id.to_string()];
                for (r, companion) in INSEPARABLE {
                    if *r == rule.id.as_str() {
                        ids.push(companion.to_string());
                    }
                }
                ids.sort();
                ids
            } else if name.starts_with("near-miss") {
                near_misses += 1;
                vec![]
            } else {
                failures.push(format!(
                    "{}: {name} is neither break* nor near-miss*",
                    rule.id
                ));
                continue;
            };
            if fired != expected {
                failures.push(format!(
                    "{}/{name}: expected {expected:?}, fired {fired:?}: {:#?}",
                    rule.id,
                    check(&message).findings
                ));
            }
        }
        if breaks == 0 || near_misses == 0 {
            failures.push(format!(
                "{}: {breaks} break and {near_misses} near-miss fixtures; at least one of each",
                rule.id
            ));
        }
        counted.0 += breaks;
        counted.1 += near_misses;
    }
    eprintln!(
        "{} break and {} near-miss fixtures over {} rules",
        counted.0,
        counted.1,
        catalogue().len() - NOT_YET.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The reference examples of iWmo 3.2: all rule-clean but the WMO317, which is known to break
/// TR380 (its NieuwProduct starts before the Dagtekening... see the TR380 check).
#[test]
fn reference_examples_are_clean_but_the_317_breaks_tr380() {
    let dir = workspace().join("../shared/reference/iwmo-3.2");
    let mut seen = 0;
    for n in ["301", "305", "307", "315", "317", "319", "323"] {
        let file = dir.join(format!("WMO{n}.xml"));
        let xml = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let message = read(&xml).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let expected: Vec<String> = if n == "317" {
            vec!["TR380".into()]
        } else {
            vec![]
        };
        assert_eq!(
            rule_ids(&message),
            expected,
            "WMO{n}.xml: {:#?}",
            check(&message)
        );
        seen += 1;
    }
    assert_eq!(seen, 7);
}

/// Every fixture of `fixtures/messages` that is a heen message is rule-clean, except those whose
/// name says which rule they break (none today): the fixtures are meant to be good level-2
/// messages that the ledger judges.
#[test]
fn message_fixtures_are_rule_clean() {
    let dir = workspace().join("fixtures/messages");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    for file in files {
        let xml = std::fs::read(&file).unwrap();
        let message = read(&xml).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let report = check(&message);
        assert!(report.is_clean(), "{}: {:#?}", file.display(), report);
    }
}
