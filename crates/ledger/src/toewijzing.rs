//! 301 Toewijzing: the versions of each toegewezen product (IV013) and their level-3 rules.
//!
//! Rules: TR332 (9332, a number belongs to one client and aanbieder), TR385 (9385, no
//! deletion with RedenWijziging 13 while approved prestaties exist) and TR379 (9379,
//! ReferentieAanbieder only when honouring a request, "and only the first time": read so that
//! OP087's repeats and IV097's copies pass, see `verzoek::tr379_referentie_aanbieder`) and
//! TR381 (S329, the product code fits its category by the configured list; without one it is
//! reported as not checked).

use iwmo_model::codes::RetourCode;
use iwmo_model::Wmo301;
use iwmo_rules::Class301;

use crate::decide::Judge;
use crate::decision::{IndexEntry, IndexKey, Target};
use crate::state::{FactBody, Toewijzing};

pub(crate) fn wmo301(judge: &mut Judge<'_>, m: &Wmo301) {
    let key = judge.client_key(&m.client.bsn);
    let aanbieder = judge.aanbieder().to_string();
    let mut state = judge.client(&key);
    judge.product_codes();
    for (i, p) in m.client.toegewezen_producten.iter().enumerate() {
        let nummer = p.toewijzing_nummer;
        // TR332 (9332): a ToewijzingNummer is one toegewezen product of one gemeente (OP275):
        // a number already given to another client or another aanbieder is refused.
        let index = IndexKey::ToewijzingNummer {
            gemeente: key.gemeente.clone(),
            nummer,
        };
        if let Some(IndexEntry::Toewijzing {
            client,
            aanbieder: owner,
        }) = judge.prior.lookup(&index)
        {
            if client != &key || owner != &aanbieder {
                judge.reject(
                    "TR332",
                    RetourCode::R9332,
                    Target::Wmo301(Class301::ToegewezenProduct(i)),
                    format!(
                        "ToewijzingNummer {nummer} of gemeente {} already belongs to {}",
                        key.gemeente,
                        if client != &key {
                            "another client".to_string()
                        } else {
                            format!("aanbieder {owner}")
                        }
                    ),
                );
                continue;
            }
        }
        // TR381 (S329): the product code fits its category.
        let before = judge.decision.findings.len();
        judge.tr381_product(
            p.product.as_ref(),
            Target::Wmo301(Class301::ToegewezenProduct(i)),
        );
        if judge.decision.findings.len() > before {
            continue;
        }
        // TR385 (9385): a toewijzing with approved, not credited prestaties cannot be deleted.
        if p.reden_wijziging == Some(iwmo_model::codes::RedenWijziging::Verwijderd) {
            if let Some(detail) =
                crate::declaratie::tr385_approved_prestaties(&state, &aanbieder, nummer)
            {
                judge.reject(
                    "TR385",
                    RetourCode::R9385,
                    Target::Wmo301(Class301::ToegewezenProduct(i)),
                    detail,
                );
                continue;
            }
        }
        // TR379 (9379): a ReferentieAanbieder names a request this toewijzing honours now or
        // honoured before (the reading is at `tr379_referentie_aanbieder`).
        if let Some(referentie) = &p.referentie_aanbieder {
            if let Some(detail) = crate::verzoek::tr379_referentie_aanbieder(
                &state,
                &judge.source,
                &aanbieder,
                referentie,
                nummer,
            ) {
                judge.reject(
                    "TR379",
                    RetourCode::R9379,
                    Target::Wmo301(Class301::ToegewezenProduct(i)),
                    detail,
                );
                continue;
            }
        }
        let fact = judge.fact(FactBody::Toewijzing {
            aanbieder: aanbieder.clone(),
            version: Toewijzing::from_message(p),
        });
        state.facts.push(fact);
        judge.decision.index.push((
            index,
            IndexEntry::Toewijzing {
                client: key.clone(),
                aanbieder: aanbieder.clone(),
            },
        ));
    }
    // The client's personal data, for a draft 307 of the aanbieder (recorded when changed).
    let personalia = crate::state::Personalia::from_wmo301(&m.client);
    if state.personalia() != Some(&personalia) {
        let fact = judge.fact(FactBody::Personalia(personalia));
        state.facts.push(fact);
    }
    judge.store(key, state);
}
