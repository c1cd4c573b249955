//! The retour a message gets when it is judged on levels 1 and 2 alone: approved (header only,
//! no retourcodes; a 325 with 0200 and 8001) or rejected with 0001 (header only). This is what
//! `iwmo validate --retour` writes; the engine adds the ledger's level-3/4 findings through
//! [`Assessment`] itself.

use iwmo_model::Message;

use crate::assessment::{Assessment, RetourIdentificatie};
use crate::finding::Report;
use crate::{wmo302, wmo306, wmo308, wmo316, wmo318, wmo320, wmo325};

/// The retour for `message` given its level-2 `report` (from [`check`](crate::check)), or
/// `None` when the message gets no retour (a retour itself, a WMO325, an iEb message).
///
/// Any finding rejects the whole message with 0001: level 2 knows no other code (IV032), so a
/// finding that carries another one is still taken as a level-2 rejection.
pub fn level2_retour(
    message: &Message,
    report: &Report,
    retour: &RetourIdentificatie,
) -> Option<Message> {
    fn judged<'m, H: crate::assessment::Heenbericht>(
        heen: &'m H,
        report: &Report,
    ) -> Assessment<'m, H> {
        let mut a = Assessment::new(heen);
        for f in &report.findings {
            let mut f = f.clone();
            // Level 2 is always 0001 (IV032); normalise rather than drop a finding.
            f.retourcode = iwmo_model::codes::RetourCode::R0001;
            // Cannot fail with 0001.
            let _ = a.add_level2(f);
        }
        a
    }
    Some(match message {
        Message::Wmo301(m) => Message::Wmo302(wmo302(&judged(m, report), retour)),
        Message::Wmo305(m) => Message::Wmo306(wmo306(&judged(m, report), retour)),
        Message::Wmo307(m) => Message::Wmo308(wmo308(&judged(m, report), retour)),
        Message::Wmo315(m) => Message::Wmo316(wmo316(&judged(m, report), retour)),
        Message::Wmo317(m) => Message::Wmo318(wmo318(&judged(m, report), retour)),
        Message::Wmo319(m) => Message::Wmo320(wmo320(&judged(m, report), retour)),
        Message::Wmo323(m) => Message::Wmo325(wmo325(&judged(m, report), retour)),
        _ => return None,
    })
}
