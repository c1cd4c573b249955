//! [`MemoryLedger`]: the prior state in memory, for tests, benchmarks and replays without a
//! store.

use std::collections::HashMap;

use iwmo_model::Message;

use crate::context::Context;
use crate::decide::decide;
use crate::decision::{Decision, IndexEntry, IndexKey, Prior};
use crate::party::ClientKey;
use crate::state::ClientState;

/// Every client's state and the indexes, in hash maps.
#[derive(Debug, Clone, Default)]
pub struct MemoryLedger {
    clients: HashMap<ClientKey, ClientState>,
    index: HashMap<IndexKey, IndexEntry>,
}

impl Prior for MemoryLedger {
    fn client(&self, key: &ClientKey) -> Option<&ClientState> {
        self.clients.get(key)
    }
    fn lookup(&self, key: &IndexKey) -> Option<&IndexEntry> {
        self.index.get(key)
    }
}

impl MemoryLedger {
    /// An empty ledger.
    pub fn new() -> MemoryLedger {
        MemoryLedger::default()
    }

    /// Writes what a decision changed, as the store commits it.
    pub fn apply(&mut self, decision: &Decision) {
        for (key, state) in &decision.clients {
            self.clients.insert(key.clone(), state.clone());
        }
        for (key, entry) in &decision.index {
            self.index.insert(key.clone(), entry.clone());
        }
    }

    /// [`apply`](Self::apply) for a caller done with the decision: its states move in
    /// instead of being copied.
    pub fn apply_owned(&mut self, decision: Decision) {
        self.clients.extend(decision.clients);
        self.index.extend(decision.index);
    }

    /// Decides a message and applies the decision.
    pub fn decide_and_apply(&mut self, message: &Message, ctx: &Context<'_>) -> Decision {
        let decision = decide(self, message, ctx);
        self.apply(&decision);
        decision
    }

    /// How many clients the ledger holds.
    pub fn len(&self) -> usize {
        self.clients.len()
    }

    /// Whether it holds no client.
    pub fn is_empty(&self) -> bool {
        self.clients.is_empty()
    }

    /// Inserts a client's state directly (loading from a store, or a benchmark that builds a
    /// large ledger).
    pub fn insert(&mut self, key: ClientKey, state: ClientState) {
        self.clients.insert(key, state);
    }

    /// Inserts an index entry directly (loading from a store).
    pub fn insert_index(&mut self, key: IndexKey, entry: IndexEntry) {
        self.index.insert(key, entry);
    }

    /// Every client, in no particular order.
    pub fn clients(&self) -> impl Iterator<Item = (&ClientKey, &ClientState)> {
        self.clients.iter()
    }
}
