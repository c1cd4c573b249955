//! `iwmo run`: directory mode until SIGINT/SIGTERM, or once.

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use iwmo_engine::{run_directory, DataDir, DirectoryOptions, Engine, Naming};
use iwmo_store::RedbStore;

use crate::{Format, RunArgs};

pub(crate) fn run(args: &RunArgs) -> anyhow::Result<ExitCode> {
    let mut settings = args.settings.load()?;
    if let Some(data) = &args.data {
        settings.data = data.clone();
    }
    let pipeline = settings.pipeline()?;
    let data = DataDir::new(&settings.data);
    let store = RedbStore::open(data.store())
        .with_context(|| format!("while opening the store of {}", settings.data.display()))?;
    let mut engine =
        Engine::open(&pipeline, store, Naming::ById)?.with_threads(settings.engine.threads);
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot install the signal handlers")?;
    }
    let options = DirectoryOptions {
        batch: settings.engine.batch,
        max_input_bytes: settings.engine.max_input_bytes,
        poll: Duration::from_millis(settings.engine.poll_ms),
        once: args.once,
    };
    let fixed = args.today;
    let today = move || fixed.unwrap_or_else(crate::clock::dutch_today);
    eprintln!(
        "iwmo: watching {} ({}){}",
        data.inbox().display(),
        settings.party,
        if args.once {
            ", once"
        } else {
            "; stop with Ctrl-C or SIGTERM"
        }
    );
    let mut last = std::time::Instant::now();
    let summary = run_directory(&mut engine, &data, &options, &today, &stop, &mut |s| {
        if last.elapsed() >= Duration::from_secs(5) {
            last = std::time::Instant::now();
            eprintln!("iwmo: {} inputs handled", s.inputs);
        }
    })?;
    let mut stdout = std::io::stdout().lock();
    match args.format {
        Format::Text => writeln!(stdout, "{summary}")?,
        Format::Json => {
            serde_json::to_writer(&mut stdout, &summary)?;
            writeln!(stdout)?;
        }
    }
    Ok(ExitCode::from(0))
}
