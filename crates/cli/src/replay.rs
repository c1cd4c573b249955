//! `iwmo replay`: a stream decided on its own clock, outputs written, summary printed, and
//! optionally compared with expected outputs.

use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;
use iwmo_engine::{compare, replay};
use iwmo_ledger::{Mode, Party};

use crate::{Format, ReplayArgs};

/// `chain`, `gemeente:0344` or `aanbieder:98004132`.
pub(crate) fn parse_party(s: &str) -> anyhow::Result<Mode> {
    match s.split_once(':') {
        None if s == "chain" => Ok(Mode::Chain),
        Some(("gemeente", code)) if code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(Mode::Own(Party::Gemeente(code.into())))
        }
        Some(("aanbieder", code)) if code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(Mode::Own(Party::Aanbieder(code.into())))
        }
        _ => bail!(
            "--party {s:?}: expected `chain`, `gemeente:<4 digits>` or `aanbieder:<8-digit AGB code>`"
        ),
    }
}

pub(crate) fn run(args: &ReplayArgs) -> anyhow::Result<ExitCode> {
    let settings = args.settings.load()?;
    let pipeline = settings.pipeline()?;
    let summary = replay(
        &pipeline,
        &args.stream,
        &args.out,
        settings.threads(),
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
