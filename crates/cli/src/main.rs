//! `iwmo`: the command-line entry point. For now it offers `validate` (XSD and level-2 rules,
//! and the retour each message would get); the daemon, replay and the rest arrive with their
//! issues. `main` parses arguments and hands off.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod replay;
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
    /// Validate iWmo messages: XSD (control level 1), then the in-message rules (level 2).
    ///
    /// Each file is checked against the schema whose global element matches the file's root
    /// element (its namespace URI picks the message and release). All schema files below
    /// --schemas are loaded once, imports included. A file that passes the XSD is then checked
    /// against the 58 TR/CS/CD rules of iWmo 3.2 that need nothing but the message itself
    /// (any failure rejects the whole message with retourcode 0001). Rules that need earlier
    /// messages (levels 3 and 4) are the engine's, not this command's.
    ///
    /// With --retour DIR, each XSD-valid heen message (301, 305, 307, 315, 317, 319, 323) gets
    /// the retour a receiver would send on levels 1 and 2: header only and approved, or header
    /// only with 0001; a 323 gets its 325. Files are named after the input:
    /// WMO305.xml → DIR/WMO305.wmo306.xml. A message that fails the XSD gets no retour (the
    /// standard has none for level 1).
    ///
    /// Exit status: 0 when every file is valid, 1 when any file is invalid, 2 on a usage error,
    /// a schema that cannot be loaded, or a file that cannot be read or written.
    ///
    /// Examples:
    ///   iwmo validate --schemas schemas/iwmo/3.2 inbox/*.xml
    ///   iwmo validate --schemas schemas/iwmo/3.2 --retour out/ --dagtekening 2026-04-03 WMO305.xml
    ///   iwmo validate --xsd-only --schemas ../shared/reference/iwmo-3.2 --format json WMO305.xml
    #[command(verbatim_doc_comment)]
    Validate(ValidateArgs),
    /// Replay a stream of messages and write what the engine would send.
    ///
    /// A stream is a folder of message files, decided in file-name order against a fresh
    /// in-memory ledger. The clock is the stream's own: each input is received on the latest
    /// Dagtekening seen so far, so two replays of one stream give byte-identical outputs.
    /// Outputs go to OUT/<destination>/<input>.<n>.<kind>.xml|json, where the destination is
    /// ggk (retours, and our own messages that may leave), cak (WMO405), backoffice (accepted
    /// messages, retours on ours, reports), signals, or rejected (level-1 reports); a summary
    /// is printed and written to OUT/summary.json.
    ///
    /// --party says whose engine this is: `chain` (default: every heen message judged as its
    /// receiver would, for test teams), `gemeente:0344` or `aanbieder:98004132`.
    ///
    /// Exit status: 0 done (and equal to --expect when given), 1 outputs differ from --expect,
    /// 2 usage or I/O error.
    ///
    /// Examples:
    ///   iwmo replay fixtures/streams/delivery --out /tmp/out
    ///   iwmo replay fixtures/streams/delivery --out /tmp/out --expect fixtures/streams/delivery.expected
    ///   iwmo replay STREAM --out OUT --party gemeente:0344 --gemeenten ../shared/reference/codelists/cbs-gemeenten-2026.csv
    #[command(verbatim_doc_comment)]
    Replay(ReplayArgs),
}

#[derive(clap::Args)]
struct ReplayArgs {
    /// The stream folder.
    #[arg(value_name = "STREAM")]
    stream: PathBuf,
    /// The output folder (new or empty).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Folder with the XSD files.
    #[arg(long, value_name = "DIR", default_value = "schemas")]
    schemas: PathBuf,
    /// Whose engine: chain, gemeente:<code> or aanbieder:<AGB>.
    #[arg(long, default_value = "chain")]
    party: String,
    /// The CBS gemeentecodes (CSV) for TR378; without it TR378 is reported as not checked.
    #[arg(long, value_name = "FILE")]
    gemeenten: Option<PathBuf>,
    /// Compare the outputs with this folder; exit 1 with a readable diff on any difference.
    #[arg(long, value_name = "DIR")]
    expect: Option<PathBuf>,
    /// Summary as text or JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(clap::Args)]
struct ValidateArgs {
    /// Check the XSD only (control level 1), not the level-2 rules.
    #[arg(long)]
    xsd_only: bool,
    /// Write the retour each heen message would get into this folder (created if missing).
    #[arg(long, value_name = "OUT_DIR")]
    retour: Option<PathBuf>,
    /// The retours' Dagtekening (YYYY-MM-DD); default today (UTC). Fix it to get the same
    /// retours byte for byte on every run.
    #[arg(long, value_name = "DATE")]
    dagtekening: Option<chrono::NaiveDate>,
    /// Folder with the XSD files (searched recursively).
    #[arg(long, value_name = "DIR")]
    schemas: PathBuf,
    /// Output: `text` for people, `json` for scripts (one JSON object per file per line; each
    /// error has "rule": "XSD", "MODEL" or the rule id such as "CS002").
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
        Command::Replay(args) => replay::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "iwmo: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
