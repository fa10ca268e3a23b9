//! Checking every citation of a policy against its source texts: the cited
//! file is a plain file name in the sources folder, the quoted words stand
//! at the cited line, and a cited figure is in its quote as the text writes
//! it (70%, 2500元, 2.5万元, 百分之七十, 七成…) or, where the text gives it in
//! another form (a cut "下降不低於80%" that leaves 20%), stated by the
//! citation's reading. `yibao check` and `tests/citations.rs` both run
//! [`check`]; the caller reads the source texts (the library does no I/O).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::error::{CitationError, Error};

use super::{Citation, Document, Figure, Origin, Policy, Statement, Unit, Version};

/// The largest source text read: the largest shipped one is 137 KB (a
/// yearbook chapter); 4 MiB leaves room for a whole yearbook as text.
pub const MAX_SOURCE_BYTES: usize = 4 << 20;

/// Whether `name` is a plain file name, that names a file inside the
/// sources folder and nothing outside it: not empty, not `.` or `..`,
/// without `/`, `\`, `:` (a Windows drive) or control characters.
pub fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}

/// What [`check`] found.
#[derive(Debug)]
pub struct Checked {
    /// Citations whose quote stands at its line and holds its figure.
    pub verified: usize,
    /// One error per citation that does not, naming the policy file, the
    /// parameter (`versions[0].critical_illness.threshold`) and the line;
    /// one per source text that could not be read.
    pub problems: Vec<Error>,
}

/// Checks every citation of `policy`. `source` gives the text of a source
/// file by its name (already known to be a plain file name); it is asked
/// once per file.
pub fn check(policy: &Policy, source: &mut dyn FnMut(&str) -> Result<String, Error>) -> Checked {
    let citations: Vec<Cited> = policy
        .versions
        .iter()
        .enumerate()
        .flat_map(|(i, version)| cited(i, version))
        .collect();
    let fail = |c: &Cited, kind: CitationError| {
        Error::new(format!("versions[{}].{}", c.version, c.path), kind)
            .in_file(&policy.file, c.line)
    };
    let mut problems = Vec::new();
    // Each source text once; one that cannot be read is said once, at the
    // first citation of it.
    let mut texts: BTreeMap<&str, Option<String>> = BTreeMap::new();
    for c in &citations {
        let file = &*c.citation.file;
        if !is_plain_file_name(file) || texts.contains_key(file) {
            continue;
        }
        let text = source(file)
            .map_err(|reason| {
                let count = citations
                    .iter()
                    .filter(|o| &*o.citation.file == file)
                    .count();
                let kind = CitationError::SourceUnreadable {
                    reason: Box::new(reason),
                    citations: count,
                };
                problems.push(fail(c, kind));
            })
            .ok();
        texts.insert(file, text);
    }
    let lines: BTreeMap<&str, Vec<&str>> = texts
        .iter()
        .filter_map(|(file, text)| Some((*file, text.as_ref()?.lines().collect())))
        .collect();
    let mut verified = 0;
    for c in &citations {
        let file = &*c.citation.file;
        let problem = if is_plain_file_name(file) {
            match lines.get(file) {
                Some(lines) => problem(c, lines),
                None => continue,
            }
        } else {
            Some(CitationError::SourceNotPlainName { file: file.into() })
        };
        match problem {
            None => verified += 1,
            Some(kind) => problems.push(fail(c, kind)),
        }
    }
    Checked { verified, problems }
}

/// Whether every source file the policy's citations name has its document
/// (`[[documents]]`), so that readers see a title, not a file name; the
/// error names the first citation without one.
pub(crate) fn documented(
    policy_file: &str,
    versions: &[Version],
    documents: &[Document],
) -> Result<(), Error> {
    let citations = versions
        .iter()
        .enumerate()
        .flat_map(|(i, version)| cited(i, version));
    for c in citations {
        let file = &*c.citation.file;
        if !documents.iter().any(|d| *d.file == *file) {
            return Err(Error::new(
                format!("versions[{}].{}.source", c.version, c.path),
                CitationError::NoDocument { file: file.into() },
            )
            .in_file(policy_file, c.line));
        }
    }
    Ok(())
}

/// A citation, where the policy gives it, and its figure if it has one.
struct Cited<'p> {
    version: usize,
    path: &'p str,
    line: u32,
    citation: &'p Citation,
    figure: Option<&'p Figure>,
}

/// Every citation of a version: of its figures, then of its statements.
fn cited(version_index: usize, version: &Version) -> Vec<Cited<'_>> {
    let mut out = Vec::new();
    version.each_figure(&mut |figure, _| {
        if let Origin::Cited(citation) = &figure.origin {
            out.push(Cited {
                version: version_index,
                path: &figure.path,
                line: figure.line,
                citation,
                figure: Some(figure),
            });
        }
    });
    for statement in statements(version) {
        if let Origin::Cited(citation) = &statement.origin {
            out.push(Cited {
                version: version_index,
                path: &statement.path,
                line: statement.line,
                citation,
                figure: None,
            });
        }
    }
    out
}

/// The statements of a version: whom each rule is for, "no cap".
fn statements(version: &Version) -> Vec<&Statement> {
    let mut out: Vec<&Statement> = Vec::new();
    version.each_statement(&mut |statement| out.push(statement));
    out
}

/// What is wrong with a citation of a source text of `lines`, if anything.
fn problem(c: &Cited, lines: &[&str]) -> Option<CitationError> {
    let citation = c.citation;
    let text = (citation.line as usize)
        .checked_sub(1)
        .and_then(|i| lines.get(i));
    let Some(text) = text else {
        return Some(CitationError::NoSuchLine {
            file: citation.file.to_string(),
            line: citation.line,
            lines: lines.len(),
        });
    };
    let quote = citation.quote.trim();
    if quote.is_empty() || !text.contains(quote) {
        let shown: String = text.trim().chars().take(60).collect();
        let more = if text.trim().chars().count() > 60 {
            "…"
        } else {
            ""
        };
        return Some(CitationError::QuoteNotOnLine {
            file: citation.file.to_string(),
            line: citation.line,
            text: format!("{shown}{more}"),
        });
    }
    let figure = c.figure?;
    let forms = written_forms(figure);
    let stated = |words: &str| forms.iter().any(|form| holds(words, form));
    if stated(quote) || citation.reading.as_deref().is_some_and(stated) {
        None
    } else {
        Some(CitationError::FigureNotInQuote {
            written: forms[0].clone(),
        })
    }
}

/// The ways a source text may write a figure: digits (with or without
/// thousands commas), in 万, in Chinese numerals; for rates also 百分之…,
/// …成 and …个百分点. The first is the plain form.
fn written_forms(figure: &Figure) -> Vec<String> {
    let plain = |d: Decimal| d.normalize().to_string();
    match figure.unit {
        Unit::Percent => {
            let n = figure.value * Decimal::ONE_HUNDRED;
            let digits = plain(n);
            let mut forms = vec![
                format!("{digits}%"),
                format!("{digits}％"),
                format!("{digits}个百分点"),
                format!("{digits} 个百分点"),
            ];
            if let Some(chinese) = chinese_number(n) {
                forms.push(format!("百分之{chinese}"));
            }
            if (n % Decimal::TEN).is_zero()
                && let Some(tenths) = chinese_number(n / Decimal::TEN)
            {
                forms.push(format!("{tenths}成"));
            }
            forms
        }
        Unit::Yuan | Unit::Years => {
            let digits = plain(figure.value);
            let mut forms = vec![digits.clone(), grouped(&digits)];
            if figure.value >= Decimal::from(1000) {
                forms.push(format!("{}万", plain(figure.value / Decimal::from(10_000))));
            }
            if let Some(chinese) = chinese_number(figure.value) {
                forms.push(chinese);
            }
            forms
        }
    }
}

/// `12000` → `12,000`.
fn grouped(digits: &str) -> String {
    let (whole, fraction) = digits
        .split_once('.')
        .map_or((digits, None), |(w, f)| (w, Some(f)));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    fraction.map_or(out.clone(), |f| format!("{out}.{f}"))
}

/// Whole numbers below 100,000 in Chinese numerals: 70 → 七十, 1500 → 一千五百.
fn chinese_number(n: Decimal) -> Option<String> {
    if !n.fract().is_zero() || n <= Decimal::ZERO || n >= Decimal::from(100_000) {
        return None;
    }
    let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let units = ["万", "千", "百", "十", ""];
    let n: u32 = n.normalize().to_string().parse().ok()?;
    let text = format!("{n:05}");
    let mut out = String::new();
    let mut zero = false;
    for (i, c) in text.chars().enumerate() {
        let d = c.to_digit(10)? as usize;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push_str(digits[d]);
        out.push_str(units[i]);
    }
    // 一十五 is written 十五.
    Some(
        out.strip_prefix("一十")
            .map_or(out.clone(), |rest| format!("十{rest}")),
    )
}

/// Whether `text` holds `form` as a whole number: not as part of a longer
/// one (`70%` is not in `170%`, `200` not in `2000`).
fn holds(text: &str, form: &str) -> bool {
    let numeric = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    text.match_indices(form).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + form.len()..].chars().next();
        let inside_a_longer_number = before.is_some_and(numeric)
            || form.ends_with(|c: char| c.is_ascii_digit()) && after.is_some_and(numeric);
        !inside_a_longer_number
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Assumption;

    fn figure(value: &str, unit: Unit) -> Figure {
        Figure {
            path: "x".into(),
            value: value.parse().expect("decimal"),
            unit,
            origin: Origin::Assumed(Assumption {
                reason_zh: "test".into(),
                reason_en: None,
            }),
            line: 0,
            other: None,
        }
    }

    fn found(value: &str, unit: Unit, text: &str) -> bool {
        written_forms(&figure(value, unit))
            .iter()
            .any(|f| holds(text, f))
    }

    #[test]
    fn written_forms_cover_the_ways_the_sources_write_figures() {
        for text in ["报销比例达到70%", "百分之七十", "提高到七成"] {
            assert!(found("0.7", Unit::Percent, text), "{text}");
        }
        assert!(found("0.1", Unit::Percent, "提高10个百分点"));
        assert!(!found("0.7", Unit::Percent, "比例为170%"));
        for text in ["起付线2.5万元", "25,000元", "25000元"] {
            assert!(found("25000", Unit::Yuan, text), "{text}");
        }
        assert!(!found("200", Unit::Yuan, "2000元"));
        assert_eq!(
            chinese_number(Decimal::from(1500)).as_deref(),
            Some("一千五百")
        );
        assert_eq!(chinese_number(Decimal::from(15)).as_deref(), Some("十五"));
        assert_eq!(
            chinese_number(Decimal::from(10_500)).as_deref(),
            Some("一万零五百")
        );
    }

    #[test]
    fn only_plain_file_names_name_a_source() {
        for name in ["004_44d2b2ecadff79be.txt", "原文.txt", ".hidden"] {
            assert!(is_plain_file_name(name), "{name}");
        }
        for name in [
            "",
            ".",
            "..",
            "../../etc/passwd",
            "/etc/shadow",
            "sub/file.txt",
            "..\\secret.txt",
            "C:secret.txt",
            "a\nb",
        ] {
            assert!(!is_plain_file_name(name), "{name:?}");
        }
    }
}
