//! `iwmo-rules`: what the receiver of one iWmo 3.2 message says about it, and the retour
//! that says it.
//!
//! This crate owns, first, the level-2 rules of one message (the TR, CS and CD rules that can
//! be decided from the message alone, control level 2: every failure is retourcode 0001) and
//! their [`Report`] of [`Finding`]s, shaped as receivers know them (rule id, element paths,
//! detail, retourcode). **Not yet here:** the rules themselves come with the next part of
//! issue 4; today the crate has the finding types and the builders.
//!
//! Secondarily it owns the retour builders, one per heen message: [`wmo302`], [`wmo306`],
//! [`wmo308`], [`wmo316`], [`wmo318`], [`wmo320`] and the declaratie-antwoord [`wmo325`]. They
//! take an [`Assessment`] (the heen message and, per berichtklasse, what failed with which
//! retourcode) and the retour's [`RetourIdentificatie`], and lay it out as IV028, OP065,
//! IV087 and IV088 prescribe; they decide nothing. Start reading at [`Assessment`].
//!
//! It deliberately does no I/O, never reads the clock (the retour's Dagtekening is passed
//! in; rules that need "today" will take it as an argument) and keeps no state across
//! messages: whatever depends on earlier messages (levels 3 and 4) is the ledger's, which
//! hands its findings in through [`Assessment::reject`] and [`Assessment::reject_header`].
//! Writing and XSD-validating the retour are `iwmo-model`'s and `iwmo-xsd`'s.
//!
//! A 305 whose deletion matches no earlier start (TR063, a level-3 rule the ledger checks)
//! gets a 306 that copies the client, 9063 on the StartProduct and 0200 above it (the worked
//! example of IV028):
//!
//! ```
//! use chrono::NaiveDate;
//! use iwmo_model::codes::RetourCode;
//! use iwmo_model::{read, write, Message, XsdVersie};
//! use iwmo_rules::{wmo306, Assessment, Class305, RetourIdentificatie, RuleId};
//!
//! let xml = std::fs::read("../../fixtures/messages/wmo305-delete-unknown-start.xml")?;
//! let Message::Wmo305(start) = read(&xml)? else { panic!("not a 305") };
//!
//! let mut assessment = Assessment::new(&start);
//! assessment.reject(
//!     Class305::StartProduct(0),
//!     RuleId::new("TR063"),
//!     RetourCode::R9063,
//!     "no earlier StartProduct with this key to delete",
//! )?;
//! let retour = RetourIdentificatie {
//!     identificatie: "G26-0306-004".into(),
//!     dagtekening: NaiveDate::from_ymd_opt(2026, 4, 3).unwrap(),
//!     xsd_versie: XsdVersie::default(),
//!     xslt_versie: None,
//! };
//! let answer = wmo306(&assessment, &retour);
//! let client = answer.client.as_ref().expect("the failing client is copied");
//! assert_eq!(client.retour_codes.0, [RetourCode::R0200]);
//! assert_eq!(client.start_producten[0].retour_codes.0, [RetourCode::R9063]);
//! assert_eq!(
//!     assessment.report().findings[0].paths,
//!     ["/Bericht/Client/StartProducten/StartProduct"]
//! );
//! let xml = write(&Message::Wmo306(answer));
//! assert!(xml.contains("<wmo306:RetourCode>9063</wmo306:RetourCode>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod answer;
mod assessment;
mod catalogue;
pub mod check;
mod declaratie;
mod error;
mod finding;
mod retour;

pub use answer::level2_retour;
pub use assessment::{
    Assessment, Class301, Class305, Class307, Class315, Class317, Class319, Class323, Heenbericht,
    RetourIdentificatie, Verdict,
};
pub use catalogue::{catalogue, rule, RuleInfo};
pub use check::{check, checks, Check};
pub use declaratie::wmo325;
pub use error::RulesError;
pub use finding::{Finding, Report, RuleId};
pub use retour::{wmo302, wmo306, wmo308, wmo316, wmo318, wmo320};
