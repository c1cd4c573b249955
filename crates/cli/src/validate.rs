//! `iwmo validate`: control levels 1 (XSD) and 2 (the in-message TR/CS/CD rules) on message
//! files, for people and scripts, and the retour each file would get.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use iwmo_model::{Message, XsdVersie};
use iwmo_rules::RetourIdentificatie;
use iwmo_xsd::{Limits, SchemaSet};
use serde::Serialize;

use crate::{Format, ValidateArgs};

/// What one file got.
struct Outcome {
    /// XSD errors (level 1).
    xsd: iwmo_xsd::Report,
    /// The document is XSD-valid but the model cannot hold it (a value the XSD allows and the
    /// standard's semantics do not, such as `24:00:00`); level 1 too.
    unreadable: Option<String>,
    /// Level-2 findings; `None` when level 2 did not run (`--xsd-only`, or level 1 failed).
    rules: Option<iwmo_rules::Report>,
    /// Where the retour was written, with its kind.
    retour: Option<(PathBuf, &'static str)>,
}

impl Outcome {
    fn is_valid(&self) -> bool {
        self.xsd.is_valid()
            && self.unreadable.is_none()
            && self.rules.as_ref().is_none_or(|r| r.is_clean())
    }

    /// The control level that failed: 1 (XSD, or not representable) or 2 (rules).
    fn failed_level(&self) -> Option<u8> {
        if !self.xsd.is_valid() || self.unreadable.is_some() {
            Some(1)
        } else if !self.is_valid() {
            Some(2)
        } else {
            None
        }
    }
}

#[derive(Serialize)]
struct FileResult<'a> {
    file: &'a str,
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    failed_level: Option<u8>,
    /// Which levels were checked: `["xsd"]` or `["xsd", "rules"]`.
    checked: &'static [&'static str],
    errors: Vec<JsonError<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    truncated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    retour: Option<String>,
}

#[derive(Serialize)]
struct JsonError<'a> {
    /// `XSD` for a schema error, `MODEL` for an XSD-valid document the model cannot hold, else
    /// the rule id (`CS002`).
    rule: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<&'static str>,
    path: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    paths: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retourcode: Option<&'static str>,
    message: &'a str,
}

pub(crate) fn run(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    if args.xsd_only && args.retour.is_some() {
        anyhow::bail!(
            "--retour needs the level-2 rules: a retour says 0001 when a rule fails; drop --xsd-only"
        );
    }
    let schemas = SchemaSet::load_dir(&args.schemas)
        .with_context(|| format!("while loading the schemas in {}", args.schemas.display()))?;
    let limits = Limits {
        max_errors: args.max_errors.max(1),
        ..Limits::default()
    };
    if let Some(dir) = &args.retour {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("while creating the retour folder {}", dir.display()))?;
    }
    let dagtekening = match args.dagtekening {
        Some(d) => d,
        None => today_utc(),
    };
    let mut stdout = std::io::stdout().lock();
    let (mut valid, mut invalid, mut retours) = (0usize, 0usize, 0usize);
    for file in &args.files {
        let bytes = read_capped(file, limits.max_bytes)
            .with_context(|| format!("while reading {}", file.display()))?;
        let outcome = judge(args, &schemas, &limits, file, &bytes, dagtekening)?;
        if outcome.is_valid() {
            valid += 1;
        } else {
            invalid += 1;
        }
        retours += usize::from(outcome.retour.is_some());
        let name = file.display().to_string();
        match args.format {
            Format::Json => print_json(&mut stdout, &name, args, &outcome)?,
            Format::Text => print_text(&mut stdout, &name, &outcome)?,
        }
    }
    if args.format == Format::Text && args.files.len() > 1 {
        write!(
            stdout,
            "{} files: {valid} valid, {invalid} invalid",
            valid + invalid
        )?;
        if let Some(dir) = &args.retour {
            write!(stdout, "; {retours} retours written to {}", dir.display())?;
        }
        writeln!(stdout)?;
    }
    Ok(ExitCode::from(if invalid == 0 { 0 } else { 1 }))
}

fn judge(
    args: &ValidateArgs,
    schemas: &SchemaSet,
    limits: &Limits,
    file: &Path,
    bytes: &[u8],
    dagtekening: NaiveDate,
) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome {
        xsd: schemas.validate_with(bytes, limits),
        unreadable: None,
        rules: None,
        retour: None,
    };
    if args.xsd_only || !outcome.xsd.is_valid() {
        // Level 1 failed: the standard has no retour for it (the sender gets a rejection
        // report from its GGk, not a retour), so none is written.
        return Ok(outcome);
    }
    let message = match iwmo_model::read(bytes) {
        Ok(message) => message,
        Err(e) => {
            outcome.unreadable = Some(e.to_string());
            return Ok(outcome);
        }
    };
    let report = iwmo_rules::check(&message);
    if let Some(dir) = &args.retour {
        let ident = RetourIdentificatie {
            identificatie: iwmo_engine::retour_identificatie(bytes),
            dagtekening,
            xsd_versie: XsdVersie::default(),
            xslt_versie: None,
        };
        if let Some(retour) = iwmo_rules::level2_retour(&message, &report, &ident) {
            let kind = retour.kind();
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_else(|| "message".into());
            let target = dir.join(format!("{stem}.wmo{}.xml", kind.number()));
            std::fs::write(&target, iwmo_model::write(&retour))
                .with_context(|| format!("while writing {}", target.display()))?;
            outcome.retour = Some((target, kind_name(&retour)));
        }
    }
    outcome.rules = Some(report);
    Ok(outcome)
}

fn kind_name(message: &Message) -> &'static str {
    match message.kind().number() {
        "302" => "WMO302",
        "306" => "WMO306",
        "308" => "WMO308",
        "316" => "WMO316",
        "318" => "WMO318",
        "320" => "WMO320",
        "325" => "WMO325",
        _ => "retour",
    }
}

/// Today's date in UTC, from the system clock: only the CLI's edge reads it, for the retour's
/// Dagtekening when `--dagtekening` is not given.
fn today_utc() -> NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(days)))
        .unwrap_or_default()
}

/// Read at most one byte more than the limit, so a huge file is refused without reading it all.
fn read_capped(path: &Path, max: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn print_json(
    out: &mut impl Write,
    file: &str,
    args: &ValidateArgs,
    outcome: &Outcome,
) -> anyhow::Result<()> {
    let mut errors: Vec<JsonError<'_>> = outcome
        .xsd
        .errors
        .iter()
        .map(|e| JsonError {
            rule: "XSD",
            check: Some(e.kind.name()),
            path: &e.path,
            paths: &[],
            line: Some(e.line),
            column: Some(e.column),
            retourcode: None,
            message: &e.message,
        })
        .collect();
    if let Some(why) = &outcome.unreadable {
        errors.push(JsonError {
            rule: "MODEL",
            check: None,
            path: "/",
            paths: &[],
            line: None,
            column: None,
            retourcode: None,
            message: why,
        });
    }
    for f in outcome.rules.iter().flat_map(|r| &r.findings) {
        errors.push(JsonError {
            rule: f.rule.as_str(),
            check: None,
            path: f.paths.first().map(String::as_str).unwrap_or("/"),
            paths: &f.paths,
            line: None,
            column: None,
            retourcode: Some(f.retourcode.code()),
            message: &f.detail,
        });
    }
    let result = FileResult {
        file,
        valid: outcome.is_valid(),
        failed_level: outcome.failed_level(),
        checked: if args.xsd_only {
            &["xsd"]
        } else {
            &["xsd", "rules"]
        },
        errors,
        truncated: outcome.xsd.truncated,
        retour: outcome
            .retour
            .as_ref()
            .map(|(p, _)| p.display().to_string()),
    };
    serde_json::to_writer(&mut *out, &result)?;
    writeln!(out)?;
    Ok(())
}

fn print_text(out: &mut impl Write, file: &str, outcome: &Outcome) -> anyhow::Result<()> {
    let report = &outcome.xsd;
    if outcome.is_valid() {
        write!(out, "{file}: valid")?;
    } else if !report.is_valid() {
        writeln!(
            out,
            "{file}: INVALID, XSD ({} errors{})",
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
        return Ok(());
    } else if let Some(why) = &outcome.unreadable {
        writeln!(
            out,
            "{file}: INVALID, valid XSD but not a usable message: {why}"
        )?;
        return Ok(());
    } else if let Some(rules) = &outcome.rules {
        write!(
            out,
            "{file}: INVALID, level-2 rules ({} findings, retourcode 0001)",
            rules.findings.len()
        )?;
        for f in &rules.findings {
            write!(
                out,
                "\n  {}: {} at {}",
                f.rule,
                f.detail,
                f.paths.join(", ")
            )?;
        }
    }
    if let Some((path, kind)) = &outcome.retour {
        write!(out, "\n  retour: {kind} written to {}", path.display())?;
    }
    writeln!(out)?;
    Ok(())
}
