//! `iwmo validate --xsd-only` as a user or script sees it: exit codes, text and JSON output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn reference(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference")
        .join(rel)
}

fn iwmo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iwmo"))
        .args(args)
        .output()
        .expect("iwmo runs")
}

fn broken_copy(dir: &Path) -> PathBuf {
    let original = std::fs::read_to_string(reference("iwmo-3.2/WMO305.xml")).unwrap();
    let broken = original.replacen("999900006", "99990000X", 1);
    assert_ne!(original, broken);
    let path = dir.join("WMO305-bsn-letter.xml");
    std::fs::write(&path, broken).unwrap();
    path
}

#[test]
fn valid_files_exit_zero() {
    let schemas = reference("iwmo-3.2");
    let files: Vec<String> = ["WMO301.xml", "WMO305.xml", "WMO323.xml"]
        .iter()
        .map(|f| reference(&format!("iwmo-3.2/{f}")).display().to_string())
        .collect();
    let mut args = vec![
        "validate",
        "--xsd-only",
        "--schemas",
        schemas.to_str().unwrap(),
    ];
    args.extend(files.iter().map(String::as_str));
    let out = iwmo(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("3 files: 3 valid, 0 invalid"), "{stdout}");
}

#[test]
fn an_invalid_file_exits_one_and_json_names_path_line_and_facet() {
    let dir = tempfile::tempdir().unwrap();
    let bad = broken_copy(dir.path());
    let good = reference("iwmo-3.2/WMO305.xml");
    let schemas = reference("iwmo-3.2");
    let out = iwmo(&[
        "validate",
        "--xsd-only",
        "--schemas",
        schemas.to_str().unwrap(),
        "--format",
        "json",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[0]["errors"].as_array().map(Vec::len), Some(0));
    assert_eq!(lines[1]["valid"], false);
    assert_eq!(lines[1]["file"], bad.to_str().unwrap());
    let error = &lines[1]["errors"][0];
    assert_eq!(error["rule"], "XSD");
    assert_eq!(error["check"], "pattern");
    assert_eq!(error["path"], "/Bericht/Client/Bsn");
    assert_eq!(error["line"], 19);
    assert!(error["column"].as_u64().is_some_and(|c| c >= 1));
    assert!(error["message"].as_str().unwrap().contains("99990000X"));
}

#[test]
fn usage_and_io_errors_exit_two() {
    let schemas = reference("iwmo-3.2");
    // No --xsd-only: the rules do not exist yet, so this is a usage error that says so.
    let out = iwmo(&["validate", "--schemas", schemas.to_str().unwrap(), "x.xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--xsd-only"));
    // A missing file.
    let out = iwmo(&[
        "validate",
        "--xsd-only",
        "--schemas",
        schemas.to_str().unwrap(),
        "/nonexistent.xml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent.xml"));
    // A schema folder that does not exist.
    let out = iwmo(&[
        "validate",
        "--xsd-only",
        "--schemas",
        "/nonexistent",
        "x.xml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    // An unknown flag.
    let out = iwmo(&["validate", "--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_explains_exit_codes() {
    let out = iwmo(&["validate", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Exit status"), "{help}");
    assert!(help.contains("--format"), "{help}");
}

#[test]
fn our_schemas_folder_validates_every_fixture() {
    // One --schemas folder holds the iWmo and the iEb schemas; each file's root namespace picks.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files: Vec<String> = std::fs::read_dir(root.join("fixtures/messages"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 16, "every message kind has a fixture");
    let schemas = root.join("schemas");
    let mut args = vec![
        "validate",
        "--xsd-only",
        "--schemas",
        schemas.to_str().unwrap(),
    ];
    args.extend(files.iter().map(String::as_str));
    let out = iwmo(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let summary = format!("{0} files: {0} valid, 0 invalid", files.len());
    assert!(stdout.contains(&summary), "{stdout}");
}
