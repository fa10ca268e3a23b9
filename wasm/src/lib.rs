//! WebAssembly bindings of yibao: the functions the page calls, and nothing else.
//!
//! Values cross the boundary as plain JS objects (serde-wasm-bindgen, in its
//! JSON-compatible mode, so that they look exactly like the command line's
//! JSON); amounts inside them are decimal strings. Bad input rejects with the
//! library's structured error `{ field, message_zh, message_en }`, never a panic.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use yibao::Error;
#[cfg(feature = "cadre")]
use yibao::analysis;
#[cfg(feature = "cadre")]
use yibao::catalog::PolicySummary;
use yibao::engine::{self, Request};
use yibao::policy::{Policy, data};
#[cfg(feature = "cadre")]
use yibao::read::Node;

mod input;

thread_local! {
    /// The policies loaded so far (the web build bakes none: see `loadPolicies`).
    static LOADED: RefCell<Vec<Policy>> = const { RefCell::new(Vec::new()) };
}

/// Loads policy data written by `yibao bake` (`policies/<id>.bin`); a policy
/// loaded again replaces the earlier copy. Resolves to the ids loaded.
#[wasm_bindgen(js_name = loadPolicies)]
pub fn load_policies(bytes: JsValue) -> Result<JsValue, JsValue> {
    let bytes = input::bytes(&bytes, "policies").map_err(reject)?;
    let policies = data::from_bytes(&bytes, "policies").map_err(reject)?;
    let ids: Vec<String> = policies.iter().map(|p| p.id.clone()).collect();
    LOADED.with(|loaded| {
        let mut loaded = loaded.borrow_mut();
        for policy in policies {
            loaded.retain(|p| p.id != policy.id);
            loaded.push(policy);
        }
    });
    to_js(&ids)
}

fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

fn reject(error: Error) -> JsValue {
    to_js(&error).unwrap_or_else(|e| e)
}

fn read_request(request: &JsValue) -> Result<Request, JsValue> {
    let raw = input::tree(request, "").map_err(reject)?;
    Request::from_raw(&raw).map_err(reject)
}

/// Runs `f` on the loaded policies and hands its result to JS.
fn with_loaded<T: Serialize>(
    f: impl FnOnce(&[Policy]) -> Result<T, Error>,
) -> Result<JsValue, JsValue> {
    let result = LOADED.with(|loaded| f(&loaded.borrow()));
    to_js(&result.map_err(reject)?)
}

/// Estimates what each layer pays, under the loaded policies. `request` is the
/// same object as the command line's JSON request; resolves to the estimate
/// with its explanation (or a summary, with `explain: false`). The first
/// module (without the feature `cadre`) gives summaries only: a request for
/// the explanation or with replaced figures is refused, naming the field.
#[wasm_bindgen]
pub fn estimate(request: JsValue) -> Result<JsValue, JsValue> {
    let request = read_request(&request)?;
    #[cfg(not(feature = "cadre"))]
    if request.explain {
        let kind = yibao::error::RequestError::NotInThisModule;
        return Err(reject(Error::new("explain", kind)));
    }
    with_loaded(|policies| engine::estimate(&request, policies))
}

/// The request's bill for every category of its policy, side by side, with
/// the figures that make each category differ from the first.
#[cfg(feature = "cadre")]
#[wasm_bindgen(js_name = compareCategories)]
pub fn compare_categories(request: JsValue) -> Result<JsValue, JsValue> {
    let request = read_request(&request)?;
    with_loaded(|policies| analysis::categories::compare(&request, policies))
}

#[cfg(feature = "cadre")]
/// What each layer pays as the household's total cost runs from 0 to `max`
/// (a decimal string), at `points` points, with thresholds and caps marked.
#[wasm_bindgen]
pub fn curve(request: JsValue, max: JsValue, points: JsValue) -> Result<JsValue, JsValue> {
    let request = read_request(&request)?;
    let max = input::text(&max, "max", 64)
        .and_then(|max| yibao::parse_amount("max", &max))
        .map_err(reject)?;
    let most = analysis::curve::MAX_POINTS as u32;
    let points = input::tree(&points, "points")
        .and_then(|raw| Node::root(&raw, None).whole_number(2, most))
        .map_err(reject)?;
    let points = usize::try_from(points).unwrap_or(usize::MAX);
    with_loaded(|policies| analysis::curve::curve(&request, policies, max, points))
}

#[cfg(feature = "cadre")]
/// The request's stays one by one: what each adds, and where thresholds and caps are reached.
#[wasm_bindgen]
pub fn year(request: JsValue) -> Result<JsValue, JsValue> {
    let request = read_request(&request)?;
    with_loaded(|policies| analysis::year::year(&request, policies))
}

#[cfg(feature = "cadre")]
/// A CSV file of households (text) in; `{ csv, rows, failed, errors }` out.
/// A bad row has its error in its own output row; a file that is not a
/// table at all rejects with the error.
#[wasm_bindgen]
pub fn batch(csv: JsValue, english: JsValue) -> Result<JsValue, JsValue> {
    let csv = input::text(&csv, "csv", yibao::batch::MAX_FILE_BYTES).map_err(reject)?;
    let english = input::tree(&english, "english")
        .and_then(|raw| Node::root(&raw, None).boolean())
        .map_err(reject)?;
    with_loaded(|policies| yibao::batch::run(&csv, policies, english))
}

/// Every loaded policy: ids, names, versions, schemes, categories, levels, layers.
/// (The catalogue of all policies is `policies/index.json`, written by `yibao bake`;
/// the page reads that, so the first module has no copy of this.)
#[cfg(feature = "cadre")]
#[wasm_bindgen]
pub fn policies() -> Result<JsValue, JsValue> {
    LOADED.with(|loaded| {
        to_js(
            &loaded
                .borrow()
                .iter()
                .map(PolicySummary::of)
                .collect::<Vec<_>>(),
        )
    })
}

/// Reads an amount as a person typed it (`12,000`, `１２０００`, `1.2万`).
/// Resolves to `{ value: "12000.00", display: "12,000.00" }`.
#[wasm_bindgen(js_name = parseAmount)]
pub fn parse_amount(field: JsValue, text: JsValue) -> Result<JsValue, JsValue> {
    let field = input::text(&field, "field", 200).map_err(reject)?;
    // Longer texts are refused as not an amount by the library itself.
    let text = input::text(&text, &field, 1_000).map_err(reject)?;
    to_js(&yibao::read_amount(&field, &text).map_err(reject)?)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use serde_json::{Value, json};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Loads every policy of `policies/`, as the page loads one region's file.
    fn load_all() {
        let bytes = yibao::policy::data::to_bytes(yibao::baked::policies().expect("baked"))
            .expect("encode");
        super::load_policies(JsValue::from(bytes)).expect("the baked policies load");
    }

    fn from_js(value: &JsValue) -> Value {
        serde_wasm_bindgen::from_value(value.clone()).expect("a plain JS object")
    }

    fn to_js(value: &Value) -> JsValue {
        super::to_js(value).expect("JSON value to JS")
    }

    /// The properties of a plain object whose values are all strings.
    fn fields(object: &JsValue) -> HashMap<String, String> {
        serde_wasm_bindgen::from_value(object.clone()).expect("a plain object of strings")
    }

    #[wasm_bindgen_test]
    fn wan_amount_becomes_a_plain_object_of_decimal_strings() {
        let parsed = fields(
            &super::parse_amount("compliant".into(), "1.2万".into()).expect("1.2万 is an amount"),
        );
        assert_eq!(parsed["value"], "12000.00");
        assert_eq!(parsed["display"], "12,000.00");
    }

    #[wasm_bindgen_test]
    fn negative_amount_rejects_with_the_field_and_both_messages() {
        let error = fields(
            &super::parse_amount("compliant".into(), "-5".into()).expect_err("negative is refused"),
        );
        assert_eq!(error["field"], "compliant");
        assert_eq!(error["message_zh"], "金额不能为负数");
        assert_eq!(error["message_en"], "the amount cannot be negative");
    }

    /// Inner Mongolia 2020, ordinary resident, one county stay of 20,000 yuan:
    /// basic (20000 − 500) × 85% = 16575.00 (deductible and rate assumed, the
    /// rate calibrated on line 22's reported 75%); the 3425.00 left is below
    /// the 14,000 critical-illness threshold, so out of pocket 3425.00 + 1000.
    #[wasm_bindgen_test]
    fn estimate_returns_plain_objects_with_decimal_strings() {
        let request = json!({
            "policy": "inner_mongolia", "scheme": "resident", "category": "ordinary",
            "admissions": [{ "level": "county", "compliant": 20000, "out_of_policy": "1000" }]
        });
        load_all();
        let estimate = from_js(&super::estimate(to_js(&request)).expect("a valid request"));
        assert_eq!(estimate["total"], "21000.00");
        assert_eq!(estimate["layers"][0]["id"], "basic");
        assert_eq!(estimate["layers"][0]["paid"], "16575.00");
        assert_eq!(estimate["layers"][1]["id"], "outpatient");
        assert_eq!(estimate["layers"][1]["paid"], "0.00");
        assert_eq!(estimate["out_of_pocket"]["total"], "4425.00");
        assert_eq!(
            estimate["layers"][0]["steps"][0]["formula"],
            "(20000 − 500) × 85% = 16575.00"
        );
    }

    /// Summary mode: the same payments and assumptions, no steps or figure table.
    #[wasm_bindgen_test]
    fn estimate_without_explanation_keeps_payments_and_assumptions() {
        let request = json!({
            "policy": "inner_mongolia", "scheme": "resident", "category": "ordinary", "explain": false,
            "admissions": [{ "level": "county", "compliant": "20000" }]
        });
        load_all();
        let estimate = from_js(&super::estimate(to_js(&request)).expect("a valid request"));
        assert_eq!(estimate["layers"][0]["paid"], "16575.00");
        assert_eq!(estimate["layers"][0]["steps"], json!([]));
        assert_eq!(estimate["figures"], json!([]));
        assert_eq!(
            estimate["assumptions"][0]["parameter"],
            "basic.resident.deductible.county"
        );
    }

    #[wasm_bindgen_test]
    fn data_of_another_format_is_refused_with_a_message() {
        let error = fields(
            &super::load_policies(JsValue::from(b"not policy data".to_vec())).expect_err("garbage"),
        );
        assert!(
            error["message_zh"].contains("请刷新页面"),
            "{}",
            error["message_zh"]
        );
    }

    #[wasm_bindgen_test]
    fn bad_request_rejects_naming_the_field() {
        let request = json!({
            "policy": "inner_mongolia", "scheme": "resident", "category": "ordinary",
            "admissions": [{ "level": "county", "compliant": "-3" }]
        });
        load_all();
        let error = fields(&super::estimate(to_js(&request)).expect_err("negative cost"));
        assert_eq!(error["field"], "admissions[0].compliant");
        assert_eq!(error["message_zh"], "金额不能为负数");
        let error = fields(
            &super::estimate(JsValue::from_str("not an object")).expect_err("not an object"),
        );
        assert_eq!(error["field"], "");
        assert!(
            error["message_en"].contains("expected a table"),
            "{}",
            error["message_en"]
        );
    }

    /// The curve of tests/analysis.rs, through the boundary: decimal strings.
    #[cfg(feature = "cadre")]
    #[wasm_bindgen_test]
    fn curve_crosses_as_decimal_strings_with_its_marks() {
        let request = json!({
            "policy": "inner_mongolia", "scheme": "resident", "category": "ordinary",
            "admissions": [{ "level": "county", "compliant": "20000" }]
        });
        load_all();
        let curve =
            from_js(&super::curve(to_js(&request), "1000000".into(), 201.into()).expect("a curve"));
        assert_eq!(curve["costs"].as_array().map(Vec::len), Some(201));
        // At 20,000: 20000 − 16575 = 3425; critical illness starts above
        // 90,500.03 (tests/analysis.rs works both out).
        assert_eq!(curve["out_of_pocket"][4], "3425.00");
        assert_eq!(curve["marks"][1]["layer"], "critical_illness");
        assert_eq!(curve["marks"][1]["cost"], "90500.03");
        let error =
            fields(&super::curve(to_js(&request), "0".into(), 201.into()).expect_err("max 0"));
        assert_eq!(error["field"], "max");
    }

    #[cfg(feature = "cadre")]
    #[wasm_bindgen_test]
    fn batch_returns_the_csv_and_the_row_errors() {
        load_all();
        let csv = "id,policy,scheme,category,level,compliant\n\
                   a,inner_mongolia,resident,ordinary,county,20000\n\
                   b,inner_mongolia,resident,ordinary,county,-1\n";
        let outcome = from_js(&super::batch(csv.into(), false.into()).expect("a table"));
        assert_eq!(outcome["rows"], 2);
        assert_eq!(outcome["failed"], 1);
        assert_eq!(outcome["errors"][0]["column_zh"], "合规费用");
        assert_eq!(outcome["errors"][0]["column_en"], "compliant");
        assert!(
            outcome["csv"]
                .as_str()
                .is_some_and(|c| c.contains("a,inner_mongolia,2020"))
        );
    }

    #[cfg(feature = "cadre")]
    #[wasm_bindgen_test]
    fn policies_lists_the_loaded_policies() {
        load_all();
        let list = from_js(&super::policies().expect("loaded policies"));
        let inner_mongolia = list
            .as_array()
            .and_then(|l| l.iter().find(|p| p["id"] == "inner_mongolia"));
        let versions = &inner_mongolia.expect("inner_mongolia is baked")["versions"];
        assert_eq!(versions[0]["label"], "2020");
        // basic, outpatient, chronic_outpatient, critical_illness,
        // medical_assistance, supplementary, backstop.
        assert_eq!(versions[0]["layers"].as_array().map(Vec::len), Some(7));
    }
}
