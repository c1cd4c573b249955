//! Level-2 checks of the header and the client, shared by many messages (see the parent
//! module for the conventions).
//!
//! Paths are built only when a finding is added: the helpers take the place of an element as
//! a closure (`|name| path(&[…, name])`), which costs nothing while the message is clean.

use chrono::{Datelike, NaiveDate};
use iwmo_model::codes::{DatumGebruik, StatusAanlevering};
use iwmo_model::{Bsn, Geboortedatum, Message, OpenPeriode, Product};

use super::{nth, path, rule_check, Check, Findings};

/// The checks of this file, one per rule.
pub(super) const CHECKS: &[Check] = &[
    rule_check!("CS002", cs002_bsn_elfproef),
    rule_check!("CS003", cs003_einddatum_not_before_begindatum),
    rule_check!("CS058", cs058_status_aanlevering_1_or_3),
    rule_check!("CS139", cs139_datum_gebruik_matches_datum),
    rule_check!("TR002", tr002_geboortedatum_within_120_years),
    rule_check!("TR018", tr018_stop_einddatum_not_before_begindatum),
    rule_check!("TR101", tr101_no_duplicate_lines),
    rule_check!("TR134", tr134_date_not_after_dagtekening),
];

/// **CS002** "De waarde moet voldoen aan de 11-proef." Every `Bsn` of a 301, 305, 307, 315,
/// 317, 323 and 325 must pass the 11-proef.
///
/// The stylesheet checks every element named `Bsn`, wherever it is. In iWmo 3.2 those are the
/// client's `Bsn` in 301, 305, 307, 315 and 317, and the `Bsn` of every `Client` of a 323
/// (`Declaratie/Clienten`) and of a 325 (`DeclaratieAntwoord/Clienten`); a `Relatie` has no
/// `Bsn` and a 319 none at all, so this covers exactly the stylesheet's elements.
///
/// The weights are the XSLT's `check11proef`: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11). The
/// XSLT has no exception for test BSNs, nor do we.
fn cs002_bsn_elfproef(message: &Message, findings: &mut Findings) {
    let mut bsn = |bsn: &Bsn, at: &dyn Fn() -> String| {
        if !bsn.elfproef() {
            findings.add(vec![at()], format!("BSN {bsn} does not pass the 11-proef"));
        }
    };
    let client = || path(&["Client", "Bsn"]);
    match message {
        Message::Wmo301(m) => bsn(&m.client.bsn, &client),
        Message::Wmo305(m) => bsn(&m.client.bsn, &client),
        Message::Wmo307(m) => bsn(&m.client.bsn, &client),
        Message::Wmo315(m) => bsn(&m.client.bsn, &client),
        Message::Wmo317(m) => bsn(&m.client.bsn, &client),
        Message::Wmo323(m) => {
            for (i, c) in m.declaratie.clienten.iter().enumerate() {
                bsn(&c.bsn, &|| {
                    path(&["Declaratie", "Clienten", &nth("Client", i), "Bsn"])
                });
            }
        }
        Message::Wmo325(m) => {
            let clienten = m.declaratie_antwoord.iter().flat_map(|a| &a.clienten);
            for (i, c) in clienten.enumerate() {
                bsn(&c.bsn, &|| {
                    path(&["DeclaratieAntwoord", "Clienten", &nth("Client", i), "Bsn"])
                });
            }
        }
        _ => {}
    }
}

/// **CS003** "Indien van toepassing vullen met een waarde die groter is dan, of gelijk is aan
/// de Begindatum (of Ingangsdatum) van de aangeduide periode." An end date, where filled, must
/// not lie before the start date of its period:
/// - 301: `ToegewezenProduct/Einddatum` ≥ `Ingangsdatum`, and `Contact/Periode/Einddatum` ≥
///   `Begindatum`, for the client's `Contactgegevens/Contact` and also for the `Contact` of
///   every `Relatie` (the stylesheet matches any 301 `Contact/Periode`; the catalogue's scope
///   names only the client's);
/// - 315: `AangevraagdProduct/ToewijzingEinddatum` ≥ `ToewijzingIngangsdatum`;
/// - 317: `TeWijzigenProduct/Einddatum` and `NieuwProduct/Einddatum` ≥ `GewensteIngangsdatum`.
///
/// The text does not say what happens when the period has no start: only a `Contact/Periode`
/// can have an `Einddatum` without a `Begindatum` (both are optional there). Like the
/// stylesheet (`checkafter` fails when the other date is absent), we report such an
/// `Einddatum`: an end cannot be shown to be on or after a start that is not there. The XSLT
/// also has a template for a 301 `Beschikking` class, which iWmo 3.2's XSD does not have.
fn cs003_einddatum_not_before_begindatum(message: &Message, findings: &mut Findings) {
    match message {
        Message::Wmo301(m) => {
            let c = &m.client;
            for (i, contact) in c.contactgegevens.iter().enumerate() {
                if let Some(periode) = &contact.periode {
                    cs003_periode(findings, periode, |name| {
                        path(&[
                            "Client",
                            "Contactgegevens",
                            &nth("Contact", i),
                            "Periode",
                            name,
                        ])
                    });
                }
            }
            for (i, relatie) in c.relaties.iter().enumerate() {
                if let Some(periode) = &relatie.contact.periode {
                    cs003_periode(findings, periode, |name| {
                        path(&[
                            "Client",
                            "Relaties",
                            &nth("Relatie", i),
                            "Contact",
                            "Periode",
                            name,
                        ])
                    });
                }
            }
            for (i, p) in c.toegewezen_producten.iter().enumerate() {
                cs003_ends_before(
                    findings,
                    ("Ingangsdatum", Some(p.ingangsdatum)),
                    ("Einddatum", p.einddatum),
                    |name| {
                        path(&[
                            "Client",
                            "ToegewezenProducten",
                            &nth("ToegewezenProduct", i),
                            name,
                        ])
                    },
                );
            }
        }
        Message::Wmo315(m) => {
            for (i, p) in m.client.aangevraagde_producten.iter().enumerate() {
                cs003_ends_before(
                    findings,
                    ("ToewijzingIngangsdatum", Some(p.toewijzing_ingangsdatum)),
                    ("ToewijzingEinddatum", p.toewijzing_einddatum),
                    |name| {
                        path(&[
                            "Client",
                            "AangevraagdeProducten",
                            &nth("AangevraagdProduct", i),
                            name,
                        ])
                    },
                );
            }
        }
        Message::Wmo317(m) => {
            let v = &m.client.verzoek;
            for (i, p) in v.te_wijzigen_producten.iter().enumerate() {
                cs003_ends_before(
                    findings,
                    ("GewensteIngangsdatum", Some(p.gewenste_ingangsdatum)),
                    ("Einddatum", p.einddatum),
                    |name| {
                        path(&[
                            "Client",
                            "Verzoek",
                            "TeWijzigenProducten",
                            &nth("TeWijzigenProduct", i),
                            name,
                        ])
                    },
                );
            }
            for (i, p) in v.nieuwe_producten.iter().enumerate() {
                cs003_ends_before(
                    findings,
                    ("GewensteIngangsdatum", Some(p.gewenste_ingangsdatum)),
                    ("Einddatum", p.einddatum),
                    |name| {
                        path(&[
                            "Client",
                            "Verzoek",
                            "NieuweProducten",
                            &nth("NieuwProduct", i),
                            name,
                        ])
                    },
                );
            }
        }
        _ => {}
    }
}

/// CS003 on a `Contact/Periode`; `at` gives the path of one of its elements.
fn cs003_periode(findings: &mut Findings, periode: &OpenPeriode, at: impl Fn(&str) -> String) {
    cs003_ends_before(
        findings,
        ("Begindatum", periode.begindatum),
        ("Einddatum", periode.einddatum),
        at,
    );
}

/// CS003 on one period: a finding when the end is filled and the start is absent or later.
/// The paths are the start's (when present) and the end's, in document order (the start comes
/// first in every class of the rule).
fn cs003_ends_before(
    findings: &mut Findings,
    (start_name, start): (&str, Option<NaiveDate>),
    (end_name, end): (&str, Option<NaiveDate>),
    at: impl Fn(&str) -> String,
) {
    let Some(end) = end else { return };
    match start {
        Some(start) if end < start => findings.add(
            vec![at(start_name), at(end_name)],
            format!("{end_name} {end} is before {start_name} {start}"),
        ),
        Some(_) => {}
        None => findings.add(
            vec![at(end_name)],
            format!("{end_name} {end} is filled without a {start_name}"),
        ),
    }
}

/// **CS058** "1 (eerste aanlevering) of 3 (verwijderen aanlevering) vullen." The
/// `StatusAanlevering` of every `StartProduct` of a 305 and every `StopProduct` of a 307 must
/// be 1 or 3: 2 (gewijzigde aanlevering) and 9 (niet van toepassing) are in the code list but
/// not allowed here.
fn cs058_status_aanlevering_1_or_3(message: &Message, findings: &mut Findings) {
    let allowed = |s: StatusAanlevering| {
        matches!(
            s,
            StatusAanlevering::EersteAanlevering | StatusAanlevering::VerwijderenAanlevering
        )
    };
    let detail = |s: StatusAanlevering| format!("StatusAanlevering is {s}, not 1 or 3");
    match message {
        Message::Wmo305(m) => {
            for (i, p) in m.client.start_producten.iter().enumerate() {
                if !allowed(p.status_aanlevering) {
                    findings.add(
                        vec![path(&[
                            "Client",
                            "StartProducten",
                            &nth("StartProduct", i),
                            "StatusAanlevering",
                        ])],
                        detail(p.status_aanlevering),
                    );
                }
            }
        }
        Message::Wmo307(m) => {
            for (i, p) in m.client.stop_producten.iter().enumerate() {
                if !allowed(p.status_aanlevering) {
                    findings.add(
                        vec![path(&[
                            "Client",
                            "StopProducten",
                            &nth("StopProduct", i),
                            "StatusAanlevering",
                        ])],
                        detail(p.status_aanlevering),
                    );
                }
            }
        }
        _ => {}
    }
}

/// **CS139** "Voor Geboortedatum geldt dat DatumGebruik en Datum met elkaar in overeenstemming
/// moeten zijn." Where a `Geboortedatum` has a `DatumGebruik`, its `Datum` must fit it, in the
/// client's `Geboortedatum` of a 301, 305, 307 and 315 and in every `Relatie`'s of a 301.
///
/// The text does not say what agreeing means; the stylesheet's meaning, which we follow:
/// DatumGebruik 1 (day unknown) needs day 01, 2 (day and month unknown) needs 01-01, and 3
/// (date unknown) needs exactly 1900-01-01. Without a DatumGebruik there is nothing to agree.
fn cs139_datum_gebruik_matches_datum(message: &Message, findings: &mut Findings) {
    let client = |name: &str| path(&["Client", "Geboortedatum", name]);
    match message {
        Message::Wmo301(m) => {
            cs139_geboortedatum(findings, &m.client.geboortedatum, client);
            for (i, r) in m.client.relaties.iter().enumerate() {
                if let Some(g) = &r.geboortedatum {
                    cs139_geboortedatum(findings, g, |name| {
                        path(&[
                            "Client",
                            "Relaties",
                            &nth("Relatie", i),
                            "Geboortedatum",
                            name,
                        ])
                    });
                }
            }
        }
        Message::Wmo305(m) => cs139_geboortedatum(findings, &m.client.geboortedatum, client),
        Message::Wmo307(m) => cs139_geboortedatum(findings, &m.client.geboortedatum, client),
        Message::Wmo315(m) => cs139_geboortedatum(findings, &m.client.geboortedatum, client),
        _ => {}
    }
}

/// CS139 on one `Geboortedatum`; `at` gives the path of `Datum` or `DatumGebruik`.
fn cs139_geboortedatum(findings: &mut Findings, g: &Geboortedatum, at: impl Fn(&str) -> String) {
    let Some(gebruik) = g.datum_gebruik else {
        return;
    };
    let d = g.datum;
    let (agrees, needs) = match gebruik {
        DatumGebruik::DagOnbekend => (d.day() == 1, "day 01"),
        DatumGebruik::DagEnMaandOnbekend => (d.day() == 1 && d.month() == 1, "01-01"),
        DatumGebruik::DatumOnbekend => (
            d.year() == 1900 && d.month() == 1 && d.day() == 1,
            "1900-01-01",
        ),
    };
    if !agrees {
        findings.add(
            vec![at("Datum"), at("DatumGebruik")],
            format!("Datum {d} does not fit DatumGebruik {gebruik}, which needs {needs}"),
        );
    }
}

/// **TR002** "Geboortedatum mag niet meer dan 120 jaar voor de Dagtekening liggen, tenzij
/// Geboortedatum onbekend is." The client's `Geboortedatum/Datum` of a 301, 305, 307 and 315,
/// and every `Relatie`'s of a 301, must not lie more than 120 years before the header's
/// `Dagtekening`; an unknown date (DatumGebruik 3 with Datum 1900-01-01) is exempt.
///
/// "More than 120 years" as the stylesheet's `checkYearsBetween` reads it: the date with 120
/// added to its year (as the number yyyymmdd + 1200000, so 29 February needs no care) must
/// not be before the Dagtekening. Exactly 120 years before passes, a day more does not.
/// 1900-01-01 without DatumGebruik 3 is a real date and is checked.
fn tr002_geboortedatum_within_120_years(message: &Message, findings: &mut Findings) {
    let client = || path(&["Client", "Geboortedatum", "Datum"]);
    match message {
        Message::Wmo301(m) => {
            let dagtekening = m.header.bericht_identificatie.dagtekening;
            tr002_geboortedatum(findings, dagtekening, &m.client.geboortedatum, client);
            for (i, r) in m.client.relaties.iter().enumerate() {
                if let Some(g) = &r.geboortedatum {
                    tr002_geboortedatum(findings, dagtekening, g, || {
                        path(&[
                            "Client",
                            "Relaties",
                            &nth("Relatie", i),
                            "Geboortedatum",
                            "Datum",
                        ])
                    });
                }
            }
        }
        Message::Wmo305(m) => tr002_geboortedatum(
            findings,
            m.header.bericht_identificatie.dagtekening,
            &m.client.geboortedatum,
            client,
        ),
        Message::Wmo307(m) => tr002_geboortedatum(
            findings,
            m.header.bericht_identificatie.dagtekening,
            &m.client.geboortedatum,
            client,
        ),
        Message::Wmo315(m) => tr002_geboortedatum(
            findings,
            m.header.bericht_identificatie.dagtekening,
            &m.client.geboortedatum,
            client,
        ),
        _ => {}
    }
}

/// TR002 on one `Geboortedatum`; `at` gives the path of its `Datum`.
fn tr002_geboortedatum(
    findings: &mut Findings,
    dagtekening: NaiveDate,
    g: &Geboortedatum,
    at: impl FnOnce() -> String,
) {
    let unknown = g.datum_gebruik == Some(DatumGebruik::DatumOnbekend)
        && (g.datum.year(), g.datum.month(), g.datum.day()) == (1900, 1, 1);
    if !unknown && yyyymmdd(g.datum) + 120 * 10_000 < yyyymmdd(dagtekening) {
        findings.add(
            vec![dagtekening_path(), at()],
            format!(
                "Geboortedatum {} is more than 120 years before Dagtekening {dagtekening}",
                g.datum
            ),
        );
    }
}

/// A date as the number yyyymmdd, as the stylesheet compares dates.
fn yyyymmdd(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

/// The header's `BerichtIdentificatie/Dagtekening`.
fn dagtekening_path() -> String {
    path(&["Header", "BerichtIdentificatie", "Dagtekening"])
}

/// **TR018** "Einddatum moet groter dan of gelijk zijn aan Begindatum." The `Einddatum` of
/// every `StopProduct` of a 307 must not lie before its `Begindatum` (the start of delivery).
fn tr018_stop_einddatum_not_before_begindatum(message: &Message, findings: &mut Findings) {
    let Message::Wmo307(m) = message else {
        return;
    };
    for (i, p) in m.client.stop_producten.iter().enumerate() {
        if p.einddatum < p.begindatum {
            let at = |name: &str| path(&["Client", "StopProducten", &nth("StopProduct", i), name]);
            findings.add(
                vec![at("Begindatum"), at("Einddatum")],
                format!(
                    "Einddatum {} is before Begindatum {}",
                    p.einddatum, p.begindatum
                ),
            );
        }
    }
}

/// **TR101** "Binnen een bericht zijn dubbele regels niet toegestaan." No two sibling classes
/// of the same kind may have the same logical key. The keys are the stylesheet's (an absent
/// part of a key equals only another absent part):
/// - 301: `Contact` (client's `Contactgegevens`) by `Soort`; `Relatie` by `Nummer`;
///   `ToegewezenProduct` by `ToewijzingNummer`;
/// - 305: `StartProduct` by `ToewijzingNummer`, `Product` `Categorie` and `Code`, `Begindatum`
///   (not `StatusAanlevering`);
/// - 307: `StopProduct` by the same plus `RedenBeeindiging` and `Einddatum`;
/// - 315: `AangevraagdProduct` by `ReferentieAanbieder` (the stylesheet has this key; the
///   catalogue's note missed it);
/// - 317: `OngewijzigdProduct` and `TeWijzigenProduct` by `ToewijzingNummer`, `NieuwProduct`
///   by `Product` `Categorie` and `Code` and `GewensteIngangsdatum`;
/// - 323 and 325: `Client` (under `Clienten`) by `Bsn`, `Prestatie` by `ReferentieNummer` and
///   `VorigReferentieNummer` of its `ProductReferentie`.
///
/// The stylesheet also has keys for the `Client` of 301 … 317, the 317 `Verzoek`, the 319
/// `Antwoord` and the 323/325 `Declaratie(Antwoord)`, but the XSD allows only one of each
/// there (and the stylesheet never checks a child of the root), so they cannot be duplicated:
/// the 319 is in the rule's scope and never breaks it.
///
/// Some duplicates break other rules too: in a 315 every duplicate `ReferentieAanbieder` also
/// breaks TR383 (which says exactly that), and two equal `NieuwProduct`s of a 317 also break
/// TR410 unless they are hulpmiddelen (categories 11 … 14), whose periods may overlap.
///
/// Only siblings are compared (two `Prestatie`s of different `Client`s never clash), as in the
/// stylesheet. A group of equal siblings is one finding, with the paths of all of them in
/// document order, as the stylesheet reports it at the last of the group.
///
/// Where we differ: the stylesheet compares the text of the key elements, we compare their
/// values. So `ToewijzingNummer`s `26001001` and `026001001` (the same xs:integer), or dates
/// written with surrounding whitespace, are duplicates for us and not for the stylesheet. A
/// toewijzing is identified by its number, not by how it is written.
///
/// Siblings are compared pairwise (quadratic in the number of siblings, allocation-free while
/// nothing is duplicated); fine for the sizes messages have.
fn tr101_no_duplicate_lines(message: &Message, findings: &mut Findings) {
    match message {
        Message::Wmo301(m) => {
            let c = &m.client;
            tr101_siblings(
                findings,
                &c.contactgegevens,
                |x| x.soort,
                |i| path(&["Client", "Contactgegevens", &nth("Contact", i)]),
                |x, n| format!("{n} Contacts have Soort {}", x.soort),
            );
            tr101_siblings(
                findings,
                &c.relaties,
                |x| x.nummer.as_str(),
                |i| path(&["Client", "Relaties", &nth("Relatie", i)]),
                |x, n| format!("{n} Relaties have Nummer {}", x.nummer),
            );
            tr101_siblings(
                findings,
                &c.toegewezen_producten,
                |x| x.toewijzing_nummer,
                |i| {
                    path(&[
                        "Client",
                        "ToegewezenProducten",
                        &nth("ToegewezenProduct", i),
                    ])
                },
                |x, n| {
                    format!(
                        "{n} ToegewezenProducten have ToewijzingNummer {}",
                        x.toewijzing_nummer
                    )
                },
            );
        }
        Message::Wmo305(m) => tr101_siblings(
            findings,
            &m.client.start_producten,
            |x| {
                (
                    x.toewijzing_nummer,
                    product_key(x.product.as_ref()),
                    x.begindatum,
                )
            },
            |i| path(&["Client", "StartProducten", &nth("StartProduct", i)]),
            |x, n| {
                format!(
                    "{n} StartProducten have the same ToewijzingNummer ({}), Product ({}) and Begindatum ({})",
                    show_nummer(x.toewijzing_nummer),
                    show_product(x.product.as_ref()),
                    x.begindatum
                )
            },
        ),
        Message::Wmo307(m) => tr101_siblings(
            findings,
            &m.client.stop_producten,
            |x| {
                (
                    x.toewijzing_nummer,
                    product_key(x.product.as_ref()),
                    x.begindatum,
                    x.reden_beeindiging,
                    x.einddatum,
                )
            },
            |i| path(&["Client", "StopProducten", &nth("StopProduct", i)]),
            |x, n| {
                format!(
                    "{n} StopProducten have the same ToewijzingNummer ({}), Product ({}), Begindatum ({}), RedenBeeindiging ({}) and Einddatum ({})",
                    show_nummer(x.toewijzing_nummer),
                    show_product(x.product.as_ref()),
                    x.begindatum,
                    x.reden_beeindiging,
                    x.einddatum
                )
            },
        ),
        Message::Wmo315(m) => tr101_siblings(
            findings,
            &m.client.aangevraagde_producten,
            |x| x.referentie_aanbieder.as_str(),
            |i| {
                path(&[
                    "Client",
                    "AangevraagdeProducten",
                    &nth("AangevraagdProduct", i),
                ])
            },
            |x, n| {
                format!(
                    "{n} AangevraagdeProducten have ReferentieAanbieder {}",
                    x.referentie_aanbieder
                )
            },
        ),
        Message::Wmo317(m) => {
            let v = &m.client.verzoek;
            tr101_siblings(
                findings,
                &v.ongewijzigde_producten,
                |x| x.toewijzing_nummer,
                |i| {
                    path(&[
                        "Client",
                        "Verzoek",
                        "OngewijzigdeProducten",
                        &nth("OngewijzigdProduct", i),
                    ])
                },
                |x, n| {
                    format!(
                        "{n} OngewijzigdeProducten have ToewijzingNummer {}",
                        x.toewijzing_nummer
                    )
                },
            );
            tr101_siblings(
                findings,
                &v.te_wijzigen_producten,
                |x| x.toewijzing_nummer,
                |i| {
                    path(&[
                        "Client",
                        "Verzoek",
                        "TeWijzigenProducten",
                        &nth("TeWijzigenProduct", i),
                    ])
                },
                |x, n| {
                    format!(
                        "{n} TeWijzigenProducten have ToewijzingNummer {}",
                        x.toewijzing_nummer
                    )
                },
            );
            tr101_siblings(
                findings,
                &v.nieuwe_producten,
                |x| (product_key(x.product.as_ref()), x.gewenste_ingangsdatum),
                |i| {
                    path(&[
                        "Client",
                        "Verzoek",
                        "NieuweProducten",
                        &nth("NieuwProduct", i),
                    ])
                },
                |x, n| {
                    format!(
                        "{n} NieuweProducten have the same Product ({}) and GewensteIngangsdatum ({})",
                        show_product(x.product.as_ref()),
                        x.gewenste_ingangsdatum
                    )
                },
            );
        }
        // One Antwoord per 319 (XSD): nothing can be duplicated.
        Message::Wmo319(_) => {}
        Message::Wmo323(m) => {
            let clienten = &m.declaratie.clienten;
            tr101_siblings(
                findings,
                clienten,
                |x| &x.bsn,
                |i| path(&["Declaratie", "Clienten", &nth("Client", i)]),
                |x, n| format!("{n} Clienten have BSN {}", x.bsn),
            );
            for (ci, c) in clienten.iter().enumerate() {
                tr101_siblings(
                    findings,
                    &c.prestaties,
                    |x| prestatie_key(&x.product_referentie),
                    |i| {
                        path(&[
                            "Declaratie",
                            "Clienten",
                            &nth("Client", ci),
                            "Prestaties",
                            &nth("Prestatie", i),
                        ])
                    },
                    |x, n| prestatie_detail(&x.product_referentie, n),
                );
            }
        }
        Message::Wmo325(m) => {
            let Some(antwoord) = &m.declaratie_antwoord else {
                return;
            };
            let clienten = &antwoord.clienten;
            tr101_siblings(
                findings,
                clienten,
                |x| &x.bsn,
                |i| path(&["DeclaratieAntwoord", "Clienten", &nth("Client", i)]),
                |x, n| format!("{n} Clienten have BSN {}", x.bsn),
            );
            for (ci, c) in clienten.iter().enumerate() {
                tr101_siblings(
                    findings,
                    &c.prestaties,
                    |x| prestatie_key(&x.product_referentie),
                    |i| {
                        path(&[
                            "DeclaratieAntwoord",
                            "Clienten",
                            &nth("Client", ci),
                            "Prestaties",
                            &nth("Prestatie", i),
                        ])
                    },
                    |x, n| prestatie_detail(&x.product_referentie, n),
                );
            }
        }
        _ => {}
    }
}

/// TR101 on one list of siblings: for every group of two or more with equal `key`, one
/// finding with the paths (`at`) of the whole group; `detail` gets the last of the group and
/// the group's size. Nothing is allocated unless a group is found.
fn tr101_siblings<'a, T, K: PartialEq>(
    findings: &mut Findings,
    items: &'a [T],
    key: impl Fn(&'a T) -> K,
    at: impl Fn(usize) -> String,
    detail: impl Fn(&T, usize) -> String,
) {
    for (i, item) in items.iter().enumerate() {
        let k = key(item);
        // Report each group once, at its last member (like the stylesheet).
        if items.iter().skip(i + 1).any(|other| key(other) == k) {
            continue;
        }
        if !items.iter().take(i).any(|other| key(other) == k) {
            continue;
        }
        let paths: Vec<String> = items
            .iter()
            .enumerate()
            .take(i + 1)
            .filter(|(_, other)| key(other) == k)
            .map(|(j, _)| at(j))
            .collect();
        let n = paths.len();
        findings.add(paths, detail(item, n));
    }
}

/// The key parts of a `Product`: its `Categorie` and `Code`, each absent when the `Product` is.
fn product_key(product: Option<&Product>) -> (Option<&'static str>, Option<&str>) {
    (
        product.map(|p| p.categorie.code()),
        product.and_then(|p| p.code.as_deref()),
    )
}

/// A `Product` for a detail: `02/02A02`, `02` (no code) or `none`.
fn show_product(product: Option<&Product>) -> String {
    match product {
        Some(Product {
            categorie,
            code: Some(code),
        }) => format!("{categorie}/{code}"),
        Some(Product {
            categorie,
            code: None,
        }) => format!("{categorie} without code"),
        None => "none".to_string(),
    }
}

/// An optional `ToewijzingNummer` for a detail.
fn show_nummer(nummer: Option<u32>) -> String {
    nummer.map_or_else(|| "none".to_string(), |n| n.to_string())
}

/// The key of a `Prestatie`: its `ReferentieNummer` and `VorigReferentieNummer`.
fn prestatie_key(r: &iwmo_model::Referentie) -> (&str, Option<&str>) {
    (
        r.referentie_nummer.as_str(),
        r.vorig_referentie_nummer.as_deref(),
    )
}

fn prestatie_detail(r: &iwmo_model::Referentie, n: usize) -> String {
    match &r.vorig_referentie_nummer {
        Some(vorig) => format!(
            "{n} Prestaties have ReferentieNummer {} and VorigReferentieNummer {vorig}",
            r.referentie_nummer
        ),
        None => format!(
            "{n} Prestaties have ReferentieNummer {} (no VorigReferentieNummer)",
            r.referentie_nummer
        ),
    }
}

/// **TR134** "Vullen met een bestaande datum die niet groter is dan de Dagtekening van het
/// bericht." These dates must not lie after the header's `BerichtIdentificatie/Dagtekening`:
/// - 301: the client's and every `Relatie`'s `Geboortedatum/Datum`, every
///   `ToegewezenProduct/Toewijzingsdatum`;
/// - 305: the client's `Geboortedatum/Datum`, every `StartProduct/Begindatum`;
/// - 307: the client's `Geboortedatum/Datum`, every `StopProduct/Einddatum`;
/// - 315: the client's `Geboortedatum/Datum`;
/// - 323: `DeclaratiePeriode/Begindatum`, every `Prestatie/ProductPeriode/Begindatum`;
/// - 325: every `Prestatie/ProductPeriode/Begindatum`.
///
/// "Bestaande datum" (an existing date) is already the XSD's: every date read is a real date.
/// The text names no elements; these are the stylesheet's. "De Dagtekening van het bericht" is
/// the header's also in a 323 (not `DeclaratieDagtekening`) and a 325 (not the 323's
/// `DeclaratieIdentificatie/Dagtekening`), as in the stylesheet. In a 323 and 325 every break
/// of TR134 also breaks TR137 (the period's Einddatum must lie between its Begindatum and the
/// same Dagtekening), so no message breaks TR134 alone there.
fn tr134_date_not_after_dagtekening(message: &Message, findings: &mut Findings) {
    let geboortedatum = || path(&["Client", "Geboortedatum", "Datum"]);
    match message {
        Message::Wmo301(m) => {
            let dagtekening = m.header.bericht_identificatie.dagtekening;
            let c = &m.client;
            tr134_date(
                findings,
                dagtekening,
                c.geboortedatum.datum,
                "Geboortedatum",
                geboortedatum,
            );
            for (i, r) in c.relaties.iter().enumerate() {
                if let Some(g) = &r.geboortedatum {
                    tr134_date(findings, dagtekening, g.datum, "Geboortedatum", || {
                        path(&[
                            "Client",
                            "Relaties",
                            &nth("Relatie", i),
                            "Geboortedatum",
                            "Datum",
                        ])
                    });
                }
            }
            for (i, p) in c.toegewezen_producten.iter().enumerate() {
                tr134_date(
                    findings,
                    dagtekening,
                    p.toewijzingsdatum,
                    "Toewijzingsdatum",
                    || {
                        path(&[
                            "Client",
                            "ToegewezenProducten",
                            &nth("ToegewezenProduct", i),
                            "Toewijzingsdatum",
                        ])
                    },
                );
            }
        }
        Message::Wmo305(m) => {
            let dagtekening = m.header.bericht_identificatie.dagtekening;
            let c = &m.client;
            tr134_date(
                findings,
                dagtekening,
                c.geboortedatum.datum,
                "Geboortedatum",
                geboortedatum,
            );
            for (i, p) in c.start_producten.iter().enumerate() {
                tr134_date(findings, dagtekening, p.begindatum, "Begindatum", || {
                    path(&[
                        "Client",
                        "StartProducten",
                        &nth("StartProduct", i),
                        "Begindatum",
                    ])
                });
            }
        }
        Message::Wmo307(m) => {
            let dagtekening = m.header.bericht_identificatie.dagtekening;
            let c = &m.client;
            tr134_date(
                findings,
                dagtekening,
                c.geboortedatum.datum,
                "Geboortedatum",
                geboortedatum,
            );
            for (i, p) in c.stop_producten.iter().enumerate() {
                tr134_date(findings, dagtekening, p.einddatum, "Einddatum", || {
                    path(&[
                        "Client",
                        "StopProducten",
                        &nth("StopProduct", i),
                        "Einddatum",
                    ])
                });
            }
        }
        Message::Wmo315(m) => tr134_date(
            findings,
            m.header.bericht_identificatie.dagtekening,
            m.client.geboortedatum.datum,
            "Geboortedatum",
            geboortedatum,
        ),
        Message::Wmo323(m) => {
            let dagtekening = m.header.bericht_identificatie.dagtekening;
            let d = &m.declaratie;
            tr134_date(
                findings,
                dagtekening,
                d.declaratie_periode.begindatum,
                "Begindatum",
                || path(&["Declaratie", "DeclaratiePeriode", "Begindatum"]),
            );
            for (ci, c) in d.clienten.iter().enumerate() {
                for (pi, p) in c.prestaties.iter().enumerate() {
                    tr134_date(
                        findings,
                        dagtekening,
                        p.product_periode.begindatum,
                        "Begindatum",
                        || {
                            path(&[
                                "Declaratie",
                                "Clienten",
                                &nth("Client", ci),
                                "Prestaties",
                                &nth("Prestatie", pi),
                                "ProductPeriode",
                                "Begindatum",
                            ])
                        },
                    );
                }
            }
        }
        Message::Wmo325(m) => {
            let dagtekening = m.header.header.bericht_identificatie.dagtekening;
            let clienten = m.declaratie_antwoord.iter().flat_map(|a| &a.clienten);
            for (ci, c) in clienten.enumerate() {
                for (pi, p) in c.prestaties.iter().enumerate() {
                    tr134_date(
                        findings,
                        dagtekening,
                        p.product_periode.begindatum,
                        "Begindatum",
                        || {
                            path(&[
                                "DeclaratieAntwoord",
                                "Clienten",
                                &nth("Client", ci),
                                "Prestaties",
                                &nth("Prestatie", pi),
                                "ProductPeriode",
                                "Begindatum",
                            ])
                        },
                    );
                }
            }
        }
        _ => {}
    }
}

/// TR134 on one date named `name`; `at` gives its path.
fn tr134_date(
    findings: &mut Findings,
    dagtekening: NaiveDate,
    date: NaiveDate,
    name: &str,
    at: impl FnOnce() -> String,
) {
    if date > dagtekening {
        findings.add(
            vec![dagtekening_path(), at()],
            format!("{name} {date} is after Dagtekening {dagtekening}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn run(f: impl FnOnce(&mut Findings)) -> Vec<(Vec<String>, String)> {
        let mut findings = Findings::default();
        f(&mut findings);
        findings
            .report
            .findings
            .into_iter()
            .map(|f| (f.paths, f.detail))
            .collect()
    }

    #[test]
    fn tr002_exactly_120_years_passes_a_day_more_does_not() {
        let g = |d: &str, gebruik| Geboortedatum {
            datum: date(d),
            datum_gebruik: gebruik,
        };
        let at = || "/x".to_string();
        let table = [
            ("1906-05-06", None, "2026-05-06", 0),
            ("1906-05-05", None, "2026-05-06", 1),
            (
                "1900-01-01",
                Some(DatumGebruik::DatumOnbekend),
                "2026-05-06",
                0,
            ),
            ("1900-01-01", None, "2026-05-06", 1),
            // 29 February + 120 years: 2024-02-29 is compared as 21440229.
            ("2024-02-29", None, "2144-02-29", 0),
            ("2024-02-29", None, "2144-03-01", 1),
        ];
        for (datum, gebruik, dagtekening, n) in table {
            let found = run(|f| tr002_geboortedatum(f, date(dagtekening), &g(datum, gebruik), at));
            assert_eq!(found.len(), n, "{datum} {gebruik:?} {dagtekening}");
        }
    }

    #[test]
    fn cs139_table() {
        let table = [
            ("1958-11-01", DatumGebruik::DagOnbekend, true),
            ("1958-11-17", DatumGebruik::DagOnbekend, false),
            ("1958-01-01", DatumGebruik::DagEnMaandOnbekend, true),
            ("1958-11-01", DatumGebruik::DagEnMaandOnbekend, false),
            ("1958-01-17", DatumGebruik::DagEnMaandOnbekend, false),
            ("1900-01-01", DatumGebruik::DatumOnbekend, true),
            ("1958-01-01", DatumGebruik::DatumOnbekend, false),
        ];
        for (datum, gebruik, ok) in table {
            let g = Geboortedatum {
                datum: date(datum),
                datum_gebruik: Some(gebruik),
            };
            let found = run(|f| cs139_geboortedatum(f, &g, |n| n.to_string()));
            assert_eq!(found.is_empty(), ok, "{datum} {gebruik:?}");
        }
    }

    #[test]
    fn cs003_end_without_start_is_a_finding() {
        let found = run(|f| {
            cs003_ends_before(
                f,
                ("Begindatum", None),
                ("Einddatum", Some(date("2026-01-01"))),
                |n| n.to_string(),
            )
        });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, vec!["Einddatum".to_string()]);
        let same_day = run(|f| {
            cs003_ends_before(
                f,
                ("Begindatum", Some(date("2026-01-01"))),
                ("Einddatum", Some(date("2026-01-01"))),
                |n| n.to_string(),
            )
        });
        assert!(same_day.is_empty());
    }

    #[test]
    fn tr101_one_finding_per_group_with_all_its_paths() {
        let items = [1, 2, 1, 3, 1, 2];
        let found = run(|f| {
            tr101_siblings(
                f,
                &items,
                |x| *x,
                |i| i.to_string(),
                |x, n| format!("{x}x{n}"),
            )
        });
        assert_eq!(
            found,
            vec![
                (vec!["0".into(), "2".into(), "4".into()], "1x3".into()),
                (vec!["1".into(), "5".into()], "2x2".into()),
            ]
        );
        let none = run(|f| {
            tr101_siblings(
                f,
                &[1, 2, 3],
                |x| *x,
                |i| i.to_string(),
                |_, _| String::new(),
            )
        });
        assert!(none.is_empty());
    }
}
