//! Level-2 checks: toewijzing family, the rules of the WMO301 Toewijzing (its client, contacts,
//! addresses and toegewezen producten) and CS338, which the 317 shares (see the module's parent
//! for the conventions).
//!
//! Contacts and addresses: the stylesheet matches its `Contact`, `Adres`, `Postcode` and
//! `LandCode` templates by element name, not by place, so the rules on a contact (CD009, CD034,
//! TR006) and on an address (CD005, CD025, CS089) apply to the client's
//! `Contactgegevens/Contact` and equally to every `Relaties/Relatie/Contact` of the 301. The
//! catalogue's scope names only the client's contacts; we follow the stylesheet (the standard's
//! class `Contact` is the same in both places), and the relatie fixtures pin it. TR061 alone is
//! about the client's `Contactgegevens`.
//!
//! "Filled" is the stylesheet's: the element is present with some text other than whitespace
//! (normalize-space not empty); "present" (its `#`) is the element being there at all. Dates are
//! compared as dates; the stylesheet compares their digits (`translate(…, '-', '')`), which is
//! the same order. Codes are compared as the code lists' values, which is their exact text.
//!
//! Nothing here allocates unless it adds a finding. TR302 compares every pair of toewijzingen
//! (as the stylesheet does); the comparison itself is a few field reads.

use chrono::NaiveDate;
use iwmo_model::codes::{
    AdresSoort, Communicatievorm, Eenheid, Frequentie, LandCode, NaamGebruik, RedenWijziging,
};
use iwmo_model::{Adres, Contact, Message, Omvang, ToegewezenProduct, VolledigeNaam};

use super::{nth, path, rule_check, Check, Findings};

/// The checks of this file, one per rule.
pub(super) const CHECKS: &[Check] = &[
    rule_check!("CD005", cd005_landcode_iff_postcode),
    rule_check!("CD007", cd007_taal_iff_tolk_taal),
    rule_check!("CD009", cd009_periode_only_for_tijdelijk_adres),
    rule_check!("CD025", cd025_huis_for_dutch_address),
    rule_check!("CD034", cd034_postcode_for_brp_and_verblijfadres),
    rule_check!("CD080", cd080_no_omvang_without_productcode),
    rule_check!("CS050", cs050_naamgebruik_matches_partnernaam),
    rule_check!("CS089", cs089_dutch_postcode_format),
    rule_check!("CS335", cs335_verwijderd_only_for_zero_length),
    rule_check!("CS336", cs336_no_reden_wijziging_01),
    rule_check!("CS338", cs338_frequentie_for_time_and_money_units),
    rule_check!("TR006", tr006_contact_has_telefoon_or_huis_and_postcode),
    rule_check!("TR061", tr061_client_has_main_address),
    rule_check!("TR302", tr302_no_overlapping_same_product),
];

/// The day after which CD080 and CS338 apply to a toewijzing with an Einddatum.
const END_2020: NaiveDate = match NaiveDate::from_ymd_opt(2020, 12, 31) {
    Some(d) => d,
    None => panic!("2020-12-31 is a date"),
};

/// Filled, as the stylesheet's `*` tests it: present, and not only whitespace.
fn filled(value: Option<&str>) -> bool {
    value.is_some_and(|v| !v.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r')))
}

/// Einddatum absent or after 31-12-2020: when CD080 and CS338 apply.
fn open_or_after_2020(einddatum: Option<NaiveDate>) -> bool {
    einddatum.is_none_or(|e| e > END_2020)
}

/// Where a contact of a 301 is: the client's n-th (0-based) `Contactgegevens/Contact`, or the
/// `Contact` of the client's n-th `Relatie`.
#[derive(Clone, Copy)]
enum ContactAt {
    Client(usize),
    Relatie(usize),
}

impl ContactAt {
    /// The path of an element below this contact (`&[]` for the contact itself).
    fn path(self, below: &[&str]) -> String {
        let (mut p, element) = match self {
            ContactAt::Client(i) => (path(&["Client", "Contactgegevens"]), nth("Contact", i)),
            ContactAt::Relatie(i) => (
                path(&["Client", "Relaties", &nth("Relatie", i)]),
                "Contact".to_string(),
            ),
        };
        p.push('/');
        p.push_str(&element);
        for step in below {
            p.push('/');
            p.push_str(step);
        }
        p
    }

    /// The contact, for a detail text.
    fn describe(self) -> String {
        match self {
            ContactAt::Client(i) => format!("client contact {}", i + 1),
            ContactAt::Relatie(i) => format!("contact of relatie {}", i + 1),
        }
    }
}

/// Every contact of a 301 in document order: the relaties', then the client's. Other messages
/// have none.
fn contacts(message: &Message) -> impl Iterator<Item = (ContactAt, &Contact)> {
    let client = match message {
        Message::Wmo301(m) => Some(&m.client),
        _ => None,
    };
    let own = client.into_iter().flat_map(|c| {
        c.contactgegevens
            .iter()
            .enumerate()
            .map(|(i, contact)| (ContactAt::Client(i), contact))
    });
    let relaties = client.into_iter().flat_map(|c| {
        c.relaties
            .iter()
            .enumerate()
            .map(|(i, r)| (ContactAt::Relatie(i), &r.contact))
    });
    relaties.chain(own)
}

/// Every address of a 301, with its contact.
fn adressen(message: &Message) -> impl Iterator<Item = (ContactAt, &Adres)> {
    contacts(message).filter_map(|(at, c)| c.adres.as_ref().map(|a| (at, a)))
}

/// The toegewezen producten of a 301; none in other messages.
fn toegewezen(message: &Message) -> &[ToegewezenProduct] {
    match message {
        Message::Wmo301(m) => &m.client.toegewezen_producten,
        _ => &[],
    }
}

/// The path of an element of the n-th toegewezen product.
fn product_path(i: usize, below: &[&str]) -> String {
    let element = nth("ToegewezenProduct", i);
    let mut steps: Vec<&str> = vec!["Client", "ToegewezenProducten", &element];
    steps.extend_from_slice(below);
    path(&steps)
}

/// **CD005** "Als Postcode gevuld is, dan verplicht vullen, anders leeg laten." In every
/// `Adres` of a 301 (client and relatie contacts), `LandCode` is filled exactly when
/// `Postcode` is.
///
/// The stylesheet checks both directions (from the Postcode and from the LandCode), naming the
/// filled element and the other if present; so do we.
fn cd005_landcode_iff_postcode(message: &Message, findings: &mut Findings) {
    for (at, adres) in adressen(message) {
        let postcode = filled(adres.postcode.as_deref());
        match (postcode, adres.land_code) {
            (true, None) => findings.add(
                vec![at.path(&["Adres", "Postcode"])],
                format!(
                    "{}: Postcode {} is filled but LandCode is empty",
                    at.describe(),
                    adres.postcode.as_deref().unwrap_or_default()
                ),
            ),
            (false, Some(land)) => {
                let mut paths = Vec::with_capacity(2);
                if adres.postcode.is_some() {
                    paths.push(at.path(&["Adres", "Postcode"]));
                }
                paths.push(at.path(&["Adres", "LandCode"]));
                findings.add(
                    paths,
                    format!(
                        "{}: LandCode {land} is filled but Postcode is empty",
                        at.describe()
                    ),
                );
            }
            _ => {}
        }
    }
}

/// **CD007** "Als Communicatie / Vorm de waarde 1 (tolk taal) heeft, dan verplicht vullen,
/// anders leeglaten." In the client's `Communicatie` of a 301, `Taal` is filled exactly when
/// `Vorm` is 1 (tolk taal).
///
/// Both directions, as the stylesheet's `checksame`: Vorm 1 without Taal, and Taal with
/// Vorm 2 or 3, each name Vorm and (when present) Taal.
fn cd007_taal_iff_tolk_taal(message: &Message, findings: &mut Findings) {
    let Message::Wmo301(m) = message else { return };
    let Some(c) = &m.client.communicatie else {
        return;
    };
    let tolk_taal = c.vorm == Communicatievorm::TolkTaal;
    let taal = filled(c.taal.as_deref());
    if tolk_taal == taal {
        return;
    }
    let mut paths = vec![path(&["Client", "Communicatie", "Vorm"])];
    if c.taal.is_some() {
        paths.push(path(&["Client", "Communicatie", "Taal"]));
    }
    let detail = if tolk_taal {
        "Communicatie/Vorm is 1 (tolk taal) but Taal is empty".to_string()
    } else {
        format!(
            "Communicatie/Vorm is {} ({}) but Taal {:?} is filled",
            c.vorm,
            c.vorm.meaning(),
            c.taal.as_deref().unwrap_or_default()
        )
    };
    findings.add(paths, detail);
}

/// **CD009** "Alleen als Soort adres de waarde 04 (tijdelijk adres) heeft, is vullen
/// toegestaan." A `Contact` of a 301 (client or relatie) has a `Periode` only if its `Soort`
/// is 04 (tijdelijk verblijfadres).
///
/// The stylesheet tests the Periode's presence (an empty `Periode`, both dates absent, counts);
/// so do we.
fn cd009_periode_only_for_tijdelijk_adres(message: &Message, findings: &mut Findings) {
    for (at, contact) in contacts(message) {
        if contact.periode.is_some() && contact.soort != AdresSoort::TijdelijkVerblijfadres {
            findings.add(
                vec![at.path(&["Soort"]), at.path(&["Periode"])],
                format!(
                    "{}: Periode is filled but Soort is {} ({}), not 04 (tijdelijk verblijfadres)",
                    at.describe(),
                    contact.soort,
                    contact.soort.meaning()
                ),
            );
        }
    }
}

/// **CD025** "Als Adres / LandCode de waarde NL (Nederland) heeft, dan verplicht vullen." An
/// `Adres` of a 301 (client or relatie contact) whose `LandCode` is NL has a `Huis`.
///
/// The stylesheet tests `Huis/Huisnummer`, which the XSD makes mandatory inside `Huis`, so
/// testing `Huis` is the same; the finding names the LandCode (a Huisnummer that is there is
/// always filled).
fn cd025_huis_for_dutch_address(message: &Message, findings: &mut Findings) {
    for (at, adres) in adressen(message) {
        if adres.land_code == Some(LandCode::Nl) && adres.huis.is_none() {
            findings.add(
                vec![at.path(&["Adres", "LandCode"])],
                format!("{}: LandCode is NL but Huis is empty", at.describe()),
            );
        }
    }
}

/// **CD034** "Als Soort adres de waarde 1 (BRP-adres) of 3 (verblijfadres) heeft, dan
/// verplicht vullen." A `Contact` of a 301 (client or relatie) whose `Soort` is 01 (BRP-adres)
/// or 03 (verblijfadres) has a filled `Adres/Postcode`.
///
/// The text writes the codes as 1 and 3; the code list's codes are 01 and 03, which the
/// stylesheet tests. A contact without `Adres` has no Postcode and breaks the rule (as in the
/// stylesheet).
fn cd034_postcode_for_brp_and_verblijfadres(message: &Message, findings: &mut Findings) {
    for (at, contact) in contacts(message) {
        if !matches!(
            contact.soort,
            AdresSoort::BrpAdres | AdresSoort::Verblijfadres
        ) {
            continue;
        }
        let postcode = contact.adres.as_ref().and_then(|a| a.postcode.as_deref());
        if filled(postcode) {
            continue;
        }
        let mut paths = vec![at.path(&["Soort"])];
        if postcode.is_some() {
            paths.push(at.path(&["Adres", "Postcode"]));
        }
        findings.add(
            paths,
            format!(
                "{}: Soort is {} ({}) but Adres/Postcode is empty",
                at.describe(),
                contact.soort,
                contact.soort.meaning()
            ),
        );
    }
}

/// **CD080** "Indien Code in Product leeg is en Einddatum van het ToegewezenProduct groter dan
/// 31-12-2020 of leeg is, dan leeg laten". A `ToegewezenProduct` of a 301 without a filled
/// `Product/Code` (an aspecific toewijzing, or no Product at all) has no `Omvang`, unless its
/// `Einddatum` is on or before 31-12-2020.
fn cd080_no_omvang_without_productcode(message: &Message, findings: &mut Findings) {
    for (i, p) in toegewezen(message).iter().enumerate() {
        if p.omvang.is_none() || !open_or_after_2020(p.einddatum) {
            continue;
        }
        let code = p.product.as_ref().and_then(|pr| pr.code.as_deref());
        if filled(code) {
            continue;
        }
        let mut paths = Vec::with_capacity(3);
        if code.is_some() {
            paths.push(product_path(i, &["Product", "Code"]));
        }
        if p.einddatum.is_some() {
            paths.push(product_path(i, &["Einddatum"]));
        }
        paths.push(product_path(i, &["Omvang"]));
        findings.add(
            paths,
            format!(
                "toewijzing {} has an Omvang but no Product/Code, and its Einddatum is {}",
                p.toewijzing_nummer,
                einddatum_text(p.einddatum)
            ),
        );
    }
}

/// An Einddatum for a detail text: the date, or that there is none.
fn einddatum_text(einddatum: Option<NaiveDate>) -> String {
    match einddatum {
        Some(e) => format!("{e}, after 2020-12-31"),
        None => "empty".to_string(),
    }
}

/// **CS050** "Als Partnernaam gevuld is, dan NaamGebruik vullen met waarde 1, 2, 3 of 4. Anders
/// waarde 1 of 6 vullen." In the `Naam` of the client and of every relatie of a 301: with a
/// `Partnernaam`, `NaamGebruik` is 1, 2, 3 or 4; without, it is 1.
///
/// The sources disagree on the second half: the condities table allows 1 or 6 without a
/// Partnernaam, the stylesheet's text says "Anders waarde 1 vullen" and its check accepts
/// only 1. We follow the stylesheet, what receivers run: NaamGebruik 6 (niet-natuurlijk persoon)
/// without a Partnernaam breaks the rule, also for a relatie (for the client CS318 forbids 6
/// anyway). "Partnernaam gevuld" is the element's presence, as the stylesheet tests it
/// (`Achternaam` is mandatory inside it).
fn cs050_naamgebruik_matches_partnernaam(message: &Message, findings: &mut Findings) {
    let Message::Wmo301(m) = message else { return };
    let mut naam = |naam: &VolledigeNaam, relatie: Option<usize>| {
        let allowed = if naam.partnernaam.is_some() {
            matches!(
                naam.naam_gebruik,
                NaamGebruik::EigenNaam
                    | NaamGebruik::NaamPartner
                    | NaamGebruik::NaamPartnerEigenNaam
                    | NaamGebruik::EigenNaamNaamPartner
            )
        } else {
            naam.naam_gebruik == NaamGebruik::EigenNaam
        };
        if allowed {
            return;
        }
        let relatie_step = relatie.map(|i| nth("Relatie", i));
        let at = |leaf: &str| match &relatie_step {
            Some(r) => path(&["Client", "Relaties", r, "Naam", leaf]),
            None => path(&["Client", "Naam", leaf]),
        };
        let whose = match relatie {
            Some(i) => format!("relatie {}", i + 1),
            None => "client".to_string(),
        };
        let (paths, detail) = if naam.partnernaam.is_some() {
            (
                vec![at("Partnernaam"), at("NaamGebruik")],
                format!(
                    "{whose}: Partnernaam is filled, so NaamGebruik must be 1, 2, 3 or 4, not {} ({})",
                    naam.naam_gebruik,
                    naam.naam_gebruik.meaning()
                ),
            )
        } else {
            (
                vec![at("NaamGebruik")],
                format!(
                    "{whose}: Partnernaam is empty, so NaamGebruik must be 1, not {} ({})",
                    naam.naam_gebruik,
                    naam.naam_gebruik.meaning()
                ),
            )
        };
        findings.add(paths, detail);
    };
    naam(&m.client.naam, None);
    for (i, r) in m.client.relaties.iter().enumerate() {
        naam(&r.naam, Some(i));
    }
}

/// **CS089** "Als LandCode de waarde NL (Nederland) heeft, dan moet het formaat overeenkomen
/// met dat van een Nederlandse postcode." In every `Adres` of a 301 (client and relatie
/// contacts) whose `LandCode` is NL, `Postcode` is a Dutch postcode.
///
/// The text does not define the format; the stylesheet's pattern `1000ZZ` is: a digit 1-9,
/// three digits 0-9 and two letters a-z or A-Z, nothing else (no space, no surrounding
/// whitespace). A missing Postcode does not match either (and also breaks CD005).
fn cs089_dutch_postcode_format(message: &Message, findings: &mut Findings) {
    for (at, adres) in adressen(message) {
        if adres.land_code != Some(LandCode::Nl) {
            continue;
        }
        let postcode = adres.postcode.as_deref();
        if postcode.is_some_and(dutch_postcode) {
            continue;
        }
        let mut paths = Vec::with_capacity(2);
        if postcode.is_some() {
            paths.push(at.path(&["Adres", "Postcode"]));
        }
        paths.push(at.path(&["Adres", "LandCode"]));
        let detail = match postcode {
            Some(p) => format!(
                "{}: LandCode is NL but Postcode {p:?} is not of the form 1234AB",
                at.describe()
            ),
            None => format!("{}: LandCode is NL but Postcode is empty", at.describe()),
        };
        findings.add(paths, detail);
    }
}

/// The stylesheet's `1000ZZ`: `[1-9][0-9]{3}[a-zA-Z]{2}`, exactly.
fn dutch_postcode(postcode: &str) -> bool {
    match postcode.as_bytes() {
        [a, b, c, d, e, f] => {
            (b'1'..=b'9').contains(a)
                && [b, c, d].iter().all(|x| x.is_ascii_digit())
                && e.is_ascii_alphabetic()
                && f.is_ascii_alphabetic()
        }
        _ => false,
    }
}

/// **CS335** "RedenWijziging 13 (verwijderd) mag alleen gebruikt worden indien de
/// ingangsdatum gelijk is aan de einddatum". A `ToegewezenProduct` of a 301 with
/// `RedenWijziging` 13 has `Einddatum` equal to `Ingangsdatum`.
///
/// The text leaves open RedenWijziging 13 without an Einddatum; the stylesheet compares only
/// when both dates are there, so that is no finding (pinned by a near-miss).
fn cs335_verwijderd_only_for_zero_length(message: &Message, findings: &mut Findings) {
    for (i, p) in toegewezen(message).iter().enumerate() {
        if p.reden_wijziging != Some(RedenWijziging::Verwijderd) {
            continue;
        }
        let Some(eind) = p.einddatum else { continue };
        if eind != p.ingangsdatum {
            findings.add(
                vec![
                    product_path(i, &["Ingangsdatum"]),
                    product_path(i, &["Einddatum"]),
                ],
                format!(
                    "toewijzing {} has RedenWijziging 13 (verwijderd) but Ingangsdatum {} differs from Einddatum {eind}",
                    p.toewijzing_nummer, p.ingangsdatum
                ),
            );
        }
    }
}

/// **CS336** "01 (Administratieve correctie (vervallen)) niet gebruiken". No
/// `ToegewezenProduct` of a 301 has `RedenWijziging` 01.
fn cs336_no_reden_wijziging_01(message: &Message, findings: &mut Findings) {
    for (i, p) in toegewezen(message).iter().enumerate() {
        if p.reden_wijziging == Some(RedenWijziging::AdministratieveCorrectieVervallen) {
            findings.add(
                vec![product_path(i, &["RedenWijziging"])],
                format!(
                    "toewijzing {} has RedenWijziging 01 (administratieve correctie (vervallen)), which is withdrawn",
                    p.toewijzing_nummer
                ),
            );
        }
    }
}

/// **CS338** "Indien eenheid de waarde 14, 16, 83 of 84 heeft en Einddatum groter dan
/// 31-12-2020 of leeg is, dan Frequentie vullen met de waarde 2 , 4 of 6". In the `Omvang` of
/// every `ToegewezenProduct` of a 301 and of every `TeWijzigenProduct` and `NieuwProduct` of a
/// 317, an `Eenheid` of 14 (etmaal), 16 (dagdeel), 83 (euro's) or 84 (stuks inspanning) has
/// `Frequentie` 2 (per week), 4 (per maand) or 6 (totaal), unless the product's own `Einddatum`
/// is on or before 31-12-2020.
fn cs338_frequentie_for_time_and_money_units(message: &Message, findings: &mut Findings) {
    let mut check = |omvang: Option<&Omvang>,
                     einddatum: Option<NaiveDate>,
                     at: &dyn Fn(&[&str]) -> String,
                     what: &dyn Fn() -> String| {
        let Some(o) = omvang else { return };
        if !matches!(
            o.eenheid,
            Eenheid::Etmaal | Eenheid::Dagdeel | Eenheid::Euros | Eenheid::StuksInspanning
        ) || matches!(
            o.frequentie,
            Frequentie::PerWeek | Frequentie::PerMaand | Frequentie::TotaalBinnenGeldigheidsduur
        ) || !open_or_after_2020(einddatum)
        {
            return;
        }
        let mut paths = Vec::with_capacity(3);
        if einddatum.is_some() {
            paths.push(at(&["Einddatum"]));
        }
        paths.push(at(&["Omvang", "Eenheid"]));
        paths.push(at(&["Omvang", "Frequentie"]));
        findings.add(
            paths,
            format!(
                "{}: Eenheid {} ({}) needs Frequentie 2, 4 or 6, not {} ({}); Einddatum is {}",
                what(),
                o.eenheid,
                o.eenheid.meaning(),
                o.frequentie,
                o.frequentie.meaning(),
                einddatum_text(einddatum)
            ),
        );
    };
    match message {
        Message::Wmo301(m) => {
            for (i, p) in m.client.toegewezen_producten.iter().enumerate() {
                check(
                    p.omvang.as_ref(),
                    p.einddatum,
                    &|below| product_path(i, below),
                    &|| format!("toewijzing {}", p.toewijzing_nummer),
                );
            }
        }
        Message::Wmo317(m) => {
            let v = &m.client.verzoek;
            for (i, p) in v.te_wijzigen_producten.iter().enumerate() {
                check(
                    p.omvang.as_ref(),
                    p.einddatum,
                    &|below| verzoek_path("TeWijzigenProducten", "TeWijzigenProduct", i, below),
                    &|| format!("te wijzigen toewijzing {}", p.toewijzing_nummer),
                );
            }
            for (i, p) in v.nieuwe_producten.iter().enumerate() {
                check(
                    p.omvang.as_ref(),
                    p.einddatum,
                    &|below| verzoek_path("NieuweProducten", "NieuwProduct", i, below),
                    &|| format!("nieuw product {}", i + 1),
                );
            }
        }
        _ => {}
    }
}

/// The path of an element of the n-th product of a list in a 317's `Verzoek`.
fn verzoek_path(list: &str, element: &str, i: usize, below: &[&str]) -> String {
    let element = nth(element, i);
    let mut steps: Vec<&str> = vec!["Client", "Verzoek", list, &element];
    steps.extend_from_slice(below);
    path(&steps)
}

/// **TR006** "De berichtklasse Contact moet een berichtelement Telefoon, en/of de combinatie
/// Huis en Postcode bevatten." Every `Contact` of a 301 (client or relatie) has a `Telefoon`,
/// or an `Adres` with both `Huis` and `Postcode`.
///
/// The stylesheet tests presence (`#`), and checks Huis and Postcode separately: a contact
/// without Telefoon, Huis and Postcode gets two identical findings from it (both naming the
/// Contact); we give one.
fn tr006_contact_has_telefoon_or_huis_and_postcode(message: &Message, findings: &mut Findings) {
    for (at, contact) in contacts(message) {
        if contact.telefoon.is_some() {
            continue;
        }
        let (huis, postcode) = contact
            .adres
            .as_ref()
            .map_or((false, false), |a| (a.huis.is_some(), a.postcode.is_some()));
        if huis && postcode {
            continue;
        }
        let missing = match (huis, postcode) {
            (false, false) => "Huis and Postcode",
            (false, true) => "Huis",
            _ => "Postcode",
        };
        findings.add(
            vec![at.path(&[])],
            format!(
                "{} has no Telefoon and its Adres has no {missing}",
                at.describe()
            ),
        );
    }
}

/// **TR061** "Bij een Client moet minimaal één Adres voorkomen waarvan Soort de waarde '01'
/// (BRP-adres), '02' (Correspondentie-adres) of '03' (Verblijfadres) heeft." The client's
/// `Contactgegevens` of a 301 hold at least one `Contact` whose `Soort` is 01, 02 or 03.
///
/// The text says "Adres", but in iWmo 3.2 `Soort` belongs to `Contact`; as in the stylesheet,
/// a contact counts with or without an `Adres`, relatie contacts do not count, and the finding
/// names every client contact (all of Soort 04).
fn tr061_client_has_main_address(message: &Message, findings: &mut Findings) {
    let Message::Wmo301(m) = message else { return };
    let contacts = &m.client.contactgegevens;
    if contacts.is_empty()
        || contacts
            .iter()
            .any(|c| c.soort != AdresSoort::TijdelijkVerblijfadres)
    {
        return;
    }
    findings.add(
        (0..contacts.len())
            .map(|i| ContactAt::Client(i).path(&[]))
            .collect(),
        "the client has no Contact with Soort 01 (BRP-adres), 02 (correspondentie-adres) or 03 (verblijfadres), only 04 (tijdelijk verblijfadres)",
    );
}

/// **TR302** "Een Product mag alleen vaker in een toewijzingsbericht voorkomen indien de
/// zorgperiodes elkaar niet overlappen, of indien sprake is van hulpmiddelen" (the stylesheet's
/// text; the TR table's ends at "overlappen"). Two `ToegewezenProduct`s of a 301 for the same
/// product have periods (`Ingangsdatum` … `Einddatum`, open when there is no Einddatum) that do
/// not overlap, unless either is a hulpmiddel.
///
/// As the stylesheet:
/// - the same product: both have a Code and the same Code and Categorie; or either has no Code
///   and both the same Categorie; or either has no Product at all (then it is the same as any);
/// - hulpmiddelen are Categorie 11, 12, 13 and 14: a pair with one of them is exempt;
/// - periods overlap when neither ends before the other begins; a period ending on the day the
///   other begins overlaps;
/// - a toewijzing with RedenWijziging 01 or 13 and Einddatum equal to Ingangsdatum (a withdrawn
///   one) is ignored.
///
/// One finding per overlapping pair, naming both toewijzingen.
fn tr302_no_overlapping_same_product(message: &Message, findings: &mut Findings) {
    let producten = toegewezen(message);
    for (j, this) in producten.iter().enumerate() {
        if tr302_ignored(this) {
            continue;
        }
        for (i, other) in producten.iter().enumerate().take(j) {
            if tr302_ignored(other)
                || !same_product(this, other)
                || hulpmiddel(this)
                || hulpmiddel(other)
                || !overlap(this, other)
            {
                continue;
            }
            findings.add(
                vec![product_path(i, &[]), product_path(j, &[])],
                format!(
                    "toewijzingen {} ({}) and {} ({}) are for the same product and their periods overlap",
                    other.toewijzing_nummer,
                    period_text(other),
                    this.toewijzing_nummer,
                    period_text(this)
                ),
            );
        }
    }
}

/// A withdrawn toewijzing, which TR302 ignores: RedenWijziging 01 or 13 and a zero-length
/// period.
fn tr302_ignored(p: &ToegewezenProduct) -> bool {
    matches!(
        p.reden_wijziging,
        Some(RedenWijziging::AdministratieveCorrectieVervallen | RedenWijziging::Verwijderd)
    ) && p.einddatum == Some(p.ingangsdatum)
}

/// TR302's "same product" (the standard's test, [`iwmo_model::Product::same`]).
fn same_product(a: &ToegewezenProduct, b: &ToegewezenProduct) -> bool {
    iwmo_model::Product::same(a.product.as_ref(), b.product.as_ref())
}

/// A hulpmiddel: Categorie 11 to 14.
fn hulpmiddel(p: &ToegewezenProduct) -> bool {
    p.product
        .as_ref()
        .is_some_and(|pr| pr.categorie.is_hulpmiddel())
}

/// Whether two toewijzing periods share a day (an absent Einddatum is open).
fn overlap(a: &ToegewezenProduct, b: &ToegewezenProduct) -> bool {
    a.einddatum.is_none_or(|e| e >= b.ingangsdatum)
        && b.einddatum.is_none_or(|e| e >= a.ingangsdatum)
}

/// A toewijzing's period for a detail text.
fn period_text(p: &ToegewezenProduct) -> String {
    match p.einddatum {
        Some(e) => format!("{} to {e}", p.ingangsdatum),
        None => format!("from {}", p.ingangsdatum),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = include_str!(
        "../../../../fixtures/messages/wmo301-toewijzing-two-products-with-relatie.xml"
    );

    fn wmo301() -> iwmo_model::Wmo301 {
        match iwmo_model::read(TWO.as_bytes()).unwrap() {
            Message::Wmo301(m) => m,
            other => panic!("not a 301: {other:?}"),
        }
    }

    fn run(function: fn(&Message, &mut Findings), m: iwmo_model::Wmo301) -> Vec<Vec<String>> {
        let mut findings = Findings::default();
        function(&Message::Wmo301(m), &mut findings);
        findings
            .report
            .findings
            .into_iter()
            .map(|f| f.paths)
            .collect()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dutch_postcode_is_the_stylesheets_1000zz() {
        for ok in ["3522HB", "1000aa", "9999Zz"] {
            assert!(dutch_postcode(ok), "{ok}");
        }
        for bad in [
            "0522HB", "3522 HB", "3522H", "3522HBX", " 3522HB", "3522H1", "35A2HB", "", "3522ÄB",
        ] {
            assert!(!dutch_postcode(bad), "{bad}");
        }
    }

    #[test]
    fn tr302_one_finding_per_overlapping_pair_earlier_first() {
        let mut m = wmo301();
        let first = m.client.toegewezen_producten[0].clone();
        m.client.toegewezen_producten = vec![first.clone(), first.clone(), first];
        let p = |i: usize| product_path(i, &[]);
        assert_eq!(
            run(tr302_no_overlapping_same_product, m),
            vec![vec![p(0), p(1)], vec![p(0), p(2)], vec![p(1), p(2)]]
        );
    }

    #[test]
    fn tr302_a_product_without_product_is_the_same_as_any() {
        let mut m = wmo301();
        m.client.toegewezen_producten[1].product = None;
        assert_eq!(run(tr302_no_overlapping_same_product, m.clone()).len(), 1);
        // ... unless the other is a hulpmiddel.
        m.client.toegewezen_producten[0]
            .product
            .as_mut()
            .unwrap()
            .categorie = iwmo_model::codes::ProductCategorie::OverigeHulpmiddelen;
        assert!(run(tr302_no_overlapping_same_product, m).is_empty());
    }

    #[test]
    fn tr302_overlap_is_inclusive_and_open_ended() {
        let mut m = wmo301();
        let mut second = m.client.toegewezen_producten[0].clone();
        for (ingang, eind, overlaps) in [
            ("2027-03-08", None, true),
            ("2027-03-09", None, false),
            ("2020-01-01", Some("2026-03-09"), true),
            ("2020-01-01", Some("2026-03-08"), false),
        ] {
            second.ingangsdatum = date(ingang);
            second.einddatum = eind.map(date);
            m.client.toegewezen_producten[1] = second.clone();
            assert_eq!(
                !run(tr302_no_overlapping_same_product, m.clone()).is_empty(),
                overlaps,
                "{ingang} {eind:?}"
            );
        }
    }

    #[test]
    fn whitespace_only_values_count_as_empty() {
        // The XSD forbids them; the model could still hold them. As the stylesheet: a blank
        // Taal with Vorm 1 is empty and named; a blank Postcode with LandCode NL is empty.
        let mut m = wmo301();
        m.client.communicatie = Some(iwmo_model::Communicatie {
            vorm: Communicatievorm::TolkTaal,
            taal: Some(" \t".to_string()),
        });
        assert_eq!(
            run(cd007_taal_iff_tolk_taal, m.clone()),
            vec![vec![
                path(&["Client", "Communicatie", "Vorm"]),
                path(&["Client", "Communicatie", "Taal"])
            ]]
        );
        m.client.contactgegevens[0].adres.as_mut().unwrap().postcode = Some("  ".to_string());
        assert_eq!(run(cd005_landcode_iff_postcode, m).len(), 1);
    }

    #[test]
    fn no_panic_without_contacts_or_products() {
        let mut m = wmo301();
        m.client.contactgegevens.clear();
        m.client.toegewezen_producten.clear();
        m.client.relaties.clear();
        for c in CHECKS {
            assert!(c.run(&Message::Wmo301(m.clone())).is_clean(), "{c:?}");
        }
    }
}
