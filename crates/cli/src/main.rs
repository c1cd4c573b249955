//! `iwmo`: the command-line entry point: `validate`, `replay`, `run` (RabbitMQ or directories),
//! `client`, `report`, `generate`, `bench` and `config`. `main` parses arguments and hands off to one module per
//! command; the engine's work is in `iwmo-engine`, never here.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod admin;
mod bench;
mod bench_replay;
mod client;
mod clock;
mod config;
mod generate;
mod logs;
mod progress;
mod replay;
mod report;
mod run;
mod shutdown;
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
    /// A stream is a folder of message files, decided in file-name order by the same engine
    /// `iwmo run` uses, over a fresh durable store in OUT/store/. The clock is the stream's
    /// own, so two replays of one stream give byte-identical outputs: each input is received
    /// on the day STREAM/stream.toml gives it ([received]), else on the latest Dagtekening
    /// seen so far; its `ticks` are days on which every client is reviewed (missing starts
    /// and stops, no care) before the messages of that day. Outputs go to
    /// OUT/<destination>/<input>.<n>.<kind>.xml|json, where the destination is ggk (retours,
    /// and our own messages that may leave), cak (WMO405), backoffice (accepted messages,
    /// retours on ours, reports), signals, or rejected (level-1 reports). A summary is printed
    /// and written to OUT/summary.json. An input identical to an earlier one (same sender,
    /// kind, Identificatie, Dagtekening and bytes) is a redelivery: it is counted under
    /// duplicates and changes nothing.
    ///
    /// --party says whose engine this is: `chain` (default: every heen message judged as its
    /// receiver would, for test teams), `gemeente:0344` or `aanbieder:98004132`.
    ///
    /// Exit status: 0 done (and equal to --expect when given), 1 outputs differ from --expect,
    /// 2 usage, configuration or I/O error.
    ///
    /// Examples:
    ///   iwmo replay fixtures/streams/delivery --out /tmp/out
    ///   iwmo replay fixtures/streams/delivery --out /tmp/out --expect fixtures/streams/delivery.expected
    ///   iwmo replay fixtures/streams/clock --out /tmp/out      (with stream.toml: ticks, receipt dates)
    ///   iwmo replay STREAM --out OUT --party gemeente:0344 --gemeenten ../shared/reference/codelists/cbs-gemeenten-2026.csv
    ///   iwmo client 123456782 --data OUT        (a client's state after the replay)
    #[command(verbatim_doc_comment)]
    Replay(ReplayArgs),
    /// Run the engine: on RabbitMQ (--amqp URL or amqp.url), else on directories.
    ///
    /// ON RABBITMQ (`--amqp URL`, or a non-empty amqp.url in the configuration): at start the
    /// engine declares its topology (durable: the quorum input queue amqp.input_queue with a
    /// delivery limit and at-least-once dead-lettering to amqp.dead_letter_exchange and its
    /// queue amqp.dead_letter_queue; the topic exchange amqp.output_exchange). It consumes the
    /// input queue with manual acknowledgements, decides each batch, commits it to
    /// DATA/store/, acknowledges it, then publishes the outputs with publisher confirms,
    /// `mandatory` and their deterministic message ids, routing keys ggk.<berichtcode>,
    /// cak.wmo405, backoffice.<berichtcode>, signals.<kind> and rejected. Bind a queue for
    /// each routing key you consume: an unroutable output stays pending and is retried. Input
    /// that fails level 1 gets a `rejected` report; input over amqp.max_input_bytes goes to
    /// the dead-letter queue with an x-iwmo-reason header. A lost broker is reconnected with
    /// backoff. At every (re)connect, and when the dead-letter queue changes, inputs the
    /// broker dead-lettered at their delivery limit (crashes count as deliveries) are taken
    /// back and decided.
    ///
    /// ON DIRECTORIES (no broker configured): each file put into DATA/inbox/ (write it
    /// elsewhere, or under a name starting with `.` or ending in .partial or .tmp, and rename
    /// it in) is decided in file-name order, in group commits of up to engine.batch inputs.
    /// After its decision is committed to DATA/store/, the file moves to DATA/done/ (or
    /// DATA/failed/ when level 1 rejects it: not XML, not valid against the XSD, too large),
    /// and its outputs are written to DATA/outbox/<destination>/<id>.<kind>.xml|json: ggk
    /// (retours; our own messages that may leave), cak (WMO405), backoffice (accepted
    /// messages, retours on ours, reports), signals (late and missing messages, JSON) and
    /// rejected (level-1 reports, JSON). With --once it handles what is in the inbox and exits.
    ///
    /// Both modes: output ids are deterministic, so a crash at any moment followed by a
    /// restart gives the same outputs, none lost (a consumer drops repeats by id). SIGINT or
    /// SIGTERM stops consuming, finishes the batch in hand, publishes or writes its outputs,
    /// closes, prints a summary and exits 0; a second signal exits at once (130). Unless
    /// --once, GET /healthz (200 running, 503 with the reason otherwise) and GET /metrics
    /// (Prometheus) are served on admin.listen (127.0.0.1:9464; empty: off). Logs go to
    /// standard error, text or JSON (log.format), BSNs never shown. "Today" is the Dutch date
    /// of the system clock, or --today.
    ///
    /// Exit status: 0 stopped normally, 2 usage, configuration, broker, store or I/O error.
    ///
    /// Examples:
    ///   iwmo run --amqp amqp://iwmo:secret@rabbit:5672/%2f --data /var/lib/iwmo --party gemeente:0344
    ///   IWMO_AMQP_URL=amqp://guest:guest@127.0.0.1:5672/%2f IWMO_LOG_FORMAT=json iwmo run
    ///   curl -s 127.0.0.1:9464/metrics
    ///   iwmo run --data /var/lib/iwmo --party gemeente:0344            (directories)
    ///   iwmo run --data /tmp/iwmo --once --today 2026-06-01
    ///   IWMO_ENGINE_BATCH=64 iwmo run --config /etc/iwmo.toml
    #[command(verbatim_doc_comment)]
    Run(RunArgs),
    /// Show one client's state and history from a store.
    ///
    /// Reads DATA/store/ (of `iwmo run --data DATA`, or a replay's OUT) and prints every fact
    /// the ledger holds for the client: toewijzingen, starts, stops, requests, declarations,
    /// periods sent to the CAK, signals raised, each with the message it came from. The BSN
    /// is printed masked. The store must not be in use by a running engine.
    ///
    /// Exit status: 0 found, 1 no such client, 2 usage or store error.
    ///
    /// Examples:
    ///   iwmo client 123456782 --data /var/lib/iwmo
    ///   iwmo client 123456782 --data /tmp/out --gemeente 0344 --format json
    #[command(verbatim_doc_comment)]
    Client(ClientArgs),
    /// Report signals and deadline violations per aanbieder or gemeente.
    ///
    /// Reads the signal outputs (JSON) below DIR: DIR/outbox/signals/ of a data folder or
    /// DIR/signals/ of a replay. One row per party with the count of each signal kind
    /// (late-start, late-stop, missing-start, missing-stop, no-care) and the most working days
    /// late, as a table or CSV.
    ///
    /// Examples:
    ///   iwmo report /var/lib/iwmo
    ///   iwmo report /tmp/out --by gemeente --format csv > signals.csv
    #[command(verbatim_doc_comment)]
    Report(ReportArgs),
    /// Generate a synthetic but realistic stream of iWmo messages.
    ///
    /// N clients of one gemeente, each with a life cycle with one of M aanbieders: sometimes a
    /// 315 request, a 301 toewijzing, a 305 start, sometimes a temporary stop and restart, a
    /// 307 stop, sometimes a 323 declaration. Shares of the starts and stops come late
    /// (--late), of the stops never come (--missing), and of the messages are wrong on level
    /// 1, 2 or 3 (--wrong). Files are named <seq>-wmo<code>.xml in stream order, so the folder
    /// replays as it is; the same options always give the same bytes.
    ///
    /// Examples:
    ///   iwmo generate --out /tmp/stream --clients 1000
    ///   iwmo generate --out /tmp/big --clients 23000 --aanbieders 20 --seed 7
    ///   iwmo generate --out /tmp/big --clients 23000 --aanbieders 20 --lists /tmp/big-lists
    ///   iwmo replay /tmp/big --out /tmp/bigout --gemeenten ../shared/reference/codelists/cbs-gemeenten-2026.csv
    ///       (with IWMO_LISTS_PRODUCTCODES=/tmp/big-lists/productcodes.csv
    ///        and IWMO_LISTS_TARIFFS=/tmp/big-lists/tariffs.csv: every check on)
    ///   iwmo replay /tmp/stream --out /tmp/out
    #[command(verbatim_doc_comment)]
    Generate(GenerateArgs),
    /// Measure throughput against a baseline in the same run (`iwmo bench amqp`).
    ///
    /// A benchmark prints rates and the ratio of the engine to a baseline measured side by
    /// side on this machine, in this run: ratios are what compares across noisy machines.
    #[command(subcommand)]
    Bench(BenchKind),
    /// Print the effective configuration (file, then IWMO_ variables), secrets masked.
    ///
    /// The file is --config, else $IWMO_CONFIG, else ./iwmo.toml when it exists. Each key
    /// can be overridden by IWMO_ and its path in capitals: [engine] batch is
    /// IWMO_ENGINE_BATCH. An unknown key or a value of the wrong type stops every command
    /// with a message naming it. The output is a valid configuration file to start from.
    ///
    /// [lists] names the CSV files of the level-4 rules that need a list: gemeenten (TR378),
    /// productcodes (TR381), tariffs (TR418: aanbieder,categorie,code,tarief,ingangsdatum,
    /// einddatum, tarief in eurocent, einddatum empty = open); an empty path: the rule is
    /// reported as not checked at start-up.
    ///
    /// Examples:
    ///   iwmo config > iwmo.toml
    ///   IWMO_PARTY=gemeente:0344 iwmo config --config /etc/iwmo.toml
    #[command(verbatim_doc_comment)]
    Config(ConfigArgs),
}

#[derive(clap::Args)]
struct ReplayArgs {
    /// The stream folder.
    #[arg(value_name = "STREAM")]
    stream: PathBuf,
    /// The output folder (new, empty, or an earlier replay's, finished or interrupted, which
    /// is replaced).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    settings: SettingsArgs,
    /// Compare the outputs with this folder; exit 1 with a readable diff on any difference.
    #[arg(long, value_name = "DIR")]
    expect: Option<PathBuf>,
    /// Summary as text or JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// The flags that override settings of the configuration file, shared by `run` and `replay`.
#[derive(clap::Args)]
struct SettingsArgs {
    /// The configuration file (else $IWMO_CONFIG, else ./iwmo.toml when it exists).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Folder with the XSD files [setting: schemas; default: schemas].
    #[arg(long, value_name = "DIR")]
    schemas: Option<PathBuf>,
    /// Whose engine: chain, gemeente:<code> or aanbieder:<AGB> [setting: party; default: chain].
    #[arg(long)]
    party: Option<String>,
    /// The CBS gemeentecodes (CSV) for TR378; without it TR378 is reported as not checked
    /// [setting: lists.gemeenten].
    #[arg(long, value_name = "FILE")]
    gemeenten: Option<PathBuf>,
}

impl SettingsArgs {
    /// The settings from the file and the environment, with these flags over them.
    fn load(&self) -> anyhow::Result<config::Settings> {
        let mut settings = config::load(self.config.as_deref(), &config::process_env())?.settings;
        settings.override_with(
            self.party.as_deref(),
            self.schemas.as_deref(),
            self.gemeenten.as_deref(),
        );
        Ok(settings)
    }
}

#[derive(clap::Args)]
struct RunArgs {
    /// Run on this RabbitMQ broker: amqp://user:password@host:port/vhost (`%2f` is the vhost
    /// `/`) [setting: amqp.url; default: empty, directory mode].
    #[arg(long, value_name = "URL")]
    amqp: Option<String>,
    /// The data folder: the store in DATA/store/, and in directory mode inbox, outbox, done and
    /// failed [setting: data; default: data].
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Directory mode: handle what is in the inbox now, then exit.
    #[arg(long)]
    once: bool,
    #[command(flatten)]
    settings: SettingsArgs,
    /// Decide as if today were this date (YYYY-MM-DD), for tests and catch-up runs.
    #[arg(long, value_name = "DATE")]
    today: Option<chrono::NaiveDate>,
    /// Summary as text or JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(clap::Args)]
struct ClientArgs {
    /// The client's BSN (nine digits).
    #[arg(value_name = "BSN")]
    bsn: String,
    /// The data folder (or a replay's output folder) whose store to read.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Only this gemeente's record of the client.
    #[arg(long, value_name = "CODE")]
    gemeente: Option<String>,
    /// The configuration file (for `data`).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Text for people, JSON for scripts.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(clap::Args)]
struct ReportArgs {
    /// A data folder or a replay's output folder.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Group by aanbieder or gemeente.
    #[arg(long, value_enum, default_value_t = report::By::Aanbieder)]
    by: report::By,
    /// A table for people or CSV for spreadsheets.
    #[arg(long, value_enum, default_value_t = report::ReportFormat::Table)]
    format: report::ReportFormat,
}

#[derive(clap::Args)]
struct GenerateArgs {
    /// The folder to write (new or empty).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Clients (BSNs), one life cycle each (about 4 messages).
    #[arg(long, default_value_t = 1000)]
    clients: usize,
    /// Aanbieders (AGB codes).
    #[arg(long, default_value_t = 5)]
    aanbieders: usize,
    /// The gemeente's CBS code.
    #[arg(long, default_value = "0344")]
    gemeente: String,
    /// The seed: the same seed and options give the same stream.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The first Dagtekening (YYYY-MM-DD) [default: 2026-01-05].
    #[arg(long, value_name = "DATE")]
    start: Option<chrono::NaiveDate>,
    /// Share of starts and stops sent late (0 to 1).
    #[arg(long, default_value_t = 0.05)]
    late: f64,
    /// Share of life cycles whose stop never comes (0 to 1).
    #[arg(long, default_value_t = 0.05)]
    missing: f64,
    /// Share of wrong messages (0 to 0.5).
    #[arg(long, default_value_t = 0.02)]
    wrong: f64,
    /// Also write productcodes.csv and tariffs.csv, the lists a replay of this stream needs
    /// for TR381 and TR418 ([lists] productcodes and tariffs), into this folder (not the
    /// stream's: a replay would read them as messages).
    #[arg(long, value_name = "DIR")]
    lists: Option<PathBuf>,
    /// Summary as text or JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Subcommand)]
enum BenchKind {
    /// The engine on RabbitMQ end to end against a raw pass-through on the same broker.
    ///
    /// Generates a stream (as `iwmo generate` with --clients, --aanbieders and --seed) and
    /// decides it once without a broker, which gives the outputs the engine emits for each
    /// input. Then, --rounds times, alternately:
    ///
    ///   baseline  consume the inputs with the engine's prefetch and batching; per batch,
    ///             publish each input's outputs (same routing keys, sizes, ids: persistent,
    ///             mandatory, publisher confirms), wait for the confirms, acknowledge the
    ///             batch; no decisions, no store
    ///   engine    the daemon's loop (as `iwmo run --amqp`) over a fresh store in a temporary
    ///             folder, timed until every input is decided and every output confirmed
    ///
    /// Each run has its own queues and exchanges (named iwmo-bench.<pid>.<time>.…, a queue
    /// bound to the output exchange takes every output) with all inputs published before
    /// the clock starts; they are deleted after the run, and on an error. Prints the rates
    /// of each run (inputs and outputs per second), the medians, and the ratio of the
    /// engine's median to the baseline's (the target is at least 0.8), plus the rates of
    /// deciding without a broker (memory store; redb with fsync) to show where time goes.
    ///
    /// Exit status: 0 measured (whatever the ratio), 2 usage, broker or engine error.
    ///
    /// Examples:
    ///   iwmo bench amqp
    ///   iwmo bench amqp --clients 5000 --rounds 3 --format json
    ///   iwmo bench amqp --url amqp://guest:guest@rabbitmq:5672/%2f --party gemeente:0344
    #[command(verbatim_doc_comment)]
    Amqp(BenchAmqpArgs),
    /// `iwmo replay` against the file system's floor for the same work.
    ///
    /// Generates a stream (as `iwmo generate` with --clients, --aanbieders and --seed) in a
    /// temporary folder below --dir and replays it once to learn its outputs. Then, --rounds
    /// times, alternately:
    ///
    ///   floor   read every input file (one thread) while writing every output file the
    ///           replay wrote (same folders, names, bytes; in place, one writer per core,
    ///           one syncfs at the end); no decisions, no store
    ///   replay  `iwmo replay` of the stream into a fresh folder: every check, durable store
    ///
    /// Prints each run's rate (inputs per second), the medians, and the ratio of the
    /// replay's median to the floor's. On a file system where creating a file is slow the
    /// floor, not deciding, bounds the replay. The folder is removed at the end; it needs
    /// room for the stream and 2 x --rounds + 1 copies of the outputs (about 1 GB each for
    /// the default 23,000 clients, which make about 100,000 inputs). The outputs are held in
    /// memory as well (about 0.6 GB for the default).
    ///
    /// Exit status: 0 measured (whatever the ratio), 2 usage, I/O or engine error.
    ///
    /// Examples:
    ///   iwmo bench replay
    ///   iwmo bench replay --clients 4000 --rounds 1 --format json
    ///   iwmo bench replay --dir /var/tmp
    #[command(verbatim_doc_comment)]
    Replay(BenchReplayArgs),
}

#[derive(clap::Args)]
struct BenchReplayArgs {
    /// Clients in the generated stream (about 4.3 messages each).
    #[arg(long, default_value_t = 23_000)]
    clients: usize,
    /// Aanbieders in the generated stream.
    #[arg(long, default_value_t = 20)]
    aanbieders: usize,
    /// The stream's seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Floor-and-replay pairs; the medians are reported.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Where the temporary folder goes [default: the system's temporary folder].
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    #[command(flatten)]
    settings: SettingsArgs,
    /// Report as text or JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(clap::Args)]
struct BenchAmqpArgs {
    /// The broker (the vhost URL-encoded: %2f is /).
    #[arg(long, default_value = "amqp://guest:guest@127.0.0.1:5672/%2f")]
    url: String,
    /// Clients in the generated stream (about 4.3 messages each).
    #[arg(long, default_value_t = 1500)]
    clients: usize,
    /// Aanbieders in the generated stream.
    #[arg(long, default_value_t = 5)]
    aanbieders: usize,
    /// The stream's seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Baseline-and-engine pairs; the medians are reported.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Inputs per batch (group commit; the baseline's too) [default: the engine's, 256].
    #[arg(long)]
    batch: Option<usize>,
    /// Unacknowledged deliveries in flight (basic.qos) [default: the engine's, 256].
    #[arg(long)]
    prefetch: Option<u16>,
    #[command(flatten)]
    settings: SettingsArgs,
    /// Report as text or JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(clap::Args)]
struct ConfigArgs {
    /// The configuration file.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
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
        Command::Run(args) => run::run(&args),
        Command::Client(args) => client::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Bench(kind) => bench::run(&kind),
        Command::Config(args) => config::load(args.config.as_deref(), &config::process_env())
            .and_then(|loaded| config::render(&loaded))
            .map(|text| {
                print!("{text}");
                ExitCode::from(0)
            }),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "iwmo: error: {}", error_text(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, each cause once: many of our errors already name
/// their cause in their own text, and `{:#}` would then repeat it.
fn error_text(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let cause = cause.to_string();
        if text.contains(&cause) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&cause);
    }
    text
}

#[cfg(test)]
mod error_text_tests {
    use super::error_text;

    #[test]
    fn a_cause_the_message_already_names_is_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory");
        let named = anyhow::Error::new(iwmo_xsd::XsdError::Io {
            path: "schemas".into(),
            source: io,
        })
        .context("cannot load the schemas in schemas");
        assert_eq!(
            error_text(&named),
            "cannot load the schemas in schemas: cannot read schema schemas: No such file or directory"
        );
        let plain = anyhow::anyhow!("the disk is full").context("while writing summary.json");
        assert_eq!(
            error_text(&plain),
            "while writing summary.json: the disk is full"
        );
    }
}
