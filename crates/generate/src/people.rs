//! The people and parties of a stream: clients (BSN, name, birth date, address) and aanbieders
//! (AGB codes), all drawn from the seed.
//!
//! BSNs are unique and pass the 11-proef (CS002). They are taken first from the test range
//! 999900006…999999990 that the Jw elfproef note names (spec rules §5.7), about 9,000 of them,
//! and beyond that from the rest of the nine-digit space (leading digit 1 to 9), in an order
//! that is a permutation of the eight-digit prefixes, so no BSN is ever drawn twice.

use chrono::NaiveDate;
use iwmo_model::Bsn;

use crate::rng::Rng;

/// One person: a client of the stream, or someone a wrong message names by mistake.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// The nine digits (a `u32` holds every nine-digit number).
    pub bsn: u32,
    pub geboortedatum: NaiveDate,
    pub vrouw: bool,
    pub voornamen: &'static str,
    pub achternaam: &'static str,
    pub voorvoegsel: Option<&'static str>,
    pub straat: &'static str,
    pub huisnummer: u32,
    pub postcode: String,
    /// A mobile number without its leading `06`.
    pub telefoon: Option<u32>,
}

impl Person {
    /// The BSN as the model holds it.
    pub(crate) fn bsn(&self) -> Bsn {
        bsn_of(self.bsn)
    }

    /// The same BSN with its last digit changed, so it fails the 11-proef (CS002): the sum
    /// changes by 1…9, never by a multiple of 11.
    pub(crate) fn bsn_failing_elfproef(&self) -> Bsn {
        let last = self.bsn % 10;
        bsn_of(self.bsn - last + (last + 1) % 10)
    }

    /// The voorletters of the voornamen (`Johanna Maria` → `JM`), at most 6 (LDT_Voorletters).
    pub(crate) fn voorletters(&self) -> String {
        self.voornamen
            .split_whitespace()
            .filter_map(|n| n.chars().next())
            .take(6)
            .collect()
    }
}

/// A nine-digit number as a BSN (always nine ASCII digits, so `Bsn::new` accepts it).
pub(crate) fn bsn_of(n: u32) -> Bsn {
    let digits = format!("{:09}", n % 1_000_000_000);
    Bsn::new(&digits).unwrap_or_else(|_| unreachable_bsn())
}

/// `format!("{:09}")` of a number below 10^9 is nine digits, so this is never reached; it
/// exists so the generator has no `unwrap` on that path.
fn unreachable_bsn() -> Bsn {
    match Bsn::new("999900006") {
        Ok(b) => b,
        Err(_) => unreachable!("nine digits are a BSN"),
    }
}

/// The check digit that makes an eight-digit prefix a BSN, if any: (9·d1 + … + 2·d8) mod 11,
/// which must be a single digit.
fn check_digit(prefix: u32) -> Option<u32> {
    let mut sum = 0;
    let mut rest = prefix;
    for weight in 2..=9 {
        sum += (rest % 10) * weight;
        rest /= 10;
    }
    let d = sum % 11;
    (d < 10).then_some(d)
}

/// A walk through `0..n` that visits every number once: `i ↦ (i·stride + offset) mod n` with
/// `stride` coprime to `n`.
#[derive(Debug, Clone)]
struct Permutation {
    n: u64,
    stride: u64,
    offset: u64,
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

impl Permutation {
    fn new(n: u64, rng: &mut Rng) -> Permutation {
        let mut stride = rng.range(n / 3, n.saturating_sub(1)).max(1);
        while gcd(stride, n) != 1 {
            stride += 1;
        }
        Permutation {
            n,
            stride,
            offset: rng.below(n),
        }
    }

    fn at(&self, i: u64) -> u64 {
        ((u128::from(i) * u128::from(self.stride) + u128::from(self.offset)) % u128::from(self.n))
            as u64
    }
}

/// Hands out distinct BSNs that pass the 11-proef: the test range first, then the rest.
#[derive(Debug, Clone)]
pub(crate) struct BsnSource {
    test: Permutation,
    rest: Permutation,
    next: u64,
}

/// Eight-digit prefixes of the test range 9999xxxx.
const TEST_PREFIXES: u64 = 10_000;
/// Prefixes 10000000 … 99989999: every other prefix with a leading digit 1 to 9.
const REST_PREFIXES: u64 = 89_990_000;

impl BsnSource {
    pub(crate) fn new(rng: &mut Rng) -> BsnSource {
        BsnSource {
            test: Permutation::new(TEST_PREFIXES, rng),
            rest: Permutation::new(REST_PREFIXES, rng),
            next: 0,
        }
    }

    /// The next BSN; `None` only after all ~82 million are handed out (the configuration
    /// limits keep far below that).
    pub(crate) fn next(&mut self) -> Option<u32> {
        while self.next < TEST_PREFIXES + REST_PREFIXES {
            let i = self.next;
            self.next += 1;
            let prefix = if i < TEST_PREFIXES {
                99_990_000 + self.test.at(i)
            } else {
                10_000_000 + self.rest.at(i - TEST_PREFIXES)
            } as u32;
            if let Some(d) = check_digit(prefix) {
                return Some(prefix * 10 + d);
            }
        }
        None
    }
}

/// `count` distinct AGB codes of eight digits, `98` and six drawn digits (the shape of the
/// fixtures' made-up codes, `98004132`).
pub(crate) fn agb_codes(count: usize, rng: &mut Rng) -> Vec<String> {
    let perm = Permutation::new(1_000_000, rng);
    (0..count as u64)
        .map(|i| format!("98{:06}", perm.at(i)))
        .collect()
}

const VROUW: &[&str] = &[
    "Maria",
    "Johanna Maria",
    "Anna",
    "Elisabeth",
    "Fatima",
    "Emma",
    "Sophie",
    "Julia",
    "Anouk",
    "Saskia",
    "Ingrid",
    "Wilhelmina Geertruida",
    "Yasmina",
    "Sanne",
    "Lotte",
    "Naima",
    "Zoë",
    "Hendrika",
    "Cornelia",
    "Aaltje",
];

const MAN: &[&str] = &[
    "Jan",
    "Pieter",
    "Hendrik",
    "Willem",
    "Mohamed",
    "Ahmed",
    "Kees",
    "Johannes Cornelis",
    "Gerrit",
    "Dirk",
    "Bram",
    "Daan",
    "Mustafa",
    "Thomas",
    "Lucas",
    "Gerardus Antonius",
    "Joost",
    "Rachid",
    "Cornelis",
    "Teun",
];

const ACHTERNAMEN: &[(&str, Option<&str>)] = &[
    ("Jong", Some("de")),
    ("Vries", Some("de")),
    ("Berg", Some("van den")),
    ("Dijk", Some("van")),
    ("Bakker", None),
    ("Janssen", None),
    ("Visser", None),
    ("Smit", None),
    ("Meijer", None),
    ("Mulder", None),
    ("Bos", None),
    ("Vos", None),
    ("Peters", None),
    ("Hendriks", None),
    ("Leeuwen", Some("van")),
    ("Dekker", None),
    ("Brouwer", None),
    ("Wit", Some("de")),
    ("Dijkstra", None),
    ("Graaf", Some("de")),
    ("El Amrani", None),
    ("Yılmaz", None),
    ("Kaya", None),
    ("Boer", Some("de")),
    ("Vermeulen", None),
    ("Heuvel", Some("van den")),
    ("Veen", Some("van der")),
    ("Wijk", Some("van")),
    ("Jansen", None),
    ("Kok", None),
    ("Haan", Some("de")),
    ("Koster", None),
    ("Willems", None),
    ("Bosch", Some("van den")),
    ("Linden", Some("van der")),
    ("Huisman", None),
    ("Özdemir", None),
    ("Şahin", None),
    ("Bouzid", None),
    ("Kramer", None),
];

/// Street names, at most 24 characters (LDT_Straatnaam).
const STRATEN: &[&str] = &[
    "Hooft Graaflandstraat",
    "Oudegracht",
    "Biltstraat",
    "Amsterdamsestraatweg",
    "Kanaalweg",
    "Vleutenseweg",
    "Lange Nieuwstraat",
    "Twijnstraat",
    "Adriaen van Ostadelaan",
    "Kerkstraat",
    "Dorpsstraat",
    "Stationsweg",
    "Molenweg",
    "Schoolstraat",
    "Julianalaan",
    "Wilhelminastraat",
    "Beatrixlaan",
    "Nieuwegracht",
    "Marnixlaan",
    "Tolsteegsingel",
];

/// The plaats of a few well-known CBS gemeentecodes, for the address; any other code gets
/// `Gemeente <code>`.
pub(crate) fn plaatsnaam(gemeente: &str) -> String {
    let known = [
        ("0344", "Utrecht"),
        ("0363", "Amsterdam"),
        ("0599", "Rotterdam"),
        ("0518", "'s-Gravenhage"),
        ("0772", "Eindhoven"),
        ("0014", "Groningen"),
        ("0855", "Tilburg"),
        ("0034", "Almere"),
        ("0758", "Breda"),
        ("0268", "Nijmegen"),
    ];
    known
        .iter()
        .find(|(code, _)| *code == gemeente)
        .map_or_else(|| format!("Gemeente {gemeente}"), |(_, p)| p.to_string())
}

/// One person with the given BSN, born 18 to 95 years before `reference`.
pub(crate) fn person(bsn: u32, reference: NaiveDate, gemeente: &str, rng: &mut Rng) -> Person {
    use chrono::Datelike;
    let vrouw = rng.chance(0.58);
    let voornamen = if vrouw {
        rng.pick(VROUW)
    } else {
        rng.pick(MAN)
    };
    let (achternaam, voorvoegsel) = rng.pick(ACHTERNAMEN);
    let year = reference.year() - rng.range32(18, 95) as i32;
    let day_of_year = rng.range32(1, 365);
    let geboortedatum = NaiveDate::from_yo_opt(year, day_of_year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 1, 1))
        .unwrap_or(reference);
    // Utrecht's postcodes are 35xx; elsewhere any Dutch postcode (CS089: 1000AA…9999ZZ).
    let digits = if gemeente == "0344" {
        rng.range32(3511, 3585)
    } else {
        rng.range32(1000, 9999)
    };
    let letter = |rng: &mut Rng| char::from(b'A' + rng.below(26) as u8);
    let postcode = format!("{digits}{}{}", letter(rng), letter(rng));
    Person {
        bsn,
        geboortedatum,
        vrouw,
        voornamen,
        achternaam,
        voorvoegsel,
        straat: rng.pick(STRATEN),
        huisnummer: rng.range32(1, 250),
        postcode,
        telefoon: rng.chance(0.6).then(|| rng.range32(10_000_000, 99_999_999)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn bsns_are_distinct_and_pass_the_elfproef() {
        let mut rng = Rng::new(3);
        let mut source = BsnSource::new(&mut rng);
        let mut seen = HashSet::new();
        for i in 0..30_000 {
            let n = source.next().unwrap();
            let bsn = bsn_of(n);
            assert!(bsn.elfproef(), "{}", bsn.as_str());
            assert!(seen.insert(n));
            if i < 9_000 {
                assert!(bsn.as_str().starts_with("9999"), "test range first");
            }
            assert!(!bsn.as_str().starts_with('0'));
        }
        let p = person(
            999_900_006,
            NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            "0344",
            &mut rng,
        );
        assert!(!p.bsn_failing_elfproef().elfproef());
        assert_eq!(p.bsn().as_str(), "999900006");
    }

    #[test]
    fn check_digits() {
        assert_eq!(check_digit(99_990_000), Some(6)); // 999900006
        assert_eq!(check_digit(12_345_678), Some(2)); // 123456782
        assert_eq!(check_digit(99_999_999), Some(0)); // 999999990
    }

    #[test]
    fn agb_codes_are_distinct_eight_digits() {
        let codes = agb_codes(500, &mut Rng::new(1));
        let set: HashSet<_> = codes.iter().collect();
        assert_eq!(set.len(), 500);
        assert!(codes
            .iter()
            .all(|c| c.len() == 8 && c.bytes().all(|b| b.is_ascii_digit())));
    }

    #[test]
    fn names_fit_their_types() {
        for s in STRATEN {
            assert!(s.chars().count() <= 24, "{s}");
        }
        let mut rng = Rng::new(5);
        for _ in 0..200 {
            let p = person(
                999_900_006,
                NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
                "0344",
                &mut rng,
            );
            let v = p.voorletters();
            assert!(!v.is_empty() && v.chars().count() <= 6 && v.chars().all(char::is_alphabetic));
            assert_eq!(p.postcode.len(), 6);
        }
    }
}
