//! WMO301 Toewijzing Wmo-ondersteuning and its retour WMO302 (spec Appendix A).

use chrono::{NaiveDate, NaiveTime};

use crate::basis::Communicatie;
use crate::basis::{
    Adres, Geboortedatum, Omvang, OpenPeriode, Product, RetourXml, Telefoonnummers, VolledigeNaam,
    Xml,
};
use crate::bsn::Bsn;
use crate::codes::{
    AdresSoort, Geslacht, JuridischeStatus, RedenWijziging, SoortRelatie,
    WettelijkeVertegenwoordiging,
};
use crate::error::ModelError;
use crate::xml::{self, Ns, Seq, Writer};

const M: Ns = Ns::Msg;

/// The `Client` of a 301 (`R = ()`) or 302 (`R = RetourCodes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToewijzingClient<R = ()> {
    /// `Bsn`.
    pub bsn: Bsn,
    /// `Geboortedatum`.
    pub geboortedatum: Geboortedatum,
    /// `Geslacht`.
    pub geslacht: Geslacht,
    /// `Naam`.
    pub naam: VolledigeNaam,
    /// `Communicatie`.
    pub communicatie: Option<Communicatie>,
    /// `JuridischeStatus`.
    pub juridische_status: Option<JuridischeStatus>,
    /// `WettelijkeVertegenwoordiging`.
    pub wettelijke_vertegenwoordiging: Option<WettelijkeVertegenwoordiging>,
    /// `Commentaar`.
    pub commentaar: Option<String>,
    /// `Relaties/Relatie` (empty: no `Relaties` element).
    pub relaties: Vec<Relatie<R>>,
    /// `Contactgegevens/Contact` (1..n).
    pub contactgegevens: Vec<Contact<R>>,
    /// `ToegewezenProducten/ToegewezenProduct` (1..n).
    pub toegewezen_producten: Vec<ToegewezenProduct<R>>,
    /// `RetourCodes` in a 302.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for ToewijzingClient<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(ToewijzingClient {
            bsn: s.leaf(M, "Bsn", xml::bsn)?,
            geboortedatum: s.req(M, "Geboortedatum", Geboortedatum::read)?,
            geslacht: s.leaf(M, "Geslacht", xml::code)?,
            naam: s.req(M, "Naam", VolledigeNaam::read)?,
            communicatie: s.opt(M, "Communicatie", Communicatie::read)?,
            juridische_status: s.opt_leaf(M, "JuridischeStatus", xml::code)?,
            wettelijke_vertegenwoordiging: s.opt_leaf(
                M,
                "WettelijkeVertegenwoordiging",
                xml::code,
            )?,
            commentaar: s.opt_leaf(M, "Commentaar", xml::string)?,
            relaties: s.opt_list("Relaties", "Relatie", Relatie::read)?,
            contactgegevens: s.list("Contactgegevens", "Contact", Contact::read)?,
            toegewezen_producten: s.list(
                "ToegewezenProducten",
                "ToegewezenProduct",
                ToegewezenProduct::read,
            )?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "Bsn", self.bsn.as_str());
        w.el(M, "Geboortedatum", |w| self.geboortedatum.write(w));
        w.code(M, "Geslacht", self.geslacht);
        w.el(M, "Naam", |w| self.naam.write(w));
        w.opt_el(M, "Communicatie", &self.communicatie, |w, v| v.write(w));
        w.opt_code(M, "JuridischeStatus", self.juridische_status);
        w.opt_code(
            M,
            "WettelijkeVertegenwoordiging",
            self.wettelijke_vertegenwoordiging,
        );
        w.opt_leaf(M, "Commentaar", self.commentaar.as_deref());
        w.opt_list("Relaties", "Relatie", &self.relaties, |w, v| v.write(w));
        w.list(
            "Contactgegevens",
            "Contact",
            &self.contactgegevens,
            |w, v| v.write(w),
        );
        w.list(
            "ToegewezenProducten",
            "ToegewezenProduct",
            &self.toegewezen_producten,
            |w, v| v.write(w),
        );
        self.retour_codes.write_deel(w);
    }
}

/// A `Relatie` of the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relatie<R = ()> {
    /// `Nummer` (LDT_Persoonsid).
    pub nummer: String,
    /// `Volgorde` (0..99).
    pub volgorde: Option<u8>,
    /// `Soort`.
    pub soort: SoortRelatie,
    /// `Geboortedatum`.
    pub geboortedatum: Option<Geboortedatum>,
    /// `Geslacht`.
    pub geslacht: Option<Geslacht>,
    /// `Naam`.
    pub naam: VolledigeNaam,
    /// `Contact`.
    pub contact: Contact<R>,
    /// `RetourCodes` in a 302.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for Relatie<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Relatie {
            nummer: s.leaf(M, "Nummer", xml::string)?,
            // 99 fits u8, so the conversion cannot fail.
            volgorde: s.opt_leaf(M, "Volgorde", |p, t| {
                xml::integer(p, t, 99).map(|n| n as u8)
            })?,
            soort: s.leaf(M, "Soort", xml::code)?,
            geboortedatum: s.opt(M, "Geboortedatum", Geboortedatum::read)?,
            geslacht: s.opt_leaf(M, "Geslacht", xml::code)?,
            naam: s.req(M, "Naam", VolledigeNaam::read)?,
            contact: s.req(M, "Contact", Contact::read)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "Nummer", &self.nummer);
        w.opt_int(M, "Volgorde", self.volgorde);
        w.code(M, "Soort", self.soort);
        w.opt_el(M, "Geboortedatum", &self.geboortedatum, |w, v| v.write(w));
        w.opt_code(M, "Geslacht", self.geslacht);
        w.el(M, "Naam", |w| self.naam.write(w));
        w.el(M, "Contact", |w| self.contact.write(w));
        self.retour_codes.write_deel(w);
    }
}

/// A `Contact` (address and contact details), of the client or of a relatie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact<R = ()> {
    /// `Soort`.
    pub soort: AdresSoort,
    /// `Adres`.
    pub adres: Option<Adres>,
    /// `Organisatie`.
    pub organisatie: Option<String>,
    /// `Telefoon`.
    pub telefoon: Option<Telefoonnummers>,
    /// `Emailadres`.
    pub emailadres: Option<String>,
    /// `Periode`.
    pub periode: Option<OpenPeriode>,
    /// `RetourCodes` in a 302.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for Contact<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Contact {
            soort: s.leaf(M, "Soort", xml::code)?,
            adres: s.opt(M, "Adres", Adres::read)?,
            organisatie: s.opt_leaf(M, "Organisatie", xml::string)?,
            telefoon: s.opt(M, "Telefoon", Telefoonnummers::read)?,
            emailadres: s.opt_leaf(M, "Emailadres", xml::string)?,
            periode: s.opt(M, "Periode", OpenPeriode::read)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.code(M, "Soort", self.soort);
        w.opt_el(M, "Adres", &self.adres, |w, v| v.write(w));
        w.opt_leaf(M, "Organisatie", self.organisatie.as_deref());
        w.opt_el(M, "Telefoon", &self.telefoon, |w, v| v.write(w));
        w.opt_leaf(M, "Emailadres", self.emailadres.as_deref());
        w.opt_el(M, "Periode", &self.periode, |w, v| v.write(w));
        self.retour_codes.write_deel(w);
    }
}

/// A `ToegewezenProduct`: one toewijzing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToegewezenProduct<R = ()> {
    /// `ToewijzingNummer` (0..999999999): the key 305/307/317/323 refer to.
    pub toewijzing_nummer: u32,
    /// `ReferentieAanbieder`.
    pub referentie_aanbieder: Option<String>,
    /// `Product` (absent: aspecific toewijzing).
    pub product: Option<Product>,
    /// `Toewijzingsdatum`.
    pub toewijzingsdatum: NaiveDate,
    /// `Toewijzingstijd`.
    pub toewijzingstijd: NaiveTime,
    /// `Ingangsdatum`.
    pub ingangsdatum: NaiveDate,
    /// `Einddatum`.
    pub einddatum: Option<NaiveDate>,
    /// `RedenWijziging`.
    pub reden_wijziging: Option<RedenWijziging>,
    /// `Omvang`.
    pub omvang: Option<Omvang>,
    /// `Budget` in eurocent.
    pub budget: Option<u32>,
    /// `Commentaar`.
    pub commentaar: Option<String>,
    /// `RetourCodes` in a 302.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for ToegewezenProduct<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(ToegewezenProduct {
            toewijzing_nummer: s.leaf(M, "ToewijzingNummer", xml::u32_max(999_999_999))?,
            referentie_aanbieder: s.opt_leaf(M, "ReferentieAanbieder", xml::string)?,
            product: s.opt(M, "Product", Product::read)?,
            toewijzingsdatum: s.leaf(M, "Toewijzingsdatum", xml::date)?,
            toewijzingstijd: s.leaf(M, "Toewijzingstijd", xml::time)?,
            ingangsdatum: s.leaf(M, "Ingangsdatum", xml::date)?,
            einddatum: s.opt_leaf(M, "Einddatum", xml::date)?,
            reden_wijziging: s.opt_leaf(M, "RedenWijziging", xml::code)?,
            omvang: s.opt(M, "Omvang", Omvang::read)?,
            budget: s.opt_leaf(M, "Budget", xml::u32_max(99_999_999))?,
            commentaar: s.opt_leaf(M, "Commentaar", xml::string)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.int(M, "ToewijzingNummer", self.toewijzing_nummer);
        w.opt_leaf(
            M,
            "ReferentieAanbieder",
            self.referentie_aanbieder.as_deref(),
        );
        w.opt_el(M, "Product", &self.product, |w, v| v.write(w));
        w.date(M, "Toewijzingsdatum", &self.toewijzingsdatum);
        w.time(M, "Toewijzingstijd", &self.toewijzingstijd);
        w.date(M, "Ingangsdatum", &self.ingangsdatum);
        w.opt_date(M, "Einddatum", &self.einddatum);
        w.opt_code(M, "RedenWijziging", self.reden_wijziging);
        w.opt_el(M, "Omvang", &self.omvang, |w, v| v.write(w));
        w.opt_int(M, "Budget", self.budget);
        w.opt_leaf(M, "Commentaar", self.commentaar.as_deref());
        self.retour_codes.write_deel(w);
    }
}
