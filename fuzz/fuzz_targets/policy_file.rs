//! A policy file (TOML): read and validated; a file that passes is then used
//! for an estimate of one stay in every scheme and category of every version.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use yibao::engine::{self, Admission, Request};

fuzz_target!(|data: &str| {
    let Ok(policy) = yibao::toml_input::policy_from_toml("fuzz.toml", data) else { return };
    for version in &policy.versions {
        let pairs = version.schemes.iter().flat_map(|&s| version.categories.iter().map(move |&c| (s, c)));
        for (scheme, category) in pairs {
            let request = Request {
                policy: policy.id.clone(),
                date: Some(version.valid_from),
                scheme,
                category,
                age: Some(8),
                admissions: version
                    .levels
                    .iter()
                    .map(|l| Admission {
                        level: l.level,
                        compliant: Decimal::from(123_456),
                        out_of_policy: Decimal::from(7_890),
                    })
                    .collect(),
                overrides: Vec::new(),
                explain: true,
            };
            let _ = engine::estimate(&request, std::slice::from_ref(&policy));
        }
    }
});
