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
