//! Throughput of `iwmo-xsd` against libxml2 on the mutation corpus (several thousand small
//! iWmo/iJw messages, valid and invalid).
//!
//! `cargo bench -p iwmo-corpus --bench xsd_vs_libxml2`
//!
//! - iwmo-xsd: schemas compiled once; each file read from disk and validated, one thread;
//!   best of several passes. Also in memory (documents read beforehand).
//! - xmllint: one `xmllint --noout --schema X files...` process per schema over all its files
//!   (schema parsed once per process), timed around the process; minus the same command over
//!   one file (process start + schema parse), so what is left is the marginal cost per
//!   document. Best of several runs, per schema.
//! - lxml (when `python3 -c "import lxml.etree"` works): `XMLSchema.validate(fromstring(b))` over
//!   documents already in memory, timed with `time.perf_counter`; compared with our in-memory
//!   number. Note that lxml wheels bundle their own libxml2, usually newer than 2.9.14.
//!
//! Pinning: when `taskset` exists, the bench re-executes itself under `taskset -c 0`, so our
//! thread, xmllint and python all run on the same single core. No timing is asserted anywhere.

use std::fs;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use iwmo_corpus::reference_corpus;
use iwmo_xsd::SchemaSet;

const OUR_PASSES: usize = 5;
const XMLLINT_RUNS: usize = 3;
const LXML_PASSES: usize = 3;
const PINNED_VAR: &str = "IWMO_BENCH_PINNED";

const LXML_SCRIPT: &str = r#"
import sys, time
from lxml import etree
passes = int(sys.argv[2])
groups = {}
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    xsd, path = line.split("\t")
    groups.setdefault(xsd, []).append(open(path, "rb").read())
work = [(etree.XMLSchema(etree.parse(xsd)), docs) for xsd, docs in groups.items()]
best, valid = None, 0
for _ in range(passes):
    valid = 0
    start = time.perf_counter()
    for schema, docs in work:
        for doc in docs:
            try:
                ok = schema.validate(etree.fromstring(doc))
            except etree.XMLSyntaxError:
                ok = False
            valid += ok
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
print(best, valid, ".".join(map(str, etree.LIBXML_VERSION)))
"#;

struct Group {
    xsd: PathBuf,
    dir: PathBuf,
    files: Vec<String>,
    schemas: SchemaSet,
}

fn main() {
    let pinned = pin_to_one_core();
    let corpus = reference_corpus();
    let out = tempfile::Builder::new()
        .prefix("iwmo-bench-")
        .tempdir()
        .expect("temporary directory");
    let mut groups = Vec::new();
    let mut bytes = 0;
    for (g, group) in corpus.groups.iter().enumerate() {
        let dir = out.path().join(format!("g{g:02}"));
        fs::create_dir(&dir).expect("group directory");
        let mut files = Vec::new();
        for (i, doc) in group.docs.iter().enumerate() {
            let name = format!("d{i:06}.xml");
            fs::write(dir.join(&name), &doc.xml).expect("write document");
            bytes += doc.xml.len();
            files.push(name);
        }
        let schemas = SchemaSet::load([&group.xsd]).expect("reference schema loads");
        groups.push(Group {
            xsd: group.xsd.clone(),
            dir,
            files,
            schemas,
        });
    }
    let n = corpus.len();
    println!(
        "corpus: {n} documents, {:.1} MB, {} schemas; {}",
        bytes as f64 / 1e6,
        groups.len(),
        if pinned {
            "everything pinned to CPU 0 (taskset -c 0)"
        } else {
            "not pinned (no taskset)"
        }
    );

    // (a) iwmo-xsd, reading each file from disk.
    let mut valid = 0;
    let from_disk = best_of(OUR_PASSES, || {
        valid = 0;
        for group in &groups {
            for file in &group.files {
                let doc = fs::read(group.dir.join(file)).expect("read document");
                valid += usize::from(black_box(group.schemas.validate(&doc)).is_valid());
            }
        }
    });
    // The same, in memory.
    let loaded: Vec<(&SchemaSet, Vec<u8>)> = groups
        .iter()
        .flat_map(|g| {
            g.files
                .iter()
                .map(|f| (&g.schemas, fs::read(g.dir.join(f)).expect("read document")))
        })
        .collect();
    let in_memory = best_of(OUR_PASSES, || {
        for (schemas, doc) in &loaded {
            black_box(schemas.validate(black_box(doc)));
        }
    });
    println!("iwmo-xsd: {valid} of {n} documents valid");

    // (b) xmllint: per schema, all files minus one file.
    let mut marginal = Duration::ZERO;
    for group in &groups {
        let all = best_of(XMLLINT_RUNS, || xmllint(group, &group.files));
        let one = best_of(XMLLINT_RUNS, || xmllint(group, &group.files[..1]));
        marginal += all.saturating_sub(one);
    }

    // (c) lxml, in memory.
    let lxml = lxml(&groups);

    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    println!(
        "iwmo-xsd (read file + validate)   {:>9.0} msg/s   best of {OUR_PASSES} passes: {:.3} s",
        rate(from_disk),
        from_disk.as_secs_f64()
    );
    println!(
        "iwmo-xsd (in memory)              {:>9.0} msg/s   best of {OUR_PASSES} passes: {:.3} s",
        rate(in_memory),
        in_memory.as_secs_f64()
    );
    println!(
        "xmllint  (marginal per document)  {:>9.0} msg/s   best of {XMLLINT_RUNS} runs per schema, \
         minus process start + schema parse: {:.3} s",
        rate(marginal),
        marginal.as_secs_f64()
    );
    match &lxml {
        Ok((d, version)) => println!(
            "lxml     (in memory)               {:>9.0} msg/s   best of {LXML_PASSES} passes: {:.3} s \
             (lxml's own libxml2 {version})",
            rate(*d),
            d.as_secs_f64()
        ),
        Err(why) => println!("lxml     skipped: {why}"),
    }
    println!();
    println!(
        "iwmo-xsd {:>9.0} msg/s | xmllint {:>9.0} msg/s | ratio {:.1}x   (files from disk)",
        rate(from_disk),
        rate(marginal),
        marginal.as_secs_f64() / from_disk.as_secs_f64()
    );
    if let Ok((d, _)) = &lxml {
        println!(
            "iwmo-xsd {:>9.0} msg/s | lxml    {:>9.0} msg/s | ratio {:.1}x   (in memory)",
            rate(in_memory),
            rate(*d),
            d.as_secs_f64() / in_memory.as_secs_f64()
        );
    }
}

/// Re-execute under `taskset -c 0` once, when taskset exists. Returns whether this process is
/// the pinned one.
fn pin_to_one_core() -> bool {
    if std::env::var_os(PINNED_VAR).is_some() {
        return true;
    }
    let has_taskset = Command::new("taskset")
        .args(["-c", "0", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_taskset {
        return false;
    }
    let exe = std::env::current_exe().expect("path of the bench executable");
    let status = Command::new("taskset")
        .args(["-c", "0"])
        .arg(exe)
        .args(std::env::args_os().skip(1))
        .env(PINNED_VAR, "1")
        .status()
        .expect("run the bench under taskset");
    std::process::exit(status.code().unwrap_or(1));
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn xmllint(group: &Group, files: &[String]) {
    let status = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&group.xsd)
        .args(files)
        .current_dir(&group.dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run xmllint (install libxml2-utils)");
    assert!(status.code().is_some(), "xmllint died: {status}");
}

/// Best pass of lxml over every document, and lxml's libxml2 version; `Err` when lxml cannot
/// be used.
fn lxml(groups: &[Group]) -> Result<(Duration, String), String> {
    let probe = Command::new("python3")
        .args(["-c", "import lxml.etree"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        return Err("python3 cannot import lxml".into());
    }
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let list = dir.path().join("documents.tsv");
    let lines: Vec<String> = groups
        .iter()
        .flat_map(|g| {
            g.files
                .iter()
                .map(|f| format!("{}\t{}", g.xsd.display(), g.dir.join(f).display()))
        })
        .collect();
    fs::write(&list, lines.join("\n")).map_err(|e| e.to_string())?;
    let output = Command::new("python3")
        .arg("-c")
        .arg(LXML_SCRIPT)
        .arg(&list)
        .arg(LXML_PASSES.to_string())
        .output()
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut fields = stdout.split_whitespace();
    let seconds: Option<f64> = fields.next().and_then(|s| s.parse().ok());
    let valid = fields.next().unwrap_or("?");
    let version = fields.next().unwrap_or("?").to_string();
    match seconds {
        Some(s) if output.status.success() => {
            println!("lxml: {valid} of {} documents valid", lines.len());
            Ok((Duration::from_secs_f64(s), version))
        }
        _ => Err(format!(
            "the lxml script failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )),
    }
}
