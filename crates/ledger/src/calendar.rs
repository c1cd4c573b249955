//! Dutch working days, for the deadlines of iWmo counted in *werkdagen*: a retour within 3
//! working days after receipt (OP090), a start or stop within 5 working days (OP271, OP272), a
//! 325 within 10 working days.
//!
//! Everything here is a pure function of its arguments: no clock is read, nothing is cached,
//! nothing is allocated per call. Holidays are computed from the year (Easter by the anonymous
//! Gregorian algorithm), never listed by hand per year.
//!
//! # Counting
//!
//! A working day is Monday to Friday and not a holiday ([`Calendar::is_working_day`]). A
//! deadline "within *n* working days after" a date is the *n*-th working day strictly after
//! it: the date itself never counts, whatever day it is ([`Calendar::add_working_days`]).
//! Something done on that day is in time; from the next day on it is late
//! ([`Calendar::deadline_passed`]), and [`Calendar::working_days_between`] says by how many
//! working days.
//!
//! ```
//! use chrono::NaiveDate;
//! use iwmo_ledger::calendar::Calendar;
//!
//! let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let calendar = Calendar::default();
//! // A 315 received on Friday 6 March 2026: its retour is due within 3 working days (OP090),
//! // counting Monday 9, Tuesday 10 and Wednesday 11 March.
//! assert_eq!(calendar.add_working_days(date(2026, 3, 6), 3), Some(date(2026, 3, 11)));
//! // The same on Saturday 7 March: the Saturday does not count either.
//! assert_eq!(calendar.add_working_days(date(2026, 3, 7), 3), Some(date(2026, 3, 11)));
//! // A retour sent on Friday 13 March is 2 working days late (Thursday 12 and Friday 13).
//! assert!(calendar.deadline_passed(date(2026, 3, 6), 3, date(2026, 3, 13)));
//! assert_eq!(calendar.working_days_between(date(2026, 3, 11), date(2026, 3, 13)), 2);
//! ```
//!
//! # Which days are holidays
//!
//! Dutch law counts deadlines in days with the Algemene termijnenwet (Atw, Stb. 1964, 314),
//! and this module takes its holidays from there; no definition of *werkdag* in the iWmo
//! standard itself was found. Article 3 of the Atw reads, as quoted on
//! <https://staatsrechtpraktijk.nl/nieuwjaarsdag-en-kerstmis-in-het-staatsrecht/> and
//! <https://wvhl.nl/algemeen/de-algemene-termijnenwet>:
//!
//! - lid 1: the *algemeen erkende feestdagen* are Nieuwjaarsdag, the Christian second Easter
//!   and Whit day (Tweede Paasdag, Tweede Pinksterdag), both Christmas days, Hemelvaartsdag,
//!   the day on which the King's birthday is celebrated, and the fifth of May;
//! - lid 2: Goede Vrijdag is equated with them by the law itself (not by a decree);
//! - lid 3: further days can be equated by royal decree, published in the Staatscourant.
//!
//! <https://nl.wikipedia.org/wiki/Algemene_termijnenwet> adds that the fifth of May entered
//! lid 1 by an amendment proposed in 1981 (so the law names it every year, not once in five),
//! and that a decree every three years equates some bridge days (mostly the Friday after
//! Hemelvaartsdag, and the Friday after a holiday on a Thursday). A Q&A on
//! <https://sterfgeval.nl> (question 70745) names the current decree: *Besluit gelijkstelling
//! van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 met een algemeen
//! erkende feestdag*. Eerste Paasdag and Eerste Pinksterdag are not in the law because they are
//! always Sundays (<https://nl.wikipedia.org/wiki/Feestdagen_in_Nederland>); this module names
//! them anyway, which changes no working day.
//!
//! The default ([`HolidayRules::ATW`]) is exactly lid 1 and lid 2: Goede Vrijdag and 5 May
//! are holidays every year. [`HolidayRules`] can switch off Goede Vrijdag, limit Bevrijdingsdag
//! to lustrum years (a common cao practice, not the law) or drop it, and add decreed days
//! ([`GELIJKGESTELDE_DAGEN_2023_2028`]); the decrees are not part of the default because they
//! are not computable from the year. Whether an iWmo deadline counts decreed days is not
//! settled by anything found for this module.
//!
//! The royal day follows the day it was actually celebrated (see [`Holiday::Koningsdag`] and
//! [`Holiday::Koninginnedag`]); every other rule is today's law applied to any year, also the
//! years before the Atw took effect (1 April 1965) or named 5 May.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::fmt;

/// The calendar weeks (Monday to Sunday) a period touches, broken weeks at either end included:
/// how IV077 counts weeks for a volume per week. 0 when `to` is before `from`.
///
/// ```
/// use chrono::NaiveDate;
/// use iwmo_ledger::calendar::weeks_touched;
///
/// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// assert_eq!(weeks_touched(d(4, 1), d(4, 30)), 5); // Wednesday 1 April to Thursday 30 April
/// assert_eq!(weeks_touched(d(4, 12), d(4, 13)), 2); // a Sunday and the Monday after it
/// ```
pub fn weeks_touched(from: NaiveDate, to: NaiveDate) -> u32 {
    let monday = |d: NaiveDate| {
        d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))
            .unwrap_or(d)
    };
    if to < from {
        0
    } else {
        u32::try_from((monday(to) - monday(from)).num_days() / 7 + 1).unwrap_or(u32::MAX)
    }
}

/// The date of Easter Sunday in `year` of the (proleptic) Gregorian calendar, by the
/// anonymous Gregorian algorithm (Meeus/Jones/Butcher); meaningful from 1583 on.
///
/// `None` only when the date is outside what [`NaiveDate`] can represent.
///
/// ```
/// use chrono::NaiveDate;
/// use iwmo_ledger::calendar::easter_sunday;
///
/// assert_eq!(easter_sunday(2026), NaiveDate::from_ymd_opt(2026, 4, 5));
/// assert_eq!(easter_sunday(i32::MAX), None);
/// ```
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let g = (8 * b + 13).div_euclid(25);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // month is 3 or 4 and day 1..=31 by construction.
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// A holiday, named as in Dutch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Holiday {
    /// 1 January (Atw art. 3 lid 1).
    Nieuwjaarsdag,
    /// Good Friday, Easter Sunday − 2 (Atw art. 3 lid 2; optional through
    /// [`HolidayRules::goede_vrijdag`]).
    GoedeVrijdag,
    /// Easter Sunday. Not in the Atw (always a Sunday); named for completeness.
    EerstePaasdag,
    /// Easter Monday, Easter Sunday + 1 (Atw art. 3 lid 1).
    TweedePaasdag,
    /// The King's birthday as celebrated from 2014: 27 April, or Saturday 26 April when the
    /// 27th is a Sunday (Atw art. 3 lid 1: "de dag waarop de verjaardag van de Koning wordt
    /// gevierd"). Years after the present reign are assumed to keep this rule.
    Koningsdag,
    /// The Queen's birthday as celebrated before 2014:
    /// - 1980–2013: 30 April, or Saturday 29 April when the 30th is a Sunday;
    /// - 1949–1979: 30 April, or Monday 1 May when the 30th is a Sunday;
    /// - 1891–1948: 31 August (Wilhelmina), not moved (no source found for a Sunday rule).
    ///
    /// Source: <https://overzicht-feestdagen.nl/feestdagen/Koningsdag.html> ("Tot 1980 … op
    /// maandag 1 mei … Sinds 1980 … de dag ervoor op zaterdag"). Before 1891 there is none.
    Koninginnedag,
    /// 5 May (Atw art. 3 lid 1, every year; see [`HolidayRules::bevrijdingsdag`]).
    Bevrijdingsdag,
    /// Ascension Day, Easter Sunday + 39, always a Thursday (Atw art. 3 lid 1).
    Hemelvaartsdag,
    /// Whit Sunday, Easter Sunday + 49. Not in the Atw (always a Sunday); named for
    /// completeness.
    EerstePinksterdag,
    /// Whit Monday, Easter Sunday + 50 (Atw art. 3 lid 1).
    TweedePinksterdag,
    /// 25 December (Atw art. 3 lid 1).
    EersteKerstdag,
    /// 26 December (Atw art. 3 lid 1).
    TweedeKerstdag,
    /// A day equated with a holiday by royal decree (Atw art. 3 lid 3), from
    /// [`HolidayRules::gelijkgestelde_dagen`].
    GelijkgesteldeDag,
}

impl Holiday {
    /// The Dutch name, capitalised as a holiday is ("Tweede Paasdag").
    pub const fn dutch_name(self) -> &'static str {
        match self {
            Holiday::Nieuwjaarsdag => "Nieuwjaarsdag",
            Holiday::GoedeVrijdag => "Goede Vrijdag",
            Holiday::EerstePaasdag => "Eerste Paasdag",
            Holiday::TweedePaasdag => "Tweede Paasdag",
            Holiday::Koningsdag => "Koningsdag",
            Holiday::Koninginnedag => "Koninginnedag",
            Holiday::Bevrijdingsdag => "Bevrijdingsdag",
            Holiday::Hemelvaartsdag => "Hemelvaartsdag",
            Holiday::EerstePinksterdag => "Eerste Pinksterdag",
            Holiday::TweedePinksterdag => "Tweede Pinksterdag",
            Holiday::EersteKerstdag => "Eerste Kerstdag",
            Holiday::TweedeKerstdag => "Tweede Kerstdag",
            Holiday::GelijkgesteldeDag => "met een algemeen erkende feestdag gelijkgestelde dag",
        }
    }
}

impl fmt::Display for Holiday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.dutch_name())
    }
}

/// When 5 May (Bevrijdingsdag) is a holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Bevrijdingsdag {
    /// Every year: the Atw names "de vijfde mei" without condition (the default).
    #[default]
    EveryYear,
    /// Only in years divisible by 5 (2025, 2030, …): what many cao's give as a day off
    /// (<https://nl.wikipedia.org/wiki/Feestdagen_in_Nederland>), not the law.
    LustrumYears,
    /// Never.
    Never,
}

/// Which days beyond the fixed core count as holidays. The core, always on, is the Atw art. 3
/// lid 1 list minus 5 May: Nieuwjaarsdag, Tweede Paasdag, Koningsdag (Koninginnedag),
/// Hemelvaartsdag, Tweede Pinksterdag and both Christmas days (plus Eerste Paas- and
/// Pinksterdag, which are Sundays anyway).
///
/// [`Default`] is [`HolidayRules::ATW`], the law's list exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HolidayRules {
    /// Goede Vrijdag (Easter Sunday − 2) is a holiday. `true` by default: the Atw equates it
    /// in art. 3 lid 2. Many employers work on it; switch it off to count it as a working day.
    pub goede_vrijdag: bool,
    /// When 5 May is a holiday; [`Bevrijdingsdag::EveryYear`] by default (Atw art. 3 lid 1).
    pub bevrijdingsdag: Bevrijdingsdag,
    /// Days equated with a holiday by royal decree under Atw art. 3 lid 3 (bridge days such as
    /// the Friday after Hemelvaartsdag); empty by default. They are fixed per decree, not by a
    /// rule, so they come as a list, e.g. [`GELIJKGESTELDE_DAGEN_2023_2028`]. Keep it short:
    /// it is searched linearly. A list read at run time can be given a `'static` lifetime
    /// once with `Vec::leak`.
    pub gelijkgestelde_dagen: &'static [NaiveDate],
}

impl HolidayRules {
    /// Exactly the Algemene termijnenwet, art. 3 lid 1 and 2: Goede Vrijdag and 5 May every
    /// year, no decreed days.
    pub const ATW: HolidayRules = HolidayRules {
        goede_vrijdag: true,
        bevrijdingsdag: Bevrijdingsdag::EveryYear,
        gelijkgestelde_dagen: &[],
    };
}

impl Default for HolidayRules {
    fn default() -> Self {
        HolidayRules::ATW
    }
}

const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("not a date"),
    }
}

/// The days equated with an algemeen erkende feestdag by the two most recent decrees found
/// (Atw art. 3 lid 3), for [`HolidayRules::gelijkgestelde_dagen`]:
///
/// - *Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en
///   30 mei 2025 met een algemeen erkende feestdag*;
/// - *Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en
///   26 mei 2028 met een algemeen erkende feestdag*.
///
/// Both titles as named on <https://sterfgeval.nl> (question 70745, 4 October 2025); the
/// decrees themselves (Staatscourant) were not read. Each is the Friday after a Thursday
/// holiday.
pub const GELIJKGESTELDE_DAGEN_2023_2028: &[NaiveDate] = &[
    ymd(2023, 4, 28),
    ymd(2023, 5, 19),
    ymd(2024, 5, 10),
    ymd(2024, 12, 27),
    ymd(2025, 5, 30),
    ymd(2026, 1, 2),
    ymd(2026, 5, 15),
    ymd(2027, 5, 7),
    ymd(2028, 4, 28),
    ymd(2028, 5, 26),
];

/// Dutch working days under a set of [`HolidayRules`]. Cheap to copy; [`Default`] follows the
/// Algemene termijnenwet ([`HolidayRules::ATW`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Calendar {
    rules: HolidayRules,
}

/// The holidays a year's rules produce, in order of precedence: when two fall on one date
/// (Hemelvaartsdag on 5 May, as in 2005), the earlier entry names it.
type YearHolidays = [Option<(NaiveDate, Holiday)>; 11];

impl Calendar {
    /// The calendar of the Algemene termijnenwet (the default).
    pub const ATW: Calendar = Calendar {
        rules: HolidayRules::ATW,
    };

    /// A calendar with other rules.
    pub const fn new(rules: HolidayRules) -> Self {
        Calendar { rules }
    }

    /// The rules this calendar applies.
    pub const fn rules(&self) -> &HolidayRules {
        &self.rules
    }

    /// The holiday `date` is, if any, whatever the weekday: Tweede Kerstdag 2026 is a
    /// Saturday and still `Some(Holiday::TweedeKerstdag)`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use iwmo_ledger::calendar::{Calendar, Holiday};
    ///
    /// let koningsdag = NaiveDate::from_ymd_opt(2025, 4, 26).unwrap(); // 27 April was a Sunday
    /// assert_eq!(Calendar::default().is_holiday(koningsdag), Some(Holiday::Koningsdag));
    /// ```
    pub fn is_holiday(&self, date: NaiveDate) -> Option<Holiday> {
        self.rule_holiday(date).or_else(|| {
            self.rules
                .gelijkgestelde_dagen
                .contains(&date)
                .then_some(Holiday::GelijkgesteldeDag)
        })
    }

    /// Monday to Friday and not a holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        is_weekday(date) && self.is_holiday(date).is_none()
    }

    /// The deadline "within `n` working days after `date`": the `n`-th working day strictly
    /// after `date`. `date` itself never counts, working day or not; `n = 0` gives `date`.
    /// For `n ≥ 1` the result is always a working day. `None` when it would lie beyond
    /// [`NaiveDate::MAX`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use iwmo_ledger::calendar::Calendar;
    ///
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let calendar = Calendar::default();
    /// // Received Friday 6 March 2026, retour within 3 working days: Wednesday 11 March.
    /// assert_eq!(calendar.add_working_days(date(2026, 3, 6), 3), Some(date(2026, 3, 11)));
    /// // Received Thursday 2 April 2026, 5 working days: Goede Vrijdag 3 April, the weekend and
    /// // Tweede Paasdag 6 April do not count; Tuesday 7 … Friday 10, Monday 13 April.
    /// assert_eq!(calendar.add_working_days(date(2026, 4, 2), 5), Some(date(2026, 4, 13)));
    /// assert_eq!(calendar.add_working_days(date(2026, 4, 2), 0), Some(date(2026, 4, 2)));
    /// assert_eq!(calendar.add_working_days(NaiveDate::MAX, 1), None);
    /// ```
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut current = date;
        let mut remaining = i64::from(n);
        while remaining > 0 {
            // Jump whole weeks holding at most `remaining` weekdays, so never past the answer;
            // near the end of the representable range, shorten the jump to what is left.
            let room = NaiveDate::MAX
                .signed_duration_since(current)
                .num_days()
                .div_euclid(7);
            let weeks = (remaining / 5).min(room);
            if weeks > 0 {
                let next = current.checked_add_days(Days::new(weeks as u64 * 7))?;
                remaining -= self.working_days_in(current, next);
                current = next;
            } else {
                current = current.succ_opt()?;
                if self.is_working_day(current) {
                    remaining -= 1;
                }
            }
        }
        // A whole-week jump can end on a weekend or holiday after the n-th working day: that
        // day is the last working day up to here.
        while n > 0 && !self.is_working_day(current) {
            current = current.pred_opt()?;
        }
        Some(current)
    }

    /// The number of working days strictly after `from` up to and including `to`; when `to`
    /// is before `from`, minus the number strictly after `to` up to and including `from`
    /// (so `working_days_between(a, b) == -working_days_between(b, a)`). Used to say how late
    /// something is: `working_days_between(deadline, today)`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use iwmo_ledger::calendar::Calendar;
    ///
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let calendar = Calendar::default();
    /// // Thursday 24 December 2026 to Monday 4 January 2027: 28, 29, 30, 31 December and 4
    /// // January (Christmas, the weekends and Nieuwjaarsdag do not count).
    /// assert_eq!(calendar.working_days_between(date(2026, 12, 24), date(2027, 1, 4)), 5);
    /// assert_eq!(calendar.working_days_between(date(2027, 1, 4), date(2026, 12, 24)), -5);
    /// ```
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if from <= to {
            self.working_days_in(from, to)
        } else {
            -self.working_days_in(to, from)
        }
    }

    /// Whether, on `today`, the deadline of `n` working days after `event` (a receipt, a start,
    /// an end) has passed: `today` is after [`Calendar::add_working_days`]`(event, n)`. The
    /// deadline day itself is still in time. `false` when the deadline is not representable.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use iwmo_ledger::calendar::Calendar;
    ///
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let calendar = Calendar::default();
    /// assert!(!calendar.deadline_passed(date(2026, 3, 6), 3, date(2026, 3, 11)));
    /// assert!(calendar.deadline_passed(date(2026, 3, 6), 3, date(2026, 3, 12)));
    /// ```
    pub fn deadline_passed(&self, event: NaiveDate, n: u32, today: NaiveDate) -> bool {
        self.add_working_days(event, n)
            .is_some_and(|deadline| today > deadline)
    }

    /// Every holiday of `year` in date order (for listings; it tests all days of the year).
    pub fn holidays_in_year(&self, year: i32) -> impl Iterator<Item = (NaiveDate, Holiday)> + '_ {
        NaiveDate::from_yo_opt(year, 1)
            .into_iter()
            .flat_map(|first| first.iter_days())
            .take_while(move |date| date.year() == year)
            .filter_map(|date| self.is_holiday(date).map(|holiday| (date, holiday)))
    }

    /// Working days in `(from, to]`, `from <= to`: weekdays minus holidays on weekdays.
    fn working_days_in(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        weekdays_up_to(to) - weekdays_up_to(from) - self.weekday_holidays_in(from, to)
    }

    /// Distinct holidays in `(from, to]` that fall on Monday to Friday.
    fn weekday_holidays_in(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let counts = |date: NaiveDate| date > from && date <= to && is_weekday(date);
        let mut count = 0;
        for year in from.year()..=to.year() {
            let days = self.year_holidays(year);
            for (i, entry) in days.iter().enumerate() {
                if let Some((date, _)) = *entry {
                    let first = !days[..i]
                        .iter()
                        .any(|other| matches!(other, Some((d, _)) if *d == date));
                    if first && counts(date) {
                        count += 1;
                    }
                }
            }
        }
        let decreed = self.rules.gelijkgestelde_dagen;
        for (i, &date) in decreed.iter().enumerate() {
            if counts(date) && !decreed[..i].contains(&date) && self.rule_holiday(date).is_none() {
                count += 1;
            }
        }
        count
    }

    /// The holiday `date` is by the year's rules (without decreed days).
    fn rule_holiday(&self, date: NaiveDate) -> Option<Holiday> {
        self.year_holidays(date.year())
            .into_iter()
            .flatten()
            .find(|(d, _)| *d == date)
            .map(|(_, holiday)| holiday)
    }

    /// The holidays of `year` by the rules, in order of precedence.
    fn year_holidays(&self, year: i32) -> YearHolidays {
        let easter = easter_sunday(year);
        let from_easter = |offset: i64, holiday: Holiday| {
            let date = easter?;
            let shifted = if offset >= 0 {
                date.checked_add_days(Days::new(offset as u64))
            } else {
                date.checked_sub_days(Days::new(offset.unsigned_abs()))
            };
            shifted.map(|d| (d, holiday))
        };
        let fixed = |month: u32, day: u32, holiday: Holiday| {
            NaiveDate::from_ymd_opt(year, month, day).map(|d| (d, holiday))
        };
        let goede_vrijdag = if self.rules.goede_vrijdag {
            from_easter(-2, Holiday::GoedeVrijdag)
        } else {
            None
        };
        let bevrijdingsdag = match self.rules.bevrijdingsdag {
            Bevrijdingsdag::EveryYear => true,
            Bevrijdingsdag::LustrumYears => year.rem_euclid(5) == 0,
            Bevrijdingsdag::Never => false,
        };
        [
            fixed(1, 1, Holiday::Nieuwjaarsdag),
            goede_vrijdag,
            from_easter(0, Holiday::EerstePaasdag),
            from_easter(1, Holiday::TweedePaasdag),
            from_easter(39, Holiday::Hemelvaartsdag),
            from_easter(49, Holiday::EerstePinksterdag),
            from_easter(50, Holiday::TweedePinksterdag),
            royal_day(year),
            if bevrijdingsdag {
                fixed(5, 5, Holiday::Bevrijdingsdag)
            } else {
                None
            },
            fixed(12, 25, Holiday::EersteKerstdag),
            fixed(12, 26, Holiday::TweedeKerstdag),
        ]
    }
}

/// Koningsdag or Koninginnedag of `year`, as celebrated (see [`Holiday::Koninginnedag`]).
fn royal_day(year: i32) -> Option<(NaiveDate, Holiday)> {
    let on = |month: u32, day: u32| NaiveDate::from_ymd_opt(year, month, day);
    let sunday = |date: NaiveDate| date.weekday() == Weekday::Sun;
    match year {
        2014.. => {
            let date = on(4, 27)?;
            let date = if sunday(date) { date.pred_opt()? } else { date };
            Some((date, Holiday::Koningsdag))
        }
        1980..=2013 => {
            let date = on(4, 30)?;
            let date = if sunday(date) { date.pred_opt()? } else { date };
            Some((date, Holiday::Koninginnedag))
        }
        1949..=1979 => {
            let date = on(4, 30)?;
            let date = if sunday(date) { date.succ_opt()? } else { date };
            Some((date, Holiday::Koninginnedag))
        }
        1891..=1948 => Some((on(8, 31)?, Holiday::Koninginnedag)),
        _ => None,
    }
}

fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The number of weekdays (Monday to Friday) from a fixed origin up to and including `date`;
/// only differences are meaningful. 0001-01-01, day 1 of the common era, is a Monday, so day
/// `x` is a weekend day when `x mod 7` is 6 or 0.
fn weekdays_up_to(date: NaiveDate) -> i64 {
    let x = i64::from(date.num_days_from_ce());
    5 * x.div_euclid(7) + x.rem_euclid(7).min(5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_origin_is_a_monday() {
        assert_eq!(ymd(1, 1, 1).weekday(), Weekday::Mon);
        assert_eq!(ymd(1, 1, 1).num_days_from_ce(), 1);
    }

    #[test]
    fn weekdays_up_to_steps_by_one_on_weekdays_only() {
        let mut date = ymd(2026, 1, 1);
        for _ in 0..30 {
            let next = date.succ_opt().unwrap();
            let step = weekdays_up_to(next) - weekdays_up_to(date);
            assert_eq!(step, i64::from(is_weekday(next)), "{next}");
            date = next;
        }
    }
}
