//! The element tree of `SchemaSet::validate_tree` against roxmltree, on the hand-written
//! construct documents (`tests/constructs/NAME/*.xml` with `NAME.xsd`) and on some 44,000 edits
//! of them: a snippet (references, CDATA, comments, processing instructions, CRs, whitespace,
//! markup) inserted at a random place, chosen by a seeded xorshift generator.
//!
//! For every document: `validate_tree` reports exactly what `validate` does; when the document is
//! valid, roxmltree must parse it too (a reader of the tree would otherwise accept what a reader
//! of the bytes refuses), and the tree must have roxmltree's elements in order, with their local
//! names, namespace URIs, parents and element children, and for every element without element
//! children roxmltree's text (the concatenation of its children's `text()`).

mod support;
mod tree_support;

use iwmo_xsd::SchemaSet;
use support::{construct_documents, construct_schemas, here};
use tree_support::same_as_roxmltree;

const SNIPPETS: &[&str] = &[
    "&amp;",
    "&lt;&gt;",
    "&#65;",
    "&#x1F600;",
    "&#13;",
    "&#13;\r",
    "&#65;\r",
    "&amp;\r\n",
    "\r",
    "\r\n",
    "\n",
    " ",
    "\t\r\n ",
    "<![CDATA[x]]>",
    "<![CDATA[\r\n<y>&amp;]]>",
    "<![CDATA[]]>",
    "<!-- c -->",
    "<!--\r\n-->",
    "<!---->",
    "<?pi data?>",
    "<?pi\r\n?>",
    "x",
    "é",
    "<x/>",
];

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Checks one document; whether it was valid.
fn check(set: &SchemaSet, name: &str, xml: &[u8]) -> bool {
    let (report, tree) = set.validate_tree(xml);
    assert_eq!(report, set.validate(xml), "{name}: reports differ");
    if !report.is_valid() {
        assert!(tree.is_none(), "{name}: a tree of an invalid document");
        return false;
    }
    let tree = tree.unwrap_or_else(|| panic!("{name}: valid, but no tree"));
    same_as_roxmltree(name, xml, &tree);
    true
}

#[test]
fn the_tree_is_roxmltrees_elements_and_texts() {
    let schemas = construct_schemas();
    let mut rng = XorShift(0x5eed_0f7e_e5a1_u64);
    let (mut documents, mut valid, mut edited_valid) = (0, 0, 0);
    for xsd in &schemas {
        let set = SchemaSet::load([xsd]).unwrap_or_else(|e| panic!("{}: {e}", xsd.display()));
        let docs = construct_documents(xsd);
        for path in &docs {
            let xml = std::fs::read(path).unwrap();
            let name = path.display().to_string();
            documents += 1;
            if !check(&set, &name, &xml) {
                continue;
            }
            valid += 1;
            let Ok(text) = String::from_utf8(xml) else {
                continue;
            };
            // Edits of the valid ones: one or two snippets at character boundaries.
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for k in 0..1000 {
                let mut doc = text.clone();
                for _ in 0..1 + k % 2 {
                    let at = boundaries[rng.below(boundaries.len())].min(doc.len());
                    let at = (0..=at)
                        .rev()
                        .find(|&i| doc.is_char_boundary(i))
                        .unwrap_or(0);
                    doc.insert_str(at, SNIPPETS[rng.below(SNIPPETS.len())]);
                }
                documents += 1;
                if check(&set, &format!("{name}#edit{k}"), doc.as_bytes()) {
                    edited_valid += 1;
                }
            }
        }
    }
    println!("{documents} documents, {valid} valid originals, {edited_valid} valid edits");
    assert!(valid >= 10, "too few valid construct documents");
    assert!(edited_valid >= 2000, "too few valid edits");
}

/// Elements' positions: the raw content of each element is what is between its tags.
#[test]
fn raw_content_is_between_the_tags() {
    let set = SchemaSet::load([here("constructs/choice.xsd")]).unwrap();
    let xml = "<t:Root xmlns:t=\"urn:test:choice\"><t:A>a&amp;<!-- in -->b</t:A></t:Root>";
    let (report, tree) = set.validate_tree(xml.as_bytes());
    assert!(report.is_valid(), "{report:?}");
    let tree = tree.unwrap();
    let root = tree.root().unwrap();
    assert_eq!(root.local_name(), "Root");
    assert_eq!(root.namespace(), "urn:test:choice");
    assert!(root.parent().is_none());
    let a = root.first_child().unwrap();
    assert_eq!(a.raw_content(), "a&amp;<!-- in -->b");
    assert_eq!(a.text(), "a& in b");
    assert!(a.next_sibling().is_none() && a.first_child().is_none());
    assert_eq!(a.parent().unwrap().local_name(), "Root");
    // Invalid: a report and no tree.
    let (report, tree) = set.validate_tree(b"<t:Root xmlns:t=\"urn:test:choice\"><t:Z/></t:Root>");
    assert!(!report.is_valid() && tree.is_none());
}
