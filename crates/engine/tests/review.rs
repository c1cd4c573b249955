//! Directory mode's daily review: once per day of its clock, at start and when the date
//! changes, committed under the day's own key, so a restart on the same day raises nothing
//! twice.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use iwmo_engine::{run_directory, DataDir, DirectoryOptions, Engine, Naming, Pipeline};
use iwmo_ledger::{Config, Lists, Mode};
use iwmo_store::RedbStore;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// One `--once` run of directory mode on `day`; the names of the signal files afterwards.
fn run_on(pipeline: &Pipeline, data: &DataDir, day: &str) -> (usize, BTreeSet<String>) {
    let store = RedbStore::open(data.store()).unwrap();
    let mut engine = Engine::open(pipeline, store, Naming::ById).unwrap();
    let options = DirectoryOptions {
        once: true,
        ..DirectoryOptions::default()
    };
    let today = date(day);
    let summary = run_directory(
        &mut engine,
        data,
        &options,
        &|| today,
        &AtomicBool::new(false),
        &mut |_| (),
    )
    .unwrap();
    let signals = std::fs::read_dir(data.outbox().join("signals"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    (summary.reviews, signals)
}

fn kinds(names: &BTreeSet<String>) -> Vec<String> {
    let mut k: Vec<String> = names
        .iter()
        .map(|n| n.split('.').nth(1).unwrap().to_string())
        .collect();
    k.sort();
    k
}

#[test]
fn the_daemon_reviews_once_per_day_and_a_restart_raises_nothing_twice() {
    let pipeline = Pipeline::load(
        &workspace().join("schemas"),
        Mode::Chain,
        Config::default(),
        Lists::default(),
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path());
    data.create().unwrap();
    let stream = workspace().join("fixtures/streams/clock");
    for entry in std::fs::read_dir(&stream).unwrap().flatten() {
        let name = entry.file_name();
        if name != "stream.toml" {
            std::fs::copy(entry.path(), data.inbox().join(name)).unwrap();
        }
    }

    // Day one: the review of the empty store at start raises nothing; the inputs, all
    // received on 2026-06-22, bring the three starts late (OP271), signalled on arrival.
    let (reviews, day_one) = run_on(&pipeline, &data, "2026-06-22");
    assert_eq!(reviews, 1);
    assert_eq!(kinds(&day_one), ["late-start", "late-start", "late-start"]);
    assert_eq!(std::fs::read_dir(data.inbox()).unwrap().count(), 0);

    // A restart on the same day: no second review.
    assert_eq!(run_on(&pipeline, &data, "2026-06-22"), (0, day_one.clone()));

    // Six weeks after the temporary stop: the rolstoel's missing start and no care.
    let (reviews, later) = run_on(&pipeline, &data, "2026-08-03");
    assert_eq!(reviews, 1);
    let new: BTreeSet<String> = later.difference(&day_one).cloned().collect();
    assert_eq!(kinds(&new), ["missing-start", "no-care"]);
    assert_eq!(run_on(&pipeline, &data, "2026-08-03"), (0, later.clone()));

    // After the toewijzing of 26000871 ended: only its missing stop is new.
    let (_, last) = run_on(&pipeline, &data, "2027-01-11");
    let new: BTreeSet<String> = last.difference(&later).cloned().collect();
    assert_eq!(kinds(&new), ["missing-stop"]);
}
