//! Input the library refuses by its size or shape before it costs time or
//! memory (issue 12, item 6): policy files over `MAX_POLICY_BYTES`, nesting
//! deeper than `MAX_DEPTH` (never a stack overflow), more versions than
//! `MAX_VERSIONS`; and overlapping versions found in one sorted pass.

use yibao::policy::read::MAX_VERSIONS;
use yibao::toml_input::{MAX_DEPTH, MAX_POLICY_BYTES, policy_from_toml};
use yibao::{Error, ErrorKind, InputError, PolicyError};

const HEADER: &str =
    "id = \"x\"\nname_zh = \"x\"\nname_en = \"x\"\nprovince_zh = \"x\"\nprovince_en = \"x\"\n";

/// A version in force from `from` to `to`, with nothing but its frame.
fn version(label: &str, from: &str, to: &str) -> String {
    format!(
        "[[versions]]\nlabel = \"{label}\"\nvalid_from = {from}\nvalid_to = {to}\n\
         schemes = [\"resident\"]\ncategories = [\"ordinary\"]\n\
         levels.county = {{ zh = \"县\", en = \"county\" }}\n"
    )
}

fn years(range: std::ops::Range<u32>) -> String {
    range
        .map(|y| version(&y.to_string(), &format!("{y}-01-01"), &format!("{y}-12-31")))
        .collect()
}

fn refused(text: &str) -> Error {
    policy_from_toml("big.toml", text).expect_err("refused")
}

#[test]
fn a_policy_file_over_the_size_limit_is_refused_before_it_is_parsed() {
    let of_size = |bytes: usize| format!("{HEADER}{}", "#".repeat(bytes - HEADER.len()));
    let e = refused(&of_size(MAX_POLICY_BYTES + 1));
    assert_eq!(
        (e.message_zh(), e.message_en()),
        (
            "文件 big.toml 超过 1 MiB 的上限；请检查是否选错了文件".into(),
            "big.toml is larger than the limit of 1 MiB; is it the right file?".into()
        )
    );
    // One byte less is parsed (and found to lack its versions).
    let e = refused(&of_size(MAX_POLICY_BYTES));
    assert_eq!(
        (e.field(), e.kind()),
        ("versions", &InputError::Missing.into())
    );
}

/// 100,000 brackets deep: an error from the TOML parser's own limit, not a
/// stack overflow, in lists and in inline tables.
#[test]
fn brackets_nested_100_000_deep_are_an_error_not_a_stack_overflow() {
    let n = 100_000;
    for text in [
        format!("a = {}{}\n", "[".repeat(n), "]".repeat(n)),
        format!("a = {}1{}\n", "{ b = ".repeat(n), "}".repeat(n)),
        format!("a{} = 1\n", ".a".repeat(n)),
    ] {
        let e = refused(&text);
        assert!(
            matches!(
                e.kind(),
                ErrorKind::Policy(PolicyError::TomlSyntax {
                    problem: yibao::error::TomlProblem::TooDeep,
                    ..
                })
            ),
            "{e}"
        );
        assert!(e.message_zh().ends_with("：括号嵌套太深"), "{e}");
    }
}

/// Nesting the TOML parser allows (headers, dotted keys and lists add up)
/// but no policy file needs is refused by the reader, naming where.
#[test]
fn nesting_deeper_than_the_format_needs_is_refused_with_its_place() {
    let e = refused("x = 1\n[a.b]\nc = [[{ d = [[[[[[[[[[[1]]]]]]]]]]] }]]\n");
    assert_eq!(e.kind(), &InputError::NestedTooDeep { max: MAX_DEPTH });
    assert_eq!(e.field(), "a.b.c[0][0].d[0][0][0][0][0][0][0][0][0][0]");
    assert_eq!(e.location().map(|l| l.line), Some(3));
    assert_eq!(
        (e.message_zh(), e.message_en()),
        (
            "嵌套层数太多（最多 16 层）".into(),
            "nested too deeply (at most 16 levels)".into()
        )
    );
    // 16 levels (the root table and 15 lists) are read.
    let e = refused(&format!("a = {}{}\n", "[".repeat(15), "]".repeat(15)));
    assert!(
        matches!(e.kind(), ErrorKind::Input(InputError::UnknownField { .. })),
        "{e}"
    );
}

#[test]
fn more_versions_than_the_limit_are_refused_before_they_are_read() {
    let ok = format!("{HEADER}{}", years(2000..2000 + MAX_VERSIONS as u32));
    let policy = policy_from_toml("many.toml", &ok).expect("100 versions are read");
    assert_eq!(policy.versions.len(), MAX_VERSIONS);
    let e = refused(&format!("{HEADER}{}", years(1900..2001)));
    assert_eq!(e.field(), "versions");
    assert_eq!(e.location().map(|l| l.line), Some(6));
    assert_eq!(
        (e.message_zh(), e.message_en()),
        (
            "一个政策文件最多 100 个版本；请把较早的版本另存为一个文件".into(),
            "at most 100 versions in one policy file; move older ones into another file".into()
        )
    );
}

/// Versions in any order: the later one in the file is named, with the
/// one it overlaps, also when they are far apart in the file and in time.
#[test]
fn overlapping_versions_are_found_in_any_order() {
    let mut text = format!("{HEADER}{}", years(1950..2040));
    text += &version("long", "1960-06-01", "1960-06-30");
    let e = refused(&text);
    assert_eq!(e.field(), "versions[90]");
    assert_eq!(
        e.kind(),
        &PolicyError::VersionsOverlap {
            other: "1960".into()
        }
    );
    let mut text = format!("{HEADER}{}", version("early", "1900-01-01", "2100-12-31"));
    text += &years(1950..2040);
    let e = refused(&text);
    assert_eq!(e.field(), "versions[1]");
    assert_eq!(
        e.kind(),
        &PolicyError::VersionsOverlap {
            other: "early".into()
        }
    );
}
