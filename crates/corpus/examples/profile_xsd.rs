//! Validate the bench corpus with iwmo-xsd only, for a profiler: `valgrind --tool=callgrind
//! --toggle-collect='iwmo_xsd::validate::validate*' target/release/examples/profile_xsd [PASSES [TYPE]]`.
//! Prints the valid count and the time per message (without a profiler the time is a rough
//! check; the libxml2 comparison is the `xsd_vs_libxml2` bench). With 0 passes it prints a
//! digest of every report instead (errors, paths, lines, columns, messages), so that an
//! optimisation can show that it changed no report at all.
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::hint::black_box;
use std::time::Instant;

use iwmo_corpus::reference_corpus;
use iwmo_xsd::SchemaSet;

fn main() {
    if std::env::args().nth(1).as_deref() == Some("dump") {
        dump(
            std::env::args()
                .nth(2)
                .expect("usage: profile_xsd dump DIR"),
        );
        return;
    }
    let passes: usize = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let only = std::env::args().nth(2);
    let corpus = reference_corpus();
    let groups: Vec<(SchemaSet, Vec<Vec<u8>>)> = corpus
        .groups
        .iter()
        .filter(|g| only.as_deref().is_none_or(|o| g.example.starts_with(o)))
        .map(|g| {
            let set = SchemaSet::load([&g.xsd]).expect("reference schema loads");
            let docs = g.docs.iter().map(|d| d.xml.clone().into_bytes()).collect();
            (set, docs)
        })
        .collect();
    let n: usize = groups.iter().map(|(_, d)| d.len()).sum();
    let start = Instant::now();
    let mut valid = 0;
    for _ in 0..passes {
        valid = 0;
        for (set, docs) in &groups {
            for doc in docs {
                valid += usize::from(black_box(set.validate(black_box(doc))).is_valid());
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    // Only without passes: under callgrind, validation here would count twice.
    if passes > 0 {
        println!(
            "{n} documents, {valid} valid, {:.2} us per document",
            secs * 1e6 / (n * passes) as f64
        );
        return;
    }
    let mut digest = DefaultHasher::new();
    for (set, docs) in &groups {
        for doc in docs {
            format!("{:?}", set.validate(doc)).hash(&mut digest);
        }
    }
    println!("{n} documents, reports digest {:016x}", digest.finish());
}

/// Write the corpus as `DIR/gNN/dNNNNNN.xml`, the staged schemas of each group in
/// `DIR/gNN/schemas/` and the group's schema path in `DIR/gNN/xsd`: for running
/// `benches/libxml2_loop.c` under callgrind on the same documents.
fn dump(dir: String) {
    let corpus = reference_corpus();
    for (g, group) in corpus.groups.iter().enumerate() {
        let sub = std::path::Path::new(&dir).join(format!("g{g:02}"));
        std::fs::create_dir_all(&sub).expect("create the group directory");
        let schemas = sub.join("schemas");
        std::fs::create_dir_all(&schemas).expect("create the schema directory");
        let staged = group
            .xsd
            .parent()
            .expect("a staged schema is in a directory");
        for entry in std::fs::read_dir(staged).expect("list the staged schemas") {
            let path = entry.expect("list the staged schemas").path();
            if let Some(name) = path.file_name() {
                std::fs::copy(&path, schemas.join(name)).expect("copy a schema");
            }
        }
        let name = group.xsd.file_name().expect("a schema file name");
        std::fs::write(sub.join("xsd"), schemas.join(name).display().to_string())
            .expect("write the schema path");
        for (i, doc) in group.docs.iter().enumerate() {
            std::fs::write(sub.join(format!("d{i:06}.xml")), &doc.xml).expect("write document");
        }
    }
}
