//! How long one estimate takes natively (the issue's target: under 5 µs for a
//! one-stay request). A measurement, not a test: run it by hand with
//! `cargo bench --bench estimate` or `tools/bench.sh` (which also measures
//! the wasm module in Node, target under 20 µs).
//!
//! Four figures, all on the baked policies (Inner Mongolia 2020):
//! - `estimate/one_stay`: `engine::estimate` on an already read request;
//! - `estimate/five_stays`: the same with five stays at three levels;
//! - `estimate/json_one_stay`: the whole path the command line takes, from
//!   JSON text: `serde_json` into `Raw`, `Request::from_raw`, `estimate`;
//! - `estimate/json_round_trip_one_stay`: that, and the estimate written back
//!   as JSON text; the nearest native counterpart of the wasm `estimate`,
//!   which also reads its input and builds the whole result as JS objects.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use yibao::baked;
use yibao::engine::{self, Request};
use yibao::raw::Raw;

const ONE_STAY: &str = r#"{"policy":"inner_mongolia","scheme":"resident","category":"registered_poor",
  "admissions":[{"level":"county","compliant":"50000","out_of_policy":"8000"}]}"#;

const FIVE_STAYS: &str = r#"{"policy":"inner_mongolia","scheme":"resident","category":"registered_poor",
  "admissions":[
    {"level":"township","compliant":"3200","out_of_policy":"150"},
    {"level":"county","compliant":"18000","out_of_policy":"2400"},
    {"level":"city","compliant":"65000","out_of_policy":"9800.5"},
    {"level":"city","compliant":"42000","out_of_policy":"5100"},
    {"level":"county","compliant":"7600.25"}
  ]}"#;

fn request(json: &str) -> Request {
    let raw: Raw = serde_json::from_str(json).expect("benchmark request is valid JSON");
    Request::from_raw(&raw).expect("benchmark request reads")
}

fn bench_estimate(c: &mut Criterion) {
    let policies = baked::policies().expect("baked policies decode");
    let one = request(ONE_STAY);
    let five = request(FIVE_STAYS);
    assert_eq!(five.admissions.len(), 5);
    // Fail here, not inside the timing loop, if a request stops fitting the policy.
    engine::estimate(&one, policies).expect("one-stay estimate");
    engine::estimate(&five, policies).expect("five-stay estimate");

    let mut group = c.benchmark_group("estimate");
    group.bench_function("one_stay", |b| {
        b.iter(|| engine::estimate(black_box(&one), black_box(policies)).unwrap())
    });
    // Summary mode: the same cascade without the explanation's words, as the
    // page uses on every keystroke and for curves.
    let summary = Request {
        explain: false,
        ..one.clone()
    };
    group.bench_function("one_stay_summary", |b| {
        b.iter(|| engine::estimate(black_box(&summary), black_box(policies)).unwrap())
    });
    group.bench_function("five_stays", |b| {
        b.iter(|| engine::estimate(black_box(&five), black_box(policies)).unwrap())
    });
    group.bench_function("json_one_stay", |b| {
        b.iter(|| {
            let raw: Raw = serde_json::from_str(black_box(ONE_STAY)).unwrap();
            let request = Request::from_raw(&raw).unwrap();
            engine::estimate(&request, black_box(policies)).unwrap()
        })
    });
    group.bench_function("json_round_trip_one_stay", |b| {
        b.iter(|| {
            let raw: Raw = serde_json::from_str(black_box(ONE_STAY)).unwrap();
            let request = Request::from_raw(&raw).unwrap();
            let estimate = engine::estimate(&request, black_box(policies)).unwrap();
            serde_json::to_string(&estimate).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_estimate);
criterion_main!(benches);
