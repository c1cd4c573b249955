//! Mutated documents: systematic, deterministic damage to a valid document, one change per
//! mutant, so that every content-model rule, namespace rule, whitespace rule and facet the
//! schema applies to that document gets exercised on both sides of the line.
//!
//! Each mutant is the source text with exactly one byte range replaced. The positions come from
//! roxmltree; everything outside the replaced range is copied byte for byte, so namespace
//! prefixes, declarations, line ends and indentation stay exactly as in the source. New text
//! values are escaped.

use iwmo_xsd::LeafFacets;
use roxmltree::{Document, Node};

/// One generated document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mutant {
    /// What was done where: `WMO305.xml#delete:/Bericht/Client/Bsn`. The kind comes before the
    /// colon, the element path (local names, `[n]` from the second same-named sibling on)
    /// after it.
    pub name: String,
    /// The document.
    pub xml: String,
}

/// The namespace no schema declares.
const UNKNOWN_NS: &str = "urn:example:unknown";

/// Dates that do not exist, that are not `xs:date` lexically, and one leap day that is fine.
const DATES: [&str; 8] = [
    "2025-02-30",
    "2023-02-29",
    "2024-02-29",
    "2025-13-01",
    "2025-1-01",
    "2025-01-01Z",
    "2025-01-01+01:00",
    " 2025-01-01 ",
];

/// Times out of range, short, with fractions and time zones (which the iStandaarden's
/// `LDT_Tijd` pattern forbids); `24:00:00` is one libxml2 accepts.
const TIMES: [&str; 7] = [
    "24:00:00",
    "25:00:00",
    "12:60:00",
    "12:34",
    "12:34:56.789",
    "12:34:56Z",
    "12:34:56+01:00",
];

/// Letters outside ASCII: two-byte Latin and Greek, a three-byte CJK character and a four-byte
/// emoji (a surrogate pair in UTF-16, where character counting goes wrong).
const NON_ASCII: [char; 5] = ['é', 'Ω', 'Ä', '中', '😀'];

/// The built-in types derived from `xs:integer`.
const INTEGER_TYPES: [&str; 13] = [
    "integer",
    "nonPositiveInteger",
    "negativeInteger",
    "long",
    "int",
    "short",
    "byte",
    "nonNegativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
    "positiveInteger",
];

/// Every mutant of `xml`, in document order, named `<name>#<kind>:<path>`.
///
/// For every element but the root: delete it, duplicate it, swap it with its next sibling
/// element, insert an unknown `<Onbekend>x</Onbekend>` in its namespace after it, move it to
/// each other namespace of the document and to `urn:example:unknown`. For every leaf (an
/// element without element children): an empty value, padding, a newline, tabs, one character
/// too long and too short (using `facets` for `maxLength`/`minLength`), enumeration and pattern
/// breaks, impossible dates and times, integer spellings and bounds, non-ASCII letters, and `maxLength`
/// times `é`. `facets` gets the element's path as (namespace URI, local name) pairs from the
/// root, as [`iwmo_xsd::SchemaSet::leaf_facets`] takes it.
///
/// A mutation that would reproduce the source is left out. A document that roxmltree cannot
/// parse yields no mutants.
// The callback's type is spelled out so that a closure over `SchemaSet::leaf_facets` fits as is.
#[allow(clippy::type_complexity)]
pub fn mutations(
    name: &str,
    xml: &str,
    facets: &dyn Fn(&[(&str, &str)]) -> Option<LeafFacets>,
) -> Vec<Mutant> {
    let Ok(doc) = Document::parse(xml) else {
        return Vec::new();
    };
    let mut namespaces: Vec<&str> = Vec::new();
    for node in doc.descendants().filter(Node::is_element) {
        let ns = node.tag_name().namespace().unwrap_or("");
        if !namespaces.contains(&ns) {
            namespaces.push(ns);
        }
    }
    let mut out = Out {
        name,
        src: xml,
        mutants: Vec::new(),
    };
    for node in doc.descendants().filter(Node::is_element) {
        let element = Element::new(xml, node);
        let path = display_path(node);
        if node.parent_element().is_some() {
            structural(&mut out, &element, &path, &namespaces);
        }
        if node.children().all(|c| !c.is_element()) {
            let value: String = node.children().filter_map(|c| c.text()).collect();
            let facet_path: Vec<(&str, &str)> = node
                .ancestors()
                .filter(Node::is_element)
                .map(|n| (n.tag_name().namespace().unwrap_or(""), n.tag_name().name()))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let facets = facets(&facet_path).unwrap_or_default();
            for (kind, new_value) in leaf_values(&value, &facets) {
                if new_value != value {
                    let (range, text) = element.with_value(&new_value);
                    out.push(&kind, &path, range, &text);
                }
            }
        }
    }
    out.mutants
}

/// The mutants collected so far.
struct Out<'a> {
    name: &'a str,
    src: &'a str,
    mutants: Vec<Mutant>,
}

impl Out<'_> {
    /// Add the source with `range` replaced by `replacement`.
    fn push(&mut self, kind: &str, path: &str, range: std::ops::Range<usize>, replacement: &str) {
        if self.src[range.clone()] == *replacement {
            return;
        }
        let mut xml =
            String::with_capacity(self.src.len() - (range.end - range.start) + replacement.len());
        xml.push_str(&self.src[..range.start]);
        xml.push_str(replacement);
        xml.push_str(&self.src[range.end..]);
        self.mutants.push(Mutant {
            name: format!("{}#{kind}:{path}", self.name),
            xml,
        });
    }
}

/// Where an element's pieces are in the source.
struct Element<'a, 'input> {
    node: Node<'a, 'input>,
    src: &'input str,
    /// From `<` to the end of the end tag (or of `/>`).
    start: usize,
    end: usize,
    /// The qualified name as written, `wmo305:Bsn`.
    qname: &'input str,
    /// Just past the `>` of the start tag.
    start_tag_end: usize,
    /// Where the end tag starts; `end` for an empty-element tag.
    end_tag_start: usize,
    self_closing: bool,
}

impl<'a, 'input> Element<'a, 'input> {
    fn new(src: &'input str, node: Node<'a, 'input>) -> Self {
        let range = node.range();
        let (start, end) = (range.start, range.end);
        let tag = &src[start..end];
        let qname_len = tag[1..]
            .find([' ', '\t', '\r', '\n', '/', '>'])
            .unwrap_or(tag.len() - 1);
        let qname = &tag[1..1 + qname_len];
        let start_tag_end = start + start_tag_len(tag);
        let self_closing = src[..start_tag_end].ends_with("/>");
        let end_tag_start = if self_closing {
            end
        } else {
            // The end tag is the last `</` of the element's text (comments and CDATA end in
            // `-->` and `]]>`, and a `<` cannot appear unescaped in text).
            start + tag.rfind("</").unwrap_or(tag.len())
        };
        Element {
            node,
            src,
            start,
            end,
            qname,
            start_tag_end,
            end_tag_start,
            self_closing,
        }
    }

    fn raw(&self) -> &'input str {
        &self.src[self.start..self.end]
    }

    fn local(&self) -> &'a str {
        self.node.tag_name().name()
    }

    /// The whitespace between this element and what precedes it inside the parent, to indent
    /// an inserted sibling like it; empty if anything but whitespace is there.
    fn indentation(&self) -> &'input str {
        let before = match self.node.prev_sibling_element() {
            Some(prev) => prev.range().end,
            None => self
                .node
                .parent_element()
                .map_or(self.start, |p| Element::new(self.src, p).start_tag_end),
        };
        let gap = &self.src[before.min(self.start)..self.start];
        if gap.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n')) {
            gap
        } else {
            ""
        }
    }

    /// The replacement making the element's whole content `value` (escaped).
    fn with_value(&self, value: &str) -> (std::ops::Range<usize>, String) {
        let text = escape_text(value);
        if self.self_closing {
            let open = self.src[self.start..self.start_tag_end - 2].trim_end();
            (
                self.start..self.end,
                format!("{open}>{text}</{}>", self.qname),
            )
        } else {
            (self.start_tag_end..self.end_tag_start, text)
        }
    }

    /// The element with its own name moved to namespace `uri` (children untouched), bound to
    /// a prefix already in scope when there is one, else to a fresh prefix declared on it.
    fn renamed(&self, uri: &str) -> String {
        let local = self.local();
        let (qname, declaration) = match in_scope_prefix(self.node, uri) {
            Some(prefix) => (format!("{prefix}:{local}"), String::new()),
            None if uri.is_empty() => (local.to_string(), " xmlns=\"\"".to_string()),
            None => {
                let prefix = fresh_prefix(self.node);
                (
                    format!("{prefix}:{local}"),
                    format!(" xmlns:{prefix}=\"{}\"", escape_attribute(uri)),
                )
            }
        };
        let rest_of_start_tag = &self.src[self.start + 1 + self.qname.len()..self.start_tag_end];
        let mut out = format!("<{qname}{declaration}{rest_of_start_tag}");
        if !self.self_closing {
            out.push_str(&self.src[self.start_tag_end..self.end_tag_start]);
            out.push_str(&format!("</{qname}>"));
        }
        out
    }
}

/// The length of the start tag at the beginning of `tag`: up to the first `>` outside quotes.
fn start_tag_len(tag: &str) -> usize {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    tag.len()
}

/// A non-empty prefix bound to `uri` at `node` (not shadowed by an inner declaration).
fn in_scope_prefix<'i>(node: Node<'_, 'i>, uri: &str) -> Option<&'i str> {
    node.namespaces()
        .filter_map(|ns| ns.name())
        .find(|&p| node.lookup_namespace_uri(Some(p)) == Some(uri))
}

/// A prefix not bound at `node`: `mut`, else `mut1`, `mut2`, …
fn fresh_prefix(node: Node) -> String {
    let taken = |p: &str| node.namespaces().any(|ns| ns.name() == Some(p));
    let mut prefix = "mut".to_string();
    let mut n = 0;
    while taken(&prefix) {
        n += 1;
        prefix = format!("mut{n}");
    }
    prefix
}

/// `<Onbekend>x</Onbekend>` in namespace `uri`, written to be placed among `parent`'s children.
fn unknown_element(parent: Node, uri: &str) -> String {
    const LOCAL: &str = "Onbekend";
    if parent.default_namespace().unwrap_or("") == uri {
        return format!("<{LOCAL}>x</{LOCAL}>");
    }
    if let Some(prefix) = in_scope_prefix(parent, uri) {
        return format!("<{prefix}:{LOCAL}>x</{prefix}:{LOCAL}>");
    }
    if uri.is_empty() {
        return format!("<{LOCAL} xmlns=\"\">x</{LOCAL}>");
    }
    let prefix = fresh_prefix(parent);
    format!(
        "<{prefix}:{LOCAL} xmlns:{prefix}=\"{}\">x</{prefix}:{LOCAL}>",
        escape_attribute(uri)
    )
}

/// Delete, duplicate, swap, insert an unknown sibling, change the namespace.
fn structural(out: &mut Out, element: &Element, path: &str, namespaces: &[&str]) {
    let node = element.node;
    let (start, end) = (element.start, element.end);
    let indent = element.indentation();
    out.push("delete", path, start..end, "");
    out.push(
        "duplicate",
        path,
        end..end,
        &format!("{indent}{}", element.raw()),
    );
    if let Some(next) = node.next_sibling_element() {
        let next = Element::new(element.src, next);
        let between = &element.src[end..next.start];
        let swapped = format!("{}{between}{}", next.raw(), element.raw());
        out.push("swap-next", path, start..next.end, &swapped);
    }
    if let Some(parent) = node.parent_element() {
        let uri = node.tag_name().namespace().unwrap_or("");
        let unknown = unknown_element(parent, uri);
        out.push(
            "insert-unknown",
            path,
            end..end,
            &format!("{indent}{unknown}"),
        );
    }
    let own = node.tag_name().namespace().unwrap_or("");
    let targets = namespaces
        .iter()
        .copied()
        .filter(|&ns| ns != own && ns != UNKNOWN_NS)
        .chain(std::iter::once(UNKNOWN_NS));
    for target in targets {
        let label = match target {
            UNKNOWN_NS => "unknown".to_string(),
            "" => "none".to_string(),
            uri => in_scope_prefix(node, uri).map_or_else(|| uri.to_string(), str::to_string),
        };
        let kind = format!("namespace-to-{label}");
        out.push(&kind, path, start..end, &element.renamed(target));
    }
}

/// The (kind, new value) pairs for a leaf whose value is `value`.
fn leaf_values(value: &str, facets: &LeafFacets) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |kind: &str, v: String| out.push((kind.to_string(), v));
    let chars: Vec<char> = value.chars().collect();
    let middle = chars.len() / 2;
    let with_middle = |replacement: &str, replace: bool| -> String {
        let mut s: String = chars[..middle].iter().collect();
        s.push_str(replacement);
        let skip = if replace && middle < chars.len() {
            1
        } else {
            0
        };
        s.extend(&chars[middle + skip..]);
        s
    };

    push("empty", String::new());
    push("padded", format!(" {value} "));
    push("newline", with_middle("\n", false));
    push("leading-tab", format!("\t{value}"));
    push("trailing-tab", format!("{value}\t"));
    match facets.max_length {
        Some(max) => push("too-long", cycled(value, max + 1)),
        None => push("too-long", format!("{value}1")),
    }
    if let Some(min) = facets.min_length.filter(|&m| m >= 1) {
        push("too-short", cycled(value, min - 1));
    }
    if let Some(max) = facets.max_length {
        push("max-length-é", "é".repeat(max));
    }
    if let Some(first) = facets.enumeration.first() {
        let outside = ["99", "999", "ZZ"]
            .into_iter()
            .find(|v| !facets.enumeration.iter().any(|e| e == v))
            .unwrap_or("99");
        push("enum-outside", outside.to_string());
        push("enum-first-X", format!("{first}X"));
    }
    if !chars.is_empty() && chars.iter().all(char::is_ascii_digit) {
        push("digit-letter", with_middle("A", true));
    }
    if facets.builtin == "date" || is_date_shaped(value) {
        for date in DATES {
            push(
                &format!("date={}", date.replace(' ', "_")),
                date.to_string(),
            );
        }
    }
    if facets.builtin == "time" || is_time_shaped(value) {
        for time in TIMES {
            push(&format!("time={time}"), time.to_string());
        }
    }
    let integer_shaped = {
        let digits = value.strip_prefix('-').unwrap_or(value);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    if INTEGER_TYPES.contains(&facets.builtin) || integer_shaped {
        push("int-leading-zeros", format!("00{value}"));
        if !value.starts_with(['-', '+']) {
            push("int-plus", format!("+{value}"));
        }
        push("int=-1", "-1".to_string());
        if let Some(max) = facets
            .max_inclusive
            .as_deref()
            .and_then(|m| m.trim().parse::<i128>().ok())
        {
            push("int-max-plus-one", (max + 1).to_string());
        }
        push("int=1.0", "1.0".to_string());
        push("int=_7_", " 7 ".to_string());
    }
    for c in NON_ASCII {
        push(&format!("non-ascii-{c}"), with_middle(&c.to_string(), true));
    }
    out
}

/// `n` characters taken from `value` over and over (`"1"` over and over if it is empty): the
/// same kind of characters, so the length is what breaks, not the pattern.
fn cycled(value: &str, n: usize) -> String {
    let source = if value.is_empty() { "1" } else { value };
    source.chars().cycle().take(n).collect()
}

/// `YYYY-MM-DD`, digits and dashes only.
fn is_date_shaped(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// `hh:mm:ss`, digits and colons only.
fn is_time_shaped(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 8
        && b.iter().enumerate().all(|(i, &c)| match i {
            2 | 5 => c == b':',
            _ => c.is_ascii_digit(),
        })
}

/// The element's path for names: local names from the root, `[n]` on the n-th same-named
/// sibling from the second on, as `iwmo-xsd` reports paths.
fn display_path(node: Node) -> String {
    let mut steps: Vec<String> = Vec::new();
    for n in node.ancestors().filter(Node::is_element) {
        let name = n.tag_name();
        // `prev_siblings` starts at the node itself.
        let index = 1 + n
            .prev_siblings()
            .skip(1)
            .filter(|s| s.is_element() && s.tag_name() == name)
            .count();
        if index > 1 {
            steps.push(format!("{}[{index}]", name.name()));
        } else {
            steps.push(name.name().to_string());
        }
    }
    steps.reverse();
    format!("/{}", steps.join("/"))
}

fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // A literal CR would become LF when parsed.
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

fn escape_attribute(value: &str) -> String {
    escape_text(value).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "<?xml version=\"1.0\"?>\r\n\
<m:R xmlns:m=\"urn:m\" xmlns:b=\"urn:b\">\r\n\
\t<m:A>12</m:A>\r\n\
\t<m:B><b:C a=\"x>y\">x &amp; y</b:C></m:B>\r\n\
\t<m:D/>\r\n\
</m:R>\r\n";

    fn names(mutants: &[Mutant]) -> Vec<&str> {
        mutants.iter().map(|m| m.name.as_str()).collect()
    }

    fn get<'m>(mutants: &'m [Mutant], name: &str) -> &'m str {
        &mutants
            .iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("no mutant {name} in {:?}", names(mutants)))
            .xml
    }

    #[test]
    fn structural_mutations_splice_the_source() {
        let m = mutations("t.xml", DOC, &|_| None);
        assert_eq!(
            get(&m, "t.xml#delete:/R/A"),
            DOC.replace("<m:A>12</m:A>", "")
        );
        assert_eq!(
            get(&m, "t.xml#duplicate:/R/A"),
            DOC.replace("<m:A>12</m:A>", "<m:A>12</m:A>\r\n\t<m:A>12</m:A>")
        );
        assert_eq!(
            get(&m, "t.xml#swap-next:/R/A"),
            DOC.replace(
                "<m:A>12</m:A>\r\n\t<m:B><b:C a=\"x>y\">x &amp; y</b:C></m:B>",
                "<m:B><b:C a=\"x>y\">x &amp; y</b:C></m:B>\r\n\t<m:A>12</m:A>"
            )
        );
        assert_eq!(
            get(&m, "t.xml#insert-unknown:/R/B/C"),
            DOC.replace("</b:C>", "</b:C><b:Onbekend>x</b:Onbekend>")
        );
        assert_eq!(
            get(&m, "t.xml#namespace-to-b:/R/B"),
            DOC.replace("<m:B>", "<b:B>").replace("</m:B>", "</b:B>")
        );
        assert_eq!(
            get(&m, "t.xml#namespace-to-unknown:/R/D"),
            DOC.replace("<m:D/>", "<mut:D xmlns:mut=\"urn:example:unknown\"/>")
        );
        // The root is never deleted; D has no next sibling to swap with.
        assert!(!names(&m).contains(&"t.xml#delete:/R"));
        assert!(!names(&m).contains(&"t.xml#swap-next:/R/D"));
        for mutant in &m {
            Document::parse(&mutant.xml).unwrap_or_else(|e| panic!("{}: {e}", mutant.name));
        }
    }

    #[test]
    fn leaf_values_are_escaped_and_use_facets() {
        let facets = |path: &[(&str, &str)]| {
            (path.last() == Some(&("urn:m", "A"))).then(|| LeafFacets {
                max_length: Some(3),
                min_length: Some(2),
                enumeration: vec!["12".into(), "99".into()],
                ..LeafFacets::default()
            })
        };
        let m = mutations("t.xml", DOC, &facets);
        let a = |v: &str| DOC.replace("<m:A>12</m:A>", &format!("<m:A>{v}</m:A>"));
        assert_eq!(get(&m, "t.xml#too-long:/R/A"), a("1212"));
        assert_eq!(get(&m, "t.xml#too-short:/R/A"), a("1"));
        assert_eq!(get(&m, "t.xml#max-length-é:/R/A"), a("ééé"));
        assert_eq!(get(&m, "t.xml#enum-outside:/R/A"), a("999"));
        assert_eq!(get(&m, "t.xml#digit-letter:/R/A"), a("1A"));
        assert_eq!(get(&m, "t.xml#newline:/R/A"), a("1\n2"));
        assert_eq!(get(&m, "t.xml#enum-first-X:/R/A"), a("12X"));
        assert_eq!(get(&m, "t.xml#int-plus:/R/A"), a("+12"));
        assert_eq!(get(&m, "t.xml#non-ascii-😀:/R/A"), a("1😀"));
        // "x & y" is decoded, changed and escaped again.
        assert_eq!(
            get(&m, "t.xml#padded:/R/B/C"),
            DOC.replace(">x &amp; y<", "> x &amp; y <")
        );
        assert_eq!(
            get(&m, "t.xml#too-long:/R/B/C"),
            DOC.replace(">x &amp; y<", ">x &amp; y1<")
        );
        // An empty-element tag gets an end tag; an empty value is no change there.
        assert_eq!(
            get(&m, "t.xml#trailing-tab:/R/D"),
            DOC.replace("<m:D/>", "<m:D>\t</m:D>")
        );
        assert!(!names(&m).contains(&"t.xml#empty:/R/D"));
    }

    #[test]
    fn dates_integers_and_paths() {
        let doc = "<r xmlns=\"urn:d\"><d>2025-04-01</d><n>7</n><n>-3</n><t>12:34:56</t></r>";
        let m = mutations("t.xml", doc, &|_| None);
        let names = names(&m);
        for kind in [
            "date=2025-02-30",
            "date=_2025-01-01_",
            "date=2025-01-01+01:00",
        ] {
            assert!(
                names.contains(&format!("t.xml#{kind}:/r/d").as_str()),
                "{kind}"
            );
        }
        assert!(names.contains(&"t.xml#time=24:00:00:/r/t"));
        assert!(names.contains(&"t.xml#int-leading-zeros:/r/n[2]"));
        assert!(!names.contains(&"t.xml#int-plus:/r/n[2]"));
        assert!(names.contains(&"t.xml#digit-letter:/r/n"));
        assert!(!names.contains(&"t.xml#date=2025-02-30:/r/n"));
        // Unprefixed elements in a default namespace: the unknown sibling stays unprefixed,
        // a renamed element gets a fresh prefix so its children keep their namespace.
        assert_eq!(
            get(&m, "t.xml#insert-unknown:/r/d"),
            doc.replace("</d>", "</d><Onbekend>x</Onbekend>")
        );
        assert_eq!(
            get(&m, "t.xml#namespace-to-unknown:/r/d"),
            doc.replace(
                "<d>2025-04-01</d>",
                "<mut:d xmlns:mut=\"urn:example:unknown\">2025-04-01</mut:d>"
            )
        );
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
    }
}
