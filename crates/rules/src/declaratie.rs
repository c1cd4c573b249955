//! The WMO325 Declaratie-antwoord on a WMO323 (IV087, IV088, TR342; spec
//! `iwmo-3.2-rules.md` §1.4).
//!
//! - Approved: Header 0200, `DeclaratieAntwoord` 8001, both totals the 323's
//!   `TotaalIngediendBedrag`, no clients.
//! - Level 2: the Header only, with 0001. Level 3/4 on the Header: the Header only, with the
//!   rule's codes.
//! - Level 3/4 below the Header: Header 0200; `DeclaratieAntwoord` with its own codes, else
//!   0200 (some prestaties rejected is not "volledig toegewezen", so not 8001). Listed are the
//!   clients with a rejected class, and of those only the rejected prestaties (approved
//!   prestaties are never listed); a Prestatie error puts 0200 on its Client, a Client error
//!   0233 on all its prestaties (own codes, if given, are kept rather than replaced by 0233).
//! - `TotaalToegekendBedrag` = `TotaalIngediendBedrag` − Σ listed `IngediendBedrag`, signed
//!   (D positive, C negative), so TR342 holds by construction.
//!
//! **Choice, a Declaratie error.** The spec says: Header 0200, `DeclaratieAntwoord` with the
//! code, `TotaalToegekendBedrag` = 0, not processed. It does not say whether clients are
//! listed. TR342 (Σ listed IngediendBedrag = ingediend − toegekend) then requires every
//! prestatie to be listed, so every client and prestatie is copied with 0233 (not assessed);
//! toegekend then comes out as 0 for every 323 that passed TR358 (its total is Σ debet − Σ
//! credit, a level-2 rule). Pinned by the test `declaratie_error_lists_everything_0233`.

use iwmo_model::codes::{DebetCredit, RetourCode};
use iwmo_model::{
    BerichtIdentificatie, DeclaratieAntwoord, DeclaratieAntwoordHeader, DeclaratieClient, Header,
    Prestatie, RetourCodes, TotaalBedragMetDc, Wmo323, Wmo325,
};

use crate::assessment::{Assessment, Class323, RetourIdentificatie, Verdict};

/// The WMO325 on a WMO323. The 325 is the gemeente's own message: its `Afzender` is the
/// 323's `Ontvanger` and the other way round; its `BerichtIdentificatie` and `XsdVersie`
/// are `retour`'s, and the 323's go to `DeclaratieIdentificatie` and `XsdVersieDeclaratie`.
///
/// Layout (IV087, IV088): approved is Header 0200, `DeclaratieAntwoord` 8001 and both totals
/// the 323's `TotaalIngediendBedrag`; level 2 is the Header only with 0001; a Header finding
/// the Header only with its codes. Otherwise Header 0200, `DeclaratieAntwoord` its own codes
/// or 0200, and only the clients with something rejected, with only their rejected
/// prestaties; 0233 below a rejected Client or Declaratie; `TotaalToegekendBedrag` =
/// ingediend − Σ listed, so TR342 holds.
///
/// **Choice, a Declaratie error:** the spec says toegekend is 0 but not whether clients are
/// listed; TR342 then needs every prestatie listed, so all are, with 0233 (test
/// `declaratie_error_lists_everything_0233`).
pub fn wmo325(a: &Assessment<'_, Wmo323>, retour: &RetourIdentificatie) -> Wmo325 {
    let heen = a.heen();
    let d = &heen.declaratie;
    let header = DeclaratieAntwoordHeader {
        header: Header {
            afzender: heen.header.ontvanger.clone(),
            ontvanger: heen.header.afzender.clone(),
            bericht_identificatie: BerichtIdentificatie {
                identificatie: retour.identificatie.clone(),
                dagtekening: retour.dagtekening,
            },
            xsd_versie: retour.xsd_versie.clone(),
        },
        declaratie_identificatie: heen.header.bericht_identificatie.clone(),
        xslt_versie: retour.xslt_versie.clone(),
        xsd_versie_declaratie: heen.header.xsd_versie.clone(),
        // IV087: 0200 on the Header whenever the declaration is processed.
        retour_codes: a
            .header_codes()
            .unwrap_or_else(|| RetourCodes(vec![RetourCode::R0200])),
    };
    let declaratie_antwoord = match a.verdict() {
        Verdict::Level2 | Verdict::Header => None,
        Verdict::Approved => Some(DeclaratieAntwoord {
            declaratie_nummer: d.declaratie_nummer.clone(),
            totaal_ingediend_bedrag: d.totaal_ingediend_bedrag.clone(),
            totaal_toegekend_bedrag: d.totaal_ingediend_bedrag.clone(),
            clienten: Vec::new(),
            retour_codes: RetourCodes(vec![RetourCode::R8001]),
        }),
        Verdict::Classes => {
            let mut clienten = Vec::new();
            for (ci, client) in d.clienten.iter().enumerate() {
                let prestaties: Vec<Prestatie<RetourCodes>> = client
                    .prestaties
                    .iter()
                    .enumerate()
                    .filter_map(|(pi, p)| {
                        let class = Class323::Prestatie {
                            client: ci,
                            prestatie: pi,
                        };
                        // IV087: approved prestaties are never listed.
                        a.rejected(class).then(|| prestatie(p, a.codes_325(class)))
                    })
                    .collect();
                // OP065: a client with nothing rejected is left out.
                if !prestaties.is_empty() {
                    clienten.push(DeclaratieClient {
                        bsn: client.bsn.clone(),
                        prestaties,
                        retour_codes: a.codes_325(Class323::Client(ci)),
                    });
                }
            }
            let afgewezen: i128 = clienten
                .iter()
                .flat_map(|c| &c.prestaties)
                .map(|p| {
                    signed(
                        p.ingediend_bedrag.bedrag.into(),
                        p.ingediend_bedrag.debet_credit,
                    )
                })
                .sum();
            let ingediend = &d.totaal_ingediend_bedrag;
            let toegekend =
                signed(ingediend.totaal_bedrag.into(), ingediend.debet_credit) - afgewezen;
            Some(DeclaratieAntwoord {
                declaratie_nummer: d.declaratie_nummer.clone(),
                totaal_ingediend_bedrag: ingediend.clone(),
                totaal_toegekend_bedrag: totaal(toegekend),
                clienten,
                retour_codes: a.codes_325(Class323::Declaratie),
            })
        }
    };
    Wmo325 {
        header,
        declaratie_antwoord,
    }
}

fn prestatie(p: &Prestatie, retour_codes: RetourCodes) -> Prestatie<RetourCodes> {
    Prestatie {
        product_referentie: p.product_referentie.clone(),
        toewijzing_nummer: p.toewijzing_nummer,
        product_categorie: p.product_categorie,
        product_code: p.product_code.clone(),
        product_periode: p.product_periode.clone(),
        geleverd_volume: p.geleverd_volume,
        eenheid: p.eenheid,
        product_tarief: p.product_tarief,
        ingediend_bedrag: p.ingediend_bedrag.clone(),
        retour_codes,
    }
}

/// An amount with its sign: debet positive, credit negative.
pub(crate) fn signed(amount: i128, dc: DebetCredit) -> i128 {
    match dc {
        DebetCredit::Debet => amount,
        DebetCredit::Credit => -amount,
    }
}

/// A signed total as `CDT_TotaalBedragMetDC`; 0 is debet (CS325).
fn totaal(amount: i128) -> TotaalBedragMetDc {
    let debet_credit = if amount < 0 {
        DebetCredit::Credit
    } else {
        DebetCredit::Debet
    };
    TotaalBedragMetDc {
        // Never more than the 323's totals together (each at most 12 digits); should an
        // inconsistent 323 get here, the saturated value fails the XSD check that every
        // retour passes before it leaves, rather than wrapping silently.
        totaal_bedrag: u64::try_from(amount.unsigned_abs()).unwrap_or(u64::MAX),
        debet_credit,
    }
}
