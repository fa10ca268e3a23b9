//! The text a person reads: the summary table and the explanation, as
//! snapshots (insta). A change in wording or arithmetic shows up as a diff
//! to review with `cargo insta review` (or by reading the .snap files).

mod common;

use serde_json::json;
use yibao::engine::{self, Request};
use yibao::report;

fn inner_mongolia(category: &str) -> yibao::engine::Estimate {
    let raw = serde_json::from_value(json!({
        "policy": "inner_mongolia", "scheme": "resident", "category": category,
        "admissions": [{ "level": "county", "compliant": "50000", "out_of_policy": "8000" }]
    }))
    .unwrap();
    let request = Request::from_raw(&raw).unwrap();
    engine::estimate(&request, yibao::baked::policies().unwrap()).unwrap()
}

/// Inner Mongolia 2020, registered poor, a county stay of 50,000 + 8,000: all five layers.
#[test]
fn registered_poor_table_zh() {
    insta::assert_snapshot!(report::table_zh(&inner_mongolia("registered_poor")));
}

#[test]
fn registered_poor_explanation_zh() {
    insta::assert_snapshot!(report::explanation(
        &inner_mongolia("registered_poor"),
        false
    ));
}

#[test]
fn ordinary_explanation_en() {
    insta::assert_snapshot!(report::explanation(&inner_mongolia("ordinary"), true));
}

/// The test county's destitute person: 二次救助 and the backstop.
#[test]
fn destitute_explanation_zh() {
    let e = common::ok(
        json!({ "policy": "test_county", "scheme": "resident", "category": "extreme_poor", "age": 40,
        "admissions": [{ "level": "county", "compliant": "60000", "out_of_policy": "10000" }] }),
    );
    insta::assert_snapshot!(report::explanation(&e, false));
}

/// The fixture that sets every field of the policy format.
fn every_field() -> yibao::policy::Policy {
    let file = "tests/data/every_field.toml";
    let text = std::fs::read_to_string(file).expect("the fixture");
    yibao::toml_input::policy_from_toml(file, &text).unwrap_or_else(|e| panic!("{e}"))
}

/// `yibao describe` of a policy with every field: the disease list (names,
/// the layers that name each, where it is listed), care away from home, the
/// reported averages apart from the rules, every figure's other reading, and
/// each layer's rules with diseases by name.
#[test]
fn every_field_description_text() {
    insta::assert_snapshot!(yibao::describe::text(&every_field()));
}

/// The same as Markdown (`yibao describe --markdown`, `docs/policies.md`).
#[test]
fn every_field_description_markdown() {
    insta::assert_snapshot!(yibao::describe::markdown(&every_field()));
}

/// An estimate under the fixture with every field, 2030: a county stay and a
/// child's general outpatient costs. The table lists the reported average
/// of the resident scheme apart from the layers; the explanation gives the
/// other reading of the outpatient rate, with the override that uses it.
fn every_field_estimate() -> yibao::engine::Estimate {
    let raw = serde_json::from_value(json!({
        "policy": "every_field", "date": "2030-06-01", "scheme": "resident",
        "category": "ordinary", "age": 10,
        "admissions": [{ "level": "county", "compliant": "5000" }],
        "outpatient": [{ "kind": "general", "level": "township", "visits": 4, "compliant": "300" }]
    }))
    .unwrap();
    let request = Request::from_raw(&raw).unwrap();
    engine::estimate(&request, std::slice::from_ref(&every_field())).unwrap()
}

#[test]
fn every_field_table_zh() {
    insta::assert_snapshot!(report::table_zh(&every_field_estimate()));
}

#[test]
fn every_field_explanation_zh() {
    insta::assert_snapshot!(report::explanation(&every_field_estimate(), false));
}
