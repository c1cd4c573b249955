//! What validation of one document produces: its errors, each with where and why.

use std::fmt;

/// Caps that keep a hostile or broken document from costing more than it should.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest document accepted, in bytes. Default 25 MB (OP179: the GGk's file limit).
    pub max_bytes: usize,
    /// Deepest element nesting accepted. iWmo messages nest about 7 deep. Default 64.
    pub max_depth: usize,
    /// Errors collected before validation stops. Default 100.
    pub max_errors: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 25 * 1000 * 1000,
            max_depth: 64,
            max_errors: 100,
        }
    }
}

/// The result of validating one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every error found, in document order, up to [`Limits::max_errors`].
    pub errors: Vec<ValidationError>,
    /// True when validation stopped early at the error cap; more errors may exist.
    pub truncated: bool,
}

impl Report {
    /// Whether the document is valid: no errors at all.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// One reason a document is invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// What kind of check failed.
    pub kind: ErrorKind,
    /// Element path of local names from the root, like `/Bericht/Client/Bsn`; a repeated
    /// sibling carries its position from the second one on (`StartProduct[2]`). Empty when the
    /// error is about the document as a whole (not XML, too large).
    pub path: String,
    /// 1-based line of the start of the offending construct.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// What was expected and what was found.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: [{}] {}",
            self.line,
            self.column,
            if self.path.is_empty() {
                "/"
            } else {
                &self.path
            },
            self.kind,
            self.message
        )
    }
}

/// The check that failed: a facet, a content-model rule, or a document-level rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not well-formed XML (or not UTF-8).
    NotWellFormed,
    /// The input has a DOCTYPE or entity declaration; refused for safety.
    Doctype,
    /// The input exceeds [`Limits::max_bytes`].
    TooLarge,
    /// The input nests deeper than [`Limits::max_depth`].
    TooDeep,
    /// No global element declaration matches the root element.
    UnknownRoot,
    /// A child element that the content model does not allow at this place.
    UnexpectedElement,
    /// The element ended before all required children appeared.
    MissingElement,
    /// Character data where the type allows only elements, or an element inside simple content.
    MixedContent,
    /// An attribute that is not declared, missing, or invalid.
    Attribute,
    /// The value is not in the lexical space of the built-in type (a date that does not exist).
    Datatype,
    /// The `pattern` facet.
    Pattern,
    /// The `enumeration` facet.
    Enumeration,
    /// The `length` facet.
    Length,
    /// The `minLength` facet.
    MinLength,
    /// The `maxLength` facet.
    MaxLength,
    /// The `minInclusive` facet.
    MinInclusive,
    /// The `maxInclusive` facet.
    MaxInclusive,
    /// The `minExclusive` facet.
    MinExclusive,
    /// The `maxExclusive` facet.
    MaxExclusive,
    /// The `totalDigits` facet.
    TotalDigits,
    /// The `fractionDigits` facet.
    FractionDigits,
}

impl ErrorKind {
    /// A short stable name, used in reports and JSON output.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::NotWellFormed => "well-formedness",
            ErrorKind::Doctype => "doctype",
            ErrorKind::TooLarge => "size",
            ErrorKind::TooDeep => "depth",
            ErrorKind::UnknownRoot => "root",
            ErrorKind::UnexpectedElement => "content-model",
            ErrorKind::MissingElement => "content-model",
            ErrorKind::MixedContent => "content-model",
            ErrorKind::Attribute => "attribute",
            ErrorKind::Datatype => "datatype",
            ErrorKind::Pattern => "pattern",
            ErrorKind::Enumeration => "enumeration",
            ErrorKind::Length => "length",
            ErrorKind::MinLength => "minLength",
            ErrorKind::MaxLength => "maxLength",
            ErrorKind::MinInclusive => "minInclusive",
            ErrorKind::MaxInclusive => "maxInclusive",
            ErrorKind::MinExclusive => "minExclusive",
            ErrorKind::MaxExclusive => "maxExclusive",
            ErrorKind::TotalDigits => "totalDigits",
            ErrorKind::FractionDigits => "fractionDigits",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
