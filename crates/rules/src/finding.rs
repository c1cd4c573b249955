//! Findings and reports, in the shape receivers know from the XSLT validation report (spec
//! `iwmo-3.2-rules.md` §1.5: rule id, retourcode, element paths, details).

use std::fmt;
use std::str::FromStr;

use iwmo_model::codes::RetourCode;

use crate::error::RulesError;

/// The id of a rule of the standard: two capital letters and three digits (`CS002`, `TR063`,
/// `CD041`). Copy, five bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId([u8; 5]);

impl RuleId {
    /// A rule id from a literal, checked when the constant is built.
    ///
    /// # Panics
    ///
    /// When `id` is not two capital letters and three digits; in a `const` that is a compile
    /// error, which is what it is for (`const TR063: RuleId = RuleId::new("TR063");`). Use
    /// [`str::parse`] for ids that come from outside.
    pub const fn new(id: &str) -> RuleId {
        match RuleId::check(id) {
            Some(rule) => rule,
            None => panic!("a rule id is two capital letters and three digits"),
        }
    }

    const fn check(id: &str) -> Option<RuleId> {
        let b = id.as_bytes();
        if b.len() != 5 {
            return None;
        }
        let mut i = 0;
        while i < 5 {
            let ok = if i < 2 {
                b[i].is_ascii_uppercase()
            } else {
                b[i].is_ascii_digit()
            };
            if !ok {
                return None;
            }
            i += 1;
        }
        Some(RuleId([b[0], b[1], b[2], b[3], b[4]]))
    }

    /// The id as text, `"CS002"`.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters and digits get in (`check`), so this is always UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("?????")
    }
}

impl FromStr for RuleId {
    type Err = RulesError;
    fn from_str(s: &str) -> Result<RuleId, RulesError> {
        RuleId::check(s).ok_or_else(|| RulesError::InvalidRuleId {
            found: s.to_string(),
        })
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RuleId({})", self.as_str())
    }
}

/// One rule that a message breaks, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule, `CS002`.
    pub rule: RuleId,
    /// The element paths it concerns, local names from the root, a repeated sibling with its
    /// position from the second one on (as `iwmo validate` writes them):
    /// `/Bericht/Client/StartProducten/StartProduct[2]/Begindatum`.
    pub paths: Vec<String>,
    /// What is wrong, readable.
    pub detail: String,
    /// The retourcode the rule gives: 0001 for every level-2 rule, the rule's own code on
    /// levels 3 and 4.
    pub retourcode: RetourCode,
}

/// All findings on one message, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The findings; empty when the message breaks no rule that was checked.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether no rule fired.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// The rule ids that fired, each once, in the order of the findings.
    pub fn rules(&self) -> Vec<RuleId> {
        let mut rules = Vec::new();
        for f in &self.findings {
            if !rules.contains(&f.rule) {
                rules.push(f.rule);
            }
        }
        rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids() {
        const CS002: RuleId = RuleId::new("CS002");
        assert_eq!(CS002.to_string(), "CS002");
        assert_eq!("TR342".parse::<RuleId>().unwrap().as_str(), "TR342");
        for bad in ["", "CS02", "cs002", "CS0020", "C5002", "CSX02", "ÇS002"] {
            assert_eq!(
                bad.parse::<RuleId>(),
                Err(RulesError::InvalidRuleId {
                    found: bad.to_string()
                }),
                "{bad:?}"
            );
        }
    }
}
