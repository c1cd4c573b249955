//! The engine over a durable store: a restart (a new engine on the same store) decides the rest
//! of a stream exactly as one engine would have; a redelivered input changes nothing.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iwmo_engine::{Engine, Handled, Input, Naming, Pipeline};
use iwmo_ledger::{Config, Lists, Mode};
use iwmo_store::{RedbStore, Store};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every message of the fixture streams, in stream order, all received on one day.
fn inputs() -> Vec<Input> {
    let mut out = Vec::new();
    for stream in ["verzoek", "delivery", "declaratie"] {
        let dir = workspace().join("fixtures/streams").join(stream);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            out.push(Input {
                name: format!("{stream}-{}", f.file_name().unwrap().to_string_lossy()),
                bytes: std::fs::read(&f).unwrap(),
                received: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            });
        }
    }
    out
}

fn pipeline() -> Pipeline {
    Pipeline::load(
        &workspace().join("schemas"),
        Mode::Chain,
        Config::default(),
        Lists::default(),
    )
    .unwrap()
}

/// Everything a store holds that the engine wrote, in order: clients, index, pending outbox.
fn contents(
    store: &RedbStore,
) -> (
    Vec<(Vec<u8>, Vec<u8>)>,
    Vec<(Vec<u8>, Vec<u8>)>,
    Vec<String>,
) {
    let outbox = store
        .pending_outbox(100_000)
        .unwrap()
        .into_iter()
        .map(|p| {
            let r = &p.row;
            format!("{} {} {} {}", p.seq, r.id, r.destination, r.payload.len())
        })
        .collect();
    (
        store.client_entries().unwrap(),
        store.index_entries().unwrap(),
        outbox,
    )
}

#[test]
fn a_restart_mid_stream_changes_nothing() {
    let pipeline = pipeline();
    let all = inputs();
    assert!(all.len() > 20);

    let one = tempfile::tempdir().unwrap();
    let mut engine = Engine::open(
        &pipeline,
        RedbStore::open(one.path()).unwrap(),
        Naming::ById,
    )
    .unwrap()
    .with_threads(2);
    let straight: Vec<Handled> = engine.handle(all.clone()).unwrap();
    let straight_state = contents(engine.store());
    drop(engine);

    let two = tempfile::tempdir().unwrap();
    let mut split = Vec::new();
    for (i, part) in all.chunks(7).enumerate() {
        // A new engine for every part: it reloads its state from the store.
        let mut engine = Engine::open(
            &pipeline,
            RedbStore::open(two.path()).unwrap(),
            Naming::ById,
        )
        .unwrap()
        .with_threads(1 + i % 2);
        split.extend(engine.handle(part.to_vec()).unwrap());
    }
    assert_eq!(split, straight);
    let engine = Engine::open(
        &pipeline,
        RedbStore::open(two.path()).unwrap(),
        Naming::ById,
    )
    .unwrap();
    assert_eq!(contents(engine.store()), straight_state);
    assert!(!straight_state.0.is_empty(), "the streams create clients");
}

#[test]
fn a_redelivered_input_gets_its_stored_record_and_changes_nothing() {
    let pipeline = pipeline();
    let all = inputs();
    let dir = tempfile::tempdir().unwrap();
    let mut engine = Engine::open(
        &pipeline,
        RedbStore::open(dir.path()).unwrap(),
        Naming::ById,
    )
    .unwrap();
    let first = engine.handle(all.clone()).unwrap();
    let before = contents(engine.store());
    let stats = engine.store().stats().unwrap();
    // The transport delivers everything again, in one batch and then one by one.
    let again = engine.handle(all.clone()).unwrap();
    for input in all.iter().take(5) {
        let one = engine.handle(vec![input.clone()]).unwrap();
        assert!(one[0].is_duplicate());
    }
    assert!(again.iter().all(Handled::is_duplicate));
    for (a, b) in first.iter().zip(&again) {
        assert_eq!(a.record(), b.record());
    }
    assert_eq!(contents(engine.store()), before);
    assert_eq!(engine.store().stats().unwrap(), stats);
}

/// Deciding ahead of the store (a replay's committer commits batch N while batch N+1 is
/// decided) gives what deciding and committing one batch at a time gives; a redelivery of an
/// input whose batch is still in flight is answered from that batch; batches commit only in
/// the order they were decided.
#[test]
fn batches_decided_ahead_of_their_commits_equal_one_at_a_time() {
    use iwmo_engine::{commit_decided, Decided};
    let pipeline = pipeline();
    let all = inputs();
    let prepare = |inputs: &[Input]| -> Vec<_> {
        inputs.iter().map(|i| pipeline.prepare(i.clone())).collect()
    };

    let one = tempfile::tempdir().unwrap();
    let mut engine = Engine::open(
        &pipeline,
        RedbStore::open(one.path()).unwrap(),
        Naming::ById,
    )
    .unwrap();
    let mut straight = Vec::new();
    for part in all.chunks(5) {
        straight.extend(engine.handle(part.to_vec()).unwrap());
    }
    let straight_state = contents(engine.store());
    drop(engine);

    let two = tempfile::tempdir().unwrap();
    let store = RedbStore::open(two.path()).unwrap();
    let mut engine = Engine::open(&pipeline, &store, Naming::ById).unwrap();
    let order = engine.commit_order();
    // Every batch decided before any is committed.
    let mut batches: Vec<Decided> = all
        .chunks(5)
        .map(|part| engine.decide_batch(prepare(part)).unwrap())
        .collect();
    // The first input again, while its batch is in flight: a duplicate with its record.
    let again = engine.decide_batch(prepare(&all[..1])).unwrap();
    assert!(again.handled[0].is_duplicate());
    assert_eq!(again.handled[0].record(), batches[0].handled[0].record());
    batches.push(again);
    // Out of order: refused, nothing committed.
    let stats = store.stats().unwrap();
    assert!(commit_decided(&store, &order, &batches[1]).is_err());
    assert_eq!(store.stats().unwrap(), stats);
    let mut pipelined = Vec::new();
    for decided in &batches {
        commit_decided(&store, &order, decided).unwrap();
        pipelined.extend(decided.handled.iter().cloned());
    }
    assert!(
        commit_decided(&store, &order, &batches[0]).is_err(),
        "committed twice"
    );
    assert!(pipelined.pop().unwrap().is_duplicate());
    assert_eq!(pipelined, straight);
    assert_eq!(contents(&store), straight_state);
}

/// Every output's id is `<first 128 bits of SHA-256 of its input's dedupe key, hex>-<index>`,
/// and a retour's IdentificatieRetour is `R` and the same 128 bits in 11 base-36 digits:
/// collision-resistant ids (FNV-64 collisions can be crafted), checked against coreutils'
/// `sha256sum` rather than our own use of the sha2 crate.
#[test]
fn output_ids_and_retour_identificaties_are_the_sha256_of_the_dedupe_key() {
    let pipeline = pipeline();
    let ledger = iwmo_ledger::MemoryLedger::default();
    let (mut checked, mut retours) = (0, 0);
    for input in inputs().iter().take(12) {
        let processed = pipeline.process(&ledger, input);
        assert!(!processed.outputs.is_empty(), "{}: no outputs", input.name);
        let mut sha = std::process::Command::new("sha256sum")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("sha256sum (coreutils)");
        use std::io::Write as _;
        sha.stdin
            .take()
            .unwrap()
            .write_all(processed.dedupe_key.as_bytes())
            .unwrap();
        let out = sha.wait_with_output().unwrap();
        let hex = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            iwmo_engine::output_id_prefix(&processed.dedupe_key),
            hex[..32]
        );
        for (index, output) in processed.outputs.iter().enumerate() {
            assert_eq!(
                output.id,
                format!("{}-{index}", &hex[..32]),
                "{}",
                input.name
            );
            checked += 1;
            // A retour's IdentificatieRetour: `R` and the same 128 bits in base 36, 11 digits.
            let body = String::from_utf8_lossy(&output.body);
            if let Some(at) = body.find("IdentificatieRetour>") {
                let value = &body[at + "IdentificatieRetour>".len()..];
                let value = &value[..value.find('<').unwrap()];
                let mut n = u128::from_str_radix(&hex[..32], 16).unwrap() % 36u128.pow(11);
                let mut expected = Vec::new();
                for _ in 0..11 {
                    expected.push(std::char::from_digit((n % 36) as u32, 36).unwrap());
                    n /= 36;
                }
                let expected: String = expected.iter().rev().collect();
                assert_eq!(
                    value,
                    format!("R{}", expected.to_uppercase()),
                    "{}",
                    input.name
                );
                retours += 1;
            }
        }
    }
    assert!(checked >= 12, "only {checked} outputs checked");
    assert!(retours >= 6, "only {retours} retours checked");
}
