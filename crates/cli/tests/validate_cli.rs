//! `iwmo validate` as a user or script sees it: exit codes, text and JSON output, level-2
//! findings and the retours it writes.

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
    // --retour with --xsd-only: a retour needs the rules, so this is a usage error that says so.
    let out = iwmo(&[
        "validate",
        "--xsd-only",
        "--retour",
        "/tmp/never-written",
        "--schemas",
        schemas.to_str().unwrap(),
        "x.xml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--xsd-only"));
    assert!(!Path::new("/tmp/never-written").exists());
    // A date that is not one.
    let out = iwmo(&[
        "validate",
        "--dagtekening",
        "2026-02-30",
        "--schemas",
        "s",
        "x.xml",
    ]);
    assert_eq!(out.status.code(), Some(2));
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

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn without_xsd_only_the_level2_rules_run_and_json_names_the_rule() {
    let root = workspace();
    let schemas = root.join("schemas/iwmo/3.2");
    let broken = root.join("fixtures/rules/CS002/break-305-last-digit.xml");
    let clean = reference("iwmo-3.2/WMO305.xml");
    let args = |extra: &[&str]| {
        let mut a = vec!["validate", "--schemas", schemas.to_str().unwrap()];
        a.extend_from_slice(extra);
        a.push(clean.to_str().unwrap());
        a.push(broken.to_str().unwrap());
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let out = Command::new(env!("CARGO_BIN_EXE_iwmo"))
        .args(args(&["--format", "json"]))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[0]["checked"], serde_json::json!(["xsd", "rules"]));
    assert_eq!(lines[1]["valid"], false);
    assert_eq!(lines[1]["failed_level"], 2);
    let errors = lines[1]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["rule"], "CS002");
    assert_eq!(errors[0]["path"], "/Bericht/Client/Bsn");
    assert_eq!(errors[0]["retourcode"], "0001");
    // Never the full BSN.
    assert!(!String::from_utf8_lossy(&out.stdout).contains("999902454"));

    // The same in text, and --xsd-only does not see the rule.
    let out = Command::new(env!("CARGO_BIN_EXE_iwmo"))
        .args(args(&[]))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("INVALID, level-2 rules"), "{text}");
    assert!(text.contains("CS002"), "{text}");
    let out = Command::new(env!("CARGO_BIN_EXE_iwmo"))
        .args(args(&["--xsd-only"]))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn retour_writes_the_retour_each_heen_message_gets_byte_for_byte_repeatable() {
    let root = workspace();
    let schemas = root.join("schemas/iwmo/3.2");
    let dir = tempfile::tempdir().unwrap();
    let bad_xsd = broken_copy(dir.path());
    let mut inputs: Vec<PathBuf> = ["301", "305", "307", "315", "317", "319", "323"]
        .iter()
        .map(|n| reference(&format!("iwmo-3.2/WMO{n}.xml")))
        .collect();
    inputs.push(root.join("fixtures/rules/CS002/break-305-last-digit.xml"));
    inputs.push(bad_xsd.clone());
    let run = |out_dir: &Path| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_iwmo"));
        cmd.args(["validate", "--schemas"])
            .arg(&schemas)
            .arg("--retour")
            .arg(out_dir)
            .args(["--dagtekening", "2026-04-03"])
            .args(&inputs);
        cmd.output().unwrap()
    };
    let first = dir.path().join("first");
    let second = dir.path().join("second");
    let out = run(&first);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    run(&second);

    let mut written: Vec<String> = std::fs::read_dir(&first)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    written.sort();
    // Every XSD-valid heen message has its retour; the XSD-invalid one has none.
    assert_eq!(
        written,
        [
            "WMO301.wmo302.xml",
            "WMO305.wmo306.xml",
            "WMO307.wmo308.xml",
            "WMO315.wmo316.xml",
            "WMO317.wmo318.xml",
            "WMO319.wmo320.xml",
            "WMO323.wmo325.xml",
            "break-305-last-digit.wmo306.xml",
        ]
    );
    for name in &written {
        let a = std::fs::read(first.join(name)).unwrap();
        let b = std::fs::read(second.join(name)).unwrap();
        assert_eq!(a, b, "{name} differs between two runs");
    }
    let read = |name: &str| std::fs::read_to_string(first.join(name)).unwrap();
    // Rejected on level 2: header only with 0001.
    let rejected = read("break-305-last-digit.wmo306.xml");
    assert!(
        rejected.contains("<wmo306:RetourCode>0001</wmo306:RetourCode>"),
        "{rejected}"
    );
    assert!(!rejected.contains("<wmo306:Client>"), "{rejected}");
    assert!(
        rejected.contains("<wmo306:DagtekeningRetour>2026-04-03</wmo306:DagtekeningRetour>"),
        "{rejected}"
    );
    // Approved: no retourcode at all; the 325 has 0200 and 8001.
    assert!(!read("WMO305.wmo306.xml").contains("RetourCode"));
    let antwoord = read("WMO323.wmo325.xml");
    assert!(
        antwoord.contains(">0200<") && antwoord.contains(">8001<"),
        "{antwoord}"
    );

    // Every retour is valid against our schemas.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_iwmo"));
    cmd.args(["validate", "--xsd-only", "--schemas"])
        .arg(&schemas);
    for name in &written {
        cmd.arg(first.join(name));
    }
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
