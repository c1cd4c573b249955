//! The burgerservicenummer.

use std::fmt;

use crate::error::ModelError;

/// A burgerservicenummer (`LDT_BurgerServicenummer`): exactly nine ASCII digits.
///
/// A `Bsn` is built from any nine digits, because the XSD checks only that (RS037); whether it
/// passes the 11-proef is a level-2 rule, asked with [`Bsn::elfproef`] (CS002).
///
/// It never prints in full: `Display` and `Debug` show only the last three digits
/// (`******006`), because logs must not hold a full BSN (design §6). Use [`Bsn::as_str`] for
/// the wire.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bsn(String);

// Stored as its nine digits (the store is not a log); read back through `Bsn::new`.
impl serde::Serialize for Bsn {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Bsn {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let digits = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        Bsn::new(&digits).map_err(serde::de::Error::custom)
    }
}

impl Bsn {
    /// A BSN from its nine digits (no whitespace around them: `xs:string` preserves it).
    pub fn new(digits: &str) -> Result<Bsn, ModelError> {
        if digits.len() == 9 && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Bsn(digits.to_string()))
        } else {
            Err(ModelError::InvalidBsn {
                length: digits.chars().count(),
            })
        }
    }

    /// The nine digits, for writing the message. Never log this.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// CS002, the 11-proef: (9·d1 + 8·d2 + … + 2·d8 − 1·d9) mod 11 = 0, d1 the leftmost digit.
    pub fn elfproef(&self) -> bool {
        let sum: i64 = self
            .0
            .bytes()
            .zip([9i64, 8, 7, 6, 5, 4, 3, 2, -1])
            .map(|(b, weight)| i64::from(b - b'0') * weight)
            .sum();
        sum.rem_euclid(11) == 0
    }

    /// The masked form, `******` and the last three digits.
    pub fn masked(&self) -> String {
        format!("******{}", &self.0[6..])
    }
}

impl fmt::Display for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bsn({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elfproef_table() {
        // (bsn, passes CS002)
        let table = [
            ("999900006", true),  // the test BSN of the reference examples
            ("111222333", true),  // 9+8+7+12+10+8+9+6-3 = 66 = 6·11
            ("123456782", true),  // 9+16+21+24+25+24+21+16-2 = 154 = 14·11
            ("999999990", true),  // 9·44 - 0 = 396 = 36·11
            ("000000000", true),  // the formula gives 0; only the XSD pattern and CS002 apply
            ("999900007", false), // last digit off by one
            ("123456789", false),
            ("111222334", false),
            ("999990006", false),
            ("100000000", false),
        ];
        for (digits, valid) in table {
            assert_eq!(Bsn::new(digits).unwrap().elfproef(), valid, "{digits}");
        }
    }

    #[test]
    fn only_nine_ascii_digits() {
        for bad in [
            "",
            "12345678",
            "1234567890",
            " 99990000",
            "99990000 ",
            "99990000a",
            "９99900006",
        ] {
            assert!(
                matches!(Bsn::new(bad), Err(ModelError::InvalidBsn { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn never_printed_in_full() {
        let bsn = Bsn::new("999900006").unwrap();
        assert_eq!(bsn.to_string(), "******006");
        assert_eq!(format!("{bsn:?}"), "Bsn(******006)");
        assert_eq!(format!("{:?}", Some(&bsn)), "Some(Bsn(******006))");
        assert!(!format!("{bsn} {bsn:?} {bsn:#?}").contains("9999"));
        assert_eq!(bsn.as_str(), "999900006");
    }
}
