//! What only the redb store has: a file that outlives the process, and a format version.

mod commits;

use std::path::Path;

use commits::{bytes, commit, pending, row};
use iwmo_store::{
    CommitOutcome, OutboxId, OutboxRow, RedbStore, Store, StoreError, StoreStats, FORMAT_VERSION,
};
use redb::{Database, ReadableDatabase, TableDefinition, TableHandle};

/// The meta table as the store lays it out (format versions 1 and 2).
const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
/// The other tables of format version 1, as that version laid them out.
const DECISIONS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("decisions");
const CLIENTS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("clients");
const INDEX: TableDefinition<&[u8], &[u8]> = TableDefinition::new("index");
const LOG: TableDefinition<u64, &[u8]> = TableDefinition::new("log");
const OUTBOX_ROWS: TableDefinition<u64, &[u8]> = TableDefinition::new("outbox_rows");
const OUTBOX_IDS: TableDefinition<&str, u64> = TableDefinition::new("outbox_ids");
const OUTBOX_PENDING: TableDefinition<u64, ()> = TableDefinition::new("outbox_pending");

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
    store.mark_sent(&[2]).unwrap();
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
        [
            pending(1, row("o/a", "retour a")),
            pending(3, row("o/c", "retour c"))
        ]
    );
    // Dedupe and both counters carry on where they were; the outbox knows its numbers.
    assert_eq!(
        store.commit(&[commit("a", vec![])]).unwrap(),
        [CommitOutcome::Duplicate]
    );
    assert!(matches!(
        store.mark_sent(&[4]),
        Err(StoreError::UnknownOutboxSeq { seq: 4, last: 3 })
    ));
    assert_eq!(
        store
            .commit(&[commit(
                "d",
                vec![row("o/d", "retour d"), row("o/b", "again")]
            )])
            .unwrap(),
        [CommitOutcome::Applied {
            log_seq: 4,
            first_outbox_seq: 4
        }]
    );
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [
            pending(1, row("o/a", "retour a")),
            pending(3, row("o/c", "retour c")),
            pending(4, row("o/d", "retour d")),
            pending(5, row("o/b", "again"))
        ]
    );
    // Marking the row sent before the reopen again is harmless.
    store.mark_sent(&[2, 5]).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.outbox_pending, stats.outbox_total), (3, 5));
}

#[test]
fn sent_marks_survive_a_drop_without_close() {
    let dir = tempfile::tempdir().unwrap();
    let store = RedbStore::open(dir.path()).unwrap();
    store
        .commit(&[commit("a", vec![row("o/1", "1"), row("o/2", "2")])])
        .unwrap();
    // mark_sent spares its fsync; dropping the store makes the marks durable.
    store.mark_sent(&[1]).unwrap();
    drop(store);
    let store = RedbStore::open(dir.path()).unwrap();
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [pending(2, row("o/2", "2"))]
    );
    // And a commit after a mark carries it.
    store.mark_sent(&[2]).unwrap();
    store.commit(&[commit("b", vec![])]).unwrap();
    store.close().unwrap();
    let store = RedbStore::open(dir.path()).unwrap();
    assert_eq!(store.pending_outbox(10).unwrap(), []);
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
    assert_eq!(FORMAT_VERSION, 2);
    assert_eq!(
        table_names(&txn),
        [
            "clients",
            "decisions",
            "index",
            "log",
            "meta",
            "outbox_pending",
            "outbox_rows"
        ]
    );
}

#[test]
fn newer_format_version_is_refused_naming_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let store = RedbStore::open(dir.path()).unwrap();
    store.commit(&[commit("a", vec![])]).unwrap();
    store.close().unwrap();
    let file = dir.path().join(RedbStore::FILE_NAME);
    let newer = FORMAT_VERSION + 1;
    set_format_version(&file, newer);

    let error = RedbStore::open(dir.path()).unwrap_err();
    assert!(
        matches!(&error, StoreError::FormatTooNew { path, found, supported }
            if *path == file && *found == newer && *supported == FORMAT_VERSION),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains(&format!("format version {newer}"))
            && message.contains(&format!("format version {FORMAT_VERSION}")),
        "{message}"
    );
    assert!(message.contains(&file.display().to_string()), "{message}");

    // Refusing did not touch the file: the newer version and the data are still there.
    let db = Database::open(&file).unwrap();
    let txn = db.begin_read().unwrap();
    let meta = txn.open_table(META).unwrap();
    assert_eq!(
        meta.get("format_version").unwrap().map(|v| v.value()),
        Some(newer)
    );
    let decisions = txn.open_table(DECISIONS).unwrap();
    assert_eq!(
        decisions
            .get(&b"d/a"[..])
            .unwrap()
            .map(|v| v.value().to_vec()),
        bytes("decision a")
    );
}

#[test]
fn format_version_0_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    RedbStore::open(dir.path()).unwrap().close().unwrap();
    let file = dir.path().join(RedbStore::FILE_NAME);
    set_format_version(&file, 0);
    let error = RedbStore::open(dir.path()).unwrap_err();
    assert!(
        matches!(&error, StoreError::NotAStore { path, .. } if *path == file),
        "{error:?}"
    );
}

/// Encodes an outbox row as format version 1 did: id, destination and payload, each as a
/// little-endian u64 length and its bytes, then the header count and each header's name and
/// value the same way.
fn encode_v1(row: &OutboxRow) -> Vec<u8> {
    fn put(out: &mut Vec<u8>, field: &[u8]) {
        out.extend_from_slice(&(field.len() as u64).to_le_bytes());
        out.extend_from_slice(field);
    }
    let mut out = Vec::new();
    put(&mut out, row.id.0.as_bytes());
    put(&mut out, row.destination.as_bytes());
    put(&mut out, &row.payload);
    out.extend_from_slice(&(row.headers.len() as u64).to_le_bytes());
    for (name, value) in &row.headers {
        put(&mut out, name.as_bytes());
        put(&mut out, value.as_bytes());
    }
    out
}

/// An outbox row of a format version 1 file: its number, its id, the bytes stored for it, and
/// whether it is still pending.
struct V1Row {
    seq: u64,
    id: String,
    bytes: Vec<u8>,
    pending: bool,
}

impl V1Row {
    fn new(seq: u64, row: &OutboxRow, pending: bool) -> V1Row {
        V1Row {
            seq,
            id: row.id.0.clone(),
            bytes: encode_v1(row),
            pending,
        }
    }
}

/// Writes `dir`'s store file as format version 1 did, by hand: one decided input per log entry
/// (`d/1`…), with a client and an index entry each, and `rows` in the outbox, their ids in the
/// id table.
fn write_v1_store(dir: &Path, log_entries: u64, rows: &[V1Row]) {
    let db = Database::create(dir.join(RedbStore::FILE_NAME)).unwrap();
    let txn = db.begin_write().unwrap();
    {
        let last_outbox_seq = rows.iter().map(|row| row.seq).max().unwrap_or(0);
        let mut meta = txn.open_table(META).unwrap();
        meta.insert("format_version", 1).unwrap();
        meta.insert("last_log_seq", log_entries).unwrap();
        meta.insert("last_outbox_seq", last_outbox_seq).unwrap();
        let mut decisions = txn.open_table(DECISIONS).unwrap();
        let mut clients = txn.open_table(CLIENTS).unwrap();
        let mut index = txn.open_table(INDEX).unwrap();
        let mut log = txn.open_table(LOG).unwrap();
        for n in 1..=log_entries {
            let decision = format!("decision {n}");
            decisions
                .insert(format!("d/{n}").as_bytes(), decision.as_bytes())
                .unwrap();
            clients
                .insert(format!("c/{n}").as_bytes(), format!("state {n}").as_bytes())
                .unwrap();
            index
                .insert(format!("i/{n}").as_bytes(), format!("c/{n}").as_bytes())
                .unwrap();
            log.insert(n, format!("log {n}").as_bytes()).unwrap();
        }
        let mut outbox_rows = txn.open_table(OUTBOX_ROWS).unwrap();
        let mut outbox_ids = txn.open_table(OUTBOX_IDS).unwrap();
        let mut outbox_pending = txn.open_table(OUTBOX_PENDING).unwrap();
        for row in rows {
            outbox_rows.insert(row.seq, row.bytes.as_slice()).unwrap();
            outbox_ids.insert(row.id.as_str(), row.seq).unwrap();
            if row.pending {
                outbox_pending.insert(row.seq, ()).unwrap();
            }
        }
    }
    txn.commit().unwrap();
}

fn set_format_version(file: &Path, version: u64) {
    let db = Database::open(file).unwrap();
    let txn = db.begin_write().unwrap();
    txn.open_table(META)
        .unwrap()
        .insert("format_version", version)
        .unwrap();
    txn.commit().unwrap();
}

fn table_names(txn: &redb::ReadTransaction) -> Vec<String> {
    let mut names: Vec<String> = txn
        .list_tables()
        .unwrap()
        .map(|table| table.name().to_string())
        .collect();
    names.sort();
    names
}

/// A retour as XML, `repeat` client blocks long: compressible, as the real ones are.
fn xml_payload(repeat: usize) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\"?><Bericht><Header><BerichtCode>WMO306</BerichtCode></Header>",
    );
    for n in 0..repeat {
        xml += &format!(
            "<Client><Bsn>12345678{}</Bsn><Toewijzing>{n:08}</Toewijzing></Client>",
            n % 10
        );
    }
    xml += "</Bericht>";
    xml.into_bytes()
}

#[test]
fn a_format_version_1_file_is_migrated_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(RedbStore::FILE_NAME);
    let sent = OutboxRow {
        id: OutboxId::from("o/1"),
        destination: "ggk.wmo306".to_string(),
        payload: b"<sent already>".to_vec(),
        headers: vec![],
    };
    let long = OutboxRow {
        id: OutboxId::from("o/2"),
        destination: "ggk.wmo306".to_string(),
        payload: xml_payload(20),
        headers: vec![
            ("content-type".to_string(), "application/xml".to_string()),
            ("message-id".to_string(), "o/2".to_string()),
        ],
    };
    assert!(long.payload.len() >= 1000, "{}", long.payload.len());
    let short = OutboxRow {
        id: OutboxId::from("o/3"),
        destination: "cak.wmo405".to_string(),
        payload: vec![0, 1, 2, 255],
        headers: vec![(String::new(), String::new())],
    };
    let empty = OutboxRow {
        id: OutboxId::from("o/4"),
        destination: String::new(),
        payload: vec![],
        headers: vec![],
    };
    write_v1_store(
        dir.path(),
        3,
        &[
            V1Row::new(1, &sent, false),
            V1Row::new(2, &long, true),
            V1Row::new(3, &short, true),
            V1Row::new(4, &empty, true),
        ],
    );

    let store = RedbStore::open(dir.path()).unwrap();
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [
            pending(2, long.clone()),
            pending(3, short.clone()),
            pending(4, empty.clone())
        ]
    );
    assert_eq!(
        store.stats().unwrap(),
        StoreStats {
            decisions: 3,
            clients: 3,
            index_entries: 3,
            log_entries: 3,
            last_log_seq: 3,
            outbox_pending: 3,
            outbox_total: 4,
        }
    );
    // The rest of the file is as it was.
    assert_eq!(store.decision(b"d/2").unwrap(), bytes("decision 2"));
    assert_eq!(store.client(b"c/3").unwrap(), bytes("state 3"));
    assert_eq!(store.index(b"i/1").unwrap(), bytes("c/1"));
    assert_eq!(store.log_since(2, 10).unwrap(), [(3, b"log 3".to_vec())]);
    // Both counters carry on after the migrated ones; the sent row is known, the next is not.
    assert!(matches!(
        store.mark_sent(&[5]),
        Err(StoreError::UnknownOutboxSeq { seq: 5, last: 4 })
    ));
    store.mark_sent(&[1, 3]).unwrap();
    assert_eq!(
        store
            .commit(&[commit(
                "new",
                vec![row("o/new", "retour new"), long.clone()]
            )])
            .unwrap(),
        [CommitOutcome::Applied {
            log_seq: 4,
            first_outbox_seq: 5
        }]
    );
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [
            pending(2, long.clone()),
            pending(4, empty.clone()),
            pending(5, row("o/new", "retour new")),
            pending(6, long.clone())
        ]
    );
    store.close().unwrap();

    // On file: format version 2, no id table, every row in the new encoding, the long
    // payload compressed.
    {
        let db = Database::open(&file).unwrap();
        let txn = db.begin_read().unwrap();
        let meta = txn.open_table(META).unwrap();
        assert_eq!(
            meta.get("format_version").unwrap().map(|v| v.value()),
            Some(FORMAT_VERSION)
        );
        assert_eq!(
            meta.get("last_outbox_seq").unwrap().map(|v| v.value()),
            Some(6)
        );
        assert!(!table_names(&txn).contains(&"outbox_ids".to_string()));
        let rows = txn.open_table(OUTBOX_ROWS).unwrap();
        let stored_len = |seq: u64| rows.get(seq).unwrap().unwrap().value().len();
        assert!(
            stored_len(2) < long.payload.len() / 2,
            "the migrated long payload is stored in {} bytes for {}",
            stored_len(2),
            long.payload.len()
        );
        // The encoding byte: one more than the version 1 bytes of a short row.
        assert_eq!(stored_len(3), encode_v1(&short).len() + 1);
        assert_eq!(stored_len(1), encode_v1(&sent).len() + 1);
    }

    // Opening the migrated file again changes nothing; the sent row stays sent.
    let store = RedbStore::open(dir.path()).unwrap();
    assert_eq!(
        store.pending_outbox(10).unwrap(),
        [
            pending(2, long.clone()),
            pending(4, empty),
            pending(5, row("o/new", "retour new")),
            pending(6, long)
        ]
    );
    assert_eq!(store.stats().unwrap().outbox_total, 6);
}

#[test]
fn a_large_format_version_1_outbox_is_migrated_whole() {
    // More rows than the migration rewrites at a time, with numbers that skip.
    let dir = tempfile::tempdir().unwrap();
    let row_of = |seq: u64| OutboxRow {
        id: OutboxId(format!("o/{seq}")),
        destination: "ggk.wmo306".to_string(),
        payload: if seq.is_multiple_of(3) {
            xml_payload(4 + (seq % 7) as usize)
        } else {
            format!("short {seq}").into_bytes()
        },
        headers: vec![("n".to_string(), seq.to_string())],
    };
    let seqs: Vec<u64> = (1..=3000).filter(|seq| seq % 11 != 5).collect();
    let rows: Vec<V1Row> = seqs
        .iter()
        .map(|&seq| V1Row::new(seq, &row_of(seq), !seq.is_multiple_of(4)))
        .collect();
    write_v1_store(dir.path(), 0, &rows);

    let store = RedbStore::open(dir.path()).unwrap();
    let expected: Vec<_> = seqs
        .iter()
        .filter(|seq| !seq.is_multiple_of(4))
        .map(|&seq| pending(seq, row_of(seq)))
        .collect();
    assert_eq!(store.pending_outbox(usize::MAX).unwrap(), expected);
    assert_eq!(store.stats().unwrap().outbox_total, seqs.len() as u64);
    assert_eq!(
        store.commit(&[commit("a", vec![row("o/a", "a")])]).unwrap(),
        [CommitOutcome::Applied {
            log_seq: 1,
            first_outbox_seq: 3001
        }]
    );
}

#[test]
fn a_format_version_1_file_with_a_corrupt_outbox_row_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(RedbStore::FILE_NAME);
    let good = V1Row::new(1, &row("o/1", "fine"), true);
    // A row whose payload length runs past its end.
    let mut bad = V1Row::new(2, &row("o/2", "cut short"), true);
    bad.bytes.truncate(bad.bytes.len() - 30);
    write_v1_store(dir.path(), 1, &[good, bad]);

    let error = RedbStore::open(dir.path()).unwrap_err();
    assert!(
        matches!(&error, StoreError::Corrupt { path, what } if *path == file && what.contains("outbox row 2")),
        "{error:?}"
    );
    // The migration ran in the opening transaction, which was dropped: still version 1, the id
    // table and the first row's old bytes still there.
    let db = Database::open(&file).unwrap();
    let txn = db.begin_read().unwrap();
    let meta = txn.open_table(META).unwrap();
    assert_eq!(
        meta.get("format_version").unwrap().map(|v| v.value()),
        Some(1)
    );
    assert!(table_names(&txn).contains(&"outbox_ids".to_string()));
    let rows = txn.open_table(OUTBOX_ROWS).unwrap();
    assert_eq!(
        rows.get(1).unwrap().unwrap().value(),
        encode_v1(&row("o/1", "fine")).as_slice()
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
