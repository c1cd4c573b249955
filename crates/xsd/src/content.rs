//! Content models: `xs:sequence` and `xs:choice` particles with minOccurs/maxOccurs, compiled
//! once into a deterministic automaton over child element names.
//!
//! Compilation builds a Thompson NFA (bounded repetitions expanded, `unbounded` as a loop) and
//! determinizes it by subset construction. Every transition remembers the schema particle it
//! came from; a subset that can take the same name through two different particles violates
//! Unique Particle Attribution (XSD Part 1 §3.8.6), which libxml2 refuses at load time, and so
//! do we.

use std::collections::{BTreeSet, HashMap};

use crate::schema::{ElemId, ElementDecl};

/// A particle as written in the schema.
#[derive(Debug, Clone)]
pub(crate) struct Particle {
    pub(crate) term: Term,
    pub(crate) min: u32,
    /// `None` is `unbounded`.
    pub(crate) max: Option<u32>,
}

#[derive(Debug, Clone)]
pub(crate) enum Term {
    /// An element declaration, with a particle number unique within its content model.
    Element(ElemId, u32),
    Sequence(Vec<Particle>),
    Choice(Vec<Particle>),
}

/// The compiled automaton. State 0 is the start state.
#[derive(Debug, Clone)]
pub(crate) struct Dfa {
    pub(crate) states: Vec<DfaState>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct DfaState {
    pub(crate) accepting: bool,
    pub(crate) transitions: Vec<Transition>,
}

#[derive(Debug, Clone)]
pub(crate) struct Transition {
    pub(crate) elem: ElemId,
    pub(crate) next: u32,
    /// The element's namespace id and local name, copied from its declaration so the hot loop
    /// compares them without a detour through the declaration table.
    pub(crate) ns: u32,
    pub(crate) name: Box<str>,
    /// `name` is an ASCII NCName: the scanner may match it in place (see
    /// [`crate::scan::Scanner::next_token_expecting`]).
    pub(crate) plain_name: bool,
}

/// Caps the expansion of bounded repetitions (`maxOccurs="5000"` of a large group).
const MAX_NFA_STATES: usize = 200_000;
const MAX_DFA_STATES: usize = 20_000;

#[derive(Default)]
struct Nfa {
    /// Per state: epsilon targets.
    eps: Vec<Vec<u32>>,
    /// Per state: (element, particle number, target).
    edges: Vec<Vec<(ElemId, u32, u32)>>,
}

impl Nfa {
    fn state(&mut self) -> Result<u32, String> {
        if self.eps.len() >= MAX_NFA_STATES {
            return Err("content model is too large (maxOccurs values too high)".into());
        }
        self.eps.push(Vec::new());
        self.edges.push(Vec::new());
        Ok((self.eps.len() - 1) as u32)
    }

    fn build(&mut self, p: &Particle, start: u32) -> Result<u32, String> {
        let mut s = start;
        for _ in 0..p.min {
            s = self.build_once(&p.term, s)?;
        }
        match p.max {
            None => {
                let hub = self.state()?;
                self.eps[s as usize].push(hub);
                let end = self.build_once(&p.term, hub)?;
                self.eps[end as usize].push(hub);
                Ok(hub)
            }
            Some(max) => {
                for _ in p.min..max {
                    let end = self.build_once(&p.term, s)?;
                    let join = self.state()?;
                    self.eps[s as usize].push(join);
                    self.eps[end as usize].push(join);
                    s = join;
                }
                Ok(s)
            }
        }
    }

    fn build_once(&mut self, term: &Term, start: u32) -> Result<u32, String> {
        match term {
            Term::Element(elem, particle) => {
                let end = self.state()?;
                self.edges[start as usize].push((*elem, *particle, end));
                Ok(end)
            }
            Term::Sequence(items) => {
                let mut s = start;
                for item in items {
                    s = self.build(item, s)?;
                }
                Ok(s)
            }
            Term::Choice(items) => {
                let end = self.state()?;
                for item in items {
                    let e = self.build(item, start)?;
                    self.eps[e as usize].push(end);
                }
                Ok(end)
            }
        }
    }

    fn closure(&self, set: &mut BTreeSet<u32>) {
        let mut work: Vec<u32> = set.iter().copied().collect();
        while let Some(s) = work.pop() {
            for &t in &self.eps[s as usize] {
                if set.insert(t) {
                    work.push(t);
                }
            }
        }
    }
}

/// Compile a content model. `elements` gives names for the determinism check.
pub(crate) fn compile(root: &Particle, elements: &[ElementDecl]) -> Result<Dfa, String> {
    let mut nfa = Nfa::default();
    let start = nfa.state()?;
    let accept = nfa.build(root, start)?;

    let mut first = BTreeSet::from([start]);
    nfa.closure(&mut first);
    let mut ids: HashMap<BTreeSet<u32>, u32> = HashMap::from([(first.clone(), 0)]);
    let mut sets = vec![first];
    let mut states: Vec<DfaState> = Vec::new();
    let mut i = 0;
    while i < sets.len() {
        let set = sets[i].clone();
        i += 1;
        // Group outgoing edges by element name.
        let mut by_name: Vec<(ElemId, u32, BTreeSet<u32>)> = Vec::new();
        for &s in &set {
            for &(elem, particle, target) in &nfa.edges[s as usize] {
                let decl = &elements[elem];
                match by_name.iter_mut().find(|(e, _, _)| {
                    let other = &elements[*e];
                    other.ns == decl.ns && other.name == decl.name
                }) {
                    Some((_, p, targets)) => {
                        if *p != particle {
                            return Err(format!(
                                "content model is not deterministic: element '{}' can match two different particles (Unique Particle Attribution)",
                                decl.name
                            ));
                        }
                        targets.insert(target);
                    }
                    None => by_name.push((elem, particle, BTreeSet::from([target]))),
                }
            }
        }
        let mut state = DfaState {
            accepting: set.contains(&accept),
            transitions: Vec::with_capacity(by_name.len()),
        };
        for (elem, _, mut targets) in by_name {
            nfa.closure(&mut targets);
            let next = match ids.get(&targets) {
                Some(&id) => id,
                None => {
                    if sets.len() >= MAX_DFA_STATES {
                        return Err("content model is too large to compile".into());
                    }
                    let id = sets.len() as u32;
                    ids.insert(targets.clone(), id);
                    sets.push(targets);
                    id
                }
            };
            state.transitions.push(Transition {
                elem,
                next,
                ns: elements[elem].ns,
                name: elements[elem].name.as_str().into(),
                plain_name: crate::scan::is_plain_ncname(&elements[elem].name),
            });
        }
        states.push(state);
    }
    Ok(Dfa { states })
}
