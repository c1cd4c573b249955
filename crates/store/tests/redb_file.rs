//! What only the redb store has: a file that outlives the process, and a format version.

mod commits;

use commits::{bytes, commit, row};
use iwmo_store::{CommitOutcome, OutboxId, RedbStore, Store, StoreError, FORMAT_VERSION};
use redb::{Database, ReadableDatabase, TableDefinition};

/// The meta table as the store lays it out (format version 1).
const META: TableDefinition<&str, u64> = TableDefinition::new("meta");

#[test]
fn reopen_after_close_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let store = RedbStore::open(dir.path()).unwrap();
    store
        .commit(&[
            commit("a", vec![row("o/a", "retour a")]),
            commit("b", vec![row("o/b", "retour b")]),
        ])
        .unwrap();
    store
        .commit(&[commit("c", vec![row("o/c", "retour c")])])
        .unwrap();
    store.mark_sent(&[OutboxId::from("o/b")]).unwrap();
    let stats = store.stats().unwrap();
    store.close().unwrap();

    let store = RedbStore::open(dir.path()).unwrap();
    assert_eq!(store.stats().unwrap(), stats);
    assert_eq!(store.decision(b"d/b").unwrap(), bytes("decision b"));
    assert_eq!(store.client(b"c/c").unwrap(), bytes("state c"));
    assert_eq!(store.index(b"i/a").unwrap(), bytes("c/a"));
    assert_eq!(
        store.clients().unwrap(),
        [b"c/a".to_vec(), b"c/b".to_vec(), b"c/c".to_vec()]
    );
    assert_eq!(
        store.log_since(0, 10).unwrap(),
        [
            (1, b"log a".to_vec()),
            (2, b"log b".to_vec()),
            (3, b"log c".to_vec())
        ]
    );
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [row("o/a", "retour a"), row("o/c", "retour c")]
    );
    // Dedupe, outbox ids and counters carry on where they were.
    assert_eq!(
        store.commit(&[commit("a", vec![])]).unwrap(),
        [CommitOutcome::Duplicate]
    );
    assert!(matches!(
        store.commit(&[commit("d", vec![row("o/b", "changed")])]),
        Err(StoreError::OutboxIdConflict { .. })
    ));
    assert_eq!(
        store
            .commit(&[commit("d", vec![row("o/d", "retour d")])])
            .unwrap(),
        [CommitOutcome::Applied { log_seq: 4 }]
    );
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [
            row("o/a", "retour a"),
            row("o/c", "retour c"),
            row("o/d", "retour d")
        ]
    );
}

#[test]
fn a_new_store_records_the_current_format_version() {
    let dir = tempfile::tempdir().unwrap();
    RedbStore::open(dir.path()).unwrap().close().unwrap();
    let db = Database::open(dir.path().join(RedbStore::FILE_NAME)).unwrap();
    let txn = db.begin_read().unwrap();
    let meta = txn.open_table(META).unwrap();
    assert_eq!(
        meta.get("format_version").unwrap().map(|v| v.value()),
        Some(FORMAT_VERSION)
    );
    assert_eq!(FORMAT_VERSION, 1);
}

#[test]
fn newer_format_version_is_refused_naming_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let store = RedbStore::open(dir.path()).unwrap();
    store.commit(&[commit("a", vec![])]).unwrap();
    store.close().unwrap();
    let file = dir.path().join(RedbStore::FILE_NAME);
    {
        let db = Database::open(&file).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(META)
            .unwrap()
            .insert("format_version", FORMAT_VERSION + 1)
            .unwrap();
        txn.commit().unwrap();
    }

    let error = RedbStore::open(dir.path()).unwrap_err();
    assert!(
        matches!(&error, StoreError::FormatTooNew { path, found: 2, supported: 1 } if *path == file),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("format version 2") && message.contains("format version 1"),
        "{message}"
    );
    assert!(message.contains(&file.display().to_string()), "{message}");

    // Refusing did not touch the file: the newer version and the data are still there.
    let db = Database::open(&file).unwrap();
    let txn = db.begin_read().unwrap();
    let meta = txn.open_table(META).unwrap();
    assert_eq!(
        meta.get("format_version").unwrap().map(|v| v.value()),
        Some(2)
    );
}

#[test]
fn redb_file_of_other_software_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(RedbStore::FILE_NAME);
    {
        let db = Database::create(&file).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(TableDefinition::<u64, u64>::new("something"))
            .unwrap()
            .insert(1, 2)
            .unwrap();
        txn.commit().unwrap();
    }
    let error = RedbStore::open(dir.path()).unwrap_err();
    assert!(
        matches!(&error, StoreError::NotAStore { path, .. } if *path == file),
        "{error:?}"
    );
}

#[test]
fn a_file_that_is_not_redb_is_refused_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(RedbStore::FILE_NAME);
    std::fs::write(&file, b"<WMO305>not a database</WMO305>").unwrap();
    let error = RedbStore::open(dir.path()).unwrap_err();
    assert!(
        matches!(&error, StoreError::Redb { op: "open", path, .. } if *path == file),
        "{error:?}"
    );
}

#[test]
fn opening_an_open_store_again_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let _store = RedbStore::open(dir.path()).unwrap();
    let error = RedbStore::open(dir.path()).unwrap_err();
    assert!(
        matches!(&error, StoreError::Redb { op: "open", .. }),
        "{error:?}"
    );
}

#[test]
fn open_creates_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("data").join("store");
    let store = RedbStore::open(&nested).unwrap();
    assert_eq!(store.path(), nested.join(RedbStore::FILE_NAME));
    assert!(store.path().is_file());
}
