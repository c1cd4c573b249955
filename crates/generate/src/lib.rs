//! `iwmo-generate`: deterministic, realistic iWmo 3.2 message streams, for `iwmo generate`, the
//! crash tests and the throughput benchmarks of the engine.
//!
//! This crate owns the synthetic stream: per client a life cycle between one gemeente and one
//! aanbieder (315 verzoek, 301 toewijzing, 305 start, temporary 307 stop and restart,
//! definitive 307 stop, 323 declaration), the people and parties in it (BSNs that pass the
//! 11-proef, eight-digit AGB codes, Dutch names and addresses), the stream's order, and the
//! configured shares of late starts and stops, missing stops and wrong messages. Every message
//! is built as an [`iwmo_model::Message`] and written with [`iwmo_model::write`], so it is
//! well-formed UTF-8 XML in the model's house style; only the wrong messages are broken on
//! purpose, each in one planned way ([`WrongKind`]).
//!
//! It must not judge messages (validation, rules and the ledger are the engine's crates; this
//! one only uses the ledger's working-day [`calendar`](iwmo_ledger::calendar) so that "in time"
//! means what the ledger means by it), never reads the clock or the environment (the same
//! [`GenerateConfig`] always gives byte-identical output), has no randomness but its own
//! seeded SplitMix64, and never panics on a configuration: a bad one is a [`GenerateError`].
//! The only I/O is [`write_stream`], into a directory that is new or empty.
//!
//! ```
//! use iwmo_generate::{generate_stream, GenerateConfig};
//!
//! let config = GenerateConfig { clients: 20, ..GenerateConfig::default() };
//! let stream = generate_stream(&config)?;
//! assert!(stream.files[0].file_name.starts_with("0000001-wmo3"));
//! assert_eq!(stream.files.len(), stream.summary.messages);
//! println!("{}", stream.summary);
//! # Ok::<(), iwmo_generate::GenerateError>(())
//! ```
//!
//! **The stream.** Clients start on working days spread over about a year from
//! [`GenerateConfig::start`] (the first client on that day). Every message's Dagtekening is
//! the working day it is sent; the messages of all clients are sorted by Dagtekening (a
//! client's own messages keep their order) and numbered, and the files are named
//! `{seq:07}-wmo{number}.xml`, so file-name order is stream order. Every Identificatie is the
//! message number and the sequence number (`305000000042`), so unique per sender and kind.
//! The exact choices are in the `plan` module's documentation.
//!
//! **The shares.** `late`: each start and stop is sent after its deadline of 5 working days
//! (OP271/OP272) with this probability. `missing`: each life cycle lacks its definitive stop
//! with this probability. `wrong`: this share of all messages is wrong; a wrong message is an
//! extra one next to the clean message it is a variant of, and fails at one control level
//! ([`WrongKind::level`]) without changing any state, so it never makes the client's later
//! messages invalid.
#![deny(missing_docs)]

mod build;
mod error;
mod people;
mod plan;
mod rng;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use iwmo_model::MessageKind;

pub use error::GenerateError;

/// The largest number of clients one stream plans (about 4.3 messages each).
pub const MAX_CLIENTS: usize = 2_000_000;
/// The largest number of aanbieders.
pub const MAX_AANBIEDERS: usize = 100_000;
/// The largest `wrong` share: each wrong message comes on top of a clean one.
pub const MAX_WRONG: f64 = 0.5;

/// What to generate. Every field has a default ([`GenerateConfig::default`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct GenerateConfig {
    /// The number of clients (BSNs), each with one life cycle; default 1000 (1 to
    /// [`MAX_CLIENTS`]).
    pub clients: usize,
    /// The number of aanbieders (AGB codes); each client is assigned to one; default 5.
    pub aanbieders: usize,
    /// The gemeente's CBS code, four digits; default `0344` (Utrecht).
    pub gemeente: String,
    /// The seed; default 1.
    pub seed: u64,
    /// The first Dagtekening of the stream (moved to the next working day if it is none);
    /// default 2026-01-05. From 2021 to 2199.
    pub start: NaiveDate,
    /// The share of starts and stops sent late, after 5 working days; default 0.05.
    pub late: f64,
    /// The share of life cycles whose definitive 307 stop never comes; default 0.05.
    pub missing: f64,
    /// The share of messages that are wrong; default 0.02 (at most [`MAX_WRONG`]).
    pub wrong: f64,
}

impl Default for GenerateConfig {
    fn default() -> Self {
        GenerateConfig {
            clients: 1000,
            aanbieders: 5,
            gemeente: "0344".into(),
            seed: 1,
            start: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default(),
            late: 0.05,
            missing: 0.05,
            wrong: 0.02,
        }
    }
}

impl GenerateConfig {
    /// Checks every field; the first problem found is the error.
    pub fn validate(&self) -> Result<(), GenerateError> {
        if self.clients == 0 {
            return Err(GenerateError::NoClients);
        }
        if self.clients > MAX_CLIENTS {
            return Err(GenerateError::TooManyClients {
                got: self.clients,
                max: MAX_CLIENTS,
            });
        }
        if self.aanbieders == 0 {
            return Err(GenerateError::NoAanbieders);
        }
        if self.aanbieders > MAX_AANBIEDERS {
            return Err(GenerateError::TooManyAanbieders {
                got: self.aanbieders,
                max: MAX_AANBIEDERS,
            });
        }
        if self.gemeente.len() != 4 || !self.gemeente.bytes().all(|b| b.is_ascii_digit()) {
            return Err(GenerateError::Gemeente(self.gemeente.clone()));
        }
        for (name, value) in [
            ("late", self.late),
            ("missing", self.missing),
            ("wrong", self.wrong),
        ] {
            // NaN fails both comparisons.
            if !(0.0..=1.0).contains(&value) {
                return Err(GenerateError::Share { name, value });
            }
        }
        if self.wrong > MAX_WRONG {
            return Err(GenerateError::WrongTooHigh {
                value: self.wrong,
                max: MAX_WRONG,
            });
        }
        let (min, max) = start_range();
        if self.start < min || self.start > max {
            return Err(GenerateError::Start {
                got: self.start,
                min,
                max,
            });
        }
        Ok(())
    }
}

/// The dates [`GenerateConfig::start`] may take: declarations need dates from 2021 on (CS100);
/// the end keeps every date of the stream far from chrono's limits.
fn start_range() -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(2199, 12, 31).unwrap_or_default(),
    )
}

/// How a wrong message is wrong, and so at which control level it fails.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum WrongKind {
    /// Level 1: a file that is not XML at all (text, CSV or JSON a back office exported by
    /// mistake), sent before the right message.
    NotXml,
    /// Level 1: well-formed XML that fails the XSD (a BSN of eight digits, or a Dagtekening
    /// written `dd-mm-yyyy`), sent before the corrected message.
    XsdInvalid,
    /// Level 2: the client's BSN with a typo, failing the 11-proef (CS002), sent before the
    /// corrected message.
    Cs002Bsn,
    /// Level 3: a 305 or 307 naming a ToewijzingNummer that was never assigned (TR019, 9019),
    /// sent before the corrected message.
    Tr019UnknownToewijzing,
    /// Level 3: a 305 sent twice (TR074, 9074: a start with this key was already received).
    Tr074SecondStart,
    /// Level 3: a second definitive 307 a day later than the first (TR415, 9415).
    Tr415SecondStop,
    /// Level 3: a 301 whose ToewijzingNummer was just assigned to the client, sent for another
    /// person (TR332, 9332).
    Tr332ToewijzingOfOtherClient,
    /// Level 3: a 315 sent twice with the same ReferentieAanbieder (TR347, 9347; the first one
    /// is also still pending, TR374).
    Tr347ReferentieReused,
    /// Level 3: a 323 sent twice with the same DeclaratieNummer (TR333, 9333).
    Tr333DeclaratieNummerReused,
}

impl WrongKind {
    /// Every kind, level 1 first.
    pub const ALL: [WrongKind; 9] = [
        WrongKind::NotXml,
        WrongKind::XsdInvalid,
        WrongKind::Cs002Bsn,
        WrongKind::Tr019UnknownToewijzing,
        WrongKind::Tr074SecondStart,
        WrongKind::Tr415SecondStop,
        WrongKind::Tr332ToewijzingOfOtherClient,
        WrongKind::Tr347ReferentieReused,
        WrongKind::Tr333DeclaratieNummerReused,
    ];

    /// The control level the message fails at: 1 (not XML, or not XSD-valid), 2 (an
    /// in-message rule) or 3 (against earlier messages: the ledger rejects it).
    pub fn level(self) -> u8 {
        match self {
            WrongKind::NotXml | WrongKind::XsdInvalid => 1,
            WrongKind::Cs002Bsn => 2,
            _ => 3,
        }
    }

    /// The rule it breaks, when it breaks a named one (`CS002`, `TR019`, …).
    pub fn rule(self) -> Option<&'static str> {
        match self {
            WrongKind::NotXml | WrongKind::XsdInvalid => None,
            WrongKind::Cs002Bsn => Some("CS002"),
            WrongKind::Tr019UnknownToewijzing => Some("TR019"),
            WrongKind::Tr074SecondStart => Some("TR074"),
            WrongKind::Tr415SecondStop => Some("TR415"),
            WrongKind::Tr332ToewijzingOfOtherClient => Some("TR332"),
            WrongKind::Tr347ReferentieReused => Some("TR347"),
            WrongKind::Tr333DeclaratieNummerReused => Some("TR333"),
        }
    }

    /// A short name, `not-xml`, `cs002-bsn`, ….
    pub fn name(self) -> &'static str {
        match self {
            WrongKind::NotXml => "not-xml",
            WrongKind::XsdInvalid => "xsd-invalid",
            WrongKind::Cs002Bsn => "cs002-bsn",
            WrongKind::Tr019UnknownToewijzing => "tr019-unknown-toewijzing",
            WrongKind::Tr074SecondStart => "tr074-second-start",
            WrongKind::Tr415SecondStop => "tr415-second-stop",
            WrongKind::Tr332ToewijzingOfOtherClient => "tr332-toewijzing-of-other-client",
            WrongKind::Tr347ReferentieReused => "tr347-referentie-reused",
            WrongKind::Tr333DeclaratieNummerReused => "tr333-declaratienummer-reused",
        }
    }

    /// Whether it is sent just before the clean message it is a variant of (a broken version
    /// the sender then corrects) rather than just after it (a repetition).
    pub(crate) fn before_host(self) -> bool {
        matches!(
            self,
            WrongKind::NotXml
                | WrongKind::XsdInvalid
                | WrongKind::Cs002Bsn
                | WrongKind::Tr019UnknownToewijzing
        )
    }
}

impl fmt::Display for WrongKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One file of the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// `{seq:07}-wmo{number}.xml`, `0000001-wmo301.xml`: file-name order is stream order
    /// (the number gets more digits only beyond 9,999,999 files, for all files alike).
    pub file_name: String,
    /// The file's content: UTF-8 XML without BOM, CR LF line ends (a wrong message of
    /// [`WrongKind::NotXml`] is text).
    pub bytes: Vec<u8>,
    /// The message kind the file is (or, when wrong, was meant to be).
    pub kind: MessageKind,
    /// Its Dagtekening: the working day it is sent, the "today" of its decision.
    pub dagtekening: NaiveDate,
    /// When wrong, how.
    pub wrong: Option<WrongKind>,
    /// A start or stop sent after its deadline of 5 working days (OP271/OP272).
    pub late: bool,
}

/// What a stream holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// The number of files (messages), wrong ones included.
    pub messages: usize,
    /// Files per kind (`wmo301` …), wrong ones included.
    pub per_kind: BTreeMap<String, usize>,
    /// The number of wrong messages.
    pub wrong: usize,
    /// Wrong messages per kind of wrongness.
    pub wrong_per_kind: BTreeMap<WrongKind, usize>,
    /// Starts and stops sent late (`late_starts + late_stops`).
    pub late: usize,
    /// 305 starts sent late (the ledger raises a late-start signal on each).
    pub late_starts: usize,
    /// 307 stops sent late (the ledger raises a late-stop signal on each).
    pub late_stops: usize,
    /// Life cycles without their definitive stop.
    pub missing: usize,
    /// The number of clients.
    pub clients: usize,
    /// The first Dagtekening of the stream.
    pub first_dagtekening: Option<NaiveDate>,
    /// The last Dagtekening of the stream.
    pub last_dagtekening: Option<NaiveDate>,
}

impl Summary {
    /// The wrong messages that fail at control level `level` (1, 2 or 3).
    pub fn wrong_at_level(&self, level: u8) -> usize {
        self.wrong_per_kind
            .iter()
            .filter(|(k, _)| k.level() == level)
            .map(|(_, n)| n)
            .sum()
    }

    fn count(&mut self, file: &Generated) {
        self.messages += 1;
        *self
            .per_kind
            .entry(format!("wmo{}", file.kind.number()))
            .or_default() += 1;
        if let Some(w) = file.wrong {
            self.wrong += 1;
            *self.wrong_per_kind.entry(w).or_default() += 1;
        }
        if file.late {
            self.late += 1;
            match file.kind {
                MessageKind::Wmo305 => self.late_starts += 1,
                _ => self.late_stops += 1,
            }
        }
        self.first_dagtekening = Some(
            self.first_dagtekening
                .map_or(file.dagtekening, |d| d.min(file.dagtekening)),
        );
        self.last_dagtekening = Some(
            self.last_dagtekening
                .map_or(file.dagtekening, |d| d.max(file.dagtekening)),
        );
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} messages for {} clients", self.messages, self.clients)?;
        if let (Some(a), Some(b)) = (self.first_dagtekening, self.last_dagtekening) {
            write!(f, ", {a} to {b}")?;
        }
        writeln!(f)?;
        let kinds: Vec<String> = self
            .per_kind
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        writeln!(f, "  per kind  {}", kinds.join(", "))?;
        writeln!(
            f,
            "  late      {} ({} starts, {} stops)",
            self.late, self.late_starts, self.late_stops
        )?;
        writeln!(
            f,
            "  missing   {} life cycles without a definitive stop",
            self.missing
        )?;
        write!(
            f,
            "  wrong     {} (level 1: {}, level 2: {}, level 3: {})",
            self.wrong,
            self.wrong_at_level(1),
            self.wrong_at_level(2),
            self.wrong_at_level(3)
        )?;
        for (k, n) in &self.wrong_per_kind {
            write!(f, "\n            {k} {n}")?;
        }
        Ok(())
    }
}

/// A generated stream: its files in stream order, and what they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stream {
    /// The files, in stream order (which is file-name order).
    pub files: Vec<Generated>,
    /// What they hold.
    pub summary: Summary,
}

/// The stream's files, in order. Same configuration, same bytes.
pub fn generate(config: &GenerateConfig) -> Result<Vec<Generated>, GenerateError> {
    generate_stream(config).map(|s| s.files)
}

/// The stream's files and its [`Summary`].
pub fn generate_stream(config: &GenerateConfig) -> Result<Stream, GenerateError> {
    let mut files = Vec::new();
    let summary = each_file(config, |file| {
        files.push(file);
        Ok(())
    })?;
    Ok(Stream { files, summary })
}

/// Writes the stream's files into `dir`, which must not exist yet or be an empty directory
/// (it is created with its parents). Files are built and written one at a time, so a large
/// stream does not have to fit in memory as bytes. Returns the [`Summary`].
pub fn write_stream(config: &GenerateConfig, dir: &Path) -> Result<Summary, GenerateError> {
    config.validate()?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GenerateError::Io { path, source }
    };
    if dir.exists() {
        if !dir.is_dir() {
            return Err(GenerateError::NotADirectory {
                path: dir.to_path_buf(),
            });
        }
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() {
            return Err(GenerateError::DirectoryNotEmpty {
                path: dir.to_path_buf(),
            });
        }
    } else {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    each_file(config, |file| {
        let path = dir.join(&file.file_name);
        std::fs::write(&path, &file.bytes).map_err(io(&path))
    })
}

/// The file names [`write_lists`] writes.
pub const PRODUCTCODES_FILE: &str = "productcodes.csv";
/// See [`PRODUCTCODES_FILE`].
pub const TARIFFS_FILE: &str = "tariffs.csv";

/// Writes, into `dir` (created when missing), the lists a replay of the stream of `config`
/// needs to run every check: the product codes the stream uses ([`PRODUCTCODES_FILE`], for
/// `[lists] productcodes`, TR381) and every aanbieder's contract tariff for each of them
/// ([`TARIFFS_FILE`], for `[lists] tariffs`, TR418), open-ended from 2000-01-01. Existing
/// files of those names are replaced.
pub fn write_lists(config: &GenerateConfig, dir: &Path) -> Result<(), GenerateError> {
    config.validate()?;
    let plan = plan::plan(config);
    let mut productcodes = String::from("categorie,code,omschrijving\n");
    let mut tariffs = String::from("aanbieder,categorie,code,tarief,ingangsdatum,einddatum\n");
    for product in plan::PRODUCTS {
        let categorie = product.categorie.code();
        productcodes.push_str(&format!("{categorie},{},generated\n", product.code));
        for agb in &plan.agb {
            tariffs.push_str(&format!(
                "{agb},{categorie},{},{},2000-01-01,\n",
                product.code, product.tarief
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(|source| GenerateError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for (name, text) in [(PRODUCTCODES_FILE, productcodes), (TARIFFS_FILE, tariffs)] {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|source| GenerateError::Io { path, source })?;
    }
    Ok(())
}

/// Plans the stream and hands each file to `sink`, in order; the summary counts them.
fn each_file(
    config: &GenerateConfig,
    mut sink: impl FnMut(Generated) -> Result<(), GenerateError>,
) -> Result<Summary, GenerateError> {
    config.validate()?;
    let plan = plan::plan(config);
    let width = plan.events.len().to_string().len().max(7);
    let mut summary = Summary {
        clients: config.clients,
        missing: plan.missing,
        ..Summary::default()
    };
    for (i, event) in plan.events.iter().enumerate() {
        let file = build::file(&plan, config, event, i as u64 + 1, width);
        summary.count(&file);
        sink(file)?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_configurations_are_errors() {
        let ok = GenerateConfig::default();
        assert!(ok.validate().is_ok());
        let cases: Vec<(GenerateConfig, &str)> = vec![
            (
                GenerateConfig {
                    clients: 0,
                    ..ok.clone()
                },
                "clients must be at least 1",
            ),
            (
                GenerateConfig {
                    clients: MAX_CLIENTS + 1,
                    ..ok.clone()
                },
                "clients must be at most",
            ),
            (
                GenerateConfig {
                    aanbieders: 0,
                    ..ok.clone()
                },
                "aanbieders must be at least 1",
            ),
            (
                GenerateConfig {
                    aanbieders: usize::MAX,
                    ..ok.clone()
                },
                "aanbieders must be at most",
            ),
            (
                GenerateConfig {
                    gemeente: "344".into(),
                    ..ok.clone()
                },
                "four digits",
            ),
            (
                GenerateConfig {
                    gemeente: "03a4".into(),
                    ..ok.clone()
                },
                "four digits",
            ),
            (
                GenerateConfig {
                    gemeente: "０３４４".into(),
                    ..ok.clone()
                },
                "four digits",
            ),
            (
                GenerateConfig {
                    late: -0.1,
                    ..ok.clone()
                },
                "late must be a share",
            ),
            (
                GenerateConfig {
                    missing: 1.5,
                    ..ok.clone()
                },
                "missing must be a share",
            ),
            (
                GenerateConfig {
                    wrong: f64::NAN,
                    ..ok.clone()
                },
                "wrong must be a share",
            ),
            (
                GenerateConfig {
                    late: f64::INFINITY,
                    ..ok.clone()
                },
                "late must be a share",
            ),
            (
                GenerateConfig {
                    wrong: 0.9,
                    ..ok.clone()
                },
                "wrong must be at most 0.5",
            ),
            (
                GenerateConfig {
                    start: NaiveDate::from_ymd_opt(2020, 12, 31).unwrap(),
                    ..ok.clone()
                },
                "start must lie between",
            ),
            (
                GenerateConfig {
                    start: NaiveDate::MAX,
                    ..ok.clone()
                },
                "start must lie between",
            ),
        ];
        for (config, message) in cases {
            let err = generate(&config).unwrap_err();
            assert!(err.to_string().contains(message), "{err} / {message}");
        }
        for edge in [
            GenerateConfig {
                clients: 1,
                late: 1.0,
                missing: 1.0,
                wrong: 0.5,
                ..ok.clone()
            },
            GenerateConfig {
                clients: 3,
                aanbieders: 7,
                late: 0.0,
                missing: 0.0,
                wrong: 0.0,
                ..ok.clone()
            },
            GenerateConfig {
                start: NaiveDate::from_ymd_opt(2199, 12, 31).unwrap(),
                clients: 5,
                ..ok.clone()
            },
            GenerateConfig {
                start: NaiveDate::from_ymd_opt(2021, 1, 1).unwrap(),
                clients: 5,
                seed: u64::MAX,
                ..ok
            },
        ] {
            assert!(!generate(&edge).unwrap().is_empty());
        }
    }

    #[test]
    fn wrong_kinds_are_named_and_levelled() {
        for k in WrongKind::ALL {
            assert_eq!(
                k.level() == 3,
                k.rule().is_some_and(|r| r.starts_with("TR"))
            );
            assert!(!k.name().is_empty());
        }
        assert_eq!(WrongKind::Cs002Bsn.level(), 2);
    }
}
