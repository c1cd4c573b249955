//! Shared by this crate's integration tests: the xmllint oracle (the same file the unit tests
//! use) and the location of the test files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

#[path = "../../src/oracle.rs"]
mod oracle;
#[allow(unused_imports)] // not every test binary uses every helper
pub use oracle::*;

pub fn here(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(rel)
}

/// The hand-written construct schemas, `tests/constructs/NAME.xsd`, sorted; each one's documents
/// are in `tests/constructs/NAME/`.
pub fn construct_schemas() -> Vec<PathBuf> {
    let mut schemas: Vec<PathBuf> = std::fs::read_dir(here("constructs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xsd"))
        .collect();
    schemas.sort();
    schemas
}

/// The documents of one construct schema (`tests/constructs/NAME/*` for `NAME.xsd`), sorted.
pub fn construct_documents(xsd: &Path) -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(xsd.with_extension(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    docs.sort();
    docs
}
