//! `iwmo`: the command-line entry point. For now it offers `validate --xsd-only`; the daemon,
//! replay and the rest arrive with their issues. `main` parses arguments and hands off.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod validate;

/// The iWmo 3.2 message engine.
#[derive(Parser)]
#[command(name = "iwmo", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate iWmo messages against XSD schemas (control level 1).
    ///
    /// Each file is checked against the schema whose global element matches the file's root
    /// element (its namespace URI picks the message and release). All schema files below
    /// --schemas are loaded once, imports included.
    ///
    /// Exit status: 0 when every file is valid, 1 when any file is invalid, 2 on a usage error,
    /// a schema that cannot be loaded, or a file that cannot be read.
    ///
    /// Example:
    ///   iwmo validate --xsd-only --schemas schemas/iwmo/3.2 inbox/*.xml
    ///   iwmo validate --xsd-only --schemas ../shared/reference/iwmo-3.2 --format json WMO305.xml
    #[command(verbatim_doc_comment)]
    Validate(ValidateArgs),
}

#[derive(clap::Args)]
struct ValidateArgs {
    /// Check the XSD only. Required for now: the level-2 rules (TR/CS/CD) come with the
    /// iwmo-rules crate.
    #[arg(long)]
    xsd_only: bool,
    /// Folder with the XSD files (searched recursively).
    #[arg(long, value_name = "DIR")]
    schemas: PathBuf,
    /// Output: `text` for people, `json` for scripts (one JSON object per file per line).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Stop collecting errors in one file after this many.
    #[arg(long, default_value_t = 100, value_name = "N")]
    max_errors: usize,
    /// Message files to validate.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap uses 0 for --help/--version and 2 for usage errors, as documented.
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Validate(args) => validate::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "iwmo: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
