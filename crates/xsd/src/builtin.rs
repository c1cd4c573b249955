//! STUB: replaced by the real module.
#![allow(dead_code)]
use std::borrow::Cow;
use std::cmp::Ordering;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum WhiteSpace {
    Preserve,
    Replace,
    Collapse,
}
impl WhiteSpace {
    pub(crate) fn from_facet(value: &str) -> Option<WhiteSpace> {
        match value {
            "preserve" => Some(Self::Preserve),
            "replace" => Some(Self::Replace),
            "collapse" => Some(Self::Collapse),
            _ => None,
        }
    }
    pub(crate) fn apply(self, s: &str) -> Cow<'_, str> {
        match self {
            Self::Preserve => Cow::Borrowed(s),
            Self::Replace => Cow::Owned(s.replace(['\t', '\n', '\r'], " ")),
            Self::Collapse => Cow::Owned(
                s.split([' ', '\t', '\n', '\r'])
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
    }
}
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Builtin {
    AnySimpleType,
    String,
    Integer,
    Date,
    Time,
    Decimal,
    Boolean,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    Text,
    Boolean,
    Decimal,
    Temporal,
}
impl Builtin {
    pub(crate) fn from_name(local: &str) -> Option<Builtin> {
        Some(match local {
            "string" => Self::String,
            "integer" => Self::Integer,
            "date" => Self::Date,
            "time" => Self::Time,
            "decimal" => Self::Decimal,
            "boolean" => Self::Boolean,
            _ => return None,
        })
    }
    pub(crate) fn name(self) -> &'static str {
        "x"
    }
    pub(crate) fn whitespace(self) -> WhiteSpace {
        if self == Self::String {
            WhiteSpace::Preserve
        } else {
            WhiteSpace::Collapse
        }
    }
    pub(crate) fn family(self) -> Family {
        match self {
            Self::String => Family::Text,
            Self::Integer | Self::Decimal => Family::Decimal,
            Self::Boolean => Family::Boolean,
            _ => Family::Temporal,
        }
    }
    pub(crate) fn parse(self, lexical: &str) -> Result<Value, String> {
        match self {
            Self::String => Ok(Value::Text),
            Self::Integer => lexical
                .parse::<i64>()
                .map(|v| Value::Decimal(Decimal(v)))
                .map_err(|e| e.to_string()),
            _ => Ok(Value::Text),
        }
    }
}
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Text,
    Boolean(bool),
    Decimal(Decimal),
    Temporal(Temporal),
}
impl Value {
    pub(crate) fn compare(&self, other: &Value) -> Option<Ordering> {
        match (self, other) {
            (Value::Decimal(a), Value::Decimal(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }
}
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Decimal(i64);
impl Decimal {
    pub(crate) fn total_digits(&self) -> usize {
        self.0.to_string().len()
    }
    pub(crate) fn fraction_digits(&self) -> usize {
        0
    }
}
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Temporal;
