//! Simple types: a built-in primitive plus the facets of every restriction step, and the check of
//! one value against them.

use crate::builtin::{Builtin, Family, Value, WhiteSpace};
use crate::regex::Pattern;
use crate::report::ErrorKind;

/// A simple type, flattened: the built-in it derives from and the facets of each restriction
/// step from the built-in down. A value must satisfy every step (XSD Part 2 §4.3: facets of a
/// base type stay in force in its restrictions; patterns of one step are OR-ed, steps AND-ed).
#[derive(Debug, Clone)]
pub(crate) struct SimpleType {
    /// Name for messages: `LDT_Datum`, or `anonymous type of BerichtCode`.
    pub(crate) name: String,
    pub(crate) builtin: Builtin,
    pub(crate) whitespace: WhiteSpace,
    /// What is actually applied to a value: [`SimpleType::effective_whitespace`], computed once
    /// the type is complete (see [`SimpleType::finish`]).
    pub(crate) value_whitespace: WhiteSpace,
    /// Whether some facet compares values (an enumeration, a bound, a digit count), so that a
    /// value must be built and not only its lexical form checked. Computed by
    /// [`SimpleType::finish`].
    pub(crate) needs_value: bool,
    pub(crate) steps: Vec<FacetStep>,
}

/// The facets one `xs:restriction` adds.
#[derive(Debug, Clone, Default)]
pub(crate) struct FacetStep {
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) enumeration: Vec<(String, Value)>,
    /// The enumeration's lexical values, sorted by [`enumeration_order`], for text types: code lists run to dozens of
    /// values, and a binary search beats comparing each.
    pub(crate) sorted_text_enumeration: Vec<String>,
    /// The [`short_text_key`]s of those of up to seven bytes (most codes), sorted: a short
    /// value is looked up as one word.
    pub(crate) short_text_keys: Vec<u64>,
    pub(crate) length: Option<usize>,
    pub(crate) min_length: Option<usize>,
    pub(crate) max_length: Option<usize>,
    pub(crate) min_inclusive: Option<(String, Value)>,
    pub(crate) max_inclusive: Option<(String, Value)>,
    pub(crate) min_exclusive: Option<(String, Value)>,
    pub(crate) max_exclusive: Option<(String, Value)>,
    pub(crate) total_digits: Option<usize>,
    pub(crate) fraction_digits: Option<usize>,
}

/// A failed check: which facet and a sentence for the user.
pub(crate) struct Violation {
    pub(crate) kind: ErrorKind,
    pub(crate) message: String,
}

impl SimpleType {
    pub(crate) fn builtin(builtin: Builtin) -> SimpleType {
        SimpleType {
            name: format!("xs:{}", builtin.name()),
            builtin,
            whitespace: builtin.whitespace(),
            value_whitespace: builtin.whitespace(),
            needs_value: false,
            steps: Vec::new(),
        }
        .finish()
    }

    /// Compute what is derived from the steps; call after the last step is added.
    pub(crate) fn finish(mut self) -> SimpleType {
        self.value_whitespace = self.effective_whitespace();
        self.needs_value = self.steps.iter().any(|s| {
            !s.enumeration.is_empty()
                || s.min_inclusive.is_some()
                || s.max_inclusive.is_some()
                || s.min_exclusive.is_some()
                || s.max_exclusive.is_some()
                || s.total_digits.is_some()
                || s.fraction_digits.is_some()
        });
        self
    }

    /// Check one value (the raw character data of an element or attribute).
    pub(crate) fn check(&self, raw: &str) -> Result<(), Violation> {
        let value = self.value_whitespace.apply(raw);
        let value: &str = &value;
        // Plain strings have no lexical rules: skip building a value for them (most iWmo
        // values are strings, and this is the validator's hottest function).
        let parsed = if matches!(
            self.builtin,
            Builtin::String | Builtin::NormalizedString | Builtin::AnySimpleType
        ) {
            Value::Text
        } else if !self.needs_value {
            // Only the lexical form matters: no facet of this type looks at the value, and
            // with `Value::Text` `check_step` applies only the length facets and patterns,
            // exactly what it would apply to the value.
            self.builtin
                .check_lexical(value)
                .map_err(|message| Violation {
                    kind: ErrorKind::Datatype,
                    message: with_type(message, &self.name),
                })?;
            Value::Text
        } else {
            self.builtin.parse(value).map_err(|message| Violation {
                kind: ErrorKind::Datatype,
                message: with_type(message, &self.name),
            })?
        };
        for step in &self.steps {
            self.check_step(step, value, &parsed)?;
        }
        Ok(())
    }

    /// libxml2 2.9.14 skips whitespace collapsing for long, int, short, byte, the unsigned types
    /// and the date/time types unless some step of the type has a pattern or enumeration facet
    /// (checked with xmllint: `<v> 5 </v>` is an invalid xs:int, and valid for a restriction of
    /// xs:int with a pattern). Our verdicts must equal libxml2's, so we do the same. The
    /// iStandaarden types are not affected: LDT_Datum and LDT_Tijd carry patterns, and the
    /// numeric LDT types derive from xs:integer.
    fn effective_whitespace(&self) -> WhiteSpace {
        use Builtin::*;
        let quirky = matches!(
            self.builtin,
            Long | Int
                | Short
                | Byte
                | UnsignedLong
                | UnsignedInt
                | UnsignedShort
                | UnsignedByte
                | Date
                | Time
                | DateTime
                | GYear
                | GYearMonth
                | GMonth
                | GMonthDay
                | GDay
        );
        if quirky
            && self
                .steps
                .iter()
                .all(|s| s.patterns.is_empty() && s.enumeration.is_empty())
        {
            WhiteSpace::Preserve
        } else {
            self.whitespace
        }
    }

    /// A failed facet: the message, naming the type, is built out of line (it is rare, and
    /// inlined, its formatting weighed on every check).
    #[cold]
    #[inline(never)]
    fn violation(&self, kind: ErrorKind, message: impl FnOnce() -> String) -> Violation {
        Violation {
            kind,
            message: with_type(message(), &self.name),
        }
    }

    fn check_step(&self, step: &FacetStep, value: &str, parsed: &Value) -> Result<(), Violation> {
        if !step.patterns.is_empty() && !step.patterns.iter().any(|p| p.is_match(value)) {
            return Err(self.violation(ErrorKind::Pattern, || {
                let patterns: Vec<&str> = step.patterns.iter().map(Pattern::source).collect();
                concat(&[
                    "value ",
                    &quote(value),
                    " does not match pattern '",
                    &patterns.join("' | '"),
                    "'",
                ])
            }));
        }
        if !step.enumeration.is_empty() {
            let found = if self.builtin.family() == Family::Text {
                match short_text_key(value) {
                    Some(key) => step.short_text_keys.binary_search(&key).is_ok(),
                    None => step
                        .sorted_text_enumeration
                        .binary_search_by(|e| enumeration_order(e, value))
                        .is_ok(),
                }
            } else {
                step.enumeration
                    .iter()
                    .any(|(_, allowed)| parsed.compare(allowed) == Some(std::cmp::Ordering::Equal))
            };
            if !found {
                return Err(self.violation(ErrorKind::Enumeration, || {
                    let mut allowed: Vec<&str> = step
                        .enumeration
                        .iter()
                        .take(12)
                        .map(|(l, _)| l.as_str())
                        .collect();
                    if step.enumeration.len() > 12 {
                        allowed.push("…");
                    }
                    concat(&[
                        "value ",
                        &quote(value),
                        " is not one of the allowed values [",
                        &allowed.join(", "),
                        "]",
                    ])
                }));
            }
        }
        // A UTF-8 value has between a quarter of its bytes and its bytes in characters: most
        // values pass minLength and maxLength by their byte length alone, without a count.
        let bytes = value.len();
        let passes_by_bytes = step.length.is_none()
            && step.min_length.is_none_or(|n| bytes.div_ceil(4) >= n)
            && step.max_length.is_none_or(|n| bytes <= n);
        if !passes_by_bytes {
            // XSD Part 2 §4.3.1: length of a string is counted in characters, not bytes.
            let chars = char_count(value);
            if let Some(n) = step.length.filter(|&n| chars != n) {
                return Err(self.violation(ErrorKind::Length, || {
                    format!(
                        "value {} has {chars} characters; length must be {n}",
                        quote(value)
                    )
                }));
            }
            if let Some(n) = step.min_length.filter(|&n| chars < n) {
                return Err(self.violation(ErrorKind::MinLength, || {
                    format!(
                        "value {} has {chars} characters; minLength is {n}",
                        quote(value)
                    )
                }));
            }
            if let Some(n) = step.max_length.filter(|&n| chars > n) {
                return Err(self.violation(ErrorKind::MaxLength, || {
                    format!(
                        "value {} has {chars} characters; maxLength is {n}",
                        quote(value)
                    )
                }));
            }
        }
        if matches!(parsed, Value::Text) {
            // Range and digit facets never apply to text.
            return Ok(());
        }
        let bounds = [
            (&step.min_inclusive, ErrorKind::MinInclusive, "minInclusive"),
            (&step.max_inclusive, ErrorKind::MaxInclusive, "maxInclusive"),
            (&step.min_exclusive, ErrorKind::MinExclusive, "minExclusive"),
            (&step.max_exclusive, ErrorKind::MaxExclusive, "maxExclusive"),
        ];
        for (bound, kind, facet) in bounds {
            let Some((lexical, limit)) = bound else {
                continue;
            };
            let ok = match (kind, parsed.compare(limit)) {
                (_, None) => false,
                (ErrorKind::MinInclusive, Some(o)) => o.is_ge(),
                (ErrorKind::MaxInclusive, Some(o)) => o.is_le(),
                (ErrorKind::MinExclusive, Some(o)) => o.is_gt(),
                (_, Some(o)) => o.is_lt(),
            };
            if !ok {
                return Err(self.violation(kind, || {
                    format!("value {} violates {facet} {lexical}", quote(value))
                }));
            }
        }
        if let Value::Decimal(d) = parsed {
            if let Some(n) = step.total_digits.filter(|&n| d.total_digits() > n) {
                return Err(self.violation(ErrorKind::TotalDigits, || {
                    format!(
                        "value {} has more than totalDigits {n} digits",
                        quote(value)
                    )
                }));
            }
            if let Some(n) = step.fraction_digits.filter(|&n| d.fraction_digits() > n) {
                return Err(self.violation(ErrorKind::FractionDigits, || {
                    format!(
                        "value {} has more than fractionDigits {n} fraction digits",
                        quote(value)
                    )
                }));
            }
        }
        Ok(())
    }
}

/// A value of up to seven bytes as one word (its length in the top byte), equal for two values
/// exactly when they are equal; `None` for longer values.
#[inline(always)]
pub(crate) fn short_text_key(value: &str) -> Option<u64> {
    let b = value.as_bytes();
    if b.len() > 7 {
        return None;
    }
    let mut word = [0u8; 8];
    word[..b.len()].copy_from_slice(b);
    word[7] = b.len() as u8;
    Some(u64::from_le_bytes(word))
}

/// The order of [`FacetStep::sorted_text_enumeration`]: by length, then by bytes, compared
/// inline (`str::cmp` calls `memcmp`, and code-list values are a few bytes long). Only
/// membership is asked, so any total order does.
#[inline(always)]
pub(crate) fn enumeration_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len().cmp(&b.len()).then_with(|| {
        a.iter()
            .zip(b)
            .find(|(x, y)| x != y)
            .map_or(std::cmp::Ordering::Equal, |(x, y)| x.cmp(y))
    })
}

/// `s.chars().count()`, for the short values of facets: every byte that does not continue a
/// UTF-8 sequence starts a character. A plain loop, which for a value of a few dozen bytes
/// costs less than the general count's setup. Not inlined: most values never need it (their
/// byte length decides), and inlined, its loop setup was hoisted into every check.
#[inline(never)]
fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// `message (type name)`, appended in place: a violation's message names its type, and
/// `format!` would copy the message once more (invalid values are common in the corpus).
fn with_type(mut message: String, name: &str) -> String {
    message.reserve(name.len() + 8);
    message.push_str(" (type ");
    message.push_str(name);
    message.push(')');
    message
}

/// The pieces one after the other in one allocation: for the messages of common errors, where
/// `format!` costs several times as much.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// Quote a value for a message, shortened so a 5000-character comment does not flood a report.
pub(crate) fn quote(value: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::with_capacity(value.len().min(MAX * 4) + 2);
    out.push('\'');
    for (i, c) in value.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::{char_count, FacetStep, SimpleType};
    use crate::builtin::Builtin;

    #[test]
    fn short_text_keys_tell_values_apart() {
        use super::short_text_key;
        let values = [
            "", "0", "00", "01", "1", "10", "a\u{1}", "abcdefg", "é", "ab",
        ];
        for a in values {
            for b in values {
                assert_eq!(
                    short_text_key(a) == short_text_key(b),
                    a == b,
                    "{a:?} {b:?}"
                );
            }
        }
        assert_eq!(short_text_key("abcdefgh"), None);
    }

    #[test]
    fn length_facets_count_characters_not_bytes() {
        let with = |min: Option<usize>, max: Option<usize>| {
            let mut st = SimpleType::builtin(Builtin::String);
            st.steps.push(FacetStep {
                min_length: min,
                max_length: max,
                ..FacetStep::default()
            });
            st.finish()
        };
        let max3 = with(None, Some(3));
        assert!(max3.check("ééé").is_ok());
        assert!(max3.check("abc").is_ok());
        assert!(max3.check("éééé").is_err());
        assert!(max3.check("abcd").is_err());
        let min2 = with(Some(2), None);
        assert!(min2.check("€").is_err());
        assert!(min2.check("€€").is_ok());
        assert!(min2.check("ab").is_ok());
        let min4 = with(Some(4), None);
        assert!(min4.check("éé").is_err());
        assert!(min4.check("𝄞𝄞𝄞𝄞").is_ok());
    }

    #[test]
    fn char_count_agrees_with_chars() {
        for s in [
            "",
            "abc",
            "é",
            "naïve café",
            "𝄞x",
            "日本語テキスト",
            "a\u{FFFD}b",
        ] {
            assert_eq!(char_count(s), s.chars().count(), "{s}");
        }
    }
}
