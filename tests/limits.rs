//! Input the library refuses by its size or shape before it costs time or
//! memory (issue 12, item 6): policy files over `MAX_POLICY_BYTES`, nesting
//! deeper than `MAX_DEPTH` (never a stack overflow), more versions than
//! `MAX_VERSIONS`; and overlapping versions found in one sorted pass. And a
//! request's outpatient costs and the new fields of its stays (issue 14) at
//! their limits: `MAX_OUTPATIENT` costs, `MAX_VISITS` visits, kinds,
//! settings and diseases the policy version has, each refused at its field;
//! and a cost given as its total only (issue 15) at the amount limits.

mod common;

use serde_json::{Value, json};
use yibao::engine::request::{MAX_OUTPATIENT, MAX_VISITS};
use yibao::engine::{self, Estimate};
use yibao::policy::read::MAX_VERSIONS;
use yibao::toml_input::{MAX_DEPTH, MAX_POLICY_BYTES, policy_from_toml};
use yibao::{Error, ErrorKind, InputError, PolicyError, RequestError};

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

/// A request under the every-field fixture (version v1, whose disease list
/// is leukaemia, hypertension, cancer, caesarean), with these stays and
/// outpatient costs.
fn with_costs(admissions: Value, outpatient: Value) -> Value {
    json!({
        "policy": "every_field", "date": "2030-06-30", "scheme": "resident", "category": "dibao",
        "age": 8, "admissions": admissions, "outpatient": outpatient,
    })
}

fn estimate(request: &Value) -> Result<Estimate, Error> {
    let request = common::request(request)?;
    engine::estimate(&request, std::slice::from_ref(common::every_field()))
}

/// The request's error, and then the proof that a valid request still
/// computes (nothing is left over from the refusal).
fn refused_request(request: Value) -> Error {
    let e = match estimate(&request) {
        Ok(e) => panic!("accepted: out of pocket {:?}", e.out_of_pocket.total),
        Err(e) => e,
    };
    let valid = with_costs(
        json!([{ "level": "county", "compliant": "20000" }]),
        json!([]),
    );
    let after = estimate(&valid).expect("a valid request after a refused one");
    // (20000 − 90) × 85% = 16923.50 (a child's county deductible, dibao's raised rate)
    assert_eq!(common::paid(&after, engine::LayerId::Basic), "16923.50");
    e
}

fn general(visits: Value) -> Value {
    json!({ "kind": "general", "level": "township", "visits": visits, "compliant": "300" })
}

#[test]
fn outpatient_costs_over_the_limit_are_refused_naming_the_field_and_the_limit() {
    assert_eq!(MAX_OUTPATIENT, 100);
    let costs = |n: usize| Value::Array(vec![general(json!(1)); n]);
    estimate(&with_costs(json!([]), costs(MAX_OUTPATIENT))).expect("100 outpatient costs are read");
    let e = refused_request(with_costs(json!([]), costs(MAX_OUTPATIENT + 1)));
    assert_eq!(e.field(), "outpatient");
    assert_eq!(e.kind(), &InputError::TooManyItems { max: 100 });
    assert_eq!(
        (e.message_zh(), e.message_en()),
        (
            "项数太多（最多 100 项）".into(),
            "too many items (at most 100)".into()
        )
    );
}

#[test]
fn visits_outside_one_to_a_thousand_or_not_a_number_are_refused() {
    assert_eq!(MAX_VISITS, 1000);
    for visits in [json!(1), json!(1000), json!("1000")] {
        estimate(&with_costs(json!([]), json!([general(visits.clone())])))
            .unwrap_or_else(|e| panic!("visits {visits} refused: {e}"));
    }
    for visits in [
        json!(0),
        json!(1001),
        json!("x"),
        json!(-1),
        json!(2.5),
        json!(""),
    ] {
        let e = refused_request(with_costs(json!([]), json!([general(visits.clone())])));
        assert_eq!(e.field(), "outpatient[0].visits", "visits {visits}");
        assert_eq!(
            e.kind(),
            &InputError::NumberOutOfRange { min: 1, max: 1000 },
            "visits {visits}"
        );
        assert_eq!(e.message_en(), "expected a whole number from 1 to 1000");
    }
}

#[test]
fn an_unknown_kind_or_setting_is_refused_naming_the_field_and_the_choices() {
    let e = refused_request(with_costs(
        json!([]),
        json!([{ "kind": "dental", "level": "township", "compliant": "300" }]),
    ));
    assert_eq!(e.field(), "outpatient[0].kind");
    assert_eq!(
        e.message_en(),
        "\"dental\" is not one of: general, chronic, special"
    );
    let settings = "local, referred, elsewhere_registered, elsewhere_unregistered";
    let e = refused_request(with_costs(
        json!([{ "level": "county", "compliant": "1000", "setting": "abroad" }]),
        json!([]),
    ));
    assert_eq!(e.field(), "admissions[0].setting");
    assert_eq!(
        e.message_en(),
        format!("\"abroad\" is not one of: {settings}")
    );
    let e = refused_request(with_costs(
        json!([]),
        json!([{ "kind": "general", "level": "township", "setting": "moon", "compliant": "300" }]),
    ));
    assert_eq!(e.field(), "outpatient[0].setting");
    assert_eq!(
        e.message_en(),
        format!("\"moon\" is not one of: {settings}")
    );
}

#[test]
fn a_disease_not_on_the_versions_list_is_refused_listing_the_diseases_it_has() {
    let allowed: Vec<String> = ["leukaemia", "hypertension", "cancer", "caesarean"]
        .map(String::from)
        .into();
    let not_listed = RequestError::NotInPolicy {
        value: "gout".into(),
        allowed: allowed.clone(),
    };
    let e = refused_request(with_costs(
        json!([{ "level": "county", "compliant": "1000", "disease": "gout" }]),
        json!([]),
    ));
    assert_eq!(
        (e.field(), e.kind()),
        ("admissions[0].disease", &not_listed.clone().into())
    );
    assert_eq!(
        e.message_en(),
        "this policy has no \"gout\"; it has: leukaemia, hypertension, cancer, caesarean"
    );
    assert_eq!(
        e.message_zh(),
        "该政策没有“gout”这一项；可选：leukaemia、hypertension、cancer、caesarean"
    );
    for kind in ["general", "chronic", "special"] {
        let e = refused_request(with_costs(
            json!([{ "level": "county", "compliant": "1000" }]),
            json!([
                { "kind": "general", "level": "township", "compliant": "300" },
                { "kind": kind, "disease": "gout", "level": "township", "compliant": "300" },
            ]),
        ));
        assert_eq!(
            (e.field(), e.kind()),
            ("outpatient[1].disease", &not_listed.clone().into())
        );
    }
    // Every id of the list is taken, in a stay and in outpatient care.
    for id in &allowed {
        estimate(&with_costs(
            json!([{ "level": "county", "compliant": "1000", "disease": id }]),
            json!([{ "kind": "chronic", "disease": id, "level": "township", "compliant": "300" }]),
        ))
        .unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    // An id longer than any list's is refused before it is looked up.
    let e = refused_request(with_costs(
        json!([{ "level": "county", "compliant": "1000", "disease": "x".repeat(65) }]),
        json!([]),
    ));
    assert_eq!(
        (e.field(), e.kind()),
        (
            "admissions[0].disease",
            &InputError::TextTooLong { max: 64 }.into()
        )
    );
}

#[test]
fn chronic_or_special_care_without_a_disease_is_refused_as_missing_it() {
    for kind in ["chronic", "special"] {
        for disease in [None, Some(json!(null)), Some(json!("")), Some(json!("  "))] {
            let mut cost = json!({ "kind": kind, "level": "township", "compliant": "300" });
            if let Some(d) = &disease {
                cost["disease"] = d.clone();
            }
            let e = refused_request(with_costs(json!([]), json!([cost])));
            assert_eq!(
                (e.field(), e.kind()),
                ("outpatient[0].disease", &InputError::Missing.into()),
                "{kind}, disease {disease:?}"
            );
            assert_eq!(e.message_en(), "this field is required");
        }
    }
    // General care needs none.
    estimate(&with_costs(json!([]), json!([general(json!(2))]))).expect("general care");
}

#[test]
fn a_request_without_stays_or_outpatient_costs_is_refused() {
    for (admissions, outpatient) in [
        (json!([]), json!([])),
        (json!([]), json!(null)),
        (json!(null), json!([])),
    ] {
        let e = refused_request(with_costs(admissions.clone(), outpatient.clone()));
        assert_eq!(e.field(), "admissions", "{admissions} {outpatient}");
        // An empty list: "enter at least one stay or outpatient cost"; no
        // list at all: the stays are missing.
        assert!(
            matches!(
                e.kind(),
                ErrorKind::Request(RequestError::NoAdmissions)
                    | ErrorKind::Input(InputError::Missing)
            ),
            "{admissions} {outpatient}: {e}"
        );
    }
    let mut neither = with_costs(json!([]), json!([]));
    let fields = neither.as_object_mut().expect("an object");
    fields.remove("admissions");
    fields.remove("outpatient");
    let e = refused_request(neither);
    assert_eq!(e.field(), "admissions");
    // Outpatient costs alone are a request.
    estimate(&with_costs(json!([]), json!([general(json!(1))]))).expect("outpatient alone");
}

/// A total is read as any amount is, at its field: above 1 亿, negative, or
/// not an amount, refused; a hundred stays of 1 亿 each, given as totals,
/// are split and computed far inside `Decimal`'s range, the parts adding up.
#[test]
fn a_total_at_the_amount_limits_is_refused_at_its_field_or_split_exactly() {
    use yibao::AmountError;
    for (total, kind) in [
        ("100000000.01", AmountError::TooLarge),
        ("-5", AmountError::Negative),
        ("12..0", AmountError::NotAnAmount),
    ] {
        let e = refused_request(with_costs(
            json!([{ "level": "county", "total": total }]),
            json!([]),
        ));
        assert_eq!(
            (e.field(), e.kind()),
            ("admissions[0].total", &kind.into()),
            "{total}"
        );
        let e = refused_request(with_costs(
            json!([]),
            json!([{ "kind": "general", "level": "township", "total": total }]),
        ));
        assert_eq!(e.field(), "outpatient[0].total", "{total}");
    }
    let stays: Vec<Value> = (0..yibao::engine::request::MAX_ADMISSIONS)
        .map(|_| json!({ "level": "city", "total": "100000000" }))
        .collect();
    let e = estimate(&with_costs(json!(stays), json!([]))).expect("the largest year, as totals");
    assert_eq!(e.splits.len(), yibao::engine::request::MAX_ADMISSIONS);
    assert!(
        e.splits
            .iter()
            .all(|s| s.compliant.0 + s.out_of_policy.0 == s.total.0)
    );
    assert_eq!(e.total.0, rust_decimal::Decimal::from(10_000_000_000u64));
    let layers: rust_decimal::Decimal = e.layers.iter().map(|l| l.paid.0).sum();
    assert_eq!(layers + e.out_of_pocket.total.0, e.total.0);
}
