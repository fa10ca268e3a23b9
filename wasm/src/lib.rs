//! WebAssembly bindings of yibao: the functions the page calls, and nothing else.
//!
//! Values cross the boundary as plain JS objects (serde-wasm-bindgen); amounts
//! inside them are decimal strings. A bad input rejects with the library's
//! structured error `{ field, message_zh, message_en }`, never a panic.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;

/// Reads an amount as a person typed it (`12,000`, `１２０００`, `1.2万`).
/// Resolves to `{ value: "12000.00", display: "12,000.00" }`.
#[wasm_bindgen(js_name = parseAmount)]
pub fn parse_amount(field: &str, text: &str) -> Result<JsValue, JsValue> {
    match yibao::read_amount(field, text) {
        Ok(parsed) => Ok(serde_wasm_bindgen::to_value(&parsed)?),
        Err(error) => Err(serde_wasm_bindgen::to_value(&error)?),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The object's properties, which must all be strings.
    fn fields(object: &JsValue) -> HashMap<String, String> {
        serde_wasm_bindgen::from_value(object.clone()).expect("a plain object of strings")
    }

    #[wasm_bindgen_test]
    fn wan_amount_becomes_a_plain_object_of_decimal_strings() {
        let parsed = super::parse_amount("compliant", "1.2万").expect("1.2万 is an amount");
        let parsed = fields(&parsed);
        assert_eq!(parsed["value"], "12000.00");
        assert_eq!(parsed["display"], "12,000.00");
    }

    #[wasm_bindgen_test]
    fn negative_amount_rejects_with_the_field_and_both_messages() {
        let error = super::parse_amount("compliant", "-5").expect_err("negative is refused");
        let error = fields(&error);
        assert_eq!(error["field"], "compliant");
        assert_eq!(error["message_zh"], "金额不能为负数");
        assert_eq!(error["message_en"], "the amount cannot be negative");
    }
}
