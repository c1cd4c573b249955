//! One input through the pipeline: level 1, level 2, the ledger, and the outputs.

use std::path::Path;

use chrono::NaiveDate;
use iwmo_ledger::{
    role_of, CareEvent, ClientKey, Config, Context, Decision, Lists, Mode, Prior, Role,
};
use iwmo_model::{Message, MessageKind, XsdVersie};
use iwmo_rules::{Report, RetourIdentificatie};
use iwmo_xsd::SchemaSet;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::care::{care_event_key, looks_like_json, read_care_event, CARE_EVENT_KIND};
use crate::error::EngineError;

/// One input: its name (file name or broker message id, for reports), its bytes, and the day
/// it was received (the decision's "today").
#[derive(Debug, Clone)]
pub struct Input {
    /// Where it came from, for reports.
    pub name: String,
    /// The message as received.
    pub bytes: Vec<u8>,
    /// The day of receipt: the clock of its decision.
    pub received: NaiveDate,
}

/// Where an output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Destination {
    /// To the GGk: retours we send, and our own messages that passed the checks.
    Ggk,
    /// To the CAK: WMO405.
    Cak,
    /// To our own back-office system: accepted messages, retours on ours, reports of our own
    /// messages that were stopped, messages the ledger does not judge.
    Backoffice,
    /// Signals (late and missing messages), as JSON.
    Signals,
    /// Level-1 rejection reports, as JSON: no retour exists for them.
    Rejected,
}

impl Destination {
    /// Every destination, in order.
    pub const ALL: [Destination; 5] = [
        Destination::Ggk,
        Destination::Cak,
        Destination::Backoffice,
        Destination::Signals,
        Destination::Rejected,
    ];

    /// The destination named `name` (the folder or the routing key's first part).
    pub fn from_name(name: &str) -> Option<Destination> {
        Destination::ALL.into_iter().find(|d| d.name() == name)
    }

    /// The folder or routing-key prefix: `ggk`, `cak`, ….
    pub fn name(self) -> &'static str {
        match self {
            Destination::Ggk => "ggk",
            Destination::Cak => "cak",
            Destination::Backoffice => "backoffice",
            Destination::Signals => "signals",
            Destination::Rejected => "rejected",
        }
    }
}

/// One output of a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Deterministic: the input's dedupe key hashed, and the output's index.
    pub id: String,
    /// Where it goes.
    pub destination: Destination,
    /// What it is: `wmo306`, `wmo405`, `report`, `signal`, or the forwarded message's kind.
    pub kind: String,
    /// The bytes (XML or JSON).
    pub body: Vec<u8>,
}

impl Output {
    /// The routing key: `ggk.wmo306`, `cak.wmo405`, `backoffice.wmo305`, `signals.late-start`,
    /// or `rejected` (the folder is its first part).
    pub fn routing_key(&self) -> String {
        match self.destination {
            Destination::Rejected => "rejected".to_string(),
            d => [d.name(), ".", &self.kind].concat(),
        }
    }

    /// `json` for the JSON reports and signals, `xml` for messages.
    pub fn extension(&self) -> &'static str {
        if self.body.first() == Some(&b'{') {
            "json"
        } else {
            "xml"
        }
    }

    /// A file name for it: `<id>.<kind>.xml` or `.json`.
    pub fn file_name(&self) -> String {
        format!("{}.{}.{}", self.id, self.kind, self.extension())
    }
}

/// The engine's verdict on one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Not XML, not valid against the XSD, or not representable: a rejection report.
    Level1Rejected,
    /// A level-2 rule failed: retour 0001 (or, for our own message, not sent).
    Level2Rejected,
    /// Accepted.
    Approved,
    /// A declaration partly accepted (IV087).
    PartlyApproved,
    /// Rejected on levels 3/4.
    Rejected,
    /// A retour on our own message, processed.
    Retour,
    /// Not judged by the ledger (its reason is in the backoffice report).
    NotJudged,
    /// Not an input: the clock's periodic review of every client (missing starts and stops,
    /// no care), with the signals it raised.
    Review,
}

impl Verdict {
    /// Its name as serialized: `level1-rejected`, `approved`, … (a metric label).
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Level1Rejected => "level1-rejected",
            Verdict::Level2Rejected => "level2-rejected",
            Verdict::Approved => "approved",
            Verdict::PartlyApproved => "partly-approved",
            Verdict::Rejected => "rejected",
            Verdict::Retour => "retour",
            Verdict::NotJudged => "not-judged",
            Verdict::Review => "review",
        }
    }
}

/// Everything that follows from one input, for the store to commit at once.
#[derive(Debug, Clone)]
pub struct Processed {
    /// Identifies the input across redeliveries: sender, kind, Identificatie, Dagtekening and
    /// a hash of the bytes (only the hash when the input could not be read).
    pub dedupe_key: String,
    /// The message kind, when it was read.
    pub kind: Option<MessageKind>,
    /// Whether the input was a care event (JSON) rather than an iWmo message.
    pub care_event: bool,
    /// The verdict.
    pub verdict: Verdict,
    /// The level-2 report, when level 2 ran.
    pub level2: Option<Report>,
    /// The ledger's decision, when the ledger ran.
    pub decision: Option<Decision>,
    /// The outputs, in order.
    pub outputs: Vec<Output>,
    /// The retourcodes the outputs carry (for summaries).
    pub retourcodes: Vec<String>,
}

/// An input after levels 1 and 2, ready for the ledger.
#[derive(Debug)]
pub struct Prepared {
    /// The input.
    pub input: Input,
    stage: Stage,
}

#[derive(Debug)]
enum Stage {
    /// Not XML, not valid against the XSD, or not representable: level 1 rejects it.
    Unreadable {
        dedupe_key: String,
        errors: Vec<String>,
    },
    /// A care event (JSON), read.
    CareEvent {
        key: ClientKey,
        event: CareEvent,
        dedupe_key: String,
    },
    /// Read, with its level-2 report.
    Read {
        message: Box<Message>,
        level2: Report,
        dedupe_key: String,
    },
}

impl Prepared {
    /// The input's dedupe key (see [`Processed::dedupe_key`]).
    pub fn dedupe_key(&self) -> &str {
        match &self.stage {
            Stage::Unreadable { dedupe_key, .. }
            | Stage::CareEvent { dedupe_key, .. }
            | Stage::Read { dedupe_key, .. } => dedupe_key,
        }
    }
}

/// The loaded schemas and the ledger's configuration.
pub struct Pipeline {
    schemas: SchemaSet,
    mode: Mode,
    config: Config,
    lists: Lists,
}

/// FNV-1a, 64 bits: stable across platforms and releases (ids must never change).
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The first 128 bits of SHA-256 of `bytes`: what output ids and retour identificaties are
/// derived from. Collision-resistant, unlike FNV: a sender cannot craft an input whose ids are
/// another input's.
fn digest128(bytes: &[u8]) -> u128 {
    let digest = Sha256::digest(bytes);
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    u128::from_be_bytes(first)
}

/// An `IdentificatieRetour` derived from `seed` (the input's dedupe key; `iwmo validate` uses
/// the file's bytes): `R` and 11 base-36 digits (0-9, A-Z) of [`digest128`], so the same input
/// always gets the same retour. LDT_IdentificatieBericht allows 12 characters; 11 base-36
/// digits carry 56.9 bits, so a million retours of one kind share an IdentificatieRetour with a
/// chance of about 4 in a million (11 hex digits, 44 bits: 3 in a hundred).
pub fn retour_identificatie(seed: &[u8]) -> String {
    identificatie_from(digest128(seed))
}

fn identificatie_from(mut n: u128) -> String {
    const DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    // 128 bits reduced to 11 base-36 digits: the bias of the reduction is below 2^-70.
    let mut digits = [b'0'; 11];
    for d in digits.iter_mut().rev() {
        *d = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    let mut id = String::with_capacity(12);
    id.push('R');
    id.extend(digits.iter().map(|&b| char::from(b)));
    id
}

#[derive(Serialize)]
struct Level1Report<'a> {
    input: &'a str,
    dedupe_key: &'a str,
    level: u8,
    errors: Vec<String>,
}

/// A signal as written for the back office (the BSN masked).
#[derive(Serialize)]
struct SignalView<'a> {
    signal: &'static str,
    rule: &'static str,
    gemeente: &'a str,
    client: String,
    aanbieder: &'a str,
    toewijzing_nummer: Option<u32>,
    due: String,
    working_days_late: i64,
    detail: &'a str,
}

impl<'a> From<&'a iwmo_ledger::Signal> for SignalView<'a> {
    fn from(s: &'a iwmo_ledger::Signal) -> Self {
        SignalView {
            signal: s.kind.name(),
            rule: s.kind.rule(),
            gemeente: &s.client.gemeente,
            client: s.client.bsn.to_string(),
            aanbieder: &s.aanbieder,
            toewijzing_nummer: s.toewijzing_nummer,
            due: s.due.to_string(),
            working_days_late: s.working_days_late,
            detail: &s.detail,
        }
    }
}

#[derive(Serialize)]
struct BackofficeReport<'a> {
    input: &'a str,
    kind: String,
    verdict: Verdict,
    reason: String,
    findings: Vec<String>,
}

impl Pipeline {
    /// A pipeline over these schemas, for this party (or the chain view).
    pub fn new(schemas: SchemaSet, mode: Mode, config: Config, lists: Lists) -> Pipeline {
        Pipeline {
            schemas,
            mode,
            config,
            lists,
        }
    }

    /// Loads the schemas below `dir`.
    pub fn load(
        dir: &Path,
        mode: Mode,
        config: Config,
        lists: Lists,
    ) -> Result<Pipeline, EngineError> {
        let schemas = SchemaSet::load_dir(dir).map_err(|source| EngineError::Schemas {
            dir: dir.to_path_buf(),
            source,
        })?;
        Ok(Pipeline::new(schemas, mode, config, lists))
    }

    /// Whose view this pipeline takes.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The ledger's context on `today`: our party, the configuration and the lists.
    fn context(&self, today: NaiveDate) -> Context<'_> {
        Context {
            today,
            mode: self.mode.clone(),
            config: &self.config,
            lists: &self.lists,
        }
    }

    /// Levels 1 and 2 of one input: the XSD, the typed message, the in-message rules and the
    /// dedupe key. Needs no prior state, so a batch of inputs can be prepared in parallel
    /// before [`decide`](Self::decide) takes them in order.
    pub fn prepare(&self, input: Input) -> Prepared {
        let hash = fnv(&input.bytes);
        if looks_like_json(&input.bytes) {
            let stage = match read_care_event(&input.bytes) {
                Ok((key, event)) => Stage::CareEvent {
                    dedupe_key: care_event_key(&key, &event, hash),
                    key,
                    event,
                },
                Err(errors) => Stage::Unreadable {
                    dedupe_key: format!("bytes/{hash:016x}"),
                    errors,
                },
            };
            return Prepared { input, stage };
        }
        // One pass: the validator builds the element tree of a valid document, and the
        // message is read from it (as `iwmo_model::read` would read the bytes, errors alike).
        let (xsd, tree) = self.schemas.validate_tree(&input.bytes);
        let read = match (xsd.is_valid(), &tree) {
            (true, Some(tree)) => iwmo_model::read_tree(tree).map_err(|e| vec![e.to_string()]),
            (true, None) => iwmo_model::read(&input.bytes).map_err(|e| vec![e.to_string()]),
            (false, _) => Err(xsd.errors.iter().map(|e| e.to_string()).collect()),
        };
        drop(tree);
        let stage = match read {
            Ok(message) => {
                let (afzender, _, identificatie, dagtekening) = header_of(&message);
                let dedupe_key = format!(
                    "{afzender}/{}/{identificatie}/{dagtekening}/{hash:016x}",
                    message.kind().number()
                );
                let level2 = iwmo_rules::check(&message);
                Stage::Read {
                    message: Box::new(message),
                    level2,
                    dedupe_key,
                }
            }
            Err(errors) => Stage::Unreadable {
                dedupe_key: format!("bytes/{hash:016x}"),
                errors,
            },
        };
        Prepared { input, stage }
    }

    /// Decides one input against the prior state: [`prepare`](Self::prepare), then
    /// [`decide`](Self::decide).
    pub fn process(&self, prior: &dyn Prior, input: &Input) -> Processed {
        self.decide(prior, &self.prepare(input.clone()))
    }

    /// Decides a prepared input against the prior state. Pure apart from the work: the same
    /// prior and input always give the same outputs with the same ids.
    pub fn decide(&self, prior: &dyn Prior, prepared: &Prepared) -> Processed {
        let input = &prepared.input;
        let (message, level2, dedupe_key) = match &prepared.stage {
            Stage::Unreadable { dedupe_key, errors } => {
                let mut out = Outputs::new(dedupe_key);
                let report = Level1Report {
                    input: &input.name,
                    dedupe_key,
                    level: 1,
                    errors: errors.clone(),
                };
                out.json(Destination::Rejected, "report", &report);
                return Processed {
                    dedupe_key: dedupe_key.clone(),
                    kind: None,
                    care_event: false,
                    verdict: Verdict::Level1Rejected,
                    level2: None,
                    decision: None,
                    outputs: out.outputs,
                    retourcodes: Vec::new(),
                };
            }
            Stage::CareEvent {
                key,
                event,
                dedupe_key,
            } => return self.decide_care_event(prior, input, key, event, dedupe_key),
            Stage::Read {
                message,
                level2,
                dedupe_key,
            } => (message.as_ref(), level2.clone(), dedupe_key),
        };
        let kind = message.kind();
        let (afzender, ontvanger, _, _) = header_of(message);
        let mut out = Outputs::new(dedupe_key);
        let ident = RetourIdentificatie {
            identificatie: out.retour_identificatie(),
            dagtekening: input.received,
            xsd_versie: XsdVersie::default(),
            xslt_versie: None,
        };
        let role = if is_heen(kind) {
            role_of(&self.mode, afzender, ontvanger)
        } else {
            Some(Role::Receiver)
        };
        let mut processed = Processed {
            dedupe_key: dedupe_key.clone(),
            kind: Some(kind),
            care_event: false,
            verdict: Verdict::NotJudged,
            level2: None,
            decision: None,
            outputs: Vec::new(),
            retourcodes: Vec::new(),
        };
        if !level2.is_clean() && is_heen(kind) {
            processed.verdict = Verdict::Level2Rejected;
            if role == Some(Role::Sender) {
                out.backoffice(
                    input,
                    kind,
                    Verdict::Level2Rejected,
                    "our message breaks level-2 rules and is not sent",
                    &level2
                        .findings
                        .iter()
                        .map(|f| format!("{} {}: {}", f.rule, f.paths.join(", "), f.detail))
                        .collect::<Vec<_>>(),
                );
            } else if let Some(retour) = iwmo_rules::level2_retour(message, &level2, &ident) {
                processed.retourcodes.push("0001".into());
                out.message(Destination::Ggk, &retour);
            }
            processed.level2 = Some(level2);
            processed.outputs = out.outputs;
            return processed;
        }
        let ctx = self.context(input.received);
        let decision = iwmo_ledger::decide(prior, message, &ctx);
        use iwmo_ledger::Verdict as L;
        processed.verdict = match decision.verdict {
            L::Approved => Verdict::Approved,
            L::PartlyApproved => Verdict::PartlyApproved,
            L::Rejected => Verdict::Rejected,
            L::RetourApproved | L::RetourRejected => Verdict::Retour,
            L::NotJudged => Verdict::NotJudged,
        };
        let findings: Vec<String> = decision
            .findings
            .iter()
            .map(|f| format!("{} {}: {}", f.rule, f.retourcode.code(), f.detail))
            .collect();
        match (decision.role, processed.verdict) {
            (_, Verdict::NotJudged) => {
                let why = decision.note.clone().unwrap_or_default();
                out.backoffice(input, kind, Verdict::NotJudged, &why, &[]);
            }
            (_, Verdict::Retour) => out.forward(Destination::Backoffice, kind, &input.bytes),
            (Role::Sender, Verdict::Approved | Verdict::PartlyApproved) => {
                out.forward(Destination::Ggk, kind, &input.bytes)
            }
            (Role::Sender, _) => out.backoffice(
                input,
                kind,
                processed.verdict,
                "our message would be rejected by its receiver and is not sent",
                &findings,
            ),
            (Role::Receiver, verdict) => {
                if let Some(retour) = iwmo_ledger::retour(message, &level2, &decision, &ident) {
                    let written = out.message(Destination::Ggk, &retour);
                    processed.retourcodes.extend(retour_codes(written));
                }
                if matches!(verdict, Verdict::Approved | Verdict::PartlyApproved) {
                    out.forward(Destination::Backoffice, kind, &input.bytes);
                }
            }
        }
        out.derived_and_signals(&decision);
        processed.level2 = Some(level2);
        processed.decision = Some(decision);
        processed.outputs = out.outputs;
        processed
    }

    /// A care event: recorded by the ledger when it names an actual toewijzing of its aanbieder
    /// for a client of ours (its WMO405 when care after a no-care stop reopens the eigen
    /// bijdrage); otherwise not judged, with a report for the back office, because a care
    /// event for an unknown toewijzing is a mistake somebody must look at, not a fact.
    fn decide_care_event(
        &self,
        prior: &dyn Prior,
        input: &Input,
        key: &ClientKey,
        event: &CareEvent,
        dedupe_key: &str,
    ) -> Processed {
        let mut out = Outputs::new(dedupe_key);
        let mut processed = Processed {
            dedupe_key: dedupe_key.to_string(),
            kind: None,
            care_event: true,
            verdict: Verdict::NotJudged,
            level2: None,
            decision: None,
            outputs: Vec::new(),
            retourcodes: Vec::new(),
        };
        let ours = match &self.mode {
            Mode::Chain => true,
            Mode::Own(us) => us.code() == key.gemeente || us.code() == event.aanbieder,
        };
        let known = prior.client(key).is_some_and(|state| {
            state
                .actual_toewijzing(&event.aanbieder, event.toewijzing_nummer)
                .is_some()
        });
        let reason = if !ours {
            Some("the care event concerns neither our gemeente nor us as aanbieder".to_string())
        } else if !known {
            Some(format!(
                "no actual toewijzing {} of aanbieder {} for client {} of gemeente {}: the care event is not recorded",
                event.toewijzing_nummer, event.aanbieder, key.bsn, key.gemeente
            ))
        } else {
            None
        };
        if let Some(reason) = reason {
            out.report(
                input,
                CARE_EVENT_KIND.to_string(),
                Verdict::NotJudged,
                &reason,
                &[],
            );
            processed.outputs = out.outputs;
            return processed;
        }
        let ctx = self.context(input.received);
        let decision = iwmo_ledger::care_event(prior, key, event.clone(), &ctx);
        out.derived_and_signals(&decision);
        processed.verdict = Verdict::Approved;
        processed.decision = Some(decision);
        processed.outputs = out.outputs;
        processed
    }
}

impl Processed {
    /// What the input was, for records and summaries: `wmo305`, `care-event`, `review` (the
    /// clock's review), or `None` when it could not be read.
    pub fn kind_name(&self) -> Option<String> {
        if self.care_event {
            return Some(CARE_EVENT_KIND.to_string());
        }
        if self.verdict == Verdict::Review {
            return Some("review".to_string());
        }
        self.kind.map(|k| format!("wmo{}", k.number()))
    }
}

/// The dedupe key of the review on `today`: one review per day, so a restart that reviews the
/// same day again finds it decided and raises nothing twice.
pub(crate) fn review_key(today: NaiveDate) -> String {
    format!("review/{today}")
}

impl Pipeline {
    /// The clock's review on `today` of these clients, in their order: the missing-message and
    /// no-care signals whose moment has come ([`iwmo_ledger::review`]), as one decision whose
    /// outputs have ids derived from the day. Pure, like [`decide`](Self::decide).
    pub fn review(&self, prior: &dyn Prior, clients: &[ClientKey], today: NaiveDate) -> Processed {
        let dedupe_key = review_key(today);
        let ctx = self.context(today);
        // One decision for the day: the first client's, with the others' changes and outputs.
        let mut all: Option<Decision> = None;
        for key in clients {
            let one = iwmo_ledger::review(prior, key, &ctx);
            match all.as_mut() {
                None => all = Some(one),
                Some(all) => {
                    all.clients.extend(one.clients);
                    all.index.extend(one.index);
                    all.derived.extend(one.derived);
                    all.drafts.extend(one.drafts);
                    all.signals.extend(one.signals);
                }
            }
        }
        let mut out = Outputs::new(&dedupe_key);
        if let Some(all) = &all {
            out.derived_and_signals(all);
        }
        Processed {
            dedupe_key,
            kind: None,
            care_event: false,
            verdict: Verdict::Review,
            level2: None,
            decision: all,
            outputs: out.outputs,
            retourcodes: Vec::new(),
        }
    }
}

fn is_heen(kind: MessageKind) -> bool {
    use MessageKind::*;
    matches!(
        kind,
        Wmo301 | Wmo305 | Wmo307 | Wmo315 | Wmo317 | Wmo319 | Wmo323
    )
}

/// Afzender, Ontvanger (empty when the message has none), Identificatie, Dagtekening.
fn header_of(m: &Message) -> (&str, &str, &str, NaiveDate) {
    fn h(h: &iwmo_model::Header) -> (&str, &str, &str, NaiveDate) {
        (
            h.afzender.as_str(),
            h.ontvanger.as_str(),
            h.bericht_identificatie.identificatie.as_str(),
            h.bericht_identificatie.dagtekening,
        )
    }
    fn r(r: &iwmo_model::RetourHeader) -> (&str, &str, &str, NaiveDate) {
        (
            r.header.afzender.as_str(),
            r.header.ontvanger.as_str(),
            r.identificatie_retour.as_str(),
            r.dagtekening_retour,
        )
    }
    match m {
        Message::Wmo301(m) => h(&m.header),
        Message::Wmo305(m) => h(&m.header),
        Message::Wmo307(m) => h(&m.header),
        Message::Wmo315(m) => h(&m.header),
        Message::Wmo317(m) => h(&m.header),
        Message::Wmo319(m) => h(&m.header),
        Message::Wmo323(m) => h(&m.header),
        Message::Wmo302(m) => r(&m.header),
        Message::Wmo306(m) => r(&m.header),
        Message::Wmo308(m) => r(&m.header),
        Message::Wmo316(m) => r(&m.header),
        Message::Wmo318(m) => r(&m.header),
        Message::Wmo320(m) => r(&m.header),
        Message::Wmo325(m) => h(&m.header.header),
        Message::Wmo405(m) => (
            m.header.afzender.as_str(),
            "",
            m.header.bericht_identificatie.identificatie.as_str(),
            m.header.bericht_identificatie.dagtekening,
        ),
        Message::Wmo406(m) => (
            m.header.header.afzender.as_str(),
            "",
            m.header.identificatie_retour.as_str(),
            m.header.dagtekening_retour,
        ),
    }
}

/// Every retourcode in a written retour, in document order (for summaries). Searches the bytes
/// (a retour we wrote is UTF-8; a code that is not is skipped): checking the whole document
/// as UTF-8 first took a visible share of a replay's deciding.
fn retour_codes(xml: &[u8]) -> Vec<String> {
    const TAG: &[u8] = b"RetourCode>";
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = memchr::memmem::find(rest, TAG) {
        rest = &rest[i + TAG.len()..];
        if let Some(end) = memchr::memchr(b'<', rest) {
            let code = &rest[..end];
            if !code.is_empty() && !code.contains(&b'\n') {
                if let Ok(code) = std::str::from_utf8(code) {
                    out.push(code.to_string());
                }
            }
            rest = &rest[end..];
        }
    }
    out
}

/// The id prefix of an input's outputs: [`digest128`] of its dedupe key, in lower-case hex.
/// A receiver that drops repeats by id, or a folder that names files by id, would lose an
/// output if two inputs shared it, and the store does not check ids.
pub fn output_id_prefix(dedupe_key: &str) -> String {
    id_prefix(digest128(dedupe_key.as_bytes()))
}

/// The id prefix of a [`digest128`]: 32 lower-case hex digits.
fn id_prefix(digest: u128) -> String {
    format!("{digest:032x}")
}

/// Collects outputs with deterministic ids: `<output_id_prefix(dedupe key)>-<index>`.
struct Outputs {
    /// [`digest128`] of the dedupe key, hashed once for the ids and the retour identificatie.
    digest: u128,
    prefix: String,
    outputs: Vec<Output>,
}

impl Outputs {
    fn new(dedupe_key: &str) -> Outputs {
        let digest = digest128(dedupe_key.as_bytes());
        Outputs {
            digest,
            prefix: id_prefix(digest),
            outputs: Vec::new(),
        }
    }

    /// The `IdentificatieRetour` of this input's retour ([`retour_identificatie`] of its
    /// dedupe key).
    fn retour_identificatie(&self) -> String {
        identificatie_from(self.digest)
    }

    fn push(&mut self, destination: Destination, kind: String, body: Vec<u8>) {
        let id = format!("{}-{}", self.prefix, self.outputs.len());
        self.outputs.push(Output {
            id,
            destination,
            kind,
            body,
        });
    }

    /// Writes the message as an output and returns the bytes written.
    fn message(&mut self, destination: Destination, m: &Message) -> &[u8] {
        let kind = format!("wmo{}", m.kind().number());
        self.push(destination, kind, iwmo_model::write(m).into_bytes());
        self.outputs
            .last()
            .map(|o| o.body.as_slice())
            .unwrap_or_default()
    }

    /// A draft for our back office (`draft-wmo307`), never sent automatically.
    fn draft(&mut self, m: &Message) {
        let kind = format!("draft-wmo{}", m.kind().number());
        self.push(
            Destination::Backoffice,
            kind,
            iwmo_model::write(m).into_bytes(),
        );
    }

    /// The WMO405s for the CAK, the drafts for the back office, then the signals, of a
    /// decision.
    fn derived_and_signals(&mut self, decision: &Decision) {
        for derived in &decision.derived {
            self.message(Destination::Cak, derived);
        }
        for draft in &decision.drafts {
            self.draft(draft);
        }
        for signal in &decision.signals {
            self.json(
                Destination::Signals,
                signal.kind.name(),
                &SignalView::from(signal),
            );
        }
    }

    fn forward(&mut self, destination: Destination, kind: MessageKind, bytes: &[u8]) {
        self.push(destination, format!("wmo{}", kind.number()), bytes.to_vec());
    }

    fn json(&mut self, destination: Destination, kind: &str, value: &impl Serialize) {
        let mut body = serde_json::to_vec_pretty(value).unwrap_or_else(|e| {
            format!("{{\"error\": \"cannot serialise the report: {e}\"}}").into_bytes()
        });
        body.push(b'\n');
        self.push(destination, kind.to_string(), body);
    }

    fn backoffice(
        &mut self,
        input: &Input,
        kind: MessageKind,
        verdict: Verdict,
        reason: &str,
        findings: &[String],
    ) {
        self.report(
            input,
            format!("wmo{}", kind.number()),
            verdict,
            reason,
            findings,
        );
    }

    /// A report for our back office on an input of any kind (`wmo305`, `care-event`).
    fn report(
        &mut self,
        input: &Input,
        kind: String,
        verdict: Verdict,
        reason: &str,
        findings: &[String],
    ) {
        let report = BackofficeReport {
            input: &input.name,
            kind,
            verdict,
            reason: reason.to_string(),
            findings: findings.to_vec(),
        };
        self.json(Destination::Backoffice, "report", &report);
    }
}
