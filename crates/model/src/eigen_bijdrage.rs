//! iEb 4.0: WMO405 Start en stop eigen bijdrage (gemeente → CAK) and its retour WMO406
//! (CAK → gemeente), exactly as our schemas `schemas/ieb/4.0` define them.
//!
//! No official iEb 4.0 XSD is public; every gap in ours is a documented choice, cited here as
//! `[Cn]` (`schemas/ieb/README.md`). In short: the iEb 1.0 header without `Ontvanger` `[C10]`,
//! one `Client` per message `[C7]` with one `PeriodeEigenBijdrageAbo` `[C11]` in the order of
//! `[C12]`, and WMO406 as WMO405 plus the iStandaarden retour parts `[C13]`. The children of
//! `CDT_*` types are in the iEb basisschema namespace, written `ieb:`.

use chrono::NaiveDate;

use crate::basis::{BerichtIdentificatie, RetourXml, Xml, XsdVersie};
use crate::bsn::Bsn;
use crate::codes::{IebRetourCode, IebStatusAanlevering};
use crate::error::ModelError;
use crate::header::fixed;
use crate::xml::{self, Ns, Path, Seq, Writer};

const M: Ns = Ns::Msg;
const B: Ns = Ns::Basis;

/// The WMO405 header, also the first part of the WMO406 header: the iEb 1.0 header kept for
/// 4.0 `[C10]`, so there is no `Ontvanger` (the CAK is the only receiver). `BerichtVersie` (4)
/// and `BerichtSubversie` (0) follow from the release `[C9]` and are written, not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IebHeader {
    /// `BerichtCode`: not known for iEb 4.0, so our schema takes any three digits `[C8]` and it
    /// is kept as read. The fixtures use the placeholders `405`/`406`, which
    /// [`MessageKind::bericht_code`](crate::MessageKind::bericht_code) gives; the message is
    /// identified by the root namespace, not by this code.
    pub bericht_code: String,
    /// `Afzender`: the gemeente (`LDT_Gemeente`, 4 digits), in the 406 too (copied).
    pub afzender: String,
    /// `BerichtIdentificatie`.
    pub bericht_identificatie: BerichtIdentificatie,
    /// `XsdVersie` (1.0.0/1.0.0 in our schemas `[C2]`, the [`XsdVersie::default`]).
    pub xsd_versie: XsdVersie,
}

impl IebHeader {
    /// `_placeholder` is the kind's placeholder BerichtCode, which reading does not impose:
    /// the code is kept as read `[C8]`.
    pub(crate) fn read(
        s: &mut Seq<'_, '_>,
        _placeholder: &'static str,
    ) -> Result<Self, ModelError> {
        let bericht_code = s.leaf(M, "BerichtCode", xml::string)?;
        s.leaf(M, "BerichtVersie", |p, t| fixed(p, t, "4", "iEb 4.0"))?;
        s.leaf(M, "BerichtSubversie", |p, t| fixed(p, t, "0", "iEb 4.0"))?;
        Ok(IebHeader {
            bericht_code,
            afzender: s.leaf(M, "Afzender", xml::string)?,
            bericht_identificatie: s.req(M, "BerichtIdentificatie", BerichtIdentificatie::read)?,
            xsd_versie: s.req(M, "XsdVersie", XsdVersie::read)?,
        })
    }

    /// Writes the stored `bericht_code`, not the kind's placeholder `[C8]`.
    pub(crate) fn write(&self, w: &mut Writer, _placeholder: &str) {
        w.leaf(M, "BerichtCode", &self.bericht_code);
        w.leaf(M, "BerichtVersie", "4");
        w.leaf(M, "BerichtSubversie", "0");
        w.leaf(M, "Afzender", &self.afzender);
        w.el(M, "BerichtIdentificatie", |w| {
            self.bericht_identificatie.write(w)
        });
        w.el(M, "XsdVersie", |w| self.xsd_versie.write(w));
    }
}

/// The WMO406 header: the WMO405's header copied (the gemeente stays `Afzender`), then the
/// retour's own elements `[C13]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IebRetourHeader {
    /// The header of the WMO405, copied.
    pub header: IebHeader,
    /// `IdentificatieRetour`.
    pub identificatie_retour: String,
    /// `DagtekeningRetour`.
    pub dagtekening_retour: NaiveDate,
    /// `XsltVersie`.
    pub xslt_versie: Option<String>,
    /// `XsdVersieRetour`.
    pub xsd_versie_retour: XsdVersie,
    /// `RetourCodes` on the header (0..1).
    pub retour_codes: Option<IebRetourCodes>,
}

impl IebRetourHeader {
    pub(crate) fn read(s: &mut Seq<'_, '_>, placeholder: &'static str) -> Result<Self, ModelError> {
        Ok(IebRetourHeader {
            header: IebHeader::read(s, placeholder)?,
            identificatie_retour: s.leaf(M, "IdentificatieRetour", xml::string)?,
            dagtekening_retour: s.leaf(M, "DagtekeningRetour", xml::date)?,
            xslt_versie: s.opt_leaf(M, "XsltVersie", xml::string)?,
            xsd_versie_retour: s.req(M, "XsdVersieRetour", XsdVersie::read)?,
            retour_codes: s.opt(M, "RetourCodes", IebRetourCodes::read)?,
        })
    }

    pub(crate) fn write(&self, w: &mut Writer, placeholder: &str) {
        self.header.write(w, placeholder);
        w.leaf(M, "IdentificatieRetour", &self.identificatie_retour);
        w.date(M, "DagtekeningRetour", &self.dagtekening_retour);
        w.opt_leaf(M, "XsltVersie", self.xslt_versie.as_deref());
        w.el(M, "XsdVersieRetour", |w| self.xsd_versie_retour.write(w));
        w.opt_el(M, "RetourCodes", &self.retour_codes, |w, v| v.write(w));
    }
}

/// `RetourCodes` in a WMO406: 1..n `RetourCode` (message namespace), iEb codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IebRetourCodes(pub Vec<IebRetourCode>);

fn retour_code(path: &Path<'_>, text: &str) -> Result<IebRetourCode, ModelError> {
    IebRetourCode::from_code(text).map_err(|e| xml::invalid(path, text, &format!("a code: {e}")))
}

impl Xml for IebRetourCodes {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        let mut codes = Vec::new();
        while let Some(code) = s.opt_leaf(M, "RetourCode", retour_code)? {
            codes.push(code);
        }
        if codes.is_empty() {
            // Through `leaf` for the error with the right path.
            s.leaf(M, "RetourCode", retour_code)?;
        }
        Ok(IebRetourCodes(codes))
    }
    fn write(&self, w: &mut Writer) {
        for code in &self.0 {
            w.leaf(M, "RetourCode", code.code());
        }
    }
}

impl RetourXml for IebRetourCodes {
    fn read_deel(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        s.req(M, "RetourCodes", IebRetourCodes::read)
    }
    fn write_deel(&self, w: &mut Writer) {
        w.el(M, "RetourCodes", |w| self.write(w));
    }
}

/// The `Client` of a 405 (`R = ()`) or 406 (`R = IebRetourCodes`): one person, no products
/// (spec §3), one period `[C11]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EigenBijdrageClient<R = ()> {
    /// `Bsn`.
    pub bsn: Bsn,
    /// `PeriodeEigenBijdrageAbo` (1..1 `[C11]`).
    pub periode_eigen_bijdrage_abo: PeriodeEigenBijdrageAbo<R>,
    /// `RetourCodes` in a 406.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for EigenBijdrageClient<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(EigenBijdrageClient {
            bsn: s.leaf(M, "Bsn", xml::bsn)?,
            periode_eigen_bijdrage_abo: s.req(
                M,
                "PeriodeEigenBijdrageAbo",
                PeriodeEigenBijdrageAbo::read,
            )?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.leaf(M, "Bsn", self.bsn.as_str());
        w.el(M, "PeriodeEigenBijdrageAbo", |w| {
            self.periode_eigen_bijdrage_abo.write(w)
        });
        self.retour_codes.write_deel(w);
    }
}

/// A `PeriodeEigenBijdrageAbo`: one period of eigen bijdrage (abonnementstarief) of a person,
/// keyed by `EbStartNummer`. A start has no `EbStopdatum`; a stop is a status-2 change of the
/// period with the stop date filled (TR394, `[C12]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodeEigenBijdrageAbo<R = ()> {
    /// `EbStartNummer` (`LDT_Nummer`, 0..999999999): unique within the gemeente per period of
    /// a citizen; the key.
    pub eb_start_nummer: u32,
    /// `EbStartdatum`.
    pub eb_startdatum: NaiveDate,
    /// `EbStopdatum`.
    pub eb_stopdatum: Option<NaiveDate>,
    /// `Kostprijs`.
    pub kostprijs: Option<Kostprijs>,
    /// `StatusAanlevering` (1, 2 or 3, OP033).
    pub status_aanlevering: IebStatusAanlevering,
    /// `RetourCodes` in a 406.
    pub retour_codes: R,
}

impl<R: RetourXml> Xml for PeriodeEigenBijdrageAbo<R> {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(PeriodeEigenBijdrageAbo {
            eb_start_nummer: s.leaf(M, "EbStartNummer", xml::u32_max(999_999_999))?,
            eb_startdatum: s.leaf(M, "EbStartdatum", xml::date)?,
            eb_stopdatum: s.opt_leaf(M, "EbStopdatum", xml::date)?,
            kostprijs: s.opt(M, "Kostprijs", Kostprijs::read)?,
            status_aanlevering: s.leaf(M, "StatusAanlevering", xml::code)?,
            retour_codes: R::read_deel(s)?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.int(M, "EbStartNummer", self.eb_start_nummer);
        w.date(M, "EbStartdatum", &self.eb_startdatum);
        w.opt_date(M, "EbStopdatum", &self.eb_stopdatum);
        w.opt_el(M, "Kostprijs", &self.kostprijs, |w, v| v.write(w));
        w.code(M, "StatusAanlevering", self.status_aanlevering);
        self.retour_codes.write_deel(w);
    }
}

/// `CDT_Kostprijs` (iEb basisschema): the kostprijs of a voorziening from a date on. Child
/// names, order and unit are our choice `[C3]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kostprijs {
    /// `Startdatum`: from when the kostprijs counts.
    pub startdatum: NaiveDate,
    /// `Bedrag` in eurocent (`LDT_Bedrag`, 0..99999999).
    pub bedrag: u32,
}

impl Xml for Kostprijs {
    fn read(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
        Ok(Kostprijs {
            startdatum: s.leaf(B, "Startdatum", xml::date)?,
            bedrag: s.leaf(B, "Bedrag", xml::u32_max(99_999_999))?,
        })
    }
    fn write(&self, w: &mut Writer) {
        w.date(B, "Startdatum", &self.startdatum);
        w.int(B, "Bedrag", self.bedrag);
    }
}
