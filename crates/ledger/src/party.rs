//! Who is who: the parties of a message, the client it is about, and how we stand to it.

use iwmo_model::Bsn;

/// A party of the Wmo chain: a gemeente (four-digit CBS code) or an aanbieder (eight-digit AGB
/// code), as the Header's `Afzender` and `Ontvanger` name them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Party {
    /// A gemeente, by its code (`0344`).
    Gemeente(String),
    /// An aanbieder, by its AGB code (`98004132`).
    Aanbieder(String),
}

impl Party {
    /// The code as it stands in a Header.
    pub fn code(&self) -> &str {
        match self {
            Party::Gemeente(c) | Party::Aanbieder(c) => c,
        }
    }
}

/// One client of one gemeente: the unit of state and of ordering. A client's history with
/// several aanbieders lives under one key (the gemeente sees all of them; an aanbieder only its
/// own, because it only receives its own messages).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct ClientKey {
    /// The gemeente code.
    pub gemeente: String,
    /// The client's BSN (never printed in full).
    pub bsn: Bsn,
}

/// Whose ledger this is, which decides how each message is judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The engine acts for this party: messages addressed to it are judged as their receiver
    /// would (and answered); messages it sends are checked before they leave, and count only
    /// once their retour approves them.
    Own(Party),
    /// A test team's view of both sides: every heen message is judged as its receiver would,
    /// and retours are not expected.
    Chain,
}

/// How the engine stands to one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Addressed to us (or any heen message in [`Mode::Chain`]): decide and answer.
    Receiver,
    /// Sent by us: check it before it leaves; its effect waits for the retour.
    Sender,
}

/// How a ledger in `mode` stands to a heen message from `afzender` to `ontvanger`: `None` when
/// the message is neither ours nor addressed to us.
pub fn role_of(mode: &Mode, afzender: &str, ontvanger: &str) -> Option<Role> {
    match mode {
        Mode::Chain => Some(Role::Receiver),
        Mode::Own(us) if ontvanger == us.code() => Some(Role::Receiver),
        Mode::Own(us) if afzender == us.code() => Some(Role::Sender),
        Mode::Own(_) => None,
    }
}
