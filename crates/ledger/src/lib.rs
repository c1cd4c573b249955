//! `iwmo-ledger`: what a party knows about each client, and what a new message means against it.
//!
//! This crate owns the per-client state (toewijzingen with their versions, deliveries per
//! toegewezen product, requests, declarations and the eigen-bijdrage periods sent to the CAK),
//! the level-3 and level-4 rules of iWmo 3.2 that decide a message against that state, the
//! deadlines in Dutch working days ([`calendar`], [`signals`]), the no-care rule with its
//! configured action ([`NoCareAction`]) and the WMO405 derivation ([`eigen_bijdrage`]).
//!
//! It is pure logic: no I/O, no async, and no clock reads. "Today" and every configured list
//! (CBS gemeentecodes, product codes, tariffs) are handed in through [`Context`]; the store and
//! the engine own persistence and time. Start reading at [`decide`].
//!
//! The ledger judges every heen message (301, 305, 307, 315, 317, 319, 323), the retours and
//! 325s on our own messages, derives WMO405s, raises deadline signals on arrival and, through
//! [`review`], on the clock, and drafts the 307 the no-care rule proposes to an aanbieder.
//! Rules that need an external list (TR378 CBS gemeentecodes, TR381 product codes, TR418
//! contract tariffs: see [`Lists`]) are reported in [`Decision::not_checked`] when the list is
//! not configured.
//!
//! A start, then a second start while the first is actual (TR326):
//!
//! ```
//! use chrono::NaiveDate;
//! use iwmo_ledger::*;
//! use iwmo_model::read;
//!
//! let fixture = |name: &str| read(&std::fs::read(format!("../../fixtures/messages/{name}")).unwrap()).unwrap();
//! let (config, lists) = (Config::default(), Lists::default());
//! let ctx = Context {
//!     today: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
//!     mode: Mode::Chain,
//!     config: &config,
//!     lists: &lists,
//! };
//! let mut ledger = MemoryLedger::new();
//! let toewijzing = ledger.decide_and_apply(&fixture("wmo301-toewijzing-two-products-with-relatie.xml"), &ctx);
//! assert_eq!(toewijzing.verdict, Verdict::Approved);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod calendar;
mod context;
pub mod date_text;
mod decide;
mod decision;
pub mod declaratie;
pub mod eigen_bijdrage;
mod levering;
mod memory;
mod party;
mod retour;
pub mod signals;
mod state;
mod toewijzing;
pub mod verzoek;

pub use context::{
    Config, Context, ContractTariffList, GemeenteList, Lists, NoCareAction, ProductCodeList,
};
pub use decide::decide;
pub use decision::{Decision, IndexEntry, IndexKey, LedgerFinding, Prior, Target, Verdict};
pub use memory::MemoryLedger;
pub use party::{role_of, ClientKey, Mode, Party, Role};
pub use retour::retour;
pub use signals::{care_event, review, CareEvent, Signal, SignalKind};
pub use state::{
    ClientState, Delivery, Fact, FactBody, MessageRef, Personalia, Start, Stop, Toewijzing,
};
