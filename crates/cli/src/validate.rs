//! `iwmo validate`: XSD validation of message files, for people and scripts.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context};
use iwmo_xsd::{Limits, Report, SchemaSet};
use serde::Serialize;

use crate::{Format, ValidateArgs};

#[derive(Serialize)]
struct FileResult<'a> {
    file: &'a str,
    valid: bool,
    errors: Vec<JsonError<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    truncated: bool,
}

#[derive(Serialize)]
struct JsonError<'a> {
    rule: &'static str,
    check: &'static str,
    path: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
}

pub(crate) fn run(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    if !args.xsd_only {
        bail!(
            "only XSD validation exists yet: pass --xsd-only (the level-2 rules come with iwmo-rules)"
        );
    }
    let schemas = SchemaSet::load_dir(&args.schemas)
        .with_context(|| format!("while loading the schemas in {}", args.schemas.display()))?;
    let limits = Limits {
        max_errors: args.max_errors.max(1),
        ..Limits::default()
    };
    let mut stdout = std::io::stdout().lock();
    let (mut valid, mut invalid) = (0usize, 0usize);
    for file in &args.files {
        let bytes = read_capped(file, limits.max_bytes)
            .with_context(|| format!("while reading {}", file.display()))?;
        let report = schemas.validate_with(&bytes, &limits);
        if report.is_valid() {
            valid += 1;
        } else {
            invalid += 1;
        }
        let name = file.display().to_string();
        match args.format {
            Format::Json => print_json(&mut stdout, &name, &report)?,
            Format::Text => print_text(&mut stdout, &name, &report)?,
        }
    }
    if args.format == Format::Text && args.files.len() > 1 {
        writeln!(
            stdout,
            "{} files: {valid} valid, {invalid} invalid",
            valid + invalid
        )?;
    }
    Ok(ExitCode::from(if invalid == 0 { 0 } else { 1 }))
}

/// Read at most one byte more than the limit, so a huge file is refused without reading it all.
fn read_capped(path: &std::path::Path, max: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn print_json(out: &mut impl Write, file: &str, report: &Report) -> anyhow::Result<()> {
    let result = FileResult {
        file,
        valid: report.is_valid(),
        errors: report
            .errors
            .iter()
            .map(|e| JsonError {
                rule: "XSD",
                check: e.kind.name(),
                path: &e.path,
                line: e.line,
                column: e.column,
                message: &e.message,
            })
            .collect(),
        truncated: report.truncated,
    };
    serde_json::to_writer(&mut *out, &result)?;
    writeln!(out)?;
    Ok(())
}

fn print_text(out: &mut impl Write, file: &str, report: &Report) -> anyhow::Result<()> {
    if report.is_valid() {
        writeln!(out, "{file}: valid")?;
        return Ok(());
    }
    writeln!(
        out,
        "{file}: INVALID ({} errors{})",
        report.errors.len(),
        if report.truncated {
            ", more not shown"
        } else {
            ""
        }
    )?;
    for e in &report.errors {
        writeln!(out, "  {file}:{e}")?;
    }
    Ok(())
}
