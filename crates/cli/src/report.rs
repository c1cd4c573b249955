//! `iwmo report`: signals and deadline violations per aanbieder or gemeente, from the signal
//! outputs of a data folder or a replay.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use clap::ValueEnum;
use serde::Deserialize;

use crate::ReportArgs;

/// How rows are grouped.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum By {
    /// One row per aanbieder (AGB code).
    Aanbieder,
    /// One row per gemeente.
    Gemeente,
}

/// How the report is written.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum ReportFormat {
    /// Aligned columns.
    Table,
    /// Comma-separated, with a header line.
    Csv,
}

/// A signal output, as the engine writes it.
#[derive(Deserialize)]
struct SignalFile {
    signal: String,
    gemeente: String,
    aanbieder: String,
    working_days_late: i64,
}

/// The signal kinds, in column order.
const KINDS: [&str; 5] = [
    "late-start",
    "late-stop",
    "missing-start",
    "missing-stop",
    "no-care",
];

#[derive(Default)]
struct Row {
    counts: [usize; KINDS.len()],
    other: usize,
    most_late: i64,
}

/// The signals folder of a data folder (`outbox/signals`) or of a replay (`signals`).
fn signals_folder(dir: &Path) -> Option<PathBuf> {
    [dir.join("outbox/signals"), dir.join("signals")]
        .into_iter()
        .find(|p| p.is_dir())
}

pub(crate) fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    if !args.dir.is_dir() {
        bail!("{} is not a folder", args.dir.display());
    }
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut files = 0;
    if let Some(folder) = signals_folder(&args.dir) {
        for entry in std::fs::read_dir(&folder)
            .with_context(|| format!("cannot read {}", folder.display()))?
        {
            let path = entry?.path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let bytes =
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let signal: SignalFile = serde_json::from_slice(&bytes)
                .with_context(|| format!("{} is not a signal", path.display()))?;
            files += 1;
            let party = match args.by {
                By::Aanbieder => signal.aanbieder,
                By::Gemeente => signal.gemeente,
            };
            let row = rows.entry(party).or_default();
            match KINDS.iter().position(|k| *k == signal.signal) {
                Some(i) => row.counts[i] += 1,
                None => row.other += 1,
            }
            row.most_late = row.most_late.max(signal.working_days_late);
        }
    }
    let party = match args.by {
        By::Aanbieder => "aanbieder",
        By::Gemeente => "gemeente",
    };
    let mut out = std::io::stdout().lock();
    let header: Vec<&str> = std::iter::once(party)
        .chain(KINDS)
        .chain(["other", "total", "most_working_days_late"])
        .collect();
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|(p, r)| {
            let total: usize = r.counts.iter().sum::<usize>() + r.other;
            std::iter::once(p.clone())
                .chain(r.counts.iter().map(|c| c.to_string()))
                .chain([
                    r.other.to_string(),
                    total.to_string(),
                    r.most_late.to_string(),
                ])
                .collect()
        })
        .collect();
    match args.format {
        ReportFormat::Csv => {
            writeln!(out, "{}", header.join(","))?;
            for l in &lines {
                writeln!(out, "{}", l.join(","))?;
            }
        }
        ReportFormat::Table => {
            let widths: Vec<usize> = (0..header.len())
                .map(|i| {
                    lines
                        .iter()
                        .map(|l| l[i].len())
                        .chain([header[i].len()])
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let fmt = |cells: Vec<&str>| {
                cells
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, (c, w))| {
                        if i == 0 {
                            format!("{c:<w$}")
                        } else {
                            format!("{c:>w$}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("  ")
            };
            writeln!(out, "{}", fmt(header.clone()))?;
            for l in &lines {
                writeln!(out, "{}", fmt(l.iter().map(String::as_str).collect()))?;
            }
            writeln!(out, "{files} signals, {} {party}s", rows.len())?;
        }
    }
    Ok(ExitCode::from(0))
}
