//! The catalogue of the level-2 rules of iWmo 3.2: for each rule its id, the messages and
//! elements it applies to, the official Dutch text, an English translation, its retourcode
//! (0001) and where the text was found. Data only: the checks come later and look their rule
//! up here ([`rule`]).
//!
//! Where the texts come from (the `source` of every entry names its file):
//! - CD and CS rules: the "Condities constraints per data-element bericht" table of iWmo 3.2,
//!   `i-Sociaal-Lab/jaapjunior : packages/api/wmo/bronnen/regels/condities-constraints/ CD_CS_RS_per_dataelement`
//!   (the file name starts with a space), read from the same path in the fork
//!   `ismaelabarkan/Jaap @ 997fff3d71bed3a9d0d87d18e796fd209fd34b09` because the index holds
//!   no copy under `i-Sociaal-Lab/jaapjunior` itself.
//! - TR rules: the TR table `i-Sociaal-Lab/jaapjunior @ acf09e3604ea7a9bd07e8def5adbdfe12339dd97 : packages/api/wmo/bronnen/regels/bedrijfsregels/TR-regels.md`
//!   (titled "Technische regels iJw berichten" and listing JW message codes, but stating
//!   "bron: iWmo standaard"; the texts are identical to the iWmo XSLT's).
//! - Message kinds and element scope: the merged iWmo 3.2 XSLT (`XSLTVersie` 2.10.5)
//!   `i-Sociaal-Lab/jaapjunior @ 437d133c3877629d6149a576d9ef903c3fe182ce : packages/api/wmo/bronnen/TR-CD-CS regels WMO 3.2.xsl`,
//!   whose `check` template applies exactly these 58 rules and nothing else, and whose
//!   `getDetails` template repeats every text (differences are in the entries' `note`).
//! - Meaning: `../shared/spec/iwmo-3.2-rules.md` (section named per entry).
//!
//! Scope paths are in our path form (local names from the root, no positions): the elements
//! the rule reads or constrains, as the XSLT names them in a finding's `Locatie`.

use iwmo_model::codes::RetourCode;
use iwmo_model::MessageKind;

use crate::finding::RuleId;

/// One level-2 rule of iWmo 3.2, as the standard states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule's id, `CD041`, `CS002`, `TR101`.
    pub id: RuleId,
    /// The messages the rule applies to (heen messages; a retour follows the rules of its
    /// heen message and is not listed, spec §1.1).
    pub messages: &'static [MessageKind],
    /// The elements the rule reads or constrains, in our path form
    /// (`/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Omvang`), no positions.
    pub scope: &'static [&'static str],
    /// The official Dutch text, short, as the standard states it; `None` when it was not
    /// found (then `source` says so).
    pub text_nl: Option<&'static str>,
    /// An English translation of `text_nl`; `None` exactly when `text_nl` is.
    pub text_en: Option<&'static str>,
    /// The retourcode the rule yields: 0001 for every level-2 rule (spec §1.2).
    pub retourcode: RetourCode,
    /// Where the text, the scope and the meaning came from (repository file or spec section).
    pub source: &'static str,
    /// Where the text is ambiguous or the sources disagree: what, so the check can choose and
    /// say why. `None` when the text is clear.
    pub note: Option<&'static str>,
}

/// All 58 level-2 rules, sorted by id.
pub fn catalogue() -> &'static [RuleInfo] {
    &CATALOGUE
}

/// The rule with this id (`"CS002"`), or `None` when it is not a level-2 rule of the catalogue.
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    let id: RuleId = id.parse().ok()?;
    CATALOGUE
        .binary_search_by_key(&id, |r| r.id)
        .ok()
        .map(|i| &CATALOGUE[i])
}

/// Text from the CD/CS table, scope from the XSLT, meaning from the spec section given.
macro_rules! cdcs {
    ($spec:literal) => {
        concat!(
            "text: i-Sociaal-Lab/jaapjunior packages/api/wmo/bronnen/regels/condities-constraints/ CD_CS_RS_per_dataelement ",
            "(read via fork ismaelabarkan/Jaap @ 997fff3d71bed3a9d0d87d18e796fd209fd34b09); ",
            "scope: i-Sociaal-Lab/jaapjunior @ 437d133c packages/api/wmo/bronnen/TR-CD-CS regels WMO 3.2.xsl; ",
            "meaning: ../shared/spec/iwmo-3.2-rules.md ",
            $spec
        )
    };
}

/// Text from the TR table, scope from the XSLT, meaning from the spec section given.
macro_rules! tr {
    ($spec:literal) => {
        concat!(
            "text: i-Sociaal-Lab/jaapjunior @ acf09e36 packages/api/wmo/bronnen/regels/bedrijfsregels/TR-regels.md; ",
            "scope: i-Sociaal-Lab/jaapjunior @ 437d133c packages/api/wmo/bronnen/TR-CD-CS regels WMO 3.2.xsl; ",
            "meaning: ../shared/spec/iwmo-3.2-rules.md ",
            $spec
        )
    };
}

use MessageKind::{Wmo301, Wmo305, Wmo307, Wmo315, Wmo317, Wmo319, Wmo323, Wmo325};

/// An entry whose Dutch text was found.
#[allow(clippy::too_many_arguments)]
const fn found(
    id: &str,
    messages: &'static [MessageKind],
    scope: &'static [&'static str],
    text_nl: &'static str,
    text_en: &'static str,
    source: &'static str,
    note: Option<&'static str>,
) -> RuleInfo {
    RuleInfo {
        id: RuleId::new(id),
        messages,
        scope,
        text_nl: Some(text_nl),
        text_en: Some(text_en),
        retourcode: RetourCode::R0001,
        source,
        note,
    }
}

static CATALOGUE: [RuleInfo; 58] = [
    found(
        "CD005",
        &[Wmo301],
        &[
            "/Bericht/Client/Contactgegevens/Contact/Adres/LandCode",
            "/Bericht/Client/Contactgegevens/Contact/Adres/Postcode",
            "/Bericht/Client/Relaties/Relatie/Contact/Adres/LandCode",
            "/Bericht/Client/Relaties/Relatie/Contact/Adres/Postcode",
        ],
        "Als Postcode gevuld is, dan verplicht vullen, anders leeg laten.",
        "If Postcode is filled, LandCode must be filled; otherwise leave it empty.",
        cdcs!("(not in the spec)"),
        None,
    ),
    found(
        "CD007",
        &[Wmo301],
        &[
            "/Bericht/Client/Communicatie/Taal",
            "/Bericht/Client/Communicatie/Vorm",
        ],
        "Als Communicatie / Vorm de waarde 1 (tolk taal) heeft, dan verplicht vullen, anders leeglaten.",
        "If Communicatie/Vorm has the value 1 (interpreter, language), Taal must be filled; otherwise leave it empty.",
        cdcs!("(not in the spec)"),
        None,
    ),
    found(
        "CD009",
        &[Wmo301],
        &[
            "/Bericht/Client/Contactgegevens/Contact/Periode",
            "/Bericht/Client/Contactgegevens/Contact/Soort",
            "/Bericht/Client/Relaties/Relatie/Contact/Periode",
            "/Bericht/Client/Relaties/Relatie/Contact/Soort",
        ],
        "Alleen als Soort adres de waarde 04 (tijdelijk adres) heeft, is vullen toegestaan.",
        "Periode may be filled only if the address Soort has the value 04 (temporary address).",
        cdcs!("(not in the spec)"),
        None,
    ),
    found(
        "CD025",
        &[Wmo301],
        &[
            "/Bericht/Client/Contactgegevens/Contact/Adres/Huis",
            "/Bericht/Client/Contactgegevens/Contact/Adres/LandCode",
            "/Bericht/Client/Relaties/Relatie/Contact/Adres/Huis",
            "/Bericht/Client/Relaties/Relatie/Contact/Adres/LandCode",
        ],
        "Als Adres / LandCode de waarde NL (Nederland) heeft, dan verplicht vullen.",
        "If Adres/LandCode has the value NL (the Netherlands), Huis must be filled.",
        cdcs!("(not in the spec)"),
        Some("The text requires Huis; the XSLT tests Huis/Huisnummer (which the XSD makes mandatory inside Huis, so the two agree on valid messages)."),
    ),
    found(
        "CD034",
        &[Wmo301],
        &[
            "/Bericht/Client/Contactgegevens/Contact/Adres/Postcode",
            "/Bericht/Client/Contactgegevens/Contact/Soort",
            "/Bericht/Client/Relaties/Relatie/Contact/Adres/Postcode",
            "/Bericht/Client/Relaties/Relatie/Contact/Soort",
        ],
        "Als Soort adres de waarde 1 (BRP-adres) of 3 (verblijfadres) heeft, dan verplicht vullen.",
        "If the address Soort has the value 1 (BRP address) or 3 (residence address), Postcode must be filled.",
        cdcs!("(not in the spec)"),
        Some("The text writes the codes as 1 and 3; COD757 codes are two digits and the XSLT tests 01 and 03. Also unstated: whether a Contact without Adres breaks it (the XSLT then reports it, Postcode being absent)."),
    ),
    found(
        "CD041",
        &[Wmo301, Wmo315, Wmo317],
        &[
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Product/Code",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Omvang",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Product/Code",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Omvang",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Product/Code",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Omvang",
        ],
        "Indien Code in Product gevuld is, verplicht vullen.",
        "If Code in Product is filled, Omvang must be filled.",
        cdcs!("§2.2, §2.6"),
        None,
    ),
    found(
        "CD043",
        &[Wmo315],
        &[
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/BeschikkingNummer",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/BeschikkingIngangsdatum",
        ],
        "Indien Beschikkingnummer gevuld is, verplicht vullen, anders leeg laten.",
        "If BeschikkingNummer is filled, BeschikkingIngangsdatum must be filled; otherwise leave it empty.",
        cdcs!("§2.6"),
        None,
    ),
    found(
        "CD060",
        &[Wmo323, Wmo325],
        &[
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/IngediendBedrag/DebetCredit",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductReferentie/VorigReferentieNummer",
            "/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie/IngediendBedrag/DebetCredit",
            "/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie/ProductReferentie/VorigReferentieNummer",
        ],
        "Verplicht vullen indien DebetCredit bij het ingediende bedrag de waarde C (credit) heeft, anders leeg laten.",
        "VorigReferentieNummer must be filled if DebetCredit of IngediendBedrag has the value C (credit); otherwise leave it empty.",
        cdcs!("§2.7"),
        None,
    ),
    found(
        "CD066",
        &[Wmo315],
        &[
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Verwijzer/Type",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Verwijzer/ZorgverlenerCode",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Verwijzer/Naam",
        ],
        "Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is gevuld, dan is Naamverwijzer leeg.",
        "If the Verwijzer Type is 02, 03, 04 or 05 and ZorgverlenerCode is filled, the Verwijzer Naam is empty.",
        cdcs!("§2.6"),
        None,
    ),
    found(
        "CD067",
        &[Wmo315],
        &[
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Verwijzer/Type",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Verwijzer/ZorgverlenerCode",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Verwijzer/Naam",
        ],
        "Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is leeg, dan is Naamverwijzer gevuld.",
        "If the Verwijzer Type is 02, 03, 04 or 05 and ZorgverlenerCode is empty, the Verwijzer Naam is filled.",
        cdcs!("§2.6"),
        None,
    ),
    found(
        "CD068",
        &[Wmo315],
        &[
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Verwijzer/Type",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Verwijzer/ZorgverlenerCode",
        ],
        "Als type verwijzer ongelijk is aan 02, 03, 04 of 05, dan is ZorgverlenerCode leeg.",
        "If the Verwijzer Type is not 02, 03, 04 or 05, ZorgverlenerCode is empty.",
        cdcs!("§2.6"),
        None,
    ),
    found(
        "CD075",
        &[Wmo301, Wmo315, Wmo317],
        &[
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Budget",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Einddatum",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Budget",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingEinddatum",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Budget",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Einddatum",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Budget",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Einddatum",
        ],
        "Verplicht vullen indien Budget gevuld is",
        "Einddatum (in a 315: ToewijzingEinddatum) must be filled if Budget is filled.",
        cdcs!("§2.2"),
        None,
    ),
    found(
        "CD076",
        &[Wmo301, Wmo315, Wmo317],
        &[
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Omvang/Frequentie",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Einddatum",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Omvang/Frequentie",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingEinddatum",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Omvang/Frequentie",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Einddatum",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Omvang/Frequentie",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Einddatum",
        ],
        "Verplicht vullen indien Frequentie waarde 2 (per week)",
        "Einddatum (in a 315: ToewijzingEinddatum) must be filled if Frequentie has the value 2 (per week).",
        cdcs!("§2.2"),
        None,
    ),
    found(
        "CD077",
        &[Wmo301, Wmo315, Wmo317],
        &[
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Budget",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Omvang",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Budget",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Omvang",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Budget",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Omvang",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Budget",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Omvang",
        ],
        "Indien Budget gevuld is, dan leeg laten",
        "If Budget is filled, leave Omvang empty.",
        cdcs!("§2.2"),
        None,
    ),
    found(
        "CD078",
        &[Wmo301, Wmo315, Wmo317],
        &[
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Omvang",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Budget",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Omvang",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Budget",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Omvang",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Budget",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Omvang",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Budget",
        ],
        "Indien Omvang gevuld is, dan leeg laten",
        "If Omvang is filled, leave Budget empty.",
        cdcs!("§2.2"),
        Some("CD077 and CD078 state the same exclusion from both sides; a message with both Omvang and Budget breaks both (the XSLT reports both)."),
    ),
    found(
        "CD079",
        &[Wmo301, Wmo315, Wmo317],
        &[
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Budget",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Product",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Budget",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Product",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Budget",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Product",
        ],
        "Indien Budget leeg is, dan verplicht vullen",
        "If Budget is empty, Product must be filled.",
        cdcs!("§2.2"),
        None,
    ),
    found(
        "CD080",
        &[Wmo301],
        &[
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Omvang",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Product/Code",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Einddatum",
        ],
        "Indien Code in Product leeg is en Einddatum van het ToegewezenProduct groter dan 31-12-2020 of leeg is, dan leeg laten",
        "If Code in Product is empty and Einddatum of the ToegewezenProduct is after 31-12-2020 or empty, leave Omvang empty.",
        cdcs!("§2.2"),
        None,
    ),
    found(
        "CD085",
        &[Wmo319],
        &[
            "/Bericht/Antwoord/VerzoekAntwoord",
            "/Bericht/Antwoord/RedenAfwijzingVerzoek",
        ],
        "Als VerzoekAntwoord de waarde 1 (Verzoek afgewezen) heeft, dan vullen",
        "If VerzoekAntwoord has the value 1 (request rejected), fill RedenAfwijzingVerzoek.",
        cdcs!("§2.6"),
        None,
    ),
    found(
        "CD086",
        &[Wmo319],
        &[
            "/Bericht/Antwoord/VerzoekAntwoord",
            "/Bericht/Antwoord/RedenAfwijzingVerzoek",
        ],
        "Als VerzoekAntwoord de waarde 2 (Aanvraag in onderzoek) heeft, dan leeg laten",
        "If VerzoekAntwoord has the value 2 (request under investigation), leave RedenAfwijzingVerzoek empty.",
        cdcs!("§2.6"),
        None,
    ),
    found(
        "CD087",
        &[Wmo323],
        &[
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/Eenheid",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductTarief",
        ],
        "Als eenheid ongelijk is aan 83 (euro’s) dan verplicht vullen, anders leeg laten.",
        "If Eenheid is not 83 (euros), ProductTarief must be filled; otherwise leave it empty.",
        cdcs!("§2.7"),
        None,
    ),
    found(
        "CD095",
        &[Wmo315],
        &[
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Omvang",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Product/Code",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingEinddatum",
        ],
        "Indien Code in AangevraagdProduct leeg is en ToewijzingEinddatum van het AangevraagdProduct groter dan 31-12-2020 of leeg is, dan leeg laten",
        "If Code in the AangevraagdProduct is empty and its ToewijzingEinddatum is after 31-12-2020 or empty, leave Omvang empty.",
        cdcs!("§2.6"),
        None,
    ),
    found(
        "CD096",
        &[Wmo317],
        &[
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Omvang",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Product/Code",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Einddatum",
        ],
        "Indien Code in NieuwProduct leeg is en Einddatum groter dan 31-12-2020 of leeg is, dan leeg laten",
        "If Code in the NieuwProduct is empty and Einddatum is after 31-12-2020 or empty, leave Omvang empty.",
        cdcs!("§2.6"),
        None,
    ),
    found(
        "CS002",
        &[Wmo301, Wmo305, Wmo307, Wmo315, Wmo317, Wmo323, Wmo325],
        &[
            "/Bericht/Client/Bsn",
            "/Bericht/Declaratie/Clienten/Client/Bsn",
            "/Bericht/DeclaratieAntwoord/Clienten/Client/Bsn",
        ],
        "De waarde moet voldoen aan de 11-proef.",
        "The value must pass the 11-test (elfproef).",
        cdcs!("§2.1"),
        Some("The text does not give the weights; the XSLT (check11proef) uses 9·d1+8·d2+…+2·d8−1·d9 ≡ 0 (mod 11) and has no exception for test BSNs (spec §5 item 7)."),
    ),
    found(
        "CS003",
        &[Wmo301, Wmo315, Wmo317],
        &[
            "/Bericht/Client/Contactgegevens/Contact/Periode/Einddatum",
            "/Bericht/Client/Contactgegevens/Contact/Periode/Begindatum",
            "/Bericht/Client/Relaties/Relatie/Contact/Periode/Einddatum",
            "/Bericht/Client/Relaties/Relatie/Contact/Periode/Begindatum",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Einddatum",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Ingangsdatum",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingEinddatum",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingIngangsdatum",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Einddatum",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/GewensteIngangsdatum",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Einddatum",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/GewensteIngangsdatum",
        ],
        "Indien van toepassing vullen met een waarde die groter is dan, of gelijk is aan de Begindatum (of Ingangsdatum) van de aangeduide periode.",
        "Where applicable, fill with a value greater than or equal to the Begindatum (or Ingangsdatum) of the period concerned.",
        cdcs!("§2.2, §2.6"),
        Some("The text does not name the start element; per the XSLT it is Begindatum (Contact/Periode), Ingangsdatum (ToegewezenProduct), ToewijzingIngangsdatum (315) and GewensteIngangsdatum (317). The XSLT also has a template for a 301 Beschikking class that our XSD does not have."),
    ),
    found(
        "CS050",
        &[Wmo301],
        &[
            "/Bericht/Client/Naam/NaamGebruik",
            "/Bericht/Client/Naam/Partnernaam",
            "/Bericht/Client/Relaties/Relatie/Naam/NaamGebruik",
            "/Bericht/Client/Relaties/Relatie/Naam/Partnernaam",
        ],
        "Als Partnernaam gevuld is, dan NaamGebruik vullen met waarde 1, 2, 3 of 4. Anders waarde 1 of 6 vullen.",
        "If Partnernaam is filled, fill NaamGebruik with 1, 2, 3 or 4. Otherwise fill 1 or 6.",
        cdcs!("(not in the spec)"),
        Some("Sources disagree: the CD/CS table says 'Anders waarde 1 of 6 vullen', the XSLT's text says 'Anders waarde 1 vullen' and its check accepts only 1 without Partnernaam. CS318 (not in this set) forbids NaamGebruik 6 for the Client."),
    ),
    found(
        "CS058",
        &[Wmo305, Wmo307],
        &[
            "/Bericht/Client/StartProducten/StartProduct/StatusAanlevering",
            "/Bericht/Client/StopProducten/StopProduct/StatusAanlevering",
        ],
        "1 (eerste aanlevering) of 3 (verwijderen aanlevering) vullen.",
        "Fill with 1 (first delivery) or 3 (delete delivery).",
        cdcs!("§2.3, §2.4, §2.5"),
        None,
    ),
    found(
        "CS089",
        &[Wmo301],
        &[
            "/Bericht/Client/Contactgegevens/Contact/Adres/LandCode",
            "/Bericht/Client/Contactgegevens/Contact/Adres/Postcode",
            "/Bericht/Client/Relaties/Relatie/Contact/Adres/LandCode",
            "/Bericht/Client/Relaties/Relatie/Contact/Adres/Postcode",
        ],
        "Als LandCode de waarde NL (Nederland) heeft, dan moet het formaat overeenkomen met dat van een Nederlandse postcode.",
        "If LandCode has the value NL (the Netherlands), Postcode must have the format of a Dutch postcode.",
        cdcs!("(not in the spec)"),
        Some("The text does not define the format; the XSLT's pattern '1000ZZ' means a digit 1-9, three digits 0-9 and two letters of either case, no space."),
    ),
    found(
        "CS100",
        &[Wmo323],
        &[
            "/Bericht/Declaratie/DeclaratiePeriode/Begindatum",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Begindatum",
        ],
        "Vullen met een datum die groter dan of gelijk is aan 01-01-2021",
        "Fill with a date on or after 01-01-2021.",
        cdcs!("§2.7"),
        Some("The table attaches the rule to the whole period (DeclaratiePeriode, ProductPeriode); the XSLT checks only their Begindatum."),
    ),
    found(
        "CS139",
        &[Wmo301, Wmo305, Wmo307, Wmo315],
        &[
            "/Bericht/Client/Geboortedatum/Datum",
            "/Bericht/Client/Geboortedatum/DatumGebruik",
            "/Bericht/Client/Relaties/Relatie/Geboortedatum/Datum",
            "/Bericht/Client/Relaties/Relatie/Geboortedatum/DatumGebruik",
        ],
        "Voor Geboortedatum geldt dat DatumGebruik en Datum met elkaar in overeenstemming moeten zijn.",
        "For Geboortedatum, DatumGebruik and Datum must agree with each other.",
        cdcs!("§2.1"),
        Some("The text does not say what agreeing means; the XSLT: DatumGebruik 1 ⇒ day 01, 2 ⇒ day and month 01-01, 3 ⇒ Datum 1900-01-01."),
    ),
    found(
        "CS325",
        &[Wmo323, Wmo325],
        &[
            "/Bericht/Declaratie/TotaalIngediendBedrag/TotaalBedrag",
            "/Bericht/Declaratie/TotaalIngediendBedrag/DebetCredit",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/IngediendBedrag/Bedrag",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/IngediendBedrag/DebetCredit",
            "/Bericht/DeclaratieAntwoord/TotaalIngediendBedrag/TotaalBedrag",
            "/Bericht/DeclaratieAntwoord/TotaalIngediendBedrag/DebetCredit",
            "/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag",
            "/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag/DebetCredit",
            "/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie/IngediendBedrag/Bedrag",
            "/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie/IngediendBedrag/DebetCredit",
        ],
        "Indien (Totaal)Bedrag de waarde 0 heeft, dan DebetCredit vullen met D (Debet).",
        "If (Totaal)Bedrag is 0, fill DebetCredit with D (debit).",
        cdcs!("§2.7"),
        None,
    ),
    found(
        "CS335",
        &[Wmo301],
        &[
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/RedenWijziging",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Ingangsdatum",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Einddatum",
        ],
        "RedenWijziging 13 (verwijderd) mag alleen gebruikt worden indien de ingangsdatum gelijk is aan de einddatum",
        "RedenWijziging 13 (deleted) may be used only if Ingangsdatum equals Einddatum.",
        cdcs!("§2.2"),
        Some("Unstated: RedenWijziging 13 with Einddatum absent. The XSLT (checkDateEquals) reports nothing when Einddatum is missing."),
    ),
    found(
        "CS336",
        &[Wmo301],
        &["/Bericht/Client/ToegewezenProducten/ToegewezenProduct/RedenWijziging"],
        "01 (Administratieve correctie (vervallen)) niet gebruiken",
        "Do not use 01 (administrative correction (withdrawn)).",
        cdcs!("§2.2"),
        None,
    ),
    found(
        "CS337",
        &[Wmo323],
        &[
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Begindatum",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Einddatum",
        ],
        "Einddatum in de ProductPeriode vullen met een datum die valt in dezelfde kalendermaand en jaar als de Begindatum van de ProductPeriode",
        "Fill Einddatum of the ProductPeriode with a date in the same calendar month and year as its Begindatum.",
        cdcs!("§2.7"),
        None,
    ),
    found(
        "CS338",
        &[Wmo301, Wmo317],
        &[
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Omvang/Eenheid",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Omvang/Frequentie",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Einddatum",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Omvang/Eenheid",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Omvang/Frequentie",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct/Einddatum",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Omvang/Eenheid",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Omvang/Frequentie",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Einddatum",
        ],
        "Indien eenheid de waarde 14, 16, 83 of 84 heeft en Einddatum groter dan 31-12-2020 of leeg is, dan Frequentie vullen met de waarde 2 , 4 of 6",
        "If Eenheid is 14, 16, 83 or 84 and Einddatum is after 31-12-2020 or empty, fill Frequentie with 2, 4 or 6.",
        cdcs!("§2.2"),
        None,
    ),
    found(
        "CS339",
        &[Wmo323],
        &[
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/Eenheid",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/GeleverdVolume",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/IngediendBedrag/Bedrag",
        ],
        "Indien Eenheid de waarde 83 (euro’s) heeft, moet IngediendBedrag gelijk zijn aan GeleverdVolume.",
        "If Eenheid is 83 (euros), IngediendBedrag must equal GeleverdVolume.",
        cdcs!("§2.7"),
        None,
    ),
    found(
        "CS340",
        &[Wmo323],
        &[
            "/Bericht/Declaratie/DeclaratiePeriode/Begindatum",
            "/Bericht/Declaratie/DeclaratiePeriode/Einddatum",
        ],
        "De periode is exact gelijk aan 1 hele kalendermaand",
        "The period is exactly one whole calendar month.",
        cdcs!("§2.7"),
        None,
    ),
    found(
        "CS343",
        &[Wmo315],
        &[
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Omvang/Eenheid",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Omvang/Frequentie",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingEinddatum",
        ],
        "Indien eenheid de waarde 14, 16, 83 of 84 heeft en ToewijzingEinddatum is groter dan 31-12-2020 of leeg, dan Frequentie vullen met waarde 2, 4 of 6",
        "If Eenheid is 14, 16, 83 or 84 and ToewijzingEinddatum is after 31-12-2020 or empty, fill Frequentie with 2, 4 or 6.",
        cdcs!("§2.6"),
        None,
    ),
    found(
        "TR002",
        &[Wmo301, Wmo305, Wmo307, Wmo315],
        &[
            "/Bericht/Client/Geboortedatum/Datum",
            "/Bericht/Client/Relaties/Relatie/Geboortedatum/Datum",
            "/Bericht/Header/BerichtIdentificatie/Dagtekening",
        ],
        "Geboortedatum mag niet meer dan 120 jaar voor de Dagtekening liggen, tenzij Geboortedatum onbekend is.",
        "Geboortedatum may not lie more than 120 years before the Dagtekening, unless Geboortedatum is unknown (DatumGebruik 3 and Datum 01-01-1900).",
        tr!("§2.1"),
        Some("Exactly 120 years is not said; the XSLT (checkYearsBetween) rejects only when Datum + 120 years < Dagtekening, so exactly 120 years passes."),
    ),
    found(
        "TR006",
        &[Wmo301],
        &[
            "/Bericht/Client/Contactgegevens/Contact",
            "/Bericht/Client/Contactgegevens/Contact/Telefoon",
            "/Bericht/Client/Contactgegevens/Contact/Adres/Huis",
            "/Bericht/Client/Contactgegevens/Contact/Adres/Postcode",
            "/Bericht/Client/Relaties/Relatie/Contact",
            "/Bericht/Client/Relaties/Relatie/Contact/Telefoon",
            "/Bericht/Client/Relaties/Relatie/Contact/Adres/Huis",
            "/Bericht/Client/Relaties/Relatie/Contact/Adres/Postcode",
        ],
        "De berichtklasse Contact moet een berichtelement Telefoon, en/of de combinatie Huis en Postcode bevatten.",
        "The class Contact must contain the element Telefoon, and/or the combination of Huis and Postcode.",
        tr!("(not in the spec)"),
        None,
    ),
    found(
        "TR018",
        &[Wmo307],
        &[
            "/Bericht/Client/StopProducten/StopProduct/Einddatum",
            "/Bericht/Client/StopProducten/StopProduct/Begindatum",
        ],
        "Einddatum moet groter dan of gelijk zijn aan Begindatum.",
        "Einddatum must be greater than or equal to Begindatum.",
        tr!("§2.4"),
        None,
    ),
    found(
        "TR061",
        &[Wmo301],
        &[
            "/Bericht/Client/Contactgegevens/Contact",
            "/Bericht/Client/Contactgegevens/Contact/Soort",
        ],
        "Bij een Client moet minimaal één Adres voorkomen waarvan Soort de waarde '01' (BRP-adres), '02' (Correspondentie-adres) of '03' (Verblijfadres) heeft.",
        "A Client must have at least one address whose Soort is '01' (BRP address), '02' (correspondence address) or '03' (residence address).",
        tr!("§2.1, §2.2"),
        Some("The text says 'Adres', but in iWmo 3.2 Soort belongs to Contact (Contact/Adres has no Soort); the XSLT checks Client/Contactgegevens/Contact/Soort, with or without an Adres."),
    ),
    found(
        "TR101",
        &[Wmo301, Wmo305, Wmo307, Wmo315, Wmo317, Wmo319, Wmo323, Wmo325],
        &[
            "/Bericht/Client",
            "/Bericht/Client/Contactgegevens/Contact",
            "/Bericht/Client/Relaties/Relatie",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct",
            "/Bericht/Client/StartProducten/StartProduct",
            "/Bericht/Client/StopProducten/StopProduct",
            "/Bericht/Client/Verzoek",
            "/Bericht/Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct",
            "/Bericht/Antwoord",
            "/Bericht/Declaratie",
            "/Bericht/Declaratie/Clienten/Client",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie",
            "/Bericht/DeclaratieAntwoord",
            "/Bericht/DeclaratieAntwoord/Clienten/Client",
            "/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie",
        ],
        "Binnen een bericht zijn dubbele regels niet toegestaan.",
        "Duplicate lines are not allowed within a message (each class's logical key, together with the keys of its parent classes, must be unique).",
        tr!("§2.1, §2.3, §2.4"),
        Some("The text does not list the keys. The XSLT's keys: Client Bsn; Contact Soort; Relatie Nummer; ToegewezenProduct ToewijzingNummer; StartProduct (ToewijzingNummer, Product Categorie+Code, Begindatum); StopProduct (the same plus RedenBeeindiging, Einddatum); Verzoek ReferentieAanbieder; Ongewijzigd/TeWijzigenProduct ToewijzingNummer; NieuwProduct (GewensteIngangsdatum, Product); Antwoord (ReferentieAanbieder, VerzoekAntwoord); Declaratie(Antwoord) DeclaratieNummer; Prestatie (ReferentieNummer, VorigReferentieNummer). Only siblings are compared. The TR table lists no 319, the XSLT checks its Antwoord; for the 315 the XSLT also keys AangevraagdProduct by ReferentieAanbieder (as written, which TR383 compares trimmed). Keys of classes the XSD allows once (Client, Verzoek, Antwoord, Declaratie) can never repeat."),
    ),
    found(
        "TR134",
        &[Wmo301, Wmo305, Wmo307, Wmo315, Wmo323, Wmo325],
        &[
            "/Bericht/Header/BerichtIdentificatie/Dagtekening",
            "/Bericht/Client/Geboortedatum/Datum",
            "/Bericht/Client/Relaties/Relatie/Geboortedatum/Datum",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Toewijzingsdatum",
            "/Bericht/Client/StartProducten/StartProduct/Begindatum",
            "/Bericht/Client/StopProducten/StopProduct/Einddatum",
            "/Bericht/Declaratie/DeclaratiePeriode/Begindatum",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Begindatum",
            "/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Begindatum",
        ],
        "Vullen met een bestaande datum die niet groter is dan de Dagtekening van het bericht.",
        "Fill with an existing date that is not later than the Dagtekening of the message.",
        tr!("§2.2, §2.3, §2.4"),
        Some("The text names no element; the scope is the XSLT's. 'Dagtekening van het bericht' is the Header's BerichtIdentificatie/Dagtekening also in a 323 (not DeclaratieDagtekening), as in the XSLT."),
    ),
    found(
        "TR137",
        &[Wmo323, Wmo325],
        &[
            "/Bericht/Header/BerichtIdentificatie/Dagtekening",
            "/Bericht/Declaratie/DeclaratiePeriode/Begindatum",
            "/Bericht/Declaratie/DeclaratiePeriode/Einddatum",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Begindatum",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Einddatum",
            "/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Begindatum",
            "/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Einddatum",
        ],
        "Vullen met een waarde die groter is dan, of gelijk is aan de Begindatum van de aangeduide periode én die niet groter is dan de Dagtekening van het bericht.",
        "Fill (Einddatum) with a value that is on or after the Begindatum of the period concerned and not later than the Dagtekening of the message.",
        tr!("§2.7"),
        None,
    ),
    found(
        "TR302",
        &[Wmo301],
        &[
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Product",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Ingangsdatum",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/Einddatum",
            "/Bericht/Client/ToegewezenProducten/ToegewezenProduct/RedenWijziging",
        ],
        "Een Product mag alleen vaker in een toewijzingsbericht voorkomen indien de zorgperiodes elkaar niet overlappen.",
        "A product may occur more than once in a toewijzing message only if the care periods do not overlap.",
        tr!("§2.2"),
        Some("The TR table's text has no exception for hulpmiddelen; the XSLT's text adds 'of indien sprake is van hulpmiddelen' and its check exempts ProductCategorie 11-14 (the spec follows the XSLT). Same code: same category and code; no code: same category; no category: overlaps with any product. Toewijzingen with Einddatum = Ingangsdatum and RedenWijziging 13 or 01 are ignored (toelichting)."),
    ),
    found(
        "TR315",
        &[Wmo323],
        &["/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductReferentie/VorigReferentieNummer"],
        "VorigReferentieNummer van de Prestatie moet uniek zijn in het bericht.",
        "VorigReferentieNummer of the Prestatie must be unique within the message.",
        tr!("§2.7"),
        None,
    ),
    found(
        "TR316",
        &[Wmo323],
        &[
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductReferentie/ReferentieNummer",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductReferentie/VorigReferentieNummer",
        ],
        "Debetregels mogen niet in hetzelfde bericht gecrediteerd worden.",
        "Debit lines may not be credited in the same message (no VorigReferentieNummer may equal a ReferentieNummer in the same message).",
        tr!("§2.7"),
        None,
    ),
    found(
        "TR319",
        &[Wmo323],
        &[
            "/Bericht/Declaratie/DeclaratiePeriode/Einddatum",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Begindatum",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Einddatum",
        ],
        "Een declaratiebericht bevat alleen prestaties waarvan de ProductPeriode valt binnen de huidige, of een voorgaande declaratieperiode.",
        "A declaration message contains only prestaties whose ProductPeriode falls within the current or an earlier declaration period.",
        tr!("§1.6, §2.7"),
        Some("Sources disagree on the level: the TR table gives controleniveau 'berichtoverstijgend' and retourcode 9319 (spec §1.6, §2.7 list it as B-level), but the XSLT checks it inside the message (ProductPeriode Begindatum and Einddatum ≤ DeclaratiePeriode Einddatum) and issue 4 lists it as level 2, hence 0001 here."),
    ),
    found(
        "TR335",
        &[Wmo323],
        &[
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Einddatum",
            "/Bericht/Declaratie/DeclaratieDagtekening",
        ],
        "Einddatum mag niet meer dan 5 jaar voor DeclaratieDagtekening liggen.",
        "Einddatum may not lie more than 5 years before DeclaratieDagtekening.",
        tr!("§2.7"),
        Some("The XSLT counts 5 years as 60 calendar months back from DeclaratieDagtekening, a day missing from the target month becoming its last day (monthsAfter -60, truncate); exactly 60 months back passes."),
    ),
    found(
        "TR342",
        &[Wmo325],
        &[
            "/Bericht/DeclaratieAntwoord/TotaalIngediendBedrag",
            "/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag",
            "/Bericht/DeclaratieAntwoord/RetourCodes/RetourCode",
            "/Bericht/DeclaratieAntwoord/Clienten/Client/Prestaties/Prestatie/IngediendBedrag",
        ],
        "Alleen afgewezen Prestaties dienen meegestuurd te worden in het declaratie-antwoordbericht op een declaratie.",
        "Only rejected prestaties are to be included in the declaration answer (the sum of their IngediendBedrag equals TotaalIngediendBedrag minus TotaalToegekendBedrag).",
        tr!("§1.4"),
        Some("The short text names no arithmetic; the toelichting and XSLT do: Σ IngediendBedrag (debit − credit) = TotaalIngediendBedrag − TotaalToegekendBedrag, signed by DebetCredit, when DeclaratieAntwoord carries no retourcode other than 0200/8001; otherwise TotaalToegekendBedrag must be 0."),
    ),
    found(
        "TR352",
        &[Wmo317],
        &[
            "/Bericht/Client/Verzoek",
            "/Bericht/Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct",
        ],
        "Bij een verzoek om wijziging komt minstens 1 OngewijzigdProduct of TeWijzigenProduct voor.",
        "A change request contains at least one OngewijzigdProduct or TeWijzigenProduct.",
        tr!("§2.6"),
        None,
    ),
    found(
        "TR353",
        &[Wmo317],
        &[
            "/Bericht/Client/Verzoek",
            "/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct",
        ],
        "Bij een verzoek om wijziging komt minstens 1 TeWijzigenProduct of NieuwProduct voor.",
        "A change request contains at least one TeWijzigenProduct or NieuwProduct.",
        tr!("§2.6"),
        None,
    ),
    found(
        "TR358",
        &[Wmo323],
        &[
            "/Bericht/Declaratie/TotaalIngediendBedrag",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/IngediendBedrag",
        ],
        "De waarde van TotaalBedrag in TotaalIngediendBedrag moet gelijk zijn aan de SOM van de waarden van Bedrag in Ingediendbedrag in alle onderliggende Prestaties, rekening houdend met indicatie debet/credit.",
        "TotaalBedrag in TotaalIngediendBedrag must equal the sum of Bedrag in IngediendBedrag over all Prestaties below it, taking debit/credit into account (debits added, credits subtracted).",
        tr!("§2.7"),
        None,
    ),
    found(
        "TR380",
        &[Wmo317],
        &[
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/GewensteIngangsdatum",
            "/Bericht/Header/BerichtIdentificatie/Dagtekening",
        ],
        "Vullen met een datum die groter is dan de dagtekening van het bericht.",
        "Fill with a date later than the Dagtekening of the message.",
        tr!("§2.6"),
        Some("The text names no element; the XSLT applies it to NieuwProduct/GewensteIngangsdatum only, not to TeWijzigenProduct/GewensteIngangsdatum (which TR357, level 3, governs). Strictly later: equal to Dagtekening fails."),
    ),
    found(
        "TR383",
        &[Wmo315],
        &["/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ReferentieAanbieder"],
        "ReferentieAanbieder is uniek voor elk AangevraagdProduct binnen het bericht.",
        "ReferentieAanbieder is unique for each AangevraagdProduct within the message.",
        tr!("§2.6"),
        None,
    ),
    found(
        "TR386",
        &[Wmo315],
        &[
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/Product",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingIngangsdatum",
            "/Bericht/Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingEinddatum",
        ],
        "Een Product mag alleen vaker in een verzoek om toewijzing voorkomen indien de zorgperiodes elkaar niet overlappen.",
        "A product may occur more than once in a toewijzing request only if the care periods do not overlap.",
        tr!("§2.6"),
        Some("Neither text mentions hulpmiddelen, but the XSLT exempts ProductCategorie 11-14 as for TR302 (the spec follows the XSLT). Same code/category matching as TR302 (toelichting)."),
    ),
    found(
        "TR410",
        &[Wmo317],
        &[
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Product",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/GewensteIngangsdatum",
            "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Einddatum",
        ],
        "Een Product mag alleen vaker in de berichtklassen NieuwProduct voorkomen als de zorgperiodes elkaar niet overlappen.",
        "A product may occur more than once among the NieuwProduct classes only if the care periods do not overlap.",
        tr!("§2.6"),
        Some("The TR table's text has no exception for hulpmiddelen; the XSLT's text adds 'of indien sprake is van hulpmiddelen' and its check exempts ProductCategorie 11-14."),
    ),
    found(
        "TR416",
        &[Wmo323],
        &[
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductPeriode",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductCategorie",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ProductCode",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/ToewijzingNummer",
            "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/IngediendBedrag/DebetCredit",
        ],
        "Prestatie met DebetCredit in IngediendBedrag waarde Debet mag alleen ingezonden worden voor dezelfde ProductPeriode, ProductCategorie en ProductCode met gelijk ToewijzingNummer als er niet al een Prestatie met waarde Debet is.",
        "A Prestatie with DebetCredit Debet may be submitted for the same ProductPeriode, ProductCategorie and ProductCode with the same ToewijzingNummer only if there is not already a Prestatie with Debet.",
        tr!("§2.7"),
        Some("Within the message only (TR389 is the level-3 counterpart across messages). The XSLT compares preceding sibling Prestaties of the same Client only, not Prestaties of other Clients."),
    ),
];
