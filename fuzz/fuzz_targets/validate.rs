//! Feeds arbitrary bytes to the validator with the iWmo 3.2 reference schemas loaded.
//! Run: `cargo fuzz run validate -- -max_total_time=60` from the repository root, with the
//! reference examples as the seed corpus: `cp ../shared/reference/*/*.xml fuzz/corpus/validate/`.
#![no_main]

use std::sync::OnceLock;

use iwmo_xsd::SchemaSet;
use libfuzzer_sys::fuzz_target;

fn schemas() -> &'static SchemaSet {
    static SET: OnceLock<SchemaSet> = OnceLock::new();
    SET.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/reference/iwmo-3.2");
        SchemaSet::load_dir(dir).expect("reference schemas load")
    })
}

fuzz_target!(|data: &[u8]| {
    let report = schemas().validate(data);
    for error in &report.errors {
        assert!(error.line >= 1 && error.column >= 1);
    }
});
