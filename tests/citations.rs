//! Every cited figure of every shipped policy: the cited source file exists
//! under policies/sources/, the quoted words stand at the cited line, and the
//! figure itself is in the quote as the text writes it (70%, 2500元, 2.5万元,
//! 百分之七十, 七成…). A figure the text gives in another form (a cut "下降不
//! 低於80%" that leaves 20%) must be stated by the citation's reading, which
//! says how the words were read. Also: every assumed figure gives its reason.

use rust_decimal::Decimal;
use yibao::policy::{Figure, Origin, Policy, Statement, Unit};

/// (policy file, parameter, citation, the figure if it has a number) for
/// every cited figure and statement.
fn citations(policy: &Policy) -> Vec<(String, String, yibao::policy::Citation, Option<Figure>)> {
    let mut out = Vec::new();
    let mut push = |path: &str, origin: &Origin, figure: Option<&Figure>| {
        if let Origin::Cited(c) = origin {
            out.push((
                policy.file.clone(),
                path.to_string(),
                c.clone(),
                figure.cloned(),
            ));
        }
    };
    for version in &policy.versions {
        version
            .clone()
            .each_figure_mut(&mut |f| push(&f.path, &f.origin, Some(f)));
        let mut statements: Vec<&Statement> = Vec::new();
        statements.extend(
            version
                .basic
                .iter()
                .flat_map(|b| b.rate_raises.iter().map(|r| &r.who.statement)),
        );
        if let Some(ci) = &version.critical_illness {
            statements.extend(ci.tilts.iter().map(|t| &t.who.statement));
            statements.extend(ci.tilts.iter().filter_map(|t| t.cap_removed.as_ref()));
        }
        if let Some(ma) = &version.medical_assistance {
            statements.extend(ma.groups.iter().map(|g| &g.who.statement));
        }
        statements.extend(version.supplementary.iter().map(|s| &s.who.statement));
        statements.extend(version.backstop.iter().map(|b| &b.who.statement));
        for s in statements {
            push(&s.path, &s.origin, None);
        }
    }
    out
}

#[test]
fn every_quote_stands_at_its_cited_line() {
    let mut problems = Vec::new();
    let mut count = 0;
    for policy in yibao::baked::policies().expect("baked") {
        for (file, parameter, c, _) in citations(policy) {
            count += 1;
            let path = std::path::Path::new("policies/sources").join(&*c.file);
            let Ok(text) = std::fs::read_to_string(&path) else {
                problems.push(format!(
                    "{file}: {parameter}: source {} not found",
                    path.display()
                ));
                continue;
            };
            match text.lines().nth(c.line as usize - 1) {
                Some(line) if line.contains(&*c.quote) => {}
                Some(line) => problems.push(format!(
                    "{file}: {parameter}: “{}” is not on {}:{}, which reads: {}",
                    c.quote,
                    c.file,
                    c.line,
                    line.chars().take(120).collect::<String>()
                )),
                None => problems.push(format!(
                    "{file}: {parameter}: {} has no line {}",
                    c.file, c.line
                )),
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {count} citations do not match:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The ways a source text may write `value`: digits (with or without
/// thousands commas), in 万, in Chinese numerals; for rates also 百分之…,
/// …成 and …个百分点.
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

#[test]
fn every_cited_figure_is_in_its_quote_or_stated_by_its_reading() {
    let mut problems = Vec::new();
    let mut report = Vec::new();
    for policy in yibao::baked::policies().expect("baked") {
        let (mut in_quote, mut in_reading) = (0, 0);
        for (file, parameter, c, figure) in citations(policy) {
            let Some(figure) = figure else { continue };
            let forms = written_forms(&figure);
            if forms.iter().any(|f| holds(&c.quote, f)) {
                in_quote += 1;
            } else if c
                .reading
                .as_deref()
                .is_some_and(|r| forms.iter().any(|f| holds(r, f)))
            {
                in_reading += 1;
            } else {
                problems.push(format!(
                    "{file}: {parameter} = {}: not in the quote “{}” ({}:{}){}",
                    forms[0],
                    c.quote,
                    c.file,
                    c.line,
                    c.reading
                        .as_deref()
                        .map_or(String::new(), |r| format!(" nor in its reading “{r}”"))
                ));
            }
        }
        report.push((policy.file.clone(), in_quote, in_reading));
    }
    for (file, in_quote, in_reading) in &report {
        println!("{file}: {in_quote} figures in their quote, {in_reading} stated by the reading");
    }
    assert!(
        problems.is_empty(),
        "{} figures not found:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Every assumed figure gives its reason, and every policy cites at least
/// one figure. (`yibao check policies/*.toml`, run by `./yb test`, prints
/// the counts cited / assumed per policy.)
#[test]
fn every_assumption_has_a_reason() {
    let mut missing_reasons = Vec::new();
    for policy in yibao::baked::policies().expect("baked") {
        for version in &policy.versions {
            version.clone().each_figure_mut(&mut |f| {
                if let Origin::Assumed(a) = &f.origin
                    && a.reason_zh.trim().is_empty()
                {
                    missing_reasons.push(format!("{}: {}", policy.file, f.path));
                }
            });
            assert!(
                version.figure_counts().0 > 0,
                "{}: no cited figure",
                policy.file
            );
        }
    }
    assert!(
        missing_reasons.is_empty(),
        "assumed without a reason: {missing_reasons:?}"
    );
}

#[test]
fn written_forms_cover_the_ways_the_sources_write_figures() {
    let figure = |value: &str, unit| Figure {
        path: "x".into(),
        value: value.parse().expect("decimal"),
        unit,
        origin: Origin::Assumed(yibao::policy::Assumption {
            reason_zh: "test".into(),
            reason_en: None,
        }),
        line: 0,
    };
    let forms = written_forms(&figure("0.7", Unit::Percent));
    for text in [
        "报销比例达到70%",
        "百分之七十",
        "提高到七成",
        "提高10个百分点",
    ] {
        let f = if text.contains("10") {
            written_forms(&figure("0.1", Unit::Percent))
        } else {
            forms.clone()
        };
        assert!(f.iter().any(|f| holds(text, f)), "{text}");
    }
    assert!(!forms.iter().any(|f| holds("比例为170%", f)));
    let forms = written_forms(&figure("25000", Unit::Yuan));
    for text in ["起付线2.5万元", "25,000元", "25000元"] {
        assert!(forms.iter().any(|f| holds(text, f)), "{text}");
    }
    assert!(
        !written_forms(&figure("200", Unit::Yuan))
            .iter()
            .any(|f| holds("2000元", f))
    );
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
