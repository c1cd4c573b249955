//! A client's history as the facts that were accepted, in order, and the views the rules read
//! from it (the actual toewijzingen, the deliveries per toegewezen product).
//!
//! The state is a log, not a set of mutable fields, because two things in the standard undo the
//! past: a correction with StatusAanlevering 3 makes earlier deliveries with the same key "count
//! as not sent" (IV008), and a message of ours that comes back rejected "counts as never sent"
//! (OP286). Both are a matter of which facts the views fold over; nothing is overwritten. A
//! client has tens of facts, so folding on every decision is cheap.

use chrono::{NaiveDate, NaiveTime};
use iwmo_model::codes::{DatumGebruik, Geslacht, RedenBeeindiging, RedenWijziging};
use iwmo_model::{MessageKind, Omvang, Product, ToegewezenProduct};

/// The message a fact came from: enough to find it again when its retour arrives.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct MessageRef {
    /// The heen message.
    pub kind: MessageKind,
    /// Its `Afzender`.
    pub afzender: String,
    /// Its `BerichtIdentificatie/Identificatie`.
    pub identificatie: String,
    /// Its `BerichtIdentificatie/Dagtekening`.
    #[serde(serialize_with = "crate::date_text::serialize")]
    pub dagtekening: NaiveDate,
}

/// One accepted fact about a client.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Fact {
    /// Where it came from.
    pub source: MessageRef,
    /// True while it waits for the retour on our own message (it already counts, so that our
    /// next message is checked against it; a rejecting retour removes it).
    pub pending: bool,
    /// What it says.
    pub body: FactBody,
}

/// What a fact says.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum FactBody {
    /// A version of a toewijzing (301), for one aanbieder.
    Toewijzing {
        /// The aanbieder it was assigned to (the 301's Ontvanger).
        aanbieder: String,
        /// The ToegewezenProduct as sent.
        version: Toewijzing,
    },
    /// A StartProduct with StatusAanlevering 1.
    Start(Start),
    /// A StartProduct with StatusAanlevering 3: the earlier start with this key counts as not
    /// sent.
    StartDeleted(Start),
    /// A StopProduct with StatusAanlevering 1.
    Stop(Stop),
    /// A StopProduct with StatusAanlevering 3.
    StopDeleted(Stop),
    /// A request (315/317) or the answer on one (319): see [`crate::verzoek`].
    Verzoek(crate::verzoek::VerzoekFact),
    /// A declared prestatie (323) or what the 325 said of it: see [`crate::declaratie`].
    Declaratie(crate::declaratie::DeclaratieFact),
    /// A period of eigen bijdrage as sent to the CAK in a WMO405 (gemeente only).
    EigenBijdrage(crate::eigen_bijdrage::EbSent),
    /// A care event: care was delivered on a date (the no-care rule).
    Care(crate::signals::CareEvent),
    /// A missing-message or no-care signal that was raised (so it is raised once).
    Signalled(crate::signals::Signalled),
    /// The no-care rule stopped the eigen bijdrage of a delivery (gemeente, as configured):
    /// the WMO405 derivation ends the delivery's period on that day until care resumes.
    NoCareStop(crate::signals::NoCareStop),
    /// The client's personal data as a 301 gave them (for a draft 307 of an aanbieder).
    Personalia(Personalia),
}

/// The client's personal data as the Client of a 301 holds them: what a 305 or 307 about the
/// client must carry (its `Naam` is the short form: no partner name, no NaamGebruik).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Personalia {
    /// `Geboortedatum/Datum`.
    #[serde(serialize_with = "crate::date_text::serialize")]
    pub geboortedatum: NaiveDate,
    /// `Geboortedatum/DatumGebruik`.
    pub datum_gebruik: Option<DatumGebruik>,
    /// `Geslacht`.
    pub geslacht: Geslacht,
    /// `Naam/Geslachtsnaam/Achternaam`.
    pub achternaam: String,
    /// `Naam/Geslachtsnaam/Voorvoegsel`.
    pub voorvoegsel: Option<String>,
    /// `Naam/Voornamen`.
    pub voornamen: Option<String>,
    /// `Naam/Voorletters`.
    pub voorletters: Option<String>,
}

impl Personalia {
    /// The personal data of a 301's Client.
    pub fn from_wmo301(c: &iwmo_model::ToewijzingClient) -> Personalia {
        Personalia {
            geboortedatum: c.geboortedatum.datum,
            datum_gebruik: c.geboortedatum.datum_gebruik,
            geslacht: c.geslacht,
            achternaam: c.naam.geslachtsnaam.achternaam.clone(),
            voorvoegsel: c.naam.geslachtsnaam.voorvoegsel.clone(),
            voornamen: c.naam.voornamen.clone(),
            voorletters: c.naam.voorletters.clone(),
        }
    }

    /// `Geboortedatum` as a message carries it.
    pub fn geboortedatum(&self) -> iwmo_model::Geboortedatum {
        iwmo_model::Geboortedatum {
            datum: self.geboortedatum,
            datum_gebruik: self.datum_gebruik,
        }
    }

    /// `Naam` as a 305 or 307 carries it.
    pub fn verkorte_naam(&self) -> iwmo_model::VerkorteNaam {
        iwmo_model::VerkorteNaam {
            geslachtsnaam: iwmo_model::Achternaam {
                achternaam: self.achternaam.clone(),
                voorvoegsel: self.voorvoegsel.clone(),
            },
            voornamen: self.voornamen.clone(),
            voorletters: self.voorletters.clone(),
        }
    }
}

/// One version of a toegewezen product, as the rules need it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Toewijzing {
    /// `ToewijzingNummer`: one toegewezen product, across its versions.
    pub nummer: u32,
    /// `ReferentieAanbieder`, when the toewijzing honours a request.
    pub referentie_aanbieder: Option<String>,
    /// `Product`; `None` for an aspecific toewijzing (budget).
    pub product: Option<Product>,
    /// `Toewijzingsdatum`: with the time, orders the versions (IV013).
    #[serde(serialize_with = "crate::date_text::serialize")]
    pub toewijzingsdatum: NaiveDate,
    /// `Toewijzingstijd`.
    pub toewijzingstijd: NaiveTime,
    /// `Ingangsdatum`.
    #[serde(serialize_with = "crate::date_text::serialize")]
    pub ingangsdatum: NaiveDate,
    /// `Einddatum`.
    #[serde(serialize_with = "crate::date_text::serialize_option")]
    pub einddatum: Option<NaiveDate>,
    /// `RedenWijziging`.
    pub reden_wijziging: Option<RedenWijziging>,
    /// `Omvang`.
    pub omvang: Option<Omvang>,
    /// `Budget`.
    pub budget: Option<u32>,
}

impl Toewijzing {
    /// The fact of one ToegewezenProduct of a 301.
    pub fn from_message<R>(p: &ToegewezenProduct<R>) -> Toewijzing {
        Toewijzing {
            nummer: p.toewijzing_nummer,
            referentie_aanbieder: p.referentie_aanbieder.clone(),
            product: p.product.clone(),
            toewijzingsdatum: p.toewijzingsdatum,
            toewijzingstijd: p.toewijzingstijd,
            ingangsdatum: p.ingangsdatum,
            einddatum: p.einddatum,
            reden_wijziging: p.reden_wijziging,
            omvang: p.omvang.clone(),
            budget: p.budget,
        }
    }

    /// Deleted: "treat as never sent" (RedenWijziging 13 with Einddatum = Ingangsdatum; the
    /// XSLT's CS335 guarantees the dates once the reason is 13).
    pub fn is_deleted(&self) -> bool {
        self.reden_wijziging == Some(RedenWijziging::Verwijderd)
    }

    /// Not actual by OP087: Einddatum = Ingangsdatum with RedenWijziging 13 or 01.
    pub fn is_void(&self) -> bool {
        self.einddatum == Some(self.ingangsdatum)
            && matches!(
                self.reden_wijziging,
                Some(
                    RedenWijziging::Verwijderd | RedenWijziging::AdministratieveCorrectieVervallen
                )
            )
    }
}

/// The logical key of a StartProduct (spec §2.5): ToewijzingNummer, Product, Begindatum.
/// StatusAanlevering is not part of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Start {
    /// The aanbieder that delivers (the 305's Afzender).
    pub aanbieder: String,
    /// `ToewijzingNummer`.
    pub nummer: Option<u32>,
    /// `Product`.
    pub product: Option<Product>,
    /// `Begindatum`.
    #[serde(serialize_with = "crate::date_text::serialize")]
    pub begindatum: NaiveDate,
}

/// The logical key of a StopProduct: the start's key plus RedenBeeindiging and Einddatum
/// (since 3.2 the reason is part of it, so a wrong reason is corrected in one message).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stop {
    /// The start it stops (same aanbieder, ToewijzingNummer, Product, Begindatum).
    pub start: Start,
    /// `RedenBeeindiging`.
    pub reden: RedenBeeindiging,
    /// `Einddatum`.
    #[serde(serialize_with = "crate::date_text::serialize")]
    pub einddatum: NaiveDate,
}

impl Stop {
    /// Reden 20: care is interrupted, continuation expected.
    pub fn is_temporary(&self) -> bool {
        self.reden == RedenBeeindiging::TijdelijkBeeindigd
    }
}

/// Everything one gemeente's ledger knows about one client.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClientState {
    /// The accepted facts, in the order they were accepted.
    pub facts: Vec<Fact>,
}

/// A start that counts (not deleted), with the stops that count against it.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// The start.
    pub start: Start,
    /// Its stops that count, in order.
    pub stops: Vec<Stop>,
}

impl Delivery {
    /// Actual in the sense of TR326: started and not stopped by a stop of its key.
    pub fn is_actual(&self) -> bool {
        self.stops.is_empty()
    }

    /// Stopped for good: a stop with a reason other than 20.
    pub fn definitive_stop(&self) -> Option<&Stop> {
        self.stops.iter().find(|s| !s.is_temporary())
    }
}

impl ClientState {
    /// The client's personal data as the latest 301 that counts gave them.
    pub fn personalia(&self) -> Option<&Personalia> {
        self.facts.iter().rev().find_map(|f| match &f.body {
            FactBody::Personalia(p) => Some(p),
            _ => None,
        })
    }

    /// The versions of one toegewezen product of one aanbieder, in the order received.
    pub fn toewijzing_versions<'s>(
        &'s self,
        aanbieder: &'s str,
        nummer: u32,
    ) -> impl Iterator<Item = &'s Toewijzing> + 's {
        self.facts.iter().filter_map(move |f| match &f.body {
            FactBody::Toewijzing {
                aanbieder: a,
                version,
            } if a == aanbieder && version.nummer == nummer => Some(version),
            _ => None,
        })
    }

    /// The actual version of a toegewezen product (IV013: the latest Toewijzingsdatum +
    /// Toewijzingstijd; on a tie the one received last).
    pub fn actual_toewijzing<'s>(
        &'s self,
        aanbieder: &'s str,
        nummer: u32,
    ) -> Option<&'s Toewijzing> {
        let mut best: Option<&'s Toewijzing> = None;
        for v in self.toewijzing_versions(aanbieder, nummer) {
            let later = best.is_none_or(|b| {
                (v.toewijzingsdatum, v.toewijzingstijd) >= (b.toewijzingsdatum, b.toewijzingstijd)
            });
            if later {
                best = Some(v);
            }
        }
        best
    }

    /// The toegewezen products of one aanbieder that exist (their actual version is not
    /// deleted), by number.
    pub fn toewijzingen<'s>(&'s self, aanbieder: &'s str) -> Vec<&'s Toewijzing> {
        let mut numbers: Vec<u32> = Vec::new();
        for f in &self.facts {
            if let FactBody::Toewijzing {
                aanbieder: a,
                version,
            } = &f.body
            {
                if a == aanbieder && !numbers.contains(&version.nummer) {
                    numbers.push(version.nummer);
                }
            }
        }
        numbers
            .into_iter()
            .filter_map(|n| self.actual_toewijzing(aanbieder, n))
            .filter(|t| !t.is_deleted())
            .collect()
    }

    /// The deliveries that count, in the order their starts were accepted: folds every start,
    /// stop and deletion (a deletion removes the latest counting record with its key).
    pub fn deliveries(&self) -> Vec<Delivery> {
        let mut out: Vec<Delivery> = Vec::new();
        for f in &self.facts {
            match &f.body {
                FactBody::Start(s) => out.push(Delivery {
                    start: s.clone(),
                    stops: Vec::new(),
                }),
                FactBody::StartDeleted(s) => {
                    if let Some(i) = out.iter().rposition(|d| &d.start == s) {
                        out.remove(i);
                    }
                }
                FactBody::Stop(stop) => {
                    if let Some(d) = out.iter_mut().rev().find(|d| d.start == stop.start) {
                        d.stops.push(stop.clone());
                    }
                }
                FactBody::StopDeleted(stop) => {
                    if let Some(d) = out.iter_mut().rev().find(|d| d.start == stop.start) {
                        if let Some(i) = d.stops.iter().rposition(|s| s == stop) {
                            d.stops.remove(i);
                        }
                    }
                }
                FactBody::Toewijzing { .. }
                | FactBody::Verzoek(_)
                | FactBody::Declaratie(_)
                | FactBody::EigenBijdrage(_)
                | FactBody::Care(_)
                | FactBody::Signalled(_)
                | FactBody::NoCareStop(_)
                | FactBody::Personalia(_) => {}
            }
        }
        out
    }

    /// Removes every fact that came from this message (its retour rejected it: it counts as
    /// never sent). Returns how many were removed.
    pub fn undo(&mut self, source: &MessageRef) -> usize {
        let before = self.facts.len();
        self.facts.retain(|f| &f.source != source);
        before - self.facts.len()
    }

    /// Marks every fact from this message as confirmed (its retour approved it).
    pub fn confirm(&mut self, source: &MessageRef) -> usize {
        let mut n = 0;
        for f in self.facts.iter_mut().filter(|f| &f.source == source) {
            f.pending = false;
            n += 1;
        }
        n
    }
}
