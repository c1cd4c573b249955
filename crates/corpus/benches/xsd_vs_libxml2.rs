//! Throughput of `iwmo-xsd` against libxml2 on the mutation corpus (several thousand small
//! iWmo/iJw messages, valid and invalid), measured the same way on both sides.
//!
//! `cargo bench -p iwmo-corpus --bench xsd_vs_libxml2`
//!
//! - In memory, the fair comparison: per message type, the schema compiled once, every document
//!   already in memory, one thread, best of [`IN_MEMORY_PASSES`] passes over the type's
//!   documents; the per-type bests are summed. iwmo-xsd runs in this process; libxml2 runs in
//!   `libxml2_loop.c` (beside this file), a C program the bench compiles at run time with
//!   `cc -O2 ... $(xml2-config --cflags --libs)` (Debian `libxml2-dev`) and that times two
//!   variants with `CLOCK_MONOTONIC`: `xmlReadMemory` + `xmlSchemaValidateDoc` (parse, then
//!   validate: what lxml and most systems do) and `xmlSchemaValidateStream` (SAX with the
//!   validator plugged in, no tree). Both sides print their valid counts, which must agree.
//!   The two sides of each type are measured one right after the other, so that the load of a
//!   shared machine changes little between them.
//! - From files: iwmo-xsd reading each file and validating it, best of [`OUR_PASSES`] passes;
//!   xmllint as one `xmllint --noout --schema X files...` process per schema over all its files
//!   (schema parsed once per process), timed around the process, minus the same command over one
//!   file (process start + schema parse), so what is left is the marginal cost per document.
//!   Best of [`XMLLINT_RUNS`] runs, per schema.
//! - lxml (when `python3 -c "import lxml.etree"` works): `XMLSchema.validate(fromstring(b))` over
//!   documents already in memory, timed with `time.perf_counter`. Note that lxml wheels bundle
//!   their own libxml2, usually newer than the system's.
//!
//! Pinning: when `taskset` exists, the bench re-executes itself under `taskset -c 0`, so our
//! thread, the C loop, xmllint and python all run on the same single core. No timing is
//! asserted anywhere.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use iwmo_corpus::reference_corpus;
use iwmo_xsd::SchemaSet;

/// Passes over the corpus for iwmo-xsd reading files.
const OUR_PASSES: usize = 5;
/// Passes per message type in memory, for iwmo-xsd and for the C loop alike.
const IN_MEMORY_PASSES: usize = 10;
const XMLLINT_RUNS: usize = 3;
const LXML_PASSES: usize = 3;
const PINNED_VAR: &str = "IWMO_BENCH_PINNED";
/// The C baseline, compiled at run time.
const C_SOURCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/libxml2_loop.c");

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

/// The documents of one message type (one reference example and its mutants).
struct Group {
    /// `WMO305`, `JW301`.
    name: String,
    xsd: PathBuf,
    dir: PathBuf,
    files: Vec<String>,
    docs: Vec<Vec<u8>>,
    schemas: SchemaSet,
}

/// One variant's best pass over one group's documents.
#[derive(Debug, Clone, Copy, Default)]
struct Timing {
    valid: usize,
    best: Duration,
}

/// What the C loop measured over one group.
struct CTimings {
    parse_validate: Timing,
    stream: Timing,
}

fn main() {
    let pinned = pin_to_one_core();
    let corpus = reference_corpus();
    let out = tempfile::Builder::new()
        .prefix("iwmo-bench-")
        .tempdir()
        .expect("temporary directory");
    let mut groups = Vec::new();
    for (g, group) in corpus.groups.iter().enumerate() {
        let dir = out.path().join(format!("g{g:02}"));
        fs::create_dir(&dir).expect("group directory");
        let mut files = Vec::new();
        for (i, doc) in group.docs.iter().enumerate() {
            let name = format!("d{i:06}.xml");
            fs::write(dir.join(&name), &doc.xml).expect("write document");
            files.push(name);
        }
        // The documents as the C loop sees them: read back from the files it is given.
        let docs = files
            .iter()
            .map(|f| fs::read(dir.join(f)).expect("read document"))
            .collect();
        let schemas = SchemaSet::load([&group.xsd]).expect("reference schema loads");
        groups.push(Group {
            name: group.example.trim_end_matches(".xml").to_string(),
            xsd: group.xsd.clone(),
            dir,
            files,
            docs,
            schemas,
        });
    }
    let n = corpus.len();
    let bytes: usize = groups.iter().flat_map(|g| &g.docs).map(Vec::len).sum();
    println!(
        "corpus: {n} documents, {:.1} MB, {} message types; {}",
        bytes as f64 / 1e6,
        groups.len(),
        if pinned {
            "everything pinned to CPU 0 (taskset -c 0)"
        } else {
            "not pinned (no taskset)"
        }
    );

    // In memory, per group: iwmo-xsd, then at once the C loop over the same group, so that
    // both sides of a ratio are measured within seconds of each other on this shared machine
    // (measuring all of one side first let a change of load between the two skew the ratios).
    let c_loop = compile_c_loop();
    let mut ours = Vec::new();
    let mut c: Result<Vec<CTimings>, String> =
        c_loop.as_ref().map(|_| Vec::new()).map_err(Clone::clone);
    for g in &groups {
        let mut valid = 0;
        let best = best_of(IN_MEMORY_PASSES, || {
            valid = 0;
            for doc in &g.docs {
                valid += usize::from(black_box(g.schemas.validate(black_box(doc))).is_valid());
            }
        });
        ours.push(Timing { valid, best });
        if let (Ok((_, exe)), Ok(timings)) = (&c_loop, &mut c) {
            match run_c_loop(exe, g) {
                Ok(t) => timings.push(t),
                Err(why) => c = Err(why),
            }
        }
    }

    // From files: iwmo-xsd reading each file.
    let mut from_disk_valid = 0;
    let from_disk = best_of(OUR_PASSES, || {
        from_disk_valid = 0;
        for group in &groups {
            for file in &group.files {
                let doc = fs::read(group.dir.join(file)).expect("read document");
                from_disk_valid += usize::from(black_box(group.schemas.validate(&doc)).is_valid());
            }
        }
    });

    // From files: xmllint, per schema, all files minus one file.
    let mut marginal = Duration::ZERO;
    for group in &groups {
        let all = best_of(XMLLINT_RUNS, || xmllint(group, &group.files));
        let one = best_of(XMLLINT_RUNS, || xmllint(group, &group.files[..1]));
        marginal += all.saturating_sub(one);
    }

    // lxml, in memory, when installed.
    let lxml = lxml(&groups);

    let rate = |docs: usize, d: Duration| docs as f64 / d.as_secs_f64();
    let ratio = |ours: Duration, theirs: Duration| theirs.as_secs_f64() / ours.as_secs_f64();
    let our_total: Duration = ours.iter().map(|t| t.best).sum();
    let our_valid: usize = ours.iter().map(|t| t.valid).sum();

    println!();
    println!("per message type, in memory, best of {IN_MEMORY_PASSES} passes each:");
    println!(
        "  {:8} {:>5} {:>8} {:>6}  {:>10}  {:>12} {:>7}  {:>12} {:>7}",
        "type",
        "docs",
        "avg B",
        "valid",
        "iwmo-xsd",
        "libxml2 p+v",
        "ratio",
        "libxml2 strm",
        "ratio"
    );
    for (i, g) in groups.iter().enumerate() {
        let docs = g.docs.len();
        let avg = g.docs.iter().map(Vec::len).sum::<usize>() / docs.max(1);
        let mut line = format!(
            "  {:8} {:>5} {:>8} {:>6}  {:>10.0}",
            g.name,
            docs,
            avg,
            ours[i].valid,
            rate(docs, ours[i].best)
        );
        if let Ok(c) = &c {
            for t in [c[i].parse_validate, c[i].stream] {
                line += &format!(
                    "  {:>12.0} {:>6.1}x",
                    rate(docs, t.best),
                    ratio(ours[i].best, t.best)
                );
            }
        }
        println!("{line}");
    }
    println!("  (msg/s; ratio = how many times faster iwmo-xsd is; avg B = average document size)");

    println!();
    let mut counts_agree = true;
    match &c {
        Ok(c) => {
            let pv: usize = c.iter().map(|t| t.parse_validate.valid).sum();
            let st: usize = c.iter().map(|t| t.stream.valid).sum();
            let agree = our_valid == pv && our_valid == st;
            counts_agree = agree;
            println!(
                "valid documents: iwmo-xsd {our_valid} | libxml2 parse+validate {pv} | \
                 libxml2 stream {st} (of {n}): {}",
                if agree { "agree" } else { "DIFFER" }
            );
            for (i, g) in groups.iter().enumerate() {
                let (a, b, s) = (ours[i].valid, c[i].parse_validate.valid, c[i].stream.valid);
                if a != b || a != s {
                    println!(
                        "  {}: iwmo-xsd {a} | libxml2 parse+validate {b} | libxml2 stream {s}",
                        g.name
                    );
                }
            }
        }
        Err(why) => println!("libxml2 C baseline skipped: {why}"),
    }
    if from_disk_valid != our_valid {
        println!("iwmo-xsd from files found {from_disk_valid} valid, in memory {our_valid}");
    }
    if let Ok((d, version, valid)) = &lxml {
        println!(
            "lxml (in memory, its own libxml2 {version}): {valid} valid, {:.0} msg/s, \
             best of {LXML_PASSES} passes: {:.3} s",
            rate(n, *d),
            d.as_secs_f64()
        );
    } else if let Err(why) = &lxml {
        println!("lxml skipped: {why}");
    }

    println!();
    let first = "in memory, one core:";
    let pad = " ".repeat(first.len());
    match &c {
        Ok(c) => {
            let pv: Duration = c.iter().map(|t| t.parse_validate.best).sum();
            let st: Duration = c.iter().map(|t| t.stream.best).sum();
            println!(
                "{first}  iwmo-xsd {:>7.0} msg/s | libxml2 (parse+validate)  {:>7.0} msg/s | ratio {:.1}x",
                rate(n, our_total),
                rate(n, pv),
                ratio(our_total, pv)
            );
            println!(
                "{pad}  iwmo-xsd {:>7.0} msg/s | libxml2 (stream validate) {:>7.0} msg/s | ratio {:.1}x",
                rate(n, our_total),
                rate(n, st),
                ratio(our_total, st)
            );
        }
        Err(_) => println!(
            "{first}  iwmo-xsd {:>7.0} msg/s | libxml2 C baseline skipped (see above)",
            rate(n, our_total)
        ),
    }
    if let Ok((d, _, _)) = &lxml {
        println!(
            "{pad}  iwmo-xsd {:>7.0} msg/s | lxml                      {:>7.0} msg/s | ratio {:.1}x",
            rate(n, our_total),
            rate(n, *d),
            ratio(our_total, *d)
        );
    }
    println!(
        "{:<w$}  iwmo-xsd {:>7.0} msg/s | xmllint (marginal)        {:>7.0} msg/s | ratio {:.1}x",
        "from files:",
        rate(n, from_disk),
        rate(n, marginal),
        ratio(from_disk, marginal),
        w = first.len()
    );
    if !counts_agree {
        // Not a timing assertion: the two sides did not do the same work, so the ratios above
        // compare different things.
        eprintln!("the valid counts differ: iwmo-xsd and libxml2 disagree on some documents");
        std::process::exit(1);
    }
}

/// Compile `libxml2_loop.c` into a temporary directory (kept alive with the path); `Err` says
/// why the C baseline is skipped.
fn compile_c_loop() -> Result<(tempfile::TempDir, PathBuf), String> {
    let flags = Command::new("xml2-config")
        .args(["--cflags", "--libs"])
        .output()
        .map_err(|e| format!("xml2-config not found ({e}); install Debian's libxml2-dev"))?;
    if !flags.status.success() {
        return Err(format!(
            "xml2-config failed: {}",
            String::from_utf8_lossy(&flags.stderr).trim()
        ));
    }
    let flags = String::from_utf8_lossy(&flags.stdout).into_owned();
    let dir = tempfile::Builder::new()
        .prefix("iwmo-libxml2-loop-")
        .tempdir()
        .map_err(|e| e.to_string())?;
    let exe = dir.path().join("libxml2_loop");
    let compiled = Command::new("cc")
        .args(["-O2", "-o"])
        .arg(&exe)
        .arg(C_SOURCE)
        .args(flags.split_whitespace())
        .output()
        .map_err(|e| format!("cannot run cc ({e}); install a C compiler"))?;
    if !compiled.status.success() {
        return Err(format!(
            "{C_SOURCE} does not compile:\n{}",
            String::from_utf8_lossy(&compiled.stderr)
        ));
    }
    Ok((dir, exe))
}

fn run_c_loop(exe: &Path, group: &Group) -> Result<CTimings, String> {
    let output = Command::new(exe)
        .arg(&group.xsd)
        .arg(IN_MEMORY_PASSES.to_string())
        .args(&group.files)
        .current_dir(&group.dir)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "the C loop failed on {} ({}): {}",
            group.name,
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let variant = |name: &str| -> Result<Timing, String> {
        let line = stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .ok_or_else(|| format!("the C loop printed no {name} line: {stdout}"))?;
        let fields: Vec<&str> = line.split_whitespace().collect();
        let parsed = match fields[..] {
            [_, docs, valid, secs] => docs
                .parse::<usize>()
                .ok()
                .filter(|&d| d == group.docs.len())
                .and(valid.parse().ok())
                .zip(secs.parse::<f64>().ok()),
            _ => None,
        };
        let (valid, secs) = parsed.ok_or_else(|| format!("unexpected C loop output: {line}"))?;
        Ok(Timing {
            valid,
            best: Duration::from_secs_f64(secs),
        })
    };
    Ok(CTimings {
        parse_validate: variant("parse+validate")?,
        stream: variant("stream")?,
    })
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

/// Best pass of lxml over every document, lxml's libxml2 version and its valid count; `Err`
/// when lxml cannot be used.
fn lxml(groups: &[Group]) -> Result<(Duration, String, String), String> {
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
    let valid = fields.next().unwrap_or("?").to_string();
    let version = fields.next().unwrap_or("?").to_string();
    match seconds {
        Some(s) if output.status.success() => Ok((Duration::from_secs_f64(s), version, valid)),
        _ => Err(format!(
            "the lxml script failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )),
    }
}
