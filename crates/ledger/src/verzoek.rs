//! 315 Verzoek om toewijzing (VOT), 317 Verzoek om wijziging (VOW) and 319 Antwoordbericht: the
//! requests of an aanbieder and the gemeente's answers (spec §2.6, §3.2), and their level-3
//! rules.
//!
//! **Life cycle.** A request is known by its `ReferentieAanbieder`: one per AangevraagdProduct
//! of a VOT (the gemeente answers a VOT per product, OP344), one for a VOW as a whole. It is
//! *open* when received, *in onderzoek* after a 319 with VerzoekAntwoord 2, and closed by a 319
//! with VerzoekAntwoord 1 (*afgewezen*) or by a 301 whose ToegewezenProduct carries the same
//! ReferentieAanbieder (*gehonoreerd*, TR379/IV097). Open and in onderzoek are "onderhanden"
//! (TR374). The ledger keeps each request and each answer as a [`VerzoekFact`] in the client's
//! state; the 301 part is read from the toewijzing facts already there, so nothing has to be
//! written when the 301 arrives. [`status`] folds them.
//!
//! **Finding the client of a 319.** The Antwoordbericht has no Bsn: its client is found through
//! the index [`IndexKey::ReferentieAanbieder`], which every accepted request writes (and which
//! TR347 reads). An index entry only counts while the client's state still holds the request:
//! a request of ours that its retour rejected counts as never sent (OP286), so its reference is
//! free again and a 319 on it is unknown.
//!
//! **Choices where the standard is open** (each also at its rule):
//! - "Actual" toewijzing for TR349/TR350/TR351: its actual version is not deleted (RedenWijziging
//!   13), not void (Einddatum = Ingangsdatum with RedenWijziging 01) and its Einddatum is empty
//!   or on/after the **VOW's Dagtekening** (TR349's "huidige datum": the date the aanbieder
//!   drew up the request, so the verdict does not depend on the day it is judged).
//! - TR304 on a 317: the client must be known to this aanbieder through a toewijzing (any
//!   version, also an ended or deleted one), as for the 323. When it is not, only the rules on
//!   the Verzoek itself (TR347, TR374) are checked besides TR304; the products are not judged.
//! - TR374 on a 315 is reported on every AangevraagdProduct (each is a request of its own); on a
//!   317 on the Verzoek.
//! - TR375 and TR412 are made exclusive: TR375 when the toewijzing has no Product at all, TR412
//!   when it has a category without a code. Their "Einddatum" is the TeWijzigenProduct's.
//! - TR373: "Budget changed" = the TeWijzigenProduct's Budget is filled and differs from the
//!   toewijzing's; "totaal changed" = its Omvang is filled, differs from the toewijzing's, and
//!   either has Frequentie 6 (totaal binnen geldigheidsduur).
//! - TR361 compares every pair of lines of the VOW of which at least one is an Ongewijzigd- or
//!   TeWijzigenProduct (pairs of NieuwProducts are TR410's, level 2), with the toewijzing's
//!   product and period (a TeWijzigenProduct: from the earlier of the toewijzing's Ingangsdatum
//!   and the GewensteIngangsdatum to the desired Einddatum). Same product and the hulpmiddelen
//!   exemption (categories 11-14) as TR302/TR386/TR410 in the stylesheet. The finding is put
//!   on the later line.
//! - TR360 and TR365 are independent: a second "in onderzoek" after an afwijzing breaks both.
//! - TR381 (S329) on the AangevraagdProducten of a 315 and the NieuwProducten of a 317 (the
//!   other lines name a toewijzing, whose product was checked in its 301), by the configured
//!   product code list; without one it is reported as not checked.

use chrono::NaiveDate;
use iwmo_model::codes::{Frequentie, RetourCode, VerzoekAntwoord};
use iwmo_model::{Product, Wmo315, Wmo317, Wmo319};
use iwmo_rules::{Class315, Class317, Class319};

use crate::decide::Judge;
use crate::decision::{IndexEntry, IndexKey, Prior, Target};
use crate::party::ClientKey;
use crate::state::{ClientState, Fact, FactBody, Toewijzing};

/// What the ledger keeps of a request or an answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VerzoekFact {
    /// The aanbieder whose request it is (the Afzender of a 315/317, the Ontvanger of a 319).
    pub aanbieder: String,
    /// `ReferentieAanbieder`: the request it is or answers.
    pub referentie: String,
    /// What it is.
    pub kind: VerzoekKind,
}

/// A request or an answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum VerzoekKind {
    /// One AangevraagdProduct of a 315.
    Vot {
        /// `Product`.
        product: Option<Product>,
        /// `ToewijzingIngangsdatum`.
        #[serde(serialize_with = "crate::date_text::serialize")]
        ingangsdatum: NaiveDate,
        /// `ToewijzingEinddatum`.
        #[serde(serialize_with = "crate::date_text::serialize_option")]
        einddatum: Option<NaiveDate>,
    },
    /// A 317 (answered as a whole).
    Vow,
    /// A 319 with its `VerzoekAntwoord`.
    Antwoord(VerzoekAntwoord),
}

impl VerzoekFact {
    /// A request (315 or 317), not an answer.
    pub fn is_request(&self) -> bool {
        !matches!(self.kind, VerzoekKind::Antwoord(_))
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerzoekStatus {
    /// Received, not answered yet: onderhanden.
    Open,
    /// Answered with VerzoekAntwoord 2 (aanvraag in onderzoek): still onderhanden.
    InOnderzoek,
    /// Answered with VerzoekAntwoord 1 (verzoek afgewezen): closed.
    Afgewezen,
    /// A 301 carried its ReferentieAanbieder: closed.
    Gehonoreerd,
}

impl VerzoekStatus {
    /// Onderhanden in the sense of TR374: open or in onderzoek.
    pub fn is_pending(self) -> bool {
        matches!(self, VerzoekStatus::Open | VerzoekStatus::InOnderzoek)
    }
}

/// The requests (315 products and 317s) of one aanbieder for this client, with their facts, in
/// the order received.
pub fn requests<'s>(
    state: &'s ClientState,
    aanbieder: &'s str,
) -> impl Iterator<Item = (&'s Fact, &'s VerzoekFact)> + 's {
    state.facts.iter().filter_map(move |f| match &f.body {
        FactBody::Verzoek(v) if v.is_request() && v.aanbieder == aanbieder => Some((f, v)),
        _ => None,
    })
}

/// The answers (319) on one request of an aanbieder, in the order received.
fn answers<'s>(
    state: &'s ClientState,
    aanbieder: &'s str,
    referentie: &'s str,
) -> impl Iterator<Item = (&'s Fact, VerzoekAntwoord)> + 's {
    state.facts.iter().filter_map(move |f| match &f.body {
        FactBody::Verzoek(VerzoekFact {
            aanbieder: a,
            referentie: r,
            kind: VerzoekKind::Antwoord(antwoord),
        }) if a == aanbieder && r == referentie => Some((f, *antwoord)),
        _ => None,
    })
}

/// The first toewijzing fact of the aanbieder that carries this ReferentieAanbieder.
fn honouring_toewijzing<'s>(
    state: &'s ClientState,
    aanbieder: &str,
    referentie: &str,
) -> Option<(&'s Fact, &'s Toewijzing)> {
    state.facts.iter().find_map(|f| match &f.body {
        FactBody::Toewijzing {
            aanbieder: a,
            version,
        } if a == aanbieder && version.referentie_aanbieder.as_deref() == Some(referentie) => {
            Some((f, version))
        }
        _ => None,
    })
}

/// Where the request of this aanbieder with this ReferentieAanbieder stands; `None` when the
/// client's state holds no such request. Closed wins over in onderzoek: a 301 with the reference
/// (TR374: "een toewijzingsbericht met dezelfde ReferentieAanbieder"), else a 319 afgewezen.
pub fn status(state: &ClientState, aanbieder: &str, referentie: &str) -> Option<VerzoekStatus> {
    requests(state, aanbieder).find(|(_, v)| v.referentie == referentie)?;
    if honouring_toewijzing(state, aanbieder, referentie).is_some() {
        return Some(VerzoekStatus::Gehonoreerd);
    }
    let mut out = VerzoekStatus::Open;
    for (_, antwoord) in answers(state, aanbieder, referentie) {
        match antwoord {
            VerzoekAntwoord::VerzoekAfgewezen => return Some(VerzoekStatus::Afgewezen),
            VerzoekAntwoord::AanvraagInOnderzoek => out = VerzoekStatus::InOnderzoek,
        }
    }
    Some(out)
}

/// The onderhanden requests of an aanbieder for this client (TR374), each reference once, with
/// the request's fact.
fn pending<'s>(state: &'s ClientState, aanbieder: &'s str) -> Vec<(&'s Fact, &'s VerzoekFact)> {
    let mut out: Vec<(&Fact, &VerzoekFact)> = Vec::new();
    for (f, v) in requests(state, aanbieder) {
        if out.iter().any(|(_, o)| o.referentie == v.referentie) {
            continue;
        }
        if status(state, aanbieder, &v.referentie).is_some_and(VerzoekStatus::is_pending) {
            out.push((f, v));
        }
    }
    out
}

/// A readable name of the message a fact came from: `315 A26-0315-003 of 2026-01-12`.
fn source_text(f: &Fact) -> String {
    format!(
        "{} {:?} of {}",
        f.source.kind.number(),
        f.source.identificatie,
        f.source.dagtekening
    )
}

/// The client and the fact of the request of `aanbieder` with this reference, found through the
/// index and confirmed in the client's state (a request whose retour rejected it is gone from
/// the state: its index entry no longer counts).
pub(crate) fn known_request<'p>(
    prior: &'p dyn Prior,
    aanbieder: &str,
    referentie: &str,
) -> Option<(&'p ClientKey, &'p ClientState, &'p Fact)> {
    let key = IndexKey::ReferentieAanbieder {
        aanbieder: aanbieder.to_string(),
        referentie: referentie.to_string(),
    };
    let Some(IndexEntry::Client(client)) = prior.lookup(&key) else {
        return None;
    };
    let state = prior.client(client)?;
    let fact = state.facts.iter().find(|f| {
        matches!(&f.body, FactBody::Verzoek(v)
            if v.is_request() && v.aanbieder == aanbieder && v.referentie == referentie)
    })?;
    Some((client, state, fact))
}

/// TR347 (9347): "ReferentieAanbieder is uniek voor de aanbieder binnen het wettelijk domein",
/// across all its clients and gemeenten, over 315 and 317. Within one 315 the uniqueness is
/// TR383's (level 2).
fn tr347_used_before(
    prior: &dyn Prior,
    aanbieder: &str,
    referentie: &str,
    client: &ClientKey,
) -> Option<String> {
    let (owner, _, fact) = known_request(prior, aanbieder, referentie)?;
    Some(format!(
        "ReferentieAanbieder {referentie:?} was already used by aanbieder {aanbieder} in {} for {}",
        source_text(fact),
        if owner == client {
            "this client".to_string()
        } else {
            "another client".to_string()
        }
    ))
}

/// TR374 (9374): "Een verzoek mag alleen worden verstuurd als er geen onderhanden verzoek is
/// voor de betreffende client van dezelfde aanbieder." Onderhanden until a 319 afgewezen or a
/// 301 with the same ReferentieAanbieder (see [`status`]).
fn tr374_pending(state: &ClientState, aanbieder: &str) -> Option<String> {
    let open = pending(state, aanbieder);
    let (fact, v) = open.first()?;
    let st = status(state, aanbieder, &v.referentie).unwrap_or(VerzoekStatus::Open);
    Some(format!(
        "the request {:?} of aanbieder {aanbieder} for this client ({}) is still pending ({}){}",
        v.referentie,
        source_text(fact),
        match st {
            VerzoekStatus::InOnderzoek => "aanvraag in onderzoek",
            _ => "not answered",
        },
        match open.len() {
            1 => String::new(),
            n => format!(", with {} more", n - 1),
        }
    ))
}

pub(crate) fn wmo315(judge: &mut Judge<'_>, m: &Wmo315) {
    let key = judge.client_key(&m.client.bsn);
    let aanbieder = judge.aanbieder().to_string();
    let prior = judge.prior;
    let mut state = judge.client(&key);
    judge.product_codes();
    // Read before this message's own products are added: they are one request message, not a
    // request while another is pending.
    let pending = tr374_pending(&state, &aanbieder);
    for (i, p) in m.client.aangevraagde_producten.iter().enumerate() {
        let target = Target::Wmo315(Class315::AangevraagdProduct(i));
        let referentie = &p.referentie_aanbieder;
        if let Some(detail) = tr347_used_before(prior, &aanbieder, referentie, &key) {
            judge.reject("TR347", RetourCode::R9347, target, detail);
        }
        if let Some(detail) = &pending {
            judge.reject("TR374", RetourCode::R9374, target, detail.clone());
        }
        // TR381 (S329): the product code fits its category.
        judge.tr381_product(p.product.as_ref(), target);
        let fact = judge.fact(FactBody::Verzoek(VerzoekFact {
            aanbieder: aanbieder.clone(),
            referentie: referentie.clone(),
            kind: VerzoekKind::Vot {
                product: p.product.clone(),
                ingangsdatum: p.toewijzing_ingangsdatum,
                einddatum: p.toewijzing_einddatum,
            },
        }));
        state.facts.push(fact);
        judge.decision.index.push((
            IndexKey::ReferentieAanbieder {
                aanbieder: aanbieder.clone(),
                referentie: referentie.clone(),
            },
            IndexEntry::Client(key.clone()),
        ));
    }
    judge.store(key, state);
}

/// Actual for TR349/TR350/TR351 on the VOW's Dagtekening: see the module's choices.
fn is_actual(t: &Toewijzing, dagtekening: NaiveDate) -> bool {
    !t.is_deleted() && !t.is_void() && t.einddatum.is_none_or(|e| e >= dagtekening)
}

/// Why a ToewijzingNummer is not an actual toewijzing of this aanbieder (TR350/TR351).
fn not_actual_text(
    state: &ClientState,
    aanbieder: &str,
    nummer: u32,
    dagtekening: NaiveDate,
) -> Option<String> {
    let Some(t) = state.actual_toewijzing(aanbieder, nummer) else {
        return Some(format!(
            "ToewijzingNummer {nummer} is not a toewijzing of aanbieder {aanbieder} for this client"
        ));
    };
    if t.is_deleted() {
        return Some(format!(
            "ToewijzingNummer {nummer} was deleted (RedenWijziging 13)"
        ));
    }
    if t.is_void() {
        return Some(format!(
            "ToewijzingNummer {nummer} is void (Einddatum = Ingangsdatum {}, RedenWijziging 01)",
            t.ingangsdatum
        ));
    }
    match t.einddatum {
        Some(e) if e < dagtekening => Some(format!(
            "ToewijzingNummer {nummer} ended on {e}, before the request's Dagtekening {dagtekening}"
        )),
        _ => None,
    }
}

/// Hulpmiddelen (categories 11 to 14) are exempt from the overlap rules.
fn hulpmiddel(p: Option<&Product>) -> bool {
    p.is_some_and(|p| p.categorie.is_hulpmiddel())
}

fn end_text(end: Option<NaiveDate>) -> String {
    end.map_or("open".to_string(), |d| d.to_string())
}

/// One line of a VOW with its product and period, for TR361.
struct Line<'a> {
    target: Target,
    name: String,
    /// From a ToewijzingNummer (Ongewijzigd- or TeWijzigenProduct).
    toegewezen: bool,
    product: Option<&'a Product>,
    start: NaiveDate,
    end: Option<NaiveDate>,
}

/// The end of the period in which TR375/TR412 apply: "Einddatum groter dan 31-12-2020 of leeg".
fn after_2020(einddatum: Option<NaiveDate>) -> bool {
    einddatum.is_none_or(|e| Some(e) > NaiveDate::from_ymd_opt(2020, 12, 31))
}

pub(crate) fn wmo317(judge: &mut Judge<'_>, m: &Wmo317) {
    let key = judge.client_key(&m.client.bsn);
    let aanbieder = judge.aanbieder().to_string();
    let prior = judge.prior;
    let dagtekening = judge.source.dagtekening;
    let mut state = judge.client(&key);
    let v = &m.client.verzoek;
    let verzoek = Target::Wmo317(Class317::Verzoek);
    judge.product_codes();

    if let Some(detail) = tr347_used_before(prior, &aanbieder, &v.referentie_aanbieder, &key) {
        judge.reject("TR347", RetourCode::R9347, verzoek, detail);
    }
    if let Some(detail) = tr374_pending(&state, &aanbieder) {
        judge.reject("TR374", RetourCode::R9374, verzoek, detail);
    }
    // TR304 (8187): "Bsn moet overeenkomen met Bsn van een Client": a VOW is about a client
    // with a toewijzing (OP306), so the client must be known to this aanbieder through one
    // (any version). Without it the products have nothing to be compared with.
    let known = state
        .facts
        .iter()
        .any(|f| matches!(&f.body, FactBody::Toewijzing { aanbieder: a, .. } if *a == aanbieder));
    if !known {
        judge.reject(
            "TR304",
            RetourCode::R8187,
            Target::Wmo317(Class317::Client),
            format!(
                "client {} has no toewijzing of aanbieder {aanbieder} at gemeente {}",
                m.client.bsn, key.gemeente
            ),
        );
    } else {
        vow_products(judge, &state, &aanbieder, dagtekening, m);
    }

    let fact = judge.fact(FactBody::Verzoek(VerzoekFact {
        aanbieder: aanbieder.clone(),
        referentie: v.referentie_aanbieder.clone(),
        kind: VerzoekKind::Vow,
    }));
    state.facts.push(fact);
    judge.decision.index.push((
        IndexKey::ReferentieAanbieder {
            aanbieder,
            referentie: v.referentie_aanbieder.clone(),
        },
        IndexEntry::Client(key.clone()),
    ));
    judge.store(key, state);
}

/// The rules on the products of a VOW of a known client: TR349, TR350, TR351, TR357, TR361,
/// TR373, TR375, TR411, TR412.
fn vow_products(
    judge: &mut Judge<'_>,
    state: &ClientState,
    aanbieder: &str,
    dagtekening: NaiveDate,
    m: &Wmo317,
) {
    let v = &m.client.verzoek;
    let actual: Vec<&Toewijzing> = state
        .toewijzingen(aanbieder)
        .into_iter()
        .filter(|t| is_actual(t, dagtekening))
        .collect();
    let find = |nummer: u32| actual.iter().copied().find(|t| t.nummer == nummer);
    let mut lines: Vec<Line<'_>> = Vec::new();

    // TR350 (9350): every OngewijzigdProduct names an actual toewijzing of this aanbieder.
    for (i, o) in v.ongewijzigde_producten.iter().enumerate() {
        let target = Target::Wmo317(Class317::OngewijzigdProduct(i));
        match find(o.toewijzing_nummer) {
            Some(t) => lines.push(Line {
                target,
                name: format!("OngewijzigdProduct {} ({})", i + 1, t.nummer),
                toegewezen: true,
                product: t.product.as_ref(),
                start: t.ingangsdatum,
                end: t.einddatum,
            }),
            None => {
                let detail = not_actual_text(state, aanbieder, o.toewijzing_nummer, dagtekening)
                    .unwrap_or_else(|| {
                        format!("ToewijzingNummer {} is not actual", o.toewijzing_nummer)
                    });
                judge.reject("TR350", RetourCode::R9350, target, detail);
            }
        }
    }

    for (i, w) in v.te_wijzigen_producten.iter().enumerate() {
        let target = Target::Wmo317(Class317::TeWijzigenProduct(i));
        // TR351 (9351): every TeWijzigenProduct names an actual toewijzing of this aanbieder.
        let Some(t) = find(w.toewijzing_nummer) else {
            let detail = not_actual_text(state, aanbieder, w.toewijzing_nummer, dagtekening)
                .unwrap_or_else(|| {
                    format!("ToewijzingNummer {} is not actual", w.toewijzing_nummer)
                });
            judge.reject("TR351", RetourCode::R9351, target, detail);
            continue;
        };
        let nummer = t.nummer;
        // TR357 (9357): a change that does not lie in the future holds for the whole term: a
        // GewensteIngangsdatum on or before the Dagtekening equals the toewijzing's
        // Ingangsdatum (its actual version's).
        if w.gewenste_ingangsdatum <= dagtekening && w.gewenste_ingangsdatum != t.ingangsdatum {
            judge.reject(
                "TR357",
                RetourCode::R9357,
                target,
                format!(
                    "GewensteIngangsdatum {} is on or before the Dagtekening {dagtekening} but is not the Ingangsdatum {} of toewijzing {nummer}",
                    w.gewenste_ingangsdatum, t.ingangsdatum
                ),
            );
        }
        // TR373 (9373): a change of the Budget or of the "totaal binnen geldigheidsduur"
        // (Frequentie 6) holds for the whole term: GewensteIngangsdatum = the toewijzing's
        // Ingangsdatum. Changed: filled and different from the toewijzing.
        let budget_changed = w.budget.is_some() && w.budget != t.budget;
        let totaal = |o: &Option<iwmo_model::Omvang>| {
            o.as_ref()
                .is_some_and(|o| o.frequentie == Frequentie::TotaalBinnenGeldigheidsduur)
        };
        let totaal_changed =
            w.omvang.is_some() && w.omvang != t.omvang && (totaal(&w.omvang) || totaal(&t.omvang));
        if (budget_changed || totaal_changed) && w.gewenste_ingangsdatum != t.ingangsdatum {
            judge.reject(
                "TR373",
                RetourCode::R9373,
                target,
                format!(
                    "the {} of toewijzing {nummer} changes, so GewensteIngangsdatum must be its Ingangsdatum {}, not {}",
                    if budget_changed { "Budget" } else { "total volume (Frequentie 6)" },
                    t.ingangsdatum,
                    w.gewenste_ingangsdatum
                ),
            );
        }
        // TR375 (9375), TR411 (9411), TR412 (9412): Omvang by the toewijzing's Product. No
        // Product (TR375) or a category without code (TR412): Omvang empty when the
        // TeWijzigenProduct's Einddatum is after 2020 or empty. A code: Omvang filled (TR411).
        match (&t.product, &w.omvang) {
            (None, Some(_)) if after_2020(w.einddatum) => judge.reject(
                "TR375",
                RetourCode::R9375,
                target,
                format!("toewijzing {nummer} has no Product, so Omvang must be empty"),
            ),
            (Some(Product { code: Some(code), .. }), None) => judge.reject(
                "TR411",
                RetourCode::R9411,
                target,
                format!("toewijzing {nummer} has product code {code}, so Omvang is required"),
            ),
            (Some(Product { code: None, categorie }), Some(_)) if after_2020(w.einddatum) => {
                judge.reject(
                    "TR412",
                    RetourCode::R9412,
                    target,
                    format!(
                        "toewijzing {nummer} has category {} without a product code, so Omvang must be empty",
                        categorie.code()
                    ),
                )
            }
            _ => {}
        }
        lines.push(Line {
            target,
            name: format!("TeWijzigenProduct {} ({nummer})", i + 1),
            toegewezen: true,
            product: t.product.as_ref(),
            start: t.ingangsdatum.min(w.gewenste_ingangsdatum),
            end: w.einddatum,
        });
    }

    // TR349 (9349): the VOW holds every actual toegewezen product of this aanbieder for the
    // client, as OngewijzigdProduct or TeWijzigenProduct.
    let named: Vec<u32> = v
        .ongewijzigde_producten
        .iter()
        .map(|o| o.toewijzing_nummer)
        .chain(v.te_wijzigen_producten.iter().map(|w| w.toewijzing_nummer))
        .collect();
    let missing: Vec<String> = actual
        .iter()
        .filter(|t| !named.contains(&t.nummer))
        .map(|t| {
            format!(
                "{} ({}, {} to {})",
                t.nummer,
                Product::describe(t.product.as_ref()),
                t.ingangsdatum,
                end_text(t.einddatum)
            )
        })
        .collect();
    if !missing.is_empty() {
        judge.reject(
            "TR349",
            RetourCode::R9349,
            Target::Wmo317(Class317::Verzoek),
            format!(
                "the VOW leaves out the actual toewijzing(en) {} of aanbieder {aanbieder} (actual on the Dagtekening {dagtekening})",
                missing.join(", ")
            ),
        );
    }

    // TR361 (9361): no product twice with overlapping periods, checked for the lines that come
    // from a ToewijzingNummer against every other line.
    for (i, p) in v.nieuwe_producten.iter().enumerate() {
        // TR381 (S329): the product code fits its category.
        judge.tr381_product(
            p.product.as_ref(),
            Target::Wmo317(Class317::NieuwProduct(i)),
        );
        lines.push(Line {
            target: Target::Wmo317(Class317::NieuwProduct(i)),
            name: format!("NieuwProduct {}", i + 1),
            toegewezen: false,
            product: p.product.as_ref(),
            start: p.gewenste_ingangsdatum,
            end: p.einddatum,
        });
    }
    for (j, later) in lines.iter().enumerate() {
        let clash = lines.iter().take(j).find(|earlier| {
            (earlier.toegewezen || later.toegewezen)
                && Product::same(earlier.product, later.product)
                && !hulpmiddel(earlier.product)
                && !hulpmiddel(later.product)
                && earlier.end.is_none_or(|e| e >= later.start)
                && later.end.is_none_or(|e| e >= earlier.start)
        });
        if let Some(earlier) = clash {
            judge.reject(
                "TR361",
                RetourCode::R9361,
                later.target,
                format!(
                    "{} ({}, {} to {}) overlaps {} ({}, {} to {})",
                    later.name,
                    Product::describe(later.product),
                    later.start,
                    end_text(later.end),
                    earlier.name,
                    Product::describe(earlier.product),
                    earlier.start,
                    end_text(earlier.end)
                ),
            );
        }
    }
}

pub(crate) fn wmo319(judge: &mut Judge<'_>, m: &Wmo319) {
    let a = &m.antwoord;
    let aanbieder = judge.aanbieder().to_string();
    let gemeente = judge.gemeente().to_string();
    let referentie = &a.referentie_aanbieder;
    let target = Target::Wmo319(Class319::Antwoord);
    // TR355 (9355): the ReferentieAanbieder is that of an earlier VOT or VOW of this aanbieder
    // (the Ontvanger) to this gemeente (the Afzender). Another aanbieder's or another
    // gemeente's request is unknown here.
    let found = known_request(judge.prior, &aanbieder, referentie);
    let Some((key, prior_state, request)) = found.filter(|(k, _, _)| k.gemeente == gemeente) else {
        judge.reject(
            "TR355",
            RetourCode::R9355,
            target,
            match found {
                Some((k, _, _)) => format!(
                    "ReferentieAanbieder {referentie:?} is a request of aanbieder {aanbieder} to gemeente {}, not to {gemeente}",
                    k.gemeente
                ),
                None => format!(
                    "ReferentieAanbieder {referentie:?} is not the reference of a request (315/317) of aanbieder {aanbieder}"
                ),
            },
        );
        return;
    };
    let key = key.clone();
    let mut state = prior_state.clone();
    let request = source_text(request);
    // TR359 (9359): no answer once a 301 carried this ReferentieAanbieder.
    if let Some((f, t)) = honouring_toewijzing(&state, &aanbieder, referentie) {
        judge.reject(
            "TR359",
            RetourCode::R9359,
            target,
            format!(
                "the request {referentie:?} ({request}) was already honoured by toewijzing {} in 301 {:?} of {}",
                t.nummer, f.source.identificatie, f.source.dagtekening
            ),
        );
    }
    let earlier: Vec<(&Fact, VerzoekAntwoord)> = answers(&state, &aanbieder, referentie).collect();
    // TR365 (9365): an earlier answer on this request must have been "in onderzoek" (2); after
    // an afwijzing nothing more is answered.
    if let Some((f, _)) = earlier
        .iter()
        .find(|(_, w)| *w != VerzoekAntwoord::AanvraagInOnderzoek)
    {
        judge.reject(
            "TR365",
            RetourCode::R9365,
            target,
            format!(
                "the request {referentie:?} ({request}) was already rejected (VerzoekAntwoord 1) in {}",
                source_text(f)
            ),
        );
    }
    // TR360 (9360): "in onderzoek" is answered once, and only as the first answer.
    if a.verzoek_antwoord == VerzoekAntwoord::AanvraagInOnderzoek {
        if let Some((f, w)) = earlier.first() {
            judge.reject(
                "TR360",
                RetourCode::R9360,
                target,
                format!(
                    "the request {referentie:?} ({request}) was already answered (VerzoekAntwoord {}) in {}",
                    w.code(),
                    source_text(f)
                ),
            );
        }
    }
    let fact = judge.fact(FactBody::Verzoek(VerzoekFact {
        aanbieder,
        referentie: referentie.clone(),
        kind: VerzoekKind::Antwoord(a.verzoek_antwoord),
    }));
    state.facts.push(fact);
    judge.store(key, state);
}

/// TR379 (9379) for one ToegewezenProduct of a 301 with a ReferentieAanbieder: "Indien
/// ToegewezenProduct wordt verstuurd ter honorering van een VOT of VOW, dient
/// ReferentieAanbieder te worden gevuld met ReferentieAanbieder uit die VOT of VOW, anders
/// leeglaten. Dit geldt alleen de eerste keer dat ToegewezenProduct wordt verstuurd."
///
/// **The reading.** Read literally ("a reference only on the first sending of the toegewezen
/// product") the rule refuses two things the standard requires: OP087 makes every 301 repeat
/// all actual toewijzingen, and IV097 copies the reference into the honouring 301 and gives
/// *all* ToegewezenProducten of a 301 honouring a VOW the VOW's reference, also the toewijzingen
/// that existed before the VOW (its OngewijzigdProducten, and the TeWijzigenProducten changed
/// under their own number). So "the first time" is read as the first time the toegewezen
/// product is sent *in honour of that request*, and the rule as: a reference names a request
/// of this aanbieder for this client (315 product or 317), and a toewijzing may carry it
/// - when the toewijzing is new (the literal first time; also a new toewijzing for a request a
///   301 honoured before, as a VOW's new products may come in a later 301), or
/// - when an earlier version of the toewijzing carried the same reference (a repeat: OP087
///   with IV097's copy), or
/// - when no earlier 301 honoured the request (this message honours it now: IV097's existing
///   toewijzingen of a VOW).
///
/// Refused: a reference that is not a request of this aanbieder for this client (another
/// aanbieder's or another client's counts as unknown), and a toewijzing that existed before
/// without this reference taking up the reference of a request an earlier 301 already honoured
/// (that honouring was "the first time"; later messages may only repeat it). An empty
/// reference is never refused: whether a toewijzing honours a request is not in the message
/// otherwise. Whether the request was answered with a 319 is not looked at (the rule's text
/// does not forbid honouring after an answer; TR359 guards the other order).
///
/// `state` is the client's state before this ToegewezenProduct's fact is added (with the
/// facts of the earlier products of the same 301, from `source`), `aanbieder` the 301's
/// Ontvanger. Returns `None` when the reference is allowed, else a readable detail.
pub(crate) fn tr379_referentie_aanbieder(
    state: &ClientState,
    source: &crate::state::MessageRef,
    aanbieder: &str,
    referentie: &str,
    nummer: u32,
) -> Option<String> {
    if !requests(state, aanbieder).any(|(_, v)| v.referentie == referentie) {
        return Some(format!(
            "ReferentieAanbieder {referentie:?} is not the reference of a request (315/317) of aanbieder {aanbieder} for this client: leave it empty"
        ));
    }
    // A new toewijzing: the first time it is sent.
    let first = state.toewijzing_versions(aanbieder, nummer).next()?;
    if state
        .toewijzing_versions(aanbieder, nummer)
        .any(|v| v.referentie_aanbieder.as_deref() == Some(referentie))
    {
        return None; // a repeat of the reference it carried (OP087, IV097)
    }
    match honouring_toewijzing(state, aanbieder, referentie) {
        Some((f, t)) if f.source != *source => Some(format!(
            "ToewijzingNummer {nummer} was sent before (Toewijzingsdatum {}) without ReferentieAanbieder {referentie:?}, and that request was already honoured by toewijzing {} in 301 {:?} of {}: the reference is given only the first time",
            first.toewijzingsdatum, t.nummer, f.source.identificatie, f.source.dagtekening
        )),
        _ => None, // this message honours the request (IV097: all its products carry it)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::MessageRef;
    use chrono::NaiveTime;
    use iwmo_model::MessageKind;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn fact(kind: MessageKind, id: &str, body: FactBody) -> Fact {
        Fact {
            source: MessageRef {
                kind,
                afzender: "x".into(),
                identificatie: id.into(),
                dagtekening: date(2026, 1, 12),
            },
            pending: false,
            body,
        }
    }

    fn vot(aanbieder: &str, referentie: &str) -> Fact {
        fact(
            MessageKind::Wmo315,
            "A-1",
            FactBody::Verzoek(VerzoekFact {
                aanbieder: aanbieder.into(),
                referentie: referentie.into(),
                kind: VerzoekKind::Vot {
                    product: None,
                    ingangsdatum: date(2026, 2, 1),
                    einddatum: None,
                },
            }),
        )
    }

    fn antwoord(aanbieder: &str, referentie: &str, a: VerzoekAntwoord) -> Fact {
        fact(
            MessageKind::Wmo319,
            "G-1",
            FactBody::Verzoek(VerzoekFact {
                aanbieder: aanbieder.into(),
                referentie: referentie.into(),
                kind: VerzoekKind::Antwoord(a),
            }),
        )
    }

    fn toewijzing(aanbieder: &str, nummer: u32, referentie: Option<&str>) -> Fact {
        fact(
            MessageKind::Wmo301,
            "G-301",
            FactBody::Toewijzing {
                aanbieder: aanbieder.into(),
                version: Toewijzing {
                    nummer,
                    referentie_aanbieder: referentie.map(str::to_string),
                    product: None,
                    toewijzingsdatum: date(2026, 1, 26),
                    toewijzingstijd: NaiveTime::MIN,
                    ingangsdatum: date(2026, 2, 1),
                    einddatum: None,
                    reden_wijziging: None,
                    omvang: None,
                    budget: Some(100),
                },
            },
        )
    }

    const A: &str = "98004132";
    const B: &str = "98011877";

    /// The source of the 301 being judged in the TR379 tests (another message than `G-301`,
    /// the earlier toewijzingen's).
    fn this_301() -> MessageRef {
        MessageRef {
            kind: MessageKind::Wmo301,
            afzender: "x".into(),
            identificatie: "G-NOW".into(),
            dagtekening: date(2026, 1, 12),
        }
    }

    fn tr379(
        state: &ClientState,
        aanbieder: &str,
        referentie: &str,
        nummer: u32,
    ) -> Option<String> {
        tr379_referentie_aanbieder(state, &this_301(), aanbieder, referentie, nummer)
    }

    #[test]
    fn tr379_first_toewijzing_honouring_a_request_is_allowed() {
        let state = ClientState {
            facts: vec![vot(A, "VOT-1")],
        };
        assert_eq!(tr379(&state, A, "VOT-1", 1), None);
    }

    #[test]
    fn tr379_unknown_or_other_aanbieders_reference_is_refused() {
        let state = ClientState {
            facts: vec![vot(B, "VOT-1")],
        };
        let detail = tr379(&state, A, "VOT-1", 1).unwrap();
        assert!(
            detail.contains("not the reference of a request"),
            "{detail}"
        );
        assert!(tr379(&state, A, "VOT-2", 1).is_some());
    }

    /// The literal reading ("only the first time") would refuse the repeat (OP087, IV097):
    /// the reading settled on lets it through.
    #[test]
    fn tr379_a_repeat_may_carry_the_same_reference() {
        let state = ClientState {
            facts: vec![vot(A, "VOT-1"), toewijzing(A, 1, Some("VOT-1"))],
        };
        assert_eq!(tr379(&state, A, "VOT-1", 1), None);
        // Another, new toewijzing for the same request (a VOW's products may come later).
        assert_eq!(tr379(&state, A, "VOT-1", 2), None);
        // A number of another aanbieder is new for this one.
        let state = ClientState {
            facts: vec![vot(A, "VOT-1"), toewijzing(B, 1, None)],
        };
        assert_eq!(tr379(&state, A, "VOT-1", 1), None);
    }

    /// IV097: a 301 honouring a VOW gives all its ToegewezenProducten the reference, also the
    /// toewijzingen that existed before without one.
    #[test]
    fn tr379_an_existing_toewijzing_may_take_the_reference_of_the_request_honoured_now() {
        let mut state = ClientState {
            facts: vec![toewijzing(A, 1, None), vot(A, "VOW-1")],
        };
        assert_eq!(tr379(&state, A, "VOW-1", 1), None);
        // The same message honoured it with an earlier product already: still this message.
        let mut new = toewijzing(A, 2, Some("VOW-1"));
        new.source = this_301();
        state.facts.push(new);
        assert_eq!(tr379(&state, A, "VOW-1", 1), None);
    }

    /// But a toewijzing that existed without the reference may not take up the reference of a
    /// request an earlier 301 honoured: that was the first time.
    #[test]
    fn tr379_an_existing_toewijzing_may_not_take_an_honoured_reference_later() {
        let state = ClientState {
            facts: vec![
                toewijzing(A, 1, None),
                vot(A, "VOT-2"),
                toewijzing(A, 2, Some("VOT-2")),
            ],
        };
        let detail = tr379(&state, A, "VOT-2", 1).unwrap();
        assert!(detail.contains("already honoured"), "{detail}");
        // Nor a toewijzing that carried another reference.
        let state = ClientState {
            facts: vec![
                vot(A, "VOT-1"),
                toewijzing(A, 1, Some("VOT-1")),
                vot(A, "VOT-2"),
                toewijzing(A, 2, Some("VOT-2")),
            ],
        };
        assert!(tr379(&state, A, "VOT-2", 1).is_some());
        assert_eq!(tr379(&state, A, "VOT-1", 1), None);
    }

    #[test]
    fn status_follows_the_life_cycle() {
        let mut state = ClientState {
            facts: vec![vot(A, "VOT-1")],
        };
        assert_eq!(status(&state, A, "VOT-1"), Some(VerzoekStatus::Open));
        assert_eq!(status(&state, B, "VOT-1"), None);
        state
            .facts
            .push(antwoord(A, "VOT-1", VerzoekAntwoord::AanvraagInOnderzoek));
        assert_eq!(status(&state, A, "VOT-1"), Some(VerzoekStatus::InOnderzoek));
        assert!(tr374_pending(&state, A).is_some());
        assert!(tr374_pending(&state, B).is_none());
        let mut honoured = state.clone();
        honoured.facts.push(toewijzing(A, 1, Some("VOT-1")));
        assert_eq!(
            status(&honoured, A, "VOT-1"),
            Some(VerzoekStatus::Gehonoreerd)
        );
        assert!(tr374_pending(&honoured, A).is_none());
        // A toewijzing without the reference, or another aanbieder's, closes nothing.
        let mut other = state.clone();
        other.facts.push(toewijzing(A, 2, None));
        other.facts.push(toewijzing(B, 3, Some("VOT-1")));
        assert_eq!(status(&other, A, "VOT-1"), Some(VerzoekStatus::InOnderzoek));
        state
            .facts
            .push(antwoord(A, "VOT-1", VerzoekAntwoord::VerzoekAfgewezen));
        assert_eq!(status(&state, A, "VOT-1"), Some(VerzoekStatus::Afgewezen));
        assert!(tr374_pending(&state, A).is_none());
    }
}
