//! The oracle: libxml2's `xmllint --schema`, run over many documents per process.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::mutate::Mutant;

/// Files per xmllint process: keeps the argument list far below the kernel's limit.
const CHUNK: usize = 500;

/// Set to skip the xmllint tests on a machine without libxml2-utils, on purpose.
const SKIP_VAR: &str = "IWMO_SKIP_XMLLINT";

/// Whether `xmllint` is available. When it is not, returns `false` only if the environment
/// variable `IWMO_SKIP_XMLLINT` is set (and says the test is skipped on purpose).
///
/// # Panics
/// When xmllint is missing and `IWMO_SKIP_XMLLINT` is not set: a silently skipped oracle test
/// would prove nothing.
pub fn require_xmllint() -> bool {
    let runs = Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if runs {
        return true;
    }
    if std::env::var_os(SKIP_VAR).is_some() {
        eprintln!("xmllint not found; {SKIP_VAR} is set, so this test is skipped on purpose");
        return false;
    }
    panic!(
        "xmllint is not installed: install libxml2-utils (apt-get install libxml2-utils), \
         or set {SKIP_VAR}=1 to skip the tests that need it"
    );
}

/// libxml2's verdict on each document, in order: `true` when `xmllint --noout --schema XSD`
/// says `validates`, `false` when it says `fails to validate` or reports any other error for
/// the file (a parser error, for which xmllint prints no verdict line).
///
/// The documents are written to a temporary directory and validated by one xmllint process per
/// 500 files, so the schema is parsed once per chunk, not once per document.
///
/// # Panics
/// When xmllint cannot be run, or gives some file no verdict at all (the schema did not
/// compile, a file was not found): the panic message carries xmllint's stderr.
pub fn xmllint_verdicts(xsd: &Path, docs: &[Mutant]) -> Vec<bool> {
    let xsd = absolute(xsd);
    let dir = tempfile::Builder::new()
        .prefix("iwmo-xmllint-")
        .tempdir()
        .unwrap_or_else(|e| panic!("cannot create a temporary directory: {e}"));
    let names: Vec<String> = (0..docs.len()).map(|i| format!("d{i:06}.xml")).collect();
    for (name, doc) in names.iter().zip(docs) {
        let path = dir.path().join(name);
        fs::write(&path, &doc.xml)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
    let mut verdicts = Vec::with_capacity(docs.len());
    for (c, chunk) in names.chunks(CHUNK).enumerate() {
        let output = run_xmllint(&xsd, dir.path(), chunk);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let found = parse_verdicts(&stderr, chunk);
        for (k, verdict) in found.into_iter().enumerate() {
            let Some(verdict) = verdict else {
                let doc = &docs[c * CHUNK + k];
                panic!(
                    "xmllint gave no verdict for {} ({}) against {} (exit {:?}); stderr:\n{stderr}",
                    chunk[k],
                    doc.name,
                    xsd.display(),
                    output.status.code()
                );
            };
            verdicts.push(verdict);
        }
    }
    verdicts
}

/// What xmllint prints (stderr) when validating one document against `xsd`: its error
/// messages and verdict, for showing next to a disagreement.
///
/// # Panics
/// When xmllint cannot be run or the temporary file cannot be written.
pub fn xmllint_stderr(xsd: &Path, xml: &str) -> String {
    let xsd = absolute(xsd);
    let dir = tempfile::Builder::new()
        .prefix("iwmo-xmllint-")
        .tempdir()
        .unwrap_or_else(|e| panic!("cannot create a temporary directory: {e}"));
    let name = "doc.xml".to_string();
    let path = dir.path().join(&name);
    fs::write(&path, xml).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    let output = run_xmllint(&xsd, dir.path(), &[name]);
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn run_xmllint(xsd: &Path, dir: &Path, files: &[String]) -> Output {
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd)
        .args(files)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run xmllint: {e} (install libxml2-utils)"));
    // The exit code is the worst over all files (1 parse error, 3 invalid, 5 schema did not
    // compile); the per-file lines decide, and missing ones are reported by the caller. Only a
    // signal means xmllint itself broke.
    if output.status.code().is_none() {
        panic!(
            "xmllint failed ({}); stderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    output
}

/// One verdict per file of `files`: `Some(true)` on `"<file> validates"`, `Some(false)` on
/// `"<file> fails to validate"` or when the only lines about the file are other errors,
/// `None` when nothing was said about it.
fn parse_verdicts(stderr: &str, files: &[String]) -> Vec<Option<bool>> {
    let index: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.as_str(), i))
        .collect();
    let mut verdict: Vec<Option<bool>> = vec![None; files.len()];
    let mut errors = vec![false; files.len()];
    for line in stderr.lines() {
        if let Some(&i) = line.strip_suffix(" validates").and_then(|f| index.get(f)) {
            verdict[i] = Some(true);
        } else if let Some(&i) = line
            .strip_suffix(" fails to validate")
            .and_then(|f| index.get(f))
        {
            verdict[i] = Some(false);
        } else if let Some(&i) = line.split(':').next().and_then(|f| index.get(f)) {
            // "<file>:<line>: parser error : ...", "<file>:<line>: element X: Schemas validity
            // error : ...": an error about the file, with or without a verdict line after it.
            errors[i] = true;
        }
    }
    verdict
        .into_iter()
        .zip(errors)
        .map(|(v, e)| v.or(if e { Some(false) } else { None }))
        .collect()
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_lines_parser_errors_and_silence() {
        let files: Vec<String> = ["d0.xml", "d1.xml", "d2.xml", "d3.xml", "d10.xml"]
            .map(String::from)
            .to_vec();
        let stderr = "\
d1.xml:2: parser error : Opening and ending tag mismatch: b line 2 and a
<a><b></a>
          ^
d2.xml:19: element Bsn: Schemas validity error : Element 'Bsn': [facet 'pattern'] ...
d2.xml fails to validate
d0.xml validates
d10.xml:3: namespace warning : xmlns: URI x is not absolute
d10.xml validates
";
        assert_eq!(
            parse_verdicts(stderr, &files),
            vec![Some(true), Some(false), Some(false), None, Some(true)]
        );
    }
}
