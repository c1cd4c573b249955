//! Level-2 checks of the header and the client, shared by many messages (see the parent
//! module for the conventions).

use iwmo_model::{Bsn, Message};

use super::{nth, path, rule_check, Check, Findings};

/// The checks of this file, one per rule.
pub(super) const CHECKS: &[Check] = &[rule_check!("CS002", cs002_bsn_elfproef)];

/// **CS002** "De waarde moet voldoen aan de 11-proef." Every client `Bsn` of a 301, 305, 307,
/// 315, 317, 323 and 325 must pass the 11-proef.
///
/// The weights are the XSLT's `check11proef`: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11). The
/// XSLT has no exception for test BSNs, nor do we. Relatie BSNs are not in the rule's scope
/// (the stylesheet checks only the client's).
fn cs002_bsn_elfproef(message: &Message, findings: &mut Findings) {
    let mut bsn = |bsn: &Bsn, steps: &[&str]| {
        if !bsn.elfproef() {
            findings.add(
                vec![path(steps)],
                format!("BSN {bsn} does not pass the 11-proef"),
            );
        }
    };
    match message {
        Message::Wmo301(m) => bsn(&m.client.bsn, &["Client", "Bsn"]),
        Message::Wmo305(m) => bsn(&m.client.bsn, &["Client", "Bsn"]),
        Message::Wmo307(m) => bsn(&m.client.bsn, &["Client", "Bsn"]),
        Message::Wmo315(m) => bsn(&m.client.bsn, &["Client", "Bsn"]),
        Message::Wmo317(m) => bsn(&m.client.bsn, &["Client", "Bsn"]),
        Message::Wmo323(m) => {
            for (i, c) in m.declaratie.clienten.iter().enumerate() {
                bsn(
                    &c.bsn,
                    &["Declaratie", "Clienten", &nth("Client", i), "Bsn"],
                );
            }
        }
        Message::Wmo325(m) => {
            let clienten = m.declaratie_antwoord.iter().flat_map(|a| &a.clienten);
            for (i, c) in clienten.enumerate() {
                bsn(
                    &c.bsn,
                    &["DeclaratieAntwoord", "Clienten", &nth("Client", i), "Bsn"],
                );
            }
        }
        _ => {}
    }
}
