//! The one error type of this crate.

/// What went wrong while reading a message or building a value.
///
/// Reading errors carry the element path from the root (local names, `/Bericht/Client/Bsn`),
/// so a user can find the spot without the crate printing any content it should not (a BSN is
/// never put in full into an error).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The input is not well-formed XML (or not UTF-8, or holds a DTD).
    #[error("not a well-formed XML document: {message}")]
    NotXml {
        /// The parser's description, with line and column.
        message: String,
    },
    /// The root element is not `Bericht`.
    #[error("the root element is {found}, expected Bericht")]
    UnexpectedRoot {
        /// The local name of the root element found.
        found: String,
    },
    /// The root element's namespace is not an iWmo or iEb message namespace at all.
    #[error("unknown namespace {namespace:?}: not an iWmo or iEb message (expected http://www.istandaarden.nl/iwmo/3_2/wmoNNN/schema or http://www.istandaarden.nl/ieb/4_0/wmoNNN/schema)")]
    UnknownNamespace {
        /// The namespace URI of the root element (empty when it has none).
        namespace: String,
    },
    /// A message namespace of an iWmo release other than 3.2, or an iEb release other than 4.0.
    #[error("{standard} release {release} is not supported (namespace {namespace:?}); this model reads iWmo 3.2 and iEb 4.0")]
    UnsupportedRelease {
        /// The standard the namespace names: `iWmo` or `iEb`.
        standard: &'static str,
        /// The release as written in the namespace (`2_1`, `3_1`, …).
        release: String,
        /// The namespace URI of the root element.
        namespace: String,
    },
    /// An iWmo 3.2 or iEb 4.0 namespace of a message this model does not know.
    #[error("unknown {standard} message {message:?} (namespace {namespace:?}); this model knows WMO301 … WMO325 of iWmo 3.2 and WMO405/WMO406 of iEb 4.0")]
    UnknownMessage {
        /// The standard and release the namespace names: `iWmo 3.2` or `iEb 4.0`.
        standard: &'static str,
        /// The message part of the namespace (`wmo999`).
        message: String,
        /// The namespace URI of the root element.
        namespace: String,
    },
    /// A required element is missing (or is not where the sequence needs it).
    #[error("{path}: required element {element} is missing")]
    MissingElement {
        /// The path of the parent element.
        path: String,
        /// The local name of the missing element.
        element: &'static str,
    },
    /// An element that has no place at this point of the sequence, or is in the wrong namespace.
    #[error("{path}: unexpected element {found}")]
    UnexpectedElement {
        /// The path of the parent element.
        path: String,
        /// The element found, as `{namespace}name`.
        found: String,
    },
    /// A value that does not fit its datatype.
    #[error("{path}: {value:?} is not {expected}")]
    InvalidValue {
        /// The path of the element.
        path: String,
        /// The value found (a BSN is masked).
        value: String,
        /// What the datatype requires.
        expected: String,
    },
    /// The BerichtCode does not belong to the message the namespace names (iWmo only: the
    /// iEb 4.0 BerichtCodes are not known and are kept as read).
    #[error("BerichtCode {found:?} does not match the message namespace (expected {expected})")]
    WrongBerichtCode {
        /// The code of the message kind (`414` for WMO301).
        expected: &'static str,
        /// The code found.
        found: String,
    },
    /// A code that is not in its code list.
    #[error("{code:?} is not a code of {list}")]
    UnknownCode {
        /// The basisschema type of the list (`LDT_Geslacht`, `ieb:LDT_RetourCode`).
        list: &'static str,
        /// The code given.
        code: String,
    },
    /// A BSN that is not nine ASCII digits.
    #[error("a BSN is nine digits (got {length} characters)")]
    InvalidBsn {
        /// The number of characters given.
        length: usize,
    },
}
