//! The compiled schema set: element declarations, types and content automata, ready to
//! validate any number of documents.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::Dfa;
use crate::report::{Limits, Report};
use crate::simple::SimpleType;
use crate::tree::ElementTree;
use crate::XsdError;

pub(crate) type ElemId = usize;
pub(crate) type TypeId = usize;

/// A set of XSD files compiled together, with every import resolved. Cheap to share between
/// threads (`Sync`); compile once, validate many documents.
#[derive(Debug, Clone)]
pub struct SchemaSet {
    pub(crate) elements: Vec<ElementDecl>,
    pub(crate) types: Vec<TypeDef>,
    /// Global element declarations by (namespace URI, local name).
    pub(crate) globals: HashMap<(String, String), ElemId>,
    /// Every namespace URI of an element declaration, indexed by [`ElementDecl::ns`], so the
    /// validator compares small integers, not URIs, per element.
    pub(crate) namespaces: Vec<String>,
    pub(crate) files: Vec<PathBuf>,
}

#[derive(Debug, Clone)]
pub(crate) struct ElementDecl {
    /// Namespace URI; empty for no namespace.
    pub(crate) namespace: String,
    /// Index of `namespace` in [`SchemaSet::namespaces`].
    pub(crate) ns: u32,
    pub(crate) name: String,
    pub(crate) ty: TypeId,
}

#[derive(Debug, Clone)]
pub(crate) enum TypeDef {
    Simple(SimpleType),
    Complex(ComplexType),
}

#[derive(Debug, Clone)]
pub(crate) struct ComplexType {
    pub(crate) name: String,
    pub(crate) content: Content,
    pub(crate) attributes: Vec<AttributeDecl>,
}

#[derive(Debug, Clone)]
pub(crate) enum Content {
    /// No children and no character data.
    Empty,
    /// Element-only content, driven by the automaton.
    Elements(Dfa),
    /// Character data of a simple type (`xs:simpleContent`).
    Simple(TypeId),
}

#[derive(Debug, Clone)]
pub(crate) struct AttributeDecl {
    pub(crate) namespace: String,
    pub(crate) name: String,
    pub(crate) ty: TypeId,
    pub(crate) required: bool,
}

/// The facets in force on a simple-typed element, aggregated over its derivation steps. For
/// test-corpus generators that need to know how long is too long.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeafFacets {
    /// Local name of the built-in type the element's type derives from (`string`, `date`).
    pub builtin: &'static str,
    /// The tightest `minLength` (or `length`).
    pub min_length: Option<usize>,
    /// The tightest `maxLength` (or `length`).
    pub max_length: Option<usize>,
    /// The enumeration of the most derived step that has one.
    pub enumeration: Vec<String>,
    /// Every pattern, of every step.
    pub patterns: Vec<String>,
    /// The tightest `totalDigits`.
    pub total_digits: Option<usize>,
    /// `maxInclusive` of the most derived step that has one, as written.
    pub max_inclusive: Option<String>,
    /// `minInclusive` of the most derived step that has one, as written.
    pub min_inclusive: Option<String>,
}

impl SchemaSet {
    /// Load the given schema files and everything they import, and compile them.
    pub fn load<P: AsRef<Path>>(files: impl IntoIterator<Item = P>) -> Result<SchemaSet, XsdError> {
        let files: Vec<PathBuf> = files
            .into_iter()
            .map(|p| p.as_ref().to_path_buf())
            .collect();
        crate::load::load(&files)
    }

    /// Load every `.xsd` file below `dir` (recursively), as [`SchemaSet::load`].
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<SchemaSet, XsdError> {
        let mut files = Vec::new();
        collect_xsd_files(dir.as_ref(), &mut files)?;
        files.sort();
        if files.is_empty() {
            return Err(XsdError::NoElements(format!(
                "{} (no .xsd files found)",
                dir.as_ref().display()
            )));
        }
        crate::load::load(&files)
    }

    /// Validate one document with the default [`Limits`].
    pub fn validate(&self, document: &[u8]) -> Report {
        self.validate_with(document, &Limits::default())
    }

    /// Validate one document with explicit limits.
    pub fn validate_with(&self, document: &[u8], limits: &Limits) -> Report {
        crate::validate::validate(self, document, limits)
    }

    /// Validate one document with the default [`Limits`] and, when it is valid, give its
    /// [`ElementTree`] too, built in the same pass: for a reader that would otherwise parse
    /// the document again. `None` when the document is not valid. Costs a little more than
    /// [`SchemaSet::validate`] (one small record per element), which builds nothing.
    pub fn validate_tree<'a>(&'a self, document: &'a [u8]) -> (Report, Option<ElementTree<'a>>) {
        self.validate_tree_with(document, &Limits::default())
    }

    /// [`SchemaSet::validate_tree`] with explicit limits.
    pub fn validate_tree_with<'a>(
        &'a self,
        document: &'a [u8],
        limits: &Limits,
    ) -> (Report, Option<ElementTree<'a>>) {
        crate::validate::validate_tree(self, document, limits)
    }

    /// The global elements, as (namespace URI, local name), sorted.
    pub fn global_elements(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = self
            .globals
            .keys()
            .map(|(ns, name)| (ns.as_str(), name.as_str()))
            .collect();
        out.sort();
        out
    }

    /// The id of a namespace URI used by some element declaration.
    pub(crate) fn namespace_id(&self, uri: &str) -> Option<u32> {
        self.namespaces
            .iter()
            .position(|n| n == uri)
            .map(|i| i as u32)
    }

    /// The schema files that were loaded, imports included.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The facets of the simple type of the element at `path`, a list of (namespace URI, local
    /// name) from the root. `None` when the path leaves the schema or ends at a complex type
    /// without simple content.
    pub fn leaf_facets(&self, path: &[(&str, &str)]) -> Option<LeafFacets> {
        let (first, rest) = path.split_first()?;
        let mut elem = *self
            .globals
            .get(&(first.0.to_string(), first.1.to_string()))?;
        for (ns, name) in rest {
            let TypeDef::Complex(ct) = &self.types[self.elements[elem].ty] else {
                return None;
            };
            let Content::Elements(dfa) = &ct.content else {
                return None;
            };
            elem = dfa
                .states
                .iter()
                .flat_map(|s| s.transitions.iter())
                .map(|t| t.elem)
                .find(|&e| self.elements[e].name == *name && self.elements[e].namespace == *ns)?;
        }
        let st = match &self.types[self.elements[elem].ty] {
            TypeDef::Simple(st) => st,
            TypeDef::Complex(ComplexType {
                content: Content::Simple(ty),
                ..
            }) => match &self.types[*ty] {
                TypeDef::Simple(st) => st,
                TypeDef::Complex(_) => return None,
            },
            TypeDef::Complex(_) => return None,
        };
        let mut facets = LeafFacets {
            builtin: st.builtin.name(),
            ..LeafFacets::default()
        };
        for step in &st.steps {
            let min = step.length.or(step.min_length);
            let max = step.length.or(step.max_length);
            facets.min_length = tighter(facets.min_length, min, usize::max);
            facets.max_length = tighter(facets.max_length, max, usize::min);
            facets.total_digits = tighter(facets.total_digits, step.total_digits, usize::min);
            if !step.enumeration.is_empty() {
                facets.enumeration = step.enumeration.iter().map(|(l, _)| l.clone()).collect();
            }
            facets
                .patterns
                .extend(step.patterns.iter().map(|p| p.source().to_string()));
            if let Some((l, _)) = &step.max_inclusive {
                facets.max_inclusive = Some(l.clone());
            }
            if let Some((l, _)) = &step.min_inclusive {
                facets.min_inclusive = Some(l.clone());
            }
        }
        Some(facets)
    }
}

fn tighter(a: Option<usize>, b: Option<usize>, pick: fn(usize, usize) -> usize) -> Option<usize> {
    match (a, b) {
        (Some(a), Some(b)) => Some(pick(a, b)),
        (a, b) => a.or(b),
    }
}

fn collect_xsd_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), XsdError> {
    let io = |source| XsdError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            collect_xsd_files(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xsd"))
        {
            out.push(path);
        }
    }
    Ok(())
}
