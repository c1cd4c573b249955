//! What the builders take: the heen message, and which of its berichtklassen failed with
//! which retourcode ([`Assessment`]), with the classes addressed through the message's own
//! structure ([`Class301`] … [`Class323`]).

use std::fmt;

use chrono::NaiveDate;
use iwmo_model::codes::RetourCode;
use iwmo_model::{RetourCodes, Wmo301, Wmo305, Wmo307, Wmo315, Wmo317, Wmo319, Wmo323, XsdVersie};

use crate::check::nth;
use crate::error::RulesError;
use crate::finding::{Finding, Report, RuleId};

/// The retour's own identification, passed in by the caller (the engine knows its numbering
/// and its clock; this crate reads neither).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetourIdentificatie {
    /// `IdentificatieRetour` (in a WMO325: `BerichtIdentificatie/Identificatie`).
    pub identificatie: String,
    /// `DagtekeningRetour` (in a WMO325: `BerichtIdentificatie/Dagtekening`).
    pub dagtekening: NaiveDate,
    /// `XsdVersieRetour` (in a WMO325: `XsdVersie`).
    pub xsd_versie: XsdVersie,
    /// `XsltVersie`: the version of the official XSLT the receiver checked with, if it did
    /// (IV033 makes it mandatory then).
    pub xslt_versie: Option<String>,
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for iwmo_model::Wmo301 {}
    impl Sealed for iwmo_model::Wmo305 {}
    impl Sealed for iwmo_model::Wmo307 {}
    impl Sealed for iwmo_model::Wmo315 {}
    impl Sealed for iwmo_model::Wmo317 {}
    impl Sealed for iwmo_model::Wmo319 {}
    impl Sealed for iwmo_model::Wmo323 {}
}

/// A heen message that gets a retour: 301, 305, 307, 315, 317, 319 and 323. Its
/// [`Class`](Heenbericht::Class) addresses its berichtklassen (the classes that carry
/// `RetourCodes` in the retour, spec `iwmo-3.2-messages.md` §2.3). Sealed.
pub trait Heenbericht: sealed::Sealed {
    /// The address of one berichtklasse below the Header.
    type Class: Copy + Eq + fmt::Debug;
    /// The message, `"WMO305"`, for errors.
    const NAME: &'static str;
    /// Whether this message has that class.
    fn has(&self, class: Self::Class) -> bool;
    /// The class that holds this one (`None` for the top class below the Header).
    fn parent(class: Self::Class) -> Option<Self::Class>;
    /// The element path of the class in the heen message, as findings carry it:
    /// `/Bericht/Client/StartProducten/StartProduct[2]`.
    fn path(class: Self::Class) -> String;
}

/// A berichtklasse of a WMO301 (and so of its WMO302). Indices are 0-based positions in the
/// heen message's lists (`heen.client.relaties[i]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class301 {
    /// `Client`.
    Client,
    /// `Relaties/Relatie[i]`.
    Relatie(usize),
    /// `Relaties/Relatie[i]/Contact`.
    RelatieContact(usize),
    /// `Contactgegevens/Contact[i]`.
    Contact(usize),
    /// `ToegewezenProducten/ToegewezenProduct[i]`.
    ToegewezenProduct(usize),
}

impl Heenbericht for Wmo301 {
    type Class = Class301;
    const NAME: &'static str = "WMO301";
    fn has(&self, class: Class301) -> bool {
        let c = &self.client;
        match class {
            Class301::Client => true,
            Class301::Relatie(i) | Class301::RelatieContact(i) => i < c.relaties.len(),
            Class301::Contact(i) => i < c.contactgegevens.len(),
            Class301::ToegewezenProduct(i) => i < c.toegewezen_producten.len(),
        }
    }
    fn parent(class: Class301) -> Option<Class301> {
        match class {
            Class301::Client => None,
            Class301::RelatieContact(i) => Some(Class301::Relatie(i)),
            _ => Some(Class301::Client),
        }
    }
    fn path(class: Class301) -> String {
        match class {
            Class301::Client => "/Bericht/Client".into(),
            Class301::Relatie(i) => format!("/Bericht/Client/Relaties/{}", nth("Relatie", i)),
            Class301::RelatieContact(i) => {
                format!("/Bericht/Client/Relaties/{}/Contact", nth("Relatie", i))
            }
            Class301::Contact(i) => {
                format!("/Bericht/Client/Contactgegevens/{}", nth("Contact", i))
            }
            Class301::ToegewezenProduct(i) => format!(
                "/Bericht/Client/ToegewezenProducten/{}",
                nth("ToegewezenProduct", i)
            ),
        }
    }
}

/// A berichtklasse of a WMO305 (and its WMO306). `StartProduct(i)` is
/// `heen.client.start_producten[i]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class305 {
    /// `Client`.
    Client,
    /// `StartProducten/StartProduct[i]`.
    StartProduct(usize),
}

impl Heenbericht for Wmo305 {
    type Class = Class305;
    const NAME: &'static str = "WMO305";
    fn has(&self, class: Class305) -> bool {
        match class {
            Class305::Client => true,
            Class305::StartProduct(i) => i < self.client.start_producten.len(),
        }
    }
    fn parent(class: Class305) -> Option<Class305> {
        match class {
            Class305::Client => None,
            Class305::StartProduct(_) => Some(Class305::Client),
        }
    }
    fn path(class: Class305) -> String {
        match class {
            Class305::Client => "/Bericht/Client".into(),
            Class305::StartProduct(i) => {
                format!("/Bericht/Client/StartProducten/{}", nth("StartProduct", i))
            }
        }
    }
}

/// A berichtklasse of a WMO307 (and its WMO308). `StopProduct(i)` is
/// `heen.client.stop_producten[i]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class307 {
    /// `Client`.
    Client,
    /// `StopProducten/StopProduct[i]`.
    StopProduct(usize),
}

impl Heenbericht for Wmo307 {
    type Class = Class307;
    const NAME: &'static str = "WMO307";
    fn has(&self, class: Class307) -> bool {
        match class {
            Class307::Client => true,
            Class307::StopProduct(i) => i < self.client.stop_producten.len(),
        }
    }
    fn parent(class: Class307) -> Option<Class307> {
        match class {
            Class307::Client => None,
            Class307::StopProduct(_) => Some(Class307::Client),
        }
    }
    fn path(class: Class307) -> String {
        match class {
            Class307::Client => "/Bericht/Client".into(),
            Class307::StopProduct(i) => {
                format!("/Bericht/Client/StopProducten/{}", nth("StopProduct", i))
            }
        }
    }
}

/// A berichtklasse of a WMO315 (and its WMO316). `AangevraagdProduct(i)` is
/// `heen.client.aangevraagde_producten[i]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class315 {
    /// `Client`.
    Client,
    /// `AangevraagdeProducten/AangevraagdProduct[i]`.
    AangevraagdProduct(usize),
}

impl Heenbericht for Wmo315 {
    type Class = Class315;
    const NAME: &'static str = "WMO315";
    fn has(&self, class: Class315) -> bool {
        match class {
            Class315::Client => true,
            Class315::AangevraagdProduct(i) => i < self.client.aangevraagde_producten.len(),
        }
    }
    fn parent(class: Class315) -> Option<Class315> {
        match class {
            Class315::Client => None,
            Class315::AangevraagdProduct(_) => Some(Class315::Client),
        }
    }
    fn path(class: Class315) -> String {
        match class {
            Class315::Client => "/Bericht/Client".into(),
            Class315::AangevraagdProduct(i) => format!(
                "/Bericht/Client/AangevraagdeProducten/{}",
                nth("AangevraagdProduct", i)
            ),
        }
    }
}

/// A berichtklasse of a WMO317 (and its WMO318). The products are indices into
/// `heen.client.verzoek.ongewijzigde_producten` etc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class317 {
    /// `Client`.
    Client,
    /// `Verzoek`.
    Verzoek,
    /// `Verzoek/OngewijzigdeProducten/OngewijzigdProduct[i]`.
    OngewijzigdProduct(usize),
    /// `Verzoek/TeWijzigenProducten/TeWijzigenProduct[i]`.
    TeWijzigenProduct(usize),
    /// `Verzoek/NieuweProducten/NieuwProduct[i]`.
    NieuwProduct(usize),
}

impl Heenbericht for Wmo317 {
    type Class = Class317;
    const NAME: &'static str = "WMO317";
    fn has(&self, class: Class317) -> bool {
        let v = &self.client.verzoek;
        match class {
            Class317::Client | Class317::Verzoek => true,
            Class317::OngewijzigdProduct(i) => i < v.ongewijzigde_producten.len(),
            Class317::TeWijzigenProduct(i) => i < v.te_wijzigen_producten.len(),
            Class317::NieuwProduct(i) => i < v.nieuwe_producten.len(),
        }
    }
    fn parent(class: Class317) -> Option<Class317> {
        match class {
            Class317::Client => None,
            Class317::Verzoek => Some(Class317::Client),
            _ => Some(Class317::Verzoek),
        }
    }
    fn path(class: Class317) -> String {
        const V: &str = "/Bericht/Client/Verzoek";
        match class {
            Class317::Client => "/Bericht/Client".into(),
            Class317::Verzoek => V.into(),
            Class317::OngewijzigdProduct(i) => {
                format!("{V}/OngewijzigdeProducten/{}", nth("OngewijzigdProduct", i))
            }
            Class317::TeWijzigenProduct(i) => {
                format!("{V}/TeWijzigenProducten/{}", nth("TeWijzigenProduct", i))
            }
            Class317::NieuwProduct(i) => format!("{V}/NieuweProducten/{}", nth("NieuwProduct", i)),
        }
    }
}

/// The one berichtklasse of a WMO319 (and its WMO320) below the Header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class319 {
    /// `Antwoord`.
    Antwoord,
}

impl Heenbericht for Wmo319 {
    type Class = Class319;
    const NAME: &'static str = "WMO319";
    fn has(&self, _: Class319) -> bool {
        true
    }
    fn parent(_: Class319) -> Option<Class319> {
        None
    }
    fn path(_: Class319) -> String {
        "/Bericht/Antwoord".into()
    }
}

/// A berichtklasse of a WMO323, as its WMO325 answers it: the `Declaratie` (the 325's
/// `DeclaratieAntwoord`), `Clienten/Client[client]` and that client's
/// `Prestaties/Prestatie[prestatie]` (0-based: `heen.declaratie.clienten[c].prestaties[p]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class323 {
    /// `Declaratie`.
    Declaratie,
    /// `Clienten/Client[i]`.
    Client(usize),
    /// `Clienten/Client[client]/Prestaties/Prestatie[prestatie]`.
    Prestatie {
        /// Position of the client.
        client: usize,
        /// Position of the prestatie within that client.
        prestatie: usize,
    },
}

impl Heenbericht for Wmo323 {
    type Class = Class323;
    const NAME: &'static str = "WMO323";
    fn has(&self, class: Class323) -> bool {
        let clienten = &self.declaratie.clienten;
        match class {
            Class323::Declaratie => true,
            Class323::Client(c) => c < clienten.len(),
            Class323::Prestatie { client, prestatie } => clienten
                .get(client)
                .is_some_and(|c| prestatie < c.prestaties.len()),
        }
    }
    fn parent(class: Class323) -> Option<Class323> {
        match class {
            Class323::Declaratie => None,
            Class323::Client(_) => Some(Class323::Declaratie),
            Class323::Prestatie { client, .. } => Some(Class323::Client(client)),
        }
    }
    fn path(class: Class323) -> String {
        const D: &str = "/Bericht/Declaratie";
        match class {
            Class323::Declaratie => D.into(),
            Class323::Client(c) => format!("{D}/Clienten/{}", nth("Client", c)),
            Class323::Prestatie { client, prestatie } => format!(
                "{D}/Clienten/{}/Prestaties/{}",
                nth("Client", client),
                nth("Prestatie", prestatie)
            ),
        }
    }
}

/// The path of the Header in every message.
const HEADER: &str = "/Bericht/Header";

/// The codes the retour layout sets itself; a rule never gives them (spec §1.3, §1.4).
const LAYOUT_CODES: [RetourCode; 4] = [
    RetourCode::R0001,
    RetourCode::R0200,
    RetourCode::R0233,
    RetourCode::R8001,
];

/// Which retour layout an [`Assessment`] leads to (spec `iwmo-3.2-rules.md` §1.3, §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No finding: header only without retourcodes (325: 0200, and 8001 on
    /// DeclaratieAntwoord).
    Approved,
    /// A level-2 (XSLT) rule failed: header only with 0001. Wins over everything else: a
    /// receiver does not check levels 3 and 4 of a message that failed level 2.
    Level2,
    /// A level-3/4 rule failed on the Header: header only with the rule's code. Wins over
    /// class findings (IV028: "Header only").
    Header,
    /// Level-3/4 rules failed on classes below the Header: the failing client's classes are
    /// copied with their codes.
    Classes,
}

/// The heen message and what its receiver found wrong with it, per berichtklasse: the one
/// input of the retour builders, which only lay it out.
///
/// It borrows the heen message, so a finding cannot be paired with another message than the
/// one it was found on, and every class a finding is added to is checked against that
/// message: a class that does not exist is [`RulesError::NoSuchClass`] when it is added, so a
/// builder never meets one. The level-2 rules of this crate fill it with
/// [`add_level2`](Self::add_level2); the ledger (levels 3 and 4) with
/// [`reject_header`](Self::reject_header), [`reject`](Self::reject) and
/// [`not_assessed`](Self::not_assessed).
///
/// A class copied into a retour gets its own codes; else 0233 if it was marked not
/// assessed; else 0200 — also below a rejected class. **Choice:** IV028/OP065 list 0200,
/// 0233 and the specific code without saying when a class below a rejected one is 0233; only
/// IV087 says so, for the 325, where [`wmo325`](crate::wmo325) applies it. Whether a class was
/// assessed is the assessor's knowledge, not the layout's. The fixture
/// `wmo318-rejected-incomplete-vow-9349.xml` agrees (9349 on Verzoek, 0200 on its product);
/// the test `wmo302_rejected_relatie_its_contact_gets_0200` pins it.
#[derive(Debug, Clone)]
pub struct Assessment<'m, H: Heenbericht> {
    heen: &'m H,
    level2: Vec<Finding>,
    header: Vec<Finding>,
    classes: Vec<(H::Class, Finding)>,
    not_assessed: Vec<H::Class>,
}

impl<'m, H: Heenbericht> Assessment<'m, H> {
    /// No findings yet: as it stands, the message is approved.
    pub fn new(heen: &'m H) -> Self {
        Assessment {
            heen,
            level2: Vec::new(),
            header: Vec::new(),
            classes: Vec::new(),
            not_assessed: Vec::new(),
        }
    }

    /// The heen message.
    pub fn heen(&self) -> &'m H {
        self.heen
    }

    /// Adds a level-2 finding (a TR/CS/CD rule checked inside the message). Its retourcode
    /// must be 0001 (IV032), else [`RulesError::NotLevel2`].
    pub fn add_level2(&mut self, finding: Finding) -> Result<(), RulesError> {
        if finding.retourcode != RetourCode::R0001 {
            return Err(RulesError::NotLevel2 {
                rule: finding.rule.to_string(),
                code: finding.retourcode,
            });
        }
        self.level2.push(finding);
        Ok(())
    }

    /// Adds a level-3/4 finding on the Header (TR056 9056, TR135 8848, TR378 S300).
    pub fn reject_header(
        &mut self,
        rule: RuleId,
        retourcode: RetourCode,
        detail: impl Into<String>,
    ) -> Result<(), RulesError> {
        let finding = rule_finding(rule, retourcode, HEADER.to_string(), detail.into())?;
        self.header.push(finding);
        Ok(())
    }

    /// Adds a level-3/4 finding on a berichtklasse below the Header. The finding's path is
    /// the class's path in the heen message.
    pub fn reject(
        &mut self,
        class: H::Class,
        rule: RuleId,
        retourcode: RetourCode,
        detail: impl Into<String>,
    ) -> Result<(), RulesError> {
        if !self.heen.has(class) {
            return Err(RulesError::NoSuchClass {
                message: H::NAME,
                class: format!("{class:?}"),
            });
        }
        let finding = rule_finding(rule, retourcode, H::path(class), detail.into())?;
        self.classes.push((class, finding));
        Ok(())
    }

    /// Marks a class as not assessed: when the retour copies it and it has no codes of its
    /// own, it gets 0233 instead of 0200. This does not reject anything by itself: a
    /// message whose only marks are these is approved.
    pub fn not_assessed(&mut self, class: H::Class) -> Result<(), RulesError> {
        if !self.heen.has(class) {
            return Err(RulesError::NoSuchClass {
                message: H::NAME,
                class: format!("{class:?}"),
            });
        }
        if !self.not_assessed.contains(&class) {
            self.not_assessed.push(class);
        }
        Ok(())
    }

    /// Which layout the retour gets.
    pub fn verdict(&self) -> Verdict {
        if !self.level2.is_empty() {
            Verdict::Level2
        } else if !self.header.is_empty() {
            Verdict::Header
        } else if !self.classes.is_empty() {
            Verdict::Classes
        } else {
            Verdict::Approved
        }
    }

    /// Every finding: level 2, then Header, then classes, each in the order added.
    pub fn report(&self) -> Report {
        let findings = self
            .level2
            .iter()
            .chain(&self.header)
            .chain(self.classes.iter().map(|(_, f)| f))
            .cloned()
            .collect();
        Report { findings }
    }

    /// The Header's `RetourCodes` in a retour of 302 … 320 (`None`: approved).
    pub(crate) fn header_codes(&self) -> Option<RetourCodes> {
        match self.verdict() {
            Verdict::Approved => None,
            Verdict::Level2 => Some(RetourCodes(vec![RetourCode::R0001])),
            Verdict::Header => Some(RetourCodes(distinct(self.header.iter()))),
            Verdict::Classes => Some(RetourCodes(vec![RetourCode::R0200])),
        }
    }

    /// The codes the rules gave this class itself, each once, in the order found.
    pub(crate) fn own(&self, class: H::Class) -> Vec<RetourCode> {
        distinct(
            self.classes
                .iter()
                .filter(|(c, _)| *c == class)
                .map(|(_, f)| f),
        )
    }

    /// Whether this class or a class holding it has codes of its own.
    pub(crate) fn rejected(&self, class: H::Class) -> bool {
        let mut at = Some(class);
        while let Some(c) = at {
            if !self.own(c).is_empty() {
                return true;
            }
            at = H::parent(c);
        }
        false
    }

    /// The `RetourCodes` of a class that is copied into a retour of 302 … 320: its own
    /// codes; else 0233 when the caller marked it [not assessed](Self::not_assessed); else
    /// 0200 (no remark), also below a rejected class.
    ///
    /// **Choice.** IV028/OP065 list 0200, 0233 and the specific code without saying when a
    /// class below a rejected one is 0233; only IV087 says so, for the 325. Whether a class
    /// was assessed is the assessor's knowledge, not the layout's, so outside the 325 a class
    /// without codes is 0200 unless the assessor said otherwise. This agrees with the fixture
    /// `wmo318-rejected-incomplete-vow-9349.xml` (9349 on Verzoek, 0200 on its product) and
    /// is pinned by `wmo302_rejected_relatie_its_contact_gets_0200`.
    pub(crate) fn codes(&self, class: H::Class) -> RetourCodes {
        let own = self.own(class);
        if !own.is_empty() {
            RetourCodes(own)
        } else if self.not_assessed.contains(&class) {
            RetourCodes(vec![RetourCode::R0233])
        } else {
            RetourCodes(vec![RetourCode::R0200])
        }
    }

    /// The `RetourCodes` of a class in a 325: as [`codes`](Self::codes), and 0233 below a
    /// rejected class (IV087: "a Client error puts the code on Client and 0233 on all its
    /// Prestaties").
    pub(crate) fn codes_325(&self, class: H::Class) -> RetourCodes {
        if self.own(class).is_empty() && H::parent(class).is_some_and(|p| self.rejected(p)) {
            RetourCodes(vec![RetourCode::R0233])
        } else {
            self.codes(class)
        }
    }
}

fn rule_finding(
    rule: RuleId,
    retourcode: RetourCode,
    path: String,
    detail: String,
) -> Result<Finding, RulesError> {
    if LAYOUT_CODES.contains(&retourcode) {
        return Err(RulesError::LayoutCode {
            rule: rule.to_string(),
            code: retourcode,
        });
    }
    Ok(Finding {
        rule,
        paths: vec![path],
        detail,
        retourcode,
    })
}

fn distinct<'a>(findings: impl Iterator<Item = &'a Finding>) -> Vec<RetourCode> {
    let mut codes = Vec::new();
    for f in findings {
        if !codes.contains(&f.retourcode) {
            codes.push(f.retourcode);
        }
    }
    codes
}
