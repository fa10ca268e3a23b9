//! Input before it is read: the one untyped tree that a JSON request, a JS
//! object from the page and a TOML policy file all become.
//!
//! Why a tree of our own instead of deriving `Deserialize` for the typed
//! request and policy: a derived reader stops at the first problem with a
//! message like "invalid type: integer, expected a string at line 1 column 40".
//! Reading from this tree (see [`crate::read`]) knows the full path of every
//! field (`admissions[1].compliant`) and, for policy files, its line, so
//! every error can say which field is wrong and why, in Chinese and English.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A value and the line of the source file it came from (0 when unknown,
/// as for JSON and JS objects).
#[derive(Debug, Clone, PartialEq)]
pub struct Raw {
    pub value: RawValue,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    Null,
    Bool(bool),
    /// A number, kept as the text it was written as, so that no amount ever
    /// passes through binary floating point inside the library.
    Number(String),
    Text(String),
    List(Vec<Raw>),
    /// Entries in source order; duplicates are kept so that the reader can
    /// report them.
    Table(Vec<(String, Raw)>),
}

impl Raw {
    pub fn new(value: RawValue) -> Raw {
        Raw { value, line: 0 }
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Raw, D::Error> {
        deserializer.deserialize_any(RawVisitor).map(Raw::new)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v.to_string()))
    }

    /// JSON and JS numbers that are not integers arrive as binary floating
    /// point. Rust prints the shortest text that reads back as the same
    /// number, which is the text the sender wrote for any amount of up to 15
    /// significant digits (`0.1` stays `0.1`); from here on it is decimal.
    fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Number(format!("{v}")))
    }

    fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Text(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<RawValue, E> {
        Ok(RawValue::Text(v))
    }

    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }

    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        d.deserialize_any(RawVisitor)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Raw>()? {
            items.push(item);
        }
        Ok(RawValue::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            entries.push((key, map.next_value::<Raw>()?));
        }
        Ok(RawValue::Table(entries))
    }
}
