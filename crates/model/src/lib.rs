//! `iwmo-model`: the typed iWmo 3.2 messages, and reading and writing them as XML.
//!
//! This crate owns, first, the model: one struct per message (WMO301 … WMO325, in [`Message`]),
//! the basisschema's `CDT_*` types, every code list as an enum ([`codes`]), the [`Bsn`] with its
//! 11-proef, dates as [`chrono::NaiveDate`]. Secondarily it owns the XML form: [`read()`] turns a
//! document into a [`Message`] (the root element's namespace picks the message and release) and
//! [`write()`] turns one back into a document with the conventional prefixes.
//!
//! It deliberately does not validate: XSD validation (control level 1) is `iwmo-xsd`'s, done
//! before [`read()`]; the TR/CS/CD rules are `iwmo-rules`'. It reads only what it is handed (no
//! files, no network) and never looks at the clock. Reading never panics; input it cannot
//! represent is a [`ModelError`].
//!
//! Heen messages and their retours share one set of class types: a class is generic over what
//! a retour adds, `()` in a heenbericht and [`RetourCodes`] in a retour (spec §2.3), so
//! `StartClient` is the 305's Client and `StartClient<RetourCodes>` the 306's.
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
#![deny(missing_docs)]

mod basis;
mod bsn;
pub mod codes;
mod declaratie;
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
pub use declaratie::{Declaratie, DeclaratieAntwoord, DeclaratieClient, Prestatie};
pub use error::ModelError;
pub use header::{DeclaratieAntwoordHeader, Header, RetourHeader};
pub use levering::{StartClient, StartProduct, StopClient, StopProduct};
pub use message::{
    read, write, Message, MessageKind, Wmo301, Wmo302, Wmo305, Wmo306, Wmo307, Wmo308, Wmo315,
    Wmo316, Wmo317, Wmo318, Wmo319, Wmo320, Wmo323, Wmo325,
};
pub use toewijzing::{Contact, Relatie, ToegewezenProduct, ToewijzingClient};
pub use verzoek::{
    AangevraagdProduct, AanvraagClient, Antwoord, NieuwProduct, OngewijzigdProduct,
    TeWijzigenProduct, Verzoek, VerzoekClient,
};
