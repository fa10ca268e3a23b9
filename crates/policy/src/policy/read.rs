//! Reading a policy file into a [`Policy`]. The format is documented for
//! cadres in `policies/README.md`; every error names the file, the field
//! and the line.

use crate::choice::{Choice, ids};
use crate::error::{CitationError, Error, InputError, PolicyError, RequestError};
use crate::raw::Raw;
use crate::read::{Node, Table};

use super::citations;
use std::sync::Arc;

use super::figure::{Assumption, Citation, Figure, Origin, OtherReading, Unit};
use super::terms::{Category, Level, Scheme};
use super::validate;
use super::{Benefits, ByLevel, Disease, Documents, LevelName, Policy, Statement, Version, Who};

/// The most versions one policy file may hold: a version a year for a
/// century (the shipped files have one or two).
pub const MAX_VERSIONS: usize = 100;

/// Reads and validates a policy from its raw tree.
pub fn policy(file: &str, raw: &Raw) -> Result<Policy, Error> {
    let root = Node::root(raw, Some(file));
    let t = root.table(&[
        "id",
        "name_zh",
        "name_en",
        "province_zh",
        "province_en",
        "place_zh",
        "place_en",
        "notes_zh",
        "notes_en",
        "documents",
        "versions",
    ])?;
    let id_node = t.req("id")?;
    let id = id_node.text()?;
    if !is_id(id) {
        return Err(id_node.error(PolicyError::BadId));
    }
    let versions_node = t.req("versions")?;
    let version_nodes = versions_node.list()?;
    if version_nodes.len() > MAX_VERSIONS {
        return Err(versions_node.error(PolicyError::TooManyVersions { max: MAX_VERSIONS }));
    }
    let mut versions = version_nodes
        .iter()
        .map(version)
        .collect::<Result<Vec<_>, _>>()?;
    if versions.is_empty() {
        return Err(versions_node.error(InputError::Missing));
    }
    // In the order of their start, two versions overlap if and only if two
    // neighbours do. The later one in the file is named, with the other.
    let mut by_start: Vec<usize> = (0..versions.len()).collect();
    by_start.sort_by_key(|&i| (versions[i].valid_from, i));
    if let Some(pair) = by_start
        .windows(2)
        .find(|pair| versions[pair[1]].valid_from <= versions[pair[0]].valid_to)
    {
        let (earlier, later) = (pair[0].min(pair[1]), pair[0].max(pair[1]));
        return Err(version_nodes[later].error(PolicyError::VersionsOverlap {
            other: versions[earlier].label.clone(),
        }));
    }
    let documents = match t.get("documents") {
        Some(n) => super::documents::reading::documents(&n)?,
        None => Vec::new(),
    };
    citations::documented(file, &versions, &documents)?;
    for version in &mut versions {
        for reported in &mut version.reported {
            super::reported::reading::name_source(reported, &documents);
        }
    }
    let policy = Policy {
        id: id.to_string(),
        name_zh: text(&t, "name_zh")?,
        name_en: text(&t, "name_en")?,
        province_zh: text(&t, "province_zh")?,
        province_en: text(&t, "province_en")?,
        place_zh: t
            .get("place_zh")
            .map(|_| text(&t, "place_zh"))
            .transpose()?,
        place_en: t
            .get("place_en")
            .map(|_| text(&t, "place_en"))
            .transpose()?,
        file: file.into(),
        notes_zh: t
            .get("notes_zh")
            .map(|_| text(&t, "notes_zh"))
            .transpose()?,
        notes_en: t
            .get("notes_en")
            .map(|_| text(&t, "notes_en"))
            .transpose()?,
        documents: Documents::new(&documents),
        versions,
    };
    Ok(policy)
}

/// An id of a policy or a disease: `a-z`, `0-9` and `_`, at most 64 bytes.
pub(crate) fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

pub(crate) fn text(t: &Table, key: &'static str) -> Result<String, Error> {
    let node = t.req(key)?;
    let value = node.text()?.trim();
    if value.is_empty() {
        return Err(node.error(InputError::Missing));
    }
    Ok(value.to_string())
}

fn version(node: &Node) -> Result<Version, Error> {
    let node = node.as_param_root();
    let mut keys = vec![
        "label",
        "valid_from",
        "valid_to",
        "schemes",
        "categories",
        "levels",
        "diseases",
        "settings",
        "compliant_share",
        "reported",
    ];
    keys.extend_from_slice(Benefits::KEYS);
    let t = node.table(&keys)?;
    let valid_from = t.req("valid_from")?.date()?;
    let valid_to_node = t.req("valid_to")?;
    let valid_to = valid_to_node.date()?;
    if valid_to < valid_from {
        return Err(valid_to_node.error(PolicyError::DatesOutOfOrder));
    }
    let schemes: Vec<Scheme> = non_empty(&t.req("schemes")?)?;
    let categories: Vec<Category> = non_empty(&t.req("categories")?)?;
    let levels = levels(&t.req("levels")?)?;
    let diseases = match t.get("diseases") {
        Some(n) => super::diseases::reading::diseases(&n)?,
        None => Vec::new(),
    };
    let scope = Scope {
        schemes: &schemes,
        categories: &categories,
        levels: &levels,
        diseases: &diseases,
    };
    let settings = match t.get("settings") {
        Some(n) => super::settings::reading::settings(&n, &scope)?,
        None => Vec::new(),
    };
    let compliant_share = t
        .get("compliant_share")
        .map(|n| by_level(&n, Unit::Percent, &scope, true))
        .transpose()?;
    let reported = match t.get("reported") {
        Some(n) => super::reported::reading::reported(&n, &scope)?,
        None => Vec::new(),
    };
    let benefits = Benefits::read(&t, &scope)?;
    let version = Version {
        label: text(&t, "label")?,
        valid_from,
        valid_to,
        schemes,
        categories,
        levels,
        diseases,
        settings,
        compliant_share,
        reported,
        benefits,
    };
    validate::version(&version).map_err(|invalid| {
        let line = if invalid.line > 0 {
            invalid.line
        } else {
            node.raw().line
        };
        invalid
            .into_error()
            .under(&node.path())
            .in_file(file_of(&node), line)
    })?;
    Ok(version)
}

/// The ids of all values of a choice, as the static keys a table allows.
pub(crate) fn ids_static<C: Choice>() -> Vec<&'static str> {
    C::ALL.iter().map(|c| c.id()).collect()
}

pub(crate) fn non_empty<C: Choice + PartialEq>(node: &Node) -> Result<Vec<C>, Error> {
    let list = node.choices::<C>()?;
    if list.is_empty() {
        return Err(node.error(InputError::Missing));
    }
    Ok(list)
}

fn levels(node: &Node) -> Result<Vec<LevelName>, Error> {
    let t = node.table(&ids_static::<Level>())?;
    let mut out = Vec::new();
    for (level, child) in t.choice_entries::<Level>() {
        let names = child.table(&["zh", "en"])?;
        out.push(LevelName {
            level,
            name_zh: text(&names, "zh")?,
            name_en: text(&names, "en")?,
        });
    }
    if out.is_empty() {
        return Err(node.error(InputError::Missing));
    }
    // In the order of care (township first), whatever the order in the file.
    out.sort_by_key(|l| l.level);
    Ok(out)
}

/// What a version provides for, to check the schemes, categories and
/// levels its rules name.
pub struct Scope<'v> {
    pub schemes: &'v [Scheme],
    pub categories: &'v [Category],
    pub levels: &'v [LevelName],
    pub diseases: &'v [Disease],
}

/// `schemes = [...]` of a rule: not empty, each one of the version's.
pub(crate) fn schemes_in_scope(node: &Node, scope: &Scope) -> Result<Vec<Scheme>, Error> {
    let list: Vec<Scheme> = non_empty(node)?;
    if let Some(s) = list.iter().find(|s| !scope.schemes.contains(s)) {
        return Err(node.error(RequestError::NotInPolicy {
            value: s.id().to_string(),
            allowed: ids(scope.schemes),
        }));
    }
    Ok(list)
}

/// A figure: `{ value = "60%", source = "file.txt:22", quote = "…" }` or
/// `{ value = "500", assumed = "reason", assumed_en = "reason" }`.
pub(crate) fn figure(node: &Node, unit: Unit) -> Result<Figure, Error> {
    let t = node.table(&with_origin(&["value", "other"]))?;
    let value = unit.read(&t.req("value")?)?;
    let other = match t.get("other") {
        None => None,
        Some(n) => {
            let o = n.table(&["value", "reading", "reading_en"])?;
            let reading = |key: &'static str| -> Result<Option<Arc<str>>, Error> {
                o.get(key)
                    .map(|r| {
                        let text = r.text()?.trim();
                        if text.is_empty() {
                            Err(r.error(InputError::Missing))
                        } else {
                            Ok(text.into())
                        }
                    })
                    .transpose()
            };
            let value = unit.read(&o.req("value")?)?;
            let reading_zh = reading("reading")?.ok_or_else(|| o.missing("reading"))?;
            Some(Box::new(OtherReading {
                value,
                reading_zh,
                reading_en: reading("reading_en")?,
            }))
        }
    };
    Ok(Figure {
        path: node.param_path().into(),
        value,
        unit,
        origin: origin(&t)?,
        line: node.raw().line,
        other,
    })
}

pub(crate) fn opt_figure(
    t: &Table,
    key: &'static str,
    unit: Unit,
) -> Result<Option<Figure>, Error> {
    t.get(key).map(|n| figure(&n, unit)).transpose()
}

pub(crate) fn req_figure(t: &Table, key: &'static str, unit: Unit) -> Result<Figure, Error> {
    figure(&t.req(key)?, unit)
}

/// The keys of a table that holds `keys` and an origin ([`origin`]).
fn with_origin(keys: &[&'static str]) -> Vec<&'static str> {
    let origin = [
        "source",
        "quote",
        "reading",
        "reading_en",
        "assumed",
        "assumed_en",
    ];
    keys.iter().chain(&origin).copied().collect()
}

/// The origin part of a figure's table: a citation (with an optional
/// `reading` of unclear words) or a stated assumption.
fn origin(t: &Table) -> Result<Origin, Error> {
    let non_empty = |key: &'static str| -> Result<Option<String>, Error> {
        match t.get(key) {
            None => Ok(None),
            Some(node) => {
                let value = node.text()?.trim();
                if value.is_empty() {
                    Err(node.error(PolicyError::Unsourced))
                } else {
                    Ok(Some(value.to_string()))
                }
            }
        }
    };
    let (source, quote, reading, reading_en, assumed, assumed_en) = (
        non_empty("source")?,
        non_empty("quote")?,
        non_empty("reading")?,
        non_empty("reading_en")?,
        non_empty("assumed")?,
        non_empty("assumed_en")?,
    );
    match (source, quote, assumed) {
        (Some(source), Some(quote), None) if assumed_en.is_none() => {
            let source_node = t.req("source")?;
            let (file, line) = source
                .rsplit_once(':')
                .ok_or_else(|| source_node.error(CitationError::BadSource))?;
            let line: u32 = line
                .parse()
                .map_err(|_| source_node.error(CitationError::BadSource))?;
            if file.is_empty() || line == 0 {
                return Err(source_node.error(CitationError::BadSource));
            }
            if !citations::is_plain_file_name(file) {
                return Err(
                    source_node.error(CitationError::SourceNotPlainName { file: file.into() })
                );
            }
            Ok(Origin::Cited(Citation {
                file: file.into(),
                line,
                quote: quote.into(),
                reading: reading.map(Into::into),
                reading_en: reading_en.map(Into::into),
            }))
        }
        // A reading belongs to a citation; an assumption states its reason.
        (None, None, Some(reason_zh)) if reading.is_none() => Ok(Origin::Assumed(Assumption {
            reason_zh: reason_zh.into(),
            reason_en: assumed_en.map(Into::into),
        })),
        _ => Err(t.node().error(PolicyError::Unsourced)),
    }
}

/// `{ categories = [...], source = …, quote = … }` or with `assumed`.
pub(crate) fn who(node: &Node, scope: &Scope) -> Result<Who, Error> {
    let t = node.table(&with_origin(&["categories"]))?;
    let list_node = t.req("categories")?;
    let categories: Vec<Category> = non_empty(&list_node)?;
    for (i, category) in categories.iter().enumerate() {
        if !scope.categories.contains(category) {
            let items = list_node.list()?;
            let item = items.get(i).copied().unwrap_or(list_node);
            return Err(item.error(RequestError::NotInPolicy {
                value: category.id().to_string(),
                allowed: ids(scope.categories),
            }));
        }
    }
    Ok(Who {
        categories,
        statement: Statement {
            path: node.param_path().into(),
            origin: origin(&t)?,
            line: node.raw().line,
        },
    })
}

/// A category may be named by one rule of a kind only: with two, which one
/// applies would depend on their order.
pub(crate) fn only_once<'w>(
    who: &Who,
    earlier: impl IntoIterator<Item = &'w Who>,
    node: &Node,
) -> Result<(), Error> {
    let earlier: Vec<&Who> = earlier.into_iter().collect();
    match who
        .categories
        .iter()
        .find(|c| earlier.iter().any(|e| e.includes(**c)))
    {
        Some(c) => Err(node.error(InputError::Duplicate {
            value: c.id().to_string(),
        })),
        None => Ok(()),
    }
}

/// `{ township = figure, county = figure, … }`; `complete` = every level of the version.
pub(crate) fn by_level(
    node: &Node,
    unit: Unit,
    scope: &Scope,
    complete: bool,
) -> Result<ByLevel, Error> {
    let t = node.table(&ids_static::<Level>())?;
    let mut out = Vec::new();
    for (level, child) in t.choice_entries::<Level>() {
        if !scope.levels.iter().any(|l| l.level == level) {
            let allowed = scope
                .levels
                .iter()
                .map(|l| l.level.id().to_string())
                .collect();
            return Err(child.error(RequestError::NotInPolicy {
                value: level.id().to_string(),
                allowed,
            }));
        }
        out.push((level, figure(&child, unit)?));
    }
    if complete
        && let Some(missing) = scope
            .levels
            .iter()
            .find(|l| !out.iter().any(|(level, _)| *level == l.level))
    {
        return Err(node.error(PolicyError::MissingLevel {
            level: missing.level.id().to_string(),
        }));
    }
    out.sort_by_key(|(level, _)| *level); // care order, as the version's levels
    Ok(ByLevel(out))
}

/// A rule without a number: `{ source = …, quote = … }` or with `assumed`.
pub(crate) fn statement(node: &Node) -> Result<Statement, Error> {
    let t = node.table(&with_origin(&[]))?;
    Ok(Statement {
        path: node.param_path().into(),
        origin: origin(&t)?,
        line: node.raw().line,
    })
}

fn file_of(node: &Node) -> String {
    node.file().unwrap_or_default().to_string()
}
