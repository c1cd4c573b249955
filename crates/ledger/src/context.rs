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
}
