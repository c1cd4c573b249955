//! Dutch working days: Easter against published tables, the holidays of 2026 and 2027 against
//! published lists, the royal day through its rule changes, deadline examples around Easter,
//! Pentecost, Christmas and weekends, the options, the edges of chrono's range, and the
//! counting identities as properties checked against a day-by-day count.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use iwmo_ledger::calendar::{
    easter_sunday, Bevrijdingsdag, Calendar, Holiday, HolidayRules, GELIJKGESTELDE_DAGEN_2023_2028,
};
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Easter Sunday, (year, month, day), from published tables:
/// - 1980–2024: the U.S. Naval Observatory table "The following are dates of Easter from 1980
///   to 2024", reprinted in the header of its Fortran routine `Easter` (algorithm of Oudin,
///   1940, Explanatory Supplement to the Astronomical Almanac, 1992);
/// - 1818, 1886, 1943, 1954, 1991, 1992, 2000, 2285: the worked examples of Meeus,
///   *Astronomical Algorithms*, ch. 8 p. 68, as used in the tests of
///   mcorne/astronomical-algorithms (`examples/aa-gregorian-easter-date.php`), including the
///   extremes 22 March (1818, 2285) and 25 April (1886, 1943);
/// - 2038: 25 April, the third 25-April year Meeus lists with 1886 and 1943;
/// - 2025: jaarkalender.nl/feestdagen/2025 and kalenders.info/feestdagen/2025 (20 April);
/// - 2026: naswerkt.nl/werknemers/officiele-feestdagen (5 April);
/// - 2027: holidaydb.com/guides/public-holidays/netherlands/2027 (28 March);
/// - 2030: the Mathics3 reference of `EasterSunday` (21 April).
const EASTER: &[(i32, u32, u32)] = &[
    (1818, 3, 22),
    (1886, 4, 25),
    (1943, 4, 25),
    (1954, 4, 18),
    (1980, 4, 6),
    (1981, 4, 19),
    (1982, 4, 11),
    (1983, 4, 3),
    (1984, 4, 22),
    (1985, 4, 7),
    (1986, 3, 30),
    (1987, 4, 19),
    (1988, 4, 3),
    (1989, 3, 26),
    (1990, 4, 15),
    (1991, 3, 31),
    (1992, 4, 19),
    (1993, 4, 11),
    (1994, 4, 3),
    (1995, 4, 16),
    (1996, 4, 7),
    (1997, 3, 30),
    (1998, 4, 12),
    (1999, 4, 4),
    (2000, 4, 23),
    (2001, 4, 15),
    (2002, 3, 31),
    (2003, 4, 20),
    (2004, 4, 11),
    (2005, 3, 27),
    (2006, 4, 16),
    (2007, 4, 8),
    (2008, 3, 23),
    (2009, 4, 12),
    (2010, 4, 4),
    (2011, 4, 24),
    (2012, 4, 8),
    (2013, 3, 31),
    (2014, 4, 20),
    (2015, 4, 5),
    (2016, 3, 27),
    (2017, 4, 16),
    (2018, 4, 1),
    (2019, 4, 21),
    (2020, 4, 12),
    (2021, 4, 4),
    (2022, 4, 17),
    (2023, 4, 9),
    (2024, 3, 31),
    (2025, 4, 20),
    (2026, 4, 5),
    (2027, 3, 28),
    (2030, 4, 21),
    (2038, 4, 25),
    (2285, 3, 22),
];

#[test]
fn easter_matches_the_published_tables() {
    assert!(EASTER.len() >= 30);
    for &(y, m, d) in EASTER {
        assert_eq!(easter_sunday(y), Some(date(y, m, d)), "Easter {y}");
    }
}

/// The USNO routine (Oudin's algorithm), a different computation from the one in the crate.
fn easter_oudin(y: i32) -> NaiveDate {
    let c = y / 100;
    let n = y - 19 * (y / 19);
    let k = (c - 17) / 25;
    let mut i = c - c / 4 - (c - k) / 3 + 19 * n + 15;
    i -= 30 * (i / 30);
    i -= (i / 28) * (1 - (i / 28) * (29 / (i + 1)) * ((21 - n) / 11));
    let mut j = y + y / 4 + i + 2 - c + c / 4;
    j -= 7 * (j / 7);
    let l = i - j;
    let m = 3 + (l + 40) / 44;
    let d = l + 28 - 31 * (m / 4);
    date(y, m as u32, d as u32)
}

#[test]
fn easter_agrees_with_oudin_and_is_a_sunday_between_22_march_and_25_april() {
    for y in 1583..=9999 {
        let easter = easter_sunday(y).unwrap();
        assert_eq!(easter, easter_oudin(y), "Easter {y}");
        assert_eq!(easter.weekday(), Weekday::Sun, "Easter {y}");
        assert!(
            easter >= date(y, 3, 22) && easter <= date(y, 4, 25),
            "Easter {y}"
        );
    }
}

#[test]
fn easter_outside_chrono_is_none_and_never_panics() {
    assert_eq!(easter_sunday(i32::MAX), None);
    assert_eq!(easter_sunday(i32::MIN), None);
    for y in [NaiveDate::MAX.year(), NaiveDate::MIN.year(), -1, 0, 1, 1582] {
        let easter = easter_sunday(y).unwrap();
        assert_eq!(easter.weekday(), Weekday::Sun, "Easter {y}");
    }
}

/// The holidays of 2026 by the default (Atw) rules, as listed on
/// naswerkt.nl/werknemers/officiele-feestdagen and alle-feestdagen.be/nederland/feestdagen-2026.
#[test]
fn every_holiday_of_2026() {
    let expected = [
        (date(2026, 1, 1), Holiday::Nieuwjaarsdag),   // Thursday
        (date(2026, 4, 3), Holiday::GoedeVrijdag),    // Friday
        (date(2026, 4, 5), Holiday::EerstePaasdag),   // Sunday
        (date(2026, 4, 6), Holiday::TweedePaasdag),   // Monday
        (date(2026, 4, 27), Holiday::Koningsdag),     // Monday
        (date(2026, 5, 5), Holiday::Bevrijdingsdag),  // Tuesday
        (date(2026, 5, 14), Holiday::Hemelvaartsdag), // Thursday
        (date(2026, 5, 24), Holiday::EerstePinksterdag), // Sunday
        (date(2026, 5, 25), Holiday::TweedePinksterdag), // Monday
        (date(2026, 12, 25), Holiday::EersteKerstdag), // Friday
        (date(2026, 12, 26), Holiday::TweedeKerstdag), // Saturday
    ];
    let calendar = Calendar::default();
    let listed: Vec<_> = calendar.holidays_in_year(2026).collect();
    assert_eq!(listed, expected);
    let working: Vec<_> = expected
        .iter()
        .filter(|(d, _)| calendar.is_working_day(*d))
        .collect();
    assert!(working.is_empty(), "{working:?}");
    // Two weekday holidays in a row around Easter: 3 and 6 April, with the weekend between.
    assert!(calendar.is_working_day(date(2026, 4, 2)));
    assert!(calendar.is_working_day(date(2026, 4, 7)));
}

/// The holidays of 2027 by the default rules, as listed on
/// holidaydb.com/guides/public-holidays/netherlands/2027.
#[test]
fn every_holiday_of_2027() {
    let expected = [
        (date(2027, 1, 1), Holiday::Nieuwjaarsdag),      // Friday
        (date(2027, 3, 26), Holiday::GoedeVrijdag),      // Friday
        (date(2027, 3, 28), Holiday::EerstePaasdag),     // Sunday
        (date(2027, 3, 29), Holiday::TweedePaasdag),     // Monday
        (date(2027, 4, 27), Holiday::Koningsdag),        // Tuesday
        (date(2027, 5, 5), Holiday::Bevrijdingsdag),     // Wednesday
        (date(2027, 5, 6), Holiday::Hemelvaartsdag),     // Thursday
        (date(2027, 5, 16), Holiday::EerstePinksterdag), // Sunday
        (date(2027, 5, 17), Holiday::TweedePinksterdag), // Monday
        (date(2027, 12, 25), Holiday::EersteKerstdag),   // Saturday
        (date(2027, 12, 26), Holiday::TweedeKerstdag),   // Sunday
    ];
    let listed: Vec<_> = Calendar::default().holidays_in_year(2027).collect();
    assert_eq!(listed, expected);
}

#[test]
fn the_royal_day_through_its_rule_changes() {
    let calendar = Calendar::default();
    let royal = |year| {
        calendar
            .holidays_in_year(year)
            .filter(|(_, h)| matches!(h, Holiday::Koningsdag | Holiday::Koninginnedag))
            .collect::<Vec<_>>()
    };
    // 27 April 2025 is a Sunday: Koningsdag on Saturday 26 April (gemeente.groningen.nl).
    assert_eq!(date(2025, 4, 27).weekday(), Weekday::Sun);
    assert_eq!(royal(2025), [(date(2025, 4, 26), Holiday::Koningsdag)]);
    assert_eq!(calendar.is_holiday(date(2025, 4, 27)), None);
    // The first Koningsdag, Saturday 26 April 2014 (overzicht-feestdagen.nl).
    assert_eq!(royal(2014), [(date(2014, 4, 26), Holiday::Koningsdag)]);
    assert_eq!(royal(2026), [(date(2026, 4, 27), Holiday::Koningsdag)]);
    // The last Koninginnedag, Tuesday 30 April 2013.
    assert_eq!(royal(2013), [(date(2013, 4, 30), Holiday::Koninginnedag)]);
    assert!(!calendar.is_working_day(date(2013, 4, 30)));
    assert!(calendar.is_working_day(date(2013, 4, 29)));
    // 30 April 2006 is a Sunday: Saturday 29 April, the rule since 1980 (overzicht-feestdagen.nl).
    assert_eq!(royal(2006), [(date(2006, 4, 29), Holiday::Koninginnedag)]);
    // Before 1980 a Sunday 30 April moved to Monday 1 May: 1961.
    assert_eq!(date(1961, 4, 30).weekday(), Weekday::Sun);
    assert_eq!(royal(1961), [(date(1961, 5, 1), Holiday::Koninginnedag)]);
    assert!(!calendar.is_working_day(date(1961, 5, 1)));
    assert_eq!(royal(1949), [(date(1949, 4, 30), Holiday::Koninginnedag)]);
    // Wilhelmina's 31 August until 1948; nothing before 1891.
    assert_eq!(royal(1948), [(date(1948, 8, 31), Holiday::Koninginnedag)]);
    assert_eq!(royal(1891), [(date(1891, 8, 31), Holiday::Koninginnedag)]);
    assert!(royal(1890).is_empty());
    // Far ahead the present rule is assumed.
    assert_eq!(royal(2199), [(date(2199, 4, 27), Holiday::Koningsdag)]);
}

#[test]
fn dutch_names() {
    assert_eq!(Holiday::TweedePaasdag.dutch_name(), "Tweede Paasdag");
    assert_eq!(Holiday::GoedeVrijdag.to_string(), "Goede Vrijdag");
    assert_eq!(Holiday::Koninginnedag.dutch_name(), "Koninginnedag");
    assert_eq!(
        Holiday::EerstePinksterdag.dutch_name(),
        "Eerste Pinksterdag"
    );
}

#[test]
fn coinciding_holidays_count_once_and_the_easter_one_names_the_day() {
    // Easter 2005 was 27 March, so Hemelvaartsdag (+39) fell on 5 May.
    let calendar = Calendar::default();
    let day = date(2005, 5, 5);
    assert_eq!(calendar.is_holiday(day), Some(Holiday::Hemelvaartsdag));
    assert_eq!(
        calendar
            .holidays_in_year(2005)
            .filter(|(d, _)| *d == day)
            .count(),
        1
    );
    // Monday 2 May to Friday 6 May 2005: four working days, not three.
    assert_eq!(
        calendar.working_days_between(date(2005, 5, 1), date(2005, 5, 6)),
        4
    );
    let without_5_may = Calendar::new(HolidayRules {
        bevrijdingsdag: Bevrijdingsdag::Never,
        ..HolidayRules::ATW
    });
    assert_eq!(without_5_may.is_holiday(day), Some(Holiday::Hemelvaartsdag));
}

#[test]
fn the_default_is_the_atw() {
    let rules = HolidayRules::default();
    assert_eq!(rules, HolidayRules::ATW);
    assert!(rules.goede_vrijdag);
    assert_eq!(rules.bevrijdingsdag, Bevrijdingsdag::EveryYear);
    assert!(rules.gelijkgestelde_dagen.is_empty());
    assert_eq!(Calendar::default(), Calendar::ATW);
    assert_eq!(Calendar::ATW.rules(), &rules);
}

#[test]
fn options() {
    let atw = Calendar::default();
    let no_good_friday = Calendar::new(HolidayRules {
        goede_vrijdag: false,
        ..HolidayRules::ATW
    });
    assert_eq!(
        atw.is_holiday(date(2026, 4, 3)),
        Some(Holiday::GoedeVrijdag)
    );
    assert_eq!(no_good_friday.is_holiday(date(2026, 4, 3)), None);
    assert!(no_good_friday.is_working_day(date(2026, 4, 3)));

    let lustrum = Calendar::new(HolidayRules {
        bevrijdingsdag: Bevrijdingsdag::LustrumYears,
        ..HolidayRules::ATW
    });
    assert_eq!(
        lustrum.is_holiday(date(2025, 5, 5)),
        Some(Holiday::Bevrijdingsdag)
    );
    assert_eq!(
        lustrum.is_holiday(date(2030, 5, 5)),
        Some(Holiday::Bevrijdingsdag)
    );
    assert!(lustrum.is_working_day(date(2026, 5, 5)));
    assert!(!atw.is_working_day(date(2026, 5, 5)));

    let decreed = Calendar::new(HolidayRules {
        gelijkgestelde_dagen: GELIJKGESTELDE_DAGEN_2023_2028,
        ..HolidayRules::ATW
    });
    // Friday 15 May 2026, after Hemelvaartsdag, equated by decree.
    assert_eq!(
        decreed.is_holiday(date(2026, 5, 15)),
        Some(Holiday::GelijkgesteldeDag)
    );
    assert!(atw.is_working_day(date(2026, 5, 15)));
    for &day in GELIJKGESTELDE_DAGEN_2023_2028 {
        assert_eq!(day.weekday(), Weekday::Fri, "{day}");
        assert!(!decreed.is_working_day(day), "{day}");
        assert_eq!(atw.is_holiday(day), None, "{day}");
    }
    // Received Wednesday 13 May 2026, 3 working days. Atw: Friday 15 (1), Monday 18 (2),
    // Tuesday 19 (3). With the decree the Friday drops out: Monday 18, Tuesday 19, Wednesday 20.
    assert_eq!(
        atw.add_working_days(date(2026, 5, 13), 3),
        Some(date(2026, 5, 19))
    );
    assert_eq!(
        decreed.add_working_days(date(2026, 5, 13), 3),
        Some(date(2026, 5, 20))
    );
    assert_eq!(
        decreed.working_days_between(date(2026, 5, 13), date(2026, 5, 20)),
        3
    );
}

/// Deadlines worked out by hand; the start day never counts.
#[test]
fn deadline_examples() {
    let calendar = Calendar::default();
    let add = |d, n| calendar.add_working_days(d, n).unwrap();

    // OP090: a 315 received Friday 6 March 2026, retour within 3 working days:
    // Monday 9 (1), Tuesday 10 (2), Wednesday 11 (3).
    assert_eq!(add(date(2026, 3, 6), 3), date(2026, 3, 11));
    // Received on the Saturday or Sunday: the same deadline; on Monday 9: Thursday 12.
    assert_eq!(add(date(2026, 3, 7), 3), date(2026, 3, 11));
    assert_eq!(add(date(2026, 3, 8), 3), date(2026, 3, 11));
    assert_eq!(add(date(2026, 3, 9), 3), date(2026, 3, 12));

    // OP271: a 305 received Thursday 2 April 2026, within 5 working days. Friday 3 April is
    // Goede Vrijdag, 4–5 April the weekend (Eerste Paasdag), Monday 6 April Tweede Paasdag;
    // then Tuesday 7 (1), Wednesday 8 (2), Thursday 9 (3), Friday 10 (4), Monday 13 (5).
    assert_eq!(add(date(2026, 4, 2), 5), date(2026, 4, 13));
    // Counting Goede Vrijdag as a working day: Friday 3 (1), Tuesday 7 (2) … Friday 10 (5).
    let no_good_friday = Calendar::new(HolidayRules {
        goede_vrijdag: false,
        ..HolidayRules::ATW
    });
    assert_eq!(
        no_good_friday.add_working_days(date(2026, 4, 2), 5),
        Some(date(2026, 4, 10))
    );

    // Koningsdag Monday 27 April 2026: received Friday 24 April, 3 working days:
    // Tuesday 28 (1), Wednesday 29 (2), Thursday 30 (3).
    assert_eq!(add(date(2026, 4, 24), 3), date(2026, 4, 30));
    // Koningsdag and Bevrijdingsdag in one stretch: received Friday 24 April 2026, 10 working
    // days: 28, 29, 30 April, 1 May (4), Monday 4 May (5), Tuesday 5 May is Bevrijdingsdag,
    // 6, 7, 8 May (8), 11, 12 May (10).
    assert_eq!(add(date(2026, 4, 24), 10), date(2026, 5, 12));

    // Pentecost: received Friday 22 May 2026, 1 working day: Monday 25 is Tweede
    // Pinksterdag, so Tuesday 26 May.
    assert_eq!(add(date(2026, 5, 22), 1), date(2026, 5, 26));

    // Christmas 2025 (Thursday and Friday): received Wednesday 24 December 2025, 3 working
    // days: Monday 29 (1), Tuesday 30 (2), Wednesday 31 (3).
    assert_eq!(add(date(2025, 12, 24), 3), date(2025, 12, 31));

    // Christmas 2026 (Friday and Saturday) and Nieuwjaarsdag 2027 (Friday): received
    // Wednesday 23 December 2026. 3 working days: Thursday 24 (1), Monday 28 (2), Tuesday
    // 29 (3). 10 working days (a 325): 24, 28, 29, 30, 31 December (5), Friday 1 January is
    // Nieuwjaarsdag, Monday 4 (6), 5, 6, 7 (9), Friday 8 January 2027 (10).
    assert_eq!(add(date(2026, 12, 23), 3), date(2026, 12, 29));
    assert_eq!(add(date(2026, 12, 23), 10), date(2027, 1, 8));

    // n = 0 is the day itself, even on a holiday.
    assert_eq!(add(date(2026, 12, 25), 0), date(2026, 12, 25));
}

#[test]
fn how_late() {
    let calendar = Calendar::default();
    let received = date(2026, 4, 2); // Thursday before Easter
    let due = calendar.add_working_days(received, 5).unwrap(); // Monday 13 April
    assert!(!calendar.deadline_passed(received, 5, date(2026, 4, 13)));
    assert!(calendar.deadline_passed(received, 5, date(2026, 4, 14)));
    assert_eq!(calendar.working_days_between(due, date(2026, 4, 14)), 1);
    // Sent Friday 24 April: 14–17 and 20–24 April, 9 working days late.
    assert_eq!(calendar.working_days_between(due, date(2026, 4, 24)), 9);
    // Sent on Monday 27 April (Koningsdag) or the weekend before: still 9.
    assert_eq!(calendar.working_days_between(due, date(2026, 4, 27)), 9);
    assert_eq!(calendar.working_days_between(due, date(2026, 4, 26)), 9);
    // Early: negative.
    assert_eq!(calendar.working_days_between(due, date(2026, 4, 9)), -2);
    assert_eq!(calendar.working_days_between(due, due), 0);
    // Over the year end: Thursday 24 December 2026 to Monday 4 January 2027.
    assert_eq!(
        calendar.working_days_between(date(2026, 12, 24), date(2027, 1, 4)),
        5
    );
    // A whole year: 2026 has 261 weekdays, 8 of them Atw holidays (1 January, 3 and 6 April,
    // 27 April, 5 and 14 May, 25 May, 25 December): 261 − 8 = 253.
    assert_eq!(
        calendar.working_days_between(date(2025, 12, 31), date(2026, 12, 31)),
        253
    );
}

#[test]
fn the_edges_of_chrono_never_panic() {
    let calendar = Calendar::default();
    let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
    assert_eq!(calendar.add_working_days(max, 1), None);
    assert_eq!(calendar.add_working_days(max, 0), Some(max));
    assert_eq!(calendar.add_working_days(min, u32::MAX), None);
    assert!(calendar.add_working_days(min, 5).is_some());
    assert!(!calendar.deadline_passed(max, 1, max));
    let _ = calendar.is_holiday(min);
    let _ = calendar.is_holiday(max);
    let _ = calendar.is_working_day(min);
    let _ = calendar.is_working_day(max);
    assert!(calendar.holidays_in_year(max.year()).count() >= 9);
    assert!(calendar.holidays_in_year(min.year()).count() >= 9);
    assert_eq!(calendar.holidays_in_year(i32::MAX).count(), 0);
    let all = calendar.working_days_between(min, max);
    assert!(all > 0);
    assert_eq!(calendar.working_days_between(max, min), -all);

    // Right up to the last representable day: the last working day is found exactly, one
    // more does not exist.
    let start = max.checked_sub_days(Days::new(40)).unwrap();
    let n = calendar.working_days_between(start, max) as u32;
    let last = calendar.add_working_days(start, n).unwrap();
    assert!(calendar.is_working_day(last));
    assert!(last
        .iter_days()
        .skip(1)
        .all(|d| !calendar.is_working_day(d)));
    assert_eq!(calendar.add_working_days(start, n + 1), None);
}

fn rules_strategy() -> impl Strategy<Value = HolidayRules> {
    (any::<bool>(), 0..3u8, any::<bool>()).prop_map(|(goede_vrijdag, bevrijding, decreed)| {
        HolidayRules {
            goede_vrijdag,
            bevrijdingsdag: match bevrijding {
                0 => Bevrijdingsdag::EveryYear,
                1 => Bevrijdingsdag::LustrumYears,
                _ => Bevrijdingsdag::Never,
            },
            gelijkgestelde_dagen: if decreed {
                GELIJKGESTELDE_DAGEN_2023_2028
            } else {
                &[]
            },
        }
    })
}

/// A date from 1900-01-01 to 2199-12-31.
fn date_strategy() -> impl Strategy<Value = NaiveDate> {
    let first = date(1900, 1, 1);
    let days = date(2199, 12, 31).signed_duration_since(first).num_days() as u64;
    (0..=days).prop_map(move |n| first + Days::new(n))
}

/// A date from 2022 to 2029, where the decreed days are.
fn recent_date_strategy() -> impl Strategy<Value = NaiveDate> {
    (0..=8 * 366u64).prop_map(|n| date(2022, 1, 1) + Days::new(n))
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![date_strategy(), recent_date_strategy()]
}

/// Day by day, the obvious way.
fn naive_add(calendar: &Calendar, mut d: NaiveDate, n: u32) -> NaiveDate {
    let mut left = n;
    while left > 0 {
        d = d.succ_opt().unwrap();
        if calendar.is_working_day(d) {
            left -= 1;
        }
    }
    d
}

fn naive_between(calendar: &Calendar, from: NaiveDate, to: NaiveDate) -> i64 {
    let (lo, hi, sign) = if from <= to {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let count = lo
        .iter_days()
        .skip(1)
        .take_while(|d| *d <= hi)
        .filter(|d| calendar.is_working_day(*d))
        .count() as i64;
    sign * count
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn adding_then_counting_gives_n(rules in rules_strategy(), d in any_date(), n in 0u32..400) {
        let calendar = Calendar::new(rules);
        let due = calendar.add_working_days(d, n).unwrap();
        prop_assert_eq!(calendar.working_days_between(d, due), i64::from(n));
        prop_assert_eq!(calendar.working_days_between(due, d), -i64::from(n));
        prop_assert_eq!(due, naive_add(&calendar, d, n));
        if n > 0 {
            prop_assert!(calendar.is_working_day(due));
            prop_assert!(due > d);
        } else {
            prop_assert_eq!(due, d);
        }
    }

    #[test]
    fn adding_is_monotonic(
        rules in rules_strategy(),
        d in any_date(),
        later in 0u64..60,
        n in 0u32..200,
    ) {
        let calendar = Calendar::new(rules);
        let e = d + Days::new(later);
        let at_d = calendar.add_working_days(d, n).unwrap();
        prop_assert!(at_d < calendar.add_working_days(d, n + 1).unwrap());
        prop_assert!(at_d <= calendar.add_working_days(e, n).unwrap());
    }

    #[test]
    fn counting_matches_day_by_day(
        rules in rules_strategy(),
        a in any_date(),
        offset in -800i64..800,
    ) {
        let calendar = Calendar::new(rules);
        let b = if offset >= 0 {
            a + Days::new(offset as u64)
        } else {
            a - Days::new(offset.unsigned_abs())
        };
        prop_assert_eq!(calendar.working_days_between(a, b), naive_between(&calendar, a, b));
    }

    #[test]
    fn counting_is_antisymmetric_and_additive(
        rules in rules_strategy(),
        a in any_date(),
        b in any_date(),
        c in any_date(),
    ) {
        let calendar = Calendar::new(rules);
        let ab = calendar.working_days_between(a, b);
        prop_assert_eq!(ab, -calendar.working_days_between(b, a));
        prop_assert_eq!(
            ab + calendar.working_days_between(b, c),
            calendar.working_days_between(a, c)
        );
        if a <= b {
            prop_assert!(ab >= 0);
        }
    }

    #[test]
    fn deadline_passed_is_after_the_deadline(
        rules in rules_strategy(),
        d in any_date(),
        n in 0u32..30,
        after in -30i64..60,
    ) {
        let calendar = Calendar::new(rules);
        let today = if after >= 0 {
            d + Days::new(after as u64)
        } else {
            d - Days::new(after.unsigned_abs())
        };
        let due = calendar.add_working_days(d, n).unwrap();
        prop_assert_eq!(calendar.deadline_passed(d, n, today), today > due);
        if calendar.deadline_passed(d, n, today) && calendar.is_working_day(today) {
            prop_assert!(calendar.working_days_between(due, today) >= 1);
        }
    }

    #[test]
    fn holidays_of_a_year_are_holidays(rules in rules_strategy(), year in 1900i32..2200) {
        let calendar = Calendar::new(rules);
        let list: Vec<_> = calendar.holidays_in_year(year).collect();
        prop_assert!(list.len() >= 8 && list.len() <= 16, "{} holidays", list.len());
        prop_assert!(list.windows(2).all(|w| w[0].0 < w[1].0));
        for (d, holiday) in list {
            prop_assert_eq!(d.year(), year);
            prop_assert_eq!(calendar.is_holiday(d), Some(holiday));
            prop_assert!(!calendar.is_working_day(d));
        }
    }
}
