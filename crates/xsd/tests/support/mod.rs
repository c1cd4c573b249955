//! Shared by this crate's integration tests: the xmllint oracle.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// True when xmllint can run. When it cannot, the test is skipped only if `IWMO_SKIP_XMLLINT`
/// says so on purpose; otherwise the test fails, so CI never silently skips the oracle.
pub fn require_xmllint() -> bool {
    let ok = Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return true;
    }
    if std::env::var_os("IWMO_SKIP_XMLLINT").is_some() {
        eprintln!("xmllint not found; skipped on purpose because IWMO_SKIP_XMLLINT is set");
        return false;
    }
    panic!(
        "xmllint not found: install libxml2-utils, or set IWMO_SKIP_XMLLINT=1 to skip on purpose"
    );
}

/// xmllint's verdict for each file, validated against `xsd` in one process.
pub fn xmllint_verdicts(xsd: &Path, files: &[PathBuf]) -> Vec<bool> {
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd)
        .args(files)
        .output()
        .expect("xmllint runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    files
        .iter()
        .map(|f| {
            let name = f.display().to_string();
            if stderr.lines().any(|l| l == format!("{name} validates")) {
                true
            } else if stderr
                .lines()
                .any(|l| l == format!("{name} fails to validate"))
            {
                false
            } else {
                // A parser error ends xmllint's work on that file without a verdict line.
                !stderr.contains(&name) && panic!("xmllint gave no verdict for {name}:\n{stderr}")
            }
        })
        .collect()
}

pub fn xmllint_refuses_schema(xsd: &Path) -> bool {
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd)
        .arg("/dev/null")
        .output()
        .expect("xmllint runs");
    String::from_utf8_lossy(&output.stderr).contains("failed to compile")
}

pub fn here(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(rel)
}
