//! The `CDT_*` types of the basisschema (spec §3.1). Their children are in the basisschema
//! namespace wherever they are used (spec §1.3).

use chrono::NaiveDate;

use crate::codes::{
    AanduidingWoonadres, Communicatievorm, DatumGebruik, DebetCredit, Eenheid, Frequentie,
    LandCode, NaamGebruik, ProductCategorie, RetourCode, TypeVerwijzer,
};
use crate::error::ModelError;
use crate::xml::{self, Ns, Seq, Writer};

/// Reading and writing the content of one type (its children, not its own element).
pub(crate) trait Xml: Sized {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError>;
    fn write(&self, w: &mut Writer);
}

const B: Ns = Ns::Basis;

/// `CDT_BerichtIdentificatie`: the sender's identification of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BerichtIdentificatie {
    /// `Identificatie` (LDT_IdentificatieBericht, max 12).
    pub identificatie: String,
    /// `Dagtekening`: the date the message was made.
    pub dagtekening: NaiveDate,
}

impl Xml for BerichtIdentificatie {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(BerichtIdentificatie {
            identificatie: s.leaf(B, "Identificatie", xml::string)?,
            dagtekening: s.leaf(B, "Dagtekening", xml::date)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(B, "Identificatie", &self.identificatie);
        w.date(B, "Dagtekening", &self.dagtekening);
    }
}

/// `CDT_XsdVersie`: the XSD versions the sender used (IV034), `1.0.0`/`1.0.0` in this release
/// (and in our iEb 4.0 schemas).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XsdVersie {
    /// `BasisschemaXsdVersie` (LDT_Versie, `n.n.n`).
    pub basisschema_xsd_versie: String,
    /// `BerichtXsdVersie` (LDT_Versie, `n.n.n`).
    pub bericht_xsd_versie: String,
}

impl Default for XsdVersie {
    /// The versions of the iWmo 3.2 XSD set: 1.0.0 and 1.0.0; our iEb 4.0 set has the same
    /// (`schemas/ieb` C2).
    fn default() -> Self {
        XsdVersie {
            basisschema_xsd_versie: "1.0.0".into(),
            bericht_xsd_versie: "1.0.0".into(),
        }
    }
}

impl Xml for XsdVersie {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(XsdVersie {
            basisschema_xsd_versie: s.leaf(B, "BasisschemaXsdVersie", xml::string)?,
            bericht_xsd_versie: s.leaf(B, "BerichtXsdVersie", xml::string)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(B, "BasisschemaXsdVersie", &self.basisschema_xsd_versie);
        w.leaf(B, "BerichtXsdVersie", &self.bericht_xsd_versie);
    }
}

/// `CDT_Achternaam`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Achternaam {
    /// `Achternaam`.
    pub achternaam: String,
    /// `Voorvoegsel` (`van`, `de`, …).
    pub voorvoegsel: Option<String>,
}

impl Xml for Achternaam {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Achternaam {
            achternaam: s.leaf(B, "Achternaam", xml::string)?,
            voorvoegsel: s.opt_leaf(B, "Voorvoegsel", xml::string)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(B, "Achternaam", &self.achternaam);
        w.opt_leaf(B, "Voorvoegsel", self.voorvoegsel.as_deref());
    }
}

/// `CDT_VolledigeNaam` (301).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolledigeNaam {
    /// `Geslachtsnaam`.
    pub geslachtsnaam: Achternaam,
    /// `Partnernaam`.
    pub partnernaam: Option<Achternaam>,
    /// `Voornamen`.
    pub voornamen: Option<String>,
    /// `Voorletters`.
    pub voorletters: Option<String>,
    /// `NaamGebruik`.
    pub naam_gebruik: NaamGebruik,
}

impl Xml for VolledigeNaam {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(VolledigeNaam {
            geslachtsnaam: s.req(B, "Geslachtsnaam", Achternaam::read)?,
            partnernaam: s.opt(B, "Partnernaam", Achternaam::read)?,
            voornamen: s.opt_leaf(B, "Voornamen", xml::string)?,
            voorletters: s.opt_leaf(B, "Voorletters", xml::string)?,
            naam_gebruik: s.leaf(B, "NaamGebruik", xml::code)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.el(B, "Geslachtsnaam", |w| self.geslachtsnaam.write(w));
        w.opt_el(B, "Partnernaam", &self.partnernaam, |w, v| v.write(w));
        w.opt_leaf(B, "Voornamen", self.voornamen.as_deref());
        w.opt_leaf(B, "Voorletters", self.voorletters.as_deref());
        w.code(B, "NaamGebruik", self.naam_gebruik);
    }
}

/// `CDT_VerkorteNaam` (305, 307, 315).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerkorteNaam {
    /// `Geslachtsnaam`.
    pub geslachtsnaam: Achternaam,
    /// `Voornamen`.
    pub voornamen: Option<String>,
    /// `Voorletters`.
    pub voorletters: Option<String>,
}

impl Xml for VerkorteNaam {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(VerkorteNaam {
            geslachtsnaam: s.req(B, "Geslachtsnaam", Achternaam::read)?,
            voornamen: s.opt_leaf(B, "Voornamen", xml::string)?,
            voorletters: s.opt_leaf(B, "Voorletters", xml::string)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.el(B, "Geslachtsnaam", |w| self.geslachtsnaam.write(w));
        w.opt_leaf(B, "Voornamen", self.voornamen.as_deref());
        w.opt_leaf(B, "Voorletters", self.voorletters.as_deref());
    }
}

/// `CDT_Geboortedatum`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geboortedatum {
    /// `Datum`.
    pub datum: NaiveDate,
    /// `DatumGebruik`: which part of the date is known.
    pub datum_gebruik: Option<DatumGebruik>,
}

impl Xml for Geboortedatum {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Geboortedatum {
            datum: s.leaf(B, "Datum", xml::date)?,
            datum_gebruik: s.opt_leaf(B, "DatumGebruik", xml::code)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.date(B, "Datum", &self.datum);
        w.opt_code(B, "DatumGebruik", self.datum_gebruik);
    }
}

/// `CDT_Communicatie`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Communicatie {
    /// `Vorm`.
    pub vorm: Communicatievorm,
    /// `Taal`.
    pub taal: Option<String>,
}

impl Xml for Communicatie {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Communicatie {
            vorm: s.leaf(B, "Vorm", xml::code)?,
            taal: s.opt_leaf(B, "Taal", xml::string)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.code(B, "Vorm", self.vorm);
        w.opt_leaf(B, "Taal", self.taal.as_deref());
    }
}

/// `CDT_Huis`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Huis {
    /// `Huisnummer` (0..99999).
    pub huisnummer: u32,
    /// `Huisletter`.
    pub huisletter: Option<String>,
    /// `HuisnummerToevoeging`.
    pub huisnummer_toevoeging: Option<String>,
    /// `AanduidingWoonadres`.
    pub aanduiding_woonadres: Option<AanduidingWoonadres>,
}

impl Xml for Huis {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Huis {
            huisnummer: s.leaf(B, "Huisnummer", xml::u32_max(99_999))?,
            huisletter: s.opt_leaf(B, "Huisletter", xml::string)?,
            huisnummer_toevoeging: s.opt_leaf(B, "HuisnummerToevoeging", xml::string)?,
            aanduiding_woonadres: s.opt_leaf(B, "AanduidingWoonadres", xml::code)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.int(B, "Huisnummer", self.huisnummer);
        w.opt_leaf(B, "Huisletter", self.huisletter.as_deref());
        w.opt_leaf(
            B,
            "HuisnummerToevoeging",
            self.huisnummer_toevoeging.as_deref(),
        );
        w.opt_code(B, "AanduidingWoonadres", self.aanduiding_woonadres);
    }
}

/// `CDT_Adres`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adres {
    /// `Huis`.
    pub huis: Option<Huis>,
    /// `Postcode`.
    pub postcode: Option<String>,
    /// `Straatnaam`.
    pub straatnaam: Option<String>,
    /// `Plaatsnaam`.
    pub plaatsnaam: Option<String>,
    /// `LandCode`.
    pub land_code: Option<LandCode>,
}

impl Xml for Adres {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Adres {
            huis: s.opt(B, "Huis", Huis::read)?,
            postcode: s.opt_leaf(B, "Postcode", xml::string)?,
            straatnaam: s.opt_leaf(B, "Straatnaam", xml::string)?,
            plaatsnaam: s.opt_leaf(B, "Plaatsnaam", xml::string)?,
            land_code: s.opt_leaf(B, "LandCode", xml::code)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.opt_el(B, "Huis", &self.huis, |w, v| v.write(w));
        w.opt_leaf(B, "Postcode", self.postcode.as_deref());
        w.opt_leaf(B, "Straatnaam", self.straatnaam.as_deref());
        w.opt_leaf(B, "Plaatsnaam", self.plaatsnaam.as_deref());
        w.opt_code(B, "LandCode", self.land_code);
    }
}

/// `CDT_Telefoon`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Telefoon {
    /// `Telefoonnummer` (digits).
    pub telefoonnummer: String,
    /// `Landnummer` (`0031`).
    pub landnummer: String,
}

impl Xml for Telefoon {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Telefoon {
            telefoonnummer: s.leaf(B, "Telefoonnummer", xml::string)?,
            landnummer: s.leaf(B, "Landnummer", xml::string)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(B, "Telefoonnummer", &self.telefoonnummer);
        w.leaf(B, "Landnummer", &self.landnummer);
    }
}

/// `CDT_Telefoonnummers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Telefoonnummers {
    /// `Telefoon01`.
    pub telefoon01: Telefoon,
    /// `Telefoon02`.
    pub telefoon02: Option<Telefoon>,
}

impl Xml for Telefoonnummers {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Telefoonnummers {
            telefoon01: s.req(B, "Telefoon01", Telefoon::read)?,
            telefoon02: s.opt(B, "Telefoon02", Telefoon::read)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.el(B, "Telefoon01", |w| self.telefoon01.write(w));
        w.opt_el(B, "Telefoon02", &self.telefoon02, |w, v| v.write(w));
    }
}

/// `CDT_OpenPeriode`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OpenPeriode {
    /// `Begindatum`.
    pub begindatum: Option<NaiveDate>,
    /// `Einddatum`.
    pub einddatum: Option<NaiveDate>,
}

impl Xml for OpenPeriode {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(OpenPeriode {
            begindatum: s.opt_leaf(B, "Begindatum", xml::date)?,
            einddatum: s.opt_leaf(B, "Einddatum", xml::date)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.opt_date(B, "Begindatum", &self.begindatum);
        w.opt_date(B, "Einddatum", &self.einddatum);
    }
}

/// `CDT_GeslotenPeriode`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GeslotenPeriode {
    /// `Begindatum`.
    pub begindatum: NaiveDate,
    /// `Einddatum`.
    pub einddatum: NaiveDate,
}

impl Xml for GeslotenPeriode {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(GeslotenPeriode {
            begindatum: s.leaf(B, "Begindatum", xml::date)?,
            einddatum: s.leaf(B, "Einddatum", xml::date)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.date(B, "Begindatum", &self.begindatum);
        w.date(B, "Einddatum", &self.einddatum);
    }
}

/// `CDT_Product`: a category, and the product code unless the toewijzing is aspecific.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Product {
    /// `Categorie`.
    pub categorie: ProductCategorie,
    /// `Code` (regional or contractual, max 5).
    pub code: Option<String>,
}

impl Product {
    /// Whether two lines count as the same product in the standard's overlap rules (TR302,
    /// TR361, TR386, TR410, as the official stylesheet tests it): a line without Product
    /// matches any line; otherwise the categories are equal and, when both have a code, the
    /// codes are equal.
    pub fn same(a: Option<&Product>, b: Option<&Product>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => {
                a.categorie == b.categorie
                    && match (&a.code, &b.code) {
                        (Some(x), Some(y)) => x == y,
                        _ => true,
                    }
            }
            _ => true,
        }
    }

    /// For detail texts: `product 02/02A02`, `category 02` or `no product`.
    pub fn describe(p: Option<&Product>) -> String {
        match p {
            Some(Product {
                categorie,
                code: Some(code),
            }) => format!("product {}/{code}", categorie.code()),
            Some(Product {
                categorie,
                code: None,
            }) => format!("category {}", categorie.code()),
            None => "no product".into(),
        }
    }
}

impl Xml for Product {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Product {
            categorie: s.leaf(B, "Categorie", xml::code)?,
            code: s.opt_leaf(B, "Code", xml::string)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.code(B, "Categorie", self.categorie);
        w.opt_leaf(B, "Code", self.code.as_deref());
    }
}

/// `CDT_Omvang`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Omvang {
    /// `Volume` (0..99999999).
    pub volume: u32,
    /// `Eenheid`.
    pub eenheid: Eenheid,
    /// `Frequentie`.
    pub frequentie: Frequentie,
}

impl Xml for Omvang {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Omvang {
            volume: s.leaf(B, "Volume", xml::u32_max(99_999_999))?,
            eenheid: s.leaf(B, "Eenheid", xml::code)?,
            frequentie: s.leaf(B, "Frequentie", xml::code)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.int(B, "Volume", self.volume);
        w.code(B, "Eenheid", self.eenheid);
        w.code(B, "Frequentie", self.frequentie);
    }
}

/// `CDT_Referentie`: identifies a prestatie; a credit points to its debet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referentie {
    /// `ReferentieNummer`.
    pub referentie_nummer: String,
    /// `VorigReferentieNummer`.
    pub vorig_referentie_nummer: Option<String>,
}

impl Xml for Referentie {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Referentie {
            referentie_nummer: s.leaf(B, "ReferentieNummer", xml::string)?,
            vorig_referentie_nummer: s.opt_leaf(B, "VorigReferentieNummer", xml::string)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(B, "ReferentieNummer", &self.referentie_nummer);
        w.opt_leaf(
            B,
            "VorigReferentieNummer",
            self.vorig_referentie_nummer.as_deref(),
        );
    }
}

/// `CDT_BedragMetDC`: an amount in eurocent with its sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BedragMetDc {
    /// `Bedrag` in eurocent (0..99999999).
    pub bedrag: u32,
    /// `DebetCredit`.
    pub debet_credit: DebetCredit,
}

impl Xml for BedragMetDc {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(BedragMetDc {
            bedrag: s.leaf(B, "Bedrag", xml::u32_max(99_999_999))?,
            debet_credit: s.leaf(B, "DebetCredit", xml::code)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.int(B, "Bedrag", self.bedrag);
        w.code(B, "DebetCredit", self.debet_credit);
    }
}

/// `CDT_TotaalBedragMetDC`: a total in eurocent with its sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotaalBedragMetDc {
    /// `TotaalBedrag` in eurocent (0..999999999999).
    pub totaal_bedrag: u64,
    /// `DebetCredit`.
    pub debet_credit: DebetCredit,
}

impl Xml for TotaalBedragMetDc {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(TotaalBedragMetDc {
            totaal_bedrag: s.leaf(B, "TotaalBedrag", |p, t| {
                xml::integer(p, t, 999_999_999_999)
            })?,
            debet_credit: s.leaf(B, "DebetCredit", xml::code)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.int(B, "TotaalBedrag", self.totaal_bedrag);
        w.code(B, "DebetCredit", self.debet_credit);
    }
}

/// `CDT_Verwijzer`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verwijzer {
    /// `Type`.
    pub r#type: TypeVerwijzer,
    /// `Naam`.
    pub naam: Option<String>,
    /// `ZorgverlenerCode` (AGB code).
    pub zorgverlener_code: Option<String>,
}

impl Xml for Verwijzer {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Verwijzer {
            r#type: s.leaf(B, "Type", xml::code)?,
            naam: s.opt_leaf(B, "Naam", xml::string)?,
            zorgverlener_code: s.opt_leaf(B, "ZorgverlenerCode", xml::string)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.code(B, "Type", self.r#type);
        w.opt_leaf(B, "Naam", self.naam.as_deref());
        w.opt_leaf(B, "ZorgverlenerCode", self.zorgverlener_code.as_deref());
    }
}

/// `RetourCodes`: the receiver's codes on a retour class, 1..n `RetourCode` (message
/// namespace, spec §2.3.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetourCodes(pub Vec<RetourCode>);

impl Xml for RetourCodes {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        let mut codes = Vec::new();
        while let Some(code) = s.opt_leaf(Ns::Msg, "RetourCode", xml::code)? {
            codes.push(code);
        }
        if codes.is_empty() {
            // Through `leaf` for the error with the right path.
            s.leaf(Ns::Msg, "RetourCode", xml::code::<RetourCode>)?;
        }
        Ok(RetourCodes(codes))
    }
    fn write(&self, w: &mut Writer) {
        for code in &self.0 {
            w.code(Ns::Msg, "RetourCode", *code);
        }
    }
}

/// What a class carries beyond the heenbericht: nothing (`()`, in a heenbericht) or its
/// `RetourCodes`, the last child of every berichtklasse in a retour (spec §2.3.4).
pub(crate) trait RetourXml: Sized {
    fn read_deel(s: &mut Seq<'_, '_>) -> Result<Self, ModelError>;
    fn write_deel(&self, w: &mut Writer);
}

impl RetourXml for () {
    fn read_deel(_: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(())
    }
    fn write_deel(&self, _: &mut Writer) {}
}

impl RetourXml for RetourCodes {
    fn read_deel(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        s.req(Ns::Msg, "RetourCodes", RetourCodes::read)
    }
    fn write_deel(&self, w: &mut Writer) {
        w.el(Ns::Msg, "RetourCodes", |w| self.write(w));
    }
}
