//! `iwmo replay` as a test team uses it: summary, outputs, `--expect` and its diff.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `iwmo replay` of the delivery stream into `out`, compared with `expect`.
fn replay_delivery(out: &Path, expect: &Path) -> std::process::Output {
    let root = workspace();
    Command::new(env!("CARGO_BIN_EXE_iwmo"))
        .arg("replay")
        .arg(root.join("fixtures/streams/delivery"))
        .arg("--out")
        .arg(out)
        .arg("--schemas")
        .arg(root.join("schemas"))
        .arg("--expect")
        .arg(expect)
        .output()
        .unwrap()
}

#[test]
fn replay_with_expect_passes_and_a_changed_expectation_fails_with_a_diff() {
    let root = workspace();
    let tmp = tempfile::tempdir().unwrap();
    let run = replay_delivery;
    let expected = root.join("fixtures/streams/delivery.expected");
    let out = run(&tmp.path().join("one"), &expected);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let inputs = std::fs::read_dir(root.join("fixtures/streams/delivery"))
        .unwrap()
        .count();
    assert!(stdout.contains(&format!("{inputs} inputs")), "{stdout}");
    assert!(stdout.contains("9063 1"), "{stdout}");

    // Change one expected retour: exit 1, and the diff names the file and the line.
    let changed = tmp.path().join("changed");
    copy_dir(&expected, &changed);
    let file = changed.join("ggk/05-wmo305-delete-unknown-start.0.wmo306.xml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace(">9063<", ">9074<");
    std::fs::write(&file, text).unwrap();
    let out = run(&tmp.path().join("two"), &changed);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("differs: ggk/05-wmo305-delete-unknown-start.0.wmo306.xml"),
        "{stderr}"
    );
    assert!(
        stderr.contains("9074") && stderr.contains("9063"),
        "{stderr}"
    );

    // An earlier replay's folder is replaced; any other non-empty folder is refused (exit 2).
    let out = run(&tmp.path().join("one"), &expected);
    assert_eq!(out.status.code(), Some(0));
    let other = tmp.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    let out = run(&other, &expected);
    assert_eq!(out.status.code(), Some(2));
    assert!(other.join("notes.txt").exists());
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// `iwmo bench replay` on a small stream: both runs measured, and every replay wrote the
/// outputs the first one did (the command checks that itself and fails otherwise).
#[test]
fn bench_replay_measures_the_floor_and_the_replay() {
    let root = workspace();
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_iwmo"))
        .args(["bench", "replay", "--clients", "40", "--rounds", "2"])
        .arg("--dir")
        .arg(tmp.path())
        .arg("--schemas")
        .arg(root.join("schemas"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["inputs"].as_u64().unwrap() > 100, "{report}");
    assert!(report["outputs"].as_u64().unwrap() > report["inputs"].as_u64().unwrap());
    let runs = report["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 4, "{report}");
    for run in runs {
        assert!(run["inputs_per_second"].as_f64().unwrap() > 0.0, "{run}");
    }
    assert!(report["ratio"].as_f64().unwrap() > 0.0);
    // The temporary folder is removed at the end.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

/// A replay never deletes what it did not write: a folder with somebody's file is refused. A
/// replay that was interrupted (its marker is there, its `summary.json` is not) is replaced,
/// like a finished one, and the marker is gone once the replay is complete.
#[test]
fn an_interrupted_replay_is_replaced_and_a_foreign_folder_is_refused() {
    let root = workspace();
    let tmp = tempfile::tempdir().unwrap();
    let expected = root.join("fixtures/streams/delivery.expected");
    let replay = |out: &Path| replay_delivery(out, &expected);
    let foreign = tmp.path().join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), b"mine").unwrap();
    let out = replay(&foreign);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is not empty"), "{stderr}");
    assert_eq!(std::fs::read(foreign.join("notes.txt")).unwrap(), b"mine");

    let interrupted = tmp.path().join("interrupted");
    let out = replay(&interrupted);
    assert_eq!(out.status.code(), Some(0));
    assert!(!interrupted.join(iwmo_engine::REPLAY_IN_PROGRESS).exists());
    // As a replay killed before its end leaves it: the marker, some outputs, no summary.
    std::fs::remove_file(interrupted.join("summary.json")).unwrap();
    std::fs::write(interrupted.join(iwmo_engine::REPLAY_IN_PROGRESS), b"").unwrap();
    std::fs::write(interrupted.join("ggk/stale.xml"), b"half").unwrap();
    let out = replay(&interrupted);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!interrupted.join("ggk/stale.xml").exists());
    assert!(interrupted.join("summary.json").is_file());
}
