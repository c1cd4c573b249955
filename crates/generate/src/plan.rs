//! The plan of a stream: every client's life cycle as dated events, the wrong messages around
//! them, and the order of the whole stream. Nothing is written here (see `build`).
//!
//! One client's life cycle, each message dated on a Dutch working day
//! ([`Calendar`], the ledger's), each event after the previous message of the client:
//!
//! 1. sometimes (30%) a WMO315 verzoek om toewijzing from the aanbieder;
//! 2. the WMO301 toewijzing from the gemeente, 1 to 5 working days later when it answers a 315
//!    (with its ReferentieAanbieder), with an Ingangsdatum on or after its Dagtekening and an
//!    Einddatum at the end of the month 13 to 24 months later;
//! 3. the WMO305 start, Begindatum 0 to 7 days after the Ingangsdatum, sent 1 to 5 working days
//!    after it (the `late` share: 6 to 20, after the OP271 deadline);
//! 4. sometimes (20%) a temporary WMO307 stop (RedenBeeindiging 20) and a restart (a new 305
//!    with a later Begindatum), each sent like the start;
//! 5. the definitive WMO307 stop of the latest start, sent like the start (OP272), except for
//!    the `missing` share of life cycles;
//! 6. sometimes (40%) a WMO323 declaration of the month of the first start, and of the next
//!    month when care was not stopped before it, each 1 to 8 working days after the month.
//!
//! Wrong messages come on top of the clean ones, each next to the clean message it is a
//! variant of (its host), on the same day: a broken version sent just before the right one
//! (not XML, XSD-invalid, a BSN failing the 11-proef, an unknown ToewijzingNummer), or a
//! repetition just after it (a second start or stop, a second 315 with the same reference, a
//! second 323 with the same number, a 301 with the same ToewijzingNummer for another person).
//! Each is rejected without changing the state, so the clean life cycle stays valid.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime};
use iwmo_ledger::calendar::Calendar;
use iwmo_model::codes::{Eenheid, Frequentie, ProductCategorie, RedenBeeindiging};
use iwmo_model::MessageKind;

use crate::people::{agb_codes, person, BsnSource, Person};
use crate::rng::Rng;
use crate::{GenerateConfig, WrongKind};

/// The working days over which the clients' first messages are spread (about a year).
const SPREAD_WORKING_DAYS: u64 = 250;
/// Share of clients whose toewijzing answers a 315.
const VOT_SHARE: f64 = 0.30;
/// Share of clients with a temporary stop and a restart.
const TEMPORARY_STOP_SHARE: f64 = 0.20;
/// Share of clients with declarations.
const DECLARATIE_SHARE: f64 = 0.40;

/// A product a gemeente assigns, with its Omvang and tariff (eurocent). Codes are regional, in
/// the shape of the spec's examples and the fixtures (`02A02`); units and frequencies satisfy
/// CS338 (Etmaal and Dagdeel per week or per month).
#[derive(Debug)]
pub(crate) struct ProductSpec {
    pub categorie: ProductCategorie,
    pub code: &'static str,
    pub eenheid: Eenheid,
    pub frequentie: Frequentie,
    pub volume: (u32, u32),
    pub tarief: u32,
    /// How often it is assigned, relative to the others.
    pub weight: u64,
}

pub(crate) static PRODUCTS: &[ProductSpec] = &[
    ProductSpec {
        categorie: ProductCategorie::HulpBijHetHuishouden,
        code: "01A02",
        eenheid: Eenheid::Uur,
        frequentie: Frequentie::PerWeek,
        volume: (2, 5),
        tarief: 3650,
        weight: 300,
    },
    ProductSpec {
        categorie: ProductCategorie::Begeleiding,
        code: "02A02",
        eenheid: Eenheid::Uur,
        frequentie: Frequentie::PerWeek,
        volume: (2, 8),
        tarief: 6800,
        weight: 280,
    },
    ProductSpec {
        categorie: ProductCategorie::PersoonlijkeVerzorging,
        code: "03A01",
        eenheid: Eenheid::Uur,
        frequentie: Frequentie::PerWeek,
        volume: (1, 5),
        tarief: 5900,
        weight: 120,
    },
    ProductSpec {
        categorie: ProductCategorie::KortdurendVerblijf,
        code: "04A01",
        eenheid: Eenheid::Etmaal,
        frequentie: Frequentie::PerMaand,
        volume: (2, 8),
        tarief: 14500,
        weight: 60,
    },
    ProductSpec {
        categorie: ProductCategorie::OverigeIndividueleOndersteuning,
        code: "06A01",
        eenheid: Eenheid::Minuut,
        frequentie: Frequentie::PerWeek,
        volume: (60, 240),
        tarief: 113,
        weight: 60,
    },
    ProductSpec {
        categorie: ProductCategorie::Dagbesteding,
        code: "07A01",
        eenheid: Eenheid::Dagdeel,
        frequentie: Frequentie::PerWeek,
        volume: (1, 4),
        tarief: 5210,
        weight: 180,
    },
];

/// The reasons of a definitive stop, with weights: mostly as planned or by agreement.
const DEFINITIVE: &[(RedenBeeindiging, u64)] = &[
    (RedenBeeindiging::VolgensPlanBeeindigd, 40),
    (RedenBeeindiging::InOvereenstemmingVoortijdig, 25),
    (RedenBeeindiging::EenzijdigDoorClient, 8),
    (RedenBeeindiging::EenzijdigDoorAanbieder, 5),
    (RedenBeeindiging::Overlijden, 10),
    (RedenBeeindiging::VerhuizingAndereGemeente, 6),
    (RedenBeeindiging::OverstapAndereAanbieder, 6),
];

/// The toewijzing of one client: one product with one aanbieder.
#[derive(Debug, Clone)]
pub(crate) struct Assignment {
    /// Index into [`Plan::agb`].
    pub aanbieder: usize,
    pub nummer: u32,
    pub product: &'static ProductSpec,
    pub volume: u32,
    pub toewijzingsdatum: NaiveDate,
    pub toewijzingstijd: NaiveTime,
    pub ingangsdatum: NaiveDate,
    pub einddatum: NaiveDate,
    /// The 315's ReferentieAanbieder, when the toewijzing answers one.
    pub referentie: Option<String>,
    /// The 315's verwijzer: a huisarts (its AGB code's six last digits) or none (zelfverwijzer).
    pub huisarts: Option<u32>,
}

/// What an event sends.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// The WMO315 of the client's assignment.
    Vot,
    /// The WMO301 of the client's assignment.
    Toewijzing,
    /// A WMO305 start.
    Start { begindatum: NaiveDate },
    /// A WMO307 stop.
    Stop {
        begindatum: NaiveDate,
        reden: RedenBeeindiging,
        einddatum: NaiveDate,
    },
    /// A WMO323 with one prestatie of the client's assignment.
    Declaratie(Declaratie),
}

/// One declaration of one month.
#[derive(Debug, Clone)]
pub(crate) struct Declaratie {
    /// The DeclaratieNummer's number.
    pub nummer: u64,
    /// The ReferentieNummer's number.
    pub referentie: u64,
    /// The calendar month (first and last day): the DeclaratiePeriode.
    pub maand: (NaiveDate, NaiveDate),
    /// The ProductPeriode: the month within the toewijzing.
    pub periode: (NaiveDate, NaiveDate),
    pub volume: u32,
}

impl Body {
    /// The message kind this body is sent as.
    pub(crate) fn kind(&self) -> MessageKind {
        match self {
            Body::Vot => MessageKind::Wmo315,
            Body::Toewijzing => MessageKind::Wmo301,
            Body::Start { .. } => MessageKind::Wmo305,
            Body::Stop { .. } => MessageKind::Wmo307,
            Body::Declaratie(_) => MessageKind::Wmo323,
        }
    }
}

/// One message of the stream, planned.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub dagtekening: NaiveDate,
    /// Index into [`Plan::clients`].
    pub client: usize,
    pub body: Body,
    /// Sent after its deadline (starts and stops only).
    pub late: bool,
    /// A wrong message, and how.
    pub wrong: Option<WrongKind>,
    /// For [`WrongKind::Tr332ToewijzingOfOtherClient`]: the person it names, in
    /// [`Plan::others`].
    pub other: Option<usize>,
    /// Orders the clients within a day.
    shuffle: u64,
    /// Orders the events of one client within a day.
    order: u32,
}

/// The whole stream, planned and in order.
#[derive(Debug)]
pub(crate) struct Plan {
    pub clients: Vec<Person>,
    /// People a wrong message names instead of the client (never clients themselves).
    pub others: Vec<Person>,
    pub agb: Vec<String>,
    pub assignments: Vec<Assignment>,
    pub events: Vec<Event>,
    /// Life cycles without a definitive stop.
    pub missing: usize,
}

/// Dates and deadlines.
struct Clock {
    calendar: Calendar,
}

impl Clock {
    /// `n` working days after `d` (`d` itself never counts).
    fn working_days(&self, d: NaiveDate, n: u64) -> NaiveDate {
        // n ≤ a few hundred here; the result is None only near NaiveDate::MAX.
        self.calendar
            .add_working_days(d, n.min(u64::from(u32::MAX)) as u32)
            .unwrap_or(d)
    }

    /// `d` when it is a working day, else the next one.
    fn working_day_from(&self, d: NaiveDate) -> NaiveDate {
        if self.calendar.is_working_day(d) {
            d
        } else {
            self.working_days(d, 1)
        }
    }
}

fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// The first and last day of the month of `d`.
pub(crate) fn month_of(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = d.with_day(1).unwrap_or(d);
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(d);
    (first, last)
}

/// One item of a table by weight (`None` only for an empty table).
fn weighted<'a, T>(rng: &mut Rng, items: &'a [T], weight: impl Fn(&T) -> u64) -> Option<&'a T> {
    let total: u64 = items.iter().map(&weight).sum();
    let mut x = rng.below(total);
    for item in items {
        if x < weight(item) {
            return Some(item);
        }
        x -= weight(item);
    }
    items.last()
}

/// The independent random streams per client.
const LIFE_CYCLE: u64 = 1;
const WRONG: u64 = 2;
const SHUFFLE: u64 = 3;
const PEOPLE: u64 = 4;

/// Plans the whole stream. The configuration is valid (checked by the caller).
pub(crate) fn plan(config: &GenerateConfig) -> Plan {
    let clock = Clock {
        calendar: Calendar::default(),
    };
    let mut parties = Rng::derive(config.seed, PEOPLE, u64::MAX);
    let mut bsns = BsnSource::new(&mut parties);
    let agb = agb_codes(config.aanbieders, &mut parties);
    let first = clock.working_day_from(config.start);
    let mut clients = Vec::with_capacity(config.clients);
    for i in 0..config.clients {
        let mut rng = Rng::derive(config.seed, PEOPLE, i as u64);
        let bsn = bsns.next().unwrap_or(999_900_006);
        clients.push(person(bsn, first, &config.gemeente, &mut rng));
    }
    // ToewijzingNummers in the fixtures' shape: the year's two digits, then a number.
    let base = (first.year().rem_euclid(100) as u32) * 1_000_000;
    let mut planner = Planner {
        config,
        clock: &clock,
        first,
        declaraties: 0,
        referenties: 0,
    };
    let mut plan = Plan {
        clients: Vec::new(),
        others: Vec::new(),
        agb,
        assignments: Vec::with_capacity(config.clients),
        events: Vec::with_capacity(config.clients * 5),
        missing: 0,
    };
    // Wrong siblings: `wrong` of all messages, so p per clean message is wrong / (1 - wrong).
    let p_wrong = if config.wrong > 0.0 {
        config.wrong / (1.0 - config.wrong)
    } else {
        0.0
    };
    for client in 0..config.clients {
        let mut rng = Rng::derive(config.seed, LIFE_CYCLE, client as u64);
        let nummer = base + 1 + client as u32;
        let (assignment, mut events, missing) =
            planner.life_cycle(client, nummer, plan.agb.len(), &mut rng);
        plan.missing += usize::from(missing);
        let shuffle = Rng::derive(config.seed, SHUFFLE, client as u64).next_u64();
        // The client's messages in date order (a declaration may fall between others); the
        // life cycle's own order is already by date, so the sort only places declarations.
        events.sort_by_key(|e| e.0);
        let mut wrong_rng = Rng::derive(config.seed, WRONG, client as u64);
        for (k, (dagtekening, body, late)) in events.into_iter().enumerate() {
            let order = 4 * k as u32 + 2;
            let sibling = (p_wrong > 0.0 && wrong_rng.chance(p_wrong))
                .then(|| wrong_sibling(&body, &mut wrong_rng));
            let host = Event {
                dagtekening,
                client,
                body,
                late,
                wrong: None,
                other: None,
                shuffle,
                order,
            };
            if let Some((kind, body)) = sibling {
                let other = (kind == WrongKind::Tr332ToewijzingOfOtherClient).then(|| {
                    let mut rng =
                        Rng::derive(config.seed, PEOPLE, (1 << 40) + plan.others.len() as u64);
                    let bsn = bsns.next().unwrap_or(999_999_990);
                    plan.others
                        .push(person(bsn, first, &config.gemeente, &mut rng));
                    plan.others.len() - 1
                });
                plan.events.push(Event {
                    body,
                    late: false,
                    wrong: Some(kind),
                    other,
                    order: if kind.before_host() {
                        order - 1
                    } else {
                        order + 1
                    },
                    ..host.clone()
                });
            }
            plan.events.push(host);
        }
        plan.assignments.push(assignment);
    }
    plan.clients = clients;
    // The stream: by Dagtekening, the clients of one day interleaved by their shuffle key, a
    // client's own messages in their order.
    plan.events
        .sort_by_key(|e| (e.dagtekening, e.shuffle, e.client, e.order));
    plan
}

/// Which wrong message to put next to `host`, and what it sends: a tenth fail level 1 (half
/// not XML, half XSD-invalid), four tenths level 2 (CS002), half level 3 (by the host's kind).
fn wrong_sibling(host: &Body, rng: &mut Rng) -> (WrongKind, Body) {
    let kind = match rng.below(20) {
        0 => WrongKind::NotXml,
        1 => WrongKind::XsdInvalid,
        2..=9 => WrongKind::Cs002Bsn,
        _ => match host {
            Body::Vot => WrongKind::Tr347ReferentieReused,
            Body::Toewijzing => WrongKind::Tr332ToewijzingOfOtherClient,
            Body::Start { .. } => {
                if rng.chance(0.5) {
                    WrongKind::Tr019UnknownToewijzing
                } else {
                    WrongKind::Tr074SecondStart
                }
            }
            Body::Stop { reden, .. } => {
                if *reden != RedenBeeindiging::TijdelijkBeeindigd && rng.chance(0.5) {
                    WrongKind::Tr415SecondStop
                } else {
                    WrongKind::Tr019UnknownToewijzing
                }
            }
            Body::Declaratie(_) => WrongKind::Tr333DeclaratieNummerReused,
        },
    };
    let body = match (kind, host) {
        // A second definitive stop a day later: the first one already ended the delivery
        // (TR415). Its Einddatum is still not after the Dagtekening (the host's is at least
        // one working day after its Einddatum), so level 2 (TR134) passes.
        (
            WrongKind::Tr415SecondStop,
            Body::Stop {
                begindatum,
                reden,
                einddatum,
            },
        ) => Body::Stop {
            begindatum: *begindatum,
            reden: if *reden == RedenBeeindiging::VolgensPlanBeeindigd {
                RedenBeeindiging::InOvereenstemmingVoortijdig
            } else {
                RedenBeeindiging::VolgensPlanBeeindigd
            },
            einddatum: plus_days(*einddatum, 1),
        },
        _ => host.clone(),
    };
    (kind, body)
}

struct Planner<'a> {
    config: &'a GenerateConfig,
    clock: &'a Clock,
    first: NaiveDate,
    declaraties: u64,
    referenties: u64,
}

impl Planner<'_> {
    /// When a start or stop of `date` is sent, and whether that is late: 1 to 5 working days
    /// after it (in time for OP271/OP272), or, for the `late` share, 6 to 20.
    fn report(&self, date: NaiveDate, rng: &mut Rng) -> (NaiveDate, bool) {
        let late = rng.chance(self.config.late);
        let days = if late {
            rng.range(6, 20)
        } else {
            rng.range(1, 5)
        };
        (self.clock.working_days(date, days), late)
    }

    /// One client's assignment and clean messages (date, body, late), and whether its
    /// definitive stop is missing.
    fn life_cycle(
        &mut self,
        client: usize,
        nummer: u32,
        aanbieders: usize,
        rng: &mut Rng,
    ) -> (Assignment, Vec<(NaiveDate, Body, bool)>, bool) {
        let clock = self.clock;
        // The first client opens the stream on `start`; the others are spread over a year.
        let t0 = if client == 0 {
            self.first
        } else {
            clock.working_days(self.first, rng.below(SPREAD_WORKING_DAYS))
        };
        let aanbieder = rng.below(aanbieders as u64) as usize;
        let product = weighted(rng, PRODUCTS, |p| p.weight).unwrap_or(&PRODUCTS[0]);
        let volume = rng.range32(product.volume.0, product.volume.1);
        let mut events = Vec::with_capacity(8);

        let vot = rng.chance(VOT_SHARE);
        let (d301, ingangsdatum) = if vot {
            let d315 = t0;
            let wanted = plus_days(d315, rng.range(14, 35));
            let d301 = clock.working_days(d315, rng.range(1, 5));
            events.push((d315, Body::Vot, false));
            (d301, wanted.max(d301))
        } else {
            (t0, plus_days(t0, rng.range(0, 14)))
        };
        // A toewijzing of 13 to 24 months, to the end of a month.
        let einddatum = ingangsdatum
            .checked_add_months(Months::new(rng.range32(13, 24)))
            .map_or(ingangsdatum, |d| month_of(d).1);
        let assignment = Assignment {
            aanbieder,
            nummer,
            product,
            volume,
            toewijzingsdatum: d301,
            toewijzingstijd: NaiveTime::from_hms_opt(rng.range32(8, 16), rng.range32(0, 59), 0)
                .unwrap_or_default(),
            ingangsdatum,
            einddatum,
            referentie: vot.then(|| format!("VOT-{client:08}")),
            huisarts: (vot && rng.chance(0.7)).then(|| rng.range32(0, 999_999)),
        };
        events.push((d301, Body::Toewijzing, false));

        // The start.
        let mut begindatum = plus_days(ingangsdatum, rng.range(0, 7));
        let (mut sent, late) = self.report(begindatum, rng);
        events.push((sent, Body::Start { begindatum }, late));
        let first_start = begindatum;

        // A temporary stop and a restart.
        if rng.chance(TEMPORARY_STOP_SHARE) {
            let einde = plus_days(sent, rng.range(7, 60));
            let (d, late) = self.report(einde, rng);
            events.push((
                d,
                Body::Stop {
                    begindatum,
                    reden: RedenBeeindiging::TijdelijkBeeindigd,
                    einddatum: einde,
                },
                late,
            ));
            begindatum = plus_days(d, rng.range(3, 42));
            let (d, late) = self.report(begindatum, rng);
            events.push((d, Body::Start { begindatum }, late));
            sent = d;
        }

        // The definitive stop, within the toewijzing.
        let missing = rng.chance(self.config.missing);
        let mut stopped = None;
        if !missing {
            let einde = plus_days(sent, rng.range(14, 240)).min(einddatum).max(sent);
            let reden = weighted(rng, DEFINITIVE, |(_, w)| *w)
                .map_or(RedenBeeindiging::VolgensPlanBeeindigd, |(r, _)| *r);
            let (d, late) = self.report(einde, rng);
            events.push((
                d,
                Body::Stop {
                    begindatum,
                    reden,
                    einddatum: einde,
                },
                late,
            ));
            stopped = Some(einde);
        }

        // Declarations of the first months of care.
        if rng.chance(DECLARATIE_SHARE) {
            let months = rng.range(1, 2);
            let mut maand = month_of(first_start);
            for _ in 0..months {
                if maand.0 > einddatum || stopped.is_some_and(|s| maand.0 > s) {
                    break;
                }
                let periode = (maand.0.max(ingangsdatum), maand.1.min(einddatum));
                // Within the Omvang (TR321/TR322): per week at most 4 of the weeks the
                // period touches (category 01 may have 6 per period); per month one Volume.
                let volume = match product.frequentie {
                    Frequentie::PerWeek => {
                        let weeks =
                            iwmo_ledger::calendar::weeks_touched(periode.0, periode.1).clamp(1, 4);
                        (volume * weeks)
                            .saturating_sub(rng.range32(0, volume - 1))
                            .max(1)
                    }
                    _ => rng.range32(1, volume),
                };
                self.declaraties += 1;
                self.referenties += 1;
                let d = clock.working_days(maand.1, rng.range(1, 8));
                events.push((
                    d,
                    Body::Declaratie(Declaratie {
                        nummer: self.declaraties,
                        referentie: self.referenties,
                        maand,
                        periode,
                        volume,
                    }),
                    false,
                ));
                maand = month_of(plus_days(maand.1, 1));
            }
        }
        (assignment, events, missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weeks_as_the_ledger_counts_them() {
        // April 2026: Wednesday 1 … Thursday 30, touching the weeks of 30 March … 27 April.
        assert_eq!(
            iwmo_ledger::calendar::weeks_touched(date(2026, 4, 1), date(2026, 4, 30)),
            5
        );
        assert_eq!(
            iwmo_ledger::calendar::weeks_touched(date(2026, 4, 6), date(2026, 4, 12)),
            1
        );
        assert_eq!(
            iwmo_ledger::calendar::weeks_touched(date(2026, 4, 12), date(2026, 4, 13)),
            2
        );
        assert_eq!(
            month_of(date(2026, 2, 14)),
            (date(2026, 2, 1), date(2026, 2, 28))
        );
    }

    #[test]
    fn a_client_messages_come_in_date_order() {
        let config = GenerateConfig {
            clients: 200,
            ..GenerateConfig::default()
        };
        let plan = plan(&config);
        let mut last: Vec<Option<(NaiveDate, u32)>> = vec![None; config.clients];
        for e in &plan.events {
            if let Some(prev) = last[e.client] {
                assert!((e.dagtekening, e.order) > prev);
            }
            last[e.client] = Some((e.dagtekening, e.order));
            assert!(Calendar::default().is_working_day(e.dagtekening));
        }
        assert_eq!(plan.events[0].dagtekening, date(2026, 1, 5));
    }
}
