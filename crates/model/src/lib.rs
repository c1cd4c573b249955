//! `iwmo-model`: the typed iWmo 3.2 and iEb 4.0 messages, and reading and writing them as XML.
//!
//! This crate owns, first, the model: one struct per message (in [`Message`]), the
//! basisschemas' `CDT_*` types, every code list as an enum ([`codes`]), the [`Bsn`] with its
//! 11-proef, dates as [`chrono::NaiveDate`]. Secondarily it owns the XML form: [`read()`] turns a
//! document into a [`Message`] (the root element's namespace picks the message and release) and
//! [`write()`] turns one back into a document with the conventional prefixes.
//!
//! The messages ([`MessageKind::ALL`]):
//!
//! - **iWmo 3.2** (aanbieder ↔ gemeente; prefixes `wmoNNN:` and `iwmo:`): WMO301 Toewijzing
//!   and its retour 302; WMO305/307 Start and Stop levering, retours 306/308; WMO315/317
//!   Verzoek om toewijzing / wijziging, retours 316/318; WMO319 Antwoordbericht, retour 320;
//!   WMO323 Declaratie and its answer WMO325.
//! - **iEb 4.0** (gemeente ↔ CAK; prefixes `wmo405:`/`wmo406:` and `ieb:`): [`Wmo405`] Start en
//!   stop eigen bijdrage, and its retour [`Wmo406`]. No official iEb 4.0 XSD is public; these
//!   follow our schemas in `schemas/ieb/4.0`, whose every guess (namespaces, header without
//!   `Ontvanger`, unknown BerichtCodes, …) is a documented choice in `schemas/ieb/README.md`.
//!   iEb has its own `StatusAanlevering` and `RetourCode` lists
//!   ([`codes::IebStatusAanlevering`], [`codes::IebRetourCode`]).
//!
//! It deliberately does not validate: XSD validation (control level 1) is `iwmo-xsd`'s, done
//! before [`read()`]. [`read_tree()`] reads the same message from the element tree that
//! `iwmo-xsd` builds in its validating pass (so a valid document is parsed once, not twice);
//! that tree type is all this crate uses of `iwmo-xsd`. The TR/CS/CD rules are `iwmo-rules`'.
//! It reads only what it is handed (no files, no network) and never looks at the clock. Reading never panics; input it cannot
//! represent is a [`ModelError`].
//!
//! Heen messages and their retours share one set of class types: a class is generic over what
//! a retour adds, `()` in a heenbericht and [`RetourCodes`] in a retour (spec §2.3), so
//! `StartClient` is the 305's Client and `StartClient<RetourCodes>` the 306's (and
//! `EigenBijdrageClient<IebRetourCodes>` the iEb 406's).
//!
//! ```
//! use iwmo_model::{read, write, Message};
//!
//! let xml = std::fs::read("../../../shared/reference/iwmo-3.2/WMO305.xml")?;
//! let Message::Wmo305(start) = read(&xml)? else { panic!("not a 305") };
//! let client = &start.client;
//! assert!(client.bsn.elfproef());
//! assert_eq!(client.bsn.to_string(), "******006"); // never printed in full
//! for product in &client.start_producten {
//!     println!("{:?} from {}", product.toewijzing_nummer, product.begindatum);
//! }
//! let again = write(&Message::Wmo305(start.clone()));
//! assert_eq!(read(again.as_bytes())?, Message::Wmo305(start));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Building a WMO405 for the CAK (start of a person's eigen bijdrage) and writing it:
//!
//! ```
//! use chrono::NaiveDate;
//! use iwmo_model::codes::IebStatusAanlevering;
//! use iwmo_model::*;
//!
//! let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let start = Wmo405 {
//!     header: IebHeader {
//!         // Not known for iEb 4.0: the placeholder of our schemas (schemas/ieb C8).
//!         bericht_code: MessageKind::Wmo405.bericht_code().to_string(),
//!         afzender: "0344".into(),
//!         bericht_identificatie: BerichtIdentificatie {
//!             identificatie: "G26-0405-003".into(),
//!             dagtekening: date(2026, 2, 5),
//!         },
//!         xsd_versie: XsdVersie::default(),
//!     },
//!     client: EigenBijdrageClient {
//!         bsn: Bsn::new("999902453")?,
//!         periode_eigen_bijdrage_abo: PeriodeEigenBijdrageAbo {
//!             eb_start_nummer: 26_000_012,
//!             eb_startdatum: date(2026, 2, 2),
//!             eb_stopdatum: None,
//!             kostprijs: None,
//!             status_aanlevering: IebStatusAanlevering::EersteAanlevering,
//!             retour_codes: (),
//!         },
//!         retour_codes: (),
//!     },
//! };
//! let xml = write(&Message::Wmo405(start));
//! assert!(xml.contains("<ieb:Identificatie>G26-0405-003</ieb:Identificatie>"));
//! assert!(xml.contains("<wmo405:EbStartNummer>26000012</wmo405:EbStartNummer>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod basis;
mod bsn;
pub mod codes;
mod date_text;
mod declaratie;
mod eigen_bijdrage;
mod error;
mod header;
mod levering;
mod message;
mod toewijzing;
mod verzoek;
mod xml;

pub use basis::{
    Achternaam, Adres, BedragMetDc, BerichtIdentificatie, Communicatie, Geboortedatum,
    GeslotenPeriode, Huis, Omvang, OpenPeriode, Product, Referentie, RetourCodes, Telefoon,
    Telefoonnummers, TotaalBedragMetDc, VerkorteNaam, Verwijzer, VolledigeNaam, XsdVersie,
};
pub use bsn::Bsn;
pub use date_text::{iso_date, IsoDate};
pub use declaratie::{Declaratie, DeclaratieAntwoord, DeclaratieClient, Prestatie};
pub use eigen_bijdrage::{
    EigenBijdrageClient, IebHeader, IebRetourCodes, IebRetourHeader, Kostprijs,
    PeriodeEigenBijdrageAbo,
};
pub use error::ModelError;
pub use header::{DeclaratieAntwoordHeader, Header, RetourHeader};
pub use levering::{StartClient, StartProduct, StopClient, StopProduct};
pub use message::{
    read, read_tree, write, Message, MessageKind, Wmo301, Wmo302, Wmo305, Wmo306, Wmo307, Wmo308,
    Wmo315, Wmo316, Wmo317, Wmo318, Wmo319, Wmo320, Wmo323, Wmo325, Wmo405, Wmo406,
};
pub use toewijzing::{Contact, Relatie, ToegewezenProduct, ToewijzingClient};
pub use verzoek::{
    AangevraagdProduct, AanvraagClient, Antwoord, NieuwProduct, OngewijzigdProduct,
    TeWijzigenProduct, Verzoek, VerzoekClient,
};
