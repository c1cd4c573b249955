use std::path::PathBuf;

/// Why a set of schema files could not be loaded or compiled.
#[derive(Debug, thiserror::Error)]
pub enum XsdError {
    /// A schema file could not be read.
    #[error("cannot read schema {path}: {source}")]
    Io {
        /// The file that failed.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A schema file is not well-formed XML.
    #[error("schema {path} is not well-formed XML: {message}")]
    NotXml {
        /// The file that failed.
        path: PathBuf,
        /// What the XML parser reported.
        message: String,
    },
    /// A schema uses a construct this validator does not implement. It is refused rather than
    /// ignored, so a schema never validates more loosely than it says.
    #[error("{path}:{line}: unsupported XSD construct: {what}")]
    Unsupported {
        /// The schema file.
        path: PathBuf,
        /// Line of the construct in the schema file.
        line: u32,
        /// What is not supported, and where.
        what: String,
    },
    /// A schema is invalid: a dangling type reference, a bad facet value, a bad pattern.
    #[error("{path}:{line}: invalid schema: {what}")]
    Invalid {
        /// The schema file.
        path: PathBuf,
        /// Line in the schema file.
        line: u32,
        /// What is wrong.
        what: String,
    },
    /// No schema was given, or the given schemas declare no global element.
    #[error("no global element is declared in {0}")]
    NoElements(String),
}
