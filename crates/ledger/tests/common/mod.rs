//! Shared by the ledger's test files: dates, the fixture messages, and a ledger to decide in.
#![allow(dead_code)] // each test file uses what it needs

use chrono::NaiveDate;
use iwmo_ledger::{decide, Config, Context, Decision, Lists, MemoryLedger, Mode};
use iwmo_model::{read, Message};

/// A ledger with its context: each test file adds the scenario steps it needs.
pub struct World {
    pub ledger: MemoryLedger,
    pub config: Config,
    pub lists: Lists,
    pub mode: Mode,
    pub today: NaiveDate,
    pub serial: u32,
}

impl World {
    /// The chain view, on 2026-12-01.
    pub fn chain() -> World {
        World {
            ledger: MemoryLedger::new(),
            config: Config::default(),
            lists: Lists::default(),
            mode: Mode::Chain,
            today: date(2026, 12, 1),
            serial: 0,
        }
    }

    /// The context of a decision on `today`.
    pub fn ctx(&self) -> Context<'_> {
        Context {
            today: self.today,
            mode: self.mode.clone(),
            config: &self.config,
            lists: &self.lists,
        }
    }

    /// Decides a message and applies the decision.
    pub fn decide(&mut self, message: &Message) -> Decision {
        let d = decide(&self.ledger, message, &self.ctx());
        self.ledger.apply(&d);
        d
    }

    /// A fresh Identificatie with this prefix.
    pub fn next_id(&mut self, prefix: &str) -> String {
        self.serial += 1;
        format!("{prefix}-{:04}", self.serial)
    }
}

/// A date that exists.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A message of `fixtures/messages` by its name without `.xml`.
pub fn fixture(name: &str) -> Message {
    let path = format!(
        "{}/../../fixtures/messages/{name}.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The begeleiding's 301 (`wmo301-toewijzing-after-vot`) as a toewijzing that honours no
/// request: its ReferentieAanbieder left empty. For the tests that need the toewijzing without
/// the VOT before it (TR379 refuses a reference to a request the aanbieder never sent).
pub fn toewijzing_begeleiding() -> Message {
    let Message::Wmo301(mut m) = fixture("wmo301-toewijzing-after-vot") else {
        unreachable!()
    };
    for p in &mut m.client.toegewezen_producten {
        p.referentie_aanbieder = None;
    }
    Message::Wmo301(m)
}

/// The (StatusAanlevering, EbStartdatum, EbStopdatum) of each WMO405 a decision derived.
pub fn wmo405s(
    d: &Decision,
) -> Vec<(
    iwmo_model::codes::IebStatusAanlevering,
    NaiveDate,
    Option<NaiveDate>,
)> {
    d.derived
        .iter()
        .map(|m| match m {
            Message::Wmo405(m) => {
                let p = &m.client.periode_eigen_bijdrage_abo;
                (p.status_aanlevering, p.eb_startdatum, p.eb_stopdatum)
            }
            other => panic!("only WMO405s are derived, not {other:?}"),
        })
        .collect()
}

/// The kinds of the signals, in order.
pub fn kinds(signals: &[iwmo_ledger::Signal]) -> Vec<iwmo_ledger::SignalKind> {
    signals.iter().map(|s| s.kind).collect()
}
