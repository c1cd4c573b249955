//! The WMO405 derivation of a gemeente: the eigen-bijdrage periods the CAK should know, per
//! person, computed from the deliveries, and the WMO405 messages that bring the CAK's view in
//! line with them (spec `ieb-wmo405.md` §2–§5, design §4).
//!
//! The derivation is a diff, not a reaction to single messages: after every decision that
//! changes a client, the periods are computed from scratch from the client's state
//! ([`desired_periods`]) and compared with the periods already sent (the client's
//! [`FactBody::EigenBijdrage`] facts). Only the difference is sent, so deciding the same facts
//! twice, or in another order that leads to the same deliveries, sends nothing new, and the
//! periods at the CAK always equal those computed from the final state.
//!
//! - A period starts at the first liable delivery and stops when the last one that overlaps or
//!   touches it stops (aggregation per person, VNG FAQ).
//! - Liable: the product categories of [`EigenBijdrageConfig::liable`] (OP369: products that are
//!   not liable must not trigger).
//! - A temporary stop (reden 20) ends a period only when configured: not settled nationally
//!   (`ieb-wmo405.md` §3); by default only definitive stops end it. A delivery that was
//!   started again after it ends, at the latest, the day before the new start (it can no
//!   longer be stopped, TR382), so the new start's stop ends the period.
//! - The no-care rule (as configured for a gemeente, [`crate::NoCareAction`]) ends a
//!   delivery's period on the last day of care; care that resumes after it (a care event, a
//!   declared prestatie) opens a new period from that day; a new start opens its own.
//! - New period: StatusAanlevering 1 with a new EbStartNummer; changed start or stop: 2 with the
//!   same number (iEb OP033: 2 replaces the delivery with the same key); a period that no longer
//!   exists (its start was deleted): 3.
//! - EbStartNummer: the gemeente's counter, in the index, from
//!   [`EigenBijdrageConfig::first_start_nummer`]: deterministic in decision order.

use chrono::{Days, NaiveDate};
use iwmo_model::codes::{IebStatusAanlevering, ProductCategorie};
use iwmo_model::{
    BerichtIdentificatie, Bsn, EigenBijdrageClient, IebHeader, MessageKind,
    PeriodeEigenBijdrageAbo, Wmo405, XsdVersie,
};

use crate::levering::same_toegewezen_product;
use crate::signals::NoCareStop;
use crate::state::{ClientState, FactBody};

/// How a gemeente derives its WMO405s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EigenBijdrageConfig {
    /// Whether this ledger derives WMO405s at all (a gemeente's; never an aanbieder's).
    pub enabled: bool,
    /// The liable product categories. Default: every maatwerk category except 08
    /// vervoerdiensten (usually an algemene voorziening) and 15–18 beschermd wonen and opvang
    /// (their own iEb messages, WMO407). Local policy: configure it.
    pub liable: Vec<ProductCategorie>,
    /// Whether a temporary stop (reden 20) ends the period (default: no).
    pub temporary_stop_ends_period: bool,
    /// The first EbStartNummer the gemeente hands out.
    pub first_start_nummer: u32,
}

impl Default for EigenBijdrageConfig {
    fn default() -> Self {
        use ProductCategorie::*;
        EigenBijdrageConfig {
            enabled: true,
            liable: vec![
                HulpBijHetHuishouden,
                Begeleiding,
                PersoonlijkeVerzorging,
                KortdurendVerblijf,
                Woondiensten,
                OverigeIndividueleOndersteuning,
                Dagbesteding,
                OverigeGroepsgerichteOndersteuning,
                OverigeMaatwerkArrangementen,
                Rolstoelen,
                Vervoervoorzieningen,
                Woonvoorzieningen,
                OverigeHulpmiddelen,
            ],
            temporary_stop_ends_period: false,
            first_start_nummer: 1,
        }
    }
}

/// One period of eigen bijdrage: from `start`, until `stop` (inclusive) when known.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct EbPeriod {
    /// EbStartdatum.
    #[serde(serialize_with = "crate::date_text::serialize")]
    pub start: NaiveDate,
    /// EbStopdatum.
    #[serde(serialize_with = "crate::date_text::serialize_option")]
    pub stop: Option<NaiveDate>,
}

/// A period as sent to the CAK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EbSent {
    /// Its EbStartNummer.
    pub nummer: u32,
    /// The period as last sent.
    pub period: EbPeriod,
    /// Deleted (status 3).
    pub deleted: bool,
}

/// The periods the CAK should have for this client, from its deliveries, sorted.
pub fn desired_periods(state: &ClientState, config: &EigenBijdrageConfig) -> Vec<EbPeriod> {
    let mut intervals: Vec<EbPeriod> = Vec::new();
    let deliveries = state.deliveries();
    for (i, d) in deliveries.iter().enumerate() {
        let category = d.start.product.as_ref().map(|p| p.categorie).or_else(|| {
            // Without a Product the toewijzing says what was delivered.
            d.start
                .nummer
                .and_then(|n| state.actual_toewijzing(&d.start.aanbieder, n))
                .and_then(|t| t.product.as_ref().map(|p| p.categorie))
        });
        if !category.is_some_and(|c| config.liable.contains(&c)) {
            continue;
        }
        let mut end = d
            .stops
            .iter()
            .filter(|s| config.temporary_stop_ends_period || !s.is_temporary())
            .map(|s| s.einddatum)
            .min();
        // A later start of the same toegewezen product (after a temporary stop) supersedes
        // this delivery: it can no longer be stopped (TR382), so it ends, at the latest, the
        // day before that start.
        if let Some(next) = deliveries[i + 1..]
            .iter()
            .find(|n| same_toegewezen_product(&n.start, &d.start))
        {
            let before = next.start.begindatum.pred_opt();
            end = match (end, before) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        liable_pieces(state, d, end, &mut intervals);
    }
    intervals.sort();
    let mut merged: Vec<EbPeriod> = Vec::new();
    for i in intervals {
        if let Some(last) = merged.last_mut() {
            // Overlapping or touching (the next starts the day after the last stop): one period.
            let touches = match last.stop {
                None => true,
                Some(stop) => stop
                    .checked_add_days(Days::new(1))
                    .is_none_or(|next| i.start <= next),
            };
            if touches {
                last.stop = match (last.stop, i.stop) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                continue;
            }
        }
        merged.push(i);
    }
    merged
}

/// The liable periods of one delivery that ends on `end` (if known): from its Begindatum,
/// interrupted by the days the no-care rule stopped the eigen bijdrage ([`NoCareStop`]) until
/// care resumed after them ([`crate::signals::care_resumed`]).
fn liable_pieces(
    state: &ClientState,
    d: &crate::state::Delivery,
    end: Option<NaiveDate>,
    out: &mut Vec<EbPeriod>,
) {
    let mut stops: Vec<NaiveDate> = match d.start.nummer {
        None => Vec::new(),
        Some(nummer) => state
            .facts
            .iter()
            .filter_map(|f| match &f.body {
                FactBody::NoCareStop(NoCareStop {
                    aanbieder,
                    toewijzing_nummer,
                    begindatum,
                    since,
                }) if *aanbieder == d.start.aanbieder
                    && *toewijzing_nummer == nummer
                    && *begindatum == d.start.begindatum =>
                {
                    Some(*since)
                }
                _ => None,
            })
            .collect(),
    };
    stops.sort();
    let mut from = Some(d.start.begindatum);
    for since in stops {
        let Some(start) = from else { break };
        if since < start || end.is_some_and(|e| since >= e) {
            // Before this piece began (care resumed past it already), or after the end.
            continue;
        }
        out.push(EbPeriod {
            start,
            stop: Some(since),
        });
        from = d.start.nummer.and_then(|nummer| {
            crate::signals::care_resumed(state, &d.start.aanbieder, nummer, since)
        });
    }
    if let Some(start) = from {
        if end.is_none_or(|e| start <= e) {
            out.push(EbPeriod { start, stop: end });
        }
    }
}

/// The periods as sent to the CAK (folded over the client's facts), by EbStartNummer.
pub fn sent_periods(state: &ClientState) -> Vec<EbSent> {
    let mut out: Vec<EbSent> = Vec::new();
    for f in &state.facts {
        if let FactBody::EigenBijdrage(sent) = &f.body {
            match out.iter_mut().find(|s| s.nummer == sent.nummer) {
                Some(s) => *s = *sent,
                None => out.push(*sent),
            }
        }
    }
    out
}

/// One change to send: the period as it must become, and its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EbChange {
    /// The EbStartNummer (`None`: a new period, number to allocate).
    pub nummer: Option<u32>,
    /// The period.
    pub period: EbPeriod,
    /// 1 new, 2 changed, 3 deleted.
    pub status: IebStatusAanlevering,
}

/// What must be sent so that `sent` becomes `desired`: deletions first, then changes, then new
/// periods. A sent period is matched with the desired period it overlaps (or, failing that,
/// with the one with the same start).
pub fn diff(desired: &[EbPeriod], sent: &[EbSent]) -> Vec<EbChange> {
    let live: Vec<&EbSent> = sent.iter().filter(|s| !s.deleted).collect();
    let overlaps = |a: &EbPeriod, b: &EbPeriod| {
        let a_end = a.stop.unwrap_or(NaiveDate::MAX);
        let b_end = b.stop.unwrap_or(NaiveDate::MAX);
        a.start <= b_end && b.start <= a_end
    };
    let mut matched_sent = vec![false; live.len()];
    let mut pairs: Vec<(usize, Option<usize>)> = Vec::new();
    for (di, d) in desired.iter().enumerate() {
        let found = live
            .iter()
            .enumerate()
            .find(|(si, s)| !matched_sent[*si] && overlaps(&s.period, d))
            .map(|(si, _)| si);
        if let Some(si) = found {
            matched_sent[si] = true;
        }
        pairs.push((di, found));
    }
    let mut out = Vec::new();
    for (si, s) in live.iter().enumerate() {
        if !matched_sent[si] {
            out.push(EbChange {
                nummer: Some(s.nummer),
                period: s.period,
                status: IebStatusAanlevering::VerwijderenAanlevering,
            });
        }
    }
    for &(di, si) in &pairs {
        if let Some(si) = si {
            if live[si].period != desired[di] {
                out.push(EbChange {
                    nummer: Some(live[si].nummer),
                    period: desired[di],
                    status: IebStatusAanlevering::GewijzigdeAanlevering,
                });
            }
        }
    }
    for &(di, si) in &pairs {
        if si.is_none() {
            out.push(EbChange {
                nummer: None,
                period: desired[di],
                status: IebStatusAanlevering::EersteAanlevering,
            });
        }
    }
    out
}

/// The WMO405 for one change. Its Identificatie is the EbStartNummer and the how-manieth
/// message for that number (`26000012-2`), so replays give the same bytes.
pub fn wmo405(
    gemeente: &str,
    bsn: &Bsn,
    nummer: u32,
    sequence: usize,
    change: &EbChange,
    dagtekening: NaiveDate,
) -> Wmo405 {
    Wmo405 {
        header: IebHeader {
            bericht_code: MessageKind::Wmo405.bericht_code().to_string(),
            afzender: gemeente.to_string(),
            bericht_identificatie: BerichtIdentificatie {
                identificatie: format!("{nummer}-{sequence}"),
                dagtekening,
            },
            xsd_versie: XsdVersie::default(),
        },
        client: EigenBijdrageClient {
            bsn: bsn.clone(),
            periode_eigen_bijdrage_abo: PeriodeEigenBijdrageAbo {
                eb_start_nummer: nummer,
                eb_startdatum: change.period.start,
                eb_stopdatum: change.period.stop,
                kostprijs: None,
                status_aanlevering: change.status,
                retour_codes: (),
            },
            retour_codes: (),
        },
    }
}
