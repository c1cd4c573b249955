//! Level-2 checks: declaratie family (see the module's parent for the conventions).

#[allow(unused_imports)]
use super::{nth, path, rule_check, Check, Findings};
#[allow(unused_imports)]
use iwmo_model::Message;

/// The checks of this file, one per rule.
pub(super) const CHECKS: &[Check] = &[];
