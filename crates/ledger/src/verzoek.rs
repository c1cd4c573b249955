//! 315 Verzoek om toewijzing, 317 Verzoek om wijziging and 319 Antwoordbericht: the requests
//! and their answers, and their level-3 rules. (Being written: today these
//! messages come back as not judged.)

use iwmo_model::{Wmo315, Wmo317, Wmo319};

use crate::decide::Judge;

/// What the ledger keeps of a request or an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerzoekFact {}

pub(crate) fn wmo315(judge: &mut Judge<'_>, m: &Wmo315) {
    let _ = m;
    judge.not_judged_yet();
}

pub(crate) fn wmo317(judge: &mut Judge<'_>, m: &Wmo317) {
    let _ = m;
    judge.not_judged_yet();
}

pub(crate) fn wmo319(judge: &mut Judge<'_>, m: &Wmo319) {
    let _ = m;
    judge.not_judged_yet();
}
