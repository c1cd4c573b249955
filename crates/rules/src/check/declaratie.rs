//! Level-2 checks: declaratie family, the rules of the WMO323 Declaratie and the WMO325
//! Declaratie-antwoord (see the module's parent for the conventions).
//!
//! Amounts are eurocent (`u32`/`u64` in the model). They are summed in `i128`, signed by their
//! `DebetCredit` (debet +, credit −), so no sum can overflow. Dates are compared as dates; the
//! stylesheet compares their digits (`translate(…, '-', '')`), which is the same order.
//!
//! Two kinds of value comparison differ from the stylesheet on purpose, because the model holds
//! values, not the text as written:
//! - numbers (`ToewijzingNummer`, `TotaalBedrag`) are compared as numbers. The stylesheet compares
//!   TR416's `ToewijzingNummer` and TR358's `TotaalBedrag` as text, so to it `026001001` is not
//!   `26001001` (both are valid `xs:integer` spellings of one value);
//! - reference numbers (`ReferentieNummer`, `VorigReferentieNummer`, `xs:string`) are compared
//!   after normalize-space on both sides. The stylesheet normalizes the one it starts from and
//!   compares it with the other as written, so it misses a pair that differs only in surrounding
//!   whitespace.
//!
//! A message normally holds few credits, so the pairwise rules (TR315, TR316, TR416) compare
//! pairs directly and allocate nothing. Past [`NESTED_LIMIT`] pairs they sort instead, so a huge
//! declaration costs `n log n`, not `n²`; both ways find the same pairs (tested below).

use std::borrow::Cow;

use chrono::{Datelike, Days, Months, NaiveDate};
use iwmo_model::codes::{DebetCredit, Eenheid, RetourCode};
use iwmo_model::{
    BedragMetDc, DeclaratieClient, GeslotenPeriode, Message, Prestatie, TotaalBedragMetDc,
};

use super::{nth, path, rule_check, Check, Findings};

/// The checks of this file, one per rule.
pub(super) const CHECKS: &[Check] = &[
    rule_check!("CD060", cd060_vorig_referentie_iff_credit),
    rule_check!("CD087", cd087_product_tarief_iff_not_euros),
    rule_check!("CS100", cs100_dates_from_2021),
    rule_check!("CS325", cs325_zero_amount_is_debet),
    rule_check!("CS337", cs337_product_periode_in_one_month),
    rule_check!("CS339", cs339_euros_bedrag_equals_volume),
    rule_check!("CS340", cs340_declaratie_periode_one_month),
    rule_check!("TR137", tr137_einddatum_between_begin_and_dagtekening),
    rule_check!("TR315", tr315_vorig_referentie_unique),
    rule_check!("TR316", tr316_no_credit_of_debet_in_same_message),
    rule_check!("TR319", tr319_product_periode_not_after_declaratie_periode),
    rule_check!("TR335", tr335_einddatum_within_five_years),
    rule_check!("TR342", tr342_antwoord_lists_only_rejected),
    rule_check!("TR358", tr358_totaal_is_sum_of_prestaties),
    rule_check!("TR416", tr416_no_second_debet),
];

/// The class under the 323's root.
const DECLARATIE: &str = "Declaratie";
/// The class under the 325's root.
const ANTWOORD: &str = "DeclaratieAntwoord";

/// Up to this many pairs, the pairwise rules compare pairs directly (no allocation); beyond,
/// they sort.
const NESTED_LIMIT: usize = 4096;

/// **CD060** "Verplicht vullen indien DebetCredit bij het ingediende bedrag de waarde C
/// (credit) heeft, anders leeg laten." The `ProductReferentie/VorigReferentieNummer` of every
/// Prestatie of a 323 and a 325 is filled exactly when its `IngediendBedrag/DebetCredit` is C.
///
/// "Filled" is the stylesheet's: present with some text other than whitespace (normalize-space
/// not empty). A whitespace-only VorigReferentieNummer (`xs:string` allows it) counts as empty:
/// on a credit it breaks the rule, on a debet it does not.
fn cd060_vorig_referentie_iff_credit(message: &Message, findings: &mut Findings) {
    match message {
        Message::Wmo323(m) => cd060(DECLARATIE, &m.declaratie.clienten, findings),
        Message::Wmo325(m) => {
            if let Some(a) = &m.declaratie_antwoord {
                cd060(ANTWOORD, &a.clienten, findings);
            }
        }
        _ => {}
    }
}

fn cd060<R>(root: &str, clienten: &[DeclaratieClient<R>], findings: &mut Findings) {
    for (c, p, prestatie) in prestaties(clienten) {
        let credit = prestatie.ingediend_bedrag.debet_credit == DebetCredit::Credit;
        let vorig = prestatie
            .product_referentie
            .vorig_referentie_nummer
            .as_deref();
        if credit == vorig.is_some_and(filled) {
            continue;
        }
        let mut paths = Vec::with_capacity(2);
        if vorig.is_some() {
            paths.push(prestatie_path(
                root,
                c,
                p,
                &["ProductReferentie", "VorigReferentieNummer"],
            ));
        }
        paths.push(prestatie_path(
            root,
            c,
            p,
            &["IngediendBedrag", "DebetCredit"],
        ));
        let detail = if credit {
            "IngediendBedrag is credit (C) but VorigReferentieNummer is empty".to_string()
        } else {
            format!(
                "IngediendBedrag is debet (D) but VorigReferentieNummer is filled ('{}')",
                vorig.unwrap_or_default()
            )
        };
        findings.add(paths, detail);
    }
}

/// **CD087** "Als eenheid ongelijk is aan 83 (euro's) dan verplicht vullen, anders leeg
/// laten." In a 323, a Prestatie has a `ProductTarief` exactly when its `Eenheid` is not 83
/// (euro's).
fn cd087_product_tarief_iff_not_euros(message: &Message, findings: &mut Findings) {
    let Message::Wmo323(m) = message else {
        return;
    };
    for (c, p, prestatie) in prestaties(&m.declaratie.clienten) {
        let euros = prestatie.eenheid == Eenheid::Euros;
        if euros != prestatie.product_tarief.is_some() {
            continue;
        }
        let mut paths = vec![prestatie_path(DECLARATIE, c, p, &["Eenheid"])];
        let detail = match prestatie.product_tarief {
            Some(tarief) => {
                paths.push(prestatie_path(DECLARATIE, c, p, &["ProductTarief"]));
                format!("Eenheid is 83 (euro's) but ProductTarief is filled ({tarief})")
            }
            None => format!(
                "Eenheid is {} (not euro's) but ProductTarief is empty",
                prestatie.eenheid.code()
            ),
        };
        findings.add(paths, detail);
    }
}

/// **CS100** "Vullen met een datum die groter dan of gelijk is aan 01-01-2021". In a 323, the
/// `Begindatum` of the `DeclaratiePeriode` and of every Prestatie's `ProductPeriode` is on or
/// after 2021-01-01.
///
/// The rule is attached to the whole periods; like the stylesheet we check their Begindatum
/// only (an Einddatum before 2021 with a Begindatum after it breaks TR137).
fn cs100_dates_from_2021(message: &Message, findings: &mut Findings) {
    let Message::Wmo323(m) = message else {
        return;
    };
    let before_2021 = |d: NaiveDate| d.year() < 2021;
    let periode = &m.declaratie.declaratie_periode;
    if before_2021(periode.begindatum) {
        findings.add(
            vec![path(&[DECLARATIE, "DeclaratiePeriode", "Begindatum"])],
            format!(
                "DeclaratiePeriode Begindatum {} is before 2021-01-01",
                periode.begindatum
            ),
        );
    }
    for (c, p, prestatie) in prestaties(&m.declaratie.clienten) {
        let begin = prestatie.product_periode.begindatum;
        if before_2021(begin) {
            findings.add(
                vec![prestatie_path(
                    DECLARATIE,
                    c,
                    p,
                    &["ProductPeriode", "Begindatum"],
                )],
                format!("ProductPeriode Begindatum {begin} is before 2021-01-01"),
            );
        }
    }
}

/// **CS325** "Indien (Totaal)Bedrag de waarde 0 heeft, dan DebetCredit vullen met D (Debet)."
/// An amount of 0 is never credit: `TotaalIngediendBedrag` and every Prestatie's
/// `IngediendBedrag` of a 323; `TotaalIngediendBedrag`, `TotaalToegekendBedrag` and every
/// Prestatie's `IngediendBedrag` of a 325.
fn cs325_zero_amount_is_debet(message: &Message, findings: &mut Findings) {
    let mut totaal = |t: &TotaalBedragMetDc, root: &str, element: &str| {
        if t.totaal_bedrag == 0 && t.debet_credit == DebetCredit::Credit {
            findings.add(
                vec![
                    path(&[root, element, "TotaalBedrag"]),
                    path(&[root, element, "DebetCredit"]),
                ],
                format!("{element} is 0 with DebetCredit C; an amount of 0 is D"),
            );
        }
    };
    match message {
        Message::Wmo323(m) => {
            totaal(
                &m.declaratie.totaal_ingediend_bedrag,
                DECLARATIE,
                "TotaalIngediendBedrag",
            );
            cs325_prestaties(DECLARATIE, &m.declaratie.clienten, findings);
        }
        Message::Wmo325(m) => {
            if let Some(a) = &m.declaratie_antwoord {
                totaal(
                    &a.totaal_ingediend_bedrag,
                    ANTWOORD,
                    "TotaalIngediendBedrag",
                );
                totaal(
                    &a.totaal_toegekend_bedrag,
                    ANTWOORD,
                    "TotaalToegekendBedrag",
                );
                cs325_prestaties(ANTWOORD, &a.clienten, findings);
            }
        }
        _ => {}
    }
}

fn cs325_prestaties<R>(root: &str, clienten: &[DeclaratieClient<R>], findings: &mut Findings) {
    for (c, p, prestatie) in prestaties(clienten) {
        let b = &prestatie.ingediend_bedrag;
        if b.bedrag == 0 && b.debet_credit == DebetCredit::Credit {
            findings.add(
                vec![
                    prestatie_path(root, c, p, &["IngediendBedrag", "Bedrag"]),
                    prestatie_path(root, c, p, &["IngediendBedrag", "DebetCredit"]),
                ],
                "IngediendBedrag is 0 with DebetCredit C; an amount of 0 is D",
            );
        }
    }
}

/// **CS337** "Einddatum in de ProductPeriode vullen met een datum die valt in dezelfde
/// kalendermaand en jaar als de Begindatum van de ProductPeriode". In a 323, every
/// `ProductPeriode` begins and ends in the same calendar month of the same year.
///
/// Like the stylesheet, the year and the month are two checks: a period from April 2025 to
/// May 2026 gives two findings, one from April 2025 to April 2026 only the year's.
fn cs337_product_periode_in_one_month(message: &Message, findings: &mut Findings) {
    let Message::Wmo323(m) = message else {
        return;
    };
    for (c, p, prestatie) in prestaties(&m.declaratie.clienten) {
        let GeslotenPeriode {
            begindatum: begin,
            einddatum: end,
        } = prestatie.product_periode;
        let paths = || {
            vec![
                prestatie_path(DECLARATIE, c, p, &["ProductPeriode", "Begindatum"]),
                prestatie_path(DECLARATIE, c, p, &["ProductPeriode", "Einddatum"]),
            ]
        };
        if begin.year() != end.year() {
            findings.add(
                paths(),
                format!("ProductPeriode {begin} to {end} ends in another year than it begins"),
            );
        }
        if begin.month() != end.month() {
            findings.add(
                paths(),
                format!("ProductPeriode {begin} to {end} ends in another month than it begins"),
            );
        }
    }
}

/// **CS339** "Indien Eenheid de waarde 83 (euro's) heeft, moet IngediendBedrag gelijk zijn aan
/// GeleverdVolume." In a 323, a Prestatie with `Eenheid` 83 has `IngediendBedrag/Bedrag` equal
/// to its `GeleverdVolume` (both in eurocent; the `DebetCredit` plays no part, as in the
/// stylesheet).
fn cs339_euros_bedrag_equals_volume(message: &Message, findings: &mut Findings) {
    let Message::Wmo323(m) = message else {
        return;
    };
    for (c, p, prestatie) in prestaties(&m.declaratie.clienten) {
        let (volume, bedrag) = (prestatie.geleverd_volume, prestatie.ingediend_bedrag.bedrag);
        if prestatie.eenheid == Eenheid::Euros && volume != bedrag {
            findings.add(
                vec![
                    prestatie_path(DECLARATIE, c, p, &["GeleverdVolume"]),
                    prestatie_path(DECLARATIE, c, p, &["IngediendBedrag", "Bedrag"]),
                ],
                format!(
                    "Eenheid is 83 (euro's) but IngediendBedrag {bedrag} differs from \
                     GeleverdVolume {volume}"
                ),
            );
        }
    }
}

/// **CS340** "De periode is exact gelijk aan 1 hele kalendermaand". The `DeclaratiePeriode` of
/// a 323 is one whole calendar month.
///
/// Two checks, as in the stylesheet: the Begindatum is the first of a month (finding on the
/// Begindatum), and the day after the Einddatum is the Begindatum plus one month (finding on
/// both), a day missing from the next month carrying over into the one after (31 January plus
/// a month is 3 March, or 2 March in a leap year), which only matters when the first check
/// already failed. The stylesheet's date arithmetic takes every year divisible by 4 as a leap
/// year, so it rejects every February 2100 (it thinks 2100-02-28 is not the month's last day);
/// we use the real calendar. The two agree on every date from 1901 to 2099.
fn cs340_declaratie_periode_one_month(message: &Message, findings: &mut Findings) {
    let Message::Wmo323(m) = message else {
        return;
    };
    let GeslotenPeriode {
        begindatum: begin,
        einddatum: end,
    } = m.declaratie.declaratie_periode;
    let begin_path = || path(&[DECLARATIE, "DeclaratiePeriode", "Begindatum"]);
    if begin.day() != 1 {
        findings.add(
            vec![begin_path()],
            format!("DeclaratiePeriode begins on {begin}, not on the first day of a month"),
        );
    }
    let month_later = one_month_later(begin);
    if end.succ_opt() != month_later {
        let expected = month_later
            .and_then(|d| d.pred_opt())
            .map_or_else(|| "?".to_string(), |d| d.to_string());
        findings.add(
            vec![
                begin_path(),
                path(&[DECLARATIE, "DeclaratiePeriode", "Einddatum"]),
            ],
            format!(
                "DeclaratiePeriode {begin} to {end} is not one calendar month: a month from \
                 {begin} ends on {expected}"
            ),
        );
    }
}

/// The date one month after `d`, a day missing from that month carrying over into the next
/// (the stylesheet's `addMonths` with overflow `carry`): 2026-01-31 gives 2026-03-03.
fn one_month_later(d: NaiveDate) -> Option<NaiveDate> {
    let (year, month) = if d.month() == 12 {
        (d.year().checked_add(1)?, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)?.checked_add_days(Days::new(u64::from(d.day0())))
}

/// **TR137** "Vullen met een waarde die groter is dan, of gelijk is aan de Begindatum van de
/// aangeduide periode én die niet groter is dan de Dagtekening van het bericht." The Einddatum
/// of a period is on or after its Begindatum and not after the message's own
/// `Header/BerichtIdentificatie/Dagtekening`: the `DeclaratiePeriode` and every
/// `ProductPeriode` of a 323, every `ProductPeriode` of a 325.
///
/// Two checks per period, as in the stylesheet (one finding each). In a 325 the Dagtekening is
/// the 325's own, not the 323's in `DeclaratieIdentificatie`; `DeclaratieDagtekening` of the
/// 323 plays no part (TR335 uses it).
fn tr137_einddatum_between_begin_and_dagtekening(message: &Message, findings: &mut Findings) {
    match message {
        Message::Wmo323(m) => {
            let dagtekening = m.header.bericht_identificatie.dagtekening;
            tr137_periode(
                findings,
                &m.declaratie.declaratie_periode,
                "DeclaratiePeriode",
                dagtekening,
                |leaf| path(&[DECLARATIE, "DeclaratiePeriode", leaf]),
            );
            tr137_prestaties(DECLARATIE, &m.declaratie.clienten, dagtekening, findings);
        }
        Message::Wmo325(m) => {
            if let Some(a) = &m.declaratie_antwoord {
                let dagtekening = m.header.header.bericht_identificatie.dagtekening;
                tr137_prestaties(ANTWOORD, &a.clienten, dagtekening, findings);
            }
        }
        _ => {}
    }
}

fn tr137_prestaties<R>(
    root: &str,
    clienten: &[DeclaratieClient<R>],
    dagtekening: NaiveDate,
    findings: &mut Findings,
) {
    for (c, p, prestatie) in prestaties(clienten) {
        tr137_periode(
            findings,
            &prestatie.product_periode,
            "ProductPeriode",
            dagtekening,
            |leaf| prestatie_path(root, c, p, &["ProductPeriode", leaf]),
        );
    }
}

fn tr137_periode(
    findings: &mut Findings,
    periode: &GeslotenPeriode,
    name: &str,
    dagtekening: NaiveDate,
    at: impl Fn(&str) -> String,
) {
    let GeslotenPeriode {
        begindatum: begin,
        einddatum: end,
    } = *periode;
    if end < begin {
        findings.add(
            vec![at("Begindatum"), at("Einddatum")],
            format!("{name} Einddatum {end} is before its Begindatum {begin}"),
        );
    }
    if end > dagtekening {
        findings.add(
            vec![
                path(&["Header", "BerichtIdentificatie", "Dagtekening"]),
                at("Einddatum"),
            ],
            format!("{name} Einddatum {end} is after the message's Dagtekening {dagtekening}"),
        );
    }
}

/// **TR315** "VorigReferentieNummer van de Prestatie moet uniek zijn in het bericht." No two
/// Prestaties of a 323, of the same Client or not, have the same
/// `ProductReferentie/VorigReferentieNummer`.
///
/// One finding per pair, on both VorigReferentieNummers (three equal ones are three pairs), as
/// in the stylesheet. Values are compared after normalize-space (see the module).
fn tr315_vorig_referentie_unique(message: &Message, findings: &mut Findings) {
    tr315(message, findings, NESTED_LIMIT);
}

fn tr315(message: &Message, findings: &mut Findings, nested_limit: usize) {
    let Message::Wmo323(m) = message else {
        return;
    };
    let clienten = &m.declaratie.clienten;
    let mut report = |earlier: (usize, usize), later: (usize, usize), value: &str| {
        let at = |(c, p): (usize, usize)| {
            prestatie_path(
                DECLARATIE,
                c,
                p,
                &["ProductReferentie", "VorigReferentieNummer"],
            )
        };
        findings.add(
            vec![at(earlier), at(later)],
            format!("VorigReferentieNummer '{value}' occurs in more than one Prestatie"),
        );
    };
    let credits = prestaties(clienten)
        .filter(|x| vorig(x.2).is_some())
        .count();
    if credits.saturating_mul(credits) <= nested_limit {
        for (cl, pl, later) in prestaties(clienten) {
            let Some(v) = vorig(later) else { continue };
            for (ce, pe, earlier) in prestaties(clienten).take_while(|x| (x.0, x.1) < (cl, pl)) {
                if vorig(earlier).is_some_and(|w| same_normalized(v, w)) {
                    report((ce, pe), (cl, pl), v);
                }
            }
        }
    } else {
        let index =
            KeyIndex::new(prestaties(clienten).filter_map(|(c, p, x)| vorig(x).map(|v| (v, c, p))));
        for (cl, pl, later) in prestaties(clienten) {
            let Some(v) = vorig(later) else { continue };
            for &(_, ce, pe) in index
                .matching(v)
                .iter()
                .take_while(|e| (e.1, e.2) < (cl, pl))
            {
                report((ce, pe), (cl, pl), v);
            }
        }
    }
}

/// **TR316** "Debetregels mogen niet in hetzelfde bericht gecrediteerd worden." No
/// `VorigReferentieNummer` of a 323 equals a `ReferentieNummer` of the same 323 (any Client,
/// before or after it, its own Prestatie included).
///
/// One finding per (VorigReferentieNummer, ReferentieNummer) pair, on the two elements, as in
/// the stylesheet. Values are compared after normalize-space (see the module). The stylesheet
/// also fires on a whitespace-only `ReferentieNummer` without a VorigReferentieNummer (it takes
/// the missing one as the empty text, equal to the normalized blank): that is no crediting, and
/// we do not report it.
fn tr316_no_credit_of_debet_in_same_message(message: &Message, findings: &mut Findings) {
    tr316(message, findings, NESTED_LIMIT);
}

fn tr316(message: &Message, findings: &mut Findings, nested_limit: usize) {
    let Message::Wmo323(m) = message else {
        return;
    };
    let clienten = &m.declaratie.clienten;
    let mut report = |debet: (usize, usize), credit: (usize, usize), value: &str| {
        let referentie = prestatie_path(
            DECLARATIE,
            debet.0,
            debet.1,
            &["ProductReferentie", "ReferentieNummer"],
        );
        let vorig = prestatie_path(
            DECLARATIE,
            credit.0,
            credit.1,
            &["ProductReferentie", "VorigReferentieNummer"],
        );
        // Document order; in one Prestatie the ReferentieNummer comes first.
        let paths = if debet <= credit {
            vec![referentie, vorig]
        } else {
            vec![vorig, referentie]
        };
        findings.add(
            paths,
            format!(
                "VorigReferentieNummer '{value}' credits a ReferentieNummer of the same message"
            ),
        );
    };
    let credits = prestaties(clienten)
        .filter(|x| vorig(x.2).is_some())
        .count();
    let all = prestaties(clienten).count();
    if credits.saturating_mul(all) <= nested_limit {
        for (cc, pc, credit) in prestaties(clienten) {
            let Some(v) = vorig(credit) else { continue };
            for (cd, pd, debet) in prestaties(clienten) {
                if same_normalized(v, &debet.product_referentie.referentie_nummer) {
                    report((cd, pd), (cc, pc), v);
                }
            }
        }
    } else {
        let index = KeyIndex::new(
            prestaties(clienten)
                .map(|(c, p, x)| (x.product_referentie.referentie_nummer.as_str(), c, p)),
        );
        for (cc, pc, credit) in prestaties(clienten) {
            let Some(v) = vorig(credit) else { continue };
            for &(_, cd, pd) in index.matching(v) {
                report((cd, pd), (cc, pc), v);
            }
        }
    }
}

/// **TR319** "Een declaratiebericht bevat alleen prestaties waarvan de ProductPeriode valt
/// binnen de huidige, of een voorgaande declaratieperiode." In a 323, no Prestatie's
/// `ProductPeriode` begins or ends after the Einddatum of the `DeclaratiePeriode`.
///
/// The standard's TR table makes this a cross-message rule (controleniveau
/// "berichtoverstijgend", retourcode 9319, spec §1.6/§2.7), since which declaration periods
/// came before is known only from earlier 323s. The stylesheet checks it within the message, in
/// the only form one message allows: "the current or an earlier period" has no lower bound, so
/// what is left is the upper one, the current period's Einddatum. We follow the stylesheet
/// (level 2, retourcode 0001), two checks per Prestatie as it does (Begindatum, Einddatum; a
/// Prestatie wholly after the period gives both). Whether an earlier period was really declared
/// is a ledger question, not this check's.
fn tr319_product_periode_not_after_declaratie_periode(message: &Message, findings: &mut Findings) {
    let Message::Wmo323(m) = message else {
        return;
    };
    let end = m.declaratie.declaratie_periode.einddatum;
    let end_path = || path(&[DECLARATIE, "DeclaratiePeriode", "Einddatum"]);
    for (c, p, prestatie) in prestaties(&m.declaratie.clienten) {
        let periode = &prestatie.product_periode;
        for (leaf, date) in [
            ("Begindatum", periode.begindatum),
            ("Einddatum", periode.einddatum),
        ] {
            if date > end {
                findings.add(
                    vec![
                        end_path(),
                        prestatie_path(DECLARATIE, c, p, &["ProductPeriode", leaf]),
                    ],
                    format!(
                        "ProductPeriode {leaf} {date} is after the DeclaratiePeriode, which \
                         ends on {end}"
                    ),
                );
            }
        }
    }
}

/// **TR335** "Einddatum mag niet meer dan 5 jaar voor DeclaratieDagtekening liggen." In a 323,
/// no Prestatie's `ProductPeriode/Einddatum` is before `DeclaratieDagtekening` minus 60 months.
///
/// As in the stylesheet (`monthsAfter -60`, overflow `truncate`): 60 calendar months back, a day
/// missing from that month becoming its last day, and exactly that date passes. (The
/// stylesheet's every-fourth-year leap rule cannot differ here: five years before a 29 February
/// is never a leap year either way.)
fn tr335_einddatum_within_five_years(message: &Message, findings: &mut Findings) {
    let Message::Wmo323(m) = message else {
        return;
    };
    let dagtekening = m.declaratie.declaratie_dagtekening;
    let Some(limit) = dagtekening.checked_sub_months(Months::new(60)) else {
        return;
    };
    for (c, p, prestatie) in prestaties(&m.declaratie.clienten) {
        let end = prestatie.product_periode.einddatum;
        if end < limit {
            findings.add(
                vec![
                    path(&[DECLARATIE, "DeclaratieDagtekening"]),
                    prestatie_path(DECLARATIE, c, p, &["ProductPeriode", "Einddatum"]),
                ],
                format!(
                    "ProductPeriode Einddatum {end} is more than 5 years before \
                     DeclaratieDagtekening {dagtekening} (the earliest allowed is {limit})"
                ),
            );
        }
    }
}

/// **TR342** "Alleen afgewezen Prestaties dienen meegestuurd te worden in het
/// declaratie-antwoordbericht op een declaratie." In a 325 with a `DeclaratieAntwoord`:
/// - when the DeclaratieAntwoord's `RetourCodes` hold only 0200 and 8001 (the declaration was
///   judged per Prestatie), the listed (rejected) Prestaties' `IngediendBedrag`s, debet minus
///   credit, add up to `TotaalIngediendBedrag` minus `TotaalToegekendBedrag` (each signed by its
///   DebetCredit); finding on both totals;
/// - otherwise (a code rejecting the whole declaration) `TotaalToegekendBedrag` is 0; finding on
///   it.
///
/// The short text names no arithmetic; this is the toelichting's and the stylesheet's. A 325
/// without DeclaratieAntwoord (rejected at level 2, header only) has nothing to check.
fn tr342_antwoord_lists_only_rejected(message: &Message, findings: &mut Findings) {
    let Message::Wmo325(m) = message else {
        return;
    };
    let Some(a) = &m.declaratie_antwoord else {
        return;
    };
    let ingediend = signed_totaal(&a.totaal_ingediend_bedrag);
    let toegekend = signed_totaal(&a.totaal_toegekend_bedrag);
    let per_prestatie = a
        .retour_codes
        .0
        .iter()
        .all(|c| matches!(c, RetourCode::R0200 | RetourCode::R8001));
    if per_prestatie {
        let listed: i128 = prestaties(&a.clienten)
            .map(|(_, _, p)| signed(&p.ingediend_bedrag))
            .sum();
        let rejected = ingediend - toegekend;
        if listed != rejected {
            findings.add(
                vec![
                    path(&[ANTWOORD, "TotaalIngediendBedrag"]),
                    path(&[ANTWOORD, "TotaalToegekendBedrag"]),
                ],
                format!(
                    "the listed Prestaties' IngediendBedrag add up to {} but \
                     TotaalIngediendBedrag {} minus TotaalToegekendBedrag {} is {}",
                    amount(listed),
                    amount(ingediend),
                    amount(toegekend),
                    amount(rejected)
                ),
            );
        }
    } else if toegekend != 0 {
        findings.add(
            vec![path(&[ANTWOORD, "TotaalToegekendBedrag"])],
            format!(
                "the DeclaratieAntwoord is rejected as a whole (a RetourCode other than 0200 \
                 and 8001) but TotaalToegekendBedrag is {}, not 0",
                amount(toegekend)
            ),
        );
    }
}

/// **TR358** "De waarde van TotaalBedrag in TotaalIngediendBedrag moet gelijk zijn aan de SOM
/// van de waarden van Bedrag in Ingediendbedrag in alle onderliggende Prestaties, rekening
/// houdend met indicatie debet/credit." In a 323, `TotaalIngediendBedrag` signed by its
/// DebetCredit equals the sum over all Prestaties of `IngediendBedrag`, debet minus credit.
///
/// The finding names, as the stylesheet's does, the total's `TotaalBedrag` and `DebetCredit`
/// and every Prestatie's `IngediendBedrag`. The stylesheet compares the TotaalBedrag as
/// written with the sum's digits, so a valid `0194280` for 194280 fails there; we compare the
/// numbers (see the module).
fn tr358_totaal_is_sum_of_prestaties(message: &Message, findings: &mut Findings) {
    let Message::Wmo323(m) = message else {
        return;
    };
    let clienten = &m.declaratie.clienten;
    let (mut debet, mut credit) = (0i128, 0i128);
    for (_, _, p) in prestaties(clienten) {
        let b = i128::from(p.ingediend_bedrag.bedrag);
        match p.ingediend_bedrag.debet_credit {
            DebetCredit::Debet => debet += b,
            DebetCredit::Credit => credit += b,
        }
    }
    let totaal = signed_totaal(&m.declaratie.totaal_ingediend_bedrag);
    if totaal == debet - credit {
        return;
    }
    let mut paths = vec![
        path(&[DECLARATIE, "TotaalIngediendBedrag", "TotaalBedrag"]),
        path(&[DECLARATIE, "TotaalIngediendBedrag", "DebetCredit"]),
    ];
    paths.extend(
        prestaties(clienten)
            .map(|(c, p, _)| prestatie_path(DECLARATIE, c, p, &["IngediendBedrag"])),
    );
    findings.add(
        paths,
        format!(
            "TotaalIngediendBedrag is {} but the Prestaties add up to {} (debet {debet}, \
             credit {credit})",
            amount(totaal),
            amount(debet - credit)
        ),
    );
}

/// **TR416** "Prestatie met DebetCredit in IngediendBedrag waarde Debet mag alleen ingezonden
/// worden voor dezelfde ProductPeriode, ProductCategorie en ProductCode met gelijk
/// ToewijzingNummer als er niet al een Prestatie met waarde Debet is." Within one Client of a
/// 323, no two debet Prestaties have the same `ProductPeriode` (Begindatum and Einddatum),
/// `ProductCategorie`, `ProductCode` and `ToewijzingNummer`.
///
/// As in the stylesheet: only Prestaties of the same Client are compared (one toewijzing
/// belongs to one client, so the same key under two Clients is not a second debet of it), one
/// finding per pair on the two Prestatie elements. A credit in between does not allow a second
/// debet within one message; across messages TR389 (level 3) applies. `ToewijzingNummer` is compared as a
/// number, `026001001` equal to `26001001`; the stylesheet compares the text and misses that
/// pair (see the module).
fn tr416_no_second_debet(message: &Message, findings: &mut Findings) {
    tr416(message, findings, NESTED_LIMIT);
}

fn tr416(message: &Message, findings: &mut Findings, nested_limit: usize) {
    let Message::Wmo323(m) = message else {
        return;
    };
    type Key<'a> = (
        NaiveDate,
        NaiveDate,
        iwmo_model::codes::ProductCategorie,
        u32,
        &'a str,
    );
    fn key(p: &Prestatie) -> Option<Key<'_>> {
        (p.ingediend_bedrag.debet_credit == DebetCredit::Debet).then_some((
            p.product_periode.begindatum,
            p.product_periode.einddatum,
            p.product_categorie,
            p.toewijzing_nummer,
            p.product_code.as_str(),
        ))
    }
    for (c, client) in m.declaratie.clienten.iter().enumerate() {
        let mut report = |earlier: usize, later: usize, p: &Prestatie| {
            findings.add(
                vec![
                    prestatie_path(DECLARATIE, c, earlier, &[]),
                    prestatie_path(DECLARATIE, c, later, &[]),
                ],
                format!(
                    "two debet Prestaties of one Client for ToewijzingNummer {}, \
                     ProductCategorie {}, ProductCode {} and ProductPeriode {} to {}",
                    p.toewijzing_nummer,
                    p.product_categorie.code(),
                    p.product_code,
                    p.product_periode.begindatum,
                    p.product_periode.einddatum
                ),
            );
        };
        let debets = client
            .prestaties
            .iter()
            .filter(|p| key(p).is_some())
            .count();
        if debets.saturating_mul(debets) <= nested_limit {
            for (later, p) in client.prestaties.iter().enumerate() {
                let Some(k) = key(p) else { continue };
                for (earlier, q) in client.prestaties.iter().enumerate().take(later) {
                    if key(q) == Some(k) {
                        report(earlier, later, p);
                    }
                }
            }
        } else {
            let mut sorted: Vec<(Key<'_>, usize, &Prestatie)> = client
                .prestaties
                .iter()
                .enumerate()
                .filter_map(|(i, p)| key(p).map(|k| (k, i, p)))
                .collect();
            sorted.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
            for run in sorted.chunk_by(|a, b| a.0 == b.0) {
                for (n, &(_, later, p)) in run.iter().enumerate() {
                    for &(_, earlier, _) in run.iter().take(n) {
                        report(earlier, later, p);
                    }
                }
            }
        }
    }
}

/// The `VorigReferentieNummer` of a Prestatie, if present.
fn vorig<R>(p: &Prestatie<R>) -> Option<&str> {
    p.product_referentie.vorig_referentie_nummer.as_deref()
}

/// Every Prestatie of a declaration in document order, with its Client's and its own index.
fn prestaties<'a, R: 'a>(
    clienten: &'a [DeclaratieClient<R>],
) -> impl Iterator<Item = (usize, usize, &'a Prestatie<R>)> + 'a {
    clienten.iter().enumerate().flat_map(|(c, client)| {
        client
            .prestaties
            .iter()
            .enumerate()
            .map(move |(p, prestatie)| (c, p, prestatie))
    })
}

/// The path of (an element under) Prestatie `p` of Client `c`:
/// `/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie/IngediendBedrag`.
fn prestatie_path(root: &str, c: usize, p: usize, rest: &[&str]) -> String {
    let (client, prestatie) = (nth("Client", c), nth("Prestatie", p));
    let mut steps = Vec::with_capacity(5 + rest.len());
    steps.extend([root, "Clienten", &client, "Prestaties", &prestatie]);
    steps.extend_from_slice(rest);
    path(&steps)
}

/// An amount in eurocent with its sign: debet positive, credit negative.
fn signed(b: &BedragMetDc) -> i128 {
    let v = i128::from(b.bedrag);
    match b.debet_credit {
        DebetCredit::Debet => v,
        DebetCredit::Credit => -v,
    }
}

/// A total in eurocent with its sign: debet positive, credit negative.
fn signed_totaal(t: &TotaalBedragMetDc) -> i128 {
    let v = i128::from(t.totaal_bedrag);
    match t.debet_credit {
        DebetCredit::Debet => v,
        DebetCredit::Credit => -v,
    }
}

/// A signed amount as a message writes it: `194280 D`, `500 C` (eurocent).
fn amount(v: i128) -> String {
    if v < 0 {
        format!("{} C", v.unsigned_abs())
    } else {
        format!("{v} D")
    }
}

/// The words of a text as XPath's normalize-space sees them (split on XML whitespace).
fn xml_words(s: &str) -> impl Iterator<Item = &str> {
    s.split([' ', '\t', '\r', '\n']).filter(|w| !w.is_empty())
}

/// normalize-space is not empty.
fn filled(s: &str) -> bool {
    xml_words(s).next().is_some()
}

/// normalize-space(a) = normalize-space(b), without allocating.
fn same_normalized(a: &str, b: &str) -> bool {
    xml_words(a).eq(xml_words(b))
}

/// normalize-space(s), borrowed when `s` already is.
fn normalized(s: &str) -> Cow<'_, str> {
    let already = !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !s.contains(['\t', '\r', '\n']);
    if already {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(xml_words(s).collect::<Vec<_>>().join(" "))
    }
}

/// Reference numbers sorted by their normalized text, then by position, for the large case of
/// TR315 and TR316.
struct KeyIndex<'a>(Vec<(Cow<'a, str>, usize, usize)>);

impl<'a> KeyIndex<'a> {
    fn new(items: impl Iterator<Item = (&'a str, usize, usize)>) -> Self {
        let mut v: Vec<_> = items.map(|(s, c, p)| (normalized(s), c, p)).collect();
        v.sort_unstable();
        KeyIndex(v)
    }

    /// The entries whose normalized text equals `s`'s, in document order.
    fn matching(&self, s: &str) -> &[(Cow<'a, str>, usize, usize)] {
        let key = normalized(s);
        let lo = self.0.partition_point(|e| e.0.as_ref() < key.as_ref());
        let hi = self.0.partition_point(|e| e.0.as_ref() <= key.as_ref());
        self.0.get(lo..hi).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;
    use iwmo_model::codes::ProductCategorie;

    fn base_323() -> iwmo_model::Wmo323 {
        let xml =
            include_str!("../../../../fixtures/messages/wmo323-declaratie-april-two-clients.xml");
        match iwmo_model::read(xml.as_bytes()) {
            Ok(Message::Wmo323(m)) => m,
            other => panic!("not a 323: {other:?}"),
        }
    }

    fn run(f: fn(&Message, &mut Findings, usize), message: &Message, limit: usize) -> Vec<Finding> {
        let mut findings = Findings::default();
        f(message, &mut findings, limit);
        let mut all = findings.report.findings;
        all.sort_by(|a, b| a.paths.cmp(&b.paths));
        all
    }

    /// A 323 with many credits and debets, some equal, over several Clients: the nested and the
    /// sorting ways find the same pairs.
    #[test]
    fn pairwise_rules_find_the_same_pairs_nested_and_sorted() {
        let mut m = base_323();
        let template = m.declaratie.clienten[0].prestaties[0].clone();
        for client in &mut m.declaratie.clienten {
            client.prestaties.clear();
            for i in 0..90u32 {
                let mut p = template.clone();
                p.product_referentie.referentie_nummer = format!("R{}", i % 37);
                if i % 3 == 0 {
                    p.ingediend_bedrag.debet_credit = DebetCredit::Credit;
                    p.product_referentie.vorig_referentie_nummer = Some(if i % 2 == 0 {
                        format!(" R{} ", i % 41)
                    } else {
                        format!("V{}", i % 11)
                    });
                }
                p.toewijzing_nummer = i % 7;
                if i % 5 == 0 {
                    p.product_categorie = ProductCategorie::ALL[1];
                }
                client.prestaties.push(p);
            }
        }
        let message = Message::Wmo323(m);
        for f in [tr315, tr316, tr416] {
            let nested = run(f, &message, usize::MAX);
            let sorted = run(f, &message, 0);
            assert!(!nested.is_empty());
            assert_eq!(nested, sorted);
        }
    }

    #[test]
    fn one_month_later_carries_like_the_stylesheet() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(one_month_later(d(2026, 1, 31)), Some(d(2026, 3, 3)));
        assert_eq!(one_month_later(d(2024, 1, 31)), Some(d(2024, 3, 2)));
        assert_eq!(one_month_later(d(2026, 12, 1)), Some(d(2027, 1, 1)));
        assert_eq!(one_month_later(d(2026, 4, 1)), Some(d(2026, 5, 1)));
        assert_eq!(one_month_later(d(2100, 2, 1)), Some(d(2100, 3, 1)));
    }

    #[test]
    fn normalize_space() {
        assert!(same_normalized(" A1 ", "A1"));
        assert!(same_normalized("A\t 1", "A 1"));
        assert!(!same_normalized("A1", "A 1"));
        assert_eq!(normalized(" A\t\t1 "), "A 1");
        assert!(matches!(normalized("A 1"), Cow::Borrowed(_)));
        assert!(!filled(" \t"));
        assert!(filled(" x"));
    }

    #[test]
    fn amounts_never_overflow() {
        let mut m = base_323();
        m.declaratie.totaal_ingediend_bedrag.totaal_bedrag = u64::MAX;
        for client in &mut m.declaratie.clienten {
            for p in &mut client.prestaties {
                p.ingediend_bedrag.bedrag = u32::MAX;
            }
        }
        let message = Message::Wmo323(m);
        let mut findings = Findings::default();
        tr358_totaal_is_sum_of_prestaties(&message, &mut findings);
        assert_eq!(findings.report.findings.len(), 1);
    }
}
