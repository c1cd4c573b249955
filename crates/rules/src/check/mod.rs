//! The level-2 checks: one function per rule of the [catalogue](crate::catalogue), each named
//! after its rule and what it checks (`cs002_bsn_elfproef`), each documented with the rule's
//! text and, where the text is ambiguous, the choice made and why (pinned by a test).
//!
//! A check reads one typed message and adds a [`Finding`] per place that breaks its rule; it
//! never reads the clock or anything outside the message. Rules that compare dates with the
//! message's own `Dagtekening` take it from the header. The checks follow the official iWmo
//! 3.2 validation stylesheet (`TR-CD-CS regels WMO 3.2.xsl`, XSLTVersie 2.10.5), which is what
//! receivers run: where its logic and the rule text differ, the doc comment says which we
//! follow.
//!
//! The families live in their own files: [`toewijzing`] (rules mainly of the 301),
//! [`verzoek`] (315, 317, 319), [`declaratie`] (323, 325) and [`generic`] (header and client
//! rules of many messages).

use iwmo_model::codes::RetourCode;
use iwmo_model::Message;

use crate::finding::{Finding, Report, RuleId};

mod declaratie;
mod generic;
mod toewijzing;
mod verzoek;

/// One level-2 check: its rule and the function that looks for it.
#[derive(Clone, Copy)]
pub struct Check {
    /// The rule, as in the catalogue.
    pub rule: RuleId,
    /// The function's name, `"cs002_bsn_elfproef"`, for reports and tests.
    pub name: &'static str,
    run: fn(&Message, &mut Findings),
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Check({} {})", self.rule, self.name)
    }
}

/// Builds a [`Check`] from a function, its name taken from the function itself.
macro_rules! rule_check {
    ($rule:literal, $function:ident) => {
        $crate::check::Check::new(
            $crate::finding::RuleId::new($rule),
            stringify!($function),
            $function,
        )
    };
}
pub(crate) use rule_check;

impl Check {
    pub(crate) const fn new(
        rule: RuleId,
        name: &'static str,
        run: fn(&Message, &mut Findings),
    ) -> Check {
        Check { rule, name, run }
    }

    /// Runs this one check on a message, for tests that pin a single rule.
    pub fn run(&self, message: &Message) -> Report {
        let mut findings = Findings {
            rule: self.rule,
            ..Findings::default()
        };
        (self.run)(message, &mut findings);
        findings.report
    }
}

/// Every level-2 check, sorted by rule id.
pub fn checks() -> Vec<Check> {
    let mut all: Vec<Check> = [
        toewijzing::CHECKS,
        verzoek::CHECKS,
        declaratie::CHECKS,
        generic::CHECKS,
    ]
    .concat();
    all.sort_by_key(|c| c.rule);
    all
}

/// Runs every level-2 rule on one message (control level 2) and reports what it breaks, in
/// rule order. A message with findings is rejected whole with retourcode 0001 (a header-only
/// retour, [`Assessment::reject_header`](crate::Assessment::reject_header)). Messages without
/// level-2 rules (the retours, WMO405/406) give an empty report.
pub fn check(message: &Message) -> Report {
    let mut findings = Findings::default();
    for c in CHECKS_SORTED.get_or_init(checks) {
        findings.rule = c.rule;
        (c.run)(message, &mut findings);
    }
    findings.report
}

static CHECKS_SORTED: std::sync::OnceLock<Vec<Check>> = std::sync::OnceLock::new();

/// Where a check puts its findings; knows which rule is running.
pub(crate) struct Findings {
    rule: RuleId,
    report: Report,
}

impl Default for Findings {
    fn default() -> Self {
        Findings {
            rule: RuleId::new("XX000"),
            report: Report::default(),
        }
    }
}

impl Findings {
    /// Adds a finding of the running rule on these element paths (build them with [`path`]).
    pub(crate) fn add(&mut self, paths: Vec<String>, detail: impl Into<String>) {
        self.report.findings.push(Finding {
            rule: self.rule,
            paths,
            detail: detail.into(),
            retourcode: RetourCode::R0001,
        });
    }
}

/// An element path from its steps: `path(&["Client", &nth("Relatie", 1), "Bsn"])` is
/// `/Bericht/Client/Relatie[2]/Bsn`. The root `Bericht` is added.
pub(crate) fn path(steps: &[&str]) -> String {
    let mut p = String::from("/Bericht");
    for s in steps {
        p.push('/');
        p.push_str(s);
    }
    p
}

/// The n-th (0-based) of a repeated element, as paths write it: no position for the first,
/// `[n+1]` from the second on (the convention of `iwmo validate`).
pub(crate) fn nth(name: &str, index: usize) -> String {
    if index == 0 {
        name.to_string()
    } else {
        format!("{name}[{}]", index + 1)
    }
}
