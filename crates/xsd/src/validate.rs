//! The streaming pass: one tokenizer walk over the document, one frame per open element, each
//! child checked against its parent's content automaton as it starts, each simple value checked
//! against its type as its element ends. Nothing of the document is kept beyond the open path.

use std::borrow::Cow;
use std::fmt::Write;

use crate::content::Dfa;
use crate::report::{ErrorKind, Limits, Report, ValidationError};
use crate::scan::{same_bytes, same_name, Known, Scanner, Token};
use crate::schema::{Content, ElemId, SchemaSet, TypeDef};
use crate::simple::{concat, quote, SimpleType};
use crate::tree::{Build, ElementTree, NoTree, TreeBuilder};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

pub(crate) fn validate(set: &SchemaSet, input: &[u8], limits: &Limits) -> Report {
    walk(set, input, limits, NoTree).0
}

/// Validate `input` and build its element tree; the tree only when the document is valid.
pub(crate) fn validate_tree<'a>(
    set: &'a SchemaSet,
    input: &'a [u8],
    limits: &Limits,
) -> (Report, Option<ElementTree<'a>>) {
    let (report, builder, text) = walk(set, input, limits, TreeBuilder::new(input.len()));
    let tree = if report.is_valid() {
        builder.finish(text)
    } else {
        None
    };
    (report, tree)
}

/// The validating pass, telling `builder` about the elements as it goes. Gives the report, the
/// builder and the document text it walked (empty when it is not UTF-8 or too large).
fn walk<'a, B: Build<'a>>(
    set: &'a SchemaSet,
    input: &'a [u8],
    limits: &Limits,
    builder: B,
) -> (Report, B, &'a str) {
    let mut v = Validator {
        set,
        limits: *limits,
        builder,
        report: Report::default(),
        text: "",
        cursor: LineCursor::default(),
        frames: Vec::with_capacity(16),
        namespaces: Vec::with_capacity(8),
        attributes: Vec::with_capacity(8),
        siblings: Vec::with_capacity(32),
        prefix_of: Vec::new(),
        pending: None,
        seen_root: false,
    };
    if input.len() > limits.max_bytes {
        v.fatal(
            0,
            ErrorKind::TooLarge,
            format!(
                "document is {} bytes; the limit is {} bytes",
                input.len(),
                limits.max_bytes
            ),
        );
        return (v.report, v.builder, "");
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let text = match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(e) => {
            // Lines and columns count only the valid prefix.
            let valid = std::str::from_utf8(&input[..e.valid_up_to()]).unwrap_or("");
            v.text = valid;
            v.fatal(
                valid.len(),
                ErrorKind::NotWellFormed,
                format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            );
            return (v.report, v.builder, "");
        }
    };
    v.text = text;
    v.run();
    (v.report, v.builder, text)
}

#[derive(Default)]
struct LineCursor {
    pos: usize,
    line: u32,
    line_start: usize,
}

struct Validator<'s, 'a, B> {
    set: &'s SchemaSet,
    limits: Limits,
    /// Told about every element, when the caller wants the tree.
    builder: B,
    report: Report,
    text: &'a str,
    cursor: LineCursor,
    frames: Vec<Frame<'s, 'a>>,
    /// In-scope namespace bindings, innermost last: (prefix, URI). "" is the default namespace.
    namespaces: Vec<(&'a str, Cow<'a, str>, Option<u32>)>,
    /// Attributes of the start tag being read: (prefix, local, raw value, position).
    attributes: Vec<(&'a str, &'a str, &'a str, usize)>,
    /// Same-named sibling counts of the open elements' children: (local name, count). The
    /// entries of an open element's children start at its [`Frame::children`].
    siblings: Vec<(&'a str, u32)>,
    /// Per namespace id of the schema set, a prefix bound to it where the cursor is, if any:
    /// what [`Validator::match_expected`] looks for. Rebuilt whenever a binding comes or goes.
    prefix_of: Vec<Option<&'a str>>,
    /// The start tag being read: (prefix, local, position).
    pending: Option<(&'a str, &'a str, usize)>,
    seen_root: bool,
}

struct Frame<'s, 'a> {
    prefix: &'a str,
    local: &'a str,
    /// Position among same-named siblings, from 1.
    index: u32,
    /// Where the sibling counts of this element's children start in
    /// [`Validator::siblings`]; they are dropped when it closes.
    children: usize,
    /// The [`name_bit`]s of the names of this element's children so far: a child whose bit is
    /// clear has no same-named sibling before it, and its count needs no search.
    child_names: u64,
    namespaces: usize,
    mode: Mode<'s>,
    text: Option<Cow<'a, str>>,
    position: usize,
    mixed_reported: bool,
}

enum Mode<'s> {
    /// Not validated: an unknown or unexpected element, or inside one.
    Skip,
    Elements {
        dfa: &'s Dfa,
        /// `None` after a content-model error: the rest of the children are not checked.
        state: Option<u32>,
    },
    Simple(&'s SimpleType),
    Empty,
}

/// Where a namespace prefix is bound.
#[derive(Debug, Clone, Copy)]
enum Binding {
    /// By the declaration at this index of [`Validator::namespaces`].
    Declared(usize),
    /// `xml`, bound by definition.
    Xml,
    /// No prefix and no default namespace declaration in scope.
    NoNamespace,
}

/// Stop the walk: a fatal error was recorded or the error cap was reached.
struct Stop;

// `'s: 'a`: a name the schema spells is as good as the document's own bytes for as long as
// the document is read (see `match_expected`).
impl<'s: 'a, 'a, B: Build<'a>> Validator<'s, 'a, B> {
    fn run(&mut self) {
        let text = self.text;
        let mut scanner = Scanner::new(text);
        self.rebind_prefixes();
        while let Some(next) = scanner.next_token_expecting(|rest| self.match_expected(rest)) {
            let step = match next {
                Ok((pos, token)) => self.token(pos, token),
                Err(e) => {
                    self.fatal(
                        e.pos,
                        ErrorKind::NotWellFormed,
                        format!("not well-formed XML: {}", e.message),
                    );
                    return;
                }
            };
            if step.is_err() {
                return;
            }
            // Whitespace between elements is dropped by the scanner: `token` would ignore it.
            scanner.skip_blank = !matches!(
                self.frames.last(),
                Some(Frame {
                    mode: Mode::Simple(_),
                    ..
                })
            );
        }
        if let Some(frame) = self.frames.last() {
            let (prefix, local, position) = (frame.prefix, frame.local, frame.position);
            self.fatal(
                position,
                ErrorKind::NotWellFormed,
                format!("document ends before </{}> closes", qname(prefix, local)),
            );
        } else if !self.seen_root {
            self.fatal(
                text.len(),
                ErrorKind::NotWellFormed,
                "no root element".into(),
            );
        }
    }

    #[inline(always)]
    fn token(&mut self, pos: usize, token: Token<'a>) -> Result<(), Stop> {
        match token {
            Token::Declaration { encoding } => {
                if let Some(e) = encoding {
                    if !e.eq_ignore_ascii_case("utf-8") && !e.eq_ignore_ascii_case("utf8") {
                        return self.fatal_stop(
                            pos,
                            ErrorKind::NotWellFormed,
                            format!(
                                "encoding '{e}' is not supported: iStandaarden messages are UTF-8"
                            ),
                        );
                    }
                }
                Ok(())
            }
            Token::Doctype => self.fatal_stop(
                pos,
                ErrorKind::Doctype,
                "a DOCTYPE is not allowed (no DTDs, entities are never expanded)".into(),
            ),
            Token::ElementStart { prefix, local } => self.element_start(pos, prefix, local),
            Token::Element {
                prefix,
                local,
                empty,
            } => {
                self.element_start(pos, prefix, local)?;
                self.open()?;
                if empty {
                    self.close(pos)?;
                } else if B::ON {
                    self.builder
                        .content_start(pos + plain_tag_len(prefix, local));
                }
                Ok(())
            }
            Token::Expected {
                prefix,
                local,
                empty,
                transition,
            } => {
                self.attributes.clear();
                self.open_expected(pos, prefix, local, transition)?;
                if empty {
                    self.close(pos)?;
                } else if B::ON {
                    self.builder
                        .content_start(pos + plain_tag_len(prefix, local));
                }
                Ok(())
            }
            Token::Attribute {
                prefix,
                local,
                value,
                value_pos,
            } => {
                if self
                    .attributes
                    .iter()
                    .any(|&(ap, al, _, _)| ap == prefix && al == local)
                {
                    return self.fatal_stop(
                        pos,
                        ErrorKind::NotWellFormed,
                        format!("attribute '{}' appears twice", qname(prefix, local)),
                    );
                }
                self.attributes.push((prefix, local, value, value_pos));
                Ok(())
            }
            Token::StartEnd { empty } => {
                self.open()?;
                if empty {
                    self.close(pos)?;
                } else if B::ON {
                    // `pos` is at the `>`.
                    self.builder.content_start(pos + 1);
                }
                Ok(())
            }
            // The scanner matched the end tag against its start tag already.
            Token::EndTag => self.close(pos),
            Token::Text { raw, plain } => self.text(raw, pos, plain),
            Token::TextEnd { raw, plain, end } => {
                // A simple element's value in one plain piece, then its end: checked as it
                // stands, not stored in the frame to be read back at once.
                if plain
                    && matches!(
                        self.frames.last(),
                        Some(Frame {
                            mode: Mode::Simple(_),
                            text: None,
                            ..
                        })
                    )
                {
                    return self.close_with(end, Some(raw));
                }
                self.text(raw, pos, plain)?;
                self.close(end)
            }
            Token::Cdata { raw } => self.character_data(raw, pos, true, false),
        }
    }

    /// Character data outside CDATA.
    #[inline(always)]
    fn text(&mut self, raw: &'a str, pos: usize, plain: bool) -> Result<(), Stop> {
        // The two common cases, decided here without a call: the value of a simple
        // element in one piece, and whitespace between elements.
        match self.frames.last_mut() {
            Some(Frame {
                mode: Mode::Simple(_),
                text: text @ None,
                ..
            }) if plain => {
                *text = Some(Cow::Borrowed(raw));
                Ok(())
            }
            Some(Frame {
                mode: Mode::Skip | Mode::Elements { .. } | Mode::Empty,
                ..
            })
            | None
                if is_blank(raw) =>
            {
                Ok(())
            }
            _ => self.character_data(raw, pos, false, plain),
        }
    }

    fn element_start(&mut self, pos: usize, prefix: &'a str, local: &'a str) -> Result<(), Stop> {
        if self.frames.is_empty() && self.seen_root {
            return self.fatal_stop(
                pos,
                ErrorKind::NotWellFormed,
                "content after the root element".into(),
            );
        }
        self.pending = Some((prefix, local, pos));
        self.attributes.clear();
        Ok(())
    }

    fn character_data(
        &mut self,
        raw: &'a str,
        position: usize,
        cdata: bool,
        plain: bool,
    ) -> Result<(), Stop> {
        // Whitespace between elements (with CRLF line ends, the common case) needs no decoding:
        // it has no references, and element-only content ignores it.
        let blank = !cdata && is_blank(raw);
        if blank && !matches!(self.frames.last().map(|f| &f.mode), Some(Mode::Simple(_))) {
            return Ok(());
        }
        let decoded = if plain {
            Cow::Borrowed(raw)
        } else if cdata {
            normalize_line_ends(raw)
        } else {
            match decode(raw, false) {
                Ok(d) => d,
                Err((offset, message)) => {
                    return self.fatal_stop(position + offset, ErrorKind::NotWellFormed, message)
                }
            }
        };
        let Some(frame) = self.frames.last_mut() else {
            if !raw.chars().all(is_xml_space) || cdata {
                return self.fatal_stop(
                    position,
                    ErrorKind::NotWellFormed,
                    "text outside the root element".into(),
                );
            }
            return Ok(());
        };
        match frame.mode {
            Mode::Simple(_) => {
                frame.text = Some(match frame.text.take() {
                    None => decoded,
                    Some(mut t) => {
                        t.to_mut().push_str(&decoded);
                        t
                    }
                });
                Ok(())
            }
            Mode::Elements { .. } | Mode::Empty => {
                // libxml2 counts a CDATA section as character content even when it holds only
                // whitespace; our verdicts follow libxml2.
                if !frame.mixed_reported && (cdata || !decoded.chars().all(is_xml_space)) {
                    frame.mixed_reported = true;
                    let message = format!(
                        "character data {} is not allowed: element <{}> has element-only content",
                        quote(decoded.trim()),
                        frame.local
                    );
                    return self.error(position, self.path(), ErrorKind::MixedContent, message);
                }
                Ok(())
            }
            Mode::Skip => Ok(()),
        }
    }

    /// The start tag is complete: bind namespaces, find the declaration, check attributes.
    fn open(&mut self) -> Result<(), Stop> {
        let Some((prefix, local, position)) = self.pending.take() else {
            return Ok(());
        };
        self.check_depth(position)?;
        let bindings_before = self.namespaces.len();
        for i in 0..self.attributes.len() {
            let (p, l, raw, pos) = self.attributes[i];
            let declared = if p.is_empty() && l == "xmlns" {
                ""
            } else if p == "xmlns" {
                l
            } else {
                continue;
            };
            let uri = match decode(raw, true) {
                Ok(uri) => uri,
                Err((offset, message)) => {
                    return self.fatal_stop(pos + offset, ErrorKind::NotWellFormed, message)
                }
            };
            if !declared.is_empty() && uri.is_empty() {
                return self.fatal_stop(
                    pos,
                    ErrorKind::NotWellFormed,
                    format!("prefix '{declared}' cannot be bound to an empty namespace"),
                );
            }
            if declared == "xmlns" || (declared == "xml") != (uri == XML_NS) || uri == XMLNS_NS {
                return self.fatal_stop(
                    pos,
                    ErrorKind::NotWellFormed,
                    format!("illegal binding of prefix '{declared}' to '{uri}'"),
                );
            }
            let id = self.set.namespace_id(&uri);
            self.namespaces.push((declared, uri, id));
        }
        if self.namespaces.len() > bindings_before {
            self.rebind_prefixes();
        }
        let Some(binding) = self.binding(prefix) else {
            return self.fatal_stop(
                position,
                ErrorKind::NotWellFormed,
                format!("namespace prefix '{prefix}' is not declared"),
            );
        };
        self.push_frame(
            prefix,
            local,
            position,
            self.namespaces.len() - bindings_before,
        );
        let elem = self.find_declaration(binding, local, position)?;
        let Some(elem) = elem else {
            return self.check_attribute_syntax();
        };
        self.enter(elem)
    }

    fn check_depth(&mut self, position: usize) -> Result<(), Stop> {
        if self.frames.len() >= self.limits.max_depth {
            return self.fatal_stop(
                position,
                ErrorKind::TooDeep,
                format!("elements nest deeper than {} levels", self.limits.max_depth),
            );
        }
        Ok(())
    }

    /// A start tag without attributes whose name [`Validator::match_expected`] found among
    /// the transitions of the parent's state: `open` without the prefix lookup and the search.
    #[inline(always)]
    fn open_expected(
        &mut self,
        position: usize,
        prefix: &'a str,
        local: &'a str,
        transition: u32,
    ) -> Result<(), Stop> {
        self.check_depth(position)?;
        self.push_frame(prefix, local, position, 0);
        let depth = self.frames.len();
        let elem = match &mut self.frames[depth - 2].mode {
            Mode::Elements {
                dfa,
                state: Some(state),
            } => match dfa.states[*state as usize]
                .transitions
                .get(transition as usize)
            {
                Some(t) => {
                    *state = t.next;
                    t.elem
                }
                None => return Ok(()),
            },
            // `match_expected` matched only in this mode, with this state, and nothing ran
            // since: neither arm that returns is ever taken.
            _ => return Ok(()),
        };
        self.enter(elem)
    }

    /// The transition of the innermost element's state that the start tag at `rest` (the
    /// bytes after `<`) takes, when its name is written with a prefix bound to the
    /// transition's namespace: the prefix and name (as [`Known`], with the transition's index).
    #[inline(always)]
    fn match_expected(&self, rest: &[u8]) -> Option<Known<'a>> {
        let Some(Frame {
            mode:
                Mode::Elements {
                    dfa,
                    state: Some(state),
                },
            ..
        }) = self.frames.last()
        else {
            return None;
        };
        let transitions = &dfa.states[*state as usize].transitions;
        for (k, t) in transitions.iter().enumerate() {
            let Some(Some(prefix)) = self.prefix_of.get(t.ns as usize) else {
                continue;
            };
            if !t.plain_name {
                continue;
            }
            let (p, n) = (prefix.as_bytes(), t.name.as_bytes());
            let name_at = if p.is_empty() { 0 } else { p.len() + 1 };
            let len = name_at + n.len();
            // The name first: the prefix is usually the same for every transition tried.
            if rest.len() > len
                && same_bytes(&rest[name_at..len], n)
                && (p.is_empty() || (rest[p.len()] == b':' && same_bytes(&rest[..p.len()], p)))
            {
                // The bytes are the schema's name and the bound prefix: hand those over.
                return Some(Known {
                    prefix,
                    local: &t.name,
                    len,
                    transition: k as u32,
                });
            }
        }
        None
    }

    /// Recompute [`Validator::prefix_of`] from the bindings in scope.
    fn rebind_prefixes(&mut self) {
        let mut prefix_of = std::mem::take(&mut self.prefix_of);
        prefix_of.clear();
        prefix_of.resize(self.set.namespaces.len(), None);
        for (i, (p, _, id)) in self.namespaces.iter().enumerate() {
            // `xml` is bound by definition, whatever a declaration says.
            if *p == "xml" {
                continue;
            }
            let shadowed = self.namespaces[i + 1..].iter().any(|(q, _, _)| q == p);
            if let (false, Some(id)) = (shadowed, id) {
                prefix_of[*id as usize] = Some(p);
            }
        }
        if let (Some(Binding::NoNamespace), Some(id)) =
            (self.binding(""), self.set.namespace_id(""))
        {
            prefix_of[id as usize] = Some("");
        }
        self.prefix_of = prefix_of;
    }

    /// Push the frame of an element whose start tag is complete, at its sibling position.
    #[inline(always)]
    fn push_frame(&mut self, prefix: &'a str, local: &'a str, position: usize, namespaces: usize) {
        self.seen_root = true;
        self.builder.open(local);

        // Sibling position among same-named children of the parent, for paths. One shared stack
        // for all open elements: the entries of a parent's children sit at its top.
        let bit = name_bit(local);
        let (from, fresh) = match self.frames.last_mut() {
            Some(parent) => {
                let fresh = parent.child_names & bit == 0;
                parent.child_names |= bit;
                (parent.children, fresh)
            }
            None => (0, false),
        };
        let earlier = if fresh {
            None
        } else {
            self.siblings
                .get_mut(from..)
                .and_then(|children| children.iter_mut().find(|(l, _)| same_name(l, local)))
        };
        let index = match earlier {
            Some(entry) => {
                entry.1 += 1;
                entry.1
            }
            None => {
                self.siblings.push((local, 1));
                1
            }
        };
        let children = self.siblings.len();
        self.frames.push(Frame {
            prefix,
            local,
            index,
            children,
            child_names: 0,
            namespaces,
            mode: Mode::Skip,
            text: None,
            position,
            mixed_reported: false,
        });
    }

    /// The element just pushed is governed by declaration `elem`: set its mode, check its
    /// attributes.
    #[inline(always)]
    fn enter(&mut self, elem: ElemId) -> Result<(), Stop> {
        let set = self.set;
        self.builder.namespace(&set.elements[elem].namespace);
        let ty = set.elements[elem].ty;
        let (mode, attributes) = match &set.types[ty] {
            TypeDef::Simple(st) => (Mode::Simple(st), &[][..]),
            TypeDef::Complex(ct) => {
                let mode = match &ct.content {
                    Content::Empty => Mode::Empty,
                    Content::Elements(dfa) => Mode::Elements {
                        dfa,
                        state: Some(0),
                    },
                    Content::Simple(st) => match &set.types[*st] {
                        TypeDef::Simple(st) => Mode::Simple(st),
                        TypeDef::Complex(_) => Mode::Skip,
                    },
                };
                (mode, &ct.attributes[..])
            }
        };
        if let Some(frame) = self.frames.last_mut() {
            frame.mode = mode;
        }
        // The common case, decided without a call: no attribute written, none declared.
        if self.attributes.is_empty() && attributes.is_empty() {
            return Ok(());
        }
        self.check_attributes(attributes)
    }

    /// Which declaration governs the element just opened: a global for the root, else the
    /// parent's content automaton decides. `None` means not validated (skip).
    fn find_declaration(
        &mut self,
        binding: Binding,
        local: &str,
        position: usize,
    ) -> Result<Option<ElemId>, Stop> {
        let ns_id = self.binding_id(binding);
        let depth = self.frames.len();
        if depth == 1 {
            // By namespace id and name: no allocation for the lookup of every document's root.
            let root = ns_id.and_then(|ns| {
                self.set.globals.values().copied().find(|&e| {
                    let decl = &self.set.elements[e];
                    decl.ns == ns && decl.name == local
                })
            });
            return match root {
                Some(elem) => Ok(Some(elem)),
                None => {
                    let namespace = self.binding_uri(binding).to_string();
                    let known: Vec<String> = self
                        .set
                        .global_elements()
                        .iter()
                        .map(|(ns, n)| format!("{{{ns}}}{n}"))
                        .collect();
                    let message = format!(
                        "no schema declares root element {{{namespace}}}{local}; declared: {}",
                        known.join(", ")
                    );
                    self.error(position, self.path(), ErrorKind::UnknownRoot, message)?;
                    Ok(None)
                }
            };
        }
        let set = self.set;
        let parent = &mut self.frames[depth - 2];
        let (dfa, state) = match &mut parent.mode {
            Mode::Skip => return Ok(None),
            Mode::Elements { state: None, .. } => return Ok(None),
            Mode::Elements {
                dfa,
                state: Some(state),
            } => (*dfa, state),
            Mode::Simple(st) => {
                let message = format!(
                    "element <{local}> is not allowed: <{}> has simple content of type {}",
                    parent.local, st.name
                );
                return self
                    .error(position, self.path(), ErrorKind::MixedContent, message)
                    .map(|_| None);
            }
            Mode::Empty => {
                let message = format!(
                    "element <{local}> is not allowed: <{}> must be empty",
                    parent.local
                );
                return self
                    .error(position, self.path(), ErrorKind::UnexpectedElement, message)
                    .map(|_| None);
            }
        };
        let current = &dfa.states[*state as usize];
        for t in &current.transitions {
            if Some(t.ns) == ns_id && same_name(&t.name, local) {
                *state = t.next;
                return Ok(Some(t.elem));
            }
        }
        let expected = expected_names(set, dfa, *state);
        let namespace = self.binding_uri(binding).to_string();
        if let Mode::Elements { state, .. } = &mut self.frames[depth - 2].mode {
            *state = None;
        }
        let message = concat(&[
            "element ",
            &display_name(&namespace, local),
            " is not expected here; expected ",
            &expected,
        ]);
        self.error(position, self.path(), ErrorKind::UnexpectedElement, message)?;
        Ok(None)
    }

    fn check_attributes(
        &mut self,
        declared: &'s [crate::schema::AttributeDecl],
    ) -> Result<(), Stop> {
        if self.attributes.is_empty() {
            // The common case: no attribute to check, only required ones to miss.
            if declared.is_empty() {
                return Ok(());
            }
            return self.check_required_attributes(declared, &[]);
        }
        self.check_expanded_names_unique()?;
        let mut seen = vec![false; declared.len()];
        for i in 0..self.attributes.len() {
            let (p, l, raw, pos) = self.attributes[i];
            if p == "xmlns" || (p.is_empty() && l == "xmlns") {
                continue;
            }
            let namespace: Cow<str> = if p.is_empty() {
                Cow::Borrowed("")
            } else {
                match self.lookup(p) {
                    Some(ns) => ns,
                    None => {
                        return self.fatal_stop(
                            pos,
                            ErrorKind::NotWellFormed,
                            format!("namespace prefix '{p}' is not declared"),
                        )
                    }
                }
            };
            let value = match decode(raw, true) {
                Ok(v) => v,
                Err((offset, message)) => {
                    return self.fatal_stop(pos + offset, ErrorKind::NotWellFormed, message)
                }
            };
            if namespace == XSI {
                // Location hints are allowed and ignored, as by xmllint --schema.
                if l == "schemaLocation" || l == "noNamespaceSchemaLocation" {
                    continue;
                }
                let message = format!("attribute xsi:{l} is not supported");
                self.error(pos, self.path(), ErrorKind::Attribute, message)?;
                continue;
            }
            match declared
                .iter()
                .position(|a| a.name == l && a.namespace == namespace)
            {
                Some(k) => {
                    seen[k] = true;
                    if let TypeDef::Simple(st) = &self.set.types[declared[k].ty] {
                        if let Err(v) = st.check(&value) {
                            let message = format!("attribute '{l}': {}", v.message);
                            self.error(pos, self.path(), v.kind, message)?;
                        }
                    }
                }
                None => {
                    let message = format!(
                        "attribute {} is not allowed here",
                        display_name(&namespace, l)
                    );
                    self.error(pos, self.path(), ErrorKind::Attribute, message)?;
                }
            }
        }
        self.check_required_attributes(declared, &seen)
    }

    /// Every required attribute not `seen` (by index; beyond `seen`, none was) is an error.
    fn check_required_attributes(
        &mut self,
        declared: &[crate::schema::AttributeDecl],
        seen: &[bool],
    ) -> Result<(), Stop> {
        for (k, decl) in declared.iter().enumerate() {
            if decl.required && !seen.get(k).copied().unwrap_or(false) {
                let position = self.frames.last().map_or(0, |f| f.position);
                let message = format!("required attribute '{}' is missing", decl.name);
                self.error(position, self.path(), ErrorKind::Attribute, message)?;
            }
        }
        Ok(())
    }

    /// Namespaces in XML 1.0 §6.3: no two attributes may have the same namespace and local
    /// name, even under different prefixes (`a:z` and `b:z` with `a` and `b` bound alike).
    fn check_expanded_names_unique(&mut self) -> Result<(), Stop> {
        if self.attributes.len() < 2 {
            return Ok(());
        }
        let prefixed = self
            .attributes
            .iter()
            .filter(|a| !a.0.is_empty() && a.0 != "xmlns")
            .count();
        if prefixed < 2 {
            return Ok(());
        }
        for i in 0..self.attributes.len() {
            let (p, l, _, pos) = self.attributes[i];
            if p.is_empty() || p == "xmlns" {
                continue;
            }
            for j in 0..i {
                let (q, m, _, _) = self.attributes[j];
                if q.is_empty() || q == "xmlns" || l != m {
                    continue;
                }
                if let (Some(a), Some(b)) = (self.lookup(p), self.lookup(q)) {
                    if a == b {
                        return self.fatal_stop(
                            pos,
                            ErrorKind::NotWellFormed,
                            format!(
                                "attributes {q}:{m} and {p}:{l} have the same namespace and name"
                            ),
                        );
                    }
                }
            }
        }
        Ok(())
    }

    /// In skipped elements attributes are not validated, but their prefixes must be bound and
    /// their references well-formed.
    fn check_attribute_syntax(&mut self) -> Result<(), Stop> {
        if self.attributes.is_empty() {
            return Ok(());
        }
        self.check_expanded_names_unique()?;
        for i in 0..self.attributes.len() {
            let (p, _, raw, pos) = self.attributes[i];
            if !p.is_empty() && p != "xmlns" && self.lookup(p).is_none() {
                return self.fatal_stop(
                    pos,
                    ErrorKind::NotWellFormed,
                    format!("namespace prefix '{p}' is not declared"),
                );
            }
            if let Err((offset, message)) = decode(raw, true) {
                return self.fatal_stop(pos + offset, ErrorKind::NotWellFormed, message);
            }
        }
        Ok(())
    }

    /// The innermost element ends; its content ends at byte `position`.
    #[inline]
    fn close(&mut self, position: usize) -> Result<(), Stop> {
        self.close_with(position, None)
    }

    /// As [`Validator::close`]; `value`, when given, is the whole text of a simple element,
    /// what [`Validator::text`] would have stored in its frame.
    #[inline(always)]
    fn close_with(&mut self, position: usize, value: Option<&str>) -> Result<(), Stop> {
        let result = match self.frames.last() {
            None => Ok(()),
            Some(frame) => match &frame.mode {
                Mode::Elements {
                    dfa,
                    state: Some(state),
                } => {
                    if dfa.states[*state as usize].accepting {
                        Ok(())
                    } else {
                        let message = format!(
                            "element <{}> is incomplete; expected {}",
                            frame.local,
                            expected_names(self.set, dfa, *state)
                        );
                        self.error(
                            frame.position,
                            self.path(),
                            ErrorKind::MissingElement,
                            message,
                        )
                    }
                }
                Mode::Simple(st) => {
                    let value = value.or(frame.text.as_deref()).unwrap_or("");
                    match st.check(value) {
                        Ok(()) => Ok(()),
                        Err(v) => self.error(frame.position, self.path(), v.kind, v.message),
                    }
                }
                _ => Ok(()),
            },
        };
        if let Some(frame) = self.frames.pop() {
            self.builder.close(position);
            self.siblings.truncate(frame.children);
            if frame.namespaces > 0 {
                let keep = self.namespaces.len() - frame.namespaces;
                self.namespaces.truncate(keep);
                self.rebind_prefixes();
            }
        }
        result
    }

    fn lookup(&self, prefix: &str) -> Option<Cow<'a, str>> {
        self.binding(prefix).map(|b| match b {
            Binding::Declared(i) => self.namespaces[i].1.clone(),
            Binding::Xml => Cow::Borrowed(XML_NS),
            Binding::NoNamespace => Cow::Borrowed(""),
        })
    }

    /// Where `prefix` is bound; `None` when it is not.
    fn binding(&self, prefix: &str) -> Option<Binding> {
        if prefix == "xml" {
            return Some(Binding::Xml);
        }
        match self
            .namespaces
            .iter()
            .rposition(|(p, _, _)| same_name(p, prefix))
        {
            Some(i) => Some(Binding::Declared(i)),
            None if prefix.is_empty() => Some(Binding::NoNamespace),
            None => None,
        }
    }

    fn binding_uri(&self, binding: Binding) -> &str {
        match binding {
            Binding::Declared(i) => &self.namespaces[i].1,
            Binding::Xml => XML_NS,
            Binding::NoNamespace => "",
        }
    }

    /// The id of the bound namespace in the schema set (if any element declaration uses it).
    fn binding_id(&self, binding: Binding) -> Option<u32> {
        match binding {
            Binding::Declared(i) => self.namespaces[i].2,
            Binding::Xml => self.set.namespace_id(XML_NS),
            Binding::NoNamespace => self.set.namespace_id(""),
        }
    }

    fn path(&self) -> String {
        let size: usize = self.frames.iter().map(|f| f.local.len() + 4).sum();
        let mut path = String::with_capacity(size);
        for frame in &self.frames {
            path.push('/');
            path.push_str(frame.local);
            if frame.index > 1 {
                // Writing to a String cannot fail.
                let _ = write!(path, "[{}]", frame.index);
            }
        }
        path
    }

    fn locate(&mut self, pos: usize) -> (u32, u32) {
        let text = self.text.as_bytes();
        let pos = pos.min(text.len());
        if pos < self.cursor.pos || self.cursor.line == 0 {
            self.cursor = LineCursor {
                pos: 0,
                line: 1,
                line_start: 0,
            };
        }
        let span = &text[self.cursor.pos..pos];
        let newlines = count_bytes(span, |b| b == b'\n');
        if newlines > 0 {
            self.cursor.line = self.cursor.line.saturating_add(newlines as u32);
            if let Some(last) = span.iter().rposition(|&b| b == b'\n') {
                self.cursor.line_start = self.cursor.pos + last + 1;
            }
        }
        self.cursor.pos = pos;
        // Characters, not bytes: every byte that does not continue a UTF-8 sequence starts one.
        let column = self
            .text
            .get(self.cursor.line_start..pos)
            .map_or(1, |s| count_bytes(s.as_bytes(), |b| (b & 0xC0) != 0x80) + 1);
        (self.cursor.line, column as u32)
    }

    /// Record a validity error; stop when the cap is reached.
    fn error(
        &mut self,
        pos: usize,
        path: String,
        kind: ErrorKind,
        message: String,
    ) -> Result<(), Stop> {
        if self.report.errors.len() >= self.limits.max_errors {
            self.report.truncated = true;
            return Err(Stop);
        }
        let (line, column) = self.locate(pos);
        self.report.errors.push(ValidationError {
            kind,
            path,
            line,
            column,
            message,
        });
        Ok(())
    }

    fn fatal(&mut self, pos: usize, kind: ErrorKind, message: String) {
        let (line, column) = self.locate(pos);
        let path = self.path();
        self.report.errors.push(ValidationError {
            kind,
            path,
            line,
            column,
            message,
        });
    }

    fn fatal_stop(&mut self, pos: usize, kind: ErrorKind, message: String) -> Result<(), Stop> {
        self.fatal(pos, kind, message);
        Err(Stop)
    }
}

/// One of 64 bits for an element name, from its length and last byte (names in one parent
/// often share their start): see [`Frame::child_names`].
#[inline(always)]
fn name_bit(local: &str) -> u64 {
    let last = local.as_bytes().last().map_or(0, |&b| u32::from(b));
    1 << ((local.len() as u32).wrapping_mul(5).wrapping_add(last) & 63)
}

/// How many bytes of `bytes` satisfy `test`. In blocks of 64 with a byte-sized counter, which
/// the compiler vectorizes: locating an error late in a large document then costs a fraction of
/// a byte-by-byte walk.
#[inline(always)]
fn count_bytes(bytes: &[u8], test: impl Fn(u8) -> bool) -> usize {
    let blocks = bytes.chunks_exact(64);
    let rest = blocks.remainder();
    let mut n = 0;
    for block in blocks {
        n += usize::from(block.iter().fold(0u8, |a, &b| a + u8::from(test(b))));
    }
    n + rest.iter().filter(|&&b| test(b)).count()
}

fn expected_names(set: &SchemaSet, dfa: &Dfa, state: u32) -> String {
    let st = &dfa.states[state as usize];
    let count = st.transitions.len() + usize::from(st.accepting);
    if count == 0 {
        return "nothing".into();
    }
    // Written into one string: this runs for every content-model error.
    let mut out = String::with_capacity(16 + 24 * count);
    if count > 1 {
        out.push_str("one of: ");
    }
    for (i, t) in st.transitions.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('<');
        out.push_str(&set.elements[t.elem].name);
        out.push('>');
    }
    if st.accepting {
        if !st.transitions.is_empty() {
            out.push_str(", ");
        }
        out.push_str("the end of the element");
    }
    out
}

fn display_name(namespace: &str, local: &str) -> String {
    if namespace.is_empty() {
        concat(&["<", local, "> (in no namespace)"])
    } else {
        concat(&["<", local, "> (namespace ", namespace, ")"])
    }
}

fn qname(prefix: &str, local: &str) -> String {
    if prefix.is_empty() {
        local.to_string()
    } else {
        format!("{prefix}:{local}")
    }
}

/// The length of the start tag `<prefix:local>` (or `<local>`), written plainly: where the
/// content of an element whose whole start tag is one [`Token::Element`] or
/// [`Token::Expected`] starts, from the tag's `<`.
#[inline(always)]
fn plain_tag_len(prefix: &str, local: &str) -> usize {
    let colon = usize::from(!prefix.is_empty());
    1 + prefix.len() + colon + local.len() + 1
}

/// Only XML whitespace (or nothing).
#[inline(always)]
fn is_blank(raw: &str) -> bool {
    raw.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// XML 1.0 §2.11: CR LF and lone CR become LF before anything else sees the text.
fn normalize_line_ends(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\r') {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Resolve the predefined entities and character references, normalize line ends, and for
/// attribute values apply XML 1.0 §3.3.3 normalization (literal whitespace becomes a space;
/// a character reference stays what it references). Anything else after `&` is an undefined
/// entity: with no DTD allowed, that is a well-formedness error.
fn decode(raw: &str, attribute: bool) -> Result<Cow<'_, str>, (usize, String)> {
    // A byte test, not `contains` with a set of chars: namespace URIs are long.
    // Without short-circuit, so that the test vectorizes (namespace URIs are long).
    let special = |b: u8| (b == b'&') | (b == b'\r') | (attribute & ((b == b'\t') | (b == b'\n')));
    if !raw.bytes().fold(false, |found, b| found | special(b)) {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '&' => {
                let rest = &raw[i + 1..];
                let Some(end) = rest.find(';') else {
                    return Err((i, "'&' must start an entity or character reference".into()));
                };
                let name = &rest[..end];
                let resolved = match name {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "apos" => '\'',
                    "quot" => '"',
                    _ => {
                        let code = if let Some(hex) = name.strip_prefix("#x") {
                            u32::from_str_radix(hex, 16).ok().filter(|_| {
                                !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit())
                            })
                        } else if let Some(dec) = name.strip_prefix('#') {
                            dec.parse::<u32>().ok().filter(|_| {
                                !dec.is_empty() && dec.bytes().all(|b| b.is_ascii_digit())
                            })
                        } else {
                            return Err((
                                i,
                                format!("undefined entity '&{name};' (no DTD is allowed)"),
                            ));
                        };
                        match code.and_then(char::from_u32).filter(|&c| is_xml_char(c)) {
                            Some(c) => c,
                            None => {
                                return Err((i, format!("'&{name};' is not a legal XML character")))
                            }
                        }
                    }
                };
                out.push(resolved);
                // Skip past the ';'.
                for _ in 0..name.chars().count() + 1 {
                    chars.next();
                }
            }
            '\r' => {
                if chars.peek().map(|&(_, n)| n) == Some('\n') {
                    chars.next();
                }
                out.push(if attribute { ' ' } else { '\n' });
            }
            '\t' | '\n' if attribute => out.push(' '),
            c => out.push(c),
        }
    }
    Ok(Cow::Owned(out))
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
