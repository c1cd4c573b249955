//! WMO315 Verzoek om toewijzing, WMO317 Verzoek om wijziging and WMO319 Antwoordbericht, with
//! their retours WMO316, WMO318 and WMO320.

use chrono::NaiveDate;

use crate::basis::{Geboortedatum, Omvang, Product, RetourXml, VerkorteNaam, Verwijzer, Xml};
use crate::bsn::Bsn;
use crate::codes::{Geslacht, JaNee, RedenAfwijzingVerzoek, RedenVerzoek, VerzoekAntwoord};
use crate::error::ModelError;
use crate::xml::{self, Ns, Seq, Writer};

const M: Ns = Ns::Msg;

/// The `Client` of a 315 (`R = ()`) or 316 (`R = RetourCodes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AanvraagClient<R = ()> {
    /// `Bsn`.
    pub bsn: Bsn,
    /// `Geboortedatum`.
    pub geboortedatum: Geboortedatum,
    /// `Geslacht`.
    pub geslacht: Geslacht,
    /// `Naam`.
    pub naam: VerkorteNaam,
    /// `Commentaar`.
    pub commentaar: Option<String>,
    /// `AangevraagdeProducten/AangevraagdProduct` (1..n).
    pub aangevraagde_producten: Vec<AangevraagdProduct<R>>,
    /// `RetourCodes` in a 316.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for AanvraagClient<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(AanvraagClient {
            bsn: s.leaf(M, "Bsn", xml::bsn)?,
            geboortedatum: s.req(M, "Geboortedatum", Geboortedatum::read)?,
            geslacht: s.leaf(M, "Geslacht", xml::code)?,
            naam: s.req(M, "Naam", VerkorteNaam::read)?,
            commentaar: s.opt_leaf(M, "Commentaar", xml::string)?,
            aangevraagde_producten: s.list(
                "AangevraagdeProducten",
                "AangevraagdProduct",
                AangevraagdProduct::read,
            )?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "Bsn", self.bsn.as_str());
        w.el(M, "Geboortedatum", |w| self.geboortedatum.write(w));
        w.code(M, "Geslacht", self.geslacht);
        w.el(M, "Naam", |w| self.naam.write(w));
        w.opt_leaf(M, "Commentaar", self.commentaar.as_deref());
        w.list(
            "AangevraagdeProducten",
            "AangevraagdProduct",
            &self.aangevraagde_producten,
            |w, v| v.write(w),
        );
        self.retour_codes.write_deel(w);
    }
}

/// An `AangevraagdProduct` of a verzoek om toewijzing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AangevraagdProduct<R = ()> {
    /// `ReferentieAanbieder`: the key the 319 and 301 answer to.
    pub referentie_aanbieder: String,
    /// `BeschikkingNummer`.
    pub beschikking_nummer: Option<u32>,
    /// `Product`.
    pub product: Option<Product>,
    /// `BeschikkingIngangsdatum`.
    pub beschikking_ingangsdatum: Option<NaiveDate>,
    /// `ToewijzingIngangsdatum`.
    pub toewijzing_ingangsdatum: NaiveDate,
    /// `ToewijzingEinddatum`.
    pub toewijzing_einddatum: Option<NaiveDate>,
    /// `Omvang`.
    pub omvang: Option<Omvang>,
    /// `Budget` in eurocent.
    pub budget: Option<u32>,
    /// `Verwijzer`.
    pub verwijzer: Verwijzer,
    /// `Raamcontract`.
    pub raamcontract: Option<JaNee>,
    /// `Commentaar`.
    pub commentaar: Option<String>,
    /// `RetourCodes` in a 316.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for AangevraagdProduct<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(AangevraagdProduct {
            referentie_aanbieder: s.leaf(M, "ReferentieAanbieder", xml::string)?,
            beschikking_nummer: s.opt_leaf(M, "BeschikkingNummer", xml::u32_max(999_999_999))?,
            product: s.opt(M, "Product", Product::read)?,
            beschikking_ingangsdatum: s.opt_leaf(M, "BeschikkingIngangsdatum", xml::date)?,
            toewijzing_ingangsdatum: s.leaf(M, "ToewijzingIngangsdatum", xml::date)?,
            toewijzing_einddatum: s.opt_leaf(M, "ToewijzingEinddatum", xml::date)?,
            omvang: s.opt(M, "Omvang", Omvang::read)?,
            budget: s.opt_leaf(M, "Budget", xml::u32_max(99_999_999))?,
            verwijzer: s.req(M, "Verwijzer", Verwijzer::read)?,
            raamcontract: s.opt_leaf(M, "Raamcontract", xml::code)?,
            commentaar: s.opt_leaf(M, "Commentaar", xml::string)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "ReferentieAanbieder", &self.referentie_aanbieder);
        w.opt_int(M, "BeschikkingNummer", self.beschikking_nummer);
        w.opt_el(M, "Product", &self.product, |w, v| v.write(w));
        w.opt_date(M, "BeschikkingIngangsdatum", &self.beschikking_ingangsdatum);
        w.date(M, "ToewijzingIngangsdatum", &self.toewijzing_ingangsdatum);
        w.opt_date(M, "ToewijzingEinddatum", &self.toewijzing_einddatum);
        w.opt_el(M, "Omvang", &self.omvang, |w, v| v.write(w));
        w.opt_int(M, "Budget", self.budget);
        w.el(M, "Verwijzer", |w| self.verwijzer.write(w));
        w.opt_code(M, "Raamcontract", self.raamcontract);
        w.opt_leaf(M, "Commentaar", self.commentaar.as_deref());
        self.retour_codes.write_deel(w);
    }
}

/// The `Client` of a 317 (`R = ()`) or 318 (`R = RetourCodes`): no name or birth date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerzoekClient<R = ()> {
    /// `Bsn`.
    pub bsn: Bsn,
    /// `Verzoek`.
    pub verzoek: Verzoek<R>,
    /// `RetourCodes` in a 318.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for VerzoekClient<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(VerzoekClient {
            bsn: s.leaf(M, "Bsn", xml::bsn)?,
            verzoek: s.req(M, "Verzoek", Verzoek::read)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "Bsn", self.bsn.as_str());
        w.el(M, "Verzoek", |w| self.verzoek.write(w));
        self.retour_codes.write_deel(w);
    }
}

/// The `Verzoek` of a verzoek om wijziging: every current toewijzing is either unchanged or
/// to be changed, plus any new products.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verzoek<R = ()> {
    /// `ReferentieAanbieder`.
    pub referentie_aanbieder: String,
    /// `RedenVerzoek`.
    pub reden_verzoek: RedenVerzoek,
    /// `OngewijzigdeProducten/OngewijzigdProduct` (empty: element absent).
    pub ongewijzigde_producten: Vec<OngewijzigdProduct<R>>,
    /// `TeWijzigenProducten/TeWijzigenProduct` (empty: element absent).
    pub te_wijzigen_producten: Vec<TeWijzigenProduct<R>>,
    /// `NieuweProducten/NieuwProduct` (empty: element absent).
    pub nieuwe_producten: Vec<NieuwProduct<R>>,
    /// `RetourCodes` in a 318.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for Verzoek<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Verzoek {
            referentie_aanbieder: s.leaf(M, "ReferentieAanbieder", xml::string)?,
            reden_verzoek: s.leaf(M, "RedenVerzoek", xml::code)?,
            ongewijzigde_producten: s.opt_list(
                "OngewijzigdeProducten",
                "OngewijzigdProduct",
                OngewijzigdProduct::read,
            )?,
            te_wijzigen_producten: s.opt_list(
                "TeWijzigenProducten",
                "TeWijzigenProduct",
                TeWijzigenProduct::read,
            )?,
            nieuwe_producten: s.opt_list("NieuweProducten", "NieuwProduct", NieuwProduct::read)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "ReferentieAanbieder", &self.referentie_aanbieder);
        w.code(M, "RedenVerzoek", self.reden_verzoek);
        w.opt_list(
            "OngewijzigdeProducten",
            "OngewijzigdProduct",
            &self.ongewijzigde_producten,
            |w, v| v.write(w),
        );
        w.opt_list(
            "TeWijzigenProducten",
            "TeWijzigenProduct",
            &self.te_wijzigen_producten,
            |w, v| v.write(w),
        );
        w.opt_list(
            "NieuweProducten",
            "NieuwProduct",
            &self.nieuwe_producten,
            |w, v| v.write(w),
        );
        self.retour_codes.write_deel(w);
    }
}

/// An `OngewijzigdProduct`: a toewijzing that stays as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OngewijzigdProduct<R = ()> {
    /// `ToewijzingNummer`.
    pub toewijzing_nummer: u32,
    /// `RetourCodes` in a 318.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for OngewijzigdProduct<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(OngewijzigdProduct {
            toewijzing_nummer: s.leaf(M, "ToewijzingNummer", xml::u32_max(999_999_999))?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.int(M, "ToewijzingNummer", self.toewijzing_nummer);
        self.retour_codes.write_deel(w);
    }
}

/// A `TeWijzigenProduct`: a toewijzing to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeWijzigenProduct<R = ()> {
    /// `ToewijzingNummer`.
    pub toewijzing_nummer: u32,
    /// `GewensteIngangsdatum`.
    pub gewenste_ingangsdatum: NaiveDate,
    /// `Einddatum`.
    pub einddatum: Option<NaiveDate>,
    /// `Omvang`.
    pub omvang: Option<Omvang>,
    /// `Budget` in eurocent.
    pub budget: Option<u32>,
    /// `RetourCodes` in a 318.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for TeWijzigenProduct<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(TeWijzigenProduct {
            toewijzing_nummer: s.leaf(M, "ToewijzingNummer", xml::u32_max(999_999_999))?,
            gewenste_ingangsdatum: s.leaf(M, "GewensteIngangsdatum", xml::date)?,
            einddatum: s.opt_leaf(M, "Einddatum", xml::date)?,
            omvang: s.opt(M, "Omvang", Omvang::read)?,
            budget: s.opt_leaf(M, "Budget", xml::u32_max(99_999_999))?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.int(M, "ToewijzingNummer", self.toewijzing_nummer);
        w.date(M, "GewensteIngangsdatum", &self.gewenste_ingangsdatum);
        w.opt_date(M, "Einddatum", &self.einddatum);
        w.opt_el(M, "Omvang", &self.omvang, |w, v| v.write(w));
        w.opt_int(M, "Budget", self.budget);
        self.retour_codes.write_deel(w);
    }
}

/// A `NieuwProduct`: a product the aanbieder asks to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuwProduct<R = ()> {
    /// `Product`.
    pub product: Option<Product>,
    /// `GewensteIngangsdatum`.
    pub gewenste_ingangsdatum: NaiveDate,
    /// `Einddatum`.
    pub einddatum: Option<NaiveDate>,
    /// `Omvang`.
    pub omvang: Option<Omvang>,
    /// `Budget` in eurocent.
    pub budget: Option<u32>,
    /// `RetourCodes` in a 318.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for NieuwProduct<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(NieuwProduct {
            product: s.opt(M, "Product", Product::read)?,
            gewenste_ingangsdatum: s.leaf(M, "GewensteIngangsdatum", xml::date)?,
            einddatum: s.opt_leaf(M, "Einddatum", xml::date)?,
            omvang: s.opt(M, "Omvang", Omvang::read)?,
            budget: s.opt_leaf(M, "Budget", xml::u32_max(99_999_999))?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.opt_el(M, "Product", &self.product, |w, v| v.write(w));
        w.date(M, "GewensteIngangsdatum", &self.gewenste_ingangsdatum);
        w.opt_date(M, "Einddatum", &self.einddatum);
        w.opt_el(M, "Omvang", &self.omvang, |w, v| v.write(w));
        w.opt_int(M, "Budget", self.budget);
        self.retour_codes.write_deel(w);
    }
}

/// The `Antwoord` of a 319 (`R = ()`) or 320 (`R = RetourCodes`): the gemeente's answer to a
/// verzoek om toewijzing or wijziging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Antwoord<R = ()> {
    /// `ReferentieAanbieder` of the verzoek.
    pub referentie_aanbieder: String,
    /// `VerzoekAntwoord`.
    pub verzoek_antwoord: VerzoekAntwoord,
    /// `RedenAfwijzingVerzoek`.
    pub reden_afwijzing_verzoek: Option<RedenAfwijzingVerzoek>,
    /// `RetourCodes` in a 320.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for Antwoord<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Antwoord {
            referentie_aanbieder: s.leaf(M, "ReferentieAanbieder", xml::string)?,
            verzoek_antwoord: s.leaf(M, "VerzoekAntwoord", xml::code)?,
            reden_afwijzing_verzoek: s.opt_leaf(M, "RedenAfwijzingVerzoek", xml::code)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "ReferentieAanbieder", &self.referentie_aanbieder);
        w.code(M, "VerzoekAntwoord", self.verzoek_antwoord);
        w.opt_code(M, "RedenAfwijzingVerzoek", self.reden_afwijzing_verzoek);
        self.retour_codes.write_deel(w);
    }
}
