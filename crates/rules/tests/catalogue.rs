//! The level-2 rule catalogue: exactly the 58 rules issue 4 names, each once and sorted, each
//! complete enough for a check to be written from it.

use iwmo_model::codes::RetourCode;
use iwmo_rules::{catalogue, rule};

/// The set of issue 4, copied from the issue text (not from the catalogue), in its order.
const ISSUE_4: [&str; 58] = [
    "CD005", "CD007", "CD009", "CD025", "CD034", "CD041", "CD043", "CD060", "CD066", "CD067",
    "CD068", "CD075", "CD076", "CD077", "CD078", "CD079", "CD080", "CD085", "CD086", "CD087",
    "CD095", "CD096", "CS002", "CS003", "CS050", "CS058", "CS089", "CS100", "CS139", "CS325",
    "CS335", "CS336", "CS337", "CS338", "CS339", "CS340", "CS343", "TR002", "TR006", "TR018",
    "TR061", "TR101", "TR134", "TR137", "TR302", "TR315", "TR316", "TR319", "TR335", "TR342",
    "TR352", "TR353", "TR358", "TR380", "TR383", "TR386", "TR410", "TR416",
];

#[test]
fn exactly_the_issue_4_ids_each_once_sorted() {
    let ids: Vec<&str> = catalogue().iter().map(|r| r.id.as_str()).collect();
    let mut expected = ISSUE_4.to_vec();
    expected.sort_unstable();
    expected.dedup();
    assert_eq!(expected.len(), 58, "the issue's list has 58 distinct ids");
    // Equal to the sorted, deduplicated list: the same ids, each once, in sorted order.
    assert_eq!(ids, expected);
}

#[test]
fn lookup_by_id() {
    for id in ISSUE_4 {
        assert_eq!(rule(id).map(|r| r.id.as_str()), Some(id), "{id}");
    }
    for absent in ["CS318", "TR063", "CS015", "cs002", "", "CS0020"] {
        assert!(rule(absent).is_none(), "{absent:?}");
    }
}

#[test]
fn every_rule_applies_to_a_message_kind() {
    for r in catalogue() {
        assert!(!r.messages.is_empty(), "{} applies to no message", r.id);
        let mut kinds = r.messages.to_vec();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(
            kinds.len(),
            r.messages.len(),
            "{} lists a message twice",
            r.id
        );
    }
}

#[test]
fn every_scope_path_starts_at_bericht() {
    for r in catalogue() {
        assert!(!r.scope.is_empty(), "{} has no scope", r.id);
        for path in r.scope {
            assert!(path.starts_with("/Bericht/"), "{}: {path}", r.id);
            assert!(
                !path.ends_with('/') && !path.contains("//"),
                "{}: {path}",
                r.id
            );
            assert!(
                !path.contains('['),
                "{}: positions do not belong in a scope: {path}",
                r.id
            );
        }
    }
}

#[test]
fn every_text_has_a_translation_and_a_source() {
    for r in catalogue() {
        assert_eq!(
            r.text_nl.is_some(),
            r.text_en.is_some(),
            "{}: a Dutch text needs an English translation and vice versa",
            r.id
        );
        for text in [r.text_nl, r.text_en].into_iter().flatten() {
            assert!(!text.trim().is_empty(), "{}: empty text", r.id);
        }
        assert!(!r.source.trim().is_empty(), "{}: no source", r.id);
        if r.text_nl.is_none() {
            assert!(
                r.source.contains("not found"),
                "{}: missing text, source must say so",
                r.id
            );
        }
        if let Some(note) = r.note {
            assert!(!note.trim().is_empty(), "{}: empty note", r.id);
        }
    }
}

#[test]
fn every_level_2_rule_yields_0001() {
    for r in catalogue() {
        assert_eq!(r.retourcode, RetourCode::R0001, "{}", r.id);
    }
}

#[test]
fn count_texts_found() {
    let with_text = catalogue().iter().filter(|r| r.text_nl.is_some()).count();
    let with_note = catalogue().iter().filter(|r| r.note.is_some()).count();
    println!(
        "rule texts found: {with_text} of {}; rules with an ambiguity note: {with_note}",
        catalogue().len()
    );
    let missing: Vec<_> = catalogue()
        .iter()
        .filter(|r| r.text_nl.is_none())
        .map(|r| r.id.as_str())
        .collect();
    println!("missing: {missing:?}");
    assert!(with_text <= catalogue().len());
}
