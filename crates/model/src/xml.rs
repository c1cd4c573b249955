//! Reading element sequences (from roxmltree, or from the element tree `iwmo-xsd` builds while
//! validating) and writing them back, with the value conversions of the basisschema datatypes
//! (spec §3.3).

use std::borrow::Cow;
use std::fmt;

use chrono::{NaiveDate, NaiveTime};

use crate::bsn::Bsn;
use crate::codes::Code;
use crate::error::ModelError;

/// Which namespace an element is in: the message's own, or the basisschema's of its standard
/// (iWmo 3.2 or iEb 4.0); children of `CDT_*` types are in the basisschema's (spec §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    Msg,
    Basis,
}

/// The two namespace URIs of one document: the message's and its basisschema's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Namespaces {
    pub(crate) msg: &'static str,
    pub(crate) basis: &'static str,
}

/// The path of an element from the root (`/Bericht/Client/Bsn`), built lazily: a parent link
/// and a local name, made into a `String` only when an error needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Path<'p> {
    parent: Option<&'p Path<'p>>,
    name: &'static str,
}

impl<'p> Path<'p> {
    /// The path of the root element, `/name`.
    pub(crate) const fn root(name: &'static str) -> Path<'static> {
        Path { parent: None, name }
    }

    /// The path of the child `name` of this element.
    fn child(&self, name: &'static str) -> Path<'_> {
        Path {
            parent: Some(self),
            name,
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        f.write_str("/")?;
        f.write_str(self.name)
    }
}

/// An element, of either document form the reader takes: a roxmltree node ([`crate::read`])
/// or a node of `iwmo-xsd`'s element tree ([`crate::read_tree`]). One reader for both: the
/// per-message reading code goes through [`Seq`], which asks only what both can answer.
#[derive(Clone, Copy)]
pub(crate) enum Node<'a, 'i> {
    Rox(roxmltree::Node<'a, 'i>),
    Tree(iwmo_xsd::Node<'a, 'i>),
}

impl<'a, 'i> Node<'a, 'i> {
    #[inline]
    fn first_element_child(self) -> Option<Self> {
        match self {
            Node::Rox(n) => n.first_element_child().map(Node::Rox),
            Node::Tree(n) => n.first_child().map(Node::Tree),
        }
    }

    #[inline]
    fn next_sibling_element(self) -> Option<Self> {
        match self {
            Node::Rox(n) => n.next_sibling_element().map(Node::Rox),
            Node::Tree(n) => n.next_sibling().map(Node::Tree),
        }
    }

    /// The local name.
    #[inline]
    pub(crate) fn name(self) -> &'a str {
        match self {
            Node::Rox(n) => n.tag_name().name(),
            Node::Tree(n) => n.local_name(),
        }
    }

    /// The namespace URI, empty for none.
    #[inline]
    pub(crate) fn namespace(self) -> &'a str {
        match self {
            Node::Rox(n) => n.tag_name().namespace().unwrap_or(""),
            Node::Tree(n) => n.namespace(),
        }
    }

    /// The text of a simple element: that of all its text children (and, as roxmltree gives
    /// it, comments), borrowed from the document in the usual case of a single text node. An
    /// element child is an error (its local name, for [`unexpected`]).
    fn leaf_text(self) -> Result<Cow<'a, str>, &'a str> {
        match self {
            Node::Rox(node) => {
                let mut text: Cow<'a, str> = Cow::Borrowed("");
                for child in node.children() {
                    if child.is_element() {
                        return Err(child.tag_name().name());
                    }
                    if let Some(part) = child.text() {
                        if text.is_empty() {
                            text = Cow::Borrowed(part);
                        } else {
                            text.to_mut().push_str(part);
                        }
                    }
                }
                Ok(text)
            }
            // The tree's text is the same concatenation (see `iwmo_xsd::Node::text`).
            Node::Tree(node) => match node.first_child() {
                Some(child) => Err(child.local_name()),
                None => Ok(node.text()),
            },
        }
    }
}

/// The element children of one element, consumed in sequence order.
pub(crate) struct Seq<'a, 'i> {
    /// The next element child not consumed yet.
    next: Option<Node<'a, 'i>>,
    path: Path<'a>,
    ns: Namespaces,
}

impl<'a, 'i> Seq<'a, 'i> {
    pub(crate) fn new(node: Node<'a, 'i>, path: Path<'a>, ns: Namespaces) -> Self {
        Seq {
            next: node.first_element_child(),
            path,
            ns,
        }
    }

    fn uri(&self, ns: Ns) -> &'static str {
        match ns {
            Ns::Msg => self.ns.msg,
            Ns::Basis => self.ns.basis,
        }
    }

    /// The next element if it is `name` in `ns`.
    fn next_if(&mut self, ns: Ns, name: &str) -> Option<Node<'a, 'i>> {
        let node = self.next?;
        if node.name() == name && node.namespace() == self.uri(ns) {
            self.next = node.next_sibling_element();
            Some(node)
        } else {
            None
        }
    }

    #[cold]
    #[inline(never)]
    fn missing(&self, name: &'static str) -> ModelError {
        ModelError::MissingElement {
            path: self.path.to_string(),
            element: name,
        }
    }

    /// Fails when elements are left over: they have no place in the sequence.
    pub(crate) fn finish(self) -> Result<(), ModelError> {
        match self.next {
            None => Ok(()),
            Some(node) => Err(unexpected(
                &self.path,
                format!("{{{}}}{}", node.namespace(), node.name()),
            )),
        }
    }

    /// An optional complex element, read by `f` from its own children.
    pub(crate) fn opt<T>(
        &mut self,
        ns: Ns,
        name: &'static str,
        f: impl FnOnce(&mut Seq<'_, 'i>) -> Result<T, ModelError>,
    ) -> Result<Option<T>, ModelError> {
        let Some(node) = self.next_if(ns, name) else {
            return Ok(None);
        };
        let mut seq = Seq::new(node, self.path.child(name), self.ns);
        let value = f(&mut seq)?;
        seq.finish()?;
        Ok(Some(value))
    }

    /// A required complex element.
    pub(crate) fn req<T>(
        &mut self,
        ns: Ns,
        name: &'static str,
        f: impl FnOnce(&mut Seq<'_, 'i>) -> Result<T, ModelError>,
    ) -> Result<T, ModelError> {
        self.opt(ns, name, f)?.ok_or_else(|| self.missing(name))
    }

    /// A repeated complex element, 1..n.
    pub(crate) fn many<T>(
        &mut self,
        ns: Ns,
        name: &'static str,
        mut f: impl FnMut(&mut Seq<'_, 'i>) -> Result<T, ModelError>,
    ) -> Result<Vec<T>, ModelError> {
        let mut out = Vec::new();
        while let Some(value) = self.opt(ns, name, &mut f)? {
            out.push(value);
        }
        if out.is_empty() {
            return Err(self.missing(name));
        }
        Ok(out)
    }

    /// A required wrapper element (`StartProducten`) holding 1..n `item` elements.
    pub(crate) fn list<T>(
        &mut self,
        wrapper: &'static str,
        item: &'static str,
        f: impl FnMut(&mut Seq<'_, 'i>) -> Result<T, ModelError>,
    ) -> Result<Vec<T>, ModelError> {
        self.req(Ns::Msg, wrapper, |s| s.many(Ns::Msg, item, f))
    }

    /// An optional wrapper element; absent gives an empty list.
    pub(crate) fn opt_list<T>(
        &mut self,
        wrapper: &'static str,
        item: &'static str,
        f: impl FnMut(&mut Seq<'_, 'i>) -> Result<T, ModelError>,
    ) -> Result<Vec<T>, ModelError> {
        Ok(self
            .opt(Ns::Msg, wrapper, |s| s.many(Ns::Msg, item, f))?
            .unwrap_or_default())
    }

    /// An optional simple element, its text converted by `parse`.
    pub(crate) fn opt_leaf<T>(
        &mut self,
        ns: Ns,
        name: &'static str,
        parse: impl FnOnce(&Path<'_>, &str) -> Result<T, ModelError>,
    ) -> Result<Option<T>, ModelError> {
        let Some(node) = self.next_if(ns, name) else {
            return Ok(None);
        };
        let path = self.path.child(name);
        let text = node
            .leaf_text()
            .map_err(|child| unexpected(&path, child.to_string()))?;
        parse(&path, &text).map(Some)
    }

    /// A required simple element.
    pub(crate) fn leaf<T>(
        &mut self,
        ns: Ns,
        name: &'static str,
        parse: impl FnOnce(&Path<'_>, &str) -> Result<T, ModelError>,
    ) -> Result<T, ModelError> {
        self.opt_leaf(ns, name, parse)?
            .ok_or_else(|| self.missing(name))
    }
}

#[cold]
#[inline(never)]
fn unexpected(path: &Path<'_>, found: String) -> ModelError {
    ModelError::UnexpectedElement {
        path: path.to_string(),
        found,
    }
}

// ---------------------------------------------------------------------------------------------
// Value conversions: (element path, text) → value

#[cold]
#[inline(never)]
pub(crate) fn invalid(path: &Path<'_>, value: &str, expected: &str) -> ModelError {
    ModelError::InvalidValue {
        path: path.to_string(),
        value: value.to_string(),
        expected: expected.to_string(),
    }
}

/// The value of `xs:date`, `xs:time` and `xs:integer` after XSD whitespace collapse, for the
/// checks below: leading and trailing whitespace removed. Inner whitespace, which collapse would
/// shorten to one space, is left as it is: no value of these types has any, so the shape checks
/// fail either way.
fn collapse(text: &str) -> &str {
    text.trim_matches([' ', '\t', '\n', '\r'])
}

/// The value of ASCII digits (at most 9 of them, so no overflow).
fn digits_value(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |n, d| n * 10 + u32::from(d.wrapping_sub(b'0')))
}

/// An `xs:string` value, kept as written (whiteSpace preserve).
pub(crate) fn string(_path: &Path<'_>, text: &str) -> Result<String, ModelError> {
    Ok(text.to_string())
}

/// `LDT_Datum`: `YYYY-MM-DD`, a real calendar date, no time zone.
pub(crate) fn date(path: &Path<'_>, text: &str) -> Result<NaiveDate, ModelError> {
    let b = collapse(text).as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    // Four digits, so the year fits i32; what `%Y-%m-%d` would accept, without its parser.
    shaped
        .then(|| {
            let year = i32::try_from(digits_value(&b[..4])).ok()?;
            NaiveDate::from_ymd_opt(year, digits_value(&b[5..7]), digits_value(&b[8..]))
        })
        .flatten()
        .ok_or_else(|| invalid(path, text, "a date YYYY-MM-DD (years 0000-9999)"))
}

/// `LDT_Tijd`: `hh:mm:ss` with optional fraction, no time zone. `24:00:00` (valid in XSD 1.0)
/// has no `NaiveTime` and is refused.
pub(crate) fn time(path: &Path<'_>, text: &str) -> Result<NaiveTime, ModelError> {
    let value = collapse(text);
    let b = value.as_bytes();
    let shaped = b.len() >= 8
        && b[2] == b':'
        && b[5] == b':'
        && b[..8]
            .iter()
            .enumerate()
            .all(|(i, c)| i == 2 || i == 5 || c.is_ascii_digit())
        && (b.len() == 8 || (b.len() > 9 && b[8] == b'.' && b[9..].iter().all(u8::is_ascii_digit)));
    let parse = || {
        let (h, m, s) = (
            digits_value(&b[..2]),
            digits_value(&b[3..5]),
            digits_value(&b[6..8]),
        );
        // The plain `hh:mm:ss` in range directly; a fraction or a leap second (`:60`) as
        // `%H:%M:%S%.f` reads it.
        if b.len() == 8 && h < 24 && m < 60 && s < 60 {
            NaiveTime::from_hms_opt(h, m, s)
        } else {
            NaiveTime::parse_from_str(value, "%H:%M:%S%.f").ok()
        }
    };
    shaped.then(parse).flatten().ok_or_else(|| {
        invalid(
            path,
            text,
            "a time hh:mm:ss[.fff] (00:00:00 to 23:59:59.999999999)",
        )
    })
}

/// An `xs:integer` in `0..=max`, after whitespace collapse; leading `+` and zeros are allowed.
pub(crate) fn integer(path: &Path<'_>, text: &str, max: u64) -> Result<u64, ModelError> {
    let value = collapse(text);
    let digits = value.strip_prefix('+').unwrap_or(value);
    let zero_sign = value
        .strip_prefix('-')
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b == b'0'));
    let digits = zero_sign.unwrap_or(digits);
    let expected = || format!("an integer from 0 to {max}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(path, text, &expected()));
    }
    let trimmed = digits.trim_start_matches('0');
    if trimmed.len() > 19 {
        return Err(invalid(path, text, &expected()));
    }
    match trimmed.parse::<u64>() {
        Ok(n) if n <= max => Ok(n),
        Err(_) if trimmed.is_empty() => Ok(0),
        _ => Err(invalid(path, text, &expected())),
    }
}

pub(crate) fn u32_max(max: u32) -> impl Fn(&Path<'_>, &str) -> Result<u32, ModelError> {
    move |path, text| {
        // `max` fits u32, so the conversion is infallible.
        integer(path, text, u64::from(max)).map(|n| u32::try_from(n).unwrap_or(max))
    }
}

/// A code of one of the enumerated lists, exact (xs:string keeps whitespace).
pub(crate) fn code<T: Code>(path: &Path<'_>, text: &str) -> Result<T, ModelError> {
    T::parse(text).map_err(|e| invalid(path, text, &format!("a code of the list: {e}")))
}

/// `LDT_BurgerServicenummer`. The value is masked in the error.
pub(crate) fn bsn(path: &Path<'_>, text: &str) -> Result<Bsn, ModelError> {
    Bsn::new(text).map_err(|_| {
        let shown: String = text.chars().count().to_string();
        invalid(path, &format!("<{shown} characters>"), "nine digits")
    })
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Builds a document: the message prefix for the message namespace (`wmo305:`), the
/// standard's prefix for its basisschema (`iwmo:`, `ieb:`).
pub(crate) struct Writer {
    out: String,
    depth: usize,
    prefix: String,
    basis_prefix: String,
}

impl Writer {
    pub(crate) fn new(prefix: &str, basis_prefix: &str) -> Writer {
        Writer {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"),
            depth: 0,
            prefix: prefix.to_string(),
            basis_prefix: basis_prefix.to_string(),
        }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push('\t');
        }
    }

    fn name(&mut self, ns: Ns, name: &str) {
        match ns {
            Ns::Msg => self.out.push_str(&self.prefix),
            Ns::Basis => self.out.push_str(&self.basis_prefix),
        }
        self.out.push(':');
        self.out.push_str(name);
    }

    /// The root element with both namespace declarations.
    pub(crate) fn root(&mut self, ns: Namespaces, f: impl FnOnce(&mut Writer)) {
        self.out.push('<');
        self.name(Ns::Msg, "Bericht");
        for (prefix, uri) in [(&self.prefix, ns.msg), (&self.basis_prefix, ns.basis)] {
            for part in [" xmlns:", prefix.as_str(), "=\"", uri, "\""] {
                self.out.push_str(part);
            }
        }
        self.out.push_str(">\r\n");
        self.depth += 1;
        f(self);
        self.depth -= 1;
        self.out.push_str("</");
        self.name(Ns::Msg, "Bericht");
        self.out.push_str(">\r\n");
    }

    /// A complex element whose children `f` writes.
    pub(crate) fn el(&mut self, ns: Ns, name: &str, f: impl FnOnce(&mut Writer)) {
        self.indent();
        self.out.push('<');
        self.name(ns, name);
        self.out.push_str(">\r\n");
        self.depth += 1;
        f(self);
        self.depth -= 1;
        self.indent();
        self.out.push_str("</");
        self.name(ns, name);
        self.out.push_str(">\r\n");
    }

    pub(crate) fn opt_el<T>(
        &mut self,
        ns: Ns,
        name: &str,
        value: &Option<T>,
        f: impl FnOnce(&mut Writer, &T),
    ) {
        if let Some(value) = value {
            self.el(ns, name, |w| f(w, value));
        }
    }

    /// A wrapper element with one `item` element per value (written even when empty).
    pub(crate) fn list<T>(
        &mut self,
        wrapper: &str,
        item: &str,
        items: &[T],
        mut f: impl FnMut(&mut Writer, &T),
    ) {
        self.el(Ns::Msg, wrapper, |w| {
            for value in items {
                w.el(Ns::Msg, item, |w| f(w, value));
            }
        });
    }

    /// An optional wrapper element, left out when there are no values.
    pub(crate) fn opt_list<T>(
        &mut self,
        wrapper: &str,
        item: &str,
        items: &[T],
        f: impl FnMut(&mut Writer, &T),
    ) {
        if !items.is_empty() {
            self.list(wrapper, item, items, f);
        }
    }

    /// A simple element with escaped text.
    pub(crate) fn leaf(&mut self, ns: Ns, name: &str, text: &str) {
        self.indent();
        self.out.push('<');
        self.name(ns, name);
        self.out.push('>');
        for c in text.chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                // A literal CR would be normalised away by the reader.
                '\r' => self.out.push_str("&#xD;"),
                c => self.out.push(c),
            }
        }
        self.out.push_str("</");
        self.name(ns, name);
        self.out.push_str(">\r\n");
    }

    pub(crate) fn opt_leaf(&mut self, ns: Ns, name: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.leaf(ns, name, text);
        }
    }

    pub(crate) fn date(&mut self, ns: Ns, name: &str, value: &NaiveDate) {
        match crate::iso_date(value) {
            Some(text) => self.leaf(ns, name, text.as_str()),
            None => self.leaf(ns, name, &value.format("%Y-%m-%d").to_string()),
        }
    }

    pub(crate) fn opt_date(&mut self, ns: Ns, name: &str, value: &Option<NaiveDate>) {
        if let Some(value) = value {
            self.date(ns, name, value);
        }
    }

    pub(crate) fn time(&mut self, ns: Ns, name: &str, value: &NaiveTime) {
        self.leaf(ns, name, &value.format("%H:%M:%S%.f").to_string());
    }

    pub(crate) fn int(&mut self, ns: Ns, name: &str, value: impl Into<u64>) {
        self.leaf(ns, name, &value.into().to_string());
    }

    pub(crate) fn opt_int<T: Into<u64> + Copy>(&mut self, ns: Ns, name: &str, value: Option<T>) {
        if let Some(value) = value {
            self.int(ns, name, value);
        }
    }

    pub(crate) fn code<T: Code>(&mut self, ns: Ns, name: &str, value: T) {
        self.leaf(ns, name, value.wire());
    }

    pub(crate) fn opt_code<T: Code>(&mut self, ns: Ns, name: &str, value: Option<T>) {
        if let Some(value) = value {
            self.code(ns, name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_after_whitespace_collapse() {
        assert_eq!(
            date(&Path::root("d"), " 1967-08-13 ").unwrap(),
            NaiveDate::from_ymd_opt(1967, 8, 13).unwrap()
        );
        assert_eq!(
            date(&Path::root("d"), "\n\t2024-02-29\r\n").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        for bad in [
            "2023-02-29",
            "2027-06-31",
            "1967-8-13",
            "2023-01-01Z",
            "2023-01-01+01:00",
            "",
            "x",
            "2023-01-0١",
        ] {
            assert!(
                matches!(
                    date(&Path::root("d"), bad),
                    Err(ModelError::InvalidValue { .. })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn times() {
        assert_eq!(
            time(&Path::root("t"), "12:34:56").unwrap(),
            NaiveTime::from_hms_opt(12, 34, 56).unwrap()
        );
        assert_eq!(
            time(&Path::root("t"), " 12:00:00.123 ").unwrap(),
            NaiveTime::from_hms_milli_opt(12, 0, 0, 123).unwrap()
        );
        for bad in [
            "12:00",
            "12:00:00Z",
            "25:00:00",
            "12:00:00.",
            "24:00:00",
            "",
        ] {
            assert!(time(&Path::root("t"), bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn integers_as_xsd_reads_them() {
        assert_eq!(integer(&Path::root("n"), " 007 ", 99).unwrap(), 7);
        assert_eq!(integer(&Path::root("n"), "+7", 99).unwrap(), 7);
        assert_eq!(integer(&Path::root("n"), "0", 99).unwrap(), 0);
        assert_eq!(integer(&Path::root("n"), "-0", 99).unwrap(), 0);
        assert_eq!(
            integer(&Path::root("n"), "000000000000000000000000000042", 99).unwrap(),
            42
        );
        for bad in [
            "",
            "-1",
            "100",
            "1.0",
            "1e3",
            "99999999999999999999999",
            "+",
            "- 1",
            "１",
        ] {
            assert!(integer(&Path::root("n"), bad, 99).is_err(), "{bad:?}");
        }
    }

    /// The conversions as they were before they read dates and times without chrono's
    /// format parser and trimmed instead of collapsing: the reference for the tests below.
    mod before {
        use chrono::{NaiveDate, NaiveTime};

        fn collapse(text: &str) -> String {
            text.split([' ', '\t', '\n', '\r'])
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        }

        pub(super) fn date(text: &str) -> Option<NaiveDate> {
            let value = collapse(text);
            let b = value.as_bytes();
            let shaped = b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && b.iter()
                    .enumerate()
                    .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
            shaped
                .then(|| NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok())
                .flatten()
        }

        pub(super) fn time(text: &str) -> Option<NaiveTime> {
            let value = collapse(text);
            let b = value.as_bytes();
            let shaped = b.len() >= 8
                && b[2] == b':'
                && b[5] == b':'
                && b[..8]
                    .iter()
                    .enumerate()
                    .all(|(i, c)| i == 2 || i == 5 || c.is_ascii_digit())
                && (b.len() == 8
                    || (b.len() > 9 && b[8] == b'.' && b[9..].iter().all(u8::is_ascii_digit)));
            shaped
                .then(|| NaiveTime::parse_from_str(&value, "%H:%M:%S%.f").ok())
                .flatten()
        }

        pub(super) fn integer(text: &str, max: u64) -> Option<u64> {
            let value = collapse(text);
            let digits = value.strip_prefix('+').unwrap_or(&value);
            let zero_sign = value
                .strip_prefix('-')
                .filter(|d| !d.is_empty() && d.bytes().all(|b| b == b'0'));
            let digits = zero_sign.unwrap_or(digits);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let trimmed = digits.trim_start_matches('0');
            if trimmed.len() > 19 {
                return None;
            }
            match trimmed.parse::<u64>() {
                Ok(n) if n <= max => Some(n),
                Err(_) if trimmed.is_empty() => Some(0),
                _ => None,
            }
        }
    }

    const P: Path<'static> = Path::root("p");

    #[test]
    fn dates_as_before() {
        for year in [
            "0000", "0001", "0004", "0100", "0400", "1582", "1900", "1967", "2000", "2023", "2024",
            "2100", "9999",
        ] {
            for month in 0..=13 {
                for day in 0..=32 {
                    for text in [
                        format!("{year}-{month:02}-{day:02}"),
                        format!(" \r\n{year}-{month:02}-{day:02}\t"),
                    ] {
                        assert_eq!(date(&P, &text).ok(), before::date(&text), "{text:?}");
                    }
                }
            }
        }
        for text in [
            "2023-01-01 ",
            "2023 -01-01",
            "2023-01- 1",
            "2023-01-01\u{a0}",
            "\u{a0}2023-01-01",
            "+2023-01-01",
            "-2023-01-01",
            "02023-01-01",
            "2023-1-01",
            "2023-01-1",
            "2023/01/01",
            " ",
        ] {
            assert_eq!(date(&P, text).ok(), before::date(text), "{text:?}");
        }
    }

    #[test]
    fn times_as_before() {
        for hour in [0, 1, 9, 12, 23, 24, 25, 99] {
            for minute in [0, 1, 30, 59, 60, 99] {
                for second in [0, 1, 30, 59, 60, 61, 99] {
                    for fraction in [
                        "",
                        ".",
                        ".0",
                        ".5",
                        ".123",
                        ".000000001",
                        ".999999999",
                        ".1234567891",
                        ".99999999999999999999",
                        ".x",
                        " ",
                    ] {
                        for text in [
                            format!("{hour:02}:{minute:02}:{second:02}{fraction}"),
                            format!("\n {hour:02}:{minute:02}:{second:02}{fraction}\r\n"),
                        ] {
                            assert_eq!(time(&P, &text).ok(), before::time(&text), "{text:?}");
                        }
                    }
                }
            }
        }
        for text in [
            "1:00:00",
            "12:0:00",
            "12:00:0",
            "12-00-00",
            "12:00:00 .5",
            "",
        ] {
            assert_eq!(time(&P, text).ok(), before::time(text), "{text:?}");
        }
    }

    #[test]
    fn integers_as_before() {
        for text in [
            "",
            " ",
            "0",
            "00",
            "-0",
            "-00",
            "-",
            "+",
            "+0",
            "-1",
            "+-1",
            "1",
            " 1 ",
            "1 2",
            "\t42\r\n",
            "99",
            "100",
            "007",
            "4294967295",
            "4294967296",
            "999999999999",
            "1000000000000",
            "18446744073709551615",
            "18446744073709551616",
            "0000000000000000000000000000000000001",
            "1e3",
            "1.0",
            "１",
            "\u{a0}1",
        ] {
            for max in [99, 99_999, 999_999_999, 999_999_999_999, u64::MAX] {
                assert_eq!(
                    integer(&P, text, max).ok(),
                    before::integer(text, max),
                    "{text:?} {max}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn conversions_as_before(text in "[ \t\r\n]{0,2}[-+0-9:. ]{0,14}[ \t\r\n]{0,2}") {
            proptest::prop_assert_eq!(date(&P, &text).ok(), before::date(&text));
            proptest::prop_assert_eq!(time(&P, &text).ok(), before::time(&text));
            proptest::prop_assert_eq!(integer(&P, &text, 999_999_999).ok(), before::integer(&text, 999_999_999));
        }
    }

    #[test]
    fn paths() {
        let root = Path::root("Bericht");
        let client = root.child("Client");
        let bsn = client.child("Bsn");
        assert_eq!(root.to_string(), "/Bericht");
        assert_eq!(bsn.to_string(), "/Bericht/Client/Bsn");
        assert_eq!(
            invalid(&bsn, "x", "nine digits"),
            ModelError::InvalidValue {
                path: "/Bericht/Client/Bsn".into(),
                value: "x".into(),
                expected: "nine digits".into(),
            }
        );
    }

    #[test]
    fn escaping() {
        let mut w = Writer::new("wmo301", "iwmo");
        w.leaf(Ns::Msg, "Commentaar", "a < b & c > d\r\n\"'");
        assert!(w.finish().ends_with(
            "<wmo301:Commentaar>a &lt; b &amp; c &gt; d&#xD;\n\"'</wmo301:Commentaar>\r\n"
        ));
    }
}
