//! 323 Declaratie: the prestaties per client and their level-3/4 rules. (Being written: today a
//! declaration comes back as not judged.)

use iwmo_model::Wmo323;

use crate::decide::Judge;

/// What the ledger keeps of a declared prestatie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaratieFact {}

pub(crate) fn wmo323(judge: &mut Judge<'_>, m: &Wmo323) {
    let _ = m;
    judge.not_judged_yet();
}
