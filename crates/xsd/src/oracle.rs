//! The xmllint oracle of this crate's tests: whether xmllint is there (and the rule for skipping
//! when it is not), its verdicts on files, scratch folders. One file for both kinds of tests: the
//! unit tests use it as the `cfg(test)` module `oracle`, the integration tests include it by path
//! from `tests/support`. It is never part of the library.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

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
    try_xmllint_verdicts(xsd, files)
        .unwrap_or_else(|| panic!("xmllint cannot compile {}", xsd.display()))
}

/// As [`xmllint_verdicts`], or `None` when xmllint refuses to compile the schema.
pub fn try_xmllint_verdicts(xsd: &Path, files: &[PathBuf]) -> Option<Vec<bool>> {
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd)
        .args(files)
        .output()
        .expect("xmllint runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr
        .lines()
        .any(|l| l.starts_with("WXS schema") && l.ends_with("failed to compile"))
    {
        return None;
    }
    let verdicts = files
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
        .collect();
    Some(verdicts)
}

/// Whether xmllint refuses to compile `xsd`.
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

/// A scratch folder under the system temp folder, removed again when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// A new, empty folder whose name starts with `label`.
    pub fn new(label: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "iwmo-xsd-{label}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create a scratch folder");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Best effort: a leftover temporary folder is harmless.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
