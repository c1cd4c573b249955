//! What a decision depends on besides the message and the state: the date, whose ledger this
//! is, the configuration and the external lists.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use iwmo_model::codes::ProductCategorie;

use crate::eigen_bijdrage::EigenBijdrageConfig;
use crate::party::{Mode, Party};

/// The inputs of one decision other than the message and the prior state.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// Today, for "not in the future" (TR135) and deadlines. The daemon passes the system
    /// date, a replay the stream's.
    pub today: NaiveDate,
    /// Whose ledger this is.
    pub mode: Mode,
    /// Configuration.
    pub config: &'a Config,
    /// External lists (level 4).
    pub lists: &'a Lists,
}

/// The ledger's configuration. Defaults follow the standard; what is local practice is said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The no-care rule's period in weeks (local contract practice, not iWmo: spec §3.4).
    pub no_care_weeks: u32,
    /// What the no-care rule does besides its signal.
    pub no_care_action: NoCareAction,
    /// The WMO405 derivation (gemeente).
    pub eigen_bijdrage: EigenBijdrageConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            no_care_weeks: 6,
            no_care_action: NoCareAction::ByParty,
            eigen_bijdrage: EigenBijdrageConfig::default(),
        }
    }
}

/// What the no-care rule does when it fires, besides raising its signal (design §4: "as
/// configured, a gemeente also stops the eigen bijdrage from that date, and a provider gets a
/// draft 307 for its back office"). An action that does not fit the party (a draft 307 for a
/// gemeente, which sends no 307; a stop of the eigen bijdrage for an aanbieder, which derives
/// no WMO405) is the signal only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NoCareAction {
    /// By the party whose ledger this is: a gemeente stops the eigen bijdrage, an aanbieder
    /// gets a draft 307; the chain view (a test team's) only signals.
    #[default]
    ByParty,
    /// The signal only.
    Signal,
    /// A gemeente also stops the eigen bijdrage from the day care stopped (a WMO405 for the
    /// CAK); it opens again when care resumes (a new start, a care event or a declared
    /// prestatie after that day).
    StopEigenBijdrage,
    /// An aanbieder also gets a draft 307 (a definitive stop from the day care stopped) in its
    /// back office, never sent automatically.
    Draft307,
}

impl NoCareAction {
    /// The action this ledger takes: [`NoCareAction::ByParty`] resolved, and an action that
    /// does not fit the party reduced to the signal.
    pub fn resolve(self, mode: &Mode) -> NoCareAction {
        use NoCareAction::*;
        match (self, mode) {
            (ByParty, Mode::Own(Party::Gemeente(_))) => StopEigenBijdrage,
            (ByParty, Mode::Own(Party::Aanbieder(_))) => Draft307,
            (ByParty, Mode::Chain) => Signal,
            (StopEigenBijdrage, Mode::Own(Party::Aanbieder(_))) => Signal,
            (Draft307, Mode::Own(Party::Gemeente(_))) => Signal,
            (action, _) => action,
        }
    }

    /// The configuration name: `by-party`, `signal`, `stop-eigen-bijdrage`, `draft-307`.
    pub fn name(self) -> &'static str {
        match self {
            NoCareAction::ByParty => "by-party",
            NoCareAction::Signal => "signal",
            NoCareAction::StopEigenBijdrage => "stop-eigen-bijdrage",
            NoCareAction::Draft307 => "draft-307",
        }
    }

    /// The action named `name` (see [`name`](Self::name)).
    pub fn from_name(name: &str) -> Option<NoCareAction> {
        use NoCareAction::*;
        [ByParty, Signal, StopEigenBijdrage, Draft307]
            .into_iter()
            .find(|a| a.name() == name)
    }
}

/// The external lists level-4 rules read. A list that is `None` is not configured: its rule is
/// reported as not checked (never silently passed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lists {
    /// CBS gemeentecodes (TR378).
    pub gemeenten: Option<GemeenteList>,
    /// The product codes in use, per category (TR381).
    pub productcodes: Option<ProductCodeList>,
    /// The contract tariffs per aanbieder and product (TR418).
    pub tariffs: Option<ContractTariffList>,
}

/// One contract line: the tariff agreed with an aanbieder for a product over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ContractTariff {
    aanbieder: String,
    categorie: ProductCategorie,
    code: String,
    /// Eurocent per unit, as `ProductTarief` in the 323.
    tarief: u32,
    ingangsdatum: NaiveDate,
    /// `None`: open-ended.
    einddatum: Option<NaiveDate>,
}

/// The contract tariffs (TR418, retourcode 0611: "Het ingediende tarief komt niet overeen met
/// het contractuele tarief"): per aanbieder, product and period, a gemeente's own contracts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContractTariffList {
    lines: Vec<ContractTariff>,
}

impl ContractTariffList {
    /// The columns, in order, of the CSV form (and of its optional header line).
    const COLUMNS: [&'static str; 6] = [
        "aanbieder",
        "categorie",
        "code",
        "tarief",
        "ingangsdatum",
        "einddatum",
    ];

    /// Reads the list in CSV form: `aanbieder,categorie,code,tarief,ingangsdatum,einddatum`,
    /// an optional header line starting with `aanbieder`. The aanbieder is its AGB code as in
    /// the 323's Afzender, the category a code of the list (`02`), the product code one to
    /// five characters, the tarief whole eurocent (as `ProductTarief`), the dates
    /// `YYYY-MM-DD`; an empty einddatum is open-ended. A line that is not so is refused with
    /// its line number and column.
    pub fn from_csv(text: &str) -> Result<ContractTariffList, String> {
        let mut lines = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || (i == 0 && line.starts_with("aanbieder")) {
                continue;
            }
            let fields: Vec<&str> = line
                .split(',')
                .map(|f| f.trim().trim_matches('"'))
                .collect();
            // More columns than six: a decimal comma in the tarief, most likely.
            if fields.len() > Self::COLUMNS.len() {
                return Err(format!(
                    "line {}: {} columns, expected {}",
                    i + 1,
                    fields.len(),
                    Self::COLUMNS.len()
                ));
            }
            let bad = |column: usize, what: &str| {
                let value = fields.get(column).copied().unwrap_or("");
                format!(
                    "line {}, column {} ({}): {value:?} is not {what}",
                    i + 1,
                    column + 1,
                    Self::COLUMNS[column]
                )
            };
            let field = |column: usize| fields.get(column).copied().unwrap_or("");
            let date = |column: usize| {
                NaiveDate::parse_from_str(field(column), "%Y-%m-%d")
                    .map_err(|_| bad(column, "a date (YYYY-MM-DD)"))
            };
            let aanbieder = field(0);
            if aanbieder.is_empty() {
                return Err(bad(0, "an aanbieder (its AGB code)"));
            }
            let categorie =
                ProductCategorie::from_code(field(1)).map_err(|_| bad(1, "a ProductCategorie"))?;
            let code = field(2);
            if code.is_empty() || code.chars().count() > 5 {
                return Err(bad(2, "a ProductCode (1 to 5 characters)"));
            }
            let tarief = field(3);
            let tarief = tarief
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| tarief.parse::<u32>().ok())
                .flatten()
                .ok_or_else(|| bad(3, "a tariff in whole eurocent"))?;
            let ingangsdatum = date(4)?;
            let einddatum = if field(5).is_empty() {
                None
            } else {
                Some(date(5)?)
            };
            if einddatum.is_some_and(|e| e < ingangsdatum) {
                return Err(bad(5, "on or after the ingangsdatum"));
            }
            lines.push(ContractTariff {
                aanbieder: aanbieder.to_string(),
                categorie,
                code: code.to_string(),
                tarief,
                ingangsdatum,
                einddatum,
            });
        }
        Ok(ContractTariffList { lines })
    }

    /// The tariffs (eurocent) agreed with `aanbieder` for the product that are in force on
    /// `on`; empty when no contract line covers it.
    pub fn tariffs<'s>(
        &'s self,
        aanbieder: &'s str,
        categorie: ProductCategorie,
        code: &'s str,
        on: NaiveDate,
    ) -> impl Iterator<Item = u32> + 's {
        self.lines
            .iter()
            .filter(move |l| {
                l.aanbieder == aanbieder
                    && l.categorie == categorie
                    && l.code == code
                    && l.ingangsdatum <= on
                    && l.einddatum.is_none_or(|e| on <= e)
            })
            .map(|l| l.tarief)
    }

    /// How many contract lines the list holds.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// The product codes in use (TR381: "ProductCode hoort bij de ProductCategorie volgens de
/// gehanteerde productcodelijst"): regional or contractual, so a gemeente's own list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductCodeList {
    codes: BTreeSet<(ProductCategorie, String)>,
}

impl ProductCodeList {
    /// Reads the list in CSV form: `categorie,code` and optionally more fields (a
    /// description), an optional header line starting with `categorie`. The category is a
    /// code of the list (`02`), the product code one to five characters. A line that is not
    /// so is refused with its line number.
    pub fn from_csv(text: &str) -> Result<ProductCodeList, String> {
        let mut codes = BTreeSet::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || (i == 0 && line.starts_with("categorie")) {
                continue;
            }
            let mut fields = line.split(',').map(|f| f.trim().trim_matches('"'));
            let categorie = fields.next().unwrap_or("");
            let code = fields.next().unwrap_or("");
            let Ok(categorie) = ProductCategorie::from_code(categorie) else {
                return Err(format!(
                    "line {}: {categorie:?} is not a ProductCategorie",
                    i + 1
                ));
            };
            if code.is_empty() || code.chars().count() > 5 {
                return Err(format!(
                    "line {}: {code:?} is not a ProductCode (1 to 5 characters)",
                    i + 1
                ));
            }
            codes.insert((categorie, code.to_string()));
        }
        Ok(ProductCodeList { codes })
    }

    /// Whether the code is on the list for this category.
    pub fn contains(&self, categorie: ProductCategorie, code: &str) -> bool {
        self.codes.contains(&(categorie, code.to_string()))
    }

    /// How many codes the list holds.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

/// The CBS gemeentecodes (TR378).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GemeenteList {
    codes: BTreeSet<String>,
}

impl GemeenteList {
    /// Reads the CBS list in its CSV form (`gemeentecode,gemeentenaam,provincie`, a header
    /// line, codes of four digits). Lines whose first field is not four digits are refused
    /// with their line number.
    pub fn from_csv(text: &str) -> Result<GemeenteList, String> {
        let mut codes = BTreeSet::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || (i == 0 && line.starts_with("gemeentecode")) {
                continue;
            }
            let code = line
                .split(',')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"');
            if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "line {}: {code:?} is not a four-digit gemeentecode",
                    i + 1
                ));
            }
            codes.insert(code.to_string());
        }
        Ok(GemeenteList { codes })
    }

    /// Whether the code is on the list.
    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains(code)
    }

    /// How many codes the list holds.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_code_list_from_csv() {
        let list = ProductCodeList::from_csv(
            "categorie,code,omschrijving\n02,02A02,Begeleiding\n\n\"11\",\"11X00\"\n",
        )
        .unwrap();
        assert_eq!(list.len(), 2);
        assert!(list.contains(ProductCategorie::Begeleiding, "02A02"));
        assert!(list.contains(ProductCategorie::Rolstoelen, "11X00"));
        assert!(!list.contains(ProductCategorie::Vervoervoorzieningen, "11X00"));
        let err = ProductCodeList::from_csv("02,02A02\n99,X\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
        let err = ProductCodeList::from_csv("02,02A02XX\n").unwrap_err();
        assert!(err.contains("1 to 5"), "{err}");
        assert!(ProductCodeList::from_csv("02\n").is_err());
    }

    #[test]
    fn a_contract_tariff_list_from_csv() {
        let list = ContractTariffList::from_csv(
            "aanbieder,categorie,code,tarief,ingangsdatum,einddatum\n\
             98004132,02,02A02,6800,2026-01-01,2026-06-30\n\
             98004132,02,02A02,7000,2026-07-01,\n",
        )
        .unwrap();
        assert_eq!(list.len(), 2);
        let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let b = ProductCategorie::Begeleiding;
        let at = |d| list.tariffs("98004132", b, "02A02", d).collect::<Vec<_>>();
        assert_eq!(at(on(2026, 6, 30)), [6800]);
        assert_eq!(at(on(2026, 7, 1)), [7000]);
        assert_eq!(at(on(2030, 1, 1)), [7000]);
        assert!(at(on(2025, 12, 31)).is_empty());
        assert_eq!(
            list.tariffs("98004133", b, "02A02", on(2026, 3, 1)).count(),
            0
        );
        for (text, expected) in [
            (
                "1,02,02A02,68.00,2026-01-01,\n",
                "line 1, column 4 (tarief)",
            ),
            ("1,02,02A02,-1,2026-01-01,\n", "line 1, column 4 (tarief)"),
            ("1,02,02A02,1\n", "line 1, column 5 (ingangsdatum)"),
            (
                "1,02,02A02,1,2026-01-01,\n1,99,X,1,2026-01-01,\n",
                "line 2, column 2 (categorie)",
            ),
            (
                "1,02,02A02,1,2026-02-01,2026-01-31\n",
                "line 1, column 6 (einddatum)",
            ),
            (",02,02A02,1,2026-01-01,\n", "line 1, column 1 (aanbieder)"),
            ("1,02,,1,2026-01-01,\n", "line 1, column 3 (code)"),
            ("1,02,02A02,1,2026-01-01,,x\n", "line 1: 7 columns"),
        ] {
            let err = ContractTariffList::from_csv(text).unwrap_err();
            assert!(err.starts_with(expected), "{text:?}: {err}");
        }
    }
}
