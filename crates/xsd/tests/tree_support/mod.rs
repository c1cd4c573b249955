//! The one comparison of an `ElementTree` with roxmltree's reading of the same bytes, shared by
//! `tests/tree.rs` here and `crates/corpus/tests/parse_once.rs` (which includes this file by
//! path), so both hold the tree to the same definition.

use iwmo_xsd::ElementTree;

/// The tree has roxmltree's elements, in pre-order, with their local names, namespace URIs,
/// parents and element children, and every element without element children has roxmltree's
/// text (the concatenation of its children's `text()`, what `iwmo_model` reads). roxmltree must
/// parse every document the validator calls valid: a reader of the tree would otherwise accept
/// what a reader of the bytes refuses.
pub fn same_as_roxmltree(name: &str, xml: &[u8], tree: &ElementTree<'_>) {
    let text = std::str::from_utf8(xml).expect("valid means UTF-8");
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let doc = roxmltree::Document::parse(text)
        .unwrap_or_else(|e| panic!("{name}: valid for iwmo-xsd, refused by roxmltree: {e}"));
    let rox: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.is_element()).collect();
    assert_eq!(rox.len(), tree.len(), "{name}: element count");
    let mut ours = Vec::new();
    let mut stack: Vec<_> = tree.root().into_iter().collect();
    while let Some(node) = stack.pop() {
        ours.push(node);
        let children: Vec<_> = node.children().collect();
        stack.extend(children.into_iter().rev());
    }
    assert_eq!(ours.len(), rox.len(), "{name}: reachable elements");
    for (r, t) in rox.iter().zip(&ours) {
        let at = format!("{name}: <{}>", r.tag_name().name());
        assert_eq!(t.local_name(), r.tag_name().name(), "{at}");
        assert_eq!(
            t.namespace(),
            r.tag_name().namespace().unwrap_or(""),
            "{at}"
        );
        assert_eq!(
            t.parent().map(|p| p.local_name()),
            r.parent_element().map(|p| p.tag_name().name()),
            "{at}: parent"
        );
        let children: Vec<&str> = r
            .children()
            .filter(|c| c.is_element())
            .map(|c| c.tag_name().name())
            .collect();
        let tree_children: Vec<&str> = t.children().map(|c| c.local_name()).collect();
        assert_eq!(tree_children, children, "{at}: children");
        if children.is_empty() {
            let expected: String = r.children().filter_map(|c| c.text()).collect();
            assert_eq!(t.text(), expected, "{at}: text of {text:?}");
        }
    }
}
