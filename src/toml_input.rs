//! Policy files as TOML: the text into a [`Raw`] tree that keeps the line of
//! every value, then into a validated [`Policy`]. Used by `build.rs` (to bake
//! the default data set) and by `yibao check FILE`; the wasm module never
//! parses TOML.

use toml::de::{DeTable, DeValue};

use crate::error::{Error, ErrorKind, TomlProblem};
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
            let detail = e.message().trim().to_string();
            let problem = problem(&detail);
            Err(Error::new(
                "",
                ErrorKind::TomlSyntax {
                    line,
                    problem,
                    detail,
                },
            )
            .in_file(file, line))
        }
    }
}

/// The common mistake behind the parser's message, if it is one.
fn problem(message: &str) -> TomlProblem {
    const PROBLEMS: &[(&str, TomlProblem)] = &[
        ("string values must be quoted", TomlProblem::UnquotedText),
        ("invalid basic string", TomlProblem::UnclosedQuote),
        ("invalid literal string", TomlProblem::UnclosedQuote),
        (
            "invalid multi-line basic string",
            TomlProblem::UnclosedQuote,
        ),
        ("duplicate key", TomlProblem::DuplicateKey),
        ("unclosed table", TomlProblem::UnclosedBracket),
        ("unclosed array", TomlProblem::UnclosedBracket),
        ("unclosed inline table", TomlProblem::UnclosedBrace),
        ("key with no value", TomlProblem::NoValue),
        ("missing value", TomlProblem::NoValue),
        ("missing comma", TomlProblem::MissingComma),
        ("extra assignment", TomlProblem::MissingComma),
        ("unexpected key or value", TomlProblem::ExtraText),
        ("unexpected content", TomlProblem::ExtraText),
        ("cannot recurse further", TomlProblem::TooDeep),
        ("recursion limit", TomlProblem::TooDeep),
    ];
    PROBLEMS
        .iter()
        .find(|(start, _)| message.starts_with(start))
        .map_or(TomlProblem::Other, |(_, problem)| *problem)
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
