//! Every cited figure of every shipped policy: the cited source file exists
//! under policies/sources/, and the quoted words stand at the cited line.

use yibao::policy::{Origin, Policy, Statement};

/// (policy file, parameter, citation) for every cited figure and statement.
fn citations(policy: &Policy) -> Vec<(String, String, yibao::policy::Citation)> {
    let mut out = Vec::new();
    let mut push = |path: &str, origin: &Origin| {
        if let Origin::Cited(c) = origin {
            out.push((policy.file.clone(), path.to_string(), c.clone()));
        }
    };
    for version in &policy.versions {
        version
            .clone()
            .each_figure_mut(&mut |f| push(&f.path, &f.origin));
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
            push(&s.path, &s.origin);
        }
    }
    out
}

#[test]
fn every_quote_stands_at_its_cited_line() {
    let mut problems = Vec::new();
    let mut count = 0;
    for policy in yibao::baked::policies().expect("baked") {
        for (file, parameter, c) in citations(policy) {
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
