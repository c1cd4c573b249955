//! `iwmo-xsd`: a streaming validator for the XSD 1.0 subset the iStandaarden use.
//!
//! This crate owns control level 1: it loads a set of XSD files (following `xs:import` across
//! namespaces), compiles them once into a [`SchemaSet`], and validates documents against it in
//! one streaming pass, collecting every error with its element path, line and column.
//!
//! It knows nothing about iWmo: no message codes, no business rules, no I/O beyond reading the
//! schema files it is pointed at. A construct outside the supported subset is refused when the
//! schema is loaded, never ignored. Hostile documents (a DOCTYPE, entity declarations, oversized
//! or deeply nested input) are rejected with an error; validation never panics.
//!
//! Start with [`SchemaSet::load`] and [`SchemaSet::validate`]:
//!
//! ```no_run
//! use iwmo_xsd::SchemaSet;
//!
//! let schemas = SchemaSet::load(["schemas/iwmo/3.2/WMO305.xsd"])?;
//! let report = schemas.validate(&std::fs::read("bericht.xml")?);
//! for error in &report.errors {
//!     eprintln!("{}:{}: {}: {}", error.line, error.column, error.path, error.message);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod builtin;
mod error;
mod regex;

pub use error::XsdError;
mod content;
mod load;
#[cfg(test)]
mod oracle;
mod report;
mod scan;
mod schema;
mod simple;
mod tree;
mod validate;

pub use report::{ErrorKind, Limits, Report, ValidationError};
pub use schema::{LeafFacets, SchemaSet};
pub use tree::{ElementTree, Node};
