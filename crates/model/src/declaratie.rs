//! WMO323 Declaratie Wmo-hulp and its answer WMO325 Declaratie-antwoord.

use chrono::NaiveDate;

use crate::basis::{
    BedragMetDc, GeslotenPeriode, Referentie, RetourCodes, RetourXml, TotaalBedragMetDc, Xml,
};
use crate::bsn::Bsn;
use crate::codes::{Eenheid, ProductCategorie};
use crate::error::ModelError;
use crate::xml::{self, Ns, Seq, Writer};

const M: Ns = Ns::Msg;

/// The `Declaratie` of a 323.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaratie {
    /// `DeclaratieNummer` (letters and digits, max 12).
    pub declaratie_nummer: String,
    /// `DeclaratiePeriode`.
    pub declaratie_periode: GeslotenPeriode,
    /// `DeclaratieDagtekening`.
    pub declaratie_dagtekening: NaiveDate,
    /// `TotaalIngediendBedrag`.
    pub totaal_ingediend_bedrag: TotaalBedragMetDc,
    /// `Clienten/Client` (1..n).
    pub clienten: Vec<DeclaratieClient>,
}

impl Xml for Declaratie {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Declaratie {
            declaratie_nummer: s.leaf(M, "DeclaratieNummer", xml::string)?,
            declaratie_periode: s.req(M, "DeclaratiePeriode", GeslotenPeriode::read)?,
            declaratie_dagtekening: s.leaf(M, "DeclaratieDagtekening", xml::date)?,
            totaal_ingediend_bedrag: s.req(M, "TotaalIngediendBedrag", TotaalBedragMetDc::read)?,
            clienten: s.list("Clienten", "Client", DeclaratieClient::read)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "DeclaratieNummer", &self.declaratie_nummer);
        w.el(M, "DeclaratiePeriode", |w| self.declaratie_periode.write(w));
        w.date(M, "DeclaratieDagtekening", &self.declaratie_dagtekening);
        w.el(M, "TotaalIngediendBedrag", |w| {
            self.totaal_ingediend_bedrag.write(w)
        });
        w.list("Clienten", "Client", &self.clienten, |w, v| v.write(w));
    }
}

/// The `DeclaratieAntwoord` of a 325.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaratieAntwoord {
    /// `DeclaratieNummer` of the 323.
    pub declaratie_nummer: String,
    /// `TotaalIngediendBedrag`.
    pub totaal_ingediend_bedrag: TotaalBedragMetDc,
    /// `TotaalToegekendBedrag`.
    pub totaal_toegekend_bedrag: TotaalBedragMetDc,
    /// `Clienten/Client` (empty: element absent).
    pub clienten: Vec<DeclaratieClient<RetourCodes>>,
    /// `RetourCodes`.
    pub retour_codes: RetourCodes,
}

impl Xml for DeclaratieAntwoord {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(DeclaratieAntwoord {
            declaratie_nummer: s.leaf(M, "DeclaratieNummer", xml::string)?,
            totaal_ingediend_bedrag: s.req(M, "TotaalIngediendBedrag", TotaalBedragMetDc::read)?,
            totaal_toegekend_bedrag: s.req(M, "TotaalToegekendBedrag", TotaalBedragMetDc::read)?,
            clienten: s.opt_list("Clienten", "Client", DeclaratieClient::read)?,
            retour_codes: RetourCodes::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "DeclaratieNummer", &self.declaratie_nummer);
        w.el(M, "TotaalIngediendBedrag", |w| {
            self.totaal_ingediend_bedrag.write(w)
        });
        w.el(M, "TotaalToegekendBedrag", |w| {
            self.totaal_toegekend_bedrag.write(w)
        });
        w.opt_list("Clienten", "Client", &self.clienten, |w, v| v.write(w));
        self.retour_codes.write_deel(w);
    }
}

/// A `Client` of a 323 (`R = ()`) or 325 (`R = RetourCodes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaratieClient<R = ()> {
    /// `Bsn`.
    pub bsn: Bsn,
    /// `Prestaties/Prestatie` (1..n).
    pub prestaties: Vec<Prestatie<R>>,
    /// `RetourCodes` in a 325.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for DeclaratieClient<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(DeclaratieClient {
            bsn: s.leaf(M, "Bsn", xml::bsn)?,
            prestaties: s.list("Prestaties", "Prestatie", Prestatie::read)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "Bsn", self.bsn.as_str());
        w.list("Prestaties", "Prestatie", &self.prestaties, |w, v| {
            v.write(w)
        });
        self.retour_codes.write_deel(w);
    }
}

/// A `Prestatie`: one declared delivery of one toegewezen product over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prestatie<R = ()> {
    /// `ProductReferentie`.
    pub product_referentie: Referentie,
    /// `ToewijzingNummer`.
    pub toewijzing_nummer: u32,
    /// `ProductCategorie`.
    pub product_categorie: ProductCategorie,
    /// `ProductCode`.
    pub product_code: String,
    /// `ProductPeriode`.
    pub product_periode: GeslotenPeriode,
    /// `GeleverdVolume`.
    pub geleverd_volume: u32,
    /// `Eenheid`.
    pub eenheid: Eenheid,
    /// `ProductTarief` in eurocent.
    pub product_tarief: Option<u32>,
    /// `IngediendBedrag`.
    pub ingediend_bedrag: BedragMetDc,
    /// `RetourCodes` in a 325.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for Prestatie<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Prestatie {
            product_referentie: s.req(M, "ProductReferentie", Referentie::read)?,
            toewijzing_nummer: s.leaf(M, "ToewijzingNummer", xml::u32_max(999_999_999))?,
            product_categorie: s.leaf(M, "ProductCategorie", xml::code)?,
            product_code: s.leaf(M, "ProductCode", xml::string)?,
            product_periode: s.req(M, "ProductPeriode", GeslotenPeriode::read)?,
            geleverd_volume: s.leaf(M, "GeleverdVolume", xml::u32_max(99_999_999))?,
            eenheid: s.leaf(M, "Eenheid", xml::code)?,
            product_tarief: s.opt_leaf(M, "ProductTarief", xml::u32_max(99_999_999))?,
            ingediend_bedrag: s.req(M, "IngediendBedrag", BedragMetDc::read)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.el(M, "ProductReferentie", |w| self.product_referentie.write(w));
        w.int(M, "ToewijzingNummer", self.toewijzing_nummer);
        w.code(M, "ProductCategorie", self.product_categorie);
        w.leaf(M, "ProductCode", &self.product_code);
        w.el(M, "ProductPeriode", |w| self.product_periode.write(w));
        w.int(M, "GeleverdVolume", self.geleverd_volume);
        w.code(M, "Eenheid", self.eenheid);
        w.opt_int(M, "ProductTarief", self.product_tarief);
        w.el(M, "IngediendBedrag", |w| self.ingediend_bedrag.write(w));
        self.retour_codes.write_deel(w);
    }
}
