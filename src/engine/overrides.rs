//! Replacing a policy's figures for one request (overrides): each in its
//! figure's own unit, the version checked again, a conflict blamed on the
//! override that caused it, and overrides the request cannot use said.
//! (Feature `overrides`: the page's first module, which shows amounts only,
//! refuses them.)

use crate::choice::Choice;
use crate::error::{Conflict, Error, ErrorKind, InputError, RequestError};
use crate::policy::{Origin, Replacement, Version, validate};

use super::UnusedOverride;
use super::request::{self, Request};

/// The version with the request's overrides in place, checked again.
pub(super) fn apply(
    version: &Version,
    overrides: &[(String, Replacement)],
) -> Result<Version, Error> {
    if overrides.len() > request::MAX_OVERRIDES {
        let max = request::MAX_OVERRIDES;
        return Err(Error::new(
            "overrides",
            RequestError::TooManyOverrides { max },
        ));
    }
    for (i, (path, _)) in overrides.iter().enumerate() {
        // Two values for one figure: which one was meant cannot be known.
        if overrides[..i].iter().any(|(earlier, _)| earlier == path) {
            let value = path.clone();
            return Err(Error::new(
                format!("overrides.{path}"),
                InputError::Duplicate { value },
            ));
        }
    }
    let mut replaced = version.clone();
    for (path, value) in overrides {
        replace_figure(&mut replaced, path, value)?;
    }
    match validate::version(&replaced) {
        Ok(()) => Ok(replaced),
        Err(invalid) => Err(conflict(version, &replaced, overrides, invalid)),
    }
}

/// Puts one override's value in place of the figure it names, in the
/// figure's own unit (text `"13"` for an age, `"80%"` for a rate).
fn replace_figure(version: &mut Version, path: &str, value: &Replacement) -> Result<(), Error> {
    let mut outcome: Option<Result<(), &ErrorKind>> = None;
    version.each_figure_mut(&mut |figure| {
        if outcome.is_some() || *figure.path != *path {
            return;
        }
        outcome = Some(value.in_unit(figure.unit).map(|value| {
            // The policy's own figure stays what the explanation quotes.
            if !matches!(figure.origin, Origin::Overridden { .. }) {
                let was = Box::new(figure.origin.clone());
                figure.origin = Origin::Overridden {
                    policy_value: figure.value,
                    was,
                };
            }
            figure.value = value;
        }));
    });
    let field = || format!("overrides.{path}");
    match outcome {
        None => Err(Error::new(field(), RequestError::UnknownParameter)),
        Some(Err(kind)) => Err(Error::new(field(), kind.clone())),
        Some(Ok(())) => Ok(()),
    }
}

/// The error for overrides that together break a check of the version,
/// blamed on one of them (the figure the user changed, which is where the
/// page shows it) and naming the figure it conflicts with: the override
/// whose own figure fails, else the first whose removal alone makes the
/// version valid again, else the last one.
fn conflict(
    version: &Version,
    replaced: &Version,
    overrides: &[(String, Replacement)],
    invalid: validate::Invalid,
) -> Error {
    let is_override = |path: &str| overrides.iter().any(|(p, _)| p == path);
    let without = |skip: usize| {
        let mut v = version.clone();
        overrides
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .all(|(_, (path, value))| replace_figure(&mut v, path, value).is_ok())
            && validate::version(&v).is_ok()
    };
    let (culprit, other) = if is_override(&invalid.figure_path) {
        (
            invalid.figure_path.clone(),
            invalid.other.map(|o| o.to_string()),
        )
    } else {
        let culprit = (0..overrides.len())
            .find(|&i| without(i))
            .or(overrides.len().checked_sub(1))
            .map(|i| overrides[i].0.clone());
        match culprit {
            Some(culprit) => (culprit, Some(invalid.figure_path.clone())),
            None => return invalid.into_error().under("overrides"),
        }
    };
    let shown = |path: &str| replaced.figure(path).map(|(f, _)| f.display());
    let kind = match other {
        Some(other) => RequestError::Conflict(Box::new(Conflict {
            value: shown(&culprit).unwrap_or_default(),
            other_value: shown(&other).unwrap_or_default(),
            other,
            rule: invalid.kind,
        }))
        .into(),
        None => invalid.kind,
    };
    Error::new(format!("overrides.{culprit}"), kind)
}

/// The overrides that name a figure this request cannot use (another
/// scheme's, another category's, a level without a stay), and why.
pub(super) fn unused(version: &Version, request: &Request) -> Vec<UnusedOverride> {
    let mut unused = Vec::new();
    for (path, _) in &request.overrides {
        let Some((_, reach)) = version.figure(path) else {
            continue;
        };
        let (zh, en) = if let Some(schemes) = reach.schemes.filter(|s| !s.contains(&request.scheme))
        {
            names(schemes, |s| (s.name_zh().into(), s.name_en().into()))
        } else if let Some(categories) = reach.categories.filter(|c| !c.contains(&request.category))
        {
            names(categories, |c| (c.name_zh().into(), c.name_en().into()))
        } else if let Some(level) = reach.level.filter(|l| {
            let mut levels = request.admissions.iter().map(|a| a.level);
            let mut outpatient = request.outpatient.iter().map(|o| o.level);
            levels.all(|a| a != *l) && outpatient.all(|o| o != *l)
        }) {
            let (zh, en) = match version.level_name(level) {
                Some(name) => (name.name_zh.as_str(), name.name_en.as_str()),
                None => (level.name_zh(), level.name_en()),
            };
            (format!("{zh}的住院"), format!("stays at a {en}"))
        } else {
            continue;
        };
        unused.push(UnusedOverride {
            parameter: path.clone(),
            message_zh: format!("本次测算用不到这个数字：它只适用于{zh}"),
            message_en: format!("this estimate does not use it: it applies only to {en}"),
        });
    }
    unused
}

/// A list of names joined for a message: `职工医保（在职）、职工医保（退休）`.
fn names<T: Copy>(items: &[T], name: impl Fn(T) -> (String, String)) -> (String, String) {
    let (zh, en): (Vec<String>, Vec<String>) = items.iter().map(|&i| name(i)).unzip();
    (zh.join("、"), en.join(", "))
}
