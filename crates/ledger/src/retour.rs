//! The retour a receiver sends, from the level-2 report and the ledger's decision.

use iwmo_model::Message;
use iwmo_rules::{
    level2_retour, wmo302, wmo306, wmo308, wmo316, wmo318, wmo320, wmo325, Assessment, Heenbericht,
    Report, RetourIdentificatie,
};

use crate::decision::{Decision, LedgerFinding, Target};
use crate::party::Role;

/// The retour for a heen message we received: the level-2 report decides first (any finding:
/// header only with 0001), then the ledger's findings are laid out by IV028/OP065. `None` for
/// messages that get no retour from us (our own, retours, 325, iEb) and for kinds whose ledger
/// findings cannot be addressed yet.
pub fn retour(
    message: &Message,
    level2: &Report,
    decision: &Decision,
    ident: &RetourIdentificatie,
) -> Option<Message> {
    if decision.role != Role::Receiver {
        return None;
    }
    if !level2.is_clean() || decision.findings.is_empty() {
        return level2_retour(message, level2, ident);
    }
    fn assess<'m, H: Heenbericht>(
        heen: &'m H,
        findings: &[LedgerFinding],
        class: impl Fn(Target) -> Option<H::Class>,
    ) -> Option<Assessment<'m, H>> {
        let mut a = Assessment::new(heen);
        for f in findings {
            let added = match f.target {
                Target::Header => a.reject_header(f.rule, f.retourcode, f.detail.clone()),
                t => a.reject(class(t)?, f.rule, f.retourcode, f.detail.clone()),
            };
            added.ok()?;
        }
        Some(a)
    }
    let f = &decision.findings;
    Some(match message {
        Message::Wmo301(m) => Message::Wmo302(wmo302(
            &assess(m, f, |t| match t {
                Target::Wmo301(c) => Some(c),
                _ => None,
            })?,
            ident,
        )),
        Message::Wmo305(m) => Message::Wmo306(wmo306(
            &assess(m, f, |t| match t {
                Target::Wmo305(c) => Some(c),
                _ => None,
            })?,
            ident,
        )),
        Message::Wmo307(m) => Message::Wmo308(wmo308(
            &assess(m, f, |t| match t {
                Target::Wmo307(c) => Some(c),
                _ => None,
            })?,
            ident,
        )),
        Message::Wmo315(m) => Message::Wmo316(wmo316(
            &assess(m, f, |t| match t {
                Target::Wmo315(c) => Some(c),
                _ => None,
            })?,
            ident,
        )),
        Message::Wmo317(m) => Message::Wmo318(wmo318(
            &assess(m, f, |t| match t {
                Target::Wmo317(c) => Some(c),
                _ => None,
            })?,
            ident,
        )),
        Message::Wmo319(m) => Message::Wmo320(wmo320(
            &assess(m, f, |t| match t {
                Target::Wmo319(c) => Some(c),
                _ => None,
            })?,
            ident,
        )),
        Message::Wmo323(m) => Message::Wmo325(wmo325(
            &assess(m, f, |t| match t {
                Target::Wmo323(c) => Some(c),
                _ => None,
            })?,
            ident,
        )),
        _ => return None,
    })
}
