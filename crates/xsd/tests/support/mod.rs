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

/// The paths in `dir`, sorted.
fn sorted_paths(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
}

/// The hand-written construct schemas, `tests/constructs/NAME.xsd`, sorted; each one's documents
/// are in `tests/constructs/NAME/`.
pub fn construct_schemas() -> Vec<PathBuf> {
    sorted_paths(&here("constructs"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xsd"))
        .collect()
}

/// The documents of one construct schema (`tests/constructs/NAME/*` for `NAME.xsd`), sorted.
pub fn construct_documents(xsd: &Path) -> Vec<PathBuf> {
    sorted_paths(&xsd.with_extension(""))
}
