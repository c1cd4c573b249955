//! 323 Declaratie and 325 Declaratie-antwoord: the declared prestaties per client, the level-3/4
//! rules a gemeente judges a 323 by (spec §1.4, §2.7; IV085–IV091), and the 325 that answers a
//! 323 we sent.
//!
//! **Partial judgement (IV087, IV088).** Unlike the other messages, a 323 is not rejected as a
//! whole by a finding below the Declaratie: a finding on a Client rejects that client (the 325
//! builder puts 0233 on its prestaties), a finding on a Prestatie rejects that prestatie, and
//! only the approved prestaties are stored as facts. A finding on the Declaratie (TR318, TR333)
//! rejects the whole declaration, and then its prestaties are not judged at all ("dan vindt er
//! geen beoordeling plaats van de prestaties", TR342).
//!
//! **Order.** Per client, the credit prestaties are judged before the debets, each in document
//! order, and every prestatie sees the approved ones before it: a credit and the new debet of
//! the same period may travel in one message (IV086), like the deletion before the replacement
//! of a 305.
//!
//! **Credits (IV085).** A credit withdraws an approved debet and "cannot be contested by the
//! gemeente, unless technically". A credit is therefore judged only on its relation to its
//! debet and its own identity (TR304, TR314, TR319, TR323, TR390), never on its content (dates,
//! volume, tariff, a deleted toewijzing: the credit is how a provider clears the way for
//! TR385).
//!
//! **OP364.** Start and stop messages are no precondition for a declaration: no rule here reads
//! the deliveries (305/307) or their dates. The ProductPeriode is bounded by the toewijzing only
//! (IV089).
//!
//! **TR319, split over two levels.** The TR table makes TR319 ("only prestaties whose
//! ProductPeriode falls within the current or an earlier declaratieperiode") a
//! berichtoverstijgend rule with 9319, while the official stylesheet checks it within the
//! message with 0001, and `iwmo-rules` follows the stylesheet: no ProductPeriode may begin or
//! end after the DeclaratiePeriode's Einddatum. What state could add is a lower bound, "a
//! period that was declared before", and the standard rules that out: a declaratieperiode is a
//! calendar month whether or not anything was declared in it, and IV090 lets a provider
//! declare a month it never declared (March prestaties in a June declaration, April never
//! submitted). So the rule has no part that needs earlier messages; the ledger checks the same
//! upper bound with the TR table's 9319 on the Prestatie, as a guard for a message that
//! reaches it without level 2 (`decide` expects level-2-clean messages, so on the engine's
//! path it never fires).
//!
//! **Volumes (TR321, TR322, IV076–IV078).** Volumes are compared in the toewijzing's unit; a
//! toewijzing in hours may be declared in minutes (TR341), and then both sides count minutes.
//! The maximum of one ProductPeriode (the prestatie's period within the toewijzing) is, by the
//! toewijzing's Frequentie: per day, its days × Volume; per week, for category 01 (hulp bij het
//! huishouden) 6 × Volume (spec §2.7), otherwise the calendar weeks (ISO week numbers) the
//! period touches × Volume for an inspanningsgerichte toewijzing (IV077), or its Sundays × Volume,
//! plus one week in the period holding the toewijzing's last Sunday when the toewijzing does
//! not end on a Sunday, for an outputgerichte one (IV076/IV077); per month, Volume (also for a
//! partial month, IV078); "totaal binnen geldigheidsduur", Volume. The maximum over the
//! toewijzing's whole term (TR322) counts the same units over Ingangsdatum..Einddatum (weeks
//! touched for every inspanningsgerichte toewijzing, category 01 included: IV077's check
//! "tegen het maximale volume over de toewijzingsperiode"); without an Einddatum only
//! "totaal" has a term maximum.
//!
//! **Choices where the standard is open** (each also at its rule):
//! - The uitvoeringsvariant is not in the messages: a toewijzing whose Omvang is in Stuks
//!   (output) (82) or Euro's (83) is taken as outputgericht, any other unit as
//!   inspanningsgericht.
//! - TR322 is checked per toewijzing over its whole term, and per toewijzing and calendar
//!   month (several prestaties of one toewijzing in one month together within the period's
//!   maximum); a prestatie that already breaks TR321 gets only 9321.
//! - TR369 compares the sum of IngediendBedrag with the Budget (both eurocent): the rule says
//!   GeleverdVolume, which for Eenheid 83 is the same number (CS339), and a budget is money.
//! - A rejected prestatie counts as not sent (as a rejected message does, OP286): it is not
//!   stored, so its ReferentieNummer may be sent again (TR314).
//! - TR314 and TR318 read the states of the declaration's clients: the ledger has no index of
//!   ReferentieNummers or DeclaratiePeriodes per aanbieder, so a ReferentieNummer reused under
//!   another client in another message, or a DeclaratiePeriode going back that no client of
//!   this declaration was declared in, is not seen. (TR323 and TR389 are per client by nature:
//!   a toewijzing and its prestaties belong to one client.)
//! - TR418 (0611, contract tariff) reads the configured contract tariff list (debets only)
//!   and is reported as not checked without one; a product and date no contract line covers
//!   has nothing to compare with and passes (see `tr418_contract_tariff`). TR381 (S329)
//!   reads the configured product code list (debets only), and is reported as not checked
//!   without one. TR341 for a toewijzing without Omvang (aspecific
//!   or generic: "the unit of the contract") likewise.

use std::collections::HashSet;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use iwmo_model::codes::{DebetCredit, Eenheid, Frequentie, ProductCategorie, RetourCode};
use iwmo_model::{
    Declaratie, DeclaratieClient, GeslotenPeriode, MessageKind, Omvang, Prestatie, Wmo323, Wmo325,
};
use iwmo_rules::{Class323, RuleId};

use crate::context::Context;
use crate::decide::Judge;
use crate::decision::{Decision, IndexEntry, IndexKey, Prior, Target, Verdict};
use crate::party::{ClientKey, Mode, Party, Role};
use crate::state::{ClientState, Fact, FactBody, MessageRef, Toewijzing};

/// What the ledger keeps of one declared prestatie (debet or credit) that was approved, or, for
/// a 323 we sent, that waits for its 325.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DeclaratieFact {
    /// The aanbieder that declared it (the 323's Afzender).
    pub aanbieder: String,
    /// `DeclaratieNummer` of its declaration.
    pub declaratie_nummer: String,
    /// `DeclaratiePeriode` of its declaration (TR318).
    pub declaratie_periode: GeslotenPeriode,
    /// `ProductReferentie/ReferentieNummer`, whitespace normalized.
    pub referentie_nummer: String,
    /// `ProductReferentie/VorigReferentieNummer` (a credit: the debet it withdraws),
    /// whitespace normalized.
    pub vorig_referentie_nummer: Option<String>,
    /// Debet (a claim) or credit (withdraws the debet named by `vorig_referentie_nummer`).
    pub debet_credit: DebetCredit,
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
    /// `IngediendBedrag/Bedrag` in eurocent (its sign is `debet_credit`).
    pub ingediend_bedrag: u32,
    /// Approved by the gemeente: true when the gemeente's ledger (or the chain view) accepted
    /// it; for a 323 we sent, false until its 325 approves it (the fact is then also no longer
    /// pending). A prestatie the 325 rejects is removed.
    pub approved: bool,
}

impl DeclaratieFact {
    fn is_debet(&self) -> bool {
        self.debet_credit == DebetCredit::Debet
    }

    /// The key of TR389/TR416: ToewijzingNummer, ProductCategorie, ProductCode, ProductPeriode.
    fn same_key(&self, other: &DeclaratieFact) -> bool {
        self.toewijzing_nummer == other.toewijzing_nummer
            && self.product_categorie == other.product_categorie
            && self.product_code == other.product_code
            && self.product_periode == other.product_periode
    }

    fn describe(&self) -> String {
        format!(
            "ToewijzingNummer {}, product {}/{}, ProductPeriode {} to {}",
            self.toewijzing_nummer,
            self.product_categorie.code(),
            self.product_code,
            self.product_periode.begindatum,
            self.product_periode.einddatum
        )
    }
}

/// ReferentieNummers compare after normalize-space, as `iwmo-rules` does.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The declared prestaties of one aanbieder in a client's state, with their facts.
fn prestaties<'s>(
    state: &'s ClientState,
    aanbieder: &'s str,
) -> impl Iterator<Item = (&'s Fact, &'s DeclaratieFact)> + 's {
    state.facts.iter().filter_map(move |f| match &f.body {
        FactBody::Declaratie(d) if d.aanbieder == aanbieder => Some((f, d)),
        _ => None,
    })
}

/// Whether a credit (approved or waiting for its 325: a credit cannot be refused on content,
/// IV085) withdraws the debet with this ReferentieNummer.
fn is_credited(state: &ClientState, aanbieder: &str, referentie: &str) -> bool {
    prestaties(state, aanbieder)
        .any(|(_, d)| !d.is_debet() && d.vorig_referentie_nummer.as_deref() == Some(referentie))
}

/// The debets that count on a toegewezen product: not withdrawn by a credit (pending ones
/// included: they count until a 325 removes them).
fn counting_debets<'s>(
    state: &'s ClientState,
    aanbieder: &'s str,
    nummer: u32,
) -> impl Iterator<Item = &'s DeclaratieFact> + 's {
    prestaties(state, aanbieder)
        .map(|(_, d)| d)
        .filter(move |d| {
            d.is_debet()
                && d.toewijzing_nummer == nummer
                && !is_credited(state, aanbieder, &d.referentie_nummer)
        })
}

/// The ProductPeriodes of the approved debets of a toegewezen product that no credit
/// withdraws: the declared care the no-care rule reads ([`crate::signals`]).
pub(crate) fn approved_periods<'s>(
    state: &'s ClientState,
    aanbieder: &'s str,
    nummer: u32,
) -> impl Iterator<Item = &'s GeslotenPeriode> + 's {
    counting_debets(state, aanbieder, nummer)
        .filter(|d| d.approved)
        .map(|d| &d.product_periode)
}

/// **TR385** (9385, for the 301): "Indien de toewijzing goedgekeurde (niet gecrediteerde)
/// prestatieregels met gelijk ToewijzingNummer heeft, is het niet toegestaan deze toewijzing te
/// verwijderen met RedenWijziging waarde 13." Returns `Some(detail)` when the client's state
/// holds an approved debet of `aanbieder` on ToewijzingNummer `nummer` that no credit
/// withdraws, so a 301 deleting that toewijzing (RedenWijziging 13) gets 9385 on its
/// ToegewezenProduct; `None` when the deletion is allowed.
///
/// Approved means approved by the gemeente: a debet of a 323 that still waits for its 325 (our
/// own, as aanbieder) does not block. A credit counts as soon as it is sent, since a gemeente
/// cannot refuse a credit on content (IV085).
pub(crate) fn tr385_approved_prestaties(
    state: &ClientState,
    aanbieder: &str,
    nummer: u32,
) -> Option<String> {
    let open: Vec<&DeclaratieFact> = counting_debets(state, aanbieder, nummer)
        .filter(|d| d.approved)
        .collect();
    let first = open.first()?;
    Some(format!(
        "ToewijzingNummer {nummer} has {} approved prestatie(s) that were not credited, \
         the first {} (declaration {}, ProductPeriode {} to {}): credit them before deleting it",
        open.len(),
        first.referentie_nummer,
        first.declaratie_nummer,
        first.product_periode.begindatum,
        first.product_periode.einddatum
    ))
}

/// Pushes a rule to `not_checked` once.
fn not_checked(judge: &mut Judge<'_>, rule: &'static str) {
    let id = RuleId::new(rule);
    if !judge.decision.not_checked.contains(&id) {
        judge.decision.not_checked.push(id);
    }
}

pub(crate) fn wmo323(judge: &mut Judge<'_>, m: &Wmo323) {
    // IV087: findings on a Client or Prestatie reject only that class.
    judge.partial = true;
    let gemeente = judge.gemeente().to_string();
    let aanbieder = judge.aanbieder().to_string();
    let d = &m.declaratie;
    // TR418 (0611) and TR381 (S329) read their lists; without one the rule is not checked.
    if judge.ctx.lists.tariffs.is_none() {
        not_checked(judge, "TR418");
    }
    judge.product_codes();

    // Each client's prior state, once per BSN (TR101 keeps a BSN to one Client; should it
    // occur twice, both see the same state).
    let mut states: Vec<(ClientKey, ClientState)> = Vec::new();
    for c in &d.clienten {
        let key = ClientKey {
            gemeente: gemeente.clone(),
            bsn: c.bsn.clone(),
        };
        if !states.iter().any(|(k, _)| *k == key) {
            let state = judge.client(&key);
            states.push((key, state));
        }
    }

    if !declaratie_rules(judge, d, &aanbieder, &states) {
        // A Declaratie finding: the prestaties are not judged (TR342); `finish` rejects all.
        return;
    }

    let mut seen: HashSet<String> = HashSet::new();
    let mut changed = vec![false; states.len()];
    for (ci, client) in d.clienten.iter().enumerate() {
        let Some(si) = states.iter().position(|(k, _)| k.bsn == client.bsn) else {
            continue;
        };
        let (key, state) = &mut states[si];
        let key = key.clone();
        // TR304 (8187): "Bsn moet overeenkomen met Bsn van een Client": the client must be
        // known to this aanbieder, through a toewijzing (any version, also a deleted one: that
        // case is TR384's). An unknown client is rejected on the Client; its prestaties get
        // 0233 (not assessed) from the 325 builder.
        if knows_client(state, &aanbieder) {
            let here = Here {
                aanbieder: &aanbieder,
                key: &key,
                declaratie: d,
                client: ci,
            };
            for pi in credits_first(client) {
                let Some(p) = client.prestaties.get(pi) else {
                    continue;
                };
                if let Some(fact) = judge_prestatie(judge, &here, state, pi, p, &mut seen) {
                    let mut fact = judge.fact(FactBody::Declaratie(fact));
                    if let FactBody::Declaratie(df) = &mut fact.body {
                        df.approved = !fact.pending;
                    }
                    state.facts.push(fact);
                    changed[si] = true;
                }
            }
        } else {
            judge.reject(
                "TR304",
                RetourCode::R8187,
                Target::Wmo323(Class323::Client(ci)),
                format!(
                    "client {} has no toewijzing of aanbieder {aanbieder} at gemeente {}",
                    client.bsn, key.gemeente
                ),
            );
            for p in &client.prestaties {
                seen.insert(normalize(&p.product_referentie.referentie_nummer));
            }
        }
    }
    for ((key, state), changed) in states.into_iter().zip(changed) {
        if changed {
            judge.store(key, state);
        }
    }
    // TR333: the number is used once the declaration is processed (also partly).
    if let Some(first) = d.clienten.first() {
        judge.decision.index.push((
            IndexKey::DeclaratieNummer {
                aanbieder: aanbieder.clone(),
                nummer: d.declaratie_nummer.clone(),
            },
            IndexEntry::Client(ClientKey {
                gemeente,
                bsn: first.bsn.clone(),
            }),
        ));
    }
}

/// Whether any toewijzing (any version) of this aanbieder is known for the client.
fn knows_client(state: &ClientState, aanbieder: &str) -> bool {
    state
        .facts
        .iter()
        .any(|f| matches!(&f.body, FactBody::Toewijzing { aanbieder: a, .. } if a == aanbieder))
}

/// The rules on the class Declaratie. Returns false when one fails (the whole declaration is
/// rejected).
fn declaratie_rules(
    judge: &mut Judge<'_>,
    d: &Declaratie,
    aanbieder: &str,
    states: &[(ClientKey, ClientState)],
) -> bool {
    let target = Target::Wmo323(Class323::Declaratie);
    let mut ok = true;
    // TR333 (9333): DeclaratieNummer unique for the aanbieder within the Wmo (IV087's own
    // example: Header 0200, DeclaratieAntwoord 9333, toegekend 0).
    let index = IndexKey::DeclaratieNummer {
        aanbieder: aanbieder.to_string(),
        nummer: d.declaratie_nummer.clone(),
    };
    if judge.prior.lookup(&index).is_some() {
        judge.reject(
            "TR333",
            RetourCode::R9333,
            target,
            format!(
                "DeclaratieNummer {:?} was already used by aanbieder {aanbieder}",
                d.declaratie_nummer
            ),
        );
        ok = false;
    }
    // TR318 (8214): "Indien iedere DeclaratiePeriode zorg is geleverd, moet DeclaratiePeriode
    // de kalendermaand volgend op voorgaande DeclaratiePeriode zijn." Gaps are allowed (no care
    // in the months between, and whether care was delivered is not in the messages: OP364), and
    // so is a second declaration over the same period (IV090); what is checkable is the period
    // going back: "niet met een declaratieperiode ... die voor de laatst ingediende
    // declaratieperiode ligt" (IV090). Choice: read from the states of this declaration's
    // clients (no index of periods per aanbieder exists).
    let mut latest: Option<&DeclaratieFact> = None;
    for (_, state) in states {
        for (_, f) in prestaties(state, aanbieder) {
            if latest
                .is_none_or(|l| f.declaratie_periode.begindatum > l.declaratie_periode.begindatum)
            {
                latest = Some(f);
            }
        }
    }
    if let Some(l) = latest {
        if d.declaratie_periode.begindatum < l.declaratie_periode.begindatum {
            judge.reject(
                "TR318",
                RetourCode::R8214,
                target,
                format!(
                    "DeclaratiePeriode {} to {} is before the period {} to {} of the earlier \
                     declaration {} of aanbieder {aanbieder}",
                    d.declaratie_periode.begindatum,
                    d.declaratie_periode.einddatum,
                    l.declaratie_periode.begindatum,
                    l.declaratie_periode.einddatum,
                    l.declaratie_nummer
                ),
            );
            ok = false;
        }
    }
    ok
}

/// The order prestaties are judged in: credits first, then debets, each in document order.
fn credits_first(client: &DeclaratieClient) -> Vec<usize> {
    let credit = |p: &Prestatie| p.ingediend_bedrag.debet_credit == DebetCredit::Credit;
    let credits = client
        .prestaties
        .iter()
        .enumerate()
        .filter(|(_, p)| credit(p))
        .map(|(i, _)| i);
    let debets = client
        .prestaties
        .iter()
        .enumerate()
        .filter(|(_, p)| !credit(p))
        .map(|(i, _)| i);
    credits.chain(debets).collect()
}

/// Where a prestatie is.
struct Here<'a> {
    aanbieder: &'a str,
    key: &'a ClientKey,
    declaratie: &'a Declaratie,
    client: usize,
}

/// Judges one prestatie against the client's state (with this message's approved prestaties
/// so far). Returns its fact when approved.
fn judge_prestatie(
    judge: &mut Judge<'_>,
    here: &Here<'_>,
    state: &ClientState,
    pi: usize,
    p: &Prestatie,
    seen: &mut HashSet<String>,
) -> Option<DeclaratieFact> {
    let target = Target::Wmo323(Class323::Prestatie {
        client: here.client,
        prestatie: pi,
    });
    let aanbieder = here.aanbieder;
    let fact = DeclaratieFact {
        aanbieder: aanbieder.to_string(),
        declaratie_nummer: here.declaratie.declaratie_nummer.clone(),
        declaratie_periode: here.declaratie.declaratie_periode.clone(),
        referentie_nummer: normalize(&p.product_referentie.referentie_nummer),
        vorig_referentie_nummer: p
            .product_referentie
            .vorig_referentie_nummer
            .as_deref()
            .map(normalize),
        debet_credit: p.ingediend_bedrag.debet_credit,
        toewijzing_nummer: p.toewijzing_nummer,
        product_categorie: p.product_categorie,
        product_code: p.product_code.clone(),
        product_periode: p.product_periode.clone(),
        geleverd_volume: p.geleverd_volume,
        eenheid: p.eenheid,
        product_tarief: p.product_tarief,
        ingediend_bedrag: p.ingediend_bedrag.bedrag,
        approved: false,
    };
    let r = fact.referentie_nummer.clone();
    let before = judge.decision.findings.len();

    // TR314 (8021): ReferentieNummer unique for the aanbieder, within the message and across
    // messages ("over alle (sub)versies per berichtsoort"). Within the message across all its
    // clients; across messages in the client's state (see the module's choices).
    if seen.contains(&r) {
        judge.reject(
            "TR314",
            RetourCode::R8021,
            target,
            format!("ReferentieNummer {r} occurs earlier in this declaration"),
        );
    } else if let Some((_, earlier)) =
        prestaties(state, aanbieder).find(|(_, d)| d.referentie_nummer == r)
    {
        judge.reject(
            "TR314",
            RetourCode::R8021,
            target,
            format!(
                "ReferentieNummer {r} was already delivered in declaration {}",
                earlier.declaratie_nummer
            ),
        );
    }
    seen.insert(r.clone());

    // TR319 (9319): the ProductPeriode lies in the current or an earlier declaratieperiode,
    // that is, not after the DeclaratiePeriode's Einddatum (see the module on the split with
    // level 2).
    let end = here.declaratie.declaratie_periode.einddatum;
    let pp = &fact.product_periode;
    if pp.begindatum > end || pp.einddatum > end {
        judge.reject(
            "TR319",
            RetourCode::R9319,
            target,
            format!(
                "ProductPeriode {} to {} of prestatie {r} ends after the DeclaratiePeriode, \
                 which ends on {end}",
                pp.begindatum, pp.einddatum
            ),
        );
    }

    if fact.is_debet() {
        debet_rules(judge, here, state, target, &fact, before);
    } else {
        credit_rules(judge, state, aanbieder, target, &fact);
    }
    (judge.decision.findings.len() == before).then_some(fact)
}

/// The rules of a credit: its relation to the debet it withdraws (IV085: nothing else).
fn credit_rules(
    judge: &mut Judge<'_>,
    state: &ClientState,
    aanbieder: &str,
    target: Target,
    credit: &DeclaratieFact,
) {
    let r = &credit.referentie_nummer;
    let Some(vorig) = credit.vorig_referentie_nummer.as_deref() else {
        // CD060 (level 2) requires it; without one there is no debet to relate to.
        judge.reject(
            "TR323",
            RetourCode::R8017,
            target,
            format!("credit prestatie {r} names no VorigReferentieNummer"),
        );
        return;
    };
    // TR390 (9390): "DebetCredit mag alleen waarde Credit hebben indien voor Prestatie met
    // gelijk ProductReferentie niet een Prestatie met Credit bestaat": a debet is credited
    // once.
    if let Some((_, earlier)) = prestaties(state, aanbieder)
        .find(|(_, d)| !d.is_debet() && d.vorig_referentie_nummer.as_deref() == Some(vorig))
    {
        judge.reject(
            "TR390",
            RetourCode::R9390,
            target,
            format!(
                "prestatie {vorig} was already credited by {} in declaration {}",
                earlier.referentie_nummer, earlier.declaratie_nummer
            ),
        );
        return;
    }
    // TR323 (8017): "Een credit Prestatie moet gerelateerd zijn aan een eerder verzonden
    // (goedgekeurde) debet Prestatie op basis van sleutelvelden": VorigReferentieNummer names
    // an approved debet of this aanbieder and client (IV085: only after its 325 approved it),
    // with the same key fields (ToewijzingNummer, ProductCategorie, ProductCode,
    // ProductPeriode). Choice: volume and amount are not compared (IV091 asks for an identical
    // credit, but TR323 names the key fields).
    let debet = prestaties(state, aanbieder).find(|(_, d)| d.referentie_nummer == vorig);
    let problem = match debet {
        None => Some(format!(
            "no debet prestatie {vorig} of aanbieder {aanbieder} is known for this client"
        )),
        Some((_, d)) if !d.is_debet() => Some(format!("prestatie {vorig} is itself a credit")),
        Some((f, d)) if f.pending || !d.approved => Some(format!(
            "debet prestatie {vorig} is not approved yet: a credit may follow only after the \
             325 approved the debet (IV085)"
        )),
        Some((_, d)) if !d.same_key(credit) => Some(format!(
            "debet prestatie {vorig} has {}, the credit has {}",
            d.describe(),
            credit.describe()
        )),
        Some(_) => None,
    };
    if let Some(problem) = problem {
        judge.reject(
            "TR323",
            RetourCode::R8017,
            target,
            format!("credit prestatie {r}: {problem}"),
        );
    }
}

/// The rules of a debet (`before`: the number of findings before this prestatie).
fn debet_rules(
    judge: &mut Judge<'_>,
    here: &Here<'_>,
    state: &ClientState,
    target: Target,
    p: &DeclaratieFact,
    before: usize,
) {
    let aanbieder = here.aanbieder;
    let r = &p.referentie_nummer;
    let nummer = p.toewijzing_nummer;

    // TR389 (9389): a debet for the same ProductPeriode, ProductCategorie, ProductCode and
    // ToewijzingNummer only when every earlier debet with that key was credited (IV086: the
    // credit may be in the same message, and is then judged first). The period is the same
    // Begindatum and Einddatum, as for TR416 at level 2.
    if let Some(earlier) = counting_debets(state, aanbieder, nummer).find(|d| d.same_key(p)) {
        judge.reject(
            "TR389",
            RetourCode::R9389,
            target,
            format!(
                "debet prestatie {} for {} was not credited; credit it before declaring it again",
                earlier.referentie_nummer,
                p.describe()
            ),
        );
    }

    // TR346 (9346): Eenheid ≠ 83 ⇒ IngediendBedrag = GeleverdVolume × ProductTarief.
    tr346(judge, target, p);

    // TR381 (S329): the product code fits its category (a credit is not judged on content).
    judge.tr381_product_code(p.product_categorie, Some(&p.product_code), target);

    // TR418 (0611): the tariff is the contract's (a credit is not judged on content).
    tr418_contract_tariff(judge, aanbieder, target, p);

    // The toewijzing. TR304 (8187) on the Prestatie: its ToewijzingNummer belongs to another
    // client of this gemeente ("De prestatie hoort niet bij deze client").
    let index = IndexKey::ToewijzingNummer {
        gemeente: here.key.gemeente.clone(),
        nummer,
    };
    if let Some(IndexEntry::Toewijzing {
        client,
        aanbieder: owner,
    }) = judge.prior.lookup(&index)
    {
        if client != here.key && owner == aanbieder {
            judge.reject(
                "TR304",
                RetourCode::R8187,
                target,
                format!(
                    "prestatie {r}: ToewijzingNummer {nummer} is a toewijzing of another client"
                ),
            );
            return;
        }
    }
    // TR338 (9338): the prestatie relates to a toegewezen product by its ToewijzingNummer; a
    // toewijzing of another aanbieder is unknown to this one.
    let Some(t) = state.actual_toewijzing(aanbieder, nummer) else {
        judge.reject(
            "TR338",
            RetourCode::R9338,
            target,
            format!(
                "prestatie {r}: ToewijzingNummer {nummer} is not a toewijzing of aanbieder \
                 {aanbieder} for this client"
            ),
        );
        return;
    };
    // TR384 (9384): no declaring on a toewijzing deleted with RedenWijziging 13 (its actual
    // version, IV013).
    if t.is_deleted() {
        judge.reject(
            "TR384",
            RetourCode::R9384,
            target,
            format!(
                "prestatie {r}: toewijzing {nummer} was deleted (RedenWijziging 13, \
                 Toewijzingsdatum {})",
                t.toewijzingsdatum
            ),
        );
        return;
    }
    periode_rules(judge, target, p, t);
    product_rules(judge, target, p, t);
    // The volume rules sum this prestatie with the counting ones: only for a prestatie that
    // passed every other rule (a second debet of a key, TR389, would count twice; one outside
    // the toewijzing or in another unit has no meaningful maximum).
    if judge.decision.findings.len() == before {
        volume_rules(judge, here, state, target, p, t);
    }
}

/// TR418 (0611, "Het ingediende tarief komt niet overeen met het contractuele tarief"): the
/// ProductTarief of a debet equals the tariff the gemeente contracted with the aanbieder (the
/// 323's Afzender) for its product (ProductCategorie and ProductCode) on the prestatie's
/// ProductPeriode Begindatum, by the configured contract tariff list.
///
/// Choices where the standard is open: the rule compares with a contract, so a prestatie
/// without ProductTarief (Eenheid 83, CD087) or whose product and date no contract line covers
/// has nothing to compare with and passes: a gemeente's list need not hold every product, and
/// a missing line is a gap in the list, not the provider's error. When several lines cover the
/// date (a tariff per unit, or overlapping contracts), any of their tariffs is accepted. The
/// tariff is compared as declared, per the prestatie's Eenheid: a minute declaration against an
/// hourly contract (IV081) needs a line holding the minute tariff. Without a configured list
/// the rule is reported as not checked (in `wmo323`).
fn tr418_contract_tariff(
    judge: &mut Judge<'_>,
    aanbieder: &str,
    target: Target,
    p: &DeclaratieFact,
) {
    let Some(list) = judge.ctx.lists.tariffs.as_ref() else {
        return;
    };
    let Some(tarief) = p.product_tarief else {
        return;
    };
    let on = p.product_periode.begindatum;
    let contracted: Vec<u32> = list
        .tariffs(aanbieder, p.product_categorie, &p.product_code, on)
        .collect();
    if contracted.is_empty() || contracted.contains(&tarief) {
        return;
    }
    let contracted = contracted
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(" or ");
    judge.reject(
        "TR418",
        RetourCode::R0611,
        target,
        format!(
            "prestatie {}: ProductTarief {tarief} for product {}/{} on {on} is not the contract \
             tariff {contracted} of aanbieder {aanbieder}",
            p.referentie_nummer,
            p.product_categorie.code(),
            p.product_code
        ),
    );
}

/// TR346 (9346, level 4 in the TR table): with Eenheid other than 83, IngediendBedrag =
/// GeleverdVolume × ProductTarief. IV081: a tariff agreed per hour and declared in minutes has
/// ProductTarief = the hourly rate / 60 rounded to whole cents, and IngediendBedrag = (hourly
/// rate × minutes) / 60 rounded; without the contract (not configured) a minute declaration
/// passes when some hourly rate gives both numbers.
fn tr346(judge: &mut Judge<'_>, target: Target, p: &DeclaratieFact) {
    if p.eenheid == Eenheid::Euros {
        return;
    }
    let r = &p.referentie_nummer;
    let volume = i128::from(p.geleverd_volume);
    let bedrag = i128::from(p.ingediend_bedrag);
    let Some(tarief) = p.product_tarief.map(i128::from) else {
        // CD087 (level 2) requires it.
        judge.reject(
            "TR346",
            RetourCode::R9346,
            target,
            format!(
                "prestatie {r} has Eenheid {} but no ProductTarief",
                p.eenheid.code()
            ),
        );
        return;
    };
    if volume * tarief == bedrag {
        return;
    }
    // Half up: round(x / 60) = (x + 30) div 60 for x ≥ 0.
    let per_minute = p.eenheid == Eenheid::Minuut
        && (tarief * 60 - 30..tarief * 60 + 30)
            .filter(|h| *h >= 0)
            .any(|hourly| (hourly * volume + 30).div_euclid(60) == bedrag);
    if !per_minute {
        judge.reject(
            "TR346",
            RetourCode::R9346,
            target,
            format!(
                "prestatie {r}: IngediendBedrag {bedrag} is not GeleverdVolume {volume} × \
                 ProductTarief {tarief} = {}",
                volume * tarief
            ),
        );
    }
}

/// The first and last day of a date's calendar month.
fn month_of(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = d.with_day(1).unwrap_or(d);
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(d);
    (first, last)
}

/// TR307/TR308 (ProductPeriode within the toewijzing) and TR387/TR388 (month boundaries).
fn periode_rules(judge: &mut Judge<'_>, target: Target, p: &DeclaratieFact, t: &Toewijzing) {
    let r = &p.referentie_nummer;
    let pp = &p.product_periode;
    // TR307 (9307): Begindatum ≥ Ingangsdatum of the toewijzing.
    let begin_in = pp.begindatum >= t.ingangsdatum;
    if !begin_in {
        judge.reject(
            "TR307",
            RetourCode::R9307,
            target,
            format!(
                "prestatie {r}: ProductPeriode begins {} before the toewijzing's Ingangsdatum {}",
                pp.begindatum, t.ingangsdatum
            ),
        );
    }
    // TR308 (9308): Einddatum ≤ Einddatum of the toewijzing, when it has one.
    let end_in = t.einddatum.is_none_or(|e| pp.einddatum <= e);
    if !end_in {
        judge.reject(
            "TR308",
            RetourCode::R9308,
            target,
            format!(
                "prestatie {r}: ProductPeriode ends {} after the toewijzing's Einddatum {}",
                pp.einddatum,
                t.einddatum.map(|e| e.to_string()).unwrap_or_default()
            ),
        );
    }
    // TR387 (9387): Begindatum is the first day of its month, or the toewijzing's Ingangsdatum
    // when that lies later in the month (IV089). Only when TR307 holds (else that is the
    // finding).
    let (first, _) = month_of(pp.begindatum);
    let expected_begin = first.max(t.ingangsdatum);
    if begin_in && pp.begindatum != expected_begin {
        judge.reject(
            "TR387",
            RetourCode::R9387,
            target,
            format!(
                "prestatie {r}: ProductPeriode begins {}, expected {expected_begin} (first of \
                 the month, or the toewijzing's Ingangsdatum later in it)",
                pp.begindatum
            ),
        );
    }
    // TR388 (9388): Einddatum is the last day of its month, or the toewijzing's Einddatum
    // when that lies earlier in the month. Only when TR308 holds.
    let (_, last) = month_of(pp.einddatum);
    let expected_end = t.einddatum.map_or(last, |e| last.min(e));
    if end_in && pp.einddatum != expected_end {
        judge.reject(
            "TR388",
            RetourCode::R9388,
            target,
            format!(
                "prestatie {r}: ProductPeriode ends {}, expected {expected_end} (last of the \
                 month, or the toewijzing's Einddatum earlier in it)",
                pp.einddatum
            ),
        );
    }
}

/// TR339/TR340 (product as assigned) and TR341 (unit).
fn product_rules(judge: &mut Judge<'_>, target: Target, p: &DeclaratieFact, t: &Toewijzing) {
    let r = &p.referentie_nummer;
    if let Some(product) = &t.product {
        // TR339 (9339): ProductCategorie as in the toewijzing, when it has one.
        if product.categorie != p.product_categorie {
            judge.reject(
                "TR339",
                RetourCode::R9339,
                target,
                format!(
                    "prestatie {r}: ProductCategorie {} differs from the toewijzing's {}",
                    p.product_categorie.code(),
                    product.categorie.code()
                ),
            );
        }
        // TR340 (9340): ProductCode as in the toewijzing, when it has one.
        if let Some(code) = &product.code {
            if *code != p.product_code {
                judge.reject(
                    "TR340",
                    RetourCode::R9340,
                    target,
                    format!(
                        "prestatie {r}: ProductCode {} differs from the toewijzing's {code}",
                        p.product_code
                    ),
                );
            }
        }
    }
    // TR341 (9341): Eenheid fits the toewijzing's: equal, or minutes for hours. Without an
    // Omvang (aspecific or generic toewijzing) it must fit the contract, which is not
    // configured: not checked.
    match &t.omvang {
        None => not_checked(judge, "TR341"),
        Some(o) => {
            if base_scale(p.eenheid, o.eenheid).is_none() {
                judge.reject(
                    "TR341",
                    RetourCode::R9341,
                    target,
                    format!(
                        "prestatie {r}: Eenheid {} ({}) does not fit the toewijzing's {} ({})",
                        p.eenheid.code(),
                        p.eenheid.meaning(),
                        o.eenheid.code(),
                        o.eenheid.meaning()
                    ),
                );
            }
        }
    }
}

/// How many base units one unit of a prestatie's Eenheid is, where the base is the
/// toewijzing's unit, or minutes for a toewijzing in hours; `None` when it does not fit
/// (TR341).
fn base_scale(prestatie: Eenheid, toewijzing: Eenheid) -> Option<i128> {
    match (toewijzing, prestatie) {
        (Eenheid::Uur, Eenheid::Uur) => Some(60),
        (Eenheid::Uur, Eenheid::Minuut) => Some(1),
        (t, p) if t == p => Some(1),
        _ => None,
    }
}

/// A debet's volume in the toewijzing's base units (0 when its unit does not fit).
fn base_volume(d: &DeclaratieFact, toewijzing: Eenheid) -> i128 {
    base_scale(d.eenheid, toewijzing).map_or(0, |s| s * i128::from(d.geleverd_volume))
}

/// Outputgericht: the toewijzing's Omvang is in Stuks (output) or Euro's (module choices).
fn outputgericht(o: &Omvang) -> bool {
    matches!(o.eenheid, Eenheid::StuksOutput | Eenheid::Euros)
}

fn days(from: NaiveDate, to: NaiveDate) -> i128 {
    if to < from {
        0
    } else {
        i128::from((to - from).num_days()) + 1
    }
}

/// The calendar weeks a period touches (IV077), as the volume rules count them.
fn weeks(from: NaiveDate, to: NaiveDate) -> i128 {
    i128::from(crate::calendar::weeks_touched(from, to))
}

/// The Sundays in a period.
fn sundays(from: NaiveDate, to: NaiveDate) -> i128 {
    let ahead = u64::from(6 - from.weekday().num_days_from_monday());
    match from.checked_add_days(Days::new(ahead)) {
        Some(first) if first <= to => i128::from((to - first).num_days()) / 7 + 1,
        _ => 0,
    }
}

/// The calendar months a period touches.
fn months(from: NaiveDate, to: NaiveDate) -> i128 {
    if to < from {
        0
    } else {
        let n = |d: NaiveDate| i128::from(d.year()) * 12 + i128::from(d.month0());
        n(to) - n(from) + 1
    }
}

/// The maximum number of Volumes of an Omvang in one ProductPeriode (`from..=to`, within the
/// toewijzing), with how it was counted.
fn period_volumes(
    t: &Toewijzing,
    o: &Omvang,
    categorie: ProductCategorie,
    from: NaiveDate,
    to: NaiveDate,
) -> (i128, String) {
    match o.frequentie {
        Frequentie::PerDag => {
            let n = days(from, to);
            (n, format!("{n} days × {} per day", o.volume))
        }
        Frequentie::PerWeek if categorie == ProductCategorie::HulpBijHetHuishouden => (
            6,
            format!("category 01 per week: 6 × {} per week per period", o.volume),
        ),
        Frequentie::PerWeek if outputgericht(o) => {
            let n = sundays(from, to);
            // The last, broken week goes with the period of the toewijzing's last Sunday
            // (IV076), or, with no Sunday at all, with the period of its Einddatum.
            let extra = match t.einddatum {
                Some(e) if e.weekday() != Weekday::Sun => {
                    let last_sunday = e
                        .checked_sub_days(Days::new(u64::from(e.weekday().num_days_from_sunday())))
                        .unwrap_or(e);
                    let at = if last_sunday >= t.ingangsdatum {
                        last_sunday
                    } else {
                        e
                    };
                    i128::from(from <= at && at <= to)
                }
                _ => 0,
            };
            (
                n + extra,
                format!(
                    "{n} Sundays{} × {} per week (outputgericht)",
                    if extra > 0 {
                        " + the last broken week"
                    } else {
                        ""
                    },
                    o.volume
                ),
            )
        }
        Frequentie::PerWeek => {
            let n = weeks(from, to);
            (n, format!("{n} calendar weeks × {} per week", o.volume))
        }
        Frequentie::PerMaand => (1, format!("{} per month", o.volume)),
        Frequentie::TotaalBinnenGeldigheidsduur => {
            (1, format!("{} in total for the toewijzing", o.volume))
        }
    }
}

/// The maximum number of Volumes over the toewijzing's whole term; `None` when unbounded (no
/// Einddatum and not a total).
fn term_volumes(t: &Toewijzing, o: &Omvang) -> Option<(i128, String)> {
    let (from, to) = (t.ingangsdatum, t.einddatum);
    Some(match (o.frequentie, to) {
        (Frequentie::TotaalBinnenGeldigheidsduur, _) => {
            (1, format!("{} in total for the toewijzing", o.volume))
        }
        (_, None) => return None,
        (Frequentie::PerDag, Some(to)) => {
            let n = days(from, to);
            (n, format!("{n} days × {} per day", o.volume))
        }
        (Frequentie::PerWeek, Some(to)) if outputgericht(o) => {
            let n = sundays(from, to) + i128::from(to.weekday() != Weekday::Sun);
            (n, format!("{n} weeks (Sundays) × {} per week", o.volume))
        }
        (Frequentie::PerWeek, Some(to)) => {
            let n = weeks(from, to);
            (n, format!("{n} calendar weeks × {} per week", o.volume))
        }
        (Frequentie::PerMaand, Some(to)) => {
            let n = months(from, to);
            (n, format!("{n} months × {} per month", o.volume))
        }
    })
}

/// TR321/TR322 (Omvang) and TR369 (Budget).
fn volume_rules(
    judge: &mut Judge<'_>,
    here: &Here<'_>,
    state: &ClientState,
    target: Target,
    p: &DeclaratieFact,
    t: &Toewijzing,
) {
    let r = &p.referentie_nummer;
    let aanbieder = here.aanbieder;
    let pp = &p.product_periode;
    if let Some(o) = &t.omvang {
        let Some(scale) = base_scale(p.eenheid, o.eenheid) else {
            return;
        };
        let unit_volume = base_scale(o.eenheid, o.eenheid).unwrap_or(1) * i128::from(o.volume);
        let categorie = t
            .product
            .as_ref()
            .map_or(p.product_categorie, |x| x.categorie);
        let volume = scale * i128::from(p.geleverd_volume);
        let in_units = |base: i128| base / scale;
        // TR321 (9321): the prestatie's volume fits the Omvang over its ProductPeriode.
        let from = pp.begindatum.max(t.ingangsdatum);
        let to = t.einddatum.map_or(pp.einddatum, |e| pp.einddatum.min(e));
        let (n, how) = period_volumes(t, o, categorie, from, to);
        let max = n * unit_volume;
        if volume > max {
            judge.reject(
                "TR321",
                RetourCode::R9321,
                target,
                format!(
                    "prestatie {r}: GeleverdVolume {} (Eenheid {}) is more than the {} allowed \
                     for ProductPeriode {} to {} ({how})",
                    p.geleverd_volume,
                    p.eenheid.code(),
                    in_units(max),
                    pp.begindatum,
                    pp.einddatum
                ),
            );
            return;
        }
        // TR322 (9322): the sum of the counting debets on this toewijzing fits, in the
        // prestatie's calendar month and over the toewijzing's term.
        let debets: Vec<&DeclaratieFact> =
            counting_debets(state, aanbieder, p.toewijzing_nummer).collect();
        let (month_first, month_last) = month_of(pp.begindatum);
        let in_month: i128 = debets
            .iter()
            .filter(|d| month_of(d.product_periode.begindatum).0 == month_first)
            .map(|d| base_volume(d, o.eenheid))
            .sum::<i128>()
            + volume;
        let from = month_first.max(t.ingangsdatum);
        let to = t.einddatum.map_or(month_last, |e| month_last.min(e));
        let (n, how) = period_volumes(t, o, categorie, from, to);
        let month_max = n * unit_volume;
        if in_month > month_max {
            judge.reject(
                "TR322",
                RetourCode::R9322,
                target,
                format!(
                    "prestatie {r}: with the earlier prestaties of toewijzing {} in {}-{:02} the \
                     declared volume is {}, more than the {} allowed ({how})",
                    p.toewijzing_nummer,
                    month_first.year(),
                    month_first.month(),
                    in_units(in_month),
                    in_units(month_max)
                ),
            );
            return;
        }
        if let Some((n, how)) = term_volumes(t, o) {
            let total: i128 = debets
                .iter()
                .map(|d| base_volume(d, o.eenheid))
                .sum::<i128>()
                + volume;
            let term_max = n * unit_volume;
            if total > term_max {
                judge.reject(
                    "TR322",
                    RetourCode::R9322,
                    target,
                    format!(
                        "prestatie {r}: the declared volume on toewijzing {} comes to {}, more \
                         than the {} of its term {} to {} ({how})",
                        p.toewijzing_nummer,
                        in_units(total),
                        in_units(term_max),
                        t.ingangsdatum,
                        t.einddatum.map(|e| e.to_string()).unwrap_or_default()
                    ),
                );
            }
        }
    }
    // TR369 (9369): with a Budget, the declared sum fits it (eurocent; see the module's
    // choices).
    if let Some(budget) = t.budget {
        let total: i128 = counting_debets(state, aanbieder, p.toewijzing_nummer)
            .map(|d| i128::from(d.ingediend_bedrag))
            .sum::<i128>()
            + i128::from(p.ingediend_bedrag);
        if total > i128::from(budget) {
            judge.reject(
                "TR369",
                RetourCode::R9369,
                target,
                format!(
                    "prestatie {r}: the declared amounts on toewijzing {} come to {total} \
                     eurocent, more than its Budget of {budget}",
                    p.toewijzing_nummer
                ),
            );
        }
    }
}

/// A 325 Declaratie-antwoord. In [`Mode::Own`] as aanbieder, it answers a 323 we sent: the
/// 325 lists only the rejected prestaties (IV087), so the prestaties of our 323 that it does
/// not list are confirmed (approved, no longer pending) and the listed ones removed; a 325 that
/// rejects the whole declaration (a Header or Declaratie finding, or level 2: no
/// DeclaratieAntwoord) removes them all: the 323 counts as not sent. Any other 325 is not
/// judged.
pub(crate) fn on_wmo325(prior: &dyn Prior, m: &Wmo325, ctx: &Context<'_>) -> Decision {
    let h = &m.header.header;
    let us = match &ctx.mode {
        Mode::Own(Party::Aanbieder(us)) if *us == h.ontvanger => us.clone(),
        _ => {
            return Decision::not_judged(
                Role::Receiver,
                "a 325 that does not answer a 323 of our aanbieder: nothing to confirm",
            )
        }
    };
    let identificatie = &m.header.declaratie_identificatie.identificatie;
    let key = IndexKey::Message {
        afzender: us.clone(),
        kind: MessageKind::Wmo323,
        identificatie: identificatie.clone(),
    };
    let Some(IndexEntry::Message {
        dagtekening,
        clients,
        awaiting_retour: true,
    }) = prior.lookup(&key)
    else {
        return Decision::not_judged(
            Role::Receiver,
            format!("a 325 on our 323 {identificatie:?}, which is unknown or already answered"),
        );
    };
    let source = MessageRef {
        kind: MessageKind::Wmo323,
        afzender: us,
        identificatie: identificatie.clone(),
        dagtekening: *dagtekening,
    };
    let fine = |codes: &[RetourCode], also: RetourCode| {
        codes.iter().all(|c| *c == RetourCode::R0200 || *c == also)
    };
    let whole_rejected = !fine(&m.header.retour_codes.0, RetourCode::R0200)
        || m.declaratie_antwoord
            .as_ref()
            .is_none_or(|a| !fine(&a.retour_codes.0, RetourCode::R8001));
    let mut decision = Decision::new(Role::Receiver);
    let mut removed = 0usize;
    let mut kept = 0usize;
    for client in clients {
        let mut state = prior.client(client).cloned().unwrap_or_default();
        let listed = m
            .declaratie_antwoord
            .as_ref()
            .and_then(|a| a.clienten.iter().find(|c| c.bsn == client.bsn));
        let rejected = |d: &DeclaratieFact| {
            whole_rejected
                || listed.is_some_and(|c| {
                    !fine(&c.retour_codes.0, RetourCode::R0200)
                        || c.prestaties.iter().any(|p| {
                            normalize(&p.product_referentie.referentie_nummer)
                                == d.referentie_nummer
                        })
                })
        };
        let before = state.facts.len();
        state.facts.retain(|f| match &f.body {
            FactBody::Declaratie(d) if f.source == source => !rejected(d),
            _ => true,
        });
        removed += before - state.facts.len();
        for f in state.facts.iter_mut().filter(|f| f.source == source) {
            f.pending = false;
            if let FactBody::Declaratie(d) = &mut f.body {
                d.approved = true;
                kept += 1;
            }
        }
        decision.clients.push((client.clone(), state));
    }
    decision.verdict = if whole_rejected {
        Verdict::RetourRejected
    } else if removed > 0 {
        Verdict::PartlyApproved
    } else {
        Verdict::RetourApproved
    };
    decision.note = Some(if whole_rejected {
        format!("the 325 rejected our declaration {identificatie:?} as a whole: {removed} prestatie(s) removed")
    } else {
        format!(
            "the 325 on our declaration {identificatie:?}: {kept} prestatie(s) approved, {removed} rejected and removed"
        )
    });
    // OP090x4: the 325 is due 10 working days after the 323.
    decision.signals =
        crate::signals::late_answer_on_our_message(ctx, &source, &source.afzender, clients);
    decision.index.push((
        key,
        IndexEntry::Message {
            dagtekening: *dagtekening,
            clients: clients.clone(),
            awaiting_retour: false,
        },
    ));
    decision
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn calendar_weeks_as_iv077_counts_them() {
        // IV077: 3 hours a week from 07-10-2025 to 30-12-2025.
        assert_eq!(weeks(date(2025, 10, 7), date(2025, 10, 31)), 4);
        assert_eq!(weeks(date(2025, 11, 1), date(2025, 11, 30)), 5);
        assert_eq!(weeks(date(2025, 12, 1), date(2025, 12, 30)), 5);
        assert_eq!(weeks(date(2025, 10, 7), date(2025, 12, 30)), 13);
        // IV076: 07-07-2025 to 07-09-2025 is 9 weeks.
        assert_eq!(weeks(date(2025, 7, 7), date(2025, 9, 7)), 9);
        assert_eq!(weeks(date(2025, 9, 1), date(2025, 8, 31)), 0);
    }

    #[test]
    fn sundays_and_months() {
        // IV077, output: November 2025 has 5 Sundays, December 4.
        assert_eq!(sundays(date(2025, 11, 1), date(2025, 11, 30)), 5);
        assert_eq!(sundays(date(2025, 12, 1), date(2025, 12, 31)), 4);
        assert_eq!(sundays(date(2025, 12, 1), date(2025, 12, 6)), 0);
        assert_eq!(months(date(2026, 3, 9), date(2027, 3, 8)), 13);
        assert_eq!(days(date(2026, 2, 1), date(2026, 2, 28)), 28);
    }

    fn debet(referentie: &str, approved: bool) -> Fact {
        let periode = GeslotenPeriode {
            begindatum: date(2026, 4, 1),
            einddatum: date(2026, 4, 30),
        };
        Fact {
            source: MessageRef {
                kind: MessageKind::Wmo323,
                afzender: "98004132".into(),
                identificatie: "A1".into(),
                dagtekening: date(2026, 5, 6),
            },
            pending: !approved,
            body: FactBody::Declaratie(DeclaratieFact {
                aanbieder: "98004132".into(),
                declaratie_nummer: "D1".into(),
                declaratie_periode: periode.clone(),
                referentie_nummer: referentie.into(),
                vorig_referentie_nummer: None,
                debet_credit: DebetCredit::Debet,
                toewijzing_nummer: 26000871,
                product_categorie: ProductCategorie::Begeleiding,
                product_code: "02A02".into(),
                product_periode: periode,
                geleverd_volume: 16,
                eenheid: Eenheid::Uur,
                product_tarief: Some(6800),
                ingediend_bedrag: 108800,
                approved,
            }),
        }
    }

    #[test]
    fn tr385_blocks_only_approved_uncredited_debets() {
        let mut state = ClientState::default();
        assert_eq!(
            tr385_approved_prestaties(&state, "98004132", 26000871),
            None
        );
        // Waiting for its 325: not approved, does not block.
        state.facts.push(debet("R1", false));
        assert_eq!(
            tr385_approved_prestaties(&state, "98004132", 26000871),
            None
        );
        state.facts.push(debet("R2", true));
        let detail = tr385_approved_prestaties(&state, "98004132", 26000871).unwrap();
        assert!(detail.contains("R2"), "{detail}");
        // Another number or another aanbieder: nothing.
        assert_eq!(tr385_approved_prestaties(&state, "98004132", 1), None);
        assert_eq!(
            tr385_approved_prestaties(&state, "98011877", 26000871),
            None
        );
        // Credited: the deletion is allowed.
        let mut credit = debet("R3", true);
        if let FactBody::Declaratie(d) = &mut credit.body {
            d.debet_credit = DebetCredit::Credit;
            d.vorig_referentie_nummer = Some("R2".into());
        }
        state.facts.push(credit);
        assert_eq!(
            tr385_approved_prestaties(&state, "98004132", 26000871),
            None
        );
    }
}
