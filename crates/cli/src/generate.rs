//! `iwmo generate`: a synthetic stream for tests, replays and benchmarks.

use std::io::Write;
use std::process::ExitCode;

use iwmo_generate::{write_lists, write_stream, GenerateConfig, PRODUCTCODES_FILE, TARIFFS_FILE};

use crate::{Format, GenerateArgs};

pub(crate) fn run(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    let defaults = GenerateConfig::default();
    let config = GenerateConfig {
        clients: args.clients,
        aanbieders: args.aanbieders,
        gemeente: args.gemeente.clone(),
        seed: args.seed,
        start: args.start.unwrap_or(defaults.start),
        late: args.late,
        missing: args.missing,
        wrong: args.wrong,
    };
    let summary = write_stream(&config, &args.out)?;
    if let Some(lists) = &args.lists {
        write_lists(&config, lists)?;
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Text => {
            writeln!(out, "{summary}\n  written to  {}", args.out.display())?;
            if let Some(lists) = &args.lists {
                writeln!(
                    out,
                    "  lists       {} and {} in {}",
                    PRODUCTCODES_FILE,
                    TARIFFS_FILE,
                    lists.display()
                )?;
            }
        }
        Format::Json => {
            serde_json::to_writer(&mut out, &summary)?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::from(0))
}
