//! [`RulesError`], the one error type of this crate.

use iwmo_model::codes::RetourCode;

/// What went wrong while collecting findings for a retour. Building a retour itself cannot
/// fail: everything that could make it wrong is refused here, when the finding is added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    /// A rule id that is not two capital letters and three digits (`CS002`, `TR342`).
    #[error("{found:?} is not a rule id (two capital letters and three digits, like CS002)")]
    InvalidRuleId {
        /// What was given.
        found: String,
    },
    /// A finding addressed to a berichtklasse the heen message does not have (the third
    /// `StartProduct` of a 305 with two).
    #[error("the {message} has no class {class}")]
    NoSuchClass {
        /// The heen message, `WMO305`.
        message: &'static str,
        /// The class as it was addressed, `StartProduct[3]`.
        class: String,
    },
    /// A finding that carries one of the codes the retour layout itself sets (0001, 0200,
    /// 0233, 8001): those follow from IV028/OP065/IV087, never from a rule.
    #[error("{rule}: retourcode {code} is set by the retour layout, not by a rule")]
    LayoutCode {
        /// The rule of the finding.
        rule: String,
        /// The code.
        code: RetourCode,
    },
    /// A level-2 finding (TR/CS/CD checked inside the message) with another retourcode than
    /// 0001 (IV032: every level-2 failure is 0001).
    #[error("{rule}: a level-2 finding has retourcode 0001, not {code}")]
    NotLevel2 {
        /// The rule of the finding.
        rule: String,
        /// The code it carried.
        code: RetourCode,
    },
}
