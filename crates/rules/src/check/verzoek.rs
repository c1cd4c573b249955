//! Level-2 checks: verzoek family (see the module's parent for the conventions).
//!
//! Besides the rules of the 315, 317 and 319 alone, this file holds the product-line rules
//! (CD041, CD075 to CD079) that the stylesheet applies alike to the 301's ToegewezenProduct,
//! the 315's AangevraagdProduct and the 317's TeWijzigenProduct and NieuwProduct: they walk
//! every such line through [`product_lines`].
//!
//! "Filled" follows the stylesheet's `normalize-space(text()) != ''`; our string types allow
//! no blank values, so for codes and names it equals "present", and numbers and dates are
//! always filled when present.

use chrono::{Datelike, NaiveDate};
use iwmo_model::codes::{Eenheid, Frequentie, TypeVerwijzer, VerzoekAntwoord};
use iwmo_model::Message;
use iwmo_model::{Omvang, Product, Verwijzer};

use super::{nth, path, rule_check, Check, Findings};

/// The checks of this file, one per rule.
pub(super) const CHECKS: &[Check] = &[
    rule_check!("CD041", cd041_omvang_with_product_code),
    rule_check!("CD043", cd043_beschikking_nummer_with_ingangsdatum),
    rule_check!("CD066", cd066_verwijzer_naam_empty_with_zorgverlener_code),
    rule_check!("CD067", cd067_verwijzer_naam_without_zorgverlener_code),
    rule_check!("CD068", cd068_zorgverlener_code_only_for_types_02_to_05),
    rule_check!("CD075", cd075_einddatum_with_budget),
    rule_check!("CD076", cd076_einddatum_with_frequentie_per_week),
    rule_check!("CD077", cd077_no_omvang_with_budget),
    rule_check!("CD078", cd078_no_budget_with_omvang),
    rule_check!("CD079", cd079_product_without_budget),
    rule_check!("CD085", cd085_reden_when_verzoek_afgewezen),
    rule_check!("CD086", cd086_no_reden_when_in_onderzoek),
    rule_check!("CD095", cd095_no_omvang_without_product_code),
    rule_check!("CD096", cd096_no_omvang_without_product_code),
    rule_check!("CS343", cs343_frequentie_for_eenheid),
    rule_check!("TR352", tr352_ongewijzigd_or_te_wijzigen_product),
    rule_check!("TR353", tr353_te_wijzigen_or_nieuw_product),
    rule_check!("TR380", tr380_nieuw_product_after_dagtekening),
    rule_check!("TR383", tr383_referentie_aanbieder_unique),
    rule_check!("TR386", tr386_no_overlapping_aangevraagde_producten),
    rule_check!("TR410", tr410_no_overlapping_nieuwe_producten),
];

// ---------------------------------------------------------------------------------------------
// Product lines: the product classes of the 301, 315 and 317

/// The four classes that carry a product line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// 301 `ToegewezenProduct`.
    Toegewezen,
    /// 315 `AangevraagdProduct`.
    Aangevraagd,
    /// 317 `TeWijzigenProduct` (has no `Product`).
    TeWijzigen,
    /// 317 `NieuwProduct`.
    Nieuw,
}

impl Class {
    /// The steps from the root to the list, and the repeated element's name.
    fn steps(self) -> (&'static [&'static str], &'static str) {
        match self {
            Class::Toegewezen => (&["Client", "ToegewezenProducten"], "ToegewezenProduct"),
            Class::Aangevraagd => (&["Client", "AangevraagdeProducten"], "AangevraagdProduct"),
            Class::TeWijzigen => (
                &["Client", "Verzoek", "TeWijzigenProducten"],
                "TeWijzigenProduct",
            ),
            Class::Nieuw => (&["Client", "Verzoek", "NieuweProducten"], "NieuwProduct"),
        }
    }

    /// The name of the line's end date: the 315 says `ToewijzingEinddatum`.
    fn einddatum(self) -> &'static str {
        match self {
            Class::Aangevraagd => "ToewijzingEinddatum",
            _ => "Einddatum",
        }
    }
}

/// One product line, whatever its class.
struct Line<'a> {
    class: Class,
    index: usize,
    product: Option<&'a Product>,
    einddatum: Option<NaiveDate>,
    omvang: Option<&'a Omvang>,
    budget: Option<u32>,
}

impl Line<'_> {
    /// The path of an element inside this line (`leaf` empty: the line itself).
    fn path(&self, leaf: &[&str]) -> String {
        item_path(self.class, self.index, leaf)
    }

    /// The product code, if filled.
    fn code(&self) -> Option<&str> {
        self.product
            .and_then(|p| p.code.as_deref())
            .filter(|c| filled(c))
    }
}

/// The path of an element inside the `index`-th line of a class.
fn item_path(class: Class, index: usize, leaf: &[&str]) -> String {
    let (list, item) = class.steps();
    let item = nth(item, index);
    let mut steps: Vec<&str> = Vec::with_capacity(list.len() + 1 + leaf.len());
    steps.extend_from_slice(list);
    steps.push(&item);
    steps.extend_from_slice(leaf);
    path(&steps)
}

/// Calls `f` on every product line of a 301, 315 or 317, in document order.
fn product_lines(message: &Message, mut f: impl FnMut(Line<'_>)) {
    match message {
        Message::Wmo301(m) => {
            for (index, p) in m.client.toegewezen_producten.iter().enumerate() {
                f(Line {
                    class: Class::Toegewezen,
                    index,
                    product: p.product.as_ref(),
                    einddatum: p.einddatum,
                    omvang: p.omvang.as_ref(),
                    budget: p.budget,
                });
            }
        }
        Message::Wmo315(m) => {
            for (index, p) in m.client.aangevraagde_producten.iter().enumerate() {
                f(Line {
                    class: Class::Aangevraagd,
                    index,
                    product: p.product.as_ref(),
                    einddatum: p.toewijzing_einddatum,
                    omvang: p.omvang.as_ref(),
                    budget: p.budget,
                });
            }
        }
        Message::Wmo317(m) => {
            let verzoek = &m.client.verzoek;
            for (index, p) in verzoek.te_wijzigen_producten.iter().enumerate() {
                f(Line {
                    class: Class::TeWijzigen,
                    index,
                    product: None,
                    einddatum: p.einddatum,
                    omvang: p.omvang.as_ref(),
                    budget: p.budget,
                });
            }
            for (index, p) in verzoek.nieuwe_producten.iter().enumerate() {
                f(Line {
                    class: Class::Nieuw,
                    index,
                    product: p.product.as_ref(),
                    einddatum: p.einddatum,
                    omvang: p.omvang.as_ref(),
                    budget: p.budget,
                });
            }
        }
        _ => {}
    }
}

/// The stylesheet's "filled": something besides XML white space.
fn filled(s: &str) -> bool {
    s.chars().any(|c| !is_xml_space(c))
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Whether `raw` equals XPath's `normalize-space(s)`, without building the normalized string.
fn equals_normalized(raw: &str, s: &str) -> bool {
    let normalized = s
        .split(is_xml_space)
        .filter(|word| !word.is_empty())
        .enumerate()
        .flat_map(|(k, word)| (k > 0).then_some(' ').into_iter().chain(word.chars()));
    raw.chars().eq(normalized)
}

/// Whether an end date counts for the rules that only apply from 2021 on (CD095, CD096,
/// CS343): empty, or after 31-12-2020.
fn open_after_2020(einddatum: Option<NaiveDate>) -> bool {
    einddatum.is_none_or(|d| d.year() > 2020)
}

// ---------------------------------------------------------------------------------------------
// Product lines of 301, 315 and 317

/// **CD041** "Indien Code in Product gevuld is, verplicht vullen." A product line whose
/// `Product/Code` is filled must have an `Omvang`: the 301's ToegewezenProduct, the 315's
/// AangevraagdProduct and the 317's NieuwProduct (a TeWijzigenProduct has no Product).
///
/// As in the stylesheet, a Budget does not excuse the missing Omvang: a line with a code and a
/// budget breaks CD041 (and with an Omvang added, CD077/CD078), so a budget line carries only
/// the category. The finding names the `Code`, as the stylesheet does (the Omvang is absent).
fn cd041_omvang_with_product_code(message: &Message, findings: &mut Findings) {
    product_lines(message, |line| {
        if line.class == Class::TeWijzigen || line.omvang.is_some() {
            return;
        }
        if let Some(code) = line.code() {
            findings.add(
                vec![line.path(&["Product", "Code"])],
                format!("product code {code} is filled but Omvang is missing"),
            );
        }
    });
}

/// **CD075** "Verplicht vullen indien Budget gevuld is" A product line with a `Budget` must
/// have an end date: `Einddatum` in the 301's ToegewezenProduct and the 317's TeWijzigenProduct
/// and NieuwProduct, `ToewijzingEinddatum` in the 315's AangevraagdProduct. The finding names
/// the Budget (the end date is absent).
fn cd075_einddatum_with_budget(message: &Message, findings: &mut Findings) {
    product_lines(message, |line| {
        if let (Some(budget), None) = (line.budget, line.einddatum) {
            findings.add(
                vec![line.path(&["Budget"])],
                format!(
                    "Budget {budget} is filled but {} is missing",
                    line.class.einddatum()
                ),
            );
        }
    });
}

/// **CD076** "Verplicht vullen indien Frequentie waarde 2 (per week)" A product line whose
/// `Omvang/Frequentie` is 2 (per week) must have an end date (`Einddatum`, in a 315
/// `ToewijzingEinddatum`), in the 301, 315 and 317 (TeWijzigenProduct and NieuwProduct). The
/// finding names the Frequentie.
fn cd076_einddatum_with_frequentie_per_week(message: &Message, findings: &mut Findings) {
    product_lines(message, |line| {
        let per_week = line
            .omvang
            .is_some_and(|o| o.frequentie == Frequentie::PerWeek);
        if per_week && line.einddatum.is_none() {
            findings.add(
                vec![line.path(&["Omvang", "Frequentie"])],
                format!(
                    "Frequentie is 2 (per week) but {} is missing",
                    line.class.einddatum()
                ),
            );
        }
    });
}

/// **CD077** "Indien Budget gevuld is, dan leeg laten" A product line with a `Budget` has no
/// `Omvang`, in the 301, 315 and 317 (TeWijzigenProduct and NieuwProduct).
///
/// CD077 and CD078 state one exclusion from both sides and, as `Budget` is an integer (always
/// filled when present), every line with both breaks both: the stylesheet reports both, and so
/// do we. No XSD-valid message breaks one without the other.
fn cd077_no_omvang_with_budget(message: &Message, findings: &mut Findings) {
    product_lines(message, |line| {
        if let (Some(budget), Some(_)) = (line.budget, line.omvang) {
            findings.add(
                vec![line.path(&["Omvang"]), line.path(&["Budget"])],
                format!("Budget {budget} is filled, so Omvang must be empty"),
            );
        }
    });
}

/// **CD078** "Indien Omvang gevuld is, dan leeg laten" A product line with an `Omvang` has no
/// `Budget`, in the 301, 315 and 317 (TeWijzigenProduct and NieuwProduct). The mirror of CD077
/// (see there): both always fire together.
fn cd078_no_budget_with_omvang(message: &Message, findings: &mut Findings) {
    product_lines(message, |line| {
        if let (Some(omvang), Some(budget)) = (line.omvang, line.budget) {
            findings.add(
                vec![line.path(&["Omvang"]), line.path(&["Budget"])],
                format!(
                    "Omvang (volume {}) is filled, so Budget ({budget}) must be empty",
                    omvang.volume
                ),
            );
        }
    });
}

/// **CD079** "Indien Budget leeg is, dan verplicht vullen" A product line without `Budget`
/// must have a `Product`: the 301's ToegewezenProduct (so an aspecific toewijzing always has a
/// budget), the 315's AangevraagdProduct and the 317's NieuwProduct. The finding names the
/// line itself, as the stylesheet does (both elements are absent).
fn cd079_product_without_budget(message: &Message, findings: &mut Findings) {
    product_lines(message, |line| {
        if line.class != Class::TeWijzigen && line.budget.is_none() && line.product.is_none() {
            findings.add(vec![line.path(&[])], "neither Budget nor Product is filled");
        }
    });
}

// ---------------------------------------------------------------------------------------------
// WMO315 Verzoek om toewijzing

/// **CD043** "Indien Beschikkingnummer gevuld is, verplicht vullen, anders leeg laten." In a
/// 315's AangevraagdProduct, `BeschikkingIngangsdatum` is filled exactly when
/// `BeschikkingNummer` is. The finding names whichever of the two is there.
fn cd043_beschikking_nummer_with_ingangsdatum(message: &Message, findings: &mut Findings) {
    let Message::Wmo315(m) = message else { return };
    for (i, p) in m.client.aangevraagde_producten.iter().enumerate() {
        match (p.beschikking_nummer, p.beschikking_ingangsdatum) {
            (Some(nummer), None) => findings.add(
                vec![item_path(Class::Aangevraagd, i, &["BeschikkingNummer"])],
                format!(
                    "BeschikkingNummer {nummer} is filled but BeschikkingIngangsdatum is missing"
                ),
            ),
            (None, Some(datum)) => findings.add(
                vec![item_path(
                    Class::Aangevraagd,
                    i,
                    &["BeschikkingIngangsdatum"],
                )],
                format!("BeschikkingIngangsdatum {datum} is filled without a BeschikkingNummer"),
            ),
            _ => {}
        }
    }
}

/// Whether a verwijzer type is one of 02, 03, 04 or 05 (the types with an AGB code: huisarts,
/// jeugdarts, gecertificeerde instelling, medisch specialist).
fn type_with_zorgverlener_code(t: TypeVerwijzer) -> bool {
    matches!(
        t,
        TypeVerwijzer::Huisarts
            | TypeVerwijzer::Jeugdarts
            | TypeVerwijzer::GecertificeerdeInstelling
            | TypeVerwijzer::MedischSpecialist
    )
}

/// Calls `f` on the `Verwijzer` of every AangevraagdProduct of a 315.
fn verwijzers(message: &Message, mut f: impl FnMut(usize, &Verwijzer)) {
    if let Message::Wmo315(m) = message {
        for (i, p) in m.client.aangevraagde_producten.iter().enumerate() {
            f(i, &p.verwijzer);
        }
    }
}

fn verwijzer_path(index: usize, leaf: &str) -> String {
    item_path(Class::Aangevraagd, index, &["Verwijzer", leaf])
}

/// **CD066** "Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is
/// gevuld, dan is Naamverwijzer leeg." In a 315's Verwijzer of type 02 to 05 with a
/// `ZorgverlenerCode`, `Naam` is empty. The finding names Type, Naam and ZorgverlenerCode.
fn cd066_verwijzer_naam_empty_with_zorgverlener_code(message: &Message, findings: &mut Findings) {
    verwijzers(message, |i, v| {
        let code = v.zorgverlener_code.as_deref().is_some_and(filled);
        let naam = v.naam.as_deref().is_some_and(filled);
        if type_with_zorgverlener_code(v.r#type) && code && naam {
            findings.add(
                vec![
                    verwijzer_path(i, "Type"),
                    verwijzer_path(i, "Naam"),
                    verwijzer_path(i, "ZorgverlenerCode"),
                ],
                format!(
                    "Verwijzer type {} has a ZorgverlenerCode, so Naam must be empty",
                    v.r#type.code()
                ),
            );
        }
    });
}

/// **CD067** "Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is leeg,
/// dan is Naamverwijzer gevuld." In a 315's Verwijzer of type 02 to 05 without a
/// `ZorgverlenerCode`, `Naam` is filled. The finding names the Type (the other two are absent).
fn cd067_verwijzer_naam_without_zorgverlener_code(message: &Message, findings: &mut Findings) {
    verwijzers(message, |i, v| {
        let code = v.zorgverlener_code.as_deref().is_some_and(filled);
        let naam = v.naam.as_deref().is_some_and(filled);
        if type_with_zorgverlener_code(v.r#type) && !code && !naam {
            let mut paths = vec![verwijzer_path(i, "Type")];
            // Present but blank (not XSD-valid today): named as the stylesheet would.
            if v.naam.is_some() {
                paths.push(verwijzer_path(i, "Naam"));
            }
            if v.zorgverlener_code.is_some() {
                paths.push(verwijzer_path(i, "ZorgverlenerCode"));
            }
            findings.add(
                paths,
                format!(
                    "Verwijzer type {} has neither a ZorgverlenerCode nor a Naam",
                    v.r#type.code()
                ),
            );
        }
    });
}

/// **CD068** "Als type verwijzer ongelijk is aan 02, 03, 04 of 05, dan is ZorgverlenerCode
/// leeg." In a 315's Verwijzer of type 01, 06 or 08, `ZorgverlenerCode` is empty. The finding
/// names Type and ZorgverlenerCode.
fn cd068_zorgverlener_code_only_for_types_02_to_05(message: &Message, findings: &mut Findings) {
    verwijzers(message, |i, v| {
        let code = v.zorgverlener_code.as_deref().is_some_and(filled);
        if !type_with_zorgverlener_code(v.r#type) && code {
            findings.add(
                vec![
                    verwijzer_path(i, "Type"),
                    verwijzer_path(i, "ZorgverlenerCode"),
                ],
                format!(
                    "Verwijzer type {} must not have a ZorgverlenerCode",
                    v.r#type.code()
                ),
            );
        }
    });
}

/// **CD095** "Indien Code in AangevraagdProduct leeg is en ToewijzingEinddatum van het
/// AangevraagdProduct groter dan 31-12-2020 of leeg is, dan leeg laten" In a 315's
/// AangevraagdProduct without a product code whose `ToewijzingEinddatum` is empty or after
/// 31-12-2020, `Omvang` is empty. The finding names the ToewijzingEinddatum (when there) and
/// the Omvang.
fn cd095_no_omvang_without_product_code(message: &Message, findings: &mut Findings) {
    let Message::Wmo315(m) = message else { return };
    for (i, p) in m.client.aangevraagde_producten.iter().enumerate() {
        let code = p.product.as_ref().and_then(|p| p.code.as_deref());
        if p.omvang.is_some()
            && !code.is_some_and(filled)
            && open_after_2020(p.toewijzing_einddatum)
        {
            let mut paths = Vec::with_capacity(2);
            if p.toewijzing_einddatum.is_some() {
                paths.push(item_path(Class::Aangevraagd, i, &["ToewijzingEinddatum"]));
            }
            paths.push(item_path(Class::Aangevraagd, i, &["Omvang"]));
            findings.add(
                paths,
                "Omvang is filled without a product code on a toewijzing that runs after 31-12-2020",
            );
        }
    }
}

/// **CD096** "Indien Code in NieuwProduct leeg is en Einddatum groter dan 31-12-2020 of leeg
/// is, dan leeg laten" In a 317's NieuwProduct without a product code whose `Einddatum` is
/// empty or after 31-12-2020, `Omvang` is empty. The finding names the Einddatum (when there)
/// and the Omvang.
fn cd096_no_omvang_without_product_code(message: &Message, findings: &mut Findings) {
    let Message::Wmo317(m) = message else { return };
    for (i, p) in m.client.verzoek.nieuwe_producten.iter().enumerate() {
        let code = p.product.as_ref().and_then(|p| p.code.as_deref());
        if p.omvang.is_some() && !code.is_some_and(filled) && open_after_2020(p.einddatum) {
            let mut paths = Vec::with_capacity(2);
            if p.einddatum.is_some() {
                paths.push(item_path(Class::Nieuw, i, &["Einddatum"]));
            }
            paths.push(item_path(Class::Nieuw, i, &["Omvang"]));
            findings.add(
                paths,
                "Omvang is filled without a product code on a product that runs after 31-12-2020",
            );
        }
    }
}

/// **CS343** "Indien eenheid de waarde 14, 16, 83 of 84 heeft en ToewijzingEinddatum is groter
/// dan 31-12-2020 of leeg, dan Frequentie vullen met waarde 2, 4 of 6" In a 315's
/// AangevraagdProduct whose `ToewijzingEinddatum` is empty or after 31-12-2020, an Omvang in
/// etmalen (14), dagdelen (16), euro's (83) or stuks inspanning (84) has Frequentie 2 (per
/// week), 4 (per maand) or 6 (totaal), not 1 (per dag). The finding names the
/// ToewijzingEinddatum (when there), the Eenheid and the Frequentie.
fn cs343_frequentie_for_eenheid(message: &Message, findings: &mut Findings) {
    let Message::Wmo315(m) = message else { return };
    for (i, p) in m.client.aangevraagde_producten.iter().enumerate() {
        let Some(omvang) = &p.omvang else { continue };
        let eenheid = matches!(
            omvang.eenheid,
            Eenheid::Etmaal | Eenheid::Dagdeel | Eenheid::Euros | Eenheid::StuksInspanning
        );
        let frequentie = matches!(
            omvang.frequentie,
            Frequentie::PerWeek | Frequentie::PerMaand | Frequentie::TotaalBinnenGeldigheidsduur
        );
        if eenheid && !frequentie && open_after_2020(p.toewijzing_einddatum) {
            let mut paths = Vec::with_capacity(3);
            if p.toewijzing_einddatum.is_some() {
                paths.push(item_path(Class::Aangevraagd, i, &["ToewijzingEinddatum"]));
            }
            paths.push(item_path(Class::Aangevraagd, i, &["Omvang", "Eenheid"]));
            paths.push(item_path(Class::Aangevraagd, i, &["Omvang", "Frequentie"]));
            findings.add(
                paths,
                format!(
                    "Eenheid {} needs Frequentie 2, 4 or 6, not {}",
                    omvang.eenheid.code(),
                    omvang.frequentie.code()
                ),
            );
        }
    }
}

/// **TR383** "ReferentieAanbieder is uniek voor elk AangevraagdProduct binnen het bericht." No
/// two AangevraagdProducts of a 315 share a `ReferentieAanbieder`.
///
/// As in the stylesheet, each AangevraagdProduct is compared with every one before it, and the
/// finding names the earlier one's ReferentieAanbieder (three equal ones give three findings).
/// The stylesheet compares the earlier value as written with the later one white-space
/// normalized (XPath `normalize-space`); so do we, as the XSD allows leading, trailing and
/// repeated spaces: `VOT-1` then `VOT-1 ` breaks the rule, `VOT-1 ` then `VOT-1` does not.
/// A plain repeat also breaks TR101 in the stylesheet (its AangevraagdProduct key is the
/// ReferentieAanbieder as written), which is why the break fixture uses a trailing space.
fn tr383_referentie_aanbieder_unique(message: &Message, findings: &mut Findings) {
    let Message::Wmo315(m) = message else { return };
    let producten = &m.client.aangevraagde_producten;
    for (j, later) in producten.iter().enumerate() {
        for (i, earlier) in producten.iter().enumerate().take(j) {
            if equals_normalized(&earlier.referentie_aanbieder, &later.referentie_aanbieder) {
                findings.add(
                    vec![item_path(Class::Aangevraagd, i, &["ReferentieAanbieder"])],
                    format!(
                        "ReferentieAanbieder {} of AangevraagdProduct {} recurs in AangevraagdProduct {}",
                        earlier.referentie_aanbieder,
                        i + 1,
                        j + 1
                    ),
                );
            }
        }
    }
}

/// Hulpmiddelen (categories 11 to 14), which TR386 and TR410 exempt as the stylesheet does.
fn hulpmiddel(p: Option<&Product>) -> bool {
    p.is_some_and(|p| p.categorie.is_hulpmiddel())
}

/// Whether two periods overlap, both days included; an empty end date is open.
fn overlap(
    start_a: NaiveDate,
    end_a: Option<NaiveDate>,
    start_b: NaiveDate,
    end_b: Option<NaiveDate>,
) -> bool {
    end_a.is_none_or(|e| e >= start_b) && end_b.is_none_or(|e| e >= start_a)
}

/// A product with its care period, for the overlap rules.
struct Period<'a> {
    product: Option<&'a Product>,
    start: NaiveDate,
    end: Option<NaiveDate>,
}

/// Adds a finding for every pair of lines (earlier one first) that is the same product, not a
/// hulpmiddel, with overlapping periods.
fn overlapping_products<'a>(
    class: Class,
    lines: impl Iterator<Item = Period<'a>> + Clone,
    findings: &mut Findings,
) {
    for (j, later) in lines.clone().enumerate() {
        for (i, earlier) in lines.clone().enumerate().take(j) {
            if Product::same(earlier.product, later.product)
                && !hulpmiddel(earlier.product)
                && !hulpmiddel(later.product)
                && overlap(earlier.start, earlier.end, later.start, later.end)
            {
                let (_, item) = class.steps();
                findings.add(
                    vec![item_path(class, i, &[]), item_path(class, j, &[])],
                    format!(
                        "{item} {} and {} are the same product with overlapping periods ({} to {} and {} to {})",
                        i + 1,
                        j + 1,
                        earlier.start,
                        earlier.end.map_or("open".to_string(), |d| d.to_string()),
                        later.start,
                        later.end.map_or("open".to_string(), |d| d.to_string()),
                    ),
                );
            }
        }
    }
}

/// **TR386** "Een Product mag alleen vaker in een verzoek om toewijzing voorkomen indien de
/// zorgperiodes elkaar niet overlappen." Two AangevraagdProducts of a 315 for the same product
/// must not have overlapping periods (`ToewijzingIngangsdatum` to `ToewijzingEinddatum`, both
/// days included, an empty end open).
///
/// "The same product" is the stylesheet's test (as for TR302): equal categories and, when both
/// have a code, equal codes; a line without Product matches every line. As in the stylesheet
/// (and the spec), hulpmiddelen (categories 11 to 14) are exempt, although the text does not
/// say so. The finding names both AangevraagdProducts.
fn tr386_no_overlapping_aangevraagde_producten(message: &Message, findings: &mut Findings) {
    let Message::Wmo315(m) = message else { return };
    let lines = m.client.aangevraagde_producten.iter().map(|p| Period {
        product: p.product.as_ref(),
        start: p.toewijzing_ingangsdatum,
        end: p.toewijzing_einddatum,
    });
    overlapping_products(Class::Aangevraagd, lines, findings);
}

/// **TR410** "Een Product mag alleen vaker in de berichtklassen NieuwProduct voorkomen als de
/// zorgperiodes elkaar niet overlappen." Two NieuwProducts of a 317 for the same product must
/// not have overlapping periods (`GewensteIngangsdatum` to `Einddatum`, both days included,
/// an empty end open).
///
/// Same product test and hulpmiddelen exemption as TR386: the stylesheet's text adds "of
/// indien sprake is van hulpmiddelen" and its check exempts categories 11 to 14; we follow it.
/// TeWijzigenProducts are not compared. The finding names both NieuwProducts.
fn tr410_no_overlapping_nieuwe_producten(message: &Message, findings: &mut Findings) {
    let Message::Wmo317(m) = message else { return };
    let lines = m.client.verzoek.nieuwe_producten.iter().map(|p| Period {
        product: p.product.as_ref(),
        start: p.gewenste_ingangsdatum,
        end: p.einddatum,
    });
    overlapping_products(Class::Nieuw, lines, findings);
}

// ---------------------------------------------------------------------------------------------
// WMO317 Verzoek om wijziging

/// **TR352** "Bij een verzoek om wijziging komt minstens 1 OngewijzigdProduct of
/// TeWijzigenProduct voor." A 317's Verzoek has at least one OngewijzigdProduct or
/// TeWijzigenProduct (the current toewijzingen are all accounted for). The finding names the
/// Verzoek.
fn tr352_ongewijzigd_or_te_wijzigen_product(message: &Message, findings: &mut Findings) {
    let Message::Wmo317(m) = message else { return };
    let v = &m.client.verzoek;
    if v.ongewijzigde_producten.is_empty() && v.te_wijzigen_producten.is_empty() {
        findings.add(
            vec![path(&["Client", "Verzoek"])],
            "the Verzoek has neither an OngewijzigdProduct nor a TeWijzigenProduct",
        );
    }
}

/// **TR353** "Bij een verzoek om wijziging komt minstens 1 TeWijzigenProduct of NieuwProduct
/// voor." A 317's Verzoek asks for some change: at least one TeWijzigenProduct or
/// NieuwProduct. The finding names the Verzoek.
fn tr353_te_wijzigen_or_nieuw_product(message: &Message, findings: &mut Findings) {
    let Message::Wmo317(m) = message else { return };
    let v = &m.client.verzoek;
    if v.te_wijzigen_producten.is_empty() && v.nieuwe_producten.is_empty() {
        findings.add(
            vec![path(&["Client", "Verzoek"])],
            "the Verzoek has neither a TeWijzigenProduct nor a NieuwProduct",
        );
    }
}

/// **TR380** "Vullen met een datum die groter is dan de dagtekening van het bericht." The
/// `GewensteIngangsdatum` of every NieuwProduct of a 317 is strictly after the message's
/// `Dagtekening`: the same day fails.
///
/// The text names no element; as in the stylesheet it applies to NieuwProduct only, not to
/// TeWijzigenProduct's GewensteIngangsdatum (governed by TR357, level 3). The reference example
/// WMO317.xml asks for a new product from its own Dagtekening (2023-04-02) and breaks it. The
/// finding names the Dagtekening and the GewensteIngangsdatum.
fn tr380_nieuw_product_after_dagtekening(message: &Message, findings: &mut Findings) {
    let Message::Wmo317(m) = message else { return };
    let dagtekening = m.header.bericht_identificatie.dagtekening;
    for (i, p) in m.client.verzoek.nieuwe_producten.iter().enumerate() {
        if p.gewenste_ingangsdatum <= dagtekening {
            findings.add(
                vec![
                    path(&["Header", "BerichtIdentificatie", "Dagtekening"]),
                    item_path(Class::Nieuw, i, &["GewensteIngangsdatum"]),
                ],
                format!(
                    "GewensteIngangsdatum {} is not after the Dagtekening {dagtekening}",
                    p.gewenste_ingangsdatum
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// WMO319 Antwoordbericht

/// **CD085** "Als VerzoekAntwoord de waarde 1 (Verzoek afgewezen) heeft, dan vullen" A 319
/// that rejects the verzoek (VerzoekAntwoord 1) gives a `RedenAfwijzingVerzoek`. The finding
/// names the VerzoekAntwoord.
fn cd085_reden_when_verzoek_afgewezen(message: &Message, findings: &mut Findings) {
    let Message::Wmo319(m) = message else { return };
    let a = &m.antwoord;
    if a.verzoek_antwoord == VerzoekAntwoord::VerzoekAfgewezen
        && a.reden_afwijzing_verzoek.is_none()
    {
        findings.add(
            vec![path(&["Antwoord", "VerzoekAntwoord"])],
            "VerzoekAntwoord is 1 (verzoek afgewezen) but RedenAfwijzingVerzoek is missing",
        );
    }
}

/// **CD086** "Als VerzoekAntwoord de waarde 2 (Aanvraag in onderzoek) heeft, dan leeg laten"
/// A 319 that puts the aanvraag under investigation (VerzoekAntwoord 2) gives no
/// `RedenAfwijzingVerzoek`. The finding names both.
fn cd086_no_reden_when_in_onderzoek(message: &Message, findings: &mut Findings) {
    let Message::Wmo319(m) = message else { return };
    let a = &m.antwoord;
    if let (VerzoekAntwoord::AanvraagInOnderzoek, Some(reden)) =
        (a.verzoek_antwoord, a.reden_afwijzing_verzoek)
    {
        findings.add(
            vec![
                path(&["Antwoord", "VerzoekAntwoord"]),
                path(&["Antwoord", "RedenAfwijzingVerzoek"]),
            ],
            format!(
                "VerzoekAntwoord is 2 (aanvraag in onderzoek) but RedenAfwijzingVerzoek is {}",
                reden.code()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_overlap_with_both_days_included_and_open_ends() {
        let (a, b, c) = (date("2026-01-01"), date("2026-06-30"), date("2026-07-01"));
        assert!(overlap(a, Some(b), b, None));
        assert!(!overlap(a, Some(b), c, None));
        assert!(!overlap(c, None, a, Some(b)));
        assert!(overlap(c, None, a, None));
        assert!(overlap(a, Some(c), b, Some(b)));
    }

    #[test]
    fn normalized_comparison_is_xpath_normalize_space() {
        assert!(equals_normalized("A B", "  A \t\n B "));
        assert!(!equals_normalized("A  B", "A  B"));
        assert!(equals_normalized("AB", "AB"));
        assert!(!equals_normalized("AB", "A"));
        assert!(equals_normalized("", "   "));
    }
}
