//! From a planned event to a file: the typed message (`iwmo_model`), written with
//! `iwmo_model::write`, and for a wrong message the variant it was planned as.

use chrono::NaiveDate;
use iwmo_model::codes::{
    AdresSoort, DebetCredit, Geslacht, JaNee, LandCode, NaamGebruik, StatusAanlevering,
    TypeVerwijzer,
};
use iwmo_model::{
    AangevraagdProduct, AanvraagClient, Achternaam, Adres, BedragMetDc, BerichtIdentificatie, Bsn,
    Contact, Declaratie, DeclaratieClient, Geboortedatum, GeslotenPeriode, Header, Huis, Message,
    MessageKind, Omvang, Prestatie, Product, Referentie, StartClient, StartProduct, StopClient,
    StopProduct, Telefoon, Telefoonnummers, ToegewezenProduct, ToewijzingClient, TotaalBedragMetDc,
    VerkorteNaam, Verwijzer, VolledigeNaam, Wmo301, Wmo305, Wmo307, Wmo315, Wmo323, XsdVersie,
};

use crate::people::{plaatsnaam, Person};
use crate::plan::{Assignment, Body, Event, Plan};
use crate::{GenerateConfig, Generated, WrongKind};

/// ToewijzingNummers from here on are never assigned (real ones stay below 200,000,000).
const UNKNOWN_NUMMER: u32 = 900_000_000;

/// Writes one planned event as the `seq`-th file of the stream (1-based); `width` is the
/// number of digits of the file names' sequence number.
pub(crate) fn file(
    plan: &Plan,
    config: &GenerateConfig,
    event: &Event,
    seq: u64,
    width: usize,
) -> Generated {
    let kind = event.body.kind();
    let file_name = format!("{seq:0width$}-wmo{}.xml", kind.number());
    let client = &plan.clients[event.client];
    let builder = Builder {
        plan,
        config,
        event,
        assignment: &plan.assignments[event.client],
        // Unique per sender and kind because unique in the stream: the message number and
        // the sequence number, 12 characters at most (LDT_IdentificatieBericht).
        identificatie: format!("{}{:09}", kind.number(), seq % 1_000_000_000),
    };
    let bytes = match event.wrong {
        Some(WrongKind::NotXml) => not_xml(kind, seq, event.dagtekening),
        Some(WrongKind::XsdInvalid) => {
            let xml = iwmo_model::write(&builder.message(&client.bsn(), None));
            xsd_invalid(&xml, client, event.dagtekening, seq).into_bytes()
        }
        Some(WrongKind::Cs002Bsn) => {
            iwmo_model::write(&builder.message(&client.bsn_failing_elfproef(), None)).into_bytes()
        }
        Some(WrongKind::Tr019UnknownToewijzing) => {
            let nummer = UNKNOWN_NUMMER + (seq % 99_999_999) as u32;
            iwmo_model::write(&builder.message(&client.bsn(), Some(nummer))).into_bytes()
        }
        Some(WrongKind::Tr332ToewijzingOfOtherClient) => {
            let other = event
                .other
                .and_then(|i| plan.others.get(i))
                .unwrap_or(client);
            iwmo_model::write(&builder.message_for(other, &other.bsn(), None)).into_bytes()
        }
        Some(
            WrongKind::Tr074SecondStart
            | WrongKind::Tr415SecondStop
            | WrongKind::Tr347ReferentieReused
            | WrongKind::Tr333DeclaratieNummerReused,
        )
        | None => iwmo_model::write(&builder.message(&client.bsn(), None)).into_bytes(),
    };
    Generated {
        file_name,
        bytes,
        kind,
        dagtekening: event.dagtekening,
        wrong: event.wrong,
        late: event.late,
    }
}

struct Builder<'a> {
    plan: &'a Plan,
    config: &'a GenerateConfig,
    event: &'a Event,
    assignment: &'a Assignment,
    identificatie: String,
}

impl Builder<'_> {
    fn aanbieder(&self) -> &str {
        &self.plan.agb[self
            .assignment
            .aanbieder
            .min(self.plan.agb.len().saturating_sub(1))]
    }

    fn header(&self, from_gemeente: bool) -> Header {
        let (afzender, ontvanger) = if from_gemeente {
            (self.config.gemeente.clone(), self.aanbieder().to_string())
        } else {
            (self.aanbieder().to_string(), self.config.gemeente.clone())
        };
        Header {
            afzender,
            ontvanger,
            bericht_identificatie: BerichtIdentificatie {
                identificatie: self.identificatie.clone(),
                dagtekening: self.event.dagtekening,
            },
            xsd_versie: XsdVersie::default(),
        }
    }

    fn product(&self) -> Product {
        Product {
            categorie: self.assignment.product.categorie,
            code: Some(self.assignment.product.code.to_string()),
        }
    }

    fn omvang(&self) -> Omvang {
        Omvang {
            volume: self.assignment.volume,
            eenheid: self.assignment.product.eenheid,
            frequentie: self.assignment.product.frequentie,
        }
    }

    /// The event's message for its client, with this BSN and, when given, another
    /// ToewijzingNummer.
    fn message(&self, bsn: &Bsn, nummer: Option<u32>) -> Message {
        let client = &self.plan.clients[self.event.client];
        self.message_for(client, bsn, nummer)
    }

    fn message_for(&self, person: &Person, bsn: &Bsn, nummer: Option<u32>) -> Message {
        let a = self.assignment;
        let nummer = nummer.unwrap_or(a.nummer);
        let geboortedatum = Geboortedatum {
            datum: person.geboortedatum,
            datum_gebruik: None,
        };
        let geslacht = if person.vrouw {
            Geslacht::Vrouwelijk
        } else {
            Geslacht::Mannelijk
        };
        match &self.event.body {
            Body::Vot => Message::Wmo315(Wmo315 {
                header: self.header(false),
                client: AanvraagClient {
                    bsn: bsn.clone(),
                    geboortedatum,
                    geslacht,
                    naam: verkorte_naam(person),
                    commentaar: None,
                    aangevraagde_producten: vec![AangevraagdProduct {
                        referentie_aanbieder: a.referentie.clone().unwrap_or_default(),
                        beschikking_nummer: None,
                        product: Some(self.product()),
                        beschikking_ingangsdatum: None,
                        toewijzing_ingangsdatum: a.ingangsdatum,
                        toewijzing_einddatum: Some(a.einddatum),
                        omvang: Some(self.omvang()),
                        budget: None,
                        // A huisarts by its AGB code (CD066: then no Naam), or none.
                        verwijzer: match a.huisarts {
                            Some(n) => Verwijzer {
                                r#type: TypeVerwijzer::Huisarts,
                                naam: None,
                                zorgverlener_code: Some(format!("01{n:06}")),
                            },
                            None => Verwijzer {
                                r#type: TypeVerwijzer::Zelfverwijzer,
                                naam: None,
                                zorgverlener_code: None,
                            },
                        },
                        raamcontract: Some(JaNee::Nee),
                        commentaar: None,
                        retour_codes: (),
                    }],
                    retour_codes: (),
                },
            }),
            Body::Toewijzing => Message::Wmo301(Wmo301 {
                header: self.header(true),
                client: ToewijzingClient {
                    bsn: bsn.clone(),
                    geboortedatum,
                    geslacht,
                    naam: VolledigeNaam {
                        geslachtsnaam: achternaam(person),
                        partnernaam: None,
                        voornamen: Some(person.voornamen.to_string()),
                        voorletters: Some(person.voorletters()),
                        // CS050: without a Partnernaam, 1.
                        naam_gebruik: NaamGebruik::EigenNaam,
                    },
                    communicatie: None,
                    juridische_status: None,
                    wettelijke_vertegenwoordiging: None,
                    commentaar: None,
                    relaties: Vec::new(),
                    // TR061: a BRP address; CD025/CD034/CD005/CS089: house number, postcode
                    // in Dutch format and LandCode NL.
                    contactgegevens: vec![Contact {
                        soort: AdresSoort::BrpAdres,
                        adres: Some(Adres {
                            huis: Some(Huis {
                                huisnummer: person.huisnummer,
                                huisletter: None,
                                huisnummer_toevoeging: None,
                                aanduiding_woonadres: None,
                            }),
                            postcode: Some(person.postcode.clone()),
                            straatnaam: Some(person.straat.to_string()),
                            plaatsnaam: Some(plaatsnaam(&self.config.gemeente)),
                            land_code: Some(LandCode::Nl),
                        }),
                        organisatie: None,
                        telefoon: person.telefoon.map(|t| Telefoonnummers {
                            telefoon01: Telefoon {
                                telefoonnummer: format!("06{t:08}"),
                                landnummer: "0031".into(),
                            },
                            telefoon02: None,
                        }),
                        emailadres: None,
                        periode: None,
                        retour_codes: (),
                    }],
                    toegewezen_producten: vec![ToegewezenProduct {
                        toewijzing_nummer: nummer,
                        referentie_aanbieder: a.referentie.clone(),
                        product: Some(self.product()),
                        toewijzingsdatum: a.toewijzingsdatum,
                        toewijzingstijd: a.toewijzingstijd,
                        ingangsdatum: a.ingangsdatum,
                        einddatum: Some(a.einddatum),
                        reden_wijziging: None,
                        omvang: Some(self.omvang()),
                        budget: None,
                        commentaar: None,
                        retour_codes: (),
                    }],
                    retour_codes: (),
                },
            }),
            Body::Start { begindatum } => Message::Wmo305(Wmo305 {
                header: self.header(false),
                client: StartClient {
                    bsn: bsn.clone(),
                    geboortedatum,
                    geslacht,
                    naam: verkorte_naam(person),
                    start_producten: vec![StartProduct {
                        toewijzing_nummer: Some(nummer),
                        product: Some(self.product()),
                        toewijzing_ingangsdatum: Some(a.ingangsdatum),
                        begindatum: *begindatum,
                        status_aanlevering: StatusAanlevering::EersteAanlevering,
                        retour_codes: (),
                    }],
                    retour_codes: (),
                },
            }),
            Body::Stop {
                begindatum,
                reden,
                einddatum,
            } => Message::Wmo307(Wmo307 {
                header: self.header(false),
                client: StopClient {
                    bsn: bsn.clone(),
                    geboortedatum,
                    geslacht,
                    naam: verkorte_naam(person),
                    stop_producten: vec![StopProduct {
                        toewijzing_nummer: Some(nummer),
                        product: Some(self.product()),
                        toewijzing_ingangsdatum: Some(a.ingangsdatum),
                        begindatum: *begindatum,
                        reden_beeindiging: *reden,
                        einddatum: *einddatum,
                        status_aanlevering: StatusAanlevering::EersteAanlevering,
                        retour_codes: (),
                    }],
                    retour_codes: (),
                },
            }),
            Body::Declaratie(d) => {
                let p = a.product;
                let bedrag = d.volume.saturating_mul(p.tarief);
                Message::Wmo323(Wmo323 {
                    header: self.header(false),
                    declaratie: Declaratie {
                        declaratie_nummer: format!("D{:09}", d.nummer % 1_000_000_000),
                        declaratie_periode: GeslotenPeriode {
                            begindatum: d.maand.0,
                            einddatum: d.maand.1,
                        },
                        declaratie_dagtekening: self.event.dagtekening,
                        totaal_ingediend_bedrag: TotaalBedragMetDc {
                            totaal_bedrag: u64::from(bedrag),
                            debet_credit: DebetCredit::Debet,
                        },
                        clienten: vec![DeclaratieClient {
                            bsn: bsn.clone(),
                            prestaties: vec![Prestatie {
                                product_referentie: Referentie {
                                    referentie_nummer: format!("P{:011}", d.referentie),
                                    vorig_referentie_nummer: None,
                                },
                                toewijzing_nummer: nummer,
                                product_categorie: p.categorie,
                                product_code: p.code.to_string(),
                                product_periode: GeslotenPeriode {
                                    begindatum: d.periode.0,
                                    einddatum: d.periode.1,
                                },
                                geleverd_volume: d.volume,
                                eenheid: p.eenheid,
                                // TR346: IngediendBedrag = GeleverdVolume × ProductTarief.
                                product_tarief: Some(p.tarief),
                                ingediend_bedrag: BedragMetDc {
                                    bedrag,
                                    debet_credit: DebetCredit::Debet,
                                },
                                retour_codes: (),
                            }],
                            retour_codes: (),
                        }],
                    },
                })
            }
        }
    }
}

fn achternaam(p: &Person) -> Achternaam {
    Achternaam {
        achternaam: p.achternaam.to_string(),
        voorvoegsel: p.voorvoegsel.map(str::to_string),
    }
}

fn verkorte_naam(p: &Person) -> VerkorteNaam {
    VerkorteNaam {
        geslachtsnaam: achternaam(p),
        voornamen: Some(p.voornamen.to_string()),
        voorletters: Some(p.voorletters()),
    }
}

/// A file that is not XML at all: what a back office exports by mistake. Three shapes, by
/// `seq`; none holds a BSN.
fn not_xml(kind: MessageKind, seq: u64, dagtekening: NaiveDate) -> Vec<u8> {
    let text = match seq % 3 {
        0 => format!(
            "Bericht WMO{} van {dagtekening}\r\nDit bestand is per abuis als tekst opgeslagen; \
             het bericht volgt apart.\r\n",
            kind.number()
        ),
        1 => format!(
            "berichtcode;dagtekening;status\r\n{};{dagtekening};concept\r\n",
            kind.bericht_code()
        ),
        _ => format!(
            "{{\"bericht\": \"wmo{}\", \"dagtekening\": \"{dagtekening}\", \"status\": \"concept\"}}\n",
            kind.number()
        ),
    };
    text.into_bytes()
}

/// Well-formed XML that fails the XSD, by `seq`: a Dagtekening written the Dutch way
/// (`05-01-2026` is no `xs:date`), or a BSN of eight digits (RS037, pattern `[0-9]{9}`).
fn xsd_invalid(xml: &str, client: &Person, dagtekening: NaiveDate, seq: u64) -> String {
    if seq % 2 == 1 {
        xml.replacen(
            &format!(">{}</iwmo:Dagtekening>", dagtekening.format("%Y-%m-%d")),
            &format!(">{}</iwmo:Dagtekening>", dagtekening.format("%d-%m-%Y")),
            1,
        )
    } else {
        let bsn = client.bsn();
        let digits = bsn.as_str();
        xml.replacen(&format!(">{digits}<"), &format!(">{}<", &digits[..8]), 1)
    }
}
