//! The crash test of directory mode: `iwmo run` on a generated stream of thousands of messages,
//! killed with SIGKILL at random moments and restarted each time, ends with exactly the
//! outputs (names and bytes), the input moves and the client states of one uninterrupted run.
//! Nothing lost, nothing doubled.

mod moments;
use moments::Moments;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use iwmo_store::{RedbStore, Store};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn iwmo() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_iwmo"));
    cmd.current_dir(workspace());
    // The test's own configuration only: no iwmo.toml, no IWMO_ variables from outside.
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("IWMO_")) {
        cmd.env_remove(key);
    }
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

fn run_once(data: &Path) -> Command {
    let mut cmd = iwmo();
    cmd.args(["run", "--once", "--today", "2028-02-01", "--data"])
        .arg(data);
    cmd
}

/// Every file below `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

fn copy_stream(stream: &Path, data: &Path) {
    let inbox = data.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    for entry in std::fs::read_dir(stream).unwrap().flatten() {
        std::fs::copy(entry.path(), inbox.join(entry.file_name())).unwrap();
    }
}

#[test]
fn sigkill_at_random_moments_loses_nothing_and_doubles_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let stream = tmp.path().join("stream");
    let status = iwmo()
        .args(["generate", "--clients", "1200", "--seed", "11", "--out"])
        .arg(&stream)
        .status()
        .unwrap();
    assert!(status.success());
    let inputs = std::fs::read_dir(&stream).unwrap().count();
    assert!(inputs > 4000, "only {inputs} messages generated");

    // One uninterrupted run.
    let straight = tmp.path().join("straight");
    copy_stream(&stream, &straight);
    let started = Instant::now();
    assert!(run_once(&straight).status().unwrap().success());
    let duration = started.elapsed();

    // The same stream, killed at random moments and restarted.
    let crashed = tmp.path().join("crashed");
    copy_stream(&stream, &crashed);
    let mut moments = Moments(0x9E37_79B9_7F4A_7C15);
    let mut kills = 0;
    for _ in 0..12 {
        let mut child = run_once(&crashed).spawn().unwrap();
        // Between 2% and 30% of an uninterrupted run, so most kills land mid-work: during a
        // commit, a move or an output write.
        let wait = duration.mul_f64(0.02 + 0.28 * moments.next_fraction());
        std::thread::sleep(wait.max(Duration::from_millis(20)));
        match child.try_wait().unwrap() {
            Some(status) => {
                assert!(status.success(), "a run failed on its own: {status}");
                break;
            }
            None => {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                kills += 1;
            }
        }
    }
    assert!(
        kills >= 5,
        "only {kills} kills landed while the engine worked"
    );
    assert!(run_once(&crashed).status().unwrap().success());

    // Outputs: the same names with the same bytes, no half-written file left behind.
    let (want, got) = (
        files(&straight.join("outbox")),
        files(&crashed.join("outbox")),
    );
    assert!(
        want.len() > inputs,
        "{} outputs for {inputs} inputs",
        want.len()
    );
    let leftovers: Vec<_> = got
        .keys()
        .filter(|p| p.to_string_lossy().contains(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "half-written outputs: {leftovers:?}");
    let missing: Vec<_> = want.keys().filter(|k| !got.contains_key(*k)).collect();
    let extra: Vec<_> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    let differ: Vec<_> = want
        .iter()
        .filter(|(k, v)| got.get(*k).is_some_and(|g| g != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && differ.is_empty(),
        "after {kills} kills: missing {missing:?}, extra {extra:?}, differing {differ:?}"
    );

    // Inputs: every one moved out of the inbox, to the same folder as in the straight run.
    for data in [&straight, &crashed] {
        assert_eq!(std::fs::read_dir(data.join("inbox")).unwrap().count(), 0);
    }
    let names = |dir: &Path| -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        n.sort();
        n
    };
    for folder in ["done", "failed"] {
        assert_eq!(
            names(&straight.join(folder)),
            names(&crashed.join(folder)),
            "{folder}"
        );
    }
    assert_eq!(
        names(&crashed.join("done")).len() + names(&crashed.join("failed")).len(),
        inputs
    );

    // The stores: the same client states and index, every input decided once, nothing pending.
    let a = RedbStore::open(straight.join("store")).unwrap();
    let b = RedbStore::open(crashed.join("store")).unwrap();
    assert_eq!(a.client_entries().unwrap(), b.client_entries().unwrap());
    assert_eq!(a.index_entries().unwrap(), b.index_entries().unwrap());
    let (sa, sb) = (a.stats().unwrap(), b.stats().unwrap());
    assert_eq!(sa.decisions, sb.decisions);
    assert_eq!(sa.log_entries, sb.log_entries);
    assert_eq!(sa.outbox_total, sb.outbox_total);
    assert_eq!((sa.outbox_pending, sb.outbox_pending), (0, 0));
    eprintln!(
        "{inputs} inputs, {} outputs, {kills} kills, straight run {duration:?}",
        want.len()
    );
}
