//! The named scenario streams of `fixtures/streams/`: each replayed twice gives byte-identical
//! outputs, equal to its `<name>.expected` folder, and every XML output is valid against our
//! schemas.

use std::path::{Path, PathBuf};

use iwmo_engine::{compare, replay, Pipeline};
use iwmo_ledger::{Config, Lists, Mode};
use iwmo_xsd::SchemaSet;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            xml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "xml") {
            out.push(p);
        }
    }
}

#[test]
fn every_stream_replays_deterministically_to_its_expected_outputs() {
    let root = workspace();
    let schemas_dir = root.join("schemas");
    let pipeline = Pipeline::load(
        &schemas_dir,
        Mode::Chain,
        Config::default(),
        Lists::default(),
    )
    .unwrap();
    let schemas = SchemaSet::load_dir(&schemas_dir).unwrap();
    let streams = root.join("fixtures/streams");
    let mut names: Vec<String> = std::fs::read_dir(&streams)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| !n.ends_with(".expected"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no streams in {}", streams.display());
    for name in names {
        let stream = streams.join(&name);
        let expected = streams.join(format!("{name}.expected"));
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        let first = replay(&pipeline, &stream, &a, 2, &mut |_| ()).unwrap();
        let second = replay(&pipeline, &stream, &b, 2, &mut |_| ()).unwrap();
        assert_eq!(first, second, "{name}: two summaries");
        assert_eq!(
            compare(&a, &b).unwrap(),
            Vec::<String>::new(),
            "{name}: two replays differ"
        );
        let diffs = compare(&expected, &a).unwrap();
        assert!(
            diffs.is_empty(),
            "{name} differs from {}:\n{}",
            expected.display(),
            diffs.join("\n")
        );
        let mut outputs = Vec::new();
        xml_files(&a, &mut outputs);
        for file in outputs {
            let bytes = std::fs::read(&file).unwrap();
            let report = schemas.validate(&bytes);
            assert!(
                report.is_valid(),
                "{}: {:#?}",
                file.display(),
                report.errors
            );
        }
    }
}
