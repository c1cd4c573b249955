//! A compact, read-only element tree of a valid document, built by the validating pass itself
//! when the caller asks for it ([`SchemaSet::validate_tree`](crate::SchemaSet::validate_tree)),
//! so that a reader of the document need not parse it a second time.
//!
//! Only elements are nodes: each has its resolved namespace URI, its local name, its parent,
//! first element child and next element sibling, and the byte range of its content in the
//! document. All elements sit in one `Vec`, linked by index; names borrow from the document or
//! the schema set. The text of a simple element is not copied while validating: [`Node::text`]
//! reads it from the content range when asked, borrowed from the document in the usual case.

use std::borrow::Cow;

/// No node: the end of a chain of children or siblings, the parent of the root.
const NONE: u32 = u32::MAX;

/// The element tree of one valid document. See the [module](self) documentation.
#[derive(Debug, Clone, Default)]
pub struct ElementTree<'a> {
    /// The document as validated (after a byte order mark).
    text: &'a str,
    /// Every element, in document order (so the root is the first).
    elements: Vec<Element<'a>>,
}

#[derive(Debug, Clone, Copy)]
struct Element<'a> {
    namespace: &'a str,
    local: &'a str,
    parent: u32,
    first_child: u32,
    next_sibling: u32,
    /// The content's byte range in the document: after the start tag's `>` up to the end tag's
    /// `<`; empty for `<a/>`.
    start: u32,
    end: u32,
}

/// One element of an [`ElementTree`]: a cheap copyable handle.
#[derive(Clone, Copy)]
pub struct Node<'t, 'a> {
    tree: &'t ElementTree<'a>,
    index: u32,
}

impl std::fmt::Debug for Node<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Node({} {{{}}}{})",
            self.index,
            self.namespace(),
            self.local_name()
        )
    }
}

impl<'a> ElementTree<'a> {
    /// The root element; `None` only for an empty tree (never one a valid document gives).
    pub fn root(&self) -> Option<Node<'_, 'a>> {
        (!self.elements.is_empty()).then_some(Node {
            tree: self,
            index: 0,
        })
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.elements.len()
    }

    /// Whether the tree has no element at all.
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }

    fn node(&self, index: u32) -> Option<Node<'_, 'a>> {
        (index != NONE).then_some(Node { tree: self, index })
    }
}

impl<'t, 'a> Node<'t, 'a> {
    #[inline(always)]
    fn element(&self) -> &'t Element<'a> {
        &self.tree.elements[self.index as usize]
    }

    /// The namespace URI the element's name resolves to; empty for no namespace.
    #[inline]
    pub fn namespace(&self) -> &'a str {
        self.element().namespace
    }

    /// The local name (without prefix).
    #[inline]
    pub fn local_name(&self) -> &'a str {
        self.element().local
    }

    /// The parent element; `None` for the root.
    #[inline]
    pub fn parent(&self) -> Option<Node<'t, 'a>> {
        self.tree.node(self.element().parent)
    }

    /// The first element child.
    #[inline]
    pub fn first_child(&self) -> Option<Node<'t, 'a>> {
        self.tree.node(self.element().first_child)
    }

    /// The next element sibling.
    #[inline]
    pub fn next_sibling(&self) -> Option<Node<'t, 'a>> {
        self.tree.node(self.element().next_sibling)
    }

    /// The element children, in document order.
    pub fn children(&self) -> impl Iterator<Item = Node<'t, 'a>> {
        std::iter::successors(self.first_child(), |n| n.next_sibling())
    }

    /// The raw content between the start and the end tag, as written.
    pub fn raw_content(&self) -> &'a str {
        let e = self.element();
        &self.tree.text[e.start as usize..e.end as usize]
    }

    /// The text of an element without element children: the character data of its text
    /// and CDATA children with references resolved and line ends normalized, and the text of
    /// its comments, concatenated in document order; processing instructions give nothing.
    /// This is exactly what concatenating roxmltree's (0.20) `Node::text` of every child gives
    /// (including roxmltree's quirk of keeping a lone CR at the very end of a piece of character
    /// data right after a reference, and of keeping comments unnormalized). For an element with
    /// element children it is the same for the content before the first one.
    ///
    /// Borrowed from the document when the content has no markup, reference or CR.
    pub fn text(&self) -> Cow<'a, str> {
        let raw = self.raw_content();
        if raw.bytes().all(|b| !matches!(b, b'<' | b'&' | b'\r')) {
            return Cow::Borrowed(raw);
        }
        content_text(raw)
    }
}

/// [`Node::text`] of content with markup, references or CRs.
fn content_text(raw: &str) -> Cow<'_, str> {
    let mut parts: Vec<Cow<'_, str>> = Vec::new();
    let mut rest = raw;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").unwrap_or(after.len());
            // roxmltree keeps a comment's text as written.
            parts.push(Cow::Borrowed(&after[..end]));
            rest = after.get(end + 3..).unwrap_or("");
        } else if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").unwrap_or(after.len());
            parts.push(cdata_text(&after[..end]));
            rest = after.get(end + 3..).unwrap_or("");
        } else if let Some(after) = rest.strip_prefix("<?") {
            let end = after.find("?>").unwrap_or(after.len());
            rest = after.get(end + 2..).unwrap_or("");
        } else if rest.starts_with('<') {
            // An element child: the text ends here.
            break;
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            parts.push(character_data(&rest[..end]));
            rest = &rest[end..];
        }
    }
    let mut out: Cow<'_, str> = Cow::Borrowed("");
    for part in parts {
        if out.is_empty() {
            out = part;
        } else {
            out.to_mut().push_str(&part);
        }
    }
    out
}

/// Line ends of `\r\n` and lone `\r` become `\n`, as roxmltree does it.
struct TextBuffer(Vec<u8>);

impl TextBuffer {
    /// roxmltree 0.20's `TextBuffer::push_from_text`, byte for byte.
    fn push_from_text(&mut self, c: u8, at_end: bool) {
        let buffer = &mut self.0;
        if buffer.last() == Some(&b'\r') {
            let idx = buffer.len() - 1;
            buffer[idx] = b'\n';
            if at_end && c == b'\r' {
                buffer.push(b'\n');
            } else if c != b'\n' {
                buffer.push(c);
            }
        } else if at_end && c == b'\r' {
            buffer.push(b'\n');
        } else {
            buffer.push(c);
        }
    }

    fn finish(self) -> String {
        // Whole UTF-8 sequences of valid text went in, and only ASCII bytes were replaced.
        String::from_utf8(self.0).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
    }
}

/// The text of a CDATA section, as roxmltree 0.20's `process_cdata` gives it.
fn cdata_text(raw: &str) -> Cow<'_, str> {
    if !raw.as_bytes().contains(&b'\r') {
        return Cow::Borrowed(raw);
    }
    let mut buffer = TextBuffer(Vec::with_capacity(raw.len()));
    let count = raw.chars().count();
    for (i, c) in raw.chars().enumerate() {
        let mut utf8 = [0; 4];
        for &b in c.encode_utf8(&mut utf8).as_bytes() {
            buffer.push_from_text(b, i + 1 == count);
        }
    }
    Cow::Owned(buffer.finish())
}

/// The text of one piece of character data (between markup), as roxmltree 0.20's
/// `process_text` gives it for a document without a DTD: references resolved, line ends
/// normalized, except that the byte right after a reference is taken as it is.
fn character_data(raw: &str) -> Cow<'_, str> {
    if !raw.bytes().any(|b| b == b'&' || b == b'\r') {
        return Cow::Borrowed(raw);
    }
    let bytes = raw.as_bytes();
    let mut buffer = TextBuffer(Vec::with_capacity(raw.len()));
    let mut as_is = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'&' {
            if let Some((c, len)) = reference(&raw[i..]) {
                let mut utf8 = [0; 4];
                buffer
                    .0
                    .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                as_is = true;
                i += len;
                continue;
            }
        }
        let c = bytes[i];
        i += 1;
        if as_is {
            buffer.0.push(c);
            as_is = false;
        } else {
            buffer.push_from_text(c, i == bytes.len());
        }
    }
    Cow::Owned(buffer.finish())
}

/// The character of the reference at the start of `raw` (`&amp;`, `&#65;`, `&#x41;`) and the
/// reference's length. The validator checked it already.
fn reference(raw: &str) -> Option<(char, usize)> {
    let end = raw.find(';')?;
    let name = &raw[1..end];
    let c = match name {
        "quot" => '"',
        "amp" => '&',
        "apos" => '\'',
        "lt" => '<',
        "gt" => '>',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x") {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// What the validating pass tells whoever builds a tree. [`NoTree`] ignores it all and costs
/// nothing; [`TreeBuilder`] builds the tree.
pub(crate) trait Build<'a> {
    /// Whether anything is built: when false, the validator skips even the bookkeeping.
    const ON: bool;
    /// An element starts: its local name.
    fn open(&mut self, local: &'a str);
    /// The element just opened is in namespace `namespace` (called when it is declared).
    fn namespace(&mut self, namespace: &'a str);
    /// The content of the element just opened starts at byte `pos` (not called for `<a/>`).
    fn content_start(&mut self, pos: usize);
    /// The innermost open element ends; its content ends at byte `pos`.
    fn close(&mut self, pos: usize);
}

/// Builds nothing.
pub(crate) struct NoTree;

impl<'a> Build<'a> for NoTree {
    const ON: bool = false;
    #[inline(always)]
    fn open(&mut self, _: &'a str) {}
    #[inline(always)]
    fn namespace(&mut self, _: &'a str) {}
    #[inline(always)]
    fn content_start(&mut self, _: usize) {}
    #[inline(always)]
    fn close(&mut self, _: usize) {}
}

/// Builds an [`ElementTree`].
pub(crate) struct TreeBuilder<'a> {
    elements: Vec<Element<'a>>,
    /// The open elements, innermost last, each with its last element child so far.
    open: Vec<(u32, u32)>,
    /// Set when a position does not fit `u32`: no tree then.
    overflow: bool,
}

impl<'a> TreeBuilder<'a> {
    pub(crate) fn new(document_len: usize) -> Self {
        TreeBuilder {
            // iWmo messages run about one element per 50 bytes.
            elements: Vec::with_capacity(document_len / 40 + 8),
            open: Vec::with_capacity(16),
            overflow: document_len > NONE as usize - 1,
        }
    }

    /// The tree of `text`, the document the builder was told about.
    pub(crate) fn finish(self, text: &'a str) -> Option<ElementTree<'a>> {
        (!self.overflow && self.open.is_empty()).then_some(ElementTree {
            text,
            elements: self.elements,
        })
    }
}

impl<'a> Build<'a> for TreeBuilder<'a> {
    const ON: bool = true;

    #[inline]
    fn open(&mut self, local: &'a str) {
        let index = self.elements.len() as u32;
        let parent = match self.open.last_mut() {
            Some((parent, last)) => {
                if *last == NONE {
                    self.elements[*parent as usize].first_child = index;
                } else {
                    self.elements[*last as usize].next_sibling = index;
                }
                *last = index;
                *parent
            }
            None => NONE,
        };
        self.elements.push(Element {
            namespace: "",
            local,
            parent,
            first_child: NONE,
            next_sibling: NONE,
            start: NONE,
            end: NONE,
        });
        self.open.push((index, NONE));
    }

    #[inline]
    fn namespace(&mut self, namespace: &'a str) {
        if let Some(e) = self.elements.last_mut() {
            e.namespace = namespace;
        }
    }

    #[inline]
    fn content_start(&mut self, pos: usize) {
        if let Some(&(index, _)) = self.open.last() {
            self.elements[index as usize].start = pos as u32;
        }
    }

    #[inline]
    fn close(&mut self, pos: usize) {
        if let Some((index, _)) = self.open.pop() {
            let e = &mut self.elements[index as usize];
            if e.start == NONE {
                e.start = pos as u32;
            }
            e.end = pos as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each piece of content against what roxmltree gives as the text of `<a>…</a>`.
    #[test]
    fn text_as_roxmltree_gives_it() {
        for content in [
            "",
            "x",
            " plain text ",
            "a&amp;b",
            "&lt;&gt;&quot;&apos;&amp;",
            "&#65;&#x42;&#x1F600;",
            "a\r\nb",
            "a\rb",
            "a\r",
            "\r",
            "\r\r\n\r",
            "&amp;\r",
            "&amp;\r\n",
            "&amp;\rx",
            "&#13;",
            "&#13;\n",
            "&#13;\r\n",
            "&#xD;\r",
            "x&#13;",
            "é&#13;\r",
            "<![CDATA[<b>&amp;]]>",
            "<![CDATA[a\r\nb\r]]>",
            "<![CDATA[]]>",
            "a<!-- c -->b",
            "<!--\r\n-->",
            "a<?pi x?>b",
            "<?pi?>",
            "x<![CDATA[y]]>z<!--w-->&#65;\r\n<![CDATA[\r]]>",
            "  \n\t ",
        ] {
            let doc = format!("<a>{content}</a>");
            let rox = roxmltree::Document::parse(&doc).unwrap();
            let expected: String = rox
                .root_element()
                .children()
                .filter_map(|c| c.text())
                .collect();
            let tree = ElementTree {
                text: &doc,
                elements: vec![Element {
                    namespace: "",
                    local: "a",
                    parent: NONE,
                    first_child: NONE,
                    next_sibling: NONE,
                    start: 3,
                    end: (3 + content.len()) as u32,
                }],
            };
            assert_eq!(tree.root().unwrap().text(), expected, "{content:?}");
        }
    }
}
