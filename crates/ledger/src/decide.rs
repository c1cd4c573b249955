//! `decide`: one message against the prior state.

use iwmo_model::codes::RetourCode;
use iwmo_model::{Header, Message, MessageKind, RetourHeader};
use iwmo_rules::RuleId;

use crate::context::Context;
use crate::decision::{Decision, IndexEntry, IndexKey, LedgerFinding, Prior, Target, Verdict};
use crate::party::{role_of, ClientKey, Mode, Role};
use crate::state::{ClientState, Fact, FactBody, MessageRef};
use crate::{declaratie, levering, signals, toewijzing, verzoek};

/// Decides one message (already XSD-valid and level-2 clean) against what came before.
///
/// Pure: the same prior state, message and context always give the same decision. The caller
/// commits the decision's client states and index entries together, then builds the retour
/// (see [`crate::retour`]).
pub fn decide(prior: &dyn Prior, message: &Message, ctx: &Context<'_>) -> Decision {
    if let Message::Wmo325(m) = message {
        // The answer on a 323 we sent (Mode::Own as aanbieder): confirms its approved
        // prestaties and removes the rejected ones.
        return declaratie::on_wmo325(prior, m, ctx);
    }
    if let Some(retour) = retour_header(message) {
        return on_retour(prior, message.kind(), retour, ctx);
    }
    let Some(header) = heen_header(message) else {
        return Decision::not_judged(
            Role::Receiver,
            "the ledger does not judge this message kind yet",
        );
    };
    let Some(role) = role_of(&ctx.mode, &header.afzender, &header.ontvanger) else {
        return Decision::not_judged(
            Role::Receiver,
            format!(
                "neither sent by nor addressed to our party (Afzender {}, Ontvanger {})",
                header.afzender, header.ontvanger
            ),
        );
    };
    let mut judge = Judge {
        prior,
        ctx,
        decision: Decision::new(role),
        source: MessageRef {
            kind: message.kind(),
            afzender: header.afzender.clone(),
            identificatie: header.bericht_identificatie.identificatie.clone(),
            dagtekening: header.bericht_identificatie.dagtekening,
        },
        header,
        pending: role == Role::Sender,
        partial: false,
    };
    judge.header_rules();
    match message {
        Message::Wmo301(m) => toewijzing::wmo301(&mut judge, m),
        Message::Wmo305(m) => levering::wmo305(&mut judge, m),
        Message::Wmo307(m) => levering::wmo307(&mut judge, m),
        Message::Wmo315(m) => verzoek::wmo315(&mut judge, m),
        Message::Wmo317(m) => verzoek::wmo317(&mut judge, m),
        Message::Wmo319(m) => verzoek::wmo319(&mut judge, m),
        Message::Wmo323(m) => declaratie::wmo323(&mut judge, m),
        _ => return Decision::not_judged(role, "the ledger does not judge this message kind yet"),
    }
    // Lateness is judged against the state before this message, and only for an accepted one.
    let gemeente = gemeente_of(message.kind(), header);
    let mut decision = judge.finish();
    if matches!(decision.verdict, Verdict::Approved) && role == Role::Receiver {
        decision.signals = signals::late_on_arrival(prior, message, ctx, gemeente);
    }
    decision
}

/// The state of one decision while its rules run.
pub(crate) struct Judge<'a> {
    pub(crate) prior: &'a dyn Prior,
    pub(crate) ctx: &'a Context<'a>,
    pub(crate) decision: Decision,
    pub(crate) source: MessageRef,
    pub(crate) header: &'a Header,
    /// The facts wait for a retour (our own message).
    pending: bool,
    /// Findings below the declaration level reject only their client or prestatie (a 323,
    /// IV087): the judge of the message stores only what was approved.
    pub(crate) partial: bool,
}

impl Judge<'_> {
    /// A finding of a level-3/4 rule.
    pub(crate) fn reject(
        &mut self,
        rule: &str,
        code: RetourCode,
        target: Target,
        detail: impl Into<String>,
    ) {
        self.decision.findings.push(LedgerFinding {
            rule: rule.parse().unwrap_or(RuleId::new("TR000")),
            retourcode: code,
            target,
            detail: detail.into(),
        });
    }

    /// The prior state of a client, or an empty one.
    pub(crate) fn client(&self, key: &ClientKey) -> ClientState {
        self.prior.client(key).cloned().unwrap_or_default()
    }

    /// A fact of this message.
    pub(crate) fn fact(&self, body: FactBody) -> Fact {
        Fact {
            source: self.source.clone(),
            pending: self.pending,
            body,
        }
    }

    /// Records a client's new state (only kept when the message is approved).
    pub(crate) fn store(&mut self, key: ClientKey, state: ClientState) {
        self.decision.clients.push((key, state));
    }

    /// TR135 (8848), TR056 (9056), TR378 (S300): the rules on the Header of every message.
    fn header_rules(&mut self) {
        let h = self.header;
        let dagtekening = h.bericht_identificatie.dagtekening;
        if dagtekening > self.ctx.today {
            self.reject(
                "TR135",
                RetourCode::R8848,
                Target::Header,
                format!(
                    "Dagtekening {dagtekening} is after today {}",
                    self.ctx.today
                ),
            );
        }
        let key = IndexKey::Message {
            afzender: h.afzender.clone(),
            kind: self.source.kind,
            identificatie: h.bericht_identificatie.identificatie.clone(),
        };
        if self.prior.lookup(&key).is_some() {
            self.reject(
                "TR056",
                RetourCode::R9056,
                Target::Header,
                format!(
                    "Identificatie {:?} was already used by {} for a {:?}",
                    h.bericht_identificatie.identificatie, h.afzender, self.source.kind
                ),
            );
        }
        match &self.ctx.lists.gemeenten {
            None => self.decision.not_checked.push(RuleId::new("TR378")),
            Some(list) => {
                let gemeente = self.gemeente();
                if !list.contains(gemeente) {
                    self.reject(
                        "TR378",
                        RetourCode::RS300,
                        Target::Header,
                        format!("gemeentecode {gemeente} is not in the CBS list"),
                    );
                }
            }
        }
    }

    /// The gemeente of the message: the Afzender of a 301/319, else the Ontvanger.
    pub(crate) fn gemeente(&self) -> &str {
        gemeente_of(self.source.kind, self.header)
    }

    /// The key of a client of this message's gemeente.
    pub(crate) fn client_key(&self, bsn: &iwmo_model::Bsn) -> ClientKey {
        ClientKey {
            gemeente: self.gemeente().to_string(),
            bsn: bsn.clone(),
        }
    }

    /// The aanbieder of the message: the Ontvanger of a 301/319, else the Afzender.
    pub(crate) fn aanbieder(&self) -> &str {
        match self.source.kind {
            MessageKind::Wmo301 | MessageKind::Wmo319 => &self.header.ontvanger,
            _ => &self.header.afzender,
        }
    }

    fn finish(mut self) -> Decision {
        if self.decision.verdict == Verdict::NotJudged {
            self.decision.findings.clear();
            self.decision.clients.clear();
            self.decision.index.clear();
            return self.decision;
        }
        let whole = |t: &Target| {
            matches!(
                t,
                Target::Header | Target::Wmo323(iwmo_rules::Class323::Declaratie)
            )
        };
        if self.partial
            && !self.decision.findings.is_empty()
            && !self.decision.findings.iter().any(|f| whole(&f.target))
        {
            // IV087: the rejected clients and prestaties are left out, the rest counts.
            self.decision.verdict = Verdict::PartlyApproved;
        } else if !self.decision.findings.is_empty() {
            // IV032 / OP286: a rejected message changes nothing.
            self.decision.verdict = Verdict::Rejected;
            self.decision.clients.clear();
            self.decision.index.clear();
            return self.decision;
        }
        let clients = self
            .decision
            .clients
            .iter()
            .map(|(k, _)| k.clone())
            .collect();
        derive_eigen_bijdrage(self.prior, self.ctx, &mut self.decision);
        self.decision.index.push((
            IndexKey::Message {
                afzender: self.source.afzender.clone(),
                kind: self.source.kind,
                identificatie: self.source.identificatie.clone(),
            },
            IndexEntry::Message {
                dagtekening: self.source.dagtekening,
                clients,
                awaiting_retour: self.pending,
            },
        ));
        self.decision
    }
}

impl<'a> Judge<'a> {
    /// The product code list of TR381, or `None` after reporting the rule as not checked
    /// (once per decision): never passed silently.
    pub(crate) fn product_codes(&mut self) -> Option<&'a crate::context::ProductCodeList> {
        let lists: &'a crate::context::Lists = self.ctx.lists;
        if lists.productcodes.is_none() {
            let id = RuleId::new("TR381");
            if !self.decision.not_checked.contains(&id) {
                self.decision.not_checked.push(id);
            }
        }
        lists.productcodes.as_ref()
    }

    /// TR381 (S329): "ProductCode hoort bij de ProductCategorie volgens de gehanteerde
    /// productcodelijst", by the configured list. A category without a code has nothing to
    /// check.
    pub(crate) fn tr381_product_code(
        &mut self,
        categorie: iwmo_model::codes::ProductCategorie,
        code: Option<&str>,
        target: Target,
    ) {
        let Some(list) = self.product_codes() else {
            return;
        };
        let Some(code) = code else { return };
        if !list.contains(categorie, code) {
            self.reject(
                "TR381",
                RetourCode::RS329,
                target,
                format!(
                    "ProductCode {code} is not a code of ProductCategorie {} in the product code list",
                    categorie.code()
                ),
            );
        }
    }

    /// [`tr381_product_code`](Self::tr381_product_code) for a Product, if the class has one.
    pub(crate) fn tr381_product(&mut self, product: Option<&iwmo_model::Product>, target: Target) {
        if let Some(p) = product {
            self.tr381_product_code(p.categorie, p.code.as_deref(), target);
        }
    }
}

/// The gemeente of a heen message: the Afzender of a 301/319, else the Ontvanger.
fn gemeente_of(kind: MessageKind, header: &Header) -> &str {
    match kind {
        MessageKind::Wmo301 | MessageKind::Wmo319 => &header.afzender,
        _ => &header.ontvanger,
    }
}

fn heen_header(message: &Message) -> Option<&Header> {
    Some(match message {
        Message::Wmo301(m) => &m.header,
        Message::Wmo305(m) => &m.header,
        Message::Wmo307(m) => &m.header,
        Message::Wmo315(m) => &m.header,
        Message::Wmo317(m) => &m.header,
        Message::Wmo319(m) => &m.header,
        Message::Wmo323(m) => &m.header,
        _ => return None,
    })
}

/// The retour header and whether the retour approves its heen message (header only, no
/// retourcodes: IV028).
fn retour_header(message: &Message) -> Option<(&RetourHeader, bool)> {
    let approved = |h: &RetourHeader, has_client: bool| {
        !has_client && h.retour_codes.as_ref().is_none_or(|c| c.0.is_empty())
    };
    Some(match message {
        Message::Wmo302(m) => (&m.header, approved(&m.header, m.client.is_some())),
        Message::Wmo306(m) => (&m.header, approved(&m.header, m.client.is_some())),
        Message::Wmo308(m) => (&m.header, approved(&m.header, m.client.is_some())),
        Message::Wmo316(m) => (&m.header, approved(&m.header, m.client.is_some())),
        Message::Wmo318(m) => (&m.header, approved(&m.header, m.client.is_some())),
        Message::Wmo320(m) => (&m.header, approved(&m.header, m.antwoord.is_some())),
        _ => return None,
    })
}

fn heen_of(retour: MessageKind) -> Option<MessageKind> {
    use MessageKind::*;
    Some(match retour {
        Wmo302 => Wmo301,
        Wmo306 => Wmo305,
        Wmo308 => Wmo307,
        Wmo316 => Wmo315,
        Wmo318 => Wmo317,
        Wmo320 => Wmo319,
        _ => return None,
    })
}

/// A retour: when it answers a message of ours, it confirms (approved) or undoes (rejected)
/// that message's facts.
fn on_retour(
    prior: &dyn Prior,
    kind: MessageKind,
    (header, approved): (&RetourHeader, bool),
    ctx: &Context<'_>,
) -> Decision {
    let h = &header.header;
    let ours = match &ctx.mode {
        Mode::Own(us) => h.afzender == us.code(),
        Mode::Chain => false,
    };
    if !ours {
        return Decision::not_judged(
            Role::Receiver,
            "a retour on a message that is not ours: nothing to confirm",
        );
    }
    let Some(heen) = heen_of(kind) else {
        return Decision::not_judged(Role::Receiver, "not a retour");
    };
    let key = IndexKey::Message {
        afzender: h.afzender.clone(),
        kind: heen,
        identificatie: h.bericht_identificatie.identificatie.clone(),
    };
    let Some(IndexEntry::Message {
        dagtekening,
        clients,
        awaiting_retour: true,
    }) = prior.lookup(&key)
    else {
        return Decision::not_judged(
            Role::Receiver,
            format!(
                "a retour on our {heen:?} {:?}, which is unknown or already answered",
                h.bericht_identificatie.identificatie
            ),
        );
    };
    let source = MessageRef {
        kind: heen,
        afzender: h.afzender.clone(),
        identificatie: h.bericht_identificatie.identificatie.clone(),
        dagtekening: *dagtekening,
    };
    let mut decision = Decision::new(Role::Receiver);
    // OP090: the retour is due 3 working days after our message.
    let aanbieder = match heen {
        MessageKind::Wmo301 | MessageKind::Wmo319 => &h.ontvanger,
        _ => &h.afzender,
    };
    decision.signals = crate::signals::late_answer_on_our_message(ctx, &source, aanbieder, clients);
    decision.verdict = if approved {
        Verdict::RetourApproved
    } else {
        Verdict::RetourRejected
    };
    for client in clients {
        let mut state = prior.client(client).cloned().unwrap_or_default();
        if approved {
            state.confirm(&source);
        } else {
            state.undo(&source);
        }
        decision.clients.push((client.clone(), state));
    }
    derive_eigen_bijdrage(prior, ctx, &mut decision);
    decision.index.push((
        key,
        IndexEntry::Message {
            dagtekening: *dagtekening,
            clients: clients.clone(),
            awaiting_retour: false,
        },
    ));
    decision
}

/// The WMO405s that bring the CAK in line with the changed clients (see
/// [`crate::eigen_bijdrage`]): derived by the gemeente (its own ledger, or the chain view),
/// never by an aanbieder. The sent periods are recorded in the client's state in the same
/// decision.
pub(crate) fn derive_eigen_bijdrage(prior: &dyn Prior, ctx: &Context<'_>, decision: &mut Decision) {
    use crate::eigen_bijdrage::{desired_periods, diff, sent_periods, wmo405, EbSent};
    use crate::party::Party;
    let config = &ctx.config.eigen_bijdrage;
    if !config.enabled {
        return;
    }
    let mut counters: Vec<(String, u32)> = Vec::new();
    for (key, state) in decision.clients.iter_mut() {
        let ours = match &ctx.mode {
            Mode::Chain => true,
            Mode::Own(Party::Gemeente(g)) => *g == key.gemeente,
            Mode::Own(Party::Aanbieder(_)) => false,
        };
        if !ours {
            continue;
        }
        let sent = sent_periods(state);
        for change in diff(&desired_periods(state, config), &sent) {
            let nummer = match change.nummer {
                Some(n) => n,
                None => {
                    let last = match counters.iter().find(|(g, _)| *g == key.gemeente) {
                        Some((_, n)) => Some(*n),
                        None => match prior.lookup(&IndexKey::EbStartNummer {
                            gemeente: key.gemeente.clone(),
                        }) {
                            Some(IndexEntry::Counter(n)) => Some(*n),
                            _ => None,
                        },
                    };
                    let next = last.map_or(config.first_start_nummer, |n| n.saturating_add(1));
                    counters.retain(|(g, _)| *g != key.gemeente);
                    counters.push((key.gemeente.clone(), next));
                    next
                }
            };
            let sequence = 1 + state
                .facts
                .iter()
                .filter(|f| matches!(&f.body, FactBody::EigenBijdrage(s) if s.nummer == nummer))
                .count();
            decision.derived.push(Message::Wmo405(wmo405(
                &key.gemeente,
                &key.bsn,
                nummer,
                sequence,
                &change,
                ctx.today,
            )));
            state.facts.push(Fact {
                source: MessageRef {
                    kind: MessageKind::Wmo405,
                    afzender: key.gemeente.clone(),
                    identificatie: format!("{nummer}-{sequence}"),
                    dagtekening: ctx.today,
                },
                pending: false,
                body: FactBody::EigenBijdrage(EbSent {
                    nummer,
                    period: change.period,
                    deleted: change.status
                        == iwmo_model::codes::IebStatusAanlevering::VerwijderenAanlevering,
                }),
            });
        }
    }
    for (gemeente, n) in counters {
        decision
            .index
            .push((IndexKey::EbStartNummer { gemeente }, IndexEntry::Counter(n)));
    }
}
