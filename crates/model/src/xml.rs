//! Reading element sequences with roxmltree and writing them back, with the value conversions
//! of the basisschema datatypes (spec §3.3).

use chrono::{NaiveDate, NaiveTime};
use roxmltree::Node;

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

/// The element children of one element, consumed in sequence order.
pub(crate) struct Seq<'a, 'i> {
    kids: Vec<Node<'a, 'i>>,
    pos: usize,
    path: String,
    ns: Namespaces,
}

impl<'a, 'i> Seq<'a, 'i> {
    pub(crate) fn new(node: Node<'a, 'i>, path: String, ns: Namespaces) -> Self {
        Seq {
            kids: node.children().filter(Node::is_element).collect(),
            pos: 0,
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

    fn child_path(&self, name: &str) -> String {
        format!("{}/{}", self.path, name)
    }

    /// The next element if it is `name` in `ns`.
    fn next_if(&mut self, ns: Ns, name: &str) -> Option<Node<'a, 'i>> {
        let node = *self.kids.get(self.pos)?;
        let tag = node.tag_name();
        if tag.name() == name && tag.namespace().unwrap_or("") == self.uri(ns) {
            self.pos += 1;
            Some(node)
        } else {
            None
        }
    }

    fn missing(&self, name: &'static str) -> ModelError {
        ModelError::MissingElement {
            path: self.path.clone(),
            element: name,
        }
    }

    /// Fails when elements are left over: they have no place in the sequence.
    pub(crate) fn finish(self) -> Result<(), ModelError> {
        match self.kids.get(self.pos) {
            None => Ok(()),
            Some(node) => Err(ModelError::UnexpectedElement {
                path: self.path.clone(),
                found: format!(
                    "{{{}}}{}",
                    node.tag_name().namespace().unwrap_or(""),
                    node.tag_name().name()
                ),
            }),
        }
    }

    /// An optional complex element, read by `f` from its own children.
    pub(crate) fn opt<T>(
        &mut self,
        ns: Ns,
        name: &'static str,
        f: impl FnOnce(&mut Seq<'a, 'i>) -> Result<T, ModelError>,
    ) -> Result<Option<T>, ModelError> {
        let Some(node) = self.next_if(ns, name) else {
            return Ok(None);
        };
        let mut seq = Seq::new(node, self.child_path(name), self.ns);
        let value = f(&mut seq)?;
        seq.finish()?;
        Ok(Some(value))
    }

    /// A required complex element.
    pub(crate) fn req<T>(
        &mut self,
        ns: Ns,
        name: &'static str,
        f: impl FnOnce(&mut Seq<'a, 'i>) -> Result<T, ModelError>,
    ) -> Result<T, ModelError> {
        self.opt(ns, name, f)?.ok_or_else(|| self.missing(name))
    }

    /// A repeated complex element, 1..n.
    pub(crate) fn many<T>(
        &mut self,
        ns: Ns,
        name: &'static str,
        mut f: impl FnMut(&mut Seq<'a, 'i>) -> Result<T, ModelError>,
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
        f: impl FnMut(&mut Seq<'a, 'i>) -> Result<T, ModelError>,
    ) -> Result<Vec<T>, ModelError> {
        self.req(Ns::Msg, wrapper, |s| s.many(Ns::Msg, item, f))
    }

    /// An optional wrapper element; absent gives an empty list.
    pub(crate) fn opt_list<T>(
        &mut self,
        wrapper: &'static str,
        item: &'static str,
        f: impl FnMut(&mut Seq<'a, 'i>) -> Result<T, ModelError>,
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
        parse: impl FnOnce(&str, &str) -> Result<T, ModelError>,
    ) -> Result<Option<T>, ModelError> {
        let Some(node) = self.next_if(ns, name) else {
            return Ok(None);
        };
        if let Some(child) = node.children().find(Node::is_element) {
            return Err(ModelError::UnexpectedElement {
                path: self.child_path(name),
                found: child.tag_name().name().to_string(),
            });
        }
        let text: String = node.children().filter_map(|c| c.text()).collect();
        parse(&self.child_path(name), &text).map(Some)
    }

    /// A required simple element.
    pub(crate) fn leaf<T>(
        &mut self,
        ns: Ns,
        name: &'static str,
        parse: impl FnOnce(&str, &str) -> Result<T, ModelError>,
    ) -> Result<T, ModelError> {
        self.opt_leaf(ns, name, parse)?
            .ok_or_else(|| self.missing(name))
    }
}

// ---------------------------------------------------------------------------------------------
// Value conversions: (element path, text) → value

pub(crate) fn invalid(path: &str, value: &str, expected: &str) -> ModelError {
    ModelError::InvalidValue {
        path: path.to_string(),
        value: value.to_string(),
        expected: expected.to_string(),
    }
}

/// XSD whitespace collapse, as `xs:date`, `xs:time` and `xs:integer` apply it before facets.
fn collapse(text: &str) -> String {
    text.split([' ', '\t', '\n', '\r'])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// An `xs:string` value, kept as written (whiteSpace preserve).
pub(crate) fn string(_path: &str, text: &str) -> Result<String, ModelError> {
    Ok(text.to_string())
}

/// `LDT_Datum`: `YYYY-MM-DD`, a real calendar date, no time zone.
pub(crate) fn date(path: &str, text: &str) -> Result<NaiveDate, ModelError> {
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
        .ok_or_else(|| invalid(path, text, "a date YYYY-MM-DD (years 0000-9999)"))
}

/// `LDT_Tijd`: `hh:mm:ss` with optional fraction, no time zone. `24:00:00` (valid in XSD 1.0)
/// has no `NaiveTime` and is refused.
pub(crate) fn time(path: &str, text: &str) -> Result<NaiveTime, ModelError> {
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
    shaped
        .then(|| NaiveTime::parse_from_str(&value, "%H:%M:%S%.f").ok())
        .flatten()
        .ok_or_else(|| {
            invalid(
                path,
                text,
                "a time hh:mm:ss[.fff] (00:00:00 to 23:59:59.999999999)",
            )
        })
}

/// An `xs:integer` in `0..=max`, after whitespace collapse; leading `+` and zeros are allowed.
pub(crate) fn integer(path: &str, text: &str, max: u64) -> Result<u64, ModelError> {
    let value = collapse(text);
    let digits = value.strip_prefix('+').unwrap_or(&value);
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

pub(crate) fn u32_max(max: u32) -> impl Fn(&str, &str) -> Result<u32, ModelError> {
    move |path, text| {
        // `max` fits u32, so the conversion is infallible.
        integer(path, text, u64::from(max)).map(|n| u32::try_from(n).unwrap_or(max))
    }
}

/// A code of one of the enumerated lists, exact (xs:string keeps whitespace).
pub(crate) fn code<T: Code>(path: &str, text: &str) -> Result<T, ModelError> {
    T::parse(text).map_err(|e| invalid(path, text, &format!("a code of the list: {e}")))
}

/// `LDT_BurgerServicenummer`. The value is masked in the error.
pub(crate) fn bsn(path: &str, text: &str) -> Result<Bsn, ModelError> {
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
        let declarations = format!(
            " xmlns:{}=\"{}\" xmlns:{}=\"{}\">\r\n",
            self.prefix, ns.msg, self.basis_prefix, ns.basis
        );
        self.out.push_str(&declarations);
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
        self.leaf(ns, name, &value.format("%Y-%m-%d").to_string());
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
            date("/d", " 1967-08-13 ").unwrap(),
            NaiveDate::from_ymd_opt(1967, 8, 13).unwrap()
        );
        assert_eq!(
            date("/d", "\n\t2024-02-29\r\n").unwrap(),
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
                matches!(date("/d", bad), Err(ModelError::InvalidValue { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn times() {
        assert_eq!(
            time("/t", "12:34:56").unwrap(),
            NaiveTime::from_hms_opt(12, 34, 56).unwrap()
        );
        assert_eq!(
            time("/t", " 12:00:00.123 ").unwrap(),
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
            assert!(time("/t", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn integers_as_xsd_reads_them() {
        assert_eq!(integer("/n", " 007 ", 99).unwrap(), 7);
        assert_eq!(integer("/n", "+7", 99).unwrap(), 7);
        assert_eq!(integer("/n", "0", 99).unwrap(), 0);
        assert_eq!(integer("/n", "-0", 99).unwrap(), 0);
        assert_eq!(
            integer("/n", "000000000000000000000000000042", 99).unwrap(),
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
            assert!(integer("/n", bad, 99).is_err(), "{bad:?}");
        }
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
