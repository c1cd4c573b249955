//! `replay`: a stream of messages decided in file-name order on the stream's clock, with the
//! outputs written to a folder and counted; and [`compare`] for `--expect`.
//!
//! The clock of each input is the latest Dagtekening (of any element whose name ends in
//! `Dagtekening`, in the first 4 KiB) seen so far in the stream: never the system clock, so two
//! replays of one stream give the same bytes. (A `stream.toml` with explicit receipt times and
//! clock ticks is not read yet.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iwmo_ledger::MemoryLedger;
use serde::Serialize;

use crate::error::EngineError;
use crate::pipeline::{Input, Pipeline, Verdict};

/// The counts of one replay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReplaySummary {
    /// Inputs read.
    pub inputs: usize,
    /// Inputs per message kind (`wmo305`; `unreadable` for level-1 failures that are not XML
    /// or not a known message).
    pub per_kind: BTreeMap<String, usize>,
    /// Inputs per verdict.
    pub verdicts: BTreeMap<Verdict, usize>,
    /// Retourcodes in the retours sent, with their counts.
    pub retourcodes: BTreeMap<String, usize>,
    /// Outputs per destination.
    pub outputs: BTreeMap<String, usize>,
    /// Derived WMO405s.
    pub derived: usize,
    /// Signals raised.
    pub signals: usize,
}

impl std::fmt::Display for ReplaySummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} inputs", self.inputs)?;
        let line = |f: &mut std::fmt::Formatter<'_>, title: &str, items: Vec<(String, usize)>| {
            let list: Vec<String> = items.iter().map(|(k, n)| format!("{k} {n}")).collect();
            writeln!(
                f,
                "  {title:<12} {}",
                if list.is_empty() {
                    "-".to_string()
                } else {
                    list.join(", ")
                }
            )
        };
        line(f, "kinds", self.per_kind.clone().into_iter().collect())?;
        line(
            f,
            "verdicts",
            self.verdicts
                .iter()
                .map(|(v, n)| {
                    let name = serde_json::to_value(v)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    (name, *n)
                })
                .collect(),
        )?;
        line(
            f,
            "retourcodes",
            self.retourcodes.clone().into_iter().collect(),
        )?;
        line(f, "outputs", self.outputs.clone().into_iter().collect())?;
        writeln!(f, "  derived      {} WMO405", self.derived)?;
        write!(f, "  signals      {}", self.signals)
    }
}

/// The stream's messages: every regular file of the folder except `stream.toml` and `README*`,
/// in file-name order.
fn stream_files(stream: &Path) -> Result<Vec<PathBuf>, EngineError> {
    let entries =
        std::fs::read_dir(stream).map_err(|e| EngineError::io("cannot read", stream, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| EngineError::io("cannot read", stream, e))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if path.is_file() && name != "stream.toml" && !name.starts_with("README") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The latest date in an element whose name ends in `Dagtekening`, in the first 4 KiB.
fn dagtekening(bytes: &[u8]) -> Option<NaiveDate> {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let mut best: Option<NaiveDate> = None;
    let mut rest = text.as_ref();
    while let Some(i) = rest.find("Dagtekening>") {
        rest = &rest[i + "Dagtekening>".len()..];
        if let Some(date) = rest
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            best = best.max(Some(date));
        }
    }
    best
}

/// Replays a stream into `out`: every input decided in order against an in-memory ledger,
/// every output written to `out/<destination>/`. `out` is created; an earlier replay's output
/// folder (it has a `summary.json`) is replaced; any other non-empty folder is refused.
pub fn replay(
    pipeline: &Pipeline,
    stream: &Path,
    out: &Path,
) -> Result<ReplaySummary, EngineError> {
    if out.join("summary.json").is_file() {
        std::fs::remove_dir_all(out).map_err(|e| EngineError::io("cannot clear", out, e))?;
    }
    if out.exists() {
        let mut entries =
            std::fs::read_dir(out).map_err(|e| EngineError::io("cannot read", out, e))?;
        if entries.next().is_some() {
            return Err(EngineError::OutputNotEmpty(out.to_path_buf()));
        }
    }
    let mut ledger = MemoryLedger::new();
    let mut summary = ReplaySummary::default();
    let mut clock = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
    for file in stream_files(stream)? {
        let bytes = std::fs::read(&file).map_err(|e| EngineError::io("cannot read", &file, e))?;
        if let Some(d) = dagtekening(&bytes) {
            clock = clock.max(d);
        }
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let input = Input {
            name: name.clone(),
            bytes,
            received: clock,
        };
        let processed = pipeline.process(&ledger, &input);
        if let Some(decision) = &processed.decision {
            ledger.apply(decision);
            summary.derived += decision.derived.len();
            summary.signals += decision.signals.len();
        }
        summary.inputs += 1;
        let kind = processed
            .kind
            .map(|k| format!("wmo{}", k.number()))
            .unwrap_or_else(|| "unreadable".into());
        *summary.per_kind.entry(kind).or_default() += 1;
        *summary.verdicts.entry(processed.verdict).or_default() += 1;
        for code in &processed.retourcodes {
            *summary.retourcodes.entry(code.clone()).or_default() += 1;
        }
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        for (i, output) in processed.outputs.iter().enumerate() {
            let dir = out.join(output.destination.name());
            std::fs::create_dir_all(&dir).map_err(|e| EngineError::io("cannot create", &dir, e))?;
            let ext = output
                .file_name()
                .rsplit_once('.')
                .map(|(_, e)| e.to_string())
                .unwrap_or_default();
            let path = dir.join(format!("{stem}.{i}.{}.{ext}", output.kind));
            std::fs::write(&path, &output.body)
                .map_err(|e| EngineError::io("cannot write", &path, e))?;
            *summary
                .outputs
                .entry(output.destination.name().to_string())
                .or_default() += 1;
        }
    }
    let path = out.join("summary.json");
    std::fs::create_dir_all(out).map_err(|e| EngineError::io("cannot create", out, e))?;
    let mut json = serde_json::to_vec_pretty(&summary).unwrap_or_default();
    json.push(b'\n');
    std::fs::write(&path, json).map_err(|e| EngineError::io("cannot write", &path, e))?;
    Ok(summary)
}

/// Every difference between an expected output folder and an actual one, readable: missing and
/// extra files, and for a differing file its first differing line.
pub fn compare(expected: &Path, actual: &Path) -> Result<Vec<String>, EngineError> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), EngineError> {
        let entries = std::fs::read_dir(dir).map_err(|e| EngineError::io("cannot read", dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| EngineError::io("cannot read", dir, e))?;
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
        Ok(())
    }
    let (mut want, mut got) = (Vec::new(), Vec::new());
    walk(expected, expected, &mut want)?;
    walk(actual, actual, &mut got)?;
    want.sort();
    got.sort();
    let mut diffs = Vec::new();
    for rel in &want {
        if !got.contains(rel) {
            diffs.push(format!("missing: {}", rel.display()));
            continue;
        }
        let a = std::fs::read(expected.join(rel))
            .map_err(|e| EngineError::io("cannot read", expected.join(rel), e))?;
        let b = std::fs::read(actual.join(rel))
            .map_err(|e| EngineError::io("cannot read", actual.join(rel), e))?;
        if a != b {
            let (a, b) = (String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
            let (al, bl): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
            let n = al.iter().zip(&bl).take_while(|(x, y)| x == y).count();
            diffs.push(format!(
                "differs: {} at line {}\n  expected: {}\n  actual:   {}",
                rel.display(),
                n + 1,
                al.get(n).unwrap_or(&"<end of file>").trim(),
                bl.get(n).unwrap_or(&"<end of file>").trim()
            ));
        }
    }
    for rel in &got {
        if !want.contains(rel) {
            diffs.push(format!("extra: {}", rel.display()));
        }
    }
    Ok(diffs)
}
