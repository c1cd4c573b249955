//! 305 Start and 307 Stop levering: the delivery life cycle per toegewezen product (spec §2.3–2.5,
//! §3.3) and its level-3 rules.
//!
//! Within one message the deletions (StatusAanlevering 3) are processed before the first
//! deliveries (1), each in document order, and each product sees the ones before it: "process
//! the delete before the replacement" (spec §2.5), which lets a start or stop be corrected in
//! one message when the corrected element is part of its key (casus 4). Any finding rejects the
//! whole message (IV032).

use iwmo_model::codes::{RetourCode, StatusAanlevering};
use iwmo_model::{Product, Wmo305, Wmo307};
use iwmo_rules::{Class305, Class307};

use crate::decide::Judge;
use crate::decision::Target;
use crate::state::{ClientState, FactBody, Start, Stop};

/// The order products are processed in: deletions first, then the rest, each in document order.
fn processing_order(statuses: impl Iterator<Item = StatusAanlevering> + Clone) -> Vec<usize> {
    let deletes = statuses
        .clone()
        .enumerate()
        .filter(|(_, s)| *s == StatusAanlevering::VerwijderenAanlevering)
        .map(|(i, _)| i);
    let rest = statuses
        .enumerate()
        .filter(|(_, s)| *s != StatusAanlevering::VerwijderenAanlevering)
        .map(|(i, _)| i);
    deletes.chain(rest).collect()
}

fn key_text(s: &Start) -> String {
    match s.nummer {
        Some(n) => format!(
            "ToewijzingNummer {n}, {}, Begindatum {}",
            Product::describe(s.product.as_ref()),
            s.begindatum
        ),
        None => format!(
            "{}, Begindatum {}",
            Product::describe(s.product.as_ref()),
            s.begindatum
        ),
    }
}

/// TR019 (9019): the start or stop must relate to a toewijzing of this aanbieder by its
/// ToewijzingNummer. Without a number (taakgericht, where the standard has no toewijzing per
/// product) there is nothing to relate. A toewijzing of another aanbieder, or one deleted with
/// RedenWijziging 13, is unknown to this aanbieder (design §6).
/// Rejects and returns false when the delivery names no such toewijzing.
fn tr019_known_toewijzing(
    judge: &mut Judge<'_>,
    state: &ClientState,
    start: &Start,
    target: Target,
) -> bool {
    let known = match start.nummer {
        None => true,
        Some(n) => state
            .actual_toewijzing(&start.aanbieder, n)
            .is_some_and(|t| !t.is_deleted()),
    };
    if !known {
        judge.reject(
            "TR019",
            RetourCode::R9019,
            target,
            format!(
                "ToewijzingNummer {} is not a toewijzing of aanbieder {} for this client",
                start.nummer.unwrap_or_default(),
                start.aanbieder
            ),
        );
    }
    known
}

/// TR381 (S329) on a new start or stop (a deletion names what was accepted before). Returns
/// false when the product code does not fit its category.
fn tr381(judge: &mut Judge<'_>, start: &Start, target: Target) -> bool {
    let before = judge.decision.findings.len();
    judge.tr381_product(start.product.as_ref(), target);
    judge.decision.findings.len() == before
}

/// Same toegewezen product: the same number, or without numbers the same product.
pub(crate) fn same_toegewezen_product(a: &Start, b: &Start) -> bool {
    a.aanbieder == b.aanbieder
        && match (a.nummer, b.nummer) {
            (Some(x), Some(y)) => x == y,
            (None, None) => a.product == b.product,
            _ => false,
        }
}

pub(crate) fn wmo305(judge: &mut Judge<'_>, m: &Wmo305) {
    let key = judge.client_key(&m.client.bsn);
    let aanbieder = judge.aanbieder().to_string();
    let mut state = judge.client(&key);
    judge.product_codes();
    let products = &m.client.start_producten;
    for i in processing_order(products.iter().map(|p| p.status_aanlevering)) {
        let p = &products[i];
        let target = Target::Wmo305(Class305::StartProduct(i));
        let start = Start {
            aanbieder: aanbieder.clone(),
            nummer: p.toewijzing_nummer,
            product: p.product.clone(),
            begindatum: p.begindatum,
        };
        let deliveries = state.deliveries();
        if p.status_aanlevering == StatusAanlevering::VerwijderenAanlevering {
            let Some(d) = deliveries.iter().rev().find(|d| d.start == start) else {
                judge.reject(
                    "TR063",
                    RetourCode::R9063,
                    target,
                    format!("no earlier start to delete with {}", key_text(&start)),
                );
                continue;
            };
            if let Some(stop) = d.stops.first() {
                judge.reject(
                    "TR071",
                    RetourCode::R9071,
                    target,
                    format!(
                        "the start with {} cannot be deleted: it was stopped on {} (reden {})",
                        key_text(&start),
                        stop.einddatum,
                        stop.reden.code()
                    ),
                );
                continue;
            }
            let fact = judge.fact(FactBody::StartDeleted(start));
            state.facts.push(fact);
            continue;
        }
        let mut ok = tr019_known_toewijzing(judge, &state, &start, target);
        ok &= tr381(judge, &start, target);
        if deliveries.iter().any(|d| d.start == start) {
            judge.reject(
                "TR074",
                RetourCode::R9074,
                target,
                format!("a start with {} was already received", key_text(&start)),
            );
            ok = false;
        } else if let Some(actual) = deliveries
            .iter()
            .find(|d| d.is_actual() && same_toegewezen_product(&d.start, &start))
        {
            judge.reject(
                "TR326",
                RetourCode::R9326,
                target,
                format!(
                    "the start of {} (Begindatum {}) is still actual: stop it first",
                    Product::describe(actual.start.product.as_ref()),
                    actual.start.begindatum
                ),
            );
            ok = false;
        }
        if ok {
            let fact = judge.fact(FactBody::Start(start));
            state.facts.push(fact);
        }
    }
    judge.store(key, state);
}

pub(crate) fn wmo307(judge: &mut Judge<'_>, m: &Wmo307) {
    let key = judge.client_key(&m.client.bsn);
    let aanbieder = judge.aanbieder().to_string();
    let mut state = judge.client(&key);
    judge.product_codes();
    let products = &m.client.stop_producten;
    for i in processing_order(products.iter().map(|p| p.status_aanlevering)) {
        let p = &products[i];
        let target = Target::Wmo307(Class307::StopProduct(i));
        let stop = Stop {
            start: Start {
                aanbieder: aanbieder.clone(),
                nummer: p.toewijzing_nummer,
                product: p.product.clone(),
                begindatum: p.begindatum,
            },
            reden: p.reden_beeindiging,
            einddatum: p.einddatum,
        };
        let deliveries = state.deliveries();
        let delivery = deliveries.iter().rev().find(|d| d.start == stop.start);
        if p.status_aanlevering == StatusAanlevering::VerwijderenAanlevering {
            if !delivery.is_some_and(|d| d.stops.contains(&stop)) {
                judge.reject(
                    "TR063",
                    RetourCode::R9063,
                    target,
                    format!(
                        "no earlier stop to delete with {}, reden {}, Einddatum {}",
                        key_text(&stop.start),
                        stop.reden.code(),
                        stop.einddatum
                    ),
                );
                continue;
            }
            let fact = judge.fact(FactBody::StopDeleted(stop));
            state.facts.push(fact);
            continue;
        }
        let mut ok = tr019_known_toewijzing(judge, &state, &stop.start, target);
        ok &= tr381(judge, &stop.start, target);
        // TR382: the key of the start, copied unchanged, and it must be the latest start of
        // the toegewezen product.
        let latest = deliveries
            .iter()
            .rev()
            .find(|d| same_toegewezen_product(&d.start, &stop.start));
        let Some(d) = delivery.filter(|_| latest.is_some_and(|l| l.start == stop.start)) else {
            judge.reject(
                "TR382",
                RetourCode::R9069,
                target,
                match latest {
                    Some(l) => format!(
                        "the stop names {}, but the latest start of this product is {}",
                        key_text(&stop.start),
                        key_text(&l.start)
                    ),
                    None => format!("no start with {} to stop", key_text(&stop.start)),
                },
            );
            continue;
        };
        if d.stops.contains(&stop) {
            judge.reject(
                "TR074",
                RetourCode::R9074,
                target,
                format!(
                    "a stop with {}, reden {}, Einddatum {} was already received",
                    key_text(&stop.start),
                    stop.reden.code(),
                    stop.einddatum
                ),
            );
            ok = false;
        } else if let Some(definitive) = d.definitive_stop() {
            judge.reject(
                "TR415",
                RetourCode::R9415,
                target,
                format!(
                    "the delivery was already stopped for good on {} (reden {})",
                    definitive.einddatum,
                    definitive.reden.code()
                ),
            );
            ok = false;
        } else {
            if stop.is_temporary() && d.stops.iter().any(Stop::is_temporary) {
                judge.reject(
                    "TR413",
                    RetourCode::R9413,
                    target,
                    "a temporary stop (reden 20) already exists for this start; the next stop must be definitive",
                );
                ok = false;
            }
            if let Some(later) = d.stops.iter().find(|s| s.einddatum > stop.einddatum) {
                judge.reject(
                    "TR414",
                    RetourCode::R9414,
                    target,
                    format!(
                        "Einddatum {} is before the Einddatum {} of the earlier stop",
                        stop.einddatum, later.einddatum
                    ),
                );
                ok = false;
            }
        }
        if ok {
            let fact = judge.fact(FactBody::Stop(stop));
            state.facts.push(fact);
        }
    }
    judge.store(key, state);
}
