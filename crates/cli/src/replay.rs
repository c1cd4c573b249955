//! `iwmo replay`: a stream decided on its own clock, outputs written, summary printed, and
//! optionally compared with expected outputs.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use iwmo_engine::{compare, replay, Pipeline};
use iwmo_ledger::{Config, GemeenteList, Lists, Mode, Party};

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
    let mode = parse_party(&args.party)?;
    let mut lists = Lists::default();
    if let Some(path) = &args.gemeenten {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("while reading the gemeente list {}", path.display()))?;
        let list = GemeenteList::from_csv(&text)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        lists.gemeenten = Some(list);
    } else {
        eprintln!("iwmo: note: no --gemeenten list: TR378 (gemeentecode, S300) is not checked");
    }
    eprintln!("iwmo: note: TR381 (product code list) and TR418 (contract tariffs) are not checked: no list is configurable yet");
    let pipeline = Pipeline::load(&args.schemas, mode, Config::default(), lists)?;
    let summary = replay(&pipeline, &args.stream, &args.out)?;
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
