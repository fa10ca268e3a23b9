//! Policy files as TOML: the text into a [`Raw`] tree that keeps the line of
//! every value, then into a validated [`Policy`]. Used by `build.rs` (to bake
//! the default data set) and by `yibao check FILE`; the wasm module never
//! parses TOML.

use toml::de::{DeTable, DeValue};

use crate::error::{Error, InputError, IoError, PolicyError, TomlProblem};
use crate::policy::{Policy, read};
use crate::raw::{Raw, RawValue};

/// The largest policy file read: the largest shipped one (fuxin.toml, two
/// versions) is 26 KB, so 1 MiB holds some 80 such versions.
pub const MAX_POLICY_BYTES: usize = 1 << 20;

/// How deep tables and lists may nest: the policy format nests 9 deep
/// (`versions[0].basic.resident.rate_raises[0].who.categories`); 16 leaves
/// room for it to grow and keeps the recursion over the tree short.
pub const MAX_DEPTH: usize = 16;

/// Reads and validates a policy file; `file` names it in messages.
pub fn policy_from_toml(file: &str, text: &str) -> Result<Policy, Error> {
    read::policy(file, &raw_from_toml(file, text)?)
}

/// Reads TOML text, keeping the line of every value.
pub fn raw_from_toml(file: &str, text: &str) -> Result<Raw, Error> {
    if text.len() > MAX_POLICY_BYTES {
        return Err(Error::new(
            "",
            IoError::InputTooLarge {
                file: Some(file.into()),
                max_bytes: MAX_POLICY_BYTES,
            },
        ));
    }
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| -> u32 {
        u32::try_from(line_starts.partition_point(|&start| start <= offset)).unwrap_or(u32::MAX)
    };
    match DeTable::parse(text) {
        Ok(root) => convert(&DeValue::Table(root.into_inner()), 1, 1, &line_of)
            .map_err(|(e, line)| e.in_file(file, line)),
        Err(e) => {
            let line = e.span().map_or(0, |span| line_of(span.start));
            let detail = e.message().trim().to_string();
            let problem = problem(&detail);
            Err(Error::new(
                "",
                PolicyError::TomlSyntax {
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

/// The tree below `value` (on `line`, `depth` tables and lists deep); an
/// error comes with its line, for the caller to add the file.
fn convert(
    value: &DeValue<'_>,
    line: u32,
    depth: usize,
    line_of: &dyn Fn(usize) -> u32,
) -> Result<Raw, (Error, u32)> {
    let nested = matches!(value, DeValue::Array(_) | DeValue::Table(_));
    if nested && depth > MAX_DEPTH {
        let error = Error::new("", InputError::NestedTooDeep { max: MAX_DEPTH });
        return Err((error, line));
    }
    let value = match value {
        DeValue::String(s) => RawValue::Text(s.to_string()),
        DeValue::Integer(i) => RawValue::Number(i.as_str().to_string()),
        DeValue::Float(f) => RawValue::Number(f.as_str().to_string()),
        DeValue::Boolean(b) => RawValue::Bool(*b),
        DeValue::Datetime(d) => RawValue::Text(d.to_string()),
        DeValue::Array(items) => RawValue::List(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let line = line_of(item.span().start);
                    convert(item.get_ref(), line, depth + 1, line_of)
                        .map_err(|(e, line)| (e.under(&format!("[{i}]")), line))
                })
                .collect::<Result<_, _>>()?,
        ),
        DeValue::Table(table) => RawValue::Table(
            table
                .iter()
                .map(|(key, item)| {
                    let line = line_of(key.span().start);
                    let raw = convert(item.get_ref(), line, depth + 1, line_of)
                        .map_err(|(e, line)| (e.under(key.get_ref()), line))?;
                    Ok((key.get_ref().to_string(), raw))
                })
                .collect::<Result<_, _>>()?,
        ),
    };
    Ok(Raw { value, line })
}
