//! `iwmo bench replay`: `iwmo replay` against the file system's floor, in one run.
//!
//! A replay reads one file per input and creates one file per output (about 2.4 per input):
//! on a slow file system that, not deciding, sets its pace. So the baseline here is what
//! the file system alone costs for the same work: read every input file (on a thread of its
//! own, as the replay's preparer does) while writing every output file the replay wrote (same
//! folders, names and bytes, through the same [`DirectorySink`]: in place, one writer thread
//! per core, one `syncfs` at the end). No decisions, no store.
//!
//! The stream is generated into a temporary folder (as `iwmo generate`), replayed once to
//! learn its outputs (not timed), then baseline and replay run alternately `--rounds` times,
//! each into a fresh folder, after a `syncfs` so that no run pays for the writeback of the
//! one before. Every folder stays until the end: a folder deleted just before a run makes that
//! run's file creations slower (ext4 looks at recently freed inodes), which would favour
//! whichever run came first.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{ensure, Context as _};
use iwmo_engine::{
    replay, sync_file_system, threads_or_one_per_core, DirectorySink, Sink, STORE_FOLDER,
};
use iwmo_generate::{write_stream, GenerateConfig};
use iwmo_store::{OutboxId, OutboxRow};
use serde::Serialize;

use crate::bench::{median, print_report, ratio_per_round};
use crate::BenchReplayArgs;

/// The target for `iwmo replay`, in inputs per second.
const TARGET_INPUTS_PER_SECOND: f64 = 20_000.0;

/// Output files written per delivery, as the replay's writer does.
const WRITE_CHUNK: usize = 10_000;

/// One timed run.
#[derive(Debug, Clone, Serialize)]
struct Timed {
    round: usize,
    run: &'static str,
    seconds: f64,
    inputs_per_second: f64,
}

/// What the command prints.
#[derive(Debug, Serialize)]
struct Report {
    clients: usize,
    aanbieders: usize,
    seed: u64,
    inputs: usize,
    outputs: usize,
    output_bytes: usize,
    threads: usize,
    folder: PathBuf,
    runs: Vec<Timed>,
    /// Median inputs per second of the file-system floor.
    floor_inputs_per_second: f64,
    /// Median inputs per second of the replay.
    replay_inputs_per_second: f64,
    /// Median replay rate over median floor rate.
    ratio: f64,
    /// The median of each round's replay rate over the same round's floor rate.
    ratio_per_round: f64,
    target_inputs_per_second: f64,
}

pub(crate) fn run(args: &BenchReplayArgs) -> anyhow::Result<ExitCode> {
    ensure!(args.rounds >= 1, "--rounds must be at least 1");
    let settings = args.settings.load()?;
    let pipeline = settings.pipeline()?;
    let threads = threads_or_one_per_core(settings.engine.threads);
    let parent = args.dir.clone().unwrap_or_else(std::env::temp_dir);
    let work = tempfile::Builder::new()
        .prefix("iwmo-bench-replay.")
        .tempdir_in(&parent)
        .with_context(|| format!("while creating a folder in {}", parent.display()))?;
    let stream = work.path().join("stream");
    let generate = GenerateConfig {
        clients: args.clients,
        aanbieders: args.aanbieders,
        seed: args.seed,
        ..GenerateConfig::default()
    };
    write_stream(&generate, &stream).context("while generating the stream")?;
    let inputs = stream_inputs(&stream)?;
    eprintln!(
        "iwmo: bench replay: {} inputs generated in {}; replaying once to learn the outputs",
        inputs.len(),
        stream.display()
    );
    let learned = work.path().join("learn");
    replay(&pipeline, &stream, &learned, threads, &mut |_| {})?;
    let outputs = output_rows(&learned)?;
    let output_bytes = outputs.iter().map(|r| r.payload.len()).sum();

    let mut runs = Vec::new();
    for round in 1..=args.rounds {
        sync_file_system(work.path())?;
        let out = work.path().join(format!("floor-{round}"));
        let took = floor(&inputs, &outputs, &out, threads)?;
        runs.push(timed(round, "floor", took, inputs.len()));
        sync_file_system(work.path())?;
        let out = work.path().join(format!("replay-{round}"));
        let started = Instant::now();
        let summary = replay(&pipeline, &stream, &out, threads, &mut |_| {})?;
        runs.push(timed(round, "replay", started.elapsed(), inputs.len()));
        let written: usize = summary.outputs.values().sum();
        ensure!(
            written == outputs.len(),
            "round {round}: the replay wrote {written} outputs, the first replay {}",
            outputs.len()
        );
    }
    let median_of = |run: &str| {
        median(
            runs.iter()
                .filter(|t| t.run == run)
                .map(|t| t.inputs_per_second)
                .collect(),
        )
    };
    let (floor_rate, replay_rate) = (median_of("floor"), median_of("replay"));
    let report = Report {
        clients: args.clients,
        aanbieders: args.aanbieders,
        seed: args.seed,
        inputs: inputs.len(),
        outputs: outputs.len(),
        output_bytes,
        threads,
        folder: work.path().to_path_buf(),
        ratio: replay_rate / floor_rate.max(1e-9),
        ratio_per_round: ratio_per_round(runs.iter().map(|t| t.inputs_per_second)),
        floor_inputs_per_second: floor_rate,
        replay_inputs_per_second: replay_rate,
        target_inputs_per_second: TARGET_INPUTS_PER_SECOND,
        runs,
    };
    print_report(args.format, &report, render)?;
    eprintln!("iwmo: bench replay: removing {}", work.path().display());
    Ok(ExitCode::from(0))
}

fn timed(round: usize, run: &'static str, took: Duration, inputs: usize) -> Timed {
    let seconds = took.as_secs_f64().max(1e-9);
    eprintln!(
        "iwmo: bench replay: round {round} {run:<6} {:.0} inputs/s ({seconds:.1} s)",
        inputs as f64 / seconds
    );
    Timed {
        round,
        run,
        seconds,
        inputs_per_second: inputs as f64 / seconds,
    }
}

/// The stream's input files in file-name order (a generated stream has no `stream.toml`).
fn stream_inputs(stream: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(stream)
        .with_context(|| format!("while reading {}", stream.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|p| p.is_file());
    files.sort();
    Ok(files)
}

/// Every output file of a replay's folder (not its store, not `summary.json`), as the rows a
/// [`DirectorySink`] writes back to the same places.
fn output_rows(folder: &Path) -> anyhow::Result<Vec<OutboxRow>> {
    let mut rows = Vec::new();
    for destination in std::fs::read_dir(folder)? {
        let destination = destination?;
        let name = destination.file_name().to_string_lossy().to_string();
        if !destination.file_type()?.is_dir() || name == STORE_FOLDER {
            continue;
        }
        for file in std::fs::read_dir(destination.path())? {
            let file = file?;
            let file_name = file.file_name().to_string_lossy().to_string();
            rows.push(OutboxRow {
                id: OutboxId(format!("{name}/{file_name}")),
                destination: name.clone(),
                payload: std::fs::read(file.path())?,
                headers: vec![("file".to_string(), file_name)],
            });
        }
    }
    rows.sort_by(|a, b| a.id.0.cmp(&b.id.0));
    Ok(rows)
}

/// The file system's floor: every input read on one thread while every output is written on
/// `threads` threads in chunks, then synced once, as the replay does; no decisions, no store.
fn floor(
    inputs: &[PathBuf],
    outputs: &[OutboxRow],
    out: &Path,
    threads: usize,
) -> anyhow::Result<Duration> {
    let started = Instant::now();
    std::fs::create_dir_all(out)?;
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let reader = scope.spawn(|| -> anyhow::Result<usize> {
            let mut bytes = 0;
            for input in inputs {
                bytes += std::fs::read(input)
                    .with_context(|| format!("while reading {}", input.display()))?
                    .len();
            }
            Ok(bytes)
        });
        let mut sink = DirectorySink::new(out, false)
            .in_place()
            .with_writers(threads);
        for chunk in outputs.chunks(WRITE_CHUNK) {
            sink.deliver(chunk)?;
        }
        match reader.join() {
            Ok(read) => read.map(|_| ()),
            Err(panic) => std::panic::resume_unwind(panic),
        }?;
        Ok(sync_file_system(out)?)
    })?;
    Ok(started.elapsed())
}

fn render(r: &Report) -> String {
    let mut s = format!(
        "iwmo bench replay: {} inputs ({} clients, {} aanbieders, seed {}), {} outputs ({:.1} MB), {} writer threads\n",
        r.inputs,
        r.clients,
        r.aanbieders,
        r.seed,
        r.outputs,
        r.output_bytes as f64 / 1e6,
        r.threads
    );
    s += "  round  run      seconds  inputs/s\n";
    for t in &r.runs {
        s += &format!(
            "  {:>5}  {:<7} {:>8.2}  {:>8.0}\n",
            t.round, t.run, t.seconds, t.inputs_per_second
        );
    }
    s += &format!(
        "  floor (read inputs, write outputs; no decisions, no store)  {:>8.0} inputs/s (median)\n",
        r.floor_inputs_per_second
    );
    s += &format!(
        "  replay (every check, durable store)                         {:>8.0} inputs/s (median)\n",
        r.replay_inputs_per_second
    );
    s += &format!(
        "  ratio replay/floor {:.2} (per round {:.2}); the issue's target is {:.0} inputs/s\n",
        r.ratio, r.ratio_per_round, r.target_inputs_per_second
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(vec![5.0, 1.0, 3.0]), 3.0);
        assert_eq!(median(Vec::new()), 0.0);
    }

    #[test]
    fn the_floor_writes_every_output_where_the_replay_wrote_it() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.xml");
        std::fs::write(&input, b"<x/>").unwrap();
        let rows = vec![
            OutboxRow {
                id: OutboxId("ggk/a.0.wmo306.xml".into()),
                destination: "ggk".into(),
                payload: b"retour".to_vec(),
                headers: vec![("file".into(), "a.0.wmo306.xml".into())],
            },
            OutboxRow {
                id: OutboxId("cak/a.1.wmo405.xml".into()),
                destination: "cak".into(),
                payload: b"405".to_vec(),
                headers: vec![("file".into(), "a.1.wmo405.xml".into())],
            },
        ];
        let out = dir.path().join("floor");
        floor(&[input], &rows, &out, 2).unwrap();
        assert_eq!(
            std::fs::read(out.join("ggk/a.0.wmo306.xml")).unwrap(),
            b"retour"
        );
        assert_eq!(
            std::fs::read(out.join("cak/a.1.wmo405.xml")).unwrap(),
            b"405"
        );
        let learned = output_rows(&out).unwrap();
        assert_eq!(learned.len(), 2);
        assert_eq!(learned[0].payload, b"405");
    }
}
