//! Control levels 1 and 2 per message, on one core: XSD validation, then reading the typed
//! message, then every level-2 check, over the fixture corpus (`fixtures/messages/` and
//! `fixtures/rules/`, heen messages, valid and rule-breaking alike).
//!
//! `cargo bench -p iwmo-rules --bench xsd_and_rules`
//!
//! Three variants run side by side in one process, interleaved pass by pass so machine noise
//! hits them alike: XSD only (the baseline), XSD + read, and XSD + read + rules (what a
//! receiver does before its ledger). Each reports the best pass in messages per second; the
//! ratios against the baseline are the result to compare across runs, not the absolute
//! numbers. When `taskset` exists the bench re-executes itself pinned to core 0. No timing is
//! asserted anywhere.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use iwmo_xsd::SchemaSet;

const PINNED_VAR: &str = "IWMO_BENCH_PINNED";
const PASSES: usize = 15;
/// Each pass repeats the corpus until it has run at least this long.
const PASS_TIME: Duration = Duration::from_millis(200);

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> Vec<Vec<u8>> {
    let root = workspace();
    let mut files = Vec::new();
    let mut dirs = vec![root.join("fixtures/messages")];
    if let Ok(rules) = std::fs::read_dir(root.join("fixtures/rules")) {
        dirs.extend(rules.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
    }
    for dir in dirs {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let heen = ["301", "305", "307", "315", "317", "319", "323", "325"]
                .iter()
                .any(|n| name.starts_with(&format!("wmo{n}")));
            let in_rules = dir.parent().is_some_and(|p| p.ends_with("fixtures/rules"));
            if name.ends_with(".xml") && (heen || in_rules) {
                files.push(path);
            }
        }
    }
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn pin() {
    if std::env::var_os(PINNED_VAR).is_some() {
        return;
    }
    let me = std::env::current_exe().unwrap();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Ok(status) = Command::new("taskset")
        .arg("-c")
        .arg("0")
        .arg(&me)
        .args(&args)
        .env(PINNED_VAR, "1")
        .status()
    {
        std::process::exit(status.code().unwrap_or(1));
    }
    eprintln!("taskset not found: running unpinned");
}

#[derive(Clone, Copy)]
enum Variant {
    Xsd,
    XsdRead,
    XsdReadRules,
}

/// One pass: the corpus repeated until PASS_TIME; returns messages per second and a checksum
/// (valid counts, findings) that keeps the work observable.
fn pass(schemas: &SchemaSet, docs: &[Vec<u8>], variant: Variant) -> (f64, usize) {
    let start = Instant::now();
    let (mut n, mut sum) = (0usize, 0usize);
    while start.elapsed() < PASS_TIME {
        for doc in docs {
            let report = schemas.validate(black_box(doc));
            sum += usize::from(report.is_valid());
            if !matches!(variant, Variant::Xsd) && report.is_valid() {
                if let Ok(message) = iwmo_model::read(doc) {
                    if matches!(variant, Variant::XsdReadRules) {
                        sum += iwmo_rules::check(&message).findings.len();
                    }
                    black_box(&message);
                }
            }
            n += 1;
        }
    }
    (n as f64 / start.elapsed().as_secs_f64(), sum / n.max(1))
}

fn main() {
    pin();
    let dir = workspace().join("schemas/iwmo/3.2");
    let schemas = SchemaSet::load_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let docs = corpus();
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let rule_breaking = docs
        .iter()
        .filter_map(|d| iwmo_model::read(d).ok())
        .filter(|m| !iwmo_rules::check(m).is_clean())
        .count();
    println!(
        "corpus: {} heen messages ({} KiB, {} break a level-2 rule); {} level-2 checks; {PASSES} interleaved passes of >= {} ms each, one thread",
        docs.len(),
        bytes / 1024,
        rule_breaking,
        iwmo_rules::checks().len(),
        PASS_TIME.as_millis()
    );
    let variants = [
        ("XSD only (baseline)", Variant::Xsd),
        ("XSD + read model", Variant::XsdRead),
        ("XSD + read + rules", Variant::XsdReadRules),
    ];
    let mut best = [0f64; 3];
    for _ in 0..PASSES {
        for (i, (_, v)) in variants.iter().enumerate() {
            let (rate, _) = pass(&schemas, &docs, *v);
            best[i] = best[i].max(rate);
        }
    }
    let per_msg = |rate: f64| 1e6 / rate;
    for (i, (name, _)) in variants.iter().enumerate() {
        println!(
            "{name:<24} {:>9.0} msg/s  {:>6.1} µs/msg  ratio to baseline {:.2}",
            best[i],
            per_msg(best[i]),
            best[i] / best[0]
        );
    }
    println!(
        "level 2 alone (read + rules): {:.1} µs/msg; rules alone: {:.1} µs/msg",
        per_msg(best[2]) - per_msg(best[0]),
        per_msg(best[2]) - per_msg(best[1])
    );
}
