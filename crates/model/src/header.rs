//! The message headers (spec §1.4): the heen header, the retour header and the WMO325 header.

use chrono::NaiveDate;

use crate::basis::{BerichtIdentificatie, RetourCodes, Xml, XsdVersie};
use crate::error::ModelError;
use crate::xml::{self, Ns, Path, Seq, Writer};

const M: Ns = Ns::Msg;

/// The heen header (301, 305, 307, 315, 317, 319, 323), also the first part of every retour
/// header. `BerichtCode`, `BerichtVersie` (3) and `BerichtSubversie` (2) follow from the
/// message kind and are written, not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// `Afzender`: a gemeente code (`LDT_Gemeente`, 4 digits) in 301/319 and their retours and
    /// in 325; an AGB code (`LDT_AgbCode`, 8 digits) in the other messages.
    pub afzender: String,
    /// `Ontvanger`: the other party (AGB code or gemeente code, the opposite of `afzender`).
    pub ontvanger: String,
    /// `BerichtIdentificatie`.
    pub bericht_identificatie: BerichtIdentificatie,
    /// `XsdVersie`.
    pub xsd_versie: XsdVersie,
}

impl Header {
    pub(crate) fn read(
        s: &mut Seq<'_, '_>,
        bericht_code: &'static str,
    ) -> Result<Self, ModelError> {
        let code = s.leaf(M, "BerichtCode", xml::string)?;
        if code != bericht_code {
            return Err(ModelError::WrongBerichtCode {
                expected: bericht_code,
                found: code,
            });
        }
        s.leaf(M, "BerichtVersie", |p, t| fixed(p, t, "3", "iWmo 3.2"))?;
        s.leaf(M, "BerichtSubversie", |p, t| fixed(p, t, "2", "iWmo 3.2"))?;
        Ok(Header {
            afzender: s.leaf(M, "Afzender", xml::string)?,
            ontvanger: s.leaf(M, "Ontvanger", xml::string)?,
            bericht_identificatie: s.req(M, "BerichtIdentificatie", BerichtIdentificatie::read)?,
            xsd_versie: s.req(M, "XsdVersie", XsdVersie::read)?,
        })
    }

    pub(crate) fn write(&self, w: &mut Writer, bericht_code: &str) {
        w.leaf(M, "BerichtCode", bericht_code);
        w.leaf(M, "BerichtVersie", "3");
        w.leaf(M, "BerichtSubversie", "2");
        w.leaf(M, "Afzender", &self.afzender);
        w.leaf(M, "Ontvanger", &self.ontvanger);
        w.el(M, "BerichtIdentificatie", |w| {
            self.bericht_identificatie.write(w)
        });
        w.el(M, "XsdVersie", |w| self.xsd_versie.write(w));
    }
}

/// `BerichtVersie`/`BerichtSubversie`: the pattern applies to the collapsed lexical value, so
/// `" 3 "` is 3 and `03` is not (spec §1.5). `release` names the release in the error.
pub(crate) fn fixed(
    path: &Path<'_>,
    text: &str,
    expected: &str,
    release: &str,
) -> Result<(), ModelError> {
    if text.split_whitespace().eq([expected]) {
        Ok(())
    } else {
        Err(ModelError::InvalidValue {
            path: path.to_string(),
            value: text.to_string(),
            expected: format!("{expected} ({release})"),
        })
    }
}

/// The retour header (302, 306, 308, 316, 318, 320): the heenbericht's header copied unchanged
/// (IV028; the original sender stays `Afzender`), then the retour's own elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetourHeader {
    /// The heen header, copied from the heenbericht.
    pub header: Header,
    /// `IdentificatieRetour`.
    pub identificatie_retour: String,
    /// `DagtekeningRetour`.
    pub dagtekening_retour: NaiveDate,
    /// `XsltVersie` (IV033).
    pub xslt_versie: Option<String>,
    /// `XsdVersieRetour`.
    pub xsd_versie_retour: XsdVersie,
    /// `RetourCodes` on the header (0..1).
    pub retour_codes: Option<RetourCodes>,
}

impl RetourHeader {
    pub(crate) fn read(
        s: &mut Seq<'_, '_>,
        bericht_code: &'static str,
    ) -> Result<Self, ModelError> {
        Ok(RetourHeader {
            header: Header::read(s, bericht_code)?,
            identificatie_retour: s.leaf(M, "IdentificatieRetour", xml::string)?,
            dagtekening_retour: s.leaf(M, "DagtekeningRetour", xml::date)?,
            xslt_versie: s.opt_leaf(M, "XsltVersie", xml::string)?,
            xsd_versie_retour: s.req(M, "XsdVersieRetour", XsdVersie::read)?,
            retour_codes: s.opt(M, "RetourCodes", RetourCodes::read)?,
        })
    }

    pub(crate) fn write(&self, w: &mut Writer, bericht_code: &str) {
        self.header.write(w, bericht_code);
        w.leaf(M, "IdentificatieRetour", &self.identificatie_retour);
        w.date(M, "DagtekeningRetour", &self.dagtekening_retour);
        w.opt_leaf(M, "XsltVersie", self.xslt_versie.as_deref());
        w.el(M, "XsdVersieRetour", |w| self.xsd_versie_retour.write(w));
        w.opt_el(M, "RetourCodes", &self.retour_codes, |w, v| v.write(w));
    }
}

/// The WMO325 header: the gemeente is the real sender, and the header names the 323 it
/// answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaratieAntwoordHeader {
    /// The 325's own header (`Afzender` the gemeente, `Ontvanger` the aanbieder).
    pub header: Header,
    /// `DeclaratieIdentificatie`: Identificatie and Dagtekening of the 323.
    pub declaratie_identificatie: BerichtIdentificatie,
    /// `XsltVersie`.
    pub xslt_versie: Option<String>,
    /// `XsdVersieDeclaratie`: the XSD versions of the 323.
    pub xsd_versie_declaratie: XsdVersie,
    /// `RetourCodes` on the header (1..1 in 325).
    pub retour_codes: RetourCodes,
}

impl DeclaratieAntwoordHeader {
    pub(crate) fn read(
        s: &mut Seq<'_, '_>,
        bericht_code: &'static str,
    ) -> Result<Self, ModelError> {
        Ok(DeclaratieAntwoordHeader {
            header: Header::read(s, bericht_code)?,
            declaratie_identificatie: s.req(
                M,
                "DeclaratieIdentificatie",
                BerichtIdentificatie::read,
            )?,
            xslt_versie: s.opt_leaf(M, "XsltVersie", xml::string)?,
            xsd_versie_declaratie: s.req(M, "XsdVersieDeclaratie", XsdVersie::read)?,
            retour_codes: s.req(M, "RetourCodes", RetourCodes::read)?,
        })
    }

    pub(crate) fn write(&self, w: &mut Writer, bericht_code: &str) {
        self.header.write(w, bericht_code);
        w.el(M, "DeclaratieIdentificatie", |w| {
            self.declaratie_identificatie.write(w)
        });
        w.opt_leaf(M, "XsltVersie", self.xslt_versie.as_deref());
        w.el(M, "XsdVersieDeclaratie", |w| {
            self.xsd_versie_declaratie.write(w)
        });
        w.el(M, "RetourCodes", |w| self.retour_codes.write(w));
    }
}
