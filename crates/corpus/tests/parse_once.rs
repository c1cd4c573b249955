//! Parse once: for every XSD-valid document, the element tree `iwmo-xsd` builds while validating
//! ([`SchemaSet::validate_tree`]) reads into exactly the message `iwmo_model::read` reads from the
//! bytes (or into an error with the identical text), and the tree itself is roxmltree's element
//! structure: names, namespaces, element children, and each childless element's text.
//!
//! The documents: every reference example and its mutants (against the reference schemas), our
//! fixture messages and fixture streams, a generated stream and the mutants of one generated
//! message of each kind (against our schemas), and lexical rewrites of all of those: other
//! prefixes, a default namespace, re-declared prefixes, character and entity references, CDATA,
//! comments and processing instructions inside values, whitespace and CR LF around values.
//!
//! `validate_tree` must also give the very report `validate` gives, for every document, valid
//! or not.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use iwmo_corpus::{mutations, reference_corpus};
use iwmo_generate::{generate, GenerateConfig};
use iwmo_xsd::SchemaSet;

#[path = "../../xsd/tests/tree_support/mod.rs"]
mod tree_support;
use tree_support::same_as_roxmltree;

/// `<workspace>/<rel>`.
fn workspace(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// Counts per source, printed at the end of each test (`--nocapture` shows them).
#[derive(Default)]
struct Tally {
    documents: usize,
    valid: usize,
    read_ok: usize,
    read_err: usize,
}

impl Tally {
    fn show(&self, source: &str) {
        println!(
            "{source}: {} documents, {} XSD-valid compared ({} read as a message, {} read as the same error)",
            self.documents, self.valid, self.read_ok, self.read_err
        );
    }
}

/// The checks on one document. Returns whether it was valid.
fn check(schemas: &SchemaSet, name: &str, xml: &[u8], tally: &mut Tally) -> bool {
    tally.documents += 1;
    let (report, tree) = schemas.validate_tree(xml);
    assert_eq!(
        report,
        schemas.validate(xml),
        "{name}: validate_tree reports otherwise than validate"
    );
    if !report.is_valid() {
        assert!(tree.is_none(), "{name}: a tree of an invalid document");
        return false;
    }
    let tree = tree.unwrap_or_else(|| panic!("{name}: valid, but no tree"));
    tally.valid += 1;
    same_as_roxmltree(name, xml, &tree);
    let by_bytes = iwmo_model::read(xml);
    let by_tree = iwmo_model::read_tree(&tree);
    match (&by_bytes, &by_tree) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{name}: the messages differ");
            tally.read_ok += 1;
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.to_string(), b.to_string(), "{name}: the errors differ");
            assert_eq!(a, b, "{name}: the errors differ");
            tally.read_err += 1;
        }
        _ => panic!("{name}: read gives {by_bytes:?}, read_tree gives {by_tree:?}"),
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Lexical rewrites: the same document (or nearly: a comment inside a value is part of its text
// for roxmltree), written another way.

/// A rewrite of `xml`: namespace prefixes, declarations and each value's writing chosen by
/// `variant`. Attributes other than namespace declarations are kept.
fn rewrite(xml: &str, variant: usize) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).ok()?;
    let root = doc.root_element();
    // Every namespace used by an element, in order of first use.
    let mut namespaces: Vec<&str> = Vec::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let ns = n.tag_name().namespace().unwrap_or("");
        if !ns.is_empty() && !namespaces.contains(&ns) {
            namespaces.push(ns);
        }
    }
    let mut out = String::new();
    if variant.is_multiple_of(2) {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let mut w = Rewriter {
        variant,
        namespaces,
        leaf: 0,
        out,
        newline: if variant.is_multiple_of(3) {
            "\r\n"
        } else {
            "\n"
        },
    };
    w.element(root, 0, true);
    Some(w.out)
}

struct Rewriter<'n> {
    variant: usize,
    namespaces: Vec<&'n str>,
    leaf: usize,
    out: String,
    newline: &'static str,
}

impl Rewriter<'_> {
    /// The prefix of namespace `ns` at `depth`: style 0 uses `n0`, `n1`…; style 1 puts the first
    /// namespace (the message's) in the default namespace; style 2 re-declares on every element
    /// a prefix of its own (`d3e0` at depth 3).
    fn prefix(&self, ns: &str, depth: usize) -> String {
        let i = self.namespaces.iter().position(|&n| n == ns).unwrap_or(0);
        match self.variant % 3 {
            0 => format!("n{i}"),
            1 if i == 0 => String::new(),
            1 => format!("q{i}"),
            _ => format!("d{depth}e{i}"),
        }
    }

    fn qname(&self, node: roxmltree::Node, depth: usize) -> String {
        let ns = node.tag_name().namespace().unwrap_or("");
        let prefix = self.prefix(ns, depth);
        if prefix.is_empty() {
            node.tag_name().name().to_string()
        } else {
            format!("{prefix}:{}", node.tag_name().name())
        }
    }

    fn declarations(&mut self, depth: usize, root: bool) {
        let style = self.variant % 3;
        if !root && style != 2 {
            return;
        }
        for ns in self.namespaces.clone() {
            let prefix = self.prefix(ns, depth);
            if prefix.is_empty() {
                let _ = write!(self.out, " xmlns=\"{ns}\"");
            } else {
                let _ = write!(self.out, " xmlns:{prefix}=\"{ns}\"");
            }
        }
    }

    fn element(&mut self, node: roxmltree::Node, depth: usize, root: bool) {
        let name = self.qname(node, depth);
        let _ = write!(self.out, "<{name}");
        self.declarations(depth, root);
        for a in node.attributes() {
            if a.namespace().is_none() {
                let _ = write!(self.out, " {}=\"{}\"", a.name(), escape(a.value()));
            }
        }
        let elements: Vec<_> = node.children().filter(|c| c.is_element()).collect();
        if elements.is_empty() {
            let text: String = node
                .children()
                .filter(|c| c.is_text())
                .filter_map(|c| c.text())
                .collect();
            self.out.push('>');
            self.value(&text);
        } else {
            self.out.push('>');
            for child in elements {
                self.out.push_str(self.newline);
                for _ in 0..=depth {
                    self.out.push('\t');
                }
                self.element(child, depth + 1, false);
            }
            self.out.push_str(self.newline);
            for _ in 0..depth {
                self.out.push('\t');
            }
        }
        let _ = write!(self.out, "</{name}>");
    }

    /// One value, written one of several ways (by the leaf's number and the variant) that all
    /// give the same value to both the validator and roxmltree; except for one leaf per
    /// document, which gets a comment inside (part of the value for roxmltree, and so for the
    /// model, not for the validator), whitespace and CR LF around it, or a reference followed by
    /// a lone CR at its end.
    fn value(&mut self, text: &str) {
        self.leaf += 1;
        let mid = text
            .char_indices()
            .map(|(i, _)| i)
            .nth(text.chars().count() / 2)
            .unwrap_or(text.len());
        let (a, b) = text.split_at(mid);
        let cdata = !text.contains("]]>");
        let out = if self.leaf == 2 + 5 * self.variant {
            match self.variant % 3 {
                0 => format!("{}<!-- c\r\n -->{}", escape(a), escape(b)),
                1 => format!("\r\n\t {} \r\n", escape(text)),
                _ => format!("{}&amp;\r", escape(text)),
            }
        } else {
            match (self.leaf + self.variant) % 6 {
                // Every character a decimal reference.
                1 => text.chars().map(|c| format!("&#{};", c as u32)).collect(),
                // Hex references for the first half, `a` as a reference in the second.
                2 => {
                    let mut s: String = a.chars().map(|c| format!("&#x{:X};", c as u32)).collect();
                    s.push_str(&escape(b).replace('a', "&#97;"));
                    s
                }
                // CDATA, whole or in part.
                3 if cdata => format!("<![CDATA[{text}]]>"),
                4 if cdata => format!("{}<![CDATA[{b}]]><!---->", escape(a)),
                // Processing instructions (no text for roxmltree).
                5 => format!("<?pi data?>{}<?pi\r\n?>{}", escape(a), escape(b)),
                _ => escape(text),
            }
        };
        self.out.push_str(&out);
    }
}

fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\r' => s.push_str("&#13;"),
            c => s.push(c),
        }
    }
    s
}

/// `check`, then the rewrites of the document (variants 0..9) when it is valid.
fn check_with_rewrites(
    schemas: &SchemaSet,
    name: &str,
    xml: &str,
    tally: &mut Tally,
    rewrites: &mut Tally,
) {
    if !check(schemas, name, xml.as_bytes(), tally) {
        return;
    }
    for variant in 0..9 {
        if let Some(doc) = rewrite(xml, variant) {
            check(
                schemas,
                &format!("{name}#rewrite{variant}"),
                doc.as_bytes(),
                rewrites,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------

#[test]
fn reference_examples_and_their_mutants() {
    let corpus = reference_corpus();
    let mut examples = Tally::default();
    let mut mutants = Tally::default();
    let mut rewrites = Tally::default();
    for group in &corpus.groups {
        let schemas = SchemaSet::load([&group.xsd]).expect("reference schema loads");
        for (i, doc) in group.docs.iter().enumerate() {
            if i == 0 {
                check_with_rewrites(&schemas, &doc.name, &doc.xml, &mut examples, &mut rewrites);
            } else {
                check(&schemas, &doc.name, doc.xml.as_bytes(), &mut mutants);
            }
        }
    }
    examples.show("reference examples");
    mutants.show("reference mutants");
    rewrites.show("rewrites of the reference examples");
    assert!(examples.valid >= 15, "too few valid reference examples");
    assert!(mutants.valid >= 1000, "too few valid reference mutants");
    assert!(examples.read_ok >= 5, "too few reference examples read");
    assert!(rewrites.valid >= 100, "too few valid rewrites");
}

/// Every XML file directly in `dir` and in its subfolders, sorted.
fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "xml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn fixture_messages_and_streams() {
    let schemas = SchemaSet::load_dir(workspace("schemas")).expect("our schemas load");
    for (source, dir) in [
        ("fixture messages", "fixtures/messages"),
        ("fixture streams", "fixtures/streams"),
    ] {
        let mut tally = Tally::default();
        let mut rewrites = Tally::default();
        let files = xml_files(&workspace(dir));
        for path in &files {
            let xml = std::fs::read(path).expect("fixture reads");
            let name = path.display().to_string();
            match String::from_utf8(xml) {
                Ok(text) => check_with_rewrites(&schemas, &name, &text, &mut tally, &mut rewrites),
                Err(e) => {
                    check(&schemas, &name, e.as_bytes(), &mut tally);
                }
            }
        }
        tally.show(source);
        rewrites.show(&format!("rewrites of the {source}"));
        assert!(tally.valid >= 20, "{source}: too few valid documents");
        assert!(rewrites.valid >= 100, "{source}: too few valid rewrites");
    }
}

#[test]
fn a_generated_stream_and_mutants_of_each_kind() {
    let schemas = SchemaSet::load_dir(workspace("schemas")).expect("our schemas load");
    let config = GenerateConfig {
        clients: 600,
        aanbieders: 4,
        wrong: 0.1,
        ..GenerateConfig::default()
    };
    let files = generate(&config).expect("the stream generates");
    let mut tally = Tally::default();
    let mut rewrites = Tally::default();
    let mut first_of_kind = BTreeMap::new();
    for (i, file) in files.iter().enumerate() {
        let valid = check(&schemas, &file.file_name, &file.bytes, &mut tally);
        if valid && file.wrong.is_none() {
            first_of_kind.entry(file.kind).or_insert(file);
        }
        // Rewrites of every 20th message (they are many alike).
        if valid && i % 20 == 0 {
            let text = std::str::from_utf8(&file.bytes).expect("valid means UTF-8");
            for variant in 0..9 {
                if let Some(doc) = rewrite(text, variant) {
                    let name = format!("{}#rewrite{variant}", file.file_name);
                    check(&schemas, &name, doc.as_bytes(), &mut rewrites);
                }
            }
        }
    }
    tally.show("generated stream");
    rewrites.show("rewrites of generated messages");
    assert!(tally.valid >= 2000, "too few valid generated messages");
    assert!(tally.documents > tally.valid, "no wrong message generated");

    let mut mutants = Tally::default();
    for (kind, file) in &first_of_kind {
        let text = std::str::from_utf8(&file.bytes).expect("valid means UTF-8");
        let name = format!("{kind:?}");
        for m in mutations(&name, text, &|path| schemas.leaf_facets(path)) {
            check(&schemas, &m.name, m.xml.as_bytes(), &mut mutants);
        }
    }
    mutants.show(&format!(
        "mutants of one generated message of each of {} kinds",
        first_of_kind.len()
    ));
    assert!(mutants.valid >= 100, "too few valid mutants");
    assert!(mutants.read_err >= 1, "no valid mutant the model refuses");
}

/// Documents written by hand for what the rewrites do not reach: a byte order mark, a comment
/// with CR LF inside a value, references to CR, PIs before the root, an empty element.
#[test]
fn hand_written_documents() {
    let schemas = SchemaSet::load_dir(workspace("schemas")).expect("our schemas load");
    let path = xml_files(&workspace("fixtures/messages"))
        .into_iter()
        .find(|p| p.to_string_lossy().contains("305"))
        .expect("a 305 fixture");
    let xml = std::fs::read_to_string(&path).expect("fixture reads");
    let mut tally = Tally::default();
    assert!(check(&schemas, "as is", xml.as_bytes(), &mut tally));
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .unwrap_or(&xml);
    let mut docs = vec![
        ("bom", format!("\u{FEFF}{xml}")),
        (
            "pi and comment before the root",
            format!("<?xml version=\"1.0\"?><?x y?><!-- a -->{body}<!-- z -->"),
        ),
    ];
    // Each value with a CR LF comment, a CR reference at its end, a bare CR after a reference.
    for (name, replace) in [
        ("comment with CR LF", "<!--\r\n x \r-->"),
        ("CR reference", "&#13;"),
        ("reference then bare CR", "&#65;\r"),
        ("entity then CR LF", "&amp;\r\n"),
        ("nothing", ""),
    ] {
        let mut doc = String::new();
        let mut rest = xml.as_str();
        // After the text of every leaf: before each `</` that follows text.
        while let Some(i) = rest.find("</") {
            let (head, tail) = rest.split_at(i);
            doc.push_str(head);
            if !head.ends_with('>') && !head.ends_with(char::is_whitespace) {
                doc.push_str(replace);
            }
            doc.push_str("</");
            rest = &tail[2..];
        }
        doc.push_str(rest);
        docs.push((name, doc));
    }
    for (name, doc) in &docs {
        check(&schemas, name, doc.as_bytes(), &mut tally);
    }
    tally.show("hand-written variants of a 305");
    assert!(tally.valid >= 4, "too few valid hand-written documents");
    assert!(
        tally.read_err >= 1,
        "no hand-written document the model refuses"
    );
}
