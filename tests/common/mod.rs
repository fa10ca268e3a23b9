//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses its own subset

use std::sync::OnceLock;

use serde_json::Value;
use yibao::Error;
use yibao::engine::{self, Estimate, LayerId, Request};
use yibao::policy::{Origin, Policy, Scheme, Version};
use yibao::raw::Raw;

/// A baked policy, by id.
pub fn baked_policy(id: &str) -> &'static Policy {
    yibao::baked::policies()
        .expect("baked")
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("{id} is baked"))
}

/// A version's reported averages: the value as written, the schemes it is
/// shown for, and its source (`file:line`); each must be cited.
pub fn reported_entries(version: &Version) -> Vec<(String, Vec<Scheme>, String)> {
    version
        .reported
        .iter()
        .map(|r| {
            let Origin::Cited(c) = &r.value.origin else {
                panic!("{} is not cited", r.what_en)
            };
            (r.value.display(), r.schemes.clone(), c.to_string())
        })
        .collect()
}

/// The fixture policy `tests/data/test_county.toml`: round figures, all assumed.
pub fn test_county() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let text = include_str!("../data/test_county.toml");
        yibao::toml_input::policy_from_toml("tests/data/test_county.toml", text)
            .expect("the fixture policy reads")
    })
}

/// The fixture `tests/data/every_field.toml`: every field of the policy
/// format set at least once (every issue-14 key among them).
pub fn every_field() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let text = include_str!("../data/every_field.toml");
        yibao::toml_input::policy_from_toml("tests/data/every_field.toml", text)
            .expect("the every-field fixture reads")
    })
}

/// The cadres' example, `policies/examples/county_example.toml`.
pub fn county_example() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let text = include_str!("../../policies/examples/county_example.toml");
        yibao::toml_input::policy_from_toml("policies/examples/county_example.toml", text)
            .expect("the county example reads")
    })
}

pub fn request(json: &Value) -> Result<Request, Error> {
    let raw: Raw = serde_json::from_value(json.clone()).expect("JSON to Raw");
    Request::from_raw(&raw)
}

/// Estimates a JSON request against the test county.
pub fn estimate(json: Value) -> Result<Estimate, Error> {
    engine::estimate(&request(&json)?, std::slice::from_ref(test_county()))
}

pub fn ok(json: Value) -> Estimate {
    estimate(json).unwrap_or_else(|e| panic!("estimate failed: {e}"))
}

pub fn err(json: Value) -> Error {
    match estimate(json) {
        Ok(e) => panic!(
            "expected an error, got out-of-pocket {:?}",
            e.out_of_pocket.total
        ),
        Err(e) => e,
    }
}

/// Estimates a JSON request against the baked policies (those in `policies/`).
pub fn baked(json: Value) -> Estimate {
    let request = request(&json).unwrap_or_else(|e| panic!("bad request: {e}"));
    engine::estimate(&request, yibao::baked::policies().expect("baked"))
        .unwrap_or_else(|e| panic!("estimate failed: {e}"))
}

/// What a layer paid, as the response writes it.
pub fn paid(estimate: &Estimate, layer: LayerId) -> String {
    let layer = estimate
        .layers
        .iter()
        .find(|l| l.id == layer)
        .expect("layer present");
    yibao::money::to_decimal_string(layer.paid.0)
}

pub fn out_of_pocket(estimate: &Estimate) -> String {
    text(estimate.out_of_pocket.total)
}

/// An amount as the response writes it: `"4400.00"`.
pub fn text(amount: engine::Yuan) -> String {
    yibao::money::to_decimal_string(amount.0)
}

/// Every formula of a layer, in order.
pub fn formulas(estimate: &Estimate, layer: LayerId) -> Vec<String> {
    let layer = estimate
        .layers
        .iter()
        .find(|l| l.id == layer)
        .expect("layer present");
    layer
        .steps
        .iter()
        .map(|s| s.formula.clone())
        .filter(|f| !f.is_empty())
        .collect()
}
