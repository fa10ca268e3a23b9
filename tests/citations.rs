//! Every citation of every shipped policy, checked against policies/sources/
//! by the library's check (`yibao::policy::citations::check`), the same
//! one `yibao check` runs: the cited file is a plain file name in the
//! sources folder, the quote stands at the cited line, a cited figure is in
//! its quote as the text writes it or stated by the citation's reading.
//! Also: every assumed figure gives its reason, and fabricated citations are
//! refused (issue 12, item 12).

use std::collections::BTreeMap;

use yibao::policy::citations::{self, Checked};
use yibao::policy::{Origin, Policy};
use yibao::toml_input::policy_from_toml;
use yibao::{CitationError, Error, ErrorKind, IoError};

/// The text of a file of policies/sources/, as `yibao check` reads it.
fn shipped_source(name: &str) -> Result<String, Error> {
    let path = format!("policies/sources/{name}");
    std::fs::read_to_string(&path).map_err(|e| {
        Error::new(
            "",
            IoError::ReadFailed {
                file: Some(path),
                io: e.kind(),
                detail: e.to_string(),
            },
        )
    })
}

#[test]
fn every_citation_of_the_shipped_policies_stands_in_its_source() {
    let mut verified = 0;
    for policy in yibao::baked::policies().expect("baked") {
        let checked = citations::check(policy, &mut shipped_source);
        let problems: Vec<String> = checked.problems.iter().map(Error::to_string).collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        verified += checked.verified;
    }
    // Cited figures and statements of the eight policies.
    assert_eq!(verified, 130);
}

/// Every assumed figure gives its reason, and every policy cites at least
/// one figure. (`yibao check policies/*.toml`, run by `./yb test`, prints
/// the counts cited / assumed per policy.)
#[test]
fn every_assumption_has_a_reason() {
    let mut missing_reasons = Vec::new();
    for policy in yibao::baked::policies().expect("baked") {
        for version in &policy.versions {
            version.each_figure(&mut |f, _| {
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

const FIXTURE: &str = include_str!("data/test_county.toml");
const ASSUMED: &str = "threshold = { value = \"10000\", assumed = \"test\" }";
const SOURCE: &str = "第一条 总则\n大病保险起付线为1万元，超过部分按60%报销。\n";

/// The fixture with its critical-illness threshold (10000) cited as `origin`.
fn citing(origin: &str) -> Result<Policy, Error> {
    let text = FIXTURE.replacen(
        ASSUMED,
        &format!("threshold = {{ value = \"10000\", {origin} }}"),
        1,
    );
    policy_from_toml("p.toml", &text)
}

fn line_of_threshold() -> u32 {
    let index = FIXTURE.find(ASSUMED).expect("threshold in fixture");
    FIXTURE[..index].matches('\n').count() as u32 + 1
}

/// Checks `policy` against one source text, `s.txt`; and counts the reads.
fn check(policy: &Policy) -> (Checked, BTreeMap<String, usize>) {
    let mut reads = BTreeMap::new();
    let checked = citations::check(policy, &mut |name| {
        *reads.entry(name.to_string()).or_default() += 1;
        if name == "s.txt" {
            Ok(SOURCE.to_string())
        } else {
            Err(Error::new(
                "",
                IoError::ReadFailed {
                    file: Some(format!("sources/{name}")),
                    io: std::io::ErrorKind::NotFound,
                    detail: "not found".into(),
                },
            ))
        }
    });
    (checked, reads)
}

/// The one problem a citation has: its field, line and kind.
fn problem(origin: &str) -> (String, u32, CitationError) {
    let (checked, _) = check(&citing(origin).expect("policy reads"));
    assert_eq!(checked.verified, 0);
    assert_eq!(checked.problems.len(), 1, "{:?}", checked.problems);
    let e = &checked.problems[0];
    let location = e.location().expect("located");
    assert_eq!(location.file, "p.toml");
    let ErrorKind::Citation(kind) = e.kind().clone() else {
        panic!("not a citation's problem: {e}");
    };
    (e.field().to_string(), location.line, kind)
}

const FIELD: &str = "versions[1].critical_illness.threshold";

#[test]
fn a_true_citation_is_verified_and_its_source_read_once() {
    let (checked, reads) =
        check(&citing("source = \"s.txt:2\", quote = \"起付线为1万元\"").unwrap());
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    assert_eq!(checked.verified, 1);
    assert_eq!(reads, BTreeMap::from([("s.txt".to_string(), 1)]));
    // A figure the quote gives in another form, stated by the reading.
    let (checked, _) = check(
        &citing("source = \"s.txt:2\", quote = \"超过部分按60%报销\", reading = \"起付线 1万 元见同一句\"")
            .unwrap(),
    );
    assert_eq!((checked.verified, checked.problems.len()), (1, 0));
}

#[test]
fn a_quote_that_is_not_in_the_source_is_refused() {
    assert_eq!(
        problem("source = \"s.txt:2\", quote = \"起付线为2万元\""),
        (
            FIELD.into(),
            line_of_threshold(),
            CitationError::QuoteNotOnLine {
                file: "s.txt".into(),
                line: 2,
                text: "大病保险起付线为1万元，超过部分按60%报销。".into()
            }
        )
    );
    // On the wrong line.
    assert!(matches!(
        problem("source = \"s.txt:1\", quote = \"起付线为1万元\"").2,
        CitationError::QuoteNotOnLine { line: 1, .. }
    ));
}

#[test]
fn a_line_the_source_does_not_have_is_refused() {
    assert_eq!(
        problem("source = \"s.txt:999999\", quote = \"起付线为1万元\""),
        (
            FIELD.into(),
            line_of_threshold(),
            CitationError::NoSuchLine {
                file: "s.txt".into(),
                line: 999_999,
                lines: 2
            }
        )
    );
}

#[test]
fn a_figure_that_is_not_in_its_quote_is_refused() {
    let (field, _, kind) = problem("source = \"s.txt:2\", quote = \"超过部分按60%报销\"");
    assert_eq!(field, FIELD);
    assert_eq!(
        kind,
        CitationError::FigureNotInQuote {
            written: "10000".into()
        }
    );
}

#[test]
fn a_source_that_cannot_be_read_is_told_once() {
    let (field, line, kind) = problem("source = \"nothere.txt:2\", quote = \"起付线为1万元\"");
    assert_eq!((field.as_str(), line), (FIELD, line_of_threshold()));
    let CitationError::SourceUnreadable { reason, citations } = kind else {
        panic!("{kind:?}");
    };
    assert_eq!(citations, 1);
    assert_eq!(
        reason.message_zh(),
        "无法读取文件 sources/nothere.txt：找不到该文件"
    );
}

/// A citation names a file inside the sources folder, nothing else: the
/// reader refuses a path, and so does the check (for a policy that did not
/// come from the reader), without asking for the file.
#[test]
fn a_source_outside_the_sources_folder_is_refused() {
    for file in [
        "../../etc/passwd",
        "/etc/shadow",
        "sub/s.txt",
        "..",
        "C:s.txt",
    ] {
        let e = citing(&format!("source = \"{file}:1\", quote = \"root\"")).expect_err(file);
        assert_eq!(e.field(), format!("{FIELD}.source"));
        assert_eq!(e.location().map(|l| l.line), Some(line_of_threshold()));
        assert_eq!(
            e.kind(),
            &CitationError::SourceNotPlainName { file: file.into() }
        );
    }
    let mut policy = citing("source = \"s.txt:2\", quote = \"起付线为1万元\"").unwrap();
    policy.versions[1].each_figure_mut(&mut |f| {
        if let Origin::Cited(c) = &mut f.origin {
            c.file = "/etc/shadow".into();
        }
    });
    let (checked, reads) = check(&policy);
    assert!(reads.is_empty(), "{reads:?}");
    assert_eq!(checked.verified, 0);
    assert_eq!(
        checked.problems[0].kind(),
        &CitationError::SourceNotPlainName {
            file: "/etc/shadow".into()
        }
    );
}

/// Statements (whom a rule is for) are checked too, at their own line.
#[test]
fn a_statement_s_citation_is_checked_at_its_line() {
    let from = "who = { categories = [\"extreme_poor\", \"dibao\"], assumed = \"test\" }";
    assert!(FIXTURE.contains(from), "fixture lacks {from}");
    let line = FIXTURE[..FIXTURE.find(from).unwrap()].matches('\n').count() as u32 + 1;
    let text = FIXTURE.replacen(
        from,
        "who = { categories = [\"extreme_poor\", \"dibao\"], source = \"s.txt:2\", quote = \"特困人员\" }",
        1,
    );
    let (checked, _) = check(&policy_from_toml("p.toml", &text).unwrap());
    assert_eq!(checked.problems.len(), 1);
    let e = &checked.problems[0];
    assert!(e.field().ends_with(".who"), "{}", e.field());
    assert_eq!(e.location().map(|l| l.line), Some(line));
    assert!(matches!(
        e.kind(),
        ErrorKind::Citation(CitationError::QuoteNotOnLine { .. })
    ));
}
