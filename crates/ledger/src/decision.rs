//! What `decide` returns, and the indexes across clients it reads and writes.

use chrono::NaiveDate;
use iwmo_model::codes::RetourCode;
use iwmo_model::MessageKind;
use iwmo_rules::{Class301, Class305, Class307, Class315, Class317, Class319, Class323, RuleId};

use crate::party::{ClientKey, Role};
use crate::state::ClientState;

/// What the ledger knows before the message: the clients' states and the indexes that span
/// clients. The store implements it over a snapshot; [`crate::MemoryLedger`] in memory.
pub trait Prior {
    /// The client's state; `None` for a client never seen.
    fn client(&self, key: &ClientKey) -> Option<&ClientState>;
    /// An entry of an index across clients.
    fn lookup(&self, key: &IndexKey) -> Option<&IndexEntry>;
}

/// The key of an index across clients.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum IndexKey {
    /// A heen message by sender, kind and Identificatie (TR056: unique per berichtsoort for
    /// the sender), and how to find its clients when its retour comes.
    Message {
        /// `Afzender`.
        afzender: String,
        /// The message kind.
        kind: MessageKind,
        /// `Identificatie`.
        identificatie: String,
    },
    /// A ReferentieAanbieder of an aanbieder (TR347: unique for the aanbieder within the
    /// Wmo; TR355: a 319 must name one).
    ReferentieAanbieder {
        /// The aanbieder's AGB code.
        aanbieder: String,
        /// The reference.
        referentie: String,
    },
    /// A DeclaratieNummer of an aanbieder (TR333: unique).
    DeclaratieNummer {
        /// The aanbieder's AGB code.
        aanbieder: String,
        /// The number.
        nummer: String,
    },
    /// The last EbStartNummer a gemeente handed out (WMO405).
    EbStartNummer {
        /// The gemeente code.
        gemeente: String,
    },
    /// A ToewijzingNummer of a gemeente (TR332: unique per gemeente within the Wmo).
    ToewijzingNummer {
        /// The gemeente code.
        gemeente: String,
        /// The number.
        nummer: u32,
    },
}

/// What an index holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum IndexEntry {
    /// For [`IndexKey::Message`].
    Message {
        /// Its Dagtekening.
        #[serde(serialize_with = "crate::date_text::serialize")]
        dagtekening: NaiveDate,
        /// The clients it touched.
        clients: Vec<ClientKey>,
        /// Ours and still waiting for its retour.
        awaiting_retour: bool,
    },
    /// For [`IndexKey::ReferentieAanbieder`] and [`IndexKey::DeclaratieNummer`]: the client
    /// (gemeente and BSN) it belongs to.
    Client(ClientKey),
    /// For [`IndexKey::EbStartNummer`]: the last number handed out.
    Counter(u32),
    /// For [`IndexKey::ToewijzingNummer`]: whose number it is.
    Toewijzing {
        /// The client.
        client: ClientKey,
        /// The aanbieder.
        aanbieder: String,
    },
}

/// Where a finding sits in the heen message: the Header or a berichtklasse (the addresses of
/// the retour builders of `iwmo-rules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The Header: the whole message is rejected, header only (TR056, TR135, TR378).
    Header,
    /// A class of a 301.
    Wmo301(Class301),
    /// A class of a 305.
    Wmo305(Class305),
    /// A class of a 307.
    Wmo307(Class307),
    /// A class of a 315.
    Wmo315(Class315),
    /// A class of a 317.
    Wmo317(Class317),
    /// A class of a 319.
    Wmo319(Class319),
    /// A class of a 323 (its 325 lists rejected prestaties).
    Wmo323(Class323),
}

/// A level-3 or level-4 rule the message breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerFinding {
    /// The rule, `TR326`.
    pub rule: RuleId,
    /// Its retourcode, `9326`.
    pub retourcode: RetourCode,
    /// Where.
    pub target: Target,
    /// What, readable (no full BSN).
    pub detail: String,
}

/// The ledger's verdict on one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Accepted: its facts are recorded.
    Approved,
    /// Rejected as a whole (IV032): nothing of it is recorded. The findings say why.
    Rejected,
    /// A declaration (323) of which some prestaties or clients were rejected (IV087): the
    /// approved prestaties are recorded, the findings name the rest.
    PartlyApproved,
    /// A retour on our own message: it approved it, its facts now count for good.
    RetourApproved,
    /// A retour on our own message that rejected it: its facts were removed.
    RetourRejected,
    /// Not a message this ledger judges (not from or to our party, or a kind the ledger does
    /// not handle yet); the reason is in `note`.
    NotJudged,
}

/// One decision: everything that follows from one message, for the store to commit at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// How we stood to the message.
    pub role: Role,
    /// The verdict.
    pub verdict: Verdict,
    /// Level-3/4 findings (empty unless rejected).
    pub findings: Vec<LedgerFinding>,
    /// The new states of the clients the message changed.
    pub clients: Vec<(ClientKey, ClientState)>,
    /// Index entries to write.
    pub index: Vec<(IndexKey, IndexEntry)>,
    /// Messages that follow from this one (WMO405 for the CAK), in order.
    pub derived: Vec<iwmo_model::Message>,
    /// Signals for the back office: late and missing messages, the no-care rule.
    pub signals: Vec<crate::signals::Signal>,
    /// Drafts for our own back office, never sent automatically: the 307 the no-care rule
    /// proposes to an aanbieder ([`crate::NoCareAction::Draft307`]).
    pub drafts: Vec<iwmo_model::Message>,
    /// Rules that could not be checked because their list is not configured (the engine
    /// reports each once at start-up; here for the record).
    pub not_checked: Vec<RuleId>,
    /// Why the message was not judged, for [`Verdict::NotJudged`].
    pub note: Option<String>,
}

impl Decision {
    pub(crate) fn new(role: Role) -> Decision {
        Decision {
            role,
            verdict: Verdict::Approved,
            findings: Vec::new(),
            clients: Vec::new(),
            index: Vec::new(),
            derived: Vec::new(),
            signals: Vec::new(),
            drafts: Vec::new(),
            not_checked: Vec::new(),
            note: None,
        }
    }

    pub(crate) fn not_judged(role: Role, why: impl Into<String>) -> Decision {
        Decision {
            verdict: Verdict::NotJudged,
            note: Some(why.into()),
            ..Decision::new(role)
        }
    }

    /// Whether the message was rejected.
    pub fn is_rejected(&self) -> bool {
        self.verdict == Verdict::Rejected
    }

    /// The rule ids of the findings, in order, each once.
    pub fn rules(&self) -> Vec<RuleId> {
        let mut out = Vec::new();
        for f in &self.findings {
            if !out.contains(&f.rule) {
                out.push(f.rule);
            }
        }
        out
    }
}
