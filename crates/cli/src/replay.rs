//! `iwmo replay`: a stream decided on its own clock, outputs written, summary printed, and
//! optionally compared with expected outputs.

use std::io::Write;
use std::process::ExitCode;

use iwmo_engine::{compare, replay};

use crate::{Format, ReplayArgs};

pub(crate) fn run(args: &ReplayArgs) -> anyhow::Result<ExitCode> {
    let settings = args.settings.load()?;
    let pipeline = settings.pipeline()?;
    let summary = replay(
        &pipeline,
        &args.stream,
        &args.out,
        settings.engine.threads,
        &mut crate::progress::reporter("replay"),
    )?;
    let mut stdout = std::io::stdout().lock();
    match args.format {
        Format::Text => writeln!(stdout, "{summary}\n  written to  {}", args.out.display())?,
        Format::Json => {
            serde_json::to_writer(&mut stdout, &summary)?;
            writeln!(stdout)?;
        }
    }
    if let Some(expected) = &args.expect {
        let diffs = compare(expected, &args.out)?;
        if !diffs.is_empty() {
            eprintln!(
                "iwmo: {} differences against {}:",
                diffs.len(),
                expected.display()
            );
            for d in &diffs {
                eprintln!("  {d}");
            }
            return Ok(ExitCode::from(1));
        }
        eprintln!("iwmo: the outputs equal {}", expected.display());
    }
    Ok(ExitCode::from(0))
}
