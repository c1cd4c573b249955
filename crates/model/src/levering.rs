//! WMO305 Start levering and WMO307 Stop levering, with their retours WMO306 and WMO308.

use chrono::NaiveDate;

use crate::basis::{Geboortedatum, Product, RetourXml, VerkorteNaam, Xml};
use crate::bsn::Bsn;
use crate::codes::{Geslacht, RedenBeeindiging, StatusAanlevering};
use crate::error::ModelError;
use crate::xml::{self, Ns, Seq, Writer};

const M: Ns = Ns::Msg;

/// The `Client` of a 305 (`R = ()`) or 306 (`R = RetourCodes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartClient<R = ()> {
    /// `Bsn`.
    pub bsn: Bsn,
    /// `Geboortedatum`.
    pub geboortedatum: Geboortedatum,
    /// `Geslacht`.
    pub geslacht: Geslacht,
    /// `Naam`.
    pub naam: VerkorteNaam,
    /// `StartProducten/StartProduct` (1..n).
    pub start_producten: Vec<StartProduct<R>>,
    /// `RetourCodes` in a 306.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for StartClient<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(StartClient {
            bsn: s.leaf(M, "Bsn", xml::bsn)?,
            geboortedatum: s.req(M, "Geboortedatum", Geboortedatum::read)?,
            geslacht: s.leaf(M, "Geslacht", xml::code)?,
            naam: s.req(M, "Naam", VerkorteNaam::read)?,
            start_producten: s.list("StartProducten", "StartProduct", StartProduct::read)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "Bsn", self.bsn.as_str());
        w.el(M, "Geboortedatum", |w| self.geboortedatum.write(w));
        w.code(M, "Geslacht", self.geslacht);
        w.el(M, "Naam", |w| self.naam.write(w));
        w.list(
            "StartProducten",
            "StartProduct",
            &self.start_producten,
            |w, v| v.write(w),
        );
        self.retour_codes.write_deel(w);
    }
}

/// A `StartProduct`: the start of delivery of one toegewezen product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartProduct<R = ()> {
    /// `ToewijzingNummer`.
    pub toewijzing_nummer: Option<u32>,
    /// `Product`.
    pub product: Option<Product>,
    /// `ToewijzingIngangsdatum`.
    pub toewijzing_ingangsdatum: Option<NaiveDate>,
    /// `Begindatum`.
    pub begindatum: NaiveDate,
    /// `StatusAanlevering`.
    pub status_aanlevering: StatusAanlevering,
    /// `RetourCodes` in a 306.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for StartProduct<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(StartProduct {
            toewijzing_nummer: s.opt_leaf(M, "ToewijzingNummer", xml::u32_max(999_999_999))?,
            product: s.opt(M, "Product", Product::read)?,
            toewijzing_ingangsdatum: s.opt_leaf(M, "ToewijzingIngangsdatum", xml::date)?,
            begindatum: s.leaf(M, "Begindatum", xml::date)?,
            status_aanlevering: s.leaf(M, "StatusAanlevering", xml::code)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.opt_int(M, "ToewijzingNummer", self.toewijzing_nummer);
        w.opt_el(M, "Product", &self.product, |w, v| v.write(w));
        w.opt_date(M, "ToewijzingIngangsdatum", &self.toewijzing_ingangsdatum);
        w.date(M, "Begindatum", &self.begindatum);
        w.code(M, "StatusAanlevering", self.status_aanlevering);
        self.retour_codes.write_deel(w);
    }
}

/// The `Client` of a 307 (`R = ()`) or 308 (`R = RetourCodes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopClient<R = ()> {
    /// `Bsn`.
    pub bsn: Bsn,
    /// `Geboortedatum`.
    pub geboortedatum: Geboortedatum,
    /// `Geslacht`.
    pub geslacht: Geslacht,
    /// `Naam`.
    pub naam: VerkorteNaam,
    /// `StopProducten/StopProduct` (1..n).
    pub stop_producten: Vec<StopProduct<R>>,
    /// `RetourCodes` in a 308.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for StopClient<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(StopClient {
            bsn: s.leaf(M, "Bsn", xml::bsn)?,
            geboortedatum: s.req(M, "Geboortedatum", Geboortedatum::read)?,
            geslacht: s.leaf(M, "Geslacht", xml::code)?,
            naam: s.req(M, "Naam", VerkorteNaam::read)?,
            stop_producten: s.list("StopProducten", "StopProduct", StopProduct::read)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "Bsn", self.bsn.as_str());
        w.el(M, "Geboortedatum", |w| self.geboortedatum.write(w));
        w.code(M, "Geslacht", self.geslacht);
        w.el(M, "Naam", |w| self.naam.write(w));
        w.list(
            "StopProducten",
            "StopProduct",
            &self.stop_producten,
            |w, v| v.write(w),
        );
        self.retour_codes.write_deel(w);
    }
}

/// A `StopProduct`: the (temporary or definitive) end of delivery of one product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopProduct<R = ()> {
    /// `ToewijzingNummer`.
    pub toewijzing_nummer: Option<u32>,
    /// `Product`.
    pub product: Option<Product>,
    /// `ToewijzingIngangsdatum`.
    pub toewijzing_ingangsdatum: Option<NaiveDate>,
    /// `Begindatum`.
    pub begindatum: NaiveDate,
    /// `RedenBeeindiging`.
    pub reden_beeindiging: RedenBeeindiging,
    /// `Einddatum`.
    pub einddatum: NaiveDate,
    /// `StatusAanlevering`.
    pub status_aanlevering: StatusAanlevering,
    /// `RetourCodes` in a 308.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for StopProduct<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(StopProduct {
            toewijzing_nummer: s.opt_leaf(M, "ToewijzingNummer", xml::u32_max(999_999_999))?,
            product: s.opt(M, "Product", Product::read)?,
            toewijzing_ingangsdatum: s.opt_leaf(M, "ToewijzingIngangsdatum", xml::date)?,
            begindatum: s.leaf(M, "Begindatum", xml::date)?,
            reden_beeindiging: s.leaf(M, "RedenBeeindiging", xml::code)?,
            einddatum: s.leaf(M, "Einddatum", xml::date)?,
            status_aanlevering: s.leaf(M, "StatusAanlevering", xml::code)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.opt_int(M, "ToewijzingNummer", self.toewijzing_nummer);
        w.opt_el(M, "Product", &self.product, |w, v| v.write(w));
        w.opt_date(M, "ToewijzingIngangsdatum", &self.toewijzing_ingangsdatum);
        w.date(M, "Begindatum", &self.begindatum);
        w.code(M, "RedenBeeindiging", self.reden_beeindiging);
        w.date(M, "Einddatum", &self.einddatum);
        w.code(M, "StatusAanlevering", self.status_aanlevering);
        self.retour_codes.write_deel(w);
    }
}
