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

/// The documents of the files the tests cite, at the end of a policy file:
/// the fixture's lines keep their numbers.
const DOCUMENTS: &str = "
[[documents]]
file = \"s.txt\"
title_zh = \"测试县大病保险办法\"
title_en = \"Test county critical-illness rules\"
number = \"测政〔2019〕1号\"
kind = \"notice\"

[[documents]]
file = \"nothere.txt\"
title_zh = \"不在文件夹里的文件\"
title_en = \"A file not in the folder\"
kind = \"notice\"
";

/// The fixture with its critical-illness threshold (10000) cited as `origin`.
fn citing(origin: &str) -> Result<Policy, Error> {
    let text = FIXTURE.replacen(
        ASSUMED,
        &format!("threshold = {{ value = \"10000\", {origin} }}"),
        1,
    );
    policy_from_toml("p.toml", &(text + DOCUMENTS))
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
    let (checked, _) = check(&policy_from_toml("p.toml", &(text + DOCUMENTS)).unwrap());
    assert_eq!(checked.problems.len(), 1);
    let e = &checked.problems[0];
    assert!(e.field().ends_with(".who"), "{}", e.field());
    assert_eq!(e.location().map(|l| l.line), Some(line));
    assert!(matches!(
        e.kind(),
        ErrorKind::Citation(CitationError::QuoteNotOnLine { .. })
    ));
}

/// The fixture with its threshold cited from `s.txt`, without the documents.
fn citing_without_documents() -> String {
    FIXTURE.replacen(
        ASSUMED,
        "threshold = { value = \"10000\", source = \"s.txt:2\", quote = \"起付线为1万元\" }",
        1,
    )
}

/// A cited file needs its document, so that people read a title, not a file
/// name: the error names the citation's field, the policy file and its line.
#[test]
fn a_cited_file_without_its_document_is_refused() {
    let e = policy_from_toml("p.toml", &citing_without_documents()).expect_err("no document");
    assert_eq!(e.field(), format!("{FIELD}.source"));
    let location = e.location().expect("located");
    assert_eq!(
        (location.file.as_str(), location.line),
        ("p.toml", line_of_threshold())
    );
    assert_eq!(
        e.kind(),
        &CitationError::NoDocument {
            file: "s.txt".into()
        }
    );
    assert!(
        e.message_zh()
            .starts_with("出处文件“s.txt”没有文献信息：请在文件开头的 [[documents]] 里为它写一条"),
        "{e}"
    );
    assert!(
        e.message_en()
            .starts_with("the source \"s.txt\" has no document: add a [[documents]] entry"),
        "{e}"
    );
}

/// A document's kind is one of four, its issuer in both languages or in
/// neither, each file once; each error names the field and its line.
#[test]
fn a_document_s_fields_are_checked_by_name() {
    let text = citing_without_documents();
    let refused = |documents: &str, field: &str| {
        let whole = format!("{text}{documents}");
        let e = policy_from_toml("p.toml", &whole).expect_err(field);
        assert_eq!(e.field(), field, "{e}");
        assert_eq!(e.location().map(|l| l.file.as_str()), Some("p.toml"));
        (e, whole)
    };
    let (e, whole) = refused(
        &DOCUMENTS.replacen("kind = \"notice\"", "kind = \"memo\"", 1),
        "documents[0].kind",
    );
    assert_eq!(
        e.kind(),
        &yibao::InputError::UnknownChoice {
            value: "memo".into(),
            allowed: ["notice", "reply", "meeting", "newspaper"]
                .map(String::from)
                .to_vec(),
        }
    );
    let line = whole[..whole.find("kind = \"memo\"").unwrap()]
        .matches('\n')
        .count() as u32
        + 1;
    assert_eq!(e.location().map(|l| l.line), Some(line));
    assert!(e.message_zh().contains("memo"), "{e}");
    let (e, _) = refused(
        &DOCUMENTS.replacen(
            "kind = \"notice\"",
            "issuer_zh = \"测试县医保局\"\nkind = \"notice\"",
            1,
        ),
        "documents[0].issuer_en",
    );
    assert_eq!(e.kind(), &yibao::InputError::Missing);
    let (e, _) = refused(
        &DOCUMENTS.replace("nothere.txt", "s.txt"),
        "documents[1].file",
    );
    assert_eq!(
        e.kind(),
        &yibao::InputError::Duplicate {
            value: "s.txt".into()
        }
    );
}

/// People read a cited figure's source as 《title》number，第 N 行, in the
/// explanation and the command line's text; the file name is the cadre's.
#[test]
fn an_explanation_names_the_document_not_the_file() {
    let policy = citing("source = \"s.txt:2\", quote = \"起付线为1万元\"").expect("reads");
    let document = policy.documents.find("s.txt").expect("its document");
    assert_eq!(&*document.title_zh, "测试县大病保险办法");
    assert_eq!(document.number.as_deref(), Some("测政〔2019〕1号"));
    assert_eq!((document.issuer_zh.as_deref(), document.date), (None, None));
    // (50000 − 500) × 80% = 39600 by basic; 10,400 left passes the cited threshold of 10,000.
    let raw = serde_json::from_value(serde_json::json!({ "policy": "test_county", "scheme": "resident",
        "category": "ordinary", "admissions": [{ "level": "county", "compliant": "50000", "out_of_policy": "0" }],
        "explain": true }))
    .expect("raw");
    let request = yibao::engine::Request::from_raw(&raw).expect("request");
    let estimate =
        yibao::engine::estimate(&request, std::slice::from_ref(&policy)).expect("estimate");
    let threshold = estimate
        .figures
        .iter()
        .find(|f| &*f.parameter == "critical_illness.threshold")
        .expect("the threshold is used");
    assert_eq!(threshold.source.as_deref(), Some("s.txt:2"));
    assert_eq!(
        threshold.cited_zh.as_deref(),
        Some("《测试县大病保险办法》测政〔2019〕1号，第 2 行")
    );
    assert_eq!(
        threshold.cited_en.as_deref(),
        Some("Test county critical-illness rules 测政〔2019〕1号, line 2")
    );
    let zh = yibao::report::explanation(&estimate, false);
    assert!(
        zh.contains("依据 《测试县大病保险办法》测政〔2019〕1号，第 2 行：“起付线为1万元”"),
        "{zh}"
    );
    assert!(!zh.contains("s.txt"), "{zh}");
    let en = yibao::report::explanation(&estimate, true);
    assert!(
        en.contains(
            "source Test county critical-illness rules 测政〔2019〕1号, line 2: “起付线为1万元”"
        ),
        "{en}"
    );
}

/// A newspaper's figure says it comes from a newspaper: it weighs less than
/// a notice's. The reported average beside an estimate is named the same way.
#[test]
fn a_newspaper_report_says_what_it_is() {
    let policy = yibao::baked::policies()
        .expect("baked")
        .iter()
        .find(|p| p.id == "inner_mongolia")
        .expect("inner_mongolia");
    let document = policy
        .documents
        .find("004_44d2b2ecadff79be.txt")
        .expect("its document");
    assert_eq!(
        document.cite(22, false),
        "《内蒙古多重医疗保障 为群众健康护航》（报纸报道），第 22 行"
    );
    assert_eq!(
        document.cite(22, true),
        "Inner Mongolia's several layers of medical security protect people's health (newspaper report), line 22"
    );
    let reported = &policy.versions[0].reported[0];
    assert_eq!(reported.cited_zh, document.cite(22, false));
    assert_eq!(reported.cited_en, document.cite(22, true));
}
