//! XSD regular expressions, cross-checked live against xmllint: each pattern becomes a tiny
//! schema, each value a document, and every verdict must agree. Patterns that libxml2 refuses
//! must be refused by us too.

mod support;

use iwmo_xsd::SchemaSet;
use support::{require_xmllint, xmllint_refuses_schema, xmllint_verdicts};

const PATTERNS: &[&str] = &[
    ".*[^\\s].*",
    "([.\\s]*\\S+[.\\s]*)+",
    "([a-zA-ZÀ-ỳ])+",
    "[0-9]{9}",
    "[^:Z]*",
    "[^Z+-]+",
    "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)",
    "([a-zA-Z0-9])+",
    "[a-c-[b]]+",
    "[^a-c-[x]]",
    "\\d{2,3}",
    "\\w+",
    "\\p{Lu}\\p{Ll}*",
    "\\P{L}",
    "[\\s\\S]",
    "a|b|",
    "(ab){2}c?",
    "x{0,1}y+",
    "[-a]|[a-]",
    "[a\\-z]",
    "a{2,1}",
    "x[]",
    "[^Z+-]+",
    "[Z+-]",
    "[^-]",
    "\\.\\*\\+\\?\\(\\)\\|\\[\\]\\{\\}\\^\\\\",
    "^a$",
    "{",
    "a}",
    "\\n|\\t|\\r",
    ".",
];

const VALUES: &[&str] = &[
    "",
    " ",
    "a",
    "b",
    "x",
    "A",
    "Ab",
    "ab",
    "abab",
    "ababc",
    "aaaa",
    "y",
    "xy",
    "-",
    "z",
    "é",
    "Ω",
    "ÉÅ",
    "J.P.",
    "12",
    "123",
    "1234",
    "٣٤",
    "999900006",
    "1.0.0",
    "1.00.0",
    " Jansen",
    "Jan&#10;sen",
    "Jan&#13;sen",
    "&#9;",
    "...",
    "&#10;  ",
    "2025-01-01Z",
    "12:00:00+01:00",
    ".*+?()|[]{}^\\",
    "^a$",
    "{",
    "a}",
    "&#10;",
    "😀",
    "_",
    "a b",
];

#[test]
fn pattern_verdicts_agree_with_xmllint() {
    if !require_xmllint() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("iwmo-xsd-patterns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut disagreements = Vec::new();
    let (mut yes, mut no) = (0, 0);
    for (i, pattern) in PATTERNS.iter().enumerate() {
        let xsd = dir.join(format!("p{i}.xsd"));
        let escaped = pattern
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;");
        std::fs::write(
            &xsd,
            format!(
                "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"v\"><xs:simpleType><xs:restriction base=\"xs:string\"><xs:pattern value=\"{escaped}\"/></xs:restriction></xs:simpleType></xs:element></xs:schema>"
            ),
        )
        .unwrap();
        let files: Vec<_> = VALUES
            .iter()
            .enumerate()
            .map(|(j, value)| {
                let path = dir.join(format!("p{i}-v{j}.xml"));
                std::fs::write(&path, format!("<v>{value}</v>")).unwrap();
                path
            })
            .collect();
        let set = SchemaSet::load([&xsd]).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        for ((file, value), expected) in
            files.iter().zip(VALUES).zip(xmllint_verdicts(&xsd, &files))
        {
            let ours = set.validate(&std::fs::read(file).unwrap()).is_valid();
            if expected {
                yes += 1
            } else {
                no += 1
            }
            if ours != expected {
                disagreements.push(format!(
                    "pattern {pattern:?} value {value:?}: xmllint {expected}, iwmo-xsd {ours}"
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "{yes} matches, {no} non-matches, {} disagreements",
        disagreements.len()
    );
    assert!(yes > 100 && no > 100);
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn patterns_libxml2_refuses_are_refused() {
    let oracle = require_xmllint();
    let dir = std::env::temp_dir().join(format!("iwmo-xsd-bad-patterns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, pattern) in ["a**", "*a", "[z-a]", "(", "a{", "[", "\\b", "a{x}"]
        .iter()
        .enumerate()
    {
        let xsd = dir.join(format!("bad{i}.xsd"));
        std::fs::write(&xsd, format!("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"v\"><xs:simpleType><xs:restriction base=\"xs:string\"><xs:pattern value=\"{pattern}\"/></xs:restriction></xs:simpleType></xs:element></xs:schema>")).unwrap();
        if oracle {
            assert!(xmllint_refuses_schema(&xsd), "xmllint accepts {pattern:?}");
        }
        assert!(SchemaSet::load([&xsd]).is_err(), "we accept {pattern:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
