//! Policy files as TOML: the text into a [`Raw`] tree that keeps the line of
//! every value, then into a validated [`Policy`]. Used by `build.rs` (to bake
//! the default data set) and by `yibao check FILE`; the wasm module never
//! parses TOML.

use toml::de::{DeTable, DeValue};

use crate::error::{Error, ErrorKind};
use crate::policy::{Policy, read};
use crate::raw::{Raw, RawValue};

/// Reads and validates a policy file; `file` names it in messages.
pub fn policy_from_toml(file: &str, text: &str) -> Result<Policy, Error> {
    read::policy(file, &raw_from_toml(file, text)?)
}

/// Reads TOML text, keeping the line of every value.
pub fn raw_from_toml(file: &str, text: &str) -> Result<Raw, Error> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| -> u32 {
        u32::try_from(line_starts.partition_point(|&start| start <= offset)).unwrap_or(u32::MAX)
    };
    match DeTable::parse(text) {
        Ok(root) => Ok(convert(&DeValue::Table(root.into_inner()), 1, &line_of)),
        Err(e) => {
            let line = e.span().map_or(0, |span| line_of(span.start));
            let message = e.message().trim().to_string();
            Err(Error::new("", ErrorKind::Syntax { message }).in_file(file, line))
        }
    }
}

fn convert(value: &DeValue<'_>, line: u32, line_of: &dyn Fn(usize) -> u32) -> Raw {
    let value = match value {
        DeValue::String(s) => RawValue::Text(s.to_string()),
        DeValue::Integer(i) => RawValue::Number(i.as_str().to_string()),
        DeValue::Float(f) => RawValue::Number(f.as_str().to_string()),
        DeValue::Boolean(b) => RawValue::Bool(*b),
        DeValue::Datetime(d) => RawValue::Text(d.to_string()),
        DeValue::Array(items) => RawValue::List(
            items
                .iter()
                .map(|item| convert(item.get_ref(), line_of(item.span().start), line_of))
                .collect(),
        ),
        DeValue::Table(table) => RawValue::Table(
            table
                .iter()
                .map(|(key, item)| {
                    let line = line_of(key.span().start);
                    (
                        key.get_ref().to_string(),
                        convert(item.get_ref(), line, line_of),
                    )
                })
                .collect(),
        ),
    };
    Raw { value, line }
}
