//! A JSON request, as the command line and (as a JS object) the page get it:
//! read, estimated under the shipped policies, and drawn by the cadre's
//! views. Any input may be refused with an error; none may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yibao::analysis::{categories, curve, year};
use yibao::engine::{self, Request};
use yibao::raw::Raw;

fuzz_target!(|data: &str| {
    let Ok(raw) = serde_json::from_str::<Raw>(data) else { return };
    let Ok(request) = Request::from_raw(&raw) else { return };
    let policies = yibao::baked::policies().expect("baked");
    if let Ok(estimate) = engine::estimate(&request, policies) {
        let paid: rust_decimal::Decimal = estimate.layers.iter().map(|l| l.paid.0).sum();
        assert_eq!(paid + estimate.out_of_pocket.total.0, estimate.total.0);
        let _ = year::year(&request, policies);
        let _ = categories::compare(&request, policies);
        let _ = curve::curve(&request, policies, estimate.total.0.max(rust_decimal::Decimal::ONE), 12);
    }
});
