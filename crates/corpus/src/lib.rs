//! `iwmo-corpus`: test support for cross-checking `iwmo-xsd` against libxml2.
//!
//! This crate owns three things. First, generating mutated documents from valid ones
//! ([`mutations`]): every element deleted, duplicated, swapped, renamespaced, every leaf value
//! emptied, padded, stretched past its `maxLength`, turned into an impossible date, and so on,
//! deterministically. Second, running the oracle, libxml2's `xmllint --schema`, over many
//! documents at once ([`xmllint_verdicts`]). Third, locating the shared reference files
//! ([`reference_dir`], [`reference_examples`]) and staging their schemas so that xmllint can load
//! them ([`StagedSchemas`]).
//!
//! It is never a dependency of the engine: only tests and benches use it (`publish = false`).
//! It never copies a reference file into the repository; staging goes to a temporary directory.
//! Being test support, its I/O helpers panic with a clear message instead of returning errors.
//!
//! Start with [`reference_corpus`], which stages every reference schema and builds the full
//! corpus (each example followed by its mutants):
//!
//! ```no_run
//! use iwmo_corpus::{reference_corpus, require_xmllint, xmllint_verdicts};
//! use iwmo_xsd::SchemaSet;
//!
//! let corpus = reference_corpus();
//! for group in &corpus.groups {
//!     let schemas = SchemaSet::load([&group.xsd])?;
//!     let ours: Vec<bool> = group
//!         .docs
//!         .iter()
//!         .map(|d| schemas.validate(d.xml.as_bytes()).is_valid())
//!         .collect();
//!     if require_xmllint() {
//!         assert_eq!(ours, xmllint_verdicts(&group.xsd, &group.docs));
//!     }
//! }
//! # Ok::<(), iwmo_xsd::XsdError>(())
//! ```
#![deny(missing_docs)]

mod mutate;
mod oracle;
mod reference;

pub use mutate::{mutations, Mutant};
pub use oracle::{require_xmllint, xmllint_stderr, xmllint_verdicts};
pub use reference::{
    reference_corpus, reference_dir, reference_examples, Corpus, Example, Group, StagedSchemas,
};
