//! Reading typed values out of a [`Raw`] tree, with an error that names the
//! field (and, for policy files, the file and line) at the first problem.
//!
//! A [`Node`] is a value and the way to it. The path is built only when an
//! error needs it, so reading a request costs no string work when it is fine.

use rust_decimal::Decimal;

use crate::choice::{Choice, ids};
use crate::date::Date;
use crate::error::{Error, ErrorKind, Expected, InputError};
use crate::money;
use crate::raw::{Raw, RawValue};

#[derive(Clone, Copy)]
enum Key<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

/// A value in the tree and how it was reached.
#[derive(Clone, Copy)]
pub struct Node<'a> {
    raw: &'a Raw,
    parent: Option<&'a Node<'a>>,
    key: Key<'a>,
    /// The policy file being read, for error locations.
    file: Option<&'a str>,
    /// Parameter paths (see [`Node::param_path`]) start below this node.
    param_root: bool,
}

/// A table whose keys have been checked against the allowed ones.
pub struct Table<'a> {
    node: &'a Node<'a>,
    entries: &'a [(String, Raw)],
}

impl<'a> Node<'a> {
    pub fn root(raw: &'a Raw, file: Option<&'a str>) -> Node<'a> {
        Node {
            raw,
            parent: None,
            key: Key::Root,
            file,
            param_root: true,
        }
    }

    /// The same node, as the start of parameter paths.
    pub fn as_param_root(mut self) -> Node<'a> {
        self.param_root = true;
        self
    }

    pub fn raw(&self) -> &'a Raw {
        self.raw
    }

    /// The policy file being read, if any.
    pub fn file(&self) -> Option<&'a str> {
        self.file
    }

    fn child(&'a self, raw: &'a Raw, key: Key<'a>) -> Node<'a> {
        Node {
            raw,
            parent: Some(self),
            key,
            file: self.file,
            param_root: false,
        }
    }

    fn write_path(&self, out: &mut String, stop_at_param_root: bool) {
        if stop_at_param_root && self.param_root {
            return;
        }
        if let Some(parent) = self.parent {
            parent.write_path(out, stop_at_param_root);
        }
        match self.key {
            Key::Root => {}
            Key::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Key::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }

    /// The full path from the root, e.g. `versions[0].basic.resident.rate.county`.
    pub fn path(&self) -> String {
        let mut out = String::new();
        self.write_path(&mut out, false);
        out
    }

    /// The path from the nearest parameter root (a policy version), the name
    /// under which a figure is shown and overridden: `basic.resident.rate.county`.
    pub fn param_path(&self) -> String {
        let mut out = String::new();
        self.write_path(&mut out, true);
        out
    }

    /// An error about this value.
    #[inline]
    pub fn error(&self, kind: impl Into<ErrorKind>) -> Error {
        self.error_of(kind.into())
    }

    fn error_of(&self, kind: ErrorKind) -> Error {
        let error = Error::new(self.path(), kind);
        match self.file {
            Some(file) => error.in_file(file, self.raw.line),
            None => error,
        }
    }

    fn wrong_type(&self, expected: Expected) -> Error {
        self.error(InputError::WrongType { expected })
    }

    /// This value as a table with only the `allowed` keys, each at most once.
    pub fn table(&'a self, allowed: &[&'static str]) -> Result<Table<'a>, Error> {
        let RawValue::Table(entries) = &self.raw.value else {
            return Err(self.wrong_type(Expected::Table));
        };
        for (i, (key, raw)) in entries.iter().enumerate() {
            let child = self.child(raw, Key::Field(key));
            if !allowed.contains(&key.as_str()) {
                return Err(child.error(InputError::UnknownField {
                    allowed: allowed.to_vec(),
                }));
            }
            if entries[..i].iter().any(|(earlier, _)| earlier == key) {
                return Err(child.error(InputError::Duplicate { value: key.clone() }));
            }
        }
        Ok(Table {
            node: self,
            entries,
        })
    }

    /// This value as a table of any keys (e.g. overrides, keyed by parameter).
    pub fn entries(&'a self) -> Result<Vec<(&'a str, Node<'a>)>, Error> {
        let RawValue::Table(entries) = &self.raw.value else {
            return Err(self.wrong_type(Expected::Table));
        };
        Ok(entries
            .iter()
            .map(|(k, raw)| (k.as_str(), self.child(raw, Key::Field(k))))
            .collect())
    }

    pub fn list(&'a self) -> Result<Vec<Node<'a>>, Error> {
        let RawValue::List(items) = &self.raw.value else {
            return Err(self.wrong_type(Expected::List));
        };
        Ok(items
            .iter()
            .enumerate()
            .map(|(i, raw)| self.child(raw, Key::Index(i)))
            .collect())
    }

    pub fn text(&self) -> Result<&'a str, Error> {
        match &self.raw.value {
            RawValue::Text(text) => Ok(text),
            _ => Err(self.wrong_type(Expected::Text)),
        }
    }

    pub fn boolean(&self) -> Result<bool, Error> {
        match &self.raw.value {
            RawValue::Bool(b) => Ok(*b),
            _ => Err(self.wrong_type(Expected::Boolean)),
        }
    }

    /// Text or a number, as written: what amounts and percentages are read from.
    fn number_text(&self) -> Result<&'a str, Error> {
        match &self.raw.value {
            RawValue::Text(text) | RawValue::Number(text) => Ok(text),
            _ => Err(self.wrong_type(Expected::Text)),
        }
    }

    /// A yuan amount, in any form [`money::parse_amount`] reads.
    pub fn amount(&self) -> Result<Decimal, Error> {
        let text = self.number_text()?;
        money::parse_amount("", text).map_err(|e| self.error(e.kind().clone()))
    }

    /// A rate written as a percentage (`"60%"`, `"7.5%"`), as a fraction (0.6).
    pub fn percent(&self) -> Result<Decimal, Error> {
        let text = match &self.raw.value {
            RawValue::Text(text) => text.trim(),
            RawValue::Number(_) => return Err(self.error(InputError::NotAPercent)),
            _ => return Err(self.wrong_type(Expected::Text)),
        };
        let digits = text
            .strip_suffix(['%', '％'])
            .ok_or_else(|| self.error(InputError::NotAPercent))?;
        let valid = !digits.is_empty()
            && digits.len() <= 12
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && digits.bytes().filter(|&b| b == b'.').count() <= 1;
        let value: Decimal = if valid { digits.parse().ok() } else { None }
            .ok_or_else(|| self.error(InputError::NotAPercent))?;
        if value > Decimal::ONE_HUNDRED {
            return Err(self.error(InputError::PercentOutOfRange));
        }
        Ok((value / Decimal::ONE_HUNDRED).normalize())
    }

    /// A whole number in `min..=max`, written as a number or as text (an
    /// age typed into a form, `"13"` replacing a figure on the command line).
    pub fn whole_number(&self, min: u32, max: u32) -> Result<u32, Error> {
        let text: String = match &self.raw.value {
            RawValue::Number(text) => text.clone(),
            // As people type an age: `12岁`, `12 周岁`, full-width `１２`.
            RawValue::Text(text) => {
                let text = text.trim();
                let text = text
                    .strip_suffix("周岁")
                    .or_else(|| text.strip_suffix('岁'))
                    .unwrap_or(text);
                text.trim().chars().map(money::ascii_digit).collect()
            }
            _ => return Err(self.wrong_type(Expected::WholeNumber)),
        };
        // Digits only: "12.5", "-1", "1e3" and "1000" all get the range.
        let digits =
            !text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit());
        match text.parse::<u32>() {
            Ok(value) if digits && (min..=max).contains(&value) => Ok(value),
            _ => Err(self.error(InputError::NumberOutOfRange { min, max })),
        }
    }

    pub fn date(&self) -> Result<Date, Error> {
        Date::read(self.text()?).map_err(|kind| self.error(kind))
    }

    pub fn choice<C: Choice>(&self) -> Result<C, Error> {
        let id = self.text()?;
        C::from_id(id).ok_or_else(|| {
            self.error(InputError::UnknownChoice {
                value: id.to_string(),
                allowed: ids(C::ALL),
            })
        })
    }

    /// A list of distinct choices.
    pub fn choices<C: Choice + PartialEq>(&'a self) -> Result<Vec<C>, Error> {
        let mut out: Vec<C> = Vec::new();
        for item in self.list()? {
            let choice = item.choice::<C>()?;
            if out.contains(&choice) {
                return Err(item.error(InputError::Duplicate {
                    value: choice.id().to_string(),
                }));
            }
            out.push(choice);
        }
        Ok(out)
    }
}

impl<'a> Table<'a> {
    pub fn node(&self) -> &'a Node<'a> {
        self.node
    }

    pub fn get(&self, key: &'static str) -> Option<Node<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, raw)| self.node.child(raw, Key::Field(key)))
    }

    /// A required key; missing, the error names the key under this table.
    pub fn req(&self, key: &'static str) -> Result<Node<'a>, Error> {
        self.get(key).ok_or_else(|| self.missing(key))
    }

    /// The error for a required `key` that this table lacks.
    pub fn missing(&self, key: &str) -> Error {
        self.lacks(key, InputError::Missing)
    }

    /// An error about `key`, which this table lacks: `kind` says what it needs.
    pub fn lacks(&self, key: &str, kind: impl Into<ErrorKind>) -> Error {
        let base = self.node.path();
        let field = if base.is_empty() {
            key.to_string()
        } else {
            format!("{base}.{key}")
        };
        let error = Error::new(field, kind.into());
        match self.node.file {
            Some(file) => error.in_file(file, self.node.raw.line),
            None => error,
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k == key)
    }

    /// The entries of a table keyed by the ids of a choice (scheme, level, …),
    /// in source order. [`Node::table`] has already refused other keys.
    pub fn choice_entries<C: Choice>(&self) -> Vec<(C, Node<'a>)> {
        self.entries
            .iter()
            .filter_map(|(key, raw)| {
                C::from_id(key).map(|c| (c, self.node.child(raw, Key::Field(key))))
            })
            .collect()
    }
}
