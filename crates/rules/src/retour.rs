//! The retour builders for 301, 305, 307, 315, 317 and 319 (IV028, OP065; spec
//! `iwmo-3.2-rules.md` §1.3). They lay out what the [`Assessment`] says; they decide nothing.
//!
//! - Approved: the Header only, without `RetourCodes`.
//! - Level 2: the Header only, with 0001.
//! - Level 3/4 on the Header: the Header only, with the rule's codes.
//! - Level 3/4 on classes: Header 0200, and the client (in a 320: the `Antwoord`) copied
//!   unchanged, every berichtklasse with its codes: its own, else 0233 when the assessor
//!   marked it not assessed, else 0200 (also below a rejected class: a choice, see
//!   `Assessment::codes`). These messages carry one client, so "approved clients are left
//!   out" (OP065) has nothing to leave out here; the 325 carries several.

use iwmo_model::{
    AangevraagdProduct, AanvraagClient, Antwoord, Contact, Header, NieuwProduct,
    OngewijzigdProduct, Relatie, RetourHeader, StartClient, StartProduct, StopClient, StopProduct,
    TeWijzigenProduct, ToegewezenProduct, ToewijzingClient, Verzoek, VerzoekClient, Wmo301, Wmo302,
    Wmo305, Wmo306, Wmo307, Wmo308, Wmo315, Wmo316, Wmo317, Wmo318, Wmo319, Wmo320,
};

use crate::assessment::{
    Assessment, Class301, Class305, Class307, Class315, Class317, Class319, Heenbericht,
    RetourIdentificatie, Verdict,
};

/// IV028: the heen header copied unchanged (Afzender and Ontvanger too; the BerichtCode is
/// the retour's, which the writer sets from the message kind), plus the retour's own
/// elements and the Header's codes.
fn retour_header<H: Heenbericht>(
    a: &Assessment<'_, H>,
    heen: &Header,
    retour: &RetourIdentificatie,
) -> RetourHeader {
    RetourHeader {
        header: heen.clone(),
        identificatie_retour: retour.identificatie.clone(),
        dagtekening_retour: retour.dagtekening,
        xslt_versie: retour.xslt_versie.clone(),
        xsd_versie_retour: retour.xsd_versie.clone(),
        retour_codes: a.header_codes(),
    }
}

/// Whether the retour copies the client's classes (OP065).
fn with_classes<H: Heenbericht>(a: &Assessment<'_, H>) -> bool {
    a.verdict() == Verdict::Classes
}

/// The WMO302 on a WMO301.
pub fn wmo302(a: &Assessment<'_, Wmo301>, retour: &RetourIdentificatie) -> Wmo302 {
    let heen = a.heen();
    let c = &heen.client;
    let contact = |k: &Contact, class| Contact {
        soort: k.soort,
        adres: k.adres.clone(),
        organisatie: k.organisatie.clone(),
        telefoon: k.telefoon.clone(),
        emailadres: k.emailadres.clone(),
        periode: k.periode.clone(),
        retour_codes: a.codes(class),
    };
    let client = with_classes(a).then(|| ToewijzingClient {
        bsn: c.bsn.clone(),
        geboortedatum: c.geboortedatum.clone(),
        geslacht: c.geslacht,
        naam: c.naam.clone(),
        communicatie: c.communicatie.clone(),
        juridische_status: c.juridische_status,
        wettelijke_vertegenwoordiging: c.wettelijke_vertegenwoordiging,
        commentaar: c.commentaar.clone(),
        relaties: c
            .relaties
            .iter()
            .enumerate()
            .map(|(i, r)| Relatie {
                nummer: r.nummer.clone(),
                volgorde: r.volgorde,
                soort: r.soort,
                geboortedatum: r.geboortedatum.clone(),
                geslacht: r.geslacht,
                naam: r.naam.clone(),
                contact: contact(&r.contact, Class301::RelatieContact(i)),
                retour_codes: a.codes(Class301::Relatie(i)),
            })
            .collect(),
        contactgegevens: c
            .contactgegevens
            .iter()
            .enumerate()
            .map(|(i, k)| contact(k, Class301::Contact(i)))
            .collect(),
        toegewezen_producten: c
            .toegewezen_producten
            .iter()
            .enumerate()
            .map(|(i, p)| ToegewezenProduct {
                toewijzing_nummer: p.toewijzing_nummer,
                referentie_aanbieder: p.referentie_aanbieder.clone(),
                product: p.product.clone(),
                toewijzingsdatum: p.toewijzingsdatum,
                toewijzingstijd: p.toewijzingstijd,
                ingangsdatum: p.ingangsdatum,
                einddatum: p.einddatum,
                reden_wijziging: p.reden_wijziging,
                omvang: p.omvang.clone(),
                budget: p.budget,
                commentaar: p.commentaar.clone(),
                retour_codes: a.codes(Class301::ToegewezenProduct(i)),
            })
            .collect(),
        retour_codes: a.codes(Class301::Client),
    });
    Wmo302 {
        header: retour_header(a, &heen.header, retour),
        client,
    }
}

/// The WMO306 on a WMO305.
pub fn wmo306(a: &Assessment<'_, Wmo305>, retour: &RetourIdentificatie) -> Wmo306 {
    let heen = a.heen();
    let c = &heen.client;
    let client = with_classes(a).then(|| StartClient {
        bsn: c.bsn.clone(),
        geboortedatum: c.geboortedatum.clone(),
        geslacht: c.geslacht,
        naam: c.naam.clone(),
        start_producten: c
            .start_producten
            .iter()
            .enumerate()
            .map(|(i, p)| StartProduct {
                toewijzing_nummer: p.toewijzing_nummer,
                product: p.product.clone(),
                toewijzing_ingangsdatum: p.toewijzing_ingangsdatum,
                begindatum: p.begindatum,
                status_aanlevering: p.status_aanlevering,
                retour_codes: a.codes(Class305::StartProduct(i)),
            })
            .collect(),
        retour_codes: a.codes(Class305::Client),
    });
    Wmo306 {
        header: retour_header(a, &heen.header, retour),
        client,
    }
}

/// The WMO308 on a WMO307.
pub fn wmo308(a: &Assessment<'_, Wmo307>, retour: &RetourIdentificatie) -> Wmo308 {
    let heen = a.heen();
    let c = &heen.client;
    let client = with_classes(a).then(|| StopClient {
        bsn: c.bsn.clone(),
        geboortedatum: c.geboortedatum.clone(),
        geslacht: c.geslacht,
        naam: c.naam.clone(),
        stop_producten: c
            .stop_producten
            .iter()
            .enumerate()
            .map(|(i, p)| StopProduct {
                toewijzing_nummer: p.toewijzing_nummer,
                product: p.product.clone(),
                toewijzing_ingangsdatum: p.toewijzing_ingangsdatum,
                begindatum: p.begindatum,
                reden_beeindiging: p.reden_beeindiging,
                einddatum: p.einddatum,
                status_aanlevering: p.status_aanlevering,
                retour_codes: a.codes(Class307::StopProduct(i)),
            })
            .collect(),
        retour_codes: a.codes(Class307::Client),
    });
    Wmo308 {
        header: retour_header(a, &heen.header, retour),
        client,
    }
}

/// The WMO316 on a WMO315.
pub fn wmo316(a: &Assessment<'_, Wmo315>, retour: &RetourIdentificatie) -> Wmo316 {
    let heen = a.heen();
    let c = &heen.client;
    let client = with_classes(a).then(|| AanvraagClient {
        bsn: c.bsn.clone(),
        geboortedatum: c.geboortedatum.clone(),
        geslacht: c.geslacht,
        naam: c.naam.clone(),
        commentaar: c.commentaar.clone(),
        aangevraagde_producten: c
            .aangevraagde_producten
            .iter()
            .enumerate()
            .map(|(i, p)| AangevraagdProduct {
                referentie_aanbieder: p.referentie_aanbieder.clone(),
                beschikking_nummer: p.beschikking_nummer,
                product: p.product.clone(),
                beschikking_ingangsdatum: p.beschikking_ingangsdatum,
                toewijzing_ingangsdatum: p.toewijzing_ingangsdatum,
                toewijzing_einddatum: p.toewijzing_einddatum,
                omvang: p.omvang.clone(),
                budget: p.budget,
                verwijzer: p.verwijzer.clone(),
                raamcontract: p.raamcontract,
                commentaar: p.commentaar.clone(),
                retour_codes: a.codes(Class315::AangevraagdProduct(i)),
            })
            .collect(),
        retour_codes: a.codes(Class315::Client),
    });
    Wmo316 {
        header: retour_header(a, &heen.header, retour),
        client,
    }
}

/// The WMO318 on a WMO317.
pub fn wmo318(a: &Assessment<'_, Wmo317>, retour: &RetourIdentificatie) -> Wmo318 {
    let heen = a.heen();
    let c = &heen.client;
    let v = &c.verzoek;
    let client = with_classes(a).then(|| VerzoekClient {
        bsn: c.bsn.clone(),
        verzoek: Verzoek {
            referentie_aanbieder: v.referentie_aanbieder.clone(),
            reden_verzoek: v.reden_verzoek,
            ongewijzigde_producten: v
                .ongewijzigde_producten
                .iter()
                .enumerate()
                .map(|(i, p)| OngewijzigdProduct {
                    toewijzing_nummer: p.toewijzing_nummer,
                    retour_codes: a.codes(Class317::OngewijzigdProduct(i)),
                })
                .collect(),
            te_wijzigen_producten: v
                .te_wijzigen_producten
                .iter()
                .enumerate()
                .map(|(i, p)| TeWijzigenProduct {
                    toewijzing_nummer: p.toewijzing_nummer,
                    gewenste_ingangsdatum: p.gewenste_ingangsdatum,
                    einddatum: p.einddatum,
                    omvang: p.omvang.clone(),
                    budget: p.budget,
                    retour_codes: a.codes(Class317::TeWijzigenProduct(i)),
                })
                .collect(),
            nieuwe_producten: v
                .nieuwe_producten
                .iter()
                .enumerate()
                .map(|(i, p)| NieuwProduct {
                    product: p.product.clone(),
                    gewenste_ingangsdatum: p.gewenste_ingangsdatum,
                    einddatum: p.einddatum,
                    omvang: p.omvang.clone(),
                    budget: p.budget,
                    retour_codes: a.codes(Class317::NieuwProduct(i)),
                })
                .collect(),
            retour_codes: a.codes(Class317::Verzoek),
        },
        retour_codes: a.codes(Class317::Client),
    });
    Wmo318 {
        header: retour_header(a, &heen.header, retour),
        client,
    }
}

/// The WMO320 on a WMO319: its only class below the Header is the `Antwoord`.
pub fn wmo320(a: &Assessment<'_, Wmo319>, retour: &RetourIdentificatie) -> Wmo320 {
    let heen = a.heen();
    let w = &heen.antwoord;
    let antwoord = with_classes(a).then(|| Antwoord {
        referentie_aanbieder: w.referentie_aanbieder.clone(),
        verzoek_antwoord: w.verzoek_antwoord,
        reden_afwijzing_verzoek: w.reden_afwijzing_verzoek,
        retour_codes: a.codes(Class319::Antwoord),
    });
    Wmo320 {
        header: retour_header(a, &heen.header, retour),
        antwoord,
    }
}
