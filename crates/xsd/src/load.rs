//! Reading XSD files and compiling them into a [`SchemaSet`].
//!
//! Loading is two passes: first every file and everything it imports or includes is read
//! (`schemaLocation` resolved relative to the importing file, case-insensitively when the exact
//! name is absent), then the top-level components are indexed by (namespace, name) and compiled
//! on demand. Anything outside the supported subset is refused here, with file and line.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use roxmltree::{Document, Node, NodeId};

use crate::builtin::{Builtin, Family, WhiteSpace};
use crate::content::{self, Particle, Term};
use crate::regex::Pattern;
use crate::schema::{
    AttributeDecl, ComplexType, Content, ElemId, ElementDecl, SchemaSet, TypeDef, TypeId,
};
use crate::simple::{FacetStep, SimpleType};
use crate::XsdError;

const XS: &str = "http://www.w3.org/2001/XMLSchema";

struct SchemaDoc<'input> {
    path: PathBuf,
    doc: Document<'input>,
    target: String,
    elements_qualified: bool,
    attributes_qualified: bool,
}

type Key = (String, String);

pub(crate) fn load(files: &[PathBuf]) -> Result<SchemaSet, XsdError> {
    let texts = read_all(files)?;
    let mut docs = Vec::with_capacity(texts.len());
    for (path, text) in &texts {
        let doc = parse(path, text)?;
        let root = doc.root_element();
        docs.push(SchemaDoc {
            path: path.clone(),
            target: root.attribute("targetNamespace").unwrap_or("").to_string(),
            elements_qualified: root.attribute("elementFormDefault") == Some("qualified"),
            attributes_qualified: root.attribute("attributeFormDefault") == Some("qualified"),
            doc,
        });
    }
    let mut compiler = Compiler::new(&docs)?;
    compiler.compile_globals()?;
    if compiler.set.globals.is_empty() {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        return Err(XsdError::NoElements(names.join(", ")));
    }
    let mut set = compiler.set;
    set.files = docs.iter().map(|d| d.path.clone()).collect();
    Ok(set)
}

fn parse<'i>(path: &Path, text: &'i str) -> Result<Document<'i>, XsdError> {
    let doc = Document::parse(text).map_err(|e| XsdError::NotXml {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(XS) || root.tag_name().name() != "schema" {
        return Err(XsdError::Invalid {
            path: path.to_path_buf(),
            line: 1,
            what: "the root element is not xs:schema".into(),
        });
    }
    Ok(doc)
}

/// Read the given files and, transitively, every file they import or include.
fn read_all(files: &[PathBuf]) -> Result<Vec<(PathBuf, String)>, XsdError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut queue: Vec<PathBuf> = files.to_vec();
    queue.reverse();
    while let Some(path) = queue.pop() {
        let canonical = std::fs::canonicalize(&path).map_err(|source| XsdError::Io {
            path: path.clone(),
            source,
        })?;
        if !seen.insert(canonical) {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|source| XsdError::Io {
            path: path.clone(),
            source,
        })?;
        let doc = parse(&path, &text)?;
        let dir = path.parent().unwrap_or(Path::new("."));
        for node in doc.root_element().children().filter(|n| n.is_element()) {
            if !is_xs(node, "import") && !is_xs(node, "include") {
                continue;
            }
            if let Some(location) = node.attribute("schemaLocation") {
                let resolved = resolve_location(dir, location).ok_or_else(|| XsdError::Io {
                    path: dir.join(location),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        format!(
                            "imported by {}, not found (also looked case-insensitively)",
                            path.display()
                        ),
                    ),
                })?;
                queue.push(resolved);
            }
        }
        drop(doc);
        out.push((path, text));
    }
    Ok(out)
}

/// The official message XSDs import `basisschema.xsd` while the file is `Basisschema.xsd`:
/// take the exact name when it exists, else the one file whose name matches case-insensitively.
fn resolve_location(dir: &Path, location: &str) -> Option<PathBuf> {
    if location.contains("://") {
        return None;
    }
    let exact = dir.join(location);
    if exact.is_file() {
        return Some(exact);
    }
    let parent = exact.parent()?;
    let wanted = exact.file_name()?.to_str()?.to_lowercase();
    let mut found = std::fs::read_dir(parent)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.to_lowercase() == wanted)
        });
    let first = found.next()?;
    // Two files differing only in case: ambiguous, so refuse rather than guess.
    if found.next().is_some() {
        return None;
    }
    Some(first)
}

fn is_xs(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(XS) && node.tag_name().name() == name
}

struct Compiler<'d, 'i> {
    docs: &'d [SchemaDoc<'i>],
    simple_defs: HashMap<Key, (usize, NodeId)>,
    complex_defs: HashMap<Key, (usize, NodeId)>,
    element_defs: HashMap<Key, (usize, NodeId)>,
    named_types: HashMap<Key, TypeId>,
    in_progress: HashSet<Key>,
    builtins: HashMap<Builtin, TypeId>,
    next_particle: u32,
    set: SchemaSet,
}

impl<'d, 'i> Compiler<'d, 'i> {
    fn new(docs: &'d [SchemaDoc<'i>]) -> Result<Self, XsdError> {
        let mut compiler = Compiler {
            docs,
            simple_defs: HashMap::new(),
            complex_defs: HashMap::new(),
            element_defs: HashMap::new(),
            named_types: HashMap::new(),
            in_progress: HashSet::new(),
            builtins: HashMap::new(),
            next_particle: 0,
            set: SchemaSet {
                elements: Vec::new(),
                types: Vec::new(),
                globals: HashMap::new(),
                namespaces: Vec::new(),
                files: Vec::new(),
            },
        };
        for (d, sd) in docs.iter().enumerate() {
            compiler.index(d, sd)?;
        }
        Ok(compiler)
    }

    fn index(&mut self, d: usize, sd: &SchemaDoc) -> Result<(), XsdError> {
        let root = sd.doc.root_element();
        check_attributes(
            self,
            d,
            root,
            &[
                "targetNamespace",
                "elementFormDefault",
                "attributeFormDefault",
                "version",
                "id",
                "blockDefault",
                "finalDefault",
            ],
        )?;
        for node in root.children().filter(|n| n.is_element()) {
            if node.tag_name().namespace() != Some(XS) {
                return Err(self.unsupported(d, node, "a non-XSD element at the top level"));
            }
            let map = match node.tag_name().name() {
                "annotation" => continue,
                "import" => {
                    let ns = node.attribute("namespace").unwrap_or("");
                    if ns == sd.target {
                        return Err(self.invalid(
                            d,
                            node,
                            "xs:import of the schema's own namespace",
                        ));
                    }
                    continue;
                }
                "include" => continue,
                "simpleType" => &mut self.simple_defs,
                "complexType" => &mut self.complex_defs,
                "element" => &mut self.element_defs,
                other => return Err(self.unsupported(d, node, &format!("top-level xs:{other}"))),
            };
            let Some(name) = node.attribute("name") else {
                return Err(self.invalid(d, node, "a top-level declaration without a name"));
            };
            let key = (sd.target.clone(), name.to_string());
            if map.insert(key, (d, node.id())).is_some() {
                return Err(self.invalid(
                    d,
                    node,
                    &format!("'{name}' is declared twice in namespace '{}'", sd.target),
                ));
            }
        }
        Ok(())
    }

    fn compile_globals(&mut self) -> Result<(), XsdError> {
        let mut keys: Vec<Key> = self.element_defs.keys().cloned().collect();
        keys.sort();
        for key in keys {
            self.global_element(&key)?;
        }
        Ok(())
    }

    fn node(&self, d: usize, id: NodeId) -> Node<'d, 'i> {
        // The id came from this document's own index, so it is always present.
        self.docs[d]
            .doc
            .get_node(id)
            .unwrap_or_else(|| self.docs[d].doc.root_element())
    }

    fn line(&self, d: usize, node: Node) -> u32 {
        self.docs[d].doc.text_pos_at(node.range().start).row
    }

    fn unsupported(&self, d: usize, node: Node, what: &str) -> XsdError {
        XsdError::Unsupported {
            path: self.docs[d].path.clone(),
            line: self.line(d, node),
            what: what.to_string(),
        }
    }

    fn invalid(&self, d: usize, node: Node, what: &str) -> XsdError {
        XsdError::Invalid {
            path: self.docs[d].path.clone(),
            line: self.line(d, node),
            what: what.to_string(),
        }
    }

    fn global_element(&mut self, key: &Key) -> Result<ElemId, XsdError> {
        if let Some(&id) = self.set.globals.get(key) {
            return Ok(id);
        }
        let Some(&(d, nid)) = self.element_defs.get(key) else {
            return Err(XsdError::Invalid {
                path: PathBuf::new(),
                line: 0,
                what: format!("no global element '{}' in namespace '{}'", key.1, key.0),
            });
        };
        let node = self.node(d, nid);
        let id = self.set.elements.len();
        // Reserve before compiling the type, so recursive references find it.
        let ns = self.intern(&key.0);
        self.set.elements.push(ElementDecl {
            namespace: key.0.clone(),
            ns,
            name: key.1.clone(),
            ty: 0,
        });
        self.set.globals.insert(key.clone(), id);
        let ty = self.element_type(d, node)?;
        self.set.elements[id].ty = ty;
        Ok(id)
    }

    fn local_element(&mut self, d: usize, node: Node) -> Result<ElemId, XsdError> {
        check_attributes(
            self,
            d,
            node,
            &[
                "name",
                "ref",
                "type",
                "minOccurs",
                "maxOccurs",
                "form",
                "id",
                "block",
                "final",
                "nillable",
                "abstract",
            ],
        )?;
        if let Some(r) = node.attribute("ref") {
            let key = self.qname(d, node, r)?;
            if !self.element_defs.contains_key(&key) {
                return Err(self.invalid(d, node, &format!("ref to undeclared element '{r}'")));
            }
            return self.global_element(&key);
        }
        let Some(name) = node.attribute("name") else {
            return Err(self.invalid(d, node, "xs:element without name or ref"));
        };
        let qualified = match node.attribute("form") {
            Some("qualified") => true,
            Some("unqualified") => false,
            Some(other) => return Err(self.invalid(d, node, &format!("form=\"{other}\""))),
            None => self.docs[d].elements_qualified,
        };
        let namespace = if qualified {
            self.docs[d].target.clone()
        } else {
            String::new()
        };
        let ty = self.element_type(d, node)?;
        let ns = self.intern(&namespace);
        self.set.elements.push(ElementDecl {
            namespace,
            ns,
            name: name.to_string(),
            ty,
        });
        Ok(self.set.elements.len() - 1)
    }

    /// The type of an element declaration: its `type` attribute or its anonymous type.
    fn element_type(&mut self, d: usize, node: Node) -> Result<TypeId, XsdError> {
        for (attr, allowed) in [("nillable", "false"), ("abstract", "false")] {
            if node.attribute(attr).is_some_and(|v| v != allowed) {
                return Err(self.unsupported(
                    d,
                    node,
                    &format!("{attr}=\"{}\"", node.attribute(attr).unwrap_or("")),
                ));
            }
        }
        for attr in ["default", "fixed", "substitutionGroup"] {
            if node.attribute(attr).is_some() {
                return Err(self.unsupported(
                    d,
                    node,
                    &format!("the '{attr}' attribute on xs:element"),
                ));
            }
        }
        let name = node.attribute("name").unwrap_or("?");
        let mut anonymous = None;
        for child in node.children().filter(|n| n.is_element()) {
            match child.tag_name().name() {
                _ if child.tag_name().namespace() != Some(XS) => {
                    return Err(self.unsupported(d, child, "a non-XSD element inside xs:element"))
                }
                "annotation" => {}
                "simpleType" | "complexType" if anonymous.is_none() => anonymous = Some(child),
                other => {
                    return Err(self.unsupported(
                        d,
                        child,
                        &format!("xs:{other} inside xs:element"),
                    ))
                }
            }
        }
        match (node.attribute("type"), anonymous) {
            (Some(_), Some(child)) => Err(self.invalid(
                d,
                child,
                "xs:element has both a type attribute and an anonymous type",
            )),
            (Some(t), None) => self.type_ref(d, node, t),
            (None, Some(child)) => {
                let label = format!("anonymous type of {name}");
                if child.tag_name().name() == "simpleType" {
                    let st = self.simple_type(d, child, label)?;
                    Ok(self.push(TypeDef::Simple(st)))
                } else {
                    self.complex_type(d, child, label)
                }
            }
            (None, None) => Err(self.unsupported(
                d,
                node,
                &format!("element '{name}' without a type (xs:anyType)"),
            )),
        }
    }

    fn intern(&mut self, namespace: &str) -> u32 {
        match self.set.namespace_id(namespace) {
            Some(id) => id,
            None => {
                self.set.namespaces.push(namespace.to_string());
                (self.set.namespaces.len() - 1) as u32
            }
        }
    }

    fn push(&mut self, def: TypeDef) -> TypeId {
        self.set.types.push(def);
        self.set.types.len() - 1
    }

    fn qname(&self, d: usize, node: Node, qname: &str) -> Result<Key, XsdError> {
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, qname),
        };
        let ns = match node.lookup_namespace_uri(prefix) {
            Some(ns) => ns.to_string(),
            None if prefix.is_none() => String::new(),
            None => return Err(self.invalid(d, node, &format!("undeclared prefix in '{qname}'"))),
        };
        Ok((ns, local.to_string()))
    }

    /// Resolve a type name: a built-in, a named simple type or a named complex type.
    fn type_ref(&mut self, d: usize, node: Node, qname: &str) -> Result<TypeId, XsdError> {
        let key = self.qname(d, node, qname)?;
        if key.0 == XS {
            let Some(builtin) = Builtin::from_name(&key.1) else {
                return Err(self.unsupported(d, node, &format!("built-in type xs:{}", key.1)));
            };
            return Ok(self.builtin_type(builtin));
        }
        if let Some(&id) = self.named_types.get(&key) {
            return Ok(id);
        }
        if let Some(&(td, nid)) = self.simple_defs.get(&key) {
            if !self.in_progress.insert(key.clone()) {
                return Err(self.invalid(
                    d,
                    node,
                    &format!("simple type '{qname}' derives from itself"),
                ));
            }
            let def = self.node(td, nid);
            let st = self.simple_type(td, def, key.1.clone())?;
            self.in_progress.remove(&key);
            let id = self.push(TypeDef::Simple(st));
            self.named_types.insert(key, id);
            return Ok(id);
        }
        if let Some(&(td, nid)) = self.complex_defs.get(&key) {
            let def = self.node(td, nid);
            return self.complex_type_named(td, def, key);
        }
        Err(self.invalid(
            d,
            node,
            &format!("type '{qname}' is not declared (namespace '{}')", key.0),
        ))
    }

    fn builtin_type(&mut self, builtin: Builtin) -> TypeId {
        if let Some(&id) = self.builtins.get(&builtin) {
            return id;
        }
        let id = self.push(TypeDef::Simple(SimpleType::builtin(builtin)));
        self.builtins.insert(builtin, id);
        id
    }

    fn simple_of(&self, d: usize, node: Node, id: TypeId) -> Result<SimpleType, XsdError> {
        match &self.set.types[id] {
            TypeDef::Simple(st) => Ok(st.clone()),
            TypeDef::Complex(ct) => Err(self.invalid(
                d,
                node,
                &format!(
                    "'{}' is a complex type where a simple type is required",
                    ct.name
                ),
            )),
        }
    }

    /// Compile an `xs:simpleType` node.
    fn simple_type(&mut self, d: usize, node: Node, name: String) -> Result<SimpleType, XsdError> {
        check_attributes(self, d, node, &["name", "id", "final"])?;
        let mut restriction = None;
        for child in node.children().filter(|n| n.is_element()) {
            match (child.tag_name().namespace(), child.tag_name().name()) {
                (Some(XS), "annotation") => {}
                (Some(XS), "restriction") if restriction.is_none() => restriction = Some(child),
                (Some(XS), other) => {
                    return Err(self.unsupported(
                        d,
                        child,
                        &format!("xs:{other} in xs:simpleType (only xs:restriction is supported)"),
                    ))
                }
                _ => return Err(self.unsupported(d, child, "a non-XSD element in xs:simpleType")),
            }
        }
        let Some(restriction) = restriction else {
            return Err(self.invalid(d, node, "xs:simpleType without xs:restriction"));
        };
        check_attributes(self, d, restriction, &["base", "id"])?;
        let mut base = match restriction.attribute("base") {
            Some(b) => {
                let id = self.type_ref(d, restriction, b)?;
                Some(self.simple_of(d, restriction, id)?)
            }
            None => None,
        };
        let mut step = FacetStep::default();
        let mut whitespace = None;
        for facet in restriction.children().filter(|n| n.is_element()) {
            if facet.tag_name().namespace() != Some(XS) {
                return Err(self.unsupported(d, facet, "a non-XSD element in xs:restriction"));
            }
            let kind = facet.tag_name().name();
            if kind == "annotation" {
                continue;
            }
            if kind == "simpleType" {
                if base.is_some() {
                    return Err(self.invalid(
                        d,
                        facet,
                        "xs:restriction has both a base and an anonymous simple type",
                    ));
                }
                base = Some(self.simple_type(d, facet, format!("base of {name}"))?);
                continue;
            }
            let Some(b) = base.as_ref() else {
                return Err(self.invalid(d, restriction, "xs:restriction without a base type"));
            };
            check_attributes(self, d, facet, &["value", "fixed", "id"])?;
            let Some(value) = facet.attribute("value") else {
                return Err(self.invalid(d, facet, &format!("xs:{kind} without a value")));
            };
            let family = b.builtin.family();
            let applicable = match kind {
                "length" | "minLength" | "maxLength" => family == Family::Text,
                "minInclusive" | "maxInclusive" | "minExclusive" | "maxExclusive" => {
                    matches!(family, Family::Decimal | Family::Temporal)
                }
                "totalDigits" | "fractionDigits" => family == Family::Decimal,
                _ => true,
            };
            if !applicable {
                return Err(self.invalid(
                    d,
                    facet,
                    &format!("facet xs:{kind} does not apply to xs:{}", b.builtin.name()),
                ));
            }
            let count = || -> Result<usize, XsdError> {
                value.trim().parse::<usize>().map_err(|_| {
                    self.invalid(
                        d,
                        facet,
                        &format!("xs:{kind} value '{value}' is not a non-negative integer"),
                    )
                })
            };
            let bound = |this: &Self| -> Result<(String, crate::builtin::Value), XsdError> {
                let lexical = b.builtin.whitespace().apply(value);
                let parsed = b
                    .builtin
                    .parse(&lexical)
                    .map_err(|e| this.invalid(d, facet, &format!("xs:{kind}: {e}")))?;
                Ok((value.to_string(), parsed))
            };
            match kind {
                "pattern" => step
                    .patterns
                    .push(Pattern::compile(value).map_err(|e| self.invalid(d, facet, &e))?),
                "enumeration" => {
                    let lexical = b.whitespace.apply(value);
                    let parsed = b
                        .builtin
                        .parse(&lexical)
                        .map_err(|e| self.invalid(d, facet, &format!("enumeration value: {e}")))?;
                    step.enumeration.push((lexical.into_owned(), parsed));
                }
                "length" => step.length = Some(count()?),
                "minLength" => step.min_length = Some(count()?),
                "maxLength" => step.max_length = Some(count()?),
                "totalDigits" => step.total_digits = Some(count()?),
                "fractionDigits" => step.fraction_digits = Some(count()?),
                "minInclusive" => step.min_inclusive = Some(bound(self)?),
                "maxInclusive" => step.max_inclusive = Some(bound(self)?),
                "minExclusive" => step.min_exclusive = Some(bound(self)?),
                "maxExclusive" => step.max_exclusive = Some(bound(self)?),
                "whiteSpace" => {
                    let Some(ws) = WhiteSpace::from_facet(value) else {
                        return Err(self.invalid(d, facet, &format!("whiteSpace value '{value}'")));
                    };
                    whitespace = Some(ws);
                }
                other => return Err(self.unsupported(d, facet, &format!("facet xs:{other}"))),
            }
        }
        let Some(mut st) = base else {
            return Err(self.invalid(d, restriction, "xs:restriction without a base type"));
        };
        if let Some(ws) = whitespace {
            // XSD Part 2 §4.3.6: a restriction may only make whitespace handling stricter.
            if ws < st.whitespace {
                return Err(self.invalid(
                    d,
                    restriction,
                    "whiteSpace facet weaker than the base type's",
                ));
            }
            st.whitespace = ws;
        }
        st.name = name;
        if st.builtin.family() == Family::Text {
            step.sorted_text_enumeration =
                step.enumeration.iter().map(|(l, _)| l.clone()).collect();
            step.sorted_text_enumeration
                .sort_by(|a, b| crate::simple::enumeration_order(a, b));
            step.short_text_keys = step
                .enumeration
                .iter()
                .filter_map(|(l, _)| crate::simple::short_text_key(l))
                .collect();
            step.short_text_keys.sort_unstable();
        }
        st.steps.push(step);
        Ok(st.finish())
    }

    fn complex_type_named(&mut self, d: usize, node: Node, key: Key) -> Result<TypeId, XsdError> {
        let id = self.reserve_complex(key.1.clone());
        self.named_types.insert(key, id);
        self.fill_complex(d, node, id)?;
        Ok(id)
    }

    fn complex_type(&mut self, d: usize, node: Node, name: String) -> Result<TypeId, XsdError> {
        let id = self.reserve_complex(name);
        self.fill_complex(d, node, id)?;
        Ok(id)
    }

    fn reserve_complex(&mut self, name: String) -> TypeId {
        self.push(TypeDef::Complex(ComplexType {
            name,
            content: Content::Empty,
            attributes: Vec::new(),
        }))
    }

    fn fill_complex(&mut self, d: usize, node: Node, id: TypeId) -> Result<(), XsdError> {
        check_attributes(
            self,
            d,
            node,
            &["name", "mixed", "abstract", "id", "block", "final"],
        )?;
        for attr in ["mixed", "abstract"] {
            if node.attribute(attr).is_some_and(|v| v != "false") {
                return Err(self.unsupported(
                    d,
                    node,
                    &format!("{attr}=\"true\" on xs:complexType"),
                ));
            }
        }
        let mut content = Content::Empty;
        let mut attributes = Vec::new();
        let mut seen_model = false;
        for child in node.children().filter(|n| n.is_element()) {
            if child.tag_name().namespace() != Some(XS) {
                return Err(self.unsupported(d, child, "a non-XSD element in xs:complexType"));
            }
            match child.tag_name().name() {
                "annotation" => {}
                "sequence" | "choice" if !seen_model => {
                    seen_model = true;
                    let particle = self.particle(d, child)?;
                    let dfa = content::compile(&particle, &self.set.elements)
                        .map_err(|e| self.invalid(d, child, &e))?;
                    content = Content::Elements(dfa);
                }
                "simpleContent" if !seen_model => {
                    seen_model = true;
                    let (ty, attrs) = self.simple_content(d, child)?;
                    content = Content::Simple(ty);
                    attributes.extend(attrs);
                }
                "attribute" => attributes.push(self.attribute(d, child)?),
                other => {
                    return Err(self.unsupported(
                        d,
                        child,
                        &format!("xs:{other} in xs:complexType"),
                    ))
                }
            }
        }
        if let TypeDef::Complex(ct) = &mut self.set.types[id] {
            ct.content = content;
            ct.attributes = attributes;
        }
        Ok(())
    }

    fn simple_content(
        &mut self,
        d: usize,
        node: Node,
    ) -> Result<(TypeId, Vec<AttributeDecl>), XsdError> {
        let Some(ext) = node
            .children()
            .find(|n| n.is_element() && !is_xs(*n, "annotation"))
        else {
            return Err(self.invalid(d, node, "empty xs:simpleContent"));
        };
        if !is_xs(ext, "extension") {
            return Err(self.unsupported(d, ext, "xs:simpleContent other than xs:extension"));
        }
        check_attributes(self, d, ext, &["base", "id"])?;
        let Some(base) = ext.attribute("base") else {
            return Err(self.invalid(d, ext, "xs:extension without base"));
        };
        let ty = self.type_ref(d, ext, base)?;
        self.simple_of(d, ext, ty)?;
        let mut attrs = Vec::new();
        for child in ext.children().filter(|n| n.is_element()) {
            match child.tag_name().name() {
                "annotation" if is_xs(child, "annotation") => {}
                "attribute" if is_xs(child, "attribute") => attrs.push(self.attribute(d, child)?),
                other => {
                    return Err(self.unsupported(d, child, &format!("xs:{other} in xs:extension")))
                }
            }
        }
        Ok((ty, attrs))
    }

    fn attribute(&mut self, d: usize, node: Node) -> Result<AttributeDecl, XsdError> {
        check_attributes(self, d, node, &["name", "type", "use", "form", "id"])?;
        let Some(name) = node.attribute("name") else {
            return Err(self.unsupported(d, node, "xs:attribute without a name (ref)"));
        };
        let required = match node.attribute("use") {
            None | Some("optional") => false,
            Some("required") => true,
            Some(other) => {
                return Err(self.unsupported(d, node, &format!("use=\"{other}\" on xs:attribute")))
            }
        };
        let qualified = match node.attribute("form") {
            Some(f) => f == "qualified",
            None => self.docs[d].attributes_qualified,
        };
        let inline = node.children().find(|n| is_xs(*n, "simpleType"));
        let ty = match (node.attribute("type"), inline) {
            (Some(t), None) => {
                let id = self.type_ref(d, node, t)?;
                self.simple_of(d, node, id)?;
                id
            }
            (None, Some(st)) => {
                let st = self.simple_type(d, st, format!("anonymous type of attribute {name}"))?;
                self.push(TypeDef::Simple(st))
            }
            (None, None) => self.builtin_type(Builtin::AnySimpleType),
            (Some(_), Some(_)) => {
                return Err(self.invalid(d, node, "xs:attribute with both type and anonymous type"))
            }
        };
        Ok(AttributeDecl {
            namespace: if qualified {
                self.docs[d].target.clone()
            } else {
                String::new()
            },
            name: name.to_string(),
            ty,
            required,
        })
    }

    fn occurs(&self, d: usize, node: Node) -> Result<(u32, Option<u32>), XsdError> {
        let parse = |v: &str| {
            v.trim()
                .parse::<u32>()
                .map_err(|_| self.invalid(d, node, &format!("occurrence value '{v}'")))
        };
        let min = node
            .attribute("minOccurs")
            .map(parse)
            .transpose()?
            .unwrap_or(1);
        let max = match node.attribute("maxOccurs") {
            Some("unbounded") => None,
            Some(v) => Some(parse(v)?),
            None => Some(1),
        };
        if max.is_some_and(|m| m < min) {
            return Err(self.invalid(d, node, "maxOccurs is less than minOccurs"));
        }
        Ok((min, max))
    }

    fn particle(&mut self, d: usize, node: Node) -> Result<Particle, XsdError> {
        let (min, max) = self.occurs(d, node)?;
        let term = match node.tag_name().name() {
            "element" => {
                let elem = self.local_element(d, node)?;
                self.next_particle += 1;
                Term::Element(elem, self.next_particle)
            }
            kind @ ("sequence" | "choice") => {
                check_attributes(self, d, node, &["minOccurs", "maxOccurs", "id"])?;
                let mut items = Vec::new();
                for child in node.children().filter(|n| n.is_element()) {
                    match (child.tag_name().namespace(), child.tag_name().name()) {
                        (Some(XS), "annotation") => {}
                        (Some(XS), "element" | "sequence" | "choice") => {
                            items.push(self.particle(d, child)?)
                        }
                        (Some(XS), other) => {
                            return Err(self.unsupported(
                                d,
                                child,
                                &format!("xs:{other} in xs:{kind}"),
                            ))
                        }
                        _ => {
                            return Err(self.unsupported(
                                d,
                                child,
                                &format!("a non-XSD element in xs:{kind}"),
                            ))
                        }
                    }
                }
                if kind == "sequence" {
                    Term::Sequence(items)
                } else {
                    Term::Choice(items)
                }
            }
            other => return Err(self.unsupported(d, node, &format!("xs:{other} as a particle"))),
        };
        Ok(Particle { term, min, max })
    }
}

/// Refuse attributes outside `allowed` (in no namespace): an attribute we do not know could
/// change the meaning of the declaration, and we never validate more loosely than the schema.
fn check_attributes(c: &Compiler, d: usize, node: Node, allowed: &[&str]) -> Result<(), XsdError> {
    for attr in node.attributes() {
        if attr.namespace().is_none() && !allowed.contains(&attr.name()) {
            return Err(c.unsupported(
                d,
                node,
                &format!(
                    "attribute '{}' on xs:{}",
                    attr.name(),
                    node.tag_name().name()
                ),
            ));
        }
    }
    Ok(())
}
